//! The one place the reach analysis touches the world model and the flow layer: the principals
//! and roles of a [`World`], and each question put to them as one ordinary
//! [`crate::evaluate::evaluate`] call (the request is kept, so the page can replay it).
//!
//! The caller's side (identity policies, groups, permissions boundary, SCPs) and the role's side
//! (trust policy, RCPs) are assembled exactly as the flows assemble them; when the house stream's
//! `world/` and `sts/` land, only this file changes.

use super::conditions::{decide, exported_key, without, Decided};
use crate::clock::Instant;
use crate::context::RequestContext;
use crate::evaluate::{AttachedPolicy, PolicyId, PolicySet, Request};
use crate::matching::{action_matches, ResourceMatch};
use crate::parse::parse_policy;
use crate::policy::{CompiledPattern, Effect, ListElement, Policy, PolicyKind, PrincipalType};
use crate::principal::PrincipalMatch;
use crate::principal::RequestPrincipal;
use crate::sts::{Caller, SetBuilder, CATALOGUE};
pub use crate::world::World;
use crate::world::DEFAULT_NOW;
use crate::world::{NamedPolicy, ParsedWorld as Resolved, PolicyText};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::cell::RefCell;

/// The session name Omen gives the sessions it imagines.
pub const SESSION_NAME: &str = "omen-reach";

/// Whether a node is an IAM user or a role (acting through a session).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An IAM user.
    User,
    /// An IAM role.
    Role,
}

/// A principal of the world.
#[derive(Debug, Clone)]
pub struct Node {
    /// The user's or role's ARN.
    pub arn: String,
    /// User or role.
    pub kind: NodeKind,
    /// The account.
    pub account: String,
    /// The name.
    pub name: String,
    /// Whether it is a service-linked role.
    pub service_linked: bool,
    /// Names of the customer managed (or inline) policies attached to it.
    pub policy_names: Vec<String>,
    /// The group names of a user.
    pub groups: Vec<String>,
    /// The service principals its trust policy names (roles only).
    pub trusted_services: Vec<String>,
    /// Existing resources that carry the role, as the import found them: `(type, ARN)`, the type
    /// spelt as a family's [`super::families::Family::assumes`] (`instanceProfile`, `function`,
    /// `stack`).
    pub used_by: Vec<(String, String)>,
    /// The ARN it calls with (a user's ARN, a session of a role) and its principal.
    caller: Option<(String, RequestPrincipal)>,
    user: Option<usize>,
    role: Option<usize>,
}

/// A change to a principal's own permissions after which it acts with more, without becoming
/// another principal: the escalation edges that stay with the principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// It is in the group `name` ("AddUserToGroup", IAM API Reference).
    JoinGroup(String),
    /// The version `version` of its customer managed policy `policy` is the default one
    /// ("SetDefaultPolicyVersion", IAM API Reference; "Versioning IAM policies").
    DefaultVersion {
        /// The policy's name.
        policy: String,
        /// The version now in effect.
        version: String,
    },
    /// It has no permissions boundary: deleted ("Permissions boundaries for IAM entities").
    NoBoundary,
    /// Its permissions boundary is `AdministratorAccess`, which limits nothing: as good as none.
    AdministratorBoundary,
}

/// Whether `policy` allows every action on every resource, unconditionally, and denies nothing.
fn allows_everything(policy: &Policy) -> bool {
    let every = |element: &Option<ListElement>| {
        element.as_ref().is_some_and(|list| !list.negated && list.patterns.iter().any(|p| p.value == "*"))
    };
    policy.statements.iter().all(|s| s.effect != Some(Effect::Deny))
        && policy.statements.iter().any(|s| {
            s.effect == Some(Effect::Allow) && s.conditions.is_empty() && every(&s.action) && every(&s.resource)
        })
}

/// The AWS managed policy that allows everything: as a boundary, it limits nothing.
pub const ADMINISTRATOR_ACCESS: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

/// `AdministratorAccess`'s document (AWS managed, version 1).
const ADMINISTRATOR_DOCUMENT: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

/// A change to the world that an edge rests on, in the world's terms: the IAM call the principal
/// was allowed to make before it takes the edge. [`apply_changes`] makes it in a [`World`], so
/// the edge's flow plays on the world as it is after the change; the page says which change was
/// made first. Serialized as `{"kind": "addUserToGroup", "target": ARN, …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum WorldChange {
    /// `iam:AddUserToGroup`: the user `target` is in the group `group`.
    AddUserToGroup {
        /// The user's ARN.
        target: String,
        /// The group's name.
        group: String,
    },
    /// `iam:SetDefaultPolicyVersion`: the version `version` of the customer managed policy
    /// `policy`, which `target` has, is the one in effect.
    SetDefaultPolicyVersion {
        /// The ARN of the user or role that has the policy.
        target: String,
        /// The policy's name.
        policy: String,
        /// The version now in effect.
        version: String,
    },
    /// `iam:DeleteUserPermissionsBoundary` / `iam:DeleteRolePermissionsBoundary`: `target` has
    /// no permissions boundary.
    DeletePermissionsBoundary {
        /// The user's or role's ARN.
        target: String,
    },
    /// `iam:PutUserPermissionsBoundary` / `iam:PutRolePermissionsBoundary`: `target`'s
    /// permissions boundary is the managed policy `policy` (`AdministratorAccess`).
    PutPermissionsBoundary {
        /// The user's or role's ARN.
        target: String,
        /// The boundary's ARN.
        policy: String,
    },
    /// A rewrite of a principal's permissions with `call` on `target` — `iam:PutUserPolicy` or
    /// `iam:AttachUserPolicy` on a user, `iam:PutRolePolicy` or `iam:AttachRolePolicy` on a role,
    /// `iam:PutGroupPolicy` or `iam:AttachGroupPolicy` on a group, `iam:CreatePolicyVersion` on a
    /// customer managed policy (the new version the default) — that gives it `document`
    /// (everything: "Adding and removing IAM identity permissions"; "Versioning IAM policies").
    RewritePermissions {
        /// The IAM call.
        call: String,
        /// The ARN of the user, role, group or policy it names.
        target: String,
        /// The policy written.
        document: Value,
    },
    /// `iam:UpdateAssumeRolePolicy`: the role `target`'s trust policy is `document`, the minimal
    /// one naming the principal ("Modifying a role trust policy").
    UpdateAssumeRolePolicy {
        /// The role's ARN.
        target: String,
        /// The trust policy written.
        document: Value,
    },
}

impl WorldChange {
    /// The ARN of the user or role changed.
    pub fn target(&self) -> &str {
        match self {
            Self::AddUserToGroup { target, .. }
            | Self::SetDefaultPolicyVersion { target, .. }
            | Self::DeletePermissionsBoundary { target }
            | Self::PutPermissionsBoundary { target, .. }
            | Self::RewritePermissions { target, .. }
            | Self::UpdateAssumeRolePolicy { target, .. } => target,
        }
    }
}

/// The trust policy a rewrite with `iam:UpdateAssumeRolePolicy` leaves, at its smallest: it
/// allows `arn` (a user or role ARN) `sts:AssumeRole` and nothing else.
pub fn trusting_document(arn: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"}]})
}

/// The policy that allows everything (`AdministratorAccess`'s document).
pub fn administrator_document() -> Value {
    serde_json::from_str(ADMINISTRATOR_DOCUMENT).unwrap_or(Value::Null)
}

/// Make `changes` in `world`, in order; a change that names no user, role, group or version of
/// the world changes nothing.
pub fn apply_changes(world: &mut World, changes: &[WorldChange]) {
    for change in changes {
        apply_change(world, change);
    }
}

/// The user of `world` whose ARN is `arn`.
fn user_mut<'w>(world: &'w mut World, arn: &str) -> Option<&'w mut crate::world::User> {
    world.users.iter_mut().find(|u| u.identity().ok().is_some_and(|name| name.arn == arn))
}

/// The role of `world` whose ARN is `arn`.
fn role_mut<'w>(world: &'w mut World, arn: &str) -> Option<&'w mut crate::world::Role> {
    world.roles.iter_mut().find(|r| r.identity().ok().is_some_and(|name| name.arn == arn))
}

/// The account field of the ARN `target`, as written.
fn account_in(target: &str) -> Option<String> {
    crate::arn::Arn::parse(target).ok().map(|arn| arn.account.to_string())
}

fn apply_change(world: &mut World, change: &WorldChange) {
    match change {
        WorldChange::AddUserToGroup { target, group } => {
            let account = account_in(target);
            let shared = world
                .groups
                .iter()
                .any(|g| g.name == *group && g.account.as_ref().is_none_or(|a| Some(a) == account.as_ref()));
            // A group listed under another user of the account alone: its policies come along.
            let listed = world
                .users
                .iter()
                .filter(|u| u.identity().ok().map(|name| name.account) == account)
                .flat_map(|u| u.groups.iter())
                .find(|g| g.name == *group && !g.policies.is_empty())
                .cloned();
            let joined = match (shared, listed) {
                (false, Some(listed)) => listed,
                _ => crate::world::Group { name: group.clone(), account: None, policies: Vec::new() },
            };
            if let Some(user) = user_mut(world, target) {
                if !user.groups.iter().any(|g| g.name == *group) {
                    user.groups.push(joined);
                }
            }
        }
        WorldChange::SetDefaultPolicyVersion { target, policy, version } => {
            // A customer managed policy is one policy, however many holders list it: each copy
            // of the account changes.
            let account = account_in(target);
            let set_default = |named: &mut NamedPolicy| {
                if named.name != *policy || named.aws_managed {
                    return;
                }
                if let Some(at) = named.versions.iter().position(|v| v.version_id == *version) {
                    let chosen = named.versions.remove(at);
                    named.document = chosen.document;
                }
            };
            each_policy_of_account(world, account.as_deref(), set_default);
        }
        WorldChange::DeletePermissionsBoundary { target } => {
            if let Some(user) = user_mut(world, target) {
                user.permissions_boundary = None;
            }
            if let Some(role) = role_mut(world, target) {
                role.permissions_boundary = None;
            }
        }
        WorldChange::PutPermissionsBoundary { target, policy } => {
            let name = policy.rsplit('/').next().unwrap_or(policy).to_string();
            let document = if policy == ADMINISTRATOR_ACCESS { ADMINISTRATOR_DOCUMENT } else { return };
            let boundary = NamedPolicy {
                name,
                document: PolicyText::from_value(&Value::String(document.to_string())),
                aws_managed: true,
                versions: Vec::new(),
            };
            if let Some(user) = user_mut(world, target) {
                user.permissions_boundary = Some(boundary.clone());
            }
            if let Some(role) = role_mut(world, target) {
                role.permissions_boundary = Some(boundary);
            }
        }
        WorldChange::RewritePermissions { call, target, document } => rewrite(world, call, target, document),
        WorldChange::UpdateAssumeRolePolicy { target, document } => {
            if let Some(role) = role_mut(world, target) {
                role.trust_policy = Some(PolicyText::from_value(document));
            }
        }
    }
}

/// Calls `change` on every policy entry that users, roles and groups of `account` hold —
/// identity policies, permissions boundaries and group policies, each copy a holder lists: a
/// customer managed policy is one policy however many holders list it.
fn each_policy_of_account(world: &mut World, account: Option<&str>, mut change: impl FnMut(&mut NamedPolicy)) {
    let of_account = |identity: Option<String>| identity.as_deref() == account;
    for user in world.users.iter_mut().filter(|u| of_account(u.identity().ok().map(|n| n.account))) {
        user.policies.iter_mut().chain(&mut user.permissions_boundary).for_each(&mut change);
        user.groups.iter_mut().flat_map(|g| g.policies.iter_mut()).for_each(&mut change);
    }
    for role in world.roles.iter_mut().filter(|r| of_account(r.identity().ok().map(|n| n.account))) {
        role.policies.iter_mut().chain(&mut role.permissions_boundary).for_each(&mut change);
    }
    for group in world.groups.iter_mut().filter(|g| g.account.is_none() || g.account.as_deref() == account) {
        group.policies.iter_mut().for_each(&mut change);
    }
}

/// [`WorldChange::RewritePermissions`]: `call` on `target` writes `document` where the call
/// puts it — on the user or role, on the group (its shared entry, or the entry of each member
/// that lists the group with its policies), or as the default version of the managed policy.
fn rewrite(world: &mut World, call: &str, target: &str, document: &Value) {
    let Some(account) = account_in(target) else {
        return;
    };
    let account = Some(account);
    let name = target.rsplit('/').next().unwrap_or(target).to_string();
    let attached = call.to_ascii_lowercase().starts_with("iam:attach");
    let policy = NamedPolicy {
        name: if attached { "AdministratorAccess".into() } else { "omen-reach".into() },
        document: PolicyText::from_value(document),
        aws_managed: attached,
        versions: Vec::new(),
    };
    let user_account = |user: &crate::world::User| user.identity().ok().map(|n| n.account);
    if target.contains(":user/") {
        if let Some(user) = user_mut(world, target) {
            user.policies.push(policy);
        }
    } else if target.contains(":role/") {
        if let Some(role) = role_mut(world, target) {
            role.policies.push(policy);
        }
    } else if target.contains(":group/") {
        let mut shared = false;
        for group in world.groups.iter_mut().filter(|g| g.name == name && (g.account.is_none() || g.account == account))
        {
            group.policies.push(policy.clone());
            shared = true;
        }
        // A member's entry with policies of its own holds the group; a bare name is the
        // shared group's, unless the world has none.
        for user in world.users.iter_mut().filter(|u| user_account(u) == account) {
            for group in user.groups.iter_mut().filter(|g| g.name == name && (!shared || !g.policies.is_empty())) {
                group.policies.push(policy.clone());
            }
        }
    } else if target.contains(":policy/") {
        let set_default = |named: &mut NamedPolicy| {
            if named.name == name && !named.aws_managed {
                named.document = PolicyText::from_value(document);
            }
        };
        each_policy_of_account(world, account.as_deref(), set_default);
    }
}

/// A group of the world and its parsed policies.
struct GroupPolicies {
    /// The account, when the world says (a group listed under a user is in the user's account).
    account: Option<String>,
    name: String,
    policies: Vec<(String, Policy)>,
}

/// A version of a customer managed policy that is not in effect.
struct OtherVersion {
    account: Option<String>,
    policy: String,
    version: String,
    document: Policy,
}

/// A node after changes to its own permissions.
struct Variant {
    base: usize,
    changes: Vec<Change>,
}

/// How many changes one principal's variant may carry.
const MOST_CHANGES: usize = 3;

/// The world seen as principals and roles.
pub struct View {
    resolved: Resolved,
    now: Instant,
    /// Users first, then roles.
    pub nodes: Vec<Node>,
    /// Each node's own policies and request context, assembled once (taken out while in use);
    /// a variant's after its changes.
    cache: RefCell<Vec<Option<(PolicySet, RequestContext)>>>,
    groups: Vec<GroupPolicies>,
    versions: Vec<OtherVersion>,
    /// Nodes after changes ([`Change`]): variant `i` is node `nodes.len() + i`.
    variants: RefCell<Vec<Variant>>,
    /// Per action (lowercased) and node, the `Resource` elements of its Allow statements that
    /// list the action ([`View::could_allow`]).
    allows: RefCell<std::collections::BTreeMap<String, Vec<Option<AllowingResources>>>>,
}

/// The `Resource` elements of a node's Allow statements that list one action.
type AllowingResources = std::rc::Rc<Vec<Option<ListElement>>>;

impl View {
    /// Look at `world`.
    pub fn new(world: &World) -> Self {
        let resolved = Resolved::new(world);
        let now = world.now.as_deref().and_then(Instant::parse).or_else(|| Instant::parse(DEFAULT_NOW));
        let now = now.unwrap_or(Instant(0));
        let mut nodes = Vec::new();
        for (position, user) in resolved.users.iter().enumerate() {
            let caller = RequestPrincipal::parse(&user.name.arn).ok().map(|p| (user.name.arn.clone(), p));
            let groups = world.users.get(user.index).map(|u| u.groups.iter().map(|g| g.name.clone()).collect());
            let policy_names = world
                .users
                .get(user.index)
                .map(|u| u.policies.iter().filter(|p| !p.aws_managed).map(|p| p.name.clone()).collect());
            nodes.push(Node {
                arn: user.name.arn.clone(),
                kind: NodeKind::User,
                account: user.name.account.clone(),
                name: user.name.name.clone(),
                service_linked: false,
                policy_names: policy_names.unwrap_or_default(),
                groups: groups.unwrap_or_default(),
                trusted_services: Vec::new(),
                used_by: Vec::new(),
                caller,
                user: Some(position),
                role: None,
            });
        }
        for (position, role) in resolved.roles.iter().enumerate() {
            let session = format!("arn:aws:sts::{}:assumed-role/{}/{SESSION_NAME}", role.name.account, role.name.name);
            let caller = RequestPrincipal::parse(&session).ok().map(|p| (session.clone(), p));
            let trusted_services = role
                .trust
                .as_ref()
                .and_then(|t| t.policy.as_ref())
                .map(|policy| {
                    let mut services: Vec<String> = policy
                        .statements
                        .iter()
                        .filter_map(|s| s.principal.as_ref())
                        .filter(|p| !p.negated)
                        .flat_map(|p| p.entries.iter())
                        .filter(|e| e.principal_type == PrincipalType::Service)
                        .map(|e| e.value.value.clone())
                        .collect();
                    services.sort();
                    services.dedup();
                    services
                })
                .unwrap_or_default();
            let wire = role.index.and_then(|i| world.roles.get(i));
            let policy_names =
                wire.map(|r| r.policies.iter().filter(|p| !p.aws_managed).map(|p| p.name.clone()).collect());
            let used_by = wire.map(|r| r.used_by.iter().map(|u| (u.kind.clone(), u.arn.clone())).collect());
            nodes.push(Node {
                arn: role.name.arn.clone(),
                kind: NodeKind::Role,
                account: role.name.account.clone(),
                name: role.name.name.clone(),
                service_linked: role.service_linked,
                policy_names: policy_names.unwrap_or_default(),
                groups: Vec::new(),
                trusted_services,
                used_by: used_by.unwrap_or_default(),
                caller,
                user: None,
                role: Some(position),
            });
        }
        let cache = RefCell::new(vec![None; nodes.len()]);
        let (groups, versions) = groups_and_versions(world);
        Self {
            resolved,
            now,
            nodes,
            cache,
            groups,
            versions,
            variants: RefCell::new(Vec::new()),
            allows: RefCell::default(),
        }
    }

    /// How many nodes there are, variants included.
    pub fn len(&self) -> usize {
        self.nodes.len() + self.variants.borrow().len()
    }

    /// Whether the world has no principals.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The node itself, or for a variant the node it changes.
    pub fn base(&self, node: usize) -> usize {
        match node.checked_sub(self.nodes.len()) {
            Some(variant) => self.variants.borrow().get(variant).map_or(node, |v| v.base),
            None => node,
        }
    }

    /// The principal `node` is (for a variant, the principal it changes).
    pub fn node(&self, node: usize) -> Option<&Node> {
        self.nodes.get(self.base(node))
    }

    /// Whether `node` is a variant: a principal after changes to its permissions.
    pub fn is_variant(&self, node: usize) -> bool {
        node >= self.nodes.len()
    }

    /// The changes a variant carries (none for a node itself).
    pub fn changes(&self, node: usize) -> Vec<Change> {
        let variants = self.variants.borrow();
        node.checked_sub(self.nodes.len()).and_then(|v| variants.get(v)).map(|v| v.changes.clone()).unwrap_or_default()
    }

    /// The changes a variant carries, in the world's terms (none for a node itself).
    pub fn world_changes(&self, node: usize) -> Vec<WorldChange> {
        let Some(target) = self.node(node).map(|n| n.arn.clone()) else {
            return Vec::new();
        };
        let target = || target.clone();
        self.changes(node)
            .into_iter()
            .map(|change| match change {
                Change::JoinGroup(group) => WorldChange::AddUserToGroup { target: target(), group },
                Change::DefaultVersion { policy, version } => {
                    WorldChange::SetDefaultPolicyVersion { target: target(), policy, version }
                }
                Change::NoBoundary => WorldChange::DeletePermissionsBoundary { target: target() },
                Change::AdministratorBoundary => {
                    WorldChange::PutPermissionsBoundary { target: target(), policy: ADMINISTRATOR_ACCESS.into() }
                }
            })
            .collect()
    }

    /// Whether `node` acts under a permissions boundary.
    pub fn has_boundary(&self, node: usize) -> bool {
        self.with_set(node, |set| set.permissions_boundary.is_some()).unwrap_or(false)
    }

    /// Whether `node` acts under a permissions boundary that limits it: any but one that allows
    /// everything on everything, with no condition and no Deny (`AdministratorAccess`). Whatever
    /// its identity-based policies are rewritten to, it can do no more than such a boundary
    /// allows ("Permissions boundaries for IAM entities": the effective permissions are the
    /// intersection).
    pub fn boundary_limits(&self, node: usize) -> bool {
        self.with_set(node, |set| set.permissions_boundary.as_ref().is_some_and(|b| !allows_everything(&b.policy)))
            .unwrap_or(false)
    }

    /// The groups of `node`'s account that a user is not in: those `iam:AddUserToGroup` can
    /// add it to.
    pub fn groups_to_join(&self, node: usize) -> Vec<String> {
        let Some(user) = self.node(node).filter(|n| n.kind == NodeKind::User) else {
            return Vec::new();
        };
        let joined = self.changes(node);
        let mut names: Vec<String> = self
            .groups
            .iter()
            .filter(|g| g.account.as_ref().is_none_or(|a| *a == user.account))
            .filter(|g| !user.groups.contains(&g.name) && !joined.contains(&Change::JoinGroup(g.name.clone())))
            .map(|g| g.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The versions, not in effect, of the customer managed policies `node` has (its own, its
    /// groups', its permissions boundary): `(policy name, version id)`.
    pub fn other_versions(&self, node: usize) -> Vec<(String, String)> {
        let Some(account) = self.node(node).map(|n| n.account.clone()) else {
            return Vec::new();
        };
        let changes = self.changes(node);
        self.versions
            .iter()
            .filter(|v| v.account.as_ref().is_none_or(|a| *a == account))
            .filter(|v| {
                let has = |set: &PolicySet| {
                    set.identity.iter().chain(&set.permissions_boundary).any(|p| names_policy(&p.id.name, &v.policy))
                };
                self.with_set(node, has) == Some(true)
            })
            .filter(|v| {
                !changes.contains(&Change::DefaultVersion { policy: v.policy.clone(), version: v.version.clone() })
            })
            .map(|v| (v.policy.clone(), v.version.clone()))
            .collect()
    }

    /// `of` after `change`: a new node (or the one made before for the same changes), whose
    /// requests are decided with the changed policies. `None` when the change is already made,
    /// or `of` carries as many as a variant may.
    pub fn variant(&self, of: usize, change: Change) -> Option<usize> {
        let base = self.base(of);
        let mut changes = self.changes(of);
        if changes.contains(&change) || changes.len() >= MOST_CHANGES {
            return None;
        }
        changes.push(change.clone());
        let existing = self.variants.borrow().iter().position(|v| {
            v.base == base && v.changes.len() == changes.len() && changes.iter().all(|c| v.changes.contains(c))
        });
        if let Some(existing) = existing {
            return Some(self.nodes.len() + existing);
        }
        let account = self.nodes.get(base)?.account.clone();
        let (mut set, context) = self.take(of)?;
        let changed = set.clone();
        self.put_back(of, set, context.clone());
        set = changed;
        self.apply(&mut set, &change, &account);
        let index = self.len();
        self.variants.borrow_mut().push(Variant { base, changes });
        self.cache.borrow_mut().push(Some((set, context)));
        Some(index)
    }

    fn apply(&self, set: &mut PolicySet, change: &Change, account: &str) {
        match change {
            Change::JoinGroup(name) => {
                let group =
                    self.groups.iter().find(|g| g.name == *name && g.account.as_ref().is_none_or(|a| a == account));
                for (policy, document) in group.into_iter().flat_map(|g| g.policies.iter()) {
                    let id = PolicyId {
                        kind: PolicyKind::Identity,
                        index: set.identity.len(),
                        level: None,
                        name: format!("{name}/{policy}"),
                    };
                    set.identity.push(AttachedPolicy { id, policy: document.clone() });
                }
            }
            Change::DefaultVersion { policy, version } => {
                let found = self.versions.iter().find(|v| {
                    v.policy == *policy && v.version == *version && v.account.as_ref().is_none_or(|a| a == account)
                });
                if let Some(found) = found {
                    let policies = set.identity.iter_mut().chain(&mut set.permissions_boundary);
                    for attached in policies.filter(|p| names_policy(&p.id.name, policy)) {
                        attached.policy = found.document.clone();
                    }
                }
            }
            Change::NoBoundary | Change::AdministratorBoundary => set.permissions_boundary = None,
        }
    }

    /// `read` over `node`'s assembled policies.
    fn with_set<T>(&self, node: usize, read: impl Fn(&PolicySet) -> T) -> Option<T> {
        let (set, context) = self.take(node)?;
        let answer = read(&set);
        self.put_back(node, set, context);
        Some(answer)
    }

    /// The node with this ARN: a user or role ARN, or a role session ARN.
    pub fn find(&self, arn: &str) -> Option<usize> {
        if let Some(exact) = self.nodes.iter().position(|n| n.arn == arn) {
            return Some(exact);
        }
        let principal = RequestPrincipal::parse(arn).ok()?;
        let kind = match principal.kind {
            crate::principal::PrincipalKind::User => NodeKind::User,
            crate::principal::PrincipalKind::Role | crate::principal::PrincipalKind::AssumedRole => NodeKind::Role,
            _ => return None,
        };
        let account = principal.account.unwrap_or_default();
        self.nodes
            .iter()
            .position(|n| n.kind == kind && n.account == account && n.name.eq_ignore_ascii_case(&principal.name))
    }

    /// The ARN `node` calls with: the user's ARN, or a session of the role.
    pub fn caller_arn(&self, node: usize) -> Option<String> {
        self.node(node).and_then(|n| n.caller.as_ref()).map(|(arn, _)| arn.clone())
    }

    fn caller_context(&self, caller: &Caller) -> RequestContext {
        let context = caller.context(&self.resolved, self.now);
        // Whether a session was made with MFA is not in the export: leave it to the conditions.
        if caller.session().is_some() {
            without(&context, &["aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"])
        } else {
            context
        }
    }

    fn role_tags(&self, role: usize, context: &mut RequestContext) {
        if let Some(role) = self.nodes.get(role).and_then(|n| n.role).and_then(|r| self.resolved.roles.get(r)) {
            for tag in &role.tags.0 {
                context.insert(&format!("aws:ResourceTag/{}", tag.key), vec![tag.value.clone()]);
                context.insert(&format!("iam:ResourceTag/{}", tag.key), vec![tag.value.clone()]);
            }
        }
    }

    /// Whether the node's identity-based policies could allow `action` on `resource` at all: some
    /// Allow statement lists the action and, as far as a pattern without variables tells, the
    /// resource. Asked for every principal and role of an account, this skips the evaluations
    /// that cannot allow (the whole graph asks half a million of them); the statements that list
    /// an action are found once per node ([`View::allowing`]).
    pub fn could_allow(&self, node: usize, action: &str, resource: &str) -> bool {
        let action = action.to_ascii_lowercase();
        if self.is_variant(node) {
            let cache = self.cache.borrow();
            return match cache.get(node) {
                Some(Some((set, _))) => set
                    .identity
                    .iter()
                    .any(|p| allowing(&p.policy, &action).iter().any(|r| could_match_resource(r.as_ref(), resource))),
                _ => true,
            };
        }
        self.allowing(node, &action).iter().any(|r| could_match_resource(r.as_ref(), resource))
    }

    /// The `Resource` elements of the node's Allow statements that list `action` (lowercased),
    /// found once per node and action.
    fn allowing(&self, node: usize, action: &str) -> AllowingResources {
        if let Some(Some(found)) = self.allows.borrow().get(action).and_then(|per_node| per_node.get(node)) {
            return found.clone();
        }
        let policies = self.nodes.get(node).and_then(|n| match (n.user, n.role) {
            (Some(user), _) => self.resolved.users.get(user).map(|u| &u.identity),
            (_, Some(role)) => self.resolved.roles.get(role).map(|r| &r.identity),
            _ => None,
        });
        let found: Vec<Option<ListElement>> = policies
            .into_iter()
            .flatten()
            .filter_map(|located| located.policy.as_ref())
            .flat_map(|policy| allowing(policy, action))
            .collect();
        let found = std::rc::Rc::new(found);
        let mut allows = self.allows.borrow_mut();
        let per_node = allows.entry(action.to_string()).or_default();
        if per_node.len() < self.nodes.len() {
            per_node.resize(self.nodes.len(), None);
        }
        if let Some(slot) = per_node.get_mut(node) {
            *slot = Some(found.clone());
        }
        found
    }

    /// The node's policies and context: from the cache, or assembled now.
    fn take(&self, node: usize) -> Option<(PolicySet, RequestContext)> {
        let cached = self.cache.borrow_mut().get_mut(node).and_then(Option::take);
        if cached.is_some() || self.is_variant(node) {
            return cached;
        }
        let (arn, _) = self.nodes.get(node)?.caller.as_ref()?;
        let caller = Caller::resolve(arn, &self.resolved).ok()?;
        Some((caller.policies(&self.resolved).set, self.caller_context(&caller)))
    }

    fn put_back(&self, node: usize, mut set: PolicySet, context: RequestContext) {
        set.resource = None;
        set.rcps = None;
        if let Some(slot) = self.cache.borrow_mut().get_mut(node) {
            *slot = Some((set, context));
        }
    }

    /// May `node` call `action` on `resource` (identity side: identity policies, boundary, SCPs)?
    /// `about` is the node the resource is (for its tags); `extra` adds context keys.
    pub fn may(
        &self,
        node: usize,
        action: &str,
        resource: &str,
        about: Option<usize>,
        extra: &[(&str, &str)],
    ) -> Option<Decided> {
        if !self.could_allow(node, action, resource) {
            return None;
        }
        let principal = self.node(node)?.caller.as_ref()?.1.clone();
        let (set, base) = self.take(node)?;
        let mut context = base.clone();
        if let Some(about) = about {
            self.role_tags(about, &mut context);
        }
        for (key, value) in extra {
            context.insert(key, vec![(*value).to_string()]);
        }
        let request = Request::new(principal, action, resource, None, context);
        let decided = decide(request, &set, &exported_key);
        self.put_back(node, set, base);
        Some(decided)
    }

    /// May `node` assume `role` (`sts:AssumeRole`: the caller's policies and the role's trust
    /// policy and RCPs, with the same- and cross-account rules of the evaluator)? With
    /// `trusting`, the trust policy is replaced by one that names `node` (after a rewrite).
    pub fn may_assume(&self, node: usize, role: usize, trusting: bool) -> Option<Decided> {
        let principal = &self.node(node)?.caller.as_ref()?.1;
        let target = self.nodes.get(role)?;
        let resolved_role = self.resolved.roles.get(target.role?)?;
        // Nothing can allow it when neither the caller's policies mention sts:AssumeRole nor
        // (in the same account) the trust policy names the caller itself: skip the evaluation.
        let same_account = self.node(node).is_some_and(|n| n.account == target.account);
        let trust_names = trusting
            || (same_account
                && resolved_role
                    .trust
                    .as_ref()
                    .and_then(|t| t.policy.as_ref())
                    .is_some_and(|trust| names_directly(trust, principal)));
        if !trust_names && !self.could_allow(node, "sts:AssumeRole", &target.arn) {
            return None;
        }
        let (mut set, base) = self.take(node)?;
        let mut context = base.clone();
        self.role_tags(role, &mut context);
        let request = Request::new(
            principal.clone(),
            "sts:AssumeRole",
            target.arn.clone(),
            Some(target.account.clone()),
            context,
        );
        let mut builder = SetBuilder::default();
        if trusting {
            let arn = self.node(node).map(|n| n.arn.clone()).unwrap_or_default();
            builder.set.resource = trusting_policy(&arn);
        } else {
            builder.resource(resolved_role.trust.as_ref(), &target.arn);
        }
        builder.rcps(self.resolved.account(&target.account));
        set.resource = builder.set.resource;
        set.rcps = builder.set.rcps;
        let own = set.management_account.clone();
        if set.management_account.is_none() {
            set.management_account = builder.set.management_account;
        }
        let decided = decide(request, &set, &exported_key);
        set.management_account = own;
        self.put_back(node, set, base);
        Some(decided)
    }

    /// May the service principal `service` assume `role` (the trust policy and RCPs alone, with
    /// `aws:SourceAccount` of the role's account)?
    pub fn service_may_assume(&self, service: &str, role: usize) -> Option<Decided> {
        let target = self.nodes.get(role)?;
        let resolved_role = self.resolved.roles.get(target.role?)?;
        let principal = RequestPrincipal::parse(service).ok()?;
        let mut context = RequestContext::new();
        context.insert("aws:SourceAccount", vec![target.account.clone()]);
        let request =
            Request::new(principal, "sts:AssumeRole", target.arn.clone(), Some(target.account.clone()), context);
        let mut builder = SetBuilder::default();
        builder.resource(resolved_role.trust.as_ref(), &target.arn);
        builder.rcps(self.resolved.account(&target.account));
        Some(decide(request, &builder.set, &|key| exported_key(key) || key.eq_ignore_ascii_case("aws:SourceAccount")))
    }
}

/// The `Resource` elements of `policy`'s Allow statements that list `action` (lowercased, as
/// the compiled action patterns are): if there are none, the identity side cannot allow it
/// ("Policy evaluation logic").
fn allowing(policy: &Policy, action: &str) -> Vec<Option<ListElement>> {
    policy
        .statements
        .iter()
        .filter(|statement| {
            statement.effect == Some(Effect::Allow)
                && statement.action.as_ref().is_some_and(|list| {
                    let listed = if list.compiled.len() == list.patterns.len() {
                        list.compiled.iter().any(|p| matches!(p, CompiledPattern::Action(glob) if glob.matches(action)))
                    } else {
                        list.patterns.iter().any(|p| action_matches(&p.value, action))
                    };
                    listed != list.negated
                })
        })
        .map(|statement| statement.resource.clone())
        .collect()
}

/// Whether a statement's `Resource` could match `resource`: `false` only when every pattern is
/// free of variables and matches neither segment by segment nor across segments (the
/// evaluator's two readings); `NotResource`, a pattern with variables or no element at all
/// leave it to the evaluation.
fn could_match_resource(element: Option<&ListElement>, resource: &str) -> bool {
    let Some(element) = element else {
        return true;
    };
    element.negated
        || element.compiled.len() != element.patterns.len()
        || element.compiled.iter().any(|pattern| match pattern {
            CompiledPattern::Resource(glob) => glob.resource_match(resource) != ResourceMatch::No,
            _ => true,
        })
}

/// Whether a policy of a set, named `name` (`group/policy` for a group's), is the policy `policy`.
fn names_policy(name: &str, policy: &str) -> bool {
    name == policy || name.rsplit_once('/').is_some_and(|(_, own)| own == policy)
}

fn parsed(policy: &NamedPolicy) -> Option<Policy> {
    parse_policy(policy.document.as_str(), PolicyKind::Identity).policy
}

/// The world's groups (shared ones, and those listed under a user, in the user's account) and
/// the versions not in effect of its policies.
fn groups_and_versions(world: &World) -> (Vec<GroupPolicies>, Vec<OtherVersion>) {
    let mut groups = Vec::new();
    let mut owners: Vec<(Option<String>, &NamedPolicy)> = Vec::new();
    for group in &world.groups {
        let policies = group.policies.iter().filter_map(|p| Some((p.name.clone(), parsed(p)?))).collect();
        groups.push(GroupPolicies { account: None, name: group.name.clone(), policies });
        owners.extend(group.policies.iter().map(|p| (None, p)));
    }
    for user in &world.users {
        let account = user.identity().ok().map(|name| name.account);
        owners.extend(user.policies.iter().chain(&user.permissions_boundary).map(|p| (account.clone(), p)));
        for group in user.groups.iter().filter(|g| !g.policies.is_empty()) {
            owners.extend(group.policies.iter().map(|p| (account.clone(), p)));
            let known = groups.iter().any(|g| g.name == group.name && g.account == account);
            if !known {
                let policies = group.policies.iter().filter_map(|p| Some((p.name.clone(), parsed(p)?))).collect();
                groups.push(GroupPolicies { account: account.clone(), name: group.name.clone(), policies });
            }
        }
    }
    for role in &world.roles {
        let account = role.identity().ok().map(|name| name.account);
        owners.extend(role.policies.iter().chain(&role.permissions_boundary).map(|p| (account.clone(), p)));
    }
    let mut versions: Vec<OtherVersion> = Vec::new();
    for (account, policy) in owners.into_iter().filter(|(_, p)| !p.aws_managed) {
        for version in &policy.versions {
            let known = versions
                .iter()
                .any(|v| v.policy == policy.name && v.version == version.version_id && v.account == account);
            let document = parse_policy(version.document.as_str(), PolicyKind::Identity).policy;
            if let (false, Some(document)) = (known, document) {
                versions.push(OtherVersion {
                    account: account.clone(),
                    policy: policy.name.clone(),
                    version: version.version_id.clone(),
                    document,
                });
            }
        }
    }
    (groups, versions)
}

/// Whether the trust policy could allow `principal` by itself: an Allow statement naming it (its
/// ARN, its role's ARN, everyone) or a `NotPrincipal`.
fn names_directly(trust: &crate::policy::Policy, principal: &RequestPrincipal) -> bool {
    let context = RequestContext::new();
    trust.statements.iter().filter(|s| s.effect == Some(Effect::Allow)).any(|statement| match &statement.principal {
        None => false,
        Some(element) if element.negated => true,
        Some(element) => element.entries.iter().any(|entry| {
            matches!(
                principal.match_entry(entry, &context),
                PrincipalMatch::Direct | PrincipalMatch::RoleArn | PrincipalMatch::Everyone
            )
        }),
    })
}

/// A trust policy naming `arn`, as a rewrite with `iam:UpdateAssumeRolePolicy` would leave it
/// ([`trusting_document`]).
fn trusting_policy(arn: &str) -> Option<AttachedPolicy> {
    let policy = parse_policy(&trusting_document(arn).to_string(), PolicyKind::Trust).policy?;
    let id = PolicyId { kind: PolicyKind::Trust, index: 0, level: None, name: "trust policy (rewritten)".into() };
    Some(AttachedPolicy { id, policy })
}

/// The service principals of the APIs the flows know (candidates for `iam:PassedToService`).
pub fn known_services() -> impl Iterator<Item = &'static str> {
    CATALOGUE.iter().map(|api| api.service_principal)
}

/// Whether the flows can play a PassRole through `api` (e.g. `ec2:RunInstances`).
pub fn known_api(api: &str) -> bool {
    CATALOGUE.iter().any(|entry| entry.action.eq_ignore_ascii_case(api))
}
