//! The batch's outputs: the JSONL output stream, single output files written
//! atomically, and the errors naming them.

use super::Destination;
use crate::error::{Error, Result};
use crate::output::AtomicFile;
use std::io::Write;
use std::path::PathBuf;

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

pub(super) fn report_err(p: Option<&PathBuf>) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Write {
        path: p.map(|p| p.display().to_string()).unwrap_or_default(),
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
