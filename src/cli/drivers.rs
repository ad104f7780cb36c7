//! The runs a [`Plan`](super::plan::Plan) asks for: one document (whole or in
//! windows) and a batch, with their printing.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use zhclean::batch::{self, Outcome};
use zhclean::exit::ExitCode;
use zhclean::printer::github::Annotations;
use zhclean::printer::html::ReviewPage;
use zhclean::printer::json::{ReportFile, ReportFormat};
use zhclean::printer::markdown::SummaryFile;
use zhclean::printer::{DocEvent, Printer, Printers, RunEnd};
use zhclean::report::{ReportTail, Summary};
use zhclean::windows::Mode;
use zhclean::{output, Cleaner, Error, Result};

use super::console;
use super::plan::{usage, BatchPlan};

/// The printers of one document, in the order their files are committed (after the
/// text): the console's line (on a terminal, without `--quiet`), `--report`, `--html`.
/// Errors: the report's temporary file cannot be created.
fn document_printers(
    report: Option<PathBuf>,
    html: Option<PathBuf>,
    quiet: bool,
) -> Result<Printers<'static>> {
    let mut printers = Printers::new();
    printers.add(console::Console::document(
        !quiet && std::io::stderr().is_terminal(),
    ));
    if let Some(p) = report {
        printers.add(ReportFile::create(p, ReportFormat::Json)?);
    }
    if let Some(p) = html {
        printers.add(ReviewPage::new(p));
    }
    Ok(printers)
}

pub(super) fn single(
    cleaner: &Cleaner,
    input: Option<PathBuf>,
    out: Option<PathBuf>,
    report_path: Option<PathBuf>,
    html: Option<PathBuf>,
    quiet: bool,
) -> Result<ExitCode> {
    let window = cleaner.config().window_bytes;
    let head = match zhclean::windows::choose(input.as_deref(), window)? {
        Mode::Whole(bytes) => bytes,
        Mode::Windowed { .. } if html.is_some() => {
            return usage(format!(
                "--html shows a document whole, and this one is larger than --window {} bytes (or has a very long line): add --window 0 to clean it in one piece",
                window.map_or(0, |w| w.get())
            ));
        }
        Mode::Windowed { head, rest } => {
            return single_windowed(cleaner, head, rest, input, out, report_path, quiet)
        }
    };
    let decoded = cleaner.decode(head, input.as_deref())?;
    let cleaned = cleaner.clean_decoded(&decoded, input.as_deref());
    let mut printers = document_printers(report_path, html, quiet)?;
    printers.document(&DocEvent {
        index: 0,
        report: &cleaned.report,
        text: &decoded.text,
        rendered: None,
        check_ratio: batch::check_ratio(&cleaned.report),
        over: false,
    })?;
    if output::interrupted() {
        return Ok(ExitCode::Interrupted);
    }
    let tail = ReportTail::new(Summary::of(std::slice::from_ref(&cleaned.report)));
    // Every output is written in full (and fsynced) before any is renamed into place,
    // so a failed write (a full disk) leaves none of them: never a report that
    // describes text that was not written.
    let report_files = printers.finish(&RunEnd {
        tail: &tail,
        over: 0,
    })?;
    match &out {
        Some(p) => output::commit_all(
            std::iter::once(output::staged(p, cleaned.text.as_bytes())?)
                .chain(report_files)
                .collect(),
        )?,
        None => {
            // a reader that stops early (`| head`) is success, and the report lands
            let written = output::write_stdout(cleaned.text.as_bytes());
            match written {
                Err(e) if !e.is_broken_pipe() => return Err(e),
                _ => output::commit_all(report_files)?,
            }
        }
    }
    printers.close(true);
    Ok(ExitCode::Success)
}

/// [`single`] for an input larger than `--window` (or with a line longer than a
/// quarter of it): cleaned window by window, the text written as it goes, each
/// removal handed to the printers as it is found (the report spills them to a
/// temporary file, see `zhclean::windows`).
pub(super) fn single_windowed(
    cleaner: &Cleaner,
    head: Vec<u8>,
    rest: Box<dyn std::io::Read>,
    input: Option<PathBuf>,
    out: Option<PathBuf>,
    report_path: Option<PathBuf>,
    quiet: bool,
) -> Result<ExitCode> {
    let mut printers = document_printers(report_path, None, quiet)?;
    let mut sink = |r: zhclean::report::Removal| printers.removal(&r);
    let inp = input.as_deref();
    let mut text_file = None;
    let streamed = match &out {
        Some(p) => {
            let mut f = output::AtomicFile::create(p, true)?;
            let name = p.display().to_string();
            let s = zhclean::windows::clean(cleaner, head, rest, &mut f, &mut sink, inp, &name)?;
            if s.interrupted {
                return Ok(ExitCode::Interrupted); // dropping `f` deletes its temporary file
            }
            f.stage()?;
            text_file = Some(f);
            s
        }
        None => {
            let mut o = std::io::stdout().lock();
            let s =
                zhclean::windows::clean(cleaner, head, rest, &mut o, &mut sink, inp, "<stdout>")?;
            o.flush().map_err(|e| Error::Write {
                path: "<stdout>".to_string(),
                err: e,
            })?;
            s
        }
    };
    if streamed.interrupted {
        return Ok(ExitCode::Interrupted);
    }
    let report = streamed.report;
    printers.document(&DocEvent {
        index: 0,
        report: &report,
        text: "",
        rendered: None,
        check_ratio: batch::check_ratio(&report),
        over: false,
    })?;
    let mut summary = Summary::of(std::slice::from_ref(&report));
    summary.removals_by_kind = streamed.kinds.to_map();
    let tail = ReportTail::new(summary);
    let report_files = printers.finish(&RunEnd {
        tail: &tail,
        over: 0,
    })?;
    // the text and the report land together, or neither does
    output::commit_all(text_file.into_iter().chain(report_files).collect())?;
    printers.close(true);
    Ok(ExitCode::Success)
}

pub(super) fn run_batch(cleaner: &Cleaner, plan: BatchPlan) -> Result<ExitCode> {
    let max = plan.cfg.max_dup_ratio;
    let progress = !plan.quiet && std::io::stderr().is_terminal();
    // the outputs about the run, in the order their files are committed (after the
    // JSONL output)
    let mut printers = Printers::new();
    printers.add(console::Console::batch(
        progress,
        !plan.quiet,
        max,
        plan.check,
    ));
    if plan.github {
        printers.add(Annotations::new(max));
    }
    if let Some(p) = plan.html {
        printers.add(ReviewPage::new(p));
    }
    if let Some(p) = &plan.cfg.report {
        printers.add(ReportFile::create(p.clone(), plan.cfg.report_format)?);
    }
    if let Some(p) = plan.summary_md {
        printers.add(SummaryFile::new(p, max, plan.check));
    }
    let outcome = batch::run(cleaner, &plan.cfg, plan.source, &mut printers).and_then(|outcome| {
        if !outcome.interrupted {
            // the JSONL output, the report and the summaries land together, or none does
            output::commit_all(outcome.staged)?;
        }
        Ok(Outcome {
            staged: Vec::new(),
            ..outcome
        })
    });
    printers.close(outcome.as_ref().is_ok_and(|o| !o.interrupted));
    let outcome = outcome?;
    Ok(if outcome.interrupted {
        ExitCode::Interrupted
    } else if outcome.errors > 0 {
        ExitCode::Error
    } else if plan.check && outcome.over > 0 {
        ExitCode::CheckFailed
    } else {
        ExitCode::Success
    })
}
