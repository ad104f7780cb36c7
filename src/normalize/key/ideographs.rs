//! The key pass's fast paths for the ideographs of U+4E00–9FFF (most characters
//! of Chinese text): a run of them decoded from their three UTF-8 bytes and looked
//! up in the tables of their folds and counted fields ([`Ideographs`]), with the keys and
//! counts [`super::key_pass`] gives each character on its own (into a sink's own
//! vector, passing over the punctuation between them that ends no sentence,
//! [`Ideographs::skip`]); and for the punctuation between them, which the key
//! drops ([`Ideographs::dropped`]).

use super::tally::{tally_byte, FLAG_FIELDS};
use super::{fold, KeySink, Tally};
use crate::normalize::script::ScriptTables;

/// Most ideographs [`ideograph_run`] keys before it hands them to the sink: the
/// length of its buffer. (64: the step of [`run_into`] around each [`fill`] costs
/// some 45 instructions, paid half as often as with 32, -0.23 % on the Simplified
/// documents; 128 measured more, a line's spare room short of it more often. The
/// packed tally's fields hold a run's counts either way, [`Tally::ideographs`].)
pub(super) const RUN: usize = 64;

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
/// (`ideograph_run_one_at_a_time`, the test oracle). Into a sink's own vector
/// ([`KeySink::run_keys`]) the run goes on past the marks that end no sentence
/// ([`run_into`]), and `b[at]` must be a lead byte E4–E9.
#[inline(always)]
pub(super) fn ideograph_run<S: KeySink, T: Tally>(
    parts: Parts<'_>,
    b: &[u8],
    at: usize,
    out: &mut S,
    tally: &mut T,
    buf: &mut RunBuffer,
) -> (usize, usize) {
    if let Some(keys) = out.run_keys() {
        let (i, n, hinted) = run_into(parts, b, at, keys, tally);
        if S::HINTS && hinted {
            out.hinted(n);
        }
        return (i, n);
    }
    let (folds, fields, _) = parts;
    let mut i = at;
    loop {
        let (from, mut n, mut sum, mut hints) = (i, 0, 0u64, 0u64);
        while n < RUN {
            let Some(&[x, y, z]) = b.get(i..i + 3) else {
                break;
            };
            let Some(k) = ideograph_index(x, y, z) else {
                break;
            };
            let (f, fold) = entry(folds, fields, k);
            sum = sum.wrapping_add(f);
            hints |= f;
            buf[n] = fold;
            n += 1;
            i += 3;
        }
        if n == 0 {
            break;
        }
        tally.ideographs(sum & !HINTED);
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
/// made room for at its end and the folds written into its spare capacity
/// ([`fill`]), the vector's length then set past the slots written, so the keys
/// need no copy (which cost a call of `memcpy` per run; the one `unsafe` is that
/// length). The byte offset past the run, its number of ideographs and whether
/// one of them is [`HINTED`]; the keys and counts are [`ideograph_run`]'s through
/// [`KeySink::put_run`] (compared in the tests).
///
/// The run goes on past a punctuation mark the key drops that may end no
/// sentence ([`Ideographs::skip`]: `，` `、` `“` `”` and their kin, most marks
/// between ideographs), which such a sink is not told of
/// ([`KeySink::run_keys`]): the byte offset is then past the marks too, and the
/// number of ideographs is not its bytes' third. (A mark after an ideograph
/// follows no digit, so none is kept as a digit separator.) Its first byte
/// `b[at]` is a lead byte E4–E9, as [`super::key_pass`] calls it, which no such
/// mark has: a mark is passed over only after an ideograph.
#[inline(always)]
fn run_into<T: Tally>(
    parts: Parts<'_>,
    b: &[u8],
    at: usize,
    keys: &mut Vec<char>,
    tally: &mut T,
) -> (usize, usize, bool) {
    let (mut i, mut total, mut all) = (at, 0, 0u64);
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
        let rest = b.get(i..).unwrap_or_default();
        let step = if let Some(room) = spare.first_chunk_mut::<RUN>() {
            fill(parts, rest, RUN, room)
        } else {
            // (room short of [`RUN`]: filled through a buffer, its slots copied)
            let mut buf = [std::mem::MaybeUninit::uninit(); RUN];
            let step = fill(parts, rest, spare.len(), &mut buf);
            if let (Some(to), Some(from)) = (spare.get_mut(..step.n), buf.get(..step.n)) {
                to.copy_from_slice(from);
            }
            step
        };
        // SAFETY: the first `step.n` slots of the spare room (at most its length:
        // [`fill`] writes no more slots than it is given room for) were written
        // in turn: the vector's first `len + step.n` elements are initialised `char`s
        #[allow(unsafe_code)]
        unsafe {
            keys.set_len(len + step.n)
        };
        i += step.read;
        total += step.n;
        tally.ideographs(step.sum & !HINTED);
        all |= step.hints;
        if step.ended {
            break;
        }
    }
    (i, total, all & HINTED != 0)
}

/// What [`fill`] read.
struct Filled {
    /// Ideographs keyed (slots written).
    n: usize,
    /// Bytes of the text read (the ideographs' and the marks passed over).
    read: usize,
    /// Their [`Ideographs::fields`] entries added ([`HINTED`] carried out of the
    /// top bit).
    sum: u64,
    /// Their [`Ideographs::fields`] entries or'ed.
    hints: u64,
    /// Whether the run ended (a character that is neither an ideograph nor a mark
    /// passed over, or the text's end), not the room.
    ended: bool,
}

/// The ideographs of U+4E00–9FFF that start `rest`, with the marks between them
/// that [`run_into`] passes over, keyed into `room`'s first slots: at most `m` of
/// `rest`'s characters read (`m` ≤ [`RUN`], at most as many slots), so the loop
/// tests one bound per character, the four bytes left for its read; a character
/// that ends the text, with no byte after it, is read as three after the loop.
/// Each is read as one four-byte load, its three bytes and the next one
/// ([`utf8_key`] of the first three).
#[inline(always)]
fn fill(
    (folds, fields, skip): Parts<'_>,
    rest: &[u8],
    m: usize,
    room: &mut [std::mem::MaybeUninit<char>; RUN],
) -> Filled {
    // (`m` four-byte reads at most: `3 m + 1` bytes, one left after them)
    let cut = rest.len() > 3 * m + 1;
    let mut r = rest.get(..rest.len().min(3 * m + 1)).unwrap_or_default();
    let (mut n, mut sum, mut hints) = (0, 0u64, 0u64);
    // (no room: the rest holds no ideograph, its spare room being reserved for
    // a third of its bytes, [`reserve_for_rest`])
    let mut ended = !cut || m == 0;
    while let Some((&w, _)) = r.split_first_chunk::<4>() {
        let key = u32::from_be_bytes(w) >> 8;
        if let Some(k) = ideograph_key_index(key) {
            let (f, fold) = entry(folds, fields, k);
            sum = sum.wrapping_add(f);
            hints |= f;
            // (`n` is below [`RUN`]: no more than `m` characters are read)
            room[n % RUN].write(fold);
            n += 1;
        } else if !skips(skip, key) {
            ended = true;
            break;
        }
        r = r.get(3..).unwrap_or_default();
    }
    // (the text's last character, three bytes, after `m - 1` reads at most)
    if let &[x, y, z] = r {
        let key = utf8_key(x, y, z);
        if let Some(k) = ideograph_key_index(key) {
            let (f, fold) = entry(folds, fields, k);
            sum = sum.wrapping_add(f);
            hints |= f;
            room[n % RUN].write(fold);
            n += 1;
            r = &[];
        } else if skips(skip, key) {
            r = &[];
        }
    }
    Filled {
        n,
        read: rest.len().min(3 * m + 1) - r.len(),
        sum,
        hints,
        ended,
    }
}

/// Whether the three-byte character whose [`utf8_key`] is `key` is one that
/// [`run_into`] passes over ([`Ideographs::skip`]; any other key, of a character
/// of other length or lead byte, is not).
#[inline(always)]
fn skips(skip: &[u64; SKIP_WORDS], key: u32) -> bool {
    let word = (key >> 8).wrapping_sub(SKIP_FIRST) as usize;
    skip.get(word)
        .is_some_and(|&bits| bits >> (key & 63) & 1 != 0)
}

/// The first two UTF-8 bytes of [`Ideographs::skip`]'s first word, a lead byte
/// E2 (U+2000–2FFF) and no continuation.
const SKIP_FIRST: u32 = 0xE2_00;

/// Words of [`Ideographs::skip`]: one per two leading UTF-8 bytes from
/// [`SKIP_FIRST`] up to the lead byte EF's (U+F000–FFFF) last.
const SKIP_WORDS: usize = (0xF0_00 - SKIP_FIRST) as usize;

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
    (folds, fields, _): Parts<'_>,
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
        let (f, fold) = entry(folds, fields, i);
        tally.ideographs(f & !HINTED);
        out.put(fold);
        rest = tail;
    }
    let past = b.len() - rest.len();
    (past, (past - at) / 3)
}

/// The bit of an entry of [`Ideographs::fields`] set for an ideograph whose key
/// character is a caption hint's (`detect::evidence::is_key_hint_char`), for the
/// sinks that ask ([`KeySink::HINTS`]): the top bit, above every field of
/// [`FLAG_FIELDS`], so a sum of entries carries it out of the word and leaves the
/// fields as they are (the sum is counted without it).
const HINTED: u64 = 1 << 63;

/// The Simplified fold ([`fold`]) and counted fields ([`FLAG_FIELDS`] of its
/// [`tally_byte`], with [`HINTED`]) of every ideograph of U+4E00–9FFF, in the slot
/// of its UTF-8 bytes ([`ideograph_index`], so that a character's three bytes, read
/// as one number, give its slot with no decoding: zero in the slots of byte
/// triples that are no UTF-8, never read; 330 K characters and as many words,
/// 3.9 MB, written zero once, of which only the ideographs' cache lines are read),
/// read once from the process' tables: a load each in [`ideograph_run`], with no
/// bounds test, and the fields added as they are (no table of fields per flag
/// byte).
pub(super) struct Ideographs {
    /// The folds.
    folds: Box<[char; SLOTS]>,
    /// The [`FLAG_FIELDS`] entry of each ideograph's [`tally_byte`], with
    /// [`HINTED`] for a caption hint's.
    fields: Box<[u64; SLOTS]>,
    /// One bit per three-byte character of U+2000–FFFF, by its UTF-8 bytes (a word
    /// per lead and second byte, from [`SKIP_FIRST`], a bit per third byte's low six
    /// bits): set for a character [`Ideographs::dropped`] holds that may end no
    /// sentence ([`crate::chars::may_end_sentence`]), which [`run_into`] passes
    /// over between ideographs.
    skip: Box<[u64; SKIP_WORDS]>,
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

/// The folds and fields of [`Ideographs`] and its [`Ideographs::skip`], borrowed.
pub(super) type Parts<'t> = (&'t [char; SLOTS], &'t [u64; SLOTS], &'t [u64; SKIP_WORDS]);

/// The fields entry ([`Ideographs::fields`]) and fold of slot `k` of the tables
/// `folds` and `fields` ([`Ideographs::parts`]).
#[inline(always)]
fn entry(folds: &[char; SLOTS], fields: &[u64; SLOTS], k: usize) -> (u64, char) {
    (fields[k], folds[k])
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
        (&self.folds, &self.fields, &self.skip)
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
        let mut skip = vec![0u64; SKIP_WORDS];
        // (only the blocks that hold such a character: built at first use, a walk of
        // all 16,384 code points cost 1.8 M instructions of a one-line run's start;
        // `dropped_blocks_hold_every_dropped_character` checks the rest has none)
        for cp in DROPPED_BLOCKS.into_iter().flatten() {
            if !drops(cp) {
                continue;
            }
            dropped[(cp >> 6) as usize] |= 1 << (cp & 63);
            if !char::from_u32(cp).is_some_and(crate::chars::may_end_sentence) {
                // (its UTF-8 bytes' `utf8_key`: `cp` is of U+0800–FFFF)
                let key = 0xE0_80_80 | (cp >> 12) << 16 | (cp >> 6 & 0x3F) << 8 | (cp & 0x3F);
                if let Some(word) = skip.get_mut((key >> 8).wrapping_sub(SKIP_FIRST) as usize) {
                    *word |= 1 << (key & 63);
                }
            }
        }
        let mut folds = vec!['\0'; SLOTS];
        let mut flags = vec![0u64; SLOTS];
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
                let flag = FLAG_FIELDS[usize::from(tally_byte(tables, c, f))]
                    | if hinted { HINTED } else { 0 };
                *fold_slot = folded;
                *flag_slot = flag;
            }
        }
        Ideographs {
            folds: folds.into_boxed_slice().try_into().expect("one per slot"),
            fields: flags.into_boxed_slice().try_into().expect("one per slot"),
            skip: skip.into_boxed_slice().try_into().expect("one per word"),
            dropped,
        }
    }

    /// The counted fields, fold and [`HINTED`] bit of slot `i` ([`slot`]).
    #[cfg(test)]
    fn entry(&self, i: usize) -> (u64, char, bool) {
        let (f, fold) = entry(&self.folds, &self.fields, i);
        (f & !HINTED, fold, f & HINTED != 0)
    }
}

#[cfg(test)]
mod tests;
