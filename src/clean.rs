//! Applying decisions: walk the input around the removed spans and write the output
//! text line by line (whitespace and punctuation tidied, script converted, blank-line
//! runs collapsed, `\n` line ends). Linear in the input; the kept text is never
//! copied as a whole, a line is borrowed from the input unless a removal cut it.

use crate::config::PunctMode;
use crate::detect::Decision;
use crate::normalize::script::{ScriptConverter, ScriptTables, Target};
use crate::normalize::text::{tidy_line, TextStats};
use crate::segment;
use std::borrow::Cow;

/// The input with every decided span removed, before any normalization. Its length in
/// characters plus the characters removed is the input's length: the report's
/// conservation law.
pub fn cut(text: &str, decisions: &[Decision]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for d in decisions {
        debug_assert!(d.span.0 >= pos, "decisions overlap");
        out.push_str(&text[pos..d.span.0]);
        pos = d.span.1;
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
    /// Whether the document was detected as Traditional (see
    /// [`ScriptTables::needs_conversion`]).
    pub traditional: bool,
    /// Whether the document holds any character to convert (when not, no line is
    /// even looked at for conversion).
    pub any_to_convert: bool,
}

/// Call `f` with every line of the kept text (the input minus `decisions`' spans),
/// and whether its line end was `\r\n` or `\r`. Equivalent to splitting
/// [`cut`]`(text, decisions)` into lines.
pub fn kept_lines<'t>(
    text: &'t str,
    decisions: &[Decision],
    mut f: impl FnMut(Cow<'t, str>, bool),
) {
    let mut carry = String::new();
    let mut carrying = false;
    let mut from = 0;
    let ends = decisions
        .iter()
        .map(|d| (d.span.0, d.span.1))
        .chain(std::iter::once((text.len(), text.len())));
    let bytes = text.as_bytes();
    for (gap_end, next_from) in ends {
        let mut pos = from;
        while pos < gap_end {
            match memchr::memchr2(b'\n', b'\r', &bytes[pos..gap_end]) {
                Some(off) => {
                    let t = pos + off;
                    let cr = bytes[t] == b'\r';
                    let next = if cr && t + 1 < gap_end && bytes[t + 1] == b'\n' {
                        t + 2
                    } else {
                        t + 1
                    };
                    if carrying {
                        carry.push_str(&text[pos..t]);
                        f(Cow::Owned(std::mem::take(&mut carry)), cr);
                        carrying = false;
                    } else {
                        f(Cow::Borrowed(&text[pos..t]), cr);
                    }
                    pos = next;
                }
                None => {
                    carry.push_str(&text[pos..gap_end]);
                    carrying = true;
                    pos = gap_end;
                }
            }
        }
        from = next_from;
    }
    if carrying {
        f(Cow::Owned(carry), false);
    }
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
    kept_lines(text, decisions, |raw, cr| {
        if cr {
            ts.line_ends_normalized += 1;
        }
        let raw: &str = &raw;
        let tidy = tidy_line(raw, o.punct, ts);
        // a line of nothing but zero-width or control characters is blank too
        if segment::is_blank(&tidy) {
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
        if o.any_to_convert && o.tables.needs_conversion(&tidy, o.target, o.traditional) {
            let conv = if o.target == Target::ZhHans && !o.traditional {
                convert_traditional_sentences(o, &tidy)
            } else {
                convert_fully(o, &tidy)
            };
            rs.converted_lines += 1;
            rs.converted_chars += changed_chars(&tidy, &conv);
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

/// A line of a Simplified or mixed document converted into Simplified where it holds
/// Traditional text: sentences without Traditional-only characters keep their
/// characters, so a Simplified sentence beside a Traditional one keeps its 著 (t2s
/// would make 显著 显着). The line is converted whole (OpenCC decides by context,
/// across sentences) and the kept sentences' characters are put back, position by
/// position; when conversion changed the number of characters (a few phrases do), the
/// Traditional sentences are converted one by one instead.
fn convert_traditional_sentences(o: &RenderOptions<'_>, line: &str) -> String {
    let whole = convert_fully(o, line);
    let sentences = segment::sentences(line, 0, line.len());
    let keep: Vec<(usize, usize)> = sentences
        .iter()
        .copied()
        .filter(|&(a, b)| !o.tables.needs_conversion(&line[a..b], o.target, false))
        .collect();
    if keep.is_empty() {
        return whole;
    }
    let kept = |i: usize| {
        let k = keep.partition_point(|s| s.1 <= i);
        keep.get(k).is_some_and(|s| s.0 <= i)
    };
    if line.chars().count() == whole.chars().count() {
        return line
            .char_indices()
            .zip(whole.chars())
            .map(|((i, orig), conv)| if kept(i) { orig } else { conv })
            .collect();
    }
    let mut out = String::with_capacity(whole.len());
    let mut last = 0;
    for (a, b) in sentences {
        out.push_str(&line[last..a]);
        if kept(a) {
            out.push_str(&line[a..b]);
        } else {
            out.push_str(&convert_fully(o, &line[a..b]));
        }
        last = b;
    }
    out.push_str(&line[last..]);
    out
}

/// `text` converted into the target, to a fixed point: converted again while it still
/// holds a Traditional-only character (t2s turns 薴 into 苧 and 苧 into 苎), so that
/// cleaning the output again converts nothing.
fn convert_fully(o: &RenderOptions<'_>, text: &str) -> String {
    let mut conv = o.converter.convert(text, o.target);
    for _ in 0..MAX_CONVERSIONS {
        if o.target != Target::ZhHans || !o.tables.holds_traditional_only(&conv) {
            break;
        }
        let again = o.converter.convert(&conv, o.target);
        if again == conv {
            break;
        }
        conv = again;
    }
    conv
}

/// Characters that differ between a text and its conversion (position by position when
/// the lengths agree, else the longer length minus the common prefix and suffix).
fn changed_chars(a: &str, b: &str) -> usize {
    let (ac, bc) = (a.chars().count(), b.chars().count());
    if ac == bc {
        return a.chars().zip(b.chars()).filter(|(x, y)| x != y).count();
    }
    let pre = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suf = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    ac.max(bc).saturating_sub(pre + suf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Kind;

    fn d(a: usize, b: usize) -> Decision {
        Decision {
            kind: Kind::Sentence,
            span: (a, b),
            content: (a, b),
            kept: (0, 0),
            similarity: 1.0,
            key_parts: vec![],
        }
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
        ] {
            let kept = cut(text, &spans);
            let want: Vec<(String, bool)> = segment::lines(&kept)
                .iter()
                .map(|l| (l.text(&kept).to_string(), l.has_cr(&kept)))
                .collect();
            let mut got = Vec::new();
            kept_lines(text, &spans, |l, cr| got.push((l.into_owned(), cr)));
            assert_eq!(got, want, "{spans:?}");
        }
    }
}
