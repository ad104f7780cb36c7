//! One-line summaries for people (stderr, when it is a terminal).

use crate::report::{DocReport, Report};

/// `path: removed N of M chars (R%) in K removals [block 1, sentence 2]; script …`
pub fn doc_line(d: &DocReport) -> String {
    let name = d.path.as_deref().unwrap_or("<stdin>");
    let mut kinds: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in &d.removed {
        *kinds.entry(r.kind.as_str()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let mut s = format!(
        "{name}: removed {} of {} chars ({:.1}%)",
        d.chars_removed,
        d.chars_in,
        d.dup_ratio * 100.0
    );
    if !kinds.is_empty() {
        s.push_str(&format!(" [{}]", kinds.join(", ")));
    }
    if d.script.converted_chars > 0 {
        s.push_str(&format!(
            "; {} script, {} chars converted to {}",
            d.script.detected, d.script.converted_chars, d.script.target
        ));
    }
    s
}

/// A summary line per document, then a total when there are several.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for d in &r.documents {
        out.push_str(&doc_line(d));
        out.push('\n');
    }
    if r.documents.len() > 1 {
        out.push_str(&format!(
            "{} documents: removed {} of {} chars ({:.1}%)\n",
            r.summary.documents,
            r.summary.chars_removed,
            r.summary.chars_in,
            r.summary.dup_ratio * 100.0
        ));
    }
    out
}
