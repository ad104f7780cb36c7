//! Boilerplate: lines (and pieces of lines) that are page furniture, not article text
//! (share widgets, `责任编辑：…`, copyright notices, `相关新闻` lists, HTML remnants).
//!
//! Rules live in one data file, `boilerplate_rules.txt` (embedded; Simplified and
//! Traditional forms), which users extend with `--boilerplate-rules FILE` in the same
//! format. Without `--strip-boilerplate` nothing is removed and whole boilerplate
//! lines are only counted (`boilerplate_candidates`); with it they are removed as kind
//! `boilerplate`, and inline pieces (HTML remnants, share widgets inside a line) too.
//! Cost: the rule regexes run once per non-blank line, after a cheap length check.

use super::{exact::is_heading_like, Analysis, Decision, Kind};
use crate::config::Config;
use crate::error::{Error, Result};
use regex::{Regex, RegexSet};
use std::path::Path;

const BUILTIN: &str = include_str!("boilerplate_rules.txt");

/// The largest rules file read (`--boilerplate-rules`), in bytes: a rules file is a
/// few kilobytes; a device or a wrong path (`/dev/zero`) must not be read without end.
pub const RULES_MAX_BYTES: u64 = 1 << 20;

/// Lines longer than this (in bytes) are article text, never whole-line boilerplate.
const MAX_LINE_BYTES: usize = 400;

/// How a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleKind {
    Line,
    List,
    Inline,
}

/// A compiled rule set. Whole-line rules are tested together in one pass
/// ([`RegexSet`]); inline rules are joined into one alternation.
#[derive(Debug, Clone)]
pub struct Rules {
    rules: Vec<(RuleKind, Regex)>,
    line_set: RegexSet,
    line_kinds: Vec<RuleKind>,
    inline: Option<Regex>,
}

impl Rules {
    /// The built-in rules.
    pub fn builtin() -> Rules {
        Rules::parse(BUILTIN, "built-in boilerplate rules").expect("built-in rules are valid")
    }

    /// The built-in rules plus those in `path`.
    pub fn with_file(path: &Path) -> Result<Rules> {
        let text = crate::input::read_small_text(path, RULES_MAX_BYTES)?;
        let mut rules = Rules::builtin().rules;
        rules.extend(Rules::parse(&text, &path.display().to_string())?.rules);
        Ok(Rules::compile(rules))
    }

    /// Parse rules; errors name the source and line.
    pub fn parse(text: &str, source: &str) -> Result<Rules> {
        let mut rules = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (kind, re) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            let kind = match kind {
                "line" => RuleKind::Line,
                "list" => RuleKind::List,
                "inline" => RuleKind::Inline,
                other => {
                    return Err(Error::Usage(format!(
                        "{source}:{}: unknown rule kind `{other}` (expected line, list or inline)",
                        n + 1
                    )))
                }
            };
            let re = Regex::new(re.trim())
                .map_err(|e| Error::Usage(format!("{source}:{}: invalid regex: {e}", n + 1)))?;
            rules.push((kind, re));
        }
        Ok(Rules::compile(rules))
    }

    fn compile(rules: Vec<(RuleKind, Regex)>) -> Rules {
        let lines: Vec<&(RuleKind, Regex)> = rules
            .iter()
            .filter(|(k, _)| *k != RuleKind::Inline)
            .collect();
        let line_set = RegexSet::new(lines.iter().map(|(_, r)| r.as_str()))
            .expect("each rule compiled on its own");
        let line_kinds = lines.iter().map(|(k, _)| *k).collect();
        let inline: Vec<String> = rules
            .iter()
            .filter(|(k, _)| *k == RuleKind::Inline)
            .map(|(_, r)| format!("(?:{})", r.as_str()))
            .collect();
        let inline = (!inline.is_empty())
            .then(|| Regex::new(&inline.join("|")).expect("each rule compiled on its own"));
        Rules {
            rules,
            line_set,
            line_kinds,
            inline,
        }
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    fn whole_line(&self, line: &str) -> Option<RuleKind> {
        let t = line.trim();
        if t.len() > MAX_LINE_BYTES {
            return None;
        }
        if !self.line_set.is_match(t) {
            return None;
        }
        self.line_set
            .matches(t)
            .iter()
            .next()
            .map(|i| self.line_kinds[i])
    }

    fn inline<'t>(&'t self, line: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        self.inline
            .iter()
            .flat_map(move |re| re.find_iter(line).map(|m| (m.start(), m.end())))
    }
}

/// Find boilerplate. With `--strip-boilerplate`, returns removals and marks removed
/// lines in `removed`; otherwise returns no removals and the number of candidates.
pub fn lines(
    a: &Analysis<'_>,
    cfg: &Config,
    rules: &Rules,
    removed: &mut [bool],
) -> (Vec<Decision>, usize) {
    let mut out = Vec::new();
    let mut candidates = 0;
    let mut i = 0;
    while i < a.paras.len() {
        let p = &a.paras[i];
        let text = &a.text[p.start..p.end];
        if let Some(kind) = rules.whole_line(text) {
            let mut last = i;
            if kind == RuleKind::List {
                while last + 1 < a.paras.len() {
                    let q = &a.paras[last + 1];
                    if !is_heading_like(&a.text[q.start..q.end], q.key_chars) {
                        break;
                    }
                    last += 1;
                }
            }
            candidates += last - i + 1;
            if cfg.strip_boilerplate {
                for r in removed.iter_mut().take(last + 1).skip(i) {
                    *r = true;
                }
                out.push(decision(
                    a,
                    super::exact::para_run_span(a, i, last),
                    (p.start, a.paras[last].end),
                    i..=last,
                ));
            }
            i = last + 1;
            continue;
        }
        if !cfg.strip_boilerplate {
            // inline pieces are only looked for when they are to be removed: counting
            // them would cost a scan of every line for a statistic about lines
            i += 1;
            continue;
        }
        let mut spans: Vec<(usize, usize)> = rules.inline(text).filter(|s| s.0 < s.1).collect();
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(m) if s.0 <= m.1 => m.1 = m.1.max(s.1),
                _ => merged.push(s),
            }
        }
        candidates += merged.len();
        {
            for (s, e) in merged {
                let span = (p.start + s, p.start + e);
                out.push(Decision {
                    kind: Kind::Boilerplate,
                    evidence: super::Evidence::Rule,
                    span,
                    content: span,
                    kept: (0, 0),
                    similarity: 1.0,
                    key_parts: vec![a.key_of(span)],
                });
            }
        }
        i += 1;
    }
    (out, candidates)
}

fn decision(
    a: &Analysis<'_>,
    span: (usize, usize),
    content: (usize, usize),
    paras: std::ops::RangeInclusive<usize>,
) -> Decision {
    Decision {
        kind: Kind::Boilerplate,
        evidence: super::Evidence::Rule,
        span,
        content,
        kept: (0, 0),
        similarity: 1.0,
        key_parts: paras.map(|i| a.key(i)).collect(),
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

    #[test]
    fn furniture_is_found_in_both_scripts() {
        let text = "正文第一段。\n分享到：微信 微博\n责任编辑：张迪\n版權所有 未經授權不得轉載\n延伸閱讀\n某某新聞標題一\n某某新聞標題二\n";
        let (d, n) = run(text, true);
        assert_eq!(n, 6);
        let kept = crate::clean::cut(text, &d);
        assert_eq!(kept, "正文第一段。\n");
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
    fn inline_html_and_widgets() {
        let text = "記者王明／攝影   分享       facebook   本報訊&nbsp;今天<br/>天氣晴。\n";
        let (d, n) = run(text, true);
        assert_eq!(n, 3);
        assert_eq!(
            crate::clean::cut(text, &d),
            "記者王明／攝影      本報訊今天天氣晴。\n"
        );
    }

    #[test]
    fn bad_user_rule_names_file_and_line() {
        let e = Rules::parse("line ([\n", "my.rules")
            .unwrap_err()
            .to_string();
        assert!(e.contains("my.rules:1"), "{e}");
    }
}
