//! The in-place walk of a group (`GroupView::convert_verbatim_with`) against the
//! appending walk it replaced (`GroupView::convert_verbatim_appending`, the oracle):
//! the same output, the same matches reported (`on_match`) and the same characters
//! seen, in order, read from the group's tables (`Plain`: its own set, and a wider
//! one) or from a `Fused` table, for every built-in group, on the corpus excerpts, on the group's
//! keys run together and on random texts of its keys, of characters whose value
//! changes the length in bytes, and of other characters.

use super::super::{dict, Dict, GROUP_TABLES};
use crate::normalize::opencc_static::{
    in_set, insert, union, BmpSet, Fused, GroupView, Lookup, Plain, EMPTY_BMP_SET,
};

/// What a walk wrote and reported: the output, each `on_match` call, each `seen` call.
type Trace = (String, Vec<([usize; 4], u32, bool)>, Vec<(usize, u32)>);

fn walk(g: &GroupView, text: &str, prefix: &str, sets: &impl Lookup, in_place: bool) -> Trace {
    let mut out = String::from(prefix);
    let (mut matches, mut seen) = (Vec::new(), Vec::new());
    let on_match = |m, i, one| matches.push((m, i, one));
    let see = |p, c| seen.push((p, c));
    if in_place {
        g.convert_verbatim_with(text, &mut out, on_match, sets, see);
    } else {
        g.convert_verbatim_appending(text, &mut out, on_match, sets, (0, see));
    }
    (out, matches, seen)
}

#[test]
fn the_walk_in_place_is_the_appending_walk() {
    let fixtures = crate::detect::registry::samples::fixtures(&["clean"]);
    assert!(!fixtures.is_empty(), "fixtures/clean");
    let (mut groups, mut shifted) = (0, 0);
    for (g, tables) in GROUP_TABLES.iter().enumerate() {
        if tables.values.is_empty() {
            continue;
        }
        let Dict::Static(view) = dict(g) else {
            panic!("a built-in group");
        };
        groups += 1;
        // the group's set of BMP characters with an entry (`u64` words, `build.rs`)
        for c in 0..0x1_0000 {
            assert_eq!(
                in_set(view.present(), c),
                view.entry(c) != 0,
                "group {g}: {c:X}"
            );
        }
        // keys, and the keys whose value changes the length in bytes
        let (mut keys, mut shifting) = (Vec::new(), Vec::new());
        view.for_each_pair(|k, v| {
            keys.push(k.to_string());
            if k.len() != v.len() {
                shifting.push(k.to_string());
            }
        });
        let mut pieces: Vec<&str> = keys.iter().map(String::as_str).step_by(7).collect();
        pieces.extend(shifting.iter().map(String::as_str).take(50));
        pieces.extend(["的", "a", "，", "𠀾", "é", "\n", "是"]);
        let mut texts: Vec<String> = fixtures.clone();
        texts.push(keys.concat());
        texts.push(keys.iter().flat_map(|k| k.chars().skip(1)).collect());
        texts.extend(crate::chars::random_texts(&pieces, 300, 40, g as u32 + 7));
        // asked: every third character with an entry, and one without
        let mut asked: BmpSet = EMPTY_BMP_SET;
        for (k, w) in view.present().iter().enumerate() {
            for b in (0..64).filter(|b| w >> b & 1 != 0 && (k * 64 + b) % 3 == 0) {
                insert(&mut asked, (k * 64 + b) as u32);
            }
        }
        insert(&mut asked, '的' as u32);
        // the group's own set, and that set with the asked characters added (the
        // sets a `Fused` table holds)
        let mut see = *view.present();
        union(&mut see, &asked);
        let own = Plain {
            present: view.present(),
            asked: Some(&asked),
        };
        let wider = Plain {
            present: &see,
            asked: Some(&asked),
        };
        let fused = Fused::new(view, &asked);
        for text in &texts {
            for prefix in ["", "前綴"] {
                let ours = walk(view, text, prefix, &own, true);
                let theirs = walk(view, text, prefix, &own, false);
                assert!(ours == theirs, "group {g}: the walks differ on {text}");
                // (a match that changes the length: the walk appends after it)
                shifted += usize::from(ours.1.iter().any(|(m, ..)| m[1] - m[0] != m[3] - m[2]));
                let theirs = walk(view, text, prefix, &wider, false);
                assert!(
                    walk(view, text, prefix, &wider, true) == theirs,
                    "group {g}: {text}"
                );
                let ours = walk(view, text, prefix, &fused, true);
                assert!(
                    ours == theirs,
                    "group {g}: the fused walk differs on {text}"
                );
            }
        }
    }
    assert!(groups > 3, "{groups} groups");
    assert!(shifted > 100, "{shifted} walks changed the length");
}

/// The stops of a walk: every character `sets` lets through, as
/// `(offset, code point, length)`.
fn stops(sets: &impl Lookup, text: &str) -> Vec<(usize, u32, usize)> {
    let (bytes, mut pos, mut out) = (text.as_bytes(), 0, Vec::new());
    while let Some((at, c, n, after)) = sets.next_present(bytes, &bytes[pos..]) {
        assert_eq!(after, &bytes[at + n..]);
        out.push((at, c, n));
        pos = at + n;
    }
    out
}

/// A [`Fused`] table's test of a character (by its first two bytes and a bit) stops
/// where its set's own test does ([`Plain`], itself tested against `in_set`), on
/// every character of the BMP and on random texts, for every built-in group with
/// random characters asked about.
#[test]
fn the_fused_test_stops_where_the_set_does() {
    let mut texts = vec![(0..0x1_0000).filter_map(char::from_u32).collect::<String>()];
    let pieces = [
        "的", "說", "國", "a", "，", "𠀾", "é", "\n", "\u{FFFF}", "\u{800}", "\u{E000}",
    ];
    texts.extend(crate::chars::random_texts(&pieces, 200, 30, 13));
    for (g, tables) in GROUP_TABLES.iter().enumerate() {
        let Dict::Static(view) = dict(g) else {
            panic!("a built-in group");
        };
        if tables.values.is_empty() {
            continue;
        }
        let mut rng = crate::chars::xorshift((g as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut asked: BmpSet = EMPTY_BMP_SET;
        for c in 0..0x1_0000u32 {
            if rng().is_multiple_of(5) || "的é".contains(char::from_u32(c).unwrap_or('\0')) {
                insert(&mut asked, c);
            }
        }
        let fused = Fused::new(view, &asked);
        let mut see = *view.present();
        union(&mut see, &asked);
        let plain = Plain {
            present: &see,
            asked: Some(&asked),
        };
        for text in &texts {
            assert!(stops(&fused, text) == stops(&plain, text), "group {g}");
        }
    }
}
