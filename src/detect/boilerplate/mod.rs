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

pub mod repeated;
mod rules;
mod shape;

pub use repeated::{LineCounter, RepeatedLines, REPEATED_MIN_DOCS};
pub use rules::{Rules, RULES_MAX_BYTES};
pub use shape::{MEDIUM_LINE_CHARS, PROSE_MIN_CHARS};

use super::evidence::is_heading_like;
use super::{Analysis, Decision, Evidence, Kept, Kind};
use crate::config::Config;
use rules::RuleKind;
use shape::{is_medium_line, is_prose, is_short_line, markup, script};

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

/// A piece of a line found furniture: byte span in the line, evidence, and the
/// rule that fired (its index), if a rule did.
type Piece = (usize, usize, Evidence, Option<usize>);

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
    let text_of = |i: usize| shape::trim(&a.text[a.paras[i].start..a.paras[i].end]);
    // (each line `Content` until classed; the vector made at the first furniture
    // line, or after the exit below: it is only written before that exit, and most
    // documents have no furniture line and leave there)
    let mut class: Vec<Line> = Vec::new();
    let classify = |class: &mut Vec<Line>, i: usize, l: Line| {
        if class.is_empty() {
            class.resize(n, Line::Content);
        }
        class[i] = l;
    };
    // the lines a whole-line rule fired on, in line order, with the rule (few: a
    // list, not a vector per line)
    let mut fired: Vec<(usize, usize)> = Vec::new();
    let spans = a.paras.iter().map(|p| (p.start, p.end));
    let cands = rules.candidates_in(a.text, spans, removed, cfg.strip_boilerplate);
    // first the lines that can be evidence (a rule's line, a furniture word)
    // notices that go on into a sentence after their copyright credit: only the
    // notice goes, as a piece of the line
    // (one cell per line, allocated at the first such notice: most documents have none)
    let mut notices: Vec<Option<Piece>> = Vec::new();
    let mut any = false;
    for i in 0..n {
        if removed[i] {
            continue;
        }
        let t = text_of(i);
        if let Some(r) = rules.whole_line(t, cands.of(i)) {
            let p = &a.paras[i];
            let line = &a.text[p.start..p.end];
            if matches!(rules.kind(r), RuleKind::Notice | RuleKind::Tail) {
                if let Some(end) = credit_then_sentence(line) {
                    let start = line.len() - line.trim_start().len();
                    if notices.is_empty() {
                        notices.resize(n, None);
                    }
                    notices[i] = Some((start, end, Evidence::Rule, Some(r)));
                    continue;
                }
            }
            classify(&mut class, i, Line::Rule);
            fired.push((i, r));
            any = true;
        } else if rules.is_word(t) {
            classify(&mut class, i, Line::Word);
            any = true;
        }
    }
    if !any && (!cfg.strip_boilerplate || rules.repeated.is_none()) {
        // no run can form (each needs a furniture line): without the flag nothing
        // is counted, with it only pieces of lines are left to find
        if !cfg.strip_boilerplate {
            return (Vec::new(), 0);
        }
        return pieces(a, rules, &cands, &notices, removed, Vec::new());
    }
    class.resize(n, Line::Content);
    for i in 0..n {
        if removed[i] || class[i] != Line::Content {
            continue;
        }
        let t = text_of(i);
        if t.len() > MEDIUM_LINE_CHARS * 4 {
            // more bytes than a medium line can have characters: running text
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
    let mut runs: Vec<(usize, usize, Evidence, Option<usize>)> = Vec::new();
    let mut taken = vec![false; n];
    // keyword rules with their own reach: lists and tails
    for &(i, r) in &fired {
        if taken[i] {
            continue;
        }
        let mut last = i;
        match rules.kind(r) {
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
        runs.push((i, last, Evidence::Rule, Some(r)));
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
                    runs.push((s, k, ev, None));
                    for t in taken.iter_mut().take(k + 1).skip(s) {
                        *t = true;
                    }
                }
                k = next_k;
            }
        }
        i = next;
    }
    if let Some(rep) = rules.repeated.as_deref() {
        // the live paragraphs before and after each one
        let prev = |i: usize| (0..i).rev().find(|&k| !removed[k]);
        let next = |i: usize| (i + 1..n).find(|&k| !removed[k]);
        repeated_runs(n, &class, removed, &mut taken, &mut runs, |i| {
            // a byline's parts stay: the value of a label (`来源:` / `新京报`) and a
            // source next to its date (`南方都市报` / `2019-09-09 16:01:46`)
            let label_value = prev(i).is_some_and(|k| text_of(k).ends_with([':', '：']));
            let dated = prev(i)
                .into_iter()
                .chain(next(i))
                .any(|k| repeated::has_date(text_of(k)));
            !label_value && !dated && rep.contains(text_of(i))
        });
    }
    runs.sort_unstable_by_key(|r| r.0);
    let candidates: usize = runs.iter().map(|r| r.1 - r.0 + 1).sum();
    if !cfg.strip_boilerplate {
        // inline pieces are only looked for when they are to be removed
        return (Vec::new(), candidates);
    }
    let mut out = Vec::new();
    for &(s, e, ev, rule) in &runs {
        for r in removed.iter_mut().take(e + 1).skip(s) {
            *r = true;
        }
        out.push(decision(
            a,
            super::para_run_span(a, s, e),
            (a.paras[s].start, a.paras[e].end),
            s..=e,
            ev,
            rule,
        ));
    }
    let (out, pieces) = pieces(a, rules, &cands, &notices, removed, out);
    (out, candidates + pieces)
}

/// The byte offset in `line` where a notice's copyright credit ends (`©`, the
/// holder's name up to the next space, and that space), when a sentence follows it on the same line
/// (CJK text ending in sentence punctuation): `▌本文来源：…制图/蒋秋飞 ©央视新闻 2月，你好！`
/// is a source notice and then the post's own line. `None` when the line has no
/// credit or nothing but furniture follows it (`© 2024 央视新闻 版权所有`): then the
/// notice is the whole line.
fn credit_then_sentence(line: &str) -> Option<usize> {
    let at = line.rfind('©')?;
    let holder = &line[at + '©'.len_utf8()..];
    let holder = holder.trim_start();
    let len = holder.find(char::is_whitespace)?;
    let end = line.len() - holder.len() + len;
    let rest = line[end..].trim();
    // the notice takes the space that parted it from the sentence
    let end = line.len() - line[end..].trim_start().len();
    let sentence = rest.chars().any(crate::normalize::text::is_cjk)
        && rest.ends_with(['。', '！', '？', '!', '?']);
    sentence.then_some(end)
}

/// `out` with the pieces of the lines not removed whole that are furniture (inline
/// rules, markup, script remnants, the notices [`credit_then_sentence`] cuts), and
/// their number. `notices` is empty or has a cell per line.
fn pieces(
    a: &Analysis<'_>,
    rules: &Rules,
    cands: &rules::Candidates,
    notices: &[Option<Piece>],
    removed: &[bool],
    mut out: Vec<Decision>,
) -> (Vec<Decision>, usize) {
    let mut pieces = 0;
    for (i, p) in a.paras.iter().enumerate() {
        if removed[i] {
            continue;
        }
        let line = &a.text[p.start..p.end];
        let mut spans: Vec<Piece> = notices.get(i).copied().flatten().into_iter().collect();
        rules.inline(line, cands.of(i), &mut spans);
        markup(line, &mut spans);
        script(line, &mut spans);
        spans.sort_unstable_by_key(|s| (s.0, s.1));
        let mut merged: Vec<Piece> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(m) if s.0 < m.1 => m.1 = m.1.max(s.1),
                _ => merged.push(s),
            }
        }
        pieces += merged.len();
        for (s, e, ev, rule) in merged {
            let span = (p.start + s, p.start + e);
            out.push(Decision {
                kind: Kind::Boilerplate,
                evidence: ev,
                span: span.into(),
                content: span.into(),
                kept: Kept::None,
                similarity: 1.0,
                key_parts: vec![a.key_of(span)],
                rule,
            });
        }
    }
    (out, pieces)
}

/// Lines repeated across the batch (see [`repeated`]): a run of adjacent lines, each
/// a repeated line (`is_repeated`), a furniture word or a rule's line, with at least
/// two repeated lines in it, is furniture; its stretches no other rule took go as
/// evidence `batch_repeated`. A repeated line alone (a heading between paragraphs)
/// stays.
fn repeated_runs(
    n: usize,
    class: &[Line],
    removed: &[bool],
    taken: &mut [bool],
    runs: &mut Vec<(usize, usize, Evidence, Option<usize>)>,
    is_repeated: impl Fn(usize) -> bool,
) {
    let rep: Vec<bool> = (0..n).map(|i| !removed[i] && is_repeated(i)).collect();
    if rep.iter().filter(|&&r| r).count() < 2 {
        return;
    }
    let furniture = |i: usize| rep[i] || matches!(class[i], Line::Word | Line::Rule);
    let mut i = 0;
    while i < n {
        if removed[i] || !furniture(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && !removed[j + 1] && furniture(j + 1) {
            j += 1;
        }
        if (i..=j).filter(|&k| rep[k]).count() >= 2 {
            let mut k = i;
            while k <= j {
                if taken[k] {
                    k += 1;
                    continue;
                }
                let s = k;
                while k < j && !taken[k + 1] {
                    k += 1;
                }
                runs.push((s, k, Evidence::BatchRepeated, None));
                for t in taken.iter_mut().take(k + 1).skip(s) {
                    *t = true;
                }
                k += 1;
            }
        }
        i = j + 1;
    }
}

fn decision(
    a: &Analysis<'_>,
    span: (usize, usize),
    content: (usize, usize),
    paras: std::ops::RangeInclusive<usize>,
    evidence: Evidence,
    rule: Option<usize>,
) -> Decision {
    Decision {
        kind: Kind::Boilerplate,
        evidence,
        span: span.into(),
        content: content.into(),
        kept: Kept::None,
        similarity: 1.0,
        key_parts: paras.map(|i| a.key(i)).collect(),
        rule,
    }
}

/// The element names of the HTML standard (WHATWG, living standard, with the
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
    fn a_notice_ends_at_its_credit_and_the_sentence_after_it_stays() {
        // rss004479 of ../shared/corpus/news.jsonl (shortened)
        let line = "▌本文来源：央视新闻微信公众号（ID：cctvnewscenter）监制/王元\u{a0}©央视新闻\u{a0}2月，你好！\n";
        assert_eq!(kept(line), "2月，你好！\n");
        // without --strip-boilerplate no whole line is a candidate
        assert_eq!(run(line, false).1, 0);
        // a credit with nothing after it but furniture: the notice is the line
        assert_eq!(
            kept("正文。\n▌本文来源：央视新闻 ©央视新闻 版权所有\n"),
            "正文。\n"
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
        assert!(!rules.any_compiled(), "no literal hit, no regex compiled");
    }

    #[test]
    fn repeated_lines_go_in_runs_alone_or_as_bylines_they_stay() {
        let mut counter = LineCounter::new();
        let doc = |i: usize| {
            format!(
                "第{i}篇文章的正文写在这里，内容彼此不同。\n来源:\n新京报\n举报\n第{i}篇的第二段，也不一样。\n金融Finance\n第{i}篇的第三段，还是不一样。\n爱范儿 |\n原文链接 ·\n"
            )
        };
        for i in 0..REPEATED_MIN_DOCS {
            counter.add_document(&doc(i));
        }
        let rules = Rules::builtin().with_repeated(std::sync::Arc::new(counter.finish()));
        let text = doc(99);
        let a = Analysis::new(&text, ScriptTables::get());
        let mut removed = vec![false; a.paras.len()];
        let cfg = Config {
            strip_boilerplate: true,
            ..Config::default()
        };
        let (d, _) = lines(&a, &cfg, &rules, &mut removed);
        assert!(d.iter().any(|d| d.evidence == Evidence::BatchRepeated));
        assert_eq!(
            crate::clean::cut(&text, &d),
            "第99篇文章的正文写在这里，内容彼此不同。\n来源:\n新京报\n举报\n第99篇的第二段，也不一样。\n金融Finance\n第99篇的第三段，还是不一样。\n"
        );
        // without the batch's count, nothing of it goes
        let (d, _) = lines(&a, &cfg, &Rules::builtin(), &mut vec![false; a.paras.len()]);
        assert!(d.iter().all(|d| d.evidence != Evidence::BatchRepeated));
    }
}
