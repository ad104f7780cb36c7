//! Issue 14: lines repeated across the documents of a batch as furniture evidence
//! (`--strip-boilerplate` on JSONL or a folder, evidence `batch_repeated`): what goes,
//! what stays (a heading alone, a byline's source, a dateline, the headline of an
//! article copied many times), and that the result is the same for `-j1` and `-j2`,
//! from a file and from stdin, and for the first document as for the last.

use crate::util::{check_doc, Dir};
use zhclean::detect::boilerplate::REPEATED_MIN_DOCS;
use zhclean::detect::Evidence;

/// Document `i` of the batch: a different body each time, the same footer block
/// (the shape of ifanr's RSS footer in `news.jsonl`), and repeated lines that are
/// content.
fn doc(i: usize) -> String {
    format!(
        "新华社北京1月29日电\n第{i}篇报道的正文写在这里，每一篇都不一样，讲的是第{i}件事。\n来源：\n新京报\n举报\n第{i}篇的第二段，内容也各不相同。\n金融Finance\n第{i}篇的第三段，还是不一样的内容。\n爱范儿 |\n原文链接 ·\n查看评论 ·\n新浪微博\n"
    )
}

/// What a document keeps: everything but the footer block.
fn kept(i: usize) -> String {
    format!(
        "新华社北京1月29日电\n第{i}篇报道的正文写在这里，每一篇都不一样，讲的是第{i}件事。\n来源：\n新京报\n举报\n第{i}篇的第二段，内容也各不相同。\n金融Finance\n第{i}篇的第三段，还是不一样的内容。\n"
    )
}

/// One article copied many times: its headline and subtitle are not furniture.
const COPY: &str = "中共中央召开党外人士座谈会\n习近平主持并发表重要讲话\n座谈会上，各民主党派中央负责人先后发言，大家一致认为过去一年成绩来之不易。\n";

fn jsonl(docs: &[String]) -> String {
    docs.iter()
        .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
        .collect()
}

fn texts(out: &[u8]) -> Vec<String> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap().to_string()
        })
        .collect()
}

fn batch() -> Vec<String> {
    let mut docs: Vec<String> = (0..REPEATED_MIN_DOCS).map(doc).collect();
    docs.extend((0..REPEATED_MIN_DOCS * 2).map(|_| COPY.to_string()));
    docs
}

#[test]
fn repeated_footer_goes_content_stays_every_thread_count() {
    let dir = Dir::new();
    let docs = batch();
    dir.write("in.jsonl", jsonl(&docs));
    let mut outs = Vec::new();
    for j in ["1", "2"] {
        let out = format!("out{j}.jsonl");
        let rep = format!("r{j}.json");
        dir.run(
            &[
                "--jsonl",
                "--strip-boilerplate",
                "-j",
                j,
                "in.jsonl",
                "-o",
                &out,
                "--report",
                &rep,
            ],
            None,
        )
        .assert_code(0);
        outs.push((dir.read(&out), dir.read(&rep)));
    }
    assert_eq!(outs[0], outs[1], "-j1 and -j2 differ");
    let got = texts(&outs[0].0);
    // the first document is judged like the last
    for (i, t) in got.iter().enumerate().take(REPEATED_MIN_DOCS) {
        assert_eq!(t, &kept(i), "document {i}");
    }
    for t in &got[REPEATED_MIN_DOCS..] {
        assert_eq!(t, COPY, "copies of one article keep their headline");
    }
    let report = dir.report("r1.json");
    for (i, d) in report.documents.iter().enumerate() {
        check_doc(&docs[i], d).expect("conservation law");
    }
    // the footer's words go as a link list already; the line no rule knows
    // (`爱范儿 |`) goes because the batch repeats it next to them
    let d = &report.documents[0];
    assert!(
        d.removed
            .iter()
            .any(|r| r.evidence == Evidence::BatchRepeated && r.preview == "爱范儿 |"),
        "{:?}",
        d.removed
    );
}

#[test]
fn from_stdin_and_from_a_folder_the_same() {
    let dir = Dir::new();
    let docs = batch();
    let input = jsonl(&docs);
    let piped = dir.run(
        &["--jsonl", "--strip-boilerplate", "-q"],
        Some(input.as_bytes()),
    );
    piped.assert_code(0);
    let got = texts(&piped.stdout);
    assert_eq!(got[0], kept(0));
    assert_eq!(got[REPEATED_MIN_DOCS - 1], kept(REPEATED_MIN_DOCS - 1));
    // a folder of the same documents
    for (i, t) in docs.iter().enumerate() {
        dir.write(&format!("pages/{i:02}.txt"), t);
    }
    dir.run(
        &["--strip-boilerplate", "-q", "pages", "--out-dir", "clean"],
        None,
    )
    .assert_code(0);
    assert_eq!(
        String::from_utf8(dir.read("clean/00.txt")).unwrap(),
        kept(0)
    );
    // fewer documents than the threshold: nothing is repeated enough (the link-list
    // rules still take the furniture words, by their own evidence)
    dir.write("few.jsonl", jsonl(&docs[..REPEATED_MIN_DOCS - 1]));
    dir.run(
        &[
            "--jsonl",
            "--strip-boilerplate",
            "-q",
            "few.jsonl",
            "-o",
            "few.out",
            "--report",
            "few.json",
        ],
        None,
    )
    .assert_code(0);
    let report = dir.report("few.json");
    assert!(report
        .documents
        .iter()
        .flat_map(|d| &d.removed)
        .all(|r| r.evidence != Evidence::BatchRepeated));
}
