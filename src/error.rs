//! The library's typed errors. Every message names the input it is about and, where
//! there is one, the fix; the binary adds nothing but the `zhclean: ` prefix.

use std::path::PathBuf;

/// Where a document came from, for messages.
pub fn display_source(path: Option<&std::path::Path>) -> String {
    match path {
        Some(p) => p.display().to_string(),
        None => "<stdin>".to_string(),
    }
}

/// Everything that can go wrong in a cleaning run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input bytes that are not valid in the expected encoding.
    #[error("{source_name}: invalid UTF-8 at byte offset {offset} (choose the encoding with --encoding, or replace bad bytes with --lossy)")]
    InvalidUtf8 {
        /// The file, or `<stdin>`.
        source_name: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Input bytes that are not valid in the chosen or detected encoding.
    #[error("{source_name}: invalid {encoding} at byte offset {offset} (use --encoding to choose another encoding, or --lossy to replace bad bytes with U+FFFD)")]
    Undecodable {
        /// The file, or `<stdin>`.
        source_name: String,
        /// The encoding tried.
        encoding: String,
        /// Byte offset of the first undecodable byte.
        offset: usize,
    },
    /// Short legacy text that reads as plausible Chinese in more than one encoding.
    #[error("{source_name}: the encoding is unclear: the text reads as plausible Chinese in {candidates}; choose one with --encoding")]
    AmbiguousEncoding {
        /// The file, or `<stdin>`.
        source_name: String,
        /// The encodings that fit, for people (`gb18030 or big5`).
        candidates: String,
    },
    /// The input is not text at all (an image, an archive, …).
    #[error("{source_name}: looks binary, not text ({reason}); skipped")]
    Binary {
        /// The file, or `<stdin>`.
        source_name: String,
        /// What gave it away (e.g. "PNG signature", "NUL bytes in the first 8 KiB").
        reason: String,
    },
    /// A file or stream could not be read.
    #[error("{path}: cannot read: {err}")]
    Read {
        /// The file, or `<stdin>`.
        path: String,
        /// The I/O error.
        #[source]
        err: std::io::Error,
    },
    /// An output could not be written.
    #[error("{path}: cannot write: {err}")]
    Write {
        /// The output path, or `<stdout>`.
        path: String,
        /// The I/O error.
        #[source]
        err: std::io::Error,
    },
    /// An output (`-o`, `--report`, `--summary-md`) would overwrite an input.
    #[error("{path}: {flag} names an input file; refusing to overwrite it, choose another path", path = .path.display())]
    OutputIsInput {
        /// The option that names it.
        flag: &'static str,
        /// The path.
        path: PathBuf,
    },
    /// A bad line in a JSONL input that must be whole (signatures, pairs, verdicts,
    /// drop lists; records to sign).
    #[error("{path}:{line}: {message}")]
    Record {
        /// The file, or `<stdin>`.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A setting that cannot work.
    #[error("{0}")]
    Usage(String),
    /// The script converter could not be set up.
    #[error("script converter: {0}")]
    Converter(String),
}

impl Error {
    /// The message with its chain of causes, each once (`outer: cause: …`), as the
    /// CLI prints it after `zhclean: ` and the Python binding raises it.
    pub fn chain_message(&self) -> String {
        let mut msg = self.to_string();
        let mut src = std::error::Error::source(self);
        while let Some(s) = src {
            let s_txt = s.to_string();
            if !msg.contains(&s_txt) {
                msg.push_str(&format!(": {s_txt}"));
            }
            src = s.source();
        }
        msg
    }

    /// True when the error is a closed pipe on stdout (`zhclean … | head`), which is success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write { err, .. } if err.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
