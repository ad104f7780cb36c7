//! The near-duplicate index as it was before [`super::Index`]: a hash map from
//! sketch value to a chain of nodes in one vector, and a tally of one entry per
//! paragraph to count the candidates. Kept as the test oracle of the index built by
//! sorting.

use super::index::{shared_at_least, Buckets};
use super::MAX_BUCKET;
use crate::fingerprint::FxHashMap;

/// The end of a bucket's chain in [`Chains::nodes`].
const CHAIN_END: u32 = u32::MAX;

/// Sketch value to the first [`MAX_BUCKET`] paragraphs whose sketch holds it. Each
/// bucket is a chain of nodes in one vector (latest first; the order of a bucket
/// does not matter to [`shared_at_least`]), so a bucket costs no allocation of its
/// own.
#[derive(Default)]
pub(super) struct Chains {
    /// Sketch value to (the bucket's latest node, its length).
    heads: FxHashMap<u64, (u32, u32)>,
    /// (paragraph, the node before it in its bucket, or [`CHAIN_END`]).
    nodes: Vec<(u32, u32)>,
    /// [`shared_at_least`]'s tally: one entry per paragraph (grown as asked).
    tally: Vec<(u32, u32)>,
    /// The stamp of the last query.
    stamp: u32,
}

impl Chains {
    /// The paragraphs of the bucket of sketch value `h`.
    pub(super) fn bucket(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&h).map_or(CHAIN_END, |e| e.0);
        std::iter::from_fn(move || {
            let &(p, before) = self.nodes.get(at as usize)?;
            at = before;
            Some(p)
        })
    }
}

impl Buckets for Chains {
    fn candidates(
        &mut self,
        i: usize,
        sketch: &[u64],
        min: usize,
        removed: &[bool],
        out: &mut Vec<usize>,
    ) {
        if self.tally.len() < removed.len() {
            self.tally.resize(removed.len(), (u32::MAX, 0));
        }
        let mut tally = std::mem::take(&mut self.tally);
        let _ = i;
        let lists: Vec<Vec<u32>> = sketch
            .iter()
            .filter(|&&h| h != u64::MAX)
            .map(|&h| self.bucket(h).collect())
            .collect();
        let hits: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        self.stamp += 1;
        shared_at_least(&hits, min, removed, (&mut tally, self.stamp), out);
        self.tally = tally;
    }

    fn insert(&mut self, i: usize, sketch: &[u64]) {
        for &h in sketch.iter().filter(|&&h| h != u64::MAX) {
            let head = self.heads.entry(h).or_insert((CHAIN_END, 0));
            if (head.1 as usize) < MAX_BUCKET {
                let at = u32::try_from(self.nodes.len()).unwrap_or(CHAIN_END);
                self.nodes.push((i as u32, head.0));
                *head = (at, head.1 + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_buckets_hold_the_first_max_bucket_paragraphs() {
        let mut index = Chains::default();
        for i in 0..40 {
            // value 1 in every sketch, value 2 in every third, u64::MAX never kept
            let third = if i % 3 == 0 { 2 } else { u64::MAX };
            index.insert(i, &[1, third, u64::MAX, 100 + i as u64]);
        }
        let bucket = |h: u64| {
            let mut b: Vec<u32> = index.bucket(h).collect();
            b.sort_unstable();
            b
        };
        assert_eq!(bucket(1), (0..MAX_BUCKET as u32).collect::<Vec<_>>());
        assert_eq!(bucket(2), (0..14).map(|i| i * 3).collect::<Vec<_>>());
        assert_eq!(bucket(107), vec![7]);
        assert!(bucket(u64::MAX).is_empty() && bucket(3).is_empty());
    }
}
