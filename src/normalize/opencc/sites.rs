//! Where the first stage of `tw2s` and `hk2s` (the regional variants read back,
//! `TWVariantsRev*`, `HKVariantsRev*`) may change a text ([`ChangeSites`]): its walk
//! is needed only around the few characters it may change, not over the whole text.
//!
//! Why the walk may skip the rest: every match of a stage is an occurrence of one of
//! its keys, so a character that no key holds (most of a text) is no match's inside,
//! and every walk, over the whole text or over any part of it, passes it as a
//! character of its own. The runs of characters that keys hold between two such
//! characters are therefore walked independently, and a run's matches are the same
//! whether the walk starts at the text's start, at the run's or at any bound where no
//! match crosses. A key whose value differs from it holds, at a position where they
//! differ, a *changing* character (all of its characters when their character
//! counts differ); a run without one has no changing match in any walk, so it
//! reaches the next stage as it is, however the text is segmented. Only the runs
//! holding a changing character are walked (about 3 % of a Taiwan text: `著`, `裡`,
//! and the phrases around them), found from the changing characters (a few dozen)
//! that the next stage's walk over the whole text, which runs anyway, is given to
//! see ([`ChangeSites::next_and_changing`]); an Aho-Corasick search for them
//! ([`ChangeSites::matches`]) is the tests' oracle.

#[cfg(test)]
use aho_corasick::AhoCorasick;

use crate::fingerprint::FxHashMap;

use crate::normalize::opencc_static::{in_set, insert, union, BmpSet, GroupView, EMPTY_BMP_SET};

/// A set of characters: those of the BMP as a [`BmpSet`], the others sorted.
struct CharSet {
    bmp: Box<BmpSet>,
    astral: Vec<char>,
}

impl CharSet {
    /// The set of `chars`.
    fn of(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet {
            bmp: Box::new(EMPTY_BMP_SET),
            astral: Vec::new(),
        };
        for c in chars {
            match c as u32 {
                cp @ ..0x1_0000 => insert(&mut set.bmp, cp),
                _ => set.astral.push(c),
            }
        }
        set.astral.sort_unstable();
        set.astral.dedup();
        set
    }

    /// Whether the set holds code point `c`.
    #[inline(always)]
    fn holds(&self, c: u32) -> bool {
        match c {
            ..0x1_0000 => in_set(&self.bmp, c),
            _ => char::from_u32(c).is_some_and(|c| self.astral.binary_search(&c).is_ok()),
        }
    }
}

/// A group's key characters and its changing characters (see the module docs).
pub(super) struct ChangeSites {
    /// The characters keys hold.
    keys: CharSet,
    /// A search for the changing characters (`None` when no key's value differs from
    /// it): the tests' oracle of [`ChangeSites::matches_at`].
    #[cfg(test)]
    finder: Option<Finder>,
    /// The changing characters (those of the BMP the set the next stage's walk asks
    /// about, [`ChangeSites::changing_bits`]).
    changing: CharSet,
    /// The next stage's group's set of BMP code points with an entry
    /// (`GroupView::present`) with the changing characters added: its walk with this
    /// set (`GroupView::convert_verbatim_marked`) sees every changing character, and
    /// their offsets stand for the search ([`ChangeSites::matches_at`]).
    next_and_changing: Box<BmpSet>,
    /// The reach of the next stage's longer keys (shared by every group it follows).
    reach: &'static Reach,
}

/// A match of [`ChangeSites::matches`]: `(start, end, value, reach)`, byte offsets, the
/// reach `None` when the match writes its key as it is.
pub(super) type Site = (usize, usize, &'static str, Option<(usize, usize)>);

/// Per character of a longer key of a group (the stage after the one whose sites are
/// searched): the most characters before it and after it in such a key.
pub(super) struct Reach(FxHashMap<char, (usize, usize)>);

impl Reach {
    /// The reach of group `next`'s longer keys: one pass over those keys.
    pub(super) fn of(next: &GroupView) -> Reach {
        let mut reach = FxHashMap::default();
        next.for_each_longer_pair(|k, _| {
            let n = k.chars().count();
            if n > 1 {
                for (i, c) in k.chars().enumerate() {
                    let r: &mut (usize, usize) = reach.entry(c).or_default();
                    *r = (r.0.max(i), r.1.max(n - 1 - i));
                }
            }
        });
        Reach(reach)
    }

    /// How far a longer key of the group may reach around a match that writes
    /// `value` (and changes something): `(before, after)` in characters, the most
    /// characters before and after one of `value`'s in such a key. A longer key the
    /// change makes (one over the change) holds a character of `value`, so it starts
    /// at most `before` characters before the match and ends at most `after` after it.
    fn around(&self, value: &str) -> (usize, usize) {
        value.chars().fold((0, 0), |(b, a), c| {
            let (rb, ra) = self.0.get(&c).copied().unwrap_or_default();
            (b.max(rb), a.max(ra))
        })
    }
}

/// A search for a few dozen characters: the SIMD searcher of `aho-corasick` (Teddy)
/// where the machine has it, else its automaton.
#[cfg(test)]
enum Finder {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

#[cfg(test)]
impl Finder {
    fn new(chars: &[char]) -> Finder {
        let pats: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
        match aho_corasick::packed::Config::new()
            .builder()
            .extend(&pats)
            .build()
        {
            Some(s) => Finder::Packed(s),
            None => Finder::Automaton(AhoCorasick::new(&pats).expect("an automaton of characters")),
        }
    }

    /// The byte offset of the first of the characters in `text`.
    #[inline]
    fn find(&self, text: &str) -> Option<usize> {
        match self {
            Finder::Packed(s) => s.find(text).map(|m| m.start()),
            Finder::Automaton(a) => a.find(text).map(|m| m.start()),
        }
    }
}

impl ChangeSites {
    /// The sites of group `g`, from every pair of its tables, followed by group
    /// `next`, whose longer keys have reach `reach`.
    pub(super) fn of(g: &GroupView, next: &GroupView, reach: &'static Reach) -> ChangeSites {
        let mut keys: Vec<char> = Vec::new();
        let mut changing: Vec<char> = Vec::new();
        g.for_each_pair(|k, v| {
            keys.extend(k.chars());
            if k != v {
                if k.chars().count() == v.chars().count() {
                    changing.extend(
                        k.chars()
                            .zip(v.chars())
                            .filter(|(a, b)| a != b)
                            .map(|x| x.0),
                    );
                } else {
                    changing.extend(k.chars());
                }
            }
        });
        changing.sort_unstable();
        changing.dedup();
        #[cfg(test)]
        let finder = (!changing.is_empty()).then(|| Finder::new(&changing));
        let changing = CharSet::of(changing);
        let mut next_and_changing = Box::new(*next.present());
        union(&mut next_and_changing, &changing.bmp);
        ChangeSites {
            keys: CharSet::of(keys),
            #[cfg(test)]
            finder,
            changing,
            next_and_changing,
            reach,
        }
    }

    /// The set the walk of `next` (the group these sites were made with) is given so
    /// that it sees every changing character ([`ChangeSites::changing`]), for
    /// [`ChangeSites::matches_at`]: its own set of BMP code points with an entry and
    /// the changing ones.
    pub(super) fn next_and_changing(&self) -> &BmpSet {
        &self.next_and_changing
    }

    /// The changing characters of the BMP ([`ChangeSites::changing`]), as the set
    /// that walk asks about (`GroupView::next_match_seeing`).
    pub(super) fn changing_bits(&self) -> &BmpSet {
        &self.changing.bmp
    }

    /// Whether code point `c` is a changing character (see the module docs).
    #[inline(always)]
    pub(super) fn changing(&self, c: u32) -> bool {
        self.changing.holds(c)
    }

    /// Whether a key holds `c`.
    #[inline]
    fn in_keys(&self, c: char) -> bool {
        self.keys.holds(c as u32)
    }

    /// The matches of `g` (the group these sites are of) in `text` that lie in a run
    /// of key characters holding a changing character, in order, each with the reach
    /// of the next stage's longer keys around it ([`Reach::around`]; `None` when it
    /// changes nothing): every match of the walk over the whole text that changes
    /// something is among them, and each is a match of that walk.
    #[cfg(test)]
    pub(super) fn matches(&self, g: &GroupView, text: &str) -> Vec<Site> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        self.matches_by(g, text, |from| finder.find(&text[from..]).map(|m| from + m))
    }

    /// [`ChangeSites::matches`], given the byte offsets `at` of every changing
    /// character of `text`, in order (what the search finds, as the walk of the next
    /// stage with [`ChangeSites::next_and_changing`] sees them).
    pub(super) fn matches_at(&self, g: &GroupView, text: &str, at: &[usize]) -> Vec<Site> {
        let mut k = 0;
        self.matches_by(g, text, |from| {
            // the first at or after `from` (the runs only move forward)
            while at.get(k).is_some_and(|&p| p < from) {
                k += 1;
            }
            at.get(k).copied()
        })
    }

    /// [`ChangeSites::matches`] with `next(from)` the byte offset of the first
    /// changing character at or after byte `from`, asked with `from` increasing.
    fn matches_by(
        &self,
        g: &GroupView,
        text: &str,
        mut next: impl FnMut(usize) -> Option<usize>,
    ) -> Vec<Site> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = next(from) {
            // the run of key characters around the changing one
            let lo = text[..at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| self.in_keys(c))
                .last()
                .map_or(at, |(i, _)| i);
            let hi = text[at..]
                .char_indices()
                .find(|&(_, c)| !self.in_keys(c))
                .map_or(text.len(), |(i, _)| at + i);
            let run = &text[lo..hi];
            found.extend(
                crate::normalize::opencc_static::StaticMatches::new(g, run).map(|(s, e, _, v)| {
                    let reach = (run[s..e] != *v).then(|| self.reach.around(v));
                    (lo + s, lo + e, v, reach)
                }),
            );
            from = hi;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::super::{change_sites, dict, opencc_spec, Dict, OpenccConfig, StaticMatches};
    use crate::normalize::opencc_static::{Plain, Tally};

    /// The sites' matches are matches of the walk over the whole text, and every match
    /// of that walk that changes something is among them: on the corpus excerpts, on
    /// the group's own keys run together (every key, and each key's characters after
    /// its first, which makes keys overlap and cross) and on Taiwan and Hong Kong text.
    #[test]
    fn the_sites_hold_every_change_of_the_whole_walk() {
        let mut texts = crate::detect::registry::samples::fixtures(&["clean"]);
        assert!(!texts.is_empty(), "fixtures/clean");
        texts.push("他看著窗外，心裡想著家鄉，著名的麵店。國家衞生説明".into());
        for cfg in [OpenccConfig::Tw2s, OpenccConfig::Hk2s] {
            let group = cfg.spec().stages[0];
            let Dict::Static(g) = dict(group) else {
                panic!("a built-in group");
            };
            let next = cfg.spec().stages[1];
            let sites = change_sites(group, dict(group), next, dict(next)).expect("built-in");
            // the longest phrase of the segmentation, which leads the next group: the
            // reach around a change never passes it (build.rs checks that the rest of
            // the group has one-character keys)
            let seg = cfg.spec().segmentation.expect("segmented");
            let longest = opencc_spec::GROUPS[seg]
                .iter()
                .flat_map(|name| {
                    std::fs::read_to_string(opencc_spec::path(name))
                        .expect("data file")
                        .lines()
                        .filter_map(|l| Some(l.split_once('\t')?.0.chars().count()))
                        .collect::<Vec<_>>()
                })
                .max()
                .expect("phrases");
            let mut keys = String::new();
            let mut shifted = String::new();
            g.for_each_pair(|k, _| {
                keys.push_str(k);
                shifted.extend(k.chars().skip(1));
            });
            assert!(!keys.is_empty() && opencc_spec::GROUPS[group].len() > 1);
            let mut changes = 0;
            for text in texts.iter().map(String::as_str).chain([&*keys, &*shifted]) {
                let all: Vec<(usize, usize, &str)> = StaticMatches::new(g, text)
                    .map(|(s, e, _, v)| (s, e, v))
                    .collect();
                let ours: Vec<(usize, usize, &str)> = sites
                    .matches(g, text)
                    .into_iter()
                    .map(|(s, e, v, reach)| {
                        assert_eq!(reach.is_some(), text[s..e] != *v, "{}", cfg.name());
                        let (b, a) = reach.unwrap_or_default();
                        assert!(b < longest && a < longest, "{}: {v}", cfg.name());
                        (s, e, v)
                    })
                    .collect();
                for m in &ours {
                    assert!(all.binary_search(m).is_ok(), "{}: {m:?}", cfg.name());
                }
                // the next stage's walk sees every changing character, once and in
                // order, and the sites from those are the search's
                let Dict::Static(nb) = dict(next) else {
                    panic!("a built-in group");
                };
                let mut at = Vec::new();
                nb.convert_verbatim_marked(
                    text,
                    &mut String::new(),
                    0,
                    &mut Vec::new(),
                    &mut Vec::new(),
                    &mut Tally::default(),
                    &Plain {
                        present: sites.next_and_changing(),
                        asked: Some(sites.changing_bits()),
                    },
                    |p, c| {
                        if sites.changing(c) {
                            at.push(p);
                        }
                    },
                );
                let every: Vec<usize> = text
                    .char_indices()
                    .filter(|&(_, c)| sites.changing(c as u32))
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(at, every, "{}", cfg.name());
                assert!(sites.matches_at(g, text, &at) == sites.matches(g, text));
                for &(s, e, v) in all.iter().filter(|&&(s, e, v)| text[s..e] != *v) {
                    assert!(ours.contains(&(s, e, v)), "{}: {}", cfg.name(), &text[s..e]);
                    changes += 1;
                }
            }
            assert!(changes > 100, "{}: {changes} changes", cfg.name());
        }
    }
}
