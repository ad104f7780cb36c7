//! The per-document worker: reads, decodes, cleans and keys one document (a file or
//! a JSONL line) on a pool thread, and hands the result to the corpus pass.

use super::outputs::write_file;
use super::{BatchConfig, CrossDoc, Destination};
use crate::crossdoc::{self, Keys};
use crate::error::Error;
use crate::input::{self, FileItem, LineRef, Notice, RecordError};
use crate::normalize::script::ScriptTables;
use crate::output;
use crate::printer::json as json_printer;
use crate::report::DocReport;
use crate::Cleaner;
use std::fs::File;

/// Where a cleaned document came from.
#[derive(Debug, Clone, Copy)]
pub(super) enum Origin {
    /// A file of the walk: its index in [`crate::input::Walk::files`], and the codec
    /// it was compressed with (sniffed once, when it was read; `None`: plain), for a
    /// file written by the corpus pass to keep its format.
    File(u32, Option<crate::compress::Codec>),
    /// A line of a JSONL source, with the line's byte offset and length for reading it
    /// back.
    Line {
        /// The source's index.
        src: u32,
        /// 1-based line number.
        line: u32,
        /// Byte offset of the line in the (decompressed) source.
        offset: u64,
        /// Length of the line in bytes, without its line break.
        len: u32,
    },
}

/// One unit of work: a file of the walk (its index), a notice of the walk to report,
/// or a line of a JSONL chunk.
pub(super) enum Item {
    File(u32),
    Notice(Notice),
    Line(LineRef),
}

/// A chunk of work for one pool task: its items, and for JSONL the chunk's bytes and
/// the index of its source.
pub(super) struct Work {
    pub(super) items: Vec<Item>,
    pub(super) buf: Vec<u8>,
    pub(super) src: u32,
}

/// What the worker made of one item: where it came from, the input bytes it
/// consumed (for progress) and the outcome.
pub(super) struct ItemResult {
    pub(super) bytes: u64,
    pub(super) kind: ItemOutcome,
}

/// The outcome of one item.
pub(super) enum ItemOutcome {
    /// A cleaned document.
    Doc(Box<CleanedDoc>),
    /// An input that was not cleaned (an error, or skipped on purpose).
    Problem {
        path: Option<String>,
        line: Option<usize>,
        message: String,
        skipped: bool,
        /// A JSONL line to write unchanged.
        passthrough: Option<Vec<u8>>,
    },
    /// A blank JSONL line: its bytes count, nothing else.
    BlankLine,
    /// Work stopped (Ctrl-C) before this item.
    Interrupted,
}

/// A cleaned document with what the corpus pass needs of it: its report (and the
/// report rendered as JSON), its input text, its keys and its output bytes.
pub(super) struct CleanedDoc {
    pub(super) origin: Origin,
    pub(super) report: DocReport,
    pub(super) rendered: String,
    pub(super) text: String,
    pub(super) keys: Keys,
    /// Bytes for the sequential pass to write: a JSONL line, or a file's content when
    /// it may still be dropped.
    pub(super) out: Option<Vec<u8>>,
}

/// The per-document worker, shared by the pool's threads: cleans one [`Item`] into an
/// [`ItemResult`].
pub(super) struct DocWorker<'a> {
    pub(super) cleaner: &'a Cleaner,
    /// The cleaner's boilerplate rules, with the batch's repeated lines
    /// ([`crate::batch_lines`]).
    pub(super) rules: crate::detect::boilerplate::Rules,
    pub(super) cfg: &'a BatchConfig,
    pub(super) tables: &'static ScriptTables,
    pub(super) files: &'a [FileItem],
    /// Each JSONL source's path as reports and messages print it (`None` for
    /// stdin), by source: formatted once, not once per document.
    pub(super) jsonl_names: Vec<Option<String>>,
}

impl DocWorker<'_> {
    pub(super) fn path_of(&self, o: &Origin) -> Option<String> {
        match *o {
            Origin::Line { src, .. } => self.jsonl_names[src as usize].clone(),
            Origin::File(i, _) => {
                let p = &self.files[i as usize].path;
                (!output::is_stdout(p)).then(|| p.display().to_string())
            }
        }
    }

    /// A cleaned document on its way to the sequential pass, its report rendered here
    /// (in parallel) for the common case that the pass does not change it.
    pub(super) fn cleaned_doc(
        &self,
        origin: Origin,
        bytes: u64,
        report: DocReport,
        text: String,
        keys: Keys,
        out: Option<Vec<u8>>,
    ) -> ItemResult {
        ItemResult {
            bytes,
            kind: ItemOutcome::Doc(Box::new(CleanedDoc {
                origin,
                rendered: self.rendered(&report),
                report,
                text,
                keys,
                out,
            })),
        }
    }

    pub(super) fn rendered(&self, d: &DocReport) -> String {
        if self.cfg.report.is_some() {
            json_printer::document(d, self.cfg.report_format)
        } else {
            String::new()
        }
    }

    pub(super) fn work(&self, item: &Item, buf: &[u8], src: u32) -> ItemResult {
        if output::interrupted() {
            return ItemResult {
                bytes: 0,
                kind: ItemOutcome::Interrupted,
            };
        }
        match item {
            Item::File(i) => self.work_file(*i),
            Item::Notice(n) => ItemResult {
                bytes: 0,
                kind: ItemOutcome::Problem {
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

    pub(super) fn work_file(&self, i: u32) -> ItemResult {
        let item = &self.files[i as usize];

        let problem = |e: Error, bytes: u64| ItemResult {
            bytes,
            kind: ItemOutcome::Problem {
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
        let origin = Origin::File(i, codec);
        let n = bytes.len() as u64;
        let decoded = match self.cleaner.decode(bytes, path) {
            Ok(d) => d,
            Err(e) => return problem(e, n),
        };
        // (the removals' digests only for the report: `Config::report_fields`)
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
        self.cleaned_doc(origin, n, cleaned.report, decoded.text, keys, out)
    }

    pub(super) fn work_line(&self, src: u32, l: &LineRef, buf: &[u8]) -> ItemResult {
        let line = &buf[l.start..l.end];
        let origin = Origin::Line {
            src,
            line: l.line as u32,
            offset: l.offset,
            len: (l.end - l.start) as u32,
        };
        let bytes = (l.end - l.start) as u64 + 1;
        let path = self.jsonl_names[src as usize].clone();
        // the source's name for a message (built only when there is one)
        let name = || path.as_deref().unwrap_or("<stdin>").to_string();
        if line.iter().all(u8::is_ascii_whitespace) {
            return ItemResult {
                bytes,
                kind: ItemOutcome::BlankLine,
            };
        }
        let problem = |message: String, passthrough: Option<Vec<u8>>| ItemResult {
            bytes,
            kind: ItemOutcome::Problem {
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
                return problem(
                    format!("{}:{}: {m}; line not written", name(), l.line),
                    None,
                )
            }
            Err(RecordError::NoText(m)) => {
                let mut pass = line.to_vec();
                pass.push(b'\n');
                return problem(format!("{}:{}: {m}", name(), l.line), Some(pass));
            }
        };
        if rec.has_field {
            let mut pass = line.to_vec();
            pass.push(b'\n');
            let f = self.cfg.annotate.as_deref().unwrap_or_default();
            return problem(
                format!(
                    "{}:{}: the record already has a field {f:?}; choose another with --stats-field; written unchanged",
                    name(),
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
                // the escaped text is written straight into the line (no string of it);
                // room for it and one escape in eight bytes (the line breaks): a buffer
                // that grows is copied into fresh pages
                let mut o = Vec::with_capacity(
                    rec.before.len()
                        + cleaned.text.len()
                        + cleaned.text.len() / 8
                        + 2
                        + rec.after.len()
                        + 1,
                );
                o.extend_from_slice(rec.before.as_bytes());
                super::outputs::push_json_string(&mut o, &cleaned.text);
                o.extend_from_slice(rec.after.as_bytes());
                o.push(b'\n');
                Some(o)
            }
            _ => None,
        };
        self.cleaned_doc(origin, bytes, cleaned.report, rec.text, keys, out)
    }

    /// The shingles of an earlier document, read back from its source.
    pub(super) fn reload(
        &self,
        o: &Origin,
        handles: &[Option<File>],
    ) -> std::result::Result<Vec<u64>, String> {
        let text = match *o {
            Origin::Line {
                src, offset, len, ..
            } => {
                let f = handles[src as usize]
                    .as_ref()
                    .ok_or_else(|| "source cannot be read again".to_string())?;
                let line = input::read_at(f, offset, len as usize).map_err(|e| e.to_string())?;
                input::parse_record(&line, &self.cfg.text_field)
                    .map_err(|e| format!("{e:?}"))?
                    .text
            }
            Origin::File(i, _) => {
                let item = &self.files[i as usize];
                let bytes = input::read(Some(&item.path)).map_err(|e| e.to_string())?;
                self.cleaner
                    .decode(bytes, Some(&item.path))
                    .map_err(|e| e.to_string())?
                    .text
            }
        };
        Ok(crossdoc::shingles_of(self.tables, &text))
    }
}
