//! The corpus pass: takes the workers' results in input order on the calling thread
//! and does everything that depends on other documents (cross-document index, drops,
//! the output stream, the summary), handing each document to the printers.

use super::outputs::{write_err, write_file, OutStream};
use super::worker::{CleanedDoc, DocWorker, ItemOutcome, ItemResult, Origin};
use super::{check_ratio, CrossDoc, Destination, Outcome};
use crate::crossdoc::{self, DocIndex, ParaTable, TopParagraphs};
use crate::error::Result;
use crate::normalize::key::push_key;
use crate::printer::{DocEvent, Printer, RunEnd};
use crate::report::{
    self, CharIndex, Cluster, ClusterMember, CrossMatch, CrossSummary, DocRef, Dropped,
    InputProblem, RepeatedParagraph, ReportTail, Summary,
};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;

/// The first 32 characters of a span, leading whitespace dropped, for people.
pub(super) fn preview(s: &str) -> String {
    s.trim_start().chars().take(32).collect()
}

/// The corpus pass: the state of everything that depends on more than one document,
/// fed the [`ItemResult`]s in input order on the calling thread.
pub(super) struct CorpusPass<'a, 'o> {
    pub(super) worker: &'a DocWorker<'a>,
    /// The outputs about the run (report, review page, summaries, console).
    pub(super) printers: &'o mut dyn Printer,
    pub(super) handles: Vec<Option<File>>,
    pub(super) origins: Vec<Origin>,
    /// Paragraphs counted across documents: for `--cross-doc`, and for
    /// `top_paragraphs` when a printer writes them ([`Printer::prints_top_paragraphs`]);
    /// `table` and `top` stay empty otherwise.
    pub(super) count_paragraphs: bool,
    pub(super) table: ParaTable,
    pub(super) top: TopParagraphs,
    pub(super) index: Option<DocIndex>,
    pub(super) clusters: BTreeMap<u32, Vec<ClusterMember>>,
    pub(super) summary: Summary,
    pub(super) cross: CrossSummary,
    pub(super) errors: Vec<InputProblem>,
    pub(super) skipped: Vec<InputProblem>,
    pub(super) over: usize,
    pub(super) out: Option<OutStream>,
    pub(super) bytes: u64,
    pub(super) interrupted: bool,
    /// The JSONL output's reader closed stdout: stop taking documents.
    pub(super) stdout_closed: bool,
    /// `--id-field`: each document's id, by index.
    pub(super) ids: Vec<Option<String>>,
    /// `--drop FILE`: the first document of each id.
    pub(super) id_docs: std::collections::HashMap<String, u32>,
}

impl<'a> CorpusPass<'a, '_> {
    pub(super) fn doc_ref(&self, doc: u32) -> DocRef {
        let o = &self.origins[doc as usize];
        DocRef {
            document: doc as usize,
            path: self.worker.path_of(o),
            line: match *o {
                Origin::Line { line, .. } => Some(line as usize),
                Origin::File(..) => None,
            },
            id: self.ids.get(doc as usize).cloned().flatten(),
        }
    }

    /// Write a JSONL line to the output. When stdout's reader has gone (`| head`),
    /// the run stops reading: the report still covers every document taken so far,
    /// and says where it stopped.
    pub(super) fn emit(&mut self, bytes: &[u8]) -> Result<()> {
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
            Err(e) => Err(write_err(&self.worker.cfg.destination)(e)),
        }
    }

    pub(super) fn take(&mut self, done: ItemResult) -> Result<()> {
        self.bytes += done.bytes;
        match done.kind {
            ItemOutcome::Interrupted => self.interrupted = true,
            ItemOutcome::BlankLine => {}
            ItemOutcome::Problem {
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
                self.printers.problem(&p, skipped);
                if skipped {
                    self.skipped.push(p);
                } else {
                    self.errors.push(p);
                }
                if let Some(pass) = passthrough {
                    self.emit(&pass)?;
                }
            }
            ItemOutcome::Doc(d) => self.document(d)?,
        }
        self.printers.progress(self.bytes, self.origins.len());
        Ok(())
    }

    /// The sequential pass over one cleaned document. It is worked on where the worker
    /// boxed it: its report (about a kilobyte) is not moved out of the box again.
    pub(super) fn document(&mut self, mut d: Box<CleanedDoc>) -> Result<()> {
        let doc = self.origins.len() as u32;
        self.origins.push(d.origin);
        if self.worker.cfg.id_field.is_some() {
            self.ids.push(d.report.id.clone());
        }
        let CleanedDoc {
            report,
            rendered,
            text,
            keys,
            out,
            ..
        } = &mut *d;
        let min = self.worker.cleaner.config().min_paragraph_chars.max(1);
        let mut changed = false;

        // whole-document near duplicates
        if let Some(index) = &self.index {
            // (shorter than the minimum: dropped only as an exact copy)
            if keys.key_chars > 0 {
                if let Some(sig) = keys.signature.as_deref() {
                    let worker = self.worker;
                    let (origins, handles) = (&self.origins, &self.handles);
                    let exact_only = keys.key_chars < min;
                    let found = index.find(sig, &keys.shingles, exact_only, |other| {
                        worker.reload(&origins[other as usize], handles)
                    });
                    match found {
                        Ok(Some((kept, similarity))) => {
                            let similarity = (similarity * 1e6).round() / 1e6;
                            let kept_ref = self.doc_ref(kept);
                            self.mark_dropped(doc, Some(kept), kept_ref, similarity, report);
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
                            self.printers.problem(&p, true);
                            self.skipped.push(p);
                            if let Some(index) = &mut self.index {
                                index.insert(doc, sig);
                            }
                        }
                    }
                }
            }
        }

        // drops decided elsewhere (`zhclean apply`)
        if let Some(drops) = self.worker.cfg.drops.clone() {
            if let Some(id) = report.id.clone() {
                if let Some(dup) = drops.get(&id) {
                    self.apply_drop(doc, dup, report);
                    changed = true;
                }
                self.id_docs.entry(id).or_insert(doc);
            }
        }

        // paragraphs across documents
        let cross_on = self.worker.cfg.cross_doc != CrossDoc::Off && report.dropped.is_none();
        let removed: Vec<[usize; 2]> = report.removed.iter().map(|r| r.byte_range).collect();
        let inside_removed = |s: usize, e: usize| {
            let i = removed.partition_point(|r| r[1] < e);
            removed.get(i).is_some_and(|r| r[0] <= s && e <= r[1])
        };
        let mut runs: Vec<(usize, usize, crossdoc::Seen)> = Vec::new(); // para range, first seen
        let mut last: Option<usize> = None; // index in runs of the run that the previous paragraph extends
        let paras = if self.count_paragraphs {
            &keys.paras[..]
        } else {
            &[]
        };
        for (i, p) in paras.iter().enumerate() {
            if (p.key_chars as usize) < min {
                last = None;
                continue;
            }
            let seen = self.table.add(p.hash, doc, p.line);
            if seen.count >= 2 {
                let tables = self.worker.tables;
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
            let idx = CharIndex::new(text);
            for (a, b, seen) in runs {
                let (p0, p1) = (&keys.paras[a], &keys.paras[b - 1]);
                let mut parts = Vec::with_capacity(b - a);
                let (mut chars, mut fresh) = (0, 0);
                for p in &keys.paras[a..b] {
                    let mut k = String::new();
                    push_key(self.worker.tables, &text[p.start..p.end], &mut k);
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
        if let (Some(field), Some(bytes)) = (&self.worker.cfg.annotate, &*out) {
            let stats = crate::annotate::stats(report);
            match crate::annotate::splice(bytes, field, &stats) {
                Some(line) => self.emit(&line)?,
                None => {
                    let mut line = bytes.clone();
                    line.push(b'\n');
                    self.emit(&line)?;
                }
            }
        } else if report.dropped.is_none() {
            if let Some(bytes) = out.take() {
                match &self.worker.cfg.destination {
                    Destination::Jsonl(_) => self.emit(&bytes)?,
                    Destination::OutDir(dir) => {
                        let Origin::File(i, codec) = self.origins[doc as usize] else {
                            unreachable!("an output folder is for files")
                        };
                        let item = &self.worker.files[i as usize];
                        if let Err(e) =
                            write_file(&dir.join(&item.out_rel), &bytes, false, None, codec)
                        {
                            let p = InputProblem {
                                path: report.path.clone(),
                                line: None,
                                message: e.to_string(),
                            };
                            self.printers.problem(&p, false);
                            self.errors.push(p);
                        }
                    }
                    _ => {}
                }
            }
        }

        // report
        let check_ratio = check_ratio(report);
        let over = check_ratio > self.worker.cfg.max_dup_ratio;
        self.over += usize::from(over);
        self.summary += &*report;
        // the workers rendered the report's entry; a document changed here is rendered
        // by the report printer
        let rendered = (self.worker.cfg.report.is_some() && !changed).then_some(&**rendered);
        self.printers.document(&DocEvent {
            index: doc as usize,
            report,
            text,
            rendered,
            check_ratio,
            over,
        })
    }

    /// Mark `doc` dropped as a copy of `dup` (from a drop list), as the index would
    /// have; an earlier document outside this input is named by its id and its order
    /// in the whole corpus, and gets no cluster here.
    fn apply_drop(
        &mut self,
        doc: u32,
        dup: &crate::signatures::Duplicate,
        report: &mut crate::DocReport,
    ) {
        let kept = self.id_docs.get(&dup.id).copied();
        let kept_ref = match kept {
            Some(k) => self.doc_ref(k),
            None => DocRef {
                document: dup.document as usize,
                path: None,
                line: None,
                id: Some(dup.id.clone()),
            },
        };
        self.mark_dropped(doc, kept, kept_ref, dup.similarity, report);
    }

    /// Record `doc` as dropped, a copy of `kept_ref` at `similarity`: in its report,
    /// in the run's counts, and in the cluster of `kept` when that document is in this
    /// input.
    fn mark_dropped(
        &mut self,
        doc: u32,
        kept: Option<u32>,
        kept_ref: DocRef,
        similarity: f64,
        report: &mut crate::DocReport,
    ) {
        if let Some(k) = kept {
            let me = self.doc_ref(doc);
            self.clusters.entry(k).or_default().push(ClusterMember {
                document: me.document,
                path: me.path,
                line: me.line,
                id: me.id,
                similarity,
            });
        }
        self.cross.documents_dropped += 1;
        self.cross.chars_dropped += report.chars_in;
        report.dropped = Some(Dropped {
            duplicate_of: kept_ref,
            similarity,
        });
        report.chars_out = 0;
    }

    pub(super) fn finish(mut self) -> Result<Outcome> {
        if self.stdout_closed {
            let p = InputProblem {
                path: None,
                line: None,
                message: format!(
                    "stdout was closed by its reader after {} documents; the rest of the input was not read, and the report covers those documents",
                    self.origins.len()
                ),
            };
            self.printers.problem(&p, true);
            self.skipped.push(p);
        }
        if let Some(f) = &self.worker.cfg.id_field {
            let missing = self.ids.iter().filter(|i| i.is_none()).count();
            if missing > 0 {
                self.printers.warning(&format!(
                    "{missing} of {} records have no field {f:?} (--id-field); they are named by their line only",
                    self.ids.len()
                ));
            }
        }
        let mut summary = std::mem::take(&mut self.summary);
        summary.finish();
        summary.errors = self.errors.len();
        summary.skipped = self.skipped.len();
        if self.worker.cfg.cross_doc != CrossDoc::Off {
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
                    return Err(write_err(&self.worker.cfg.destination)(e))
                }
                _ => {}
            },
            None => {}
        }
        let tail = ReportTail {
            schema_version: report::SCHEMA_VERSION,
            summary,
            clusters,
            errors: std::mem::take(&mut self.errors),
            skipped: std::mem::take(&mut self.skipped),
        };
        staged.extend(self.printers.finish(&RunEnd {
            tail: &tail,
            over: self.over,
        })?);
        Ok(Outcome {
            errors: tail.errors.len(),
            skipped: tail.skipped.len(),
            over: self.over,
            interrupted: false,
            summary: tail.summary,
            staged,
        })
    }
}
