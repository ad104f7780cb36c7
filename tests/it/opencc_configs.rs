//! OpenCC's official conversion cases (`fixtures/opencc/testcases.flat.jsonl`, BYVoid/OpenCC
//! at the commit of `data/opencc/VERSION`) through zhclean's own converter, one test per
//! configuration it ships. Each test fails below the pass count measured when it was
//! written, and names every case it misses, with the reason.

use zhclean::normalize::opencc::{OpenccConfig, OpenccConverter};

use crate::util::opencc_cases as cases;

/// Run every case of `config`; the ids missed must be exactly `known` (each explained
/// where it is listed); returns the pass count.
fn check(config: OpenccConfig, total: usize, known: &[&str]) -> usize {
    let conv = OpenccConverter::new();
    let cs = cases(config.name());
    assert_eq!(cs.len(), total, "{}: case count", config.name());
    let mut missed = Vec::new();
    for c in &cs {
        let got = conv.convert_config(&c.input, config);
        if got != c.expected {
            println!(
                "{} {} miss:\n  input    {:?}\n  expected {:?}\n  got      {:?}",
                config.name(),
                c.id,
                c.input,
                c.expected,
                got
            );
            missed.push(c.id.clone());
        }
    }
    let pass = cs.len() - missed.len();
    println!("{}: {pass}/{} OpenCC cases pass", config.name(), cs.len());
    let unexpected: Vec<&String> = missed
        .iter()
        .filter(|m| !known.contains(&m.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{}: new misses {unexpected:?}",
        config.name()
    );
    pass
}

// Every case passes today; a test fails on any new miss (`known` lists none).

#[test]
fn t2s() {
    assert_eq!(check(OpenccConfig::T2s, 55, &[]), 55);
}

#[test]
fn tw2s() {
    assert_eq!(check(OpenccConfig::Tw2s, 32, &[]), 32);
}

#[test]
fn hk2s() {
    assert_eq!(check(OpenccConfig::Hk2s, 21, &[]), 21);
}

#[test]
fn s2t() {
    assert_eq!(check(OpenccConfig::S2t, 96, &[]), 96);
}

#[test]
fn s2tw() {
    assert_eq!(check(OpenccConfig::S2tw, 65, &[]), 65);
}

#[test]
fn s2twp() {
    assert_eq!(check(OpenccConfig::S2twp, 84, &[]), 84);
}

#[test]
fn s2hk() {
    assert_eq!(check(OpenccConfig::S2hk, 51, &[]), 51);
}

/// OpenCC's long golden text (the US constitution in Simplified) through each
/// Simplified-to-Traditional configuration, when `../shared` is there.
#[test]
fn golden_long_texts() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/opencc-testcases/golden"
    ));
    let Ok(input) = std::fs::read_to_string(dir.join("input/us_constitution_zhs.txt")) else {
        eprintln!("skipped: ../shared/opencc-testcases is absent");
        return;
    };
    let conv = OpenccConverter::new();
    for cfg in [
        OpenccConfig::S2t,
        OpenccConfig::S2tw,
        OpenccConfig::S2twp,
        OpenccConfig::S2hk,
    ] {
        let want = std::fs::read_to_string(
            dir.join(format!("output/us_constitution_zhs.{}.txt", cfg.name())),
        )
        .expect("golden output");
        let got = conv.convert_config(&input, cfg);
        let lines = want
            .lines()
            .zip(got.lines())
            .filter(|(a, b)| a != b)
            .count();
        println!("{}: {lines} golden lines differ", cfg.name());
        assert_eq!(got, want, "{}", cfg.name());
    }
}
