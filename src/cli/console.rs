//! Watching a batch as it runs: warnings and errors on stderr (above the progress
//! bar), GitHub annotations on stdout, the progress bar itself (indicatif, only when
//! stderr is a terminal), and the worst documents for the summaries.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Write;
use zhclean::batch::Observer;
use zhclean::printer::{github, human, markdown};
use zhclean::report::{DocReport, InputProblem};

/// Rows kept for the Markdown tables (and the first ten for the stderr summary).
const ROWS: usize = 50;

/// The batch's console: the [`Observer`] that prints problems, annotations and
/// progress as the batch runs, and keeps the worst documents for the summaries.
pub struct Console {
    github: bool,
    max: f64,
    /// Whether to draw a progress bar.
    progress: bool,
    bar: Option<ProgressBar>,
    /// The worst kept documents so far: ((dup_ratio, check_ratio), index, row), worst
    /// first — ranked by their own removals, then by their cross-document share.
    /// Dropped documents are in `drops`.
    rows: Vec<((f64, f64), usize, markdown::Row)>,
    /// Dropped documents: the count and the first [`ROWS`].
    drops: human::Drops,
    /// Kept documents over `--max-dup-ratio`.
    over_kept: usize,
    /// GitHub annotations printed, and not printed over the cap: (warnings, errors).
    shown: (usize, usize),
    hidden: (usize, usize),
}

impl Console {
    /// `progress`: draw a progress bar (from [`Observer::begin`], which knows the
    /// total).
    pub fn new(github: bool, max: f64, progress: bool) -> Self {
        Console {
            github,
            max,
            progress,
            bar: None,
            rows: Vec::new(),
            drops: human::Drops::default(),
            over_kept: 0,
            shown: (0, 0),
            hidden: (0, 0),
        }
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Print a GitHub annotation, at most [`github::CAP`] of each kind.
    fn annotate(&mut self, s: &str, error: bool) {
        let (shown, hidden) = if error {
            (&mut self.shown.1, &mut self.hidden.1)
        } else {
            (&mut self.shown.0, &mut self.hidden.0)
        };
        if *shown >= github::CAP {
            *hidden += 1;
            return;
        }
        *shown += 1;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(s.as_bytes());
        let _ = out.flush();
    }

    /// After the run: one `::notice` with the count of annotations over the cap.
    pub fn finish_annotations(&mut self) {
        if self.github && self.hidden != (0, 0) {
            let s = github::suppressed(self.hidden.0, self.hidden.1);
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(s.as_bytes());
            let _ = out.flush();
        }
    }

    /// The dropped documents.
    pub fn drops(&self) -> &human::Drops {
        &self.drops
    }

    /// Kept documents over `--max-dup-ratio`.
    pub fn over_kept(&self) -> usize {
        self.over_kept
    }

    /// Remove the progress bar.
    pub fn finish_progress(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }

    /// The `n` worst documents by their own removals (`check_ratio` holds their dup_ratio),
    /// for the stderr summary.
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

    /// Rows for the Markdown table: the offenders when `over`, else the worst.
    pub fn rows(&self, over: bool) -> Vec<markdown::Row> {
        self.rows
            .iter()
            .filter(|(_, _, r)| !over || r.check_ratio > self.max)
            .map(|(_, _, r)| r.clone())
            .collect()
    }
}

impl Observer for Console {
    fn problem(&mut self, p: &InputProblem, skipped: bool) {
        self.say(&format!(
            "zhclean: {}{}",
            if skipped { "warning: " } else { "" },
            p.message
        ));
        if self.github {
            self.annotate(&github::problem(p, skipped), !skipped);
        }
    }

    fn document(&mut self, index: usize, d: &DocReport, check_ratio: f64, over: bool) {
        if let Some(w) = human::encoding_warning(d) {
            self.say(&w);
        }
        if over && self.github {
            self.annotate(&github::document(d, check_ratio, self.max), false);
        }
        if let Some(drop) = &d.dropped {
            self.drops.total += 1;
            if self.drops.rows.len() < ROWS {
                self.drops.rows.push(human::DroppedRow {
                    name: d.name(),
                    kept: drop.duplicate_of.name(),
                    cluster: drop.duplicate_of.document,
                    similarity: drop.similarity,
                });
            }
            return;
        }
        self.over_kept += usize::from(over);
        if check_ratio <= 0.0 {
            return;
        }
        let key = (d.dup_ratio, check_ratio);
        let full = self.rows.len() >= ROWS;
        if full && self.rows.last().is_some_and(|(k, _, _)| key <= *k) {
            return;
        }
        let at = self.rows.partition_point(|(k, _, _)| *k >= key);
        self.rows.insert(
            at,
            (
                key,
                index,
                markdown::Row {
                    name: d.name(),
                    chars_in: d.chars_in,
                    chars_removed: d.chars_removed,
                    cross_doc_chars: d.cross_doc_chars,
                    check_ratio,
                    what: human::kinds(d),
                },
            ),
        );
        self.rows.truncate(ROWS);
    }

    fn begin(&mut self, total: Option<u64>) {
        if !self.progress {
            return;
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        let style = if total.is_some() {
            "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}"
        } else {
            "{spinner} {elapsed_precise} {bytes} {binary_bytes_per_sec} {msg}"
        };
        bar.set_style(
            ProgressStyle::with_template(style)
                .expect("valid template")
                .progress_chars("=> "),
        );
        self.bar = Some(bar);
    }

    fn warning(&mut self, message: &str) {
        self.say(&format!("zhclean: warning: {message}"));
    }

    fn progress(&mut self, bytes: u64, documents: usize) {
        if let Some(b) = &self.bar {
            b.set_position(bytes);
            if documents % 64 == 0 {
                b.set_message(format!("{documents} documents"));
            }
        }
    }
}
