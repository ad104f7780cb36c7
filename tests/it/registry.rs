//! The detector registry and `--disable NAME`: switching a detector off removes its
//! removals and nothing else; an unknown name is a usage error listing the names.

use crate::util::{fixture, Dir};
use std::collections::BTreeSet;
use zhclean::detect::registry::REGISTRY;

/// A removal as the report gives it: kind, evidence, bytes removed, bytes kept.
type Key = (String, String, [usize; 2], [usize; 2]);

/// The removals of one run of the binary on fixture `rel` with `args`.
fn removals(rel: &str, args: &[&str]) -> BTreeSet<Key> {
    let dir = Dir::new();
    let input = fixture(rel);
    let mut all = vec![
        "-q",
        "--report",
        "r.json",
        "-o",
        "out.txt",
        input.to_str().expect("UTF-8 path"),
    ];
    all.extend_from_slice(args);
    dir.run(&all, None).assert_code(0);
    let r = dir.report("r.json");
    r.documents
        .iter()
        .flat_map(|d| &d.removed)
        .map(|x| {
            (
                x.kind.as_str().to_string(),
                format!("{:?}", x.evidence),
                x.byte_range,
                x.kept_byte_range,
            )
        })
        .collect()
}

/// A detector, a fixture where it fires, the flags of both runs (a later detector
/// that would take the same copies under its own kind is switched off in both), the
/// kinds its removals carry and how many it makes there.
type Case = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    usize,
);

/// One case per detector, in registry order.
const CASES: &[Case] = &[
    (
        "boilerplate",
        "boilerplate/news_furniture.txt",
        &["--strip-boilerplate"],
        &["boilerplate"],
        16,
    ),
    (
        "align",
        "cases/layout_reflowed_lines.txt",
        &[],
        &["block", "paragraph"],
        1,
    ),
    // with near_paragraph off, `sentence` removes the same paragraphs as runs of
    // repeated sentences, so it is off in both runs
    (
        "near_paragraph",
        "cases/near_credit.txt",
        &["--disable", "sentence"],
        &["near_paragraph"],
        2,
    ),
    ("inline", "cases/inline_xtx.txt", &[], &["inline_block"], 1),
    // with boilerplate stripped stutter.txt has three removals; only the sentence goes
    (
        "sentence",
        "cases/stutter.txt",
        &["--strip-boilerplate"],
        &["sentence"],
        1,
    ),
];

#[test]
fn every_detector_is_covered_once() {
    let names: Vec<&str> = REGISTRY.iter().map(|e| e.name).collect();
    let covered: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    assert_eq!(names, covered);
}

#[test]
fn disabling_a_detector_removes_exactly_its_removals() {
    for &(name, rel, flags, kinds, count) in CASES {
        let on = removals(rel, flags);
        let mut args = flags.to_vec();
        args.extend_from_slice(&["--disable", name]);
        let off = removals(rel, &args);
        assert!(
            off.is_subset(&on),
            "{name} on {rel}: disabling it added or changed removals: {:?}",
            off.difference(&on).collect::<Vec<_>>()
        );
        let gone: Vec<&Key> = on.difference(&off).collect();
        assert_eq!(gone.len(), count, "{name} on {rel}: {gone:?}");
        for g in &gone {
            assert!(kinds.contains(&g.0.as_str()), "{name} on {rel}: {g:?}");
        }
    }
}

#[test]
fn disable_is_repeatable() {
    let rel = "cases/stutter.txt";
    let on = removals(rel, &["--strip-boilerplate"]);
    assert!(on.len() >= 3, "{on:?}");
    let names: Vec<&str> = REGISTRY.iter().map(|e| e.name).collect();
    let mut args = vec!["--strip-boilerplate"];
    for n in &names {
        args.extend_from_slice(&["--disable", n]);
    }
    assert!(removals(rel, &args).is_empty());
}

#[test]
fn unknown_name_is_a_usage_error_listing_the_names() {
    let dir = Dir::new();
    let input = fixture("cases/stutter.txt");
    let run = dir.run(
        &["--disable", "near", input.to_str().expect("UTF-8 path")],
        None,
    );
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    let list = REGISTRY
        .iter()
        .map(|e| e.name)
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        run.stderr.contains("--disable near: no such detector") && run.stderr.contains(&list),
        "{}",
        run.stderr
    );
}

#[test]
fn library_refuses_an_unknown_name() {
    let cfg = zhclean::Config {
        disable: vec!["sentences".into()],
        ..zhclean::Config::default()
    };
    let conv = Box::new(zhclean::normalize::opencc::OpenccConverter::with_tw_phrases(false));
    match zhclean::Cleaner::try_new(cfg, conv) {
        Err(zhclean::Error::Usage(m)) => assert!(m.contains("sentences"), "{m}"),
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("an unknown detector name was accepted"),
    }
}

#[test]
fn help_names_every_detector() {
    let run = Dir::new().run(&["--help"], None);
    run.assert_code(0);
    let help = run.text();
    for e in REGISTRY {
        assert!(help.contains(e.name), "--help does not name {}", e.name);
    }
}

#[test]
fn windows_keep_earlier_window_copies_with_align_disabled() {
    // the seed article twice, cleaned in windows of 8 KiB: the second copy lies in a
    // later window than the first, where only the earlier-window check could take it
    let seed = String::from_utf8(crate::util::read_fixture("seed/000_c23f71ea9a2bd46e.txt"))
        .expect("UTF-8 fixture");
    let dir = Dir::new();
    dir.write("aa.txt", format!("{seed}{seed}"));
    let off = ["--disable", "align", "-q"];
    let mut whole = vec!["aa.txt", "--window", "0", "-o", "whole.txt"];
    whole.extend_from_slice(&off);
    dir.run(&whole, None).assert_code(0);
    let mut windowed = vec!["aa.txt", "--window", "8K", "-o", "win.txt"];
    windowed.extend_from_slice(&off);
    windowed.extend_from_slice(&["--report", "r.json"]);
    dir.run(&windowed, None).assert_code(0);
    assert_eq!(dir.read("win.txt"), dir.read("whole.txt"));
    let r = dir.report("r.json");
    assert!(
        r.documents[0].removed.is_empty(),
        "{:?}",
        r.documents[0].removed
    );
}
