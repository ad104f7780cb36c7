//! The per-character script tables, computed from OpenCC's character and phrase
//! tables (Apache-2.0, `data/opencc/`, the same files the converter's automata are
//! built from): which characters t2s or s2t may
//! change, which exist in one script only, each character's Simplified fold for the
//! matching key, and the phrases that alone convert some character. Shared, through
//! `#[path]`, by `build.rs` (which computes the tables once, at build time, into
//! `OUT_DIR`) and by [`super::script`] (which reads them as static data, so a run
//! pays nothing to build them). Plain `std` only.

/// Code points covered by the dense tables (BMP and the CJK extension planes 2 and 3).
pub const TABLE_LEN: usize = 0x40000;

/// t2s may change the character (some candidate differs from it).
pub const NEEDS_T2S: u8 = 1;
/// s2t may change the character.
pub const NEEDS_S2T: u8 = 2;
/// The character exists only in Traditional text.
pub const TRAD_ONLY: u8 = 4;
/// The character exists only in Simplified text.
pub const SIMP_ONLY: u8 = 8;
/// The matching key folds the character to another one.
pub const FOLD: u8 = 16;
/// t2s changes the character only inside some phrase.
pub const PHRASE_T2S: u8 = 32;
/// A Traditional-only character that t2s phrases keep (著 in 显著): not evidence of
/// Traditional text on its own.
pub const IN_SIMPLIFIED: u8 = 64;
/// A regional form ([`regional_forms`]): the one flag `super::region` reads per
/// character before it looks the form up.
pub const REGIONAL: u8 = 128;

/// Most Taiwan/standard pairs [`regional_forms`] may give (14 at the pinned OpenCC
/// commit).
pub const MAX_PAIRS: usize = 32;

/// One regional form of `super::region`: (character, the Taiwan/standard pair it is
/// the Taiwan form of (1-based; 0: none), the pair it is the standard form of
/// (1-based; 0: none), whether it is a Hong Kong form).
pub type RegionalForm = (char, u8, u8, bool);

/// OpenCC text dictionaries merged as a dictionary group reads them: the first line
/// of each key wins (`#` comments and lines without a tab dropped).
pub fn first_entries(texts: &[&str]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for text in texts {
        for line in text.lines() {
            let Some((k, _)) = line.split_once('\t') else {
                continue;
            };
            if line.starts_with('#') || !seen.insert(k) {
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `(key, first value)` of the single-character entries of an OpenCC table whose
/// value differs from the key.
fn char_pairs(table: &str) -> impl Iterator<Item = (char, char)> + '_ {
    table.lines().filter_map(|l| {
        let (k, v) = l.split_once('\t')?;
        let mut kc = k.chars();
        let k = kc.next()?;
        let v = v.split(' ').next()?.chars().next()?;
        (kc.next().is_none() && k != v).then_some((k, v))
    })
}

/// The regional forms (see `super::region` for the rule) from the texts of OpenCC's
/// `TWVariants`, `HKVariants` and `STCharacters`, sorted by character. Panics when
/// the tables give more than [`MAX_PAIRS`] Taiwan/standard pairs.
pub fn regional_forms(
    tw_variants: &str,
    hk_variants: &str,
    st_characters: &str,
) -> Vec<RegionalForm> {
    use std::collections::{BTreeMap, HashSet};
    let s2t: HashSet<char> = st_characters
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .flat_map(|(_, v)| v.split(' ').filter_map(|c| c.chars().next()))
        .collect();
    let tw_vals: HashSet<char> = char_pairs(tw_variants).map(|(_, v)| v).collect();
    let hk_vals: HashSet<char> = char_pairs(hk_variants).map(|(_, v)| v).collect();
    let mut forms: BTreeMap<char, (u8, u8, bool)> = BTreeMap::new();
    let mut n = 0u8;
    for (k, v) in char_pairs(tw_variants) {
        if !hk_vals.contains(&v) && !s2t.contains(&v) {
            n += 1;
            assert!(
                usize::from(n) <= MAX_PAIRS,
                "more Taiwan forms than MAX_PAIRS"
            );
            forms.entry(v).or_default().0 = n;
            forms.entry(k).or_default().1 = n;
        }
    }
    for (_, v) in char_pairs(hk_variants) {
        if !tw_vals.contains(&v) && !s2t.contains(&v) {
            forms.entry(v).or_default().2 = true;
        }
    }
    forms
        .into_iter()
        .map(|(c, (t, s, h))| (c, t, s, h))
        .collect()
}

/// The tables from the texts of `TSCharacters`, `STCharacters`, `TSPhrases` and of
/// regional variant tables whose values are Traditional text's characters too
/// (`TWVariants`):
/// `(flags, fold, phrases)`, `flags` and `fold` of [`TABLE_LEN`] entries (a
/// character's fold is itself unless its [`FOLD`] flag is set).
pub fn tables<'a>(
    ts_characters: &'a str,
    st_characters: &'a str,
    ts_phrases: &'a str,
    regional_variants: &[&'a str],
) -> (Vec<u8>, Vec<char>, Vec<String>) {
    let mut flags = vec![0u8; TABLE_LEN];
    let mut fold: Vec<char> = Vec::with_capacity(TABLE_LEN);
    fold.extend((0..TABLE_LEN as u32).map(|c| char::from_u32(c).unwrap_or('\u{fffd}')));
    let entries = |data: &'a str| {
        data.lines().filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k, v.split(' ').collect::<Vec<&str>>()))
        })
    };
    let single = |k: &str| {
        let mut it = k.chars();
        let c = it.next()?;
        (it.next().is_none() && (c as usize) < TABLE_LEN).then_some(c)
    };
    let first_char = |v: &str| v.chars().next();
    let mut ts_first_differs = vec![false; TABLE_LEN];
    for (k, vals) in entries(ts_characters) {
        let Some(k) = single(k) else { continue };
        let cands: Vec<char> = vals.iter().filter_map(|v| first_char(v)).collect();
        let first = cands.first().copied().unwrap_or(k);
        if first != k {
            flags[k as usize] |= NEEDS_T2S;
            ts_first_differs[k as usize] = true;
            flags[k as usize] |= FOLD;
            fold[k as usize] = first;
        }
    }
    // alternative Simplified forms of a Traditional character fold to the first
    // one, so that 鍾繇 (folded by the character table to 钟繇) and 锺繇 (OpenCC's
    // phrase conversion) match
    for (k, vals) in entries(ts_characters) {
        let Some(k) = single(k) else { continue };
        let cands: Vec<char> = vals.iter().filter_map(|v| first_char(v)).collect();
        let first = cands.first().copied().unwrap_or(k);
        if first == k {
            continue; // 哩 -> 哩 里: 里 is not an alternative form of anything here
        }
        for &alt in cands.iter().skip(1) {
            if (alt as usize) < TABLE_LEN && alt != first && flags[alt as usize] & FOLD == 0 {
                flags[alt as usize] |= FOLD;
                fold[alt as usize] = first;
            }
        }
    }
    // the forms Taiwan's standard writes (TWVariants 着 -> 著, 僞 -> 偽) fold as the
    // standard form does: OpenCC's t2s keeps 著 (显著), so without this a Taiwan copy
    // (看著) and a Simplified one (看着) would differ in their matching keys. A form
    // that t2s writes for another character (么 for 麼, 秘 for 祕) keeps its key:
    // Simplified text is full of it
    let mut t2s_output = vec![false; TABLE_LEN];
    for (k, vals) in entries(ts_characters) {
        let (Some(k), Some(first)) = (single(k), vals.first().and_then(|v| first_char(v))) else {
            continue;
        };
        if first != k && (first as usize) < TABLE_LEN {
            t2s_output[first as usize] = true;
        }
    }
    for text in regional_variants {
        for (k, vals) in entries(text) {
            let Some(k) = single(k) else { continue };
            let target = if flags[k as usize] & FOLD != 0 {
                fold[k as usize]
            } else {
                k
            };
            for c in vals.iter().filter_map(|v| single(v)) {
                if c != target && flags[c as usize] & FOLD == 0 && !t2s_output[c as usize] {
                    flags[c as usize] |= FOLD;
                    fold[c as usize] = target;
                }
            }
        }
    }
    // the fold must be a fixed point (a key of a key is the key): follow chains
    for c in 0..TABLE_LEN {
        if flags[c] & FOLD == 0 {
            continue;
        }
        let mut t = fold[c];
        for _ in 0..8 {
            let ti = t as usize;
            if ti < TABLE_LEN && flags[ti] & FOLD != 0 && fold[ti] != t {
                t = fold[ti];
            } else {
                break;
            }
        }
        if t as usize == c {
            flags[c] &= !FOLD;
        }
        fold[c] = t;
    }
    let mut ts_key = vec![false; TABLE_LEN];
    for (k, _) in entries(ts_characters) {
        if let Some(k) = single(k) {
            ts_key[k as usize] = true;
        }
    }
    // the forms Taiwan's standard writes (TWVariants 羣 -> 群, 祕 -> 秘) are
    // Traditional text's too, although s2t writes the standard form instead. Hong
    // Kong's own forms (温 税 叁) stay Simplified-only: outside Hong Kong text they
    // are Simplified, and into zh-hk the conversion writes them back
    // (`--to zh-tw` turns 温 into 溫)
    for text in regional_variants {
        for (_, vals) in entries(text) {
            for c in vals.iter().flat_map(|v| v.chars()) {
                if (c as usize) < TABLE_LEN {
                    ts_key[c as usize] = true;
                }
            }
        }
    }
    for (k, vals) in entries(st_characters) {
        let Some(k) = single(k) else { continue };
        let cands: Vec<char> = vals.iter().filter_map(|v| first_char(v)).collect();
        if cands.iter().any(|&c| c != k) {
            flags[k as usize] |= NEEDS_S2T;
        }
        // Simplified-only: s2t never keeps it (no candidate is the character itself)
        // and Traditional text has no use for it (it is no t2s key and no Taiwan
        // form: 群 峰 床 秘, which s2t writes 羣 峯 牀 祕, are Taiwan's). 台 后 里 干
        // 余 游 范 准 list themselves among their candidates: both scripts use them.
        if !cands.is_empty() && !cands.contains(&k) && !ts_key[k as usize] {
            flags[k as usize] |= SIMP_ONLY;
        }
    }
    for (c, f) in flags.iter_mut().enumerate() {
        if ts_first_differs[c] && *f & NEEDS_S2T == 0 {
            *f |= TRAD_ONLY;
        }
    }
    // characters that only a phrase converts (幷 in 幷州 -> 并州, 著 in some
    // phrases): a line holding one is checked against the phrases themselves
    let mut phrases = Vec::new();
    for (k, vals) in entries(ts_phrases) {
        // Traditional-only characters that a t2s phrase leaves in its Simplified
        // result (顯著 -> 显著, 楊聯陞 -> 杨联陞): Simplified text uses them too, so
        // alone they do not make a line Traditional
        for c in vals.iter().flat_map(|v| v.chars()) {
            if (c as usize) < TABLE_LEN && flags[c as usize] & TRAD_ONLY != 0 {
                flags[c as usize] |= IN_SIMPLIFIED;
            }
        }
        let v = vals.first().copied().unwrap_or(k);
        if k == v {
            continue;
        }
        let (kc, vc): (Vec<char>, Vec<char>) = (k.chars().collect(), v.chars().collect());
        if kc
            .iter()
            .any(|&c| (c as usize) < TABLE_LEN && flags[c as usize] & NEEDS_T2S != 0)
        {
            continue; // the line goes to the converter anyway
        }
        if kc.len() == vc.len() && kc.iter().zip(&vc).all(|(a, b)| a != b) {
            // a whole-word substitution (Cantonese 新抱 -> 媳妇) is vocabulary, not
            // script: not worth a check on every line holding 新
            continue;
        }
        let mut needs_phrase = false;
        for (i, &c) in kc.iter().enumerate() {
            let changed = kc.len() != vc.len() || vc[i] != c;
            if changed && (c as usize) < TABLE_LEN && flags[c as usize] & NEEDS_T2S == 0 {
                flags[c as usize] |= PHRASE_T2S;
                needs_phrase = true;
            }
        }
        if needs_phrase {
            phrases.push(k.to_string());
        }
    }
    (flags, fold, phrases)
}
