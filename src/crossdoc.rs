//! Cross-document duplicates: the state of a batch's sequential pass.
//!
//! Every document of a batch is keyed on its own (in parallel, [`keys`]); then the
//! documents go through this module one by one in input order, so the outcome is the
//! same for every thread count.
//!
//! * [`ParaTable`]: every distinct paragraph key of the batch (at least
//!   `--min-paragraph-chars` key characters) with the document and line where it
//!   first appeared and how often it occurs. It answers "was this paragraph in an
//!   earlier document?" (kind `cross_document`) and feeds the most repeated
//!   paragraphs of the corpus report ([`TopParagraphs`]). A paragraph is a 64-bit hash
//!   of its matching key: 16 bytes of entry (hash low half, first document, first
//!   line, count; stored in fixed pages that are never moved) plus an open-addressing
//!   slot of 8 bytes (entry index, hash high half) at a load factor between 0.4 and
//!   0.8: **at most 36 bytes per distinct paragraph, 46 while the slot table doubles**
//!   (old and new table both alive). Two different keys share a 64-bit hash with
//!   probability about n²/2⁶⁵ (3·10⁻⁸ for a million paragraphs); a collision can only
//!   mis-report, never remove, since cross-document paragraphs are reported, not cut.
//! * [`DocIndex`]: near-duplicate documents for `--cross-doc drop`. A document's
//!   shingles are the character 5-grams of its matching key (all paragraphs' keys
//!   concatenated); its MinHash signature is one-permutation MinHash (Li, Owen and
//!   Zhang 2012) over [`BINS`] bins with optimal densification (Shrivastava 2017), so
//!   one hash per shingle rather than one per shingle and permutation. LSH splits the
//!   signature into bands of `r` rows, `r` chosen so that a pair at the threshold
//!   becomes a candidate with probability at least 0.99 (0.8: 20 bands of 6 rows).
//!   Every candidate is verified by the exact Jaccard similarity of the two shingle
//!   sets, so an unverified bucket never drops a document. Documents are resolved as
//!   clusters: dropped documents are indexed too, so a document is dropped when it is
//!   a near copy of any earlier document of its cluster, kept or not (issue 16). A
//!   document whose key is shorter than `--min-paragraph-chars` is dropped only as an
//!   exact copy (equal shingle sets). Book-title marks: the matching key drops
//!   `《》` and `〈〉` (punctuation) but keeps ASCII `<` `>` (math symbols); the key is
//!   shared with every digest, so it stays, and the document shingles alone drop
//!   `<` `>` too, which folds `<三体>`, `〈三体〉` and `《三体》` alike. a bucket holds at most [`MAX_BUCKET`] documents and at most
//!   [`MAX_VERIFY`] candidates are verified per document (most shared bands first),
//!   which bounds the work per document whatever the corpus. Candidates are ranked
//!   by how many signature bins they share, and one sharing fewer than the threshold
//!   less [`ESTIMATE_MARGIN`] is not read back. About 1.3 KiB per kept document (band
//!   keys and signature).

use crate::fingerprint::FxBuild;
use crate::normalize::key::push_key;
use crate::normalize::script::ScriptTables;
use crate::segment;
use std::collections::HashMap;

/// Characters per shingle for document similarity.
pub const SHINGLE: usize = 5;
/// Bins of a document's MinHash signature.
pub const BINS: usize = 120;
/// Documents kept per LSH bucket.
pub const MAX_BUCKET: u32 = 64;
/// Candidates verified per document.
pub const MAX_VERIFY: usize = 32;
/// A candidate whose signature agreement is this far below the threshold is not
/// verified (not dropped). With 120 bins the estimate's standard deviation is at most
/// 0.046, so a pair truly at the threshold is passed over with probability about
/// 10⁻⁵.
pub const ESTIMATE_MARGIN: f64 = 0.2;
/// Paragraphs listed in the corpus report's `top_paragraphs`.
pub const TOP: usize = 20;

/// A paragraph of a document as the sequential pass needs it.
#[derive(Debug, Clone, Copy)]
pub struct ParaKey {
    /// 64-bit hash of the matching key.
    pub hash: u64,
    /// Characters of the matching key.
    pub key_chars: u32,
    /// 0-based line index.
    pub line: u32,
    /// Byte span of the line's text (no terminator).
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// What the parallel pass computes for a document.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Its non-blank lines, in order.
    pub paras: Vec<ParaKey>,
    /// Sorted, distinct shingle hashes (only when asked for).
    pub shingles: Vec<u64>,
    /// Their MinHash signature (only when asked for and not empty).
    pub signature: Option<Box<Signature>>,
    /// Characters of the document's matching key.
    pub key_chars: usize,
}

#[inline]
fn mix(mut z: u64) -> u64 {
    // splitmix64 finalizer
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 64-bit identity of a paragraph key, from the key hash the cleaning pass
/// already computed ([`crate::detect::Para::hash`]) and the key's length.
pub fn para_hash(key_hash: u64, chars: usize) -> u64 {
    mix(key_hash ^ (chars as u64).rotate_left(40))
}

/// The paragraph keys of an analysed document: taken from the cleaning pass, so a
/// batch never segments and keys a document twice.
pub fn paras_of(a: &crate::detect::Analysis<'_>) -> Vec<ParaKey> {
    a.paras
        .iter()
        .map(|p| ParaKey {
            hash: para_hash(p.hash, p.key_chars),
            key_chars: p.key_chars as u32,
            line: p.line as u32,
            start: p.start,
            end: p.end,
        })
        .collect()
}

#[inline]
fn shingle_hash(w: &[char; SHINGLE]) -> u64 {
    let a = w[0] as u64 | (w[1] as u64) << 21 | (w[2] as u64) << 42;
    let b = w[3] as u64 | (w[4] as u64) << 21;
    mix(a ^ mix(b))
}

/// A document's keys for the cross-document pass: its paragraphs (from
/// [`paras_of`]) and, with `shingles`, its shingle set and MinHash signature.
pub fn keys(tables: &ScriptTables, text: &str, paras: Vec<ParaKey>, shingles: bool) -> Keys {
    let mut out = Keys {
        key_chars: paras.iter().map(|p| p.key_chars as usize).sum(),
        ..Keys::default()
    };
    if shingles {
        out.shingles = shingle_set(tables, text, paras.iter().map(|p| (p.start, p.end)));
        out.signature = signature(&out.shingles).map(Box::new);
    }
    out.paras = paras;
    out
}

/// The shingle set of `text` read back from its source (to verify a candidate).
pub fn shingles_of(tables: &ScriptTables, text: &str) -> Vec<u64> {
    let lines = segment::lines(text);
    let spans = lines
        .iter()
        .filter(|l| !segment::is_blank(l.text(text)))
        .map(|l| (l.start, l.end));
    shingle_set(tables, text, spans)
}

/// Sorted, distinct hashes of the key's character 5-grams over the given line spans
/// (the window runs on across lines). Linear in the text; one key pass.
fn shingle_set(
    tables: &ScriptTables,
    text: &str,
    spans: impl Iterator<Item = (usize, usize)>,
) -> Vec<u64> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut window = ['\0'; SHINGLE];
    let mut seen = 0usize;
    for (start, end) in spans {
        buf.clear();
        push_key(tables, &text[start..end], &mut buf);
        // `<>` written for `《》`: the shared key keeps ASCII `<` `>` (math) but drops
        // `《》` and `〈〉`; the document shingles drop them too, so a copy with its
        // book-title marks typed as ASCII matches (digests are unchanged). The
        // separators the key keeps between digits (`1.5`) are dropped here as well:
        // near-duplicate documents are judged on the shingles they were tuned on
        let kept = |c: &char| !matches!(c, '<' | '>' | '.' | ',' | ':' | '/' | '-');
        for c in buf.chars().filter(kept) {
            window.copy_within(1.., 0);
            window[SHINGLE - 1] = c;
            seen += 1;
            if seen >= SHINGLE {
                out.push(shingle_hash(&window));
            }
        }
    }
    if seen > 0 && seen < SHINGLE {
        // a key shorter than one shingle is one shingle, zero-padded in front
        out.push(shingle_hash(&window));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, distinct hash sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    crate::fingerprint::jaccard(a, b)
}

// ---------------------------------------------------------------------------------
// Paragraph table

const PAGE: usize = 1 << 14;

#[derive(Debug, Clone, Copy)]
struct Entry {
    hash_lo: u32,
    doc: u32,
    line: u32,
    count: u32,
}

/// A paragraph's first appearance and its count, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// Document (index in the report) of the first appearance.
    pub doc: u32,
    /// 0-based line of the first appearance.
    pub line: u32,
    /// Occurrences so far, this one included.
    pub count: u32,
}

/// Distinct paragraph keys of a batch (see the module documentation for the cost).
#[derive(Default)]
pub struct ParaTable {
    pages: Vec<Vec<Entry>>,
    len: usize,
    /// `hash_hi << 32 | (entry + 1)`; 0 is empty.
    slots: Vec<u64>,
}

impl ParaTable {
    /// An empty table.
    pub fn new() -> Self {
        ParaTable {
            pages: Vec::new(),
            len: 0,
            slots: vec![0; 1024],
        }
    }

    /// Distinct paragraphs stored.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held, for the record.
    pub fn bytes(&self) -> usize {
        self.pages.len() * PAGE * std::mem::size_of::<Entry>() + self.slots.len() * 8
    }

    fn entry(&mut self, i: usize) -> &mut Entry {
        &mut self.pages[i / PAGE][i % PAGE]
    }

    /// Count one occurrence of `hash` in document `doc` at `line`; returns the first
    /// appearance (this one when it is new) and the count including this one.
    pub fn add(&mut self, hash: u64, doc: u32, line: u32) -> Seen {
        if (self.len + 1) * 5 > self.slots.len() * 4 {
            self.grow();
        }
        let (hi, lo) = ((hash >> 32) as u32, hash as u32);
        let mask = self.slots.len() - 1;
        let mut pos = (lo as usize).wrapping_mul(0x9E37_79B9) >> 7 & mask;
        loop {
            let s = self.slots[pos];
            if s == 0 {
                let idx = self.len;
                if idx.is_multiple_of(PAGE) {
                    self.pages.push(Vec::with_capacity(PAGE));
                }
                self.pages[idx / PAGE].push(Entry {
                    hash_lo: lo,
                    doc,
                    line,
                    count: 1,
                });
                self.len += 1;
                self.slots[pos] = (hi as u64) << 32 | (idx as u64 + 1);
                return Seen {
                    doc,
                    line,
                    count: 1,
                };
            }
            if (s >> 32) as u32 == hi {
                let idx = (s as u32 - 1) as usize;
                let e = self.entry(idx);
                if e.hash_lo == lo {
                    e.count = e.count.saturating_add(1);
                    return Seen {
                        doc: e.doc,
                        line: e.line,
                        count: e.count,
                    };
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![0; old.len() * 2];
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|&s| s != 0) {
            let idx = (s as u32 - 1) as usize;
            let lo = self.pages[idx / PAGE][idx % PAGE].hash_lo;
            let mut pos = (lo as usize).wrapping_mul(0x9E37_79B9) >> 7 & mask;
            while self.slots[pos] != 0 {
                pos = (pos + 1) & mask;
            }
            self.slots[pos] = s;
        }
    }
}

/// One of the most repeated paragraphs, with what the report shows of it.
#[derive(Debug, Clone)]
pub struct TopEntry {
    /// Key hash.
    pub hash: u64,
    /// Occurrences.
    pub count: u32,
    /// First appearance.
    pub doc: u32,
    /// Line of the first appearance.
    pub line: u32,
    /// Key characters.
    pub key_chars: u32,
    /// SHA-256 of the key.
    pub sha256: String,
    /// The paragraph's first characters.
    pub preview: String,
}

/// The [`TOP`] paragraphs with the highest counts. Counts only grow by one, so an
/// entry that is not held has a count no higher than the lowest held one, and a
/// paragraph enters exactly when its count passes that: the list is exact. Ties are
/// broken by the order in which counts were reached, which is input order.
#[derive(Default)]
pub struct TopParagraphs {
    held: Vec<TopEntry>,
}

impl TopParagraphs {
    /// Whether a paragraph whose count just became `count` may change the list (a
    /// cheap test before the details are computed).
    pub fn wants(&self, count: u32) -> bool {
        count >= 2 && (self.held.len() < TOP || count > self.min())
    }

    fn min(&self) -> u32 {
        self.held.iter().map(|e| e.count).min().unwrap_or(0)
    }

    /// Record that `hash` now has `count`; `detail` gives (sha256, preview) when the
    /// paragraph enters the list.
    pub fn update(
        &mut self,
        hash: u64,
        seen: Seen,
        key_chars: u32,
        detail: impl FnOnce() -> (String, String),
    ) {
        if let Some(e) = self.held.iter_mut().find(|e| e.hash == hash) {
            e.count = seen.count;
            return;
        }
        if !self.wants(seen.count) {
            return;
        }
        if self.held.len() == TOP {
            let (i, _) = self
                .held
                .iter()
                .enumerate()
                .min_by_key(|(i, e)| (e.count, std::cmp::Reverse(*i)))
                .expect("full");
            self.held.remove(i);
        }
        let (sha256, preview) = detail();
        self.held.push(TopEntry {
            hash,
            count: seen.count,
            doc: seen.doc,
            line: seen.line,
            key_chars,
            sha256,
            preview,
        });
    }

    /// The list, most frequent first, then by first appearance.
    pub fn into_sorted(mut self) -> Vec<TopEntry> {
        self.held
            .sort_by(|a, b| (b.count, a.doc, a.line).cmp(&(a.count, b.doc, b.line)));
        self.held
    }
}

// ---------------------------------------------------------------------------------
// Near-duplicate documents

/// A document's one-permutation MinHash signature.
pub type Signature = [u32; BINS];

/// The signature of a shingle set (empty set: `None`).
pub fn signature(shingles: &[u64]) -> Option<Signature> {
    if shingles.is_empty() {
        return None;
    }
    let mut bins = [u32::MAX; BINS];
    let mut full = [false; BINS];
    for &h in shingles {
        let b = (((h >> 32) * BINS as u64) >> 32) as usize;
        let v = h as u32;
        if !full[b] || v < bins[b] {
            bins[b] = v;
            full[b] = true;
        }
    }
    // optimal densification: an empty bin borrows from the first non-empty bin of its
    // own pseudo-random probe sequence, the same for every document
    let mut sig = bins;
    for (i, s) in sig.iter_mut().enumerate() {
        if full[i] {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let j = (mix((i as u64) << 32 | attempt) % BINS as u64) as usize;
            if full[j] {
                *s = bins[j];
                break;
            }
            attempt += 1;
        }
    }
    Some(sig)
}

/// Rows per LSH band for a similarity threshold: the most rows (fewest false
/// candidates) that still make a pair at the threshold a candidate with probability
/// at least 0.99.
pub fn rows_for(threshold: f64) -> usize {
    for r in [20, 15, 12, 10, 8, 6, 5, 4, 3, 2, 1] {
        let b = (BINS / r) as i32;
        let p = 1.0 - (1.0 - threshold.powi(r as i32)).powi(b);
        if p >= 0.99 {
            return r;
        }
    }
    1
}

/// The LSH band keys of a signature with `rows` rows per band: `BINS / rows` keys,
/// band `b`'s key a 64-bit hash of its number and its rows. Two documents are
/// compared when they share a key (the same band number is part of the key).
pub fn band_keys(sig: &Signature, rows: usize) -> impl Iterator<Item = u64> + '_ {
    (0..BINS / rows).map(move |b| {
        let mut h = mix(b as u64 + 1);
        for &v in &sig[b * rows..(b + 1) * rows] {
            h = mix(h ^ v as u64);
        }
        h
    })
}

/// Near-duplicate document index (see the module documentation).
pub struct DocIndex {
    rows: usize,
    threshold: f64,
    heads: HashMap<u64, (u32, u32), FxBuild>,
    /// (document, next entry or `u32::MAX`).
    entries: Vec<(u32, u32)>,
    /// Signatures of the kept documents, to rank candidates.
    sigs: HashMap<u32, Box<Signature>, FxBuild>,
}

impl DocIndex {
    /// An index that drops documents at Jaccard similarity `threshold` or above.
    pub fn new(threshold: f64) -> Self {
        DocIndex {
            rows: rows_for(threshold),
            threshold,
            heads: HashMap::default(),
            entries: Vec::new(),
            sigs: HashMap::default(),
        }
    }

    /// Rows per band.
    pub fn rows(&self) -> usize {
        self.rows
    }

    fn bands<'s>(&self, sig: &'s Signature) -> impl Iterator<Item = u64> + 's {
        band_keys(sig, self.rows)
    }

    /// Earlier kept documents sharing a band with `sig`, most shared bands first,
    /// then earliest; at most [`MAX_VERIFY`].
    pub fn candidates(&self, sig: &Signature) -> Vec<u32> {
        let mut docs: Vec<u32> = Vec::new();
        for key in self.bands(sig) {
            let Some(&(mut e, _)) = self.heads.get(&key) else {
                continue;
            };
            while e != u32::MAX {
                let (doc, next) = self.entries[e as usize];
                docs.push(doc);
                e = next;
            }
        }
        docs.sort_unstable();
        docs.dedup();
        // most similar first by the signatures; those clearly below the threshold are
        // not worth reading back
        let mut est: Vec<(u32, u32)> = docs
            .into_iter()
            .filter_map(|d| {
                let other = self.sigs.get(&d)?;
                let same = sig.iter().zip(other.iter()).filter(|(a, b)| a == b).count() as u32;
                (same as f64 / BINS as f64 >= self.threshold - ESTIMATE_MARGIN).then_some((d, same))
            })
            .collect();
        est.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        est.truncate(MAX_VERIFY);
        est.into_iter().map(|h| h.0).collect()
    }

    /// The first candidate whose shingle set (from `load`) has Jaccard similarity at
    /// least the threshold with `shingles` (exactly 1 with `exact_only`: a document
    /// too short for a near-duplicate verdict is dropped only as an exact copy), and
    /// that similarity.
    pub fn find<E>(
        &self,
        sig: &Signature,
        shingles: &[u64],
        exact_only: bool,
        mut load: impl FnMut(u32) -> Result<Vec<u64>, E>,
    ) -> Result<Option<(u32, f64)>, E> {
        for doc in self.candidates(sig) {
            let other = load(doc)?;
            let j = jaccard(shingles, &other);
            let hit = if exact_only {
                other == shingles
            } else {
                j >= self.threshold
            };
            if hit {
                return Ok(Some((doc, j)));
            }
        }
        Ok(None)
    }

    /// Index document `doc`, kept or dropped: documents are resolved as clusters, so
    /// a later document is dropped when it is a near copy of any earlier member of a
    /// cluster (A~B, B~C drops C even when B was dropped as a copy of A), each pair
    /// still verified by its exact Jaccard similarity.
    pub fn insert(&mut self, doc: u32, sig: &Signature) {
        self.sigs.insert(doc, Box::new(*sig));
        let keys: Vec<u64> = self.bands(sig).collect();
        for key in keys {
            let next = self.entries.len() as u32;
            let slot = self.heads.entry(key).or_insert((u32::MAX, 0));
            if slot.1 >= MAX_BUCKET {
                continue;
            }
            self.entries.push((doc, slot.0));
            *slot = (next, slot.1 + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_of_near_copies_is_one_cluster() {
        // A~B and B~C at Jaccard 0.82, A and C at 0.67: C goes as a copy of B,
        // although B itself was dropped as a copy of A
        let set = |r: std::ops::Range<u64>| {
            let mut v: Vec<u64> = r.map(mix).collect();
            v.sort_unstable();
            v
        };
        let docs = [set(0..100), set(10..110), set(20..120)];
        assert!(jaccard(&docs[0], &docs[2]) < 0.8);
        let mut index = DocIndex::new(0.8);
        let sig = |d: &[u64]| signature(d).expect("non-empty");
        let load = |d: u32| Ok::<_, ()>(docs[d as usize].clone());
        index.insert(0, &sig(&docs[0]));
        let b = index.find(&sig(&docs[1]), &docs[1], false, load).unwrap();
        assert_eq!(b.map(|x| x.0), Some(0));
        index.insert(1, &sig(&docs[1]));
        let c = index.find(&sig(&docs[2]), &docs[2], false, load).unwrap();
        assert_eq!(c.map(|x| x.0), Some(1));
        // a short document only as an exact copy
        let e = index.find(&sig(&docs[1]), &docs[1], true, load).unwrap();
        assert_eq!(e.map(|x| x.0), Some(1));
    }

    #[test]
    fn book_title_marks_fold_alike() {
        let t = ScriptTables::get();
        let a = shingles_of(t, "他读了<三体>和<红楼梦>，很喜欢。\n");
        let b = shingles_of(t, "他读了《三体》和〈红楼梦〉，很喜欢。\n");
        assert_eq!(a, b);
    }

    fn k(text: &str) -> Keys {
        let t = ScriptTables::get();
        let a = crate::detect::Analysis::new(text, t);
        keys(t, text, paras_of(&a), true)
    }

    #[test]
    fn paragraphs_match_across_script_and_punctuation() {
        let a = k("國家統計局今天發布數據, 一季度增長5.3%。\n\n另一段\n");
        let b = k("国家统计局今天发布数据，一季度增长5.3%。\n");
        assert_eq!(a.paras.len(), 2);
        assert_eq!(a.paras[0].hash, b.paras[0].hash);
        assert_eq!(a.paras[1].line, 2);
    }

    #[test]
    fn table_counts_and_remembers_first() {
        let mut t = ParaTable::new();
        for i in 0..10_000u64 {
            let s = t.add(mix(i), (i % 7) as u32, i as u32);
            assert_eq!(s.count, 1);
        }
        let s = t.add(mix(42), 99, 5);
        assert_eq!((s.doc, s.line, s.count), (0, 42, 2));
        assert_eq!(t.len(), 10_000);
        // at most 46 bytes per paragraph even right after a resize
        assert!(t.bytes() <= 10_000 * 46 + PAGE * 16, "{}", t.bytes());
    }

    #[test]
    fn top_list_is_exact() {
        let mut top = TopParagraphs::default();
        let mut t = ParaTable::new();
        // paragraph i occurs i times, interleaved
        for round in 0..40u32 {
            for i in 0..40u32 {
                if round < i {
                    let s = t.add(mix(i as u64), 0, i);
                    top.update(mix(i as u64), s, 10, || (String::new(), String::new()));
                }
            }
        }
        let v = top.into_sorted();
        let counts: Vec<u32> = v.iter().map(|e| e.count).collect();
        assert_eq!(counts, (20..40).rev().collect::<Vec<_>>());
    }

    #[test]
    fn near_duplicate_documents_are_found_and_verified() {
        let base: String = (0..40)
            .map(|i| format!("第{i}段新闻正文讲述了城市建设与科技发展的最新进展情况。\n"))
            .collect();
        let edited = base.replace("第3段", "第三段") + "（完）\n";
        let other: String = (0..40)
            .map(|i| format!("体育比赛第{i}场结果公布球队积分榜发生变化。\n"))
            .collect();
        let (a, b, c) = (k(&base), k(&edited), k(&other));
        let mut idx = DocIndex::new(0.8);
        assert_eq!(idx.rows(), 6);
        let sa = signature(&a.shingles).unwrap();
        idx.insert(0, &sa);
        let sets = [a.shingles.clone()];
        let load = |d: u32| Ok::<_, ()>(sets[d as usize].clone());
        let sb = signature(&b.shingles).unwrap();
        let found = idx.find(&sb, &b.shingles, false, load).unwrap();
        assert!(matches!(found, Some((0, j)) if j > 0.9), "{found:?}");
        let sc = signature(&c.shingles).unwrap();
        assert_eq!(idx.find(&sc, &c.shingles, false, load).unwrap(), None);
    }

    #[test]
    fn rows_follow_threshold() {
        assert_eq!(rows_for(0.8), 6);
        assert!(rows_for(0.5) <= 3);
        assert!(rows_for(0.95) >= 10);
    }
}
