//! The worst documents of a batch, kept as it runs for the summaries (stderr and
//! `--summary-md`): the kept documents ranked by their own removals, the dropped ones
//! apart, and the count of kept documents over `--max-dup-ratio`.

use super::human::{self, DroppedRow, Drops};
use super::sink::DocEvent;

/// One ranked document: a row of the Markdown table (`--summary-md`), and of the
/// stderr summary's worst documents.
#[derive(Debug, Clone)]
pub struct Row {
    /// The document's name (`path` or `path:line`).
    pub name: String,
    /// Input characters.
    pub chars_in: usize,
    /// Characters removed.
    pub chars_removed: usize,
    /// Characters in paragraphs seen in earlier documents.
    pub cross_doc_chars: usize,
    /// The share `--check` compares.
    pub check_ratio: f64,
    /// Removals by kind, e.g. `block 1, sentence 2`, or why it was dropped.
    pub what: String,
}

/// Rows kept for the Markdown tables (and the first ten for the stderr summary).
pub const ROWS: usize = 50;

/// The worst documents so far (see the module doc).
#[derive(Debug, Default)]
pub struct Worst {
    /// The worst kept documents: ((dup_ratio, check_ratio), index, row), worst first —
    /// ranked by their own removals, then by their cross-document share.
    rows: Vec<((f64, f64), usize, Row)>,
    /// Dropped documents: the count and the first [`ROWS`].
    drops: Drops,
    /// Kept documents over `--max-dup-ratio`.
    over_kept: usize,
}

impl Worst {
    /// Take a document into the ranking.
    pub fn add(&mut self, e: &DocEvent<'_>) {
        let d = e.report;
        if let Some(drop) = &d.dropped {
            self.drops.total += 1;
            if self.drops.rows.len() < ROWS {
                self.drops.rows.push(DroppedRow {
                    name: d.name(),
                    kept: drop.duplicate_of.name(),
                    cluster: drop.duplicate_of.document,
                    similarity: drop.similarity,
                });
            }
            return;
        }
        self.over_kept += usize::from(e.over);
        if e.check_ratio <= 0.0 {
            return;
        }
        let key = (d.dup_ratio, e.check_ratio);
        let full = self.rows.len() >= ROWS;
        if full && self.rows.last().is_some_and(|(k, _, _)| key <= *k) {
            return;
        }
        let at = self.rows.partition_point(|(k, _, _)| *k >= key);
        self.rows.insert(
            at,
            (
                key,
                e.index,
                Row {
                    name: d.name(),
                    chars_in: d.chars_in,
                    chars_removed: d.chars_removed,
                    cross_doc_chars: d.cross_doc_chars,
                    check_ratio: e.check_ratio,
                    what: human::kinds(d),
                },
            ),
        );
        self.rows.truncate(ROWS);
    }

    /// The dropped documents.
    pub fn drops(&self) -> &Drops {
        &self.drops
    }

    /// Kept documents over `--max-dup-ratio`.
    pub fn over_kept(&self) -> usize {
        self.over_kept
    }

    /// The `n` worst documents by their own removals (`check_ratio` holds their
    /// dup_ratio), for the stderr summary.
    pub fn worst(&self, n: usize) -> Vec<human::Worst> {
        self.rows
            .iter()
            .take(n)
            .map(|((own, _), _, r)| human::Worst {
                name: r.name.clone(),
                check_ratio: *own,
                what: r.what.clone(),
            })
            .collect()
    }

    /// Rows for the Markdown table: those over `max` when `over`, else the worst.
    pub fn rows(&self, over: bool, max: f64) -> Vec<Row> {
        self.rows
            .iter()
            .filter(|(_, _, r)| !over || r.check_ratio > max)
            .map(|(_, _, r)| r.clone())
            .collect()
    }
}
