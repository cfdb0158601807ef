//! Parsing policy text into a typed [`Policy`] with positioned diagnostics; never panics.
//!
//! The grammar and rules follow "IAM JSON policy element reference" and "IAM JSON policy
//! grammar". JSON is read strictly (no comments, no trailing commas), as IAM reads it. Every
//! diagnostic comes from the table in [`DiagnosticCode`]: an error is what AWS refuses at save
//! time (`MalformedPolicyDocument`), a warning what it saves but probably did not mean.

use crate::condition;
use crate::diagnostics::{Diagnostic, DiagnosticCode, TextRange};
use crate::lang::Text;
use crate::matching::{self, ArnGlob, Glob};
use crate::policy::{CompiledPattern, ConditionOperator, OperatorBase};
use crate::policy::{
    ConditionClause, Effect, ListElement, Policy, PolicyKind, PolicyVersion, PrincipalElement, PrincipalEntry,
    PrincipalType, Spanned, Statement,
};
use crate::suggest;
use crate::variables;
use jsonc_parser::ast::{Array, Object, ObjectProp, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};
use std::collections::HashMap;

/// A parsed policy and what was found wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPolicy {
    /// The policy, unless the text is not a JSON object.
    pub policy: Option<Policy>,
    /// Errors and warnings, in text order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedPolicy {
    /// Whether any diagnostic is an error (AWS would reject the document).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The first save-time error, if AWS would refuse to save this policy: a policy AWS refused
    /// never takes part in an evaluation ("Troubleshooting IAM policies").
    pub fn refusal(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_refusal())
    }
}

/// AWS's size quota for a user's inline policies ("IAM and AWS STS quotas").
pub const USER_INLINE_QUOTA: usize = 2_048;
/// AWS's size quota for a role's inline policies.
pub const ROLE_INLINE_QUOTA: usize = 10_240;
/// AWS's size quota for a managed policy.
pub const MANAGED_POLICY_QUOTA: usize = 6_144;

/// Parse `text` as a policy of `kind`, with the kind's default size quota.
pub fn parse_policy(text: &str, kind: PolicyKind) -> ParsedPolicy {
    parse_policy_with_quota(text, kind, kind.size_quota())
}

/// Parse `text` as a policy of `kind`, checking it against `quota` characters (not counting
/// whitespace, except for session policies, whose STS limit counts every character).
pub fn parse_policy_with_quota(text: &str, kind: PolicyKind, quota: usize) -> ParsedPolicy {
    let mut parser = Parser { kind, diagnostics: Vec::new() };
    let policy = parser.parse(text, quota);
    let mut diagnostics = parser.diagnostics;
    crate::sort::sort_by_key(&mut diagnostics, |d| (d.range.start, d.range.end));
    ParsedPolicy { policy, diagnostics }
}

const POLICY_ELEMENTS: [&str; 3] = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS: [&str; 9] =
    ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const PRINCIPAL_TYPES: [&str; 4] = ["AWS", "Service", "Federated", "CanonicalUser"];
const TRUST_ACTIONS: [&str; 6] = [
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:TagSession",
    "sts:SetSourceIdentity",
    "sts:SetContext",
];
/// The identity providers a trust policy names by domain rather than by an IAM provider ARN
/// ("IAM JSON policy elements: Principal", web identity session principals).
pub const WELL_KNOWN_WEB_IDENTITY_PROVIDERS: [&str; 4] =
    ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"];

/// JSON as IAM reads it: no comments, no trailing commas, nothing JSON does not allow.
pub(crate) const STRICT_JSON: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

struct Parser {
    kind: PolicyKind,
    diagnostics: Vec<Diagnostic>,
}

fn range_of(ranged: &impl Ranged) -> TextRange {
    let range = ranged.range();
    TextRange::new(range.start, range.end)
}

fn prop_name_range(prop: &ObjectProp) -> TextRange {
    match &prop.name {
        jsonc_parser::ast::ObjectPropName::String(lit) => range_of(&lit.range),
        jsonc_parser::ast::ObjectPropName::Word(lit) => range_of(&lit.range),
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::NullKeyword(_) => "null",
    }
}

/// An element's name in backticks, in both languages.
fn code(element: &str) -> Text {
    Text::new(format!("`{element}`"), format!("`{element}`"))
}

fn object() -> Text {
    Text::new("an object", "オブジェクト")
}

fn object_or_array() -> Text {
    Text::new("an object or an array", "オブジェクトか配列")
}

fn string() -> Text {
    Text::new("a string", "文字列")
}

fn string_or_array() -> Text {
    Text::new("a string or an array", "文字列か配列")
}

fn condition_value() -> Text {
    Text::new("a condition value", "条件の値")
}

/// Every property of `object` named `name`, in order (a duplicated element appears more than once).
fn props<'o, 'a>(object: &'o Object<'a>, name: &'o str) -> impl Iterator<Item = &'o ObjectProp<'a>> + 'o {
    object.properties.iter().filter(move |p| p.name.as_str() == name)
}

impl Parser {
    fn push(&mut self, mut diagnostic: Diagnostic) {
        // Organizations answers its own exception for SCPs and RCPs ("CreatePolicy", AWS
        // Organizations API reference).
        if let Some(refusal) = &mut diagnostic.refusal {
            if matches!(self.kind, PolicyKind::Scp | PolicyKind::Rcp) && refusal.error_code == "MalformedPolicyDocument"
            {
                refusal.error_code = "MalformedPolicyDocumentException";
            }
        }
        self.diagnostics.push(diagnostic);
    }

    fn parse(&mut self, text: &str, quota: usize) -> Option<Policy> {
        let parsed = match jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &STRICT_JSON) {
            Ok(parsed) => parsed,
            Err(error) => {
                self.push(invalid_json(range_of(&error.range()), &error.kind().to_string()));
                return None;
            }
        };
        let Some(root) = parsed.value else {
            self.push(empty_document(TextRange::new(0, text.len())));
            return None;
        };
        let Value::Object(root) = root else {
            self.push(wrong_type(range_of(&root), Text::new("the policy", "ポリシー"), object(), &root));
            return None;
        };
        self.check_size(text, quota);
        Some(self.policy(&root))
    }

    fn check_size(&mut self, text: &str, quota: usize) {
        // IAM does not count whitespace ("IAM and AWS STS quotas"); STS counts every character of
        // an inline session policy ("AssumeRole", STS API reference, `Policy`).
        let size = if self.kind == PolicyKind::Session {
            text.chars().count()
        } else {
            text.chars().filter(|c| !c.is_whitespace()).count()
        };
        if size > quota {
            self.push(policy_too_large(TextRange::new(0, text.len().min(1)), self.kind, size, quota));
        }
    }

    fn policy(&mut self, root: &Object) -> Policy {
        self.check_element_names(&root.properties, &POLICY_ELEMENTS, Container::Policy);
        let version = match root.get("Version") {
            None => {
                self.push(missing_version(range_of(&root.range)));
                PolicyVersion::Missing
            }
            Some(prop) => match &prop.value {
                Value::StringLit(lit) if lit.value == "2012-10-17" => PolicyVersion::V2012_10_17,
                Value::StringLit(lit) if lit.value == "2008-10-17" => {
                    self.push(old_version(range_of(&lit.range)));
                    PolicyVersion::V2008_10_17
                }
                other => {
                    self.push(invalid_version(range_of(other), &value_text(other)));
                    PolicyVersion::Missing
                }
            },
        };
        let id = root.get("Id").and_then(|prop| self.string(&prop.value, "Id"));
        let mut statements = Vec::new();
        let mut any = false;
        for prop in props(root, "Statement") {
            any = true;
            match &prop.value {
                Value::Object(object) => {
                    let index = statements.len();
                    statements.push(self.statement(object, index, version));
                }
                Value::Array(array) => {
                    for element in &array.elements {
                        match element {
                            Value::Object(object) => {
                                let index = statements.len();
                                statements.push(self.statement(object, index, version));
                            }
                            other => self.push(wrong_type(
                                range_of(other),
                                Text::new("a statement", "ステートメント"),
                                object(),
                                other,
                            )),
                        }
                    }
                    if array.elements.is_empty() {
                        self.push(empty_statement_list(range_of(&array.range)));
                    }
                }
                other => self.push(wrong_type(range_of(other), code("Statement"), object_or_array(), other)),
            }
        }
        if !any {
            self.push(missing_element(
                DiagnosticCode::MissingStatement,
                range_of(&root.range),
                "Statement",
                Container::Policy,
            ));
        }
        self.check_duplicate_sids(&statements);
        Policy { kind: self.kind, version, id, statements, range: range_of(&root.range) }
    }

    fn check_element_names(&mut self, properties: &[ObjectProp], known: &[&str], container: Container) {
        let mut seen: HashMap<&str, TextRange> = HashMap::new();
        for prop in properties {
            let name = prop.name.as_str();
            let range = prop_name_range(prop);
            if seen.insert(name, range).is_some() {
                self.push(duplicate_element(range, name, container));
            }
            if !known.contains(&name) {
                let suggestion = suggest::closest(name, known.iter().copied());
                self.push(unknown_element(range, name, container, suggestion));
            }
        }
    }

    fn check_duplicate_sids(&mut self, statements: &[Statement]) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for statement in statements {
            if let Some(sid) = &statement.sid {
                if sid.value.is_empty() {
                    continue;
                }
                if let Some(first) = seen.insert(sid.value.as_str(), statement.index) {
                    self.push(duplicate_sid(sid.range, &sid.value, first));
                }
            }
        }
    }

    fn string(&mut self, value: &Value, element: &str) -> Option<Spanned<String>> {
        match value {
            Value::StringLit(lit) => Some(Spanned { value: lit.value.to_string(), range: range_of(&lit.range) }),
            other => {
                self.push(wrong_type(range_of(other), code(element), string(), other));
                None
            }
        }
    }

    /// A string or an array of strings.
    fn string_list(&mut self, value: &Value, element: &str) -> Vec<Spanned<String>> {
        match value {
            Value::StringLit(_) => self.string(value, element).into_iter().collect(),
            Value::Array(array) => {
                if array.elements.is_empty() {
                    self.push(empty_list(range_of(&array.range), element));
                }
                array.elements.iter().filter_map(|v| self.string(v, element)).collect()
            }
            other => {
                self.push(wrong_type(range_of(other), code(element), string_or_array(), other));
                Vec::new()
            }
        }
    }

    fn statement(&mut self, object: &Object, index: usize, version: PolicyVersion) -> Statement {
        let range = range_of(&object.range);
        self.check_element_names(&object.properties, &STATEMENT_ELEMENTS, Container::Statement);
        let sid = object.get("Sid").and_then(|prop| self.string(&prop.value, "Sid"));
        if let Some(sid) = &sid {
            if !sid.value.chars().all(|c| c.is_ascii_alphanumeric()) && self.kind != PolicyKind::Resource {
                self.push(sid_characters(sid.range, &sid.value));
            }
        }
        // A duplicated `Effect` is an error; policies saved before IAM refused it observe the last
        // one ("Troubleshooting IAM policies"), which is what an evaluation of it does too.
        let effect = match props(object, "Effect").last() {
            None => {
                self.push(missing_element(DiagnosticCode::MissingEffect, range, "Effect", Container::Statement));
                None
            }
            Some(prop) => match &prop.value {
                Value::StringLit(lit) if lit.value == "Allow" => Some(Effect::Allow),
                Value::StringLit(lit) if lit.value == "Deny" => Some(Effect::Deny),
                other => {
                    self.push(invalid_effect(range_of(other), &value_text(other)));
                    None
                }
            },
        };
        let principal = self.principal_element(object, range);
        let action = self.list_element(object, "Action", "NotAction", range);
        let resource = self.list_element(object, "Resource", "NotResource", range);
        if let Some(action) = &action {
            self.check_actions(action);
        }
        match (&resource, self.kind) {
            (Some(resource), PolicyKind::Trust) => self.push(resource_in_trust(resource.range)),
            (Some(resource), _) => self.check_resources(resource),
            (None, kind) if kind.requires_resource() => {
                self.push(missing_element(DiagnosticCode::MissingResource, range, "Resource", Container::Statement).with_help(
                    Text::new(
                        "add `\"Resource\": \"*\"` or the ARNs the statement is about; `NotResource` also works",
                        "`\"Resource\": \"*\"` か、ステートメントが対象とする ARN を追加してください。`NotResource` でも構いません",
                    ),
                ))
            }
            (None, _) => {}
        }
        let mut conditions = Vec::new();
        let mut operators_seen: Vec<&str> = Vec::new();
        for prop in props(object, "Condition") {
            let more = self.conditions(&prop.value, &mut operators_seen);
            if conditions.is_empty() {
                conditions = more;
            } else {
                conditions.extend(more);
            }
        }
        let statement = Statement { index, sid, effect, principal, action, resource, conditions, range };
        self.lint_statement(&statement, version);
        statement
    }

    /// `Action`/`NotAction` or `Resource`/`NotResource`. A duplicated element is an error; policies
    /// saved before IAM refused it combine the copies into one list ("Troubleshooting IAM
    /// policies"), which is what an evaluation of it does too.
    fn list_element(
        &mut self,
        object: &Object,
        positive: &str,
        negative: &str,
        statement: TextRange,
    ) -> Option<ListElement> {
        let chosen = match (object.get(positive), object.get(negative)) {
            (Some(_), Some(n)) => {
                self.push(both_elements(prop_name_range(n), positive, negative));
                (positive, false)
            }
            (Some(_), None) => (positive, false),
            (None, Some(_)) => (negative, true),
            (None, None) => {
                if positive == "Action" {
                    self.push(missing_element(
                        DiagnosticCode::MissingAction,
                        statement,
                        "Action",
                        Container::Statement,
                    ));
                }
                return None;
            }
        };
        let (name, negated) = chosen;
        let mut patterns: Vec<Spanned<String>> = Vec::new();
        let mut range: Option<TextRange> = None;
        for prop in props(object, name) {
            let more = self.string_list(&prop.value, name);
            if patterns.is_empty() {
                patterns = more;
            } else {
                patterns.extend(more);
            }
            let this = range_of(&prop.range);
            range =
                Some(range.map_or(this, |r: TextRange| TextRange::new(r.start.min(this.start), r.end.max(this.end))));
        }
        let compiled = patterns
            .iter()
            .map(|p| match positive {
                "Action" => CompiledPattern::Action(Glob::new(&p.value.to_ascii_lowercase())),
                _ if variables::has_variables(&p.value) => CompiledPattern::WithVariables,
                _ => CompiledPattern::Resource(ArnGlob::new(&p.value)),
            })
            .collect();
        Some(ListElement { negated, patterns, compiled, range: range.unwrap_or(statement) })
    }

    fn check_actions(&mut self, action: &ListElement) {
        for pattern in &action.patterns {
            let text = pattern.value.as_str();
            if text == "*" {
                continue;
            }
            let Some((service, name)) = text.split_once(':') else {
                self.push(malformed_action(pattern.range, text));
                continue;
            };
            if name.contains(':') {
                self.push(
                    malformed_action(pattern.range, text)
                        .with_aws_message("Actions/Condition can contain only one colon."),
                );
                continue;
            }
            if service.contains(['*', '?']) {
                self.push(wildcard_service(pattern.range, text));
                continue;
            }
            if service.is_empty() || name.is_empty() || !service.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                self.push(malformed_action(pattern.range, text));
                continue;
            }
            if service.eq_ignore_ascii_case("iam") && name.to_ascii_lowercase().starts_with("assumerole") {
                self.push(iam_assume_role(pattern.range, text, self.kind));
                continue;
            }
            if self.kind == PolicyKind::Trust
                && !action.negated
                && !TRUST_ACTIONS.iter().any(|a| crate::matching::action_matches(text, a))
            {
                self.push(trust_action(pattern.range, text));
            }
        }
    }

    fn check_resources(&mut self, resource: &ListElement) {
        for pattern in &resource.patterns {
            let text = pattern.value.as_str();
            if text == "*" {
                continue;
            }
            if !text.starts_with("arn:") {
                self.push(malformed_arn(pattern.range, text));
                continue;
            }
            let parts: Vec<&str> = text.splitn(6, ':').collect();
            let complete = parts.len() == 6
                && parts.get(1).is_some_and(|p| !p.is_empty())
                && parts.get(2).is_some_and(|p| !p.is_empty());
            if !complete {
                self.push(incomplete_arn(pattern.range, text));
            }
        }
    }

    fn principal_element(&mut self, object: &Object, statement: TextRange) -> Option<PrincipalElement> {
        let chosen = match (object.get("Principal"), object.get("NotPrincipal")) {
            (Some(p), Some(n)) => {
                self.push(both_elements(prop_name_range(n), "Principal", "NotPrincipal"));
                Some((p, false))
            }
            (Some(p), None) => Some((p, false)),
            (None, Some(n)) => Some((n, true)),
            (None, None) => None,
        };
        let Some((prop, negated)) = chosen else {
            if self.kind.requires_principal() {
                self.push(missing_principal(statement, self.kind));
            }
            return None;
        };
        if !self.kind.allows_principal() {
            self.push(principal_not_allowed(prop_name_range(prop), prop.name.as_str(), self.kind));
        }
        let mut entries = Vec::new();
        match &prop.value {
            Value::StringLit(lit) if lit.value == "*" => entries.push(PrincipalEntry {
                principal_type: PrincipalType::Everyone,
                value: Spanned { value: "*".into(), range: range_of(&lit.range) },
            }),
            Value::Object(map) => {
                self.check_element_names(&map.properties, &PRINCIPAL_TYPES, Container::Principal);
                for entry in &map.properties {
                    let principal_type = match entry.name.as_str() {
                        "AWS" => PrincipalType::Aws,
                        "Service" => PrincipalType::Service,
                        "Federated" => PrincipalType::Federated,
                        "CanonicalUser" => PrincipalType::CanonicalUser,
                        _ => continue,
                    };
                    for value in self.string_list(&entry.value, entry.name.as_str()) {
                        self.check_principal_value(principal_type, &value);
                        entries.push(PrincipalEntry { principal_type, value });
                    }
                }
            }
            other => self.push(invalid_principal_format(range_of(other), &value_text(other))),
        }
        Some(PrincipalElement { negated, entries, range: range_of(&prop.range) })
    }

    fn check_principal_value(&mut self, principal_type: PrincipalType, value: &Spanned<String>) {
        let text = value.value.as_str();
        match principal_type {
            PrincipalType::Aws => {
                if text == "*" || (text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())) {
                    return;
                }
                if text.contains(['*', '?']) {
                    self.push(wildcard_in_principal(value.range, text));
                    return;
                }
                let parts: Vec<&str> = text.splitn(6, ':').collect();
                let well_formed = parts.len() == 6
                    && parts.first() == Some(&"arn")
                    && matches!(parts.get(2), Some(&"iam") | Some(&"sts"))
                    && parts.get(4).is_some_and(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()));
                if !well_formed {
                    self.push(malformed_principal(value.range, text));
                }
            }
            PrincipalType::Service => {
                if !text.ends_with(".amazonaws.com") && !text.ends_with(".amazonaws.com.cn") && text != "*" {
                    self.push(malformed_service_principal(value.range, text));
                }
            }
            PrincipalType::Federated => {
                if !is_federated_principal(text) {
                    self.push(malformed_federated_principal(value.range, text));
                }
            }
            PrincipalType::CanonicalUser | PrincipalType::Everyone => {}
        }
    }

    fn conditions<'a>(&mut self, value: &'a Value, operators_seen: &mut Vec<&'a str>) -> Vec<ConditionClause> {
        let Value::Object(block) = value else {
            self.push(wrong_type(range_of(value), code("Condition"), object(), value));
            return Vec::new();
        };
        let mut clauses = Vec::new();
        for operator_prop in &block.properties {
            let name = operator_prop.name.as_str();
            let operator_range = prop_name_range(operator_prop);
            if operators_seen.contains(&name) {
                self.push(duplicate_condition_operator(operator_range, name));
            } else {
                operators_seen.push(name);
            }
            let operator = ConditionOperator::parse(name);
            if let ConditionOperator::Unknown(_) = operator {
                self.push(unknown_operator(operator_range, name));
            }
            let Value::Object(keys) = &operator_prop.value else {
                let v = &operator_prop.value;
                self.push(wrong_type(
                    range_of(v),
                    code(name),
                    Text::new("an object of keys and values", "キーと値のオブジェクト"),
                    v,
                ));
                continue;
            };
            // Condition key names ignore case: the first spelling of each key.
            let mut keys_seen: Vec<&str> = Vec::new();
            for key_prop in &keys.properties {
                let key = Spanned { value: key_prop.name.as_str().to_string(), range: prop_name_range(key_prop) };
                match keys_seen.iter().find(|seen| seen.eq_ignore_ascii_case(&key.value)) {
                    Some(first) => self.push(duplicate_condition_key(key.range, &key.value, first, name)),
                    None => keys_seen.push(key_prop.name.as_str()),
                }
                let values = self.condition_values(&key_prop.value, &key.value);
                if let ConditionOperator::Known { base, .. } = &operator {
                    self.check_condition_values(*base, &values);
                }
                clauses.push(ConditionClause {
                    operator: Spanned { value: operator.clone(), range: operator_range },
                    key,
                    values,
                });
            }
        }
        clauses
    }

    fn condition_values(&mut self, value: &Value, key: &str) -> Vec<Spanned<String>> {
        let scalar = |value: &Value| -> Option<Spanned<String>> {
            let text = match value {
                Value::StringLit(lit) => lit.value.to_string(),
                Value::NumberLit(lit) => lit.value.to_string(),
                Value::BooleanLit(lit) => lit.value.to_string(),
                _ => return None,
            };
            Some(Spanned { value: text, range: range_of(value) })
        };
        match value {
            Value::Array(Array { elements, range }) => {
                if elements.is_empty() {
                    self.push(empty_list(range_of(range), key));
                }
                elements
                    .iter()
                    .filter_map(|element| {
                        let converted = scalar(element);
                        if converted.is_none() {
                            self.push(wrong_type(range_of(element), condition_value(), string(), element));
                        }
                        converted
                    })
                    .collect()
            }
            other => match scalar(other) {
                Some(value) => vec![value],
                None => {
                    self.push(wrong_type(range_of(other), condition_value(), string_or_array(), other));
                    Vec::new()
                }
            },
        }
    }

    fn check_condition_values(&mut self, base: OperatorBase, values: &[Spanned<String>]) {
        use OperatorBase::*;
        for value in values {
            let text = value.value.as_str();
            let ok = match base {
                NumericEquals
                | NumericNotEquals
                | NumericLessThan
                | NumericLessThanEquals
                | NumericGreaterThan
                | NumericGreaterThanEquals => condition::parse_number(text.trim()).is_some(),
                DateEquals
                | DateNotEquals
                | DateLessThan
                | DateLessThanEquals
                | DateGreaterThan
                | DateGreaterThanEquals => condition::parse_date(text).is_some() || text.contains("${"),
                Bool | Null => text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false"),
                IpAddress | NotIpAddress => condition::is_valid_cidr(text.trim()),
                _ => true,
            };
            if !ok {
                self.push(invalid_condition_value(value.range, text, base.name()));
            }
        }
    }

    fn lint_statement(&mut self, statement: &Statement, version: PolicyVersion) {
        match (&statement.principal, statement.effect) {
            // "AWS JSON policy elements: NotPrincipal": "You cannot use the NotPrincipal element in
            // an IAM identity-based policy nor in an IAM role trust policy" — whatever the effect.
            (Some(principal), _) if principal.negated && self.kind == PolicyKind::Trust => {
                self.push(not_principal_in_trust(principal.range));
            }
            (Some(principal), Some(Effect::Allow)) if principal.negated => {
                self.push(not_principal_with_allow(principal.range));
            }
            _ => {}
        }
        let passes_role = statement.action.as_ref().is_some_and(|a| {
            !a.negated && a.patterns.iter().any(|p| crate::matching::action_matches(&p.value, "iam:PassRole"))
        });
        if passes_role {
            for clause in &statement.conditions {
                let key = clause.key.value.to_ascii_lowercase();
                if key.starts_with("aws:resourcetag/") || key.starts_with("iam:resourcetag/") {
                    self.push(passrole_resource_tag(clause.key.range, &clause.key.value));
                }
            }
        }
        if !version.substitutes_variables() {
            let literal_variable = statement
                .resource
                .iter()
                .flat_map(|r| &r.patterns)
                .chain(statement.conditions.iter().flat_map(|c| &c.values))
                .find(|p| p.value.contains("${"));
            if let Some(pattern) = literal_variable {
                self.push(variable_in_old_version(pattern.range, &pattern.value));
            }
        }
    }
}

/// Whether `text` can name an identity provider under `Principal.Federated`: an IAM OIDC or SAML
/// provider ARN, or a provider named by its domain ("IAM JSON policy elements: Principal";
/// "Create a role for OpenID Connect federation").
pub fn is_federated_principal(text: &str) -> bool {
    if let Some(rest) = text.strip_prefix("arn:") {
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        let [_partition, service, region, account, resource] = parts.as_slice() else {
            return false;
        };
        let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
        let provider_ok = resource.strip_prefix("oidc-provider/").is_some_and(|p| !p.is_empty())
            || resource.strip_prefix("saml-provider/").is_some_and(|p| !p.is_empty());
        return *service == "iam" && region.is_empty() && account_ok && provider_ok;
    }
    !text.is_empty()
        && text.contains('.')
        && !text.contains(['*', '?', ' ', ':'])
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '_'))
}

fn value_text(value: &Value) -> String {
    match value {
        Value::StringLit(lit) => lit.value.to_string(),
        Value::NumberLit(lit) => lit.value.to_string(),
        Value::BooleanLit(lit) => lit.value.to_string(),
        other => json_type(other).to_string(),
    }
}

// One constructor per diagnostic, next to the checks above; codes, severities and AWS's words
// come from the table in `diagnostics`, the words in English and Japanese from here (a
// `Diagnostic` cannot be made without both).

use DiagnosticCode as Code;

/// The object an element belongs to, as the messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Policy,
    Statement,
    Principal,
}

impl Container {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Self::Policy => ("policy", "ポリシー"),
            Self::Statement => ("statement", "ステートメント"),
            Self::Principal => ("principal", "プリンシパル"),
        }
    }
}

/// A Japanese noun followed by a particle: a space after inline code or a closing parenthesis
/// (`\`Statement\` は`, `ロールの信頼ポリシー (trust policy) の`), none after a Japanese word.
fn ja_before_particle(noun: &str) -> String {
    if noun.ends_with(['`', ')']) {
        format!("{noun} ")
    } else {
        noun.to_string()
    }
}

/// A JSON value's type in Japanese ([`json_type`] is English).
fn json_type_ja(value: &Value) -> &'static str {
    match value {
        Value::StringLit(_) => "文字列",
        Value::NumberLit(_) => "数値",
        Value::BooleanLit(_) => "真偽値",
        Value::Object(_) => "オブジェクト",
        Value::Array(_) => "配列",
        Value::NullKeyword(_) => "null",
    }
}

fn did_you_mean(suggestion: &str) -> Text {
    Text::new(format!("did you mean `{suggestion}`?"), format!("`{suggestion}` のことですか？"))
}

fn use_version_2012() -> Text {
    Text::new("use `\"Version\": \"2012-10-17\"`", "`\"Version\": \"2012-10-17\"` を使ってください")
}

fn invalid_json(range: TextRange, reason: &str) -> Diagnostic {
    let reason = reason.trim_end_matches('.');
    let mut chars = reason.chars();
    let reason: String = match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_lowercase()).chain(chars).collect(),
        None => String::new(),
    };
    Diagnostic::new(
        Code::InvalidJson,
        range,
        Text::new(
            format!("invalid JSON: {reason}"),
            // The parser's own words are English: quoted as they are, marked as the parser's.
            format!("JSON として正しくありません（パーサーのメッセージ: {reason}）"),
        ),
    )
    .with_help(Text::new(
        "policies are strict JSON: double quotes, no comments, no trailing commas",
        "ポリシーは厳密な JSON です。文字列は二重引用符で囲み、コメントや末尾のカンマは書けません",
    ))
}

fn empty_document(range: TextRange) -> Diagnostic {
    Diagnostic::new(Code::EmptyPolicy, range, Text::new("the policy is empty", "ポリシーが空です")).with_help(
        Text::new(
            "start with `{\"Version\": \"2012-10-17\", \"Statement\": []}`",
            "`{\"Version\": \"2012-10-17\", \"Statement\": []}` から書き始めてください",
        ),
    )
}

/// `what` must be `expected`: both in English and Japanese; the type found is `value`'s.
fn wrong_type(range: TextRange, what: Text, expected: Text, value: &Value) -> Diagnostic {
    Diagnostic::new(
        Code::WrongType,
        range,
        Text::new(
            format!("{} must be {}, found {}", what.en, expected.en, json_type(value)),
            format!(
                "{}は{}でなければなりませんが、{}です",
                ja_before_particle(&what.ja),
                expected.ja,
                json_type_ja(value)
            ),
        ),
    )
}

fn policy_too_large(range: TextRange, kind: PolicyKind, size: usize, quota: usize) -> Diagnostic {
    let (counted, counted_ja) = if kind == PolicyKind::Session {
        ("every character counted", "すべての文字を数えます")
    } else {
        ("whitespace not counted", "空白は数えません")
    };
    let diagnostic = Diagnostic::new(
        Code::PolicyTooLarge,
        range,
        Text::new(
            format!("{} is {size} characters, over AWS's quota of {quota} ({counted})", kind.with_article()),
            format!(
                "{}は {size} 文字で、AWS のクォータ {quota} 文字を超えています ({counted_ja})",
                ja_before_particle(kind.aws_phrase_ja())
            ),
        ),
    )
    .with_help(Text::new(
        "split it into several policies or use wildcards to shorten it",
        "複数のポリシーに分けるか、ワイルドカードを使って短くしてください",
    ));
    // IAM's words for the quotas it names ("IAM and AWS STS quotas").
    match (kind, quota) {
        (PolicyKind::Trust, _) => {
            diagnostic.with_aws_message(format!("Cannot exceed quota for ACLSizePerRole: {quota}"))
        }
        (PolicyKind::Identity | PolicyKind::PermissionsBoundary, MANAGED_POLICY_QUOTA) => {
            diagnostic.with_aws_message(format!("Cannot exceed quota for PolicySize: {quota}"))
        }
        _ => diagnostic,
    }
}

fn missing_version(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        Code::MissingVersion,
        TextRange::new(range.start, range.start + 1),
        Text::new("the policy has no `Version`", "ポリシーに `Version` がありません"),
    )
    .with_help(Text::new(
        "add `\"Version\": \"2012-10-17\"`; without it, policy variables such as `${aws:username}` are literal text",
        "`\"Version\": \"2012-10-17\"` を追加してください。これがないと `${aws:username}` などのポリシー変数は書かれた文字のままになります",
    ))
}

fn old_version(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        Code::OldVersion,
        range,
        Text::new(
            "`2008-10-17` is the old policy language: policy variables are not substituted",
            "`2008-10-17` は古いポリシー言語で、ポリシー変数は置き換えられません",
        ),
    )
    .with_help(use_version_2012())
}

fn invalid_version(range: TextRange, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidVersion,
        range,
        Text::new(
            format!("`Version` must be `2012-10-17` or `2008-10-17`, found `{found}`"),
            format!("`Version` は `2012-10-17` か `2008-10-17` でなければなりませんが、`{found}` です"),
        ),
    )
    .with_help(use_version_2012())
}

fn missing_element(code: DiagnosticCode, range: TextRange, element: &str, container: Container) -> Diagnostic {
    let range = TextRange::new(range.start, range.start + 1);
    let (en, ja) = container.words();
    Diagnostic::new(
        code,
        range,
        Text::new(format!("the {en} has no `{element}`"), format!("{ja}に `{element}` がありません")),
    )
}

fn empty_statement_list(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        Code::EmptyStatement,
        range,
        Text::new(
            "the policy has no statements: it allows nothing",
            "ポリシーにステートメントがないため、何も許可しません",
        ),
    )
}

fn empty_list(range: TextRange, element: &str) -> Diagnostic {
    Diagnostic::new(
        Code::EmptyList,
        range,
        Text::new(format!("`{element}` has an empty list"), format!("`{element}` のリストが空です")),
    )
}

fn duplicate_element(range: TextRange, name: &str, container: Container) -> Diagnostic {
    let (en, ja) = container.words();
    Diagnostic::new(
        Code::DuplicateElement,
        range,
        Text::new(format!("`{name}` appears twice in the {en}"), format!("`{name}` が{ja}に 2 回あります")),
    )
    .with_help(Text::new(
        "keep one: IAM refuses a policy that repeats an element; put several values in one list instead",
        "1 つだけ残してください。IAM は要素を繰り返したポリシーを拒否します。複数の値は 1 つのリストにまとめてください",
    ))
}

fn duplicate_condition_operator(range: TextRange, operator: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateConditionOperator,
        range,
        Text::new(
            format!("the condition operator `{operator}` appears twice in the `Condition` block"),
            format!("条件演算子 `{operator}` が `Condition` ブロックに 2 回あります"),
        ),
    )
    .with_help(Text::new(
        format!("merge the keys into one `{operator}` block; Omen evaluates both copies, and both must hold"),
        format!(
            "キーを 1 つの `{operator}` ブロックにまとめてください。Omen は両方を評価し、両方が成り立つ必要があります"
        ),
    ))
}

fn duplicate_condition_key(range: TextRange, key: &str, first: &str, operator: &str) -> Diagnostic {
    let message = if key == first {
        Text::new(
            format!("the condition key `{key}` appears twice under `{operator}`"),
            format!("条件キー `{key}` が `{operator}` の下に 2 回あります"),
        )
    } else {
        Text::new(
            format!("the condition key `{key}` appears again under `{operator}` as `{first}`: key names ignore case"),
            format!("条件キー `{key}` は `{operator}` の下に `{first}` としてすでにあります。キー名は大文字と小文字を区別しません"),
        )
    };
    Diagnostic::new(Code::DuplicateConditionKey, range, message).with_help(Text::new(
        "list the values of one key in one array; Omen evaluates both copies, and both must hold",
        "1 つのキーの値は 1 つの配列に並べてください。Omen は両方を評価し、両方が成り立つ必要があります",
    ))
}

fn unknown_element(range: TextRange, name: &str, container: Container, suggestion: Option<&str>) -> Diagnostic {
    let (en, ja) = container.words();
    let diagnostic = Diagnostic::new(
        Code::UnknownElement,
        range,
        Text::new(format!("unknown {en} element `{name}`"), format!("{ja}に `{name}` という要素はありません")),
    );
    match suggestion {
        Some(suggestion) => diagnostic.with_help(did_you_mean(suggestion)),
        None => diagnostic,
    }
}

fn duplicate_sid(range: TextRange, sid: &str, first: usize) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateSid,
        range,
        Text::new(
            format!("the Sid `{sid}` is already used by statement #{}", first + 1),
            format!("Sid `{sid}` はステートメント #{} ですでに使われています", first + 1),
        ),
    )
    .with_help(Text::new("Sids must be unique within a policy", "Sid はポリシーの中で重複できません"))
}

fn sid_characters(range: TextRange, sid: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidSid,
        range,
        Text::new(
            format!("the Sid `{sid}` may hold only letters and digits"),
            format!("Sid `{sid}` に使えるのは英字と数字だけです"),
        ),
    )
    .with_help(Text::new("IAM accepts `[A-Za-z0-9]` in a Sid", "IAM が Sid に認めるのは `[A-Za-z0-9]` です"))
}

fn invalid_effect(range: TextRange, found: &str) -> Diagnostic {
    let help = match found.to_ascii_lowercase().as_str() {
        "allow" => Text::new("write `Allow` (capital A)", "`Allow` と書いてください (A は大文字)"),
        "deny" => Text::new("write `Deny` (capital D)", "`Deny` と書いてください (D は大文字)"),
        _ => Text::new("use `Allow` or `Deny`", "`Allow` か `Deny` を使ってください"),
    };
    Diagnostic::new(
        Code::InvalidEffect,
        range,
        Text::new(
            format!("`Effect` must be `Allow` or `Deny`, found `{found}`"),
            format!("`Effect` は `Allow` か `Deny` でなければなりませんが、`{found}` です"),
        ),
    )
    .with_help(help)
}

fn both_elements(range: TextRange, positive: &str, negative: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ConflictingElements,
        range,
        Text::new(
            format!("a statement cannot have both `{positive}` and `{negative}`"),
            format!("1 つのステートメントに `{positive}` と `{negative}` の両方は書けません"),
        ),
    )
    .with_help(Text::new(
        format!("keep `{positive}` or `{negative}`, not both"),
        format!("`{positive}` か `{negative}` のどちらか一方だけを残してください"),
    ))
}

fn malformed_action(range: TextRange, action: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MalformedAction,
        range,
        Text::new(format!("`{action}` is not an action"), format!("`{action}` はアクションではありません")),
    )
    .with_help(Text::new(
        "actions are written `service:Action`, such as `iam:PassRole` or `s3:Get*`",
        "アクションは `iam:PassRole` や `s3:Get*` のように `service:Action` の形で書きます",
    ))
}

fn wildcard_service(range: TextRange, action: &str) -> Diagnostic {
    malformed_action(range, action)
        .with_aws_message("Action vendors (e.g., aws, ec2, etc.) must not contain wildcards")
        .with_help(Text::new(
            "name the service: `s3:Get*`, not `*:Get*`",
            "サービスは名前で書いてください: `*:Get*` ではなく `s3:Get*`",
        ))
}

fn iam_assume_role(range: TextRange, action: &str, kind: PolicyKind) -> Diagnostic {
    let message = Text::new(
        format!("`{action}` does not exist: AssumeRole belongs to STS"),
        format!("`{action}` は存在しません: AssumeRole は STS のアクションです"),
    );
    let help = did_you_mean(&format!("sts:{}", action.split_once(':').map_or("AssumeRole", |(_, n)| n)));
    let code = if kind == PolicyKind::Trust { Code::IamAssumeRoleInTrust } else { Code::IamAssumeRole };
    Diagnostic::new(code, range, message).with_help(help)
}

fn trust_action(range: TextRange, action: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TrustAction,
        range,
        Text::new(
            format!("`{action}` has no effect in a trust policy"),
            format!("`{action}` は信頼ポリシーでは何の効果もありません"),
        ),
    )
    .with_help(Text::new(
        "a trust policy allows `sts:AssumeRole` (or `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`, `sts:TagSession`, `sts:SetSourceIdentity`)",
        "信頼ポリシーで許可するのは `sts:AssumeRole` (または `sts:AssumeRoleWithSAML`、`sts:AssumeRoleWithWebIdentity`、`sts:TagSession`、`sts:SetSourceIdentity`) です",
    ))
}

fn resource_in_trust(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        Code::ResourceInTrustPolicy,
        range,
        Text::new(
            "a trust policy cannot have `Resource`: the resource is the role itself",
            "信頼ポリシーには `Resource` を書けません。リソースはロールそのものです",
        ),
    )
    .with_help(Text::new("remove the `Resource` element", "`Resource` 要素を削除してください"))
}

fn malformed_arn(range: TextRange, arn: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MalformedArn,
        range,
        Text::new(format!("`{arn}` is not an ARN"), format!("`{arn}` は ARN ではありません")),
    )
    .with_aws_message(format!("Resource {arn} must be in ARN format or \"*\"."))
    .with_help(Text::new(
        "ARNs have six parts: `arn:partition:service:region:account:resource`, e.g. `arn:aws:iam::111122223333:role/MyRole`",
        "ARN は `arn:partition:service:region:account:resource` の 6 つの部分からなります。例: `arn:aws:iam::111122223333:role/MyRole`",
    ))
}

fn incomplete_arn(range: TextRange, arn: &str) -> Diagnostic {
    // "If the * wildcard is the last character of a resource ARN segment, it can expand to match
    // beyond the colon boundaries" (the current "IAM JSON policy elements: Resource"; an older
    // version said a wildcard cannot span segments).
    if matching::star_ends_segment(arn) {
        return Diagnostic::new(
            Code::IncompleteArn,
            range,
            Text::new(
                format!("`{arn}` has fewer than the six parts of an ARN: it matches only because a `*` that ends a part may reach past `:`, which AWS's pages have not always said"),
                format!("`{arn}` には ARN の 6 つの部分がそろっていません。一致するのは部分の末尾の `*` が `:` を越えて一致しうるからですが、AWS のページはいつもそう書いてきたわけではありません"),
            ),
        )
        .with_help(Text::new(
            "write all six parts, `arn:partition:service:region:account:resource`, e.g. `arn:aws:iam::*:user/*`",
            "6 つの部分 `arn:partition:service:region:account:resource` をすべて書いてください。例: `arn:aws:iam::*:user/*`",
        ));
    }
    Diagnostic::new(
        Code::IncompleteArn,
        range,
        Text::new(
            format!("`{arn}` has fewer than the six parts of an ARN: it matches no resource"),
            format!("`{arn}` には ARN の 6 つの部分がそろっておらず、どのリソースにも一致しません"),
        ),
    )
    .with_help(Text::new(
        "ARNs have six parts: `arn:partition:service:region:account:resource`; a wildcard covers one part, e.g. `arn:aws:iam::*:user/*`",
        "ARN は `arn:partition:service:region:account:resource` の 6 つの部分からなり、ワイルドカードは 1 つの部分に当たります。例: `arn:aws:iam::*:user/*`",
    ))
}

fn missing_principal(range: TextRange, kind: PolicyKind) -> Diagnostic {
    let range = TextRange::new(range.start, range.start + 1);
    let help = match kind {
        PolicyKind::Trust => Text::new(
            "name who may assume the role, e.g. `\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}`",
            "ロールを引き受けてよい相手を書いてください。例: `\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}`",
        ),
        _ => Text::new(
            "name who the statement applies to, e.g. `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}`",
            "ステートメントが誰に当てはまるかを書いてください。例: `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}`",
        ),
    };
    Diagnostic::new(
        Code::MissingPrincipal,
        range,
        Text::new(
            format!("a statement of {} must name a `Principal`", kind.with_article()),
            format!("{}のステートメントには `Principal` が必要です", ja_before_particle(kind.aws_phrase_ja())),
        ),
    )
    .with_help(help)
}

fn principal_not_allowed(range: TextRange, element: &str, kind: PolicyKind) -> Diagnostic {
    Diagnostic::new(
        Code::PrincipalNotAllowed,
        range,
        Text::new(
            format!("`{element}` is not allowed in {}", kind.with_article()),
            format!("{}には `{element}` を書けません", ja_before_particle(kind.aws_phrase_ja())),
        ),
    )
    .with_help(Text::new(
        "the principal of an identity-based policy is whoever it is attached to; remove the element",
        "アイデンティティベースのポリシーのプリンシパルは、ポリシーがアタッチされている相手です。この要素を削除してください",
    ))
}

fn invalid_principal_format(range: TextRange, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidPrincipalFormat,
        range,
        Text::new(
            format!("`Principal` must be `\"*\"` or an object, found `{found}`"),
            format!("`Principal` は `\"*\"` かオブジェクトでなければなりませんが、`{found}` です"),
        ),
    )
    .with_help(Text::new(
        "name principals by type, e.g. `{\"AWS\": \"arn:aws:iam::111122223333:root\"}` or `{\"Service\": \"ec2.amazonaws.com\"}`",
        "プリンシパルは種類ごとに書きます。例: `{\"AWS\": \"arn:aws:iam::111122223333:root\"}` や `{\"Service\": \"ec2.amazonaws.com\"}`",
    ))
}

/// IAM's words for a principal it cannot accept (seen in IAM's `MalformedPolicyDocument` answers).
fn invalid_principal_words(principal_type: &str, principal: &str) -> String {
    format!("Invalid principal in policy: \"{principal_type}\":\"{principal}\"")
}

fn malformed_principal(range: TextRange, principal: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MalformedPrincipal,
        range,
        Text::new(
            format!("`{principal}` is not a valid AWS principal"),
            format!("`{principal}` は AWS プリンシパルとして正しくありません"),
        ),
    )
    .with_aws_message(invalid_principal_words("AWS", principal))
    .with_help(Text::new(
        "use an account id (`111122223333`), `arn:aws:iam::111122223333:root`, or a user, role or assumed-role ARN",
        "アカウント ID (`111122223333`)、`arn:aws:iam::111122223333:root`、またはユーザー、ロール、引き受けたロール (assumed-role) の ARN を使ってください",
    ))
}

fn wildcard_in_principal(range: TextRange, principal: &str) -> Diagnostic {
    Diagnostic::new(
        Code::WildcardInPrincipal,
        range,
        Text::new(
            format!("wildcards are not allowed inside a principal ARN: `{principal}`"),
            format!("プリンシパルの ARN の中にワイルドカードは使えません: `{principal}`"),
        ),
    )
    .with_aws_message(invalid_principal_words("AWS", principal))
    .with_help(Text::new(
        "use `\"*\"` with an `ArnLike` condition on `aws:PrincipalArn` instead",
        "代わりに `\"*\"` と、`aws:PrincipalArn` に対する `ArnLike` 条件を使ってください",
    ))
}

fn malformed_federated_principal(range: TextRange, principal: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MalformedFederatedPrincipal,
        range,
        Text::new(
            format!("`{principal}` is not an identity provider"),
            format!("`{principal}` は ID プロバイダーではありません"),
        ),
    )
    .with_aws_message(invalid_principal_words("Federated", principal))
    .with_help(Text::new(
        "name an IAM OIDC provider (`arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`), a SAML provider (`arn:aws:iam::111122223333:saml-provider/NAME`) or `cognito-identity.amazonaws.com`, `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`",
        "IAM の OIDC プロバイダー (`arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`)、SAML プロバイダー (`arn:aws:iam::111122223333:saml-provider/NAME`)、または `cognito-identity.amazonaws.com`、`accounts.google.com`、`graph.facebook.com`、`www.amazon.com` を指定してください",
    ))
}

fn malformed_service_principal(range: TextRange, principal: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MalformedServicePrincipal,
        range,
        Text::new(
            format!("`{principal}` does not look like a service principal"),
            format!("`{principal}` はサービスプリンシパルの形ではありません"),
        ),
    )
    .with_help(Text::new(
        "service principals end in `.amazonaws.com`, e.g. `ec2.amazonaws.com`",
        "サービスプリンシパルは `ec2.amazonaws.com` のように `.amazonaws.com` で終わります",
    ))
}

fn unknown_operator(range: TextRange, name: &str) -> Diagnostic {
    let base = name.trim_start_matches("ForAllValues:").trim_start_matches("ForAnyValue:");
    let base = base.strip_suffix("IfExists").unwrap_or(base);
    if base == "Null" {
        // "IAM policy validation check reference", Error – Null with if exists.
        let (qualifier, qualifier_ja) = if name.ends_with("IfExists") {
            ("the `IfExists` suffix", "接尾辞 `IfExists` ")
        } else {
            ("a set qualifier", "集合演算子の接頭辞 (`ForAllValues:` / `ForAnyValue:`) ")
        };
        return Diagnostic::new(
            Code::UnknownOperator,
            range,
            Text::new(
                format!("`Null` cannot be used with {qualifier}: `{name}` is not an operator"),
                format!("`Null` には{qualifier_ja}を付けられません。`{name}` という演算子はありません"),
            ),
        )
        .with_help(Text::new(
            "use `Null` alone: `\"Null\": {\"key\": \"true\"}` tests that the key is absent",
            "`Null` を単独で使ってください。`\"Null\": {\"key\": \"true\"}` はキーがないことを確かめます",
        ));
    }
    let diagnostic = Diagnostic::new(
        Code::UnknownOperator,
        range,
        Text::new(format!("unknown condition operator `{name}`"), format!("`{name}` という条件演算子はありません")),
    );
    match ConditionOperator::suggestion(base) {
        Some(suggestion) => diagnostic.with_help(did_you_mean(suggestion)),
        None => diagnostic.with_help(Text::new(
            "see \"IAM JSON policy elements: Condition operators\" for the list",
            "演算子の一覧は \"IAM JSON policy elements: Condition operators\" を見てください",
        )),
    }
}

fn invalid_condition_value(range: TextRange, value: &str, operator: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidConditionValue,
        range,
        Text::new(
            format!("`{value}` is not a valid value for `{operator}`: it never matches"),
            format!("`{value}` は `{operator}` の値として正しくないため、決して一致しません"),
        ),
    )
}

fn not_principal_in_trust(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        Code::NotPrincipalInTrustPolicy,
        range,
        Text::new(
            "a role trust policy cannot use `NotPrincipal`",
            "ロールの信頼ポリシーでは `NotPrincipal` を使えません",
        ),
    )
    .with_help(Text::new(
        "name who may assume the role with `Principal`",
        "ロールを引き受けられるプリンシパルを `Principal` で指定してください",
    ))
}

fn not_principal_with_allow(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        Code::NotPrincipalAllow,
        range,
        Text::new(
            "`NotPrincipal` with `Allow` grants to everyone not listed, including anonymous users",
            "`NotPrincipal` と `Allow` を組み合わせると、列挙していない全員 (匿名ユーザーを含む) に許可を与えます",
        ),
    )
    .with_help(Text::new(
        "AWS recommends against it: name the principals with `Principal` instead",
        "AWS はこの書き方を勧めていません。代わりに `Principal` でプリンシパルを指定してください",
    ))
}

fn passrole_resource_tag(range: TextRange, key: &str) -> Diagnostic {
    Diagnostic::new(
        Code::PassroleResourceTag,
        range,
        Text::new(
            format!("`{key}` cannot reliably limit `iam:PassRole`"),
            format!("`{key}` では `iam:PassRole` を確実に制限できません"),
        ),
    )
    .with_help(Text::new(
        "AWS advises against ResourceTag conditions for PassRole; list the role ARNs in `Resource` and use `iam:PassedToService`",
        "AWS は PassRole に ResourceTag の条件を使わないよう勧めています。`Resource` にロールの ARN を並べ、`iam:PassedToService` を使ってください",
    ))
}

fn variable_in_old_version(range: TextRange, text: &str) -> Diagnostic {
    Diagnostic::new(
        Code::VariableNotSubstituted,
        range,
        Text::new(
            format!("`{text}` is literal text here: policy variables need `\"Version\": \"2012-10-17\"`"),
            format!(
                "`{text}` はここでは書かれた文字のままです。ポリシー変数には `\"Version\": \"2012-10-17\"` が必要です"
            ),
        ),
    )
    .with_help(Text::new(
        "add `\"Version\": \"2012-10-17\"` at the top of the policy",
        "ポリシーの先頭に `\"Version\": \"2012-10-17\"` を追加してください",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::render_with_source;
    use crate::lang::Lang;

    fn codes(text: &str, kind: PolicyKind) -> Vec<&'static str> {
        parse_policy(text, kind).diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn accepts_single_statement_and_string_forms() {
        let parsed = parse_policy(
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}"#,
            PolicyKind::Identity,
        );
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let policy = parsed.policy.unwrap_or_else(|| unreachable!());
        assert_eq!(policy.statements.len(), 1);
    }

    #[test]
    fn suggests_misspelled_elements() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Efect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
        let parsed = parse_policy(text, PolicyKind::Identity);
        let unknown = parsed.diagnostics.iter().find(|d| d.code == "unknown-element");
        assert_eq!(unknown.and_then(|d| d.help(Lang::En)), Some("did you mean `Effect`?"));
        assert_eq!(unknown.and_then(|d| d.help(Lang::Ja)), Some("`Effect` のことですか？"));
        assert_eq!(unknown.map(|d| d.message(Lang::Ja)), Some("ステートメントに `Efect` という要素はありません"));
        assert_eq!(unknown.map(|d| d.range.slice(text)), Some("\"Efect\""));
    }

    #[test]
    fn reports_invalid_json_position() {
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}";
        let parsed = parse_policy(text, PolicyKind::Identity);
        assert!(parsed.policy.is_none());
        let rendered = render_with_source(&parsed.diagnostics[0], text, Lang::En);
        assert!(rendered.contains(" --> 3:"), "{rendered}");
    }

    #[test]
    fn kind_specific_rules() {
        let with_principal = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#;
        assert!(codes(with_principal, PolicyKind::Identity).contains(&"principal-not-allowed"));
        let trust_without_principal =
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#;
        assert!(codes(trust_without_principal, PolicyKind::Trust).contains(&"missing-principal"));
        let trust_with_resource = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#;
        assert!(codes(trust_with_resource, PolicyKind::Trust).contains(&"resource-in-trust-policy"));
        let iam_assume = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"iam:AssumeRole"}]}"#;
        assert!(codes(iam_assume, PolicyKind::Trust).contains(&"iam-assume-role-in-trust"));
    }

    #[test]
    fn flags_unknown_operators_duplicate_sids_and_both_elements() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"A","Effect":"Deny","Action":"s3:*","NotAction":"s3:Get*","Resource":"*","Condition":{"StringEqual":{"aws:username":"x"}}},
            {"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
        let found = codes(text, PolicyKind::Identity);
        for code in ["unknown-operator", "duplicate-sid", "conflicting-elements"] {
            assert!(found.contains(&code), "{code} missing from {found:?}");
        }
    }

    #[test]
    fn counts_size_without_whitespace() {
        let statements: Vec<String> = (0..80)
            .map(|i| format!(r#"{{"Sid":"S{i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-{i}/*"}}"#))
            .collect();
        let text = format!(r#"{{"Version":"2012-10-17","Statement":[{}]}}"#, statements.join(","));
        assert!(codes(&text, PolicyKind::Identity).contains(&"policy-too-large"));
        let spaced = parse_policy_with_quota(&text.replace(',', ",\n        "), PolicyKind::Identity, 10_240);
        assert!(!spaced.has_errors());
    }
}

/// Every code of the diagnostics table fires on one policy and stays quiet on its fixed twin;
/// each save-time error carries AWS's answer.
#[cfg(test)]
mod code_tests {
    use super::*;
    use crate::diagnostics::{DiagnosticCode as C, Severity};
    use crate::lang::Lang;
    use std::collections::BTreeSet;

    /// A statement list wrapped in a 2012-10-17 policy.
    fn doc(statements: &str) -> String {
        format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#)
    }

    const READ: &str = r#"{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#;
    const TRUST: &str =
        r#"{"Sid":"Ec2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#;

    /// (code, kind, text that fires it, the same intent written so that it does not fire,
    /// words AWS answers with, if any).
    fn cases() -> Vec<(C, PolicyKind, String, String, Option<&'static str>)> {
        use PolicyKind::{Identity as I, Resource as R, Trust as T};
        let numbered = |n: usize| {
            doc(&(0..n).map(|i| READ.replace("\"Read\"", &format!("\"R{i}\""))).collect::<Vec<_>>().join(","))
        };
        vec![
            (C::InvalidJson, I, doc(&format!("{READ},")), doc(READ), Some("Syntax errors in policy.")),
            (C::EmptyPolicy, I, "  ".into(), doc(READ), Some("Syntax errors in policy.")),
            (C::WrongType, I, r#"{"Version":"2012-10-17","Statement":"x"}"#.into(), doc(READ), Some("Syntax errors in policy.")),
            (C::PolicyTooLarge, I, numbered(90), numbered(60), Some("Cannot exceed quota for PolicySize: 6144")),
            (C::MissingVersion, I, format!(r#"{{"Statement":[{READ}]}}"#), doc(READ), None),
            (C::OldVersion, I, format!(r#"{{"Version":"2008-10-17","Statement":[{READ}]}}"#), doc(READ), None),
            (C::InvalidVersion, I, format!(r#"{{"Version":"2012-10-18","Statement":[{READ}]}}"#), doc(READ), Some("Syntax errors in policy.")),
            (C::MissingStatement, I, r#"{"Version":"2012-10-17"}"#.into(), doc(READ), None),
            (C::EmptyStatement, I, doc(""), doc(READ), None),
            (C::MissingEffect, I, doc(r#"{"Action":"s3:GetObject","Resource":"*"}"#), doc(READ), None),
            (C::InvalidEffect, I, doc(&READ.replace("\"Allow\"", "\"allow\"")), doc(READ), None),
            (C::MissingAction, I, doc(r#"{"Effect":"Allow","Resource":"*"}"#), doc(READ), None),
            (C::MissingResource, I, doc(r#"{"Effect":"Allow","Action":"s3:GetObject"}"#), doc(READ), Some("Policy statement must contain resources.")),
            (C::MissingPrincipal, T, doc(r#"{"Effect":"Allow","Action":"sts:AssumeRole"}"#), doc(TRUST), None),
            (C::PrincipalNotAllowed, I, doc(&READ.replace("\"Effect\"", "\"Principal\":\"*\",\"Effect\"")), doc(READ), Some("Policy document should not specify a principal.")),
            (C::EmptyList, I, doc(&READ.replace("\"s3:GetObject\"", "[]")), doc(READ), None),
            (C::DuplicateElement, I, doc(&READ.replace("\"Effect\"", "\"Effect\":\"Deny\",\"Effect\"")), doc(READ), None),
            (C::DuplicateConditionOperator, I,
                doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"Bool":{"aws:ViaAWSService":"false"}}"#)),
                doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true","aws:ViaAWSService":"false"}}"#)), None),
            (C::DuplicateConditionKey, I,
                doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"StringEquals":{"aws:username":"a","AWS:UserName":"b"}}"#)),
                doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"StringEquals":{"aws:username":["a","b"]}}"#)), None),
            (C::UnknownElement, I, doc(&READ.replace("\"Effect\"", "\"Efect\":\"Allow\",\"Effect\"")), doc(READ), Some("Syntax errors in policy.")),
            (C::DuplicateSid, I, doc(&format!("{READ},{READ}")), doc(&format!("{READ},{}", READ.replace("\"Read\"", "\"Read2\""))), Some("The Statement Ids in the policy are not unique")),
            (C::InvalidSid, I, doc(&READ.replace("\"Read\"", "\"Read it\"")), doc(READ), Some("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*")),
            (C::ConflictingElements, I, doc(&READ.replace("\"Resource\"", "\"NotAction\":\"s3:Put*\",\"Resource\"")), doc(READ), None),
            (C::MalformedAction, I, doc(&READ.replace("s3:GetObject", "*:GetObject")), doc(READ), Some("Action vendors (e.g., aws, ec2, etc.) must not contain wildcards")),
            (C::IamAssumeRole, I, doc(&READ.replace("s3:GetObject", "iam:AssumeRole")), doc(&READ.replace("s3:GetObject", "sts:AssumeRole")), None),
            (C::IamAssumeRoleInTrust, T, doc(&TRUST.replace("sts:AssumeRole", "iam:AssumeRole")), doc(TRUST), None),
            (C::TrustAction, T, doc(&TRUST.replace("sts:AssumeRole", "s3:GetObject")), doc(TRUST), None),
            (C::ResourceInTrustPolicy, T, doc(&TRUST.replace("\"Action\"", "\"Resource\":\"*\",\"Action\"")), doc(TRUST), Some("Has prohibited field Resource")),
            (C::NotPrincipalInTrustPolicy, T, doc(&TRUST.replace("\"Principal\"", "\"NotPrincipal\"")), doc(TRUST), None),
            (C::MalformedArn, I, doc(&READ.replace("\"*\"", "\"my-bucket\"")), doc(&READ.replace("\"*\"", "\"arn:aws:s3:::my-bucket\"")), Some("Resource my-bucket must be in ARN format or \"*\".")),
            (C::IncompleteArn, I, doc(&READ.replace("\"*\"", "\"arn:aws:iam::*\"")), doc(&READ.replace("\"*\"", "\"arn:aws:iam::*:user/*\"")), None),
            (C::InvalidPrincipalFormat, R, doc(&READ.replace("\"Effect\"", "\"Principal\":\"111122223333\",\"Effect\"")), doc(&READ.replace("\"Effect\"", "\"Principal\":{\"AWS\":\"111122223333\"},\"Effect\"")), None),
            (C::MalformedPrincipal, T, doc(&TRUST.replace(r#"{"Service":"ec2.amazonaws.com"}"#, r#"{"AWS":"alice"}"#)), doc(&TRUST.replace(r#"{"Service":"ec2.amazonaws.com"}"#, r#"{"AWS":"arn:aws:iam::111122223333:user/alice"}"#)), Some("Invalid principal in policy: \"AWS\":\"alice\"")),
            (C::WildcardInPrincipal, T, doc(&TRUST.replace(r#"{"Service":"ec2.amazonaws.com"}"#, r#"{"AWS":"arn:aws:iam::111122223333:user/*"}"#)), doc(&TRUST.replace(r#"{"Service":"ec2.amazonaws.com"}"#, r#"{"AWS":"*"}"#)), Some("Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:user/*\"")),
            (C::MalformedFederatedPrincipal, T, doc(&TRUST.replace(r#"{"Service":"ec2.amazonaws.com"}"#, r#"{"Federated":"github actions"}"#).replace("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity")),
                doc(&TRUST.replace(r#"{"Service":"ec2.amazonaws.com"}"#, r#"{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}"#).replace("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity")),
                Some("Invalid principal in policy: \"Federated\":\"github actions\"")),
            (C::MalformedServicePrincipal, T, doc(&TRUST.replace("ec2.amazonaws.com", "ec2")), doc(TRUST), None),
            (C::UnknownOperator, I, doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"NullIfExists":{"aws:TokenIssueTime":"true"}}"#)),
                doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}"#)), None),
            (C::InvalidConditionValue, I, doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}"#)),
                doc(&READ.replace("\"Resource\":\"*\"", r#""Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10"}}"#)), None),
            (C::NotPrincipalAllow, R, doc(&READ.replace("\"Effect\"", "\"NotPrincipal\":{\"AWS\":\"111122223333\"},\"Effect\"")), doc(&READ.replace("\"Effect\"", "\"Principal\":{\"AWS\":\"111122223333\"},\"Effect\"")), None),
            (C::PassroleResourceTag, I, doc(r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}}"#),
                doc(r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}"#), None),
            (C::VariableNotSubstituted, I, format!(r#"{{"Version":"2008-10-17","Statement":[{}]}}"#, READ.replace("\"*\"", "\"arn:aws:s3:::b/${aws:username}/*\"")),
                doc(&READ.replace("\"*\"", "\"arn:aws:s3:::b/${aws:username}/*\"")), None),
        ]
    }

    #[test]
    fn every_code_fires_and_stays_quiet() {
        let cases = cases();
        let covered: BTreeSet<C> = cases.iter().map(|c| c.0).collect();
        for code in C::ALL {
            assert!(covered.contains(code), "no firing/quiet case for `{code}`");
        }
        for (code, kind, firing, quiet, aws) in &cases {
            let fired = parse_policy(firing, *kind);
            let found = fired.diagnostics.iter().find(|d| d.code == code.as_str());
            let Some(found) = found else {
                panic!("`{code}` did not fire on {firing}: {:?}", fired.diagnostics);
            };
            assert_eq!(found.severity, code.severity(), "{code}");
            assert_eq!(found.is_refusal(), code.severity() == Severity::Error, "{code}");
            if let Some(words) = aws {
                let refusal = found.refusal.as_ref().map(|r| r.aws_text()).unwrap_or_default();
                assert!(refusal.ends_with(words), "`{code}`: AWS's words `{words}` missing from `{refusal}`");
            }
            let quiet_codes: Vec<&str> = parse_policy(quiet, *kind).diagnostics.iter().map(|d| d.code).collect();
            assert!(!quiet_codes.contains(&code.as_str()), "`{code}` fired on its quiet twin {quiet}: {quiet_codes:?}");
        }
    }

    /// Whether `text` holds Japanese (kana or kanji), not only ASCII and punctuation.
    fn has_japanese(text: &str) -> bool {
        text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
    }

    /// Every code says its message, and its help when it has one, in Japanese too.
    #[test]
    fn every_code_speaks_japanese() {
        for (code, kind, firing, _, _) in &cases() {
            let fired = parse_policy(firing, *kind);
            for found in fired.diagnostics.iter().filter(|d| d.code == code.as_str()) {
                let (en, ja) = (found.message(Lang::En), found.message(Lang::Ja));
                assert!(has_japanese(ja) && ja != en, "`{code}` has no Japanese message: {ja}");
                if let Some(help) = found.help(Lang::En) {
                    let ja = found.help(Lang::Ja).unwrap_or_default();
                    assert!(has_japanese(ja) && ja != help, "`{code}` has no Japanese help: {ja}");
                }
            }
        }
    }

    /// The Japanese words of a few codes, as a Japanese engineer reads them.
    #[test]
    fn japanese_words_of_a_few_codes() {
        let said = |text: &str, kind, code: C| {
            let parsed = parse_policy(text, kind);
            let found = parsed.diagnostics.iter().find(|d| d.code == code.as_str()).cloned();
            found.map(|d| (d.message.ja, d.help.map(|h| h.ja))).unwrap_or_default()
        };
        let both = doc(&READ.replace("\"Resource\"", "\"NotAction\":\"s3:Put*\",\"Resource\""));
        assert_eq!(
            said(&both, PolicyKind::Identity, C::ConflictingElements),
            (
                "1 つのステートメントに `Action` と `NotAction` の両方は書けません".to_string(),
                Some("`Action` か `NotAction` のどちらか一方だけを残してください".to_string())
            )
        );
        let principal = doc(&READ.replace("\"Effect\"", "\"Principal\":\"*\",\"Effect\""));
        assert_eq!(
            said(&principal, PolicyKind::Identity, C::PrincipalNotAllowed).0,
            "アイデンティティベースのポリシーには `Principal` を書けません"
        );
        let trust = doc(r#"{"Effect":"Allow","Action":"sts:AssumeRole"}"#);
        assert_eq!(
            said(&trust, PolicyKind::Trust, C::MissingPrincipal).0,
            "ロールの信頼ポリシー (trust policy) のステートメントには `Principal` が必要です"
        );
        let wrong = r#"{"Version":"2012-10-17","Statement":"x"}"#;
        assert_eq!(
            said(wrong, PolicyKind::Identity, C::WrongType).0,
            "`Statement` はオブジェクトか配列でなければなりませんが、文字列です"
        );
        let comma = doc(&format!("{READ},"));
        assert!(said(&comma, PolicyKind::Identity, C::InvalidJson)
            .0
            .starts_with("JSON として正しくありません（パーサーのメッセージ: "));
    }

    /// STS counts every character of a session policy; IAM does not count whitespace.
    #[test]
    fn session_policies_count_whitespace() {
        let spaced = doc(&vec![READ; 20].join(",\n                                                          "));
        let spaced = spaced.replace("\"Read\"", "\"R\"");
        assert!(spaced.len() > 2_048 && spaced.chars().filter(|c| !c.is_whitespace()).count() < 2_048);
        let codes = |kind| parse_policy(&spaced, kind).diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        assert!(codes(PolicyKind::Session).contains(&"policy-too-large"));
        assert!(!codes(PolicyKind::Trust).contains(&"policy-too-large"));
    }
}
