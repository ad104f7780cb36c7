//! The one printer sink: every output about a run (the `--report` file, the
//! `--html` page, the `--summary-md` file, `--format github` annotations, the
//! console) is a [`Printer`], and a run's drivers (one document, a batch) hand the
//! run's events to one [`Printers`] (itself a [`Printer`]), which fans them out to
//! the printers configured, in the order they were added (as hyperfine's exporter
//! manager and ripgrep's `Sink`).
//!
//! ```text
//! driver --begin, progress, problem, warning, [removal…] document (input order)--> Printers --> each Printer
//!        --finish (the report's tail): files staged, not yet committed-->
//!        --close (whether the outputs landed)-->
//! ```
//!
//! A new output is one type implementing [`Printer`] (the events it does not need
//! have empty defaults) and one line where the command line builds its printers
//! (`src/cli/drivers.rs`).

use crate::error::Result;
use crate::output::AtomicFile;
use crate::report::{DocReport, InputProblem, Removal, ReportTail};

/// A cleaned document, in input order, as the printers see it.
#[derive(Debug, Clone, Copy)]
pub struct DocEvent<'a> {
    /// Its index in the run (0-based, input order; the report's `document`).
    pub index: usize,
    /// Its final report (cross-document findings and drops included).
    pub report: &'a DocReport,
    /// Its decoded input text, which the report's offsets refer to; empty for a
    /// document cleaned window by window, which is never whole in memory (`--html`,
    /// which shows the text, refuses such a document).
    pub text: &'a str,
    /// The report already rendered for the JSON report (a batch renders it on its
    /// worker threads), when it is, in the report's format; `None`: render it.
    pub rendered: Option<&'a str>,
    /// The share `--check` compares with `--max-dup-ratio` (see
    /// [`crate::batch::check_ratio`]).
    pub check_ratio: f64,
    /// Whether `check_ratio` is over `--max-dup-ratio`.
    pub over: bool,
}

/// The end of a run: the report's tail (schema version, summary, clusters, errors,
/// skipped inputs) and the documents over `--max-dup-ratio`.
#[derive(Debug, Clone, Copy)]
pub struct RunEnd<'a> {
    /// Everything of the report but its documents.
    pub tail: &'a ReportTail,
    /// Documents over `--max-dup-ratio`, dropped ones included.
    pub over: usize,
}

/// One output of a run. Events come on the driver's thread, in input order; every
/// method has an empty default, so a printer implements only what it needs.
pub trait Printer {
    /// The run starts; `total_bytes`: the input bytes it will read, when known.
    fn begin(&mut self, _total_bytes: Option<u64>) {}
    /// Input bytes consumed so far, and documents taken.
    fn progress(&mut self, _bytes: u64, _documents: usize) {}
    /// An input that was not cleaned (`skipped`: on purpose, a warning).
    fn problem(&mut self, _p: &InputProblem, _skipped: bool) {}
    /// A warning about the run as a whole, for people.
    fn warning(&mut self, _message: &str) {}
    /// A removal of a document cleaned window by window (`windows`), handed on as it
    /// is found, in input order, before that document's [`Printer::document`] (whose
    /// report's `removed` is then empty): a large input's removals are never all in
    /// memory. Errors: the printer's output cannot be written.
    fn removal(&mut self, _r: &Removal) -> Result<()> {
        Ok(())
    }
    /// A cleaned document. Errors: the printer's output cannot be written.
    fn document(&mut self, _d: &DocEvent<'_>) -> Result<()> {
        Ok(())
    }
    /// Whether the printer writes the run's most repeated paragraphs
    /// ([`crate::report::Summary::top_paragraphs`]): a batch without `--cross-doc`
    /// counts paragraphs across its documents only when one does.
    fn prints_top_paragraphs(&self) -> bool {
        false
    }
    /// The run ended with every document taken: write the printer's files (one, or
    /// none) in full and fsync them, staged but not renamed into place (see
    /// [`crate::output::commit_all`]: the run's outputs land together or not at all).
    /// Errors: a file cannot be written.
    fn finish(&mut self, _end: &RunEnd<'_>) -> Result<Vec<AtomicFile>> {
        Ok(Vec::new())
    }
    /// The run is over: `landed` when every output was committed, `false` when the
    /// run failed or was interrupted (clear what is live on the terminal either way).
    fn close(&mut self, _landed: bool) {}
}

/// The printers of a run: receives the run's events once and hands each to every
/// printer, in the order they were added.
#[derive(Default)]
pub struct Printers<'p> {
    printers: Vec<Box<dyn Printer + 'p>>,
}

impl<'p> Printers<'p> {
    /// No printers.
    pub fn new() -> Self {
        Printers::default()
    }

    /// Add a printer after those already added.
    pub fn add(&mut self, p: impl Printer + 'p) {
        self.printers.push(Box::new(p));
    }

    /// Whether no printer was added.
    pub fn is_empty(&self) -> bool {
        self.printers.is_empty()
    }
}

/// The fan-out: each event to every printer, in the order they were added. A
/// driver holds the [`Printers`] as one `&mut dyn Printer`.
impl Printer for Printers<'_> {
    fn begin(&mut self, total_bytes: Option<u64>) {
        self.printers.iter_mut().for_each(|p| p.begin(total_bytes));
    }

    fn progress(&mut self, bytes: u64, documents: usize) {
        for p in &mut self.printers {
            p.progress(bytes, documents);
        }
    }

    fn problem(&mut self, problem: &InputProblem, skipped: bool) {
        for p in &mut self.printers {
            p.problem(problem, skipped);
        }
    }

    fn warning(&mut self, message: &str) {
        self.printers.iter_mut().for_each(|p| p.warning(message));
    }

    /// The first error stops the fan-out and is returned.
    fn removal(&mut self, r: &Removal) -> Result<()> {
        self.printers.iter_mut().try_for_each(|p| p.removal(r))
    }

    /// The first error stops the fan-out and is returned.
    fn document(&mut self, d: &DocEvent<'_>) -> Result<()> {
        self.printers.iter_mut().try_for_each(|p| p.document(d))
    }

    /// Whether any printer does.
    fn prints_top_paragraphs(&self) -> bool {
        self.printers.iter().any(|p| p.prints_top_paragraphs())
    }

    /// The printers' staged files, in the order the printers were added. On an error
    /// the files staged so far are dropped (deleted).
    fn finish(&mut self, end: &RunEnd<'_>) -> Result<Vec<AtomicFile>> {
        let mut staged = Vec::new();
        for p in &mut self.printers {
            staged.extend(p.finish(end)?);
        }
        Ok(staged)
    }

    fn close(&mut self, landed: bool) {
        self.printers.iter_mut().for_each(|p| p.close(landed));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Records the events it sees, by name, into a shared log.
    struct Log(&'static str, Rc<RefCell<Vec<String>>>);

    impl Printer for Log {
        fn begin(&mut self, t: Option<u64>) {
            self.1.borrow_mut().push(format!("{} begin {t:?}", self.0));
        }
        fn problem(&mut self, p: &InputProblem, skipped: bool) {
            let m = &p.message;
            self.1
                .borrow_mut()
                .push(format!("{} problem {m} {skipped}", self.0));
        }
        fn document(&mut self, d: &DocEvent<'_>) -> Result<()> {
            self.1
                .borrow_mut()
                .push(format!("{} doc {}", self.0, d.index));
            Ok(())
        }
        fn finish(&mut self, end: &RunEnd<'_>) -> Result<Vec<AtomicFile>> {
            let n = end.tail.summary.documents;
            self.1.borrow_mut().push(format!("{} finish {n}", self.0));
            Ok(Vec::new())
        }
        fn close(&mut self, landed: bool) {
            self.1
                .borrow_mut()
                .push(format!("{} close {landed}", self.0));
        }
    }

    #[test]
    fn every_event_reaches_every_printer_in_the_order_they_were_added() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut ps = Printers::new();
        assert!(ps.is_empty());
        ps.add(Log("a", log.clone()));
        ps.add(Log("b", log.clone()));
        let report = crate::Cleaner::new(crate::Config::default())
            .clean_text("正文\n", None)
            .report;
        ps.begin(Some(7));
        ps.problem(
            &InputProblem {
                path: None,
                line: Some(2),
                message: "bad".into(),
            },
            true,
        );
        ps.document(&DocEvent {
            index: 0,
            report: &report,
            text: "正文\n",
            rendered: None,
            check_ratio: 0.0,
            over: false,
        })
        .unwrap();
        let tail = ReportTail::new(crate::report::Summary::of(std::slice::from_ref(&report)));
        let staged = ps
            .finish(&RunEnd {
                tail: &tail,
                over: 0,
            })
            .unwrap();
        assert!(staged.is_empty());
        ps.close(true);
        assert_eq!(
            *log.borrow(),
            [
                "a begin Some(7)",
                "b begin Some(7)",
                "a problem bad true",
                "b problem bad true",
                "a doc 0",
                "b doc 0",
                "a finish 1",
                "b finish 1",
                "a close true",
                "b close true"
            ]
        );
    }
}
