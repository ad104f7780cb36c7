//! The command line: raw arguments (`args`), validated into a [`zhclean::Config`] and
//! a plan of inputs and outputs, then run. Only `main.rs` reaches this module.

mod args;

pub use args::Args;
use args::{ConverterArg, KeepArg, PunctArg, ToArg};
use std::io::IsTerminal;
use std::path::PathBuf;
use zhclean::exit::ExitCode;
use zhclean::{
    output, printer, Cleaner, Config, Error, KeepPolicy, PunctMode, Report, Result, Target,
};

/// What to do, validated.
struct Plan {
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    report: Option<PathBuf>,
    quiet: bool,
    converter: ConverterArg,
}

fn construct(args: Args) -> Result<(Config, Plan)> {
    let cfg = Config {
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
        report: args.report.clone(),
        threads: args.threads,
        ..Config::default()
    };
    if args.paths.len() > 1 {
        return Err(Error::Usage(
            "several inputs given; zhclean cleans one file or stdin at a time".to_string(),
        ));
    }
    let input = args
        .paths
        .into_iter()
        .next()
        .filter(|p| p.as_os_str() != "-");
    if let Some(p) = &input {
        if p.is_dir() {
            return Err(Error::Usage(format!(
                "{}: is a directory; pass a file, or `-` for stdin",
                p.display()
            )));
        }
    }
    let inputs: Vec<&std::path::Path> = input.iter().map(|p| p.as_path()).collect();
    for out in [&args.output, &args.report].into_iter().flatten() {
        output::ensure_not_input(out, &inputs)?;
    }
    Ok((
        cfg,
        Plan {
            input,
            output: args.output,
            report: args.report,
            quiet: args.quiet,
            converter: args.converter,
        },
    ))
}

fn converter(which: ConverterArg) -> Result<Box<dyn zhclean::ScriptConverter>> {
    match which {
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

/// Run the command line; errors are printed here, with their chain.
pub fn run(args: Args) -> ExitCode {
    match try_run(args) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::Success,
        Err(e) => {
            print_error(&e);
            ExitCode::Error
        }
    }
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
    let (cfg, plan) = construct(args)?;
    let cleaner = Cleaner::with_converter(cfg, converter(plan.converter)?);
    let bytes = zhclean::input::read(plan.input.as_deref())?;
    let cleaned = cleaner.clean_bytes(bytes, plan.input.as_deref())?;
    let report = Report::new(vec![cleaned.report]);
    // The report first: when the text goes to a closed pipe, the report still lands.
    if let Some(p) = &plan.report {
        output::write_atomic(p, printer::json::render(&report).as_bytes())?;
    }
    match &plan.output {
        Some(p) => output::write_atomic(p, cleaned.text.as_bytes())?,
        None => output::write_stdout(cleaned.text.as_bytes())?,
    }
    if !plan.quiet && std::io::stderr().is_terminal() {
        eprint!("{}", printer::human::render(&report));
    }
    Ok(ExitCode::Success)
}
