//! Edits for quick fixes (replace a JSON string, drop an item from a list) and `parse`'s
//! diagnostics as findings, with the AWS page each rests on and a fix where it is unambiguous.

use super::{t, DocPage, Finding, FindingSeverity, FindingSource, Fix, TextEdit};
use crate::diagnostics::{Diagnostic, Severity, TextRange};
use crate::lang::Lang;
use crate::policy::Statement;

/// A JSON string literal holding `value` (which holds no quote or backslash in IAM names).
pub(super) fn quoted(value: &str) -> String {
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// A fix replacing the string literal at `range` with `value`.
pub(super) fn replace_string(lang: Lang, range: TextRange, value: &str) -> Fix {
    let title = t(lang, format!("replace with `{value}`"), format!("`{value}` に置き換え"));
    Fix { title, edits: vec![TextEdit { range, text: quoted(value) }] }
}

/// A fix removing the list item at `range` (a string literal in a JSON array) with the comma
/// that separates it from its neighbour; `None` when it is not in a list of several items.
pub(super) fn remove_list_item(title: String, text: &str, range: TextRange) -> Option<Fix> {
    let after = text.get(range.end..)?;
    let skipped = after.len() - after.trim_start().len();
    if after.trim_start().starts_with(',') {
        // `"a", "b"` → remove `"a", ` up to the next item.
        let rest = after.get(skipped + 1..)?;
        let spaces = rest.len() - rest.trim_start().len();
        let end = range.end + skipped + 1 + spaces;
        return Some(Fix {
            title,
            edits: vec![TextEdit { range: TextRange::new(range.start, end), text: String::new() }],
        });
    }
    let before = text.get(..range.start)?;
    let trimmed = before.trim_end();
    if trimmed.ends_with(',') {
        // The last item: remove `, "b"` from the comma after the previous item.
        let comma = trimmed.len() - 1;
        return Some(Fix {
            title,
            edits: vec![TextEdit { range: TextRange::new(comma, range.end), text: String::new() }],
        });
    }
    None
}

/// A fix adding `"operator": {"key": "value"}` to `statement`'s conditions: into its `operator`
/// block when it has one, else as a new block first in its `Condition`, else as a `Condition`
/// after its last element — each laid out as the text around it. `None` when the statement has
/// an empty `Condition` (the new one would be a duplicate key).
pub(super) fn add_condition(
    title: String,
    text: &str,
    statement: &Statement,
    operator: &str,
    key: &str,
    value: &str,
) -> Option<Fix> {
    let pair = format!("{}: {}", quoted(key), quoted(value));
    let operator = quoted(operator);
    let block = statement.conditions.iter().find(|clause| clause.operator.range.slice(text) == operator);
    let (at, insert) = match (block, statement.conditions.first()) {
        // `"StringEquals": {⏎  "other": …` → `"StringEquals": {⏎  "key": "value",⏎  "other": …`
        (Some(clause), _) => {
            let after = text.get(clause.operator.range.end..)?;
            let at = clause.operator.range.end + after.find('{')? + 1;
            let rest = text.get(at..)?;
            (at, format!("{}{pair},", rest.strip_suffix(rest.trim_start())?))
        }
        (None, Some(first)) => {
            let at = first.operator.range.start;
            let before = text.get(..at)?;
            (at, format!("{operator}: {{{pair}}},{}", before.strip_prefix(before.trim_end())?))
        }
        (None, None) => {
            let inner = statement.range.slice(text).strip_prefix('{')?.strip_suffix('}')?;
            if inner.contains("\"Condition\"") {
                return None;
            }
            let at = statement.range.start + 1 + inner.trim_end().len();
            let space = inner.strip_suffix(inner.trim_start())?;
            (at, format!(",{space}\"Condition\": {{{operator}: {{{pair}}}}}"))
        }
    };
    Some(Fix { title, edits: vec![TextEdit { range: TextRange::new(at, at), text: insert }] })
}

fn page(title: &str, url: &str) -> DocPage {
    DocPage { title: title.to_string(), url: url.to_string() }
}

/// The page a `parse` diagnostic rests on.
fn parse_doc(code: &str) -> DocPage {
    const GUIDE: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
    let (title, file) = match code {
        "invalid-json" | "empty-policy" | "wrong-type" => {
            ("IAM JSON policy grammar", "reference_policies_grammar.html")
        }
        "policy-too-large" => ("IAM and AWS STS quotas", "reference_iam-quotas.html"),
        "missing-version" | "old-version" | "invalid-version" | "variable-not-substituted" => {
            ("IAM JSON policy elements: Version", "reference_policies_elements_version.html")
        }
        "duplicate-sid" | "invalid-sid" => ("IAM JSON policy elements: Sid", "reference_policies_elements_sid.html"),
        "invalid-effect" => ("IAM JSON policy elements: Effect", "reference_policies_elements_effect.html"),
        "malformed-action" | "iam-assume-role" | "iam-assume-role-in-trust" | "trust-action" => {
            ("IAM JSON policy elements: Action", "reference_policies_elements_action.html")
        }
        "malformed-arn" | "resource-in-trust-policy" => {
            ("IAM JSON policy elements: Resource", "reference_policies_elements_resource.html")
        }
        "missing-principal"
        | "principal-not-allowed"
        | "malformed-principal"
        | "wildcard-in-principal"
        | "malformed-service-principal" => {
            ("IAM JSON policy elements: Principal", "reference_policies_elements_principal.html")
        }
        "not-principal-allow" | "not-principal-in-trust-policy" => {
            ("IAM JSON policy elements: NotPrincipal", "reference_policies_elements_notprincipal.html")
        }
        "unknown-operator" | "invalid-condition-value" => {
            ("IAM JSON policy elements: Condition operators", "reference_policies_elements_condition_operators.html")
        }
        "passrole-resource-tag" => {
            ("Grant a user permissions to pass a role to an AWS service", "id_roles_use_passrole.html")
        }
        _ => ("IAM JSON policy element reference", "reference_policies_elements.html"),
    };
    page(title, &format!("{GUIDE}{file}"))
}

/// The text between backticks after `did you mean` in an English help line.
fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("did you mean `").nth(1)?;
    rest.split('`').next()
}

/// A `parse` diagnostic as a finding, with a fix where its help names the one replacement.
pub(super) fn from_diagnostic(diagnostic: &Diagnostic, text: &str, lang: Lang) -> Finding {
    let severity = match diagnostic.severity {
        Severity::Error => FindingSeverity::Error,
        Severity::Warning => FindingSeverity::Warning,
    };
    let literal = diagnostic.range.slice(text);
    let fix = match diagnostic.code {
        // `"Efect"` → `"Effect"`; `"iam:AssumeRole"` → `"sts:AssumeRole"`.
        "unknown-element" | "iam-assume-role" | "iam-assume-role-in-trust" if literal.starts_with('"') => {
            diagnostic.help(Lang::En).and_then(suggestion).map(|to| replace_string(lang, diagnostic.range, to))
        }
        // `"ForAnyValue:StringEqual"` → `"ForAnyValue:StringEquals"`: the help names the base operator.
        "unknown-operator" if literal.starts_with('"') => diagnostic.help(Lang::En).and_then(suggestion).map(|base| {
            let name = literal.trim_matches('"');
            let set = ["ForAllValues:", "ForAnyValue:"].into_iter().find(|p| name.starts_with(p)).unwrap_or("");
            let if_exists = if name.ends_with("IfExists") { "IfExists" } else { "" };
            let to = format!("{set}{base}{if_exists}");
            replace_string(lang, diagnostic.range, &to)
        }),
        "invalid-effect" => match literal.trim_matches('"').to_ascii_lowercase().as_str() {
            "allow" => Some(replace_string(lang, diagnostic.range, "Allow")),
            "deny" => Some(replace_string(lang, diagnostic.range, "Deny")),
            _ => None,
        },
        _ => None,
    };
    Finding {
        code: FindingSource::Parse(diagnostic.code),
        severity,
        message: diagnostic.message(lang).to_string(),
        help: diagnostic.help(lang).map(str::to_string),
        range: diagnostic.range,
        doc: parse_doc(diagnostic.code),
        fix,
        refusal: diagnostic.refusal.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(text: &str, item: &str) -> Option<String> {
        let start = text.find(item)?;
        remove_list_item(String::new(), text, TextRange::new(start, start + item.len())).map(|fix| fix.apply(text))
    }

    #[test]
    fn removes_list_items_with_their_comma() {
        assert_eq!(removed(r#"["a", "b", "c"]"#, r#""a""#).as_deref(), Some(r#"["b", "c"]"#));
        assert_eq!(removed(r#"["a", "b", "c"]"#, r#""b""#).as_deref(), Some(r#"["a", "c"]"#));
        assert_eq!(removed("[\"a\",\n  \"c\"\n]", r#""c""#).as_deref(), Some("[\"a\"\n]"));
        assert_eq!(removed(r#"["a"]"#, r#""a""#), None);
    }

    #[test]
    fn quotes_json_strings() {
        assert_eq!(quoted("ec2:RunInstances"), "\"ec2:RunInstances\"");
        assert_eq!(quoted("a\"b"), "\"a\\\"b\"");
    }
}
