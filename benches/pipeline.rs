//! Throughput of the cleaning pipeline, in input bytes per second.
//!
//! Reads the real corpus from `../shared/corpus/news.jsonl` when it is there (each
//! document cleaned on its own, as zhclean does), else the committed excerpts in
//! `fixtures/clean/`. One criterion group per stage, in pipeline order, each on all
//! documents: `decode` (bytes to text, and a JSONL line split around its text
//! field), `segment` (lines, sentences, and the `Analysis` that adds every key),
//! `detect` (every detector of the registry on a ready `Analysis`), `tidy`
//! (`normalize::text::tidy_line` on every line),
//! `convert` (the whole pipeline into Traditional, against `keep`: the difference is
//! conversion; the converter alone is `benches/convert.rs`), `render` (writing the
//! kept lines, tidied), `report` (the JSON of each document's report); then
//! `pipeline`, the whole default pipeline on all documents and on the Traditional
//! ones (`tw_news`), and `one_line`, a 5 MB single line holding a doubled body.
//!
//! `cargo bench --bench pipeline [GROUP]`; `ZHCLEAN_BENCH_DOCS=N` limits the documents.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use zhclean::clean::{render, RenderOptions, RenderStats};
use zhclean::detect::{self, Analysis};
use zhclean::normalize::key::push_key;
use zhclean::normalize::opencc::OpenccConverter;
use zhclean::normalize::script::ScriptTables;
use zhclean::normalize::text::{tidy_line, TextStats};
use zhclean::printer::json;
use zhclean::{Cleaner, Config, PunctMode, Target};

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
}

/// One group per stage, each on every document (see the module docs).
fn stages(c: &mut Criterion) {
    let docs = load();
    let all: Vec<&Doc> = docs.iter().collect();
    let n = bytes(&all);
    let tables = ScriptTables::get();
    let cfg = Config::default();
    let cleaner = Cleaner::new(cfg.clone());
    black_box(cleaner.clean_text("發", None));

    let mut g = c.benchmark_group("decode");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(n));
    g.bench_function("utf8", |b| {
        b.iter(|| {
            for d in &all {
                black_box(cleaner.decode(d.text.as_bytes().to_vec(), None).ok());
            }
        })
    });
    // a JSONL line split around its text field, the text unescaped (`--jsonl`)
    let lines: Vec<String> = all
        .iter()
        .map(|d| serde_json::json!({ "id": d.source, "text": d.text }).to_string())
        .collect();
    g.bench_function("jsonl_record", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(zhclean::input::parse_record(l.as_bytes(), "text").ok());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("segment");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(n));
    g.bench_function("sentences", |b| {
        let mut spans = Vec::new();
        b.iter(|| {
            for d in &all {
                for l in zhclean::segment::lines(&d.text) {
                    spans.clear();
                    zhclean::segment::sentences_into(&d.text, l.start, l.end, &mut spans);
                    black_box(&spans);
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
    g.bench_function("analysis", |b| {
        b.iter(|| {
            for d in &all {
                black_box(Analysis::new(&d.text, tables));
            }
        })
    });
    g.finish();

    let analyses: Vec<Analysis<'_>> = all.iter().map(|d| Analysis::new(&d.text, tables)).collect();
    let mut g = c.benchmark_group("detect");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(n));
    g.bench_function("registry", |b| {
        b.iter(|| {
            for a in &analyses {
                black_box(detect::detect(a, &cfg, cleaner.rules()).decisions.len());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("tidy");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(n));
    g.bench_function("tidy_line", |b| {
        b.iter(|| {
            let mut st = TextStats::default();
            for d in &all {
                for l in d.text.lines() {
                    black_box(tidy_line(l, PunctMode::Fullwidth, &mut st));
                }
            }
            st
        })
    });
    g.finish();

    let mut g = c.benchmark_group("convert");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(n));
    for (name, target) in [("keep", Target::Keep), ("zh-hant", Target::ZhHant)] {
        let cl = Cleaner::new(Config {
            target,
            ..Config::default()
        });
        black_box(cl.clean_text("发", None));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in &all {
                    black_box(cl.clean_text(&d.text, None));
                }
            })
        });
    }
    g.finish();

    let decided: Vec<Vec<detect::Decision>> = analyses
        .iter()
        .map(|a| detect::detect(a, &cfg, cleaner.rules()).decisions)
        .collect();
    let converter = OpenccConverter::new();
    let mut g = c.benchmark_group("render");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(n));
    g.bench_function("kept_lines_tidied", |b| {
        b.iter(|| {
            for (a, ds) in analyses.iter().zip(&decided) {
                let opts = RenderOptions {
                    punct: PunctMode::Fullwidth,
                    target: Target::ZhHans,
                    converter: &converter,
                    tables,
                    final_break: a.text.ends_with('\n'),
                    lines: &a.lines,
                    mode: ScriptTables::mode(a.script.detected(), Target::ZhHans),
                    mixed: a.script.detected() == "mixed",
                    user_dict: None,
                    any_to_convert: tables.any_to_convert(&a.script, Target::ZhHans),
                    regional: true,
                    partial_lines: None,
                };
                let (mut ts, mut rs) = (TextStats::default(), RenderStats::default());
                black_box(render(a.text, ds, &opts, &mut ts, &mut rs));
            }
        })
    });
    g.finish();

    let reports: Vec<zhclean::DocReport> = all
        .iter()
        .map(|d| cleaner.clean_text(&d.text, None).report)
        .collect();
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(n));
    g.bench_function("json", |b| {
        b.iter(|| {
            for r in &reports {
                black_box(json::document(r, json::ReportFormat::Json));
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

criterion_group!(benches, stages, pipeline, one_line);
criterion_main!(benches);
