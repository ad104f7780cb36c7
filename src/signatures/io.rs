//! Running the steps over files: JSONL corpora read in chunks, signature and
//! verdict files written and read back (a bad line is an error naming the file and
//! line), and the drop list that `zhclean apply` (`--drop`) reads.

use super::*;
use crate::error::{Error, Result};
use std::io::BufRead;
use std::path::Path;

/// How documents are read and compared (the CLI's flags of the same names).
#[derive(Debug, Clone)]
pub struct Options {
    /// `--text-field`.
    pub text_field: String,
    /// `--id-field` (`meta.id` reaches into nested objects): required, every record
    /// must have one, and ids must be unique.
    pub id_field: String,
    /// `--min-paragraph-chars`.
    pub min_paragraph_chars: usize,
    /// `--cross-doc-threshold`.
    pub threshold: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            text_field: "text".to_string(),
            id_field: "id".to_string(),
            min_paragraph_chars: crate::config::DEFAULT_MIN_PARAGRAPH_CHARS,
            threshold: 0.8,
        }
    }
}

/// A record of a JSONL corpus as the verbs need it.
#[derive(Debug, Clone)]
pub struct CorpusRecord {
    /// Its `--id-field` value.
    pub id: String,
    /// 1-based line in its input.
    pub line: u64,
    /// Its text field, unescaped.
    pub text: String,
}

/// Read a JSONL corpus (`None` or `-`: stdin; gzip, zstd, bzip2 by magic bytes) in
/// chunks of about 512 KiB of whole lines, calling `f` with each chunk's records in
/// order. Blank lines are skipped, as batch mode skips them. Errors name the file and
/// line: not a JSON object, no string in the text field, no id. (Batch mode skips
/// such lines and goes on; a signature file must cover every record, so here they
/// stop the run.)
pub fn for_each_chunk(
    path: Option<&Path>,
    opts: &Options,
    mut f: impl FnMut(Vec<CorpusRecord>) -> Result<()>,
) -> Result<()> {
    let path = path.filter(|p| !crate::output::is_stdout(p));
    let name = crate::error::display_source(path);
    let read_err = |e: std::io::Error| Error::Read {
        path: name.clone(),
        err: e,
    };
    let raw: Box<dyn std::io::Read + Send> = match path {
        Some(p) => Box::new(std::fs::File::open(p).map_err(read_err)?),
        None => Box::new(std::io::stdin()),
    };
    let (r, _) = crate::compress::reader(raw, true).map_err(read_err)?;
    let mut reader = crate::input::JsonlReader::new(r, 512 << 10);
    while let Some(chunk) = reader.next_chunk().map_err(read_err)? {
        let mut recs = Vec::with_capacity(chunk.lines.len());
        for l in &chunk.lines {
            let line = &chunk.buf[l.start..l.end];
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let bad = |message: String| Error::Record {
                path: name.clone(),
                line: l.line,
                message,
            };
            let rec =
                crate::input::parse_record_with(line, &opts.text_field, Some(&opts.id_field), None)
                    .map_err(|e| match e {
                        crate::input::RecordError::Malformed(m)
                        | crate::input::RecordError::NoText(m) => bad(m),
                    })?;
            let id = rec.id.ok_or_else(|| {
                bad(format!(
                    "the record has no id in field {:?} (--id-field)",
                    opts.id_field
                ))
            })?;
            recs.push(CorpusRecord {
                id,
                line: l.line as u64,
                text: rec.text,
            });
        }
        f(recs)?;
    }
    Ok(())
}

/// Sign every record of a JSONL corpus (see [`for_each_chunk`] for the input and its
/// errors), in parallel on rayon's pool, handing the records to `out` in input
/// order. Also an error: an id used twice (the message names both lines). Returns
/// the number of records.
pub fn sign_jsonl(
    path: Option<&Path>,
    opts: &Options,
    mut out: impl FnMut(&SignatureRecord) -> Result<()>,
) -> Result<u64> {
    use rayon::prelude::*;
    let tables = ScriptTables::get();
    let name = crate::error::display_source(path.filter(|p| !crate::output::is_stdout(p)));
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut document = 0u64;
    for_each_chunk(path, opts, |recs| {
        for r in &recs {
            if let Some(first) = seen.insert(r.id.clone(), r.line) {
                return Err(Error::Record {
                    path: name.clone(),
                    line: r.line as usize,
                    message: format!(
                        "id {:?} (--id-field {:?}) was already used on line {first}; ids must be unique",
                        r.id, opts.id_field
                    ),
                });
            }
        }
        let base = document;
        let sigs: Vec<SignatureRecord> = recs
            .into_par_iter()
            .enumerate()
            .map(|(i, r)| {
                signature_record(
                    tables,
                    r.id,
                    base + i as u64,
                    r.line,
                    &r.text,
                    opts.min_paragraph_chars,
                    opts.threshold,
                )
            })
            .collect();
        document += sigs.len() as u64;
        sigs.iter().try_for_each(&mut out)
    })?;
    Ok(document)
}

/// Verify candidate pairs (see [`verify_texts`]), in parallel. A pair without its
/// texts takes them from `corpus` (read with [`for_each_chunk`], keeping only the
/// texts of ids some pair names). Errors: a pair without texts and no corpus, or
/// naming an id the corpus lacks.
pub fn verify_pairs(
    pairs: Vec<Pair>,
    corpus: Option<&Path>,
    opts: &Options,
) -> Result<Vec<Verdict>> {
    use rayon::prelude::*;
    let tables = ScriptTables::get();
    let need: std::collections::HashSet<&str> = pairs
        .iter()
        .flat_map(|p| {
            let a = p.a_text.is_none().then_some(p.a.as_str());
            let b = p.b_text.is_none().then_some(p.b.as_str());
            a.into_iter().chain(b)
        })
        .collect();
    let mut texts: HashMap<String, String> = HashMap::new();
    if !need.is_empty() {
        let Some(c) = corpus else {
            return Err(Error::Usage(
                "the pairs carry no texts (a_text, b_text): give the corpus with --jsonl FILE"
                    .to_string(),
            ));
        };
        for_each_chunk(Some(c), opts, |recs| {
            for r in recs {
                if need.contains(r.id.as_str()) {
                    texts.insert(r.id, r.text);
                }
            }
            Ok(())
        })?;
        if let Some(missing) = need.iter().find(|id| !texts.contains_key(**id)) {
            return Err(Error::Usage(format!(
                "{}: no record has the id {missing:?} (--id-field {:?}) that a pair names",
                c.display(),
                opts.id_field
            )));
        }
    }
    Ok(pairs
        .par_iter()
        .map(|p| {
            let a = p.a_text.as_deref().unwrap_or_else(|| &texts[&p.a]);
            let b = p.b_text.as_deref().unwrap_or_else(|| &texts[&p.b]);
            verify_pair(tables, p, a, b, opts.threshold, opts.min_paragraph_chars)
        })
        .collect())
}

// ---------------------------------------------------------------------------------
// Files

/// Read a JSONL file of records of this schema (`-` or `None`: stdin; gzip, zstd and
/// bzip2 by their magic bytes). Blank lines are skipped. Errors name the file and
/// the 1-based line: not JSON, a field missing or unknown, or a `schema_version`
/// other than [`SCHEMA_VERSION`].
pub fn read_records<T: for<'de> Deserialize<'de>>(path: Option<&Path>) -> Result<Vec<T>> {
    let name = crate::error::display_source(path);
    let read_err = |e: std::io::Error| Error::Read {
        path: name.clone(),
        err: e,
    };
    let raw: Box<dyn std::io::Read + Send> = match path {
        Some(p) if !crate::output::is_stdout(p) => {
            Box::new(std::fs::File::open(p).map_err(read_err)?)
        }
        _ => Box::new(std::io::stdin()),
    };
    let (r, _) = crate::compress::reader(raw, true).map_err(read_err)?;
    let r = std::io::BufReader::with_capacity(1 << 16, r);
    let mut out = Vec::new();
    for (i, line) in r.lines().enumerate() {
        let line = line.map_err(read_err)?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_line(&line, &name, i + 1)?);
    }
    Ok(out)
}

/// Parse one JSONL line of a schema, checking `schema_version` first so that a
/// record of another version gets that message rather than a missing field.
pub fn parse_line<T: for<'de> Deserialize<'de>>(line: &str, name: &str, n: usize) -> Result<T> {
    let bad = |message: String| Error::Record {
        path: name.to_string(),
        line: n,
        message,
    };
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
    match v.get("schema_version") {
        Some(serde_json::Value::Number(x)) if x.as_u64() == Some(SCHEMA_VERSION as u64) => {}
        Some(other) => {
            return Err(bad(format!(
            "schema_version {other} is not supported (this zhclean reads version {SCHEMA_VERSION})"
        )))
        }
        None => return Err(bad("no schema_version".to_string())),
    }
    serde_json::from_value(v).map_err(|e| bad(e.to_string()))
}

/// Write records as JSONL to `path` (`-`: stdout), atomically; `.gz`/`.zst`/`.bz2`
/// names are compressed.
pub fn write_records<T: Serialize>(path: &Path, records: &[T]) -> Result<()> {
    let mut f = crate::output::AtomicFile::create(path, true)?;
    let mut buf = Vec::with_capacity(1 << 16);
    for r in records {
        serde_json::to_writer(&mut buf, r).expect("records serialize");
        buf.push(b'\n');
        if buf.len() >= 1 << 16 {
            f.write_data(&buf)?;
            buf.clear();
        }
    }
    f.write_data(&buf)?;
    f.commit(None)
}

/// The drop list as `apply` uses it: dropped id → what it duplicates.
#[derive(Debug, Default, Clone)]
pub struct DropList {
    by_id: HashMap<String, Duplicate>,
}

/// What a listed document duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// Id of the earlier document.
    pub id: String,
    /// Its input order in the whole corpus (used in the report when the earlier
    /// document is not in the input `apply` reads, e.g. another partition).
    pub document: u64,
    /// Jaccard similarity, rounded to 6 decimals.
    pub similarity: f64,
}

impl DropList {
    /// Read a drop list file (see [`read_records`] for the errors); an id listed
    /// twice is an error.
    pub fn read(path: &Path) -> Result<DropList> {
        let records: Vec<DropRecord> = read_records(Some(path))?;
        Self::from_records(records).map_err(|m| Error::Usage(format!("{}: {m}", path.display())))
    }

    /// A drop list from its records. Errors: an id listed twice.
    pub fn from_records(records: Vec<DropRecord>) -> std::result::Result<DropList, String> {
        let mut by_id = HashMap::with_capacity(records.len());
        for r in records {
            let d = Duplicate {
                id: r.duplicate_of,
                document: r.duplicate_of_document,
                similarity: r.similarity,
            };
            if by_id.insert(r.id.clone(), d).is_some() {
                return Err(format!("id {:?} is listed twice", r.id));
            }
        }
        Ok(DropList { by_id })
    }

    /// What `id` duplicates, when it is to be dropped.
    pub fn get(&self, id: &str) -> Option<&Duplicate> {
        self.by_id.get(id)
    }

    /// Ids listed.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}
