//! Putting on a role: the one trust-side request — who asks, the caller's own policies if it has
//! any, the role's trust policy and the RCPs of the role's account — that every AssumeRole-like
//! check is built on: a service putting the mask on, `sts:AssumeRole` by a user or a session, the
//! `sts:TagSession` and `sts:SetSourceIdentity` that ride on it (and, later, the federated calls,
//! which have no caller policies at all). Also the request context of a call and the two sides of
//! the decision, as data.
//!
//! Rules from "AssumeRole" (STS API reference), "IAM JSON policy elements: Principal",
//! "Cross-account policy evaluation logic" and "Resource control policies (RCPs)".

use super::caller::{Caller, CallerKind};
use super::evaluation::Evaluation;
use super::policy_set::SetBuilder;
use crate::clock::Instant;
use crate::context::RequestContext;
use crate::evaluate::{PolicyResult, Request, Rule};
use crate::policy::PolicyKind;
use crate::principal::RequestPrincipal;
use crate::world::{AssumeRoleParams, ParsedRole, ParsedWorld};
use serde::Serialize;

/// `principal` asks for `action` on `role`: its own policies (`caller_policies`, empty for a
/// service or a federated caller), then the role's trust policy and the RCPs of its account.
pub fn trust_request(
    world: &ParsedWorld,
    principal: RequestPrincipal,
    caller_policies: SetBuilder,
    role: &ParsedRole,
    action: &str,
    context: RequestContext,
) -> Evaluation {
    let request = Request::new(principal, action, role.name.arn.clone(), Some(role.name.account.clone()), context);
    let mut builder = caller_policies;
    builder.resource(role.trust.as_ref(), &role.name.arn);
    builder.rcps(world.account(&role.name.account));
    Evaluation::run(request, builder)
}

/// The AWS service `service` puts on `role` for a resource of `source_account` (`source_arn`
/// when the resource is one): only the trust policy decides.
pub fn service_assumes_role(
    world: &ParsedWorld,
    service: RequestPrincipal,
    role: &ParsedRole,
    source_account: &str,
    source_arn: Option<String>,
) -> Evaluation {
    let mut context = RequestContext::new();
    context.insert("aws:SourceAccount", vec![source_account.to_string()]);
    if let Some(source_arn) = source_arn {
        context.insert("aws:SourceArn", vec![source_arn]);
    }
    trust_request(world, service, SetBuilder::default(), role, "sts:AssumeRole", context)
}

/// `caller` asks for `action` (`sts:AssumeRole`, `sts:TagSession`, `sts:SetSourceIdentity`) on
/// `role` with `context`.
pub fn assume_role(
    world: &ParsedWorld,
    caller: &Caller,
    role: &ParsedRole,
    action: &str,
    context: RequestContext,
) -> Evaluation {
    trust_request(world, caller.principal.clone(), caller.policies(world), role, action, context)
}

/// `caller`'s own permissions for `action` on `role` — its identity-based policies, boundary,
/// session policy and SCPs, as if the role were in its account — without the trust policy.
///
/// "Monitor and control actions taken with assumed roles": "When you assume a role with another
/// role, called role chaining, permissions for sts:SetSourceIdentity are required in both the
/// permissions policy of the principal who is assuming the role and in the role trust policy of the
/// target role." The general same-account rule ("Policy evaluation logic") would let a trust policy
/// that names the calling role suffice; flows follow the first page and say so.
pub fn own_permission(
    world: &ParsedWorld,
    caller: &Caller,
    role: &ParsedRole,
    action: &str,
    context: RequestContext,
) -> Evaluation {
    let request = Request::new(
        caller.principal.clone(),
        action,
        role.name.arn.clone(),
        caller.account().map(str::to_string),
        context,
    );
    Evaluation::run(request, caller.policies(world))
}

/// The context of `caller`'s AssumeRole call with `params` on `role`, as session `session_name`:
/// the caller's keys, the role's tags as the resource's, the call's `sts:` keys, MFA on the call,
/// the session tags, the source identity (the call's or the inherited one), and what a service
/// sends about its resource.
pub fn assume_context(
    world: &ParsedWorld,
    caller: &Caller,
    role: &ParsedRole,
    now: Instant,
    params: &AssumeRoleParams,
    session_name: &str,
) -> RequestContext {
    let mut context = caller.context(world, now);
    for (key, value) in resource_tags(caller, role) {
        context.insert(&format!("aws:ResourceTag/{key}"), vec![value.clone()]);
        context.insert(&format!("iam:ResourceTag/{key}"), vec![value]);
    }
    context.insert("aws:RequestedRegion", vec!["us-east-1".into()]);
    context.insert("sts:RoleSessionName", vec![session_name.to_string()]);
    if let Some(external_id) = &params.external_id {
        context.insert("sts:ExternalId", vec![external_id.clone()]);
    }
    if params.mfa.is_some() {
        context.insert("aws:MultiFactorAuthPresent", vec!["true".into()]);
        context.insert("aws:MultiFactorAuthAge", vec!["0".into()]);
    }
    if !params.tags.is_empty() {
        for tag in &params.tags.0 {
            context.insert(&format!("aws:RequestTag/{}", tag.key), vec![tag.value.clone()]);
        }
        context.insert("aws:TagKeys", params.tags.0.iter().map(|t| t.key.clone()).collect());
    }
    if !params.transitive_tag_keys.is_empty() {
        context.insert("sts:TransitiveTagKeys", params.transitive_tag_keys.clone());
    }
    let source_identity =
        params.source_identity.clone().or_else(|| caller.session().and_then(|s| s.source_identity.clone()));
    if let Some(source_identity) = source_identity {
        context.insert("sts:SourceIdentity", vec![source_identity]);
    }
    if caller.is_service() {
        if let Some(account) = &params.source_account {
            context.insert("aws:SourceAccount", vec![account.clone()]);
        }
        if let Some(arn) = &params.source_arn {
            context.insert("aws:SourceArn", vec![arn.clone()]);
        }
    }
    context
}

/// The tags of `role` as the resource of an AssumeRole by `caller`: the role's own tags, each
/// replaced by a transitive tag of the calling session with the same key (tag keys compare
/// without case).
///
/// "IAM: Assume roles that have a specific tag" (the caller's `iam:ResourceTag/*`); "Passing
/// session tags in AWS STS": "you can allow the principal to pass session tags only if the role
/// they assume includes the specified tags" (`aws:ResourceTag/*` in the trust policy), and, in
/// role chaining, "the value of a transitive tag overrides the role matching the ResourceTag value
/// before the evaluation of the role trust policy".
pub fn resource_tags(caller: &Caller, role: &ParsedRole) -> Vec<(String, String)> {
    let inherited: Vec<(&str, &str)> = caller
        .session()
        .map(|session| {
            session
                .tags
                .0
                .iter()
                .filter(|tag| session.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key)))
                .map(|tag| (tag.key.as_str(), tag.value.as_str()))
                .collect()
        })
        .unwrap_or_default();
    role.tags
        .0
        .iter()
        .map(|tag| {
            let value = inherited
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(&tag.key))
                .map_or(tag.value.as_str(), |(_, value)| value);
            (tag.key.clone(), value.to_string())
        })
        .collect()
}

/// Which side of an AssumeRole a panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PanelSide {
    /// The caller's account: identity-based policies, permissions boundary, session policy, SCPs.
    Caller,
    /// The role's account: the trust policy (and RCPs).
    Trust,
}

/// A side's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PanelVerdict {
    /// This side allows.
    Allows,
    /// A Deny statement on this side applies.
    Denies,
    /// Nothing on this side allows (or a required policy type does not).
    DoesNotAllow,
    /// This side is not consulted (a service caller has no identity policies).
    NotConsulted,
}

/// A policy on one side, with its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PanelPolicy {
    /// The policy's name.
    pub name: String,
    /// Its kind.
    pub policy_type: PolicyKind,
    /// Its verdict.
    pub result: PolicyResult,
}

/// Whether, and why, the caller's side must allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerNeed {
    /// A service has no identity-based policies: only the trust policy decides.
    Service,
    /// Cross account: the caller's account must allow too.
    CrossAccount,
    /// Same account, the trust policy names the caller itself: enough on its own.
    NamesCaller,
    /// Same account, the trust policy names the caller's role ARN: boundary and session policy
    /// still limit.
    NamesRole,
    /// The trust policy names the account: the caller's policies decide.
    Delegates,
    /// The trust policy does not allow the caller: nothing on the caller's side can help.
    NotDecisive,
}

/// Both sides of an AssumeRole decision, read from the evaluator's response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    /// The caller's verdict.
    pub caller: PanelVerdict,
    /// The caller's policies and theirs.
    pub caller_policies: Vec<PanelPolicy>,
    /// Whether the caller's side must allow.
    pub caller_needed: bool,
    /// Why (or why not).
    pub need: CallerNeed,
    /// The trust side's verdict.
    pub trust: PanelVerdict,
    /// The trust policy and the RCPs, and theirs.
    pub trust_policies: Vec<PanelPolicy>,
}

/// The caller's side and the trust side of `evaluation`, an AssumeRole request by `caller`.
pub fn sides(evaluation: &Evaluation, caller: &Caller) -> Sides {
    let response = &evaluation.response;
    let side_policies = |kinds: &[PolicyKind]| -> Vec<PanelPolicy> {
        response
            .policies
            .iter()
            .filter(|p| kinds.contains(&p.id.kind))
            .map(|p| PanelPolicy { name: p.id.name.clone(), policy_type: p.id.kind, result: p.result })
            .collect()
    };
    let caller_policies =
        side_policies(&[PolicyKind::Identity, PolicyKind::PermissionsBoundary, PolicyKind::Session, PolicyKind::Scp]);
    let trust_policies = side_policies(&[PolicyKind::Trust, PolicyKind::Rcp]);
    let has = |policies: &[PanelPolicy], kind: PolicyKind, result: PolicyResult| {
        policies.iter().any(|p| p.policy_type == kind && p.result == result)
    };
    let all_allow = |policies: &[PanelPolicy], kind: PolicyKind| {
        policies.iter().filter(|p| p.policy_type == kind).all(|p| p.result == PolicyResult::Allow)
    };
    let scp_blocks = response.rules.iter().any(|r| matches!(r, Rule::ScpLevelWithoutAllow { .. }));
    let caller_verdict =
        if caller.is_service() || matches!(caller.kind, CallerKind::Unknown) && caller_policies.is_empty() {
            if caller.is_service() {
                PanelVerdict::NotConsulted
            } else {
                PanelVerdict::DoesNotAllow
            }
        } else if caller_policies.iter().any(|p| p.result == PolicyResult::Deny) {
            PanelVerdict::Denies
        } else if !has(&caller_policies, PolicyKind::Identity, PolicyResult::Allow)
            || !all_allow(&caller_policies, PolicyKind::PermissionsBoundary)
            || !all_allow(&caller_policies, PolicyKind::Session)
            || scp_blocks
        {
            PanelVerdict::DoesNotAllow
        } else {
            PanelVerdict::Allows
        };
    let names_caller = response.rules.contains(&Rule::ResourcePolicyNamesCaller);
    let names_role = response.rules.contains(&Rule::ResourcePolicyNamesRole);
    let cross_account = response.rules.contains(&Rule::CrossAccountNeedsBoth);
    let delegates = response.rules.contains(&Rule::ResourcePolicyDelegatesToAccount);
    let caller_needed = !caller.is_service() && (cross_account || delegates);
    let trust_verdict = if trust_policies.iter().any(|p| p.result == PolicyResult::Deny) {
        PanelVerdict::Denies
    } else if has(&trust_policies, PolicyKind::Trust, PolicyResult::Allow)
        && !response.rules.iter().any(|r| matches!(r, Rule::RcpLevelWithoutAllow { .. }))
    {
        PanelVerdict::Allows
    } else {
        PanelVerdict::DoesNotAllow
    };
    let need = if caller.is_service() {
        CallerNeed::Service
    } else if cross_account {
        CallerNeed::CrossAccount
    } else if names_caller {
        CallerNeed::NamesCaller
    } else if names_role {
        CallerNeed::NamesRole
    } else if delegates {
        CallerNeed::Delegates
    } else {
        CallerNeed::NotDecisive
    };
    Sides { caller: caller_verdict, caller_policies, caller_needed, need, trust: trust_verdict, trust_policies }
}
