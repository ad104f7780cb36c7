//! The one decode loop: encoding_rs's decoder driven over a slice or a reader, with
//! the strict or lossy handling of malformed sequences and input-offset bookkeeping.
//! Whole inputs ([`super::decode_with`]), detection's trial readings and streamed
//! inputs ([`StreamDecoder`]) all decode through [`DecodeLoop`].

use super::{undecodable, Enc, StreamEncoding, MAX_REPLACED_AT};
use crate::error::{Error, Result};
use encoding_rs::DecoderResult;

/// Size of the scratch buffer encoding_rs decodes into. encoding_rs touches every
/// page of the spare capacity it is given, so it is given a small buffer, never the
/// output: the output's pages are touched only as text is written into them.
pub(super) const CHUNK: usize = 64 * 1024;

/// An encoding_rs decoder (no BOM handling) and what it has met so far: input bytes
/// consumed, and the malformed sequences replaced when `lossy`.
pub(super) struct DecodeLoop {
    decoder: encoding_rs::Decoder,
    lossy: bool,
    /// Input offset of the next byte fed.
    consumed: usize,
    /// Malformed sequences replaced by U+FFFD (`lossy`).
    pub replaced: usize,
    /// Input offsets of the first [`MAX_REPLACED_AT`] of them.
    pub replaced_at: Vec<usize>,
    scratch: String,
}

impl DecodeLoop {
    /// A loop decoding `enc`, whose first fed byte is at input offset `base`.
    pub fn new(enc: Enc, lossy: bool, base: usize) -> DecodeLoop {
        DecodeLoop {
            decoder: enc.encoding().new_decoder_without_bom_handling(),
            lossy,
            consumed: base,
            replaced: 0,
            replaced_at: Vec::new(),
            scratch: String::with_capacity(CHUNK),
        }
    }

    /// Decode all of `src` onto `out` (`last`: `src` ends the input, so an incomplete
    /// sequence at its end is malformed; otherwise it waits for the next call).
    /// Strict: `Err(offset)` of the first malformed sequence, nothing after it
    /// written; lossy: one U+FFFD per malformed sequence.
    pub fn feed(
        &mut self,
        mut src: &[u8],
        last: bool,
        out: &mut String,
    ) -> std::result::Result<(), usize> {
        loop {
            let (res, read) =
                self.decoder
                    .decode_to_string_without_replacement(src, &mut self.scratch, last);
            src = &src[read..];
            self.consumed += read;
            out.push_str(&self.scratch);
            self.scratch.clear();
            match res {
                DecoderResult::InputEmpty => return Ok(()),
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, extra) => {
                    let at = self.consumed.saturating_sub(bad as usize + extra as usize);
                    if !self.lossy {
                        return Err(at);
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

    /// A trial reading for detection: `bytes` decoded with `enc`, malformed
    /// sequences as U+FFFD, and how many there were.
    pub fn read_all(bytes: &[u8], enc: Enc, last: bool) -> (String, usize) {
        let mut dl = DecodeLoop::new(enc, true, 0);
        let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
        // lossy: never an error
        let _ = dl.feed(bytes, last, &mut text);
        (text, dl.replaced)
    }
}

/// Decodes a byte stream into UTF-8 text piece by piece, for inputs too large to hold
/// whole. Memory: a 64 KiB read buffer and a 64 KiB scratch buffer besides the text it
/// appends to. Offsets (errors, `replaced_at`) are offsets into the whole input as
/// read, byte-order mark included, exactly as [`super::decode_with`] gives them.
pub struct StreamDecoder<R> {
    reader: R,
    enc: Enc,
    /// Created once the byte-order mark is known (it sets the first offset).
    dl: Option<DecodeLoop>,
    buf: Vec<u8>,
    /// Unconsumed bytes are `buf[pos..len]`.
    pos: usize,
    len: usize,
    eof: bool,
    done: bool,
    lossy: bool,
    source_name: String,
    /// Whether a byte-order mark was dropped.
    pub bom: bool,
}

impl<R: std::io::Read> StreamDecoder<R> {
    /// Decode `reader` as `enc`; `source_name` names it in errors.
    pub fn new(reader: R, enc: StreamEncoding, source_name: &str, lossy: bool) -> Self {
        StreamDecoder {
            reader,
            enc: enc.0,
            dl: None,
            buf: vec![0; CHUNK],
            pos: 0,
            len: 0,
            eof: false,
            done: false,
            lossy,
            source_name: source_name.to_string(),
            bom: false,
        }
    }

    /// Undecodable sequences replaced so far (`lossy`).
    pub fn replaced(&self) -> usize {
        self.dl.as_ref().map_or(0, |d| d.replaced)
    }

    /// Input offsets of the first [`MAX_REPLACED_AT`] replaced sequences.
    pub fn replaced_at(&self) -> &[usize] {
        self.dl.as_ref().map_or(&[], |d| &d.replaced_at)
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
        if self.dl.is_none() {
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
                self.dl = Some(DecodeLoop::new(self.enc, self.lossy, bom.len()));
            } else {
                self.dl = Some(DecodeLoop::new(self.enc, self.lossy, 0));
                self.decode_slice(&head, false, out)?;
            }
        }
        while out.len() < want && !self.done {
            self.refill()?;
            let (pos, len) = (self.pos, self.len);
            let chunk = std::mem::take(&mut self.buf);
            let r = self.decode_slice(&chunk[pos..len], self.eof, out);
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
    fn decode_slice(&mut self, src: &[u8], last: bool, out: &mut String) -> Result<()> {
        let dl = self.dl.as_mut().expect("created before the first slice");
        dl.feed(src, last, out)
            .map_err(|at| undecodable(self.enc, &self.source_name, at))
    }
}
