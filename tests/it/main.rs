//! zhclean's integration tests: one test binary (as ripgrep's `tests/tests.rs`), so
//! the library is linked once. Each module says what goes in it; put a new test in
//! the module whose subject it shares, or add a module here with a doc comment.
//!
//! Tests that run the real binary use `util::BIN`; tests through the library use
//! `zhclean::Cleaner` directly. Fixtures are read from `fixtures/` (never from
//! `../shared`, so a fresh clone passes).

/// Shared helpers: run the binary, parse reports strictly, the conservation law.
mod util;

/// The Rust and the system OpenCC converters agree (`--features opencc-cpp`).
mod backends;
/// Batch mode on folder trees: walk, globs, `--out-dir`, `--in-place`, signals.
mod batch;
/// Lines repeated across a batch as furniture evidence (issue 14).
mod batch_furniture;
/// Boilerplate by shape and position; entities decoded, never removed.
mod boilerplate;
/// The command line end to end: seed goldens, flags, exit codes, reports.
mod cli;
/// Compressed corpora (gzip, zstd, bzip2) in and out.
mod compressed;
/// Command-line conventions: `-`, BCP 47 and OpenCC names, suggestions.
mod conventions;
/// Script conversion through the pipeline (`--to` targets, Simplified untouched).
mod conversion;
/// Corpus ids, `--annotate`, corpus-scale summaries.
mod corpus_ids;
/// Legacy and Unicode encodings, detection and refusal.
mod encodings;
/// Golden fuzzy cases: near copies, stitches, inline doubles, widgets.
mod fuzzy_cases;
/// The generated test set: every corruption applied to clean articles.
mod generated;
/// Hostile input through the library: no panic, conservation holds.
mod hostile;
/// The `--html` review page, rendered by headless Chromium.
mod html;
/// JSONL corpora: only the text field changes; cross-document passes.
mod jsonl;
/// The shape of `src/`: no file over 700 lines, no module cycle (issue 9).
mod layout;
/// OpenCC's official cases through the pipeline.
mod opencc_cases;
/// OpenCC's official cases through each converter configuration.
mod opencc_configs;
/// Packaging: report JSON Schema, completions, man page, `--version`.
mod packaging;
/// data-juicer's sentence-dedup cases and where zhclean differs on purpose.
mod peer_data_juicer;
/// Precision: every removal is a real copy (issue 11 fixtures).
mod precision;
/// Property tests: idempotence, determinism, tiling, no panic.
mod properties;
/// The README's example report is the seed's real report.
mod readme;
/// The detector registry and `--disable NAME`.
mod registry;
/// Never lose or garble a user's file: links, atomic writes, ownership.
mod safety;
/// Distributed deduplication verbs: signatures, pairs, verify, resolve, apply.
mod signatures;
/// Windowed input larger than `--window`: windows agree with whole runs.
mod stream;
