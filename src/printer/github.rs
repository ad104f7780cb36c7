//! GitHub Actions workflow commands (`--format github`): one `::warning` per document
//! over `--max-dup-ratio`, one `::error` per input that could not be cleaned, printed
//! on stdout where the runner reads them. Escaping follows the runner's rules: `%`,
//! CR and LF in every part, and `:` and `,` in properties.

use super::sink::{DocEvent, Printer};
use crate::report::{DocReport, InputProblem};
use std::io::Write;

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn prop(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(kind: &str, file: Option<&str>, line: Option<usize>, title: &str, msg: &str) -> String {
    let mut props = Vec::new();
    if let Some(f) = file {
        props.push(format!("file={}", prop(f)));
    }
    if let Some(l) = line {
        props.push(format!("line={l}"));
    }
    props.push(format!("title={}", prop(title)));
    format!("::{kind} {}::{}\n", props.join(","), data(msg))
}

/// The line an annotation points at: a JSONL document's line, else the first
/// removal's (or cross-document run's) first line.
fn line_of(d: &DocReport) -> Option<usize> {
    d.line.or_else(|| {
        let a = d.removed.first().map(|r| r.lines[0]);
        let b = d.cross_document.first().map(|c| c.lines[0]);
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    })
}

/// What a document's annotation says.
pub fn describe(d: &DocReport, check_ratio: f64, max: f64) -> String {
    let pct = |r: f64| format!("{:.1}%", r * 100.0);
    let id =
        d.id.as_deref()
            .map(|i| format!("{i}: "))
            .unwrap_or_default();
    if let Some(drop) = &d.dropped {
        return format!(
            "{id}duplicate of {} (document {}, similarity {:.3}); dropped",
            drop.duplicate_of.name(),
            drop.duplicate_of.document,
            drop.similarity
        );
    }
    let mut parts = vec![format!(
        "{id}{} duplicated (max {})",
        pct(check_ratio),
        pct(max)
    )];
    if let Some(r) = d.removed.first() {
        let more = d.removed.len() - 1;
        parts.push(format!(
            "{} at lines {}–{} repeats lines {}–{}{}",
            r.kind.as_str(),
            r.lines[0],
            r.lines[1],
            r.kept[0],
            r.kept[1],
            if more > 0 {
                format!(", {more} more removal{}", if more > 1 { "s" } else { "" })
            } else {
                String::new()
            }
        ));
    }
    if let Some(c) = d.cross_document.first() {
        parts.push(format!(
            "{} chars in paragraphs seen in earlier documents (lines {}–{} first in {})",
            d.cross_doc_chars,
            c.lines[0],
            c.lines[1],
            c.first.name()
        ));
    }
    parts.join("; ")
}

/// `::warning` for a document over the threshold.
pub fn document(d: &DocReport, check_ratio: f64, max: f64) -> String {
    command(
        "warning",
        d.path.as_deref(),
        line_of(d),
        "zhclean: duplicated text",
        &describe(d, check_ratio, max),
    )
}

/// Annotations of each kind shown at most (GitHub shows ten warnings and ten errors
/// per step); the rest are counted in [`suppressed`].
pub const CAP: usize = 10;

/// The one `::notice` after a capped run: how many annotations were not printed and
/// where the full list is.
pub fn suppressed(warnings: usize, errors: usize) -> String {
    command(
        "notice",
        None,
        None,
        "zhclean: more findings",
        &format!(
            "{warnings} more warning{} and {errors} more error{} not shown as annotations (at most {CAP} of each); the full list is in --summary-md and --report",
            if warnings == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" }
        ),
    )
}

/// `::error` for an input that was not cleaned (`::warning` when it was skipped on
/// purpose).
pub fn problem(p: &InputProblem, skipped: bool) -> String {
    command(
        if skipped { "warning" } else { "error" },
        p.path.as_deref(),
        p.line,
        if skipped {
            "zhclean: skipped"
        } else {
            "zhclean: not cleaned"
        },
        &p.message,
    )
}

/// `--format github` as a [`Printer`]: an annotation on stdout per input not
/// cleaned and per document over `--max-dup-ratio`, at most [`CAP`] of each kind, then
/// (when some were over the cap) one [`suppressed`] notice when the run closes.
pub struct Annotations {
    /// `--max-dup-ratio`.
    max: f64,
    /// Annotations printed, and not printed over the cap: (warnings, errors).
    shown: [usize; 2],
    hidden: [usize; 2],
}

impl Annotations {
    /// Annotations for a run with `--max-dup-ratio max`.
    pub fn new(max: f64) -> Self {
        Annotations {
            max,
            shown: [0; 2],
            hidden: [0; 2],
        }
    }

    /// Print one annotation (an error when `error`), unless its kind is over the cap.
    fn annotate(&mut self, s: &str, error: bool) {
        let i = usize::from(error);
        if self.shown[i] >= CAP {
            self.hidden[i] += 1;
            return;
        }
        self.shown[i] += 1;
        print_stdout(s);
    }
}

/// Annotations go to stdout, where the runner reads them; a closed stdout is not an
/// error for them (the run's outputs are elsewhere).
fn print_stdout(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

impl Printer for Annotations {
    fn problem(&mut self, p: &InputProblem, skipped: bool) {
        self.annotate(&problem(p, skipped), !skipped);
    }

    fn document(&mut self, d: &DocEvent<'_>) -> crate::Result<()> {
        if d.over {
            self.annotate(&document(d.report, d.check_ratio, self.max), false);
        }
        Ok(())
    }

    fn close(&mut self, _landed: bool) {
        if self.hidden != [0; 2] {
            print_stdout(&suppressed(self.hidden[0], self.hidden[1]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let p = InputProblem {
            path: Some("a,b:c.txt".into()),
            line: Some(3),
            message: "50% bad\nline".into(),
        };
        assert_eq!(
            problem(&p, false),
            "::error file=a%2Cb%3Ac.txt,line=3,title=zhclean%3A not cleaned::50%25 bad%0Aline\n"
        );
    }
}
