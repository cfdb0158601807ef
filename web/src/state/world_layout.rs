//! The one place the web knows a world's layout: which policy document sits where (the walker
//! [`documents`]), who calls and in which account, and which action the world plays. Everything
//! else — the panes' editors, normalising documents to text — asks here.
//!
//! The core is gaining the same walker (`World::documents()`, house stream, issue 10); when it
//! lands, [`documents`] becomes a call to it and nothing else in the web changes.

use serde_json::Value;

/// Where a policy document sits in the world (the core's `PolicyLocation`, read from the JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// `users[user].policies[policy]`.
    UserPolicy {
        /// Index of the user.
        user: usize,
    },
    /// `users[user].groups[group].policies[policy]`.
    GroupPolicy {
        /// Index of the user.
        user: usize,
    },
    /// `users[user].permissionsBoundary`.
    UserBoundary {
        /// Index of the user.
        user: usize,
    },
    /// `roles[role].trustPolicy`.
    TrustPolicy {
        /// Index of the role.
        role: usize,
    },
    /// `roles[role].policies[policy]`.
    RolePolicy {
        /// Index of the role.
        role: usize,
    },
    /// `roles[role].permissionsBoundary`.
    RoleBoundary {
        /// Index of the role.
        role: usize,
    },
    /// `accounts[account].scps[level][policy]`.
    Scp {
        /// Index of the account.
        account: usize,
        /// The level, 0 being the organization root.
        level: usize,
    },
    /// `accounts[account].rcps[level][policy]`.
    Rcp {
        /// Index of the account.
        account: usize,
        /// The level, 0 being the organization root.
        level: usize,
    },
    /// The session policy of AssumeRole hop `hop` (1: `action.assumeRole`, n: `action.chain[n-2]`),
    /// numbered as people count.
    SessionPolicy {
        /// The hop, from 1.
        hop: usize,
    },
}

/// One policy document of the world.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Where it sits.
    pub place: Place,
    /// The RFC 6901 pointer of its document (text, or JSON before [`normalise`]).
    pub pointer: String,
    /// The pointer of the policy holding it (with its `name`), when it is a named policy.
    pub policy: Option<String>,
}

fn list(world: &Value, pointer: &str) -> usize {
    world.pointer(pointer).and_then(Value::as_array).map_or(0, Vec::len)
}

fn present(world: &Value, pointer: &str) -> bool {
    world.pointer(pointer).is_some_and(|value| !value.is_null())
}

/// Every policy document of `world`, in the order flows report on them: each user's policies,
/// group policies and boundary; each role's trust policy, permissions policies and boundary;
/// each account's SCPs and RCPs; the session policy of each AssumeRole hop.
pub fn documents(world: &Value) -> Vec<Document> {
    let mut out = Vec::new();
    let mut named = |place: Place, base: String| {
        out.push(Document { place, pointer: format!("{base}/document"), policy: Some(base) });
    };
    for user in 0..list(world, "/users") {
        for policy in 0..list(world, &format!("/users/{user}/policies")) {
            named(Place::UserPolicy { user }, format!("/users/{user}/policies/{policy}"));
        }
        for group in 0..list(world, &format!("/users/{user}/groups")) {
            for policy in 0..list(world, &format!("/users/{user}/groups/{group}/policies")) {
                named(Place::GroupPolicy { user }, format!("/users/{user}/groups/{group}/policies/{policy}"));
            }
        }
        let boundary = format!("/users/{user}/permissionsBoundary");
        if present(world, &boundary) {
            named(Place::UserBoundary { user }, boundary);
        }
    }
    for role in 0..list(world, "/roles") {
        let trust = format!("/roles/{role}/trustPolicy");
        if present(world, &trust) {
            out.push(Document { place: Place::TrustPolicy { role }, pointer: trust, policy: None });
        }
        let mut named = |place: Place, base: String| {
            out.push(Document { place, pointer: format!("{base}/document"), policy: Some(base) });
        };
        for policy in 0..list(world, &format!("/roles/{role}/policies")) {
            named(Place::RolePolicy { role }, format!("/roles/{role}/policies/{policy}"));
        }
        let boundary = format!("/roles/{role}/permissionsBoundary");
        if present(world, &boundary) {
            named(Place::RoleBoundary { role }, boundary);
        }
    }
    for account in 0..list(world, "/accounts") {
        for (key, scp) in [("scps", true), ("rcps", false)] {
            for level in 0..list(world, &format!("/accounts/{account}/{key}")) {
                for policy in 0..list(world, &format!("/accounts/{account}/{key}/{level}")) {
                    let base = format!("/accounts/{account}/{key}/{level}/{policy}");
                    let place = if scp { Place::Scp { account, level } } else { Place::Rcp { account, level } };
                    out.push(Document { place, pointer: format!("{base}/document"), policy: Some(base) });
                }
            }
        }
    }
    // A session policy is a bare document, or `{name, document}` (the page's own form).
    let mut session = |pointer: String, hop: usize| {
        let place = Place::SessionPolicy { hop };
        if present(world, &format!("{pointer}/document")) {
            out.push(Document { place, pointer: format!("{pointer}/document"), policy: Some(pointer) });
        } else if present(world, &pointer) {
            out.push(Document { place, pointer, policy: None });
        }
    };
    session("/action/assumeRole/sessionPolicy".into(), 1);
    for hop in 0..list(world, "/action/chain") {
        session(format!("/action/chain/{hop}/sessionPolicy"), hop + 2);
    }
    out
}

/// `world` with every policy document given as JSON (an object or an array) turned into
/// pretty-printed text, so that every editor holds text and the core's ranges point into what is
/// shown.
pub fn normalise(mut world: Value) -> Value {
    for document in documents(&world) {
        if let Some(value) = world.pointer_mut(&document.pointer) {
            if value.is_object() || value.is_array() {
                if let Ok(text) = serde_json::to_string_pretty(value) {
                    *value = Value::String(text);
                }
            }
        }
    }
    world
}

/// The ARN of the user `index` of `world`, from `arn` or `account` + `path` + `name`.
pub fn user_arn(world: &Value, index: usize) -> Option<String> {
    let user = world.pointer(&format!("/users/{index}"))?;
    if let Some(arn) = user.get("arn").and_then(Value::as_str) {
        return Some(arn.to_owned());
    }
    let account = user.get("account").and_then(Value::as_str)?;
    let name = user.get("name").and_then(Value::as_str)?;
    let path = user.get("path").and_then(Value::as_str).unwrap_or("/");
    Some(format!("arn:aws:iam::{account}:user{path}{name}"))
}

/// The ARN of the role `index` of `world`, as given.
pub fn role_arn(world: &Value, index: usize) -> Option<&str> {
    world.pointer(&format!("/roles/{index}/arn")).and_then(Value::as_str)
}

/// The caller and role of the world's action, whichever kind it is.
pub fn action_ends(world: &Value) -> (Option<&str>, Option<&str>) {
    let hop = world.pointer("/action/passRole").or_else(|| world.pointer("/action/assumeRole"));
    let get = |key: &str| hop.and_then(|hop| hop.get(key)).and_then(Value::as_str);
    (get("caller"), get("role"))
}

/// The index of the IAM user who calls: the one whose ARN is the action's caller, else the first.
pub fn caller_user(world: &Value) -> Option<usize> {
    let count = list(world, "/users");
    let caller = action_ends(world).0;
    (0..count)
        .find(|&index| caller.is_some() && user_arn(world, index).as_deref() == caller)
        .or((count > 0).then_some(0))
}

/// The index of the caller's account in `accounts` (the first account when the caller's is not
/// listed).
pub fn caller_account(world: &Value) -> Option<usize> {
    let accounts = world.pointer("/accounts").and_then(Value::as_array)?;
    let id = action_ends(world).0.and_then(crate::evaluation::account_of);
    let found = accounts.iter().position(|account| id.is_some() && account.get("id").and_then(Value::as_str) == id);
    found.or((!accounts.is_empty()).then_some(0))
}

/// Which action the world plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowChoice {
    /// The caller hands a role to a service through a catalogue API.
    PassRole,
    /// The caller puts a role on through STS.
    AssumeRole,
}

/// Which action the world plays now, if any.
pub fn flow_choice(world: &Value) -> Option<FlowChoice> {
    if world.pointer("/action/passRole").is_some() {
        Some(FlowChoice::PassRole)
    } else if world.pointer("/action/assumeRole").is_some() {
        Some(FlowChoice::AssumeRole)
    } else {
        None
    }
}

/// How many AssumeRole hops follow the first (`action.chain`).
pub fn chain_len(world: &Value) -> usize {
    list(world, "/action/chain")
}

/// How many accounts the world lists.
pub fn account_count(world: &Value) -> usize {
    list(world, "/accounts")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;
    use omen_core::flow::presets;
    use serde_json::json;

    #[test]
    fn every_preset_document_is_found_as_text() {
        for preset in presets() {
            let world = preset_world(preset.id).unwrap_or_default();
            let found = documents(&world);
            assert!(!found.is_empty(), "{}", preset.id);
            for document in &found {
                assert!(world.pointer(&document.pointer).is_some_and(Value::is_string), "{}: {document:?}", preset.id);
            }
        }
    }

    #[test]
    fn the_walker_finds_each_place_in_order() {
        let world = json!({
            "users": [{"policies": [{"name": "p", "document": "{}"}], "groups": [{"policies": [{"document": "{}"}]}],
                       "permissionsBoundary": {"document": "{}"}}],
            "roles": [{"trustPolicy": "{}", "policies": [{"document": "{}"}]}],
            "accounts": [{"id": "1", "scps": [[{"document": "{}"}]], "rcps": [[], [{"document": "{}"}]]}],
            "action": {"assumeRole": {"sessionPolicy": "{}"}, "chain": [{}, {"sessionPolicy": {"name": "s", "document": "{}"}}]}
        });
        let pointers: Vec<(Place, String)> = documents(&world).into_iter().map(|d| (d.place, d.pointer)).collect();
        assert_eq!(
            pointers,
            vec![
                (Place::UserPolicy { user: 0 }, "/users/0/policies/0/document".to_owned()),
                (Place::GroupPolicy { user: 0 }, "/users/0/groups/0/policies/0/document".to_owned()),
                (Place::UserBoundary { user: 0 }, "/users/0/permissionsBoundary/document".to_owned()),
                (Place::TrustPolicy { role: 0 }, "/roles/0/trustPolicy".to_owned()),
                (Place::RolePolicy { role: 0 }, "/roles/0/policies/0/document".to_owned()),
                (Place::Scp { account: 0, level: 0 }, "/accounts/0/scps/0/0/document".to_owned()),
                (Place::Rcp { account: 0, level: 1 }, "/accounts/0/rcps/1/0/document".to_owned()),
                (Place::SessionPolicy { hop: 1 }, "/action/assumeRole/sessionPolicy".to_owned()),
                (Place::SessionPolicy { hop: 3 }, "/action/chain/1/sessionPolicy/document".to_owned()),
            ]
        );
    }

    #[test]
    fn object_documents_become_text() {
        let world = normalise(json!({
            "users": [{"policies": [{"name": "p", "document": {"Version": "2012-10-17"}}]}],
            "action": {"assumeRole": {"sessionPolicy": {"Version": "2012-10-17"}}}
        }));
        assert!(world.pointer("/users/0/policies/0/document").is_some_and(Value::is_string));
        assert!(world.pointer("/action/assumeRole/sessionPolicy").is_some_and(Value::is_string));
    }

    #[test]
    fn the_calling_user_and_account_are_found() {
        let world = preset_world("external-id").unwrap_or_default();
        assert_eq!(caller_account(&world), Some(1));
        assert_eq!(caller_user(&world), Some(0));
        assert_eq!(caller_account(&json!({"users": []})), None);
        assert_eq!(caller_user(&json!({})), None);
    }
}
