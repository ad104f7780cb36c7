//! OpenCC's normalization stage, which maps CJK compatibility ideographs to their
//! unified forms before any configuration converts a text: the quick test of whether a
//! text may hold one ([`holds_compatibility_ideograph`]), so that a text without
//! any skips the stage.

use std::ops::RangeInclusive;

use crate::normalize::script::any_byte_pair;

/// The code points [`holds_compatibility_ideograph`] looks for: the CJK
/// compatibility ideographs, U+F900–U+FAFF and U+2F800–U+2FA1F (the second range a
/// superset up to U+2FA3F, which its UTF-8 bytes test more cheaply).
pub(super) const COMPATIBILITY: [RangeInclusive<u32>; 2] = [0xF900..=0xFAFF, 0x2F800..=0x2FA3F];

/// The UTF-8 continuation byte of `c` holding its bits from `shift` up.
const fn continuation(c: u32, shift: u32) -> u8 {
    0x80 | (c >> shift & 0x3F) as u8
}

/// The second bytes of the UTF-8 of [`COMPATIBILITY`]'s first range (`EF A4..=AB
/// xx`) and the third of its second (`F0 AF A0..=A8 xx`).
const BMP_SECOND: RangeInclusive<u8> =
    continuation(*COMPATIBILITY[0].start(), 6)..=continuation(*COMPATIBILITY[0].end(), 6);
const ASTRAL_THIRD: RangeInclusive<u8> =
    continuation(*COMPATIBILITY[1].start(), 6)..=continuation(*COMPATIBILITY[1].end(), 6);
const BMP_LO: u8 = *BMP_SECOND.start();
const BMP_HI: u8 = *BMP_SECOND.end();
const ASTRAL_LO: u8 = *ASTRAL_THIRD.start();
const ASTRAL_HI: u8 = *ASTRAL_THIRD.end();
// the bytes before those: `EF` for the first range, `F0 AF` for the second
const _: () = assert!(
    *COMPATIBILITY[0].start() >> 12 == 0xF
        && *COMPATIBILITY[0].end() >> 12 == 0xF
        && *COMPATIBILITY[1].start() >> 12 == 0x2F
        && *COMPATIBILITY[1].end() >> 12 == 0x2F
);

/// Whether `text` may hold a CJK compatibility ideograph ([`COMPATIBILITY`]): one
/// pass over the neighbouring byte pairs, then an exact search of the lead bytes only
/// in a text that may hold one; a false positive only walks the compatibility group,
/// which changes nothing but its keys.
pub(super) fn holds_compatibility_ideograph(text: &str) -> bool {
    let b = text.as_bytes();
    // first a pass over every pair of neighbouring bytes: `EF A4..=AB` or `F0 AF`,
    // which most lines lack; only a line that has one is searched exactly
    any_byte_pair(b, |x, y| {
        ((x == 0xEF) & (y.wrapping_sub(BMP_LO) <= BMP_HI - BMP_LO)) | ((x == 0xF0) & (y == 0xAF))
    }) && memchr::memchr2_iter(0xEF, 0xF0, b).any(|i| match b[i] {
        0xEF => matches!(b.get(i + 1), Some(BMP_LO..=BMP_HI)),
        _ => b.get(i + 1) == Some(&0xAF) && matches!(b.get(i + 2), Some(ASTRAL_LO..=ASTRAL_HI)),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{OpenccConfig, OpenccConverter};
    use super::*;

    #[test]
    fn compatibility_ideographs_are_unified() {
        for (c, holds) in [
            ('\u{F8FF}', false),
            ('\u{F900}', true),
            ('\u{FAFF}', true),
            ('\u{FB00}', false),
            ('，', false),
            ('\u{2F7FF}', false),
            ('\u{2F800}', true),
            ('\u{2FA1F}', true),
            ('\u{2FA40}', false),
        ] {
            assert_eq!(
                holds_compatibility_ideograph(&format!("中{c}文")),
                holds,
                "U+{:X}",
                c as u32
            );
        }
        let c = OpenccConverter::new();
        // U+F900 is a compatibility form of 豈
        assert_eq!(c.convert_config("\u{F900}", OpenccConfig::S2t), "豈");
    }
}
