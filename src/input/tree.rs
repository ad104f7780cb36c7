//! Folder trees: the files a walk takes (globs, hidden entries, links), in a stable order.

use crate::error::{Error, Result};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// The file-name patterns a folder walk takes when `--glob` is not given, matched
/// ASCII case-insensitively (`*.TXT` too), each also compressed (`.gz`, `.zst`,
/// `.bz2`; see [`crate::compress`]).
pub const DEFAULT_GLOBS: [&str; 3] = ["*.txt", "*.md", "*.text"];

/// The compressed names a default pattern also takes.
const COMPRESSED_SUFFIXES: [&str; 3] = [".gz", ".zst", ".bz2"];

/// One file of a batch.
#[derive(Debug, Clone)]
pub struct FileItem {
    /// Where to read it.
    pub path: PathBuf,
    /// Where it goes under `--out-dir`.
    pub out_rel: PathBuf,
    /// Its size when listed (for progress).
    pub size: u64,
}

/// Something the walk did not take, in walk order.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The path.
    pub path: PathBuf,
    /// Why.
    pub message: String,
    /// Skipped on purpose (hidden, symbolic-link loop, not a regular file) rather
    /// than an error (unreadable).
    pub skipped: bool,
    /// Index in [`Walk::files`] of the next listed file, to keep input order.
    pub before: usize,
}

/// The result of a walk: files in a stable order (directories sorted by name), and
/// what was left out.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files to clean.
    pub files: Vec<FileItem>,
    /// What was skipped or could not be listed.
    pub notices: Vec<Notice>,
}

/// Patterns matched against a file's name, or against its path below the walked
/// folder when the pattern has a `/`.
pub struct Globs {
    names: GlobSet,
    paths: GlobSet,
}

impl Globs {
    /// Compile `patterns`, case-sensitively as given; when empty, [`DEFAULT_GLOBS`]
    /// case-insensitively and with their compressed forms.
    pub fn new(patterns: &[String]) -> Result<Globs> {
        let defaults = patterns.is_empty();
        let patterns: Vec<String> = if defaults {
            DEFAULT_GLOBS
                .iter()
                .flat_map(|g| {
                    std::iter::once(g.to_string())
                        .chain(COMPRESSED_SUFFIXES.iter().map(move |s| format!("{g}{s}")))
                })
                .collect()
        } else {
            patterns.to_vec()
        };
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for p in &patterns {
            let g = GlobBuilder::new(p)
                .case_insensitive(defaults)
                .build()
                .map_err(|e| Error::Usage(format!("--glob {p:?}: {e}")))?;
            if p.contains('/') {
                paths.add(g);
            } else {
                names.add(g);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| Error::Usage(format!("--glob: {e}")));
        Ok(Globs {
            names: build(names)?,
            paths: build(paths)?,
        })
    }

    /// Whether the file at `rel` (below the walked folder) is taken.
    pub fn matches(&self, rel: &Path) -> bool {
        rel.file_name().is_some_and(|n| self.names.is_match(n)) || self.paths.is_match(rel)
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Entries of a hidden folder looked at to decide whether to mention it.
const HIDDEN_SCAN: usize = 10_000;

/// How many files below the hidden folder `dir` the glob would take (relative to the
/// walked folder `root`), counting at most [`HIDDEN_SCAN`] entries (links not followed).
fn hidden_dir_takes(dir: &Path, root: &Path, globs: &Globs) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .take(HIDDEN_SCAN)
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter(|e| globs.matches(e.path().strip_prefix(root).unwrap_or(e.path())))
        .count()
}

/// The name an input gets under `--out-dir` when several inputs are given.
fn input_name(p: &Path) -> PathBuf {
    match p.file_name() {
        Some(n) => PathBuf::from(n),
        None => p
            .canonicalize()
            .ok()
            .and_then(|c| c.file_name().map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("input")),
    }
}

/// What a folder walk does with symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Links {
    /// Follow them (reading through a link is harmless: `--out-dir`, `--check`).
    #[default]
    Follow,
    /// `--in-place`: a link met inside a named folder (to a file or a folder) is
    /// skipped with a notice, so nothing outside the named trees is rewritten and no
    /// file is rewritten twice under two names. Files named on the command line are
    /// taken as given (a named link rewrites the file it points to).
    SkipInPlace,
    /// `--in-place --follow-links`: follow them, rewriting what they point to.
    FollowInPlace,
}

impl Links {
    fn in_place(self) -> bool {
        self != Links::Follow
    }
}

/// List the files of `inputs`: folders recursively (symbolic links followed unless
/// `links` says otherwise, in name order, hidden entries and link loops skipped with
/// a notice, files filtered by `globs`), files as given. With one input, output paths
/// are relative to it; with several, each input's tree goes under its own name. Two
/// inputs that would land on the same output path are an error; for `--in-place`
/// (where nothing lands elsewhere) a file reached twice is taken once and the second
/// path gets a notice.
pub fn walk(inputs: &[PathBuf], globs: &Globs, links: Links) -> Result<Walk> {
    let mut w = Walk::default();
    let several = inputs.len() > 1;
    for input in inputs {
        let meta = std::fs::metadata(input);
        let is_dir = meta.as_ref().is_ok_and(|m| m.is_dir());
        if !is_dir {
            // a file named explicitly is taken whatever its name; errors surface when
            // it is read, in order
            w.files.push(FileItem {
                path: input.clone(),
                out_rel: input_name(input),
                size: meta.map(|m| m.len()).unwrap_or(0),
            });
            continue;
        }
        let base = if several {
            input_name(input)
        } else {
            PathBuf::new()
        };
        // (path, why) of entries left out by the filter, reported where they were met
        let left_out = std::cell::RefCell::new(Vec::new());
        let it = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && is_hidden(e.file_name()) {
                    // said only when the glob would have taken it (or something in it):
                    // `.git` or `.DS_Store` are left out silently
                    let rel = e.path().strip_prefix(input).unwrap_or(e.path());
                    let why = if e.file_type().is_dir() {
                        let n = hidden_dir_takes(e.path(), input, globs);
                        (n > 0).then(|| {
                            format!(
                                "hidden folder with {n}{} file(s) the glob takes; skipped",
                                if n >= HIDDEN_SCAN { "+" } else { "" }
                            )
                        })
                    } else {
                        globs.matches(rel).then(|| "hidden; skipped".to_string())
                    };
                    if let Some(why) = why {
                        left_out.borrow_mut().push((e.path().to_path_buf(), why));
                    }
                    return false;
                }
                if links == Links::SkipInPlace && e.depth() > 0 && e.path_is_symlink() {
                    let to = std::fs::read_link(e.path())
                        .map(|t| t.display().to_string())
                        .unwrap_or_default();
                    left_out.borrow_mut().push((
                        e.path().to_path_buf(),
                        format!(
                            "symbolic link (to {to}); skipped by --in-place, which rewrites \
                             only what it meets under its own name (--follow-links rewrites \
                             what links point to)"
                        ),
                    ));
                    return false;
                }
                true
            });
        for entry in it {
            let met: Vec<(PathBuf, String)> = left_out.borrow_mut().drain(..).collect();
            for (path, message) in met {
                w.notices.push(Notice {
                    message,
                    path,
                    skipped: true,
                    before: w.files.len(),
                });
            }
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| input.clone());
                    let (message, skipped) = if let Some(anc) = e.loop_ancestor() {
                        (
                            format!("symbolic link loop (back to {}); skipped", anc.display()),
                            true,
                        )
                    } else {
                        let io = e.io_error().map(|x| x.to_string()).unwrap_or(e.to_string());
                        let dangling = e.path().is_some_and(|p| p.is_symlink() && !p.exists());
                        if dangling {
                            (format!("cannot read: {io} (dangling symbolic link)"), false)
                        } else {
                            (format!("cannot read: {io}"), false)
                        }
                    };
                    w.notices.push(Notice {
                        path,
                        message,
                        skipped,
                        before: w.files.len(),
                    });
                    continue;
                }
            };
            let ft = entry.file_type();
            if ft.is_dir() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(input)
                .unwrap_or(entry.path())
                .to_path_buf();
            if !globs.matches(&rel) {
                continue;
            }
            if !ft.is_file() {
                w.notices.push(Notice {
                    path: entry.path().to_path_buf(),
                    message: "not a regular file; skipped".to_string(),
                    skipped: true,
                    before: w.files.len(),
                });
                continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            w.files.push(FileItem {
                path: entry.path().to_path_buf(),
                out_rel: base.join(&rel),
                size,
            });
        }
        for (path, message) in left_out.into_inner() {
            w.notices.push(Notice {
                message,
                path,
                skipped: true,
                before: w.files.len(),
            });
        }
    }
    if links.in_place() {
        take_once(&mut w);
        return Ok(w);
    }
    let mut seen = std::collections::HashMap::new();
    for f in &w.files {
        if let Some(prev) = seen.insert(f.out_rel.clone(), f.path.clone()) {
            return Err(Error::Usage(format!(
                "{} and {} would both be written to {} under --out-dir; clean them in separate runs",
                prev.display(),
                f.path.display(),
                f.out_rel.display()
            )));
        }
    }
    Ok(w)
}

/// `--in-place`: keep the first path of each file (by device and inode, so hard
/// links and paths through links count as one) and give the others a notice: two
/// workers must never rewrite one file.
fn take_once(w: &mut Walk) {
    let mut seen: std::collections::HashMap<(u64, u64), PathBuf> = Default::default();
    let files = std::mem::take(&mut w.files);
    let mut notices = std::mem::take(&mut w.notices).into_iter().peekable();
    for (i, f) in files.into_iter().enumerate() {
        while let Some(n) = notices.next_if(|n| n.before <= i) {
            w.notices.push(Notice {
                before: w.files.len(),
                ..n
            });
        }
        match crate::output::file_id(&f.path).map(|id| (id, seen.get(&id).cloned())) {
            Some((_, Some(first))) => w.notices.push(Notice {
                message: format!(
                    "the same file as {}; rewritten once, under that name",
                    first.display()
                ),
                path: f.path,
                skipped: true,
                before: w.files.len(),
            }),
            Some((id, None)) => {
                seen.insert(id, f.path.clone());
                w.files.push(f);
            }
            None => w.files.push(f), // unreadable: the error surfaces when it is read
        }
    }
    for n in notices {
        w.notices.push(Notice {
            before: w.files.len(),
            ..n
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names_and_paths() {
        let g = Globs::new(&[]).unwrap();
        assert!(g.matches(Path::new("a/b.txt")));
        assert!(!g.matches(Path::new("a/b.json")));
        assert!(g.matches(Path::new("a/B.TXT")));
        assert!(g.matches(Path::new("a/b.Md")));
        assert!(g.matches(Path::new("a/b.txt.gz")));
        assert!(g.matches(Path::new("a/b.txt.zst")));
        assert!(!g.matches(Path::new("a/b.json.gz")));
        let g = Globs::new(&["*.txt".to_string()]).unwrap();
        assert!(
            !g.matches(Path::new("a/B.TXT")),
            "a given pattern keeps its case"
        );
        let g = Globs::new(&["news/*.json".to_string()]).unwrap();
        assert!(g.matches(Path::new("news/x.json")));
    }
}
