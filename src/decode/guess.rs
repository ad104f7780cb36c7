//! How plausible a decoding is as Chinese text, for choosing an encoding when the
//! bytes alone do not decide it (short legacy text: GBK `同时` is also valid UTF-8,
//! Big5 `中華民國` also valid GB18030).
//!
//! Two measures, both over the *non-ASCII* characters of a decoding:
//!
//! - [`common_share`]: the share that are common Han characters or common CJK
//!   punctuation. "Common" is GB2312 level 1 (the 3,755 most frequent Simplified
//!   characters, rows `B0`–`D7`) together with Big5 level 1 (常用字, the 5,401 most
//!   frequent Traditional characters, `A440`–`C67E`), both read off encoding_rs's
//!   own decoders, so no table file is needed. A wrong legacy decoding (Big5 bytes
//!   read as GB18030, GBK bytes read as Big5) mostly lands on rare characters, kana,
//!   Cyrillic and symbols; the right one mostly on common characters, in either
//!   script (GBK-encoded Traditional text reads as Traditional common characters).
//! - [`utf8_implausible`]: characters of a valid UTF-8 decoding that real text would
//!   not hold where they are. GBK and Big5 byte pairs that happen to be valid UTF-8
//!   become two-byte code points (U+0080–U+07FF): C1 controls, IPA letters, spacing
//!   modifiers, stray combining marks, lone Greek, Cyrillic, Armenian or Hebrew
//!   letters, Latin letters with diacritics away from any other letter (GBK `同时`
//!   reads as `ͬʱ`). Accented letters inside Latin words (`café`), Greek or
//!   Cyrillic words, everyday Latin-1 signs (`© ° ± × ·`) and everything from U+0800
//!   up that text uses (CJK, punctuation, symbols, emoji) are plausible.
//!
//! Cost: linear in the characters looked at; the common-character table (a 2.6 KB
//! bit set over U+4E00–U+9FFF) is built once per process, on first use, in well
//! under a millisecond.

use std::sync::OnceLock;

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

/// The common Han characters (see the module docs) as a bit set over
/// U+4E00–U+9FFF.
fn common_han() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; ((HAN_LAST - HAN_FIRST + 1) as usize).div_ceil(64)];
        // GB2312 level 1: rows B0–D7, cells A1–FE (D7FA–D7FE are unassigned)
        let mut gb = Vec::with_capacity(2 * 3760);
        for lead in 0xB0u8..=0xD7 {
            for trail in 0xA1u8..=0xFE {
                if lead == 0xD7 && trail > 0xF9 {
                    break;
                }
                gb.extend([lead, trail]);
            }
        }
        // Big5 level 1: A440–C67E (trail bytes 40–7E and A1–FE; row C6 to 7E)
        let mut big5 = Vec::with_capacity(2 * 5410);
        for lead in 0xA4u8..=0xC6 {
            for trail in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
                if lead == 0xC6 && trail > 0x7E {
                    break;
                }
                big5.extend([lead, trail]);
            }
        }
        for (enc, bytes) in [(encoding_rs::GBK, gb), (encoding_rs::BIG5, big5)] {
            let (text, _) = enc.decode_without_bom_handling(&bytes);
            for c in text.chars() {
                let u = c as u32;
                if (HAN_FIRST..=HAN_LAST).contains(&u) {
                    let i = (u - HAN_FIRST) as usize;
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
        }
        bits
    })
}

/// Whether `c` is a common Han character or common CJK punctuation.
pub fn is_common(c: char) -> bool {
    let u = c as u32;
    if (HAN_FIRST..=HAN_LAST).contains(&u) {
        let i = (u - HAN_FIRST) as usize;
        return common_han()[i / 64] & (1 << (i % 64)) != 0;
    }
    matches!(u,
        0x3000..=0x3011 | 0x3014..=0x301F // ideographic space, 、。〃々〆〇 brackets, 〜〝〞
        | 0xFF01..=0xFF5E                 // full-width ASCII forms
        | 0x00B7 | 0x00D7 | 0x00F7 | 0x00B0 | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D
        | 0x2026 | 0x2022 | 0x2103 | 0x2116 | 0x203B)
}

/// `(common, non_ascii)`: how many of the non-ASCII characters of `text` are common
/// (see [`is_common`]), and how many non-ASCII characters there are.
pub fn common_share(text: &str) -> (usize, usize) {
    let (mut common, mut n) = (0, 0);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        n += 1;
        common += usize::from(is_common(c));
    }
    (common, n)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Ascii,
    AsciiLetter,
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Combining,
    /// Plausible wherever it stands.
    Fine,
    /// Implausible wherever it stands.
    Odd,
}

fn class(c: char) -> Class {
    let u = c as u32;
    match u {
        0x41..=0x5A | 0x61..=0x7A => Class::AsciiLetter,
        0..=0x7F => Class::Ascii,
        // NBSP £ ¥ § © « ® ° ± ² ³ µ · ¹ » ¼ ½ ¾ × ÷
        0xA0
        | 0xA3
        | 0xA5
        | 0xA7
        | 0xA9
        | 0xAB
        | 0xAE
        | 0xB0..=0xB3
        | 0xB5
        | 0xB7
        | 0xB9
        | 0xBB..=0xBE
        | 0xD7
        | 0xF7 => Class::Fine,
        0xC0..=0x24F => Class::Latin,
        0x300..=0x36F => Class::Combining,
        0x370..=0x3FF => Class::Greek,
        0x400..=0x4FF => Class::Cyrillic,
        0x590..=0x5FF => Class::Hebrew,
        0x600..=0x6FF => Class::Arabic,
        // the rest of U+0080–U+07FF: C1 controls, rare Latin-1 signs, IPA, spacing
        // modifiers, Armenian, Syriac, Thaana, N'Ko
        0x80..=0x7FF => Class::Odd,
        // private use, specials, non-characters
        0xE000..=0xF8FF | 0xFFF0..=0xFFFF | 0xF0000..=0x10FFFF => Class::Odd,
        _ => Class::Fine,
    }
}

/// `(implausible, non_ascii)` over the characters of valid UTF-8 `text` (see the
/// module docs): letters of Latin, Greek, Cyrillic, Hebrew or Arabic count as
/// plausible only next to a letter of their own script (Latin also next to an ASCII
/// letter), combining marks only after a letter.
pub fn utf8_implausible(text: &str) -> (usize, usize) {
    let classes: Vec<Class> = text.chars().map(class).collect();
    let (mut odd, mut n) = (0, 0);
    for (i, &c) in classes.iter().enumerate() {
        let prev = if i > 0 { classes[i - 1] } else { Class::Ascii };
        let next = classes.get(i + 1).copied().unwrap_or(Class::Ascii);
        let ok = match c {
            Class::Ascii | Class::AsciiLetter => continue,
            Class::Fine => true,
            Class::Odd => false,
            Class::Latin => [prev, next]
                .iter()
                .any(|&x| matches!(x, Class::Latin | Class::AsciiLetter | Class::Combining)),
            Class::Combining => matches!(
                prev,
                Class::Latin | Class::AsciiLetter | Class::Greek | Class::Cyrillic
            ),
            script => prev == script || next == script,
        };
        n += 1;
        odd += usize::from(!ok);
    }
    (odd, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_sizes_match_the_standards() {
        let n: u32 = common_han().iter().map(|w| w.count_ones()).sum();
        // 3,755 + 5,401 less the characters both sets share
        assert!((6_000..9_156).contains(&n), "{n}");
        for c in "同时中华民国中華民國的是为為说說".chars() {
            assert!(is_common(c), "{c}");
        }
        // GB2312 level 2 / Big5 level 2, and kana
        for c in "亍丌鼗あア".chars() {
            assert!(!is_common(c), "{c}");
        }
    }

    #[test]
    fn gbk_read_as_utf8_is_implausible() {
        assert_eq!(utf8_implausible("ͬʱ"), (2, 2));
        assert_eq!(utf8_implausible("ȏΪ"), (2, 2));
        assert_eq!(utf8_implausible("café"), (0, 1));
        assert_eq!(utf8_implausible("Ελληνικά русский"), (0, 15));
        // a lone Cyrillic letter between spaces is what GBK pairs look like
        assert_eq!(utf8_implausible("а"), (1, 1));
        assert_eq!(utf8_implausible("中文，“引号”😀"), (0, 8));
        assert_eq!(utf8_implausible("© 2024 · 25°C"), (0, 3));
    }
}
