//! The output text of a line: zero-width and control characters removed, NBSP and
//! space runs tidied, half-width punctuation next to Chinese text widened, trailing
//! whitespace trimmed. Every change is counted in [`TextStats`].
//!
//! A line with none of the characters these rules look at is returned borrowed, so
//! clean Chinese prose costs one scan. Otherwise the cost is linear in the line.

pub use crate::chars::{is_cjk, unified_ideograph};
use crate::chars::{
    is_removable_control, is_trailing_ws, is_wide_punct, is_widenable, is_zero_width, tidy_acts_on,
};
use crate::config::PunctMode;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::OnceLock;

mod pieces;
pub(crate) mod skip;
mod spaces;
use spaces::{may_widen, tidy_invisibles_then_spaces, tidy_spaces};

/// What tidying changed, in characters. Statistics add.
#[derive(
    Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct TextStats {
    /// Half-width `, : ; ! ? ( )` turned full-width.
    pub punct_widened: usize,
    /// Zero-width characters removed (U+200B, U+2060, U+FEFF, …).
    pub zero_width_removed: usize,
    /// C0/C1 control characters removed (tab kept).
    pub control_removed: usize,
    /// No-break spaces turned into spaces.
    pub nbsp_replaced: usize,
    /// Spaces removed next to full-width punctuation, or from runs inside Chinese text.
    pub spaces_removed: usize,
    /// Whitespace characters trimmed from line ends.
    pub trailing_trimmed: usize,
    /// Blank lines dropped (runs collapsed to one, none at the start or end).
    pub blank_lines_removed: usize,
    /// `\r\n` or `\r` line ends written as `\n`.
    pub line_ends_normalized: usize,
    /// Kangxi radicals (U+2F00–U+2FD5) and CJK compatibility ideographs
    /// (U+F900–U+FAFF) replaced by their unified ideographs (`⼀` → `一`, `豈` → `豈`).
    pub ideographs_unified: usize,
    /// HTML character references decoded (`&#39;` → `'`, `&ldquo;` → `“`; see
    /// `normalize::entities`). Absent from the JSON when zero.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub entities_decoded: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl TextStats {
    /// Add another set of counts to this one.
    pub fn add(&mut self, o: &TextStats) {
        self.punct_widened += o.punct_widened;
        self.zero_width_removed += o.zero_width_removed;
        self.control_removed += o.control_removed;
        self.nbsp_replaced += o.nbsp_replaced;
        self.spaces_removed += o.spaces_removed;
        self.trailing_trimmed += o.trailing_trimmed;
        self.blank_lines_removed += o.blank_lines_removed;
        self.line_ends_normalized += o.line_ends_normalized;
        self.ideographs_unified += o.ideographs_unified;
        self.entities_decoded += o.entities_decoded;
    }
}

impl std::ops::AddAssign<&TextStats> for TextStats {
    /// See [`TextStats::add`].
    fn add_assign(&mut self, o: &TextStats) {
        self.add(o);
    }
}

/// Tokens that punctuation widening skips whole: URLs (the characters URLs are
/// written with, so a URL ends at the first Chinese character or space), e-mail
/// addresses, HTML entities, code identifiers with their parentheses (`f(x)`,
/// `print(x, y)`, `obj.run()`) and parenthesized formulas (`(a+b)`). Widening resumes
/// right after a token; trailing sentence punctuation of a URL is not part of it (see
/// [`protected_spans`]).
fn protected_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:(?:https?|ftp)://|www\.)[a-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+|[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}|&(?:[a-z]+|#[0-9]+|#x[0-9a-f]+);|[a-z_][a-z0-9_.]*\([^()\p{Han}\p{Hiragana}\p{Katakana}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]*\)|\([^()\p{Han}\p{Hiragana}\p{Katakana}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]*[+*=^<>][^()\p{Han}\p{Hiragana}\p{Katakana}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]*\)",
        )
        .expect("valid regex")
    })
}

/// Byte spans of the protected tokens of `text` ([`protected_regex`]); a URL gives up
/// its trailing `, . ; : ! ? '` and an unbalanced `)`, which end the sentence around
/// it (`详见https://example.com/a,请…`).
fn protected_spans(text: &str) -> Vec<(usize, usize)> {
    protected_regex()
        .find_iter(text)
        .map(|m| {
            let t = m.as_str();
            let head = &t.as_bytes()[..t.len().min(4)];
            let url = [&b"http"[..], b"ftp:", b"www."]
                .iter()
                .any(|p| head.eq_ignore_ascii_case(p));
            let mut end = m.end();
            if url {
                loop {
                    let s = &text[m.start()..end];
                    match s.as_bytes().last() {
                        Some(b',' | b'.' | b';' | b':' | b'!' | b'?' | b'\'') => end -= 1,
                        Some(b')') if s.matches('(').count() < s.matches(')').count() => end -= 1,
                        _ => break,
                    }
                }
            }
            (m.start(), end)
        })
        .collect()
}

/// What a line needs: nothing, only the space rules (spaces are its only trigger),
/// or every rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// No character any rule acts on.
    Nothing,
    /// ASCII spaces or trailing whitespace, and nothing else a rule acts on: no
    /// invisible, control, no-break space, radical or compatibility ideograph, and no
    /// ASCII mark to widen (so no parenthesized token can protect a space).
    Spaces,
    /// Anything else: the full rules.
    Full,
}

/// What the line needs, in one pass over its bytes: the characters of
/// [`crate::chars::tidy_acts_on`] send it to every rule, ASCII spaces or trailing
/// whitespace alone to the space rules. [`skip::find`] goes 32 bytes at a time
/// (AVX2) to the first byte that may start such a character ([`skip::SCAN`]: not
/// the digits, letters, ideographs and `，：（）“”…` of running text), noting the
/// spaces and `&` it passes; only the characters it stops at are read here, and
/// most are not ones tidying acts on: a full-width mark led by `EF` other than
/// U+FEFF and U+F900–U+FAFF, a character of U+2000–U+203F but U+200B, one of
/// U+00A1–U+00BF, a tab, `z` or `{`.
#[inline]
fn needs_tidy(line: &str, punct: PunctMode) -> Need {
    scan(line, punct).0
}

/// [`needs_tidy`], and whether the line holds a `&` (so may hold a character
/// reference to decode): the scan notes every `&` before it stops at the first
/// trigger, and the rest of the line is searched for one then.
#[inline]
fn scan(line: &str, punct: PunctMode) -> (Need, bool) {
    let wide = punct == PunctMode::Fullwidth;
    let b = line.as_bytes();
    // (the trailing whitespace of `is_trailing_ws`: space, tab, U+3000, NBSP)
    let mut spaces = matches!(b.last(), Some(b' ' | b'\t'))
        || b.ends_with("\u{3000}".as_bytes())
        || b.ends_with("\u{A0}".as_bytes());
    let mut amp = false;
    let mut i = 0;
    loop {
        let f = skip::find(&skip::SCAN, [b' ', b'&'], b, i);
        spaces |= f.seen[0];
        amp |= f.seen[1];
        i = f.at;
        // (a flagged byte starts a character)
        let Some(&x) = b.get(i) else { break };
        i += match x {
            0x00..=0x7F => {
                if tidy_acts_on(char::from(x), wide) {
                    return (Need::Full, amp || memchr::memchr(b'&', &b[i..]).is_some());
                }
                1
            }
            // a full-width mark: not one tidying acts on
            0xEF if !matches!(b.get(i + 1), Some(0xBB | 0xA4..=0xAB)) => 3,
            // U+2000–U+203F (dashes, quotes “”, ellipsis …, ※) but U+200B, and
            // U+00A1–U+00BF (middle dot ·, ×, °): none is one tidying acts on
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) != Some(&0x8B) => 3,
            0xC2 if matches!(b.get(i + 1), Some(0xA1..=0xBF)) => 2,
            // the only lead bytes of a non-ASCII character tidying acts on
            // (`crate::chars` tests it): decode and ask the table
            _ => {
                let c = line[i..].chars().next().unwrap_or_default();
                if tidy_acts_on(c, wide) {
                    return (Need::Full, amp || memchr::memchr(b'&', &b[i..]).is_some());
                }
                c.len_utf8()
            }
        };
    }
    (if spaces { Need::Spaces } else { Need::Nothing }, amp)
}

/// Whether the line may hold a URL, an e-mail address or an HTML entity.
#[inline]
fn may_hold_protected(line: &str) -> bool {
    line.bytes()
        .any(|b| matches!(b, b'/' | b'@' | b'&' | b'.' | b'('))
}

/// Whether [`protected_regex`] can match in `text` at all: each of its tokens holds
/// `://` or `www.` (any case: `(?i)` folds `w` only to `W`), `@`, `&` or a `(` that
/// [`may_open_token`]. Finer than [`may_hold_protected`] (a decimal `3.5` or a date
/// `2024/1/1` has none of them, nor has `(更新时间: …)`), so the search is left out
/// for more pieces; only on the text searched, as removing an invisible character
/// may join such a mark (`w\u{200B}ww.`).
fn may_hold_token(text: &str) -> bool {
    let b = text.as_bytes();
    // (one walk over the `:` and `.` answers both `://` and `www.`)
    memchr::memchr2(b'@', b'&', b).is_some()
        || memchr::memchr_iter(b'(', b).any(|p| may_open_token(text, p))
        || memchr::memchr2_iter(b':', b'.', b).any(|i| {
            if b[i] == b':' {
                b.get(i + 1..i + 3) == Some(b"//")
            } else {
                i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"www")
            }
        })
}

/// Whether the `(` at byte `p` of `text` may open a parenthesized token of
/// [`protected_regex`] (`f(x)`, `(a+b)`): in both, the `(` is followed by characters
/// of the class `[^()\p{Han}\p{Hiragana}\p{Katakana}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]`
/// (the marks `+*=^<>` among them) and then a `)`. So it may not when the first
/// character after it that is a parenthesis or [`bars_token`] is not a `)`
/// (`(更新时间戳: …)`, or another `(`, or none); the other tokens need `://`, `www.`,
/// `@` or `&`, which [`may_hold_token`] looks for itself.
#[inline]
fn may_open_token(text: &str, p: usize) -> bool {
    for c in text[p + 1..].chars() {
        match c {
            ')' => return true,
            '(' => return false,
            c if bars_token(c) => return false,
            _ => {}
        }
    }
    false
}

/// Characters the class between the parentheses of [`protected_regex`]'s tokens
/// leaves out (a test checks each against the class): ideographs of CJK Extension A
/// and the unified block, kana, CJK punctuation and the full-width forms. Not all it
/// leaves out (U+4DC0–U+4DFF, the hexagrams, are in the class; `may_open_token` only
/// needs a part of it).
#[inline]
fn bars_token(c: char) -> bool {
    matches!(
        c as u32,
        0x3000..=0x303F
            | 0x3041..=0x3096
            | 0x30A1..=0x30FA
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xFF00..=0xFFEF
    )
}

/// Tidy one line (no line terminator inside): HTML character references decoded
/// first (`normalize::entities`), then the rules of this module.
/// A line the scan finds no `&` in has nothing to decode (`entities::decode` would
/// return it borrowed, counting none), so it goes by the need that scan found.
/// A line with a `&` but no reference to decode comes back from `entities::decode`
/// as it was, and goes by the need the scan found too (not scanned a second time).
pub fn tidy_line<'a>(line: &'a str, punct: PunctMode, stats: &mut TextStats) -> Cow<'a, str> {
    let (need, amp) = scan(line, punct);
    if !amp {
        return tidy_by_need(line, need, punct, stats);
    }
    let (decoded, n) = super::entities::decode(line);
    stats.entities_decoded += n;
    match decoded {
        // (borrowed: nothing decoded, the line itself; `entities::decode` borrows
        // nothing else)
        Cow::Borrowed(_) => tidy_by_need(line, need, punct, stats),
        Cow::Owned(s) => match tidy_decoded(&s, punct, stats) {
            Cow::Owned(o) => Cow::Owned(o),
            // nothing more to tidy: the decoded line itself, not a second copy
            Cow::Borrowed(_) => Cow::Owned(s),
        },
    }
}

fn tidy_decoded<'a>(line: &'a str, punct: PunctMode, stats: &mut TextStats) -> Cow<'a, str> {
    tidy_by_need(line, needs_tidy(line, punct), punct, stats)
}

#[inline]
fn tidy_by_need<'a>(
    line: &'a str,
    need: Need,
    punct: PunctMode,
    stats: &mut TextStats,
) -> Cow<'a, str> {
    match need {
        Need::Nothing => Cow::Borrowed(line),
        Need::Spaces => tidy_spaces(line, stats),
        Need::Full if punct == PunctMode::Fullwidth && may_widen(line) => {
            pieces::tidy_by_pieces(line, punct, stats)
        }
        Need::Full => tidy_invisibles_then_spaces(line, stats),
    }
}

/// Every rule, on a line of [`Need::Full`]: the line as characters, with the
/// protected tokens marked.
fn tidy_full<'a>(line: &'a str, punct: PunctMode, stats: &mut TextStats) -> Cow<'a, str> {
    let w = widened_chars(line, punct, stats);
    if w.protects_space {
        space_rules_by_chars(line, &w.chars, &w.protected, stats)
    } else {
        spaces_of(line, &w.chars, w.changed, stats)
    }
}

/// A line after steps 1 and 2 of [`tidy_full`].
struct Widened {
    /// The characters, one per item.
    chars: Vec<char>,
    /// Per character: whether it lies in a protected token.
    protected: Vec<bool>,
    /// Whether a protected token holds a space (only a parenthesized one may: `f(a, b)`).
    protects_space: bool,
    /// Whether steps 1 and 2 changed the line.
    changed: bool,
}

/// Whether no rule of `tidy_full`'s step 1 (invisible characters, NBSP, removable
/// controls, compatibility ideographs) acts on `c`: printable ASCII and the
/// ideographs and marks of U+3000..U+F8FF, which the fast paths pass over.
#[inline]
fn step_one_leaves(c: char) -> bool {
    matches!(c as u32, 0x20..=0x7E | 0x3000..=0xF8FF)
}

/// Steps 1 (invisible characters, NBSP, radicals and compatibility ideographs) and 2
/// (punctuation width) of [`tidy_full`].
fn widened_chars(line: &str, punct: PunctMode, stats: &mut TextStats) -> Widened {
    // 1. invisible characters and NBSP
    let mut chars: Vec<char> = Vec::with_capacity(line.len());
    let mut changed = false;
    for c in line.chars() {
        if step_one_leaves(c) {
            chars.push(c);
        } else if is_zero_width(c) {
            stats.zero_width_removed += 1;
            changed = true;
        } else if is_removable_control(c) {
            stats.control_removed += 1;
            changed = true;
        } else if c == '\u{A0}' {
            stats.nbsp_replaced += 1;
            chars.push(' ');
            changed = true;
        } else if let Some(u) = unified_ideograph(c) {
            stats.ideographs_unified += 1;
            chars.push(u);
            changed = true;
        } else {
            chars.push(c);
        }
    }
    // URLs, e-mail addresses and entities, found in the text as it will be written
    // (so a zero-width character inside one cannot change what is protected). The
    // ASCII marks `may_hold_protected` looks for survive step 1 unchanged and it adds
    // none, so a line without them needs no search; a line step 1 left alone is
    // searched as it is.
    let mut protected = vec![false; chars.len()];
    // whether a protected token holds a space (only a parenthesized one may: `f(a, b)`)
    let mut protects_space = false;
    if punct == PunctMode::Fullwidth && may_hold_protected(line) {
        let visible: Cow<'_, str> = if changed {
            Cow::Owned(chars.iter().collect())
        } else {
            Cow::Borrowed(line)
        };
        if may_hold_token(&visible) {
            let mut ci = 0;
            let mut starts = Vec::with_capacity(chars.len() + 1);
            for (b, _) in visible.char_indices() {
                starts.push(b);
            }
            starts.push(visible.len());
            for (ms, me) in protected_spans(&visible) {
                while ci < chars.len() && starts[ci] < ms {
                    ci += 1;
                }
                let mut k = ci;
                while k < chars.len() && starts[k] < me {
                    protected[k] = true;
                    protects_space |= chars[k] == ' ';
                    k += 1;
                }
            }
        }
    }
    // 2. punctuation width
    let widened_before = stats.punct_widened;
    if punct == PunctMode::Fullwidth {
        widen(&mut chars, &protected, stats);
    }
    changed |= stats.punct_widened != widened_before;
    Widened {
        chars,
        protected,
        protects_space,
        changed,
    }
}

/// Step 3 of [`tidy_full`] when no protected token holds a space: the space rules of
/// [`tidy_spaces`] on the text of `chars` (the line after steps 1 and 2; `changed`:
/// whether they changed it), which copies the stretches between space runs instead
/// of pushing every character. The same result and counts as
/// [`space_rules_by_chars`]: both trim the same trailing whitespace, keep the same
/// indentation and decide each later space run by the same two neighbours, and the
/// protection of a character that is not a space changes nothing in step 3. Borrowed
/// exactly when the result is the line (as [`tidy_full`]'s old step 3 compared).
fn spaces_of<'a>(
    line: &'a str,
    chars: &[char],
    changed: bool,
    stats: &mut TextStats,
) -> Cow<'a, str> {
    if !changed {
        // (the text is the line; `tidy_spaces` borrows exactly when it is unchanged)
        return tidy_spaces(line, stats);
    }
    let text: String = chars.iter().collect();
    let out = match tidy_spaces(&text, stats) {
        Cow::Borrowed(_) => text,
        Cow::Owned(o) => o,
    };
    if out == line {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(out)
    }
}

/// Step 3 of [`tidy_full`], character by character: the space rules, with the
/// spaces inside protected tokens kept as they are.
fn space_rules_by_chars<'a>(
    line: &'a str,
    chars: &[char],
    protected: &[bool],
    stats: &mut TextStats,
) -> Cow<'a, str> {
    // 3. spaces
    let mut out = String::with_capacity(line.len());
    let n = chars.len();
    let mut end = n;
    while end > 0 && is_trailing_ws(chars[end - 1]) {
        end -= 1;
    }
    stats.trailing_trimmed += n - end;
    // leading indentation is the author's
    let lead = chars[..end].iter().take_while(|&&c| c == ' ').count();
    let mut i = 0;
    while i < end {
        let c = chars[i];
        if c != ' ' || i == 0 || protected[i] {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < end && chars[j] == ' ' {
            j += 1;
        }
        let (l, r) = (chars[i - 1], chars[j]);
        if i <= lead {
            out.extend(&chars[i..j]);
        } else if (is_wide_punct(l) && (is_cjk(r) || is_wide_punct(r)))
            || (is_wide_punct(r) && (is_cjk(l) || is_wide_punct(l)))
        {
            stats.spaces_removed += j - i;
        } else if j - i >= 2 && (is_cjk(l) || is_cjk(r)) {
            stats.spaces_removed += j - i - 1;
            out.push(' ');
        } else {
            out.extend(&chars[i..j]);
        }
        i = j;
    }
    if out == line {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(out)
    }
}

/// Nearest character before `i` that is not a space.
fn prev_solid(chars: &[char], i: usize) -> Option<char> {
    chars[..i].iter().rev().copied().find(|&c| c != ' ')
}

/// Nearest character after `i` that is not a space.
fn next_solid(chars: &[char], i: usize) -> Option<char> {
    chars[i + 1..].iter().copied().find(|&c| c != ' ')
}

fn widen(chars: &mut [char], protected: &[bool], stats: &mut TextStats) {
    let n = chars.len();
    let near_cjk = |chars: &[char], i: usize| {
        prev_solid(chars, i).is_some_and(is_cjk) || next_solid(chars, i).is_some_and(is_cjk)
    };
    // parentheses as pairs: both widen when the pair sits in or holds Chinese text
    // (only a line with a parenthesis pays for the pairing)
    let has_parens = chars.iter().any(|&c| c == '(' || c == ')');
    let mut pair_of = if has_parens {
        vec![usize::MAX; n]
    } else {
        Vec::new()
    };
    let mut stack = Vec::new();
    for i in (0..n).filter(|_| has_parens) {
        match chars[i] {
            '(' if !protected[i] => stack.push(i),
            ')' if !protected[i] => {
                if let Some(o) = stack.pop() {
                    pair_of[o] = i;
                    pair_of[i] = o;
                }
            }
            _ => {}
        }
    }
    let mut decisions = vec![false; n];
    for i in 0..n {
        let c = chars[i];
        if protected[i] || !is_widenable(c) {
            continue;
        }
        decisions[i] = match c {
            '(' | ')' if pair_of[i] != usize::MAX => {
                let (o, cl) = if c == '(' {
                    (i, pair_of[i])
                } else {
                    (pair_of[i], i)
                };
                chars[o + 1..cl].iter().any(|&x| is_cjk(x))
                    || prev_solid(chars, o).is_some_and(is_cjk)
                    || next_solid(chars, cl).is_some_and(is_cjk)
            }
            ',' | ':'
                if i > 0
                    && i + 1 < n
                    && chars[i - 1].is_ascii_digit()
                    && chars[i + 1].is_ascii_digit() =>
            {
                false
            }
            _ => near_cjk(chars, i),
        };
    }
    if !decisions.contains(&true) {
        // nothing widens, so no run of marks takes a width from a neighbour
        return;
    }
    // a run of marks (`?!`, `),`, also with spaces between: `, ,`) takes one width:
    // if one of it widens, all do; otherwise a second pass would widen the next mark
    // of the run, which then sits beside a full-width one
    let widenable =
        |i: usize| !protected[i] && matches!(chars[i], ',' | ':' | ';' | '!' | '?' | '(' | ')');
    let mut last_solid = None;
    for i in 0..n {
        if chars[i] == ' ' {
            continue;
        }
        if last_solid.is_some_and(|p: usize| decisions[p]) && widenable(i) {
            decisions[i] = true;
        }
        last_solid = Some(i);
    }
    let mut next_solid_at = None;
    for i in (0..n).rev() {
        if chars[i] == ' ' {
            continue;
        }
        if next_solid_at.is_some_and(|q: usize| decisions[q]) && widenable(i) {
            decisions[i] = true;
        }
        next_solid_at = Some(i);
    }
    for i in 0..n {
        if decisions[i] {
            chars[i] = crate::chars::widened(chars[i]);
            stats.punct_widened += 1;
        }
    }
}

#[cfg(test)]
mod tests;
