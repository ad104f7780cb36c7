//! The screens of the lines `doubled_line` examines: whether a sentence repeats in
//! the line ([`sentence_repeats`], which lets a line be examined at all), whether a
//! sentence ends in a blank ([`ends_in_blank`], for the lead written twice), and,
//! before a line's suffix array, a count of the line's repeated character bigrams
//! that every line holding a doubled body reaches ([`may_hold_copies`]), so that a
//! line below it is let go without its suffix array (most lines in which a sentence
//! repeats hold no doubled body, and the suffix array and the extension cost some
//! 500 instructions a key character there).
//!
//! Why it is exact (why a line it lets go yields no decision in `doubled`): a
//! decision needs copies `A = [s1, e1)` and `B = [s2, e2)` of the key, `e1 <= s2`,
//! each of at least [`MIN_COPY_SHARE`] of the key's `n` characters, and `m`
//! matched pairs `(i, j)`, `i` in `A`, `j` in `B`, `k[i] == k[j]` (the exact core
//! and the characters the extension matched), no two with the same `i` or the same
//! `j`, with `m >= near_threshold * max(|A|, |B|)`. The pairs fall into runs along
//! a diagonal (`(i, j), (i+1, j+1), …`): the core with what the extension matched
//! next to it, then one run after each resynchronisation that the extension went on
//! from. Each of those adds at least one edit and is taken only while the edits are
//! within the budget, `2 + matched / 10` (`repeat::edit_budget`, `matched`
//! counting the core), so there are at most `2 + m / 10` of them forwards and as
//! many backwards: at most `R = 5 + m / 5` runs. A run of `r` pairs holds `r - 1` pairs of equal bigrams
//! (`k[i..i+2] == k[j..j+2]`, starting in `A` and in `B`), so the copies hold at
//! least `m - R = 0.8 m - 5` such pairs, with distinct starts on each side. With
//! `p = e1`, every such pair starts before `p` on one side and at `p` or after on
//! the other, so for each bigram `g` at most `min(before_p(g), from_p(g))` of them
//! are `g`'s (its occurrences starting before `p`, and at `p` or after); and `p`
//! lies in `[lo, n - lo]`, `lo` the least whole share. A line where the largest sum
//! over `p` in that range of `min(before_p(g), from_p(g))` is below
//! `0.8 * near_threshold * lo - 5` therefore has no decision.

use super::repeat::{EDIT_BUDGET_BASE, EDIT_BUDGET_PER};
use super::{MIN_COPY_SHARE, MIN_REPEAT_CHARS};
use crate::detect::Sentence;

/// Whether two of `sentences` with at least [`MIN_REPEAT_CHARS`] key characters
/// have the same hash. A line of at most [`PAIRWISE_SENTENCES`] sentences (most)
/// compares them pair by pair, without a buffer; a longer one sorts their hashes
/// in `hashes` (scratch) and compares neighbours: the same answer (whether a hash
/// occurs twice), at a cost of O(m log m) rather than O(m²).
pub(super) fn sentence_repeats(sentences: &[Sentence], hashes: &mut Vec<u64>) -> bool {
    let long = |s: &&Sentence| s.key_chars >= MIN_REPEAT_CHARS;
    if sentences.len() <= PAIRWISE_SENTENCES {
        return sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| long(s))
            .any(|(i, s)| sentences[..i].iter().filter(long).any(|t| t.hash == s.hash));
    }
    hashes.clear();
    hashes.extend(sentences.iter().filter(long).map(|s| s.hash));
    hashes.sort_unstable();
    hashes.windows(2).any(|w| w[0] == w[1])
}

/// A line of at most this many sentences is told whether one repeats pair by pair
/// ([`sentence_repeats`]).
const PAIRWISE_SENTENCES: usize = 12;

/// Whether the last character of `t` is whitespace (`char::is_whitespace`), read
/// from its last bytes where they tell: an ASCII byte, or a three-byte character
/// led by `E3`–`E9` or `EF` (U+3000–U+9FFF, U+F000–U+FFFF: of them only U+3000 is
/// whitespace), which the sentence ends of Chinese text are (`。`, `！`, `”`
/// excepted: led by `E2`, decoded).
#[inline]
pub(super) fn ends_in_blank(t: &str) -> bool {
    match t.as_bytes() {
        [] => false,
        [.., x @ 0..=0x7F] => x.is_ascii_whitespace() || *x == 0x0B,
        [.., 0xE3, 0x80, 0x80] => true,
        [.., 0xE3..=0xE9 | 0xEF, _, _] => false,
        _ => t.chars().next_back().is_some_and(char::is_whitespace),
    }
}

#[cfg(test)]
thread_local! {
    /// Set by a test to see what `doubled` decides without the screen.
    pub(super) static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The pairs of equal bigrams that copies with `m` matched pairs hold at least
/// (see the module's comment): `m` less the runs, one core and one after each
/// resynchronisation that [`super::repeat::edit_budget`] allows forwards and
/// backwards, `m - (1 + 2 * (2 + m / 10)) = 0.8 m - 5` (`m` real: at least the
/// whole division's runs).
fn need_of(m: f64) -> f64 {
    let (base, per) = (EDIT_BUDGET_BASE as f64, EDIT_BUDGET_PER as f64);
    (1.0 - 2.0 / per) * m - (1.0 + 2.0 * base)
}

/// Whether the key `k` of a line may hold two copies that `doubled` accepts with
/// similarity threshold `near` (see the module's comment): `false` only when it
/// cannot. O(n) for a key of `n` characters (its bigrams counted in a hash table
/// of about `2n` slots of 8 bytes), some 30 instructions a character.
pub(super) fn may_hold_copies(k: &[char], near: f64) -> bool {
    #[cfg(test)]
    if OFF.get() {
        return true;
    }
    let n = k.len();
    // (a bigram and its class packed in a u64 below: 42 bits and 22)
    if n >= 1 << 22 {
        return true;
    }
    // the least whole number of characters a copy may have
    let share = MIN_COPY_SHARE * n as f64;
    let mut lo = share as usize;
    while (lo as f64) < share {
        lo += 1;
    }
    if 2 * lo > n {
        return false;
    }
    // pairs of equal bigrams the copies hold at least (the matched pairs, `m`,
    // are at least `near * lo`: a hair less is asked, for the rounding of the
    // similarity's division)
    let need = need_of(near * lo as f64 * (1.0 - 1e-9));
    if need <= 0.0 {
        return true;
    }
    let grams = n - 1;
    // each bigram start's class (its bigram's number, in order of first
    // occurrence) and each class' count, the classes found in an open-addressing
    // table of `bigram << 22 | class` (a bigram is 42 bits; empty slots all ones,
    // which no bigram is)
    let bits = (2 * grams).next_power_of_two().trailing_zeros();
    let mask = (1usize << bits) - 1;
    let mut slots = vec![u64::MAX; mask + 1];
    let mut class = vec![0u32; grams];
    let mut total: Vec<u32> = Vec::new();
    for (i, w) in k.windows(2).enumerate() {
        let code = ((w[0] as u64) << 21) | w[1] as u64;
        let mut h = (code.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        let c = loop {
            let s = slots[h];
            if s == u64::MAX {
                slots[h] = (code << 22) | total.len() as u64;
                total.push(0);
                break total.len() - 1;
            }
            if s >> 22 == code {
                break (s & ((1 << 22) - 1)) as usize;
            }
            h = (h + 1) & mask;
        };
        total[c] += 1;
        class[i] = c as u32;
    }
    // the sum of min(before, from) at each split, its largest in [lo, n - lo]
    let mut before = vec![0u32; total.len()];
    let (mut sum, mut best) = (0i64, 0i64);
    for (i, &c) in class.iter().enumerate() {
        let (a, t) = (before[c as usize], total[c as usize]);
        // min(a, t - a) -> min(a + 1, t - a - 1)
        if 2 * a + 2 <= t {
            sum += 1;
        } else if 2 * a >= t {
            sum -= 1;
        }
        before[c as usize] = a + 1;
        let p = i + 1;
        if p >= lo && p <= n - lo {
            best = best.max(sum);
        }
    }
    best as f64 >= need
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The same bound by counting in maps at every split: the oracle.
    fn bound_by_maps(k: &[char]) -> i64 {
        let n = k.len();
        let share = MIN_COPY_SHARE * n as f64;
        let lo = (0..=n).find(|&v| v as f64 >= share).unwrap_or(n);
        let mut best = 0;
        for p in lo..=n.saturating_sub(lo) {
            let mut pre: HashMap<(char, char), i64> = HashMap::new();
            let mut suf: HashMap<(char, char), i64> = HashMap::new();
            for (i, w) in k.windows(2).enumerate() {
                let m = if i < p { &mut pre } else { &mut suf };
                *m.entry((w[0], w[1])).or_default() += 1;
            }
            let s: i64 = pre
                .iter()
                .map(|(g, a)| (*a).min(*suf.get(g).unwrap_or(&0)))
                .sum();
            best = best.max(s);
        }
        best
    }

    #[test]
    fn the_sweep_gives_the_bound_the_maps_give() {
        let pieces = ["甲", "乙", "丙", "丁", "a", "。", "𠀀", "甲乙丙"];
        for t in crate::chars::random_texts(&pieces, 300, 80, 5) {
            let k: Vec<char> = t.chars().collect();
            let want = bound_by_maps(&k);
            for near in [0.5, 0.8, 1.0] {
                let need = {
                    let n = k.len();
                    let share = MIN_COPY_SHARE * n as f64;
                    let lo = (0..=n).find(|&v| v as f64 >= share).unwrap_or(n);
                    if 2 * lo > n {
                        assert!(!may_hold_copies(&k, near));
                        continue;
                    }
                    need_of(near * lo as f64 * (1.0 - 1e-9))
                };
                let want = need <= 0.0 || want as f64 >= need;
                assert_eq!(may_hold_copies(&k, near), want, "{t}");
            }
        }
    }
}
