//! Throughput of the script converter alone, in input bytes per second: zhclean's own
//! converter (OpenCC's dictionaries as static tables) beside opencc-fmmseg, on
//! Traditional text (`t2s`, and Taiwan's `tw2s`) and Simplified text (`s2t`, `t2s`).
//!
//! Reads the Traditional (`tw_news`) and Simplified (`xwlb_cctv`) documents of
//! `../shared/corpus/news.jsonl` when it is there, else the committed excerpts of
//! `fixtures/clean/`. `cargo bench --bench convert`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use zhclean::normalize::opencc::{OpenccConfig, OpenccConverter};
use zhclean::normalize::script::FmmsegConverter;
use zhclean::{ScriptConverter, Target};

/// (Traditional text, Simplified text), about 4 MB each at most.
fn load() -> (String, String) {
    const CAP: usize = 4 << 20;
    let (mut tw, mut zh) = (String::new(), String::new());
    if let Ok(data) = std::fs::read_to_string("../shared/corpus/news.jsonl") {
        for l in data.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(l) else {
                continue;
            };
            let text = v["text"].as_str().unwrap_or("");
            match v["source"].as_str() {
                Some("tw_news") if tw.len() < CAP => tw.push_str(text),
                Some("xwlb_cctv") if zh.len() < CAP => zh.push_str(text),
                _ => {}
            }
        }
        return (tw, zh);
    }
    eprintln!("../shared not found: benchmarking fixtures/clean instead");
    for e in std::fs::read_dir("fixtures/clean").expect("fixtures/clean") {
        let p = e.expect("entry").path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        let text = std::fs::read_to_string(&p).expect("utf-8 fixture");
        if name.starts_with("tw_news") {
            tw.push_str(&text);
        } else {
            zh.push_str(&text);
        }
    }
    (tw.repeat(50), zh.repeat(20))
}

fn bench(c: &mut Criterion) {
    let (tw, zh) = load();
    let ours = OpenccConverter::new();
    let fmm = FmmsegConverter::new();
    // build both before measuring
    ours.convert_config("漢", OpenccConfig::T2s);
    ours.convert_config("汉", OpenccConfig::S2t);
    fmm.convert("漢", Target::ZhHans);
    let mut g = c.benchmark_group("convert");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(tw.len() as u64));
    g.bench_function("zhclean t2s, Traditional", |b| {
        b.iter(|| black_box(ours.convert_config(black_box(&tw), OpenccConfig::T2s)))
    });
    // Taiwan's configuration (the pipeline's for a line holding Taiwan forms): a
    // regional stage and the segments of TSPhrases, see `opencc::convert_chain`
    g.bench_function("zhclean tw2s, Traditional", |b| {
        b.iter(|| black_box(ours.convert_config(black_box(&tw), OpenccConfig::Tw2s)))
    });
    g.bench_function("opencc-fmmseg t2s, Traditional", |b| {
        b.iter(|| black_box(fmm.convert(black_box(&tw), Target::ZhHans)))
    });
    g.throughput(Throughput::Bytes(zh.len() as u64));
    g.bench_function("zhclean s2t, Simplified", |b| {
        b.iter(|| black_box(ours.convert_config(black_box(&zh), OpenccConfig::S2t)))
    });
    g.bench_function("zhclean t2s, Simplified", |b| {
        b.iter(|| black_box(ours.convert_config(black_box(&zh), OpenccConfig::T2s)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
