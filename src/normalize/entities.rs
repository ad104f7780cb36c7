//! HTML character references in scraped text (`&#39;`, `&#8220;`, `&ldquo;`, `&amp;`):
//! decoded to the characters they stand for, never removed. Owns that decoding; the
//! table of names and the rules for numbers are the `html-escape` crate's (the
//! WHATWG list of 2,125 named references; a number that is not a Unicode scalar
//! value is left as written).
//!
//! Only references closed by `;` are decoded (`AT&T`, `&copy 2024` stay as written).
//! Doubly escaped references (`&amp;#39;`) are decoded to the end (`'`), at most
//! [`MAX_ROUNDS`] times, so cleaning the output again decodes nothing more.
//! Cost: one byte search for `&` per line; lines without one are returned borrowed.

use regex::Regex;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Rounds of decoding at most (`&amp;amp;#39;` takes three).
pub const MAX_ROUNDS: usize = 4;

fn reference() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
            .expect("valid regex")
    })
}

/// `line` with every character reference decoded (to a fixed point), and the number
/// of references decoded. Borrowed when there was nothing to decode.
pub fn decode(line: &str) -> (Cow<'_, str>, usize) {
    if memchr::memchr(b'&', line.as_bytes()).is_none() {
        return (Cow::Borrowed(line), 0);
    }
    let mut cur = Cow::Borrowed(line);
    let mut count = 0;
    for _ in 0..MAX_ROUNDS {
        let mut out = String::new();
        let mut last = 0;
        let mut n = 0;
        for m in reference().find_iter(&cur) {
            let d = html_escape::decode_html_entities(m.as_str());
            if d != m.as_str() {
                out.push_str(&cur[last..m.start()]);
                out.push_str(&d);
                last = m.end();
                n += 1;
            }
        }
        if n == 0 {
            break;
        }
        out.push_str(&cur[last..]);
        count += n;
        cur = Cow::Owned(out);
    }
    (cur, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_references() {
        let (d, n) = decode(
            "Lenny&#39;s 15% &#8211; 20% &#8220;名&#8221;&#8230; &#34;x&#34; &ldquo;y&rdquo;",
        );
        assert_eq!(d, "Lenny's 15% – 20% “名”… \"x\" “y”");
        assert_eq!(n, 9);
    }

    #[test]
    fn unclosed_and_unknown_stay() {
        for s in [
            "AT&T",
            "&copy 2024",
            "&nosuch;",
            "&#xZZ;",
            "&#1114112;",
            "a & b",
        ] {
            assert_eq!(decode(s), (Cow::Borrowed(s), 0), "{s}");
        }
    }

    #[test]
    fn double_escapes_to_the_end() {
        assert_eq!(decode("&amp;#39;&amp;amp;lt;").0, "'<");
        let (once, _) = decode("&amp;amp;amp;quot;");
        assert_eq!(decode(&once).1, 0, "a second pass decodes nothing");
    }

    #[test]
    fn every_named_reference_decodes() {
        for (name, value) in html_escape::NAMED_ENTITIES.iter() {
            let name = std::str::from_utf8(name).expect("ascii");
            let s = format!("前&{name};后");
            let (d, n) = decode(&s);
            assert_eq!(d, format!("前{value}后"), "&{name};");
            assert_eq!(n, 1);
        }
    }
}
