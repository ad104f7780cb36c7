//! Which regional standard a Traditional text is written in (BCP 47 `zh-TW`,
//! `zh-HK`, or OpenCC's own standard), which decides the OpenCC configuration that
//! converts it into Simplified: `tw2s`, `hk2s` or `t2s`.
//!
//! Taiwan writes 著 where OpenCC's standard writes 着 (看著 → 看着, while 著名 stays),
//! 裡 for 裏, 麵 for 麪; Hong Kong writes 衞, 説, 枱. `t2s` leaves such forms as
//! they are (看著, 国家衞生), so a Taiwan or Hong Kong text needs its own
//! configuration, whose first stage maps the regional forms back to the standard
//! ones (`TWVariantsRev*`, `HKVariantsRev*`).
//!
//! The evidence comes from OpenCC's variant tables (Apache-2.0, `data/opencc/`):
//! - a *Taiwan form* is a `TWVariants` value that Hong Kong does not write too and
//!   that OpenCC's `s2t` never writes (么 峰 床 汙 洩 痺 睪 簷 群 著 裡 韁 麵);
//! - a *standard form* is the `TWVariants` key of a Taiwan form (着 裏 羣 峯 …);
//! - a *Hong Kong form* is an `HKVariants` value that Taiwan does not write too and
//!   that `s2t` never writes (衞 説 枱 温 户 …).
//!
//! zhclean reads each line converted in full on its own (so that a large input cut
//! into windows is converted as the whole would be): a line is Taiwan's when, over the pairs whose Taiwan form it holds, the Taiwan
//! forms that outnumber their standard forms (著 more often than 着) outnumber the
//! standard forms of the others; else Hong Kong's when it holds a Hong Kong form;
//! else OpenCC standard. Taiwan wins over Hong Kong because Taiwan text writes
//! several forms the tables call Hong Kong's (濕, 温). A misjudged text costs little:
//! measured on 3,000 Simplified documents of `news.jsonl` turned into standard and
//! into Hong Kong Traditional, `tw2s` differs from `t2s` in 4 characters (3 of them
//! 卓著, which `data/zhclean/TWVariantsRevPhrases.txt` now protects) and `hk2s` from
//! `t2s` in none on standard text.

use super::script::ScriptTables;
use super::script_spec::MAX_PAIRS;

include!(concat!(env!("OUT_DIR"), "/region_forms.rs"));

pub use super::script::Region;

/// One bit per block of 64 code points of the Basic Multilingual Plane that holds a
/// regional form of [`FORMS`]: block `cp >> 6` is bit `block % 64` of word
/// `block / 64` (1,024 blocks; a three-byte character's block is the low four bits
/// of its first byte and the low six of its second).
const FORM_BLOCKS: [u64; 16] = form_blocks(&FORMS);

/// [`FORM_BLOCKS`] of `forms`.
const fn form_blocks(forms: &[(char, Form)]) -> [u64; 16] {
    let mut blocks = [0u64; 16];
    let mut k = 0;
    while k < forms.len() {
        let cp = forms[k].0 as u32;
        if cp < 0x1_0000 {
            let block = (cp >> 6) as usize;
            blocks[block / 64] |= 1 << (block % 64);
        }
        k += 1;
    }
    blocks
}

/// What one character is evidence of.
#[derive(Clone, Copy, Debug, Default)]
struct Form {
    /// The character is the Taiwan form of pair `i` (1-based; 0: none).
    taiwan: u8,
    /// The character is the standard form of pair `i` (1-based; 0: none).
    standard: u8,
    /// The character is a Hong Kong form.
    hong_kong: bool,
}

/// The forms of the three standards (about 80), computed by `build.rs`
/// (`script_spec::regional_forms`) and sorted by character; each of them carries the
/// `REGIONAL` bit in the script flags, so a character costs one flag lookup and only
/// a regional form a binary search.
pub struct RegionForms {
    forms: &'static [(char, Form)],
    tables: &'static ScriptTables,
}

/// Counts of regional forms in a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionCounts {
    /// Per Taiwan/standard pair: (Taiwan forms, standard forms).
    pub pairs: [(u32, u32); MAX_PAIRS],
    /// Hong Kong forms.
    pub hong_kong: u32,
}

impl RegionCounts {
    /// Taiwan forms of the pairs whose Taiwan form outnumbers its standard form in
    /// the text (著 more often than 着: 著 stands for 着 here), and the standard forms
    /// of the pairs where it does not. A pair absent from the text counts for
    /// neither, so that 污 says nothing about 著.
    pub fn taiwan_standard(&self) -> (u32, u32) {
        let (mut tw, mut std) = (0, 0);
        for &(t, s) in &self.pairs {
            if t > s {
                tw += t;
            } else if t > 0 {
                std += s;
            }
        }
        (tw, std)
    }

    /// The region these counts point to (see the module docs).
    pub fn region(&self) -> Region {
        let (tw, std) = self.taiwan_standard();
        if tw > std {
            Region::Taiwan
        } else if self.hong_kong > 0 {
            Region::HongKong
        } else {
            Region::Standard
        }
    }
}

impl RegionForms {
    /// The tables (static data).
    pub fn get() -> &'static RegionForms {
        static REGION_FORMS: RegionForms = RegionForms {
            forms: &FORMS,
            tables: ScriptTables::get_static(),
        };
        &REGION_FORMS
    }

    #[inline]
    fn form(&self, c: char) -> Option<Form> {
        if (c as u32) < 0x2E80 || !self.tables.regional(c) {
            return None;
        }
        self.forms
            .binary_search_by_key(&c, |&(f, _)| f)
            .ok()
            .map(|i| self.forms[i].1)
    }

    /// Count the regional forms of `text`. One walk over its bytes: a character of
    /// three bytes is looked up only when its block of 64 code points holds a
    /// regional form ([`FORM_BLOCKS`]), which its first two bytes name, so most
    /// ideographs are never decoded; a character of four bytes is decoded and looked
    /// up; shorter ones (below U+0800) are no regional form. The walk steps over
    /// every byte below `E0` (ASCII, the two-byte characters and their continuation
    /// bytes) one at a time, and over a longer character at once; the last two bytes
    /// of a text hold no character of three bytes or more.
    pub fn count(&self, text: &str) -> RegionCounts {
        let mut n = RegionCounts::default();
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&[x, y, _]) = b.get(i..i + 3) {
            if x < 0xE0 {
                i += 1;
                continue;
            }
            let at = i;
            if x < 0xF0 {
                i += 3;
                let block = usize::from(x & 0x0F) << 6 | usize::from(y & 0x3F);
                if FORM_BLOCKS[block / 64] >> (block % 64) & 1 == 0 {
                    continue;
                }
            } else {
                i += 4;
            }
            let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
                break;
            };
            self.count_char(c, &mut n);
        }
        n
    }

    /// Count `c` into `n` if it is a regional form: what [`RegionForms::count`] adds
    /// for each character of a text.
    #[inline]
    pub(crate) fn count_char(&self, c: char, n: &mut RegionCounts) {
        let Some(f) = self.form(c) else { return };
        if f.taiwan > 0 {
            n.pairs[usize::from(f.taiwan) - 1].0 += 1;
        }
        if f.standard > 0 {
            n.pairs[usize::from(f.standard) - 1].1 += 1;
        }
        n.hong_kong += u32::from(f.hong_kong);
    }

    /// The regional forms: every character [`RegionForms::count_char`] counts.
    pub(crate) fn forms(&self) -> impl Iterator<Item = char> + '_ {
        self.forms.iter().map(|&(c, _)| c)
    }

    /// The region of `text`.
    pub fn region(&self, text: &str) -> Region {
        self.count(text).region()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_come_from_the_tables() {
        let f = RegionForms::get();
        let form = |c| f.form(c).unwrap_or_default();
        for c in ['著', '裡', '麵'] {
            assert!(form(c).taiwan > 0, "{c}");
        }
        for c in ['着', '裏', '峯'] {
            assert!(form(c).standard > 0, "{c}");
        }
        assert_eq!(form('著').taiwan, form('着').standard);
        for c in ['衞', '説', '鈎'] {
            assert!(form(c).hong_kong, "{c}");
        }
        // shared by every standard, or written by both regions
        for c in ['台', '為', '偽', '參', '的'] {
            assert!(form(c).taiwan == 0 && !form(c).hong_kong, "{c}");
        }
    }

    #[test]
    fn the_byte_walk_counts_what_a_walk_by_characters_counts() {
        let f = RegionForms::get();
        let slow = |text: &str| {
            let mut n = RegionCounts::default();
            for c in text.chars() {
                f.count_char(c, &mut n);
            }
            n
        };
        // every form, beside one-, two-, three- and four-byte neighbours
        let mut text = String::from("a é 中 𠀀 ");
        for &(c, _) in f.forms {
            text.push(c);
            text.push_str("a\u{E9}文\u{20000}");
            text.push(c);
        }
        assert_eq!(f.count(&text), slow(&text));
        assert!(f.count(&text).hong_kong > 0);
        // every character of the planes the tables cover, one by one
        for c in ('\u{80}'..='\u{2FFFF}').step_by(7) {
            let s = format!("x{c}著");
            assert_eq!(f.count(&s), slow(&s), "{c:?}");
        }
        for &(c, _) in f.forms {
            let s = c.to_string();
            assert_eq!(f.count(&s), slow(&s), "{c:?}");
        }
    }

    #[test]
    fn regions() {
        let f = RegionForms::get();
        assert_eq!(f.region("他看著窗外，心裡想著家鄉。"), Region::Taiwan);
        assert_eq!(f.region("他看着窗外，心裏想着家鄉。"), Region::Standard);
        assert_eq!(f.region("國家衞生健康委員會説明"), Region::HongKong);
        assert_eq!(f.region("沒有任何地區用字"), Region::Standard);
        assert_eq!(f.region(""), Region::Standard);
        // Taiwan text with a Hong Kong form stays Taiwan's
        assert_eq!(f.region("他看著窗外，心裡想著衞生。"), Region::Taiwan);
        // 污 is the standard form of 汙, which the text lacks: no evidence about 著
        assert_eq!(f.region("接著就是空氣污染，污水"), Region::Taiwan);
        // 著 where standard text writes 着 as well: 著 is zhù here
        assert_eq!(f.region("著名作家看着窗外，想着"), Region::Standard);
    }
}
