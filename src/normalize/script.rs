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
//! [`holds_kana`]); the GB2312/GBK sets they use are [`super::gb::GbSets`].

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
    /// [`ScriptConverter::convert_from`] without a policy, and the characters the
    /// conversion changed in `text` when the backend counted them as it wrote them:
    /// `clean::changed_chars` of the two, which the caller computes when it is `None`
    /// (the default: nothing counted).
    fn convert_from_counted(
        &self,
        text: &str,
        target: Target,
        region: Region,
    ) -> (String, Option<usize>) {
        (self.convert_from(text, target, region, None), None)
    }
    /// The region of `text` (`RegionForms::region`) and
    /// [`ScriptConverter::convert_from_counted`] of `text` into `target` from that
    /// region, when the backend finds both in one walk; `None` (the default): the
    /// caller asks for them apart.
    fn convert_any_region_counted(
        &self,
        text: &str,
        target: Target,
    ) -> Option<(Region, String, Option<usize>)> {
        let _ = (text, target);
        None
    }
    /// A short name for the report and `--version` output.
    fn name(&self) -> &'static str;
    /// The characters partial mode into Simplified may change
    /// ([`ScriptTables::partial_t2s`]) that a conversion into Simplified in full mode
    /// (`convert_from` without a policy) may write, when the backend knows them from
    /// its tables; `None` (the default): any. A full conversion that holds none of
    /// them needs no second one for the fixed point (see `clean::convert_to_fixpoint`).
    fn full_t2s_residue(&self) -> Option<&'static [char]> {
        None
    }
}

/// Decides what a dictionary match writes: `key` is the matched input text, `value`
/// what the dictionary would write; the policy appends one of them (or a mix) to `out`.
pub trait MatchPolicy {
    /// Append the text to write for `key` (matched) whose conversion is `value`.
    fn apply(&self, key: &str, value: &str, out: &mut String);
    /// Whether some match in `text` may be written other than as its key; `false`
    /// lets a converter skip a stage whose matches would all keep their keys (and
    /// the walk of its tables). The default is `true`.
    fn may_change(&self, text: &str) -> bool {
        let _ = text;
        true
    }
    /// Whether every match is written as its `value` (OpenCC's own behaviour), so that
    /// a converter may write the values without asking [`MatchPolicy::apply`]. The
    /// default is `false`.
    fn verbatim(&self) -> bool {
        false
    }
}

use std::sync::OnceLock;

use super::gb::GbSets;

use super::script_spec::{
    FOLD, IN_SIMPLIFIED, NEEDS_S2T, NEEDS_T2S, PHRASE_T2S, REGIONAL, SIMP_ONLY, TRAD_ONLY,
};

/// The regional standard of a Traditional text (chosen per line by
/// [`super::region::RegionForms`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Region {
    /// OpenCC's standard (or no evidence either way): `t2s`.
    #[default]
    Standard,
    /// Taiwan (`zh-TW`): `tw2s`.
    Taiwan,
    /// Hong Kong (`zh-HK`): `hk2s`.
    HongKong,
}

/// The tables `build.rs` computed from OpenCC's character tables
/// ([`super::script_spec::tables`]): one flag byte per code point below
/// [`super::script_spec::TABLE_LEN`], the fold of each as a little-endian `u32`, and the phrases only a
/// t2s phrase converts (one a line).
const FLAG_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/script_flags.bin"));
static FLAGS: &[u8] = FLAG_BYTES;

/// [`ScriptTables::partial_t2s`] of every code point of the Basic Multilingual Plane,
/// one bit each (bit `c % 64` of word `c / 64`), computed at compile time from the
/// flag table and GB2312: the test of a BMP character is one load and a shift
/// instead of a flag lookup, two tests and a GB2312 lookup (the line test of partial
/// mode asks it of every character).
static PARTIAL_T2S_BMP: [u64; 1024] = partial_t2s_bmp(FLAG_BYTES, super::gb::GB2312_BITS);

/// [`PARTIAL_T2S_BMP`] from the flag table and the GB2312 bitset: the test of
/// [`ScriptTables::partial_t2s`] (U+2E80 or above, [`NEEDS_T2S`] without
/// [`IN_SIMPLIFIED`], not in GB2312) at every BMP code point.
const fn partial_t2s_bmp(flags: &[u8], gb2312: &[u8]) -> [u64; 1024] {
    let mut bits = [0u64; 1024];
    let mut c = 0x2E80;
    while c < 0x1_0000 {
        let f = flags[c];
        let in_gb2312 = gb2312[c / 8] >> (c % 8) & 1 != 0;
        if f & NEEDS_T2S != 0 && f & IN_SIMPLIFIED == 0 && !in_gb2312 {
            bits[c / 64] |= 1 << (c % 64);
        }
        c += 1;
    }
    bits
}
static FOLD_TABLE: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/script_fold.bin"
)));
static PHRASES: &str = include_str!(concat!(env!("OUT_DIR"), "/script_phrases.txt"));

/// Bytes aligned for reading as `u32`.
#[repr(C, align(4))]
struct Aligned<T: ?Sized>(T);

/// How much of a line a conversion may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// OpenCC's conversion as it is (the document is in the source script).
    Full,
    /// Only what is not valid in the target script (see [`KeepSimplified`] and
    /// [`KeepTraditional`]): the document is already in the target script, or mixed.
    Partial,
}

/// The partial-mode policy into Simplified: a matched character is changed only when
/// GB2312 lacks it (a character GB2312 holds is valid Simplified text and stays), no
/// t2s phrase writes it ([`ScriptTables::partial_t2s`]), GBK holds its replacement
/// or `input` already has it (no rare code point that fonts and tools lack is
/// introduced). The match gives the context: 乾隆 stays, 瞭望 stays. A sentence is
/// handed to this policy only when it gives the evidence
/// ([`ScriptTables::partial_evidence`]): at least [`PARTIAL_EVIDENCE`] distinct such
/// characters, or no Simplified-only one.
///
/// A Traditional-only character alone in a Simplified sentence is a deliberate form far
/// more often than a conversion slip: a brand (华为乾崑), a personal or place name
/// (郑和鑑, 麦宗樑, 寀卢村, 于非闇), a dialect word (孃孃), a user name (@熊猫很禿然) or
/// a Japanese name (岡田耕始). On the Simplified and mixed documents of `news.jsonl`
/// (`scripts/corpus_check.py`), the rule keeps 58 occurrences of 14 characters:
/// 54 such forms and 4 slips (內察里姆 ×2, 调査, 夢想生活); rewriting a name is damage,
/// leaving a slip is a miss, so a lone character stays and the report counts it
/// (`script.unconverted_chars`). A word half converted (全覆蓋, 桥樑) is still
/// converted: see `clean::half_converted_words`.
pub struct KeepSimplified<'a> {
    /// The script tables ([`ScriptTables::partial_t2s`]).
    pub tables: &'static ScriptTables,
    /// GB2312 and GBK.
    pub gb: &'static GbSets,
    /// The text being converted (a replacement it already holds is allowed).
    pub input: &'a str,
}

/// Distinct characters partial mode may change that a sentence holding
/// Simplified-only characters must hold before any of them is changed (see
/// [`KeepSimplified`]).
pub const PARTIAL_EVIDENCE: usize = 2;

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

    /// A text without a Simplified-only character keeps every key.
    fn may_change(&self, text: &str) -> bool {
        text.chars().any(|c| self.tables.simplified_only(c))
    }
}

/// Whether `text` holds kana (hiragana U+3041–3096, katakana U+30A1–30FA): a line
/// holding kana is Japanese, and is not converted. A byte search: every kana is
/// `E3 81..=83 xx` in UTF-8, so the scan decodes only at the lead byte `E3` (CJK
/// punctuation and kana), not at every character; and that scan runs only when a pass
/// over the neighbouring byte pairs without an early exit (which the compiler
/// vectorizes) finds `E3 81..=83`, which Chinese lines lack.
pub fn holds_kana(text: &str) -> bool {
    let b = text.as_bytes();
    any_byte_pair(b, |x, y| (x == 0xE3) & (y.wrapping_sub(0x81) < 3))
        && memchr::memchr_iter(0xE3, b).any(|i| match b.get(i + 1..i + 3) {
            Some(&[b1, b2]) => matches!(
                0x3000 | (b1 as u32 & 0x3F) << 6 | (b2 as u32 & 0x3F),
                0x3041..=0x3096 | 0x30A1..=0x30FA
            ),
            _ => false,
        })
}

/// Whether some two neighbouring bytes `x, y` of `b` pass `pair(x, y)`: one pass over
/// every pair without an early exit, which the compiler vectorizes when `pair` is
/// branch-free (its tests joined with `&` and `|`, not `&&` and `||`). The quick test
/// before an exact search for a byte sequence most texts lack ([`holds_kana`],
/// `opencc`'s compatibility ideographs).
#[inline(always)]
pub(super) fn any_byte_pair(b: &[u8], pair: impl Fn(u8, u8) -> bool) -> bool {
    let next = b.get(1..).unwrap_or_default();
    b.iter()
        .zip(next)
        .fold(false, |any, (&x, &y)| any | pair(x, y))
}

static TABLES: ScriptTables = ScriptTables {
    flags: FLAGS,
    fold: &FOLD_TABLE.0,
    phrases: OnceLock::new(),
};

/// Per-character script facts from OpenCC's character tables.
pub struct ScriptTables {
    flags: &'static [u8],
    /// Little-endian `u32` per code point below [`super::script_spec::TABLE_LEN`].
    fold: &'static [u8],
    /// The automaton of [`PHRASES`], built on first use (a line holding a character
    /// only a phrase converts), not at start-up.
    phrases: OnceLock<aho_corasick::AhoCorasick>,
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
    /// Characters partial mode into Simplified may change
    /// ([`ScriptTables::partial_t2s`]): none in a document means no line of it
    /// needs that conversion (`clean::render`'s gate).
    pub partial_t2s: usize,
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
    /// The tables: static data computed by `build.rs`, and the phrase automaton, built
    /// once per process on its first use (about 100 phrases).
    pub fn get() -> &'static ScriptTables {
        Self::get_static()
    }

    /// [`ScriptTables::get`], usable in a `static`'s initializer.
    pub(crate) const fn get_static() -> &'static ScriptTables {
        &TABLES
    }

    fn phrases(&self) -> &aho_corasick::AhoCorasick {
        self.phrases.get_or_init(|| {
            let phrases: Vec<&str> = PHRASES.lines().collect();
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&phrases)
                .expect("phrase automaton")
        })
    }

    /// Count `c` into `n` and return its Simplified fold: the one lookup the key pass
    /// makes per ideograph.
    #[inline]
    pub fn tally_fold(&self, c: char, n: &mut ScriptCounts) -> char {
        // no early return for a flag of 0 (most ideographs of either script): the
        // counts are added unconditionally, so the key pass does not branch on the
        // character's script
        let f = self.flag(c);
        n.traditional += usize::from(f & TRAD_ONLY != 0);
        n.simplified += usize::from(f & SIMP_ONLY != 0);
        n.to_traditional += usize::from(f & NEEDS_S2T != 0);
        n.to_simplified += usize::from(f & NEEDS_T2S != 0);
        n.phrase_to_simplified += usize::from(f & PHRASE_T2S != 0);
        n.partial_t2s += usize::from(self.partial_t2s(c, GbSets::get()));
        if f & FOLD != 0 {
            self.folded(c)
        } else {
            c
        }
    }

    /// The fold of `c` from the table (only for a `c` whose flag has [`FOLD`]).
    #[inline]
    pub(crate) fn folded(&self, c: char) -> char {
        let i = c as usize * 4;
        self.fold
            .get(i..i + 4)
            .and_then(|b| char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
            .unwrap_or(c)
    }

    /// The flag byte of `c` ([`super::script_spec`]'s bits: [`NEEDS_T2S`] …
    /// [`REGIONAL`]); 0 beyond the table.
    #[inline]
    pub(crate) fn flag(&self, c: char) -> u8 {
        self.flags.get(c as usize).copied().unwrap_or(0)
    }

    /// Fold one character to its Simplified form (first OpenCC candidate); other
    /// characters are returned unchanged.
    #[inline]
    pub fn fold_t2s(&self, c: char) -> char {
        if self.flag(c) & FOLD != 0 {
            self.folded(c)
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
                return self.any_partial_t2s(text, GbSets::get());
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
        direct || (phrase && self.phrases().is_match(text))
    }

    /// Whether partial mode into Simplified may change `c`: t2s changes it, GB2312
    /// lacks it, and no t2s phrase writes it (陞 in 杨联陞, 苧: Simplified text uses
    /// them too).
    /// No character below U+2E80 (CJK radicals) has that flag set
    /// (`partial_t2s_holds_no_character_below_the_radicals`); a BMP character is read
    /// from [`PARTIAL_T2S_BMP`] (`the_bmp_bits_are_the_flag_test` checks every one).
    #[inline]
    pub fn partial_t2s(&self, c: char, gb: &GbSets) -> bool {
        let cp = c as u32;
        if cp < 0x1_0000 {
            // (the tables' only instance reads FLAGS and the one GB2312 set)
            PARTIAL_T2S_BMP[(cp >> 6) as usize] >> (cp & 63) & 1 != 0
        } else {
            self.partial_t2s_flags(c, gb)
        }
    }

    /// Whether `text` holds a character [`Self::partial_t2s`] is true of, read byte by
    /// byte instead of decoded: a byte below `E0` (ASCII, a continuation byte, or the
    /// lead of a two-byte character, all below U+0800, where no character has the
    /// flag) is stepped over alone; a three-byte character's row and bit of
    /// [`PARTIAL_T2S_BMP`] are its bytes' payload bits (`E0`–`EF` lead: four bits,
    /// then six and six); a four-byte one is decoded and asked of the flags. The same
    /// answer as `text.chars().any(partial_t2s)` (the test compares them).
    #[inline]
    fn any_partial_t2s(&self, text: &str, gb: &GbSets) -> bool {
        let b = text.as_bytes();
        let mut i = 0;
        // (the last two bytes cannot start a character of three or four bytes)
        while let Some(&[x, y, z]) = b.get(i..i + 3) {
            if x < 0xE0 {
                i += 1;
            } else if x < 0xF0 {
                // valid UTF-8: `y` and `z` are its continuation bytes; the row is the
                // lead's four payload bits and `y`'s six (the lead's `1110` falls off
                // the ten-bit mask), the bit `z`'s six (the shift is taken mod 64)
                let row = ((usize::from(x) << 6) | usize::from(y & 0x3F)) & 0x3FF;
                if PARTIAL_T2S_BMP[row].wrapping_shr(u32::from(z)) & 1 != 0 {
                    return true;
                }
                i += 3;
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                if self.partial_t2s_flags(c, gb) {
                    return true;
                }
                i += 4;
            }
        }
        false
    }

    #[inline]
    fn partial_t2s_flags(&self, c: char, gb: &GbSets) -> bool {
        let f = self.flag(c);
        f & NEEDS_T2S != 0 && f & IN_SIMPLIFIED == 0 && !gb.gb2312(c)
    }

    /// Whether partial mode into Simplified may change anything in `text`: it holds
    /// at least [`PARTIAL_EVIDENCE`] distinct characters that partial mode may change
    /// ([`Self::partial_t2s`]), or no character that exists only in Simplified text
    /// (這是另一段: the sentence is not Simplified by its own counts, so its one
    /// Traditional character is not a form chosen inside Simplified text).
    pub fn partial_evidence(&self, text: &str, gb: &GbSets) -> bool {
        self.distinct_partial_t2s(text, gb) || self.count(text).simplified == 0
    }

    fn distinct_partial_t2s(&self, text: &str, gb: &GbSets) -> bool {
        let mut seen = ['\0'; PARTIAL_EVIDENCE];
        let mut n = 0;
        for c in text.chars() {
            if self.partial_t2s(c, gb) && !seen[..n].contains(&c) {
                seen[n] = c;
                n += 1;
                if n == PARTIAL_EVIDENCE {
                    return true;
                }
            }
        }
        false
    }

    /// Characters in `text` that partial mode into Simplified may change
    /// ([`Self::partial_t2s`]).
    pub fn count_partial_t2s(&self, text: &str, gb: &GbSets) -> usize {
        text.chars().filter(|&c| self.partial_t2s(c, gb)).count()
    }

    /// Whether `c` is one of the regional forms of [`super::region`].
    #[inline]
    pub(crate) fn regional(&self, c: char) -> bool {
        self.flag(c) & REGIONAL != 0
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
mod tests;
