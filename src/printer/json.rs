//! The JSON report (schema in `README.md`, “Report”). Pretty-printed, keys in schema
//! order, deterministic: the same input gives the same bytes in every run.
//!
//! A batch report is streamed ([`ReportStream`]): each document is rendered when it
//! is done and written in input order, so memory does not grow with the corpus; the
//! bytes are exactly those of [`render`] on the whole [`Report`]. With
//! `--report-format jsonl` every document is one compact line and the last line is
//! the [`ReportTail`] (schema version, summary, clusters, errors, skipped).

use crate::report::{DocReport, Report, ReportTail};
use std::io::Write;

/// The report as pretty JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("report serializes");
    s.push('\n');
    s
}

/// How a batch report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One pretty JSON object, as [`render`].
    Json,
    /// One compact line per document, then the tail.
    Jsonl,
}

/// One document as it appears in a report of `format` (pretty: indented for its place
/// in the `documents` array, no final newline; jsonl: one line with its newline).
pub fn document(d: &DocReport, format: ReportFormat) -> String {
    match format {
        ReportFormat::Json => {
            let s = serde_json::to_string_pretty(d).expect("report serializes");
            let mut out = String::with_capacity(s.len() + s.len() / 8);
            for (i, line) in s.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str("    ");
                out.push_str(line);
            }
            out
        }
        ReportFormat::Jsonl => {
            let mut s = serde_json::to_string(d).expect("report serializes");
            s.push('\n');
            s
        }
    }
}

/// A report written document by document.
pub struct ReportStream<W: Write> {
    w: W,
    format: ReportFormat,
    documents: usize,
}

const HEAD: &str = "{\n  \"schema_version\": 1,";

impl<W: Write> ReportStream<W> {
    /// Start a report on `w`.
    pub fn new(mut w: W, format: ReportFormat) -> std::io::Result<Self> {
        if format == ReportFormat::Json {
            w.write_all(HEAD.as_bytes())?;
            w.write_all(b"\n  \"documents\": [")?;
        }
        Ok(ReportStream {
            w,
            format,
            documents: 0,
        })
    }

    /// Append one document rendered by [`document`] with the same format.
    pub fn document(&mut self, rendered: &str) -> std::io::Result<()> {
        if self.format == ReportFormat::Json {
            self.w
                .write_all(if self.documents > 0 { b",\n" } else { b"\n" })?;
        }
        self.documents += 1;
        self.w.write_all(rendered.as_bytes())
    }

    /// Close the report with its tail and hand back the writer.
    pub fn finish(mut self, tail: &ReportTail) -> std::io::Result<W> {
        match self.format {
            ReportFormat::Json => {
                let t = serde_json::to_string_pretty(tail).expect("report serializes");
                let rest = t
                    .strip_prefix(HEAD)
                    .expect("the tail starts with the schema version");
                self.w
                    .write_all(if self.documents > 0 { b"\n  ]," } else { b"]," })?;
                self.w.write_all(rest.as_bytes())?;
                self.w.write_all(b"\n")?;
            }
            ReportFormat::Jsonl => {
                serde_json::to_writer(&mut self.w, tail)?;
                self.w.write_all(b"\n")?;
            }
        }
        Ok(self.w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Config};

    fn docs() -> Vec<DocReport> {
        let c = Cleaner::new(Config::default());
        let body = "這是一段足夠長的新聞正文,用來示範。\n";
        vec![
            c.clean_text(&format!("{body}{body}"), Some("a.txt".into()))
                .report,
            c.clean_text("短\n", None).report,
        ]
    }

    fn stream(r: &Report, format: ReportFormat) -> String {
        let mut s = ReportStream::new(Vec::new(), format).unwrap();
        for d in &r.documents {
            s.document(&document(d, format)).unwrap();
        }
        let tail = ReportTail {
            schema_version: r.schema_version,
            summary: r.summary.clone(),
            clusters: r.clusters.clone(),
            errors: r.errors.clone(),
            skipped: r.skipped.clone(),
        };
        String::from_utf8(s.finish(&tail).unwrap()).unwrap()
    }

    #[test]
    fn streamed_report_is_the_rendered_report() {
        for n in [0, 1, 2] {
            let mut r = Report::new(docs().into_iter().take(n).collect());
            if n == 2 {
                r.errors.push(crate::report::InputProblem {
                    path: Some("x.txt".into()),
                    line: None,
                    message: "cannot read".into(),
                });
            }
            assert_eq!(stream(&r, ReportFormat::Json), render(&r), "{n} documents");
        }
    }

    #[test]
    fn jsonl_report_parses_line_by_line() {
        let r = Report::new(docs());
        let s = stream(&r, ReportFormat::Jsonl);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 3);
        let d: DocReport = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(d, r.documents[0]);
        let t: ReportTail = serde_json::from_str(lines[2]).unwrap();
        assert_eq!(t.summary, r.summary);
    }
}
