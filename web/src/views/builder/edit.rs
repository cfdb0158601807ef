//! The world builder's edits — add or remove a user, role, group, account, level, policy or
//! hop, rename, move, switch the action — each made through omen-core's `world_edit` (or the
//! page's own [`edits`](crate::state::edits)) on the world the page has, and handed back whole
//! with the notice it calls for.

use omen_core::world_edit::{self, Levels, Principals};
use serde_json::Value;

use crate::state::edits::{add, set_flow};
use crate::state::{Addition, FlowChoice, Notice};

/// A change the builder's controls make to what the world holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Make the world's action a PassRole (through a catalogue API) or an AssumeRole.
    SetFlow(FlowChoice),
    /// Give the world something it lacks, with a minimal valid starter policy.
    Add(Addition),
    /// Rename role `role`; its ARN and every reference to it follow.
    RenameRole {
        /// The role's index.
        role: usize,
        /// Its new name.
        name: String,
    },
    /// Rename user `user`; its ARN and every reference to it follow.
    RenameUser {
        /// The user's index.
        user: usize,
        /// Its new name.
        name: String,
    },
    /// Change account `account`'s id everywhere it is used.
    ChangeAccountId {
        /// The account's index.
        account: usize,
        /// The new id.
        id: String,
    },
    /// Add an AssumeRole hop at the end of the chain.
    AddHop,
    /// Remove AssumeRole hop `n` (numbered from 1; the first is the action itself).
    RemoveHop(usize),
    /// Add a user or role under a free name (`user1`, `Role1`, …).
    AddPrincipal(Principals),
    /// Remove user or role `n` (0-based); refused while the action uses it.
    Remove(Principals, usize),
    /// Give the user, group or role at this pointer a new inline policy.
    AddPolicy(String),
    /// Remove the inline policy at this pointer.
    RemovePolicy(String),
    /// Add or remove the permissions boundary of the user or role at this pointer.
    ToggleBoundary(String),
    /// Move user or role `n` to this path (its ARN and every reference follow).
    SetPath(Principals, usize, String),
    /// Put user `n` in a new group.
    AddGroup(usize),
    /// Take user `n` out of its group `m`.
    RemoveGroup(usize, usize),
    /// Put user `n` in the group of this name (one group, many members).
    JoinGroup(usize, String),
    /// Rename the group named first to the second name, for all its members.
    RenameGroup(String, String),
    /// Add an account.
    AddAccount,
    /// Remove account `n` (refused while something lives in it).
    RemoveAccount(usize),
    /// Add an SCP or RCP level under account `n`'s last.
    AddLevel(usize, Levels),
    /// Remove level `l` of account `n`'s SCPs or RCPs.
    RemoveLevel(usize, Levels, usize),
    /// Add a policy to level `l` of account `n`'s SCPs or RCPs.
    AddLevelPolicy(usize, Levels, usize),
    /// Add an action to the session actions at this pointer (`/action/then`).
    AddThen(String),
    /// Remove action `n` of the session actions at this pointer.
    RemoveThen(String, usize),
    /// Set a field (`action`, `resource`, …) of session action `n` at this pointer, as typed.
    SetThen(String, usize, &'static str, String),
}

/// What an edit of `world` comes to: the edited world (`None`: refused, nothing changes) and the
/// notice it calls for (a refusal's reason, or how many places a rename rewrote).
pub fn apply(world: &Value, edit: Edit) -> (Option<Value>, Option<Notice>) {
    let refusal = match &edit {
        Edit::SetPath(..) => Notice::BadPath,
        Edit::RemoveAccount(_) => Notice::AccountInUse,
        Edit::RenameGroup(..) => Notice::BadGroupName,
        Edit::RenameRole { .. } => Notice::BadRoleName,
        Edit::RenameUser { .. } => Notice::BadUserName,
        Edit::ChangeAccountId { .. } => Notice::BadAccountId,
        _ => Notice::InUse,
    };
    let edited = match edit {
        Edit::SetFlow(choice) => return (Some(set_flow(world.clone(), choice)), None),
        Edit::Add(addition) => return (Some(add(world.clone(), addition)), None),
        Edit::RenameRole { role, name } => {
            return renamed(world_edit::rename_role(world, role, name.trim()), Notice::RoleRenamed, refusal)
        }
        Edit::RenameUser { user, name } => {
            return renamed(world_edit::rename_user(world, user, name.trim()), Notice::UserRenamed, refusal)
        }
        Edit::ChangeAccountId { account, id } => {
            let old = world.pointer(&format!("/accounts/{account}/id")).and_then(Value::as_str).unwrap_or_default();
            return renamed(world_edit::change_account_id(world, old, id.trim()), Notice::AccountChanged, refusal);
        }
        // A hop that cannot be added or removed changes nothing, and says nothing.
        Edit::AddHop => return (world_edit::add_hop(world).ok().map(|edited| edited.world), None),
        Edit::RemoveHop(hop) => return (world_edit::remove_hop(world, hop).ok().map(|edited| edited.world), None),
        Edit::AddPrincipal(kind) => {
            let base = if kind == Principals::Roles { "Role" } else { "user" };
            world_edit::add_principal(world, kind, &world_edit::free_name(world, kind, base))
        }
        Edit::Remove(kind, index) => world_edit::remove_principal(world, kind, index),
        Edit::AddPolicy(owner) => world_edit::add_inline_policy(world, &owner).map(|(edited, _)| edited),
        Edit::RemovePolicy(pointer) => world_edit::remove_inline_policy(world, &pointer),
        Edit::ToggleBoundary(owner) => world_edit::toggle_boundary(world, &owner),
        Edit::SetPath(kind, index, path) => world_edit::set_path(world, kind, index, path.trim()),
        Edit::AddGroup(user) => world_edit::add_group(world, user).map(|(edited, _)| edited),
        Edit::RemoveGroup(user, group) => world_edit::remove_group(world, user, group),
        Edit::JoinGroup(user, name) => world_edit::join_group(world, user, &name),
        Edit::RenameGroup(old, new) => world_edit::rename_group(world, &old, new.trim()),
        Edit::AddAccount => world_edit::add_account(world),
        Edit::RemoveAccount(account) => world_edit::remove_account(world, account),
        Edit::AddLevel(account, levels) => world_edit::add_level(world, account, levels),
        Edit::RemoveLevel(account, levels, level) => world_edit::remove_level(world, account, levels, level),
        Edit::AddLevelPolicy(account, levels, level) => {
            world_edit::add_level_policy(world, account, levels, level).map(|(edited, _)| edited)
        }
        Edit::AddThen(list) => world_edit::add_session_action(world, &list),
        Edit::RemoveThen(list, index) => world_edit::remove_session_action(world, &list, index),
        Edit::SetThen(list, index, key, text) => world_edit::set_session_action(world, &list, index, key, &text),
    };
    match edited {
        Ok(edited) => (Some(edited.world), None),
        Err(_) => (None, Some(refusal)),
    }
}

/// A rename's outcome: the world and how many places it rewrote, or its refusal.
fn renamed(
    edited: Result<world_edit::Edited, world_edit::EditError>,
    notice: fn(usize) -> Notice,
    refusal: Notice,
) -> (Option<Value>, Option<Notice>) {
    match edited {
        Ok(edited) => (Some(edited.world), Some(notice(edited.places))),
        Err(_) => (None, Some(refusal)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::state::{can_add, flow_choice, is_world, Action, Playground, STARTER_POLICY};
    use serde_json::json;

    /// The page's state after the builder's `edit`, made as the page hands it over.
    trait Build {
        fn build(self, edit: Edit) -> Self;
    }

    impl Build for Playground {
        fn build(self, edit: Edit) -> Self {
            let (world, notice) = apply(&self.world, edit);
            self.apply(Action::Edited { world, notice })
        }
    }

    #[test]
    fn notices_cross_to_the_page_by_their_code() {
        for notice in [
            Notice::InUse,
            Notice::BadPath,
            Notice::AccountInUse,
            Notice::BadGroupName,
            Notice::BadRoleName,
            Notice::BadUserName,
            Notice::BadAccountId,
            Notice::RoleRenamed(3),
            Notice::UserRenamed(1),
            Notice::AccountChanged(12),
        ] {
            assert_eq!(Notice::from_code(&notice.code()), Some(notice), "{}", notice.code());
        }
        assert_eq!(Notice::from_code(""), None);
        assert_eq!(Notice::from_code("RoleRenamed(x)"), None);
    }

    #[test]
    fn adds_and_removes_through_the_core() {
        let start = Playground::new(Lang::En).apply(Action::LoadPreset("role-chaining".into()));
        let added = start.clone().build(Edit::AddPrincipal(Principals::Roles));
        assert_eq!(added.world.pointer("/roles/2/arn"), Some(&json!("arn:aws:iam::111122223333:role/Role1")));
        assert!(added.edited);
        let refused = start.clone().build(Edit::Remove(Principals::Roles, 0));
        assert_eq!((&refused.world, refused.notice), (&start.world, Some(Notice::InUse)));
        let removed = added.build(Edit::Remove(Principals::Roles, 2));
        assert_eq!(removed.world, start.world);
        let policy = start.clone().build(Edit::AddPolicy("/users/0".into()));
        let count =
            |state: &Playground| state.world.pointer("/users/0/policies").and_then(Value::as_array).map(Vec::len);
        assert_eq!(count(&policy), count(&start).map(|n| n + 1));
        let last = count(&start).unwrap_or_default();
        let back = policy.build(Edit::RemovePolicy(format!("/users/0/policies/{last}")));
        assert_eq!(back.world, start.world);
    }

    #[test]
    fn switching_the_flow_keeps_caller_and_role() {
        let start = Playground::new(Lang::En);
        let assume = start.clone().build(Edit::SetFlow(FlowChoice::AssumeRole));
        assert_eq!(flow_choice(&assume.world), Some(FlowChoice::AssumeRole));
        assert_eq!(assume.preset, None);
        assert!(is_world(&assume.world));
        assert_eq!(assume.world.pointer("/action/assumeRole/caller"), start.world.pointer("/action/passRole/caller"));
        assert_eq!(assume.world.pointer("/action/assumeRole/role"), start.world.pointer("/action/passRole/role"));
        let back = assume.build(Edit::SetFlow(FlowChoice::PassRole));
        assert_eq!(flow_choice(&back.world), Some(FlowChoice::PassRole));
        assert!(back.world.pointer("/action/passRole/api").is_some_and(Value::is_string));
        // Choosing the flow the world already plays changes nothing.
        assert_eq!(start.clone().build(Edit::SetFlow(FlowChoice::PassRole)), start);
    }

    // "Create a role for OpenID Connect federation" / "… for SAML 2.0 federation": a federated
    // call keeps the role, names a provider in the role's account, and plays as STS's federated
    // call; switching back keeps the role.
    #[test]
    fn switching_to_a_federated_call_and_back_keeps_the_role() {
        let start = Playground::new(Lang::En);
        let role = start.world.pointer("/action/passRole/role").cloned();
        for (choice, kind, provider) in [
            (
                FlowChoice::WebIdentity,
                "assumeRoleWithWebIdentity",
                ":oidc-provider/token.actions.githubusercontent.com",
            ),
            (FlowChoice::Saml, "assumeRoleWithSaml", ":saml-provider/ExampleIdP"),
        ] {
            let federated = start.clone().build(Edit::SetFlow(choice));
            assert_eq!(flow_choice(&federated.world), Some(choice));
            assert!(is_world(&federated.world), "{kind}");
            assert_eq!(federated.world.pointer(&format!("/action/{kind}/role")), role.as_ref());
            let named = federated.world.pointer(&format!("/action/{kind}/provider")).and_then(Value::as_str);
            assert!(
                named.is_some_and(|p| p.starts_with("arn:aws:iam::111122223333:") && p.ends_with(provider)),
                "{named:?}"
            );
            let world = omen_core::flow::World::from_value(&federated.world).unwrap_or_default();
            let played = omen_core::flow::play_without_fixes(&world);
            assert_eq!(played.flow, omen_core::flow::FlowKind::AssumeRole, "{kind}");
            assert!(played.steps.iter().any(|s| s.kind == omen_core::flow::StepKind::AssumeRole), "{kind}");
            let back = federated.build(Edit::SetFlow(FlowChoice::PassRole));
            assert_eq!(back.world.pointer("/action/passRole/role"), role.as_ref());
        }
    }

    #[test]
    fn additions_add_an_editable_starter_policy_once() {
        let start = Playground::new(Lang::En);
        assert!(can_add(&start.world, Addition::CallerBoundary));
        assert!(!can_add(&start.world, Addition::SessionPolicy), "a PassRole has no session policy");
        let bounded = start.build(Edit::Add(Addition::CallerBoundary));
        assert_eq!(bounded.world.pointer("/users/0/permissionsBoundary/document"), Some(&json!(STARTER_POLICY)));
        assert!(!can_add(&bounded.world, Addition::CallerBoundary));
        assert_eq!(bounded.clone().build(Edit::Add(Addition::CallerBoundary)), bounded);
        let scp = bounded.build(Edit::Add(Addition::Scp));
        assert_eq!(scp.world.pointer("/accounts/0/scps/0/0/document"), Some(&json!(STARTER_POLICY)));
        assert!(!can_add(&scp.world, Addition::Scp));
        let session = scp.build(Edit::SetFlow(FlowChoice::AssumeRole)).build(Edit::Add(Addition::SessionPolicy));
        assert_eq!(session.world.pointer("/action/assumeRole/sessionPolicy"), Some(&json!(STARTER_POLICY)));
        assert!(is_world(&session.world));
        assert!(serde_json::from_str::<Value>(STARTER_POLICY).is_ok());
    }

    #[test]
    fn renames_and_hops_go_through_the_core() {
        let start = Playground::new(Lang::En).apply(Action::LoadPreset("role-chaining".into()));
        let role = start.world.pointer("/roles/0/arn").and_then(Value::as_str).unwrap_or_default().to_owned();
        let renamed = start.clone().build(Edit::RenameRole { role: 0, name: "Mask".into() });
        assert!(renamed.edited);
        assert!(matches!(renamed.notice, Some(Notice::RoleRenamed(places)) if places >= 2), "{:?}", renamed.notice);
        assert!(!renamed.world.to_string().contains(&format!("{role}\"")));
        assert_eq!(
            start.clone().build(Edit::RenameRole { role: 0, name: "no way".into() }).notice,
            Some(Notice::BadRoleName)
        );
        let id = start.world.pointer("/accounts/0/id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let moved = start.clone().build(Edit::ChangeAccountId { account: 0, id: "999988887777".into() });
        assert!(matches!(moved.notice, Some(Notice::AccountChanged(places)) if places > 1));
        assert!(!moved.world.to_string().contains(&id));
        assert_eq!(
            start.clone().build(Edit::ChangeAccountId { account: 0, id: "12".into() }).notice,
            Some(Notice::BadAccountId)
        );
        let hops = world_edit::hop_count(&start.world);
        let added = start.clone().build(Edit::AddHop);
        assert_eq!(world_edit::hop_count(&added.world), hops + 1);
        assert!(is_world(&added.world));
        let removed = added.build(Edit::RemoveHop(hops + 1));
        assert_eq!(removed.world, start.world);
    }

    #[test]
    fn paths_groups_accounts_and_levels_are_built_through_the_core() {
        let start = Playground::new(Lang::En);
        let moved = start.clone().build(Edit::SetPath(Principals::Roles, 0, "/team/".into()));
        assert!(moved
            .world
            .pointer("/action/passRole/role")
            .and_then(Value::as_str)
            .is_some_and(|arn| arn.contains(":role/team/")));
        let refused = start.clone().build(Edit::SetPath(Principals::Users, 0, "team".into()));
        assert_eq!((refused.world.clone(), refused.notice), (start.world.clone(), Some(Notice::BadPath)));
        let grouped = start.clone().build(Edit::AddGroup(0));
        assert_eq!(grouped.world.pointer("/users/0/groups/0/name"), Some(&json!("Group1")));
        assert!(is_world(&grouped.world));
        let account = start.clone().build(Edit::AddAccount);
        let levels = account.build(Edit::AddLevel(1, Levels::Rcps));
        assert!(levels.world.pointer("/accounts/1/rcps/0/0/document").is_some_and(Value::is_string));
        assert!(is_world(&levels.world));
        let kept = start.clone().build(Edit::RemoveAccount(0));
        assert_eq!(kept.notice, Some(Notice::AccountInUse));
    }
}
