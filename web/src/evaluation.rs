//! The request case handed to omen-core, built from the scenario, and its outcome read back.
//!
//! Both sides use omen-core's JSON case format (the one `omen eval` and the corpus use), so the
//! page depends on that documented contract rather than on the evaluator's internal types.

use omen_core::case::{evaluate_case_value, OutcomeOptions};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::i18n::Lang;
use crate::state::Scenario;

/// How the request was decided.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    /// Some statement allowed it and nothing denied it.
    Allowed,
    /// A `Deny` statement matched.
    ExplicitDeny,
    /// Nothing allowed it.
    ImplicitDeny,
    /// The request could not be evaluated (or the response was not understood).
    #[default]
    #[serde(other)]
    Error,
}

impl Decision {
    /// Whether the request goes through.
    pub fn is_allowed(self) -> bool {
        self == Decision::Allowed
    }

    /// The name omen-core uses, also written into the page for tests and styles.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicitDeny",
            Decision::ImplicitDeny => "implicitDeny",
            Decision::Error => "error",
        }
    }
}

/// A statement that produced the decision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DecidingStatement {
    /// Which kind of policy holds it (`identity`, `resource`, …).
    pub policy_type: String,
    /// Which policy of that kind, from 0.
    pub policy_index: usize,
    /// Which statement of the policy, from 0.
    pub statement_index: usize,
    /// The statement's `Sid`, when it has one.
    pub sid: Option<String>,
    /// `Allow` or `Deny`.
    pub effect: String,
}

/// A problem found in a policy, located in the text the user typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Diagnostic {
    /// Which kind of policy it is in.
    pub policy_type: String,
    /// Which policy of that kind, from 0.
    pub policy_index: usize,
    /// `error`, `warning`, …
    pub severity: String,
    /// A stable code naming the problem.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Line of the start of the problem, from 1.
    pub line: Option<u32>,
    /// Column of the start of the problem, from 1.
    pub column: Option<u32>,
}

/// What omen-core decided about the scenario, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Verdict {
    /// The decision.
    pub decision: Decision,
    /// The statements that produced it.
    pub deciding_statements: Vec<DecidingStatement>,
    /// Problems found in the policies.
    pub diagnostics: Vec<Diagnostic>,
    /// The decision explained, one step a line.
    pub explanation: Vec<String>,
    /// The AccessDenied message AWS would return, when denied.
    pub access_denied_message: Option<String>,
    /// Context keys a condition asked for that the request did not carry.
    pub missing_context_keys: Vec<String>,
    /// Why the request could not be evaluated, when the decision is `error`.
    pub error: Option<String>,
    /// Whether the role's trust policy took part (not part of omen-core's response).
    #[serde(skip)]
    pub trust_policy_evaluated: bool,
}

impl Verdict {
    /// A verdict that only carries an error.
    fn error(message: String) -> Self {
        Verdict { decision: Decision::Error, error: Some(message), ..Verdict::default() }
    }
}

/// Whether a request with this action is decided by the role's trust policy too: the
/// `sts:AssumeRole` family, where the trust policy is the role's resource-based policy (the same
/// three actions omen-core's `Request::is_assume_role` names).
pub fn evaluates_trust_policy(action: &str) -> bool {
    const ASSUME_ROLE: [&str; 3] = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];
    let action = action.trim();
    ASSUME_ROLE.iter().any(|name| name.eq_ignore_ascii_case(action))
}

/// The request case, in omen-core's JSON form. Policies travel as the strings the user typed so
/// that diagnostics point into them; blank editors are left out.
pub fn case_value(scenario: &Scenario) -> Value {
    let mut case = Map::new();
    case.insert("name".into(), json!("playground"));
    case.insert("principal".into(), json!(scenario.principal.trim()));
    case.insert("action".into(), json!(scenario.action.trim()));
    case.insert("resource".into(), json!(scenario.resource.trim()));

    let identity: Vec<&str> =
        Some(scenario.identity_policy.as_str()).filter(|text| !text.trim().is_empty()).into_iter().collect();
    case.insert("identityPolicies".into(), json!(identity));

    if evaluates_trust_policy(&scenario.action) && !scenario.trust_policy.trim().is_empty() {
        case.insert("resourcePolicy".into(), json!(scenario.trust_policy));
    }

    let mut context = Map::new();
    let service = scenario.passed_to_service.trim();
    if !service.is_empty() {
        context.insert("iam:PassedToService".into(), json!(service));
    }
    case.insert("context".into(), Value::Object(context));

    Value::Object(case)
}

/// Reads omen-core's outcome in its JSON form; one that cannot be read becomes an error verdict.
pub fn read_outcome(outcome: Value) -> Verdict {
    serde_json::from_value(outcome)
        .unwrap_or_else(|err| Verdict::error(format!("unreadable outcome from omen-core: {err}")))
}

/// Evaluates the scenario with omen-core, explained in `lang`.
pub fn evaluate(scenario: &Scenario, lang: Lang) -> Verdict {
    let lang = match lang {
        Lang::En => omen_core::explain::Lang::En,
        Lang::Ja => omen_core::explain::Lang::Ja,
    };
    let outcome = evaluate_case_value(&case_value(scenario), OutcomeOptions { lang, trace: false });
    let verdict = match serde_json::to_value(&outcome) {
        Ok(outcome) => read_outcome(outcome),
        Err(err) => Verdict::error(format!("unwritable outcome from omen-core: {err}")),
    };
    Verdict { trust_policy_evaluated: evaluates_trust_policy(&scenario.action), ..verdict }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passrole_case_carries_the_identity_policy_and_the_service() {
        let value = case_value(&Scenario::default());
        assert_eq!(value["action"], "iam:PassRole");
        assert_eq!(value["principal"], "arn:aws:iam::111122223333:user/alice");
        assert_eq!(value["identityPolicies"][0], crate::state::DEFAULT_IDENTITY_POLICY);
        assert_eq!(value["context"]["iam:PassedToService"], "ec2.amazonaws.com");
        assert!(value.get("resourcePolicy").is_none(), "a trust policy does not decide PassRole");
    }

    #[test]
    fn assume_role_case_carries_the_trust_policy() {
        let scenario = Scenario { action: " STS:AssumeRole ".into(), ..Scenario::default() };
        let value = case_value(&scenario);
        assert_eq!(value["action"], "STS:AssumeRole");
        assert_eq!(value["resourcePolicy"], crate::state::DEFAULT_TRUST_POLICY);
    }

    #[test]
    fn blank_inputs_are_left_out() {
        let scenario =
            Scenario { identity_policy: "  \n".into(), passed_to_service: " ".into(), ..Scenario::default() };
        let value = case_value(&scenario);
        assert_eq!(value["identityPolicies"], json!([]));
        assert_eq!(value["context"], json!({}));
    }

    #[test]
    fn reads_a_full_outcome() {
        let verdict = read_outcome(json!({
            "name": "playground",
            "decision": "explicitDeny",
            "decidingStatements": [{"policyType": "identity", "policyIndex": 0, "statementIndex": 1,
                "sid": "NoPass", "effect": "Deny", "range": {"start": 3, "end": 9}}],
            "diagnostics": [{"policyType": "identity", "policyIndex": 0, "severity": "warning",
                "code": "unknown-action", "message": "unknown action `iam:PasRole`",
                "help": "did you mean `iam:PassRole`?", "range": {"start": 1, "end": 2}, "line": 4, "column": 7}],
            "explanation": ["a Deny matched"],
            "accessDeniedMessage": "User: alice is not authorized",
            "missingContextKeys": ["aws:SourceIp"]
        }));
        assert_eq!(verdict.decision, Decision::ExplicitDeny);
        assert_eq!(verdict.deciding_statements[0].sid.as_deref(), Some("NoPass"));
        assert_eq!(verdict.diagnostics[0].line, Some(4));
        assert_eq!(verdict.diagnostics[0].help.as_deref(), Some("did you mean `iam:PassRole`?"));
        assert_eq!(verdict.explanation, ["a Deny matched"]);
        assert_eq!(verdict.missing_context_keys, ["aws:SourceIp"]);
        assert!(verdict.access_denied_message.is_some());
    }

    #[test]
    fn unknown_decisions_and_garbage_are_errors() {
        assert_eq!(read_outcome(json!({"decision": "maybe"})).decision, Decision::Error);
        let verdict = read_outcome(json!("not an outcome"));
        assert_eq!(verdict.decision, Decision::Error);
        assert!(verdict.error.is_some_and(|message| message.contains("unreadable")));
    }

    #[test]
    fn passrole_needs_an_allow_for_passrole() {
        let denied = evaluate(&Scenario::default(), Lang::En);
        assert_eq!(denied.decision, Decision::ImplicitDeny, "{denied:?}");
        assert!(!denied.trust_policy_evaluated);
        assert!(denied.access_denied_message.is_some_and(|message| message.contains("iam:PassRole")));

        let identity_policy = r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/EC2-roles-for-*"}
        ]}"#;
        let allowed = evaluate(&Scenario { identity_policy: identity_policy.into(), ..Scenario::default() }, Lang::En);
        assert_eq!(allowed.decision, Decision::Allowed, "{allowed:?}");
        assert_eq!(allowed.deciding_statements.len(), 1);
    }

    #[test]
    fn assume_role_is_decided_by_the_trust_policy() {
        let scenario = Scenario { action: "sts:AssumeRole".into(), ..Scenario::default() };
        let verdict = evaluate(&scenario, Lang::En);
        assert!(verdict.trust_policy_evaluated);
        assert_ne!(verdict.decision, Decision::Allowed, "the trust policy names EC2, not alice: {verdict:?}");
    }

    #[test]
    fn diagnostics_carry_line_and_column() {
        let scenario = Scenario { identity_policy: "{\n  \"Statement\": 3\n}".into(), ..Scenario::default() };
        let verdict = evaluate(&scenario, Lang::En);
        let on_line_two = verdict.diagnostics.iter().find(|d| d.line == Some(2));
        assert!(on_line_two.is_some_and(|d| d.severity == "error" && d.column == Some(16)), "{verdict:?}");
    }

    #[test]
    fn explanations_follow_the_language() {
        let english = evaluate(&Scenario::default(), Lang::En);
        let japanese = evaluate(&Scenario::default(), Lang::Ja);
        assert!(!english.explanation.is_empty());
        assert_ne!(english.explanation, japanese.explanation);
    }
}
