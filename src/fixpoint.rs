//! Detection to a fixed point: a removal can make two copies meet that did not meet
//! in the input (a sentence left doubled once the text between its copies is gone, a
//! run of short lines made contiguous, a line that equals another once its inline
//! copy is removed). Cleaning the output again would then remove more, so cleaning
//! was not idempotent. This module runs detection again on the text that survives the
//! decisions made so far, maps what it finds back to input offsets, and repeats until
//! a pass finds nothing (at most [`MAX_PASSES`] passes in all).
//!
//! The survivor text is the input with the removed spans cut out (no normalization:
//! matching keys fold script, width, punctuation and whitespace, so the keys of the
//! surviving units are those the cleaned output would give). A removal found in the
//! survivor that spans a cut is reported as one removal per stretch of input it
//! covers, all with the same kind, kept copy and digest, so removals stay disjoint and
//! still tile the input with the kept text.
//!
//! Cost: nothing when the first pass removes nothing (most documents: `settle`
//! returns at once); otherwise one more detection of the (shorter) survivor per
//! pass, and its analysis, in which
//! every line the input holds unchanged keeps the input analysis' sentences, hashes,
//! keys and bigram sets ([`Analysis::carry`]), and its role when the summary state
//! before it is unchanged ([`Analysis::roles`]): only the lines a removal cut are
//! keyed again. What the detectors computed from paragraphs the input holds unchanged
//! (near-duplicate similarities, caption answers) is kept from pass to pass in a
//! [`Memo`], and the boilerplate stage, which without `--strip-boilerplate` removes
//! nothing and only counts (the count is the first pass'), runs in the first pass
//! only. In a large document's later passes, the near-duplicate and sentence stages
//! keep what a pass that found nothing looked at (`near::InPlay`): a later pass that
//! would look at the same paragraphs in the same roles is not run (it would find
//! nothing again). Every pass writes its survivor text into one buffer, and the
//! aligner keeps its units and key text in the memo: a large document's passes
//! reuse those allocations instead of touching fresh pages each time.

use crate::config::Config;
use crate::detect::registry::Memo;
use crate::detect::{self, Analysis, Decision, Detected, Extra, Kept, Span};
use crate::segment::Line;

/// Passes of detection at most, the first included.
pub const MAX_PASSES: usize = 4;

/// A stretch of the survivor text and where it lies in the input.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Start in the survivor text (bytes).
    at: usize,
    /// Start in the input (bytes).
    input: usize,
    /// Length in bytes.
    len: usize,
}

/// The input `text` with `decisions`' spans cut out, and the map back.
#[cfg(test)]
fn survivor(text: &str, decisions: &[Decision]) -> (String, Vec<Piece>) {
    let mut out = String::new();
    let pieces = survivor_into(text, decisions, &mut out);
    (out, pieces)
}

/// [`survivor`] written into `out` (cleared first; `settle` reuses one buffer for
/// every pass: a fresh 10 MB string per pass is 2,500 pages the kernel zeroes).
fn survivor_into(text: &str, decisions: &[Decision], out: &mut String) -> Vec<Piece> {
    out.clear();
    out.reserve(text.len());
    let mut pieces = Vec::new();
    let mut pos = 0;
    let mut push = |from: usize, to: usize, out: &mut String| {
        if to > from {
            pieces.push(Piece {
                at: out.len(),
                input: from,
                len: to - from,
            });
            out.push_str(&text[from..to]);
        }
    };
    for d in decisions {
        push(pos, d.span.start, out);
        pos = pos.max(d.span.end);
    }
    push(pos, text.len(), out);
    pieces
}

/// The lines of the survivor `surv` (`segment::lines(surv)`), from the input's
/// `lines` and the `pieces` it was cut into: a line of the input that a piece holds
/// from its start to its terminator (a lone `\r` not at the piece's end, where the
/// next piece may bring a `\n`) is a line of the survivor, shifted, when the line
/// before it in the survivor ends where it starts; the lines around a cut are found
/// by the scan `segment::lines` makes. Linear in the lines, plus the bytes of the
/// lines scanned (a 10 MB document's later passes scanned all of its bytes each).
fn survivor_lines(text: &str, lines: &[Line], pieces: &[Piece], surv: &str) -> Vec<Line> {
    let bytes = surv.as_bytes();
    let mut out = Vec::with_capacity(lines.len());
    let (mut pos, mut k, mut j) = (0, 0, 0);
    while pos < bytes.len() {
        while k < pieces.len() && pieces[k].at + pieces[k].len <= pos {
            k += 1;
        }
        if let Some(p) = pieces.get(k).filter(|p| p.at <= pos) {
            let (x, piece_end) = (p.input + pos - p.at, p.input + p.len);
            while j < lines.len() && lines[j].start < x {
                j += 1;
            }
            if let Some(l) = lines.get(j).filter(|l| {
                l.start == x
                    && l.next <= piece_end
                    && !(l.next == piece_end
                        && l.next == l.end + 1
                        && text.as_bytes()[l.end] == b'\r')
            }) {
                let shift = |o: usize| o - x + pos;
                out.push(Line {
                    start: pos,
                    end: shift(l.end),
                    next: shift(l.next),
                });
                pos = shift(l.next);
                continue;
            }
        }
        let line = crate::segment::line_at(bytes, pos);
        out.push(line);
        pos = line.next;
    }
    out
}

/// The input offset of survivor offset `s`; at a cut, the end of the piece before it
/// when `end` (so a range ending there ends in that piece), else the start of the
/// piece after it.
fn to_input(pieces: &[Piece], s: usize, end: bool) -> usize {
    let i = pieces.partition_point(|p| p.at + p.len < s || (!end && p.at + p.len == s));
    match pieces.get(i) {
        Some(p) => p.input + s.saturating_sub(p.at).min(p.len),
        None => pieces.last().map_or(0, |p| p.input + p.len),
    }
}

/// The input offset that survivor bytes `start..end` were copied from, when they
/// lie in one piece (by a binary search; [`OriginCursor`] answers the same).
#[cfg(test)]
fn origin(pieces: &[Piece], start: usize, end: usize) -> Option<usize> {
    let p = pieces.get(pieces.partition_point(|p| p.at + p.len <= start))?;
    (p.at <= start && end <= p.at + p.len).then(|| p.input + start - p.at)
}

/// `d`, found in the survivor, as removals of the input: one per piece it covers.
fn map_back(pieces: &[Piece], d: Decision, out: &mut Vec<Decision>) {
    let content = (
        to_input(pieces, d.content.start, false),
        to_input(pieces, d.content.end, true),
    );
    let kept = match d.kept {
        Kept::Copy(k) => Kept::Copy(Span::new(
            to_input(pieces, k.start, false),
            to_input(pieces, k.end, true),
        )),
        other => other,
    };
    let first = pieces.partition_point(|p| p.at + p.len <= d.span.start);
    for p in &pieces[first..] {
        if p.at >= d.span.end {
            break;
        }
        let from = p.input + d.span.start.max(p.at) - p.at;
        let to = p.input + d.span.end.min(p.at + p.len) - p.at;
        if to <= from {
            continue;
        }
        // the content inside this stretch (the whole stretch when it holds only the
        // line break and blank lines that went with the content)
        let c = (content.0.clamp(from, to), content.1.clamp(from, to));
        out.push(Decision {
            span: Span::new(from, to),
            content: if c.0 < c.1 {
                c.into()
            } else {
                (from, from).into()
            },
            kept,
            key_parts: d.key_parts.clone(),
            ..d.clone()
        });
    }
}

/// [`origin`] for a caller that asks in increasing order of `start` (the lines of
/// the survivor, as [`Analysis::carry`] and [`origins`] walk them): a cursor moves
/// over the pieces once instead of a binary search per line (a 10 MB document's
/// later passes ask some 50,000 times each). A start before the cursor's piece is
/// searched for afresh, so any order gives [`origin`]'s answer.
struct OriginCursor<'p> {
    pieces: &'p [Piece],
    /// The first piece that may hold the next start.
    next: std::cell::Cell<usize>,
}

impl<'p> OriginCursor<'p> {
    fn new(pieces: &'p [Piece]) -> Self {
        OriginCursor {
            pieces,
            next: std::cell::Cell::new(0),
        }
    }

    /// [`origin`]`(pieces, start, end)`.
    fn origin(&self, start: usize, end: usize) -> Option<usize> {
        let ends_by = |i: usize| self.pieces[i].at + self.pieces[i].len <= start;
        let mut i = self.next.get();
        if i > 0 && !ends_by(i - 1) {
            // asked out of order
            i = self.pieces.partition_point(|p| p.at + p.len <= start);
        }
        while i < self.pieces.len() && ends_by(i) {
            i += 1;
        }
        self.next.set(i);
        let p = self.pieces.get(i)?;
        (p.at <= start && end <= p.at + p.len).then(|| p.input + start - p.at)
    }
}

/// For each paragraph of `a`, the survivor's analysis, the index of the paragraph
/// of `first` (the input's analysis) it is an unchanged copy of: the same bytes,
/// copied in one piece from a paragraph's exact span (the paragraphs
/// [`Analysis::carry`] carries).
fn origins(a: &Analysis<'_>, first: &Analysis<'_>, pieces: &[Piece]) -> Vec<Option<u32>> {
    let cursor = OriginCursor::new(pieces);
    // (the origins of unchanged paragraphs increase: the paragraph of `first` at
    // or after each is looked for from the last one found, not by a binary search)
    let mut from = 0;
    a.paras
        .iter()
        .map(|p| {
            let at = cursor.origin(p.start, p.end)?;
            let mut k = from;
            if k > 0 && first.paras[k - 1].start >= at {
                // asked out of order
                k = first.paras.partition_point(|q| q.start < at);
            }
            while k < first.paras.len() && first.paras[k].start < at {
                k += 1;
            }
            from = k;
            let q = first.paras.get(k)?;
            (q.start == at && q.end - q.start == p.end - p.start)
                .then(|| u32::try_from(k).ok())
                .flatten()
        })
        .collect()
}

/// Detection of `text` (analysed as `analysis`) to a fixed point: the first pass,
/// with the `extra` detectors a driver adds ([`detect::detect_after`]), then the
/// later passes (see the module docs). Returns the first pass' boilerplate count
/// and `removed` flags (updated for the paragraphs later passes take whole), and
/// all decisions in input order.
pub fn detect_settled(
    text: &str,
    analysis: &Analysis<'_>,
    cfg: &Config,
    rules: &detect::boilerplate::Rules,
    extra: &[Extra<'_>],
) -> Detected {
    let mut memo = Memo::pooled(text.len());
    let first = detect::detect_memo(analysis, cfg, rules, extra, &mut memo);
    let settled = settle(text, analysis, cfg, rules, first, &mut memo);
    memo.recycle();
    settled
}

/// Run detection on what survives `first` until a pass finds nothing, and return all
/// decisions in input order (see the module docs). `first` is the first pass over
/// `text`, `memo` what it left for later passes; its `removed` flags are updated
/// for the paragraphs later passes take whole.
fn settle(
    text: &str,
    analysis: &Analysis<'_>,
    cfg: &Config,
    rules: &detect::boilerplate::Rules,
    mut first: Detected,
    memo: &mut Memo,
) -> Detected {
    let mut decisions = std::mem::take(&mut first.decisions);
    if decisions.is_empty() {
        // (most documents: no later pass, and no paragraph taken)
        return first;
    }
    // Without --strip-boilerplate the boilerplate stage returns no removal and
    // marks no paragraph removed (`boilerplate::lines`), so the later detectors see
    // the same with or without it; a later pass keeps only its decisions, so it
    // would compute a count nobody reads.
    let later_cfg;
    let cfg_later = if cfg.strip_boilerplate {
        cfg
    } else {
        let mut c = cfg.clone();
        c.disable.push("boilerplate".to_string());
        later_cfg = c;
        &later_cfg
    };
    let mut surv = String::new();
    for _ in 1..MAX_PASSES {
        if decisions.is_empty() {
            break;
        }
        let pieces = survivor_into(text, &decisions, &mut surv);
        // the survivor's lines that are the input's, unchanged, keep the input
        // analysis' sentences, hashes, keys and bigram sets
        let cursor = OriginCursor::new(&pieces);
        let lines = survivor_lines(text, &analysis.lines, &pieces, &surv);
        debug_assert_eq!(lines, crate::segment::lines(&surv));
        let a = Analysis::carry(&surv, lines, analysis, |start, end| {
            cursor.origin(start, end)
        });
        memo.next_pass(origins(&a, analysis, &pieces));
        let found = detect::detect_memo(&a, cfg_later, rules, &[], memo).decisions;
        if found.is_empty() {
            break;
        }
        for d in found {
            map_back(&pieces, d, &mut decisions);
        }
        decisions.sort_by_key(|d| d.span);
    }
    // paragraphs that the decisions now take whole
    let mut j = 0;
    for (i, p) in analysis.paras.iter().enumerate() {
        while j < decisions.len() && decisions[j].span.end <= p.start {
            j += 1;
        }
        let mut pos = p.start;
        let mut k = j;
        while k < decisions.len() && decisions[k].span.start <= pos && pos < p.end {
            pos = pos.max(decisions[k].span.end);
            k += 1;
        }
        if pos >= p.end {
            first.removed[i] = true;
        }
    }
    first.decisions = decisions;
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(span: (usize, usize)) -> Decision {
        Decision {
            kind: detect::Kind::Sentence,
            evidence: detect::Evidence::Stutter,
            span: span.into(),
            content: span.into(),
            kept: detect::Kept::None,
            similarity: 1.0,
            key_parts: Vec::new(),
            rule: None,
        }
    }

    #[test]
    fn origin_cursor_answers_as_the_binary_search_in_any_order() {
        let text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
        let c = |i: usize| i * 3;
        let ds = [
            d((c(1), c(3))),
            d((c(6), c(7))),
            d((c(7), c(9))),
            d((c(15), c(20))),
        ];
        let (surv, pieces) = survivor(text, &ds);
        let n = surv.len();
        let mut asks: Vec<(usize, usize)> = (0..=n)
            .flat_map(|s| [(s, s), (s, (s + 3).min(n)), (s, (s + 9).min(n))])
            .collect();
        let cursor = OriginCursor::new(&pieces);
        for &(s, e) in &asks {
            assert_eq!(cursor.origin(s, e), origin(&pieces, s, e), "{s}..{e}");
        }
        asks.reverse();
        asks.rotate_left(7);
        let cursor = OriginCursor::new(&pieces);
        for &(s, e) in &asks {
            assert_eq!(cursor.origin(s, e), origin(&pieces, s, e), "{s}..{e}");
        }
    }

    #[test]
    fn carried_analysis_equals_a_fresh_one() {
        use crate::normalize::script::ScriptTables;
        let text = "第一段。这是第二句！\n\n标题\r\n被删除的一行。\n第三段被切开。切掉这句。留下这句。\nlast line. Two.\n";
        let cut_line = text.find("被删除").unwrap();
        let cut_sent = text.find("切掉").unwrap();
        let ds = [
            d((cut_line, cut_line + "被删除的一行。\n".len())),
            d((cut_sent, cut_sent + "切掉这句。".len())),
        ];
        let first = Analysis::new(text, ScriptTables::get());
        // keys and roles built in the first pass are carried over too
        let _ = first.bigrams(0);
        let _ = first.roles();
        let (surv, pieces) = survivor(text, &ds);
        let fresh = Analysis::new(&surv, ScriptTables::get());
        let carried = Analysis::carry(&surv, crate::segment::lines(&surv), &first, |s, e| {
            origin(&pieces, s, e)
        });
        assert_eq!(format!("{:?}", fresh.paras), format!("{:?}", carried.paras));
        assert_eq!(
            format!("{:?}", fresh.sentences),
            format!("{:?}", carried.sentences)
        );
        for i in 0..fresh.paras.len() {
            assert_eq!(fresh.key_chars(i), carried.key_chars(i));
            assert_eq!(fresh.bigrams(i), carried.bigrams(i));
            // the shape carried with a paragraph is the one its text has
            let p = &carried.paras[i];
            let shape = crate::detect::evidence::shape(&surv[p.start..p.end], p.key_chars);
            assert_eq!(p.shape, shape);
            assert_eq!(fresh.paras[i].shape, shape);
        }
        // roles: carried where the summary state before the line is the same
        assert_eq!(fresh.roles(), carried.roles());
        // the cut line is keyed afresh, the others are carried
        assert_eq!(origin(&pieces, 0, 3), Some(0));
        let cut = surv.find("第三段").unwrap();
        let end = cut + surv[cut..].find('\n').unwrap();
        assert_eq!(origin(&pieces, cut, end), None);
    }

    #[test]
    fn carried_roles_follow_the_summary_state() {
        use crate::detect::evidence::Role;
        use crate::normalize::script::ScriptTables;
        // a summary marker makes the lines after it summary lines; once it is cut,
        // the same lines are body lines again
        let text = "摘要\n第一段正文在这里写得很长。\n第二段正文也在这里写得很长。\n";
        let ds = [d((0, "摘要\n".len()))];
        let first = Analysis::new(text, ScriptTables::get());
        assert_eq!(first.roles()[1], Role::Summary);
        let (surv, pieces) = survivor(text, &ds);
        let fresh = Analysis::new(&surv, ScriptTables::get());
        let carried = Analysis::carry(&surv, crate::segment::lines(&surv), &first, |s, e| {
            origin(&pieces, s, e)
        });
        assert_eq!(carried.roles(), fresh.roles());
        assert_eq!(carried.roles(), [Role::Body, Role::Body]);
    }

    /// Detection to a fixed point done the plain way: every pass a fresh analysis of
    /// the survivor and every detector with nothing kept from the pass before;
    /// the decisions, and how many passes found something.
    fn reference(text: &str, cfg: &Config) -> (Vec<Decision>, usize) {
        use crate::normalize::script::ScriptTables;
        let rules = detect::boilerplate::Rules::builtin();
        let a = Analysis::new(text, ScriptTables::get());
        let mut decisions = detect::detect(&a, cfg, &rules).decisions;
        let mut passes = usize::from(!decisions.is_empty());
        for _ in 1..MAX_PASSES {
            if decisions.is_empty() {
                break;
            }
            let (surv, pieces) = survivor(text, &decisions);
            let found =
                detect::detect(&Analysis::new(&surv, ScriptTables::get()), cfg, &rules).decisions;
            if found.is_empty() {
                break;
            }
            passes += 1;
            for d in found {
                map_back(&pieces, d, &mut decisions);
            }
            decisions.sort_by_key(|d| d.span);
        }
        (decisions, passes)
    }

    #[test]
    fn memo_and_skipped_stages_change_no_decision() {
        use crate::normalize::script::ScriptTables;
        // documents that need two passes or more (fuzz findings), and the committed
        // excerpts pasted into one large document, twice over with a cut between
        let mut docs: Vec<String> = vec![
            "我们去海边吧。小红回答说好主意！但是小李觉得。昨天下了一整天的雨今天终于放晴了。\
             昨天下了一整天的雨今天终于放晴了。我们去海边吧。小红回答说好主意！但是小李觉得"
                .to_string(),
            "昨天下了一整天的雨今天终于放晴了。昨天下了一整天的雨今天终于今天终于放晴了。\
             昨天下了一整天的雨今天终于放晴了"
                .to_string(),
        ];
        // (one sort of the three folders' paths: the folders' order, each in path order)
        let all = detect::registry::samples::fixtures(&["articles", "messy", "scraped"]);
        let joined = all.join("\n");
        docs.push(format!("{joined}\n{}", &all[all.len() / 2..].join("\n")));
        let rules = detect::boilerplate::Rules::builtin();
        let mut later_passes = 0;
        for strip in [false, true] {
            let cfg = Config {
                strip_boilerplate: strip,
                ..Config::default()
            };
            for text in &docs {
                let a = Analysis::new(text, ScriptTables::get());
                let got = detect_settled(text, &a, &cfg, &rules, &[]).decisions;
                let (want, passes) = reference(text, &cfg);
                later_passes += passes.saturating_sub(1);
                assert_eq!(got, want, "strip {strip}, text of {} bytes", text.len());
            }
        }
        assert!(later_passes > 0, "no document needed a second pass");
    }

    /// Documents cleaned one after another on one thread, their memos' parts
    /// passed on from document to document ([`Memo::pooled`]), detect what they
    /// detect with a fresh memo each (the old path): the same decisions, counts and
    /// removed paragraphs, in any order, after documents that needed later passes.
    #[test]
    fn pooled_memos_detect_as_fresh_ones() {
        use crate::normalize::script::ScriptTables;
        // first on the thread (whose memo starts fresh): a document whose sentences
        // are photo captions (the sentence memo keeps the answers), then one whose
        // sentences at the same places are not
        let (cap, body) = ("市民在公园里散步，记者张三摄。", "正文说的是另一件事情。");
        let mut docs = vec![
            format!("{cap}{cap}\n{body}{body}\n"),
            "这张地图很重要大家都要认真看清楚。这张地图很重要大家都要认真看清楚。\n".to_string(),
            "我们去海边吧。小红回答说好主意！但是小李觉得。昨天下了一整天的雨今天终于放晴了。\
             昨天下了一整天的雨今天终于放晴了。我们去海边吧。小红回答说好主意！但是小李觉得"
                .to_string(),
        ];
        docs.extend(detect::registry::samples::fixtures(&[
            "articles", "messy", "scraped",
        ]));
        let rules = detect::boilerplate::Rules::builtin();
        let mut pooled = 0;
        for strip in [false, true] {
            let cfg = Config {
                strip_boilerplate: strip,
                ..Config::default()
            };
            for text in docs.iter().chain(docs.iter().rev()) {
                let a = Analysis::new(text, ScriptTables::get());
                pooled += usize::from(Memo::spare_held());
                let got = detect_settled(text, &a, &cfg, &rules, &[]);
                let mut memo = Memo::default();
                let first = detect::detect_memo(&a, &cfg, &rules, &[], &mut memo);
                let want = settle(text, &a, &cfg, &rules, first, &mut memo);
                assert_eq!(got.decisions, want.decisions, "strip {strip}: {text:?}");
                assert_eq!(got.removed, want.removed, "strip {strip}: {text:?}");
                assert_eq!(
                    got.boilerplate_candidates, want.boilerplate_candidates,
                    "strip {strip}: {text:?}"
                );
            }
        }
        assert!(pooled > docs.len(), "the spare parts were not passed on");
    }

    #[test]
    fn inline_answers_kept_from_the_first_pass_are_those_of_a_fresh_pass() {
        use crate::detect::inline::{self, LinesMemo};
        use crate::normalize::script::ScriptTables;
        let cfg = Config::default();
        let mut docs = detect::registry::samples::all();
        // credits written twice once a cut brings them together, and in the input
        docs.push("他说好。（新华社）被删除的句子。（新华社）\n甲。（路透）（路透）\n".to_string());
        // (the memo is filled for a document of many paragraphs only)
        let joined = docs.join("\n");
        docs.push(joined);
        let mut filled = 0;
        let (mut cut_lines, mut found) = (0, (0, 0));
        for text in &docs {
            let first = Analysis::new(text, ScriptTables::get());
            let none = vec![false; first.paras.len()];
            let mut memo = LinesMemo::default();
            let _ = inline::lines_with(&first, &cfg, &none, &mut memo, None);
            let _ = inline::credit_stutters_with(&first, &none, &[], &mut memo, None);
            // cut every fourth sentence (lines cut, and lines gone whole)
            let cuts: Vec<Decision> = first
                .sentences
                .iter()
                .enumerate()
                .filter(|(k, _)| k % 4 == 1)
                .map(|(_, s)| d(s.span))
                .collect();
            let (surv, pieces) = survivor(text, &cuts);
            let cursor = OriginCursor::new(&pieces);
            let a = Analysis::carry(&surv, crate::segment::lines(&surv), &first, |s, e| {
                cursor.origin(s, e)
            });
            let from = origins(&a, &first, &pieces);
            cut_lines += from.iter().filter(|o| o.is_none()).count();
            let removed = detect::registry::samples::removed(a.paras.len(), text.len() % 3);
            filled += usize::from(memo.is_filled());
            let mut m = std::mem::take(&mut memo);
            let want = inline::lines(&a, &cfg, &removed);
            found.0 += want.len();
            assert_eq!(
                inline::lines_with(&a, &cfg, &removed, &mut m, Some(&from[..])),
                want,
                "{text}"
            );
            let want = inline::credit_stutters(&a, &removed, &[]);
            found.1 += want.len();
            assert_eq!(
                inline::credit_stutters_with(&a, &removed, &[], &mut m, Some(&from[..])),
                want,
                "{text}"
            );
        }
        assert!(
            cut_lines > 100 && found.0 > 3 && found.1 > 0,
            "{cut_lines} {found:?}"
        );
        assert!(filled > 0);
    }

    #[test]
    fn survivor_lines_are_those_a_scan_finds() {
        // every terminator, a `\r` that meets a `\n` across a cut, blank lines, no
        // final terminator; cut at random (byte spans, so cuts fall anywhere)
        let texts = [
            "甲乙\n丙\r\n丁戊\r己\n\n庚\r\r\n辛壬\n癸",
            "a\rb\n\rc\r\n\r\nd\n",
            "\n\r\n\r\r\n\nx",
        ];
        let mut rnd = crate::chars::xorshift(0x5eed);
        let mut tried = 0;
        for text in texts {
            let lines = crate::segment::lines(text);
            for _ in 0..400 {
                let mut cuts: Vec<usize> = (0..(rnd() % 5) * 2)
                    .map(|_| (rnd() as usize) % (text.len() + 1))
                    .filter(|&c| text.is_char_boundary(c))
                    .collect();
                cuts.sort_unstable();
                let ds: Vec<Decision> = cuts.chunks_exact(2).map(|c| d((c[0], c[1]))).collect();
                let (surv, pieces) = survivor(text, &ds);
                let want = crate::segment::lines(&surv);
                assert_eq!(
                    survivor_lines(text, &lines, &pieces, &surv),
                    want,
                    "{surv:?}"
                );
                tried += 1;
            }
        }
        assert!(tried > 1000);
    }

    #[test]
    fn survivor_maps_back_and_splits_at_cuts() {
        let text = "aaBBccDDee";
        let (s, pieces) = survivor(text, &[d((2, 4)), d((6, 8))]);
        assert_eq!(s, "aaccee");
        assert_eq!(to_input(&pieces, 2, false), 4);
        assert_eq!(to_input(&pieces, 2, true), 2);
        let mut out = Vec::new();
        map_back(&pieces, d((1, 5)), &mut out);
        let spans: Vec<_> = out.iter().map(|d| (d.span.start, d.span.end)).collect();
        assert_eq!(spans, vec![(1, 2), (4, 6), (8, 9)]);
    }
}
