//! The detector registry: one trait every detector implements ([`Detector`]) and one
//! ordered table ([`REGISTRY`]) that says which detectors run, in which order, and
//! under which name (the name `--disable NAME` and `Config::disable` take).
//! [`super::detect_after`] runs the table; adding a detector is one file in
//! `detect/`, one line here and one fixture. [`Memo`] is what detectors keep from
//! one pass of detection to the next (`fixpoint::settle`).

mod in_play;

use super::{align, boilerplate, exact, inline, near, Analysis, Decision};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::fingerprint::FxHashMap;
pub(super) use in_play::InPlay;

/// What the detectors that ran before decided, handed to each detector in turn.
pub struct Earlier {
    /// For each paragraph of [`Analysis::paras`], whether a removal took all of it.
    /// A detector skips removed paragraphs and marks those it removes whole.
    pub removed: Vec<bool>,
    /// The decisions so far, in the order they were made, each with the name of the
    /// detector that made it (a detector a driver adds names its own, see
    /// [`super::Extra`]).
    pub decisions: Vec<(&'static str, Decision)>,
    /// Boilerplate lines counted but kept (no `--strip-boilerplate`).
    pub boilerplate_candidates: usize,
    /// What the detectors kept from earlier passes over the same input.
    pub memo: Memo,
}

/// What detectors keep from one pass of detection over a document to the next
/// (`fixpoint::settle` runs detection again on what survives): results that are
/// pure functions of one or two paragraphs' text, keyed by the paragraphs' indices
/// in the first pass' analysis (the input's), and buffers a detector reuses.
/// Nothing in it changes what a detector finds: a detector asks it only for what
/// it would compute the same way from the same text.
///
/// The memo itself is a few words (`detect::detect_memo` moves it in and out of
/// [`Earlier`] at every pass, and a corpus makes one per document): what the
/// detectors keep is in [`MemoParts`], boxed, made on first use, and for a small
/// document taken from (and given back to) the thread's spare ([`Memo::pooled`]).
#[derive(Default)]
pub struct Memo {
    /// For each paragraph of the analysis the pass runs on, its index in the first
    /// pass' analysis when it is an unchanged copy of that paragraph (same text; a
    /// line a removal cut is `None`). Empty in the first pass: every paragraph is
    /// its own origin.
    origin: Vec<Option<u32>>,
    /// Whether this is a later pass (`origin` holds its map).
    later: bool,
    /// What the detectors keep (`None` until a detector asks).
    parts: Option<Box<MemoParts>>,
    /// The parts go back to the thread's spare when the memo is done with
    /// ([`Memo::recycle`]): they came from it, for a small document.
    pooled: bool,
}

/// What the detectors keep in a [`Memo`].
#[derive(Default)]
pub struct MemoParts {
    /// [`super::near_score`] of the bigram sets of two paragraphs of the first
    /// pass, by their indices (the later paragraph's first, as `near` compares).
    pub(super) near_scores: FxHashMap<(u32, u32), f64>,
    /// The near-duplicate index (its allocation only: each pass fills it afresh).
    pub(super) near_index: near::Index,
    /// The near screen's sorted (value, paragraph, slot) triples (their allocation
    /// only: `near::may_pair` clears them before it fills them).
    pub(super) near_triples: Vec<(u64, u32, u32)>,
    /// The paragraphs the latest later pass of `near` that found nothing looked
    /// at ([`InPlay`]), if one did.
    pub(super) near_in_play: Option<Box<InPlay>>,
    /// The same for the sentence stage (`exact::sentences_with`, in [`Sentence`]).
    pub(super) sentence_in_play: Option<Box<InPlay>>,
    /// The aligner's buffers (their allocations only: each pass fills them afresh).
    pub(super) align: align::Buffers,
    /// What the sentence detector keeps from pass to pass ([`exact::SentenceMemo`]).
    pub(super) sentences: exact::SentenceMemo,
    /// What the line answers of `inline` keep from pass to pass
    /// ([`inline::LinesMemo`]).
    pub(super) lines: inline::LinesMemo,
}

impl MemoParts {
    /// Forget the document these parts served, keeping allocations that every pass
    /// fills afresh anyway: the score map and the sentence memo are emptied (their
    /// allocations kept), the line answers dropped; the near index and the aligner's
    /// buffers are rebuilt by each pass that uses them (as from one pass of a
    /// document to the next). What a detector then finds is what it finds with
    /// fresh parts (the test `pooled_memos_detect_as_fresh_ones` in `fixpoint`).
    fn reset(&mut self) {
        self.near_scores.clear();
        self.near_in_play = None;
        self.sentence_in_play = None;
        self.sentences.reset();
        self.lines = inline::LinesMemo::default();
    }
}

/// A document of at most this many bytes takes its memo's parts from the thread's
/// spare (so the spare's buffers are sized for such a document at most: a larger
/// one gets fresh parts, freed with it).
pub const POOLED_MAX_BYTES: usize = 256 * 1024;

thread_local! {
    /// The thread's spare [`MemoParts`] (see [`Memo::pooled`]).
    static SPARE: std::cell::Cell<Option<Box<MemoParts>>> = const { std::cell::Cell::new(None) };
}

impl Memo {
    /// A memo for the passes over a document of `len` bytes: when it is small
    /// ([`POOLED_MAX_BYTES`]), with the thread's spare parts, reset; give it back
    /// with [`Memo::recycle`]. (A corpus of small documents so allocates no memo,
    /// score map or buffers per document.)
    pub fn pooled(len: usize) -> Memo {
        if len > POOLED_MAX_BYTES {
            return Memo::default();
        }
        let parts = SPARE.with(std::cell::Cell::take).map(|mut p| {
            p.reset();
            p
        });
        Memo {
            parts,
            pooled: true,
            ..Memo::default()
        }
    }

    /// Done with the memo: its parts become the thread's spare when it came from
    /// [`Memo::pooled`] for a small document.
    pub fn recycle(self) {
        if self.pooled {
            if let Some(p) = self.parts {
                SPARE.with(|s| s.set(Some(p)));
            }
        }
    }

    /// Whether the thread holds spare parts (for tests of [`Memo::pooled`]).
    #[cfg(test)]
    pub fn spare_held() -> bool {
        SPARE.with(|s| {
            let p = s.take();
            let held = p.is_some();
            s.set(p);
            held
        })
    }

    /// The detectors' parts (made on first use).
    pub(super) fn parts(&mut self) -> &mut MemoParts {
        self.parts.get_or_insert_with(Box::default)
    }

    /// The memo for the next pass: its analysis' paragraph `i` is the first pass'
    /// paragraph `origin[i]` unchanged, or a new one (`None`).
    pub fn next_pass(&mut self, origin: Vec<Option<u32>>) {
        self.origin = origin;
        self.later = true;
    }

    /// `inline`'s memo, and in a later pass each paragraph's origin (as
    /// [`Memo::origin`] answers; `None` in the first pass).
    pub(super) fn lines(&mut self) -> (&mut inline::LinesMemo, inline::Later<'_>) {
        let parts = self.parts.get_or_insert_with(Box::default);
        (&mut parts.lines, self.later.then_some(&self.origin[..]))
    }

    /// [`Memo::lines`] with the sentence detector's memo.
    pub(super) fn sentences(&mut self) -> (&mut exact::SentenceMemo, inline::Later<'_>) {
        let parts = self.parts.get_or_insert_with(Box::default);
        (&mut parts.sentences, self.later.then_some(&self.origin[..]))
    }

    /// Whether this is a later pass ([`Memo::next_pass`] was called).
    pub fn is_later(&self) -> bool {
        self.later
    }

    /// The index in the first pass' analysis of this pass' paragraph `i`, when it
    /// is an unchanged copy of one (`origin_in`).
    pub fn origin(&self, i: usize) -> Option<u32> {
        origin_in(self.later.then_some(&self.origin[..]), i)
    }
}

/// The index in the first pass' analysis of paragraph `i`, when it is an unchanged
/// copy of one: `later` as [`Memo::lines`] gives it, each paragraph's origin in a
/// later pass, `None` in the first pass (where every paragraph is its own origin).
pub(super) fn origin_in(later: inline::Later<'_>, i: usize) -> Option<u32> {
    match later {
        None => u32::try_from(i).ok(),
        Some(origin) => origin.get(i).copied().flatten(),
    }
}

impl Earlier {
    /// The decisions detector `name` made.
    pub fn of<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Decision> + 'e {
        self.decisions
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, d)| d)
    }
}

/// One detector: looks at a document's [`Analysis`] under the [`Config`] and the
/// boilerplate [`boilerplate::Rules`], after what `earlier` detectors decided, and
/// returns its removals (byte spans of the input; they may overlap earlier ones,
/// `settle` makes them disjoint). It marks in `earlier.removed` the paragraphs it
/// removes whole, so later detectors leave them alone.
pub trait Detector: Sync {
    /// The removals this detector proposes.
    fn detect(
        &self,
        a: &Analysis<'_>,
        cfg: &Config,
        rules: &boilerplate::Rules,
        earlier: &mut Earlier,
    ) -> Vec<Decision>;
}

/// One row of the registry.
pub struct Entry {
    /// The name used by `--disable` and [`Config::disable`].
    pub name: &'static str,
    /// The report kinds its removals carry, for people (README, `--help`).
    pub kinds: &'static str,
    /// The detector.
    pub detector: &'static dyn Detector,
}

/// Every detector, in the order they run. Each sees only what the earlier ones left.
pub static REGISTRY: &[Entry] = &[
    Entry {
        name: "boilerplate",
        kinds: "boilerplate",
        detector: &Boilerplate,
    },
    Entry {
        name: "align",
        kinds: "block, paragraph, stitch",
        detector: &Align,
    },
    Entry {
        name: "near_paragraph",
        kinds: "near_paragraph",
        detector: &NearParagraph,
    },
    Entry {
        name: "inline",
        kinds: "inline_block",
        detector: &Inline,
    },
    Entry {
        name: "sentence",
        kinds: "sentence, stitch",
        detector: &Sentence,
    },
];

/// The detector names, in order, comma-separated (for messages).
pub fn names() -> String {
    REGISTRY
        .iter()
        .map(|e| e.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks that every name in `disable` names a detector of [`REGISTRY`].
///
/// # Errors
/// [`Error::Usage`] naming the first unknown name and listing the valid ones.
pub fn check(disable: &[String]) -> Result<()> {
    match disable
        .iter()
        .find(|n| !REGISTRY.iter().any(|e| e.name == n.as_str()))
    {
        Some(bad) => Err(Error::Usage(format!(
            "--disable {bad}: no such detector (detectors: {})",
            names()
        ))),
        None => Ok(()),
    }
}

/// Whether `cfg` lets detector `name` run.
pub fn enabled(cfg: &Config, name: &str) -> bool {
    !cfg.disable.iter().any(|d| d == name)
}

/// Boilerplate lines (`detect/boilerplate`): removed with `--strip-boilerplate`,
/// otherwise only counted.
struct Boilerplate;

impl Detector for Boilerplate {
    fn detect(
        &self,
        a: &Analysis<'_>,
        cfg: &Config,
        rules: &boilerplate::Rules,
        earlier: &mut Earlier,
    ) -> Vec<Decision> {
        if !cfg.strip_boilerplate && !cfg.report_fields {
            // (removes nothing and marks nothing removed: only the count is skipped)
            return Vec::new();
        }
        let (out, candidates) = boilerplate::lines(a, cfg, rules, &mut earlier.removed);
        earlier.boilerplate_candidates += candidates;
        out
    }
}

/// Copies of whole lines found on the sentence sequence, whatever their layout:
/// doubled articles, lines said twice, pages stitched with an overlap, copies
/// reflowed, edited in every line or interleaved with furniture (`detect/align`).
struct Align;

impl Detector for Align {
    fn detect(
        &self,
        a: &Analysis<'_>,
        cfg: &Config,
        _: &boilerplate::Rules,
        earlier: &mut Earlier,
    ) -> Vec<Decision> {
        align::runs_with(
            a,
            cfg,
            &mut earlier.removed,
            &mut earlier.memo.parts().align,
        )
    }
}

/// Near-duplicate paragraphs standing alone (`detect/near.rs`): a copy with a
/// credit or `（完）` appended or a sentence dropped. Two copies its removals bring
/// together are found by the next pass of `fixpoint::settle`.
struct NearParagraph;

impl Detector for NearParagraph {
    fn detect(
        &self,
        a: &Analysis<'_>,
        cfg: &Config,
        _: &boilerplate::Rules,
        earlier: &mut Earlier,
    ) -> Vec<Decision> {
        near::paragraphs(a, cfg, &mut earlier.removed, &mut earlier.memo)
    }
}

/// Bodies doubled inside one line and pages stitched with an overlap
/// (`detect/inline`).
struct Inline;

impl Detector for Inline {
    fn detect(
        &self,
        a: &Analysis<'_>,
        cfg: &Config,
        _: &boilerplate::Rules,
        earlier: &mut Earlier,
    ) -> Vec<Decision> {
        let (lines, later) = earlier.memo.lines();
        inline::lines_with(a, cfg, &earlier.removed, lines, later)
    }
}

/// Repeated sentences in what is left (`exact::sentences`), and bracketed credits
/// written twice in a row (`inline::credit_stutters`).
struct Sentence;

impl Detector for Sentence {
    fn detect(
        &self,
        a: &Analysis<'_>,
        cfg: &Config,
        _: &boilerplate::Rules,
        earlier: &mut Earlier,
    ) -> Vec<Decision> {
        let inline: Vec<Decision> = earlier.of("inline").cloned().collect();
        let mut out = if earlier.memo.is_later() && inline.is_empty() && InPlay::worth(a) {
            sentences_again(a, cfg, earlier)
        } else {
            let (sentences, later) = earlier.memo.sentences();
            exact::sentences_with(a, cfg, &earlier.removed, &inline, sentences, |i| {
                origin_in(later, i)
            })
        };
        let taken: Vec<(usize, usize)> = out
            .iter()
            .chain(earlier.decisions.iter().map(|(_, d)| d))
            .map(|d| (d.span.start, d.span.end))
            .collect();
        let (lines, later) = earlier.memo.lines();
        out.extend(inline::credit_stutters_with(
            a,
            &earlier.removed,
            &taken,
            lines,
            later,
        ));
        out
    }
}

/// The repeated sentences of a later pass with no inline removal. One whose
/// paragraphs not removed are, in order, those of such a pass that found none
/// (same texts, same roles: [`InPlay`]) finds none again: a hit is a sentence key
/// met twice in those paragraphs, and between two of them is only blank once the
/// removed paragraphs are taken out, in either pass (a 10 MB document's last pass,
/// which only confirms the one before, cost 17 M instructions here).
fn sentences_again(a: &Analysis<'_>, cfg: &Config, earlier: &mut Earlier) -> Vec<Decision> {
    let removed = &earlier.removed;
    let settings = (cfg.min_sentence_chars as u64, cfg.keep as u64);
    let now = InPlay::of(a, |i| earlier.memo.origin(i), settings, |i| !removed[i]);
    let parts = earlier.memo.parts();
    if (parts.sentence_in_play.as_ref()).is_some_and(|before| before.same(&now, a)) {
        return Vec::new();
    }
    let (sentences, later) = earlier.memo.sentences();
    let out = exact::sentences_with(a, cfg, &earlier.removed, &[], sentences, |i| {
        origin_in(later, i)
    });
    if out.is_empty() {
        earlier.memo.parts().sentence_in_play = Some(Box::new(now.with_roles(a)));
    }
    out
}

/// Whether two of the values `hs` (`n` of them) may be equal: `false` only when
/// all are distinct. Each value sets a bit of a set of 64 bits per value, chosen
/// by its mixed hash; equal values set the same bit, so a value meeting no bit set
/// before it differs from every value before it. One pass, stopping at the first
/// bit met twice. Fewer than two values (a short document's one sentence or
/// paragraph) are told apart before the set is made (or cleared).
pub(crate) fn may_have_equal(mut hs: impl Iterator<Item = u64>, n: usize) -> bool {
    let (Some(h0), Some(h1)) = (hs.next(), hs.next()) else {
        return false;
    };
    let bits = (n * 64).next_power_of_two().max(64);
    let shift = 64 - bits.trailing_zeros();
    // (a document's few dozen values: the set on the stack, not allocated)
    let mut small = [0u64; 64];
    let mut large = Vec::new();
    let set: &mut [u64] = if bits / 64 <= small.len() {
        &mut small[..bits / 64]
    } else {
        large.resize(bits / 64, 0);
        &mut large
    };
    let mut met = |h: u64| {
        let s = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
        let (w, m) = (s / 64, 1u64 << (s % 64));
        let seen = set[w] & m != 0;
        set[w] |= m;
        seen
    };
    // (the first two as the loop would meet them: in order, the first setting its bit)
    if met(h0) || met(h1) {
        return true;
    }
    hs.any(met)
}

/// Documents for the tests that compare a detector's screen (an early exit) with
/// the detector run without it: the committed fixtures' texts (articles, messy and
/// scraped pages, the detector cases) and random documents drawn from a small pool
/// of sentences, headings and lines, so that sentences, lines and near copies
/// repeat in every layout.
#[cfg(test)]
pub(crate) mod samples {
    /// Every text file under `fixtures/{dir}` for the `dirs`, in path order.
    pub(crate) fn fixtures(dirs: &[&str]) -> Vec<String> {
        fn walk(p: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            if p.is_dir() {
                for e in std::fs::read_dir(p).into_iter().flatten().flatten() {
                    walk(&e.path(), out);
                }
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p.to_path_buf());
            }
        }
        let mut paths = Vec::new();
        for d in dirs {
            walk(
                &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("fixtures")
                    .join(d),
                &mut paths,
            );
        }
        paths.sort();
        paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// `n` random documents (seeded, so the same every run) of pieces of `POOL`
    /// joined with and without line breaks, a piece sometimes edited in one
    /// character or given a credit.
    pub(crate) fn random(n: usize, seed: u64) -> Vec<String> {
        const POOL: &[&str] = &[
            "国家统计局今天发布数据显示，一季度国内生产总值同比增长百分之五点三。",
            "消费对经济增长的贡献率达到百分之七十以上，投资稳步回升。",
            "昨天下了一整天的雨，今天终于放晴了。",
            "记者从有关部门获悉，会议于今天在北京召开。",
            "一季度经济数据发布",
            "（完）",
            "（新华社）（新华社）",
            "市民在公园里散步，记者张三摄。",
            "好。",
            "编辑：王五",
            "分享到微信",
            "他说：“我们会继续努力。”",
            "科技城集中發展區建設任務更重,要把項目落地。",
            "科技城集中发展区建设任务更重，要把项目落地。",
            "第一，加强领导；第二，落实责任；第三，强化考核。",
            "新华社北京1月29日电",
            "  ",
        ];
        let mut x = seed;
        let mut next = |m: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize % m
        };
        (0..n)
            .map(|_| {
                let mut doc = String::new();
                for _ in 0..1 + next(24) {
                    let mut piece = POOL[next(POOL.len())].to_string();
                    match next(8) {
                        0 => piece = piece.replacen("今天", "明天", 1).replacen('一', "二", 1),
                        1 => piece.push_str("（完）"),
                        _ => {}
                    }
                    doc.push_str(&piece);
                    match next(4) {
                        0 => doc.push('\n'),
                        1 => doc.push_str("\n\n"),
                        _ => {}
                    }
                }
                doc
            })
            .collect()
    }

    /// The fixtures and random documents the screen tests run on.
    pub(crate) fn all() -> Vec<String> {
        let mut docs = fixtures(&["articles", "messy", "scraped", "cases", "precision"]);
        docs.extend(random(400, 17));
        docs
    }

    /// A `removed` flag for each of `n` paragraphs: none, or every third from a
    /// seed-chosen start (what an earlier stage may have taken).
    pub(crate) fn removed(n: usize, variant: usize) -> Vec<bool> {
        (0..n)
            .map(|i| variant > 0 && (i + variant).is_multiple_of(3))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_checked() {
        let mut seen: Vec<&str> = REGISTRY.iter().map(|e| e.name).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), REGISTRY.len());
        assert!(check(&["near_paragraph".into(), "inline".into()]).is_ok());
        let err = check(&["nearparagraph".into()]).unwrap_err().to_string();
        assert!(err.contains("nearparagraph") && err.contains("align, near_paragraph"));
    }

    /// [`may_have_equal`] as it was, making its set before reading a value.
    fn may_have_equal_old(hs: impl Iterator<Item = u64>, n: usize) -> bool {
        let bits = (n * 64).next_power_of_two().max(64);
        let shift = 64 - bits.trailing_zeros();
        let mut set = vec![0u64; bits / 64];
        for h in hs {
            let s = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
            let (w, m) = (s / 64, 1u64 << (s % 64));
            if set[w] & m != 0 {
                return true;
            }
            set[w] |= m;
        }
        false
    }

    #[test]
    fn the_screen_of_equal_values_answers_as_before() {
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for len in 0..300 {
            // distinct values, values from a small range (repeats), and a count
            // `n` that is the number of values or more
            let distinct: Vec<u64> = (0..len).map(|_| next()).collect();
            let few: Vec<u64> = (0..len).map(|_| next() % 40).collect();
            for vs in [&distinct, &few] {
                for n in [len as usize, len as usize + 7, 3 * len as usize] {
                    assert_eq!(
                        may_have_equal(vs.iter().copied(), n),
                        may_have_equal_old(vs.iter().copied(), n),
                        "{vs:?} {n}"
                    );
                }
            }
        }
        assert!(!may_have_equal([7].into_iter(), 1));
        assert!(may_have_equal([7, 7].into_iter(), 2));
    }
}
