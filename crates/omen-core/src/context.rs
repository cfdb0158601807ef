//! The request context: the keys and values a request carries, looked up case-insensitively.

use serde::Serialize;
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
}

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

    /// Set `key` to `values`, replacing what was there.
    pub fn insert(&mut self, key: &str, values: Vec<String>) {
        self.entries.insert(key.to_ascii_lowercase(), ContextEntry { key: key.to_string(), values, derived: false });
    }

    /// Set `key` to a derived single value unless the caller already supplied it.
    pub fn derive(&mut self, key: &str, value: impl Into<String>) {
        self.entries.entry(key.to_ascii_lowercase()).or_insert_with(|| ContextEntry {
            key: key.to_string(),
            values: vec![value.into()],
            derived: true,
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

    /// All entries, ordered by lowercase key.
    pub fn entries(&self) -> impl Iterator<Item = &ContextEntry> {
        self.entries.values()
    }
}
