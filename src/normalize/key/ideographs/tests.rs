//! Tests of the ideograph runs and their tables.

use super::super::{Direct, NoTally};
use super::*;
use crate::normalize::key::{push_key, KeyHash};
use crate::normalize::script::ScriptCounts;

#[test]
fn the_ideograph_table_is_the_tables_answer() {
    let t = ScriptTables::get();
    let table = Ideographs::get();
    for cp in 0x4E00..0xA000u32 {
        let c = char::from_u32(cp).expect("an ideograph");
        let i = slot(c);
        let f = fold(t, c, t.flag(c));
        assert_eq!(
            table.entry(i),
            (
                FLAG_FIELDS[usize::from(tally_byte(t, c, t.flag(c)))],
                f,
                crate::detect::evidence::is_key_hint_char(f)
            ),
            "{c:?}"
        );
        assert_eq!(
            FLAG_FIELDS[usize::from(tally_byte(t, c, t.flag(c)))] & HINTED,
            0
        );
    }
}

#[test]
fn located_sinks_see_every_ideograph_at_its_byte() {
    // a sink that records offsets (as `detect::inline` does) gets them per
    // character ([`Calls`])
    let text = "甲乙，丙1.5丁\u{4DFF}體戊";
    let mut got = Calls::default();
    push_key(ScriptTables::get(), text, &mut got);
    let want: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        .map(|(i, c)| (i, ScriptTables::get().fold_t2s(c)))
        .collect();
    let ideographs: Vec<(usize, char)> = got
        .0
        .iter()
        .copied()
        .filter(|&(_, c)| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        .collect();
    assert_eq!(ideographs, want);
}

#[test]
fn a_run_keys_as_the_tables_key_each_ideograph() {
    let t = ScriptTables::get();
    let text = "體育發展，中文\u{4DFF}乾坤一擲abc".repeat(3);
    for at in [0, 3, 12] {
        let mut key = String::new();
        let mut counts = Default::default();
        let mut tally = super::super::Direct(&mut counts);
        let table = Ideographs::get().parts();
        let mut buf = [char::MIN; RUN];
        let r = ideograph_run(table, text.as_bytes(), at, &mut key, &mut tally, &mut buf);
        // the reference: each character of the run through the tables
        let run: String = text[at..]
            .chars()
            .take_while(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
            .collect();
        let mut want_counts = Default::default();
        let want: String = run
            .chars()
            .map(|c| t.tally_fold(c, &mut want_counts))
            .collect();
        assert_eq!(r, (at + run.len(), run.chars().count()), "{at}");
        assert_eq!((key, counts), (want, want_counts), "{at}");
    }
}

#[test]
fn the_index_is_the_slot_of_the_ideographs_for_every_lead_and_continuation() {
    // every lead byte with every pair of continuation bytes (what follows a lead
    // byte E0–EF in UTF-8), and every byte after a lead below E0 or from F0 (a
    // two-byte character's second byte is a continuation, its third any byte)
    for x in 0..=0xFFu8 {
        for y in 0..=0xFFu8 {
            for z in 0..=0xFFu8 {
                let got = ideograph_index(x, y, z);
                let cont = |b: u8| b & 0xC0 == 0x80;
                let want = (0xE4..=0xE9).contains(&x) && cont(y) && cont(z);
                let cp = u32::from(x & 0x0F) << 12 | u32::from(y & 0x3F) << 6 | u32::from(z & 0x3F);
                let want = (want && (0x4E00..=0x9FFF).contains(&cp))
                    .then(|| slot(char::from_u32(cp).expect("an ideograph")));
                // (a lead byte E0–EF followed by anything but two continuation
                // bytes is no UTF-8)
                if (0xE0..=0xEF).contains(&x) && !(cont(y) && cont(z)) {
                    continue;
                }
                assert_eq!(got, want, "{x:x} {y:x} {z:x}");
            }
        }
    }
}

/// A sink told of hinted runs ([`KeySink::HINTS`]): how many times.
#[derive(Default)]
struct Hinted(String, usize);

impl KeySink for Hinted {
    const HINTS: bool = true;
    fn put(&mut self, c: char) {
        self.0.put(c);
    }
    fn hinted(&mut self, _: usize) {
        self.1 += 1;
    }
}

/// A sink told of hinted runs ([`KeySink::HINTS`]) that keeps its key in a
/// vector (the ideograph runs keyed into it, [`KeySink::run_keys`], when `OWN`)
/// and records the spans of the key it was told of.
#[derive(Default)]
struct Spans<const OWN: bool>(Vec<char>, Vec<(usize, usize)>);

impl<const OWN: bool> KeySink for Spans<OWN> {
    const HINTS: bool = true;
    fn put(&mut self, c: char) {
        self.0.push(c);
    }
    fn hinted(&mut self, n: usize) {
        self.1.push((self.0.len() - n, self.0.len()));
    }
    fn run_keys(&mut self) -> Option<&mut Vec<char>> {
        OWN.then_some(&mut self.0)
    }
}

/// Whether the told spans of `text`'s key (`OWN` as [`Spans`]) hold every
/// caption hint's character of the ideograph runs, and each span holds one.
fn spans_hold_the_hints<const OWN: bool>(text: &str) {
    let mut got = Spans::<OWN>::default();
    push_key(ScriptTables::get(), text, &mut got);
    let hint = |c: char| crate::detect::evidence::is_key_hint_char(c);
    for (j, &c) in got.0.iter().enumerate() {
        if hint(c) && ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            assert!(got.1.iter().any(|&(a, b)| a <= j && j < b), "{text:?} {j}");
        }
    }
    for &(a, b) in &got.1 {
        assert!(got.0[a..b].iter().any(|&c| hint(c)), "{text:?} {a} {b}");
    }
}

#[test]
fn the_hinted_spans_hold_every_hint_character() {
    // runs short and past the buffer's length, hint characters anywhere in
    // them, through a sink's own vector and through the buffer
    let pieces = ["图", "视", "供", "料", "圖", "中", "體", "，", "a", "1"];
    let mut texts = crate::chars::random_texts(&pieces, 500, 90, 17);
    texts.push(format!("{}图{}", "中".repeat(RUN), "中".repeat(RUN)));
    texts.push(format!("{}料", "中".repeat(2 * RUN - 1)));
    for text in &texts {
        spans_hold_the_hints::<true>(text);
        spans_hold_the_hints::<false>(text);
    }
}

#[test]
fn a_pair_of_sinks_passes_the_hints_on() {
    // (the pair that feeds a sentence's and its paragraph's sink at once tells
    // a hinting sink of the hints as it would be told alone)
    for text in [
        "图片来源：新华社",
        "记者 摄。资料图",
        "中文没有提示",
        "a图b",
    ] {
        let mut alone = Hinted::default();
        push_key(ScriptTables::get(), text, &mut alone);
        let (mut first, mut other) = (Hinted::default(), KeyHash::default());
        push_key(ScriptTables::get(), text, &mut (&mut first, &mut other));
        let (mut hash, mut second) = (KeyHash::default(), Hinted::default());
        push_key(ScriptTables::get(), text, &mut (&mut hash, &mut second));
        assert_eq!((&first.0, first.1), (&alone.0, alone.1), "{text}");
        assert_eq!((&second.0, second.1), (&alone.0, alone.1), "{text}");
    }
    let mut alone = Hinted::default();
    push_key(ScriptTables::get(), "图片", &mut alone);
    assert!(alone.1 > 0);
}

/// A sink that records every key character with the offset `at` last gave, to
/// compare runs call for call.
#[derive(Default, Debug, PartialEq)]
struct Calls(Vec<(usize, char)>, usize);

impl KeySink for Calls {
    fn put(&mut self, c: char) {
        self.0.push((self.1, c));
    }
    fn at(&mut self, byte: usize) {
        self.1 = byte;
    }
}

/// [`ideograph_run_one_at_a_time`] into a vector as [`run_into`] keys: on past
/// each mark of [`Ideographs::skip`] after the run, and the run after it.
fn run_into_one_at_a_time(
    table: Parts<'_>,
    b: &[u8],
    at: usize,
    keys: &mut Vec<char>,
) -> (usize, usize) {
    let (mut past, mut n) = ideograph_run_one_at_a_time(table, b, at, keys, &mut NoTally);
    let skipped = |at: usize| {
        Ideographs::get()
            .dropped(b, at)
            .is_some_and(|c| !crate::chars::may_end_sentence(c))
    };
    while n > 0 && skipped(past) {
        let (p, k) = ideograph_run_one_at_a_time(table, b, past + 3, keys, &mut NoTally);
        (past, n) = (p, n + k);
    }
    (past, n)
}

#[test]
fn the_skip_bits_are_the_dropped_marks_that_end_no_sentence() {
    let table = Ideographs::get();
    let mut skipped = 0;
    for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
        let mut b = [0; 4];
        c.encode_utf8(&mut b);
        let want = table.dropped(&b, 0).is_some() && !crate::chars::may_end_sentence(c);
        assert_eq!(
            skips(&table.skip, utf8_key(b[0], b[1], b[2])),
            want,
            "{c:?}"
        );
        skipped += usize::from(want);
    }
    assert!(skipped > 500, "{skipped}");
    // the keys of other characters' first three bytes (and the next ones')
    for text in ["a中", "é中", "\u{10000}中", "\u{800}", "中"] {
        let b = text.as_bytes();
        assert!(!skips(&table.skip, utf8_key(b[0], b[1], b[2])), "{text:?}");
    }
}

#[test]
fn a_vector_keys_as_a_string() {
    // the runs into a sink's own vector, past the marks they skip, against
    // the buffered runs of a string
    let pieces = [
        "中", "體", "，", "。", "、", "“", "”", "！", "…", "：", "．", "－", "1", "２", "a", " ",
        "\u{3000}", "\u{FEFF}", "（", "）", "图", "料", "资",
    ];
    for text in crate::chars::random_texts(&pieces, 2000, 40, 11) {
        let mut v: Vec<char> = Vec::new();
        let n = push_key(ScriptTables::get(), &text, &mut v);
        let mut s = String::new();
        let m = push_key(ScriptTables::get(), &text, &mut s);
        assert_eq!((v.iter().collect::<String>(), n), (s, m), "{text:?}");
        spans_hold_the_hints::<true>(&text);
    }
}

#[test]
fn runs_key_as_one_ideograph_at_a_time() {
    // random texts of ideographs (runs around and past the buffer's length),
    // their neighbours in UTF-8 (U+4DFF, U+A000, other three-byte leads), ASCII,
    // two- and four-byte characters, started at every character
    let pieces = [
        "中", "體", "發展", "乾", "\u{4E00}", "\u{9FFF}", "\u{4DFF}", "\u{A000}", "，", "。", "a",
        "1", "é", "𠀀", "\u{F900}", "\u{3000}", "ａ",
    ];
    let long: String = "體育發展中文".repeat(40);
    let mut texts = crate::chars::random_texts(&pieces, 300, 80, 5);
    texts.push(long);
    let table = Ideographs::get().parts();
    for text in &texts {
        let b = text.as_bytes();
        for (at, _) in text.char_indices() {
            let (mut c1, mut c2) = (ScriptCounts::default(), ScriptCounts::default());
            let (mut k1, mut k2) = (Calls::default(), Calls::default());
            // (a vector keyed into, `run_keys`, holding keys already or not)
            let (mut v1, mut v2) = (vec!['x'; at % 3], vec!['x'; at % 3]);
            let mut buf = [char::MIN; RUN];
            let r1 = ideograph_run(table, b, at, &mut k1, &mut Direct(&mut c1), &mut buf);
            let r2 = ideograph_run_one_at_a_time(table, b, at, &mut k2, &mut Direct(&mut c2));
            assert_eq!((r1, &k1, c1), (r2, &k2, c2), "{text:?} {at}");
            // (into a vector, at a lead byte E4–E9, as the key pass calls it)
            if (0xE4..=0xE9).contains(&b[at]) {
                let r3 = ideograph_run(table, b, at, &mut v1, &mut NoTally, &mut buf);
                let r4 = run_into_one_at_a_time(table, b, at, &mut v2);
                assert_eq!((r3, v1), (r4, v2), "{text:?} {at}");
            }
        }
    }
}

#[test]
fn a_vector_sized_for_its_text_is_not_grown() {
    // a vector keyed into (`run_keys`) with the capacity a text of ideographs
    // needs is given no room it cannot fill: runs shorter than, as long as and
    // past the buffer's length
    let text = "體育發展中文".repeat(12);
    for len in [1, 5, 31, 32, 33, 64, 65, 72] {
        let t: String = text.chars().take(len).collect();
        let mut keys: Vec<char> = Vec::with_capacity(t.len() / 3);
        push_key(ScriptTables::get(), &t, &mut keys);
        assert_eq!((keys.len(), keys.capacity()), (len, len), "{len}");
        assert_eq!(
            keys.iter().collect::<String>(),
            crate::normalize::key::key(ScriptTables::get(), &t).0
        );
    }
}

/// A sink that records every call, in order.
#[derive(Default, Debug, PartialEq)]
struct Events(Vec<(char, usize, char)>);

impl KeySink for Events {
    fn put(&mut self, c: char) {
        self.0.push(('p', 0, c));
    }
    fn at(&mut self, byte: usize) {
        self.0.push(('a', byte, '\0'));
    }
    fn mark(&mut self, byte: usize, c: char) {
        self.0.push(('m', byte, c));
    }
}

#[test]
fn dropped_blocks_hold_every_dropped_character() {
    for cp in (0x2000..0x4000).chain(0xF000..0x1_0000) {
        if drops(cp) {
            assert!(
                DROPPED_BLOCKS.iter().any(|b| b.contains(&cp)),
                "U+{cp:04X} is dropped outside DROPPED_BLOCKS"
            );
        }
    }
}

#[test]
fn dropped_marks_key_as_the_general_path_keys_them() {
    // every three-byte character alone, after a digit and between digits, and
    // random texts of marks, digits and separators: the same calls, keys and
    // counts with and without the fast path
    let t = ScriptTables::get();
    let run = |text: &str| {
        let (mut a, mut b) = (Events::default(), Events::default());
        let (mut ca, mut cb) = (ScriptCounts::default(), ScriptCounts::default());
        let na = super::super::key_pass::<_, _, true>(t, text, &mut a, &mut Direct(&mut ca));
        let nb = super::super::key_pass::<_, _, false>(t, text, &mut b, &mut Direct(&mut cb));
        assert_eq!((na, a, ca), (nb, b, cb), "{text:?}");
    };
    let mut dropped = 0;
    for c in (0x800..0x1_0000).filter_map(char::from_u32) {
        for text in [format!("{c}"), format!("1{c}2{c}中{c}x{c}")] {
            run(&text);
        }
        dropped += usize::from(
            Ideographs::get()
                .dropped(c.to_string().as_bytes(), 0)
                .is_some(),
        );
    }
    assert!(dropped > 500, "{dropped}");
    let pieces = [
        "，", "。", "：", "．", "－", "／", "、", "“", "”", "…", "—", "1", "２", ".", ",", "中",
        "a", " ", "\u{3000}", "\u{FEFF}", "\u{200B}", "（", "）", "！", "？",
    ];
    for text in crate::chars::random_texts(&pieces, 2000, 30, 3) {
        run(&text);
    }
}
