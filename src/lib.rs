//! zhclean cleans scraped Chinese text: it removes the doubled article body and the
//! repeated sentences that scrapers leave behind, normalizes Traditional/Simplified
//! script and punctuation width, and reports exactly what it removed, where and why.
//!
//! ```text
//! input -> decode -> segment -> normalize -> fingerprint -> detect -> clean -> report -> printers
//! ```
//!
//! Decisions are made on *matching keys* (script-, width-, punctuation- and
//! whitespace-folded); removals are applied to spans of the input; the report names
//! input offsets. The characters of the input equal the characters kept plus the
//! characters the report lists as removed.
//!
//! ```
//! use zhclean::{Cleaner, Config};
//! let cleaner = Cleaner::new(Config::default());
//! let body = "這是一段足夠長的新聞正文,用來示範。\n";
//! let out = cleaner.clean_text(&format!("{body}{body}"), None);
//! assert_eq!(out.text, "这是一段足够长的新闻正文，用来示范。\n");
//! assert_eq!(out.report.removed.len(), 1);
//! ```

pub mod clean;
pub mod config;
pub mod decode;
pub mod detect;
pub mod error;
pub mod exit;
pub mod fingerprint;
pub mod input;
pub mod normalize;
pub mod output;
pub mod printer;
pub mod report;
pub mod segment;

pub use config::{Config, KeepPolicy, PunctMode};
pub use error::{Error, Result};
pub use normalize::script::{ScriptConverter, Target};
pub use report::{DocReport, Report};

use normalize::script::{FmmsegConverter, ScriptTables};
use std::path::Path;

/// A cleaned document: the output text and its report.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The cleaned, normalized text.
    pub text: String,
    /// What was removed and changed.
    pub report: DocReport,
}

/// Cleans documents with one configuration. Cheap to share across threads.
pub struct Cleaner {
    cfg: Config,
    converter: Box<dyn ScriptConverter>,
    tables: &'static ScriptTables,
}

impl Cleaner {
    /// A cleaner with the default converter (opencc-fmmseg).
    pub fn new(cfg: Config) -> Self {
        Self::with_converter(cfg, Box::new(FmmsegConverter::new()))
    }

    /// A cleaner with the given converter backend.
    pub fn with_converter(cfg: Config, converter: Box<dyn ScriptConverter>) -> Self {
        Cleaner {
            cfg,
            converter,
            tables: ScriptTables::get(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Decode and clean raw bytes; `path` names the source in the report and errors.
    pub fn clean_bytes(&self, bytes: Vec<u8>, path: Option<&Path>) -> Result<Cleaned> {
        let name = error::display_source(path);
        let d = decode::decode_with(bytes, &name, &self.cfg.decode)?;
        let mut c = self.clean_text(&d.text, path.map(|p| p.display().to_string()));
        c.report.encoding = d.encoding.to_string();
        c.report.bom = d.bom;
        c.report.replaced_bytes = d.replaced;
        c.report.replaced_at = d.replaced_at;
        Ok(c)
    }

    /// Clean text that is already decoded.
    pub fn clean_text(&self, text: &str, path: Option<String>) -> Cleaned {
        let analysis = detect::Analysis::new(text, self.tables);
        let decisions = detect::detect(&analysis, &self.cfg);
        let mut ts = normalize::text::TextStats::default();
        let mut rs = clean::RenderStats::default();
        let opts = clean::RenderOptions {
            punct: self.cfg.punct,
            target: self.cfg.target,
            converter: self.converter.as_ref(),
            tables: self.tables,
            final_break: text.ends_with(['\n', '\r']),
            any_to_convert: ScriptTables::any_to_convert(&analysis.script, self.cfg.target),
        };
        let out = clean::render(text, &decisions, &opts, &mut ts, &mut rs);

        let removed: Vec<report::Removal> = if decisions.is_empty() {
            Vec::new()
        } else {
            let idx = report::CharIndex::new(text);
            decisions
                .iter()
                .map(|d| report::removal(text, &analysis.lines, &idx, d))
                .collect()
        };
        let chars_in = text.chars().count();
        let chars_removed: usize = removed.iter().map(|r| r.chars).sum();
        let counts = analysis.script;
        let report = DocReport {
            path,
            encoding: "utf-8".to_string(),
            bom: false,
            replaced_bytes: 0,
            replaced_at: Vec::new(),
            chars_in,
            chars_removed,
            chars_out: out.chars().count(),
            dup_ratio: report::ratio(chars_removed, chars_in),
            script: report::ScriptReport {
                detected: counts.detected().to_string(),
                traditional_chars: counts.traditional,
                simplified_chars: counts.simplified,
                target: target_name(self.cfg.target).to_string(),
                converted_chars: rs.converted_chars,
                converted_lines: rs.converted_lines,
                converter: self.converter.name().to_string(),
            },
            normalization: ts,
            boilerplate_candidates: 0,
            removed,
        };
        Cleaned { text: out, report }
    }
}

/// The `--to` spelling of a target.
pub fn target_name(t: Target) -> &'static str {
    match t {
        Target::ZhHans => "zh-hans",
        Target::ZhHant => "zh-hant",
        Target::ZhTw => "zh-tw",
        Target::ZhHk => "zh-hk",
        Target::Keep => "keep",
    }
}
