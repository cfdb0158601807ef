//! "What changed?": two worlds played and compared — the flow's outcome, every step, and every
//! "what the mask can do" request whose verdict changed, with new access marked.

use super::adapter::{play_world, PlayedFlow, Text, Verdict};
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
    })
}

/// Compare two played flows.
pub fn compare(before: &PlayedFlow, after: &PlayedFlow) -> Changes {
    let mut changes = Vec::new();
    for step in &after.steps {
        let was = before.step(&step.id).map(|s| s.verdict);
        changes.extend(change(ChangeKind::Step, step.id.clone(), step.title.clone(), was, Some(step.verdict)));
    }
    for step in before.steps.iter().filter(|s| after.step(&s.id).is_none()) {
        changes.extend(change(ChangeKind::Step, step.id.clone(), step.title.clone(), Some(step.verdict), None));
    }
    let powers = |flow: &PlayedFlow| -> Vec<(String, Verdict)> {
        // The blast radius's comparisons; a `then` step's own comparison is the step itself.
        flow.steps
            .iter()
            .filter(|s| s.kind != "actAsSession")
            .flat_map(|s| s.comparisons.iter())
            .map(|c| (format!("{} on {}", c.action, c.resource), c.as_role))
            .collect()
    };
    let (powers_before, powers_after) = (powers(before), powers(after));
    let lookup = |list: &[(String, Verdict)], id: &str| list.iter().find(|(i, _)| i == id).map(|(_, v)| *v);
    for (id, verdict) in &powers_after {
        let title = Text::new(format!("the mask may: {id}"), format!("お面でできること: {id}"));
        changes.extend(change(ChangeKind::MaskPower, id.clone(), title, lookup(&powers_before, id), Some(*verdict)));
    }
    for (id, verdict) in powers_before.iter().filter(|(id, _)| lookup(&powers_after, id).is_none()) {
        let title = Text::new(format!("the mask may: {id}"), format!("お面でできること: {id}"));
        changes.extend(change(ChangeKind::MaskPower, id.clone(), title, Some(*verdict), None));
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
    }

    /// Taking the permission back is a change, but not new access.
    #[test]
    fn a_loss_is_not_new_access() {
        let changes = what_changed(&preset("ec2-passrole-exact-role"), &preset("ec2-full-access-without-passrole"));
        let pass_role = changes.changes.iter().find(|c| c.id == "passRole").unwrap();
        assert!(!pass_role.new_access);
        assert_eq!(changes.new_access(), 0);
    }
}
