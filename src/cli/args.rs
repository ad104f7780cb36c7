//! The raw command line (clap). Nothing outside `cli` sees these types.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

const LONG_ABOUT: &str = "\
Clean scraped Chinese text: remove the doubled article body and repeated sentences,
normalize Traditional/Simplified script and punctuation width, and report exactly what
was removed, where and why.";

const EXAMPLES: &str = "\
Examples:
  zhclean article.txt                         cleaned article on stdout
  curl -s URL | zhclean --report dup.json > clean.txt
  zhclean --to keep --punct keep article.txt  remove duplicates only
  zhclean -o clean.txt --report dup.json article.txt

Exit codes: 0 success (also when duplicates were removed), 2 error, 130 interrupted.";

/// The raw arguments.
#[derive(Debug, Parser)]
#[command(name = "zhclean", version, about = "Clean scraped Chinese text and report every removal.",
          long_about = LONG_ABOUT, after_long_help = EXAMPLES)]
pub struct Args {
    /// Input file; stdin when absent or `-`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the cleaned text here (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output script.
    #[arg(long = "to", value_enum, default_value_t = ToArg::ZhHans)]
    pub to: ToArg,

    /// Punctuation width in Chinese text.
    #[arg(long, value_enum, default_value_t = PunctArg::Fullwidth)]
    pub punct: PunctArg,

    /// Which copy of a duplicate survives (auto: the one that leaves the document
    /// reading as an article; see README).
    #[arg(long, value_enum, default_value_t = KeepArg::Auto)]
    pub keep: KeepArg,

    /// Write the duplication report as JSON to FILE (atomically).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// A repeated sentence is removed only if its matching key has at least N characters.
    #[arg(long, value_name = "N", default_value_t = zhclean::config::DEFAULT_MIN_SENTENCE_CHARS)]
    pub min_sentence_chars: usize,

    /// A lone repeated paragraph is removed only if its matching key has at least N characters.
    #[arg(long, value_name = "N", default_value_t = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS)]
    pub min_paragraph_chars: usize,

    /// Script converter backend (opencc-cpp needs a build with `--features opencc-cpp`).
    #[arg(long, value_enum, default_value_t = ConverterArg::Fmmseg)]
    pub converter: ConverterArg,

    /// Threads for batch work (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,

    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--to`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ToArg {
    /// Simplified Chinese.
    #[value(name = "zh-hans")]
    ZhHans,
    /// Traditional Chinese (OpenCC standard).
    #[value(name = "zh-hant")]
    ZhHant,
    /// Traditional Chinese, Taiwan.
    #[value(name = "zh-tw")]
    ZhTw,
    /// Traditional Chinese, Hong Kong.
    #[value(name = "zh-hk")]
    ZhHk,
    /// Leave the script alone.
    Keep,
}

/// `--punct`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PunctArg {
    /// Half-width , : ; ! ? ( ) next to Chinese text become full-width.
    Fullwidth,
    /// Leave punctuation alone.
    Keep,
}

/// `--keep`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeepArg {
    /// The copy that leaves the document reading as an article.
    Auto,
    /// The earliest copy.
    First,
    /// The latest copy.
    Last,
}

/// `--converter`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ConverterArg {
    /// opencc-fmmseg, pure Rust, dictionaries embedded.
    Fmmseg,
    /// The system OpenCC through opencc-rust.
    #[value(name = "opencc-cpp")]
    OpenccCpp,
}
