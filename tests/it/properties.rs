//! Property tests of the library (proptest, at most 256 cases each so the suite stays
//! fast). Inputs come from a Chinese-flavoured alphabet (Han characters in both
//! scripts, ASCII, half- and full-width punctuation, every kind of space and line
//! break, zero-width and control characters) and from a structured generator that
//! builds documents out of a few sentences and paragraphs repeated, in either script,
//! so that duplicate detection has something to find.
//!
//! Properties: (a) no panic, valid UTF-8 out, errors only for invalid UTF-8;
//! (b) idempotence; (c) the report's conservation law; (d) determinism.
//!
//! The properties run twice: on inputs shaped to avoid the bugs that were once known
//! (`avoid_known_bugs`, documented case by case; kept because the shaped inputs reach
//! deeper into detection), and unrestricted (`unrestricted_*`). Idempotence holds
//! unrestricted since detection runs to a fixed point (`src/fixpoint.rs`) and runs of
//! punctuation widen together across spaces.

use proptest::prelude::*;
use proptest::test_runner::{Config as PtConfig, FileFailurePersistence};
use std::sync::LazyLock;
use zhclean::{Cleaned, Cleaner, Config, KeepPolicy};

static DEFAULT: LazyLock<Cleaner> = LazyLock::new(|| Cleaner::new(Config::default()));
static LAST: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::new(Config {
        keep: KeepPolicy::Last,
        ..Config::default()
    })
});
/// A second, independent cleaner (its own converter instance) for determinism.
static DEFAULT2: LazyLock<Cleaner> = LazyLock::new(|| Cleaner::new(Config::default()));
static FIRST: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::new(Config {
        keep: KeepPolicy::First,
        ..Config::default()
    })
});

fn pt_config(cases: u32) -> PtConfig {
    PtConfig {
        cases,
        // regressions found here are turned into named tests below instead
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..PtConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Generators

/// Pieces of the alphabet, each a short string (`\r\n` is one piece).
const PIECES: &[&str] = &[
    // Han, both scripts, and a few that fold or convert
    "发",
    "發",
    "国",
    "國",
    "中",
    "文",
    "说",
    "說",
    "好",
    "的",
    "经",
    "經",
    "济",
    "濟",
    "里",
    "裡",
    "后",
    "後",
    "台",
    "臺",
    "了",
    "是",
    "我",
    "们",
    "們",
    // ASCII letters and digits, and number pieces
    "a",
    "B",
    "z",
    "Q",
    "0",
    "3",
    "7",
    "0.35%",
    "8.5",
    "1,000",
    "10:30",
    // half-width punctuation
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "(",
    ")",
    "\"",
    "'",
    "...",
    // full-width punctuation
    "。",
    "，",
    "！",
    "？",
    "“",
    "”",
    "「",
    "」",
    "（",
    "）",
    "、",
    "……",
    "：",
    "；",
    // spaces and breaks
    " ",
    "  ",
    "\u{A0}",
    "\u{3000}",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    // invisible and control characters
    "\u{200B}",
    "\u{FEFF}",
    "\u{2060}",
    "\u{1}",
    "\u{7F}",
    "\u{85}",
    "\u{0}",
    // URL-ish and entity pieces
    "http://a.b/c?d=1,e:2",
    "&nbsp;",
    "x@y.com",
];

fn alphabet_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

/// Han characters for sentences, with a Traditional twin for some of them.
const HAN: &[(char, char)] = &[
    ('发', '發'),
    ('国', '國'),
    ('经', '經'),
    ('济', '濟'),
    ('说', '說'),
    ('们', '們'),
    ('这', '這'),
    ('会', '會'),
    ('长', '長'),
    ('时', '時'),
    ('现', '現'),
    ('为', '為'),
    ('中', '中'),
    ('文', '文'),
    ('好', '好'),
    ('的', '的'),
    ('是', '是'),
    ('在', '在'),
    ('人', '人'),
    ('大', '大'),
    ('年', '年'),
    ('日', '日'),
    ('市', '市'),
    ('新', '新'),
];

/// A sentence: Han characters (as indices into `HAN`), maybe an ASCII word or number,
/// and an end mark.
fn sentence(
    han: std::ops::Range<usize>,
    ends: &'static [&'static str],
) -> impl Strategy<Value = (Vec<usize>, Option<&'static str>, &'static str)> {
    (
        prop::collection::vec(0..HAN.len(), han),
        prop::option::of(prop::sample::select(
            &["AI", "2024", "0.35%", "iPhone 16", "8.5"][..],
        )),
        prop::sample::select(ends),
    )
}

/// Render a sentence in Simplified or Traditional, with full- or half-width commas.
fn render_sentence(
    s: &(Vec<usize>, Option<&'static str>, &'static str),
    trad: bool,
    half: bool,
) -> String {
    let mut out = String::new();
    for (i, &h) in s.0.iter().enumerate() {
        out.push(if trad { HAN[h].1 } else { HAN[h].0 });
        if i == s.0.len() / 2 {
            if let Some(w) = s.1 {
                out.push_str(w);
            }
            out.push_str(if half { "," } else { "，" });
        }
    }
    out.push_str(s.2);
    out
}

/// A document built from a pool of sentences: paragraphs of pool sentences, with
/// paragraphs and runs of paragraphs repeated, in either script and width, separated
/// by LF, CRLF, CR or blank lines, sometimes with a heading line or stray spaces.
fn document() -> impl Strategy<Value = String> {
    document_with(2..26, false)
}

/// [`document`] whose sentences all have `han` Han characters; when `unique_headings`,
/// heading lines are all different, every other line ends like a sentence, and no
/// sentence ends in `……` (see `ellipsis_ends_a_sentence_in_latin_lines`).
fn document_with(
    han: std::ops::Range<usize>,
    unique_headings: bool,
) -> impl Strategy<Value = String> {
    // without an end mark a paragraph reads as a heading, which has rules of its own;
    // `……` does not end a sentence in lines with Latin sentences (a known bug)
    // and a `.` not followed by a space does not end one, so `S.T` and `S. T` have
    // different sentences (which lets a removal create a duplicate paragraph, a known bug)
    let ends: &'static [&'static str] = if unique_headings {
        &["。", "！", "？", "!", "。”", "?"]
    } else {
        &["。", "！", "？", "……", "", ".", "!", "。”", "?"]
    };
    let pool = prop::collection::vec(sentence(han, ends), 1..6);
    pool.prop_flat_map(|pool| {
        let n = pool.len();
        let para = prop::collection::vec((0..n, any::<bool>(), any::<bool>()), 1..4);
        let paras = prop::collection::vec(para, 1..5);
        (
            Just(pool),
            paras,
            // the document: indices into the paragraphs, with repeats
            prop::collection::vec((0..8usize, 0..6usize), 1..10),
            prop::sample::select(&["\n", "\r\n", "\r", "\n\n"][..]),
            any::<bool>(),
            prop::option::of(prop::sample::select(
                &["标题在这里", "標題在這裡 ", "  小标题"][..],
            )),
        )
    })
    .prop_map(move |(pool, paras, order, eol, final_eol, heading)| {
        let mut lines: Vec<String> = Vec::new();
        for (k, (pi, deco)) in order.into_iter().enumerate() {
            let p = &paras[pi % paras.len()];
            let mut line = String::new();
            for &(si, trad, half) in p {
                line.push_str(&render_sentence(&pool[si], trad, half));
                if deco == 1 {
                    line.push(' ');
                }
            }
            match deco {
                2 => line.insert(0, '\u{3000}'),
                3 => line.push_str("  "),
                4 if k > 0 => {
                    if let Some(h) = heading {
                        if unique_headings {
                            lines.push(format!(
                                "{h}{}",
                                "一二三四五六七八九十".chars().nth(k).unwrap_or('末')
                            ));
                        } else {
                            lines.push(h.to_string());
                        }
                    }
                }
                _ => {}
            }
            lines.push(line);
        }
        let mut doc = lines.join(eol);
        if final_eol {
            doc.push_str(eol);
        }
        doc
    })
}

/// Every input family, mixed.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => document(),
        2 => alphabet_text(60),
        1 => any::<String>(),
    ]
}

/// Input families for idempotence that avoid the known bug of runs formed by a removal
/// (see `short_runs_formed_by_a_removal`): in structured documents every sentence is
/// long enough (20+ Han characters) that every repeat of it is removed in the first
/// pass, and heading lines never repeat.
fn any_text_long_units() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => document_with(20..30, true),
        2 => alphabet_text(60),
        1 => any::<String>(),
    ]
}

/// End the input with a line break: the one reshaping needed to avoid the known bug of
/// a repeated last paragraph without a final break, whose removal overlaps the removal
/// before it in the report (a panic before d2e5ea3).
fn end_with_break(s: &str) -> String {
    let mut out = s.to_string();
    if !out.ends_with(['\n', '\r']) {
        out.push('\n');
    }
    out
}

/// Shape an input so that it avoids the known idempotence bugs, and nothing else:
/// - [`end_with_break`];
/// - put a visible character on every line that holds only zero-width and control
///   characters (bug: such a line becomes an empty line that is not collapsed, so a
///   second pass changes the output);
/// - cut runs of three or more identical sentences inside one line to two (bug: the
///   third copy of a stutter is kept);
/// - drop a half-width `, : ; ! ? ( )` whose nearest non-space neighbour before it is
///   another of them (bug: `吗?!` widens to `吗？!`, and a second pass to `吗？！`);
/// - drop invisible characters from lines holding a URL or an e-mail address (bug: the
///   spans protected from widening are found before zero-width characters are removed).
///
/// Two more bugs (runs and duplicates that only exist once a removal is applied) are
/// avoided by the shape of the generated documents, see `any_text_long_units`.
fn avoid_known_bugs(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for piece in s.split_inclusive(['\n', '\r']) {
        let body = piece.trim_end_matches(['\n', '\r']);
        let brk = &piece[body.len()..];
        let blank = body.chars().all(char::is_whitespace);
        let invisible_only = !blank && body.chars().all(|c| c.is_whitespace() || is_invisible(c));
        if invisible_only {
            out.push('x');
        }
        let body = if body.contains('@')
            || body.contains("://")
            || body.to_ascii_lowercase().contains("www.")
        {
            body.chars().filter(|&c| !is_invisible(c)).collect()
        } else {
            body.to_string()
        };
        out.push_str(&cap_stutters(&no_punct_runs(&body)));
        out.push_str(brk);
    }
    end_with_break(&out)
}

/// Characters the tidy deletes before it looks at punctuation.
fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

fn no_punct_runs(line: &str) -> String {
    let half = |c: char| matches!(c, ',' | ':' | ';' | '!' | '?' | '(' | ')');
    let mut out = String::with_capacity(line.len());
    let mut last_solid: Option<char> = None;
    for c in line.chars() {
        if is_invisible(c) {
            out.push(c);
            continue;
        }
        if c == ' ' || c == '\u{A0}' {
            out.push(c);
            continue;
        }
        if half(c) && last_solid.is_some_and(half) {
            continue;
        }
        out.push(c);
        last_solid = Some(c);
    }
    out
}

/// A loose matching key for `cap_stutters`: letters, digits and Han characters, with
/// the Traditional characters of the generators folded to Simplified.
fn loose_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            HAN.iter()
                .find(|p| p.1 == c)
                .map(|p| p.0)
                .or(match c {
                    '裡' => Some('里'),
                    '後' => Some('后'),
                    '臺' => Some('台'),
                    _ => None,
                })
                .unwrap_or(c)
                .to_ascii_lowercase()
        })
        .collect()
}

/// Drop the third and later of consecutive copies of one sentence (pieces split after
/// 。！？!?….; pieces without letters, such as a lone `。` or `”`, neither count nor
/// break a run).
fn cap_stutters(line: &str) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '.') {
            let end = i + c.len_utf8();
            pieces.push(&line[start..end]);
            start = end;
        }
    }
    pieces.push(&line[start..]);
    let mut out = String::new();
    let mut last = String::new();
    let mut run = 0;
    for p in pieces {
        let key = loose_key(p);
        if key.is_empty() {
            out.push_str(p);
            continue;
        }
        run = if key == last { run + 1 } else { 1 };
        if run <= 2 {
            out.push_str(p);
        }
        last = key;
    }
    out
}

// ---------------------------------------------------------------------------
// Properties

fn clean(c: &Cleaner, s: &str) -> Cleaned {
    c.clean_text(s, None)
}

fn check_idempotent(c: &Cleaner, s: &str) -> Result<(), TestCaseError> {
    let once = clean(c, s).text;
    let twice = clean(c, &once);
    prop_assert_eq!(
        &twice.text,
        &once,
        "not idempotent; input {:?}; second pass removed {:?}",
        s,
        twice.report.removed
    );
    Ok(())
}

fn check_conservation(c: &Cleaner, s: &str) -> Result<(), TestCaseError> {
    let out = clean(c, s);
    if let Err(e) = crate::util::check_doc(s, &out.report) {
        return Err(TestCaseError::fail(format!("{e}; input {s:?}")));
    }
    prop_assert_eq!(out.report.chars_out, out.text.chars().count());
    Ok(())
}

fn check_deterministic(s: &str) -> Result<(), TestCaseError> {
    let a = clean(&DEFAULT, s);
    let b = clean(&DEFAULT, s);
    let c = clean(&DEFAULT2, s);
    prop_assert_eq!(&a.text, &b.text);
    prop_assert_eq!(&a.text, &c.text);
    let ja = serde_json::to_string(&a.report).unwrap();
    prop_assert_eq!(&ja, &serde_json::to_string(&b.report).unwrap());
    prop_assert_eq!(&ja, &serde_json::to_string(&c.report).unwrap());
    Ok(())
}

proptest! {
    #![proptest_config(pt_config(256))]

    /// (a) Any string: no panic, and the output holds no NUL, control or zero-width
    /// characters and no CR.
    #[test]
    fn no_panic_on_strings(s in any_text()) {
        let out = clean(&DEFAULT, &s);
        prop_assert!(!out.text.contains(['\u{0}', '\u{1}', '\u{7F}', '\u{200B}']), "{:?}", out.text);
        prop_assert!(!out.text.contains('\r'), "{:?}", out.text);
    }

    /// (a) Any bytes through `clean_bytes`: an error exactly when the bytes (after a BOM)
    /// are not UTF-8, and then one that names the offset.
    #[test]
    fn bytes_error_only_for_invalid_utf8(
        mut bytes in prop::collection::vec(any::<u8>(), 0..200),
        text in alphabet_text(30),
        bom in any::<bool>(),
        mix in any::<bool>(),
    ) {
        if mix {
            // valid text around the random bytes, so errors are not all at offset 0
            let mut v = text.clone().into_bytes();
            v.extend_from_slice(&bytes);
            bytes = v;
        }
        let mut input = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        input.extend_from_slice(&bytes);
        let valid = std::str::from_utf8(&bytes);
        // legacy encodings are detected since issue 5: here, only UTF-8 is asked for
        let utf8_only = zhclean::Cleaner::new(zhclean::Config {
            decode: zhclean::decode::DecodeOptions {
                encoding: zhclean::decode::EncodingChoice::Utf8,
                lossy: false,
            },
            ..zhclean::Config::default()
        });
        match utf8_only.clean_bytes(input, None) {
            Ok(c) => {
                prop_assert!(valid.is_ok(), "accepted invalid UTF-8");
                // text that starts with U+FEFF starts with the byte-order mark's bytes
                prop_assert_eq!(c.report.bom, bom || bytes.starts_with(b"\xEF\xBB\xBF"));
                prop_assert!(std::str::from_utf8(c.text.as_bytes()).is_ok());
            }
            Err(e) => {
                let offset = valid.expect_err("rejected valid UTF-8").valid_up_to() + if bom { 3 } else { 0 };
                let msg = e.to_string();
                prop_assert!(msg.contains(&format!("byte offset {offset}")), "{}", msg);
            }
        }
    }

    /// (a) Arbitrary bytes that happen to be UTF-8 often are not; these always are, and
    /// give what `clean_text` gives (a leading U+FEFF in bytes is a byte-order mark).
    #[test]
    fn bytes_of_text_are_accepted(s in alphabet_text(60)) {
        let c = DEFAULT.clean_bytes(s.clone().into_bytes(), None).expect("valid UTF-8");
        let text = s.strip_prefix('\u{FEFF}').unwrap_or(&s);
        prop_assert_eq!(c.report.bom, text.len() != s.len());
        prop_assert_eq!(c.text, clean(&DEFAULT, text).text);
    }

    /// (b) Cleaning cleaned text changes nothing (default and `--keep last`).
    #[test]
    fn idempotent(s in any_text_long_units().prop_map(|s| avoid_known_bugs(&s))) {
        check_idempotent(&DEFAULT, &s)?;
        check_idempotent(&LAST, &s)?;
    }

    /// (b) on documents built to contain duplicates.
    #[test]
    fn idempotent_on_documents(s in document_with(20..30, true).prop_map(|s| avoid_known_bugs(&s))) {
        check_idempotent(&DEFAULT, &s)?;
        check_idempotent(&LAST, &s)?;
        check_idempotent(&FIRST, &s)?;
    }

    /// (c) The conservation law and the offset invariants, all keep policies.
    #[test]
    fn conservation(s in any_text().prop_map(|s| end_with_break(&s))) {
        check_conservation(&DEFAULT, &s)?;
        check_conservation(&LAST, &s)?;
        check_conservation(&FIRST, &s)?;
    }

    /// (d) Same input, same output and the same report, byte for byte.
    #[test]
    fn deterministic(s in any_text().prop_map(|s| end_with_break(&s))) {
        check_deterministic(&s)?;
    }
}

/// The structured generator really produces duplicates (so the properties above
/// exercise detection and not only tidying).
#[test]
fn documents_exercise_detection() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    fn survey(strat: impl Strategy<Value = String>, what: &str) {
        let mut runner = TestRunner::deterministic();
        let (mut docs, mut with_removals, mut kinds) = (0, 0, std::collections::BTreeSet::new());
        for _ in 0..200 {
            let s = avoid_known_bugs(&strat.new_tree(&mut runner).unwrap().current());
            let c = clean(&DEFAULT, &s);
            docs += 1;
            if !c.report.removed.is_empty() {
                with_removals += 1;
            }
            for r in &c.report.removed {
                kinds.insert(r.kind.as_str());
            }
        }
        assert!(
            with_removals * 4 >= docs,
            "{what}: only {with_removals} of {docs} documents had removals"
        );
        for k in ["block", "paragraph", "sentence"] {
            assert!(
                kinds.contains(k),
                "{what}: no {k} removal generated; saw {kinds:?}"
            );
        }
    }
    survey(document(), "document()");
    survey(document_with(20..30, true), "document_with(20..30, true)");
}

#[test]
fn avoid_known_bugs_only_reshapes() {
    assert_eq!(avoid_known_bugs("a"), "a\n");
    assert_eq!(avoid_known_bugs("a\r\n"), "a\r\n");
    assert_eq!(avoid_known_bugs("\u{200B}\nb\n"), "x\u{200B}\nb\n");
    assert_eq!(avoid_known_bugs("好的。好的。好的。\n"), "好的。好的。\n");
    assert_eq!(avoid_known_bugs(" \n中文。\n"), " \n中文。\n");
    assert_eq!(
        avoid_known_bugs("好的。”好的。”好的。”\n"),
        "好的。”好的。”\n"
    );
    assert_eq!(
        avoid_known_bugs("發的。。发的。。發的。。\n"),
        "發的。。发的。。。\n"
    );
    assert_eq!(
        avoid_known_bugs("真的吗?!\n什么? ?好\n"),
        "真的吗?\n什么? 好\n"
    );
}

// ---------------------------------------------------------------------------
// Unrestricted: these must pass once the known bugs are fixed.

proptest! {
    #![proptest_config(pt_config(256))]

    #[test]
    fn unrestricted_no_panic_and_conservation(s in any_text()) {
        check_conservation(&DEFAULT, &s)?;
        check_conservation(&LAST, &s)?;
        check_conservation(&FIRST, &s)?;
        check_deterministic(&s)?;
    }

    #[test]
    fn unrestricted_idempotent(s in any_text()) {
        check_idempotent(&DEFAULT, &s)?;
        check_idempotent(&LAST, &s)?;
    }
}

// ---------------------------------------------------------------------------
// Known bugs, minimal reproducers

/// Widening decides every mark from its neighbours *before* any is widened, so the
/// second of two marks only sees a half-width neighbour.
#[test]
fn punctuation_runs_widen_together() {
    assert_eq!(clean(&DEFAULT, "真的吗?!\n").text, "真的吗？！\n");
    assert_eq!(clean(&DEFAULT, "不会吧!!\n").text, "不会吧！！\n");
    for s in ["真的吗?!\n", "::。\n", "中)?\n"] {
        let once = clean(&DEFAULT, s).text;
        assert_eq!(clean(&DEFAULT, &once).text, once, "{s:?}");
    }
}

/// A heading-like line (no sentence end) of 10+ key characters, three times in a row.
#[test]
fn tripled_heading_line_leaves_one_copy() {
    let h = "国家统计局发布最新经济数据报告";
    let once = clean(&DEFAULT, &format!("{h}\n{h}\n{h}\n"));
    assert_eq!(once.text, format!("{h}\n"));
    // the same through another removed paragraph between the copies
    let x = "这是一段足够长的正文内容啊。";
    let y = "另外一段足够长的正文内容呀。";
    let input = format!("{x}\n{y}\n{h}\n{x}\n{h}\n");
    let once = clean(&DEFAULT, &input).text;
    assert_eq!(clean(&DEFAULT, &once).text, once, "not idempotent");
}

/// Sentence splitting takes UAX #29 for lines holding a Latin sentence end (`. ` and an
/// ASCII letter), and UAX #29 does not end a sentence at `……`; the Chinese scanner does.
#[test]
fn ellipsis_ends_a_sentence_in_latin_lines() {
    let s = "国家统计局今天发布的数据显示全国粮食总产量再创新高。";
    let zh = clean(&DEFAULT, &format!("他说…… {s}\n{s}\n"));
    assert_eq!(zh.text, format!("他说……{s}\n"));
    let latin = clean(&DEFAULT, &format!("Hello world. 他说…… {s}\n{s}\n"));
    assert_eq!(latin.text, format!("Hello world. 他说……{s}\n"));
    let input = format!("他说…… {s}iPhone 16. \n{s}\n");
    let once = clean(&DEFAULT, &input).text;
    assert_eq!(clean(&DEFAULT, &once).text, once, "not idempotent");
}

/// A stutter removed from one paragraph makes it equal to a later paragraph, which is
/// not looked at again: the output holds the same paragraph twice.
#[test]
fn stutter_removal_does_not_leave_a_duplicate_paragraph() {
    let s = "这是一段足够长的句子啊。";
    let t = "另外一句也挺长的话呀。";
    let once = clean(&DEFAULT, &format!("{s}{s}{t}\n{s}{t}\n"));
    assert_eq!(once.text, format!("{s}{t}\n"));
}

/// URL and e-mail spans are protected from widening; they are found in the line as
/// given, zero-width characters included, and those are removed afterwards.
#[test]
fn protected_spans_after_invisible_removal() {
    let input = "邮箱x@y.com\u{200B}http://a.b/c,见附件。\n";
    let once = clean(&DEFAULT, input).text;
    assert_eq!(clean(&DEFAULT, &once).text, once);
}

/// Runs of short paragraphs (each under `min_paragraph_chars`) are removed only as a run
/// of three or more; detection looks at the input, so a run that only becomes
/// contiguous once another removal is applied is found by the *second* pass.
#[test]
fn short_runs_formed_by_a_removal() {
    let input = "图一说明。\n图二说明。\n图三说明。\n这是一段足够长的正文内容啊。\n\
                 图一说明。\n图二说明。\n这是一段足够长的正文内容啊。\n图三说明。\n";
    let once = clean(&DEFAULT, input);
    let twice = clean(&DEFAULT, &once.text);
    assert_eq!(
        twice.text, once.text,
        "second pass removed {:?}",
        twice.report.removed
    );
}

#[test]
fn invisible_only_line_is_blank() {
    assert_eq!(clean(&DEFAULT, "a\n\u{200B}\n\nb\n").text, "a\n\nb\n");
    assert_eq!(clean(&DEFAULT, "\u{200B}\nb\n").text, "b\n");
    assert_eq!(clean(&DEFAULT, "a\n\u{1}\u{7F}\n\nb\n").text, "a\n\nb\n");
}

/// Copies that differ only in script must match (DESIGN: "Copies that differ only in
/// script … therefore match"). OpenCC t2s writes `鍾繇` as `锺繇`, but the key folds
/// `鍾` to `钟` (the first candidate of TSCharacters) and keeps `锺` as it is. The
/// surviving first copy keeps `鍾`: it is the only Traditional character of a
/// Simplified line (a name, as far as the tables can tell; see `KeepSimplified`).
#[test]
fn script_variant_copies_match() {
    let s = "鍾繇是三国时期非常著名的书法家。\n锺繇是三国时期非常著名的书法家。\n";
    let once = clean(&DEFAULT, s);
    assert_eq!(once.text, "鍾繇是三国时期非常著名的书法家。\n");
    assert_eq!(once.report.script.unconverted_chars, 1);
    assert_eq!(once.report.removed.len(), 1);
    assert_eq!(clean(&DEFAULT, &once.text).text, once.text);
}
