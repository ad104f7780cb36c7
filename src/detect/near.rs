//! Near-duplicate paragraphs (kind `near_paragraph`): a copy with a credit line or
//! `（完）` appended, or a sentence dropped.
//!
//! Candidates come from the bottom-k bigram sketches computed in the key pass
//! ([`crate::fingerprint::BottomK`]): an index from sketch hash to earlier paragraphs,
//! each bucket capped at [`MAX_BUCKET`] entries so a very common bigram cannot make the
//! pass quadratic. Every candidate pair is then verified on the real bigram sets of the
//! two keys ([`near_score`], containment with a size guard), and only pairs at
//! or above `--near-threshold` count. Cost: O(paragraphs × SKETCH × MAX_BUCKET) sketch
//! lookups plus one verification per candidate, each linear in the two keys. A
//! screen first (`may_pair`: two eligible paragraphs sharing [`MIN_SHARED`] sketch
//! values, which every candidate pair does) lets most documents go before the
//! index is built; the roles are read only for a pair at the threshold, and a
//! candidate pair's bigram sets only when one key is the other's start and end
//! (`may_be_appended`, the first test of rule 2, which most candidates fail at
//! their first or last character).
//!
//! A pair found this way is removed only when one copy is the other with a credit,
//! `（完）` or whole sentences appended or dropped, both are running text and both play
//! the same role, which is not a photo caption (a gallery repeats captions)
//! ([`super::evidence`] rules 1, 2, 3 and 4): a lone pair with edited characters (a
//! different number, name, title or ordinal) is two items. Edited copies are removed
//! inside runs of copies, by the aligner (`align`).
//!
//! Which copy survives: the longer (more complete) key; `--keep first|last` override.

use super::evidence::{self, Evidence};
use super::registry::{InPlay, Memo};
use super::{
    keep_later, para_run_span, round4, Analysis, Decision, Kept, Kind, Span, NEAR_MIN_CHARS,
};
use crate::config::Config;
use crate::fingerprint::BigramSet;

mod index;
use index::Buckets;
pub(super) use index::Index;

/// At most this many paragraphs are kept per sketch hash.
pub const MAX_BUCKET: usize = 16;
/// Sketch values two paragraphs must share to be compared. With four values, a pair
/// at Jaccard 0.7 shares two or more with probability about 0.92, at 0.8 about 0.97.
pub const MIN_SHARED: usize = 2;

/// The smaller of two bigram sets may be at most this much shorter than the larger
/// for them to count as near-duplicates.
pub const NEAR_MIN_SIZE_RATIO: f64 = 0.67;

/// A smaller unit whose bigrams are at least this share contained in the larger one
/// counts as contained (a copy with a sentence dropped or a credit line added).
pub const NEAR_CONTAINED: f64 = 0.95;

/// Similarity of two units for near-duplicate detection, on the bigram sets of their
/// keys: the containment of the smaller in the larger (|A∩B| / |smaller|) when that is
/// at least [`NEAR_CONTAINED`], else the Jaccard similarity (|A∩B| / |A∪B|); 0 when the
/// smaller has under two thirds of the larger's bigrams.
///
/// Why both: the defects to catch are a copy with a credit line or `（完）` appended or
/// a sentence dropped (one copy is contained in the other, which Jaccard would punish
/// for the size difference) and a copy with a few characters edited (both copies
/// differ a little, which Jaccard measures). Containment alone would also call two
/// paragraphs near-duplicates when they share one long sentence and each has a short
/// sentence of its own; requiring near-total containment rules that out. The size
/// guard keeps a sentence that is only a prefix of a longer paragraph from matching.
pub fn near_score(a: &BigramSet, b: &BigramSet) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() || (small.len() as f64) < NEAR_MIN_SIZE_RATIO * large.len() as f64 {
        return 0.0;
    }
    // (the size guard first, as in `near_score_counts`: it spares the intersection)
    near_score_counts(small.len(), large.len(), small.intersection(large))
}

/// [`near_score`] of two bigram sets of `na` and `nb` distinct bigrams sharing
/// `common` of them (the aligner's screen counts them without building the sets;
/// [`near_score`] computes its score here).
pub fn near_score_counts(na: usize, nb: usize, common: usize) -> f64 {
    let (small, large) = (na.min(nb), na.max(nb));
    if small == 0 || (small as f64) < NEAR_MIN_SIZE_RATIO * large as f64 {
        return 0.0;
    }
    let contained = common as f64 / small as f64;
    if contained >= NEAR_CONTAINED {
        contained
    } else {
        common as f64 / (small + large - common) as f64
    }
}

/// Lone near-duplicate paragraphs among those not yet removed. `memo` holds what
/// an earlier pass over the same input computed (the similarity of each pair
/// compared, a function of the two paragraphs' text alone) and gets this pass' for
/// the next.
///
/// A later pass whose paragraphs in play (not removed, [`eligible`]) are, in order,
/// those a later pass before looked at and found nothing among (the same texts in the
/// same roles, [`InPlay`]), under the same threshold and minimum length, finds
/// nothing again and is not run: a paragraph's key, sketch, sentences and shape are
/// functions of its text, so its candidates, scores and tests are those of the pass
/// before (a 10 MB document's last pass, which the aligner's removals of the pass
/// before only shortened, cost 34 M instructions here).
pub fn paragraphs(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &mut [bool],
    memo: &mut Memo,
) -> Vec<Decision> {
    if !memo.is_later() || !InPlay::worth(a) {
        return paragraphs_screened(a, cfg, removed, memo, true);
    }
    let seen = InPlay::of(
        a,
        |i| memo.origin(i),
        near_cfg(cfg),
        |i| !removed[i] && eligible(a, cfg, i),
    );
    let before = memo.parts().near_in_play.as_ref();
    if before.is_some_and(|before| before.same(&seen, a)) {
        return Vec::new();
    }
    let out = paragraphs_screened(a, cfg, removed, memo, true);
    if out.is_empty() {
        memo.parts().near_in_play = Some(Box::new(seen.with_roles(a)));
    }
    out
}

/// What of `cfg` [`paragraphs`] reads when it finds nothing: the threshold and the
/// minimum length (for [`InPlay`]).
fn near_cfg(cfg: &Config) -> (u64, u64) {
    (cfg.near_threshold.to_bits(), cfg.min_paragraph_chars as u64)
}

/// [`paragraphs`], with its screens when `screen` ([`may_pair`] for the document,
/// [`may_be_appended`] for each candidate pair): the same decisions either way (the
/// tests compare them).
fn paragraphs_screened(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &mut [bool],
    memo: &mut Memo,
    screen: bool,
) -> Vec<Decision> {
    let mut out = Vec::new();
    let eligible = |i: usize| eligible(a, cfg, i);
    // (the screen's triples, sorted by value, are the index's grouping)
    // (their allocation kept in the memo, as the index's is: not one per document)
    let mut sorted = None;
    if screen && a.paras.len() <= SCREEN_MAX_PARAS {
        let triples = sorted.insert(std::mem::take(&mut memo.parts().near_triples));
        if !may_pair(a, removed, eligible, triples) {
            memo.parts().near_triples = std::mem::take(triples);
            return out;
        }
    }
    // (the allocation of the pass before, kept in the memo: a later pass of a
    // large document fills the same pages again instead of fresh ones)
    let mut index = std::mem::take(&mut memo.parts().near_index);
    match &sorted {
        Some(triples) => index.build_sorted(a.paras.len(), triples),
        None => index.build(a, |i| !removed[i] && eligible(i)),
    }
    paragraphs_indexed(a, cfg, removed, memo, screen, &mut index, &mut out);
    memo.parts().near_index = index;
    if let Some(triples) = sorted {
        memo.parts().near_triples = triples;
    }
    out
}

/// The loop of [`paragraphs_screened`] over the paragraphs, on `index`, built for
/// the paragraphs not `removed` and eligible (those the loop visits); decisions into
/// `out`.
fn paragraphs_indexed(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &mut [bool],
    memo: &mut Memo,
    screen: bool,
    index: &mut impl Buckets,
    out: &mut Vec<Decision>,
) {
    let eligible = |i: usize| eligible(a, cfg, i);
    // (two paragraphs the input holds unchanged are as similar as they were in the
    // first pass: a later pass reads the score from the memo)
    let score = |i: usize, j: usize, memo: &mut Memo| match (memo.origin(i), memo.origin(j)) {
        (Some(oi), Some(oj)) => *memo
            .parts()
            .near_scores
            .entry((oi, oj))
            .or_insert_with(|| near_score(a.bigrams(i), a.bigrams(j))),
        _ => near_score(a.bigrams(i), a.bigrams(j)),
    };
    // (a buffer reused for every paragraph: a large document has tens of thousands)
    let mut cands: Vec<usize> = Vec::new();
    for i in 0..a.paras.len() {
        if removed[i] || !eligible(i) {
            continue;
        }
        let sketch = a.paras[i].sketch;
        // a candidate shares at least MIN_SHARED sketch values: near-duplicates share
        // most of theirs, paragraphs that merely share a common bigram share one
        index.candidates(i, &sketch, MIN_SHARED, removed, &mut cands);
        let mut best: Option<(usize, f64)> = None;
        // (the roles are read only for a pair at the threshold: most documents
        // have none)
        let roles = || a.roles();
        // each paragraph's key and bigram set are built once, by the analysis,
        // however often it is compared (and shared with the aligner's screen)
        for &j in &cands {
            // A pair becomes `best` only when `appended` holds, whose first test
            // (`shared_edges`: one key is the other's start and end) reads the keys
            // from each end only as far as they agree: most candidates (sharing two
            // sketch values, a common bigram or two) fail it at once, before their
            // bigram sets are built (a 10 MB file's first pass built a set for nine
            // paragraphs in ten for 267 pairs at the threshold). The tests below
            // are pure (the memo only keeps scores), so testing it first changes
            // which pair is `best` in nothing.
            if screen && !may_be_appended(a, i, j) {
                continue;
            }
            let s = score(i, j, memo);
            if s >= cfg.near_threshold
                && best.is_none_or(|(_, b)| s > b)
                && roles()[i] == roles()[j]
                && roles()[i] != evidence::Role::Caption
                && appended(a, i, j)
            {
                best = Some((j, s));
            }
        }
        match best {
            Some((j, s)) => {
                let later_longer = a.paras[i].key_chars > a.paras[j].key_chars;
                let later = keep_later(cfg.keep, later_longer);
                let (rem, kept) = if later { (j, i) } else { (i, j) };
                removed[rem] = true;
                out.push(Decision {
                    kind: Kind::NearParagraph,
                    evidence: Evidence::Appended,
                    span: para_run_span(a, rem, rem).into(),
                    content: Span::new(a.paras[rem].start, a.paras[rem].end),
                    kept: Kept::Copy(Span::new(a.paras[kept].start, a.paras[kept].end)),
                    similarity: round4(s),
                    key_parts: vec![a.key(rem)],
                    rule: None,
                });
                if later {
                    index.insert(i, &sketch);
                }
            }
            None => index.insert(i, &sketch),
        }
    }
}

/// Whether paragraph `i` may be a near-duplicate at all: long enough, not a
/// heading, and prose (rule 1: questions, fields, numbered items and code are
/// structure). Read from the paragraph's shape, made in the key pass and carried
/// with an unchanged line: as cheap in a later pass as a memo's answer.
fn eligible(a: &Analysis<'_>, cfg: &Config, i: usize) -> bool {
    let p = &a.paras[i];
    p.key_chars >= NEAR_MIN_CHARS.max(cfg.min_paragraph_chars)
        && !p.shape.heading
        && p.shape.form == evidence::Form::Prose
}

/// [`paragraphs`] screens a document (`may_pair`) of at most this many
/// paragraphs: a larger one has near pairs to compare all but surely (a 10 MB
/// single file has tens of thousands of lines, and its screen cost half as much
/// as the stage).
pub const SCREEN_MAX_PARAS: usize = 4096;

/// Whether two paragraphs, both not `removed` and `eligible`, share
/// [`MIN_SHARED`] sketch values or more. A candidate of [`paragraphs`] is an
/// earlier paragraph found in the buckets of [`MIN_SHARED`] of the query's sketch
/// values (a sketch's values are distinct, and a paragraph is put in a bucket
/// once), and both were eligible and not removed when this pass' stage began
/// (`removed` only grows in it), so with no such pair there is no candidate and
/// [`paragraphs`] decides nothing: it is let go before the index, the roles and
/// any bigram set. One sort of the eligible paragraphs' sketch values, then of the
/// pairs sharing one; a value held by more than [`MAX_BUCKET`] paragraphs answers
/// yes at once (a pair is not looked for in a common bigram's crowd). The
/// sketch values are left in `triples`, as (value, paragraph, slot) sorted by value
/// then paragraph ([`Index::build_sorted`] groups them, when the answer is yes).
fn may_pair(
    a: &Analysis<'_>,
    removed: &[bool],
    eligible: impl Fn(usize) -> bool,
    triples: &mut Vec<(u64, u32, u32)>,
) -> bool {
    let values = triples;
    values.clear();
    values.reserve(crate::fingerprint::SKETCH * a.paras.len());
    for (i, para) in a.paras.iter().enumerate() {
        if removed[i] || !eligible(i) {
            continue;
        }
        let p = u32::try_from(i).unwrap_or(u32::MAX);
        for (k, &h) in (0u32..).zip(&para.sketch) {
            if h != u64::MAX {
                values.push((h, p, k));
            }
        }
    }
    if !super::registry::may_have_equal(values.iter().map(|v| v.0), values.len()) {
        return false;
    }
    values.sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for g in values.chunk_by(|x, y| x.0 == y.0).filter(|g| g.len() > 1) {
        if g.len() > MAX_BUCKET {
            return true;
        }
        for (k, &(_, p, _)) in g.iter().enumerate() {
            pairs.extend(g[k + 1..].iter().map(|&(_, q, _)| (p, q)));
        }
    }
    // (a pair is in `pairs` once per value its sketches share)
    pairs.sort_unstable();
    pairs.chunk_by(|x, y| x == y).any(|g| g.len() >= MIN_SHARED)
}

/// Paragraphs `i` and `j` as (smaller key, larger key): by key length, `i` first
/// when they are as long.
fn by_size(a: &Analysis<'_>, i: usize, j: usize) -> (usize, usize) {
    if a.paras[i].key_chars <= a.paras[j].key_chars {
        (i, j)
    } else {
        (j, i)
    }
}

/// Whether paragraphs `i` and `j` pass the first test of [`appended`]
/// ([`evidence::shared_edges`]); `false` only when [`appended`] is `false`.
fn may_be_appended(a: &Analysis<'_>, i: usize, j: usize) -> bool {
    let (small, large) = by_size(a, i, j);
    evidence::shared_edges(a.key_chars(small), a.key_chars(large)).is_some()
}

/// Whether paragraphs `i` and `j` differ only by an appended or dropped credit or
/// whole sentences ([`evidence::appended_only_chars`]); an edited copy alone is a
/// different item (edits are accepted only inside runs, by the aligner).
fn appended(a: &Analysis<'_>, i: usize, j: usize) -> bool {
    let (small, large) = by_size(a, i, j);
    let (s0, s1) = a.paras[large].sentences;
    let bounds: Vec<usize> = a.sentences[s0..s1]
        .iter()
        .scan(0, |at, s| {
            *at += s.key_chars;
            Some(*at)
        })
        .collect();
    evidence::appended_only_chars(a.key_chars(small), a.key_chars(large), &bounds)
}

#[cfg(test)]
mod chains;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::script::ScriptTables;

    fn run(text: &str) -> Vec<Decision> {
        let a = Analysis::new(text, ScriptTables::get());
        let mut removed = vec![false; a.paras.len()];
        paragraphs(&a, &Config::default(), &mut removed, &mut Memo::default())
    }

    /// A paragraph, and the document holding it and its copy with a credit appended.
    const CREDIT_P: &str =
        "国家统计局今天发布数据显示，一季度国内生产总值同比增长百分之五点三，好于预期。";

    fn credit_appended() -> String {
        format!("{CREDIT_P}\n中间一段完全不同的文字，讲的是体育比赛的结果。\n{CREDIT_P}（完）\n")
    }

    #[test]
    fn credit_appended_copy_is_found_and_the_longer_kept() {
        let (p, text) = (CREDIT_P, credit_appended());
        let d = run(&text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::NearParagraph);
        assert_eq!(d[0].evidence, Evidence::Appended);
        assert_eq!(
            &text[d[0].content.start..d[0].content.end],
            p,
            "the shorter goes"
        );
        assert!(d[0].similarity >= 0.8 && d[0].similarity <= 1.0);
    }

    #[test]
    fn a_later_pass_reads_scores_from_the_memo() {
        let text = credit_appended();
        let a = Analysis::new(&text, ScriptTables::get());
        let mut memo = Memo::default();
        let first = paragraphs(&a, &Config::default(), &mut [false; 3], &mut memo);
        assert_eq!(first.len(), 1);
        assert_eq!(memo.parts().near_scores.len(), 1);
        // the same paragraphs again, as a later pass sees them: same decisions, and
        // a score in the memo is what is used
        memo.next_pass(vec![Some(0), Some(1), Some(2)]);
        let again = paragraphs(&a, &Config::default(), &mut [false; 3], &mut memo);
        assert_eq!(first, again);
        for s in memo.parts().near_scores.values_mut() {
            *s = 0.0;
        }
        assert!(paragraphs(&a, &Config::default(), &mut [false; 3], &mut memo).is_empty());
        // a paragraph a removal cut (no origin) is compared afresh
        memo.next_pass(vec![Some(0), Some(1), None]);
        let cut = paragraphs(&a, &Config::default(), &mut [false; 3], &mut memo);
        assert_eq!(first, cut);
    }

    #[test]
    fn a_later_pass_with_the_paragraphs_in_play_of_one_that_found_nothing_is_not_run() {
        let text = credit_appended();
        let a = Analysis::new(&text, ScriptTables::get());
        let cfg = Config::default();
        let mut memo = Memo::default();
        let first = paragraphs(&a, &cfg, &mut [false; 3], &mut memo);
        assert_eq!(first.len(), 1);
        // a later pass that finds nothing (its memo's scores made 0) keeps what it
        // looked at
        memo.next_pass(vec![Some(0), Some(1), Some(2)]);
        for s in memo.parts().near_scores.values_mut() {
            *s = 0.0;
        }
        assert!(paragraphs(&a, &cfg, &mut [false; 3], &mut memo).is_empty());
        assert!(memo.parts().near_in_play.is_some());
        // the same paragraphs in play again: not run (the scores, forgotten, would
        // be computed afresh and find the pair)
        memo.parts().near_scores.clear();
        assert!(paragraphs(&a, &cfg, &mut [false; 3], &mut memo).is_empty());
        // another threshold, or a paragraph of no origin: run
        let lower = Config {
            near_threshold: 0.5,
            ..Config::default()
        };
        assert_eq!(paragraphs(&a, &lower, &mut [false; 3], &mut memo), first);
        memo.next_pass(vec![Some(0), Some(1), None]);
        assert_eq!(paragraphs(&a, &cfg, &mut [false; 3], &mut memo), first);
    }

    /// The screens change no decision, and neither does the index of sorted
    /// buckets against the hash map of chains it replaced (`chains`).
    #[test]
    fn the_screen_lets_go_only_documents_with_no_candidate() {
        use crate::detect::registry::samples;
        let (mut screened, mut found) = (0, 0);
        let mut docs = samples::all();
        docs.push(credit_appended());
        // a large document: every sample, then again with a credit after each line
        let joined = docs.join("\n");
        let credited: String = joined.lines().map(|l| format!("{l}（完）\n")).collect();
        docs.push(format!("{joined}\n{credited}{joined}"));
        for text in docs {
            let a = Analysis::new(&text, ScriptTables::get());
            for variant in 0..3 {
                let cfg = Config {
                    near_threshold: [0.8, 0.5, 0.95][variant],
                    ..Config::default()
                };
                let removed = samples::removed(a.paras.len(), variant);
                let (mut r1, mut r2) = (removed.clone(), removed.clone());
                let fast = paragraphs_screened(&a, &cfg, &mut r1, &mut Memo::default(), true);
                let slow = paragraphs_screened(&a, &cfg, &mut r2, &mut Memo::default(), false);
                assert_eq!((&fast, &r1), (&slow, &r2), "{text}");
                found += usize::from(!slow.is_empty());
                let mut r3 = removed.clone();
                let mut chained = Vec::new();
                let oracle = &mut chains::Chains::default();
                let memo = &mut Memo::default();
                paragraphs_indexed(&a, &cfg, &mut r3, memo, true, oracle, &mut chained);
                assert_eq!((&fast, &r1), (&chained, &r3), "{text}");
                screened += usize::from(!may_pair(
                    &a,
                    &removed,
                    |i| eligible(&a, &cfg, i),
                    &mut Vec::new(),
                ));
            }
        }
        assert!(screened > 100 && found > 3, "{screened} {found}");
    }

    #[test]
    fn lone_edited_copy_is_a_different_item() {
        // a figure changed: alone, two statements with different numbers are two items
        let p = "国家统计局今天发布数据显示，一季度国内生产总值同比增长百分之五点三，好于预期。";
        let q = "国家统计局今天发布数据显示，二季度国内生产总值同比增长百分之五点四，好于预期。";
        let text = format!("{p}\n中间一段完全不同的文字，讲的是体育比赛的结果。\n{q}\n");
        assert!(run(&text).is_empty());
        // two presidential orders for two laws
        let text = "第一二二号主席令说，《中华人民共和国妇女权益保障法》已由第十三届全国人民代表大会常务委员会第三十七次会议修订通过，现予公布，自2023年1月1日起施行。\n第一二四号主席令说，《中华人民共和国畜牧法》已由第十三届全国人民代表大会常务委员会第三十七次会议修订通过，现予公布，自2023年3月1日起施行。\n";
        assert!(run(text).is_empty());
    }

    #[test]
    fn prefix_of_a_longer_paragraph_is_not_a_copy() {
        let text = "今天上午市政府召开全体会议研究部署工作。\n今天上午市政府召开全体会议研究部署工作。会议决定明年增加教育投入并扩大招生规模。\n";
        assert!(run(text).is_empty());
    }
}
