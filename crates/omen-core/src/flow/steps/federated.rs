//! The federated story — a CI pipeline, a pod, an app's users or a corporate IdP putting on a
//! mask with a token instead of AWS credentials: `sts:AssumeRoleWithWebIdentity` or
//! `sts:AssumeRoleWithSAML`, decided by the role's trust policy alone, then the chain and the
//! session's actions as for any role session ("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML",
//! STS API reference; "Create a role for OpenID Connect federation"; "Create a role for SAML 2.0
//! federation").
//!
//! The token's claims become the context keys the trust policy's conditions read:
//! `PROVIDER:claim` for an OIDC provider (`token.actions.githubusercontent.com:sub`,
//! `cognito-identity.amazonaws.com:amr`), `SAML:claim` for SAML ("IAM and AWS STS condition
//! context keys"). For GitHub Actions the claims can be written from the workflow run.

use super::assume_role::play_hops;
use crate::flow::play::Play;
use crate::principal::PrincipalKind;
use crate::sts::Caller;
use crate::world::{AssumeRoleParams, FederatedApi, FederatedCall, SessionAction};
use serde_json::Value;

/// Play a federated call, then the chain and the actions of the last session.
pub fn play_federated(
    play: &mut Play,
    api: FederatedApi,
    call: &FederatedCall,
    chain: &[AssumeRoleParams],
    then: &[SessionAction],
) {
    let pointer = format!("/action/{}", api.field());
    let caller = match federated_caller(api, call) {
        Ok(caller) => caller,
        Err(error) => {
            play.problem("invalid-provider", error.message(), Some(error.help()), Some(format!("{pointer}/provider")));
            return;
        }
    };
    let params = AssumeRoleParams {
        role: call.role.clone(),
        role_session_name: call.role_session_name.clone(),
        duration_seconds: call.duration_seconds,
        ..AssumeRoleParams::default()
    };
    play_hops(play, &caller, Some(api), &pointer, &params, chain, then);
}

/// The identity provider's user of `call`, with the token's claims as context keys.
fn federated_caller(api: FederatedApi, call: &FederatedCall) -> Result<Caller, crate::sts::CallerError> {
    let provider = Caller::federated(&call.provider, Vec::new())?;
    let prefix = match (api, provider.principal.kind) {
        (FederatedApi::Saml, _) | (_, PrincipalKind::SamlUser) => "SAML".to_string(),
        _ => provider.principal.name.clone(),
    };
    let key = |claim: &str| if claim.contains(':') { claim.to_string() } else { format!("{prefix}:{claim}") };
    let mut claims: Vec<(String, Vec<String>)> = Vec::new();
    let mut set = |name: String, values: Vec<String>| match claims.iter_mut().find(|(k, _)| *k == name) {
        Some(entry) => entry.1 = values,
        None => claims.push((name, values)),
    };
    if let Some(run) = &call.github {
        for (claim, value) in run.claims() {
            set(key(claim), vec![value]);
        }
    }
    for (claim, value) in &call.claims {
        set(key(claim), values(value));
    }
    Caller::federated(&call.provider, claims)
}

/// A claim's values as text: a list's items, or the one value.
fn values(value: &Value) -> Vec<String> {
    let text = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        _ => None,
    };
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}
