//! The AWS managed policies, read from Omen's `managed-policies.txt`: name, path, default
//! version, date of the last update and the document, looked up by name or ARN
//! (`arn:aws:iam::aws:policy/AmazonEC2FullAccess`, "AWS managed policies").

use super::{header, CatalogueSource, ServiceReference, VocabularyError};
use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};
use serde::Serialize;

/// One AWS managed policy, its document still in the catalogue's compact form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManagedPolicy {
    /// The policy's name (`AmazonEC2FullAccess`).
    pub name: String,
    /// Its path (`/`, `/service-role/`, `/job-function/`).
    pub path: String,
    /// The default version (`v5`).
    pub version: String,
    /// The date of its last update (`2018-11-27`).
    pub updated: String,
    #[serde(skip)]
    compact: String,
}

impl ManagedPolicy {
    /// The policy's ARN: `arn:aws:iam::aws:policy` + path + name.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::aws:policy{}{}", self.path, self.name)
    }

    /// The default version's document, as JSON without whitespace, keys in AWS's order.
    /// `reference` must be the service reference generated with it (action numbers refer to it).
    pub fn document(&self, reference: &ServiceReference) -> Result<String, VocabularyError> {
        expand_action_runs(&self.compact, reference)
            .map_err(|what| VocabularyError::Malformed { line: 0, what: format!("{}: {what}", self.name) })
    }
}

/// Every AWS managed policy, sorted by name.
#[derive(Debug, Clone, Default)]
pub struct ManagedPolicies {
    /// Where the data comes from.
    pub source: CatalogueSource,
    /// The policies, sorted by name.
    pub policies: Vec<ManagedPolicy>,
}

impl ManagedPolicies {
    /// Read `managed-policies.txt`. An empty text gives no policies.
    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        if text.is_empty() {
            return Ok(Self::default());
        }
        let mut lines = text.lines().enumerate();
        let source = header(lines.next().map(|(_, l)| l), "omen-managed-policies")?;
        let mut policies = Vec::new();
        for (number, line) in lines {
            if line.is_empty() {
                continue;
            }
            let mut fields = line.splitn(6, '\t');
            match (fields.next(), fields.next(), fields.next(), fields.next(), fields.next(), fields.next()) {
                (Some("P"), Some(name), Some(path), Some(version), Some(updated), Some(document)) => {
                    policies.push(ManagedPolicy {
                        name: name.to_string(),
                        path: path.to_string(),
                        version: version.to_string(),
                        updated: updated.to_string(),
                        compact: document.to_string(),
                    })
                }
                _ => return Err(VocabularyError::Malformed { line: number + 1, what: "not a policy record".into() }),
            }
        }
        policies.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self { source, policies })
    }

    /// The policy named `name_or_arn` (`AmazonEC2FullAccess` or its ARN).
    pub fn get(&self, name_or_arn: &str) -> Option<&ManagedPolicy> {
        let name = match name_or_arn.strip_prefix("arn:aws:iam::aws:policy/") {
            Some(rest) => rest.rsplit('/').next().unwrap_or(rest),
            None => name_or_arn,
        };
        let policy =
            self.policies.binary_search_by(|p| p.name.as_str().cmp(name)).ok().and_then(|i| self.policies.get(i))?;
        // With an ARN, the path must be the policy's own.
        match name_or_arn.strip_prefix("arn:aws:iam::aws:policy") {
            Some(_) if policy.arn() != name_or_arn => None,
            _ => Some(policy),
        }
    }

    /// The service principals the policies name (`ec2.amazonaws.com`, in `iam:PassedToService`
    /// and `iam:AWSServiceName` conditions), sorted, once each: what a trust policy's
    /// `Principal.Service` can be completed with.
    pub fn service_principals(&self) -> Vec<&str> {
        let mut found: Vec<&str> = self
            .policies
            .iter()
            .flat_map(|p| p.compact.split('"').skip(1).step_by(2))
            .filter(|s| {
                s.strip_suffix(".amazonaws.com").is_some_and(|name| {
                    !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
                })
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Policies whose name contains every word of `query` (ignoring case), in name order.
    pub fn search<'m>(&'m self, query: &str) -> impl Iterator<Item = &'m ManagedPolicy> + 'm {
        let words: Vec<String> = query.split_whitespace().map(str::to_ascii_lowercase).collect();
        self.policies.iter().filter(move |p| {
            let name = p.name.to_ascii_lowercase();
            words.iter().all(|w| name.contains(w.as_str()))
        })
    }
}

/// Replace each `"@D,D,…"` in an `Action` / `NotAction` of `compact` by the actions it numbers
/// (see `omen-catalogue`'s generator for the format).
fn expand_action_runs(compact: &str, reference: &ServiceReference) -> Result<String, String> {
    let parsed = jsonc_parser::parse_to_ast(compact, &CollectOptions::default(), &ParseOptions::default())
        .map_err(|e| format!("invalid JSON: {e}"))?;
    let Some(Value::Object(root)) = parsed.value else {
        return Err("the document is not a JSON object".into());
    };
    let statements: Vec<&Value> = match root.get("Statement").map(|p| &p.value) {
        Some(Value::Array(array)) => array.elements.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    let mut runs: Vec<(usize, usize, &str)> = Vec::new();
    for statement in statements {
        let Value::Object(statement) = statement else { continue };
        for element in ["Action", "NotAction"] {
            let values: Vec<&Value> = match statement.get(element).map(|p| &p.value) {
                Some(Value::Array(array)) => array.elements.iter().collect(),
                Some(value) => vec![value],
                None => Vec::new(),
            };
            for value in values {
                if let Value::StringLit(lit) = value {
                    if let Some(run) = lit.value.strip_prefix('@') {
                        let range = lit.range();
                        runs.push((range.start, range.end, run));
                    }
                }
            }
        }
    }
    runs.sort_by_key(|(start, _, _)| *start);
    let mut out = String::with_capacity(compact.len() * 2);
    let mut cursor = 0;
    let mut previous: usize = 0;
    for (start, end, run) in runs {
        out.push_str(compact.get(cursor..start).ok_or("overlapping runs")?);
        for (i, delta) in run.split(',').enumerate() {
            let number = match delta.strip_prefix('-') {
                Some(back) => previous.checked_sub(base36(back)?),
                None => previous.checked_add(base36(delta)?),
            }
            .ok_or("an action number out of range")?;
            let action = reference.action_by_number(number).ok_or_else(|| format!("no action number {number}"))?;
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(&action.full_name());
            out.push('"');
            previous = number;
        }
        cursor = end;
    }
    out.push_str(compact.get(cursor..).unwrap_or(""));
    Ok(out)
}

fn base36(digits: &str) -> Result<usize, String> {
    usize::from_str_radix(digits, 36).map_err(|_| format!("`{digits}` is not a base-36 number"))
}
