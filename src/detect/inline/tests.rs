//! Tests of the inline detector.
use super::*;
use crate::normalize::script::ScriptTables;

fn run(text: &str) -> Vec<Decision> {
    let a = Analysis::new(text, ScriptTables::get());
    lines(&a, &Config::default(), &vec![false; a.paras.len()])
}

const X: &str = "国家统计局今天发布数据，一季度国内生产总值同比增长百分之五点三。消费对经济增长的贡献率达到百分之七十以上，投资稳步回升。";

#[test]
fn credit_pair_search_agrees_with_the_substring_searches() {
    for line in [
        "",
        "）",
        "）（",
        "a）。（b",
        "（路透）（路透）",
        "（刘记者）。（刘记者）。",
        "文字）。 （不是",
        "）。",
        "）)（",
        "前）后（）（",
        "（完）",
    ] {
        let want = line.contains("）（") || line.contains("）。（");
        assert_eq!(has_credit_pair(line), want, "{line}");
    }
}

#[test]
fn a_dateline_may_carry_a_headline_and_byline() {
    for gap in [
        "新华社纽约1月27日电（记者刘亚南）",
        "     \u{3000}\u{3000}新华社快讯：",
        "新华社北京1月29日电 新闻分析：国际金价持续上升，原因几何？\u{3000}\u{3000}新华社记者陈云富、刘羽佳\u{3000}\u{3000}",
        "新华社巴格达1月28日电\u{3000}热点问答｜特朗普为何插手伊拉克总理人选\u{3000}\u{3000}新华社记者段敏夫\u{3000}吴宝澍\u{3000}李军",
    ] {
        assert!(is_dateline(gap), "{gap}");
    }
    for gap in [
        // a word that holds 电, then running text
        "中央电视台报道",
        // a sentence after the dateline is body, not a headline
        "新华社北京1月29日电 记者从有关部门获悉，会议于今天召开。",
        "新华社快讯：特朗普说了什么",
    ] {
        assert!(!is_dateline(gap), "{gap}");
    }
}

#[test]
fn a_lead_of_questions_said_again_after_dateline_headline_and_byline() {
    // rss002839 of ../shared/corpus/news.jsonl (shortened): five sentences, then
    // the dateline, a headline and the byline, then the same five sentences
    let lead = "美国总统特朗普27日称，如果伊拉克前总理再次当选总理，美国将不再援助伊拉克。马利基28日回应说，坚决反对美国公然干涉伊拉克内政。马利基是谁？美国为何阻挠他执政？伊拉克将于何时选出新总理？";
    let text = format!("{lead}     \u{3000}\u{3000}新华社巴格达1月28日电\u{3000}热点问答｜特朗普为何插手伊拉克总理人选\u{3000}\u{3000}新华社记者段敏夫\u{3000}\u{3000}{lead}\u{3000}\u{3000}马利基现年75岁，早年加入伊拉克什叶派政党达瓦党。\n");
    let d = run(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(crate::clean::cut(&text, &d).starts_with("新华社巴格达"));
}

#[test]
fn a_caption_repeating_the_body_stays() {
    let s = "現代婦女基金會發起「布迷路認養行動」，希望號召600位民眾擔任受暴家庭的守護天使。";
    assert!(run(&format!("{s} {s}記者林良齊／攝影\n")).is_empty());
    assert_eq!(run(&format!("{X}{X}\n")).len(), 1);
}

#[test]
fn xx_keeps_the_first() {
    let text = format!("{X}{X}\n");
    let d = run(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(crate::clean::cut(&text, &d), format!("{X}\n"));
}

#[test]
fn x_headline_x_keeps_the_second() {
    let text = format!("{X}一季度经济数据发布 {X}");
    let d = run(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, Kind::InlineBlock);
    assert_eq!(
        crate::clean::cut(&text, &d),
        format!("一季度经济数据发布 {X}")
    );
}

#[test]
fn near_copy_is_removed_whole() {
    // two edits in the first sentence, the second sentence intact
    let y = X.replace("五点三", "五点四").replace("国内", "境内");
    let text = format!("{X}{y}");
    let d = run(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(crate::clean::cut(&text, &d), X.to_string());
    assert!(d[0].similarity < 1.0 && d[0].similarity > 0.8);
}

#[test]
fn kasai_matches_the_definition() {
    let t = "banana_bandana";
    let st = suffix::SuffixTable::new(t);
    assert_eq!(repeat::kasai(t.as_bytes(), st.table()), st.lcp_lens());
}

#[test]
fn longest_repeat_is_non_overlapping() {
    let c: Vec<char> = "abcabcabc".chars().collect();
    let (x, y, l) = longest_repeat(&c).unwrap();
    assert!(x + l <= y);
    assert_eq!(l, 3);
}

#[test]
fn credit_stutters_screened_on_the_whole_text_are_those_of_the_lines() {
    use crate::detect::registry::samples;
    let mut found = 0;
    for text in samples::all() {
        let a = Analysis::new(&text, ScriptTables::get());
        for variant in 0..3 {
            let removed = samples::removed(a.paras.len(), variant);
            let taken = [(0, text.len() / 7)];
            let slow = credit_stutters_screened(
                &a,
                &removed,
                &taken,
                false,
                (&mut LinesMemo::default(), None),
            );
            assert_eq!(credit_stutters(&a, &removed, &taken), slow, "{text}");
            found += usize::from(!slow.is_empty());
        }
    }
    assert!(found > 20, "{found}");
}

/// [`screen::sentence_repeats`] (pair by pair for a short line) against sorting the hashes
/// of the sentences of at least [`MIN_REPEAT_CHARS`] key characters, on lines of 0
/// to 40 sentences whose hashes and key lengths repeat often.
#[test]
fn a_repeated_sentence_is_found_pair_by_pair_as_by_sorting() {
    let mut next = crate::chars::xorshift(0x9e37_79b9_7f4a_7c15);
    let mut hashes = Vec::new();
    let (mut yes, mut no) = (0, 0);
    for len in 0..2_000usize {
        let sentences: Vec<crate::detect::Sentence> = (0..len % 41)
            .map(|_| {
                let r = next();
                crate::detect::Sentence {
                    span: (0, 0),
                    key_chars: MIN_REPEAT_CHARS - 2 + (r % 5) as usize,
                    key_at: 0,
                    // (small hashes share a bucket; spread, half of them do not)
                    hash: ((r >> 8) % (8 + (len as u64 % 60))).wrapping_mul(if len % 2 == 0 {
                        1
                    } else {
                        0x9e37_79b9_7f4a_7c15
                    }),
                    may_be_caption: false,
                }
            })
            .collect();
        let mut sorted: Vec<u64> = sentences
            .iter()
            .filter(|s| s.key_chars >= MIN_REPEAT_CHARS)
            .map(|s| s.hash)
            .collect();
        sorted.sort_unstable();
        let want = sorted.windows(2).any(|w| w[0] == w[1]);
        assert_eq!(
            screen::sentence_repeats(&sentences, &mut hashes),
            want,
            "{sentences:?}"
        );
        if want {
            yes += 1;
        } else {
            no += 1;
        }
    }
    assert!(yes > 300 && no > 300, "{yes} {no}");
}

#[test]
fn the_screen_lets_go_no_line_with_a_decision() {
    // lines of a body and an edited copy of it (substitutions, insertions and
    // deletions, dense or sparse, the copy whole or in part, a headline between or
    // not), among running text: every decision made without the screen is made
    // with it, and the screen lets some lines go
    let pool: Vec<char> = "国家统计局今天发布数据一季度内生产总值同比增长百分之五点三消费对经济的贡献率达到七十以上投资稳步回升市场此前遍城"
        .chars()
        .collect();
    let mut next = crate::chars::xorshift(11);
    let mut rnd = |m: usize| (next() % m as u64) as usize;
    let (mut decided, mut screened) = (0, 0);
    for case in 0..400 {
        let mut body = String::new();
        for _ in 0..(3 + rnd(8)) {
            for _ in 0..(6 + rnd(20)) {
                body.push(pool[rnd(pool.len())]);
            }
            body.push(['，', '。', '；'][rnd(3)]);
        }
        let rate = [0, 2, 5, 10, 20, 40][case % 6];
        let mut copy = String::new();
        let part = body.chars().count() * (40 + rnd(61)) / 100;
        for c in body.chars().take(part) {
            match rnd(200) {
                r if r < rate => copy.push(pool[rnd(pool.len())]),
                r if r < 2 * rate => {}
                r if r < 3 * rate => {
                    copy.push(c);
                    copy.push(pool[rnd(pool.len())]);
                }
                _ => copy.push(c),
            }
        }
        let mut other = String::new();
        for _ in 0..rnd(3) * (10 + rnd(60)) {
            other.push(pool[rnd(pool.len())]);
        }
        // (a sentence written twice, so that the line is examined)
        let gap = ["", "新华社北京1月29日电", "　　"][rnd(3)];
        let text = format!(
            "{other}{body}{gap}{copy}。{other}重复的句子在这里出现。重复的句子在这里出现。\n"
        );
        let a = Analysis::new(&text, ScriptTables::get());
        let removed = vec![false; a.paras.len()];
        for near in [0.5, 0.8, 0.95] {
            let cfg = Config {
                near_threshold: near,
                ..Config::default()
            };
            screen::OFF.set(true);
            let want = lines(&a, &cfg, &removed);
            screen::OFF.set(false);
            assert_eq!(lines(&a, &cfg, &removed), want, "{text}");
            decided += usize::from(!want.is_empty());
            let k = a.key_chars(0);
            screened += usize::from(!screen::may_hold_copies(k, near));
        }
    }
    assert!(decided > 100 && screened > 50, "{decided} {screened}");
}

#[test]
fn a_blank_at_the_end_is_told_by_the_bytes_as_by_decoding() {
    let mut all: Vec<char> = (0..0x3100u32).filter_map(char::from_u32).collect();
    all.extend(['中', '\u{9FFF}', '\u{F900}', '\u{FEFF}', '\u{FFEF}', '𠀀']);
    for c in all {
        for t in [
            String::new(),
            format!("{c}"),
            format!("中文{c}"),
            format!("a{c}"),
        ] {
            let want = t.chars().next_back().is_some_and(char::is_whitespace);
            assert_eq!(screen::ends_in_blank(&t), want, "{:?}", c);
        }
    }
}
