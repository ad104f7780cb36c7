//! The corpus pass of a batch with `--strip-boilerplate`: reads every document of the
//! batch once before any is cleaned, and counts the furniture-shaped lines they share
//! ([`crate::detect::boilerplate::repeated`]). The batch is then cleaned with the
//! finished count, so every document (the first as much as the last) is judged
//! against the whole batch, and the result is the same for every `-j` and every run.
//!
//! A two-pass design (count, then clean), not a decision at a line's first
//! occurrence: a line's count is only known at the end of the batch, and deciding
//! earlier would treat the first documents differently from the later ones. Cost:
//! every input is read and decoded twice (JSONL records parsed twice; stdin, pipes
//! and compressed JSONL are spooled to an unnamed temporary file to be read again,
//! as `--cross-doc drop` already does); memory is the count (see
//! [`LineCounter`]), not the documents.
//!
//! Inputs that cannot be read or decoded are left out of the count; the cleaning
//! pass reports them as usual.

use crate::detect::boilerplate::{LineCounter, Rules};
use crate::input::{self, FileItem, JsonlReader};
use crate::output;
use crate::Cleaner;
use rayon::prelude::*;
use std::fs::File;
use std::io::{Read, Seek};
use std::sync::Arc;

/// JSONL bytes read at a time by the corpus pass.
const CHUNK_BYTES: usize = 1 << 20;

/// What a batch's corpus pass found.
#[derive(Debug, Default, Clone, Copy)]
pub struct CorpusCount {
    /// Documents counted.
    pub documents: usize,
    /// Distinct furniture-shaped lines seen.
    pub distinct: usize,
    /// Lines repeated in enough documents to be furniture evidence.
    pub repeated: usize,
}

/// The rules to clean a batch with: the cleaner's own, plus (with
/// `--strip-boilerplate`) the lines the corpus pass found repeated. For JSONL, each
/// entry of `readers` is read to its end here and replaced by a reader from the start
/// of its source again (`handles[i]`, which [`crate::batch`] opens for reading back
/// when the pass runs, see [`needed`]).
pub fn prepare(
    cleaner: &Cleaner,
    threads: usize,
    text_field: &str,
    files: &[FileItem],
    readers: &mut [Option<Box<dyn Read + Send>>],
    handles: &[Option<File>],
) -> (Rules, Option<CorpusCount>) {
    if !needed(cleaner) {
        return (cleaner.rules().clone(), None);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .ok();
    let install = |f: &(dyn Fn() -> LineCounter + Sync)| match &pool {
        Some(p) => p.install(f),
        None => f(),
    };
    let mut counter = LineCounter::new();
    for chunk in files.chunks(64) {
        if output::interrupted() {
            break;
        }
        counter.merge(install(&|| count_files(cleaner, chunk)));
    }
    for (r, h) in readers.iter_mut().zip(handles) {
        let Some(reader) = r.take() else { continue };
        let mut jsonl = JsonlReader::new(reader, CHUNK_BYTES);
        while !output::interrupted() {
            let Ok(Some(chunk)) = jsonl.next_chunk() else {
                break;
            };
            counter.merge(install(&|| count_jsonl(&chunk, text_field)));
        }
        drop(jsonl);
        // read again from the start (a plain file, or the spool of a pipe or a
        // compressed stream); a source that cannot be rewound is not cleaned twice
        // but reported by the cleaning pass as unreadable
        *r = h.as_ref().and_then(|h| {
            let mut f = h.try_clone().ok()?;
            f.rewind().ok()?;
            Some(Box::new(f) as Box<dyn Read + Send>)
        });
    }
    let documents = counter.documents();
    let distinct = counter.distinct();
    let set = counter.finish();
    let count = CorpusCount {
        documents,
        distinct,
        repeated: set.len(),
    };
    (cleaner.rules().with_repeated(Arc::new(set)), Some(count))
}

/// Whether the corpus pass runs: with `--strip-boilerplate`.
pub fn needed(cleaner: &Cleaner) -> bool {
    cleaner.config().strip_boilerplate
}

fn count_files(cleaner: &Cleaner, files: &[FileItem]) -> LineCounter {
    files
        .par_iter()
        .filter(|f| !output::is_stdout(&f.path))
        .map(|f| {
            let mut c = LineCounter::new();
            let text = input::read_with_codec(Some(&f.path))
                .ok()
                .and_then(|(bytes, _)| cleaner.decode(bytes, Some(&f.path)).ok());
            if let Some(d) = text {
                c.add_document(&d.text);
            }
            c
        })
        .reduce(LineCounter::new, |mut a, b| {
            a.merge(b);
            a
        })
}

fn count_jsonl(chunk: &input::Chunk, text_field: &str) -> LineCounter {
    chunk
        .lines
        .par_chunks(256)
        .map(|lines| {
            let mut c = LineCounter::new();
            for l in lines {
                let line = &chunk.buf[l.start..l.end];
                if let Ok(rec) = input::parse_record(line, text_field) {
                    c.add_document(&rec.text);
                }
            }
            c
        })
        .reduce(LineCounter::new, |mut a, b| {
            a.merge(b);
            a
        })
}
