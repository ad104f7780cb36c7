//! Tests of the sentence detector.
use super::*;

#[test]
fn a_later_pass_reads_caption_answers_from_the_memo() {
    let cfg = Config::default();
    // a caption stuttered (a gallery repeats captions) stays; the body's
    // stutter goes
    let cap = "市民在公园里散步，记者张三摄。";
    let body = "正文说的是另一件事情。";
    let text = format!("{cap}{cap}\n{body}{body}\n");
    let text = text.as_str();
    let a = Analysis::new(text, crate::normalize::script::ScriptTables::get());
    let removed = vec![false; a.paras.len()];
    let fresh = sentences(&a, &cfg, &removed, &[]);
    let mut memo = SentenceMemo::default();
    let identity = |i: usize| u32::try_from(i).ok();
    assert_eq!(
        sentences_with(&a, &cfg, &removed, &[], &mut memo, identity),
        fresh
    );
    assert!(memo.captions.contains(&2), "{:?}", memo.captions);
    // a later pass over the same paragraphs reads the answers: the same
    // decisions, and a flipped answer is what is used
    assert_eq!(
        sentences_with(&a, &cfg, &removed, &[], &mut memo, identity),
        fresh
    );
    for c in &mut memo.captions {
        if *c == 2 {
            *c = 1;
        }
    }
    let flipped = sentences_with(&a, &cfg, &removed, &[], &mut memo, identity);
    assert_ne!(flipped, fresh);
    // a paragraph a removal cut (no origin) is asked afresh
    assert_eq!(
        sentences_with(&a, &cfg, &removed, &[], &mut memo, |_| None),
        fresh
    );
}

#[test]
fn taken_spans_meeting_a_range_are_those_a_scan_finds() {
    // nested, overlapping, repeated and empty spans, in no order
    let mut x = 7u64;
    let mut next = |m: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize % m
    };
    let spans: Vec<(usize, usize)> = (0..60)
        .map(|_| {
            let s = next(200);
            let long = next(4) == 0;
            (s, s + next(if long { 120 } else { 12 }))
        })
        .collect();
    let taken = Taken::new(spans.clone());
    for _ in 0..500 {
        let r0 = next(220);
        let range = (r0, r0 + next(40));
        let mut want: Vec<(usize, usize)> = spans
            .iter()
            .copied()
            .filter(|s| s.0 < range.1 && range.0 < s.1)
            .collect();
        want.sort_unstable();
        assert_eq!(taken.meeting(range).collect::<Vec<_>>(), want, "{range:?}");
    }
}

fn run(text: &str, cfg: &Config) -> Vec<Decision> {
    let a = Analysis::new(text, crate::normalize::script::ScriptTables::get());
    super::super::detect(&a, cfg, &super::super::boilerplate::Rules::builtin()).decisions
}

#[test]
fn numbers_that_differ_in_a_separator_are_different_sentences() {
    let cfg = Config::default();
    for (x, y) in [
        ("1.5%", "15%"),
        ("3:1", "31"),
        ("1,000", "1000"),
        ("1/5", "15"),
    ] {
        let text =
            format!("今天沪指上涨{x}，市场情绪明显好转。今天沪指上涨{y}，市场情绪明显好转。\n");
        assert!(run(&text, &cfg).is_empty(), "{text}");
    }
    // the same number twice is a stutter (`．` ends a sentence, so the full-width
    // form is not compared with it)
    let text = "今天沪指上涨1.5%，市场情绪明显好转。今天沪指上涨1.5％，市场情绪明显好转。\n";
    assert_eq!(run(text, &cfg).len(), 1);
}

#[test]
fn a_sentence_captioned_by_a_credit_is_no_stutter() {
    // tw01029 of ../shared/corpus/news.jsonl: the body's last sentence, then the
    // photo's caption repeating it with the photographer's credit
    let s = "現代婦女基金會發起「布迷路認養行動」，希望號召600位民眾擔任受暴家庭的守護天使。";
    let body = "目睹兒雖然身上沒有傷口，但內心的創傷會跟著他們一輩子，她分享個案。曾經有小朋友在5歲時親眼目睹父親拿著刀子對著母親，媽媽後來離開該家庭，但等到他長大後隨即離開家庭，用喝酒解決創傷。";
    let text = format!("{body}{s} {s}記者林良齊／攝影   分享       facebook\n");
    assert!(run(&text, &Config::default()).is_empty());
    // without the credit it is a stutter
    let text = format!("{body}{s} {s}\n");
    assert_eq!(run(&text, &Config::default()).len(), 1);
}

#[test]
fn a_short_sentence_goes_only_inside_a_run_with_a_long_one() {
    let cfg = Config::default();
    let (p, q) = ("春节档会上映很多天象大片和新的节目。", "先睹为快。");
    let tail = "老话说三星正南，就要过年，这是大家都知道的。";
    // `A B A B`: the run `A B` said twice, one stutter
    let text = format!("{p}{q}{p}{q}{tail}\n");
    let d = run(&text, &cfg);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(&text[d[0].span.start..d[0].span.end], format!("{p}{q}"));
    // short sentences alone stay, said twice or not
    for text in [format!("{q}{q}{tail}\n"), format!("好。好。{tail}\n")] {
        assert!(run(&text, &cfg).is_empty(), "{text}");
    }
    // and the run away from its copy stays (a lead quoting its body)
    let text = format!("{p}{q}{tail}{p}{q}另一句很长的正文内容在这里说完。\n");
    assert!(run(&text, &cfg).is_empty(), "{text}");
}

#[test]
fn doubled_body_with_headline_keeps_second_copy() {
    let body = "第一段很长的正文内容在这里。\n第二段同样很长的正文内容。\n";
    let text = format!("来源：某网\n{body}标题在这里\n{body}");
    let d = run(&text, &Config::default());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, Kind::Block);
    assert_eq!(d[0].evidence, Evidence::DoubledArticle);
    assert_eq!(&text[d[0].span.start..d[0].span.end], body);
    let first = Config {
        keep: KeepPolicy::First,
        ..Config::default()
    };
    let d = run(&text, &first);
    assert_eq!(d[0].span.start, text.len() - body.len());
}

#[test]
fn adjacent_copies_keep_first() {
    let text = "一段足够长的重复段落文字。\n一段足够长的重复段落文字。\n";
    let d = run(text, &Config::default());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, Kind::Paragraph);
    assert_eq!(d[0].span, Span::new(text.len() / 2, text.len()));
}

#[test]
fn short_repeats_survive() {
    let text = "图片\n正文。\n图片\n“好的。”他说。“好的。”她也说。\n";
    assert!(run(text, &Config::default()).is_empty());
}

#[test]
fn repeated_sentence_is_removed_once() {
    let text = "昨天下了一整天的雨，今天终于放晴了。昨天下了一整天的雨，今天终于放晴了。";
    let d = run(text, &Config::default());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, Kind::Sentence);
    assert_eq!(d[0].span, Span::new(text.len() / 2, text.len()));
}

#[test]
fn lone_distant_sentence_and_headline_in_body_survive() {
    // a speech closing on its opening line; a body repeating its headline
    let text = "开幕。人类和平与发展的崇高事业必将胜利！\n会议持续三天。\n他最后说，人类和平与发展的崇高事业必将胜利！\n我国毒品犯罪得到进一步遏制\n通报显示，我国毒品犯罪得到进一步遏制。\n";
    assert!(run(text, &Config::default()).is_empty());
}

#[test]
fn table_of_contents_and_section_titles_survive() {
    let text = "宇树澄清去年销量传闻：出货量超5500台\n英特尔股价五个月翻倍后急跌\n\n宇树澄清去年销量传闻：出货量超5500台\n正文一。\n英特尔股价五个月翻倍后急跌\n正文二。\n";
    assert!(run(text, &Config::default()).is_empty());
    let stutter =
        "宇树澄清去年销量传闻：出货量超5500台\n\n宇树澄清去年销量传闻：出货量超5500台\n正文。\n";
    assert_eq!(run(stutter, &Config::default()).len(), 1);
}

#[test]
fn two_short_captions_repeating_together_survive() {
    let text = "▲ 离电测试\n▲ 连电测试\n正文。\n▲ 离电测试\n▲ 连电测试\n";
    assert!(run(text, &Config::default()).is_empty());
}

#[test]
fn lone_long_sentence_far_from_its_copy_survives() {
    // however long, a sentence said again in another paragraph is not a copy
    let text = "国家统计局今天发布数据显示，全国粮食总产量再创历史新高。我们出门散步。\n这是另一段。国家统计局今天发布数据显示，全国粮食总产量再创历史新高。\n";
    assert!(run(text, &Config::default()).is_empty());
}

#[test]
fn lead_line_before_the_body_opening_with_it_goes() {
    let lead = "真正的时代新船票，至少由模型能力、基础设施、入口三部分构成。";
    let text = format!("{lead}\n{lead}作者｜某某编辑｜某某最近这段时间，科技圈的节奏变得密集。\n");
    let d = run(&text, &Config::default());
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].kind, d[0].evidence),
        (Kind::Sentence, Evidence::Stutter)
    );
    assert_eq!(
        d[0].span,
        Span::new(0, lead.len() + 1),
        "the lead line goes"
    );
}

#[test]
fn record_fields_repeating_between_entries_survive() {
    let text = "1、求购甲公司老股份额\n交易价格：预期估值面议\n资产规模：约5000万人民币\n2、求购乙公司老股份额\n交易价格：预期估值面议\n资产规模：约5000万人民币\n";
    assert!(run(text, &Config::default()).is_empty());
}

#[test]
fn copy_in_other_script_and_width_matches() {
    let text = "科技城集中發展區建設任務更重,要把項目落地。\n科技城集中发展区建设任务更重，要把项目落地。\n";
    assert_eq!(run(text, &Config::default()).len(), 1);
}

#[test]
fn the_screen_lets_go_only_documents_with_no_hit() {
    use crate::detect::registry::samples;
    let tables = crate::normalize::script::ScriptTables::get();
    let (mut screened, mut found) = (0, 0);
    for keep in [KeepPolicy::Auto, KeepPolicy::Last] {
        let cfg = Config {
            keep,
            ..Config::default()
        };
        for text in samples::all() {
            let a = Analysis::new(&text, tables);
            for variant in 0..3 {
                let removed = samples::removed(a.paras.len(), variant);
                let identity = |i: usize| u32::try_from(i).ok();
                let fast = sentences_with(
                    &a,
                    &cfg,
                    &removed,
                    &[],
                    &mut SentenceMemo::default(),
                    identity,
                );
                let slow = scan(
                    &a,
                    &cfg,
                    &removed,
                    &[],
                    &mut SentenceMemo::default(),
                    identity,
                );
                assert_eq!(fast, slow, "{text}");
                found += usize::from(!slow.is_empty());
                screened += usize::from(!may_repeat(&a, &cfg, &removed));
                assert_eq!(
                    may_repeat(&a, &cfg, &removed),
                    may_repeat_old(&a, &cfg, &removed),
                    "{text}"
                );
            }
        }
    }
    assert!(screened > 100 && found > 50, "{screened} {found}");
}

/// [`may_repeat`] as it was, collecting every hash before its screen: the oracle of
/// the streamed screen.
fn may_repeat_old(a: &Analysis<'_>, cfg: &Config, removed: &[bool]) -> bool {
    let mut hashes: Vec<u64> = Vec::with_capacity(a.sentences.len());
    for (pi, p) in a.paras.iter().enumerate() {
        if removed[pi] || !looked_at(p, cfg) {
            continue;
        }
        for s in &a.sentences[p.sentences.0..p.sentences.1] {
            if s.key_chars > 0 {
                hashes.push(s.hash);
            }
        }
    }
    if !crate::detect::registry::may_have_equal(hashes.iter().copied(), hashes.len()) {
        return false;
    }
    hashes.sort_unstable();
    hashes.windows(2).any(|w| w[0] == w[1])
}

/// A memo reset after a document is a fresh memo (what `registry::Memo::pooled`
/// hands the next document).
#[test]
fn a_reset_memo_is_a_fresh_one() {
    let cfg = Config::default();
    let cap = "市民在公园里散步，记者张三摄。";
    let text = format!("{cap}{cap}\n正文说的是另一件事情。正文说的是另一件事情。\n");
    let a = Analysis::new(&text, crate::normalize::script::ScriptTables::get());
    let removed = vec![false; a.paras.len()];
    let mut memo = SentenceMemo::default();
    let identity = |i: usize| u32::try_from(i).ok();
    sentences_with(&a, &cfg, &removed, &[], &mut memo, identity);
    assert!(memo.started && memo.captions.contains(&2));
    memo.reset();
    assert_eq!(
        format!("{memo:?}"),
        format!("{:?}", SentenceMemo::default())
    );
}
