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
//!
//! # Map
//!
//! **The pipeline** (one document, [`Cleaner::clean_text`]): [`decode`] (bytes to
//! text, encoding detection) → [`segment`] (lines, sentences) → [`detect::Analysis`]
//! (every paragraph and sentence keyed once by [`normalize::key`]: script-, width-,
//! punctuation- and whitespace-folded) → the detectors of [`detect`] → settled
//! decisions ([`detect::Decision`]: a [`detect::Span`] removed, its
//! [`detect::Kind`], [`detect::Evidence`] and [`detect::Kept`] copy) → [`fixpoint`]
//! (detection again on what survived, mapped back to the input; what the detectors
//! computed from unchanged paragraphs is kept from pass to pass in a
//! [`detect::registry::Memo`]) → [`clean`] (the kept
//! lines, tidied by [`normalize::text`] and converted by [`normalize::script`]) →
//! [`report`] (one [`DocReport`], built from the decisions in [`report::removal`]).
//!
//! **The detectors** are the rows of one ordered table, [`detect::registry::REGISTRY`]
//! (each a name and a [`detect::registry::Detector`]: one signature, taking the
//! [`detect::Analysis`], the [`Config`], the boilerplate rules and what earlier
//! detectors decided, returning decisions); [`detect::detect_after`] runs the rows
//! that [`Config::disable`] (`--disable NAME`) leaves on: `boilerplate` lines
//! (`detect/boilerplate/`), `align` (runs aligned on the sentence sequence,
//! `detect/align`: every copy of whole lines), `near_paragraph` (`detect/near.rs`),
//! `inline` (bodies doubled inside one line, `detect/inline`), then `sentence`. Each sees only
//! what the earlier ones left, and each proposes removals that [`detect::evidence`]
//! decides (heading-like lines, run evidence, which copy survives). A new detector is
//! one file in `detect/` implementing the trait, one row in the table at its place in
//! the order (its name in the README's detector table), a [`detect::Kind`] (and its
//! name in `docs/report.schema.json`) when it removes a new kind of copy, and a
//! fixture under `fixtures/` with its golden report (and a case in
//! `tests/it/registry.rs`).
//!
//! **The drivers** around the pipeline: a whole document ([`Cleaner`]); one large
//! input window by window ([`windows`]: the mode is chosen by [`windows::choose`];
//! the driver keeps a table of the paragraphs that survived earlier windows
//! ([`detect::earlier_window::Survivors`]) and adds one detector to each window's
//! run, [`detect::earlier_window::EarlierWindow`], which removes a paragraph already
//! kept in an earlier window with [`detect::Kept::EarlierWindow`]; drivers add
//! detectors through [`detect::detect_after`], nothing calls back into a driver);
//! batches of files or JSONL lines ([`batch`]:
//! workers clean documents in parallel, a corpus pass in input order runs the
//! cross-document stages of [`crossdoc`] and writes outputs and the report). The
//! command line (`src/cli/`, not part of the library) validates arguments into a plan
//! and calls one of them.
//!
//! **The outputs**: [`printer`] renders a [`Report`] or [`DocReport`] for each
//! audience (`json` for `--report`, `human` for the console, `github` annotations,
//! `markdown` for `--summary-md`, `html` for `--html`); [`annotate`] writes the
//! statistics field of `--annotate`. Counts are merged with `+=` ([`report::Summary`],
//! [`DocReport`], [`normalize::text::TextStats`], [`report::KindCounts`], the one
//! place that counts removals by kind). Every output about a run is a
//! [`printer::Printer`], and the drivers hand the run's events (progress, problems,
//! each document in input order, the end, whether the outputs landed) to one
//! [`printer::Printers`], which fans them out ([`printer::sink`]). A new output is one
//! `Printer` in `printer/` and one line where the command line builds its printers
//! (`src/cli/drivers.rs`); files are written through [`output`] (atomic, staged by
//! the printers and committed together).

pub mod annotate;
pub mod batch;
pub mod batch_lines;
pub mod chars;
pub mod clean;
pub mod compress;
pub mod config;
pub mod crossdoc;
pub mod decode;
pub mod detect;
pub mod error;
pub mod exit;
pub mod fingerprint;
pub mod fixpoint;
pub mod input;
pub mod normalize;
pub mod output;
pub mod printer;
pub mod report;
pub mod segment;
pub mod signatures;
pub mod windows;

pub use config::{Config, KeepPolicy, PunctMode};
pub use error::{Error, Result};
pub use normalize::script::{ScriptConverter, Target};
pub use report::{DocReport, Report};

use normalize::opencc::{OpenccConverter, UserDict};
use normalize::script::ScriptTables;
use std::path::Path;

/// A cleaned document: the output text and its report.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The cleaned, normalized text.
    pub text: String,
    /// What was removed and changed.
    pub report: DocReport,
    /// The input's paragraphs with their key hashes, for the cross-document pass of
    /// a batch (which so never segments and keys a document a second time).
    pub paragraphs: Vec<crossdoc::ParaKey>,
    /// Blank lines were dropped at the start of the output (where a window of a large
    /// input meets the one before, `windows` puts one back).
    pub leading_blank: bool,
    /// Blank lines were dropped at the end of the output.
    pub trailing_blank: bool,
}

/// Cleans documents with one configuration. Cheap to share across threads.
pub struct Cleaner {
    cfg: Config,
    converter: Box<dyn ScriptConverter>,
    tables: &'static ScriptTables,
    rules: detect::boilerplate::Rules,
    user_dict: Option<UserDict>,
}

impl Cleaner {
    /// A cleaner with the default converter (zhclean's own, from OpenCC's
    /// dictionaries: [`OpenccConverter`]).
    pub fn new(cfg: Config) -> Self {
        let conv = OpenccConverter::with_tw_phrases(cfg.tw_phrases);
        Self::with_converter(cfg, Box::new(conv))
    }

    /// A cleaner with the given converter backend.
    ///
    /// # Panics
    /// When `cfg.boilerplate_rules` names a file that cannot be read or parsed; use
    /// [`Cleaner::try_new`] to get that as an error.
    pub fn with_converter(cfg: Config, converter: Box<dyn ScriptConverter>) -> Self {
        Self::try_new(cfg, converter).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A cleaner with the given converter backend; fails when the extra boilerplate
    /// rules file (`cfg.boilerplate_rules`) or the user dictionary (`cfg.dict`) cannot
    /// be read or parsed, or (with [`Error::Usage`]) when `cfg.disable` names no
    /// detector of [`detect::registry::REGISTRY`].
    pub fn try_new(cfg: Config, converter: Box<dyn ScriptConverter>) -> Result<Self> {
        detect::registry::check(&cfg.disable)?;
        let rules = match &cfg.boilerplate_rules {
            Some(p) => detect::boilerplate::Rules::with_file(p)?,
            None => detect::boilerplate::Rules::builtin(),
        };
        let user_dict = cfg.dict.as_deref().map(UserDict::load).transpose()?;
        Ok(Cleaner {
            cfg,
            converter,
            tables: ScriptTables::get(),
            rules,
            user_dict,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Decode and clean raw bytes; `path` names the source in the report and errors.
    pub fn clean_bytes(&self, bytes: Vec<u8>, path: Option<&Path>) -> Result<Cleaned> {
        let d = self.decode(bytes, path)?;
        Ok(self.clean_decoded(&d, path))
    }

    /// Decode raw bytes with the configured options (`cfg.decode`); `path` names the
    /// source in errors.
    pub fn decode(&self, bytes: Vec<u8>, path: Option<&Path>) -> Result<decode::Decoded> {
        decode::decode_with(bytes, &error::display_source(path), &self.cfg.decode)
    }

    /// Clean a decoded document; its report records the encoding (batch mode keeps
    /// the decoded text for the cross-document pass).
    pub fn clean_decoded(&self, d: &decode::Decoded, path: Option<&Path>) -> Cleaned {
        self.clean_decoded_with(d, path, &self.rules)
    }

    /// [`Cleaner::clean_decoded`] with other boilerplate rules: the cleaner's own with
    /// a batch's repeated lines ([`detect::boilerplate::Rules::with_repeated`]).
    pub fn clean_decoded_with(
        &self,
        d: &decode::Decoded,
        path: Option<&Path>,
        rules: &detect::boilerplate::Rules,
    ) -> Cleaned {
        let input = report::InputFacts {
            path: path.map(|p| p.display().to_string()),
            path_bytes: path.and_then(report::path_bytes),
            encoding: d.encoding,
            also_plausible: d.also_plausible,
            bom: d.bom,
            replaced_bytes: d.replaced,
            replaced_at: d.replaced_at.clone(),
        };
        self.clean_with(&d.text, input, rules, &[]).0
    }

    /// Clean text that is already decoded.
    pub fn clean_text(&self, text: &str, path: Option<String>) -> Cleaned {
        self.clean_text_with(text, path, &self.rules)
    }

    /// [`Cleaner::clean_text`] with other boilerplate rules (see
    /// [`Cleaner::clean_decoded_with`]).
    pub fn clean_text_with(
        &self,
        text: &str,
        path: Option<String>,
        rules: &detect::boilerplate::Rules,
    ) -> Cleaned {
        let input = report::InputFacts::text(path);
        self.clean_with(text, input, rules, &[]).0
    }

    /// The boilerplate rules (built in, plus `--boilerplate-rules`), compiled once.
    pub fn rules(&self) -> &detect::boilerplate::Rules {
        &self.rules
    }

    /// How `text`, analysed as `analysis`, is rendered ([`clean::render`]).
    fn render_options<'s>(
        &'s self,
        text: &str,
        analysis: &'s detect::Analysis<'_>,
    ) -> clean::RenderOptions<'s> {
        let mode = ScriptTables::mode(analysis.script.detected(), self.cfg.target);
        clean::RenderOptions {
            punct: self.cfg.punct,
            target: self.cfg.target,
            converter: self.converter.as_ref(),
            tables: self.tables,
            final_break: text.ends_with(['\n', '\r']),
            lines: &analysis.lines,
            mode,
            mixed: analysis.script.detected() == "mixed",
            user_dict: self.user_dict.as_ref(),
            any_to_convert: self
                .tables
                .any_to_convert(&analysis.script, self.cfg.target),
            regional: self.cfg.target == Target::ZhHans,
            // (the analysis is of `text` itself: its spans cover every line)
            partial_lines: (self.cfg.target == Target::ZhHans
                && mode == normalize::script::Mode::Partial)
                .then_some(analysis.partial_lines.as_deref())
                .flatten(),
        }
    }

    /// Clean `text` (its report says `input` of it) with the detectors a driver adds,
    /// `extra`, running before the registry's (a window of a large input adds
    /// [`detect::earlier_window::EarlierWindow`]; see [`detect::detect_after`]).
    /// Returns the decisions made too. The removals' digests are computed only when
    /// [`Config::report_fields`] asks for them.
    pub(crate) fn clean_with(
        &self,
        text: &str,
        input: report::InputFacts,
        rules: &detect::boilerplate::Rules,
        extra: &[detect::Extra<'_>],
    ) -> (Cleaned, detect::Detected) {
        let analysis = detect::Analysis::new(text, self.tables);
        let mut detected = fixpoint::detect_settled(text, &analysis, &self.cfg, rules, extra);
        let decisions = std::mem::take(&mut detected.decisions);
        let mut ts = normalize::text::TextStats::default();
        let mut rs = clean::RenderStats::default();
        let opts = self.render_options(text, &analysis);
        let out = clean::render(text, &decisions, &opts, &mut ts, &mut rs);

        // (only `--report` prints a digest: see `Config::report_fields`)
        let digests = self.cfg.report_fields;
        let removed: Vec<report::Removal> = if decisions.is_empty() {
            Vec::new()
        } else {
            let idx = report::CharIndex::new(text);
            decisions
                .iter()
                .map(|d| {
                    let mut r = report::removal(text, &analysis.lines, &idx, d, digests);
                    r.rule = d.rule.and_then(|i| rules.label(i)).map(str::to_string);
                    r
                })
                .collect()
        };
        // (bytecount's AVX2 count of the bytes that start a character: the same as
        // chars().count() on valid UTF-8, whose word-at-a-time count was 1.3 % of a
        // Simplified corpus run for these two)
        let chars_in = bytecount::num_chars(text.as_bytes());
        let chars_removed: usize = removed.iter().map(|r| r.chars).sum();
        let counts = analysis.script;
        let report = DocReport {
            path: input.path,
            path_bytes: input.path_bytes,
            encoding_confidence: input.also_plausible.map(|_| "low".to_string()),
            encoding_also_plausible: input.also_plausible.map(str::to_string),
            line: None,
            id: None,
            cross_document: Vec::new(),
            cross_doc_chars: 0,
            dropped: None,
            encoding: input.encoding.into(),
            bom: input.bom,
            replaced_bytes: input.replaced_bytes,
            replaced_at: input.replaced_at,
            chars_in,
            chars_removed,
            chars_out: bytecount::num_chars(out.as_bytes()),
            dup_ratio: report::ratio(chars_removed, chars_in),
            script: report::ScriptReport {
                detected: counts.detected().into(),
                traditional_chars: counts.traditional,
                simplified_chars: counts.simplified,
                target: target_name(self.cfg.target).into(),
                converted_chars: rs.converted_chars,
                converted_lines: rs.converted_lines,
                unconverted_chars: rs.unconverted_chars,
                converter: self.converter.name().into(),
                regional_lines: report::RegionalLines::of(rs.regional_lines),
            },
            normalization: ts,
            boilerplate_candidates: detected.boilerplate_candidates,
            removed,
        };
        detected.decisions = decisions;
        let cleaned = Cleaned {
            text: out,
            report,
            paragraphs: crossdoc::paras_of(&analysis),
            leading_blank: rs.leading_blank,
            trailing_blank: rs.trailing_blank,
        };
        (cleaned, detected)
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

#[cfg(test)]
mod tests {
    use super::{clean, detect, fixpoint, normalize, Cleaner, Config, Target};

    /// Each document of lines drawn from `pool` (repeated, so detection removes
    /// some, and lines are joined across removals) rendered with the partial-mode
    /// gate ([`clean::RenderOptions::partial_lines`]) and without it: the same text
    /// and counts.
    #[test]
    fn the_partial_line_gate_renders_as_asking_every_line() {
        let pool = [
            "今天的新闻很重要，大家都在看。",
            "华为乾崑发布新车，记者在现场报道。",
            "这是另一段說明文字，裏面有繁體字。",
            "转载自&#x9EBC;网站，版权所有。",
            "市民表示：“我们希望看到更多好消息。”",
            "\u{F900}\u{2F00}测试兼容字符，鑑定结果。",
            "",
        ];
        let cleaner = Cleaner::new(Config {
            target: Target::ZhHans,
            ..Config::default()
        });
        let lines: Vec<String> = pool.iter().map(|l| format!("{l}\n")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut gated = 0;
        // each text also without its last line break, as every JSONL record's: its last
        // line is then lent by `kept_lines` and asked the gate, not the conversion check
        let texts = crate::chars::random_texts(&lines, 300, 12, 0x9E37_79B9)
            .into_iter()
            .flat_map(|t| {
                let open = t.strip_suffix('\n').map(str::to_string);
                std::iter::once(t).chain(open)
            });
        for text in texts {
            let analysis = detect::Analysis::new(&text, cleaner.tables);
            let rules = cleaner.rules();
            let decisions =
                fixpoint::detect_settled(&text, &analysis, &cleaner.cfg, rules, &[]).decisions;
            let mut opts = cleaner.render_options(&text, &analysis);
            gated += usize::from(opts.partial_lines.is_some());
            let render = |o: &clean::RenderOptions<'_>| {
                let mut ts = normalize::text::TextStats::default();
                let mut rs = clean::RenderStats::default();
                let out = clean::render(&text, &decisions, o, &mut ts, &mut rs);
                format!("{out}{ts:?}{rs:?}")
            };
            let want = {
                let gate = opts.partial_lines.take();
                let want = render(&opts);
                opts.partial_lines = gate;
                want
            };
            assert_eq!(render(&opts), want, "{text:?}");
        }
        assert!(gated > 0);
    }

    #[test]
    fn bytecount_counts_characters_as_chars_does() {
        // every length around bytecount's 16- and 32-byte SIMD steps, characters of
        // 1 to 4 bytes in every position
        let alphabet = ['a', 'é', '中', '𠀾', '\n', '。'];
        let mut rng = crate::chars::xorshift(0x2545_F491_4F6C_DD1D);
        for len in 0..300 {
            let s: String = (0..len)
                .map(|_| alphabet[(rng() % alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(
                bytecount::num_chars(s.as_bytes()),
                s.chars().count(),
                "{s:?}"
            );
        }
    }
}
