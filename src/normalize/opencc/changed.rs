//! Counting the characters a conversion changed, position by position
//! ([`changed_positionally`]): shared by `clean::changed_chars` (a line and its
//! conversion) and by the converter's own walks, which count their changes as they
//! write them (see `super::OpenccConverter::convert_counted`) and compare only the
//! few windows they convert again.

/// The characters of `conv` that differ from those of `line` at the same position;
/// `None` when their character counts differ. The same as `clean::changed_chars` of texts
/// of equal character counts, without counting the characters of either first.
///
/// One walk over the bytes of both texts in step, each at a character boundary: the
/// characters wholly within the bytes the next eight of both share (up to the first
/// that differs) are the same, and are stepped over together (the same bytes from
/// boundaries of both hold the same characters, so the character that byte cuts or
/// begins starts at the same place in both, and is compared whole next); two
/// characters of three bytes each (Chinese) are compared byte by byte; any other
/// pair is decoded. The
/// walk of two `chars()` iterators in step is the tests' oracle
/// (`changed_positionally_by_chars` in `clean.rs`).
pub(crate) fn changed_positionally(line: &str, conv: &str) -> Option<usize> {
    let (a, b) = (line.as_bytes(), conv.as_bytes());
    let (mut i, mut j) = (0, 0);
    let mut changed = 0;
    loop {
        let (x, y) = (&a[i..], &b[j..]);
        if let (Some(x8), Some(y8)) = (x.first_chunk::<8>(), y.first_chunk::<8>()) {
            // the bytes before the first that differs (all eight when none does)
            let d = u64::from_le_bytes(*x8) ^ u64::from_le_bytes(*y8);
            let mut k = if d == 0 {
                8
            } else {
                d.trailing_zeros() as usize / 8
            };
            // back to the start of the character that byte is in
            while x.get(k).is_some_and(|&c| c & 0xC0 == 0x80) {
                k -= 1;
            }
            if k > 0 {
                (i, j) = (i + k, j + k);
                continue;
            }
        }
        match (x, y) {
            ([], []) => return Some(changed),
            ([], _) | (_, []) => return None,
            ([x0 @ 0xE0..=0xEF, x1, x2, ..], [y0 @ 0xE0..=0xEF, y1, y2, ..]) => {
                changed += usize::from(x0 != y0 || x1 != y1 || x2 != y2);
                (i, j) = (i + 3, j + 3);
            }
            _ => {
                let (p, q) = (line[i..].chars().next()?, conv[j..].chars().next()?);
                changed += usize::from(p != q);
                (i, j) = (i + p.len_utf8(), j + q.len_utf8());
            }
        }
    }
}
