//! Batch mode on JSONL corpora: only the text field changes (every other byte of a
//! line is kept, key order and number spelling included), output in input order, a
//! malformed line reported with its number while the rest is processed, stdin, the
//! JSONL report format, cross-document paragraphs and dropped near-duplicate
//! documents with their clusters, `--check` annotations, and `-j 1` against `-j 2`.
//!
//! The corpora are built here from `fixtures/` (nothing needs `../shared`).

use crate::util::{check_doc, fixture, parse_report, Dir};
use zhclean::report::{DocReport, ReportTail};

const SEED: &str = "seed/000_c23f71ea9a2bd46e.txt";

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

fn clean_texts() -> Vec<String> {
    let mut v: Vec<_> = std::fs::read_dir(fixture("clean"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v.iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// What the single-document mode makes of `text`.
fn cleaned(text: &str) -> String {
    let r = Dir::new().run(&[], Some(text.as_bytes()));
    r.assert_code(0);
    r.text()
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn only_the_text_field_changes() {
    let seed = read(SEED);
    let clean = &clean_texts()[0];
    // (before the text value, text, after it): odd spacing, key order, number
    // spellings, escapes and nested values must all survive byte for byte
    let parts = [
        (
            r#"{"id": 1.50, "text": "#.to_string(),
            seed.clone(),
            r#", "meta": {"b": [1, 2e3, null], "a": "\u00e9"}}"#.to_string(),
        ),
        (
            r#"{ "z" :true,"text":"#.to_string(),
            clean.clone(),
            r#" ,"y":-0.0 }"#.to_string(),
        ),
        (
            r#"{"text": "#.to_string(),
            "短".to_string(),
            "}".to_string(),
        ),
    ];
    let mut input = String::new();
    for (a, t, b) in &parts {
        input.push_str(&format!("{a}{}{b}\n", json(t)));
    }
    let d = Dir::new();
    d.write("in.jsonl", &input);
    let r = d.run(
        &[
            "--jsonl",
            "in.jsonl",
            "-o",
            "out.jsonl",
            "--report",
            "r.json",
        ],
        None,
    );
    r.assert_code(0);
    let out = String::from_utf8(d.read("out.jsonl")).unwrap();
    let expected: String = parts
        .iter()
        .map(|(a, t, b)| format!("{a}{}{b}\n", json(&cleaned(t))))
        .collect();
    assert_eq!(out, expected);
    let rep = d.report("r.json");
    assert_eq!(rep.documents.len(), 3);
    for (doc, (_, t, _)) in rep.documents.iter().zip(&parts) {
        check_doc(t, doc).unwrap();
        assert_eq!(doc.path.as_deref(), Some("in.jsonl"));
    }
    let lines: Vec<_> = rep.documents.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(1), Some(2), Some(3)]);
    assert_eq!(rep.documents[0].removed[0].kind.as_str(), "block");

    // stdin, and `-`, give the same output
    let r = d.run(&["--jsonl"], Some(input.as_bytes()));
    r.assert_code(0);
    assert_eq!(r.text(), expected);
    let r = d.run(&["--jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(r.text(), expected);
}

#[test]
fn a_malformed_line_is_reported_and_the_rest_is_processed() {
    let seed = read(SEED);
    let input = format!(
        "{{\"text\": {}}}\n{{\"text\": \"缺了引号}}\n\n{{\"title\": \"no text\"}}\r\n{{\"text\": \"好\"}}",
        json(&seed)
    );
    let d = Dir::new();
    d.write("c.jsonl", &input);
    let r = d.run(
        &[
            "--jsonl",
            "c.jsonl",
            "-o",
            "out.jsonl",
            "--report",
            "r.json",
            "-j",
            "2",
        ],
        None,
    );
    r.assert_code(2);
    assert!(r.stderr.contains("c.jsonl:2: invalid JSON"), "{}", r.stderr);
    assert!(
        r.stderr.contains("c.jsonl:4: no field \"text\""),
        "{}",
        r.stderr
    );
    let out = String::from_utf8(d.read("out.jsonl")).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    // line 1 cleaned, line 2 (malformed) and 3 (blank) not written, line 4 unchanged,
    // line 5 cleaned (no final newline in the input; one in the output)
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0], format!("{{\"text\": {}}}", json(&cleaned(&seed))));
    assert_eq!(lines[1], "{\"title\": \"no text\"}");
    assert_eq!(lines[2], "{\"text\": \"好\"}");
    let rep = d.report("r.json");
    assert_eq!(rep.documents.len(), 2);
    let errs: Vec<_> = rep.errors.iter().map(|e| e.line).collect();
    assert_eq!(errs, [Some(2), Some(4)]);
    assert_eq!(rep.summary.errors, 2);
}

/// A corpus with duplicates of every kind: doubled bodies, a syndicated paragraph,
/// exact and near-duplicate documents.
fn corpus() -> (String, usize) {
    let clean = clean_texts();
    let seed = read(SEED);
    let mut docs: Vec<String> = Vec::new();
    for (i, t) in clean.iter().enumerate() {
        docs.push(t.clone());
        if i % 3 == 0 {
            docs.push(seed.clone());
        }
        if i % 4 == 1 {
            // a near duplicate of the previous article: one paragraph edited, a credit line
            let edited = t.replacen('，', ",", 1).replacen("的", "之", 1) + "（完）\n";
            docs.push(edited);
        }
        if i % 5 == 2 {
            // a new article that quotes the first paragraph of an earlier one (its own
            // body: another article with every line reversed, like no other document)
            let first = clean[0].lines().find(|l| l.chars().count() > 20).unwrap();
            let body: String = clean[(i + 11) % clean.len()]
                .lines()
                .map(|l| l.chars().rev().collect::<String>() + "\n")
                .collect();
            docs.push(format!("{first}\n{body}"));
        }
    }
    let n = docs.len();
    let s = docs
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{{\"id\": {i}, \"text\": {}}}\n", json(t)))
        .collect();
    (s, n)
}

#[test]
fn threads_do_not_change_a_byte() {
    let (input, _) = corpus();
    let d = Dir::new();
    d.write("c.jsonl", &input);
    let mut outs = Vec::new();
    for j in ["1", "2", "4"] {
        for (mode, fmt) in [
            ("--cross-doc=drop", "json"),
            ("--cross-doc=report", "jsonl"),
        ] {
            let r = d.run(
                &[
                    "--jsonl",
                    "c.jsonl",
                    "-o",
                    "o.jsonl",
                    "--report",
                    "r",
                    "--report-format",
                    fmt,
                    mode,
                    "-j",
                    j,
                ],
                None,
            );
            r.assert_code(0);
            outs.push((j, mode, d.read("o.jsonl"), d.read("r"), r.stderr));
        }
    }
    for o in &outs[2..] {
        let base = if o.1 == "--cross-doc=drop" {
            &outs[0]
        } else {
            &outs[1]
        };
        assert!(o.2 == base.2, "-j {} output differs ({})", o.0, o.1);
        assert!(o.3 == base.3, "-j {} report differs ({})", o.0, o.1);
        assert_eq!(o.4, base.4);
    }
}

#[test]
fn cross_document_paragraphs_and_dropped_documents() {
    let (input, n) = corpus();
    let d = Dir::new();
    d.write("c.jsonl", &input);
    let r = d.run(
        &[
            "--jsonl",
            "c.jsonl",
            "-o",
            "o.jsonl",
            "--report",
            "r.json",
            "--cross-doc",
            "drop",
        ],
        None,
    );
    r.assert_code(0);
    let rep = d.report("r.json");
    assert_eq!(rep.documents.len(), n);
    let cross = rep.summary.cross_document.clone().unwrap();
    // every seed after the first is an exact duplicate; every edited copy a near one
    let seeds = (0..30).filter(|i| i % 3 == 0).count();
    let edits = (0..30).filter(|i| i % 4 == 1).count();
    assert_eq!(
        cross.documents_dropped,
        seeds - 1 + edits,
        "{:#?}",
        rep.clusters
    );
    let seed_cluster = rep
        .clusters
        .iter()
        .find(|c| c.dropped.len() == seeds - 1)
        .expect("the seed cluster");
    assert_eq!(seed_cluster.kept.line, Some(2));
    assert!(seed_cluster.dropped.iter().all(|m| m.similarity == 1.0));
    for c in &rep.clusters {
        for m in &c.dropped {
            assert!(m.similarity >= 0.8 && m.document > c.kept.document);
            let doc = &rep.documents[m.document];
            let drop = doc.dropped.as_ref().unwrap();
            assert_eq!(drop.duplicate_of, c.kept);
            assert_eq!(doc.chars_out, 0);
        }
    }
    // dropped documents are not written; the rest keep their order
    let out = String::from_utf8(d.read("o.jsonl")).unwrap();
    let ids: Vec<usize> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap() as usize
        })
        .collect();
    let kept: Vec<usize> = (0..n)
        .filter(|&i| rep.documents[i].dropped.is_none())
        .collect();
    assert_eq!(ids, kept);
    // the quoted paragraph is reported in every quoting article, pointing at the first
    // (other articles share a date line, first seen elsewhere)
    let quoting: Vec<&DocReport> = rep
        .documents
        .iter()
        .filter(|d| d.cross_document.iter().any(|c| c.first.document == 0))
        .collect();
    assert_eq!(quoting.len(), 6);
    for q in &quoting {
        let c = &q.cross_document[0];
        assert_eq!(c.first.line, Some(1));
        assert_eq!(c.first_line, 1);
        assert_eq!(c.lines, [1, 1]);
        assert!(q.chars_removed + q.cross_doc_chars <= q.chars_in);
    }
    // the most repeated paragraphs: the seed's lines (twice in each of its copies),
    // and the quoted one (its article and six quotes)
    let top = &rep.summary.top_paragraphs;
    assert_eq!(top.len(), 20);
    assert_eq!(top[0].count, 2 * seeds);
    assert_eq!(top[0].first.document, 1);
    let quoted = top
        .iter()
        .find(|p| p.first.document == 0)
        .expect("quoted paragraph");
    assert_eq!((quoted.count, quoted.first_line), (7, 1));
    assert!(top.windows(2).all(|w| w[0].count >= w[1].count));
}

#[test]
fn jsonl_report_format_is_one_document_per_line_and_the_summary_last() {
    let (input, n) = corpus();
    let d = Dir::new();
    d.write("c.jsonl", &input);
    let r = d.run(
        &[
            "--jsonl",
            "c.jsonl",
            "--check",
            "--max-dup-ratio",
            "1",
            "--report",
            "r.jsonl",
            "--report-format",
            "jsonl",
            "-q",
        ],
        None,
    );
    r.assert_code(0);
    assert!(r.stdout.is_empty() && r.stderr.is_empty());
    let text = String::from_utf8(d.read("r.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), n + 1);
    let docs: Vec<DocReport> = lines[..n]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let tail: ReportTail = serde_json::from_str(lines[n]).unwrap();
    assert_eq!(tail.summary.documents, n);
    assert_eq!(
        tail.summary.chars_removed,
        docs.iter().map(|d| d.chars_removed).sum::<usize>()
    );
    // the same run as one JSON report holds the same documents
    let r = d.run(
        &[
            "--jsonl",
            "c.jsonl",
            "--check",
            "--max-dup-ratio",
            "1",
            "--report",
            "r.json",
            "-q",
        ],
        None,
    );
    r.assert_code(0);
    let rep = parse_report(&d.read("r.json"));
    assert_eq!(rep.documents, docs);
    assert_eq!(rep.summary, tail.summary);
}

#[test]
fn check_annotates_jsonl_lines() {
    let seed = read(SEED);
    let input = format!(
        "{{\"text\": \"短文\"}}\n{{\"text\": {}}}\nnot json\n",
        json(&seed)
    );
    let d = Dir::new();
    d.write("c.jsonl", &input);
    let r = d.run(
        &["--jsonl", "c.jsonl", "--check", "--format", "github", "-q"],
        None,
    );
    r.assert_code(2); // the malformed line wins over the check
    let out = r.text();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("::warning file=c.jsonl,line=2,"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("::error file=c.jsonl,line=3,"),
        "{out}"
    );
    let r = d.run(&["--jsonl", "c.jsonl", "--format", "github"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("add -o FILE or --check"), "{}", r.stderr);
}

#[test]
fn two_outputs_on_one_file_are_refused() {
    let d = Dir::new();
    d.write("c.jsonl", "{\"text\": \"好\"}\n");
    let r = d.run(&["--jsonl", "c.jsonl", "-o", "x", "--report", "./x"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("-o and --report both name x"),
        "{}",
        r.stderr
    );
    assert!(!d.exists("x"));
    let r = d.run(&["--jsonl", "c.jsonl", "-o", "c.jsonl"], None);
    r.assert_code(2);
    assert_eq!(d.read("c.jsonl"), b"{\"text\": \"\xe5\xa5\xbd\"}\n");
}
