//! OpenCC's normalization stage, which maps CJK compatibility ideographs to their
//! unified forms before any configuration converts a text: the quick test of whether a
//! text may hold one ([`holds_compatibility_ideograph`]), so that a text without
//! any skips the stage.

use crate::normalize::script::any_byte_pair;

/// Whether `text` may hold a CJK compatibility ideograph (U+F900–U+FAFF, UTF-8
/// `EF A4..=AB xx`; U+2F800–U+2FA1F, `F0 AF A0..=A8 xx`, a superset up to U+2FA3F):
/// one pass over the neighbouring byte pairs, then an exact search of the lead bytes
/// only in a text that may hold one; a false positive only walks the compatibility
/// group, which changes nothing but its keys.
pub(super) fn holds_compatibility_ideograph(text: &str) -> bool {
    let b = text.as_bytes();
    // first a pass over every pair of neighbouring bytes: `EF A4..=AB` or `F0 AF`,
    // which most lines lack; only a line that has one is searched exactly
    any_byte_pair(b, |x, y| {
        ((x == 0xEF) & (y.wrapping_sub(0xA4) < 8)) | ((x == 0xF0) & (y == 0xAF))
    }) && memchr::memchr2_iter(0xEF, 0xF0, b).any(|i| match b[i] {
        0xEF => matches!(b.get(i + 1), Some(0xA4..=0xAB)),
        _ => b.get(i + 1) == Some(&0xAF) && matches!(b.get(i + 2), Some(0xA0..=0xA8)),
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
