//! Who can wear a mask, and which masks a principal can reach: the account-wide questions of
//! issue 13, answered over a [`World`] with one ordinary evaluation per edge.
//!
//! - [`who_can`]: who may assume a role (`sts:AssumeRole`: identity policies with groups and
//!   managed policies, permissions boundaries, SCPs where loaded, the trust policy and RCPs, the
//!   same- and cross-account rules), and who may pass it (`iam:PassRole`) to which services,
//!   intersected with the services its trust policy accepts.
//! - [`reach`]: the roles a principal can end up acting as, through any chain of edges — assume,
//!   pass to a service that runs code ([`families::FAMILIES`]), rewrite a trust policy, take over
//!   a user's credentials — with the path, and whether it reaches administrator-equivalent power
//!   (then every role of that account but the service-linked ones).
//!
//! An answer that needs context the export cannot give (MFA, `sts:ExternalId`, a source IP, …)
//! is conditional and carries its conditions ([`conditions`]). Every edge keeps the requests it
//! rests on ([`Replay`]), each an ordinary [`crate::evaluate::evaluate`] call. All coupling to the
//! world model and the flow layer lives in [`world_view`].

pub mod conditions;
pub mod families;
pub mod synthetic;
pub mod world_view;

use crate::evaluate::Decision;
use conditions::{Condition, Decided};
use families::{fill, placeholder, Family, Mechanism, FAMILIES};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, VecDeque};
pub use world_view::{apply_changes, World, WorldChange};
use world_view::{Change, NodeKind, View, ADMINISTRATOR_ACCESS, SESSION_NAME};

/// A request an answer rests on, as the evaluator decided it: replay it with `omen eval` or open
/// it as a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Replay {
    /// The caller: a user ARN or a role session ARN (or a service principal).
    pub principal: String,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// The resource's account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_account: Option<String>,
    /// The context keys the request carried (derived keys included), assumed values too.
    pub context: BTreeMap<String, Vec<String>>,
    /// The evaluator's decision.
    pub decision: Decision,
    /// Whether the trust policy was replaced by one naming the caller (after a rewrite).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rewritten_trust: bool,
}

impl Replay {
    fn of(decided: &Decided) -> Self {
        let request = &decided.request;
        Self {
            principal: request.principal.arn.clone(),
            action: request.action.clone(),
            resource: request.resource.clone(),
            resource_account: request.resource_account.clone(),
            context: request.context.entries().map(|e| (e.key.clone(), e.values.clone())).collect(),
            decision: decided.response.decision,
            rewritten_trust: false,
        }
    }
}

/// Whether an answer is certain, and what it depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dependence {
    /// Whether the answer depends on context or resources the export cannot give.
    pub conditional: bool,
    /// The policy conditions it depends on.
    pub conditions: Vec<Condition>,
    /// Resources that must exist and the export does not list (`instanceProfile`, `instance`,
    /// `function`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumes: Vec<String>,
}

impl Dependence {
    fn add(&mut self, decided: &Decided) {
        for condition in &decided.conditions {
            if !self.conditions.contains(condition) {
                self.conditions.push(condition.clone());
            }
        }
        self.conditional = !self.conditions.is_empty() || !self.assumes.is_empty();
    }

    fn assume(&mut self, what: &str) {
        if !self.assumes.iter().any(|a| a == what) {
            self.assumes.push(what.to_string());
        }
        self.conditional = true;
    }
}

/// A service the role's trust policy accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustedService {
    /// The service principal.
    pub service: String,
    /// Certain or conditional.
    #[serde(flatten)]
    pub dependence: Dependence,
    /// The service's `sts:AssumeRole` request.
    pub request: Replay,
}

/// One principal that may assume the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CanAssume {
    /// The user or role ARN.
    pub principal: String,
    /// `user` or `role` (a role acts through a session: role chaining).
    pub principal_type: Cow<'static, str>,
    /// Certain or conditional.
    #[serde(flatten)]
    pub dependence: Dependence,
    /// The `sts:AssumeRole` request.
    pub request: Replay,
    /// The flow that plays it (`World.action`).
    pub flow: Value,
}

/// Which services a principal may pass the role to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Services {
    /// Any service (`"*"`).
    Any(Cow<'static, str>),
    /// These services.
    Only(Vec<String>),
}

/// One principal that may pass the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CanPass {
    /// The user or role ARN.
    pub principal: String,
    /// `user` or `role`.
    pub principal_type: Cow<'static, str>,
    /// The `iam:PassedToService` values allowed, or `"*"`.
    pub services: Services,
    /// Those of them the role's trust policy accepts: a pass to any other is useless.
    pub useful_services: Vec<String>,
    /// Certain or conditional.
    #[serde(flatten)]
    pub dependence: Dependence,
    /// The `iam:PassRole` requests that were allowed.
    pub requests: Vec<Replay>,
}

/// The answer to "who can wear this mask?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WhoCan {
    /// The role.
    pub role: String,
    /// The services its trust policy accepts.
    pub trusted_services: Vec<TrustedService>,
    /// Who may assume it.
    pub can_assume: Vec<CanAssume>,
    /// Who may pass it.
    pub can_pass: Vec<CanPass>,
}

/// One edge of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hop {
    /// Who acts: a user or role ARN.
    pub from: String,
    /// What it ends up acting as.
    pub to: String,
    /// The mechanism: `sts:AssumeRole`, `iam:PassRole+ec2:RunInstances`, …
    pub via: String,
    /// The family id (see the README), e.g. `passrole-ec2`.
    pub family: Cow<'static, str>,
    /// Certain or conditional.
    #[serde(flatten)]
    pub dependence: Dependence,
    /// The requests the edge rests on, each allowed.
    pub requests: Vec<Replay>,
    /// The flow that plays the edge, when there is one (`World.action`).
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub flow: Value,
    /// The changes to the world the edge rests on, in order: those the principal made to its
    /// own permissions before (it acts as a variant of itself), and for
    /// `iam:UpdateAssumeRolePolicy` the rewritten trust policy. The loaded world does not hold
    /// them: the flow plays on the world after [`apply_changes`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<WorldChange>,
    /// The AWS page that makes the edge work.
    pub cite: Cow<'static, str>,
}

/// A role the principal can reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reached {
    /// The role ARN.
    pub role: String,
    /// Whether some edge on the path is conditional.
    pub conditional: bool,
    /// The edges from the principal to the role.
    pub path: Vec<Hop>,
}

/// Administrator-equivalent power, and how it is reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Admin {
    /// The account.
    pub account: String,
    /// The principal that holds (or grants itself) the power.
    pub principal: String,
    /// Whether some edge on the way is conditional.
    pub conditional: bool,
    /// The edges to the principal, then the edge that grants the power (`to` = `from`).
    pub path: Vec<Hop>,
}

/// The answer to "which masks can this principal reach?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reach {
    /// The principal asked about.
    pub principal: String,
    /// The roles it can reach, nearest first.
    pub reaches: Vec<Reached>,
    /// The users whose credentials it can take over on the way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<Reached>,
    /// Whether it can reach administrator-equivalent power.
    pub admin: bool,
    /// Where and how, for each account.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admin_paths: Vec<Admin>,
}

fn type_name(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::User => "user",
        NodeKind::Role => "role",
    }
}

/// Who may assume and who may pass the role `role` (its ARN) in `world`.
pub fn who_can(world: &World, role: &str) -> Result<WhoCan, String> {
    let view = View::new(world);
    who_can_in(&view, role)
}

/// [`who_can`] over a view already built.
pub fn who_can_in(view: &View, role: &str) -> Result<WhoCan, String> {
    let target =
        view.find(role).filter(|&n| view.nodes.get(n).is_some_and(|n| n.kind == NodeKind::Role)).ok_or_else(|| {
            format!("no role `{role}` in the loaded accounts\nhelp: give the ARN of a role the files describe")
        })?;
    let role_node = view.nodes.get(target).ok_or_else(|| format!("no role `{role}`"))?;
    let trusted = trusted_services(view, target);
    let mut can_assume = Vec::new();
    let mut can_pass = Vec::new();
    let mut candidates: Vec<String> = trusted.iter().map(|t| t.service.clone()).collect();
    for family in FAMILIES {
        candidates.push(family.service.to_string());
    }
    for service in world_view::known_services() {
        candidates.push(service.to_string());
    }
    candidates.sort();
    candidates.dedup();
    for (index, node) in view.nodes.iter().enumerate() {
        if node.service_linked {
            continue;
        }
        if index != target {
            if let Some(decided) = view.may_assume(index, target, false).filter(Decided::allowed) {
                let mut dependence = Dependence::default();
                dependence.add(&decided);
                let caller = view.caller_arn(index).unwrap_or_default();
                can_assume.push(CanAssume {
                    principal: node.arn.clone(),
                    principal_type: Cow::Borrowed(type_name(node.kind)),
                    dependence,
                    request: Replay::of(&decided),
                    flow: assume_flow(&caller, &role_node.arn),
                });
            }
        }
        if node.account != role_node.account {
            // A role can be passed only to a service in its own account.
            continue;
        }
        if !view.could_allow(index, "iam:PassRole", &role_node.arn) {
            continue;
        }
        let mut dependence = Dependence::default();
        let mut requests = Vec::new();
        let any = view
            .may(index, "iam:PassRole", &role_node.arn, Some(target), &[("iam:PassedToService", ANY_SERVICE)])
            .filter(Decided::allowed);
        let services = match any {
            Some(decided) => {
                dependence.add(&decided);
                requests.push(Replay::of(&decided));
                Services::Any(Cow::Borrowed("*"))
            }
            None => {
                let mut allowed = Vec::new();
                for service in &candidates {
                    let decided = view
                        .may(index, "iam:PassRole", &role_node.arn, Some(target), &[("iam:PassedToService", service)])
                        .filter(Decided::allowed);
                    if let Some(decided) = decided {
                        dependence.add(&decided);
                        requests.push(Replay::of(&decided));
                        allowed.push(service.clone());
                    }
                }
                if allowed.is_empty() {
                    continue;
                }
                Services::Only(allowed)
            }
        };
        let useful_services = trusted
            .iter()
            .map(|t| &t.service)
            .filter(|s| match &services {
                Services::Any(_) => true,
                Services::Only(list) => list.contains(s),
            })
            .cloned()
            .collect();
        can_pass.push(CanPass {
            principal: node.arn.clone(),
            principal_type: Cow::Borrowed(type_name(node.kind)),
            services,
            useful_services,
            dependence,
            requests,
        });
    }
    Ok(WhoCan { role: role_node.arn.clone(), trusted_services: trusted, can_assume, can_pass })
}

/// One edge of an account's whole graph: a principal that may put a role on directly — assume
/// it, or pass it to a service its trust policy accepts ([`who_can_in`]'s answer, without the
/// requests it rests on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphEdge {
    /// The user or role ARN.
    pub from: String,
    /// The role ARN.
    pub to: String,
    /// `sts:AssumeRole` or `iam:PassRole`.
    pub via: Cow<'static, str>,
    /// For a pass, the services it is useful for (those the trust policy accepts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// Whether it depends on context or resources the export cannot give.
    pub conditional: bool,
}

/// The roles of an account's whole graph, in the order they are worked through: every role
/// but the service-linked ones (no principal puts those on).
pub fn graph_roles(view: &View) -> Vec<String> {
    view.nodes.iter().filter(|n| n.kind == NodeKind::Role && !n.service_linked).map(|n| n.arn.clone()).collect()
}

/// The edges of the whole graph into `role`: who may assume it, and who may pass it to a
/// service its trust policy accepts (a pass to any other service puts nothing on).
pub fn edges_into(view: &View, role: &str) -> Result<Vec<GraphEdge>, String> {
    let answer = who_can_in(view, role)?;
    let assume = answer.can_assume.into_iter().map(|a| GraphEdge {
        from: a.principal,
        to: answer.role.clone(),
        via: Cow::Borrowed("sts:AssumeRole"),
        services: Vec::new(),
        conditional: a.dependence.conditional,
    });
    let pass = answer.can_pass.into_iter().filter(|p| !p.useful_services.is_empty()).map(|p| GraphEdge {
        from: p.principal,
        to: answer.role.clone(),
        via: Cow::Borrowed("iam:PassRole"),
        services: p.useful_services,
        conditional: p.dependence.conditional,
    });
    Ok(assume.chain(pass).collect())
}

/// A service name no policy names: a pass allowed for it is allowed for any service.
const ANY_SERVICE: &str = "omen-any-service.amazonaws.com";

fn trusted_services(view: &View, role: usize) -> Vec<TrustedService> {
    let Some(node) = view.nodes.get(role) else {
        return Vec::new();
    };
    node.trusted_services
        .iter()
        .filter_map(|service| {
            let decided = view.service_may_assume(service, role).filter(Decided::allowed)?;
            let mut dependence = Dependence::default();
            dependence.add(&decided);
            Some(TrustedService { service: service.clone(), dependence, request: Replay::of(&decided) })
        })
        .collect()
}

/// What `principal` (a user, role or role session ARN) can reach in `world`.
pub fn reach(world: &World, principal: &str) -> Result<Reach, String> {
    let view = View::new(world);
    reach_in(&view, principal)
}

/// Per-node facts computed once when the node is expanded.
struct Powers {
    /// For each family, the requests of its non-PassRole actions, when all are allowed.
    families: Vec<Option<(Vec<Decided>, Dependence)>>,
    /// Whether the node may create an instance profile and add a role to it.
    instance_profile: Option<Vec<Decided>>,
}

/// [`reach`] over a view already built.
pub fn reach_in(view: &View, principal: &str) -> Result<Reach, String> {
    let start = view.find(principal).ok_or_else(|| format!("no user or role `{principal}` in the loaded accounts\nhelp: give the ARN of a user or role the files describe"))?;
    let count = view.nodes.len();
    let mut via: Vec<Option<(usize, Hop)>> = vec![None; count];
    let mut seen = vec![false; count];
    if let Some(slot) = seen.get_mut(start) {
        *slot = true;
    }
    let mut queue = VecDeque::from([start]);
    let mut admins: Vec<Admin> = Vec::new();
    let mut trust_cache: BTreeMap<(usize, String), Option<Decided>> = BTreeMap::new();
    // How many principals were in hand at the last sweep for administrator-equivalent power.
    let mut swept = 0;
    // The principals whose edges were worked out: one the sweep finds to hold the power is taken
    // again for its administrator edges alone (its other edges were all tried).
    let mut expanded = vec![false; count];
    loop {
        while let Some(from) = queue.pop_front() {
            let Some(from_node) = view.node(from) else {
                continue;
            };
            let again = expanded.get(from).copied().unwrap_or(false);
            if let Some(slot) = expanded.get_mut(from) {
                *slot = true;
            }
            let account = from_node.account.clone();
            let already_admin = admins.iter().any(|a| a.account == account);
            if !already_admin {
                if let Some(hop) = admin_hop(view, from, &seen) {
                    admins.push(admin_at(view, &via, from, hop));
                }
            }
            if seen.iter().take(count).all(|s| *s) {
                continue;
            }
            let grant = admins.iter().find(|a| a.principal == from_node.arn).and_then(|a| a.path.last());
            let acting = grant.map(|grant| acting_as(view, from, grant, &via));
            let powers = (!again).then(|| powers(view, from));
            // The changes the principal made, which the loaded world does not hold: each edge's
            // flow plays on the world after them.
            let made_first = if view.is_variant(from) { view.world_changes(from) } else { Vec::new() };
            for target in 0..count {
                if seen.get(target).copied().unwrap_or(true) || target == from {
                    continue;
                }
                let Some(node) = view.nodes.get(target) else {
                    continue;
                };
                if node.service_linked {
                    continue;
                }
                let hop =
                    if let (Some(acting), true) = (&acting, node.account == account && node.kind == NodeKind::Role) {
                        Some(admin_edge(view, from, target, acting))
                    } else {
                        powers.as_ref().and_then(|powers| edge(view, from, target, powers, &mut trust_cache))
                    };
                if let Some(mut hop) = hop {
                    hop.changes.splice(0..0, made_first.iter().cloned());
                    if let Some(slot) = seen.get_mut(target) {
                        *slot = true;
                    }
                    if let Some(slot) = via.get_mut(target) {
                        *slot = Some((from, hop));
                    }
                    queue.push_back(target);
                }
            }
            if admins.iter().any(|a| a.account == account) {
                continue;
            }
            for (changed, holder, hop) in changes(view, from, &seen, count) {
                seen.resize(view.len(), false);
                via.resize(view.len(), None);
                expanded.resize(view.len(), false);
                if seen.get(changed).copied().unwrap_or(true) {
                    continue;
                }
                if let Some(slot) = seen.get_mut(changed) {
                    *slot = true;
                }
                // The changed principal is reached through the one in hand: its path, then the change.
                if let Some(slot) = via.get_mut(changed) {
                    *slot = Some((holder, hop));
                }
                queue.push_back(changed);
            }
        }
        // A principal expanded early may rewrite the permissions of one reached after it (the one it
        // then assumes, a user whose access key it creates): look again, with every principal now in
        // hand, in the accounts without the power, and expand again the one found to hold it.
        let in_hand = seen.iter().filter(|s| **s).count();
        if in_hand == swept {
            break;
        }
        swept = in_hand;
        for node in 0..seen.len() {
            let Some(node_ref) = view.node(node).filter(|_| seen.get(node).copied().unwrap_or(false)) else {
                continue;
            };
            if admins.iter().any(|a| a.account == node_ref.account) {
                continue;
            }
            if let Some(hop) = admin_hop(view, node, &seen) {
                admins.push(admin_at(view, &via, node, hop));
                queue.push_back(node);
            }
        }
        if queue.is_empty() {
            break;
        }
    }
    let mut reaches = Vec::new();
    let mut users = Vec::new();
    for (index, node) in view.nodes.iter().enumerate() {
        if index == start || via.get(index).is_none_or(Option::is_none) {
            continue;
        }
        let path = path_to(&via, index);
        let conditional = path.iter().any(|h| h.dependence.conditional);
        let reached = Reached { role: node.arn.clone(), conditional, path };
        match node.kind {
            NodeKind::Role => reaches.push(reached),
            NodeKind::User => users.push(reached),
        }
    }
    reaches.sort_by_key(|r| r.path.len());
    users.sort_by_key(|r| r.path.len());
    let arn = view.nodes.get(start).map(|n| n.arn.clone()).unwrap_or_default();
    Ok(Reach { principal: arn, reaches, users, admin: !admins.is_empty(), admin_paths: admins })
}

/// The flow of `caller` putting `role` on with `sts:AssumeRole` ("AssumeRole", AWS STS API
/// Reference: RoleSessionName is required).
fn assume_flow(caller: &str, role: &str) -> Value {
    json!({"assumeRole": {"caller": caller, "role": role, "roleSessionName": SESSION_NAME}})
}

/// Administrator-equivalent power held by `node`: the path to it, then `hop`, the edge that
/// grants it.
fn admin_at(view: &View, via: &[Option<(usize, Hop)>], node: usize, hop: Hop) -> Admin {
    let mut path = path_to(via, node);
    path.push(hop);
    let conditional = path.iter().any(|h| h.dependence.conditional);
    let (account, principal) = view.node(node).map(|n| (n.account.clone(), n.arn.clone())).unwrap_or_default();
    Admin { account, principal, conditional, path }
}

fn path_to(via: &[Option<(usize, Hop)>], mut node: usize) -> Vec<Hop> {
    let mut path = Vec::new();
    while let Some(Some((from, hop))) = via.get(node) {
        path.push(hop.clone());
        node = *from;
        if path.len() > via.len() {
            break;
        }
    }
    path.reverse();
    path
}

fn hop(view: &View, from: usize, to: usize, via: String, family: &'static str, cite: &'static str) -> Hop {
    let arn = |n: usize| view.node(n).map(|n| n.arn.clone()).unwrap_or_default();
    Hop {
        from: arn(from),
        to: arn(to),
        via,
        family: Cow::Borrowed(family),
        dependence: Dependence::default(),
        requests: Vec::new(),
        flow: Value::Null,
        changes: Vec::new(),
        cite: Cow::Borrowed(cite),
    }
}

fn with(mut hop: Hop, decided: &[&Decided]) -> Hop {
    for d in decided {
        hop.dependence.add(d);
        hop.requests.push(Replay::of(d));
    }
    hop
}

fn edge(
    view: &View,
    from: usize,
    to: usize,
    powers: &Powers,
    trust_cache: &mut BTreeMap<(usize, String), Option<Decided>>,
) -> Option<Hop> {
    let target = view.nodes.get(to)?;
    let source = view.node(from)?;
    let caller = view.caller_arn(from).unwrap_or_default();
    if target.kind == NodeKind::User {
        return take_over_user(view, from, to);
    }
    let mut best: Option<Hop> = None;
    let keep = |candidate: Hop, best: &mut Option<Hop>| {
        let better = best.as_ref().is_none_or(|b| b.dependence.conditional && !candidate.dependence.conditional);
        if better {
            *best = Some(candidate);
        }
    };
    // "Granting a user permissions to switch roles"; "IAM JSON policy elements: Principal".
    if let Some(decided) = view.may_assume(from, to, false).filter(Decided::allowed) {
        let mut found = with(hop(view, from, to, "sts:AssumeRole".into(), "assume-role", CITE_ASSUME), &[&decided]);
        found.flow = assume_flow(&caller, &target.arn);
        keep(found, &mut best);
        if best.as_ref().is_some_and(|b| !b.dependence.conditional) {
            return best;
        }
    }
    // "Modifying a role trust policy": whoever may rewrite the trust policy may name itself.
    let rewrite = view.may(from, "iam:UpdateAssumeRolePolicy", &target.arn, Some(to), &[]).filter(Decided::allowed);
    if let Some(rewrite) = rewrite {
        if let Some(then) = view.may_assume(from, to, true).filter(Decided::allowed) {
            let mut found = with(
                hop(view, from, to, "iam:UpdateAssumeRolePolicy".into(), "update-assume-role-policy", CITE_TRUST),
                &[&rewrite, &then],
            );
            if let Some(last) = found.requests.last_mut() {
                last.rewritten_trust = true;
            }
            // The trust policy `may_assume` decided with: the minimal one naming the principal.
            let document = world_view::trusting_document(&source.arn);
            found.changes.push(WorldChange::UpdateAssumeRolePolicy { target: target.arn.clone(), document });
            found.flow = assume_flow(&caller, &target.arn);
            keep(found, &mut best);
        }
    }
    if best.as_ref().is_some_and(|b| !b.dependence.conditional) || source.account != target.account {
        return best;
    }
    for (family, facts) in FAMILIES.iter().zip(&powers.families) {
        if !target.trusted_services.iter().any(|s| s == family.service) {
            continue;
        }
        // An existing resource the import lists is a fact, not an assumption.
        let carried = carried(view, from, family, target);
        // An instance profile is no resource of the family's actions: it is listed or not.
        let listed = carried.is_some()
            || family
                .assumes
                .is_some_and(|what| placeholder(what).is_none() && target.used_by.iter().any(|(kind, _)| kind == what));
        let Some((actions, action_dependence)) = carried.as_ref().or(facts.as_ref()) else {
            continue;
        };
        let trust = trust_cache
            .entry((to, family.service.to_string()))
            .or_insert_with(|| view.service_may_assume(family.service, to).filter(Decided::allowed));
        let Some(trust) = trust.clone() else {
            continue;
        };
        let mut decided: Vec<&Decided> = Vec::new();
        let pass = match family.mechanism {
            Mechanism::Pass => {
                let pass = view
                    .may(from, "iam:PassRole", &target.arn, Some(to), &[("iam:PassedToService", family.service)])
                    .filter(Decided::allowed);
                match pass {
                    Some(pass) => Some(pass),
                    None => continue,
                }
            }
            Mechanism::Existing => None,
        };
        if let Some(pass) = &pass {
            decided.push(pass);
        }
        decided.extend(actions.iter());
        decided.push(&trust);
        let mut found = with(hop(view, from, to, family.via.to_string(), family.id, family.cite), &decided);
        for condition in &action_dependence.conditions {
            if !found.dependence.conditions.contains(condition) {
                found.dependence.conditions.push(condition.clone());
            }
        }
        match (family.assumes, &powers.instance_profile) {
            (Some(_), _) if listed => {}
            (Some("instanceProfile"), Some(profile)) => {
                found = with(found, &profile.iter().collect::<Vec<_>>());
            }
            (Some(what), _) => found.dependence.assume(what),
            (None, _) => {}
        }
        if family.mechanism == Mechanism::Pass {
            if let Some(api) = family.actions.first().map(|(a, _)| *a) {
                if world_view::known_api(api) {
                    found.flow = json!({"passRole": {"caller": caller, "api": api, "role": target.arn}});
                }
            }
        }
        keep(found, &mut best);
        if best.as_ref().is_some_and(|b| !b.dependence.conditional) {
            break;
        }
    }
    best
}

/// The family's actions on an existing resource that carries `target` (as the import lists
/// it), when all are allowed on one of them: the resource's ARN stands in for the family's
/// placeholder.
fn carried(view: &View, from: usize, family: &Family, target: &world_view::Node) -> Option<(Vec<Decided>, Dependence)> {
    let what = family.assumes?;
    let stands_for = placeholder(what)?;
    target.used_by.iter().filter(|(kind, _)| kind == what).find_map(|(_, arn)| {
        let mut all = Vec::new();
        let mut dependence = Dependence::default();
        for (action, resource) in family.actions {
            let resource = if *resource == stands_for { arn.clone() } else { fill(resource, &target.account) };
            let decided = view.may(from, action, &resource, None, &[]).filter(Decided::allowed)?;
            dependence.add(&decided);
            all.push(decided);
        }
        Some((all, dependence))
    })
}

/// "Managing access keys for IAM users"; "Managing passwords for IAM users": whoever may create
/// a user's access key or set its password can act as that user.
fn take_over_user(view: &View, from: usize, to: usize) -> Option<Hop> {
    let source = view.node(from)?;
    let target = view.nodes.get(to)?;
    if source.account != target.account {
        return None;
    }
    for action in ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"] {
        if let Some(decided) = view.may(from, action, &target.arn, None, &[]).filter(Decided::allowed) {
            return Some(with(hop(view, from, to, action.into(), "user-credentials", CITE_KEYS), &[&decided]));
        }
    }
    None
}

fn powers(view: &View, node: usize) -> Powers {
    let account = view.node(node).map(|n| n.account.clone()).unwrap_or_default();
    let families = FAMILIES
        .iter()
        .map(|family| {
            let mut all = Vec::new();
            let mut dependence = Dependence::default();
            for (action, resource) in family.actions {
                let decided = view.may(node, action, &fill(resource, &account), None, &[]).filter(Decided::allowed)?;
                dependence.add(&decided);
                all.push(decided);
            }
            Some((all, dependence))
        })
        .collect();
    let profile = format!("arn:aws:iam::{account}:instance-profile/omen-reach");
    let instance_profile = ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"]
        .iter()
        .map(|action| view.may(node, action, &profile, None, &[]).filter(Decided::allowed))
        .collect();
    Powers { families, instance_profile }
}

/// Whether `node` holds administrator-equivalent power or can grant itself that: it may rewrite
/// any role's trust and permissions, or rewrite its own (or a group's or managed policy's it
/// has), or those of a principal it already reaches.
fn admin_hop(view: &View, node: usize, reached: &[bool]) -> Option<Hop> {
    let source = view.node(node)?;
    let account = &source.account;
    let any_role = format!("arn:aws:iam::{account}:role/omen-any-role");
    let put = view.may(node, "iam:PutRolePolicy", &any_role, None, &[]).filter(Decided::allowed);
    let trust = view.may(node, "iam:UpdateAssumeRolePolicy", &any_role, None, &[]).filter(Decided::allowed);
    if let (Some(put), Some(trust)) = (put, trust) {
        return Some(with(
            hop(view, node, node, "iam:PutRolePolicy+iam:UpdateAssumeRolePolicy".into(), "administrator", CITE_ADMIN),
            &[&put, &trust],
        ));
    }
    // Rewrite the permissions of a principal already in hand: itself or one it reaches.
    for (index, other) in view.nodes.iter().enumerate() {
        let in_hand = index == view.base(node) || reached.get(index).copied().unwrap_or(false);
        if !in_hand || other.account != *account || other.service_linked {
            continue;
        }
        // A rewrite of its identity-based policies gives no principal more than its permissions
        // boundary allows ("Permissions boundaries for IAM entities"): one under a boundary that
        // limits it does not become an administrator this way (lifting the boundary first is an
        // edge of its own, `delete-permissions-boundary`, whose changed principal is `node`).
        let acting = if index == view.base(node) { node } else { index };
        if view.boundary_limits(acting) {
            continue;
        }
        let mut checks: Vec<(String, String)> = match other.kind {
            NodeKind::Role => vec![
                ("iam:PutRolePolicy".into(), other.arn.clone()),
                ("iam:AttachRolePolicy".into(), other.arn.clone()),
            ],
            NodeKind::User => {
                let mut list = vec![
                    ("iam:PutUserPolicy".to_string(), other.arn.clone()),
                    ("iam:AttachUserPolicy".to_string(), other.arn.clone()),
                ];
                for group in &other.groups {
                    let arn = format!("arn:aws:iam::{account}:group/{group}");
                    list.push(("iam:PutGroupPolicy".into(), arn.clone()));
                    list.push(("iam:AttachGroupPolicy".into(), arn));
                }
                list
            }
        };
        for name in &other.policy_names {
            checks.push(("iam:CreatePolicyVersion".into(), format!("arn:aws:iam::{account}:policy/{name}")));
        }
        for (action, resource) in checks {
            if let Some(decided) = view.may(node, &action, &resource, Some(index), &[]).filter(Decided::allowed) {
                let mut found =
                    with(hop(view, node, index, action, "rewrite-permissions", CITE_PERMISSIONS), &[&decided]);
                found.to = other.arn.clone();
                return Some(found);
            }
        }
    }
    None
}

/// The changes `from` may make to the permissions of a principal in hand — itself, or one of
/// its account it already reaches — after which that principal acts with more: join a group
/// whose policies are stronger, put another version of a policy in effect, lift or swap a
/// permissions boundary. Each is a new node of the graph ([`View::variant`]), reached from the
/// principal in hand by one edge whose `to` is that principal: `(changed, in hand, edge)`.
fn changes(view: &View, from: usize, reached: &[bool], count: usize) -> Vec<(usize, usize, Hop)> {
    let Some(account) = view.node(from).map(|n| n.account.clone()) else {
        return Vec::new();
    };
    let mut in_hand = vec![from];
    in_hand.extend((0..count).filter(|&index| {
        index != view.base(from)
            && reached.get(index).copied().unwrap_or(false)
            && view.nodes.get(index).is_some_and(|n| n.account == account && !n.service_linked)
    }));
    let mut found = Vec::new();
    let mut add = |holder: usize, change: Change, decided: &Decided, via: &str, family: &'static str, cite| {
        if let Some(changed) = view.variant(holder, change) {
            let edge = with(hop(view, from, holder, via.to_string(), family, cite), &[decided]);
            found.push((changed, holder, edge));
        }
    };
    for holder in in_hand {
        let Some((arn, kind)) = view.node(holder).map(|n| (n.arn.clone(), n.kind)) else {
            continue;
        };
        let about = Some(view.base(holder));
        // "AddUserToGroup" (IAM API Reference): the group is the resource; its policies apply
        // to every member ("IAM user groups").
        for group in view.groups_to_join(holder) {
            let resource = format!("arn:aws:iam::{account}:group/{group}");
            let decided = view.may(from, "iam:AddUserToGroup", &resource, None, &[]).filter(Decided::allowed);
            if let Some(decided) = decided {
                add(holder, Change::JoinGroup(group), &decided, "iam:AddUserToGroup", "add-user-to-group", CITE_GROUP);
            }
        }
        // "SetDefaultPolicyVersion" (IAM API Reference): any listed version can become the one
        // in effect, with no new document written.
        for (policy, version) in view.other_versions(holder) {
            let resource = format!("arn:aws:iam::{account}:policy/{policy}");
            let decided = view.may(from, "iam:SetDefaultPolicyVersion", &resource, None, &[]).filter(Decided::allowed);
            if let Some(decided) = decided {
                let change = Change::DefaultVersion { policy, version };
                add(
                    holder,
                    change,
                    &decided,
                    "iam:SetDefaultPolicyVersion",
                    "set-default-policy-version",
                    CITE_VERSION,
                );
            }
        }
        // "Permissions boundaries for IAM entities": deleting the boundary, or putting
        // `AdministratorAccess` in its place, leaves the identity policies alone to decide.
        if view.has_boundary(holder) {
            let (delete, put) = match kind {
                NodeKind::User => ("iam:DeleteUserPermissionsBoundary", "iam:PutUserPermissionsBoundary"),
                NodeKind::Role => ("iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"),
            };
            let lifted = view.may(from, delete, &arn, about, &[]).filter(Decided::allowed);
            if let Some(decided) = lifted {
                add(holder, Change::NoBoundary, &decided, delete, "delete-permissions-boundary", CITE_BOUNDARY);
                continue;
            }
            let swapped = view
                .may(from, put, &arn, about, &[("iam:PermissionsBoundary", ADMINISTRATOR_ACCESS)])
                .filter(Decided::allowed);
            if let Some(decided) = swapped {
                add(holder, Change::AdministratorBoundary, &decided, put, "put-permissions-boundary", CITE_BOUNDARY);
            }
        }
    }
    found
}

/// How the edges of a principal with administrator-equivalent power play, worked out once per
/// principal from the edge that found the power (`grant`): whose permissions were rewritten
/// first, and who then rewrites each role's trust policy to name itself and assumes the role.
struct Acting {
    /// The changes before each role's own trust rewrite: the rewrite of the permissions (when
    /// that is how the power is held), after those of the call that starts the flow.
    changes: Vec<WorldChange>,
    /// The principal the rewritten trust policy names.
    trusted: String,
    /// The flow's first call (`World.action`'s `assumeRole`): the principal itself calls
    /// `sts:AssumeRole` on each role, or it first assumes the role whose permissions were
    /// rewritten (then each role is the next hop of a chain).
    first: Value,
    /// Whether each role is the second hop of a role chain.
    chained: bool,
}

/// [`Acting`] for `from`, whose power `grant` found. When the power lies in another principal
/// of its account (it rewrote that one's permissions: "Adding and removing IAM identity
/// permissions"), the flow acts as that one: a user directly (its credentials are in hand: it is
/// the principal asked about, or one whose access key or password was taken over), a role through
/// the `sts:AssumeRole` that reached it (after the trust rewrite it rests on, if any) as the
/// first hop of a role chain ("Methods to assume a role": role chaining), else through its
/// session (it was put on another way: passed to a service, an existing resource).
fn acting_as(view: &View, from: usize, grant: &Hop, via: &[Option<(usize, Hop)>]) -> Acting {
    let source = view.node(from).map(|n| n.arn.clone()).unwrap_or_default();
    let assume = |caller: String| json!({"caller": caller, "roleSessionName": SESSION_NAME});
    let own = assume(view.caller_arn(from).unwrap_or_default());
    let mut acting = Acting { changes: Vec::new(), trusted: source.clone(), first: own, chained: false };
    if grant.family != "rewrite-permissions" {
        return acting;
    }
    if let Some(resource) = grant.requests.first().map(|r| r.resource.clone()) {
        let call = grant.via.clone();
        let rewrite =
            WorldChange::RewritePermissions { call, target: resource, document: world_view::administrator_document() };
        acting.changes.push(rewrite);
    }
    if grant.to == source {
        return acting;
    }
    let Some(other) = view.find(&grant.to) else {
        return acting;
    };
    acting.trusted = grant.to.clone();
    acting.first = assume(view.caller_arn(other).unwrap_or_default());
    let reached_by = via.get(other).and_then(Option::as_ref).map(|(_, hop)| hop);
    // The flow that put the role on, when it is one `sts:AssumeRole` (assumed as it is, or after
    // a rewrite of its trust policy): the next hop of its chain is the role's own.
    let chain_from =
        reached_by.filter(|hop| hop.flow.get("chain").is_none()).and_then(|hop| hop.flow.get("assumeRole"));
    if let (Some(NodeKind::Role), Some(first)) = (view.node(other).map(|n| n.kind), chain_from) {
        // The changes the assume that reached the role rests on, but those `from` made (its
        // edges carry them already).
        let made = view.world_changes(from);
        let before = reached_by.into_iter().flat_map(|hop| &hop.changes).filter(|c| !made.contains(c));
        acting.changes.splice(0..0, before.cloned().collect::<Vec<_>>());
        acting.first = first.clone();
        acting.chained = true;
    }
    acting
}

/// The edge from a principal with administrator-equivalent power to a role of its account: it
/// (or the principal whose permissions it rewrote: [`acting_as`]) gives itself every permission
/// if it has not got them, rewrites the role's trust policy to name itself, and assumes the
/// role. Played on the world after those changes.
fn admin_edge(view: &View, from: usize, to: usize, acting: &Acting) -> Hop {
    let mut edge = hop(view, from, to, "administrator".into(), "administrator", CITE_ADMIN);
    let Some(target) = view.nodes.get(to) else {
        return edge;
    };
    edge.changes = acting.changes.clone();
    let document = world_view::trusting_document(&acting.trusted);
    edge.changes.push(WorldChange::UpdateAssumeRolePolicy { target: target.arn.clone(), document });
    // "AssumeRole" (AWS STS API Reference): RoleSessionName is required, at every hop.
    let next = json!({"role": target.arn, "roleSessionName": SESSION_NAME});
    edge.flow = if acting.chained {
        json!({"assumeRole": acting.first, "chain": [next]})
    } else {
        let mut first = acting.first.clone();
        if let Some(call) = first.as_object_mut() {
            call.insert("role".into(), Value::String(target.arn.clone()));
        }
        json!({"assumeRole": first})
    };
    edge
}

const CITE_ASSUME: &str = "Granting a user permissions to switch roles; IAM JSON policy elements: Principal";
const CITE_TRUST: &str = "Modifying a role trust policy (console): UpdateAssumeRolePolicy";
const CITE_KEYS: &str = "Manage access keys for IAM users; Manage passwords for IAM users";
const CITE_PERMISSIONS: &str = "Adding and removing IAM identity permissions; Versioning IAM policies";
const CITE_GROUP: &str = "AddUserToGroup (IAM API Reference); IAM user groups";
const CITE_VERSION: &str = "SetDefaultPolicyVersion (IAM API Reference); Versioning IAM policies";
const CITE_BOUNDARY: &str = "Permissions boundaries for IAM entities; DeleteUserPermissionsBoundary, PutUserPermissionsBoundary (IAM API Reference)";
const CITE_ADMIN: &str = "Modifying a role trust policy; Adding and removing IAM identity permissions";

/// [`WhoCan`] as JSON.
pub fn who_can_json(answer: &WhoCan) -> Value {
    serde_json::to_value(answer).unwrap_or_else(|_| Value::Object(Map::new()))
}

/// [`Reach`] as JSON.
pub fn reach_json(answer: &Reach) -> Value {
    serde_json::to_value(answer).unwrap_or_else(|_| Value::Object(Map::new()))
}
