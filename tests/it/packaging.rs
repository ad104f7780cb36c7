//! Packaging (issue 12): the report's JSON Schema is generated from the types and
//! checked in (`docs/report.schema.json`), real reports validate against it; shell
//! completions and the man page; `--version` names the commit and the OpenCC data;
//! the published package leaves out the fixtures (copyrighted news).
//!
//! Regenerate the schema after changing the report types:
//! `ZHCLEAN_BLESS=1 cargo test --test it packaging::`.

use crate::util::{fixture, golden, repo, Dir};

#[test]
fn checked_in_schema_is_the_generated_one() {
    let generated = zhclean::report::json_schema();
    golden(
        &repo().join("docs/report.schema.json"),
        generated.as_bytes(),
        |a, b| a == b,
    );
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("docs/report.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn assert_valid(v: &jsonschema::Validator, report: &[u8], what: &str) {
    let instance: serde_json::Value = serde_json::from_slice(report).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn real_reports_validate_against_the_schema() {
    let v = validator();
    // the seed's report, as checked in and as produced now
    let golden = std::fs::read(fixture("seed/000_c23f71ea9a2bd46e.report.json")).unwrap();
    assert_valid(&v, &golden, "fixtures/seed report");
    let d = Dir::new();
    let seed = fixture("seed/000_c23f71ea9a2bd46e.txt");
    let r = d.run(
        &[seed.to_str().unwrap(), "-o", "x.txt", "--report", "-"],
        None,
    );
    r.assert_code(0);
    assert_valid(&v, &r.stdout, "seed report");
    // a batch with ids, drops, clusters, cross-document matches, top paragraphs, an
    // error and a skipped input
    let mut corpus = std::fs::read_to_string(fixture("corpus/corpus.jsonl")).unwrap();
    corpus.push_str("not json\n");
    d.write("c.jsonl", &corpus);
    for mode in ["--cross-doc=drop", "--cross-doc=report"] {
        let r = d.run(
            &[
                "--jsonl",
                "c.jsonl",
                "--id-field",
                "doc_id",
                mode,
                "-o",
                "o.jsonl",
                "--report",
                "r.json",
            ],
            None,
        );
        r.assert_code(2);
        let report = d.read("r.json");
        let parsed: serde_json::Value = serde_json::from_slice(&report).unwrap();
        assert!(!parsed["errors"].as_array().unwrap().is_empty());
        assert_valid(&v, &report, mode);
    }
    // and what the schema forbids is refused: an unknown field
    let mut bad: serde_json::Value = serde_json::from_slice(&golden).unwrap();
    bad["documents"][0]["surprise"] = 1.into();
    assert!(!v.is_valid(&bad), "an unknown field must not validate");
}

#[test]
fn completions_and_man_page() {
    let d = Dir::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = d.run(&["completions", shell], None);
        r.assert_code(0);
        assert!(r.text().contains("id-field"), "{shell}");
    }
    let r = d.run(&["completions", "tcsh"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("bash, zsh"), "{}", r.stderr);
    let r = d.run(&["man"], None);
    r.assert_code(0);
    let man = r.text();
    assert!(man.contains(".TH zhclean 1"), "{man}");
    assert!(man.contains("annotate"));
}

#[test]
fn version_names_commit_and_opencc_data() {
    let r = Dir::new().run(&["--version"], None);
    r.assert_code(0);
    let v = r.text();
    assert!(
        v.starts_with(&format!("zhclean {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
    let opencc = std::fs::read_to_string(repo().join("data/opencc/VERSION")).unwrap();
    let commit = opencc.split_whitespace().nth(1).unwrap();
    assert!(v.contains(&format!("OpenCC data {}", &commit[..7])), "{v}");
}

#[test]
fn package_leaves_out_the_fixtures() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(repo())
        .output()
        .expect("cargo package --list");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.lines().any(|l| l == "src/main.rs"), "{list}");
    assert!(list.lines().any(|l| l == "LICENSE-MIT"), "{list}");
    assert!(
        list.lines().any(|l| l == "docs/report.schema.json"),
        "{list}"
    );
    let leaked: Vec<&str> = list
        .lines()
        .filter(|l| l.starts_with("fixtures/") || l.starts_with("fuzz/"))
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}
