//! What a conversion into Simplified in full mode may leave for the fixed point of
//! `clean::convert_to_fixpoint`: the characters partial mode would still change
//! ([`crate::normalize::script::ScriptTables::partial_t2s`]) that the last stage of
//! `t2s`, `tw2s` and `hk2s` (`t2s`'s group: `TSPhrases`, `TSCharactersExt`,
//! `TSCharacters`) writes.
//!
//! Why no other such character can be in the output: the last stage walks its whole
//! input (a segment at a time or not), and at each position writes the value of the
//! longest key starting there, or copies the one character when no key starts there.
//! Every character `partial_t2s` says yes to has a key of its own in that group (a
//! one-character key: `TSCharacters` changes it), so it is never copied: each
//! output character is a copied one (so not such a character) or one of a value.
//! The test below checks both facts against the tables: the one-character keys, and
//! the values (every value of the group, not only those a text can reach).

/// The characters [`crate::normalize::script::ScriptTables::partial_t2s`] says yes to
/// in the values of `t2s`'s group: 苧 (薴 → 苧, which t2s turns into 苎 in turn).
pub(super) const FULL_T2S_RESIDUE: [char; 1] = ['苧'];

#[cfg(test)]
mod tests {
    use super::super::{dict, Dict, OpenccConfig};
    use super::*;
    use crate::normalize::gb::GbSets;
    use crate::normalize::opencc_spec::INDEX_MASK;
    use crate::normalize::script::ScriptTables;
    use crate::normalize::script_spec::TABLE_LEN;

    #[test]
    fn full_t2s_writes_no_other_partial_character() {
        let (t, gb) = (ScriptTables::get(), GbSets::get());
        let partial: Vec<char> = (0..TABLE_LEN as u32)
            .filter_map(char::from_u32)
            .filter(|&c| t.partial_t2s(c, gb))
            .collect();
        assert!(partial.len() > 1000, "{}", partial.len());
        for cfg in [OpenccConfig::T2s, OpenccConfig::Tw2s, OpenccConfig::Hk2s] {
            let last = *cfg.spec().stages.last().expect("a stage");
            let Dict::Static(g) = dict(last) else {
                panic!("{}: a built-in group", cfg.name());
            };
            // every such character has a key of its own: never copied
            for &c in &partial {
                assert!(g.entry(c as u32) & INDEX_MASK != 0, "{}: {c}", cfg.name());
            }
            // and the values write no such character but these
            let mut written: Vec<char> = (0..g.pair_count())
                .flat_map(|i| g.value(i).chars())
                .filter(|&c| t.partial_t2s(c, gb))
                .collect();
            written.sort_unstable();
            written.dedup();
            assert_eq!(written, FULL_T2S_RESIDUE, "{}", cfg.name());
        }
    }
}
