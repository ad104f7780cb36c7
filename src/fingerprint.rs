//! Digests of matching keys: a fast 64-bit hash for lookups (always confirmed by
//! comparing the keys themselves, so a collision can never cause a removal) and the
//! SHA-256 that the report publishes, identical for the same text in every run.

use sha2::{Digest, Sha256};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// FxHash (rustc's hash): fast on short keys, deterministic across runs and platforms.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` builder with [`FxHasher`].
pub type FxBuild = BuildHasherDefault<FxHasher>;
/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// The 64-bit lookup hash of a key.
#[inline]
pub fn fast_hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

/// Lower-case hex SHA-256 of the given key parts, joined by `\n`.
pub fn sha256_hex<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.into_iter().enumerate() {
        if i > 0 {
            h.update(b"\n");
        }
        h.update(p.as_bytes());
    }
    let d = h.finalize();
    let mut s = String::with_capacity(64);
    for b in d {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha_is_stable() {
        assert_eq!(
            sha256_hex(["abc"]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha256_hex(["a", "b"]), sha256_hex(["a\nb"]));
    }

    #[test]
    fn fast_hash_separates_lengths() {
        assert_ne!(fast_hash("a"), fast_hash("a\0"));
        assert_eq!(fast_hash("中文"), fast_hash("中文"));
    }
}

/// Character bigrams of a key as sorted, distinct 64-bit hashes ([`bigram_hash`]):
/// what near-duplicate similarity was computed on before [`BigramSet`], kept as the
/// test oracle for it. Bigrams, not longer n-grams, because one edited character in
/// Chinese text then costs two shingles, so a paragraph with a few edits still
/// scores high, while unrelated paragraphs share few bigrams.
#[cfg(test)]
fn bigrams(key: &str) -> Vec<u64> {
    bigrams_of(key.chars(), key.len() / 3 + 1)
}

/// A key's distinct character bigrams, sorted: the shingles near-duplicate
/// similarity is computed on ([`crate::detect::near_score`]), built once per
/// paragraph by [`crate::detect::Analysis::bigrams`]. Each bigram `(a, b)` is packed
/// exactly, not hashed, so the set's size and its intersection with another are
/// those of the set of character pairs, as of the pairs' 64-bit hashes
/// ([`bigram_hash`] is a bijection): `Narrow` holds `a << 16 | b` in 4 bytes when every character of
/// the key is in the Basic Multilingual Plane (nearly all Chinese text; half the
/// memory of 64-bit hashes, which a 10 MB document's tens of thousands of sets touch
/// fresh), `Wide` holds `a << 21 | b` in 8 bytes otherwise. Both are in the order of
/// the pairs, so a narrow and a wide set compare with each other. A key of one
/// character has the one pair `(c, '\0')`, an empty key none. Cloning shares the
/// set (`Arc`): later fixed-point passes carry it with an unchanged paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BigramSet {
    /// Packed as `a << 16 | b`: every character below U+10000.
    Narrow(Arc<[u32]>),
    /// Packed as `a << 21 | b`.
    Wide(Arc<[u64]>),
}

impl BigramSet {
    /// The set of the key characters `key` (a paragraph's key, as the analysis
    /// keeps it). One temporary vector of `key.len()` entries, then the sorted,
    /// distinct pairs in one allocation of exactly their size.
    pub fn of_chars(key: &[char]) -> BigramSet {
        if key.iter().all(|&c| (c as u32) < 0x1_0000) {
            BigramSet::Narrow(sorted_narrow_pairs(key))
        } else {
            BigramSet::Wide(sorted_pairs(key, 21))
        }
    }

    /// Number of distinct bigrams.
    pub fn len(&self) -> usize {
        match self {
            BigramSet::Narrow(v) => v.len(),
            BigramSet::Wide(v) => v.len(),
        }
    }

    /// Whether the key had no characters.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of bigrams in both sets.
    pub fn intersection(&self, other: &BigramSet) -> usize {
        match (self, other) {
            (BigramSet::Narrow(a), BigramSet::Narrow(b)) => common(a, b),
            (BigramSet::Wide(a), BigramSet::Wide(b)) => common(a, b),
            (BigramSet::Narrow(n), BigramSet::Wide(w))
            | (BigramSet::Wide(w), BigramSet::Narrow(n)) => {
                let widened: Vec<u64> = n.iter().map(|&x| widen(x)).collect();
                common(&widened, w)
            }
        }
    }
}

/// A narrow bigram (`a << 16 | b`) as a wide one (`a << 21 | b`); order-preserving.
fn widen(x: u32) -> u64 {
    (u64::from(x >> 16) << 21) | u64::from(x & 0xFFFF)
}

/// The key's bigrams `a << shift | b`, sorted and distinct (see [`BigramSet`]); the
/// caller chose a `shift` that every character fits in.
fn sorted_pairs<T>(key: &[char], shift: u32) -> Arc<[T]>
where
    T: Ord + Copy + From<u32> + std::ops::Shl<u32, Output = T> + std::ops::BitOr<Output = T>,
{
    let pack = |a: char, b: char| (T::from(a as u32) << shift) | T::from(b as u32);
    let mut v: Vec<T> = Vec::with_capacity(key.len());
    match key {
        [] => {}
        [c] => v.push(pack(*c, '\0')),
        _ => v.extend(key.windows(2).map(|w| pack(w[0], w[1]))),
    }
    v.sort_unstable();
    v.dedup();
    Arc::from(v)
}

/// [`sorted_pairs`] with `shift` 16, for a key of characters below U+10000: the
/// pairs are first placed by their top byte (the first character's high byte) in
/// one counting pass, which leaves each only among the few pairs of its byte, and
/// an insertion sort then finishes the order (a general sort past a budget of moves,
/// when one byte holds many pairs; a key of Chinese text spreads its
/// characters over the 82 high bytes of U+4E00-9FFF: a fraction of the compares
/// of a general sort). Short keys take the general sort. The same sorted,
/// distinct pairs as [`sorted_pairs`] (compared in the tests).
fn sorted_narrow_pairs(key: &[char]) -> Arc<[u32]> {
    /// Below this many pairs the 256 buckets cost more than they save.
    const MIN_BUCKETED: usize = 48;
    /// Moves per pair the insertion sort may make before a general sort takes over.
    const MOVES_PER_PAIR: usize = 64;
    if key.len() <= MIN_BUCKETED {
        return sorted_pairs(key, 16);
    }
    let pack = |w: &[char]| (w[0] as u32) << 16 | w[1] as u32;
    let mut starts = [0u32; 257];
    for w in key.windows(2) {
        starts[(pack(w) >> 24) as usize + 1] += 1;
    }
    for d in 1..starts.len() {
        starts[d] += starts[d - 1];
    }
    let mut v = vec![0u32; key.len() - 1];
    for w in key.windows(2) {
        let p = pack(w);
        let at = &mut starts[(p >> 24) as usize];
        if let Some(slot) = v.get_mut(*at as usize) {
            *slot = p;
        }
        *at += 1;
    }
    // an insertion sort finishes the order: a pair moves only among its byte's; a
    // byte of many pairs (a long Latin or numeric paragraph puts every pair under
    // byte 0) would make it quadratic, so past a budget of moves a general sort
    // finishes instead (the same order)
    let budget = MOVES_PER_PAIR * v.len();
    let mut moves = 0;
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
        moves += i - j;
        if moves > budget {
            v.sort_unstable();
            break;
        }
    }
    v.dedup();
    Arc::from(v)
}

/// Size of the intersection of two sorted, distinct lists.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// `bigrams` of the key characters `key`; `capacity` is a hint (bigrams).
#[cfg(test)]
fn bigrams_of(key: impl Iterator<Item = char>, capacity: usize) -> Vec<u64> {
    let mut out = Vec::with_capacity(capacity);
    let mut prev: Option<char> = None;
    for c in key {
        if let Some(p) = prev {
            out.push(bigram_hash(p, c));
        }
        prev = Some(c);
    }
    if out.is_empty() {
        if let Some(p) = prev {
            out.push(bigram_hash(p, '\0'));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The hash of one bigram (also used for sketches, so both agree).
#[inline]
pub fn bigram_hash(a: char, b: char) -> u64 {
    bigram_hash_by(a, b, BIGRAM_MUL)
}

/// The multiplier of [`bigram_hash`].
pub const BIGRAM_MUL: u64 = 0xBF58_476D_1CE4_E5B9;

/// [`bigram_hash`] with its multiplier `mul` given (it is [`BIGRAM_MUL`]): a loop
/// that reads the multiplier once through `std::hint::black_box` keeps it in a
/// register, where the constant was loaded again for every character.
#[inline(always)]
pub(crate) fn bigram_hash_by(a: char, b: char, mul: u64) -> u64 {
    let z = bigram_mix(a, b, mul);
    z ^ (z >> 32)
}

/// [`bigram_hash_by`] before its last step (`z ^ (z >> 32)`), which keeps the top
/// 32 bits: a `z` whose top half is above a hash's is above it as a hash too.
#[inline(always)]
fn bigram_mix(a: char, b: char, mul: u64) -> u64 {
    let x = ((a as u64) << 32) | b as u64;
    // one round of a splitmix-style mixer: spread well enough that the smallest
    // hashes are a fair sample, at one multiplication per character
    (x ^ (x >> 29)).wrapping_mul(mul)
}

/// The multiplier of [`bigram_lead_by`]: `2^32 + 8`.
pub(crate) const LEAD_MUL: u64 = (1 << 32) + 8;

/// What a bigram's first character `a` puts into its [`bigram_mix`], with the
/// multiplier `lead_mul` given (it is [`LEAD_MUL`]): `(a << 32) ^ (a << 3)`, as one
/// multiplication. In [`bigram_mix`], `x >> 29` is `a << 3` (`b` is below `2^21`,
/// so nothing of it is left), and `a << 3` (bits 3..24) and `a << 32` do not
/// overlap, so their XOR is their sum, `a * (2^32 + 8)`; what is left is XOR-ing
/// `b` in ([`bigram_mix_led`]). A loop over a key computes each character's lead
/// once, for the bigram it starts (a test compares with [`bigram_mix`]).
#[inline(always)]
pub(crate) fn bigram_lead_by(a: char, lead_mul: u64) -> u64 {
    (a as u64).wrapping_mul(lead_mul)
}

/// [`bigram_mix`] of the bigram whose first character's [`bigram_lead_by`] is
/// `lead` and whose second is `b`.
#[inline(always)]
fn bigram_mix_led(lead: u64, b: char, mul: u64) -> u64 {
    (lead ^ b as u64).wrapping_mul(mul)
}

/// Size of the intersection of two sorted, distinct hash lists.
pub fn intersection(a: &[u64], b: &[u64]) -> usize {
    common(a, b)
}

/// Jaccard similarity of two sorted, distinct hash lists.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let i = intersection(a, b);
    let u = a.len() + b.len() - i;
    if u == 0 {
        1.0
    } else {
        i as f64 / u as f64
    }
}

/// Number of minimum hashes kept per unit ([`BottomK`]).
pub const SKETCH: usize = 4;

/// A bottom-k sketch: the `SKETCH` smallest bigram hashes of a key. Two keys with
/// Jaccard similarity J share a given sketch slot with probability about J, so two
/// near-duplicates almost surely share one of four: that is how candidates are found
/// without comparing every pair. Built in the same pass as the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BottomK {
    /// The smallest hashes, ascending; unused slots are `u64::MAX`.
    pub mins: [u64; SKETCH],
    prev: Option<char>,
}

impl Default for BottomK {
    fn default() -> Self {
        BottomK {
            mins: [u64::MAX; SKETCH],
            prev: None,
        }
    }
}

impl BottomK {
    /// Offer one hash.
    #[inline]
    pub fn offer(&mut self, h: u64) {
        if h >= self.mins[SKETCH - 1] || self.mins.contains(&h) {
            return;
        }
        let mut k = SKETCH - 1;
        while k > 0 && self.mins[k - 1] > h {
            self.mins[k] = self.mins[k - 1];
            k -= 1;
        }
        self.mins[k] = h;
    }
}

impl BottomK {
    /// The bound of [`BottomK::put_under`]: the largest mix ([`bigram_mix`]) whose
    /// hash may be below the sketch's largest, so may enter it (its top half at most
    /// that hash's top half).
    #[inline(always)]
    pub(crate) fn bound(&self) -> u64 {
        self.mins[SKETCH - 1] | 0xFFFF_FFFF
    }

    /// [`KeySink::put`](crate::normalize::key::KeySink::put), given `bound`, its
    /// [`BottomK::bound`] (and keeping it so): a bigram whose mix is above it is not
    /// offered, nor its hash finished (most bigrams, once four are in: its hash's top
    /// half, the mix's, is above the largest hash's, so [`BottomK::offer`] would not take it).
    #[inline(always)]
    pub(crate) fn put_under(&mut self, c: char, mul: u64, bound: &mut u64) {
        if let Some(p) = self.prev {
            self.pair_led_under(bigram_lead_by(p, LEAD_MUL), c, mul, bound);
        }
        self.prev = Some(c);
    }

    /// [`BottomK::put_under`] of `c` when `lead` is the [`bigram_lead_by`] of the
    /// character put before it, without recording `c` as the last character: a
    /// loop over a key's characters pairs each with the one before it (whose lead
    /// it computed once) and records only the last ([`BottomK::follow`]).
    #[inline(always)]
    pub(crate) fn pair_led_under(&mut self, lead: u64, c: char, mul: u64, bound: &mut u64) {
        let z = bigram_mix_led(lead, c, mul);
        if z <= *bound {
            self.offer(z ^ (z >> 32));
            *bound = self.bound();
        }
    }

    /// Record `c` as the last character put (the next bigram's first).
    #[inline(always)]
    pub(crate) fn follow(&mut self, c: char) {
        self.prev = Some(c);
    }
}

impl crate::normalize::key::KeySink for BottomK {
    #[inline]
    fn put(&mut self, c: char) {
        if let Some(p) = self.prev {
            self.offer(bigram_hash_by(p, c, BIGRAM_MUL));
        }
        self.prev = Some(c);
    }
}

#[cfg(test)]
mod near_tests {
    use super::*;
    use crate::normalize::key::KeySink;

    #[test]
    fn a_bounded_sketch_is_the_sketch() {
        // random keys (ideographs, ASCII, wide characters) put with and without the
        // bound, in pieces: the same sketch after every character
        let pieces = [
            "中",
            "国",
            "a",
            "1",
            "𠀀",
            "今天",
            "\u{9FFF}",
            "\0",
            "\u{10FFFF}",
        ];
        for key in crate::chars::random_texts(&pieces, 500, 60, 17) {
            let (mut a, mut b) = (BottomK::default(), BottomK::default());
            let mut bound = b.bound();
            for (j, c) in key.chars().enumerate() {
                a.put(c);
                if j % 7 == 0 {
                    bound = b.bound();
                }
                b.put_under(c, BIGRAM_MUL, &mut bound);
                assert_eq!((a, bound), (b, b.bound()), "{key:?} {j}");
            }
        }
        // a hash just above and below a full sketch's largest, by its top half
        let mut s = BottomK::default();
        for h in [1 << 40, 2 << 40, 3 << 40, (4 << 40) + 5] {
            s.offer(h);
        }
        assert_eq!(s.bound(), (4 << 40) | 0xFFFF_FFFF);
    }

    #[test]
    fn a_led_mix_is_the_mix() {
        // the extremes of both characters, and random ones of every plane
        let edge = [
            '\0',
            '\u{1}',
            '\u{7f}',
            '中',
            '\u{FFFF}',
            '\u{10000}',
            '\u{10FFFF}',
        ];
        let mut rng = crate::chars::xorshift(0x5EED_B16A);
        let random = std::iter::repeat_with(|| {
            char::from_u32((rng() % 0x11_0000) as u32).unwrap_or('\u{FFFD}')
        })
        .take(20_000)
        .collect::<Vec<_>>();
        let all: Vec<char> = edge.iter().copied().chain(random).collect();
        for (j, &a) in all.iter().enumerate() {
            for &b in edge.iter().chain(&all[j % 1000..j % 1000 + 3]) {
                let led = bigram_mix_led(bigram_lead_by(a, LEAD_MUL), b, BIGRAM_MUL);
                assert_eq!(led, bigram_mix(a, b, BIGRAM_MUL), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn sketch_holds_the_smallest_bigram_hashes() {
        let key = "今天召开全体会议决定明年预算";
        let mut s = BottomK::default();
        for c in key.chars() {
            s.put(c);
        }
        let all = bigrams(key);
        assert_eq!(&s.mins[..], &all[..SKETCH]);
    }

    #[test]
    fn bigram_sets_count_as_the_hashed_bigrams_do() {
        // narrow (all below U+10000), wide (an Extension B character), one character,
        // empty, and repeated bigrams
        let keys = [
            "国家统计局今天发布数据显示",
            "今天发布数据显示国家统计局今天发布",
            "𠀀国家统计局今天𠀀发布",
            "统计局今天𠀀",
            "国",
            "𠀀",
            "",
            "abab",
        ];
        for x in keys {
            let cx: Vec<char> = x.chars().collect();
            let sx = BigramSet::of_chars(&cx);
            assert_eq!(sx.len(), bigrams(x).len(), "{x}");
            assert_eq!(sx.is_empty(), x.is_empty(), "{x}");
            assert_eq!(
                matches!(sx, BigramSet::Narrow(_)),
                x.chars().all(|c| (c as u32) < 0x1_0000)
            );
            for y in keys {
                let cy: Vec<char> = y.chars().collect();
                let sy = BigramSet::of_chars(&cy);
                let want = intersection(&bigrams(x), &bigrams(y));
                assert_eq!(sx.intersection(&sy), want, "{x} & {y}");
                assert_eq!(sy.intersection(&sx), want, "{y} & {x}");
            }
        }
    }

    #[test]
    fn bucketed_pairs_are_the_sorted_pairs() {
        // real-looking keys of every length around the threshold and long ones,
        // keys of few distinct characters (many repeats), and random BMP keys
        let text: Vec<char> = "国家统计局今天发布数据显示一季度国内生产总值同比增长百分之五点三\
            规模以上工业增加值增长的的的是是在在一一1a\u{3000}\u{FFFF}\u{4E00}\u{9FFF}"
            .chars()
            .collect();
        let mut keys: Vec<Vec<char>> = Vec::new();
        for n in 0..=text.len() {
            keys.push(text[..n].to_vec());
            keys.push(text.iter().copied().cycle().skip(n).take(n * 7).collect());
        }
        let mut x: u32 = 12345;
        for n in [49, 50, 100, 333, 2000] {
            for spread in [0x10, 0x100, 0x1000, 0xFFFF] {
                let key: Vec<char> = (0..n)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        char::from_u32(1 + (x >> 8) % spread).unwrap_or('中')
                    })
                    .collect();
                keys.push(key);
            }
        }
        // one byte crowded: a long Latin and digit key (each byte's own sort)
        keys.push(
            "the quick brown fox 1234567890 jumps over the lazy dog "
                .chars()
                .cycle()
                .take(5_000)
                .collect(),
        );
        for key in &keys {
            assert_eq!(
                sorted_narrow_pairs(key),
                sorted_pairs::<u32>(key, 16),
                "{key:?}"
            );
        }
    }

    #[test]
    fn edits_keep_similarity_high() {
        let a = bigrams("国家统计局今天发布数据显示一季度国内生产总值同比增长百分之五点三");
        let b = bigrams("国家统计局今天发布数据显示一季度国内生产总值同比增长百分之五点四");
        assert!(jaccard(&a, &b) > 0.9);
        let c = bigrams("完全不同的另一段文字内容讲述的是体育比赛");
        assert!(jaccard(&a, &c) < 0.1);
    }
}
