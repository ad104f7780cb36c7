//! Inputs too large to clean whole: one file or stream cleaned window by window with
//! bounded memory, written as it goes, reported as one document.
//!
//! The input is decoded piece by piece ([`StreamDecoder`]) and cut into windows of
//! about [`crate::Config::window_bytes`] of decoded text, each ending after a line break.
//! A line longer than a quarter of the window (a page with no line breaks) is cut
//! into pieces of at most that size, after a sentence end where there is one in the
//! piece's second half, else at a character boundary. Each window is cleaned as a
//! document of its own, with one detector added before the registry's: the driver
//! keeps a table of the paragraphs that survived earlier windows
//! ([`Survivors`]) and hands each window's run an
//! [`EarlierWindow`] detector borrowing it, which removes a paragraph whose matching
//! key already appeared in a surviving paragraph of an earlier window (kind
//! `paragraph`, or `block` for consecutive ones whose earlier copies lie line for line
//! the same way), its `kept` naming the earlier copy. That is what a doubled file (the
//! same 40 MB twice) or a corpus with syndicated copies needs; repeats found only by
//! the sentence, near-duplicate and one-line detectors are found within a window.
//! After the window is cleaned, the driver adds its surviving paragraphs to the table;
//! nothing in the pipeline calls back into the driver.
//!
//! Report offsets (lines, bytes, characters, `replaced_at`) are offsets into the whole
//! input, exactly as for a document cleaned whole, and the removals still tile with
//! the output: `chars_in = chars_removed + the characters kept`.
//!
//! # Memory
//!
//! One window in flight: the decoded window, its analysis and its cleaned text, about
//! four times the window (the window itself and the pieces of the next one), plus a
//! table of the surviving paragraphs seen so far for the cross-window check: a
//! 64-bit key hash and the copy's line and byte span, 24 bytes in a `HashMap` at a
//! load factor between 7/16 and 7/8, so 28 to 56 bytes per distinct paragraph (a
//! 1 GB file of distinct news text has about 5 million). Paragraphs are compared by
//! that hash and their key length alone (earlier windows are gone): two different
//! keys collide with probability about n²/2⁶⁵, 10⁻⁶ for 6 million paragraphs.
//!
//! Cleaning a windowed input again may find more than the first run did (windows fall
//! elsewhere once text is removed); cleaning whole is idempotent, see `tests/`.

use crate::decode::{self, StreamDecoder};
use crate::detect::earlier_window::{self, EarlierWindow, Survivor, Survivors};
use crate::detect::{Decision, Kept};
use crate::error::{display_source, Error, Result};
use crate::normalize::script::ScriptCounts;
use crate::report::{self, DocReport};
use crate::Cleaner;
use std::io::{Read, Write};
use std::num::NonZeroUsize;
use std::path::Path;

pub use crate::config::DEFAULT_WINDOW;

/// The smallest window [`clean`] cuts: 1 KiB (a smaller `window_bytes` is raised to it).
const MIN_WINDOW: NonZeroUsize = NonZeroUsize::new(1 << 10).expect("not zero");

/// The longest line a window of `window` bytes may hold whole: a quarter of the
/// window, at least 1 KiB. A longer line is cut into pieces of at most this size.
pub fn piece_of(window: NonZeroUsize) -> usize {
    (window.get() / 4).max(1 << 10)
}

/// Whether an input that fits in one window (`bytes`, raw) must still be cleaned in
/// pieces: it holds a line longer than [`piece_of`] the window (counted in raw bytes
/// between `\n` bytes, which is what it is for every encoding but UTF-16, where it is
/// close enough to choose the way to clean).
pub fn has_long_line(bytes: &[u8], window: NonZeroUsize) -> bool {
    longest_line(bytes) > piece_of(window)
}

/// How one input is cleaned, chosen here and nowhere else.
pub enum Mode {
    /// Whole: all of its bytes (it fits in one window, or `--window 0`).
    Whole(Vec<u8>),
    /// Window by window ([`clean`]): it is larger than the window, compressed, or
    /// holds a line longer than [`piece_of`] the window. `head` is its first bytes and
    /// `rest` reads the others (nothing, when the input fit but had a long line).
    Windowed {
        /// The first bytes read.
        head: Vec<u8>,
        /// The rest of the input.
        rest: Box<dyn Read>,
    },
}

/// Open a file (stdin for `None`) and choose its [`Mode`] for a window of `window`
/// bytes (`None`: always whole). Errors: the input cannot be read or decompressed.
pub fn choose(path: Option<&Path>, window: Option<NonZeroUsize>) -> Result<Mode> {
    let (head, rest) = crate::input::open_head(path, window)?;
    Ok(match (rest, window) {
        (Some(rest), _) => Mode::Windowed { head, rest },
        (None, Some(w)) if has_long_line(&head, w) => Mode::Windowed {
            head,
            rest: Box::new(std::io::empty()),
        },
        (None, _) => Mode::Whole(head),
    })
}

/// The outcome of a streamed run.
pub struct Streamed {
    /// The report of the whole input.
    pub report: DocReport,
    /// Windows cleaned.
    pub windows: usize,
    /// Distinct surviving paragraphs remembered for the cross-window check.
    pub table_entries: usize,
    /// Whether the run stopped early on an interrupt (the output is incomplete).
    pub interrupted: bool,
    /// The removals handed on, by kind (the summary's `removals_by_kind`: the report's
    /// `removed` is empty).
    pub kinds: report::KindCounts,
}

/// Clean `input` (its first bytes `head` already read) window by window, writing the
/// cleaned text to `out` as it goes and handing each removal, in input order, to
/// `removal` (the report's `removed` stays empty, so memory does not grow with the
/// removals). `path` names the input in the report and errors; `out_name` names the
/// output in write errors.
pub fn clean(
    cleaner: &Cleaner,
    head: Vec<u8>,
    input: impl Read,
    out: &mut dyn Write,
    removal: &mut dyn FnMut(report::Removal) -> Result<()>,
    path: Option<&Path>,
    out_name: &str,
) -> Result<Streamed> {
    let cfg = cleaner.config();
    let source = display_source(path);
    let enc = decode::stream_encoding(&head, &source, &cfg.decode)?;
    let reader = std::io::Cursor::new(head).chain(input);
    let mut dec = StreamDecoder::new(reader, enc, &source, cfg.decode.lossy);
    // `--window 0` (always whole) asked for windows anyway: one window of all of it
    let window = cfg
        .window_bytes
        .map_or(NonZeroUsize::MAX, |w| w.max(MIN_WINDOW));
    let piece = piece_of(window);
    let window = window.get();

    let mut seen = Survivors::default();
    let mut acc = Accumulator::default();
    let mut pending = String::new();
    let mut windows = 0;
    let (mut wrote_any, mut blank_between) = (false, false);
    // The final line break of the text written so far, held back until more text
    // follows: when every later line is removed, the output ends with a line break
    // exactly when the input does, as for a document cleaned whole.
    let (mut held_break, mut input_ends_with_break) = (false, false);
    loop {
        dec.fill(&mut pending, window)?;
        if pending.is_empty() {
            break;
        }
        let cut = cut(&pending, window, piece, dec.finished());
        let rest = pending[cut..].to_string();
        pending.truncate(cut);
        let text = std::mem::replace(&mut pending, rest);
        let base = acc.base;
        // the one detector this driver adds: copies of earlier windows' survivors
        let earlier = EarlierWindow { survivors: &seen };
        // the input's name; how it was decoded is known once it is all read (`finish`)
        let (cleaned, detected) = cleaner.clean_with(
            &text,
            report::InputFacts::text(path.map(|p| p.display().to_string())),
            cleaner.rules(),
            &[(earlier_window::NAME, &earlier)],
        );
        // blank lines between the last line written and this window's first one
        // collapse to one, as inside a document (each window dropped its own edges)
        let write_err = |e| Error::Write {
            path: out_name.to_string(),
            err: e,
        };
        if cleaned.text.is_empty() {
            blank_between |= cleaned.leading_blank;
        } else {
            if held_break {
                out.write_all(b"\n").map_err(write_err)?;
            }
            if wrote_any && (blank_between || cleaned.leading_blank) {
                out.write_all(b"\n").map_err(write_err)?;
                acc.restored_blanks += 1;
            }
            let body = cleaned.text.strip_suffix('\n');
            held_break = body.is_some();
            out.write_all(body.unwrap_or(&cleaned.text).as_bytes())
                .map_err(write_err)?;
            wrote_any = true;
            blank_between = cleaned.trailing_blank;
        }
        // remember what survived
        for (i, p) in cleaned.paragraphs.iter().enumerate() {
            if detected.removed[i] || p.key_chars == 0 {
                continue;
            }
            seen.remember(
                p.hash,
                Survivor {
                    line: (base.lines + p.line as usize).min(u32::MAX as usize) as u32,
                    start: (base.bytes + p.start) as u64,
                    len: (p.end - p.start).min(u32::MAX as usize) as u32,
                },
            );
        }
        acc.add(
            text.len(),
            detected.lines_ended,
            cleaned.report,
            &detected.decisions,
            removal,
        )?;
        windows += 1;
        input_ends_with_break = text.ends_with('\n');
        if crate::output::interrupted() {
            let kinds = std::mem::take(&mut acc.kinds);
            return Ok(Streamed {
                report: acc.finish(cleaner, path, &dec),
                windows,
                table_entries: seen.len(),
                interrupted: true,
                kinds,
            });
        }
    }
    if held_break && input_ends_with_break {
        out.write_all(b"\n").map_err(|e| Error::Write {
            path: out_name.to_string(),
            err: e,
        })?;
    } else if held_break {
        // counted in the window's `chars_out`, not written
        acc.dropped_final_break = true;
    }
    let kinds = std::mem::take(&mut acc.kinds);
    Ok(Streamed {
        report: acc.finish(cleaner, path, &dec),
        windows,
        table_entries: seen.len(),
        interrupted: false,
        kinds,
    })
}

/// Offsets of the current window in the whole decoded input.
#[derive(Debug, Clone, Copy, Default)]
struct Base {
    bytes: usize,
    chars: usize,
    /// Lines ended before the window (its first line is line `lines`, 0-based).
    lines: usize,
}

/// Sums the windows' reports into one, shifting offsets to the whole input.
#[derive(Default)]
struct Accumulator {
    doc: Option<DocReport>,
    base: Base,
    script: ScriptCounts,
    /// Blank lines a window dropped at its edge and the next one put back.
    restored_blanks: usize,
    /// The line break ending an earlier window's text was not written: every later
    /// line was removed, and the input has no final line break.
    dropped_final_break: bool,
    /// The removals handed on, by kind (the report's `removed` stays empty).
    kinds: report::KindCounts,
}

impl Accumulator {
    /// Add a window of `bytes` bytes and `lines_ended` complete lines.
    fn add(
        &mut self,
        bytes: usize,
        lines_ended: usize,
        mut r: DocReport,
        decisions: &[Decision],
        sink: &mut dyn FnMut(report::Removal) -> Result<()>,
    ) -> Result<()> {
        let b = self.base;
        for (rm, dec) in r.removed.iter_mut().zip(decisions) {
            // a copy in an earlier window is named in whole-input offsets already
            shift(rm, b, matches!(dec.kept, Kept::Copy(_)));
        }
        for rm in r.removed.drain(..) {
            self.kinds.add(rm.kind);
            sink(rm)?;
        }
        self.script.traditional += r.script.traditional_chars;
        self.script.simplified += r.script.simplified_chars;
        let chars_in = r.chars_in;
        match &mut self.doc {
            None => self.doc = Some(r),
            Some(d) => *d += r,
        }
        self.base = Base {
            bytes: b.bytes + bytes,
            chars: b.chars + chars_in,
            lines: b.lines + lines_ended,
        };
        Ok(())
    }

    fn finish<R: Read>(
        self,
        cleaner: &Cleaner,
        path: Option<&Path>,
        dec: &StreamDecoder<R>,
    ) -> DocReport {
        let mut d = self.doc.unwrap_or_else(|| {
            cleaner
                .clean_text("", path.map(|p| p.display().to_string()))
                .report
        });
        d.normalization.blank_lines_removed = d
            .normalization
            .blank_lines_removed
            .saturating_sub(self.restored_blanks);
        // the output holds what was written: restored blank lines in, a final line
        // break held back and dropped out
        d.chars_out = d.chars_out + self.restored_blanks - usize::from(self.dropped_final_break);
        d.path_bytes = path.and_then(report::path_bytes);
        d.encoding = dec.encoding().into();
        d.bom = dec.bom;
        d.replaced_bytes = dec.replaced();
        d.replaced_at = dec.replaced_at().to_vec();
        d.dup_ratio = report::ratio(d.chars_removed, d.chars_in);
        d.script.traditional_chars = self.script.traditional;
        d.script.simplified_chars = self.script.simplified;
        d.script.detected = self.script.detected().into();
        d
    }
}

/// Shift a window's removal to whole-input offsets (`kept` too when it names a copy in
/// this window).
fn shift(rm: &mut report::Removal, b: Base, kept: bool) {
    for l in &mut rm.lines {
        *l += b.lines;
    }
    for x in &mut rm.byte_range {
        *x += b.bytes;
    }
    for x in &mut rm.char_range {
        *x += b.chars;
    }
    if kept {
        for l in &mut rm.kept {
            *l += b.lines;
        }
        for x in &mut rm.kept_byte_range {
            *x += b.bytes;
        }
    }
}

/// Where the next window ends in `text`, the decoded text not yet cleaned (at least
/// `window` bytes of it unless the input has ended, `eof`): after the last line break
/// within `window` bytes, but before a line longer than `piece`; a line longer than
/// `piece` at the start is cut after `piece` bytes at most.
pub fn cut(text: &str, window: usize, piece: usize, eof: bool) -> usize {
    if eof && text.len() <= window && longest_line(text.as_bytes()) <= piece {
        return text.len();
    }
    let limit = text.len().min(window);
    let bytes = text.as_bytes();
    let mut line_start = 0;
    let mut last = 0;
    for nl in memchr::memchr_iter(b'\n', &bytes[..limit]) {
        if nl + 1 - line_start > piece {
            break;
        }
        last = nl + 1;
        line_start = last;
    }
    if last > 0 {
        return last;
    }
    // the first line is longer than `piece` (or the text has no line break at all)
    if eof && text.len() <= piece {
        return text.len();
    }
    long_line_cut(text, piece.min(text.len()))
}

fn longest_line(text: &[u8]) -> usize {
    let mut start = 0;
    let mut longest = 0;
    for nl in memchr::memchr_iter(b'\n', text) {
        longest = longest.max(nl + 1 - start);
        start = nl + 1;
    }
    longest.max(text.len() - start)
}

/// A cut near byte `hi` (> 0) of a line: after the last sentence end in `[hi/2, hi)`
/// and the closing quotes and spaces after it, else at the character boundary at `hi`
/// (moved off a `\r`, so that `\r\n` is never split).
fn long_line_cut(text: &str, hi: usize) -> usize {
    let mut hi = hi;
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let mut lo = hi / 2;
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let region = &text[lo..hi];
    if let Some(p) = region.rfind(['。', '！', '？', '!', '?', '；']) {
        let mut at = lo + p;
        at += text[at..].chars().next().map_or(1, char::len_utf8);
        // closing quotes, then the spaces after the sentence (the next piece starts
        // with its first word, as a line does)
        for c in text[at..].chars() {
            if matches!(
                c,
                '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'' | ' ' | '\u{3000}' | '\t'
            ) {
                at += c.len_utf8();
            } else {
                break;
            }
        }
        return at;
    }
    if hi > 1 && text.as_bytes()[hi - 1] == b'\r' {
        hi -= 1;
    }
    hi.max(1).max(text.chars().next().map_or(1, char::len_utf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_end_after_line_breaks() {
        let t = "一二三\n四五六\n七八九\n";
        assert_eq!(cut(t, 12, 100, false), "一二三\n".len());
        assert_eq!(cut(t, 100, 100, true), t.len());
    }

    #[test]
    fn a_long_line_is_cut_after_a_sentence_end() {
        let t = "甲乙丙。丁戊己庚辛壬癸子丑寅卯";
        let c = cut(t, 1000, 20, false);
        assert_eq!(&t[..c], "甲乙丙。");
        // no sentence end: a character boundary
        let t = "甲乙丙丁戊己庚辛壬癸子丑寅卯";
        let c = cut(t, 1000, 20, false);
        assert!(t.is_char_boundary(c) && c > 0 && c <= 20);
    }

    #[test]
    fn a_long_line_after_short_ones_starts_the_next_window() {
        let t = format!("短行。\n{}\n", "长".repeat(100));
        assert_eq!(cut(&t, 1000, 30, false), "短行。\n".len());
    }

    #[test]
    fn cr_lf_is_not_split() {
        let t = "abc\r\ndef";
        let c = long_line_cut(t, 4);
        assert_eq!(c, 3);
    }
}
