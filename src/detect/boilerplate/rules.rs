//! Boilerplate rules: the data file `data/boilerplate.rules` (and a user's
//! `--boilerplate-rules FILE`) parsed into a rule set, the Aho–Corasick literal
//! prefilter over their literals, and the shape gate that lets a keyword rule fire
//! only on a line shaped like furniture.
//!
//! A rule set is built once per run (user rules are parsed and their regexes checked
//! once, at start-up) and shared: cloning a [`Rules`] clones a reference to the
//! compiled set, never the automaton. Regexes are compiled the first time a line
//! holds one of their literals.

use super::repeated::RepeatedLines;
use super::shape::{
    ends_as_question, has_sentence_punct, squeeze_whitespace, squeezed_chars_at_most,
};
use super::{Evidence, Piece};
use super::{LINE_RULE_MAX_CHARS, NOTICE_MAX_CHARS, SHORT_LINE_CHARS};
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

const BUILTIN: &str = include_str!("../../../data/boilerplate.rules");
const BUILTIN_SOURCE: &str = "data/boilerplate.rules";

/// The largest rules file read (`--boilerplate-rules`), in bytes: a rules file is a
/// few kilobytes; a device or a wrong path (`/dev/zero`) must not be read without end.
pub const RULES_MAX_BYTES: u64 = 1 << 20;

/// How a rule applies (see `data/boilerplate.rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RuleKind {
    Line,
    Notice,
    List,
    Tail,
    Inline,
    Word,
}

/// One rule as written.
#[derive(Debug, Clone)]
pub(super) struct Spec {
    pub(super) kind: RuleKind,
    /// `NAME (FILE:LINE)`, as the report names it.
    label: String,
    /// `FILE:LINE`, for errors.
    at: String,
    literals: Vec<String>,
    pattern: String,
}

/// A rule set: the rules as written, an Aho–Corasick automaton over their literals
/// (the prefilter), and the regexes, each compiled on first use (a user's, at
/// start-up, once). Cloning shares the compiled set (an `Arc`): nothing is rebuilt.
#[derive(Debug, Clone)]
pub struct Rules {
    set: Arc<RuleSet>,
    /// Lines a batch's corpus pass found repeated across many documents (see
    /// [`super::repeated`]); `None` outside a batch or without `--strip-boilerplate`.
    pub(super) repeated: Option<Arc<RepeatedLines>>,
}

/// The literals of one group of rules and their automaton.
#[derive(Debug, Default)]
pub(super) struct Literals {
    lits: Vec<String>,
    /// Literal pattern index → the rules holding that literal (each literal is in
    /// the automaton once).
    owner: Vec<Vec<usize>>,
    ac: Option<AhoCorasick>,
    /// The same literals as a packed (SIMD, Teddy) searcher, leftmost-first, when
    /// the crate builds one (it declines a set of too many literals, and a CPU
    /// without the SIMD it needs): `any_in` asks it directly, without the
    /// automaton's search set-up around the same search (on a short line most of a
    /// call's cost: 455 instructions a call instead of 533 on the lines of
    /// `s6.jsonl`).
    packed: Option<aho_corasick::packed::Searcher>,
    /// Otherwise the same literals as a leftmost-first automaton, for `is_match`,
    /// where it gets the SIMD prefilter that overlapping (standard) search cannot
    /// use.
    quick: Option<AhoCorasick>,
}

impl Literals {
    fn add(&mut self, rule: usize, literals: &[String]) {
        for l in literals {
            match self.lits.iter().position(|x| x == l) {
                Some(at) => self.owner[at].push(rule),
                None => {
                    self.lits.push(l.clone());
                    self.owner.push(vec![rule]);
                }
            }
        }
    }

    fn build(&mut self) {
        let build = |match_kind, kind| {
            (!self.lits.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(match_kind)
                    .kind(kind)
                    .build(&self.lits)
                    .expect("literal automaton")
            })
        };
        // the overlapping automaton only runs on the few lines `quick` found a literal
        // in: a contiguous NFA, which builds in a fraction of a DFA's time (a DFA was
        // most of a one-line run's start-up); `quick` runs on every line and stays
        // the automaton the crate picks
        self.ac = build(MatchKind::Standard, Some(AhoCorasickKind::ContiguousNFA));
        self.packed = (!self.lits.is_empty())
            .then(|| {
                aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(&self.lits)
                    .build()
            })
            .flatten();
        // (the automaton only where the packed searcher was declined)
        if self.packed.is_none() {
            self.quick = build(MatchKind::LeftmostFirst, None);
        }
    }

    /// Whether any literal occurs in `text`.
    fn any_in(&self, text: &str) -> bool {
        match &self.packed {
            Some(p) => p.find(text).is_some(),
            None => self.quick.as_ref().is_some_and(|q| q.is_match(text)),
        }
    }

    /// Whether any literal occurs in the text of the spans of `text` (in order, not
    /// overlapping) that `skip` does not mark and whose trimmed line has at most
    /// `most` bytes: `false` means no literal occurs inside any such line (a
    /// `true` may come from another line: the per-line tests decide). Runs of
    /// such lines are searched as one stretch of `text` (one search a run, not one a
    /// line; a literal found across a line break only answers `true` where the lines
    /// alone would not, which costs the per-line tests that follow, not their
    /// answers). On the Simplified JSONL, lines over the notice shape's 1,200 bytes
    /// hold 18 % of the text, and 98 % of the documents hold no notice literal, so
    /// are searched to their end.
    fn any_in_lines(
        &self,
        text: &str,
        spans: impl Iterator<Item = (usize, usize)>,
        skip: &[bool],
        most: usize,
    ) -> bool {
        if text.len() <= most {
            // (no line is too long: the whole text at once, skipped lines and all,
            // as a short document, a JSONL record of a line, mostly is; a literal
            // in a skipped line only answers `true` where the lines would not)
            return self.any_in(text);
        }
        // the run of lines being gathered: (start, end) in `text`
        let mut run: Option<(usize, usize)> = None;
        for (i, (s, e)) in spans.enumerate() {
            let out = skip[i] || (e - s > most && super::shape::trim(&text[s..e]).len() > most);
            if !out {
                run = Some((run.map_or(s, |r| r.0), e));
                continue;
            }
            if let Some((a, b)) = run.take() {
                if self.any_in(&text[a..b]) {
                    return true;
                }
            }
        }
        run.is_some_and(|(a, b)| self.any_in(&text[a..b]))
    }

    /// [`Literals::any_in`] as it was, by a leftmost-first automaton over the
    /// literals: the test oracle.
    #[cfg(test)]
    fn any_in_by_automaton(&self, text: &str) -> bool {
        !self.lits.is_empty()
            && AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&self.lits)
                .expect("literal automaton")
                .is_match(text)
    }
}

/// The compiled rules behind [`Rules`].
#[derive(Debug)]
pub(super) struct RuleSet {
    pub(super) specs: Vec<Spec>,
    /// The prefilters, one per kind of reach: `line` and `list` rules (tried only on
    /// lines of their shape), `notice` and `tail` rules, `inline` rules (only with
    /// `--strip-boilerplate`). Apart, each group stays small enough for the
    /// automaton's SIMD prefilter, and a document is scanned only by the groups its
    /// lines can fire.
    groups: [Literals; 3],
    /// Rules without literals (`*`), tried on every line.
    always: Vec<usize>,
    /// Whole-line furniture words (whitespace removed); a short line is looked up
    /// in it, so its hasher is the fast one (membership is the same whatever the
    /// hasher).
    words: HashSet<String, crate::fingerprint::FxBuild>,
    /// The first and the last characters of the words, sorted: a line whose
    /// looked-up form (see [`Rules::is_word`]) starts or ends with another character
    /// is no word, decided without building or hashing that form.
    word_ends: (Vec<char>, Vec<char>),
    /// One cell per rule: its regex, compiled the first time a line needs it
    /// (`None` for `word` rules).
    regexes: Vec<OnceLock<Option<Regex>>>,
}

/// The regexes of `specs` (`None` for `word` rules), compiled now: a bad one is an
/// error naming its `FILE:LINE`.
fn compile_now(specs: &[Spec]) -> Result<Vec<Option<Regex>>> {
    specs
        .iter()
        .map(|s| {
            if s.kind == RuleKind::Word {
                return Ok(None);
            }
            Regex::new(&s.pattern)
                .map(Some)
                .map_err(|e| Error::Usage(format!("{}: invalid regex: {e}", s.at)))
        })
        .collect()
}

impl Rules {
    /// The built-in rules (`data/boilerplate.rules`).
    pub fn builtin() -> Rules {
        Rules::compile(
            parse_specs(BUILTIN, BUILTIN_SOURCE).expect("built-in rules are valid"),
            Vec::new(),
        )
    }

    /// The built-in rules plus those in `path`. Errors: the file cannot be read, is
    /// larger than [`RULES_MAX_BYTES`], or a line is not a valid rule (the message
    /// names the file and line). The user's regexes are compiled here, once.
    pub fn with_file(path: &Path) -> Result<Rules> {
        let text = crate::input::read_small_text(path, RULES_MAX_BYTES)?;
        let source = path.display().to_string();
        let user = parse_specs(&text, &source)?;
        // the user's regexes are compiled now, so a bad one is an error at start-up
        let compiled = compile_now(&user)?;
        let mut specs = parse_specs(BUILTIN, BUILTIN_SOURCE).expect("built-in rules are valid");
        let offset = specs.len();
        specs.extend(user);
        let ready = compiled
            .into_iter()
            .enumerate()
            .map(|(k, re)| (offset + k, re))
            .collect();
        Ok(Rules::compile(specs, ready))
    }

    /// Parse rules from `text` (compiling their regexes now); errors name `source`
    /// and the line.
    pub fn parse(text: &str, source: &str) -> Result<Rules> {
        let specs = parse_specs(text, source)?;
        let ready = compile_now(&specs)?.into_iter().enumerate().collect();
        Ok(Rules::compile(specs, ready))
    }

    /// These rules with the lines a batch's corpus pass found repeated (shares the
    /// compiled rules).
    pub fn with_repeated(&self, repeated: Arc<RepeatedLines>) -> Rules {
        Rules {
            set: Arc::clone(&self.set),
            repeated: Some(repeated),
        }
    }

    /// The report's name of rule `i` (an index carried by a decision):
    /// `NAME (FILE:LINE)`.
    pub fn label(&self, i: usize) -> Option<&str> {
        self.set.specs.get(i).map(|s| s.label.as_str())
    }

    /// The kind of rule `i`.
    pub(super) fn kind(&self, i: usize) -> RuleKind {
        self.set.specs[i].kind
    }

    /// `specs` compiled; `ready` holds regexes already compiled (rule index, regex).
    fn compile(specs: Vec<Spec>, ready: Vec<(usize, Option<Regex>)>) -> Rules {
        let mut always = Vec::new();
        let mut words: HashSet<String, crate::fingerprint::FxBuild> = HashSet::default();
        let mut groups: [Literals; 3] = Default::default();
        for (i, s) in specs.iter().enumerate() {
            let g = match s.kind {
                RuleKind::Word => {
                    words.extend(s.literals.iter().cloned());
                    continue;
                }
                RuleKind::Line | RuleKind::List => 0,
                RuleKind::Notice | RuleKind::Tail => 1,
                RuleKind::Inline => 2,
            };
            if s.literals.is_empty() {
                always.push(i);
            }
            groups[g].add(i, &s.literals);
        }
        for g in &mut groups {
            g.build();
        }
        let mut word_ends: (Vec<char>, Vec<char>) = words
            .iter()
            .filter_map(|w| Some((w.chars().next()?, w.chars().next_back()?)))
            .unzip();
        for v in [&mut word_ends.0, &mut word_ends.1] {
            v.sort_unstable();
            v.dedup();
        }
        let regexes: Vec<OnceLock<Option<Regex>>> = specs.iter().map(|_| OnceLock::new()).collect();
        for (i, re) in ready {
            let _ = regexes[i].set(re);
        }
        Rules {
            set: Arc::new(RuleSet {
                specs,
                groups,
                always,
                words,
                word_ends,
                regexes,
            }),
            repeated: None,
        }
    }

    pub(super) fn regex(&self, i: usize) -> Option<&Regex> {
        let s = self.set.specs.get(i)?;
        self.set.regexes[i]
            .get_or_init(|| {
                if s.kind == RuleKind::Word {
                    None
                } else {
                    Regex::new(&s.pattern).ok()
                }
            })
            .as_ref()
    }

    /// Whether any rule's regex has been compiled (a run over text without
    /// furniture words compiles none).
    #[cfg(test)]
    pub(super) fn any_compiled(&self) -> bool {
        self.set.regexes.iter().any(|c| c.get().is_some())
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.set.specs.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.set.specs.is_empty()
    }

    /// For each span of `text` (the paragraphs, in order, not overlapping), the
    /// indexes of the rules whose literals occur in it (and those without literals),
    /// in rule order; empty for the spans `skip` marks. A group of rules is tried
    /// only on the lines of its shape (`line` rules on short lines without sentence
    /// punctuation, `notice` rules on lines of at most 300 characters that are not
    /// questions, `inline` rules only when `inline`), and the small groups first by
    /// one SIMD search before the per-line tests: the `inline` group's over the whole
    /// text, the `notice` group's over the runs of lines its shape can pass (the whole
    /// text when it is no longer than that shape's reach), so that a document without
    /// furniture pays one scan ([`Literals::any_in_lines`]).
    pub(super) fn candidates_in(
        &self,
        text: &str,
        spans: impl ExactSizeIterator<Item = (usize, usize)> + Clone,
        skip: &[bool],
        inline: bool,
    ) -> Candidates {
        let n = spans.len();
        // (a list per line, made at the first candidate: most documents have none;
        // filled by moves, not by `vec![Vec::new(); n]`, which clones the empty
        // vector n times: a call a line)
        let mut out: Vec<Vec<usize>> = Vec::new();
        let sized = |out: &mut Vec<Vec<usize>>| {
            if out.is_empty() {
                out.reserve_exact(n);
                out.resize_with(n, Vec::new);
            }
        };
        // the line as `whole_line` judges it (trimmed, whitespace squeezed), for the
        // shape gates; squeezing never adds or removes sentence punctuation or a
        // final `？`, so those are read on the trimmed line, and the squeezed length
        // is counted without building the squeezed line, stopping past the limit
        let line_shaped = |t: &str| {
            let t = super::shape::trim(t);
            t.len() <= LINE_RULE_MAX_CHARS * 4 * 2
                // (any sentence mark before the count, which passes more of the
                // lines that reach it)
                && !has_sentence_punct(t)
                && squeezed_chars_at_most(t, LINE_RULE_MAX_CHARS)
        };
        let notice_shaped = |t: &str| {
            let t = super::shape::trim(t);
            t.len() <= NOTICE_MAX_CHARS * 4
                && squeezed_chars_at_most(t, NOTICE_MAX_CHARS)
                && !ends_as_question(t)
        };
        let everywhere = |_: &str| true;
        // (the shape test; whether the group is first tried on the text, with the
        // most bytes a trimmed line its shape passes has)
        type Gate<'a> = (&'a dyn Fn(&str) -> bool, Option<usize>);
        let gates: [Gate<'_>; 3] = [
            (&line_shaped, None),
            (&notice_shaped, Some(NOTICE_MAX_CHARS * 4)),
            (&everywhere, Some(usize::MAX)),
        ];
        for (g, (shaped, reach)) in self.set.groups.iter().zip(gates) {
            let Some(ac) = &g.ac else { continue };
            if std::ptr::eq(g, &self.set.groups[2]) && !inline {
                continue;
            }
            let whole_text_first = reach.is_some();
            if reach.is_some_and(|most| !g.any_in_lines(text, spans.clone(), skip, most)) {
                continue;
            }
            let any = |t: &str| g.any_in(t);
            type Test<'a> = &'a dyn Fn(&str) -> bool;
            let (first, second): (Test<'_>, Test<'_>) = if whole_text_first {
                (&any, shaped)
            } else {
                (shaped, &any)
            };
            for (i, (s, e)) in spans.clone().enumerate() {
                // (a skipped line is not tested: its answer is thrown away)
                if skip[i] {
                    continue;
                }
                let t = &text[s..e];
                // the cheaper test first: the shape of a short line, the automaton
                // of a small group
                if !(first(t) && second(t)) {
                    continue;
                }
                for m in ac.find_overlapping_iter(t) {
                    sized(&mut out);
                    out[i].extend_from_slice(&g.owner[m.pattern().as_usize()]);
                }
            }
        }
        if !self.set.always.is_empty() {
            sized(&mut out);
            for (i, o) in out.iter_mut().enumerate() {
                if !skip[i] {
                    o.extend_from_slice(&self.set.always);
                }
            }
        }
        for o in out.iter_mut().filter(|o| o.len() > 1) {
            o.sort_unstable();
            o.dedup();
        }
        Candidates { lines: out, n }
    }

    /// The first whole-line rule (`line`, `notice`, `list`, `tail`) that fires on
    /// `line` (trimmed), given its shape.
    pub(super) fn whole_line(&self, line: &str, cands: &[usize]) -> Option<usize> {
        if cands.is_empty() {
            return None;
        }
        // as tidying will write it (whitespace runs as one space), so that cleaning
        // the output again decides the same
        let squeezed = squeeze_whitespace(line);
        let line: &str = &squeezed;
        let chars = line.chars().count();
        let question = ends_as_question(line);
        cands.iter().copied().find(|&i| {
            let s = &self.set.specs[i];
            let shaped = match s.kind {
                RuleKind::Line | RuleKind::List => {
                    chars <= LINE_RULE_MAX_CHARS && !has_sentence_punct(line)
                }
                RuleKind::Notice | RuleKind::Tail => chars <= NOTICE_MAX_CHARS && !question,
                RuleKind::Inline | RuleKind::Word => false,
            };
            shaped
                && self.regex(i).is_some_and(|re| match s.kind {
                    RuleKind::Notice | RuleKind::Tail => {
                        re.find(line).is_some_and(|m| m.start() == 0)
                    }
                    _ => re.is_match(line),
                })
        })
    }

    /// Whether `line` (trimmed) is a furniture word.
    pub(super) fn is_word(&self, line: &str) -> bool {
        if line.len() > SHORT_LINE_CHARS * 4 {
            return false;
        }
        let seps = |c| matches!(c, '·' | '|' | '｜' | '>' | '＞' | '<' | '＜');
        // the looked-up form (whitespace removed, separators trimmed off its ends)
        // starts with the line's first character that is neither whitespace nor a
        // separator and ends with the last such: a word must start and end so (an
        // empty form is no word: no word is empty)
        let kept = |c: &char| !c.is_whitespace() && !seps(*c);
        let (first, last) = &self.set.word_ends;
        let ends_fit = line
            .chars()
            .find(kept)
            .is_some_and(|c| first.binary_search(&c).is_ok())
            && line
                .chars()
                .rev()
                .find(kept)
                .is_some_and(|c| last.binary_search(&c).is_ok());
        if !ends_fit || line.chars().count() > SHORT_LINE_CHARS {
            return false;
        }
        if !line.contains(char::is_whitespace) {
            return self.set.words.contains(line.trim_matches(seps));
        }
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        self.set.words.contains(squeezed.trim_matches(seps))
    }

    /// Byte spans of the inline rules' matches in `line`, with the evidence and the
    /// rule (its index).
    pub(super) fn inline(&self, line: &str, cands: &[usize], out: &mut Vec<Piece>) {
        for &i in cands {
            if self.set.specs[i].kind != RuleKind::Inline {
                continue;
            }
            if let Some(re) = self.regex(i) {
                out.extend(
                    re.find_iter(line)
                        .filter(|m| m.start() < m.end())
                        .map(|m| (m.start(), m.end(), Evidence::Rule, Some(i))),
                );
            }
        }
    }
}

fn parse_specs(text: &str, source: &str) -> Result<Vec<Spec>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let bad = |what: String| Error::Usage(format!("{source}:{}: {what}", n + 1));
        let mut rest = l;
        let mut field = || {
            let t = rest.trim_start();
            let end = t.find(char::is_whitespace).unwrap_or(t.len());
            let (f, r) = t.split_at(end);
            rest = r;
            f
        };
        let kind = match field() {
            "line" => RuleKind::Line,
            "notice" => RuleKind::Notice,
            "list" => RuleKind::List,
            "tail" => RuleKind::Tail,
            "inline" => RuleKind::Inline,
            "word" => RuleKind::Word,
            other => {
                return Err(bad(format!(
                "unknown rule kind `{other}` (expected line, notice, list, tail, inline or word; \
                     a rule is `KIND NAME LITERALS REGEX`)"
            )))
            }
        };
        let name = field();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(bad(format!(
                "rule name `{name}` must be letters, digits, `_` or `-` (a rule is `KIND NAME LITERALS REGEX`)"
            )));
        }
        let lits = field();
        if lits.is_empty() {
            return Err(bad("missing LITERALS (`*` for none)".to_string()));
        }
        let literals: Vec<String> = if lits == "*" {
            Vec::new()
        } else {
            lits.split('|')
                .filter(|s| !s.is_empty())
                .map(|s| s.replace("\\s", " "))
                .collect()
        };
        let pattern = rest.trim().to_string();
        match kind {
            RuleKind::Word if !pattern.is_empty() => {
                return Err(bad("a `word` rule takes no REGEX".to_string()))
            }
            RuleKind::Word if literals.is_empty() => {
                return Err(bad("a `word` rule needs its words as LITERALS".to_string()))
            }
            RuleKind::Word => {}
            _ if pattern.is_empty() => return Err(bad("missing REGEX".to_string())),
            _ => {}
        }
        out.push(Spec {
            kind,
            label: format!("{name} ({source}:{})", n + 1),
            at: format!("{source}:{}", n + 1),
            literals,
            pattern,
        });
    }
    Ok(out)
}

/// The rules worth trying on each line of a document ([`Rules::candidates_in`]):
/// for line `i` (`0..n`), the indexes of the rules, in rule order.
pub(super) struct Candidates {
    /// A list per line, or none at all when no line has a candidate (then every
    /// line's list is empty: the same answers without the allocation).
    lines: Vec<Vec<usize>>,
    /// The number of lines.
    n: usize,
}

impl Candidates {
    /// The candidate rules of line `i` (`i < n`), in rule order; empty for none.
    pub(super) fn of(&self, i: usize) -> &[usize] {
        debug_assert!(i < self.n, "line {i} of {}", self.n);
        self.lines.get(i).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests;
