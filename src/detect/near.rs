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
use super::registry::Memo;
use super::{
    keep_later, para_run_span, round4, Analysis, Decision, Kept, Kind, Span, NEAR_MIN_CHARS,
};
use crate::config::Config;
use crate::fingerprint::{BigramSet, FxHashMap};

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
    let common = small.intersection(large);
    let contained = common as f64 / small.len() as f64;
    if contained >= NEAR_CONTAINED {
        contained
    } else {
        common as f64 / (small.len() + large.len() - common) as f64
    }
}

/// Lone near-duplicate paragraphs among those not yet removed. `memo` holds what
/// an earlier pass over the same input computed (the similarity of each pair
/// compared, a function of the two paragraphs' text alone) and gets this pass' for
/// the next.
pub fn paragraphs(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &mut [bool],
    memo: &mut Memo,
) -> Vec<Decision> {
    paragraphs_screened(a, cfg, removed, memo, true)
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
    // (read from the paragraph's shape, made in the key pass and carried with an
    // unchanged line: as cheap in a later pass as a memo's answer)
    let eligible = |i: usize| {
        let p = &a.paras[i];
        p.key_chars >= NEAR_MIN_CHARS.max(cfg.min_paragraph_chars)
            && !p.shape.heading
            // rule 1: questions, fields, numbered items and code are structure
            && p.shape.form == evidence::Form::Prose
    };
    // (two paragraphs the input holds unchanged are as similar as they were in the
    // first pass: a later pass reads the score from the memo)
    let score = |i: usize, j: usize, memo: &mut Memo| match (memo.origin(i), memo.origin(j)) {
        (Some(oi), Some(oj)) => *memo
            .near_scores
            .entry((oi, oj))
            .or_insert_with(|| near_score(a.bigrams(i), a.bigrams(j))),
        _ => near_score(a.bigrams(i), a.bigrams(j)),
    };
    if screen && a.paras.len() <= SCREEN_MAX_PARAS && !may_pair(a, removed, eligible) {
        return out;
    }
    // (sized once, for the paragraphs it will hold: grown by doubling, a document's
    // index is rehashed again and again; sized for every paragraph, a 10 MB file's
    // map, whose control bytes are written when it is made, took 8.5 MB and 2,200
    // page faults more than it needed)
    let holds = (0..a.paras.len())
        .filter(|&i| !removed[i] && eligible(i))
        .count();
    // (the allocation of the pass before, kept in the memo: a later pass of a
    // large document fills the same pages again instead of some 3 MB of fresh ones)
    let mut index = std::mem::take(&mut memo.near_index);
    index.heads.clear();
    index.nodes.clear();
    index.heads.reserve(crate::fingerprint::SKETCH * holds);
    index.nodes.reserve(crate::fingerprint::SKETCH * holds);
    // (buffers reused for every paragraph: a large document has tens of thousands)
    let mut cands: Vec<usize> = Vec::new();
    let mut tally: Vec<(u32, u32)> = vec![(u32::MAX, 0); a.paras.len()];
    for i in 0..a.paras.len() {
        if removed[i] || !eligible(i) {
            continue;
        }
        let sketch = a.paras[i].sketch;
        // a candidate shares at least MIN_SHARED sketch values: near-duplicates share
        // most of theirs, paragraphs that merely share a common bigram share one
        let stamp = u32::try_from(i).unwrap_or(u32::MAX);
        shared_at_least(
            sketch
                .iter()
                .filter(|&&h| h != u64::MAX)
                .flat_map(|&h| index.bucket(h)),
            MIN_SHARED,
            removed,
            (&mut tally, stamp),
            &mut cands,
        );
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
                    index.insert(&sketch, i);
                }
            }
            None => index.insert(&sketch, i),
        }
    }
    memo.near_index = index;
    out
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
/// yes at once (a pair is not looked for in a common bigram's crowd).
fn may_pair(a: &Analysis<'_>, removed: &[bool], eligible: impl Fn(usize) -> bool) -> bool {
    let mut values: Vec<(u64, u32)> =
        Vec::with_capacity(crate::fingerprint::SKETCH * a.paras.len());
    for (i, para) in a.paras.iter().enumerate() {
        if removed[i] || !eligible(i) {
            continue;
        }
        let p = u32::try_from(i).unwrap_or(u32::MAX);
        for &h in &para.sketch {
            if h != u64::MAX {
                values.push((h, p));
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
        for (k, &(_, p)) in g.iter().enumerate() {
            pairs.extend(g[k + 1..].iter().map(|&(_, q)| (p, q)));
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

/// The paragraphs (not `removed`) found at least `min` times among `hits` (the
/// paragraphs of the buckets of one paragraph's sketch values, one after the
/// other: an occurrence twice in one bucket counts twice), in ascending order,
/// into `out`. `tally` is scratch of one entry per paragraph, kept between calls:
/// an entry counts the occurrences of its paragraph in this call once its stamp is
/// `stamp` (which must differ from call to call). One step per occurrence; only the
/// candidates found are sorted (the buckets of a common sketch value hold
/// [`MAX_BUCKET`] unrelated paragraphs, which are counted and dropped).
fn shared_at_least(
    hits: impl Iterator<Item = u32>,
    min: usize,
    removed: &[bool],
    (tally, stamp): (&mut [(u32, u32)], u32),
    out: &mut Vec<usize>,
) {
    out.clear();
    for j in hits {
        let t = &mut tally[j as usize];
        if t.0 != stamp {
            *t = (stamp, 0);
        }
        t.1 += 1;
        if t.1 as usize == min && !removed[j as usize] {
            out.push(j as usize);
        }
    }
    out.sort_unstable();
}

/// The end of a bucket's chain in [`Index::nodes`].
const CHAIN_END: u32 = u32::MAX;

/// Sketch value to the first [`MAX_BUCKET`] paragraphs whose sketch holds it. Each
/// bucket is a chain of nodes in one vector (latest first; the order of a bucket
/// does not matter to [`shared_at_least`]), so a bucket costs no allocation of its
/// own: a large document has some hundred thousand distinct sketch values, most
/// held by one paragraph.
#[derive(Default)]
pub(super) struct Index {
    /// Sketch value to (the bucket's latest node, its length).
    heads: FxHashMap<u64, (u32, u32)>,
    /// (paragraph, the node before it in its bucket, or [`CHAIN_END`]).
    nodes: Vec<(u32, u32)>,
}

impl Index {
    /// Adds paragraph `i` to the bucket of each of its sketch values not yet full.
    fn insert(&mut self, sketch: &[u64], i: usize) {
        for &h in sketch.iter().filter(|&&h| h != u64::MAX) {
            let head = self.heads.entry(h).or_insert((CHAIN_END, 0));
            if (head.1 as usize) < MAX_BUCKET {
                let at = u32::try_from(self.nodes.len()).unwrap_or(CHAIN_END);
                self.nodes.push((i as u32, head.0));
                *head = (at, head.1 + 1);
            }
        }
    }

    /// The paragraphs of the bucket of sketch value `h`.
    fn bucket(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&h).map_or(CHAIN_END, |e| e.0);
        std::iter::from_fn(move || {
            let &(p, before) = self.nodes.get(at as usize)?;
            at = before;
            Some(p)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::SKETCH;
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
        assert_eq!(memo.near_scores.len(), 1);
        // the same paragraphs again, as a later pass sees them: same decisions, and
        // a score in the memo is what is used
        memo.next_pass(vec![Some(0), Some(1), Some(2)]);
        let again = paragraphs(&a, &Config::default(), &mut [false; 3], &mut memo);
        assert_eq!(first, again);
        for s in memo.near_scores.values_mut() {
            *s = 0.0;
        }
        assert!(paragraphs(&a, &Config::default(), &mut [false; 3], &mut memo).is_empty());
        // a paragraph a removal cut (no origin) is compared afresh
        memo.next_pass(vec![Some(0), Some(1), None]);
        let cut = paragraphs(&a, &Config::default(), &mut [false; 3], &mut memo);
        assert_eq!(first, cut);
    }

    #[test]
    fn the_screen_lets_go_only_documents_with_no_candidate() {
        use crate::detect::registry::samples;
        let (mut screened, mut found) = (0, 0);
        let mut docs = samples::all();
        docs.push(credit_appended());
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
                assert_eq!((fast, r1), (slow.clone(), r2), "{text}");
                found += usize::from(!slow.is_empty());
                let eligible = |i: usize| {
                    let p = &a.paras[i];
                    p.key_chars >= NEAR_MIN_CHARS.max(cfg.min_paragraph_chars)
                        && !p.shape.heading
                        && p.shape.form == evidence::Form::Prose
                };
                screened += usize::from(!may_pair(&a, &removed, eligible));
            }
        }
        assert!(screened > 100 && found > 3, "{screened} {found}");
    }

    #[test]
    fn index_buckets_hold_the_first_max_bucket_paragraphs() {
        let mut index = Index::default();
        for i in 0..40 {
            // value 1 in every sketch, value 2 in every third, u64::MAX never kept
            let third = if i % 3 == 0 { 2 } else { u64::MAX };
            index.insert(&[1, third, u64::MAX, 100 + i as u64], i);
        }
        let bucket = |h: u64| {
            let mut b: Vec<u32> = index.bucket(h).collect();
            b.sort_unstable();
            b
        };
        assert_eq!(bucket(1), (0..MAX_BUCKET as u32).collect::<Vec<_>>());
        assert_eq!(bucket(2), (0..14).map(|i| i * 3).collect::<Vec<_>>());
        assert_eq!(bucket(107), vec![7]);
        assert!(bucket(u64::MAX).is_empty() && bucket(3).is_empty());
    }

    #[test]
    fn shared_at_least_is_the_sorted_hits_counted() {
        // what it replaced: every hit collected, sorted, and counted
        fn by_sorting(buckets: &[&[u32]; SKETCH], min: usize, removed: &[bool]) -> Vec<usize> {
            let mut hits: Vec<usize> = buckets
                .iter()
                .flat_map(|b| b.iter())
                .map(|&j| j as usize)
                .filter(|&j| !removed[j])
                .collect();
            hits.sort_unstable();
            hits.chunk_by(|x, y| x == y)
                .filter(|w| w.len() >= min)
                .map(|w| w[0])
                .collect()
        }
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut out = Vec::new();
        let mut tally = vec![(u32::MAX, 0); 30];
        for round in 0..500 {
            let lists: Vec<Vec<u32>> = (0..SKETCH)
                .map(|_| {
                    let mut l: Vec<u32> = (0..next(12)).map(|_| next(30) as u32).collect();
                    l.sort_unstable();
                    l
                })
                .collect();
            let removed: Vec<bool> = (0..30).map(|_| next(4) == 0).collect();
            let mut buckets: [&[u32]; SKETCH] = [&[]; SKETCH];
            for (b, l) in buckets.iter_mut().zip(&lists) {
                *b = l;
            }
            // the same bucket twice (a sketch value repeated) counts twice
            if next(5) == 0 {
                buckets[1] = buckets[0];
            }
            for min in 1..=3 {
                let stamp = round * 3 + min as u32;
                let hits = buckets.iter().flat_map(|b| b.iter().copied());
                shared_at_least(hits, min, &removed, (&mut tally, stamp), &mut out);
                assert_eq!(out, by_sorting(&buckets, min, &removed));
            }
        }
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
