//! Reading the built-in OpenCC dictionary groups in place: the layout `build.rs`
//! writes for each group of [`super::opencc_spec::GROUPS`] (a bit set of the BMP code
//! points with an entry, a two-level code-point table, a bit set of the hashed
//! first-two-character pairs of the longer keys, a pair hash table of them, the keys
//! sorted by pair, longest first, and the values; see
//! [`super::opencc_spec`]), viewed as typed `u16`/`u32` slices without a copy
//! ([`GroupView`]), and maximum forward matching over it ([`StaticMatches`], and
//! [`GroupView::convert_verbatim`] for OpenCC's own conversion, which copies the text
//! once and overwrites each match's key with its value in place, appending only after
//! a match that changes the length). [`super::opencc`]
//! builds its configurations from these groups.
//!
//! Also the count of the characters a walk changed ([`Tally`], and
//! [`changed_positionally`] for two texts), which `clean` shares.
//!
//! Cost per character: one bit of the group's set of BMP code points with an entry;
//! where it is set, one code-point table read (or, for a walk over much text, one
//! read of a table made for it at run time, [`Fused`]); where a longer key may
//! start, one pair-filter bit; where that bit is set, one pair-table probe and a
//! comparison with each key of that pair, longest first.

use super::opencc_spec;

#[cfg(test)]
mod appending;
mod fused;
mod tally;
pub(crate) use fused::{Fused, Lookup, Plain};
pub(crate) use tally::{changed_positionally, Tally};

/// Pages of [`opencc_spec::PAGE`] code points: `u16` entries of [`GroupTables::index`].
const PAGES: usize = 0x11_0000 / opencc_spec::PAGE;

/// `u64` words of [`GroupTables::present`]: one bit per BMP code point.
const PRESENT_WORDS: usize = 0x1_0000 / 64;

/// A set of BMP code points as [`GroupTables::present`] lays it out: bit `c % 64` of
/// word `c / 64`. (Words of 64 bits: for a character of three bytes `c / 64` is its
/// first two bytes' code bits and `c % 64` its last byte's, so the walk's test
/// of a character, [`next_present`], needs no whole code point.)
pub(crate) type BmpSet = [u64; PRESENT_WORDS];

/// An empty [`BmpSet`].
pub(crate) const EMPTY_BMP_SET: BmpSet = [0; PRESENT_WORDS];

/// Bytes aligned for reading as `u64`: the wrapper of every table `build.rs` writes,
/// so that [`GroupView`] can read them in place as typed slices.
#[repr(C, align(8))]
pub(crate) struct Aligned<B: ?Sized>(pub B);

/// One group's tables as `build.rs` wrote them (layout in [`opencc_spec::PAGE`] and
/// after; integers in the target's byte order), in the binary's read-only data.
pub(crate) struct GroupTables {
    /// One bit per code point of the Basic Multilingual Plane, set for those with an
    /// entry (bit `c % 64` of `u64` word `c / 64`; 8 KiB).
    pub(super) present: &'static Aligned<[u8]>,
    /// One `u16` per page of [`opencc_spec::PAGE`] code points: its block.
    pub(super) index: &'static Aligned<[u8]>,
    /// The pair filter ([`opencc_spec::PAIR_FILTER_BITS`]), `u32` words.
    pub(super) pair_filter: &'static Aligned<[u8]>,
    /// Blocks of `PAGE` `u32` entries (bit 31: a longer key starts here; the bits of
    /// [`opencc_spec::INDEX_MASK`]: one-character key's pair index + 1).
    pub(super) blocks: &'static Aligned<[u8]>,
    /// The pair hash table: slots of four `u32` (first char, second char, first and
    /// end index into `keys`).
    pub(super) pairs: &'static Aligned<[u8]>,
    /// The longer keys by pair, longest first: three `u32` a key (start and end in
    /// `key_text`, pair index).
    pub(super) keys: &'static Aligned<[u8]>,
    /// The longer keys' text, concatenated.
    pub(super) key_text: &'static str,
    /// The values concatenated.
    pub(super) values: &'static str,
    /// The end offset of each value in `values`, `u32`.
    pub(super) ends: &'static Aligned<[u8]>,
    /// Per pair from [`GroupTables::single_from`] on, `u32`: the UTF-8 of its value
    /// (the bytes of the `u32` in little-endian order, the rest 0; [`single_char`])
    /// when its key and its value are one character each and differ, else 0.
    pub(super) single: &'static Aligned<[u8]>,
    /// The first pair of [`GroupTables::single`]: the group's first pair with a
    /// one-character key (the pairs before it, phrases, have none).
    pub(super) single_from: u32,
}

/// A group's tables read in place as typed slices ([`GroupTables`] cast with
/// `bytemuck`: nothing is copied).
pub(crate) struct GroupView {
    present: &'static BmpSet,
    index: &'static [u16; PAGES],
    pair_filter: &'static [u32],
    blocks: &'static [u32],
    pairs: &'static [[u32; 4]],
    keys: &'static [[u32; 3]],
    key_text: &'static str,
    values: &'static str,
    ends: &'static [u32],
    single: &'static [u32],
    single_from: usize,
}

impl GroupView {
    /// The typed view of `t`. Panics only if `build.rs` wrote a table whose length is
    /// not a multiple of its item size, a page index of another length, or an entry of [`GroupTables::single`] with
    /// a lead byte of three that is not one character's UTF-8 (build bugs: the walk
    /// writes such an entry's three bytes as they are).
    pub(super) fn new(t: &'static GroupTables) -> GroupView {
        let present: &'static [u64] = bytemuck::cast_slice(&t.present.0);
        let single: &'static [u32] = bytemuck::cast_slice(&t.single.0);
        // (a three-byte lead: two continuation bytes, a code point of
        // `0x800..0x1_0000` outside the surrogates, so one character's UTF-8)
        for s in single.iter().map(|s| s.to_le_bytes()) {
            let c = (s[0] as u32 & 0x0F) << 12 | (s[1] as u32 & 0x3F) << 6 | (s[2] as u32 & 0x3F);
            let utf8 = s[1] & 0xC0 == 0x80 && s[2] & 0xC0 == 0x80;
            let three = utf8 && matches!(c, 0x800..0xD800 | 0xE000..0x1_0000);
            assert!(s[0] & 0xF0 != 0xE0 || three, "{s:?}");
        }
        GroupView {
            present: present.try_into().expect("a BMP bit set"),
            index: bytemuck::cast_slice(&t.index.0)
                .try_into()
                .expect("a page index"),
            pair_filter: bytemuck::cast_slice(&t.pair_filter.0),
            blocks: bytemuck::cast_slice(&t.blocks.0),
            pairs: bytemuck::cast_slice(&t.pairs.0),
            keys: bytemuck::cast_slice(&t.keys.0),
            key_text: t.key_text,
            values: t.values,
            ends: bytemuck::cast_slice(&t.ends.0),
            single,
            single_from: t.single_from as usize,
        }
    }

    /// The group's [`GroupTables::present`]: a character of the Basic Multilingual
    /// Plane without its bit has no entry, and a walk steps over it without reading
    /// [`GroupView::entry`].
    pub(super) fn present(&self) -> &'static BmpSet {
        self.present
    }

    /// The entry of `c` (see [`GroupTables::blocks`]).
    #[inline(always)]
    pub(super) fn entry(&self, c: u32) -> u32 {
        let c = c as usize;
        let block = match self.index.get(c / opencc_spec::PAGE) {
            Some(&b) if b != 0 => b as usize,
            _ => return 0,
        };
        self.blocks[block * opencc_spec::PAGE + c % opencc_spec::PAGE]
    }

    /// The range in `keys` of the longer keys starting with `a`, `b`.
    #[inline]
    fn pair_range(&self, a: u32, b: u32) -> Option<std::ops::Range<usize>> {
        let slots = self.pairs.len();
        let bits = slots.trailing_zeros();
        let mut s = opencc_spec::pair_slot(a, b, bits);
        loop {
            let [first, second, lo, hi] = self.pairs[s];
            if first == 0 {
                return None;
            }
            if first == a && second == b {
                return Some(lo as usize..hi as usize);
            }
            s = (s + 1) & (slots - 1);
        }
    }

    /// Longer key `j` of the sorted key table: its text and pair index.
    #[inline]
    fn key(&self, j: usize) -> (&'static str, u32) {
        let [a, b, i] = self.keys[j];
        (&self.key_text[a as usize..b as usize], i)
    }

    /// The number of pairs (values).
    #[cfg(test)]
    pub(super) fn pair_count(&self) -> usize {
        self.ends.len()
    }

    /// Value of pair `i`.
    #[inline]
    pub(super) fn value(&self, i: usize) -> &'static str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.values[start as usize..self.ends[i] as usize]
    }

    /// The UTF-8 of pair `i`'s one-character value, as [`GroupTables::single`] holds
    /// it (its bytes in order, then 0s; all 0 for any other pair).
    #[inline(always)]
    pub(super) fn single_utf8(&self, i: u32) -> [u8; 4] {
        let s = self.single.get((i as usize).wrapping_sub(self.single_from));
        s.copied().unwrap_or(0).to_le_bytes()
    }

    /// Append `text` converted to `out`, every match written as its value: the walk
    /// of [`StaticMatches`] over a copy of `text`, each match's value written over
    /// its key ([`GroupView::convert_verbatim_with`]).
    pub(super) fn convert_verbatim(&self, text: &str, out: &mut String) {
        let plain = self.plain();
        self.convert_verbatim_with(text, out, |_, _, _| {}, &plain, |_, _| {});
    }

    /// The group's own tables as a walk reads them ([`Lookup`]), asked about nothing.
    #[inline(always)]
    fn plain(&self) -> Plain<'static> {
        Plain {
            present: self.present,
            asked: None,
        }
    }

    /// [`GroupView::convert_verbatim`], its changes counted in `tally` (each match's
    /// key against its value, [`Tally::add`]).
    pub(super) fn convert_verbatim_counted(&self, text: &str, out: &mut String, tally: &mut Tally) {
        self.convert_verbatim_with(
            text,
            out,
            |m, i, one| {
                tally.count(one, text, m[0]..m[1], || self.value(i as usize));
            },
            &self.plain(),
            |_, _| {},
        );
    }

    /// [`GroupView::convert_verbatim`], recording each match whose value's length in
    /// bytes differs from its key's in `shifts` as `[end, output end]`, and each match
    /// of a pair below `below` (the pairs of a segmentation group that leads this one)
    /// in `phrases` as `[start, end, output start, output end]`: bytes of `text` and
    /// of `out`. (Between two shifting matches every byte of `text` is written at the
    /// same distance from its output offset, so they place any byte that is no match's
    /// inside; recording only them spares a record per character of Traditional
    /// text, where most matches are one character for one character of three bytes.)
    /// `seen` is called as [`GroupView::next_match_seeing`] says, with the sets of
    /// `sets` (its `present` the group's own set or a superset of it).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn convert_verbatim_marked(
        &self,
        text: &str,
        out: &mut String,
        below: u32,
        shifts: &mut Vec<[usize; 2]>,
        phrases: &mut Vec<[usize; 4]>,
        tally: &mut Tally,
        sets: &impl Lookup,
        seen: impl FnMut(usize, u32),
    ) {
        self.convert_verbatim_with(
            text,
            out,
            |m, i, one| {
                if m[1] - m[0] != m[3] - m[2] {
                    shifts.push([m[1], m[3]]);
                }
                if i < below {
                    phrases.push(m);
                }
                tally.count(one, text, m[0]..m[1], || self.value(i as usize));
            },
            sets,
            seen,
        );
    }

    /// The walk of [`GroupView::convert_verbatim`], calling `on_match` after each
    /// match's value is written with `[start, end, output start, output end]`, its
    /// pair index, and whether it wrote one character for another one
    /// ([`GroupTables::single`]), and `seen` as [`GroupView::next_match_seeing`]
    /// says with the sets of `sets`.
    ///
    /// Written in place: `text` is appended to `out` whole (one copy), and each match
    /// whose value is as long in bytes as its key (every match of most texts: a
    /// character of three bytes for another) overwrites its key's copy there; at the
    /// first match that changes the length, the copy is cut back to that match's
    /// start and the rest is written by appending (each stretch without a key copied,
    /// then each value). So a stretch without a key costs no copy call of its own,
    /// and the output, the calls of `on_match` and of `seen` are those of the
    /// appending walk (`GroupView::convert_verbatim_appending`, the tests' oracle:
    /// `the_walk_in_place_is_the_appending_walk`).
    #[inline(always)]
    #[allow(unsafe_code)]
    pub(super) fn convert_verbatim_with(
        &self,
        text: &str,
        out: &mut String,
        mut on_match: impl FnMut([usize; 4], u32, bool),
        sets: &impl Lookup,
        mut seen: impl FnMut(usize, u32),
    ) {
        let bytes = text.as_bytes();
        let base = out.len();
        out.reserve(text.len() + text.len() / 8);
        out.push_str(text);
        // (`appending`: since a match that changed the length, `text[..copied]`
        // converted is all of `out` past `base`)
        let (mut pos, mut copied, mut appending) = (0, 0, false);
        loop {
            // (most matches, while the copy is in place: one character of three bytes
            // for another, its bytes copied from the table over the key's copy within
            // the walk's loop, `one`; the rest returned)
            let one = |start: usize, i: u32, utf8: [u8; 4]| {
                // the value: its UTF-8 as the table holds it, without `encode_utf8`'s
                // cases (a lead byte of three: a character of three bytes)
                if appending || utf8[0] & 0xF0 != 0xE0 {
                    return false;
                }
                let o = base + start;
                // SAFETY: as below
                let written = unsafe { out.as_mut_vec() };
                let w = written
                    .get_mut(o..o + 3)
                    .and_then(|w| <&mut [u8; 3]>::try_from(w).ok());
                if let Some(w) = w {
                    w.copy_from_slice(&utf8[..3]);
                }
                on_match([start, start + 3, o, o + 3], i, true);
                true
            };
            let found = self.next_match_seeing(bytes, pos, sets, &mut seen, &mut { one });
            let Some((start, end, i)) = found else {
                break;
            };
            if appending && copied < start {
                out.push_str(&text[copied..start]);
            }
            // the value: one character of three bytes, another single character, or
            // the pair's value
            let utf8 = self.single_utf8(i);
            let three = utf8[0] & 0xF0 == 0xE0;
            let mut buf = [0; 4];
            let (value, one) = match three {
                true => ("", true),
                false => match single_char(utf8) {
                    Some(c) => (&*c.encode_utf8(&mut buf), true),
                    None => (self.value(i as usize), false),
                },
            };
            let n = if three { 3 } else { value.len() };
            if !appending && n != end - start {
                // the length changes: the copy cut back to here, appending from here on
                out.truncate(base + start);
                appending = true;
            }
            let o = if appending { out.len() } else { base + start };
            if appending {
                match single_char(utf8).filter(|_| three) {
                    Some(c) => out.push(c),
                    None => out.push_str(value),
                }
            } else {
                // SAFETY: `out[o..o + n]` is the copy of `text[start..end]`, one key,
                // which starts and ends at character boundaries; it is overwritten
                // with the UTF-8 of the value, as long: one character of three bytes
                // (`utf8[..3]`, the UTF-8 of one character: `GroupView::new` checks
                // every entry of `single` with a lead byte of three) or `value`, a
                // `str`; so `out` stays valid UTF-8.
                let written = unsafe { out.as_mut_vec() };
                match written.get_mut(o..o + n) {
                    Some([w0, w1, w2]) if three => [*w0, *w1, *w2] = [utf8[0], utf8[1], utf8[2]],
                    Some(w) => w.copy_from_slice(value.as_bytes()),
                    None => unreachable!("a key of `text` is in its copy"),
                }
            }
            on_match([start, end, o, o + n], i, one);
            (pos, copied) = (end, end);
        }
        if appending {
            out.push_str(&text[copied..]);
        }
    }

    /// The first match at or after byte `pos` of `bytes` (valid UTF-8, `pos` at a
    /// character boundary): its start and end (bytes) and pair index, the longest key
    /// at the leftmost position that has one. The characters are decoded from the
    /// bytes ([`decode_at`]: the input is a `str`, so without validation), and one
    /// without an entry costs one bit of [`GroupTables::present`].
    #[inline(always)]
    fn next_match(&self, bytes: &[u8], pos: usize) -> Option<(usize, usize, u32)> {
        let plain = self.plain();
        self.next_match_seeing(bytes, pos, &plain, &mut |_, _| {}, &mut |_, _, _| false)
    }

    /// [`GroupView::next_match`], stepping over the characters without a bit in the
    /// set `present` of `sets` (the group's own [`GroupTables::present`], or a
    /// superset of it: a character of the superset without an entry is passed as one
    /// without), and calling `seen` with the byte offset and the code point of every
    /// character beyond the BMP or in the set `asked` of `sets` (a part of `present`)
    /// that the walk passes up to the match's end (those of a match of a longer key
    /// after its first included), in order: so every such character of
    /// `bytes[pos..end]` is seen, once, and the others cost `seen` nothing. With
    /// `asked` `None` (a walk that sees nothing) nothing is seen, and a longer key's
    /// other characters are not decoded again. A character of three bytes is read
    /// as `sets` says ([`Lookup::look3`]).
    ///
    /// A match of a one-character key of three bytes is first offered to `one`, with
    /// its start, pair index and the UTF-8 of its value ([`Lookup::look3`]): when
    /// `one` takes it (returns `true`, having written it) the walk goes on to the
    /// next match without returning.
    #[inline(always)]
    fn next_match_seeing(
        &self,
        bytes: &[u8],
        mut pos: usize,
        sets: &impl Lookup,
        seen: &mut impl FnMut(usize, u32),
        one: &mut impl FnMut(usize, u32, [u8; 4]) -> bool,
    ) -> Option<(usize, usize, u32)> {
        // (the bytes after the character last tested: no bounds test on the way back
        // to the loop's start)
        let mut rest = bytes.get(pos..)?;
        loop {
            let (start, a, n, after) = sets.next_present(bytes, rest)?;
            (pos, rest) = (start + n, after);
            // (most characters, as `sets` may tell at once: one written as another)
            if let (3, Some((i, utf8))) = (n, sets.simple3(self, a)) {
                if one(start, i, utf8) {
                    continue;
                }
            }
            let (asked, e, utf8) = match n {
                3 => sets.look3(self, a),
                _ => {
                    let asked = sets.asked().is_some_and(|s| in_set(s, a));
                    (asked, self.entry(a), [0; 4])
                }
            };
            if asked {
                seen(start, a);
            }
            if e == 0 {
                continue;
            }
            if e & opencc_spec::PHRASE_START != 0 && pos < bytes.len() {
                if let Some((end, i)) = self.longer_key(bytes, start, a, pos) {
                    // the key's other characters, which the walk steps over
                    if let Some(asked) = sets.asked() {
                        let mut q = pos;
                        while q < end {
                            let (c, n) = decode_at(bytes, q);
                            if in_set(asked, c) {
                                seen(q, c);
                            }
                            q += n;
                        }
                    }
                    return Some((start, end, i));
                }
            }
            let i = e & opencc_spec::INDEX_MASK;
            if i != 0 && !(n == 3 && one(start, i - 1, utf8)) {
                return Some((start, pos, i - 1));
            }
        }
    }

    /// The longest key of two or more characters at byte `start` of `bytes`, whose
    /// first character is `a` and whose second starts at byte `next`: its end and pair
    /// index.
    /// (The pair filter, which lets almost every pair go, is tested in the walk's
    /// loop; the search behind it is out of line.)
    #[inline(always)]
    fn longer_key(&self, bytes: &[u8], start: usize, a: u32, next: usize) -> Option<(usize, u32)> {
        let (b, _) = decode_at(bytes, next);
        let f = opencc_spec::pair_slot(a, b, opencc_spec::PAIR_FILTER_BITS);
        if self.pair_filter.get(f / 32)? & (1 << (f % 32)) == 0 {
            return None;
        }
        self.longer_key_of_pair(bytes, start, a, b)
    }

    /// [`GroupView::longer_key`] past its pair filter: the longest key of the pair
    /// `a`, `b` at byte `start` of `bytes`.
    #[inline(never)]
    fn longer_key_of_pair(
        &self,
        bytes: &[u8],
        start: usize,
        a: u32,
        b: u32,
    ) -> Option<(usize, u32)> {
        let rest = &bytes[start..];
        self.pair_range(a, b)?.find_map(|j| {
            let (k, i) = self.key(j);
            rest.starts_with(k.as_bytes()).then(|| (start + k.len(), i))
        })
    }

    /// Call `f` with every pair of the group, its key and its value: the
    /// one-character keys by code point, then the longer keys by pair.
    pub(super) fn for_each_pair(&self, mut f: impl FnMut(&str, &'static str)) {
        const PAGE: usize = opencc_spec::PAGE;
        for (page, &b) in self.index.iter().enumerate().filter(|(_, &b)| b != 0) {
            let block = &self.blocks[b as usize * PAGE..][..PAGE];
            for (k, &e) in block.iter().enumerate() {
                let i = e & opencc_spec::INDEX_MASK;
                if i == 0 {
                    continue;
                }
                if let Some(c) = char::from_u32((page * PAGE + k) as u32) {
                    f(c.encode_utf8(&mut [0; 4]), self.value(i as usize - 1));
                }
            }
        }
        self.for_each_longer_pair(f);
    }

    /// Call `f` with every pair of the group whose key has two or more characters,
    /// by pair (the second half of [`GroupView::for_each_pair`]).
    pub(super) fn for_each_longer_pair(&self, mut f: impl FnMut(&str, &'static str)) {
        for j in 0..self.keys.len() {
            let (k, i) = self.key(j);
            f(k, self.value(i as usize));
        }
    }

    /// Bytes of the tables in the binary.
    pub(super) fn bytes(&self) -> usize {
        self.index.len() * 2
            + self.pair_filter.len() * 4
            + self.blocks.len() * 4
            + self.pairs.len() * 16
            + self.keys.len() * 12
            + self.key_text.len()
            + self.values.len()
            + self.ends.len() * 4
            + self.single.len() * 4
            + std::mem::size_of_val(self.present)
    }
}

/// The first character of `rest` (the bytes of `bytes`, valid UTF-8, from a
/// character boundary to the end) that is beyond the BMP or has a bit in `present`
/// ([`in_set`]): its start in `bytes`, code point, length in bytes ([`decode_at`])
/// and the bytes after it; `None` at the end. The walk's first test of every character
/// ([`GroupView::next_match_seeing`]), in a loop of its own whose few values stay in
/// registers, a character of three bytes (Chinese) decoded in place: one without a
/// bit (half of a Traditional text) costs some twenty instructions, not forty.
#[inline(always)]
fn next_present<'b>(
    bytes: &'b [u8],
    mut rest: &'b [u8],
    present: &BmpSet,
) -> Option<(usize, u32, usize, &'b [u8])> {
    // (`rest`, the bytes from the character on: one length test a character of three
    // bytes)
    loop {
        // two characters of three bytes: one length test for both
        if let [b0 @ 0xE0..=0xEF, b1, b2, b3 @ 0xE0..=0xEF, b4, b5, tail @ ..] = rest {
            let word = (*b0 as usize & 0x0F) << 6 | (*b1 as usize & 0x3F);
            if present[word] >> (*b2 & 0x3F) & 1 != 0 {
                let c = (word as u32) << 6 | (*b2 as u32 & 0x3F);
                return Some((bytes.len() - rest.len(), c, 3, &rest[3..]));
            }
            let word = (*b3 as usize & 0x0F) << 6 | (*b4 as usize & 0x3F);
            if present[word] >> (*b5 & 0x3F) & 1 != 0 {
                let c = (word as u32) << 6 | (*b5 as u32 & 0x3F);
                return Some((bytes.len() - rest.len() + 3, c, 3, tail));
            }
            rest = tail;
            continue;
        }
        if let [b0 @ 0xE0..=0xEF, b1, b2, tail @ ..] = rest {
            // the word of the code point `c` is `c / 64`, the code bits of the first
            // two bytes (below `PRESENT_WORDS`: no bounds check), and its bit `c % 64`,
            // those of the last byte
            let word = (*b0 as usize & 0x0F) << 6 | (*b1 as usize & 0x3F);
            if present[word] >> (*b2 & 0x3F) & 1 != 0 {
                let c = (word as u32) << 6 | (*b2 as u32 & 0x3F);
                return Some((bytes.len() - rest.len(), c, 3, tail));
            }
            rest = tail;
            continue;
        }
        let at = bytes.len() - rest.len();
        let (c, n) = match *rest.first()? {
            x @ ..0x80 => (u32::from(x), 1),
            _ => decode_at(bytes, at),
        };
        let after = rest.get(n..).unwrap_or_default();
        if in_set(present, c) {
            return Some((at, c, n, after));
        }
        rest = after;
    }
}

/// The character of a [`GroupTables::single`] entry's bytes (its UTF-8, then 0s);
/// `None` for 0 (no such character).
#[inline]
fn single_char(utf8: [u8; 4]) -> Option<char> {
    let n = match utf8[0] {
        0 => return None,
        1..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    };
    std::str::from_utf8(&utf8[..n]).ok()?.chars().next()
}

/// Whether code point `c` is beyond the BMP or in `set`.
#[inline(always)]
pub(crate) fn in_set(set: &BmpSet, c: u32) -> bool {
    c >= 0x1_0000 || set[c as usize / 64] >> (c % 64) & 1 != 0
}

/// Add code point `c` to `set` (one beyond the BMP has no bit: [`in_set`] takes
/// every such code point).
#[inline]
pub(crate) fn insert(set: &mut BmpSet, c: u32) {
    if let Some(w) = set.get_mut(c as usize / 64) {
        *w |= 1 << (c % 64);
    }
}

/// Add the code points of `other` to `set`.
pub(crate) fn union(set: &mut BmpSet, other: &BmpSet) {
    for (w, x) in set.iter_mut().zip(other) {
        *w |= x;
    }
}

/// Maximum forward matching over a group's static tables: at each position the
/// longest key starting there (a key of two or more characters is looked up only when
/// the character's entry says one starts with it, then by the pair of the first two
/// characters), else the position's one-character key, else nothing. The same matches
/// as a leftmost-longest automaton over the keys.
pub(super) struct StaticMatches<'s> {
    t: &'s GroupView,
    text: &'s str,
    pos: usize,
}

/// The code point starting at byte `i` of `bytes` (valid UTF-8, `i` at a character
/// boundary) and its length in bytes.
#[inline(always)]
fn decode_at(bytes: &[u8], i: usize) -> (u32, usize) {
    match bytes[i..] {
        [b0, ..] if b0 < 0x80 => (b0 as u32, 1),
        [b0, b1, b2, ..] if (0xE0..0xF0).contains(&b0) => (
            (b0 as u32 & 0x0F) << 12 | (b1 as u32 & 0x3F) << 6 | (b2 as u32 & 0x3F),
            3,
        ),
        [b0, b1, ..] if b0 < 0xE0 => ((b0 as u32 & 0x1F) << 6 | (b1 as u32 & 0x3F), 2),
        [b0, b1, b2, b3, ..] => (
            (b0 as u32 & 0x07) << 18
                | (b1 as u32 & 0x3F) << 12
                | (b2 as u32 & 0x3F) << 6
                | (b3 as u32 & 0x3F),
            4,
        ),
        // not at a character boundary of valid UTF-8: one byte, no key
        _ => (0, 1),
    }
}

impl<'s> StaticMatches<'s> {
    /// The matches of `t` in `text`, from its start.
    pub(super) fn new(t: &'s GroupView, text: &'s str) -> Self {
        StaticMatches { t, text, pos: 0 }
    }
}

impl<'s> Iterator for StaticMatches<'s> {
    /// `(start, end, pair index, value)`, byte offsets.
    type Item = (usize, usize, u32, &'static str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let Some((start, end, i)) = self.t.next_match(self.text.as_bytes(), self.pos) else {
            self.pos = self.text.len();
            return None;
        };
        self.pos = end;
        Some((start, end, i, self.t.value(i as usize)))
    }
}

#[cfg(test)]
mod tests;
