//! Reading inputs: a file, or stdin for no path or `-`; the files of a folder tree
//! ([`walk`]); the records of JSONL corpora ([`JsonlReader`], [`parse_record`]).

use crate::error::{Error, Result};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The bytes of a file, or of stdin when `path` is `None`, decompressed when they are
/// gzip, zstd or bzip2 (by their magic bytes, see [`crate::compress`]). Errors name the
/// file: unreadable, or corrupt compressed data.
pub fn read(path: Option<&Path>) -> Result<Vec<u8>> {
    let bytes = read_raw(path)?;
    if crate::compress::Codec::sniff(&bytes).is_none() {
        return Ok(bytes);
    }
    let err = |e: std::io::Error| Error::Read {
        path: crate::error::display_source(path),
        err: e,
    };
    let (mut r, _) = crate::compress::reader(std::io::Cursor::new(bytes), false).map_err(err)?;
    let mut out = Vec::new();
    r.read_to_end(&mut out).map_err(err)?;
    Ok(out)
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
/// bzip2): all of it when it holds at most `limit` bytes (or `limit` is 0), and then no
/// reader; otherwise the first `limit` bytes and a reader for the rest (see `stream`).
/// A compressed input is streamed like a large one, so its size in memory is bounded
/// by `limit` whatever it holds.
pub fn open_head(path: Option<&Path>, limit: usize) -> Result<Head> {
    let name = crate::error::display_source(path);
    let err = |e: std::io::Error| Error::Read {
        path: name.clone(),
        err: e,
    };
    let (mut r, _) = match path {
        Some(p) => {
            let f = File::open(p).map_err(err)?;
            let small = f
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= limit as u64);
            let (r, codec) = crate::compress::reader(f, false).map_err(err)?;
            if codec.is_none() && (limit == 0 || small) {
                drop(r);
                return read_raw(path).map(|b| (b, None));
            }
            (r, codec)
        }
        None => crate::compress::reader(std::io::stdin(), false).map_err(err)?,
    };
    if limit == 0 {
        let mut all = Vec::new();
        r.read_to_end(&mut all).map_err(err)?;
        return Ok((all, None));
    }
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

// ---------------------------------------------------------------------------------
// Folders

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

// ---------------------------------------------------------------------------------
// JSONL

/// One line of a JSONL input, located in its source.
#[derive(Debug, Clone, Copy)]
pub struct LineRef {
    /// 1-based line number.
    pub line: usize,
    /// Byte offset of the line in its source.
    pub offset: u64,
    /// The line's span in the chunk buffer (without `\n`, and without a final `\r`).
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// A run of whole lines read from one source.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The bytes.
    pub buf: Vec<u8>,
    /// The lines in `buf`.
    pub lines: Vec<LineRef>,
}

/// Reads a JSONL stream as chunks of whole lines of at least `chunk_bytes` (the last
/// may be smaller); a line is never split, whatever its length.
pub struct JsonlReader<R: Read> {
    r: R,
    chunk_bytes: usize,
    carry: Vec<u8>,
    line: usize,
    offset: u64,
    eof: bool,
}

impl<R: Read> JsonlReader<R> {
    /// Read `r` in chunks of about `chunk_bytes`.
    pub fn new(r: R, chunk_bytes: usize) -> Self {
        JsonlReader {
            r,
            chunk_bytes: chunk_bytes.max(1),
            carry: Vec::new(),
            line: 0,
            offset: 0,
            eof: false,
        }
    }

    /// The next chunk, `None` at the end.
    pub fn next_chunk(&mut self) -> std::io::Result<Option<Chunk>> {
        if self.eof && self.carry.is_empty() {
            return Ok(None);
        }
        let mut buf = std::mem::take(&mut self.carry);
        // read until the chunk is big enough and holds at least one line end
        loop {
            let have_line = memchr::memchr(b'\n', &buf).is_some();
            if self.eof || (buf.len() >= self.chunk_bytes && have_line) {
                break;
            }
            let want = self.chunk_bytes.max(1 << 16);
            let old = buf.len();
            buf.resize(old + want, 0);
            let n = loop {
                match self.r.read(&mut buf[old..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        buf.truncate(old);
                        return Err(e);
                    }
                }
            };
            buf.truncate(old + n);
            if n == 0 {
                self.eof = true;
            }
        }
        let cut = if self.eof {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf).map_or(buf.len(), |i| i + 1)
        };
        self.carry = buf.split_off(cut);
        let mut lines = Vec::new();
        let mut start = 0;
        while start < buf.len() {
            let nl = memchr::memchr(b'\n', &buf[start..]).map_or(buf.len(), |i| start + i);
            let mut end = nl;
            if end > start && buf[end - 1] == b'\r' {
                end -= 1;
            }
            self.line += 1;
            lines.push(LineRef {
                line: self.line,
                offset: self.offset + start as u64,
                start,
                end,
            });
            start = nl + 1;
        }
        self.offset += buf.len() as u64;
        if buf.is_empty() && self.eof {
            return Ok(None);
        }
        Ok(Some(Chunk { buf, lines }))
    }
}

/// A JSONL record split around its text field: `before` + the field's JSON string +
/// `after` is the line, byte for byte.
#[derive(Debug)]
pub struct Record<'a> {
    /// The line up to the text field's value.
    pub before: &'a str,
    /// The text, unescaped.
    pub text: String,
    /// The line after the text field's value.
    pub after: &'a str,
    /// The record's id (see [`parse_record_with`]).
    pub id: Option<String>,
    /// Whether the record already has the top-level field asked about in
    /// [`parse_record_with`] (`--stats-field`).
    pub has_field: bool,
}

/// A field path such as `meta.id`: the whole name when the record has a top-level
/// field of that name, else the name split at dots into nested object keys.
fn lookup_id(fields: &Fields<'_>, path: &str) -> Option<String> {
    let as_id = |raw: &serde_json::value::RawValue| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
        match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    if let Some((_, raw)) = fields.0.iter().find(|(k, _)| k == path) {
        return as_id(raw);
    }
    let mut parts = path.split('.');
    let first = parts.next()?;
    let (_, raw) = fields.0.iter().find(|(k, _)| k == first)?;
    let mut v: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
    for p in parts {
        v = v.as_object_mut()?.remove(p)?;
    }
    match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Why a JSONL line was not cleaned.
#[derive(Debug, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON, or not an object: the line is not written.
    Malformed(String),
    /// A JSON object without a string in the text field: written unchanged.
    NoText(String),
}

struct Fields<'a>(Vec<(String, &'a serde_json::value::RawValue)>);

impl<'de> serde::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let raw: &'de serde_json::value::RawValue = map.next_value()?;
                    v.push((k, raw));
                }
                Ok(Fields(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// Split a JSONL line around the string field `field`. A leading byte-order mark is
/// kept in `before`.
pub fn parse_record<'a>(
    line: &'a [u8],
    field: &str,
) -> std::result::Result<Record<'a>, RecordError> {
    parse_record_with(line, field, None, None)
}

/// [`parse_record`], also taking the record's id from the field `id_field` (`meta.id`
/// reaches into nested objects; a string is taken as it is, a number or other value
/// as its JSON text, `null` or a missing field gives `None`), and saying whether the
/// top-level field `check_field` exists. Errors: as [`parse_record`]; a missing id is
/// not an error.
pub fn parse_record_with<'a>(
    line: &'a [u8],
    field: &str,
    id_field: Option<&str>,
    check_field: Option<&str>,
) -> std::result::Result<Record<'a>, RecordError> {
    let s = std::str::from_utf8(line).map_err(|e| {
        RecordError::Malformed(format!("invalid UTF-8 at byte {}", e.valid_up_to()))
    })?;
    let body = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    let fields: Fields<'_> = serde_json::from_str(body)
        .map_err(|e| RecordError::Malformed(format!("invalid JSON: {e}")))?;
    let mut found = fields.0.iter().filter(|(k, _)| k == field);
    let raw = match (found.next(), found.next()) {
        (Some((_, raw)), None) => *raw,
        (None, _) => {
            return Err(RecordError::NoText(format!(
                "no field {field:?} (choose the field with --text-field); written unchanged"
            )))
        }
        (Some(_), Some(_)) => {
            return Err(RecordError::NoText(format!(
                "field {field:?} appears twice; written unchanged"
            )))
        }
    };
    let text: String = serde_json::from_str(raw.get()).map_err(|e| {
        RecordError::NoText(if raw.get().starts_with('"') {
            // a string whose escapes name no character, such as a lone surrogate
            // (`"\ud800"`), which no UTF-8 text can hold
            let why = if has_surrogate_escape(raw.get()) {
                "it escapes a lone UTF-16 surrogate such as \\ud800, which names no character"
                    .to_string()
            } else {
                e.to_string()
            };
            format!("field {field:?} is a string that is not valid Unicode text ({why}); written unchanged")
        } else {
            format!(
                "field {field:?} is not a string (it is {}); written unchanged",
                json_kind(raw.get())
            )
        })
    })?;
    let start = raw.get().as_ptr() as usize - s.as_ptr() as usize;
    let end = start + raw.get().len();
    Ok(Record {
        before: &s[..start],
        text,
        after: &s[end..],
        id: id_field.and_then(|f| lookup_id(&fields, f)),
        has_field: check_field.is_some_and(|c| fields.0.iter().any(|(k, _)| k == c)),
    })
}

/// Whether the JSON text `raw` holds a `\uD800`–`\uDFFF` escape (a surrogate; valid
/// only as half of a pair).
fn has_surrogate_escape(raw: &str) -> bool {
    raw.as_bytes().windows(4).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && w[2].eq_ignore_ascii_case(&b'd')
            && matches!(w[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
    })
}

/// What kind of JSON value `raw` is, for messages.
fn json_kind(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A source that can be read again at an offset (`--cross-doc drop` verifies
/// candidates against earlier documents by reading them back).
pub fn read_at(f: &File, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0; len];
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        f.read_exact_at(&mut buf, offset)?;
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < len {
            let n = f.seek_read(&mut buf[done..], offset + done as u64)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_is_split_exactly() {
        let line = br#"{"id": 1.50, "text": "a\"b\u4e2d", "meta": {"x": [1,2]}}"#;
        let r = parse_record(line, "text").unwrap();
        assert_eq!(r.text, "a\"b中");
        assert_eq!(r.before, r#"{"id": 1.50, "text": "#);
        assert_eq!(r.after, r#", "meta": {"x": [1,2]}}"#);
    }

    #[test]
    fn ids_are_found_nested_and_as_json_text() {
        let line =
            br#"{"id": 7, "meta": {"id": "a-1", "n": {"k": [1]}}, "m.x": "dotted", "text": "t"}"#;
        let id = |f: &str| parse_record_with(line, "text", Some(f), None).unwrap().id;
        assert_eq!(id("id").as_deref(), Some("7"));
        assert_eq!(id("meta.id").as_deref(), Some("a-1"));
        assert_eq!(id("meta.n").as_deref(), Some(r#"{"k":[1]}"#));
        assert_eq!(id("m.x").as_deref(), Some("dotted"));
        assert_eq!(id("meta.missing"), None);
        assert_eq!(id("nothing"), None);
        let r = parse_record_with(line, "text", None, Some("meta")).unwrap();
        assert!(r.has_field);
    }

    #[test]
    fn record_errors() {
        assert!(matches!(
            parse_record(b"{\"text\": ", "text"),
            Err(RecordError::Malformed(_))
        ));
        assert!(matches!(
            parse_record(b"[1]", "text"),
            Err(RecordError::Malformed(_))
        ));
        assert!(matches!(
            parse_record(b"{\"a\":1}", "text"),
            Err(RecordError::NoText(_))
        ));
        assert!(matches!(
            parse_record(b"{\"text\":null}", "text"),
            Err(RecordError::NoText(_))
        ));
        assert!(matches!(
            parse_record(b"{\"text\":\"a\",\"text\":\"b\"}", "text"),
            Err(RecordError::NoText(_))
        ));
    }

    #[test]
    fn reader_keeps_lines_whole_and_numbers_them() {
        let data = b"a\nbb\r\n\nccc";
        let mut r = JsonlReader::new(&data[..], 1);
        let mut got = Vec::new();
        while let Some(c) = r.next_chunk().unwrap() {
            for l in &c.lines {
                got.push((l.line, l.offset, c.buf[l.start..l.end].to_vec()));
            }
        }
        assert_eq!(
            got,
            vec![
                (1, 0, b"a".to_vec()),
                (2, 2, b"bb".to_vec()),
                (3, 6, b"".to_vec()),
                (4, 7, b"ccc".to_vec())
            ]
        );
    }

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
