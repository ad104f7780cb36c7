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
    if k == 0 || len > MAX_NEAR_CHARS || digits_only_change(x, y) {
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
