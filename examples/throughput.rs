//! Profiling aid: clean every record of a file of documents separated by U+001E
//! (record separator), one after another on one thread, and print MB/s.
//! `cargo run --release --example throughput -- FILE`
fn main() {
    let path = std::env::args().nth(1).expect("usage: throughput FILE");
    let data = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let cleaner = zhclean::Cleaner::new(zhclean::Config::default());
    std::hint::black_box(cleaner.clean_text("發", None));
    let t = std::time::Instant::now();
    let mut removed = 0;
    for doc in data.split('\u{1e}') {
        removed += cleaner.clean_text(doc, None).report.chars_removed;
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.1} MB in {:.3} s: {:.1} MB/s; {} chars removed",
        data.len() as f64 / 1e6,
        s,
        data.len() as f64 / 1e6 / s,
        removed
    );
}
