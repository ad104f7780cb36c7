//! The review page (`--html`, issue 12), rendered by a real browser: headless
//! Chromium (Debian package `chromium`, installed by `.ci/run`) loads the seed's page
//! and dumps its DOM, and every removal of the seed's report must be there struck
//! through (`<del>`), with its kept copy linked. Without Chromium the test fails and
//! says to install it; set `ZHCLEAN_CHROMIUM` to use another binary.
//!
//! Also: a batch page indexes its documents by dup_ratio and links a dropped document
//! to the kept one; the page loads nothing from elsewhere.

use crate::util::{fixture, Dir};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "seed/000_c23f71ea9a2bd46e.txt";

fn chromium() -> String {
    let candidates: Vec<String> = match std::env::var("ZHCLEAN_CHROMIUM") {
        Ok(c) => vec![c],
        Err(_) => ["chromium", "chromium-browser", "google-chrome"]
            .map(String::from)
            .to_vec(),
    };
    for c in candidates {
        let found = Command::new(&c)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if found {
            return c;
        }
    }
    panic!(
        "headless Chromium is needed to test the --html page and was not found: install it \
         (Debian/Ubuntu: apt-get install --no-install-recommends chromium; .ci/run does this in CI) \
         or set ZHCLEAN_CHROMIUM to a Chromium or Chrome binary"
    );
}

/// The DOM Chromium builds from the page (after its script ran).
fn dump_dom(page: &std::path::Path) -> String {
    let url = format!("file://{}", page.display());
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--dump-dom",
            &url,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).map(|_| s)
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().expect("chromium's output")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// `(attributes, text)` of every `<del>` element of a DOM dump.
fn dels(dom: &str) -> Vec<(String, String)> {
    let re = regex::Regex::new(r"(?s)<del([^>]*)>(.*?)</del>").unwrap();
    re.captures_iter(dom)
        .map(|c| (c[1].to_string(), unescape(&c[2])))
        .collect()
}

#[test]
fn every_removal_of_the_seed_is_struck_through_in_chromium() {
    let d = Dir::new();
    let seed = fixture(SEED);
    d.run(
        &[
            seed.to_str().unwrap(),
            "-o",
            "out.txt",
            "--report",
            "r.json",
            "--html",
            "seed.html",
        ],
        None,
    )
    .assert_code(0);
    let report = d.report("r.json");
    let input = std::fs::read_to_string(&seed).unwrap();
    let doc = &report.documents[0];
    assert!(!doc.removed.is_empty());
    let dom = dump_dom(&d.path().join("seed.html"));
    assert!(
        dom.contains("zhclean review"),
        "the page did not load: {dom}"
    );
    let struck = dels(&dom);
    for (i, r) in doc.removed.iter().enumerate() {
        let removed = &input[r.byte_range[0]..r.byte_range[1]];
        let kind = format!("data-kind=\"{}\"", r.kind.as_str());
        assert!(
            struck
                .iter()
                .any(|(attrs, text)| text == removed && attrs.contains(&kind)),
            "removal {i} ({}) is not struck through in the rendered page",
            r.kind.as_str()
        );
        // its kept copy is linked, and the link's target exists
        assert!(
            dom.contains(&format!("href=\"#d0-k{i}\"")),
            "no link to the kept copy"
        );
        assert!(
            dom.contains(&format!("id=\"d0-k{i}\"")),
            "no kept-copy anchor"
        );
    }
    // nothing but the removals is struck through
    let total: usize = struck.iter().map(|(_, t)| t.chars().count()).sum();
    assert_eq!(total, doc.chars_removed);
    // the legend counts each kind and has its filter
    assert!(dom.contains("data-kind=\"block\" checked") || dom.contains("data-kind=\"block\""));
    assert!(dom.contains("data-count=\"block\">1<"), "legend count");
}

#[test]
fn a_batch_page_indexes_by_dup_ratio_and_links_dropped_documents() {
    let d = Dir::new();
    let corpus = fixture("corpus/corpus.jsonl");
    d.run(
        &[
            "--jsonl",
            corpus.to_str().unwrap(),
            "--id-field",
            "doc_id",
            "--cross-doc=drop",
            "-o",
            "o.jsonl",
            "--html",
            "batch.html",
        ],
        None,
    )
    .assert_code(0);
    let page = String::from_utf8(d.read("batch.html")).unwrap();
    // the index: the dropped copy (1.0) first, then the seed (0.494)
    let index = page.split("<table class=\"index\">").nth(1).unwrap();
    let copy = index.find("xwlb-20250505-09-copy").unwrap();
    let seed = index.find("seed-000").unwrap();
    assert!(copy < seed, "index not sorted by dup_ratio");
    // the dropped document is struck through whole and linked to the kept one, which
    // is on the page only when it has removals (here it has none: named, not linked)
    assert!(page.contains("class=\"rm k-dropped\""));
    assert!(page.contains("kept: xwlb-20250505-09 ("));
    // self-contained: nothing is loaded from elsewhere
    for needle in ["http://", "https://", " src=", "<link", "@import"] {
        assert!(!page.contains(needle), "the page refers to {needle}");
    }
}
