//! The key pass's fast path for the ideographs of U+4E00–9FFF (most characters
//! of Chinese text): a run of them decoded from their three UTF-8 bytes and looked
//! up in one table of flag bytes and folds ([`Ideographs`]), with the keys and
//! counts [`super::key_pass`] gives each character on its own.

use super::{fold, KeySink, Tally};
use crate::normalize::script::ScriptTables;

/// The run of ideographs of U+4E00–9FFF that starts at byte `at` of the UTF-8
/// text `b`, keyed into `out` and counted into `tally` as
/// [`key_pass`](super::key_pass) keys each: the byte offset past the run and its
/// number of characters (0 when `b[at]` starts no such ideograph). Each is three
/// bytes led by E4–E9, decoded here from its bytes (`b` is UTF-8, so two
/// continuation bytes follow such a lead byte), and looked up in the tables of
/// [`Ideographs`] (their [`Ideographs::parts`]).
#[inline(always)]
pub(super) fn ideograph_run<S: KeySink, T: Tally>(
    (flag, fold): Parts<'_>,
    b: &[u8],
    at: usize,
    out: &mut S,
    tally: &mut T,
) -> (usize, usize) {
    let mut rest = b.get(at..).unwrap_or_default();
    while let [x @ 0xE4..=0xE9, y, z, tail @ ..] = rest {
        let cp = u32::from(x & 0x0F) << 12 | u32::from(y & 0x3F) << 6 | u32::from(z & 0x3F);
        if !(0x4E00..=0x9FFF).contains(&cp) {
            break;
        }
        let i = (cp - 0x4E00) as usize;
        out.at(b.len() - rest.len());
        tally.ideograph(flag[i]);
        out.put(fold[i]);
        rest = tail;
    }
    let past = b.len() - rest.len();
    (past, (past - at) / 3)
}

/// The flag byte ([`ScriptTables::flag`]) and Simplified fold ([`fold`]) of every
/// ideograph of U+4E00–9FFF (index: code point − U+4E00), read once from the
/// process' tables: one load each in [`ideograph_run`], with no bounds test.
pub(super) struct Ideographs {
    flag: Box<[u8; IDEOGRAPHS]>,
    fold: Box<[char; IDEOGRAPHS]>,
}

/// The ideographs of U+4E00–9FFF.
const IDEOGRAPHS: usize = 0xA000 - 0x4E00;

/// The flag bytes and folds of [`Ideographs`], borrowed.
pub(super) type Parts<'t> = (&'t [u8; IDEOGRAPHS], &'t [char; IDEOGRAPHS]);

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
        (&self.flag, &self.fold)
    }

    fn new(tables: &ScriptTables) -> Ideographs {
        let chars = || (0x4E00..0xA000).map(|cp| char::from_u32(cp).unwrap_or_default());
        let flag: Vec<u8> = chars().map(|c| tables.flag(c)).collect();
        let fold: Vec<char> = chars().map(|c| fold(tables, c, tables.flag(c))).collect();
        Ideographs {
            flag: flag
                .into_boxed_slice()
                .try_into()
                .expect("one per ideograph"),
            fold: fold
                .into_boxed_slice()
                .try_into()
                .expect("one per ideograph"),
        }
    }

    /// The flag byte and fold of ideograph `i` (code point − U+4E00).
    #[cfg(test)]
    fn entry(&self, i: usize) -> (u8, char) {
        (self.flag[i], self.fold[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::key::push_key;

    #[test]
    fn the_ideograph_table_is_the_tables_answer() {
        let t = ScriptTables::get();
        let table = Ideographs::get();
        for cp in 0x4E00..0xA000u32 {
            let c = char::from_u32(cp).expect("an ideograph");
            let i = (cp - 0x4E00) as usize;
            assert_eq!(table.entry(i), (t.flag(c), fold(t, c, t.flag(c))), "{c:?}");
        }
    }

    #[test]
    fn located_sinks_see_every_ideograph_at_its_byte() {
        // a sink that records offsets (as `detect::inline` does) gets them per character
        #[derive(Default)]
        struct At(Vec<(usize, char)>, usize);
        impl KeySink for At {
            fn put(&mut self, c: char) {
                self.0.push((self.1, c));
            }
            fn at(&mut self, byte: usize) {
                self.1 = byte;
            }
        }
        let text = "甲乙，丙1.5丁\u{4DFF}體戊";
        let mut got = At::default();
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
            let r = ideograph_run(table, text.as_bytes(), at, &mut key, &mut tally);
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
}
