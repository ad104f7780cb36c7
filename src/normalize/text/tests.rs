//! The unit tests of `normalize::text`: the rules on examples, the line scan against
//! readings by characters, and the fast paths against the old ones.
use super::*;

fn t(s: &str) -> String {
    let mut st = TextStats::default();
    tidy_line(s, PunctMode::Fullwidth, &mut st).into_owned()
}

#[test]
fn widens_next_to_chinese_only() {
    assert_eq!(t("昨(5)日,市委:好"), "昨（5）日，市委：好");
    assert_eq!(t("时间10:30,共1,000人"), "时间10:30，共1,000人");
    assert_eq!(t("Hello, world (test): ok"), "Hello, world (test): ok");
    assert_eq!(t("苹果(Apple)公司"), "苹果（Apple）公司");
}

#[test]
fn urls_emails_entities_untouched() {
    assert_eq!(
        t("见https://a.com/x?a=1,b:2 说"),
        "见https://a.com/x?a=1,b:2 说"
    );
    assert_eq!(
        t("邮箱:a.b@example.com,谢谢"),
        "邮箱：a.b@example.com，谢谢"
    );
    assert_eq!(t("你好&nbsp;世界"), "你好 世界");
    assert_eq!(t("Lenny&#39;s 15% &#8211; 20%"), "Lenny's 15% – 20%");
}

#[test]
fn widening_resumes_after_tokens() {
    assert_eq!(
        t("详见https://example.com/a,请查看附件(共3页)。"),
        "详见https://example.com/a，请查看附件（共3页）。"
    );
    assert_eq!(
        t("网址是www.example.com,请查看(共3页)"),
        "网址是www.example.com，请查看（共3页）"
    );
    assert_eq!(
        t("函数f(x)的值等于x的平方,调用print(x)即可输出。"),
        "函数f(x)的值等于x的平方，调用print(x)即可输出。"
    );
    assert_eq!(t("计算(a+b)的值,很简单"), "计算(a+b)的值，很简单");
    assert_eq!(t("见(https://a.cn/b),好"), "见（https://a.cn/b），好");
    assert_eq!(t("苹果(Apple)公司"), "苹果（Apple）公司");
}

#[test]
fn spaces_and_invisibles() {
    assert_eq!(t("我很开心 。但是你不开心  。"), "我很开心。但是你不开心。");
    assert_eq!(t("你好 , 世界"), "你好，世界");
    assert_eq!(t("中\u{200B}文\u{A0}\u{A0}字  "), "中文 字");
    assert_eq!(t("　　首行缩进"), "　　首行缩进");
    assert_eq!(t("a\u{1}b"), "ab");
}

#[test]
fn radicals_and_compatibility_ideographs_become_unified() {
    let mut st = TextStats::default();
    let out = tidy_line(
        "\u{2F00}\u{2F08}\u{F900}\u{F9F1}\u{FA0E}\u{2FD6}字",
        PunctMode::Fullwidth,
        &mut st,
    );
    // U+FA0E is itself a unified ideograph; U+2FD6 is unassigned
    assert_eq!(out, "一人豈隣\u{FA0E}\u{2FD6}字");
    assert_eq!(st.ideographs_unified, 4);
    assert_eq!(t(&out), out);
    assert_eq!(unified_ideograph('中'), None);
}

#[test]
fn idempotent_on_examples() {
    for s in [
        "你好 , 世界 ( 注 ) ",
        "A股上涨0.35%,B股(1.35%)",
        "x :y",
        "重...... 重! 1234？",
    ] {
        let once = t(s);
        assert_eq!(t(&once), once, "{s}");
    }
}

#[test]
fn needs_tidy_reads_every_character_as_the_table_does() {
    for c in '\0'..=char::MAX {
        let line = format!("中{c}文");
        for punct in [PunctMode::Fullwidth, PunctMode::Keep] {
            let want = if tidy_acts_on(c, punct == PunctMode::Fullwidth) {
                Need::Full
            } else if c == ' ' {
                Need::Spaces
            } else {
                Need::Nothing
            };
            assert_eq!(needs_tidy(&line, punct), want, "{c:?}");
        }
    }
}

#[test]
fn needs_tidy_finds_every_trigger() {
    let f = PunctMode::Fullwidth;
    assert_eq!(needs_tidy("中文。“好”，", f), Need::Nothing);
    assert_eq!(needs_tidy("中文 。", f), Need::Spaces);
    assert_eq!(needs_tidy("中文\u{3000}", f), Need::Spaces);
    assert_eq!(needs_tidy("中文,", PunctMode::Keep), Need::Nothing);
    for c in [
        '\u{A0}', '\u{85}', '\u{1}', '\u{7F}', '\u{180E}', '\u{200B}', '\u{2060}', '\u{FEFF}',
        '\u{2F00}', '\u{F900}', ',', '(',
    ] {
        assert_eq!(needs_tidy(&format!("中{c}文"), f), Need::Full, "{c:?}");
    }
}

proptest::proptest! {
    /// The byte scan (with its vector skip on lines of 34 bytes or more) finds what a
    /// reading character by character finds.
    #[test]
    fn needs_tidy_agrees_with_a_reading_by_characters(v in proptest::collection::vec(proptest::sample::select(vec!['中', '文', 'a', '1', '。', '，', ',', ' ', '\u{3000}', '\u{A0}', '\u{200B}', '\u{2F00}', '\u{F900}', '\u{FEFF}', '\u{1}', '“', '…', 'é', '\u{2060}', '\u{180E}', '\u{85}', '·', '—', '（', '\u{2000}', '\u{FE50}', '\t', '\u{7F}', '&', 'z']), 0..160)) {
        let line: String = v.iter().collect();
        for punct in [PunctMode::Fullwidth, PunctMode::Keep] {
            let slow = {
                let wide = punct == PunctMode::Fullwidth;
                let trig = |c: char| {
                    is_zero_width(c)
                        || is_removable_control(c)
                        || c == '\u{A0}'
                        || unified_ideograph(c).is_some()
                        || (wide && matches!(c, ',' | ':' | ';' | '!' | '?' | '(' | ')'))
                };
                if line.chars().any(trig) {
                    Need::Full
                } else if line.contains(' ') || line.chars().next_back().is_some_and(is_trailing_ws) {
                    Need::Spaces
                } else {
                    Need::Nothing
                }
            };
            proptest::prop_assert_eq!(needs_tidy(&line, punct), slow, "{:?}", line);
        }
    }
}

proptest::proptest! {
    /// `tidy_line` gives what decoding every line first gives (the old path),
    /// counts and borrowing included.
    #[test]
    fn tidy_line_as_decoding_first(v in proptest::collection::vec(proptest::sample::select(vec![
        "中", "文", "，", "a", "1", " ", ",", "(", ")", "&", "&amp;", "&#39;", "&nbsp;", "&ldquo;",
        "&amp;#39;", "&x", ";", "\u{A0}", "\u{200B}", "“", "。", "http://a.cn/?a=1&b=2",
    ]), 0..30)) {
        let line: String = v.concat();
        for punct in [PunctMode::Fullwidth, PunctMode::Keep] {
            proptest::prop_assert_eq!(scan(&line, punct).1, line.contains('&'), "{:?}", line);
            let (mut a, mut b) = (TextStats::default(), TextStats::default());
            let got = tidy_line(&line, punct, &mut a);
            let (decoded, n) = super::super::entities::decode(&line);
            b.entities_decoded += n;
            let want: Cow<'_, str> = match decoded {
                Cow::Borrowed(l) => tidy_decoded(l, punct, &mut b),
                Cow::Owned(s) => Cow::Owned(tidy_decoded(&s, punct, &mut b).into_owned()),
            };
            proptest::prop_assert_eq!(&got, &want, "{:?}", line);
            proptest::prop_assert_eq!(a, b);
            proptest::prop_assert_eq!(matches!(got, Cow::Borrowed(_)), matches!(want, Cow::Borrowed(_)));
        }
    }
}

#[test]
fn clean_line_is_borrowed() {
    let mut st = TextStats::default();
    assert!(matches!(
        tidy_line("中文。", PunctMode::Fullwidth, &mut st),
        Cow::Borrowed(_)
    ));
    assert_eq!(st, TextStats::default());
}

#[test]
fn may_hold_token_walks_to_the_searches_answer() {
    // (the searches it replaced: `://` by substring, `www.` before each `.`)
    let searches = |t: &str, b: &[u8]| {
        memchr::memchr2(b'@', b'&', b).is_some()
            || memchr::memchr_iter(b'(', b).any(|p| may_open_token(t, p))
            || memchr::memmem::find(b, b"://").is_some()
            || memchr::memchr_iter(b'.', b)
                .any(|i| i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"www"))
    };
    let alphabet = [
        "中", "w", "W", "ww", ".", ":", "/", "//", "://", ":/", "a", "@", "&", "(", " ",
    ];
    for line in crate::chars::random_texts(&alphabet, 100_000, 9, 0x2545_f491) {
        assert_eq!(
            may_hold_token(&line),
            searches(&line, line.as_bytes()),
            "{line:?}"
        );
    }
}

#[test]
fn no_token_where_the_finer_test_finds_no_mark() {
    let alphabet = [
        "中", "。", "a", "w", "W", "www.", "WwW.", "://", ":", "/", ".", "@", "&", "(", ")", "x",
        "1", "+", ";", "#", "amp", "http", "f(", "(a+", " ", "\u{17F}", "\u{212A}", "(中", "ー",
        "）", "䷀", "é", "a)", "(x", "=",
    ];
    let mut tokens = 0;
    for line in crate::chars::random_texts(&alphabet, 100_000, 9, 0x9e37_79b9) {
        let spans = protected_spans(&line);
        if !may_hold_token(&line) {
            assert!(spans.is_empty(), "{line:?}");
        }
        tokens += usize::from(!spans.is_empty());
    }
    assert!(tokens > 1_000, "{tokens}");
}

/// Every character `bars_token` names is one the class between the parentheses of
/// the protected tokens leaves out (so a `(` followed by one before any `)` opens none).
#[test]
fn bars_token_names_only_characters_the_class_leaves_out() {
    let class =
        Regex::new(r"(?i)^[^()\p{Han}\p{Hiragana}\p{Katakana}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]$")
            .unwrap();
    // (the class as the protected regex writes it, twice in it)
    assert!(protected_regex()
        .as_str()
        .contains(r"\([^()\p{Han}\p{Hiragana}\p{Katakana}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]*\)"));
    let mut named = 0;
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if bars_token(c) {
            named += 1;
            assert!(!class.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
    }
    assert!(named > 27_000, "{named}");
}

/// Step 1's fast path (`tidy_full` pushes printable ASCII and U+3000..U+F8FF as they
/// are) skips only characters none of step 1's rules acts on: every one of them, read.
#[test]
fn step_one_passes_over_only_characters_it_leaves() {
    for c in ('\0'..=char::MAX).filter(|&c| super::step_one_leaves(c)) {
        assert!(!is_zero_width(c), "{c:?}");
        assert!(!is_removable_control(c), "{c:?}");
        assert!(c != '\u{A0}', "{c:?}");
        assert_eq!(unified_ideograph(c), None, "{c:?}");
    }
}

/// Step 3 of `tidy_full` as it was, character by character with the protected spaces
/// kept: the oracle of the stretch-copying step 3.
fn tidy_full_by_chars<'a>(line: &'a str, punct: PunctMode, stats: &mut TextStats) -> Cow<'a, str> {
    let w = widened_chars(line, punct, stats);
    space_rules_by_chars(line, &w.chars, &w.protected, stats)
}

/// A way of tidying a line: `tidy_full`, or a faster path compared with it.
pub(super) type Rules = for<'a> fn(&'a str, PunctMode, &mut TextStats) -> Cow<'a, str>;

/// `got` gives what `want` gives on `line`, counts and borrowing included, in both
/// punctuation modes.
pub(super) fn same_rules(line: &str, got: Rules, want: Rules) {
    let (mut a, mut b) = (TextStats::default(), TextStats::default());
    for punct in [PunctMode::Fullwidth, PunctMode::Keep] {
        let g = got(line, punct, &mut a);
        let w = want(line, punct, &mut b);
        assert_eq!(g, w, "{line:?}");
        assert_eq!(a, b, "{line:?}");
        assert_eq!(
            matches!(g, Cow::Borrowed(_)),
            matches!(w, Cow::Borrowed(_)),
            "{line:?}"
        );
    }
}

/// `tidy_full` and its character-by-character oracle give the same text, counts and
/// borrowing on `line`, in both punctuation modes.
fn as_step_three_by_chars(line: &str) {
    same_rules(line, tidy_full, tidy_full_by_chars);
}

#[test]
fn step_three_by_stretches_on_examples() {
    for line in [
        "The company said on Monday, March 3, that revenue rose 3.5% (to $1.2 billion).",
        "  Indented: yes; trailing spaces too.   ",
        "中 文 , 空 格 : 每 个 字 后 面 ! 都 有 ?",
        "中  文  ，  两个空格 。 ",
        "见 https://example.com/a?b=1,c=2 , 请看 ; www.abc.com.",
        "print(x, y) 与 f(a,  b) 以及 (a + b) = c , 中文 ( 括号 )",
        "圆周率3.14159,约等于22/7 ; 温度-3.5 °C ,湿度 45.6%",
        "fn main() { let v = vec![1, 2, 3]; println!(\"{:?}\", v); }",
        "中\u{A0}\u{A0}文,\u{200B} 中\u{3000}\t",
        "\u{2F00} \u{F900} , 中\u{1}",
        " , ",
        "",
        " ",
    ] {
        as_step_three_by_chars(line);
    }
}

#[test]
fn step_three_by_stretches_on_random_lines() {
    let alphabet = [
        "中",
        "文",
        "。",
        "，",
        "（",
        "）",
        "“",
        "”",
        "…",
        "—",
        "a",
        "Z",
        "1",
        "9",
        " ",
        "  ",
        "   ",
        ",",
        ":",
        ";",
        "!",
        "?",
        ".",
        "/",
        "@",
        "&",
        "+",
        "=",
        "(",
        ")",
        "\t",
        "\u{3000}",
        "\u{A0}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{1}",
        "\u{85}",
        "\u{2F00}",
        "\u{F900}",
        "é",
        "😀",
        "http://a.cn/x,y ",
        "www.",
        "&amp;",
        "x@y.cn",
        "f(",
        "(a+",
        "3.5",
        "1,000",
        "12:30",
        "The ",
        "word, ",
        "中 ",
        "文 ",
    ];
    for line in crate::chars::random_texts(&alphabet, 30_000, 30, 0x5bd1_e995) {
        as_step_three_by_chars(&line);
    }
}

/// `spaces::tidy_spaces` as it was before its ASCII fast path: the oracle.
fn tidy_spaces_old<'a>(line: &'a str, stats: &mut TextStats) -> Cow<'a, str> {
    use crate::chars::{is_trailing_ws, is_wide_punct};
    let body = line.trim_end_matches(is_trailing_ws);
    stats.trailing_trimmed += line[body.len()..].chars().count();
    let bytes = body.as_bytes();
    let lead = bytes.iter().take_while(|&&x| x == b' ').count();
    let mut out: Option<String> = None;
    let mut from = 0;
    let mut i = lead;
    while let Some(off) = memchr::memchr(b' ', &bytes[i..]) {
        let s = i + off;
        let mut e = s;
        while e < bytes.len() && bytes[e] == b' ' {
            e += 1;
        }
        let l = body[..s].chars().next_back().unwrap_or(' ');
        let r = body[e..].chars().next().unwrap_or(' ');
        let n = e - s;
        let keep = if (is_wide_punct(l) && (is_cjk(r) || is_wide_punct(r)))
            || (is_wide_punct(r) && (is_cjk(l) || is_wide_punct(l)))
        {
            stats.spaces_removed += n;
            0
        } else if n >= 2 && (is_cjk(l) || is_cjk(r)) {
            stats.spaces_removed += n - 1;
            1
        } else {
            n
        };
        if keep < n {
            let o = out.get_or_insert_with(|| String::with_capacity(body.len()));
            o.push_str(&body[from..s]);
            o.push_str(&" "[..keep]);
            from = e;
        }
        i = e;
    }
    match out {
        Some(mut o) => {
            o.push_str(&body[from..]);
            Cow::Owned(o)
        }
        None if body.len() == line.len() => Cow::Borrowed(line),
        None => Cow::Owned(body.to_string()),
    }
}

#[test]
fn tidy_spaces_matches_the_old_path() {
    let pieces = [
        " ", "  ", "   ", "a", "Z", "1", ".", ",", "中", "文", "，", "。", "“", "”", "…", "—",
        "（", "\u{3000}", "\t", "é", "ß", "ア", "\u{a0}", "ab cd", "2024 年", "A 股",
    ];
    let mut changed = 0;
    for line in crate::chars::random_texts(&pieces, 20_000, 14, 0x5eed) {
        let (mut a, mut b) = (TextStats::default(), TextStats::default());
        let (new, old) = (
            spaces::tidy_spaces(&line, &mut a),
            tidy_spaces_old(&line, &mut b),
        );
        assert_eq!(new, old, "{line:?}");
        assert_eq!(
            matches!(new, Cow::Borrowed(_)),
            matches!(old, Cow::Borrowed(_))
        );
        assert_eq!(a, b, "{line:?}");
        changed += usize::from(matches!(old, Cow::Owned(_)));
    }
    assert!(changed > 1000, "{changed}");
}
