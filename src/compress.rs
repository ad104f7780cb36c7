//! Compressed inputs and outputs: gzip, zstd and bzip2, read transparently by their
//! magic bytes and written when an output's name ends in `.gz`, `.zst` or `.bz2`.
//!
//! The codecs are maintained crates: `flate2` (gzip, several members concatenated are
//! read as one stream, as `gzip -d` does), `zstd` (the reference C library, every
//! frame of a file) and `bzip2` (libbz2, concatenated streams too). Inputs are
//! recognised by content, never by name, so `corpus.jsonl` that is really gzip is read
//! and `notes.gz` that is plain text is read as text. xz, 7z and zip are recognised and
//! refused with a message saying what to do.

use std::io::{BufReader, Read, Write};
use std::path::Path;

/// A compression format zhclean reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// gzip (RFC 1952), magic `1F 8B`.
    Gzip,
    /// Zstandard (RFC 8878), magic `28 B5 2F FD`.
    Zstd,
    /// bzip2, magic `BZh` + block size digit + block or end-of-stream magic.
    Bzip2,
}

impl Codec {
    /// The codec whose magic bytes start `head` (at least the first 10 bytes of the
    /// stream are needed to tell bzip2 from text that starts with `BZh`).
    pub fn sniff(head: &[u8]) -> Option<Codec> {
        if head.starts_with(&[0x1F, 0x8B]) {
            Some(Codec::Gzip)
        } else if head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
            Some(Codec::Zstd)
        } else if head.len() >= 10
            && head.starts_with(b"BZh")
            && (b'1'..=b'9').contains(&head[3])
            && (head[4..10] == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
                || head[4..10] == [0x17, 0x72, 0x45, 0x38, 0x50, 0x90])
        {
            Some(Codec::Bzip2)
        } else {
            None
        }
    }

    /// The codec an output named `path` is written with: by its extension (`.gz`,
    /// `.zst`, `.bz2`, ASCII case-insensitive), `None` for anything else.
    pub fn for_output(path: &Path) -> Option<Codec> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "gz" => Some(Codec::Gzip),
            "zst" => Some(Codec::Zstd),
            "bz2" => Some(Codec::Bzip2),
            _ => None,
        }
    }

    /// The format's usual name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Gzip => "gzip",
            Codec::Zstd => "zstd",
            Codec::Bzip2 => "bzip2",
        }
    }
}

/// A compressed or archive format that zhclean recognises but does not read, by its
/// magic bytes: its name and the command that decompresses `FILE` to stdout.
pub fn unsupported(head: &[u8]) -> Option<(&'static str, &'static str)> {
    const SIGS: [(&[u8], &str, &str); 4] = [
        (b"\xFD7zXZ\x00", "xz", "xz -dc FILE"),
        (b"7z\xBC\xAF\x27\x1C", "7z", "7z x -so FILE"),
        (b"PK\x03\x04", "zip", "unzip -p FILE"),
        (b"\x04\x22\x4D\x18", "lz4", "lz4 -dc FILE"),
    ];
    SIGS.iter()
        .find(|(sig, _, _)| head.starts_with(sig))
        .map(|(_, name, cmd)| (*name, *cmd))
}

/// A reader of the decompressed stream of `r` when it starts with a codec's magic
/// bytes, or of `r` itself; and the codec found. Reads the first 10 bytes of `r` to
/// decide (they are read again through the returned reader). Errors: reading `r`;
/// with `refuse`, a stream in a format of [`unsupported`] is an `InvalidData` error
/// saying so and how to decompress it (without, it is passed through, for the
/// decoder's binary check to refuse). Corrupt compressed data shows later, as a read
/// error of the returned reader that starts with `corrupt gzip data: …`.
pub fn reader<R: Read + Send + 'static>(
    mut r: R,
    refuse: bool,
) -> std::io::Result<(Box<dyn Read + Send>, Option<Codec>)> {
    let mut head = Vec::with_capacity(10);
    while head.len() < 10 {
        let mut byte = [0u8; 10];
        let want = 10 - head.len();
        match r.read(&mut byte[..want]) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&byte[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if let Some((name, cmd)) = unsupported(&head).filter(|_| refuse) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{name} data, which zhclean does not read (it reads gzip, zstd and bzip2); decompress it first: `{cmd} | zhclean …`"
            ),
        ));
    }
    let codec = Codec::sniff(&head);
    let b = BufReader::with_capacity(1 << 16, std::io::Cursor::new(head).chain(r));
    match codec {
        None => Ok((Box::new(b), None)),
        Some(c) => Ok((decoder(c, b)?, codec)),
    }
}

/// A reader of the decompressed stream of `r`, already known (sniffed once, by
/// [`Codec::sniff`]) to be compressed with `codec`; `r` is read from its first byte,
/// magic included. Errors: the zstd context cannot be set up (out of memory); corrupt
/// data shows later, as a read error that starts with `corrupt gzip data: …`.
pub fn decoder<R: std::io::BufRead + Send + 'static>(
    codec: Codec,
    r: R,
) -> std::io::Result<Box<dyn Read + Send>> {
    let inner: Box<dyn Read + Send> = match codec {
        Codec::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(r)),
        Codec::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(r)?),
        Codec::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(r)),
    };
    Ok(Box::new(Corrupt { inner, codec }))
}

/// Names the codec in a decompressor's errors (`corrupt gzip data: invalid …`).
struct Corrupt {
    inner: Box<dyn Read + Send>,
    codec: Codec,
}

impl Read for Corrupt {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            if e.kind() == std::io::ErrorKind::Interrupted {
                e
            } else {
                std::io::Error::new(e.kind(), format!("corrupt {} data: {e}", self.codec.name()))
            }
        })
    }
}

/// A writer that compresses with a codec, or passes bytes through.
pub enum Encoder<W: Write> {
    /// No compression.
    Plain(W),
    /// gzip, default level (6).
    Gzip(flate2::write::GzEncoder<W>),
    /// zstd, level 3 (the library's default).
    Zstd(zstd::stream::write::Encoder<'static, W>),
    /// bzip2, level 9 (bzip2's default).
    Bzip2(bzip2::write::BzEncoder<W>),
}

impl<W: Write> Encoder<W> {
    /// Compress what is written to `w` with `codec` (`None`: write it as it is).
    /// Errors: the zstd context cannot be set up (out of memory).
    pub fn new(w: W, codec: Option<Codec>) -> std::io::Result<Encoder<W>> {
        Ok(match codec {
            None => Encoder::Plain(w),
            Some(Codec::Gzip) => Encoder::Gzip(flate2::write::GzEncoder::new(
                w,
                flate2::Compression::default(),
            )),
            Some(Codec::Zstd) => Encoder::Zstd(zstd::stream::write::Encoder::new(w, 3)?),
            Some(Codec::Bzip2) => {
                Encoder::Bzip2(bzip2::write::BzEncoder::new(w, bzip2::Compression::best()))
            }
        })
    }

    /// Write the compressed stream's end and hand back the inner writer (not flushed).
    pub fn finish(self) -> std::io::Result<W> {
        match self {
            Encoder::Plain(w) => Ok(w),
            Encoder::Gzip(e) => e.finish(),
            Encoder::Zstd(e) => e.finish(),
            Encoder::Bzip2(e) => e.finish(),
        }
    }

    /// The inner writer.
    pub fn get_ref(&self) -> &W {
        match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(e) => e.get_ref(),
            Encoder::Zstd(e) => e.get_ref(),
            Encoder::Bzip2(e) => e.get_ref(),
        }
    }
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Encoder::Plain(w) => w.write(buf),
            Encoder::Gzip(e) => e.write(buf),
            Encoder::Zstd(e) => e.write(buf),
            Encoder::Bzip2(e) => e.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Encoder::Plain(w) => w.write_all(buf),
            Encoder::Gzip(e) => e.write_all(buf),
            Encoder::Zstd(e) => e.write_all(buf),
            Encoder::Bzip2(e) => e.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Encoder::Plain(w) => w.flush(),
            Encoder::Gzip(e) => e.flush(),
            Encoder::Zstd(e) => e.flush(),
            Encoder::Bzip2(e) => e.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(codec: Codec) {
        let text = "第一段。\n第二段。\n".repeat(1000);
        let mut e = Encoder::new(Vec::new(), Some(codec)).unwrap();
        e.write_all(text.as_bytes()).unwrap();
        let packed = e.finish().unwrap();
        assert_eq!(Codec::sniff(&packed), Some(codec));
        let (mut r, found) = reader(std::io::Cursor::new(packed), true).unwrap();
        assert_eq!(found, Some(codec));
        let mut back = String::new();
        r.read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn every_codec_round_trips() {
        roundtrip(Codec::Gzip);
        roundtrip(Codec::Zstd);
        roundtrip(Codec::Bzip2);
    }

    #[test]
    fn plain_text_passes_through_even_when_it_starts_like_bzip2() {
        for text in ["", "a", "BZh9 is a bzip2 header", "中文"] {
            let (mut r, found) =
                reader(std::io::Cursor::new(text.as_bytes().to_vec()), true).unwrap();
            assert_eq!(found, None, "{text:?}");
            let mut back = String::new();
            r.read_to_string(&mut back).unwrap();
            assert_eq!(back, text);
        }
    }

    #[test]
    fn xz_is_refused_with_a_command() {
        let e = reader(
            std::io::Cursor::new(b"\xFD7zXZ\x00\x00\x04rest".to_vec()),
            true,
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("xz -dc FILE"), "{e}");
    }

    #[test]
    fn outputs_are_compressed_by_extension() {
        assert_eq!(
            Codec::for_output(Path::new("a.jsonl.gz")),
            Some(Codec::Gzip)
        );
        assert_eq!(Codec::for_output(Path::new("a.ZST")), Some(Codec::Zstd));
        assert_eq!(Codec::for_output(Path::new("a.bz2")), Some(Codec::Bzip2));
        assert_eq!(Codec::for_output(Path::new("a.jsonl")), None);
        assert_eq!(Codec::for_output(Path::new("-")), None);
    }
}

#[cfg(test)]
mod corrupt_tests {
    use super::*;

    #[test]
    fn a_truncated_stream_is_a_named_error() {
        let mut e = Encoder::new(Vec::new(), Some(Codec::Gzip)).unwrap();
        e.write_all("中文".repeat(5000).as_bytes()).unwrap();
        let mut packed = e.finish().unwrap();
        packed.truncate(packed.len() / 2);
        let (mut r, _) = reader(std::io::Cursor::new(packed), true).unwrap();
        let mut back = Vec::new();
        let err = r.read_to_end(&mut back).unwrap_err();
        assert!(err.to_string().starts_with("corrupt gzip data"), "{err}");
    }
}
