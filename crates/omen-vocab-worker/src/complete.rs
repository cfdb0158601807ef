//! Where the caret is in a policy text being typed, and what may be typed there: element names,
//! `Allow`/`Deny`, the version, service prefixes and actions (with their access level), condition
//! operators, condition keys valid for the statement's actions, principal types and the ARNs the
//! world has. A forgiving scan of the JSON (the text is usually broken while it is typed), no parse.

use omen_core::vocabulary::{ActionRef, Completion, CompletionKind, ServiceReference};
use serde::Serialize;

/// One container of the JSON around the caret.
#[derive(Debug, Clone)]
struct Frame {
    /// An object (`true`) or an array.
    object: bool,
    /// The key this container is the value of (for an array item: the array's key).
    key: Option<String>,
    /// In an object: the last key read, and whether a key comes next.
    last_key: Option<String>,
    expecting_key: bool,
    /// The id of the statement object this frame is in, if any.
    statement: Option<usize>,
}

/// The string the caret is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The string's content: bytes `from..to` (inside the quotes).
    pub from: usize,
    /// One past its last byte.
    pub to: usize,
    /// What is typed of it, up to the caret.
    pub typed: String,
    /// Whether it is an object key.
    pub is_key: bool,
    /// The keys from the document down to the object or array it is in (`Statement`,
    /// `Condition`, `StringEquals`); for a value, its own key last.
    pub path: Vec<String>,
    /// The actions named in the same statement (other strings than this one).
    pub actions: Vec<String>,
}

/// Finds the string the caret (`at`, a byte offset) is in, if it is in one.
pub fn place(text: &str, at: usize) -> Option<Place> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut next_id = 0;
    let mut found: Option<(Place, Option<usize>)> = None;
    let mut actions: Vec<(Option<usize>, usize, String)> = Vec::new();
    let governing = |stack: &[Frame]| -> Option<String> {
        let top = stack.last()?;
        if top.object {
            top.last_key.clone()
        } else {
            top.key.clone()
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i).copied().unwrap_or(b' ') {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut closed = false;
                while let Some(&b) = bytes.get(j) {
                    match b {
                        b'\\' => j += 2,
                        b'"' => {
                            closed = true;
                            break;
                        }
                        b'\n' => break,
                        _ => j += 1,
                    }
                }
                let end = j.min(bytes.len());
                let content = text.get(start..end).unwrap_or_default();
                let is_key = stack.last().is_some_and(|f| f.object && f.expecting_key);
                let statement = stack.last().and_then(|f| f.statement);
                if found.is_none() && start <= at && at <= end {
                    // An array's items carry the array's key: it is counted once.
                    let mut path: Vec<String> = stack
                        .iter()
                        .enumerate()
                        .filter(|(n, _)| n.checked_sub(1).and_then(|p| stack.get(p)).is_none_or(|p| p.object))
                        .filter_map(|(_, f)| f.key.clone())
                        .collect();
                    if !is_key {
                        if let Some(key) = stack.last().filter(|f| f.object).and_then(|f| f.last_key.clone()) {
                            path.push(key);
                        }
                    }
                    let typed = text.get(start..at).unwrap_or_default().to_owned();
                    found = Some((Place { from: start, to: end, typed, is_key, path, actions: Vec::new() }, statement));
                } else if !is_key && matches!(governing(&stack).as_deref(), Some("Action" | "NotAction")) {
                    actions.push((statement, start, content.to_owned()));
                }
                if is_key {
                    if let Some(top) = stack.last_mut() {
                        top.last_key = Some(content.to_owned());
                    }
                }
                i = if closed { end + 1 } else { end };
                continue;
            }
            open @ (b'{' | b'[') => {
                let key = governing(&stack);
                let parent_statement = stack.last().and_then(|f| f.statement);
                // An object directly under `Statement` (or `Statement` itself when it is one).
                let is_statement = open == b'{' && key.as_deref() == Some("Statement");
                next_id += 1;
                stack.push(Frame {
                    object: open == b'{',
                    key,
                    last_key: None,
                    expecting_key: true,
                    statement: if is_statement { Some(next_id) } else { parent_statement },
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(top) = stack.last_mut() {
                    top.expecting_key = false;
                }
            }
            b',' => {
                if let Some(top) = stack.last_mut().filter(|f| f.object) {
                    top.expecting_key = true;
                    top.last_key = None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let (mut place, statement) = found?;
    place.actions = actions
        .into_iter()
        .filter(|(s, _, _)| statement.is_some() && *s == statement)
        .map(|(_, _, action)| action)
        .collect();
    Some(place)
}

/// What the page shows for a completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The text inserted (the string's whole content).
    pub label: String,
    /// Beside it: an action's access level, a key's type, a service's name.
    pub detail: String,
    /// `service`, `action`, `conditionKey`, `element`, `value`, `operator`, `principal`.
    pub kind: &'static str,
}

/// The condition operators, as AWS spells them ("IAM JSON policy elements: Condition operators").
pub const OPERATORS: [&str; 27] = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

/// The elements of a statement, of a policy and of a principal ("IAM JSON policy element reference").
const STATEMENT_ELEMENTS: [&str; 9] =
    ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const POLICY_ELEMENTS: [&str; 3] = ["Version", "Id", "Statement"];
const PRINCIPAL_TYPES: [&str; 4] = ["AWS", "Service", "Federated", "CanonicalUser"];

fn starts(text: &str, typed: &str) -> bool {
    text.get(..typed.len()).is_some_and(|start| start.eq_ignore_ascii_case(typed))
}

fn words(list: &[&str], typed: &str, detail: &str, kind: &'static str, limit: usize) -> Vec<Item> {
    list.iter()
        .filter(|w| starts(w, typed) && **w != typed)
        .take(limit)
        .map(|w| Item { label: (*w).to_owned(), detail: detail.to_owned(), kind })
        .collect()
}

fn from_core(completions: Vec<Completion>) -> Vec<Item> {
    completions
        .into_iter()
        .map(|c| Item {
            kind: match c.kind {
                CompletionKind::Service => "service",
                CompletionKind::Action => "action",
                CompletionKind::ConditionKey => "conditionKey",
            },
            label: match c.kind {
                CompletionKind::Service => format!("{}:", c.label),
                _ => c.label,
            },
            detail: c.detail,
        })
        .collect()
}

/// The completions at `place`, at most `limit`; `arns` are the principals and roles of the world.
pub fn complete(place: &Place, reference: &ServiceReference, arns: &[String], limit: usize) -> Vec<Item> {
    let typed = place.typed.as_str();
    let last = place.path.last().map(String::as_str);
    let parent = place.path.len().checked_sub(2).and_then(|i| place.path.get(i)).map(String::as_str);
    if place.is_key {
        return match last {
            None => words(&POLICY_ELEMENTS, typed, "", "element", limit),
            Some("Statement") => words(&STATEMENT_ELEMENTS, typed, "", "element", limit),
            Some("Principal" | "NotPrincipal") => words(&PRINCIPAL_TYPES, typed, "", "element", limit),
            Some("Condition") => {
                let mut all: Vec<String> = OPERATORS.iter().map(|o| (*o).to_owned()).collect();
                if typed.starts_with("For") {
                    all = OPERATORS
                        .iter()
                        .flat_map(|o| [format!("ForAnyValue:{o}"), format!("ForAllValues:{o}")])
                        .collect();
                }
                let all: Vec<&str> = all.iter().map(String::as_str).collect();
                words(&all, typed, "", "operator", limit)
            }
            Some(_) if parent == Some("Condition") => {
                let actions: Vec<ActionRef<'_>> = place.actions.iter().flat_map(|a| reference.expand(a)).collect();
                from_core(reference.complete_condition_key(typed, &actions, limit))
            }
            Some(_) => Vec::new(),
        };
    }
    match last {
        Some("Action" | "NotAction") => from_core(reference.complete_action(typed, limit)),
        Some("Effect") => words(&["Allow", "Deny"], typed, "", "value", limit),
        Some("Version") => words(&["2012-10-17"], typed, "", "value", limit),
        Some("AWS") if matches!(parent, Some("Principal" | "NotPrincipal")) => {
            let arns: Vec<&str> = arns.iter().map(String::as_str).collect();
            words(&arns, typed, "", "principal", limit)
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<Place> {
        let caret = text.find('|')?;
        place(&text.replacen('|', "", 1), caret)
    }

    #[test]
    fn the_caret_in_an_action_string() {
        let place = at(r#"{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:RunI|"]}]}"#).unwrap();
        assert_eq!(place.typed, "ec2:RunI");
        assert!(!place.is_key);
        assert_eq!(place.path, ["Statement", "Action"]);
        assert_eq!(place.actions, ["s3:GetObject"]);
    }

    #[test]
    fn the_caret_in_an_unclosed_string_at_the_end() {
        let place = at("{\"Statement\": {\"Action\": \"iam:Pa|").unwrap();
        assert_eq!(place.typed, "iam:Pa");
        assert_eq!(place.path, ["Statement", "Action"]);
    }

    #[test]
    fn keys_operators_and_condition_keys() {
        let place = at(r#"{"Statement": [{"Eff|"}]}"#).unwrap();
        assert!(place.is_key);
        assert_eq!(place.path, ["Statement"]);
        let text = r#"{"Statement": [{"Action": "iam:PassRole", "Condition": {"StringEquals": {"iam:Pa|"}}}]}"#;
        let place = at(text).unwrap();
        assert!(place.is_key);
        assert_eq!(place.path, ["Statement", "Condition", "StringEquals"]);
        assert_eq!(place.actions, ["iam:PassRole"]);
        let place = at(r#"{"Statement": [{"Condition": {"StringL|"}}]}"#).unwrap();
        assert_eq!(
            complete(&place, &ServiceReference::default(), &[], 5).first().map(|i| i.label.as_str()),
            Some("StringLike")
        );
    }

    #[test]
    fn no_place_outside_strings() {
        assert_eq!(at(r#"{"Statement": |[]}"#), None);
    }

    #[test]
    fn effect_version_and_principals() {
        let reference = ServiceReference::default();
        let labels = |text: &str| -> Vec<String> {
            complete(&at(text).unwrap(), &reference, &["arn:aws:iam::111122223333:role/R".to_owned()], 5)
                .into_iter()
                .map(|i| i.label)
                .collect()
        };
        assert_eq!(labels(r#"{"Statement": [{"Effect": "|"}]}"#), ["Allow", "Deny"]);
        assert_eq!(labels(r#"{"Statement": [{"Effect": "D|"}]}"#), ["Deny"]);
        assert_eq!(labels(r#"{"Version": "2|"}"#), ["2012-10-17"]);
        assert_eq!(
            labels(r#"{"Statement": [{"Principal": {"AWS": "arn:aws:iam::1|"}}]}"#),
            ["arn:aws:iam::111122223333:role/R"]
        );
        assert_eq!(labels(r#"{"Statement": [{"Principal": {"Ser|"}}]}"#), ["Service"]);
        // The operators are the ones the core knows.
        for operator in OPERATORS {
            let text = format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"{operator}":{{"aws:username":"a"}}}}}}]}}"#
            );
            let parsed = omen_core::parse_policy(&text, omen_core::PolicyKind::Identity);
            assert!(!parsed.diagnostics.iter().any(|d| d.code == "unknown-operator"), "{operator}");
        }
    }
}
