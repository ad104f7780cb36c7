//! The space rules of tidying alone ([`tidy_spaces`]), and the full rules on a line
//! widening leaves alone ([`tidy_invisibles_then_spaces`]): the paths of
//! [`super::tidy_line`] that copy a line in stretches instead of reading it as
//! characters.

use super::TextStats;
use crate::chars::{
    is_cjk, is_removable_control, is_trailing_ws, is_wide_punct, is_zero_width, unified_ideograph,
};
use std::borrow::Cow;

/// The space rules alone, for a line whose only trigger is spaces
/// ([`super::Need::Spaces`]): trailing whitespace trimmed, leading indentation kept,
/// a space run between full-width punctuation and Chinese text removed, a run of two
/// or more next to Chinese text squeezed to one. Copies the stretches between space runs; the same
/// result and counts as the full rules on such a line, borrowed only when unchanged.
pub(super) fn tidy_spaces<'a>(line: &'a str, stats: &mut TextStats) -> Cow<'a, str> {
    let body = line.trim_end_matches(is_trailing_ws);
    stats.trailing_trimmed += line[body.len()..].chars().count();
    let bytes = body.as_bytes();
    // leading indentation is the author's
    let lead = bytes.iter().take_while(|&&x| x == b' ').count();
    let mut out: Option<String> = None;
    let mut from = 0;
    let mut i = lead;
    while let Some(off) = memchr::memchr(b' ', &bytes[i..]) {
        let s = i + off;
        let mut e = s;
        while e < bytes.len() && bytes[e] == b' ' {
            e += 1;
        }
        // a run between two ASCII characters (neither is full-width punctuation or
        // CJK) is kept as it is: told by the bytes, without decoding either side (`s`
        // is past the indentation, so above 0)
        if bytes[s - 1].is_ascii() && bytes.get(e).is_some_and(u8::is_ascii) {
            i = e;
            continue;
        }
        // the body does not end with a space, so a run has characters on both sides
        let l = body[..s].chars().next_back().unwrap_or(' ');
        let r = body[e..].chars().next().unwrap_or(' ');
        let n = e - s;
        let keep = if (is_wide_punct(l) && (is_cjk(r) || is_wide_punct(r)))
            || (is_wide_punct(r) && (is_cjk(l) || is_wide_punct(l)))
        {
            stats.spaces_removed += n;
            0
        } else if n >= 2 && (is_cjk(l) || is_cjk(r)) {
            stats.spaces_removed += n - 1;
            1
        } else {
            n
        };
        if keep < n {
            let o = out.get_or_insert_with(|| String::with_capacity(body.len()));
            o.push_str(&body[from..s]);
            o.push_str(&" "[..keep]);
            from = e;
        }
        i = e;
    }
    match out {
        Some(mut o) => {
            o.push_str(&body[from..]);
            Cow::Owned(o)
        }
        None if body.len() == line.len() => Cow::Borrowed(line),
        // borrowed means unchanged (`tidy_line` relies on it)
        None => Cow::Owned(body.to_string()),
    }
}

/// Whether the line holds a half-width mark widening may act on
/// ([`crate::chars::is_widenable`], all ASCII).
#[inline]
pub(super) fn may_widen(line: &str) -> bool {
    // (32 bytes at a time: a line of full-width text may hold none)
    let b = line.as_bytes();
    super::skip::find(&super::skip::WIDEN_MARKS, [0; 2], b, 0).at < b.len()
}

/// The full rules on a line widening leaves alone (no mark [`may_widen`] finds, or
/// `--punct keep`): step 1 of [`super::tidy_full`] copied in stretches between the
/// characters it acts on, then the space rules of [`tidy_spaces`] on the result.
/// The same result and counts as [`super::tidy_full`]: without a mark to widen, no
/// character is widened, and no protected token holds a space (only the
/// parenthesized ones may, and they need a `(`), so the space rules are the same.
pub(super) fn tidy_invisibles_then_spaces<'a>(
    line: &'a str,
    stats: &mut TextStats,
) -> Cow<'a, str> {
    let mut out = String::with_capacity(line.len());
    let mut from = 0;
    for (i, c) in line.char_indices() {
        if super::step_one_leaves(c) {
            continue;
        }
        let with = if is_zero_width(c) {
            stats.zero_width_removed += 1;
            None
        } else if is_removable_control(c) {
            stats.control_removed += 1;
            None
        } else if c == '\u{A0}' {
            stats.nbsp_replaced += 1;
            Some(' ')
        } else if let Some(u) = unified_ideograph(c) {
            stats.ideographs_unified += 1;
            Some(u)
        } else {
            continue;
        };
        out.push_str(&line[from..i]);
        out.extend(with);
        from = i + c.len_utf8();
    }
    if from == 0 {
        // step 1 changed nothing
        return tidy_spaces(line, stats);
    }
    out.push_str(&line[from..]);
    match tidy_spaces(&out, stats) {
        Cow::Borrowed(_) => Cow::Owned(out),
        Cow::Owned(o) => Cow::Owned(o),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{tidy_full, PunctMode};
    use super::*;

    proptest::proptest! {
        /// The space-only path gives what the full rules give, counts included.
        #[test]
        fn spaces_path_matches_full_rules(v in proptest::collection::vec(proptest::sample::select(vec![' ', ' ', '中', '，', 'a', '1', '。', '\u{3000}', '\t', '“', '”', '…']), 0..24)) {
            let line: String = v.into_iter().collect();
            let (mut a, mut b) = (TextStats::default(), TextStats::default());
            let fast = tidy_spaces(&line, &mut a);
            let full = tidy_full(&line, PunctMode::Fullwidth, &mut b);
            proptest::prop_assert_eq!(&fast, &full);
            proptest::prop_assert_eq!(a, b);
            proptest::prop_assert_eq!(matches!(fast, Cow::Borrowed(_)), matches!(full, Cow::Borrowed(_)));
        }

        /// A line without a mark to widen: step 1 by stretches, then the space rules,
        /// give what the full rules give, counts included, in both punctuation modes
        /// (in `--punct keep` also with the marks).
        #[test]
        fn invisibles_path_matches_full_rules(v in proptest::collection::vec(proptest::sample::select(vec![' ', ' ', '中', '，', 'a', '1', '。', '\u{3000}', '\t', '“', '…', '\u{A0}', '\u{200B}', '\u{FEFF}', '\u{1}', '\u{85}', '\u{2F00}', '\u{F900}', '\u{FA0E}', 'é', '\u{E000}', '\u{1F600}', ',', '(', ')', '/', '@', '.', '+']), 0..40)) {
            let line: String = v.into_iter().collect();
            for punct in [PunctMode::Fullwidth, PunctMode::Keep] {
                if punct == PunctMode::Fullwidth && may_widen(&line) {
                    continue;
                }
                let (mut a, mut b) = (TextStats::default(), TextStats::default());
                let fast = tidy_invisibles_then_spaces(&line, &mut a);
                let full = tidy_full(&line, punct, &mut b);
                proptest::prop_assert_eq!(&fast, &full, "{:?}", line);
                proptest::prop_assert_eq!(a, b);
                proptest::prop_assert_eq!(matches!(fast, Cow::Borrowed(_)), matches!(full, Cow::Borrowed(_)));
            }
        }
    }
}
