//! The count of the characters a conversion changed, position by position: kept by
//! the walk match by match ([`Tally`]), or from the two texts
//! ([`changed_positionally`]).

/// The characters a conversion changed, counted match by match as a walk writes
/// them: `clean::changed_chars` of the walk's input and output without a second walk
/// over both. Exact when every match's value has as many characters as its key (then
/// every character of the output stands at its input character's position, copied
/// ones unchanged, so the positional count is the sum of the matches'); a match that
/// changes the character count makes the tally unknown ([`Tally::get`] is `None`), and
/// the caller compares the two texts itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tally {
    changed: usize,
    aligned: bool,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            changed: 0,
            aligned: true,
        }
    }
}

impl Tally {
    /// Count a match of the walk of [`super::GroupView::convert_verbatim`]: one character
    /// written as another (`one`), else the bytes `key` of `text` written as `value()`
    /// ([`Tally::add`]).
    #[inline(always)]
    pub(super) fn count(
        &mut self,
        one: bool,
        text: &str,
        key: std::ops::Range<usize>,
        value: impl FnOnce() -> &'static str,
    ) {
        match one {
            true => self.changed += 1,
            false => self.add(text, key, value()),
        }
    }

    /// Count a match: the bytes `key` of `text` written as `value`. One character of
    /// three bytes each (most matches) is compared as bytes; anything else position
    /// by position ([`changed_positionally`]).
    #[inline(always)]
    pub(crate) fn add(&mut self, text: &str, key: std::ops::Range<usize>, value: &str) {
        match (text.as_bytes().get(key.clone()), value.as_bytes()) {
            (Some(&[k0 @ 0xE0..=0xEF, k1, k2]), &[v0 @ 0xE0..=0xEF, v1, v2]) => {
                self.changed += usize::from([k0, k1, k2] != [v0, v1, v2]);
            }
            _ => self.add_counted(changed_positionally(&text[key], value)),
        }
    }

    /// Count a stretch whose characters changed `n` times (`None`: its character count
    /// changed).
    pub(crate) fn add_counted(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.changed += n,
            None => self.aligned = false,
        }
    }

    /// Take back a stretch counted before whose characters changed `n` times (a
    /// window converted again; `n` is `Some` whenever the tally is known).
    pub(crate) fn remove_counted(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.changed = self.changed.saturating_sub(n),
            None => self.aligned = false,
        }
    }

    /// The characters changed, `None` when a match changed the character count.
    pub(crate) fn get(&self) -> Option<usize> {
        self.aligned.then_some(self.changed)
    }
}

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
