//! The one place the workshop touches the rest of omen-core: playing a world
//! ([`crate::flow::play`]) and evaluating one request ([`crate::evaluate`]), turned into the
//! workshop's own plain types so that a change in the flow's types is adapted here alone.

use crate::case::Case;
use crate::evaluate::evaluate;
use crate::flow::{play, World};
use serde::Serialize;
use serde_json::Value;

pub use crate::evaluate::{PolicyEvaluation, PolicyResult, Response, Rule, StatementOutcome};
pub use crate::lang::{Lang, Text};
pub use crate::policy::{Effect, PolicyKind};

/// What a step or a request came to, in the words of the flow's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Allowed.
    Allowed,
    /// A Deny statement applied.
    ExplicitDeny,
    /// Nothing allowed it.
    ImplicitDeny,
    /// The service refused the call before any policy was read.
    Failed,
    /// AWS does not check this here.
    NotRequired,
    /// Not reached: an earlier step failed.
    Skipped,
    /// Information, not a decision.
    Info,
}

impl Verdict {
    /// Read `allowed`, `explicitDeny`, … as the flow writes them.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "allowed" => Self::Allowed,
            "explicitDeny" => Self::ExplicitDeny,
            "implicitDeny" => Self::ImplicitDeny,
            "failed" => Self::Failed,
            "notRequired" => Self::NotRequired,
            "skipped" => Self::Skipped,
            "info" => Self::Info,
            _ => return None,
        })
    }

    /// `allowed`, `explicitDeny`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::ExplicitDeny => "explicitDeny",
            Self::ImplicitDeny => "implicitDeny",
            Self::Failed => "failed",
            Self::NotRequired => "notRequired",
            Self::Skipped => "skipped",
            Self::Info => "info",
        }
    }

    /// Whether this stops a flow: a deny or a refusal.
    pub fn is_denial(self) -> bool {
        matches!(self, Self::ExplicitDeny | Self::ImplicitDeny | Self::Failed)
    }

    /// The verdict in words, in `lang`.
    pub fn words(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Self::Allowed) => "allowed",
            (Lang::En, Self::ExplicitDeny) => "denied explicitly",
            (Lang::En, Self::ImplicitDeny) => "denied (nothing allows it)",
            (Lang::En, Self::Failed) => "refused",
            (Lang::En, Self::NotRequired) => "not required",
            (Lang::En, Self::Skipped) => "not reached",
            (Lang::En, Self::Info) => "information",
            (Lang::Ja, Self::Allowed) => "許可",
            (Lang::Ja, Self::ExplicitDeny) => "明示的に拒否",
            (Lang::Ja, Self::ImplicitDeny) => "拒否 (許可するものがない)",
            (Lang::Ja, Self::Failed) => "受け付けられない",
            (Lang::Ja, Self::NotRequired) => "不要",
            (Lang::Ja, Self::Skipped) => "未到達",
            (Lang::Ja, Self::Info) => "情報",
        }
    }

    /// ✓, ✗ or a neutral mark.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Allowed | Self::NotRequired => "✓",
            Self::ExplicitDeny | Self::ImplicitDeny | Self::Failed => "✗",
            Self::Skipped => "–",
            Self::Info => "i",
        }
    }

    fn of_decision(decision: crate::evaluate::Decision) -> Self {
        Self::parse(decision.as_str()).unwrap_or(Self::ImplicitDeny)
    }
}

/// One action tried as the role and as the one who handed it over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayedComparison {
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// With the role's powers.
    pub as_role: Verdict,
    /// With the caller's own powers.
    pub as_caller: Verdict,
    /// The evaluator's response with the role's powers.
    #[serde(skip)]
    pub response: Response,
}

/// One step of a played flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayedStep {
    /// The step's id (`api`, `passRole`, `hop1.assumeRole`, `then.0`, …).
    pub id: String,
    /// What the step checks (`passRole`, `assumeRole`, `actAsSession`, …).
    pub kind: String,
    /// Its title.
    pub title: Text,
    /// What it came to.
    pub verdict: Verdict,
    /// The principal of the request evaluated, if any.
    pub principal: Option<String>,
    /// The action evaluated, if any.
    pub action: Option<String>,
    /// The resource evaluated, if any.
    pub resource: Option<String>,
    /// The evaluator's response: rules and every policy's trace.
    #[serde(skip)]
    pub response: Option<Response>,
    /// The explanation, English.
    pub explanation_en: Vec<String>,
    /// The explanation, Japanese.
    pub explanation_ja: Vec<String>,
    /// The error code the service returns.
    pub error_code: Option<String>,
    /// The error text the service returns.
    pub error_message: Option<String>,
    /// The error text in Japanese, where it carries Omen's own words (AWS's kept as AWS prints them).
    pub error_message_ja: Option<String>,
    /// The decoded authorization message.
    pub decoded_message: Option<Value>,
    /// What the role could do compared with its giver.
    pub comparisons: Vec<PlayedComparison>,
    /// The verified fix, in words, if the flow found one.
    pub fix: Option<Text>,
}

impl PlayedStep {
    /// The explanation in `lang`.
    pub fn explanation(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.explanation_en,
            Lang::Ja => &self.explanation_ja,
        }
    }

    /// The error text in `lang`: the Japanese twin where there is one, else the service's words.
    pub fn error_message_in(&self, lang: Lang) -> Option<&str> {
        crate::flow::result::error_message_in(self.error_message.as_deref(), self.error_message_ja.as_deref(), lang)
    }
}

/// A world that could not be played as it is, or a policy in it that IAM would refuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorldProblem {
    /// A stable code.
    pub code: String,
    /// What is wrong, in English and Japanese (the world's own words and IAM's terms in AWS's
    /// spelling in both).
    pub message: Text,
    /// Where in the world, as a JSON pointer.
    pub pointer: Option<String>,
    /// Whether it is an error (a warning otherwise).
    pub error: bool,
}

/// A played world, in the workshop's terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayedFlow {
    /// `passRole`, `assumeRole` or `none`.
    pub kind: String,
    /// Whether the role was handed over or the mask is on.
    pub succeeded: bool,
    /// The first failing step.
    pub failed_step: Option<String>,
    /// The error code the caller sees.
    pub error_code: Option<String>,
    /// The steps in order.
    pub steps: Vec<PlayedStep>,
    /// The last session made, as the flow's JSON shows it.
    pub session: Option<Value>,
    /// The CloudTrail records.
    pub cloudtrail: Vec<Value>,
    /// The codes of the flow's warnings, with their text.
    pub warnings: Vec<(String, Text)>,
    /// Problems with the world.
    pub problems: Vec<WorldProblem>,
}

impl PlayedFlow {
    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&PlayedStep> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Whether the flow shows the warning `code`.
    pub fn has_warning(&self, code: &str) -> bool {
        self.warnings.iter().any(|(c, _)| c == code)
    }
}

/// Play a world given as JSON. A world that cannot be read comes back with a problem and no
/// steps.
pub fn play_world(world: &Value) -> PlayedFlow {
    let world = match World::from_json(&world.to_string()) {
        Ok(world) => world,
        Err(error) => {
            let message = error.text();
            return PlayedFlow {
                kind: "none".into(),
                succeeded: false,
                failed_step: None,
                error_code: None,
                steps: Vec::new(),
                session: None,
                cloudtrail: Vec::new(),
                warnings: Vec::new(),
                problems: vec![WorldProblem { code: "invalid-world".into(), message, pointer: None, error: true }],
            };
        }
    };
    let result = play(&world);
    let steps = result
        .steps
        .iter()
        .map(|step| PlayedStep {
            id: step.id.clone(),
            kind: serde_json::to_value(step.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            title: Text::new(step.title.en.clone(), step.title.ja.clone()),
            verdict: Verdict::parse(step.decision.as_str()).unwrap_or(Verdict::Info),
            principal: step.request.as_ref().map(|r| r.principal.clone()),
            action: step.request.as_ref().map(|r| r.action.clone()),
            resource: step.request.as_ref().map(|r| r.resource.clone()),
            response: step.response.clone(),
            explanation_en: step.explanation_en.clone(),
            explanation_ja: step.explanation_ja.clone(),
            error_code: step.error_code.clone().filter(|c| !c.is_empty()),
            error_message: step.error_message.clone(),
            error_message_ja: step.error_message_ja.clone(),
            decoded_message: step.decoded_message.clone(),
            comparisons: step
                .comparisons
                .iter()
                .map(|c| PlayedComparison {
                    action: c.action.clone(),
                    resource: c.resource.clone(),
                    as_role: Verdict::parse(c.as_role.as_str()).unwrap_or(Verdict::Info),
                    as_caller: Verdict::parse(c.as_caller.as_str()).unwrap_or(Verdict::Info),
                    response: c.role_response.clone(),
                })
                .collect(),
            fix: step.fix.as_ref().map(|fix| Text::new(fix.summary.en.clone(), fix.summary.ja.clone())),
        })
        .collect();
    PlayedFlow {
        kind: serde_json::to_value(result.flow).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        succeeded: result.succeeded,
        failed_step: result.failed_step.clone(),
        error_code: result.error_code.clone().filter(|c| !c.is_empty()),
        steps,
        session: result.session.as_ref().and_then(|s| serde_json::to_value(s).ok()),
        cloudtrail: result.cloudtrail.clone(),
        warnings: result
            .warnings
            .iter()
            .map(|w| (w.code.to_string(), Text::new(w.message.en.clone(), w.message.ja.clone())))
            .collect(),
        problems: result
            .diagnostics
            .iter()
            .map(|d| WorldProblem {
                code: d.diagnostic.code.to_string(),
                message: d.diagnostic.message.clone(),
                pointer: d.pointer.clone(),
                error: d.diagnostic.is_error(),
            })
            .collect(),
    }
}

/// One request evaluated on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluatedRequest {
    /// What it came to.
    pub verdict: Verdict,
    /// The evaluator's response.
    pub response: Response,
}

/// Evaluate one request given in the `omen eval` case format (see the README).
pub fn evaluate_case(case: &Value) -> Result<EvaluatedRequest, String> {
    let case = Case::from_json(case).map_err(|failure| failure.error.message())?;
    let response = evaluate(&case.request, &case.policies);
    Ok(EvaluatedRequest { verdict: Verdict::of_decision(response.decision), response })
}

/// The JSON text of one of the seed stories, by id.
pub fn preset_world(id: &str) -> Option<&'static str> {
    crate::flow::preset(id).map(|p| p.world_json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The world-level codes written as a literal where a problem is made (`play.problem("…"`,
    /// `FlowDiagnostic::world("…"`, `FlowDiagnostic::world_warning("…"`), found in the source.
    fn codes_in_source() -> Vec<String> {
        let sources = [
            include_str!("../flow/mod.rs"),
            include_str!("../flow/play.rs"),
            include_str!("../flow/steps/pass_role.rs"),
            include_str!("../flow/steps/assume_role.rs"),
            include_str!("../flow/steps/federated.rs"),
            include_str!("../flow/steps/session.rs"),
            include_str!("../world/parsed.rs"),
        ];
        let mut codes = Vec::new();
        for source in sources {
            for needle in ["play.problem(", "FlowDiagnostic::world(", "FlowDiagnostic::world_warning("] {
                for (at, _) in source.match_indices(needle) {
                    let rest = source[at + needle.len()..].trim_start();
                    if let Some(literal) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                        codes.push(literal.to_string());
                    }
                }
            }
        }
        codes.sort();
        codes.dedup();
        codes
    }

    // Issue 7: every code that makes a `WorldProblem` says it in Japanese too — each world below
    // fires its code, and the list covers every code the source makes a world problem with.
    #[test]
    fn every_world_problem_code_has_japanese_words() {
        let alice = "arn:aws:iam::111122223333:user/alice";
        let role = "arn:aws:iam::111122223333:role/R";
        let user = json!({"arn": alice});
        let worlds: Vec<(&str, Value)> = vec![
            ("invalid-world", json!({"users": 3})),
            ("no-action", json!({"users": [user]})),
            (
                "two-actions",
                json!({"action": {"passRole": {"caller": alice, "api": "lambda:CreateFunction", "role": role},
                                  "assumeRole": {"caller": alice, "role": role}}}),
            ),
            (
                "ignored-fields",
                json!({"users": [user], "roles": [{"arn": role}],
                       "action": {"passRole": {"caller": alice, "api": "lambda:CreateFunction", "role": role},
                                  "chain": [{"role": role}]}}),
            ),
            (
                "unknown-api",
                json!({"users": [user], "action": {"passRole": {"caller": alice, "api": "foo:Bar", "role": role}}}),
            ),
            ("invalid-caller", json!({"action": {"assumeRole": {"caller": "alice", "role": role}}})),
            (
                "missing-role",
                json!({"users": [user], "action": {"passRole": {"caller": alice, "api": "lambda:CreateFunction"}}}),
            ),
            ("unknown-role", json!({"users": [user], "action": {"assumeRole": {"caller": alice, "role": role}}})),
            (
                "invalid-provider",
                json!({"roles": [{"arn": role}],
                       "action": {"assumeRoleWithWebIdentity": {"provider": "", "role": role, "roleSessionName": "s"}}}),
            ),
            (
                "invalid-time",
                json!({"now": "yesterday", "users": [user], "roles": [{"arn": role}],
                                    "action": {"assumeRole": {"caller": alice, "role": role}}}),
            ),
            (
                "invalid-user",
                json!({"users": [{"arn": "not-an-arn"}], "action": {"assumeRole": {"caller": alice, "role": role}}}),
            ),
            (
                "invalid-role",
                json!({"roles": [{"arn": "not-an-arn"}], "action": {"assumeRole": {"caller": alice, "role": role}}}),
            ),
            (
                "group-in-other-account",
                json!({"users": [{"arn": alice, "groups": [{"name": "ops", "account": "444455556666"}]}],
                       "groups": [{"name": "ops", "account": "444455556666"}],
                       "roles": [{"arn": role}], "action": {"assumeRole": {"caller": alice, "role": role}}}),
            ),
            (
                "invalid-max-session-duration",
                json!({"users": [user], "roles": [{"arn": role, "maxSessionDuration": 60}],
                       "action": {"assumeRole": {"caller": alice, "role": role}}}),
            ),
            (
                "resource-policy-on-iam-action",
                json!({"users": [user], "roles": [{"arn": role}],
                       "action": {"assumeRole": {"caller": alice, "role": role},
                                  "then": [{"action": "IAM:CreateUser", "resourcePolicy": "{}"}]}}),
            ),
            (
                "unreadable-policy",
                json!({"users": [{"arn": alice, "policies": [{"name": "P", "document": "not json"}]}],
                       "roles": [{"arn": role}], "action": {"assumeRole": {"caller": alice, "role": role}}}),
            ),
        ];
        let japanese = |text: &str| {
            text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))
        };
        let mut fired = Vec::new();
        for (code, world) in &worlds {
            let played = play_world(world);
            let problem = played.problems.iter().find(|p| p.code == *code);
            let problem = problem.unwrap_or_else(|| panic!("{code} does not fire: {:?}", played.problems));
            assert!(!problem.message.en.is_empty(), "{code}");
            assert!(japanese(&problem.message.ja), "{code} has no Japanese: {:?}", problem.message);
            for problem in &played.problems {
                assert!(japanese(&problem.message.ja), "{} has no Japanese: {:?}", problem.code, problem.message);
            }
            fired.push(code.to_string());
        }
        let in_source = codes_in_source();
        // The scan itself still finds the codes (14 when this test was written).
        assert!(in_source.len() >= 14 && in_source.contains(&"unknown-role".to_string()), "{in_source:?}");
        let missing: Vec<String> = in_source.into_iter().filter(|code| !fired.contains(code)).collect();
        assert!(missing.is_empty(), "no world here fires {missing:?}: add one");
    }
}
