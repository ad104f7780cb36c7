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
//!   are checked by serde_json when one is `\uXXXX` or invalid), and
//! - serde_json parses the skeleton `line[..start] + "" + line[end + 1..]` as an object
//!   whose only field named `field` has the value `""` at byte `start`.
//!
//! A JSON lexer reads a line left to right; the prefix `line[..start]` is the same in
//! both lines, so the original line's lexer also stands at a string value at `start`,
//! reads the (valid) string token `line[start..=end]` where the skeleton has `""`, and
//! then reads the same rest. The two lines therefore have the same tokens but for that
//! one string: the original parses, with the same fields in the same order and the same
//! values but for the text, which is unescaped here exactly as the full parse does.

use super::fields::{lookup_id, Wanted};
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

/// A record split by [`split`]: the text field's JSON string is `body[start..=end]`.
#[derive(Debug)]
pub(super) struct Split {
    /// Byte index of the string's opening `"` in the line without its byte-order mark.
    pub(super) start: usize,
    /// Byte index of its closing `"`.
    pub(super) end: usize,
    /// The text, unescaped.
    pub(super) text: String,
    /// The record's id, as [`lookup_id`] gives it.
    pub(super) id: Option<String>,
    /// Whether the field `check_field` exists.
    pub(super) has_field: bool,
}

/// `parse_record_with`'s answer for the line `body` (without its byte-order mark) when
/// the fast path can give it exactly, else `None`.
pub(super) fn split(
    body: &str,
    field: &str,
    id_field: Option<&str>,
    check_field: Option<&str>,
) -> Option<Split> {
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
        Some(Split {
            start,
            end,
            text,
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
/// after it that no `\` escapes, and, when every escape in it names one character
/// ([`one_char_escape`]: all but `\uXXXX`), its text unescaped as serde_json does, built
/// in the same pass. `None` when the line ends first.
pub(super) fn string_end(s: &str, start: usize) -> Option<(usize, Option<String>)> {
    let b = s.as_bytes();
    let mut text = Some(String::with_capacity(b.len() - start));
    // the AVX2 searcher built once for the string (the text has a `\n` escape at each
    // paragraph, so it is asked once a paragraph): no dispatch on the CPU per search
    #[cfg(target_arch = "x86_64")]
    let avx2 = memchr::arch::x86_64::avx2::memchr::Two::new(b'"', b'\\');
    let find = |h: &[u8]| {
        #[cfg(target_arch = "x86_64")]
        if let Some(two) = &avx2 {
            return two.find(h);
        }
        memchr::memchr2(b'"', b'\\', h)
    };
    let mut i = start + 1;
    loop {
        let k = i + find(b.get(i..)?)?;
        if b[k] == b'"' {
            if let Some(t) = &mut text {
                t.push_str(&s[i..k]);
            }
            return Some((k, text));
        }
        // an escape: its second byte is never the string's end (`\"` is a quote)
        match (one_char_escape(*b.get(k + 1)?), &mut text) {
            (Some(c), Some(t)) => {
                t.push_str(&s[i..k]);
                t.push(c);
            }
            (Some(_), None) => {}
            // `\uXXXX` (and an invalid escape, for serde_json to refuse)
            (None, _) => text = None,
        }
        i = k + 2;
    }
}

/// The character that the JSON escape `\x` names, for the escapes of one character
/// (RFC 8259, section 7: `\" \\ \/ \b \f \n \r \t`); `None` for `\u` and for a byte
/// that no escape starts with.
fn one_char_escape(x: u8) -> Option<char> {
    Some(match x {
        b'n' => '\n',
        b't' => '\t',
        b'r' => '\r',
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        _ => return None,
    })
}

/// Whether `b` holds a byte below 0x20 (a control character, which a JSON string may
/// not hold unescaped): the least byte, a branch-free minimum that vectorizes (no early
/// exit: such a byte is rare, and the full parse then takes over).
fn has_control(b: &[u8]) -> bool {
    b.iter().fold(u8::MAX, |a, &c| a.min(c)) < 0x20
}
