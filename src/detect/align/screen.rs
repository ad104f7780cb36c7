//! Stage 0 of the aligner: the screen that lets most documents go at once, on what
//! the key pass already computed (line and sentence hashes, bottom-k sketches).

use super::is_furniture;
use crate::detect::near::near_score_counts;
use crate::detect::registry::may_have_equal;
use crate::detect::Analysis;

/// A screen on what the key pass already computed, before any key is built again:
/// whether two lines have the same key, two consecutive sentences occur again in
/// the same order elsewhere (an exact run, however reflowed or interleaved with
/// furniture, which is left out), or two lines of at least `NEAR_MIN_CHARS` key
/// characters share two of their bottom-k bigram sketch values (at Jaccard 0.8 two
/// of four are shared with probability about 0.97, see `near`) and are near copies
/// on their bigram sets (at most [`MAX_SCREEN_CHECKS`] pairs are compared). Linear
/// in sentences and lines.
///
/// Each of the three tests looks for equal values (line hashes, hashes of
/// consecutive unit pairs, sketch values) and finds them by sorting. A bit set
/// ([`may_have_equal`]) first tells in one pass when all the values are distinct,
/// and then the sort is skipped; otherwise only the values that may occur twice
/// are sorted: two bit sets ([`keep_repeated`]) drop the values seen once, which
/// sort into groups of one and so take part in nothing (most values of a
/// document are unique). The near copies are verified on
/// the bigram counts of the two keys, counted in a small hash table
/// ([`screen_similar`]) instead of building, sorting and keeping both lines'
/// bigram sets: the same three counts, so the same similarity. The answer is
/// always that of [`may_hold_copy_sorted`], the test oracle, which sorts every
/// vector whole and compares the lines' bigram sets.
pub(super) fn may_hold_copy(a: &Analysis<'_>, removed: &[bool]) -> bool {
    may_hold_copy_with(a, removed, true)
}

/// [`may_hold_copy`] sorting every vector whole and comparing bigram sets: the test
/// oracle (the screen as it was).
#[cfg(test)]
pub(super) fn may_hold_copy_sorted(a: &Analysis<'_>, removed: &[bool]) -> bool {
    may_hold_copy_with(a, removed, false)
}

/// [`may_hold_copy`]; `fast`: skip a sort when [`may_have_equal`] says all the
/// values are distinct, sort only the values that may repeat ([`keep_repeated`]),
/// and count bigrams in a table ([`screen_similar`]).
fn may_hold_copy_with(a: &Analysis<'_>, removed: &[bool], fast: bool) -> bool {
    // two lines at least
    if removed.iter().filter(|&&r| !r).take(2).count() < 2 {
        return false;
    }
    // two lines with the same key (hash): a line said twice, a doubled article
    let mut lines: Vec<u64> = Vec::with_capacity(a.paras.len());
    for (p, &r) in a.paras.iter().zip(removed) {
        if !r && p.key_chars > 0 {
            lines.push(p.hash);
        }
    }
    if !fast || may_have_equal(lines.iter().copied(), lines.len()) {
        // (a large document's first lines first: two equal ones among them are
        // two equal ones of the document, and a 10 MB file repeats a line within
        // its first thousand, where the sort of all its 47,000 cost 6 M
        // instructions in every fixed-point pass)
        if fast && lines.len() > 2 * SCREEN_PREFIX_LINES {
            let head = &mut lines[..SCREEN_PREFIX_LINES];
            head.sort_unstable();
            if head.windows(2).any(|w| w[0] == w[1]) {
                return true;
            }
        }
        if fast {
            keep_repeated(&mut lines, |&h| h);
        }
        lines.sort_unstable();
        if lines.windows(2).any(|w| w[0] == w[1]) {
            return true;
        }
    }
    // (sentence hash, paragraph) of the units in play, furniture lines left out;
    // (sketch value, paragraph) of the long lines. Sorted vectors, not maps: most
    // documents stop here, so the screen allocates a few vectors and hashes nothing.
    let mut units: Vec<(u64, usize)> = Vec::with_capacity(a.sentences.len());
    let mut sketch: Vec<(u64, usize)> =
        Vec::with_capacity(crate::fingerprint::SKETCH * a.paras.len());
    for (pi, p) in a.paras.iter().enumerate() {
        if removed[pi] || p.key_chars == 0 || is_furniture(a, pi) {
            continue;
        }
        for s in &a.sentences[p.sentences.0..p.sentences.1] {
            if s.key_chars > 0 {
                units.push((s.hash, pi));
            }
        }
        // (a near copy is screened on its long lines; its short ones are aligned
        // between them)
        if p.key_chars >= crate::detect::NEAR_MIN_CHARS {
            for &h in &p.sketch {
                if h != u64::MAX {
                    sketch.push((h, pi));
                }
            }
        }
    }
    // two consecutive units repeated in the same order in other lines
    let pair = |w: &[(u64, usize)]| w[0].0 ^ w[1].0.rotate_left(29);
    if !fast || may_have_equal(units.windows(2).map(pair), units.len()) {
        let mut pairs: Vec<(u64, usize)> = units
            .windows(2)
            .enumerate()
            .map(|(t, w)| (pair(w), t))
            .collect();
        if fast {
            keep_repeated(&mut pairs, |x| x.0);
        }
        pairs.sort_unstable();
        // (a group is sorted by position, so when its members lie in more than one
        // line two neighbours do: linear, however often a pair repeats)
        for g in pairs.chunk_by(|x, y| x.0 == y.0).filter(|g| g.len() > 1) {
            for w in g.windows(2) {
                let (s, t) = (w[0].1, w[1].1);
                if units[s].0 == units[t].0
                    && units[s + 1].0 == units[t + 1].0
                    && (units[s].1 != units[t].1 || units[s + 1].1 != units[t + 1].1)
                {
                    return true;
                }
            }
        }
    }
    // two lines sharing two sketch values, verified as near copies
    if fast {
        if !may_have_equal(sketch.iter().map(|x| x.0), sketch.len()) {
            return false;
        }
        keep_repeated(&mut sketch, |x| x.0);
    }
    sketch.sort_unstable();
    let mut shared: Vec<(usize, usize)> = Vec::new();
    for g in sketch.chunk_by(|x, y| x.0 == y.0).filter(|g| g.len() > 1) {
        for (k, &(_, p)) in g.iter().enumerate().take(MAX_BUCKET_SCREEN) {
            for &(_, q) in g[k + 1..].iter().take(MAX_BUCKET_SCREEN) {
                if p != q {
                    shared.push((p.min(q), p.max(q)));
                }
            }
        }
    }
    shared.sort_unstable();
    shared
        .chunk_by(|x, y| x == y)
        .filter(|g| g.len() >= 2)
        .take(MAX_SCREEN_CHECKS)
        .any(|g| {
            let (p, q) = g[0];
            if fast {
                screen_similar(a, p, q)
            } else {
                a.near_similarity(p, q) >= SCREEN_SIMILARITY
            }
        })
}

/// [`may_hold_copy`] looks for a repeated line among a large document's first
/// this many lines before it sorts all of them.
const SCREEN_PREFIX_LINES: usize = 1024;

/// Lines sharing one sketch value that the screen pairs, at most (a bigram common to
/// every line must not make the screen quadratic).
pub(super) const MAX_BUCKET_SCREEN: usize = 16;

/// Line pairs sharing two sketch values whose similarity the screen computes, at most.
pub(super) const MAX_SCREEN_CHECKS: usize = 64;
/// The bigram similarity ([`crate::detect::near_score`]) at which the screen lets a line pair
/// through (below `--near-threshold`: a reflowed line is compared with a longer one).
pub(super) const SCREEN_SIMILARITY: f64 = 0.6;

/// Drops from `items` (order kept) every item whose `value` no other item has,
/// and some more of them (never one whose value another item has): two bit sets of
/// about eight bits per item, indexed by the mixed value, a slot seen once and a
/// slot seen twice or more; an item whose slot was seen once holds a value no other
/// item holds. Two passes, no sort: the items left are those a sort would put in a
/// group of two or more, and a few unique ones that share their slot.
pub(super) fn keep_repeated<T>(items: &mut Vec<T>, value: impl Fn(&T) -> u64) {
    if items.len() < 2 {
        items.clear();
        return;
    }
    let bits = (items.len() * 8).next_power_of_two().max(64);
    let shift = 64 - bits.trailing_zeros();
    let slot = |h: u64| (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
    // (a document's few dozen values: the sets on the stack, not allocated)
    let (mut small_once, mut small_twice) = ([0u64; 16], [0u64; 16]);
    let (mut large_once, mut large_twice) = (Vec::new(), Vec::new());
    let (once, twice): (&mut [u64], &mut [u64]) = if bits / 64 <= small_once.len() {
        (&mut small_once[..bits / 64], &mut small_twice[..bits / 64])
    } else {
        large_once.resize(bits / 64, 0);
        large_twice.resize(bits / 64, 0);
        (&mut large_once, &mut large_twice)
    };
    let mut any_twice = false;
    for x in items.iter() {
        let s = slot(value(x));
        let (w, m) = (s / 64, 1u64 << (s % 64));
        if once[w] & m != 0 {
            twice[w] |= m;
            any_twice = true;
        }
        once[w] |= m;
    }
    if !any_twice {
        items.clear();
        return;
    }
    items.retain(|x| {
        let s = slot(value(x));
        twice[s / 64] & (1u64 << (s % 64)) != 0
    });
}

/// Whether [`Analysis::near_similarity`] of paragraphs `p` and `q` is at least
/// [`SCREEN_SIMILARITY`], the same answer: read from their bigram sets when the
/// analysis has built both, else from the counts of the two keys' distinct bigrams
/// and of those they share, counted in one open addressing table ([`Table`],
/// reused) instead of two sorted sets. A bigram `(a, b)` is the same pair of
/// characters [`crate::fingerprint::BigramSet`] holds (a key of one character has
/// `(c, '\0')`, an empty key none), packed as `a << 21 | b`, a bijection: the counts
/// are those of the sets, and [`near_score_counts`] is [`crate::detect::near_score`]
/// on them. The count stops early when the pair cannot reach the similarity
/// ([`bigram_counts`]).
pub(super) fn screen_similar(a: &Analysis<'_>, p: usize, q: usize) -> bool {
    if a.para_bigrams[p].get().is_some() && a.para_bigrams[q].get().is_some() {
        return a.near_similarity(p, q) >= SCREEN_SIMILARITY;
    }
    let (x, y) = (a.key_chars(p), a.key_chars(q));
    bigram_counts(x, y, true)
        .is_some_and(|(nx, ny, common)| near_score_counts(nx, ny, common) >= SCREEN_SIMILARITY)
}

/// The open addressing table [`bigram_counts`] counts in, kept from call to call
/// on each thread: an entry is the packed pair (bits 0 to 41, see [`bigrams`]),
/// which keys hold it (bits 42 and 43) and the call that wrote it (bits 44 to 63):
/// an entry of an earlier call is empty, so the table is never cleared (zeroing a
/// fresh table for each of simp.jsonl's 9,000 pairs cost 30 M instructions).
#[derive(Default)]
struct Table {
    slots: Vec<u64>,
    /// The current call's stamp (0: no call yet; entries of 0 are empty).
    stamp: u64,
}

thread_local! {
    static TABLE: std::cell::RefCell<Table> = std::cell::RefCell::default();
}

/// The number of distinct bigrams of `x`, of `y`, and of those in both (see
/// [`screen_similar`]), counted in this thread's [`Table`] (in one of their own
/// for keys of over [`MAX_KEPT_TABLE`] / 2 characters); `None` when `give_up` and
/// the counts cannot give a similarity of [`SCREEN_SIMILARITY`].
///
/// Why giving up is exact: a similarity of 0.6 or more needs the smaller set to
/// hold at least 0.67 of the larger's bigrams (else it is 0) and then either 0.95
/// of the smaller's bigrams common (0.95 × 0.67 = 0.636 of the larger's) or a
/// Jaccard of 0.6 (common ≥ 0.375 × (small + large) ≥ 0.375 × 1.67 = 0.626 of the
/// larger's): in both cases common ≥ 0.62 × max(nx, ny). While `y` is read, the
/// final common count is at most the count so far plus the bigrams of `y` not yet
/// read, and max(nx, ny) only grows; once that bound falls below 0.6 × max(nx, ny
/// so far), the pair is below the similarity whatever the rest of `y` holds.
fn bigram_counts(x: &[char], y: &[char], give_up: bool) -> Option<(usize, usize, usize)> {
    // (a pair of long lines counts in a table of its own, dropped after: the
    // thread's table stays small)
    if x.len() + y.len() > MAX_KEPT_TABLE / 2 {
        return bigram_counts_in(x, y, &mut Table::default(), give_up);
    }
    TABLE.with_borrow_mut(|t| bigram_counts_in(x, y, t, give_up))
}

/// The most slots of a thread's [`Table`] (512 KiB), for keys of half as many
/// characters together at most.
const MAX_KEPT_TABLE: usize = 1 << 16;

/// [`bigram_counts`] in `table`.
fn bigram_counts_in(
    x: &[char],
    y: &[char],
    table: &mut Table,
    give_up: bool,
) -> Option<(usize, usize, usize)> {
    const IN_X: u64 = 1 << 42;
    const IN_Y: u64 = 1 << 43;
    const PAIR: u64 = IN_X - 1;
    const STAMP: u32 = 44;
    // (at most half full: a key of n characters has at most n bigrams)
    let size = ((x.len() + y.len()) * 2).next_power_of_two().max(16);
    if table.slots.len() < size {
        table.slots.resize(size, 0);
    }
    table.stamp += 1;
    if table.stamp >= 1 << (64 - STAMP) {
        // (the stamps are used up: every entry empty again)
        table.slots.fill(0);
        table.stamp = 1;
    }
    let now = table.stamp << STAMP;
    // (the first `size` slots: a small pair's table stays in the cache)
    let slots = &mut table.slots[..size];
    let shift = 64 - size.trailing_zeros();
    let mask = size - 1;
    let (mut nx, mut ny, mut common) = (0, 0, 0);
    // whether the pair is new to this key, and whether key x holds it
    let mut put = |pair: u64, side: u64| {
        let mut s = (pair.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
        loop {
            let e = slots[s];
            if e >> STAMP != now >> STAMP {
                slots[s] = now | side | pair;
                return (true, false);
            }
            if e & PAIR == pair {
                slots[s] = e | side;
                return (e & side == 0, e & IN_X != 0);
            }
            s = (s + 1) & mask;
        }
    };
    for v in bigrams(x) {
        nx += usize::from(put(v, IN_X).0);
    }
    // (the bound is checked every sixteen bigrams of `y`, and before the first)
    let mut left = y.len().max(1) - 1 + usize::from(y.len() == 1);
    let hopeless =
        |common: usize, left: usize, nx: usize, ny: usize| (common + left) * 5 < nx.max(ny) * 3;
    if give_up && hopeless(0, left, nx, 0) {
        return None;
    }
    for v in bigrams(y) {
        let (new, in_x) = put(v, IN_Y);
        if new {
            ny += 1;
            common += usize::from(in_x);
        }
        left -= 1;
        if give_up && left.is_multiple_of(16) && hopeless(common, left, nx, ny) {
            return None;
        }
    }
    Some((nx, ny, common))
}

/// The bigrams of key `k`, each packed as `a << 21 | b` (42 bits: a character is
/// below 2^21): the pairs of consecutive characters, or `(c, '\0')` for a key of
/// one character, as [`crate::fingerprint::BigramSet`] has them.
fn bigrams(k: &[char]) -> impl Iterator<Item = u64> + '_ {
    let pack = |c: char, d: char| ((c as u64) << 21) | d as u64;
    let one = (k.len() == 1).then(|| pack(k[0], '\0'));
    one.into_iter()
        .chain(k.windows(2).map(move |w| pack(w[0], w[1])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::registry::samples;

    #[test]
    fn the_fast_screen_answers_as_the_sorted_one() {
        let tables = crate::normalize::script::ScriptTables::get();
        let (mut yes, mut no) = (0, 0);
        let mut docs = samples::all();
        // large documents: a line repeated among the first ones, only at the
        // end, and never
        let distinct: Vec<String> = (0..3000)
            .map(|i| format!("第{i}行的内容在这里。"))
            .collect();
        docs.push(docs.join("\n"));
        docs.push(format!("{}\n第7行的内容在这里。", distinct.join("\n")));
        docs.push(distinct.join("\n"));
        for text in docs {
            for variant in 0..3 {
                // (a fresh analysis each time: the oracle builds bigram sets the
                // fast screen would then read)
                let a = Analysis::new(&text, tables);
                let removed = samples::removed(a.paras.len(), variant);
                let got = may_hold_copy(&a, &removed);
                let want = may_hold_copy_sorted(&a, &removed);
                assert_eq!(got, want, "{text}");
                *(if want { &mut yes } else { &mut no }) += 1;
            }
        }
        assert!(yes > 50 && no > 50, "{yes} {no}");
        // equal values always meet; distinct ones mostly do not
        assert!(may_have_equal([5, 9, 5].into_iter(), 3));
        assert!(!may_have_equal((0..1000u64).map(|i| i * 7919), 1000));
        assert!(!may_have_equal(std::iter::empty(), 0));
    }

    #[test]
    fn keep_repeated_keeps_every_repeated_value() {
        let mut rng = crate::chars::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: u64| rng() % n;
        for round in 0..500 {
            let n = [0, 1, 2, 5, 40, 200, 3000][round % 7];
            let range = [3, 50, 1 << 40][round % 3];
            let items: Vec<(u64, usize)> = (0..n).map(|i| (next(range), i)).collect();
            let mut kept = items.clone();
            keep_repeated(&mut kept, |x| x.0);
            // in order, and every item whose value repeats is kept
            assert!(kept.windows(2).all(|w| w[0].1 < w[1].1));
            let repeated: Vec<_> = items
                .iter()
                .filter(|x| items.iter().filter(|y| y.0 == x.0).count() > 1)
                .copied()
                .collect();
            assert!(repeated.iter().all(|x| kept.contains(x)), "round {round}");
            if n == 3000 && range == 1 << 40 {
                // (unique values are mostly dropped: one in eight or so shares
                // its slot with another)
                assert!(kept.len() < 600, "{}", kept.len());
            }
        }
    }

    #[test]
    fn bigram_counts_give_the_near_score_of_the_bigram_sets() {
        use crate::fingerprint::BigramSet;
        let mut rng = crate::chars::xorshift(0x2545_f491_4f6c_dd1d);
        let mut next = |n: u64| (rng() % n) as usize;
        let pool: Vec<char> =
            "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
                .chars()
                .chain(['a', 'b', '\0', '𠀀', '𪚥', '\u{10FFFF}'])
                .collect();
        let mut table = Table::default();
        let (mut scores, mut gave_up) = (0, 0);
        for round in 0..3000 {
            let len = |next: &mut dyn FnMut(u64) -> usize| match next(4) {
                0 => next(3),
                _ => next(200),
            };
            let alphabet = [4, 12, pool.len()][round % 3] as u64;
            let lx = len(&mut next);
            let x: Vec<char> = (0..lx).map(|_| pool[next(alphabet)]).collect();
            // y: x edited, cut or extended, or fresh
            let mut y: Vec<char> = if round % 4 == 0 {
                let ly = len(&mut next);
                (0..ly).map(|_| pool[next(alphabet)]).collect()
            } else {
                x.clone()
            };
            for _ in 0..next(6) {
                match next(3) {
                    0 if !y.is_empty() => {
                        let at = next(y.len() as u64);
                        y[at] = pool[next(alphabet)];
                    }
                    1 if !y.is_empty() => {
                        let at = next(y.len() as u64);
                        y.truncate(at);
                    }
                    _ => y.push(pool[next(alphabet)]),
                }
            }
            let (sx, sy) = (BigramSet::of_chars(&x), BigramSet::of_chars(&y));
            let want = (sx.len(), sy.len(), sx.intersection(&sy));
            // (the stamps run out and start again on the way)
            if round == 1500 {
                table.stamp = (1 << 20) - 3;
            }
            assert_eq!(
                bigram_counts_in(&x, &y, &mut table, false),
                Some(want),
                "{x:?} {y:?}"
            );
            assert_eq!(bigram_counts(&x, &y, false), Some(want));
            let score = crate::detect::near_score(&sx, &sy);
            assert_eq!(near_score_counts(want.0, want.1, want.2), score);
            // giving up early answers as the whole count
            let similar = bigram_counts(&x, &y, true)
                .is_some_and(|(nx, ny, c)| near_score_counts(nx, ny, c) >= SCREEN_SIMILARITY);
            assert_eq!(similar, score >= SCREEN_SIMILARITY, "{x:?} {y:?}");
            gave_up += usize::from(bigram_counts(&x, &y, true).is_none());
            scores += usize::from(score >= SCREEN_SIMILARITY);
        }
        assert!(scores > 500 && gave_up > 500, "{scores} {gave_up}");
        // keys too long for the thread's table
        let long: Vec<char> = (0..40_000).map(|i| pool[(i * i) % pool.len()]).collect();
        let (sx, sy) = (BigramSet::of_chars(&long), BigramSet::of_chars(&long[5..]));
        let want = (sx.len(), sy.len(), sx.intersection(&sy));
        assert_eq!(bigram_counts(&long, &long[5..], false), Some(want));
    }
}
