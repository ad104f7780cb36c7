//! Arguments validated into a [`Plan`]: the library's `Config`, the inputs and
//! outputs, and the checks that refuse a contradictory command line.

use super::args::{
    ConverterArg, CrossDocArg, EncodingArg, FormatArg, KeepArg, PunctArg, ReportFormatArg, ToArg,
};
use std::path::{Path, PathBuf};
use zhclean::batch::{BatchConfig, CrossDoc, Destination, Source};
use zhclean::decode::{DecodeOptions, EncodingChoice};
use zhclean::printer::json::ReportFormat;
use zhclean::{output, Config, Error, KeepPolicy, PunctMode, Result, Target};

use super::Args;

/// What to do, validated.
pub(super) enum Plan {
    /// One document: a file or stdin, to stdout or `-o`.
    Single {
        input: Option<PathBuf>,
        output: Option<PathBuf>,
        report: Option<PathBuf>,
        html: Option<PathBuf>,
        quiet: bool,
    },
    /// A batch.
    Batch(Box<BatchPlan>),
}

impl Plan {
    /// Whether the run writes anything to stdout: the cleaned text, cleaned JSONL or
    /// GitHub annotations.
    pub(super) fn writes_stdout(&self) -> bool {
        let dash = |p: &Option<PathBuf>| p.as_deref().is_some_and(output::is_stdout);
        match self {
            Plan::Single {
                output,
                report,
                html,
                ..
            } => output.is_none() || dash(report) || dash(html),
            Plan::Batch(b) => {
                b.github
                    || matches!(b.cfg.destination, Destination::Jsonl(None))
                    || dash(&b.cfg.report)
                    || dash(&b.summary_md)
                    || dash(&b.html)
            }
        }
    }
}

pub(super) struct BatchPlan {
    pub(super) source: Source,
    pub(super) cfg: BatchConfig,
    pub(super) check: bool,
    pub(super) github: bool,
    pub(super) summary_md: Option<PathBuf>,
    /// `--html FILE`: the review page.
    pub(super) html: Option<PathBuf>,
    pub(super) quiet: bool,
}

// `..Config::default()` keeps this compiling when the library gains a setting
#[allow(clippy::needless_update)]
pub(super) fn config(args: &Args) -> Config {
    Config {
        target: match args.to.script {
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
        // (the digests and the boilerplate count are printed only in the report)
        report_fields: args.report.is_some(),
        boilerplate_rules: args.boilerplate_rules.clone(),
        dict: args.dict.clone(),
        tw_phrases: args.phrases || args.to.phrases,
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
        window_bytes: std::num::NonZeroUsize::new(args.window), // 0: always whole
        disable: args.disable.clone(),
        ..Config::default()
    }
}

pub(super) fn usage<T>(msg: impl Into<String>) -> Result<T> {
    Err(Error::Usage(msg.into()))
}

/// `-o`, `--report` and `--summary-md` must name different files: one rename would
/// silently replace the other. `-` (stdout) is checked by [`one_stdout`].
pub(super) fn distinct_outputs(args: &Args) -> Result<()> {
    let outs: Vec<(&str, &PathBuf)> = [
        ("-o", &args.output),
        ("--report", &args.report),
        ("--summary-md", &args.summary_md),
        ("--html", &args.html),
    ]
    .into_iter()
    .filter_map(|(f, p)| p.as_ref().map(|p| (f, p)))
    .filter(|(_, p)| !output::is_stdout(p))
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

/// At most one output may go to stdout: the cleaned text (a single document or
/// JSONL without `-o FILE`, or `-o -`), `--report -`, `--summary-md -` or the
/// annotations of `--format github`. `batch` says whether a batch was asked for.
pub(super) fn one_stdout(args: &Args, batch: bool) -> Result<()> {
    let dash = |p: &Option<PathBuf>| p.as_deref().is_some_and(output::is_stdout);
    let text_to_stdout =
        !args.check && (args.output.is_none() || dash(&args.output)) && (!batch || args.jsonl);
    let users: Vec<&str> = [
        (
            if dash(&args.output) {
                "-o -"
            } else {
                "the cleaned text (no -o FILE)"
            },
            text_to_stdout,
        ),
        ("--report -", dash(&args.report)),
        ("--summary-md -", dash(&args.summary_md)),
        ("--html -", dash(&args.html)),
        (
            "--format github (annotations)",
            args.format == FormatArg::Github,
        ),
    ]
    .into_iter()
    .filter_map(|(name, on)| on.then_some(name))
    .collect();
    if users.len() > 1 {
        let hint = if text_to_stdout {
            ": add -o FILE or --check"
        } else {
            "; send all but one to a file"
        };
        return usage(format!(
            "{} would all write to stdout{hint}",
            users.join(" and ")
        ));
    }
    Ok(())
}

pub(super) fn construct(mut args: Args) -> Result<(Config, ConverterArg, Plan)> {
    let cfg = config(&args);
    if let Some(d) = &args.out_dir {
        if d.exists() && !d.is_dir() {
            return usage(format!(
                "--out-dir {}: is a file, not a folder; give a folder (it is created when missing)",
                d.display()
            ));
        }
    }
    if args.threads == Some(0) {
        return usage("-j 0: give at least one thread");
    }
    zhclean::detect::registry::check(&args.disable)?;
    distinct_outputs(&args)?;
    if args.backup.as_deref() == Some("") {
        return usage("--backup needs a suffix such as .orig (an empty one names the file itself)");
    }
    let any_dir = args.paths.iter().any(|p| p.is_dir());
    let batch = args.jsonl
        || args.out_dir.is_some()
        || args.in_place
        || args.check
        || args.paths.len() > 1
        || any_dir;
    one_stdout(&args, batch)?;
    if args.output.as_deref().is_some_and(output::is_stdout) {
        args.output = None; // `-o -`: stdout, as without -o
    }
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
        for (flag, out) in [
            ("-o", &args.output),
            ("--report", &args.report),
            ("--html", &args.html),
        ] {
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
                html: args.html,
                quiet: args.quiet,
            },
        ));
    }

    let cross_doc = match (args.cross_doc, &args.drop) {
        (Some(CrossDocArg::Drop), Some(_)) => {
            return usage(
                "--drop applies a drop list decided elsewhere; it replaces --cross-doc=drop: give one of them",
            )
        }
        (_, Some(_)) => CrossDoc::Report,
        (None, None) => CrossDoc::Off,
        (Some(CrossDocArg::Report), None) => CrossDoc::Report,
        (Some(CrossDocArg::Drop), None) => CrossDoc::Drop,
    };
    let drops = match &args.drop {
        Some(p) => Some(std::sync::Arc::new(zhclean::signatures::DropList::read(p)?)),
        None => None,
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
        id_field: args.id_field.clone(),
        annotate: args.annotate.then(|| args.stats_field.clone()),
        drops,
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
    } else if args.check
        && args.paths.iter().all(|p| p.as_os_str() == "-")
        && (!args.paths.is_empty() || stdin_holds_data())
    {
        // `--check` on one document from stdin (piped, or named `-`)
        let walk = zhclean::input::Walk {
            files: vec![zhclean::input::FileItem {
                path: PathBuf::from("-"),
                out_rel: PathBuf::from("-"),
                size: 0,
            }],
            notices: Vec::new(),
        };
        bcfg.destination = Destination::Nowhere;
        (Source::Files(walk), Vec::new())
    } else {
        if args.check && args.paths.is_empty() {
            return usage(
                "--check was given no PATH and stdin is not a pipe or a file (did a glob expand to nothing?): name the files or folders, or `-` to read stdin",
            );
        }
        if stdin {
            return usage(if args.paths.is_empty() {
                "a batch needs PATHs (files or folders); for stdin, clean one document without --out-dir/--in-place, or use --jsonl"
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
        let globs = zhclean::input::Globs::new(&args.globs)?;
        let links = match (args.in_place, args.follow_links) {
            (false, _) => zhclean::input::Links::Follow,
            (true, false) => zhclean::input::Links::SkipInPlace,
            (true, true) => zhclean::input::Links::FollowInPlace,
        };
        let walk = zhclean::input::walk(&args.paths, &globs, links)?;
        let files: Vec<PathBuf> = walk.files.iter().map(|f| f.path.clone()).collect();
        if let Destination::OutDir(d) = &bcfg.destination {
            out_dir_apart(d, &args.paths, &walk)?;
        }
        (Source::Files(walk), files)
    };
    let refs: Vec<&Path> = input_files.iter().map(|p| p.as_path()).collect();
    for (flag, out) in [
        ("-o", &args.output),
        ("--report", &args.report),
        ("--summary-md", &args.summary_md),
        ("--html", &args.html),
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
            html: args.html,
            quiet: args.quiet,
        })),
    ))
}

/// Whether stdin can hold a document for `--check` without a PATH: a pipe or a file.
/// A terminal or `/dev/null` (a CI step whose glob expanded to nothing) cannot, so
/// `--check` with no PATH then asks for one instead of passing on empty input;
/// naming `-` reads stdin whatever it is.
pub(super) fn stdin_holds_data() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(fd)
            .metadata()
            .is_ok_and(|m| m.file_type().is_fifo() || m.is_file() || m.file_type().is_socket())
    }
    #[cfg(not(unix))]
    {
        !std::io::stdin().is_terminal()
    }
}

/// `--out-dir DIR` must not write into any input: every output path is resolved
/// (symbolic links followed, also links inside DIR that point back into the input
/// tree, to a file or to a folder) and refused, before anything is written, when it
/// lands inside an input folder or on an input file (the same device and inode, so a
/// hard link counts too). Cost: one path resolution per file.
pub(super) fn out_dir_apart(
    dir: &Path,
    paths: &[PathBuf],
    walk: &zhclean::input::Walk,
) -> Result<()> {
    let resolve = |p: &Path| {
        output::resolve(p).map_err(|e| Error::Read {
            path: p.display().to_string(),
            err: e,
        })
    };
    let o = resolve(dir)?;
    let mut roots = Vec::new();
    for p in paths.iter().filter(|p| p.is_dir()) {
        let root = resolve(p)?;
        if o.starts_with(&root) {
            return usage(format!(
                "--out-dir {} is inside the input folder {}; choose a folder outside it",
                dir.display(),
                p.display()
            ));
        }
        roots.push((root, p));
    }
    let inputs: std::collections::HashSet<output::FileId> = walk
        .files
        .iter()
        .filter_map(|f| output::file_id(&f.path))
        .collect();
    for f in &walk.files {
        let target = dir.join(&f.out_rel);
        let Ok(r) = output::resolve(&target) else {
            continue; // an unresolvable output fails when it is written, naming it
        };
        let clash = if let Some((_, p)) = roots.iter().find(|(root, _)| r.starts_with(root)) {
            Some(format!("inside the input folder {}", p.display()))
        } else if output::file_id(&r).is_some_and(|id| inputs.contains(&id)) {
            Some("on an input file".to_string())
        } else {
            None
        };
        if let Some(clash) = clash {
            return usage(format!(
                "--out-dir {}: the output for {} would be written through a link to {}, {clash}; nothing was written",
                dir.display(),
                f.path.display(),
                r.display(),
            ));
        }
    }
    Ok(())
}

pub(super) fn converter(
    which: ConverterArg,
    tw_phrases: bool,
) -> Result<Box<dyn zhclean::ScriptConverter>> {
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
