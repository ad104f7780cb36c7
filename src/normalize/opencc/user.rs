//! Users' dictionaries (`--dict FILE`, [`UserDict`]): OpenCC's text format parsed
//! into a run-time [`Dict`] whose terms are matched before the built-in conversion.

use super::Dict;

/// A user dictionary (`--dict FILE`): OpenCC's text format, `source<TAB>target` one
/// entry a line (`#` comments and blank lines skipped; of several space-separated
/// targets the first is used). Its terms are matched leftmost-longest before the
/// built-in conversion and written as the file says; `source<TAB>source` protects a
/// term (a name, a brand) from conversion.
pub struct UserDict {
    dict: Option<Dict>,
    entries: usize,
}

impl UserDict {
    /// Parse the text of a dictionary; `name` names it in errors.
    pub fn parse(text: &str, name: &str) -> Result<UserDict, String> {
        let mut pairs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((k, v)) = line.split_once('\t') else {
                return Err(format!(
                    "{name}:{}: expected `source<TAB>target`, found no tab",
                    i + 1
                ));
            };
            let v = v.split(' ').find(|v| !v.is_empty()).unwrap_or("");
            if k.is_empty() || v.is_empty() {
                return Err(format!("{name}:{}: empty source or target", i + 1));
            }
            pairs.push((k, v));
        }
        let entries = pairs.len();
        Ok(UserDict {
            dict: (entries > 0).then(|| Dict::from_pairs(pairs)),
            entries,
        })
    }

    /// Read and parse a dictionary file (UTF-8).
    pub fn load(path: &std::path::Path) -> crate::Result<UserDict> {
        let text = std::fs::read_to_string(path).map_err(|err| crate::Error::Read {
            path: path.display().to_string(),
            err,
        })?;
        UserDict::parse(&text, &path.display().to_string()).map_err(crate::Error::Usage)
    }

    /// Entries read.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Whether the dictionary has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Whether `text` holds a term of the dictionary.
    pub fn is_match(&self, text: &str) -> bool {
        self.matches(text).next().is_some()
    }

    /// The terms in `text`, leftmost-longest: `(start, end, target)`, byte offsets.
    pub fn matches<'s>(
        &'s self,
        text: &'s str,
    ) -> impl Iterator<Item = (usize, usize, &'s str)> + 's {
        self.dict.iter().flat_map(move |d| d.matches(text))
    }
}
