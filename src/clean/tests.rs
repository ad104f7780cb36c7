use super::*;
use crate::detect::Kind;
use crate::detect::Span;
use crate::segment;

fn d(a: usize, b: usize) -> Decision {
    Decision {
        kind: Kind::Sentence,
        evidence: crate::detect::Evidence::Stutter,
        span: Span::new(a, b),
        content: Span::new(a, b),
        kept: crate::detect::Kept::None,
        similarity: 1.0,
        key_parts: vec![],
        rule: None,
    }
}

/// The walk [`changed_positionally`] replaced: two `chars()` iterators in step.
fn changed_positionally_by_chars(line: &str, conv: &str) -> Option<usize> {
    let (mut a, mut b) = (line.chars(), conv.chars());
    let mut changed = 0;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => changed += usize::from(x != y),
            (None, None) => return Some(changed),
            _ => return None,
        }
    }
}

#[test]
fn changed_positionally_walks_as_the_chars_do() {
    let conv = crate::normalize::opencc::OpenccConverter::new();
    let mut lines: Vec<String> = vec![
        String::new(),
        "a".into(),
        "「我思故我畫」是陳朝寶的個人寫照，他不擅言詞。".into(),
        "薴麻與苧麻，𠀾𡃁x é ñ 1948年".into(),
        "看著窗外，心裡想著家鄉。".into(),
    ];
    for f in std::fs::read_dir("fixtures/clean").expect("fixtures/clean") {
        let p = f.expect("entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            let t = std::fs::read_to_string(p).expect("utf-8 fixture");
            lines.extend(t.lines().map(str::to_string));
        }
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for l in &lines {
        for target in [Target::ZhHans, Target::ZhHant] {
            pairs.push((l.clone(), ScriptConverter::convert(&conv, l, target)));
        }
        pairs.push((l.clone(), l.clone()));
        // lengths that differ, in characters or in bytes
        pairs.push((l.clone(), format!("{l}x")));
        pairs.push((format!("{l}𠀾"), format!("{l}中")));
        pairs.push((format!("é{l}"), format!("{l}中")));
    }
    // random texts over characters of every length, often alike
    let alphabet: Vec<char> = "a,中國国é ñ𠀾𡃁\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}著着"
        .chars()
        .collect();
    let mut rng = crate::chars::xorshift(0x9E37_79B9_7F4A_7C15);
    let mut next = |n: usize| (rng() % n as u64) as usize;
    for _ in 0..5000 {
        let n = next(30);
        let x: Vec<char> = (0..n).map(|_| alphabet[next(alphabet.len())]).collect();
        // the same text with a few characters changed, or cut short
        let mut y = x.clone();
        for _ in 0..next(4) {
            if !y.is_empty() {
                let k = next(y.len());
                y[k] = alphabet[next(alphabet.len())];
            }
        }
        if next(4) == 0 {
            y.truncate(next(n + 1));
        }
        pairs.push((x.iter().collect(), y.iter().collect()));
    }
    for (x, y) in &pairs {
        assert_eq!(
            changed_positionally(x, y),
            changed_positionally_by_chars(x, y),
            "{x:?} {y:?}"
        );
    }
}

/// The fixed point of a full conversion into Simplified, with and without the
/// residue shortcut of a backend that names its residue characters: the same.
#[test]
fn the_residue_shortcut_converts_as_the_full_test_does() {
    struct NoShortcut(crate::normalize::opencc::OpenccConverter);
    impl ScriptConverter for NoShortcut {
        fn convert(&self, text: &str, target: Target) -> String {
            self.0.convert(text, target)
        }
        fn convert_from(
            &self,
            text: &str,
            target: Target,
            region: Region,
            policy: Option<&dyn crate::normalize::script::MatchPolicy>,
        ) -> String {
            self.0.convert_from(text, target, region, policy)
        }
        fn name(&self) -> &'static str {
            "no-shortcut"
        }
    }
    let ours = crate::normalize::opencc::OpenccConverter::new();
    let plain = NoShortcut(crate::normalize::opencc::OpenccConverter::new());
    assert!(ours.full_t2s_residue().is_some() && plain.full_t2s_residue().is_none());
    let opts = |converter: &'static dyn ScriptConverter| RenderOptions {
        punct: PunctMode::Fullwidth,
        target: Target::ZhHans,
        converter,
        tables: ScriptTables::get(),
        final_break: false,
        lines: &[],
        mode: Mode::Full,
        mixed: false,
        user_dict: None,
        any_to_convert: true,
        regional: true,
        partial_lines: None,
    };
    let ours: &'static dyn ScriptConverter = Box::leak(Box::new(ours));
    let plain: &'static dyn ScriptConverter = Box::leak(Box::new(plain));
    for text in [
        "薴麻與苧麻",
        "苧",
        "看著窗外，心裡想著家鄉，薴。",
        "二噁英報導",
        "我思故我畫",
    ] {
        for region in [Region::Standard, Region::Taiwan, Region::HongKong] {
            assert_eq!(
                convert_to_fixpoint(&opts(ours), text, Mode::Full, region),
                convert_to_fixpoint(&opts(plain), text, Mode::Full, region),
                "{text}"
            );
        }
    }
}

/// The characters a full conversion changed, as the converter counts them while
/// it writes ([`ScriptConverter::convert_from_counted`]): what [`changed_chars`]
/// of the line and its conversion counts, and the same conversion as
/// `convert_from`, for every region, on the corpus excerpts' lines.
#[test]
fn the_converters_count_is_the_comparisons() {
    let conv = crate::normalize::opencc::OpenccConverter::new();
    let mut lines: Vec<String> = vec![
        "看著窗外，心裡想著家鄉。二噁英報導".into(),
        "薴麻與苧麻，𠀾𡃁x é ñ 1948年\u{F900}".into(),
        "「我思故我畫」是陳朝寶的個人寫照，他不擅言詞。國家衞生".into(),
    ];
    for t in crate::detect::registry::samples::fixtures(&["clean"]) {
        lines.extend(t.lines().map(str::to_string));
    }
    let (mut known, mut all) = (0, 0);
    for l in &lines {
        for target in [Target::ZhHans, Target::ZhHant, Target::ZhTw] {
            for region in [Region::Standard, Region::Taiwan, Region::HongKong] {
                let (out, n) = conv.convert_from_counted(l, target, region);
                assert_eq!(out, conv.convert_from(l, target, region, None), "{l}");
                if let Some(n) = n {
                    assert_eq!(n, changed_chars(l, &out), "{l}");
                    known += 1;
                }
                all += 1;
            }
        }
    }
    assert!(known * 2 > all, "counted {known} of {all}");
}

#[test]
fn kept_lines_equal_lines_of_cut() {
    let text = "ab\r\ncd\nef\rgh\n\nij";
    for spans in [
        vec![],
        vec![d(1, 3)],
        vec![d(0, 4), d(9, 12)],
        vec![d(3, 9)],
        vec![d(2, 16)],
        // empty removals, removals side by side, at the end
        vec![d(5, 5), d(6, 6)],
        vec![d(1, 2), d(2, 3)],
        vec![d(14, 14), d(15, 15)],
        vec![d(10, 11), d(12, 13), d(15, 16)],
        vec![d(14, 15)],
    ] {
        let kept = cut(text, &spans);
        let want: Vec<(String, bool)> = segment::lines(&kept)
            .iter()
            .map(|l| (l.text(&kept).to_string(), l.has_cr(&kept)))
            .collect();
        let mut got = Vec::new();
        kept_lines(text, &segment::lines(text), &spans, |l, cr| {
            got.push((l.into_owned(), cr))
        });
        assert_eq!(got, want, "{spans:?}");
    }
}

/// The walk [`kept_lines`] replaced: each line break searched for in the text
/// (the shared body, [`kept_lines_by`], takes only those before the removal ahead).
fn kept_lines_by_search<'t>(
    text: &'t str,
    decisions: &[Decision],
    f: impl FnMut(Cow<'t, str>, bool),
) {
    let bytes = text.as_bytes();
    let mut next_break = |pos: usize| memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map(|o| pos + o);
    kept_lines_by(text, decisions, &mut next_break, f);
}

/// Random texts of `\r\n`, `\r`, `\n` and letters, with removals starting and
/// ending anywhere (between the two bytes of a `\r\n` too): [`kept_lines`], which
/// reads the breaks from the text's lines, gives the lines the search for them gave
/// (not always those of [`cut`]: a `\r` and a `\n` brought together by a removal
/// stay two line ends).
#[test]
fn kept_lines_equal_the_search_at_random() {
    let mut rng = crate::chars::xorshift(0x9E37_79B9_7F4A_7C15);
    let pieces = ["\r\n", "\r", "\n", "a", "中", "bc"];
    for _ in 0..3000 {
        let n = (rng() % 12) as usize;
        let text: String = (0..n)
            .map(|_| pieces[(rng() % pieces.len() as u64) as usize])
            .collect();
        let mut cuts: Vec<usize> = (0..(rng() % 5) * 2)
            .map(|_| (rng() % (text.len() as u64 + 1)) as usize)
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        cuts.sort_unstable();
        let spans: Vec<Decision> = cuts.chunks_exact(2).map(|c| d(c[0], c[1])).collect();
        let mut want = Vec::new();
        kept_lines_by_search(&text, &spans, |l, cr| {
            want.push((matches!(l, Cow::Borrowed(_)), l.into_owned(), cr))
        });
        let mut got = Vec::new();
        kept_lines(&text, &segment::lines(&text), &spans, |l, cr| {
            got.push((matches!(l, Cow::Borrowed(_)), l.into_owned(), cr))
        });
        assert_eq!(got, want, "{text:?} {cuts:?}");
    }
}

/// A line joined across a removal is owned (`render` asks such a line the conversion
/// check); the last line, which ends without a line break, is lent from the text when
/// it is one stretch of it, as a line ended by a break is.
#[test]
fn kept_lines_lend_a_line_unless_joined() {
    let text = "ab\ncd\nef";
    for (spans, want) in [
        (vec![], vec![(true, "ab"), (true, "cd"), (true, "ef")]),
        (
            vec![d(1, 2)],
            vec![(false, "a"), (true, "cd"), (true, "ef")],
        ),
        (vec![d(4, 7)], vec![(true, "ab"), (false, "cf")]),
        (vec![d(6, 7)], vec![(true, "ab"), (true, "cd"), (true, "f")]),
        (
            vec![d(7, 7)],
            vec![(true, "ab"), (true, "cd"), (true, "ef")],
        ),
        (vec![d(1, 7)], vec![(false, "af")]),
        (vec![d(6, 8)], vec![(true, "ab"), (true, "cd")]),
    ] {
        let mut got = Vec::new();
        kept_lines(text, &segment::lines(text), &spans, |l, _| {
            got.push((matches!(l, Cow::Borrowed(_)), l.into_owned()));
        });
        let want: Vec<(bool, String)> = want.iter().map(|&(b, s)| (b, s.to_string())).collect();
        assert_eq!(got, want, "{spans:?}");
    }
}

/// `holds_any` answers as a search for each character: for the list its finders were
/// built for (the first asked about) and for another one.
#[test]
fn holds_any_is_a_search_for_each_character() {
    static FIRST: [char; 1] = ['苧'];
    static OTHER: [char; 2] = ['苎', 'a'];
    let texts = [
        "",
        "苧",
        "中文苧麻",
        "中文苎麻",
        "\u{8BA7}\u{8BA7}\u{82E7}",
        "a",
        "苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧苧中",
        "这是一段很长的中文文本，没有那个字，只有别的字：萝卜、白菜、芋头和芝麻。",
    ];
    for _ in 0..2 {
        for list in [&FIRST[..], &OTHER[..]] {
            for t in texts {
                let want = list.iter().any(|&c| t.contains(c));
                assert_eq!(holds_any(t, list), want, "{t:?} {list:?}");
            }
        }
    }
}
