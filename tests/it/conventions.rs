//! Command-line conventions (issue 12): `-` is stdout for `-o`, `--report` and
//! `--summary-md` (and two outputs on stdout are refused); BCP 47 and OpenCC names for
//! `--to`; `--cross-doc PATH` explains `=`; a file as `--out-dir` is one error; hidden
//! files are mentioned only when the glob would take them; the default glob ignores
//! case; `--check` reads one document from stdin; a JSONL run whose reader stops early
//! still writes its report and says where it stopped.

use crate::util::{fixture, parse_report, read_fixture, Dir, BIN};
use std::io::Read;
use std::process::{Command, Stdio};

const SEED: &str = "seed/000_c23f71ea9a2bd46e.txt";

#[test]
fn dash_is_stdout_for_every_output() {
    let d = Dir::new();
    let seed = fixture(SEED);
    let seed = seed.to_str().unwrap();
    let plain = d.run(&[seed], None);
    plain.assert_code(0);
    let r = d.run(&[seed, "-o", "-"], None);
    r.assert_code(0);
    assert_eq!(r.stdout, plain.stdout);
    assert!(!d.exists("-"), "no file named -");
    // the report on stdout, the text to a file
    let r = d.run(&[seed, "-o", "clean.txt", "--report", "-"], None);
    r.assert_code(0);
    let rep = parse_report(&r.stdout);
    assert!(rep.documents[0].chars_removed > 0);
    assert_eq!(d.read("clean.txt"), plain.stdout);
    // JSONL: -o - and --summary-md -
    let corpus = fixture("corpus/corpus.jsonl");
    let corpus = corpus.to_str().unwrap();
    let r = d.run(&["--jsonl", corpus, "-o", "-"], None);
    r.assert_code(0);
    assert_eq!(r.text().lines().count(), 8);
    let r = d.run(
        &["--check", "--jsonl", corpus, "--summary-md", "-", "-q"],
        None,
    );
    r.assert_code(1);
    assert!(r.text().contains("| "), "a Markdown table: {}", r.text());
    assert!(!d.exists("-"));
    // two outputs on stdout: refused before anything is read
    let r = d.run(&[seed, "--report", "-"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("would all write to stdout"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn to_takes_bcp47_and_opencc_names() {
    let d = Dir::new();
    let text = "软件和网络的信息。".as_bytes();
    let run = |to: &str| {
        let r = d.run(&["--to", to], Some(text));
        r.assert_code(0);
        r.text()
    };
    assert_eq!(run("zh-CN"), run("zh-hans"));
    assert_eq!(run("zh-Hans"), run("zh-hans"));
    assert_eq!(run("zh-TW"), run("zh-tw"));
    assert_eq!(run("zh-Hant"), run("zh-hant"));
    assert_eq!(run("ZH-HK"), run("zh-hk"));
    assert_eq!(run("s2t"), run("zh-hant"));
    // s2twp is zh-tw with Taiwan phrases
    let twp = run("s2twp");
    let r = d.run(&["--to", "zh-tw", "--phrases"], Some(text));
    assert_eq!(twp, r.text());
    assert!(twp.contains("軟體"), "{twp}");
    // refused clearly, with the nearest
    let r = d.run(&["--to", "tw2s"], Some(text));
    r.assert_code(2);
    assert!(r.stderr.contains("nearest is --to zh-hans"), "{}", r.stderr);
    let r = d.run(&["--to", "zh-hnat"], Some(text));
    r.assert_code(2);
    assert!(r.stderr.contains("did you mean zh-hant"), "{}", r.stderr);
}

#[test]
fn cross_doc_with_a_path_suggests_equals() {
    let d = Dir::new();
    d.write("news/a.txt", "一段。\n");
    let r = d.run(&["--check", "--cross-doc", "news/"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("--cross-doc=report news/"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_file_as_out_dir_is_one_error() {
    let d = Dir::new();
    for i in 0..5 {
        d.write(&format!("in/{i}.txt"), "一段文字。\n");
    }
    d.write("taken", "x");
    let r = d.run(&["in", "--out-dir", "taken"], None);
    r.assert_code(2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("is a file, not a folder"), "{}", r.stderr);
}

#[test]
fn hidden_files_are_mentioned_only_when_the_glob_takes_them() {
    let d = Dir::new();
    d.write("in/a.txt", "一段文字。\n");
    d.write("in/.DS_Store", "x");
    d.write("in/.git/config", "x");
    d.write("in/.draft.txt", "一段文字。\n");
    d.write("in/.old/b.txt", "一段文字。\n");
    d.write("in/C.TXT", "一段文字。\n");
    let r = d.run(&["--check", "in", "--report", "r.json"], None);
    r.assert_code(0);
    assert!(r.stderr.contains(".draft.txt"), "{}", r.stderr);
    assert!(r.stderr.contains(".old"), "{}", r.stderr);
    assert!(!r.stderr.contains(".DS_Store"), "{}", r.stderr);
    assert!(!r.stderr.contains(".git"), "{}", r.stderr);
    // *.TXT is taken by the default glob
    let rep = d.report("r.json");
    let paths: Vec<String> = rep
        .documents
        .iter()
        .map(|x| x.path.clone().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("C.TXT")), "{paths:?}");
    assert_eq!(paths.len(), 2);
}

#[test]
fn check_reads_one_document_from_stdin() {
    let d = Dir::new();
    let seed = read_fixture(SEED);
    let r = d.run(&["--check", "--max-dup-ratio", "0.05"], Some(&seed));
    r.assert_code(1);
    let r = d.run(
        &["--check", "-", "--report", "r.json"],
        Some("一段文字，没有重复。\n".as_bytes()),
    );
    r.assert_code(0);
    let rep = d.report("r.json");
    assert_eq!(rep.documents.len(), 1);
    assert_eq!(rep.documents[0].path, None);
}

/// A CI step whose glob expands to nothing runs `zhclean --check` with stdin at
/// `/dev/null`: that is a usage error saying so, not a pass on empty input. Naming
/// `-` still reads whatever stdin is.
#[test]
fn check_without_paths_and_nothing_on_stdin_is_an_error() {
    let d = Dir::new();
    let out = Command::new(BIN)
        .arg("--check")
        .current_dir(d.path())
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did a glob expand to nothing"), "{err}");
    let out = Command::new(BIN)
        .args(["--check", "-"])
        .current_dir(d.path())
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn jsonl_cut_short_by_its_reader_still_writes_its_report() {
    let d = Dir::new();
    let one = read_fixture("corpus/corpus.jsonl");
    let big: Vec<u8> = one.repeat(150); // 1,200 records, 2.9 MB: more than a pipe holds
    let input = d.write("big.jsonl", &big);
    let mut child = Command::new(BIN)
        .args([
            "--jsonl",
            input.to_str().unwrap(),
            "-j",
            "1",
            "--report",
            "r.json",
        ])
        .current_dir(d.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = vec![0u8; 1000];
    out.read_exact(&mut first).unwrap();
    drop(out); // like `| head -c 1000`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.contains("stdout was closed by its reader"), "{err}");
    let rep = d.report("r.json");
    assert!(!rep.documents.is_empty() && rep.documents.len() < 1200);
    assert!(rep.skipped[0].message.contains("stdout was closed"));
}
