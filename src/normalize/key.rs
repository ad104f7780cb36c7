//! The matching key: the folded form of a span that duplicate detection compares.
//!
//! Folding is deliberately hard, so that copies differing only in script, width,
//! punctuation, spacing or letter case compare equal: Traditional characters fold to
//! Simplified (OpenCC's character table, first candidate), full-width ASCII to ASCII,
//! compatibility ideographs and Kangxi radicals to unified ideographs (NFKC), ASCII to
//! lower case; whitespace, punctuation, zero-width and control characters are dropped,
//! except a separator between two digits (`1.5`, `3:1`, `1,000`, `2024-01-05`, `1/5`,
//! full-width forms as ASCII), so that `上涨1.5%` and `上涨15%` are different keys.
//! Cost: one table lookup per character, no allocation beyond the key itself.

use super::script::{ScriptCounts, ScriptTables};
use super::script_spec::FOLD;

use crate::chars::is_key_invisible as is_invisible;
use ascii::ascii_run;
use compat::compatibility_parts;
use ideographs::{ideograph_run, Ideographs, RunBuffer, RUN};
use tally::{add_fields, tally_byte, Direct, NoTally, Packed, Tally, PACKED_MAX_BYTES};
#[cfg(test)]
use tally::{FIELD_MAX, FLAG_FIELDS};

mod ascii;
mod compat;
mod ideographs;
mod tally;
pub use crate::chars::is_key_punct as is_punct;

/// Where key characters go: a `String` when the key itself is needed, a
/// [`KeyHash`] when only its digest is (detection keeps no keys in memory).
pub trait KeySink {
    /// Take one key character.
    fn put(&mut self, c: char);

    /// The byte offset in the keyed text of the character the next [`put`]s come
    /// from; a sink that maps key characters back to the text records it (the
    /// others ignore it, at no cost).
    ///
    /// [`put`]: KeySink::put
    #[inline]
    fn at(&mut self, _byte: usize) {}

    /// The character `c` at byte offset `byte` of the keyed text, offered before it
    /// is keyed, for every character but the ideographs of U+4E00–9FFF (none of
    /// which ends a sentence); a sink that segments the text as it is keyed records
    /// the characters that may end a sentence (`detect::keying`), the others ignore
    /// it, at no cost.
    #[inline]
    fn mark(&mut self, _byte: usize, _c: char) {}

    /// Whether the sink is told ([`KeySink::hinted`]) of the ideograph runs that
    /// hold a caption hint's key character; a sink that is not costs them nothing.
    const HINTS: bool = false;

    /// With [`KeySink::HINTS`]: the last `n` key characters the sink took (the run
    /// just [`put_run`](KeySink::put_run) or keyed into
    /// [`run_keys`](KeySink::run_keys)) held a key character of
    /// `detect::evidence::is_key_hint_char` (`put` ones: untold).
    #[inline]
    fn hinted(&mut self, _n: usize) {}

    /// Take the key characters `chars` of a run of ideographs of U+4E00–9FFF, the
    /// `k`-th from the three bytes at offset `at + 3k` of the keyed text: what
    /// [`at`] and [`put`] of each in turn do (the default); a sink that records no
    /// offset may take them at once.
    ///
    /// [`at`]: KeySink::at
    /// [`put`]: KeySink::put
    #[inline]
    fn put_run(&mut self, at: usize, chars: &[char]) {
        for (k, &c) in chars.iter().enumerate() {
            self.at(at + 3 * k);
            self.put(c);
        }
    }

    /// The vector a sink that only appends its key characters to one (and records
    /// no offset) keeps them in: the ideograph runs are then keyed straight into its
    /// spare room, not into a buffer copied by [`put_run`](KeySink::put_run) (which
    /// the others take them by), and [`hinted`](KeySink::hinted) is told once per
    /// run. `None` (the default) for the others. Such a sink must also ignore the
    /// characters that may end no sentence in [`mark`](KeySink::mark)
    /// (`crate::chars::may_end_sentence`): a run goes on past the punctuation
    /// marks between its ideographs that end none, which it is then not offered;
    /// and its `put` of an ASCII character must push it (a run of ASCII is keyed
    /// straight into the vector too).
    #[inline(always)]
    fn run_keys(&mut self) -> Option<&mut Vec<char>> {
        None
    }
}

impl KeySink for String {
    #[inline]
    fn put(&mut self, c: char) {
        self.push(c);
    }
}

/// A key as characters (`detect::Analysis` keeps its paragraphs' keys so).
impl KeySink for Vec<char> {
    #[inline]
    fn put(&mut self, c: char) {
        self.push(c);
    }

    #[inline(always)]
    fn run_keys(&mut self) -> Option<&mut Vec<char>> {
        Some(self)
    }
}

/// A running 64-bit hash of key characters (FxHash over code points): equal keys give
/// equal hashes, whatever pieces they were fed in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyHash(pub u64);

impl KeyHash {
    /// The multiplier of [`KeyHash::add`].
    pub const MUL: u64 = 0x517c_c1b7_2722_0a95;

    /// Fold one character in.
    #[inline]
    pub fn add(&mut self, c: char) {
        self.add_by(c, Self::MUL);
    }

    /// [`KeyHash::add`] with its multiplier `mul` given (it is [`KeyHash::MUL`]):
    /// a loop that reads it once through `std::hint::black_box` keeps it in a
    /// register, where the constant was loaded again for every character.
    #[inline(always)]
    pub(crate) fn add_by(&mut self, c: char, mul: u64) {
        self.0 = (self.0.rotate_left(5) ^ c as u64).wrapping_mul(mul);
    }

    /// Fold a whole other hash in (for combining pieces in order).
    #[inline]
    pub fn add_hash(&mut self, h: KeyHash) {
        self.0 = (self.0.rotate_left(5) ^ h.0).wrapping_mul(Self::MUL);
    }
}

impl KeySink for KeyHash {
    #[inline]
    fn put(&mut self, c: char) {
        self.add(c);
    }
}

/// The same characters into two sinks at once (a sentence's and its paragraph's hash).
impl<A: KeySink, B: KeySink> KeySink for (&mut A, &mut B) {
    #[inline]
    fn put(&mut self, c: char) {
        self.0.put(c);
        self.1.put(c);
    }

    #[inline]
    fn at(&mut self, byte: usize) {
        self.0.at(byte);
        self.1.at(byte);
    }

    #[inline]
    fn mark(&mut self, byte: usize, c: char) {
        self.0.mark(byte, c);
        self.1.mark(byte, c);
    }

    #[inline]
    fn put_run(&mut self, at: usize, chars: &[char]) {
        self.0.put_run(at, chars);
        self.1.put_run(at, chars);
    }

    const HINTS: bool = A::HINTS || B::HINTS;

    #[inline]
    fn hinted(&mut self, n: usize) {
        self.0.hinted(n);
        self.1.hinted(n);
    }
}

/// The ASCII form of a separator that stays in the key between two digits (`.` `,`
/// `:` `/` `-` and their full-width forms), or `None`.
#[inline]
pub fn digit_separator(c: char) -> Option<char> {
    match c {
        '.' | ',' | ':' | '/' | '-' => Some(c),
        '．' | '，' | '：' | '／' | '－' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Whether `c` is a digit as the key writes it (ASCII or full-width).
#[inline]
pub fn is_key_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Append the key of `text` to `out`; returns the number of key characters added.
pub fn push_key<S: KeySink>(tables: &ScriptTables, text: &str, out: &mut S) -> usize {
    key_pass::<_, _, true>(tables, text, out, &mut NoTally)
}

/// [`push_key`] that also counts the script of every ideograph into `counts`, so the
/// one pass over the text serves both detection and script statistics.
///
/// The counts of the ideographs of U+4E00–9FFF (most characters) are kept as a
/// histogram of flag bits packed into one register (`Packed`: a table load and an
/// add per character) and added to `counts` once, at the end; a text too long for
/// its 10-bit fields (over `PACKED_MAX_BYTES` bytes) is counted character by
/// character.
pub fn push_key_tally<S: KeySink>(
    tables: &ScriptTables,
    text: &str,
    out: &mut S,
    counts: &mut ScriptCounts,
) -> usize {
    if text.len() <= PACKED_MAX_BYTES {
        let mut tally = Packed::new(counts);
        let n = key_pass::<_, _, true>(tables, text, out, &mut tally);
        add_fields(tally.counts, tally.fields);
        n
    } else {
        key_pass::<_, _, true>(tables, text, out, &mut Direct(counts))
    }
}

/// The loop of [`push_key`] and [`push_key_tally`]: the key of `text` into `out`,
/// the script flag of every folded character into `tally`; returns the number of key
/// characters added. With `DROPS`, the punctuation marks of
/// [`Ideographs::dropped`] and, into a sink's own vector, the runs of ASCII of
/// [`ascii_run`] skip the general path's tests (the same calls to `out`: compared
/// with the general path, `DROPS` false, in the tests).
#[inline(always)]
fn key_pass<S: KeySink, T: Tally, const DROPS: bool>(
    tables: &ScriptTables,
    text: &str,
    out: &mut S,
    tally: &mut T,
) -> usize {
    let mut n = 0;
    // a separator after a digit, written only if a digit follows it
    let (mut after_digit, mut pending) = (false, None);
    // (the only tables there are: `Ideographs` holds their ideographs)
    debug_assert!(std::ptr::eq(tables, ScriptTables::get()));
    // (the two tables' addresses read once, not once per character)
    let drops = Ideographs::get();
    let table = drops.parts();
    let mut run: RunBuffer = [char::MIN; RUN];
    let b = text.as_bytes();
    let mut next = 0;
    while let Some(&x) = b.get(next) {
        // ideographs first: most characters of Chinese text, a run of them at a time
        if (0xE4..=0xE9).contains(&x) {
            let (past, keyed) = ideograph_run(table, b, next, out, tally, &mut run);
            if keyed > 0 {
                n += keyed;
                next = past;
                after_digit = false;
                pending = None;
                continue;
            }
        }
        // a run of ASCII but the digit separators and sentence ends (Latin words,
        // numbers) into a sink's own vector, a byte at a time
        if DROPS && x < 0x80 {
            if let Some(keys) = out.run_keys() {
                if let Some((past, keyed, digit)) = ascii_run(b, next, keys, &mut pending) {
                    (n, next, after_digit) = (n + keyed, past, digit);
                    continue;
                }
            }
        }
        // a three-byte punctuation mark the key drops (most other characters of
        // Chinese text): what the general path below does with it, without its
        // tests (it is no digit, no ASCII, and punctuation or invisible); any other
        // three-byte character goes there decoded, not decoded again
        let mut three = None;
        if let Some((c, dropped)) = (DROPS && x >= 0xE0).then(|| drops.three(b, next)).flatten() {
            if dropped {
                out.mark(next, c);
                let sep = if after_digit {
                    digit_separator(c)
                } else {
                    None
                };
                after_digit = false;
                pending = sep.map(|sep| (sep, next));
                if sep.is_none() {
                    out.at(next);
                }
                next += 3;
                continue;
            }
            three = Some(c);
        }
        let i = next;
        let c = if x < 0x80 {
            char::from(x)
        } else if let Some(c) = three {
            c
        } else {
            let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                break; // (not reached: `i` is a character boundary)
            };
            c
        };
        next = i + c.len_utf8();
        out.mark(i, c);
        let cp = c as u32;
        if is_key_digit(c) {
            if let Some((sep, at)) = pending.take() {
                out.at(at);
                out.put(sep);
                n += 1;
            }
            after_digit = true;
        } else if let Some(sep) = digit_separator(c).filter(|_| after_digit) {
            after_digit = false;
            pending = Some((sep, i));
            continue;
        } else {
            after_digit = false;
            pending = None;
        }
        out.at(i);
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.put(c.to_ascii_lowercase());
                n += 1;
            } else if matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '|' | '~') {
                out.put(c);
                n += 1;
            }
            continue;
        }
        if is_punct(c) || is_invisible(c) {
            continue;
        }
        if (0xFF01..=0xFF5E).contains(&cp) {
            // full-width ASCII; punctuation among it was dropped above
            let a = char::from_u32(cp - 0xFEE0).unwrap_or(c);
            out.put(a.to_ascii_lowercase());
            n += 1;
            continue;
        }
        if (0x2E80..=0x2FDF).contains(&cp)
            || (0xF900..=0xFAFF).contains(&cp)
            || (0x2F800..=0x2FA1F).contains(&cp)
        {
            let parts = compatibility_parts(c);
            if !parts.is_empty() {
                for &d in parts.as_slice() {
                    let f = tables.flag(d);
                    if T::COUNTS {
                        tally.other(tally_byte(tables, d, f));
                    }
                    out.put(fold(tables, d, f));
                }
                n += 1;
                continue;
            }
        }
        let f = tables.flag(c);
        if T::COUNTS {
            tally.other(tally_byte(tables, c, f));
        }
        out.put(fold(tables, c, f));
        n += 1;
    }
    n
}

/// The Simplified fold of `c`, whose flag byte is `f` (as [`ScriptTables::fold_t2s`]).
#[inline(always)]
fn fold(tables: &ScriptTables, c: char, f: u8) -> char {
    if f & FOLD != 0 {
        tables.folded(c)
    } else {
        c
    }
}

/// Whether the key of the line `line` of `text` is its sentences' keys (`spans`, in
/// order) concatenated, as `detect::Analysis` writes them. The key maps each character on
/// its own but for a separator between two digits (`1.5`), which it keeps only when
/// a digit follows; a sentence is keyed from a fresh state. So the two agree when
/// what lies between, before and after the sentences has no key character (nor a
/// digit), and no sentence but the last ends in a digit or a separator (after any
/// other character the key's state is the fresh one). Otherwise the line is keyed
/// again as a whole (rare: a line with a key character outside its sentences, or a
/// sentence ending in a number).
pub fn sentence_keys_concatenate(
    text: &str,
    tables: &ScriptTables,
    line: (usize, usize),
    spans: &[(usize, usize)],
) -> bool {
    let keyless =
        |a: usize, b: usize| a >= b || push_key(tables, &text[a..b], &mut KeyHash::default()) == 0;
    let mut pos = line.0;
    for (n, &(a, b)) in spans.iter().enumerate() {
        if a < pos || !keyless(pos, a) {
            return false;
        }
        if n + 1 < spans.len() {
            if let Some(c) = text[a..b].chars().next_back() {
                if is_key_digit(c) || digit_separator(c).is_some() {
                    return false;
                }
            }
        }
        pos = pos.max(b);
    }
    keyless(pos, line.1)
}

/// The key of `text` as a new string, with its length in characters.
pub fn key(tables: &ScriptTables, text: &str) -> (String, usize) {
    let mut s = String::with_capacity(text.len());
    let n = push_key(tables, text, &mut s);
    (s, n)
}

#[cfg(test)]
mod tests;
