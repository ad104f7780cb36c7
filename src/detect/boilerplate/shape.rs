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
    let mut prev = false;
    let needs = line.chars().any(|c| {
        let w = ws(c);
        let run = w && (prev || c != ' ');
        prev = w;
        run
    });
    if !needs {
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

/// Sentence punctuation anywhere in the line.
pub(super) fn has_sentence_punct(line: &str) -> bool {
    line.contains(['。', '！', '？', '!', '?', '；', ';', '｡'])
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
    line.chars().count() >= PROSE_MIN_CHARS && line.contains(['。', '｡'])
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
