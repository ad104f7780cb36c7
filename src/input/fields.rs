//! A JSONL record's top-level fields as one serde_json parse finds them: the text
//! field's value, the id (`--id-field`) and whether a named field exists, collected
//! while parsing (no list of every field per record).

use std::borrow::Cow;

/// What a record's parse looks for among its top-level fields (names compared
/// unescaped).
pub(super) struct Wanted<'q> {
    /// The text field.
    pub(super) field: &'q str,
    /// The id path (`--id-field`), see [`lookup_id`].
    pub(super) id: Option<&'q str>,
    /// The field whose presence is asked about (`--stats-field`).
    pub(super) check: Option<&'q str>,
}

/// The top-level fields a record's parse found for a [`Wanted`]: the values' JSON text,
/// borrowed from the line. Collected while parsing, so that no list of every field is
/// built per record.
#[derive(Default)]
pub(super) struct Fields<'a> {
    /// The first value of the text field.
    pub(super) text: Option<&'a serde_json::value::RawValue>,
    /// Whether the text field appears more than once.
    pub(super) text_twice: bool,
    /// The first value of a field named the whole id path.
    id_whole: Option<&'a serde_json::value::RawValue>,
    /// The first value of a field named the id path's first dot-separated part.
    id_first: Option<&'a serde_json::value::RawValue>,
    /// Whether the asked-about field exists.
    pub(super) has_check: bool,
}

impl Wanted<'_> {
    /// Parse `s` as one JSON object (as `serde_json::from_str` does: the same reader,
    /// the same errors) and keep the wanted fields.
    pub(super) fn parse<'a>(&self, s: &'a str) -> serde_json::Result<Fields<'a>> {
        let mut de = serde_json::Deserializer::from_str(s);
        let fields = serde::de::DeserializeSeed::deserialize(self, &mut de)?;
        de.end()?;
        Ok(fields)
    }
}

/// A field name as the JSON parser hands it over: borrowed from the line when it has
/// no escape (every name of a usual record), owned when the parser had to unescape it.
/// serde's own `Cow<str>` is always owned, one allocation per name.
struct Name<'a>(Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Name<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Self::Value, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<Self::Value, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(
                self,
                v: String,
            ) -> std::result::Result<Self::Value, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &Wanted<'_> {
    type Value = Fields<'de>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        struct V<'w, 'q>(&'w Wanted<'q>);
        impl<'de> serde::de::Visitor<'de> for V<'_, '_> {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let w = self.0;
                let first = w.id.and_then(|p| p.split('.').next());
                let mut f = Fields::default();
                while let Some(Name(k)) = map.next_key::<Name<'de>>()? {
                    let raw: &'de serde_json::value::RawValue = map.next_value()?;
                    let k: &str = &k;
                    if k == w.field {
                        f.text_twice |= f.text.is_some();
                        f.text.get_or_insert(raw);
                    }
                    if f.id_whole.is_none() && w.id == Some(k) {
                        f.id_whole = Some(raw);
                    }
                    if f.id_first.is_none() && first == Some(k) {
                        f.id_first = Some(raw);
                    }
                    f.has_check |= w.check == Some(k);
                }
                Ok(f)
            }
        }
        d.deserialize_map(V(self))
    }
}

/// A field path such as `meta.id`: the whole name when the record has a top-level
/// field of that name, else the name split at dots into nested object keys. `fields`
/// was parsed with this `path` as [`Wanted::id`].
pub(super) fn lookup_id(fields: &Fields<'_>, path: &str) -> Option<String> {
    let as_id = |raw: &serde_json::value::RawValue| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
        match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    if let Some(raw) = fields.id_whole {
        return as_id(raw);
    }
    let mut parts = path.split('.');
    parts.next()?;
    let raw = fields.id_first?;
    let mut v: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
    for p in parts {
        v = v.as_object_mut()?.remove(p)?;
    }
    match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}
