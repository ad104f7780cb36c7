//! `--annotate`: a JSONL record kept exactly as it was, its text included, with one
//! more top-level field (`zhclean` unless `--stats-field` names another) holding what
//! zhclean found — the shape of peers' pipelines (data-juicer's `__dj__stats__`,
//! datatrove's `metadata`), which add statistics to a record rather than rewrite it.
//!
//! The field's object (char offsets count Unicode scalar values of the record's text):
//!
//! ```json
//! {"dup_ratio": 0.49, "chars_in": 3241, "chars_removed": 1601,
//!  "removals": {"block": 1},
//!  "removed": [{"kind": "block", "char_range": [11, 1612], "kept_lines": [11, 18]}],
//!  "cross_doc_chars": 0,
//!  "dropped": false}
//! ```
//!
//! A document that `--cross-doc=drop` would drop is kept and says
//! `"dropped": true, "duplicate_of": ID, "duplicate_of_line": N, "similarity": F`
//! (`duplicate_of` is the kept record's `--id-field` value, `null` without one).

use crate::report::DocReport;
use serde_json::{json, Map, Value};

/// The statistics object for one document's final report.
pub fn stats(d: &DocReport) -> Value {
    let kinds = d.kind_counts();
    let removed: Vec<Value> = d
        .removed
        .iter()
        .map(|r| json!({"kind": r.kind.as_str(), "char_range": r.char_range, "kept_lines": r.kept}))
        .collect();
    let mut m = Map::new();
    m.insert("dup_ratio".into(), json!(d.dup_ratio));
    m.insert("chars_in".into(), json!(d.chars_in));
    m.insert("chars_removed".into(), json!(d.chars_removed));
    m.insert("removals".into(), json!(kinds));
    m.insert("removed".into(), Value::Array(removed));
    m.insert("cross_doc_chars".into(), json!(d.cross_doc_chars));
    m.insert("dropped".into(), json!(d.dropped.is_some()));
    if let Some(drop) = &d.dropped {
        m.insert("duplicate_of".into(), json!(drop.duplicate_of.id));
        m.insert("duplicate_of_line".into(), json!(drop.duplicate_of.line));
        m.insert("similarity".into(), json!(drop.similarity));
    }
    Value::Object(m)
}

/// `line` (one JSON object, no line break) with `"field": stats` added as its last
/// member, every other byte kept; ends with `\n`. `None` when the line does not end
/// with `}` (it was parsed as an object, so only trailing whitespace can follow).
pub fn splice(line: &[u8], field: &str, stats: &Value) -> Option<Vec<u8>> {
    let end = line.iter().rposition(|b| !b.is_ascii_whitespace())?;
    if line[end] != b'}' {
        return None;
    }
    let inner_empty = line[..end]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .is_some_and(|i| line[i] == b'{');
    let mut out = Vec::with_capacity(line.len() + 256);
    out.extend_from_slice(&line[..end]);
    if !inner_empty {
        out.push(b',');
    }
    out.extend_from_slice(
        serde_json::to_string(field)
            .expect("strings serialize")
            .as_bytes(),
    );
    out.push(b':');
    out.extend_from_slice(stats.to_string().as_bytes());
    out.extend_from_slice(b"}\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_keeps_every_byte_and_adds_the_field() {
        let v = json!({"a": 1});
        assert_eq!(
            splice(br#"{"text": "x" , "n":1.50 }  "#, "zhclean", &v).unwrap(),
            br#"{"text": "x" , "n":1.50 ,"zhclean":{"a":1}}
"#
        );
        assert_eq!(splice(b"{ }", "s", &v).unwrap(), b"{ \"s\":{\"a\":1}}\n");
        assert_eq!(splice(b"[1]", "s", &v), None);
    }
}
