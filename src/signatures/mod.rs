//! Cross-document deduplication as files that any engine can shuffle: the
//! signatures, candidate pairs, verdicts and drop lists behind `zhclean signatures`,
//! `pairs`, `verify`, `resolve` and `apply`, with their versioned JSONL schemas.
//!
//! `--cross-doc=drop` does its whole-document pass in one process, in input order
//! (see [`crate::crossdoc`]). The same decisions split into steps that need no
//! shared state, so Spark, Ray or Dask can run them on many machines:
//!
//! ```text
//! corpus --signatures--> SignatureRecord (per document: band keys, paragraph hashes)
//!        --group by band key (first MAX_BUCKET documents of a key)--> Pair
//!        --verify (exact Jaccard of the two documents' shingle sets)--> Verdict
//!        --resolve (per later document: rank, keep the first verified)--> DropRecord
//!        --apply (zhclean --drop DROP.jsonl)--> the corpus without the dropped documents
//! ```
//!
//! Everything is computed on the record's **input text** (before cleaning), as the
//! CLI keys it, with the same shingles, MinHash bins, rows per band and
//! verification: [`candidate_pairs`] reproduces the CLI's bucket cap
//! ([`crossdoc::MAX_BUCKET`]), [`resolve`] its ranking, estimate margin and
//! verification cap ([`crossdoc::ESTIMATE_MARGIN`], [`crossdoc::MAX_VERIFY`]), so the
//! drop list equals the documents `--cross-doc=drop` drops, each with the same
//! `duplicate_of`. A document is dropped when it is a near copy of **any** earlier
//! document (kept or dropped: clusters); a document shorter than
//! `--min-paragraph-chars` only as an exact copy.
//!
//! Every record carries `schema_version` ([`SCHEMA_VERSION`]); readers refuse other
//! versions, and a bad line is an error naming the file and line.
//! `docs/{signatures,pairs,verdicts,drops}.schema.json` are generated from these
//! types ([`json_schema`]).

use crate::crossdoc::{self, Signature, BINS};
use crate::normalize::script::ScriptTables;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Version of the signature, pair, verdict and drop-list schemas.
pub const SCHEMA_VERSION: u32 = 1;

/// One document's signature (a line of `zhclean signatures`' output).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The record's id (`--id-field`).
    pub id: String,
    /// 0-based position among the input's records (blank lines are not records): the
    /// input order that decides which copy is kept.
    pub document: u64,
    /// 1-based line of the record in its input.
    pub line: u64,
    /// Characters (Unicode scalar values) of the text field.
    pub chars: u64,
    /// Characters of the document's matching key (all its paragraphs' keys). 0: the
    /// document is never compared; below `min_paragraph_chars`: dropped only as an
    /// exact copy.
    pub key_chars: u64,
    /// Rows per LSH band (from `--cross-doc-threshold`; 6 for 0.8).
    pub rows: u32,
    /// The paragraphs whose key has at least `--min-paragraph-chars` characters (the
    /// ones the cross-document paragraph table counts), in order.
    pub paragraphs: Vec<ParagraphKey>,
    /// LSH band keys (`120 / rows` of them, 16 hex digits each); empty when the
    /// document is never compared (no key characters).
    pub bands: Vec<String>,
}

/// A paragraph's identity in [`SignatureRecord::paragraphs`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParagraphKey {
    /// 64-bit hash of the paragraph's matching key and its length, 16 hex digits:
    /// equal for paragraphs equal after folding script, width, punctuation and spaces.
    pub hash: String,
    /// 1-based line in the document's text.
    pub line: u64,
    /// Characters of the matching key.
    pub key_chars: u64,
}

/// A candidate pair: two documents sharing a band key, `a` earlier than `b`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Id of the earlier document.
    pub a: String,
    /// Id of the later document.
    pub b: String,
    /// Input order of `a` (0-based, as [`SignatureRecord::document`]).
    pub a_document: u64,
    /// Input order of `b`.
    pub b_document: u64,
    /// The text of `a`, when the pair carries its documents (an engine that joined
    /// them in); otherwise `zhclean verify --jsonl CORPUS` looks the ids up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a_text: Option<String>,
    /// The text of `b` (see `a_text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b_text: Option<String>,
}

/// The answer of `zhclean verify` for one [`Pair`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Id of the earlier document.
    pub a: String,
    /// Id of the later document.
    pub b: String,
    /// Input order of `a`.
    pub a_document: u64,
    /// Input order of `b`.
    pub b_document: u64,
    /// MinHash bins (of 120) on which the two signatures agree: the CLI ranks the
    /// candidates of a document by it.
    pub shared_bins: u32,
    /// Exact Jaccard similarity of the two shingle sets (character 5-grams of the
    /// matching keys), 0–1.
    pub jaccard: f64,
    /// Whether `b` is a copy of `a`: Jaccard at least the threshold, or, when `b`'s
    /// key is shorter than `--min-paragraph-chars`, equal shingle sets.
    pub duplicate: bool,
}

/// A dropped document (a line of the drop list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DropRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Id of the dropped document.
    pub id: String,
    /// Its input order.
    pub document: u64,
    /// Id of the earlier document it copies (the report's `dropped.duplicate_of`).
    pub duplicate_of: String,
    /// Input order of that document.
    pub duplicate_of_document: u64,
    /// Their Jaccard similarity, rounded to 6 decimals (the report's
    /// `dropped.similarity`).
    pub similarity: f64,
}

/// The JSON Schemas (draft 2020-12) of the four record types, as
/// `(file name under docs/, pretty-printed schema with a final line break)`.
pub fn json_schema() -> Vec<(&'static str, String)> {
    fn one<T: JsonSchema>(name: &str, what: &str) -> String {
        let mut schema = schemars::schema_for!(T);
        schema.insert(
            "$id".into(),
            format!("https://zhclean.invalid/{name}").into(),
        );
        schema.insert(
            "description".into(),
            format!("zhclean {what} (one JSON object per line), schema_version {SCHEMA_VERSION}")
                .into(),
        );
        let mut s = serde_json::to_string_pretty(&schema).expect("a schema serializes");
        s.push('\n');
        s
    }
    vec![
        (
            "signatures.schema.json",
            one::<SignatureRecord>("signatures.schema.json", "document signatures"),
        ),
        (
            "pairs.schema.json",
            one::<Pair>("pairs.schema.json", "candidate pairs"),
        ),
        (
            "verdicts.schema.json",
            one::<Verdict>("verdicts.schema.json", "verified pairs"),
        ),
        (
            "drops.schema.json",
            one::<DropRecord>("drops.schema.json", "drop list"),
        ),
    ]
}

// ---------------------------------------------------------------------------------
// Per document

/// What the CLI's cross-document pass computes for one text: its matching-key
/// length, paragraphs, shingle set and MinHash signature.
pub struct DocKeys {
    /// Characters of the matching key.
    pub key_chars: usize,
    /// Paragraph keys (every non-blank line).
    pub paragraphs: Vec<crossdoc::ParaKey>,
    /// Sorted, distinct shingle hashes.
    pub shingles: Vec<u64>,
    /// MinHash signature (`None` for an empty shingle set).
    pub signature: Option<Box<Signature>>,
}

/// The keys of `text` exactly as batch mode computes them (the same analysis,
/// paragraphs and shingles).
pub fn doc_keys(tables: &'static ScriptTables, text: &str) -> DocKeys {
    let a = crate::detect::Analysis::new(text, tables);
    let k = crossdoc::keys(tables, text, crossdoc::paras_of(&a), true);
    DocKeys {
        key_chars: k.key_chars,
        paragraphs: k.paras,
        shingles: k.shingles,
        signature: k.signature,
    }
}

/// The signature record of one document. `document` and `line` place it in its
/// input; `min_paragraph_chars` and `threshold` are the CLI's
/// `--min-paragraph-chars` and `--cross-doc-threshold`.
pub fn signature_record(
    tables: &'static ScriptTables,
    id: String,
    document: u64,
    line: u64,
    text: &str,
    min_paragraph_chars: usize,
    threshold: f64,
) -> SignatureRecord {
    let k = doc_keys(tables, text);
    let rows = crossdoc::rows_for(threshold);
    let min = min_paragraph_chars.max(1);
    let bands = match (&k.signature, k.key_chars > 0) {
        (Some(sig), true) => crossdoc::band_keys(sig, rows)
            .map(|b| format!("{b:016x}"))
            .collect(),
        _ => Vec::new(),
    };
    SignatureRecord {
        schema_version: SCHEMA_VERSION,
        id,
        document,
        line,
        chars: text.chars().count() as u64,
        key_chars: k.key_chars as u64,
        rows: rows as u32,
        paragraphs: k
            .paragraphs
            .iter()
            .filter(|p| p.key_chars as usize >= min)
            .map(|p| ParagraphKey {
                hash: format!("{:016x}", p.hash),
                line: p.line as u64 + 1,
                key_chars: p.key_chars as u64,
            })
            .collect(),
        bands,
    }
}

/// The verdict on `pair` whose documents' texts are `a` and `b` (see
/// [`verify_texts`]).
pub fn verify_pair(
    tables: &'static ScriptTables,
    pair: &Pair,
    a: &str,
    b: &str,
    threshold: f64,
    min_paragraph_chars: usize,
) -> Verdict {
    let (shared_bins, jaccard, duplicate) =
        verify_texts(tables, a, b, threshold, min_paragraph_chars);
    Verdict {
        schema_version: SCHEMA_VERSION,
        a: pair.a.clone(),
        b: pair.b.clone(),
        a_document: pair.a_document,
        b_document: pair.b_document,
        shared_bins,
        jaccard,
        duplicate,
    }
}

/// Verify that the later text `b` copies the earlier text `a`, as the CLI does:
/// `(shared_bins, jaccard, duplicate)`. `a`'s shingles are read back as the CLI
/// reads an earlier document ([`crossdoc::shingles_of`]); `b` is keyed as it is
/// when it arrives.
pub fn verify_texts(
    tables: &'static ScriptTables,
    a: &str,
    b: &str,
    threshold: f64,
    min_paragraph_chars: usize,
) -> (u32, f64, bool) {
    let ka = doc_keys(tables, a);
    let kb = doc_keys(tables, b);
    let shared = match (&ka.signature, &kb.signature) {
        (Some(x), Some(y)) => x.iter().zip(y.iter()).filter(|(p, q)| p == q).count() as u32,
        _ => 0,
    };
    let sa = crossdoc::shingles_of(tables, a);
    let j = crossdoc::jaccard(&kb.shingles, &sa);
    let exact_only = kb.key_chars < min_paragraph_chars.max(1);
    let duplicate = if kb.key_chars == 0 || kb.signature.is_none() {
        false
    } else if exact_only {
        sa == kb.shingles
    } else {
        j >= threshold
    };
    (shared, j, duplicate)
}

// ---------------------------------------------------------------------------------
// Across documents (what an engine does in its shuffle)

/// Candidate pairs from signatures, as the CLI's index finds them: for every band
/// key, its first [`crossdoc::MAX_BUCKET`] documents in input order are compared
/// with every later document of that key. Each pair once, ordered by `(b, a)`.
/// Errors: two records with the same `document`, or rows that differ.
pub fn candidate_pairs(records: &[SignatureRecord]) -> std::result::Result<Vec<Pair>, String> {
    let mut order: Vec<&SignatureRecord> = records.iter().collect();
    order.sort_by_key(|r| r.document);
    if let Some(w) = order.windows(2).find(|w| w[0].document == w[1].document) {
        return Err(format!(
            "documents {:?} and {:?} have the same input order {}",
            w[0].id, w[1].id, w[0].document
        ));
    }
    if let Some(r) = order.iter().find(|r| r.rows != order[0].rows) {
        return Err(format!(
            "document {:?} was signed with {} rows per band, {:?} with {}: sign every document with the same --cross-doc-threshold",
            r.id, r.rows, order[0].id, order[0].rows
        ));
    }
    let mut buckets: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, r) in order.iter().enumerate() {
        for band in &r.bands {
            let held = buckets.entry(band.as_str()).or_default();
            pairs.extend(held.iter().map(|&a| (i, a)));
            if held.len() < crossdoc::MAX_BUCKET as usize {
                held.push(i);
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    Ok(pairs
        .into_iter()
        .map(|(b, a)| Pair {
            schema_version: SCHEMA_VERSION,
            a: order[a].id.clone(),
            b: order[b].id.clone(),
            a_document: order[a].document,
            b_document: order[b].document,
            a_text: None,
            b_text: None,
        })
        .collect())
}

/// The drop list from verdicts, as the CLI decides: for each later document, its
/// candidates whose signatures agree on at least `threshold −`
/// [`crossdoc::ESTIMATE_MARGIN`] of the bins, most agreeing first (then earliest),
/// at most [`crossdoc::MAX_VERIFY`] of them; the first verified copy among those is
/// what it duplicates. Sorted by input order.
pub fn resolve(verdicts: &[Verdict], threshold: f64) -> Vec<DropRecord> {
    let mut by_b: HashMap<u64, Vec<&Verdict>> = HashMap::new();
    for v in verdicts {
        by_b.entry(v.b_document).or_default().push(v);
    }
    let mut out: Vec<DropRecord> = by_b
        .into_values()
        .filter_map(|mut vs| {
            vs.retain(|v| {
                v.shared_bins as f64 / BINS as f64 >= threshold - crossdoc::ESTIMATE_MARGIN
            });
            vs.sort_by(|x, y| {
                y.shared_bins
                    .cmp(&x.shared_bins)
                    .then(x.a_document.cmp(&y.a_document))
            });
            vs.dedup_by_key(|v| v.a_document);
            vs.truncate(crossdoc::MAX_VERIFY);
            let v = vs.into_iter().find(|v| v.duplicate)?;
            Some(DropRecord {
                schema_version: SCHEMA_VERSION,
                id: v.b.clone(),
                document: v.b_document,
                duplicate_of: v.a.clone(),
                duplicate_of_document: v.a_document,
                similarity: (v.jaccard * 1e6).round() / 1e6,
            })
        })
        .collect();
    out.sort_by_key(|d| d.document);
    out
}

// ---------------------------------------------------------------------------------
// Corpora

mod io;
pub use io::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, document: u64, bands: &[&str]) -> SignatureRecord {
        SignatureRecord {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            document,
            line: document + 1,
            chars: 10,
            key_chars: 10,
            rows: 6,
            paragraphs: Vec::new(),
            bands: bands.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn pairs_follow_the_bucket_cap() {
        // 70 documents share one band: the first 64 are held, every later one is
        // compared with those 64 only
        let recs: Vec<SignatureRecord> =
            (0..70).map(|i| rec(&format!("d{i}"), i, &["k"])).collect();
        let pairs = candidate_pairs(&recs).unwrap();
        let of = |b: u64| pairs.iter().filter(|p| p.b_document == b).count();
        assert_eq!(of(1), 1);
        assert_eq!(of(64), 64);
        assert_eq!(of(69), 64);
        assert!(pairs.iter().all(|p| p.a_document < p.b_document));
    }

    #[test]
    fn resolve_takes_the_most_agreeing_verified_candidate() {
        let v = |a: u64, shared: u32, j: f64, dup: bool| Verdict {
            schema_version: SCHEMA_VERSION,
            a: format!("d{a}"),
            b: "d9".into(),
            a_document: a,
            b_document: 9,
            shared_bins: shared,
            jaccard: j,
            duplicate: dup,
        };
        // d1 agrees most but is not a copy; d0 and d2 are, d2 agrees more; d3 agrees
        // too little to be read back
        let drops = resolve(
            &[
                v(0, 90, 0.85, true),
                v(1, 119, 0.7, false),
                v(2, 100, 0.9, true),
                v(3, 10, 1.0, true),
            ],
            0.8,
        );
        assert_eq!(drops.len(), 1);
        assert_eq!(drops[0].duplicate_of, "d2");
        assert!(resolve(&[v(3, 10, 1.0, true)], 0.8).is_empty());
    }

    #[test]
    fn verify_matches_the_index() {
        let t = ScriptTables::get();
        let base: String = (0..30)
            .map(|i| format!("第{i}段新闻正文讲述了城市建设与科技发展的最新进展情况。\n"))
            .collect();
        let edited = base.replace("第3段", "第三段");
        let (shared, j, dup) = verify_texts(t, &base, &edited, 0.8, 20);
        assert!(dup && j > 0.9 && shared > 90, "{shared} {j}");
        let (_, j2, dup2) = verify_texts(t, &base, "完全不同的一段体育新闻报道内容。\n", 0.8, 20);
        assert!(!dup2 && j2 < 0.1);
        // a short document only as an exact copy
        let (_, _, short) = verify_texts(t, "短讯一则。\n", "短讯一则。\n", 0.8, 20);
        assert!(short);
    }

    #[test]
    fn unknown_schema_version_is_refused_with_file_and_line() {
        let e = parse_line::<DropRecord>(r#"{"schema_version":2}"#, "d.jsonl", 7).unwrap_err();
        let m = e.to_string();
        assert!(m.starts_with("d.jsonl:7: schema_version 2"), "{m}");
    }
}
