//! Script normalization: which characters are Traditional-only or Simplified-only,
//! and the converter that rewrites a paragraph into the target script.
//!
//! Detection uses OpenCC's single-character tables (`TSCharacters`, `STCharacters`,
//! Apache-2.0, embedded from `data/`), so deciding whether a paragraph needs conversion
//! costs one table lookup per character and no conversion at all when nothing matches.
//! Conversion itself sits behind [`ScriptConverter`]: the default backend is zhclean's
//! own ([`super::opencc::OpenccConverter`]), opencc-fmmseg stays as an option, and the
//! `opencc-cpp` feature adds the system OpenCC. This module owns the rules of what a
//! conversion may change ([`Mode`], [`KeepSimplified`], [`KeepTraditional`],
//! [`holds_kana`]) and the GB2312/GBK sets they use ([`GbSets`]).

/// The script the output is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// Simplified Chinese (OpenCC `t2s`).
    ZhHans,
    /// Traditional Chinese, OpenCC standard (`s2t`).
    ZhHant,
    /// Traditional Chinese, Taiwan standard (`s2tw`).
    ZhTw,
    /// Traditional Chinese, Hong Kong standard (`s2hk`).
    ZhHk,
    /// Leave the script as it is.
    Keep,
}

impl Target {
    /// The OpenCC configuration name for converting into this target, `None` for `Keep`.
    pub fn opencc_config(self) -> Option<&'static str> {
        match self {
            Target::ZhHans => Some("t2s"),
            Target::ZhHant => Some("s2t"),
            Target::ZhTw => Some("s2tw"),
            Target::ZhHk => Some("s2hk"),
            Target::Keep => None,
        }
    }
}

/// Converts text between Chinese scripts. Implementations must be deterministic,
/// must not panic on any input (NUL bytes included) and must leave punctuation alone.
pub trait ScriptConverter: Send + Sync {
    /// Convert `text` into `target`. `Target::Keep` returns the text unchanged.
    fn convert(&self, text: &str, target: Target) -> String;
    /// Convert `text` into `target`, letting `policy` decide each dictionary match
    /// (what to write for a matched key). A backend that cannot report its matches
    /// converts the whole text and hands `policy` every changed character as a match
    /// of its own when the character count is unchanged, else the whole text.
    fn convert_with(&self, text: &str, target: Target, policy: &dyn MatchPolicy) -> String {
        let conv = self.convert(text, target);
        if conv == text {
            return conv;
        }
        let mut out = String::with_capacity(conv.len());
        if text.chars().count() != conv.chars().count() {
            policy.apply(text, &conv, &mut out);
            return out;
        }
        let mut kb = [0u8; 4];
        let mut vb = [0u8; 4];
        for (k, v) in text.chars().zip(conv.chars()) {
            if k == v {
                out.push(k);
            } else {
                policy.apply(k.encode_utf8(&mut kb), v.encode_utf8(&mut vb), &mut out);
            }
        }
        out
    }
    /// Convert `text`, written in `region`'s standard, into `target`: into
    /// Simplified, OpenCC's `tw2s` or `hk2s` instead of `t2s` (see
    /// [`super::region`]); each match decided by `policy` when one is given. A
    /// backend without regional configurations ignores `region`.
    fn convert_from(
        &self,
        text: &str,
        target: Target,
        region: Region,
        policy: Option<&dyn MatchPolicy>,
    ) -> String {
        let _ = region;
        match policy {
            Some(p) => self.convert_with(text, target, p),
            None => self.convert(text, target),
        }
    }
    /// A short name for the report and `--version` output.
    fn name(&self) -> &'static str;
}

/// Decides what a dictionary match writes: `key` is the matched input text, `value`
/// what the dictionary would write; the policy appends one of them (or a mix) to `out`.
pub trait MatchPolicy {
    /// Append the text to write for `key` (matched) whose conversion is `value`.
    fn apply(&self, key: &str, value: &str, out: &mut String);
}

use super::region::Region;
use std::sync::OnceLock;

const TS_CHARACTERS: &str = include_str!("data/TSCharacters.txt");
const ST_CHARACTERS: &str = include_str!("data/STCharacters.txt");

/// Code points covered by the dense tables (BMP and the CJK extension planes 2 and 3).
const TABLE_LEN: usize = 0x40000;

const TS_PHRASES: &str = include_str!("data/TSPhrases.txt");

/// t2s may change the character (some candidate differs from it).
const NEEDS_T2S: u8 = 1;
/// s2t may change the character.
const NEEDS_S2T: u8 = 2;
/// The character exists only in Traditional text.
const TRAD_ONLY: u8 = 4;
/// The character exists only in Simplified text.
const SIMP_ONLY: u8 = 8;
/// The matching key folds the character to another one.
const FOLD: u8 = 16;
/// t2s changes the character only inside some phrase.
const PHRASE_T2S: u8 = 32;
/// A Traditional-only character that t2s phrases keep (著 in 显著): not evidence of
/// Traditional text on its own.
const IN_SIMPLIFIED: u8 = 64;

/// How much of a line a conversion may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// OpenCC's conversion as it is (the document is in the source script).
    Full,
    /// Only what is not valid in the target script (see [`KeepSimplified`] and
    /// [`KeepTraditional`]): the document is already in the target script, or mixed.
    Partial,
}

/// GB2312 and GBK membership of BMP code points, from encoding_rs's GBK decoder
/// (GB2312: lead bytes 0xA1–0xF7, trail bytes 0xA1–0xFE; GBK: lead 0x81–0xFE, trail
/// 0x40–0xFE). Two bitsets of 8 KiB, built on first use in about 0.1 ms.
pub struct GbSets {
    gb2312: Vec<u64>,
    gbk: Vec<u64>,
}

impl GbSets {
    /// The sets, built once per process.
    pub fn get() -> &'static GbSets {
        static SETS: OnceLock<GbSets> = OnceLock::new();
        SETS.get_or_init(GbSets::build)
    }

    fn build() -> GbSets {
        let mut gb2312 = vec![0u64; 1024];
        let mut gbk = vec![0u64; 1024];
        // every pair followed by a line break: an unmapped pair decodes to U+FFFD (and
        // an ASCII trail byte to itself), so each piece is one character or not valid
        let mut bytes = Vec::with_capacity(126 * 191 * 3);
        let mut pairs = Vec::with_capacity(126 * 191);
        for b1 in 0x81u8..=0xFE {
            for b2 in 0x40u8..=0xFE {
                if b2 == 0x7F {
                    continue;
                }
                bytes.extend_from_slice(&[b1, b2, b'\n']);
                pairs.push((b1, b2));
            }
        }
        let (text, _) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
        for (piece, &(b1, b2)) in text.split('\n').zip(&pairs) {
            let mut it = piece.chars();
            let (Some(c), None) = (it.next(), it.next()) else {
                continue;
            };
            let i = c as usize;
            if c == '\u{FFFD}' || i >= 0x10000 {
                continue;
            }
            gbk[i / 64] |= 1 << (i % 64);
            if (0xA1..=0xF7).contains(&b1) && b2 >= 0xA1 {
                gb2312[i / 64] |= 1 << (i % 64);
            }
        }
        GbSets { gb2312, gbk }
    }

    /// Whether GB2312 holds `c`.
    pub fn gb2312(&self, c: char) -> bool {
        let i = c as usize;
        i < 0x10000 && self.gb2312[i / 64] >> (i % 64) & 1 != 0
    }

    /// Whether GBK holds `c` (ASCII included).
    pub fn gbk(&self, c: char) -> bool {
        let i = c as usize;
        i < 0x80 || (i < 0x10000 && self.gbk[i / 64] >> (i % 64) & 1 != 0)
    }
}

/// The partial-mode policy into Simplified: a matched character is changed only when
/// GB2312 lacks it (a character GB2312 holds is valid Simplified text and stays), no
/// t2s phrase writes it ([`ScriptTables::partial_t2s`]), and
/// GBK holds its replacement or `input` already has it (no rare code point that fonts
/// and tools lack is introduced). The match gives the context: 乾隆 stays, 瞭望 stays.
pub struct KeepSimplified<'a> {
    /// The script tables ([`ScriptTables::partial_t2s`]).
    pub tables: &'static ScriptTables,
    /// GB2312 and GBK.
    pub gb: &'static GbSets,
    /// The text being converted (a replacement it already holds is allowed).
    pub input: &'a str,
}

impl MatchPolicy for KeepSimplified<'_> {
    fn apply(&self, key: &str, value: &str, out: &mut String) {
        let ok = |k: char, v: char| {
            k == v
                || (self.tables.partial_t2s(k, self.gb)
                    && (self.gb.gbk(v) || self.input.contains(v)))
        };
        if key.chars().count() == value.chars().count() {
            for (k, v) in key.chars().zip(value.chars()) {
                out.push(if k != v && ok(k, v) { v } else { k });
            }
        } else if key.chars().all(|k| self.tables.partial_t2s(k, self.gb))
            && value
                .chars()
                .all(|v| self.gb.gbk(v) || self.input.contains(v))
        {
            out.push_str(value);
        } else {
            out.push_str(key);
        }
    }
}

/// The partial-mode policy into Traditional: a match is converted only when its key
/// holds a character that exists only in Simplified text ([`ScriptTables::simplified_only`]);
/// a key made of characters Traditional text uses too (干 in 干預, 里 in 里約) is
/// left as it is, so text already in Traditional is not rewritten.
pub struct KeepTraditional {
    /// The script tables.
    pub tables: &'static ScriptTables,
}

impl MatchPolicy for KeepTraditional {
    fn apply(&self, key: &str, value: &str, out: &mut String) {
        if key.chars().any(|c| self.tables.simplified_only(c)) {
            out.push_str(value);
        } else {
            out.push_str(key);
        }
    }
}

/// Whether `text` holds kana (hiragana U+3041–3096, katakana U+30A1–30FA): a line
/// holding kana is Japanese, and is not converted.
pub fn holds_kana(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}'))
}

/// Per-character script facts from OpenCC's character tables.
pub struct ScriptTables {
    flags: Vec<u8>,
    fold: Vec<char>,
    phrases: aho_corasick::AhoCorasick,
}

/// Counts of script-specific characters in a text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Characters that exist only in Traditional text.
    pub traditional: usize,
    /// Characters that exist only in Simplified text.
    pub simplified: usize,
    /// Characters a conversion to Simplified would change.
    pub to_simplified: usize,
    /// Characters a conversion to Traditional would change.
    pub to_traditional: usize,
    /// Characters that a conversion to Simplified changes inside some phrases only.
    pub phrase_to_simplified: usize,
}

impl ScriptCounts {
    /// `traditional`, `simplified`, `mixed` (the minority is at least 10 %) or `none`.
    pub fn detected(&self) -> &'static str {
        let (t, s) = (self.traditional, self.simplified);
        if t + s == 0 {
            "none"
        } else if t * 10 < s {
            "simplified"
        } else if s * 10 < t {
            "traditional"
        } else {
            "mixed"
        }
    }
}

impl ScriptTables {
    /// The tables, built once per process from the embedded OpenCC data (about 8,000 lines).
    pub fn get() -> &'static ScriptTables {
        static TABLES: OnceLock<ScriptTables> = OnceLock::new();
        TABLES.get_or_init(ScriptTables::build)
    }

    fn build() -> ScriptTables {
        let mut flags = vec![0u8; TABLE_LEN];
        let mut fold: Vec<char> = Vec::with_capacity(TABLE_LEN);
        fold.extend((0..TABLE_LEN as u32).map(|c| char::from_u32(c).unwrap_or('\u{fffd}')));
        let entries = |data: &'static str| {
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
        for (k, vals) in entries(TS_CHARACTERS) {
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
        for (k, vals) in entries(TS_CHARACTERS) {
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
        for (k, _) in entries(TS_CHARACTERS) {
            if let Some(k) = single(k) {
                ts_key[k as usize] = true;
            }
        }
        for (k, vals) in entries(ST_CHARACTERS) {
            let Some(k) = single(k) else { continue };
            let cands: Vec<char> = vals.iter().filter_map(|v| first_char(v)).collect();
            if cands.iter().any(|&c| c != k) {
                flags[k as usize] |= NEEDS_S2T;
            }
            // Simplified-only: s2t never keeps it (no candidate is the character itself)
            // and Traditional text has no use for it (it is no t2s key). 台 后 里 干 余
            // 游 范 准 list themselves among their candidates: both scripts use them.
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
        for (k, vals) in entries(TS_PHRASES) {
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
        let phrases = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)
            .expect("phrase automaton");
        ScriptTables {
            flags,
            fold,
            phrases,
        }
    }

    /// Count `c` into `n` and return its Simplified fold: the one lookup the key pass
    /// makes per ideograph.
    #[inline]
    pub fn tally_fold(&self, c: char, n: &mut ScriptCounts) -> char {
        let f = self.flag(c);
        if f == 0 {
            return c;
        }
        n.traditional += usize::from(f & TRAD_ONLY != 0);
        n.simplified += usize::from(f & SIMP_ONLY != 0);
        n.to_traditional += usize::from(f & NEEDS_S2T != 0);
        n.to_simplified += usize::from(f & NEEDS_T2S != 0);
        n.phrase_to_simplified += usize::from(f & PHRASE_T2S != 0);
        if f & FOLD != 0 {
            self.fold[c as usize]
        } else {
            c
        }
    }

    #[inline]
    fn flag(&self, c: char) -> u8 {
        self.flags.get(c as usize).copied().unwrap_or(0)
    }

    /// Fold one character to its Simplified form (first OpenCC candidate); other
    /// characters are returned unchanged.
    #[inline]
    pub fn fold_t2s(&self, c: char) -> char {
        if self.flag(c) & FOLD != 0 {
            self.fold[c as usize]
        } else {
            c
        }
    }

    /// Whether a line `text` is to be converted into `target` in `mode`. Into
    /// Simplified, in full mode (a Traditional document): a line holding any character
    /// t2s may change, or a phrase only t2s changes; in partial mode (a Simplified or
    /// mixed document): only a line holding a character that t2s changes and that
    /// GB2312 lacks (the only characters partial mode may change). Into Traditional: a
    /// line holding any ideograph (the regional variant stages change Traditional
    /// characters too); the match policy decides the rest.
    pub fn needs_conversion(&self, text: &str, target: Target, mode: Mode) -> bool {
        let mask = match (target, mode) {
            (Target::ZhHans, Mode::Full) => NEEDS_T2S | PHRASE_T2S,
            (Target::ZhHans, Mode::Partial) => {
                let gb = GbSets::get();
                return text
                    .chars()
                    .any(|c| c as u32 >= 0x2E80 && self.partial_t2s(c, gb));
            }
            (Target::ZhHant | Target::ZhTw | Target::ZhHk, _) => {
                return text.chars().any(|c| c as u32 >= 0x3400);
            }
            (Target::Keep, _) => return false,
        };
        let mut phrase = false;
        // Every Han character is at least three bytes long, so ASCII costs one compare.
        let direct = text.chars().any(|c| {
            let f = if c as u32 >= 0x2E80 {
                self.flag(c) & mask
            } else {
                0
            };
            phrase |= f == PHRASE_T2S;
            f & !PHRASE_T2S != 0
        });
        direct || (phrase && self.phrases.is_match(text))
    }

    /// Whether partial mode into Simplified may change `c`: t2s changes it, GB2312
    /// lacks it, and no t2s phrase writes it (陞 in 杨联陞, 苧: Simplified text uses
    /// them too).
    pub fn partial_t2s(&self, c: char, gb: &GbSets) -> bool {
        let f = self.flag(c);
        f & NEEDS_T2S != 0 && f & IN_SIMPLIFIED == 0 && !gb.gb2312(c)
    }

    /// Whether `c` exists only in Simplified text (no Traditional standard keeps it).
    pub fn simplified_only(&self, c: char) -> bool {
        self.flag(c) & SIMP_ONLY != 0
    }

    /// Whether `text` holds a character that exists only in Traditional text (not one
    /// that t2s phrases keep, such as 著): after t2s, such a character means the
    /// conversion is not a fixed point yet (薴 → 苧 → 苎) and is run again.
    pub fn holds_traditional_only(&self, text: &str) -> bool {
        text.chars()
            .any(|c| c as u32 >= 0x2E80 && self.flag(c) & (TRAD_ONLY | IN_SIMPLIFIED) == TRAD_ONLY)
    }

    /// Count script-specific characters.
    pub fn count(&self, text: &str) -> ScriptCounts {
        let mut n = ScriptCounts::default();
        for c in text.chars() {
            if (c as u32) >= 0x2E80 {
                self.tally_fold(c, &mut n);
            }
        }
        n
    }

    /// Whether `text`, with these counts, may have anything to convert into `target`.
    pub fn any_to_convert(&self, n: &ScriptCounts, target: Target) -> bool {
        match target {
            // the phrase check itself runs per line, on lines holding such a character
            Target::ZhHans => n.to_simplified > 0 || n.phrase_to_simplified > 0,
            // the regional stages (裏 → 裡 for zh-tw) change Traditional text too, and
            // phrases change shared characters (算法 → 演算法): every line is looked at
            Target::ZhHant | Target::ZhTw | Target::ZhHk => true,
            Target::Keep => false,
        }
    }

    /// How a document detected as `detected` (see [`ScriptCounts::detected`]) is
    /// converted into `target`: into Simplified, a Traditional document in full and
    /// any other in part (a text of shared characters only may be Simplified, which
    /// full t2s would damage: 破坏 → 破坯); into Traditional, a Simplified document or
    /// one of shared characters only (`none`: 我干什么) in full, a Traditional or mixed
    /// one in part.
    pub fn mode(detected: &str, target: Target) -> Mode {
        let full = match target {
            Target::ZhHans => detected == "traditional",
            _ => detected == "simplified" || detected == "none",
        };
        if full {
            Mode::Full
        } else {
            Mode::Partial
        }
    }
}

/// An optional backend (`--converter fmmseg`): opencc-fmmseg 0.13, pure Rust with its
/// own copy of OpenCC's dictionaries embedded.
/// The dictionary is loaded on first use, so runs that convert nothing never pay for it.
pub struct FmmsegConverter {
    cc: OnceLock<opencc_fmmseg::OpenCC>,
}

impl FmmsegConverter {
    /// A converter whose dictionary loads lazily.
    pub fn new() -> Self {
        FmmsegConverter {
            cc: OnceLock::new(),
        }
    }

    fn cc(&self) -> &opencc_fmmseg::OpenCC {
        self.cc.get_or_init(|| {
            let mut cc = opencc_fmmseg::OpenCC::new();
            // zhclean parallelises over documents; nested parallelism only adds overhead
            // and makes timing depend on the pool.
            cc.set_parallel(false);
            cc
        })
    }
}

impl Default for FmmsegConverter {
    fn default() -> Self {
        Self::new()
    }
}

impl ScriptConverter for FmmsegConverter {
    fn convert(&self, text: &str, target: Target) -> String {
        match target {
            Target::ZhHans => self.cc().t2s(text, false),
            Target::ZhHant => self.cc().s2t(text, false),
            Target::ZhTw => self.cc().s2tw(text, false),
            Target::ZhHk => self.cc().s2hk(text, false),
            Target::Keep => text.to_string(),
        }
    }

    fn name(&self) -> &'static str {
        "opencc-fmmseg"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_know_both_scripts() {
        let t = ScriptTables::get();
        assert_eq!(t.fold_t2s('發'), '发');
        assert_eq!(t.fold_t2s('发'), '发');
        for mode in [Mode::Full, Mode::Partial] {
            assert!(t.needs_conversion("中國", Target::ZhHans, mode));
            assert!(!t.needs_conversion("中国 abc", Target::ZhHans, mode));
            assert!(t.needs_conversion("中国", Target::ZhHant, mode));
        }
        // 著 is Simplified too (显著, GB2312 holds it): converted only in full mode
        assert!(!t.needs_conversion("成就显著", Target::ZhHans, Mode::Partial));
        assert!(t.needs_conversion("看著", Target::ZhHans, Mode::Full));
        assert!(t.holds_traditional_only("國") && !t.holds_traditional_only("著陞"));
        // characters both scripts use are not Simplified-only
        for c in ['台', '后', '里', '干', '余', '游', '范', '准', '着'] {
            assert!(!t.simplified_only(c), "{c}");
        }
        assert!(t.simplified_only('们') && t.simplified_only('这'));
        let n = t.count("發展經濟，發揚國學发"); // 展 is common to both scripts
        assert_eq!((n.traditional, n.simplified), (7, 1));
        assert_eq!(n.detected(), "mixed"); // 1 of 8 is over 10 %
        assert_eq!(t.count("發展經濟").detected(), "traditional");
        assert_eq!(t.count("发展经济").detected(), "simplified");
        assert_eq!(t.count("abc").detected(), "none");
    }

    #[test]
    fn gb_sets_and_policies() {
        let gb = GbSets::get();
        assert!(gb.gb2312('坏') && gb.gb2312('著') && gb.gb2312('乾'));
        assert!(!gb.gb2312('們') && gb.gbk('們') && !gb.gbk('𫓹'));
        let mut out = String::new();
        let p = KeepSimplified {
            tables: ScriptTables::get(),
            gb,
            input: "",
        };
        p.apply("坏", "坯", &mut out); // GB2312 holds 坏: stays
        p.apply("錤", "𫓹", &mut out); // GBK lacks 𫓹: stays
        p.apply("們", "们", &mut out);
        assert_eq!(out, "坏錤们");
        assert!(holds_kana("街並み") && !holds_kana("街并"));
    }

    #[test]
    fn phrase_only_conversions_and_alternative_forms() {
        let t = ScriptTables::get();
        assert!(t.needs_conversion("幷州", Target::ZhHans, Mode::Full));
        assert!(!t.needs_conversion("州长", Target::ZhHans, Mode::Full));
        assert!(t.needs_conversion("甲胄", Target::ZhHant, Mode::Full));
        assert_eq!(t.fold_t2s('锺'), t.fold_t2s('鍾'));
        // a key of a key is the key
        for c in [
            '裏', '裡', '里', '隻', '只', '複', '復', '专', '資', '寧', '劃', '发',
        ] {
            let f = t.fold_t2s(c);
            assert_eq!(t.fold_t2s(f), f, "{c} -> {f}");
        }
        assert_eq!(t.fold_t2s('裡'), t.fold_t2s('里'));
    }

    #[test]
    fn fmmseg_converts_and_survives_nul() {
        let c = FmmsegConverter::new();
        assert_eq!(c.convert("漢字\0轉換", Target::ZhHans), "汉字\0转换");
        assert_eq!(c.convert("汉字", Target::ZhHant), "漢字");
        assert_eq!(c.convert("漢字", Target::Keep), "漢字");
    }
}
