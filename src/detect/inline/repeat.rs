//! The repeat inside a line: its longest repeated substring (suffix array and LCP
//! array), and the extension of the two copies along their diagonal through edits.

use super::{RESYNC, RESYNC_MATCH};

/// The longest repeated non-overlapping substring of `chars`: (first, second, length)
/// in characters; of several as long, the first met in suffix order.
///
/// The suffix array is built over the line's characters written by rank (each
/// distinct character replaced by its rank among them in code point order), one
/// integer symbol per character, by libsais (Ilya Grebnov's SA-IS, `libsais_int`,
/// whose buckets are as many as the line's distinct characters), with the LCP array
/// by Kasai's algorithm ([`kasai`]). The ranks keep the characters' order, so the
/// suffixes sort in the same order and share the same characters as in the line
/// itself: the answer is the same as over its UTF-8 ([`longest_repeat_utf8`], the
/// test oracle). (`libsais16`, over 16-bit symbols, clears 65,536 buckets a line:
/// measured slower than the `suffix` crate on news lines.) A construction libsais
/// refuses (it takes any line that fits in `i32`) falls back to
/// [`longest_repeat_ranked_utf8`].
pub(super) fn longest_repeat(chars: &[char]) -> Option<(usize, usize, usize)> {
    let (mut text, alphabet) = ranks(chars);
    // room for six buckets a symbol after the suffix array: libsais then takes its
    // fastest induced sort (`6k`) rather than the in-place ones it falls back to
    // without room (a text has one suffix array, whichever way it is built)
    let room = libsais::suffix_array::ExtraSpace::Fixed {
        value: 6 * alphabet,
    };
    let Ok(built) = libsais::SuffixArrayConstruction::for_text_mut(&mut text)
        .in_owned_buffer32()
        .single_threaded()
        .with_extra_space_in_buffer(room)
        .run()
    else {
        // (libsais fails only on arguments it cannot take: the other construction)
        let mut distinct: Vec<char> = chars.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        return longest_repeat_ranked_utf8(chars, &distinct);
    };
    let sa: Vec<u32> = built.suffix_array().iter().map(|&p| p as u32).collect();
    drop(built);
    let lcp = kasai(&text, &sa);
    let mut best: Option<(usize, usize, usize)> = None;
    for k in 1..sa.len() {
        let (p, q) = (sa[k - 1] as usize, sa[k] as usize);
        let (x, y) = if p < q { (p, q) } else { (q, p) };
        let l = (lcp[k] as usize).min(y - x);
        if best.is_none_or(|b| l > b.2) {
            best = Some((x, y, l));
        }
    }
    best.filter(|b| b.2 > 0)
}

/// Each character of `chars` written as its rank among the distinct characters of
/// `chars` in code point order (the number of distinct characters below it): what
/// a binary search of the sorted, deduplicated characters gives
/// ([`ranks_by_search`], the test oracle), without sorting. The characters present
/// are bits of a bitset over the code points from the least to the greatest of
/// them (a Chinese line spans some 40,000 code points, 640 words; the most any
/// line can span, all of Unicode, is 17,408 words), and a rank is the bits set
/// below the character's: the count of the words before its word (a prefix sum
/// per word) and of the bits below it in its word. O(n + span / 64). Also the
/// number of distinct characters.
fn ranks(chars: &[char]) -> (Vec<i32>, usize) {
    let (Some(&lo), Some(&hi)) = (chars.iter().min(), chars.iter().max()) else {
        return (Vec::new(), 0);
    };
    let (lo, hi) = (lo as usize, hi as usize);
    let mut bits = vec![0u64; (hi - lo) / 64 + 1];
    for &c in chars {
        let x = c as usize - lo;
        bits[x / 64] |= 1 << (x % 64);
    }
    // before[w]: the bits set in the words before word w
    let mut before = Vec::with_capacity(bits.len());
    let mut sum = 0u32;
    for w in &bits {
        before.push(sum);
        sum += w.count_ones();
    }
    let ranked = chars
        .iter()
        .map(|&c| {
            let x = c as usize - lo;
            let below = bits[x / 64] & ((1u64 << (x % 64)) - 1);
            (before[x / 64] + below.count_ones()) as i32
        })
        .collect();
    (ranked, sum as usize)
}

/// [`ranks`] by sorting and a binary search per character: the test oracle.
#[cfg(test)]
fn ranks_by_search(chars: &[char]) -> Vec<i32> {
    let mut distinct: Vec<char> = chars.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    chars
        .iter()
        .map(|c| distinct.binary_search(c).unwrap_or_default() as i32)
        .collect()
}

/// [`longest_repeat`] over the UTF-8 of the characters written by rank (ranks below
/// U+D800 as themselves, the rest past the surrogates; one to three bytes per
/// character), with the `suffix` crate's SA-IS: the fallback of [`longest_repeat`]
/// and, beside the plain UTF-8, its test oracle.
fn longest_repeat_ranked_utf8(chars: &[char], distinct: &[char]) -> Option<(usize, usize, usize)> {
    let key: String = chars
        .iter()
        .map(|c| {
            let r = distinct.binary_search(c).unwrap_or_default() as u32;
            let code = if r < 0xD800 { r } else { r + 0x800 };
            char::from_u32(code).unwrap_or(char::MAX)
        })
        .collect();
    longest_repeat_in(chars.len(), &key)
}

/// [`longest_repeat`] over the UTF-8 of the line itself: the test oracle.
#[cfg(test)]
pub(super) fn longest_repeat_utf8(chars: &[char]) -> Option<(usize, usize, usize)> {
    let key: String = chars.iter().collect();
    longest_repeat_in(chars.len(), &key)
}

/// [`longest_repeat`] of the `n` characters written as `key`.
fn longest_repeat_in(n: usize, key: &str) -> Option<(usize, usize, usize)> {
    // byte offset -> char index (u32: 4 bytes per key byte rather than 8)
    let mut char_at = vec![u32::MAX; key.len() + 1];
    for (ci, (b, _)) in key.char_indices().enumerate() {
        char_at[b] = ci as u32;
    }
    char_at[key.len()] = n as u32;
    let st = suffix::SuffixTable::new(key);
    let sa = st.table();
    let lcp = kasai(key.as_bytes(), sa);
    let mut best: Option<(usize, usize, usize)> = None;
    let mut prev: Option<usize> = None;
    let mut run_min = u32::MAX;
    for k in 0..sa.len() {
        if k > 0 {
            run_min = run_min.min(lcp[k]);
        }
        let pos = sa[k] as usize;
        if char_at[pos] == u32::MAX {
            continue; // not a character boundary
        }
        if let Some(q) = prev {
            let (x, y) = if q < pos { (q, pos) } else { (pos, q) };
            let mut l = (run_min as usize).min(y - x);
            while l > 0 && char_at[x + l] == u32::MAX {
                l -= 1;
            }
            let lc = (char_at[x + l] - char_at[x]) as usize;
            if best.is_none_or(|b| lc > b.2) {
                best = Some((char_at[x] as usize, char_at[y] as usize, lc));
            }
        }
        prev = Some(pos);
        run_min = u32::MAX;
    }
    best.filter(|b| b.2 > 0)
}

/// LCP array by Kasai's algorithm: `lcp[k]` is the common prefix length of the
/// suffixes `sa[k-1]` and `sa[k]`. O(n) time whatever the text (the `suffix` crate's
/// own `lcp_lens` compares suffixes directly, which is quadratic on repetitive text,
/// the very text this module exists for).
pub(super) fn kasai<T: PartialEq>(s: &[T], sa: &[u32]) -> Vec<u32> {
    let n = s.len();
    let mut rank = vec![0u32; n];
    for (i, &p) in sa.iter().enumerate() {
        rank[p as usize] = i as u32;
    }
    let mut lcp = vec![0u32; n];
    let mut h = 0usize;
    for i in 0..n {
        let r = rank[i] as usize;
        if r == 0 {
            h = 0;
            continue;
        }
        let j = sa[r - 1] as usize;
        while i + h < n && j + h < n && s[i + h] == s[j + h] {
            h += 1;
        }
        lcp[r] = h as u32;
        h = h.saturating_sub(1);
    }
    lcp
}

/// Extend the aligned copies `[i, i+len)` and `[j, j+len)` forwards (`dir = 1`) or
/// backwards, tolerating edits; copy 1 stays before `fence` (the start of copy 2 when
/// going forwards), copy 2 inside `[lo, hi)`. Returns (new boundary of copy 1, new
/// boundary of copy 2, matched characters, edits).
pub(super) fn extend_fwd(
    k: &[char],
    mut i: usize,
    mut j: usize,
    fence: usize,
    core: usize,
) -> (usize, usize, usize, usize) {
    let n = k.len();
    let (mut matched, mut edits) = (0, 0);
    loop {
        if i < fence && j < n && k[i] == k[j] {
            i += 1;
            j += 1;
            matched += 1;
            continue;
        }
        if i >= fence || j >= n {
            break;
        }
        let budget = edit_budget(core + matched);
        let mut synced = false;
        'outer: for step in 1..=RESYNC * 2 {
            for di in 0..=step.min(RESYNC) {
                let dj = step - di;
                if dj > RESYNC {
                    continue;
                }
                let (ii, jj) = (i + di, j + dj);
                if ii + RESYNC_MATCH <= fence
                    && jj + RESYNC_MATCH <= n
                    && k[ii..ii + RESYNC_MATCH] == k[jj..jj + RESYNC_MATCH]
                {
                    edits += di.max(dj);
                    i = ii;
                    j = jj;
                    synced = true;
                    break 'outer;
                }
            }
        }
        if !synced {
            // substitutions close together (`市场此前的` → `城场此前遍`): along the same
            // diagonal, the next window matches but for one character
            for d in 1..=RESYNC {
                let (ii, jj) = (i + d, j + d);
                let w = RESYNC_MATCH + 2;
                if ii + w <= fence
                    && jj + w <= n
                    && k[ii] == k[jj]
                    && (0..w).filter(|&t| k[ii + t] != k[jj + t]).count() <= 1
                {
                    edits += d;
                    i = ii;
                    j = jj;
                    synced = true;
                    break;
                }
            }
        }
        if !synced {
            // both copies end in a short unmatched tail (an edit in the last
            // characters): take the tails as edits
            let (r1, r2) = (fence - i, n - j);
            if r1 > 0 && r2 > 0 && r1.max(r2) <= RESYNC + RESYNC_MATCH {
                let common = r1.min(r2);
                edits += (0..common).filter(|&t| k[i + t] != k[j + t]).count() + r1.abs_diff(r2);
                if edits <= budget {
                    i = fence;
                    j = n;
                }
            }
            break;
        }
        if edits > budget {
            break;
        }
    }
    (i, j, matched, edits)
}

/// The edits an extension may make once `matched` characters match (the core
/// counted): [`EDIT_BUDGET_BASE`] and one per [`EDIT_BUDGET_PER`] matched. The screen
/// before the suffix array (`screen::may_hold_copies`) bounds the runs of a pair of
/// copies by it.
pub(super) fn edit_budget(matched: usize) -> usize {
    EDIT_BUDGET_BASE + matched / EDIT_BUDGET_PER
}

/// Edits an extension may make whatever it matched ([`edit_budget`]).
pub(super) const EDIT_BUDGET_BASE: usize = 2;
/// Matched characters per further edit ([`edit_budget`]).
pub(super) const EDIT_BUDGET_PER: usize = 10;

pub(super) fn extend_bwd(
    k: &[char],
    i: usize,
    j: usize,
    fence: usize,
    core: usize,
) -> (usize, usize, usize, usize) {
    // mirror: walk the reversed sequences; in reversed coordinates copy 2 comes
    // first and must not run into copy 1, which ends at `fence`
    let rev: Vec<char> = k.iter().rev().copied().collect();
    let n = k.len();
    let (rj, ri, m, e) = extend_fwd(&rev, n - j, n - i, n - fence, core);
    (n - ri, n - rj, m, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_give_the_repeat_the_utf8_gives() {
        // lines of many distinct characters (past 128 and 2,048 ranks, and past the
        // surrogates' place), repeats of every length, ties, characters of 1 to 4
        // bytes
        let mut lines: Vec<Vec<char>> = vec![
            "banana_bandana".chars().collect(),
            "国家统计局今天发布数据一季度国家统计局今天发布数据"
                .chars()
                .collect(),
            "abcabcabc".chars().collect(),
            "𠀀a𠀀a中中".chars().collect(),
            Vec::new(),
            vec!['x'],
        ];
        let all: Vec<char> = (0x4E00..0x4E00 + 60_000u32)
            .chain(0x20000..0x20000 + 2_000)
            .filter_map(char::from_u32)
            .collect();
        for (n, cut) in [(300, 40), (3_000, 500), (61_000, 9_000)] {
            let mut l: Vec<char> = all[..n.min(all.len())].to_vec();
            let copy: Vec<char> = l[7..7 + cut].to_vec();
            l.extend_from_slice(&copy);
            l.push('。');
            l.extend_from_slice(&copy[..cut / 2]);
            lines.push(l);
        }
        let mut seed = 7u64;
        for _ in 0..200 {
            let len = (seed % 300) as usize;
            let l: Vec<char> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ['甲', '乙', '丙', 'a', 'b', '。', '𠀀', 'é'][(seed >> 60) as usize % 8]
                })
                .collect();
            lines.push(l);
        }
        for l in &lines {
            assert_eq!(ranks(l).0, ranks_by_search(l), "{}", l.len());
            let want = longest_repeat_utf8(l);
            assert_eq!(longest_repeat(l), want, "{}", l.len());
            let mut distinct = l.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(
                longest_repeat_ranked_utf8(l, &distinct),
                want,
                "{}",
                l.len()
            );
        }
    }

    #[test]
    fn ranks_over_any_span_are_the_sorted_ranks() {
        let pool: Vec<String> = ['\0', 'a', '~', 'é', '中', '\u{ffff}', '𠀀', '\u{10ffff}']
            .into_iter()
            .chain((0x4E00..0x4E40u32).filter_map(char::from_u32))
            .map(String::from)
            .collect();
        let pieces: Vec<&str> = pool.iter().map(String::as_str).collect();
        for t in crate::chars::random_texts(&pieces, 2_000, 63, 11) {
            let l: Vec<char> = t.chars().collect();
            let (ranked, distinct) = ranks(&l);
            assert_eq!(ranked, ranks_by_search(&l), "{l:?}");
            let mut sorted = l.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(distinct, sorted.len(), "{l:?}");
        }
    }

    #[test]
    fn a_line_of_more_distinct_characters_than_16_bits_rank_gives_the_utf8_answer() {
        let mut l: Vec<char> = (0x3400..0x3400 + 70_000u32)
            .filter_map(char::from_u32)
            .collect();
        assert!(l.len() > 65_536);
        let copy: Vec<char> = l[100..400].to_vec();
        l.extend_from_slice(&copy);
        assert_eq!(ranks(&l).0, ranks_by_search(&l));
        assert_eq!(longest_repeat(&l), Some((100, l.len() - 300, 300)));
        assert_eq!(longest_repeat(&l), longest_repeat_utf8(&l));
    }
}
