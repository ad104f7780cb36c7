//! Lines repeated across the documents of a batch, as furniture evidence (issue 14):
//! owns the furniture shape such a line must have, the corpus pass's count, and the
//! set the detector looks lines up in.
//!
//! With `--strip-boilerplate` on a folder or JSONL batch, the batch is read twice
//! (`crate::batch_lines`): a **corpus pass** feeds every document to a
//! [`LineCounter`], which counts, for each furniture-shaped line, the documents it
//! occurs in; then every document is cleaned with the finished [`RepeatedLines`].
//! So the first document is judged exactly like the last, the result does not depend
//! on the order of the documents or on `-j`, and a second run gives the same bytes.
//!
//! A line is repeated furniture when all of these hold (precision first; measured on
//! `news.jsonl`, see the README's “Boilerplate”):
//!
//! - **shape** ([`shaped`]): at most [`SHORT_LINE_CHARS`] characters, a letter in
//!   it, no sentence punctuation, no digit (a date, a dateline `新华社北京1月29日电`,
//!   a numbered heading `10.国内联播快讯：`), no `：` and not ending in `:` `，` `、`
//!   (a label, a lead-in: `本期节目主要内容：`, `央视网消息（新闻联播）：`), not a
//!   credit or byline (`记者 …`, `文/…`);
//! - **count**: it occurs in at least [`REPEATED_MIN_DOCS`] documents with different
//!   bodies (the body is told by its longest line, so copies of one article count
//!   once: their headline and subtitle are not furniture however often the article
//!   was scraped);
//! - **neighbourhood** (in the detector): it stands in a run of adjacent furniture
//!   lines with at least one other repeated line in it (`爱范儿 |`, `原文链接 ·`,
//!   `查看评论 ·`, `新浪微博`), so a heading repeated alone between paragraphs of
//!   content (`中华人民共和国主席 习近平` before a signed article, `金融Finance`
//!   over a magazine section) stays.
//!
//! Memory: the counter keeps each distinct shaped line once (about 100 bytes with
//! the body fingerprints, at most [`REPEATED_MIN_DOCS`] of them per line): 2.3 MB for
//! `news.jsonl`'s 22,000 distinct short lines; the finished set keeps only the lines
//! over the threshold.

use super::shape::{has_sentence_punct, squeeze_whitespace};
use super::SHORT_LINE_CHARS;
use crate::detect::evidence::is_han;
use crate::fingerprint::{fast_hash, FxBuild, FxHashMap};
use std::borrow::Cow;
use std::collections::HashSet;

/// A line is repeated furniture when it occurs in at least this many documents (with
/// different bodies). In `news.jsonl` (30,056 documents) no content line in a run of
/// repeated lines reaches 5 (a headline with its subtitle, in 4 bulletins), and the
/// furniture found occurs in 19 to 95; 10 leaves a margin of two on the content side.
pub const REPEATED_MIN_DOCS: usize = 10;

/// Starts of a credit or byline: the line names a person or a source, and stays.
const CREDIT_STARTS: &[&str] = &[
    "记者",
    "記者",
    "作者",
    "编辑",
    "編輯",
    "责编",
    "責編",
    "摄影",
    "攝影",
    "通讯员",
    "通訊員",
    "撰文",
    "主持人",
    "口述",
    "整理",
    "来源",
    "來源",
    "本报",
    "本報",
    "文/",
    "文／",
    "图/",
    "图／",
    "圖/",
    "圖／",
    "文|",
    "文｜",
    "图|",
    "图｜",
    "圖|",
    "圖｜",
];

/// `line` as the corpus pass and the detector compare it (trimmed, whitespace runs
/// as one space), when it is shaped like furniture (see the module docs); `None`
/// otherwise.
pub fn shaped(line: &str) -> Option<Cow<'_, str>> {
    let t = line.trim();
    if t.is_empty() || t.len() > SHORT_LINE_CHARS * 4 {
        return None;
    }
    let t = squeeze_whitespace(t);
    let s: &str = &t;
    let ok = s.chars().count() <= SHORT_LINE_CHARS
        && s.chars().any(|c| is_han(c) || c.is_alphabetic())
        && !has_sentence_punct(s)
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !s.contains('：')
        && !s.ends_with([':', '，', ',', '、'])
        && !CREDIT_STARTS.iter().any(|p| s.starts_with(p));
    ok.then_some(t)
}

/// Whether `line` holds a date or a time of day (`2019-09-09`, `2026年1月29日`,
/// `16:01`): a line next to it is part of a byline.
pub fn has_date(line: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    line.bytes().any(|b| b.is_ascii_digit())
        && RE
            .get_or_init(|| {
                regex::Regex::new(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}")
                    .expect("valid regex")
            })
            .is_match(line)
}

/// The corpus pass's count: for each furniture-shaped line, the bodies of the
/// documents it occurs in (fingerprints, at most [`REPEATED_MIN_DOCS`]).
#[derive(Debug, Default)]
pub struct LineCounter {
    table: FxHashMap<Box<str>, Vec<u64>>,
    documents: usize,
}

impl LineCounter {
    /// An empty count.
    pub fn new() -> Self {
        Self::default()
    }

    /// Count the furniture-shaped lines of one document (each once, however often
    /// the document repeats it). Lines are split at `\n`, `\r\n` and `\r`.
    pub fn add_document(&mut self, text: &str) {
        self.documents += 1;
        let lines = text.split(['\n', '\r']);
        let body = lines
            .clone()
            .map(str::trim)
            .max_by_key(|l| l.len())
            .map_or(0, fast_hash);
        let mut seen: HashSet<Cow<'_, str>, FxBuild> = HashSet::default();
        for l in lines {
            if let Some(s) = shaped(l) {
                seen.insert(s);
            }
        }
        for s in seen {
            let bodies = match self.table.get_mut(&*s) {
                Some(b) => b,
                None => self.table.entry(s.into()).or_default(),
            };
            if bodies.len() < REPEATED_MIN_DOCS && !bodies.contains(&body) {
                bodies.push(body);
            }
        }
    }

    /// Add another count (of other documents) to this one. Whether a line reaches
    /// [`REPEATED_MIN_DOCS`] does not depend on how the documents were split.
    pub fn merge(&mut self, other: LineCounter) {
        self.documents += other.documents;
        for (line, bodies) in other.table {
            let mine = self.table.entry(line).or_default();
            for b in bodies {
                if mine.len() < REPEATED_MIN_DOCS && !mine.contains(&b) {
                    mine.push(b);
                }
            }
        }
    }

    /// Documents counted.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Distinct furniture-shaped lines seen.
    pub fn distinct(&self) -> usize {
        self.table.len()
    }

    /// The lines that occur in at least [`REPEATED_MIN_DOCS`] documents.
    pub fn finish(self) -> RepeatedLines {
        let lines = self
            .table
            .into_iter()
            .filter(|(_, b)| b.len() >= REPEATED_MIN_DOCS)
            .map(|(l, _)| l)
            .collect();
        RepeatedLines { lines }
    }
}

/// Furniture-shaped lines that occur in many documents of a batch (see the module
/// docs). Looked up by exact text (no hash is trusted alone).
#[derive(Debug, Default)]
pub struct RepeatedLines {
    lines: HashSet<Box<str>, FxBuild>,
}

impl RepeatedLines {
    /// Whether `line` (as written in a document) is one of the repeated lines.
    pub fn contains(&self, line: &str) -> bool {
        !self.lines.is_empty() && shaped(line).is_some_and(|s| self.lines.contains(&*s))
    }

    /// Number of repeated lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether no line is repeated often enough.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_keeps_datelines_headings_and_credits_out() {
        for l in [
            "新华社北京1月29日电",
            "2026年01月27日",
            "本期节目主要内容：",
            "10.国内联播快讯：",
            "记者 辛圆",
            "文/张三",
            "---",
            "他说，我们会回来的。",
            "这是一个超过十六个字的很长很长的标题行不是家具",
        ] {
            assert!(shaped(l).is_none(), "{l}");
        }
        for l in ["爱范儿 |", "原文链接 ·", "新浪微博", "  查看评论   · "] {
            assert!(shaped(l).is_some(), "{l}");
        }
        assert_eq!(shaped("  查看评论   · ").as_deref(), Some("查看评论 ·"));
        assert!(has_date("2019-09-09 16:01:46") && has_date("2026年1月29日"));
        assert!(!has_date("新京报") && !has_date("第3期"));
    }

    fn doc(i: usize) -> String {
        format!("正文第{i}段，内容各不相同，这是第{i}篇文章的主体。\n原文链接 ·\n查看评论 ·\n")
    }

    #[test]
    fn counted_once_per_body_and_order_free() {
        let mut one = LineCounter::new();
        for i in 0..REPEATED_MIN_DOCS {
            one.add_document(&doc(i));
        }
        let set = one.finish();
        assert!(set.contains("原文链接 ·") && set.contains(" 查看评论 · "));
        assert_eq!(set.len(), 2);
        // copies of one article count once
        let mut copies = LineCounter::new();
        for _ in 0..REPEATED_MIN_DOCS * 3 {
            copies.add_document(&doc(1));
        }
        assert!(copies.finish().is_empty());
        // split in two counts and merged: the same set
        let (mut a, mut b) = (LineCounter::new(), LineCounter::new());
        for i in 0..REPEATED_MIN_DOCS {
            if i % 3 == 0 { &mut a } else { &mut b }.add_document(&doc(i));
        }
        b.merge(a);
        assert_eq!(b.documents(), REPEATED_MIN_DOCS);
        assert_eq!(b.finish().len(), 2);
    }
}
