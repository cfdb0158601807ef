//! Request cases as JSON — the format `omen eval` reads and the corpus tests are written in —
//! and their outcomes as JSON. Lenient on input (unknown fields ignored), never panics.
//!
//! Policy documents are read from the case's own text (its JSON syntax tree, with ranges), never
//! through a JSON map, so a document
//! decides the same whether it is written as a JSON object or as a string, and a duplicated key
//! is diagnosed instead of silently dropped. A case whose policies AWS would refuse to save
//! ("Troubleshooting IAM policies") is not decided: its outcome is [`CaseOutcome::Failed`] with
//! the refusal in AWS's words, unless [`OutcomeOptions::evaluate_invalid`] asks to evaluate it
//! anyway, for teaching "what would happen".

use crate::context::RequestContext;
use crate::diagnostics::{Diagnostic, LineIndex, TextRange};
use crate::evaluate::{
    evaluate, is_iam_action, AttachedPolicy, DecidingStatement, Decision, PolicyEvaluation, PolicyId, PolicySet,
    Request, Response, Rule,
};
use crate::explain;
use crate::lang::{Lang, Text};
use crate::parse::{parse_policy_with_quota, MANAGED_POLICY_QUOTA, ROLE_INLINE_QUOTA, STRICT_JSON, USER_INLINE_QUOTA};
use crate::policy::PolicyKind;
use crate::principal::RequestPrincipal;
use jsonc_parser::ast::{Object, Value as Json};
use jsonc_parser::common::Ranged;
use jsonc_parser::CollectOptions;
use serde::de::IgnoredAny;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::HashMap;

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

pub use crate::evaluate::PolicyRefusal;

/// Why a case has no decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseError {
    /// The case itself cannot be read (not JSON, no principal, …).
    Unreadable(String),
    /// One of its policies is one AWS would refuse to save.
    Refused(Box<PolicyRefusal>),
}

impl CaseError {
    /// The error message: Omen's words for an unreadable case, AWS's for a refused policy.
    pub fn message(&self) -> String {
        match self {
            Self::Unreadable(message) => message.clone(),
            Self::Refused(refusal) => refusal.message(),
        }
    }
}

/// A case that could not be read, with whatever diagnostics its policies produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFailure {
    /// What went wrong.
    pub error: CaseError,
    /// Diagnostics of the policies read before the failure.
    pub diagnostics: Vec<PolicyDiagnostic>,
}

impl CaseFailure {
    fn unreadable(message: impl Into<String>) -> Self {
        Self { error: CaseError::Unreadable(message.into()), diagnostics: Vec::new() }
    }
}

/// What a case produced, as `omen eval` prints it: a decision, or the reason there is none. A
/// failure cannot pose as a decision; both print with the same fields (`decision` is `error` for
/// a failure, with an `error` message).
#[derive(Debug, Clone)]
pub enum CaseOutcome {
    /// The case was evaluated.
    Decided(Box<DecidedCase>),
    /// The case could not be evaluated.
    Failed(Box<FailedCase>),
}

/// An evaluated case.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecidedCase {
    /// The case's name.
    pub name: String,
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    pub decision: Decision,
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
    /// Set when a policy AWS would refuse to save was evaluated anyway (`--evaluate-invalid`):
    /// AWS never makes this decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluated_invalid: Option<PolicyRefusal>,
}

/// A case that could not be evaluated.
#[derive(Debug, Clone)]
pub struct FailedCase {
    /// The case's name.
    pub name: String,
    /// Why.
    pub error: CaseError,
    /// The explanation, one sentence a line (for a refused policy).
    pub explanation: Vec<String>,
    /// Diagnostics of the case's policies.
    pub diagnostics: Vec<PolicyDiagnostic>,
}

/// The printed shape of a failure: the fields of a decision, empty, with `decision: "error"`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FailedCaseJson<'f> {
    name: &'f str,
    decision: &'static str,
    deciding_statements: [(); 0],
    missing_context_keys: [(); 0],
    rules: [(); 0],
    explanation: &'f [String],
    diagnostics: &'f [PolicyDiagnostic],
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refused_policy: Option<&'f PolicyRefusal>,
}

impl Serialize for FailedCase {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let refused = match &self.error {
            CaseError::Refused(refusal) => Some(refusal.as_ref()),
            CaseError::Unreadable(_) => None,
        };
        FailedCaseJson {
            name: &self.name,
            decision: "error",
            deciding_statements: [],
            missing_context_keys: [],
            rules: [],
            explanation: &self.explanation,
            diagnostics: &self.diagnostics,
            error: self.error.message(),
            error_code: refused.map(|r| r.refusal.error_code),
            refused_policy: refused,
        }
        .serialize(serializer)
    }
}

impl Serialize for CaseOutcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Decided(decided) => decided.serialize(serializer),
            Self::Failed(failed) => failed.serialize(serializer),
        }
    }
}

impl CaseOutcome {
    /// An outcome for a case that could not be read.
    pub fn unreadable(name: String, message: String) -> Self {
        Self::Failed(Box::new(FailedCase {
            name,
            error: CaseError::Unreadable(message),
            explanation: Vec::new(),
            diagnostics: Vec::new(),
        }))
    }

    /// The case's name.
    pub fn name(&self) -> &str {
        match self {
            Self::Decided(decided) => &decided.name,
            Self::Failed(failed) => &failed.name,
        }
    }

    /// The decision, if the case was evaluated.
    pub fn decision(&self) -> Option<Decision> {
        match self {
            Self::Decided(decided) => Some(decided.decision),
            Self::Failed(_) => None,
        }
    }

    /// `allowed`, `explicitDeny`, `implicitDeny`, or `error`.
    pub fn decision_name(&self) -> &'static str {
        self.decision().map_or("error", Decision::as_str)
    }

    /// Why there is no decision.
    pub fn error(&self) -> Option<&CaseError> {
        match self {
            Self::Decided(_) => None,
            Self::Failed(failed) => Some(&failed.error),
        }
    }

    /// The statements that decided (none for a failure).
    pub fn deciding_statements(&self) -> &[DecidingStatement] {
        match self {
            Self::Decided(decided) => &decided.deciding_statements,
            Self::Failed(_) => &[],
        }
    }

    /// The AccessDenied text AWS would return (none when allowed, or for a failure).
    pub fn access_denied_message(&self) -> Option<&str> {
        match self {
            Self::Decided(decided) => decided.access_denied_message.as_deref(),
            Self::Failed(_) => None,
        }
    }

    /// The explanation, one sentence a line.
    pub fn explanation(&self) -> &[String] {
        match self {
            Self::Decided(decided) => &decided.explanation,
            Self::Failed(failed) => &failed.explanation,
        }
    }

    /// The diagnostics of the case's policies.
    pub fn diagnostics(&self) -> &[PolicyDiagnostic] {
        match self {
            Self::Decided(decided) => &decided.diagnostics,
            Self::Failed(failed) => &failed.diagnostics,
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
    /// Evaluate a case even when one of its policies is one AWS would refuse to save; the
    /// outcome is marked with `evaluatedInvalid`.
    pub evaluate_invalid: bool,
}

/// Evaluate one case given as JSON text and return its outcome as JSON text.
/// The output always parses; errors are reported in it, never raised.
pub fn evaluate_case_json(case_json: &str) -> String {
    let outcome =
        evaluate_case_text(case_json, OutcomeOptions { lang: Lang::En, trace: true, evaluate_invalid: false });
    serde_json::to_string(&outcome).unwrap_or_else(|_| String::from("{\"decision\":\"error\"}"))
}

/// Evaluate one case given as JSON text.
pub fn evaluate_case_text(text: &str, options: OutcomeOptions) -> CaseOutcome {
    match Case::from_text(text) {
        Ok(case) => decide(&case, options),
        Err(failure) => failed(case_name(text), failure, options.lang),
    }
}

/// Evaluate one case given as a JSON value (a value has already lost any duplicated key: prefer
/// [`evaluate_case_text`]).
pub fn evaluate_case_value(value: &Value, options: OutcomeOptions) -> CaseOutcome {
    evaluate_case_text(&value.to_string(), options)
}

/// Evaluate a case read with [`Case::from_text`]: refused unless `options.evaluate_invalid`.
pub fn decide(case: &Case, options: OutcomeOptions) -> CaseOutcome {
    let refusal = case.refusal();
    if let (Some(refusal), false) = (&refusal, options.evaluate_invalid) {
        let failure =
            CaseFailure { error: CaseError::Refused(Box::new(refusal.clone())), diagnostics: case.diagnostics.clone() };
        return failed(case.name.clone(), failure, options.lang);
    }
    let response = evaluate(&case.request, &case.policies);
    let mut decided = outcome(case, &response, options);
    if let (Some(refusal), CaseOutcome::Decided(decided)) = (refusal, &mut decided) {
        decided
            .explanation
            .insert(0, explain::evaluated_invalid(&refusal.policy, &refusal.refusal, &refusal.problem, options.lang));
        decided.evaluated_invalid = Some(refusal);
    }
    decided
}

fn failed(name: String, failure: CaseFailure, lang: Lang) -> CaseOutcome {
    let explanation = match &failure.error {
        CaseError::Refused(refusal) => {
            vec![explain::refused_policy(&refusal.policy, &refusal.refusal, &refusal.problem, lang)]
        }
        CaseError::Unreadable(_) => Vec::new(),
    };
    CaseOutcome::Failed(Box::new(FailedCase {
        name,
        error: failure.error,
        explanation,
        diagnostics: failure.diagnostics,
    }))
}

/// Render the outcome of an evaluated case.
pub fn outcome(case: &Case, response: &Response, options: OutcomeOptions) -> CaseOutcome {
    CaseOutcome::Decided(Box::new(DecidedCase {
        name: case.name.clone(),
        decision: response.decision,
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
        evaluated_invalid: None,
    }))
}

/// The case's `name`, when the text is a JSON object with one.
fn case_name(text: &str) -> String {
    let Ok(Some(Json::Object(root))) = parse_json(text) else {
        return String::new();
    };
    match root.get("name").map(|p| &p.value) {
        Some(Json::StringLit(name)) => name.value.to_string(),
        _ => String::new(),
    }
}

/// `text` as a strict JSON syntax tree (`None` for empty text).
fn parse_json(text: &str) -> Result<Option<Json<'_>>, String> {
    jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &STRICT_JSON)
        .map(|parsed| parsed.value)
        .map_err(|error| error.to_string())
}

/// The text a syntax-tree value was written as.
fn text_of<'t>(text: &'t str, value: &impl Ranged) -> &'t str {
    let range = value.range();
    text.get(range.start..range.end).unwrap_or_default()
}

/// The elements of a value that is one item or a list of them (`null`: none).
fn items<'j, 'a>(value: &'j Json<'a>) -> Vec<&'j Json<'a>> {
    match value {
        Json::Array(array) => array.elements.iter().collect(),
        Json::NullKeyword(_) => Vec::new(),
        other => vec![other],
    }
}

/// The fields of a case object, each once (a duplicated field is an error, never first- or
/// last-wins).
fn case_fields<'j, 'a>(root: &'j Object<'a>) -> Result<HashMap<&'j str, &'j Json<'a>>, String> {
    let mut fields = HashMap::new();
    for prop in &root.properties {
        if fields.insert(prop.name.as_str(), &prop.value).is_some() {
            return Err(format!("the case cannot be read: duplicate field `{}`", excerpt(prop.name.as_str(), 40)));
        }
    }
    Ok(fields)
}

/// At most `limit` characters of `text`, so that an error never echoes a huge input back whole.
pub fn excerpt(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((end, _)) => format!("{}… ({} bytes)", text.get(..end).unwrap_or_default(), text.len()),
        None => text.to_string(),
    }
}

impl Case {
    /// Read a case from its JSON form (see the README's "`omen eval` input format"). The value has
    /// already lost any duplicated key; prefer [`Case::from_text`].
    pub fn from_json(value: &Value) -> Result<Self, CaseFailure> {
        Self::from_text(&value.to_string())
    }

    /// Read a case from its JSON text (see the README's "`omen eval` input format").
    pub fn from_text(text: &str) -> Result<Self, CaseFailure> {
        let root = match parse_json(text) {
            Ok(Some(Json::Object(root))) => root,
            Ok(Some(other)) => {
                return Err(CaseFailure::unreadable(format!(
                    "a case must be a JSON object, found `{}`",
                    excerpt(text_of(text, &other).trim(), 40)
                )))
            }
            Ok(None) => return Err(CaseFailure::unreadable("the case is empty")),
            Err(error) => return Err(CaseFailure::unreadable(format!("the case is not valid JSON: {error}"))),
        };
        let fields = case_fields(&root).map_err(CaseFailure::unreadable)?;
        let string = |key: &str| -> Result<Option<String>, CaseFailure> {
            match fields.get(key) {
                None | Some(Json::NullKeyword(_)) => Ok(None),
                Some(Json::StringLit(value)) => Ok(Some(value.value.to_string())),
                Some(_) => Err(CaseFailure::unreadable(format!("the case's `{key}` must be a string"))),
            }
        };
        let name = string("name")?.unwrap_or_default();
        let principal_text =
            string("principal")?.ok_or_else(|| CaseFailure::unreadable("the case has no `principal`"))?;
        let action = string("action")?.ok_or_else(|| CaseFailure::unreadable("the case has no `action`"))?;
        let resource = string("resource")?.unwrap_or_else(|| "*".into());
        let resource_account = string("resourceAccount")?;
        let management_account = string("managementAccount")?;
        let principal =
            RequestPrincipal::parse(&principal_text).map_err(|error| CaseFailure::unreadable(error.to_string()))?;
        let context_value =
            fields.get("context").and_then(|value| serde_json::from_str::<Value>(text_of(text, *value)).ok());
        let context = read_context(context_value.as_ref());
        let mut request = Request::new(principal, action, resource, resource_account, context);
        request.derive_temporary_credential_keys();
        request.derive_requested_region_of_iam_call();

        let resource_kind = if request.is_decided_by_trust_policy() { PolicyKind::Trust } else { PolicyKind::Resource };
        // IAM's one resource-based policy is a role's trust policy: another given with an IAM
        // action is ignored, with a warning ("Identity-based policies and resource-based policies").
        let iam_action =
            (resource_kind == PolicyKind::Resource && is_iam_action(&request.action)).then(|| request.action.clone());
        let mut reader = PolicyReader { text, iam_action, diagnostics: Vec::new(), fatal: Vec::new() };
        let list = |key: &str| fields.get(key).map(|value| items(value)).unwrap_or_default();
        let single = |key: &str| fields.get(key).copied().filter(|value| !matches!(value, Json::NullKeyword(_)));
        let identity = list("identityPolicies")
            .into_iter()
            .enumerate()
            .map(|(index, doc)| reader.read(doc, PolicyKind::Identity, index, None))
            .collect::<Vec<_>>();
        let permissions_boundary =
            single("permissionsBoundary").map(|doc| reader.read(doc, PolicyKind::PermissionsBoundary, 0, None));
        let session = list("sessionPolicy")
            .into_iter()
            .enumerate()
            .map(|(index, doc)| reader.read(doc, PolicyKind::Session, index, None))
            .collect::<Vec<_>>();
        let resource_policy = single("resourcePolicy").map(|doc| reader.read(doc, resource_kind, 0, None));
        let scps = single("scps").and_then(|levels| reader.levels(levels, PolicyKind::Scp));
        let rcps = single("rcps").and_then(|levels| reader.levels(levels, PolicyKind::Rcp));

        if let Some(error) = reader.fatal.into_iter().next() {
            return Err(CaseFailure { error, diagnostics: reader.diagnostics });
        }
        let flatten = |docs: Vec<Option<AttachedPolicy>>| docs.into_iter().flatten().collect::<Vec<_>>();
        let policies = PolicySet {
            identity: flatten(identity),
            permissions_boundary: permissions_boundary.flatten(),
            session: flatten(session),
            resource: resource_policy.flatten(),
            scps: scps.map(|levels| levels.into_iter().map(flatten).collect()),
            rcps: rcps.map(|levels| levels.into_iter().map(flatten).collect()),
            management_account,
        };
        Ok(Self { name, request, policies, diagnostics: reader.diagnostics })
    }

    /// The first policy AWS would refuse to save, in the order the case lists them.
    pub fn refusal(&self) -> Option<PolicyRefusal> {
        self.diagnostics.iter().find_map(|d| PolicyRefusal::from_diagnostic(&d.policy, &d.diagnostic))
    }
}

/// Read `{key: value | [values]}`; booleans and numbers become their text.
pub fn read_context(value: Option<&Value>) -> RequestContext {
    value.map(RequestContext::from_json).unwrap_or_default()
}

/// The text of `raw` without whitespace outside strings: the JSON a client sends for an object.
fn compact(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in raw.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

struct PolicyReader<'t> {
    text: &'t str,
    /// The request's action when it is an IAM action: a resource-based policy read is then
    /// flagged `resource-policy-on-iam-action`.
    iam_action: Option<String>,
    diagnostics: Vec<PolicyDiagnostic>,
    fatal: Vec<CaseError>,
}

impl PolicyReader<'_> {
    /// SCP or RCP levels: a list of levels, each a list of documents (anything but a list: no
    /// Organizations).
    fn levels(&mut self, levels: &Json, kind: PolicyKind) -> Option<Vec<Vec<Option<AttachedPolicy>>>> {
        let Json::Array(levels) = levels else {
            return None;
        };
        Some(
            levels
                .elements
                .iter()
                .enumerate()
                .map(|(level, docs)| {
                    items(docs)
                        .into_iter()
                        .enumerate()
                        .map(|(index, doc)| self.read(doc, kind, index, Some(level)))
                        .collect()
                })
                .collect(),
        )
    }

    /// Read a policy document: an object, a JSON string, or `{"name", "policy", "type"}` where the
    /// optional `type` (`userInline`, `roleInline`, `managed`) picks AWS's size quota.
    fn read(&mut self, doc: &Json, kind: PolicyKind, index: usize, level: Option<usize>) -> Option<AttachedPolicy> {
        let mut name = None;
        let mut quota = kind.size_quota();
        let mut document = doc;
        if let Json::Object(object) = doc {
            if let (Some(policy), None) = (object.get("policy"), object.get("Statement")) {
                if let Some(Json::StringLit(value)) = object.get("name").map(|p| &p.value) {
                    name = Some(value.value.to_string());
                }
                quota = match object.get("type").map(|p| &p.value) {
                    Some(Json::StringLit(t)) if t.value == "userInline" => USER_INLINE_QUOTA,
                    Some(Json::StringLit(t)) if t.value == "roleInline" => ROLE_INLINE_QUOTA,
                    Some(Json::StringLit(t)) if t.value == "managed" => MANAGED_POLICY_QUOTA,
                    _ => quota,
                };
                document = &policy.value;
            }
        }
        let text = match document {
            Json::StringLit(value) => value.value.to_string(),
            // STS counts every character of a session policy: an object has no whitespace of its
            // own, only the case file's layout, so it is measured as a client would send it.
            Json::Object(_) if kind == PolicyKind::Session => compact(text_of(self.text, document)),
            Json::Object(_) => text_of(self.text, document).to_string(),
            other => {
                self.fatal.push(CaseError::Unreadable(format!(
                    "{} {index}: a policy must be a JSON object or string, found `{}`",
                    kind.as_str(),
                    excerpt(text_of(self.text, other), 40)
                )));
                return None;
            }
        };
        let id = PolicyId { kind, index, level, name: name.unwrap_or_else(|| default_name(kind, index, level)) };
        let parsed = parse_policy_with_quota(&text, kind, quota);
        let lines = LineIndex::new(&text);
        let ignored = match (&self.iam_action, &parsed.policy) {
            (Some(action), Some(policy)) if kind == PolicyKind::Resource => {
                Some(resource_policy_on_iam_action(action, policy.range))
            }
            _ => None,
        };
        for diagnostic in parsed.diagnostics.iter().chain(&ignored) {
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
                // Unreadable text: the first diagnostic is a save-time error with AWS's answer.
                let refusal = parsed.diagnostics.first().and_then(|d| PolicyRefusal::from_diagnostic(&id, d));
                self.fatal.push(match refusal {
                    Some(refusal) => CaseError::Refused(Box::new(refusal)),
                    None => CaseError::Unreadable(format!("{} `{}` cannot be read", kind.as_str(), id.name)),
                });
                None
            }
        }
    }
}

/// The warning on a resource-based policy given with the IAM action `action`: IAM has no
/// resource-based policy but a role's trust policy ("Identity-based policies and resource-based
/// policies", IAM User Guide), so the evaluator does not consult it. The same code a world's flows
/// give such a policy.
fn resource_policy_on_iam_action(action: &str, range: TextRange) -> Diagnostic {
    Diagnostic::warning(
        "resource-policy-on-iam-action",
        range,
        Text::new(
            format!(
                "IAM has no resource-based policies except a role's trust policy: this resource-based policy is ignored for `{action}`"
            ),
            format!(
                "IAM のリソースベースのポリシーはロールの信頼ポリシー (trust policy) だけです。このリソースベースのポリシーは `{action}` では無視されます"
            ),
        ),
    )
    .with_help(Text::new(
        "allow the action in the caller's identity-based policies, or remove this policy; a role's trust policy is given with `sts:AssumeRole`",
        "アクションは呼び出し元のアイデンティティベースのポリシーで許可するか、このポリシーを削除してください。ロールの信頼ポリシーは `sts:AssumeRole` と一緒に渡します",
    ))
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

/// The cases of one input as JSON values (see [`read_case_texts`]; a value has already lost any
/// duplicated key, which is enough for benchmarks and tests that build their own cases).
pub fn read_cases(input: &str) -> Vec<Result<Value, String>> {
    read_case_texts(input)
        .into_iter()
        .map(|case| case.and_then(|text| serde_json::from_str(text).map_err(|e| format!("a case is not JSON: {e}"))))
        .collect()
}

/// The cases of one input: a JSON array, one case object, `{"cases": [...]}`, or JSON Lines.
/// Each item is the text of one case, or an error message for a line that is not JSON.
pub fn read_case_texts(input: &str) -> Vec<Result<&str, String>> {
    match parse_json(input) {
        Ok(Some(Json::Array(cases))) => return cases.elements.iter().map(|case| Ok(text_of(input, case))).collect(),
        Ok(Some(Json::Object(root))) => {
            if let (Some(cases), None) = (root.get("cases"), root.get("principal")) {
                return match &cases.value {
                    Json::Array(cases) => cases.elements.iter().map(|case| Ok(text_of(input, case))).collect(),
                    _ => vec![Err("`cases` must be an array of cases".to_string())],
                };
            }
            return vec![Ok(input.trim())];
        }
        Ok(Some(_)) => return vec![Ok(input.trim())],
        Ok(None) => return Vec::new(),
        Err(_) => {}
    }
    let lines: Vec<(usize, &str)> = input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).collect();
    if lines.len() <= 1 {
        return match serde_json::from_str::<IgnoredAny>(input) {
            Ok(_) => vec![Ok(input.trim())],
            Err(error) => vec![Err(format!("the input is not JSON: {error}"))],
        };
    }
    lines
        .into_iter()
        .map(|(i, line)| match serde_json::from_str::<IgnoredAny>(line) {
            Ok(_) => Ok(line.trim()),
            Err(e) => Err(format!("line {} is not JSON: {e}", i + 1)),
        })
        .collect()
}
