//! The compatibility decomposition the key folds compatibility ideographs and
//! Kangxi radicals by ([`compatibility_parts`]).

/// The compatibility decomposition (NFKD) of a compatibility ideograph or radical,
/// at most four characters (it is one for every such character); empty when it has
/// none. Out of line and into a buffer of its own, so the key loop's sink never has
/// its address taken.
#[inline(never)]
pub(super) fn compatibility_parts(c: char) -> Parts {
    let mut p = Parts::default();
    unicode_normalization::char::decompose_compatible(c, |d| p.push(d));
    p
}

/// A few characters on the stack.
#[derive(Default)]
pub(super) struct Parts {
    chars: [char; 4],
    len: usize,
}

impl Parts {
    fn push(&mut self, c: char) {
        if let Some(slot) = self.chars.get_mut(self.len) {
            *slot = c;
            self.len += 1;
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(super) fn as_slice(&self) -> &[char] {
        &self.chars[..self.len]
    }
}
