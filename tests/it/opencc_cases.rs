//! OpenCC's official conversion cases (`fixtures/opencc/testcases.flat.jsonl`) through
//! zhclean's whole pipeline with punctuation left alone: `t2s` as `--to zh-hans
//! --punct keep`, `s2t` as `--to zh-hant`, `s2tw` as `--to zh-tw`, `s2twp` as `--to
//! zh-tw --phrases`, `s2hk` as `--to zh-hk`. The bare converter passes every case
//! (`tests/it/opencc_configs.rs`); the pipeline differs from it only where its rules say so
//! (a case that is not wholly in the source script is converted in part), and every
//! such case is listed below with the reason.

use zhclean::normalize::opencc::{OpenccConfig, OpenccConverter};
use zhclean::{Cleaner, Config, PunctMode, Target};

use crate::util::opencc_cases as cases;

/// Run every case of `config` with `target` through the pipeline; return the ids missed.
fn misses(config: &str, target: Target) -> (Vec<String>, usize) {
    let cleaner = Cleaner::new(Config {
        target,
        punct: PunctMode::Keep,
        tw_phrases: config == "s2twp",
        ..Config::default()
    });
    let conv = OpenccConverter::new();
    let cfg = OpenccConfig::from_name(config).expect("a shipped configuration");
    let cs = cases(config);
    let mut missed = Vec::new();
    for c in &cs {
        let out = cleaner.clean_text(&c.input, None);
        assert!(out.report.removed.is_empty(), "{config} {}: dedup", c.id);
        if out.text != c.expected {
            println!(
                "{config} {} miss:\n  input    {:?}\n  expected {:?}\n  got      {:?}\n  bare     {:?}\n  detected {}",
                c.id,
                c.input,
                c.expected,
                out.text,
                conv.convert_config(&c.input, cfg),
                out.report.script.detected
            );
            missed.push(c.id.clone());
        }
    }
    println!(
        "{config}: {}/{} OpenCC cases pass through the pipeline",
        cs.len() - missed.len(),
        cs.len()
    );
    (missed, cs.len())
}

/// Every case of `config` through the pipeline must pass except `known`, which are
/// the ones its rules decide otherwise (listed and explained with each test).
fn check(config: &str, target: Target, total: usize, known: &[&str]) {
    let (missed, n) = misses(config, target);
    assert_eq!(n, total, "{config}: case count");
    let new: Vec<&String> = missed
        .iter()
        .filter(|m| !known.contains(&m.as_str()))
        .collect();
    assert!(new.is_empty(), "{config}: new misses {new:?}");
    // the lists stay exact: a case listed by rule that passes now comes off its list
    let passing: Vec<&&str> = known
        .iter()
        .filter(|k| !missed.iter().any(|m| m == *k))
        .collect();
    assert!(
        passing.is_empty(),
        "{config}: listed but passing {passing:?}"
    );
}

/// Cases that put a Traditional phrase and its Simplified form side by side (OpenCC
/// tests both spellings in one line), so the line is `mixed` and converted in part: a
/// character GB2312 holds is not changed there (劄 扞 袷 谿 甦 坏 後), which is what keeps
/// 破坏, 显著 and 覆盖 intact in real Simplified news.
const T2S_BY_RULE: &[&str] = &[
    "BYVoid_OpenCC_PR_464_zha_vs_zha",
    "BYVoid_OpenCC_PR_464_han_vs_han",
    "BYVoid_OpenCC_PR_464_jia_vs_jia",
    "BYVoid_OpenCC_PR_464_xi_vs_xi",
    "t2s_huai_and_pi_phrases",
    "su_variant_preserve",
    // 殢 beside its Simplified form 𣨼 (Simplified-only): 殢 is the only Traditional
    // character of a sentence holding Simplified-only ones, and 殢云尤雨 is no word of
    // the s2t phrase list, so it is read as a form chosen inside Simplified text, as
    // 华为乾崑 and 郑和鑑 are (see `KeepSimplified`)
    "BYVoid_OpenCC_PR_1228_existing_behaviors",
];

/// Lines that hold Traditional text already (甲冑, 機率, 喫茶 beside 吃茶, 後谿, 殢雲):
/// `traditional` or `mixed`, converted in part, so a phrase made of characters both
/// scripts use (甲胄 → 甲冑, 几率 → 幾率, 吃茶 → 喫茶) is left as written.
const S2T_BY_RULE: &[&str] = &[
    "BYVoid_OpenCC_PR_447_s2x",
    "BYVoid_OpenCC_PR_1266_zhou",
    "BYVoid_OpenCC_Issue_506",
];

/// Mixed lines of the same kind (後谿 beside 后溪, 殢 beside 𣨼) that OpenCC tests for
/// `s2t` only: the `s2tw`, `s2twp` and `s2hk` case sets do not hold them.
const S2T_ONLY_BY_RULE: &[&str] = &[
    "BYVoid_OpenCC_PR_1228_existing_behaviors",
    "BYVoid_OpenCC_PR_464_xi_vs_xi",
];

#[test]
fn t2s() {
    check("t2s", Target::ZhHans, 55, T2S_BY_RULE);
}

#[test]
fn s2t() {
    check(
        "s2t",
        Target::ZhHant,
        96,
        &[S2T_BY_RULE, S2T_ONLY_BY_RULE].concat(),
    );
}

#[test]
fn s2tw() {
    check("s2tw", Target::ZhTw, 65, S2T_BY_RULE);
}

#[test]
fn s2twp() {
    // the same mixed lines as s2t, and Issue_475 puts 軟體 beside 软件
    let mut known = S2T_BY_RULE.to_vec();
    known.push("BYVoid_OpenCC_Issue_475_mixed_script_input");
    check("s2twp", Target::ZhTw, 84, &known);
}

#[test]
fn s2hk() {
    check("s2hk", Target::ZhHk, 51, S2T_BY_RULE);
}

/// tw2s and hk2s are not what `--to zh-hans` uses (that is t2s, which covers the
/// Taiwan and Hong Kong characters too); the pipeline passes these as t2s would, and
/// the two tw2s misses are Taiwan variant phrases only tw2s knows.
#[test]
fn tw2s_hk2s_through_zh_hans() {
    check(
        "tw2s",
        Target::ZhHans,
        32,
        &[
            "BYVoid_OpenCC_Issue_1469_simplified_me_passthrough",
            "BYVoid_OpenCC_Issue_767_solace",
        ],
    );
    check("hk2s", Target::ZhHans, 21, &[]);
}
