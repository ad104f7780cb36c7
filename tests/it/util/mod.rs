//! Shared helpers for the integration tests: run the real `zhclean` binary in a
//! temporary directory, parse its report strictly, and check the report's
//! conservation law. Every test crate includes this with `mod util;`, and not every
//! crate uses every helper.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use zhclean::report::{DocReport, Report};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_zhclean");

/// The repository root (fixtures live below it).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file's path, e.g. `fixture("seed/000_c23f71ea9a2bd46e.txt")`.
pub fn fixture(rel: &str) -> PathBuf {
    repo().join("fixtures").join(rel)
}

/// A fixture file's bytes (panics naming the file when it cannot be read).
pub fn read_fixture(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Whether golden files are rewritten from the current code instead of compared
/// (`ZHCLEAN_BLESS=1`). Read the diff before committing what it writes.
pub fn bless() -> bool {
    std::env::var_os("ZHCLEAN_BLESS").is_some_and(|v| v == "1")
}

/// Compare `actual` with the golden file at `path`, or rewrite the file when blessing
/// ([`bless`]); `same` decides equality (JSON can be compared as values). `None` when
/// they agree (or after blessing), else what differs, for the caller to collect or
/// panic with.
pub fn golden_diff(
    path: &Path,
    actual: &[u8],
    same: impl Fn(&[u8], &[u8]) -> bool,
) -> Option<String> {
    let name = path.strip_prefix(repo()).unwrap_or(path).display();
    if bless() {
        std::fs::write(path, actual).expect("write golden");
        eprintln!("blessed {name}");
        return None;
    }
    let expected = match std::fs::read(path) {
        Ok(e) => e,
        Err(e) => {
            return Some(format!(
                "{name}: {e}; generate it with ZHCLEAN_BLESS=1 and review it"
            ))
        }
    };
    (!same(&expected, actual)).then(|| {
        format!(
            "{name} differs from the golden file; if the change is intended, rerun with \
             ZHCLEAN_BLESS=1 and review the diff.\n--- actual ---\n{}",
            String::from_utf8_lossy(actual)
        )
    })
}

/// [`golden_diff`], panicking on a difference.
pub fn golden(path: &Path, actual: &[u8], same: impl Fn(&[u8], &[u8]) -> bool) {
    if let Some(diff) = golden_diff(path, actual, same) {
        panic!("{diff}");
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// Raw stdout.
    pub stdout: Vec<u8>,
    /// stderr, lossily decoded.
    pub stderr: String,
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
}

impl Run {
    /// stdout as UTF-8 (panics with the bytes when it is not).
    pub fn text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Panic unless the exit code is `code`; show stderr when it is not.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "exit code; stderr:\n{}", self.stderr);
        self
    }
}

/// A temporary working directory for the binary, removed on drop.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Default for Dir {
    fn default() -> Self {
        Self::new()
    }
}

impl Dir {
    /// A new empty temporary directory.
    pub fn new() -> Self {
        Dir {
            tmp: tempfile::Builder::new()
                .prefix("zhclean-test-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Write a file (parent directories are created) and return its full path.
    pub fn write(&self, rel: &str, data: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, data).expect("write");
        p
    }

    /// Read a file of the directory.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Whether a file exists in the directory.
    pub fn exists(&self, rel: &str) -> bool {
        self.path().join(rel).exists()
    }

    /// Names of the directory's entries, sorted.
    pub fn entries(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.path())
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// Run `zhclean ARGS` in this directory with `stdin` (empty when `None`).
    pub fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        run_in(self.path(), args, stdin)
    }

    /// Parse a report file of this directory strictly.
    pub fn report(&self, rel: &str) -> Report {
        parse_report(&self.read(rel))
    }
}

/// Run the binary in `dir` with `args`, feeding `stdin` (from a thread, so large
/// inputs cannot deadlock against a full stdout pipe).
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zhclean");
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().expect("stdin pipe");
    let feeder = std::thread::spawn(move || {
        // The binary may exit without reading stdin (usage errors): ignore EPIPE.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait zhclean");
    feeder.join().expect("stdin feeder");
    Run {
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
    }
}

/// Parse a report strictly: `Report` denies unknown fields, so a renamed or stray
/// field fails here.
pub fn parse_report(bytes: &[u8]) -> Report {
    serde_json::from_slice::<Report>(bytes).unwrap_or_else(|e| {
        panic!(
            "report does not match the schema: {e}\n{}",
            String::from_utf8_lossy(bytes)
        )
    })
}

/// The text the report's offsets refer to: the input decoded, without a UTF-8 BOM.
pub fn decoded(bytes: &[u8]) -> String {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(b.to_vec()).expect("input is UTF-8")
}

/// Number of lines as the contract counts them: terminated by `\n`, `\r\n` or `\r`;
/// a final terminator does not open another line.
pub fn line_count(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    let mut start = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            n += 1;
            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            start = i;
        } else {
            i += 1;
        }
    }
    n + usize::from(start < b.len())
}

/// 1-based line number of byte offset `b` (a line owns its terminator).
pub fn line_at(text: &str, b: usize) -> usize {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'\n' => i + 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i + 2,
            b'\r' => i + 1,
            _ => {
                i += 1;
                continue;
            }
        };
        if end > b {
            break;
        }
        line += 1;
        i = end;
    }
    line
}

/// The report's conservation law and offset invariants for one document whose
/// decoded input is `input`. Returns a description of the first violation.
pub fn check_doc(input: &str, d: &DocReport) -> Result<(), String> {
    let chars_in = input.chars().count();
    if d.chars_in != chars_in {
        return Err(format!(
            "chars_in {} != {} input chars",
            d.chars_in, chars_in
        ));
    }
    let lines = line_count(input);
    let mut kept_text = String::new();
    let mut pos = 0usize;
    let mut sum = 0usize;
    for (i, r) in d.removed.iter().enumerate() {
        let [b0, b1] = r.byte_range;
        if b0 >= b1 {
            return Err(format!(
                "removal {i}: empty or reversed byte_range {:?}",
                r.byte_range
            ));
        }
        if b0 < pos {
            return Err(format!(
                "removal {i}: byte_range {:?} overlaps or is out of order (previous end {pos})",
                r.byte_range
            ));
        }
        if b1 > input.len() {
            return Err(format!(
                "removal {i}: byte_range {:?} past the input ({} bytes)",
                r.byte_range,
                input.len()
            ));
        }
        if !input.is_char_boundary(b0) || !input.is_char_boundary(b1) {
            return Err(format!(
                "removal {i}: byte_range {:?} not on char boundaries",
                r.byte_range
            ));
        }
        let c0 = input[..b0].chars().count();
        let c1 = input[..b1].chars().count();
        if r.char_range != [c0, c1] {
            return Err(format!(
                "removal {i}: char_range {:?} but byte_range {:?} is chars [{c0}, {c1}]",
                r.char_range, r.byte_range
            ));
        }
        if r.chars != c1 - c0 {
            return Err(format!("removal {i}: chars {} != {}", r.chars, c1 - c0));
        }
        let [k0, k1] = r.kept_byte_range;
        if k0 > k1 || k1 > input.len() || !input.is_char_boundary(k0) || !input.is_char_boundary(k1)
        {
            return Err(format!(
                "removal {i}: bad kept_byte_range {:?}",
                r.kept_byte_range
            ));
        }
        let none_kept = r.kind.as_str() == "boilerplate";
        if none_kept && (r.kept != [0, 0] || r.kept_byte_range != [0, 0]) {
            return Err(format!(
                "removal {i}: boilerplate names a kept copy {:?}",
                r.kept
            ));
        }
        for (name, [l0, l1]) in [("lines", r.lines), ("kept", r.kept)] {
            if name == "kept" && none_kept {
                continue;
            }
            if l0 < 1 || l0 > l1 || l1 > lines {
                return Err(format!(
                    "removal {i}: {name} {:?} outside 1..={lines}",
                    [l0, l1]
                ));
            }
        }
        // the removed content lies within the removed byte range's lines
        if r.lines[0] < line_at(input, b0) || r.lines[1] > line_at(input, b1 - 1) {
            return Err(format!(
                "removal {i}: lines {:?} outside the lines of byte_range {:?} ([{}, {}])",
                r.lines,
                r.byte_range,
                line_at(input, b0),
                line_at(input, b1 - 1)
            ));
        }
        if !(0.0..=1.0).contains(&r.similarity) {
            return Err(format!("removal {i}: similarity {}", r.similarity));
        }
        if r.sha256.len() != 64 || !r.sha256.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("removal {i}: sha256 {:?}", r.sha256));
        }
        kept_text.push_str(&input[pos..b0]);
        pos = b1;
        sum += r.chars;
    }
    kept_text.push_str(&input[pos..]);
    if d.chars_removed != sum {
        return Err(format!(
            "chars_removed {} != sum of removed[].chars {sum}",
            d.chars_removed
        ));
    }
    let left = kept_text.chars().count();
    if left + sum != chars_in {
        return Err(format!(
            "conservation: {left} kept + {sum} removed != {chars_in} in"
        ));
    }
    let ratio = if chars_in == 0 {
        0.0
    } else {
        sum as f64 / chars_in as f64
    };
    if (d.dup_ratio - ratio).abs() > 1e-6 {
        return Err(format!("dup_ratio {} != {ratio}", d.dup_ratio));
    }
    Ok(())
}

/// [`check_doc`] for a one-document report, plus the summary.
pub fn check_report(input: &str, r: &Report) -> Result<(), String> {
    if r.schema_version != 1 {
        return Err(format!("schema_version {}", r.schema_version));
    }
    if r.documents.len() != 1 {
        return Err(format!("{} documents", r.documents.len()));
    }
    let d = &r.documents[0];
    check_doc(input, d)?;
    let s = &r.summary;
    if s.documents != 1
        || s.chars_in != d.chars_in
        || s.chars_removed != d.chars_removed
        || s.chars_out != d.chars_out
        || (s.dup_ratio - d.dup_ratio).abs() > 1e-9
        || s.removals_by_kind.values().sum::<usize>() != d.removed.len()
    {
        return Err(format!("summary does not add up: {s:?}"));
    }
    Ok(())
}

/// Every `.txt` file under `fixtures/`, sorted.
/// Every UTF-8 fixture text: the legacy encodings, hostile bytes and batch trees
/// have their own tests (`tests/it/encodings.rs`, `tests/it/hostile.rs`, `tests/it/batch.rs`).
pub fn fixture_txts() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("read_dir") {
            let p = e.expect("entry").path();
            let skip = p
                .file_name()
                .is_some_and(|n| n == "encodings" || n == "hostile" || n == "batch");
            if p.is_dir() && !skip {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&repo().join("fixtures"), &mut v);
    v.sort();
    v
}

/// One of OpenCC's official conversion cases (`fixtures/opencc/testcases.flat.jsonl`).
pub struct OpenccCase {
    /// The case's id.
    pub id: String,
    /// The text to convert.
    pub input: String,
    /// OpenCC's output.
    pub expected: String,
}

/// OpenCC's cases for one configuration (`t2s`, `s2t`, …), in file order.
pub fn opencc_cases(config: &str) -> Vec<OpenccCase> {
    let text =
        std::fs::read_to_string(fixture("opencc/testcases.flat.jsonl")).expect("opencc fixture");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("jsonl line"))
        .filter(|v| v["config"] == config)
        .map(|v| OpenccCase {
            id: v["id"].as_str().unwrap().to_string(),
            input: v["input"].as_str().unwrap().to_string(),
            expected: v["expected"].as_str().unwrap().to_string(),
        })
        .collect()
}
