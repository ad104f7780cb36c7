//! Step 3 of the aligner: the evidence model's verdict on an aligned run (whole
//! lines on both sides, lined copies judged as lines, reflowed ones by rules 1–4)
//! and the removals it allows. The aligner proposes, this decides.

use super::*;

/// The evidence model's verdict on a run: the removals it allows and the paragraphs
/// they take, or `None`. `per_para`: units of each paragraph; `removed`: paragraphs
/// already removed (they separate nothing).
pub(super) fn judge(
    a: &Analysis<'_>,
    cfg: &Config,
    us: &[Unit],
    per_para: &[usize],
    roles: &[Role],
    removed: &[bool],
    run: &Run,
) -> Option<(Vec<Decision>, Vec<usize>)> {
    let pairs = &run.pairs;
    let n = pairs.len();
    if n == 0 {
        return None;
    }
    // (a unit in two pairs was merged with a neighbour by the reflow)
    let mut twice = std::collections::HashSet::new();
    for w in pairs.windows(2) {
        if w[0].0 == w[1].0 {
            twice.insert((0, w[0].0));
        }
        if w[0].1 == w[1].1 {
            twice.insert((1, w[0].1));
        }
    }
    // whole lines: every unit of every line a copy touches is in the run (furniture
    // lines inside the run are stepped over and stay)
    let lines_of = |side: usize| -> Option<Vec<usize>> {
        // (paragraph, units of it in the run), in order
        let mut paras: Vec<(usize, usize)> = Vec::new();
        let mut last = usize::MAX;
        for &(i, j, _) in pairs {
            let u = if side == 0 { i } else { j };
            if u == last {
                continue; // one unit matched by two of the other copy
            }
            last = u;
            let pi = us[u].para();
            match paras.last_mut() {
                Some((p, c)) if *p == pi => *c += 1,
                _ => paras.push((pi, 1)),
            }
        }
        paras
            .iter()
            .all(|&(pi, c)| c == per_para[pi])
            .then(|| paras.iter().map(|&(pi, _)| pi).collect())
    };
    let first = lines_of(0)?;
    let second = lines_of(1)?;
    if first.iter().any(|p| second.contains(p)) {
        return None;
    }
    // lines in play (not removed, with a key) between the copies: only whether
    // there are none, or at most MAX_HEADING_LINES, is asked, so the scan stops
    // after one more (copies far apart in a large document are not walked between)
    let gap = gap_lines(a, removed, first[first.len() - 1], second[0]);
    // the copies' lines pair one to one, unit for unit (no line break moved, no
    // furniture stepped over), with an exact unit among them (rule 2: edited lines
    // only beside exact ones; a lone line only exactly)
    let lined = twice.is_empty()
        && pairs
            .windows(2)
            .all(|w| w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1)
        && first.len() == second.len()
        && first
            .iter()
            .zip(&second)
            .all(|(&x, &y)| per_para[x] == per_para[y])
        && pairs.iter().any(|p| p.2 == 0)
        && (first.len() >= 2 || pairs.iter().all(|p| p.2 == 0));
    if lined {
        return lined_copy(a, cfg, us, roles, removed, (&first, &second), pairs);
    }
    if n < 2 {
        return None; // rule 3: a lone unit stays
    }
    let exact_long = pairs.iter().any(|&(i, _, e)| {
        e == 0 && (us[i].key.1 - us[i].key.0) >= evidence::PROSE_MIN_CHARS && !us[i].furniture
    });
    if n < MIN_RUN && !exact_long {
        return None;
    }
    // rule 4: every aligned pair in the same role; summaries, bullets and
    // captions only ever with their own kind. A heading or lead line merged into a
    // body line by the reflow (a unit of a line against a unit of a longer line)
    // may change role with it
    let whole = |side: usize, u: usize| per_para[us[u].para()] == 1 && !twice.contains(&(side, u));
    // (an edited pair may have lost the mark its role was read from: `图片来源` →
    // `房片来源`)
    if pairs.iter().any(|&(i, j, e)| {
        let (ri, rj) = (roles[us[i].para()], roles[us[j].para()]);
        ri != rj
            && e == 0
            && (matches!(ri, Role::Summary | Role::Caption)
                || matches!(rj, Role::Summary | Role::Caption)
                || (whole(0, i) && whole(1, j)))
    }) {
        return None;
    }
    // rule 3: a lone line repeated as a lone line is `exact`'s or `near`'s to judge
    // (a title said again before its body stays); here one copy is laid out over
    // two or more lines
    if first.len() < 2 && second.len() < 2 {
        return None;
    }
    // a run made of furniture-like lines only is not an article
    let total: usize = second.iter().map(|&p| a.paras[p].key_chars).sum();
    if total < cfg.min_paragraph_chars {
        return None;
    }
    // rule 1: prose in both copies
    let min = cfg.min_paragraph_chars;
    // (each paragraph's form is the one the key pass made: `shape.form`)
    let lines = |ps: &[usize]| {
        ps.iter()
            .map(|&p| {
                let q = &a.paras[p];
                (&a.text[q.start..q.end], q.key_chars, Some(q.shape.form))
            })
            .collect::<Vec<_>>()
    };
    let (l1, l2) = (lines(&first), lines(&second));
    if !evidence::run_is_prose_formed(l1.iter().copied(), min)
        || !evidence::run_is_prose_formed(l2.iter().copied(), min)
    {
        return None;
    }
    // which copy survives
    // (furniture is not a headline, and a run that carries its own headline
    // does not need the one between the copies)
    let heading_gap = !gap.is_empty()
        && gap.len() <= evidence::MAX_HEADING_LINES
        && roles[first[0]] != Role::Heading
        && gap.iter().all(|&g| {
            let p = &a.paras[g];
            p.shape.heading && !is_furniture(a, g)
        });
    // rule 4: one line directly followed by the body lines opening with the same
    // sentences, the body going on after them, is a lead or deck: the body's copy
    // survives
    let after = second.last().map_or(0, |&l| l + 1);
    let lead = first.len() == 1
        && gap.is_empty()
        && (after..a.paras.len())
            .find(|&p| a.paras[p].key_chars > 0 && !is_furniture(a, p))
            .is_some_and(|p| {
                let q = &a.paras[p];
                evidence::prose_weight_of(q.shape.form, q.key_chars, cfg.min_paragraph_chars) > 0
            });
    // rules 3 and 4 away from the copy: with text between the copies (not only a
    // headline), a short run (under MIN_RUN units) or one line laid out again over
    // several further on is a lead or summary quoting its body, the author's
    let apart = !gap.is_empty() && !heading_gap;
    if apart && !lead && (n < MIN_RUN || (first.len() == 1 && second.len() >= 2)) {
        return None;
    }
    let later = keep_later(cfg.keep, heading_gap || lead);
    let (rem, kept) = if later {
        (&first, &second)
    } else {
        (&second, &first)
    };
    // short furniture-like lines that aligned inside the run stay (page furniture is
    // not the article's: `收藏`, `回复`); the run's first line, of four key
    // characters or more and no digit (`3小时前` is a comment's time), is its
    // headline and goes with it
    let headline = |p: usize| {
        a.paras[p].key_chars >= 4
            && !a.text[a.paras[p].start..a.paras[p].end].contains(|c: char| c.is_ascii_digit())
    };
    let rem: Vec<usize> = rem
        .iter()
        .enumerate()
        .filter(|&(k, &p)| (k == 0 && headline(p)) || !is_furniture(a, p))
        .map(|(_, &p)| p)
        .collect();
    let rem = &rem;
    if rem.is_empty() {
        return None;
    }
    let evidence = if lead {
        Evidence::Stutter
    } else if n >= MIN_RUN || heading_gap {
        Evidence::DoubledArticle
    } else {
        Evidence::Run
    };
    let kind = if rem.len() >= 2 {
        Kind::Block
    } else {
        Kind::Paragraph
    };
    Some(removals(a, us, pairs, rem, kept, kind, evidence))
}

/// The lines in play (not removed, with a key) after paragraph `last` of the first
/// copy and before paragraph `next` (the second copy's first), in order, but at most
/// [`evidence::MAX_HEADING_LINES`] + 1 of them: the verdicts ask only whether there
/// are none, or few enough to be a headline. O(lines looked at), not O(distance).
fn gap_lines(a: &Analysis<'_>, removed: &[bool], last: usize, next: usize) -> Vec<usize> {
    (last + 1..next)
        .filter(|&g| !removed[g] && a.paras[g].key_chars > 0)
        .take(evidence::MAX_HEADING_LINES + 1)
        .collect()
}

/// The removals of the lines `rem` (in order), copies of the lines `kept`: one per
/// stretch of consecutive lines (a line in between, removed or furniture that stays,
/// breaks a stretch), and `rem` itself (the paragraphs they take).
fn removals(
    a: &Analysis<'_>,
    us: &[Unit],
    pairs: &[(usize, usize, usize)],
    rem: &[usize],
    kept: &[usize],
    kind: Kind,
    evidence: Evidence,
) -> (Vec<Decision>, Vec<usize>) {
    let edits: usize = pairs.iter().map(|p| p.2).sum();
    let chars: usize = pairs
        .iter()
        .map(|&(i, _, _)| us[i].key.1 - us[i].key.0)
        .sum();
    let similarity = crate::detect::round4(1.0 - edits as f64 / chars.max(1) as f64);
    let kept_span = (
        a.paras[kept[0]].start,
        a.paras[*kept.last().expect("non-empty")].end,
    );
    let mut out = Vec::new();
    let mut s = 0;
    for k in 0..rem.len() {
        let next_adjacent =
            k + 1 < rem.len() && (rem[k] + 1..rem[k + 1]).all(|g| a.paras[g].key_chars == 0);
        if next_adjacent {
            continue;
        }
        let (f, l) = (rem[s], rem[k]);
        out.push(Decision {
            kind,
            evidence,
            span: crate::detect::para_run_span(a, f, l).into(),
            content: crate::detect::Span::new(a.paras[f].start, a.paras[l].end),
            kept: Kept::Copy(kept_span.into()),
            similarity,
            key_parts: rem[s..=k].iter().map(|&p| a.key(p)).collect(),
            rule: None,
        });
        s = k + 1;
    }
    (out, rem.to_vec())
}

/// The verdict on copies whose lines pair one to one, unit for unit: a doubled
/// article pasted as it was, a line said twice, pages stitched with an overlap
/// (rules 1, 3 and 4 for lines). A lone line goes when it directly follows its copy
/// in the same role (not code, not a caption: a caption said again may caption a
/// second picture), or when it is prose between which and its copy stand only one
/// to three heading-like lines (body, headline, body). Two or more lines go when
/// both copies are prose (rule 1): `doubled_article` for three or more, for the
/// whole text written twice, or for the body, headline, body shape; `run`
/// otherwise. Two or more lines right after their copy, inside the text, are pages
/// stitched with an overlap (`stitch`). `--keep auto` keeps the later copy in the
/// body, headline, body shape (the headline leads its body again), else the earlier.
#[allow(clippy::too_many_arguments)]
fn lined_copy(
    a: &Analysis<'_>,
    cfg: &Config,
    us: &[Unit],
    roles: &[Role],
    removed: &[bool],
    (first, second): (&[usize], &[usize]),
    pairs: &[(usize, usize, usize)],
) -> Option<(Vec<Decision>, Vec<usize>)> {
    // page furniture opening the run (`赞`, `3`, `收藏` closing the comment before a
    // comment repeated in a list, the commenter's name) belongs to the item before
    // the copy: it stays; the first line of a copy that opens the text is its
    // headline and goes
    let opens_text = !(0..first[0]).any(|g| !removed[g] && a.paras[g].key_chars > 0);
    let edge = |p: usize| is_furniture(a, p) && !opens_text;
    let (mut lo, hi) = (0, first.len());
    while lo < hi && edge(first[lo]) && edge(second[lo]) {
        lo += 1;
    }
    if lo == hi {
        return None;
    }
    let (first, second) = (&first[lo..hi], &second[lo..hi]);
    let gap = gap_lines(a, removed, first[first.len() - 1], second[0]);
    let len = first.len();
    let text = |p: usize| &a.text[a.paras[p].start..a.paras[p].end];
    let total: usize = second.iter().map(|&p| a.paras[p].key_chars).sum();
    if total < cfg.min_paragraph_chars {
        return None;
    }
    let adjacent = gap.is_empty();
    let in_play = |g: usize| !removed[g] && a.paras[g].key_chars > 0;
    // nothing in play before the first copy, or after the second
    let at_start = !(0..first[0]).any(in_play);
    let at_end = !(second[len - 1] + 1..a.paras.len()).any(in_play);
    let heading_gap = !gap.is_empty()
        && gap.len() <= evidence::MAX_HEADING_LINES
        && gap.iter().all(|&g| a.paras[g].shape.heading);
    let evidence = if len == 1 {
        let (x, y) = (first[0], second[0]);
        // rule 4: a heading, summary or caption and the body line it quotes
        if roles[x] != roles[y] {
            return None;
        }
        let f = a.paras[y].shape.form;
        // rule 3: a lone line stutters, or sits in the body, headline, body shape
        if adjacent && f != Form::Code && roles[y] != Role::Caption {
            Evidence::Stutter
        } else if f == Form::Prose
            && a.paras[y].key_chars >= evidence::PROSE_MIN_CHARS
            && heading_gap
        {
            Evidence::DoubledArticle
        } else {
            return None;
        }
    } else {
        // rule 1: prose in both copies; records, Q&A, code, verse and lists repeat
        // their lines by design
        let prose = |ps: &[usize]| {
            evidence::run_is_prose_formed(
                ps.iter()
                    .map(|&p| (text(p), a.paras[p].key_chars, Some(a.paras[p].shape.form))),
                cfg.min_paragraph_chars,
            )
        };
        if !prose(first) || !prose(second) {
            return None;
        }
        if len >= 3 || (adjacent && at_start) || heading_gap {
            Evidence::DoubledArticle
        } else {
            Evidence::Run
        }
    };
    let (rem, kept) = if keep_later(cfg.keep, heading_gap) {
        (first, second)
    } else {
        (second, first)
    };
    let kind = if len >= 2 && adjacent && !at_start && !at_end {
        Kind::Stitch
    } else if len >= 2 {
        Kind::Block
    } else {
        Kind::Paragraph
    };
    Some(removals(a, us, pairs, rem, kept, kind, evidence))
}
