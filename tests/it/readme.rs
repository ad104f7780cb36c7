//! The README's examples match real output (issue 12): the example report under
//! “Report” is the seed's report, field for field and value for value.

use crate::util::{repo, run_in};

/// The first ```json block after `heading` in the README.
fn json_block_after(heading: &str) -> serde_json::Value {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let at = readme.find(heading).expect("heading in README");
    let start = readme[at..].find("```json\n").expect("a json block") + at + 8;
    let end = readme[start..].find("```").unwrap() + start;
    serde_json::from_str(&readme[start..end]).expect("the README's example is JSON")
}

#[test]
fn readme_report_example_is_the_seeds_real_report() {
    let example = json_block_after("## Report");
    let r = run_in(
        &repo(),
        &[
            "fixtures/seed/000_c23f71ea9a2bd46e.txt",
            "-o",
            "/dev/null",
            "--report",
            "-",
        ],
        None,
    );
    r.assert_code(0);
    let real: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(
        example == real,
        "README.md's example report differs from the seed's report; paste this into README:\n{}",
        serde_json::to_string_pretty(&real).unwrap()
    );
}
