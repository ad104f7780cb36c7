//! What a walk of a group reads of a character that its set lets through
//! ([`Lookup`]): whether it is asked about, its entry, and the UTF-8 of its
//! one-character value. Read from the group's tables and the sets as they are
//! ([`Plain`]), or from one table made for a walk that runs over much text
//! ([`Fused`]: one read a character of three bytes instead of a set test, the
//! page index, the block and the value table).

use super::{decode_at, in_set, next_present, union, BmpSet, GroupView};
use crate::normalize::opencc_spec::{INDEX_MASK, PHRASE_START};

/// The sets of a walk (`GroupView::next_match_seeing`) and what it reads of a
/// character of three bytes that has a bit in the first.
pub(crate) trait Lookup {
    /// The characters the walk stops at: the group's set of BMP code points with an
    /// entry ([`GroupView::present`]), or a superset of it.
    fn present(&self) -> &BmpSet;

    /// The first character of `rest` (the bytes of `bytes` from a character boundary
    /// on) beyond the BMP or in [`Lookup::present`], as [`next_present`] gives it.
    #[inline(always)]
    fn next_present<'b>(
        &self,
        bytes: &'b [u8],
        rest: &'b [u8],
    ) -> Option<(usize, u32, usize, &'b [u8])> {
        next_present(bytes, rest, self.present())
    }

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

/// Entries of [`Fused`]'s wide set: one per first byte and code bits of the second.
const WIDE: usize = 0x4000;

/// One group's entries and a walk's sets in one table, for a walk made over much
/// text (the last stage of `t2s`, `tw2s` and `hk2s`): a `u64` per BMP code point
/// (512 KiB, of which a text reads the pages of its characters), the group's entry
/// in the upper half, [`ASKED`], and the UTF-8 of the one-character value of three
/// bytes that differs from its key (`GroupTables::single`) in the lowest three
/// bytes (0 for any other). Made in one pass over the set bits (a few thousand).
/// With it, the set of characters it stops at laid out by the first two bytes of
/// a character, for [`Fused::next_present`] (128 KiB).
pub(crate) struct Fused {
    present: Box<BmpSet>,
    asked: Box<BmpSet>,
    table: Box<[u64; 0x1_0000]>,
    /// `present` by the first two bytes of a character: entry `b0 | (b1 & 0x3F) << 8`
    /// is, for a lead byte `b0` of three, the word of [`Lookup::present`] that holds
    /// the characters starting `b0 b1` (bit `b2 & 0x3F` each), and all ones for any
    /// other first byte (such a character is tested as [`next_present`] does).
    wide: Box<[u64; WIDE]>,
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
        let mut wide: Box<[u64; WIDE]> = vec![u64::MAX; WIDE]
            .into_boxed_slice()
            .try_into()
            .expect("a table of two bytes");
        for (b0, b1) in (0xE0..0xF0).flat_map(|b0| (0..64).map(move |b1| (b0, b1))) {
            wide[b0 | b1 << 8] = present[(b0 & 0x0F) << 6 | b1];
        }
        Fused {
            present,
            asked: Box::new(*asked),
            table,
            wide,
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

    /// [`next_present`] read from [`Fused::wide`]: a character of three bytes
    /// without a bit (half of a Traditional text) costs one read of its first two
    /// bytes, one of the word and one bit test; two such at a time.
    #[inline(always)]
    fn next_present<'b>(
        &self,
        bytes: &'b [u8],
        mut rest: &'b [u8],
    ) -> Option<(usize, u32, usize, &'b [u8])> {
        // whether the character of bytes `b0 b1 b2` may have a bit: one of three
        // bytes that has, or any other
        let may = |b0: u8, b1: u8, b2: u8| {
            let w = self.wide[u16::from_le_bytes([b0, b1]) as usize & (WIDE - 1)];
            w >> (b2 & 0x3F) & 1 != 0
        };
        loop {
            if let [b0, b1, b2, b3, b4, b5, tail @ ..] = rest {
                if !may(*b0, *b1, *b2) {
                    if !may(*b3, *b4, *b5) {
                        rest = tail;
                        continue;
                    }
                    rest = &rest[3..];
                }
                // a character of three bytes with a bit, or another
                if let [b0 @ 0xE0..=0xEF, b1, b2, tail @ ..] = rest {
                    let c = (*b0 as u32 & 0x0F) << 12 | (*b1 as u32 & 0x3F) << 6;
                    return Some((bytes.len() - rest.len(), c | (*b2 as u32 & 0x3F), 3, tail));
                }
            }
            // any other character, or one near the end: decoded and tested
            let at = bytes.len() - rest.len();
            let (c, n) = match *rest.first()? {
                x @ ..0x80 => (u32::from(x), 1),
                _ => decode_at(bytes, at),
            };
            let after = rest.get(n..).unwrap_or_default();
            if in_set(&self.present, c) {
                return Some((at, c, n, after));
            }
            rest = after;
        }
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
