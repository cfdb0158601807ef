//! What playing a flow produces, as data: steps, each with its decision, the evaluation behind it,
//! the explanation in English and Japanese, the service's error text and a verified fix; the
//! session and the chain of hops; CloudTrail records; warnings. The words are rendered from the
//! run's facts (`flow::note`) when the result is to be shown; a fix replay leaves them empty.

use crate::evaluate::{DecidingStatement, Decision, Request, Response};
use crate::lang::Lang;
use crate::policy::PolicyKind;
use crate::sts::{PanelPolicy, PanelSide, PanelVerdict, PolicySource, SessionInfo};
use crate::world::{FlowDiagnostic, PolicyLocation};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

pub use crate::lang::Text;

/// What a step came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StepDecision {
    /// The request is allowed.
    Allowed,
    /// A Deny statement applied.
    ExplicitDeny,
    /// Nothing allowed the request.
    ImplicitDeny,
    /// The service refused the call before any policy was consulted (a parameter is invalid, a
    /// rule of the service forbids it).
    Failed,
    /// AWS does not check this here (a service-linked role used by default needs no PassRole).
    NotRequired,
    /// Not reached: an earlier step failed.
    Skipped,
    /// Information, not a decision (the blast radius).
    Info,
}

impl StepDecision {
    /// The step decision of an evaluator decision.
    pub fn of(decision: Decision) -> Self {
        match decision {
            Decision::Allowed => Self::Allowed,
            Decision::ExplicitDeny => Self::ExplicitDeny,
            Decision::ImplicitDeny => Self::ImplicitDeny,
        }
    }

    /// Whether the step stops the flow.
    pub fn is_failure(self) -> bool {
        matches!(self, Self::ExplicitDeny | Self::ImplicitDeny | Self::Failed)
    }

    /// Read `allowed`, `explicitDeny`, … as [`as_str`](Self::as_str) writes them (a flow's JSON
    /// read back, a lesson's expected decision).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|decision| decision.as_str() == text)
    }

    /// Every decision, in the order they are declared.
    pub const ALL: [Self; 7] = [
        Self::Allowed,
        Self::ExplicitDeny,
        Self::ImplicitDeny,
        Self::Failed,
        Self::NotRequired,
        Self::Skipped,
        Self::Info,
    ];

    /// `allowed`, `explicitDeny`, … as serialized.
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
}

/// What a step checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StepKind {
    /// The caller calls the service API.
    ApiCall,
    /// The caller creates the service-linked role the service will use by default.
    CreateServiceLinkedRole,
    /// `iam:PassRole` on the role handed to the service.
    PassRole,
    /// The service puts the mask on: `sts:AssumeRole` by the service principal.
    ServiceAssumeRole,
    /// What the role could do, compared with what the caller can.
    BlastRadius,
    /// `sts:AssumeRole`: the caller's side and the trust policy's side.
    AssumeRole,
    /// `sts:TagSession`, for session tags.
    TagSession,
    /// `sts:SetSourceIdentity`, for a source identity.
    SetSourceIdentity,
    /// A request made as the session, with the mask's powers.
    ActAsSession,
}

/// The request a step evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepRequest {
    /// The principal's ARN (or service name).
    pub principal: String,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// The request context, every key with its values.
    pub context: BTreeMap<String, Vec<String>>,
}

impl StepRequest {
    /// The serializable view of a request.
    pub fn of(request: &Request) -> Self {
        // Inserted one by one, not collected: a collect sorts first, with a sort compiled for
        // this map alone (crate::sort says why that matters in the page's wasm).
        let mut context = BTreeMap::new();
        context.extend(request.context.entries().map(|e| (e.key.clone(), e.values.clone())));
        Self {
            principal: request.principal.arn.clone(),
            action: request.action.clone(),
            resource: request.resource.clone(),
            context,
        }
    }
}

/// One side of an AssumeRole, as a panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Panel {
    /// Which side.
    pub side: PanelSide,
    /// The account on this side.
    pub account: String,
    /// Whether this side must allow for the request to succeed.
    pub needed: bool,
    /// This side's verdict.
    pub verdict: PanelVerdict,
    /// Each policy of this side and its verdict (`allow`, `deny`, `noMatch`, `notApplicable`).
    pub policies: Vec<PanelPolicy>,
    /// One sentence on this side.
    pub summary: Text,
}

/// One action tried as the role and as its wearer (or the caller that passed it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// The decision with the role's powers.
    pub as_role: StepDecision,
    /// The decision with the caller's own powers.
    pub as_caller: StepDecision,
    /// Whether the role may do what the caller may not.
    pub escalation: bool,
    /// The statements that decided for the role.
    pub role_deciding_statements: Vec<DecidingStatement>,
    /// The evaluator's response with the role's powers: what workshop mode's "what changed?"
    /// reads to name the statements and gates behind a change (not part of the flow's JSON).
    #[serde(skip)]
    pub role_response: Response,
}

/// One step of a flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// A stable id (`passRole`, `hop1.assumeRole`, `then.0`, …).
    pub id: String,
    /// What the step checks.
    pub kind: StepKind,
    /// The AssumeRole hop the step belongs to (1 for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hop: Option<usize>,
    /// A title.
    pub title: Text,
    /// What the step came to.
    pub decision: StepDecision,
    /// The request evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<StepRequest>,
    /// The evaluator's response: rules, every policy and statement with ranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    /// The statements that decided, with their ranges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_statements: Vec<DecidingStatement>,
    /// Where each policy of the response lives in the world.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policy_sources: Vec<PolicySource>,
    /// The caller's side and the trust policy's side, for AssumeRole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub panels: Vec<Panel>,
    /// Actions compared as the role and as the caller.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comparisons: Vec<Comparison>,
    /// The explanation in English, one sentence a line.
    pub explanation_en: Vec<String>,
    /// The explanation in Japanese.
    pub explanation_ja: Vec<String>,
    /// The error code the service returns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The error text, in the service's own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// The error text in Japanese, when it carries Omen's own words beside AWS's (a policy AWS
    /// refuses to save: AWS's words kept, the policy and the problem said in Japanese); `None`
    /// when `error_message` is AWS's words alone, the same in both languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message_ja: Option<String>,
    /// The decoded authorization message, for denials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decoded_message: Option<Value>,
    /// The smallest verified change that makes the step pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// What to do when no policy change can help.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<Text>,
}

impl Step {
    /// A step with no evaluation and no words yet.
    pub fn new(id: impl Into<String>, kind: StepKind, decision: StepDecision) -> Self {
        Self {
            id: id.into(),
            kind,
            hop: None,
            title: Text::default(),
            decision,
            request: None,
            response: None,
            deciding_statements: Vec::new(),
            policy_sources: Vec::new(),
            panels: Vec::new(),
            comparisons: Vec::new(),
            explanation_en: Vec::new(),
            explanation_ja: Vec::new(),
            error_code: None,
            error_message: None,
            error_message_ja: None,
            decoded_message: None,
            fix: None,
            advice: None,
        }
    }

    /// The explanation in `lang`.
    pub fn explanation(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.explanation_en,
            Lang::Ja => &self.explanation_ja,
        }
    }

    /// The error text in `lang`: the Japanese twin where there is one, else AWS's words.
    pub fn error_message_in(&self, lang: Lang) -> Option<&str> {
        error_message_in(self.error_message.as_deref(), self.error_message_ja.as_deref(), lang)
    }
}

/// `en`, or in Japanese `ja` when there is a Japanese twin.
pub(crate) fn error_message_in<'a>(en: Option<&'a str>, ja: Option<&'a str>, lang: Lang) -> Option<&'a str> {
    match lang {
        Lang::Ja => ja.or(en),
        Lang::En => en,
    }
}

/// Something worth knowing that does not stop the flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowWarning {
    /// A stable code (`passrole-escalation`, `passrole-resource-tag`, …).
    pub code: &'static str,
    /// The warning.
    pub message: Text,
    /// The step it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The world field it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// Which story the world tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FlowKind {
    /// Call an API and hand a role to a service.
    PassRole,
    /// Put on a role through STS.
    AssumeRole,
    /// The world has no playable action.
    None,
}

/// Everything a flow produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowResult {
    /// The world's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Which story.
    pub flow: FlowKind,
    /// Whether every step passed.
    pub succeeded: bool,
    /// The first step that failed: what AWS reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_step: Option<String>,
    /// The error code the caller sees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The error text the caller sees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// The failed step's [`Step::error_message_ja`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message_ja: Option<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The last session made (the mask being worn at the end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionInfo>,
    /// The AssumeRole hops, in order: what each made, carried over, and left behind.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<ChainHop>,
    /// The CloudTrail records the flow writes.
    pub cloudtrail: Vec<Value>,
    /// Warnings.
    pub warnings: Vec<FlowWarning>,
    /// Problems with the world itself.
    pub diagnostics: Vec<FlowDiagnostic>,
    /// The steps that need a policy AWS would refuse to save: refused, or evaluated anyway.
    #[serde(skip)]
    pub refused_at_save: Vec<String>,
    /// Whether such steps were evaluated anyway ([`play_without_fixes_as`](super::play_without_fixes_as)).
    #[serde(skip)]
    pub evaluated_invalid: bool,
}

impl FlowResult {
    /// A result for a world that could not be played.
    pub fn unplayable(diagnostics: Vec<FlowDiagnostic>) -> Self {
        Self {
            name: None,
            flow: FlowKind::None,
            succeeded: false,
            failed_step: None,
            error_code: None,
            error_message: None,
            error_message_ja: None,
            steps: Vec::new(),
            session: None,
            chain: Vec::new(),
            cloudtrail: Vec::new(),
            warnings: Vec::new(),
            diagnostics,
            refused_at_save: Vec::new(),
            evaluated_invalid: false,
        }
    }

    /// The error text the caller sees, in `lang` (see [`Step::error_message_in`]).
    pub fn error_message_in(&self, lang: Lang) -> Option<&str> {
        error_message_in(self.error_message.as_deref(), self.error_message_ja.as_deref(), lang)
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }
}

/// What passed from one session to the next, or was left behind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Carried {
    /// What it is: `transitiveTag`, `sourceIdentity`, `sessionTag`, `permissions`,
    /// `sessionPolicy`, `mfa`, `duration`.
    pub what: &'static str,
    /// The tag key, for tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// In words.
    pub text: Text,
}

/// One AssumeRole hop of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainHop {
    /// 1 for the first hop.
    pub hop: usize,
    /// Who called (a user, a session, a service).
    pub caller: String,
    /// The role assumed.
    pub role: String,
    /// Whether the hop succeeded.
    pub succeeded: bool,
    /// The session made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionInfo>,
    /// What carried over from the calling session.
    pub carried: Vec<Carried>,
    /// What did not.
    pub dropped: Vec<Carried>,
}

/// A verified fix: the changes, in order, and what they amount to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// What to do, in one or two sentences.
    pub summary: Text,
    /// The changes.
    pub changes: Vec<Change>,
    /// Always true: the step passes once the changes are made (checked by playing again).
    pub verified: bool,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Change {
    /// Change a policy of the world.
    Policy(PolicyChange),
    /// Call with different parameters.
    Request(RequestChange),
}

impl Change {
    /// What the change does.
    pub fn description(&self) -> &Text {
        match self {
            Self::Policy(change) => &change.description,
            Self::Request(change) => &change.description,
        }
    }
}

/// How a policy changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyEdit {
    /// A statement is added.
    AddStatement,
    /// A statement is removed.
    RemoveStatement,
    /// A statement's condition is changed (one more value accepted).
    ChangeCondition,
    /// A new policy is attached.
    NewPolicy,
    /// The policy is detached.
    DeletePolicy,
}

/// A change to one policy, as before and after texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyChange {
    /// What happens to the policy.
    pub edit: PolicyEdit,
    /// Where the policy lives.
    pub location: PolicyLocation,
    /// Its JSON pointer in the world (for a new policy: where it will be).
    pub pointer: String,
    /// Whose policy it is.
    pub owner: String,
    /// The policy's name.
    pub policy_name: String,
    /// Its kind.
    pub policy_type: PolicyKind,
    /// The text before (none for a new policy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The text after (none when the policy is detached).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// What the change does.
    pub description: Text,
}

/// A change to the call's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestChange {
    /// The JSON pointer of the parameter in the world.
    pub pointer: String,
    /// The parameter, as the API spells it (`ExternalId`, `DurationSeconds`, …).
    pub parameter: String,
    /// Its value before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// Its value after.
    pub after: Value,
    /// What the change does.
    pub description: Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A decision reads back from the word the flow's JSON writes, and from nothing else.
    #[test]
    fn step_decisions_read_back_from_their_json() {
        for decision in StepDecision::ALL {
            let written = serde_json::to_value(decision).unwrap();
            assert_eq!(written.as_str(), Some(decision.as_str()));
            assert_eq!(StepDecision::parse(decision.as_str()), Some(decision));
        }
        for text in ["Allowed", "deny", "", "explicit_deny"] {
            assert_eq!(StepDecision::parse(text), None, "{text}");
        }
    }
}
