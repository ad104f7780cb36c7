//! The command line: raw arguments (`args`), validated into a [`zhclean::Config`] and
//! a [`Plan`] of inputs and outputs, then run. Only `main.rs` reaches this module.
//!
//! One FILE or stdin is cleaned on its own ([`Plan::Single`]); a folder, several
//! files, `--jsonl`, `--out-dir`, `--in-place` or `--check` make a batch
//! ([`Plan::Batch`], run by [`zhclean::batch`], watched by [`watch::Watch`]).

mod args;
mod watch;

pub use args::Args;
use args::{
    ConverterArg, CrossDocArg, EncodingArg, FormatArg, KeepArg, PunctArg, ReportFormatArg, ToArg,
};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use zhclean::batch::{self, BatchConfig, CrossDoc, Destination, Source};
use zhclean::decode::{DecodeOptions, EncodingChoice};
use zhclean::exit::ExitCode;
use zhclean::printer::json::ReportFormat;
use zhclean::{
    output, printer, Cleaner, Config, Error, KeepPolicy, PunctMode, Report, Result, Target,
};

/// What to do, validated.
enum Plan {
    /// One document: a file or stdin, to stdout or `-o`.
    Single {
        input: Option<PathBuf>,
        output: Option<PathBuf>,
        report: Option<PathBuf>,
        quiet: bool,
    },
    /// A batch.
    Batch(Box<BatchPlan>),
}

struct BatchPlan {
    source: Source,
    cfg: BatchConfig,
    check: bool,
    github: bool,
    summary_md: Option<PathBuf>,
    quiet: bool,
}

// `..Config::default()` keeps this compiling when the library gains a setting
#[allow(clippy::needless_update)]
fn config(args: &Args) -> Config {
    Config {
        target: match args.to {
            ToArg::ZhHans => Target::ZhHans,
            ToArg::ZhHant => Target::ZhHant,
            ToArg::ZhTw => Target::ZhTw,
            ToArg::ZhHk => Target::ZhHk,
            ToArg::Keep => Target::Keep,
        },
        punct: match args.punct {
            PunctArg::Fullwidth => PunctMode::Fullwidth,
            PunctArg::Keep => PunctMode::Keep,
        },
        keep: match args.keep {
            KeepArg::Auto => KeepPolicy::Auto,
            KeepArg::First => KeepPolicy::First,
            KeepArg::Last => KeepPolicy::Last,
        },
        min_paragraph_chars: args.min_paragraph_chars,
        min_sentence_chars: args.min_sentence_chars,
        near_threshold: args.near_threshold,
        strip_boilerplate: args.strip_boilerplate,
        boilerplate_rules: args.boilerplate_rules.clone(),
        dict: args.dict.clone(),
        tw_phrases: args.phrases,
        decode: DecodeOptions {
            encoding: match args.encoding {
                EncodingArg::Auto => EncodingChoice::Auto,
                EncodingArg::Utf8 => EncodingChoice::Utf8,
                EncodingArg::Gb18030 => EncodingChoice::Gb18030,
                EncodingArg::Big5 => EncodingChoice::Big5,
                EncodingArg::Utf16Le => EncodingChoice::Utf16Le,
                EncodingArg::Utf16Be => EncodingChoice::Utf16Be,
            },
            lossy: args.lossy,
        },
        report: args.report.clone(),
        threads: args.threads,
        window_bytes: args.window,
        ..Config::default()
    }
}

fn usage<T>(msg: impl Into<String>) -> Result<T> {
    Err(Error::Usage(msg.into()))
}

/// `-o`, `--report` and `--summary-md` must name different files: one rename would
/// silently replace the other.
fn distinct_outputs(args: &Args) -> Result<()> {
    let outs: Vec<(&str, &PathBuf)> = [
        ("-o", &args.output),
        ("--report", &args.report),
        ("--summary-md", &args.summary_md),
    ]
    .into_iter()
    .filter_map(|(f, p)| p.as_ref().map(|p| (f, p)))
    .collect();
    for (i, (fa, a)) in outs.iter().enumerate() {
        for (fb, b) in &outs[i + 1..] {
            let same = a == b
                || matches!((output::resolve(a), output::resolve(b)), (Ok(x), Ok(y)) if x == y);
            // devices such as /dev/null may take several outputs
            let device = std::fs::metadata(a).is_ok_and(|m| !m.is_file() && !m.is_dir());
            if same && !device {
                return usage(format!(
                    "{fa} and {fb} both name {}; give them different files",
                    a.display()
                ));
            }
        }
    }
    Ok(())
}

fn construct(args: Args) -> Result<(Config, ConverterArg, Plan)> {
    let cfg = config(&args);
    if args.threads == Some(0) {
        return usage("-j 0: give at least one thread");
    }
    distinct_outputs(&args)?;
    let any_dir = args.paths.iter().any(|p| p.is_dir());
    let batch = args.jsonl
        || args.out_dir.is_some()
        || args.in_place
        || args.check
        || args.paths.len() > 1
        || any_dir;
    if !batch {
        for (flag, given) in [
            ("--cross-doc", args.cross_doc.is_some()),
            ("--summary-md", args.summary_md.is_some()),
            ("--format github", args.format == FormatArg::Github),
            ("--glob", !args.globs.is_empty()),
        ] {
            if given {
                return usage(format!(
                    "{flag} works on a batch: add --check, --out-dir DIR, --in-place or --jsonl"
                ));
            }
        }
        let input = args
            .paths
            .into_iter()
            .next()
            .filter(|p| p.as_os_str() != "-");
        let inputs: Vec<&Path> = input.iter().map(|p| p.as_path()).collect();
        for (flag, out) in [("-o", &args.output), ("--report", &args.report)] {
            if let Some(out) = out {
                output::ensure_not_input(flag, out, &inputs)?;
            }
        }
        return Ok((
            cfg,
            args.converter,
            Plan::Single {
                input,
                output: args.output,
                report: args.report,
                quiet: args.quiet,
            },
        ));
    }

    let cross_doc = match args.cross_doc {
        None => CrossDoc::Off,
        Some(CrossDocArg::Report) => CrossDoc::Report,
        Some(CrossDocArg::Drop) => CrossDoc::Drop,
    };
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let mut bcfg = BatchConfig {
        threads,
        cross_doc,
        drop_threshold: args.cross_doc_threshold,
        destination: Destination::Nowhere,
        report: args.report.clone(),
        report_format: match args.report_format {
            ReportFormatArg::Json => ReportFormat::Json,
            ReportFormatArg::Jsonl => ReportFormat::Jsonl,
        },
        max_dup_ratio: args.max_dup_ratio,
        text_field: args.text_field.clone(),
    };
    let github = args.format == FormatArg::Github;
    let stdin = args.paths.is_empty() || args.paths.iter().any(|p| p.as_os_str() == "-");

    let (source, input_files): (Source, Vec<PathBuf>) = if args.jsonl {
        if args.out_dir.is_some() || args.in_place {
            return usage("--jsonl writes one JSONL stream: use -o FILE, or stdout");
        }
        if let Some(d) = args.paths.iter().find(|p| p.is_dir()) {
            return usage(format!(
                "{}: is a directory; --jsonl reads JSONL files or stdin",
                d.display()
            ));
        }
        if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
            return usage("stdin (`-`) can be read only once");
        }
        bcfg.destination = if args.check {
            Destination::Nowhere
        } else {
            Destination::Jsonl(args.output.clone())
        };
        if github && matches!(bcfg.destination, Destination::Jsonl(None)) {
            return usage(
                "--format github prints annotations on stdout, where the cleaned JSONL goes: add -o FILE or --check",
            );
        }
        let paths: Vec<Option<PathBuf>> = if args.paths.is_empty() {
            vec![None]
        } else {
            args.paths
                .iter()
                .map(|p| (p.as_os_str() != "-").then(|| p.clone()))
                .collect()
        };
        let files = paths.iter().flatten().cloned().collect();
        (Source::Jsonl(paths), files)
    } else {
        if stdin {
            return usage(if args.paths.is_empty() {
                "a batch needs PATHs (files or folders); for stdin, clean one document without --check/--out-dir/--in-place, or use --jsonl"
            } else {
                "stdin (`-`) cannot be part of a folder batch; use --jsonl for a stream of documents"
            });
        }
        if args.output.is_some() {
            return usage(
                "-o names one output file; for a folder or several files use --out-dir DIR or --in-place",
            );
        }
        if cross_doc == CrossDoc::Drop && args.in_place {
            return usage(
                "--cross-doc drop with --in-place would delete files; use --out-dir DIR (or --check)",
            );
        }
        bcfg.destination = match (&args.out_dir, args.in_place, args.check) {
            (_, _, true) => Destination::Nowhere,
            (Some(d), _, _) => Destination::OutDir(d.clone()),
            (None, true, _) => Destination::InPlace {
                backup: args.backup.clone(),
            },
            (None, false, false) => {
                return usage(match args.paths.iter().find(|p| p.is_dir()) {
                    Some(d) => format!(
                        "{}: is a directory; a folder is cleaned with --out-dir DIR, --in-place, or --check",
                        d.display()
                    ),
                    None => "several files are cleaned with --out-dir DIR, --in-place, or --check"
                        .to_string(),
                })
            }
        };
        if let Some(out) = &args.out_dir {
            let o = output::resolve(out).map_err(|e| Error::Read {
                path: out.display().to_string(),
                err: e,
            })?;
            for p in args.paths.iter().filter(|p| p.is_dir()) {
                let root = output::resolve(p).map_err(|e| Error::Read {
                    path: p.display().to_string(),
                    err: e,
                })?;
                if o.starts_with(&root) {
                    return usage(format!(
                        "--out-dir {} is inside the input folder {}; choose a folder outside it",
                        out.display(),
                        p.display()
                    ));
                }
            }
        }
        let globs = zhclean::input::Globs::new(&args.globs)?;
        let walk = zhclean::input::walk(&args.paths, &globs)?;
        let files: Vec<PathBuf> = walk.files.iter().map(|f| f.path.clone()).collect();
        if let Destination::OutDir(d) = &bcfg.destination {
            // an output that would land on an input: only possible for inputs below
            // the out-dir (an input folder inside it, or a file named inside it), so
            // only those are resolved (resolving costs a syscall per path component)
            let o = output::resolve(d).unwrap_or_else(|_| d.clone());
            let inside: Vec<PathBuf> = args
                .paths
                .iter()
                .filter_map(|p| output::resolve(p).ok())
                .filter(|r| r.starts_with(&o))
                .collect();
            let at_risk = |f: &zhclean::input::FileItem| {
                !inside.is_empty() && output::resolve(&f.path).is_ok_and(|r| r.starts_with(&o))
            };
            let inputs: std::collections::HashSet<PathBuf> = walk
                .files
                .iter()
                .filter(|f| at_risk(f))
                .filter_map(|f| f.path.canonicalize().ok())
                .collect();
            for f in walk.files.iter().filter(|_| !inputs.is_empty()) {
                if let Ok(o) = output::resolve(&d.join(&f.out_rel)) {
                    if inputs.contains(&o) {
                        return usage(format!(
                            "--out-dir {}: {} would overwrite the input {}",
                            d.display(),
                            o.display(),
                            f.path.display()
                        ));
                    }
                }
            }
        }
        (Source::Files(walk), files)
    };
    let refs: Vec<&Path> = input_files.iter().map(|p| p.as_path()).collect();
    for (flag, out) in [
        ("-o", &args.output),
        ("--report", &args.report),
        ("--summary-md", &args.summary_md),
    ] {
        if let Some(out) = out {
            output::ensure_not_input(flag, out, &refs)?;
        }
    }
    Ok((
        cfg,
        args.converter,
        Plan::Batch(Box::new(BatchPlan {
            source,
            cfg: bcfg,
            check: args.check,
            github,
            summary_md: args.summary_md,
            quiet: args.quiet,
        })),
    ))
}

fn converter(which: ConverterArg, tw_phrases: bool) -> Result<Box<dyn zhclean::ScriptConverter>> {
    match which {
        ConverterArg::Zhclean => Ok(Box::new(
            zhclean::normalize::opencc::OpenccConverter::with_tw_phrases(tw_phrases),
        )),
        ConverterArg::Fmmseg => Ok(Box::new(zhclean::normalize::script::FmmsegConverter::new())),
        #[cfg(feature = "opencc-cpp")]
        ConverterArg::OpenccCpp => zhclean::normalize::opencc_cpp::CppConverter::new()
            .map(|c| Box::new(c) as Box<dyn zhclean::ScriptConverter>)
            .map_err(Error::Converter),
        #[cfg(not(feature = "opencc-cpp"))]
        ConverterArg::OpenccCpp => Err(Error::Converter(
            "this zhclean was built without the `opencc-cpp` feature; rebuild with `cargo build --features opencc-cpp`".to_string(),
        )),
    }
}

/// Ctrl-C (and SIGTERM, SIGHUP): the first asks the work to stop at the next
/// document boundary, which drops its temporary files and exits 130; if that takes
/// more than two seconds (one huge document), or on a second Ctrl-C, the temporary
/// files are deleted here and the process exits 130 at once.
fn install_signal_handler() {
    let _ = ctrlc::set_handler(|| {
        if output::interrupt() {
            output::remove_temps_and_exit(ExitCode::Interrupted as i32);
        }
        std::thread::spawn(|| {
            std::thread::sleep(std::time::Duration::from_secs(2));
            output::remove_temps_and_exit(ExitCode::Interrupted as i32);
        });
    });
}

/// Run the command line; errors are printed here, with their chain.
pub fn run(args: Args) -> ExitCode {
    install_signal_handler();
    let code = match try_run(args) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::Success,
        Err(e) => {
            print_error(&e);
            ExitCode::Error
        }
    };
    if code == ExitCode::Interrupted {
        eprintln!("zhclean: interrupted");
    }
    code
}

fn print_error(e: &Error) {
    let mut msg = format!("zhclean: {e}");
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        let s_txt = s.to_string();
        if !msg.contains(&s_txt) {
            msg.push_str(&format!(": {s_txt}"));
        }
        src = s.source();
    }
    eprintln!("{msg}");
}

fn try_run(args: Args) -> Result<ExitCode> {
    let (cfg, which, plan) = construct(args)?;
    let tw_phrases = cfg.tw_phrases;
    let cleaner = Cleaner::try_new(cfg, converter(which, tw_phrases)?)?;
    match plan {
        Plan::Single {
            input,
            output,
            report,
            quiet,
        } => single(&cleaner, input, output, report, quiet),
        Plan::Batch(plan) => run_batch(&cleaner, *plan),
    }
}

fn single(
    cleaner: &Cleaner,
    input: Option<PathBuf>,
    out: Option<PathBuf>,
    report_path: Option<PathBuf>,
    quiet: bool,
) -> Result<ExitCode> {
    let window = cleaner.config().window_bytes;
    let (head, mut rest) = zhclean::input::open_head(input.as_deref(), window)?;
    if rest.is_none() && zhclean::stream::has_long_line(&head, window) {
        rest = Some(Box::new(std::io::empty()));
    }
    if let Some(rest) = rest {
        return single_windowed(cleaner, head, rest, input, out, report_path, quiet);
    }
    let cleaned = cleaner.clean_bytes(head, input.as_deref())?;
    if output::interrupted() {
        return Ok(ExitCode::Interrupted);
    }
    let report = Report::new(vec![cleaned.report]);
    // The report first: when the text goes to a closed pipe, the report still lands.
    if let Some(p) = &report_path {
        output::write_atomic(p, printer::json::render(&report).as_bytes())?;
    }
    match &out {
        Some(p) => output::write_atomic(p, cleaned.text.as_bytes())?,
        None => output::write_stdout(cleaned.text.as_bytes())?,
    }
    if !quiet && std::io::stderr().is_terminal() {
        eprint!("{}", printer::human::render(&report));
    }
    Ok(ExitCode::Success)
}

/// [`single`] for an input larger than `--window` (or with a line longer than a
/// quarter of it): cleaned window by window, the text written as it goes, the report's
/// removals spilled to a temporary file (see `zhclean::stream`).
fn single_windowed(
    cleaner: &Cleaner,
    head: Vec<u8>,
    rest: Box<dyn std::io::Read>,
    input: Option<PathBuf>,
    out: Option<PathBuf>,
    report_path: Option<PathBuf>,
    quiet: bool,
) -> Result<ExitCode> {
    let spill_err = |e: std::io::Error| Error::Write {
        path: report_path
            .as_ref()
            .map_or("<report>".to_string(), |p| p.display().to_string()),
        err: e,
    };
    let mut spill = match &report_path {
        Some(_) => Some(printer::json::SpilledRemovals::new().map_err(spill_err)?),
        None => None,
    };
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    let mut sink = |r: zhclean::report::Removal| -> Result<()> {
        *kinds.entry(r.kind.as_str().to_string()).or_default() += 1;
        match &mut spill {
            Some(s) => s.push(&r).map_err(spill_err),
            None => Ok(()),
        }
    };
    let inp = input.as_deref();
    let streamed = match &out {
        Some(p) => {
            let mut f = output::AtomicFile::create(p, true)?;
            let name = p.display().to_string();
            let s = zhclean::stream::clean(cleaner, head, rest, &mut f, &mut sink, inp, &name)?;
            if s.interrupted {
                return Ok(ExitCode::Interrupted); // dropping `f` deletes its temporary file
            }
            f.commit(None)?;
            s
        }
        None => {
            let mut o = std::io::stdout().lock();
            let s =
                zhclean::stream::clean(cleaner, head, rest, &mut o, &mut sink, inp, "<stdout>")?;
            o.flush().map_err(|e| Error::Write {
                path: "<stdout>".to_string(),
                err: e,
            })?;
            s
        }
    };
    if streamed.interrupted {
        return Ok(ExitCode::Interrupted);
    }
    let mut report = Report::new(vec![streamed.report]);
    report.summary.removals_by_kind = kinds.clone();
    if let (Some(p), Some(spill)) = (&report_path, spill) {
        let mut f = output::AtomicFile::create(p, true)?;
        spill
            .write_report(&report, &mut f)
            .map_err(|e| Error::Write {
                path: p.display().to_string(),
                err: e,
            })?;
        f.commit(None)?;
    }
    if !quiet && std::io::stderr().is_terminal() {
        eprintln!(
            "{}",
            printer::human::doc_line_with(&report.documents[0], &kinds)
        );
    }
    Ok(ExitCode::Success)
}

fn run_batch(cleaner: &Cleaner, plan: BatchPlan) -> Result<ExitCode> {
    let progress = !plan.quiet && std::io::stderr().is_terminal();
    let total = batch::total_bytes(&plan.source);
    let mut watch = watch::Watch::new(
        plan.github,
        plan.cfg.max_dup_ratio,
        progress.then_some(total),
    );
    let outcome = batch::run(cleaner, &plan.cfg, plan.source, &mut watch);
    watch.finish_progress();
    let outcome = outcome?;
    if outcome.interrupted {
        return Ok(ExitCode::Interrupted);
    }
    if !plan.quiet {
        eprint!(
            "{}",
            printer::human::batch(
                &outcome.summary,
                &watch.worst(10),
                outcome.over,
                plan.cfg.max_dup_ratio,
                plan.check
            )
        );
    }
    if let Some(p) = &plan.summary_md {
        let md = printer::markdown::render(
            &outcome.summary,
            &watch.rows(outcome.over > 0),
            outcome.over,
            plan.cfg.max_dup_ratio,
            plan.check,
        );
        output::write_atomic(p, md.as_bytes())?;
    }
    Ok(if outcome.errors > 0 {
        ExitCode::Error
    } else if plan.check && outcome.over > 0 {
        ExitCode::CheckFailed
    } else {
        ExitCode::Success
    })
}
