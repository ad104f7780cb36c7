//! The one encoding detector, for whole inputs and for the head of a streamed one
//! (the steps are in the module docs of [`super`]). It decides; [`super`] decodes.

use super::decoder::DecodeLoop;
use super::{binary, guess, Enc, SNIFF_LEN, WINDOW_LEN};
use crate::error::{Error, Result};

/// What detection looks at.
#[derive(Debug, Clone, Copy)]
pub(super) enum Sample<'a> {
    /// The whole input; `valid_utf8` says whether all of it is valid UTF-8 (the
    /// caller has checked, so the check is made once).
    Whole { bytes: &'a [u8], valid_utf8: bool },
    /// The first bytes of an input read piece by piece. A multi-byte character cut
    /// off at its end does not count against UTF-8, and a short-text tie is not
    /// refused (a streamed input is long).
    Head(&'a [u8]),
}

/// Detection's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Detection {
    /// Decode with this.
    pub enc: Enc,
    /// Also plausible (a guess: reported with low confidence).
    pub also_plausible: Option<Enc>,
    /// When `enc` is a legacy reading that fails on a byte of the whole input, decode
    /// with this instead (strict mode; see the module docs, steps 3 and 7).
    pub fallback: Option<Enc>,
}

impl Detection {
    fn sure(enc: Enc) -> Detection {
        Detection {
            enc,
            also_plausible: None,
            fallback: None,
        }
    }
}

/// Detect the encoding of `sample` (module docs, steps 2–7; step 1, the binary
/// signature, is checked by the caller for every choice). Errors:
/// [`Error::Binary`] (step 6), [`Error::AmbiguousEncoding`] (a short whole text that
/// reads equally well as GB18030 and Big5).
pub(super) fn detect(sample: Sample<'_>, source_name: &str) -> Result<Detection> {
    let (bytes, whole) = match sample {
        Sample::Whole { bytes, .. } => (bytes, true),
        Sample::Head(bytes) => (bytes, false),
    };
    for enc in [Enc::Utf8, Enc::Utf16Le, Enc::Utf16Be] {
        if bytes.starts_with(enc.bom()) {
            return Ok(Detection::sure(enc));
        }
    }
    let sniff = &bytes[..bytes.len().min(SNIFF_LEN)];
    let valid = match sample {
        Sample::Whole { valid_utf8, .. } => valid_utf8,
        // only cut off at the end
        Sample::Head(_) => {
            std::str::from_utf8(bytes).map_or_else(|e| e.error_len().is_none(), |_| true)
        }
    };
    if valid {
        // BOM-less UTF-16 has an even length; valid UTF-8 of odd length is UTF-8
        // (`a\0的` would otherwise read as UTF-16 and fail on its last byte)
        if !whole || bytes.len() % 2 == 0 {
            if let Some(enc) = utf16_pattern(sniff, true) {
                return Ok(Detection::sure(enc));
            }
        }
        // the window as text: valid up to a character cut off by its end
        let cut = &bytes[..bytes.len().min(WINDOW_LEN)];
        let window = std::str::from_utf8(cut)
            .unwrap_or_else(|e| std::str::from_utf8(&cut[..e.valid_up_to()]).unwrap_or_default());
        let last = whole && window.len() == bytes.len();
        return Ok(match utf8_or_legacy(window, last) {
            Utf8Reading::Utf8 => Detection::sure(Enc::Utf8),
            Utf8Reading::Doubtful(other) => Detection {
                enc: Enc::Utf8,
                also_plausible: Some(other),
                fallback: None,
            },
            // a streamed input cannot be checked whole: it stays UTF-8, in doubt
            Utf8Reading::Legacy(enc, _) if !whole => Detection {
                enc: Enc::Utf8,
                also_plausible: Some(enc),
                fallback: None,
            },
            Utf8Reading::Legacy(enc, other) => Detection {
                enc,
                also_plausible: other,
                fallback: Some(Enc::Utf8),
            },
        });
    }
    if let Some(enc) = utf16_pattern(sniff, false) {
        return Ok(Detection::sure(enc));
    }
    // not valid UTF-8, so there is a non-ASCII byte; a byte after an ASCII byte
    // starts a character in every encoding here
    let start = bytes.iter().position(|&b| b >= 0x80).unwrap_or(0);
    let end = bytes.len().min(start + WINDOW_LEN);
    let window = &bytes[start..end];
    if mostly_utf8(window) {
        return Ok(Detection::sure(Enc::Utf8));
    }
    refuse_binary_content(sniff, source_name)?;
    let at_end = whole && end == bytes.len();
    let (enc, also) = if whole {
        guess_legacy(window, at_end, source_name)?
    } else {
        // a stream is long: the guess is the model's, never refused as ambiguous
        (guess_legacy(window, false, source_name)?.0, None)
    };
    let other = if enc == Enc::Gb18030 {
        Enc::Big5
    } else {
        Enc::Gb18030
    };
    Ok(Detection {
        enc,
        also_plausible: also,
        fallback: whole.then_some(other),
    })
}

/// Step 6 of detection: input that is neither UTF-8 nor UTF-16 is refused as binary
/// when its first 8 KiB (`head`) hold a NUL byte or more than 10 % control bytes.
fn refuse_binary_content(head: &[u8], source_name: &str) -> Result<()> {
    if head.contains(&0) {
        return Err(binary(source_name, "NUL bytes in the first 8 KiB"));
    }
    if control_bytes(head) * 10 > head.len() {
        return Err(binary(
            source_name,
            "more than 10% control characters in the first 8 KiB",
        ));
    }
    Ok(())
}

/// What valid UTF-8 really is (see the module docs, step 3).
enum Utf8Reading {
    /// UTF-8.
    Utf8,
    /// UTF-8, but much of it is implausible and this legacy encoding reads a little
    /// better: UTF-8 with low confidence.
    Doubtful(Enc),
    /// Legacy bytes that happen to be valid UTF-8: decode as `.0`; `.1` is the other
    /// legacy encoding when it is nearly as plausible.
    Legacy(Enc, Option<Enc>),
}

/// Step 3: valid UTF-8 whose non-ASCII characters are at least half implausible
/// (`guess::utf8_implausible`, e.g. GBK `同时` read as `ͬʱ`) is read as GB18030 or
/// Big5 when one of them decodes `window` without error into at least 80 % common
/// characters, and reads better than UTF-8 does.
fn utf8_or_legacy(window: &str, last: bool) -> Utf8Reading {
    // Legacy byte pairs that are valid UTF-8 are two-byte sequences (lead C2–DF); text
    // without any (ASCII, CJK, most punctuation) needs no closer look.
    if !window.bytes().any(|b| (0xC2..=0xDF).contains(&b)) {
        return Utf8Reading::Utf8;
    }
    let (odd, n) = guess::utf8_implausible(window);
    if odd == 0 || 2 * odd < n {
        return Utf8Reading::Utf8;
    }
    let utf8_share = (n - odd) as f64 / n as f64;
    let [gb, b5] = [Enc::Gb18030, Enc::Big5].map(|e| legacy_share(window.as_bytes(), e, last));
    let (best, best_share, other_share, other) = if gb >= b5 {
        (Enc::Gb18030, gb, b5, Enc::Big5)
    } else {
        (Enc::Big5, b5, gb, Enc::Gb18030)
    };
    if best_share >= 0.8 && best_share > utf8_share {
        let close = other_share >= 0.8 || best_share - other_share < 0.2;
        Utf8Reading::Legacy(best, close.then_some(other))
    } else if best_share > utf8_share {
        Utf8Reading::Doubtful(best)
    } else {
        Utf8Reading::Utf8
    }
}

/// The share of common characters (`guess::common_share`) of `bytes` decoded with
/// `enc`; 0 when it does not decode without error, or holds no non-ASCII character.
fn legacy_share(bytes: &[u8], enc: Enc, last: bool) -> f64 {
    legacy_reading(bytes, enc, last).0
}

/// [`legacy_share`], and the number of non-ASCII characters of the reading.
fn legacy_reading(bytes: &[u8], enc: Enc, last: bool) -> (f64, usize) {
    let (text, errors) = DecodeLoop::read_all(bytes, enc, last);
    let bad = errors > 0;
    let (common, n) = guess::common_share(&text);
    if bad || n == 0 {
        (0.0, n)
    } else {
        (common as f64 / n as f64, n)
    }
}

/// Whether `b` counts as a control byte for binary sniffing: C0 other than tab, line
/// feed, vertical tab, form feed, carriage return and ESC; and DEL.
#[inline]
fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1B)) || b == 0x7F
}

/// The control bytes in `head`.
fn control_bytes(head: &[u8]) -> usize {
    head.iter().filter(|&&b| is_control_byte(b)).count()
}

/// Characters that make a decoded sample look like text (see the module docs).
#[inline]
fn is_plausible(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0x24F | 0x2000..=0x206F
        // letterlike signs, arrows, maths, technical, shapes, symbols, dingbats
        | 0x2100..=0x27BF
        | 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFE00..=0xFE0F | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        // emoji and pictographs (surrogate pairs in UTF-16)
        | 0x1F000..=0x1FAFF
        | 0x20000..=0x3FFFF)
}

/// Decode `sample` (not necessarily the whole input unless `last`) with `enc` and
/// count malformed sequences and characters that are not plausible text.
fn score(sample: &[u8], enc: Enc, last: bool) -> (usize, usize, usize) {
    let (text, errors) = DecodeLoop::read_all(sample, enc, last);
    let (mut chars, mut implausible) = (0, 0);
    for c in text.chars() {
        chars += 1;
        implausible += usize::from(!is_plausible(c));
    }
    // each error is one U+FFFD in `text`, which is not plausible: count only what
    // decoded
    (errors, implausible - errors, chars - errors)
}

/// The BOM-less UTF-16 pattern in `head` (see the module docs, step 4).
fn utf16_pattern(head: &[u8], valid_utf8: bool) -> Option<Enc> {
    let n = head.len() & !1;
    let units = n / 2;
    if units == 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head[..n].chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if even + odd == 0 {
        return None;
    }
    if valid_utf8 {
        // ASCII-heavy UTF-16: NULs in a quarter of the units, 95 % at one parity
        let (enc, zp, zo) = if odd >= even {
            (Enc::Utf16Le, odd, even)
        } else {
            (Enc::Utf16Be, even, odd)
        };
        // and at least four NULs: two bytes such as `\0发` are too few to tell
        if zo * 20 > zp || zp * 4 < units || zp < 4 {
            return None;
        }
        let (errors, implausible, chars) = score(&head[..n], enc, false);
        return (errors == 0 && chars > 0 && implausible * 10 <= chars).then_some(enc);
    }
    // Chinese UTF-16 has few NULs (ASCII, and U+xx00 such as 一 U+4E00), so both byte
    // orders are tried and the plausible one wins
    let mut best: Option<(Enc, usize, usize)> = None;
    for enc in [Enc::Utf16Le, Enc::Utf16Be] {
        let (errors, implausible, chars) = score(&head[..n], enc, false);
        if errors == 0 && chars > 0 && implausible * 10 <= chars {
            let better = match best {
                None => true,
                Some((_, bi, bc)) => implausible * bc < bi * chars,
            };
            if better {
                best = Some((enc, implausible, chars));
            }
        }
    }
    best.map(|(enc, _, _)| enc)
}

/// Whether an input that is not valid UTF-8 is still UTF-8 with some damage, judged
/// on `window` (from the first non-ASCII byte).
fn mostly_utf8(window: &[u8]) -> bool {
    let (mut multi, mut invalid) = (0usize, 0usize);
    let mut chunks = window.utf8_chunks().peekable();
    while let Some(c) = chunks.next() {
        multi += c.valid().bytes().filter(|&b| b >= 0xC0).count();
        let bad = c.invalid();
        if bad.is_empty() {
            continue;
        }
        let last = chunks.peek().is_none();
        // a sequence cut off by the window, or by the end of the input (a truncated
        // file), says nothing against UTF-8
        let incomplete = last
            && std::str::from_utf8(bad)
                .err()
                .is_some_and(|e| e.error_len().is_none());
        if !incomplete {
            invalid += 1;
        }
    }
    invalid == 0 || multi >= 2 * invalid
}

/// Below this many non-ASCII characters in the detection window, GB18030 and Big5
/// are told apart by their share of common characters, not by chardetng's model,
/// which needs more text to be sure.
const SHORT_TEXT_CHARS: usize = 200;

/// GB18030 or Big5 for `window` (see the module docs, step 7), and the other one
/// when it is nearly as plausible (a guess, reported with low confidence). A short
/// text that reads equally well in both is refused: [`Error::AmbiguousEncoding`].
fn guess_legacy(window: &[u8], last: bool, source_name: &str) -> Result<(Enc, Option<Enc>)> {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(window, last);
    let guess = det.guess(None, false);
    let pick = if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        Some(Enc::Gb18030)
    } else if guess == encoding_rs::BIG5 {
        Some(Enc::Big5)
    } else {
        None
    };
    let (ge, gi, gn) = score(window, Enc::Gb18030, last);
    let (be, bi, _) = score(window, Enc::Big5, last);
    let model = match pick {
        Some(Enc::Gb18030) if ge <= be => Enc::Gb18030,
        Some(Enc::Big5) if be <= ge => Enc::Big5,
        _ if (be, bi) < (ge, gi) => Enc::Big5,
        _ => Enc::Gb18030,
    };
    if gn >= SHORT_TEXT_CHARS || ge != be {
        // long text: the model; an error in one reading only: the other one
        return Ok((model, None));
    }
    let (gb, n) = legacy_reading(window, Enc::Gb18030, last);
    let b5 = legacy_share(window, Enc::Big5, last);
    if n < 2 && ge == 0 {
        // one character (`▲` in Big5 is `《` in GBK): nothing to tell them apart by
        return Err(Error::AmbiguousEncoding {
            source_name: source_name.to_string(),
            candidates: format!("{} or {}", Enc::Gb18030.name(), Enc::Big5.name()),
        });
    }
    let (best, best_share, other, other_share) = if gb >= b5 {
        (Enc::Gb18030, gb, Enc::Big5, b5)
    } else {
        (Enc::Big5, b5, Enc::Gb18030, gb)
    };
    if best_share - other_share >= 0.2 && best_share >= 0.5 {
        Ok((best, None))
    } else if best_share > other_share && best_share >= 0.5 {
        Ok((best, Some(other)))
    } else if ge > 0 {
        // both readings have errors: the strict decode names the first
        Ok((model, None))
    } else {
        Err(Error::AmbiguousEncoding {
            source_name: source_name.to_string(),
            candidates: format!("{} or {}", Enc::Gb18030.name(), Enc::Big5.name()),
        })
    }
}
