//! The report model: what was removed, where and why, and what normalization changed.
//! One model, rendered by the printers in `printer`. The JSON form is a versioned
//! contract (see `README.md`, “Report”): fields may be added, none renamed without a
//! new [`SCHEMA_VERSION`]. Statistics add: a summary is the sum of its documents.

use crate::detect::{Decision, Kind};
use crate::fingerprint::sha256_hex;
use crate::normalize::text::TextStats;
use crate::segment::Line;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the JSON report schema.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole run: every document and their sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// One entry per document, in input order.
    pub documents: Vec<DocReport>,
    /// The sum over `documents`.
    pub summary: Summary,
}

impl Report {
    /// A report over these documents, with its summary.
    pub fn new(documents: Vec<DocReport>) -> Self {
        let summary = Summary::of(&documents);
        Report {
            schema_version: SCHEMA_VERSION,
            documents,
            summary,
        }
    }
}

/// One document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocReport {
    /// The input path, `null` for stdin.
    pub path: Option<String>,
    /// The encoding the input was decoded from.
    pub encoding: String,
    /// Whether the input started with a byte-order mark (dropped; offsets exclude it).
    pub bom: bool,
    /// Undecodable byte sequences replaced by U+FFFD (`--lossy`).
    pub replaced_bytes: usize,
    /// Input byte offsets of the first (at most 100) replaced sequences.
    pub replaced_at: Vec<usize>,
    /// Characters of the decoded input.
    pub chars_in: usize,
    /// Characters removed as duplicates (the sum of `removed[].chars`).
    pub chars_removed: usize,
    /// Characters of the cleaned output, after normalization.
    pub chars_out: usize,
    /// `chars_removed / chars_in` (0 for an empty input).
    pub dup_ratio: f64,
    /// Script detection and conversion.
    pub script: ScriptReport,
    /// What whitespace and punctuation normalization changed.
    pub normalization: TextStats,
    /// Lines that look like page furniture, kept because `--strip-boilerplate` was off.
    pub boilerplate_candidates: usize,
    /// Every removal, in input order.
    pub removed: Vec<Removal>,
}

/// Script facts of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptReport {
    /// `traditional`, `simplified`, `mixed` or `none`.
    pub detected: String,
    /// Characters found only in Traditional text.
    pub traditional_chars: usize,
    /// Characters found only in Simplified text.
    pub simplified_chars: usize,
    /// The `--to` target.
    pub target: String,
    /// Characters the converter changed.
    pub converted_chars: usize,
    /// Lines handed to the converter (lines with nothing to convert are skipped).
    pub converted_lines: usize,
    /// The converter backend.
    pub converter: String,
}

/// One removal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removal {
    /// Why it was removed.
    pub kind: Kind,
    /// 1-based inclusive input lines of the removed content.
    pub lines: [usize; 2],
    /// 1-based inclusive input lines of the copy that was kept.
    pub kept: [usize; 2],
    /// 0-based half-open byte range removed from the decoded input (includes the line
    /// breaks and blank lines that went with it).
    pub byte_range: [usize; 2],
    /// The same range in characters.
    pub char_range: [usize; 2],
    /// Byte range of the kept copy's content.
    pub kept_byte_range: [usize; 2],
    /// Characters removed (`char_range[1] - char_range[0]`).
    pub chars: usize,
    /// Similarity of the two copies' matching keys, 1.0 for exact copies.
    pub similarity: f64,
    /// SHA-256 of the removed copy's matching key (parts joined by `\n`).
    pub sha256: String,
    /// The first characters of the removed content, for people.
    pub preview: String,
}

/// Sums over documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Documents processed.
    pub documents: usize,
    /// Input characters.
    pub chars_in: usize,
    /// Characters removed as duplicates.
    pub chars_removed: usize,
    /// Output characters.
    pub chars_out: usize,
    /// `chars_removed / chars_in`.
    pub dup_ratio: f64,
    /// Number of removals by kind.
    pub removals_by_kind: BTreeMap<String, usize>,
}

impl Summary {
    /// The sum over `docs`.
    pub fn of(docs: &[DocReport]) -> Summary {
        let mut s = Summary {
            documents: docs.len(),
            ..Summary::default()
        };
        for d in docs {
            s.chars_in += d.chars_in;
            s.chars_removed += d.chars_removed;
            s.chars_out += d.chars_out;
            for r in &d.removed {
                *s.removals_by_kind
                    .entry(r.kind.as_str().to_string())
                    .or_default() += 1;
            }
        }
        s.dup_ratio = ratio(s.chars_removed, s.chars_in);
        s
    }
}

/// `a / b` rounded to six decimals, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        (a as f64 / b as f64 * 1e6).round() / 1e6
    }
}

/// Byte offset to character offset, in O(log n + 1 KiB) per query after a linear build.
pub struct CharIndex<'a> {
    text: &'a str,
    /// (byte, chars before it) every ~1 KiB, at character boundaries.
    marks: Vec<(usize, usize)>,
}

impl<'a> CharIndex<'a> {
    /// Index `text`.
    pub fn new(text: &'a str) -> Self {
        let mut marks = vec![(0, 0)];
        let mut next = 1024;
        for (chars, (b, _)) in text.char_indices().enumerate() {
            if b >= next {
                marks.push((b, chars));
                next = b + 1024;
            }
        }
        CharIndex { text, marks }
    }

    /// Characters before byte offset `b` (a character boundary).
    pub fn chars_before(&self, b: usize) -> usize {
        let i = self.marks.partition_point(|m| m.0 <= b) - 1;
        let (mb, mc) = self.marks[i];
        mc + self.text[mb..b].chars().count()
    }
}

/// 1-based line number of byte offset `b`.
pub fn line_of(lines: &[Line], b: usize) -> usize {
    lines
        .partition_point(|l| l.next <= b)
        .min(lines.len().saturating_sub(1))
        + 1
}

/// The report entry for one decision.
pub fn removal(text: &str, lines: &[Line], idx: &CharIndex<'_>, d: &Decision) -> Removal {
    let (c0, c1) = (idx.chars_before(d.span.0), idx.chars_before(d.span.1));
    let last = |e: (usize, usize)| line_of(lines, e.1.saturating_sub(1).max(e.0));
    let preview: String = text[d.content.0..d.content.1].chars().take(32).collect();
    Removal {
        kind: d.kind,
        lines: [line_of(lines, d.content.0), last(d.content)],
        kept: [line_of(lines, d.kept.0), last(d.kept)],
        byte_range: [d.span.0, d.span.1],
        char_range: [c0, c1],
        kept_byte_range: [d.kept.0, d.kept.1],
        chars: c1 - c0,
        similarity: d.similarity,
        sha256: sha256_hex(d.key_parts.iter().map(String::as_str)),
        preview,
    }
}
