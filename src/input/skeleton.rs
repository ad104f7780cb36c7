//! The fast split of a JSONL record around its text field: the text string is found and
//! read with SIMD byte searches, and serde_json parses only the record's *skeleton* (the
//! line with the text string emptied), so the bulk of the line is not scanned by
//! serde_json's 8-bytes-at-a-time string loop.
//!
//! Exactness. The fast path answers only when it can prove the answer equals the full
//! parse's ([`super::jsonl`]); otherwise it says `None` and the caller parses the whole
//! line as before (so every error, and every unusual record, takes the old path). The
//! candidate is a span `start..=end` of the line such that
//! - `line[start..=end]` is one lexically complete JSON string (it starts with `"`, ends
//!   at the first `"` not escaped by a `\`, holds no control character; its escapes
//!   are checked by serde_json unless they are all `\n`), and
//! - serde_json parses the skeleton `line[..start] + "" + line[end + 1..]` as an object
//!   whose only field named `field` has the value `""` at byte `start`.
//!
//! A JSON lexer reads a line left to right; the prefix `line[..start]` is the same in
//! both lines, so the original line's lexer also stands at a string value at `start`,
//! reads the (valid) string token `line[start..=end]` where the skeleton has `""`, and
//! then reads the same rest. The two lines therefore have the same tokens but for that
//! one string: the original parses, with the same fields in the same order and the same
//! values but for the text, which is unescaped here exactly as the full parse does.

use super::jsonl::{lookup_id, Record, Wanted};
use std::cell::RefCell;

/// Lines shorter than this take the full parse: for a small record building the
/// skeleton costs about what it saves.
pub(super) const MIN_LINE: usize = 512;

thread_local! {
    /// The searcher for the quoted field name (rebuilt when the field changes) and the
    /// skeleton's buffer, kept per thread across records.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[derive(Default)]
struct Scratch {
    /// `"field"` and its searcher.
    finder: Option<(String, memchr::memmem::Finder<'static>)>,
    /// The skeleton line.
    skeleton: String,
}

/// [`super::parse_record_with`]'s answer for `s` (the line; `body` is `s` without its
/// byte-order mark) when the fast path can give it exactly, else `None`.
pub(super) fn split<'a>(
    s: &'a str,
    body: &'a str,
    field: &str,
    id_field: Option<&str>,
    check_field: Option<&str>,
) -> Option<Record<'a>> {
    // a name written with escapes, or an id read from the text field itself: the full
    // parse (the skeleton holds `""` where the text was)
    if field.bytes().any(|c| c == b'"' || c == b'\\' || c < 0x20)
        || id_field.is_some_and(|f| f == field || f.split('.').next() == Some(field))
    {
        return None;
    }
    SCRATCH.with(|cell| {
        let mut scratch = cell.borrow_mut();
        let Scratch { finder, skeleton } = &mut *scratch;
        if finder.as_ref().is_none_or(|(f, _)| f != field) {
            let quoted = format!("\"{field}\"");
            let fnd = memchr::memmem::Finder::new(quoted.as_bytes()).into_owned();
            *finder = Some((field.to_string(), fnd));
        }
        let (_, fnd) = finder.as_ref()?;
        let b = body.as_bytes();
        let start = candidate(b, fnd)?;
        let (end, plain) = string_end(body, start)?;
        let inner = &body[start + 1..end];
        if has_control(inner.as_bytes()) {
            return None;
        }
        skeleton.clear();
        skeleton.push_str(&body[..start]);
        skeleton.push_str("\"\"");
        skeleton.push_str(&body[end + 1..]);
        let wanted = Wanted {
            field,
            id: id_field,
            check: check_field,
        };
        let fields = wanted.parse(skeleton).ok()?;
        let (Some(raw), false) = (fields.text, fields.text_twice) else {
            return None;
        };
        if raw.get() != "\"\"" || raw.get().as_ptr() as usize - skeleton.as_ptr() as usize != start
        {
            return None;
        }
        // unescaped as the full parse does (see `parse_record_with`)
        let text = match plain {
            Some(text) => text,
            None => serde_json::from_str::<String>(&body[start..=end]).ok()?,
        };
        let id = id_field.and_then(|f| lookup_id(&fields, f));
        let has_field = fields.has_check;
        let off = s.len() - body.len();
        Some(Record {
            before: &s[..off + start],
            text,
            after: &s[off + end + 1..],
            id,
            has_field,
        })
    })
}

/// The first place in `b` where the quoted name `fnd` is followed by `:` and a string
/// (JSON whitespace around the `:`): the byte index of that string's opening `"`.
/// Only a candidate: the skeleton's parse decides.
fn candidate(b: &[u8], fnd: &memchr::memmem::Finder<'_>) -> Option<usize> {
    let ws = |b: &[u8], mut i: usize| {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    };
    for at in fnd.find_iter(b) {
        let i = ws(b, at + fnd.needle().len());
        if b.get(i) != Some(&b':') {
            continue;
        }
        let i = ws(b, i + 1);
        return (b.get(i) == Some(&b'"')).then_some(i);
    }
    None
}

/// The end of the JSON string that opens at `s[start]` (`"`): the index of the first `"`
/// after it that no `\` escapes, and, when every escape in it is `\n`, its text
/// unescaped (as `jsonl::unescape_newlines` gives it, built in the same pass). `None` when
/// the line ends first.
fn string_end(s: &str, start: usize) -> Option<(usize, Option<String>)> {
    let b = s.as_bytes();
    let mut text = Some(String::with_capacity(b.len() - start));
    let mut i = start + 1;
    loop {
        let k = i + memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        if b[k] == b'"' {
            if let Some(t) = &mut text {
                t.push_str(&s[i..k]);
            }
            return Some((k, text));
        }
        // an escape: its second byte is never the string's end (`\"` is a quote)
        if *b.get(k + 1)? == b'n' {
            if let Some(t) = &mut text {
                t.push_str(&s[i..k]);
                t.push('\n');
            }
        } else {
            text = None;
        }
        i = k + 2;
    }
}

/// Whether `b` holds a byte below 0x20 (a control character, which a JSON string may
/// not hold unescaped): the least byte, a branch-free minimum that vectorizes (no early
/// exit: such a byte is rare, and the full parse then takes over).
fn has_control(b: &[u8]) -> bool {
    b.iter().fold(u8::MAX, |a, &c| a.min(c)) < 0x20
}

#[cfg(test)]
mod tests {
    use super::super::jsonl::parse_record_full;
    use super::*;

    /// The fast split, when it answers, equals the full parse.
    fn check(line: &str, field: &str, id: Option<&str>, check_field: Option<&str>) -> bool {
        let body = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        let Some(fast) = split(line, body, field, id, check_field) else {
            return false;
        };
        let full = parse_record_full(line, body, field, id, check_field)
            .unwrap_or_else(|e| panic!("fast path answered for a failing line {line:?}: {e:?}"));
        assert_eq!(fast.before, full.before, "{line:?}");
        assert_eq!(fast.text, full.text, "{line:?}");
        assert_eq!(fast.after, full.after, "{line:?}");
        assert_eq!(fast.id, full.id, "{line:?}");
        assert_eq!(fast.has_field, full.has_field, "{line:?}");
        true
    }

    #[test]
    fn strings_are_unescaped_as_unescape_newlines_does() {
        for inner in ["", "a", "中\\n文\\n", "\\n\\n", "x\\ty", "\\\\n"] {
            let line = format!("\"{inner}\" ,");
            let (end, plain) = string_end(&line, 0).expect("a string");
            assert_eq!(end, inner.len() + 1, "{inner:?}");
            assert_eq!(
                plain,
                super::super::jsonl::unescape_newlines(inner),
                "{inner:?}"
            );
        }
    }

    #[test]
    fn usual_records_take_the_fast_path() {
        for line in [
            r#"{"id": 7, "text": "中文\n第二段", "url": "http://x"}"#,
            "\u{FEFF}{\"text\":\"a\"}",
            r#"{"type": "text", "text" : "x\"y\u4e2d\n", "meta": {"text": "no"}}"#,
            r#"{"text": "", "id": "k"}"#,
            r#"  {"title": "\"text\": \"fake", "text": "real"}  "#,
        ] {
            assert!(check(line, "text", Some("id"), Some("meta")), "{line:?}");
        }
    }

    #[test]
    fn doubtful_records_fall_back() {
        for line in [
            r#"{"a\"text": "x"}"#,
            r#"{"text": "x", "text": "y"}"#,
            r#"{"text": "x\ud800"}"#,
            "{\"text\": \"a\tb\"}",
            r#"{"text": "x"#,
            r#"{"text": "x" "#,
            r#"{"text": 1}"#,
            r#"{"text": "x\q"}"#,
            r#"{"text": "x\u00"}"#,
            r#"{"text": "x\u"}"#,
            r#"{"meta": {"text": "inner"}}"#,
            // (only the first candidate is tried)
            r#"{"meta": {"text": "inner"}, "text": "x"}"#,
            r#"["text": "x"]"#,
            r#"{"text": "x"}}"#,
        ] {
            assert!(!check(line, "text", None, None), "{line:?}");
        }
        // the id read from the text field itself
        assert!(!check(r#"{"text": "x"}"#, "text", Some("text"), None));
    }

    #[test]
    fn random_records_agree_with_the_full_parse() {
        // lines built from JSON-ish pieces, many of them invalid
        const PIECES: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\"",
            "\\",
            "\\n",
            "\\\"",
            "\\u4e2d",
            "\\ud800",
            "text",
            "\"text\"",
            "\"text\":",
            "id",
            "\"id\"",
            "1",
            "null",
            "中",
            "\t",
            "a",
            "\"meta\": {",
            "\\\\",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut fast = 0;
        for _ in 0..60_000 {
            let mut line = String::from(if next() % 2 == 0 {
                "{\"text\": \""
            } else {
                "{\"id\": 3, \"text\": \""
            });
            for _ in 0..next() % 12 {
                line.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            if next() % 3 != 0 {
                line.push_str("\"}");
            }
            if check(&line, "text", Some("id"), Some("meta")) {
                fast += 1;
            }
        }
        assert!(fast > 1000, "{fast}");
    }
}
