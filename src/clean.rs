//! Applying decisions: walk the input around the removed spans and write the output
//! text line by line (whitespace and punctuation tidied, script converted, blank-line
//! runs collapsed, `\n` line ends). Linear in the input; the kept text is never
//! copied as a whole, a line is borrowed from the input unless a removal cut it.

use crate::chars;
use crate::config::PunctMode;
use crate::detect::Decision;
use crate::normalize::gb::GbSets;
use crate::normalize::opencc::changed_positionally;
use crate::normalize::opencc::UserDict;
use crate::normalize::region::{Region, RegionForms};
use crate::normalize::script::{
    holds_kana, KeepSimplified, KeepTraditional, Mode, ScriptConverter, ScriptTables, Target,
};
use crate::normalize::text::{tidy_line, TextStats};
use crate::segment::Line;
use std::borrow::Cow;

/// The input with every decided span removed, before any normalization. Its length in
/// characters plus the characters removed is the input's length: the report's
/// conservation law.
pub fn cut(text: &str, decisions: &[Decision]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for d in decisions {
        debug_assert!(d.span.start >= pos, "decisions overlap");
        out.push_str(&text[pos..d.span.start]);
        pos = d.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// What rendering did besides tidying.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    /// Characters the converter changed.
    pub converted_chars: usize,
    /// Lines handed to the converter.
    pub converted_lines: usize,
    /// Characters only Traditional text uses that partial mode into Simplified left
    /// as they are in the lines handed to the converter (see
    /// [`crate::normalize::script::KeepSimplified`]).
    pub unconverted_chars: usize,
    /// Lines converted with `tw2s` and with `hk2s` (see [`RenderOptions::regional`]).
    pub regional_lines: [usize; 2],
    /// Blank lines were dropped before the first line written (or, when nothing was
    /// written, anywhere).
    pub leading_blank: bool,
    /// Blank lines were dropped after the last line written.
    pub trailing_blank: bool,
}

/// Everything `render` needs besides the text.
pub struct RenderOptions<'a> {
    /// Punctuation mode.
    pub punct: PunctMode,
    /// Output script.
    pub target: Target,
    /// The converter.
    pub converter: &'a dyn ScriptConverter,
    /// The script tables.
    pub tables: &'a ScriptTables,
    /// Whether the input ended with a line break (the output does iff it did).
    pub final_break: bool,
    /// The text's lines ([`crate::segment::lines`]; the analysis holds them), which
    /// [`kept_lines`] walks.
    pub lines: &'a [Line],
    /// How much conversion may change ([`ScriptTables::mode`] of the document).
    pub mode: Mode,
    /// The document was detected as `mixed`: a line that is clearly in the source
    /// script by its own counts is converted in full (see `line_mode`).
    pub mixed: bool,
    /// The user's dictionary (`--dict`), applied before the built-in one.
    pub user_dict: Option<&'a UserDict>,
    /// Whether the document holds any character to convert (when not, no line is
    /// even looked at for conversion).
    pub any_to_convert: bool,
    /// Into Simplified, each line converted in full is read in its regional standard
    /// (`t2s`, `tw2s` or `hk2s` by the forms it holds; see
    /// [`crate::normalize::region`]); off for the other targets.
    pub regional: bool,
    /// In partial mode into Simplified, the byte spans of the lines of the text
    /// whose key pass counted a character partial mode may change
    /// ([`crate::detect::Analysis::partial_lines`]): a line of the output is asked
    /// [`ScriptTables::needs_conversion`] only when it overlaps one, was joined
    /// across a removal, or had an entity decoded by tidying, which writes no other
    /// such character the key pass did not count (the test
    /// `a_tidied_character_partial_mode_changes_was_counted`): any other line is
    /// one the check would say no of. `None`: every line is asked.
    pub partial_lines: Option<&'a [(usize, usize)]>,
}

/// Call `f` with every line of the kept text (the input minus `decisions`' spans),
/// and whether its line end was `\r\n` or `\r`. Equivalent to splitting
/// [`cut`]`(text, decisions)` into lines, but that a `\r` and a `\n` a removal
/// brings together stay two line ends. `lines` are `text`'s
/// ([`crate::segment::lines`], which the analysis already holds): the line breaks are
/// read from them, not searched for a second time.
pub fn kept_lines<'t>(
    text: &'t str,
    lines: &[Line],
    decisions: &[Decision],
    f: impl FnMut(Cow<'t, str>, bool),
) {
    // the first line-break byte (`\n` or `\r`) at or after `pos`, for `pos` that never
    // decreases: the line holding `pos`, or whose terminator does, is stepped to (`k`);
    // its terminator starts at its `end`, or is at `pos` itself when `pos` is the `\n`
    // of a `\r\n` (a removal ended between the two); the last line may have none
    let mut k = 0;
    let mut next_break = |pos: usize| {
        while lines.get(k).is_some_and(|l| l.next <= pos) {
            k += 1;
        }
        lines
            .get(k)
            .filter(|l| l.next > l.end)
            .map(|l| l.end.max(pos))
    };
    kept_lines_by(text, decisions, &mut next_break, f);
}

/// [`kept_lines`] with the line breaks given by `next_break(pos)`: the byte offset of
/// the first `\n` or `\r` at or after `pos` (called with `pos` that never
/// decreases), or `None` if there is none.
fn kept_lines_by<'t>(
    text: &'t str,
    decisions: &[Decision],
    next_break: &mut impl FnMut(usize) -> Option<usize>,
    mut f: impl FnMut(Cow<'t, str>, bool),
) {
    // the line being carried over a removal: while it is one stretch of `text`,
    // that stretch (`tail`, `carry` empty: not copied yet), else its bytes (`carry`)
    let mut carry = String::new();
    let mut carrying = false;
    let mut tail: Option<(usize, usize)> = None;
    let mut from = 0;
    let ends = decisions
        .iter()
        .map(|d| (d.span.start, d.span.end))
        .chain(std::iter::once((text.len(), text.len())));
    let bytes = text.as_bytes();
    for (gap_end, next_from) in ends {
        let mut pos = from;
        while pos < gap_end {
            match next_break(pos).filter(|&t| t < gap_end) {
                Some(t) => {
                    let cr = bytes[t] == b'\r';
                    let next = if cr && t + 1 < gap_end && bytes[t + 1] == b'\n' {
                        t + 2
                    } else {
                        t + 1
                    };
                    if carrying {
                        // (a carried line ended by a break is owned, as it was)
                        if let Some((s, e)) = tail.take() {
                            carry.push_str(&text[s..e]);
                        }
                        carry.push_str(&text[pos..t]);
                        f(Cow::Owned(std::mem::take(&mut carry)), cr);
                        carrying = false;
                    } else {
                        f(Cow::Borrowed(&text[pos..t]), cr);
                    }
                    pos = next;
                }
                None => {
                    match tail {
                        // (a stretch right after the carried one: still one stretch)
                        Some((s, e)) if carrying && e == pos => tail = Some((s, gap_end)),
                        Some((s, e)) if carrying => {
                            carry.push_str(&text[s..e]);
                            carry.push_str(&text[pos..gap_end]);
                            tail = None;
                        }
                        _ if carrying => carry.push_str(&text[pos..gap_end]),
                        _ => tail = Some((pos, gap_end)),
                    }
                    carrying = true;
                    pos = gap_end;
                }
            }
        }
        from = next_from;
    }
    if carrying {
        // the last line whole in `text` (not joined across a removal, as a JSONL
        // record's last line, which ends without a line break, mostly is): lent,
        // neither copied nor allocated for. A line joined across a removal must
        // stay owned (`render` asks an owned line the conversion check, as its
        // bytes are no span of the text); this one was not joined, so `render` may
        // test its span as it tests a lent line.
        match tail {
            Some((s, e)) => f(Cow::Borrowed(&text[s..e]), false),
            None => f(Cow::Owned(carry), false),
        }
    }
}

/// Whether byte span `a..b` overlaps one of `spans` (in order, not overlapping).
fn overlaps(spans: &[(usize, usize)], a: usize, b: usize) -> bool {
    let k = spans.partition_point(|&(_, e)| e <= a);
    spans.get(k).is_some_and(|&(s, _)| s < b)
}

/// Conversions of one line at most (OpenCC's t2s reaches its fixed point in two).
const MAX_CONVERSIONS: usize = 3;

/// Write the output text: the kept lines of `text`, tidied and converted.
pub fn render(
    text: &str,
    decisions: &[Decision],
    o: &RenderOptions<'_>,
    ts: &mut TextStats,
    rs: &mut RenderStats,
) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut pending_blank = false;
    let mut any = false;
    kept_lines(text, o.lines, decisions, |raw, cr| {
        if cr {
            ts.line_ends_normalized += 1;
        }
        let at = match &raw {
            Cow::Borrowed(r) => Some(r.as_ptr() as usize - text.as_ptr() as usize),
            Cow::Owned(_) => None,
        };
        let raw: &str = &raw;
        let decoded = ts.entities_decoded;
        let tidy = tidy_line(raw, o.punct, ts);
        // (`RenderOptions::partial_lines`; decoding an entity counts it; asked lazily)
        let decoded = ts.entities_decoded != decoded;
        let line_check = || {
            decoded
                || o.partial_lines
                    .is_none_or(|s| at.is_none_or(|a| overlaps(s, a, a + raw.len())))
        };
        // a line of nothing but zero-width or control characters is blank too
        if crate::segment::is_blank(&tidy) {
            if any && !pending_blank {
                pending_blank = true;
            } else {
                ts.blank_lines_removed += 1;
                rs.leading_blank |= !any;
            }
            return;
        }
        if any {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        any = true;
        let user = o.target != Target::Keep && o.user_dict.is_some_and(|u| u.is_match(&tidy));
        let mode = line_mode(o, &tidy);
        // a line holding kana is not converted (asked once, last, below: most lines
        // of a document in its target script need no conversion anyway)
        let regional = o.regional && o.any_to_convert && mode == Mode::Full;
        // the region and the line's first conversion from one walk, when the
        // converter can (what `convert_line_counted` converts first, since a line
        // whose region is asked has no user dictionary to apply then)
        let first = regional && o.user_dict.is_none();
        let fused = first
            .then(|| o.converter.convert_any_region_counted(&tidy, o.target))
            .flatten();
        let region = match &fused {
            Some((region, ..)) => *region,
            None if regional => RegionForms::get().region(&tidy),
            None => Region::Standard,
        };
        if (user
            || (o.any_to_convert
                && (region != Region::Standard
                    || (line_check() && o.tables.needs_conversion(&tidy, o.target, o.mode)))))
            && !holds_kana(&tidy)
        {
            let (conv, changed) = match fused {
                Some((_, conv, counted)) => fixpoint_after(o, &tidy, mode, region, conv, counted),
                None => convert_line_counted(o, &tidy, mode, region),
            };
            match region {
                Region::Taiwan => rs.regional_lines[0] += 1,
                Region::HongKong => rs.regional_lines[1] += 1,
                Region::Standard => {}
            }
            rs.converted_lines += 1;
            rs.converted_chars += changed;
            if mode == Mode::Partial && o.target == Target::ZhHans {
                rs.unconverted_chars += o.tables.count_partial_t2s(&conv, GbSets::get());
            }
            out.push_str(&conv);
        } else {
            out.push_str(&tidy);
        }
    });
    if pending_blank {
        rs.trailing_blank = true;
        ts.blank_lines_removed += 1;
    }
    if any && o.final_break {
        out.push('\n');
    }
    out
}

/// [`convert_line`] of a non-empty `line`, and the characters it changed
/// ([`changed_chars`]). A line converted whole (no user dictionary, and not partial
/// mode into Simplified, which converts sentence by sentence) is
/// [`convert_to_fixpoint`]'s, which counts the characters it changed itself.
fn convert_line_counted(
    o: &RenderOptions<'_>,
    line: &str,
    mode: Mode,
    region: Region,
) -> (String, usize) {
    if o.user_dict.is_none() && !(mode == Mode::Partial && o.target == Target::ZhHans) {
        return convert_to_fixpoint(o, line, mode, region);
    }
    let conv = convert_line(o, line, mode, region);
    let changed = changed_chars(line, &conv);
    (conv, changed)
}

/// A line converted: the user's dictionary first (its terms are written as it says,
/// protected from the built-in conversion), the text between its terms by
/// [`convert_fully`].
fn convert_line(o: &RenderOptions<'_>, line: &str, mode: Mode, region: Region) -> String {
    let Some(user) = o.user_dict else {
        return convert_fully(o, line, mode, region);
    };
    let mut out = String::with_capacity(line.len() + 8);
    let mut last = 0;
    for (a, b, v) in user.matches(line) {
        out.push_str(&convert_fully(o, &line[last..a], mode, region));
        out.push_str(v);
        last = b;
    }
    out.push_str(&convert_fully(o, &line[last..], mode, region));
    out
}

/// Characters of the source script a line of a mixed document needs, at least, to be
/// converted in full (with no more than a tenth as many of the target script's).
const LINE_EVIDENCE: usize = 3;

/// The mode of one line: the document's, except that in a mixed document a line that
/// is clearly in the source script by its own counts (at least [`LINE_EVIDENCE`]
/// characters only the source script has, and less than a tenth as many of the
/// target's) is converted in full: a Traditional paragraph quoted in a Simplified
/// article becomes Simplified whole (後 → 后, although GB2312 holds 後), while a
/// Simplified line with one Traditional name (郭明錤) keeps it.
fn line_mode(o: &RenderOptions<'_>, line: &str) -> Mode {
    if o.mode == Mode::Full || !o.mixed {
        return o.mode;
    }
    let n = o.tables.count(line);
    let (src, dst) = if o.target == Target::ZhHans {
        (n.traditional, n.simplified)
    } else {
        (n.simplified, n.traditional)
    };
    if src >= LINE_EVIDENCE && dst * 10 < src {
        Mode::Full
    } else {
        Mode::Partial
    }
}

/// `text` converted into the target in the document's mode, to a fixed point: into
/// Simplified, converted again while it still holds a character partial mode would
/// change (t2s turns 薴 into 苧 and 苧 into 苎), so that cleaning the output again
/// converts nothing. In partial mode into Simplified, each sentence is converted only
/// when it gives the evidence ([`ScriptTables::partial_evidence`]): a Traditional
/// character alone in a Simplified sentence is a name or a brand (华为乾崑), and stays.
fn convert_fully(o: &RenderOptions<'_>, text: &str, mode: Mode, region: Region) -> String {
    if mode == Mode::Partial && o.target == Target::ZhHans {
        let gb = GbSets::get();
        let mut out = String::with_capacity(text.len());
        for s in text.split_inclusive(chars::is_sentence_terminator) {
            if o.tables.partial_evidence(s, gb) {
                out.push_str(&convert_to_fixpoint(o, s, mode, region).0);
            } else {
                out.push_str(&half_converted_words(o, s, gb));
            }
        }
        return out;
    }
    convert_to_fixpoint(o, text, mode, region).0
}

/// A Simplified sentence without the evidence of [`ScriptTables::partial_evidence`],
/// with only its half-converted words converted: a Traditional character that partial
/// mode may change, whose Simplified form (the first candidate of `TSCharacters`,
/// one GBK holds, and what t2s writes there) makes with its neighbours a word of
/// OpenCC's `s2t` phrase list that the list writes with that very character (桥樑 →
/// 桥梁, since the list has 桥梁 → 橋樑; 全覆蓋 → 全覆盖; 特別 → 特别). A name's
/// character makes no such word (郑和鑑, 华为乾崑, 麦宗樑), nor one the list writes
/// otherwise (孃孃 stays: the list has 娘娘 → 娘娘), nor one t2s writes otherwise
/// (二噁英 stays: t2s writes 二𫫇英, which GBK lacks).
fn half_converted_words<'s>(o: &RenderOptions<'_>, s: &'s str, gb: &GbSets) -> Cow<'s, str> {
    // the sentence with each such character in its Simplified form
    let mut cand = String::with_capacity(s.len());
    // (character index, byte offset in `cand`, from, to)
    let mut swapped: Vec<(usize, usize, char, char)> = Vec::new();
    for (n, c) in s.chars().enumerate() {
        let v = o.tables.fold_t2s(c);
        if v != c && o.tables.partial_t2s(c, gb) && gb.gbk(v) {
            swapped.push((n, cand.len(), c, v));
            cand.push(v);
        } else {
            cand.push(c);
        }
    }
    // which of them a word of the s2t list writes as they were
    let mut word = vec![false; swapped.len()];
    for (a, b, trad) in crate::normalize::opencc::s2t_phrases(&cand) {
        for (k, &(_, at, from, _)) in swapped.iter().enumerate() {
            word[k] |=
                (a..b).contains(&at) && trad.chars().nth(cand[a..at].chars().count()) == Some(from);
        }
    }
    if !word.contains(&true) {
        return Cow::Borrowed(s);
    }
    // and what t2s itself writes there (二噁英 is 二𫫇英 to t2s, not 二恶英: it stays)
    let t2s: Vec<char> = o.converter.convert(s, Target::ZhHans).chars().collect();
    let mut out: Vec<char> = s.chars().collect();
    for (k, &(n, _, _, to)) in swapped.iter().enumerate() {
        if word[k] && t2s.get(n) == Some(&to) {
            out[n] = to;
        }
    }
    Cow::Owned(out.into_iter().collect())
}

/// [`convert_once`] until a conversion into Simplified leaves nothing partial mode
/// would change (or changes nothing), and the characters the result changed in
/// `text` ([`changed_chars`]). The first conversion's fixed-point test (a residue) reads the conversion
/// only when it may hold one: in full mode, a backend that names the characters such
/// a conversion may leave ([`ScriptConverter::full_t2s_residue`]: 苧 alone, for the
/// built-in one) is asked whether the conversion holds one of them first (a search
/// for a few bytes), and only then for every character; a conversion again, rare, is
/// counted anew.
fn convert_to_fixpoint(
    o: &RenderOptions<'_>,
    text: &str,
    mode: Mode,
    region: Region,
) -> (String, usize) {
    if text.is_empty() {
        return (String::new(), 0);
    }
    // in full mode the converter counts the characters it changed as it writes them,
    // when it can (else `counted` is `None`, and the texts are compared)
    let (conv, counted) = match mode {
        Mode::Full => o.converter.convert_from_counted(text, o.target, region),
        Mode::Partial => (convert_once(o, text, mode, region), None),
    };
    fixpoint_after(o, text, mode, region, conv, counted)
}

/// The rest of [`convert_to_fixpoint`] of a non-empty `text` after its first
/// conversion `conv` (and the characters it changed, `counted`, when the converter
/// counted them).
fn fixpoint_after(
    o: &RenderOptions<'_>,
    text: &str,
    mode: Mode,
    region: Region,
    conv: String,
    counted: Option<usize>,
) -> (String, usize) {
    // (into Simplified only; the search for the few characters first)
    let residue = o.target == Target::ZhHans
        && match (mode, o.converter.full_t2s_residue()) {
            (Mode::Full, Some(chars)) => holds_any(&conv, chars),
            _ => true,
        }
        && o.tables.needs_conversion(&conv, o.target, Mode::Partial);
    if !residue {
        let changed = counted.unwrap_or_else(|| changed_chars(text, &conv));
        return (conv, changed);
    }
    let conv = continue_to_fixpoint(o, conv, mode, region, true);
    let changed = changed_chars(text, &conv);
    (conv, changed)
}

/// Whether `text` holds one of `chars` (a residue list of
/// [`ScriptConverter::full_t2s_residue`]): each searched for as its UTF-8 bytes by a
/// `memchr::memmem` finder built once for the first list asked about (a search for a
/// byte pair, 32 bytes at a time; `str::contains` of a `char` runs memchr on its last
/// byte, `A7` for 苧, frequent in CJK text); another list is searched by strings.
fn holds_any(text: &str, chars: &'static [char]) -> bool {
    use memchr::memmem::Finder;
    // (the list they were built for, by address and length, and the finders)
    static FINDERS: std::sync::OnceLock<(usize, Vec<Finder<'static>>)> = std::sync::OnceLock::new();
    let (of, finders) = FINDERS.get_or_init(|| {
        let f = chars
            .iter()
            .map(|c| Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned());
        (chars.as_ptr() as usize, f.collect())
    });
    if *of == chars.as_ptr() as usize && finders.len() == chars.len() {
        finders.iter().any(|f| f.find(text.as_bytes()).is_some())
    } else {
        chars
            .iter()
            .any(|&c| text.contains(&*c.encode_utf8(&mut [0; 4])))
    }
}

/// The rest of [`convert_to_fixpoint`] after its first conversion `conv`: converted
/// again (at most [`MAX_CONVERSIONS`] times) while it holds a residue (into
/// Simplified, a character partial mode would change: `residue` says so of `conv`)
/// and the conversion changes it.
fn continue_to_fixpoint(
    o: &RenderOptions<'_>,
    mut conv: String,
    mode: Mode,
    region: Region,
    mut residue: bool,
) -> String {
    for _ in 0..MAX_CONVERSIONS {
        if !residue {
            break;
        }
        let again = convert_once(o, &conv, mode, region);
        if again == conv {
            break;
        }
        conv = again;
        residue =
            o.target == Target::ZhHans && o.tables.needs_conversion(&conv, o.target, Mode::Partial);
    }
    conv
}

/// One conversion of `text`: OpenCC's in full mode; in partial mode each match goes
/// through [`KeepSimplified`] or [`KeepTraditional`].
fn convert_once(o: &RenderOptions<'_>, text: &str, mode: Mode, region: Region) -> String {
    // the regional configurations apply in full mode only: in partial mode the
    // policy decides the matches of the first stage, which must be t2s's own
    let conv = |policy: Option<&dyn crate::normalize::script::MatchPolicy>| {
        o.converter
            .convert_from(text, o.target, Region::Standard, policy)
    };
    match (mode, o.target) {
        (Mode::Full, _) => o.converter.convert_from(text, o.target, region, None),
        (Mode::Partial, Target::ZhHans) => conv(Some(&KeepSimplified {
            tables: ScriptTables::get(),
            gb: GbSets::get(),
            input: text,
        })),
        // ScriptTables is a process-wide table: 'static
        (Mode::Partial, _) => conv(Some(&KeepTraditional {
            tables: ScriptTables::get(),
        })),
    }
}

/// Characters that differ between a text and its conversion (position by position when
/// the lengths agree, else the longer length minus the common prefix and suffix).
fn changed_chars(a: &str, b: &str) -> usize {
    // (equal lengths: one walk over the bytes of both)
    if let Some(n) = changed_positionally(a, b) {
        return n;
    }
    let (ac, bc) = (a.chars().count(), b.chars().count());
    let (pre, suf) = crate::chars::common_ends(a.chars(), b.chars());
    ac.max(bc).saturating_sub(pre + suf)
}

#[cfg(test)]
mod tests;
