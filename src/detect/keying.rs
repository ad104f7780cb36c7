//! The key pass of [`Analysis::new`](super::Analysis::new): one line keyed in one
//! pass over its characters, which also records where its sentences may end, so
//! the line is segmented into sentences from those marks without another scan of
//! its bytes; each sentence's key characters are then read once more, from the key
//! text, for the sentence's hash and caption hints and the paragraph's hash and
//! sketch; and the line's shape ([`evidence::form`], [`evidence::is_heading_like`]).

use super::{evidence, Para, Sentence};
use crate::chars::may_end_sentence;
use crate::fingerprint::{bigram_lead_by, BottomK, BIGRAM_MUL, LEAD_MUL};
use crate::normalize::key::{
    digit_separator, is_key_digit, push_key, push_key_tally, sentence_keys_concatenate, KeyHash,
    KeySink,
};
use crate::normalize::script::{ScriptCounts, ScriptTables};
use crate::segment::{self, Line};

/// What a sentence's key characters (`key`, just keyed) add to its line's: the
/// paragraph's hash and bottom-k sketch (carried from sentence to sentence; the
/// sketch only when `SKETCH`), and the sentence's own hash and caption hint bits
/// ([`evidence::caption_hint_in_key`]; `prev` is the line's key character before
/// `key`, `'\0'` at the line's start). Read from the key text after the key loop,
/// in a loop of its own whose state stays in registers, instead of four updates
/// per character inside the key loop (which held them in memory); and out of
/// line, so that the registers are its own, not those left over by the key pass
/// it would be inlined into (which kept the paragraph's hash on the stack).
///
/// A sentence whose paragraph hash starts from the empty hash's state (the line's
/// first sentence, or any after only keyless ones) has the paragraph's hash as its
/// own at its end: both fold the same characters from the same state. Its own is
/// then not folded apart.
///
/// The caption hints are read only when `CAPTION`: a sentence whose key holds no
/// character at which [`evidence::caption_hint_in_key`] may answer
/// ([`evidence::is_key_hint_char`], whose spans of the key the key pass records:
/// [`Marks::hints`]) has none (0), and skips the test.
#[inline(never)]
fn fold_sentence<const SKETCH: bool, const CAPTION: bool>(
    key: &[char],
    prev: char,
    para: &mut KeyHash,
    sketch: &mut BottomK,
) -> (KeyHash, u8) {
    if *para == KeyHash::default() {
        let caption = fold_keys::<false, SKETCH, CAPTION>(key, prev, para, sketch).1;
        (*para, caption)
    } else {
        fold_keys::<true, SKETCH, CAPTION>(key, prev, para, sketch)
    }
}

/// The loop of [`fold_sentence`]; the sentence's own hash is folded when `OWN`
/// (the empty hash when not), the sketch when `SKETCH`, the caption hints when
/// `CAPTION` (0 when not).
#[inline(always)]
fn fold_keys<const OWN: bool, const SKETCH: bool, const CAPTION: bool>(
    key: &[char],
    prev: char,
    para: &mut KeyHash,
    sketch: &mut BottomK,
) -> (KeyHash, u8) {
    let (mut p, mut sentence, mut caption) = (*para, KeyHash::default(), 0);
    // (the hashes' multipliers, opaque to the optimiser: kept in registers, not
    // loaded again as constants for every character)
    let (key_mul, bigram_mul, lead_mul) =
        std::hint::black_box((KeyHash::MUL, BIGRAM_MUL, LEAD_MUL));
    let mut bound = sketch.bound();
    // the first character apart (the sketch's bigram with the character before
    // it, if any: [`BottomK::put_under`]), so that the loop pairs each with the
    // one before it, in a register, with no test of whether there is one
    let Some((&first, rest)) = key.split_first() else {
        return (sentence, caption);
    };
    p.add_by(first, key_mul);
    if SKETCH {
        sketch.put_under(first, bigram_mul, &mut bound);
    }
    if OWN {
        sentence.add_by(first, key_mul);
    }
    if CAPTION && evidence::may_hint_in_key(first) {
        caption |= evidence::caption_hint_in_key(prev, first);
    }
    // (the sketch pairs each character with the one before it through that one's
    // lead, [`bigram_lead_by`], computed once per character; the caption hints
    // read the character before `c` only for the few characters that pass their
    // gate: it is not carried in a register)
    let mut lead = bigram_lead_by(first, lead_mul);
    // (one character `c`, after `before`, which is read only past the gate)
    macro_rules! fold {
        ($c:expr, $before:expr) => {{
            let c = $c;
            p.add_by(c, key_mul);
            if SKETCH {
                sketch.pair_led_under(lead, c, bigram_mul, &mut bound);
                // (the last character's lead is computed and not read)
                #[allow(unused_assignments)]
                {
                    lead = bigram_lead_by(c, lead_mul);
                }
            }
            if OWN {
                sentence.add_by(c, key_mul);
            }
            if CAPTION && evidence::may_hint_in_key(c) {
                caption |= evidence::caption_hint_in_key($before, c);
            }
        }};
    }
    // two characters a step, in order (one test of the loop's end for two; four
    // measured more instructions, short sentences' rest taken one by one); the
    // one before `rest[j]` is `key[j]`
    let mut pairs = rest.chunks_exact(2);
    for (m, pair) in (&mut pairs).enumerate() {
        let &[c, d] = pair else {
            break; // (not reached: the chunks are two characters)
        };
        fold!(c, key[2 * m]);
        fold!(d, c);
    }
    if let &[c] = pairs.remainder() {
        fold!(c, key[rest.len() - 1]);
    }
    if SKETCH {
        sketch.follow(*rest.last().unwrap_or(&first));
    }
    *para = p;
    (sentence, caption)
}

/// Buffers [`key_line`] reuses from line to line, and from analysis to analysis
/// on one thread ([`Scratch::take`]).
#[derive(Default)]
pub(super) struct Scratch {
    /// The line's sentences, as byte spans of the text.
    spans: Vec<(usize, usize)>,
    /// The line's characters that may end a sentence ([`Marking`]).
    marks: Marks,
    /// One sentence's key, when the line's key is not its sentences' keys.
    sentence: Vec<char>,
}

thread_local! {
    /// The buffers of the last analysis on this thread ([`Scratch::take`]).
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

/// [`Scratch::give_back`] keeps a buffer only while its capacity is at most this
/// many entries: one huge line (a single-line document of megabytes) would
/// otherwise leave its buffers, tens of MB, with the thread for good.
const KEEP_MAX: usize = 1 << 16;

/// `v`, emptied, when its capacity is at most [`KEEP_MAX`]; else a new vector.
fn bounded<T>(mut v: Vec<T>) -> Vec<T> {
    if v.capacity() > KEEP_MAX {
        return Vec::new();
    }
    v.clear();
    v
}

impl Scratch {
    /// This thread's buffers, as the last analysis gave them back
    /// ([`Scratch::give_back`]; new ones when none did): the capacity the lines of
    /// earlier analyses grew them to is kept (up to [`KEEP_MAX`] entries), so an
    /// analysis of a few lines (most documents of a batch) neither allocates them
    /// nor grows them push by push.
    pub(super) fn take() -> Scratch {
        SCRATCH.take().unwrap_or_default()
    }

    /// Keep `scratch` for the next analysis on this thread, each buffer only while
    /// its capacity is at most [`KEEP_MAX`] entries (a larger one is freed).
    pub(super) fn give_back(scratch: Scratch) {
        let Scratch {
            spans,
            marks: Marks { at, keyed, hints },
            sentence,
        } = scratch;
        SCRATCH.set(Some(Scratch {
            spans: bounded(spans),
            marks: Marks {
                at: bounded(at),
                keyed: bounded(keyed),
                hints: bounded(hints),
            },
            sentence: bounded(sentence),
        }));
    }
}

/// The characters of a line that may end a sentence.
#[derive(Default)]
struct Marks {
    /// Their byte offsets in the line.
    at: Vec<usize>,
    /// For each, the number of key characters of the line before it.
    keyed: Vec<usize>,
    /// Spans of the line's key (offsets from its start, in order, disjoint) that
    /// hold every key character of the caption hints' in it
    /// ([`evidence::is_key_hint_char`]): the ideograph runs that held one
    /// ([`KeySink::hinted`]) and each such character put one by one.
    hints: Vec<(usize, usize)>,
}

/// The sink of a line's key pass: the key characters into the analysis' key text
/// (`keys`, whose line key starts at `k0`), and each character that may end a
/// sentence (as [`crate::chars::next_terminator`] finds them) with the key's length
/// when it is reached. It owns the key text for the pass (taken from and given back
/// to the analysis: its length and capacity are then the sink's own, which measured
/// fewer instructions than a reference to them); the marks, rare, are reached by
/// reference, as are the spans of the key that hold a caption hint's character
/// ([`Marks::hints`]: told by the ideograph runs, [`KeySink::hinted`], tested here
/// for the characters put one by one).
struct Marking<'a> {
    keys: Vec<char>,
    k0: usize,
    marks: &'a mut Marks,
}

impl KeySink for Marking<'_> {
    const HINTS: bool = true;

    #[inline(always)]
    fn put(&mut self, c: char) {
        if evidence::is_key_hint_char(c) {
            let at = self.keys.len() - self.k0;
            self.marks.hints.push((at, at + 1));
        }
        self.keys.push(c);
    }

    #[inline(always)]
    fn hinted(&mut self, n: usize) {
        let end = self.keys.len() - self.k0;
        self.marks.hints.push((end - n, end));
    }

    #[inline(always)]
    fn run_keys(&mut self) -> Option<&mut Vec<char>> {
        Some(&mut self.keys)
    }

    #[inline(always)]
    fn mark(&mut self, byte: usize, c: char) {
        if may_end_sentence(c) {
            self.marks.at.push(byte);
            self.marks.keyed.push(self.keys.len() - self.k0);
        }
    }
}

/// [`push_key_tally`] of `line` into `sink`: a function of its own, not inlined
/// into [`Analysis::new`](super::Analysis::new), so that the key pass's loops
/// have the registers to themselves (inlined, the tables' addresses were
/// reloaded from the stack for every ideograph).
#[inline(never)]
fn key_marking(
    tables: &ScriptTables,
    line: &str,
    sink: &mut Marking<'_>,
    script: &mut ScriptCounts,
) -> usize {
    push_key_tally(tables, line, sink, script)
}

/// [`sentence_keys_concatenate`] of the line `line` of `text` and its sentences
/// `spans`. Sentences tile their line (segmentation splits it without a gap),
/// and then nothing lies before, between or after them: what is left of the test is
/// that none but the last ends in a digit or a separator, read here from their last
/// characters alone. Spans that do not tile are tested in full.
fn concatenate(
    text: &str,
    tables: &ScriptTables,
    line: (usize, usize),
    spans: &[(usize, usize)],
) -> bool {
    let tiles = spans.first().is_some_and(|s| s.0 == line.0)
        && spans.last().is_some_and(|s| s.1 == line.1)
        && spans.windows(2).all(|w| w[0].1 == w[1].0);
    if !tiles {
        return sentence_keys_concatenate(text, tables, line, spans);
    }
    spans[..spans.len() - 1].iter().all(|&(a, b)| {
        text[a..b]
            .chars()
            .next_back()
            .is_none_or(|c| !is_key_digit(c) && digit_separator(c).is_none())
    })
}

/// Line `i`, `l`, of `text` (not blank) keyed in one pass over its characters,
/// tallying its script into `script`, and segmented into sentences (appended to
/// `sentences`) from the sentence ends that pass marked: its [`Para`]. The line's
/// key ([`Analysis::key_of`](super::Analysis::key_of) its span) is appended to
/// `keys`.
///
/// Each sentence's key is a slice of the line's when the line's key is its
/// sentences' keys concatenated ([`sentence_keys_concatenate`]: the sentences tile
/// the line and none but the last ends in a digit or a separator, so the key's state
/// is a fresh one at each sentence start) and the sentences came from the Chinese
/// scanner: then each sentence starts right after the terminator run, closers and
/// spaces that end the one before, which have no key character, so its key starts
/// where the key stood at the last mark before it (and every character keyed to
/// one key character or none: a compatibility character decomposing into more is
/// counted as one). Otherwise (a Latin line, a sentence ending in a number: rare)
/// each sentence is keyed on its own, as before.
/// The same sentences, hashes, sketch and key as `key_line_per_sentence` (the
/// oracle, in the tests).
pub(super) fn key_line(
    text: &str,
    tables: &ScriptTables,
    (i, l): (usize, &Line),
    scratch: &mut Scratch,
    sentences: &mut Vec<Sentence>,
    script: &mut ScriptCounts,
    keys: &mut Vec<char>,
) -> Para {
    let Scratch {
        spans,
        marks,
        sentence: own,
    } = scratch;
    let s0 = sentences.len();
    let k0 = keys.len();
    // (the script of a line is the sum of its sentences': each character is
    // counted on its own, and the sentences tile the line)
    let line = &text[l.start..l.end];
    marks.at.clear();
    marks.keyed.clear();
    marks.hints.clear();
    let mut sink = Marking {
        keys: std::mem::take(keys),
        k0,
        marks: &mut *marks,
    };
    // (`n` counts a compatibility character as one, whatever it decomposes into;
    // `put` is the characters written)
    let n = key_marking(tables, line, &mut sink, script);
    std::mem::swap(keys, &mut sink.keys);
    let put = keys.len() - k0;
    let (at, keyed, hints) = (&marks.at, &marks.keyed, &marks.hints);
    spans.clear();
    let latin = segment::sentences_marked(text, l.start, l.end, at, spans);
    let concatenate = concatenate(text, tables, (l.start, l.end), spans);
    let mut caption_line = false;
    let (mut para, mut sketch) = (KeyHash::default(), BottomK::default());
    let key_chars = if concatenate && !latin && put == n {
        // sentence starts as key offsets: the key's length at the last mark before
        // each (the first sentence starts the line); the sketch only of a line
        // whose key is long enough to be read ([`Para::sketch`])
        let sketched = n >= super::NEAR_MIN_CHARS;
        let mut m = 0;
        let mut from = 0;
        // (the first span of `hints` that does not end before the sentence: the
        // sentence's key holds a caption hint's character only if that span
        // overlaps it, the spans being in order and disjoint; a sentence that holds
        // none has no caption hint, [`fold_sentence`] `CAPTION`)
        let mut h = 0;
        for (j, &span) in spans.iter().enumerate() {
            let to = match spans.get(j + 1) {
                Some(&(next, _)) => {
                    let rel = next - l.start;
                    while at.get(m + 1).is_some_and(|&b| b < rel) {
                        m += 1;
                    }
                    keyed.get(m).copied().unwrap_or(0)
                }
                None => n,
            };
            let prev = if from > 0 { keys[k0 + from - 1] } else { '\0' };
            let key = &keys[k0 + from..k0 + to];
            while hints.get(h).is_some_and(|&(_, end)| end <= from) {
                h += 1;
            }
            let hinted = hints.get(h).is_some_and(|&(start, _)| start < to);
            let (hash, caption) = match (sketched, hinted) {
                (true, true) => fold_sentence::<true, true>(key, prev, &mut para, &mut sketch),
                (true, false) => fold_sentence::<true, false>(key, prev, &mut para, &mut sketch),
                (false, true) => fold_sentence::<false, true>(key, prev, &mut para, &mut sketch),
                (false, false) => fold_sentence::<false, false>(key, prev, &mut para, &mut sketch),
            };
            sentences.push(Sentence {
                span,
                key_chars: to - from,
                key_at: from,
                hash: hash.0,
                may_be_caption: caption & evidence::CAPTION_HINT_ANY != 0,
            });
            caption_line |= caption & evidence::CAPTION_HINT_LINE != 0;
            from = to;
        }
        n
    } else {
        // each sentence keyed on its own (its script is already counted)
        own.clear();
        let mut total = 0;
        for &span in spans.iter() {
            let ks = own.len();
            let kn = push_key(tables, &text[span.0..span.1], own);
            total += kn;
            let prev = if ks > 0 { own[ks - 1] } else { '\0' };
            let (hash, caption) =
                fold_sentence::<true, true>(&own[ks..], prev, &mut para, &mut sketch);
            sentences.push(Sentence {
                span,
                key_chars: kn,
                key_at: ks,
                hash: hash.0,
                may_be_caption: caption & evidence::CAPTION_HINT_ANY != 0,
            });
            caption_line |= caption & evidence::CAPTION_HINT_LINE != 0;
        }
        total
    };
    debug_assert_eq!(keys[k0..].iter().collect::<String>(), {
        let mut k = String::new();
        push_key(tables, line, &mut k);
        k
    });
    Para {
        line: i,
        start: l.start,
        end: l.end,
        key_chars,
        hash: para.0,
        sentences: (s0, sentences.len()),
        sketch: sketch.mins,
        shape: evidence::shape(line, key_chars),
        may_hold_caption_line: caption_line,
        // (the lengths are the key characters each sentence put, so they add up
        // to the key's; checked all the same, as the slices rely on it)
        sentence_keys: concatenate && keys.len() - k0 == key_chars,
    }
}

/// [`key_line`] as it was before the key pass marked the sentence ends: the line
/// segmented first ([`segment::sentences_into`]), each sentence keyed and tallied
/// on its own, the line keyed again when its key is not theirs concatenated. The
/// test oracle.
#[cfg(test)]
pub(super) fn key_line_per_sentence(
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
        let prev = if ks > k0 { keys[ks - 1] } else { '\0' };
        let (sentence, caption) =
            fold_keys::<true, true, true>(&keys[ks..], prev, &mut para, &mut sketch);
        sentences.push(Sentence {
            span,
            key_chars: n,
            key_at: ks - k0,
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
        sentence_keys: concatenate && keys.len() - k0 == key_chars,
    }
}

#[cfg(test)]
mod tests;
