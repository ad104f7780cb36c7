//! Scheduling and in-order reassembly: the input cut into chunks, cleaned on a
//! thread pool, and handed back to the corpus pass in input order.

use super::corpus::CorpusPass;
use super::worker::{DocWorker, Item, ItemResult, Work};
use super::{consume, CHUNK_BYTES, CHUNK_FILES};
use crate::error::{Error, Result};
use crate::input::{FileItem, JsonlReader, Notice};
use crate::output::{self};
use crate::report::InputProblem;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

/// The batch's input cut into chunks, in input order.
pub(super) struct Chunker<'w> {
    pub(super) jsonl: bool,
    pub(super) files: &'w [FileItem],
    pub(super) notices: std::iter::Peekable<std::slice::Iter<'w, Notice>>,
    pub(super) next_file: usize,
    pub(super) src: usize,
    pub(super) readers: Vec<Option<Box<dyn Read + Send>>>,
    pub(super) reader: Option<JsonlReader<Box<dyn Read + Send>>>,
    pub(super) paths: &'w [Option<PathBuf>],
}

impl Chunker<'_> {
    pub(super) fn next(&mut self) -> Option<std::result::Result<Work, InputProblem>> {
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
pub(super) fn parallel(
    pool: &rayon::ThreadPool,
    inflight: usize,
    worker: &DocWorker<'_>,
    mut chunker: Chunker<'_>,
    pass: &mut CorpusPass<'_, '_>,
) -> Result<()> {
    type Chunked = std::result::Result<Vec<ItemResult>, InputProblem>;
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
                            let _ = tx.send((seq, Ok(map_chunk(worker, w))));
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
pub(super) fn map_chunk(worker: &DocWorker<'_>, w: Work) -> Vec<ItemResult> {
    let buf = &w.buf;
    let src = w.src;
    w.items.iter().map(|it| worker.work(it, buf, src)).collect()
}
