//! Exact duplicates on matching keys: repeated paragraphs, runs of them (`block`), and
//! repeated sentences inside and across paragraphs.
//!
//! Paragraphs: one pass with a hash map from key hash to earlier paragraphs; at a hit,
//! the run is extended while the following keys keep matching. Cost is linear in the
//! number of paragraphs plus the total length of the runs found, except for a key that
//! occurs k times, which costs O(k) candidates per occurrence (bounded by
//! [`MAX_CANDIDATES`]). Sentences: one pass, one hash lookup per sentence.
//!
//! Sentences need more evidence than their length when they stand alone: a repeated
//! sentence is removed when it directly follows its first copy (a stutter), when it
//! belongs to a run of repeated sentences, or when its key has at least twice
//! `min_sentence_chars` characters. A lone, shorter sentence repeated further away is
//! how news leads quote their bodies and speeches close on their opening line, so it
//! stays. Likewise a lone heading line is removed only next to its first copy (far
//! from it, it is a table of contents or a section title). A heading line is never
//! matched sentence by sentence (a body that repeats
//! its headline is natural); heading lines are compared as paragraphs only.
//!
//! Which copy survives (`--keep auto`): the earlier one, except when the two copies are
//! separated by nothing but one to three heading-like lines (short, no sentence-ending
//! punctuation). That is the scraped “body, headline, body” shape: keeping the later
//! copy puts the headline back in front of its body.

use super::{keep_later, Analysis, Decision, Kind};
use crate::config::{Config, KeepPolicy};
use crate::detect::near::NEAR_MIN_CHARS;
use crate::fingerprint::FxHashMap;
use crate::segment;

/// At most this many earlier occurrences of one key are tried as run starts.
pub const MAX_CANDIDATES: usize = 64;
/// A heading between two copies has at most this many key characters.
pub const MAX_HEADING_CHARS: usize = 64;
/// At most this many heading lines may separate two copies for `auto` to keep the later.
pub const MAX_HEADING_LINES: usize = 3;

/// Whether a line reads as a heading: short, with no full stop inside and no
/// sentence-ending punctuation at its end (closing quotes and brackets aside).
pub fn is_heading_like(text: &str, key_chars: usize) -> bool {
    if key_chars == 0 || key_chars > MAX_HEADING_CHARS || text.contains(['。', '｡']) {
        return false;
    }
    let t = text
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '）', ')']);
    !t.ends_with(['！', '？', '.', '!', '?', '…', '；', ';'])
}

/// Whether `auto` keeps the later of two runs at positions `[p, p+len)` and
/// `[i, i+len)` of `idx` (the paragraphs still in play).
fn auto_keeps_later(a: &Analysis<'_>, idx: &[usize], p: usize, i: usize, len: usize) -> bool {
    let gap = p + len..i;
    !gap.is_empty()
        && gap.len() <= MAX_HEADING_LINES
        && gap.clone().all(|g| {
            let para = &a.paras[idx[g]];
            is_heading_like(&a.text[para.start..para.end], para.key_chars)
        })
}

/// Where the removal of paragraphs `[first, last]` starts and ends: from the start of
/// the first line to the start of the next non-blank line, so no empty line is left
/// behind. At the very end of a text without a final line break, the break before
/// the run goes with it instead.
pub fn para_run_span(a: &Analysis<'_>, first: usize, last: usize) -> (usize, usize) {
    let start = a.lines[a.paras[first].line].start;
    let end = a.after_para(last);
    let at_end = last + 1 == a.paras.len();
    let text_ends_with_break = a.text.ends_with(['\n', '\r']);
    if at_end && !text_ends_with_break && first > 0 {
        (a.paras[first - 1].end, a.text.len())
    } else {
        (start, end)
    }
}

/// Repeated paragraphs and blocks. Marks removed paragraphs in `removed`.
///
/// Runs again over what is left until nothing more is found (at most
/// [`MAX_PASSES`] times): removing a copy can bring two runs of repeats together that
/// were separated by it, and cleaning must give the same result when run twice.
pub fn paragraphs(a: &Analysis<'_>, cfg: &Config, removed: &mut [bool]) -> Vec<Decision> {
    let mut out = Vec::new();
    for _ in 0..MAX_PASSES {
        let idx: Vec<usize> = (0..a.paras.len())
            .filter(|&i| !removed[i] && a.paras[i].key_chars > 0)
            .collect();
        let found = paragraph_pass(a, cfg, &idx, removed);
        if found.is_empty() {
            break;
        }
        out.extend(found);
    }
    out.sort_by_key(|d| d.span);
    out
}

/// Passes of [`paragraphs`] over what is left.
pub const MAX_PASSES: usize = 4;

/// One pass over the paragraphs `idx` (positions below are positions in `idx`).
fn paragraph_pass(
    a: &Analysis<'_>,
    cfg: &Config,
    idx: &[usize],
    removed: &mut [bool],
) -> Vec<Decision> {
    let n = idx.len();
    let para = |k: usize| &a.paras[idx[k]];
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut out = Vec::new();
    let mut gone = vec![false; n];
    let mut i = 0;
    while i < n {
        let (mut len, mut from, mut sims) = (0, 0, Vec::new());
        if let Some(cands) = seen.get(&para(i).hash) {
            for &p in cands.iter().rev().take(MAX_CANDIDATES) {
                if gone[p] || !a.same_para(idx[p], idx[i]) {
                    continue;
                }
                let run = extend_run(a, cfg, idx, &gone, p, i);
                if run.len() > len || (run.len() == len && p < from) {
                    (len, from, sims) = (run.len(), p, run);
                }
            }
        }
        let total: usize = (i..i + len).map(|d| para(d).key_chars).sum();
        // evidence: a long paragraph, or a run of three or more; two short captions
        // that happen to repeat together (“▲ 离电测试 / ▲ 连电测试”) are not enough
        let long = (i..i + len).any(|d| para(d).key_chars >= cfg.min_paragraph_chars);
        // a lone heading repeated far from its copies is a table of contents or a
        // section title, not a scraping defect; right after a copy it is one
        let after_copy = i > 0 && a.same_para(idx[i - 1], idx[i]);
        let far_heading = len == 1
            && !after_copy
            && is_heading_like(&a.text[para(i).start..para(i).end], para(i).key_chars);
        if len == 0 || total < cfg.min_paragraph_chars || (len < 3 && !long) || far_heading {
            seen.entry(para(i).hash).or_default().push(i);
            i += 1;
            continue;
        }
        let later = keep_later(cfg.keep, auto_keeps_later(a, idx, from, i, len));
        let (rem, kept) = if later { (from, i) } else { (i, from) };
        for g in gone.iter_mut().skip(rem).take(len) {
            *g = true;
        }
        // the last one or two paragraphs of a page repeated at the start of the next
        let stitch = from + len == i && from > 0 && i + len < n && len <= 2;
        let weight: usize = (rem..rem + len).map(|d| para(d).key_chars).sum();
        let similarity = (rem..rem + len)
            .zip(&sims)
            .map(|(d, s)| s * para(d).key_chars as f64)
            .sum::<f64>()
            / weight.max(1) as f64;
        let kind = if stitch {
            Kind::Stitch
        } else if len >= 2 {
            Kind::Block
        } else {
            Kind::Paragraph
        };
        let kept_span = (para(kept).start, para(kept + len - 1).end);
        // a run may pass over paragraphs an earlier pass removed: one removal per
        // stretch of paragraphs not yet removed
        let mut first = rem;
        for k in rem..rem + len {
            let last_of_stretch =
                k + 1 == rem + len || (idx[k] + 1..idx[k + 1]).any(|q| removed[q]);
            if last_of_stretch {
                out.push(Decision {
                    kind,
                    span: para_run_span(a, idx[first], idx[k]),
                    content: (para(first).start, para(k).end),
                    kept: kept_span,
                    similarity: round4(similarity),
                    key_parts: (first..=k).map(|d| a.key(idx[d])).collect(),
                });
                first = k + 1;
            }
        }
        for d in i..i + len {
            seen.entry(para(d).hash).or_default().push(d);
        }
        i += len;
    }
    for (k, g) in gone.iter().enumerate() {
        if *g {
            removed[idx[k]] = true;
        }
    }
    out
}

/// Extend a run that starts with the exact pair `(p, i)`: the following pairs must
/// match exactly or, when both are long enough, as near-duplicates (a doubled body
/// whose second copy has a few edits stays one block). Returns each pair's similarity.
fn extend_run(
    a: &Analysis<'_>,
    cfg: &Config,
    idx: &[usize],
    gone: &[bool],
    p: usize,
    i: usize,
) -> Vec<f64> {
    let n = idx.len();
    let mut sims = vec![1.0];
    let mut l = 1;
    while i + l < n && p + l < i && !gone[p + l] {
        let (x, y) = (idx[p + l], idx[i + l]);
        if a.same_para(x, y) {
            sims.push(1.0);
        } else if a.paras[y].key_chars >= NEAR_MIN_CHARS && a.paras[x].key_chars >= NEAR_MIN_CHARS {
            let s = a.near_similarity(x, y);
            if s < cfg.near_threshold {
                break;
            }
            sims.push(s);
        } else {
            break;
        }
        l += 1;
    }
    sims
}

/// Round to four decimals, as reported.
pub fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// One sentence found again.
struct Hit {
    span: (usize, usize),
    /// The first copy, which survives.
    kept: (usize, usize),
    /// The nearest earlier copy (possibly removed itself): adjacency and runs are
    /// judged against it, so `S S S` is one stutter and not a distant repeat.
    prev: (usize, usize),
    key: String,
}

/// Repeated sentences in the paragraphs that survive `paragraphs`.
pub fn sentences(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &[bool],
    inline: &[Decision],
) -> Vec<Decision> {
    let mut order: Vec<usize> = (0..a.paras.len()).filter(|&i| !removed[i]).collect();
    let backwards = cfg.keep == KeepPolicy::Last;
    if backwards {
        order.reverse();
    }
    // key hash -> (first, kept sentence with that key; the latest occurrence)
    let mut seen: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    let mut out = Vec::new();
    for &pi in &order {
        let para = &a.paras[pi];
        if para.key_chars < cfg.min_sentence_chars
            || is_heading_like(&a.text[para.start..para.end], para.key_chars)
        {
            continue;
        }
        let (s0, s1) = para.sentences;
        let mut idx: Vec<usize> = (s0..s1).collect();
        if backwards {
            idx.reverse();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for si in idx {
            let span = a.sentences[si].span;
            if inline
                .iter()
                .any(|d| d.span.0 < span.1 && span.0 < d.span.1)
            {
                continue; // inside a copy removed as a doubled body
            }
            if a.sentences[si].key_chars < cfg.min_sentence_chars {
                continue;
            }
            let h = a.sentences[si].hash;
            match seen.get_mut(&h) {
                Some((k, latest)) if a.same_sentence(*k, si) => {
                    hits.push(Hit {
                        span: a.sentences[si].span,
                        kept: a.sentences[*k].span,
                        prev: a.sentences[*latest].span,
                        key: a.sentence_key(si),
                    });
                    *latest = si;
                }
                Some(_) => {} // hash collision: never remove on it
                None => {
                    seen.insert(h, (si, si));
                }
            }
        }
        if !hits.is_empty() {
            out.extend(merge_hits(a, pi, hits, cfg.min_sentence_chars));
        }
    }
    out
}

/// Merge adjacent hits whose kept copies are adjacent too (a repeated run of
/// sentences is one removal), and let the removal of a whole line take its line break.
fn merge_hits(a: &Analysis<'_>, pi: usize, mut hits: Vec<Hit>, min_chars: usize) -> Vec<Decision> {
    hits.sort_by_key(|h| h.span);
    // (decision, span of the nearest earlier copies of its sentences)
    let mut runs: Vec<(Decision, (usize, usize))> = Vec::new();
    for h in hits {
        if let Some((last, prev)) = runs.last_mut() {
            if last.span.1 == h.span.0
                && prev.1 <= h.prev.0
                && segment::is_blank(&a.text[prev.1..h.prev.0])
            {
                last.span.1 = h.span.1;
                last.content.1 = h.span.1;
                if h.kept.1 > last.kept.1 && h.kept.0 >= last.kept.0 {
                    last.kept.1 = h.kept.1;
                }
                prev.1 = h.prev.1;
                last.key_parts.push(h.key);
                continue;
            }
        }
        runs.push((
            Decision {
                kind: Kind::Sentence,
                span: h.span,
                content: h.span,
                kept: h.kept,
                similarity: 1.0,
                key_parts: vec![h.key],
            },
            h.prev,
        ));
    }
    let mut ds: Vec<Decision> = Vec::new();
    for (mut d, prev) in runs {
        let between = if prev.1 <= d.span.0 {
            &a.text[prev.1..d.span.0]
        } else {
            &a.text[d.span.1..prev.0.max(d.span.1)]
        };
        let adjacent = segment::is_blank(between);
        if adjacent && between.contains(['\n', '\r']) {
            // the end of one line repeated at the start of the next: stitched pages
            d.kind = Kind::Stitch;
        }
        let run = d.key_parts.len() >= 2;
        let long = d.key_parts.iter().map(|k| k.chars().count()).sum::<usize>() >= 2 * min_chars;
        if adjacent || run || long {
            ds.push(d);
        }
    }
    if ds.is_empty() {
        return ds;
    }
    let para = &a.paras[pi];
    let mut pos = para.start;
    let mut whole = true;
    for d in &ds {
        if !segment::is_blank(&a.text[pos..d.span.0]) {
            whole = false;
        }
        pos = d.span.1;
    }
    whole &= segment::is_blank(&a.text[pos..para.end]);
    if whole {
        let (s, e) = para_run_span(a, pi, pi);
        ds.first_mut().expect("non-empty").span.0 = s;
        ds.last_mut().expect("non-empty").span.1 = e;
    }
    ds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, cfg: &Config) -> Vec<Decision> {
        let a = Analysis::new(text, crate::normalize::script::ScriptTables::get());
        super::super::detect(&a, cfg, &super::super::boilerplate::Rules::builtin()).decisions
    }

    #[test]
    fn doubled_body_with_headline_keeps_second_copy() {
        let body = "第一段很长的正文内容在这里。\n第二段同样很长的正文内容。\n";
        let text = format!("来源：某网\n{body}标题在这里\n{body}");
        let d = run(&text, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::Block);
        assert_eq!(&text[d[0].span.0..d[0].span.1], body);
        let first = Config {
            keep: KeepPolicy::First,
            ..Config::default()
        };
        let d = run(&text, &first);
        assert_eq!(d[0].span.0, text.len() - body.len());
    }

    #[test]
    fn adjacent_copies_keep_first() {
        let text = "一段足够长的重复段落文字。\n一段足够长的重复段落文字。\n";
        let d = run(text, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::Paragraph);
        assert_eq!(d[0].span, (text.len() / 2, text.len()));
    }

    #[test]
    fn short_repeats_survive() {
        let text = "图片\n正文。\n图片\n“好的。”他说。“好的。”她也说。\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn repeated_sentence_is_removed_once() {
        let text = "昨天下了一整天的雨，今天终于放晴了。昨天下了一整天的雨，今天终于放晴了。";
        let d = run(text, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::Sentence);
        assert_eq!(d[0].span, (text.len() / 2, text.len()));
    }

    #[test]
    fn lone_distant_sentence_and_headline_in_body_survive() {
        // a speech closing on its opening line; a body repeating its headline
        let text = "开幕。人类和平与发展的崇高事业必将胜利！\n会议持续三天。\n他最后说，人类和平与发展的崇高事业必将胜利！\n我国毒品犯罪得到进一步遏制\n通报显示，我国毒品犯罪得到进一步遏制。\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn table_of_contents_and_section_titles_survive() {
        let text = "宇树澄清去年销量传闻：出货量超5500台\n英特尔股价五个月翻倍后急跌\n\n宇树澄清去年销量传闻：出货量超5500台\n正文一。\n英特尔股价五个月翻倍后急跌\n正文二。\n";
        assert!(run(text, &Config::default()).is_empty());
        let stutter = "宇树澄清去年销量传闻：出货量超5500台\n\n宇树澄清去年销量传闻：出货量超5500台\n正文。\n";
        assert_eq!(run(stutter, &Config::default()).len(), 1);
    }

    #[test]
    fn two_short_captions_repeating_together_survive() {
        let text = "▲ 离电测试\n▲ 连电测试\n正文。\n▲ 离电测试\n▲ 连电测试\n";
        assert!(run(text, &Config::default()).is_empty());
    }

    #[test]
    fn copy_in_other_script_and_width_matches() {
        let text = "科技城集中發展區建設任務更重,要把項目落地。\n科技城集中发展区建设任务更重，要把项目落地。\n";
        assert_eq!(run(text, &Config::default()).len(), 1);
    }
}
