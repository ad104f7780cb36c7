//! Load time and heap size of each OpenCC configuration's automata, and, given a
//! text file, the converter's throughput on it beside opencc-fmmseg's
//! (`cargo run --release --example automata [FILE]`): the figures the README states.

use std::time::Instant;
use zhclean::normalize::opencc::{OpenccConfig, OpenccConverter};
use zhclean::normalize::script::FmmsegConverter;
use zhclean::{ScriptConverter, Target};

fn best_mbs(text: &str, f: impl Fn(&str) -> String) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(f(text));
        best = best.min(t.elapsed().as_secs_f64());
    }
    text.len() as f64 / 1e6 / best
}

fn main() {
    for cfg in OpenccConfig::ALL {
        // the automata load once per process: the first configuration to use a
        // group pays for it
        let c = OpenccConverter::new();
        let t = Instant::now();
        c.load(cfg);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "{:6} loaded in {ms:6.1} ms (groups loaded before not counted), {:5.1} MiB",
            cfg.name(),
            c.heap_bytes(cfg) as f64 / (1 << 20) as f64
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
