//! Cost of the sentence-sequence aligner (`detect::align`, issue 16), in input bytes
//! per second: a reflowed copy (one sentence per line after paragraph lines), a copy
//! with an edit in every line, a copy interleaved with furniture, documents that
//! hold no copy (the screen's case: most documents), a 5 MB single line holding a
//! doubled body (the case the issue names; one line is `inline_block`'s, so the
//! aligner's screen leaves it at once) and 5 MB of lines holding a reflowed copy.
//! Every figure includes segmentation and the key pass (`Analysis::new`). Then the
//! large document of many articles (`align_large`, issue 9: a single 10 MB file of
//! news): 2 MB of distinct articles separated by furniture, one in ten pasted twice,
//! through the aligner (`aligner`) and through the whole cleaner (`clean`, which
//! adds every other detector and the fixed-point passes over the survivor).
//!
//! Text is built from the committed excerpts of `fixtures/clean/` so the bench runs
//! on a fresh clone. `cargo bench --bench align`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use zhclean::detect::{align, Analysis};
use zhclean::normalize::script::ScriptTables;
use zhclean::Config;

/// The body lines of the committed clean excerpts that end a sentence, in file order.
fn lines() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/clean")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| l.chars().count() >= 20 && l.ends_with('。'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `text` with one sentence per line.
fn one_sentence_per_line(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        out.push(if c == '\n' { ' ' } else { c });
        if matches!(c, '。' | '！' | '？') {
            out.push('\n');
        }
    }
    out
}

fn run(text: &str) -> usize {
    let a = Analysis::new(text, ScriptTables::get());
    let mut removed = vec![false; a.paras.len()];
    align::runs(&a, &Config::default(), &mut removed).len()
}

fn bench(c: &mut Criterion) {
    let ls = lines();
    let body: String = ls.iter().take(40).map(|l| format!("{l}\n")).collect();
    let clean: String = ls
        .iter()
        .skip(40)
        .take(80)
        .map(|l| format!("{l}\n"))
        .collect();
    let cases = [
        (
            "reflowed",
            format!("{body}{}", one_sentence_per_line(&body)),
        ),
        (
            "furniture",
            format!(
                "{body}{}",
                body.lines()
                    .map(|l| format!("广告\n{l}\n"))
                    .collect::<String>()
            ),
        ),
        (
            "noisy",
            format!(
                "{body}{}",
                body.lines()
                    .map(|l| {
                        let mut cs: Vec<char> = l.chars().collect();
                        let at = cs.len() / 2;
                        cs[at] = '某';
                        format!("{}\n", cs.into_iter().collect::<String>())
                    })
                    .collect::<String>()
            ),
        ),
        ("no_copy", clean),
    ];
    let mut g = c.benchmark_group("align");
    for (name, text) in &cases {
        assert!(
            name == &"no_copy" || run(text) > 0,
            "{name}: a copy is found"
        );
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(*name, |b| b.iter(|| run(black_box(text))));
    }
    g.finish();

    // a 5 MB single line: a body doubled, then more text
    let one: String = ls.iter().map(|l| l.as_str()).collect();
    let mut big = String::new();
    while big.len() < 2_500_000 {
        big.push_str(&one);
    }
    let big = format!("{big}{big}\n");
    // and 5 MB of lines: a 2.5 MB body, then its copy one sentence per line
    let mut body = String::new();
    while body.len() < 2_500_000 {
        for l in &ls {
            body.push_str(l);
            body.push('\n');
        }
    }
    let reflowed = format!("{body}{}", one_sentence_per_line(&body));
    assert!(run(&reflowed) > 0, "5 MB reflowed: a copy is found");
    let mut g = c.benchmark_group("align_5mb");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(big.len() as u64));
    // (one line: the screen leaves it to `inline_block` at once)
    g.bench_function("doubled_single_line", |b| b.iter(|| run(black_box(&big))));
    g.throughput(Throughput::Bytes(reflowed.len() as u64));
    g.bench_function("reflowed_lines", |b| b.iter(|| run(black_box(&reflowed))));
    g.finish();
}

/// About `bytes` of distinct articles (a headline and eight lines of three
/// sentences, characters drawn by a fixed LCG from those of `lines`), each followed
/// by a furniture line, every tenth pasted twice: a large document holding many
/// lines that share words but are not copies, and a few real copies.
fn articles(lines: &[String], bytes: usize) -> String {
    let mut pool: Vec<char> = lines
        .iter()
        .flat_map(|l| l.chars())
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    pool.sort_unstable();
    pool.dedup();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let mut out = String::with_capacity(bytes + 4096);
    let mut k = 0;
    while out.len() < bytes {
        let mut article = String::new();
        for line in 0..9 {
            let sentences = if line == 0 { 1 } else { 3 };
            for _ in 0..sentences {
                for _ in 0..12 + next(24) {
                    article.push(pool[next(pool.len())]);
                }
                article.push(if line == 0 { ' ' } else { '。' });
            }
            article.push('\n');
        }
        out.push_str(&article);
        out.push_str("返回顶部\n");
        if k % 10 == 0 {
            out.push_str(&article);
        }
        k += 1;
    }
    out
}

fn large(c: &mut Criterion) {
    let doc = articles(&lines(), 2_000_000);
    assert!(run(&doc) > 0, "the doubled articles are found");
    let cleaner = zhclean::Cleaner::new(Config::default());
    let mut g = c.benchmark_group("align_large");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("aligner", |b| b.iter(|| run(black_box(&doc))));
    g.bench_function("clean", |b| {
        b.iter(|| black_box(cleaner.clean_text(black_box(&doc), None)))
    });
    g.finish();
}

criterion_group!(benches, bench, large);
criterion_main!(benches);
