//! Bytes to text. Owns the input encoding: which one a document is in, turning it into
//! a UTF-8 `String`, and refusing what is not text. Output is always UTF-8; every
//! byte offset this module reports (errors, `replaced_at`) is an offset into the
//! input *as read*, byte-order mark included.
//!
//! # Encodings
//!
//! UTF-8 (with or without a byte-order mark), UTF-16 LE/BE, GB18030 (a superset of
//! GBK and GB2312) and Big5 (the WHATWG Big5 decoder, i.e. Big5-HKSCS). The legacy
//! decoders are [`encoding_rs`]'s; legacy detection is helped by [`chardetng`].
//!
//! # Detection (`EncodingChoice::Auto`), in this order
//!
//! 1. **Binary signature** (also for explicit choices: a PNG is no text in any
//!    encoding): PNG, JPEG, GIF, PDF, ZIP, gzip, 7z, xz, zstd, ELF → [`Error::Binary`].
//! 2. **Byte-order mark**: `EF BB BF` UTF-8, `FF FE` UTF-16LE, `FE FF` UTF-16BE. A
//!    BOM is decisive; it is dropped from the text and recorded in `bom`.
//! 3. **Valid UTF-8** (checked in place, no copy) → `utf-8`, unless the first 8 KiB
//!    are ASCII-heavy UTF-16 without BOM (which is valid UTF-8): an even length, at
//!    least four NUL bytes and in at least a quarter of the code units, 95 % of them at one parity (odd offsets: LE, even:
//!    BE), and a plausible decoding as in step 4; or unless at least half of its
//!    non-ASCII characters are implausible where they stand (`guess`: GBK `同时` is
//!    valid UTF-8 and reads `ͬʱ`) and GB18030 or Big5 reads the window with no error
//!    and at least 80 % common characters, better than UTF-8 does: then that legacy
//!    encoding (low confidence when the other reads nearly as well). When a legacy
//!    reading is only somewhat better, it stays UTF-8 with low confidence. Valid
//!    UTF-8 is never refused as binary by content: NULs and C0/C1 controls in it are
//!    decoded, and the cleaner removes and counts them (a zero-filled file cleans to
//!    nothing).
//! 4. **UTF-16 without BOM**, when the first 8 KiB hold a NUL byte and decode as
//!    UTF-16 (LE or BE; the more plausible wins) without a lone surrogate, and at
//!    least 90 % of the decoded characters are plausible text (ASCII, Latin-1,
//!    general and CJK punctuation, symbols and emoji, kana, Han, full-width forms).
//!    Chinese UTF-16 has few NULs (ASCII and U+xx00 characters such as 一), so their parity is not
//!    asked for here; the other byte order, legacy text and random bytes decode to
//!    mostly implausible characters (Hangul, Yi, symbols, surrogates).
//! 5. **Damaged UTF-8**: in a window of 64 KiB from the first non-ASCII byte, the
//!    invalid sequences are few: none (the damage is later or is a multi-byte
//!    sequence cut off at the end of the input) or at most half as many as the valid
//!    multi-byte characters. Then it is UTF-8 with errors ([`Error::InvalidUtf8`], or
//!    U+FFFD with `lossy`), not a legacy encoding.
//! 6. **Binary by content**: a NUL byte, or more than 10 % C0 control bytes, in the
//!    first 8 KiB → [`Error::Binary`].
//! 7. **GB18030 or Big5**: chardetng's guess over the same window (GBK/GB18030 or
//!    Big5), checked by decoding the window with both: the guess stands unless it has
//!    more decoding errors than the other; when chardetng guesses neither, the one
//!    with fewer errors, then fewer implausible characters, wins (ties: GB18030).
//!    **Short text** (fewer than 200 non-ASCII characters in the window, both
//!    readings free of errors) is decided by the share of common characters of each
//!    reading instead (`guess::common_share`; chardetng needs more text): a lead of
//!    20 points wins outright, a smaller lead wins with low confidence, a tie (or a
//!    single non-ASCII character) is refused as [`Error::AmbiguousEncoding`] naming
//!    `--encoding`. Without `lossy`, when the whole input does not decode in the
//!    winner but does in the other, the other is used; when neither does, the error
//!    names the winner.
//!
//! A low-confidence choice is carried in [`Decoded::also_plausible`], reported as
//! `encoding_confidence: "low"` and printed as a warning naming the file. Measured
//! (`tests/encodings.rs`, 10,000 draws of 2–60 characters from the real articles of
//! `fixtures/clean/`, encoded as GBK or Big5): 0 decoded wrongly, 138 refused.
//!
//! Explicit choices skip 2–7 and decode with that encoding; a byte-order mark of
//! that same encoding (UTF-8 `EF BB BF`, GB18030 `84 31 95 33`, UTF-16 `FF FE`/`FE FF`)
//! is dropped and recorded. Big5 has no byte-order mark.
//!
//! # Errors and `lossy`
//!
//! Without `lossy`, the first undecodable sequence is an error naming the source, the
//! encoding and its byte offset: [`Error::InvalidUtf8`] for UTF-8,
//! [`Error::Undecodable`] otherwise (a lone surrogate in UTF-16, an odd trailing byte,
//! a byte sequence outside GB18030 or Big5). With `lossy`, each undecodable sequence
//! becomes one U+FFFD, is counted in `replaced` and its offset recorded in
//! `replaced_at` (the first 100). UTF-8 sequences are cut as the Unicode standard's
//! “maximal subparts” (as `String::from_utf8_lossy` does).
//!
//! # Cost
//!
//! Detection reads at most the first 8 KiB plus a 64 KiB window, whatever the input
//! size, except for the UTF-8 validity check (one pass over the input). Valid UTF-8
//! is not copied: the input buffer becomes the `String` (a BOM is removed by a
//! `memmove` inside the same buffer), so the peak is the input. Every other decode
//! allocates its output once (1.5 bytes per input byte, the most these encodings need
//! without replacements; pages never written never become resident, and the rest is
//! returned with `shrink_to_fit`) and decodes through a 64 KiB scratch buffer, so the
//! peak is the input plus the output: at most 2.5× the input for GB18030, Big5 and
//! UTF-16 (two bytes become at most three), 2× + 3 bytes per replacement for lossy
//! UTF-8 (sized exactly by a first counting pass). Measured on this machine (release,
//! `decode_with` alone, peak RSS including the input): a 300 MiB UTF-8 file 0.26 s,
//! 302 MiB; the same text as GB18030 (202 MiB → 300 MiB) 1.4 s, 504 MiB; as UTF-16LE
//! (208 MiB) 0.66 s, 510 MiB; as Big5 1.3 s, 504 MiB. Linear time throughout. In strict Auto mode a legacy input that fails in the detected
//! encoding is decoded once more in the other one.

mod guess;

use crate::error::{Error, Result};
use encoding_rs::{DecoderResult, Encoding};

/// Which encoding to read (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// Detect: byte-order mark, then valid UTF-8, then GB18030 or Big5.
    #[default]
    Auto,
    /// UTF-8.
    Utf8,
    /// GB18030 (superset of GBK and GB2312).
    Gb18030,
    /// Big5 (with HKSCS where the decoder supports it).
    Big5,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
}

/// How to decode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// The encoding, or detection.
    pub encoding: EncodingChoice,
    /// Replace undecodable bytes with U+FFFD and count them, instead of failing.
    pub lossy: bool,
}

/// A decoded document.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without the byte-order mark. All report offsets refer to this text.
    pub text: String,
    /// The encoding that was used.
    pub encoding: &'static str,
    /// Whether a byte-order mark was present (and dropped).
    pub bom: bool,
    /// Undecodable byte sequences replaced by U+FFFD (`--lossy` only).
    pub replaced: usize,
    /// Input byte offsets of the first replaced sequences (at most 100).
    pub replaced_at: Vec<usize>,
    /// `Some(other)` when detection guessed: `other` (an encoding name) also gave
    /// plausible text, so the choice is reported with low confidence and a warning.
    pub also_plausible: Option<&'static str>,
}

/// At most this many offsets are kept in [`Decoded::replaced_at`].
pub const MAX_REPLACED_AT: usize = 100;
/// Binary sniffing and the UTF-16 pattern look at this many leading bytes.
const SNIFF_LEN: usize = 8 * 1024;
/// Damaged-UTF-8 and legacy detection look at this many bytes from the first
/// non-ASCII byte.
const WINDOW_LEN: usize = 64 * 1024;

/// An encoding this module decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enc {
    Utf8,
    Gb18030,
    Big5,
    Utf16Le,
    Utf16Be,
}

impl Enc {
    /// The name in reports and messages (the `--encoding` spelling).
    fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "utf-8",
            Enc::Gb18030 => "gb18030",
            Enc::Big5 => "big5",
            Enc::Utf16Le => "utf-16le",
            Enc::Utf16Be => "utf-16be",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Enc::Utf8 => encoding_rs::UTF_8,
            Enc::Gb18030 => encoding_rs::GB18030,
            Enc::Big5 => encoding_rs::BIG5,
            Enc::Utf16Le => encoding_rs::UTF_16LE,
            Enc::Utf16Be => encoding_rs::UTF_16BE,
        }
    }

    /// U+FEFF in this encoding.
    fn bom(self) -> &'static [u8] {
        match self {
            Enc::Utf8 => b"\xEF\xBB\xBF",
            Enc::Gb18030 => b"\x84\x31\x95\x33",
            Enc::Big5 => b"",
            Enc::Utf16Le => b"\xFF\xFE",
            Enc::Utf16Be => b"\xFE\xFF",
        }
    }
}

/// Decode `bytes` with `opts`. `source_name` names the input in errors.
pub fn decode_with(bytes: Vec<u8>, source_name: &str, opts: &DecodeOptions) -> Result<Decoded> {
    if let Some(what) = signature(&bytes) {
        return Err(binary(source_name, format!("{what} signature")));
    }
    let enc = match opts.encoding {
        EncodingChoice::Auto => return decode_auto(bytes, source_name, opts.lossy),
        EncodingChoice::Utf8 => Enc::Utf8,
        EncodingChoice::Gb18030 => Enc::Gb18030,
        EncodingChoice::Big5 => Enc::Big5,
        EncodingChoice::Utf16Le => Enc::Utf16Le,
        EncodingChoice::Utf16Be => Enc::Utf16Be,
    };
    decode_as(bytes, enc, source_name, opts.lossy)
}

/// Decode `bytes` as UTF-8, dropping a leading byte-order mark; invalid UTF-8 is an
/// error. `source_name` is used in the error message (a path or `<stdin>`).
pub fn decode(bytes: Vec<u8>, source_name: &str) -> Result<Decoded> {
    decode_as(bytes, Enc::Utf8, source_name, false)
}

fn binary(source_name: &str, reason: impl Into<String>) -> Error {
    Error::Binary {
        source_name: source_name.to_string(),
        reason: reason.into(),
    }
}

/// The file format whose magic number `bytes` starts with, if any.
fn signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1A\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "ZIP"),
        (b"PK\x05\x06", "ZIP"),
        (b"PK\x07\x08", "ZIP"),
        (b"\x1F\x8B", "gzip"),
        (b"7z\xBC\xAF\x27\x1C", "7z"),
        (b"\xFD7zXZ\x00", "xz"),
        (b"\x28\xB5\x2F\xFD", "zstd"),
        (b"\x7FELF", "ELF"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|&(_, name)| name)
}

/// Decode with a known encoding: drop its byte-order mark, then decode all of it.
fn decode_as(mut bytes: Vec<u8>, enc: Enc, source_name: &str, lossy: bool) -> Result<Decoded> {
    let bom_bytes = enc.bom();
    let bom = !bom_bytes.is_empty() && bytes.starts_with(bom_bytes);
    let skip = if bom { bom_bytes.len() } else { 0 };
    let (text, replaced, replaced_at) = if enc == Enc::Utf8 {
        if bom {
            bytes.drain(..skip);
        }
        match String::from_utf8(bytes) {
            Ok(text) => (text, 0, Vec::new()),
            Err(e) if !lossy => {
                let offset = e.utf8_error().valid_up_to() + skip;
                return Err(undecodable(enc, source_name, offset));
            }
            Err(e) => utf8_lossy(&e.into_bytes(), skip),
        }
    } else {
        decode_enc(&bytes[skip..], skip, enc, source_name, lossy)?
    };
    Ok(Decoded {
        text,
        encoding: enc.name(),
        bom,
        replaced,
        replaced_at,
        also_plausible: None,
    })
}

/// The error for the first undecodable sequence, at input byte `offset`.
fn undecodable(enc: Enc, source_name: &str, offset: usize) -> Error {
    match enc {
        Enc::Utf8 => Error::InvalidUtf8 {
            source_name: source_name.to_string(),
            offset,
        },
        _ => Error::Undecodable {
            source_name: source_name.to_string(),
            encoding: enc.name().to_string(),
            offset,
        },
    }
}

/// Invalid UTF-8 replaced by U+FFFD, one per maximal invalid subpart. `base` is the
/// offset of `bytes` in the input. Two passes: the first sizes the output exactly.
fn utf8_lossy(bytes: &[u8], base: usize) -> (String, usize, Vec<usize>) {
    let out_len: usize = bytes
        .utf8_chunks()
        .map(|c| c.valid().len() + if c.invalid().is_empty() { 0 } else { 3 })
        .sum();
    let mut out = String::with_capacity(out_len);
    let mut replaced = 0;
    let mut at = Vec::new();
    let mut pos = base;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            replaced += 1;
            if at.len() < MAX_REPLACED_AT {
                at.push(pos);
            }
            pos += chunk.invalid().len();
        }
    }
    (out, replaced, at)
}

/// What [`decode_pieces`] hands on: decoded text, or a malformed sequence.
enum Piece<'a> {
    /// Decoded text, at most [`CHUNK`] bytes.
    Text(&'a str),
    /// A malformed sequence starting at this offset of `src`.
    Bad(usize),
}

/// Size of the scratch buffer encoding_rs decodes into. encoding_rs touches every
/// page of the spare capacity it is given, so it is given a small buffer, never the
/// output: the output's pages are touched only as text is written into them.
const CHUNK: usize = 64 * 1024;

/// Decode `src` with `enc` (no BOM handling), calling `f` with each piece in order;
/// stop early when `f` returns false. `last`: `src` ends the input (an incomplete
/// sequence at its end is malformed; otherwise it is left undecoded).
fn decode_pieces(src: &[u8], enc: Enc, last: bool, mut f: impl FnMut(Piece<'_>) -> bool) {
    let mut decoder = enc.encoding().new_decoder_without_bom_handling();
    let mut scratch = String::with_capacity(CHUNK);
    let mut pos = 0;
    loop {
        let (res, read) =
            decoder.decode_to_string_without_replacement(&src[pos..], &mut scratch, last);
        pos += read;
        if !scratch.is_empty() && !f(Piece::Text(&scratch)) {
            return;
        }
        scratch.clear();
        match res {
            DecoderResult::InputEmpty => return,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, extra) => {
                let at = pos.saturating_sub(extra as usize + bad as usize);
                if !f(Piece::Bad(at)) {
                    return;
                }
            }
        }
    }
}

/// Decode `src` (at offset `base` of the input) with encoding_rs. Strict: the first
/// malformed sequence is an error; lossy: U+FFFD. The output is allocated once with
/// room for 1.5 bytes per input byte, the most any of these encodings needs without
/// replacements (two bytes become at most three); only what is written becomes
/// resident, and the rest is returned by `shrink_to_fit` (a `mremap` for big
/// buffers, not a copy). Replacements (three bytes each) and Big5's four HKSCS pairs
/// that decode to two characters may grow it.
fn decode_enc(
    src: &[u8],
    base: usize,
    enc: Enc,
    source_name: &str,
    lossy: bool,
) -> Result<(String, usize, Vec<usize>)> {
    let mut out = String::with_capacity(src.len().saturating_add(src.len() / 2).saturating_add(16));
    let mut replaced = 0;
    let mut at = Vec::new();
    let mut first_bad = None;
    decode_pieces(src, enc, true, |piece| match piece {
        Piece::Text(t) => {
            out.push_str(t);
            true
        }
        Piece::Bad(off) if !lossy => {
            first_bad = Some(base + off);
            false
        }
        Piece::Bad(off) => {
            out.push('\u{FFFD}');
            replaced += 1;
            if at.len() < MAX_REPLACED_AT {
                at.push(base + off);
            }
            true
        }
    });
    if let Some(offset) = first_bad {
        return Err(undecodable(enc, source_name, offset));
    }
    out.shrink_to_fit();
    Ok((out, replaced, at))
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

/// `EncodingChoice::Auto`: see the module documentation for the order.
fn decode_auto(bytes: Vec<u8>, source_name: &str, lossy: bool) -> Result<Decoded> {
    for enc in [Enc::Utf8, Enc::Utf16Le, Enc::Utf16Be] {
        if bytes.starts_with(enc.bom()) {
            return decode_as(bytes, enc, source_name, lossy);
        }
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            let head = &text.as_bytes()[..text.len().min(SNIFF_LEN)];
            // BOM-less UTF-16 has an even length; valid UTF-8 of odd length is UTF-8
            // (`a\0的` would otherwise read as UTF-16 and fail on its last byte)
            if text.len() % 2 == 0 {
                if let Some(enc) = utf16_pattern(head, true) {
                    return decode_as(text.into_bytes(), enc, source_name, lossy);
                }
            }
            let window = &text[..floor_boundary(&text, WINDOW_LEN)];
            let also_plausible = match utf8_or_legacy(window, window.len() == text.len()) {
                Utf8Reading::Utf8 => None,
                Utf8Reading::Doubtful(other) => Some(other.name()),
                Utf8Reading::Legacy(enc, other) => {
                    if let Ok((t, _, _)) = decode_enc(text.as_bytes(), 0, enc, source_name, false) {
                        return Ok(Decoded {
                            text: t,
                            encoding: enc.name(),
                            bom: false,
                            replaced: 0,
                            replaced_at: Vec::new(),
                            also_plausible: other.map(Enc::name),
                        });
                    }
                    Some(enc.name())
                }
            };
            return Ok(Decoded {
                text,
                encoding: Enc::Utf8.name(),
                bom: false,
                replaced: 0,
                replaced_at: Vec::new(),
                also_plausible,
            });
        }
        Err(e) => e.into_bytes(),
    };
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(enc) = utf16_pattern(head, false) {
        return decode_as(bytes, enc, source_name, lossy);
    }
    // not valid UTF-8, so there is a non-ASCII byte; a byte after an ASCII byte
    // starts a character in every encoding here
    let start = bytes.iter().position(|&b| b >= 0x80).unwrap_or(0);
    let end = bytes.len().min(start + WINDOW_LEN);
    let window = &bytes[start..end];
    let at_end = end == bytes.len();
    if mostly_utf8(window) {
        return decode_as(bytes, Enc::Utf8, source_name, lossy);
    }
    refuse_binary_content(head, source_name)?;
    let (enc, also) = guess_legacy(window, at_end, source_name)?;
    let also_plausible = also.map(Enc::name);
    if lossy {
        let mut d = decode_as(bytes, enc, source_name, true)?;
        d.also_plausible = also_plausible;
        return Ok(d);
    }
    let other = if enc == Enc::Gb18030 {
        Enc::Big5
    } else {
        Enc::Gb18030
    };
    let bom = enc.bom();
    let skip = if !bom.is_empty() && bytes.starts_with(bom) {
        bom.len()
    } else {
        0
    };
    match decode_enc(&bytes[skip..], skip, enc, source_name, false) {
        Ok((text, _, _)) => Ok(Decoded {
            text,
            encoding: enc.name(),
            bom: skip > 0,
            replaced: 0,
            replaced_at: Vec::new(),
            also_plausible,
        }),
        Err(first) => match decode_enc(&bytes, 0, other, source_name, false) {
            Ok((text, _, _)) => Ok(Decoded {
                text,
                encoding: other.name(),
                bom: false,
                replaced: 0,
                replaced_at: Vec::new(),
                also_plausible: None,
            }),
            Err(_) => Err(first),
        },
    }
}

/// The largest character boundary of `s` at or before byte `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    let mut text = String::new();
    let mut bad = false;
    decode_pieces(bytes, enc, last, |piece| {
        match piece {
            Piece::Text(t) => text.push_str(t),
            Piece::Bad(_) => bad = true,
        }
        !bad
    });
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
    let (mut errors, mut chars, mut implausible) = (0, 0, 0);
    decode_pieces(sample, enc, last, |piece| {
        match piece {
            Piece::Text(t) => {
                for c in t.chars() {
                    chars += 1;
                    implausible += usize::from(!is_plausible(c));
                }
            }
            Piece::Bad(_) => errors += 1,
        }
        true
    });
    (errors, implausible, chars)
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

// ---------------------------------------------------------------------------------
// Inputs too large to decode at once

/// The encoding of an input read piece by piece, decided from its first bytes
/// (`head`, the first window): the steps of `Auto` above, with two differences forced
/// by not holding the whole input: UTF-8 validity is judged on `head` alone (a
/// multi-byte character cut off at its end does not count), and a legacy guess is
/// final (strict mode does not retry the other legacy encoding when a later byte
/// fails; the error names the offset, and `--encoding` or `--lossy` decide).
pub fn stream_encoding(
    head: &[u8],
    source_name: &str,
    opts: &DecodeOptions,
) -> Result<StreamEncoding> {
    if let Some(what) = signature(head) {
        return Err(binary(source_name, format!("{what} signature")));
    }
    let enc = match opts.encoding {
        EncodingChoice::Auto => detect_head(head, source_name)?,
        EncodingChoice::Utf8 => Enc::Utf8,
        EncodingChoice::Gb18030 => Enc::Gb18030,
        EncodingChoice::Big5 => Enc::Big5,
        EncodingChoice::Utf16Le => Enc::Utf16Le,
        EncodingChoice::Utf16Be => Enc::Utf16Be,
    };
    Ok(StreamEncoding(enc))
}

/// An encoding chosen by [`stream_encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamEncoding(Enc);

impl StreamEncoding {
    /// The name in reports (the `--encoding` spelling).
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

fn detect_head(head: &[u8], source_name: &str) -> Result<Enc> {
    for enc in [Enc::Utf8, Enc::Utf16Le, Enc::Utf16Be] {
        if head.starts_with(enc.bom()) {
            return Ok(enc);
        }
    }
    let sniff = &head[..head.len().min(SNIFF_LEN)];
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(), // only cut off at the end
    };
    if valid {
        return Ok(utf16_pattern(sniff, true).unwrap_or(Enc::Utf8));
    }
    if let Some(enc) = utf16_pattern(sniff, false) {
        return Ok(enc);
    }
    let start = head.iter().position(|&b| b >= 0x80).unwrap_or(0);
    let window = &head[start..head.len().min(start + WINDOW_LEN)];
    if mostly_utf8(window) {
        return Ok(Enc::Utf8);
    }
    refuse_binary_content(sniff, source_name)?;
    // a stream is long: the guess is the model's, never refused as ambiguous
    Ok(guess_legacy(window, false, source_name)?.0)
}

/// Decodes a byte stream into UTF-8 text piece by piece, for inputs too large to hold
/// whole. Memory: a 64 KiB read buffer and a 64 KiB scratch buffer besides the text it
/// appends to. Offsets (errors, `replaced_at`) are offsets into the whole input as
/// read, byte-order mark included, exactly as [`decode_with`] gives them.
pub struct StreamDecoder<R> {
    reader: R,
    enc: Enc,
    decoder: encoding_rs::Decoder,
    buf: Vec<u8>,
    /// Unconsumed bytes are `buf[pos..len]`.
    pos: usize,
    len: usize,
    /// Input bytes consumed by the decoder so far.
    consumed: usize,
    eof: bool,
    done: bool,
    started: bool,
    lossy: bool,
    source_name: String,
    /// Whether a byte-order mark was dropped.
    pub bom: bool,
    /// Undecodable sequences replaced (`lossy`).
    pub replaced: usize,
    /// Offsets of the first [`MAX_REPLACED_AT`] replaced sequences.
    pub replaced_at: Vec<usize>,
}

impl<R: std::io::Read> StreamDecoder<R> {
    /// Decode `reader` as `enc`; `source_name` names it in errors.
    pub fn new(reader: R, enc: StreamEncoding, source_name: &str, lossy: bool) -> Self {
        StreamDecoder {
            reader,
            enc: enc.0,
            decoder: enc.0.encoding().new_decoder_without_bom_handling(),
            buf: vec![0; CHUNK],
            pos: 0,
            len: 0,
            consumed: 0,
            eof: false,
            done: false,
            started: false,
            lossy,
            source_name: source_name.to_string(),
            bom: false,
            replaced: 0,
            replaced_at: Vec::new(),
        }
    }

    /// The encoding's name.
    pub fn encoding(&self) -> &'static str {
        self.enc.name()
    }

    /// Whether the whole input has been decoded.
    pub fn finished(&self) -> bool {
        self.done
    }

    fn refill(&mut self) -> Result<()> {
        if self.pos < self.len || self.eof {
            return Ok(());
        }
        loop {
            match self.reader.read(&mut self.buf) {
                Ok(n) => {
                    self.pos = 0;
                    self.len = n;
                    self.eof = n == 0;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(Error::Read {
                        path: self.source_name.clone(),
                        err: e,
                    })
                }
            }
        }
    }

    /// Append decoded text to `out` until it holds at least `want` bytes or the input
    /// ends.
    pub fn fill(&mut self, out: &mut String, want: usize) -> Result<()> {
        let mut scratch = String::with_capacity(CHUNK);
        if !self.started {
            self.started = true;
            let bom = self.enc.bom();
            // a byte-order mark is at most 4 bytes: read until that many or the end
            let mut head = Vec::with_capacity(4);
            while head.len() < bom.len() {
                self.refill()?;
                if self.eof {
                    break;
                }
                let take = (bom.len() - head.len()).min(self.len - self.pos);
                head.extend_from_slice(&self.buf[self.pos..self.pos + take]);
                self.pos += take;
            }
            if !bom.is_empty() && head == bom {
                self.bom = true;
                self.consumed = bom.len();
            } else {
                self.decode_slice(&head, false, out, &mut scratch)?;
            }
        }
        while out.len() < want && !self.done {
            self.refill()?;
            let (pos, len) = (self.pos, self.len);
            let chunk = std::mem::take(&mut self.buf);
            let r = self.decode_slice(&chunk[pos..len], self.eof, out, &mut scratch);
            self.buf = chunk;
            self.pos = self.len;
            r?;
            if self.eof {
                self.done = true;
            }
        }
        Ok(())
    }

    /// Decode all of `src` (the end of the input when `last`).
    fn decode_slice(
        &mut self,
        mut src: &[u8],
        last: bool,
        out: &mut String,
        scratch: &mut String,
    ) -> Result<()> {
        loop {
            let (res, read) = self
                .decoder
                .decode_to_string_without_replacement(src, scratch, last);
            src = &src[read..];
            self.consumed += read;
            out.push_str(scratch);
            scratch.clear();
            match res {
                DecoderResult::InputEmpty => return Ok(()),
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, extra) => {
                    let at = self.consumed.saturating_sub(bad as usize + extra as usize);
                    if !self.lossy {
                        return Err(undecodable(self.enc, &self.source_name, at));
                    }
                    out.push('\u{FFFD}');
                    self.replaced += 1;
                    if self.replaced_at.len() < MAX_REPLACED_AT {
                        self.replaced_at.push(at);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> Result<Decoded> {
        decode_with(bytes.to_vec(), "t", &DecodeOptions::default())
    }

    fn lossy(bytes: &[u8], encoding: EncodingChoice) -> Decoded {
        decode_with(
            bytes.to_vec(),
            "t",
            &DecodeOptions {
                encoding,
                lossy: true,
            },
        )
        .unwrap()
    }

    fn with(bytes: &[u8], encoding: EncodingChoice) -> Result<Decoded> {
        decode_with(
            bytes.to_vec(),
            "t",
            &DecodeOptions {
                encoding,
                lossy: false,
            },
        )
    }

    const ZH: &str = "中华人民共和国国务院今天发布了关于进一步优化营商环境的若干意见，\
                      要求各地区各部门认真贯彻落实。\n";
    const ZH_T: &str = "中華人民共和國國務院今天發布了關於進一步優化營商環境的若干意見，\
                        要求各地區各部門認真貫徹落實。\n";

    fn enc(s: &str, e: &'static Encoding) -> Vec<u8> {
        let (b, _, bad) = e.encode(s);
        assert!(!bad);
        b.into_owned()
    }

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn bom_is_dropped_and_recorded() {
        let d = decode(b"\xEF\xBB\xBF\xE4\xB8\xAD".to_vec(), "x").unwrap();
        assert_eq!(d.text, "中");
        assert!(d.bom);
        let d = auto(b"\xEF\xBB\xBF\xE4\xB8\xAD").unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.bom), ("中", "utf-8", true));
    }

    #[test]
    fn invalid_utf8_names_offset_in_original_bytes() {
        let err = decode(b"\xEF\xBB\xBFab\xFFc".to_vec(), "in.txt").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("in.txt"), "{msg}");
        assert!(msg.contains("byte offset 5"), "{msg}");
    }

    #[test]
    fn truncated_multibyte_is_an_error() {
        let err = decode(b"\xE4\xB8".to_vec(), "t").unwrap_err();
        assert!(err.to_string().contains("byte offset 0"));
        // in Auto mode too: a UTF-8 text cut inside its last character
        let mut b = ZH.as_bytes().to_vec();
        b.extend_from_slice(b"\xE4\xB8");
        match auto(&b) {
            Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, ZH.len()),
            other => panic!("{other:?}"),
        }
        let d = lossy(&b, EncodingChoice::Auto);
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.text, format!("{ZH}\u{FFFD}"));
        assert_eq!((d.replaced, d.replaced_at), (1, vec![ZH.len()]));
    }

    #[test]
    fn empty_and_whitespace() {
        let d = auto(b"").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("", "utf-8"));
        assert_eq!(auto(b" \n\t\r\n").unwrap().text, " \n\t\r\n");
        for e in [
            EncodingChoice::Gb18030,
            EncodingChoice::Big5,
            EncodingChoice::Utf16Le,
            EncodingChoice::Utf16Be,
        ] {
            assert_eq!(with(b"", e).unwrap().text, "");
        }
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16(ZH, true));
        let d = auto(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.bom), (ZH, "utf-16le", true));
        let mut be = b"\xFE\xFF".to_vec();
        be.extend(utf16(ZH, false));
        let d = auto(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.bom), (ZH, "utf-16be", true));
        // explicit choice drops its own BOM
        let d = with(&be, EncodingChoice::Utf16Be).unwrap();
        assert_eq!((d.text.as_str(), d.bom), (ZH, true));
    }

    #[test]
    fn valid_utf8_of_odd_length_is_never_utf16() {
        // found by tests/properties.rs bytes_of_text_are_accepted
        let d = auto("a\0的".as_bytes()).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("utf-8", "a\0的"));
    }

    #[test]
    fn utf16_without_bom_by_nul_pattern() {
        let d = auto(&utf16(ZH, true)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (ZH, "utf-16le", false)
        );
        let d = auto(&utf16(ZH, false)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (ZH, "utf-16be"));
        // ASCII UTF-16 is valid UTF-8, still detected
        let d = auto(&utf16("hello, world\nsecond line\n", true)).unwrap();
        assert_eq!(d.encoding, "utf-16le");
        assert_eq!(d.text, "hello, world\nsecond line\n");
    }

    #[test]
    fn lone_surrogate_is_undecodable() {
        let mut b = b"\xFF\xFE".to_vec();
        b.extend(utf16("中文", true));
        b.extend_from_slice(&0xD800u16.to_le_bytes());
        b.extend(utf16("好", true));
        match auto(&b) {
            Err(Error::Undecodable {
                encoding, offset, ..
            }) => assert_eq!((encoding.as_str(), offset), ("utf-16le", 6)),
            other => panic!("{other:?}"),
        }
        let d = lossy(&b, EncodingChoice::Auto);
        assert_eq!(d.text, "中文\u{FFFD}好");
        assert_eq!((d.replaced, d.replaced_at), (1, vec![6]));
        // an odd trailing byte
        match with(b"\x2D\x4E\x87", EncodingChoice::Utf16Le) {
            Err(Error::Undecodable { offset, .. }) => assert_eq!(offset, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn gb18030_and_big5_detected() {
        for s in [ZH, ZH_T] {
            let d = auto(&enc(s, encoding_rs::GB18030)).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (s, "gb18030"));
        }
        let d = auto(&enc(ZH_T, encoding_rs::BIG5)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (ZH_T, "big5"));
    }

    #[test]
    fn explicit_choice_decodes_or_names_offset() {
        let gb = enc(ZH, encoding_rs::GB18030);
        let d = with(&gb, EncodingChoice::Gb18030).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (ZH, "gb18030"));
        // 华 is A3 BB..., not a valid UTF-8 start
        match with(&gb, EncodingChoice::Utf8) {
            Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, 0),
            other => panic!("{other:?}"),
        }
        // UTF-8 read as Big5: E4 B8 is fine, AD E5 is fine..., fails somewhere
        match with(ZH.as_bytes(), EncodingChoice::Big5) {
            Err(Error::Undecodable {
                encoding, offset, ..
            }) => {
                assert_eq!(encoding, "big5");
                assert!(offset < ZH.len());
            }
            other => panic!("{other:?}"),
        }
        // GB18030 BOM is dropped when GB18030 is chosen
        let mut b = b"\x84\x31\x95\x33".to_vec();
        b.extend_from_slice(&gb);
        let d = with(&b, EncodingChoice::Gb18030).unwrap();
        assert_eq!((d.text.as_str(), d.bom), (ZH, true));
    }

    #[test]
    fn lossy_gb18030_counts_and_places() {
        let mut b = enc(ZH, encoding_rs::GB18030);
        b.insert(4, 0xFF);
        b.push(0xFF);
        let n = b.len();
        let d = lossy(&b, EncodingChoice::Gb18030);
        assert_eq!(d.replaced, 2);
        assert_eq!(d.replaced_at, vec![4, n - 1]);
        assert!(d.text.starts_with("中华\u{FFFD}人"));
        let err = with(&b, EncodingChoice::Gb18030).unwrap_err();
        assert!(
            err.to_string().contains("invalid gb18030 at byte offset 4"),
            "{err}"
        );
    }

    #[test]
    fn replaced_at_is_capped() {
        let b = vec![0xFFu8; 300];
        let d = lossy(&b, EncodingChoice::Utf8);
        assert_eq!(d.replaced, 300);
        assert_eq!(d.replaced_at.len(), MAX_REPLACED_AT);
        assert_eq!(d.replaced_at[99], 99);
    }

    #[test]
    fn binary_signatures_and_content() {
        let png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
        for e in [
            EncodingChoice::Auto,
            EncodingChoice::Utf8,
            EncodingChoice::Gb18030,
        ] {
            match with(png, e) {
                Err(Error::Binary { reason, .. }) => assert!(reason.contains("PNG"), "{reason}"),
                other => panic!("{other:?}"),
            }
        }
        // NUL in an input that is not UTF-8 and not UTF-16
        let mut b = enc(ZH, encoding_rs::GB18030);
        b.insert(3, 0);
        assert!(matches!(auto(&b), Err(Error::Binary { .. })));
        // many controls in an input that is not UTF-8
        let mut b = enc(ZH, encoding_rs::GB18030);
        b.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
        match auto(&b) {
            Err(Error::Binary { reason, .. }) => assert!(reason.contains("control"), "{reason}"),
            other => panic!("{other:?}"),
        }
        // valid UTF-8 is text, however many controls it holds
        let d = auto(&[0u8, 1, 2, 3, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0]).unwrap();
        assert_eq!(d.encoding, "utf-8");
    }

    #[test]
    fn rare_nul_in_utf8_is_text() {
        let s = format!("{ZH}\0{ZH}\u{1}{ZH}\u{85}");
        let d = auto(s.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (s.as_str(), "utf-8"));
    }

    #[test]
    fn damaged_utf8_is_utf8() {
        let s = format!("{ZH}\u{FF}{ZH}");
        let mut b = ZH.as_bytes().to_vec();
        b.push(0xFF);
        b.extend_from_slice(ZH.as_bytes());
        match auto(&b) {
            Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, ZH.len()),
            other => panic!("{other:?}"),
        }
        let d = lossy(&b, EncodingChoice::Auto);
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.text, s.replace('\u{FF}', "\u{FFFD}"));
    }

    #[test]
    fn valid_utf8_is_not_copied() {
        let v = ZH.repeat(100).into_bytes();
        let ptr = v.as_ptr();
        let d = decode_with(v, "t", &DecodeOptions::default()).unwrap();
        assert_eq!(d.text.as_ptr(), ptr);
        assert_eq!(d.text, ZH.repeat(100));
    }

    #[test]
    fn legacy_decode_allocates_once() {
        let b = enc(&ZH.repeat(200), encoding_rs::GB18030);
        let d = with(&b, EncodingChoice::Gb18030).unwrap();
        assert_eq!(d.text, ZH.repeat(200));
        assert_eq!(d.text.capacity(), d.text.len());
    }
}
