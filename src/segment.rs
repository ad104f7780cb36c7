//! Segmentation of a document into lines (paragraphs) and sentences, as byte spans of
//! the decoded input, so every later decision can name exact input offsets.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`. Sentences follow UAX #29
//! (unicode-segmentation) with Chinese rules on top: a split inside a number
//! (`0.35%`, `8.5代`) is undone, closing quotes and brackets stay with their sentence,
//! and `……` is one mark. Cost: linear in the line length.

use crate::chars::{is_sentence_closer as is_closer, may_end_sentence, next_terminator};
use unicode_segmentation::UnicodeSegmentation;

/// One line of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character, before the line terminator.
    pub end: usize,
    /// Byte offset of the next line (past the terminator); equals `end` on the last
    /// line when the input does not end with a terminator.
    pub next: usize,
}

impl Line {
    /// The line's text without its terminator.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }

    /// Whether the line has a terminator and it is `\r\n` or `\r`.
    pub fn has_cr(&self, doc: &str) -> bool {
        self.next > self.end && doc.as_bytes()[self.end] == b'\r'
    }
}

/// Split `text` into lines. An empty input has no lines; a trailing terminator does
/// not open an extra empty line.
pub fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut start = 0;
    while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
        let line = ended_at(bytes, start, start + off);
        out.push(line);
        start = line.next;
    }
    if start < bytes.len() {
        out.push(Line {
            start,
            end: bytes.len(),
            next: bytes.len(),
        });
    }
    out
}

/// The line of `bytes` that starts at byte `start` (`start < bytes.len()`), as
/// [`lines`] finds it: it ends at the first `\n` or `\r` or at the end of `bytes`.
pub fn line_at(bytes: &[u8], start: usize) -> Line {
    match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
        Some(off) => ended_at(bytes, start, start + off),
        None => Line {
            start,
            end: bytes.len(),
            next: bytes.len(),
        },
    }
}

/// The line `start..end` whose terminator starts at `end` (a `\n` or `\r` of
/// `bytes`; a `\r\n` is one terminator).
#[inline(always)]
fn ended_at(bytes: &[u8], start: usize, end: usize) -> Line {
    let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
    Line {
        start,
        end,
        next: end + 1 + usize::from(crlf),
    }
}

/// Whether a line holds nothing but whitespace. A line led by a visible ASCII
/// character or by an ideograph of U+4000–U+9FFF (lead bytes E4–E9), as most lines
/// are, is told by its first byte, without a walk over its characters.
#[inline]
pub fn is_blank(s: &str) -> bool {
    let visible = |b: &u8| matches!(b, 0x21..=0x7E | 0xE4..=0xE9);
    !s.as_bytes().first().is_some_and(visible) && s.chars().all(char::is_whitespace)
}

/// Sentence spans (absolute byte offsets) of `text[start..end]`.
///
/// Text without a Latin sentence end (`. ` followed by a space) takes a fast scanner
/// that applies the rules UAX #29 applies to Chinese text (break after a terminator
/// run, its closers and spaces), so the common case never pays for the full state
/// machine. Text with Latin sentences goes through unicode-segmentation, whose rules
/// for abbreviations (`e.g. the`, `U.S. economy`) matter there; then the Chinese rules
/// below are applied to both.
pub fn sentences(doc: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentences_into(doc, start, end, &mut out);
    out
}

/// [`sentences`], appended to `out` (a buffer reused across lines, so segmenting a
/// document allocates once).
pub fn sentences_into(doc: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let b = &doc.as_bytes()[start..end];
    sentences_by(doc, start, end, out, |pos| next_terminator(b, pos));
}

/// [`sentences_into`] for a line whose characters that may end a sentence are
/// already known: `marks` are the byte offsets, relative to `start` and ascending,
/// of every character `c` of `doc[start..end]` with [`may_end_sentence`]`(c)`
/// (what [`next_terminator`] finds; the key pass records
/// them, `detect::keying`), so the line's bytes are not scanned again. The same
/// spans as [`sentences_into`]. Returns whether the line was segmented as Latin
/// text (by UAX #29, not by the Chinese scanner alone).
pub fn sentences_marked(
    doc: &str,
    start: usize,
    end: usize,
    marks: &[usize],
    out: &mut Vec<(usize, usize)>,
) -> bool {
    let mut k = 0;
    sentences_by(doc, start, end, out, |pos| {
        // (`pos` only grows: the cursor never steps back)
        while marks.get(k).is_some_and(|&m| m < pos) {
            k += 1;
        }
        marks.get(k).copied()
    })
}

/// [`sentences_into`], the line's first scan finding its sentence-ending characters
/// with `next` (the first at or after a byte offset of the line, as
/// [`next_terminator`]); whether the line was Latin.
#[inline(always)]
fn sentences_by(
    doc: &str,
    start: usize,
    end: usize,
    out: &mut Vec<(usize, usize)>,
    next: impl FnMut(usize) -> Option<usize>,
) -> bool {
    let s = &doc[start..end];
    let first = out.len();
    // the Chinese scanner first: it passes every `.` of the line and tells the first
    // `. ` (a Latin sentence end), so a line without one is not searched again
    let Some(p) = scan_cjk_by(s, start, out, next) else {
        apply_chinese_rules(doc, out, first);
        return false;
    };
    // (trailing spaces, which tidying trims, do not make a line Latin: a line and its
    // copy without them segment alike, so cleaning is idempotent; the line holds a
    // `. ` before its trailing spaces exactly when its first one is: any later one's
    // space is followed by more text, so the first one's is too)
    let latin = p + 1 < s.trim_end().len() && s.bytes().any(|b| b.is_ascii_alphabetic());
    if latin {
        out.truncate(first);
        // UAX #29 does not end a sentence at `……`; the Chinese scanner does, so a
        // piece that holds one is split again by it (it never splits at `. `
        // inside a UAX piece, which has none but possibly at its end)
        for (i, piece) in s.split_sentence_bound_indices() {
            if piece.contains('…') {
                scan_cjk(piece, start + i, out);
            } else {
                out.push((start + i, start + i + piece.len()));
            }
        }
    }
    apply_chinese_rules(doc, out, first);
    latin
}

/// The fast scanner: break after a run of terminators (and `…`), then any closers and
/// spaces that follow it; never inside a number such as `0.35`. Appends the spans of
/// `s`, shifted by `at`, to `out`; returns the byte offset in `s` of its first `.`
/// followed by a space, if any (every `.` is one the scanner stops at or one of a
/// terminator run it reads, in order).
fn scan_cjk(s: &str, at: usize, out: &mut Vec<(usize, usize)>) -> Option<usize> {
    scan_cjk_by(s, at, out, |pos| next_terminator(s.as_bytes(), pos))
}

/// [`scan_cjk`] with the characters that may end a sentence found by `next` (the
/// first at or after a byte offset of `s`, as [`next_terminator`]).
#[inline(always)]
fn scan_cjk_by(
    s: &str,
    at: usize,
    out: &mut Vec<(usize, usize)>,
    mut next: impl FnMut(usize) -> Option<usize>,
) -> Option<usize> {
    let next_char = |k: usize| s[k..].chars().next();
    let b = s.as_bytes();
    let mut sent_start = 0;
    let mut pos = 0;
    let mut dot_space = None;
    // only a character that may end a sentence is decoded ([`next_terminator`]):
    // the ideographs and other marks between terminators are skipped by lead byte
    while let Some(i) = next(pos) {
        // `next` finds only characters `c` with `may_end_sentence(c)`: an ASCII `!`
        // `?` `.`, or `…` and the full-width terminators, three bytes each; every one
        // but `.` is a terminator, so the lead byte tells all the scanner needs
        let Some(&x) = b.get(i) else { break };
        debug_assert!(next_char(i).is_some_and(may_end_sentence), "{s:?} at {i}");
        pos = i + if x < 0x80 { 1 } else { 3 };
        let is_dot = x == b'.';
        if is_dot && dot_space.is_none() && b.get(i + 1) == Some(&b' ') {
            dot_space = Some(i);
        }
        if is_dot && is_decimal_point(s, i) {
            continue;
        }
        let mut j = pos;
        // (most terminators are followed by an ideograph or the line's end: a byte
        // that starts none of the characters the three loops below take stops them
        // all at once, without decoding)
        if b.get(j).is_some_and(|&y| may_start_mark(y)) {
            // the rest of the terminator run (。。, ！？, ……, ...)
            while let Some(d) = next_char(j) {
                if may_end_sentence(d) {
                    if d == '.' && dot_space.is_none() && b.get(j + 1) == Some(&b' ') {
                        dot_space = Some(j);
                    }
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            while let Some(d) = next_char(j) {
                if is_closer(d) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            while let Some(d) = next_char(j) {
                if d == ' ' || d == '\t' || d == '\u{3000}' || d == '\u{a0}' {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
        }
        pos = j;
        // a bare `.` that is not followed by a space or the end is not a sentence end
        // (`8.5代`, `v1.2版`, `...` handled above)
        if is_dot && j == i + 1 && j < s.len() {
            continue;
        }
        out.push((at + sent_start, at + j));
        sent_start = j;
    }
    if sent_start < s.len() {
        out.push((at + sent_start, at + s.len()));
    }
    dot_space
}

/// Whether byte `b` may be the first byte of a character `c` with
/// `may_end_sentence(c) || is_closer(c) || c.is_whitespace()` (the marks the scanner
/// runs over after a terminator, and the characters of a piece that holds only marks):
/// ASCII whitespace, `!` `?` `.` `)` `"` `'` `]`, or one of the lead bytes `C2`
/// (U+0085, U+00A0), `E1` (U+1680), `E2` (U+2000–U+205F: spaces, `”` `’` `…`), `E3`
/// (U+3000, `。` `」` `』` ...) and `EF` (the full-width marks). A test checks every
/// character. A superset is safe (the caller decodes then); a missing byte is not.
#[inline(always)]
fn may_start_mark(b: u8) -> bool {
    MARK_LEAD[b as usize]
}

/// [`may_start_mark`] as a table.
static MARK_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let bytes = b"\t\n\x0B\x0C\r !?.)\"']\xC2\xE1\xE2\xE3\xEF";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// `.` between two ASCII digits.
fn is_decimal_point(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// Merge splits that fall inside a number, or that leave a piece holding only closers,
/// terminators or spaces (a stray `”` or `……`), into the sentence before; in place,
/// on the spans of `spans` from `first` on.
fn apply_chinese_rules(doc: &str, spans: &mut Vec<(usize, usize)>, first: usize) {
    if spans.len() < first + 2 {
        return;
    }
    // `w` is the last merged span; spans after it are read before being overwritten
    let mut w = first;
    let bytes = doc.as_bytes();
    for r in first + 1..spans.len() {
        let (a, b) = spans[r];
        let last = spans[w];
        // (the first and last characters are told by their bytes where one suffices:
        // a character is an ASCII one exactly when its byte at that end is ASCII, and
        // a piece whose lead byte `may_start_mark` refuses has a first character that
        // is no mark)
        let inside_number = bytes[last.0..last.1]
            .last()
            .is_some_and(|&x| x.is_ascii_digit() || x == b'.')
            && bytes[a..b]
                .first()
                .is_some_and(|&x| x.is_ascii_digit() || x == b'%')
            && doc[last.0..last.1]
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .ends_with('.');
        let only_marks = (a == b || may_start_mark(bytes[a]))
            && doc[a..b]
                .chars()
                .all(|c| is_closer(c) || may_end_sentence(c) || c.is_whitespace());
        if inside_number || only_marks {
            spans[w].1 = b;
        } else {
            w += 1;
            spans[w] = (a, b);
        }
    }
    spans.truncate(w + 1);
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_blank_matches_the_walk() {
        let walk = |t: &str| t.chars().all(char::is_whitespace);
        crate::chars::each_char_at_the_ends(|t| {
            assert_eq!(super::is_blank(t), walk(t), "{t:?}");
        });
        for t in [
            "",
            " ",
            "\u{3000}",
            "\t \u{a0}",
            "a",
            "中",
            "\u{200b}",
            " 中",
        ] {
            assert_eq!(super::is_blank(t), walk(t), "{t:?}");
        }
    }

    use super::*;

    /// The segmentation as it was before the scanner told whether a line holds a
    /// `.`: the Latin test first, on every line.
    fn sentences_latin_first(doc: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let body = doc.trim_end().as_bytes();
        let latin = memchr::memchr_iter(b'.', body).any(|i| body.get(i + 1) == Some(&b' '))
            && doc.bytes().any(|b| b.is_ascii_alphabetic());
        if latin {
            for (i, piece) in doc.split_sentence_bound_indices() {
                if piece.contains('…') {
                    scan_cjk(piece, i, &mut out);
                } else {
                    out.push((i, i + piece.len()));
                }
            }
        } else {
            scan_cjk(doc, 0, &mut out);
        }
        apply_chinese_rules(doc, &mut out, 0);
        out
    }

    #[test]
    fn the_scanner_finds_the_first_dot_space_and_latin_lines_split_as_before() {
        let pieces = [
            "中文",
            ". ",
            ".",
            "。",
            "……",
            "...",
            "!",
            "？",
            "” ",
            "Hello world",
            "3.5%",
            " ",
            "\u{3000}",
            "v1.2版",
            "a",
            "…",
            "。.",
            "U.S. ",
            "）",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    let mut out = Vec::new();
                    assert_eq!(scan_cjk(&t, 0, &mut out), t.find(". "), "{t:?}");
                    assert_eq!(
                        sentences(&t, 0, t.len()),
                        sentences_latin_first(&t),
                        "{t:?}"
                    );
                }
            }
        }
    }

    /// The scanner as it was before it read the terminators by their bytes: every
    /// character it stops at decoded, and the three loops after a terminator run
    /// whatever follows (the test oracle of [`scan_cjk_by`]).
    fn scan_cjk_decoding(s: &str, at: usize, out: &mut Vec<(usize, usize)>) -> bool {
        let next_char = |k: usize| s[k..].chars().next();
        let (mut sent_start, mut pos, mut dot) = (0, 0, false);
        while let Some(i) = next_terminator(s.as_bytes(), pos) {
            let Some(c) = next_char(i) else { break };
            pos = i + c.len_utf8();
            dot |= c == '.';
            let terminator = crate::chars::is_sentence_terminator(c)
                || c == '…'
                || (c == '.' && !is_decimal_point(s, i));
            if !terminator {
                continue;
            }
            let mut j = pos;
            while let Some(d) = next_char(j).filter(|&d| may_end_sentence(d)) {
                dot |= d == '.';
                j += d.len_utf8();
            }
            while let Some(d) = next_char(j).filter(|&d| is_closer(d)) {
                j += d.len_utf8();
            }
            while let Some(d) =
                next_char(j).filter(|&d| matches!(d, ' ' | '\t' | '\u{3000}' | '\u{a0}'))
            {
                j += d.len_utf8();
            }
            pos = j;
            if c == '.' && j == i + 1 && j < s.len() {
                continue;
            }
            out.push((at + sent_start, at + j));
            sent_start = j;
        }
        if sent_start < s.len() {
            out.push((at + sent_start, at + s.len()));
        }
        dot
    }

    /// [`apply_chinese_rules`] as it was before it read the ends of a piece by their
    /// bytes (the test oracle).
    fn apply_chinese_rules_decoding(doc: &str, spans: &mut Vec<(usize, usize)>, first: usize) {
        if spans.len() < first + 2 {
            return;
        }
        let mut w = first;
        for r in first + 1..spans.len() {
            let (a, b) = spans[r];
            let last = spans[w];
            let piece = &doc[a..b];
            let prev = &doc[last.0..last.1];
            let inside_number = prev.ends_with(|c: char| c.is_ascii_digit() || c == '.')
                && piece.starts_with(|c: char| c.is_ascii_digit() || c == '%')
                && prev
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .ends_with('.');
            let only_marks = piece
                .chars()
                .all(|c| is_closer(c) || may_end_sentence(c) || c.is_whitespace());
            if inside_number || only_marks {
                spans[w].1 = b;
            } else {
                w += 1;
                spans[w] = (a, b);
            }
        }
        spans.truncate(w + 1);
    }

    /// The segmentation of `doc[start..end]` by the decoding scanner and rules (the
    /// oracle of [`sentences_by`]), and whether the line was Latin.
    fn sentences_decoding(doc: &str, start: usize, end: usize) -> (Vec<(usize, usize)>, bool) {
        let s = &doc[start..end];
        let mut out = Vec::new();
        let mut latin = false;
        if scan_cjk_decoding(s, start, &mut out) {
            let body = s.trim_end().as_bytes();
            latin = memchr::memchr_iter(b'.', body).any(|i| body.get(i + 1) == Some(&b' '))
                && s.bytes().any(|b| b.is_ascii_alphabetic());
            if latin {
                out.clear();
                for (i, piece) in s.split_sentence_bound_indices() {
                    if piece.contains('…') {
                        scan_cjk_decoding(piece, start + i, &mut out);
                    } else {
                        out.push((start + i, start + i + piece.len()));
                    }
                }
            }
        }
        apply_chinese_rules_decoding(doc, &mut out, 0);
        (out, latin)
    }

    /// Checks both entry points on `doc[start..end]` against the decoding oracle.
    fn assert_as_decoding(doc: &str, start: usize, end: usize) {
        let (want, latin) = sentences_decoding(doc, start, end);
        let line = &doc[start..end];
        assert_eq!(
            scan_cjk(line, 0, &mut Vec::new()),
            line.find(". "),
            "{line:?}"
        );
        let mut out = vec![(0, 0)];
        sentences_into(doc, start, end, &mut out);
        assert_eq!(out[1..], want[..], "{:?}", &doc[start..end]);
        let marks: Vec<usize> = doc[start..end]
            .char_indices()
            .filter(|&(_, c)| may_end_sentence(c))
            .map(|(i, _)| i)
            .collect();
        out.truncate(1);
        let got_latin = sentences_marked(doc, start, end, &marks, &mut out);
        assert_eq!(out[1..], want[..], "{:?}", &doc[start..end]);
        assert_eq!(got_latin, latin, "{:?}", &doc[start..end]);
    }

    #[test]
    fn the_mark_lead_bytes_cover_every_mark() {
        for c in '\0'..=char::MAX {
            if is_closer(c) || may_end_sentence(c) || c.is_whitespace() {
                let mut buf = [0; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_mark(lead), "{c:?}");
            }
        }
    }

    #[test]
    fn the_byte_scanner_segments_as_the_decoding_one() {
        let pieces = [
            "中文", "他说", "。", "！", "？", "!", "?", ".", ". ", "｡", "．", "…", "……", "...",
            "」", "』", "”", "’", "）", ")", "】", "》", "〉", "\"", "'", "］", "]", "〕", "“",
            "「", " ", "\t", "\u{3000}", "\u{a0}", "\u{2003}", "\u{85}", "\u{1680}", "0", "7",
            "0.35%", "8.5", "%", "Hello", "U.S. ", "e.g. the", "a", "Z", "，", "、", "—",
            "\u{2028}", "\u{2029}", "¡", "ü", "€", "😀", "ﾟ", "ｶ",
        ];
        for (k, t) in crate::chars::random_texts(&pieces, 40_000, 14, 2026)
            .iter()
            .enumerate()
        {
            assert_as_decoding(t, 0, t.len());
            // (a line inside a document: offsets shifted, text on both sides)
            let doc = format!("前文。{t}\n后文");
            assert_as_decoding(&doc, "前文。".len(), "前文。".len() + t.len());
            if k % 8 == 0 {
                for (i, _) in t.char_indices() {
                    assert_as_decoding(t, i, t.len());
                }
            }
        }
    }

    fn sents(s: &str) -> Vec<&str> {
        sentences(s, 0, s.len())
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    #[test]
    fn lines_handle_all_terminators() {
        let t = "a\r\nb\rc\nd";
        let ls: Vec<&str> = lines(t).iter().map(|l| l.text(t)).collect();
        assert_eq!(ls, ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n").len(), 1);
        assert_eq!(lines("").len(), 0);
        assert_eq!(lines("\n\n").len(), 2);
    }

    #[test]
    fn decimals_are_never_split() {
        assert_eq!(
            sents("A股上涨0.35%。B股上涨1.35%。"),
            ["A股上涨0.35%。", "B股上涨1.35%。"]
        );
        assert_eq!(sents("第8.5代产品。好。"), ["第8.5代产品。", "好。"]);
    }

    #[test]
    fn closing_quotes_stay() {
        assert_eq!(
            sents("“好的。”他说。“好的。”她也说。"),
            ["“好的。”", "他说。", "“好的。”", "她也说。"]
        );
    }

    #[test]
    fn ellipsis_is_one_mark() {
        assert_eq!(sents("他说……然后走了。"), ["他说……", "然后走了。"]);
        assert_eq!(
            sents("重...... 重! 1234？3215."),
            ["重...... ", "重! ", "1234？", "3215."]
        );
    }

    #[test]
    fn latin_text_uses_uax29() {
        assert_eq!(
            sents("Hello there. 你好。Version 1.5 is out."),
            ["Hello there. ", "你好。", "Version 1.5 is out."]
        );
    }

    #[test]
    fn trailing_spaces_do_not_change_the_segmentation() {
        // a copy of a line without its trailing spaces must segment alike (the
        // proptest `unrestricted_idempotent` found `X  \nX` kept, then `X\nX` removed)
        let line = "发发AI，.发发AI，.发发AI，.";
        let padded = format!("{line}  ");
        assert_eq!(sents(&padded).len(), sents(line).len());
    }

    #[test]
    fn ellipsis_ends_a_sentence_next_to_latin_text() {
        assert_eq!(
            sents("Hello world. 他说……我们走吧。"),
            ["Hello world. ", "他说……", "我们走吧。"]
        );
    }

    #[test]
    fn spans_tile_the_line() {
        let s = "一。二！“三？”四……五";
        let sp = sentences(s, 0, s.len());
        assert_eq!(sp.first().unwrap().0, 0);
        assert_eq!(sp.last().unwrap().1, s.len());
        for w in sp.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
    }
}
