//! The report model: what was removed, where and why, and what normalization changed.
//! One model, rendered by the printers in `printer`. The JSON form is a versioned
//! contract (see `README.md`, “Report”): fields may be added, none renamed without a
//! new [`SCHEMA_VERSION`]. Statistics add: a summary is the sum of its documents.

use crate::detect::Kind;
use crate::normalize::text::TextStats;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod counts;
mod entry;
pub use counts::KindCounts;
pub use entry::{line_of, removal, CharIndex};

/// Version of the JSON report schema.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole run: every document and their sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// One entry per document, in input order.
    pub documents: Vec<DocReport>,
    /// The sum over `documents`.
    pub summary: Summary,
    /// `--cross-doc drop`: kept documents with the duplicates dropped in their favour.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<Cluster>,
    /// Inputs that could not be cleaned (exit code 2), in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InputProblem>,
    /// Inputs skipped on purpose (hidden, binary, symbolic-link loops), in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<InputProblem>,
}

impl Report {
    /// A report over these documents, with its summary.
    pub fn new(documents: Vec<DocReport>) -> Self {
        let summary = Summary::of(&documents);
        Report {
            schema_version: SCHEMA_VERSION,
            documents,
            summary,
            clusters: Vec::new(),
            errors: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// The last line of a `--report-format jsonl` report: everything of [`Report`] but
/// the documents, which are the lines before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportTail {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The sum over the documents.
    pub summary: Summary,
    /// As [`Report::clusters`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<Cluster>,
    /// As [`Report::errors`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InputProblem>,
    /// As [`Report::skipped`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<InputProblem>,
}

impl ReportTail {
    /// The tail of a report with this summary and no clusters, errors or skipped
    /// inputs (one document, cleaned on its own).
    pub fn new(summary: Summary) -> Self {
        ReportTail {
            schema_version: SCHEMA_VERSION,
            summary,
            clusters: Vec::new(),
            errors: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// What a document's report says of its input apart from the cleaning: its name and
/// how its bytes were decoded. The cleaner takes it with the text, so that a
/// [`DocReport`] is built whole in one place (never patched over placeholders).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFacts {
    /// [`DocReport::path`]: `None` for stdin or text given directly.
    pub path: Option<String>,
    /// [`DocReport::path_bytes`]: the path's bytes when it is not UTF-8.
    pub path_bytes: Option<String>,
    /// [`DocReport::encoding`]: `utf-8` for text given decoded.
    pub encoding: &'static str,
    /// Another encoding the bytes read as too, when the choice was a guess
    /// ([`DocReport::encoding_also_plausible`], with `encoding_confidence: "low"`).
    pub also_plausible: Option<&'static str>,
    /// [`DocReport::bom`].
    pub bom: bool,
    /// [`DocReport::replaced_bytes`] (bytes).
    pub replaced_bytes: usize,
    /// [`DocReport::replaced_at`] (byte offsets).
    pub replaced_at: Vec<usize>,
}

impl InputFacts {
    /// Text given decoded (UTF-8, no byte-order mark, nothing replaced), named `path`.
    pub fn text(path: Option<String>) -> Self {
        InputFacts {
            path,
            path_bytes: None,
            encoding: "utf-8",
            also_plausible: None,
            bom: false,
            replaced_bytes: 0,
            replaced_at: Vec::new(),
        }
    }
}

/// A name from a small fixed set (an encoding, a script, a target, a converter):
/// borrowed from the program's own constants when a document is cleaned (no string
/// allocated per document), owned when a report is read back. It serializes, reads
/// and compares as the string it holds.
pub type Label = std::borrow::Cow<'static, str>;

/// One document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocReport {
    /// The input path, `null` for stdin. A name that is not valid UTF-8 is shown
    /// with U+FFFD in place of its bad bytes, and its exact bytes are in `path_bytes`.
    pub path: Option<String>,
    /// The exact bytes of the input path, standard Base64 (RFC 4648), present only when
    /// the name is not valid UTF-8 (so `path` cannot hold it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    /// `--jsonl`: the 1-based line of the input file this document came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// `--id-field`: the record's own id (a JSON string's value, or any other value's
    /// JSON text); absent without `--id-field` or when the record has no such field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The encoding the input was decoded from.
    pub encoding: Label,
    /// `"low"` when the encoding was a guess: short legacy text that also reads as
    /// plausible Chinese in `encoding_also_plausible`. Absent when the bytes, a
    /// byte-order mark or `--encoding` decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_confidence: Option<String>,
    /// With `encoding_confidence`: the other encoding the input also reads well in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_also_plausible: Option<String>,
    /// Whether the input started with a byte-order mark (dropped; offsets exclude it).
    pub bom: bool,
    /// Undecodable byte sequences replaced by U+FFFD (`--lossy`).
    pub replaced_bytes: usize,
    /// Input byte offsets of the first (at most 100) replaced sequences.
    pub replaced_at: Vec<usize>,
    /// Characters of the decoded input.
    pub chars_in: usize,
    /// Characters removed as duplicates (the sum of `removed[].chars`).
    pub chars_removed: usize,
    /// Characters of the cleaned output, after normalization.
    pub chars_out: usize,
    /// `chars_removed / chars_in` (0 for an empty input).
    pub dup_ratio: f64,
    /// Script detection and conversion.
    pub script: ScriptReport,
    /// What whitespace and punctuation normalization changed.
    pub normalization: TextStats,
    /// Lines that look like page furniture, kept because `--strip-boilerplate` was off.
    pub boilerplate_candidates: usize,
    /// Every removal, in input order.
    pub removed: Vec<Removal>,
    /// `--cross-doc`: runs of paragraphs whose matching key already appeared in an
    /// earlier document of the batch. Reported, not removed (the text is unchanged by
    /// them, so they are not in `removed` nor in `chars_removed`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cross_document: Vec<CrossMatch>,
    /// Characters of the `cross_document` runs that no removal took already, so
    /// `chars_removed + cross_doc_chars <= chars_in`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cross_doc_chars: usize,
    /// `--cross-doc drop`: this document is an exact or near duplicate of an earlier
    /// one and was not written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Dropped>,
}

/// The JSON Schema (draft 2020-12) of the JSON report ([`Report`]), generated from
/// these types with schemars, pretty-printed with a final line break. Checked in as
/// `docs/report.schema.json` (a test keeps the two equal and validates real reports
/// against it).
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Report);
    schema.insert(
        "$id".into(),
        "https://zhclean.invalid/report.schema.json".into(),
    );
    schema.insert(
        "description".into(),
        format!("zhclean duplication report, schema_version {SCHEMA_VERSION}").into(),
    );
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    s.push('\n');
    s
}

fn string_enum(values: &[&str], description: &str) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "enum": values,
        "description": description,
    })
}

/// `kind` of a removal or cross-document match ([`Kind`], snake_case).
fn kind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    string_enum(
        &[
            "block",
            "paragraph",
            "sentence",
            "near_paragraph",
            "inline_block",
            "stitch",
            "boilerplate",
            "cross_document",
        ],
        "What was removed (see README, What is removed).",
    )
}

/// `evidence` of a removal ([`crate::detect::Evidence`], snake_case).
fn evidence_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    string_enum(
        &[
            "doubled_article",
            "run",
            "stutter",
            "appended",
            "paragraph_copy",
            "doubled_line",
            "earlier_window",
            "rule",
            "link_list",
            "page_edge",
            "markup",
            "script",
            "batch_repeated",
        ],
        "Why the removal is a copy, or for boilerplate the shape that makes it furniture (see README).",
    )
}

/// How people are shown a document: `path`, `path:line`, or with `--id-field`
/// `ID (path:line)`; `<stdin>` for no path.
pub fn doc_name(path: Option<&str>, line: Option<usize>, id: Option<&str>) -> String {
    let at = format!(
        "{}{}",
        path.unwrap_or("<stdin>"),
        line.map(|l| format!(":{l}")).unwrap_or_default()
    );
    match id {
        Some(id) => format!("{id} ({at})"),
        None => at,
    }
}

impl DocReport {
    /// See [`doc_name`].
    pub fn name(&self) -> String {
        doc_name(self.path.as_deref(), self.line, self.id.as_deref())
    }

    /// Its removals counted by kind (the one place that counts them).
    pub fn kind_counts(&self) -> KindCounts {
        let mut k = KindCounts::default();
        for r in &self.removed {
            k.add(r.kind);
        }
        k
    }
}

impl DocRef {
    /// See [`doc_name`].
    pub fn name(&self) -> String {
        doc_name(self.path.as_deref(), self.line, self.id.as_deref())
    }
}

/// The Base64 of `p`'s bytes when `p` is not valid UTF-8 (see [`DocReport::path_bytes`]).
pub fn path_bytes(p: &std::path::Path) -> Option<String> {
    use base64::Engine;
    if p.to_str().is_some() {
        return None;
    }
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = p.as_os_str().as_encoded_bytes().to_vec();
    Some(base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A document of the batch, by its index in `documents` and its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    /// 0-based index into the report's `documents`.
    pub document: usize,
    /// Its path (`null` for stdin).
    pub path: Option<String>,
    /// `--jsonl`: its line in the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// `--id-field`: its id (see [`DocReport::id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// A run of consecutive paragraphs that appeared earlier in another document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrossMatch {
    /// Always `cross_document`.
    #[schemars(schema_with = "kind_schema")]
    pub kind: Kind,
    /// 1-based inclusive input lines of the run.
    pub lines: [usize; 2],
    /// 0-based half-open byte range of the run's text (first line start to last line
    /// end, without the final line break).
    pub byte_range: [usize; 2],
    /// The same range in characters.
    pub char_range: [usize; 2],
    /// Characters of the run's lines (line breaks between them not counted).
    pub chars: usize,
    /// Always 1.0: paragraphs match on equal matching keys.
    pub similarity: f64,
    /// SHA-256 of the run's matching keys joined by `\n` (as for removals).
    pub sha256: String,
    /// The first characters of the run, for people.
    pub preview: String,
    /// The earliest document where the run's first paragraph appeared.
    pub first: DocRef,
    /// 1-based line of that paragraph in that document.
    pub first_line: usize,
}

/// Why a document was dropped (`--cross-doc drop`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    /// The earlier document that was kept.
    pub duplicate_of: DocRef,
    /// Jaccard similarity of the two documents' character n-gram sets.
    pub similarity: f64,
}

/// A kept document and the later documents dropped as its duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// The document that was kept (the earliest of the cluster).
    pub kept: DocRef,
    /// The dropped documents, in input order, with their similarity to `kept`.
    pub dropped: Vec<ClusterMember>,
}

/// One dropped document of a [`Cluster`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClusterMember {
    /// 0-based index into the report's `documents`.
    pub document: usize,
    /// Its path (`null` for stdin).
    pub path: Option<String>,
    /// `--jsonl`: its line in the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// `--id-field`: its id (see [`DocReport::id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Jaccard similarity of its n-gram set with the kept document's.
    pub similarity: f64,
}

/// An input that was not cleaned: unreadable, undecodable, malformed, or skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputProblem {
    /// The file (`null` for stdin).
    pub path: Option<String>,
    /// `--jsonl`: the 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What went wrong, for people.
    pub message: String,
}

/// One of the most repeated paragraphs of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepeatedParagraph {
    /// Occurrences in the whole batch input (repeats inside a document included).
    pub count: usize,
    /// Characters of its matching key.
    pub key_chars: usize,
    /// SHA-256 of its matching key.
    pub sha256: String,
    /// Where it first appeared.
    pub first: DocRef,
    /// 1-based line of its first occurrence in that document.
    pub first_line: usize,
    /// The first characters of it, for people.
    pub preview: String,
}

/// Cross-document figures of a batch (`--cross-doc`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrossSummary {
    /// Paragraphs reported in `cross_document` entries.
    pub paragraphs: usize,
    /// Their characters.
    pub chars: usize,
    /// Documents dropped as duplicates of earlier ones (`--cross-doc drop`).
    pub documents_dropped: usize,
    /// Input characters of the dropped documents.
    pub chars_dropped: usize,
    /// Clusters (kept documents with at least one dropped duplicate).
    pub clusters: usize,
}

/// Script facts of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScriptReport {
    /// `traditional`, `simplified`, `mixed` or `none`.
    pub detected: Label,
    /// Characters found only in Traditional text.
    pub traditional_chars: usize,
    /// Characters found only in Simplified text.
    pub simplified_chars: usize,
    /// The `--to` target.
    pub target: Label,
    /// Characters the converter changed.
    pub converted_chars: usize,
    /// Lines handed to the converter (lines with nothing to convert are skipped).
    pub converted_lines: usize,
    /// Into Simplified, in a Simplified or mixed document: characters only
    /// Traditional text uses that were left as they are, because they stand alone in
    /// their line (a name or a brand: 华为乾崑, 郑和鑑) or because GBK lacks their
    /// Simplified form (郭明錤). Absent when there are none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unconverted_chars: usize,
    /// The converter backend.
    pub converter: Label,
    /// Lines converted into Simplified with a regional OpenCC configuration instead
    /// of `t2s`, because they hold Taiwan or Hong Kong forms (see
    /// `normalize::region`). Absent when there are none.
    #[serde(default, skip_serializing_if = "RegionalLines::is_empty")]
    pub regional_lines: RegionalLines,
}

/// Lines converted with each regional configuration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionalLines {
    /// Lines read as Taiwan's and converted with OpenCC `tw2s` (著 for 着, 裡).
    pub tw2s: usize,
    /// Lines read as Hong Kong's and converted with OpenCC `hk2s` (衞, 説).
    pub hk2s: usize,
}

impl RegionalLines {
    /// From `[tw2s, hk2s]` line counts.
    pub fn of(lines: [usize; 2]) -> Self {
        RegionalLines {
            tw2s: lines[0],
            hk2s: lines[1],
        }
    }

    /// No line was converted with a regional configuration.
    pub fn is_empty(&self) -> bool {
        self.tw2s == 0 && self.hk2s == 0
    }
}

impl std::ops::AddAssign for RegionalLines {
    fn add_assign(&mut self, o: Self) {
        self.tw2s += o.tw2s;
        self.hk2s += o.hk2s;
    }
}

/// One removal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Removal {
    /// Why it was removed.
    #[schemars(schema_with = "kind_schema")]
    pub kind: Kind,
    /// The structural evidence that it is a copy (`doubled_article`, `run`,
    /// `stutter`, `appended`, `paragraph_copy`, `doubled_line`, `earlier_window`), or
    /// for boilerplate the shape that makes it furniture (`rule`, `link_list`,
    /// `page_edge`, `markup`, `script`; see `detect::evidence`, `detect::boilerplate`).
    #[schemars(schema_with = "evidence_schema")]
    pub evidence: crate::detect::Evidence,
    /// 1-based inclusive input lines of the removed content.
    pub lines: [usize; 2],
    /// 1-based inclusive input lines of the copy that was kept; `[0, 0]` for
    /// `boilerplate`, which has none.
    pub kept: [usize; 2],
    /// 0-based half-open byte range removed from the decoded input (includes the line
    /// breaks and blank lines that went with it).
    pub byte_range: [usize; 2],
    /// The same range in characters.
    pub char_range: [usize; 2],
    /// Byte range of the kept copy's content (`[0, 0]` for `boilerplate`).
    pub kept_byte_range: [usize; 2],
    /// Characters removed (`char_range[1] - char_range[0]`).
    pub chars: usize,
    /// Similarity of the two copies' matching keys, 1.0 for exact copies.
    pub similarity: f64,
    /// SHA-256 of the removed copy's matching key (parts joined by `\n`).
    pub sha256: String,
    /// The first characters of the removed content, for people.
    pub preview: String,
    /// `boilerplate` with evidence `rule`: the rule that fired, `NAME (FILE:LINE)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// Sums over documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Documents processed.
    pub documents: usize,
    /// Input characters.
    pub chars_in: usize,
    /// Characters removed as duplicates.
    pub chars_removed: usize,
    /// Output characters.
    pub chars_out: usize,
    /// `chars_removed / chars_in`.
    pub dup_ratio: f64,
    /// Number of removals by kind.
    pub removals_by_kind: BTreeMap<String, usize>,
    /// Batch: inputs that could not be cleaned (see [`Report::errors`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub errors: usize,
    /// Batch: inputs skipped on purpose (see [`Report::skipped`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skipped: usize,
    /// `--cross-doc`: paragraphs seen in earlier documents, documents dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_document: Option<CrossSummary>,
    /// Batch: the most repeated paragraphs (matching key of at least
    /// `--min-paragraph-chars` characters, seen at least twice), most frequent first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub top_paragraphs: Vec<RepeatedParagraph>,
}

impl Summary {
    /// The sum over `docs`.
    pub fn of(docs: &[DocReport]) -> Summary {
        let mut s = Summary::default();
        for d in docs {
            s += d;
        }
        s.finish();
        s
    }

    /// Add one document (call [`Summary::finish`] after the last).
    pub fn add(&mut self, d: &DocReport) {
        self.documents += 1;
        self.chars_in += d.chars_in;
        self.chars_removed += d.chars_removed;
        self.chars_out += d.chars_out;
        for (k, n) in d.kind_counts().iter() {
            *self.removals_by_kind.entry(k.to_string()).or_default() += n;
        }
    }

    /// Compute the ratio from the sums.
    pub fn finish(&mut self) {
        self.dup_ratio = ratio(self.chars_removed, self.chars_in);
    }
}

/// `a / b` rounded to six decimals, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        (a as f64 / b as f64 * 1e6).round() / 1e6
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;
    use crate::detect::Evidence;

    fn listed(s: schemars::Schema) -> Vec<serde_json::Value> {
        s.get("enum").unwrap().as_array().unwrap().clone()
    }

    /// The schema's lists are exactly what the enums serialize to (the matches fail to
    /// compile when a variant is added).
    #[test]
    fn kind_and_evidence_lists_are_the_serialized_names() {
        let kinds = [
            Kind::Block,
            Kind::Paragraph,
            Kind::Sentence,
            Kind::NearParagraph,
            Kind::InlineBlock,
            Kind::Stitch,
            Kind::Boilerplate,
            Kind::CrossDocument,
        ];
        for k in kinds {
            match k {
                Kind::Block
                | Kind::Paragraph
                | Kind::Sentence
                | Kind::NearParagraph
                | Kind::InlineBlock
                | Kind::Stitch
                | Kind::Boilerplate
                | Kind::CrossDocument => {}
            }
        }
        let want: Vec<_> = kinds
            .iter()
            .map(|k| serde_json::to_value(k).unwrap())
            .collect();
        assert_eq!(listed(kind_schema(&mut Default::default())), want);
        let evidence = [
            Evidence::DoubledArticle,
            Evidence::Run,
            Evidence::Stutter,
            Evidence::Appended,
            Evidence::ParagraphCopy,
            Evidence::DoubledLine,
            Evidence::EarlierWindow,
            Evidence::Rule,
            Evidence::LinkList,
            Evidence::PageEdge,
            Evidence::Markup,
            Evidence::Script,
            Evidence::BatchRepeated,
        ];
        for e in evidence {
            match e {
                Evidence::DoubledArticle
                | Evidence::Run
                | Evidence::Stutter
                | Evidence::Appended
                | Evidence::ParagraphCopy
                | Evidence::DoubledLine
                | Evidence::EarlierWindow
                | Evidence::Rule
                | Evidence::LinkList
                | Evidence::PageEdge
                | Evidence::Markup
                | Evidence::Script
                | Evidence::BatchRepeated => {}
            }
        }
        let want: Vec<_> = evidence
            .iter()
            .map(|e| serde_json::to_value(e).unwrap())
            .collect();
        assert_eq!(listed(evidence_schema(&mut Default::default())), want);
    }
}
