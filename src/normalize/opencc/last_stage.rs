//! The two-stage configurations segmented by their last stage (`tw2s`, `hk2s`:
//! `TSPhrases`, then the regional stage, then `t2s`'s group, which `TSPhrases` leads),
//! converted with one walk of each stage over the whole text instead of a
//! segmentation walk and a walk of each stage per segment
//! ([`segmented_by_last_stage`]); [`super::convert_chain`] takes this way when
//! [`super::SEGMENTS_IN_LAST_STAGE`] says the layout allows it.

use std::cell::Cell;
use std::sync::OnceLock;

use super::compat::COMPATIBILITY;
use super::sites::ChangeSites;
use super::{
    change_sites, changed_positionally, convert_chain, dict, Dict, OpenccConfig, Verbatim,
    SEGMENTS_IN_FIRST_STAGE, SEGMENTS_IN_LAST_STAGE,
};
use crate::normalize::opencc_static::{insert, union, Fused, GroupView, Lookup, Plain, Tally};
use crate::normalize::region::{Region, RegionCounts, RegionForms};

/// A two-stage configuration converted OpenCC's way (segments of the segmentation
/// group, each converted by the first stage, then by the last), when its segmentation
/// group leads its last stage's group `b` (its first `n` pairs; the rest single
/// characters, [`SEGMENTS_IN_LAST_STAGE`]) and
/// its first stage `a` writes every value (`tw2s`, `hk2s` in full): one walk of `a`
/// and one of `b` over the whole text, and `b` again only around the few matches of
/// `a` that change something, instead of a segmentation walk and a walk of each stage
/// per segment. `None` (convert it the long way) when a match of `a` crosses a
/// segment bound. With the output, the characters it changed in `text` (a
/// [`Tally`] of the last stage's walk, each window converted again counted anew).
///
/// Why it is the same: where no match of `a` crosses a segment bound, `a`'s walk over
/// the whole text makes, inside each segment, the matches a walk of that segment alone
/// makes (it reaches every bound, and at each position its longest key ends inside the
/// segment); so a segment that `a` leaves as it is reaches the last stage as it is,
/// and `b`'s walk over the whole text converts it as a walk of the segment alone does
/// (its matches of the first `n` pairs are the segmentation's own phrases, everything
/// else single characters). A phrase segment that `a` changes is converted again on
/// its own. In a gap between phrases, where `b` matched single characters only, a
/// phrase of `b` after `a`'s change must overlap the change, and so hold one of the
/// characters `a` wrote there: so `b`'s walk of the changed gap steps character by
/// character up to as many characters before the change as such a character may
/// have before it in a phrase of `b`, and again from at most as many after it as it
/// may have after it (the reach [`ChangeSites::matches`] gives with each match: less
/// than the segmentation's longest phrase, whose phrases are `b`'s only longer keys);
/// only that window is converted again, and the rest of the gap is `b`'s output over
/// the whole text.
pub(super) fn segmented_by_last_stage(
    a: &Dict,
    b: &Dict,
    how: LastSegmented,
    sites: &ChangeSites,
    text: &str,
) -> Option<(String, Tally)> {
    let (Dict::Static(a), Dict::Static(b)) = (a, b) else {
        return None;
    };
    // the last stage's walk first, given the changing characters to see: their
    // offsets stand for the sites' search (one pass over the text fewer)
    let mut at = Vec::new();
    let seen = |p, c| {
        if sites.changing(c) {
            at.push(p);
        }
    };
    let sets = Plain {
        present: sites.next_and_changing(),
        asked: Some(sites.changing_bits()),
    };
    let walk = LastWalk::new(b, how, text, &sets, seen);
    fixed_by_first_stage(a, b, sites, text, walk, &at)
}

/// The last stage's walk over a whole text (`GroupView::convert_verbatim_marked`):
/// its output and tally, and the marks [`fixed_by_first_stage`] reads.
pub(super) struct LastWalk {
    out: String,
    tally: Tally,
    /// `[end, output end]` of each match that changed the length in bytes.
    shifts: Vec<[usize; 2]>,
    /// `[start, end, output start, output end]` of each phrase of the segmentation.
    phrases: Vec<[usize; 4]>,
}

impl LastWalk {
    /// The walk of `b` over `text`, stepping over the characters outside the set
    /// `present` of `sets` (`b`'s own set or a superset) and calling `seen` with each
    /// in its set `asked` (a part of `present`) or beyond the BMP
    /// (`GroupView::next_match_seeing`).
    fn new(
        b: &GroupView,
        how: LastSegmented,
        text: &str,
        sets: &impl Lookup,
        seen: impl FnMut(usize, u32),
    ) -> LastWalk {
        let mut w = LastWalk {
            out: String::with_capacity(text.len() + text.len() / 8),
            tally: Tally::default(),
            shifts: Vec::new(),
            phrases: Vec::new(),
        };
        b.convert_verbatim_marked(
            text,
            &mut w.out,
            how.n,
            &mut w.shifts,
            &mut w.phrases,
            &mut w.tally,
            sets,
            seen,
        );
        w
    }
}

/// The rest of [`segmented_by_last_stage`] after the last stage's walk `walk` over
/// `text`: the first stage `a`'s changes (its sites, from the offsets `at` of every
/// changing character of `text`, in order) converted again where they fall.
fn fixed_by_first_stage(
    a: &GroupView,
    b: &GroupView,
    sites: &ChangeSites,
    text: &str,
    walk: LastWalk,
    at: &[usize],
) -> Option<(String, Tally)> {
    let LastWalk {
        out,
        mut tally,
        shifts,
        phrases,
    } = walk;
    // `k` characters back from byte `p`, or forward, within `lo..hi`
    let back = |mut p: usize, k: usize, lo: usize| {
        for _ in 0..k {
            if p <= lo {
                break;
            }
            p = text[..p].char_indices().next_back().map_or(lo, |(i, _)| i);
        }
        p.max(lo)
    };
    let forward = |mut p: usize, k: usize, hi: usize| {
        for _ in 0..k {
            if p >= hi {
                break;
            }
            p += text[p..].chars().next().map_or(1, char::len_utf8);
        }
        p.min(hi)
    };
    // the first stage's matches over the whole text that may change something (the
    // others leave their text as it is in any segmentation: see `sites`)
    let first = sites.matches_at(a, text, at);
    if first.is_empty() {
        // the first stage changes nothing, whatever the segments: the last stage's
        // walk (the marks aside, the same as `convert_verbatim_counted`'s)
        return Some((out, tally));
    }
    // the output offset of byte `q` of a gap (every character of a gap is a match of
    // its own or copied, so `q` is no match's inside): as far from the output end of
    // the last match before it that changed the length (`out` started empty) as `q`
    // is from that match's end, since every match after it kept the length
    let out_at = |q: usize| {
        let j = shifts.partition_point(|m: &[usize; 2]| m[0] <= q);
        j.checked_sub(1)
            .map_or(q, |j| shifts[j][1] + (q - shifts[j][0]))
    };
    let mut fixed = String::with_capacity(out.len() + 16);
    let mut copied = 0; // bytes of `out` written to `fixed`
    let mut window = String::new();
    let mut i = 0;
    while let Some(&(s, e, v, reach)) = first.get(i) {
        i += 1;
        // the segment of byte `s`: a phrase, or the gap between two
        let k = phrases.partition_point(|p| p[1] <= s);
        let (lo, hi, phrase) = match phrases.get(k) {
            Some(&[ps, pe, ..]) if ps <= s => (ps, pe, Some(k)),
            next => {
                let lo = k.checked_sub(1).map_or(0, |j| phrases[j][1]);
                (lo, next.map_or(text.len(), |p| p[0]), None)
            }
        };
        if e > hi {
            return None; // the match crosses a segment bound
        }
        let Some((rb, ra)) = reach else {
            continue; // it changes nothing
        };
        // the window converted again: the phrase, or in a gap the change with the
        // characters a phrase of `b` over it may reach, and every later change of the
        // segment whose own window would overlap it
        let (w0, mut x) = match phrase {
            Some(_) => (lo, hi),
            None => (back(s, rb, lo), forward(e, ra, hi)),
        };
        window.clear();
        window.push_str(&text[w0..s]);
        window.push_str(v);
        let mut last = e;
        while let Some(&(s, e, v, reach)) = first.get(i) {
            if s >= hi {
                break;
            }
            let (rb, ra) = reach.unwrap_or_default();
            if phrase.is_none() && back(s, rb, lo) >= x {
                break;
            }
            if e > hi {
                return None;
            }
            window.push_str(&text[last..s]);
            window.push_str(v);
            last = e;
            if phrase.is_none() {
                x = x.max(forward(e, ra, hi));
            }
            i += 1;
        }
        window.push_str(&text[last..x]);
        let (out_lo, out_hi) = match phrase {
            Some(k) => (phrases[k][2], phrases[k][3]),
            None => (out_at(w0), out_at(x)),
        };
        fixed.push_str(&out[copied..out_lo]);
        let at = fixed.len();
        b.convert_verbatim(&window, &mut fixed);
        copied = out_hi;
        // the window's count instead of the whole walk's there (`w0..x` is a run of
        // whole matches of that walk, written at `out_lo..out_hi`)
        tally.remove_counted(changed_positionally(&text[w0..x], &out[out_lo..out_hi]));
        tally.add_counted(changed_positionally(&text[w0..x], &fixed[at..]));
    }
    fixed.push_str(&out[copied..]);
    Some((fixed, tally))
}

/// `t2s`, `tw2s` and `hk2s` converted by the walk of the last stage they share
/// (`t2s`'s one group, which `TSPhrases` leads), made once ([`any_region`]).
struct AnyRegion {
    /// The shared group, and how `tw2s` and `hk2s` are segmented by it.
    last: &'static GroupView,
    how: LastSegmented,
    /// `tw2s`'s and `hk2s`'s first stages and their change sites.
    tw: (&'static GroupView, &'static ChangeSites),
    hk: (&'static GroupView, &'static ChangeSites),
    /// The shared group's tables for its walk ([`Fused`]), asked about both first
    /// stages' changing characters, the regional forms, and the compatibility
    /// ideographs of the BMP ([`COMPATIBILITY`]): the walk stops at the group's
    /// characters with an entry and those, so it sees every character the sites, the
    /// regional count and the compatibility test ask about, and asks them about those
    /// only.
    fused: Fused,
}

impl AnyRegion {
    /// The tables, made on first use; `None` if the configurations do not share their
    /// last stage so (a layout `build.rs` would have to change).
    fn get() -> Option<&'static AnyRegion> {
        static ANY: OnceLock<Option<AnyRegion>> = OnceLock::new();
        ANY.get_or_init(AnyRegion::new).as_ref()
    }

    fn new() -> Option<AnyRegion> {
        let t2s = OpenccConfig::T2s.spec();
        let (&[last], None) = (t2s.stages, t2s.segmentation) else {
            return None;
        };
        let how = LastSegmented::of(OpenccConfig::Tw2s)?;
        let first = |cfg: OpenccConfig| {
            let &[first, l] = cfg.spec().stages else {
                return None;
            };
            let Dict::Static(a) = dict(first) else {
                return None;
            };
            if l != last || LastSegmented::of(cfg)?.n != how.n {
                return None;
            }
            Some((a, change_sites(first, dict(first), last, dict(last))?))
        };
        let (tw, hk) = (first(OpenccConfig::Tw2s)?, first(OpenccConfig::Hk2s)?);
        let Dict::Static(last) = dict(last) else {
            return None;
        };
        let mut asked = Box::new(*tw.1.changing_bits());
        union(&mut asked, hk.1.changing_bits());
        let forms = RegionForms::get().forms().map(|c| c as u32);
        for c in forms.chain(COMPATIBILITY[0].clone()) {
            insert(&mut asked, c);
        }
        Some(AnyRegion {
            last,
            how,
            tw,
            hk,
            fused: Fused::new(last, &asked),
        })
    }
}

/// The region of `text` (`RegionForms::region`) and its conversion into Simplified
/// by that region's configuration (`tw2s`, `hk2s` or `t2s`: what
/// [`super::convert_chain`] gives, with its count), from one walk of the last stage
/// they share over `text`: that walk is `t2s` itself, and the last stage of the
/// other two ([`segmented_by_last_stage`]); it counts the regional forms and notes
/// both first stages' changing characters as it passes them. `None` when the
/// configurations are not laid out so, or when `text` holds a character of
/// [`COMPATIBILITY`] (noted by the walk too), which is unified before the
/// conversion.
pub(super) fn any_region(text: &str) -> Option<(Region, String, Option<usize>)> {
    // the offsets' vectors, kept by the thread from line to line (they grew once)
    thread_local! {
        static OFFSETS: Cell<(Vec<usize>, Vec<usize>)> = const { Cell::new((Vec::new(), Vec::new())) };
    }
    let (mut tw, mut hk) = OFFSETS.take();
    tw.clear();
    hk.clear();
    let converted = any_region_noting(text, &mut tw, &mut hk);
    OFFSETS.set((tw, hk));
    converted
}

/// [`any_region`], noting the first stages' changing characters in `tw` and `hk`
/// (empty).
fn any_region_noting(
    text: &str,
    tw: &mut Vec<usize>,
    hk: &mut Vec<usize>,
) -> Option<(Region, String, Option<usize>)> {
    let any = AnyRegion::get()?;
    let forms = RegionForms::get();
    let mut noted = Noted {
        tw,
        hk,
        counts: RegionCounts::default(),
        compatibility: false,
    };
    let seen = |p, c| noted.note(any, forms, p, c);
    let walk = LastWalk::new(any.last, any.how, text, &any.fused, seen);
    let Noted {
        tw,
        hk,
        counts,
        compatibility,
    } = noted;
    if compatibility {
        return None;
    }
    let region = counts.region();
    let (cfg, (a, sites), at) = match region {
        Region::Standard => return Some((region, walk.out, walk.tally.get())),
        Region::Taiwan => (OpenccConfig::Tw2s, any.tw, &*tw),
        Region::HongKong => (OpenccConfig::Hk2s, any.hk, &*hk),
    };
    let (out, n) = match fixed_by_first_stage(a, any.last, sites, text, walk, at) {
        Some((out, tally)) => (out, tally.get()),
        // a first stage's match crosses a segment bound: the long way
        // (not segmented by the last stage: that way, tried first, would walk
        // again to the same `None`)
        None => convert_chain(
            cfg.spec(),
            SEGMENTS_IN_FIRST_STAGE[cfg.index()],
            None,
            dict,
            text,
            &Verbatim,
        ),
    };
    Some((region, out, n))
}

/// What the walk of [`any_region`] notes of the characters it is asked about.
struct Noted<'a> {
    /// The offsets of `tw2s`'s and `hk2s`'s first stages' changing characters.
    tw: &'a mut Vec<usize>,
    hk: &'a mut Vec<usize>,
    /// The regional forms counted.
    counts: RegionCounts,
    /// Whether a character of [`COMPATIBILITY`] was seen.
    compatibility: bool,
}

impl Noted<'_> {
    /// Note code point `c` at byte `p` (out of line: the walk's loop calls it for
    /// the few characters it is asked about only).
    #[inline(never)]
    fn note(&mut self, any: &AnyRegion, forms: &RegionForms, p: usize, c: u32) {
        self.compatibility |= COMPATIBILITY.iter().any(|r| r.contains(&c));
        if any.tw.1.changing(c) {
            self.tw.push(p);
        }
        if any.hk.1.changing(c) {
            self.hk.push(p);
        }
        if let Some(c) = char::from_u32(c) {
            forms.count_char(c, &mut self.counts);
        }
    }
}

/// How a configuration is segmented by its last stage ([`SEGMENTS_IN_LAST_STAGE`]),
/// for [`segmented_by_last_stage`].
#[derive(Clone, Copy)]
pub(super) struct LastSegmented {
    /// The segmentation's pairs: the last stage's first `n`.
    n: u32,
}

impl LastSegmented {
    /// Configuration `cfg`'s, if it is segmented by its last stage.
    pub(super) fn of(cfg: OpenccConfig) -> Option<LastSegmented> {
        let n = SEGMENTS_IN_LAST_STAGE[cfg.index()]?;
        Some(LastSegmented { n })
    }
}

#[cfg(test)]
mod walk;

#[cfg(test)]
mod tests {
    use super::super::{change_sites, convert_chain, dict, opencc_spec, Verbatim};
    use super::*;
    use crate::normalize::script::{ScriptConverter, Target};

    /// One walk of the last stage `t2s`, `tw2s` and `hk2s` share gives the region
    /// `RegionForms` finds and that region's conversion with its count, line by line
    /// on the corpus excerpts, on Taiwan, Hong Kong and standard text, and on the
    /// first stages' keys run together (whose matches cross segment bounds).
    #[test]
    fn any_region_is_the_region_and_its_conversion() {
        let c = super::super::OpenccConverter::new();
        let mut texts: Vec<String> = crate::detect::registry::samples::fixtures(&["clean"])
            .iter()
            .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        for t in [
            "他看著窗外，心裡想著家鄉。",
            "他看着窗外，心裏想着家鄉。",
            "國家衞生健康委員會説明",
            "二噁英報導：他看著窗外，噁心裡想著家鄉，噁著噁。",
            "噁𠀾著，麵裡噁峯著",
            "著名作家看着窗外，想着",
            "",
        ] {
            texts.push(t.into());
        }
        for cfg in [OpenccConfig::Tw2s, OpenccConfig::Hk2s] {
            let Dict::Static(g) = dict(cfg.spec().stages[0]) else {
                panic!("a built-in group");
            };
            let (mut keys, mut taiwan) = (String::new(), String::from("看著"));
            g.for_each_pair(|k, _| {
                keys.push_str(k);
                taiwan.push_str(k);
                taiwan.push_str("看著");
            });
            texts.extend([keys, taiwan]);
        }
        let mut seen = [0; 3];
        // (a compatibility ideograph, or a code point the test for one takes too)
        for c in [
            '\u{F8FF}',
            '\u{F900}',
            '\u{FAFF}',
            '\u{2F800}',
            '\u{2FA3F}',
            '\u{2FA40}',
        ] {
            texts.push(format!("他看著{c}窗外"));
        }
        for t in &texts {
            let compatibility = super::super::holds_compatibility_ideograph(t);
            let Some((region, out, n)) = any_region(t) else {
                assert!(compatibility, "{t}: t2s, tw2s and hk2s share the stage");
                continue;
            };
            assert!(!compatibility, "{t}");
            assert_eq!(region, RegionForms::get().region(t), "{t}");
            let want = c.convert_from_counted(t, Target::ZhHans, region);
            assert!((out, n) == want, "{t}");
            seen[region as usize] += 1;
        }
        assert!(seen.iter().all(|&k| k > 2), "{seen:?}");
    }

    /// `tw2s` and `hk2s` converted by one walk of each stage over the whole text
    /// ([`segmented_by_last_stage`]) give what the segmentation walk and the
    /// per-segment stages give, on the corpus excerpts and on each key of the first
    /// stage between phrases of the segmentation, joined to the next key (where the
    /// first stage's matches cross segment bounds, and the long way is taken).
    #[test]
    fn one_walk_per_stage_converts_as_the_segments_do() {
        let mut texts = crate::detect::registry::samples::fixtures(&["clean"]);
        assert!(!texts.is_empty(), "fixtures/clean");
        texts.push("他看著窗外，心裡想著家鄉。".into());
        // matches of the last stage that change the length in bytes (噁 → 𫫇) before
        // and between the first stage's changes in gaps (the output offsets of a gap)
        texts.push("二噁英報導：他看著窗外，噁心裡想著家鄉，噁著噁。".into());
        texts.push("噁𠀾著，麵裡噁峯著".into());
        texts.push(String::new());
        let (mut fast, mut crossed, mut counted) = (0, 0, 0);
        for cfg in [OpenccConfig::Tw2s, OpenccConfig::Hk2s] {
            let spec = cfg.spec();
            let how = LastSegmented::of(cfg).expect("segmented by the last stage");
            let (first, seg) = (spec.stages[0], spec.segmentation.expect("segmented"));
            assert_eq!(opencc_spec::GROUPS[seg], &["TSPhrases"]);
            let lines = |name: &str| -> Vec<String> {
                std::fs::read_to_string(opencc_spec::path(name))
                    .expect("data file")
                    .lines()
                    .filter_map(|l| l.split_once('\t').map(|(k, _)| k.to_string()))
                    .collect()
            };
            let phrases: Vec<String> = lines("TSPhrases").into_iter().step_by(97).collect();
            let keys: Vec<String> = opencc_spec::GROUPS[first]
                .iter()
                .flat_map(|name| lines(name))
                .collect();
            let mut cases = texts.clone();
            for (i, k) in keys.iter().enumerate() {
                let p = &phrases[i % phrases.len()];
                let q = &phrases[(i * 7 + 3) % phrases.len()];
                let next = &keys[(i + 1) % keys.len()];
                // a phrase, the key, the phrase's last character, the next key and a
                // phrase's first character
                let mut t = format!("{p}{k}");
                t.extend(p.chars().last());
                t.push_str(next);
                t.extend(q.chars().next());
                t.push('，');
                t.push_str(q);
                cases.push(t);
            }
            cases.push(cases[texts.len()..].concat());
            // each phrase of the last stage with one of its characters written as a
            // key that the first stage turns into it (著 for 着): the first stage's
            // change makes the phrase, in a gap, at every offset of the phrase
            let Dict::Static(ga) = dict(first) else {
                panic!("a built-in group");
            };
            let mut back: std::collections::HashMap<char, Vec<char>> = Default::default();
            ga.for_each_pair(|k, v| {
                let (mut k, mut v) = (k.chars(), v.chars());
                if let (Some(k), None, Some(v), None) = (k.next(), k.next(), v.next(), v.next()) {
                    if k != v {
                        back.entry(v).or_default().push(k);
                    }
                }
            });
            assert!(!back.is_empty(), "{}: no one-character change", cfg.name());
            for p in lines("TSPhrases") {
                let chars: Vec<char> = p.chars().collect();
                for (j, c) in chars.iter().enumerate() {
                    for &k in back.get(c).into_iter().flatten() {
                        let mut t: Vec<char> = "他說".chars().collect();
                        t.extend(&chars[..j]);
                        t.push(k);
                        t.extend(&chars[j + 1..]);
                        t.extend("的事".chars());
                        cases.push(t.into_iter().collect());
                    }
                }
            }
            for text in &cases {
                let long = convert_chain(spec, None, None, dict, text, &Verbatim).0;
                let (a, b) = (dict(first), dict(spec.stages[1]));
                let sites = change_sites(first, a, spec.stages[1], b).expect("built-in");
                let fast_way = segmented_by_last_stage(a, b, how, sites, text);
                match fast_way {
                    Some((out, tally)) => {
                        assert!(out == long, "{}: differs on {text}", cfg.name());
                        // the tally counts what a comparison of the texts counts
                        if let Some(n) = tally.get() {
                            assert_eq!(Some(n), changed_positionally(text, &out), "{text}");
                            counted += 1;
                        }
                        fast += 1;
                    }
                    None => crossed += 1,
                }
                let (ours, n) = convert_chain(spec, None, Some(how), dict, text, &Verbatim);
                assert!(ours == long, "{}: differs on {text}", cfg.name());
                assert!(
                    n.is_none() || n == changed_positionally(text, &ours),
                    "{text}"
                );
            }
        }
        assert!(fast > 0, "the one-walk path was never taken");
        assert!(crossed > 0, "no text had a match crossing a segment bound");
        assert!(
            counted * 2 > fast,
            "the tally was known for {counted} of {fast}"
        );
    }
}
