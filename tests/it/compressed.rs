//! Compressed corpora (issue 12): gzip, zstd and bzip2 inputs are read by their magic
//! bytes for JSONL and for files, with the same output and report as the plain input;
//! an output named `*.gz` / `*.zst` is written compressed; formats zhclean does not
//! read are refused once, with what to do.
//!
//! `fixtures/corpus/corpus.jsonl{,.gz,.zst,.bz2}`: eight records, the last an exact
//! copy of the third (see fixtures/README.md).

use crate::util::{fixture, parse_report, read_fixture, Dir};
use std::io::{Read, Write};
use zhclean::compress::{Codec, Encoder};

const SEED: &str = "seed/000_c23f71ea9a2bd46e.txt";

fn pack(data: &[u8], codec: Codec) -> Vec<u8> {
    let mut e = Encoder::new(Vec::new(), Some(codec)).unwrap();
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn unpack(data: &[u8]) -> Vec<u8> {
    let (mut r, codec) =
        zhclean::compress::reader(std::io::Cursor::new(data.to_vec()), true).expect("readable");
    assert!(codec.is_some(), "not compressed");
    let mut out = Vec::new();
    r.read_to_end(&mut out).unwrap();
    out
}

/// The report's documents without any `path` (which names the input file).
fn docs_without_path(report: &[u8]) -> Vec<serde_json::Value> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("path");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_slice(report).unwrap();
    strip(&mut v["documents"]);
    v["documents"].as_array().unwrap().clone()
}

#[test]
fn compressed_jsonl_reads_like_plain_jsonl_also_with_drop() {
    let d = Dir::new();
    let plain = fixture("corpus/corpus.jsonl");
    let plain = plain.to_str().unwrap();
    d.run(
        &[
            "--jsonl",
            plain,
            "--cross-doc=drop",
            "-o",
            "plain.jsonl",
            "--report",
            "plain.json",
        ],
        None,
    )
    .assert_code(0);
    let want_out = d.read("plain.jsonl");
    let want_docs = docs_without_path(&d.read("plain.json"));
    assert_eq!(want_docs.len(), 8);
    assert!(
        want_docs[7]["dropped"].is_object(),
        "the copy is dropped: {:?}",
        want_docs[7]
    );
    for ext in ["gz", "zst", "bz2"] {
        let src = fixture(&format!("corpus/corpus.jsonl.{ext}"));
        let (out, rep) = (format!("{ext}.jsonl"), format!("{ext}.json"));
        d.run(
            &[
                "--jsonl",
                src.to_str().unwrap(),
                "--cross-doc=drop",
                "-o",
                &out,
                "--report",
                &rep,
            ],
            None,
        )
        .assert_code(0);
        assert_eq!(d.read(&out), want_out, "{ext}: output differs from plain");
        assert_eq!(
            docs_without_path(&d.read(&rep)),
            want_docs,
            "{ext}: report differs"
        );
    }
    // and from stdin
    let r = d.run(
        &["--jsonl", "--cross-doc=drop"],
        Some(&read_fixture("corpus/corpus.jsonl.zst")),
    );
    r.assert_code(0);
    assert_eq!(r.stdout, want_out);
}

#[test]
fn output_named_gz_or_zst_is_compressed() {
    let d = Dir::new();
    let src = fixture("corpus/corpus.jsonl");
    let src = src.to_str().unwrap();
    d.run(&["--jsonl", src, "-o", "out.jsonl"], None)
        .assert_code(0);
    let want = d.read("out.jsonl");
    for (name, codec) in [
        ("out.jsonl.gz", Codec::Gzip),
        ("out.jsonl.zst", Codec::Zstd),
    ] {
        d.run(
            &[
                "--jsonl",
                src,
                "-o",
                name,
                "--report",
                &format!("{name}.json.gz"),
            ],
            None,
        )
        .assert_code(0);
        let got = d.read(name);
        assert_eq!(Codec::sniff(&got), Some(codec), "{name}");
        assert_eq!(unpack(&got), want, "{name}");
        // the report too: its name ends in .gz
        parse_report(&unpack(&d.read(&format!("{name}.json.gz"))));
    }
    // a single document
    let seed = fixture(SEED);
    let plain = d.run(&[seed.to_str().unwrap()], None);
    plain.assert_code(0);
    d.run(&[seed.to_str().unwrap(), "-o", "seed.txt.zst"], None)
        .assert_code(0);
    assert_eq!(unpack(&d.read("seed.txt.zst")), plain.stdout);
}

#[test]
fn compressed_text_files_clean_like_plain_ones() {
    let d = Dir::new();
    let seed = read_fixture(SEED);
    let plain = d.run(&[], Some(&seed));
    plain.assert_code(0);
    // single document: a file and stdin
    d.write("one.txt.gz", pack(&seed, Codec::Gzip));
    let r = d.run(&["one.txt.gz"], None);
    r.assert_code(0);
    assert_eq!(r.stdout, plain.stdout);
    let r = d.run(&[], Some(&pack(&seed, Codec::Bzip2)));
    r.assert_code(0);
    assert_eq!(r.stdout, plain.stdout);
    // a folder: the default glob takes *.txt.gz and *.TXT.zst; the output keeps the
    // name and is compressed like the input
    d.write("in/a.txt.gz", pack(&seed, Codec::Gzip));
    d.write("in/b.TXT.zst", pack(&seed, Codec::Zstd));
    d.write("in/c.txt", &seed);
    d.run(&["in", "--out-dir", "out", "--report", "r.json"], None)
        .assert_code(0);
    assert_eq!(unpack(&d.read("out/a.txt.gz")), plain.stdout);
    assert_eq!(unpack(&d.read("out/b.TXT.zst")), plain.stdout);
    assert_eq!(d.read("out/c.txt"), plain.stdout);
    let rep = d.report("r.json");
    assert_eq!(rep.documents.len(), 3);
    let removed: Vec<usize> = rep.documents.iter().map(|x| x.chars_removed).collect();
    assert!(
        removed[0] > 0 && removed.iter().all(|&n| n == removed[0]),
        "{removed:?}"
    );
}

#[test]
fn unreadable_compression_is_refused_once_with_what_to_do() {
    let d = Dir::new();
    // xz magic: JSONL says once what it is and how to decompress it
    d.write(
        "c.jsonl.xz",
        b"\xFD7zXZ\x00\x00\x04\xE6\xD6\xB4\x46garbage".as_slice(),
    );
    let r = d.run(&["--jsonl", "c.jsonl.xz", "-o", "o.jsonl"], None);
    r.assert_code(2);
    assert_eq!(r.stderr.matches("c.jsonl.xz").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("xz -dc FILE"), "{}", r.stderr);
    // truncated gzip: the error names the file and the format, the rest of the batch goes on
    let mut gz = pack(&read_fixture("corpus/corpus.jsonl"), Codec::Gzip);
    gz.truncate(gz.len() / 2);
    d.write("half.jsonl.gz", &gz);
    let r = d.run(&["--jsonl", "half.jsonl.gz", "-o", "o.jsonl"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("half.jsonl.gz"), "{}", r.stderr);
    assert!(r.stderr.contains("corrupt gzip data"), "{}", r.stderr);
}
