//! Editing policy text for fixes: add a statement or remove one while keeping the rest of the
//! user's text — layout, order, everything — as it was, so a fix reads as a small diff.

use crate::parse::parse_policy;
use crate::policy::{Policy, PolicyKind};
use crate::world::{compact_policy, pretty_policy};
use serde_json::{json, Map, Value};

/// A new policy document holding `statements`.
pub fn new_policy(statements: Vec<Value>) -> String {
    pretty_policy(&json!({"Version": "2012-10-17", "Statement": statements}))
}

/// `text` with `statement` added after the last statement. The statement is laid out like its
/// neighbours (indentation, one line or many). Returns `None` when `text` is not a policy.
pub fn append_statement(text: &str, kind: PolicyKind, statement: &Value) -> Option<String> {
    let policy = parse_policy(text, kind).policy?;
    let (Some(first), Some(last)) = (policy.statements.first(), policy.statements.last()) else {
        return rewrite(text, |statements| statements.push(statement.clone()));
    };
    let in_array = text.get(..first.range.start)?.trim_end().ends_with('[');
    if !in_array {
        // `"Statement": {…}`: make it a list, printed afresh.
        return rewrite(text, |statements| statements.push(statement.clone()));
    }
    let (start, end) = (last.range.start, last.range.end);
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let prefix = text.get(line_start..start)?;
    let body = text.get(start..end)?;
    let multiline = prefix.chars().all(char::is_whitespace) && body.contains('\n');
    let insert = if multiline {
        let unit = indent_unit(body, prefix);
        format!(",\n{prefix}{}", layout(statement, &unit, prefix))
    } else {
        format!(", {}", compact_policy(statement))
    };
    Some(splice(text, end, end, &insert))
}

/// `text` without statement `index`; `None` if it is the only statement (delete the policy
/// instead) or `text` is not a policy.
pub fn remove_statement(text: &str, kind: PolicyKind, index: usize) -> Option<String> {
    let policy: Policy = parse_policy(text, kind).policy?;
    if policy.statements.len() < 2 {
        return None;
    }
    let statement = policy.statements.iter().find(|s| s.index == index)?;
    let (start, end) = (statement.range.start, statement.range.end);
    let after = text.get(end..)?;
    let trimmed = after.trim_start();
    if trimmed.starts_with(',') {
        let comma = end + (after.len() - trimmed.len());
        let rest = text.get(comma + 1..)?;
        let space = rest.len() - rest.trim_start().len();
        return Some(splice(text, start, comma + 1 + space, ""));
    }
    let before = text.get(..start)?.trim_end();
    let comma = before.strip_suffix(',')?.len();
    Some(splice(text, comma, end, ""))
}

/// `text` with `value` added to the values of condition clause `clause` of statement `statement`
/// (a one-value clause becomes a list), the rest of the text as it was. Returns `None` when
/// `text` is not a policy or has no such clause.
pub fn add_condition_value(
    text: &str,
    kind: PolicyKind,
    statement: usize,
    clause: usize,
    value: &str,
) -> Option<String> {
    let policy = parse_policy(text, kind).policy?;
    let clause = policy.statements.iter().find(|s| s.index == statement)?.conditions.get(clause)?;
    let (first, last) = (clause.values.first()?.range, clause.values.last()?.range);
    let literal = serde_json::to_string(value).ok()?;
    let opening = text.get(..first.start)?.trim_end();
    if !opening.ends_with('[') {
        let written = text.get(first.start..first.end)?;
        return Some(splice(text, first.start, first.end, &format!("[{written}, {literal}]")));
    }
    let line_start = text.get(..last.start)?.rfind('\n').map_or(0, |i| i + 1);
    let prefix = text.get(line_start..last.start)?;
    let multiline = line_start >= opening.len() && prefix.chars().all(char::is_whitespace);
    let insert = if multiline { format!(",\n{prefix}{literal}") } else { format!(", {literal}") };
    Some(splice(text, last.end, last.end, &insert))
}

fn splice(text: &str, start: usize, end: usize, insert: &str) -> String {
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(text.get(..start).unwrap_or(""));
    out.push_str(insert);
    out.push_str(text.get(end..).unwrap_or(""));
    out
}

/// The indentation step a statement's body uses beyond its own indentation.
fn indent_unit(body: &str, prefix: &str) -> String {
    body.lines()
        .nth(1)
        .map(|line| {
            let leading = line.len() - line.trim_start().len();
            line.get(..leading).unwrap_or("").strip_prefix(prefix).unwrap_or("").to_string()
        })
        .filter(|unit| !unit.is_empty())
        .unwrap_or_else(|| "    ".to_string())
}

/// `value` printed in AWS's element order with `unit` indentation, continuation lines after
/// `base`.
fn layout(value: &Value, unit: &str, base: &str) -> String {
    pretty_policy(value)
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let leading = line.len() - line.trim_start().len();
            let depth = leading / 4;
            let content = line.trim_start();
            if i == 0 {
                content.to_string()
            } else {
                format!("{base}{}{content}", unit.repeat(depth))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rebuild `text` from its JSON value with `change` applied to its statement list.
fn rewrite(text: &str, change: impl FnOnce(&mut Vec<Value>)) -> Option<String> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    let object = value.as_object_mut()?;
    let mut statements = match object.remove("Statement") {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => Vec::new(),
        Some(single) => vec![single],
    };
    change(&mut statements);
    object.insert("Statement".into(), Value::Array(statements));
    if !object.contains_key("Version") {
        object.insert("Version".into(), Value::String("2012-10-17".into()));
    }
    Some(pretty_policy(&value))
}

/// A statement object: `Sid`, `Effect`, optional `Principal`, `Action`, optional `Resource`,
/// optional `Condition` (`[(operator, key, values)]`).
pub fn statement(
    sid: &str,
    principal: Option<Value>,
    action: &str,
    resource: Option<&str>,
    conditions: &[(String, String, Vec<String>)],
) -> Value {
    let mut object = Map::new();
    object.insert("Sid".into(), Value::String(sid.into()));
    object.insert("Effect".into(), Value::String("Allow".into()));
    if let Some(principal) = principal {
        object.insert("Principal".into(), principal);
    }
    object.insert("Action".into(), Value::String(action.into()));
    if let Some(resource) = resource {
        object.insert("Resource".into(), Value::String(resource.into()));
    }
    if !conditions.is_empty() {
        let mut block = Map::new();
        for (operator, key, values) in conditions {
            let entry = block.entry(operator.clone()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(keys) = entry {
                let value = match values.as_slice() {
                    [single] => Value::String(single.clone()),
                    many => Value::Array(many.iter().cloned().map(Value::String).collect()),
                };
                keys.insert(key.clone(), value);
            }
        }
        object.insert("Condition".into(), Value::Object(block));
    }
    Value::Object(object)
}

/// A Sid not yet used in `text`: `base`, else `base2`, `base3`, ….
pub fn fresh_sid(text: &str, kind: PolicyKind, base: &str) -> String {
    let used: Vec<String> = parse_policy(text, kind)
        .policy
        .map(|p| p.statements.iter().filter_map(|s| s.sid.as_ref().map(|sid| sid.value.clone())).collect())
        .unwrap_or_default();
    if !used.iter().any(|u| u == base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}{n}")).find(|candidate| !used.contains(candidate)).unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"ec2:*\",\n      \"Resource\": \"*\"\n    },\n    {\n      \"Sid\": \"NoTerminate\",\n      \"Effect\": \"Deny\",\n      \"Action\": \"ec2:TerminateInstances\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";

    #[test]
    fn appends_in_the_neighbours_layout() {
        let added = statement(
            "AllowIamPassRole",
            None,
            "iam:PassRole",
            Some("arn:aws:iam::111122223333:role/R"),
            &[("StringEquals".into(), "iam:PassedToService".into(), vec!["ec2.amazonaws.com".into()])],
        );
        let after = append_statement(POLICY, PolicyKind::Identity, &added).unwrap();
        assert!(after.starts_with(&POLICY[..POLICY.len() - 6]));
        assert!(after.contains(
            "    },\n    {\n      \"Sid\": \"AllowIamPassRole\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"iam:PassRole\",\n      \"Resource\": \"arn:aws:iam::111122223333:role/R\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"iam:PassedToService\": \"ec2.amazonaws.com\"\n        }\n      }\n    }\n  ]\n}"
        ), "{after}");
        assert!(parse_policy(&after, PolicyKind::Identity).diagnostics.is_empty());
    }

    #[test]
    fn appends_to_one_line_and_single_statement_policies() {
        let one_line = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
        let added = statement("A", None, "iam:PassRole", Some("*"), &[]);
        let after = append_statement(one_line, PolicyKind::Identity, &added).unwrap();
        assert!(
            after.ends_with(r#"{"Effect":"Allow","Action":"s3:*","Resource":"*"}, {"Sid":"A","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}"#),
            "{after}"
        );
        let single = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#;
        let after = append_statement(single, PolicyKind::Identity, &added).unwrap();
        assert_eq!(parse_policy(&after, PolicyKind::Identity).policy.unwrap().statements.len(), 2);
    }

    /// A fix that lets one more value through a condition keeps the layout of the values.
    #[test]
    fn adds_a_condition_value_in_the_layout_of_the_others() {
        let one = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/Project":"Unicorn"}}}]}"#;
        let after = add_condition_value(one, PolicyKind::Identity, 0, 0, "Phoenix").unwrap();
        assert!(after.contains(r#""aws:RequestTag/Project":["Unicorn", "Phoenix"]"#), "{after}");
        let inline = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/Project":["Unicorn", "Pegasus"]}}}]}"#;
        let after = add_condition_value(inline, PolicyKind::Identity, 0, 0, "Phoenix").unwrap();
        assert!(after.contains(r#"["Unicorn", "Pegasus", "Phoenix"]"#), "{after}");
        let lines = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n    \"Condition\": {\"StringEquals\": {\"aws:RequestTag/Project\": [\n      \"Unicorn\",\n      \"Pegasus\"\n    ]}}\n  }]\n}";
        let after = add_condition_value(lines, PolicyKind::Identity, 0, 0, "Phoenix").unwrap();
        assert!(after.contains("[\n      \"Unicorn\",\n      \"Pegasus\",\n      \"Phoenix\"\n    ]"), "{after}");
        assert!(parse_policy(&after, PolicyKind::Identity).diagnostics.is_empty());
        assert!(add_condition_value(lines, PolicyKind::Identity, 0, 1, "x").is_none());
    }

    #[test]
    fn removes_a_statement_and_its_comma() {
        let without_deny = remove_statement(POLICY, PolicyKind::Identity, 1).unwrap();
        assert_eq!(without_deny, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"ec2:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}");
        let without_allow = remove_statement(POLICY, PolicyKind::Identity, 0).unwrap();
        assert!(without_allow.starts_with(
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"NoTerminate\""
        ));
        let single = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;
        assert!(remove_statement(single, PolicyKind::Identity, 0).is_none());
        assert_eq!(fresh_sid(POLICY, PolicyKind::Identity, "NoTerminate"), "NoTerminate2");
    }
}
