//! Batches: folder trees and JSONL corpora, cleaned in parallel, written and
//! reported in input order.
//!
//! ```text
//! reader --chunks--> rayon: read, decode, clean, key (per document) --in order--> sequential pass
//!                                                                                 (cross-document index, drop,
//!                                                                                  output stream, report stream)
//! ```
//!
//! Each document is cleaned on its own, in parallel (`-j N`); everything that depends
//! on other documents happens afterwards in one pass over the results **in input
//! order**: the paragraph table and near-duplicate index of [`crate::crossdoc`], the
//! JSONL output, the report. The output and the report are therefore the same bytes
//! for every thread count. With `-j 1` one thread does everything; with `-j N` the
//! sequential pass runs on the calling thread while N workers clean the next chunk.
//!
//! Memory is bounded by a few chunks of input in flight (about 2 MiB of JSONL or 64
//! files each) plus the cross-document state (36 bytes per distinct paragraph, see
//! [`crate::crossdoc`]); the report is streamed to its file.
//!
//! One bad input never stops a batch: it is reported (path, line, reason) and
//! skipped, and the run ends with [`Outcome::errors`] set. Work stops between
//! documents when [`crate::output::interrupted`] becomes true; temporary files are
//! dropped (deleted) on the way out.

use crate::crossdoc::{self, DocIndex, Keys, ParaTable, TopParagraphs};
use crate::error::{Error, Result};
use crate::input::{self, FileItem, JsonlReader, LineRef, Notice, RecordError, Walk};
use crate::normalize::key::push_key;
use crate::normalize::script::ScriptTables;
use crate::output::{self, AtomicFile};
use crate::printer::json::{self as json_printer, ReportFormat, ReportStream};
use crate::report::{
    self, CharIndex, Cluster, ClusterMember, CrossMatch, CrossSummary, DocRef, DocReport, Dropped,
    InputProblem, RepeatedParagraph, ReportTail, Summary,
};
use crate::Cleaner;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::PathBuf;

/// JSONL bytes handed to the workers at a time.
const CHUNK_BYTES: usize = 512 << 10;
/// Files handed to the workers at a time (fewer when they are large).
const CHUNK_FILES: usize = 16;

/// `--cross-doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossDoc {
    /// Not asked for (the paragraph table still feeds `top_paragraphs`).
    Off,
    /// Report paragraphs seen in earlier documents.
    Report,
    /// Also drop documents that near-duplicate an earlier one.
    Drop,
}

/// Where cleaned documents go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Nowhere (`--check`).
    Nowhere,
    /// Folder mode: the input tree mirrored under this folder.
    OutDir(PathBuf),
    /// Folder mode: each file replaced, optionally keeping `file + suffix`.
    InPlace {
        /// `--backup SUFFIX`.
        backup: Option<String>,
    },
    /// JSONL mode: one stream, to this file or to stdout.
    Jsonl(Option<PathBuf>),
}

/// What to read.
pub enum Source {
    /// Files listed by [`input::walk`].
    Files(Walk),
    /// JSONL files; `None` is stdin.
    Jsonl(Vec<Option<PathBuf>>),
}

/// How a batch runs (the rest is in the [`Cleaner`]'s `Config`).
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// `--cross-doc`.
    pub cross_doc: CrossDoc,
    /// `--cross-doc-threshold`: Jaccard similarity at which a document is dropped.
    pub drop_threshold: f64,
    /// Where cleaned documents go.
    pub destination: Destination,
    /// `--report FILE`.
    pub report: Option<PathBuf>,
    /// `--report-format`.
    pub report_format: ReportFormat,
    /// `--max-dup-ratio`: a document over it is an offender.
    pub max_dup_ratio: f64,
    /// `--text-field`.
    pub text_field: String,
    /// `--id-field`: the JSONL field (`meta.id` for nested) whose value names each
    /// document in the report, annotations and summaries.
    pub id_field: Option<String>,
    /// `--annotate`: keep every record as it was and add this field with the
    /// statistics (see [`crate::annotate`]).
    pub annotate: Option<String>,
    /// `--html FILE`: the review page (see [`crate::printer::html`]).
    pub html: Option<PathBuf>,
}

/// What the caller sees of a batch as it runs (printing, progress, annotations).
/// Called on the calling thread, in input order.
pub trait Observer {
    /// An input that was not cleaned.
    fn problem(&mut self, p: &InputProblem, skipped: bool);
    /// A cleaned document: its report, its gate ratio (see [`gate_ratio`]), whether it
    /// is over `--max-dup-ratio`.
    fn document(&mut self, index: usize, d: &DocReport, gate: f64, over: bool);
    /// Input bytes consumed so far, for progress.
    fn progress(&mut self, _bytes: u64, _documents: usize) {}
    /// A warning about the run as a whole (not about one input), for people.
    fn warning(&mut self, _message: &str) {}
}

/// How a batch ended.
#[derive(Default)]
pub struct Outcome {
    /// The summary of the report.
    pub summary: Summary,
    /// Inputs that could not be cleaned.
    pub errors: usize,
    /// Inputs skipped on purpose.
    pub skipped: usize,
    /// Documents over `--max-dup-ratio`.
    pub over: usize,
    /// Stopped by [`output::interrupt`]; nothing was committed.
    pub interrupted: bool,
    /// The JSONL output file and the report, written in full and fsynced but not yet
    /// renamed into place: the caller stages its own outputs (`--summary-md`) and
    /// commits them all with [`output::commit_all`], so that a failed write leaves none.
    pub staged: Vec<AtomicFile>,
}

/// The share of a document that `--check` compares with `--max-dup-ratio`:
/// `dup_ratio`, plus the `cross_document` characters with `--cross-doc`; 1.0 for a
/// dropped document.
pub fn gate_ratio(d: &DocReport) -> f64 {
    if d.dropped.is_some() {
        1.0
    } else if d.cross_doc_chars > 0 {
        report::ratio(d.chars_removed + d.cross_doc_chars, d.chars_in)
    } else {
        d.dup_ratio
    }
}

/// Total input bytes of a source, when known (for progress).
pub fn total_bytes(src: &Source) -> Option<u64> {
    match src {
        Source::Files(w) => Some(w.files.iter().map(|f| f.size).sum()),
        // progress counts decompressed bytes: a compressed source has no known total
        Source::Jsonl(paths) => paths.iter().try_fold(0u64, |acc, p| {
            let p = p.as_ref()?;
            // only a regular file may be read twice: a pipe (`/dev/stdin`) would lose
            // the bytes sniffed here
            let meta = std::fs::metadata(p).ok()?;
            if !meta.is_file() {
                return None;
            }
            let mut head = [0u8; 10];
            let n = File::open(p).ok()?.read(&mut head).ok()?;
            if crate::compress::Codec::sniff(&head[..n]).is_some() {
                return None;
            }
            Some(acc + meta.len())
        }),
    }
}

// ---------------------------------------------------------------------------------

/// Where a document came from: the file (index in the walk) or the JSONL source and
/// line, with the line's offset and length for reading it back.
#[derive(Debug, Clone, Copy)]
struct Origin {
    src: u32,
    line: u32,
    offset: u64,
    len: u32,
}

enum Item {
    File(u32),
    Notice(Notice),
    Line(LineRef),
}

struct Work {
    items: Vec<Item>,
    buf: Vec<u8>,
    src: u32,
}

struct Done {
    origin: Origin,
    bytes: u64,
    kind: DoneKind,
}

enum DoneKind {
    Doc(Box<DocDone>),
    Problem {
        path: Option<String>,
        line: Option<usize>,
        message: String,
        skipped: bool,
        /// A JSONL line to write unchanged.
        passthrough: Option<Vec<u8>>,
    },
    Nothing,
    Interrupted,
}

struct DocDone {
    report: DocReport,
    rendered: String,
    text: String,
    keys: Keys,
    /// Bytes for the sequential pass to write: a JSONL line, or a file's content when
    /// it may still be dropped.
    out: Option<Vec<u8>>,
}

struct Ctx<'a> {
    cleaner: &'a Cleaner,
    /// The cleaner's boilerplate rules, with the batch's repeated lines
    /// ([`crate::batch_lines`]).
    rules: crate::detect::boilerplate::Rules,
    cfg: &'a BatchConfig,
    tables: &'static ScriptTables,
    files: &'a [FileItem],
    jsonl_paths: Vec<Option<PathBuf>>,
}

impl Ctx<'_> {
    fn path_of(&self, o: &Origin, jsonl: bool) -> Option<String> {
        if jsonl {
            self.jsonl_paths[o.src as usize]
                .as_ref()
                .map(|p| p.display().to_string())
        } else {
            let p = &self.files[o.src as usize].path;
            (!output::is_stdout(p)).then(|| p.display().to_string())
        }
    }

    /// A cleaned document on its way to the sequential pass, its report rendered here
    /// (in parallel) for the common case that the pass does not change it.
    fn doc_done(
        &self,
        origin: Origin,
        bytes: u64,
        report: DocReport,
        text: String,
        keys: Keys,
        out: Option<Vec<u8>>,
    ) -> Done {
        Done {
            origin,
            bytes,
            kind: DoneKind::Doc(Box::new(DocDone {
                rendered: self.rendered(&report),
                report,
                text,
                keys,
                out,
            })),
        }
    }

    fn rendered(&self, d: &DocReport) -> String {
        if self.cfg.report.is_some() {
            json_printer::document(d, self.cfg.report_format)
        } else {
            String::new()
        }
    }

    fn work(&self, item: &Item, buf: &[u8], src: u32) -> Done {
        if output::interrupted() {
            return Done {
                origin: Origin {
                    src,
                    line: 0,
                    offset: 0,
                    len: 0,
                },
                bytes: 0,
                kind: DoneKind::Interrupted,
            };
        }
        match item {
            Item::File(i) => self.work_file(*i),
            Item::Notice(n) => Done {
                origin: Origin {
                    src: u32::MAX,
                    line: 0,
                    offset: 0,
                    len: 0,
                },
                bytes: 0,
                kind: DoneKind::Problem {
                    path: Some(n.path.display().to_string()),
                    line: None,
                    message: format!("{}: {}", n.path.display(), n.message),
                    skipped: n.skipped,
                    passthrough: None,
                },
            },
            Item::Line(l) => self.work_line(src, l, buf),
        }
    }

    fn work_file(&self, i: u32) -> Done {
        let item = &self.files[i as usize];
        let origin = Origin {
            src: i,
            line: 0,
            offset: 0,
            len: 0,
        };
        let problem = |e: Error, bytes: u64| Done {
            origin,
            bytes,
            kind: DoneKind::Problem {
                path: Some(item.path.display().to_string()),
                line: None,
                skipped: matches!(e, Error::Binary { .. }),
                message: e.to_string(),
                passthrough: None,
            },
        };
        // `-` is stdin (`--check` on one document from a pipe)
        let path = (!output::is_stdout(&item.path)).then_some(item.path.as_path());
        let (bytes, codec) = match input::read_with_codec(path) {
            Ok(b) => b,
            Err(e) => return problem(e, item.size),
        };
        let n = bytes.len() as u64;
        let decoded = match self.cleaner.decode(bytes, path) {
            Ok(d) => d,
            Err(e) => return problem(e, n),
        };
        let mut cleaned = self.cleaner.clean_decoded_with(&decoded, path, &self.rules);
        let keys = crossdoc::keys(
            self.tables,
            &decoded.text,
            std::mem::take(&mut cleaned.paragraphs),
            self.cfg.cross_doc == CrossDoc::Drop,
        );
        let out = match &self.cfg.destination {
            Destination::Nowhere | Destination::Jsonl(_) => None,
            Destination::OutDir(_) if self.cfg.cross_doc == CrossDoc::Drop => {
                Some(cleaned.text.into_bytes())
            }
            Destination::OutDir(dir) => {
                if let Err(e) = write_file(
                    &dir.join(&item.out_rel),
                    cleaned.text.as_bytes(),
                    false,
                    None,
                    codec,
                ) {
                    return problem(e, n);
                }
                None
            }
            Destination::InPlace { backup } => {
                let unchanged =
                    decoded.encoding == "utf-8" && !decoded.bom && cleaned.text == decoded.text;
                if !unchanged {
                    if let Err(e) = write_file(
                        &item.path,
                        cleaned.text.as_bytes(),
                        true,
                        backup.as_deref(),
                        codec,
                    ) {
                        return problem(e, n);
                    }
                }
                None
            }
        };
        self.doc_done(origin, n, cleaned.report, decoded.text, keys, out)
    }

    fn work_line(&self, src: u32, l: &LineRef, buf: &[u8]) -> Done {
        let line = &buf[l.start..l.end];
        let origin = Origin {
            src,
            line: l.line as u32,
            offset: l.offset,
            len: (l.end - l.start) as u32,
        };
        let bytes = (l.end - l.start) as u64 + 1;
        let path = self.jsonl_paths[src as usize]
            .as_ref()
            .map(|p| p.display().to_string());
        let name = path.clone().unwrap_or_else(|| "<stdin>".to_string());
        if line.iter().all(u8::is_ascii_whitespace) {
            return Done {
                origin,
                bytes,
                kind: DoneKind::Nothing,
            };
        }
        let problem = |message: String, passthrough: Option<Vec<u8>>| Done {
            origin,
            bytes,
            kind: DoneKind::Problem {
                path: path.clone(),
                line: Some(l.line),
                message,
                skipped: false,
                passthrough,
            },
        };
        let rec = match input::parse_record_with(
            line,
            &self.cfg.text_field,
            self.cfg.id_field.as_deref(),
            self.cfg.annotate.as_deref(),
        ) {
            Ok(r) => r,
            Err(RecordError::Malformed(m)) => {
                return problem(format!("{name}:{}: {m}; line not written", l.line), None)
            }
            Err(RecordError::NoText(m)) => {
                let mut pass = line.to_vec();
                pass.push(b'\n');
                return problem(format!("{name}:{}: {m}", l.line), Some(pass));
            }
        };
        if rec.has_field {
            let mut pass = line.to_vec();
            pass.push(b'\n');
            let f = self.cfg.annotate.as_deref().unwrap_or_default();
            return problem(
                format!(
                    "{name}:{}: the record already has a field {f:?}; choose another with --stats-field; written unchanged",
                    l.line
                ),
                Some(pass),
            );
        }
        let mut cleaned = self.cleaner.clean_text_with(&rec.text, path, &self.rules);
        cleaned.report.line = Some(l.line);
        cleaned.report.id = rec.id;
        let keys = crossdoc::keys(
            self.tables,
            &rec.text,
            std::mem::take(&mut cleaned.paragraphs),
            self.cfg.cross_doc == CrossDoc::Drop,
        );
        let out = match self.cfg.destination {
            // the statistics are added in the sequential pass, once drops are known
            Destination::Jsonl(_) if self.cfg.annotate.is_some() => Some(line.to_vec()),
            Destination::Jsonl(_) => {
                let t = serde_json::to_string(&cleaned.text).expect("strings serialize");
                let mut o = Vec::with_capacity(rec.before.len() + t.len() + rec.after.len() + 1);
                o.extend_from_slice(rec.before.as_bytes());
                o.extend_from_slice(t.as_bytes());
                o.extend_from_slice(rec.after.as_bytes());
                o.push(b'\n');
                Some(o)
            }
            _ => None,
        };
        self.doc_done(origin, bytes, cleaned.report, rec.text, keys, out)
    }

    /// The shingles of an earlier document, read back from its source.
    fn reload(
        &self,
        o: &Origin,
        jsonl: bool,
        handles: &[Option<File>],
    ) -> std::result::Result<Vec<u64>, String> {
        let text = if jsonl {
            let f = handles[o.src as usize]
                .as_ref()
                .ok_or_else(|| "source cannot be read again".to_string())?;
            let line = input::read_at(f, o.offset, o.len as usize).map_err(|e| e.to_string())?;
            input::parse_record(&line, &self.cfg.text_field)
                .map_err(|e| format!("{e:?}"))?
                .text
        } else {
            let item = &self.files[o.src as usize];
            let bytes = input::read(Some(&item.path)).map_err(|e| e.to_string())?;
            self.cleaner
                .decode(bytes, Some(&item.path))
                .map_err(|e| e.to_string())?
                .text
        };
        Ok(crossdoc::shingles_of(self.tables, &text))
    }
}

/// The first 32 characters of a span, leading whitespace dropped, for people.
fn preview(s: &str) -> String {
    s.trim_start().chars().take(32).collect()
}

/// Write one output file atomically, creating its folder, compressed with `codec`
/// (the input's: a rewritten or mirrored file keeps its format).
fn write_file(
    path: &std::path::Path,
    data: &[u8],
    fsync: bool,
    backup: Option<&str>,
    codec: Option<crate::compress::Codec>,
) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::Write {
            path: dir.display().to_string(),
            err: e,
        })?;
    }
    let mut f = AtomicFile::create_as(path, fsync, codec)?;
    f.write_all(data).map_err(|e| Error::Write {
        path: path.display().to_string(),
        err: e,
    })?;
    f.commit(backup)
}

// ---------------------------------------------------------------------------------
// The sequential pass

struct Pass<'a, 'o> {
    ctx: &'a Ctx<'a>,
    obs: &'o mut dyn Observer,
    jsonl: bool,
    handles: Vec<Option<File>>,
    origins: Vec<Origin>,
    table: ParaTable,
    top: TopParagraphs,
    index: Option<DocIndex>,
    clusters: BTreeMap<u32, Vec<ClusterMember>>,
    summary: Summary,
    cross: CrossSummary,
    errors: Vec<InputProblem>,
    skipped: Vec<InputProblem>,
    over: usize,
    report: Option<ReportStream<AtomicFile>>,
    out: Option<OutStream>,
    bytes: u64,
    interrupted: bool,
    /// The JSONL output's reader closed stdout: stop taking documents.
    stdout_closed: bool,
    /// `--id-field`: each document's id, by index.
    ids: Vec<Option<String>>,
    /// `--html`: the documents to show (see [`crate::printer::html::keep_worst`]).
    pages: Vec<crate::printer::html::Page>,
}

impl<'a> Pass<'a, '_> {
    fn doc_ref(&self, doc: u32) -> DocRef {
        let o = &self.origins[doc as usize];
        DocRef {
            document: doc as usize,
            path: self.ctx.path_of(o, self.jsonl),
            line: self.jsonl.then_some(o.line as usize),
            id: self.ids.get(doc as usize).cloned().flatten(),
        }
    }

    /// Write a JSONL line to the output. When stdout's reader has gone (`| head`),
    /// the run stops reading: the report still covers every document taken so far,
    /// and says where it stopped.
    fn emit(&mut self, bytes: &[u8]) -> Result<()> {
        if self.stdout_closed {
            return Ok(());
        }
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        match out.write_all(bytes) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.stdout_closed = true;
                Ok(())
            }
            Err(e) => Err(write_err(&self.ctx.cfg.destination)(e)),
        }
    }

    fn take(&mut self, done: Done) -> Result<()> {
        self.bytes += done.bytes;
        match done.kind {
            DoneKind::Interrupted => self.interrupted = true,
            DoneKind::Nothing => {}
            DoneKind::Problem {
                path,
                line,
                message,
                skipped,
                passthrough,
            } => {
                let p = InputProblem {
                    path,
                    line,
                    message,
                };
                self.obs.problem(&p, skipped);
                if skipped {
                    self.skipped.push(p);
                } else {
                    self.errors.push(p);
                }
                if let Some(pass) = passthrough {
                    self.emit(&pass)?;
                }
            }
            DoneKind::Doc(d) => self.document(done.origin, *d)?,
        }
        self.obs.progress(self.bytes, self.origins.len());
        Ok(())
    }

    fn document(&mut self, origin: Origin, d: DocDone) -> Result<()> {
        let doc = self.origins.len() as u32;
        self.origins.push(origin);
        if self.ctx.cfg.id_field.is_some() {
            self.ids.push(d.report.id.clone());
        }
        let DocDone {
            mut report,
            mut rendered,
            text,
            keys,
            out,
        } = d;
        let min = self.ctx.cleaner.config().min_paragraph_chars.max(1);
        let mut changed = false;

        // whole-document near duplicates
        if let Some(index) = &self.index {
            // (shorter than the minimum: dropped only as an exact copy)
            if keys.key_chars > 0 {
                if let Some(sig) = keys.signature.as_deref() {
                    let ctx = self.ctx;
                    let (origins, handles, jsonl) = (&self.origins, &self.handles, self.jsonl);
                    let exact_only = keys.key_chars < min;
                    let found = index.find(sig, &keys.shingles, exact_only, |other| {
                        ctx.reload(&origins[other as usize], jsonl, handles)
                    });
                    match found {
                        Ok(Some((kept, similarity))) => {
                            let similarity = (similarity * 1e6).round() / 1e6;
                            let kept_ref = self.doc_ref(kept);
                            let me = self.doc_ref(doc);
                            self.clusters.entry(kept).or_default().push(ClusterMember {
                                document: me.document,
                                path: me.path,
                                line: me.line,
                                id: me.id,
                                similarity,
                            });
                            self.cross.documents_dropped += 1;
                            self.cross.chars_dropped += report.chars_in;
                            report.dropped = Some(Dropped {
                                duplicate_of: kept_ref,
                                similarity,
                            });
                            report.chars_out = 0;
                            changed = true;
                            // clusters: a later copy of this one is a copy too
                            if let Some(index) = &mut self.index {
                                index.insert(doc, sig);
                            }
                        }
                        Ok(None) => {
                            if let Some(index) = &mut self.index {
                                index.insert(doc, sig);
                            }
                        }
                        Err(e) => {
                            // cannot verify against earlier documents: keep this one
                            let p = InputProblem {
                                path: report.path.clone(),
                                line: report.line,
                                message: format!(
                                    "cannot read an earlier document back to compare: {e}; kept"
                                ),
                            };
                            self.obs.problem(&p, true);
                            self.skipped.push(p);
                            if let Some(index) = &mut self.index {
                                index.insert(doc, sig);
                            }
                        }
                    }
                }
            }
        }

        // paragraphs across documents
        let cross_on = self.ctx.cfg.cross_doc != CrossDoc::Off && report.dropped.is_none();
        let removed: Vec<[usize; 2]> = report.removed.iter().map(|r| r.byte_range).collect();
        let inside_removed = |s: usize, e: usize| {
            let i = removed.partition_point(|r| r[1] < e);
            removed.get(i).is_some_and(|r| r[0] <= s && e <= r[1])
        };
        let mut runs: Vec<(usize, usize, crossdoc::Seen)> = Vec::new(); // para range, first seen
        let mut last: Option<usize> = None; // index in runs of the run that the previous paragraph extends
        for (i, p) in keys.paras.iter().enumerate() {
            if (p.key_chars as usize) < min {
                last = None;
                continue;
            }
            let seen = self.table.add(p.hash, doc, p.line);
            if seen.count >= 2 {
                let tables = self.ctx.tables;
                let t = &text[p.start..p.end];
                self.top.update(p.hash, seen, p.key_chars, || {
                    let mut k = String::new();
                    push_key(tables, t, &mut k);
                    (crate::fingerprint::sha256_hex([k.as_str()]), preview(t))
                });
            }
            let cross = cross_on && seen.doc < doc && !inside_removed(p.start, p.end);
            if !cross {
                last = None;
                continue;
            }
            match last {
                Some(r) if runs[r].2.doc == seen.doc && runs[r].1 == i => runs[r].1 = i + 1,
                _ => {
                    runs.push((i, i + 1, seen));
                    last = Some(runs.len() - 1);
                }
            }
        }
        if !runs.is_empty() {
            let idx = CharIndex::new(&text);
            for (a, b, seen) in runs {
                let (p0, p1) = (&keys.paras[a], &keys.paras[b - 1]);
                let mut parts = Vec::with_capacity(b - a);
                let (mut chars, mut fresh) = (0, 0);
                for p in &keys.paras[a..b] {
                    let mut k = String::new();
                    push_key(self.ctx.tables, &text[p.start..p.end], &mut k);
                    parts.push(k);
                    let n = idx.chars_before(p.end) - idx.chars_before(p.start);
                    chars += n;
                    // characters a removal already took are not counted twice
                    let first = removed.partition_point(|r| r[1] <= p.start);
                    let taken: usize = removed[first..]
                        .iter()
                        .take_while(|r| r[0] < p.end)
                        .map(|r| {
                            idx.chars_before(r[1].min(p.end)) - idx.chars_before(r[0].max(p.start))
                        })
                        .sum();
                    fresh += n - taken;
                }
                report.cross_document.push(CrossMatch {
                    kind: crate::detect::Kind::CrossDocument,
                    lines: [p0.line as usize + 1, p1.line as usize + 1],
                    byte_range: [p0.start, p1.end],
                    char_range: [idx.chars_before(p0.start), idx.chars_before(p1.end)],
                    chars,
                    similarity: 1.0,
                    sha256: crate::fingerprint::sha256_hex(parts.iter().map(String::as_str)),
                    preview: preview(&text[p0.start..p1.end]),
                    first: self.doc_ref(seen.doc),
                    first_line: seen.line as usize + 1,
                });
                report.cross_doc_chars += fresh;
                self.cross.paragraphs += b - a;
                self.cross.chars += chars;
            }
            changed = true;
        }

        // output
        if let (Some(field), Some(bytes)) = (&self.ctx.cfg.annotate, &out) {
            let stats = crate::annotate::stats(&report);
            match crate::annotate::splice(bytes, field, &stats) {
                Some(line) => self.emit(&line)?,
                None => {
                    let mut line = bytes.clone();
                    line.push(b'\n');
                    self.emit(&line)?;
                }
            }
        } else if report.dropped.is_none() {
            if let Some(bytes) = out {
                match &self.ctx.cfg.destination {
                    Destination::Jsonl(_) => self.emit(&bytes)?,
                    Destination::OutDir(dir) => {
                        let item = &self.ctx.files[origin.src as usize];
                        // the input's codec: sniffed again (10 bytes) rather than carried
                        let codec = input::read_head(&item.path, 10)
                            .ok()
                            .and_then(|h| crate::compress::Codec::sniff(&h));
                        if let Err(e) =
                            write_file(&dir.join(&item.out_rel), &bytes, false, None, codec)
                        {
                            let p = InputProblem {
                                path: report.path.clone(),
                                line: None,
                                message: e.to_string(),
                            };
                            self.obs.problem(&p, false);
                            self.errors.push(p);
                        }
                    }
                    _ => {}
                }
            }
        }

        // report
        let gate = gate_ratio(&report);
        let over = gate > self.ctx.cfg.max_dup_ratio;
        self.over += usize::from(over);
        self.summary.add(&report);
        self.obs.document(doc as usize, &report, gate, over);
        if let Some(r) = self.report.as_mut() {
            if changed {
                rendered = self.ctx.rendered(&report);
            }
            r.document(&rendered)
                .map_err(report_err(self.ctx.cfg.report.as_ref()))?;
        }
        if self.ctx.cfg.html.is_some() && crate::printer::html::worth_showing(&report) {
            self.pages.push(crate::printer::html::Page {
                report,
                text,
                index: doc as usize,
            });
            if self.pages.len() > 2 * crate::printer::html::MAX_DOCS {
                crate::printer::html::keep_worst(&mut self.pages);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Outcome> {
        if self.stdout_closed {
            let p = InputProblem {
                path: None,
                line: None,
                message: format!(
                    "stdout was closed by its reader after {} documents; the rest of the input was not read, and the report covers those documents",
                    self.origins.len()
                ),
            };
            self.obs.problem(&p, true);
            self.skipped.push(p);
        }
        if let Some(f) = &self.ctx.cfg.id_field {
            let missing = self.ids.iter().filter(|i| i.is_none()).count();
            if missing > 0 {
                self.obs.warning(&format!(
                    "{missing} of {} records have no field {f:?} (--id-field); they are named by their line only",
                    self.ids.len()
                ));
            }
        }
        let mut summary = std::mem::take(&mut self.summary);
        summary.finish();
        summary.errors = self.errors.len();
        summary.skipped = self.skipped.len();
        if self.ctx.cfg.cross_doc != CrossDoc::Off {
            self.cross.clusters = self.clusters.len();
            summary.cross_document = Some(self.cross.clone());
        }
        let top = std::mem::take(&mut self.top).into_sorted();
        summary.top_paragraphs = top
            .into_iter()
            .map(|e| RepeatedParagraph {
                count: e.count as usize,
                key_chars: e.key_chars as usize,
                sha256: e.sha256,
                first: self.doc_ref(e.doc),
                first_line: e.line as usize + 1,
                preview: e.preview,
            })
            .collect();
        let clusters: Vec<Cluster> = std::mem::take(&mut self.clusters)
            .into_iter()
            .map(|(kept, dropped)| Cluster {
                kept: self.doc_ref(kept),
                dropped,
            })
            .collect();
        let mut staged = Vec::new();
        match self.out.take() {
            Some(OutStream::File(mut f)) => {
                f.stage()?;
                staged.push(*f);
            }
            Some(OutStream::Stdout(mut w)) => match w.flush() {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(write_err(&self.ctx.cfg.destination)(e))
                }
                _ => {}
            },
            None => {}
        }
        if let Some(p) = &self.ctx.cfg.html {
            let mut pages = std::mem::take(&mut self.pages);
            crate::printer::html::keep_worst(&mut pages);
            let page =
                crate::printer::html::render(&summary, &pages, summary.documents - pages.len());
            staged.push(output::staged(p, page.as_bytes())?);
        }
        if let Some(r) = self.report.take() {
            let tail = ReportTail {
                schema_version: report::SCHEMA_VERSION,
                summary: summary.clone(),
                clusters,
                errors: self.errors.clone(),
                skipped: self.skipped.clone(),
            };
            let mut f = r
                .finish(&tail)
                .map_err(report_err(self.ctx.cfg.report.as_ref()))?;
            f.stage()?;
            staged.push(f);
        }
        Ok(Outcome {
            errors: self.errors.len(),
            skipped: self.skipped.len(),
            over: self.over,
            interrupted: false,
            summary,
            staged,
        })
    }
}

/// The JSONL output: a file committed at the end, or stdout.
enum OutStream {
    File(Box<AtomicFile>),
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
}

impl Write for OutStream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            OutStream::File(f) => f.write(buf),
            OutStream::Stdout(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            OutStream::File(f) => f.write_all(buf),
            OutStream::Stdout(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            OutStream::File(f) => f.flush(),
            OutStream::Stdout(w) => w.flush(),
        }
    }
}

fn write_err(dest: &Destination) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Write {
        path: match dest {
            Destination::Jsonl(Some(p)) => p.display().to_string(),
            _ => "<stdout>".to_string(),
        },
        err: e,
    }
}

fn report_err(p: Option<&PathBuf>) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Write {
        path: p.map(|p| p.display().to_string()).unwrap_or_default(),
        err: e,
    }
}

// ---------------------------------------------------------------------------------
// Driving

/// A JSONL source opened for reading, and (with `--cross-doc drop`) for reading back.
fn open_jsonl(p: &Option<PathBuf>, reread: bool) -> Result<(Box<dyn Read + Send>, Option<File>)> {
    let read_err = |e: std::io::Error| Error::Read {
        path: p
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<stdin>".to_string()),
        err: e,
    };
    // stdin, a pipe or a FIFO (`/dev/stdin`, `<(…)`) cannot be read twice: spool it
    // to an unnamed temporary file (gone when the process ends, however it ends)
    let spool = |r: &mut dyn Read| -> Result<(Box<dyn Read + Send>, Option<File>)> {
        let mut spool = tempfile::tempfile().map_err(read_err)?;
        std::io::copy(r, &mut spool).map_err(read_err)?;
        use std::io::Seek;
        spool.rewind().map_err(read_err)?;
        let again = spool.try_clone().map_err(read_err)?;
        Ok((Box::new(spool), Some(again)))
    };
    // gzip, zstd and bzip2 are read by their magic bytes; their decompressed stream
    // cannot be read back at an offset either, so with `reread` it is spooled too
    match p {
        Some(path) => {
            let f = File::open(path).map_err(read_err)?;
            let is_file = f.metadata().map_err(read_err)?.is_file();
            let again = f.try_clone().map_err(read_err)?;
            let (mut r, codec) = crate::compress::reader(f, true).map_err(read_err)?;
            if !reread {
                return Ok((r, None));
            }
            if codec.is_some() || !is_file {
                return spool(&mut r);
            }
            Ok((r, Some(again)))
        }
        None => {
            let (mut r, _) = crate::compress::reader(std::io::stdin(), true).map_err(read_err)?;
            if reread {
                spool(&mut r)
            } else {
                Ok((r, None))
            }
        }
    }
}

/// Clean a batch. `Err` only for what stops the whole batch (the report or the
/// output stream cannot be written); problems with single inputs are in the outcome.
pub fn run(
    cleaner: &Cleaner,
    cfg: &BatchConfig,
    source: Source,
    obs: &mut dyn Observer,
) -> Result<Outcome> {
    let (walk, jsonl_paths, jsonl) = match source {
        Source::Files(w) => (w, Vec::new(), false),
        Source::Jsonl(p) => (Walk::default(), p, true),
    };
    let drop = cfg.cross_doc == CrossDoc::Drop;
    let mut readers = Vec::new();
    let mut handles = Vec::new();
    let mut open_errors = Vec::new();
    for p in &jsonl_paths {
        match open_jsonl(p, drop || crate::batch_lines::needed(cleaner)) {
            Ok((r, h)) => {
                readers.push(Some(r));
                handles.push(h);
            }
            Err(e) => {
                readers.push(None);
                handles.push(None);
                open_errors.push((p.clone(), e));
            }
        }
    }
    // with --strip-boilerplate: the corpus pass (lines repeated across documents)
    let (rules, _) = crate::batch_lines::prepare(
        cleaner,
        cfg.threads,
        &cfg.text_field,
        &walk.files,
        &mut readers,
        &handles,
    );
    let ctx = Ctx {
        cleaner,
        rules,
        cfg,
        tables: ScriptTables::get(),
        files: &walk.files,
        jsonl_paths: jsonl_paths.clone(),
    };
    let report = match &cfg.report {
        Some(p) => {
            let f = AtomicFile::create(p, true)?;
            Some(ReportStream::new(f, cfg.report_format).map_err(report_err(Some(p)))?)
        }
        None => None,
    };
    let out = match &cfg.destination {
        Destination::Jsonl(Some(p)) => {
            Some(OutStream::File(Box::new(AtomicFile::create(p, true)?)))
        }
        Destination::Jsonl(None) => Some(OutStream::Stdout(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        ))),
        _ => None,
    };
    let mut pass = Pass {
        ctx: &ctx,
        obs,
        jsonl,
        handles,
        origins: Vec::new(),
        table: ParaTable::new(),
        top: TopParagraphs::default(),
        index: drop.then(|| DocIndex::new(cfg.drop_threshold)),
        clusters: BTreeMap::new(),
        summary: Summary::default(),
        cross: CrossSummary::default(),
        errors: Vec::new(),
        skipped: Vec::new(),
        over: 0,
        report,
        out,
        bytes: 0,
        interrupted: false,
        stdout_closed: false,
        ids: Vec::new(),
        pages: Vec::new(),
    };
    for (p, e) in open_errors {
        let ip = InputProblem {
            path: p.map(|p| p.display().to_string()),
            line: None,
            message: e.to_string(),
        };
        pass.obs.problem(&ip, false);
        pass.errors.push(ip);
    }

    let mut chunker = Chunker {
        jsonl,
        files: &walk.files,
        notices: walk.notices.iter().peekable(),
        next_file: 0,
        src: 0,
        readers,
        reader: None,
        paths: &jsonl_paths,
    };
    if cfg.threads <= 1 {
        while !output::interrupted() {
            let Some(r) = chunker.next() else { break };
            let r = r.map(|w| map_chunk(&ctx, w));
            if !consume(&mut pass, r)? {
                break;
            }
        }
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(cfg.threads)
            .thread_name(|i| format!("zhclean-{i}"))
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", cfg.threads)))?;
        parallel(&pool, cfg.threads * 4, &ctx, chunker, &mut pass)?;
    }
    if pass.interrupted || output::interrupted() {
        return Ok(Outcome {
            interrupted: true,
            ..Outcome::default()
        });
    }
    pass.finish()
}

/// Hand one chunk's results to the sequential pass; `false` to stop.
fn consume(
    pass: &mut Pass<'_, '_>,
    r: std::result::Result<Vec<Done>, InputProblem>,
) -> Result<bool> {
    match r {
        Ok(dones) => {
            for d in dones {
                if output::interrupted() {
                    pass.interrupted = true;
                }
                if pass.interrupted || pass.stdout_closed {
                    return Ok(false);
                }
                pass.take(d)?;
            }
        }
        Err(p) => {
            pass.obs.problem(&p, false);
            pass.errors.push(p);
        }
    }
    Ok(true)
}

/// The batch's input cut into chunks, in input order.
struct Chunker<'w> {
    jsonl: bool,
    files: &'w [FileItem],
    notices: std::iter::Peekable<std::slice::Iter<'w, Notice>>,
    next_file: usize,
    src: usize,
    readers: Vec<Option<Box<dyn Read + Send>>>,
    reader: Option<JsonlReader<Box<dyn Read + Send>>>,
    paths: &'w [Option<PathBuf>],
}

impl Chunker<'_> {
    fn next(&mut self) -> Option<std::result::Result<Work, InputProblem>> {
        if !self.jsonl {
            let mut items = Vec::new();
            let mut size = 0u64;
            while items.len() < CHUNK_FILES && size < CHUNK_BYTES as u64 * 2 {
                let next_file = self.next_file;
                if let Some(n) = self.notices.next_if(|n| n.before <= next_file) {
                    items.push(Item::Notice(n.clone()));
                    continue;
                }
                if self.next_file < self.files.len() {
                    size += self.files[self.next_file].size;
                    items.push(Item::File(self.next_file as u32));
                    self.next_file += 1;
                    continue;
                }
                match self.notices.next() {
                    Some(n) => items.push(Item::Notice(n.clone())),
                    None => break,
                }
            }
            return (!items.is_empty()).then_some(Ok(Work {
                items,
                buf: Vec::new(),
                src: 0,
            }));
        }
        loop {
            if self.reader.is_none() {
                if self.src >= self.readers.len() {
                    return None;
                }
                match self.readers[self.src].take() {
                    Some(r) => self.reader = Some(JsonlReader::new(r, CHUNK_BYTES)),
                    None => {
                        self.src += 1;
                        continue;
                    }
                }
            }
            match self.reader.as_mut().expect("open").next_chunk() {
                Ok(Some(chunk)) => {
                    return Some(Ok(Work {
                        items: chunk.lines.into_iter().map(Item::Line).collect(),
                        buf: chunk.buf,
                        src: self.src as u32,
                    }))
                }
                Ok(None) => {
                    self.reader = None;
                    self.src += 1;
                }
                Err(e) => {
                    let path = self.paths[self.src]
                        .as_ref()
                        .map(|p| p.display().to_string());
                    self.reader = None;
                    self.src += 1;
                    return Some(Err(InputProblem {
                        message: format!(
                            "{}: cannot read: {e}; the rest of this file is skipped",
                            path.as_deref().unwrap_or("<stdin>")
                        ),
                        path,
                        line: None,
                    }));
                }
            }
        }
    }
}

/// The threaded run. A reader thread cuts the input into chunks and hands each to
/// the pool as one task (at most `inflight` chunks on their way at a time, so memory
/// stays bounded); workers clean whole chunks, so no worker waits for another to
/// finish a chunk; the calling thread puts the results back in input order and runs
/// the sequential pass on them while the workers go on.
fn parallel(
    pool: &rayon::ThreadPool,
    inflight: usize,
    ctx: &Ctx<'_>,
    mut chunker: Chunker<'_>,
    pass: &mut Pass<'_, '_>,
) -> Result<()> {
    type Chunked = std::result::Result<Vec<Done>, InputProblem>;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Chunked)>();
    let (slot_tx, slot_rx) = std::sync::mpsc::sync_channel::<()>(inflight);
    for _ in 0..inflight {
        slot_tx.send(()).expect("room for every slot");
    }
    std::thread::scope(|s| -> Result<()> {
        let reader = std::thread::Builder::new().name("zhclean-reader".into());
        let spawned = reader.spawn_scoped(s, move || {
            pool.in_place_scope(|scope| {
                let mut seq = 0;
                while !output::interrupted() && slot_rx.recv().is_ok() {
                    let Some(r) = chunker.next() else { break };
                    let tx = tx.clone();
                    match r {
                        Ok(w) => scope.spawn(move |_| {
                            let _ = tx.send((seq, Ok(map_chunk(ctx, w))));
                        }),
                        Err(p) => {
                            let _ = tx.send((seq, Err(p)));
                        }
                    }
                    seq += 1;
                }
                drop(tx);
            });
        });
        spawned.map_err(|e| Error::Usage(format!("cannot start the reader thread: {e}")))?;
        // owned here, so that stopping early drops them and frees the reader
        let (rx, slot_tx) = (rx, slot_tx);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (seq, r) in rx.iter() {
            waiting.insert(seq, r);
            while let Some(r) = waiting.remove(&next) {
                next += 1;
                if !consume(pass, r)? {
                    return Ok(()); // dropping the receivers stops the reader
                }
                let _ = slot_tx.send(());
            }
        }
        Ok(())
    })
}

/// Clean one chunk, in order, on the current thread.
fn map_chunk(ctx: &Ctx<'_>, w: Work) -> Vec<Done> {
    let buf = &w.buf;
    let src = w.src;
    w.items.iter().map(|it| ctx.work(it, buf, src)).collect()
}
