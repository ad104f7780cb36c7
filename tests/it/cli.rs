//! Integration tests of the command line: the real binary, run in a temporary
//! directory through `util`. Only files in the repository are read.
//!
//! Golden files: `ZHCLEAN_BLESS=1 cargo test --test it cli::` rewrites them
//! from the current binary instead of comparing. Read the diff before committing it.

use crate::util::{
    self, check_doc, check_report, decoded, fixture, fixture_txts, parse_report, Dir,
};
use std::io::Read;
use std::process::{Command, Stdio};
use zhclean::report::Summary;
use zhclean::{Cleaner, Config, KeepPolicy};

const SEED: &str = "seed/000_c23f71ea9a2bd46e.txt";
const SEED_OUT: &str = "seed/000_c23f71ea9a2bd46e.out.txt";
const SEED_REPORT: &str = "seed/000_c23f71ea9a2bd46e.report.json";

/// Compare `actual` with the golden file `rel` under fixtures/ (see `util::golden`).
fn golden(rel: &str, actual: &[u8], same: impl Fn(&[u8], &[u8]) -> bool) {
    util::golden(&fixture(rel), actual, same)
}

/// The seed, copied into `dir` under its repository path so the report's `path` is
/// the same on every machine.
fn seed_in(dir: &Dir) -> (String, Vec<u8>) {
    let bytes = std::fs::read(fixture(SEED)).expect("seed");
    let rel = format!("fixtures/{SEED}");
    dir.write(&rel, &bytes);
    (rel, bytes)
}

/// Lines of text, for readable assertions.
fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

// ---------------------------------------------------------------------------
// The seed article

#[test]
fn seed_matches_golden_output_and_report() {
    let dir = Dir::new();
    let (rel, _) = seed_in(&dir);
    let run = dir.run(&[&rel, "--report", "r.json"], None);
    run.assert_code(0);
    let report_bytes = dir.read("r.json");
    // strict parse of what the binary wrote
    let report = parse_report(&report_bytes);
    assert_eq!(report.documents[0].path.as_deref(), Some(rel.as_str()));

    golden(SEED_OUT, &run.stdout, |a, b| a == b);
    golden(SEED_REPORT, &report_bytes, |a, b| {
        // the golden file must itself follow the schema
        let _ = parse_report(a);
        let va: serde_json::Value = serde_json::from_slice(a).expect("golden json");
        let vb: serde_json::Value = serde_json::from_slice(b).expect("actual json");
        va == vb
    });
}

/// What the golden output was reviewed for, asserted independently of the golden file.
#[test]
fn seed_reads_as_one_simplified_article() {
    let dir = Dir::new();
    let (rel, _) = seed_in(&dir);
    let out = dir.run(&[&rel], None).assert_code(0).text();
    let ls = lines(&out);
    assert_eq!(
        ls.len(),
        10,
        "source, headline, 2 bullets, 6 body paragraphs:\n{out}"
    );
    assert_eq!(ls[0], "来源：中国绵阳新闻网");
    assert_eq!(
        ls[1],
        "以“钉钉子”精神推动项目落地推动集中发展区建设取得新突破"
    );
    assert!(
        ls[2].starts_with("●相比去年，今年科技城集中发展区建设任务更重"),
        "{}",
        ls[2]
    );
    assert!(ls[3].starts_with("●要坚持绿色低碳理念"), "{}", ls[3]);
    assert!(
        ls[4].starts_with("昨（5）日，市委书记、科技城党工委书记罗强"),
        "{}",
        ls[4]
    );
    assert!(ls[9].starts_with("市委常委、副市长李炜"), "{}", ls[9]);
    // each paragraph exactly once
    let mut sorted = ls.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ls.len(), "a paragraph is repeated");
    // full-width punctuation: no half-width , : ; ! ? ( ) next to Chinese text
    for (i, l) in ls.iter().enumerate() {
        let cs: Vec<char> = l.chars().collect();
        for (j, &c) in cs.iter().enumerate() {
            if matches!(c, ',' | ':' | ';' | '!' | '?' | '(' | ')') {
                let near = |k: usize| {
                    cs.get(k)
                        .is_some_and(|&x| ('\u{4E00}'..='\u{9FFF}').contains(&x))
                };
                assert!(
                    !(near(j.wrapping_sub(1)) || near(j + 1)),
                    "line {}: half-width {c:?} next to Chinese: {l}",
                    i + 1
                );
            }
        }
    }
    // the input ends without a line break, and so does the output
    assert!(!out.ends_with('\n'));
    // Simplified: cleaning the output again finds no Traditional-only character,
    // converts nothing and removes nothing
    dir.write("again.txt", &out);
    dir.run(&["again.txt", "--report", "again.json"], None)
        .assert_code(0);
    let again = dir.report("again.json");
    let d = &again.documents[0];
    assert_eq!(d.script.traditional_chars, 0);
    assert_eq!(d.script.converted_chars, 0);
    assert!(d.removed.is_empty(), "{:?}", d.removed);
}

#[test]
fn seed_report_has_the_contract_figures() {
    let dir = Dir::new();
    let (rel, bytes) = seed_in(&dir);
    dir.run(&[&rel, "--report", "r.json"], None).assert_code(0);
    let r = dir.report("r.json");
    check_report(&decoded(&bytes), &r).unwrap();
    let d = &r.documents[0];
    assert_eq!(d.chars_in, 3241);
    assert_eq!(d.chars_removed, 1601);
    assert_eq!(d.chars_out, 1640);
    assert_eq!(d.script.detected, "traditional");
    assert_eq!(d.removed.len(), 1, "{:?}", d.removed);
    let rm = &d.removed[0];
    assert_eq!(rm.kind.as_str(), "block");
    assert_eq!(rm.lines, [2, 9]);
    assert_eq!(rm.kept, [11, 18]);
    assert_eq!(rm.byte_range, [29, 4650]);
    assert_eq!(rm.char_range, [11, 1612]);
    assert_eq!(rm.chars, 1601);
    assert_eq!(rm.similarity, 1.0);
    assert_eq!(r.summary.removals_by_kind.get("block"), Some(&1));
}

#[test]
fn seed_keep_first_and_last() {
    let dir = Dir::new();
    let (rel, bytes) = seed_in(&dir);
    let input = decoded(&bytes);
    let auto = dir.run(&[&rel], None).assert_code(0).text();

    let first = dir
        .run(&[&rel, "--keep", "first", "--report", "first.json"], None)
        .assert_code(0)
        .text();
    let r = dir.report("first.json");
    check_report(&input, &r).unwrap();
    let rm = &r.documents[0].removed;
    assert_eq!(rm.len(), 1, "{rm:?}");
    assert_eq!(rm[0].lines, [11, 18]);
    assert_eq!(rm[0].kept, [2, 9]);
    let ls = lines(&first);
    assert_eq!(ls.len(), 10);
    assert_eq!(ls[0], "来源：中国绵阳新闻网");
    assert!(ls[1].starts_with("●相比去年"), "{}", ls[1]);
    assert!(ls[8].starts_with("市委常委、副市长李炜"), "{}", ls[8]);
    // the headline ends up after the body
    assert_eq!(
        ls[9],
        "以“钉钉子”精神推动项目落地推动集中发展区建设取得新突破"
    );

    let last = dir
        .run(&[&rel, "--keep", "last", "--report", "last.json"], None)
        .assert_code(0)
        .text();
    let r = dir.report("last.json");
    check_report(&input, &r).unwrap();
    let rm = &r.documents[0].removed;
    assert_eq!(rm.len(), 1, "{rm:?}");
    assert_eq!(rm[0].lines, [2, 9]);
    assert_eq!(rm[0].kept, [11, 18]);
    assert_eq!(
        last, auto,
        "for the seed, auto keeps the later copy, as last does"
    );
    assert_ne!(first, last);
}

// ---------------------------------------------------------------------------
// Clean fixtures: nothing to remove

fn clean_fixtures() -> Vec<std::path::PathBuf> {
    let v: Vec<_> = fixture_txts()
        .into_iter()
        .filter(|p| p.parent().is_some_and(|d| d.ends_with("fixtures/clean")))
        .filter(|p| !p.to_string_lossy().ends_with(".out.txt"))
        .collect();
    assert_eq!(v.len(), 30, "fixtures/clean holds 30 articles");
    v
}

#[test]
fn clean_fixtures_lose_nothing() {
    let dir = Dir::new();
    for p in clean_fixtures() {
        let ps = p.to_str().unwrap();
        dir.run(&[ps, "--report", "r.json"], None).assert_code(0);
        let r = dir.report("r.json");
        let d = &r.documents[0];
        assert!(
            d.removed.is_empty(),
            "{ps}: false positives {:#?}",
            d.removed
        );
        assert_eq!(d.chars_removed, 0, "{ps}");
        assert_eq!(d.dup_ratio, 0.0, "{ps}");
    }
}

/// With `--to keep --punct keep`, a clean article changes only where the whitespace
/// tidy has something to do (which the report counts), and then only in whitespace.
#[test]
fn clean_fixtures_untouched_without_conversion() {
    let dir = Dir::new();
    let mut identical = 0;
    for p in clean_fixtures() {
        let ps = p.to_str().unwrap();
        let input = std::fs::read(&p).unwrap();
        let run = dir.run(
            &["--to", "keep", "--punct", "keep", ps, "--report", "r.json"],
            None,
        );
        run.assert_code(0);
        let d = &dir.report("r.json").documents[0];
        assert!(d.removed.is_empty(), "{ps}");
        assert_eq!(d.script.converted_chars, 0, "{ps}");
        assert_eq!(d.normalization.punct_widened, 0, "{ps}");
        let n = serde_json::to_value(d.normalization).unwrap();
        let all_zero = n.as_object().unwrap().values().all(|v| v == 0);
        if all_zero {
            assert!(
                run.stdout == input,
                "{ps}: nothing to tidy, yet the output differs from the input"
            );
            identical += 1;
        } else {
            assert_ne!(
                run.stdout, input,
                "{ps}: the report counts changes that did not happen"
            );
            let squeeze = |b: &[u8]| -> String {
                String::from_utf8_lossy(b)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            };
            assert_eq!(
                squeeze(&run.stdout),
                squeeze(&input),
                "{ps}: more than whitespace changed"
            );
        }
    }
    // measured: 20 of the 30 need no tidying at all
    assert!(
        identical >= 20,
        "only {identical} clean fixtures came back byte for byte"
    );
}

#[test]
fn nothing_to_tidy_is_byte_identical() {
    let doc = concat!(
        "新华社北京1月5日电 记者从国家统计局获悉，2023年全国粮食总产量同比增长1.3%。\n",
        "\n",
        "\u{3000}\u{3000}专家表示：“这一成绩来之不易。”他说，种子和耕地是关键（见附表）。\n",
        "Apple 公司发布 iOS 18.2 更新，修复了 3 个问题。\n",
        "最后一段没有换行符结尾，也不应被加上。",
    );
    let dir = Dir::new();
    for args in [
        &["--to", "keep", "--punct", "keep", "--report", "r.json"][..],
        &["--report", "r.json"][..],
    ] {
        let run = dir.run(args, Some(doc.as_bytes()));
        run.assert_code(0);
        assert_eq!(run.text(), doc, "args {args:?}");
        let d = &dir.report("r.json").documents[0];
        assert!(d.removed.is_empty());
        assert_eq!(d.chars_out, d.chars_in);
    }
}

// ---------------------------------------------------------------------------
// Streams and files

const DOUBLED: &str = "第一段足够长的正文内容在这里。\n第一段足够长的正文内容在这里。\n";
const ONCE: &str = "第一段足够长的正文内容在这里。\n";

#[test]
fn stdin_to_stdout() {
    let dir = Dir::new();
    let run = dir.run(&["--report", "r.json"], Some(DOUBLED.as_bytes()));
    run.assert_code(0);
    assert_eq!(run.text(), ONCE);
    let r = dir.report("r.json");
    assert_eq!(r.documents[0].path, None, "path is null for stdin");
    check_report(DOUBLED, &r).unwrap();
    assert_eq!(r.documents[0].removed.len(), 1);
}

#[test]
fn dash_reads_stdin() {
    let dir = Dir::new();
    let run = dir.run(&["-", "--report", "r.json"], Some(DOUBLED.as_bytes()));
    run.assert_code(0);
    assert_eq!(run.text(), ONCE);
    assert_eq!(dir.report("r.json").documents[0].path, None);
}

#[test]
fn file_to_stdout_names_the_path() {
    let dir = Dir::new();
    dir.write("in.txt", DOUBLED);
    let run = dir.run(&["in.txt", "--report", "r.json"], None);
    run.assert_code(0);
    assert_eq!(run.text(), ONCE);
    assert_eq!(
        dir.report("r.json").documents[0].path.as_deref(),
        Some("in.txt")
    );
}

#[test]
fn output_file_is_written_atomically() {
    let dir = Dir::new();
    dir.write("in.txt", DOUBLED);
    dir.write(
        "out.txt",
        "old content that must be replaced entirely\n".repeat(50),
    );
    let run = dir.run(&["in.txt", "-o", "out.txt"], None);
    run.assert_code(0);
    assert!(run.stdout.is_empty(), "with -o nothing goes to stdout");
    assert_eq!(dir.read("out.txt"), ONCE.as_bytes());
    assert_eq!(
        dir.entries(),
        ["in.txt", "out.txt"],
        "temporary files left behind"
    );
    // and into a file that does not exist yet, in a subdirectory
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    dir.run(&["in.txt", "--output", "sub/new.txt"], None)
        .assert_code(0);
    assert_eq!(dir.read("sub/new.txt"), ONCE.as_bytes());
    let sub: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
    assert_eq!(sub.len(), 1);
}

#[test]
fn output_naming_the_input_is_refused() {
    let dir = Dir::new();
    dir.write("in.txt", DOUBLED);
    for out in ["in.txt", "./in.txt"] {
        let run = dir.run(&["in.txt", "-o", out], None);
        run.assert_code(2);
        assert!(
            run.stderr.contains(out),
            "message names the file: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
        assert_eq!(dir.read("in.txt"), DOUBLED.as_bytes(), "input touched");
    }
    // a report must not overwrite the input either
    let run = dir.run(&["in.txt", "--report", "in.txt"], None);
    run.assert_code(2);
    assert!(run.stderr.contains("in.txt"), "{}", run.stderr);
    assert_eq!(dir.read("in.txt"), DOUBLED.as_bytes(), "input touched");
    assert_eq!(dir.entries(), ["in.txt"]);
}

#[test]
fn report_naming_the_input_message_names_report() {
    let dir = Dir::new();
    dir.write("in.txt", DOUBLED);
    let run = dir.run(&["in.txt", "--report", "in.txt"], None);
    run.assert_code(2);
    assert!(run.stderr.contains("--report"), "{}", run.stderr);
    assert!(!run.stderr.contains("-o;"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_is_an_error_and_writes_nothing() {
    let dir = Dir::new();
    dir.write("bad.txt", b"ab\xffcd");
    let run = dir.run(&["bad.txt", "-o", "out.txt", "--report", "r.json"], None);
    run.assert_code(2);
    assert!(run.stderr.contains("bad.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("byte offset 2"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_eq!(dir.entries(), ["bad.txt"], "nothing may be written");

    // stdin: named as such
    let run = dir.run(&[], Some(b"ab\xffcd"));
    run.assert_code(2);
    assert!(run.stderr.contains("<stdin>"), "{}", run.stderr);
    assert!(run.stderr.contains("byte offset 2"), "{}", run.stderr);
    assert!(run.stdout.is_empty());

    // after a BOM the offset is still one of the bytes as given
    dir.write("bom.txt", b"\xEF\xBB\xBF\xE4\xB8\xAD\xE4\xB8");
    let run = dir.run(&["bom.txt"], None);
    run.assert_code(2);
    assert!(run.stderr.contains("byte offset 6"), "{}", run.stderr);
}

#[test]
fn bom_is_dropped_and_offsets_exclude_it() {
    let body = "第一段足够长的正文内容在这里。\n第一段足够长的正文内容在这里。\n";
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(body.as_bytes());
    let dir = Dir::new();
    let run = dir.run(&["--report", "r.json"], Some(&input));
    run.assert_code(0);
    assert_eq!(run.text(), ONCE, "no BOM in the output, one copy");
    let r = dir.report("r.json");
    let d = &r.documents[0];
    assert!(d.bom);
    assert_eq!(d.encoding, "utf-8");
    check_report(body, &r).unwrap();
    let half = body.len() / 2;
    assert_eq!(d.removed[0].byte_range, [half, body.len()]);
    assert_eq!(d.removed[0].lines, [2, 2]);
    assert_eq!(d.chars_in, body.chars().count());
}

fn doubled_with_headline(eol: &str) -> String {
    let a = "第一段很长的正文内容在这里。";
    let b = "第二段同样很长的正文内容。";
    ["来源：某网", a, b, "标题在这里", a, b]
        .iter()
        .map(|l| format!("{l}{eol}"))
        .collect()
}

#[test]
fn crlf_and_cr_become_lf_with_correct_line_numbers() {
    let dir = Dir::new();
    let lf = dir.run(&[], Some(doubled_with_headline("\n").as_bytes()));
    lf.assert_code(0);
    let expected =
        "来源：某网\n标题在这里\n第一段很长的正文内容在这里。\n第二段同样很长的正文内容。\n";
    assert_eq!(lf.text(), expected);
    for eol in ["\r\n", "\r"] {
        let input = doubled_with_headline(eol);
        let run = dir.run(&["--report", "r.json"], Some(input.as_bytes()));
        run.assert_code(0);
        assert_eq!(run.text(), expected, "eol {eol:?}");
        let r = dir.report("r.json");
        check_report(&input, &r).unwrap();
        let d = &r.documents[0];
        assert_eq!(d.removed.len(), 1, "{:?}", d.removed);
        let rm = &d.removed[0];
        assert_eq!(rm.lines, [2, 3], "eol {eol:?}");
        assert_eq!(rm.kept, [5, 6], "eol {eol:?}");
        let start = input.find('第').unwrap();
        let end = input.find("标题").unwrap();
        assert_eq!(rm.byte_range, [start, end], "eol {eol:?}");
        assert_eq!(
            d.normalization.line_ends_normalized, 4,
            "eol {eol:?}: 4 lines remain"
        );
    }
}

#[test]
fn closed_stdout_is_success() {
    let dir = Dir::new();
    // about 1.2 MB of distinct lines: more than a pipe holds (64 KiB by default, at
    // most 1 MiB unprivileged, /proc/sys/fs/pipe-max-size), so the writer meets the
    // closed pipe (6 MB before: 6.5 s of CPU in the debug binary for the same check)
    let mut big = String::new();
    for i in 0..25_000 {
        big.push_str(&format!("第{i}段内容,编号{i}号的新闻正文。\n"));
    }
    dir.write("big.txt", &big);
    let mut child = Command::new(crate::util::BIN)
        .arg("big.txt")
        .current_dir(dir.path())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = [0u8; 10];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout); // like `| head -c 10`
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(&head[..7], "第0段".as_bytes());
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("broken pipe"), "{stderr}");
}

#[test]
fn directory_path_is_a_clear_error() {
    let dir = Dir::new();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    let run = dir.run(&["articles"], None);
    run.assert_code(2);
    assert!(run.stderr.contains("articles"), "{}", run.stderr);
    assert!(run.stderr.contains("directory"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn missing_file_is_an_error() {
    let dir = Dir::new();
    let run = dir.run(&["nope.txt", "-o", "out.txt"], None);
    run.assert_code(2);
    assert!(run.stderr.contains("nope.txt"), "{}", run.stderr);
    assert_eq!(dir.entries(), Vec::<String>::new());
}

#[test]
fn bad_option_value_is_a_usage_error() {
    let dir = Dir::new();
    let run = dir.run(&["--to", "zh-xx"], Some(b"x"));
    run.assert_code(2);
    assert!(run.stdout.is_empty());
}

// ---------------------------------------------------------------------------
// The report's conservation law on every fixture

/// The conservation law on every fixture text under each keep policy, two ways: in
/// process through `Cleaner::clean_bytes` (what the one-file command runs, so the
/// same report), and end to end as one batch run of the binary per policy over a copy
/// of the same files, its report parsed strictly and each written file checked
/// against its `chars_out`. (One process per file and policy, 630 of them, took 13 s
/// of the suite's 20.)
#[test]
fn conservation_law_on_every_fixture() {
    let files = fixture_txts();
    assert!(
        files.len() >= 44,
        "found only {} fixture texts",
        files.len()
    );
    let root = crate::util::repo().join("fixtures");
    let dir = Dir::new();
    for p in &files {
        let rel = p.strip_prefix(&root).unwrap().to_str().unwrap();
        dir.write(&format!("in/{rel}"), std::fs::read(p).unwrap());
    }
    let mut removals = 0;
    for (keep, policy) in [
        ("auto", KeepPolicy::Auto),
        ("first", KeepPolicy::First),
        ("last", KeepPolicy::Last),
    ] {
        // in process
        let cleaner = Cleaner::new(Config {
            keep: policy,
            ..Config::default()
        });
        for p in &files {
            let ps = p.to_str().unwrap();
            let bytes = std::fs::read(p).unwrap();
            let input = decoded(&bytes);
            let c = cleaner
                .clean_bytes(bytes, Some(p))
                .unwrap_or_else(|e| panic!("{ps}: {e}"));
            if let Err(e) = check_doc(&input, &c.report) {
                panic!("{ps} --keep {keep}: {e}");
            }
            assert_eq!(
                c.report.chars_out,
                c.text.chars().count(),
                "{ps}: chars_out"
            );
            removals += c.report.removed.len();
        }
        // the binary, all files in one batch run
        let out = format!("out-{keep}");
        let run = dir.run(
            &[
                "in",
                "--out-dir",
                &out,
                "--keep",
                keep,
                "--report",
                "r.json",
            ],
            None,
        );
        run.assert_code(0);
        let r = dir.report("r.json");
        assert_eq!(r.documents.len(), files.len(), "--keep {keep}: documents");
        let mut sum = Summary::default();
        for d in &r.documents {
            let path = d.path.as_deref().expect("a path");
            let rel = path.strip_prefix("in/").unwrap_or_else(|| panic!("{path}"));
            let input = decoded(&dir.read(&format!("in/{rel}")));
            if let Err(e) = check_doc(&input, d) {
                panic!("{path} --keep {keep} (batch): {e}");
            }
            let written = String::from_utf8(dir.read(&format!("{out}/{rel}"))).unwrap();
            assert_eq!(d.chars_out, written.chars().count(), "{path}: chars_out");
            sum.add(d);
        }
        let s = &r.summary;
        assert_eq!(
            (s.documents, s.chars_in, s.chars_removed, s.chars_out),
            (
                sum.documents,
                sum.chars_in,
                sum.chars_removed,
                sum.chars_out
            ),
            "--keep {keep}: the summary adds up the documents"
        );
        assert_eq!(s.removals_by_kind, sum.removals_by_kind, "--keep {keep}");
    }
    assert!(removals > 0, "the messy fixtures must exercise removals");
}

#[test]
fn messy_doubled_blocks_are_found() {
    let dir = Dir::new();
    for (f, lines, kept) in [
        (
            "messy/doubled_blocks/rss_zh_news__rss001359.txt",
            [28, 53],
            [1, 26],
        ),
        (
            "messy/doubled_blocks/rss_zh_news__rss001367.txt",
            [13, 21],
            [1, 9],
        ),
    ] {
        let p = fixture(f);
        dir.run(&[p.to_str().unwrap(), "--report", "r.json"], None)
            .assert_code(0);
        let d = &dir.report("r.json").documents[0];
        assert_eq!(d.removed.len(), 1, "{f}: {:?}", d.removed);
        assert_eq!(d.removed[0].kind.as_str(), "block", "{f}");
        assert_eq!(d.removed[0].lines, lines, "{f}");
        assert_eq!(d.removed[0].kept, kept, "{f}");
    }
}

// ---------------------------------------------------------------------------
// Bugs found while writing these tests (see the report that came with them)

// Repeated last paragraph without a final line break. Until d2e5ea3 these panicked
// in `clean::cut` ("begin > end"); since then the text is right but the report's
// byte ranges overlap by the line break between the two removals.

/// A paragraph that occurs three times in a text without a final line break.
#[test]
fn triple_paragraph_without_final_newline() {
    let a = "一段足够长的重复段落文字。";
    let input = format!("{a}\n{a}\n{a}");
    let dir = Dir::new();
    let run = dir.run(&["--report", "r.json"], Some(input.as_bytes()));
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.assert_code(0);
    assert_eq!(run.text(), a);
    check_report(&input, &dir.report("r.json")).unwrap();
}

/// Two separate paragraph removals, the second one the last paragraph (no final break).
/// (Issue 11: a lone line repeated far from its copy stays, so both repeats stutter.)
#[test]
fn two_paragraph_removals_at_the_end_without_final_newline() {
    let a = "这是第一段足够长的正文内容。";
    let x = "中间插入的另外一段文字内容。";
    let b = "这是第二段同样足够长的正文。";
    let input = format!("{a}\n{a}\n{x}\n{b}\n{b}");
    let dir = Dir::new();
    let run = dir.run(&["--report", "r.json"], Some(input.as_bytes()));
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.assert_code(0);
    assert_eq!(run.text(), format!("{a}\n{x}\n{b}"));
    check_report(&input, &dir.report("r.json")).unwrap();
}

/// A paragraph removed as a whole by sentence detection, followed by a last paragraph
/// removed as a repeat (no final break).
#[test]
fn sentence_paragraph_then_last_paragraph_without_final_newline() {
    // a lead line directly followed by the body opening with it loses the lead (a
    // whole paragraph, by sentence detection); the last line stutters (issue 11: a
    // lone repeat far from its copy stays)
    let s = "国家统计局今天发布的数据显示全国粮食总产量再创新高。";
    let x = "中间插入的另外一段文字内容。";
    let input = format!("{s}\n{s}另外的一句话也足够长吧。\n{x}\n{x}");
    let dir = Dir::new();
    let run = dir.run(&["--report", "r.json"], Some(input.as_bytes()));
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.assert_code(0);
    assert_eq!(run.text(), format!("{s}另外的一句话也足够长吧。\n{x}"));
    check_report(&input, &dir.report("r.json")).unwrap();
}

/// A body copied three times with a heading before each later copy: `auto` keeps the
/// later copy each time, and the first removal's `kept` names lines that the second
/// removal removes.
#[test]
fn kept_copy_survives() {
    let x = "第一段足够长的正文内容在这里。";
    let y = "第二段同样很长的正文内容呀。";
    let input = format!("{x}\n{y}\n标题一\n{x}\n{y}\n标题二\n{x}\n{y}\n");
    let dir = Dir::new();
    let run = dir.run(&["--report", "r.json"], Some(input.as_bytes()));
    run.assert_code(0);
    assert_eq!(run.text(), format!("标题一\n标题二\n{x}\n{y}\n"));
    let r = dir.report("r.json");
    check_report(&input, &r).unwrap();
    let d = &r.documents[0];
    for (i, rm) in d.removed.iter().enumerate() {
        let [k0, k1] = rm.kept_byte_range;
        for other in &d.removed {
            let [b0, b1] = other.byte_range;
            assert!(
                !(b0 <= k0 && k1 <= b1),
                "removal {i} (lines {:?}) keeps lines {:?}, which removal {:?} removes",
                rm.lines,
                rm.kept,
                other.lines
            );
        }
    }
}

/// `-o F --report F` sends two outputs to one file; the report is silently lost.
#[test]
fn output_and_report_to_the_same_file_is_refused() {
    let dir = Dir::new();
    let run = dir.run(
        &["-o", "same.txt", "--report", "same.txt"],
        Some(DOUBLED.as_bytes()),
    );
    run.assert_code(2);
    assert!(run.stderr.contains("same.txt"), "{}", run.stderr);
}

#[test]
fn empty_and_blank_inputs() {
    let dir = Dir::new();
    for input in ["", "\n\n\n", " \r\n\t\n"] {
        let run = dir.run(&["--report", "r.json"], Some(input.as_bytes()));
        run.assert_code(0);
        assert_eq!(run.text(), "", "{input:?}");
        let r = dir.report("r.json");
        check_report(input, &r).unwrap();
        assert!(r.documents[0].removed.is_empty());
        assert_eq!(r.documents[0].dup_ratio, 0.0);
    }
}
