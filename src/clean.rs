//! Applying decisions: cut the removed spans out of the input, then write the output
//! text line by line (whitespace and punctuation tidied, script converted, blank-line
//! runs collapsed, `\n` line ends). Linear in the input.

use crate::config::PunctMode;
use crate::detect::Decision;
use crate::normalize::script::{ScriptConverter, ScriptTables, Target};
use crate::normalize::text::{tidy_line, TextStats};
use crate::segment;

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
    /// Whether the document holds any character to convert (when not, no line is
    /// even looked at for conversion).
    pub any_to_convert: bool,
}

/// Write the output text of `kept`.
pub fn render(
    kept: &str,
    o: &RenderOptions<'_>,
    ts: &mut TextStats,
    rs: &mut RenderStats,
) -> String {
    let mut out = String::with_capacity(kept.len() + 16);
    let mut pending_blank = false;
    let mut any = false;
    for l in segment::lines(kept) {
        if l.has_cr(kept) {
            ts.line_ends_normalized += 1;
        }
        let raw = l.text(kept);
        if segment::is_blank(raw) {
            if any && !pending_blank {
                pending_blank = true;
            } else {
                ts.blank_lines_removed += 1;
            }
            continue;
        }
        let tidy = tidy_line(raw, o.punct, ts);
        if any {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        any = true;
        if o.any_to_convert && o.tables.needs_conversion(&tidy, o.target) {
            let conv = o.converter.convert(&tidy, o.target);
            rs.converted_lines += 1;
            rs.converted_chars += changed_chars(&tidy, &conv);
            out.push_str(&conv);
        } else {
            out.push_str(&tidy);
        }
    }
    if pending_blank {
        ts.blank_lines_removed += 1;
    }
    if any && o.final_break {
        out.push('\n');
    }
    out
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
