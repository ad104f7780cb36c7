//! Stages 0 and 1 of the aligner: the screen that lets most documents go at once, and
//! the anchors (unit pairs with the same key or a shared sampled k-gram) that runs grow from.

use super::{is_furniture, Unit, ANCHOR_CHARS, MAX_ANCHORS};
use crate::detect::registry::may_have_equal;
use crate::detect::Analysis;

/// A screen on what the key pass already computed, before any key is built again:
/// whether two consecutive sentences occur again in the same order elsewhere (an
/// exact run, however reflowed or interleaved with furniture, which is left out),
/// or two lines of at least `NEAR_MIN_CHARS` key characters share two of their
/// bottom-k bigram sketch values (at Jaccard 0.8 two of four are shared with
/// probability about 0.97, see `near`) and are near copies on their bigram sets
/// (at most [`MAX_SCREEN_CHECKS`] pairs are compared). Linear in sentences and lines.
///
/// Each of the three tests looks for equal values (line hashes, hashes of
/// consecutive unit pairs, sketch values) and finds them by sorting; a bit set
/// ([`may_have_equal`]) first tells in one pass when all the values are distinct,
/// and then the sort is skipped: the answer is the same ([`may_hold_copy_sorted`],
/// the test oracle, sorts every time).
pub(super) fn may_hold_copy(a: &Analysis<'_>, removed: &[bool]) -> bool {
    may_hold_copy_with(a, removed, true)
}

/// [`may_hold_copy`] looks for a repeated line among a large document's first
/// this many lines before it sorts all of them.
const SCREEN_PREFIX_LINES: usize = 1024;

/// [`may_hold_copy`] sorting every vector, bit set or not: the test oracle.
#[cfg(test)]
pub(super) fn may_hold_copy_sorted(a: &Analysis<'_>, removed: &[bool]) -> bool {
    may_hold_copy_with(a, removed, false)
}

/// [`may_hold_copy`]; `bits`: skip a sort when [`may_have_equal`] says all the
/// values are distinct.
fn may_hold_copy_with(a: &Analysis<'_>, removed: &[bool], bits: bool) -> bool {
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
    if !bits || may_have_equal(lines.iter().copied(), lines.len()) {
        // (a large document's first lines first: two equal ones among them are
        // two equal ones of the document, and a 10 MB file repeats a line within
        // its first thousand, where the sort of all its 47,000 cost 6 M
        // instructions in every fixed-point pass)
        if bits && lines.len() > 2 * SCREEN_PREFIX_LINES {
            let head = &mut lines[..SCREEN_PREFIX_LINES];
            head.sort_unstable();
            if head.windows(2).any(|w| w[0] == w[1]) {
                return true;
            }
        }
        lines.sort_unstable();
        if lines.windows(2).any(|w| w[0] == w[1]) {
            return true;
        }
    }
    // (sentence hash, paragraph) of the units in play, furniture lines left out;
    // (sketch value, paragraph) of the long lines. Sorted vectors, not maps: most
    // documents stop here, so the screen allocates two vectors and hashes nothing.
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
    if !bits || may_have_equal(units.windows(2).map(pair), units.len()) {
        let mut pairs: Vec<(u64, usize)> = units
            .windows(2)
            .enumerate()
            .map(|(t, w)| (pair(w), t))
            .collect();
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
    if bits && !may_have_equal(sketch.iter().map(|x| x.0), sketch.len()) {
        return false;
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
        .any(|g| a.near_similarity(g[0].0, g[0].1) >= SCREEN_SIMILARITY)
}

/// Lines sharing one sketch value that the screen pairs, at most (a bigram common to
/// every line must not make the screen quadratic).
pub(super) const MAX_BUCKET_SCREEN: usize = 16;

/// Line pairs sharing two sketch values whose similarity the screen computes, at most.
pub(super) const MAX_SCREEN_CHECKS: usize = 64;
/// The bigram similarity ([`crate::detect::near_score`]) at which the screen lets a line pair
/// through (below `--near-threshold`: a reflowed line is compared with a longer one).
pub(super) const SCREEN_SIMILARITY: f64 = 0.6;

/// Pairs of equal keys among `items` (the key's hash, the unit, and the key's
/// range in `chars`), in `out` as `(key length, earlier unit, later unit)`: each
/// occurrence of a key pairs with the first [`MAX_PER_GRAM`] earlier ones. Grouped by
/// sorting on (hash, unit) instead of a map of vectors (one allocation per distinct
/// key, a hundred thousand in a 10 MB document); keys with the same hash are
/// compared by their characters (equal keys, equal hashes). Only the items whose
/// hash may occur twice or more are sorted, found first with two bit sets of about
/// a byte per item (a unique key pairs with nothing, and most keys of a long
/// document are unique; a map of counts cost 73 M instructions on a 10 MB file
/// against 41 M, and 2 MB more at the peak). The pairs come out in another order
/// than a map would give; [`anchors`] sorts them on a total order. When `out`
/// reaches twice [`MAX_ANCHORS`] pairs it is cut to its longest ([`keep_longest`]),
/// the only ones [`anchors`] takes.
fn equal_key_pairs(
    items: &mut Vec<(u64, usize, (usize, usize))>,
    chars: &[char],
    out: &mut Vec<(usize, usize, usize)>,
) {
    // two bit sets of some eight bits per item, indexed by the mixed hash: a slot
    // seen once, a slot seen twice or more; an item whose slot was seen once holds
    // a hash no other item holds (the others, a few unique ones among them, are
    // grouped by their exact hashes below)
    let bits = (items.len() * 8).next_power_of_two().max(64);
    let shift = 64 - bits.trailing_zeros();
    let slot = |h: u64| (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
    let mut once = vec![0u64; bits / 64];
    let mut twice = vec![0u64; bits / 64];
    for &(h, _, _) in items.iter() {
        let s = slot(h);
        let (w, m) = (s / 64, 1u64 << (s % 64));
        if once[w] & m != 0 {
            twice[w] |= m;
        }
        once[w] |= m;
    }
    items.retain(|&(h, _, _)| {
        let s = slot(h);
        twice[s / 64] & (1u64 << (s % 64)) != 0
    });
    items.sort_unstable_by_key(|&(h, u, _)| (h, u));
    let key = |r: (usize, usize)| &chars[r.0..r.1];
    let mut pair_up = |g: &[usize], len: usize| {
        for b in 1..g.len() {
            for &i in &g[..b.min(MAX_PER_GRAM)] {
                out.push((len, i, g[b]));
                if out.len() == 2 * MAX_ANCHORS {
                    keep_longest(out);
                }
            }
        }
    };
    let mut group: Vec<usize> = Vec::new();
    for same_hash in items.chunk_by(|x, y| x.0 == y.0).filter(|g| g.len() > 1) {
        let first = key(same_hash[0].2);
        if same_hash.iter().all(|x| key(x.2) == first) {
            group.clear();
            group.extend(same_hash.iter().map(|x| x.1));
            pair_up(&group, first.len());
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
            pair_up(&group, k.len());
        }
    }
}

/// Keeps the [`MAX_ANCHORS`] longest of the pairs `(key length, earlier unit, later
/// unit)` in `out` (all when there are no more), on a total order: the longest,
/// then in the order of their later unit, then of their earlier one. Selected in
/// linear time, in any order. Because the order is total, the longest of a list are
/// the longest of its longest and the rest, so [`equal_key_pairs`] calls this
/// whenever `out` reaches twice as many: a 10 MB document's repeated keys pair up
/// by the hundred thousand, which a vector grown by doubling copied into fresh
/// memory again and again.
fn keep_longest(out: &mut Vec<(usize, usize, usize)>) {
    let longest_first = |x: &(usize, usize, usize), y: &(usize, usize, usize)| {
        y.0.cmp(&x.0).then(x.2.cmp(&y.2)).then(x.1.cmp(&y.1))
    };
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
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
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
    keep_longest(&mut out);
    out.sort_unstable_by(|x, y| x.2.cmp(&y.2).then(x.1.cmp(&y.1)).then(y.0.cmp(&x.0)));
    // distinct pairs in order of first appearance, at most MAX_ANCHORS: the k-gram
    // scan stops as soon as the table is full (what it would find after that was
    // dropped anyway), so a large document with many repeats is not scanned to its end
    let mut once: std::collections::HashSet<(usize, usize), crate::fingerprint::FxBuild> =
        Default::default();
    let mut pairs: Vec<(usize, usize)> = out
        .into_iter()
        .map(|(_, i, j)| (i, j))
        .filter(|&p| once.insert(p))
        .collect();
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
    fn the_bit_sets_skip_only_sorts_that_find_nothing() {
        use crate::detect::registry::samples;
        let tables = crate::normalize::script::ScriptTables::get();
        let (mut yes, mut no) = (0, 0);
        let mut docs = samples::all();
        // large documents (the first lines looked at first): a line repeated among
        // the first ones, only at the end, and never
        let distinct: Vec<String> = (0..3000)
            .map(|i| format!("第{i}行的内容在这里。"))
            .collect();
        docs.push(docs.join("\n"));
        docs.push(format!("{}\n第7行的内容在这里。", distinct.join("\n")));
        docs.push(distinct.join("\n"));
        for text in docs {
            let a = Analysis::new(&text, tables);
            for variant in 0..3 {
                let removed = samples::removed(a.paras.len(), variant);
                let want = may_hold_copy_sorted(&a, &removed);
                assert_eq!(may_hold_copy(&a, &removed), want, "{text}");
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
            let mut got = Vec::new();
            equal_key_pairs(&mut items, &chars, &mut got);
            got.sort_unstable();
            assert_eq!(got, want, "collide {collide}");
            assert!(got.len() > 40);
        }
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
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
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
