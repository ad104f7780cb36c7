//! Reading inputs: a file, or stdin for no path or `-`; the files of a folder tree
//! ([`walk`]); the records of JSONL corpora ([`JsonlReader`], [`parse_record`]).

mod fields;
mod jsonl;
mod skeleton;
mod tree;

pub use jsonl::{
    parse_record, parse_record_with, read_at, Chunk, JsonlReader, LineRef, Record, RecordError,
};
pub use tree::{walk, FileItem, Globs, Links, Notice, Walk, DEFAULT_GLOBS};

use crate::error::{Error, Result};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The bytes of a file, or of stdin when `path` is `None`, decompressed when they are
/// gzip, zstd or bzip2 (by their magic bytes, see [`crate::compress`]). Errors name the
/// file: unreadable, or corrupt compressed data.
pub fn read(path: Option<&Path>) -> Result<Vec<u8>> {
    read_with_codec(path).map(|(b, _)| b)
}

/// [`read`], also saying which codec the bytes were compressed with (`None`: plain),
/// so that a rewrite can keep the file's format.
pub fn read_with_codec(path: Option<&Path>) -> Result<(Vec<u8>, Option<crate::compress::Codec>)> {
    let bytes = read_raw(path)?;
    // the magic bytes are looked at here, once: the decoder is told the codec
    let Some(codec) = crate::compress::Codec::sniff(&bytes) else {
        return Ok((bytes, None));
    };
    let err = |e: std::io::Error| Error::Read {
        path: crate::error::display_source(path),
        err: e,
    };
    let mut r = crate::compress::decoder(codec, std::io::Cursor::new(bytes)).map_err(err)?;
    let mut out = Vec::new();
    r.read_to_end(&mut out).map_err(err)?;
    Ok((out, Some(codec)))
}

fn read_raw(path: Option<&Path>) -> Result<Vec<u8>> {
    match path {
        Some(p) => std::fs::read(p).map_err(|e| Error::Read {
            path: p.display().to_string(),
            err: e,
        }),
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Error::Read {
                    path: "<stdin>".to_string(),
                    err: e,
                })?;
            Ok(buf)
        }
    }
}

/// The UTF-8 text of a small file (a rules or dictionary file) of at most `limit`
/// bytes. Errors name the file: unreadable, larger than `limit` (nothing more than
/// `limit + 1` bytes is read, so `/dev/zero` ends at once), or not UTF-8.
pub fn read_small_text(path: &Path, limit: u64) -> Result<String> {
    let name = path.display().to_string();
    let f = File::open(path).map_err(|e| Error::Read {
        path: name.clone(),
        err: e,
    })?;
    let mut buf = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::Read {
            path: name.clone(),
            err: e,
        })?;
    if buf.len() as u64 > limit {
        return Err(Error::Usage(format!(
            "{name}: larger than {limit} bytes; is it the right file?"
        )));
    }
    String::from_utf8(buf).map_err(|e| {
        Error::Usage(format!(
            "{name}: not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// What [`open_head`] read: the first bytes, and a reader for the rest when there is more.
pub type Head = (Vec<u8>, Option<Box<dyn Read>>);

/// The first bytes of a file, or of stdin for `None` (decompressed when gzip, zstd or
/// bzip2): all of it when it holds at most `limit` bytes (or `limit` is `None`), and then no
/// reader; otherwise the first `limit` bytes and a reader for the rest (see `windows`).
/// A compressed input is streamed like a large one, so its size in memory is bounded
/// by `limit` whatever it holds.
pub fn open_head(path: Option<&Path>, limit: Option<std::num::NonZeroUsize>) -> Result<Head> {
    let name = crate::error::display_source(path);
    let err = |e: std::io::Error| Error::Read {
        path: name.clone(),
        err: e,
    };
    // the codec is sniffed once, from the reader's first bytes; a plain input that
    // fits is read on through the same reader (never opened a second time)
    let (mut r, plain_size) = match path {
        Some(p) => {
            let f = File::open(p).map_err(err)?;
            let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            let (r, codec) = crate::compress::reader(f, false).map_err(err)?;
            (r, size.filter(|_| codec.is_none()))
        }
        None => (
            crate::compress::reader(std::io::stdin(), false)
                .map_err(err)?
                .0,
            None,
        ),
    };
    let whole = match limit {
        None => true,
        Some(l) => plain_size.is_some_and(|n| n <= l.get() as u64),
    };
    let Some(limit) = limit.filter(|_| !whole).map(|l| l.get()) else {
        let mut all = Vec::with_capacity(plain_size.map_or(0, |n| n as usize + 1));
        r.read_to_end(&mut all).map_err(err)?;
        return Ok((all, None));
    };
    let mut head = Vec::new();
    (&mut r)
        .take(limit as u64 + 1)
        .read_to_end(&mut head)
        .map_err(err)?;
    if head.len() <= limit {
        return Ok((head, None));
    }
    Ok((head, Some(r)))
}
