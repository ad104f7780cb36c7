//! Tests of the key pass against per-character references.

use super::*;
use proptest::strategy::Strategy as _;

fn k(s: &str) -> String {
    key(ScriptTables::get(), s).0
}

#[test]
fn sentence_keys_concatenate_only_when_the_line_key_is_theirs() {
    let t = ScriptTables::get();
    // (line, its sentences as byte spans) and whether the check may pass
    let cases: [(&str, &[&str], bool); 6] = [
        ("今天下雨。明天晴！", &["今天下雨。", "明天晴！"], true),
        ("  标题  ", &["标题"], true),
        // a key character outside the sentences
        ("甲。x乙。", &["甲。", "乙。"], false),
        // a sentence ending in a digit or a separator: the line's state carries on
        ("第1", &["第1"], true),
        ("共1.5。", &["共1.", "5。"], false),
        ("共1-5。", &["共1", "-5。"], false),
    ];
    for (line, parts, ok) in cases {
        let mut spans = Vec::new();
        let mut at = 0;
        for p in parts {
            let s = at + line[at..].find(p).expect("part of the line");
            spans.push((s, s + p.len()));
            at = s + p.len();
        }
        let got = sentence_keys_concatenate(line, t, (0, line.len()), &spans);
        assert_eq!(got, ok, "{line}");
        if got {
            let mut joined = String::new();
            for &(a, b) in &spans {
                push_key(t, &line[a..b], &mut joined);
            }
            assert_eq!(joined, k(line), "{line}");
        }
    }
    // where it says no, the two keys do differ
    let mut joined = String::new();
    push_key(t, "共1.", &mut joined);
    push_key(t, "5。", &mut joined);
    assert_ne!(joined, k("共1.5。"));
}

#[test]
fn a_separator_between_digits_stays() {
    assert_eq!(k("上涨1.5%"), "上涨1.5");
    assert_ne!(k("上涨1.5%"), k("上涨15%"));
    assert_eq!(k("上涨１．５％"), k("上涨1.5%"));
    assert_eq!(
        k("比分3:1 2024-01-05 1,000元，1/5"),
        "比分3:12024-01-051,000元1/5"
    );
    // a list of numbers is not one number
    assert_eq!(k("1，2，3"), "1,2,3");
    // not between two digits: dropped as before
    assert_eq!(k("第1. 第2.5."), "第1第2.5");
    assert_eq!(k("a.5 1.b"), "a51b");
}

#[test]
fn script_width_punct_space_fold_together() {
    assert_eq!(k("發展, 科技(5)日。"), k("发展，科技（５）日"));
    assert_eq!(k("ＡＢＣ abc"), "abcabc");
    assert_eq!(k("“好的。”"), "好的");
}

#[test]
fn taiwan_forms_fold_as_the_standard_form() {
    // OpenCC's t2s keeps 著 (显著 is Simplified too); Taiwan writes it for 着
    assert_eq!(k("他看著我，說什麼"), k("他看着我，说什么"));
    assert_eq!(k("偽造"), k("伪造"));
    // a form t2s writes for another character keeps its key
    assert_eq!(k("什么"), "什么");
}

#[test]
fn compatibility_ideographs_and_radicals_fold() {
    // every decomposition fits the four-character buffer of the key loop
    for cp in (0x2E80..=0x2FDF)
        .chain(0xF900..=0xFAFF)
        .chain(0x2F800..=0x2FA1F)
    {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let mut n = 0;
        unicode_normalization::char::decompose_compatible(c, |_| n += 1);
        assert!(n <= 4, "{c:?}");
    }
    // U+F900 is a compatibility form of 豈; U+2F00 KANGXI RADICAL ONE is 一
    assert_eq!(k("\u{F900}"), k("豈"));
    assert_eq!(k("\u{2F00}"), "一");
}

/// The key pass as it was before [`Packed`]: every folded character counted
/// through [`ScriptTables::tally_fold`] (the reference for the packed tally).
fn push_key_tally_per_char(
    tables: &ScriptTables,
    text: &str,
    out: &mut String,
    counts: &mut ScriptCounts,
) -> usize {
    let mut n = 0;
    let (mut after_digit, mut pending) = (false, None);
    for (i, c) in text.char_indices() {
        let cp = c as u32;
        if (0x4E00..=0x9FFF).contains(&cp) {
            out.put(tables.tally_fold(c, counts));
            n += 1;
            after_digit = false;
            pending = None;
            continue;
        }
        if is_key_digit(c) {
            if let Some((sep, _)) = pending.take() {
                out.put(sep);
                n += 1;
            }
            after_digit = true;
        } else if let Some(sep) = digit_separator(c).filter(|_| after_digit) {
            after_digit = false;
            pending = Some((sep, i));
            continue;
        } else {
            after_digit = false;
            pending = None;
        }
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.put(c.to_ascii_lowercase());
                n += 1;
            } else if matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '|' | '~') {
                out.put(c);
                n += 1;
            }
            continue;
        }
        if is_punct(c) || is_invisible(c) {
            continue;
        }
        if (0xFF01..=0xFF5E).contains(&cp) {
            let a = char::from_u32(cp - 0xFEE0).unwrap_or(c);
            out.put(a.to_ascii_lowercase());
            n += 1;
            continue;
        }
        if (0x2E80..=0x2FDF).contains(&cp)
            || (0xF900..=0xFAFF).contains(&cp)
            || (0x2F800..=0x2FA1F).contains(&cp)
        {
            let parts = compatibility_parts(c);
            if !parts.is_empty() {
                for &d in parts.as_slice() {
                    out.put(tables.tally_fold(d, counts));
                }
                n += 1;
                continue;
            }
        }
        out.put(tables.tally_fold(c, counts));
        n += 1;
    }
    n
}

/// Key, key length and counts (from `start`) of `text`, by the key pass and by
/// the per-character reference.
fn both(text: &str, start: ScriptCounts) -> [(String, usize, ScriptCounts); 2] {
    let t = ScriptTables::get();
    let (mut k, mut c) = (String::new(), start);
    let n = push_key_tally(t, text, &mut k, &mut c);
    let (mut k0, mut c0) = (String::new(), start);
    let n0 = push_key_tally_per_char(t, text, &mut k0, &mut c0);
    [(k, n, c), (k0, n0, c0)]
}

#[test]
fn flag_fields_count_every_character_as_tally_fold_does() {
    let t = ScriptTables::get();
    let mut flagged = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mut want = ScriptCounts::default();
        let folded = t.tally_fold(c, &mut want);
        let f = t.flag(c);
        let mut got = ScriptCounts::default();
        add_fields(&mut got, FLAG_FIELDS[usize::from(tally_byte(t, c, f))]);
        assert_eq!(got, want, "{c:?}");
        assert_eq!(fold(t, c, f), folded, "{c:?}");
        flagged += usize::from(want != ScriptCounts::default());
    }
    // the tables do flag characters (not a comparison of zeros)
    assert!(flagged > 1000, "{flagged}");
}

#[test]
fn packed_fields_hold_the_longest_packed_text_and_longer_texts_count_directly() {
    // 體 exists only in Traditional text and t2s changes it
    let mut one = ScriptCounts::default();
    ScriptTables::get().tally_fold('體', &mut one);
    assert_eq!((one.traditional, one.to_simplified), (1, 1));
    let pad = ScriptCounts {
        traditional: 7,
        simplified: 1,
        to_simplified: 2,
        to_traditional: 3,
        phrase_to_simplified: 4,
        partial_t2s: 5,
    };
    for n in [
        FIELD_MAX as usize - 1,
        FIELD_MAX as usize,
        FIELD_MAX as usize + 1,
        9000,
    ] {
        let text = "體".repeat(n);
        assert_eq!(text.len() <= PACKED_MAX_BYTES, n <= FIELD_MAX as usize);
        let [got, want] = both(&text, pad);
        assert_eq!(got, want, "{n}");
        assert_eq!(got.2.traditional, 7 + n, "{n}");
        assert_eq!(got.2.to_simplified, 2 + n, "{n}");
        // the rare path, counted straight into the counts, beside full fields
        let text = format!("{text}\u{F900}ǅé發");
        let [got, want] = both(&text, pad);
        assert_eq!(got, want, "{n}");
    }
}

#[test]
fn every_character_keys_as_the_per_character_reference() {
    // alone, after a digit and beside ideographs: the ideographs decoded from
    // their bytes and looked up in `Ideographs`, and every other character
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        for text in [format!("{c}"), format!("1{c}2中{c}體{c}")] {
            let [got, want] = both(&text, ScriptCounts::default());
            assert_eq!(got, want, "{c:?}");
        }
    }
}

#[test]
fn push_key_keys_as_push_key_tally() {
    let text = "發展1.5%，\u{F900}\u{2F00}ＡＢ体";
    let [(k, n, _), _] = both(text, ScriptCounts::default());
    assert_eq!(key(ScriptTables::get(), text), (k, n));
}

proptest::proptest! {
    /// The packed tally counts, keys and lengths as the per-character tally.
    #[test]
    fn packed_tally_agrees_with_the_per_character_tally(
        v in proptest::collection::vec(proptest::prop_oneof![
            (0x4E00u32..=0x9FFF).prop_map(|c| char::from_u32(c).unwrap_or('中')),
            (0u32..0x40000).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            proptest::sample::select(vec![
                '發', '体', '著', '乾', '干', '臺', '台', '裏', '里', '1', '2', '.', ',',
                '-', '．', '５', 'A', ' ', '。', '，', '\u{F900}', '\u{2F00}', '\u{2F800}',
                '\u{200B}', 'ａ', 'é', '$', '\u{3FFF}', '\u{4000}', '\u{4DFF}', '\u{4E00}',
                '\u{9FFF}', '\u{A000}', '\u{FFFF}', '\u{10000}', '丢', '乾', '亂',
            ]),
        ], 0..80),
        start in (0usize..1000, 0usize..1000, 0usize..1000, 0usize..1000, 0usize..1000),
    ) {
        let text: String = v.iter().collect();
        let start = ScriptCounts {
            traditional: start.0,
            simplified: start.1,
            to_simplified: start.2,
            to_traditional: start.3,
            phrase_to_simplified: start.4,
            partial_t2s: start.0 / 2,
        };
        let [got, want] = both(&text, start);
        proptest::prop_assert_eq!(got, want, "{:?}", text);
    }
}

#[test]
fn invisible_characters_vanish() {
    assert_eq!(k("中\u{200B}文\u{FEFF}\u{00A0}"), "中文");
}
