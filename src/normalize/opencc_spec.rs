//! Which OpenCC dictionaries make up each configuration, and how a group of them
//! becomes `(key, value)` pairs. Shared, through `#[path]`, by `build.rs` (which
//! builds every group's automaton once at build time and serializes it) and by
//! [`super::opencc`] (which loads them, and builds `--dict` files the same way), so
//! that the two cannot disagree. Plain `std` only.
//!
//! Source: the `*.json` configurations of BYVoid/OpenCC at the commit in
//! `data/opencc/VERSION` (Apache-2.0).

/// A dictionary group: dictionary names ([`path`]), earlier ones winning on the same
/// key; a match takes the longest key of all members.
pub type Group = &'static [&'static str];

const TS: Group = &["TSPhrases", "TSCharactersExt", "TSCharacters"];
const ST: Group = &[
    "STPhrases",
    "STPhrases_GeneratedFromRegionalPhrases",
    "STCharacters",
];
const ST_SEG: Group = &["STPhrases", "STPhrases_GeneratedFromRegionalPhrases"];

/// Every group an automaton is built for; a configuration names them by index.
pub const GROUPS: &[Group] = &[
    /* 0 */ &["CJK_Compatibility_Ideographs"],
    /* 1 */ TS,
    /* 2 */ &["TSPhrases"],
    /* 3 */
    &[
        "zhclean/TWVariantsRevPhrases",
        "TWVariantsRevPhrases",
        "TWVariantsRev",
    ],
    /* 4 */ &["HKVariantsRevPhrases", "HKVariantsRev"],
    /* 5 */ ST,
    /* 6 */ ST_SEG,
    /* 7 */ &["TWVariantsPhrases", "TWVariants"],
    /* 8 */ &["TWPhrases", "TWVariantsPhrases", "TWVariants"],
    /* 9 */ &["HKVariantsPhrases", "HKVariants"],
];

/// The file of a dictionary name, relative to the crate root: OpenCC's
/// `data/opencc/{name}.txt`, or zhclean's own additions for a name under `zhclean/`
/// (`data/zhclean/…`).
pub fn path(name: &str) -> String {
    if name.starts_with("zhclean/") {
        format!("data/{name}.txt")
    } else {
        format!("data/opencc/{name}.txt")
    }
}

/// The group of OpenCC's normalization stage (compatibility ideographs).
pub const COMPAT_GROUP: usize = 0;

/// One configuration: its name, its segmentation group (maximum forward matching
/// over phrases; `None`: the whole text is one segment) and its stages in order.
pub struct ConfigSpec {
    /// OpenCC's name (`t2s`, …).
    pub name: &'static str,
    /// Segmentation group.
    pub segmentation: Option<usize>,
    /// Conversion stages, each a group.
    pub stages: &'static [usize],
}

/// The configurations zhclean ships, in `OpenccConfig` order.
pub const CONFIGS: &[ConfigSpec] = &[
    ConfigSpec {
        name: "t2s",
        segmentation: None,
        stages: &[1],
    },
    ConfigSpec {
        name: "tw2s",
        segmentation: Some(2),
        stages: &[3, 1],
    },
    ConfigSpec {
        name: "hk2s",
        segmentation: Some(2),
        stages: &[4, 1],
    },
    ConfigSpec {
        name: "s2t",
        segmentation: None,
        stages: &[5],
    },
    ConfigSpec {
        name: "s2tw",
        segmentation: Some(6),
        stages: &[5, 7],
    },
    ConfigSpec {
        name: "s2twp",
        segmentation: Some(6),
        stages: &[5, 8],
    },
    ConfigSpec {
        name: "s2hk",
        segmentation: Some(6),
        stages: &[5, 9],
    },
];

/// The `(key, value)` pairs of OpenCC text dictionaries (`key<TAB>value value…`, one
/// entry a line, `#` comments), in first-seen order: earlier texts win on the same
/// key, and of several values the first is used.
pub fn pairs<'a>(texts: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for text in texts {
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((k, v)) = line.split_once('\t') else {
                continue;
            };
            let v = v.split(' ').next().unwrap_or(v);
            if k.is_empty() || v.is_empty() || !seen.insert(k) {
                continue;
            }
            out.push((k, v));
        }
    }
    out
}

/// Layout of a group's static tables (built by `build.rs`, read in place by
/// [`super::opencc`]): code points are split into pages of [`PAGE`] characters; the
/// page index holds one `u16` per page (`0x110000 / PAGE` of them), the
/// number of the page's block (block 0 is all zero: no key in the page); a block holds
/// one `u32` entry per character: bit [`PHRASE_START`] is set when a key
/// of two or more characters starts with the character, and the bits of [`INDEX_MASK`]
/// are the pair index of its one-character key plus one (0: none). Integers are in the
/// target's byte order.
pub const PAGE: usize = 256;

/// The entry bit of a character that starts a key of two or more characters.
pub const PHRASE_START: u32 = 1 << 31;

/// The entry bits of the one-character key's pair index + 1.
pub const INDEX_MASK: u32 = (1 << 29) - 1;

/// The pair filter of a group: a bit set of `1 << PAIR_FILTER_BITS` bits (`u32`
/// words, bit `i % 32` of word `i / 32`), bit [`pair_slot`]`(a, b, PAIR_FILTER_BITS)`
/// set for every pair `(a, b)` of its keys of two or more characters (empty when it has
/// none): a walk probes the pair hash table only where the bit is set.
pub const PAIR_FILTER_BITS: u32 = 16;

/// The slot at which the hash table of a group's character pairs (the first two
/// characters of its keys of two or more characters) starts probing for the code points `(a, b)`; the
/// table has `1 << bits` slots of four `u32` (first character, second
/// character, first and end index of the pair's keys in the sorted key table), linear
/// probing, an empty slot has character 0. Fibonacci hashing of the two code points.
pub fn pair_slot(a: u32, b: u32, bits: u32) -> usize {
    let key = ((a as u64) << 21) | b as u64;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}
