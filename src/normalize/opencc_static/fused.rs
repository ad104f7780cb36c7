//! What a walk of a group reads of a character that its set lets through
//! ([`Lookup`]): whether it is asked about, its entry, and the UTF-8 of its
//! one-character value. Read from the group's tables and the sets as they are
//! ([`Plain`]), or from one table made for a walk that runs over much text
//! ([`Fused`]: one read a character of three bytes instead of a set test, the
//! page index, the block and the value table).

use super::{in_set, union, BmpSet, GroupView};
use crate::normalize::opencc_spec::{INDEX_MASK, PHRASE_START};

/// The sets of a walk (`GroupView::next_match_seeing`) and what it reads of a
/// character of three bytes that has a bit in the first.
pub(crate) trait Lookup {
    /// The characters the walk stops at: the group's set of BMP code points with an
    /// entry ([`GroupView::present`]), or a superset of it.
    fn present(&self) -> &BmpSet;

    /// The characters the walk is asked about (part of [`Lookup::present`]; those
    /// beyond the BMP too), `None` when it is asked about none.
    fn asked(&self) -> Option<&BmpSet>;

    /// Of code point `c`, a character of three bytes in [`Lookup::present`]: whether
    /// it is asked about, its entry in `g` ([`GroupView::entry`]), and, when that
    /// entry has a one-character key whose value is a character of three bytes other
    /// than it, that value's UTF-8 (`GroupView::single_utf8`; else bytes whose first
    /// is no lead byte of three).
    fn look3(&self, g: &GroupView, c: u32) -> (bool, u32, [u8; 4]);

    /// Of code point `c` as for [`Lookup::look3`], when it is not asked about, no
    /// longer key starts with it, and its one-character key's value is a character
    /// of three bytes other than it (most characters a walk stops at in Traditional
    /// text): its pair index and that value's UTF-8. `None` when it is not so, or
    /// when the sets do not tell it at once (the walk then reads [`Lookup::look3`]).
    #[inline(always)]
    fn simple3(&self, _: &GroupView, _: u32) -> Option<(u32, [u8; 4])> {
        None
    }
}

/// A group's tables and a walk's sets read as they are.
pub(crate) struct Plain<'s> {
    /// [`Lookup::present`].
    pub(crate) present: &'s BmpSet,
    /// [`Lookup::asked`].
    pub(crate) asked: Option<&'s BmpSet>,
}

impl Lookup for Plain<'_> {
    #[inline(always)]
    fn present(&self) -> &BmpSet {
        self.present
    }

    #[inline(always)]
    fn asked(&self) -> Option<&BmpSet> {
        self.asked
    }

    #[inline(always)]
    fn look3(&self, g: &GroupView, c: u32) -> (bool, u32, [u8; 4]) {
        let asked = self.asked.is_some_and(|s| in_set(s, c));
        let e = g.entry(c);
        let utf8 = match e & INDEX_MASK {
            0 => [0; 4],
            i => g.single_utf8(i - 1),
        };
        (asked, e, utf8)
    }
}

/// Bit of a [`Fused`] entry: the character is asked about.
const ASKED: u64 = 1 << 24;

/// One group's entries and a walk's sets in one table, for a walk made over much
/// text (the last stage of `t2s`, `tw2s` and `hk2s`): a `u64` per BMP code point
/// (512 KiB, of which a text reads the pages of its characters), the group's entry
/// in the upper half, [`ASKED`], and the UTF-8 of the one-character value of three
/// bytes that differs from its key (`GroupTables::single`) in the lowest three
/// bytes (0 for any other). Made in one pass over the set bits (a few thousand).
pub(crate) struct Fused {
    present: Box<BmpSet>,
    asked: Box<BmpSet>,
    table: Box<[u64; 0x1_0000]>,
}

impl Fused {
    /// The table of group `g` for a walk asked about `asked`, stopping at `g`'s
    /// characters with an entry and those.
    pub(crate) fn new(g: &GroupView, asked: &BmpSet) -> Fused {
        let mut present = Box::new(*g.present());
        union(&mut present, asked);
        let mut table: Box<[u64; 0x1_0000]> = vec![0; 0x1_0000]
            .into_boxed_slice()
            .try_into()
            .expect("a table of the BMP");
        for (w, &word) in present.iter().enumerate() {
            // (each set bit, lowest first)
            let mut bits = word;
            while bits != 0 {
                let c = (w * 64) as u32 + bits.trailing_zeros();
                bits &= bits - 1;
                let e = g.entry(c);
                let utf8 = match e & INDEX_MASK {
                    0 => [0; 4],
                    i => g.single_utf8(i - 1),
                };
                let three = utf8[0] & 0xF0 == 0xE0;
                let value = if three {
                    u64::from(u32::from_le_bytes(utf8) & 0xFF_FFFF)
                } else {
                    0
                };
                let asked = if in_set(asked, c) { ASKED } else { 0 };
                table[c as usize] = u64::from(e) << 32 | asked | value;
            }
        }
        Fused {
            present,
            asked: Box::new(*asked),
            table,
        }
    }
}

impl Lookup for Fused {
    #[inline(always)]
    fn present(&self) -> &BmpSet {
        &self.present
    }

    #[inline(always)]
    fn asked(&self) -> Option<&BmpSet> {
        Some(&self.asked)
    }

    #[inline(always)]
    fn look3(&self, _: &GroupView, c: u32) -> (bool, u32, [u8; 4]) {
        // (a character of three bytes: `c` below 0x1_0000)
        let f = self.table[c as usize & 0xFFFF];
        let utf8 = (f as u32 & 0xFF_FFFF).to_le_bytes();
        (f & ASKED != 0, (f >> 32) as u32, utf8)
    }

    #[inline(always)]
    fn simple3(&self, _: &GroupView, c: u32) -> Option<(u32, [u8; 4])> {
        let f = self.table[c as usize & 0xFFFF];
        // not asked, no longer key, and a value of three bytes (which a pair index
        // comes with)
        const TESTED: u64 = (PHRASE_START as u64) << 32 | ASKED | 0xF0;
        if f & TESTED != 0xE0 {
            return None;
        }
        let i = (f >> 32) as u32 & INDEX_MASK;
        Some((i.wrapping_sub(1), (f as u32 & 0xFF_FFFF).to_le_bytes()))
    }
}
