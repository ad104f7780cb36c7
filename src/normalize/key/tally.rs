//! How the key pass counts the script of the characters it folds: the flag byte
//! ([`ScriptTables::flag`]) of each, into a [`Tally`] (none, per character, or
//! packed into the fields of one register for a short text). The key pass counts a
//! tally byte ([`tally_byte`]): the flag bits counted, and [`PARTIAL`] for a
//! character partial mode into Simplified may change.

use crate::normalize::gb::GbSets;
use crate::normalize::script::{ScriptCounts, ScriptTables};
use crate::normalize::script_spec::{NEEDS_S2T, NEEDS_T2S, PHRASE_T2S, SIMP_ONLY, TRAD_ONLY};

/// Where the key pass counts the flag byte ([`ScriptTables::flag`]) of each
/// character it folds.
pub(super) trait Tally {
    /// Whether it counts at all: when not, a run of ideographs does not look up
    /// their flags.
    const COUNTS: bool = true;
    /// Count ideographs of U+4E00–9FFF (three bytes of the text each) given as the
    /// sum of their [`FLAG_FIELDS`] entries: a run of at most
    /// [`RUN`](super::ideographs::RUN) of them, so no field of the sum passes
    /// [`FIELD_MAX`].
    fn ideographs(&mut self, fields: u64);
    /// Count the tally byte ([`tally_byte`]) of any other character (at most four per
    /// character of the text).
    fn other(&mut self, f: u8);
}

/// No counting ([`push_key`](super::push_key)).
pub(super) struct NoTally;

impl Tally for NoTally {
    const COUNTS: bool = false;
    #[inline(always)]
    fn ideographs(&mut self, _: u64) {}
    #[inline(always)]
    fn other(&mut self, _: u8) {}
}

/// Straight into the counts, per character (a text longer than [`PACKED_MAX_BYTES`]).
pub(super) struct Direct<'a>(pub(super) &'a mut ScriptCounts);

impl Tally for Direct<'_> {
    #[inline(always)]
    fn ideographs(&mut self, fields: u64) {
        add_fields(self.0, fields);
    }
    #[inline(always)]
    fn other(&mut self, f: u8) {
        add_fields(self.0, FLAG_FIELDS[usize::from(f)]);
    }
}

/// Ideographs into [`FIELD_BITS`]-bit fields of one `u64` (one add per character;
/// the caller adds `fields` to `counts` at the end); the other, rare, characters
/// straight into `counts`, so that only ideographs, at most one per three bytes of
/// the text, fill the fields.
pub(super) struct Packed<'a> {
    pub(super) fields: u64,
    pub(super) counts: &'a mut ScriptCounts,
}

impl<'a> Packed<'a> {
    /// No ideograph counted yet; the others go to `counts`.
    #[inline(always)]
    pub(super) fn new(counts: &'a mut ScriptCounts) -> Self {
        Packed { fields: 0, counts }
    }
}

impl Tally for Packed<'_> {
    #[inline(always)]
    fn ideographs(&mut self, fields: u64) {
        self.fields += fields;
    }
    #[inline(always)]
    fn other(&mut self, f: u8) {
        add_fields(self.counts, FLAG_FIELDS[usize::from(f)]);
    }
}

/// The bit of a tally byte ([`tally_byte`]) set for a character
/// [`ScriptTables::partial_t2s`] is true of (in the flag byte it is
/// [`crate::normalize::script_spec::REGIONAL`], which the tally does not count).
pub(super) const PARTIAL: u8 = 0x80;

/// The byte the key pass counts for `c`, whose flag byte is `f`: the bits of `f`
/// [`FLAG_FIELDS`] counts, and [`PARTIAL`] when [`ScriptTables::partial_t2s`] is
/// true of `c`.
// (not inlined: the key pass asks it only of characters off its fast paths, and its
// table lookups inlined there cost the fast paths' code more than the call)
#[inline(never)]
pub(super) fn tally_byte(tables: &ScriptTables, c: char, f: u8) -> u8 {
    let counted = TRAD_ONLY | SIMP_ONLY | NEEDS_S2T | NEEDS_T2S | PHRASE_T2S;
    f & counted
        | if tables.partial_t2s(c, GbSets::get()) {
            PARTIAL
        } else {
            0
        }
}

/// Bits per count in a packed tally: six counts in a `u64`.
const FIELD_BITS: u32 = 10;

/// The largest count a field holds.
pub(super) const FIELD_MAX: u64 = (1 << FIELD_BITS) - 1;

/// The longest text (bytes) [`push_key_tally`](super::push_key_tally) counts in packed fields: its
/// ideographs are three bytes each, so no field can pass [`FIELD_MAX`].
pub(super) const PACKED_MAX_BYTES: usize = 3 * FIELD_MAX as usize;

/// Each flag byte as a one in the field of every count it adds to: field 0
/// `traditional` ([`TRAD_ONLY`]), 1 `simplified` ([`SIMP_ONLY`]), 2 `to_traditional`
/// ([`NEEDS_S2T`]), 3 `to_simplified` ([`NEEDS_T2S`]), 4 `phrase_to_simplified`
/// ([`PHRASE_T2S`]), 5 `partial_t2s` ([`PARTIAL`]), as [`ScriptTables::tally_fold`]
/// counts them.
pub(super) static FLAG_FIELDS: [u64; 256] = flag_fields();

const fn flag_fields() -> [u64; 256] {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        let f = i as u8;
        t[i] = (f & TRAD_ONLY != 0) as u64
            | ((f & SIMP_ONLY != 0) as u64) << FIELD_BITS
            | ((f & NEEDS_S2T != 0) as u64) << (2 * FIELD_BITS)
            | ((f & NEEDS_T2S != 0) as u64) << (3 * FIELD_BITS)
            | ((f & PHRASE_T2S != 0) as u64) << (4 * FIELD_BITS)
            | ((f & PARTIAL != 0) as u64) << (5 * FIELD_BITS);
        i += 1;
    }
    t
}

/// Add packed counts (fields of [`FLAG_FIELDS`]) to `counts`.
#[inline(always)]
pub(super) fn add_fields(counts: &mut ScriptCounts, fields: u64) {
    let field = |k: u32| ((fields >> (k * FIELD_BITS)) & FIELD_MAX) as usize;
    counts.traditional += field(0);
    counts.simplified += field(1);
    counts.to_traditional += field(2);
    counts.to_simplified += field(3);
    counts.phrase_to_simplified += field(4);
    counts.partial_t2s += field(5);
}

#[cfg(test)]
mod tests {
    use super::super::push_key_tally;
    use crate::config::PunctMode;
    use crate::normalize::gb::GbSets;
    use crate::normalize::script::{Mode, ScriptCounts, ScriptTables, Target};
    use crate::normalize::text::{tidy_line, TextStats};

    /// Whether `line` is asked [`ScriptTables::needs_conversion`] in partial mode into
    /// Simplified wherever its tidied form (either punctuation mode) needs it: its key
    /// pass counted a character partial mode may change, or tidying decoded an entity
    /// (`clean::render`'s gate). With `decoding`, a line the gate is on for only by
    /// the entity it decodes.
    fn asked_where_needed(line: &str, decoding: bool) -> bool {
        let t = ScriptTables::get();
        let mut counts = ScriptCounts::default();
        let mut keys = Vec::new();
        push_key_tally(t, line, &mut keys, &mut counts);
        [PunctMode::Fullwidth, PunctMode::Keep].iter().all(|&p| {
            let mut stats = TextStats::default();
            let tidy = tidy_line(line, p, &mut stats);
            let need = t.needs_conversion(&tidy, Target::ZhHans, Mode::Partial);
            if decoding {
                need && counts.partial_t2s == 0 && stats.entities_decoded > 0
            } else {
                !need || counts.partial_t2s > 0 || stats.entities_decoded > 0
            }
        })
    }

    #[test]
    fn a_tidied_character_partial_mode_changes_was_counted() {
        let t = ScriptTables::get();
        let gb = GbSets::get();
        // every character alone and between ideographs (compatibility ideographs
        // and Kangxi radicals tidying unifies, full-width forms, everything)
        let mut counted = 0;
        for c in (0..0x4_0000).filter_map(char::from_u32) {
            assert!(asked_where_needed(&c.to_string(), false), "{c:?}");
            assert!(asked_where_needed(&format!("中{c}文 "), false), "{c:?}");
            counted += usize::from(t.partial_t2s(c, gb));
        }
        assert!(counted > 100, "{counted}");
        // compatibility ideographs whose unified form partial mode changes
        let compat = (0xF900..0xFB00)
            .filter_map(char::from_u32)
            .filter(|&c| crate::chars::unified_ideograph(c).is_some_and(|u| t.partial_t2s(u, gb)))
            .inspect(|&c| assert!(asked_where_needed(&format!("说{c}话"), false)))
            .count();
        assert!(compat > 0);
        // entities decoded into such characters: the gate is on for their lines only
        // by the decoding (麼 is U+9EBC, 鑑 U+9451)
        for line in ["&#x9EBC;中国", "说&#37969;了", "&amp;#x9EBC;"] {
            assert!(asked_where_needed(line, true), "{line}");
            assert!(asked_where_needed(line, false), "{line}");
        }
        for line in ["说&amp;做", "乾崑", "\u{F900}\u{2F00}鑑"] {
            assert!(asked_where_needed(line, false), "{line}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_random_line_is_asked_where_it_needs_it(v in proptest::collection::vec(
            proptest::sample::select(vec![
                "中", "国", "麼", "鑑", "乾", "著", "體", "发", "發", "裏", "里", "&#x9EBC;",
                "&#37969;", "&amp;", "&", "#", "x", ";", "9", "\u{F900}", "\u{F9A8}", "\u{2F00}",
                "\u{2E8C}", "\u{FA0C}", "\u{2F800}", "\u{20000}", "\u{3400}", "，", "。", ",",
                ".", " ", "\u{A0}", "\u{200B}", "ａ", "Ａ", "１", "\t", "（", "(",
            ]),
            0..40,
        )) {
            let line: String = v.concat();
            proptest::prop_assert!(asked_where_needed(&line, false), "{:?}", line);
        }
    }
}
