//! A body doubled inside one line (kind `inline_block`): `XX`, `X T X` (a headline
//! between the copies) or `X` followed by a near copy of `X`, common when a page's
//! `<p>` tags were stripped and no line break is left.
//!
//! A line is examined only when one of its sentences occurs twice in it (the sentence
//! hashes are already known, so the check is free). A near copy in which every
//! sentence was edited is therefore not looked for; one intact sentence is enough. For such a line the longest
//! repeated, non-overlapping substring of its matching key is found with a suffix
//! array (SA-IS, `suffix` crate) and its LCP array: O(n) time and about 9 bytes of
//! memory per key byte, n the key length, so a 5 MB single line takes well under a
//! second. The two occurrences are then extended in both directions along their
//! diagonal, tolerating a few edited, inserted or deleted characters (a bounded
//! resynchronisation of ±[`RESYNC`] characters after each mismatch, linear in the copy
//! length), which turns an exact core into the whole near copy.
//!
//! Which copy survives: with `--keep auto` the later one when the copies are separated
//! by a short heading-like run of text (the headline goes back in front of its body),
//! or when the later copy is longer (more complete); otherwise the first.

mod dateline;
mod repeat;
mod screen;

use super::evidence::is_heading_like;
use super::registry::origin_in;
use super::{keep_later, round4, Analysis, Decision, Kept, Kind, Span};
use crate::config::Config;
use crate::normalize::key::push_key;
pub use dateline::{is_dateline, MAX_DATELINE_TAIL_CHARS};
use repeat::{extend_bwd, extend_fwd, longest_repeat};
use std::collections::HashSet;

/// The exact core of a doubled body has at least this many key characters.
pub const MIN_CORE_CHARS: usize = 20;
/// A line is examined when a sentence with at least this many key characters occurs
/// twice in it.
pub const MIN_REPEAT_CHARS: usize = 8;
/// After extension, each copy covers at least this share of the line's key.
pub const MIN_COPY_SHARE: f64 = 0.3;
/// How far (in characters) the extension looks to resynchronise after a mismatch.
pub const RESYNC: usize = 3;
/// Characters that must match after a resynchronisation.
const RESYNC_MATCH: usize = 4;

/// [`lines_with`] outside a fixed-point pass (no memo): the tests'.
#[cfg(test)]
pub fn lines(a: &Analysis<'_>, cfg: &Config, removed: &[bool]) -> Vec<Decision> {
    lines_with(a, cfg, removed, &mut LinesMemo::default(), None)
}

/// What [`lines_with`] and [`credit_stutters_with`] keep from one fixed-point pass
/// over a document to the next (in [`super::registry::Memo`]): for each paragraph
/// of the first pass' analysis, answers that are functions of the paragraph's text
/// alone (its sentences are carried with it, `Analysis::carry`), so a later pass
/// reads them for a paragraph the input holds unchanged.
#[derive(Debug, Default)]
pub struct LinesMemo {
    /// [`lines_with`] examined the paragraph in the first pass and found nothing.
    quiet: Vec<bool>,
    /// The paragraph holds no `）（` or `）。（` (`has_credit_pair`): 0 not asked
    /// yet, 1 it holds none, 2 it holds one.
    no_credit_pair: Vec<u8>,
    /// The first pass' text holds no `）（` or `）。（` at all (its screen let it
    /// go, and `no_credit_pair` is empty): a later pass searches only the lines a
    /// removal cut.
    none_in_input: bool,
}

impl LinesMemo {
    /// Whether the first pass left answers for every line.
    #[cfg(test)]
    pub fn is_filled(&self) -> bool {
        !self.quiet.is_empty() && !self.no_credit_pair.is_empty()
    }
}

/// In a later pass of `fixpoint`, for each paragraph its index in the first pass'
/// analysis when it is an unchanged copy of that paragraph; `None` in the first pass.
pub type Later<'o> = Option<&'o [Option<u32>]>;

/// [`LinesMemo`] is filled for a document of at least this many paragraphs only:
/// a smaller one's later passes cost little, and most documents have none (an
/// allocation per document of a corpus cost more than the memo saved).
pub const MEMO_MIN_PARAS: usize = 256;

/// Doubled bodies inside the lines that are not removed, in a pass of `fixpoint`:
/// `later` is `None` in the first pass (which fills `memo`), else for each
/// paragraph its index in the first pass' analysis when it is an unchanged copy of
/// that paragraph. What a line yields
/// (`doubled_line`) is a function of its text and `cfg` alone (its key, its
/// sentences, the text between them; `cfg` is the same in every pass): a paragraph
/// the first pass examined and found nothing in yields nothing again, and is let go.
pub fn lines_with(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &[bool],
    memo: &mut LinesMemo,
    later: Later<'_>,
) -> Vec<Decision> {
    let mut out = Vec::new();
    let fill = later.is_none() && a.paras.len() >= MEMO_MIN_PARAS;
    if fill {
        memo.quiet.clear();
        memo.quiet.resize(a.paras.len(), false);
    }
    // (the sentence hashes of one line, sorted to find a repeat: one buffer for
    // every line, where a hash set per line cost an allocation and a seeded hasher)
    let mut hashes: Vec<u64> = Vec::new();
    for pi in (0..a.paras.len()).filter(|&pi| !removed[pi]) {
        match later {
            // (a push when there is a decision: `extend` from an `Option` of a
            // decision reserved, moved and dropped one a line)
            None => {
                let d = doubled_line(a, cfg, pi, &mut hashes);
                if fill {
                    memo.quiet[pi] = d.is_none();
                }
                if let Some(d) = d {
                    out.push(d);
                }
            }
            Some(_) => {
                let quiet =
                    origin_in(later, pi).is_some_and(|o| memo.quiet.get(o as usize) == Some(&true));
                if !quiet {
                    if let Some(d) = doubled_line(a, cfg, pi, &mut hashes) {
                        out.push(d);
                    }
                }
            }
        }
    }
    out
}

/// What [`lines_with`] finds in paragraph `pi` (not removed): a lead said again after a
/// dateline, or a body doubled inside the line. `hashes` is scratch.
fn doubled_line(
    a: &Analysis<'_>,
    cfg: &Config,
    pi: usize,
    hashes: &mut Vec<u64>,
) -> Option<Decision> {
    let p = &a.paras[pi];
    if p.key_chars < 2 * MIN_WHOLE_CHARS {
        return None;
    }
    let (s0, s1) = p.sentences;
    let repeats =
        p.key_chars >= 2 * MIN_CORE_CHARS && screen::sentence_repeats(&a.sentences[s0..s1], hashes);
    // a line whose opening comes back later in it: a copy with no sentence
    // of its own (`XX` unpunctuated, a lead said again after a dateline)
    if lead_break(a, pi) {
        if let Some(d) = lead_dateline(a, pi) {
            return Some(d);
        }
    }
    let whole = !repeats && key_doubled(a, pi);
    if !repeats && !whole {
        return None;
    }
    doubled(a, cfg, pi, whole)
}

/// A line `XX` with no gap, its copies exact, is doubled when `X` has at least this
/// many key characters (and [`MIN_DISTINCT_CHARS`] different ones: `哈哈哈…` is not a
/// copy).
pub const MIN_WHOLE_CHARS: usize = 12;
/// Distinct key characters a whole-line copy needs.
pub const MIN_DISTINCT_CHARS: usize = 8;
/// Whether one of the first [`MAX_LEAD_SENTENCES`] sentences of paragraph `pi` ends
/// in a run of two or more blanks (a paragraph break lost after a lead): the lines
/// [`lead_dateline`] looks at. Script-blind, so cleaning the output again (in another
/// script) looks at the same lines.
fn lead_break(a: &Analysis<'_>, pi: usize) -> bool {
    let (s0, s1) = a.paras[pi].sentences;
    (s0..s1.min(s0 + MAX_LEAD_SENTENCES)).any(|s| {
        let (b, e) = a.sentences[s].span;
        // (two blanks or more at the end: the last two characters are blanks)
        s + 1 < s1
            && screen::ends_in_blank(&a.text[b..e])
            && a.text[b..e]
                .chars()
                .rev()
                .nth(1)
                .is_some_and(char::is_whitespace)
    })
}

/// Whether paragraph `pi` is one sentence whose key is one phrase written twice
/// (`XX`, no punctuation between): compared on the key, so the copies may differ
/// in script or width.
fn key_doubled(a: &Analysis<'_>, pi: usize) -> bool {
    let p = &a.paras[pi];
    // (a line ending a sentence is a punctuated sentence: `exact`'s and `sentence`'s)
    // (the line's text trimmed only for a line of one sentence of an even key)
    if p.sentences.1 - p.sentences.0 != 1
        || !p.key_chars.is_multiple_of(2)
        || a.text[p.start..p.end]
            .trim_end()
            .ends_with(['。', '！', '？', '!', '?', '.', '…', '；', ';'])
    {
        return false;
    }
    let k: Vec<char> = a.key_chars(pi).to_vec();
    let h = k.len() / 2;
    if !k.len().is_multiple_of(2) || k[..h] != k[h..] {
        return false;
    }
    // the second copy starts right after the first, with nothing between (no blank,
    // no mark): a list written in both scripts (`恒生指数 观塘线 恆生指數 觀塘線`,
    // `札记…；劄記…`) is not a doubled phrase
    let lk = line_key(a, p.start, p.end);
    if h == 0 || h >= lk.src.len() {
        return false;
    }
    let last = lk.base + lk.src[h - 1] as usize;
    let end1 = last + a.text[last..].chars().next().map_or(0, char::len_utf8);
    end1 == lk.base + lk.src[h] as usize
}

/// A lead repeated after a dateline has at most this many sentences (a wire
/// story's teaser paragraph, questions included: `马利基是谁？美国为何阻挠他执政？…`).
pub const MAX_LEAD_SENTENCES: usize = 6;
/// The lead of a wire story written twice (issue 16): the first one to three
/// sentences of a line, then a dateline and nothing else, then the same sentences
/// opening the body (`LEAD␣␣新华社曼谷1月29日电 LEAD…`). The lead goes and the body's
/// copy survives (evidence rule 4, the stutter exception: a lead directly followed
/// by the body opening with it); kind `inline_block`, evidence `stutter`. With
/// `--keep first|last` the same copy goes (the body is the copy to keep).
fn lead_dateline(a: &Analysis<'_>, pi: usize) -> Option<Decision> {
    let p = &a.paras[pi];
    let (s0, s1) = p.sentences;
    let n = (s1 - s0).min(MAX_LEAD_SENTENCES + 1);
    for k in (1..n).rev() {
        let lead_end = a.sentences[s0 + k - 1].span.1;
        let lead_text = &a.text[p.start..lead_end];
        let lead_key = a.key_chars_of((p.start, lead_end));
        if lead_key.len() < MIN_WHOLE_CHARS {
            continue;
        }
        // the copy: the lead's key found again right after a dateline, ending where
        // a sentence of the line ends
        for (j, s) in a.sentences[s0 + k..s1].iter().enumerate() {
            let s = *s;
            let copy_end = match a.sentences.get(s0 + k + j + k - 1) {
                Some(e) if s0 + k + j + k - 1 < s1 => e.span.1,
                _ => break,
            };
            let copy_key = a.key_chars_of((s.span.0, copy_end));
            let Some(dateline_key) = copy_key.strip_suffix(&lead_key[..]) else {
                continue;
            };
            // where the copy of the lead starts in the text: after the dateline
            let want = dateline_key.len();
            let lk = line_key(a, s.span.0, copy_end);
            let mut at = if want < lk.chars.len() {
                lk.src(want)
            } else {
                s.span.0
            };
            // (opening marks before the copy's first character belong to the copy)
            while let Some(c) = a.text[..at].chars().next_back() {
                if !"“‘「『《〈（(\"'".contains(c) || at <= lead_end {
                    break;
                }
                at -= c.len_utf8();
            }
            // (closing marks the sentence split left after the lead go with it)
            let closers = |c: char| c.is_whitespace() || "。！？!?.”’」』）)".contains(c);
            let gap = &a.text[lead_end..at];
            let gap = gap.trim_start_matches(closers);
            let cut = at - gap.len();
            if !is_dateline(gap) || !a.text[at..copy_end].contains(lead_text.trim().chars().next()?)
            {
                continue;
            }
            // the lead and the blanks after it go, up to the dateline
            let content_end = p.start + a.text[p.start..cut].trim_end().len();
            return Some(Decision {
                kind: Kind::InlineBlock,
                evidence: super::Evidence::Stutter,
                span: Span::new(p.start, cut),
                content: Span::new(p.start, content_end),
                kept: Kept::Copy(Span::new(at, copy_end)),
                similarity: 1.0,
                key_parts: vec![lead_key.iter().collect()],
                rule: None,
            });
        }
    }
    None
}

/// A bracketed credit has at most this many characters inside its brackets.
pub const MAX_CREDIT_CHARS: usize = 12;

/// [`credit_stutters_with`] outside a fixed-point pass (no memo): the tests'.
#[cfg(test)]
pub fn credit_stutters(
    a: &Analysis<'_>,
    removed: &[bool],
    taken: &[(usize, usize)],
) -> Vec<Decision> {
    credit_stutters_screened(a, removed, taken, true, (&mut LinesMemo::default(), None))
}

/// A bracketed credit written twice in a row at the end of a paragraph or before a
/// blank (`…。（路透）（路透）`, `…（刘记者）。（刘记者）。`): a stutter too short for the
/// sentence minimum. The second copy goes (kind `sentence`, evidence `stutter`).
/// One scan of each line for `（`. In a pass of `fixpoint`, `memo` and `later` as
/// for [`lines_with`]: whether a line holds `）（` or `）。（` is a function of its
/// text, answered once for a paragraph the input holds unchanged.
pub fn credit_stutters_with(
    a: &Analysis<'_>,
    removed: &[bool],
    taken: &[(usize, usize)],
    memo: &mut LinesMemo,
    later: Later<'_>,
) -> Vec<Decision> {
    credit_stutters_screened(a, removed, taken, true, (memo, later))
}

/// [`credit_stutters_with`], with its screen of the whole text when `screen`: the
/// same decisions either way (the tests compare them).
fn credit_stutters_screened(
    a: &Analysis<'_>,
    removed: &[bool],
    taken: &[(usize, usize)],
    screen: bool,
    (memo, later): (&mut LinesMemo, Later<'_>),
) -> Vec<Decision> {
    let mut out = Vec::new();
    // (a line holding `）（` or `）。（` is a stretch of the text holding it: one
    // search of the whole text lets most documents go, instead of one per line; a
    // later pass whose first pass answered for every line reads the answers
    // instead, a search of the whole text each, when the pair is rare and late in
    // a 10 MB text)
    let answered = later.is_some() && (memo.none_in_input || !memo.no_credit_pair.is_empty());
    if screen && !answered && !has_credit_pair(a.text) {
        memo.none_in_input = later.is_none();
        return out;
    }
    if later.is_none() {
        memo.none_in_input = false;
        memo.no_credit_pair.clear();
        if a.paras.len() >= MEMO_MIN_PARAS {
            memo.no_credit_pair.resize(a.paras.len(), 0);
        }
    }
    for (pi, p) in a.paras.iter().enumerate() {
        if removed[pi] {
            continue;
        }
        let line = &a.text[p.start..p.end];
        // (a credit written twice has `）（` or `）。（` in it: one search for `）`
        // passes over every other line; asked once per line of the input)
        let first = origin_in(later, pi).map(|o| o as usize);
        let answer = first.and_then(|f| memo.no_credit_pair.get_mut(f));
        let pair = match answer {
            // (a line of the input, when the input holds no pair)
            _ if memo.none_in_input && first.is_some() => false,
            Some(&mut known @ 1..) => known == 2,
            Some(slot) => {
                let pair = has_credit_pair(line);
                *slot = 1 + u8::from(pair);
                pair
            }
            None => has_credit_pair(line),
        };
        if !pair {
            continue;
        }
        for (open, _) in line.match_indices('（') {
            let rest = &line[open..];
            let Some(close) = rest.find('）') else {
                break;
            };
            let inner = &rest['（'.len_utf8()..close];
            let chars = inner.chars().count();
            if chars == 0
                || chars > MAX_CREDIT_CHARS
                || inner.contains('（')
                || !inner.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}'))
            {
                continue;
            }
            let mut unit = close + '）'.len_utf8();
            if rest[unit..].starts_with('。') {
                unit += '。'.len_utf8();
            }
            let copy = &rest[..unit];
            let after = &rest[unit..];
            if !after.starts_with(copy) {
                continue;
            }
            let tail = &after[copy.len()..];
            if !(tail.is_empty() || tail.starts_with(char::is_whitespace)) {
                continue;
            }
            let span = (p.start + open + unit, p.start + open + 2 * unit);
            if taken.iter().any(|t| t.0 < span.1 && span.0 < t.1) {
                continue;
            }
            out.push(Decision {
                kind: Kind::Sentence,
                evidence: super::Evidence::Stutter,
                span: span.into(),
                content: span.into(),
                kept: Kept::Copy(Span::new(p.start + open, p.start + open + unit)),
                similarity: 1.0,
                key_parts: vec![a.key_of(span)],
                rule: None,
            });
        }
    }
    out
}

/// Whether `line` holds `）（` or `）。（` (where a bracketed credit may be written
/// twice): one vectorised search for `）` (a `memchr::memmem` finder built once per
/// run: building one costs some 280 instructions, a noticeable share of a
/// one-sentence document), each hit checked for what follows, instead of a
/// substring search per pattern.
fn has_credit_pair(line: &str) -> bool {
    static CLOSE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("）"));
    let b = line.as_bytes();
    CLOSE.find_iter(b).any(|i| {
        let r = &b[i + "）".len()..];
        r.starts_with("（".as_bytes()) || r.starts_with("。（".as_bytes())
    })
}

/// Marks that open what follows them: quotes, brackets, list bullets.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '「'
            | '『'
            | '（'
            | '('
            | '《'
            | '【'
            | '‘'
            | '〔'
            | '［'
            | '•'
            | '●'
            | '■'
            | '▲'
            | '◆'
            | '★'
            | '▪'
            | '◇'
            | '○'
            | '·'
    )
}

/// The key of `text[start..end]`, character by character, with each key character's
/// source byte offset in the input.
struct LineKey {
    chars: Vec<char>,
    /// Source offsets relative to `base` (4 bytes each: a line is under 4 GiB).
    src: Vec<u32>,
    base: usize,
}

impl LineKey {
    /// Input byte offset of the source character of key character `c`.
    fn src(&self, c: usize) -> usize {
        self.base + self.src[c] as usize
    }
}

fn line_key(a: &Analysis<'_>, start: usize, end: usize) -> LineKey {
    /// Key characters with the offset of the character each came from.
    struct Located {
        key: LineKey,
        at: u32,
    }
    impl crate::normalize::key::KeySink for Located {
        #[inline]
        fn put(&mut self, c: char) {
            self.key.chars.push(c);
            self.key.src.push(self.at);
        }
        #[inline]
        fn at(&mut self, byte: usize) {
            self.at = byte as u32;
        }
    }
    let mut out = Located {
        key: LineKey {
            chars: Vec::new(),
            src: Vec::new(),
            base: start,
        },
        at: 0,
    };
    push_key(a.tables(), &a.text[start..end], &mut out);
    out.key
}

/// Shift two aligned copies along their diagonal so that the second starts where a
/// sentence starts, when the text on both sides allows it (a repeated run such as
/// `XXX` aligns at any offset; removing whole sentences leaves the rest of the line
/// clean, so cleaning twice gives what cleaning once gave).
fn snap_to_sentence(
    a: &Analysis<'_>,
    pi: usize,
    lk: &LineKey,
    (s1, e1, s2, e2): (usize, usize, usize, usize),
) -> (usize, usize, usize, usize) {
    let k = &lk.chars;
    let (f, l) = a.paras[pi].sentences;
    // key positions where a sentence starts (src is sorted by byte offset, and the
    // sentences are in order: so are these positions, searched by bisection rather
    // than hashed into a set)
    let starts: Vec<usize> = a.sentences[f..l]
        .iter()
        .map(|s| {
            lk.src
                .partition_point(|&b| lk.base + (b as usize) < s.span.0)
        })
        .filter(|&p| p < k.len())
        .collect();
    debug_assert!(starts.is_sorted());
    let is_start = |p: usize| starts.binary_search(&p).is_ok();
    if is_start(s2) {
        return (s1, e1, s2, e2);
    }
    let period = s2 - s1;
    for d in 1..period.min(256) {
        // backwards: the characters before both copies agree
        if d <= s1 && is_start(s2 - d) && k[s1 - d..s1] == k[s2 - d..s2] {
            return (s1 - d, e1 - d, s2 - d, e2 - d);
        }
        // forwards: the characters after both copies agree
        if e2 + d <= k.len() && is_start(s2 + d) && k[e1..e1 + d] == k[e2..e2 + d] {
            return (s1 + d, e1 + d, s2 + d, e2 + d);
        }
    }
    (s1, e1, s2, e2)
}

/// `strict`: the line was examined only because its key is one phrase written twice
/// ([`key_doubled`]), not because a sentence repeats: then only the whole line
/// written twice counts.
fn doubled(a: &Analysis<'_>, cfg: &Config, pi: usize, strict: bool) -> Option<Decision> {
    let (start, end) = (a.paras[pi].start, a.paras[pi].end);
    if end - start >= u32::MAX as usize {
        return None; // only a line cleaned whole with `--window 0` can be this long
    }
    // (the line's key as `line_key` makes it, kept by the analysis: the source
    // offsets are made only for copies that pass the tests on the key below)
    let k = a.key_chars(pi);
    let n = k.len();
    if !screen::may_hold_copies(k, cfg.near_threshold) {
        return None; // (too few repeated bigrams for two copies: `screen`)
    }
    let (x, y, l) = longest_repeat(k)?;
    // the whole line written twice, nothing else, with no sentence end to split it
    // (a punctuated sentence written twice is a `sentence` stutter)
    let whole = a.paras[pi].sentences.1 - a.paras[pi].sentences.0 == 1
        && x == 0
        && y == l
        && 2 * l == n
        && k[..l].iter().collect::<HashSet<_>>().len() >= MIN_DISTINCT_CHARS;
    if l < MIN_CORE_CHARS.max(cfg.min_sentence_chars) && !(whole && l >= MIN_WHOLE_CHARS) {
        return None;
    }
    let (e1, e2, mf, ef) = extend_fwd(k, x + l, y + l, y, l);
    let (s1, s2, mb, eb) = extend_bwd(k, x, y, e1, l + mf);
    let (len1, len2) = (e1 - s1, e2 - s2);
    let small_share = (len1.min(len2) as f64) < MIN_COPY_SHARE * n as f64;
    let matched = l + mf + mb;
    let similarity = matched as f64 / len1.max(len2) as f64;
    // (the snap below moves the copies, not their lengths: tested before it)
    if small_share || similarity < cfg.near_threshold || ef + eb > len1.max(len2) / 4 {
        return None;
    }
    if strict && !whole {
        return None;
    }
    let lk = line_key(a, start, end);
    debug_assert_eq!(lk.chars, k);
    let (s1, e1, s2, e2) = snap_to_sentence(a, pi, &lk, (s1, e1, s2, e2));
    let byte_start = |c: usize| if c == 0 { start } else { lk.src(c) };
    // a copy ends after its last key character and the closing marks after it (。”),
    // not at the next key character: an opening mark or bullet in between (the 【 of
    // a headline, the • of the next item) belongs to what follows
    let byte_end = |c: usize| {
        if c >= n {
            return end;
        }
        if c == 0 {
            return start;
        }
        let next = lk.src(c);
        let last = lk.src(c - 1);
        let mut e = last + a.text[last..].chars().next().map_or(0, char::len_utf8);
        for ch in a.text[e..next].chars() {
            if is_opening(ch) {
                break;
            }
            e += ch.len_utf8();
        }
        e.min(next)
    };
    // what separates the copies: a headline means the later copy is the article's
    let gap = &a.text[byte_end(e1).min(byte_start(s2))..byte_start(s2)];
    let heading_gap = s2 > e1 && is_heading_like(gap.trim(), s2 - e1);
    // a deck: the first copy opens the line and ends where a paragraph break was
    // lost (a run of blanks), and the second copy runs on inside the body after a
    // sentence of its own (`X␣␣␣T X…`): a summary quoting its body, the author's
    // (evidence rule 4): both stay
    let deck = s1 == 0
        && s2 > e1
        && e1 > 0
        && a.text[lk.src(e1 - 1)..lk.src(e1)]
            .chars()
            .filter(|c| c.is_whitespace())
            .count()
            >= 2
        && a.text[..byte_start(s2)]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
    // a photo caption: the later copy is followed by a photo credit (`…X。記者林良齊／
    // 攝影`), a picture's caption repeating a sentence of the body: both stay
    let (s0, s1p) = a.paras[pi].sentences;
    let captioned = (s0..s1p)
        .find(|&s| a.sentences[s].span.0 >= byte_end(e2))
        .is_some_and(|s| a.is_credit(s));
    if deck || captioned {
        return None;
    }
    let later = keep_later(cfg.keep, heading_gap || len2 > len1);
    let (rs, re, ks, ke) = if later {
        (s1, e1, s2, e2)
    } else {
        (s2, e2, s1, e1)
    };
    let mut span = (byte_start(rs), byte_end(re));
    // opening marks and bullets right before the removed copy go with it (the copy's
    // own “ or •), down to where the text before it ends
    // where the text before the removed copy ends
    let floor = if rs > 0 {
        byte_end(rs).max(start)
    } else {
        start
    };
    while let Some(c) = a.text[floor..span.0].chars().next_back() {
        if is_opening(c) {
            span.0 -= c.len_utf8();
        } else {
            break;
        }
    }
    Some(Decision {
        kind: Kind::InlineBlock,
        evidence: super::Evidence::DoubledLine,
        span: span.into(),
        content: span.into(),
        kept: Kept::Copy(Span::new(byte_start(ks), byte_end(ke))),
        similarity: round4(similarity.min(1.0)),
        key_parts: vec![k[rs..re].iter().collect()],
        rule: None,
    })
}

#[cfg(test)]
mod tests;
