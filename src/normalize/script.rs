//! Script normalization: which characters are Traditional-only or Simplified-only,
//! and the converter that rewrites a paragraph into the target script.
//!
//! Detection uses OpenCC's single-character tables (`TSCharacters`, `STCharacters`,
//! Apache-2.0, embedded from `data/`), so deciding whether a paragraph needs conversion
//! costs one table lookup per character and no conversion at all when nothing matches.
//! Conversion itself sits behind [`ScriptConverter`]: the default backend is
//! opencc-fmmseg (pure Rust); the `opencc-cpp` feature adds the system OpenCC.

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
    /// A short name for the report and `--version` output.
    fn name(&self) -> &'static str;
}

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
        for (k, vals) in entries(ST_CHARACTERS) {
            let Some(k) = single(k) else { continue };
            let cands: Vec<char> = vals.iter().filter_map(|v| first_char(v)).collect();
            if cands.iter().any(|&c| c != k) {
                flags[k as usize] |= NEEDS_S2T;
            }
            if cands.first().is_some_and(|&c| c != k) && !ts_first_differs[k as usize] {
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

    /// Whether a line `text` is to be converted into `target`. Into Simplified: in a
    /// document detected as Traditional (`traditional`), a line holding any character
    /// t2s may change; elsewhere only text holding a character that exists only in
    /// Traditional text (not one t2s phrases keep, such as 著) or a Traditional phrase,
    /// so that Simplified text is not run through t2s, which would rewrite correct
    /// Simplified (显著 → 显着: t2s maps a lone 著 to 着) and so make cleaning twice
    /// differ from cleaning once.
    pub fn needs_conversion(&self, text: &str, target: Target, traditional: bool) -> bool {
        let mask = match target {
            Target::ZhHans if traditional => NEEDS_T2S | PHRASE_T2S,
            Target::ZhHans => return self.holds_traditional_only(text) || self.phrase_only(text),
            Target::ZhHant | Target::ZhTw | Target::ZhHk => NEEDS_S2T,
            Target::Keep => return false,
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

    /// Whether `text` holds a character that exists only in Traditional text (not one
    /// that t2s phrases keep, such as 著): after t2s, such a character means the
    /// conversion is not a fixed point yet (薴 → 苧 → 苎) and is run again.
    pub fn holds_traditional_only(&self, text: &str) -> bool {
        text.chars()
            .any(|c| c as u32 >= 0x2E80 && self.flag(c) & (TRAD_ONLY | IN_SIMPLIFIED) == TRAD_ONLY)
    }

    /// Whether `text` holds a Traditional phrase that t2s changes although no single
    /// character of it needs t2s (幷州 -> 并州).
    fn phrase_only(&self, text: &str) -> bool {
        text.chars()
            .any(|c| c as u32 >= 0x2E80 && self.flag(c) & PHRASE_T2S != 0)
            && self.phrases.is_match(text)
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

    /// Whether `text`, with these counts, has anything to convert into `target`.
    pub fn any_to_convert(&self, n: &ScriptCounts, target: Target) -> bool {
        match target {
            // the phrase check itself runs per line, on lines holding such a character
            Target::ZhHans => n.to_simplified > 0 || n.phrase_to_simplified > 0,
            Target::ZhHant | Target::ZhTw | Target::ZhHk => n.to_traditional > 0,
            Target::Keep => false,
        }
    }
}

/// The default backend: opencc-fmmseg, pure Rust with OpenCC's dictionaries embedded.
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
        for traditional in [false, true] {
            assert!(t.needs_conversion("中國", Target::ZhHans, traditional));
            assert!(!t.needs_conversion("中国 abc", Target::ZhHans, traditional));
            assert!(t.needs_conversion("中国", Target::ZhHant, traditional));
        }
        // 著 is Simplified too (显著): converted only in a Traditional document
        assert!(!t.needs_conversion("成就显著", Target::ZhHans, false));
        assert!(t.needs_conversion("看著", Target::ZhHans, true));
        assert!(t.holds_traditional_only("國") && !t.holds_traditional_only("著陞"));
        let n = t.count("發展經濟，發揚國學发"); // 展 is common to both scripts
        assert_eq!((n.traditional, n.simplified), (7, 1));
        assert_eq!(n.detected(), "mixed"); // 1 of 8 is over 10 %
        assert_eq!(t.count("發展經濟").detected(), "traditional");
        assert_eq!(t.count("发展经济").detected(), "simplified");
        assert_eq!(t.count("abc").detected(), "none");
    }

    #[test]
    fn phrase_only_conversions_and_alternative_forms() {
        let t = ScriptTables::get();
        assert!(t.needs_conversion("幷州", Target::ZhHans, false));
        assert!(!t.needs_conversion("州长", Target::ZhHans, false));
        assert!(t.needs_conversion("甲胄", Target::ZhHant, false));
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
