//! The corpus builder's view (issue 12): `--id-field` names documents by the corpus's
//! own ids in the report, the annotations and the summaries, also through
//! `--cross-doc=drop`; `--annotate` keeps every record byte for byte and adds a
//! `zhclean` object; summaries list the worst kept documents by their own removals and
//! the dropped ones apart; `--format github` prints at most ten annotations of a kind
//! and then one notice with the count.

use crate::util::{fixture, read_fixture, Dir};

fn corpus() -> String {
    fixture("corpus/corpus.jsonl").to_str().unwrap().to_string()
}

#[test]
fn ids_reach_every_report_entry_through_drop() {
    let d = Dir::new();
    let c = corpus();
    let r = d.run(
        &[
            "--jsonl",
            &c,
            "--id-field",
            "meta.id",
            "--cross-doc=drop",
            "-o",
            "out.jsonl",
            "--report",
            "r.json",
            "--summary-md",
            "s.md",
        ],
        None,
    );
    r.assert_code(0);
    let rep = d.report("r.json");
    let ids: Vec<Option<&str>> = rep.documents.iter().map(|x| x.id.as_deref()).collect();
    assert_eq!(ids[0], Some("m-seed"));
    assert_eq!(ids[7], Some("m-xwlb-20250505-09-copy"));
    let drop = rep.documents[7]
        .dropped
        .as_ref()
        .expect("the copy is dropped");
    assert_eq!(drop.duplicate_of.id.as_deref(), Some("m-xwlb-20250505-09"));
    assert_eq!(rep.clusters.len(), 1);
    assert_eq!(
        rep.clusters[0].kept.id.as_deref(),
        Some("m-xwlb-20250505-09")
    );
    assert_eq!(
        rep.clusters[0].dropped[0].id.as_deref(),
        Some("m-xwlb-20250505-09-copy")
    );
    // the output has one line fewer; the ids say which
    let out = String::from_utf8(d.read("out.jsonl")).unwrap();
    assert_eq!(out.lines().count(), 7);
    assert!(!out.contains("-copy"));
    // summaries: the worst kept document by id, the dropped one apart with its cluster
    let md = String::from_utf8(d.read("s.md")).unwrap();
    let (worst, dropped) = md.split_once("### Dropped as duplicates").expect(&md);
    assert!(worst.contains("m-seed ("), "{md}");
    assert!(!worst.contains("-copy"), "{md}");
    assert!(
        dropped.contains("m-xwlb-20250505-09-copy (") && dropped.contains("(cluster 2)"),
        "{md}"
    );
    assert!(
        r.stderr.contains("dropped as duplicates: 1 document"),
        "{}",
        r.stderr
    );
    // a top-level id field, and a number as an id
    let r = d.run(
        &[
            "--jsonl",
            "--id-field",
            "n",
            "--report",
            "-",
            "-o",
            "x.jsonl",
        ],
        Some(&read_fixture("corpus/corpus.jsonl")),
    );
    r.assert_code(0);
    let rep = crate::util::parse_report(&r.stdout);
    assert_eq!(rep.documents[1].id.as_deref(), Some("1.5"));
    assert_eq!(rep.documents[0].id, None, "the seed has no field n");
}

#[test]
fn annotate_keeps_every_record_and_adds_statistics() {
    let d = Dir::new();
    let c = corpus();
    d.run(
        &[
            "--jsonl",
            &c,
            "--id-field",
            "doc_id",
            "--cross-doc=drop",
            "--annotate",
            "-o",
            "a.jsonl",
        ],
        None,
    )
    .assert_code(0);
    let input = String::from_utf8(read_fixture("corpus/corpus.jsonl")).unwrap();
    let out = String::from_utf8(d.read("a.jsonl")).unwrap();
    let (ins, outs): (Vec<&str>, Vec<&str>) = (input.lines().collect(), out.lines().collect());
    assert_eq!(ins.len(), outs.len(), "every record, the dropped one too");
    for (i, o) in ins.iter().zip(&outs) {
        // every byte of the record, its text included, then the added field
        let head = &i[..i.len() - 1];
        assert!(o.starts_with(head), "{o}");
        assert!(o[head.len()..].starts_with(",\"zhclean\":{"), "{o}");
    }
    let stats: Vec<serde_json::Value> = outs
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["zhclean"].clone())
        .collect();
    assert_eq!(stats[0]["removals"]["block"], 1);
    assert!(stats[0]["dup_ratio"].as_f64().unwrap() > 0.4);
    let range = stats[0]["removed"][0]["char_range"].as_array().unwrap();
    assert!(range[1].as_u64() > range[0].as_u64());
    assert_eq!(stats[1]["dropped"], false);
    assert_eq!(stats[7]["dropped"], true);
    assert_eq!(stats[7]["duplicate_of"], "xwlb-20250505-09");
    assert_eq!(stats[7]["duplicate_of_line"], 3);
    // another field name; a record that has it already is written unchanged, exit 2
    let r = d.run(
        &[
            "--jsonl",
            &c,
            "--annotate",
            "--stats-field",
            "meta",
            "-o",
            "b.jsonl",
        ],
        None,
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains("already has a field \"meta\""),
        "{}",
        r.stderr
    );
    assert_eq!(d.read("b.jsonl"), input.as_bytes());
}

#[test]
fn github_annotations_are_capped_with_one_notice() {
    let d = Dir::new();
    let seed = String::from_utf8(read_fixture("seed/000_c23f71ea9a2bd46e.txt")).unwrap();
    let mut lines = String::new();
    for i in 0..15 {
        lines.push_str(&serde_json::json!({"id": format!("doc-{i}"), "text": seed}).to_string());
        lines.push('\n');
    }
    lines.push_str("not json\n");
    d.write("c.jsonl", &lines);
    let r = d.run(
        &[
            "--jsonl",
            "c.jsonl",
            "--id-field",
            "id",
            "--check",
            "--format",
            "github",
            "--summary-md",
            "s.md",
            "-q",
        ],
        None,
    );
    r.assert_code(2);
    let out = r.text();
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("::warning")).collect();
    assert_eq!(warnings.len(), 10, "{out}");
    assert!(warnings[0].contains("::doc-0: "), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("::error")).count(), 1);
    let notice: Vec<&str> = out.lines().filter(|l| l.starts_with("::notice")).collect();
    assert_eq!(notice.len(), 1, "{out}");
    assert!(
        notice[0].contains("5 more warnings and 0 more errors"),
        "{out}"
    );
    // the full list is in the summary
    let md = String::from_utf8(d.read("s.md")).unwrap();
    let table = md.split("### Most repeated").next().unwrap();
    assert_eq!(table.matches("| `doc-").count(), 15, "{md}");
}
