//! Repeated sentences inside and across paragraphs (kinds `sentence` and `stitch`),
//! in what the line stages left. Copies of whole lines (`block`, `paragraph`,
//! `stitch` of lines) are the aligner's (`super::align`). One pass, one hash lookup
//! per sentence, after a screen (`may_repeat`) that lets a document with no
//! sentence hash repeated go at once (most documents of a news corpus).
//!
//! Every removal needs evidence ([`super::evidence`]): a
//! repeated sentence is removed when it directly follows its copy (a stutter, also
//! across a line break: the end of one line repeated at the start of the next is a
//! `stitch`, and a lead line followed by the body opening with it loses the lead),
//! or when its paragraph is mostly a copy of one other paragraph in the same role.
//! A lone sentence repeated away from its copy stays, whatever its length: that is
//! how news leads quote their bodies, speeches close on their opening line and
//! contracts share a clause. Heading lines, code and photo captions are never
//! matched sentence by sentence.
//!
//! Which copy survives (`--keep auto`): the earlier one, except a lead line directly
//! followed by the body opening with it (the body's copy survives).

use super::evidence::{self, Evidence, Form, Role};
use super::para_run_span;
use super::{Analysis, Decision, Kept, Kind, Span};
use crate::config::{Config, KeepPolicy};
use crate::fingerprint::FxHashMap;
use crate::segment;

/// One sentence found again.
struct Hit {
    span: (usize, usize),
    /// The first copy, which survives.
    kept: (usize, usize),
    /// The nearest earlier copy (possibly removed itself): adjacency and runs are
    /// judged against it, so `S S S` is one stutter and not a distant repeat.
    prev: (usize, usize),
    /// Paragraphs of the kept and of the nearest earlier copy.
    kept_para: usize,
    prev_para: usize,
    /// Key characters.
    chars: usize,
    /// At least `--min-sentence-chars` key characters. A shorter sentence found
    /// again is never removed alone: it only continues a run with a long one
    /// (`A B A B`, `B` short, is the run `A B` said twice).
    long: bool,
}

/// Repeated sentences in the paragraphs that survive `paragraphs`, removed only with
/// evidence ([`evidence`] rules 3 and 4): a stutter, a run of two or more, or a
/// paragraph that is mostly a copy of one earlier paragraph. A lone sentence
/// repeated away from its copy stays, and so does a sentence whose copies play
/// different roles (summary, lead, caption vs body), except the lead line directly
/// followed by the body opening with it: then the lead goes (`--keep auto`).
pub fn sentences(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &[bool],
    inline: &[Decision],
) -> Vec<Decision> {
    sentences_with(a, cfg, removed, inline, &mut SentenceMemo::default(), |i| {
        u32::try_from(i).ok()
    })
}

/// The sentence keys [`sentences`] has met: key hash -> (the first sentence with
/// that key, which is kept; its latest occurrence), by sentence index.
pub type SeenSentences = FxHashMap<u64, (usize, usize)>;

/// What [`sentences_with`] keeps from one fixed-point pass over a document to the
/// next (in [`super::registry::Memo`]).
#[derive(Debug, Default)]
pub struct SentenceMemo {
    /// The map of keys met: its allocation only (sized for every sentence, some
    /// 6 MB for a 10 MB document, which a fresh map per pass touched anew); each
    /// pass clears and refills it.
    seen: SeenSentences,
    /// Whether a pass has run (the first call is the first pass).
    started: bool,
    /// Whether the pass running is the first.
    first: bool,
    /// For each paragraph of the first pass' analysis, the index of its first
    /// sentence. Filled, with `captions`, at the first pass' first caption
    /// question (most documents ask none, and most need no later pass).
    first_sentence: Vec<usize>,
    /// For each sentence of the first pass' analysis, whether it is a photo
    /// caption by its text ([`evidence::is_caption_sentence`], a function of the
    /// text alone): 0 not asked yet, 1 no, 2 yes. A later pass reads the answer
    /// for a sentence of a paragraph the input holds unchanged.
    captions: Vec<u8>,
}

impl SentenceMemo {
    /// As a fresh memo (the first call is a first pass again), keeping the
    /// allocations: for a memo that served another document.
    pub fn reset(&mut self) {
        let SentenceMemo {
            seen,
            started,
            first,
            first_sentence,
            captions,
        } = self;
        seen.clear();
        *started = false;
        *first = false;
        first_sentence.clear();
        captions.clear();
    }
}

/// Whether sentence `si` of `a`, of paragraph `pi` (the first pass' paragraph
/// `origin` unchanged, when known), is a caption by its text, read from or written
/// to `captions` ([`SentenceMemo`]) through `first_sentence`; in the first pass
/// (`first`) the first question sizes both for `a`.
fn caption_by_text(
    a: &Analysis<'_>,
    (si, pi, origin): (usize, usize, Option<u32>),
    first: bool,
    first_sentence: &mut Vec<usize>,
    captions: &mut Vec<u8>,
) -> bool {
    if first && captions.is_empty() {
        first_sentence.extend(a.paras.iter().map(|p| p.sentences.0));
        captions.resize(a.sentences.len(), 0);
    }
    let text = || {
        let span = a.sentences[si].span;
        evidence::is_caption_sentence(&a.text[span.0..span.1])
    };
    let Some(first) = origin
        .and_then(|o| first_sentence.get(o as usize))
        .map(|&f| f + si - a.paras[pi].sentences.0)
        .filter(|&f| f < captions.len())
    else {
        return text();
    };
    if captions[first] == 0 {
        captions[first] = 1 + u8::from(text());
    }
    captions[first] == 2
}

/// [`sentences`] with what an earlier pass over the same document left in `memo`
/// (the first call on a memo must be the first pass); `origin(i)` is the index in
/// the first pass' analysis of paragraph `i` when it is an unchanged copy of one
/// (`Some(i)` in the first pass).
pub fn sentences_with(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &[bool],
    inline: &[Decision],
    memo: &mut SentenceMemo,
    origin: impl Fn(usize) -> Option<u32>,
) -> Vec<Decision> {
    memo.first = !memo.started;
    memo.started = true;
    if a.sentences.len() <= SCREEN_MAX_SENTENCES && !may_repeat(a, cfg, removed) {
        return Vec::new();
    }
    scan(a, cfg, removed, inline, memo, origin)
}

/// [`sentences_with`] screens a document (`may_repeat`) of at most this many
/// sentences: a larger one repeats a sentence all but surely (a 10 MB single file
/// has some 200,000, whose sort, in every fixed-point pass, cost a third of the
/// stage).
pub const SCREEN_MAX_SENTENCES: usize = 16_384;

/// Whether two sentences with a key, in the paragraphs [`scan`] looks at (not
/// removed, at least `--min-sentence-chars` key characters, not a heading, not
/// code), have the same key hash. A hit of [`scan`] is a sentence whose key an
/// earlier one of those sentences put in its map (`seen`), so with no hash
/// repeated there is none and [`scan`] decides nothing: most documents of a news
/// corpus are let go here, before the roles, the map and the caption questions
/// (the answers its memo keeps are a cache: a later pass asks afresh what this
/// pass did not). The hashes are screened first as they are read, with no vector
/// (`may_have_equal`, sized for every sentence of the document: a bound on their
/// number, which only makes its set sparser; it says `false` only when all are
/// distinct, so the answer is unchanged); only a document the screen cannot let go
/// collects and sorts them (one allocation a call saved on most documents).
fn may_repeat(a: &Analysis<'_>, cfg: &Config, removed: &[bool]) -> bool {
    let keyed = || {
        a.paras
            .iter()
            .enumerate()
            .filter(|&(pi, p)| !removed[pi] && looked_at(p, cfg))
            .flat_map(|(_, p)| &a.sentences[p.sentences.0..p.sentences.1])
            .filter(|s| s.key_chars > 0)
            .map(|s| s.hash)
    };
    if !super::registry::may_have_equal(keyed(), a.sentences.len()) {
        return false;
    }
    let mut hashes: Vec<u64> = keyed().collect();
    hashes.sort_unstable();
    hashes.windows(2).any(|w| w[0] == w[1])
}

/// Whether [`scan`] looks at the sentences of paragraph `p` (when not removed).
fn looked_at(p: &super::Para, cfg: &Config) -> bool {
    !(p.key_chars < cfg.min_sentence_chars || p.shape.heading || p.shape.form == Form::Code)
}

/// [`sentences_with`] without its screen ([`may_repeat`]): the same decisions.
fn scan(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &[bool],
    inline: &[Decision],
    memo: &mut SentenceMemo,
    origin: impl Fn(usize) -> Option<u32>,
) -> Vec<Decision> {
    let mut order: Vec<usize> = (0..a.paras.len()).filter(|&i| !removed[i]).collect();
    let backwards = cfg.keep == KeepPolicy::Last;
    if backwards {
        order.reverse();
    }
    let mut para_of = vec![0; a.sentences.len()];
    for (pi, p) in a.paras.iter().enumerate() {
        for s in &mut para_of[p.sentences.0..p.sentences.1] {
            *s = pi;
        }
    }
    // text already taken (lines removed, doubled-line copies): what it separates is
    // adjacent, as it will be in the output
    let taken = Taken::new(
        inline
            .iter()
            .map(|d| (d.span.start, d.span.end))
            .chain(
                (0..a.paras.len())
                    .filter(|&i| removed[i])
                    .map(|i| (a.paras[i].start, a.paras[i].end)),
            )
            .collect(),
    );
    // key hash -> (first, kept sentence with that key; the latest occurrence)
    // (sized once for every sentence: grown by doubling, a 10 MB document's map
    // rehashed into fresh tables over and over)
    let SentenceMemo {
        seen,
        first_sentence,
        captions,
        first,
        ..
    } = memo;
    seen.clear();
    seen.reserve(a.sentences.len());
    let mut out = Vec::new();
    for &pi in &order {
        let para = &a.paras[pi];
        if !looked_at(para, cfg) {
            continue;
        }
        let (s0, s1) = para.sentences;
        let first_pass = origin(pi);
        // the paragraph's sentences in the order of the policy, without collecting them
        let idx = (s0..s1)
            .filter(|_| !backwards)
            .chain((s0..s1).rev().filter(|_| backwards));
        let mut hits: Vec<Hit> = Vec::new();
        for si in idx {
            let span = a.sentences[si].span;
            if inline
                .iter()
                .any(|d| d.span.start < span.1 && span.0 < d.span.end)
            {
                // inside a copy removed as a doubled body: it still counts as the
                // nearest copy, so what repeats right after it is a stutter
                let h = a.sentences[si].hash;
                if let Some((k, latest)) = seen.get_mut(&h) {
                    if a.same_sentence(*k, si) {
                        *latest = si;
                    }
                }
                continue;
            }
            let long = a.sentences[si].key_chars >= cfg.min_sentence_chars;
            if a.sentences[si].key_chars == 0
                || (a.sentences[si].may_be_caption
                    && caption_by_text(a, (si, pi, first_pass), *first, first_sentence, captions))
                || credit_follows(a, si, s1)
            {
                continue;
            }
            let h = a.sentences[si].hash;
            // (one lookup for a key met the first time, most sentences: an entry,
            // not a search and then an insertion)
            let (k, latest) = match seen.entry(h) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((si, si));
                    continue;
                }
            };
            // (the same hash and another key, a collision: never removed on)
            if a.same_sentence(*k, si) {
                // the sentence just before ends with this one (text with no full
                // stop ran into the earlier copy: `A W，A A`): that tail is the
                // nearest copy, so this one stutters (the keys compared as
                // characters, borrowed: a hit's key string is made only for a
                // removal, `merge_hits`)
                let key = |s: usize| a.key_chars_of(a.sentences[s].span);
                let before = si.checked_sub(1).filter(|&b| {
                    long && !backwards
                        && b >= s0
                        && b != *latest
                        && a.sentences[b].key_chars > a.sentences[si].key_chars
                        && key(b).ends_with(&key(si))
                });
                let nearest = before.unwrap_or(*latest);
                hits.push(Hit {
                    span: a.sentences[si].span,
                    kept: a.sentences[*k].span,
                    prev: a.sentences[nearest].span,
                    kept_para: para_of[*k],
                    prev_para: para_of[nearest],
                    chars: a.sentences[si].key_chars,
                    long,
                });
                *latest = si;
            }
        }
        if !hits.is_empty() {
            // (the roles are read only here: most documents have no hit)
            out.extend(merge_hits(a, cfg, a.roles(), &taken, pi, hits));
        }
    }
    out
}

/// Whether sentence `si` is a photo caption by what follows it: the next sentence of
/// its line (before `s1`) is a short photo credit ([`Analysis::is_credit`]:
/// `…讓受暴家庭走出傷痛。記者林良齊／攝影`). A caption that repeats a sentence of the body
/// captions a picture; it is not a copy of that sentence (rule 4).
fn credit_follows(a: &Analysis<'_>, si: usize, s1: usize) -> bool {
    si + 1 < s1 && a.is_credit(si + 1)
}

/// Byte spans of the input already taken (lines removed, doubled-line copies),
/// sorted, with the furthest end each prefix of them reaches: the spans meeting a
/// range are found with two binary searches, not a scan of all of them (a 10 MB
/// document has thousands, and `blank_outside` is asked thousands of times).
struct Taken {
    /// The spans, sorted by start, then end.
    spans: Vec<(usize, usize)>,
    /// `reach[i]`: the largest end among `spans[..=i]` (non-decreasing).
    reach: Vec<usize>,
}

impl Taken {
    fn new(mut spans: Vec<(usize, usize)>) -> Taken {
        spans.sort_unstable();
        let mut end = 0;
        let reach = spans
            .iter()
            .map(|s| {
                end = end.max(s.1);
                end
            })
            .collect();
        Taken { spans, reach }
    }

    /// The spans overlapping `range` (`start < range.1 && range.0 < end`), sorted.
    fn meeting(&self, range: (usize, usize)) -> impl Iterator<Item = (usize, usize)> + '_ {
        // spans starting before the range ends are a prefix; of those, the ones
        // before the first whose prefix reaches past the range's start end before it
        let hi = self.spans.partition_point(|s| s.0 < range.1);
        let lo = self.reach[..hi].partition_point(|&r| r <= range.0);
        self.spans[lo..hi]
            .iter()
            .copied()
            .filter(move |s| range.0 < s.1)
    }
}

/// Whether `text[range]` is blank once the `taken` spans are taken out.
fn blank_outside(text: &str, range: (usize, usize), taken: &Taken) -> bool {
    let mut pos = range.0;
    for (s, e) in taken.meeting(range) {
        if s > pos && !segment::is_blank(&text[pos..s]) {
            return false;
        }
        pos = pos.max(e);
    }
    pos >= range.1 || segment::is_blank(&text[pos..range.1])
}

/// Merge adjacent hits whose kept copies are adjacent too (a repeated run of
/// sentences is one removal), keep those with evidence, and let the removal of a
/// whole line take its line break.
fn merge_hits(
    a: &Analysis<'_>,
    cfg: &Config,
    roles: &[Role],
    taken: &Taken,
    pi: usize,
    mut hits: Vec<Hit>,
) -> Vec<Decision> {
    hits.sort_by_key(|h| h.span);
    let para = &a.paras[pi];
    // the paragraph is itself mostly a copy of one earlier paragraph (in its long
    // sentences)
    let long: Vec<&Hit> = hits.iter().filter(|h| h.long).collect();
    let covered: usize = long.iter().map(|h| h.chars).sum();
    // (a line equal to the other is the line detector's to judge: rule 3 keeps it)
    let paragraph_copy = long.len() >= 2
        && covered * 10 >= para.key_chars * 6
        && long.iter().all(|h| h.kept_para == long[0].kept_para)
        && !a.same_para(pi, long[0].kept_para);
    // (decision, span of the nearest earlier copies of its sentences, paragraph of
    // the kept and of the nearest earlier copies, long sentences in it; the
    // decision's `key_parts` are the keys of its hits' spans, made once it is kept:
    // most runs are not, and a key string is a walk over its characters)
    type Run = (Decision, (usize, usize), usize, usize, usize);
    let mut runs: Vec<Run> = Vec::new();
    let mut spans: Vec<Vec<(usize, usize)>> = Vec::new();
    for h in hits {
        if let Some((last, prev, _, _, longs)) = runs.last_mut() {
            if last.span.end == h.span.0
                && prev.1 <= h.prev.0
                && blank_outside(a.text, (prev.1, h.prev.0), taken)
            {
                last.span.end = h.span.1;
                last.content.end = h.span.1;
                if let Kept::Copy(k) = &mut last.kept {
                    if h.kept.1 > k.end && h.kept.0 >= k.start {
                        k.end = h.kept.1;
                    }
                }
                prev.1 = h.prev.1;
                spans.last_mut().expect("a run").push(h.span);
                *longs += usize::from(h.long);
                continue;
            }
        }
        runs.push((
            Decision {
                kind: Kind::Sentence,
                evidence: Evidence::Stutter,
                span: h.span.into(),
                content: h.span.into(),
                kept: Kept::Copy(h.kept.into()),
                similarity: 1.0,
                key_parts: Vec::new(),
                rule: None,
            },
            h.prev,
            h.kept_para,
            h.prev_para,
            usize::from(h.long),
        ));
        spans.push(vec![h.span]);
    }
    let keyed = |mut d: Decision, spans: &[(usize, usize)]| {
        d.key_parts = spans.iter().map(|&s| a.key_of(s)).collect();
        d
    };
    let prose = |i: usize| a.paras[i].shape.form == Form::Prose;
    let mut ds: Vec<Decision> = Vec::new();
    let mut leads: Vec<Decision> = Vec::new();
    for ((mut d, prev, kept_para, prev_para, longs), spans) in runs.into_iter().zip(spans) {
        if longs == 0 {
            // short sentences found again (`好。好。`, `（完）`) stay
            continue;
        }
        let range = if prev.1 <= d.span.start {
            (prev.1, d.span.start)
        } else {
            (d.span.end, prev.0.max(d.span.end))
        };
        let between = &a.text[range.0..range.1];
        let adjacent = blank_outside(a.text, range, taken);
        let run = longs >= 2;
        if adjacent
            && prev_para != pi
            && roles[pi] == Role::Caption
            && roles[prev_para] == Role::Caption
        {
            // a caption said again on its own line may caption a second picture
            // that the text lost: both stay
            continue;
        }
        if adjacent {
            if between.contains(['\n', '\r']) && prev_para != pi {
                let pp = &a.paras[prev_para];
                let whole = segment::is_blank(&a.text[pp.start..prev.0.max(pp.start)])
                    && segment::is_blank(&a.text[prev.1.min(pp.end)..pp.end]);
                // (what a doubled-line removal takes does not count as body)
                let body_goes_on = !blank_outside(a.text, (d.span.end, para.end), taken);
                if whole && body_goes_on {
                    // a lead line directly followed by the body opening with the
                    // same sentences: not a stitch; the body's copy survives
                    let d = keyed(d, &spans);
                    if cfg.keep == KeepPolicy::Auto {
                        leads.push(Decision {
                            span: para_run_span(a, prev_para, prev_para).into(),
                            content: Span::new(pp.start, pp.end),
                            kept: Kept::Copy(d.span),
                            ..d
                        });
                    } else {
                        ds.push(d);
                    }
                    continue;
                }
                // the end of one line repeated at the start of the next: stitched
                // pages
                d.kind = Kind::Stitch;
            }
            d.evidence = if run {
                Evidence::Run
            } else {
                Evidence::Stutter
            };
            ds.push(keyed(d, &spans));
            continue;
        }
        // rule 3: away from its copy, a repeat is removed only when its paragraph is
        // itself mostly a copy of one other paragraph; rule 4: copies in different
        // roles (a summary, caption or lead quoting its body) both stay, and so do
        // the sentences of one line found again further in it (a deck before the
        // dateline, a caption before the body, a summary before the full text)
        if roles[kept_para] != roles[pi] || kept_para == pi {
            continue;
        }
        if paragraph_copy && prose(pi) && prose(kept_para) {
            d.evidence = Evidence::ParagraphCopy;
            ds.push(keyed(d, &spans));
        }
    }
    if !ds.is_empty() {
        let mut pos = para.start;
        let mut whole = true;
        for d in &ds {
            if !segment::is_blank(&a.text[pos..d.span.start]) {
                whole = false;
            }
            pos = d.span.end;
        }
        whole &= segment::is_blank(&a.text[pos..para.end]);
        if whole {
            let (s, e) = para_run_span(a, pi, pi);
            ds.first_mut().expect("non-empty").span.start = s;
            ds.last_mut().expect("non-empty").span.end = e;
        }
    }
    ds.extend(leads);
    ds
}

#[cfg(test)]
mod tests;
