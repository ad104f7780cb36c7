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
use compat::compatibility_parts;
use ideographs::{ideograph_run, Ideographs, RunBuffer, RUN};
use tally::{add_fields, tally_byte, Direct, NoTally, Packed, Tally, PACKED_MAX_BYTES};
#[cfg(test)]
use tally::{FIELD_MAX, FLAG_FIELDS};

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
    /// marks between its ideographs that end none, which it is then not offered.
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
/// [`Ideographs::dropped`] skip the general path's tests (the same calls to `out`:
/// compared with the general path, `DROPS` false, in the tests).
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
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    fn k(s: &str) -> String {
        key(ScriptTables::get(), s).0
    }

    #[test]
    fn sentence_keys_concatenate_only_when_the_line_key_is_theirs() {
        let t = ScriptTables::get();
        // (line, its sentences as byte spans) and whether the check may pass
        let cases: [(&str, &[&str], bool); 6] = [
            ("今天下雨。明天晴！", &["今天下雨。", "明天晴！"], true),
            ("  标题  ", &["标题"], true),
            // a key character outside the sentences
            ("甲。x乙。", &["甲。", "乙。"], false),
            // a sentence ending in a digit or a separator: the line's state carries on
            ("第1", &["第1"], true),
            ("共1.5。", &["共1.", "5。"], false),
            ("共1-5。", &["共1", "-5。"], false),
        ];
        for (line, parts, ok) in cases {
            let mut spans = Vec::new();
            let mut at = 0;
            for p in parts {
                let s = at + line[at..].find(p).expect("part of the line");
                spans.push((s, s + p.len()));
                at = s + p.len();
            }
            let got = sentence_keys_concatenate(line, t, (0, line.len()), &spans);
            assert_eq!(got, ok, "{line}");
            if got {
                let mut joined = String::new();
                for &(a, b) in &spans {
                    push_key(t, &line[a..b], &mut joined);
                }
                assert_eq!(joined, k(line), "{line}");
            }
        }
        // where it says no, the two keys do differ
        let mut joined = String::new();
        push_key(t, "共1.", &mut joined);
        push_key(t, "5。", &mut joined);
        assert_ne!(joined, k("共1.5。"));
    }

    #[test]
    fn a_separator_between_digits_stays() {
        assert_eq!(k("上涨1.5%"), "上涨1.5");
        assert_ne!(k("上涨1.5%"), k("上涨15%"));
        assert_eq!(k("上涨１．５％"), k("上涨1.5%"));
        assert_eq!(
            k("比分3:1 2024-01-05 1,000元，1/5"),
            "比分3:12024-01-051,000元1/5"
        );
        // a list of numbers is not one number
        assert_eq!(k("1，2，3"), "1,2,3");
        // not between two digits: dropped as before
        assert_eq!(k("第1. 第2.5."), "第1第2.5");
        assert_eq!(k("a.5 1.b"), "a51b");
    }

    #[test]
    fn script_width_punct_space_fold_together() {
        assert_eq!(k("發展, 科技(5)日。"), k("发展，科技（５）日"));
        assert_eq!(k("ＡＢＣ abc"), "abcabc");
        assert_eq!(k("“好的。”"), "好的");
    }

    #[test]
    fn taiwan_forms_fold_as_the_standard_form() {
        // OpenCC's t2s keeps 著 (显著 is Simplified too); Taiwan writes it for 着
        assert_eq!(k("他看著我，說什麼"), k("他看着我，说什么"));
        assert_eq!(k("偽造"), k("伪造"));
        // a form t2s writes for another character keeps its key
        assert_eq!(k("什么"), "什么");
    }

    #[test]
    fn compatibility_ideographs_and_radicals_fold() {
        // every decomposition fits the four-character buffer of the key loop
        for cp in (0x2E80..=0x2FDF)
            .chain(0xF900..=0xFAFF)
            .chain(0x2F800..=0x2FA1F)
        {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut n = 0;
            unicode_normalization::char::decompose_compatible(c, |_| n += 1);
            assert!(n <= 4, "{c:?}");
        }
        // U+F900 is a compatibility form of 豈; U+2F00 KANGXI RADICAL ONE is 一
        assert_eq!(k("\u{F900}"), k("豈"));
        assert_eq!(k("\u{2F00}"), "一");
    }

    /// The key pass as it was before [`Packed`]: every folded character counted
    /// through [`ScriptTables::tally_fold`] (the reference for the packed tally).
    fn push_key_tally_per_char(
        tables: &ScriptTables,
        text: &str,
        out: &mut String,
        counts: &mut ScriptCounts,
    ) -> usize {
        let mut n = 0;
        let (mut after_digit, mut pending) = (false, None);
        for (i, c) in text.char_indices() {
            let cp = c as u32;
            if (0x4E00..=0x9FFF).contains(&cp) {
                out.put(tables.tally_fold(c, counts));
                n += 1;
                after_digit = false;
                pending = None;
                continue;
            }
            if is_key_digit(c) {
                if let Some((sep, _)) = pending.take() {
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
                        out.put(tables.tally_fold(d, counts));
                    }
                    n += 1;
                    continue;
                }
            }
            out.put(tables.tally_fold(c, counts));
            n += 1;
        }
        n
    }

    /// Key, key length and counts (from `start`) of `text`, by the key pass and by
    /// the per-character reference.
    fn both(text: &str, start: ScriptCounts) -> [(String, usize, ScriptCounts); 2] {
        let t = ScriptTables::get();
        let (mut k, mut c) = (String::new(), start);
        let n = push_key_tally(t, text, &mut k, &mut c);
        let (mut k0, mut c0) = (String::new(), start);
        let n0 = push_key_tally_per_char(t, text, &mut k0, &mut c0);
        [(k, n, c), (k0, n0, c0)]
    }

    #[test]
    fn flag_fields_count_every_character_as_tally_fold_does() {
        let t = ScriptTables::get();
        let mut flagged = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut want = ScriptCounts::default();
            let folded = t.tally_fold(c, &mut want);
            let f = t.flag(c);
            let mut got = ScriptCounts::default();
            add_fields(&mut got, FLAG_FIELDS[usize::from(tally_byte(t, c, f))]);
            assert_eq!(got, want, "{c:?}");
            assert_eq!(fold(t, c, f), folded, "{c:?}");
            flagged += usize::from(want != ScriptCounts::default());
        }
        // the tables do flag characters (not a comparison of zeros)
        assert!(flagged > 1000, "{flagged}");
    }

    #[test]
    fn packed_fields_hold_the_longest_packed_text_and_longer_texts_count_directly() {
        // 體 exists only in Traditional text and t2s changes it
        let mut one = ScriptCounts::default();
        ScriptTables::get().tally_fold('體', &mut one);
        assert_eq!((one.traditional, one.to_simplified), (1, 1));
        let pad = ScriptCounts {
            traditional: 7,
            simplified: 1,
            to_simplified: 2,
            to_traditional: 3,
            phrase_to_simplified: 4,
            partial_t2s: 5,
        };
        for n in [
            FIELD_MAX as usize - 1,
            FIELD_MAX as usize,
            FIELD_MAX as usize + 1,
            9000,
        ] {
            let text = "體".repeat(n);
            assert_eq!(text.len() <= PACKED_MAX_BYTES, n <= FIELD_MAX as usize);
            let [got, want] = both(&text, pad);
            assert_eq!(got, want, "{n}");
            assert_eq!(got.2.traditional, 7 + n, "{n}");
            assert_eq!(got.2.to_simplified, 2 + n, "{n}");
            // the rare path, counted straight into the counts, beside full fields
            let text = format!("{text}\u{F900}ǅé發");
            let [got, want] = both(&text, pad);
            assert_eq!(got, want, "{n}");
        }
    }

    #[test]
    fn every_character_keys_as_the_per_character_reference() {
        // alone, after a digit and beside ideographs: the ideographs decoded from
        // their bytes and looked up in `Ideographs`, and every other character
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("1{c}2中{c}體{c}")] {
                let [got, want] = both(&text, ScriptCounts::default());
                assert_eq!(got, want, "{c:?}");
            }
        }
    }

    #[test]
    fn push_key_keys_as_push_key_tally() {
        let text = "發展1.5%，\u{F900}\u{2F00}ＡＢ体";
        let [(k, n, _), _] = both(text, ScriptCounts::default());
        assert_eq!(key(ScriptTables::get(), text), (k, n));
    }

    proptest::proptest! {
        /// The packed tally counts, keys and lengths as the per-character tally.
        #[test]
        fn packed_tally_agrees_with_the_per_character_tally(
            v in proptest::collection::vec(proptest::prop_oneof![
                (0x4E00u32..=0x9FFF).prop_map(|c| char::from_u32(c).unwrap_or('中')),
                (0u32..0x40000).prop_map(|c| char::from_u32(c).unwrap_or('?')),
                proptest::sample::select(vec![
                    '發', '体', '著', '乾', '干', '臺', '台', '裏', '里', '1', '2', '.', ',',
                    '-', '．', '５', 'A', ' ', '。', '，', '\u{F900}', '\u{2F00}', '\u{2F800}',
                    '\u{200B}', 'ａ', 'é', '$', '\u{3FFF}', '\u{4000}', '\u{4DFF}', '\u{4E00}',
                    '\u{9FFF}', '\u{A000}', '\u{FFFF}', '\u{10000}', '丢', '乾', '亂',
                ]),
            ], 0..80),
            start in (0usize..1000, 0usize..1000, 0usize..1000, 0usize..1000, 0usize..1000),
        ) {
            let text: String = v.iter().collect();
            let start = ScriptCounts {
                traditional: start.0,
                simplified: start.1,
                to_simplified: start.2,
                to_traditional: start.3,
                phrase_to_simplified: start.4,
                partial_t2s: start.0 / 2,
            };
            let [got, want] = both(&text, start);
            proptest::prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    #[test]
    fn invisible_characters_vanish() {
        assert_eq!(k("中\u{200B}文\u{FEFF}\u{00A0}"), "中文");
    }
}
