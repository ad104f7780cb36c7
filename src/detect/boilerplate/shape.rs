//! Boilerplate shapes: what a line of furniture looks like (short, no sentence
//! punctuation, not a question), what running text looks like, real HTML tags and
//! script remnants. Pure functions of one line; no rule data.

use super::{Evidence, Piece, SHORT_LINE_CHARS};
use crate::detect::evidence::is_han;
use regex::Regex;
use std::sync::OnceLock;
/// `line` with every run of whitespace (NBSP and U+3000 included) written as one
/// space; borrowed when there is no such run.
pub(super) fn squeeze_whitespace(line: &str) -> std::borrow::Cow<'_, str> {
    let ws = |c: char| c.is_whitespace() || c == '\u{A0}';
    if !has_whitespace_to_squeeze(line) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut prev = false;
    for c in line.chars() {
        if ws(c) {
            if !prev {
                out.push(' ');
            }
            prev = true;
        } else {
            out.push(c);
            prev = false;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `line.trim()`, without reading a character when the line plainly starts and ends
/// with one that is not whitespace ([`crate::chars::untrimmed_ends`]), as most
/// paragraphs do.
pub(super) fn trim(line: &str) -> &str {
    if crate::chars::untrimmed_ends(line) {
        line
    } else {
        line.trim()
    }
}

/// Whether [`squeeze_whitespace`]`(line)` has at most `max` characters, without
/// building it: reads `line` only until the count passes `max` (a long paragraph
/// costs `max` characters, not its length).
pub(super) fn squeezed_chars_at_most(line: &str, max: usize) -> bool {
    // squeezing only drops characters: a line of at most `max` characters (bytes
    // first, then characters by std's word-at-a-time count) passes without being
    // read character by character, as most paragraphs under the notice limit do
    if line.len() <= max || line.chars().count() <= max {
        return true;
    }
    let (mut n, mut prev) = (0, false);
    for c in line.chars() {
        let w = c.is_whitespace() || c == '\u{A0}';
        // a run of whitespace is written as its first character, one space
        if !(w && prev) {
            n += 1;
            if n > max {
                return false;
            }
        }
        prev = w;
    }
    true
}

/// Whether `line` holds whitespace other than single spaces (a run of two or more,
/// or a tab, NBSP, U+3000 …): what [`squeeze_whitespace`] would change. By bytes: a
/// character is decoded only at the lead bytes of whitespace above ASCII (C2 for
/// U+0085/U+00A0, E1, E2 for U+2000–U+205F, E3 for U+3000), so CJK text passes at
/// memory speed.
fn has_whitespace_to_squeeze(line: &str) -> bool {
    let b = line.as_bytes();
    let (mut i, mut prev) = (0, false);
    while i < b.len() {
        let x = b[i];
        let (w, space, len) = if x < 0x80 {
            (x == b' ' || (0x09..=0x0D).contains(&x), x == b' ', 1)
        } else if matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            let c = line[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace() || c == '\u{A0}', false, c.len_utf8())
        } else {
            (false, false, 1)
        };
        if w && (prev || !space) {
            return true;
        }
        prev = w;
        i += len;
    }
    false
}

/// Sentence punctuation anywhere in the line: `。！？!?；;｡`. 32 bytes at a time by
/// the exact class of their first bytes (`normalize::text::skip`, AVX2), and the
/// bytes that skip leaves (a line under 34 bytes, the last two bytes, a CPU without
/// AVX2) one at a time: one pass over the line, where byte searches for `!?;`, then
/// for the lead bytes `E3` and `EF` stopped at each `、《》「」` and `，：（）`.
pub(super) fn has_sentence_punct(line: &str) -> bool {
    use crate::normalize::text::skip::{skip, SENTENCE_PUNCT};
    let b = line.as_bytes();
    // (a line of running text mostly ends with a full stop: its last three bytes
    // answer before the pass)
    if b.ends_with("。".as_bytes()) {
        return true;
    }
    let (from, hit) = skip(&SENTENCE_PUNCT, b, 0);
    // (`from` may lie inside a character: a continuation byte starts no mark)
    hit || (from..b.len()).any(|i| sentence_punct_at(b, i))
}

/// Whether a sentence mark of [`has_sentence_punct`] starts at byte `i` of `b`.
#[inline]
fn sentence_punct_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'!' | b'?' | b';' => true,
        // 。
        0xE3 => b.get(i + 1..i + 3) == Some(&[0x80, 0x82]),
        // ！ ？ ； and ｡
        0xEF => matches!(
            b.get(i + 1..i + 3),
            Some(&[0xBC, 0x81 | 0x9F | 0x9B] | &[0xBD, 0xA1])
        ),
        _ => false,
    }
}

/// [`has_sentence_punct`] as it was, by byte searches (SIMD): the ASCII marks at
/// once, then the lead bytes `E3` and `EF` of the others, each hit compared in
/// place. The test oracle.
#[cfg(test)]
pub(super) fn sentence_punct_in(line: &str) -> bool {
    let b = line.as_bytes();
    let wide = |i: usize| {
        matches!(
            (b[i], b.get(i + 1), b.get(i + 2)),
            (0xE3, Some(0x80), Some(0x82)) // 。
                | (0xEF, Some(0xBC), Some(0x81 | 0x9F | 0x9B)) // ！ ？ ；
                | (0xEF, Some(0xBD), Some(0xA1)) // ｡
        )
    };
    memchr::memchr3(b'!', b'?', b';', b).is_some() || memchr::memchr2_iter(0xE3, 0xEF, b).any(wide)
}

/// Whether `line` holds `。` (E3 80 82), by a SIMD search for its lead byte E3,
/// which in Chinese text leads only CJK punctuation and kana (the ideographs lead
/// with E4 to E9), each hit checked for the two bytes after it: the cheap first
/// test for a line of running text (`is_prose`).
/// (A substring searcher cost some 180 instructions a line, most of them set-up
/// for a line of a few dozen bytes.) A line that ends with `。`, as most paragraphs
/// of running text do, is answered by its last three bytes, without a search.
pub(super) fn has_full_stop(line: &str) -> bool {
    let b = line.as_bytes();
    b.ends_with(&[0xE3, 0x80, 0x82])
        || memchr::memchr_iter(0xE3, b).any(|i| b.get(i + 1..i + 3) == Some(&[0x80, 0x82]))
}

/// The line ends as a question (closing quotes and brackets aside).
pub(super) fn ends_as_question(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '）', ')'])
        .ends_with(['？', '?'])
}

/// A line of a link list: short, no sentence punctuation, not ending as a clause
/// (`，` `、`).
pub(super) fn is_short_line(line: &str) -> bool {
    line.chars().count() <= SHORT_LINE_CHARS
        && !has_sentence_punct(line)
        && !line.ends_with(['，', ',', '、'])
}

/// A headline-like line inside a link list (a feed's item titles): at most
/// [`MEDIUM_LINE_CHARS`] characters, no `。` or `；`, not ending as a clause. It belongs to a run only between two short lines, and only after the
/// body has begun: before it, a medium line is the page's headline or subtitle.
pub(super) fn is_medium_line(line: &str) -> bool {
    line.chars().count() <= MEDIUM_LINE_CHARS
        && !line.contains(['。', '；', ';', '｡'])
        && !line.ends_with(['，', ',', '、', '：', ':'])
}

/// A medium line has at most this many characters.
pub const MEDIUM_LINE_CHARS: usize = 40;

/// Running text: a line with a full stop and at least [`PROSE_MIN_CHARS`]
/// characters (a headline, even one ending in `？` or `！`, has no full stop). The
/// first and last such line bound the body; a run of short lines outside them is at
/// the page's edge.
pub(super) fn is_prose(line: &str) -> bool {
    // (a `[char]` pattern decodes every character; `。` by its bytes, `｡` by
    // std's search for one character)
    line.chars().count() >= PROSE_MIN_CHARS && (has_full_stop(line) || line.contains('｡'))
}

/// A prose line has at least this many characters.
pub const PROSE_MIN_CHARS: usize = 20;
/// obsolete ones scraped pages still carry: `font`, `center`, `tt`, …).
pub(super) const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

fn tag_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?:<|&lt;)(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*\s*/?)(?:>|&gt;)"#,
        )
        .expect("valid regex")
    })
}

/// Real HTML tags in `line`: an element name of the standard, written all in lower
/// case or all in upper case (`<br>`, `<BR>`, `<p class="x">`, `</div>`, `<br/>`);
/// `<String>`, `<Map>` and `<K, V>` are words in brackets, not tags.
pub(super) fn markup(line: &str, out: &mut Vec<Piece>) {
    if !line.contains('<') && !line.contains("&lt;") {
        return;
    }
    for c in tag_regex().captures_iter(line) {
        let name = &c[2];
        let lower = name.to_ascii_lowercase();
        let one_case = name == lower || name == name.to_ascii_uppercase();
        if one_case && HTML_ELEMENTS.binary_search(&lower.as_str()).is_ok() {
            let m = c.get(0).expect("whole match");
            out.push((m.start(), m.end(), Evidence::Markup, None));
        }
    }
}

/// Browser-script calls that start a script remnant.
const SCRIPT_STARTS: &[&str] = &[
    "document.write(",
    "document.getElementById(",
    "document.getElementsByTagName(",
    "window.location",
    "var _hmt",
    "(function(",
];

/// A script remnant: from the first browser-script call to the next Han character
/// (or the end of the line), when that stretch holds at least two of `;{}` (with the
/// spaces around it). Prose about a script (`document.write("你好")会写入文字`) has
/// no code marks before its next Han character, and stays.
pub(super) fn script(line: &str, out: &mut Vec<Piece>) {
    let Some(at) = SCRIPT_STARTS.iter().filter_map(|s| line.find(s)).min() else {
        return;
    };
    let rest = &line[at..];
    let end = at + rest.find(is_han).unwrap_or(rest.len());
    let code = &line[at..end];
    let code_marks = code
        .chars()
        .filter(|c| matches!(c, ';' | '{' | '}'))
        .count();
    if code_marks >= 2 {
        let start = line[..at].trim_end().len();
        let end = if end == line.len() {
            end
        } else {
            line[..end].trim_end().len()
        };
        out.push((start, end, Evidence::Script, None));
    }
}

#[cfg(test)]
mod tests {
    use crate::chars::random_texts;

    #[test]
    fn trim_is_std_trim() {
        let alphabet = [
            "中", "。", "，", "a", " ", "\u{3000}", "\u{a0}", "\t", "\n", "\u{2003}", "\u{1680}",
            "\u{feff}", "\u{3001}", "é", "\u{85}", "\u{2028}", "\u{205f}", "\u{200b}", "😀", "~",
        ];
        for line in random_texts(&alphabet, 100_000, 6, 0x2545_f491) {
            assert_eq!(trim(&line), line.trim(), "{line:?}");
        }
        crate::chars::each_char_at_the_ends(|line| assert_eq!(trim(line), line.trim(), "{line:?}"));
    }

    /// The one pass by the byte class gives what the byte searches gave, on short
    /// lines (read a byte at a time) and long ones (32 bytes at a time, the mark
    /// anywhere, also among the last two bytes), with marks' look-alikes around
    /// (`、《，：（）｢` share their lead bytes).
    #[test]
    fn sentence_punct_in_one_pass_is_the_byte_searches() {
        let alphabet = [
            "中",
            "。",
            "、",
            "《",
            "！",
            "？",
            "；",
            "｡",
            "!",
            "?",
            ";",
            "，",
            "a",
            " ",
            "\u{3000}",
            "｢",
            "：",
            "（",
            "）",
            "＂",
            "ｐ",
            "\u{FEFF}",
            "é",
            "😀",
            "一二三四五",
            "abcdefgh",
        ];
        for (most, seed) in [(8, 0x9e37_79b9), (40, 0x2545_f491)] {
            for line in random_texts(&alphabet, 50_000, most, seed) {
                assert_eq!(
                    has_sentence_punct(&line),
                    sentence_punct_in(&line),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn full_stop_by_lead_byte_is_the_substring_search() {
        for line in [
            "",
            "。",
            "a。",
            "。b",
            "今天下雨。明天晴",
            "今天下雨，明天晴",
            "「引号」、顿号",
            "\u{3001}\u{3002}",
            "\u{3003}",
            "ぁ。",
            "半角｡",
            "ＡＢＣ",
            "end\u{3000}",
        ] {
            assert_eq!(has_full_stop(line), line.contains('。'), "{line}");
        }
        for doc in crate::detect::registry::samples::all() {
            for line in doc.lines() {
                assert_eq!(has_full_stop(line), line.contains('。'), "{line}");
                let chars = line.chars().count() >= PROSE_MIN_CHARS;
                assert_eq!(
                    is_prose(line),
                    chars && line.contains(['。', '｡']),
                    "{line}"
                );
            }
        }
        for line in ["半角句号的一行文字足够长了吗还不够再加几个字｡", "短｡"]
        {
            let chars = line.chars().count() >= PROSE_MIN_CHARS;
            assert_eq!(is_prose(line), chars && line.contains(['。', '｡']));
        }
    }
    use super::*;
    use proptest::prelude::*;

    /// The reading by characters that the byte scan replaces.
    fn by_chars(line: &str) -> bool {
        let mut prev = false;
        line.chars().any(|c| {
            let w = c.is_whitespace() || c == '\u{A0}';
            let run = w && (prev || c != ' ');
            prev = w;
            run
        })
    }

    proptest! {
        #[test]
        fn byte_scan_agrees_with_the_characters(
            parts in proptest::collection::vec(prop_oneof![
                Just(" "), Just("\t"), Just("\u{A0}"), Just("\u{3000}"), Just("\u{2002}"),
                Just("\u{85}"), Just("\u{1680}"), Just("\u{205F}"), Just("。"), Just("「"),
                Just("中"), Just("a"), Just("é"), Just("\u{2014}"), Just("𠀀"),
            ], 0..12)
        ) {
            let line: String = parts.concat();
            prop_assert_eq!(has_whitespace_to_squeeze(&line), by_chars(&line), "{:?}", line);
            let n = squeeze_whitespace(&line).chars().count();
            for max in [0, 1, 3, n.saturating_sub(1), n, n + 1] {
                prop_assert_eq!(squeezed_chars_at_most(&line, max), n <= max, "{:?} {}", line, max);
            }
        }
    }

    #[test]
    fn sentence_punct_by_bytes_is_the_char_search() {
        let marks = ['。', '！', '？', '!', '?', '；', ';', '｡'];
        for c in '\0'..=char::MAX {
            for line in [format!("中{c}文"), c.to_string(), format!("，「{c}")] {
                assert_eq!(has_sentence_punct(&line), line.contains(marks), "{line:?}");
            }
        }
    }

    #[test]
    fn squeezes_runs_and_odd_spaces_only() {
        assert!(matches!(
            squeeze_whitespace("中 文 a b"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(squeeze_whitespace("中\u{3000}文  a\u{A0}b"), "中 文 a b");
    }
}
