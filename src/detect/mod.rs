//! Duplicate detection: decisions with reasons. Works on matching keys, decides which
//! copy survives, and returns removals as byte spans of the input. Nothing here edits
//! text; `clean` applies the decisions and `report` describes them.

pub mod align;
pub mod boilerplate;
pub mod earlier_window;
pub mod evidence;
pub mod exact;
pub mod inline;
mod keying;
pub mod near;
pub mod registry;

pub use near::{near_score, NEAR_CONTAINED, NEAR_MIN_SIZE_RATIO};

use crate::config::{Config, KeepPolicy};
use crate::fingerprint::{BigramSet, SKETCH};
use crate::normalize::key::push_key;
use crate::normalize::script::{ScriptCounts, ScriptTables};
use crate::segment::{self, Line};
pub use evidence::Evidence;
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

/// A half-open byte span of a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Its length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether it holds no byte.
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// As a range, for slicing.
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl From<(usize, usize)> for Span {
    fn from((start, end): (usize, usize)) -> Self {
        Span { start, end }
    }
}

/// Where the copy that survives a removal is. The report writes it as `kept` (lines)
/// and `kept_byte_range`; both are `[0, 0]` for [`Kept::None`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// A copy in the same text: its content's bytes.
    Copy(Span),
    /// A copy in an earlier window of the same input (see `windows`), which is no
    /// longer in memory: its 1-based first and last lines and its bytes, both in the
    /// whole input.
    EarlierWindow {
        /// 1-based inclusive lines of the whole input.
        lines: [usize; 2],
        /// Bytes of the whole input.
        bytes: Span,
    },
    /// No copy survives (boilerplate: every occurrence is removed).
    None,
}

/// One removal decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Why.
    pub kind: Kind,
    /// The structural evidence that it is a copy (see [`evidence`]).
    pub evidence: Evidence,
    /// Bytes removed from the input (half-open). Includes line terminators and blank
    /// lines that would otherwise be left behind.
    pub span: Span,
    /// The removed content itself (no trailing terminator), for line numbers.
    pub content: Span,
    /// The surviving copy.
    pub kept: Kept,
    /// Similarity of the two copies' keys (1.0 for exact copies).
    pub similarity: f64,
    /// The matching-key parts of the removed copy, for the digest.
    pub key_parts: Vec<String>,
    /// For evidence `rule`: the boilerplate rule that fired (its index in the
    /// cleaner's [`boilerplate::Rules`], named by [`boilerplate::Rules::label`]).
    pub rule: Option<usize>,
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
    /// Bottom-k sketch of the key's bigrams, for near-duplicate candidates. Read
    /// only for a key of [`NEAR_MIN_CHARS`] characters or more (`near` and the
    /// aligner's screen): a shorter key's may be left unmade (every slot
    /// `u64::MAX`, as for a key with no bigram).
    pub sketch: [u64; SKETCH],
    /// The line's form and heading tests ([`evidence::shape`]), made in the key pass
    /// and carried with the paragraph by [`Analysis::carry`].
    pub shape: evidence::Shape,
    /// Whether the key holds 图, 摄 or 视 ([`evidence::CAPTION_HINT_LINE`]), one of
    /// which every caption mark of a line holds; when not, [`Analysis::roles`] does
    /// not search the line for them. Made in the key pass, carried as `shape`.
    pub may_hold_caption_line: bool,
    /// Whether the key is its sentences' keys concatenated, each
    /// [`Sentence::key_chars`] long ([`crate::normalize::key::sentence_keys_concatenate`]
    /// held and the lengths add up): then the key of a run of its sentences is a
    /// slice of it ([`Analysis::key_of`]).
    pub sentence_keys: bool,
}

/// A sentence with the hash of its matching key.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// Byte span in the input.
    pub span: (usize, usize),
    /// Key length in characters.
    pub key_chars: usize,
    /// Where its key starts in its paragraph's key when that is its sentences' keys
    /// concatenated ([`Para::sentence_keys`]): the key characters of the sentences
    /// before it in the paragraph.
    pub key_at: usize,
    /// Lookup hash of the key.
    pub hash: u64,
    /// Whether the key holds what every caption mark's key holds (图 or 摄, or the
    /// pair 提供 or 资料: [`evidence::caption_hint_in_key`]); when not, the sentence
    /// is no caption and [`evidence::is_caption_sentence`] need not read it.
    pub may_be_caption: bool,
}

/// A document segmented and keyed, ready for detection. Each paragraph's key is kept
/// (built with the hashes, as characters in one vector per analysis: four bytes a
/// character), a sentence's only as its hash, its key recomputed from the input
/// when a hash matches, to confirm the match and for the report's digest.
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
    /// The byte spans of the lines whose key pass counted a character partial mode
    /// into Simplified may change ([`ScriptCounts::partial_t2s`]), in order; `None`
    /// for a carried analysis ([`Analysis::carry`]), which keys only some lines.
    pub partial_lines: Option<Vec<(usize, usize)>>,
    tables: &'static ScriptTables,
    /// Each paragraph's role, computed on first use ([`Analysis::roles`]).
    roles: std::sync::OnceLock<std::sync::Arc<evidence::Roles>>,
    /// For a carried analysis ([`Analysis::carry`]): the roles the analysis it
    /// carries lines from had computed by then, if any, and for each paragraph the
    /// index of the paragraph of that analysis it is an unchanged copy of.
    carried_roles: Option<(std::sync::Arc<evidence::Roles>, Vec<Option<u32>>)>,
    /// The key texts of the paragraphs' keys: the last this analysis' own, those
    /// before it shared with the analysis it carries lines from, not copied.
    key_texts: Vec<std::sync::Arc<Vec<char>>>,
    /// Where each paragraph's key is in [`Analysis::key_texts`] ([`Analysis::key_chars`]).
    para_keys: Vec<KeyAt>,
    /// Each paragraph's key bigrams, computed on first use ([`Analysis::bigrams`]),
    /// shared as the keys are.
    para_bigrams: Vec<std::sync::OnceLock<BigramSet>>,
}

/// Where a paragraph's key is: characters `start..end` of key text `text` of its
/// analysis.
#[derive(Debug, Clone, Copy)]
struct KeyAt {
    text: usize,
    start: usize,
    end: usize,
}

/// Where a line of a carried text came from in the previous one (see
/// [`Analysis::carry`]).
type Origin<'f> = dyn Fn(usize, usize) -> Option<usize> + 'f;

impl<'a> Analysis<'a> {
    /// The role of each paragraph (`evidence::roles_hinted`), computed once and
    /// shared by every detector. A carried analysis ([`Analysis::carry`]) takes the
    /// role of a paragraph it carries unchanged from the analysis it carries it from,
    /// when that one had computed its roles and the paragraph follows the same
    /// summary state ([`evidence::role_step`]: then the role is the same); the other
    /// paragraphs are read.
    pub fn roles(&self) -> &[evidence::Role] {
        let carried = self.carried_roles.as_ref();
        let roles = self.roles.get_or_init(|| {
            let paras = self.paras.iter().enumerate().map(|(i, p)| {
                let caption = p.may_hold_caption_line;
                let from = carried.and_then(|(_, from)| from[i]);
                let heading = p.shape.heading_trimmed;
                (
                    &self.text[p.start..p.end],
                    p.key_chars,
                    caption,
                    from,
                    heading,
                )
            });
            let prev = carried.map(|(r, _)| &**r);
            std::sync::Arc::new(evidence::roles_carried(paras, prev))
        });
        &roles.roles
    }

    /// Segment `text` into lines and sentences and compute every key in one pass over
    /// the characters. Linear in the input.
    pub fn new(text: &'a str, tables: &'static ScriptTables) -> Self {
        Self::build(text, segment::lines(text), tables, None)
    }

    /// `text` (its `lines`: `segment::lines(text)`, which `fixpoint` derives from
    /// `prev`'s) analysed as [`Analysis::new`] would, reusing `prev`'s work for every
    /// line that is an unchanged copy of one of `prev`'s paragraphs (`fixpoint`: the
    /// survivor of the removals made so far is mostly the input's lines).
    /// `origin(start, end)` gives the byte offset in `prev.text` that the bytes
    /// `start..end` of `text` (a line without its terminator) were copied from, in
    /// one stretch, or `None`. Sentences are segmented within a line and keys depend
    /// only on the line's text, so a line found at a paragraph's exact span of
    /// `prev` keeps that paragraph's sentences (shifted), key hashes, sketch, and
    /// the key and bigram set `prev` already built; other lines are keyed afresh.
    /// `script` is `prev`'s (no detector reads it). Linear in the lines, plus the
    /// characters of the lines keyed afresh.
    pub fn carry(
        text: &'a str,
        lines: Vec<Line>,
        prev: &Analysis<'_>,
        origin: impl Fn(usize, usize) -> Option<usize>,
    ) -> Self {
        Self::build(text, lines, prev.tables, Some((prev, &origin)))
    }

    /// [`Analysis::new`], or [`Analysis::carry`] when `prev` (and its `origin`) is given.
    fn build(
        text: &'a str,
        lines: Vec<Line>,
        tables: &'static ScriptTables,
        prev: Option<(&Analysis<'_>, &Origin<'_>)>,
    ) -> Self {
        let mut paras = Vec::with_capacity(lines.len());
        let mut sentences =
            Vec::with_capacity(prev.map_or(lines.len() * 2, |p| p.0.sentences.len()));
        let mut para_keys = Vec::with_capacity(lines.len());
        let mut key_texts = prev.map_or_else(Vec::new, |p| p.0.key_texts.clone());
        let own = key_texts.len();
        // (a key has about a character per character of Chinese text, a third of
        // its bytes)
        let mut keys = Vec::with_capacity(if prev.is_some() {
            0
        } else {
            text.len() / 3 + 1
        });
        let mut para_bigrams = Vec::with_capacity(lines.len());
        // (for a carried analysis: each paragraph's origin in `prev`)
        let mut from: Vec<Option<u32>> = Vec::new();
        let mut script = ScriptCounts::default();
        let mut partial_lines = Vec::new();
        let mut scratch = keying::Scratch::take();
        // (carried: origins ascend; each paragraph of `prev` is stepped to, not searched)
        let mut next_k = 0;
        for (i, l) in lines.iter().enumerate() {
            if let Some((prev, origin)) = prev {
                let found = origin(l.start, l.end).and_then(|at| {
                    let mut k = next_k;
                    if k > 0 && prev.paras[k - 1].start >= at {
                        k = prev.paras.partition_point(|p| p.start < at);
                    }
                    while k < prev.paras.len() && prev.paras[k].start < at {
                        k += 1;
                    }
                    next_k = k;
                    prev.paras
                        .get(k)
                        .filter(|p| p.start == at && p.end - p.start == l.end - l.start)
                        .map(|_| (k, at))
                });
                if let Some((k, at)) = found {
                    let q = &prev.paras[k];
                    let s0 = sentences.len();
                    sentences.extend(prev.sentences[q.sentences.0..q.sentences.1].iter().map(
                        |s| Sentence {
                            span: (s.span.0 - at + l.start, s.span.1 - at + l.start),
                            ..*s
                        },
                    ));
                    paras.push(Para {
                        line: i,
                        start: l.start,
                        end: l.end,
                        sentences: (s0, sentences.len()),
                        ..q.clone()
                    });
                    para_keys.push(prev.para_keys[k]);
                    para_bigrams.push(prev.para_bigrams[k].clone());
                    from.push(u32::try_from(k).ok());
                    continue;
                }
            }
            if segment::is_blank(l.text(text)) {
                continue;
            }
            let k0 = keys.len();
            let partial0 = script.partial_t2s;
            let p = keying::key_line(
                text,
                tables,
                (i, l),
                &mut scratch,
                &mut sentences,
                &mut script,
                &mut keys,
            );
            paras.push(p);
            if script.partial_t2s != partial0 {
                partial_lines.push((l.start, l.end));
            }
            if prev.is_some() {
                from.push(None);
            }
            para_keys.push(KeyAt {
                text: own,
                start: k0,
                end: keys.len(),
            });
            para_bigrams.push(std::sync::OnceLock::new());
        }
        keying::Scratch::give_back(scratch);
        key_texts.push(std::sync::Arc::new(keys));
        Analysis {
            text,
            lines,
            paras,
            sentences,
            script: prev.map_or(script, |p| p.0.script),
            partial_lines: prev.is_none().then_some(partial_lines),
            tables,
            roles: std::sync::OnceLock::new(),
            carried_roles: prev.and_then(|(p, _)| Some((p.roles.get()?.clone(), from))),
            key_texts,
            para_keys,
            para_bigrams,
        }
    }

    /// The script tables the keys were built with.
    pub fn tables(&self) -> &'static ScriptTables {
        self.tables
    }

    /// The matching key of a span of the input. A span from the start of a
    /// paragraph or of one of its sentences to the end of one of its sentences is
    /// read from the paragraph's key ([`Para::sentence_keys`]); any other span is
    /// keyed from the text.
    pub fn key_of(&self, span: (usize, usize)) -> String {
        if let Some(k) = self.sentence_run_key(span) {
            return k.iter().collect();
        }
        let mut k = String::new();
        push_key(self.tables, &self.text[span.0..span.1], &mut k);
        k
    }

    /// [`Analysis::key_of`] as characters: borrowed from the paragraph's key for a
    /// run of its sentences, keyed from the text for any other span.
    pub fn key_chars_of(&self, span: (usize, usize)) -> std::borrow::Cow<'_, [char]> {
        match self.sentence_run_key(span) {
            Some(k) => std::borrow::Cow::Borrowed(k),
            None => {
                let mut k = Vec::new();
                push_key(self.tables, &self.text[span.0..span.1], &mut k);
                std::borrow::Cow::Owned(k)
            }
        }
    }

    /// The key characters of `span` as a slice of its paragraph's key, when `span`
    /// runs from the start of a paragraph (or of one of its sentences) to the end
    /// of one of its sentences and the paragraph's key is its sentences' keys
    /// concatenated: the key of consecutive sentences is then theirs concatenated,
    /// as for the whole line (what lies between them has no key character, and
    /// none of them but the line's last ends in a digit or a separator).
    fn sentence_run_key(&self, span: (usize, usize)) -> Option<&[char]> {
        let pi = self
            .paras
            .partition_point(|p| p.start <= span.0)
            .checked_sub(1)?;
        let p = &self.paras[pi];
        if !p.sentence_keys || span.1 > p.end || span.0 > span.1 {
            return None;
        }
        let ss = &self.sentences[p.sentences.0..p.sentences.1];
        // (the sentences tile the line in order: their starts and ends ascend, so
        // the first sentence starting or ending at an offset is found by halving)
        let a = if span.0 == p.start {
            0
        } else {
            let a = ss.partition_point(|s| s.span.0 < span.0);
            if ss.get(a)?.span.0 != span.0 {
                return None;
            }
            a
        };
        let b = a + ss.get(a..)?.partition_point(|s| s.span.1 < span.1);
        let (first, last) = (ss.get(a)?, ss.get(b).filter(|s| s.span.1 == span.1)?);
        let skip = first.key_at;
        let len = last.key_at + last.key_chars - skip;
        self.key_chars(pi).get(skip..skip + len)
    }

    /// The key of sentence `i`.
    pub fn sentence_key(&self, i: usize) -> String {
        self.key_of(self.sentences[i].span)
    }

    /// Whether sentence `si` is a short photo credit ([`evidence::is_credit`]; only
    /// sentences whose key holds a caption mark's opener are read).
    pub fn is_credit(&self, si: usize) -> bool {
        let s = &self.sentences[si];
        s.may_be_caption && evidence::is_credit(&self.text[s.span.0..s.span.1], s.key_chars)
    }

    /// Whether sentences `i` and `j` have the same key (hash first, then the keys).
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.sentences[i].hash == self.sentences[j].hash
            && self.sentences[i].key_chars == self.sentences[j].key_chars
            && self.key_chars_of(self.sentences[i].span)
                == self.key_chars_of(self.sentences[j].span)
    }

    /// The key of paragraph `i`, as a new string (see [`Analysis::key_chars`]).
    pub fn key(&self, i: usize) -> String {
        self.key_chars(i).iter().collect()
    }

    /// The key of paragraph `i` ([`Analysis::key_of`] its span) as characters,
    /// built in the key pass and kept: a paragraph of a large document is compared
    /// with many candidates, and the aligner concatenates the keys.
    pub fn key_chars(&self, i: usize) -> &[char] {
        let k = self.para_keys[i];
        &self.key_texts[k.text][k.start..k.end]
    }

    /// The distinct bigrams of paragraph `i`'s key ([`BigramSet`]), computed once
    /// per paragraph.
    pub fn bigrams(&self, i: usize) -> &BigramSet {
        self.para_bigrams[i].get_or_init(|| BigramSet::of_chars(self.key_chars(i)))
    }

    /// Near-duplicate similarity of paragraphs `i` and `j`; see [`near_score`].
    pub fn near_similarity(&self, i: usize, j: usize) -> f64 {
        near_score(self.bigrams(i), self.bigrams(j))
    }

    /// Whether paragraphs `i` and `j` have the same key (hash first, then the keys).
    pub fn same_para(&self, i: usize, j: usize) -> bool {
        self.paras[i].hash == self.paras[j].hash
            && self.paras[i].key_chars == self.paras[j].key_chars
            && self.key_chars(i) == self.key_chars(j)
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

/// Run every detector of [`registry::REGISTRY`] that the configuration does not
/// disable, in the registry's order; decisions come back sorted by span and never
/// overlap.
///
/// Order: boilerplate lines (when stripped), copies of whole lines aligned on the
/// sentence sequence, lone near-duplicate paragraphs, bodies doubled inside one
/// line, then sentences in what is left. One pass; `fixpoint::settle` runs it again
/// on what survives. Each stage skips what an earlier stage
/// removed.
pub fn detect(a: &Analysis<'_>, cfg: &Config, rules: &boilerplate::Rules) -> Detected {
    detect_after(a, cfg, rules, &[])
}

/// A detector a driver adds before the rows of [`registry::REGISTRY`], with the name
/// its decisions carry in [`registry::Earlier::decisions`] (a window of a large input
/// adds [`earlier_window::EarlierWindow`]).
pub type Extra<'d> = (&'static str, &'d dyn registry::Detector);

/// [`detect`], with the `extra` detectors a driver adds running first, in order: the
/// paragraphs they remove are marked removed, so no registry detector looks at them
/// again.
pub fn detect_after(
    a: &Analysis<'_>,
    cfg: &Config,
    rules: &boilerplate::Rules,
    extra: &[Extra<'_>],
) -> Detected {
    detect_memo(a, cfg, rules, extra, &mut registry::Memo::default())
}

/// [`detect_after`] with what earlier passes over the same input left in `memo`
/// (`fixpoint::settle`; see [`registry::Memo`]); the memo is updated for the next
/// pass. Same decisions as [`detect_after`].
pub fn detect_memo(
    a: &Analysis<'_>,
    cfg: &Config,
    rules: &boilerplate::Rules,
    extra: &[Extra<'_>],
    memo: &mut registry::Memo,
) -> Detected {
    let mut earlier = registry::Earlier {
        removed: vec![false; a.paras.len()],
        decisions: Vec::new(),
        boilerplate_candidates: 0,
        memo: std::mem::take(memo),
    };
    for &(name, detector) in extra {
        let found = detector.detect(a, cfg, rules, &mut earlier);
        earlier
            .decisions
            .extend(found.into_iter().map(|d| (name, d)));
    }
    for entry in registry::REGISTRY {
        if !registry::enabled(cfg, entry.name) {
            continue;
        }
        let found = entry.detector.detect(a, cfg, rules, &mut earlier);
        earlier
            .decisions
            .extend(found.into_iter().map(|d| (entry.name, d)));
    }
    let registry::Earlier {
        removed,
        decisions,
        boilerplate_candidates: candidates,
        memo: kept,
    } = earlier;
    *memo = kept;
    let out: Vec<Decision> = decisions.into_iter().map(|(_, d)| d).collect();
    Detected {
        decisions: settle(out),
        boilerplate_candidates: candidates,
        removed,
        lines_ended: a.lines.iter().filter(|l| l.next > l.end).count(),
    }
}

/// Put decisions in input order, make them disjoint (a later-starting removal gives up
/// what an earlier one already took), and point every `kept` at a copy that really
/// survives: when the copy a removal names was itself removed in favour of a third
/// copy, it names the third.
fn settle(mut ds: Vec<Decision>) -> Vec<Decision> {
    ds.sort_by_key(|d| d.span);
    let mut out: Vec<Decision> = Vec::with_capacity(ds.len());
    for mut d in ds {
        if let Some(prev) = out.last() {
            if d.span.start < prev.span.end {
                d.span.start = prev.span.end;
                d.content.start = d.content.start.max(d.span.start);
                if d.span.start >= d.span.end {
                    continue;
                }
                d.content.end = d.content.end.max(d.content.start);
            }
        }
        out.push(d);
    }
    let removed: Vec<(Span, Kept)> = out.iter().map(|d| (d.content, d.kept)).collect();
    for d in out.iter_mut() {
        for _ in 0..8 {
            let Kept::Copy(k) = d.kept else { break };
            // the removal whose content holds this kept copy, if any
            let at = removed.partition_point(|(c, _)| c.start <= k.start);
            let holder = at
                .checked_sub(1)
                .map(|j| removed[j])
                .filter(|(c, _)| c.start <= k.start && k.end <= c.end && !c.is_empty());
            match holder {
                Some((_, Kept::Copy(next))) if next != k => d.kept = Kept::Copy(next),
                _ => break,
            }
        }
    }
    out
}

/// What detection found.
pub struct Detected {
    /// Removals, sorted by span, never overlapping.
    pub decisions: Vec<Decision>,
    /// Boilerplate lines that were counted but kept (no `--strip-boilerplate`).
    pub boilerplate_candidates: usize,
    /// For each paragraph, whether a removal took all of it.
    pub removed: Vec<bool>,
    /// Lines of the input that end with a line terminator.
    pub lines_ended: usize,
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

/// Paragraphs with fewer key characters are never compared as near-duplicates: a
/// short line with one character changed is a different line.
pub const NEAR_MIN_CHARS: usize = 20;

/// Where the removal of paragraphs `[first, last]` starts and ends: from the start of
/// the first line to the start of the next non-blank line, so no empty line is left
/// behind. At the very end of a text without a final line break, the break before
/// the run goes with it instead.
pub fn para_run_span(a: &Analysis<'_>, first: usize, last: usize) -> (usize, usize) {
    let start = a.lines[a.paras[first].line].start;
    let end = a.after_para(last);
    let at_end = last + 1 == a.paras.len();
    let text_ends_with_break = a.text.ends_with(['\n', '\r']);
    if at_end && !text_ends_with_break && first > 0 {
        (a.paras[first - 1].end, a.text.len())
    } else {
        (start, end)
    }
}

/// Round to four decimals, as reported.
pub fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}
