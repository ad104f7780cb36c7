//! The walk's character test ([`super::next_present`]) against its oracle.

use super::*;

/// [`next_present`] (three-byte characters tested by their bytes against the
/// `u64` words) against every character decoded and tested with [`in_set`].
#[test]
fn next_present_is_in_set_per_character() {
    let mut texts = vec![(0..0x1_0000).filter_map(char::from_u32).collect::<String>()];
    let pieces = [
        "的", "說", "a", "，", "𠀾", "é", "\n", "\u{FFFF}", "\u{800}", "\u{E000}",
    ];
    texts.extend(crate::chars::random_texts(&pieces, 200, 30, 11));
    for seed in 0..8u64 {
        let mut set = EMPTY_BMP_SET;
        let mut rng = crate::chars::xorshift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for c in 0..0x1_0000u32 {
            if rng().is_multiple_of(seed + 2)
                || (seed == 0 && "的說é".contains(char::from_u32(c).unwrap_or('\0')))
            {
                insert(&mut set, c);
            }
        }
        for text in &texts {
            let (bytes, mut pos, mut ours) = (text.as_bytes(), 0, Vec::new());
            while let Some((at, c, n, after)) = next_present(bytes, &bytes[pos..], &set) {
                assert_eq!(after, &bytes[at + n..]);
                ours.push((at, c, n));
                pos = at + n;
            }
            let oracle: Vec<(usize, u32, usize)> = text
                .char_indices()
                .filter(|&(_, ch)| in_set(&set, ch as u32))
                .map(|(at, ch)| (at, ch as u32, ch.len_utf8()))
                .collect();
            assert_eq!(ours, oracle, "seed {seed}");
        }
    }
}

/// [`single_char`] reads back every character as `build.rs` writes it into
/// [`GroupTables::single`] (its UTF-8 in a little-endian `u32`, the rest 0), and
/// the walk's test of three bytes (`utf8[0] & 0xF0 == 0xE0`) holds exactly for the
/// characters of `0x800..0x1_0000`, its old test of the code point.
#[test]
fn single_char_reads_the_table_entries() {
    assert_eq!(single_char([0; 4]), None);
    for c in (1..=0x10_FFFF).filter_map(char::from_u32) {
        let mut utf8 = [0; 4];
        c.encode_utf8(&mut utf8);
        let entry = u32::from_le_bytes(utf8).to_le_bytes();
        assert_eq!(single_char(entry), Some(c));
        let three = matches!(c as u32, 0x800..0xD800 | 0xE000..0x1_0000);
        assert_eq!(entry[0] & 0xF0 == 0xE0, three, "{c:?}");
    }
}
