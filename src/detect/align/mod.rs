//! Every copy of whole lines, found on the document's sentence sequence whatever its
//! line layout (kinds `block`, `paragraph` and `stitch`): the doubled article pasted
//! as it was (body, headline, body; the whole page twice; a body written three
//! times), a line said twice in a row, pages stitched with an overlap, a copy
//! reflowed (paragraphs merged into one line, pairs merged, one sentence per line), a
//! copy with a few characters edited in every sentence (its headline too), and a
//! copy whose lines alternate with page furniture (`广告`, `上一页`, `返回顶部`). One
//! aligner instead of the four line heuristics it replaced (exact runs of lines,
//! near lines inside runs, stitched pages, and copies laid out differently).
//!
//! The units are the sentences of the lines no earlier stage removed, in order; a
//! line without sentence-ending punctuation (a headline) is one unit. Their matching
//! keys are concatenated into one key text, with no trace of the line breaks, so a
//! reflowed copy has the same key text as its original.
//!
//! 0. **Screen** (`may_hold_copy`): on what the key pass already computed (line and
//!    sentence hashes, bottom-k sketches of lines), a document with no repeated line,
//!    no repeated pair of sentences and no pair of lines sharing two sketch values is
//!    left at once (most documents of a news corpus). O(sentences + lines).
//! 1. **Anchors** (`anchors`): pairs of lines with the same key, pairs of units with
//!    the same key, then pairs of units holding the same [`ANCHOR_CHARS`]-gram of the
//!    key text, sampled by content
//!    (rolling hash), so anchors are found whatever the line breaks and however many
//!    sentences were edited. O(n) in the key length n: lines and units are grouped
//!    by the key hashes the analysis computed (sorted on them, each key compared
//!    with its group's first), and the k-gram scan stops as soon as [`MAX_ANCHORS`] distinct pairs
//!    are found. The key text is the lines' keys, built once by the analysis and
//!    shared with `near` and the fixed-point passes. (An LCP scan of a suffix array
//!    of the key text finds the same anchors and every other repeat; it cost four
//!    times as much on the corpus, where this stage runs on one document in five,
//!    for no removal more: the suffix array stays with `inline_block`, which needs
//!    the longest repeat inside a line.)
//! 2. **Alignment.** Anchors are taken longest first (at most [`MAX_ANCHORS`]); each is
//!    extended unit by unit in both directions while the next units match exactly or
//!    as near copies (an edit distance of at most [`max_edits`] characters, never an
//!    edit of digits alone), stepping over furniture lines (`is_furniture`) on
//!    either side, then cut back to whole lines (`whole_lines`). Linear in the
//!    length of the run; a unit of a removed copy is never an anchor again (the kept
//!    copy may be copied again: a third copy pairs with the first), so the whole
//!    stage is near-linear in the number of units (a 5 MB single line takes a few
//!    seconds, see `benches/align.rs`).
//! 3. **Evidence** ([`super::evidence`]): the aligner proposes, the evidence model
//!    decides. A run is removed only when both copies are whole lines (no fragment
//!    of a line is ever left or cut). Copies whose lines pair one to one, unit for
//!    unit, with an exact unit among them, are judged as lines (`judge::lined_copy`: a
//!    lone line when it stutters or in the body, headline, body shape; two or more
//!    when both are prose). Copies laid out differently need prose in both copies
//!    (rule 1), at least [`MIN_RUN`] aligned units or two with one exact unit of at
//!    least [`evidence::PROSE_MIN_CHARS`] (rule 2: near copies only inside a run;
//!    rule 3: a lone unit stays), every aligned pair in the same role (rule 4), and
//!    furniture lines inside such a run stay.
//!
//! Which copy survives (`--keep auto`): the earlier one, except when nothing but one
//! to three heading-like lines separate the copies (the scraped “body, headline,
//! body” shape): then the later one, so the headline leads its body again.
//!
//! Cost of the whole stage, stated: O(n) for the screen and the anchors in the key
//! length n, plus the runs' lengths for extension (each unit of a removed copy is
//! extended over once), plus O(k) per unit pair compared as near copies (banded
//! edit distance, k ≤ 3). No stage loops to a fixed point; copies a removal brings
//! together are found by `fixpoint::settle`'s next pass.

mod anchors;
mod edits;
mod judge;
mod screen;

use super::evidence::{self, Evidence, Form, Role};
use super::{keep_later, Analysis, Decision, Kept, Kind};
use crate::config::Config;
use crate::normalize::key::push_key;
use anchors::anchors;
use edits::keys_match;
pub use edits::{bounded_edits, digits_only_change, max_edits};
use judge::judge;
use screen::may_hold_copy;

/// Two units are anchored together when their key texts share this many characters.
pub const ANCHOR_CHARS: usize = 8;
/// At most this many anchors are extended per document (longest first).
pub const MAX_ANCHORS: usize = 4096;
/// A run without an exact unit of prose length needs this many aligned units.
pub const MIN_RUN: usize = 3;
/// A furniture line has at most this many key characters.
pub const MAX_FURNITURE_CHARS: usize = 6;

/// One sentence of a line still in play. 32 bytes (a 10 MB document has some
/// 200,000, kept for every fixed-point pass): the paragraph index is held in 32
/// bits ([`runs_with`] leaves a document of more paragraphs alone) and the line's
/// key hash is read from the paragraph.
struct Unit {
    /// Its key characters: a range of the document's key text.
    key: (usize, usize),
    /// The [`crate::normalize::key::KeyHash`] of its key, which the analysis
    /// computed (equal keys, equal hashes).
    hash: u64,
    /// Paragraph index ([`Unit::para`]).
    para: u32,
    /// The unit is a whole line of page furniture.
    furniture: bool,
    /// The unit is a whole heading-like line (furniture too).
    heading: bool,
}

impl Unit {
    /// Its paragraph's index.
    #[inline]
    fn para(&self) -> usize {
        self.para as usize
    }
}

/// Whether a paragraph is a line of page furniture that may sit between the units of
/// a copy: short (at most [`MAX_FURNITURE_CHARS`] key characters), one unit, and not
/// a sentence (no sentence-ending punctuation). It is stepped over, never removed.
fn is_furniture(a: &Analysis<'_>, pi: usize) -> bool {
    let p = &a.paras[pi];
    p.key_chars <= MAX_FURNITURE_CHARS && p.sentences.1 - p.sentences.0 <= 1 && p.shape.heading
}

/// How units `p` and `q` match: `Some(0)` exactly, `Some(e)` as near copies with `e`
/// edits, `None` not at all.
fn unit_match(us: &[Unit], chars: &[char], p: usize, q: usize) -> Option<usize> {
    keys_match(
        &chars[us[p].key.0..us[p].key.1],
        &chars[us[q].key.0..us[q].key.1],
    )
}

/// An aligned run: pairs of units (earlier, later) and their edits; a unit of one
/// copy matched by two of the other (a reflowed line break) appears in two pairs.
struct Run {
    pairs: Vec<(usize, usize, usize)>,
}

/// Whether the key text of units `x.0..=x.1` equals that of `y.0..=y.1`
/// (consecutive units are contiguous in `chars`).
fn span_equal(us: &[Unit], chars: &[char], x: (usize, usize), y: (usize, usize)) -> bool {
    chars[us[x.0].key.0..us[x.1].key.1] == chars[us[y.0].key.0..us[y.1].key.1]
}

/// A headline aligned inside or at the edge of a run, a whole heading-like line on
/// both sides: its edits may reach half its length (a short line with two
/// characters edited is still the copy's headline when the run around it is the
/// copy; rule 1 still asks the run for prose).
fn heading_match(us: &[Unit], chars: &[char], i: usize, j: usize) -> Option<usize> {
    if !us[i].heading || !us[j].heading {
        return None;
    }
    let (x, y) = (
        &chars[us[i].key.0..us[i].key.1],
        &chars[us[j].key.0..us[j].key.1],
    );
    let k = (x.len().min(y.len()) / 2).max(1);
    // (lengths more than `k` apart: `bounded_edits` answers `None`, as the digit
    // test would; it is not made)
    if x.len().min(y.len()) < 4 || x.len().abs_diff(y.len()) > k || digits_only_change(x, y) {
        return None;
    }
    bounded_edits(x, y, k)
}

/// What one alignment step adds: the pairs (none, one or two, held in place: a
/// step is taken per unit of a run, and a vector each was an allocation each), and
/// the units consumed in copy 1 and in copy 2.
type Step = (Pairs, usize, usize);

/// The pairs one step adds, at most two.
#[derive(Clone, Copy)]
struct Pairs {
    held: [(usize, usize, usize); 2],
    len: usize,
}

impl Pairs {
    /// No pair.
    const NONE: Pairs = Pairs {
        held: [(0, 0, 0); 2],
        len: 0,
    };

    /// The one pair `p`.
    fn one(p: (usize, usize, usize)) -> Pairs {
        Pairs {
            held: [p, p],
            len: 1,
        }
    }

    /// The two pairs `p` and `q`, in this order.
    fn two(p: (usize, usize, usize), q: (usize, usize, usize)) -> Pairs {
        Pairs {
            held: [p, q],
            len: 2,
        }
    }

    /// The pairs, in order.
    fn as_slice(&self) -> &[(usize, usize, usize)] {
        &self.held[..self.len]
    }
}

/// One step of the alignment from units `i` (copy 1) and `j` (copy 2) towards
/// `dir` (+1 forwards, −1 backwards): the pairs it adds and the units it consumes on
/// each side, or `None` where the run ends. `ok(u)`: unit `u` may join the run.
fn step(
    us: &[Unit],
    chars: &[char],
    (i, j): (usize, usize),
    forwards: bool,
    ok: &dyn Fn(usize, usize) -> bool,
) -> Option<Step> {
    if !ok(i, j) {
        return None;
    }
    if let Some(e) = unit_match(us, chars, i, j) {
        return Some((Pairs::one((i, j, e)), 1, 1));
    }
    if let Some(e) = heading_match(us, chars, i, j) {
        return Some((Pairs::one((i, j, e)), 1, 1));
    }
    if us[j].furniture {
        return Some((Pairs::NONE, 0, 1));
    }
    if us[i].furniture {
        return Some((Pairs::NONE, 1, 0));
    }
    // two units of one copy against one of the other, exactly: a line break moved
    let (i2, j2) = if forwards {
        (i.checked_add(1), j.checked_add(1))
    } else {
        (i.checked_sub(1), j.checked_sub(1))
    };
    let plain = |u: usize| u < us.len() && !us[u].furniture;
    if let Some(i2) = i2.filter(|&u| plain(u) && ok(u, j)) {
        let x = if forwards { (i, i2) } else { (i2, i) };
        if span_equal(us, chars, x, (j, j)) {
            return Some((Pairs::two((x.0, j, 0), (x.1, j, 0)), 2, 1));
        }
    }
    if let Some(j2) = j2.filter(|&u| plain(u) && ok(i, u)) {
        let y = if forwards { (j, j2) } else { (j2, j) };
        if span_equal(us, chars, (i, i), y) {
            return Some((Pairs::two((i, y.0, 0), (i, y.1, 0)), 1, 2));
        }
    }
    None
}

/// Extend the anchor pair `(p, q)` both ways. Copy 1 stays before copy 2.
fn extend(us: &[Unit], chars: &[char], claimed: &[bool], p: usize, q: usize, e0: usize) -> Run {
    let mut pairs = vec![(p, q, e0)];
    // forwards: copy 1 stays before copy 2's start `q`
    let (mut i, mut j) = (p + 1, q + 1);
    let fwd_ok = |x: usize, y: usize| x < q && y < us.len() && !claimed[x] && !claimed[y];
    while let Some((add, di, dj)) = step(us, chars, (i, j), true, &fwd_ok) {
        pairs.extend_from_slice(add.as_slice());
        i += di;
        j += dj;
    }
    // backwards: copy 2 stays after copy 1's end
    let fence = pairs.iter().map(|x| x.0).max().unwrap_or(p);
    let mut front = Vec::new();
    let bwd_ok = |x: usize, y: usize| y > fence && !claimed[x] && !claimed[y];
    let (mut i, mut j) = (p, q);
    while i > 0 && j > 0 {
        let Some((add, di, dj)) = step(us, chars, (i - 1, j - 1), false, &bwd_ok) else {
            break;
        };
        if i < di || j < dj {
            break;
        }
        front.extend(add.as_slice().iter().rev());
        i -= di;
        j -= dj;
    }
    front.reverse();
    front.extend(pairs);
    Run { pairs: front }
}

/// The aligner's units and key text, kept from one pass of detection over a
/// document to the next (in [`super::registry::Memo`]): a 10 MB document's are some
/// 20 MB, which fresh each pass are 5,000 pages the kernel zeroes. Only the
/// allocations are kept; every pass fills them afresh.
#[derive(Default)]
pub struct Buffers {
    units: Vec<Unit>,
    chars: Vec<char>,
}

/// Aligned copies among the paragraphs not yet removed; marks the paragraphs it
/// removes in `removed`.
pub fn runs(a: &Analysis<'_>, cfg: &Config, removed: &mut [bool]) -> Vec<Decision> {
    runs_with(a, cfg, removed, &mut Buffers::default())
}

/// [`runs`], building the units and key text in `bufs` (whatever they held).
pub fn runs_with(
    a: &Analysis<'_>,
    cfg: &Config,
    removed: &mut [bool],
    bufs: &mut Buffers,
) -> Vec<Decision> {
    // (a unit holds its paragraph's index in 32 bits)
    if u32::try_from(a.paras.len()).is_err() || !may_hold_copy(a, removed) {
        return Vec::new();
    }
    let us = &mut bufs.units;
    us.clear();
    us.reserve(a.sentences.len());
    let borrowed = borrowed_key_text(a, removed);
    let chars = &mut bufs.chars;
    chars.clear();
    if borrowed.is_none() {
        // (sized once: growing a vector of a 10 MB document's key text copies it
        // again and again)
        let in_play: usize = (a.paras.iter().zip(removed.iter()))
            .filter(|(_, &r)| !r)
            .map(|(p, _)| p.key_chars)
            .sum();
        chars.reserve(in_play);
    }
    for (pi, p) in a.paras.iter().enumerate() {
        if removed[pi] || p.key_chars == 0 {
            continue;
        }
        let furniture = is_furniture(a, pi);
        let heading = p.sentences.1 - p.sentences.0 == 1 && p.shape.heading;
        let sentences = &a.sentences[p.sentences.0..p.sentences.1];
        // the units of the sentences, cut one after another from the line's key,
        // which starts at `at` in the key text
        let mut cut_at = |mut at: usize| {
            for s in sentences.iter().filter(|s| s.key_chars > 0) {
                us.push(Unit {
                    para: pi as u32,
                    key: (at, at + s.key_chars),
                    hash: s.hash,
                    furniture,
                    heading,
                });
                at += s.key_chars;
            }
        };
        if let Some((_, base)) = borrowed {
            // (the units the copy below would cut, at the same offsets)
            cut_at(a.para_keys[pi].start - base);
            continue;
        }
        // The key maps each character on its own and the sentences are ordered,
        // disjoint stretches of the line, so when the line's key has as many
        // characters as its sentences' keys together (nothing between them keys), it
        // is their concatenation: the line's key, built once by the analysis and
        // shared with `near` and later passes, is cut at the sentences' lengths.
        let at0 = chars.len();
        chars.extend_from_slice(a.key_chars(pi));
        if chars.len() - at0 == p.key_chars {
            cut_at(at0);
            continue;
        }
        chars.truncate(at0);
        for s in sentences.iter().filter(|s| s.key_chars > 0) {
            let at = chars.len();
            push_key(a.tables(), &a.text[s.span.0..s.span.1], chars);
            us.push(Unit {
                para: pi as u32,
                key: (at, chars.len()),
                hash: s.hash,
                furniture,
                heading,
            });
        }
    }
    if us.len() < 2 {
        return Vec::new();
    }
    let chars: &[char] = match borrowed {
        Some((text, _)) => text,
        None => chars,
    };
    let us: &[Unit] = us;
    let anchors = anchors(a, us, chars);
    let mut per_para = vec![0usize; a.paras.len()];
    for u in us {
        per_para[u.para()] += 1;
    }
    let roles = a.roles();
    // units taken by a run (either copy): never an anchor again
    let mut claimed = vec![false; us.len()];
    let mut out = Vec::new();
    // (one scratch for every anchor's run: a 10 MB file tries thousands)
    let mut scratch = LineScratch::default();
    for (p, q) in anchors {
        if claimed[p] || claimed[q] {
            continue;
        }
        let Some(e0) = unit_match(us, chars, p, q) else {
            continue;
        };
        let run = extend(us, chars, &claimed, p, q, e0);
        let run = whole_lines(us, &per_para, run, &mut scratch);
        let Some((ds, gone)) = judge(a, cfg, us, &per_para, roles, removed, &run) else {
            continue;
        };
        // the removed copy's units are gone: never an anchor or part of a run again;
        // the kept copy may still be copied again further on (a body written three
        // times loses two copies in one pass)
        // (`gone` is in order)
        for &(i, j, _) in &run.pairs {
            for u in [i, j] {
                claimed[u] |= gone.binary_search(&us[u].para()).is_ok();
            }
        }
        for pi in gone {
            removed[pi] = true;
        }
        out.extend(ds);
    }
    out.sort_by_key(|d| d.span);
    out
}

/// The key text [`runs_with`] would copy together, borrowed from the analysis, and
/// the offset in its key text where it starts: when the keys of the paragraphs in
/// play (not `removed`, with a key) lie one after the other in one key text of the
/// analysis, each as long as its paragraph's `key_chars` (the test by which the copy
/// cuts a line's key at its sentences' lengths). The copy is then that stretch of
/// the key text, character for character, and each unit's range in it the range
/// the copy gives shifted by the offset. A first pass' analysis keys its lines one
/// after the other into one key text, so a document's first pass (a 10 MB file's
/// 13 MB of key characters, and every batch document's) borrows; a later pass,
/// whose unchanged lines' keys are the first pass' and cut lines' its own, copies.
fn borrowed_key_text<'k>(a: &'k Analysis<'_>, removed: &[bool]) -> Option<(&'k [char], usize)> {
    let mut span: Option<(usize, usize, usize)> = None;
    for (pi, p) in a.paras.iter().enumerate() {
        if removed[pi] || p.key_chars == 0 {
            continue;
        }
        let k = a.para_keys[pi];
        if k.end - k.start != p.key_chars {
            return None;
        }
        span = match span {
            None => Some((k.text, k.start, k.end)),
            Some((t, s, e)) if t == k.text && e == k.start => Some((t, s, k.end)),
            Some(_) => return None,
        };
    }
    let (t, s, e) = span?;
    Some((&a.key_texts[t][s..e], s))
}

/// `run` cut back at both ends to whole lines: a pair stays only when every unit of
/// its line in each copy is in the run (a copy is removed as whole lines, never
/// leaving a fragment, so a line only partly aligned ends the run before it).
/// Linear in the run's length. `scratch` holds no state between calls (only its
/// vectors' allocations, each emptied and zeroed to its length here).
fn whole_lines(us: &[Unit], per_para: &[usize], mut run: Run, scratch: &mut LineScratch) -> Run {
    // per side: pairs each unit is in, and distinct units of each paragraph in the
    // run. A side's units are a stretch of the units (a run steps through them in
    // order), and so are their paragraphs: counts in vectors indexed from the
    // stretch's first unit and paragraph, not in maps (four maps per anchor were
    // some 2 % of a 10 MB file's instructions)
    let side_units = |side: usize| {
        run.pairs
            .iter()
            .map(move |p| if side == 0 { p.0 } else { p.1 })
    };
    let ulo: [usize; 2] = [0, 1].map(|side| side_units(side).min().unwrap_or(0));
    let uhi: [usize; 2] = [0, 1].map(|side| side_units(side).max().unwrap_or(0));
    let para_lo: [usize; 2] = [0, 1].map(|side| us.get(ulo[side]).map_or(0, Unit::para));
    let LineScratch { uses, have } = scratch;
    for side in 0..2 {
        let top = us.get(uhi[side]).map_or(0, Unit::para);
        uses[side].clear();
        uses[side].resize(uhi[side] + 1 - ulo[side], 0);
        have[side].clear();
        have[side].resize(top + 1 - para_lo[side], 0);
    }
    for &(i, j, _) in &run.pairs {
        for (side, u) in [(0, i), (1, j)] {
            let c = &mut uses[side][u - ulo[side]];
            if *c == 0 {
                have[side][us[u].para() - para_lo[side]] += 1;
            }
            *c += 1;
        }
    }
    let whole = |have: &[Vec<usize>; 2], side: usize, u: usize| {
        have[side][us[u].para() - para_lo[side]] == per_para[us[u].para()]
    };
    let (mut lo, mut hi) = (0, run.pairs.len());
    loop {
        let before = (lo, hi);
        for front in [false, true] {
            while lo < hi {
                let (i, j, _) = run.pairs[if front { lo } else { hi - 1 }];
                if whole(have, 0, i) && whole(have, 1, j) {
                    break;
                }
                for (side, u) in [(0, i), (1, j)] {
                    let c = &mut uses[side][u - ulo[side]];
                    *c -= 1;
                    if *c == 0 {
                        have[side][us[u].para() - para_lo[side]] -= 1;
                    }
                }
                if front {
                    lo += 1;
                } else {
                    hi -= 1;
                }
            }
        }
        if (lo, hi) == before {
            break;
        }
    }
    run.pairs.truncate(hi);
    run.pairs.drain(..lo);
    run
}

/// The scratch of [`whole_lines`], kept from anchor to anchor for its
/// allocations: per side (copy), the pairs each unit of the run's stretch is in
/// and the distinct units of each paragraph of it in the run.
#[derive(Default)]
struct LineScratch {
    /// Per side, by unit from the stretch's first: the run's pairs holding it.
    uses: [Vec<usize>; 2],
    /// Per side, by paragraph from the stretch's first: its units in the run.
    have: [Vec<usize>; 2],
}

#[cfg(test)]
mod tests;
