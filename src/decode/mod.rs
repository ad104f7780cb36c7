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
//!
//! # Layout
//!
//! One detector for whole and streamed inputs (`detect.rs`, the steps above), one
//! decode loop for both (`decoder.rs`: [`StreamDecoder`] and whole decodes drive the
//! same `DecodeLoop`), and the character tables detection scores with (`guess.rs`).

mod decoder;
mod detect;
mod guess;

use decoder::DecodeLoop;
pub use decoder::StreamDecoder;
use detect::{detect, Sample};

use crate::error::{Error, Result};
use encoding_rs::Encoding;
use stdx::string::StringExt;

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
pub(crate) enum Enc {
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
        // (simdutf8's check, then the same bytes as the text; std's check, which
        // gives the offset, only for invalid input)
        match String::from_utf8_simd(bytes).map_err(stdx::string::Utf8Error::into_bytes) {
            Ok(text) => (text, 0, Vec::new()),
            Err(bytes) if !lossy => {
                let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
                return Err(undecodable(enc, source_name, valid + skip));
            }
            Err(bytes) => utf8_lossy(&bytes, skip),
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

/// Decode `src` (at offset `base` of the input) with `enc` through the one
/// [`DecodeLoop`]. Strict: the first malformed sequence is an error; lossy: U+FFFD.
/// The output is allocated once with room for 1.5 bytes per input byte, the most any
/// of these encodings needs without replacements (two bytes become at most three);
/// only what is written becomes resident, and the rest is returned by
/// `shrink_to_fit` (a `mremap` for big buffers, not a copy). Replacements (three
/// bytes each) and Big5's four HKSCS pairs that decode to two characters may grow it.
fn decode_enc(
    src: &[u8],
    base: usize,
    enc: Enc,
    source_name: &str,
    lossy: bool,
) -> Result<(String, usize, Vec<usize>)> {
    let mut out = String::with_capacity(src.len().saturating_add(src.len() / 2).saturating_add(16));
    let mut dl = DecodeLoop::new(enc, lossy, base);
    dl.feed(src, true, &mut out)
        .map_err(|offset| undecodable(enc, source_name, offset))?;
    out.shrink_to_fit();
    Ok((out, dl.replaced, dl.replaced_at))
}

/// `EncodingChoice::Auto`: detect (module docs, steps 2–7), then decode. A legacy
/// reading that fails on a later byte gives way to detection's fallback (strict
/// mode): valid UTF-8 stays UTF-8, GB18030 and Big5 try each other.
fn decode_auto(bytes: Vec<u8>, source_name: &str, lossy: bool) -> Result<Decoded> {
    // valid UTF-8 is checked once (simdutf8: std's check is bytewise on CJK text,
    // ten times the instructions), and becomes the text without a copy
    let (text, bytes) = match String::from_utf8_simd(bytes) {
        Ok(text) => (Some(text), Vec::new()),
        Err(e) => (None, e.into_bytes()),
    };
    let sample = match &text {
        Some(t) => Sample::Whole {
            bytes: t.as_bytes(),
            valid_utf8: true,
        },
        None => Sample::Whole {
            bytes: &bytes,
            valid_utf8: false,
        },
    };
    let d = detect(sample, source_name)?;
    let also_plausible = d.also_plausible.map(Enc::name);
    let with_also = |out: Decoded| Decoded {
        also_plausible,
        ..out
    };
    match text {
        Some(text) if d.enc == Enc::Utf8 && !text.starts_with('\u{FEFF}') => {
            Ok(with_also(Decoded::plain(text, Enc::Utf8)))
        }
        // legacy bytes that happen to be valid UTF-8 (step 3)
        Some(text) if d.fallback == Some(Enc::Utf8) => Ok(
            match decode_enc(text.as_bytes(), 0, d.enc, source_name, false) {
                Ok((t, _, _)) => with_also(Decoded::plain(t, d.enc)),
                Err(_) => Decoded {
                    also_plausible: Some(d.enc.name()),
                    ..Decoded::plain(text, Enc::Utf8)
                },
            },
        ),
        Some(text) => decode_as(text.into_bytes(), d.enc, source_name, lossy).map(with_also),
        None => match d.fallback {
            Some(other) if !lossy => {
                let bom = d.enc.bom();
                let skip = if !bom.is_empty() && bytes.starts_with(bom) {
                    bom.len()
                } else {
                    0
                };
                match decode_enc(&bytes[skip..], skip, d.enc, source_name, false) {
                    Ok((t, _, _)) => Ok(Decoded {
                        bom: skip > 0,
                        ..with_also(Decoded::plain(t, d.enc))
                    }),
                    Err(first) => match decode_enc(&bytes, 0, other, source_name, false) {
                        Ok((t, _, _)) => Ok(Decoded::plain(t, other)),
                        Err(_) => Err(first),
                    },
                }
            }
            _ => decode_as(bytes, d.enc, source_name, lossy).map(with_also),
        },
    }
}

impl Decoded {
    /// `text` decoded with `enc`, without byte-order mark or replacement.
    fn plain(text: String, enc: Enc) -> Decoded {
        Decoded {
            text,
            encoding: enc.name(),
            bom: false,
            replaced: 0,
            replaced_at: Vec::new(),
            also_plausible: None,
        }
    }
}

// ---------------------------------------------------------------------------------
// Inputs too large to decode at once

/// The encoding of an input read piece by piece, decided from its first bytes
/// (`head`, the first window): the same detector as `Auto`, with three differences
/// forced by not holding the whole input: UTF-8 validity is judged on `head` alone (a
/// multi-byte character cut off at its end does not count); valid UTF-8 stays UTF-8
/// even when a legacy reading of it is better (it cannot be checked whole); and a
/// legacy guess is final (strict mode does not retry the other legacy encoding when a
/// later byte fails; the error names the offset, and `--encoding` or `--lossy`
/// decide; a short-text tie is not refused).
pub fn stream_encoding(
    head: &[u8],
    source_name: &str,
    opts: &DecodeOptions,
) -> Result<StreamEncoding> {
    if let Some(what) = signature(head) {
        return Err(binary(source_name, format!("{what} signature")));
    }
    let enc = match opts.encoding {
        EncodingChoice::Auto => detect(Sample::Head(head), source_name)?.enc,
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

#[cfg(test)]
mod tests;
