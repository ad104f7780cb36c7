//! The unit tests of `normalize::script`: the tables and the bitsets against the
//! flag tests, the byte scans against their readings by characters, the policies
//! and the optional backend.
use super::*;

#[test]
fn partial_t2s_holds_no_character_below_the_radicals() {
    let (t, gb) = (ScriptTables::get(), GbSets::get());
    let below: Vec<char> = (0..0x2E80u32)
        .filter_map(char::from_u32)
        .filter(|&c| t.partial_t2s_flags(c, gb))
        .collect();
    assert!(below.is_empty(), "{below:?}");
}

#[test]
fn tables_know_both_scripts() {
    let t = ScriptTables::get();
    assert_eq!(t.fold_t2s('發'), '发');
    assert_eq!(t.fold_t2s('发'), '发');
    for mode in [Mode::Full, Mode::Partial] {
        assert!(t.needs_conversion("中國", Target::ZhHans, mode));
        assert!(!t.needs_conversion("中国 abc", Target::ZhHans, mode));
        assert!(t.needs_conversion("中国", Target::ZhHant, mode));
    }
    // 著 is Simplified too (显著, GB2312 holds it): converted only in full mode
    assert!(!t.needs_conversion("成就显著", Target::ZhHans, Mode::Partial));
    // t2s itself keeps 著 (OpenCC's data since 5249273); a line where Taiwan's 著
    // stands for 着 goes to tw2s by its region (`region::RegionForms`)
    assert!(!t.needs_conversion("看著", Target::ZhHans, Mode::Full));
    assert!(t.needs_conversion("看著書", Target::ZhHans, Mode::Full));
    // Taiwan's own forms are Traditional text's too, not Simplified-only
    for c in ['群', '峰', '床', '秘', '粽'] {
        assert!(!t.simplified_only(c), "{c}");
    }
    assert!(t.simplified_only('温')); // Hong Kong's form: Simplified elsewhere
    assert!(t.holds_traditional_only("國") && !t.holds_traditional_only("著陞"));
    // characters both scripts use are not Simplified-only
    for c in ['台', '后', '里', '干', '余', '游', '范', '准', '着'] {
        assert!(!t.simplified_only(c), "{c}");
    }
    assert!(t.simplified_only('们') && t.simplified_only('这'));
    let n = t.count("發展經濟，發揚國學发"); // 展 is common to both scripts
    assert_eq!((n.traditional, n.simplified), (7, 1));
    assert_eq!(n.detected(), "mixed"); // 1 of 8 is over 10 %
    assert_eq!(t.count("發展經濟").detected(), "traditional");
    assert_eq!(t.count("发展经济").detected(), "simplified");
    assert_eq!(t.count("abc").detected(), "none");
}

#[test]
fn the_bmp_bits_are_the_flag_test() {
    let (t, gb) = (ScriptTables::get(), GbSets::get());
    assert!(t.flags == FLAG_BYTES);
    let mut n = 0;
    for c in ('\0'..='\u{FFFF}').chain(['\u{10000}', '\u{20000}', '\u{2A6D6}']) {
        let want = c as u32 >= 0x2E80 && t.partial_t2s_flags(c, gb);
        assert_eq!(t.partial_t2s(c, gb), want, "{c:?}");
        n += usize::from(want);
    }
    assert!(n > 1000, "{n}");
}

#[test]
fn kana_by_bytes_as_by_chars() {
    let by_chars = |t: &str| {
        t.chars()
            .any(|c| matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}'))
    };
    for t in [
        "",
        "漢字。",
        "街並み",
        "カタカナ",
        "\u{3040}\u{3097}\u{30A0}\u{30FB}",
        "\u{3041}",
        "\u{3096}",
        "\u{30A1}",
        "\u{30FA}",
        "「引號」、",
        "㐀\u{3fff}",
        "abc\u{e3}",
    ] {
        assert_eq!(holds_kana(t), by_chars(t), "{t:?}");
    }
    for cp in 0x3000..0x3100 {
        let t = format!("中{}文", char::from_u32(cp).unwrap());
        assert_eq!(holds_kana(&t), by_chars(&t), "U+{cp:X}");
    }
}

#[test]
fn gb_sets_and_policies() {
    let gb = GbSets::get();
    assert!(gb.gb2312('坏') && gb.gb2312('著') && gb.gb2312('乾'));
    assert!(!gb.gb2312('們') && gb.gbk('們') && !gb.gbk('𫓹'));
    let mut out = String::new();
    let p = KeepSimplified {
        tables: ScriptTables::get(),
        gb,
        input: "",
    };
    p.apply("坏", "坯", &mut out); // GB2312 holds 坏: stays
    p.apply("錤", "𫓹", &mut out); // GBK lacks 𫓹: stays
    p.apply("們", "们", &mut out);
    assert_eq!(out, "坏錤们");
    // a lone Traditional-only character is a name or a brand: no evidence, kept
    let t = ScriptTables::get();
    assert!(!t.partial_evidence("华为乾崑ADS，乾崑智驾", gb));
    assert!(!t.partial_evidence("孃孃，还头晕不？", gb)); // one character, twice
    assert!(t.partial_evidence("從遠處就能看見", gb));
    assert!(t.partial_evidence("這是另一段。", gb)); // nothing Simplified-only
    assert_eq!(t.count_partial_t2s("华为乾崑，孃孃", gb), 3);
    assert!(holds_kana("街並み") && !holds_kana("街并"));
}

#[test]
fn phrase_only_conversions_and_alternative_forms() {
    let t = ScriptTables::get();
    assert!(t.needs_conversion("幷州", Target::ZhHans, Mode::Full));
    assert!(!t.needs_conversion("州长", Target::ZhHans, Mode::Full));
    assert!(t.needs_conversion("甲胄", Target::ZhHant, Mode::Full));
    assert_eq!(t.fold_t2s('锺'), t.fold_t2s('鍾'));
    // a key of a key is the key
    for c in [
        '裏', '裡', '里', '隻', '只', '複', '復', '专', '資', '寧', '劃', '发',
    ] {
        let f = t.fold_t2s(c);
        assert_eq!(t.fold_t2s(f), f, "{c} -> {f}");
    }
    assert_eq!(t.fold_t2s('裡'), t.fold_t2s('里'));
}

#[test]
fn fmmseg_converts_and_survives_nul() {
    let c = FmmsegConverter::new();
    assert_eq!(c.convert("漢字\0轉換", Target::ZhHans), "汉字\0转换");
    assert_eq!(c.convert("汉字", Target::ZhHant), "漢字");
    assert_eq!(c.convert("漢字", Target::Keep), "漢字");
}

proptest::proptest! {
    /// The byte walk of partial mode's line test answers as a walk by characters.
    #[test]
    fn any_partial_t2s_by_bytes_as_by_chars(v in proptest::collection::vec(proptest::sample::select(vec![
        '中', '国', '發', '這', '苧', '薴', '陞', '著', 'a', ' ', '。', '，', 'é', 'ß', '\u{800}', '\u{FFFF}',
        '\u{2E80}', '\u{3400}', '\u{20000}', '\u{2A6D6}', '\u{1F600}', '𠮷', '\u{7F}', '\u{80}',
    ]), 0..24)) {
        let (t, gb) = (ScriptTables::get(), GbSets::get());
        let text: String = v.into_iter().collect();
        proptest::prop_assert_eq!(t.any_partial_t2s(&text, gb), text.chars().any(|c| t.partial_t2s(c, gb)), "{:?}", text);
    }
}

#[test]
fn any_partial_t2s_on_every_bmp_character() {
    let (t, gb) = (ScriptTables::get(), GbSets::get());
    for c in ('\0'..='\u{FFFF}').chain(['\u{10000}', '\u{20000}', '\u{2A6D6}', '\u{2F800}']) {
        for text in [format!("{c}"), format!("a{c}中"), format!("中é{c}")] {
            assert_eq!(
                t.any_partial_t2s(&text, gb),
                text.chars().any(|c| t.partial_t2s(c, gb)),
                "{c:?}"
            );
        }
    }
}
