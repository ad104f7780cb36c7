//! Batch mode on folder trees: the walk (nested folders, hidden files, a symbolic-link
//! loop, a dangling link, a FIFO, a binary and a non-UTF-8 file), mirroring under
//! `--out-dir`, `--in-place` with backups, duplicates across files, `--check` with
//! GitHub annotations and a Markdown summary, `-j 1` against `-j 2`, and stopping:
//! Ctrl-C and SIGKILL in the middle of an `--in-place` run.
//!
//! The trees are built by the tests from `fixtures/` (nothing here needs `../shared`).
//! The tests run as root, where `chmod 000` does not stop a read, so the unreadable
//! input is a dangling symbolic link named `gone.txt`.

use crate::util::{check_doc, fixture, parse_report, run_in, Dir, BIN};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "seed/000_c23f71ea9a2bd46e.txt";

fn seed() -> Vec<u8> {
    std::fs::read(fixture(SEED)).unwrap()
}

fn clean_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(&format!("clean/{name}"))).unwrap()
}

/// What the single-document mode makes of `bytes` (the reference for batch output).
fn cleaned(bytes: &[u8]) -> Vec<u8> {
    let d = Dir::new();
    let r = d.run(&["--encoding", "utf-8"], Some(bytes));
    r.assert_code(0);
    r.stdout
}

/// Every file below `root`, by relative path (hidden ones included).
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        // a run may be renaming files meanwhile: what vanishes is passed over
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(m) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if m.is_dir() {
                walk(root, &p, out);
            } else if m.is_file() {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                if let Ok(bytes) = std::fs::read(&p) {
                    out.insert(rel, bytes);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    if root.exists() {
        walk(root, root, &mut out);
    }
    out
}

fn temps(root: &Path) -> Vec<String> {
    tree(root)
        .into_keys()
        .filter(|k| k.rsplit('/').next().unwrap().starts_with(".zhclean-"))
        .collect()
}

/// The folder tree of the main test.
fn messy_tree(d: &Dir) {
    let tw = clean_fixture("tw_news__tw00021.txt");
    let rss = clean_fixture("rss_zh_news__rss001170.txt");
    d.write("in/a/seed.txt", seed());
    d.write("in/a/b/c/deep.txt", &rss);
    d.write("in/a/b/tw.txt", &tw);
    d.write("in/copy.md", &tw); // the same article again: a cross-document duplicate
    d.write("in/latin1.txt", b"caf\xe9 au lait\n"); // not UTF-8
    d.write("in/img.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"); // binary
    d.write("in/.hidden.txt", "隐藏文件");
    d.write("in/.git/config.txt", "x");
    d.write("in/notes.json", "{}"); // not taken by the default globs
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", d.path().join("in/a/b/loop")).unwrap();
        std::os::unix::fs::symlink("nowhere.txt", d.path().join("in/gone.txt")).unwrap();
        let fifo = d.path().join("in/pipe.txt");
        let ok = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "mkfifo");
    }
}

#[test]
fn folder_tree_is_mirrored_and_problems_are_reported() {
    let d = Dir::new();
    messy_tree(&d);
    let r = d.run(
        &[
            "in",
            "--out-dir",
            "out",
            "--report",
            "r.json",
            "--cross-doc",
            "--encoding",
            "utf-8",
            "-j",
            "2",
        ],
        None,
    );
    r.assert_code(2); // the dangling link and the Latin-1 file
    let out = tree(&d.path().join("out"));
    let names: Vec<&str> = out.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["a/b/c/deep.txt", "a/b/tw.txt", "a/seed.txt", "copy.md"]
    );
    for (rel, input) in [
        ("a/seed.txt", "in/a/seed.txt"),
        ("a/b/tw.txt", "in/a/b/tw.txt"),
        ("copy.md", "in/copy.md"),
    ] {
        assert_eq!(out[rel], cleaned(&d.read(input)), "{rel}");
    }
    for what in [
        "in/gone.txt: cannot read",
        "in/latin1.txt: invalid",
        "in/img.txt: looks binary",
        "in/a/b/loop: symbolic link loop",
        "in/.hidden.txt: hidden",
        "in/.git: hidden",
        "in/pipe.txt: not a regular file",
    ] {
        assert!(
            r.stderr.contains(what),
            "stderr lacks {what:?}:\n{}",
            r.stderr
        );
    }

    let rep = d.report("r.json");
    let paths: Vec<&str> = rep
        .documents
        .iter()
        .map(|x| x.path.as_deref().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "in/a/b/c/deep.txt",
            "in/a/b/tw.txt",
            "in/a/seed.txt",
            "in/copy.md"
        ]
    );
    for doc in &rep.documents {
        let input = crate::util::decoded(&d.read(doc.path.as_deref().unwrap()));
        check_doc(&input, doc).unwrap_or_else(|e| panic!("{:?}: {e}", doc.path));
    }
    let err_paths: Vec<&str> = rep
        .errors
        .iter()
        .map(|e| e.path.as_deref().unwrap())
        .collect();
    assert_eq!(err_paths, ["in/gone.txt", "in/latin1.txt"]);
    assert_eq!(rep.skipped.len(), 5, "{:#?}", rep.skipped);
    assert_eq!((rep.summary.errors, rep.summary.skipped), (2, 5));
    assert_eq!(rep.summary.documents, 4);

    // the seed's doubled body is a block; the copy of tw.txt is a cross-document run
    let seed_doc = &rep.documents[2];
    assert_eq!(seed_doc.removed[0].kind.as_str(), "block");
    let copy = &rep.documents[3];
    assert_eq!(copy.cross_document.len(), 1, "{:#?}", copy.cross_document);
    let c = &copy.cross_document[0];
    assert_eq!(c.kind.as_str(), "cross_document");
    assert_eq!(c.first.document, 1);
    assert_eq!(c.first.path.as_deref(), Some("in/a/b/tw.txt"));
    assert_eq!(c.first_line, c.lines[0]);
    assert!(copy.cross_doc_chars > 0);
    assert_eq!(
        copy.chars_removed, 0,
        "cross-document runs are reported, not removed"
    );
    let top = &rep.summary.top_paragraphs;
    assert!(
        !top.is_empty() && top.iter().all(|p| p.count == 2),
        "{top:#?}"
    );
    assert!(temps(d.path()).is_empty());
}

#[test]
fn parallel_and_sequential_runs_are_byte_identical() {
    let d = Dir::new();
    messy_tree(&d);
    for f in std::fs::read_dir(fixture("clean")).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).unwrap();
            d.write(&format!("in/more/{name}"), &bytes);
            d.write(&format!("in/again/{name}"), &bytes);
        }
    }
    let mut runs = Vec::new();
    for j in ["1", "2", "3"] {
        let out = format!("out{j}");
        let rep = format!("r{j}.json");
        let r = d.run(
            &[
                "in",
                "--out-dir",
                &out,
                "--report",
                &rep,
                "--cross-doc=drop",
                "--encoding",
                "utf-8",
                "-j",
                j,
            ],
            None,
        );
        r.assert_code(2);
        runs.push((tree(&d.path().join(&out)), d.read(&rep), r.stderr));
    }
    assert_eq!(runs[0].0, runs[1].0, "-j 1 and -j 2 outputs differ");
    assert_eq!(runs[0].1, runs[1].1, "-j 1 and -j 2 reports differ");
    assert_eq!(runs[0].2, runs[1].2, "-j 1 and -j 2 messages differ");
    assert_eq!(runs[1].0, runs[2].0);
    assert_eq!(runs[1].1, runs[2].1);
    let rep = parse_report(&runs[0].1);
    // walk order: a/…, again/…, copy.md, more/…; every later copy of an article is
    // dropped in favour of the first: more/* (30), and again/ and copy.md copies of
    // a/b/tw.txt and a/b/c/deep.txt
    let cross = rep.summary.cross_document.as_ref().unwrap();
    assert_eq!(cross.documents_dropped, 33, "{:#?}", rep.clusters);
    assert_eq!(cross.clusters, 30);
    for c in &rep.clusters {
        assert!(c
            .dropped
            .iter()
            .all(|m| m.document > c.kept.document && m.similarity == 1.0));
    }
    let tw = rep
        .clusters
        .iter()
        .find(|c| c.kept.path.as_deref() == Some("in/a/b/tw.txt"))
        .unwrap();
    let names: Vec<_> = tw.dropped.iter().map(|m| m.path.clone().unwrap()).collect();
    assert_eq!(
        names,
        [
            "in/again/tw_news__tw00021.txt",
            "in/copy.md",
            "in/more/tw_news__tw00021.txt"
        ]
    );
    assert!(!runs[0].0.keys().any(|k| k.starts_with("more/")));
    assert_eq!(
        runs[0].0.keys().filter(|k| k.starts_with("again/")).count(),
        28
    );
    assert!(!runs[0].0.contains_key("copy.md"));
}

#[test]
fn out_dir_inside_the_input_is_refused() {
    let d = Dir::new();
    d.write("in/a.txt", seed());
    let r = d.run(&["in", "--out-dir", "in/clean"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("inside the input folder"), "{}", r.stderr);
    assert!(!d.exists("in/clean"));
    let r = d.run(&["in"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains(
            "in: is a directory; a folder is cleaned with --out-dir DIR, --in-place, or --check"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_failed_write_is_reported_and_the_rest_is_written() {
    let d = Dir::new();
    d.write("in/a/x.txt", seed());
    d.write("in/b.txt", seed());
    d.write("out/a", "a file where the folder a/ should go");
    let r = d.run(&["in", "--out-dir", "out", "-q"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("out/a"), "{}", r.stderr);
    assert_eq!(d.read("out/b.txt"), cleaned(&seed()));
    assert!(temps(d.path()).is_empty());
}

#[test]
fn globs_choose_files_and_explicit_files_are_always_taken() {
    let d = Dir::new();
    d.write("in/a.txt", seed());
    d.write("in/b.log", seed());
    d.write("in/sub/c.log", seed());
    let r = d.run(&["in", "--glob", "*.log", "--check", "-q"], None);
    r.assert_code(1);
    let r = d.run(
        &[
            "in",
            "--glob",
            "sub/*.log",
            "--check",
            "--max-dup-ratio",
            "1",
            "--report",
            "r.json",
        ],
        None,
    );
    r.assert_code(0);
    let rep = d.report("r.json");
    let paths: Vec<_> = rep
        .documents
        .iter()
        .map(|x| x.path.clone().unwrap())
        .collect();
    assert_eq!(paths, ["in/sub/c.log"]);
    let r = d.run(
        &[
            "in/b.log",
            "--check",
            "--max-dup-ratio",
            "1",
            "--report",
            "r.json",
        ],
        None,
    );
    r.assert_code(0);
    assert_eq!(d.report("r.json").documents.len(), 1);
}

#[test]
fn check_exit_codes_annotations_and_markdown() {
    let d = Dir::new();
    d.write("news/seed.txt", seed());
    d.write("news/clean.txt", clean_fixture("tw_news__tw00021.txt"));
    let before = tree(&d.path().join("news"));

    let r = d.run(&["--check", "news"], None);
    r.assert_code(1);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr
            .contains("check: 1 document over --max-dup-ratio 0: FAILED"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("news/seed.txt"), "{}", r.stderr);

    let r = d.run(&["--check", "--max-dup-ratio", "0.5", "news", "-q"], None);
    r.assert_code(0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);

    let r = d.run(
        &[
            "--check",
            "--max-dup-ratio",
            "0.05",
            "--format",
            "github",
            "--summary-md",
            "sum.md",
            "news",
        ],
        None,
    );
    r.assert_code(1);
    let out = r.text();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with("::warning file=news/seed.txt,line=2,title=zhclean%3A duplicated text::49.4%25 duplicated (max 5.0%25); block at lines 2–9 repeats lines 11–18"),
        "{out}"
    );
    let md = String::from_utf8(d.read("sum.md")).unwrap();
    assert!(md.contains("**1 document over 5.0%**"), "{md}");
    assert!(
        md.contains("| `news/seed.txt` | 3241 | 1601 | 0 | 49.4% | block 1 |"),
        "{md}"
    );
    assert_eq!(
        tree(&d.path().join("news")),
        before,
        "--check writes nothing"
    );
}

#[test]
fn in_place_rewrites_changed_files_and_keeps_backups() {
    let d = Dir::new();
    let tw = clean_fixture("xwlb_cctv__xwlb-20230425-00.txt");
    d.write("news/seed.txt", seed());
    d.write("news/sub/clean.txt", &tw);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = d.path().join("news/seed.txt");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let r = d.run(&["news", "--in-place", "--backup", ".orig", "-q"], None);
    r.assert_code(0);
    assert_eq!(d.read("news/seed.txt"), cleaned(&seed()));
    assert_eq!(d.read("news/seed.txt.orig"), seed());
    // nothing to change: not rewritten, no backup
    assert_eq!(d.read("news/sub/clean.txt"), tw);
    assert!(!d.exists("news/sub/clean.txt.orig"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::metadata(d.path().join("news/seed.txt")).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o640);
    }
    assert!(temps(d.path()).is_empty());
    // a second run finds nothing left to do and leaves the backup alone
    let r = d.run(&["news", "--in-place", "--backup", ".orig", "-q"], None);
    r.assert_code(0);
    assert_eq!(d.read("news/seed.txt.orig"), seed());
}

/// Many doubled articles, so that an `--in-place` run lasts long enough to be stopped
/// in the middle (each file is fsynced).
fn many(d: &Dir, n: usize) -> (Vec<u8>, Vec<u8>) {
    let input = seed();
    for i in 0..n {
        d.write(&format!("news/{:03}/{i}.txt", i / 50), &input);
    }
    let expected = cleaned(&input);
    (input, expected)
}

fn wait_for_changes(d: &Dir, input: &[u8], n: usize) {
    let t0 = Instant::now();
    loop {
        let changed = tree(&d.path().join("news"))
            .values()
            .filter(|v| v.as_slice() != input)
            .count();
        if changed >= 5 || t0.elapsed() > Duration::from_secs(20) {
            assert!(changed < n, "the run finished before it could be stopped");
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn every_file_whole(d: &Dir, input: &[u8], expected: &[u8]) -> (usize, usize) {
    let (mut old, mut new) = (0, 0);
    for (k, v) in tree(&d.path().join("news")) {
        if k.rsplit('/').next().unwrap().starts_with(".zhclean-") {
            continue;
        }
        if v == input {
            old += 1;
        } else if v == expected {
            new += 1;
        } else {
            panic!(
                "{k} is neither the original nor the cleaned file ({} bytes)",
                v.len()
            );
        }
    }
    (old, new)
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_the_middle_of_in_place_exits_130_without_temp_files() {
    let d = Dir::new();
    let n = 400;
    let (input, expected) = many(&d, n);
    let child = Command::new(BIN)
        .args(["news", "--in-place", "-j", "1", "-q"])
        .current_dir(d.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_changes(&d, &input, n);
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    let (old, new) = every_file_whole(&d, &input, &expected);
    assert!(old > 0 && new > 0, "old {old}, new {new}");
    assert!(temps(d.path()).is_empty(), "{:?}", temps(d.path()));
}

#[cfg(unix)]
#[test]
fn sigkill_in_the_middle_of_in_place_leaves_every_file_whole() {
    let d = Dir::new();
    let n = 400;
    let (input, expected) = many(&d, n);
    let mut child = Command::new(BIN)
        .args(["news", "--in-place", "-j", "2", "-q"])
        .current_dir(d.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_changes(&d, &input, n);
    child.kill().unwrap(); // SIGKILL: no handler runs
    child.wait().unwrap();
    let (old, new) = every_file_whole(&d, &input, &expected);
    assert!(old > 0 && new > 0, "old {old}, new {new}");
    // SIGKILL can leave at most one temporary file per worker; they are hidden, so a
    // rerun does not read them, and it finishes the job
    let left = temps(d.path());
    assert!(left.len() <= 2, "{left:?}");
    let r = run_in(d.path(), &["news", "--in-place", "-q"], None);
    r.assert_code(0);
    let (old, new) = every_file_whole(&d, &input, &expected);
    assert_eq!((old, new), (0, n));
}
