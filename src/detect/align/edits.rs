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
///
/// Row `i` of the table is computed on its band `lo..=hi` (`|i - j| <= k`) only; a
/// cell outside a band counts as `k + 1`. The two row buffers start at `k + 1`
/// (row 0 its true values up to `k`) and are never cleared: a row reads the cell
/// before its band (set to `k + 1` here, or column 0) and the previous row's cells
/// `lo - 1..=hi`, of which only `hi` may lie beyond that row's band, where no row
/// of that buffer has written (the bands' ends only grow). So every cell read holds
/// what a table cleared to `k + 1` before each row holds (`bounded_edits_cleared`,
/// the way it was done before, is the tests' oracle), for O(k) a row instead of
/// O(|y|), and one allocation instead of two.
pub fn bounded_edits(x: &[char], y: &[char], k: usize) -> Option<usize> {
    if x.len().abs_diff(y.len()) > k {
        return None;
    }
    let (n, m) = (x.len(), y.len());
    let big = k + 1;
    let mut rows = vec![big; 2 * (m + 1)];
    let (mut prev, mut cur) = rows.split_at_mut(m + 1);
    for (j, c) in prev.iter_mut().enumerate().take(big) {
        *c = j;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        cur[0] = i.min(big);
        if lo > 1 {
            cur[lo - 1] = big;
        }
        let mut best = cur[0];
        let xc = x[i - 1];
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(xc != y[j - 1]);
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

/// [`bounded_edits`] as it was: the whole row cleared before each is computed
/// (the oracle of the tests).
#[cfg(test)]
fn bounded_edits_cleared(x: &[char], y: &[char], k: usize) -> Option<usize> {
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

/// Whether two keys differ in their numbers alone (a number changed: another item,
/// rule 2): of the same length, every character that differs is a digit on one side
/// (`第3段` / `第4段`); or, of any lengths, they are equal once each run of digits
/// stands for one character (`第1段，编号1号` / `第10段，编号10号`: a digit inserted is
/// a number changed too, not an edit).
pub fn digits_only_change(x: &[char], y: &[char]) -> bool {
    if x.len() == y.len() {
        return x
            .iter()
            .zip(y)
            .filter(|(p, q)| p != q)
            .all(|(p, q)| p.is_ascii_digit() || q.is_ascii_digit());
    }
    // each maximal run of ASCII digits as one `0`, compared without allocating
    fn runs(k: &[char]) -> impl Iterator<Item = char> + '_ {
        k.iter().enumerate().filter_map(move |(i, &c)| {
            let d = c.is_ascii_digit();
            if d && i > 0 && k[i - 1].is_ascii_digit() {
                None
            } else {
                Some(if d { '0' } else { c })
            }
        })
    }
    runs(x).eq(runs(y))
}

/// How two keys match: `Some(0)` exactly, `Some(e)` within [`max_edits`] edits
/// (never a change of digits alone), `None` not at all.
pub(super) fn keys_match(x: &[char], y: &[char]) -> Option<usize> {
    if x == y {
        return Some(0);
    }
    let len = x.len().max(y.len());
    let k = max_edits(x.len().min(y.len()));
    // (lengths more than `k` apart: `bounded_edits` answers `None` at once, so the
    // digit test, a scan of both keys, is not made for an answer that is `None`
    // either way; most unit pairs an alignment step compares are such)
    if k == 0 || len > MAX_NEAR_CHARS || x.len().abs_diff(y.len()) > k {
        return None;
    }
    if digits_only_change(x, y) {
        return None;
    }
    bounded_edits(x, y, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn banded_rows_give_the_distances_of_cleared_rows() {
        // random keys over small alphabets (many near pairs), edited copies of one
        // another, every band width the aligner and the headline rule use
        let mut rng = crate::chars::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: u64| (rng() % n) as usize;
        let (mut some, mut none) = (0, 0);
        for round in 0..20_000 {
            let alphabet = [2, 3, 5, 40][round % 4] as u64;
            let len = next(30);
            let x: Vec<char> = (0..len)
                .map(|_| char::from_u32(0x4e00 + next(alphabet) as u32).unwrap())
                .collect();
            let mut y = x.clone();
            for _ in 0..next(6) {
                let at = next(y.len() as u64 + 1);
                match next(3) {
                    0 if at < y.len() => {
                        y.remove(at);
                    }
                    1 if at < y.len() => {
                        y[at] = char::from_u32(0x4e00 + next(alphabet) as u32).unwrap()
                    }
                    _ => y.insert(at, char::from_u32(0x4e00 + next(alphabet) as u32).unwrap()),
                }
            }
            if round % 7 == 0 {
                y = (0..next(30))
                    .map(|_| char::from_u32(0x4e00 + next(alphabet) as u32).unwrap())
                    .collect();
            }
            for k in 0..=6 {
                let want = bounded_edits_cleared(&x, &y, k);
                assert_eq!(bounded_edits(&x, &y, k), want, "{x:?} {y:?} {k}");
                assert_eq!(bounded_edits(&y, &x, k), bounded_edits_cleared(&y, &x, k));
                if want.is_some() {
                    some += 1;
                } else {
                    none += 1;
                }
            }
        }
        assert!(some > 10_000 && none > 10_000, "{some} {none}");
    }

    /// [`keys_match`] as it was: the digit test before the lengths are compared.
    fn keys_match_old(x: &[char], y: &[char]) -> Option<usize> {
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

    #[test]
    fn keys_match_answers_as_with_the_digit_test_first() {
        // keys of digits and a few ideographs, of lengths a few apart (numbers
        // changed, inserted, words edited)
        let mut rng = crate::chars::xorshift(0x2545_f491_4f6c_dd1d);
        let mut next = |n: u64| (rng() % n) as usize;
        let alphabet: Vec<char> = "0123第段内容编号".chars().collect();
        let (mut some, mut none) = (0, 0);
        for _ in 0..20_000 {
            let x: Vec<char> = (0..next(40))
                .map(|_| alphabet[next(alphabet.len() as u64)])
                .collect();
            let mut y = x.clone();
            for _ in 0..next(8) {
                let at = next(y.len() as u64 + 1);
                let c = alphabet[next(alphabet.len() as u64)];
                match next(3) {
                    0 if at < y.len() => {
                        y.remove(at);
                    }
                    1 if at < y.len() => y[at] = c,
                    _ => y.insert(at, c),
                }
            }
            let want = keys_match_old(&x, &y);
            assert_eq!(keys_match(&x, &y), want, "{x:?} {y:?}");
            if want.is_some() {
                some += 1;
            } else {
                none += 1;
            }
        }
        assert!(some > 1000 && none > 1000, "{some} {none}");
    }

    #[test]
    fn a_number_changed_is_another_item_whatever_its_length() {
        let (x, y) = (
            c("第1段内容编号1号的新闻正文"),
            c("第10段内容编号10号的新闻正文"),
        );
        assert!(digits_only_change(&x, &y));
        assert_eq!(keys_match(&x, &y), None);
        assert!(digits_only_change(&c("第3段内容"), &c("第4段内容")));
        assert!(digits_only_change(&c("共111人"), &c("共1111人")));
        // a word changed beside a number is an edit
        assert!(!digits_only_change(&c("第1段内容"), &c("第10段正文")));
        // a number dropped is an edit, not a number changed
        assert!(!digits_only_change(&c("第1段内容编号"), &c("第段内容编号")));
        let (x, y) = (
            c("今天上午市政府召开会议研究部署"),
            c("今天上午市政府召开会议研究部署工作"),
        );
        assert_eq!(keys_match(&x, &y), Some(2));
    }
}
