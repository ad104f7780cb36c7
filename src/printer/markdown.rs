//! The Markdown summary (`--summary-md`), e.g. for a CI job summary: the totals, then
//! a table of the offending documents (or, when none is over the threshold, the
//! worst ones), worst first.

use super::sink::{DocEvent, Printer, RunEnd};
use super::worst::Worst;
use crate::error::Result;
use crate::output::AtomicFile;
use crate::report::Summary;

/// One row of the table (a document ranked by [`Worst`]).
pub use super::worst::Row;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown document. `rows` are the kept documents sorted worst first by their
/// own removals; `over` counts every document over the threshold, `over_kept` those
/// not dropped (the table may hold fewer); `drops` lists the dropped documents apart.
pub fn render(
    s: &Summary,
    rows: &[Row],
    drops: &crate::printer::human::Drops,
    (over, over_kept): (usize, usize),
    max: f64,
    check: bool,
) -> String {
    let mut out = String::from("## zhclean duplication report\n\n");
    let verdict = if over == 0 {
        format!("no document over {:.1}%", max * 100.0)
    } else {
        format!(
            "**{over} document{} over {:.1}%**",
            if over == 1 { "" } else { "s" },
            max * 100.0
        )
    };
    out.push_str(&format!(
        "{} documents, {} of {} characters removed ({:.2}%); {verdict}{}.\n",
        s.documents,
        s.chars_removed,
        s.chars_in,
        s.dup_ratio * 100.0,
        if check { "" } else { " (not a --check run)" }
    ));
    if let Some(c) = &s.cross_document {
        out.push_str(&format!(
            "\nCross-document: {} paragraphs ({} characters) seen in earlier documents; {} documents dropped in {} clusters.\n",
            c.paragraphs, c.chars, c.documents_dropped, c.clusters
        ));
    }
    if s.errors > 0 || s.skipped > 0 {
        out.push_str(&format!(
            "\n{} input{} not cleaned (errors), {} skipped.\n",
            s.errors,
            if s.errors == 1 { "" } else { "s" },
            s.skipped
        ));
    }
    if !rows.is_empty() {
        out.push_str(&format!(
            "\n### {}\n\n| document | chars in | removed | cross-doc | share | what |\n|---|---:|---:|---:|---:|---|\n",
            if over > 0 { "Over the threshold" } else { "Most duplicated" }
        ));
        for r in rows {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {:.1}% | {} |\n",
                cell(&r.name).replace('`', "'"),
                r.chars_in,
                r.chars_removed,
                r.cross_doc_chars,
                r.check_ratio * 100.0,
                cell(&r.what)
            ));
        }
        if over_kept > rows.len() {
            out.push_str(&format!("\n… and {} more.\n", over_kept - rows.len()));
        }
    }
    if drops.total > 0 {
        out.push_str(&format!(
            "\n### Dropped as duplicates\n\n{} document{} dropped; every one is in the report's `clusters`.\n\n| dropped | duplicate of (cluster) | similarity |\n|---|---|---:|\n",
            drops.total,
            if drops.total == 1 { "" } else { "s" }
        ));
        for r in &drops.rows {
            out.push_str(&format!(
                "| `{}` | `{}` (cluster {}) | {:.3} |\n",
                cell(&r.name).replace('`', "'"),
                cell(&r.kept).replace('`', "'"),
                r.cluster,
                r.similarity
            ));
        }
        if drops.total > drops.rows.len() {
            out.push_str(&format!(
                "\n… and {} more.\n",
                drops.total - drops.rows.len()
            ));
        }
    }
    if !s.top_paragraphs.is_empty() {
        out.push_str("\n### Most repeated paragraphs\n\n| count | first seen | paragraph |\n|---:|---|---|\n");
        for p in s.top_paragraphs.iter().take(10) {
            let at = format!("{} line {}", p.first.name(), p.first_line);
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                p.count,
                cell(&at).replace('`', "'"),
                cell(&p.preview)
            ));
        }
    }
    out
}

/// The `--summary-md` file as a [`Printer`]: ranks the documents as they come
/// ([`Worst`]) and writes [`render`] to its file, staged, at the end.
pub struct SummaryFile {
    path: std::path::PathBuf,
    worst: Worst,
    max: f64,
    check: bool,
}

impl SummaryFile {
    /// A summary for `path`; `max`: `--max-dup-ratio`; `check`: a `--check` run.
    pub fn new(path: std::path::PathBuf, max: f64, check: bool) -> Self {
        SummaryFile {
            path,
            worst: Worst::default(),
            max,
            check,
        }
    }
}

impl Printer for SummaryFile {
    fn prints_top_paragraphs(&self) -> bool {
        true
    }

    fn document(&mut self, d: &DocEvent<'_>) -> Result<()> {
        self.worst.add(d);
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd<'_>) -> Result<Vec<AtomicFile>> {
        let over_kept = self.worst.over_kept();
        let md = render(
            &end.tail.summary,
            &self.worst.rows(over_kept > 0, self.max),
            self.worst.drops(),
            (end.over, over_kept),
            self.max,
            self.check,
        );
        crate::output::staged(&self.path, md.as_bytes()).map(|f| vec![f])
    }
}
