//! The one walker over a world's policy documents: each document with its JSON pointer, its
//! kind, its owner and its name. Flows parse what it finds, fixes edit at its pointers, and the
//! web app lists its editors from it — the layout of a world is known here and nowhere else.

use super::wire::{NamedPolicy, PolicyText, SessionAction, SessionPolicy, World};
use crate::policy::PolicyKind;
use serde::Serialize;

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
    /// The session policy of AssumeRole hop `hop` (0: `action.assumeRole`, n: `action.chain[n-1]`).
    SessionPolicy {
        /// The hop.
        hop: usize,
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
            Self::UserBoundary { user } => format!("/users/{user}/permissionsBoundary/document"),
            Self::RolePolicy { role, policy } => format!("/roles/{role}/policies/{policy}/document"),
            Self::RoleBoundary { role } => format!("/roles/{role}/permissionsBoundary/document"),
            Self::TrustPolicy { role } => format!("/roles/{role}/trustPolicy"),
            Self::Scp { account, level, policy } => format!("/accounts/{account}/scps/{level}/{policy}/document"),
            Self::Rcp { account, level, policy } => format!("/accounts/{account}/rcps/{level}/{policy}/document"),
            Self::SessionPolicy { hop: 0 } => "/action/assumeRole/sessionPolicy".to_string(),
            Self::SessionPolicy { hop } => format!("/action/chain/{}/sessionPolicy", hop - 1),
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
pub struct Document<'w> {
    /// Where it lives.
    pub location: PolicyLocation,
    /// The JSON pointer of its text in the world (RFC 6901).
    pub pointer: String,
    /// What kind of policy it is.
    pub kind: PolicyKind,
    /// Whose it is: the user's or role's ARN as the world gives it, `account ID` for SCPs and
    /// RCPs, the role a call assumes for its session policy, the resource of an action.
    pub owner: String,
    /// Its name: the one given, or what Omen calls it (`policy-0`, `trust policy`, `scp-L0-1`, …).
    pub name: String,
    /// Its text.
    pub text: &'w str,
    /// Whether AWS manages it (it cannot be edited).
    pub aws_managed: bool,
}

impl World {
    /// Every policy document of the world, in the order flows report on them: each user's
    /// policies, group policies and boundary; each role's trust policy, permissions policies and
    /// boundary; each account's SCPs and RCPs; the session policy of each AssumeRole call; the
    /// resource-based policies given with actions.
    pub fn documents(&self) -> Vec<Document<'_>> {
        let mut out = Vec::new();
        for (index, user) in self.users.iter().enumerate() {
            let owner = owner_arn(&user.arn, user.identity().ok().map(|i| i.arn), format!("users[{index}]"));
            out.extend(user_documents(self, index, &owner));
        }
        for (index, role) in self.roles.iter().enumerate() {
            let owner = owner_arn(&role.arn, role.identity().ok().map(|i| i.arn), format!("roles[{index}]"));
            out.extend(role_documents(self, index, &owner));
        }
        for index in 0..self.accounts.len() {
            out.extend(account_documents(self, index));
        }
        out.extend(action_documents(self));
        out
    }
}

fn owner_arn(arn: &Option<String>, identity: Option<String>, fallback: String) -> String {
    identity.or_else(|| arn.clone()).unwrap_or(fallback)
}

fn named<'w>(location: PolicyLocation, policy: &'w NamedPolicy, kind: PolicyKind, owner: &str) -> Document<'w> {
    let name = if policy.name.is_empty() { default_name(&location, kind) } else { policy.name.clone() };
    Document {
        pointer: location.pointer(),
        location,
        kind,
        owner: owner.to_string(),
        name,
        text: policy.document.as_str(),
        aws_managed: policy.aws_managed,
    }
}

/// The documents of `users[index]`, whose ARN is `owner`: its policies, its groups' policies, its
/// boundary.
pub fn user_documents<'w>(world: &'w World, index: usize, owner: &str) -> Vec<Document<'w>> {
    let Some(user) = world.users.get(index) else {
        return Vec::new();
    };
    let mut out: Vec<Document<'_>> = user
        .policies
        .iter()
        .enumerate()
        .map(|(policy, p)| {
            let location = PolicyLocation::UserPolicy { user: index, policy };
            named(location, p, PolicyKind::Identity, owner)
        })
        .collect();
    for (group, g) in user.groups.iter().enumerate() {
        for (policy, p) in g.policies.iter().enumerate() {
            let location = PolicyLocation::GroupPolicy { user: index, group, policy };
            let mut document = named(location, p, PolicyKind::Identity, owner);
            document.name = format!("{}/{}", g.name, document.name);
            out.push(document);
        }
    }
    if let Some(boundary) = &user.permissions_boundary {
        let location = PolicyLocation::UserBoundary { user: index };
        out.push(named(location, boundary, PolicyKind::PermissionsBoundary, owner));
    }
    out
}

/// The documents of `roles[index]`, whose ARN is `owner`: its trust policy, its permissions
/// policies, its boundary.
pub fn role_documents<'w>(world: &'w World, index: usize, owner: &str) -> Vec<Document<'w>> {
    let Some(role) = world.roles.get(index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(trust) = &role.trust_policy {
        let location = PolicyLocation::TrustPolicy { role: index };
        out.push(Document {
            pointer: location.pointer(),
            location,
            kind: PolicyKind::Trust,
            owner: owner.to_string(),
            name: "trust policy".to_string(),
            text: trust.as_str(),
            aws_managed: role.service_linked,
        });
    }
    for (policy, p) in role.policies.iter().enumerate() {
        let location = PolicyLocation::RolePolicy { role: index, policy };
        out.push(named(location, p, PolicyKind::Identity, owner));
    }
    if let Some(boundary) = &role.permissions_boundary {
        let location = PolicyLocation::RoleBoundary { role: index };
        out.push(named(location, boundary, PolicyKind::PermissionsBoundary, owner));
    }
    out
}

/// The SCPs, then the RCPs, of `accounts[index]`, level by level from the organization root.
pub fn account_documents(world: &World, index: usize) -> Vec<Document<'_>> {
    let Some(account) = world.accounts.get(index) else {
        return Vec::new();
    };
    let owner = format!("account {}", account.id);
    let mut out = Vec::new();
    for (kind, levels) in [(PolicyKind::Scp, &account.scps), (PolicyKind::Rcp, &account.rcps)] {
        for (level, policies) in levels.iter().flatten().enumerate() {
            for (policy, p) in policies.iter().enumerate() {
                let location = if kind == PolicyKind::Scp {
                    PolicyLocation::Scp { account: index, level, policy }
                } else {
                    PolicyLocation::Rcp { account: index, level, policy }
                };
                out.push(named(location, p, kind, &owner));
            }
        }
    }
    out
}

/// The documents given with the action: the session policy of each AssumeRole call (hop 0 is
/// `assumeRole`, hop n is `chain[n-1]`) and the resource-based policy of each action tried.
pub fn action_documents(world: &World) -> Vec<Document<'_>> {
    let Some(action) = &world.action else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let calls = action.assume_role.iter().map(|call| (0, call, "/action/assumeRole".to_string()));
    let chain = action.chain.iter().enumerate().map(|(i, call)| (i + 1, call, format!("/action/chain/{i}")));
    let calls: Vec<_> = calls.chain(chain).collect();
    for (hop, call, _) in &calls {
        if let Some(policy) = &call.session_policy {
            let location = PolicyLocation::SessionPolicy { hop: *hop };
            let pointer = match policy {
                SessionPolicy::Document(_) => location.pointer(),
                SessionPolicy::Named(_) => format!("{}/document", location.pointer()),
            };
            out.push(Document {
                location,
                pointer,
                kind: PolicyKind::Session,
                owner: call.role.clone(),
                name: policy.name().unwrap_or("session policy").to_string(),
                text: policy.text(),
                aws_managed: false,
            });
        }
    }
    let mut tried: Vec<(String, &[SessionAction])> = Vec::new();
    if let Some(pass_role) = &action.pass_role {
        if let Some(actions) = &pass_role.blast_radius {
            tried.push(("/action/passRole/blastRadius".to_string(), actions));
        }
    }
    for (_, call, base) in &calls {
        tried.push((format!("{base}/then"), &call.then));
    }
    tried.push(("/action/then".to_string(), &action.then));
    for (base, actions) in tried {
        for (index, tried) in actions.iter().enumerate() {
            if let Some(policy) = &tried.resource_policy {
                out.push(resource_policy(format!("{base}/{index}/resourcePolicy"), tried, policy));
            }
        }
    }
    out
}

fn resource_policy<'w>(pointer: String, action: &SessionAction, policy: &'w PolicyText) -> Document<'w> {
    Document {
        location: PolicyLocation::ResourcePolicy { pointer: pointer.clone() },
        pointer,
        kind: PolicyKind::Resource,
        owner: action.resource.clone().unwrap_or_else(|| "*".to_string()),
        name: "resource policy".to_string(),
        text: policy.as_str(),
        aws_managed: false,
    }
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
mod tests {
    use super::*;

    /// Every document of a world with one of each, at a pointer that holds its text.
    #[test]
    fn walks_every_document_of_a_world() {
        let policy = r#"{"Version": "2012-10-17", "Statement": []}"#;
        let world = World::from_json(&serde_json::json!({
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
        }).to_string())
        .unwrap();
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
                Some(document.text),
                "{}",
                document.pointer
            );
        }
        assert!(documents.iter().any(|d| d.aws_managed && d.name == "P"));
    }
}
