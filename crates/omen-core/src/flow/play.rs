//! One run of a flow: the state the steps share (the parsed world, the clock, the steps so far
//! with their fix hints, warnings, CloudTrail records), and turning one check of `sts` into a
//! step. No words here: steps carry facts, rendered at the end when wanted.

use super::hints::FixHints;
use super::note::{Facts, FlowNote, StepFacts, Title};
use super::result::{ChainHop, FlowWarning, Step, StepDecision, StepKind, StepRequest, Text};
use crate::clock::Instant;
use crate::evaluate::PolicyRefusal;
use crate::explain;
use crate::lang::Lang;
use crate::sts::{Evaluation, SessionInfo};
use crate::world::{FlowDiagnostic, ParsedWorld, World, DEFAULT_NOW};
use serde_json::Value;
use std::ops::{Deref, DerefMut};

/// The shared state of one run.
pub struct Play {
    /// Its policies, parsed.
    pub parsed: ParsedWorld,
    /// The clock.
    pub now: Instant,
    /// Steps so far.
    pub steps: Vec<Step>,
    /// What the run found, beside its steps, warnings and chain.
    pub facts: Facts,
    /// What the fixer needs to know about each step.
    pub hints: Vec<FixHints>,
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
    /// The ids of the steps that failed because a policy they need is one AWS would refuse to save.
    pub refused_at_save: Vec<String>,
    /// The first step of the call's sequence (not an independent action of a session) refused
    /// because of such a policy: every step pushed after it is not reached.
    pub blocked_by: Option<String>,
    /// Whether a step that needs a policy AWS would refuse to save is evaluated anyway, for
    /// teaching "what would happen" (`--evaluate-invalid`, the page's toggle), and says so.
    pub evaluate_invalid: bool,
    /// The ids of the steps evaluated anyway although a policy they need is one AWS would refuse
    /// to save.
    pub evaluated_anyway: Vec<String>,
}

impl Play {
    /// Start a run of `world`; `evaluate_invalid`: see [`Play::evaluate_invalid`].
    pub fn new(world: &World, evaluate_invalid: bool) -> Self {
        let parsed = ParsedWorld::new(world);
        let mut diagnostics = Vec::new();
        let now = match world.now.as_deref() {
            None => Instant::parse(DEFAULT_NOW),
            Some(text) => {
                let parsed = Instant::parse(text);
                if parsed.is_none() {
                    diagnostics.push(
                        FlowDiagnostic::world(
                            "invalid-time",
                            Text::new(
                                format!("`{text}` is not an ISO 8601 time; using {DEFAULT_NOW}"),
                                format!("`{text}` は ISO 8601 の時刻ではないため、{DEFAULT_NOW} を使います"),
                            ),
                            Some("/now".into()),
                        )
                        .with_help(write_the_time()),
                    );
                }
                parsed.or_else(|| Instant::parse(DEFAULT_NOW))
            }
        }
        .unwrap_or(Instant(0));
        Self {
            parsed,
            now,
            steps: Vec::new(),
            facts: Facts::default(),
            hints: Vec::new(),
            warnings: Vec::new(),
            cloudtrail: Vec::new(),
            chain: Vec::new(),
            session: None,
            diagnostics,
            refused_at_save: Vec::new(),
            blocked_by: None,
            evaluate_invalid,
            evaluated_anyway: Vec::new(),
        }
    }

    /// Add a step, its facts, and what the fixer needs to know about it.
    ///
    /// After a step refused because a policy it needs is one AWS would refuse to save, the later
    /// steps of the same call are not reached: AWS never evaluates a policy it refused ("Troubleshooting
    /// IAM policies"), so the world cannot exist as written, and a later step must not show a
    /// decision (the service putting on a role whose PassRole was refused, `sts:TagSession` after
    /// a refused trust policy). A later step that is itself refused keeps AWS's refusal. The
    /// actions a session tries are independent calls: a refused one blocks nothing after it.
    /// Evaluating anyway, the step keeps its decision and says that AWS never makes it; no fix is
    /// offered for it (the fix is to correct the policy).
    pub fn push(&mut self, mut draft: Draft, hints: FixHints) {
        let hints = match (&draft.refused, &self.blocked_by) {
            (Some(refused), _) if self.evaluate_invalid => {
                draft.say(FlowNote::EvaluatedInvalid(Box::new(refused.clone())));
                self.evaluated_anyway.push(draft.step.id.clone());
                FixHints::default()
            }
            // The story may have written its AccessDenied over the step: AWS's refusal stands, and
            // no grant or trust change can fix a policy AWS will not save.
            (Some(refused), _) => {
                refuse_step(&mut draft.step, refused);
                self.refused_at_save.push(draft.step.id.clone());
                if self.blocked_by.is_none() && draft.step.kind != StepKind::ActAsSession {
                    self.blocked_by = Some(draft.step.id.clone());
                }
                FixHints::default()
            }
            (None, Some(after)) => {
                let after = after.clone();
                self.unwarn(&draft.step.id);
                draft = not_reached_after_refusal(draft, after);
                FixHints::default()
            }
            (None, _) => hints,
        };
        self.steps.push(draft.step);
        self.facts.steps.push(draft.facts);
        self.hints.push(hints);
    }

    /// A step made of an evaluation: its decision, request, response, deciding statements, policy
    /// sources, and the explanation — `intro` first, then the evaluator's own account of it. A policy
    /// AWS would refuse to save makes it AWS's refusal, unless the run evaluates anyway.
    pub fn evaluated_step(
        &self,
        id: impl Into<String>,
        kind: StepKind,
        title: Title,
        intro: FlowNote,
        evaluation: &Evaluation,
    ) -> Draft {
        if let Some(refused) = evaluation.refused().filter(|_| !self.evaluate_invalid) {
            // AWS never evaluates a policy it refused to save ("Troubleshooting IAM policies"): the
            // step says so instead of a decision.
            let mut step = Draft::new(id, kind, title, StepDecision::Failed);
            step.say(intro);
            step.say(FlowNote::PolicyRefused(Box::new(refused.clone())));
            step.request = Some(StepRequest::of(&evaluation.request));
            step.policy_sources = evaluation.builder.sources.clone();
            refuse_step(&mut step, refused);
            step.refused = Some(refused.clone());
            return step;
        }
        let mut step = Draft::new(id, kind, title, StepDecision::of(evaluation.decision()));
        step.say(intro);
        step.say(FlowNote::Evaluated);
        step.request = Some(StepRequest::of(&evaluation.request));
        step.deciding_statements = evaluation.response.deciding_statements();
        step.policy_sources = evaluation.builder.sources.clone();
        step.response = Some(evaluation.response.clone());
        // Evaluated anyway: [`Play::push`] says so.
        step.refused = evaluation.refused().cloned();
        step
    }

    /// Whether the first failed step that matches `filter` failed because a policy it needs is one
    /// AWS would refuse to save. Such a call leaves no record of its own in CloudTrail: AWS refused
    /// the policy when someone tried to save it — `CreatePolicy`, `PutRolePolicy`,
    /// `UpdateAssumeRolePolicy` … list `MalformedPolicyDocument` among their errors (IAM API
    /// reference), and "CloudTrail logs all authenticated API requests to IAM and AWS STS API
    /// operations" ("Logging IAM and AWS STS API calls with AWS CloudTrail") — so the record AWS
    /// keeps is that failed save, and the later call is made without the policy, which the world
    /// does not show.
    pub fn failed_at_save(&self, filter: impl Fn(&Step) -> bool) -> bool {
        self.steps
            .iter()
            .find(|s| s.decision.is_failure() && filter(s))
            .is_some_and(|s| self.refused_at_save.contains(&s.id))
    }

    /// Forget the warnings of step `id` (a step that turned out not to be reached).
    fn unwarn(&mut self, id: &str) {
        let keep: Vec<bool> = self.warnings.iter().map(|w| w.step.as_deref() != Some(id)).collect();
        let mut flags = keep.iter();
        self.warnings.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        self.facts.warnings.retain(|_| flags.next().copied().unwrap_or(true));
    }

    /// Add a warning saying `note`.
    pub fn warn(&mut self, code: &'static str, note: FlowNote, step: Option<&str>, pointer: Option<String>) {
        self.warnings.push(FlowWarning { code, message: Text::default(), step: step.map(str::to_string), pointer });
        self.facts.warnings.push(note);
    }

    /// Report the diagnostics of the document at `pointer` given with the action, the first time
    /// the flow uses it.
    pub fn report_document(&mut self, pointer: &str) {
        for (at, diagnostics) in &mut self.parsed.action_diagnostics {
            if at == pointer {
                self.diagnostics.append(diagnostics);
            }
        }
    }

    /// A world-level problem, in English and Japanese.
    pub fn problem(&mut self, code: &'static str, message: Text, help: Option<Text>, pointer: Option<String>) {
        let diagnostic = FlowDiagnostic::world(code, message, pointer);
        self.diagnostics.push(match help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        });
    }
}

/// The help of a role the world does not have.
pub fn add_the_role() -> Text {
    Text::new("add the role to `roles`, or correct its ARN", "ロールを `roles` に追加するか、ARN を直してください")
}

/// The help of a time that is not ISO 8601.
pub fn write_the_time() -> Text {
    Text::new("write the time as `2024-05-01T12:00:00Z`", "時刻は `2024-05-01T12:00:00Z` の形で書いてください")
}

/// A step being built, with its facts. It reads and writes as its [`Step`]; [`Draft::say`] adds
/// to its facts.
pub struct Draft {
    /// The step.
    pub step: Step,
    /// Its facts.
    pub facts: StepFacts,
    /// A policy the step needs that AWS would refuse to save: the step fails with AWS's refusal
    /// instead of a decision, whatever the story adds to it before [`Play::push`].
    pub refused: Option<PolicyRefusal>,
}

impl Draft {
    /// A step titled `title`, with nothing said yet.
    pub fn new(id: impl Into<String>, kind: StepKind, title: Title, decision: StepDecision) -> Self {
        Self { step: Step::new(id, kind, decision), facts: StepFacts::new(title), refused: None }
    }

    /// Say `note` next.
    pub fn say(&mut self, note: FlowNote) {
        self.facts.notes.push(note);
    }

    /// Say that the role has no trust policy, when it has none: nobody can put the mask on.
    pub fn say_if_untrusted(&mut self, has_trust_policy: bool) {
        if !has_trust_policy {
            self.say(FlowNote::NoTrustPolicy);
        }
    }

    /// Advise `note` when no policy change can help.
    pub fn advise(&mut self, note: FlowNote) {
        self.facts.advice = Some(note);
    }
}

impl Deref for Draft {
    type Target = Step;

    fn deref(&self) -> &Step {
        &self.step
    }
}

impl DerefMut for Draft {
    fn deref_mut(&mut self) -> &mut Step {
        &mut self.step
    }
}

/// Make `step` AWS's refusal to save `refused`: failed, with AWS's error code and words naming the
/// policy, and no decision, deciding statements or decoded message.
fn refuse_step(step: &mut Step, refused: &PolicyRefusal) {
    step.decision = StepDecision::Failed;
    step.error_code = Some(refused.refusal.error_code.to_string());
    // AWS's words stay as AWS prints them; the policy and the problem are Omen's, said in each
    // language.
    let message = |lang: Lang| match &refused.refusal.aws_message {
        Some(words) => format!("{words} ({})", refused.located_problem_in(lang)),
        None => refused.located_problem_in(lang),
    };
    step.error_message = Some(message(Lang::En));
    step.error_message_ja = Some(message(Lang::Ja));
    step.decoded_message = None;
    step.deciding_statements = Vec::new();
    step.response = None;
}

/// A step that was not reached because `after` failed.
pub fn skipped_step(id: impl Into<String>, kind: StepKind, title: Title, after: &str) -> Draft {
    let mut step = Draft::new(id, kind, title, StepDecision::Skipped);
    step.say(FlowNote::NotReached { after: after.to_string() });
    step
}

/// `draft` as a step not reached because step `after` needs a policy AWS would refuse to save:
/// its id, kind, hop and title kept, its decision, request, response and words dropped.
fn not_reached_after_refusal(draft: Draft, after: String) -> Draft {
    let mut step = Draft::new(draft.step.id, draft.step.kind, draft.facts.title, StepDecision::Skipped);
    step.hop = draft.step.hop;
    step.say(FlowNote::NotReachedAfterRefusal { after });
    step
}

/// AWS's AccessDenied text for a denied `evaluation`.
pub fn access_denied(evaluation: &Evaluation) -> Option<String> {
    explain::access_denied_message(&evaluation.request, &evaluation.response)
}

/// The decoded authorization message of `evaluation`.
pub fn decoded_message(evaluation: &Evaluation) -> Value {
    explain::decoded_authorization_message(&evaluation.request, &evaluation.response, &evaluation.builder.set)
}
