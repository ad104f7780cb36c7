//! Edit distance between the matching keys of two units: how many edits two
//! aligned units may differ by, the banded Levenshtein distance, and the rule that
//! a change of digits alone is another item, not a near copy.

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

/// How two keys match: `Some(0)` exactly, `Some(e)` within [`max_edits`] edits
/// (never a change of digits alone), `None` not at all.
pub(super) fn keys_match(x: &[char], y: &[char]) -> Option<usize> {
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
