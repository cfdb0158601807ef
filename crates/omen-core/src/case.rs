//! Request cases as JSON — the format `omen eval` reads and the corpus tests are written in —
//! and their outcomes as JSON. Lenient on input (unknown fields ignored), never panics.

use crate::context::RequestContext;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::evaluate::{
    evaluate, AttachedPolicy, DecidingStatement, PolicyEvaluation, PolicyId, PolicySet, Request, Response, Rule,
};
use crate::explain::{self, Lang};
use crate::parse::{parse_policy_with_quota, MANAGED_POLICY_QUOTA, ROLE_INLINE_QUOTA, USER_INLINE_QUOTA};
use crate::policy::PolicyKind;
use crate::principal::RequestPrincipal;
use serde::Serialize;
use serde_json::Value;

/// A request case ready to evaluate: the request, its policies, and the policies' texts.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's name.
    pub name: String,
    /// The request.
    pub request: Request,
    /// The policies.
    pub policies: PolicySet,
    /// Diagnostics of every policy, located by policy.
    pub diagnostics: Vec<PolicyDiagnostic>,
}

/// A diagnostic located in one of a case's policies, with its line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDiagnostic {
    /// Which policy.
    #[serde(flatten)]
    pub policy: PolicyId,
    /// The diagnostic.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// 1-based line of the range's start.
    pub line: usize,
    /// 1-based column (UTF-16) of the range's start.
    pub column: usize,
    /// The range in UTF-16 code units, as browser editors count.
    pub utf16_range: Utf16Range,
}

/// A half-open range in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Utf16Range {
    /// First code unit.
    pub start: usize,
    /// One past the last code unit.
    pub end: usize,
}

/// What a case produced, as `omen eval` prints it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseOutcome {
    /// The case's name.
    pub name: String,
    /// `allowed`, `explicitDeny`, `implicitDeny` or `error`.
    pub decision: String,
    /// The policy type that denied, for denials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denied_by: Option<PolicyKind>,
    /// The statements that decided.
    pub deciding_statements: Vec<DecidingStatement>,
    /// Context keys the conditions needed but the request did not carry.
    pub missing_context_keys: Vec<String>,
    /// AWS's AccessDenied message, when denied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_denied_message: Option<String>,
    /// The logic steps that decided.
    pub rules: Vec<Rule>,
    /// The explanation, one sentence a line.
    pub explanation: Vec<String>,
    /// Diagnostics of the case's policies.
    pub diagnostics: Vec<PolicyDiagnostic>,
    /// Every policy as evaluated (only with `trace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<PolicyEvaluation>>,
    /// The decoded authorization message (only with `trace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decoded_message: Option<Value>,
    /// Why the case could not be evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl CaseOutcome {
    /// An outcome for a case that could not be evaluated.
    pub fn error(name: String, error: String, diagnostics: Vec<PolicyDiagnostic>) -> Self {
        Self {
            name,
            decision: "error".into(),
            denied_by: None,
            deciding_statements: Vec::new(),
            missing_context_keys: Vec::new(),
            access_denied_message: None,
            rules: Vec::new(),
            explanation: Vec::new(),
            diagnostics,
            policies: None,
            decoded_message: None,
            error: Some(error),
        }
    }
}

/// How to render outcomes.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutcomeOptions {
    /// Language of the explanation.
    pub lang: Lang,
    /// Include every policy's statement-by-statement trace and the decoded message.
    pub trace: bool,
}

/// Evaluate one case given as JSON text and return its outcome as JSON text.
/// The output always parses; errors are reported in it, never raised.
pub fn evaluate_case_json(case_json: &str) -> String {
    let outcome = match serde_json::from_str::<Value>(case_json) {
        Ok(value) => evaluate_case_value(&value, OutcomeOptions { lang: Lang::En, trace: true }),
        Err(error) => CaseOutcome::error(String::new(), format!("the case is not valid JSON: {error}"), Vec::new()),
    };
    serde_json::to_string(&outcome).unwrap_or_else(|_| String::from("{\"decision\":\"error\"}"))
}

/// Evaluate one case given as a JSON value.
pub fn evaluate_case_value(value: &Value, options: OutcomeOptions) -> CaseOutcome {
    let name = value.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
    match Case::from_json(value) {
        Ok(case) => {
            let response = evaluate(&case.request, &case.policies);
            outcome(&case, &response, options)
        }
        Err((error, diagnostics)) => CaseOutcome::error(name, error, diagnostics),
    }
}

/// Render the outcome of an evaluated case.
pub fn outcome(case: &Case, response: &Response, options: OutcomeOptions) -> CaseOutcome {
    CaseOutcome {
        name: case.name.clone(),
        decision: response.decision.as_str().to_string(),
        denied_by: response.denied_by,
        deciding_statements: response.deciding_statements(),
        missing_context_keys: response.missing_context_keys.clone(),
        access_denied_message: explain::access_denied_message(&case.request, response),
        rules: response.rules.clone(),
        explanation: explain::explain(&case.request, response, options.lang),
        diagnostics: case.diagnostics.clone(),
        policies: options.trace.then(|| response.policies.clone()),
        decoded_message: options
            .trace
            .then(|| explain::decoded_authorization_message(&case.request, response, &case.policies)),
        error: None,
    }
}

type CaseError = (String, Vec<PolicyDiagnostic>);

impl Case {
    /// Read a case from its JSON form (see the README's "`omen eval` input format").
    pub fn from_json(value: &Value) -> Result<Self, CaseError> {
        let no_diagnostics = |message: String| (message, Vec::new());
        let Value::Object(fields) = value else {
            return Err(no_diagnostics("a case must be a JSON object".into()));
        };
        let name = fields.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
        let text = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_string);
        let principal_text = text("principal").ok_or_else(|| no_diagnostics("the case has no `principal`".into()))?;
        let action = text("action").ok_or_else(|| no_diagnostics("the case has no `action`".into()))?;
        let resource = text("resource").unwrap_or_else(|| "*".into());
        let principal = RequestPrincipal::parse(&principal_text).map_err(no_diagnostics)?;
        let context = read_context(fields.get("context"));
        let request = Request::new(principal, action, resource, text("resourceAccount"), context);

        let resource_kind = if request.is_decided_by_trust_policy() { PolicyKind::Trust } else { PolicyKind::Resource };
        let mut reader = PolicyReader::default();
        let identity = list(fields.get("identityPolicies"))
            .iter()
            .enumerate()
            .map(|(index, doc)| reader.read(doc, PolicyKind::Identity, index, None))
            .collect::<Vec<_>>();
        let permissions_boundary = fields
            .get("permissionsBoundary")
            .filter(|v| !v.is_null())
            .map(|doc| reader.read(doc, PolicyKind::PermissionsBoundary, 0, None));
        let session = match fields.get("sessionPolicy") {
            Some(Value::Array(docs)) => {
                docs.iter().enumerate().map(|(i, doc)| reader.read(doc, PolicyKind::Session, i, None)).collect()
            }
            Some(Value::Null) | None => Vec::new(),
            Some(doc) => vec![reader.read(doc, PolicyKind::Session, 0, None)],
        };
        let resource_policy =
            fields.get("resourcePolicy").filter(|v| !v.is_null()).map(|doc| reader.read(doc, resource_kind, 0, None));
        let mut levels = |key: &str, kind: PolicyKind| -> Option<Vec<Vec<Option<AttachedPolicy>>>> {
            let Some(Value::Array(levels)) = fields.get(key) else {
                return None;
            };
            Some(
                levels
                    .iter()
                    .enumerate()
                    .map(|(level, docs)| {
                        list(Some(docs))
                            .iter()
                            .enumerate()
                            .map(|(i, doc)| reader.read(doc, kind, i, Some(level)))
                            .collect()
                    })
                    .collect(),
            )
        };
        let scps = levels("scps", PolicyKind::Scp);
        let rcps = levels("rcps", PolicyKind::Rcp);

        if let Some(error) = reader.fatal.first() {
            return Err((error.clone(), reader.diagnostics));
        }
        let flatten = |docs: Vec<Option<AttachedPolicy>>| docs.into_iter().flatten().collect::<Vec<_>>();
        let policies = PolicySet {
            identity: flatten(identity),
            permissions_boundary: permissions_boundary.flatten(),
            session: flatten(session),
            resource: resource_policy.flatten(),
            scps: scps.map(|levels| levels.into_iter().map(flatten).collect()),
            rcps: rcps.map(|levels| levels.into_iter().map(flatten).collect()),
            management_account: text("managementAccount"),
        };
        Ok(Self { name, request, policies, diagnostics: reader.diagnostics })
    }
}

fn list(value: Option<&Value>) -> Vec<Value> {
    match value {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    }
}

/// Read `{key: value | [values]}`; booleans and numbers become their text.
pub fn read_context(value: Option<&Value>) -> RequestContext {
    let mut context = RequestContext::new();
    if let Some(Value::Object(entries)) = value {
        for (key, value) in entries {
            match value {
                Value::Array(items) => context.insert_list(key, items.iter().filter_map(scalar_text).collect()),
                other => context.insert(key, scalar_text(other).into_iter().collect()),
            }
        }
    }
    context
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[derive(Default)]
struct PolicyReader {
    diagnostics: Vec<PolicyDiagnostic>,
    fatal: Vec<String>,
}

impl PolicyReader {
    /// Read a policy document: an object, a JSON string, or `{"name", "policy", "type"}` where the
    /// optional `type` (`userInline`, `roleInline`, `managed`) picks AWS's size quota.
    fn read(&mut self, doc: &Value, kind: PolicyKind, index: usize, level: Option<usize>) -> Option<AttachedPolicy> {
        let (name, quota, doc) = match doc {
            Value::Object(fields) if fields.contains_key("policy") && !fields.contains_key("Statement") => (
                fields.get("name").and_then(Value::as_str).map(str::to_string),
                match fields.get("type").and_then(Value::as_str) {
                    Some("userInline") => USER_INLINE_QUOTA,
                    Some("roleInline") => ROLE_INLINE_QUOTA,
                    Some("managed") => MANAGED_POLICY_QUOTA,
                    _ => kind.size_quota(),
                },
                fields.get("policy").unwrap_or(&Value::Null),
            ),
            other => (None, kind.size_quota(), other),
        };
        let text = match doc {
            Value::String(text) => text.clone(),
            Value::Object(_) => serde_json::to_string_pretty(doc).unwrap_or_default(),
            other => {
                self.fatal.push(format!(
                    "{} {index}: a policy must be a JSON object or string, found {other}",
                    kind.as_str()
                ));
                return None;
            }
        };
        let id = PolicyId { kind, index, level, name: name.unwrap_or_else(|| default_name(kind, index, level)) };
        let parsed = parse_policy_with_quota(&text, kind, quota);
        let lines = LineIndex::new(&text);
        for diagnostic in &parsed.diagnostics {
            let position = lines.position(diagnostic.range.start);
            let end = lines.position(diagnostic.range.end);
            self.diagnostics.push(PolicyDiagnostic {
                policy: id.clone(),
                diagnostic: diagnostic.clone(),
                line: position.line,
                column: position.column,
                utf16_range: Utf16Range { start: position.utf16_offset, end: end.utf16_offset },
            });
        }
        match parsed.policy {
            Some(policy) => Some(AttachedPolicy { id, policy }),
            None => {
                let reason = parsed.diagnostics.first().map_or_else(|| "unreadable".to_string(), |d| d.message.clone());
                self.fatal.push(format!("{} `{}` cannot be read: {reason}", kind.as_str(), id.name));
                None
            }
        }
    }
}

fn default_name(kind: PolicyKind, index: usize, level: Option<usize>) -> String {
    match (kind, level) {
        (PolicyKind::Trust, _) => "trust policy".into(),
        (PolicyKind::Resource, _) => "resource policy".into(),
        (PolicyKind::PermissionsBoundary, _) => "permissions boundary".into(),
        (_, Some(level)) => format!("{}-L{level}-{index}", kind.as_str()),
        _ => format!("{}-{index}", kind.as_str()),
    }
}

/// Read the cases of one input: a JSON array, one case object, `{"cases": [...]}`, or JSON Lines.
/// Each item is a case value, or an error message for a line that is not JSON.
pub fn read_cases(input: &str) -> Vec<Result<Value, String>> {
    match serde_json::from_str::<Value>(input) {
        Ok(Value::Array(cases)) => cases.into_iter().map(Ok).collect(),
        Ok(Value::Object(object)) => match object.get("cases") {
            Some(Value::Array(cases)) => cases.iter().cloned().map(Ok).collect(),
            _ => vec![Ok(Value::Object(object))],
        },
        Ok(other) => vec![Err(format!("expected a case object or an array of cases, found {other}"))],
        Err(whole_error) => {
            let lines: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
            if lines.len() <= 1 {
                return vec![Err(format!("the input is not JSON: {whole_error}"))];
            }
            lines
                .into_iter()
                .enumerate()
                .map(|(i, line)| {
                    serde_json::from_str::<Value>(line).map_err(|e| format!("line {} is not JSON: {e}", i + 1))
                })
                .collect()
        }
    }
}
