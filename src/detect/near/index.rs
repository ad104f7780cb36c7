//! The index [`super::paragraphs`] finds its candidates in: sketch value to the
//! earlier paragraphs holding it ([`Index`]), and the count of the paragraphs met
//! in two buckets or more ([`count_hits`]).

use super::MAX_BUCKET;
use crate::detect::Analysis;

/// What [`paragraphs_screened`] asks of its index of earlier paragraphs by sketch
/// value ([`Index`]; the tests also run it on the hash map of chains it replaced).
pub(super) trait Buckets {
    /// Into `out`, in ascending order: the paragraphs not `removed` found at least
    /// `min` times in the buckets of paragraph `i`'s sketch values (`sketch`), one
    /// bucket per value, a value repeated in the sketch counted twice.
    fn candidates(
        &mut self,
        i: usize,
        sketch: &[u64],
        min: usize,
        removed: &[bool],
        out: &mut Vec<usize>,
    );
    /// Adds paragraph `i` to the bucket of each of its sketch values not yet full
    /// ([`MAX_BUCKET`]).
    fn insert(&mut self, i: usize, sketch: &[u64]);
}

/// Sketch value to the first [`MAX_BUCKET`] paragraphs whose sketch holds it, for
/// the paragraphs one pass of [`paragraphs`] visits. Built by grouping, not by a
/// map looked up at each query: [`Index::build`] groups the (value, paragraph,
/// slot) triples of every paragraph the pass will visit by value, so each value
/// held by two slots or more gets its bucket, a stretch of [`Index::slots`] with
/// room for `min(holders, MAX_BUCKET)` paragraphs, and each slot of a sketch the
/// number of its value's bucket ([`Index::of_slot`]); a value held by one slot
/// only gets none (no other paragraph asks for it). A bucket's paragraphs lie side
/// by side, so a query reads a few short stretches instead of following a chain
/// node by node through a vector of a hundred thousand (on a 10 MB document the
/// map's lookups and the chain nodes were the cache misses of half of this stage's
/// time).
///
/// Same buckets as a hash map of chains (the test oracle `chains::Chains`): a
/// paragraph is inserted when the pass visits it, in paragraph order, into the
/// bucket of each of its values not yet full; the triples list every paragraph the
/// pass visits (a paragraph the pass has not reached is never marked removed), so
/// each bucket has its room.
#[derive(Default)]
pub(in crate::detect) struct Index {
    /// (sketch value, paragraph, slot) of the visited paragraphs' sketches, in
    /// bins by a hash of the value (kept only for its allocation).
    grouped: Vec<(u64, u32, u32)>,
    /// Scratch of [`Index::build`]: where each bin of the grouping starts.
    bins: Vec<u32>,
    /// For each paragraph and sketch slot (`paragraph * SKETCH + slot`), the bucket
    /// of its value in [`Index::buckets`], or [`NO_BUCKET`].
    of_slot: Vec<u32>,
    /// Each bucket's start in [`Index::slots`] and its paragraphs so far.
    buckets: Vec<(u32, u32)>,
    /// The buckets' paragraphs, each bucket a stretch.
    slots: Vec<u32>,
    /// [`count_hits`]' tally, one entry per paragraph: `stamp << COUNT_BITS` plus
    /// the paragraph's count in the query of that stamp.
    tally: Vec<u32>,
    /// The stamp of the last query (a count of the queries, below [`MAX_STAMP`]).
    stamp: u32,
}

/// The bits of a tally entry that count a paragraph's hits in one query: a query
/// reads [`SKETCH`](crate::fingerprint::SKETCH) buckets of at most [`MAX_BUCKET`]
/// paragraphs, so a count is at most 64, below `1 << COUNT_BITS`.
const COUNT_BITS: u32 = 7;

/// The stamps stay below this (the tally is emptied when they reach it), so
/// `(stamp << COUNT_BITS) + count` fits in a u32.
const MAX_STAMP: u32 = (u32::MAX >> COUNT_BITS) - 1;

// (a query's hits, SKETCH buckets of MAX_BUCKET paragraphs, fit in a count)
const _: () = assert!(crate::fingerprint::SKETCH * MAX_BUCKET < 1 << COUNT_BITS);

/// A sketch slot whose value has no bucket (held by no other slot, or `u64::MAX`).
const NO_BUCKET: u32 = u32::MAX;

impl Index {
    /// Empties the index and makes the buckets of the paragraphs `visits` says the
    /// pass will visit (`visits(i)` for each paragraph `i` of `a`). The triples are
    /// put in bins by a hash of their value (a counting sort: two passes), and each
    /// bin, a few triples, is sorted by value; equal values are then neighbours.
    /// (The bin numbers and counts are u32: a document has fewer than 2^30
    /// paragraphs.)
    pub(super) fn build(&mut self, a: &Analysis<'_>, visits: impl Fn(usize) -> bool) {
        use crate::fingerprint::SKETCH;
        let n = a.paras.len();
        self.start(n);
        let grouped = &mut self.grouped;
        // (some eight triples a bin at most: a bound, not a count, so the triples
        // are not visited a third time)
        let bins = (SKETCH * n / 8).next_power_of_two().max(2);
        let shift = 64 - bins.trailing_zeros();
        let bin = |h: u64| (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
        self.bins.clear();
        self.bins.resize(bins + 1, 0);
        let starts = &mut self.bins;
        // the (value, paragraph, slot) triples, visited twice: counted by bin,
        // then put in their bins
        let each_triple = |f: &mut dyn FnMut((u64, u32, u32))| {
            for (i, p) in a.paras.iter().enumerate() {
                if !visits(i) {
                    continue;
                }
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                for (k, &h) in (0u32..).zip(&p.sketch) {
                    if h != u64::MAX {
                        f((h, i, k));
                    }
                }
            }
        };
        each_triple(&mut |t| starts[bin(t.0) + 1] += 1);
        for b in 1..=bins {
            starts[b] += starts[b - 1];
        }
        // (not cleared first: every triple is written below, so only a vector
        // longer than the pass before's is filled, a 10 MB document's later passes
        // not at all)
        grouped.resize(starts[bins] as usize, (0, 0, 0));
        each_triple(&mut |t| {
            let at = &mut starts[bin(t.0)];
            grouped[*at as usize] = t;
            *at += 1;
        });
        // (each bin's start moved to its end: bin b is now bins[b - 1]..bins[b])
        let mut room = 0usize;
        let mut start = 0usize;
        for b in 0..bins {
            let end = self.bins[b] as usize;
            let in_bin = &mut grouped[start..end];
            start = end;
            if in_bin.len() < 2 {
                continue;
            }
            in_bin.sort_unstable_by_key(|t| t.0);
            room = add_buckets(in_bin, &mut self.of_slot, &mut self.buckets, room);
        }
        self.make_room(room);
    }

    /// [`Index::build`] for a document of `n` paragraphs from its triples
    /// ([`triples`]) already sorted by value: the same buckets (numbered in
    /// another order, which no query sees), without the binning.
    pub(super) fn build_sorted(&mut self, n: usize, sorted: &[(u64, u32, u32)]) {
        self.start(n);
        let room = add_buckets(sorted, &mut self.of_slot, &mut self.buckets, 0);
        self.make_room(room);
    }

    /// Empties the buckets, each slot of the `n` paragraphs' sketches with none.
    fn start(&mut self, n: usize) {
        use crate::fingerprint::SKETCH;
        self.of_slot.clear();
        self.of_slot.resize(SKETCH * n, NO_BUCKET);
        self.buckets.clear();
    }

    /// Makes the buckets' `room` slots, all empty. (The vector is not cleared
    /// first: a bucket's slots are read only as far as [`Buckets::insert`] wrote
    /// them, so what they held before is never seen.)
    fn make_room(&mut self, room: usize) {
        self.slots.resize(room, 0);
    }
}

/// Gives each value held by two of `in_order`'s triples or more (equal values
/// neighbours) a bucket in `buckets`, starting at `room` in the slots and with
/// room for `min(holders, MAX_BUCKET)` paragraphs, and each of its slots in
/// `of_slot` the bucket's number; the room of the buckets so far.
fn add_buckets(
    in_order: &[(u64, u32, u32)],
    of_slot: &mut [u32],
    buckets: &mut Vec<(u32, u32)>,
    mut room: usize,
) -> usize {
    use crate::fingerprint::SKETCH;
    for g in in_order.chunk_by(|x, y| x.0 == y.0).filter(|g| g.len() > 1) {
        let id = u32::try_from(buckets.len()).unwrap_or(NO_BUCKET);
        for &(_, i, k) in g {
            of_slot[i as usize * SKETCH + k as usize] = id;
        }
        buckets.push((u32::try_from(room).unwrap_or(u32::MAX), 0));
        room += g.len().min(MAX_BUCKET);
    }
    room
}

impl Buckets for Index {
    fn candidates(
        &mut self,
        i: usize,
        _: &[u64],
        min: usize,
        removed: &[bool],
        out: &mut Vec<usize>,
    ) {
        use crate::fingerprint::SKETCH;
        // (a stamp per query; the tally emptied when the stamps reach MAX_STAMP)
        if self.tally.len() < removed.len() || self.stamp >= MAX_STAMP {
            self.tally.clear();
            self.tally.resize(removed.len(), 0);
            self.stamp = 0;
        }
        self.stamp += 1;
        let (buckets, slots) = (&self.buckets, &self.slots);
        let hits = self.of_slot[i * SKETCH..(i + 1) * SKETCH]
            .iter()
            .filter(|&&b| b != NO_BUCKET)
            .map(|&b| {
                let (start, len) = buckets[b as usize];
                &slots[start as usize..(start + len) as usize]
            });
        count_hits(hits, min, removed, (&mut self.tally, self.stamp), out);
    }

    fn insert(&mut self, i: usize, _: &[u64]) {
        use crate::fingerprint::SKETCH;
        for k in 0..SKETCH {
            let b = self.of_slot[i * SKETCH + k];
            if b == NO_BUCKET {
                continue;
            }
            let (start, len) = &mut self.buckets[b as usize];
            if (*len as usize) < MAX_BUCKET {
                self.slots[(*start + *len) as usize] = u32::try_from(i).unwrap_or(u32::MAX);
                *len += 1;
            }
        }
    }
}

/// [`shared_at_least`] with a tally entry of one u32, the stamp and the count
/// together (`(stamp << COUNT_BITS) + count`): a hit is one load, one maximum with
/// the query's base, one add and one store, and the test against `min` (the old
/// entry of a pair made every hit test the stamp and branch on it). Exact: `hits`
/// hold fewer than `1 << COUNT_BITS` paragraphs together (SKETCH buckets of at most
/// MAX_BUCKET), so an entry of an earlier stamp is below this query's base and one
/// of this query never reaches the next base; `stamp` must be in `1..=MAX_STAMP`
/// and differ from call to call, and the tally's entries must be of earlier
/// stamps (or 0). A `min` of 0 finds nothing, as in [`shared_at_least`] (a count
/// is at least 1 once seen), and one above the hits' number nothing either.
fn count_hits<'h>(
    hits: impl IntoIterator<Item = &'h [u32]>,
    min: usize,
    removed: &[bool],
    (tally, stamp): (&mut [u32], u32),
    out: &mut Vec<usize>,
) {
    out.clear();
    debug_assert!((1..=MAX_STAMP).contains(&stamp));
    let base = stamp << COUNT_BITS;
    let Some(target) = u32::try_from(min)
        .ok()
        .filter(|&m| m < 1 << COUNT_BITS)
        .map(|m| base + m)
    else {
        return;
    };
    if min >= 2 {
        // (a first hit, most of them, only sets the entry to one: it cannot reach
        // a `min` of two or more)
        for bucket in hits {
            for &j in bucket {
                let t = &mut tally[j as usize];
                if *t <= base {
                    *t = base + 1;
                    continue;
                }
                *t += 1;
                if *t == target && !removed[j as usize] {
                    out.push(j as usize);
                }
            }
        }
    } else {
        for bucket in hits {
            for &j in bucket {
                let t = &mut tally[j as usize];
                let c = (*t).max(base) + 1;
                *t = c;
                if c == target && !removed[j as usize] {
                    out.push(j as usize);
                }
            }
        }
    }
    if out.len() > 1 {
        out.sort_unstable();
    }
}

/// The paragraphs (not `removed`) found at least `min` times among `hits` (the
/// paragraphs of the buckets of one paragraph's sketch values, one after the
/// other: an occurrence twice in one bucket counts twice), in ascending order,
/// into `out`. `tally` is scratch of one entry per paragraph, kept between calls:
/// an entry counts the occurrences of its paragraph in this call once its stamp is
/// `stamp` (which must differ from call to call). One step per occurrence; only the
/// candidates found are sorted (the buckets of a common sketch value hold
/// [`MAX_BUCKET`] unrelated paragraphs, which are counted and dropped). The
/// chains' (test oracle) count, and the oracle of [`count_hits`].
#[cfg(test)]
pub(super) fn shared_at_least(
    hits: &[&[u32]],
    min: usize,
    removed: &[bool],
    (tally, stamp): (&mut [(u32, u32)], u32),
    out: &mut Vec<usize>,
) {
    out.clear();
    for bucket in hits {
        for &j in *bucket {
            let t = &mut tally[j as usize];
            if t.0 != stamp {
                *t = (stamp, 0);
            }
            t.1 += 1;
            if t.1 as usize == min && !removed[j as usize] {
                out.push(j as usize);
            }
        }
    }
    out.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::super::{chains, MIN_SHARED};
    use super::*;
    use crate::fingerprint::SKETCH;
    use crate::normalize::script::ScriptTables;

    /// A pseudo-random number below `n` from `seed` (xorshift).
    fn next(seed: &mut u64, n: u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed % n
    }

    #[test]
    fn sorted_index_finds_the_candidates_of_the_chains() {
        // sketches over a few values (buckets overflow MAX_BUCKET), a value repeated
        // in a sketch, empty slots; paragraphs the pass skips; paragraphs inserted or
        // not (removed as the later copy), earlier ones marked removed on the way
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let (mut found, mut full) = (0, 0);
        // (one index for every round, as the memo keeps it from pass to pass: what
        // a round before left in its vectors is never seen)
        let (mut index, mut from_sorted) = (Index::default(), Index::default());
        for round in 0..200 {
            let n = [5, 40, 300, 2000][round % 4];
            let alphabet = [3, 20, 200, 5000][(round / 4) % 4];
            let text: String = (0..n).map(|_| "一行字。\n").collect();
            let mut a = Analysis::new(&text, ScriptTables::get());
            for p in a.paras.iter_mut() {
                for k in 0..SKETCH {
                    p.sketch[k] = match next(&mut seed, 10) {
                        0 => u64::MAX,
                        1 if k > 0 => p.sketch[k - 1],
                        _ => 1000 + next(&mut seed, alphabet),
                    };
                }
            }
            let visits: Vec<bool> = (0..n).map(|_| next(&mut seed, 5) != 0).collect();
            let mut removed = vec![false; n];
            index.build(&a, |i| visits[i]);
            // the same from the triples sorted (as the screen leaves them)
            let mut sorted = Vec::new();
            for (i, p) in (0u32..).zip(&a.paras).filter(|&(i, _)| visits[i as usize]) {
                for (k, &h) in (0u32..).zip(&p.sketch).filter(|&(_, &h)| h != u64::MAX) {
                    sorted.push((h, i, k));
                }
            }
            sorted.sort_unstable();
            from_sorted.build_sorted(n, &sorted);
            let mut oracle = chains::Chains::default();
            let (mut got, mut want) = (Vec::new(), Vec::new());
            for i in (0..n).filter(|&i| visits[i]) {
                let sketch = a.paras[i].sketch;
                for min in [MIN_SHARED, 1, 3] {
                    index.candidates(i, &sketch, min, &removed, &mut got);
                    oracle.candidates(i, &sketch, min, &removed, &mut want);
                    assert_eq!(got, want, "round {round}, paragraph {i}, min {min}");
                    from_sorted.candidates(i, &sketch, min, &removed, &mut want);
                    assert_eq!(got, want, "sorted: round {round}, paragraph {i}, min {min}");
                    found += got.len();
                }
                if let Some(&j) = got.first() {
                    if next(&mut seed, 3) == 0 {
                        removed[j] = true;
                    }
                }
                if next(&mut seed, 8) != 0 {
                    index.insert(i, &sketch);
                    oracle.insert(i, &sketch);
                    from_sorted.insert(i, &sketch);
                }
            }
            full += usize::from(
                (1000..1000 + alphabet).any(|h| oracle.bucket(h).count() == MAX_BUCKET),
            );
        }
        assert!(found > 10_000 && full > 20, "{found} {full}");
    }

    #[test]
    fn shared_at_least_is_the_sorted_hits_counted() {
        // what it replaced: every hit collected, sorted, and counted
        fn by_sorting(buckets: &[&[u32]; SKETCH], min: usize, removed: &[bool]) -> Vec<usize> {
            let mut hits: Vec<usize> = buckets
                .iter()
                .flat_map(|b| b.iter())
                .map(|&j| j as usize)
                .filter(|&j| !removed[j])
                .collect();
            hits.sort_unstable();
            hits.chunk_by(|x, y| x == y)
                .filter(|w| w.len() >= min)
                .map(|w| w[0])
                .collect()
        }
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut out = Vec::new();
        let mut tally = vec![(u32::MAX, 0); 30];
        // count_hits on the same, its stamps run up to MAX_STAMP and started again
        // as the index does
        let (mut fast, mut fast_tally, mut fast_stamp) = (Vec::new(), vec![0u32; 30], 0u32);
        for round in 0..500 {
            let lists: Vec<Vec<u32>> = (0..SKETCH)
                .map(|_| {
                    let mut l: Vec<u32> = (0..next(12)).map(|_| next(30) as u32).collect();
                    l.sort_unstable();
                    l
                })
                .collect();
            let removed: Vec<bool> = (0..30).map(|_| next(4) == 0).collect();
            let mut buckets: [&[u32]; SKETCH] = [&[]; SKETCH];
            for (b, l) in buckets.iter_mut().zip(&lists) {
                *b = l;
            }
            // the same bucket twice (a sketch value repeated) counts twice
            if next(5) == 0 {
                buckets[1] = buckets[0];
            }
            for min in 1..=3 {
                let stamp = round * 3 + min as u32;
                shared_at_least(&buckets, min, &removed, (&mut tally, stamp), &mut out);
                assert_eq!(out, by_sorting(&buckets, min, &removed));
                if round == 250 && min == 1 {
                    fast_stamp = MAX_STAMP - 4;
                }
                if fast_stamp >= MAX_STAMP {
                    fast_tally.fill(0);
                    fast_stamp = 0;
                }
                fast_stamp += 1;
                count_hits(
                    buckets.iter().copied(),
                    min,
                    &removed,
                    (&mut fast_tally, fast_stamp),
                    &mut fast,
                );
                assert_eq!(fast, out, "round {round}, min {min}");
            }
        }
    }
}
