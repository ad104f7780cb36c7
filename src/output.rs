//! Writing outputs safely: files are written to a temporary file in the target's
//! directory, flushed to disk and renamed into place, so a failure never leaves half a
//! file; stdout is written directly and a closed pipe is not an error of ours.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Write `data` to `path` atomically. A path that exists and is not a regular file
/// (`/dev/stdout`, `/dev/null`, a FIFO) is written directly: renaming over it would
/// replace the device. A symbolic link is followed, so the link survives and its
/// target is replaced.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let err = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        err: e,
    };
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(err)?;
            return f.write_all(data).and_then(|_| f.flush()).map_err(err);
        }
    }
    let resolved;
    let path = if path.is_symlink() {
        resolved = std::fs::canonicalize(path).map_err(err)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".zhclean-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(data).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Write `data` to stdout.
pub fn write_stdout(data: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(data)
        .and_then(|_| out.flush())
        .map_err(|e| Error::Write {
            path: "<stdout>".to_string(),
            err: e,
        })
}

/// Refuse an output path that names an input file.
pub fn ensure_not_input(output: &Path, inputs: &[&Path]) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // does not exist yet, so it is no input
    };
    for i in inputs {
        if i.canonicalize().is_ok_and(|c| c == out) {
            return Err(Error::OutputIsInput(output.to_path_buf()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn devices_are_written_not_replaced() {
        write_atomic(Path::new("/dev/null"), b"x").unwrap();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null must still be a device");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn write_into_missing_dir_names_the_path() {
        let e = write_atomic(Path::new("/nonexistent-dir/x.txt"), b"x").unwrap_err();
        assert!(e.to_string().contains("/nonexistent-dir/x.txt"));
    }
}
