//! Watching a batch as it runs: warnings and errors on stderr (above the progress
//! bar), GitHub annotations on stdout, the progress bar itself (indicatif, only when
//! stderr is a terminal), and the worst documents for the summaries.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Write;
use zhclean::batch::Observer;
use zhclean::printer::{github, human, markdown};
use zhclean::report::{DocReport, InputProblem};

/// Rows kept for the Markdown table (and the first ten for the stderr summary).
const ROWS: usize = 50;

pub struct Watch {
    github: bool,
    max: f64,
    bar: Option<ProgressBar>,
    /// The worst documents so far: (gate, index, row), worst first.
    rows: Vec<(f64, usize, markdown::Row)>,
}

fn name(d: &DocReport) -> String {
    let p = d.path.as_deref().unwrap_or("<stdin>");
    match d.line {
        Some(l) => format!("{p}:{l}"),
        None => p.to_string(),
    }
}

impl Watch {
    /// `progress`: `Some(total bytes if known)` to draw a progress bar.
    pub fn new(github: bool, max: f64, progress: Option<Option<u64>>) -> Self {
        let bar = progress.map(|total| {
            let bar = match total {
                Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            };
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
            bar
        });
        Watch {
            github,
            max,
            bar,
            rows: Vec::new(),
        }
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn annotate(&self, s: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(s.as_bytes());
        let _ = out.flush();
    }

    /// Remove the progress bar.
    pub fn finish_progress(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }

    /// The `n` worst documents, for the stderr summary.
    pub fn worst(&self, n: usize) -> Vec<human::Worst> {
        self.rows
            .iter()
            .take(n)
            .map(|(g, _, r)| human::Worst {
                name: r.name.clone(),
                gate: *g,
                what: r.what.clone(),
            })
            .collect()
    }

    /// Rows for the Markdown table: the offenders when `over`, else the worst.
    pub fn rows(&self, over: bool) -> Vec<markdown::Row> {
        self.rows
            .iter()
            .filter(|(g, _, _)| !over || *g > self.max)
            .map(|(_, _, r)| r.clone())
            .collect()
    }
}

impl Observer for Watch {
    fn problem(&mut self, p: &InputProblem, skipped: bool) {
        self.say(&format!(
            "zhclean: {}{}",
            if skipped { "warning: " } else { "" },
            p.message
        ));
        if self.github {
            self.annotate(&github::problem(p, skipped));
        }
    }

    fn document(&mut self, index: usize, d: &DocReport, gate: f64, over: bool) {
        if let Some(w) = human::encoding_warning(d) {
            self.say(&w);
        }
        if over && self.github {
            self.annotate(&github::document(d, gate, self.max));
        }
        if gate <= 0.0 {
            return;
        }
        let full = self.rows.len() >= ROWS;
        if full && self.rows.last().is_some_and(|(g, _, _)| gate <= *g) {
            return;
        }
        let at = self.rows.partition_point(|(g, _, _)| *g >= gate);
        self.rows.insert(
            at,
            (
                gate,
                index,
                markdown::Row {
                    name: name(d),
                    chars_in: d.chars_in,
                    chars_removed: d.chars_removed,
                    cross_doc_chars: d.cross_doc_chars,
                    gate,
                    what: human::kinds(d),
                },
            ),
        );
        self.rows.truncate(ROWS);
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
