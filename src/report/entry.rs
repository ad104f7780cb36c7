//! A report entry from a settled decision: input lines, byte and character ranges of
//! the removed span and of the kept copy, the matching key's hash and a preview
//! ([`removal`]), with the byte-to-character index ([`CharIndex`]) it needs.

use super::Removal;
use crate::detect::{Decision, Kept, Span};
use crate::fingerprint::sha256_hex;
use crate::segment::Line;

/// Byte offset to character offset, in O(log n + 4 KiB) per query after a linear build.
pub struct CharIndex<'a> {
    text: &'a str,
    /// (byte, chars before it) every ~4 KiB, at character boundaries.
    marks: Vec<(usize, usize)>,
}

impl<'a> CharIndex<'a> {
    /// Index `text`: the characters of each stretch of about 4 KiB are counted as
    /// the bytes that are not UTF-8 continuation bytes, by bytecount's SIMD count
    /// (on valid UTF-8 the same as `chars().count()`; a plain loop over the bytes
    /// was 8.8 M instructions of a 10 MB file's run, for the offsets of a hundred
    /// removals).
    pub fn new(text: &'a str) -> Self {
        const STEP: usize = 4096;
        let bytes = text.as_bytes();
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        marks.push((0, 0));
        let (mut at, mut chars) = (0, 0);
        loop {
            let mut end = at + STEP;
            if end >= text.len() {
                break;
            }
            while !text.is_char_boundary(end) {
                end += 1;
            }
            chars += bytecount::num_chars(&bytes[at..end]);
            marks.push((end, chars));
            at = end;
        }
        CharIndex { text, marks }
    }

    /// Characters before byte offset `b` (a character boundary).
    pub fn chars_before(&self, b: usize) -> usize {
        let i = self.marks.partition_point(|m| m.0 <= b) - 1;
        let (mb, mc) = self.marks[i];
        mc + bytecount::num_chars(&self.text.as_bytes()[mb..b])
    }
}

/// 1-based line number of byte offset `b`.
pub fn line_of(lines: &[Line], b: usize) -> usize {
    lines
        .partition_point(|l| l.next <= b)
        .min(lines.len().saturating_sub(1))
        + 1
}

/// The report entry for one decision; with `digest` false its `sha256` is left empty
/// (for a run whose outputs print no digest: hashing every removed copy's key is not
/// free).
pub fn removal(
    text: &str,
    lines: &[Line],
    idx: &CharIndex<'_>,
    d: &Decision,
    digest: bool,
) -> Removal {
    let (c0, c1) = (idx.chars_before(d.span.start), idx.chars_before(d.span.end));
    let last = |e: Span| line_of(lines, e.end.saturating_sub(1).max(e.start));
    let preview: String = text[d.content.range()].chars().take(32).collect();
    // no surviving copy (boilerplate): `kept` is [0, 0] (lines are 1-based)
    let (kept, kept_byte_range) = match d.kept {
        Kept::Copy(k) => ([line_of(lines, k.start), last(k)], [k.start, k.end]),
        Kept::EarlierWindow { lines, bytes } => (lines, [bytes.start, bytes.end]),
        Kept::None => ([0, 0], [0, 0]),
    };
    Removal {
        kind: d.kind,
        evidence: d.evidence,
        lines: [line_of(lines, d.content.start), last(d.content)],
        kept,
        byte_range: [d.span.start, d.span.end],
        char_range: [c0, c1],
        kept_byte_range,
        chars: c1 - c0,
        similarity: d.similarity,
        sha256: if digest {
            sha256_hex(d.key_parts.iter().map(String::as_str))
        } else {
            String::new()
        },
        preview,
        rule: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_before_counts_characters_at_every_boundary() {
        let mut text = String::new();
        for i in 0..6000 {
            text.push_str(["a", "é", "中", "𝄞", "，\n"][(i * 7 + i / 3) % 5]);
        }
        let part = text.char_indices().nth(700).map_or(0, |(b, _)| b);
        for t in [&text[..0], "中", &text[..part], &text[..]] {
            let idx = CharIndex::new(t);
            for (chars, (b, _)) in t.char_indices().enumerate() {
                assert_eq!(idx.chars_before(b), chars);
            }
            assert_eq!(idx.chars_before(t.len()), t.chars().count());
        }
    }
}
