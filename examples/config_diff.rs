//! Corpus check for `--to zh-hans` on regional Traditional text: reads JSONL lines
//! (`text` field) on stdin and prints, for each pair of OpenCC configurations given,
//! every character (with one character of context each side) where they differ,
//! counted. `cargo run --release --example config_diff -- t2s tw2s < docs.jsonl`
use std::collections::HashMap;
use zhclean::normalize::opencc::{OpenccConfig, OpenccConverter};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a = OpenccConfig::from_name(&args[0]).expect("config name");
    let b = OpenccConfig::from_name(&args[1]).expect("config name");
    let conv = OpenccConverter::new();
    let mut diffs: HashMap<String, usize> = HashMap::new();
    let mut docs = 0;
    let mut docs_diff = 0;
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let text = v["text"].as_str().unwrap_or("");
        docs += 1;
        let x: Vec<char> = conv.convert_config(text, a).chars().collect();
        let y: Vec<char> = conv.convert_config(text, b).chars().collect();
        if x.len() != y.len() {
            eprintln!("length differs in doc {docs}");
            continue;
        }
        let mut any = false;
        for i in 0..x.len() {
            if x[i] != y[i] {
                any = true;
                let lo = i.saturating_sub(2);
                let hi = (i + 3).min(x.len());
                let ctx: String = x[lo..hi].iter().collect();
                let cty: String = y[lo..hi].iter().collect();
                *diffs
                    .entry(format!("{}→{}  {} | {}", x[i], y[i], ctx, cty))
                    .or_default() += 1;
            }
        }
        docs_diff += any as usize;
    }
    let mut v: Vec<_> = diffs.into_iter().collect();
    v.sort_by(|p, q| q.1.cmp(&p.1).then(p.0.cmp(&q.0)));
    println!(
        "{docs_diff} of {docs} documents differ; {} distinct",
        v.len()
    );
    for (k, n) in v {
        println!("{n}\t{k}");
    }
}
