//! Exact duplicates on matching keys: repeated paragraphs, runs of them (`block`), and
//! repeated sentences inside and across paragraphs.
//!
//! Paragraphs: one pass with a hash map from key hash to earlier paragraphs; at a hit,
//! the run is extended while the following keys keep matching. Cost is linear in the
//! number of paragraphs plus the total length of the runs found, except for a key that
//! occurs k times, which costs O(k) candidates per occurrence (bounded by
//! [`MAX_CANDIDATES`]). Sentences: one pass, one hash lookup per sentence.
//!
//! Every removal needs evidence ([`super::evidence`]). Lines: a run with prose in it
//! (rule 1), a lone line only when it stutters or sits in the body, headline, body
//! shape (rule 3), never a line and its copy in another role (rule 4). Sentences: a
//! repeated sentence is removed when it directly follows its copy (a stutter, also
//! across a line break: the end of one line repeated at the start of the next is a
//! `stitch`, and a lead line followed by the body opening with it loses the lead),
//! or when its paragraph is mostly a copy of one other paragraph in the same role.
//! A lone sentence repeated away from its copy stays, whatever its length: that is
//! how news leads quote their bodies, speeches close on their opening line and
//! contracts share a clause. Heading lines, code and photo captions are never
//! matched sentence by sentence.
//!
//! Which copy survives (`--keep auto`): the earlier one, except when the two copies are
//! separated by nothing but one to three heading-like lines (short, no sentence-ending
//! punctuation). That is the scraped “body, headline, body” shape: keeping the later
//! copy puts the headline back in front of its body.

use super::align;
use super::evidence::{self, Evidence, Form, Role};
use super::evidence::{is_heading_like, MAX_HEADING_LINES};
use super::{keep_later, Analysis, Decision, Kept, Kind};
use super::{para_run_span, round4, NEAR_MIN_CHARS};
use crate::config::{Config, KeepPolicy};
use crate::fingerprint::FxHashMap;
use crate::segment;

/// At most this many earlier occurrences of one key are tried as run starts.
pub const MAX_CANDIDATES: usize = 64;
/// Whether `auto` keeps the later of two runs at positions `[p, p+len)` and
/// `[i, i+len)` of `idx` (the paragraphs still in play; those `gone` in this pass do
/// not count as between them).
fn auto_keeps_later(
    a: &Analysis<'_>,
    idx: &[usize],
    gone: &[bool],
    p: usize,
    i: usize,
    len: usize,
) -> bool {
    let gap: Vec<usize> = (p + len..i).filter(|&g| !gone[g]).collect();
    !gap.is_empty()
        && gap.len() <= MAX_HEADING_LINES
        && gap.iter().all(|&g| {
            let para = &a.paras[idx[g]];
            is_heading_like(&a.text[para.start..para.end], para.key_chars)
        })
}

/// Repeated paragraphs and blocks. Marks removed paragraphs in `removed`.
///
/// Runs again over what is left until nothing more is found (at most
/// [`MAX_PASSES`] times): removing a copy can bring two runs of repeats together that
/// were separated by it, and cleaning must give the same result when run twice.
pub fn paragraphs(a: &Analysis<'_>, cfg: &Config, removed: &mut [bool]) -> Vec<Decision> {
    let mut out = Vec::new();
    let roles = a.roles();
    for _ in 0..MAX_PASSES {
        let idx: Vec<usize> = (0..a.paras.len())
            .filter(|&i| !removed[i] && a.paras[i].key_chars > 0)
            .collect();
        let found = paragraph_pass(a, cfg, &idx, roles, removed);
        if found.is_empty() {
            break;
        }
        out.extend(found);
    }
    out.sort_by_key(|d| d.span);
    out
}

/// Passes of [`paragraphs`] over what is left.
pub const MAX_PASSES: usize = 4;

/// One pass over the paragraphs `idx` (positions below are positions in `idx`).
fn paragraph_pass(
    a: &Analysis<'_>,
    cfg: &Config,
    idx: &[usize],
    roles: &[Role],
    removed: &mut [bool],
) -> Vec<Decision> {
    let n = idx.len();
    let para = |k: usize| &a.paras[idx[k]];
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut out = Vec::new();
    let mut gone = vec![false; n];
    let mut i = 0;
    while i < n {
        let (mut len, mut from, mut sims) = (0, 0, Vec::new());
        if let Some(cands) = seen.get(&para(i).hash) {
            for &p in cands.iter().rev().take(MAX_CANDIDATES) {
                if gone[p] || !a.same_para(idx[p], idx[i]) {
                    continue;
                }
                let run = extend_run(a, cfg, idx, &gone, p, i);
                if run.len() > len || (run.len() == len && p < from) {
                    (len, from, sims) = (run.len(), p, run);
                }
            }
        }
        // a run whose first lines are edited copies: take in the aligned near
        // copies before the exact pair (never overlapping the earlier run)
        let mut start = i;
        if len > 0 {
            while from > 0
                && from + len < start
                && !gone[from - 1]
                && !gone[start - 1]
                && near_pair(a, cfg, idx[from - 1], idx[start - 1])
            {
                sims.insert(0, a.near_similarity(idx[from - 1], idx[start - 1]));
                (from, start, len) = (from - 1, start - 1, len + 1);
            }
        }
        let evidence = if len == 0 {
            None
        } else {
            run_evidence(a, cfg, idx, &gone, roles, (from, start, len))
        };
        let Some(evidence) = evidence else {
            seen.entry(para(i).hash).or_default().push(i);
            i += 1;
            continue;
        };
        let later = keep_later(cfg.keep, auto_keeps_later(a, idx, &gone, from, start, len));
        let (rem, kept) = if later { (from, start) } else { (start, from) };
        for g in gone.iter_mut().skip(rem).take(len) {
            *g = true;
        }
        // a run repeated right after itself, inside the text: the end of one page
        // repeated at the start of the next (a single line is a stutter)
        let adjacent = from + len == start;
        let stitch = adjacent && from > 0 && start + len < n && len >= 2;
        let weight: usize = (rem..rem + len).map(|d| para(d).key_chars).sum();
        let similarity = (rem..rem + len)
            .zip(&sims)
            .map(|(d, s)| s * para(d).key_chars as f64)
            .sum::<f64>()
            / weight.max(1) as f64;
        let kind = if stitch {
            Kind::Stitch
        } else if len >= 2 {
            Kind::Block
        } else {
            Kind::Paragraph
        };
        let kept_span = (para(kept).start, para(kept + len - 1).end);
        // a run may pass over paragraphs an earlier pass removed: one removal per
        // stretch of paragraphs not yet removed
        let mut first = rem;
        for k in rem..rem + len {
            let last_of_stretch =
                k + 1 == rem + len || (idx[k] + 1..idx[k + 1]).any(|q| removed[q]);
            if last_of_stretch {
                out.push(Decision {
                    kind,
                    evidence,
                    span: para_run_span(a, idx[first], idx[k]),
                    content: (para(first).start, para(k).end),
                    kept: Kept::Copy(kept_span.into()),
                    similarity: round4(similarity),
                    key_parts: (first..=k).map(|d| a.key(idx[d])).collect(),
                    rule: None,
                });
                first = k + 1;
            }
        }
        for d in i..start + len {
            seen.entry(para(d).hash).or_default().push(d);
        }
        i = start + len;
    }
    for (k, g) in gone.iter().enumerate() {
        if *g {
            removed[idx[k]] = true;
        }
    }
    out
}

/// Whether paragraphs `x` and `y` are near copies (both long enough, similar enough).
fn near_pair(a: &Analysis<'_>, cfg: &Config, x: usize, y: usize) -> bool {
    short_near(a, x, y).is_some()
        || (a.paras[x].key_chars >= NEAR_MIN_CHARS
            && a.paras[y].key_chars >= NEAR_MIN_CHARS
            && (a.same_para(x, y) || a.near_similarity(x, y) >= cfg.near_threshold))
}

/// Two paragraphs too short for bigram similarity (under `NEAR_MIN_CHARS` key
/// characters) aligned inside a run: near copies when their keys are at most
/// [`align::max_edits`] edits apart and not only a number changed (rule 2: inside a
/// run only). Returns the similarity (1 − edits / length).
fn short_near(a: &Analysis<'_>, x: usize, y: usize) -> Option<f64> {
    let (kx, ky) = (a.paras[x].key_chars, a.paras[y].key_chars);
    if kx >= NEAR_MIN_CHARS || ky >= NEAR_MIN_CHARS {
        return None;
    }
    let (cx, cy): (Vec<char>, Vec<char>) = (a.key(x).chars().collect(), a.key(y).chars().collect());
    let k = align::max_edits(cx.len().min(cy.len()));
    if k == 0 || align::digits_only_change(&cx, &cy) {
        return None;
    }
    let e = align::bounded_edits(&cx, &cy, k)?;
    (e > 0).then(|| 1.0 - e as f64 / cx.len().max(cy.len()) as f64)
}

/// The evidence that the run at positions `[start, start+len)` of `idx` is a copy of
/// the run at `[from, from+len)`, or `None` when there is not enough
/// ([`evidence`] rules 1, 3 and 4).
fn run_evidence(
    a: &Analysis<'_>,
    cfg: &Config,
    idx: &[usize],
    gone: &[bool],
    roles: &[Role],
    (from, start, len): (usize, usize, usize),
) -> Option<Evidence> {
    let para = |k: usize| &a.paras[idx[k]];
    let text = |k: usize| &a.text[para(k).start..para(k).end];
    let total: usize = (start..start + len).map(|d| para(d).key_chars).sum();
    if total < cfg.min_paragraph_chars {
        return None;
    }
    let adjacent = (from + len..start).all(|g| gone[g]);
    // rule 1: prose in both copies; records, Q&A, code, verse and lists repeat
    // their lines by design
    let min = cfg.min_paragraph_chars;
    let prose = |r: std::ops::Range<usize>| {
        evidence::run_is_prose(r.map(|d| (text(d), para(d).key_chars)), min)
    };
    if len == 1 {
        // rule 4: a heading, summary or caption and the body line it quotes
        if roles[idx[from]] != roles[idx[start]] {
            return None;
        }
        let f = evidence::form(text(start), para(start).key_chars);
        // rule 3: a lone line stutters, or sits in the body, headline, body shape; a
        // caption said twice in a row may caption two pictures that the text lost
        if adjacent && f != Form::Code && roles[idx[start]] != Role::Caption {
            return Some(Evidence::Stutter);
        }
        if f == Form::Prose
            && para(start).key_chars >= evidence::PROSE_MIN_CHARS
            && auto_keeps_later(a, idx, gone, from, start, 1)
        {
            return Some(Evidence::DoubledArticle);
        }
        return None;
    }
    if !prose(from..from + len) || !prose(start..start + len) {
        return None;
    }
    Some(
        if len >= 3 || (adjacent && from == 0) || auto_keeps_later(a, idx, gone, from, start, len) {
            Evidence::DoubledArticle
        } else {
            Evidence::Run
        },
    )
}

/// Extend a run that starts with the exact pair `(p, i)`: the following pairs must
/// match exactly or, when both are long enough, as near-duplicates (a doubled body
/// whose second copy has a few edits stays one block). Returns each pair's similarity.
fn extend_run(
    a: &Analysis<'_>,
    cfg: &Config,
    idx: &[usize],
    gone: &[bool],
    p: usize,
    i: usize,
) -> Vec<f64> {
    let n = idx.len();
    let mut sims = vec![1.0];
    let mut l = 1;
    while i + l < n && p + l < i && !gone[p + l] {
        let (x, y) = (idx[p + l], idx[i + l]);
        if a.same_para(x, y) {
            sims.push(1.0);
        } else if let Some(s) = short_near(a, x, y) {
            sims.push(s);
        } else if a.paras[y].key_chars >= NEAR_MIN_CHARS && a.paras[x].key_chars >= NEAR_MIN_CHARS {
            let s = a.near_similarity(x, y);
            if s < cfg.near_threshold {
                break;
            }
            sims.push(s);
        } else {
            break;
        }
        l += 1;
    }
    sims
}

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
    key: String,
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
    let mut order: Vec<usize> = (0..a.paras.len()).filter(|&i| !removed[i]).collect();
    let backwards = cfg.keep == KeepPolicy::Last;
    if backwards {
        order.reverse();
    }
    let roles = a.roles();
    let mut para_of = vec![0; a.sentences.len()];
    for (pi, p) in a.paras.iter().enumerate() {
        for s in &mut para_of[p.sentences.0..p.sentences.1] {
            *s = pi;
        }
    }
    // text already taken (lines removed, doubled-line copies): what it separates is
    // adjacent, as it will be in the output
    let mut taken: Vec<(usize, usize)> = inline.iter().map(|d| d.span).collect();
    taken.extend(
        (0..a.paras.len())
            .filter(|&i| removed[i])
            .map(|i| (a.paras[i].start, a.paras[i].end)),
    );
    // key hash -> (first, kept sentence with that key; the latest occurrence)
    let mut seen: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    let mut out = Vec::new();
    for &pi in &order {
        let para = &a.paras[pi];
        let text = &a.text[para.start..para.end];
        if para.key_chars < cfg.min_sentence_chars
            || is_heading_like(text, para.key_chars)
            || evidence::form(text, para.key_chars) == Form::Code
        {
            continue;
        }
        let (s0, s1) = para.sentences;
        let mut idx: Vec<usize> = (s0..s1).collect();
        if backwards {
            idx.reverse();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for si in idx {
            let span = a.sentences[si].span;
            if inline
                .iter()
                .any(|d| d.span.0 < span.1 && span.0 < d.span.1)
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
            if a.sentences[si].key_chars < cfg.min_sentence_chars
                || (a.sentences[si].may_be_caption
                    && evidence::is_caption_sentence(&a.text[span.0..span.1]))
            {
                continue;
            }
            let h = a.sentences[si].hash;
            match seen.get_mut(&h) {
                Some((k, latest)) if a.same_sentence(*k, si) => {
                    let key = a.sentence_key(si);
                    // the sentence just before ends with this one (text with no full
                    // stop ran into the earlier copy: `A W，A A`): that tail is the
                    // nearest copy, so this one stutters
                    let before = si.checked_sub(1).filter(|&b| {
                        !backwards
                            && b >= s0
                            && b != *latest
                            && a.sentences[b].key_chars > a.sentences[si].key_chars
                            && a.sentence_key(b).ends_with(&key)
                    });
                    let nearest = before.unwrap_or(*latest);
                    hits.push(Hit {
                        span: a.sentences[si].span,
                        kept: a.sentences[*k].span,
                        prev: a.sentences[nearest].span,
                        kept_para: para_of[*k],
                        prev_para: para_of[nearest],
                        chars: a.sentences[si].key_chars,
                        key,
                    });
                    *latest = si;
                }
                Some(_) => {} // hash collision: never remove on it
                None => {
                    seen.insert(h, (si, si));
                }
            }
        }
        if !hits.is_empty() {
            out.extend(merge_hits(a, cfg, roles, &taken, pi, hits));
        }
    }
    out
}

/// Whether `text[range]` is blank once the `removed` spans are taken out.
fn blank_outside(text: &str, range: (usize, usize), removed: &[(usize, usize)]) -> bool {
    let mut pos = range.0;
    let mut spans: Vec<(usize, usize)> = removed
        .iter()
        .copied()
        .filter(|s| s.0 < range.1 && range.0 < s.1)
        .collect();
    spans.sort_unstable();
    for (s, e) in spans {
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
    taken: &[(usize, usize)],
    pi: usize,
    mut hits: Vec<Hit>,
) -> Vec<Decision> {
    hits.sort_by_key(|h| h.span);
    let para = &a.paras[pi];
    // the paragraph is itself mostly a copy of one earlier paragraph
    let covered: usize = hits.iter().map(|h| h.chars).sum();
    // (a line equal to the other is the line detector's to judge: rule 3 keeps it)
    let paragraph_copy = hits.len() >= 2
        && covered * 10 >= para.key_chars * 6
        && hits.iter().all(|h| h.kept_para == hits[0].kept_para)
        && !a.same_para(pi, hits[0].kept_para);
    // (decision, span of the nearest earlier copies of its sentences, paragraph of
    // the kept and of the nearest earlier copies)
    let mut runs: Vec<(Decision, (usize, usize), usize, usize)> = Vec::new();
    for h in hits {
        if let Some((last, prev, _, _)) = runs.last_mut() {
            if last.span.1 == h.span.0
                && prev.1 <= h.prev.0
                && blank_outside(a.text, (prev.1, h.prev.0), taken)
            {
                last.span.1 = h.span.1;
                last.content.1 = h.span.1;
                if let Kept::Copy(k) = &mut last.kept {
                    if h.kept.1 > k.end && h.kept.0 >= k.start {
                        k.end = h.kept.1;
                    }
                }
                prev.1 = h.prev.1;
                last.key_parts.push(h.key);
                continue;
            }
        }
        runs.push((
            Decision {
                kind: Kind::Sentence,
                evidence: Evidence::Stutter,
                span: h.span,
                content: h.span,
                kept: Kept::Copy(h.kept.into()),
                similarity: 1.0,
                key_parts: vec![h.key],
                rule: None,
            },
            h.prev,
            h.kept_para,
            h.prev_para,
        ));
    }
    let prose = |i: usize| {
        let p = &a.paras[i];
        evidence::form(&a.text[p.start..p.end], p.key_chars) == Form::Prose
    };
    let mut ds: Vec<Decision> = Vec::new();
    let mut leads: Vec<Decision> = Vec::new();
    for (mut d, prev, kept_para, prev_para) in runs {
        let range = if prev.1 <= d.span.0 {
            (prev.1, d.span.0)
        } else {
            (d.span.1, prev.0.max(d.span.1))
        };
        let between = &a.text[range.0..range.1];
        let adjacent = blank_outside(a.text, range, taken);
        let run = d.key_parts.len() >= 2;
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
                let body_goes_on = !blank_outside(a.text, (d.span.1, para.end), taken);
                if whole && body_goes_on {
                    // a lead line directly followed by the body opening with the
                    // same sentences: not a stitch; the body's copy survives
                    if cfg.keep == KeepPolicy::Auto {
                        leads.push(Decision {
                            span: para_run_span(a, prev_para, prev_para),
                            content: (pp.start, pp.end),
                            kept: Kept::Copy(d.span.into()),
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
            ds.push(d);
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
            ds.push(d);
        }
    }
    if !ds.is_empty() {
        let mut pos = para.start;
        let mut whole = true;
        for d in &ds {
            if !segment::is_blank(&a.text[pos..d.span.0]) {
                whole = false;
            }
            pos = d.span.1;
        }
        whole &= segment::is_blank(&a.text[pos..para.end]);
        if whole {
            let (s, e) = para_run_span(a, pi, pi);
            ds.first_mut().expect("non-empty").span.0 = s;
            ds.last_mut().expect("non-empty").span.1 = e;
        }
    }
    ds.extend(leads);
    ds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, cfg: &Config) -> Vec<Decision> {
        let a = Analysis::new(text, crate::normalize::script::ScriptTables::get());
        super::super::detect(&a, cfg, &super::super::boilerplate::Rules::builtin()).decisions
    }

    #[test]
    fn doubled_body_with_headline_keeps_second_copy() {
        let body = "第一段很长的正文内容在这里。\n第二段同样很长的正文内容。\n";
        let text = format!("来源：某网\n{body}标题在这里\n{body}");
        let d = run(&text, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::Block);
        assert_eq!(d[0].evidence, Evidence::DoubledArticle);
        assert_eq!(&text[d[0].span.0..d[0].span.1], body);
        let first = Config {
            keep: KeepPolicy::First,
            ..Config::default()
        };
        let d = run(&text, &first);
        assert_eq!(d[0].span.0, text.len() - body.len());
    }

    #[test]
    fn adjacent_copies_keep_first() {
        let text = "一段足够长的重复段落文字。\n一段足够长的重复段落文字。\n";
        let d = run(text, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::Paragraph);
        assert_eq!(d[0].span, (text.len() / 2, text.len()));
    }

    #[test]
    fn short_repeats_survive() {
        let text = "图片\n正文。\n图片\n“好的。”他说。“好的。”她也说。\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn repeated_sentence_is_removed_once() {
        let text = "昨天下了一整天的雨，今天终于放晴了。昨天下了一整天的雨，今天终于放晴了。";
        let d = run(text, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::Sentence);
        assert_eq!(d[0].span, (text.len() / 2, text.len()));
    }

    #[test]
    fn lone_distant_sentence_and_headline_in_body_survive() {
        // a speech closing on its opening line; a body repeating its headline
        let text = "开幕。人类和平与发展的崇高事业必将胜利！\n会议持续三天。\n他最后说，人类和平与发展的崇高事业必将胜利！\n我国毒品犯罪得到进一步遏制\n通报显示，我国毒品犯罪得到进一步遏制。\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn table_of_contents_and_section_titles_survive() {
        let text = "宇树澄清去年销量传闻：出货量超5500台\n英特尔股价五个月翻倍后急跌\n\n宇树澄清去年销量传闻：出货量超5500台\n正文一。\n英特尔股价五个月翻倍后急跌\n正文二。\n";
        assert!(run(text, &Config::default()).is_empty());
        let stutter = "宇树澄清去年销量传闻：出货量超5500台\n\n宇树澄清去年销量传闻：出货量超5500台\n正文。\n";
        assert_eq!(run(stutter, &Config::default()).len(), 1);
    }

    #[test]
    fn two_short_captions_repeating_together_survive() {
        let text = "▲ 离电测试\n▲ 连电测试\n正文。\n▲ 离电测试\n▲ 连电测试\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn lone_long_sentence_far_from_its_copy_survives() {
        // however long, a sentence said again in another paragraph is not a copy
        let text = "国家统计局今天发布数据显示，全国粮食总产量再创历史新高。我们出门散步。\n这是另一段。国家统计局今天发布数据显示，全国粮食总产量再创历史新高。\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn lead_line_before_the_body_opening_with_it_goes() {
        let lead = "真正的时代新船票，至少由模型能力、基础设施、入口三部分构成。";
        let text =
            format!("{lead}\n{lead}作者｜某某编辑｜某某最近这段时间，科技圈的节奏变得密集。\n");
        let d = run(&text, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].evidence),
            (Kind::Sentence, Evidence::Stutter)
        );
        assert_eq!(d[0].span, (0, lead.len() + 1), "the lead line goes");
    }

    #[test]
    fn record_fields_repeating_between_entries_survive() {
        let text = "1、求购甲公司老股份额\n交易价格：预期估值面议\n资产规模：约5000万人民币\n2、求购乙公司老股份额\n交易价格：预期估值面议\n资产规模：约5000万人民币\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn copy_in_other_script_and_width_matches() {
        let text = "科技城集中發展區建設任務更重,要把項目落地。\n科技城集中发展区建设任务更重，要把项目落地。\n";
        assert_eq!(run(text, &Config::default()).len(), 1);
    }
}
