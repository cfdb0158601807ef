//! PassRole and AssumeRole flows: the multi-step stories people actually hit, played step by step
//! on top of the single-request evaluator ([`crate::evaluate::evaluate`]), each step with its
//! decision, explanation, the service's error text and a verified fix.
//!
//! A [`World`] (JSON: accounts, users, roles, and the action) goes in; a [`FlowResult`] comes out.
//! [`play`] never panics: a world that cannot be played yields a result with diagnostics.
//!
//! ```
//! let world = omen_core::flow::World::from_json(omen_core::flow::presets()[0].world_json).unwrap();
//! let result = omen_core::flow::play(&world);
//! assert_eq!(result.failed_step.as_deref(), Some("passRole"));
//! ```
//!
//! # The world, as JSON
//!
//! ```text
//! {
//!   "name": "…", "now": "2024-05-01T12:00:00Z",
//!   "accounts": [{"id": "111122223333", "name": "dev", "managementAccount": "…",
//!                 "scps": [[POLICY, …], …], "rcps": [[POLICY, …], …]}],   // levels, root first
//!   "users": [{"arn": "arn:aws:iam::111122223333:user/alice",          // or account + name + path
//!              "policies": [POLICY, …], "groups": [{"name": "devs", "policies": [POLICY]}],
//!              "permissionsBoundary": POLICY, "tags": {"team": "blue"}, "mfa": false}],
//!   "roles": [{"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": DOCUMENT,
//!              "policies": [POLICY, …], "permissionsBoundary": POLICY, "tags": {…},
//!              "maxSessionDuration": 3600, "serviceLinked": false}],
//!   "action": {"passRole": {…}} | {"assumeRole": {…}, "chain": [{…}], "then": [ACTION, …]}
//! }
//! ```
//!
//! `POLICY` is `{"name": …, "document": DOCUMENT, "awsManaged": false}` or a bare `DOCUMENT`; a
//! `DOCUMENT` is a JSON string holding the policy text (so that ranges map onto the editor) or a
//! JSON object. An `ACTION` is `"s3:GetObject"` or `{"action", "resource", "resourceAccount",
//! "region", "context", "resourcePolicy"}`.
//!
//! `passRole`: `{"caller", "api", "role", "parameter", "region", "resourceName", "blastRadius"}`
//! — `api` is one of [`catalogue::CATALOGUE`]; no `role` lets Auto Scaling use its service-linked
//! role. Steps: `api`, (`createServiceLinkedRole`), `passRole`, `serviceAssumeRole`,
//! `blastRadius`.
//!
//! `assumeRole` and each `chain` hop: `{"caller", "role", "roleSessionName", "externalId",
//! "mfa": {"serialNumber", "tokenCode"}, "durationSeconds", "sessionPolicy", "tags",
//! "transitiveTagKeys", "sourceIdentity", "viaConsoleSwitchRole", "sourceAccount", "sourceArn",
//! "then"}`. A hop without `caller` is made by the previous hop's session (role chaining), except
//! after a console switch role, which always starts again from the IAM user. Steps for hop N:
//! `hopN.assumeRole`, (`hopN.tagSession`), (`hopN.setSourceIdentity`), `hopN.then.I`; then
//! `then.I` for the last session.
//!
//! A flow *succeeds* when the role is handed over or the mask is on; what the session then may do
//! is shown by the `…then…` steps, each with its own decision (and fix).

pub mod assume_role;
pub mod caller;
pub mod catalogue;
pub mod clock;
pub mod cloudtrail;
pub mod edit;
pub mod fix;
pub mod message;
pub mod passrole;
pub mod play;
pub mod policies;
pub mod presets;
pub mod render;
pub mod result;
pub mod session;
pub mod world;

pub use fix::{Change, Fix, PolicyChange, PolicyEdit, RequestChange};
pub use message::{decode_authorization_message, encode_authorization_message};
pub use policies::{FlowDiagnostic, PolicyLocation, PolicySource};
pub use presets::{preset, presets, Preset};
pub use render::render_text;
pub use result::{FlowKind, FlowResult, FlowWarning, Step, StepDecision, StepKind, Text};
pub use session::{ChainHop, FakeCredentials, SessionInfo};
pub use world::{AssumeRoleParams, PassRoleAction, SessionAction, World};

use fix::StepMeta;
use play::Play;

/// Play `world`: every step, the session, CloudTrail, warnings, and a verified fix for each
/// failing step.
pub fn play(world: &World) -> FlowResult {
    let (mut result, metas) = play_without_fixes(world);
    let replay = |changed: &World| play_without_fixes(changed);
    for (step, meta) in result.steps.iter_mut().zip(&metas) {
        if step.decision.is_failure() {
            step.fix = fix::suggest(world, &step.id, meta, &replay);
        }
    }
    result
}

/// Play a world given as JSON and return the [`FlowResult`] as JSON. The output always parses;
/// a world that cannot be read comes back as a result with diagnostics.
pub fn play_json(world_json: &str) -> String {
    let result = match World::from_json(world_json) {
        Ok(world) => play(&world),
        Err(error) => FlowResult::unplayable(vec![FlowDiagnostic::world("invalid-world", error, None)]),
    };
    serde_json::to_string(&result).unwrap_or_else(|_| String::from("{\"flow\":\"none\",\"succeeded\":false}"))
}

/// Play without looking for fixes: the result and the fixer's notes for each step.
pub fn play_without_fixes(world: &World) -> (FlowResult, Vec<StepMeta>) {
    let mut play = Play::new(world);
    let flow = match &world.action {
        None => {
            play.problem(
                "no-action",
                "the world has no `action` to play: add `passRole` or `assumeRole`".into(),
                Some("/action".into()),
            );
            FlowKind::None
        }
        Some(action) => match (&action.pass_role, &action.assume_role) {
            (Some(pass_role), None) => {
                if !action.chain.is_empty() || !action.then.is_empty() {
                    play.problem(
                        "ignored-fields",
                        "`chain` and `then` belong to `assumeRole`; a PassRole flow ignores them (use `blastRadius`)"
                            .into(),
                        Some("/action".into()),
                    );
                }
                passrole::play_pass_role(&mut play, pass_role);
                FlowKind::PassRole
            }
            (None, Some(_)) => {
                assume_role::play_assume_role(&mut play, action);
                FlowKind::AssumeRole
            }
            (Some(_), Some(_)) => {
                play.problem(
                    "two-actions",
                    "give either `passRole` or `assumeRole`, not both".into(),
                    Some("/action".into()),
                );
                FlowKind::None
            }
            (None, None) => {
                play.problem("no-action", "the action needs `passRole` or `assumeRole`".into(), Some("/action".into()));
                FlowKind::None
            }
        },
    };
    // The flow succeeds when the role is handed over or the mask is on; what the session then
    // may or may not do is shown step by step, not counted as the flow failing.
    let failed = play.steps.iter().find(|s| s.decision.is_failure() && s.kind != StepKind::ActAsSession);
    let failed_step = failed.map(|s| s.id.clone());
    let error_code = failed.and_then(|s| s.error_code.clone());
    let error_message = failed.and_then(|s| s.error_message.clone());
    let succeeded = flow != FlowKind::None && failed_step.is_none() && !play.steps.is_empty();
    let mut diagnostics = play.resolved.diagnostics.clone();
    diagnostics.extend(play.diagnostics);
    let result = FlowResult {
        name: world.name.clone(),
        flow,
        succeeded,
        failed_step,
        error_code,
        error_message,
        steps: play.steps,
        session: play.session,
        chain: play.chain,
        cloudtrail: play.cloudtrail,
        warnings: play.warnings,
        diagnostics,
    };
    (result, play.metas)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every JSON pointer of `value`, leaves and inner nodes.
    fn pointers(value: &Value, prefix: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let pointer = format!("{prefix}/{}", key.replace('~', "~0").replace('/', "~1"));
                    out.push(pointer.clone());
                    pointers(inner, pointer, out);
                }
            }
            Value::Array(items) => {
                for (index, inner) in items.iter().enumerate() {
                    let pointer = format!("{prefix}/{index}");
                    out.push(pointer.clone());
                    pointers(inner, pointer, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn never_panics_on_damaged_worlds() {
        let junk =
            [Value::Null, Value::String(String::new()), Value::String("{\"Statement\":[".into()), Value::from(-1)];
        for preset in presets() {
            let world: Value = serde_json::from_str(preset.world_json).unwrap();
            let mut all = Vec::new();
            pointers(&world, String::new(), &mut all);
            for (n, pointer) in all.iter().enumerate() {
                let mut damaged = world.clone();
                if let Some(slot) = damaged.pointer_mut(pointer) {
                    *slot = junk[n % junk.len()].clone();
                }
                let output: Value = serde_json::from_str(&play_json(&damaged.to_string())).unwrap();
                assert!(output.get("steps").is_some(), "{}: {pointer}", preset.id);
            }
        }
        let garbage: Value = serde_json::from_str(&play_json("not json")).unwrap();
        assert_eq!(garbage["flow"], "none");
        assert_eq!(garbage["diagnostics"][0]["code"], "invalid-world");
    }

    #[test]
    fn empty_world_explains_itself() {
        let result = play(&World::default());
        assert_eq!(result.flow, FlowKind::None);
        assert!(!result.succeeded);
        assert_eq!(result.diagnostics[0].diagnostic.code, "no-action");
    }
}
