//! Profiling aid: the one-time costs of a run, each measured on its own in a fresh
//! process (the tables are process-wide). `cargo run --release --example startup`
use std::time::Instant;
use zhclean::normalize::gb::GbSets;
use zhclean::normalize::opencc::{OpenccConfig, OpenccConverter};
use zhclean::normalize::script::ScriptTables;

fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let v = f();
    println!("{name:<28} {:>7.3} ms", t.elapsed().as_secs_f64() * 1e3);
    v
}

fn main() {
    time("ScriptTables", ScriptTables::get);
    time("GbSets", GbSets::get);
    time("RegionForms", zhclean::normalize::region::RegionForms::get);
    let c = OpenccConverter::new();
    time("t2s tables + 1 line", || {
        c.convert_config("這是一段繁體中文。", OpenccConfig::T2s)
    });
    time("tw2s tables + 1 line", || {
        c.convert_config("這是一段繁體中文。", OpenccConfig::Tw2s)
    });
    time("s2t tables + 1 line", || {
        c.convert_config("这是一段简体中文。", OpenccConfig::S2t)
    });
    let cleaner = time("Cleaner::new", || {
        zhclean::Cleaner::new(zhclean::Config::default())
    });
    time("first clean_text", || {
        cleaner.clean_text("這是一段繁體中文。\n", None)
    });
    time("second clean_text", || {
        cleaner.clean_text("這是另一段繁體中文。\n", None)
    });
}
