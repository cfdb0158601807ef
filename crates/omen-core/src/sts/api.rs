//! A caller's own requests: an API call, `iam:PassRole`, `iam:CreateServiceLinkedRole`, an action
//! made as a session — evaluated against the caller's identity-based policies, boundary, session
//! policy and SCPs (and the resource's policy and RCPs when the action gives one), with the
//! context keys the caller's requests carry.

use super::caller::Caller;
use super::evaluation::Evaluation;
use crate::clock::Instant;
use crate::context::RequestContext;
use crate::evaluate::Request;
use crate::world::{is_iam_action, Located, ParsedWorld, SessionAction, DEFAULT_REGION};
use serde_json::Value;

/// `caller` asks for `action` on `resource` in `region`, with `extra` context keys (one value
/// each).
pub fn caller_request(
    world: &ParsedWorld,
    caller: &Caller,
    now: Instant,
    action: &str,
    resource: &str,
    region: &str,
    extra: &[(&str, String)],
) -> Evaluation {
    let mut context = caller.context(world, now);
    context.insert("aws:RequestedRegion", vec![region.to_string()]);
    for (key, value) in extra {
        context.insert(key, vec![value.clone()]);
    }
    let request = Request::new(caller.principal.clone(), action, resource, None, context);
    Evaluation::run(request, caller.policies(world))
}

/// `caller` makes `action` (a `then` action, or one tried for the blast radius), with the
/// action's own context keys; `resource_policy` is the policy the action gives its resource, whose
/// account's RCPs then apply too — except for an IAM action, whose resource has no resource-based
/// policy ([`crate::world::is_iam_action`]; the world warns `resource-policy-on-iam-action`).
pub fn session_request(
    world: &ParsedWorld,
    caller: &Caller,
    now: Instant,
    action: &SessionAction,
    resource_policy: Option<&Located>,
) -> Evaluation {
    let mut context = caller.context(world, now);
    context.insert("aws:RequestedRegion", vec![action.region.clone().unwrap_or_else(|| DEFAULT_REGION.to_string())]);
    let extra = RequestContext::from_json(&Value::Object(action.context.clone()));
    for entry in extra.entries() {
        context.insert(&entry.key, entry.values.clone());
    }
    let resource = action.resource.clone().unwrap_or_else(|| "*".to_string());
    let request = Request::new(
        caller.principal.clone(),
        action.action.clone(),
        resource,
        action.resource_account.clone(),
        context,
    );
    let mut builder = caller.policies(world);
    if action.resource_policy.is_some() && !is_iam_action(&action.action) {
        builder.resource(resource_policy, request.resource.as_str());
        let account = request.resource_account.clone().unwrap_or_default();
        builder.rcps(world.account(&account));
    }
    Evaluation::run(request, builder)
}
