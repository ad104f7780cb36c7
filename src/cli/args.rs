//! The raw command line (clap). Nothing outside `cli` sees these types.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;
use zhclean::Target;

const LONG_ABOUT: &str = "\
Clean scraped Chinese text: remove the doubled article body and repeated sentences,
normalize Traditional/Simplified script and punctuation width, and report exactly what
was removed, where and why.

One FILE (or stdin) is cleaned to stdout or -o FILE. A folder, several files, or
--jsonl make a batch: documents are cleaned in parallel and written, reported and
checked in input order, so every thread count gives the same bytes.";

const EXAMPLES: &str = "\
Examples:
  zhclean article.txt                         cleaned article on stdout
  curl -s URL | zhclean --report dup.json > clean.txt
  zhclean --to keep --punct keep article.txt  remove duplicates only
  zhclean -o clean.txt --report dup.json article.txt

Batches:
  zhclean news/ --out-dir clean/ --report report.json   a folder tree, mirrored
  zhclean news/ --in-place --backup .orig               rewrite files safely
  zhclean --jsonl corpus.jsonl -o clean.jsonl           one JSON object per line
  zhclean --jsonl corpus.jsonl --cross-doc drop -o dedup.jsonl --report r.json
  zhclean --check --max-dup-ratio 0.05 news/            CI: exit 1 when a document is over
  zhclean --check --format github --summary-md dup.md news/

Also:
  zhclean completions bash|zsh|fish|elvish|powershell   shell completions on stdout
  zhclean man                                           the man page (roff) on stdout

--cross-doc=drop in steps a cluster can run (each verb has --help; README: Past one machine):
  zhclean signatures --jsonl corpus.jsonl --id-field id -o sig.jsonl
  zhclean pairs sig.jsonl -o pairs.jsonl
  zhclean verify pairs.jsonl --jsonl corpus.jsonl --id-field id -o verdicts.jsonl
  zhclean resolve verdicts.jsonl -o drops.jsonl
  zhclean apply --drop drops.jsonl --jsonl corpus.jsonl --id-field id -o dedup.jsonl
(a file named like a verb, e.g. `man` or `signatures`, is read as ./man, ./signatures)

Exit codes: 0 success (also when duplicates were removed), 1 --check found a document
over --max-dup-ratio, 2 error (usage; an unreadable, undecodable or malformed input,
reported and skipped while the rest of a batch goes on; a failed write), 130
interrupted.";

/// `zhclean --version`: the crate version, the git commit it was built from and the
/// commit of OpenCC's dictionary data it embeds (see build.rs).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ZHCLEAN_GIT_COMMIT"),
    "; OpenCC data ",
    env!("ZHCLEAN_OPENCC_DATA"),
    ")"
);

/// The raw arguments.
#[derive(Debug, Parser)]
#[command(name = "zhclean", version = VERSION, about = "Clean scraped Chinese text and report every removal.",
          long_about = LONG_ABOUT, after_long_help = EXAMPLES)]
pub struct Args {
    /// Input files or folders; stdin when absent or `-`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the cleaned text here instead of stdout.
    ///
    /// Written atomically (temp file, fsync, rename). With --jsonl: the cleaned JSONL.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        help_heading = "Output"
    )]
    pub output: Option<PathBuf>,

    /// Batch: write the cleaned files under DIR, mirroring the input tree.
    ///
    /// DIR may not be inside an input folder. With one input, paths are relative to it;
    /// with several, each input's tree goes under its own name.
    #[arg(long, value_name = "DIR", help_heading = "Output", conflicts_with_all = ["in_place", "output"])]
    pub out_dir: Option<PathBuf>,

    /// Batch: replace each file with its cleaned version.
    ///
    /// Each file is written to a temporary file beside it, fsynced and renamed over it,
    /// so it is always either the original or the whole cleaned version. Files with
    /// nothing to change are not rewritten; permissions are kept.
    #[arg(long, help_heading = "Output", conflicts_with = "output")]
    pub in_place: bool,

    /// With --in-place: also rewrite the files that symbolic links inside the folders
    /// point to (by default such links are skipped with a warning, so nothing outside
    /// the named folders is rewritten).
    #[arg(long, requires = "in_place", help_heading = "Output")]
    pub follow_links: bool,

    /// With --in-place: keep each original as FILE+SUFFIX.
    #[arg(
        long,
        value_name = "SUFFIX",
        requires = "in_place",
        help_heading = "Output"
    )]
    pub backup: Option<String>,

    /// Write a self-contained HTML review page to FILE: each document with its removed
    /// spans struck through in place, the kept copies linked, kinds coloured and
    /// filterable; for a batch, an index by dup_ratio.
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub html: Option<PathBuf>,

    /// Write the duplication report as JSON to FILE (atomically).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub report: Option<PathBuf>,

    /// Report layout: one JSON object, or JSONL for very large runs.
    ///
    /// jsonl: one document per line, then one line with the summary, clusters, errors
    /// and skipped inputs.
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Json, value_name = "FORMAT", help_heading = "Output")]
    pub report_format: ReportFormatArg,

    /// Output script: zh-hans, zh-hant, zh-tw, zh-hk or keep.
    ///
    /// Case-insensitive. Also BCP 47 tags: zh-CN, zh-SG, zh-MY, zh-Hans-* → zh-hans;
    /// zh-Hant-* → zh-hant; zh-TW → zh-tw; zh-HK, zh-MO → zh-hk. And the names of
    /// OpenCC's configurations that zhclean performs: t2s → zh-hans, s2t → zh-hant,
    /// s2tw and t2tw → zh-tw, s2twp → zh-tw with --phrases, s2hk and t2hk → zh-hk.
    #[arg(long = "to", value_name = "SCRIPT", default_value = "zh-hans", value_parser = to_script, help_heading = "Cleaning")]
    pub to: ToChoice,

    /// Punctuation width in Chinese text.
    #[arg(long, value_enum, default_value_t = PunctArg::Fullwidth, help_heading = "Cleaning")]
    pub punct: PunctArg,

    /// Which copy of a duplicate survives (auto: the one that leaves the document
    /// reading as an article; see README).
    #[arg(long, value_enum, default_value_t = KeepArg::Auto, help_heading = "Cleaning")]
    pub keep: KeepArg,

    /// A repeated sentence is removed only if its matching key has at least N characters.
    #[arg(long, value_name = "N", default_value_t = zhclean::config::DEFAULT_MIN_SENTENCE_CHARS, help_heading = "Cleaning")]
    pub min_sentence_chars: usize,

    /// A lone repeated paragraph is removed only if its matching key has at least N
    /// characters (also the minimum for cross-document paragraphs).
    #[arg(long, value_name = "N", default_value_t = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS, help_heading = "Cleaning")]
    pub min_paragraph_chars: usize,

    /// Near-duplicate paragraphs: minimum similarity of their character bigrams (0–1).
    #[arg(long, value_name = "F", default_value_t = zhclean::config::DEFAULT_NEAR_THRESHOLD, value_parser = unit_interval, help_heading = "Cleaning")]
    pub near_threshold: f64,

    /// Remove page furniture (share widgets, copyright lines, editor credits) instead
    /// of only counting it.
    #[arg(long, help_heading = "Cleaning")]
    pub strip_boilerplate: bool,

    /// Extra boilerplate rules, one per line (see README).
    #[arg(long, value_name = "FILE", help_heading = "Cleaning")]
    pub boilerplate_rules: Option<PathBuf>,

    /// Do not run detector NAME (repeatable): boilerplate, align, near_paragraph,
    /// inline or sentence (see README, "Detectors").
    #[arg(long, value_name = "NAME", help_heading = "Cleaning")]
    pub disable: Vec<String>,

    /// Script converter backend (opencc-cpp needs a build with `--features opencc-cpp`).
    #[arg(long, value_enum, default_value_t = ConverterArg::Zhclean, help_heading = "Cleaning")]
    pub converter: ConverterArg,

    /// A user dictionary for script conversion: `source<TAB>target` one a line
    /// (OpenCC's text format), applied before the built-in phrases; `term<TAB>term`
    /// protects a term.
    #[arg(long, value_name = "FILE", help_heading = "Cleaning")]
    pub dict: Option<PathBuf>,

    /// With `--to zh-tw`: also Taiwan phrases (OpenCC `s2twp`: 软件 → 軟體).
    #[arg(long, help_heading = "Cleaning")]
    pub phrases: bool,

    /// Input encoding (auto: byte-order mark, then UTF-8, then GB18030 or Big5).
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto, value_name = "ENCODING", help_heading = "Input")]
    pub encoding: EncodingArg,

    /// Replace undecodable bytes with U+FFFD (counted in the report) instead of failing.
    #[arg(long, help_heading = "Input")]
    pub lossy: bool,

    /// A single input larger than SIZE (bytes, or with a K, M or G suffix) is cleaned
    /// in windows of about that much text, with bounded memory; 0 cleans it whole
    /// whatever its size.
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = byte_size, help_heading = "Input")]
    pub window: usize,

    /// Batch: which files of a folder to take (repeatable) [default: *.txt *.md *.text]
    ///
    /// Matched against the file name, or against the path below the folder when the
    /// pattern has a `/`. Files named on the command line are always taken. Hidden
    /// files, symbolic-link loops and non-regular files are skipped with a warning.
    #[arg(long = "glob", value_name = "GLOB", help_heading = "Input")]
    pub globs: Vec<String>,

    /// Read JSONL from the PATHs or stdin and clean one field of each line.
    ///
    /// Every other byte of a line is kept as it was; output keeps input order. A
    /// malformed line is reported with its number and not written; a line without the
    /// text field is reported and written unchanged; either makes the exit code 2.
    #[arg(long, help_heading = "Input")]
    pub jsonl: bool,

    /// With --jsonl: the field holding the text.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "text",
        help_heading = "Input"
    )]
    pub text_field: String,

    /// With --jsonl: the field naming each record (`meta.id` reaches into nested
    /// objects), carried into every report entry, annotation and summary row.
    ///
    /// A string is taken as it is, a number or other value as its JSON text. Files are
    /// named by their path.
    #[arg(long, value_name = "NAME", requires = "jsonl", help_heading = "Input")]
    pub id_field: Option<String>,

    /// With --jsonl: keep every record and its text as they are (also those
    /// --cross-doc=drop would drop) and add a field with what zhclean found.
    ///
    /// The field (see --stats-field) holds dup_ratio, chars_in, chars_removed,
    /// removals by kind, each removal's char_range in the record's text, and for a
    /// duplicate document dropped, duplicate_of (its --id-field value) and
    /// duplicate_of_line.
    #[arg(
        long,
        requires = "jsonl",
        conflicts_with = "check",
        help_heading = "Output"
    )]
    pub annotate: bool,

    /// With --annotate: the name of the added field.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "zhclean",
        requires = "annotate",
        help_heading = "Output"
    )]
    pub stats_field: String,

    /// Batch: find duplicates across documents (report, or drop whole documents).
    ///
    /// `report` (the default when the flag is given without a mode) lists paragraphs
    /// already seen in an earlier document (kind cross_document; the text is kept).
    /// `drop` also drops whole documents that are exact or near duplicates of an
    /// earlier one (MinHash LSH over character 5-grams, every candidate verified by
    /// exact Jaccard), and reports them in clusters. Give the mode with `=` or put the
    /// flag after the paths: in `--cross-doc news/`, `news/` is read as the mode.
    #[arg(long, num_args = 0..=1, default_missing_value = "report", value_name = "MODE", value_parser = cross_doc_mode, help_heading = "Batch")]
    pub cross_doc: Option<CrossDocArg>,

    /// With --cross-doc drop: similarity at which a document is a duplicate (0–1).
    ///
    /// Jaccard similarity of the character 5-gram sets of the documents' matching keys.
    #[arg(long, value_name = "F", default_value_t = 0.8, value_parser = unit_interval, help_heading = "Batch")]
    pub cross_doc_threshold: f64,

    /// With --jsonl and --id-field: drop the documents a drop list names (`zhclean
    /// apply`), as --cross-doc=drop would have.
    ///
    /// The list comes from `zhclean signatures`, `pairs`, `verify` and `resolve` (or
    /// a cluster job doing the same; see docs/drops.schema.json). The report shows
    /// the drops and cross-document paragraphs as --cross-doc=drop does.
    #[arg(long, value_name = "FILE", requires_all = ["jsonl", "id_field"], help_heading = "Batch")]
    pub drop: Option<PathBuf>,

    /// Threads for batch work (default: all cores).
    #[arg(
        short = 'j',
        long = "threads",
        value_name = "N",
        help_heading = "Batch"
    )]
    pub threads: Option<usize>,

    /// CI mode: write nothing; exit 1 when a document exceeds --max-dup-ratio.
    ///
    /// A document's share is its dup_ratio, plus its cross-document share with
    /// --cross-doc; a dropped document counts as 1.0. Errors (exit 2) win over the
    /// verdict. --report and --summary-md are still written.
    #[arg(long, help_heading = "CI", conflicts_with_all = ["output", "out_dir", "in_place"])]
    pub check: bool,

    /// With --check: the highest acceptable share of duplicated characters per document.
    #[arg(long, value_name = "R", default_value_t = 0.0, value_parser = unit_interval, help_heading = "CI")]
    pub max_dup_ratio: f64,

    /// How offending documents and errors are announced.
    ///
    /// human: on stderr. github: workflow commands on stdout, `::warning file=…,line=…::…`
    /// for each document over --max-dup-ratio and `::error` for each bad input.
    #[arg(long, value_enum, default_value_t = FormatArg::Human, help_heading = "CI")]
    pub format: FormatArg,

    /// Write a Markdown summary to FILE, e.g. for a CI job summary.
    ///
    /// Totals, a table of the documents over the threshold (or the worst ones), and the
    /// most repeated paragraphs.
    #[arg(long, value_name = "FILE", help_heading = "CI")]
    pub summary_md: Option<PathBuf>,

    /// No summary and no progress bar on stderr (warnings and errors still appear).
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--window`: `123`, `64K`, `32M`, `1G` (powers of 1024).
fn byte_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m: usize = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("{s:?}: the suffix is K, M or G")),
            };
            (&t[..i], m)
        }
        _ => (t, 1),
    };
    let n: usize = num
        .parse()
        .map_err(|_| format!("{s:?} is not a size such as 32M"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))
}

fn unit_interval(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

/// `--to`, parsed: the script and whether OpenCC's `s2twp` asked for Taiwan phrases.
#[derive(Debug, Clone, Copy)]
pub struct ToChoice {
    /// The output script.
    pub script: ToArg,
    /// Taiwan phrases (`s2twp`), as with `--phrases`.
    pub phrases: bool,
}

/// Parse `--to` (see [`zhclean::config::target_from_name`]).
fn to_script(s: &str) -> Result<ToChoice, String> {
    let (target, phrases) = zhclean::config::target_from_name(s)?;
    let script = match target {
        Target::ZhHans => ToArg::ZhHans,
        Target::ZhHant => ToArg::ZhHant,
        Target::ZhTw => ToArg::ZhTw,
        Target::ZhHk => ToArg::ZhHk,
        Target::Keep => ToArg::Keep,
    };
    Ok(ToChoice { script, phrases })
}

/// Parse `--cross-doc`'s mode; a value that looks like a path says how to give the
/// mode (`--cross-doc news/` reads `news/` as the mode).
fn cross_doc_mode(s: &str) -> Result<CrossDocArg, String> {
    match s.to_ascii_lowercase().as_str() {
        "report" => Ok(CrossDocArg::Report),
        "drop" => Ok(CrossDocArg::Drop),
        _ if s.contains('/') || s.contains('.') || std::path::Path::new(s).exists() => Err(format!(
            "the mode is report or drop; {s:?} looks like a path: write --cross-doc={{report,drop}} with `=`, or put --cross-doc after the paths (e.g. --cross-doc=report {s})"
        )),
        _ => Err("the mode is report or drop".to_string()),
    }
}

/// `--to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToArg {
    /// Simplified Chinese.
    ZhHans,
    /// Traditional Chinese (OpenCC standard).
    ZhHant,
    /// Traditional Chinese, Taiwan.
    ZhTw,
    /// Traditional Chinese, Hong Kong.
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
    /// zhclean's own, OpenCC's dictionaries as automata.
    Zhclean,
    /// opencc-fmmseg, pure Rust, dictionaries embedded.
    Fmmseg,
    /// The system OpenCC through opencc-rust.
    #[value(name = "opencc-cpp")]
    OpenccCpp,
}

/// `--encoding`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EncodingArg {
    /// Detect.
    Auto,
    /// UTF-8.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030 (also GBK and GB2312).
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
    /// Big5.
    Big5,
    /// UTF-16, little-endian.
    #[value(name = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian.
    #[value(name = "utf-16be")]
    Utf16Be,
}

/// `--cross-doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossDocArg {
    /// Report paragraphs already seen in an earlier document.
    Report,
    /// Also drop documents that duplicate an earlier one.
    Drop,
}

/// `--report-format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormatArg {
    /// One JSON object.
    Json,
    /// One document per line, the summary last.
    Jsonl,
}

/// `--format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FormatArg {
    /// Messages for people on stderr.
    Human,
    /// GitHub Actions workflow commands on stdout.
    Github,
}
