//! The key pass of [`Analysis::new`](super::Analysis::new): one line segmented
//! into sentences and keyed in one pass over its characters, with its paragraph's
//! hash, sketch, caption hints and shape ([`evidence::form`], [`evidence::is_heading_like`]).

use super::{evidence, Para, Sentence};
use crate::fingerprint::BottomK;
use crate::normalize::key::{push_key, push_key_tally, sentence_keys_concatenate, KeyHash};
use crate::normalize::script::{ScriptCounts, ScriptTables};
use crate::segment::{self, Line};

/// Where [`Analysis::new`]'s one pass puts each key character: the paragraph's hash
/// and bottom-k sketch, the current sentence's hash, what the sentence's key
/// characters hint about caption marks ([`evidence::caption_hint_in_key`]), and the
/// key text itself. One struct (not a tuple of sinks) so that the five updates inline
/// into the key loop.
struct UnitSink<'k> {
    /// The analysis' key text ([`Analysis::key_chars`]), appended to.
    key: &'k mut Vec<char>,
    para: KeyHash,
    sketch: BottomK,
    sentence: KeyHash,
    /// The [`evidence::caption_hint_in_key`] bits of the sentence's key characters.
    caption: u8,
    /// Where the line's key characters start in `key` (the key character before
    /// one, for the pairs of [`evidence::caption_hint_in_key`], is read back from
    /// `key` where it may matter, not kept per character).
    line_start: usize,
}

impl crate::normalize::key::KeySink for UnitSink<'_> {
    #[inline(always)]
    fn put(&mut self, c: char) {
        self.key.push(c);
        self.para.add(c);
        self.sketch.put(c);
        self.sentence.add(c);
        if evidence::may_hint_in_key(c) {
            // the line's key character before `c`, which was just pushed
            let at = self.key.len() - 1;
            let prev = if at > self.line_start {
                self.key[at - 1]
            } else {
                '\0'
            };
            self.caption |= evidence::caption_hint_in_key(prev, c);
        }
    }
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
    let mut sink = UnitSink {
        key: keys,
        para: KeyHash::default(),
        sketch: BottomK::default(),
        sentence: KeyHash::default(),
        caption: 0,
        line_start: k0,
    };
    spans.clear();
    segment::sentences_into(text, l.start, l.end, spans);
    for &span in spans.iter() {
        sink.sentence = KeyHash::default();
        sink.caption = 0;
        let n = push_key_tally(tables, &text[span.0..span.1], &mut sink, script);
        key_chars += n;
        sentences.push(Sentence {
            span,
            key_chars: n,
            hash: sink.sentence.0,
            may_be_caption: sink.caption & evidence::CAPTION_HINT_ANY != 0,
        });
        caption_line |= sink.caption & evidence::CAPTION_HINT_LINE != 0;
    }
    let (hash, sketch) = (sink.para.0, sink.sketch.mins);
    if !sentence_keys_concatenate(text, tables, (l.start, l.end), spans) {
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
    }
}
