//! Counting: removals by kind ([`KindCounts`]) and the `+=` that merges reports and
//! summaries.

use super::{DocReport, Summary};
use crate::detect::Kind;
use serde::Serialize;
use std::collections::BTreeMap;

/// Removals counted by kind, ordered by the kinds' names (`removals_by_kind`, the
/// annotations' `removals`, the console's `[block 1, sentence 2]`). Other counts
/// (`cross_document`, `dropped`) can be added by name for display.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindCounts(BTreeMap<&'static str, usize>);

impl KindCounts {
    /// Count one removal of kind `k`.
    pub fn add(&mut self, k: Kind) {
        self.add_named(k.as_str(), 1);
    }

    /// Add `n` to the count named `name` (a kind's name, or a display-only count).
    pub fn add_named(&mut self, name: &'static str, n: usize) {
        *self.0.entry(name).or_default() += n;
    }

    /// The counts, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.0.iter().map(|(k, n)| (*k, *n))
    }

    /// The count named `name` (0 when none).
    pub fn get(&self, name: &str) -> usize {
        self.0.get(name).copied().unwrap_or(0)
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `name n` pairs joined with `, ` (`block 1, sentence 2`), for people.
    pub fn describe(&self) -> String {
        let v: Vec<String> = self.iter().map(|(k, n)| format!("{k} {n}")).collect();
        v.join(", ")
    }

    /// The counts as the report's `removals_by_kind` map.
    pub fn to_map(&self) -> BTreeMap<String, usize> {
        self.iter().map(|(k, n)| (k.to_string(), n)).collect()
    }
}

impl std::ops::AddAssign<&KindCounts> for KindCounts {
    fn add_assign(&mut self, o: &KindCounts) {
        for (k, n) in o.iter() {
            self.add_named(k, n);
        }
    }
}

impl Serialize for KindCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl std::ops::AddAssign<&DocReport> for Summary {
    /// See [`Summary::add`] (and call [`Summary::finish`] after the last).
    fn add_assign(&mut self, d: &DocReport) {
        self.add(d);
    }
}

impl std::ops::AddAssign<DocReport> for DocReport {
    /// Merge the report of the next part of the same input (a window): its character
    /// counts, boilerplate candidates, normalization and script-conversion statistics
    /// are added and its removals appended (their offsets must already be whole-input
    /// ones). Fields naming the input (path, encoding, ratios) stay this one's.
    fn add_assign(&mut self, r: DocReport) {
        self.chars_in += r.chars_in;
        self.chars_removed += r.chars_removed;
        self.chars_out += r.chars_out;
        self.boilerplate_candidates += r.boilerplate_candidates;
        self.normalization += &r.normalization;
        self.script.converted_chars += r.script.converted_chars;
        self.script.converted_lines += r.script.converted_lines;
        self.script.unconverted_chars += r.script.unconverted_chars;
        self.script.regional_lines += r.script.regional_lines;
        self.removed.extend(r.removed);
    }
}
