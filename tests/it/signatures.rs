//! The distributed-deduplication verbs (issue 13): `signatures` → `pairs` →
//! `verify` → `resolve` → `apply` gives exactly the output, report and drops of
//! `--cross-doc=drop`; their JSONL schemas are checked in and real files validate;
//! bad input is an error naming the file and line.
//!
//! Regenerate the schemas after changing the record types:
//! `ZHCLEAN_BLESS=1 cargo test --test it signatures::`.

use crate::util::{fixture, golden, repo, Dir};

const EXCERPT: &str = "crossdoc/news_excerpt.jsonl.gz";

/// Run the five verbs on `input` in `d`; returns the drop list's bytes.
fn chain(d: &Dir, input: &str, id: &str) -> Vec<u8> {
    d.run(
        &[
            "signatures",
            "--jsonl",
            input,
            "--id-field",
            id,
            "-o",
            "sig.jsonl",
        ],
        None,
    )
    .assert_code(0);
    d.run(&["pairs", "sig.jsonl", "-o", "pairs.jsonl"], None)
        .assert_code(0);
    d.run(
        &[
            "verify",
            "pairs.jsonl",
            "--jsonl",
            input,
            "--id-field",
            id,
            "-o",
            "verdicts.jsonl",
        ],
        None,
    )
    .assert_code(0);
    d.run(&["resolve", "verdicts.jsonl", "-o", "drops.jsonl"], None)
        .assert_code(0);
    d.run(
        &[
            "apply",
            "--drop",
            "drops.jsonl",
            "--jsonl",
            input,
            "--id-field",
            id,
            "-o",
            "applied.jsonl",
            "--report",
            "applied.json",
            "-q",
        ],
        None,
    )
    .assert_code(0);
    d.read("drops.jsonl")
}

/// The drop list `--cross-doc=drop`'s report implies, in the drop list's format.
fn drops_of_report(report: &[u8]) -> String {
    let r: serde_json::Value = serde_json::from_slice(report).unwrap();
    let mut out = String::new();
    for (i, doc) in r["documents"].as_array().unwrap().iter().enumerate() {
        let Some(dropped) = doc.get("dropped") else {
            continue;
        };
        let rec = zhclean::signatures::DropRecord {
            schema_version: zhclean::signatures::SCHEMA_VERSION,
            id: doc["id"].as_str().unwrap().to_string(),
            document: i as u64,
            duplicate_of: dropped["duplicate_of"]["id"].as_str().unwrap().to_string(),
            duplicate_of_document: dropped["duplicate_of"]["document"].as_u64().unwrap(),
            similarity: dropped["similarity"].as_f64().unwrap(),
        };
        out.push_str(&serde_json::to_string(&rec).unwrap());
        out.push('\n');
    }
    out
}

#[test]
fn the_verbs_equal_cross_doc_drop_on_the_excerpt() {
    let d = Dir::new();
    let input = fixture(EXCERPT);
    let input = input.to_str().unwrap();
    d.run(
        &[
            "--jsonl",
            input,
            "--id-field",
            "doc_id",
            "--cross-doc=drop",
            "-o",
            "cli.jsonl",
            "--report",
            "cli.json",
            "-q",
        ],
        None,
    )
    .assert_code(0);
    let drops = chain(&d, input, "doc_id");
    let expected = drops_of_report(&d.read("cli.json"));
    assert_eq!(expected.lines().count(), 215, "the excerpt's drops changed");
    assert_eq!(String::from_utf8(drops).unwrap(), expected);
    assert!(
        d.read("applied.jsonl") == d.read("cli.jsonl"),
        "output differs"
    );
    assert!(
        d.read("applied.json") == d.read("cli.json"),
        "report differs"
    );
    // every record is signed, in input order
    let sig = String::from_utf8(d.read("sig.jsonl")).unwrap();
    assert_eq!(sig.lines().count(), 3000);
}

#[test]
fn chain_works_on_stdin_and_small_corpora() {
    // the 8-record corpus: one exact copy
    let d = Dir::new();
    let corpus = std::fs::read(fixture("corpus/corpus.jsonl")).unwrap();
    let sig = d.run(&["signatures", "--id-field", "doc_id"], Some(&corpus));
    sig.assert_code(0);
    assert_eq!(sig.text().lines().count(), 8);
    let input = fixture("corpus/corpus.jsonl");
    let drops = chain(&d, input.to_str().unwrap(), "meta.id");
    let drops = String::from_utf8(drops).unwrap();
    assert_eq!(drops.lines().count(), 1, "{drops}");
    assert!(
        drops.contains(r#""id":"m-"#) && drops.contains("-copy"),
        "{drops}"
    );
}

#[test]
fn schemas_are_checked_in_and_files_validate() {
    let d = Dir::new();
    let input = fixture("corpus/corpus.jsonl");
    chain(&d, input.to_str().unwrap(), "doc_id");
    let files = [
        ("signatures.schema.json", "sig.jsonl"),
        ("pairs.schema.json", "pairs.jsonl"),
        ("verdicts.schema.json", "verdicts.jsonl"),
        ("drops.schema.json", "drops.jsonl"),
    ];
    for (name, generated) in zhclean::signatures::json_schema() {
        let path = repo().join("docs").join(name);
        golden(&path, generated.as_bytes(), |a, b| a == b);
        let checked_in = std::fs::read_to_string(&path).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&checked_in).unwrap();
        let v = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
        let data = files.iter().find(|f| f.0 == name).unwrap().1;
        let text = String::from_utf8(d.read(data)).unwrap();
        assert!(!text.is_empty(), "{data} is empty");
        for line in text.lines() {
            let instance: serde_json::Value = serde_json::from_str(line).unwrap();
            let errors: Vec<String> = v.iter_errors(&instance).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{data}: {errors:?}\n{line}");
        }
    }
}

#[test]
fn bad_input_names_the_file_and_line() {
    let d = Dir::new();
    let good = r#"{"doc_id":"a","text":"第一篇新闻的正文内容在这里。"}"#;
    // a record without its id
    d.write(
        "noid.jsonl",
        format!("{good}\n\n{}\n", r#"{"text":"没有编号的记录。"}"#),
    );
    let r = d.run(
        &[
            "signatures",
            "--jsonl",
            "noid.jsonl",
            "--id-field",
            "doc_id",
        ],
        None,
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains("noid.jsonl:3:") && r.stderr.contains("no id in field \"doc_id\""),
        "{}",
        r.stderr
    );
    // a malformed line
    d.write("bad.jsonl", format!("{good}\nnot json\n"));
    let r = d.run(
        &["signatures", "--jsonl", "bad.jsonl", "--id-field", "doc_id"],
        None,
    );
    r.assert_code(2);
    assert!(r.stderr.contains("bad.jsonl:2:"), "{}", r.stderr);
    // an id used twice
    d.write("twice.jsonl", format!("{good}\n{good}\n"));
    let r = d.run(
        &[
            "signatures",
            "--jsonl",
            "twice.jsonl",
            "--id-field",
            "doc_id",
        ],
        None,
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains("twice.jsonl:2:") && r.stderr.contains("already used on line 1"),
        "{}",
        r.stderr
    );
    // an unknown schema_version, a broken line and a missing field in the later files
    d.write(
        "v2.jsonl",
        "{\"schema_version\":1,\"a\":\"x\",\"b\":\"y\",\"a_document\":0,\"b_document\":1}\n{\"schema_version\":2,\"a\":\"x\"}\n",
    );
    let r = d.run(&["verify", "v2.jsonl", "--id-field", "doc_id"], None);
    r.assert_code(2);
    assert!(
        r.stderr
            .contains("v2.jsonl:2: schema_version 2 is not supported"),
        "{}",
        r.stderr
    );
    d.write("drops.jsonl", "{\"schema_version\":1,\"id\":\"a\"}\n");
    d.write("c.jsonl", format!("{good}\n"));
    let r = d.run(
        &[
            "apply",
            "--drop",
            "drops.jsonl",
            "--jsonl",
            "c.jsonl",
            "--id-field",
            "doc_id",
        ],
        None,
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains("drops.jsonl:1:") && r.stderr.contains("missing field"),
        "{}",
        r.stderr
    );
    d.write("broken.jsonl", "{\"schema_version\":1,\n");
    let r = d.run(&["resolve", "broken.jsonl"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("broken.jsonl:1: not JSON"),
        "{}",
        r.stderr
    );
    // pairs naming an id the corpus lacks
    d.write(
        "pairs.jsonl",
        "{\"schema_version\":1,\"a\":\"a\",\"b\":\"zz\",\"a_document\":0,\"b_document\":1}\n",
    );
    let r = d.run(
        &[
            "verify",
            "pairs.jsonl",
            "--jsonl",
            "c.jsonl",
            "--id-field",
            "doc_id",
        ],
        None,
    );
    r.assert_code(2);
    assert!(r.stderr.contains("\"zz\""), "{}", r.stderr);
    // apply without a drop list, and with --cross-doc=drop
    let r = d.run(
        &["apply", "--jsonl", "c.jsonl", "--id-field", "doc_id"],
        None,
    );
    r.assert_code(2);
    assert!(r.stderr.contains("--drop FILE"), "{}", r.stderr);
}

#[test]
fn pairs_carrying_their_texts_need_no_corpus() {
    let d = Dir::new();
    let body: String = (0..12)
        .map(|i| format!("第{i}段新闻正文讲述了城市建设与科技发展的最新进展情况。\n"))
        .collect();
    let pair = serde_json::json!({
        "schema_version": 1, "a": "x", "b": "y", "a_document": 0, "b_document": 1,
        "a_text": body, "b_text": body.replace("第3段", "第三段"),
    });
    d.write("p.jsonl", format!("{pair}\n"));
    let r = d.run(&["verify", "p.jsonl", "--id-field", "id"], None);
    r.assert_code(0);
    let v: zhclean::signatures::Verdict = serde_json::from_slice(&r.stdout).unwrap();
    assert!(v.duplicate && v.jaccard > 0.85 && v.jaccard < 1.0, "{v:?}");
}
