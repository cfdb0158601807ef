//! Checking what must hold of a world: a flow's outcome, a step's decision, a request as someone,
//! a warning, a CloudTrail record, the session, a policy property. Tasks turn done, predictions
//! are answered and challenges are graded with these checks.

use super::adapter::{evaluate_case, play_world, PlayedFlow, Verdict};
use super::material::{Challenge, Check, Expectation, FlowExpectation, Lesson, Problem};
use super::patch;
use super::world::{document_value, request_case, with_action};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Which way a check points, for grading least privilege.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// Something must work: failing it is "too strict".
    MustAllow,
    /// Something must be refused: failing it is "too loose".
    MustDeny,
    /// Neither (a warning, a record, a property).
    Neither,
}

/// Which way `check` points.
pub fn side(check: &Check) -> Side {
    if let Some(flow) = check.flow {
        return match flow {
            FlowExpectation::Succeeds => Side::MustAllow,
            FlowExpectation::Fails => Side::MustDeny,
        };
    }
    match check.is {
        Some(Expectation::Allowed | Expectation::NotRequired) => Side::MustAllow,
        Some(Expectation::Denied | Expectation::ExplicitDeny | Expectation::ImplicitDeny | Expectation::Failed) => {
            Side::MustDeny
        }
        Some(Expectation::Skipped) | None => Side::Neither,
    }
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    /// Whether it holds.
    pub holds: bool,
    /// What was found (`implicitDeny`, `succeeds`, `present`, …).
    pub found: String,
    /// Which way the check points.
    pub side: Side,
    /// Why the check could not be made, if it could not (an unknown step or principal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl CheckResult {
    fn of(holds: bool, found: impl Into<String>, side: Side) -> Self {
        Self { holds, found: found.into(), side, error: None }
    }

    fn error(side: Side, error: String) -> Self {
        Self { holds: false, found: "error".into(), side, error: Some(error) }
    }
}

/// Whether `actual` contains `expected`: objects by their fields, arrays element by element
/// (each expected element found somewhere), `{"startsWith": s}` and `{"contains": s}` on
/// strings, anything else by equality.
pub fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::String(text), Value::Object(matcher)) if matcher.len() == 1 => {
            match (matcher.get("startsWith"), matcher.get("contains")) {
                (Some(Value::String(prefix)), None) => text.starts_with(prefix.as_str()),
                (None, Some(Value::String(part))) => text.contains(part.as_str()),
                _ => false,
            }
        }
        (Value::Object(actual), Value::Object(expected)) => {
            expected.iter().all(|(key, value)| actual.get(key).is_some_and(|inner| contains(inner, value)))
        }
        (Value::Array(actual), Value::Array(expected)) => {
            expected.iter().all(|e| actual.iter().any(|a| contains(a, e)))
        }
        _ => actual == expected,
    }
}

/// Whether `verdict` meets `expectation`.
pub fn meets(verdict: Verdict, expectation: Expectation) -> bool {
    match expectation {
        Expectation::Allowed => verdict == Verdict::Allowed,
        Expectation::Denied => verdict.is_denial() || verdict == Verdict::Skipped,
        Expectation::ExplicitDeny => verdict == Verdict::ExplicitDeny,
        Expectation::ImplicitDeny => verdict == Verdict::ImplicitDeny,
        Expectation::Failed => verdict == Verdict::Failed,
        Expectation::NotRequired => verdict == Verdict::NotRequired,
        Expectation::Skipped => verdict == Verdict::Skipped,
    }
}

/// Checks one world, playing each distinct action once.
pub struct Checker {
    world: Value,
    played: BTreeMap<String, PlayedFlow>,
}

impl Checker {
    /// A checker for `world`.
    pub fn new(world: &Value) -> Self {
        Self { world: world.clone(), played: BTreeMap::new() }
    }

    /// The world checked.
    pub fn world(&self) -> &Value {
        &self.world
    }

    /// The world played with `action` in place of its own (or as it is).
    pub fn played(&mut self, action: Option<&Value>) -> &PlayedFlow {
        let key = action.map(Value::to_string).unwrap_or_default();
        let world = &self.world;
        self.played.entry(key).or_insert_with(|| match action {
            Some(action) => play_world(&with_action(world, action)),
            None => play_world(world),
        })
    }

    /// Check `check`.
    pub fn check(&mut self, check: &Check) -> CheckResult {
        let side = side(check);
        let present = check.present.unwrap_or(true);
        if let Some(spec) = &check.request {
            let Some(expectation) = check.is else {
                return CheckResult::error(side, "the check has no `is`".into());
            };
            let outcome = request_case(&self.world, spec).and_then(|case| evaluate_case(&case));
            return match outcome {
                Ok(evaluated) => {
                    CheckResult::of(meets(evaluated.verdict, expectation), evaluated.verdict.as_str(), side)
                }
                Err(error) => CheckResult::error(side, error),
            };
        }
        if let Some(property) = &check.policy {
            return match self.world.pointer(&property.at) {
                Some(found) => {
                    let uses = policy_uses(found, &property.uses);
                    CheckResult::of(uses == present, if uses { "present" } else { "absent" }, side)
                }
                None => CheckResult::of(!present, "absent", side),
            };
        }
        let played = self.played(check.action.as_ref());
        if let Some(flow) = check.flow {
            let found = if played.succeeded { "succeeds" } else { "fails" };
            let wanted = flow == FlowExpectation::Succeeds;
            let code_ok = check.error_code.as_ref().is_none_or(|code| played.error_code.as_ref() == Some(code));
            let found = match &played.error_code {
                Some(code) if !played.succeeded => format!("{found} ({code})"),
                _ => found.to_string(),
            };
            return CheckResult::of(played.succeeded == wanted && code_ok, found, side);
        }
        if let Some(step_id) = &check.step {
            let Some(step) = played.step(step_id) else {
                if played.steps.is_empty() {
                    let problems: Vec<&str> = played.problems.iter().map(|p| p.message.en.as_str()).collect();
                    return CheckResult::error(side, format!("the world plays no step: {}", problems.join("; ")));
                }
                let ids: Vec<&str> = played.steps.iter().map(|s| s.id.as_str()).collect();
                return CheckResult::error(
                    side,
                    format!("the flow has no step `{step_id}`; it has `{}`", ids.join("`, `")),
                );
            };
            let Some(expectation) = check.is else {
                return CheckResult::error(side, "the check has no `is`".into());
            };
            let code_ok = check.error_code.as_ref().is_none_or(|code| step.error_code.as_ref() == Some(code));
            let decoded_ok = check
                .decoded
                .as_ref()
                .is_none_or(|wanted| step.decoded_message.as_ref().is_some_and(|found| contains(found, wanted)));
            return CheckResult::of(
                meets(step.verdict, expectation) && code_ok && decoded_ok,
                step.verdict.as_str(),
                side,
            );
        }
        let found = if let Some(code) = &check.warning {
            played.has_warning(code)
        } else if let Some(record) = &check.cloudtrail {
            played.cloudtrail.iter().any(|r| contains(r, record))
        } else if let Some(session) = &check.session {
            played.session.as_ref().is_some_and(|s| contains(s, session))
        } else {
            return CheckResult::error(side, "the check says nothing to check".into());
        };
        CheckResult::of(found == present, if found { "present" } else { "absent" }, side)
    }

    /// Whether every check holds.
    pub fn all_hold(&mut self, checks: &[Check]) -> bool {
        checks.iter().all(|c| self.check(c).holds)
    }
}

/// Whether some statement of the policies at `found` names `uses` as a condition key or an
/// action (without regard to case).
pub fn policy_uses(found: &Value, uses: &str) -> bool {
    let documents: Vec<Value> = match found {
        Value::Array(entries) => entries.iter().map(super::world::document_of).collect(),
        other => vec![super::world::document_of(other)],
    };
    let wanted = uses.to_ascii_lowercase();
    let names = |value: Option<&Value>| match value {
        Some(Value::String(text)) => text.to_ascii_lowercase() == wanted,
        Some(Value::Array(items)) => items.iter().any(|i| i.as_str().is_some_and(|t| t.to_ascii_lowercase() == wanted)),
        _ => false,
    };
    documents.iter().filter_map(document_value).any(|document| {
        let statements = match document.get("Statement") {
            Some(Value::Array(items)) => items.clone(),
            Some(one @ Value::Object(_)) => vec![one.clone()],
            _ => Vec::new(),
        };
        statements.iter().any(|statement| {
            let in_condition = statement.get("Condition").and_then(Value::as_object).is_some_and(|operators| {
                operators
                    .values()
                    .filter_map(Value::as_object)
                    .any(|keys| keys.keys().any(|k| k.to_ascii_lowercase() == wanted))
            });
            in_condition || names(statement.get("Action")) || names(statement.get("NotAction"))
        })
    })
}

/// A task's progress: each of its checks and whether the task is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskProgress {
    /// The task's id.
    pub id: String,
    /// Whether every check holds.
    pub done: bool,
    /// Each check.
    pub checks: Vec<CheckResult>,
}

/// Which tasks of `lesson` the attendee's `world` completes.
pub fn lesson_progress(lesson: &Lesson, world: &Value) -> Vec<TaskProgress> {
    let mut checker = Checker::new(world);
    lesson
        .tasks
        .iter()
        .map(|task| {
            let checks: Vec<CheckResult> = task.done.iter().map(|c| checker.check(c)).collect();
            TaskProgress { id: task.id.clone(), done: checks.iter().all(|c| c.holds), checks }
        })
        .collect()
}

/// The right answer to each prediction of `lesson`, on its starting world: the ids of the
/// choices whose check holds.
pub fn prediction_answers(lesson: &Lesson) -> Result<BTreeMap<String, Vec<String>>, Problem> {
    let world = lesson.start_world()?;
    let mut checker = Checker::new(&world);
    Ok(lesson
        .predict
        .iter()
        .map(|p| {
            let right = p.choices.iter().filter(|c| checker.check(&c.when).holds).map(|c| c.id.clone()).collect();
            (p.id.clone(), right)
        })
        .collect())
}

fn problems_of(pointer: &str, result: &CheckResult, what: &str) -> Option<Problem> {
    if let Some(error) = &result.error {
        return Some(Problem {
            pointer: pointer.into(),
            message: format!("the check cannot be made: {error}"),
            message_ja: None,
            help: None,
        });
    }
    (!result.holds).then(|| Problem {
        pointer: pointer.into(),
        message: format!("{what}, but it finds `{}`", result.found),
        message_ja: None,
        help: None,
    })
}

fn world_problems(world: &Value, pointer: &str) -> Vec<Problem> {
    let played = play_world(world);
    let mut out: Vec<Problem> = played
        .problems
        .iter()
        .filter(|p| p.error)
        .map(|p| Problem {
            pointer: format!("{pointer}{}", p.pointer.clone().unwrap_or_default()),
            message: format!("the world cannot be played as it is: {}", p.message.en),
            message_ja: Some(format!("このワールドはこのままでは再生できません: {}", p.message.ja)),
            help: None,
        })
        .collect();
    if played.kind == "none" && out.is_empty() {
        out.push(Problem {
            pointer: pointer.into(),
            message: "the world plays no flow".into(),
            message_ja: Some("このワールドには再生するフローがありません".into()),
            help: Some("give it an `action`".into()),
        });
    }
    out
}

/// Whether a lesson's material holds up: its starting world plays, shows what the text claims,
/// each prediction has exactly one right answer, each task is not already done and its solution
/// completes it.
pub fn verify_lesson(lesson: &Lesson) -> Vec<Problem> {
    let world = match lesson.start_world() {
        Ok(world) => world,
        Err(problem) => return vec![problem],
    };
    let mut out = world_problems(&world, "/world");
    let mut checker = Checker::new(&world);
    for (i, check) in lesson.shows.iter().enumerate() {
        out.extend(problems_of(
            &format!("/shows/{i}"),
            &checker.check(check),
            "the text claims this of the starting world",
        ));
    }
    for (i, prediction) in lesson.predict.iter().enumerate() {
        let right: Vec<&str> =
            prediction.choices.iter().filter(|c| checker.check(&c.when).holds).map(|c| c.id.as_str()).collect();
        if right.len() != 1 {
            out.push(Problem {
                pointer: format!("/predict/{i}"),
                message: format!(
                    "{} choices are right on the starting world (`{}`), not one",
                    right.len(),
                    right.join("`, `")
                ),
                message_ja: None,
                help: Some("make exactly one choice's `when` hold".into()),
            });
        }
    }
    for (i, task) in lesson.tasks.iter().enumerate() {
        if checker.all_hold(&task.done) {
            out.push(Problem {
                pointer: format!("/tasks/{i}"),
                message: format!("the task `{}` is already done in the starting world", task.id),
                message_ja: None,
                help: None,
            });
        }
        match patch::apply(&world, &task.solution) {
            Ok(solved) => {
                out.extend(world_problems(&solved, &format!("/tasks/{i}/solution")));
                let mut solved_checker = Checker::new(&solved);
                for (j, check) in task.done.iter().enumerate() {
                    out.extend(problems_of(
                        &format!("/tasks/{i}/done/{j}"),
                        &solved_checker.check(check),
                        "the solution should make this hold",
                    ));
                }
            }
            Err(error) => out.push(Problem {
                pointer: format!("/tasks/{i}/solution"),
                message: format!("the solution does not apply: {error}"),
                message_ja: None,
                help: None,
            }),
        }
    }
    out
}

/// The problems of a challenge's starting world itself — the errors that stop it playing as it
/// is, each in English and Japanese — as the page tells a teacher whose challenge it reads (the
/// rest of [`verify_challenge`] is `omen workshop verify`'s).
pub fn starting_world_problems(challenge: &Challenge) -> Vec<Problem> {
    match challenge.start_world() {
        Ok(world) => world_problems(&world, "/world"),
        Err(problem) => vec![problem],
    }
}

/// Whether a challenge holds up: its starting world plays, every check can be made on it, and
/// the starting world does not already solve it.
pub fn verify_challenge(challenge: &Challenge) -> Vec<Problem> {
    let world = match challenge.start_world() {
        Ok(world) => world,
        Err(problem) => return vec![problem],
    };
    let mut out = world_problems(&world, "/world");
    let mut checker = Checker::new(&world);
    let mut all_hold = true;
    for (i, check) in challenge.checks.iter().enumerate() {
        let result = checker.check(check);
        all_hold &= result.holds;
        if let Some(error) = result.error {
            out.push(Problem {
                pointer: format!("/checks/{i}"),
                message: format!("the check cannot be made: {error}"),
                message_ja: None,
                help: None,
            });
        }
        // A must-deny check on a call the service refuses before reading any policy (a malformed
        // call) passes whatever the attendee writes.
        if result.side == Side::MustDeny && result.found == "failed" && check.is != Some(Expectation::Failed) {
            out.push(Problem {
                pointer: format!("/checks/{i}"),
                message: "the call is refused before any policy is read, so the check tests no policy".into(),
                message_ja: None,
                help: Some("make the call well formed, or say `\"is\": \"failed\"` if the refusal is the point".into()),
            });
        }
    }
    if all_hold {
        out.push(Problem {
            pointer: "/checks".into(),
            message: "the starting world already passes every check".into(),
            message_ja: None,
            help: Some("start from a world that is too strict or too loose".into()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(value: Value) -> Check {
        serde_json::from_value(value).unwrap()
    }

    fn preset(id: &str) -> Value {
        serde_json::from_str(super::super::adapter::preset_world(id).unwrap()).unwrap()
    }

    /// Checks on the seed story "EC2 launch with only AmazonEC2FullAccess" (seed 000), each with
    /// whether it holds and what it finds.
    #[test]
    fn checks_the_seed_launch() {
        let world = preset("ec2-full-access-without-passrole");
        let mut checker = Checker::new(&world);
        let user = "arn:aws:iam::111122223333:user/test-user";
        let role = "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ";
        let cases = [
            (
                json!({"flow": "fails", "errorCode": "Client.UnauthorizedOperation"}),
                true,
                "fails (Client.UnauthorizedOperation)",
            ),
            (json!({"flow": "succeeds"}), false, "fails (Client.UnauthorizedOperation)"),
            (json!({"step": "api", "is": "allowed"}), true, "allowed"),
            (json!({"step": "passRole", "is": "denied"}), true, "implicitDeny"),
            (
                json!({"step": "passRole", "is": "implicitDeny", "decoded": {"context": {"action": "iam:PassRole", "resource": role}}}),
                true,
                "implicitDeny",
            ),
            (json!({"step": "serviceAssumeRole", "is": "skipped"}), false, "allowed"),
            (
                json!({"request": {"as": user, "action": "iam:PassRole", "resource": role}, "is": "implicitDeny"}),
                true,
                "implicitDeny",
            ),
            (json!({"request": {"as": user, "action": "ec2:RunInstances"}, "is": "allowed"}), true, "allowed"),
            (
                json!({"request": {"as": role, "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "is": "allowed"}),
                true,
                "allowed",
            ),
            (
                json!({"request": {"as": "ec2.amazonaws.com", "action": "sts:AssumeRole", "resource": role}, "is": "allowed"}),
                true,
                "allowed",
            ),
            (
                json!({"cloudtrail": {"eventName": "RunInstances", "errorCode": "Client.UnauthorizedOperation"}}),
                true,
                "present",
            ),
            (json!({"cloudtrail": {"eventName": "PassRole"}, "present": false}), true, "absent"),
            (json!({"warning": "passrole-broader-role"}), true, "present"),
            (json!({"policy": {"at": "/users/0/policies", "uses": "iam:PassRole"}, "present": false}), true, "absent"),
            (json!({"policy": {"at": "/users/0/policies", "uses": "iam:awsservicename"}}), true, "present"),
            (
                json!({"action": {"passRole": {"caller": user, "api": "ec2:RunInstances", "role": role, "region": "eu-west-1"}}, "step": "passRole", "is": "denied"}),
                true,
                "implicitDeny",
            ),
            (
                json!({"action": {"assumeRole": {"caller": "ec2.amazonaws.com", "role": role}}, "flow": "succeeds"}),
                true,
                "succeeds",
            ),
        ];
        for (value, holds, found) in cases {
            let result = checker.check(&check(value.clone()));
            assert_eq!((result.holds, result.found.as_str()), (holds, found), "{value}: {result:?}");
        }
    }

    #[test]
    fn a_missing_step_is_an_error_not_a_verdict() {
        let world = preset("ec2-full-access-without-passrole");
        let result = Checker::new(&world).check(&check(json!({"step": "hop1.assumeRole", "is": "denied"})));
        assert!(!result.holds);
        assert!(result.error.unwrap().starts_with("the flow has no step `hop1.assumeRole`; it has `api`, `passRole`"));
    }

    #[test]
    fn flags_a_challenge_check_that_tests_no_policy() {
        let user = "arn:aws:iam::777788889999:user/vendor-bot";
        let role = "arn:aws:iam::111122223333:role/VendorIntegration";
        let say = json!({"en": "a call", "ja": "呼び出し"});
        let challenge: Challenge = serde_json::from_value(json!({
            "id": "c", "title": say, "goal": {"en": ["g"], "ja": ["目標"]},
            "sources": [{"title": "AssumeRole", "url": "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"}],
            // The story, its ReadOnlyAccess filled in (it attaches it by ARN).
            "world": crate::flow::filled_in(crate::flow::preset("external-id").unwrap().world_json),
            "checks": [
                {"id": "works", "say": say, "flow": "succeeds"},
                {"id": "malformed", "say": say, "action": {"assumeRole": {"caller": user, "role": role, "roleSessionName": "x"}},
                 "step": "hop1.assumeRole", "is": "denied"}
            ]
        }))
        .unwrap();
        assert!(challenge.validate().is_empty());
        let problems = verify_challenge(&challenge);
        let messages: Vec<(&str, &str)> = problems.iter().map(|p| (p.pointer.as_str(), p.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                ("/checks/1", "the call is refused before any policy is read, so the check tests no policy"),
                ("/checks", "the starting world already passes every check"),
            ]
        );
    }

    #[test]
    fn matches_fields_inside_records() {
        let record = json!({"a": {"b": [1, 2, {"c": "ASIAEXAMPLE"}]}, "d": "x"});
        assert!(contains(&record, &json!({"a": {"b": [{"c": {"startsWith": "ASIA"}}]}})));
        assert!(contains(&record, &json!({"a": {"b": [2]}})));
        assert!(!contains(&record, &json!({"a": {"b": [3]}})));
        assert!(!contains(&record, &json!({"e": null})));
    }
}
