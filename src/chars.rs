//! Character tables: the one place that says which characters end or close a
//! sentence (segmentation), which vanish from or count as punctuation in a matching
//! key (`normalize::key`), and which ones tidying acts on (`normalize::text`). Each
//! class is defined once here; the modules that use one ask this module instead of
//! keeping a list of their own.
//!
//! The classes differ on purpose where their jobs differ: a key drops every
//! whitespace and control character ([`is_key_invisible`]), while tidying removes only
//! the zero-width characters ([`is_zero_width`]) and the controls other than tab and
//! line breaks ([`is_removable_control`]) and keeps spaces by its own rules.

/// Sentence terminators that end a Chinese (or Latin) sentence for segmentation:
/// `。！？!?｡．`. `…` and `.` are handled by the segmenter's own rules (a run of `…`
/// is one mark; `.` between digits is a decimal point).
#[inline]
pub fn is_sentence_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '｡' | '．')
}

/// Characters that close a sentence and stay with it: closing quotes and brackets.
#[inline]
pub fn is_sentence_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〉' | '"' | '\'' | '］' | ']' | '〕'
    )
}

/// Whether byte `b` may be the first byte of a character at which a sentence may end:
/// a [`is_sentence_terminator`] character, `…` or `.`. These are ASCII `!` `?` `.`
/// or start with the UTF-8 lead byte of U+2000–U+2FFF (`…`), U+3000–U+3FFF (`。`) or
/// U+F000–U+FFFF (the full-width marks). Never a continuation byte, so a position it
/// accepts is a character boundary. One table load per byte.
#[inline]
pub fn may_start_terminator(b: u8) -> bool {
    TERMINATOR_LEAD[b as usize]
}

/// Whether a sentence may end at `c`: a [`is_sentence_terminator`] character, `…` or
/// `.`, the class [`next_terminator`] finds (segmentation then applies its own rules
/// to `…` and `.`).
///
/// A multiplication, a shift, a load and a compare, the same for every character
/// (a chain of compares took a dozen instructions for the marks of Chinese text
/// that end no sentence, `，` `、`): the nine such characters ([`SENTENCE_ENDS`])
/// hash to nine distinct slots of a table of 64 ([`end_slot`]), each held in its
/// own slot, and `c` is one of them exactly when its slot holds it (a test checks
/// every character against the definition).
#[inline(always)]
pub fn may_end_sentence(c: char) -> bool {
    END_SLOTS[end_slot(c)] == c as u32
}

/// The characters [`may_end_sentence`] is true of: `.` and `…`, and those of
/// [`is_sentence_terminator`].
const SENTENCE_ENDS: [char; 9] = ['.', '…', '。', '！', '？', '!', '?', '｡', '．'];

/// The multiplier of [`end_slot`], chosen for distinct slots of
/// [`SENTENCE_ENDS`] (a random odd number that gives them; checked when the table
/// is built).
const END_MUL: u32 = 2_444_712_011;

/// The slot of `c` in [`END_SLOTS`]: the top six bits of its code point times
/// [`END_MUL`].
#[inline(always)]
const fn end_slot(c: char) -> usize {
    ((c as u32).wrapping_mul(END_MUL) >> 26) as usize
}

/// Each character of [`SENTENCE_ENDS`] in its [`end_slot`]; `u32::MAX`, no
/// character, in the others.
static END_SLOTS: [u32; 64] = {
    let mut t = [u32::MAX; 64];
    let mut i = 0;
    while i < SENTENCE_ENDS.len() {
        let k = end_slot(SENTENCE_ENDS[i]);
        assert!(t[k] == u32::MAX, "two sentence ends in one slot");
        t[k] = SENTENCE_ENDS[i] as u32;
        i += 1;
    }
    t
};

/// The byte offset, at or after `pos` (a character boundary of the UTF-8 text `b`),
/// of the first character that may end a sentence: `!` `?` `.`, `…`, or one of the
/// full-width terminators `。！？｡．`; `None` when there is none.
///
/// The bytes are tested one by one with [`may_start_terminator`] (independent
/// steps, which the processor overlaps: stepping from character to character by a
/// length looked up from each lead byte measured slower, one dependent load after
/// another), and the three bytes of a character led by `E2` `E3` `EF` are compared
/// in place, so that `，` `、` `「` and the other marks sharing those lead bytes are
/// passed over without being decoded. Finds exactly the characters `c` with
/// [`may_end_sentence`]`(c)` (a test checks every character).
///
/// Whole 8-byte words holding no ASCII byte and none of those lead bytes are
/// skipped first (`ascii_or_terminator_lead`: most words of Chinese text).
#[inline]
pub fn next_terminator(b: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let i = if let Some(w) = b.get(pos..pos + 8) {
            let m = ascii_or_terminator_lead(u64::from_le_bytes(w.try_into().unwrap_or_default()));
            if m == 0 {
                pos += 8;
                continue;
            }
            // (such a byte starts a character)
            let i = pos + m.trailing_zeros() as usize / 8;
            if !may_start_terminator(b[i]) {
                // another ASCII byte, and the ASCII bytes after it up to one that may
                // end a sentence (a number or a Latin word is passed over in one go)
                pos = i + 1;
                while b
                    .get(pos)
                    .is_some_and(|&x| x < 0x80 && !may_start_terminator(x))
                {
                    pos += 1;
                }
                continue;
            }
            i
        } else {
            // the last bytes, from the next character's start
            while b.get(pos).is_some_and(|&x| x & 0xC0 == 0x80) {
                pos += 1;
            }
            pos + b
                .get(pos..)?
                .iter()
                .position(|&x| may_start_terminator(x))?
        };
        if terminator_at(b, i) {
            return Some(i);
        }
        pos = i + 3;
    }
}

/// Whether the character at byte `i` of `b` (a byte [`may_start_terminator`]
/// accepts) may end a sentence: an ASCII `!` `?` `.`, or the three bytes of `…`
/// `。` `！` `．` `？` `｡` compared in place.
#[inline(always)]
fn terminator_at(b: &[u8], i: usize) -> bool {
    let x = b[i];
    x < 0x80 // ! ? .
        || matches!(
            (x, b.get(i + 1), b.get(i + 2)),
            (0xE2, Some(0x80), Some(0xA6)) // …
                | (0xE3, Some(0x80), Some(0x82)) // 。
                | (0xEF, Some(0xBC), Some(0x81 | 0x8E | 0x9F)) // ！ ． ？
                | (0xEF, Some(0xBD), Some(0xA1)) // ｡
        )
}

/// [`next_terminator`] as it was before it passed over runs of ASCII bytes: the
/// word read again after each ASCII byte that ends no sentence (the test oracle).
#[cfg(test)]
fn next_terminator_one_ascii_at_a_time(b: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let i = if let Some(w) = b.get(pos..pos + 8) {
            let m = ascii_or_terminator_lead(u64::from_le_bytes(w.try_into().unwrap_or_default()));
            if m == 0 {
                pos += 8;
                continue;
            }
            let i = pos + m.trailing_zeros() as usize / 8;
            if !may_start_terminator(b[i]) {
                pos = i + 1;
                continue;
            }
            i
        } else {
            while b.get(pos).is_some_and(|&x| x & 0xC0 == 0x80) {
                pos += 1;
            }
            pos + b
                .get(pos..)?
                .iter()
                .position(|&x| may_start_terminator(x))?
        };
        if terminator_at(b, i) {
            return Some(i);
        }
        pos = i + 3;
    }
}

/// The high bit of each byte of `w` (eight bytes of text, little-endian) that is
/// ASCII or one of the lead bytes `E2`, `E3`, `EF` (a superset of the bytes
/// [`may_start_terminator`] accepts); a bit above a flagged byte may be set
/// spuriously (the borrow of the zero-byte test), never the lowest one, and no
/// flagged byte is missed.
#[inline]
fn ascii_or_terminator_lead(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // (bytes equal to `v` under `mask`: E2 and E3 differ in their lowest bit only,
    // so one test finds both)
    let eq = |v: u8, mask: u8| {
        let x = (w ^ (LO * u64::from(v))) & (LO * u64::from(mask));
        x.wrapping_sub(LO) & !x & HI
    };
    (!w & HI) | eq(0xE2, 0xFE) | eq(0xEF, 0xFF)
}

/// [`may_start_terminator`] as a table.
static TERMINATOR_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'.' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Whether `c` is punctuation or decoration, dropped from matching keys. Letters,
/// digits, symbols such as `$` and `+`, and ideographs are kept.
#[inline]
pub fn is_key_punct(c: char) -> bool {
    match c as u32 {
        0x21..=0x2F | 0x3A..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E => c.is_ascii_punctuation(),
        0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF => true,
        0x2010..=0x2027 | 0x2030..=0x205E => true,
        // CJK symbols and punctuation, except 々 〆 〇 which are letters
        0x3001..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D => true,
        0x30FB => true, // katakana middle dot
        // arrows, box drawing, geometric shapes (▲ ● ■), misc symbols, dingbats: the
        // bullets and decorations of scraped pages, not content
        0x2190..=0x21FF | 0x2500..=0x27BF => true,
        0xFE10..=0xFE19 | 0xFE30..=0xFE6B => true,
        0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => true,
        _ => false,
    }
}

/// Characters that vanish from matching keys without being punctuation: whitespace,
/// controls, zero-width characters (U+200B–U+200F, U+2060–U+2064, U+FEFF) and the
/// soft hyphen.
#[inline]
pub fn is_key_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// Han ideographs, kana, CJK and full-width punctuation, and curly quotes: the
/// characters whose neighbourhood makes punctuation “Chinese” (tidying).
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF01..=0xFF60 | 0x20000..=0x3FFFF
        | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026 | 0x2014)
}

/// Full-width punctuation next to which a space is never needed (tidying).
#[inline]
pub fn is_wide_punct(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF3D | 0xFF5B..=0xFF5D
        | 0x2026 | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D)
}

/// Zero-width characters tidying removes: U+200B, U+2060, U+FEFF, U+180E.
#[inline]
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

/// Control characters tidying removes: every control but tab and line breaks.
#[inline]
pub fn is_removable_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n' && c != '\r'
}

/// Whitespace tidying trims from the end of a line: space, tab, U+3000, NBSP.
#[inline]
pub fn is_trailing_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

/// The half-width marks tidying widens next to Chinese text, with their full-width
/// forms.
pub const WIDENED: [(char, char); 7] = [
    (',', '，'),
    (':', '：'),
    (';', '；'),
    ('!', '！'),
    ('?', '？'),
    ('(', '（'),
    (')', '）'),
];

/// Whether `c` is one of the half-width marks of [`WIDENED`].
#[inline]
pub fn is_widenable(c: char) -> bool {
    matches!(c, ',' | ':' | ';' | '!' | '?' | '(' | ')')
}

/// The full-width form of a mark of [`WIDENED`]; any other character unchanged.
#[inline]
pub fn widened(c: char) -> char {
    WIDENED
        .iter()
        .find(|&&(h, _)| h == c)
        .map_or(c, |&(_, w)| w)
}

/// The unified ideograph for a Kangxi radical (U+2F00–U+2FDF) or a CJK compatibility
/// ideograph (U+F900–U+FAFF), from its Unicode (compatibility) decomposition. `None`
/// for every other character, for the twelve unified ideographs inside the
/// compatibility block (U+FA0E, U+FA0F, …) and for unassigned code points.
#[inline]
pub fn unified_ideograph(c: char) -> Option<char> {
    if !matches!(c as u32, 0x2F00..=0x2FDF | 0xF900..=0xFAFF) {
        return None;
    }
    let mut one = None;
    let mut n = 0;
    unicode_normalization::char::decompose_compatible(c, |d| {
        one = Some(d);
        n += 1;
    });
    one.filter(|&d| n == 1 && d != c)
}

/// Whether tidying changes `c` wherever it stands: a zero-width character, a removable
/// control, NBSP, a radical or compatibility ideograph, and with `widen` a mark of
/// [`WIDENED`] (which it may widen). Spaces are not in the class: their rules depend
/// on the neighbours.
#[inline]
pub fn tidy_acts_on(c: char, widen: bool) -> bool {
    is_zero_width(c)
        || is_removable_control(c)
        || c == '\u{A0}'
        || (widen && is_widenable(c))
        || unified_ideograph(c).is_some()
}

/// The lengths of the common prefix and of the common suffix of the sequences `a`
/// and `b`, in items (counted apart: they overlap when one sequence holds the
/// other's ends, as `ab` and `aab` share `a` and `ab`).
#[inline]
pub fn common_ends<T, I, J>(a: I, b: J) -> (usize, usize)
where
    T: PartialEq,
    I: IntoIterator<Item = T, IntoIter: DoubleEndedIterator + Clone>,
    J: IntoIterator<Item = T, IntoIter: DoubleEndedIterator + Clone>,
{
    let (a, b) = (a.into_iter(), b.into_iter());
    let pre = a.clone().zip(b.clone()).take_while(|(x, y)| x == y).count();
    let suf = a.rev().zip(b.rev()).take_while(|(x, y)| x == y).count();
    (pre, suf)
}

/// Whether `text` plainly starts and ends with a character that no trim of the
/// project removes (Unicode whitespace, U+200B, U+FEFF), read from lead bytes
/// without decoding: printable ASCII, or a three-byte character led by `E4`–`E9`
/// (U+4000–9FFF), `E3` but U+3000, `EF` but U+FEFF, or `E2` outside U+2000–200B,
/// U+2028–202F and U+2040–207F (curly quotes, dashes and `…` pass). Every Unicode
/// whitespace character above ASCII is led by `C2`, `E1`, `E2` or is U+3000.
/// `false` says nothing (the caller trims as usual); `true` means trimming would
/// return `text` whole, so most paragraphs skip the trim.
#[inline]
pub fn untrimmed_ends(text: &str) -> bool {
    let b = text.as_bytes();
    let n = b.len();
    // (a lead byte three from the end starts the last character, three bytes long)
    let solid = |i: usize| match b[i..i + 3] {
        [0xE4..=0xE9, ..] => true,
        [0xE3, y, z] => [y, z] != [0x80, 0x80],
        [0xEF, y, z] => [y, z] != [0xBB, 0xBF],
        [0xE2, 0x80, z] => (0x8C..=0xA7).contains(&z),
        [0xE2, y, _] => y != 0x81,
        _ => false,
    };
    let start = match b.first() {
        Some(0x21..=0x7E) => true,
        Some(_) => n >= 3 && solid(0),
        None => false,
    };
    start
        && match b[n - 1] {
            0x21..=0x7E => true,
            _ => n >= 3 && solid(n - 3),
        }
}

/// Every character `c` of Unicode in the short texts a lead-byte test must get right
/// (`c` alone, at either end beside an ideograph, at both ends of a letter or of
/// two ideographs), each handed to `f`.
#[cfg(test)]
pub(crate) fn each_char_at_the_ends(mut f: impl FnMut(&str)) {
    for c in '\0'..=char::MAX {
        for t in [
            format!("{c}"),
            format!("{c}中"),
            format!("中{c}"),
            format!("{c}a{c}"),
            format!("中{c}文{c}"),
        ] {
            f(&t);
        }
    }
}

/// `n` texts (seeded by `seed`, so the same every run) of random `pieces`, the
/// `k`-th of `k % (most + 1)` pieces: the random inputs of the tests that compare
/// a fast path with the one it replaced.
#[cfg(test)]
pub(crate) fn random_texts(pieces: &[&str], n: usize, most: usize, seed: u32) -> Vec<String> {
    let mut x = seed;
    (0..n)
        .map(|k| {
            (0..k % (most + 1))
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    pieces[(x >> 8) as usize % pieces.len()]
                })
                .collect()
        })
        .collect()
}

/// The xorshift64 generator (Marsaglia, "Xorshift RNGs", 2003) from `seed` (not 0):
/// each call gives its next 64-bit value, the same every run (the tests' random
/// inputs).
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// Checks an eight-byte word test (`ascii_or_terminator_lead` and its kin in
/// `normalize::text`): each byte value at each place of a word among bytes of
/// Chinese text is the first flagged byte exactly when `wanted` says so.
#[cfg(test)]
pub(crate) fn assert_word_test(test: impl Fn(u64) -> u64, wanted: impl Fn(u8) -> bool) {
    for v in 0..=255u8 {
        for at in 0..8 {
            let mut w = [0xE4, 0xB8, 0xAD, 0xE6, 0x96, 0x87, 0xE5, 0x9B];
            w[at] = v;
            let m = test(u64::from_le_bytes(w));
            if wanted(v) {
                assert_eq!(m.trailing_zeros() as usize / 8, at, "{v:#x} at {at}");
            } else {
                assert_eq!(m, 0, "{v:#x} at {at}");
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn untrimmed_ends_only_where_no_trim_removes_a_character() {
        let trimmed = |c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}';
        each_char_at_the_ends(|t| {
            if untrimmed_ends(t) {
                let (first, last) = (t.chars().next(), t.chars().next_back());
                assert!(
                    !first.is_some_and(trimmed) && !last.is_some_and(trimmed),
                    "{t:?}"
                );
            }
        });
        // the lines most paragraphs are: passed without a trim
        for t in ["中文。", "a中b", "“引语”", "《书》…", "）。", "中——"] {
            assert!(untrimmed_ends(t), "{t:?}");
        }
    }
    use super::*;

    #[test]
    fn may_end_sentence_is_its_definition() {
        for c in '\0'..=char::MAX {
            let want = matches!(c, '.' | '…') || is_sentence_terminator(c);
            assert_eq!(may_end_sentence(c), want, "{c:?}");
        }
    }

    #[test]
    fn terminator_lead_bytes_cover_every_terminator() {
        for c in ('\0'..='\u{FFFF}').filter(|&c| may_end_sentence(c)) {
            let mut b = [0; 4];
            c.encode_utf8(&mut b);
            assert!(may_start_terminator(b[0]), "{c:?}");
        }
        // never a continuation byte: a position the scanner stops at is a boundary
        assert!((0x80..=0xBF).all(|b| !may_start_terminator(b)));
    }

    #[test]
    fn next_terminator_finds_exactly_the_terminators() {
        for c in '\0'..=char::MAX {
            let t = may_end_sentence(c);
            let s = format!("中{c}文");
            let b = s.as_bytes();
            let want = if t { Some(3) } else { None };
            assert_eq!(next_terminator(b, 0), want, "{c:?}");
            // at the very end of the text too
            let e = c.to_string();
            assert_eq!(next_terminator(e.as_bytes(), 0), t.then_some(0), "{c:?}");
        }
        assert_eq!(next_terminator("。。".as_bytes(), 3), Some(3));
        // past whole words of text first: at every offset after a mixed prefix
        let pre: Vec<&str> = vec!["中", "a", "，", "、", "文", "1", "「", "é", "字"];
        for c in ['。', '！', '？', '!', '?', '.', '｡', '．', '…'] {
            for n in 0..=pre.len() {
                for start in 0..n {
                    let p: String = pre[start..n].concat();
                    let s = format!("{p}{c}中文字");
                    assert_eq!(next_terminator(s.as_bytes(), 0), Some(p.len()), "{s:?}");
                    let s = format!("{p}中文字");
                    assert_eq!(next_terminator(s.as_bytes(), 0), None, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn next_terminator_finds_what_the_ascii_at_a_time_scan_found() {
        // texts of random pieces (terminators, look-alikes sharing their lead bytes,
        // ASCII runs, ideographs), from every start, and every terminator of them
        let pieces = [
            "中", "文", "字", "，", "、", "“", "」", "（", "…", "。", "！", "？", "．", "｡", "!",
            "?", ".", "1", "2024", "abc", " ", "\u{3000}", "—", "é", "𠀀", "3.5%",
        ];
        for s in random_texts(&pieces, 600, 39, 7) {
            let b = s.as_bytes();
            for start in (0..=b.len()).filter(|&i| s.is_char_boundary(i)) {
                let mut pos = start;
                while pos <= b.len() {
                    let got = next_terminator(b, pos);
                    assert_eq!(
                        got,
                        next_terminator_one_ascii_at_a_time(b, pos),
                        "{s:?} {pos}"
                    );
                    let Some(i) = got else { break };
                    pos = i + 1;
                    while !s.is_char_boundary(pos) {
                        pos += 1;
                    }
                }
            }
        }
    }

    #[test]
    fn the_word_test_flags_ascii_and_the_terminator_leads() {
        let wanted = |v: u8| v < 0x80 || matches!(v, 0xE2 | 0xE3 | 0xEF);
        for v in 0..=255u8 {
            assert!(wanted(v) || !may_start_terminator(v), "{v:#x}");
        }
        assert_word_test(ascii_or_terminator_lead, wanted);
    }

    #[test]
    fn widened_marks_are_the_widenable_ones() {
        for c in '\0'..='\u{FFFF}' {
            assert_eq!(is_widenable(c), widened(c) != c, "{c:?}");
        }
    }

    #[test]
    fn what_tidying_acts_on_starts_with_a_tidy_lead_byte() {
        for c in ('\0'..=char::MAX).filter(|&c| tidy_acts_on(c, true)) {
            let mut b = [0; 4];
            c.encode_utf8(&mut b);
            assert!(
                b[0] < 0x80 || matches!(b[0], 0xC2 | 0xE1 | 0xE2 | 0xEF),
                "{c:?}"
            );
        }
    }
}
