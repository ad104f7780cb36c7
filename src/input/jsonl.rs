//! JSONL corpora: lines cut from a stream in chunks, and records split around their text field.

use super::fields::{lookup_id, Wanted};
use std::fs::File;
use std::io::Read;

/// One line of a JSONL input, located in its source.
#[derive(Debug, Clone, Copy)]
pub struct LineRef {
    /// 1-based line number.
    pub line: usize,
    /// Byte offset of the line in its source.
    pub offset: u64,
    /// The line's span in the chunk buffer (without `\n`, and without a final `\r`).
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// A run of whole lines read from one source.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The bytes.
    pub buf: Vec<u8>,
    /// The lines in `buf`.
    pub lines: Vec<LineRef>,
}

/// Reads a JSONL stream as chunks of whole lines of at least `chunk_bytes` (the last
/// may be smaller); a line is never split, whatever its length.
pub struct JsonlReader<R: Read> {
    r: R,
    chunk_bytes: usize,
    carry: Vec<u8>,
    line: usize,
    offset: u64,
    eof: bool,
}

impl<R: Read> JsonlReader<R> {
    /// Read `r` in chunks of about `chunk_bytes`.
    pub fn new(r: R, chunk_bytes: usize) -> Self {
        JsonlReader {
            r,
            chunk_bytes: chunk_bytes.max(1),
            carry: Vec::new(),
            line: 0,
            offset: 0,
            eof: false,
        }
    }

    /// The next chunk, `None` at the end.
    pub fn next_chunk(&mut self) -> std::io::Result<Option<Chunk>> {
        if self.eof && self.carry.is_empty() {
            return Ok(None);
        }
        let mut buf = std::mem::take(&mut self.carry);
        // read until the chunk is big enough and holds at least one line end
        loop {
            let have_line = memchr::memchr(b'\n', &buf).is_some();
            if self.eof || (buf.len() >= self.chunk_bytes && have_line) {
                break;
            }
            let want = self.chunk_bytes.max(1 << 16);
            // read into the spare capacity: no zero-filling of bytes about to be
            // overwritten; fewer bytes than asked for means the end of the input
            buf.reserve(want);
            let n = (&mut self.r).take(want as u64).read_to_end(&mut buf)?;
            if n < want {
                self.eof = true;
            }
        }
        let cut = if self.eof {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf).map_or(buf.len(), |i| i + 1)
        };
        self.carry = buf.split_off(cut);
        let mut lines = Vec::new();
        let mut start = 0;
        while start < buf.len() {
            let nl = memchr::memchr(b'\n', &buf[start..]).map_or(buf.len(), |i| start + i);
            let mut end = nl;
            if end > start && buf[end - 1] == b'\r' {
                end -= 1;
            }
            self.line += 1;
            lines.push(LineRef {
                line: self.line,
                offset: self.offset + start as u64,
                start,
                end,
            });
            start = nl + 1;
        }
        self.offset += buf.len() as u64;
        if buf.is_empty() && self.eof {
            return Ok(None);
        }
        Ok(Some(Chunk { buf, lines }))
    }
}

/// A JSONL record split around its text field: `before` + the field's JSON string +
/// `after` is the line, byte for byte.
#[derive(Debug)]
pub struct Record<'a> {
    /// The line up to the text field's value.
    pub before: &'a str,
    /// The text, unescaped.
    pub text: String,
    /// The line after the text field's value.
    pub after: &'a str,
    /// The record's id (see [`parse_record_with`]).
    pub id: Option<String>,
    /// Whether the record already has the top-level field asked about in
    /// [`parse_record_with`] (`--stats-field`).
    pub has_field: bool,
}

/// Why a JSONL line was not cleaned.
#[derive(Debug, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON, or not an object: the line is not written.
    Malformed(String),
    /// A JSON object without a string in the text field: written unchanged.
    NoText(String),
}

/// Split a JSONL line around the string field `field`. A leading byte-order mark is
/// kept in `before`.
pub fn parse_record<'a>(
    line: &'a [u8],
    field: &str,
) -> std::result::Result<Record<'a>, RecordError> {
    parse_record_with(line, field, None, None)
}

/// [`parse_record`], also taking the record's id from the field `id_field` (`meta.id`
/// reaches into nested objects; a string is taken as it is, a number or other value
/// as its JSON text, `null` or a missing field gives `None`), and saying whether the
/// top-level field `check_field` exists. Errors: as [`parse_record`]; a missing id is
/// not an error.
pub fn parse_record_with<'a>(
    line: &'a [u8],
    field: &str,
    id_field: Option<&str>,
    check_field: Option<&str>,
) -> std::result::Result<Record<'a>, RecordError> {
    // validated with SIMD; std's validator is asked again only for an invalid line,
    // for the byte the error names
    let s = simdutf8::basic::from_utf8(line).map_err(|_| {
        let at = std::str::from_utf8(line).map_or_else(|e| e.valid_up_to(), |_| line.len());
        RecordError::Malformed(format!("invalid UTF-8 at byte {at}"))
    })?;
    let body = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    // a long record: its text found with SIMD searches, serde_json parsing the rest
    // (`None` when that cannot be shown to give this parse's answer)
    if body.len() >= super::skeleton::MIN_LINE {
        if let Some(r) = super::skeleton::split(body, field, id_field, check_field) {
            let off = s.len() - body.len();
            return Ok(Record {
                before: &s[..off + r.start],
                text: r.text,
                after: &s[off + r.end + 1..],
                id: r.id,
                has_field: r.has_field,
            });
        }
    }
    parse_record_full(s, body, field, id_field, check_field)
}

/// [`parse_record_with`] on the validated line `s` (`body`: `s` without its byte-order
/// mark) by one serde_json parse of the whole line.
fn parse_record_full<'a>(
    s: &'a str,
    body: &'a str,
    field: &str,
    id_field: Option<&str>,
    check_field: Option<&str>,
) -> std::result::Result<Record<'a>, RecordError> {
    let wanted = Wanted {
        field,
        id: id_field,
        check: check_field,
    };
    let fields = wanted
        .parse(body)
        .map_err(|e| RecordError::Malformed(format!("invalid JSON: {e}")))?;
    let raw = match (fields.text, fields.text_twice) {
        (Some(raw), false) => raw,
        (None, _) => {
            return Err(RecordError::NoText(format!(
                "no field {field:?} (choose the field with --text-field); written unchanged"
            )))
        }
        (Some(_), true) => {
            return Err(RecordError::NoText(format!(
                "field {field:?} appears twice; written unchanged"
            )))
        }
    };
    // a string whose only escapes are of one character (`\n` at paragraph breaks),
    // or none (most records): its bytes between the quotes, which the parse above already checked
    // (no control character, valid UTF-8), copied in runs between the escapes in one
    // SIMD pass instead of a second JSON parse of the whole text
    let plain = match raw.get().as_bytes() {
        // (the string is valid: its first `"` not escaped is its last byte)
        [b'"', .., b'"'] => super::skeleton::string_end(raw.get(), 0).and_then(|(_, t)| t),
        _ => None,
    };
    let text: String = match plain {
        Some(text) => text,
        _ => serde_json::from_str(raw.get()).map_err(|e| {
        RecordError::NoText(if raw.get().starts_with('"') {
            // a string whose escapes name no character, such as a lone surrogate
            // (`"\ud800"`), which no UTF-8 text can hold
            let why = if has_surrogate_escape(raw.get()) {
                "it escapes a lone UTF-16 surrogate such as \\ud800, which names no character"
                    .to_string()
            } else {
                e.to_string()
            };
            format!("field {field:?} is a string that is not valid Unicode text ({why}); written unchanged")
        } else {
            format!(
                "field {field:?} is not a string (it is {}); written unchanged",
                json_kind(raw.get())
            )
        })
        })?,
    };
    let start = raw.get().as_ptr() as usize - s.as_ptr() as usize;
    let end = start + raw.get().len();
    Ok(Record {
        before: &s[..start],
        text,
        after: &s[end..],
        id: id_field.and_then(|f| lookup_id(&fields, f)),
        has_field: fields.has_check,
    })
}

/// Whether the JSON text `raw` holds a `\uD800`–`\uDFFF` escape (a surrogate; valid
/// only as half of a pair).
fn has_surrogate_escape(raw: &str) -> bool {
    raw.as_bytes().windows(4).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && w[2].eq_ignore_ascii_case(&b'd')
            && matches!(w[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
    })
}

/// What kind of JSON value `raw` is, for messages.
fn json_kind(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A source that can be read again at an offset (`--cross-doc drop` verifies
/// candidates against earlier documents by reading them back).
pub fn read_at(f: &File, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0; len];
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        f.read_exact_at(&mut buf, offset)?;
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < len {
            let n = f.seek_read(&mut buf[done..], offset + done as u64)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_its_first_bad_byte() {
        let mut line = r#"{"text": "中文"#.as_bytes().to_vec();
        line.extend_from_slice(&[0xE4, 0xB8, b'"', b'}']);
        assert_eq!(
            parse_record(&line, "text").unwrap_err(),
            RecordError::Malformed("invalid UTF-8 at byte 16".to_string())
        );
    }

    #[test]
    fn newline_escapes_are_read_as_serde_json_reads_them() {
        for text in [
            r#""a\nb\n\nc""#,
            r#""\n""#,
            r#""中\n文\\n""#,
            r#""x\\\ny""#,
            r#""\"\n\t""#,
            r#""\u4e2d\n""#,
        ] {
            let line = format!(r#"{{"text": {text}, "k": 1}}"#);
            let r = parse_record(line.as_bytes(), "text").unwrap();
            assert_eq!(
                r.text,
                serde_json::from_str::<String>(text).unwrap(),
                "{text}"
            );
            assert_eq!(format!("{}{text}{}", r.before, r.after), line);
        }
    }

    #[test]
    fn record_is_split_exactly() {
        let line = br#"{"id": 1.50, "text": "a\"b\u4e2d", "meta": {"x": [1,2]}}"#;
        let r = parse_record(line, "text").unwrap();
        assert_eq!(r.text, "a\"b中");
        assert_eq!(r.before, r#"{"id": 1.50, "text": "#);
        assert_eq!(r.after, r#", "meta": {"x": [1,2]}}"#);
    }

    #[test]
    fn ids_are_found_nested_and_as_json_text() {
        let line =
            br#"{"id": 7, "meta": {"id": "a-1", "n": {"k": [1]}}, "m.x": "dotted", "text": "t"}"#;
        let id = |f: &str| parse_record_with(line, "text", Some(f), None).unwrap().id;
        assert_eq!(id("id").as_deref(), Some("7"));
        assert_eq!(id("meta.id").as_deref(), Some("a-1"));
        assert_eq!(id("meta.n").as_deref(), Some(r#"{"k":[1]}"#));
        assert_eq!(id("m.x").as_deref(), Some("dotted"));
        assert_eq!(id("meta.missing"), None);
        assert_eq!(id("nothing"), None);
        let r = parse_record_with(line, "text", None, Some("meta")).unwrap();
        assert!(r.has_field);
    }

    #[test]
    fn field_names_with_escapes_are_matched_unescaped() {
        // a name the parser unescapes (owned) is compared as the plain one (borrowed)
        let r = parse_record_with(
            br#"{"te\u0078t":"\u4e2d\u6587","m\"x":1,"id":"a"}"#,
            "text",
            Some("id"),
            Some("m\"x"),
        )
        .expect("a record");
        assert_eq!(r.text, "中文");
        assert_eq!(r.id.as_deref(), Some("a"));
        assert!(r.has_field);
        assert_eq!(
            parse_record(br#"{"text":"a","t\u0065xt":"b"}"#, "text").err(),
            Some(RecordError::NoText(
                "field \"text\" appears twice; written unchanged".into()
            ))
        );
    }

    #[test]
    fn record_errors() {
        assert!(matches!(
            parse_record(b"{\"text\": ", "text"),
            Err(RecordError::Malformed(_))
        ));
        assert!(matches!(
            parse_record(b"[1]", "text"),
            Err(RecordError::Malformed(_))
        ));
        assert!(matches!(
            parse_record(b"{\"a\":1}", "text"),
            Err(RecordError::NoText(_))
        ));
        assert!(matches!(
            parse_record(b"{\"text\":null}", "text"),
            Err(RecordError::NoText(_))
        ));
        assert!(matches!(
            parse_record(b"{\"text\":\"a\",\"text\":\"b\"}", "text"),
            Err(RecordError::NoText(_))
        ));
    }

    #[test]
    fn reader_keeps_lines_whole_and_numbers_them() {
        let data = b"a\nbb\r\n\nccc";
        let mut r = JsonlReader::new(&data[..], 1);
        let mut got = Vec::new();
        while let Some(c) = r.next_chunk().unwrap() {
            for l in &c.lines {
                got.push((l.line, l.offset, c.buf[l.start..l.end].to_vec()));
            }
        }
        assert_eq!(
            got,
            vec![
                (1, 0, b"a".to_vec()),
                (2, 2, b"bb".to_vec()),
                (3, 6, b"".to_vec()),
                (4, 7, b"ccc".to_vec())
            ]
        );
    }
}

#[cfg(test)]
mod skeleton_tests {
    use super::super::skeleton::{split, string_end};
    use super::*;

    /// The fast split ([`super::super::skeleton`]), when it answers, equals the full parse.
    fn check(line: &str, field: &str, id: Option<&str>, check_field: Option<&str>) -> bool {
        let body = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        let Some(fast) = split(body, field, id, check_field) else {
            return false;
        };
        let full = parse_record_full(line, body, field, id, check_field)
            .unwrap_or_else(|e| panic!("fast path answered for a failing line {line:?}: {e:?}"));
        let off = line.len() - body.len();
        assert_eq!(&line[..off + fast.start], full.before, "{line:?}");
        assert_eq!(fast.text, full.text, "{line:?}");
        assert_eq!(&line[off + fast.end + 1..], full.after, "{line:?}");
        assert_eq!(fast.id, full.id, "{line:?}");
        assert_eq!(fast.has_field, full.has_field, "{line:?}");
        true
    }

    #[test]
    fn strings_are_unescaped_as_serde_json_does() {
        for inner in [
            "",
            "a",
            "中\\n文\\n",
            "\\n\\n",
            "x\\ty",
            "\\\\n",
            r#"\"q\" \/ \b\f\r"#,
        ] {
            let line = format!("\"{inner}\" ,");
            let (end, plain) = string_end(&line, 0).expect("a string");
            assert_eq!(end, inner.len() + 1, "{inner:?}");
            let serde = serde_json::from_str::<String>(&line[..=end]).ok();
            assert_eq!(plain, serde, "{inner:?}");
        }
        // `\u` and invalid escapes are left to serde_json
        for inner in [r"\u4e2d", r"a\x", r"\n\u0041"] {
            let line = format!("\"{inner}\"");
            assert_eq!(string_end(&line, 0).expect("a string").1, None, "{inner:?}");
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
            "\\t",
            "\\/",
            "\\b\\f\\r",
            "\\x",
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
        let mut next = crate::chars::xorshift(0x2545_f491_4f6c_dd1d);
        let mut fast = 0;
        for _ in 0..60_000 {
            let mut line = String::from(if next().is_multiple_of(2) {
                "{\"text\": \""
            } else {
                "{\"id\": 3, \"text\": \""
            });
            for _ in 0..next() % 12 {
                line.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            if !next().is_multiple_of(3) {
                line.push_str("\"}");
            }
            if check(&line, "text", Some("id"), Some("meta")) {
                fast += 1;
            }
        }
        assert!(fast > 1000, "{fast}");
    }
}
