//! Never lose or garble a user's file (issue 10): outputs that would land on an input
//! through a link, `--in-place` and links out of the tree, ownership, outputs
//! committed together, a closed stdout, pipes as JSONL paths with `--cross-doc=drop`,
//! windowed accounting, short legacy text, and the small cases (an endless rules
//! file, a lone-surrogate escape, a file name that is not UTF-8). Each test runs the
//! real binary in a temporary folder.

use crate::util::{Dir, BIN};
#[cfg(unix)]
use std::os::unix::fs::{symlink, MetadataExt};

const ZH_T: &str = "中華民國的國務院今天發布了關於進一步優化營商環境的意見。\n";

#[cfg(unix)]
#[test]
fn out_dir_link_to_an_input_file_is_refused_and_nothing_written() {
    let d = Dir::new();
    d.write("in/a.txt", ZH_T);
    d.write("in/b.txt", ZH_T);
    std::fs::create_dir_all(d.path().join("out")).unwrap();
    symlink("../in/b.txt", d.path().join("out/b.txt")).unwrap();
    let r = d.run(&["in", "--out-dir", "out"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(d.read("in/b.txt"), ZH_T.as_bytes());
    assert!(
        !d.exists("out/a.txt"),
        "nothing may be written before the check"
    );
}

#[cfg(unix)]
#[test]
fn out_dir_link_to_an_input_folder_is_refused() {
    let d = Dir::new();
    d.write("in/sub/a.txt", ZH_T);
    std::fs::create_dir_all(d.path().join("out")).unwrap();
    symlink("../in/sub", d.path().join("out/sub")).unwrap();
    let r = d.run(&["in", "--out-dir", "out"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("inside the input folder"), "{}", r.stderr);
    assert_eq!(d.read("in/sub/a.txt"), ZH_T.as_bytes());
    // a link to a single named input file is caught too
    let e = Dir::new();
    e.write("a.txt", ZH_T);
    std::fs::create_dir_all(e.path().join("out")).unwrap();
    symlink("../a.txt", e.path().join("out/a.txt")).unwrap();
    e.run(&["a.txt", "--out-dir", "out"], None).assert_code(2);
    assert_eq!(e.read("a.txt"), ZH_T.as_bytes());
}

#[cfg(unix)]
#[test]
fn in_place_stays_inside_the_named_folders() {
    let d = Dir::new();
    d.write("in/a.txt", ZH_T);
    d.write("outside/x.txt", ZH_T);
    d.write("outside/dir/y.txt", ZH_T);
    symlink("../outside/x.txt", d.path().join("in/x.txt")).unwrap();
    symlink("../outside/dir", d.path().join("in/linked")).unwrap();
    symlink("a.txt", d.path().join("in/same.txt")).unwrap();
    let r = d.run(&["--in-place", "in"], None);
    r.assert_code(0);
    assert_ne!(
        d.read("in/a.txt"),
        ZH_T.as_bytes(),
        "the file itself is cleaned"
    );
    assert_eq!(d.read("outside/x.txt"), ZH_T.as_bytes());
    assert_eq!(d.read("outside/dir/y.txt"), ZH_T.as_bytes());
    for link in ["in/x.txt", "in/linked", "in/same.txt"] {
        assert!(
            r.stderr.contains(link),
            "no notice for {link}: {}",
            r.stderr
        );
        assert!(d.path().join(link).is_symlink());
    }
    // --follow-links rewrites what the links point to, each file once
    let r = d.run(&["--in-place", "--follow-links", "in"], None);
    r.assert_code(0);
    assert_ne!(d.read("outside/x.txt"), ZH_T.as_bytes());
    assert_ne!(d.read("outside/dir/y.txt"), ZH_T.as_bytes());
    assert!(r.stderr.contains("the same file as"), "{}", r.stderr);
}

#[test]
fn in_place_takes_a_file_named_twice_once() {
    let d = Dir::new();
    d.write("a.txt", ZH_T);
    d.write("x/a.txt", ZH_T);
    let r = d.run(&["--in-place", "a.txt", "a.txt", "x/a.txt"], None);
    r.assert_code(0);
    assert!(!r.stderr.contains("--out-dir"), "{}", r.stderr);
    assert!(r.stderr.contains("the same file as a.txt"), "{}", r.stderr);
    assert_ne!(d.read("a.txt"), ZH_T.as_bytes());
    assert_ne!(d.read("x/a.txt"), ZH_T.as_bytes());
}

/// Whether this process runs as root (owner of a file it creates).
#[cfg(unix)]
fn is_root(d: &Dir) -> bool {
    let p = d.write(".probe", "");
    let root = std::fs::metadata(&p).unwrap().uid() == 0;
    std::fs::remove_file(p).unwrap();
    root
}

#[cfg(unix)]
#[test]
fn in_place_as_root_keeps_owner_group_and_mode() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    if !is_root(&d) {
        eprintln!("skipped: not root");
        return;
    }
    let p = d.write("a.txt", ZH_T);
    std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    d.run(&["--in-place", "--backup", ".orig", "a.txt"], None)
        .assert_code(0);
    let m = std::fs::metadata(&p).unwrap();
    assert_ne!(d.read("a.txt"), ZH_T.as_bytes());
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (65534, 65534, 0o640));
    let b = std::fs::metadata(d.path().join("a.txt.orig")).unwrap();
    assert_eq!((b.uid(), b.gid()), (65534, 65534));
}

/// The same as an unprivileged user (`runuser`, where it exists and this runs as
/// root): the user's own file keeps its owner and mode.
#[cfg(unix)]
#[test]
fn in_place_as_an_unprivileged_user_keeps_the_file_theirs() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    let runuser = std::path::Path::new("/usr/sbin/runuser");
    if !is_root(&d) || !runuser.exists() {
        eprintln!("skipped: needs root and runuser");
        return;
    }
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let p = d.write("a.txt", ZH_T);
    std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o604)).unwrap();
    let out = std::process::Command::new(runuser)
        .args(["-u", "nobody", "--", BIN, "--in-place", "-q"])
        .arg(&p)
        .output()
        .unwrap();
    if !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("Permission denied") {
        eprintln!("skipped: the binary is not reachable by nobody");
        return;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = std::fs::metadata(&p).unwrap();
    assert_ne!(d.read("a.txt"), ZH_T.as_bytes());
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (65534, 65534, 0o604));
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_text_write_commits_no_report() {
    let d = Dir::new();
    d.write("a.txt", ZH_T);
    let r = d.run(&["a.txt", "-o", "/dev/full", "--report", "r.json"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("/dev/full"), "{}", r.stderr);
    assert!(
        !d.exists("r.json"),
        "a report for text that was never written"
    );
    assert_eq!(d.entries(), vec!["a.txt"], "no temporary file left");
    // the same for a batch: JSONL output, report and summary land together or not
    d.write("c.jsonl", "{\"text\":\"中文。\"}\n");
    let r = d.run(
        &[
            "--jsonl",
            "c.jsonl",
            "-o",
            "/dev/full",
            "--report",
            "r.json",
            "--summary-md",
            "s.md",
        ],
        None,
    );
    r.assert_code(2);
    assert!(
        !d.exists("r.json") && !d.exists("s.md"),
        "{:?}",
        d.entries()
    );
}

#[test]
fn backup_edge_cases_leave_no_temporary_file() {
    let d = Dir::new();
    d.write("a.txt", ZH_T);
    let r = d.run(&["--in-place", "--backup", "", "a.txt"], None);
    r.assert_code(2);
    assert!(r.stderr.contains("--backup needs a suffix"), "{}", r.stderr);
    std::fs::hard_link(d.path().join("a.txt"), d.path().join("a.txt.orig")).unwrap();
    d.run(&["--in-place", "--backup", ".orig", "a.txt"], None)
        .assert_code(0);
    assert_eq!(d.entries(), vec!["a.txt", "a.txt.orig"]);
    assert_eq!(d.read("a.txt.orig"), ZH_T.as_bytes());
    assert_ne!(d.read("a.txt"), ZH_T.as_bytes());
}

#[cfg(target_os = "linux")]
#[test]
fn closed_stdout_is_an_error() {
    let d = Dir::new();
    d.write("a.txt", ZH_T);
    let run = |cmd: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .current_dir(d.path())
            .output()
            .unwrap()
    };
    let out = run(&format!("'{BIN}' a.txt >&-"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stdout is closed"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // nothing goes to stdout with -o: a closed stdout is fine
    let out = run(&format!("'{BIN}' a.txt -o b.txt >&-"));
    assert_eq!(out.status.code(), Some(0));
    // and /dev/null is a place to write to
    let out = run(&format!("'{BIN}' a.txt > /dev/null"));
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(target_os = "linux")]
#[test]
fn cross_doc_drop_reads_a_pipe_path() {
    let d = Dir::new();
    let doc = "{\"text\":\"国务院今天发布了关于进一步优化营商环境的若干意见，要求各地区各部门认真贯彻落实。\"}\n";
    let other = "{\"text\":\"今年粮食总产量再创新高，全国夏粮增产百分之一点二，秋粮长势良好。\"}\n";
    let input = format!("{doc}{other}{doc}");
    let r = d.run(
        &[
            "--jsonl",
            "/dev/stdin",
            "--cross-doc=drop",
            "--report",
            "r.json",
        ],
        Some(input.as_bytes()),
    );
    r.assert_code(0);
    assert!(!r.stderr.contains("Illegal seek"), "{}", r.stderr);
    assert_eq!(r.text().lines().count(), 2, "one copy dropped");
    assert_eq!(
        d.report("r.json")
            .summary
            .cross_document
            .unwrap()
            .documents_dropped,
        1
    );
}

/// Windowed runs report what they write: `chars_out` counts the blank lines put back
/// at window edges, and the output ends with a line break exactly when the input
/// does, also when the last line is removed as a copy from an earlier window.
#[test]
fn windowed_output_is_accounted_and_keeps_the_final_break() {
    // distinct paragraphs: pseudo-random common characters
    const HAN: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经";
    let han: Vec<char> = HAN.chars().collect();
    let mut x = 12345u32;
    let paras: Vec<String> = (0..60)
        .map(|_| {
            let mut p: String = (0..30)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    han[(x >> 16) as usize % han.len()]
                })
                .collect();
            p.push('。');
            p
        })
        .collect();
    let body = paras.join("\n\n");
    for input in [format!("{body}\n\n{}", paras[0]), format!("{body}\n")] {
        let d = Dir::new();
        d.write("in.txt", &input);
        let whole = d.run(&["--window", "0", "in.txt", "--report", "w.json"], None);
        let windows = d.run(&["--window", "1K", "in.txt", "--report", "r.json"], None);
        whole.assert_code(0);
        windows.assert_code(0);
        assert_eq!(windows.text(), whole.text());
        assert_eq!(windows.text().ends_with('\n'), input.ends_with('\n'));
        let doc = &d.report("r.json").documents[0];
        assert_eq!(doc.chars_out, windows.text().chars().count());
        assert_eq!(doc.chars_out, d.report("w.json").documents[0].chars_out);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_rules_file_is_refused() {
    let d = Dir::new();
    let r = d.run(&["--boilerplate-rules", "/dev/zero"], Some(b"x\n"));
    r.assert_code(2);
    assert!(r.stderr.contains("/dev/zero: larger than"), "{}", r.stderr);
}

#[test]
fn jsonl_lone_surrogate_is_named() {
    let d = Dir::new();
    let r = d.run(
        &["--jsonl"],
        Some(b"{\"text\":\"\\ud800x\"}\n{\"text\":[1]}\n"),
    );
    r.assert_code(2);
    assert!(r.stderr.contains("lone UTF-16 surrogate"), "{}", r.stderr);
    assert!(
        r.stderr.contains("is not a string (it is an array)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.text(),
        "{\"text\":\"\\ud800x\"}\n{\"text\":[1]}\n",
        "written unchanged"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_reported_with_its_bytes() {
    use base64::Engine;
    use std::os::unix::ffi::OsStrExt;
    let d = Dir::new();
    let name = std::ffi::OsStr::from_bytes(b"in/a\xff.txt");
    std::fs::create_dir_all(d.path().join("in")).unwrap();
    std::fs::write(d.path().join(name), ZH_T).unwrap();
    d.run(&["--check", "in", "--report", "r.json", "-q"], None)
        .assert_code(0);
    let doc = &d.report("r.json").documents[0];
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(doc.path_bytes.as_deref().expect("path_bytes"))
        .unwrap();
    assert_eq!(bytes, b"in/a\xff.txt");
    assert!(doc.path.as_deref().unwrap().contains('\u{FFFD}'));
}

/// Short legacy files that the old detection read wrongly with exit 0.
#[test]
fn short_legacy_files_decode_right() {
    let cases: [(&str, &'static encoding_rs::Encoding, &str); 4] = [
        ("同时", encoding_rs::GBK, "同时"),
        ("中華民國", encoding_rs::BIG5, "中华民国"),
        ("中華民國總統", encoding_rs::GBK, "中华民国总统"),
        ("我們的國家", encoding_rs::BIG5, "我们的国家"),
    ];
    for (text, enc, out) in cases {
        let d = Dir::new();
        d.write("a.txt", enc.encode(text).0);
        let r = d.run(&["a.txt", "--report", "r.json"], None);
        r.assert_code(0);
        assert_eq!(r.text(), out, "{text} as {}", enc.name());
    }
    // one character reads as well in GB18030 as in Big5: refused, naming the fix
    let d = Dir::new();
    d.write("a.txt", encoding_rs::BIG5.encode("▲").0);
    let r = d.run(&["a.txt"], None);
    r.assert_code(2);
    assert!(
        r.stderr.contains("choose one with --encoding"),
        "{}",
        r.stderr
    );
    d.run(&["a.txt", "--encoding", "big5"], None).assert_code(0);
}

/// BOM-less UTF-16LE heavy with emoji (surrogate pairs) is text.
#[test]
fn utf16_without_bom_holding_emoji_is_text() {
    let s = "哈哈😀😂🎉👍好的🙏\n".repeat(3);
    let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let d = Dir::new();
    d.write("a.txt", bytes);
    let r = d.run(&["a.txt", "--report", "r.json"], None);
    r.assert_code(0);
    assert_eq!(r.text(), s);
    assert_eq!(d.report("r.json").documents[0].encoding, "utf-16le");
}

/// Found by the `stream` fuzz target: an input of exactly one window that ends with a
/// line break lost that break (the decoder had not yet seen the end when the window
/// was written). Every length around the window size, with and without a final
/// break: `chars_out` is what was written, and the break follows the input.
#[test]
fn windowed_final_break_at_every_length_around_the_window() {
    use zhclean::{Cleaner, Config};
    let cleaner = Cleaner::new(Config {
        window_bytes: std::num::NonZeroUsize::new(1024),
        ..Config::default()
    });
    for len in 1000..1050 {
        for end in ["\n", ""] {
            let mut text = String::new();
            let mut i = 0;
            while text.len() + end.len() < len {
                text.push(if i % 40 == 39 { '\n' } else { 'a' });
                i += 1;
            }
            text.push_str(end);
            let mut out = Vec::new();
            let mut sink = |_| Ok(());
            let s = zhclean::windows::clean(
                &cleaner,
                text.clone().into_bytes(),
                std::io::empty(),
                &mut out,
                &mut sink,
                None,
                "<test>",
            )
            .unwrap();
            let out = String::from_utf8(out).unwrap();
            assert_eq!(
                s.report.chars_out,
                out.chars().count(),
                "length {len} {end:?}"
            );
            assert_eq!(
                out.ends_with('\n'),
                text.ends_with('\n'),
                "length {len} {end:?}"
            );
        }
    }
}

/// The link cases again as an unprivileged user (`runuser -u nobody`, where it
/// exists and this runs as root): refusals and skips do not depend on privileges.
#[cfg(unix)]
#[test]
fn link_rules_hold_for_an_unprivileged_user() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    let runuser = std::path::Path::new("/usr/sbin/runuser");
    if !is_root(&d) || !runuser.exists() {
        eprintln!("skipped: needs root and runuser");
        return;
    }
    d.write("in/a.txt", ZH_T);
    d.write("outside/x.txt", ZH_T);
    std::fs::create_dir_all(d.path().join("out")).unwrap();
    symlink("../in/a.txt", d.path().join("out/a.txt")).unwrap();
    symlink("../outside/x.txt", d.path().join("in/x.txt")).unwrap();
    for p in ["", "in", "in/a.txt", "outside", "outside/x.txt", "out"] {
        let p = d.path().join(p);
        std::os::unix::fs::lchown(&p, Some(65534), Some(65534)).unwrap();
        let mode = if p.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let nobody = |args: &[&str]| {
        std::process::Command::new(runuser)
            .args(["-u", "nobody", "--", BIN])
            .args(args)
            .current_dir(d.path())
            .output()
            .unwrap()
    };
    let out = nobody(&["in", "--out-dir", "out"]);
    let err = String::from_utf8_lossy(&out.stderr);
    if err.contains("Permission denied") && !err.contains("--out-dir") {
        eprintln!("skipped: the binary is not reachable by nobody: {err}");
        return;
    }
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(d.read("in/a.txt"), ZH_T.as_bytes());
    let out = nobody(&["--in-place", "in"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(d.read("outside/x.txt"), ZH_T.as_bytes());
    assert_ne!(d.read("in/a.txt"), ZH_T.as_bytes());
}
