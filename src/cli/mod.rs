//! The command line: raw arguments (`args`), validated into a [`zhclean::Config`] and
//! a [`Plan`] of inputs and outputs, then run. Only `main.rs` reaches this module.
//!
//! One FILE or stdin is cleaned on its own ([`Plan::Single`]); a folder, several
//! files, `--jsonl`, `--out-dir`, `--in-place` or `--check` make a batch
//! ([`Plan::Batch`], run by [`zhclean::batch`]). Either way the outputs about the run
//! (report, review page, summaries, annotations, [`console::Console`]) are printers
//! that `drivers` builds into one [`zhclean::printer::Printers`].

mod args;
mod console;
mod drivers;
mod plan;
mod verbs;

pub use args::Args;
use std::path::Path;
use zhclean::exit::ExitCode;
use zhclean::{output, Cleaner, Error, Result};

use drivers::{run_batch, single};
use plan::{construct, converter, Plan};

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

/// Whether stdout was closed when the process started (`zhclean file >&-`).
///
/// Rust's runtime reopens a closed descriptor 0, 1 or 2 on `/dev/null` before `main`
/// (so a file opened later can never take its number), and that descriptor is opened
/// read-write (`O_RDWR`), where a shell's `> /dev/null` opens it write-only. So stdout
/// on `/dev/null` read-write means it was closed: the text would be thrown away with
/// exit 0. Linux only (read from `/proc/self`); elsewhere this answers `false`.
fn stdout_was_closed() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let is_null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|t| t == Path::new("/dev/null"));
    if !is_null {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|flags| flags & 0o3 == 0o2) // O_ACCMODE == O_RDWR
}

/// `zhclean completions SHELL` and `zhclean man`, recognised as the first argument
/// only (before the ordinary arguments are parsed): the shell completion script
/// (clap_complete) or the man page (clap_mangen, roff) on stdout. `None` for any other
/// command line.
pub fn extra(argv: &[std::ffi::OsString]) -> Option<ExitCode> {
    use clap::CommandFactory;
    let first = argv.get(1)?.to_str()?;
    let mut cmd = Args::command();
    let out = match first {
        "completions" => {
            let shells = "bash, zsh, fish, elvish or powershell";
            let shell = match argv.get(2).and_then(|s| s.to_str()) {
                None => {
                    eprintln!("zhclean: completions SHELL: give the shell: {shells}");
                    return Some(ExitCode::Error);
                }
                Some(s) => match s.parse::<clap_complete::Shell>() {
                    Ok(sh) => sh,
                    Err(_) => {
                        eprintln!("zhclean: completions {s}: not a shell zhclean writes completions for; give {shells}");
                        return Some(ExitCode::Error);
                    }
                },
            };
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "zhclean", &mut buf);
            buf
        }
        "man" => {
            let mut buf = Vec::new();
            if let Err(e) = clap_mangen::Man::new(cmd).render(&mut buf) {
                eprintln!("zhclean: man: {e}");
                return Some(ExitCode::Error);
            }
            buf
        }
        "signatures" | "pairs" | "verify" | "resolve" => return Some(verbs::run(argv)),
        "apply" => return Some(verbs::apply(argv)),
        _ => return None,
    };
    Some(match output::write_stdout(&out) {
        Ok(()) => ExitCode::Success,
        Err(e) if e.is_broken_pipe() => ExitCode::Success,
        Err(e) => {
            print_error(&e);
            ExitCode::Error
        }
    })
}

/// Run the command line; errors are printed here, with their chain.
pub fn run(args: Args) -> ExitCode {
    let stdout_closed = stdout_was_closed();
    install_signal_handler();
    let code = match try_run(args, stdout_closed) {
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

pub(super) fn print_error(e: &Error) {
    eprintln!("zhclean: {}", e.chain_message());
}

fn try_run(args: Args, stdout_closed: bool) -> Result<ExitCode> {
    let (cfg, which, plan) = construct(args)?;
    if stdout_closed && plan.writes_stdout() {
        return Err(Error::Write {
            path: "<stdout>".to_string(),
            err: std::io::Error::other(
                "stdout is closed; nothing was written (redirect it, or give -o FILE)",
            ),
        });
    }
    let tw_phrases = cfg.tw_phrases;
    let cleaner = Cleaner::try_new(cfg, converter(which, tw_phrases)?)?;
    match plan {
        Plan::Single {
            input,
            output,
            report,
            html,
            quiet,
        } => single(&cleaner, input, output, report, html, quiet),
        Plan::Batch(plan) => run_batch(&cleaner, *plan),
    }
}
