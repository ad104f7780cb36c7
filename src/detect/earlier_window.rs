//! The earlier-window detector: owns the rule that removes a window's paragraphs whose
//! copy survived in an earlier window of the same input ([`EarlierWindow`]), and the
//! shape of the table it reads ([`Survivors`], filled by the windowed driver,
//! `crate::windows`).
//!
//! The driver keeps the table (one entry per distinct surviving paragraph, keyed by
//! [`crate::crossdoc::para_hash`]) and hands the detector a shared borrow of it for
//! each window; the detector only reads it and returns removals, like every other
//! detector. It runs before the rows of [`super::registry::REGISTRY`] (the driver
//! adds it through `Cleaner`'s windowed entry point), so no registry detector looks
//! again at what it removed.

use super::registry::{self, Detector, Earlier};
use super::{boilerplate, para_run_span, Analysis, Decision, Evidence, Kept, Kind, Span};
use crate::config::Config;
use crate::fingerprint::FxBuild;
use std::collections::HashMap;

/// The name this detector's decisions carry in [`Earlier::decisions`]. It is not a
/// row of the registry: `--disable` does not name it (it is off when
/// `align` is, the detector of exact line copies, see [`EarlierWindow`]).
pub const NAME: &str = "earlier_window";

/// Paragraphs a run steps over when their first copies lie elsewhere.
const MAX_STEP_OVER: usize = 3;

/// Where an earlier window's surviving copy of a paragraph is, in the whole input.
#[derive(Debug, Clone, Copy)]
pub struct Survivor {
    /// 0-based line.
    pub line: u32,
    /// Byte offset of its text in the whole input.
    pub start: u64,
    /// Length of its text, in bytes.
    pub len: u32,
}

/// The surviving paragraphs of the windows cleaned so far: for each distinct matching
/// key ([`crate::crossdoc::para_hash`] of its 64-bit hash and key length in chars),
/// where its first surviving copy is. 24 bytes an entry in a `HashMap` (see
/// `crate::windows` for the memory this takes).
#[derive(Debug, Default)]
pub struct Survivors {
    first: HashMap<u64, Survivor, FxBuild>,
}

impl Survivors {
    /// Remember the copy `at` of the paragraph with key hash `hash`, unless an earlier
    /// copy is remembered already (the first copy is the one kept).
    pub fn remember(&mut self, hash: u64, at: Survivor) {
        self.first.entry(hash).or_insert(at);
    }

    /// Distinct paragraphs remembered.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// Whether nothing is remembered (the first window).
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// The remembered copy of the paragraph with key hash `hash`, if any.
    pub fn get(&self, hash: u64) -> Option<Survivor> {
        self.first.get(&hash).copied()
    }
}

/// Removes paragraphs of a window whose matching key a surviving paragraph of an
/// earlier window had (kind `paragraph`, or `block` for runs of consecutive ones whose
/// earlier copies are laid out line for line the same way), each removal's `kept`
/// being [`Kept::EarlierWindow`]: the first and last earlier copy, in whole-input
/// lines (1-based) and bytes.
///
/// A run is removed under the evidence model (`detect::evidence`): at least two
/// paragraphs (a lone repeated line stays), `cfg.min_paragraph_chars` key characters
/// in total and, when shorter than three paragraphs, one paragraph of that many, and
/// prose for at least half of it (a run of fields, questions or verse is not a copy);
/// so a short natural repeat (“好的。”) survives. Copies of an earlier window's
/// paragraphs are exact paragraph copies: with `align` (exact line copies) disabled a whole run
/// keeps them, and so does this detector.
pub struct EarlierWindow<'t> {
    /// The driver's table of earlier windows' surviving paragraphs.
    pub survivors: &'t Survivors,
}

impl Detector for EarlierWindow<'_> {
    fn detect(
        &self,
        a: &Analysis<'_>,
        cfg: &Config,
        _: &boilerplate::Rules,
        earlier: &mut Earlier,
    ) -> Vec<Decision> {
        if !registry::enabled(cfg, "align") {
            return Vec::new();
        }
        copies(
            a,
            self.survivors,
            cfg.min_paragraph_chars,
            &mut earlier.removed,
        )
    }
}

/// The removals of [`EarlierWindow`] on window `a`, runs needing `min` key chars;
/// marks the paragraphs they take in `removed` (one flag per [`Analysis::paras`]).
fn copies(a: &Analysis<'_>, seen: &Survivors, min: usize, removed: &mut [bool]) -> Vec<Decision> {
    let mut out = Vec::new();
    if seen.is_empty() {
        return out;
    }
    let hits: Vec<(usize, Survivor)> = a
        .paras
        .iter()
        .enumerate()
        .filter(|(_, p)| p.key_chars > 0)
        .filter_map(|(i, p)| {
            seen.get(crate::crossdoc::para_hash(p.hash, p.key_chars))
                .map(|s| (i, s))
        })
        .collect();
    let mut k = 0;
    while k < hits.len() {
        let (first, s0) = hits[k];
        let mut last = k;
        // aligned: hit `m` lies as far after hit `l` as its earlier copy does
        let aligned = |l: usize, m: usize| {
            let ((i, si), (j, sj)) = (hits[l], hits[m]);
            sj.line as usize == si.line as usize + (a.paras[j].line - a.paras[i].line)
        };
        let next_para = |l: usize| hits[l + 1].0 == hits[l].0 + 1;
        while last + 1 < hits.len() && next_para(last) {
            if aligned(last, last + 1) {
                last += 1;
                continue;
            }
            // a paragraph that also occurs elsewhere (a dateline, a credit) has its
            // first copy elsewhere: step over up to MAX_STEP_OVER such paragraphs
            // when the run goes on aligned after them
            let resume = (last + 2..hits.len().min(last + 2 + MAX_STEP_OVER))
                .take_while(|&m| next_para(m - 1))
                .find(|&m| aligned(last, m));
            match resume {
                Some(m) => last = m,
                None => break,
            }
        }
        k = last + 1;
        let (lp, sl) = hits[last];
        let chars = |i: usize| a.paras[i].key_chars;
        let total: usize = (first..=lp).map(chars).sum();
        let long = (first..=lp).any(|i| chars(i) >= min);
        let len = lp - first + 1;
        // the evidence model (`detect::evidence`): a lone repeated line stays, and a
        // run of structure (fields, questions, numbered items, verse) is not a copy
        // (each paragraph's form is the one the key pass made: `shape.form`)
        let prose = super::evidence::run_is_prose_formed(
            (first..=lp).map(|i| {
                let p = &a.paras[i];
                (&a.text[p.start..p.end], p.key_chars, Some(p.shape.form))
            }),
            min,
        );
        if len < 2 || total < min || (len < 3 && !long) || !prose {
            continue;
        }
        removed[first..=lp].fill(true);
        out.push(Decision {
            evidence: Evidence::EarlierWindow,
            kind: if len > 1 {
                Kind::Block
            } else {
                Kind::Paragraph
            },
            span: para_run_span(a, first, lp).into(),
            content: Span::new(a.paras[first].start, a.paras[lp].end),
            kept: Kept::EarlierWindow {
                lines: [s0.line as usize + 1, sl.line as usize + 1],
                bytes: Span::new(s0.start as usize, sl.start as usize + sl.len as usize),
            },
            similarity: 1.0,
            key_parts: (first..=lp).map(|i| a.key(i)).collect(),
            rule: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::script::ScriptTables;

    const P1: &str = "第一段很长的正文内容在这里，讲的是一件事情。";
    const P2: &str = "第二段同样很长的正文内容，讲的是另一件事情。";

    /// The table a driver would keep after a first window of `text` survived whole,
    /// that window starting at line `line0` and byte `byte0` of the input.
    fn survivors_of(text: &str, line0: u32, byte0: u64) -> Survivors {
        let a = Analysis::new(text, ScriptTables::get());
        let mut s = Survivors::default();
        for p in crate::crossdoc::paras_of(&a) {
            s.remember(
                p.hash,
                Survivor {
                    line: line0 + p.line,
                    start: byte0 + p.start as u64,
                    len: (p.end - p.start) as u32,
                },
            );
        }
        s
    }

    fn run(text: &str, seen: &Survivors, cfg: &Config) -> (Vec<Decision>, Vec<bool>) {
        let a = Analysis::new(text, ScriptTables::get());
        let d = EarlierWindow { survivors: seen };
        let found =
            super::super::detect_after(&a, cfg, &boilerplate::Rules::builtin(), &[(NAME, &d)]);
        (found.decisions, found.removed)
    }

    #[test]
    fn a_run_kept_in_an_earlier_window_is_removed_naming_that_copy() {
        let first = format!("标题\n{P1}\n{P2}\n");
        let seen = survivors_of(&first, 10, 1000);
        let window = format!("别的标题\n{P1}\n{P2}\n结尾。\n");
        let (d, removed) = run(&window, &seen, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].evidence),
            (Kind::Block, Evidence::EarlierWindow)
        );
        assert_eq!(
            &window[d[0].span.start..d[0].span.end],
            format!("{P1}\n{P2}\n")
        );
        let p1 = 1000 + first.find(P1).unwrap();
        let p2_end = 1000 + first.find(P2).unwrap() + P2.len();
        assert_eq!(
            d[0].kept,
            Kept::EarlierWindow {
                lines: [12, 13],
                bytes: Span::new(p1, p2_end)
            }
        );
        assert_eq!(removed, [false, true, true, false]);
    }

    #[test]
    fn a_lone_repeated_paragraph_stays_and_align_off_turns_it_off() {
        let seen = survivors_of(&format!("{P1}\n{P2}\n"), 0, 0);
        // one paragraph of the earlier window alone is not evidence of a copy
        let (d, _) = run(
            &format!("别的开头。\n{P1}\n别的结尾。\n"),
            &seen,
            &Config::default(),
        );
        assert!(d.is_empty());
        let off = Config {
            disable: vec!["align".into()],
            ..Config::default()
        };
        let (d, removed) = run(&format!("{P1}\n{P2}\n"), &seen, &off);
        assert!(d.is_empty() && !removed.contains(&true));
    }

    #[test]
    fn nothing_remembered_nothing_removed() {
        let (d, _) = run(
            &format!("{P1}\n{P2}\n"),
            &Survivors::default(),
            &Config::default(),
        );
        assert!(d.is_empty());
    }
}
