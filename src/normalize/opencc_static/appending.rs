//! The walk of a group by appending ([`GroupView::convert_verbatim_appending`]): the
//! walk's way before the in-place walk, kept as the tests' oracle of
//! [`GroupView::convert_verbatim_with`].

use super::{single_char, GroupView, Lookup};

impl GroupView {
    /// The walk of [`GroupView::convert_verbatim_with`] by appending, from byte `pos`
    /// of `text` on (the bytes before it already written to `out`): each stretch of
    /// characters without a key copied as one slice, each match's value written
    /// after it (one character for another one written from its code point,
    /// [`push_char`], without a copy call): the walk's way before the in-place walk,
    /// and its tests' oracle.
    pub(crate) fn convert_verbatim_appending(
        &self,
        text: &str,
        out: &mut String,
        mut on_match: impl FnMut([usize; 4], u32, bool),
        sets: &impl Lookup,
        (pos, mut seen): (usize, impl FnMut(usize, u32)),
    ) {
        let bytes = text.as_bytes();
        out.reserve(text.len() - pos);
        let (mut pos, mut copied) = (pos, pos);
        let mut none = |_, _, _| false;
        while let Some((start, end, i)) =
            self.next_match_seeing(bytes, pos, sets, &mut seen, &mut none)
        {
            // matches often follow each other: no copy call for an empty stretch
            if copied < start {
                out.push_str(&text[copied..start]);
            }
            let o = out.len();
            let one = match self
                .single
                .get((i as usize).wrapping_sub(self.single_from))
                .and_then(|&s| single_char(s.to_le_bytes()))
            {
                Some(c) => {
                    push_char(out, c);
                    true
                }
                _ => {
                    out.push_str(self.value(i as usize));
                    false
                }
            };
            on_match([start, end, o, out.len()], i, one);
            (pos, copied) = (end, end);
        }
        out.push_str(&text[copied..]);
    }
}

/// Append `c` to `out`: a character of three bytes (Traditional and Simplified
/// ideographs: most one-character values) by `encode_utf8` behind a range test,
/// which lets the compiler write its three bytes without `String::push`'s cases for
/// every length.
#[inline(always)]
fn push_char(out: &mut String, c: char) {
    if (0x800..0x1_0000).contains(&(c as u32)) {
        out.push_str(c.encode_utf8(&mut [0; 4]));
    } else {
        out.push(c);
    }
}
