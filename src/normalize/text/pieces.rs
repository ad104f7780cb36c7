//! The full rules on a line with marks to widen, run piece by piece: only the
//! stretches around the characters the rules act on or look at are read as
//! characters, and the runs of Chinese text between them are copied as they are.

use super::spaces::may_widen;
use super::{needs_tidy, tidy_full, Need, TextStats};
use crate::config::PunctMode;
use std::borrow::Cow;

/// Whether the full rules neither act on `c` nor look at it other than as the
/// neighbour of a character they act on: ideographs, kana and CJK punctuation from
/// U+3001 to U+9FFF, and the full-width forms U+FF00–U+FFEF. None of them is ASCII,
/// a space (U+3000 is not in the class), an invisible or control character, a
/// compatibility ideograph, or a character a protected token outside parentheses
/// may hold (URLs, e-mail addresses and entities are written in ASCII letters,
/// digits and marks, case-insensitively: the only other characters their classes
/// match are U+017F and U+212A).
#[cfg(test)]
pub(super) fn plain(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x9FFF | 0xFF00..=0xFFEF)
}

/// The length in bytes of the character starting at byte `i` of `b` (valid UTF-8,
/// `i` a character boundary) and whether it is [`plain`], read from its bytes
/// without decoding it: U+3001–U+9FFF are led by `E3` (but U+3000, `E3 80 80`) to
/// `E9`, U+FF00–U+FFEF by `EF BC`, `EF BD`, `EF BE`, or `EF BF` and at most `AF`.
/// None past the end.
#[inline]
pub(super) fn plain_at(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let x = *b.get(i)?;
    Some(match x {
        0x00..=0x7F => (1, false),
        0xE3..=0xE9 => (
            3,
            !(x == 0xE3 && b.get(i + 1..i + 3) == Some(&[0x80, 0x80])),
        ),
        0xEF => (
            3,
            matches!(
                b.get(i + 1..i + 3),
                Some(&[0xBC..=0xBE, _] | &[0xBF, 0x80..=0xAF])
            ),
        ),
        0xC0..=0xDF => (2, false),
        0xE0..=0xEF => (3, false),
        _ => (4, false),
    })
}

/// [`tidy_full`] of a piece, the same result and counts, by the path
/// [`super::tidy_decoded`] would take for it as a line (each path's tests compare it
/// with [`tidy_full`] on the lines of its [`Need`]): most pieces hold no mark at all
/// (`频AI系`, `辰2573周`, `以“人`, `在 Mac 上`: the line was cut around its letters,
/// digits and quotes), so they need nothing or only the space rules, and are not read
/// as characters (on the Simplified JSONL, 41k pieces, ~3.4 MB).
#[inline]
fn tidy_piece<'a>(piece: &'a str, punct: PunctMode, stats: &mut TextStats) -> Cow<'a, str> {
    match needs_tidy(piece, punct) {
        // (a piece is not cut again: the full rules themselves, where a line's
        // path would cut it into pieces)
        Need::Full if punct == PunctMode::Fullwidth && may_widen(piece) => {
            tidy_full(piece, punct, stats)
        }
        need => super::tidy_by_need(piece, need, punct, stats),
    }
}

/// [`tidy_full`] of a line, the same result and counts: the line is cut inside each
/// run of two or more [`plain`] characters that lies outside every parenthesis (no
/// `(` open before it, counting as widening pairs them: a `)` with none open pairs
/// with nothing), and each piece between two such runs (with the plain character on
/// either side of it, so every neighbour the rules look at is there) goes through
/// [`tidy_full`] alone; the runs are copied. Why it is the same: widening decides a
/// mark by its nearest characters that are not spaces, by the marks and spaces next
/// to it and, for a parenthesis, by its partner and what lies between them, which a
/// cut outside every pair keeps in one piece; the space rules decide a run of spaces
/// by its two neighbours; a protected token holds no plain character outside
/// parentheses, and a parenthesized one (`f(x)`, `(a+b)`) is one pair with no
/// parenthesis inside, so leaving it out of the pairing, as widening does, leaves
/// the others' pairing and the cuts as they are; a piece begins and ends with a
/// plain character (none is a space, none is trailing whitespace) unless it begins
/// or ends the line.
pub(super) fn tidy_by_pieces<'a>(
    line: &'a str,
    punct: PunctMode,
    stats: &mut TextStats,
) -> Cow<'a, str> {
    let mut out: Option<String> = None;
    // bytes of `line` written to `out` (or unchanged) so far
    let mut done = 0;
    // the start of the piece being read, and of the character before the current one
    // when it was plain
    let mut piece: Option<usize> = None;
    let mut prev_plain: Option<usize> = None;
    // parentheses open at the current character
    let mut open = 0usize;
    let mut flush = |s: usize, e: usize, out: &mut Option<String>, stats: &mut TextStats| {
        if let Cow::Owned(t) = tidy_piece(&line[s..e], punct, stats) {
            let o = out.get_or_insert_with(|| String::with_capacity(line.len()));
            o.push_str(&line[done..s]);
            o.push_str(&t);
            done = e;
        }
    };
    let mut next = 0;
    while let Some((len, is_plain)) = plain_at(line.as_bytes(), next) {
        let i = next;
        next += len;
        if !is_plain {
            match line.as_bytes()[i] {
                b'(' => open += 1,
                b')' => open = open.saturating_sub(1),
                _ => {}
            }
            if piece.is_none() {
                piece = Some(prev_plain.unwrap_or(i));
            }
            prev_plain = None;
            continue;
        }
        // a second plain character in a row outside parentheses closes the piece
        // after the first
        if let (Some(s), Some(_), 0) = (piece, prev_plain, open) {
            flush(s, i, &mut out, stats);
            piece = None;
        }
        let second = prev_plain.is_some();
        prev_plain = Some(i);
        // from the second plain character of a run on, the rest of the run changes
        // nothing but `prev_plain` (the piece is closed, or a parenthesis is open and
        // stays open): skipped to its last character, 32 bytes at a time
        if second {
            let (mut j, hit) = super::skip::skip(&super::skip::NOT_PLAIN, line.as_bytes(), next);
            // (none found: every character starting before `j` is plain; `j` may lie
            // inside the last of them)
            while !hit && j > next && !line.is_char_boundary(j) {
                j -= 1;
            }
            if j > next {
                // (plain characters are three bytes long)
                prev_plain = Some(j - 3);
                next = j;
            }
        }
    }
    if let Some(s) = piece {
        flush(s, line.len(), &mut out, stats);
    }
    match out {
        Some(mut o) => {
            o.push_str(&line[done..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_give_the_full_rules_on_examples() {
        for line in [
            "他说:今天下雨,明天晴!好吗?",
            "他说 : 今天 ,  明天",
            "见https://example.com/a,请看。详见www.abc.com.",
            "邮件a.b@example.com;或&amp;以及&#123;",
            "数字1,234与12:30,还有a,b",
            "　开头是全角空格,结尾也是　",
            "  缩进,再说 ",
            "中文\u{200B},中文\u{A0}, 中文\u{F900},",
            "ſ://x,中文K,中",
            "函数f(x)用于计算,公式(a+b)=c,注意(这里)与(那里),",
            "括号(没有闭合,中文中文,还有)多余)的,",
            "中文(ㄅㄆ,ㄇ)中文,(a+ㄅㄆ)中文,f(䷀䷁)中文,",
            "纯中文没有标点",
            ",",
            "中,",
            ",中",
        ] {
            as_full_rules(line);
        }
    }

    /// Long lines with long runs of plain characters (which the walk skips 32 bytes
    /// at a time) give what the full rules give.
    #[test]
    fn pieces_give_the_full_rules_on_long_runs() {
        let pieces = [
            "中文字词句",
            "中",
            "。",
            "，",
            "ｚ",
            ",",
            ":",
            "(",
            ")",
            " ",
            "a",
            "1",
            "\u{3000}",
            "\u{FFF0}",
            "\u{F900}",
            "“",
            "f(",
            "(a+",
            "é",
            "😀",
            "www.a.cn",
        ];
        for line in crate::chars::random_texts(&pieces, 3000, 60, 11) {
            as_full_rules(&line);
        }
    }

    /// Piece by piece gives what the full rules give on `line`, counts (added up over
    /// both punctuation modes) and borrowing included.
    fn as_full_rules(line: &str) {
        super::super::tests::same_rules(line, tidy_by_pieces, tidy_full);
    }

    proptest::proptest! {
        /// A piece (or any line) by the path of its [`Need`] gives what the full
        /// rules give, counts and borrowing included.
        #[test]
        fn a_piece_by_its_need_gives_the_full_rules(v in proptest::collection::vec(proptest::sample::select(vec![
            "中", "文", "。", "，", "“", "”", "a", "Z", "1", "9", " ", "  ", ",", ":", ";", "!", "?",
            ".", "/", "@", "&", "+", "(", ")", "\u{3000}", "\u{A0}", "\u{200B}", "\u{FEFF}",
            "\u{1}", "\u{2F00}", "\u{F900}", "\t", "é", "http://", "&amp;", "f(", "(a+",
        ]), 0..12)) {
            let piece: String = v.concat();
            for punct in [PunctMode::Fullwidth, PunctMode::Keep] {
                let (mut a, mut b) = (TextStats::default(), TextStats::default());
                let got = tidy_piece(&piece, punct, &mut a);
                let want = tidy_full(&piece, punct, &mut b);
                proptest::prop_assert_eq!(&got, &want, "{:?}", piece);
                proptest::prop_assert_eq!(a, b);
                proptest::prop_assert_eq!(matches!(got, Cow::Borrowed(_)), matches!(want, Cow::Borrowed(_)));
            }
        }

        /// Piece by piece gives what the full rules give on the whole line, counts
        /// and borrowing included.
        #[test]
        fn pieces_give_the_full_rules(v in proptest::collection::vec(proptest::sample::select(vec![
            "中", "文", "。", "，", "「", "」", "（", "）", "ａ", "a", "Z", "1", "9", " ", "  ",
            ",", ":", ";", "!", "?", ".", "/", "@", "&", "#", "+", "=", "-", "_",
            "\u{3000}", "\u{A0}", "\u{200B}", "\u{FEFF}", "\u{1}", "\u{2F00}", "\u{F900}",
            "é", "\u{17F}", "\u{212A}", "“", "”", "…", "http://", "www.", "&amp;", "x@y.cn",
            "(", ")", "(", ")", "f(", "(a+", "ㄅ", "䷀", "㈠",
        ]), 0..40)) {
            let line: String = v.concat();
            for punct in [PunctMode::Fullwidth, PunctMode::Keep] {
                let (mut a, mut b) = (TextStats::default(), TextStats::default());
                let got = tidy_by_pieces(&line, punct, &mut a);
                let want = tidy_full(&line, punct, &mut b);
                proptest::prop_assert_eq!(&got, &want, "{:?}", line);
                proptest::prop_assert_eq!(a, b);
                proptest::prop_assert_eq!(matches!(got, Cow::Borrowed(_)), matches!(want, Cow::Borrowed(_)));
            }
        }
    }
}
