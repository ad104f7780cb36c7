//! The `zhclean` binary: parse, run, map to an exit code. Everything else is in the
//! library (`zhclean`) and in `cli`.

mod cli;

use clap::Parser;

/// mimalloc: documents are allocated on worker threads and freed on the thread that
/// writes them in order, which glibc's per-thread arenas handle poorly.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(code) = cli::extra(&argv) {
        return code.into();
    }
    let args = cli::Args::parse_from(argv);
    cli::run(args).into()
}
