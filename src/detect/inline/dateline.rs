//! A wire story's dateline (`新华社纽约1月27日电（记者刘亚南）`), with the headline and
//! byline it may carry: what may stand between a lead and its copy
//! (`lead_dateline`).

/// The headline and byline a dateline may carry before the body, in characters.
pub const MAX_DATELINE_TAIL_CHARS: usize = 80;

/// Whether `gap` (the text between a lead and its copy) is a dateline, possibly
/// followed by the story's headline and byline, and nothing else:
/// `新华社纽约1月27日电（记者刘亚南）`, `新华社快讯：`, `新华社北京1月29日电 新闻分析：国际金价
/// 持续上升，原因几何？␣␣新华社记者陈云富、刘羽佳`. The headline and byline are at most
/// [`MAX_DATELINE_TAIL_CHARS`] characters with no full stop or exclamation mark (a
/// headline may ask a question), in at most six blank-separated parts.
pub fn is_dateline(gap: &str) -> bool {
    // (a match of the pattern starts the trimmed gap, holds `电`, `電`, `讯` or `訊`,
    // and counts only when of at most `MAX_DATELINE_CHARS` characters: a gap
    // without one of them among its first as many characters is told without
    // compiling the pattern, which costs a run some 5 M instructions the first time
    // a gap needs it, and without reading a long gap to its end)
    let t = trimmed(gap);
    t.chars()
        .take(MAX_DATELINE_CHARS)
        .any(|c| matches!(c, '电' | '電' | '讯' | '訊'))
        && dateline_by_pattern(pattern(), t)
}

/// `gap` without the whitespace and `\u{3000}` at its ends, where a dateline
/// match must start (read once by [`is_dateline`] for its screen and the pattern).
fn trimmed(gap: &str) -> &str {
    gap.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// A dateline itself (without the headline and byline after it) has at most this
/// many characters.
const MAX_DATELINE_CHARS: usize = 48;

/// The dateline pattern, compiled at first use.
fn pattern() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"^[\p{Han}A-Za-z]{1,12}?\s*(\d{1,2}月\d{1,2}日)?\s*(电|電|讯|訊|快讯|快訊)\s*(（[^（）。]{1,30}）|\([^()。]{1,30}\))?\s*[：:，,]?",
        )
        .expect("dateline pattern")
    })
}

/// [`is_dateline`] by the pattern `re` alone (the tests' oracle for its screen), on
/// the gap trimmed of whitespace and `\u{3000}` at both ends ([`trimmed`]).
fn dateline_by_pattern(re: &regex::Regex, t: &str) -> bool {
    let Some(m) = re.find(t) else {
        return false;
    };
    if m.as_str().chars().count() > MAX_DATELINE_CHARS {
        return false;
    }
    let tail = t[m.end()..].trim();
    tail.is_empty()
        || (!m.as_str().ends_with([':', '：', '，', ','])
            // (parted from the dateline: `中央电视台报道` is not `中央电` and a tail)
            && m.as_str().ends_with(|c: char| c.is_whitespace() || c == '）' || c == ')')
            && tail.chars().count() <= MAX_DATELINE_TAIL_CHARS
            && !tail.contains(['。', '！', '!', '；', ';'])
            && tail.split(char::is_whitespace).filter(|p| !p.is_empty()).count() <= 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The screen (no `电` `電` `讯` `訊`, no dateline) against the pattern alone.
    #[test]
    fn the_screen_gives_the_patterns_answer() {
        let mut gaps: Vec<String> = [
            "新华社纽约1月27日电（记者刘亚南）",
            "     \u{3000}\u{3000}新华社快讯：",
            "新华社北京1月29日电 新闻分析：国际金价持续上升，原因几何？",
            "中央电视台报道",
            "新華社台北1月2日電 記者",
            "路透社东京1月3日讯",
            "新华社北京1月29日",
            "",
            " ",
            "（记者刘亚南）",
            // the mandatory character past the 48 a dateline may have
            "新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社电",
            "新华社北京电新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社新华社",
        ]
        .map(String::from)
        .to_vec();
        let pieces = [
            "新", "华", "社", "电", "電", "讯", "訊", "快", "1", "月", "日", "（", "）", " ", "：",
            "。", "a",
        ];
        gaps.extend(crate::chars::random_texts(&pieces, 3_000, 63, 0x4c95_7f2d));
        for g in &gaps {
            assert_eq!(
                is_dateline(g),
                dateline_by_pattern(pattern(), trimmed(g)),
                "{g:?}"
            );
        }
    }
}
