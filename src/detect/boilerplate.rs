//! Boilerplate: lines (and pieces of lines) that are page furniture, not article text.
//! Owns the furniture decision: keyword rules, the shapes that gate them, link-list
//! runs, HTML tags and script remnants.
//!
//! A line is furniture by **shape and position**, not by a word alone:
//!
//! - a keyword rule (`data/boilerplate.rules`, Simplified and Traditional forms,
//!   extended with `--boilerplate-rules FILE`) fires only on a line shaped like
//!   furniture: a `line` rule on a short line with no sentence punctuation (so
//!   `编辑：您为什么选择回到家乡创业？` and a court sentence mentioning `版权所有人`
//!   stay), a `notice` rule only from the start of the line; evidence `rule`, with
//!   the rule named in the report;
//! - a **link list** is a run of at least [`MIN_RUN_LINES`] short lines (at most
//!   [`SHORT_LINE_CHARS`] characters, no sentence punctuation) in which at least a
//!   quarter of the lines are furniture words (`登录`, `跟贴`, `微信`) or keyword
//!   lines; at the start or end of the page one such line is enough (evidence
//!   `link_list` or `page_edge`);
//! - **markup**: a real HTML tag (`<br>`, `<p class=…>`, `</div>`, also written with
//!   entities: `&lt;br&gt;`), by the element names of the HTML standard. An
//!   angle-bracketed word in prose (`List<String>`, `Map<K, V>`) is not a tag
//!   (evidence `markup`);
//! - **script remnants**: from a browser-script call (`document.write(`,
//!   `document.getElementById`, …) to the end of the line, when that stretch holds no
//!   Han character (evidence `script`).
//!
//! HTML entities are never boilerplate: they are decoded when lines are tidied
//! (`normalize::entities`), with or without `--strip-boilerplate`.
//!
//! Without `--strip-boilerplate` nothing is removed and whole furniture lines are
//! only counted (`boilerplate_candidates`). Cost: one Aho–Corasick scan per line
//! (the rules' literals) and a character scan for the shape; a rule's regex runs only
//! on a line holding one of its literals, and the regexes are compiled the first time
//! a line needs one (never, for text without furniture words).

use super::evidence::{is_han, is_heading_like};
use super::{Analysis, Decision, Evidence, Kept, Kind};
use crate::config::Config;
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../data/boilerplate.rules");
const BUILTIN_SOURCE: &str = "data/boilerplate.rules";

/// The largest rules file read (`--boilerplate-rules`), in bytes: a rules file is a
/// few kilobytes; a device or a wrong path (`/dev/zero`) must not be read without end.
pub const RULES_MAX_BYTES: u64 = 1 << 20;

/// A `line` rule fires only on a line of at most this many characters.
pub const LINE_RULE_MAX_CHARS: usize = 60;
/// A `notice` rule fires only on a line of at most this many characters.
pub const NOTICE_MAX_CHARS: usize = 300;
/// A line of a link list has at most this many characters.
pub const SHORT_LINE_CHARS: usize = 16;
/// A link list has at least this many lines.
pub const MIN_RUN_LINES: usize = 3;
/// A run of at least this many short lines is a link list when a tenth of its lines
/// are furniture (a shorter one needs a quarter).
pub const LONG_RUN_LINES: usize = 10;
/// A `tail` block has at most this many lines after its first…
pub const TAIL_MAX_LINES: usize = 8;
/// …and at most this many characters in all.
pub const TAIL_MAX_CHARS: usize = 600;

/// How a rule applies (see `data/boilerplate.rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleKind {
    Line,
    Notice,
    List,
    Tail,
    Inline,
    Word,
}

/// One rule as written.
#[derive(Debug, Clone)]
struct Spec {
    kind: RuleKind,
    /// `NAME (FILE:LINE)`, as the report names it.
    label: String,
    /// `FILE:LINE`, for errors.
    at: String,
    literals: Vec<String>,
    pattern: String,
}

/// A rule set: the rules as written, an Aho–Corasick automaton over their literals
/// (the prefilter), and the regexes, compiled on first use.
#[derive(Debug)]
pub struct Rules {
    specs: Vec<Spec>,
    /// Literal pattern index → the rules holding that literal (each literal is in
    /// the automaton once, so that it stays small enough for its SIMD prefilter).
    owner: Vec<Vec<usize>>,
    prefilter: Option<AhoCorasick>,
    /// Rules without literals (`*`), tried on every line.
    always: Vec<usize>,
    /// Whole-line furniture words (whitespace removed).
    words: HashSet<String>,
    regexes: OnceLock<Vec<Option<Regex>>>,
}

impl Clone for Rules {
    fn clone(&self) -> Self {
        Rules::compile(self.specs.clone())
    }
}

impl Rules {
    /// The built-in rules (`data/boilerplate.rules`).
    pub fn builtin() -> Rules {
        Rules::compile(parse_specs(BUILTIN, BUILTIN_SOURCE).expect("built-in rules are valid"))
    }

    /// The built-in rules plus those in `path`. Errors: the file cannot be read, is
    /// larger than [`RULES_MAX_BYTES`], or a line is not a valid rule (the message
    /// names the file and line).
    pub fn with_file(path: &Path) -> Result<Rules> {
        let text = crate::input::read_small_text(path, RULES_MAX_BYTES)?;
        let source = path.display().to_string();
        let user = parse_specs(&text, &source)?;
        // the user's regexes are checked now, so a bad one is an error at start-up
        for s in &user {
            if s.kind != RuleKind::Word {
                Regex::new(&s.pattern)
                    .map_err(|e| Error::Usage(format!("{}: invalid regex: {e}", s.at)))?;
            }
        }
        let mut specs = parse_specs(BUILTIN, BUILTIN_SOURCE).expect("built-in rules are valid");
        specs.extend(user);
        Ok(Rules::compile(specs))
    }

    /// Parse rules from `text`; errors name `source` and the line.
    pub fn parse(text: &str, source: &str) -> Result<Rules> {
        let specs = parse_specs(text, source)?;
        for s in &specs {
            if s.kind != RuleKind::Word {
                Regex::new(&s.pattern)
                    .map_err(|e| Error::Usage(format!("{}: invalid regex: {e}", s.at)))?;
            }
        }
        Ok(Rules::compile(specs))
    }

    fn compile(specs: Vec<Spec>) -> Rules {
        let mut lits = Vec::new();
        let mut owner: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut words = HashSet::new();
        for (i, s) in specs.iter().enumerate() {
            if s.kind == RuleKind::Word {
                words.extend(s.literals.iter().cloned());
                continue;
            }
            if s.literals.is_empty() {
                always.push(i);
            }
            for l in &s.literals {
                match lits.iter().position(|x: &String| x == l) {
                    Some(at) => owner[at].push(i),
                    None => {
                        lits.push(l.clone());
                        owner.push(vec![i]);
                    }
                }
            }
        }
        let prefilter = (!lits.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&lits)
                .expect("literal automaton")
        });
        Rules {
            specs,
            owner,
            prefilter,
            always,
            words,
            regexes: OnceLock::new(),
        }
    }

    fn regex(&self, i: usize) -> Option<&Regex> {
        self.regexes
            .get_or_init(|| {
                self.specs
                    .iter()
                    .map(|s| (s.kind != RuleKind::Word).then(|| Regex::new(&s.pattern).ok())?)
                    .collect()
            })
            .get(i)?
            .as_ref()
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.specs.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.specs.is_empty()
    }

    /// Indexes of the rules whose literals occur in `line` (and those without
    /// literals), in rule order.
    fn candidates(&self, line: &str) -> Vec<usize> {
        let Some(ac) = &self.prefilter else {
            return self.always.clone();
        };
        if self.always.is_empty() && !ac.is_match(line) {
            // the common case: no furniture word in the line, nothing allocated
            return Vec::new();
        }
        let mut out = self.always.clone();
        {
            for m in ac.find_overlapping_iter(line) {
                out.extend_from_slice(&self.owner[m.pattern().as_usize()]);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The first whole-line rule (`line`, `notice`, `list`, `tail`) that fires on
    /// `line` (trimmed), given its shape.
    fn whole_line(&self, line: &str, cands: &[usize]) -> Option<usize> {
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
            let s = &self.specs[i];
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
    fn is_word(&self, line: &str) -> bool {
        if line.chars().count() > SHORT_LINE_CHARS {
            return false;
        }
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let w = squeezed.trim_matches(|c| matches!(c, '·' | '|' | '｜' | '>' | '＞' | '<' | '＜'));
        self.words.contains(w)
    }

    /// The label (`NAME (FILE:LINE)`) of the first rule that matches `text`: for
    /// whole-line rules the trimmed first line, for inline rules the text itself.
    /// Used to name the rule behind a removal in the report.
    pub fn explain(&self, text: &str) -> Option<String> {
        let first = text.lines().next().unwrap_or("").trim();
        let cands = self.candidates(first);
        if let Some(i) = self.whole_line(first, &cands) {
            return Some(self.specs[i].label.clone());
        }
        let cands = self.candidates(text);
        cands
            .into_iter()
            .find(|&i| {
                self.specs[i].kind == RuleKind::Inline
                    && self.regex(i).is_some_and(|re| re.is_match(text))
            })
            .map(|i| self.specs[i].label.clone())
    }

    /// Byte spans of the inline rules' matches in `line`, with the rule.
    fn inline(&self, line: &str, cands: &[usize], out: &mut Vec<(usize, usize, Evidence)>) {
        for &i in cands {
            if self.specs[i].kind != RuleKind::Inline {
                continue;
            }
            if let Some(re) = self.regex(i) {
                out.extend(
                    re.find_iter(line)
                        .filter(|m| m.start() < m.end())
                        .map(|m| (m.start(), m.end(), Evidence::Rule)),
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

/// `line` with every run of whitespace (NBSP and U+3000 included) written as one
/// space; borrowed when there is no such run.
fn squeeze_whitespace(line: &str) -> std::borrow::Cow<'_, str> {
    let ws = |c: char| c.is_whitespace() || c == '\u{A0}';
    let mut prev = false;
    let needs = line.chars().any(|c| {
        let w = ws(c);
        let run = w && (prev || c != ' ');
        prev = w;
        run
    });
    if !needs {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut prev = false;
    for c in line.chars() {
        if ws(c) {
            if !prev {
                out.push(' ');
            }
            prev = true;
        } else {
            out.push(c);
            prev = false;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Sentence punctuation anywhere in the line.
fn has_sentence_punct(line: &str) -> bool {
    line.contains(['。', '！', '？', '!', '?', '；', ';', '｡'])
}

/// The line ends as a question (closing quotes and brackets aside).
fn ends_as_question(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '）', ')'])
        .ends_with(['？', '?'])
}

/// A line of a link list: short, no sentence punctuation, not ending as a clause
/// (`，` `、`).
fn is_short_line(line: &str) -> bool {
    line.chars().count() <= SHORT_LINE_CHARS
        && !has_sentence_punct(line)
        && !line.ends_with(['，', ',', '、'])
}

/// A headline-like line inside a link list (a feed's item titles): at most
/// [`MEDIUM_LINE_CHARS`] characters, no `。` or `；`, not ending as a clause. It belongs to a run only between two short lines, and only after the
/// body has begun: before it, a medium line is the page's headline or subtitle.
fn is_medium_line(line: &str) -> bool {
    line.chars().count() <= MEDIUM_LINE_CHARS
        && !line.contains(['。', '；', ';', '｡'])
        && !line.ends_with(['，', ',', '、', '：', ':'])
}

/// A medium line has at most this many characters.
pub const MEDIUM_LINE_CHARS: usize = 40;

/// Running text: a line with a full stop and at least [`PROSE_MIN_CHARS`]
/// characters (a headline, even one ending in `？` or `！`, has no full stop). The
/// first and last such line bound the body; a run of short lines outside them is at
/// the page's edge.
fn is_prose(line: &str) -> bool {
    line.chars().count() >= PROSE_MIN_CHARS && line.contains(['。', '｡'])
}

/// A prose line has at least this many characters.
pub const PROSE_MIN_CHARS: usize = 20;

/// What became of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// Not furniture.
    Content,
    /// A furniture word (evidence for a run, never removed alone).
    Word,
    /// Short and unpunctuated (a possible link-list line).
    Short,
    /// Headline-like (a feed item's title), see [`is_medium_line`].
    Medium,
    /// Fired a whole-line rule.
    Rule,
}

/// Find boilerplate. With `--strip-boilerplate`, returns removals and marks removed
/// lines in `removed`; otherwise returns no removals and the number of whole lines
/// that would go (`boilerplate_candidates`).
pub fn lines(
    a: &Analysis<'_>,
    cfg: &Config,
    rules: &Rules,
    removed: &mut [bool],
) -> (Vec<Decision>, usize) {
    let n = a.paras.len();
    let text_of = |i: usize| a.text[a.paras[i].start..a.paras[i].end].trim();
    let mut class = vec![Line::Content; n];
    let mut fired: Vec<Option<usize>> = vec![None; n];
    let mut cands: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        if removed[i] {
            continue;
        }
        let t = text_of(i);
        cands[i] = rules.candidates(t);
        if let Some(r) = rules.whole_line(t, &cands[i]) {
            class[i] = Line::Rule;
            fired[i] = Some(r);
        } else if t.len() > MEDIUM_LINE_CHARS * 4 {
            // more bytes than a medium line can have characters: running text
        } else if rules.is_word(t) {
            class[i] = Line::Word;
        } else if is_short_line(t) {
            class[i] = Line::Short;
        } else if is_medium_line(t) {
            class[i] = Line::Medium;
        }
    }
    let live = |i: usize| !removed[i];
    let body_start = (0..n)
        .find(|&i| live(i) && is_prose(text_of(i)))
        .unwrap_or(n);
    let body_end = (0..n).rev().find(|&i| live(i) && is_prose(text_of(i)));
    // whole-line removals: (first, last, evidence)
    let mut runs: Vec<(usize, usize, Evidence)> = Vec::new();
    let mut taken = vec![false; n];
    // keyword rules with their own reach: lists and tails
    for i in 0..n {
        let Some(r) = fired[i] else { continue };
        if taken[i] {
            continue;
        }
        let mut last = i;
        match rules.specs[r].kind {
            RuleKind::List => {
                while last + 1 < n && !removed[last + 1] {
                    let q = &a.paras[last + 1];
                    if !is_heading_like(&a.text[q.start..q.end], q.key_chars) {
                        break;
                    }
                    last += 1;
                }
            }
            RuleKind::Tail => {
                let rest = (i + 1..n).filter(|&j| !removed[j]).count();
                let chars: usize = (i..n).map(|j| text_of(j).chars().count()).sum();
                if rest <= TAIL_MAX_LINES && chars <= TAIL_MAX_CHARS {
                    last = n - 1;
                }
            }
            _ => {}
        }
        for t in taken.iter_mut().take(last + 1).skip(i) {
            *t = true;
        }
        runs.push((i, last, Evidence::Rule));
    }
    // link lists: runs of short lines, words and keyword lines
    let mut i = 0;
    while i < n {
        if removed[i] || class[i] == Line::Content {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && !removed[j + 1] && class[j + 1] != Line::Content {
            j += 1;
        }
        let next = j + 1;
        // a medium line belongs to a run only between two shorter ones
        while i <= j && class[i] == Line::Medium {
            i += 1;
        }
        while j > i && class[j] == Line::Medium {
            j -= 1;
        }
        // and a run is bounded by its furniture: the short lines beyond its first
        // and last furniture line may be the article's (a byline, a caption, the
        // first words of a paragraph broken off by the page's markup)
        while i <= j && !matches!(class[i], Line::Word | Line::Rule) {
            i += 1;
        }
        while j > i && !matches!(class[j], Line::Word | Line::Rule) {
            j -= 1;
        }
        if i > j || !matches!(class[i], Line::Word | Line::Rule) {
            i = next;
            continue;
        }
        let len = j - i + 1;
        let furniture = (i..=j)
            .filter(|&k| matches!(class[k], Line::Word | Line::Rule))
            .count();
        let edge = j < body_start || body_end.is_none_or(|e| i > e);
        if len >= MIN_RUN_LINES
            && furniture >= 1
            && (edge || furniture * 4 >= len || (len >= LONG_RUN_LINES && furniture * 10 >= len))
        {
            let ev = if edge && furniture * 4 < len {
                Evidence::PageEdge
            } else {
                Evidence::LinkList
            };
            // the stretches of the run no rule took already (before the body, not
            // its headline-like lines)
            let before_body = j < body_start;
            let free: Vec<bool> = (i..=j)
                .map(|k| !(taken[k] || (before_body && class[k] == Line::Medium)))
                .collect();
            let mut k = i;
            while k <= j {
                if !free[k - i] {
                    k += 1;
                    continue;
                }
                let mut s = k;
                while k < j && free[k + 1 - i] {
                    k += 1;
                }
                let next_k = k + 1;
                // a stretch that a kept headline bounds is bounded by furniture on
                // that side, too (a dateline and source after the headline stay)
                let furn = |x: usize| matches!(class[x], Line::Word | Line::Rule);
                let headline = |x: usize| (i..=j).contains(&x) && class[x] == Line::Medium;
                let cut_left = s > 0 && headline(s - 1);
                let cut_right = headline(k + 1);
                if cut_left {
                    while s < k && !furn(s) {
                        s += 1;
                    }
                }
                if cut_right {
                    while k > s && !furn(k) {
                        k -= 1;
                    }
                }
                if !(cut_left || cut_right) || furn(s) {
                    runs.push((s, k, ev));
                    for t in taken.iter_mut().take(k + 1).skip(s) {
                        *t = true;
                    }
                }
                k = next_k;
            }
        }
        i = next;
    }
    runs.sort_unstable_by_key(|r| r.0);
    let candidates: usize = runs.iter().map(|r| r.1 - r.0 + 1).sum();
    if !cfg.strip_boilerplate {
        // inline pieces are only looked for when they are to be removed
        return (Vec::new(), candidates);
    }
    let mut out = Vec::new();
    for &(s, e, ev) in &runs {
        for r in removed.iter_mut().take(e + 1).skip(s) {
            *r = true;
        }
        out.push(decision(
            a,
            super::para_run_span(a, s, e),
            (a.paras[s].start, a.paras[e].end),
            s..=e,
            ev,
        ));
    }
    let mut pieces = 0;
    for i in 0..n {
        if removed[i] {
            continue;
        }
        let p = &a.paras[i];
        let line = &a.text[p.start..p.end];
        let mut spans = Vec::new();
        rules.inline(line, &cands[i], &mut spans);
        markup(line, &mut spans);
        script(line, &mut spans);
        spans.sort_unstable_by_key(|s| (s.0, s.1));
        let mut merged: Vec<(usize, usize, Evidence)> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(m) if s.0 < m.1 => m.1 = m.1.max(s.1),
                _ => merged.push(s),
            }
        }
        pieces += merged.len();
        for (s, e, ev) in merged {
            let span = (p.start + s, p.start + e);
            out.push(Decision {
                kind: Kind::Boilerplate,
                evidence: ev,
                span,
                content: span,
                kept: Kept::None,
                similarity: 1.0,
                key_parts: vec![a.key_of(span)],
            });
        }
    }
    (out, candidates + pieces)
}

fn decision(
    a: &Analysis<'_>,
    span: (usize, usize),
    content: (usize, usize),
    paras: std::ops::RangeInclusive<usize>,
    evidence: Evidence,
) -> Decision {
    Decision {
        kind: Kind::Boilerplate,
        evidence,
        span,
        content,
        kept: Kept::None,
        similarity: 1.0,
        key_parts: paras.map(|i| a.key(i)).collect(),
    }
}

/// The element names of the HTML standard (WHATWG, living standard, with the
/// obsolete ones scraped pages still carry: `font`, `center`, `tt`, …).
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

fn tag_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?:<|&lt;)(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*\s*/?)(?:>|&gt;)"#,
        )
        .expect("valid regex")
    })
}

/// Real HTML tags in `line`: an element name of the standard, written all in lower
/// case or all in upper case (`<br>`, `<BR>`, `<p class="x">`, `</div>`, `<br/>`);
/// `<String>`, `<Map>` and `<K, V>` are words in brackets, not tags.
fn markup(line: &str, out: &mut Vec<(usize, usize, Evidence)>) {
    if !line.contains('<') && !line.contains("&lt;") {
        return;
    }
    for c in tag_regex().captures_iter(line) {
        let name = &c[2];
        let lower = name.to_ascii_lowercase();
        let one_case = name == lower || name == name.to_ascii_uppercase();
        if one_case && HTML_ELEMENTS.binary_search(&lower.as_str()).is_ok() {
            let m = c.get(0).expect("whole match");
            out.push((m.start(), m.end(), Evidence::Markup));
        }
    }
}

/// Browser-script calls that start a script remnant.
const SCRIPT_STARTS: &[&str] = &[
    "document.write(",
    "document.getElementById(",
    "document.getElementsByTagName(",
    "window.location",
    "var _hmt",
    "(function(",
];

/// A script remnant: from the first browser-script call to the next Han character
/// (or the end of the line), when that stretch holds at least two of `;{}` (with the
/// spaces around it). Prose about a script (`document.write("你好")会写入文字`) has
/// no code marks before its next Han character, and stays.
fn script(line: &str, out: &mut Vec<(usize, usize, Evidence)>) {
    let Some(at) = SCRIPT_STARTS.iter().filter_map(|s| line.find(s)).min() else {
        return;
    };
    let rest = &line[at..];
    let end = at + rest.find(is_han).unwrap_or(rest.len());
    let code = &line[at..end];
    let code_marks = code
        .chars()
        .filter(|c| matches!(c, ';' | '{' | '}'))
        .count();
    if code_marks >= 2 {
        let start = line[..at].trim_end().len();
        let end = if end == line.len() {
            end
        } else {
            line[..end].trim_end().len()
        };
        out.push((start, end, Evidence::Script));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::script::ScriptTables;

    fn run(text: &str, strip: bool) -> (Vec<Decision>, usize) {
        let a = Analysis::new(text, ScriptTables::get());
        let mut removed = vec![false; a.paras.len()];
        let cfg = Config {
            strip_boilerplate: strip,
            ..Config::default()
        };
        lines(&a, &cfg, &Rules::builtin(), &mut removed)
    }

    fn kept(text: &str) -> String {
        let (d, _) = run(text, true);
        crate::clean::cut(text, &d)
    }

    #[test]
    fn builtin_rules_all_compile() {
        let r = Rules::builtin();
        for (i, s) in r.specs.iter().enumerate() {
            if s.kind != RuleKind::Word {
                assert!(r.regex(i).is_some(), "{}", s.label);
            }
        }
        assert!(r.len() > 20);
        let mut sorted = HTML_ELEMENTS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, HTML_ELEMENTS, "binary search needs sorted names");
    }

    #[test]
    fn furniture_is_found_in_both_scripts() {
        let text = "正文第一段。\n分享到：微信 微博\n责任编辑：张迪\n版權所有 未經授權不得轉載\n延伸閱讀\n某某新聞標題一\n某某新聞標題二\n";
        let (d, n) = run(text, true);
        assert_eq!(n, 6);
        assert_eq!(crate::clean::cut(text, &d), "正文第一段。\n");
    }

    #[test]
    fn without_the_flag_only_counted() {
        let (d, n) = run("正文。\n分享到：\n", false);
        assert!(d.is_empty());
        assert_eq!(n, 1);
    }

    #[test]
    fn body_sentences_mentioning_sharing_stay() {
        let (_, n) = run("他分享遺願，稱死後將把骨灰撒在海裡。\n点击进入专题页面之后可以看到全部内容，编辑说这是新设计。\n", true);
        assert_eq!(n, 0);
    }

    #[test]
    fn lookalikes_are_content() {
        for t in [
            "编辑：您为什么选择回到家乡创业？\n",
            "法院审理认为，涉案作品版权所有人为原告，被告擅自使用构成侵权。\n",
            "在Java中，List<String>表示元素为字符串的列表，Map<K, V>表示映射。\n",
            "用 HashMap<Map, List> 保存。\n",
        ] {
            assert_eq!(kept(t), t);
        }
    }

    #[test]
    fn editor_credit_with_a_bar() {
        assert_eq!(kept("正文。\n编辑 | 张三\n"), "正文。\n");
        assert_eq!(kept("正文。\n責任編輯：李四\n"), "正文。\n");
    }

    #[test]
    fn real_tags_go_words_in_brackets_stay() {
        assert_eq!(
            kept("今天<br/>天氣晴。<p class=\"x\">好</p>&lt;br&gt;List<String>\n"),
            "今天天氣晴。好List<String>\n"
        );
        assert_eq!(kept("A<BR>B<Br>C\n"), "AB<Br>C\n");
    }

    #[test]
    fn entities_are_not_boilerplate() {
        let t = "Lenny&#39;s 15% &#8211; 20% &#8220;好&#8221;&nbsp;了\n";
        assert_eq!(kept(t), t);
    }

    #[test]
    fn share_widget_one_item_per_line() {
        assert_eq!(
            kept("正文一段很长的文字。\n分享到：\n微信\n微博\nQQ空间\n"),
            "正文一段很长的文字。\n"
        );
    }

    #[test]
    fn short_lines_without_furniture_words_stay() {
        let t = "天气预报如下。\n北京 晴 25℃\n天津 多云 24℃\n上海 小雨 22℃\n广州 雷阵雨 30℃\n以上为今日预报。\n";
        assert_eq!(kept(t), t);
        let verse = "床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n";
        assert_eq!(kept(verse), verse);
    }

    #[test]
    fn script_tail_goes_prose_about_script_stays() {
        assert_eq!(
            kept("正文。 document.write(\"\"); var x = 1; function f() { }\n"),
            "正文。\n"
        );
        let t = "在网页中，document.write(\"你好\")会写入文字；{ } 也常见。\n";
        assert_eq!(kept(t), t);
    }

    #[test]
    fn spaced_footer_and_copyright_inline() {
        assert_eq!(
            kept("正文。 人 民 网 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用 Copyright © 1997-2026 by www.people.com.cn all rights reserved\n"),
            "正文。  \n"
        );
    }

    #[test]
    fn disclaimer_tail() {
        assert_eq!(
            kept("正文。\n*免责声明：\n本文内容仅代表作者看法。\n市场有风险，投资需谨慎。\n关注获取更多资讯\n"),
            "正文。\n"
        );
    }

    #[test]
    fn bad_user_rule_names_file_and_line() {
        let e = Rules::parse("# c\nline x * ([\n", "my.rules")
            .unwrap_err()
            .to_string();
        assert!(e.contains("my.rules:2"), "{e}");
        let e = Rules::parse("line ^foo$\n", "my.rules")
            .unwrap_err()
            .to_string();
        assert!(e.contains("my.rules:1"), "{e}");
        let e = Rules::parse("lines x * y\n", "my.rules")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("my.rules:1") && e.contains("unknown rule kind"),
            "{e}"
        );
    }

    #[test]
    fn plain_text_compiles_no_rule() {
        let rules = Rules::builtin();
        let text = "国家统计局今天发布数据，一季度国内生产总值同比增长5.3%。\n专家认为，消费和投资都有明显回升，出版业也在恢复。\n";
        let a = Analysis::new(text, ScriptTables::get());
        let mut removed = vec![false; a.paras.len()];
        for strip in [false, true] {
            let cfg = Config {
                strip_boilerplate: strip,
                ..Config::default()
            };
            let (d, n) = lines(&a, &cfg, &rules, &mut removed);
            assert!(d.is_empty() && n == 0);
        }
        assert!(
            rules.regexes.get().is_none(),
            "no literal hit, no regex compiled"
        );
    }

    #[test]
    fn explain_names_the_rule() {
        let r = Rules::builtin();
        let l = r.explain("责任编辑：张迪").expect("a rule");
        assert!(l.starts_with("editor (data/boilerplate.rules:"), "{l}");
    }
}
