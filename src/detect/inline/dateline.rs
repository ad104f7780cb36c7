//! A wire story's dateline (`新华社纽约1月27日电（记者刘亚南）`), with the headline and
//! byline it may carry: what may stand between a lead and its copy
//! (`lead_dateline`).

/// The headline and byline a dateline may carry before the body, in characters.
pub const MAX_DATELINE_TAIL_CHARS: usize = 80;

/// Whether `gap` (the text between a lead and its copy) is a dateline, possibly
/// followed by the story's headline and byline, and nothing else:
/// `新华社纽约1月27日电（记者刘亚南）`, `新华社快讯：`, `新华社北京1月29日电 新闻分析：国际金价
/// 持续上升，原因几何？␣␣新华社记者陈云富、刘羽佳`. The headline and byline are at most
/// [`MAX_DATELINE_TAIL_CHARS`] characters with no full stop or exclamation mark (a
/// headline may ask a question), in at most six blank-separated parts.
pub fn is_dateline(gap: &str) -> bool {
    // (a match of the pattern starts the trimmed gap, holds `电`, `電`, `讯` or `訊`,
    // and counts only when of at most `MAX_DATELINE_CHARS` characters: a gap
    // without one of them among its first as many characters is told without
    // reading a long gap to its end)
    let t = trimmed(gap);
    t.chars()
        .take(MAX_DATELINE_CHARS)
        .any(|c| matches!(c, '电' | '電' | '讯' | '訊'))
        && dateline_by_end(t, dateline_end(t))
}

/// `gap` without the whitespace and `\u{3000}` at its ends, where a dateline
/// match must start (read once by [`is_dateline`] for its screen and the pattern).
fn trimmed(gap: &str) -> &str {
    gap.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// A dateline itself (without the headline and byline after it) has at most this
/// many characters.
const MAX_DATELINE_CHARS: usize = 48;

/// The dateline pattern as the `regex` crate reads it (leftmost-first, Unicode
/// classes): the definition [`dateline_end`] follows, and its tests' oracle. (Its
/// compilation cost a run some 5 M instructions, the Unicode classes `\p{Han}` and
/// `\d` as UTF-8 automata, the first time a gap needed it.)
#[cfg(test)]
const PATTERN: &str = r"^[\p{Han}A-Za-z]{1,12}?\s*(\d{1,2}月\d{1,2}日)?\s*(电|電|讯|訊|快讯|快訊)\s*(（[^（）。]{1,30}）|\([^()。]{1,30}\))?\s*[：:，,]?";

/// [`PATTERN`], compiled at first use (the tests').
#[cfg(test)]
fn pattern() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(PATTERN).expect("dateline pattern"))
}

/// The end (bytes) of [`PATTERN`]'s match in `t`, which starts at 0, or `None`:
/// the match the `regex` crate finds (leftmost-first, that is, the first way in
/// the order a backtracking matcher tries them), found by hand. After the lazy
/// lead (one to twelve Han or ASCII letters, the fewest first) every part is
/// decided without backtracking, so the lead's first length after which the
/// rest finds `电` `電` `讯` `訊` `快讯` `快訊` gives the match:
/// - `\s*` takes every blank: giving one back puts a blank where the next part
///   needs a digit or one of those words (neither is a blank), and a later `\s*`
///   takes it again;
/// - the date (`\d{1,2}月\d{1,2}日`) matches exactly when a run of one or two
///   decimal digits (`\d`: Unicode's `Nd`, [`is_decimal`]) is followed by
///   `月` and then another by `日` (a third digit is neither `月` nor `日`, and
///   giving one digit back leaves a digit before it); when the word does not
///   follow it, skipping the date leaves a digit where the word must start;
/// - past the word every part may be empty, so each takes the most it can: the
///   bracketed credit is a run of one to thirty characters other than the
///   brackets and `。` closed by its bracket (a longer run has a thirty-first
///   character where the bracket must be, and a shorter take too).
///
/// The tests compare it with the pattern on many texts, and its classes with
/// the pattern's over every code point.
fn dateline_end(t: &str) -> Option<usize> {
    let mut lead = t.char_indices();
    for _ in 0..12 {
        let (i, c) = lead.next()?;
        if !(c.is_ascii_alphabetic() || is_han(c)) {
            return None;
        }
        if let Some(end) = after_lead(t, i + c.len_utf8()) {
            return Some(end);
        }
    }
    None
}

/// [`dateline_end`] after a lead that ends at byte `p`: the match's end, if the
/// word follows there.
fn after_lead(t: &str, p: usize) -> Option<usize> {
    let p = blanks_end(t, p);
    let q = date_end(t, p).map_or(p, |d| blanks_end(t, d));
    let rest = &t[q..];
    let word = ["电", "電", "讯", "訊", "快讯", "快訊"]
        .into_iter()
        .find(|w| rest.starts_with(w))?;
    let r = blanks_end(t, q + word.len());
    let r = bracketed_end(t, r, '（', '）')
        .or_else(|| bracketed_end(t, r, '(', ')'))
        .unwrap_or(r);
    let r = blanks_end(t, r);
    Some(match t[r..].chars().next() {
        Some(c @ ('：' | ':' | '，' | ',')) => r + c.len_utf8(),
        _ => r,
    })
}

/// The end of the blanks (`\s`: Unicode's `White_Space`, which `char::is_whitespace`
/// is) from byte `p` of `t`.
fn blanks_end(t: &str, p: usize) -> usize {
    p + t[p..].len() - t[p..].trim_start_matches(char::is_whitespace).len()
}

/// The end of `\d{1,2}月\d{1,2}日` at byte `p` of `t`, if it is there.
fn date_end(t: &str, p: usize) -> Option<usize> {
    let p = digits_then(t, p, '月')?;
    digits_then(t, p, '日')
}

/// Past one or two decimal digits and then `after` at byte `p` of `t` (a third
/// digit fails: see [`dateline_end`]).
fn digits_then(t: &str, p: usize, after: char) -> Option<usize> {
    let mut it = t[p..].char_indices();
    let mut digits = 0;
    for (i, c) in it.by_ref() {
        if is_decimal(c) {
            digits += 1;
            if digits > 2 {
                return None;
            }
            continue;
        }
        return (digits > 0 && c == after).then(|| p + i + c.len_utf8());
    }
    None
}

/// The end of `open`, one to thirty characters other than `open`, `close` and
/// `。`, and `close` at byte `p` of `t`, if they are there.
fn bracketed_end(t: &str, p: usize, open: char, close: char) -> Option<usize> {
    let inner = t[p..].strip_prefix(open)?;
    let at = p + open.len_utf8();
    for (n, (i, c)) in inner.char_indices().enumerate() {
        if c == open || c == close || c == '。' {
            return (c == close && (1..=30).contains(&n)).then(|| at + i + c.len_utf8());
        }
        if n == 30 {
            return None;
        }
    }
    None
}

/// Whether `c` is in `ranges` (sorted, disjoint, inclusive ranges of characters).
fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    let k = ranges.partition_point(|&(_, hi)| hi < c);
    ranges.get(k).is_some_and(|&(lo, _)| lo <= c)
}

/// The Unicode class that the regex class `class` (`\p{Han}`, `\d`) names, as
/// sorted, disjoint, inclusive ranges of characters: read from the `regex-syntax`
/// crate's Unicode tables, the ones the pattern's regex reads, by parsing the class
/// alone (some 10 k instructions; compiling the whole pattern into automata cost
/// some 5 M).
fn unicode_class(class: &str) -> Vec<(char, char)> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::parse(class).expect("a Unicode class regex-syntax knows");
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        other => unreachable!("{class} parsed as {other:?}"),
    }
}

/// `\p{Han}`: Unicode's script Han.
fn is_han(c: char) -> bool {
    static HAN: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    in_ranges(HAN.get_or_init(|| unicode_class(r"\p{Han}")), c)
}

/// `\d`: Unicode's general category `Nd`.
fn is_decimal(c: char) -> bool {
    static DECIMAL_NUMBER: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    c.is_ascii_digit()
        || (!c.is_ascii() && in_ranges(DECIMAL_NUMBER.get_or_init(|| unicode_class(r"\d")), c))
}

/// [`is_dateline`] on the gap `t` trimmed of whitespace and `\u{3000}` at both ends
/// ([`trimmed`]), whose dateline match (if any) ends at byte `end`.
fn dateline_by_end(t: &str, end: Option<usize>) -> bool {
    let Some(end) = end else {
        return false;
    };
    let m = &t[..end];
    if m.chars().count() > MAX_DATELINE_CHARS {
        return false;
    }
    let tail = t[end..].trim();
    tail.is_empty()
        || (!m.ends_with([':', '：', '，', ','])
            // (parted from the dateline: `中央电视台报道` is not `中央电` and a tail)
            && m.ends_with(|c: char| c.is_whitespace() || c == '）' || c == ')')
            && tail.chars().count() <= MAX_DATELINE_TAIL_CHARS
            && !tail.contains(['。', '！', '!', '；', ';'])
            && tail.split(char::is_whitespace).filter(|p| !p.is_empty()).count() <= 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_dateline`] by the pattern alone, without the screen: the oracle.
    fn by_pattern(gap: &str) -> bool {
        let t = trimmed(gap);
        dateline_by_end(t, pattern().find(t).map(|m| m.end()))
    }

    /// The screen (no `电` `電` `讯` `訊`, no dateline) and the hand matcher against
    /// the pattern alone.
    #[test]
    fn the_screen_gives_the_patterns_answer() {
        let mut gaps: Vec<String> = [
            "新华社纽约1月27日电（记者刘亚南）",
            "     \u{3000}\u{3000}新华社快讯：",
            "新华社北京1月29日电 新闻分析：国际金价持续上升，原因几何？",
            "中央电视台报道",
            "新華社台北1月2日電 記者",
            "路透社东京1月3日讯",
            "新华社北京1月29日",
            "",
            " ",
            "（记者刘亚南）",
            // the mandatory character past the 48 a dateline may have
            "新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社电",
            "新华社北京电新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社",
        ]
        .map(String::from)
        .to_vec();
        let pieces = [
            "新", "华", "社", "电", "電", "讯", "訊", "快", "1", "月", "日", "（", "）", " ", "：",
            "。", "a",
        ];
        gaps.extend(crate::chars::random_texts(&pieces, 3_000, 63, 0x4c95_7f2d));
        for g in &gaps {
            assert_eq!(is_dateline(g), by_pattern(g), "{g:?}");
        }
    }

    /// The hand matcher's end against the pattern's match on texts made of the
    /// pattern's parts and their near misses: leads of 1 to 13 letters, dates of
    /// 1 to 3 digits (ASCII, full-width, Arabic-Indic, Devanagari), Unicode blanks,
    /// every word, credits of 0 to 31 characters in both kinds of brackets,
    /// brackets and `。` inside them, the closing marks.
    #[test]
    fn the_hand_matcher_ends_where_the_pattern_does() {
        let thirty = "记".repeat(30);
        let credit30 = format!("（{thirty}）");
        let credit31 = format!("（{thirty}者）");
        let paren30 = format!("({thirty})");
        let paren31 = format!("({thirty}x)");
        let pieces = [
            "新",
            "华",
            "社",
            "北京",
            "Reuters",
            "Z",
            "é",
            "〇",
            "々",
            "𠀀",
            "\u{f900}",
            "1",
            "12",
            "123",
            "１",
            "٣",
            "५",
            "〇",
            "二",
            "月",
            "日",
            "1月2日",
            "12月31日",
            "123月4日",
            "1月123日",
            " ",
            "\u{3000}",
            "\t",
            "\u{a0}",
            "\u{2028}",
            "\u{200b}",
            "\n",
            "电",
            "電",
            "讯",
            "訊",
            "快",
            "快讯",
            "快訊",
            "（",
            "）",
            "(",
            ")",
            "。",
            "（记者刘亚南）",
            "（）",
            "()",
            "(AP)",
            "（记者（刘））",
            "（记。者）",
            &credit30,
            &credit31,
            &paren30,
            &paren31,
            "：",
            ":",
            "，",
            ",",
            "；",
            "报道",
        ];
        let mut texts = crate::chars::random_texts(&pieces, 20_000, 12, 0x2b7d_11e3);
        texts.extend(crate::chars::random_texts(&pieces, 5_000, 40, 0x0977_5a61));
        let (mut found, mut datelines) = (0, 0);
        for t in &texts {
            let want = pattern().find(t).map(|m| m.end());
            assert_eq!(dateline_end(t), want, "{t:?}");
            assert_eq!(is_dateline(t), by_pattern(t), "{t:?}");
            found += usize::from(want.is_some());
            datelines += usize::from(is_dateline(t));
        }
        // (the texts reach the matcher's every way: many matches, many datelines)
        assert!(found > 1_000 && datelines > 300, "{found} {datelines}");
    }

    /// The hand matcher's classes against the pattern's over every code point:
    /// `\p{Han}`, `\d` and `\s` as the `regex` crate reads them.
    #[test]
    fn the_classes_are_the_patterns() {
        let han = regex::Regex::new(r"\A\p{Han}\z").unwrap();
        let digit = regex::Regex::new(r"\A\d\z").unwrap();
        let space = regex::Regex::new(r"\A\s\z").unwrap();
        let mut buf = [0; 4];
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(is_han(c), han.is_match(s), "{c:?}");
            assert_eq!(is_decimal(c), digit.is_match(s), "{c:?}");
            assert_eq!(c.is_whitespace(), space.is_match(s), "{c:?}");
        }
    }
}
