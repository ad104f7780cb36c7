//! The key pass of [`Analysis::new`](super::Analysis::new): one line segmented
//! into sentences and keyed in one pass over its characters; each sentence's key
//! characters are then read once more, from the key text, for the sentence's hash
//! and caption hints and the paragraph's hash and sketch; and the line's shape
//! ([`evidence::form`], [`evidence::is_heading_like`]).

use super::{evidence, Para, Sentence};
use crate::fingerprint::BottomK;
use crate::normalize::key::{
    push_key, push_key_tally, sentence_keys_concatenate, KeyHash, KeySink,
};
use crate::normalize::script::{ScriptCounts, ScriptTables};
use crate::segment::{self, Line};

/// What a sentence's key characters (`key`, just keyed) add to its line's: the
/// paragraph's hash and bottom-k sketch (carried from sentence to sentence), and
/// the sentence's own hash and caption hint bits ([`evidence::caption_hint_in_key`];
/// `prev` is the line's key character before `key`, `'\0'` at the line's start).
/// Read from the key text after the key loop, in a loop of its own whose state
/// stays in registers, instead of four updates per character inside the key loop
/// (which held them in memory).
#[inline(always)]
fn fold_sentence(
    key: &[char],
    prev: char,
    para: &mut KeyHash,
    sketch: &mut BottomK,
) -> (KeyHash, u8) {
    let (mut p, mut sentence, mut caption) = (*para, KeyHash::default(), 0);
    for (j, &c) in key.iter().enumerate() {
        p.add(c);
        sketch.put(c);
        sentence.add(c);
        if evidence::may_hint_in_key(c) {
            let before = if j > 0 { key[j - 1] } else { prev };
            caption |= evidence::caption_hint_in_key(before, c);
        }
    }
    *para = p;
    (sentence, caption)
}

/// Line `i`, `l`, of `text` (not blank) segmented into sentences (appended to
/// `sentences`; `spans` is scratch) and keyed in one pass over its characters,
/// tallying its script into `script`: its [`Para`]. The line's key
/// ([`Analysis::key_of`] its span) is appended to `keys`.
pub(super) fn key_line(
    text: &str,
    tables: &ScriptTables,
    (i, l): (usize, &Line),
    spans: &mut Vec<(usize, usize)>,
    sentences: &mut Vec<Sentence>,
    script: &mut ScriptCounts,
    keys: &mut Vec<char>,
) -> Para {
    let s0 = sentences.len();
    let k0 = keys.len();
    let mut key_chars = 0;
    let mut caption_line = false;
    let (mut para, mut sketch) = (KeyHash::default(), BottomK::default());
    spans.clear();
    segment::sentences_into(text, l.start, l.end, spans);
    for &span in spans.iter() {
        let ks = keys.len();
        let n = push_key_tally(tables, &text[span.0..span.1], keys, script);
        key_chars += n;
        // the key character before the sentence's: the line's previous sentence's last
        let prev = if ks > k0 { keys[ks - 1] } else { '\0' };
        let (sentence, caption) = fold_sentence(&keys[ks..], prev, &mut para, &mut sketch);
        sentences.push(Sentence {
            span,
            key_chars: n,
            hash: sentence.0,
            may_be_caption: caption & evidence::CAPTION_HINT_ANY != 0,
        });
        caption_line |= caption & evidence::CAPTION_HINT_LINE != 0;
    }
    let (hash, sketch) = (para.0, sketch.mins);
    let concatenate = sentence_keys_concatenate(text, tables, (l.start, l.end), spans);
    if !concatenate {
        keys.truncate(k0);
        push_key(tables, &text[l.start..l.end], keys);
    }
    debug_assert_eq!(keys[k0..].iter().collect::<String>(), {
        let mut k = String::new();
        push_key(tables, &text[l.start..l.end], &mut k);
        k
    });
    Para {
        line: i,
        start: l.start,
        end: l.end,
        key_chars,
        hash,
        sentences: (s0, sentences.len()),
        sketch,
        shape: evidence::shape(&text[l.start..l.end], key_chars),
        may_hold_caption_line: caption_line,
        // (the lengths are the key characters each sentence put, so they add up
        // to the key's; checked all the same, as the slices rely on it)
        sentence_keys: concatenate && keys.len() - k0 == key_chars,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Analysis;
    use crate::normalize::key::push_key;
    use crate::normalize::script::ScriptTables;

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
}
