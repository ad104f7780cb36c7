//! The batch's outputs of cleaned text: the JSONL output stream, single output files
//! written atomically, and the errors naming them. (The outputs *about* the run — the
//! report, the review page, the summaries — are the printers of
//! [`crate::printer::sink`].)

use super::Destination;
use crate::error::{Error, Result};
use crate::output::AtomicFile;
use std::io::Write;

/// The JSONL output: a file committed at the end, or stdout.
pub(super) enum OutStream {
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

pub(super) fn write_err(dest: &Destination) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Write {
        path: match dest {
            Destination::Jsonl(Some(p)) => p.display().to_string(),
            _ => "<stdout>".to_string(),
        },
        err: e,
    }
}

/// Write one output file atomically, creating its folder, compressed with `codec`
/// (the input's: a rewritten or mirrored file keeps its format).
pub(super) fn write_file(
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
