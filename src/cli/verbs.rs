//! The distributed-deduplication verbs: `zhclean signatures`, `pairs`, `verify`,
//! `resolve` and `apply` (argument parsing and files only; the work is in
//! [`zhclean::signatures`]).

use super::{print_error, run as run_main, Args};
use clap::Parser;
use std::path::PathBuf;
use zhclean::exit::ExitCode;
use zhclean::signatures::{self as sig, DropRecord, Options, Pair, SignatureRecord, Verdict};
use zhclean::{Error, Result};

/// The options every verb that reads or compares documents shares.
#[derive(Debug, clap::Args)]
struct Common {
    /// The JSONL field holding the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// The JSONL field naming each record (`meta.id` reaches into nested objects);
    /// every record needs one, and ids must be unique.
    #[arg(long, value_name = "NAME")]
    id_field: String,
    /// As the main command's: a document whose matching key is shorter is dropped
    /// only as an exact copy.
    #[arg(long, value_name = "N", default_value_t = zhclean::config::DEFAULT_MIN_PARAGRAPH_CHARS)]
    min_paragraph_chars: usize,
    /// As the main command's: Jaccard similarity at which a document is a duplicate.
    #[arg(long, value_name = "F", default_value_t = 0.8)]
    cross_doc_threshold: f64,
    /// Threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
}

impl Common {
    fn options(&self) -> Result<Options> {
        if !(0.0..=1.0).contains(&self.cross_doc_threshold) {
            return Err(Error::Usage(format!(
                "--cross-doc-threshold {}: give a similarity from 0 to 1",
                self.cross_doc_threshold
            )));
        }
        if let Some(n) = self.threads {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build_global()
                .map_err(|e| Error::Usage(format!("cannot start {n} threads: {e}")))?;
        }
        Ok(Options {
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            min_paragraph_chars: self.min_paragraph_chars,
            threshold: self.cross_doc_threshold,
        })
    }
}

/// `zhclean signatures`: one signature per record of a JSONL corpus (band keys and
/// paragraph hashes of `--cross-doc=drop`; docs/signatures.schema.json).
#[derive(Debug, Parser)]
#[command(name = "zhclean signatures")]
struct SignaturesArgs {
    /// The JSONL corpus (`-` or absent: stdin; .gz/.zst/.bz2 read by magic bytes).
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Where to write the signatures (`-`: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: PathBuf,
    #[command(flatten)]
    common: Common,
}

/// `zhclean pairs`: candidate pairs from signatures, as the CLI's index finds them
/// (docs/pairs.schema.json). One machine; a cluster job groups by band instead.
#[derive(Debug, Parser)]
#[command(name = "zhclean pairs")]
struct PairsArgs {
    /// Signatures (`-` or absent: stdin).
    #[arg(value_name = "SIGNATURES")]
    input: Option<PathBuf>,
    /// Where to write the pairs (`-`: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: PathBuf,
}

/// `zhclean verify`: exact Jaccard similarity of candidate pairs
/// (docs/verdicts.schema.json).
#[derive(Debug, Parser)]
#[command(name = "zhclean verify")]
struct VerifyArgs {
    /// Candidate pairs (`-` or absent: stdin). Pairs without `a_text`/`b_text` take
    /// the texts from --jsonl.
    #[arg(value_name = "PAIRS")]
    input: Option<PathBuf>,
    /// The JSONL corpus the pairs' ids name.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Where to write the verdicts (`-`: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: PathBuf,
    #[command(flatten)]
    common: Common,
}

/// `zhclean resolve`: the drop list from verdicts, as `--cross-doc=drop` decides
/// (docs/drops.schema.json).
#[derive(Debug, Parser)]
#[command(name = "zhclean resolve")]
struct ResolveArgs {
    /// Verdicts (`-` or absent: stdin).
    #[arg(value_name = "VERDICTS")]
    input: Option<PathBuf>,
    /// Where to write the drop list (`-`: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// As the main command's: Jaccard similarity at which a document is a duplicate.
    #[arg(long, value_name = "F", default_value_t = 0.8)]
    cross_doc_threshold: f64,
}

/// Run `zhclean VERB …` (`argv[1]` is the verb).
pub fn run(argv: &[std::ffi::OsString]) -> ExitCode {
    let verb = argv[1].to_string_lossy().into_owned();
    let rest = || std::iter::once(argv[0].clone()).chain(argv[2..].iter().cloned());
    let r = match verb.as_str() {
        "signatures" => signatures(SignaturesArgs::parse_from(rest())),
        "pairs" => pairs(PairsArgs::parse_from(rest())),
        "verify" => verify(VerifyArgs::parse_from(rest())),
        _ => resolve(ResolveArgs::parse_from(rest())),
    };
    match r {
        Ok(()) => ExitCode::Success,
        Err(e) if e.is_broken_pipe() => ExitCode::Success,
        Err(e) => {
            print_error(&e);
            ExitCode::Error
        }
    }
}

fn signatures(a: SignaturesArgs) -> Result<()> {
    let opts = a.common.options()?;
    let mut f = zhclean::output::AtomicFile::create(&a.output, true)?;
    let mut buf = Vec::with_capacity(1 << 16);
    sig::sign_jsonl(a.jsonl.as_deref(), &opts, |r: &SignatureRecord| {
        serde_json::to_writer(&mut buf, r).expect("records serialize");
        buf.push(b'\n');
        if buf.len() >= 1 << 16 {
            f.write_data(&buf)?;
            buf.clear();
        }
        Ok(())
    })?;
    f.write_data(&buf)?;
    f.commit(None)
}

fn pairs(a: PairsArgs) -> Result<()> {
    let name = zhclean::error::display_source(a.input.as_deref());
    let recs: Vec<SignatureRecord> = sig::read_records(a.input.as_deref())?;
    let pairs = sig::candidate_pairs(&recs).map_err(|m| Error::Usage(format!("{name}: {m}")))?;
    sig::write_records(&a.output, &pairs)
}

fn verify(a: VerifyArgs) -> Result<()> {
    let opts = a.common.options()?;
    let pairs: Vec<Pair> = sig::read_records(a.input.as_deref())?;
    let verdicts = sig::verify_pairs(pairs, a.jsonl.as_deref(), &opts)?;
    sig::write_records(&a.output, &verdicts)
}

fn resolve(a: ResolveArgs) -> Result<()> {
    let verdicts: Vec<Verdict> = sig::read_records(a.input.as_deref())?;
    let drops: Vec<DropRecord> = sig::resolve(&verdicts, a.cross_doc_threshold);
    sig::write_records(&a.output, &drops)
}

/// `zhclean apply --drop DROP.jsonl --jsonl IN …`: the main command with a drop list
/// (every cleaning flag applies).
pub fn apply(argv: &[std::ffi::OsString]) -> ExitCode {
    let has_drop = argv[2..].iter().any(|a| {
        let a = a.to_string_lossy();
        a == "--drop" || a.starts_with("--drop=")
    });
    if !has_drop {
        eprintln!("zhclean: apply: give the drop list with --drop FILE (from `zhclean resolve`), and the corpus with --jsonl FILE --id-field NAME");
        return ExitCode::Error;
    }
    let mut args: Vec<std::ffi::OsString> = vec![argv[0].clone()];
    args.extend(argv[2..].iter().cloned());
    run_main(Args::parse_from(args))
}
