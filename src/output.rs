//! Writing outputs safely, and stopping safely.
//!
//! Files are written to a temporary file in the target's directory (`.zhclean-*.tmp`,
//! hidden, so a batch never reads one back), flushed to disk and renamed into place,
//! so a failure or a kill never leaves half a file under the target's name. stdout is
//! written directly and a closed pipe is not an error of ours.
//!
//! Interruption: the binary's signal handler calls [`interrupt`]; batch work polls
//! [`interrupted`] between documents and unwinds, and every live temporary file is
//! removed when its [`AtomicFile`] is dropped. For a stop that cannot wait (a second
//! Ctrl-C, or work that does not reach a check in time) [`remove_temps_and_exit`]
//! deletes every registered temporary file and exits; registration and the final
//! rename happen under one lock, so a file is either renamed into place or deleted,
//! never left behind half-done. Only SIGKILL (which no process can catch) can leave a
//! `.zhclean-*.tmp` file; the target itself is then still the old file or the
//! complete new one.

use crate::compress::Encoder;
use crate::error::{Error, Result};
use std::fs::Permissions;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Ask running work to stop (from a signal handler). Returns whether it had
/// already been asked.
pub fn interrupt() -> bool {
    INTERRUPTED.swap(true, Ordering::SeqCst)
}

/// Whether [`interrupt`] was called.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Delete every temporary file still being written and exit with `code`, holding the
/// registry lock so no rename can complete in between. For a signal handler.
pub fn remove_temps_and_exit(code: i32) -> ! {
    let guard = temps();
    for p in guard.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::process::exit(code)
}

/// A file being written atomically: a temporary file beside the target, renamed over
/// it by [`AtomicFile::commit`]. Dropped without commit, the temporary file is
/// deleted and the target is untouched. A target that exists and is not a regular
/// file (`/dev/stdout`, a FIFO) is written directly: renaming over it would replace
/// the device. A symbolic link is followed, so the link survives and its target is
/// replaced. The new file keeps the permissions of the file it replaces (new files:
/// 0666 less the umask).
///
/// `-` is stdout (written directly, flushed on commit). A name ending in `.gz`,
/// `.zst` or `.bz2` is written compressed with that codec (see [`crate::compress`]);
/// the compressed stream is finished when the file is staged.
pub struct AtomicFile {
    inner: Inner,
    /// The path as the user gave it, for messages.
    shown: PathBuf,
    /// Where the file lands (symbolic links resolved).
    target: PathBuf,
    fsync: bool,
}

enum Inner {
    Temp {
        w: Option<Encoder<BufWriter<tempfile::NamedTempFile>>>,
        temp: PathBuf,
    },
    Direct(Option<Encoder<BufWriter<Box<dyn Write + Send>>>>),
}

/// Finish the compressed stream of `e` in place (a plain writer is left as it is), so
/// that everything after is a flush of the inner writer.
fn finish_stream<W: Write>(e: &mut Option<Encoder<W>>) -> std::io::Result<()> {
    if matches!(e, Some(Encoder::Plain(_)) | None) {
        return Ok(());
    }
    let w = e.take().expect("checked").finish()?;
    *e = Some(Encoder::Plain(w));
    Ok(())
}

impl AtomicFile {
    /// Start writing `path`; `fsync` flushes the data to disk before the rename.
    pub fn create(path: &Path, fsync: bool) -> Result<AtomicFile> {
        let err = |e: std::io::Error| Error::Write {
            path: path.display().to_string(),
            err: e,
        };
        let codec = crate::compress::Codec::for_output(path);
        let direct = |w: Box<dyn Write + Send>| -> Result<AtomicFile> {
            Ok(AtomicFile {
                inner: Inner::Direct(Some(
                    Encoder::new(BufWriter::with_capacity(1 << 16, w), codec).map_err(err)?,
                )),
                shown: path.to_path_buf(),
                target: path.to_path_buf(),
                fsync: false,
            })
        };
        if is_stdout(path) {
            return direct(Box::new(std::io::stdout()));
        }
        let meta = std::fs::metadata(path).ok();
        if let Some(m) = &meta {
            if !m.is_file() {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(err)?;
                return direct(Box::new(f));
            }
        }
        let target = if path.is_symlink() {
            std::fs::canonicalize(path).map_err(err)?
        } else {
            path.to_path_buf()
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let perms = match &meta {
            Some(m) => m.permissions(),
            None => default_permissions(),
        };
        let mut reg = temps();
        let tmp = tempfile::Builder::new()
            .prefix(".zhclean-")
            .suffix(".tmp")
            .permissions(perms.clone())
            .tempfile_in(&dir)
            .map_err(err)?;
        let temp = tmp.path().to_path_buf();
        reg.push(temp.clone());
        drop(reg);
        let w = Encoder::new(BufWriter::with_capacity(1 << 16, tmp), codec).map_err(err)?;
        let f = AtomicFile {
            inner: Inner::Temp { w: Some(w), temp },
            shown: path.to_path_buf(),
            target,
            fsync,
        };
        // The mode given at creation is reduced by the umask; an existing file's
        // owner and mode are restored exactly (the owner first: a change of owner
        // clears the set-user-ID bits).
        if let Some(m) = &meta {
            if let Inner::Temp { w: Some(w), .. } = &f.inner {
                keep_owner(w.get_ref().get_ref().as_file(), m).map_err(err)?;
                w.get_ref()
                    .get_ref()
                    .as_file()
                    .set_permissions(perms)
                    .map_err(err)?;
            }
        }
        Ok(f)
    }

    fn err(&self, e: std::io::Error) -> Error {
        Error::Write {
            path: self.shown.display().to_string(),
            err: e,
        }
    }

    /// Write everything buffered to the temporary file and fsync it (when asked), so
    /// that [`AtomicFile::commit`] is left with nothing but the rename: a full disk
    /// shows here. Several outputs of one run are staged first and committed after,
    /// so that a failed write leaves none of them (see `commit_all`).
    pub fn stage(&mut self) -> Result<()> {
        let fsync = self.fsync;
        let r = match &mut self.inner {
            Inner::Direct(w) => finish_stream(w).and_then(|_| w.as_mut().expect("open").flush()),
            Inner::Temp { w, .. } => finish_stream(w).and_then(|_| {
                let w = w.as_mut().expect("not yet committed");
                w.flush().and_then(|_| {
                    if fsync {
                        w.get_ref().get_ref().as_file().sync_all()
                    } else {
                        Ok(())
                    }
                })
            }),
        };
        r.map_err(|e| self.err(e))
    }

    /// Write all of `data` (an error names the output).
    pub fn write_data(&mut self, data: &[u8]) -> Result<()> {
        let r = self.write_all(data);
        r.map_err(|e| self.err(e))
    }

    /// Flush, fsync (when asked), keep the old file as `target + backup` when a
    /// suffix is given, and rename into place.
    pub fn commit(mut self, backup: Option<&str>) -> Result<()> {
        match &mut self.inner {
            Inner::Direct(w) => {
                let r = finish_stream(w).and_then(|_| w.as_mut().expect("open").flush());
                r.map_err(|e| self.err(e))
            }
            Inner::Temp { w, temp } => {
                let temp = temp.clone();
                let w = match w.take().expect("not yet committed").finish() {
                    Ok(w) => w,
                    Err(e) => {
                        drop_registered(None, &temp);
                        return Err(self.err(e));
                    }
                };
                let tmp = match w.into_inner() {
                    Ok(t) => t,
                    Err(e) => {
                        let (io, w) = e.into_parts();
                        let (tmp, _) = w.into_parts();
                        drop_registered(Some(tmp), &temp);
                        return Err(self.err(io));
                    }
                };
                if self.fsync {
                    if let Err(e) = tmp.as_file().sync_all() {
                        drop_registered(Some(tmp), &temp);
                        return Err(self.err(e));
                    }
                }
                if let Some(suffix) = backup {
                    if let Err(e) = make_backup(&self.target, suffix) {
                        drop_registered(Some(tmp), &temp);
                        return Err(self.err(e));
                    }
                }
                let mut reg = temps();
                let r = tmp.persist(&self.target);
                reg.retain(|p| p != &temp);
                drop(reg);
                r.map(|_| ()).map_err(|e| self.err(e.error))
            }
        }
    }
}

/// Delete a temporary file and forget it, under the registry lock.
fn drop_registered(tmp: Option<tempfile::NamedTempFile>, temp: &Path) {
    let mut reg = temps();
    drop(tmp);
    reg.retain(|p| p != temp);
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Inner::Temp { w, temp } = &mut self.inner {
            if let Some(w) = w.take() {
                let mut reg = temps();
                // drop without flushing: the data is abandoned
                let w = match w {
                    Encoder::Plain(w) => w,
                    // dropping an encoder may write its end; the file is deleted anyway
                    other => {
                        drop(other);
                        reg.retain(|p| p != temp);
                        return;
                    }
                };
                let (tmp, _) = w.into_parts();
                drop(tmp);
                reg.retain(|p| p != temp);
            }
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.inner {
            Inner::Temp { w, .. } => w.as_mut().expect("not committed").write(buf),
            Inner::Direct(w) => w.as_mut().expect("open").write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Temp { w, .. } => w.as_mut().expect("not committed").write_all(buf),
            Inner::Direct(w) => w.as_mut().expect("open").write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Temp { w, .. } => w.as_mut().expect("not committed").flush(),
            Inner::Direct(w) => w.as_mut().expect("open").flush(),
        }
    }
}

/// Give the new file `f` the owner and group of the file it replaces (`old`). Only
/// root may give a file away: for anyone else a change of owner fails with `EPERM`,
/// and the file is theirs, as with any editor; a group they belong to is still kept.
#[cfg(unix)]
fn keep_owner(f: &std::fs::File, old: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let new = f.metadata()?;
    if new.uid() == old.uid() && new.gid() == old.gid() {
        return Ok(());
    }
    let root = new.uid() == 0;
    match std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid())) {
        Ok(()) => Ok(()),
        Err(e) if root => Err(e),
        Err(_) => match std::os::unix::fs::fchown(f, None, Some(old.gid())) {
            Ok(()) => Ok(()),
            Err(_) => Ok(()),
        },
    }
}

#[cfg(not(unix))]
fn keep_owner(_f: &std::fs::File, _old: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Permissions {
    use std::os::unix::fs::PermissionsExt;
    Permissions::from_mode(0o666)
}

#[cfg(not(unix))]
fn default_permissions() -> Permissions {
    // there is no mode to give on other systems; take what a new file gets
    std::env::temp_dir()
        .metadata()
        .map(|m| m.permissions())
        .unwrap_or_else(|_| unreachable!("temp dir exists"))
}

/// Keep the current `target` as `target + suffix`, replacing an older backup
/// atomically: a hard link (or a copy where links are not supported) under a
/// temporary name, renamed. The original stays in place until the caller renames
/// the new version over it.
fn make_backup(target: &Path, suffix: &str) -> std::io::Result<()> {
    if suffix.is_empty() {
        // the backup would be the target itself (the command line refuses this)
        return Err(std::io::Error::other("empty backup suffix"));
    }
    let mut name = target.as_os_str().to_os_string();
    name.push(suffix);
    let backup = PathBuf::from(name);
    if let (Ok(b), Ok(t)) = (
        std::fs::symlink_metadata(&backup),
        std::fs::metadata(target),
    ) {
        if same_file(&b, &t) {
            // already a hard link of the original, so it holds the old text once the
            // new version is renamed over the target; a rename of one link onto
            // another of the same file would do nothing and leave the temporary name
            return Ok(());
        }
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut reg = temps();
    let tmp = tempfile::Builder::new()
        .prefix(".zhclean-")
        .suffix(".bak.tmp")
        .make_in(&dir, |p| match std::fs::hard_link(target, p) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            Err(_) => std::fs::copy(target, p).map(|_| ()),
        })?;
    let temp = tmp.path().to_path_buf();
    reg.push(temp.clone());
    drop(reg);
    let mut reg = temps();
    let r = tmp.persist(&backup);
    reg.retain(|p| p != &temp);
    r.map(|_| ()).map_err(|e| e.error)
}

/// Whether an output path is `-`, which means stdout.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Write `data` to `path` atomically (see [`AtomicFile`]), with fsync.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    staged(path, data)?.commit(None)
}

/// `data` written to a temporary file for `path` and fsynced, not yet renamed into
/// place: commit it once every other output of the run is staged too.
pub fn staged(path: &Path, data: &[u8]) -> Result<AtomicFile> {
    let mut f = AtomicFile::create(path, true)?;
    f.write_data(data)?;
    f.stage()?;
    Ok(f)
}

/// Commit staged outputs in order. Every one was written and fsynced before, so what
/// is left to fail is a rename; the first error is returned and the outputs not yet
/// committed are dropped (their temporary files deleted).
pub fn commit_all(files: Vec<AtomicFile>) -> Result<()> {
    for f in files {
        f.commit(None)?;
    }
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

/// Refuse an output path (given with option `flag`) that names an input file.
pub fn ensure_not_input(flag: &'static str, output: &Path, inputs: &[&Path]) -> Result<()> {
    let Ok(out) = std::fs::metadata(output) else {
        return Ok(()); // does not exist yet, so it is no input
    };
    for i in inputs {
        // the same file: same device and inode (one stat per input, where resolving
        // the path would cost one call per path component)
        if std::fs::metadata(i).is_ok_and(|m| same_file(&m, &out)) {
            return Err(Error::OutputIsInput {
                flag,
                path: output.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// A file's identity: device and inode on Unix (so hard links and paths through
/// symbolic links count as one file).
pub type FileId = (u64, u64);

/// The identity of the file at `p` (links followed), if it exists.
#[cfg(unix)]
pub fn file_id(p: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
}

/// The identity of the file at `p`: its canonical path, hashed.
#[cfg(not(unix))]
pub fn file_id(p: &Path) -> Option<FileId> {
    use std::hash::{Hash, Hasher};
    let c = p.canonicalize().ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    c.hash(&mut h);
    Some((0, h.finish()))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len()
        && a.modified().ok() == b.modified().ok()
        && a.created().ok() == b.created().ok()
}

/// The absolute, symlink-free form of `p`, also when `p` (or its tail) does not exist
/// yet: the longest existing ancestor is canonicalized and the rest appended.
pub fn resolve(p: &Path) -> std::io::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut tail = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(c) = cur.canonicalize() {
            let mut out = c;
            for t in tail.iter().rev() {
                out.push(t);
            }
            return Ok(out);
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name.to_os_string());
                cur = parent;
            }
            _ => return Ok(abs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".zhclean-"))
            .collect()
    }

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

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_new_files_are_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"new").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "new file readable by others: {mode:o}");
        std::fs::set_permissions(&p, Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"newer").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn dropped_without_commit_leaves_target_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"old").unwrap();
        {
            let mut f = AtomicFile::create(&p, false).unwrap();
            f.write_all(b"half").unwrap();
            assert!(temps().iter().any(|t| t.starts_with(dir.path())));
        }
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn backup_keeps_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"old").unwrap();
        std::fs::write(dir.path().join("a.txt.bak"), b"older").unwrap();
        let mut f = AtomicFile::create(&p, true).unwrap();
        f.write_all(b"new").unwrap();
        f.commit(Some(".bak")).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(std::fs::read(dir.path().join("a.txt.bak")).unwrap(), b"old");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn resolve_handles_missing_tails() {
        let dir = tempfile::tempdir().unwrap();
        let r = resolve(&dir.path().join("x/y")).unwrap();
        assert_eq!(r, dir.path().canonicalize().unwrap().join("x/y"));
    }
}
