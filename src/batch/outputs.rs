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

/// Append `s` to `out` as a JSON string (quotes included), byte for byte what
/// `serde_json::to_writer` writes.
///
/// Text whose only control characters are `\n` and tab (every document of the
/// Simplified JSONL: 631 of them have tabs) is written here, in runs between the
/// bytes to escape (`\n`, `"` and `\`, found by one SIMD search; tabs, in a text
/// that has them, by another in each run), each written as serde_json writes it: a
/// backslash before `n`, `"`, `\` or `t`. The test for control characters other
/// than `\n` is one vectorized pass (a second one, for those other than tab too,
/// only on a text that has some). Any other text goes to serde_json, which looks
/// every byte up.
pub(super) fn push_json_string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    // one branch-free pass that vectorizes: usually it finds no control character
    // but line breaks; a text with some (tabs, in 631 documents of the Simplified
    // JSONL) is asked a second time for one other than a tab, by a fold without an
    // early exit, so the compiler tests whole vectors of bytes
    let tabs = has_control_but_newline(b);
    let other_controls = || {
        b.chunks(64).any(|block| {
            block.iter().fold(false, |acc, &x| {
                acc | ((x < 0x20) & (x != b'\n') & (x != b'\t'))
            })
        })
    };
    if tabs && other_controls() {
        serde_json::to_writer(&mut *out, s).expect("writing to a Vec cannot fail");
        return;
    }
    // room for the whole string at once, with an escape in eight bytes (the caller
    // reserved as much): growing a large buffer copies it into fresh pages, which
    // the kernel zeroes first
    out.reserve(b.len() + b.len() / 8 + 2);
    out.push(b'"');
    // the AVX2 searcher built once for the text (it is asked once a paragraph): no
    // dispatch on the CPU per search
    #[cfg(target_arch = "x86_64")]
    let avx2 = memchr::arch::x86_64::avx2::memchr::Three::new(b'\n', b'"', b'\\');
    let find = |h: &[u8]| {
        #[cfg(target_arch = "x86_64")]
        if let Some(three) = &avx2 {
            return three.find(h);
        }
        memchr::memchr3(b'\n', b'"', b'\\', h)
    };
    let mut from = 0;
    while let Some(i) = find(&b[from..]).map(|k| from + k) {
        push_run(out, &b[from..i], tabs);
        out.extend_from_slice(match b[i] {
            b'\n' => b"\\n",
            b'"' => b"\\\"",
            _ => b"\\\\",
        });
        from = i + 1;
    }
    push_run(out, &b[from..], tabs);
    out.push(b'"');
}

/// Whether `b` holds a byte below 0x20 other than `\n` (0x0A), by one reduction the
/// compiler turns into a vector minimum: `x ^ 0x0A` maps 0x00..=0x1F onto itself with
/// `\n` at 0 (the xor touches only the low four bits, so a byte at or above 0x20
/// stays there), and one less, wrapping, puts `\n` at 0xFF: the least value is
/// below 0x1F exactly when some other byte is below 0x20.
fn has_control_but_newline(b: &[u8]) -> bool {
    b.iter()
        .fold(u8::MAX, |lo, &x| lo.min((x ^ b'\n').wrapping_sub(1)))
        < 0x1F
}

/// `run` appended to `out`, each tab as `\t` when `tabs` (else it holds none).
#[inline]
fn push_run(out: &mut Vec<u8>, run: &[u8], tabs: bool) {
    let mut from = 0;
    if tabs {
        for i in memchr::memchr_iter(b'\t', run) {
            out.extend_from_slice(&run[from..i]);
            out.extend_from_slice(b"\\t");
            from = i + 1;
        }
    }
    out.extend_from_slice(&run[from..]);
}

#[cfg(test)]
mod tests {
    use super::{has_control_but_newline, push_json_string};

    #[test]
    fn control_test_is_exact_for_every_byte() {
        for x in 0..=u8::MAX {
            for pad in [0, 1, 31, 64] {
                let mut b = vec![b'a'; pad];
                b.push(x);
                b.extend_from_slice(b"\n\xe4\xb8\xad");
                assert_eq!(
                    has_control_but_newline(&b),
                    x < 0x20 && x != b'\n',
                    "{x:#x}"
                );
            }
        }
        assert!(!has_control_but_newline(b""));
    }

    fn ours(s: &str) -> Vec<u8> {
        let mut v = Vec::new();
        push_json_string(&mut v, s);
        v
    }

    #[test]
    fn escapes_as_serde_json_does() {
        for s in [
            "",
            "中文",
            "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} 段落\n\n第二段「引号」",
            "1234567\"",
            "第一段\n\n第二段\n",
            "\n",
            "12345678\n",
            "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}",
        ] {
            assert_eq!(ours(s), serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        // every byte value below 0x80 in every position of a word
        for c in '\0'..='\u{7f}' {
            for at in 0..70 {
                let s: String = "中文字"
                    .chars()
                    .cycle()
                    .take(at)
                    .chain([c])
                    .chain("尾巴".chars())
                    .collect();
                assert_eq!(ours(&s), serde_json::to_vec(&s).unwrap(), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_serde_json(s in "(?s).{0,80}") {
            proptest::prop_assert_eq!(ours(&s), serde_json::to_vec(&s).unwrap());
        }
    }
}
