//! Throughput of the cleaning pipeline, in input bytes per second.
//!
//! Reads the real corpus from `../shared/corpus/news.jsonl` when it is there (each
//! document cleaned on its own, as zhclean does), else the committed excerpts in
//! `fixtures/clean/`. Groups: the whole default pipeline on all documents, on the
//! Traditional documents (`tw_news`), its stages (segmentation, matching keys), and a
//! 5 MB single line holding a doubled body.
//!
//! `cargo bench --bench pipeline`; `ZHCLEAN_BENCH_DOCS=N` limits the documents.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use zhclean::normalize::key::push_key;
use zhclean::normalize::script::ScriptTables;
use zhclean::{Cleaner, Config};

struct Doc {
    source: String,
    text: String,
}

fn load() -> Vec<Doc> {
    let limit: usize = std::env::var("ZHCLEAN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let corpus = std::path::Path::new("../shared/corpus/news.jsonl");
    if let Ok(data) = std::fs::read_to_string(corpus) {
        return data
            .lines()
            .take(limit)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| Doc {
                source: v["source"].as_str().unwrap_or("").to_string(),
                text: v["text"].as_str().unwrap_or("").to_string(),
            })
            .collect();
    }
    eprintln!("../shared not found: benchmarking fixtures/clean instead");
    let mut docs = Vec::new();
    for e in std::fs::read_dir("fixtures/clean").expect("fixtures/clean") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            docs.push(Doc {
                source: p.file_name().unwrap().to_string_lossy().into_owned(),
                text: std::fs::read_to_string(&p).expect("utf-8 fixture"),
            });
        }
    }
    docs
}

fn bytes(docs: &[&Doc]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

fn pipeline(c: &mut Criterion) {
    let docs = load();
    let all: Vec<&Doc> = docs.iter().collect();
    let trad: Vec<&Doc> = docs
        .iter()
        .filter(|d| d.source.starts_with("tw_news"))
        .collect();
    let cleaner = Cleaner::new(Config::default());
    // load the converter's dictionary outside the measurement
    black_box(cleaner.clean_text("發", None));

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    for (name, set) in [("default/all", &all), ("default/traditional", &trad)] {
        if set.is_empty() {
            continue;
        }
        g.throughput(Throughput::Bytes(bytes(set)));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in set.iter() {
                    black_box(cleaner.clean_text(&d.text, None));
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&all)));
    let tables = ScriptTables::get();
    g.bench_function("segment+keys", |b| {
        b.iter(|| {
            for d in &all {
                black_box(zhclean::detect::Analysis::new(&d.text, tables));
            }
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            for d in &all {
                for l in zhclean::segment::lines(&d.text) {
                    black_box(zhclean::segment::sentences(&d.text, l.start, l.end));
                }
            }
        })
    });
    g.bench_function("keys", |b| {
        let mut s = String::new();
        b.iter(|| {
            for d in &all {
                s.clear();
                black_box(push_key(tables, &d.text, &mut s));
            }
        })
    });
    g.finish();
}

/// A 5 MB single line (no line breaks) whose body is doubled: the inline-doubling
/// detector's worst realistic case (suffix array over the whole line).
fn one_line(c: &mut Criterion) {
    let docs = load();
    let mut body = String::new();
    for d in &docs {
        if body.len() >= 2_500_000 {
            break;
        }
        body.extend(d.text.chars().filter(|&c| c != '\n' && c != '\r'));
    }
    while body.len() < 2_500_000 {
        let again = body.clone();
        body.push_str(&again);
    }
    let line = format!("{body}{body}");
    let cleaner = Cleaner::new(Config::default());
    let mut g = c.benchmark_group("one_line");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(line.len() as u64));
    g.bench_function("doubled_5mb", |b| {
        b.iter(|| black_box(cleaner.clean_text(&line, None)))
    });
    g.finish();
}

criterion_group!(benches, pipeline, one_line);
criterion_main!(benches);
