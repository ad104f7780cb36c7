//! Stage 1 of the aligner: the anchors (unit pairs with the same key or a shared
//! sampled k-gram) that runs grow from.

use super::screen::keep_repeated;
use super::{Unit, ANCHOR_CHARS, MAX_ANCHORS};
use crate::detect::Analysis;

/// Pairs of equal keys among `items` (the key's hash, the unit, and the key's
/// range in `chars`), in `out` as `(key length, earlier unit, later unit)`: each
/// occurrence of a key pairs with the first [`MAX_PER_GRAM`] earlier ones. Grouped by
/// sorting on (hash, unit) instead of a map of vectors (one allocation per distinct
/// key, a hundred thousand in a 10 MB document); keys with the same hash are
/// compared by their characters (equal keys, equal hashes). Only the items whose
/// hash may occur twice or more are sorted, found first with two bit sets of about
/// a byte per item ([`keep_repeated`]: a unique key pairs with nothing, and most
/// keys of a long document are unique; a map of counts cost 73 M instructions on a
/// 10 MB file against 41 M, and 2 MB more at the peak). The pairs come out in
/// another order than a map would give; [`anchors`] sorts them on a total order.
/// `out` keeps only pairs that may be among the [`MAX_ANCHORS`] longest
/// ([`Longest`]), the only ones [`anchors`] takes.
fn equal_key_pairs(
    items: &mut Vec<(u64, usize, (usize, usize))>,
    chars: &[char],
    out: &mut Longest,
) {
    keep_repeated(items, |x| x.0);
    group_by_hash(items);
    let key = |r: (usize, usize)| &chars[r.0..r.1];
    let pair_up = |g: &[usize], len: usize, out: &mut Longest| {
        for b in 1..g.len() {
            for &i in &g[..b.min(MAX_PER_GRAM)] {
                out.push((len, i, g[b]));
            }
        }
    };
    // The groups of one hash (two items or more), as (their longest key's length,
    // start, end in `items`), longest first: `out` keeps the same pairs whatever the
    // order they are pushed in, and in this order, once a group's longest key is
    // too short to be kept (`Longest::may_keep`: the MAX_ANCHORS pairs kept at the
    // latest cut are all longer), so is every later group's, for good (a cut only
    // ever keeps longer pairs or the same), and the rest is neither compared nor
    // paired. In hash order every group was compared and its pairs pushed until
    // the cuts had found the longest (some 14 M instructions of a 10 MB file's
    // three passes).
    let mut groups: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = 0;
    for same_hash in items.chunk_by(|x, y| x.0 == y.0) {
        if same_hash.len() > 1 {
            let longest = same_hash.iter().map(|x| x.2 .1 - x.2 .0).max();
            groups.push((longest.unwrap_or(0), at, at + same_hash.len()));
        }
        at += same_hash.len();
    }
    groups.sort_unstable_by_key(|g| std::cmp::Reverse(g.0));
    let mut group: Vec<usize> = Vec::new();
    for &(longest, start, end) in &groups {
        if !out.may_keep(longest) {
            break;
        }
        let same_hash = &items[start..end];
        let first = key(same_hash[0].2);
        if same_hash.iter().all(|x| key(x.2) == first) {
            group.clear();
            group.extend(same_hash.iter().map(|x| x.1));
            pair_up(&group, first.len(), out);
            continue;
        }
        // a hash collision: one group per distinct key, each in unit order
        let mut done = vec![false; same_hash.len()];
        for s in 0..same_hash.len() {
            if done[s] {
                continue;
            }
            let k = key(same_hash[s].2);
            group.clear();
            for (t, x) in same_hash.iter().enumerate().skip(s) {
                if !done[t] && key(x.2) == k {
                    done[t] = true;
                    group.push(x.1);
                }
            }
            pair_up(&group, k.len(), out);
        }
    }
}

/// An item [`equal_key_pairs`] groups: the key's hash, the unit, and the key's
/// range in the key text.
type Item = (u64, usize, (usize, usize));

/// Puts `items` so that the items of one hash are side by side, in unit order:
/// the groups [`equal_key_pairs`] pairs up, as a sort on (hash, unit) gives them,
/// though the groups come in another order (which nothing sees: [`Longest`] keeps
/// the same pairs in any order). The items are put in bins by a hash of their
/// hash, in place (each item swapped into its bin's next free place, as an
/// American flag sort does: two bin cursors of four bytes a bin, about one a two
/// items, and no copy of the items, which on a 10 MB file's doubled body were
/// 3 MB more at the peak), and only each bin, one or two items, is sorted on
/// (hash, unit); a sort of the whole on (hash, unit) cost 16 M instructions of a
/// 10 MB file's three passes. A few items are sorted as they are.
fn group_by_hash(items: &mut [Item]) {
    let n = items.len();
    if n < 64 {
        items.sort_unstable_by_key(|&(h, u, _)| (h, u));
        return;
    }
    let bins = (n / 2).next_power_of_two();
    let shift = 64 - bins.trailing_zeros();
    let bin = |h: u64| (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
    // (each bin's start, then its end; u32: fewer than 2^32 items)
    let mut bounds = vec![0u32; bins + 1];
    for x in items.iter() {
        bounds[bin(x.0) + 1] += 1;
    }
    for b in 1..=bins {
        bounds[b] += bounds[b - 1];
    }
    // the next place of each bin not yet holding one of its items: an item found
    // there of another bin is swapped into that bin's next place, until the place
    // holds one of its own (each swap puts one item in its bin for good)
    let mut next: Vec<u32> = bounds[..bins].to_vec();
    for b in 0..bins {
        let end = bounds[b + 1];
        while next[b] < end {
            let at = next[b] as usize;
            let t = bin(items[at].0);
            if t != b {
                items.swap(at, next[t] as usize);
            }
            next[t] += 1;
        }
    }
    for b in 0..bins {
        let in_bin = &mut items[bounds[b] as usize..bounds[b + 1] as usize];
        if in_bin.len() > 1 {
            in_bin.sort_unstable_by_key(|&(h, u, _)| (h, u));
        }
    }
}

/// The order [`keep_longest`] keeps pairs `(key length, earlier unit, later unit)`
/// in: the longest, then in the order of their later unit, then of their earlier
/// one. Total: two pairs compare equal only when they are the same.
fn longest_first(x: &(usize, usize, usize), y: &(usize, usize, usize)) -> std::cmp::Ordering {
    y.0.cmp(&x.0).then(x.2.cmp(&y.2)).then(x.1.cmp(&y.1))
}

/// Pairs of equal keys on their way to the [`MAX_ANCHORS`] longest
/// ([`keep_longest`]). When `pairs` reaches twice [`MAX_ANCHORS`] it is cut to its
/// longest, and the last of those is remembered (`worst`): a pair after it in
/// [`longest_first`] order has [`MAX_ANCHORS`] pairs before it for good (a cut
/// drops a pair only for [`MAX_ANCHORS`] before it), so it is never among the
/// longest and is not kept at all. The [`MAX_ANCHORS`] longest of all the pairs
/// pushed are the longest of `pairs`, whatever was dropped; a 10 MB document's
/// repeated keys pair up by the hundred thousand, which were cut some 270 times
/// (14 M instructions) when every pair was kept until a cut.
#[derive(Default)]
struct Longest {
    pairs: Vec<(usize, usize, usize)>,
    /// The last pair kept at the latest cut.
    worst: Option<(usize, usize, usize)>,
}

impl Longest {
    /// Whether a pair of a key of `len` characters may be among the longest (it
    /// is not when a shorter key's pair than the last pair kept at a cut).
    fn may_keep(&self, len: usize) -> bool {
        self.worst.is_none_or(|w| len >= w.0)
    }

    /// Adds pair `x` (unless it comes after `worst`), cutting at twice [`MAX_ANCHORS`].
    fn push(&mut self, x: (usize, usize, usize)) {
        if self
            .worst
            .is_some_and(|w| longest_first(&x, &w) == std::cmp::Ordering::Greater)
        {
            return;
        }
        self.pairs.push(x);
        if self.pairs.len() == 2 * MAX_ANCHORS {
            keep_longest(&mut self.pairs);
            self.worst = self.pairs.iter().copied().max_by(longest_first);
        }
    }
}

/// Keeps the [`MAX_ANCHORS`] longest of the pairs `(key length, earlier unit, later
/// unit)` in `out` (all when there are no more), on a total order
/// ([`longest_first`]). Selected in linear time, in any order. Because the order is
/// total, the longest of a list are the longest of its longest and the rest, so
/// [`Longest`] calls this whenever it holds twice as many.
fn keep_longest(out: &mut Vec<(usize, usize, usize)>) {
    if out.len() > MAX_ANCHORS {
        out.select_nth_unstable_by(MAX_ANCHORS - 1, longest_first);
        out.truncate(MAX_ANCHORS);
    }
}

/// A k-gram of the key text is an anchor candidate when its rolling hash, mixed,
/// is divisible by this (one in eight positions).
pub(super) const SAMPLE: u64 = 8;
/// At most this many earlier positions are kept per sampled k-gram.
pub(super) const MAX_PER_GRAM: usize = 8;

/// Anchors: unit pairs `(earlier, later)`, from (0) the first units of lines with
/// the same key ([`ANCHOR_CHARS`] characters or more), (1) units with the same key
/// ([`ANCHOR_CHARS`] characters or more), then (2) the [`ANCHOR_CHARS`]-grams of the
/// key text that occur twice without overlapping, sampled by content (a k-gram is
/// taken when its rolling hash is divisible by [`SAMPLE`]), so a copy and its
/// original sample the same k-grams wherever they sit and however their lines are
/// broken; a unit with an edit still shares the k-grams away from it. Of (0) and
/// (1), the [`MAX_ANCHORS`] longest, in the order of their later unit, then of their
/// earlier one. One rolling hash per key character and a map lookup per eighth:
/// O(n) in the key length n (a k-gram repeated more than [`MAX_PER_GRAM`] times
/// pairs only with its latest occurrences).
pub(super) fn anchors(a: &Analysis<'_>, us: &[Unit], chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Longest::default();
    // (0) the first units of two lines with the same key of ANCHOR_CHARS or more,
    // however short its units (shorter lines, page furniture most of them, repeat
    // by the hundred on a comment page and are reached by extension)
    let mut items: Vec<(u64, usize, (usize, usize))> = Vec::with_capacity(us.len());
    let mut u = 0;
    while u < us.len() {
        let mut v = u + 1;
        while v < us.len() && us[v].para == us[u].para {
            v += 1;
        }
        let key = (us[u].key.0, us[v - 1].key.1);
        if key.1 - key.0 >= ANCHOR_CHARS {
            items.push((a.paras[us[u].para()].hash, u, key));
        }
        u = v;
    }
    equal_key_pairs(&mut items, chars, &mut out);
    // (1) units with the same key of ANCHOR_CHARS or more
    items.clear();
    items.reserve(us.len());
    items.extend(
        us.iter()
            .enumerate()
            .filter(|(_, u)| u.key.1 - u.key.0 >= ANCHOR_CHARS)
            .map(|(j, u)| (u.hash, j, u.key)),
    );
    equal_key_pairs(&mut items, chars, &mut out);
    // the MAX_ANCHORS longest, then in the order of the later copy, then the
    // earlier (as a reader meets the copies: a body written three times pairs its
    // second and third copies each with the first, not a middle stretch of one with
    // the next)
    // (a total order, so the MAX_ANCHORS first are the same set however they are
    // found: selected in linear time, then only they are sorted)
    let mut out = out.pairs;
    keep_longest(&mut out);
    out.sort_unstable_by(|x, y| x.2.cmp(&y.2).then(x.1.cmp(&y.1)).then(y.0.cmp(&x.0)));
    // distinct pairs in order of first appearance, at most MAX_ANCHORS: the k-gram
    // scan stops as soon as the table is full (what it would find after that was
    // dropped anyway), so a large document with many repeats is not scanned to its end
    // (sized for the pairs of equal keys, which it takes first: no rehash on the
    // way; the set is only asked, never walked, so its size changes nothing)
    let mut once: Once = Once::with_capacity_and_hasher(out.len(), Default::default());
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    pairs.extend(
        out.into_iter()
            .map(|(_, i, j)| (i, j))
            .filter(|&p| once.insert(p)),
    );
    scan_grams(us, chars, &mut once, &mut pairs);
    pairs.truncate(MAX_ANCHORS);
    pairs
}

/// The rolling hash of the key text's [`ANCHOR_CHARS`]-grams: base and the base
/// to the power [`ANCHOR_CHARS`].
const B: u64 = 0x100000001b3;

/// Seen pairs of units, for [`scan_grams`].
type Once = std::collections::HashSet<(usize, usize), crate::fingerprint::FxBuild>;

/// Stage (2) of [`anchors`]: appends to `pairs` the unit pairs of the sampled
/// k-grams that occur twice without overlapping, not yet in `once`, until `pairs`
/// holds [`MAX_ANCHORS`].
fn scan_grams(us: &[Unit], chars: &[char], once: &mut Once, pairs: &mut Vec<(usize, usize)>) {
    let k = ANCHOR_CHARS;
    if chars.len() >= 2 * k && pairs.len() < MAX_ANCHORS {
        let mut pow = 1u64;
        for _ in 0..k {
            pow = pow.wrapping_mul(B);
        }
        let unit_of = |c: usize| us.partition_point(|u| u.key.0 <= c) - 1;
        // the sampled k-grams' earlier positions (the first MAX_PER_GRAM of each
        // hash), met newest first: each hash's list is a chain through `nodes`
        // (position, next), its head and length in the map, instead of a vector per
        // sampled k-gram (a 10 MB document samples some 400,000, each one an
        // allocation); [`scan_by_vectors`] is the oracle
        let mut seen: crate::fingerprint::FxHashMap<u64, (usize, usize)> = Default::default();
        let mut nodes: Vec<(usize, usize)> = Vec::new();
        let mut h = 0u64;
        'scan: for (i, &c) in chars.iter().enumerate() {
            h = h.wrapping_mul(B).wrapping_add(c as u64);
            if i >= k {
                h = h.wrapping_sub((chars[i - k] as u64).wrapping_mul(pow));
            }
            if i + 1 < k || !(h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40).is_multiple_of(SAMPLE) {
                continue;
            }
            let start = i + 1 - k;
            // (usize::MAX: the end of a chain)
            let (head, len) = seen.entry(h).or_insert((usize::MAX, 0));
            let mut at = *head;
            while let Some(&(p, next)) = nodes.get(at) {
                if p + k <= start && chars[p..p + k] == chars[start..start + k] {
                    let (ux, uy) = (unit_of(p), unit_of(start));
                    if ux < uy && once.insert((ux, uy)) {
                        pairs.push((ux, uy));
                        if pairs.len() == MAX_ANCHORS {
                            break 'scan;
                        }
                    }
                }
                at = next;
            }
            if *len < MAX_PER_GRAM {
                *len += 1;
                nodes.push((start, *head));
                *head = nodes.len() - 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pairs a map from key to its first occurrences gives, one occurrence at a
    /// time (what `equal_key_pairs` replaced), sorted.
    fn by_map(
        items: &[(u64, usize, (usize, usize))],
        chars: &[char],
    ) -> Vec<(usize, usize, usize)> {
        let mut firsts: Vec<(&[char], Vec<usize>)> = Vec::new();
        let mut out = Vec::new();
        for &(_, u, r) in items {
            let key = &chars[r.0..r.1];
            let at = match firsts.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    firsts.push((key, Vec::new()));
                    firsts.len() - 1
                }
            };
            let earlier = &mut firsts[at].1;
            out.extend(earlier.iter().map(|&i| (key.len(), i, u)));
            if earlier.len() < MAX_PER_GRAM {
                earlier.push(u);
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn equal_key_pairs_are_the_first_occurrences_of_each_key() {
        // keys "ab", "abc", "x" repeated, and a hash shared by different keys (a
        // collision) as well as the real hashes
        let chars: Vec<char> = "abcx".chars().collect();
        let keys = [(0, 2), (0, 3), (3, 4)];
        for collide in [false, true] {
            let mut items: Vec<(u64, usize, (usize, usize))> = (0..40)
                .map(|u| {
                    let k = keys[(u * 7 + u / 3) % 3];
                    let hash = if collide { 1 } else { k.1 as u64 };
                    (hash, u, k)
                })
                .collect();
            let want = by_map(&items, &chars);
            let mut got = Longest::default();
            equal_key_pairs(&mut items, &chars, &mut got);
            let mut got = got.pairs;
            got.sort_unstable();
            assert_eq!(got, want, "collide {collide}");
            assert!(got.len() > 40);
        }
    }

    #[test]
    fn grouping_by_hash_gives_the_groups_of_the_sort() {
        // items in unit order, hashes drawn from few values to many (groups of
        // hundreds, and lone ones), every size around the cut to a plain sort
        let mut rng = crate::chars::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: u64| rng() % n;
        for round in 0..400 {
            let n = [0, 1, 2, 63, 64, 65, 100, 1000, 5000][round % 9];
            let values = [1, 3, 50, 1 << 20, u64::MAX][(round / 9) % 5];
            let items: Vec<(u64, usize, (usize, usize))> = (0..n)
                .map(|u| {
                    let h = next(values).wrapping_mul(0x2545_f491_4f6c_dd1d);
                    (h, u * 3 + 1, (u, u + 8))
                })
                .collect();
            let mut sorted = items.clone();
            sorted.sort_unstable_by_key(|&(h, u, _)| (h, u));
            let mut grouped = items.clone();
            group_by_hash(&mut grouped);
            let groups = |x: &[Item]| {
                let mut g: Vec<Vec<Item>> =
                    x.chunk_by(|p, q| p.0 == q.0).map(<[_]>::to_vec).collect();
                g.sort_unstable();
                g
            };
            let want = groups(&sorted);
            let got = groups(&grouped);
            // (each hash in one group: as many groups as distinct hashes)
            assert_eq!(got, want, "round {round}");
            assert_eq!(grouped.len(), n);
        }
    }

    #[test]
    fn the_longest_pairs_are_those_of_all_the_pairs() {
        // keys of many lengths repeated by the hundred (pairs by the ten thousand,
        // cut again and again), a hash collision among them, pushed over two calls
        // as `anchors` does; against every pair kept and cut once at the end
        let mut rng = crate::chars::xorshift(0x2545_f491_4f6c_dd1d);
        let mut next = |n: u64| (rng() % n) as usize;
        let chars: Vec<char> = (0..400)
            .map(|i| char::from_u32(0x4e00 + i).unwrap())
            .collect();
        for round in 0..6 {
            let (n, kinds) = [
                (40_000, 60),
                (5000, 7),
                (300, 3),
                (20_000, 400),
                (9000, 20),
                (2, 1),
            ][round];
            let keys: Vec<(usize, usize)> = (0..kinds)
                .map(|_| {
                    let at = next(300);
                    (at, at + 1 + next(99))
                })
                .collect();
            let mut all = Vec::new();
            let mut got = Longest::default();
            for half in 0..2 {
                let mut items: Vec<(u64, usize, (usize, usize))> = (half * n..(half + 1) * n)
                    .map(|u| {
                        let k = keys[next(kinds as u64)];
                        let hash = if k.0.is_multiple_of(5) {
                            7
                        } else {
                            (k.0 * 1000 + k.1) as u64
                        };
                        (hash, u, k)
                    })
                    .collect();
                let plain = items.clone();
                equal_key_pairs(&mut items, &chars, &mut got);
                // (the oracle: every pair, never cut)
                let unbounded = |x: &[(u64, usize, (usize, usize))]| {
                    let mut out = Vec::new();
                    for (key, g) in group_by_key(x, &chars) {
                        for b in 1..g.len() {
                            for &i in &g[..b.min(MAX_PER_GRAM)] {
                                out.push((key, i, g[b]));
                            }
                        }
                    }
                    out
                };
                all.extend(unbounded(&plain));
            }
            let mut got = got.pairs;
            keep_longest(&mut got);
            keep_longest(&mut all);
            got.sort_unstable();
            all.sort_unstable();
            assert_eq!(got, all, "round {round}");
            assert_eq!(got.len(), all.len().min(MAX_ANCHORS));
        }
    }

    /// The items' units grouped by key (in unit order), with the key's length.
    fn group_by_key(
        items: &[(u64, usize, (usize, usize))],
        chars: &[char],
    ) -> Vec<(usize, Vec<usize>)> {
        let mut groups: Vec<(&[char], Vec<usize>)> = Vec::new();
        for &(_, u, r) in items {
            let key = &chars[r.0..r.1];
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, g)) => g.push(u),
                None => groups.push((key, vec![u])),
            }
        }
        groups.into_iter().map(|(k, g)| (k.len(), g)).collect()
    }

    /// A k-gram scan: [`scan_grams`] or its oracle.
    type Scan = fn(&[Unit], &[char], &mut Once, &mut Vec<(usize, usize)>);

    /// [`scan_grams`] as it was: a vector of earlier positions per sampled hash.
    fn scan_by_vectors(
        us: &[Unit],
        chars: &[char],
        once: &mut Once,
        pairs: &mut Vec<(usize, usize)>,
    ) {
        let k = ANCHOR_CHARS;
        if chars.len() < 2 * k || pairs.len() >= MAX_ANCHORS {
            return;
        }
        let mut pow = 1u64;
        for _ in 0..k {
            pow = pow.wrapping_mul(B);
        }
        let unit_of = |c: usize| us.partition_point(|u| u.key.0 <= c) - 1;
        let mut seen: crate::fingerprint::FxHashMap<u64, Vec<usize>> = Default::default();
        let mut h = 0u64;
        'scan: for (i, &c) in chars.iter().enumerate() {
            h = h.wrapping_mul(B).wrapping_add(c as u64);
            if i >= k {
                h = h.wrapping_sub((chars[i - k] as u64).wrapping_mul(pow));
            }
            if i + 1 < k || !(h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40).is_multiple_of(SAMPLE) {
                continue;
            }
            let start = i + 1 - k;
            let earlier = seen.entry(h).or_default();
            for &p in earlier.iter().rev() {
                if p + k <= start && chars[p..p + k] == chars[start..start + k] {
                    let (ux, uy) = (unit_of(p), unit_of(start));
                    if ux < uy && once.insert((ux, uy)) {
                        pairs.push((ux, uy));
                        if pairs.len() == MAX_ANCHORS {
                            break 'scan;
                        }
                    }
                }
            }
            if earlier.len() < MAX_PER_GRAM {
                earlier.push(start);
            }
        }
    }

    #[test]
    fn chained_scan_finds_the_pairs_of_the_vector_scan_in_order() {
        // texts of a few phrases repeated (some k-grams more than MAX_PER_GRAM
        // times), with random characters between them, cut into units of random
        // lengths; pairs given beforehand (equal-key anchors) and the cap reached
        let mut rng = crate::chars::xorshift(0x2545_f491_4f6c_dd1d);
        let mut next = |n: u64| (rng() % n) as usize;
        let phrases: Vec<Vec<char>> =
            ["新华社北京电记者报道", "据悉该项目总投资约", "广告返回顶部"]
                .iter()
                .map(|p| p.chars().collect())
                .collect();
        let mut found = 0;
        for round in 0..300 {
            let mut chars: Vec<char> = Vec::new();
            let len = [10, 40, 400, 3000, 60_000][round % 5];
            while chars.len() < len {
                if next(3) == 0 {
                    chars.extend(&phrases[next(phrases.len() as u64)]);
                } else {
                    let alphabet = if round % 2 == 0 { 4 } else { 3000 };
                    chars.push(char::from_u32(0x4e00 + next(alphabet) as u32).unwrap());
                }
            }
            let mut us = Vec::new();
            let mut at = 0;
            while at < chars.len() {
                let end = (at + 1 + next(30)).min(chars.len());
                us.push(Unit {
                    key: (at, end),
                    hash: 0,
                    para: us.len() as u32 / 2,
                    furniture: false,
                    heading: false,
                });
                at = end;
            }
            let given: Vec<(usize, usize)> = (0..next(4)).map(|x| (x, x + 1)).collect();
            let run = |scan: Scan| {
                let mut once: Once = given.iter().copied().collect();
                let mut pairs = given.clone();
                scan(&us, &chars, &mut once, &mut pairs);
                pairs
            };
            let want = run(scan_by_vectors);
            assert_eq!(run(scan_grams), want, "round {round}");
            found += want.len() - given.len();
            if round == 299 {
                assert!(found > 10_000, "{found}");
            }
        }
        assert!(found > 0);
    }
}
