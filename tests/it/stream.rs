//! Inputs larger than `--window`: cleaned window by window (src/windows.rs), with the
//! report's offsets in the whole input and duplicates found across windows. The
//! inputs are the 40 real articles of `fixtures/articles` (76 KB), doubled or joined
//! into one line, with windows of 16 to 64 KiB so that every input spans several.

use crate::util::{check_report, decoded, fixture, Dir};

/// The 40 fixture articles, one after another, in name order.
fn articles() -> String {
    let mut names: Vec<_> = std::fs::read_dir(fixture("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 40, "fixtures/articles changed");
    names
        .iter()
        .map(|p| {
            let t = std::fs::read_to_string(p).unwrap();
            format!("{}\n\n", t.trim_end())
        })
        .collect()
}

/// Panic with the first difference (and some context) unless `got == want`.
fn same(got: &str, want: &str) {
    if got == want {
        return;
    }
    let at = got
        .char_indices()
        .zip(want.chars())
        .find(|((_, a), b)| a != b)
        .map_or(got.len().min(want.len()), |((i, _), _)| i);
    let ctx = |s: &str| {
        let from = s.floor_char_boundary_compat(at.saturating_sub(90));
        s[from..].chars().take(80).collect::<String>()
    };
    panic!(
        "outputs differ at byte {at} (lengths {} and {}):\n got: {:?}\nwant: {:?}",
        got.len(),
        want.len(),
        ctx(got),
        ctx(want)
    );
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[test]
fn a_doubled_file_loses_its_second_copy_across_windows() {
    let a = articles();
    let dir = Dir::new();
    dir.write("a.txt", &a);
    dir.write("aa.txt", format!("{a}{a}"));
    let args = ["--keep", "first", "--window", "16K", "--report"];
    let once = dir.run(
        &["a.txt", "-o", "a.out", "--keep", "first", "--window", "16K"],
        None,
    );
    once.assert_code(0);
    dir.run(
        &[
            "aa.txt", "-o", "aa.out", args[0], args[1], args[2], args[3], args[4], "r.json",
        ],
        None,
    )
    .assert_code(0);
    // the second copy adds nothing
    same(
        &String::from_utf8(dir.read("aa.out")).unwrap(),
        &String::from_utf8(dir.read("a.out")).unwrap(),
    );
    let input = format!("{a}{a}");
    let r = dir.report("r.json");
    check_report(&input, &r).unwrap();
    let d = &r.documents[0];
    // everything removed from the second copy names a kept copy in the first with the
    // same text, and the second copy is gone but for blank lines
    let mut removed_in_second = 0;
    for rm in &d.removed {
        if rm.byte_range[0] < a.len() {
            continue;
        }
        let [k0, k1] = rm.kept_byte_range;
        assert!(k1 <= a.len(), "kept copy {:?} not in the first half", rm);
        let removed = input[rm.byte_range[0]..rm.byte_range[1]].trim();
        assert!(
            removed.starts_with(input[k0..k1].lines().next().unwrap().trim()),
            "{rm:?}"
        );
        removed_in_second += rm.chars;
    }
    let second_chars = a.chars().count();
    let blank = a.chars().filter(|&c| c == '\n').count();
    assert!(
        removed_in_second + blank >= second_chars,
        "removed {removed_in_second} of {second_chars} characters of the second copy"
    );
    // across-window removals came as blocks, not one entry per paragraph
    let blocks = d
        .removed
        .iter()
        .filter(|r| r.kind.as_str() == "block")
        .count();
    assert!(
        blocks >= 1 && d.removed.len() < 40,
        "{} removals",
        d.removed.len()
    );
}

#[test]
fn windowed_and_whole_runs_agree_on_text_without_duplicates() {
    let a = articles();
    let dir = Dir::new();
    dir.write("a.txt", &a);
    let whole = dir.run(&["a.txt", "--window", "0", "--keep", "first"], None);
    let windowed = dir.run(&["a.txt", "--window", "16K", "--keep", "first"], None);
    whole.assert_code(0);
    windowed.assert_code(0);
    same(&windowed.text(), &whole.text());
}

#[test]
fn one_long_line_is_cleaned_in_pieces_with_the_same_result() {
    // 76 KB without a line break; pieces of at most 16 KiB (a quarter of 64K)
    let line: String = articles().lines().collect();
    let dir = Dir::new();
    dir.write("line.txt", &line);
    let whole = dir.run(&["line.txt", "--window", "0"], None);
    let pieces = dir.run(&["line.txt", "--window", "64K", "--report", "r.json"], None);
    whole.assert_code(0);
    pieces.assert_code(0);
    same(&pieces.text(), &whole.text());
    check_report(&line, &dir.report("r.json")).unwrap();
}

#[test]
fn stdin_is_windowed_like_a_file() {
    let a = articles();
    let input = format!("{a}{a}");
    let dir = Dir::new();
    dir.write("aa.txt", &input);
    let file = dir.run(&["aa.txt", "--window", "16K"], None);
    let stdin = dir.run(&["--window", "16K"], Some(input.as_bytes()));
    file.assert_code(0);
    stdin.assert_code(0);
    same(&stdin.text(), &file.text());
}

#[test]
fn a_legacy_encoding_is_decoded_across_windows() {
    let a = articles();
    let input = format!("{a}{a}");
    let (gb, _, bad) = encoding_rs::GB18030.encode(&input);
    assert!(!bad);
    let dir = Dir::new();
    dir.write("aa.txt", &input);
    dir.write("aa.gb.txt", &gb);
    let utf8 = dir.run(&["aa.txt", "--window", "16K"], None);
    let legacy = dir.run(
        &["aa.gb.txt", "--window", "16K", "--report", "r.json"],
        None,
    );
    utf8.assert_code(0);
    legacy.assert_code(0);
    same(&legacy.text(), &utf8.text());
    let r = dir.report("r.json");
    assert_eq!(r.documents[0].encoding, "gb18030");
    check_report(&input, &r).unwrap();
}

#[test]
fn a_bad_byte_in_a_later_window_is_named_by_its_offset() {
    let a = articles();
    let mut bytes = format!("{a}{a}").into_bytes();
    // an invalid byte well past the first window, on a character boundary
    let mut at = 100_000;
    while (bytes[at] & 0xC0) == 0x80 {
        at += 1;
    }
    bytes.insert(at, 0xFF);
    let dir = Dir::new();
    dir.write("bad.txt", &bytes);
    let strict = dir.run(&["bad.txt", "--window", "16K", "-o", "out.txt"], None);
    strict.assert_code(2);
    assert!(
        strict.stderr.contains("bad.txt") && strict.stderr.contains(&format!("byte offset {at}")),
        "{}",
        strict.stderr
    );
    assert!(!dir.exists("out.txt"), "no partial output after an error");
    let lossy = dir.run(
        &[
            "bad.txt", "--window", "16K", "--lossy", "--report", "r.json",
        ],
        None,
    );
    lossy.assert_code(0);
    let r = dir.report("r.json");
    assert_eq!(r.documents[0].replaced_bytes, 1);
    assert_eq!(r.documents[0].replaced_at, vec![at]);
    // the decoded text has U+FFFD where the byte was
    let mut expect = bytes.clone();
    expect.splice(at..at + 1, "\u{FFFD}".bytes());
    check_report(&decoded(&expect), &r).unwrap();
}

mod properties {
    use crate::util::check_doc;
    use proptest::prelude::*;
    use zhclean::{Cleaner, Config};

    /// Pieces that make windows interesting: sentences that repeat, line breaks of
    /// every kind, blank lines, spaces at the edges, and long runs without a break.
    fn pieces() -> impl Strategy<Value = String> {
        let pool = prop::sample::select(vec![
            "这是第一段足够长的新闻正文，用来测试窗口。",
            "第二段內容也足夠長，並且是繁體字寫成的。",
            "好的。",
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            "  ",
            "2026年01月27日",
            "記者 王小明／台北報導",
            "「引號裡的話。」",
            "abc def, ghi: (jkl)",
        ]);
        prop::collection::vec(pool, 0..400).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Windows of 1 KiB (the smallest) over a few KB: no panic, UTF-8 out, and the
        /// removals (shifted to whole-input offsets, across windows) tile the input.
        #[test]
        fn windowed_removals_tile_the_input(s in pieces()) {
            let cleaner = Cleaner::new(Config { window_bytes: std::num::NonZeroUsize::new(1024), ..Config::default() });
            let mut out = Vec::new();
            let mut removed = Vec::new();
            let mut sink = |r| { removed.push(r); Ok(()) };
            let streamed = zhclean::windows::clean(
                &cleaner, s.clone().into_bytes(), std::io::empty(), &mut out, &mut sink, None, "<test>",
            ).unwrap();
            prop_assert!(String::from_utf8(out).is_ok());
            let mut d = streamed.report;
            d.removed = removed;
            if let Err(e) = check_doc(&s, &d) {
                return Err(TestCaseError::fail(format!("{e}\ninput {s:?}")));
            }
        }
    }
}

/// Paragraphs separated by blank lines (one, or a run of three), cut into windows at
/// every offset the window sizes give: where a window ends after a blank line, the
/// blank line that separated two paragraphs must still be there, exactly one.
#[test]
fn blank_lines_between_windows_are_kept_once() {
    let mut text = String::new();
    for (i, line) in articles()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        text.push_str(line);
        text.push_str(match i % 3 {
            0 => "\n",
            1 => "\n\n",
            _ => "\n\n\n\n",
        });
    }
    let dir = Dir::new();
    dir.write("t.txt", &text);
    let whole = dir.run(&["t.txt", "--window", "0", "--report", "w.json"], None);
    whole.assert_code(0);
    let blank_whole = dir.report("w.json").documents[0]
        .normalization
        .blank_lines_removed;
    for w in ["1K", "1100", "1234", "1500", "2K", "3000", "5000", "8K"] {
        let run = dir.run(&["t.txt", "--window", w, "--report", "r.json"], None);
        run.assert_code(0);
        same(&run.text(), &whole.text());
        let r = dir.report("r.json");
        assert_eq!(
            r.documents[0].normalization.blank_lines_removed, blank_whole,
            "--window {w}"
        );
        check_report(&text, &r).unwrap();
    }
}
