//! Rule 1's line shapes: the [`Form`] of one line (prose, heading, field, question,
//! item, code) and the [`Shape`] the key pass keeps for each paragraph.

use super::{is_heading_like, MAX_LABEL_CHARS, MAX_QUESTION_CHARS};

/// The shape of one line, for rule 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Running text.
    Prose,
    /// Short, no sentence-ending punctuation.
    Heading,
    /// `label：value` (a record's field).
    Field,
    /// A line ending in a question mark (an interview or survey question).
    Question,
    /// A numbered item, clause or bullet (`1.`, `（二）`, `第八条`, `①`, `●`).
    Item,
    /// Program text (no Han characters, code punctuation or keywords).
    Code,
}

/// Whether `c` is a Han ideograph (CJK unified, extension A, compatibility, and the
/// supplementary planes' extensions B–G).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

/// Whether `c` is one of the Chinese numerals an item marker is written with
/// (`一、`, `（二）`, `第十条`): 零〇一二三四五六七八九十百千万两, compared as
/// characters (not searched for in a string of them, a substring search per
/// character of each line's start).
#[inline]
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '两'
    )
}
#[cfg(test)]
const BULLETS: &[char] = &[
    '●', '•', '·', '▪', '■', '◆', '◇', '★', '☆', '▶', '►', '→', '-', '*', '○', '◎', '√',
];

/// Whether `c` is a bullet an item opens with (●•·▪■◆◇★☆▶►→-*○◎√), or one of
/// ①–⑳: one `match` (not a search of the list per line).
#[inline]
fn is_bullet_or_circled(c: char) -> bool {
    matches!(
        c,
        '●' | '•'
            | '·'
            | '▪'
            | '■'
            | '◆'
            | '◇'
            | '★'
            | '☆'
            | '▶'
            | '►'
            | '→'
            | '-'
            | '*'
            | '○'
            | '◎'
            | '√'
            | '①'..='⑳'
    )
}

/// Whether a line opens with an item marker: `1.` `1、` `(1)` `（一）` `一、`
/// `第八条` `①` or a bullet. One branch on the first character, in the order
/// `starts_item_read_through` (the test oracle) tries the markers: a line whose
/// first character opens none (neither a bullet, ①–⑳, an opening parenthesis, 第,
/// a digit nor a numeral: most lines) is answered from that character alone.
fn starts_item(t: &str) -> bool {
    let Some(c0) = t.chars().next() else {
        return false;
    };
    if is_bullet_or_circled(c0) {
        return true;
    }
    let rest = &t[c0.len_utf8()..];
    match c0 {
        '（' | '(' => {
            let n = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || is_numeral(*c))
                .count();
            (1..=3).contains(&n)
        }
        '第' => {
            let n = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || is_numeral(*c))
                .count();
            n >= 1
                && rest
                    .chars()
                    .nth(n)
                    .is_some_and(|c| "条章节款项部".contains(c))
        }
        // (more than three digits: no marker, as a digit is no numeral)
        '0'..='9' => {
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            (1..=3).contains(&digits)
                && matches!(t.chars().nth(digits), Some('.' | '、' | '．' | ')' | '）'))
                && !t
                    .chars()
                    .nth(digits + 1)
                    .is_some_and(|c| c.is_ascii_digit())
        }
        _ if is_numeral(c0) => {
            let numerals = t.chars().take_while(|&c| is_numeral(c)).count();
            (1..=3).contains(&numerals) && t.chars().nth(numerals) == Some('、')
        }
        _ => false,
    }
}

/// [`starts_item`] read through: each marker's test in turn (the test oracle).
#[cfg(test)]
fn starts_item_read_through(t: &str) -> bool {
    let mut cs = t.chars().peekable();
    let Some(&c0) = cs.peek() else { return false };
    if BULLETS.contains(&c0) || ('①'..='⑳').contains(&c0) {
        return true;
    }
    if c0 == '（' || c0 == '(' {
        cs.next();
        let n = cs
            .by_ref()
            .take_while(|c| c.is_ascii_digit() || is_numeral(*c))
            .count();
        return (1..=3).contains(&n);
    }
    if c0 == '第' {
        let n = t
            .chars()
            .skip(1)
            .take_while(|c| c.is_ascii_digit() || is_numeral(*c))
            .count();
        return n >= 1
            && t.chars()
                .nth(1 + n)
                .is_some_and(|c| "条章节款项部".contains(c));
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let next = t.chars().nth(digits);
        return matches!(next, Some('.' | '、' | '．' | ')' | '）'))
            && !t
                .chars()
                .nth(digits + 1)
                .is_some_and(|c| c.is_ascii_digit());
    }
    let numerals = t.chars().take_while(|&c| is_numeral(c)).count();
    (1..=3).contains(&numerals) && t.chars().nth(numerals) == Some('、')
}

/// Whether a line is program text: no Han character, and code punctuation, a
/// keyword or a single token.
fn is_code(t: &str) -> bool {
    if t.chars().any(is_han) || !t.chars().any(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    const KEYWORDS: &[&str] = &[
        "import", "from", "def", "return", "class", "with", "for", "if", "else", "elif", "print",
        "while", "try", "except", "fn", "let", "var", "const", "function", "#", "//", "pub", "use",
        "async", "await",
    ];
    let first = t.split_whitespace().next().unwrap_or("");
    let words = t.split_whitespace().count();
    // a sentence of words ending like one is prose, even in English
    if words >= 4 && t.ends_with(['.', '?', '!', '"']) {
        return false;
    }
    t.contains(['=', '(', ')', '{', '}', '[', ']', ';', '<', '>'])
        || KEYWORDS.contains(&first)
        || words == 1
}

/// Whether a line is `label：value` with a short label of Han characters.
///
/// Read one character at a time from the start, stopping at the first that is
/// neither Han nor a colon (most lines: a comma or a quote among the first
/// characters answers `false` there); an ideograph led by E5–E9 (three bytes,
/// U+5000–9FFF) is passed on its lead byte alone, the rest are decoded.
fn is_field(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    // the label is the text before the first colon, of 1..=MAX_LABEL_CHARS Han
    // characters: a character before it that is not Han, or no colon among the first
    // MAX_LABEL_CHARS + 1 characters, makes no field
    for k in 0..=MAX_LABEL_CHARS {
        match b.get(i) {
            None => return false,
            Some(0xE5..=0xE9) => i += 3,
            Some(b':') => return k >= 1,
            Some(0xEF) if b.get(i + 1..i + 3) == Some(&[0xBC, 0x9A]) => return k >= 1,
            Some(_) => {
                let Some(c) = t[i..].chars().next() else {
                    return false;
                };
                if !is_han(c) {
                    return false;
                }
                i += c.len_utf8();
            }
        }
    }
    false
}

/// The line as [`form`] reads it: whitespace, zero-width spaces and byte-order marks
/// trimmed from both ends.
pub(super) fn form_trim(text: &str) -> &str {
    // (most lines start and end plainly untrimmed: then nothing is trimmed, and
    // neither end is decoded)
    if crate::chars::untrimmed_ends(text) {
        return text;
    }
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
}

/// Whether [`form`] is [`Form::Code`] (the first shape it tests), without testing
/// the others.
pub fn is_code_line(text: &str) -> bool {
    is_code(form_trim(text))
}

/// The shape of a line (`text` trimmed or not) with `key_chars` key characters.
pub fn form(text: &str, key_chars: usize) -> Form {
    let t = form_trim(text);
    form_trimmed(t, key_chars, is_heading_like(t, key_chars))
}

/// What the detectors ask of a paragraph's line, answered once in the key pass
/// (`Analysis::new`) and carried with the paragraph to later passes
/// (`Analysis::carry`): a line's shape depends on its text and key length alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// [`form`] of the line.
    pub form: Form,
    /// [`is_heading_like`] of the line as it is (untrimmed).
    pub heading: bool,
    /// [`is_heading_like`] of the line trimmed as [`form`] and [`role_step`](super::role_step) trim it
    /// (it differs from `heading` only for a line ending with a zero-width space or
    /// byte-order mark).
    pub heading_trimmed: bool,
}

/// The [`Shape`] of a line with `key_chars` key characters: the same answers as
/// [`form`] and [`is_heading_like`], the heading test read once when trimming does
/// not change how the line ends.
pub fn shape(text: &str, key_chars: usize) -> Shape {
    let t = form_trim(text);
    let heading_trimmed = is_heading_like(t, key_chars);
    // `is_heading_like` trims trailing whitespace itself, and what `form_trim` also
    // trims at the start holds no sentence end: the same line end, the same answer
    let t_end = t.as_ptr() as usize - text.as_ptr() as usize + t.len();
    let heading = if text.trim_end().len() == t_end {
        heading_trimmed
    } else {
        is_heading_like(text, key_chars)
    };
    Shape {
        form: form_trimmed(t, key_chars, heading_trimmed),
        heading,
        heading_trimmed,
    }
}

/// [`form`] of a line `t` already trimmed by `form_trim`, whose
/// [`is_heading_like`] is `heading`.
fn form_trimmed(t: &str, key_chars: usize, heading: bool) -> Form {
    if is_code(t) {
        return Form::Code;
    }
    if starts_item(t) {
        return Form::Item;
    }
    if is_field(t) {
        return Form::Field;
    }
    if heading {
        return Form::Heading;
    }
    // (the key length first: a long line's end is not read)
    if key_chars <= MAX_QUESTION_CHARS
        && t.trim_end_matches(['”', '’', '」', '』', '"', '）', ')'])
            .ends_with(['？', '?'])
    {
        return Form::Question;
    }
    Form::Prose
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_are_the_characters_of_the_list() {
        const NUMERALS: &str = "零〇一二三四五六七八九十百千万两";
        for c in '\0'..=char::MAX {
            assert_eq!(is_numeral(c), NUMERALS.contains(c), "{c:?}");
        }
    }

    #[test]
    fn form_trim_trims_as_trim_matches() {
        let slow = |t: &str| -> usize {
            let k =
                t.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}');
            k.as_ptr() as usize - t.as_ptr() as usize + k.len() * 0x1_0000_0000
        };
        crate::chars::each_char_at_the_ends(|t| {
            let k = form_trim(t);
            let fast = k.as_ptr() as usize - t.as_ptr() as usize + k.len() * 0x1_0000_0000;
            assert_eq!(fast, slow(t), "{t:?}");
        });
    }

    /// The label test as it was: the line's first characters decoded (the oracle).
    fn is_field_decoded(t: &str) -> bool {
        let Some((n, _)) = t
            .chars()
            .take(MAX_LABEL_CHARS + 1)
            .enumerate()
            .find(|&(_, c)| c == '：' || c == ':')
        else {
            return false;
        };
        (1..=MAX_LABEL_CHARS).contains(&n) && t.chars().take(n).all(is_han)
    }

    /// [`form_trimmed`] as it was, each test read through (the oracle).
    fn form_trimmed_read_through(t: &str, key_chars: usize, heading: bool) -> Form {
        if is_code(t) {
            return Form::Code;
        }
        if starts_item_read_through(t) {
            return Form::Item;
        }
        if is_field_decoded(t) {
            return Form::Field;
        }
        if heading {
            return Form::Heading;
        }
        let end = t.trim_end_matches(['”', '’', '」', '』', '"', '）', ')']);
        if end.ends_with(['？', '?']) && key_chars <= MAX_QUESTION_CHARS {
            return Form::Question;
        }
        Form::Prose
    }

    #[test]
    fn bullets_are_the_characters_of_the_list() {
        for c in '\0'..=char::MAX {
            let want = BULLETS.contains(&c) || ('①'..='⑳').contains(&c);
            assert_eq!(is_bullet_or_circled(c), want, "{c:?}");
        }
    }

    #[test]
    fn form_trimmed_answers_as_read_through() {
        let pieces = [
            "中",
            "文",
            "：",
            ":",
            "a",
            "\u{4DC0}",
            "\u{4DBF}",
            "\u{4000}",
            "\u{3400}",
            "\u{33FF}",
            "\u{F900}",
            "\u{FB00}",
            "𠀀",
            "\u{3134F}",
            "\u{31350}",
            "，",
            "。",
            "1",
            " ",
            "？",
            "?",
            "”",
            "）",
            "第",
            "条",
            "一",
            "、",
            "（",
            "●",
            "①",
            ".",
            "=",
            "import",
            "：：",
            "\u{FF1B}",
            "\u{FF3A}",
        ];
        let mut texts = crate::chars::random_texts(&pieces, 40_000, 12, 17);
        texts.extend(
            [
                "交易价格：预期估值面议",
                "今年入夏以来全省：平均",
                "记者：张三",
                "“记者：张三”",
                "问：你好吗？",
                "固收市场哪些领域风险最大或价值最低？",
                "第八条 技术服务期间发生系统故障的，由服务方负责修复。",
                "1.习近平主持召开会议；",
                "client = redis.Redis()",
                "𠀀𠀁：值",
                "㐀㐁：值",
                "䷀：值",
            ]
            .map(String::from),
        );
        for t in &texts {
            assert_eq!(is_field(t), is_field_decoded(t), "{t:?}");
            for k in [0, 3, 80, 81] {
                for h in [false, true] {
                    assert_eq!(
                        form_trimmed(t, k, h),
                        form_trimmed_read_through(t, k, h),
                        "{t:?} {k} {h}"
                    );
                }
            }
        }
    }

    #[test]
    fn is_field_reads_lead_bytes_as_the_characters() {
        let pieces = [
            "中", "文", "：", ":", "a", "\u{4DC0}", "\u{4000}", "𠀀", "，", "1", " ",
        ];
        for t in crate::chars::random_texts(&pieces, 20_000, 11, 5) {
            assert_eq!(is_field(&t), is_field_decoded(&t), "{t:?}");
        }
        assert!(is_field("交易价格：预期估值面议"));
        assert!(!is_field("今年入夏以来全省：平均"));
    }

    #[test]
    fn starts_item_answers_as_read_through() {
        let pieces = [
            "1", "12", "一", "十二", "、", ".", "．", ")", "）", "（", "(", "第", "条", "中", "●",
            "①", "a", " ",
        ];
        for t in crate::chars::random_texts(&pieces, 20_000, 7, 5) {
            assert_eq!(starts_item(&t), starts_item_read_through(&t), "{t:?}");
        }
    }

    #[test]
    fn forms() {
        assert_eq!(form("  交易价格：预期估值面议", 10), Form::Field);
        assert_eq!(
            form("固收市场哪些领域风险最大或价值最低？", 17),
            Form::Question
        );
        assert_eq!(
            form("第八条 技术服务期间发生系统故障的，由服务方负责修复。", 24),
            Form::Item
        );
        assert_eq!(form("1.习近平主持召开会议；", 10), Form::Item);
        assert_eq!(form("import json", 10), Form::Code);
        for t in [
            "import json",
            "  client = redis.Redis()\u{200b}",
            "交易价格：预期估值面议",
            "1.习近平主持召开会议；",
            "",
        ] {
            assert_eq!(is_code_line(t), form(t, 10) == Form::Code, "{t:?}");
        }
        assert_eq!(form("client = redis.Redis()", 18), Form::Code);
        assert_eq!(
            form(
                "今年入夏以来，全省平均降水量比常年同期偏少三成，部分水库蓄水接近死水位。",
                33
            ),
            Form::Prose
        );
        assert_eq!(
            form("2025年全国GDP总量增长5%至140.19万亿元。", 20),
            Form::Prose
        );
    }

    #[test]
    fn shape_answers_as_form_and_is_heading_like() {
        for t in [
            "交易价格：预期估值面议",
            "1.习近平主持召开会议；",
            "import json",
            "小标题",
            "  小标题　",
            "他说：“好！”\u{200b}",
            "他说：“好！”\u{feff} ",
            "\u{200b}标题在这里",
            "短句结束了。",
            "问题在哪里？",
            "”",
            "\u{200b}",
            "",
            "今年入夏以来，全省平均降水量比常年同期偏少三成，部分水库蓄水接近死水位。",
        ] {
            for k in [0, 3, 10, 40, 65, 90] {
                let s = shape(t, k);
                assert_eq!(s.form, form(t, k), "{t:?} {k}");
                assert_eq!(s.heading, is_heading_like(t, k), "{t:?} {k}");
                assert_eq!(
                    s.heading_trimmed,
                    is_heading_like(form_trim(t), k),
                    "{t:?} {k}"
                );
            }
        }
        // a line ending with a zero-width space after its sentence end: the two
        // heading tests differ, and each is kept
        let s = shape("他说：“好！”\u{200b}", 6);
        assert!(s.heading && !s.heading_trimmed);
    }
}
