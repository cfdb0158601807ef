//! The one walker over a world's policy documents: each document with its JSON pointer, its
//! kind, its owner and its name. Flows parse what it finds, fixes edit at its pointers, and the
//! web app lists its editors from it — the layout of a world is known here and nowhere else.

use super::scenario::FederatedApi;
use super::wire::{IdentityName, NamedPolicy, PolicyText, World};
use crate::policy::PolicyKind;
use crate::vocabulary::reference::reference_of;
use serde::Serialize;
use serde_json::Value;

/// Where a policy lives in the [`World`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "in", rename_all = "camelCase")]
pub enum PolicyLocation {
    /// `users[user].policies[policy]`.
    UserPolicy {
        /// Index of the user.
        user: usize,
        /// Index of the policy.
        policy: usize,
    },
    /// `users[user].groups[group].policies[policy]`.
    GroupPolicy {
        /// Index of the user.
        user: usize,
        /// Index of the group.
        group: usize,
        /// Index of the policy.
        policy: usize,
    },
    /// `groups[group].policies[policy]`: a group of the world, which users join by name.
    SharedGroupPolicy {
        /// Index of the group in `groups`.
        group: usize,
        /// Index of the policy.
        policy: usize,
    },
    /// `users[user].permissionsBoundary`.
    UserBoundary {
        /// Index of the user.
        user: usize,
    },
    /// `roles[role].policies[policy]`.
    RolePolicy {
        /// Index of the role.
        role: usize,
        /// Index of the policy.
        policy: usize,
    },
    /// `roles[role].permissionsBoundary`.
    RoleBoundary {
        /// Index of the role.
        role: usize,
    },
    /// `roles[role].trustPolicy`.
    TrustPolicy {
        /// Index of the role.
        role: usize,
    },
    /// `accounts[account].scps[level][policy]`.
    Scp {
        /// Index of the account.
        account: usize,
        /// The level, 0 being the organization root.
        level: usize,
        /// Index of the policy in its level.
        policy: usize,
    },
    /// `accounts[account].rcps[level][policy]`.
    Rcp {
        /// Index of the account.
        account: usize,
        /// The level.
        level: usize,
        /// Index of the policy in its level.
        policy: usize,
    },
    /// The session policy of hop `hop` (0: `action.assumeRole` or the federated call,
    /// n: `action.chain[n-1]`).
    SessionPolicy {
        /// The hop.
        hop: usize,
        /// The federated call that passes it, when hop 0 is one
        /// (`action.assumeRoleWithWebIdentity`, `action.assumeRoleWithSaml`).
        #[serde(skip_serializing_if = "Option::is_none")]
        federated: Option<FederatedApi>,
    },
    /// A resource-based policy given with an action (`then[…].resourcePolicy`).
    ResourcePolicy {
        /// Its JSON pointer.
        pointer: String,
    },
    /// A policy Omen supplies because AWS does (a service-linked role's own policies).
    Supplied {
        /// What it is.
        name: String,
    },
}

impl PolicyLocation {
    /// The JSON pointer of a document at this location, in its bare form (a named session policy
    /// keeps its text one level deeper, under `document`: [`World::documents`] says which).
    pub fn pointer(&self) -> String {
        match self {
            Self::UserPolicy { user, policy } => format!("/users/{user}/policies/{policy}/document"),
            Self::GroupPolicy { user, group, policy } => {
                format!("/users/{user}/groups/{group}/policies/{policy}/document")
            }
            Self::SharedGroupPolicy { group, policy } => format!("/groups/{group}/policies/{policy}/document"),
            Self::UserBoundary { user } => format!("/users/{user}/permissionsBoundary/document"),
            Self::RolePolicy { role, policy } => format!("/roles/{role}/policies/{policy}/document"),
            Self::RoleBoundary { role } => format!("/roles/{role}/permissionsBoundary/document"),
            Self::TrustPolicy { role } => format!("/roles/{role}/trustPolicy"),
            Self::Scp { account, level, policy } => format!("/accounts/{account}/scps/{level}/{policy}/document"),
            Self::Rcp { account, level, policy } => format!("/accounts/{account}/rcps/{level}/{policy}/document"),
            Self::SessionPolicy { hop: 0, federated: None } => "/action/assumeRole/sessionPolicy".to_string(),
            Self::SessionPolicy { hop: 0, federated: Some(api) } => format!("/action/{}/sessionPolicy", api.field()),
            Self::SessionPolicy { hop, .. } => format!("/action/chain/{}/sessionPolicy", hop - 1),
            Self::ResourcePolicy { pointer } => pointer.clone(),
            Self::Supplied { .. } => String::new(),
        }
    }

    /// Whether people can edit this policy (AWS supplies the others).
    pub fn is_editable(&self) -> bool {
        !matches!(self, Self::Supplied { .. })
    }
}

/// One policy document of the world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it lives.
    pub location: PolicyLocation,
    /// The JSON pointer of its text in the world (RFC 6901): where the JSON holds it — under
    /// `document` (or `policy`) for a policy given with its name, else the policy itself.
    pub pointer: String,
    /// The pointer of the policy holding it, when it is given as `{"name", "document", …}`.
    pub policy: Option<String>,
    /// What kind of policy it is.
    pub kind: PolicyKind,
    /// Whose it is: the user's or role's ARN (as the world gives it, else `users[N]` /
    /// `roles[N]`), `account ID` for SCPs and RCPs, the role a call assumes for its session
    /// policy, the resource of an action.
    pub owner: String,
    /// Its name: the one given, or what Omen calls it (`policy-0`, `trust policy`, `scp-L0-1`, …).
    pub name: String,
    /// Its text (a document given as a JSON object printed in AWS's element order).
    pub text: String,
    /// Whether AWS manages it (it cannot be edited).
    pub aws_managed: bool,
}

impl World {
    /// Every policy document of the world, in the order flows report on them: each user's
    /// policies, group policies and boundary; each group's policies (once, whatever its number
    /// of members); each role's trust policy, permissions policies and
    /// boundary; each account's SCPs and RCPs; the session policy of each AssumeRole call; the
    /// resource-based policies given with actions. The pointers are those of the world as it
    /// serializes ([`documents_in`] of its JSON: one walker for both).
    pub fn documents(&self) -> Vec<Document> {
        documents_in(&self.to_value())
    }
}

/// Every policy document of a world given as JSON, in the order of [`World::documents`] — read
/// tolerantly: a part of the wrong type is skipped and the rest is still listed, so that a world
/// which does not parse as a whole (a wrong type in one field) keeps the editors of all its other
/// documents. On a world that parses it lists what [`World::documents`] lists.
pub fn documents_in(world: &Value) -> Vec<Document> {
    let mut out = Vec::new();
    for (index, user) in items(world.get("users")) {
        let owner = owner(user, "user", index);
        out.extend(user_documents(world, index, &owner));
    }
    for (index, _) in items(world.get("groups")) {
        out.extend(shared_group_documents(world, index, None));
    }
    for (index, role) in items(world.get("roles")) {
        let owner = owner(role, "role", index);
        out.extend(role_documents(world, index, &owner));
    }
    for (index, _) in items(world.get("accounts")) {
        out.extend(account_documents(world, index));
    }
    out.extend(action_documents(world));
    out
}

/// The elements of `value` if it is an array, with their indices (none otherwise).
fn items(value: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    value.and_then(Value::as_array).into_iter().flatten().enumerate()
}

/// `value` unless it is absent or `null` (both mean no policy, as in the wire model).
fn given(value: Option<&Value>) -> Option<&Value> {
    value.filter(|value| !value.is_null())
}

/// Whose the documents of the user or role `entry` are: its ARN, else `users[N]` / `roles[N]`.
fn owner(entry: &Value, kind: &'static str, index: usize) -> String {
    let arn = entry.get("arn").and_then(Value::as_str);
    let identity = if kind == "user" { IdentityName::of_user(entry) } else { IdentityName::of_role(entry) };
    match identity {
        Ok(name) => name.arn,
        Err(_) => arn.map_or_else(|| format!("{kind}s[{index}]"), str::to_string),
    }
}

/// The document of the policy `value` at `location`: `{"name", "document" | "policy", …}` keeps
/// its text one level deeper; anything else is the document itself — except an AWS managed
/// policy attached by reference (a bare ARN, `{"arn"}`, `{"name", "awsManaged": true}`), which
/// has no document until the managed-policy catalogue fills it in
/// (`vocabulary::attach_managed_policies`): none.
fn named(location: PolicyLocation, value: &Value, kind: PolicyKind, owner: &str) -> Option<Document> {
    if reference_of(value).is_some() {
        return None;
    }
    let policy = NamedPolicy::from_value(value);
    let canonical = location.pointer();
    let base = canonical.strip_suffix("/document").unwrap_or(&canonical).to_string();
    let key =
        value.as_object().and_then(|fields| ["document", "policy"].into_iter().find(|key| fields.contains_key(*key)));
    let (pointer, holder) = match key {
        Some(key) => (format!("{base}/{key}"), Some(base)),
        None => (base, None),
    };
    let name = if policy.name.is_empty() { default_name(&location, kind) } else { policy.name };
    Some(Document {
        location,
        pointer,
        policy: holder,
        kind,
        owner: owner.to_string(),
        name,
        text: policy.document.0,
        aws_managed: policy.aws_managed,
    })
}

/// The documents of `users[index]` of `world`, whose ARN is `owner`: its policies, its groups'
/// policies, its boundary.
pub fn user_documents(world: &Value, index: usize, owner: &str) -> Vec<Document> {
    let Some(user) = world.get("users").and_then(|users| users.get(index)) else {
        return Vec::new();
    };
    let mut out: Vec<Document> = items(user.get("policies"))
        .filter_map(|(policy, value)| {
            let location = PolicyLocation::UserPolicy { user: index, policy };
            named(location, value, PolicyKind::Identity, owner)
        })
        .collect();
    for (group, value) in items(user.get("groups")) {
        let group_name = value.get("name").and_then(Value::as_str).unwrap_or_default();
        for (policy, p) in items(value.get("policies")) {
            let location = PolicyLocation::GroupPolicy { user: index, group, policy };
            if let Some(mut document) = named(location, p, PolicyKind::Identity, owner) {
                document.name = format!("{group_name}/{}", document.name);
                out.push(document);
            }
        }
    }
    if let Some(boundary) = given(user.get("permissionsBoundary")) {
        let location = PolicyLocation::UserBoundary { user: index };
        out.extend(named(location, boundary, PolicyKind::PermissionsBoundary, owner));
    }
    out
}

/// The policies of `groups[index]` of `world`, named `group/policy`, owned by `owner` (the
/// member a flow evaluates; `group NAME` when listed for the group itself).
pub fn shared_group_documents(world: &Value, index: usize, owner: Option<&str>) -> Vec<Document> {
    let Some(group) = world.get("groups").and_then(|groups| groups.get(index)) else {
        return Vec::new();
    };
    let name = group.get("name").and_then(Value::as_str).unwrap_or_default();
    let owner = owner.map_or_else(|| format!("group {name}"), str::to_string);
    items(group.get("policies"))
        .filter_map(|(policy, value)| {
            let location = PolicyLocation::SharedGroupPolicy { group: index, policy };
            let mut document = named(location, value, PolicyKind::Identity, &owner)?;
            document.name = format!("{name}/{}", document.name);
            Some(document)
        })
        .collect()
}

/// The policies user `index` of `world` (whose ARN is `owner`) gets from the world's groups it
/// is in — each `groups` entry naming one of them in the user's account (or in no account) —
/// owned by the user. A group of another account is not the user's: a user can only be in
/// groups of its own account ("IAM user groups").
pub fn member_documents(world: &Value, index: usize, owner: &str) -> Vec<Document> {
    let mut out = Vec::new();
    for group in member_groups(world, index).0 {
        out.extend(shared_group_documents(world, group, Some(owner)));
    }
    out
}

/// The world's groups user `index` of `world` is in, by index; and the names it gives in its
/// `groups` that only groups of other accounts have (memberships IAM could not have made).
pub fn member_groups(world: &Value, index: usize) -> (Vec<usize>, Vec<String>) {
    let user = world.get("users").and_then(|users| users.get(index));
    let account = user.and_then(|user| IdentityName::of_user(user).ok()).map(|name| name.account);
    let (mut own, mut foreign) = (Vec::new(), Vec::new());
    for (_, membership) in items(user.and_then(|user| user.get("groups"))) {
        let Some(name) = membership.get("name").and_then(Value::as_str) else { continue };
        let mut elsewhere = false;
        let before = own.len();
        for (group, value) in
            items(world.get("groups")).filter(|(_, value)| value.get("name").and_then(Value::as_str) == Some(name))
        {
            match (value.get("account").and_then(Value::as_str), &account) {
                (Some(theirs), Some(mine)) if theirs != mine => elsewhere = true,
                _ => own.push(group),
            }
        }
        if elsewhere && own.len() == before {
            foreign.push(name.to_owned());
        }
    }
    (own, foreign)
}

/// The documents of `roles[index]` of `world`, whose ARN is `owner`: its trust policy, its
/// permissions policies, its boundary.
pub fn role_documents(world: &Value, index: usize, owner: &str) -> Vec<Document> {
    let Some(role) = world.get("roles").and_then(|roles| roles.get(index)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(trust) = given(role.get("trustPolicy")) {
        let location = PolicyLocation::TrustPolicy { role: index };
        out.push(Document {
            pointer: location.pointer(),
            location,
            policy: None,
            kind: PolicyKind::Trust,
            owner: owner.to_string(),
            name: "trust policy".to_string(),
            text: PolicyText::from_value(trust).0,
            aws_managed: role.get("serviceLinked").and_then(Value::as_bool).unwrap_or(false),
        });
    }
    for (policy, value) in items(role.get("policies")) {
        let location = PolicyLocation::RolePolicy { role: index, policy };
        out.extend(named(location, value, PolicyKind::Identity, owner));
    }
    if let Some(boundary) = given(role.get("permissionsBoundary")) {
        let location = PolicyLocation::RoleBoundary { role: index };
        out.extend(named(location, boundary, PolicyKind::PermissionsBoundary, owner));
    }
    out
}

/// The SCPs, then the RCPs, of `accounts[index]` of `world`, level by level from the
/// organization root.
pub fn account_documents(world: &Value, index: usize) -> Vec<Document> {
    let Some(account) = world.get("accounts").and_then(|accounts| accounts.get(index)) else {
        return Vec::new();
    };
    let id = account.get("id").and_then(Value::as_str).unwrap_or_default();
    let owner = format!("account {id}");
    let mut out = Vec::new();
    for (kind, key) in [(PolicyKind::Scp, "scps"), (PolicyKind::Rcp, "rcps")] {
        for (level, policies) in items(account.get(key)) {
            for (policy, value) in items(Some(policies)) {
                let location = if kind == PolicyKind::Scp {
                    PolicyLocation::Scp { account: index, level, policy }
                } else {
                    PolicyLocation::Rcp { account: index, level, policy }
                };
                out.extend(named(location, value, kind, &owner));
            }
        }
    }
    out
}

/// The documents given with the action of `world`: the session policy of each call that takes a
/// role (hop 0 is `assumeRole` or a federated call, hop n is `chain[n-1]`) and the resource-based
/// policy of each action tried.
pub fn action_documents(world: &Value) -> Vec<Document> {
    let Some(action) = world.get("action").filter(|action| action.is_object()) else {
        return Vec::new();
    };
    let mut calls: Vec<(usize, &Value, String)> = Vec::new();
    if let Some(call) = given(action.get("assumeRole")) {
        calls.push((0, call, "/action/assumeRole".to_string()));
    }
    for (index, call) in items(action.get("chain")) {
        calls.push((index + 1, call, format!("/action/chain/{index}")));
    }
    // "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML" (STS API reference): `Policy`, as for
    // AssumeRole. Their calls try no actions of their own: `then` is the action's.
    let federated = [FederatedApi::WebIdentity, FederatedApi::Saml]
        .into_iter()
        .filter_map(|api| given(action.get(api.field())).map(|call| (Some(api), call)));
    let mut out = Vec::new();
    for (hop, federated, call) in
        calls.iter().map(|(hop, call, _)| (*hop, None, *call)).chain(federated.map(|(api, call)| (0, api, call)))
    {
        if let Some(policy) = given(call.get("sessionPolicy")) {
            let location = PolicyLocation::SessionPolicy { hop, federated };
            let role = call.get("role").and_then(Value::as_str).unwrap_or_default();
            // Not a managed policy, whatever it says: a session policy is inline by definition.
            if let Some(document) = named(location, policy, PolicyKind::Session, role) {
                out.push(Document { aws_managed: false, ..document });
            }
        }
    }
    let mut tried: Vec<(String, Option<&Value>)> = Vec::new();
    if let Some(pass_role) = given(action.get("passRole")) {
        tried.push(("/action/passRole/blastRadius".to_string(), pass_role.get("blastRadius")));
    }
    for (_, call, base) in &calls {
        tried.push((format!("{base}/then"), call.get("then")));
    }
    tried.push(("/action/then".to_string(), action.get("then")));
    for (base, actions) in tried {
        for (index, tried) in items(actions) {
            if let Some(policy) = given(tried.get("resourcePolicy")) {
                let pointer = format!("{base}/{index}/resourcePolicy");
                let resource = tried.get("resource").and_then(Value::as_str).unwrap_or("*");
                out.push(Document {
                    location: PolicyLocation::ResourcePolicy { pointer: pointer.clone() },
                    pointer,
                    policy: None,
                    kind: PolicyKind::Resource,
                    owner: resource.to_string(),
                    name: "resource policy".to_string(),
                    text: PolicyText::from_value(policy).0,
                    aws_managed: false,
                });
            }
        }
    }
    out
}

/// What Omen calls a policy the world gives no name.
fn default_name(location: &PolicyLocation, kind: PolicyKind) -> String {
    match location {
        PolicyLocation::UserPolicy { policy, .. }
        | PolicyLocation::GroupPolicy { policy, .. }
        | PolicyLocation::RolePolicy { policy, .. } => format!("policy-{policy}"),
        PolicyLocation::Scp { level, policy, .. } | PolicyLocation::Rcp { level, policy, .. } => {
            format!("{}-L{level}-{policy}", kind.as_str())
        }
        _ => match kind {
            PolicyKind::PermissionsBoundary => "permissions boundary".into(),
            PolicyKind::Trust => "trust policy".into(),
            PolicyKind::Session => "session policy".into(),
            _ => "resource policy".into(),
        },
    }
}

#[cfg(test)]
mod shared_group_tests {
    use super::*;
    use serde_json::json;

    /// "IAM user groups": a group's policies apply to every user in it; the world lists the
    /// group once, so its editor is one and its members read the same document.
    #[test]
    fn a_group_of_the_world_is_listed_once_and_read_for_each_member() {
        let policy = "{\"Statement\": []}";
        let world = json!({
            "users": [
                {"arn": "arn:aws:iam::111122223333:user/alice", "groups": [{"name": "devs"}]},
                {"arn": "arn:aws:iam::111122223333:user/bob", "groups": [{"name": "devs"}, {"name": "own", "policies": [policy]}]},
                {"arn": "arn:aws:iam::111122223333:user/carol"}
            ],
            "groups": [{"name": "devs", "policies": [{"name": "Deploy", "document": policy}]}]
        });
        let pointers: Vec<String> = documents_in(&world).into_iter().map(|d| d.pointer).collect();
        assert_eq!(pointers, ["/users/1/groups/1/policies/0", "/groups/0/policies/0/document"]);
        let shared = documents_in(&world).into_iter().find(|d| d.pointer.starts_with("/groups/")).unwrap();
        assert_eq!((shared.name.as_str(), shared.owner.as_str()), ("devs/Deploy", "group devs"));
        for (user, expected) in [(0, 1), (1, 1), (2, 0)] {
            let owner = format!("users[{user}]");
            let got = member_documents(&world, user, &owner);
            assert_eq!(got.len(), expected, "user {user}");
            assert!(got.iter().all(|d| d.pointer == "/groups/0/policies/0/document" && d.owner == owner));
        }
        // The world reads as a world, and says its groups back.
        let read: World = serde_json::from_value(world.clone()).unwrap();
        assert_eq!(read.groups.len(), 1);
        assert_eq!(documents_in(&read.to_value()).len(), documents_in(&world).len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::SessionPolicy;

    /// Every document of a world with one of each, at a pointer that holds its text.
    #[test]
    fn walks_every_document_of_a_world() {
        let policy = r#"{"Version": "2012-10-17", "Statement": []}"#;
        let json = serde_json::json!({
            "accounts": [{"id": "111122223333", "scps": [[{"name": "Root", "document": policy}]], "rcps": [[policy]]}],
            "users": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [policy],
                       "groups": [{"name": "devs", "policies": [{"name": "Dev", "document": policy}]}],
                       "permissionsBoundary": {"name": "B", "document": policy}}],
            "roles": [{"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": policy,
                       "policies": [{"name": "P", "document": policy, "awsManaged": true}]}],
            "action": {"assumeRole": {"caller": "arn:aws:iam::111122223333:user/alice", "role": "arn:aws:iam::111122223333:role/R",
                                      "sessionPolicy": {"name": "Narrow", "document": policy},
                                      "then": [{"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourcePolicy": policy}]},
                       "chain": [{"role": "arn:aws:iam::111122223333:role/R", "sessionPolicy": policy}]}
        });
        let world = World::from_json(&json.to_string()).unwrap();
        // The walker over the JSON as given finds the same documents (a bare policy where the
        // JSON holds it: `/users/0/policies/0`, `/accounts/0/rcps/0/0`).
        let facts =
            |d: &Document| (d.location.clone(), d.kind, d.owner.clone(), d.name.clone(), d.text.clone(), d.aws_managed);
        let tolerant = documents_in(&json);
        assert_eq!(
            tolerant.iter().map(facts).collect::<Vec<_>>(),
            world.documents().iter().map(facts).collect::<Vec<_>>()
        );
        assert_eq!(tolerant.first().map(|d| d.pointer.as_str()), Some("/users/0/policies/0"));
        let documents = world.documents();
        let listed: Vec<(&str, PolicyKind, &str, &str)> =
            documents.iter().map(|d| (d.pointer.as_str(), d.kind, d.name.as_str(), d.owner.as_str())).collect();
        let user = "arn:aws:iam::111122223333:user/alice";
        let role = "arn:aws:iam::111122223333:role/R";
        assert_eq!(
            listed,
            vec![
                ("/users/0/policies/0/document", PolicyKind::Identity, "policy-0", user),
                ("/users/0/groups/0/policies/0/document", PolicyKind::Identity, "devs/Dev", user),
                ("/users/0/permissionsBoundary/document", PolicyKind::PermissionsBoundary, "B", user),
                ("/roles/0/trustPolicy", PolicyKind::Trust, "trust policy", role),
                ("/roles/0/policies/0/document", PolicyKind::Identity, "P", role),
                ("/accounts/0/scps/0/0/document", PolicyKind::Scp, "Root", "account 111122223333"),
                ("/accounts/0/rcps/0/0/document", PolicyKind::Rcp, "rcp-L0-0", "account 111122223333"),
                ("/action/assumeRole/sessionPolicy/document", PolicyKind::Session, "Narrow", role),
                ("/action/chain/0/sessionPolicy", PolicyKind::Session, "session policy", role),
                (
                    "/action/assumeRole/then/0/resourcePolicy",
                    PolicyKind::Resource,
                    "resource policy",
                    "arn:aws:s3:::b/k"
                ),
            ]
        );
        let value = serde_json::to_value(&world).unwrap();
        for document in &documents {
            assert_eq!(
                value.pointer(&document.pointer).and_then(|v| v.as_str()),
                Some(document.text.as_str()),
                "{}",
                document.pointer
            );
        }
        assert!(documents.iter().any(|d| d.aws_managed && d.name == "P"));
    }
    /// Every world Omen ships: the presets and the scenario worlds, as JSON text.
    fn shipped_worlds() -> Vec<(String, Value)> {
        let mut worlds: Vec<(String, Value)> = crate::flow::presets()
            .into_iter()
            .map(|preset| (preset.id.to_string(), crate::flow::filled_in(preset.world_json)))
            .collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let scenario: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                // A scenario names a preset (listed above) or gives its own world, whose AWS
                // managed policies are attached by ARN: filled in, as the scenarios are played.
                if let Some(world) = scenario.get("world") {
                    worlds.push((path.display().to_string(), crate::flow::filled_in(&world.to_string())));
                }
            }
        }
        worlds
    }

    /// The tolerant walker over a world's JSON lists what the walker over the parsed world lists,
    /// for every preset and scenario world — same places, kinds, owners, names, texts and
    /// pointers (each pointing at its text in the JSON as given).
    #[test]
    fn the_walker_over_json_agrees_with_the_parsed_world_on_every_shipped_world() {
        let worlds = shipped_worlds();
        assert!(worlds.len() > 100, "{}", worlds.len());
        let (mut kinds, mut total) = (std::collections::BTreeSet::new(), 0);
        for (name, json) in worlds {
            let world = World::from_json(&json.to_string()).unwrap();
            let parsed = world.documents();
            let tolerant = documents_in(&json);
            total += tolerant.len();
            assert_eq!(tolerant, parsed, "{name}");
            for document in &tolerant {
                kinds.insert(document.kind.as_str());
                let text = json.pointer(&document.pointer).map(PolicyText::from_value);
                assert_eq!(text.map(|t| t.0), Some(document.text.clone()), "{name}: {}", document.pointer);
            }
        }
        // The shipped worlds cover every kind a world can give, resource-based policies included
        // (the scenarios resource-policy-*) and RCPs (rcp-denies-assume-role-from-outside).
        assert_eq!(kinds.len(), 7, "{kinds:?}");
        assert!(total > 300, "{total}");
    }

    /// A federated call's session policy ("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", STS
    /// API reference: `Policy`) is read, written back, and listed at the call's own pointer —
    /// hop 0, as AssumeRole's would be, so the flows find it where they find AssumeRole's.
    #[test]
    fn a_federated_call_gives_its_session_policy_at_its_own_pointer() {
        let policy = r#"{"Version": "2012-10-17", "Statement": []}"#;
        let role = "arn:aws:iam::111122223333:role/R";
        for (api, session_policy, pointer, name) in [
            (
                FederatedApi::WebIdentity,
                serde_json::json!(policy),
                "/action/assumeRoleWithWebIdentity/sessionPolicy",
                "session policy",
            ),
            (
                FederatedApi::Saml,
                serde_json::json!({"name": "Narrow", "document": policy}),
                "/action/assumeRoleWithSaml/sessionPolicy/document",
                "Narrow",
            ),
        ] {
            let call = serde_json::json!({"provider": "arn:aws:iam::111122223333:saml-provider/IdP", "role": role,
                                          "sessionPolicy": session_policy});
            let json = serde_json::json!({"roles": [{"arn": role, "trustPolicy": policy}],
                                          "action": {api.field(): call, "then": ["s3:GetObject"]}});
            let world = World::from_value(&json).unwrap();
            let action = world.action.as_ref().unwrap();
            let read = action.assume_role_with_web_identity.as_ref().or(action.assume_role_with_saml.as_ref());
            assert_eq!(
                read.and_then(|call| call.session_policy.as_ref()).map(SessionPolicy::text),
                Some(policy),
                "{api:?}"
            );
            let written = world.to_value();
            assert_eq!(written.pointer(&format!("/action/{}", api.field())), Some(&call), "{api:?}: written back");
            assert_eq!(World::from_value(&written).unwrap(), world, "{api:?}: read again");
            assert_eq!(serde_json::from_value::<World>(json.clone()).unwrap(), world, "{api:?}: as serde reads it");
            let sessions: Vec<Document> =
                world.documents().into_iter().filter(|d| d.kind == PolicyKind::Session).collect();
            assert_eq!(sessions.len(), 1, "{api:?}");
            let document = &sessions[0];
            assert_eq!(document.location, PolicyLocation::SessionPolicy { hop: 0, federated: Some(api) });
            assert_eq!(
                (document.pointer.as_str(), document.name.as_str(), document.owner.as_str()),
                (pointer, name, role)
            );
            assert_eq!(document.location.pointer(), format!("/action/{}/sessionPolicy", api.field()));
            assert!(!document.aws_managed);
        }
        let assume_role = PolicyLocation::SessionPolicy { hop: 0, federated: None };
        assert_eq!(assume_role.pointer(), "/action/assumeRole/sessionPolicy");
    }

    /// A field of the wrong type makes the world unreadable as a whole, but never loses the
    /// other documents: the page keeps an editor for each.
    #[test]
    fn a_world_with_a_broken_field_still_lists_its_other_documents() {
        let policy = r#"{"Version": "2012-10-17", "Statement": []}"#;
        let good = serde_json::json!({
            "accounts": [{"id": "111122223333", "scps": [[{"name": "Root", "document": policy}]]}],
            "users": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"name": "A", "document": policy}],
                       "permissionsBoundary": {"name": "B", "document": policy}}],
            "roles": [{"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": policy,
                       "policies": [{"name": "P", "document": policy}]}],
            "action": {"assumeRole": {"caller": "arn:aws:iam::111122223333:user/alice",
                                      "role": "arn:aws:iam::111122223333:role/R", "sessionPolicy": policy}}
        });
        let expected = World::from_json(&good.to_string()).unwrap().documents();
        assert_eq!(expected.len(), 6);
        let breakages = [
            ("/users/0/mfa", serde_json::json!("yes")),
            ("/users/0/tags", serde_json::json!(3)),
            ("/roles/0/maxSessionDuration", serde_json::json!("an hour")),
            ("/roles/0/serviceLinked", serde_json::json!("no")),
            ("/accounts/0/id", serde_json::json!(111122223333_u64)),
            ("/action/assumeRole/durationSeconds", serde_json::json!("3600")),
            ("/action/assumeRole/role", serde_json::json!(["arn:aws:iam::111122223333:role/R"])),
            ("/name", serde_json::json!({"en": "a name"})),
        ];
        for (pointer, value) in breakages {
            let mut broken = good.clone();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            broken.pointer_mut(parent).unwrap().as_object_mut().unwrap().insert(key.to_string(), value);
            assert!(World::from_json(&broken.to_string()).is_err(), "{pointer} should break the world");
            let listed: Vec<(String, String)> =
                documents_in(&broken).into_iter().map(|d| (d.pointer, d.text)).collect();
            let wanted: Vec<(String, String)> = expected.iter().map(|d| (d.pointer.clone(), d.text.clone())).collect();
            assert_eq!(listed, wanted, "{pointer}");
        }
        // A part that is not what it should be is skipped; the rest stay.
        let mut broken = good.clone();
        broken["users"] = serde_json::json!("alice");
        let listed: Vec<String> = documents_in(&broken).into_iter().map(|d| d.pointer).collect();
        assert_eq!(listed.first().map(String::as_str), Some("/roles/0/trustPolicy"));
        assert_eq!(listed.len(), 4);
        assert!(documents_in(&serde_json::json!("not a world")).is_empty());
    }

    /// A policy given bare, or with its text under `policy`, is found where the JSON holds it;
    /// owners come from `account`, `name` and `path` when there is no `arn`.
    #[test]
    fn documents_are_found_where_the_json_holds_them() {
        let policy = r#"{"Version": "2012-10-17", "Statement": []}"#;
        let json = serde_json::json!({
            "users": [{"account": "111122223333", "name": "bob", "path": "team",
                       "policies": [policy, {"name": "Old", "policy": policy}]}],
            "roles": [{"arn": 7, "policies": [{"Version": "2012-10-17", "Statement": []}]}]
        });
        let listed: Vec<(String, Option<String>, String, String)> =
            documents_in(&json).into_iter().map(|d| (d.pointer, d.policy, d.name, d.owner)).collect();
        let bob = "arn:aws:iam::111122223333:user/team/bob".to_string();
        assert_eq!(
            listed,
            vec![
                ("/users/0/policies/0".into(), None, "policy-0".into(), bob.clone()),
                ("/users/0/policies/1/policy".into(), Some("/users/0/policies/1".into()), "Old".into(), bob),
                ("/roles/0/policies/0".into(), None, "policy-0".into(), "roles[0]".into()),
            ]
        );
    }
}
