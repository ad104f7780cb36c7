//! Time of each OpenCC configuration's first conversion (its tables are read in
//! place, nothing is loaded) and the bytes of its tables, and, given a
//! text file, the converter's throughput on it beside opencc-fmmseg's
//! (`cargo run --release --example automata [FILE]`): the figures the README states.
//! Throughput is per CPU second of the measuring thread (Linux), so a loaded machine
//! does not lower it.

use std::time::Instant;
use zhclean::normalize::opencc::{OpenccConfig, OpenccConverter};
use zhclean::normalize::script::FmmsegConverter;
use zhclean::{ScriptConverter, Target};

/// Seconds of CPU (user + system) this thread has used, from Linux
/// `/proc/thread-self/stat` (clock ticks, usually 10 ms), else wall time since the
/// first call: on a loaded machine wall time counts the waits.
fn cpu_seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    let ticks = std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|s| {
            // the fields after the command name in parentheses: utime is the 12th
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        });
    ticks.map_or_else(|| start.elapsed().as_secs_f64(), |t| t as f64 / 100.0)
}

/// Throughput of `f` on `text`, MB (10^6 bytes) of input per CPU second, over as many
/// runs as take at least two CPU seconds (the clock ticks in 10 ms).
fn best_mbs(text: &str, f: impl Fn(&str) -> String) -> f64 {
    let t = cpu_seconds();
    let mut runs = 0;
    while runs < 3 || cpu_seconds() - t < 2.0 {
        std::hint::black_box(f(text));
        runs += 1;
    }
    (text.len() * runs) as f64 / 1e6 / (cpu_seconds() - t)
}

fn main() {
    for cfg in OpenccConfig::ALL {
        // the first conversion of a configuration pages in the parts of its tables
        // that one line reads
        let c = OpenccConverter::new();
        let t = Instant::now();
        std::hint::black_box(c.convert_config("国务院發布了关于进一步优化营商环境的意见。", cfg));
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "{:6} first line in {ms:6.3} ms, tables {:5.2} MiB in the binary",
            cfg.name(),
            c.table_bytes(cfg) as f64 / (1 << 20) as f64
        );
    }
    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(path).expect("a UTF-8 text file");
        let ours = OpenccConverter::new();
        let fmm = FmmsegConverter::new();
        let a = best_mbs(&text, |t| ours.convert_config(t, OpenccConfig::T2s));
        let b = best_mbs(&text, |t| fmm.convert(t, Target::ZhHans));
        println!(
            "t2s on {:.1} MB: zhclean {a:.0} MB/s, opencc-fmmseg {b:.0} MB/s",
            text.len() as f64 / 1e6
        );
        // by line, as the pipeline converts: each configuration zhclean uses
        let lines: Vec<&str> = text.lines().collect();
        for cfg in OpenccConfig::ALL {
            let mbs = best_mbs(&text, |_| {
                let mut n = 0;
                for l in &lines {
                    n += ours.convert_config(l, cfg).len();
                }
                n.to_string()
            });
            println!("{:6} line by line: {mbs:.0} MB/s", cfg.name());
        }
    }
}
