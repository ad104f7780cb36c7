//! The cross-document verbs of `zhclean::signatures` for Python: signatures per
//! document, exact verification of candidate pairs, candidate pairs from signatures
//! and the drop list from verdicts — the same records (`docs/*.schema.json`,
//! `SIGNATURES_SCHEMA_VERSION`) as `zhclean signatures`, `pairs`, `verify` and
//! `resolve` write, as dicts, so an engine (Spark, Ray, Dask) can run the steps in
//! Python and shuffle the results. Texts are the records' **input** texts (before
//! cleaning), as the CLI keys them. Counts are in characters.

use crate::{json_loads, ZhcleanError};
use pyo3::prelude::*;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use zhclean::normalize::script::ScriptTables;
use zhclean::signatures::{self as sig, DropRecord, Pair, SignatureRecord, Verdict};

/// `--cross-doc-threshold`, checked as the CLI checks it.
fn threshold(t: f64) -> PyResult<f64> {
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        // the message of the CLI's verbs (`src/cli/verbs.rs`)
        Err(ZhcleanError::new_err(format!(
            "--cross-doc-threshold {t}: give a similarity from 0 to 1"
        )))
    }
}

/// Rust records as Python objects (through their JSON, as the CLI writes them).
fn to_py<'py, T: Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    json_loads(py, &serde_json::to_string(v).expect("records serialize"))
}

/// Python dicts (or a list of them) as Rust records, through `json.dumps`.
fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let json: String = obj
        .py()
        .import("json")?
        .getattr("dumps")?
        .call1((obj,))?
        .extract()?;
    serde_json::from_str(&json).map_err(|e| ZhcleanError::new_err(format!("not {what}: {e}")))
}

fn pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    match threads {
        Some(0) => Err(ZhcleanError::new_err(
            "threads=0 (-j 0): give at least one thread",
        )),
        None => Ok(f()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|p| p.install(f))
            .map_err(|e| ZhcleanError::new_err(format!("cannot start {n} threads: {e}"))),
    }
}

/// The signature record of one document (a line of `zhclean signatures`): `id`,
/// `document` (0-based input order, which decides the copy kept), `line` (1-based;
/// default `document + 1`), `chars` and `key_chars` (characters), `rows`,
/// `paragraphs` (hash, line, key_chars) and `bands` (LSH band keys, hex).
/// `min_paragraph_chars` and `cross_doc_threshold` are the CLI's options.
#[pyfunction]
#[pyo3(signature = (text, id, document = 0, line = None, *,
    min_paragraph_chars = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS, cross_doc_threshold = 0.8))]
fn signature<'py>(
    py: Python<'py>,
    text: &str,
    id: String,
    document: u64,
    line: Option<u64>,
    min_paragraph_chars: usize,
    cross_doc_threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let t = threshold(cross_doc_threshold)?;
    let r = py.detach(|| {
        sig::signature_record(
            ScriptTables::get(),
            id,
            document,
            line.unwrap_or(document + 1),
            text,
            min_paragraph_chars,
            t,
        )
    });
    to_py(py, &r)
}

/// `signature` for a list of texts, in parallel with the GIL released: document
/// `start + i` has id `ids[i]` (default: `str(start + i)`) and line `start + i + 1`.
#[pyfunction]
#[pyo3(signature = (texts, ids = None, start = 0, threads = None, *,
    min_paragraph_chars = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS, cross_doc_threshold = 0.8))]
#[allow(clippy::too_many_arguments)]
fn signatures<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    ids: Option<Vec<String>>,
    start: u64,
    threads: Option<usize>,
    min_paragraph_chars: usize,
    cross_doc_threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let t = threshold(cross_doc_threshold)?;
    if let Some(ids) = &ids {
        if ids.len() != texts.len() {
            return Err(ZhcleanError::new_err(format!(
                "{} ids for {} texts: give one id per text",
                ids.len(),
                texts.len()
            )));
        }
    }
    let records: Vec<SignatureRecord> = py.detach(|| {
        pool(threads, || {
            texts
                .par_iter()
                .enumerate()
                .map(|(i, text)| {
                    let document = start + i as u64;
                    let id = ids
                        .as_ref()
                        .map_or_else(|| document.to_string(), |v| v[i].clone());
                    sig::signature_record(
                        ScriptTables::get(),
                        id,
                        document,
                        document + 1,
                        text,
                        min_paragraph_chars,
                        t,
                    )
                })
                .collect()
        })
    })?;
    to_py(py, &records)
}

/// Whether the later text `b` copies the earlier text `a`, as `zhclean verify` and
/// `--cross-doc=drop` decide: `{"shared_bins": int (of 120 MinHash bins),
/// "jaccard": float (exact, character 5-grams of the matching keys),
/// "duplicate": bool}`.
#[pyfunction]
#[pyo3(signature = (a, b, *, min_paragraph_chars = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS,
    cross_doc_threshold = 0.8))]
fn verify<'py>(
    py: Python<'py>,
    a: &str,
    b: &str,
    min_paragraph_chars: usize,
    cross_doc_threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let t = threshold(cross_doc_threshold)?;
    let (shared, j, dup) =
        py.detach(|| sig::verify_texts(ScriptTables::get(), a, b, t, min_paragraph_chars));
    to_py(
        py,
        &serde_json::json!({"shared_bins": shared, "jaccard": j, "duplicate": dup}),
    )
}

/// Verify candidate pairs (dicts of the pairs schema carrying `a_text` and
/// `b_text`), in parallel with the GIL released: the verdict records of
/// `zhclean verify`, in the pairs' order.
#[pyfunction]
#[pyo3(signature = (pairs, threads = None, *,
    min_paragraph_chars = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS, cross_doc_threshold = 0.8))]
fn verify_pairs<'py>(
    py: Python<'py>,
    pairs: &Bound<'py, PyAny>,
    threads: Option<usize>,
    min_paragraph_chars: usize,
    cross_doc_threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let t = threshold(cross_doc_threshold)?;
    let pairs: Vec<Pair> = from_py(pairs, "a list of candidate pairs (docs/pairs.schema.json)")?;
    if let Some((i, _)) = pairs
        .iter()
        .enumerate()
        .find(|(_, p)| p.a_text.is_none() || p.b_text.is_none())
    {
        return Err(ZhcleanError::new_err(format!(
            "pair {i}: give both a_text and b_text (the documents' input texts)"
        )));
    }
    let verdicts: Vec<Verdict> = py.detach(|| {
        pool(threads, || {
            pairs
                .par_iter()
                .map(|p| {
                    let (a, b) = (p.a_text.as_deref(), p.b_text.as_deref());
                    sig::verify_pair(
                        ScriptTables::get(),
                        p,
                        a.unwrap_or_default(),
                        b.unwrap_or_default(),
                        t,
                        min_paragraph_chars,
                    )
                })
                .collect()
        })
    })?;
    to_py(py, &verdicts)
}

/// Candidate pairs from signature records, as `zhclean pairs` (and the CLI's index)
/// finds them, ordered by `(b, a)`.
#[pyfunction]
fn candidate_pairs<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let records: Vec<SignatureRecord> = from_py(
        records,
        "a list of signature records (docs/signatures.schema.json)",
    )?;
    let pairs = py
        .detach(|| sig::candidate_pairs(&records))
        .map_err(ZhcleanError::new_err)?;
    to_py(py, &pairs)
}

/// The drop list from verdict records, as `zhclean resolve` (and `--cross-doc=drop`)
/// decides it, in input order.
#[pyfunction]
#[pyo3(signature = (verdicts, *, cross_doc_threshold = 0.8))]
fn resolve<'py>(
    py: Python<'py>,
    verdicts: &Bound<'py, PyAny>,
    cross_doc_threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let t = threshold(cross_doc_threshold)?;
    let verdicts: Vec<Verdict> =
        from_py(verdicts, "a list of verdicts (docs/verdicts.schema.json)")?;
    let drops: Vec<DropRecord> = py.detach(|| sig::resolve(&verdicts, t));
    to_py(py, &drops)
}

/// Add the functions and `SIGNATURES_SCHEMA_VERSION` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(signature, m)?)?;
    m.add_function(wrap_pyfunction!(signatures, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(verify_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(candidate_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(resolve, m)?)?;
    m.add("SIGNATURES_SCHEMA_VERSION", sig::SCHEMA_VERSION)?;
    Ok(())
}
