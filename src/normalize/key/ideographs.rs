//! The key pass's fast paths for the ideographs of U+4E00–9FFF (most characters
//! of Chinese text): a run of them decoded from their three UTF-8 bytes and looked
//! up in one table of flag bytes and folds ([`Ideographs`]), with the keys and
//! counts [`super::key_pass`] gives each character on its own; and for the
//! punctuation between them, which the key drops ([`Ideographs::dropped`]).

use super::tally::{tally_byte, FLAG_FIELDS};
use super::{fold, KeySink, Tally};
use crate::normalize::script::ScriptTables;

/// Most ideographs [`ideograph_run`] keys before it hands them to the sink: the
/// length of its buffer.
pub(super) const RUN: usize = 32;

/// A buffer of [`RUN`] key characters, which [`ideograph_run`] fills and hands to
/// the sink ([`KeySink::put_run`]); one per key pass, made once.
pub(super) type RunBuffer = [char; RUN];

/// The run of ideographs of U+4E00–9FFF that starts at byte `at` of the UTF-8
/// text `b`, keyed into `out` and counted into `tally` as
/// [`key_pass`](super::key_pass) keys each: the byte offset past the run and its
/// number of characters (0 when `b[at]` starts no such ideograph). Each is three
/// bytes, looked up in the tables of [`Ideographs`] (their [`Ideographs::parts`]),
/// [`RUN`] at a time: their folds into `buf`, handed to the sink at once
/// ([`KeySink::put_run`]: what `at` and `put` of each in turn do), their flags'
/// [`FLAG_FIELDS`] summed and counted at once ([`Tally::ideographs`]). The same
/// keys, offsets and counts as keying each on its own
/// (`ideograph_run_one_at_a_time`, the test oracle).
#[inline(always)]
pub(super) fn ideograph_run<S: KeySink, T: Tally>(
    table: Parts<'_>,
    b: &[u8],
    at: usize,
    out: &mut S,
    tally: &mut T,
    buf: &mut RunBuffer,
) -> (usize, usize) {
    if let Some(keys) = out.run_keys() {
        let (i, n, hints) = run_into(table, b, at, keys, tally);
        if S::HINTS && hints & HINTED != 0 {
            out.hinted(n);
        }
        return (i, n);
    }
    let mut i = at;
    loop {
        let (from, mut n, mut fields, mut hints) = (i, 0, 0u64, 0u8);
        while n < RUN {
            let Some(&[x, y, z]) = b.get(i..i + 3) else {
                break;
            };
            let Some(k) = ideograph_index(x, y, z) else {
                break;
            };
            let (flag, fold) = entry(table, k);
            if T::COUNTS {
                fields += FLAG_FIELDS[usize::from(flag)];
            }
            if S::HINTS {
                hints |= flag;
            }
            buf[n] = fold;
            n += 1;
            i += 3;
        }
        if n == 0 {
            break;
        }
        tally.ideographs(fields);
        out.put_run(from, &buf[..n]);
        if S::HINTS && hints & HINTED != 0 {
            out.hinted(n);
        }
        if n < RUN {
            break;
        }
    }
    (i, (i - at) / 3)
}

/// [`ideograph_run`] into a sink's own vector of key characters
/// ([`KeySink::run_keys`]): [`RUN`] slots at a time (fewer near the text's end)
/// made room for at its end and
/// the folds written into its spare capacity, the vector's length then set past
/// the slots written, so the keys need no buffer and no copy (which cost a call of
/// `memcpy` per run; the one `unsafe` is that length). The byte
/// offset past the run, its number of ideographs and the flag bytes of its
/// ideographs or'ed (for
/// [`HINTED`]); the keys and counts are [`ideograph_run`]'s through
/// [`KeySink::put_run`] (compared in the tests).
///
/// Each character is read as one four-byte load, its three bytes and the next
/// one ([`utf8_key`] of the first three); a character that ends the text, with no
/// byte after it, is read as three.
#[inline(always)]
fn run_into<T: Tally>(
    table: Parts<'_>,
    b: &[u8],
    at: usize,
    keys: &mut Vec<char>,
    tally: &mut T,
) -> (usize, usize, u8) {
    let (mut i, mut total, mut all) = (at, 0, 0u8);
    loop {
        // (room for no more than the text's rest can fill: a vector made with
        // the capacity a text of ideographs needs is not grown for slots never
        // written, which cost a reallocation per document of a batch of short ones;
        // the rest is measured only when the spare room is short of [`RUN`], and
        // the reservation is then the one a reservation every step would make)
        if keys.capacity() - keys.len() < RUN {
            reserve_for_rest(keys, b.len().saturating_sub(i));
        }
        let len = keys.len();
        let spare = keys.spare_capacity_mut();
        let m = spare.len().min(RUN);
        let Some(room) = spare.get_mut(..m) else {
            unreachable!("`m` is at most the spare room's length")
        };
        let (mut fields, mut hints) = (0u64, 0u8);
        // (the slots in turn, each with the text's next three bytes, the start of
        // `rest`; room short of [`RUN`] holds the text's rest)
        let from = b.get(i..).unwrap_or_default();
        let mut rest = from;
        for slot in room.iter_mut() {
            let key = if let Some((&w, _)) = rest.split_first_chunk::<4>() {
                u32::from_be_bytes(w) >> 8
            } else if let &[x, y, z] = rest {
                utf8_key(x, y, z)
            } else {
                break;
            };
            let Some(k) = ideograph_key_index(key) else {
                break;
            };
            let (flag, fold) = entry(table, k);
            if T::COUNTS {
                fields += FLAG_FIELDS[usize::from(flag)];
            }
            hints |= flag;
            slot.write(fold);
            rest = rest.get(3..).unwrap_or_default();
        }
        let n = (from.len() - rest.len()) / 3;
        i += 3 * n;
        total += n;
        // SAFETY: the first `n` slots of the spare room (`room[..n]`, `n` ≤ `m`,
        // all reserved) were written in the loop: the vector's first
        // `len + n` elements are initialised `char`s
        #[allow(unsafe_code)]
        unsafe {
            keys.set_len(len + n)
        };
        if n == 0 {
            break;
        }
        tally.ideographs(fields);
        all |= hints;
        // (fewer than [`RUN`] written: the run ended, or the text did, room short
        // of [`RUN`] holding all of its rest)
        if n < RUN {
            break;
        }
    }
    (i, total, all)
}

/// Make room in `keys` for the ideographs of a text's `rest` bytes, [`RUN`] of
/// them at most (out of line: [`run_into`] asks it only when its spare room is
/// short of [`RUN`]).
#[cold]
#[inline(never)]
fn reserve_for_rest(keys: &mut Vec<char>, rest: usize) {
    keys.reserve(RUN.min(rest / 3));
}

/// The three UTF-8 bytes `x, y, z` as one number, `x << 16 | y << 8 | z`.
#[inline(always)]
fn utf8_key(x: u8, y: u8, z: u8) -> u32 {
    u32::from_be_bytes([0, x, y, z])
}

/// The first [`utf8_key`] of an ideograph of U+4E00–9FFF, U+4E00's `E4 B8 80`.
const FIRST_KEY: u32 = 0xE4_B8_80;

/// The slots of [`Ideographs`]: one per [`utf8_key`] from [`FIRST_KEY`] to
/// U+9FFF's, `E9 BF BF` (those whose bytes are no UTF-8 are never read).
const SLOTS: usize = (0xE9_BF_BF - FIRST_KEY + 1) as usize;

/// The slot in [`Ideographs`] of the character whose three UTF-8 bytes, as
/// [`utf8_key`], are `key` (at a character boundary of valid UTF-8), or `None`
/// when it is no ideograph of U+4E00–9FFF: one subtraction and one unsigned
/// compare. A lead byte E4–E9 is followed by two continuation bytes (80–BF), so
/// the keys from [`FIRST_KEY`] to `E9 BF BF` are exactly those of U+4E00–9FFF;
/// any other lead byte gives a key below (ASCII, two-byte leads, E0–E3 and U+4000–
/// 4DFF's E4 80 80 – E4 B7 BF: the difference wraps, far out of range) or above
/// (EA–EF, four-byte leads). Tested for every lead byte and continuation.
#[inline(always)]
fn ideograph_key_index(key: u32) -> Option<usize> {
    let k = key.wrapping_sub(FIRST_KEY) as usize;
    (k < SLOTS).then_some(k)
}

/// The slot in [`Ideographs`] of the character whose UTF-8 bytes start with
/// `x, y, z` (three bytes at a character boundary of valid UTF-8), or `None` when
/// it is no ideograph of U+4E00–9FFF ([`ideograph_key_index`] of their
/// [`utf8_key`]).
#[inline(always)]
pub(super) fn ideograph_index(x: u8, y: u8, z: u8) -> Option<usize> {
    ideograph_key_index(utf8_key(x, y, z))
}

/// The slot of ideograph `c` (of U+4E00–9FFF) in [`Ideographs`]: its UTF-8
/// bytes' [`utf8_key`] less [`FIRST_KEY`] (distinct ideographs, distinct slots).
fn slot(c: char) -> usize {
    let mut b = [0; 4];
    c.encode_utf8(&mut b);
    let [x, y, z, _] = b;
    (utf8_key(x, y, z) - FIRST_KEY) as usize
}

/// [`ideograph_run`] as it was: each ideograph decoded, located, counted and
/// keyed on its own. The test oracle.
#[cfg(test)]
fn ideograph_run_one_at_a_time<S: KeySink>(
    table: Parts<'_>,
    b: &[u8],
    at: usize,
    out: &mut S,
    tally: &mut impl Tally,
) -> (usize, usize) {
    let mut rest = b.get(at..).unwrap_or_default();
    while let [x @ 0xE4..=0xE9, y, z, tail @ ..] = rest {
        let cp = u32::from(x & 0x0F) << 12 | u32::from(y & 0x3F) << 6 | u32::from(z & 0x3F);
        if !(0x4E00..=0x9FFF).contains(&cp) {
            break;
        }
        let i = slot(char::from_u32(cp).unwrap_or_default());
        out.at(b.len() - rest.len());
        let (flag, fold) = entry(table, i);
        tally.ideographs(FLAG_FIELDS[usize::from(flag)]);
        out.put(fold);
        rest = tail;
    }
    let past = b.len() - rest.len();
    (past, (past - at) / 3)
}

/// The bit of a flag byte of [`Ideographs`] set for an ideograph whose key character
/// is a caption hint's (`detect::evidence::is_key_hint_char`), for the sinks that ask
/// ([`KeySink::HINTS`]); it is [`FOLD`](crate::normalize::script_spec::FOLD), which
/// no tally byte holds, so [`FLAG_FIELDS`] counts nothing for it.
const HINTED: u8 = crate::normalize::script_spec::FOLD;

/// The tally byte ([`tally_byte`]: the counted bits of [`ScriptTables::flag`], and
/// [`HINTED`]) and Simplified fold ([`fold`]) of every ideograph of U+4E00–9FFF,
/// in the slot of its UTF-8 bytes ([`ideograph_index`], so that a character's
/// three bytes, read as one number, give its slot with no decoding: `'\0'` in the
/// slots of byte triples that are no UTF-8, never read; 2 × 330 K characters,
/// 2.6 MB, written `'\0'` once, of which only the ideographs' cache lines are
/// read), read once from the process' tables: one load each in
/// [`ideograph_run`], with no bounds test.
pub(super) struct Ideographs {
    /// The folds, then the flag bytes (as characters: one table, whose two
    /// halves the key loop reaches from one register).
    slots: Box<[char; 2 * SLOTS]>,
    /// One bit per code point of the Basic Multilingual Plane: set for a
    /// punctuation or invisible character the key drops (not a digit) in the
    /// blocks of U+2000–3FFF and U+F000–FFFF (general and CJK punctuation,
    /// full-width forms: most characters of Chinese text but the ideographs), clear
    /// for every other ([`Ideographs::dropped`]).
    dropped: Box<[u64; DROPPED_WORDS]>,
}

/// Words of [`Ideographs::dropped`]: a bit per code point below U+10000.
const DROPPED_WORDS: usize = 0x1_0000 / 64;

/// The blocks of U+2000–3FFF and U+F000–FFFF that hold a character [`drops`] is
/// true of: general punctuation, arrows to dingbats, CJK symbols and punctuation
/// with kana's middle dot, and the vertical, small and half/full-width forms.
const DROPPED_BLOCKS: [std::ops::Range<u32>; 3] =
    [0x2000..0x2800, 0x3000..0x3100, 0xFE00..0x1_0000];

/// Whether the key drops three-byte character `cp` (of U+2000–3FFF or U+F000–FFFF)
/// as punctuation or an invisible character, and it is no digit.
fn drops(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(|c| {
        (crate::chars::is_key_punct(c) || crate::chars::is_key_invisible(c))
            && !super::is_key_digit(c)
    })
}

/// The flag bytes and folds of [`Ideographs`], borrowed.
pub(super) type Parts<'t> = &'t [char; 2 * SLOTS];

/// The flag byte and fold of slot `k` of the table `table` ([`Ideographs::parts`]).
#[inline(always)]
fn entry(table: Parts<'_>, k: usize) -> (u8, char) {
    // (a flag byte is held as the character of its value)
    (table[SLOTS + k] as u32 as u8, table[k])
}

impl Ideographs {
    /// The table of the process' tables ([`ScriptTables::get`], the only tables
    /// there are), built on first use.
    #[inline]
    pub(super) fn get() -> &'static Ideographs {
        static TABLE: std::sync::OnceLock<Ideographs> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| Ideographs::new(ScriptTables::get()))
    }

    /// Its flag bytes and folds.
    #[inline(always)]
    pub(super) fn parts(&self) -> Parts<'_> {
        &self.slots
    }

    /// The three-byte character at byte `at` of the UTF-8 text `b` (a character
    /// boundary), decoded, and whether the key drops it as its bit of
    /// [`Ideographs::dropped`] says (a punctuation mark of U+2000–3FFF or
    /// U+F000–FFFF); `None` when no three-byte character starts there. A character
    /// kept is then not decoded again ([`super::key_pass`]).
    #[inline(always)]
    pub(super) fn three(&self, b: &[u8], at: usize) -> Option<(char, bool)> {
        // (the rest of the text, not `at..at + 3`: no test of the sum's overflow)
        let &[x @ 0xE0..=0xEF, y, z, ..] = b.get(at..)? else {
            return None;
        };
        let cp = u32::from(x & 0x0F) << 12 | u32::from(y & 0x3F) << 6 | u32::from(z & 0x3F);
        let word = self.dropped[(cp >> 6) as usize];
        Some((char::from_u32(cp)?, word >> (cp & 63) & 1 != 0))
    }

    /// The three-byte character at byte `at` of `b` when the key drops it
    /// ([`Ideographs::three`]), else `None`.
    #[cfg(test)]
    pub(super) fn dropped(&self, b: &[u8], at: usize) -> Option<char> {
        self.three(b, at)
            .filter(|&(_, dropped)| dropped)
            .map(|(c, _)| c)
    }

    fn new(tables: &ScriptTables) -> Ideographs {
        let mut dropped = Box::new([0u64; DROPPED_WORDS]);
        // (only the blocks that hold such a character: built at first use, a walk of
        // all 16,384 code points cost 1.8 M instructions of a one-line run's start;
        // `dropped_blocks_hold_every_dropped_character` checks the rest has none)
        for cp in DROPPED_BLOCKS.into_iter().flatten() {
            dropped[(cp >> 6) as usize] |= u64::from(drops(cp)) << (cp & 63);
        }
        let mut slots = vec!['\0'; 2 * SLOTS];
        let (folds, flags) = slots.split_at_mut(SLOTS);
        // (64 code points at a time, U+4E00 being a multiple of 64: theirs are 64
        // consecutive slots, the last byte's 80–BF)
        for block in (0x4E00..0xA000).step_by(64) {
            let at = slot(char::from_u32(block).unwrap_or_default());
            let (Some(fold_slots), Some(flag_slots)) =
                (folds.get_mut(at..at + 64), flags.get_mut(at..at + 64))
            else {
                unreachable!("a block of ideographs is 64 slots of the tables")
            };
            let chars = (block..block + 64).map(|cp| char::from_u32(cp).unwrap_or_default());
            for ((fold_slot, flag_slot), c) in fold_slots.iter_mut().zip(flag_slots).zip(chars) {
                let f = tables.flag(c);
                let folded = fold(tables, c, f);
                let hinted = crate::detect::evidence::is_key_hint_char(folded);
                let flag = tally_byte(tables, c, f) | if hinted { HINTED } else { 0 };
                *fold_slot = folded;
                *flag_slot = char::from(flag);
            }
        }
        Ideographs {
            slots: slots.into_boxed_slice().try_into().expect("two per slot"),
            dropped,
        }
    }

    /// The tally byte, fold and [`HINTED`] bit of slot `i` ([`slot`]).
    #[cfg(test)]
    fn entry(&self, i: usize) -> (u8, char, bool) {
        let (flag, fold) = entry(self.parts(), i);
        (flag & !HINTED, fold, flag & HINTED != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Direct, NoTally};
    use super::*;
    use crate::normalize::key::{push_key, KeyHash};
    use crate::normalize::script::ScriptCounts;

    #[test]
    fn the_ideograph_table_is_the_tables_answer() {
        let t = ScriptTables::get();
        let table = Ideographs::get();
        for cp in 0x4E00..0xA000u32 {
            let c = char::from_u32(cp).expect("an ideograph");
            let i = slot(c);
            let f = fold(t, c, t.flag(c));
            assert_eq!(
                table.entry(i),
                (
                    tally_byte(t, c, t.flag(c)),
                    f,
                    crate::detect::evidence::is_key_hint_char(f)
                ),
                "{c:?}"
            );
            assert_eq!(tally_byte(t, c, t.flag(c)) & HINTED, 0);
        }
    }

    #[test]
    fn located_sinks_see_every_ideograph_at_its_byte() {
        // a sink that records offsets (as `detect::inline` does) gets them per
        // character ([`Calls`])
        let text = "甲乙，丙1.5丁\u{4DFF}體戊";
        let mut got = Calls::default();
        push_key(ScriptTables::get(), text, &mut got);
        let want: Vec<(usize, char)> = text
            .char_indices()
            .filter(|&(_, c)| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            .map(|(i, c)| (i, ScriptTables::get().fold_t2s(c)))
            .collect();
        let ideographs: Vec<(usize, char)> = got
            .0
            .iter()
            .copied()
            .filter(|&(_, c)| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            .collect();
        assert_eq!(ideographs, want);
    }

    #[test]
    fn a_run_keys_as_the_tables_key_each_ideograph() {
        let t = ScriptTables::get();
        let text = "體育發展，中文\u{4DFF}乾坤一擲abc".repeat(3);
        for at in [0, 3, 12] {
            let mut key = String::new();
            let mut counts = Default::default();
            let mut tally = super::super::Direct(&mut counts);
            let table = Ideographs::get().parts();
            let mut buf = [char::MIN; RUN];
            let r = ideograph_run(table, text.as_bytes(), at, &mut key, &mut tally, &mut buf);
            // the reference: each character of the run through the tables
            let run: String = text[at..]
                .chars()
                .take_while(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                .collect();
            let mut want_counts = Default::default();
            let want: String = run
                .chars()
                .map(|c| t.tally_fold(c, &mut want_counts))
                .collect();
            assert_eq!(r, (at + run.len(), run.chars().count()), "{at}");
            assert_eq!((key, counts), (want, want_counts), "{at}");
        }
    }

    #[test]
    fn the_index_is_the_slot_of_the_ideographs_for_every_lead_and_continuation() {
        // every lead byte with every pair of continuation bytes (what follows a lead
        // byte E0–EF in UTF-8), and every byte after a lead below E0 or from F0 (a
        // two-byte character's second byte is a continuation, its third any byte)
        for x in 0..=0xFFu8 {
            for y in 0..=0xFFu8 {
                for z in 0..=0xFFu8 {
                    let got = ideograph_index(x, y, z);
                    let cont = |b: u8| b & 0xC0 == 0x80;
                    let want = (0xE4..=0xE9).contains(&x) && cont(y) && cont(z);
                    let cp =
                        u32::from(x & 0x0F) << 12 | u32::from(y & 0x3F) << 6 | u32::from(z & 0x3F);
                    let want = (want && (0x4E00..=0x9FFF).contains(&cp))
                        .then(|| slot(char::from_u32(cp).expect("an ideograph")));
                    // (a lead byte E0–EF followed by anything but two continuation
                    // bytes is no UTF-8)
                    if (0xE0..=0xEF).contains(&x) && !(cont(y) && cont(z)) {
                        continue;
                    }
                    assert_eq!(got, want, "{x:x} {y:x} {z:x}");
                }
            }
        }
    }

    /// A sink told of hinted runs ([`KeySink::HINTS`]): how many times.
    #[derive(Default)]
    struct Hinted(String, usize);

    impl KeySink for Hinted {
        const HINTS: bool = true;
        fn put(&mut self, c: char) {
            self.0.put(c);
        }
        fn hinted(&mut self, _: usize) {
            self.1 += 1;
        }
    }

    /// A sink told of hinted runs ([`KeySink::HINTS`]) that keeps its key in a
    /// vector (the ideograph runs keyed into it, [`KeySink::run_keys`], when `OWN`)
    /// and records the spans of the key it was told of.
    #[derive(Default)]
    struct Spans<const OWN: bool>(Vec<char>, Vec<(usize, usize)>);

    impl<const OWN: bool> KeySink for Spans<OWN> {
        const HINTS: bool = true;
        fn put(&mut self, c: char) {
            self.0.push(c);
        }
        fn hinted(&mut self, n: usize) {
            self.1.push((self.0.len() - n, self.0.len()));
        }
        fn run_keys(&mut self) -> Option<&mut Vec<char>> {
            OWN.then_some(&mut self.0)
        }
    }

    /// Whether the told spans of `text`'s key (`OWN` as [`Spans`]) hold every
    /// caption hint's character of the ideograph runs, and each span holds one.
    fn spans_hold_the_hints<const OWN: bool>(text: &str) {
        let mut got = Spans::<OWN>::default();
        push_key(ScriptTables::get(), text, &mut got);
        let hint = |c: char| crate::detect::evidence::is_key_hint_char(c);
        for (j, &c) in got.0.iter().enumerate() {
            if hint(c) && ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                assert!(got.1.iter().any(|&(a, b)| a <= j && j < b), "{text:?} {j}");
            }
        }
        for &(a, b) in &got.1 {
            assert!(got.0[a..b].iter().any(|&c| hint(c)), "{text:?} {a} {b}");
        }
    }

    #[test]
    fn the_hinted_spans_hold_every_hint_character() {
        // runs short and past the buffer's length, hint characters anywhere in
        // them, through a sink's own vector and through the buffer
        let pieces = ["图", "视", "供", "料", "圖", "中", "體", "，", "a", "1"];
        let mut texts = crate::chars::random_texts(&pieces, 500, 90, 17);
        texts.push(format!("{}图{}", "中".repeat(RUN), "中".repeat(RUN)));
        texts.push(format!("{}料", "中".repeat(2 * RUN - 1)));
        for text in &texts {
            spans_hold_the_hints::<true>(text);
            spans_hold_the_hints::<false>(text);
        }
    }

    #[test]
    fn a_pair_of_sinks_passes_the_hints_on() {
        // (the pair that feeds a sentence's and its paragraph's sink at once tells
        // a hinting sink of the hints as it would be told alone)
        for text in [
            "图片来源：新华社",
            "记者 摄。资料图",
            "中文没有提示",
            "a图b",
        ] {
            let mut alone = Hinted::default();
            push_key(ScriptTables::get(), text, &mut alone);
            let (mut first, mut other) = (Hinted::default(), KeyHash::default());
            push_key(ScriptTables::get(), text, &mut (&mut first, &mut other));
            let (mut hash, mut second) = (KeyHash::default(), Hinted::default());
            push_key(ScriptTables::get(), text, &mut (&mut hash, &mut second));
            assert_eq!((&first.0, first.1), (&alone.0, alone.1), "{text}");
            assert_eq!((&second.0, second.1), (&alone.0, alone.1), "{text}");
        }
        let mut alone = Hinted::default();
        push_key(ScriptTables::get(), "图片", &mut alone);
        assert!(alone.1 > 0);
    }

    /// A sink that records every key character with the offset `at` last gave, to
    /// compare runs call for call.
    #[derive(Default, Debug, PartialEq)]
    struct Calls(Vec<(usize, char)>, usize);

    impl KeySink for Calls {
        fn put(&mut self, c: char) {
            self.0.push((self.1, c));
        }
        fn at(&mut self, byte: usize) {
            self.1 = byte;
        }
    }

    #[test]
    fn runs_key_as_one_ideograph_at_a_time() {
        // random texts of ideographs (runs around and past the buffer's length),
        // their neighbours in UTF-8 (U+4DFF, U+A000, other three-byte leads), ASCII,
        // two- and four-byte characters, started at every character
        let pieces = [
            "中", "體", "發展", "乾", "\u{4E00}", "\u{9FFF}", "\u{4DFF}", "\u{A000}", "，", "。",
            "a", "1", "é", "𠀀", "\u{F900}", "\u{3000}", "ａ",
        ];
        let long: String = "體育發展中文".repeat(40);
        let mut texts = crate::chars::random_texts(&pieces, 300, 80, 5);
        texts.push(long);
        let table = Ideographs::get().parts();
        for text in &texts {
            let b = text.as_bytes();
            for (at, _) in text.char_indices() {
                let (mut c1, mut c2) = (ScriptCounts::default(), ScriptCounts::default());
                let (mut k1, mut k2) = (Calls::default(), Calls::default());
                // (a vector keyed into, `run_keys`, holding keys already or not)
                let (mut v1, mut v2) = (vec!['x'; at % 3], vec!['x'; at % 3]);
                let mut buf = [char::MIN; RUN];
                let r1 = ideograph_run(table, b, at, &mut k1, &mut Direct(&mut c1), &mut buf);
                let r2 = ideograph_run_one_at_a_time(table, b, at, &mut k2, &mut Direct(&mut c2));
                assert_eq!((r1, &k1, c1), (r2, &k2, c2), "{text:?} {at}");
                let r3 = ideograph_run(table, b, at, &mut v1, &mut NoTally, &mut buf);
                ideograph_run_one_at_a_time(table, b, at, &mut v2, &mut NoTally);
                assert_eq!((r3, v1), (r2, v2), "{text:?} {at}");
            }
        }
    }

    #[test]
    fn a_vector_sized_for_its_text_is_not_grown() {
        // a vector keyed into (`run_keys`) with the capacity a text of ideographs
        // needs is given no room it cannot fill: runs shorter than, as long as and
        // past the buffer's length
        let text = "體育發展中文".repeat(12);
        for len in [1, 5, 31, 32, 33, 64, 65, 72] {
            let t: String = text.chars().take(len).collect();
            let mut keys: Vec<char> = Vec::with_capacity(t.len() / 3);
            push_key(ScriptTables::get(), &t, &mut keys);
            assert_eq!((keys.len(), keys.capacity()), (len, len), "{len}");
            assert_eq!(
                keys.iter().collect::<String>(),
                crate::normalize::key::key(ScriptTables::get(), &t).0
            );
        }
    }

    /// A sink that records every call, in order.
    #[derive(Default, Debug, PartialEq)]
    struct Events(Vec<(char, usize, char)>);

    impl KeySink for Events {
        fn put(&mut self, c: char) {
            self.0.push(('p', 0, c));
        }
        fn at(&mut self, byte: usize) {
            self.0.push(('a', byte, '\0'));
        }
        fn mark(&mut self, byte: usize, c: char) {
            self.0.push(('m', byte, c));
        }
    }

    #[test]
    fn dropped_blocks_hold_every_dropped_character() {
        for cp in (0x2000..0x4000).chain(0xF000..0x1_0000) {
            if drops(cp) {
                assert!(
                    DROPPED_BLOCKS.iter().any(|b| b.contains(&cp)),
                    "U+{cp:04X} is dropped outside DROPPED_BLOCKS"
                );
            }
        }
    }

    #[test]
    fn dropped_marks_key_as_the_general_path_keys_them() {
        // every three-byte character alone, after a digit and between digits, and
        // random texts of marks, digits and separators: the same calls, keys and
        // counts with and without the fast path
        let t = ScriptTables::get();
        let run = |text: &str| {
            let (mut a, mut b) = (Events::default(), Events::default());
            let (mut ca, mut cb) = (ScriptCounts::default(), ScriptCounts::default());
            let na = super::super::key_pass::<_, _, true>(t, text, &mut a, &mut Direct(&mut ca));
            let nb = super::super::key_pass::<_, _, false>(t, text, &mut b, &mut Direct(&mut cb));
            assert_eq!((na, a, ca), (nb, b, cb), "{text:?}");
        };
        let mut dropped = 0;
        for c in (0x800..0x1_0000).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("1{c}2{c}中{c}x{c}")] {
                run(&text);
            }
            dropped += usize::from(
                Ideographs::get()
                    .dropped(c.to_string().as_bytes(), 0)
                    .is_some(),
            );
        }
        assert!(dropped > 500, "{dropped}");
        let pieces = [
            "，", "。", "：", "．", "－", "／", "、", "“", "”", "…", "—", "1", "２", ".", ",",
            "中", "a", " ", "\u{3000}", "\u{FEFF}", "\u{200B}", "（", "）", "！", "？",
        ];
        for text in crate::chars::random_texts(&pieces, 2000, 30, 3) {
            run(&text);
        }
    }
}
