//! Duplicate detection: decisions with reasons. Works on matching keys, decides which
//! copy survives, and returns removals as byte spans of the input. Nothing here edits
//! text; `clean` applies the decisions and `report` describes them.

pub mod exact;

use crate::config::{Config, KeepPolicy};
use crate::normalize::key::{push_key, push_key_tally, KeyHash};
use crate::normalize::script::{ScriptCounts, ScriptTables};
use crate::segment::{self, Line};
use serde::{Deserialize, Serialize};

/// Why something was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A run of two or more consecutive paragraphs repeating an earlier run.
    Block,
    /// One paragraph repeating an earlier one.
    Paragraph,
    /// One sentence (or a run of adjacent sentences) repeating earlier ones.
    Sentence,
    /// A paragraph that nearly repeats an earlier one.
    NearParagraph,
    /// The second copy of a body doubled inside one line (no line breaks).
    InlineBlock,
    /// The overlap where two pages were stitched: the start of page 2 repeating the
    /// end of page 1.
    Stitch,
    /// Page furniture (share widgets, copyright lines, editor credits), with
    /// `--strip-boilerplate`.
    Boilerplate,
    /// A paragraph seen in an earlier document of the batch.
    CrossDocument,
}

impl Kind {
    /// The name used in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Block => "block",
            Kind::Paragraph => "paragraph",
            Kind::Sentence => "sentence",
            Kind::NearParagraph => "near_paragraph",
            Kind::InlineBlock => "inline_block",
            Kind::Stitch => "stitch",
            Kind::Boilerplate => "boilerplate",
            Kind::CrossDocument => "cross_document",
        }
    }
}

/// One removal decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Why.
    pub kind: Kind,
    /// Bytes removed from the input (half-open). Includes line terminators and blank
    /// lines that would otherwise be left behind.
    pub span: (usize, usize),
    /// The removed content itself (no trailing terminator), for line numbers.
    pub content: (usize, usize),
    /// The surviving copy's content.
    pub kept: (usize, usize),
    /// Similarity of the two copies' keys (1.0 for exact copies).
    pub similarity: f64,
    /// The matching-key parts of the removed copy, for the digest.
    pub key_parts: Vec<String>,
}

/// A paragraph (non-blank line) with its matching key.
#[derive(Debug, Clone)]
pub struct Para {
    /// Index into the document's lines.
    pub line: usize,
    /// Byte span of the line's text.
    pub start: usize,
    /// End of the line's text.
    pub end: usize,
    /// Key length in characters.
    pub key_chars: usize,
    /// Lookup hash of the key.
    pub hash: u64,
    /// Range of this paragraph's sentences in [`Analysis::sentences`].
    pub sentences: (usize, usize),
}

/// A sentence with the hash of its matching key.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// Byte span in the input.
    pub span: (usize, usize),
    /// Key length in characters.
    pub key_chars: usize,
    /// Lookup hash of the key.
    pub hash: u64,
}

/// A document segmented and keyed, ready for detection. Only key *hashes* are kept
/// (a few dozen bytes per sentence); a key itself is recomputed from the input when a
/// hash matches, to confirm the match and for the report's digest.
pub struct Analysis<'a> {
    /// The input text.
    pub text: &'a str,
    /// Its lines.
    pub lines: Vec<Line>,
    /// Its paragraphs.
    pub paras: Vec<Para>,
    /// Every sentence of every paragraph, in order.
    pub sentences: Vec<Sentence>,
    /// Script statistics of the whole input.
    pub script: ScriptCounts,
    tables: &'static ScriptTables,
}

impl<'a> Analysis<'a> {
    /// Segment `text` into lines and sentences and compute every key in one pass over
    /// the characters. Linear in the input.
    pub fn new(text: &'a str, tables: &'static ScriptTables) -> Self {
        let lines = segment::lines(text);
        let mut paras = Vec::with_capacity(lines.len());
        let mut sentences = Vec::with_capacity(lines.len() * 2);
        let mut script = ScriptCounts::default();
        for (i, l) in lines.iter().enumerate() {
            let t = l.text(text);
            if segment::is_blank(t) {
                continue;
            }
            let s0 = sentences.len();
            let mut key_chars = 0;
            let mut ph = KeyHash::default();
            for span in segment::sentences(text, l.start, l.end) {
                let mut sh = KeyHash::default();
                let n = push_key_tally(
                    tables,
                    &text[span.0..span.1],
                    &mut (&mut ph, &mut sh),
                    &mut script,
                );
                key_chars += n;
                sentences.push(Sentence {
                    span,
                    key_chars: n,
                    hash: sh.0,
                });
            }
            paras.push(Para {
                line: i,
                start: l.start,
                end: l.end,
                key_chars,
                hash: ph.0,
                sentences: (s0, sentences.len()),
            });
        }
        Analysis {
            text,
            lines,
            paras,
            sentences,
            script,
            tables,
        }
    }

    /// The matching key of a span of the input.
    pub fn key_of(&self, span: (usize, usize)) -> String {
        let mut k = String::new();
        push_key(self.tables, &self.text[span.0..span.1], &mut k);
        k
    }

    /// The key of sentence `i`.
    pub fn sentence_key(&self, i: usize) -> String {
        self.key_of(self.sentences[i].span)
    }

    /// Whether sentences `i` and `j` have the same key (hash first, then the keys).
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.sentences[i].hash == self.sentences[j].hash
            && self.sentences[i].key_chars == self.sentences[j].key_chars
            && self.sentence_key(i) == self.sentence_key(j)
    }

    /// The key of paragraph `i`.
    pub fn key(&self, i: usize) -> String {
        self.key_of((self.paras[i].start, self.paras[i].end))
    }

    /// Whether paragraphs `i` and `j` have the same key (hash first, then the keys).
    pub fn same_para(&self, i: usize, j: usize) -> bool {
        self.paras[i].hash == self.paras[j].hash
            && self.paras[i].key_chars == self.paras[j].key_chars
            && self.key(i) == self.key(j)
    }

    /// Byte offset where the first non-blank line after paragraph `i` starts, or the
    /// end of the text.
    pub fn after_para(&self, i: usize) -> usize {
        self.paras
            .get(i + 1)
            .map(|p| self.lines[p.line].start)
            .unwrap_or(self.text.len())
    }
}

/// Run every detector the configuration asks for; decisions come back sorted by span
/// and never overlap.
pub fn detect(a: &Analysis<'_>, cfg: &Config) -> Vec<Decision> {
    let mut removed = vec![false; a.paras.len()];
    let mut out = exact::paragraphs(a, cfg, &mut removed);
    out.extend(exact::sentences(a, cfg, &removed));
    out.sort_by_key(|d| d.span);
    out
}

/// Whether a keep policy says to keep the later copy; `auto_later` is what the
/// article-reading rule decided.
pub fn keep_later(policy: KeepPolicy, auto_later: bool) -> bool {
    match policy {
        KeepPolicy::First => false,
        KeepPolicy::Last => true,
        KeepPolicy::Auto => auto_later,
    }
}
