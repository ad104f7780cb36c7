//! Unit tests of the aligner: the shapes it finds and the ones it leaves.
use super::*;
use crate::normalize::script::ScriptTables;

fn run(text: &str) -> String {
    let a = Analysis::new(text, ScriptTables::get());
    let mut removed = vec![false; a.paras.len()];
    let d = runs(&a, &Config::default(), &mut removed);
    crate::clean::cut(text, &d)
}

const P: [&str; 3] = [
    "本市今年新建的三座社区图书馆已于本周对外开放，每座馆藏图书约两万册。",
    "市文化局表示，明年还将在城东和城西再各建一座，并增设儿童阅览区。",
    "不少居民在开馆首日就办理了借书证，一位退休教师说，以后看书再也不用跑远路了。",
];

#[test]
fn edits_are_bounded() {
    let x: Vec<char> = "全省启动抗旱四级应急响应".chars().collect();
    let y: Vec<char> = "全省启动抗旱四极应急响应".chars().collect();
    assert_eq!(bounded_edits(&x, &y, 1), Some(1));
    assert_eq!(bounded_edits(&x, &x[1..], 1), Some(1));
    assert_eq!(bounded_edits(&x, &y[2..], 1), None);
    assert_eq!(max_edits(7), 0);
    assert_eq!(max_edits(12), 2);
    assert_eq!(max_edits(40), 3);
}

#[test]
fn reflowed_copy_goes_whole() {
    let text = format!("{}{}{}\n{}\n{}\n{}\n", P[0], P[1], P[2], P[0], P[1], P[2]);
    assert_eq!(run(&text), format!("{}{}{}\n", P[0], P[1], P[2]));
    let text = format!("{}\n{}\n{}\n{}{}{}\n", P[0], P[1], P[2], P[0], P[1], P[2]);
    assert_eq!(run(&text), format!("{}\n{}\n{}\n", P[0], P[1], P[2]));
}

#[test]
fn furniture_between_the_copys_lines_stays() {
    let text = format!(
        "标题在这里\n{}\n{}\n{}\n广告\n标题在这里\n上一页\n{}\n返回顶部\n{}\n{}\n",
        P[0], P[1], P[2], P[0], P[1], P[2]
    );
    assert_eq!(
        run(&text),
        format!(
            "标题在这里\n{}\n{}\n{}\n广告\n上一页\n返回顶部\n",
            P[0], P[1], P[2]
        )
    );
}

#[test]
fn a_deck_merging_the_bodys_opening_goes_and_the_body_stays() {
    let body = "图书馆还计划每月举办两次读书分享会，欢迎市民报名参加。";
    let text = format!("{}{}\n{}\n{}\n{body}\n", P[0], P[1], P[0], P[1]);
    assert_eq!(run(&text), format!("{}\n{}\n{body}\n", P[0], P[1]));
}

#[test]
fn a_title_said_again_before_its_body_stays() {
    let text = format!("标题很长！我在现场学会了手搓自己的工具！\n{}\n标题很长！我在现场学会了手搓自己的工具！\n{}\n", P[0], P[1]);
    assert_eq!(run(&text), text);
}

#[test]
fn a_lone_sentence_and_a_quoting_lead_stay() {
    let text = format!(
        "{}\n中间的话题完全不同，讲的是体育。\n{}{}\n",
        P[0], P[0], P[1]
    );
    assert_eq!(run(&text), text);
    // two items differing in a number only
    let text = "2023年营收增长5%，利润增长3%，员工人数增加到了一千人。\n其他的内容在这里写着。\n2024年营收增长7%，利润增长4%，员工人数增加到了一千人。\n";
    assert_eq!(run(text), text);
}

fn decisions(text: &str) -> Vec<Decision> {
    let a = Analysis::new(text, ScriptTables::get());
    let mut removed = vec![false; a.paras.len()];
    runs(&a, &Config::default(), &mut removed)
}

#[test]
fn copies_pasted_as_they_were_are_the_aligners_too() {
    // the whole text twice: the second copy goes as one block
    let body = format!("{}\n{}\n{}\n", P[0], P[1], P[2]);
    let text = format!("{body}{body}");
    let d = decisions(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].kind, d[0].evidence),
        (Kind::Block, Evidence::DoubledArticle)
    );
    assert_eq!(crate::clean::cut(&text, &d), body);
    // a line said twice in a row: a stutter
    let text = format!("{}\n{}\n{}\n", P[0], P[0], P[1]);
    let d = decisions(&text);
    assert_eq!(
        (d[0].kind, d[0].evidence),
        (Kind::Paragraph, Evidence::Stutter)
    );
    assert_eq!(
        crate::clean::cut(&text, &d),
        format!("{}\n{}\n", P[0], P[1])
    );
    // pages stitched with an overlap of two lines, inside the text
    let text = format!(
        "标题在这里\n{}\n{}\n{}\n{}\n{}\n",
        P[0], P[1], P[0], P[1], P[2]
    );
    let d = decisions(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, Kind::Stitch);
}

#[test]
fn a_body_written_three_times_keeps_its_first_copy() {
    let body = format!("{}\n{}\n{}\n", P[0], P[1], P[2]);
    let text = format!("标题在这里\n{body}{body}{body}");
    let d = decisions(&text);
    assert_eq!(d.len(), 2, "{d:?}");
    assert_eq!(crate::clean::cut(&text, &d), format!("标题在这里\n{body}"));
}

#[test]
fn a_run_is_cut_back_to_whole_lines() {
    // the copy's last line carries a sentence of its own: it stays whole, the
    // lines before it go
    let own = "另外，馆方表示周末开放时间将延长到晚上九点。";
    let text = format!(
        "{}\n{}\n{}\n中间的话题完全不同，讲的是体育。\n{}\n{}\n{}{own}\n",
        P[0], P[1], P[2], P[0], P[1], P[2]
    );
    let d = decisions(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        crate::clean::cut(&text, &d),
        format!(
            "{}\n{}\n{}\n中间的话题完全不同，讲的是体育。\n{}{own}\n",
            P[0], P[1], P[2], P[2]
        )
    );
}

#[test]
fn furniture_closing_the_item_before_a_repeated_comment_stays() {
    // a comment listed twice (hot and latest), each time after another
    // comment whose vote count is the same `赞 3 收藏`
    let c = "其实我觉得产业升级后，大量失业农民工应该回乡务农，国家也应该大力扶持农业。";
    let text = format!(
        "第一条评论的内容在这里写着。\n赞\n3\n收藏\n{c}\n13小时前\n举报\n另一位网友的看法完全不同呢。\n赞\n3\n收藏\n{c}\n13小时前\n举报\n"
    );
    let out = crate::clean::cut(&text, &decisions(&text));
    assert_eq!(
        out,
        "第一条评论的内容在这里写着。\n赞\n3\n收藏\n其实我觉得产业升级后，大量失业农民工应该回乡务农，国家也应该大力扶持农业。\n13小时前\n举报\n另一位网友的看法完全不同呢。\n赞\n3\n收藏\n"
    );
}

/// [`whole_lines`] as it was, with maps: the oracle of the vector version.
fn whole_lines_by_maps(us: &[Unit], per_para: &[usize], mut run: Run) -> Run {
    use crate::fingerprint::FxHashMap;
    let mut uses: [FxHashMap<usize, usize>; 2] = Default::default();
    let mut have: [FxHashMap<usize, usize>; 2] = Default::default();
    for &(i, j, _) in &run.pairs {
        for (side, u) in [(0, i), (1, j)] {
            let c = uses[side].entry(u).or_insert(0);
            if *c == 0 {
                *have[side].entry(us[u].para()).or_insert(0) += 1;
            }
            *c += 1;
        }
    }
    let whole = |have: &[FxHashMap<usize, usize>; 2], side: usize, u: usize| {
        have[side].get(&us[u].para()).copied().unwrap_or(0) == per_para[us[u].para()]
    };
    let (mut lo, mut hi) = (0, run.pairs.len());
    loop {
        let before = (lo, hi);
        for front in [false, true] {
            while lo < hi {
                let (i, j, _) = run.pairs[if front { lo } else { hi - 1 }];
                if whole(&have, 0, i) && whole(&have, 1, j) {
                    break;
                }
                for (side, u) in [(0, i), (1, j)] {
                    let c = uses[side].get_mut(&u).expect("counted");
                    *c -= 1;
                    if *c == 0 {
                        *have[side].get_mut(&us[u].para()).expect("counted") -= 1;
                    }
                }
                if front {
                    lo += 1;
                } else {
                    hi -= 1;
                }
            }
        }
        if (lo, hi) == before {
            break;
        }
    }
    run.pairs.truncate(hi);
    run.pairs.drain(..lo);
    run
}

#[test]
fn whole_lines_by_vectors_cuts_as_the_maps_did() {
    let mut x = 11u64;
    let mut next = |m: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize % m
    };
    // (one scratch for every round, as `runs_with` keeps it from anchor to anchor)
    let mut scratch = LineScratch::default();
    for _ in 0..2000 {
        // units of 1 to 3 per paragraph
        let mut us = Vec::new();
        let mut para = 0u32;
        while us.len() < 60 {
            for _ in 0..1 + next(3) {
                us.push(Unit {
                    key: (0, 0),
                    hash: 0,
                    para,
                    furniture: false,
                    heading: false,
                });
            }
            para += 1;
        }
        let mut per_para = vec![0; para as usize];
        for u in &us {
            per_para[u.para()] += 1;
        }
        // a run as `extend` makes them: both sides step forwards by 0 to 2 units
        let (mut i, mut j) = (next(20), 25 + next(10));
        let mut pairs = Vec::new();
        while i < us.len() && j < us.len() && pairs.len() < 30 {
            pairs.push((i, j, next(2)));
            match next(5) {
                0 => i += 1,
                1 => j += 1,
                2 => {
                    i += 2;
                    j += 1;
                }
                _ => {
                    i += 1;
                    j += 1;
                }
            }
        }
        let want = whole_lines_by_maps(
            &us,
            &per_para,
            Run {
                pairs: pairs.clone(),
            },
        )
        .pairs;
        let got = whole_lines(&us, &per_para, Run { pairs }, &mut scratch).pairs;
        assert_eq!(got, want);
    }
}

/// The key text borrowed from the analysis is the one `runs_with` copied together
/// (the in-play paragraphs' keys, one after the other), for first-pass analyses
/// (which borrow) with paragraphs removed and not, and a carried analysis (which
/// copies) is never lent a key text that is not that copy.
#[test]
fn the_borrowed_key_text_is_the_copy() {
    let copy = |a: &Analysis<'_>, removed: &[bool]| -> Vec<char> {
        let mut chars = Vec::new();
        for (pi, p) in a.paras.iter().enumerate() {
            if !removed[pi] && p.key_chars > 0 {
                chars.extend_from_slice(a.key_chars(pi));
            }
        }
        chars
    };
    let mut lent = 0;
    for text in crate::detect::registry::samples::all() {
        let a = Analysis::new(&text, ScriptTables::get());
        for variant in 0..3 {
            let removed = crate::detect::registry::samples::removed(a.paras.len(), variant);
            if let Some((keys, base)) = borrowed_key_text(&a, &removed) {
                assert_eq!(keys, &copy(&a, &removed)[..], "{text:?}");
                // each in-play paragraph's key starts where the copy puts it
                let mut at = 0;
                for (pi, p) in a.paras.iter().enumerate() {
                    if !removed[pi] && p.key_chars > 0 {
                        assert_eq!(a.para_keys[pi].start - base, at);
                        at += p.key_chars;
                    }
                }
                lent += 1;
            }
        }
        // a carried analysis (every other line cut out): lent only the copy
        let lines = crate::segment::lines(&text);
        let mut surv = String::new();
        for (i, l) in lines.iter().enumerate() {
            if i % 2 == 0 {
                surv.push_str(&text[l.start..l.next]);
            }
        }
        let carried = Analysis::carry(&surv, crate::segment::lines(&surv), &a, |s, e| {
            text.find(&surv[s..e]).filter(|_| e > s)
        });
        let none = vec![false; carried.paras.len()];
        if let Some((keys, _)) = borrowed_key_text(&carried, &none) {
            assert_eq!(keys, &copy(&carried, &none)[..], "{surv:?}");
        }
    }
    assert!(lent > 300, "{lent}");
}
