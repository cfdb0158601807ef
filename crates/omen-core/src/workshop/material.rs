//! The lesson and challenge file formats (JSON a teacher reads and writes), read strictly and
//! validated: every field known, both languages present, sources linked, checks well formed.
//!
//! The formats are documented in `workshop/README.md`; `workshop/lessons/` and
//! `workshop/challenges/` hold Omen's own material.

use super::adapter::{preset_world, Lang, Text};
use super::patch::PatchOp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Paragraphs in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraphs {
    /// English paragraphs.
    pub en: Vec<String>,
    /// Japanese paragraphs.
    pub ja: Vec<String>,
}

impl Paragraphs {
    /// The paragraphs in `lang`.
    pub fn get(&self, lang: super::Lang) -> &[String] {
        match lang {
            super::Lang::En => &self.en,
            super::Lang::Ja => &self.ja,
        }
    }
}

/// Where a fact comes from: an AWS page (title and URL) or one of the seed articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page's title, as AWS gives it (or the article's).
    pub title: String,
    /// The page's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The seed article (`000` … `003`), when the fact comes from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
}

/// What a flow must come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FlowExpectation {
    /// The role is handed over, or the mask is on.
    Succeeds,
    /// Some step stops the flow.
    Fails,
}

/// What a step or a request must come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Expectation {
    /// Allowed.
    Allowed,
    /// Not allowed: denied explicitly or implicitly, refused, or never reached because an
    /// earlier step stopped the attempt.
    Denied,
    /// A Deny statement applies.
    ExplicitDeny,
    /// Nothing allows it.
    ImplicitDeny,
    /// The service refuses the call before any policy is read.
    Failed,
    /// AWS does not check it here.
    NotRequired,
    /// Not reached.
    Skipped,
}

impl Expectation {
    /// As written in the files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::Denied => "denied",
            Self::ExplicitDeny => "explicitDeny",
            Self::ImplicitDeny => "implicitDeny",
            Self::Failed => "failed",
            Self::NotRequired => "notRequired",
            Self::Skipped => "skipped",
        }
    }
}

/// A request to evaluate on its own, as someone of the world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestSpec {
    /// Who asks: an IAM user of the world, a role of the world (then a session of it asks,
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/workshop`), a session ARN of a role of the world,
    /// or a service principal.
    #[serde(rename = "as")]
    pub principal: String,
    /// The action, e.g. `s3:GetObject`.
    pub action: String,
    /// The resource (`*` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Extra request context keys.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context: Map<String, Value>,
    /// The resource's policy: a JSON pointer into the world (`/action/then/0/resourcePolicy`) or
    /// a document. A role's trust policy is read by itself for `sts:AssumeRole` on a role of the
    /// world.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_policy: Option<Value>,
}

/// A property of a policy of the world.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyProperty {
    /// A JSON pointer to a policy document, a named policy, or a list of them
    /// (`/roles/0/trustPolicy`, `/users/0/policies`).
    pub at: String,
    /// A condition key or an action some statement names (`sts:ExternalId`,
    /// `iam:PassedToService`), compared without regard to case.
    pub uses: String,
}

/// One thing that must hold of a world. Exactly one of `flow`, `step`, `request`, `warning`,
/// `cloudtrail`, `session` and `policy` says what is checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Check {
    /// A stable id (required in challenges).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the check is about, in words that do not give the answer away; shown when it fails
    /// (required in challenges).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say: Option<Text>,
    /// Play this action (`{"passRole": …}`, `{"assumeRole": …}`, `{"assumeRoleWithWebIdentity": …}`
    /// or `{"assumeRoleWithSaml": …}`) instead of the world's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Value>,
    /// The flow must succeed or fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<FlowExpectation>,
    /// A step of the flow (`passRole`, `hop1.assumeRole`, `then.0`, …), with `is`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// A request evaluated on its own, with `is`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestSpec>,
    /// A warning code of the flow (`passrole-escalation`, …), with `present`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// A CloudTrail record containing these fields, with `present`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloudtrail: Option<Value>,
    /// The session the flow ends with, containing these fields (`{"arn": …}`), with `present`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Value>,
    /// A property of a policy, with `present`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyProperty>,
    /// What the step or request must come to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is: Option<Expectation>,
    /// Whether the warning, record, session or property must be there (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
    /// The error code the flow or step must show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// Fields the step's decoded authorization message must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoded: Option<Value>,
}

/// One answer to a prediction: right when its check holds of the starting world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// A stable id.
    pub id: String,
    /// The answer.
    pub label: Text,
    /// When this answer is the right one.
    pub when: Check,
}

/// Predict, then reveal: a question about the starting world, answered before the verdict shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prediction {
    /// A stable id.
    pub id: String,
    /// The question ("will this launch succeed?").
    pub question: Text,
    /// The answers; exactly one holds of the starting world.
    pub choices: Vec<Choice>,
    /// What to say once the answer is revealed.
    pub reveal: Text,
}

/// A "try this" task: done when every check holds of the attendee's world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// A stable id.
    pub id: String,
    /// What to do.
    pub goal: Text,
    /// What must hold once it is done.
    pub done: Vec<Check>,
    /// The hint ladder: a nudge, where to look, the answer.
    pub hints: Vec<Text>,
    /// One way to do it, as JSON Patch operations on the starting world.
    pub solution: Vec<PatchOp>,
}

/// A lesson: text, a starting world, what the world shows, predictions and tasks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lesson {
    /// A stable id, also the file name.
    pub id: String,
    /// The title.
    pub title: Text,
    /// About how long it takes in a workshop, in minutes.
    pub minutes: u32,
    /// The text, in paragraphs.
    pub text: Paragraphs,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// The starting world: one of the seed stories, by id …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// … or a world, as `omen flow` reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<Value>,
    /// What the starting world shows, as the text says.
    pub shows: Vec<Check>,
    /// Questions to answer before the verdict is revealed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predict: Vec<Prediction>,
    /// Things to try.
    pub tasks: Vec<Task>,
}

/// A challenge: a goal, a starting world, and hidden checks that grade a solution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Challenge {
    /// A stable id, also the file name.
    pub id: String,
    /// The title.
    pub title: Text,
    /// The goal, in paragraphs.
    pub goal: Paragraphs,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// The starting world: one of the seed stories, by id …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// … or a world.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<Value>,
    /// JSON pointers of the parts of the world the attendee may change; the rest must stay as
    /// it starts. The world's `name` may always change, and so may its `action` unless a pointer
    /// here names a part of it (then only that part). Empty: everything.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editable: Vec<String>,
    /// The checks: what must be allowed and what must be denied.
    pub checks: Vec<Check>,
    /// Hints, revealed one at a time (no answer among them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<Text>,
}

/// How a known solution of a challenge must grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExpectedGrade {
    /// Every check passes.
    Solved,
    /// Something that must be denied is allowed (and nothing that must work is refused).
    TooLoose,
    /// Something that must work is refused (and nothing that must be denied is allowed).
    TooStrict,
    /// Both too loose and too strict.
    TooLooseAndTooStrict,
    /// A part of the world the challenge keeps fixed was changed.
    FixedPartChanged,
    /// Only checks that point neither way fail.
    NotYet,
}

/// A known solution of a challenge, right or wrong, as test data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the solution does.
    pub name: String,
    /// The solution, as JSON Patch operations on the starting world.
    pub patch: Vec<PatchOp>,
    /// How it must grade.
    pub expect: ExpectedGrade,
}

/// Known solutions of one challenge (`workshop/solutions/ID.json`): kept apart from the
/// challenge, which is handed out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Solutions {
    /// The challenge's id.
    pub challenge: String,
    /// The solutions.
    pub examples: Vec<Example>,
}

/// Something wrong with a lesson or challenge file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Where, as a JSON pointer into the file.
    pub pointer: String,
    /// What is wrong: lowercase, no final period, the file's words in backticks.
    pub message: String,
    /// [`Problem::message`] in Japanese, where Omen has it: a problem with the world itself, which
    /// the Japanese page shows as it is said to an attendee (the rest speak to a material's
    /// author, in English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_ja: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Problem {
    /// What is wrong in `lang`: the Japanese words where there are some, else the English.
    pub fn message_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => self.message_ja.as_deref().unwrap_or(&self.message),
            Lang::En => &self.message,
        }
    }

    pub(super) fn new(pointer: impl Into<String>, message: impl Into<String>, help: Option<&str>) -> Self {
        Self { pointer: pointer.into(), message: message.into(), message_ja: None, help: help.map(str::to_string) }
    }
}

/// The seed articles a source may name.
pub const SEEDS: [&str; 4] = ["000", "001", "002", "003"];

/// The hint ladder's rungs: a nudge, where to look, the answer.
pub const HINT_RUNGS: usize = 3;

pub(super) fn read<T: for<'de> Deserialize<'de>>(text: &str, what: &str) -> Result<T, Vec<Problem>> {
    serde_json::from_str(text).map_err(|error| {
        vec![Problem::new(
            "",
            format!("the {what} cannot be read: {error}"),
            Some("compare it with the format in `workshop/README.md`"),
        )]
    })
}

impl Lesson {
    /// Read and validate a lesson file.
    pub fn from_json(text: &str) -> Result<Self, Vec<Problem>> {
        let lesson: Self = read(text, "lesson")?;
        let problems = lesson.validate();
        if problems.is_empty() {
            Ok(lesson)
        } else {
            Err(problems)
        }
    }

    /// The starting world, as JSON.
    pub fn start_world(&self) -> Result<Value, Problem> {
        start_world(self.preset.as_deref(), self.world.as_ref())
    }

    /// What is wrong with the lesson's form (not whether its checks hold: see
    /// [`super::check::verify_lesson`]).
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        id("/id", &self.id, &mut out);
        text("/title", &self.title, &mut out);
        paragraphs("/text", &self.text, &mut out);
        sources("/sources", &self.sources, &mut out);
        if let Err(problem) = self.start_world() {
            out.push(problem);
        }
        if !(1..=30).contains(&self.minutes) {
            out.push(Problem::new(
                "/minutes",
                format!("`{}` minutes is not a lesson's length", self.minutes),
                Some("give 1 to 30 minutes"),
            ));
        }
        if self.shows.is_empty() {
            out.push(Problem::new(
                "/shows",
                "the lesson says nothing the starting world shows",
                Some("add a check for what the text claims, e.g. the step that fails"),
            ));
        }
        for (i, check) in self.shows.iter().enumerate() {
            check_form(&format!("/shows/{i}"), check, false, &mut out);
        }
        let mut ids = Vec::new();
        for (i, prediction) in self.predict.iter().enumerate() {
            let at = format!("/predict/{i}");
            id(&format!("{at}/id"), &prediction.id, &mut out);
            unique(&at, &prediction.id, &mut ids, &mut out);
            text(&format!("{at}/question"), &prediction.question, &mut out);
            text(&format!("{at}/reveal"), &prediction.reveal, &mut out);
            if prediction.choices.len() < 2 {
                out.push(Problem::new(format!("{at}/choices"), "a prediction needs at least two choices", None));
            }
            let mut choice_ids = Vec::new();
            for (j, choice) in prediction.choices.iter().enumerate() {
                let at = format!("{at}/choices/{j}");
                id(&format!("{at}/id"), &choice.id, &mut out);
                unique(&at, &choice.id, &mut choice_ids, &mut out);
                text(&format!("{at}/label"), &choice.label, &mut out);
                check_form(&format!("{at}/when"), &choice.when, false, &mut out);
            }
        }
        if self.tasks.is_empty() {
            out.push(Problem::new(
                "/tasks",
                "the lesson has no task",
                Some("add a \"try this\" task with its checks, hints and a solution"),
            ));
        }
        for (i, task) in self.tasks.iter().enumerate() {
            let at = format!("/tasks/{i}");
            id(&format!("{at}/id"), &task.id, &mut out);
            unique(&at, &task.id, &mut ids, &mut out);
            text(&format!("{at}/goal"), &task.goal, &mut out);
            if task.done.is_empty() {
                out.push(Problem::new(
                    format!("{at}/done"),
                    "the task has no check",
                    Some("say what must hold once the task is done"),
                ));
            }
            for (j, check) in task.done.iter().enumerate() {
                check_form(&format!("{at}/done/{j}"), check, false, &mut out);
            }
            if task.hints.len() != HINT_RUNGS {
                out.push(Problem::new(
                    format!("{at}/hints"),
                    format!("the hint ladder has {} rungs, not {HINT_RUNGS}", task.hints.len()),
                    Some("give a nudge, where to look, and the answer"),
                ));
            }
            for (j, hint) in task.hints.iter().enumerate() {
                text(&format!("{at}/hints/{j}"), hint, &mut out);
            }
            if task.solution.is_empty() {
                out.push(Problem::new(
                    format!("{at}/solution"),
                    "the task has no solution",
                    Some("give the edits that complete it, as JSON Patch operations"),
                ));
            }
        }
        out
    }
}

impl Challenge {
    /// Read and validate a challenge file.
    pub fn from_json(text: &str) -> Result<Self, Vec<Problem>> {
        let challenge: Self = read(text, "challenge")?;
        let problems = challenge.validate();
        if problems.is_empty() {
            Ok(challenge)
        } else {
            Err(problems)
        }
    }

    /// The starting world, as JSON.
    pub fn start_world(&self) -> Result<Value, Problem> {
        start_world(self.preset.as_deref(), self.world.as_ref())
    }

    /// What is wrong with the challenge's form (not whether its checks hold: see
    /// [`super::check::verify_challenge`]).
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        id("/id", &self.id, &mut out);
        text("/title", &self.title, &mut out);
        paragraphs("/goal", &self.goal, &mut out);
        sources("/sources", &self.sources, &mut out);
        if let Err(problem) = self.start_world() {
            out.push(problem);
        }
        for (i, pointer) in self.editable.iter().enumerate() {
            if !pointer.starts_with('/') {
                out.push(Problem::new(
                    format!("/editable/{i}"),
                    format!("`{pointer}` is not a JSON pointer"),
                    Some("start it with `/`, e.g. `/users/0/policies`"),
                ));
            }
        }
        let mut ids = Vec::new();
        for (i, check) in self.checks.iter().enumerate() {
            let at = format!("/checks/{i}");
            check_form(&at, check, true, &mut out);
            if let Some(check_id) = &check.id {
                unique(&at, check_id, &mut ids, &mut out);
            }
        }
        let sides: Vec<_> = self.checks.iter().map(super::check::side).collect();
        if !sides.contains(&super::check::Side::MustAllow) || !sides.contains(&super::check::Side::MustDeny) {
            out.push(Problem::new(
                "/checks",
                "a challenge needs checks on both sides: something that must work and something that must be denied",
                Some("least privilege is graded both ways: too strict and too loose"),
            ));
        }
        for (i, hint) in self.hints.iter().enumerate() {
            text(&format!("/hints/{i}"), hint, &mut out);
        }
        out
    }
}

impl Solutions {
    /// Read a solutions file.
    pub fn from_json(text: &str) -> Result<Self, Vec<Problem>> {
        read(text, "solutions file")
    }
}

/// The starting world a lesson or challenge names, with the AWS managed policies it attaches by
/// ARN filled in (see [`super::managed`]).
fn start_world(preset: Option<&str>, world: Option<&Value>) -> Result<Value, Problem> {
    let mut world = named_world(preset, world)?;
    super::managed::attach_all(&mut world);
    Ok(world)
}

fn named_world(preset: Option<&str>, world: Option<&Value>) -> Result<Value, Problem> {
    match (preset, world) {
        (Some(id), None) => {
            let text = preset_world(id).ok_or_else(|| {
                Problem::new(
                    "/preset",
                    format!("there is no seed story `{id}`"),
                    Some("`omen flow --presets` lists them"),
                )
            })?;
            serde_json::from_str(text)
                .map_err(|e| Problem::new("/preset", format!("the seed story `{id}` cannot be read: {e}"), None))
        }
        (None, Some(world @ Value::Object(_))) => Ok(world.clone()),
        (None, Some(_)) => {
            Err(Problem::new("/world", "the world must be a JSON object", Some("give the world `omen flow` reads")))
        }
        (Some(_), Some(_)) => Err(Problem::new("/preset", "give either `preset` or `world`, not both", None)),
        (None, None) => {
            Err(Problem::new("", "there is no starting world", Some("add `preset` (a seed story's id) or `world`")))
        }
    }
}

fn id(pointer: &str, value: &str, out: &mut Vec<Problem>) {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if !ok {
        out.push(Problem::new(
            pointer,
            format!("`{value}` is not an id"),
            Some("use lowercase letters, digits and `-`, up to 64 characters"),
        ));
    }
}

fn unique(pointer: &str, value: &str, seen: &mut Vec<String>, out: &mut Vec<Problem>) {
    if seen.iter().any(|s| s == value) {
        out.push(Problem::new(pointer, format!("the id `{value}` is used twice"), Some("give each one its own id")));
    } else {
        seen.push(value.to_string());
    }
}

fn has_japanese(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'))
}

/// Whether a text is only code in backticks (an action, a name), the same in every language.
fn only_code(text: &str) -> bool {
    text.split('`').step_by(2).all(|outside| !outside.chars().any(char::is_alphabetic))
}

pub(super) fn text(pointer: &str, value: &Text, out: &mut Vec<Problem>) {
    if value.en.trim().is_empty() {
        out.push(Problem::new(format!("{pointer}/en"), "the English text is empty", None));
    }
    if value.ja.trim().is_empty() {
        out.push(Problem::new(format!("{pointer}/ja"), "the Japanese text is empty", None));
    } else if !has_japanese(&value.ja) && !only_code(&value.ja) {
        out.push(Problem::new(
            format!("{pointer}/ja"),
            "the Japanese text has no Japanese in it",
            Some("write it in Japanese; IAM terms keep AWS's spelling"),
        ));
    }
}

fn paragraphs(pointer: &str, value: &Paragraphs, out: &mut Vec<Problem>) {
    if value.en.is_empty() || value.en.iter().any(|p| p.trim().is_empty()) {
        out.push(Problem::new(format!("{pointer}/en"), "an English paragraph is missing or empty", None));
    }
    if value.ja.is_empty() || value.ja.iter().any(|p| p.trim().is_empty()) {
        out.push(Problem::new(format!("{pointer}/ja"), "a Japanese paragraph is missing or empty", None));
    } else if !value.ja.iter().all(|p| has_japanese(p)) {
        out.push(Problem::new(format!("{pointer}/ja"), "a Japanese paragraph has no Japanese in it", None));
    }
    if value.en.len() != value.ja.len() {
        out.push(Problem::new(
            pointer,
            format!("{} English paragraphs but {} Japanese ones", value.en.len(), value.ja.len()),
            Some("say the same things in both languages, paragraph by paragraph"),
        ));
    }
}

fn sources(pointer: &str, value: &[Source], out: &mut Vec<Problem>) {
    if value.is_empty() {
        out.push(Problem::new(
            pointer,
            "no source is given",
            Some("link the AWS page (title and URL) or the seed article each fact comes from"),
        ));
    }
    for (i, source) in value.iter().enumerate() {
        let at = format!("{pointer}/{i}");
        if source.title.trim().is_empty() {
            out.push(Problem::new(format!("{at}/title"), "the source has no title", None));
        }
        match (&source.url, &source.seed) {
            (None, None) => out.push(Problem::new(at.clone(), "the source has neither `url` nor `seed`", None)),
            (Some(url), _)
                if !url.starts_with("https://docs.aws.amazon.com/") && !url.starts_with("https://aws.amazon.com/") =>
            {
                out.push(Problem::new(
                    format!("{at}/url"),
                    format!("`{url}` is not an AWS page"),
                    Some("cite AWS's own documentation"),
                ));
            }
            (_, Some(seed)) if !SEEDS.contains(&seed.as_str()) => {
                out.push(Problem::new(
                    format!("{at}/seed"),
                    format!("there is no seed article `{seed}`"),
                    Some("use `000`, `001`, `002` or `003`"),
                ));
            }
            _ => {}
        }
    }
}

fn check_form(pointer: &str, check: &Check, in_challenge: bool, out: &mut Vec<Problem>) {
    let subjects = [
        ("flow", check.flow.is_some()),
        ("step", check.step.is_some()),
        ("request", check.request.is_some()),
        ("warning", check.warning.is_some()),
        ("cloudtrail", check.cloudtrail.is_some()),
        ("session", check.session.is_some()),
        ("policy", check.policy.is_some()),
    ];
    let named: Vec<&str> = subjects.iter().filter(|(_, on)| *on).map(|(name, _)| *name).collect();
    let subject = match named.as_slice() {
        [one] => *one,
        [] => {
            out.push(Problem::new(
                pointer,
                "the check says nothing to check",
                Some("give one of `flow`, `step`, `request`, `warning`, `cloudtrail`, `session`, `policy`"),
            ));
            return;
        }
        many => {
            out.push(Problem::new(
                pointer,
                format!("the check names {} things to check: `{}`", many.len(), many.join("`, `")),
                Some("split it into one check each"),
            ));
            return;
        }
    };
    let needs_is = matches!(subject, "step" | "request");
    if needs_is && check.is.is_none() {
        out.push(Problem::new(
            pointer,
            format!("a `{subject}` check needs `is`"),
            Some("say what it must come to: `allowed`, `denied`, …"),
        ));
    }
    if !needs_is && check.is.is_some() {
        out.push(Problem::new(format!("{pointer}/is"), format!("a `{subject}` check takes no `is`"), None));
    }
    let takes_present = matches!(subject, "warning" | "cloudtrail" | "session" | "policy");
    if !takes_present && check.present.is_some() {
        out.push(Problem::new(format!("{pointer}/present"), format!("a `{subject}` check takes no `present`"), None));
    }
    if check.error_code.is_some() && !matches!(subject, "flow" | "step") {
        out.push(Problem::new(format!("{pointer}/errorCode"), "`errorCode` belongs to a `flow` or `step` check", None));
    }
    if check.decoded.is_some() && subject != "step" {
        out.push(Problem::new(format!("{pointer}/decoded"), "`decoded` belongs to a `step` check", None));
    }
    if let Some(request) = &check.request {
        if check.action.is_some() {
            out.push(Problem::new(
                format!("{pointer}/action"),
                "a `request` check plays no flow, so it takes no `action`",
                None,
            ));
        }
        if request.action.trim().is_empty() || !request.action.contains(':') {
            out.push(Problem::new(
                format!("{pointer}/request/action"),
                format!("`{}` is not an action", request.action),
                Some("write it as `service:Action`, e.g. `s3:GetObject`"),
            ));
        }
    }
    if let Some(step) = &check.step {
        if step.trim().is_empty() {
            out.push(Problem::new(
                format!("{pointer}/step"),
                "the step id is empty",
                Some("`omen flow` prints each step's id"),
            ));
        }
    }
    if let Some(action) = &check.action {
        // Exactly one of the world's actions ("AssumeRoleWithWebIdentity" and
        // "AssumeRoleWithSAML" for a federated caller, e.g. a CI pipeline's token).
        let given = ["passRole", "assumeRole", "assumeRoleWithWebIdentity", "assumeRoleWithSaml"]
            .iter()
            .filter(|kind| action.get(**kind).is_some())
            .count();
        if given != 1 {
            out.push(Problem::new(
                format!("{pointer}/action"),
                "the action must give one of `passRole`, `assumeRole`, `assumeRoleWithWebIdentity` and `assumeRoleWithSaml`",
                Some("it takes the form of the world's `action`"),
            ));
        }
    }
    if let Some(policy) = &check.policy {
        if !policy.at.starts_with('/') {
            out.push(Problem::new(
                format!("{pointer}/policy/at"),
                format!("`{}` is not a JSON pointer", policy.at),
                None,
            ));
        }
    }
    if in_challenge {
        match &check.id {
            Some(check_id) => id(&format!("{pointer}/id"), check_id, out),
            None => out.push(Problem::new(pointer, "a challenge's check needs an `id`", None)),
        }
        match &check.say {
            Some(say) => text(&format!("{pointer}/say"), say, out),
            None => out.push(Problem::new(
                pointer,
                "a challenge's check needs `say`",
                Some("say what it is about, without giving the answer away"),
            )),
        }
    } else if let Some(say) = &check.say {
        text(&format!("{pointer}/say"), say, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORLD: &str = r#"{"preset": "ec2-full-access-without-passrole"}"#;

    fn lesson(extra: &str) -> String {
        format!(
            r#"{{"id": "l", "title": {{"en": "T", "ja": "題"}}, "minutes": 5,
                "text": {{"en": ["a"], "ja": ["あ"]}},
                "sources": [{{"title": "Grant a user permissions to pass a role to an AWS service",
                              "url": "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html"}}],
                "preset": "ec2-full-access-without-passrole",
                "shows": [{{"step": "passRole", "is": "implicitDeny"}}],
                "tasks": [{{"id": "t", "goal": {{"en": "g", "ja": "目標"}},
                            "done": [{{"step": "passRole", "is": "allowed"}}],
                            "hints": [{{"en": "1", "ja": "一"}}, {{"en": "2", "ja": "二"}}, {{"en": "3", "ja": "三"}}],
                            "solution": [{{"op": "remove", "path": "/users/0/policies/0"}}]}}]{extra}}}"#
        )
    }

    #[test]
    fn a_well_formed_lesson_reads() {
        let lesson = Lesson::from_json(&lesson("")).unwrap();
        assert_eq!(lesson.tasks[0].hints.len(), 3);
        assert!(lesson.start_world().unwrap().get("users").is_some());
        let _ = WORLD;
    }

    /// Each broken lesson and the problem it must report, at its pointer.
    #[test]
    fn broken_lessons_say_what_is_wrong() {
        let cases: [(&str, &str, &str, &str); 6] = [
            (r#""id": "l""#, r#""id": "Lesson 1""#, "/id", "`Lesson 1` is not an id"),
            (r#""ja": "題""#, r#""ja": "Title""#, "/title/ja", "the Japanese text has no Japanese in it"),
            (r#""ja": ["あ"]"#, r#""ja": ["あ", "い"]"#, "/text", "1 English paragraphs but 2 Japanese ones"),
            (r#"{"en": "3", "ja": "三"}"#, "", "/tasks/0/hints", "the hint ladder has 2 rungs, not 3"),
            (
                r#"{"step": "passRole", "is": "implicitDeny"}"#,
                r#"{"step": "passRole"}"#,
                "/shows/0",
                "a `step` check needs `is`",
            ),
            (
                r#""preset": "ec2-full-access-without-passrole""#,
                r#""preset": "nope""#,
                "/preset",
                "there is no seed story `nope`",
            ),
        ];
        for (from, to, pointer, message) in cases {
            let text = lesson("").replacen(from, to, 1).replace(", ]", "]");
            let problems = Lesson::from_json(&text).unwrap_err();
            assert!(
                problems.iter().any(|p| p.pointer == pointer && p.message == message),
                "{pointer}: {message} not in {problems:?}"
            );
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let problems = Lesson::from_json(&lesson(r#", "colour": "red""#)).unwrap_err();
        assert!(problems[0].message.contains("unknown field `colour`"), "{problems:?}");
    }

    #[test]
    fn a_check_names_one_thing() {
        let check = Check { flow: Some(FlowExpectation::Fails), step: Some("api".into()), ..Check::default() };
        let mut out = Vec::new();
        check_form("/c", &check, false, &mut out);
        assert_eq!(out[0].message, "the check names 2 things to check: `flow`, `step`");
    }
}
