//! "What changed?": two worlds played and compared — the flow's outcome, every step, and every
//! "what the mask can do" request whose verdict changed, with new access marked, and for a step
//! or a mask power evaluated on both sides the gates and statements that caused the change
//! (those that apply on one side only, as "Policy evaluation logic" reads them: see
//! [`super::gates`]).

use super::adapter::{play_world, PlayedFlow, Response, Text, Verdict};
use super::gates::{walk, GateKind, GateStatus};
use serde::Serialize;
use serde_json::Value;

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// A step of the flow.
    Step,
    /// An action compared as the role and as its giver (the blast radius).
    MaskPower,
    /// A warning appeared or went away.
    Warning,
}

/// One verdict that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictChange {
    /// What it is about.
    pub kind: ChangeKind,
    /// The step id, `action on resource`, or warning code.
    pub id: String,
    /// A title for people.
    pub title: Text,
    /// Before the edit (none: not there).
    pub before: Option<Verdict>,
    /// After the edit (none: gone).
    pub after: Option<Verdict>,
    /// Whether this is access that was not there before: now allowed, before not.
    pub new_access: bool,
    /// The gates of AWS's evaluation whose outcome changed (a step or mask power evaluated both
    /// before and after; empty otherwise): e.g. a trust policy that now grants on its own.
    pub gates: Vec<GateChange>,
    /// The statements that apply on one side of the change only (a step or mask power evaluated
    /// both before and after; empty otherwise, e.g. a step that was not reached before).
    pub causes: Vec<Cause>,
}

/// A gate of "Policy evaluation logic" whose outcome differs between before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GateChange {
    /// Which gate.
    pub kind: GateKind,
    /// Its name.
    pub title: Text,
    /// What happened there before the edit.
    pub before: GateStatus,
    /// What happens there after it.
    pub after: GateStatus,
}

/// The gates whose outcome differs between two evaluations of a step's request, in AWS's order.
pub fn gate_changes(before: &Response, after: &Response) -> Vec<GateChange> {
    let was = walk(before).gates;
    walk(after)
        .gates
        .into_iter()
        .filter_map(|gate| {
            let old = was.iter().find(|g| g.kind == gate.kind)?;
            (old.status != gate.status).then_some(GateChange {
                kind: gate.kind,
                title: gate.title,
                before: old.status,
                after: gate.status,
            })
        })
        .collect()
}

/// A statement that applies to a step's request on one side of an edit and not on the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cause {
    /// The policy's name.
    pub policy: String,
    /// The statement's `Sid`, or `#n` counted from 1.
    pub statement: String,
    /// `Allow` or `Deny`.
    pub effect: String,
    /// Whether it applies after the edit (true) or applied only before it (false).
    pub now_applies: bool,
}

/// The statements that apply to `response`'s request: (policy, statement, effect), once each.
fn applying(response: &Response) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for gate in walk(response).gates {
        for policy in gate.policies {
            for statement in policy.statements.into_iter().filter(|s| s.applies) {
                let key = (policy.name.clone(), statement.name, statement.effect);
                if !out.contains(&key) {
                    out.push(key);
                }
            }
        }
    }
    out
}

/// The statements that apply on one side only: those that apply now first, then those that no
/// longer do.
pub fn causes(before: &Response, after: &Response) -> Vec<Cause> {
    let (was, is) = (applying(before), applying(after));
    let new = is.iter().filter(|s| !was.contains(s)).map(|s| (s, true));
    let gone = was.iter().filter(|s| !is.contains(s)).map(|s| (s, false));
    new.chain(gone)
        .map(|((policy, statement, effect), now_applies)| Cause {
            policy: policy.clone(),
            statement: statement.clone(),
            effect: effect.clone(),
            now_applies,
        })
        .collect()
}

/// Everything that changed between two worlds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    /// Whether the flow succeeded before.
    pub succeeded_before: bool,
    /// Whether it succeeds after.
    pub succeeded_after: bool,
    /// Each change, steps first in the order of the flow after the edit.
    pub changes: Vec<VerdictChange>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.succeeded_before == self.succeeded_after && self.changes.is_empty()
    }

    /// How many changes grant new access.
    pub fn new_access(&self) -> usize {
        self.changes.iter().filter(|c| c.new_access).count()
    }
}

fn granted(verdict: Option<Verdict>) -> bool {
    matches!(verdict, Some(Verdict::Allowed | Verdict::NotRequired))
}

fn change(
    kind: ChangeKind,
    id: String,
    title: Text,
    before: Option<Verdict>,
    after: Option<Verdict>,
) -> Option<VerdictChange> {
    (before != after).then(|| VerdictChange {
        kind,
        id,
        title,
        before,
        after,
        new_access: granted(after) && !granted(before),
        gates: Vec::new(),
        causes: Vec::new(),
    })
}

/// Compare two played flows.
pub fn compare(before: &PlayedFlow, after: &PlayedFlow) -> Changes {
    let mut changes = Vec::new();
    for step in &after.steps {
        let was = before.step(&step.id);
        let mut changed =
            change(ChangeKind::Step, step.id.clone(), step.title.clone(), was.map(|s| s.verdict), Some(step.verdict));
        if let (Some(changed), Some(was), Some(is)) =
            (changed.as_mut(), was.and_then(|s| s.response.as_ref()), step.response.as_ref())
        {
            changed.gates = gate_changes(was, is);
            changed.causes = causes(was, is);
        }
        changes.extend(changed);
    }
    for step in before.steps.iter().filter(|s| after.step(&s.id).is_none()) {
        changes.extend(change(ChangeKind::Step, step.id.clone(), step.title.clone(), Some(step.verdict), None));
    }
    let powers = |flow: &PlayedFlow| -> Vec<(String, Verdict, Response)> {
        // The blast radius's comparisons; a `then` step's own comparison is the step itself.
        flow.steps
            .iter()
            .filter(|s| s.kind != "actAsSession")
            .flat_map(|s| s.comparisons.iter())
            .map(|c| (format!("{} on {}", c.action, c.resource), c.as_role, c.response.clone()))
            .collect()
    };
    let (powers_before, powers_after) = (powers(before), powers(after));
    let lookup = |list: &[(String, Verdict, Response)], id: &str| list.iter().find(|(i, _, _)| i == id).cloned();
    let title = |id: &str| {
        let (action, resource) = id.split_once(" on ").unwrap_or((id, "*"));
        Text::new(
            format!("the mask may: `{action}` on `{resource}`"),
            format!("お面でできること: `{resource}` に対する `{action}`"),
        )
    };
    for (id, verdict, response) in &powers_after {
        let was = lookup(&powers_before, id);
        let mut changed =
            change(ChangeKind::MaskPower, id.clone(), title(id), was.as_ref().map(|w| w.1), Some(*verdict));
        // The same request made with the mask before and after: the gates and statements
        // that decided differently, as for a step.
        if let (Some(changed), Some((_, _, was))) = (changed.as_mut(), was.as_ref()) {
            changed.gates = gate_changes(was, response);
            changed.causes = causes(was, response);
        }
        changes.extend(changed);
    }
    for (id, verdict, _) in powers_before.iter().filter(|(id, _, _)| lookup(&powers_after, id).is_none()) {
        changes.extend(change(ChangeKind::MaskPower, id.clone(), title(id), Some(*verdict), None));
    }
    for (code, text) in &after.warnings {
        if !before.has_warning(code) {
            changes.push(VerdictChange {
                kind: ChangeKind::Warning,
                id: code.clone(),
                title: text.clone(),
                before: None,
                after: Some(Verdict::Info),
                new_access: false,
                gates: Vec::new(),
                causes: Vec::new(),
            });
        }
    }
    for (code, text) in &before.warnings {
        if !after.has_warning(code) {
            changes.push(VerdictChange {
                kind: ChangeKind::Warning,
                id: code.clone(),
                title: text.clone(),
                before: Some(Verdict::Info),
                after: None,
                new_access: false,
                gates: Vec::new(),
                causes: Vec::new(),
            });
        }
    }
    Changes { succeeded_before: before.succeeded, succeeded_after: after.succeeded, changes }
}

/// Play both worlds and compare them.
pub fn what_changed(before: &Value, after: &Value) -> Changes {
    compare(&play_world(before), &play_world(after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::adapter::preset_world;

    fn preset(id: &str) -> Value {
        serde_json::from_str(preset_world(id).unwrap()).unwrap()
    }

    #[test]
    fn nothing_changes_between_a_world_and_itself() {
        let world = preset("passrole-escalation");
        assert!(what_changed(&world, &world).is_empty());
    }

    /// Adding `iam:PassRole` to the seed launch (seed 000): PassRole turns allowed (new access),
    /// the steps after it are reached, the flow succeeds.
    #[test]
    fn marks_new_access() {
        let before = preset("ec2-full-access-without-passrole");
        let after = preset("ec2-passrole-exact-role");
        let changes = what_changed(&before, &after);
        assert!(!changes.succeeded_before && changes.succeeded_after);
        let pass_role = changes.changes.iter().find(|c| c.id == "passRole").unwrap();
        assert_eq!(
            (pass_role.before, pass_role.after, pass_role.new_access),
            (Some(Verdict::ImplicitDeny), Some(Verdict::Allowed), true)
        );
        assert!(changes.changes.iter().all(|c| c.id != "api"), "the API call did not change");
        // The cause: the statement of the developer's policy that now allows iam:PassRole.
        let now: Vec<(&str, &str, bool)> =
            pass_role.causes.iter().map(|c| (c.policy.as_str(), c.effect.as_str(), c.now_applies)).collect();
        assert!(!now.is_empty() && now.iter().all(|(_, effect, applies)| *effect == "Allow" && *applies), "{now:?}");
    }

    /// "Policy evaluation logic": a trust policy naming the account needs the caller's identity
    /// policy too; naming the user grants on its own. Rewriting the principal changes no statement
    /// that applies — the trust statement applies both ways — but the gates say why.
    #[test]
    fn says_which_gate_decided_differently() {
        let lesson = crate::workshop::lesson("trust-user-or-account").unwrap();
        let before = lesson.start_world().unwrap();
        let mut after = before.clone();
        *after.pointer_mut("/roles/0/trustPolicy/Statement/0/Principal/AWS").unwrap() =
            Value::String("arn:aws:iam::111122223333:user/carol".into());
        let changes = what_changed(&before, &after);
        let step = changes.changes.iter().find(|c| c.kind == ChangeKind::Step).unwrap();
        assert_eq!(
            (step.before, step.after, step.new_access),
            (Some(Verdict::ImplicitDeny), Some(Verdict::Allowed), true)
        );
        let gates: Vec<(GateKind, GateStatus, GateStatus)> =
            step.gates.iter().map(|g| (g.kind, g.before, g.after)).collect();
        assert!(gates.contains(&(GateKind::ResourcePolicy, GateStatus::Passed, GateStatus::Granted)), "{gates:?}");
        assert!(
            gates.iter().any(|(kind, before, _)| *kind == GateKind::IdentityPolicies && *before == GateStatus::Stopped),
            "{gates:?}"
        );
    }

    /// Taking the permission back is a change, but not new access.
    #[test]
    fn a_loss_is_not_new_access() {
        let changes = what_changed(&preset("ec2-passrole-exact-role"), &preset("ec2-full-access-without-passrole"));
        let pass_role = changes.changes.iter().find(|c| c.id == "passRole").unwrap();
        assert!(!pass_role.new_access);
        assert_eq!(changes.new_access(), 0);
        // The cause: the statement that allowed iam:PassRole applies no longer.
        assert!(!pass_role.causes.is_empty());
        assert!(pass_role.causes.iter().all(|c| !c.now_applies && c.effect == "Allow"), "{:?}", pass_role.causes);
    }

    fn with_role_policy(mut world: Value, policy: Value) -> Value {
        world.pointer_mut("/roles/0/policies").and_then(Value::as_array_mut).unwrap().push(policy);
        world
    }

    /// The mask made stronger (seed 000's role gains an inline policy allowing `iam:*`): the
    /// mask powers that turn allowed are new access, and each names the statement that now
    /// allows it ("Policy evaluation logic": an identity-based policy of the role's session).
    #[test]
    fn a_stronger_mask_names_the_statement_that_grants() {
        let before = preset("ec2-passrole-exact-role");
        let grant = serde_json::json!({"name": "IamEverything", "document":
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"AllIam","Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#});
        let after = with_role_policy(before.clone(), grant);
        let changes = what_changed(&before, &after);
        let powers: Vec<&VerdictChange> = changes.changes.iter().filter(|c| c.kind == ChangeKind::MaskPower).collect();
        let ids: Vec<&str> = powers.iter().map(|c| c.id.as_str()).collect();
        assert!(ids.iter().any(|id| id.starts_with("iam:CreateUser on ")), "{ids:?}");
        assert!(ids.iter().all(|id| id.starts_with("iam:")), "only the iam: powers changed: {ids:?}");
        for power in powers {
            assert!(power.new_access, "{power:?}");
            let causes: Vec<(&str, &str, &str, bool)> = power
                .causes
                .iter()
                .map(|c| (c.policy.as_str(), c.statement.as_str(), c.effect.as_str(), c.now_applies))
                .collect();
            assert_eq!(causes, vec![("IamEverything", "AllIam", "Allow", true)], "{}", power.id);
            let gates: Vec<(GateKind, GateStatus, GateStatus)> =
                power.gates.iter().map(|g| (g.kind, g.before, g.after)).collect();
            assert!(
                gates.contains(&(GateKind::IdentityPolicies, GateStatus::Stopped, GateStatus::Passed)),
                "{}: {gates:?}",
                power.id
            );
        }
    }

    /// The mask capped ("Permissions boundaries for IAM entities": a boundary allowing only
    /// `ec2:*` on the role): reading S3 with the mask is lost, no statement stops applying, and
    /// the boundary's gate says where it stops now.
    #[test]
    fn a_capped_mask_names_the_gate_that_stops_it() {
        let before = preset("ec2-passrole-exact-role");
        let mut after = before.clone();
        after.pointer_mut("/roles/0").unwrap().as_object_mut().unwrap().insert(
            "permissionsBoundary".into(),
            serde_json::json!({"name": "Ec2Only", "document":
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OnlyEc2\",\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}"}),
        );
        let changes = what_changed(&before, &after);
        let get_object = changes
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::MaskPower && c.id.starts_with("s3:GetObject on "))
            .unwrap();
        assert_eq!(
            (get_object.before, get_object.after, get_object.new_access),
            (Some(Verdict::Allowed), Some(Verdict::ImplicitDeny), false)
        );
        assert!(get_object.causes.is_empty(), "{:?}", get_object.causes);
        let gates: Vec<(GateKind, GateStatus, GateStatus)> =
            get_object.gates.iter().map(|g| (g.kind, g.before, g.after)).collect();
        assert!(
            gates
                .iter()
                .any(|(kind, _, after)| *kind == GateKind::PermissionsBoundary && *after == GateStatus::Stopped),
            "{gates:?}"
        );
    }
}
