//! Tests of the rule set: parsing, the literal searches against their oracles, the
//! word lookup against its old path, the candidate lists.

use super::*;

#[test]
fn builtin_rules_all_compile() {
    let r = Rules::builtin();
    for (i, s) in r.set.specs.iter().enumerate() {
        if s.kind != RuleKind::Word {
            assert!(r.regex(i).is_some(), "{}", s.label);
        }
    }
    assert!(r.len() > 20);
    let mut sorted = super::super::shape::HTML_ELEMENTS.to_vec();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        super::super::shape::HTML_ELEMENTS,
        "binary search needs sorted names"
    );
}

#[test]
fn bad_user_rule_names_file_and_line() {
    let e = Rules::parse("# c\nline x * ([\n", "my.rules")
        .unwrap_err()
        .to_string();
    assert!(e.contains("my.rules:2"), "{e}");
    let e = Rules::parse("line ^foo$\n", "my.rules")
        .unwrap_err()
        .to_string();
    assert!(e.contains("my.rules:1"), "{e}");
    let e = Rules::parse("lines x * y\n", "my.rules")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("my.rules:1") && e.contains("unknown rule kind"),
        "{e}"
    );
}

/// `is_word` as it was before the word-ends filter: the oracle.
fn is_word_old(r: &Rules, line: &str) -> bool {
    if line.len() > SHORT_LINE_CHARS * 4 || line.chars().count() > SHORT_LINE_CHARS {
        return false;
    }
    let seps = |c| matches!(c, '·' | '|' | '｜' | '>' | '＞' | '<' | '＜');
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    r.set.words.contains(squeezed.trim_matches(seps))
}

#[test]
fn is_word_matches_the_old_path() {
    let r = Rules::builtin();
    let mut lines: Vec<String> = r.set.words.iter().cloned().collect();
    for w in r.set.words.iter() {
        for deco in ["· ", " |", "＞", " \u{3000}", "<", "x", "。", " · "] {
            lines.push(format!("{deco}{w}"));
            lines.push(format!("{w}{deco}"));
            lines.push(format!("{deco}{w}{deco}"));
            let mid: String = w.chars().flat_map(|c| [c, ' ']).collect();
            lines.push(mid);
        }
    }
    lines.extend(
        [
            "",
            " ",
            "·",
            "| |",
            "今天天气很好",
            "微信 微博",
            "QQ 空间",
            "返回　顶部",
        ]
        .map(String::from),
    );
    // random lines over the words' characters, separators and whitespace
    let mut alphabet: Vec<char> = r.set.words.iter().flat_map(|w| w.chars()).collect();
    alphabet.extend([
        ' ', '\u{3000}', '\u{a0}', '·', '|', '｜', '>', '＜', '天', 'a',
    ]);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
        let len = (x % 9) as usize;
        let mut s = String::new();
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        lines.push(s);
    }
    let mut hits = 0;
    for l in &lines {
        let old = is_word_old(&r, l);
        assert_eq!(r.is_word(l), old, "{l:?}");
        hits += usize::from(old);
    }
    assert!(hits > 100, "{hits}");
}

#[test]
fn any_in_matches_the_automaton() {
    let r = Rules::builtin();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    for g in &r.set.groups {
        // (packed where the CPU has the searcher's SIMD, as x86-64 and aarch64 do;
        // the automaton answers otherwise, and is the oracle either way)
        // the literals' characters, some CJK and ASCII, whitespace
        let mut alphabet: Vec<char> = g.lits.iter().flat_map(|l| l.chars()).collect();
        alphabet.extend("的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会。，：“”（）ab1 \u{3000}".chars());
        let mut hits = 0;
        for len in (0..40).chain([60, 100, 200, 400]) {
            for _ in 0..200 {
                let mut s: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
                if next(4) == 0 && !g.lits.is_empty() {
                    // a literal somewhere in it
                    let at = s.char_indices().nth(next(len + 1)).map_or(s.len(), |c| c.0);
                    s.insert_str(at, &g.lits[next(g.lits.len())]);
                }
                let want = g.any_in_by_automaton(&s);
                assert_eq!(g.any_in(&s), want, "{s:?}");
                hits += usize::from(want);
            }
        }
        assert!(hits > 500, "{hits}");
        for t in [
            "",
            "a",
            "责任编辑：张迪",
            "本文来源：新华社",
            "今天天气很好。",
        ] {
            assert_eq!(g.any_in(t), g.any_in_by_automaton(t), "{t:?}");
        }
    }
    // a user's set the packed searcher declines still answers by the automaton
    let many: String = (0..300)
        .map(|i| format!("line r{i} w{i}x{i} ^w{i}x{i}$\n"))
        .collect();
    let u = Rules::parse(&many, "many.rules").expect("valid rules");
    let g = &u.set.groups[0];
    assert!(g.packed.is_none() && g.quick.is_some());
    assert!(g.any_in("a w17x17 b") && !g.any_in("w17 x17"));
}

#[test]
fn lines_without_candidates_make_no_lists() {
    let r = Rules::builtin();
    let text = "今天天气很好，我们去公园散步。\n责任编辑：张迪\n明天见。";
    let spans = [(0, 45), (46, 67), (68, text.len())];
    let cands = r.candidates_in(text, spans.into_iter(), &[false; 3], true);
    assert!(cands.of(0).is_empty() && cands.of(2).is_empty());
    assert!(!cands.of(1).is_empty());
    // the same line alone: the same candidates
    let alone = r.candidates_in(text, spans[1..2].iter().copied(), &[false], true);
    assert_eq!(alone.of(0), cands.of(1));
    // a document with none: no list made, every line's answer empty
    let none = r.candidates_in(text, [spans[0], spans[2]].into_iter(), &[false; 2], true);
    assert_eq!(none.lines.capacity(), 0);
    assert!(none.of(0).is_empty() && none.of(1).is_empty());
}

#[test]
fn label_names_the_rule() {
    let r = Rules::builtin();
    let line = "责任编辑：张迪";
    let cands = r.candidates_in(line, [(0, line.len())].into_iter(), &[false], true);
    let i = r.whole_line(line, cands.of(0)).expect("a rule");
    let l = r.label(i).expect("a label");
    assert!(l.starts_with("editor (data/boilerplate.rules:"), "{l}");
}

/// The gate of a group over runs of lines says `false` only when no line it covers
/// (not skipped, trimmed to at most `most` bytes) holds a literal, as the per-line
/// tests that follow would find; and `true` when one does.
#[test]
fn runs_of_lines_gate_as_the_lines_would() {
    let r = Rules::builtin();
    let g = &r.set.groups[1];
    let pieces = [
        "来源",
        "原标题",
        "免责声明",
        "網友評論",
        "来",
        "源",
        "中文",
        "。",
        " ",
        "\u{3000}",
        "a",
        "今天天气很好",
        "来源来源来源来源来源来源来源来源来源来源",
    ];
    let mut rng = crate::chars::xorshift(0x9e37_79b9_7f4a_7c15);
    let mut next = |n: usize| (rng() % n as u64) as usize;
    let mut seen = [0usize; 2];
    for _ in 0..3000 {
        let lines: Vec<String> = (0..next(6))
            .map(|_| (0..next(12)).map(|_| pieces[next(pieces.len())]).collect())
            .collect();
        let text = lines.join("\n");
        let mut spans = Vec::new();
        let mut at = 0;
        for l in &lines {
            spans.push((at, at + l.len()));
            at += l.len() + 1;
        }
        let skip: Vec<bool> = spans.iter().map(|_| next(5) == 0).collect();
        for most in [0, 3, 10, 40, 1200, usize::MAX] {
            let want = spans.iter().zip(&skip).any(|(&(s, e), &k)| {
                let t = &text[s..e];
                !k && super::super::shape::trim(t).len() <= most && g.any_in(t)
            });
            let got = g.any_in_lines(&text, spans.iter().copied(), &skip, most);
            // (no literal holds a line break, so none is found across one here; a
            // text short enough is searched whole, skipped lines too)
            if text.len() <= most {
                assert_eq!(got, g.any_in(&text), "{text:?} {most}");
                assert!(got || !want, "{text:?} {skip:?} {most}");
            } else {
                assert_eq!(got, want, "{text:?} {skip:?} {most}");
            }
            seen[usize::from(want)] += 1;
        }
    }
    assert!(seen[0] > 1000 && seen[1] > 1000, "{seen:?}");
}
