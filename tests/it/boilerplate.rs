//! Issue 14: `--strip-boilerplate` knows page furniture from content, and HTML
//! entities are decoded, never removed. Runs the real binary on the fixtures under
//! `fixtures/boilerplate/` (excerpts of the shared corpus, see `fixtures/README.md`)
//! and `fixtures/scraped/`, and the cleaner in process for the exhaustive entity test.
//!
//! The full measurement on the 20 reference pages of the shared corpus is
//! `scripts/boilerplate_measure.py` (figures in the README, "Boilerplate"); the pages
//! themselves are not committed (publishers' text), so the floors here are on the two
//! committed pages, at the figures reached.

use crate::util::{check_report, fixture, parse_report, Dir};
use zhclean::{Cleaner, Config, PunctMode, Target};

/// `zhclean --strip-boilerplate --to keep --punct keep ARGS fixtures/REL`: stdout and
/// the report, after the report's conservation law is checked.
fn strip(rel: &str, args: &[&str]) -> (String, zhclean::DocReport) {
    let dir = Dir::new();
    let bytes = std::fs::read(fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    dir.write("in.txt", &bytes);
    let mut a = vec!["--strip-boilerplate", "--to", "keep", "--punct", "keep"];
    a.extend_from_slice(args);
    a.extend(["in.txt", "--report", "r.json"]);
    let run = dir.run(&a, None);
    run.assert_code(0);
    let report = parse_report(&dir.read("r.json"));
    check_report(&crate::util::decoded(&bytes), &report).expect("conservation law");
    (run.text(), report.documents[0].clone())
}

#[test]
fn lookalikes_of_furniture_are_content() {
    // an interview's `编辑：` questions, a court ruling naming the `版权所有人`, and
    // `List<String>` in a sentence about Java (shared `cases/boilerplate-lookalikes.txt`)
    let input = std::fs::read_to_string(fixture("boilerplate/lookalikes.txt")).unwrap();
    let (out, d) = strip("boilerplate/lookalikes.txt", &[]);
    assert_eq!(out, input);
    assert!(d.removed.is_empty(), "{:?}", d.removed);
}

/// The furniture of `news.jsonl` the issue names, each removed with its evidence.
#[test]
fn news_furniture_goes_with_its_evidence() {
    let (out, d) = strip("boilerplate/news_furniture.txt", &[]);
    let want = std::fs::read_to_string(fixture("boilerplate/news_furniture.out.txt")).unwrap();
    assert_eq!(out, want);
    let got: Vec<String> = d
        .removed
        .iter()
        .map(|r| {
            let rule = r
                .rule
                .as_deref()
                .map_or("", |s| s.split(' ').next().unwrap());
            format!(
                "{}-{} {} {rule}",
                r.lines[0],
                r.lines[1],
                r.evidence.as_str()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "1-1 rule cms",
            "1-1 rule cms-urls",
            "1-1 rule cms-end",
            "1-1 rule copyright",
            "1-1 rule copyright",
            "1-1 script ",
            "14-14 rule copyright",
            "16-16 rule copyright",
            "32-32 rule rss",
            "33-33 rule rss",
            "34-34 rule rss",
            "40-40 rule follow",
            "41-44 link_list ",
            "46-46 rule more",
            "47-47 rule wechat-open",
            "50-54 rule disclaimer",
        ]
    );
    for r in &d.removed {
        assert_eq!(r.kind.as_str(), "boilerplate");
        assert_eq!(
            r.rule.is_some(),
            r.evidence.as_str() == "rule",
            "a rule removal names its rule: {r:?}"
        );
    }
    for gone in [
        "人 民 网",
        "Copyright",
        "document.write",
        "获取更多RSS",
        "跳转微信打开",
        "免责声明",
    ] {
        assert!(!out.contains(gone), "{gone} left");
    }
    for kept in [
        "获得最多胜局奖。",
        "（本报记者 曾华锋整理）",
        "▲ 雷克萨斯 IS",
        "每股报价77.90港元。",
    ] {
        assert!(out.contains(kept), "{kept} lost");
    }
}

/// Characters of `reference` that `out` keeps (longest common subsequence, whitespace
/// ignored) and characters of `out` the reference lacks.
fn recall_noise(reference: &str, out: &str) -> (usize, usize, usize) {
    let r: Vec<char> = reference.chars().filter(|c| !c.is_whitespace()).collect();
    let o: Vec<char> = out.chars().filter(|c| !c.is_whitespace()).collect();
    let mut prev = vec![0usize; o.len() + 1];
    let mut cur = vec![0usize; o.len() + 1];
    for &a in &r {
        for (j, &b) in o.iter().enumerate() {
            cur[j + 1] = if a == b {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let common = prev[o.len()];
    (common, r.len(), o.len() - common)
}

/// The reference pages committed with the tests: recall of the reference's body
/// (credit and notice lines aside, which the issue calls furniture) and noise, with
/// floors at the figures reached. Before issue 14 (main's binary) the same runs kept
/// 1,193 non-blank characters of the 163_2 excerpt (the reference has 357) and 900 of
/// gamersky (reference 411).
#[test]
fn reference_pages_recall_and_noise() {
    // (page, reference, least recall of the body in ‰, most noise in characters)
    for (page, reference, min_recall, max_noise) in [
        (
            "boilerplate/163_2.naive.txt",
            "boilerplate/163_2.gne_content.txt",
            1000,
            48,
        ),
        (
            "scraped/gamersky_gamersky.naive.txt",
            "scraped/gamersky_gamersky.gne_content.txt",
            1000,
            121,
        ),
    ] {
        let (out, _) = strip(page, &[]);
        let reference = std::fs::read_to_string(fixture(reference)).unwrap();
        let body: String = reference
            .lines()
            .filter(|l| {
                let l = l.trim_start_matches(['（', '(']);
                !["原标题", "本文来源", "责任编辑", "免责声明"]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let (kept, total, _) = recall_noise(&body, &out);
        let (_, _, noise) = recall_noise(&reference, &out);
        let recall = kept * 1000 / total;
        eprintln!("{page}: body recall {kept}/{total}, noise {noise}");
        assert!(recall >= min_recall, "{page}: recall {recall}‰");
        assert!(noise <= max_noise, "{page}: noise {noise}");
    }
}

/// No character reference ever disappears without its character: every one of the
/// 2,125 named references of the WHATWG list and numeric ones across the planes, with
/// and without `--strip-boilerplate`. Characters that tidying itself removes or
/// rewrites (controls, zero-width characters, whitespace) are left out: they would
/// go whether written as references or not.
#[test]
fn no_entity_disappears() {
    let cleaners = [false, true].map(|strip| {
        Cleaner::new(Config {
            strip_boilerplate: strip,
            target: Target::Keep,
            punct: PunctMode::Keep,
            ..Config::default()
        })
    });
    let mut refs: Vec<(String, String)> = html_escape::NAMED_ENTITIES
        .iter()
        .map(|(n, v)| {
            (
                format!("&{};", std::str::from_utf8(n).unwrap()),
                v.to_string(),
            )
        })
        .collect();
    for cp in (0x21..0x3_0000u32)
        .step_by(97)
        .chain([34, 39, 8211, 8220, 8221, 8230])
    {
        if let Some(c) = char::from_u32(cp) {
            refs.push((format!("&#{cp};"), c.to_string()));
            refs.push((format!("&#x{cp:X};"), c.to_string()));
        }
    }
    let invisible = |v: &str| {
        v.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
                )
                || ('\u{2F00}'..='\u{2FDF}').contains(&c)
                || ('\u{F900}'..='\u{FAFF}').contains(&c)
        })
    };
    let mut checked = 0;
    for (r, v) in &refs {
        if invisible(v) {
            continue;
        }
        let line = format!("他说{r}好。\n");
        for c in &cleaners {
            let out = c.clean_text(&line, None);
            assert_eq!(out.text, format!("他说{v}好。\n"), "{r}");
            assert_eq!(out.report.chars_removed, 0, "{r}");
            assert_eq!(out.report.normalization.entities_decoded, 1, "{r}");
        }
        checked += 1;
    }
    assert!(checked > 4000, "{checked}");
}

/// `--boilerplate-rules FILE` adds rules (the report names the file and line of the
/// one that fired); a bad file is an error naming the file and the line.
#[test]
fn user_rules_extend_and_bad_ones_are_named() {
    let dir = Dir::new();
    dir.write(
        "in.txt",
        "这是一段足够长的正文，用来说明规则文件的用法。\n本站声明：欢迎转发\n",
    );
    dir.write(
        "my.rules",
        "# site notices\nline site-notice 本站声明 ^本站声明：.{0,20}$\n",
    );
    let run = dir.run(
        &[
            "--strip-boilerplate",
            "--boilerplate-rules",
            "my.rules",
            "in.txt",
            "--report",
            "r.json",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(
        run.text(),
        "这是一段足够长的正文，用来说明规则文件的用法。\n"
    );
    let r = dir.report("r.json");
    assert_eq!(
        r.documents[0].removed[0].rule.as_deref(),
        Some("site-notice (my.rules:2)")
    );
    for (bad, what) in [
        ("line x * ([\n", "invalid regex"),
        ("lines x * y\n", "unknown rule kind"),
        ("line ^foo$\n", "rule name"),
        ("word w 登录 extra\n", "takes no REGEX"),
    ] {
        dir.write("bad.rules", format!("# comment\n{bad}"));
        let run = dir.run(&["--boilerplate-rules", "bad.rules", "in.txt"], None);
        assert_ne!(run.code, Some(0));
        assert!(
            run.stderr.contains("bad.rules:2") && run.stderr.contains(what),
            "{bad}: {}",
            run.stderr
        );
    }
}

/// The stutter of `fuzzy_cases::stutter_after_unterminated_widget_text` (BBC 中文's
/// media widget text between copies of a title): with `--strip-boilerplate` the
/// widget text is furniture, and once it is gone the copies stutter and go.
#[test]
fn widget_text_removed_then_the_stutter_goes() {
    let a = "台灣「普發現金」一萬元，民眾怎麼看？";
    let input = format!("{a}你的器材不支持播放多媒體材料音頻加註文字，{a}{a}\n");
    let out = Cleaner::new(Config {
        strip_boilerplate: true,
        ..Config::default()
    })
    .clean_text(&input, None);
    assert_eq!(out.text, "台湾「普发现金」一万元，民众怎么看？\n");
}

/// Cleaning the output again with `--strip-boilerplate` changes nothing: shapes are
/// judged on lines as tidying writes them (a footer padded with NBSP runs is judged
/// by its tidied length).
#[test]
fn stripping_is_idempotent() {
    let cleaner = Cleaner::new(Config {
        strip_boilerplate: true,
        ..Config::default()
    });
    for rel in [
        "boilerplate/163_2.naive.txt",
        "boilerplate/news_furniture.txt",
        "scraped/gamersky_gamersky.naive.txt",
        "scraped/chinatimes.naive.txt",
        "cases/boilerplate_bits.txt",
        "cases/boilerplate_page.txt",
    ] {
        let text = std::fs::read_to_string(fixture(rel)).unwrap();
        let once = cleaner.clean_text(&text, None).text;
        let twice = cleaner.clean_text(&once, None);
        assert_eq!(twice.text, once, "{rel}");
        assert!(
            twice.report.removed.is_empty(),
            "{rel}: {:?}",
            twice.report.removed
        );
    }
    let padded = "正文第一段，足够长的一句话。\n中国·某某委员会 版权所有\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}中文网址：某某委员会 英文域名：x.gov.cn\n";
    let once = cleaner.clean_text(padded, None).text;
    assert_eq!(once, "正文第一段，足够长的一句话。\n");
}

/// Without `--strip-boilerplate` the stage only counts; with `report_fields` off
/// (the CLI's choice when no `--report` is written) it is skipped and no removal's
/// digest is computed: the same text and removals but for their empty digests, the
/// count 0. With `--report` the binary still counts.
#[test]
fn the_count_is_skipped_only_when_nothing_prints_it() {
    let furniture = std::fs::read_to_string(fixture("boilerplate/news_furniture.txt")).unwrap();
    // (doubled, so that there are removals and their digests)
    let text = format!("{furniture}\n{furniture}");
    let counting = Cleaner::new(Config::default()).clean_text(&text, None);
    let skipping = Cleaner::new(Config {
        report_fields: false,
        ..Config::default()
    })
    .clean_text(&text, None);
    assert!(counting.report.boilerplate_candidates > 0);
    assert_eq!(skipping.report.boilerplate_candidates, 0);
    assert_eq!(skipping.text, counting.text);
    assert!(!counting.report.removed.is_empty());
    assert!(counting.report.removed.iter().all(|r| r.sha256.len() == 64));
    let undigested: Vec<_> = (counting.report.removed.iter().cloned())
        .map(|mut r| {
            r.sha256.clear();
            r
        })
        .collect();
    assert_eq!(skipping.report.removed, undigested);

    let dir = Dir::new();
    dir.write("in.txt", text.as_bytes());
    dir.run(
        &["-q", "--report", "r.json", "-o", "out.txt", "in.txt"],
        None,
    )
    .assert_code(0);
    let r = dir.report("r.json");
    assert_eq!(
        r.documents[0].boilerplate_candidates,
        counting.report.boilerplate_candidates
    );
}
