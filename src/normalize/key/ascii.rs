//! The key pass's fast path for a run of ASCII (letters, digits, spaces and most
//! symbols: the characters of Latin words and numbers in Chinese text), keyed into
//! a sink's own vector ([`KeySink::run_keys`](super::KeySink::run_keys)) with the
//! keys [`super::key_pass`] gives each character on its own, one table lookup per
//! byte.

/// [`KEYS`] of a byte the run stops at: not ASCII, a digit separator (`.` `,` `:`
/// `/` `-`, whose key depends on the digits around it) or a character that may end
/// a sentence (`.` `!` `?`, which the sink is offered: [`KeySink::mark`]).
///
/// [`KeySink::mark`]: super::KeySink::mark
const STOP: u8 = 0xFF;

/// For each byte, its key character as the general path writes it for an ASCII
/// character: a letter in lower case, a digit or one of `$ + < = > ^ | ~` as it
/// is; 0 for one it drops (space, control, other punctuation); [`STOP`] for the
/// bytes a run stops at.
static KEYS: [u8; 256] = {
    let mut t = [STOP; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        t[b] = match c {
            b'.' | b',' | b':' | b'/' | b'-' | b'!' | b'?' => STOP,
            b'A'..=b'Z' => c.to_ascii_lowercase(),
            b'a'..=b'z' | b'0'..=b'9' => c,
            b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'|' | b'~' => c,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The run of ASCII characters that starts at byte `at` of the UTF-8 text `b`
/// and stops before the first byte of [`STOP`] (or the text's end), keyed into
/// `keys`: the byte offset past it, the key characters added and whether its last
/// character is a digit; `None` when `b[at]` is such a byte (nothing read).
/// `pending`, the separator the key pass holds after a digit, is written first
/// when the run starts with a digit; it is dropped (taken) whenever the run is
/// read, as the general path drops it before any other character.
#[inline(always)]
pub(super) fn ascii_run(
    b: &[u8],
    at: usize,
    keys: &mut Vec<char>,
    pending: &mut Option<(char, usize)>,
) -> Option<(usize, usize, bool)> {
    let first = *b.get(at)?;
    if KEYS[usize::from(first)] == STOP {
        return None;
    }
    let len = keys.len();
    if let Some((sep, _)) = pending.take() {
        if first.is_ascii_digit() {
            keys.push(sep);
        }
    }
    let mut i = at;
    while let Some(&x) = b.get(i) {
        let k = KEYS[usize::from(x)];
        if k == STOP {
            break;
        }
        if k != 0 {
            keys.push(char::from(k));
        }
        i += 1;
    }
    // (`i > at`: the first byte was read)
    let digit = b[i - 1].is_ascii_digit();
    Some((i, keys.len() - len, digit))
}

#[cfg(test)]
mod tests {
    use super::super::{digit_separator, key_pass, tally::NoTally, KeySink};
    use super::*;
    use crate::chars::may_end_sentence;
    use crate::normalize::script::ScriptTables;

    #[test]
    fn a_run_stops_at_separators_sentence_ends_and_non_ascii() {
        for b in 0..=255u8 {
            let c = char::from(b);
            let stop = !b.is_ascii() || digit_separator(c).is_some() || may_end_sentence(c);
            assert_eq!(KEYS[usize::from(b)] == STOP, stop, "{b:#x}");
        }
    }

    /// A sink with its own vector that records every call (so the fast path's
    /// calls are compared with the general path's).
    #[derive(Default, Debug, PartialEq)]
    struct Own(Vec<char>, Vec<(usize, char)>, usize);

    impl KeySink for Own {
        fn put(&mut self, c: char) {
            self.0.push(c);
        }
        fn mark(&mut self, byte: usize, c: char) {
            if may_end_sentence(c) {
                self.1.push((byte, c));
            }
        }
        fn hinted(&mut self, n: usize) {
            self.2 += n;
        }
        const HINTS: bool = true;
        fn run_keys(&mut self) -> Option<&mut Vec<char>> {
            Some(&mut self.0)
        }
    }

    /// The key pass with its fast paths and the general path alone (`DROPS`
    /// false), into a plain vector and into a sink that records its marks.
    fn same(text: &str) {
        let t = ScriptTables::get();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let na = key_pass::<_, _, true>(t, text, &mut a, &mut NoTally);
        let nb = key_pass::<_, _, false>(t, text, &mut b, &mut NoTally);
        assert_eq!((na, &a), (nb, &b), "{text:?}");
        let (mut a, mut b) = (Own::default(), Own::default());
        let na = key_pass::<_, _, true>(t, text, &mut a, &mut NoTally);
        let nb = key_pass::<_, _, false>(t, text, &mut b, &mut NoTally);
        assert_eq!((na, &a.0, &a.1), (nb, &b.0, &b.1), "{text:?}");
    }

    #[test]
    fn ascii_runs_key_as_the_general_path() {
        for b in 0..0x80u8 {
            let c = char::from(b);
            for text in [
                format!("{c}"),
                format!("1{c}2{c}中{c}x{c}"),
                format!("1.{c}5"),
            ] {
                same(&text);
            }
        }
        let pieces = [
            "a", "Z", "q", "1", "0", "9", " ", "\t", ".", ",", ":", "/", "-", "!", "?", "$", "%",
            "~", "_", "(", "中", "體", "。", "，", "．", "１", "Ａ", "\u{200B}", "é", "图",
        ];
        for text in crate::chars::random_texts(&pieces, 4000, 40, 7) {
            same(&text);
        }
        let ascii: Vec<String> = (0..0x80u8).map(|b| char::from(b).to_string()).collect();
        let ascii: Vec<&str> = ascii.iter().map(String::as_str).collect();
        for text in crate::chars::random_texts(&ascii, 4000, 40, 11) {
            same(&text);
        }
    }
}
