//! GB2312 and GBK membership of BMP code points: the character sets the partial
//! conversion rules of [`super::script`] consult (a character GB2312 holds is valid
//! Simplified text and stays; conversion never writes a character GBK lacks unless the
//! input already had it).

/// GB2312 and GBK membership of BMP code points, from encoding_rs's GBK decoder
/// (the WHATWG Encoding Standard's gb18030 index; GB2312: lead bytes 0xA1–0xF7, trail
/// bytes 0xA1–0xFE; GBK: lead 0x81–0xFE, trail 0x40–0xFE). Two bitsets of 8 KiB (bit
/// `i % 8` of byte `i / 8` for code point `i`), committed in `data/gb/` so that the
/// build script needs no encoding crate of its own; the unit test
/// `gb_sets_are_the_gbk_decoders` recomputes them (`ZHCLEAN_BLESS=1` rewrites them).
pub struct GbSets {
    gb2312: &'static [u8],
    gbk: &'static [u8],
}

/// The GB2312 bitset's bytes (see [`GbSets`]), for tables computed at compile time.
pub(crate) const GB2312_BITS: &[u8] = include_bytes!("../../data/gb/gb2312.bin");

static GB_SETS: GbSets = GbSets {
    gb2312: GB2312_BITS,
    gbk: include_bytes!("../../data/gb/gbk.bin"),
};

impl GbSets {
    /// The sets (static data).
    pub fn get() -> &'static GbSets {
        &GB_SETS
    }

    fn has(set: &[u8], c: char) -> bool {
        let i = c as usize;
        set.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 != 0)
    }

    /// Whether GB2312 holds `c`.
    pub fn gb2312(&self, c: char) -> bool {
        Self::has(self.gb2312, c)
    }

    /// Whether GBK holds `c` (ASCII included).
    pub fn gbk(&self, c: char) -> bool {
        (c as u32) < 0x80 || Self::has(self.gbk, c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed GB2312/GBK bitsets (`data/gb/`) are what encoding_rs's GBK
    /// decoder gives for every double-byte pair decoded on its own (GB2312: the pairs
    /// with lead 0xA1–0xF7 and trail ≥ 0xA1). `ZHCLEAN_BLESS=1` rewrites them.
    #[test]
    fn gb_sets_are_the_gbk_decoders() {
        let mut gb2312 = vec![0u8; 0x10000 / 8];
        let mut gbk = vec![0u8; 0x10000 / 8];
        for b1 in 0x81u8..=0xFE {
            for b2 in (0x40u8..=0xFE).filter(|&b| b != 0x7F) {
                let pair = [b1, b2];
                let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&pair);
                let mut it = text.chars();
                let (Some(c), None, false) = (it.next(), it.next(), had_errors) else {
                    continue;
                };
                let i = c as usize;
                if i >= 0x10000 || c == '\u{FFFD}' {
                    continue;
                }
                gbk[i / 8] |= 1 << (i % 8);
                if (0xA1..=0xF7).contains(&b1) && b2 >= 0xA1 {
                    gb2312[i / 8] |= 1 << (i % 8);
                }
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gb");
        if std::env::var_os("ZHCLEAN_BLESS").is_some() {
            std::fs::write(dir.join("gb2312.bin"), &gb2312).unwrap();
            std::fs::write(dir.join("gbk.bin"), &gbk).unwrap();
        }
        let sets = GbSets::get();
        assert!(
            sets.gb2312 == gb2312.as_slice(),
            "data/gb/gb2312.bin is stale"
        );
        assert!(sets.gbk == gbk.as_slice(), "data/gb/gbk.bin is stale");
        // GB2312's 7,445 characters (6,763 hanzi), plus what the decoder gives for the
        // rest of that byte area (user-defined rows as private-use code points, symbols
        // GBK added); GBK adds about 14,000 more
        let count = |set: &[u8]| set.iter().map(|b| b.count_ones()).sum::<u32>();
        assert_eq!(count(&gb2312), 8178);
        assert!(count(&gbk) > 21_000);
    }
}
