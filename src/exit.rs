//! Exit codes, named once (the contract in `README.md`, “Exit codes”).

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Success, also when duplicates were removed.
    Success = 0,
    /// `--check` found a document over the duplication threshold.
    CheckFailed = 1,
    /// An error: usage, unreadable or undecodable input, a failed write.
    Error = 2,
    /// Interrupted (Ctrl-C).
    Interrupted = 130,
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(c: ExitCode) -> Self {
        std::process::ExitCode::from(c as u8)
    }
}
