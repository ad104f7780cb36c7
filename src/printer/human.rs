//! One-line summaries for people (stderr, when it is a terminal).

use crate::report::{DocReport, Report};

/// `path: removed N of M chars (R%) in K removals [block 1, sentence 2]; script …`
pub fn doc_line(d: &DocReport) -> String {
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    for r in &d.removed {
        *kinds.entry(r.kind.as_str().to_string()).or_default() += 1;
    }
    doc_line_with(d, &kinds)
}

/// [`doc_line`] with the removals counted by kind elsewhere (a document whose removals
/// were not kept in memory, see `windows`).
pub fn doc_line_with(d: &DocReport, kinds: &std::collections::BTreeMap<String, usize>) -> String {
    let name = d.name();
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

/// The warning for a document whose encoding was a guess (`encoding_confidence`
/// low), or `None`.
pub fn encoding_warning(d: &DocReport) -> Option<String> {
    let other = d.encoding_also_plausible.as_deref()?;
    let name = d.name();
    Some(format!(
        "zhclean: warning: {name}: decoded as {}, a guess: the text also reads as {other}; check the output, or choose with --encoding",
        d.encoding
    ))
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

/// One of the worst documents of a batch, for the summary.
#[derive(Debug, Clone)]
pub struct Worst {
    /// `path` or `path:line`.
    pub name: String,
    /// The share `--check` compares.
    pub check_ratio: f64,
    /// Removals by kind, or why it was dropped.
    pub what: String,
}

/// Removals of a document by kind, e.g. `block 1, sentence 2`.
pub fn kinds(d: &DocReport) -> String {
    let mut kinds: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in &d.removed {
        *kinds.entry(r.kind.as_str()).or_default() += 1;
    }
    if !d.cross_document.is_empty() {
        *kinds.entry("cross_document").or_default() += d.cross_document.len();
    }
    let mut v: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    if let Some(drop) = &d.dropped {
        v.push(format!(
            "dropped: duplicate of {} ({:.3})",
            drop.duplicate_of.name(),
            drop.similarity
        ));
    }
    v.join(", ")
}

/// A document dropped as a duplicate (`--cross-doc=drop`), for the summaries.
#[derive(Debug, Clone)]
pub struct DroppedRow {
    /// The dropped document (see [`crate::report::doc_name`]).
    pub name: String,
    /// The kept document it duplicates.
    pub kept: String,
    /// The kept document's index: its cluster.
    pub cluster: usize,
    /// Jaccard similarity.
    pub similarity: f64,
}

/// The dropped documents, apart from the worst: how many, and the first `rows`.
#[derive(Debug, Clone, Default)]
pub struct Drops {
    /// Every dropped document.
    pub total: usize,
    /// The first ones, in input order.
    pub rows: Vec<DroppedRow>,
}

/// The batch summary for stderr: totals, cross-document figures, the worst
/// documents, problems, and the `--check` verdict.
/// `worst` ranks the kept documents by their own removals; `drops` lists the dropped
/// ones apart (the first ten are shown).
pub fn batch(
    s: &crate::report::Summary,
    worst: &[Worst],
    drops: &Drops,
    over: usize,
    max: f64,
    check: bool,
) -> String {
    let mut out = String::new();
    let kinds: Vec<String> = s
        .removals_by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    out.push_str(&format!(
        "zhclean: {} documents: removed {} of {} chars ({:.2}%){}\n",
        s.documents,
        s.chars_removed,
        s.chars_in,
        s.dup_ratio * 100.0,
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" [{}]", kinds.join(", "))
        }
    ));
    if let Some(c) = &s.cross_document {
        out.push_str(&format!(
            "  cross-document: {} paragraphs ({} chars) seen in earlier documents; {} documents dropped in {} clusters\n",
            c.paragraphs, c.chars, c.documents_dropped, c.clusters
        ));
    }
    if !worst.is_empty() && worst[0].check_ratio > 0.0 {
        out.push_str("  most duplicated:\n");
        for w in worst.iter().filter(|w| w.check_ratio > 0.0) {
            out.push_str(&format!(
                "    {:>5.1}%  {}  [{}]\n",
                w.check_ratio * 100.0,
                w.name,
                w.what
            ));
        }
    }
    if drops.total > 0 {
        out.push_str(&format!(
            "  dropped as duplicates: {} document{} (all in the report's clusters)\n",
            drops.total,
            if drops.total == 1 { "" } else { "s" }
        ));
        for r in drops.rows.iter().take(10) {
            out.push_str(&format!(
                "    {}  duplicate of {} ({:.3})\n",
                r.name, r.kept, r.similarity
            ));
        }
        if drops.total > 10 {
            out.push_str(&format!("    … and {} more\n", drops.total - 10));
        }
    }
    if s.errors > 0 || s.skipped > 0 {
        out.push_str(&format!(
            "  {} input{} not cleaned (errors above), {} skipped\n",
            s.errors,
            if s.errors == 1 { "" } else { "s" },
            s.skipped
        ));
    }
    if check {
        out.push_str(&if over > 0 {
            format!(
                "  check: {over} document{} over --max-dup-ratio {max}: FAILED\n",
                if over == 1 { "" } else { "s" }
            )
        } else {
            format!("  check: no document over --max-dup-ratio {max}: ok\n")
        });
    }
    out
}
