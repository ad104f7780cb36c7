//! The tests of the key pass ([`super`]): against the oracle
//! `key_line_per_sentence` and the sinks.

use super::super::Analysis;
use super::*;
use crate::normalize::script::ScriptTables;

/// Every non-blank line of `text` keyed by [`key_line`] and by the oracle
/// [`key_line_per_sentence`]: the same paragraphs, sentences, keys and counts.
/// Returns the number of lines whose sentence keys were slices of the line's.
fn keys_alike(text: &str) -> usize {
    let tables = ScriptTables::get();
    let lines = segment::lines(text);
    let (mut s1, mut s2) = (Vec::new(), Vec::new());
    let (mut c1, mut c2) = (ScriptCounts::default(), ScriptCounts::default());
    let (mut k1, mut k2) = (Vec::new(), Vec::new());
    let (mut scratch, mut spans) = (Scratch::default(), Vec::new());
    let mut sliced = 0;
    for (i, l) in lines.iter().enumerate() {
        if segment::is_blank(l.text(text)) {
            continue;
        }
        let p1 = key_line(
            text,
            tables,
            (i, l),
            &mut scratch,
            &mut s1,
            &mut c1,
            &mut k1,
        );
        let mut p2 =
            key_line_per_sentence(text, tables, (i, l), &mut spans, &mut s2, &mut c2, &mut k2);
        // (a short key's sketch, which nothing reads, may be left unmade)
        if p2.key_chars < crate::detect::NEAR_MIN_CHARS && p1.sketch == [u64::MAX; 4] {
            p2.sketch = p1.sketch;
        }
        assert_eq!(format!("{p1:?}"), format!("{p2:?}"), "{:?}", l.text(text));
        sliced += usize::from(p1.sentence_keys);
    }
    assert_eq!(format!("{s1:?}"), format!("{s2:?}"), "{text:?}");
    assert_eq!((c1, k1), (c2, k2), "{text:?}");
    sliced
}

#[test]
fn lines_key_as_sentence_by_sentence() {
    // the committed fixtures and random documents
    let mut sliced = 0;
    let docs = crate::detect::registry::samples::fixtures(&[""]);
    assert!(docs.len() > 20, "{}", docs.len());
    for d in docs
        .iter()
        .chain(&crate::detect::registry::samples::random(200, 7))
    {
        sliced += keys_alike(d);
    }
    assert!(sliced > 1000, "{sliced}");
    // random lines of the pieces that matter: terminators and their runs,
    // closers, spaces, digits and separators (half- and full-width), Latin
    // sentences, ideographs of both scripts, compatibility ideographs
    let pieces = [
        "中",
        "體",
        "發展",
        "。",
        "！",
        "？",
        "!",
        "?",
        ".",
        "…",
        "……",
        "｡",
        "．",
        "”",
        "」",
        "）",
        ")",
        "\"",
        " ",
        "\u{3000}",
        "\u{a0}",
        "\t",
        "1",
        "2024",
        "５",
        "，",
        ",",
        ":",
        "-",
        "/",
        "：",
        "1.5",
        "3.",
        "Hello world. ",
        "U.S. ",
        "e.g. the ",
        "a",
        "\u{F900}",
        "\u{2F00}",
        "\u{200B}",
        "%",
        "图",
        "摄",
        "提供",
        "资料",
        "𠀀",
        "\n",
        "\r\n",
    ];
    for t in crate::chars::random_texts(&pieces, 4000, 29, 11) {
        keys_alike(&t);
    }
}

#[test]
fn the_folds_hash_and_sketch_as_the_sinks_do() {
    // the folds' opaque multipliers are the hashes' own: the same paragraph
    // hash, sentence hash and sketch as feeding each character to the sinks,
    // and the caption hints of each character with the one before it
    use crate::normalize::key::KeySink;
    // (the second key's hints are pairs alone: 提供 and 资料 without 图, 摄 or
    // 视, split within them and around them)
    let keys = [
        "国家统计局今天发布数据显示一季度1.5%增长图片视频提供资料",
        "今天提供资料不提出资金供应提供",
    ];
    let cases = keys.iter().flat_map(|k| {
        let key: Vec<char> = k.chars().collect();
        (0..=key.len()).map(move |split| (key.clone(), split))
    });
    for (key, split) in cases {
        let (mut para, mut sketch) = (KeyHash::default(), BottomK::default());
        fold_keys::<true, true, true>(&key[..split], '\0', &mut para, &mut sketch);
        let prev = if split > 0 { key[split - 1] } else { '\0' };
        // (every other combination of the folds: the same parts as the full one,
        // the others left as they were)
        let (p0, s0) = (para, sketch);
        let other = |f: fn(&[char], char, &mut KeyHash, &mut BottomK) -> (KeyHash, u8)| {
            let (mut p, mut s) = (p0, s0);
            let (own, caption) = f(&key[split..], prev, &mut p, &mut s);
            (p, s, own, caption)
        };
        let all = other(fold_keys::<true, true, true>);
        let none = (all.0, s0, KeyHash::default(), 0);
        let pick = |own: bool, sk: bool, cap: bool| {
            (
                all.0,
                if sk { all.1 } else { none.1 },
                if own { all.2 } else { none.2 },
                if cap { all.3 } else { none.3 },
            )
        };
        assert_eq!(
            other(fold_keys::<true, true, false>),
            pick(true, true, false)
        );
        assert_eq!(
            other(fold_keys::<true, false, true>),
            pick(true, false, true)
        );
        assert_eq!(
            other(fold_keys::<true, false, false>),
            pick(true, false, false)
        );
        assert_eq!(
            other(fold_keys::<false, true, true>),
            pick(false, true, true)
        );
        assert_eq!(
            other(fold_keys::<false, true, false>),
            pick(false, true, false)
        );
        assert_eq!(
            other(fold_keys::<false, false, true>),
            pick(false, false, true)
        );
        assert_eq!(
            other(fold_keys::<false, false, false>),
            pick(false, false, false)
        );
        let (own, caption) =
            fold_keys::<true, true, true>(&key[split..], prev, &mut para, &mut sketch);
        let (mut want, mut want_own, mut want_sketch) =
            (KeyHash::default(), KeyHash::default(), BottomK::default());
        let mut want_caption = 0;
        for (j, &c) in key.iter().enumerate() {
            want.put(c);
            want_sketch.put(c);
            if j >= split {
                want_own.put(c);
                let before = if j > 0 { key[j - 1] } else { '\0' };
                want_caption |= evidence::caption_hint_in_key(before, c);
            }
        }
        assert_eq!(
            (para, own, sketch, caption),
            (want, want_own, want_sketch, want_caption),
            "{split}"
        );
    }
}

/// `key_of` as it keys any span: from the text.
fn keyed(a: &Analysis<'_>, span: (usize, usize)) -> String {
    let mut k = String::new();
    push_key(a.tables(), &a.text[span.0..span.1], &mut k);
    k
}

#[test]
fn a_run_of_sentences_is_keyed_as_its_text() {
    let text = "  新华社北京1月29日电。今天下雨，明天晴！第1. 5项（完）\n                    價格上漲1.5%。發展體育。\u{F900}字\u{2F00}。a.b. U.S. 3,000人…… 好\n                    1.\n标题\n。。。\n数字结尾1。2开头。x\n";
    let a = Analysis::new(text, ScriptTables::get());
    assert!(a.paras.iter().any(|p| p.sentence_keys));
    let mut slices = 0;
    for (pi, p) in a.paras.iter().enumerate() {
        let ss = &a.sentences[p.sentences.0..p.sentences.1];
        let starts = std::iter::once(p.start).chain(ss.iter().map(|s| s.span.0));
        for from in starts {
            for s in ss.iter().filter(|s| s.span.1 >= from) {
                let span = (from, s.span.1);
                assert_eq!(a.key_of(span), keyed(&a, span), "{pi} {span:?}");
                let chars: String = a.key_chars_of(span).iter().collect();
                assert_eq!(chars, keyed(&a, span), "{pi} {span:?}");
                slices += usize::from(a.sentence_run_key(span).is_some());
            }
        }
        // and spans that are no sentence run
        for span in [(p.start, p.end), (p.start + 1, p.end), (p.start, p.start)] {
            if a.text.is_char_boundary(span.0) && span.0 <= span.1 {
                assert_eq!(a.key_of(span), keyed(&a, span), "{pi} {span:?}");
                let chars: String = a.key_chars_of(span).iter().collect();
                assert_eq!(chars, keyed(&a, span), "{pi} {span:?}");
            }
        }
    }
    assert!(slices > 10, "{slices}");
}
