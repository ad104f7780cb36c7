//! Batches: folder trees and JSONL corpora, cleaned in parallel, written and
//! reported in input order.
//!
//! ```text
//! reader --chunks--> rayon: read, decode, clean, key (per document) --in order--> sequential pass
//!                                                                                 (cross-document index, drop,
//!                                                                                  output stream, printers)
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
//! [`crate::crossdoc`]); the report is streamed to its file by its printer
//! ([`crate::printer::json::ReportFile`]).
//!
//! One bad input never stops a batch: it is reported (path, line, reason) and
//! skipped, and the run ends with [`Outcome::errors`] set. Work stops between
//! documents when [`crate::output::interrupted`] becomes true; temporary files are
//! dropped (deleted) on the way out.

mod corpus;
mod outputs;
mod schedule;
mod worker;

use crate::crossdoc::{DocIndex, ParaTable, TopParagraphs};
use crate::error::{Error, Result};
use crate::input::Walk;
use crate::normalize::script::ScriptTables;
use crate::output::{self, AtomicFile};
use crate::printer::json::ReportFormat;
use crate::printer::Printer;
use crate::report::{self, CrossSummary, DocReport, InputProblem, Summary};
use crate::Cleaner;
use corpus::CorpusPass;
use outputs::OutStream;
use schedule::{map_chunk, parallel, Chunker};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use worker::{DocWorker, ItemResult};

/// JSONL bytes handed to the workers at a time.
const CHUNK_BYTES: usize = 512 << 10;
/// Files handed to the workers at a time (fewer when they are large).
const CHUNK_FILES: usize = 16;

/// `--cross-doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossDoc {
    /// Not asked for (the paragraph table still feeds `top_paragraphs` when a printer
    /// writes them).
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
    /// Files listed by [`crate::input::walk`].
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
    /// `--report FILE`: the printers write it ([`crate::printer::json::ReportFile`]);
    /// the batch renders each document's entry on its worker threads, in parallel,
    /// and hands it to them ([`crate::printer::DocEvent::rendered`]).
    pub report: Option<PathBuf>,
    /// `--report-format`: the layout the workers render the entries in.
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
    /// `--drop FILE` (`zhclean apply`): documents to drop by id, decided elsewhere
    /// (see [`crate::signatures`]); they are reported as `--cross-doc=drop` reports
    /// its drops.
    pub drops: Option<std::sync::Arc<crate::signatures::DropList>>,
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
    /// The JSONL output file and the printers' files (the report, the review page,
    /// the Markdown summary), written in full and fsynced but not yet renamed into
    /// place: the caller commits them all with [`output::commit_all`], so that a failed
    /// write leaves none, and then closes the printers.
    pub staged: Vec<AtomicFile>,
}

/// The share of a document that `--check` compares with `--max-dup-ratio`:
/// `dup_ratio`, plus the `cross_document` characters with `--cross-doc`; 1.0 for a
/// dropped document.
pub fn check_ratio(d: &DocReport) -> f64 {
    if d.dropped.is_some() {
        1.0
    } else if d.cross_doc_chars > 0 {
        report::ratio(d.chars_removed + d.cross_doc_chars, d.chars_in)
    } else {
        d.dup_ratio
    }
}

/// A JSONL source opened for reading: the reader (decompressing), a handle for
/// reading it back (with `--cross-doc drop`), and its size in bytes when it is a
/// plain regular file (for progress, which counts decompressed bytes: a compressed
/// source or a pipe has no known total).
struct OpenedJsonl {
    reader: Box<dyn Read + Send>,
    again: Option<File>,
    plain_size: Option<u64>,
}

/// A JSONL source opened for reading, and (with `reread`) for reading back. Its codec
/// is sniffed once, here, from the reader's first bytes.
fn open_jsonl(p: &Option<PathBuf>, reread: bool) -> Result<OpenedJsonl> {
    let read_err = |e: std::io::Error| Error::Read {
        path: p
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<stdin>".to_string()),
        err: e,
    };
    // stdin, a pipe or a FIFO (`/dev/stdin`, `<(…)`) cannot be read twice: spool it
    // to an unnamed temporary file (gone when the process ends, however it ends)
    let spool = |r: &mut dyn Read| -> Result<OpenedJsonl> {
        let mut spool = tempfile::tempfile().map_err(read_err)?;
        std::io::copy(r, &mut spool).map_err(read_err)?;
        use std::io::Seek;
        spool.rewind().map_err(read_err)?;
        let again = spool.try_clone().map_err(read_err)?;
        Ok(OpenedJsonl {
            reader: Box::new(spool),
            again: Some(again),
            plain_size: None,
        })
    };
    // gzip, zstd and bzip2 are read by their magic bytes; their decompressed stream
    // cannot be read back at an offset either, so with `reread` it is spooled too
    match p {
        Some(path) => {
            let f = File::open(path).map_err(read_err)?;
            let meta = f.metadata().map_err(read_err)?;
            let again = f.try_clone().map_err(read_err)?;
            let (mut r, codec) = crate::compress::reader(f, true).map_err(read_err)?;
            let plain_size = (codec.is_none() && meta.is_file()).then_some(meta.len());
            if !reread {
                return Ok(OpenedJsonl {
                    reader: r,
                    again: None,
                    plain_size,
                });
            }
            if plain_size.is_none() {
                return spool(&mut r);
            }
            Ok(OpenedJsonl {
                reader: r,
                again: Some(again),
                plain_size,
            })
        }
        None => {
            let (mut r, _) = crate::compress::reader(std::io::stdin(), true).map_err(read_err)?;
            if reread {
                spool(&mut r)
            } else {
                Ok(OpenedJsonl {
                    reader: r,
                    again: None,
                    plain_size: None,
                })
            }
        }
    }
}

/// Clean a batch, handing every event (progress, problems, documents in input order,
/// the end) to `printers` (a [`crate::printer::Printers`]), which write the report and the other outputs about the run.
/// `Err` only for what stops the whole batch (a printer's file or the output stream
/// cannot be written); problems with single inputs are in the outcome. The caller
/// commits [`Outcome::staged`] and closes the printers.
pub fn run(
    cleaner: &Cleaner,
    cfg: &BatchConfig,
    source: Source,
    printers: &mut dyn Printer,
) -> Result<Outcome> {
    let (walk, jsonl_paths, jsonl) = match source {
        Source::Files(w) => (w, Vec::new(), false),
        Source::Jsonl(p) => (Walk::default(), p, true),
    };
    let drop = cfg.cross_doc == CrossDoc::Drop;
    let mut readers = Vec::new();
    let mut handles = Vec::new();
    let mut open_errors = Vec::new();
    // input bytes in all, for progress: known for files, and for JSONL sources that
    // are all plain regular files
    let mut total: Option<u64> = Some(walk.files.iter().map(|f| f.size).sum());
    for p in &jsonl_paths {
        match open_jsonl(p, drop || crate::batch_lines::needed(cleaner)) {
            Ok(o) => {
                readers.push(Some(o.reader));
                handles.push(o.again);
                total = total.zip(o.plain_size).map(|(a, b)| a + b);
            }
            Err(e) => {
                readers.push(None);
                handles.push(None);
                open_errors.push((p.clone(), e));
            }
        }
    }
    printers.begin(total);
    // with --strip-boilerplate: the corpus pass (lines repeated across documents)
    let (rules, _) = crate::batch_lines::prepare(
        cleaner,
        cfg.threads,
        &cfg.text_field,
        &walk.files,
        &mut readers,
        &handles,
    );
    let worker = DocWorker {
        cleaner,
        rules,
        cfg,
        tables: ScriptTables::get(),
        files: &walk.files,
        jsonl_names: jsonl_paths
            .iter()
            .map(|p| p.as_ref().map(|p| p.display().to_string()))
            .collect(),
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
    let mut pass = CorpusPass {
        worker: &worker,
        count_paragraphs: cfg.cross_doc != CrossDoc::Off || printers.prints_top_paragraphs(),
        printers,
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
        out,
        bytes: 0,
        interrupted: false,
        stdout_closed: false,
        ids: Vec::new(),
        id_docs: std::collections::HashMap::new(),
    };
    for (p, e) in open_errors {
        let ip = InputProblem {
            path: p.map(|p| p.display().to_string()),
            line: None,
            message: e.to_string(),
        };
        pass.printers.problem(&ip, false);
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
            let r = r.map(|w| map_chunk(&worker, w));
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
        parallel(&pool, cfg.threads * 4, &worker, chunker, &mut pass)?;
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
    pass: &mut CorpusPass<'_, '_>,
    r: std::result::Result<Vec<ItemResult>, InputProblem>,
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
            pass.printers.problem(&p, false);
            pass.errors.push(p);
        }
    }
    Ok(true)
}
