//! Photo captions and credits: the marks that make a sentence a caption or a
//! fragment a credit (rule 3 of [`super`]: a repeated caption is no evidence of a
//! copy), the per-character hints the key pass records so that only the few units
//! that may be captions are searched, and the mark searches.

use std::sync::OnceLock;

/// Marks of a photo caption or its credit inside running text (`記者…／攝影`,
/// `圖／…提供`, `资料照片`).
pub(super) const CAPTION_SENTENCE_MARKS: &[&str] = &[
    "攝",
    "摄",
    "圖／",
    "图／",
    "圖/",
    "图/",
    "提供",
    "資料照片",
    "资料照片",
    "图片来源",
    "圖片來源",
    "供圖",
    "供图",
];

/// Whether `c`, a matching-key character, can be the key of a character of a caption
/// mark: the first characters of `CAPTION_SENTENCE_MARKS` (攝 摄 圖 图 提 資 资 供,
/// whose keys are themselves or their fold: 攝 → 摄, 圖 → 图, 資 → 赀, OpenCC's first
/// candidate), and 图 摄 视, one of which every mark of `CAPTION_MARKS` holds. A
/// sentence or paragraph whose key holds none is no caption. Checked in the key pass,
/// so [`is_caption_sentence`] and [`super::roles_hinted`] read only the few units that may
/// be one; a test checks that every mark's key holds one.
#[inline]
pub fn opens_caption_mark(c: char) -> bool {
    caption_hint(c) != 0
}

/// [`caption_hint`] bit: `c` is a character of [`opens_caption_mark`].
pub const CAPTION_HINT_ANY: u8 = 1;
/// [`caption_hint`] bit: `c` is 图, 摄 or 视, one of which every mark of
/// `CAPTION_MARKS` (the marks of a caption line, read by [`super::roles_hinted`]) holds,
/// and each is its own key. A line whose key holds none is no caption line.
pub const CAPTION_HINT_LINE: u8 = 2;

/// What the key character `c` says about captions, as bits: [`CAPTION_HINT_ANY`]
/// when [`opens_caption_mark`] accepts it, with [`CAPTION_HINT_LINE`] too for 图, 摄
/// and 视; 0 for every other character. One call per key character in the key pass.
#[inline]
pub fn caption_hint(c: char) -> u8 {
    // 64-bit filters on the low six bits and the next six first: most characters
    // fail them with two shifts, the few that pass are compared exactly
    let cp = c as u32;
    if (CAPTION_OPENER_BITS >> (cp & 63)) & (CAPTION_OPENER_BITS_HI >> ((cp >> 6) & 63)) & 1 == 0 {
        return 0;
    }
    match c {
        '图' | '摄' | '视' => CAPTION_HINT_ANY | CAPTION_HINT_LINE,
        '攝' | '圖' | '提' | '資' | '资' | '赀' | '供' => CAPTION_HINT_ANY,
        _ => 0,
    }
}

/// The characters of [`opens_caption_mark`] (the tests' reference).
#[cfg(test)]
pub(super) fn is_caption_opener(c: char) -> bool {
    matches!(
        c,
        '攝' | '摄' | '圖' | '图' | '提' | '資' | '资' | '赀' | '供' | '视'
    )
}

/// The characters of [`opens_caption_mark`], for its filters.
const CAPTION_OPENERS: [char; 10] = ['攝', '摄', '圖', '图', '提', '資', '资', '赀', '供', '视'];

/// Bit `c & 63` set for every character of [`CAPTION_OPENERS`].
const CAPTION_OPENER_BITS: u64 = opener_bits(0);

/// Bit `(c >> 6) & 63` set for every character of [`CAPTION_OPENERS`].
const CAPTION_OPENER_BITS_HI: u64 = opener_bits(6);

/// Bit `(c >> shift) & 63` set for every character of [`CAPTION_OPENERS`].
const fn opener_bits(shift: u32) -> u64 {
    char_bits(&CAPTION_OPENERS, shift)
}

/// Bit `(c >> shift) & 63` set for every character `c` of `cs`.
const fn char_bits(cs: &[char], shift: u32) -> u64 {
    let mut bits = 0u64;
    let mut i = 0;
    while i < cs.len() {
        bits |= 1 << ((cs[i] as u32 >> shift) & 63);
        i += 1;
    }
    bits
}

/// The key characters at which [`caption_hint_in_key`] may answer: 图 摄 视 (and
/// 攝 圖), and the second characters of 提供 and 资料.
const KEY_HINT_CHARS: [char; 7] = ['图', '摄', '视', '攝', '圖', '供', '料'];
const KEY_HINT_BITS: u64 = char_bits(&KEY_HINT_CHARS, 0);
const KEY_HINT_BITS_HI: u64 = char_bits(&KEY_HINT_CHARS, 6);

/// Whether [`caption_hint_in_key`] may answer for the key character `c` at all:
/// one of the seven key characters at which it may (图 摄 视 攝 圖 供 料), exactly.
/// The key pass records, line by line, whether the line's key holds one
/// (`detect::keying`); the caption hints of a line whose key holds none are all 0.
#[inline]
pub fn is_key_hint_char(c: char) -> bool {
    KEY_HINT_CHARS.contains(&c)
}

/// [`caption_hint`] for the key pass, which knows the key character before `c`
/// (`prev`): [`CAPTION_HINT_ANY`] only where a mark of `CAPTION_SENTENCE_MARKS`
/// can be, so that a sentence with 提, 资 or 供 alone (提出, 资金, 供应) is not read
/// by [`is_caption_sentence`]. Every mark's key holds 图 or 摄, or the pair 提供 or
/// 资料 (the marks are matched in the text, where nothing stands between the two;
/// a test checks it); [`CAPTION_HINT_LINE`] as [`caption_hint`] gives it.
#[inline]
pub fn caption_hint_in_key(prev: char, c: char) -> u8 {
    let cp = c as u32;
    if (KEY_HINT_BITS >> (cp & 63)) & (KEY_HINT_BITS_HI >> ((cp >> 6) & 63)) & 1 == 0 {
        return 0;
    }
    match c {
        '图' | '摄' | '视' => CAPTION_HINT_ANY | CAPTION_HINT_LINE,
        '攝' | '圖' => CAPTION_HINT_ANY,
        '供' if prev == '提' => CAPTION_HINT_ANY,
        '料' if matches!(prev, '資' | '资' | '赀') => CAPTION_HINT_ANY,
        _ => 0,
    }
}

/// Whether [`caption_hint_in_key`] may answer for the key character `c`, whatever
/// the character before it: a gate the key pass tests for every key character
/// (a multiply, a shift and a bit test), so that the exact test runs for few of
/// them (about 3 % of the ideographs of news text). Each of the seven characters
/// at which the exact test may answer (`KEY_HINT_CHARS`: 图 摄 视 攝 圖 供 料)
/// passes (a test checks every character).
#[inline(always)]
pub fn may_hint_in_key(c: char) -> bool {
    (KEY_HINT_HASHED >> key_hint_slot(c)) & 1 != 0
}

/// The multiplier of [`may_hint_in_key`]'s hash, chosen for few false hits on
/// the ideographs of `news.jsonl` (its hint characters fall in five slots).
const KEY_HINT_MUL: u32 = 3_757_696_717;

/// Which of 64 slots `c` hashes to (the top six bits of its code point times
/// [`KEY_HINT_MUL`]).
#[inline(always)]
const fn key_hint_slot(c: char) -> u32 {
    (c as u32).wrapping_mul(KEY_HINT_MUL) >> 26
}

/// The slots of [`KEY_HINT_CHARS`], as bits.
const KEY_HINT_HASHED: u64 = {
    let mut bits = 0u64;
    let mut i = 0;
    while i < KEY_HINT_CHARS.len() {
        bits |= 1 << key_hint_slot(KEY_HINT_CHARS[i]);
        i += 1;
    }
    bits
};

/// A photo credit has at most this many key characters (`記者林良齊／攝影`,
/// `（交大提供）`, with a share widget's words after it).
pub const MAX_CREDIT_KEY_CHARS: usize = 24;

/// Whether a fragment of `key_chars` key characters is a photo credit: a caption
/// mark in a fragment that is no sentence (it does not end in `。！？`), so a caption
/// of its own (`…拍摄的猎户三星。`) is not a credit.
pub fn is_credit(text: &str, key_chars: usize) -> bool {
    let text = text.trim_end();
    key_chars <= MAX_CREDIT_KEY_CHARS
        && !text.ends_with(['。', '！', '？', '!', '?'])
        && is_caption_sentence(text)
}

/// Whether a sentence is (or carries) a photo caption. A gallery gives several
/// photos the same caption, so a repeated caption is not evidence of a copy (rule 3).
pub fn is_caption_sentence(text: &str) -> bool {
    marks(
        &CAPTION_SENTENCE_AC,
        CAPTION_SENTENCE_MARKS,
        CAPTION_SENTENCE_ANCHORS,
    )
    .is_match(text)
}

/// Characters one of which every mark of `CAPTION_SENTENCE_MARKS` holds (a test
/// checks it): the anchors its search looks for.
const CAPTION_SENTENCE_ANCHORS: &[char] = &['攝', '摄', '圖', '图', '提', '资', '資'];

/// The search of `CAPTION_MARKS`, built on first use.
pub(super) static CAPTION_AC: OnceLock<Marks> = OnceLock::new();
/// The search of `CAPTION_SENTENCE_MARKS`, built on first use.
static CAPTION_SENTENCE_AC: OnceLock<Marks> = OnceLock::new();

/// A search for any of a few marks through their anchors: characters, one of which
/// every mark holds. Each anchor is searched for with memchr's substring search
/// (SIMD; in Chinese text a three-byte character is rare enough that a search
/// skips most of the text), and where it is found the marks holding it are compared
/// where they would start. Every occurrence of a mark holds an anchor at a fixed
/// offset, so this finds exactly what a scan for every mark finds. (It replaced a
/// character-wise Aho-Corasick automaton, whose prefilter stepped through every
/// byte: about 10 instructions per byte against under 1, and most lines hold no
/// anchor.)
pub(super) struct Marks(Vec<Anchor>);

/// One anchor: its search, and each mark holding it with the anchor's byte offset
/// in the mark.
struct Anchor {
    find: memchr::memmem::Finder<'static>,
    marks: Vec<(&'static [u8], usize)>,
}

impl Marks {
    /// The search of `marks` through `anchors`; every mark must hold an anchor
    /// (the tests check the lists).
    fn new(marks: &[&'static str], anchors: &[char]) -> Marks {
        Marks(
            anchors
                .iter()
                .map(|a| {
                    let a = a.to_string();
                    Anchor {
                        find: memchr::memmem::Finder::new(a.as_bytes()).into_owned(),
                        marks: marks
                            .iter()
                            .flat_map(|m| {
                                m.match_indices(a.as_str())
                                    .map(|(at, _)| (m.as_bytes(), at))
                            })
                            .collect(),
                    }
                })
                .collect(),
        )
    }

    /// Whether any mark occurs in `text`.
    pub(super) fn is_match(&self, text: &str) -> bool {
        let b = text.as_bytes();
        self.0.iter().any(|a| {
            let mut from = 0;
            while let Some(k) = b.get(from..).and_then(|rest| a.find.find(rest)) {
                let at = from + k;
                let found = a.marks.iter().any(|&(m, o)| {
                    at.checked_sub(o).and_then(|s| b.get(s..s + m.len())) == Some(m)
                });
                if found {
                    return true;
                }
                from = at + 1;
            }
            false
        })
    }
}

/// The search of `marks` through `anchors`, built on first use.
pub(super) fn marks(
    cell: &'static OnceLock<Marks>,
    marks: &[&'static str],
    anchors: &[char],
) -> &'static Marks {
    cell.get_or_init(|| Marks::new(marks, anchors))
}

#[cfg(test)]
mod tests {
    use super::super::{CAPTION_ANCHORS, CAPTION_MARKS};
    use super::*;

    #[test]
    fn the_mark_searches_find_what_a_search_for_every_mark_finds() {
        let lists = [
            (CAPTION_SENTENCE_MARKS, CAPTION_SENTENCE_ANCHORS),
            (CAPTION_MARKS, CAPTION_ANCHORS),
        ];
        for (list, anchors) in lists {
            for m in list {
                assert!(
                    anchors.iter().any(|&a| m.contains(a)),
                    "{m} holds no anchor"
                );
            }
        }
        // texts around every mark, its pieces, and characters that share an anchor's
        // last byte (摄 and 资 end in 0x84; 图 and 供 in 0xBE, 0x9B)
        let bits = [
            "",
            "记者",
            "图",
            "圖",
            "摄",
            "攝",
            "视",
            "提",
            "供",
            "资",
            "資",
            "料",
            "照片",
            "片来源",
            "片由",
            "（",
            "）",
            "：",
            ":",
            "/",
            "／",
            "觉中国",
            "影",
            "a",
            " ",
            "\u{84}",
            "资金",
            "提出",
            "电视",
            "地图",
            "图书",
            "供应",
            "。",
        ];
        let mut texts: Vec<String> = Vec::new();
        for m in CAPTION_SENTENCE_MARKS.iter().chain(CAPTION_MARKS) {
            for b in bits {
                texts.push(format!("{b}{m}"));
                texts.push(format!("{m}{b}"));
                let cut = m.char_indices().nth(1).map_or(m.len(), |(i, _)| i);
                texts.push(format!("{}{b}{}", &m[..cut], &m[cut..]));
            }
        }
        for a in bits {
            for b in bits {
                for c in bits {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for (list, anchors) in lists {
            let cell = Box::leak(Box::new(std::sync::OnceLock::new()));
            let search = marks(cell, list, anchors);
            for t in &texts {
                let want = list.iter().any(|m| t.contains(m));
                assert_eq!(search.is_match(t), want, "{t:?}");
            }
        }
        assert!(is_caption_sentence("记者张三摄"));
        assert!(!is_caption_sentence("资金提出供应"));
    }
}
