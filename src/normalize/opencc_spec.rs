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
