//! The console, one of the run's printers: warnings and errors on stderr (above the
//! progress bar), the progress bar itself (indicatif, only when stderr is a
//! terminal), and the summary for people once the outputs have landed (a batch's
//! totals and worst documents, or one document's line).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use zhclean::printer::worst::Worst;
use zhclean::printer::{human, DocEvent, Printer, RunEnd};
use zhclean::report::{InputProblem, KindCounts, Removal};
use zhclean::Result;

/// What the console says at the end.
enum Summary {
    /// Nothing (`--quiet`, or one document with stderr not a terminal).
    Off,
    /// One document's line, and its removals by kind when they were handed on
    /// ahead of it (see [`Printer::removal`]).
    Document(Option<String>, KindCounts),
    /// A batch's totals, ranked documents and `--check` verdict (`--max-dup-ratio`,
    /// whether it is a `--check` run, and what [`Printer::finish`] gave).
    Batch {
        max: f64,
        check: bool,
        worst: Box<Worst>,
        end: Option<(zhclean::report::Summary, usize)>,
    },
}

/// The console (see the module doc).
pub struct Console {
    /// Whether to draw a progress bar.
    progress: bool,
    bar: Option<ProgressBar>,
    summary: Summary,
}

impl Console {
    /// The console of one document: its line at the end when `summary`.
    pub fn document(summary: bool) -> Self {
        Console {
            progress: false,
            bar: None,
            summary: if summary {
                Summary::Document(None, KindCounts::default())
            } else {
                Summary::Off
            },
        }
    }

    /// The console of a batch: a progress bar when `progress` (from
    /// [`Printer::begin`], which knows the total), the summary at the end when
    /// `summary`; `max`: `--max-dup-ratio`; `check`: a `--check` run.
    pub fn batch(progress: bool, summary: bool, max: f64, check: bool) -> Self {
        Console {
            progress,
            bar: None,
            summary: if summary {
                Summary::Batch {
                    max,
                    check,
                    worst: Box::default(),
                    end: None,
                }
            } else {
                Summary::Off
            },
        }
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

impl Printer for Console {
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

    fn progress(&mut self, bytes: u64, documents: usize) {
        if let Some(b) = &self.bar {
            b.set_position(bytes);
            if documents.is_multiple_of(64) {
                b.set_message(format!("{documents} documents"));
            }
        }
    }

    fn problem(&mut self, p: &InputProblem, skipped: bool) {
        self.say(&format!(
            "zhclean: {}{}",
            if skipped { "warning: " } else { "" },
            p.message
        ));
    }

    fn warning(&mut self, message: &str) {
        self.say(&format!("zhclean: warning: {message}"));
    }

    fn removal(&mut self, r: &Removal) -> Result<()> {
        if let Summary::Document(_, kinds) = &mut self.summary {
            kinds.add(r.kind);
        }
        Ok(())
    }

    fn document(&mut self, d: &DocEvent<'_>) -> Result<()> {
        // an encoding guess is never silent, whatever --quiet says
        if let Some(w) = human::encoding_warning(d.report) {
            self.say(&w);
        }
        match &mut self.summary {
            Summary::Off => {}
            Summary::Document(line, kinds) => {
                *kinds += &d.report.kind_counts();
                *line = Some(human::doc_line_with(d.report, kinds));
            }
            Summary::Batch { worst, .. } => worst.add(d),
        }
        Ok(())
    }

    fn finish(&mut self, e: &RunEnd<'_>) -> Result<Vec<zhclean::output::AtomicFile>> {
        if let Summary::Batch { end, .. } = &mut self.summary {
            *end = Some((e.tail.summary.clone(), e.over));
        }
        Ok(Vec::new())
    }

    fn close(&mut self, landed: bool) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
        if !landed {
            return;
        }
        match &self.summary {
            Summary::Off | Summary::Document(None, _) | Summary::Batch { end: None, .. } => {}
            Summary::Document(Some(line), _) => eprintln!("{line}"),
            Summary::Batch {
                max,
                check,
                worst,
                end: Some((summary, over)),
            } => eprint!(
                "{}",
                human::batch(
                    summary,
                    &worst.worst(10),
                    worst.drops(),
                    *over,
                    *max,
                    *check
                )
            ),
        }
    }
}
