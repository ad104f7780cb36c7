//! Build script. Three jobs:
//!
//! 1. `zhclean --version`: the git commit of the source and the version of the bundled
//!    OpenCC data (env `ZHCLEAN_GIT_COMMIT`, `ZHCLEAN_OPENCC_DATA`). Without git, or
//!    outside a checkout (a crates.io package), the commit is `unknown`; nothing here
//!    fails the build.
//! 2. The OpenCC dictionary tables: every dictionary group's `(key, value)` pairs laid
//!    out as static tables (a bit set of the BMP code points with an entry, a
//!    two-level code-point table of one-character keys, a hash table of the first two
//!    characters of longer keys, the longer keys sorted by pair, longest first, and
//!    the values; layout in `opencc_spec::PAGE`), written
//!    into `OUT_DIR` and included in the binary, which reads them in place: a run
//!    loads nothing (`src/normalize/opencc.rs` includes the generated
//!    `opencc_tables.rs`).
//! 3. The script tables (`src/normalize/script.rs`). The GB2312/GBK sets are committed
//!    data (`data/gb/`), checked against encoding_rs by a unit test in `script.rs`.
//!
//! Job 1 reruns the script on every commit; jobs 2 and 3 (about a second of
//! build time) are skipped when `OUT_DIR/tables.hash` holds the hash of their
//! inputs (`inputs_hash`), so they rerun only when `data/`, this script or the
//! shared specs change.

#[path = "src/normalize/opencc_spec.rs"]
#[allow(dead_code)]
mod opencc_spec;

#[path = "src/normalize/script_spec.rs"]
#[allow(dead_code)]
mod script_spec;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    version_info();
    tables_rerun_if_changed();
    // `version_info` makes the script rerun on every commit (the git stamp); the
    // tables are regenerated only when their inputs changed (see `inputs_hash`)
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let stamp = out.join("tables.hash");
    let hash = format!("{:016x}\n", inputs_hash());
    // the last file each job writes (the hash itself is written after all of them)
    let written = ["opencc_tables.rs", "script_phrases.txt"];
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(hash.as_str())
        && written.iter().all(|f| out.join(f).exists())
    {
        return;
    }
    opencc_tables();
    script_tables();
    std::fs::write(&stamp, hash).expect("write");
}

/// Every input of the generated tables, relative to the crate root: this script and
/// the specs it shares with the library, and every file under `data/opencc` and
/// `data/zhclean`.
fn table_inputs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [
        "build.rs",
        "src/normalize/opencc_spec.rs",
        "src/normalize/script_spec.rs",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    for dir in ["data/opencc", "data/zhclean"] {
        let mut in_dir: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.is_file())
            .collect();
        in_dir.sort();
        files.extend(in_dir);
    }
    files
}

fn tables_rerun_if_changed() {
    println!("cargo:rerun-if-changed=data/opencc");
    println!("cargo:rerun-if-changed=data/zhclean");
    for p in table_inputs() {
        println!("cargo:rerun-if-changed={}", p.display());
    }
}

/// A hash (SipHash, std's `DefaultHasher`) of the names and contents of
/// [`table_inputs`] and of the table format: the key of the tables
/// cached in `OUT_DIR`. Another toolchain may hash differently, which only
/// regenerates them.
fn inputs_hash() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    "static tables v3, pair filter, target byte order".hash(&mut h);
    target_big_endian().hash(&mut h);
    for p in table_inputs() {
        p.hash(&mut h);
        std::fs::read(&p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .hash(&mut h);
    }
    h.finish()
}

/// The per-character script tables (`src/normalize/script_spec.rs`): flags, folds as
/// little-endian `u32` and the phrase list, read by `src/normalize/script.rs`.
fn script_tables() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let opencc = |name: &str| {
        let p = opencc_spec::path(name);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    // the character tables as the converter's t2s group reads them: the tofu-risk
    // extension first (it wins on the same key), then TSCharacters
    let ts = script_spec::first_entries(&[&opencc("TSCharactersExt"), &opencc("TSCharacters")]);
    let (st, tp) = (opencc("STCharacters"), opencc("TSPhrases"));
    let (tw, hk) = (opencc("TWVariants"), opencc("HKVariants"));
    let (mut flags, fold, phrases) = script_spec::tables(&ts, &st, &tp, &[&tw]);
    let forms = script_spec::regional_forms(&tw, &hk, &st);
    let mut rs = format!(
        "/// The regional forms, sorted by character. Generated by build.rs.\n\
         const FORMS: [(char, Form); {}] = [\n",
        forms.len()
    );
    for &(c, taiwan, standard, hong_kong) in &forms {
        flags[c as usize] |= script_spec::REGIONAL;
        writeln!(
            rs,
            "    ('\\u{{{:x}}}', Form {{ taiwan: {taiwan}, standard: {standard}, hong_kong: {hong_kong} }}),",
            c as u32
        )
        .unwrap();
    }
    rs.push_str("];\n");
    std::fs::write(out.join("region_forms.rs"), rs).expect("write");
    let fold: Vec<u8> = fold
        .iter()
        .flat_map(|&c| (c as u32).to_le_bytes())
        .collect();
    std::fs::write(out.join("script_flags.bin"), flags).expect("write");
    std::fs::write(out.join("script_fold.bin"), fold).expect("write");
    std::fs::write(out.join("script_phrases.txt"), phrases.join("\n")).expect("write");
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// `zhclean --version`: the commit and the OpenCC data version.
fn version_info() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ZHCLEAN_GIT_COMMIT={commit}");
    // rebuild when HEAD moves: the checkout's HEAD, its branch refs, packed refs
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!(
            "cargo:rerun-if-changed={}",
            Path::new(&dir).join("HEAD").display()
        );
    }
    if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
        let common = PathBuf::from(common);
        for p in ["refs/heads", "packed-refs"] {
            if common.join(p).exists() {
                println!("cargo:rerun-if-changed={}", common.join(p).display());
            }
        }
    }
    // data/opencc/VERSION: "BYVoid/OpenCC <commit> data/dictionary, Apache-2.0 …"
    println!("cargo:rerun-if-changed=data/opencc/VERSION");
    let opencc = std::fs::read_to_string("data/opencc/VERSION")
        .ok()
        .and_then(|v| {
            let first = v.lines().next()?.to_string();
            let commit = first.split_whitespace().nth(1)?.to_string();
            Some(commit.chars().take(7).collect::<String>())
        })
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ZHCLEAN_OPENCC_DATA={opencc}");
}

/// A group's static tables (`opencc_spec::PAGE` and after): the page index, the
/// blocks, the pair hash table, the sorted key table (three `u32` a key: start and
/// end of its text in the key text, pair index) and the key text.
struct StaticTables {
    present: Vec<u8>,
    index: Vec<u8>,
    pair_filter: Vec<u8>,
    blocks: Vec<u8>,
    pairs: Vec<u8>,
    keys: Vec<u8>,
    key_text: String,
}

/// Whether the target stores integers big-endian: the tables are written in its byte
/// order, so that the library reads them in place as `u16`/`u32` slices.
fn target_big_endian() -> bool {
    std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big")
}

/// `v` as bytes in the target's byte order.
fn u32_bytes(v: &[u32]) -> Vec<u8> {
    target_bytes(v, u32::to_be_bytes, u32::to_le_bytes)
}

/// `v`'s values as bytes in the target's byte order, each by `be` or `le`.
fn target_bytes<T: Copy, const N: usize>(
    v: &[T],
    be: fn(T) -> [u8; N],
    le: fn(T) -> [u8; N],
) -> Vec<u8> {
    let to = if target_big_endian() { be } else { le };
    v.iter().flat_map(|&x| to(x)).collect()
}

/// The static tables of one group's `(key, value)` pairs (see `StaticTables`).
fn static_tables(pairs: &[(&str, &str)]) -> StaticTables {
    use opencc_spec::{pair_slot, PAGE, PAIR_FILTER_BITS, PHRASE_START};
    use std::collections::BTreeMap;
    let mut entries: BTreeMap<u32, u32> = BTreeMap::new();
    // the keys of two or more characters by their first two characters
    let mut by_pair: BTreeMap<(char, char), Vec<(&str, u32)>> = BTreeMap::new();
    for (i, (k, _)) in pairs.iter().enumerate() {
        let mut chars = k.chars();
        let a = chars.next().expect("non-empty key");
        match chars.next() {
            None => *entries.entry(a as u32).or_default() |= i as u32 + 1,
            Some(b) => {
                *entries.entry(a as u32).or_default() |= PHRASE_START;
                by_pair.entry((a, b)).or_default().push((k, i as u32));
            }
        }
    }
    // pages: block 0 is all zero
    let pages = 0x110000 / PAGE;
    let mut index = vec![0u16; pages];
    let mut blocks: Vec<u32> = vec![0; PAGE];
    for (&c, &e) in &entries {
        let page = c as usize / PAGE;
        if index[page] == 0 {
            index[page] = u16::try_from(blocks.len() / PAGE).expect("blocks fit u16");
            blocks.extend(std::iter::repeat_n(0, PAGE));
        }
        blocks[index[page] as usize * PAGE + c as usize % PAGE] = e;
    }
    // the key table, by pair, the longest key first (the first that matches wins)
    let mut keys: Vec<u32> = Vec::new();
    let mut key_text = String::new();
    let bits = (by_pair.len().max(1) * 2)
        .next_power_of_two()
        .trailing_zeros()
        .max(1);
    let mut slots = vec![[0u32; 4]; 1 << bits];
    // empty for a group without longer keys
    let mut pair_filter = vec![
        0u32;
        if by_pair.is_empty() {
            0
        } else {
            (1 << PAIR_FILTER_BITS) / 32
        }
    ];
    for (&(a, b), list) in by_pair.iter_mut() {
        list.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then(x.0.cmp(y.0)));
        let lo = keys.len() / 3;
        for &(k, i) in list.iter() {
            keys.push(key_text.len() as u32);
            key_text.push_str(k);
            keys.push(key_text.len() as u32);
            keys.push(i);
        }
        let hi = keys.len() / 3;
        let f = pair_slot(a as u32, b as u32, PAIR_FILTER_BITS);
        pair_filter[f / 32] |= 1 << (f % 32);
        let mut s = pair_slot(a as u32, b as u32, bits);
        while slots[s][0] != 0 {
            s = (s + 1) & ((1 << bits) - 1);
        }
        slots[s] = [a as u32, b as u32, lo as u32, hi as u32];
    }
    // one bit per code point of the Basic Multilingual Plane that has an entry: bit
    // `c % 64` of `u64` word `c / 64`
    let mut present = vec![0u64; 0x1_0000 / 64];
    for &c in entries.keys().filter(|&&c| c < 0x1_0000) {
        present[c as usize / 64] |= 1 << (c % 64);
    }
    StaticTables {
        present: target_bytes(&present, u64::to_be_bytes, u64::to_le_bytes),
        index: target_bytes(&index, u16::to_be_bytes, u16::to_le_bytes),
        blocks: u32_bytes(&blocks),
        pair_filter: u32_bytes(&pair_filter),
        pairs: u32_bytes(&slots.concat()),
        keys: u32_bytes(&keys),
        key_text,
    }
}

/// The OpenCC dictionary tables (see the module docs).
fn opencc_tables() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let texts: Vec<Vec<String>> = opencc_spec::GROUPS
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|name| {
                    let p = opencc_spec::path(name);
                    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
                })
                .collect()
        })
        .collect();
    let group_pairs: Vec<Vec<(&str, &str)>> = texts
        .iter()
        .map(|t| opencc_spec::pairs(&t.iter().map(String::as_str).collect::<Vec<&str>>()))
        .collect();
    // A configuration whose segmentation group is a leading part of its first
    // stage's group, the rest of which has single-character keys only (`s2tw`,
    // `s2hk`: STPhrases… then STCharacters), is segmented by the first stage's own
    // walk: its matches of the segmentation group's pairs (index below the count
    // given here) are the phrase segments, and everything else falls in the gaps
    // between them, exactly as a separate walk would cut them.
    let folded: Vec<Option<usize>> = opencc_spec::CONFIGS
        .iter()
        .map(|cfg| {
            cfg.segmentation.and_then(|seg| {
                let first = *cfg.stages.first()?;
                let (sg, fg) = (opencc_spec::GROUPS[seg], opencc_spec::GROUPS[first]);
                let (sp, fp) = (&group_pairs[seg], &group_pairs[first]);
                (fg.starts_with(sg)
                    && fp.starts_with(sp)
                    && fp[sp.len()..].iter().all(|(k, _)| k.chars().count() == 1))
                .then_some(sp.len())
            })
        })
        .collect();
    // A two-stage configuration whose segmentation group is, in the same way, a
    // leading part of its LAST stage's group, the rest of which has single-character
    // keys only (`tw2s`, `hk2s`: TSPhrases, then TWVariantsRev… or HKVariantsRev…,
    // then TSPhrases, TSCharactersExt, TSCharacters): the last stage's walk over a
    // text gives its segments. `opencc::convert_chain` uses it to convert such a
    // configuration with one walk of each stage over the whole text, cutting the
    // segmentation from the last stage's own walk.
    let last_folded: Vec<Option<usize>> = opencc_spec::CONFIGS
        .iter()
        .zip(&folded)
        .map(|(cfg, first_folded)| {
            let seg = cfg.segmentation.filter(|_| first_folded.is_none())?;
            let &[_, last] = cfg.stages else {
                return None;
            };
            let (sg, lg) = (opencc_spec::GROUPS[seg], opencc_spec::GROUPS[last]);
            let (sp, lp) = (&group_pairs[seg], &group_pairs[last]);
            (lg.starts_with(sg)
                && lp.starts_with(sp)
                && lp[sp.len()..].iter().all(|(k, _)| k.chars().count() == 1))
            .then_some(sp.len())
        })
        .collect();
    // the groups a run reads: the others (a segmentation folded into every
    // configuration's first stage) get empty tables, not 4 MB of the binary
    let mut used = vec![false; opencc_spec::GROUPS.len()];
    used[opencc_spec::COMPAT_GROUP] = true;
    for (cfg, folded) in opencc_spec::CONFIGS.iter().zip(&folded) {
        for &g in cfg.stages {
            used[g] = true;
        }
        if let (Some(seg), None) = (cfg.segmentation, folded) {
            used[seg] = true;
        }
    }
    let mut tables = String::from(
        "/// Per group of `opencc_spec::GROUPS`: its static tables (empty for a group no\n\
         /// configuration reads). Generated by build.rs.\n\
         static GROUP_TABLES: [GroupTables; ",
    );
    writeln!(tables, "{}] = [", opencc_spec::GROUPS.len()).unwrap();
    for (i, all_pairs) in group_pairs.iter().enumerate() {
        let pairs: &[(&str, &str)] = if used[i] { all_pairs } else { &[] };
        let st = static_tables(pairs);
        let mut values = String::new();
        let mut ends = Vec::with_capacity(pairs.len());
        for (_, v) in pairs {
            values.push_str(v);
            ends.push(values.len() as u32);
        }
        let ends = u32_bytes(&ends);
        // the value's UTF-8 (the bytes of a little-endian `u32`, the rest 0) where a
        // one-character key has a one-character value that differs from it (the walk
        // writes its bytes), from the
        // group's first pair with a one-character key (the phrases before it, most of
        // a group's pairs, would all be 0)
        let single_from = pairs
            .iter()
            .position(|(k, _)| k.chars().nth(1).is_none())
            .unwrap_or(pairs.len());
        let single: Vec<u32> = pairs[single_from..]
            .iter()
            .map(|(k, v)| {
                let (mut k, mut v) = (k.chars(), v.chars());
                match (k.next(), k.next(), v.next(), v.next()) {
                    (Some(a), None, Some(b), None) if a != b => {
                        let mut utf8 = [0; 4];
                        b.encode_utf8(&mut utf8);
                        u32::from_le_bytes(utf8)
                    }
                    _ => 0,
                }
            })
            .collect();
        let single = u32_bytes(&single);
        let stem = format!("opencc_group_{i}");
        let files: [(&str, &[u8]); 10] = [
            ("present", &st.present),
            ("index", &st.index),
            ("pair_filter", &st.pair_filter),
            ("blocks", &st.blocks),
            ("pairs", &st.pairs),
            ("keys", &st.keys),
            ("key_text", st.key_text.as_bytes()),
            ("values", values.as_bytes()),
            ("ends", &ends),
            ("single", &single),
        ];
        tables.push_str("    GroupTables {\n");
        for (field, bytes) in files {
            std::fs::write(out.join(format!("{stem}.{field}")), bytes).expect("write");
            // the integer tables aligned for reading as `u16`, `u32` and `u64` slices
            let (open, include, close) = if matches!(field, "key_text" | "values") {
                ("", "include_str", "")
            } else {
                ("&Aligned(*", "include_bytes", ")")
            };
            writeln!(
                tables,
                "        {field}: {open}{include}!(concat!(env!(\"OUT_DIR\"), \"/{stem}.{field}\")){close},"
            )
            .unwrap();
        }
        writeln!(tables, "        single_from: {single_from},").unwrap();
        tables.push_str("    },\n");
    }
    tables.push_str("];\n");
    let first: Vec<String> = folded
        .iter()
        .map(|f| format!("{:?}", f.map(|n| n as u32)))
        .collect();
    static_per_config(
        &mut tables,
        "Per configuration of `opencc_spec::CONFIGS`: `Some(n)` when its first stage's\n\
         /// matches of pairs below `n` are its segmentation.",
        "SEGMENTS_IN_FIRST_STAGE: [Option<u32>",
        &first,
    );
    let last: Vec<String> = last_folded
        .iter()
        .map(|f| format!("{:?}", f.map(|n| n as u32)))
        .collect();
    static_per_config(
        &mut tables,
        "Per configuration of `opencc_spec::CONFIGS`: `Some(n)` when it has two stages\n\
         /// and its last stage's matches of pairs below `n` are its segmentation.",
        "SEGMENTS_IN_LAST_STAGE: [Option<u32>",
        &last,
    );
    std::fs::write(out.join("opencc_tables.rs"), tables).expect("write");
}

/// Writes `static NAME: [T; N] = [..];` with one item (Rust source) per OpenCC
/// configuration; `decl` is `NAME: [T` and `doc` the doc comment after its `/// `.
fn static_per_config(tables: &mut String, doc: &str, decl: &str, items: &[String]) {
    writeln!(tables, "/// {doc} Generated by build.rs.").unwrap();
    writeln!(tables, "static {decl}; {}] = [", items.len()).unwrap();
    for item in items {
        writeln!(tables, "    {item},").unwrap();
    }
    tables.push_str("];\n");
}
