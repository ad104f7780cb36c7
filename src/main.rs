//! The `zhclean` binary: parse, run, map to an exit code. Everything else is in the
//! library (`zhclean`) and in `cli`.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = cli::Args::parse();
    cli::run(args).into()
}
