//! The shape of `src/` that issue 9 asks for and that nothing else would keep: no file
//! over 700 lines, and no cycle in the library's module graph (the `crate::…` and
//! `super::…` paths each module names outside its `#[cfg(test)] mod tests`; the same
//! rules as `scripts/module_graph.py`, which also prints the edges).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort();
    out
}

/// `src/detect/align/mod.rs` → `detect::align`, `src/lib.rs` → `crate`.
fn module_of(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rel = path.strip_prefix(&src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    if parts.is_empty() {
        "crate".to_string()
    } else {
        parts.join("::")
    }
}

#[test]
fn no_source_file_is_over_700_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter_map(|p| {
            let n = std::fs::read_to_string(p).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these at their seams: {long:?}");
}

/// The modules each module names, keyed by module.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files: Vec<(String, PathBuf)> = sources()
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|f| f != "main.rs"))
        .map(|p| (module_of(&p), p))
        .collect();
    // longest names first, so `detect::align` wins over `detect`
    let mut names: Vec<&str> = files.iter().map(|(m, _)| m.as_str()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let crate_path = regex::Regex::new(r"crate::([a-z_]+(?:::[a-z_]+)*)").unwrap();
    let super_path = regex::Regex::new(r"super::([a-z_]+)").unwrap();
    let comment = regex::Regex::new(r"//[^\n]*").unwrap();
    let mut graph = BTreeMap::new();
    for (m, p) in &files {
        let text = std::fs::read_to_string(p).unwrap();
        let text = match text.find("#[cfg(test)]\nmod tests") {
            Some(cut) => &text[..cut],
            None => &text[..],
        };
        let text = comment.replace_all(text, "");
        let mut paths: Vec<String> = crate_path
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        let parent = m.rsplit_once("::").map_or("crate", |(p, _)| p);
        for c in super_path.captures_iter(&text) {
            paths.push(if parent == "crate" {
                c[1].to_string()
            } else {
                format!("{parent}::{}", &c[1])
            });
        }
        let mut edges = BTreeSet::new();
        for path in &paths {
            if let Some(n) = names
                .iter()
                .find(|n| path == *n || path.starts_with(&format!("{n}::")))
            {
                if *n != m {
                    edges.insert(n.to_string());
                }
            }
        }
        graph.insert(m.clone(), edges);
    }
    graph
}

fn reachable(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(m) = todo.pop() {
        for n in graph.get(&m).into_iter().flatten() {
            if seen.insert(n.clone()) {
                todo.push(n.clone());
            }
        }
    }
    seen
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = module_graph();
    assert!(graph.len() > 50, "found only {} modules", graph.len());
    // the graph is what the rules above say it is: a few known edges
    assert!(
        graph["detect::align"].contains("normalize::key"),
        "{graph:?}"
    );
    assert!(graph["batch"].contains("crossdoc"), "{graph:?}");
    let cycles: Vec<String> = graph
        .keys()
        .filter(|m| reachable(&graph, m).contains(*m))
        .cloned()
        .collect();
    assert!(
        cycles.is_empty(),
        "modules on a cycle (scripts/module_graph.py prints it): {cycles:?}"
    );
}

#[test]
fn a_cycle_is_found() {
    let edge = |a: &str, b: &[&str]| (a.to_string(), b.iter().map(|s| s.to_string()).collect());
    let graph: BTreeMap<String, BTreeSet<String>> = [
        edge("a", &["b"]),
        edge("b", &["c"]),
        edge("c", &["a"]),
        edge("d", &["a"]),
    ]
    .into();
    let on_cycle: Vec<&String> = graph
        .keys()
        .filter(|m| reachable(&graph, m).contains(*m))
        .collect();
    assert_eq!(on_cycle, ["a", "b", "c"]);
}
