//! The request context: the keys and values a request carries, looked up case-insensitively.

use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One context key with its values (one for single-valued keys, any number for multivalued).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextEntry {
    /// The key as first written, e.g. `aws:PrincipalTag/team`.
    pub key: String,
    /// The values; an empty list is a "null data set".
    pub values: Vec<String>,
    /// Whether Omen derived this key from the principal or resource rather than the caller.
    pub derived: bool,
    /// Whether the key is multivalued (given as a list, or multivalued by AWS's definition, such
    /// as `aws:TagKeys`). A multivalued key cannot be a policy variable ("Multivalued context keys").
    pub multivalued: bool,
}

/// Keys AWS defines as multivalued ("AWS global condition context keys"; "IAM and AWS STS
/// condition context keys"), lowercase.
const MULTIVALUED_KEYS: [&str; 6] = [
    "aws:tagkeys",
    "aws:calledvia",
    "aws:principalorgpaths",
    "aws:principalservicenameslist",
    "sts:transitivetagkeys",
    "aws:sourceorgpaths",
];

/// The request context. Key names are case-insensitive ("IAM JSON policy elements: Condition").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    entries: BTreeMap<String, ContextEntry>,
}

impl RequestContext {
    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// Read `{key: value | [values]}` as a request case or a flow's action gives it: a list makes
    /// a multivalued key; booleans and numbers become their text; anything but an object is an
    /// empty context.
    pub fn from_json(value: &Value) -> Self {
        let mut context = Self::new();
        if let Value::Object(entries) = value {
            for (key, value) in entries {
                match value {
                    Value::Array(items) => context.insert_list(key, items.iter().filter_map(scalar_text).collect()),
                    other => context.insert(key, scalar_text(other).into_iter().collect()),
                }
            }
        }
        context
    }

    /// Set `key` to `values`, replacing what was there. One value makes a single-valued key
    /// (unless AWS defines the key as multivalued).
    pub fn insert(&mut self, key: &str, values: Vec<String>) {
        let multivalued = values.len() != 1;
        self.insert_entry(key, values, multivalued);
    }

    /// Set `key` to a list of values: a multivalued key even when the list has one value.
    pub fn insert_list(&mut self, key: &str, values: Vec<String>) {
        self.insert_entry(key, values, true);
    }

    fn insert_entry(&mut self, key: &str, values: Vec<String>, multivalued: bool) {
        let lowercase = key.to_ascii_lowercase();
        let multivalued = multivalued || MULTIVALUED_KEYS.contains(&lowercase.as_str());
        self.entries.insert(lowercase, ContextEntry { key: key.to_string(), values, derived: false, multivalued });
    }

    /// Set `key` to a derived single value unless the caller already supplied it.
    pub fn derive(&mut self, key: &str, value: impl Into<String>) {
        self.derive_values(key, vec![value.into()]);
    }

    /// Set `key` to derived `values` unless the caller already supplied it: multivalued when
    /// AWS defines the key so (as [`RequestContext::insert`] decides), whatever the count.
    pub fn derive_values(&mut self, key: &str, values: Vec<String>) {
        let lowercase = key.to_ascii_lowercase();
        let multivalued = MULTIVALUED_KEYS.contains(&lowercase.as_str());
        self.entries.entry(lowercase).or_insert_with(|| ContextEntry {
            key: key.to_string(),
            values,
            derived: true,
            multivalued,
        });
    }

    /// The entry for `key`, if present.
    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        if key.bytes().any(|b| b.is_ascii_uppercase()) {
            self.entries.get(&key.to_ascii_lowercase())
        } else {
            self.entries.get(key)
        }
    }

    /// The first value of `key`, if present.
    pub fn first(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(|entry| entry.values.first()).map(String::as_str)
    }

    /// The value of a single-valued `key`: `None` when absent or multivalued.
    pub fn single(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|entry| !entry.multivalued).and_then(|entry| entry.values.first()).map(String::as_str)
    }

    /// All entries, ordered by lowercase key.
    pub fn entries(&self) -> impl Iterator<Item = &ContextEntry> {
        self.entries.values()
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_json_contexts() {
        let context = RequestContext::from_json(&json!({
            "aws:MultiFactorAuthPresent": true, "aws:TagKeys": ["team"], "aws:EpochTime": 1714564800,
            "aws:PrincipalTag/Team": "blue", "ignored": {"nested": 1}
        }));
        assert_eq!(context.single("aws:multifactorauthpresent"), Some("true"));
        assert_eq!(context.get("aws:TagKeys").map(|e| e.multivalued), Some(true));
        assert_eq!(context.first("aws:EpochTime"), Some("1714564800"));
        assert_eq!(context.first("AWS:PRINCIPALTAG/TEAM"), Some("blue"));
        assert_eq!(context.get("ignored").map(|e| e.values.len()), Some(0));
        assert_eq!(RequestContext::from_json(&json!([1])), RequestContext::new());
    }
}
