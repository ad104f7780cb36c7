//! The JSON report (schema in `README.md`, “Report”). Pretty-printed, keys in schema
//! order, deterministic: the same input gives the same bytes in every run.

use crate::report::Report;

/// The report as pretty JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("report serializes");
    s.push('\n');
    s
}
