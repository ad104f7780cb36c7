//! Every copy of whole lines, found on the document's sentence sequence whatever its
//! line layout (kinds `block`, `paragraph` and `stitch`): the doubled article pasted
//! as it was (body, headline, body; the whole page twice; a body written three
//! times), a line said twice in a row, pages stitched with an overlap, a copy
//! reflowed (paragraphs merged into one line, pairs merged, one sentence per line), a
//! copy with a few characters edited in every sentence (its headline too), and a
//! copy whose lines alternate with page furniture (`广告`, `上一页`, `返回顶部`). One
//! aligner instead of the four line heuristics it replaced (exact runs of lines,
//! near lines inside runs, stitched pages, and copies laid out differently).
//!
//! The units are the sentences of the lines no earlier stage removed, in order; a
//! line without sentence-ending punctuation (a headline) is one unit. Their matching
//! keys are concatenated into one key text, with no trace of the line breaks, so a
//! reflowed copy has the same key text as its original.
//!
//! 0. **Screen** ([`may_hold_copy`]): on what the key pass already computed (line and
//!    sentence hashes, bottom-k sketches of lines), a document with no repeated line,
//!    no repeated pair of sentences and no pair of lines sharing two sketch values is
//!    left at once (most documents of a news corpus). O(sentences + lines).
//! 1. **Anchors** ([`anchors`]): pairs of lines with the same key, pairs of units with
//!    the same key, then pairs of units holding the same [`ANCHOR_CHARS`]-gram of the
//!    key text, sampled by content
//!    (rolling hash), so anchors are found whatever the line breaks and however many
//!    sentences were edited. O(n) in the key length n. (An LCP scan of a suffix array
//!    of the key text finds the same anchors and every other repeat; it cost four
//!    times as much on the corpus, where this stage runs on one document in five,
//!    for no removal more: the suffix array stays with `inline_block`, which needs
//!    the longest repeat inside a line.)
//! 2. **Alignment.** Anchors are taken longest first (at most [`MAX_ANCHORS`]); each is
//!    extended unit by unit in both directions while the next units match exactly or
//!    as near copies (an edit distance of at most [`max_edits`] characters, never an
//!    edit of digits alone), stepping over furniture lines ([`is_furniture`]) on
//!    either side, then cut back to whole lines ([`whole_lines`]). Linear in the
//!    length of the run; a unit of a removed copy is never an anchor again (the kept
//!    copy may be copied again: a third copy pairs with the first), so the whole
//!    stage is near-linear in the number of units (a 5 MB single line takes a few
//!    seconds, see `benches/align.rs`).
//! 3. **Evidence** ([`super::evidence`]): the aligner proposes, the evidence model
//!    decides. A run is removed only when both copies are whole lines (no fragment
//!    of a line is ever left or cut). Copies whose lines pair one to one, unit for
//!    unit, with an exact unit among them, are judged as lines ([`lined_copy`]: a
//!    lone line when it stutters or in the body, headline, body shape; two or more
//!    when both are prose). Copies laid out differently need prose in both copies
//!    (rule 1), at least [`MIN_RUN`] aligned units or two with one exact unit of at
//!    least [`evidence::PROSE_MIN_CHARS`] (rule 2: near copies only inside a run;
//!    rule 3: a lone unit stays), every aligned pair in the same role (rule 4), and
//!    furniture lines inside such a run stay.
//!
//! Which copy survives (`--keep auto`): the earlier one, except when nothing but one
//! to three heading-like lines separate the copies (the scraped “body, headline,
//! body” shape): then the later one, so the headline leads its body again.
//!
//! Cost of the whole stage, stated: O(n) for the screen and the anchors in the key
//! length n, plus the runs' lengths for extension (each unit of a removed copy is
//! extended over once), plus O(k) per unit pair compared as near copies (banded
//! edit distance, k ≤ 3). No stage loops to a fixed point; copies a removal brings
//! together are found by `fixpoint::settle`'s next pass.

mod anchors;

use super::evidence::{self, Evidence, Form, Role};
use super::{keep_later, Analysis, Decision, Kept, Kind};
use crate::config::Config;
use crate::normalize::key::push_key;
use anchors::{anchors, may_hold_copy};

/// Two units are anchored together when their key texts share this many characters.
pub const ANCHOR_CHARS: usize = 8;
/// At most this many anchors are extended per document (longest first).
pub const MAX_ANCHORS: usize = 4096;
/// A run without an exact unit of prose length needs this many aligned units.
pub const MIN_RUN: usize = 3;
/// A furniture line has at most this many key characters.
pub const MAX_FURNITURE_CHARS: usize = 6;
/// Near units are compared by edit distance only up to this many characters each.
const MAX_NEAR_CHARS: usize = 400;

/// Edits allowed between two aligned units of `len` key characters (the shorter):
/// one per five characters, at least one, at most three; none under eight
/// characters (a short line with a character changed is another line).
pub fn max_edits(len: usize) -> usize {
    if len < 8 {
        0
    } else {
        (len / 5).clamp(1, 3)
    }
}

/// One sentence of a line still in play.
struct Unit {
    /// Paragraph index.
    para: usize,
    /// Its key characters: a range of the document's key text.
    key: (usize, usize),
    /// The unit is a whole line of page furniture.
    furniture: bool,
    /// The unit is a whole heading-like line (furniture too).
    heading: bool,
}

/// Whether a paragraph is a line of page furniture that may sit between the units of
/// a copy: short (at most [`MAX_FURNITURE_CHARS`] key characters), one unit, and not
/// a sentence (no sentence-ending punctuation). It is stepped over, never removed.
fn is_furniture(a: &Analysis<'_>, pi: usize) -> bool {
    let p = &a.paras[pi];
    p.key_chars <= MAX_FURNITURE_CHARS
        && p.sentences.1 - p.sentences.0 <= 1
        && evidence::is_heading_like(&a.text[p.start..p.end], p.key_chars)
}

/// Levenshtein distance of `x` and `y` when it is at most `k`, else `None`; banded,
/// O((|x| + |y|) × k).
pub fn bounded_edits(x: &[char], y: &[char], k: usize) -> Option<usize> {
    if x.len().abs_diff(y.len()) > k {
        return None;
    }
    let (n, m) = (x.len(), y.len());
    let big = k + 1;
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(big)).collect();
    let mut cur = vec![big; m + 1];
    for i in 1..=n {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        cur.iter_mut().for_each(|c| *c = big);
        cur[0] = i.min(big);
        let mut best = cur[0];
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(x[i - 1] != y[j - 1]);
            let v = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(big);
            cur[j] = v;
            best = best.min(v);
        }
        if best > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= k).then_some(prev[m])
}

/// Whether the characters that differ between two keys of the same length are all
/// digits (a number changed: another item, rule 2).
pub fn digits_only_change(x: &[char], y: &[char]) -> bool {
    x.len() == y.len()
        && x.iter()
            .zip(y)
            .filter(|(p, q)| p != q)
            .all(|(p, q)| p.is_ascii_digit() || q.is_ascii_digit())
}

/// How units `p` and `q` match: `Some(0)` exactly, `Some(e)` as near copies with `e`
/// edits, `None` not at all.
fn unit_match(us: &[Unit], chars: &[char], p: usize, q: usize) -> Option<usize> {
    keys_match(
        &chars[us[p].key.0..us[p].key.1],
        &chars[us[q].key.0..us[q].key.1],
    )
}

/// How two keys match: `Some(0)` exactly, `Some(e)` within [`max_edits`] edits
/// (never a change of digits alone), `None` not at all.
fn keys_match(x: &[char], y: &[char]) -> Option<usize> {
    if x == y {
        return Some(0);
    }
    let len = x.len().max(y.len());
    let k = max_edits(x.len().min(y.len()));
    if k == 0 || len > MAX_NEAR_CHARS || digits_only_change(x, y) {
        return None;
    }
    bounded_edits(x, y, k)
}

/// An aligned run: pairs of units (earlier, later) and their edits; a unit of one
/// copy matched by two of the other (a reflowed line break) appears in two pairs.
struct Run {
    pairs: Vec<(usize, usize, usize)>,
}

/// Whether the key text of units `x.0..=x.1` equals that of `y.0..=y.1`
/// (consecutive units are contiguous in `chars`).
fn span_equal(us: &[Unit], chars: &[char], x: (usize, usize), y: (usize, usize)) -> bool {
    chars[us[x.0].key.0..us[x.1].key.1] == chars[us[y.0].key.0..us[y.1].key.1]
}

/// A headline aligned inside or at the edge of a run, a whole heading-like line on
/// both sides: its edits may reach half its length (a short line with two
/// characters edited is still the copy's headline when the run around it is the
/// copy; rule 1 still asks the run for prose).
fn heading_match(us: &[Unit], chars: &[char], i: usize, j: usize) -> Option<usize> {
    if !us[i].heading || !us[j].heading {
        return None;
    }
    let (x, y) = (
        &chars[us[i].key.0..us[i].key.1],
        &chars[us[j].key.0..us[j].key.1],
    );
    let k = (x.len().min(y.len()) / 2).max(1);
    if x.len().min(y.len()) < 4 || digits_only_change(x, y) {
        return None;
    }
    bounded_edits(x, y, k)
}

/// What one alignment step adds: the pairs, and the units consumed in copy 1 and in
/// copy 2.
type Step = (Vec<(usize, usize, usize)>, usize, usize);

/// One step of the alignment from units `i` (copy 1) and `j` (copy 2) towards
/// `dir` (+1 forwards, −1 backwards): the pairs it adds and the units it consumes on
/// each side, or `None` where the run ends. `ok(u)`: unit `u` may join the run.
fn step(
    us: &[Unit],
    chars: &[char],
    (i, j): (usize, usize),
    forwards: bool,
    ok: &dyn Fn(usize, usize) -> bool,
) -> Option<Step> {
    if !ok(i, j) {
        return None;
    }
    if let Some(e) = unit_match(us, chars, i, j) {
        return Some((vec![(i, j, e)], 1, 1));
    }
    if let Some(e) = heading_match(us, chars, i, j) {
        return Some((vec![(i, j, e)], 1, 1));
    }
    if us[j].furniture {
        return Some((Vec::new(), 0, 1));
    }
    if us[i].furniture {
        return Some((Vec::new(), 1, 0));
    }
    // two units of one copy against one of the other, exactly: a line break moved
    let (i2, j2) = if forwards {
        (i.checked_add(1), j.checked_add(1))
    } else {
        (i.checked_sub(1), j.checked_sub(1))
    };
    let plain = |u: usize| u < us.len() && !us[u].furniture;
    if let Some(i2) = i2.filter(|&u| plain(u) && ok(u, j)) {
        let x = if forwards { (i, i2) } else { (i2, i) };
        if span_equal(us, chars, x, (j, j)) {
            return Some((vec![(x.0, j, 0), (x.1, j, 0)], 2, 1));
        }
    }
    if let Some(j2) = j2.filter(|&u| plain(u) && ok(i, u)) {
        let y = if forwards { (j, j2) } else { (j2, j) };
        if span_equal(us, chars, (i, i), y) {
            return Some((vec![(i, y.0, 0), (i, y.1, 0)], 1, 2));
        }
    }
    None
}

/// Extend the anchor pair `(p, q)` both ways. Copy 1 stays before copy 2.
fn extend(us: &[Unit], chars: &[char], claimed: &[bool], p: usize, q: usize, e0: usize) -> Run {
    let mut pairs = vec![(p, q, e0)];
    // forwards: copy 1 stays before copy 2's start `q`
    let (mut i, mut j) = (p + 1, q + 1);
    let fwd_ok = |x: usize, y: usize| x < q && y < us.len() && !claimed[x] && !claimed[y];
    while let Some((add, di, dj)) = step(us, chars, (i, j), true, &fwd_ok) {
        pairs.extend(add);
        i += di;
        j += dj;
    }
    // backwards: copy 2 stays after copy 1's end
    let fence = pairs.iter().map(|x| x.0).max().unwrap_or(p);
    let mut front = Vec::new();
    let bwd_ok = |x: usize, y: usize| y > fence && !claimed[x] && !claimed[y];
    let (mut i, mut j) = (p, q);
    while i > 0 && j > 0 {
        let Some((add, di, dj)) = step(us, chars, (i - 1, j - 1), false, &bwd_ok) else {
            break;
        };
        if i < di || j < dj {
            break;
        }
        front.extend(add.into_iter().rev());
        i -= di;
        j -= dj;
    }
    front.reverse();
    front.extend(pairs);
    Run { pairs: front }
}

/// Aligned copies among the paragraphs not yet removed; marks the paragraphs it
/// removes in `removed`.
pub fn runs(a: &Analysis<'_>, cfg: &Config, removed: &mut [bool]) -> Vec<Decision> {
    if !may_hold_copy(a, removed) {
        return Vec::new();
    }
    let mut us: Vec<Unit> = Vec::new();
    let mut key = String::new();
    let mut chars: Vec<char> = Vec::new();
    for (pi, p) in a.paras.iter().enumerate() {
        if removed[pi] || p.key_chars == 0 {
            continue;
        }
        let furniture = is_furniture(a, pi);
        let heading = p.sentences.1 - p.sentences.0 == 1
            && evidence::is_heading_like(&a.text[p.start..p.end], p.key_chars);
        for s in &a.sentences[p.sentences.0..p.sentences.1] {
            if s.key_chars == 0 {
                continue;
            }
            key.clear();
            push_key(a.tables(), &a.text[s.span.0..s.span.1], &mut key);
            let at = chars.len();
            chars.extend(key.chars());
            us.push(Unit {
                para: pi,
                key: (at, chars.len()),
                furniture,
                heading,
            });
        }
    }
    if us.len() < 2 {
        return Vec::new();
    }
    let anchors = anchors(&us, &chars);
    let mut per_para = vec![0usize; a.paras.len()];
    for u in &us {
        per_para[u.para] += 1;
    }
    let roles = a.roles();
    // units taken by a run (either copy): never an anchor again
    let mut claimed = vec![false; us.len()];
    let mut out = Vec::new();
    for (p, q) in anchors {
        if claimed[p] || claimed[q] {
            continue;
        }
        let Some(e0) = unit_match(&us, &chars, p, q) else {
            continue;
        };
        let run = extend(&us, &chars, &claimed, p, q, e0);
        let run = whole_lines(&us, &per_para, run);
        let Some((ds, gone)) = judge(a, cfg, &us, &per_para, roles, removed, &run) else {
            continue;
        };
        // the removed copy's units are gone: never an anchor or part of a run again;
        // the kept copy may still be copied again further on (a body written three
        // times loses two copies in one pass)
        // (`gone` is in order)
        for &(i, j, _) in &run.pairs {
            for u in [i, j] {
                claimed[u] |= gone.binary_search(&us[u].para).is_ok();
            }
        }
        for pi in gone {
            removed[pi] = true;
        }
        out.extend(ds);
    }
    out.sort_by_key(|d| d.span);
    out
}

/// `run` cut back at both ends to whole lines: a pair stays only when every unit of
/// its line in each copy is in the run (a copy is removed as whole lines, never
/// leaving a fragment, so a line only partly aligned ends the run before it).
/// Linear in the run's length.
fn whole_lines(us: &[Unit], per_para: &[usize], mut run: Run) -> Run {
    use crate::fingerprint::FxHashMap;
    // per side: pairs each unit is in, and distinct units of each paragraph in the run
    let mut uses: [FxHashMap<usize, usize>; 2] = Default::default();
    let mut have: [FxHashMap<usize, usize>; 2] = Default::default();
    for &(i, j, _) in &run.pairs {
        for (side, u) in [(0, i), (1, j)] {
            let c = uses[side].entry(u).or_insert(0);
            if *c == 0 {
                *have[side].entry(us[u].para).or_insert(0) += 1;
            }
            *c += 1;
        }
    }
    let whole = |have: &[FxHashMap<usize, usize>; 2], side: usize, u: usize| {
        have[side].get(&us[u].para).copied().unwrap_or(0) == per_para[us[u].para]
    };
    let (mut lo, mut hi) = (0, run.pairs.len());
    loop {
        let before = (lo, hi);
        for front in [false, true] {
            while lo < hi {
                let (i, j, _) = run.pairs[if front { lo } else { hi - 1 }];
                if whole(&have, 0, i) && whole(&have, 1, j) {
                    break;
                }
                for (side, u) in [(0, i), (1, j)] {
                    let c = uses[side].get_mut(&u).expect("counted");
                    *c -= 1;
                    if *c == 0 {
                        *have[side].get_mut(&us[u].para).expect("counted") -= 1;
                    }
                }
                if front {
                    lo += 1;
                } else {
                    hi -= 1;
                }
            }
        }
        if (lo, hi) == before {
            break;
        }
    }
    run.pairs.truncate(hi);
    run.pairs.drain(..lo);
    run
}

/// The evidence model's verdict on a run: the removals it allows and the paragraphs
/// they take, or `None`. `per_para`: units of each paragraph; `removed`: paragraphs
/// already removed (they separate nothing).
fn judge(
    a: &Analysis<'_>,
    cfg: &Config,
    us: &[Unit],
    per_para: &[usize],
    roles: &[Role],
    removed: &[bool],
    run: &Run,
) -> Option<(Vec<Decision>, Vec<usize>)> {
    let pairs = &run.pairs;
    let n = pairs.len();
    if n == 0 {
        return None;
    }
    // (a unit in two pairs was merged with a neighbour by the reflow)
    let mut twice = std::collections::HashSet::new();
    for w in pairs.windows(2) {
        if w[0].0 == w[1].0 {
            twice.insert((0, w[0].0));
        }
        if w[0].1 == w[1].1 {
            twice.insert((1, w[0].1));
        }
    }
    // whole lines: every unit of every line a copy touches is in the run (furniture
    // lines inside the run are stepped over and stay)
    let lines_of = |side: usize| -> Option<Vec<usize>> {
        // (paragraph, units of it in the run), in order
        let mut paras: Vec<(usize, usize)> = Vec::new();
        let mut last = usize::MAX;
        for &(i, j, _) in pairs {
            let u = if side == 0 { i } else { j };
            if u == last {
                continue; // one unit matched by two of the other copy
            }
            last = u;
            let pi = us[u].para;
            match paras.last_mut() {
                Some((p, c)) if *p == pi => *c += 1,
                _ => paras.push((pi, 1)),
            }
        }
        paras
            .iter()
            .all(|&(pi, c)| c == per_para[pi])
            .then(|| paras.iter().map(|&(pi, _)| pi).collect())
    };
    let first = lines_of(0)?;
    let second = lines_of(1)?;
    if first.iter().any(|p| second.contains(p)) {
        return None;
    }
    // lines in play (not removed, with a key) between the copies
    let gap: Vec<usize> = (first[first.len() - 1] + 1..second[0])
        .filter(|&g| !removed[g] && a.paras[g].key_chars > 0)
        .collect();
    // the copies' lines pair one to one, unit for unit (no line break moved, no
    // furniture stepped over), with an exact unit among them (rule 2: edited lines
    // only beside exact ones; a lone line only exactly)
    let lined = twice.is_empty()
        && pairs
            .windows(2)
            .all(|w| w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1)
        && first.len() == second.len()
        && first
            .iter()
            .zip(&second)
            .all(|(&x, &y)| per_para[x] == per_para[y])
        && pairs.iter().any(|p| p.2 == 0)
        && (first.len() >= 2 || pairs.iter().all(|p| p.2 == 0));
    if lined {
        return lined_copy(a, cfg, us, roles, removed, (&first, &second), pairs);
    }
    if n < 2 {
        return None; // rule 3: a lone unit stays
    }
    let exact_long = pairs.iter().any(|&(i, _, e)| {
        e == 0 && (us[i].key.1 - us[i].key.0) >= evidence::PROSE_MIN_CHARS && !us[i].furniture
    });
    if n < MIN_RUN && !exact_long {
        return None;
    }
    // rule 4: every aligned pair in the same role; summaries, bullets and
    // captions only ever with their own kind. A heading or lead line merged into a
    // body line by the reflow (a unit of a line against a unit of a longer line)
    // may change role with it
    let whole = |side: usize, u: usize| per_para[us[u].para] == 1 && !twice.contains(&(side, u));
    // (an edited pair may have lost the mark its role was read from: `图片来源` →
    // `房片来源`)
    if pairs.iter().any(|&(i, j, e)| {
        let (ri, rj) = (roles[us[i].para], roles[us[j].para]);
        ri != rj
            && e == 0
            && (matches!(ri, Role::Summary | Role::Caption)
                || matches!(rj, Role::Summary | Role::Caption)
                || (whole(0, i) && whole(1, j)))
    }) {
        return None;
    }
    // rule 3: a lone line repeated as a lone line is `exact`'s or `near`'s to judge
    // (a title said again before its body stays); here one copy is laid out over
    // two or more lines
    if first.len() < 2 && second.len() < 2 {
        return None;
    }
    // a run made of furniture-like lines only is not an article
    let total: usize = second.iter().map(|&p| a.paras[p].key_chars).sum();
    if total < cfg.min_paragraph_chars {
        return None;
    }
    // rule 1: prose in both copies
    let min = cfg.min_paragraph_chars;
    let lines = |ps: &[usize]| {
        ps.iter()
            .map(|&p| {
                (
                    &a.text[a.paras[p].start..a.paras[p].end],
                    a.paras[p].key_chars,
                )
            })
            .collect::<Vec<_>>()
    };
    let (l1, l2) = (lines(&first), lines(&second));
    if !evidence::run_is_prose(l1.iter().copied(), min)
        || !evidence::run_is_prose(l2.iter().copied(), min)
    {
        return None;
    }
    // which copy survives
    // (furniture is not a headline, and a run that carries its own headline
    // does not need the one between the copies)
    let heading_gap = !gap.is_empty()
        && gap.len() <= evidence::MAX_HEADING_LINES
        && roles[first[0]] != Role::Heading
        && gap.iter().all(|&g| {
            let p = &a.paras[g];
            evidence::is_heading_like(&a.text[p.start..p.end], p.key_chars) && !is_furniture(a, g)
        });
    // rule 4: one line directly followed by the body lines opening with the same
    // sentences, the body going on after them, is a lead or deck: the body's copy
    // survives
    let after = second.last().map_or(0, |&l| l + 1);
    let lead = first.len() == 1
        && gap.is_empty()
        && (after..a.paras.len())
            .find(|&p| a.paras[p].key_chars > 0 && !is_furniture(a, p))
            .is_some_and(|p| {
                let t = &a.text[a.paras[p].start..a.paras[p].end];
                evidence::prose_weight(t, a.paras[p].key_chars, cfg.min_paragraph_chars) > 0
            });
    // rules 3 and 4 away from the copy: with text between the copies (not only a
    // headline), a short run (under MIN_RUN units) or one line laid out again over
    // several further on is a lead or summary quoting its body, the author's
    let apart = !gap.is_empty() && !heading_gap;
    if apart && !lead && (n < MIN_RUN || (first.len() == 1 && second.len() >= 2)) {
        return None;
    }
    let later = keep_later(cfg.keep, heading_gap || lead);
    let (rem, kept) = if later {
        (&first, &second)
    } else {
        (&second, &first)
    };
    // short furniture-like lines that aligned inside the run stay (page furniture is
    // not the article's: `收藏`, `回复`); the run's first line, of four key
    // characters or more and no digit (`3小时前` is a comment's time), is its
    // headline and goes with it
    let headline = |p: usize| {
        a.paras[p].key_chars >= 4
            && !a.text[a.paras[p].start..a.paras[p].end].contains(|c: char| c.is_ascii_digit())
    };
    let rem: Vec<usize> = rem
        .iter()
        .enumerate()
        .filter(|&(k, &p)| (k == 0 && headline(p)) || !is_furniture(a, p))
        .map(|(_, &p)| p)
        .collect();
    let rem = &rem;
    if rem.is_empty() {
        return None;
    }
    let evidence = if lead {
        Evidence::Stutter
    } else if n >= MIN_RUN || heading_gap {
        Evidence::DoubledArticle
    } else {
        Evidence::Run
    };
    let kind = if rem.len() >= 2 {
        Kind::Block
    } else {
        Kind::Paragraph
    };
    Some(removals(a, us, pairs, rem, kept, kind, evidence))
}

/// The removals of the lines `rem` (in order), copies of the lines `kept`: one per
/// stretch of consecutive lines (a line in between, removed or furniture that stays,
/// breaks a stretch), and `rem` itself (the paragraphs they take).
fn removals(
    a: &Analysis<'_>,
    us: &[Unit],
    pairs: &[(usize, usize, usize)],
    rem: &[usize],
    kept: &[usize],
    kind: Kind,
    evidence: Evidence,
) -> (Vec<Decision>, Vec<usize>) {
    let edits: usize = pairs.iter().map(|p| p.2).sum();
    let chars: usize = pairs
        .iter()
        .map(|&(i, _, _)| us[i].key.1 - us[i].key.0)
        .sum();
    let similarity = super::round4(1.0 - edits as f64 / chars.max(1) as f64);
    let kept_span = (
        a.paras[kept[0]].start,
        a.paras[*kept.last().expect("non-empty")].end,
    );
    let mut out = Vec::new();
    let mut s = 0;
    for k in 0..rem.len() {
        let next_adjacent =
            k + 1 < rem.len() && (rem[k] + 1..rem[k + 1]).all(|g| a.paras[g].key_chars == 0);
        if next_adjacent {
            continue;
        }
        let (f, l) = (rem[s], rem[k]);
        out.push(Decision {
            kind,
            evidence,
            span: super::para_run_span(a, f, l),
            content: (a.paras[f].start, a.paras[l].end),
            kept: Kept::Copy(kept_span.into()),
            similarity,
            key_parts: rem[s..=k].iter().map(|&p| a.key(p)).collect(),
            rule: None,
        });
        s = k + 1;
    }
    (out, rem.to_vec())
}

/// The verdict on copies whose lines pair one to one, unit for unit: a doubled
/// article pasted as it was, a line said twice, pages stitched with an overlap
/// (rules 1, 3 and 4 for lines). A lone line goes when it directly follows its copy
/// in the same role (not code, not a caption: a caption said again may caption a
/// second picture), or when it is prose between which and its copy stand only one
/// to three heading-like lines (body, headline, body). Two or more lines go when
/// both copies are prose (rule 1): `doubled_article` for three or more, for the
/// whole text written twice, or for the body, headline, body shape; `run`
/// otherwise. Two or more lines right after their copy, inside the text, are pages
/// stitched with an overlap (`stitch`). `--keep auto` keeps the later copy in the
/// body, headline, body shape (the headline leads its body again), else the earlier.
#[allow(clippy::too_many_arguments)]
fn lined_copy(
    a: &Analysis<'_>,
    cfg: &Config,
    us: &[Unit],
    roles: &[Role],
    removed: &[bool],
    (first, second): (&[usize], &[usize]),
    pairs: &[(usize, usize, usize)],
) -> Option<(Vec<Decision>, Vec<usize>)> {
    // page furniture opening the run (`赞`, `3`, `收藏` closing the comment before a
    // comment repeated in a list, the commenter's name) belongs to the item before
    // the copy: it stays; the first line of a copy that opens the text is its
    // headline and goes
    let opens_text = !(0..first[0]).any(|g| !removed[g] && a.paras[g].key_chars > 0);
    let edge = |p: usize| is_furniture(a, p) && !opens_text;
    let (mut lo, hi) = (0, first.len());
    while lo < hi && edge(first[lo]) && edge(second[lo]) {
        lo += 1;
    }
    if lo == hi {
        return None;
    }
    let (first, second) = (&first[lo..hi], &second[lo..hi]);
    let gap: Vec<usize> = (first[first.len() - 1] + 1..second[0])
        .filter(|&g| !removed[g] && a.paras[g].key_chars > 0)
        .collect();
    let len = first.len();
    let text = |p: usize| &a.text[a.paras[p].start..a.paras[p].end];
    let total: usize = second.iter().map(|&p| a.paras[p].key_chars).sum();
    if total < cfg.min_paragraph_chars {
        return None;
    }
    let adjacent = gap.is_empty();
    let in_play = |g: usize| !removed[g] && a.paras[g].key_chars > 0;
    // nothing in play before the first copy, or after the second
    let at_start = !(0..first[0]).any(in_play);
    let at_end = !(second[len - 1] + 1..a.paras.len()).any(in_play);
    let heading_gap = !gap.is_empty()
        && gap.len() <= evidence::MAX_HEADING_LINES
        && gap
            .iter()
            .all(|&g| evidence::is_heading_like(text(g), a.paras[g].key_chars));
    let evidence = if len == 1 {
        let (x, y) = (first[0], second[0]);
        // rule 4: a heading, summary or caption and the body line it quotes
        if roles[x] != roles[y] {
            return None;
        }
        let f = evidence::form(text(y), a.paras[y].key_chars);
        // rule 3: a lone line stutters, or sits in the body, headline, body shape
        if adjacent && f != Form::Code && roles[y] != Role::Caption {
            Evidence::Stutter
        } else if f == Form::Prose
            && a.paras[y].key_chars >= evidence::PROSE_MIN_CHARS
            && heading_gap
        {
            Evidence::DoubledArticle
        } else {
            return None;
        }
    } else {
        // rule 1: prose in both copies; records, Q&A, code, verse and lists repeat
        // their lines by design
        let prose = |ps: &[usize]| {
            evidence::run_is_prose(
                ps.iter().map(|&p| (text(p), a.paras[p].key_chars)),
                cfg.min_paragraph_chars,
            )
        };
        if !prose(first) || !prose(second) {
            return None;
        }
        if len >= 3 || (adjacent && at_start) || heading_gap {
            Evidence::DoubledArticle
        } else {
            Evidence::Run
        }
    };
    let (rem, kept) = if keep_later(cfg.keep, heading_gap) {
        (first, second)
    } else {
        (second, first)
    };
    let kind = if len >= 2 && adjacent && !at_start && !at_end {
        Kind::Stitch
    } else if len >= 2 {
        Kind::Block
    } else {
        Kind::Paragraph
    };
    Some(removals(a, us, pairs, rem, kept, kind, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::script::ScriptTables;

    fn run(text: &str) -> String {
        let a = Analysis::new(text, ScriptTables::get());
        let mut removed = vec![false; a.paras.len()];
        let d = runs(&a, &Config::default(), &mut removed);
        crate::clean::cut(text, &d)
    }

    const P: [&str; 3] = [
        "本市今年新建的三座社区图书馆已于本周对外开放，每座馆藏图书约两万册。",
        "市文化局表示，明年还将在城东和城西再各建一座，并增设儿童阅览区。",
        "不少居民在开馆首日就办理了借书证，一位退休教师说，以后看书再也不用跑远路了。",
    ];

    #[test]
    fn edits_are_bounded() {
        let x: Vec<char> = "全省启动抗旱四级应急响应".chars().collect();
        let y: Vec<char> = "全省启动抗旱四极应急响应".chars().collect();
        assert_eq!(bounded_edits(&x, &y, 1), Some(1));
        assert_eq!(bounded_edits(&x, &x[1..], 1), Some(1));
        assert_eq!(bounded_edits(&x, &y[2..], 1), None);
        assert_eq!(max_edits(7), 0);
        assert_eq!(max_edits(12), 2);
        assert_eq!(max_edits(40), 3);
    }

    #[test]
    fn reflowed_copy_goes_whole() {
        let text = format!("{}{}{}\n{}\n{}\n{}\n", P[0], P[1], P[2], P[0], P[1], P[2]);
        assert_eq!(run(&text), format!("{}{}{}\n", P[0], P[1], P[2]));
        let text = format!("{}\n{}\n{}\n{}{}{}\n", P[0], P[1], P[2], P[0], P[1], P[2]);
        assert_eq!(run(&text), format!("{}\n{}\n{}\n", P[0], P[1], P[2]));
    }

    #[test]
    fn furniture_between_the_copys_lines_stays() {
        let text = format!(
            "标题在这里\n{}\n{}\n{}\n广告\n标题在这里\n上一页\n{}\n返回顶部\n{}\n{}\n",
            P[0], P[1], P[2], P[0], P[1], P[2]
        );
        assert_eq!(
            run(&text),
            format!(
                "标题在这里\n{}\n{}\n{}\n广告\n上一页\n返回顶部\n",
                P[0], P[1], P[2]
            )
        );
    }

    #[test]
    fn a_deck_merging_the_bodys_opening_goes_and_the_body_stays() {
        let body = "图书馆还计划每月举办两次读书分享会，欢迎市民报名参加。";
        let text = format!("{}{}\n{}\n{}\n{body}\n", P[0], P[1], P[0], P[1]);
        assert_eq!(run(&text), format!("{}\n{}\n{body}\n", P[0], P[1]));
    }

    #[test]
    fn a_title_said_again_before_its_body_stays() {
        let text = format!("标题很长！我在现场学会了手搓自己的工具！\n{}\n标题很长！我在现场学会了手搓自己的工具！\n{}\n", P[0], P[1]);
        assert_eq!(run(&text), text);
    }

    #[test]
    fn a_lone_sentence_and_a_quoting_lead_stay() {
        let text = format!(
            "{}\n中间的话题完全不同，讲的是体育。\n{}{}\n",
            P[0], P[0], P[1]
        );
        assert_eq!(run(&text), text);
        // two items differing in a number only
        let text = "2023年营收增长5%，利润增长3%，员工人数增加到了一千人。\n其他的内容在这里写着。\n2024年营收增长7%，利润增长4%，员工人数增加到了一千人。\n";
        assert_eq!(run(text), text);
    }

    fn decisions(text: &str) -> Vec<Decision> {
        let a = Analysis::new(text, ScriptTables::get());
        let mut removed = vec![false; a.paras.len()];
        runs(&a, &Config::default(), &mut removed)
    }

    #[test]
    fn copies_pasted_as_they_were_are_the_aligners_too() {
        // the whole text twice: the second copy goes as one block
        let body = format!("{}\n{}\n{}\n", P[0], P[1], P[2]);
        let text = format!("{body}{body}");
        let d = decisions(&text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].evidence),
            (Kind::Block, Evidence::DoubledArticle)
        );
        assert_eq!(crate::clean::cut(&text, &d), body);
        // a line said twice in a row: a stutter
        let text = format!("{}\n{}\n{}\n", P[0], P[0], P[1]);
        let d = decisions(&text);
        assert_eq!(
            (d[0].kind, d[0].evidence),
            (Kind::Paragraph, Evidence::Stutter)
        );
        assert_eq!(
            crate::clean::cut(&text, &d),
            format!("{}\n{}\n", P[0], P[1])
        );
        // pages stitched with an overlap of two lines, inside the text
        let text = format!(
            "标题在这里\n{}\n{}\n{}\n{}\n{}\n",
            P[0], P[1], P[0], P[1], P[2]
        );
        let d = decisions(&text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::Stitch);
    }

    #[test]
    fn a_body_written_three_times_keeps_its_first_copy() {
        let body = format!("{}\n{}\n{}\n", P[0], P[1], P[2]);
        let text = format!("标题在这里\n{body}{body}{body}");
        let d = decisions(&text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(crate::clean::cut(&text, &d), format!("标题在这里\n{body}"));
    }

    #[test]
    fn a_run_is_cut_back_to_whole_lines() {
        // the copy's last line carries a sentence of its own: it stays whole, the
        // lines before it go
        let own = "另外，馆方表示周末开放时间将延长到晚上九点。";
        let text = format!(
            "{}\n{}\n{}\n中间的话题完全不同，讲的是体育。\n{}\n{}\n{}{own}\n",
            P[0], P[1], P[2], P[0], P[1], P[2]
        );
        let d = decisions(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            crate::clean::cut(&text, &d),
            format!(
                "{}\n{}\n{}\n中间的话题完全不同，讲的是体育。\n{}{own}\n",
                P[0], P[1], P[2], P[2]
            )
        );
    }

    #[test]
    fn furniture_closing_the_item_before_a_repeated_comment_stays() {
        // a comment listed twice (hot and latest), each time after another
        // comment whose vote count is the same `赞 3 收藏`
        let c = "其实我觉得产业升级后，大量失业农民工应该回乡务农，国家也应该大力扶持农业。";
        let text = format!(
            "第一条评论的内容在这里写着。\n赞\n3\n收藏\n{c}\n13小时前\n举报\n另一位网友的看法完全不同呢。\n赞\n3\n收藏\n{c}\n13小时前\n举报\n"
        );
        let out = crate::clean::cut(&text, &decisions(&text));
        assert_eq!(
            out,
            "第一条评论的内容在这里写着。\n赞\n3\n收藏\n其实我觉得产业升级后，大量失业农民工应该回乡务农，国家也应该大力扶持农业。\n13小时前\n举报\n另一位网友的看法完全不同呢。\n赞\n3\n收藏\n"
        );
    }
}
