//! How the key pass counts the script of the characters it folds: the flag byte
//! ([`ScriptTables::flag`]) of each, into a [`Tally`] (none, per character, or
//! packed into the fields of one register for a short text).

use crate::normalize::script::ScriptCounts;
#[cfg(doc)]
use crate::normalize::script::ScriptTables;
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
    /// Count the flag of any other character (at most four per character of the text).
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

/// Bits per count in a packed tally: five counts in a `u64`.
const FIELD_BITS: u32 = 12;

/// The largest count a field holds.
pub(super) const FIELD_MAX: u64 = (1 << FIELD_BITS) - 1;

/// The longest text (bytes) [`push_key_tally`](super::push_key_tally) counts in packed fields: its
/// ideographs are three bytes each, so no field can pass [`FIELD_MAX`].
pub(super) const PACKED_MAX_BYTES: usize = 3 * FIELD_MAX as usize;

/// Each flag byte as a one in the field of every count it adds to: field 0
/// `traditional` ([`TRAD_ONLY`]), 1 `simplified` ([`SIMP_ONLY`]), 2 `to_traditional`
/// ([`NEEDS_S2T`]), 3 `to_simplified` ([`NEEDS_T2S`]), 4 `phrase_to_simplified`
/// ([`PHRASE_T2S`]), as [`ScriptTables::tally_fold`] counts them.
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
            | ((f & PHRASE_T2S != 0) as u64) << (4 * FIELD_BITS);
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
}
