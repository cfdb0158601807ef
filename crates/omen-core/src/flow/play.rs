//! One run of a flow: the state the steps share (the parsed world, the clock, the steps so far,
//! warnings, CloudTrail records), and turning one evaluation by the core evaluator into a step.

use super::clock::Instant;
use super::fix::StepMeta;
use super::policies::{FlowDiagnostic, Resolved, SetBuilder};
use super::result::{FlowWarning, Step, StepDecision, StepKind, StepRequest, Text};
use super::session::{ChainHop, SessionInfo};
use super::world::{World, DEFAULT_NOW};
use crate::evaluate::{evaluate, Request, Response};
use crate::explain::{self, Lang};
use serde_json::Value;

/// A request and the evaluator's answer, with the policies it was evaluated against.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The request.
    pub request: Request,
    /// The answer.
    pub response: Response,
    /// The policies and where they came from.
    pub builder: SetBuilder,
}

impl Evaluation {
    /// Evaluate `request` against the policies of `builder` with the core evaluator.
    pub fn run(request: Request, builder: SetBuilder) -> Self {
        let response = evaluate(&request, &builder.set);
        Self { request, response, builder }
    }

    /// The step decision.
    pub fn decision(&self) -> StepDecision {
        StepDecision::of(self.response.decision)
    }

    /// AWS's AccessDenied text, for a denial.
    pub fn access_denied(&self) -> Option<String> {
        explain::access_denied_message(&self.request, &self.response)
    }

    /// The decoded authorization message.
    pub fn decoded_message(&self) -> Value {
        explain::decoded_authorization_message(&self.request, &self.response, &self.builder.set)
    }
}

/// The shared state of one run.
pub struct Play<'w> {
    /// The world as given.
    pub world: &'w World,
    /// Its policies, parsed.
    pub resolved: Resolved,
    /// The clock.
    pub now: Instant,
    /// Steps so far.
    pub steps: Vec<Step>,
    /// What the fixer needs to know about each step.
    pub metas: Vec<StepMeta>,
    /// Warnings.
    pub warnings: Vec<FlowWarning>,
    /// CloudTrail records.
    pub cloudtrail: Vec<Value>,
    /// AssumeRole hops.
    pub chain: Vec<ChainHop>,
    /// The last session made.
    pub session: Option<SessionInfo>,
    /// Problems found while playing.
    pub diagnostics: Vec<FlowDiagnostic>,
}

impl<'w> Play<'w> {
    /// Start a run of `world`.
    pub fn new(world: &'w World) -> Self {
        let resolved = Resolved::new(world);
        let mut diagnostics = Vec::new();
        let now = match world.now.as_deref() {
            None => Instant::parse(DEFAULT_NOW),
            Some(text) => {
                let parsed = Instant::parse(text);
                if parsed.is_none() {
                    diagnostics.push(FlowDiagnostic::world(
                        "invalid-time",
                        format!("`{text}` is not an ISO 8601 time; using {DEFAULT_NOW}"),
                        Some("/now".into()),
                    ));
                }
                parsed.or_else(|| Instant::parse(DEFAULT_NOW))
            }
        }
        .unwrap_or(Instant(0));
        Self {
            world,
            resolved,
            now,
            steps: Vec::new(),
            metas: Vec::new(),
            warnings: Vec::new(),
            cloudtrail: Vec::new(),
            chain: Vec::new(),
            session: None,
            diagnostics,
        }
    }

    /// Add a step and what the fixer needs to know about it.
    pub fn push(&mut self, step: Step, meta: StepMeta) {
        self.steps.push(step);
        self.metas.push(meta);
    }

    /// Add a warning.
    pub fn warn(&mut self, code: &'static str, message: Text, step: Option<&str>, pointer: Option<String>) {
        let warning = FlowWarning { code, message, step: step.map(str::to_string), pointer };
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// A world-level problem.
    pub fn problem(&mut self, code: &'static str, message: String, pointer: Option<String>) {
        self.diagnostics.push(FlowDiagnostic::world(code, message, pointer));
    }
}

/// A step made of an evaluation: its decision, request, response, deciding statements, policy
/// sources, and the explanation — `intro` first, then the evaluator's own account of it.
pub fn evaluated_step(
    id: impl Into<String>,
    kind: StepKind,
    title: Text,
    intro: Text,
    evaluation: &Evaluation,
) -> Step {
    let mut step = Step::new(id, kind, title, evaluation.decision());
    step.say(intro);
    step.explanation_en.extend(explain::explain(&evaluation.request, &evaluation.response, Lang::En));
    step.explanation_ja.extend(explain::explain(&evaluation.request, &evaluation.response, Lang::Ja));
    step.request = Some(StepRequest::of(&evaluation.request));
    step.deciding_statements = evaluation.response.deciding_statements();
    step.policy_sources = evaluation.builder.sources.clone();
    step.response = Some(evaluation.response.clone());
    step
}

/// A step that was not reached because `after` failed.
pub fn skipped_step(id: impl Into<String>, kind: StepKind, title: Text, after: &str) -> Step {
    let mut step = Step::new(id, kind, title, StepDecision::Skipped);
    step.say(Text::new(
        format!("Not reached: step `{after}` failed first, and AWS stops at the first failure."),
        format!("到達しません: 先にステップ `{after}` が失敗し、AWS は最初の失敗で処理を止めます。"),
    ));
    step
}
