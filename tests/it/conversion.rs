//! Script conversion through the whole pipeline (issue 15): the cases of
//! `fixtures/conv/` with their golden outputs, Simplified corpus excerpts that must come
//! out unchanged, idempotence of every target over committed corpus excerpts, text
//! already in a Traditional standard left alone, and the user dictionary.

use proptest::prelude::*;
use std::path::Path;
use zhclean::{Cleaner, Config, PunctMode, Target};

fn fixture(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn cleaner(target: Target, punct: PunctMode) -> Cleaner {
    Cleaner::new(Config {
        target,
        punct,
        ..Config::default()
    })
}

fn clean(target: Target, text: &str) -> String {
    cleaner(target, PunctMode::Fullwidth)
        .clean_text(text, None)
        .text
}

#[test]
fn cases_match_their_goldens() {
    for (input, target, golden) in [
        (
            "short-traditional.txt",
            Target::ZhHans,
            "short-traditional.out.txt",
        ),
        (
            "url-then-chinese.txt",
            Target::ZhHans,
            "url-then-chinese.out.txt",
        ),
        ("code-parens.txt", Target::ZhHans, "code-parens.out.txt"),
        // Taiwan forms by tw2s (看著 -> 看着, zhù words kept), Hong Kong ones by hk2s
        (
            "regional-forms.txt",
            Target::ZhHans,
            "regional-forms.out.txt",
        ),
        (
            "hant-standard-forms.txt",
            Target::ZhHant,
            "hant-standard-forms.zh-hant.out.txt",
        ),
        (
            "hant-standard-forms.txt",
            Target::ZhTw,
            "hant-standard-forms.zh-tw.out.txt",
        ),
        (
            "hant-standard-forms.txt",
            Target::ZhHk,
            "hant-standard-forms.zh-hk.out.txt",
        ),
    ] {
        let got = clean(target, &fixture(&format!("conv/{input}")));
        assert_eq!(
            got,
            fixture(&format!("conv/{golden}")),
            "{input} {target:?}"
        );
    }
}

#[test]
fn short_traditional_is_detected_traditional() {
    let out = cleaner(Target::ZhHans, PunctMode::Fullwidth)
        .clean_text(&fixture("conv/short-traditional.txt"), None);
    assert_eq!(out.report.script.detected, "traditional");
    assert_eq!(out.report.script.simplified_chars, 0);
}

/// Each line of `conv/simplified_excerpts.txt` is a Simplified (or Japanese) corpus
/// excerpt that the old converter damaged (破坏, 覆盖, 显著, 薰衣草, 华为乾崑, 郭明錤,
/// 鮀岛号, 二噁英, 藤岡弘, 街並み): conversion into Simplified changes nothing. The
/// brand 乾崑 (GB2312 lacks 崑, GBK has 昆) stays because 崑 is the only Traditional
/// character of its Simplified line (`KeepSimplified`'s evidence rule), and a user
/// dictionary that protects it changes nothing either.
#[test]
fn simplified_excerpts_are_not_rewritten() {
    let keep = cleaner(Target::Keep, PunctMode::Keep);
    let hans = cleaner(Target::ZhHans, PunctMode::Keep);
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("brands.txt");
    std::fs::write(&dict, "乾崑\t乾崑\n").unwrap();
    let protected = Cleaner::new(Config {
        punct: PunctMode::Keep,
        dict: Some(dict),
        ..Config::default()
    });
    let mut brand = 0;
    for line in fixture("conv/simplified_excerpts.txt").lines() {
        let doc = format!("{line}\n");
        let want = keep.clean_text(&doc, None).text;
        let got = hans.clean_text(&doc, None);
        if line.contains("乾崑") {
            brand += 1;
            assert_eq!(protected.clean_text(&doc, None).text, want, "{line}");
            assert!(got.report.script.unconverted_chars > 0, "{line}");
        }
        assert_eq!(got.text, want, "{line}");
        assert_eq!(got.report.script.converted_chars, 0, "{line}");
    }
    assert_eq!(brand, 1);
}

fn clean_fixtures(script: &str) -> Vec<String> {
    let index = fixture("clean/index.jsonl");
    index
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["script"] == script)
        .map(|v| fixture(&format!("clean/{}", v["file"].as_str().unwrap())))
        .collect()
}

/// The 24 Simplified documents of `fixtures/clean/`: conversion into Simplified
/// changes no character.
#[test]
fn simplified_corpus_excerpts_are_not_rewritten() {
    let keep = cleaner(Target::Keep, PunctMode::Fullwidth);
    let hans = cleaner(Target::ZhHans, PunctMode::Fullwidth);
    let docs = clean_fixtures("simplified");
    assert!(docs.len() >= 20);
    for d in &docs {
        assert_eq!(hans.clean_text(d, None).text, keep.clean_text(d, None).text);
    }
}

/// Correct Traditional text is left alone by every Traditional target's partial mode.
#[test]
fn traditional_text_is_not_damaged() {
    for target in [Target::ZhHant, Target::ZhTw, Target::ZhHk] {
        for text in [
            "政府干預市場。\n",
            "里約熱內盧的奧運。\n",
            "他們一夥人在祕書處。\n",
        ] {
            let out = clean(target, text);
            for w in ["干預", "里約", "夥"] {
                assert_eq!(
                    text.contains(w),
                    out.contains(w),
                    "{target:?} {text} -> {out}"
                );
            }
        }
    }
}

const TARGETS: [Target; 4] = [Target::ZhHans, Target::ZhHant, Target::ZhTw, Target::ZhHk];

fn corpus_docs() -> Vec<String> {
    let mut docs = clean_fixtures("simplified");
    docs.extend(clean_fixtures("traditional"));
    docs.extend(
        fixture("conv/simplified_excerpts.txt")
            .lines()
            .map(|l| format!("{l}\n")),
    );
    docs.push(fixture("conv/short-traditional.txt"));
    docs
}

#[test]
fn every_target_is_idempotent_on_every_excerpt() {
    for target in TARGETS {
        let c = cleaner(target, PunctMode::Fullwidth);
        for d in corpus_docs() {
            let once = c.clean_text(&d, None).text;
            let twice = c.clean_text(&once, None).text;
            assert_eq!(once, twice, "{target:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Any run of lines of any excerpt, any target: cleaning the output again changes
    /// nothing.
    #[test]
    fn idempotent_on_line_runs(doc in 0usize..64, from in 0usize..40, len in 1usize..6, t in 0usize..4) {
        let docs = corpus_docs();
        let d = &docs[doc % docs.len()];
        let lines: Vec<&str> = d.lines().collect();
        let a = from % lines.len();
        let text: String = lines[a..(a + len).min(lines.len())].iter().map(|l| format!("{l}\n")).collect();
        let c = cleaner(TARGETS[t], PunctMode::Fullwidth);
        let once = c.clean_text(&text, None).text;
        prop_assert_eq!(c.clean_text(&once, None).text, once);
    }
}

#[test]
fn user_dictionary_overrides_and_protects() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("house.txt");
    std::fs::write(
        &dict,
        "# house style\n乾崑\t乾崑\n郭明錤\t郭明錤\n計程車\t出租车\n",
    )
    .unwrap();
    let c = Cleaner::new(Config {
        dict: Some(dict.clone()),
        ..Config::default()
    });
    // a Traditional document: without the dictionary 乾 and 錤 would be converted
    let out = c
        .clean_text("華為乾崑發佈，郭明錤說計程車很多。\n", None)
        .text;
    assert_eq!(out, "华为乾崑发布，郭明錤说出租车很多。\n");
    std::fs::write(&dict, "no tab here\n").unwrap();
    let err = Cleaner::try_new(
        Config {
            dict: Some(dict),
            ..Config::default()
        },
        Box::new(zhclean::normalize::opencc::OpenccConverter::new()),
    )
    .err()
    .expect("a line without a tab is refused");
    assert!(err.to_string().contains(":1:"), "{err}");
}

/// A Traditional character alone in a Simplified sentence is a name or a brand and
/// stays (counted as `unconverted_chars`), unless its Simplified form makes a word of
/// OpenCC's s2t phrase list that the list writes with that character (全覆蓋, 桥樑: a
/// word half converted); two distinct ones, or a sentence with no Simplified-only
/// character, are converted. Judged per sentence, so the slip 覆蓋 next to the brand
/// 乾崑 in one line does not decide for it.
#[test]
fn lone_traditional_character_in_simplified_sentence_stays() {
    let hans = cleaner(Target::ZhHans, PunctMode::Keep);
    let out = hans.clean_text(
        "腐败无禁区、全覆蓋、零容忍。华为乾崑智驾推送。孃孃说好。\n這是另一段。\n\
         从遠處就能看見浓烟。搭起沟通的桥樑。年仅19岁的麦宗樑。\n",
        None,
    );
    assert_eq!(
        out.text,
        "腐败无禁区、全覆盖、零容忍。华为乾崑智驾推送。孃孃说好。\n这是另一段。\n\
         从远处就能看见浓烟。搭起沟通的桥梁。年仅19岁的麦宗樑。\n"
    );
    // 崑, 孃 ×2, 樑 (the name) stay; 蓋, 這, 遠, 處, 見, 樑 (the word) are converted
    assert_eq!(out.report.script.unconverted_chars, 4);
    assert_eq!(out.report.script.converted_chars, 6);
    let again = hans.clean_text(&out.text, None);
    assert_eq!(again.text, out.text);
    // two distinct Traditional characters in one Simplified sentence: converted
    let out = hans.clean_text("华为乾崑智驾推送，孃孃说好。\n", None);
    assert_eq!(out.text, "华为乾昆智驾推送，娘娘说好。\n");
}
