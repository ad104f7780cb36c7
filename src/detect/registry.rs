//! The detector registry: one trait every detector implements ([`Detector`]) and one
//! ordered table ([`REGISTRY`]) that says which detectors run, in which order, and
//! under which name (the name `--disable NAME` and `Config::disable` take).
//! [`super::detect_after`] runs the table; adding a detector is one file in
//! `detect/`, one line here and one fixture. [`Memo`] is what detectors keep from
//! one pass of detection to the next (`fixpoint::settle`).

use super::{align, boilerplate, exact, inline, near, Analysis, Decision};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::fingerprint::FxHashMap;

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
#[derive(Default)]
pub struct Memo {
    /// For each paragraph of the analysis the pass runs on, its index in the first
    /// pass' analysis when it is an unchanged copy of that paragraph (same text; a
    /// line a removal cut is `None`). Empty in the first pass: every paragraph is
    /// its own origin.
    origin: Vec<Option<u32>>,
    /// Whether this is a later pass (`origin` holds its map).
    later: bool,
    /// [`super::near_score`] of the bigram sets of two paragraphs of the first
    /// pass, by their indices (the later paragraph's first, as `near` compares).
    pub(super) near_scores: FxHashMap<(u32, u32), f64>,
    /// Whether a paragraph of the first pass may be a near-duplicate at all
    /// (`near::paragraphs`' eligibility: length, heading shape, form), by index.
    pub(super) near_eligible: Vec<Option<bool>>,
    /// The aligner's buffers (their allocations only: each pass fills them afresh).
    pub(super) align: align::Buffers,
    /// What the sentence detector keeps from pass to pass ([`exact::SentenceMemo`]).
    pub(super) sentences: exact::SentenceMemo,
}

impl Memo {
    /// The memo for the next pass: its analysis' paragraph `i` is the first pass'
    /// paragraph `origin[i]` unchanged, or a new one (`None`).
    pub fn next_pass(&mut self, origin: Vec<Option<u32>>) {
        self.origin = origin;
        self.later = true;
    }

    /// The index in the first pass' analysis of this pass' paragraph `i`, when it
    /// is an unchanged copy of one.
    pub fn origin(&self, i: usize) -> Option<u32> {
        if self.later {
            self.origin.get(i).copied().flatten()
        } else {
            u32::try_from(i).ok()
        }
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
        align::runs_with(a, cfg, &mut earlier.removed, &mut earlier.memo.align)
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
        inline::lines(a, cfg, &earlier.removed)
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
        let mut out = exact::sentences_with(
            a,
            cfg,
            &earlier.removed,
            &inline,
            &mut earlier.memo.sentences,
            |i| {
                if earlier.memo.later {
                    earlier.memo.origin.get(i).copied().flatten()
                } else {
                    u32::try_from(i).ok()
                }
            },
        );
        let taken: Vec<(usize, usize)> = out
            .iter()
            .chain(earlier.decisions.iter().map(|(_, d)| d))
            .map(|d| (d.span.start, d.span.end))
            .collect();
        out.extend(inline::credit_stutters(a, &earlier.removed, &taken));
        out
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
}
