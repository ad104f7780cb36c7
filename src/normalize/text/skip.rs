//! The fast part of the line scan ([`super::scan`]): a skip over the bytes the scan
//! would step over without effect, 32 at a time with AVX2 where the CPU has it; the
//! same skip over other classes of bytes: the characters that are not plain
//! ([`super::pieces`]) and sentence punctuation (the boilerplate shape test,
//! `detect::boilerplate::shape`).
//!
//! A byte is *flagged* when the character it starts may be one the scan reacts to: an
//! ASCII space or `&`, a character [`crate::chars::tidy_acts_on`] (with widening),
//! or the start of a character led by `C2`, `E1`, or by `E2`/`EF` followed by the
//! second (and third) bytes of the few such characters they lead. Everything else
//! (continuation bytes, letters, digits, `.`, `/`, `%`, ideographs, `，。“”…`) is
//! not flagged. The test is the classic nibble lookup: for the byte `x` and the two
//! after it, `LO1[x & 15] & HI1[x >> 4] & LO2[y & 15] & HI2[y >> 4] & LO3[..] & HI3[..]`
//! is nonzero, each bit of the result one rectangle (a set of high nibbles times a
//! set of low nibbles) per position; a bit that does not look at the second or third
//! byte is set in every entry of their tables. Some bytes are flagged that need not
//! be (`z`, `{`, `E2 80 80`, `EF B4`..`EF BB`): the scan then reads them as before.
//!
//! The one module with `unsafe` (the crate denies it elsewhere): the vector load and
//! the call of the AVX2 function, each with its safety argument.
#![allow(unsafe_code)]

/// One rectangle: (high nibbles, low nibbles) as bit sets, for the byte, the next
/// one and the one after (`ALL` = any byte).
type Rect = [(u16, u16); 3];

const ALL: (u16, u16) = (0xFFFF, 0xFFFF);

/// Bit sets of nibbles.
const fn nib(list: &[u8]) -> u16 {
    let mut m = 0;
    let mut k = 0;
    while k < list.len() {
        m |= 1 << list[k];
        k += 1;
    }
    m
}

/// The rectangles of the scan's flags, one per result bit ([`SCAN`]).
const SCAN_RECTS: [Rect; 8] = [
    // U+0000–U+001F: the controls (tab and line ends among them, read as before)
    [(nib(&[0, 1]), 0xFFFF), ALL, ALL],
    // ! ( ) , (not the space and `&`, which [`find`] notes as it goes instead)
    [(nib(&[2]), nib(&[1, 8, 9, 0xC])), ALL, ALL],
    // : ; ? and DEL (with z and {, flagged for nothing)
    [(nib(&[3, 7]), nib(&[0xA, 0xB, 0xF])), ALL, ALL],
    // C2: U+0080–U+00BF (C1 controls, NBSP)
    [(nib(&[0xC]), nib(&[2])), ALL, ALL],
    // E1: U+1000–U+1FFF (U+180E)
    [(nib(&[0xE]), nib(&[1])), ALL, ALL],
    // EF A4..AB (U+F900–U+FAFF) and EF BB (U+FEFF): `EF [A,B][4..B]` (EF B4..BA,
    // U+FD00–U+FEBF, flagged for nothing); not `，：（）！？`, led by `EF BC`/`EF BD`
    [
        (nib(&[0xE]), nib(&[0xF])),
        (nib(&[0xA, 0xB]), nib(&[4, 5, 6, 7, 8, 9, 0xA, 0xB])),
        ALL,
    ],
    // E2 80 8B (U+200B), E2 81 A0 (U+2060): `E2 [80,81] [80,8B,A0,AB]`
    [
        (nib(&[0xE]), nib(&[2])),
        (nib(&[8]), nib(&[0, 1])),
        (nib(&[8, 0xA]), nib(&[0, 0xB])),
    ],
    // E2 BC..BF: U+2F00–U+2FFF (the Kangxi radicals)
    [
        (nib(&[0xE]), nib(&[2])),
        (nib(&[0xB]), nib(&[0xC, 0xD, 0xE, 0xF])),
        ALL,
    ],
];

/// The rectangles of the characters that are not plain in the sense of
/// [`super::pieces`] (anything but U+3001–U+9FFF and U+FF00–U+FFEF), flagged at their
/// first byte, exactly ([`NOT_PLAIN`]).
const NOT_PLAIN_RECTS: [Rect; 6] = [
    // ASCII, two- and four-byte characters
    [
        (nib(&[0, 1, 2, 3, 4, 5, 6, 7, 0xC, 0xD, 0xF]), 0xFFFF),
        ALL,
        ALL,
    ],
    // three-byte characters led by E0–E2 or EA–EE
    [
        (nib(&[0xE]), nib(&[0, 1, 2, 0xA, 0xB, 0xC, 0xD, 0xE])),
        ALL,
        ALL,
    ],
    // U+3000: E3 80 80
    [
        (nib(&[0xE]), nib(&[3])),
        (nib(&[8]), nib(&[0])),
        (nib(&[8]), nib(&[0])),
    ],
    // EF 80..AF (U+F000–U+FBFF)
    [(nib(&[0xE]), nib(&[0xF])), (nib(&[8, 9, 0xA]), 0xFFFF), ALL],
    // EF B0..BB (U+FC00–U+FEFF)
    [
        (nib(&[0xE]), nib(&[0xF])),
        (nib(&[0xB]), nib(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xA, 0xB])),
        ALL,
    ],
    // EF BF B0..BF (U+FFF0–U+FFFF)
    [
        (nib(&[0xE]), nib(&[0xF])),
        (nib(&[0xB]), nib(&[0xF])),
        (nib(&[0xB]), 0xFFFF),
    ],
];

/// The rectangles of the half-width marks widening acts on, `,:;!?()`
/// ([`crate::chars::is_widenable`]), exactly ([`WIDEN_MARKS`]).
const WIDEN_MARKS_RECTS: [Rect; 2] = [
    // ! ( ) ,
    [(nib(&[2]), nib(&[1, 8, 9, 0xC])), ALL, ALL],
    // : ; ?
    [(nib(&[3]), nib(&[0xA, 0xB, 0xF])), ALL, ALL],
];

/// The rectangles of sentence punctuation `。！？；｡!?;`, flagged at the first byte,
/// exactly (each rectangle holds the bytes of one or two of them and nothing else):
/// the shape test of the boilerplate rules ([`SENTENCE_PUNCT`]).
const SENTENCE_PUNCT_RECTS: [Rect; 6] = [
    // !
    [(nib(&[2]), nib(&[1])), ALL, ALL],
    // ; ?
    [(nib(&[3]), nib(&[0xB, 0xF])), ALL, ALL],
    // 。 E3 80 82
    [
        (nib(&[0xE]), nib(&[3])),
        (nib(&[8]), nib(&[0])),
        (nib(&[8]), nib(&[2])),
    ],
    // ！ EF BC 81
    [
        (nib(&[0xE]), nib(&[0xF])),
        (nib(&[0xB]), nib(&[0xC])),
        (nib(&[8]), nib(&[1])),
    ],
    // ； EF BC 9B, ？ EF BC 9F
    [
        (nib(&[0xE]), nib(&[0xF])),
        (nib(&[0xB]), nib(&[0xC])),
        (nib(&[9]), nib(&[0xB, 0xF])),
    ],
    // ｡ EF BD A1
    [
        (nib(&[0xE]), nib(&[0xF])),
        (nib(&[0xB]), nib(&[0xD])),
        (nib(&[0xA]), nib(&[1])),
    ],
];

/// A class of bytes, each tested with the two after it: the six nibble tables
/// (`[position][hi = 0, lo = 1][nibble]`), and each twice for the vector code.
pub(crate) struct Class {
    // (read by the byte-at-a-time definition, [`flagged`])
    t: [[[u8; 16]; 2]; 3],
    #[cfg(target_arch = "x86_64")]
    t2: [[[u8; 32]; 2]; 3],
}

impl Class {
    const fn new(rects: &[Rect]) -> Class {
        let mut t = [[[0u8; 16]; 2]; 3];
        let mut bit = 0;
        while bit < rects.len() {
            let mut p = 0;
            while p < 3 {
                let (hi, lo) = rects[bit][p];
                let mut n = 0;
                while n < 16 {
                    if hi & (1 << n) != 0 {
                        t[p][0][n] |= 1 << bit;
                    }
                    if lo & (1 << n) != 0 {
                        t[p][1][n] |= 1 << bit;
                    }
                    n += 1;
                }
                p += 1;
            }
            bit += 1;
        }
        #[cfg(target_arch = "x86_64")]
        let t2 = {
            let mut t2 = [[[0u8; 32]; 2]; 3];
            let mut p = 0;
            while p < 3 {
                let mut h = 0;
                while h < 2 {
                    let mut n = 0;
                    while n < 32 {
                        t2[p][h][n] = t[p][h][n % 16];
                        n += 1;
                    }
                    h += 1;
                }
                p += 1;
            }
            t2
        };
        Class {
            t,
            #[cfg(target_arch = "x86_64")]
            t2,
        }
    }
}

/// The bytes the line scan stops at (see the module doc).
pub(super) const SCAN: Class = Class::new(&SCAN_RECTS);

/// The first bytes of the characters that are not plain ([`super::pieces`]).
pub(super) const NOT_PLAIN: Class = Class::new(&NOT_PLAIN_RECTS);

/// The half-width marks widening acts on, `,:;!?()` (and nothing else).
pub(super) const WIDEN_MARKS: Class = Class::new(&WIDEN_MARKS_RECTS);

/// The first bytes of sentence punctuation `。！？；｡!?;` (and nothing else).
pub(crate) const SENTENCE_PUNCT: Class = Class::new(&SENTENCE_PUNCT_RECTS);

/// 32 bytes as a vector.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn load(v: &[u8; 32]) -> std::arch::x86_64::__m256i {
    // SAFETY: `v` is 32 readable bytes; the load is unaligned.
    unsafe { std::arch::x86_64::_mm256_loadu_si256(v.as_ptr().cast()) }
}

/// Whether the byte at `i` of `b` is in the class `c`, read one byte at a time
/// (the definition the vector code follows; bytes past the end read as 0).
pub(super) fn flagged(c: &Class, b: &[u8], i: usize) -> bool {
    let mut acc = 0xFFu8;
    for (p, t) in c.t.iter().enumerate() {
        let x = b.get(i + p).copied().unwrap_or(0);
        acc &= t[0][usize::from(x >> 4)] & t[1][usize::from(x & 15)];
    }
    acc != 0
}

/// `(j, true)` with `j` the first position from `i` on in the class `c`, or `(j, false)` when
/// none is found: then `j` is the second last byte of `b` (which may lie inside a
/// character; the caller reads on from there with its own test), or `j == i` when
/// fewer than 34 bytes remain from `i` or the CPU has no AVX2. Every byte from `i` to
/// `j` is not flagged.
#[inline]
pub(crate) fn skip(c: &Class, b: &[u8], i: usize) -> (usize, bool) {
    #[cfg(target_arch = "x86_64")]
    {
        if b.len() >= i + 34 && std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above), the only requirement of
            // a `target_feature(enable = "avx2")` function.
            return unsafe { skip_avx2(&c.t2, b, i) };
        }
    }
    // (elsewhere the callers read on byte by byte from `i`)
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (c, b);
    (i, false)
}

/// What [`find`] found from a position on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// The first position in the class, or the length of the text when none is.
    pub at: usize,
    /// Per byte [`find`] was asked to note: whether it occurs among the bytes read,
    /// which are every byte from the start to `at` (so all of them when nothing was
    /// found), and maybe some after `at`.
    pub seen: [bool; 2],
}

/// The first position from `i` on (`i <= b.len()`) whose byte is in the class `c`,
/// and whether each byte of `note` occurs on the way: one pass, 32 bytes at a time
/// with AVX2 (the last fewer than 34 bytes from a copy padded with zeros, which
/// reads them as [`flagged`] does), else one byte at a time. Unlike [`skip`] it
/// leaves no bytes to its caller.
#[inline]
pub(crate) fn find(c: &Class, note: [u8; 2], b: &[u8], i: usize) -> Found {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above), the only requirement of
            // a `target_feature(enable = "avx2")` function.
            return unsafe { find_avx2(&c.t2, note, b, i) };
        }
    }
    let at = (i..b.len()).find(|&k| flagged(c, b, k)).unwrap_or(b.len());
    let read = b.get(i..at).unwrap_or_default();
    Found {
        at,
        seen: note.map(|x| read.contains(&x)),
    }
}

/// The class bits of each byte of `v` by the tables `t` (high nibbles, low
/// nibbles; each twice).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn class(v: std::arch::x86_64::__m256i, t: &[[u8; 32]; 2]) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_set1_epi8, _mm256_shuffle_epi8, _mm256_srli_epi16,
    };
    let low = _mm256_set1_epi8(0x0F);
    let hi = _mm256_and_si256(_mm256_srli_epi16::<4>(v), low);
    let lo = _mm256_and_si256(v, low);
    _mm256_and_si256(
        _mm256_shuffle_epi8(load(&t[0]), hi),
        _mm256_shuffle_epi8(load(&t[1]), lo),
    )
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn skip_avx2(t2: &[[[u8; 32]; 2]; 3], b: &[u8], mut i: usize) -> (usize, bool) {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_movemask_epi8, _mm256_setzero_si256,
    };
    // the flagged bytes among the 32 from `at` (`at + 34 <= b.len()`), as bits
    let flags = |at: usize| {
        let w = &b[at..at + 34];
        let f = _mm256_and_si256(
            class(load(w[..32].try_into().unwrap_or(&[0; 32])), &t2[0]),
            _mm256_and_si256(
                class(load(w[1..33].try_into().unwrap_or(&[0; 32])), &t2[1]),
                class(load(w[2..34].try_into().unwrap_or(&[0; 32])), &t2[2]),
            ),
        );
        // (bits of the bytes that are zero: not flagged)
        !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(f, _mm256_setzero_si256())) as u32)
    };
    while i + 34 <= b.len() {
        let m = flags(i);
        if m != 0 {
            return (i + m.trailing_zeros() as usize, true);
        }
        i += 32;
    }
    // the rest but the last two bytes, by the last 34 (whose bytes before `i` are
    // flagged or not as above: a byte's flag depends on it and the two after it)
    if let Some(at) = b.len().checked_sub(34).filter(|&at| at < i && i - at < 32) {
        let m = flags(at) >> (i - at) << (i - at);
        if m != 0 {
            return (at + m.trailing_zeros() as usize, true);
        }
        return (at + 32, false);
    }
    (i, false)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn find_avx2(t2: &[[[u8; 32]; 2]; 3], note: [u8; 2], b: &[u8], mut i: usize) -> Found {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_setzero_si256,
    };
    let zero = _mm256_setzero_si256();
    let (n0, n1) = (
        _mm256_set1_epi8(note[0] as i8),
        _mm256_set1_epi8(note[1] as i8),
    );
    // the bytes of `note` among the 32 bytes read so far, as bytes 0xFF
    let (mut s0, mut s1) = (zero, zero);
    // the 32 bytes from `w[0]` (`w` 34 bytes long): the flagged ones as bits, and
    // the bytes themselves
    let block = |w: &[u8]| {
        let v = load(w[..32].try_into().unwrap_or(&[0; 32]));
        let f = _mm256_and_si256(
            class(v, &t2[0]),
            _mm256_and_si256(
                class(load(w[1..33].try_into().unwrap_or(&[0; 32])), &t2[1]),
                class(load(w[2..34].try_into().unwrap_or(&[0; 32])), &t2[2]),
            ),
        );
        // (bits of the bytes that are zero: not flagged)
        let m = !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(f, zero)) as u32);
        (m, v)
    };
    let bits = |v| _mm256_movemask_epi8(v) as u32;
    while i + 34 <= b.len() {
        let (m, v) = block(&b[i..i + 34]);
        s0 = _mm256_or_si256(s0, _mm256_cmpeq_epi8(v, n0));
        s1 = _mm256_or_si256(s1, _mm256_cmpeq_epi8(v, n1));
        if m != 0 {
            return Found {
                at: i + m.trailing_zeros() as usize,
                seen: [bits(s0) != 0, bits(s1) != 0],
            };
        }
        i += 32;
    }
    let mut seen = [bits(s0) != 0, bits(s1) != 0];
    // the last fewer than 34 bytes, from a copy padded with zeros (their bits masked
    // off)
    let rest = b.get(i..).unwrap_or_default();
    let mut buf = [0u8; 66];
    buf[..rest.len()].copy_from_slice(rest);
    let mut k = 0;
    while k < rest.len() {
        let live = match rest.len() - k {
            n @ 0..32 => (1u32 << n) - 1,
            _ => u32::MAX,
        };
        let (m, v) = block(&buf[k..k + 34]);
        seen[0] |= bits(_mm256_cmpeq_epi8(v, n0)) & live != 0;
        seen[1] |= bits(_mm256_cmpeq_epi8(v, n1)) & live != 0;
        let m = m & live;
        if m != 0 {
            return Found {
                at: i + k + m.trailing_zeros() as usize,
                seen,
            };
        }
        k += 32;
    }
    Found { at: b.len(), seen }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chars::{is_widenable, tidy_acts_on};

    /// Every character between two ideographs: the scan's class flags its first byte
    /// when the scan reacts to it, the class of the characters that are not plain
    /// exactly when it is not plain (as `pieces::plain_at` reads it, and `plain`
    /// says), and neither class flags a continuation byte.
    #[test]
    fn every_character_is_classed_as_each_reading_of_it() {
        use super::super::pieces::{plain, plain_at};
        for c in '\0'..=char::MAX {
            let line = format!("中{c}文");
            let b = line.as_bytes();
            assert_eq!(plain_at(b, 3), Some((c.len_utf8(), plain(c))), "{c:?}");
            assert_eq!(flagged(&NOT_PLAIN, b, 3), !plain(c), "{c:?}");
            if tidy_acts_on(c, true) {
                assert!(flagged(&SCAN, b, 3), "{c:?}");
            }
            // the marks widening acts on exactly
            assert_eq!(flagged(&WIDEN_MARKS, b, 3), is_widenable(c), "{c:?}");
            // sentence punctuation exactly
            let mark = "。！？；｡!?;".contains(c);
            assert_eq!(flagged(&SENTENCE_PUNCT, b, 3), mark, "{c:?}");
            for k in 4..3 + c.len_utf8() {
                assert!(!flagged(&SCAN, b, k) && !flagged(&NOT_PLAIN, b, k), "{c:?}");
                assert!(!flagged(&WIDEN_MARKS, b, k), "{c:?}");
                assert!(!flagged(&SENTENCE_PUNCT, b, k), "{c:?}");
            }
        }
        assert_eq!(plain_at(b"a", 1), None);
        // the common ones do not stop the scan
        for c in "中文。，“”…：（）！？、a1.%/-— &".chars() {
            let s = format!("{c}中文");
            assert!(!flagged(&SCAN, s.as_bytes(), 0), "{c:?}");
        }
    }

    /// `find` stops where the byte-at-a-time definition does, from every position,
    /// and notes the bytes it was asked to as it says.
    #[test]
    fn find_stops_at_the_first_flagged_byte_and_notes_the_bytes() {
        let pieces = [
            "中",
            "文",
            "。",
            "，",
            "“",
            "”",
            "…",
            "a",
            "1",
            " ",
            "&",
            ",",
            "\u{A0}",
            "\u{200B}",
            "\u{2060}",
            "\u{2F00}",
            "\u{F900}",
            "\u{FEFF}",
            "\u{180E}",
            "\u{1}",
            "z",
            "é",
            "·",
            "\u{2000}",
            "\u{FE50}",
            "😀",
            "\t",
            "?",
            "\u{7F}",
            "\u{3000}",
            "\u{FFF0}",
            "ｚ",
            "！",
            "中文字词句中文字词句中文字词句",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            ":",
            "(",
        ];
        for text in crate::chars::random_texts(&pieces, 3000, 60, 5) {
            let b = text.as_bytes();
            for c in [&SCAN, &NOT_PLAIN, &SENTENCE_PUNCT, &WIDEN_MARKS] {
                for i in 0..=b.len() {
                    let f = find(c, [b' ', b'&'], b, i);
                    let want = (i..b.len()).find(|&k| flagged(c, b, k)).unwrap_or(b.len());
                    assert_eq!(f.at, want, "{text:?} {i}");
                    for (k, x) in [b' ', b'&'].into_iter().enumerate() {
                        if b[i..f.at].contains(&x) {
                            assert!(f.seen[k], "{text:?} {i}");
                        }
                        if f.seen[k] {
                            assert!(b[i..].contains(&x), "{text:?} {i}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_vector_skip_stops_at_the_first_flagged_byte() {
        let pieces = [
            "中", "文", "。", "，", "“", "”", "…", "a", "1", " ", "&", ",", "\u{A0}", "\u{200B}",
            "\u{2060}", "\u{2F00}", "\u{F900}", "\u{FEFF}", "\u{180E}", "\u{1}", "z", "é", "·",
            "\u{2000}", "\u{FE50}", "😀", "\t", "?", "\u{7F}", "\u{3000}", "\u{FFF0}", "ｚ", "！",
            "？", "；", "｡", "!", ";", "、",
        ];
        for text in crate::chars::random_texts(&pieces, 3000, 60, 7) {
            let b = text.as_bytes();
            for c in [&SCAN, &NOT_PLAIN, &SENTENCE_PUNCT, &WIDEN_MARKS] {
                for i in 0..b.len() {
                    let (j, hit) = skip(c, b, i);
                    assert!((i..j).all(|k| !flagged(c, b, k)), "{text:?} {i} {j}");
                    if hit {
                        assert!(flagged(c, b, j), "{text:?} {i} {j}");
                    } else {
                        assert!(j + 2 == b.len() || j == i, "{text:?} {i} {j}");
                    }
                }
            }
        }
    }
}
