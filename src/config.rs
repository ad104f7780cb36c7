//! Every setting of a cleaning run, with every default in one place. No clap here:
//! the command line is turned into a [`Config`] by `cli`, the library only sees this.

use crate::decode::DecodeOptions;
use crate::normalize::script::Target;
use std::path::PathBuf;

/// Default for [`Config::window_bytes`]: 32 MiB of decoded text.
pub const DEFAULT_WINDOW: usize = 32 << 20;

/// Punctuation handling in Chinese text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PunctMode {
    /// Half-width `, : ; ! ? ( )` next to Chinese text become full-width.
    Fullwidth,
    /// Punctuation is left as it is.
    Keep,
}

/// Which copy of a duplicate survives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepPolicy {
    /// Keep the copy that leaves the document reading as an article (see `detect`).
    Auto,
    /// Always keep the earliest copy.
    First,
    /// Always keep the latest copy.
    Last,
}

/// How a cleaning run behaves. `Config::default()` is what `zhclean` does with no options.
#[derive(Clone, Debug)]
pub struct Config {
    /// Output script.
    pub target: Target,
    /// Punctuation width.
    pub punct: PunctMode,
    /// Which copy of a duplicate survives.
    pub keep: KeepPolicy,
    /// A lone repeated paragraph is removed only when its matching key has at least
    /// this many characters; runs of two or more repeated paragraphs need it in total.
    pub min_paragraph_chars: usize,
    /// A repeated sentence is removed only when its matching key has at least this
    /// many characters, so that short natural repeats (“好的。”) survive.
    pub min_sentence_chars: usize,
    /// Near-duplicate paragraphs: minimum similarity (see `detect::near`).
    pub near_threshold: f64,
    /// Remove boilerplate lines (share widgets, copyright, editor credits) instead of
    /// only counting them.
    pub strip_boilerplate: bool,
    /// Extra boilerplate rules, one per line (see `detect::boilerplate`).
    pub boilerplate_rules: Option<PathBuf>,
    /// A user dictionary for script conversion (`source<TAB>target`, see
    /// `normalize::opencc::UserDict`), applied before the built-in one.
    pub dict: Option<PathBuf>,
    /// `zh-tw` converts with OpenCC's `s2twp` (Taiwan phrases) instead of `s2tw`.
    pub tw_phrases: bool,
    /// How input bytes are decoded.
    pub decode: DecodeOptions,
    /// Where to write the JSON report, if anywhere.
    pub report: Option<PathBuf>,
    /// Threads for batch work; `None` means all cores.
    pub threads: Option<usize>,
    /// A single input with more bytes than this is cleaned in windows of about this
    /// much decoded text, with bounded memory (see `windows`); 0: always whole.
    pub window_bytes: usize,
}

/// Default for [`Config::min_paragraph_chars`].
pub const DEFAULT_MIN_PARAGRAPH_CHARS: usize = 10;
/// Default for [`Config::min_sentence_chars`].
pub const DEFAULT_MIN_SENTENCE_CHARS: usize = 10;
/// Default for [`Config::near_threshold`].
pub const DEFAULT_NEAR_THRESHOLD: f64 = 0.8;

impl Default for Config {
    fn default() -> Self {
        Config {
            target: Target::ZhHans,
            punct: PunctMode::Fullwidth,
            keep: KeepPolicy::Auto,
            min_paragraph_chars: DEFAULT_MIN_PARAGRAPH_CHARS,
            min_sentence_chars: DEFAULT_MIN_SENTENCE_CHARS,
            near_threshold: DEFAULT_NEAR_THRESHOLD,
            strip_boilerplate: false,
            boilerplate_rules: None,
            dict: None,
            tw_phrases: false,
            decode: DecodeOptions::default(),
            report: None,
            threads: None,
            window_bytes: DEFAULT_WINDOW,
        }
    }
}
