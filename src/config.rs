//! Every setting of a cleaning run, with every default in one place. No clap here:
//! the command line is turned into a [`Config`] by `cli`, the library only sees this.

use crate::decode::DecodeOptions;
use crate::normalize::script::Target;
use std::num::NonZeroUsize;
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
    /// Compute the report fields that only the JSON report (`--report`) prints: each
    /// removal's [`crate::report::Removal::sha256`] (a SHA-256 of the removed copy's
    /// matching key) and, without `strip_boilerplate`, the boilerplate stage that only
    /// counts the lines it would remove
    /// ([`crate::report::DocReport::boilerplate_candidates`]). `false` leaves every
    /// digest empty and that count 0; the text, the removals and every other field
    /// are the same. Default `true` (the library computes everything); the CLI sets it
    /// only when `--report` is written, the one output that prints either (the
    /// console, `--html`, `--summary-md`, `--annotate` and `--format github` read
    /// neither). The boilerplate count is about 7 % of the CPU of a Simplified corpus
    /// run, the digests some 2 % of a 10 MB file's.
    pub report_fields: bool,
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
    /// much decoded text, with bounded memory (see `windows`); `None`: always whole
    /// (`--window 0`).
    pub window_bytes: Option<NonZeroUsize>,
    /// Detectors that do not run, by their names in `detect::registry::REGISTRY`
    /// (`align`, `near_paragraph`, …; `--disable NAME`). Empty: all run.
    /// [`crate::Cleaner::try_new`] refuses a name that is not in the registry.
    pub disable: Vec<String>,
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
            report_fields: true,
            boilerplate_rules: None,
            dict: None,
            tw_phrases: false,
            decode: DecodeOptions::default(),
            report: None,
            threads: None,
            window_bytes: NonZeroUsize::new(DEFAULT_WINDOW),
            disable: Vec::new(),
        }
    }
}

/// The `--to` names zhclean performs, ASCII case-insensitive: its own, BCP 47 tags
/// and OpenCC configuration names.
pub const TO_NAMES: [(&str, Target, bool); 19] = [
    ("zh-hans", Target::ZhHans, false),
    ("zh-hant", Target::ZhHant, false),
    ("zh-tw", Target::ZhTw, false),
    ("zh-hk", Target::ZhHk, false),
    ("keep", Target::Keep, false),
    // BCP 47: regions that write Simplified, Traditional with Taiwan or Hong Kong
    // standard forms (Macau follows Hong Kong's)
    ("zh-cn", Target::ZhHans, false),
    ("zh-sg", Target::ZhHans, false),
    ("zh-my", Target::ZhHans, false),
    ("zh-mo", Target::ZhHk, false),
    ("zh-hans-cn", Target::ZhHans, false),
    ("zh-hant-tw", Target::ZhTw, false),
    ("zh-hant-hk", Target::ZhHk, false),
    // OpenCC configurations (`opencc -c NAME`)
    ("t2s", Target::ZhHans, false),
    ("s2t", Target::ZhHant, false),
    ("s2tw", Target::ZhTw, false),
    ("t2tw", Target::ZhTw, false),
    ("s2twp", Target::ZhTw, true),
    ("s2hk", Target::ZhHk, false),
    ("t2hk", Target::ZhHk, false),
];

/// OpenCC configurations zhclean does not perform, with the nearest `--to`.
const OPENCC_REFUSED: [(&str, &str); 9] = [
    ("tw2s", "Taiwan forms to Simplified; the nearest is --to zh-hans (OpenCC t2s), which may leave Taiwan-only variant characters"),
    ("tw2sp", "Taiwan phrases back to Mainland ones; the nearest is --to zh-hans (OpenCC t2s), which converts characters, not phrases"),
    ("hk2s", "Hong Kong forms to Simplified; the nearest is --to zh-hans (OpenCC t2s), which may leave Hong Kong-only variant characters"),
    ("tw2t", "Taiwan forms to OpenCC standard Traditional; use --to keep or --to zh-hant"),
    ("hk2t", "Hong Kong forms to OpenCC standard Traditional; use --to keep or --to zh-hant"),
    ("t2jp", "Japanese shinjitai; zhclean writes Chinese scripts only"),
    ("jp2t", "Japanese shinjitai; zhclean writes Chinese scripts only"),
    ("s2jp", "Japanese shinjitai; zhclean writes Chinese scripts only"),
    ("jp2s", "Japanese shinjitai; zhclean writes Chinese scripts only"),
];

/// Parse a `--to` name (also the Python binding's `to=`): the output script and
/// whether OpenCC's `s2twp` asked for Taiwan phrases (as `--phrases`). Accepts
/// [`TO_NAMES`], ASCII case-insensitive, `_` for `-`, an optional `.json`, and longer
/// BCP 47 tags `zh-Hans-*`, `zh-Hant-*`.
///
/// # Errors
/// The message the command line shows after `invalid value … for '--to'`: refused
/// OpenCC names say what is nearest; other values get the closest accepted name.
pub fn target_from_name(s: &str) -> Result<(Target, bool), String> {
    let lower = s.trim().to_ascii_lowercase().replace('_', "-");
    let lower = lower.strip_suffix(".json").unwrap_or(&lower);
    if let Some((_, script, phrases)) = TO_NAMES.iter().find(|(n, _, _)| *n == lower) {
        return Ok((*script, *phrases));
    }
    // longer BCP 47 tags: zh-Hans-…, zh-Hant-… (script subtag decides)
    if let Some(rest) = lower.strip_prefix("zh-hans-") {
        if !rest.is_empty() {
            return Ok((Target::ZhHans, false));
        }
    }
    if let Some(rest) = lower.strip_prefix("zh-hant-") {
        if !rest.is_empty() {
            return Ok((Target::ZhHant, false));
        }
    }
    if let Some((name, why)) = OPENCC_REFUSED.iter().find(|(n, _)| *n == lower) {
        return Err(format!(
            "OpenCC's {name} is not one of zhclean's conversions ({why})"
        ));
    }
    let best = TO_NAMES
        .iter()
        .map(|(n, _, _)| (strsim::jaro_winkler(lower, n), *n))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.8)
        .map(|(_, n)| format!(" (did you mean {n}?)"))
        .unwrap_or_default();
    Err(format!(
        "not a script{best}; give zh-hans, zh-hant, zh-tw, zh-hk or keep (BCP 47 tags such as zh-CN, zh-TW, zh-Hant and OpenCC names such as t2s, s2twp are accepted too)"
    ))
}
