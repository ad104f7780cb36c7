//! `zhclean._zhclean`, the compiled half of the `zhclean` Python package: the
//! options of the command line turned into a [`zhclean::Config`], a reusable
//! [`Cleaner`], batches cleaned in parallel with the GIL released, and every report
//! handed over as Python objects built from the report's own serde model
//! ([`zhclean::DocReport`], so a report dict is the CLI's JSON report of that document,
//! field for field and in the same order). The pure-Python half (`zhclean/__init__.py`)
//! re-exports these and adds `clean()` and the pipeline adapters.
//!
//! Units: `window` is in bytes (of UTF-8 text, or of the raw input for `bytes`);
//! `min_*_chars` and every offset and count in a report are in characters (Unicode
//! scalar values, which is what a Python `str` indexes).

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;
use std::path::PathBuf;
use zhclean::decode::{DecodeOptions, EncodingChoice};
use zhclean::{Cleaned, Config, DocReport, KeepPolicy, PunctMode};

mod signatures;

/// As the CLI (see `src/main.rs`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    zhclean,
    ZhcleanError,
    PyValueError,
    "A bad option or an input zhclean cannot clean; the message is the command line's (without its `zhclean: ` prefix)."
);

/// A library error as the CLI prints it: the message and its chain of causes, each
/// once ([`zhclean::Error::chain_message`], as the CLI prints it), without the
/// `zhclean: ` prefix.
fn error_message(e: &zhclean::Error) -> String {
    e.chain_message()
}

fn py_err(e: &zhclean::Error) -> PyErr {
    ZhcleanError::new_err(error_message(e))
}

/// `invalid value 'V' for NAME (--FLAG): WHY`, the CLI's wording for a bad value.
fn bad_value(name: &str, value: &str, why: &str) -> PyErr {
    let flag = name.replace('_', "-");
    ZhcleanError::new_err(format!(
        "invalid value '{value}' for {name} (--{flag}): {why}"
    ))
}

/// Pick one of `choices` (the CLI's possible values); `aliases` are hidden spellings
/// of some of them, as in the CLI.
fn choice_with<T: Copy>(
    name: &str,
    value: &str,
    choices: &[(&str, T)],
    aliases: &[(&str, &str)],
) -> PyResult<T> {
    let value_or_alias = aliases
        .iter()
        .find(|(a, _)| *a == value)
        .map_or(value, |(_, v)| *v);
    choices
        .iter()
        .find(|(n, _)| *n == value_or_alias)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            bad_value(
                name,
                value,
                &format!("possible values: {}", names.join(", ")),
            )
        })
}

/// [`choice_with`] without aliases.
fn choice<T: Copy>(name: &str, value: &str, choices: &[(&str, T)]) -> PyResult<T> {
    choice_with(name, value, choices, &[])
}

/// Every option of a cleaner, as given (for `repr`, `options` and pickling).
#[derive(Clone, Debug)]
struct Options {
    to: String,
    punct: String,
    keep: String,
    min_sentence_chars: usize,
    min_paragraph_chars: usize,
    near_threshold: f64,
    strip_boilerplate: bool,
    boilerplate_rules: Option<PathBuf>,
    converter: String,
    dict: Option<PathBuf>,
    phrases: bool,
    encoding: String,
    lossy: bool,
    window: usize,
    /// Detectors switched off by name (`--disable NAME`, repeatable).
    disable: Vec<String>,
}

impl Options {
    /// The configuration and the converter backend, or the CLI's message for a bad value.
    fn build(&self) -> PyResult<zhclean::Cleaner> {
        let (target, to_phrases) = zhclean::config::target_from_name(&self.to)
            .map_err(|why| bad_value("to", &self.to, &why))?;
        if !(0.0..=1.0).contains(&self.near_threshold) {
            return Err(bad_value(
                "near_threshold",
                &self.near_threshold.to_string(),
                &format!("{} is not between 0 and 1", self.near_threshold),
            ));
        }
        let cfg = Config {
            target,
            punct: choice(
                "punct",
                &self.punct,
                &[
                    ("fullwidth", PunctMode::Fullwidth),
                    ("keep", PunctMode::Keep),
                ],
            )?,
            keep: choice(
                "keep",
                &self.keep,
                &[
                    ("auto", KeepPolicy::Auto),
                    ("first", KeepPolicy::First),
                    ("last", KeepPolicy::Last),
                ],
            )?,
            min_paragraph_chars: self.min_paragraph_chars,
            min_sentence_chars: self.min_sentence_chars,
            near_threshold: self.near_threshold,
            strip_boilerplate: self.strip_boilerplate,
            // (every result carries its whole report: digests and the count)
            report_fields: true,
            boilerplate_rules: self.boilerplate_rules.clone(),
            dict: self.dict.clone(),
            tw_phrases: self.phrases || to_phrases,
            decode: DecodeOptions {
                encoding: choice_with(
                    "encoding",
                    &self.encoding,
                    &[
                        ("auto", EncodingChoice::Auto),
                        ("utf-8", EncodingChoice::Utf8),
                        ("gb18030", EncodingChoice::Gb18030),
                        ("big5", EncodingChoice::Big5),
                        ("utf-16le", EncodingChoice::Utf16Le),
                        ("utf-16be", EncodingChoice::Utf16Be),
                    ],
                    &[("utf8", "utf-8"), ("gbk", "gb18030")],
                )?,
                lossy: self.lossy,
            },
            window_bytes: std::num::NonZeroUsize::new(self.window), // 0: always whole
            disable: self.disable.clone(),
            ..Config::default()
        };
        let converter = self.converter(cfg.tw_phrases)?;
        zhclean::Cleaner::try_new(cfg, converter).map_err(|e| py_err(&e))
    }

    /// `--converter`, as the CLI's `converter` in `src/cli/mod.rs`.
    fn converter(&self, tw_phrases: bool) -> PyResult<Box<dyn zhclean::ScriptConverter>> {
        #[derive(Clone, Copy)]
        enum Which {
            Zhclean,
            Fmmseg,
            OpenccCpp,
        }
        let which = choice(
            "converter",
            &self.converter,
            &[
                ("zhclean", Which::Zhclean),
                ("fmmseg", Which::Fmmseg),
                ("opencc-cpp", Which::OpenccCpp),
            ],
        )?;
        match which {
            Which::Zhclean => Ok(Box::new(
                zhclean::normalize::opencc::OpenccConverter::with_tw_phrases(tw_phrases),
            )),
            Which::Fmmseg => Ok(Box::new(zhclean::normalize::script::FmmsegConverter::new())),
            #[cfg(feature = "opencc-cpp")]
            Which::OpenccCpp => zhclean::normalize::opencc_cpp::CppConverter::new()
                .map(|c| Box::new(c) as Box<dyn zhclean::ScriptConverter>)
                .map_err(|e| py_err(&zhclean::Error::Converter(e))),
            #[cfg(not(feature = "opencc-cpp"))]
            Which::OpenccCpp => Err(py_err(&zhclean::Error::Converter(
                "this zhclean was built without the `opencc-cpp` feature; rebuild with `cargo build --features opencc-cpp`".to_string(),
            ))),
        }
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("to", &self.to)?;
        d.set_item("punct", &self.punct)?;
        d.set_item("keep", &self.keep)?;
        d.set_item("min_sentence_chars", self.min_sentence_chars)?;
        d.set_item("min_paragraph_chars", self.min_paragraph_chars)?;
        d.set_item("near_threshold", self.near_threshold)?;
        d.set_item("strip_boilerplate", self.strip_boilerplate)?;
        d.set_item("boilerplate_rules", &self.boilerplate_rules)?;
        d.set_item("converter", &self.converter)?;
        d.set_item("dict", &self.dict)?;
        d.set_item("phrases", self.phrases)?;
        d.set_item("encoding", &self.encoding)?;
        d.set_item("lossy", self.lossy)?;
        d.set_item("window", self.window)?;
        d.set_item("disable", &self.disable)?;
        Ok(d)
    }
}

/// One input document: text (cleaned as a `--jsonl` record's text field is) or raw
/// bytes (decoded as a file is: byte-order mark, `encoding`, `lossy`).
#[derive(FromPyObject)]
enum Doc {
    Text(String),
    Bytes(Vec<u8>),
}

impl Doc {
    fn len(&self) -> usize {
        match self {
            Doc::Text(s) => s.len(),
            Doc::Bytes(b) => b.len(),
        }
    }
}

/// Clean one document as the CLI cleans one FILE: whole, or window by window when it
/// has more than `window` bytes or a very long line (`zhclean::windows`).
fn clean_one(cleaner: &zhclean::Cleaner, doc: Doc) -> zhclean::Result<(String, DocReport)> {
    let windowed = cleaner.config().window_bytes.is_some_and(|window| {
        doc.len() > window.get()
            || match &doc {
                Doc::Text(s) => zhclean::windows::has_long_line(s.as_bytes(), window),
                Doc::Bytes(b) => zhclean::windows::has_long_line(b, window),
            }
    });
    if windowed {
        let bytes = match doc {
            Doc::Text(s) => s.into_bytes(),
            Doc::Bytes(b) => b,
        };
        let mut out = Vec::new();
        let mut removed = Vec::new();
        let mut sink = |r: zhclean::report::Removal| -> zhclean::Result<()> {
            removed.push(r);
            Ok(())
        };
        let streamed = zhclean::windows::clean(
            cleaner,
            bytes,
            std::io::empty(),
            &mut out,
            &mut sink,
            None,
            "<output>",
        )?;
        let mut report = streamed.report;
        report.removed = removed;
        let text = String::from_utf8(out).expect("zhclean writes UTF-8");
        return Ok((text, report));
    }
    let Cleaned { text, report, .. } = match doc {
        Doc::Text(s) => cleaner.clean_text(&s, None),
        Doc::Bytes(b) => cleaner.clean_bytes(b, None)?,
    };
    Ok((text, report))
}

/// Python's `json.loads`, looked up once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// JSON text as Python objects through the standard library's `json.loads`: objects
/// become dicts in the order of the text, arrays lists, numbers int or float, exactly
/// as a Python reader of the CLI's report file gets them.
fn json_loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((json,))
}

/// A document's report as the CLI writes it (compact JSON; the same values as the
/// pretty-printed `--report`, from the same serde model).
fn report_json(report: &DocReport) -> String {
    serde_json::to_string(report).expect("a report serializes")
}

/// Cleans Chinese documents with one set of options; reuse it (building one compiles
/// the boilerplate rules and loads any `dict`). Safe to share between threads.
///
/// The options are the command line's long options, 1:1 (`--min-sentence-chars N` is
/// `min_sentence_chars=N`); values and defaults are the CLI's:
///
/// - `to`: output script, `"zh-hans"` (default), `"zh-hant"`, `"zh-tw"`, `"zh-hk"` or
///   `"keep"`; BCP 47 tags (`"zh-TW"`) and OpenCC names (`"t2s"`, `"s2twp"`) too.
/// - `punct`: `"fullwidth"` (default) or `"keep"`.
/// - `keep`: which copy survives, `"auto"` (default), `"first"` or `"last"`.
/// - `min_sentence_chars`, `min_paragraph_chars`: characters (default 10 each).
/// - `near_threshold`: 0–1 (default 0.8).
/// - `strip_boilerplate`: remove page furniture instead of counting it (default False).
/// - `boilerplate_rules`, `dict`: paths (str or os.PathLike), or None.
/// - `converter`: `"zhclean"` (default), `"fmmseg"` or `"opencc-cpp"`.
/// - `phrases`: Taiwan phrases with `to="zh-tw"` (default False).
/// - `encoding` (for `bytes` input): `"auto"` (default), `"utf-8"`, `"gb18030"`,
///   `"big5"`, `"utf-16le"`, `"utf-16be"`; `lossy`: replace undecodable bytes.
/// - `window`: bytes; a document larger than this is cleaned window by window as
///   the CLI cleans such a file (default 32 MiB; 0: always whole).
/// - `disable`: detectors that do not run, by name (a list or tuple of str, `--disable
///   NAME` repeated): `boilerplate`, `align`, `near_paragraph`,
///   `inline`, `sentence` (default: none).
///
/// Raises `ZhcleanError` (a `ValueError`) with the CLI's message for a bad value (a
/// `disable` name that is no detector) or an unreadable `boilerplate_rules`/`dict` file.
#[pyclass(frozen, module = "zhclean", name = "Cleaner")]
struct PyCleaner {
    inner: zhclean::Cleaner,
    options: Options,
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (*, to = "zh-hans".to_string(), punct = "fullwidth".to_string(),
        keep = "auto".to_string(), min_sentence_chars = zhclean::config::DEFAULT_MIN_SENTENCE_CHARS,
        min_paragraph_chars = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS,
        near_threshold = zhclean::config::DEFAULT_NEAR_THRESHOLD, strip_boilerplate = false,
        boilerplate_rules = None, converter = "zhclean".to_string(), dict = None, phrases = false,
        encoding = "auto".to_string(), lossy = false, window = zhclean::config::DEFAULT_WINDOW,
        disable = Vec::new()))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        to: String,
        punct: String,
        keep: String,
        min_sentence_chars: usize,
        min_paragraph_chars: usize,
        near_threshold: f64,
        strip_boilerplate: bool,
        boilerplate_rules: Option<PathBuf>,
        converter: String,
        dict: Option<PathBuf>,
        phrases: bool,
        encoding: String,
        lossy: bool,
        window: usize,
        disable: Vec<String>,
    ) -> PyResult<Self> {
        let options = Options {
            to,
            punct,
            keep,
            min_sentence_chars,
            min_paragraph_chars,
            near_threshold,
            strip_boilerplate,
            boilerplate_rules,
            converter,
            dict,
            phrases,
            encoding,
            lossy,
            window,
            disable,
        };
        Ok(PyCleaner {
            inner: options.build()?,
            options,
        })
    }

    /// Clean one document: `str` (as a `--jsonl` record's text) or `bytes` (decoded as
    /// a file is). Returns `(text, report)`: the cleaned text and the document's entry
    /// of the CLI's JSON report as a dict (`path` is None, as for stdin). The GIL is
    /// released while it cleans. Raises `ZhcleanError` for bytes it cannot decode.
    fn clean<'py>(&self, py: Python<'py>, text: Doc) -> PyResult<Bound<'py, PyTuple>> {
        let (out, report) = py
            .detach(|| clean_one(&self.inner, text).map(|(t, r)| (t, report_json(&r))))
            .map_err(|e| py_err(&e))?;
        PyTuple::new(
            py,
            [PyString::new(py, &out).into_any(), json_loads(py, &report)?],
        )
    }

    /// Clean a list of documents (each `str` or `bytes`, as `clean`) in parallel on
    /// `threads` threads (None: all cores, as the CLI's `-j`), with the GIL released;
    /// returns `[(text, report), ...]` in input order, the same for every thread count.
    /// Raises `ZhcleanError` naming the first document (0-based) that fails.
    #[pyo3(signature = (texts, threads = None))]
    fn clean_many<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Doc>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        if threads == Some(0) {
            return Err(ZhcleanError::new_err(
                "threads=0 (-j 0): give at least one thread",
            ));
        }
        let results = py.detach(|| {
            let run = || -> Vec<zhclean::Result<(String, String)>> {
                texts
                    .into_par_iter()
                    .map(|d| clean_one(&self.inner, d).map(|(t, r)| (t, report_json(&r))))
                    .collect()
            };
            match threads {
                None => Ok(run()),
                Some(n) => rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map(|pool| pool.install(run)),
            }
        });
        let results = results
            .map_err(|e| ZhcleanError::new_err(format!("cannot start {threads:?} threads: {e}")))?;
        let mut texts = Vec::with_capacity(results.len());
        let mut all_reports = String::from("[");
        for (i, r) in results.into_iter().enumerate() {
            match r {
                Ok((text, report)) => {
                    if i > 0 {
                        all_reports.push(',');
                    }
                    all_reports.push_str(&report);
                    texts.push(text);
                }
                Err(e) => {
                    return Err(ZhcleanError::new_err(format!(
                        "document {i}: {}",
                        error_message(&e)
                    )))
                }
            }
        }
        all_reports.push(']');
        // one `json.loads` for the whole batch: far cheaper than one per document
        let reports = json_loads(py, &all_reports)?;
        let list = PyList::empty(py);
        for (text, report) in texts.iter().zip(reports.try_iter()?) {
            list.append(PyTuple::new(
                py,
                [PyString::new(py, text).into_any(), report?],
            )?)?;
        }
        Ok(list)
    }

    /// The options this cleaner was built with, as keyword arguments for `Cleaner`.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.options.to_dict(py)
    }

    /// Pickling (datatrove, Ray, Dask and Spark ship steps to workers): a cleaner is
    /// rebuilt from its options.
    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        Ok((PyTuple::empty(py), self.options.to_dict(py)?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let default = Options::default_for_repr();
        let mut parts = Vec::new();
        let given = self.options.to_dict(py)?;
        let defaults = default.to_dict(py)?;
        for (k, v) in given.iter() {
            let d = defaults.get_item(&k)?;
            if d.is_none_or(|d| !d.eq(&v).unwrap_or(false)) {
                parts.push(format!("{}={}", k, v.repr()?));
            }
        }
        Ok(format!("zhclean.Cleaner({})", parts.join(", ")))
    }
}

impl Options {
    fn default_for_repr() -> Self {
        Options {
            to: "zh-hans".into(),
            punct: "fullwidth".into(),
            keep: "auto".into(),
            min_sentence_chars: zhclean::config::DEFAULT_MIN_SENTENCE_CHARS,
            min_paragraph_chars: zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS,
            near_threshold: zhclean::config::DEFAULT_NEAR_THRESHOLD,
            strip_boilerplate: false,
            boilerplate_rules: None,
            converter: "zhclean".into(),
            dict: None,
            phrases: false,
            encoding: "auto".into(),
            lossy: false,
            window: zhclean::config::DEFAULT_WINDOW,
            disable: Vec::new(),
        }
    }
}

/// The statistics `--annotate` adds to a JSONL record, for one report dict (as
/// returned by `Cleaner.clean`): `dup_ratio`, `chars_in`, `chars_removed` (characters),
/// `removals` (count by kind), `removed` (kind, `char_range` in the input text,
/// `kept_lines`), `cross_doc_chars`, `dropped`. Raises `ZhcleanError` when `report` is
/// not a document report.
#[pyfunction]
fn stats<'py>(py: Python<'py>, report: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let d: DocReport = pythonize::depythonize(report)
        .map_err(|e| ZhcleanError::new_err(format!("not a zhclean document report: {e}")))?;
    json_loads(py, &zhclean::annotate::stats(&d).to_string())
}

/// The JSON Schema (draft 2020-12) of the CLI's whole JSON report, as a str (the
/// report dicts of `Cleaner.clean` are its `documents` items).
#[pyfunction]
fn report_schema() -> String {
    zhclean::report::json_schema()
}

#[pymodule]
fn _zhclean(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_function(wrap_pyfunction!(stats, m)?)?;
    m.add_function(wrap_pyfunction!(report_schema, m)?)?;
    m.add("ZhcleanError", m.py().get_type::<ZhcleanError>())?;
    m.add("SCHEMA_VERSION", zhclean::report::SCHEMA_VERSION)?;
    signatures::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
