//! Reading the built-in OpenCC dictionary groups in place: the layout `build.rs`
//! writes for each group of [`super::opencc_spec::GROUPS`] (a two-level code-point
//! table, a pair hash table of the first two characters of the longer keys, the keys
//! sorted by pair, longest first, and the values; see [`super::opencc_spec`]) and
//! maximum forward matching over it ([`StaticMatches`]). [`super::opencc`] builds its
//! configurations from these groups.
//!
//! Cost per character: one code-point table read; where a longer key may start, one
//! pair-table probe and a comparison with each key of that pair, longest first.

use super::opencc_spec;

/// One group's tables as `build.rs` wrote them (layout in [`opencc_spec::PAGE`] and
/// after), in the binary's read-only data.
pub(crate) struct GroupTables {
    /// One `u16` LE per page of [`opencc_spec::PAGE`] code points: its block.
    pub(super) index: &'static [u8],
    /// Blocks of `PAGE` `u32` LE entries (bit 31: a longer key starts here; low bits:
    /// one-character key's pair index + 1).
    pub(super) blocks: &'static [u8],
    /// The pair hash table: slots of four `u32` LE (first char, second char, first and
    /// end index into `keys`).
    pub(super) pairs: &'static [u8],
    /// The longer keys by pair, longest first: three `u32` LE a key (start and end in
    /// `key_text`, pair index).
    pub(super) keys: &'static [u8],
    /// The longer keys' text, concatenated.
    pub(super) key_text: &'static str,
    /// The values concatenated.
    pub(super) values: &'static str,
    /// The end offset of each value in `values`, `u32` LE.
    pub(super) ends: &'static [u8],
}

/// The little-endian `u32` at `u32` index `i` of `bytes`.
#[inline(always)]
fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

impl GroupTables {
    /// The entry of `c` (see [`GroupTables::blocks`]).
    #[inline(always)]
    fn entry(&self, c: u32) -> u32 {
        let c = c as usize;
        let page = c / opencc_spec::PAGE;
        let block = u16::from_le_bytes([self.index[2 * page], self.index[2 * page + 1]]);
        if block == 0 {
            return 0;
        }
        u32_at(
            self.blocks,
            block as usize * opencc_spec::PAGE + c % opencc_spec::PAGE,
        )
    }

    /// The range in `keys` of the longer keys starting with `a`, `b`.
    #[inline]
    fn pair_range(&self, a: u32, b: u32) -> Option<std::ops::Range<usize>> {
        let slots = self.pairs.len() / 16;
        let bits = slots.trailing_zeros();
        let mut s = opencc_spec::pair_slot(a, b, bits);
        loop {
            let first = u32_at(self.pairs, 4 * s);
            if first == 0 {
                return None;
            }
            if first == a && u32_at(self.pairs, 4 * s + 1) == b {
                let lo = u32_at(self.pairs, 4 * s + 2) as usize;
                let hi = u32_at(self.pairs, 4 * s + 3) as usize;
                return Some(lo..hi);
            }
            s = (s + 1) & (slots - 1);
        }
    }

    /// Longer key `j` of the sorted key table: its text and pair index.
    #[inline]
    fn key(&self, j: usize) -> (&'static str, u32) {
        let (a, b) = (u32_at(self.keys, 3 * j), u32_at(self.keys, 3 * j + 1));
        (
            &self.key_text[a as usize..b as usize],
            u32_at(self.keys, 3 * j + 2),
        )
    }

    /// Value of pair `i`.
    #[inline]
    fn value(&self, i: usize) -> &'static str {
        let start = if i == 0 { 0 } else { u32_at(self.ends, i - 1) };
        &self.values[start as usize..u32_at(self.ends, i) as usize]
    }

    /// Bytes of the tables in the binary.
    pub(super) fn bytes(&self) -> usize {
        self.index.len()
            + self.blocks.len()
            + self.pairs.len()
            + self.keys.len()
            + self.key_text.len()
            + self.values.len()
            + self.ends.len()
    }
}

/// Maximum forward matching over a group's static tables: at each position the
/// longest key starting there (a key of two or more characters is looked up only when
/// the character's entry says one starts with it, then by the pair of the first two
/// characters), else the position's one-character key, else nothing. The same matches
/// as a leftmost-longest automaton over the keys.
pub(super) struct StaticMatches<'s> {
    t: &'static GroupTables,
    text: &'s str,
    pos: usize,
}

/// The code point starting at byte `i` of `bytes` (valid UTF-8, `i` at a character
/// boundary) and its length in bytes.
#[inline(always)]
fn decode_at(bytes: &[u8], i: usize) -> (u32, usize) {
    let b0 = bytes[i] as u32;
    if b0 < 0x80 {
        return (b0, 1);
    }
    let cont = |k: usize| (bytes[i + k] & 0x3F) as u32;
    if b0 < 0xE0 {
        ((b0 & 0x1F) << 6 | cont(1), 2)
    } else if b0 < 0xF0 {
        ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        (
            (b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
            4,
        )
    }
}

impl<'s> StaticMatches<'s> {
    /// The matches of `t` in `text`, from its start.
    pub(super) fn new(t: &'static GroupTables, text: &'s str) -> Self {
        StaticMatches { t, text, pos: 0 }
    }
}

impl<'s> Iterator for StaticMatches<'s> {
    /// `(start, end, pair index, value)`, byte offsets.
    type Item = (usize, usize, u32, &'static str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        let t = self.t;
        let mut pos = self.pos;
        while pos < bytes.len() {
            let start = pos;
            let (a, len) = decode_at(bytes, start);
            pos += len;
            let e = t.entry(a);
            if e == 0 {
                continue;
            }
            if e & opencc_spec::PHRASE_START != 0 && pos < bytes.len() {
                let (b, _) = decode_at(bytes, pos);
                if let Some(range) = t.pair_range(a, b) {
                    let rest = &bytes[start..];
                    for j in range {
                        let (k, i) = t.key(j);
                        if rest.starts_with(k.as_bytes()) {
                            self.pos = start + k.len();
                            return Some((start, self.pos, i, t.value(i as usize)));
                        }
                    }
                }
            }
            let i = e & !opencc_spec::PHRASE_START;
            if i != 0 {
                self.pos = pos;
                return Some((start, pos, i - 1, t.value(i as usize - 1)));
            }
        }
        self.pos = pos;
        None
    }
}
