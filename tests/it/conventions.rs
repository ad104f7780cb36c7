//! Command-line conventions (issue 12): `-` is stdout for `-o`, `--report` and
//! `--summary-md` (and two outputs on stdout are refused); BCP 47 and OpenCC names for
//! `--to`; `--cross-doc PATH` explains `=`; `--window` sizes with K, M, G; a file as `--out-dir` is one error; hidden
//! files are mentioned only when the glob would take them; the default glob ignores
//! case; `--check` reads one document from stdin; a JSONL run whose reader stops early
//! still writes its report and says where it stopped.

use crate::util::{fixture, parse_report, read_fixture, Dir, BIN};
use std::io::Read;
use std::process::{Command, Stdio};

const SEED: &str = "seed/000_c23f71ea9a2bd46e.txt";

#[test]
fn dash_is_stdout_for_every_output() {
    let d = Dir::new();
    let seed = fixture(SEED);
    let seed = seed.to_str().unwrap();
    let plain = d.run(&[seed], None);
    plain.assert_code(0);
    let r = d.run(&[seed, "-o", "-"], None);
    r.assert_code(0);
    assert_eq!(r.stdout, plain.stdout);
    assert!(!d.exists("-"), "no file named -");
    // the report on stdout, the text to a file
    let r = d.run(&[seed, "-o", "clean.txt", "--report", "-"], None);
    r.assert_code(0);
    let rep = parse_report(&r.stdout);
    assert!(rep.documents[0].chars_removed > 0);
    assert_eq!(d.read("clean.txt"), plain.stdout);
    // JSONL: -o - and --summary-md -
    let corpus = fixture("corpus/corpus.jsonl");
    let corpus = corpus.to_str().unwrap();
    let r = d.run(&["--jsonl", corpus, "-o", "-"], None);
    r.assert_code(0);
    assert_eq!(r.text().lines().count(), 8);
    let r = d.run(
        &["--check", "--jsonl", corpus, "--summary-md", "-", "-q"],
        None,
    );
    r.assert_code(1);
    assert!(r.text().contains("| "), "a Markdown table: {}", r.text());
    assert!(!d.exists("-"));
    // two outputs on stdout: refused before anything is read
    let r = d.run(&[seed, "--report", "-"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("would all write to stdout"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn to_takes_bcp47_and_opencc_names() {
    let d = Dir::new();
    let text = "软件和网络的信息。".as_bytes();
    let run = |to: &str| {
        let r = d.run(&["--to", to], Some(text));
        r.assert_code(0);
        r.text()
    };
    assert_eq!(run("zh-CN"), run("zh-hans"));
    assert_eq!(run("zh-Hans"), run("zh-hans"));
    assert_eq!(run("zh-TW"), run("zh-tw"));
    assert_eq!(run("zh-Hant"), run("zh-hant"));
    assert_eq!(run("ZH-HK"), run("zh-hk"));
    assert_eq!(run("s2t"), run("zh-hant"));
    // s2twp is zh-tw with Taiwan phrases
    let twp = run("s2twp");
    let r = d.run(&["--to", "zh-tw", "--phrases"], Some(text));
    assert_eq!(twp, r.text());
    assert!(twp.contains("軟體"), "{twp}");
    // refused clearly, with the nearest
    let r = d.run(&["--to", "tw2s"], Some(text));
    r.assert_code(2);
    assert!(r.stderr.contains("nearest is --to zh-hans"), "{}", r.stderr);
    let r = d.run(&["--to", "zh-hnat"], Some(text));
    r.assert_code(2);
    assert!(r.stderr.contains("did you mean zh-hant"), "{}", r.stderr);
}

/// `--to`'s parser, `zhclean::config::target_from_name` (the binary maps its `Target`
/// one to one onto `--to`'s values): BCP 47 tags, OpenCC names, refusals with the
/// nearest name. (A unit test of the binary before; moved here so `cargo test` does not
/// build the binary a second time as a test.)
#[test]
fn to_names_map_to_targets() {
    use zhclean::config::target_from_name;
    use zhclean::Target;
    for (name, want, phrases) in [
        ("zh-CN", Target::ZhHans, false),
        ("zh-Hans", Target::ZhHans, false),
        ("ZH-HANS", Target::ZhHans, false),
        ("zh-Hant", Target::ZhHant, false),
        ("zh-TW", Target::ZhTw, false),
        ("zh_TW", Target::ZhTw, false),
        ("zh-HK", Target::ZhHk, false),
        ("zh-MO", Target::ZhHk, false),
        ("zh-SG", Target::ZhHans, false),
        ("zh-Hant-TW", Target::ZhTw, false),
        ("zh-Hant-MO", Target::ZhHant, false),
        ("t2s", Target::ZhHans, false),
        ("s2t.json", Target::ZhHant, false),
        ("s2twp", Target::ZhTw, true),
        ("S2HK", Target::ZhHk, false),
        ("keep", Target::Keep, false),
    ] {
        let got = target_from_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, (want, phrases), "{name}");
    }
    let e = target_from_name("tw2s").unwrap_err();
    assert!(e.contains("nearest is --to zh-hans"), "{e}");
    let e = target_from_name("zh-hnas").unwrap_err();
    assert!(e.contains("did you mean zh-hans"), "{e}");
    assert!(target_from_name("fr").is_err());
}

/// `--cross-doc`'s mode ignores case; a value that looks like a path (a `/`, a `.`, or
/// an existing name) is explained; anything else names the two modes.
#[test]
fn cross_doc_mode_ignores_case_and_explains_paths() {
    let d = Dir::new();
    d.write("news/a.txt", "一段。\n");
    d.run(&["--check", "--cross-doc=DROP", "news/"], None)
        .assert_code(0);
    d.run(&["--check", "--cross-doc=Report", "news/"], None)
        .assert_code(0);
    for (mode, hint) in [
        ("news", "--cross-doc=report news"),
        ("a.jsonl", "--cross-doc=report a.jsonl"),
    ] {
        let r = d.run(&["--check", "--cross-doc", mode, "news/"], None);
        r.assert_code(2);
        assert!(r.stderr.contains(hint), "{mode}: {}", r.stderr);
    }
    let r = d.run(&["--check", "--cross-doc=keep", "news/"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("the mode is report or drop") && !r.stderr.contains("looks like a path"),
        "{}",
        r.stderr
    );
}

/// `--window SIZE`: bytes, or K, M, G (powers of 1024, either case). The size is read
/// back from the message `--html` gives for an input longer than the window, and G
/// from where it overflows 64 bits (2^34 - 1 G fits, 2^34 G does not).
#[test]
fn window_sizes_take_binary_suffixes() {
    let d = Dir::new();
    // one line of 300,000 bytes: longer than a quarter of a 1 MiB window
    d.write("long.txt", "一".repeat(100_000));
    let window = |size: &str| {
        let arg = format!("--window={size}");
        d.run(
            &[&arg, "--html", "r.html", "long.txt", "-o", "o.txt", "-q"],
            None,
        )
    };
    for (size, bytes) in [("123", 123), ("64K", 64 << 10), ("1m", 1 << 20)] {
        let r = window(size);
        r.assert_code(2);
        let said = format!("larger than --window {bytes} bytes");
        assert!(r.stderr.contains(&said), "{size}: {}", r.stderr);
    }
    // 0 is no window: the page is written
    window("0").assert_code(0);
    assert!(d.exists("r.html"));
    for size in ["32M", "1g", "17179869183G"] {
        window(size).assert_code(0);
    }
    for (size, why) in [
        ("17179869184G", "is too large"),
        ("12X", "the suffix is K, M or G"),
        ("M", "is not a size such as 32M"),
        ("-1", "is not a size such as 32M"),
    ] {
        let r = window(size);
        r.assert_code(2);
        assert!(r.stderr.contains(why), "{size}: {}", r.stderr);
    }
}

#[test]
fn cross_doc_with_a_path_suggests_equals() {
    let d = Dir::new();
    d.write("news/a.txt", "一段。\n");
    let r = d.run(&["--check", "--cross-doc", "news/"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("--cross-doc=report news/"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_file_as_out_dir_is_one_error() {
    let d = Dir::new();
    for i in 0..5 {
        d.write(&format!("in/{i}.txt"), "一段文字。\n");
    }
    d.write("taken", "x");
    let r = d.run(&["in", "--out-dir", "taken"], None);
    r.assert_code(2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("is a file, not a folder"), "{}", r.stderr);
}

#[test]
fn hidden_files_are_mentioned_only_when_the_glob_takes_them() {
    let d = Dir::new();
    d.write("in/a.txt", "一段文字。\n");
    d.write("in/.DS_Store", "x");
    d.write("in/.git/config", "x");
    d.write("in/.draft.txt", "一段文字。\n");
    d.write("in/.old/b.txt", "一段文字。\n");
    d.write("in/C.TXT", "一段文字。\n");
    let r = d.run(&["--check", "in", "--report", "r.json"], None);
    r.assert_code(0);
    assert!(r.stderr.contains(".draft.txt"), "{}", r.stderr);
    assert!(r.stderr.contains(".old"), "{}", r.stderr);
    assert!(!r.stderr.contains(".DS_Store"), "{}", r.stderr);
    assert!(!r.stderr.contains(".git"), "{}", r.stderr);
    // *.TXT is taken by the default glob
    let rep = d.report("r.json");
    let paths: Vec<String> = rep
        .documents
        .iter()
        .map(|x| x.path.clone().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("C.TXT")), "{paths:?}");
    assert_eq!(paths.len(), 2);
}

#[test]
fn check_reads_one_document_from_stdin() {
    let d = Dir::new();
    let seed = read_fixture(SEED);
    let r = d.run(&["--check", "--max-dup-ratio", "0.05"], Some(&seed));
    r.assert_code(1);
    let r = d.run(
        &["--check", "-", "--report", "r.json"],
        Some("一段文字，没有重复。\n".as_bytes()),
    );
    r.assert_code(0);
    let rep = d.report("r.json");
    assert_eq!(rep.documents.len(), 1);
    assert_eq!(rep.documents[0].path, None);
}

/// A CI step whose glob expands to nothing runs `zhclean --check` with stdin at
/// `/dev/null`: that is a usage error saying so, not a pass on empty input. Naming
/// `-` still reads whatever stdin is.
#[test]
fn check_without_paths_and_nothing_on_stdin_is_an_error() {
    let d = Dir::new();
    let out = Command::new(BIN)
        .arg("--check")
        .current_dir(d.path())
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did a glob expand to nothing"), "{err}");
    let out = Command::new(BIN)
        .args(["--check", "-"])
        .current_dir(d.path())
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn jsonl_cut_short_by_its_reader_still_writes_its_report() {
    let d = Dir::new();
    let one = read_fixture("corpus/corpus.jsonl");
    let big: Vec<u8> = one.repeat(150); // 1,200 records, 2.9 MB: more than a pipe holds
    let input = d.write("big.jsonl", &big);
    let mut child = Command::new(BIN)
        .args([
            "--jsonl",
            input.to_str().unwrap(),
            "-j",
            "1",
            "--report",
            "r.json",
        ])
        .current_dir(d.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = vec![0u8; 1000];
    out.read_exact(&mut first).unwrap();
    drop(out); // like `| head -c 1000`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.contains("stdout was closed by its reader"), "{err}");
    let rep = d.report("r.json");
    assert!(!rep.documents.is_empty() && rep.documents.len() < 1200);
    assert!(rep.skipped[0].message.contains("stdout was closed"));
}
