//! The JSON report (schema in `README.md`, “Report”). Pretty-printed, keys in schema
//! order, deterministic: the same input gives the same bytes in every run.
//!
//! A batch report is streamed ([`ReportStream`]): each document is rendered when it
//! is done and written in input order, so memory does not grow with the corpus; the
//! bytes are exactly those of [`render`] on the whole [`Report`]. With
//! `--report-format jsonl` every document is one compact line and the last line is
//! the [`ReportTail`] (schema version, summary, clusters, errors, skipped).

use super::sink::{DocEvent, Printer, RunEnd};
use crate::error::{Error, Result};
use crate::output::AtomicFile;
use crate::report::{DocReport, KindCounts, Removal, Report, ReportTail};
use std::io::Write;
use std::path::PathBuf;

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
            indented(&s, "    ")
        }
        ReportFormat::Jsonl => {
            let mut s = serde_json::to_string(d).expect("report serializes");
            s.push('\n');
            s
        }
    }
}

/// `s` with every line prefixed by `indent` (a pretty-printed value placed inside an
/// enclosing pretty-printed array).
fn indented(s: &str, indent: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(line);
    }
    out
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

/// `--report FILE` as a [`Printer`]: the report streamed to a temporary file beside
/// `FILE` as the documents come ([`ReportStream`], in `--report-format`), closed with
/// the tail and staged at the end; never more than one document in memory. A
/// document cleaned window by window hands its removals on first
/// ([`Printer::removal`]): they are spilled ([`SpilledRemovals`]) and the one-document
/// report is written around them at the end.
pub struct ReportFile {
    path: PathBuf,
    format: ReportFormat,
    /// The temporary file, until the first document says how it is written.
    file: Option<AtomicFile>,
    /// The documents streamed so far.
    stream: Option<ReportStream<AtomicFile>>,
    /// Removals handed on ahead of their document, and that document.
    spill: Option<SpilledRemovals>,
    spilled_doc: Option<DocReport>,
}

impl ReportFile {
    /// Start the report for `path` (its temporary file is created now, so that a
    /// report that cannot be written stops a run before it changes anything).
    /// Errors: the temporary file cannot be created.
    pub fn create(path: PathBuf, format: ReportFormat) -> Result<Self> {
        let file = AtomicFile::create(&path, true)?;
        Ok(ReportFile {
            path,
            format,
            file: Some(file),
            stream: None,
            spill: None,
            spilled_doc: None,
        })
    }

    fn err(&self) -> impl Fn(std::io::Error) -> Error + '_ {
        |err| Error::Write {
            path: self.path.display().to_string(),
            err,
        }
    }

    /// The stream, started on the temporary file when it is not yet.
    fn stream(&mut self) -> Result<&mut ReportStream<AtomicFile>> {
        if let Some(f) = self.file.take() {
            let s = ReportStream::new(f, self.format).map_err(self.err())?;
            self.stream = Some(s);
        }
        Ok(self
            .stream
            .as_mut()
            .expect("a report file has a stream or a file"))
    }
}

impl Printer for ReportFile {
    fn prints_top_paragraphs(&self) -> bool {
        true
    }

    fn removal(&mut self, r: &Removal) -> Result<()> {
        if self.spill.is_none() {
            self.spill = Some(SpilledRemovals::new().map_err(self.err())?);
        }
        let pushed = self.spill.as_mut().expect("just made").push(r);
        pushed.map_err(self.err())
    }

    fn document(&mut self, d: &DocEvent<'_>) -> Result<()> {
        if self.spill.is_some() {
            self.spilled_doc = Some(d.report.clone());
            return Ok(());
        }
        let written = match d.rendered {
            Some(r) => self.stream()?.document(r),
            None => {
                let r = document(d.report, self.format);
                self.stream()?.document(&r)
            }
        };
        written.map_err(self.err())
    }

    fn finish(&mut self, end: &RunEnd<'_>) -> Result<Vec<AtomicFile>> {
        let mut f = match (self.spill.take(), self.spilled_doc.take()) {
            (Some(spill), Some(doc)) => {
                let mut f = self.file.take().expect("a spilled report streams nothing");
                let report = Report {
                    schema_version: end.tail.schema_version,
                    documents: vec![doc],
                    summary: end.tail.summary.clone(),
                    clusters: end.tail.clusters.clone(),
                    errors: end.tail.errors.clone(),
                    skipped: end.tail.skipped.clone(),
                };
                spill.write_report(&report, &mut f).map_err(self.err())?;
                f
            }
            _ => {
                self.stream()?;
                let stream = self.stream.take().expect("started");
                stream.finish(end.tail).map_err(self.err())?
            }
        };
        f.stage()?;
        Ok(vec![f])
    }
}

/// The removals of one document written out as they are found (an input cleaned in
/// windows, see `windows`), so a report with millions of removals is never held in
/// memory: each is rendered at once into an anonymous temporary file, and
/// [`SpilledRemovals::write_report`] writes the report around them, byte for byte what
/// [`render`] gives for the same report held whole.
pub struct SpilledRemovals {
    file: std::io::BufWriter<std::fs::File>,
    count: usize,
    kinds: KindCounts,
}

/// Where a removal sits in a one-document pretty report.
const REMOVAL_INDENT: &str = "        ";

impl SpilledRemovals {
    /// An empty spill in an anonymous temporary file (gone when dropped, also on a crash).
    pub fn new() -> std::io::Result<Self> {
        Ok(SpilledRemovals {
            file: std::io::BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            count: 0,
            kinds: Default::default(),
        })
    }

    /// Add the next removal (in input order).
    pub fn push(&mut self, r: &Removal) -> std::io::Result<()> {
        let s = serde_json::to_string_pretty(r).expect("report serializes");
        if self.count > 0 {
            self.file.write_all(b",\n")?;
        }
        self.file
            .write_all(indented(&s, REMOVAL_INDENT).as_bytes())?;
        self.count += 1;
        self.kinds.add(r.kind);
        Ok(())
    }

    /// Removals so far.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Removals by kind, as the summary counts them.
    pub fn kinds(&self) -> &KindCounts {
        &self.kinds
    }

    /// Write `report` (one document, whose `removed` is empty: the removals are these)
    /// to `w`, pretty, with the summary's `removals_by_kind` taken from the spill.
    pub fn write_report(self, report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
        assert!(report.documents.len() == 1 && report.documents[0].removed.is_empty());
        let mut report = report.clone();
        report.summary.removals_by_kind = self.kinds.to_map();
        let text = render(&report);
        if self.count == 0 {
            return w.write_all(text.as_bytes());
        }
        const EMPTY: &str = "\"removed\": []";
        let at = text.find(EMPTY).expect("a document has `removed`");
        w.write_all(&text.as_bytes()[..at])?;
        w.write_all(b"\"removed\": [\n")?;
        let mut f = self.file.into_inner().map_err(|e| e.into_error())?;
        use std::io::Seek;
        f.seek(std::io::SeekFrom::Start(0))?;
        std::io::copy(&mut f, w)?;
        w.write_all(b"\n      ]")?;
        w.write_all(&text.as_bytes()[at + EMPTY.len()..])
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
    fn spilled_removals_give_the_rendered_report() {
        for d in docs() {
            let whole = Report::new(vec![d.clone()]);
            let mut spill = SpilledRemovals::new().unwrap();
            for r in &d.removed {
                spill.push(r).unwrap();
            }
            let mut bare = d.clone();
            bare.removed.clear();
            let mut out = Vec::new();
            spill
                .write_report(&Report::new(vec![bare]), &mut out)
                .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), render(&whole));
        }
    }

    #[test]
    fn report_file_writes_the_rendered_report_streamed_or_spilled() {
        let dir = tempfile::tempdir().unwrap();
        for (i, d) in docs().into_iter().enumerate() {
            let whole = Report::new(vec![d.clone()]);
            let tail = ReportTail::new(whole.summary.clone());
            let end = RunEnd {
                tail: &tail,
                over: 0,
            };
            let doc_event = |report| DocEvent {
                index: 0,
                report,
                text: "",
                rendered: None,
                check_ratio: 0.0,
                over: false,
            };
            // streamed: the document with its removals
            let p = dir.path().join(format!("{i}-streamed.json"));
            let mut f = ReportFile::create(p.clone(), ReportFormat::Json).unwrap();
            f.document(&doc_event(&d)).unwrap();
            crate::output::commit_all(f.finish(&end).unwrap()).unwrap();
            assert_eq!(std::fs::read_to_string(&p).unwrap(), render(&whole));
            // spilled: the removals first (a windowed input), then the document without
            let p = dir.path().join(format!("{i}-spilled.json"));
            let mut f = ReportFile::create(p.clone(), ReportFormat::Json).unwrap();
            for r in &d.removed {
                f.removal(r).unwrap();
            }
            let mut bare = d.clone();
            bare.removed.clear();
            f.document(&doc_event(&bare)).unwrap();
            crate::output::commit_all(f.finish(&end).unwrap()).unwrap();
            assert_eq!(std::fs::read_to_string(&p).unwrap(), render(&whole));
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
