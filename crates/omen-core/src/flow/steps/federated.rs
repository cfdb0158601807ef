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
//!
//! Session tags ride in the token, not in parameters ("Pass session tags in AWS STS": "Passing
//! session tags using AssumeRoleWithWebIdentity" — the `https://aws.amazon.com/tags` claim with
//! `principal_tags` and `transitive_tag_keys`; "Passing session tags using AssumeRoleWithSAML" —
//! the `https://aws.amazon.com/SAML/Attributes/PrincipalTag:KEY` and
//! `https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys` attributes). They become the call's
//! session tags: the trust policy must then allow `sts:TagSession` too, and the session carries
//! them as `aws:PrincipalTag/KEY`. They are not condition keys of their own.

use super::assume_role::play_hops;
use crate::clock::Instant;
use crate::flow::play::{write_the_time, Play};
use crate::lang::Text;
use crate::principal::PrincipalKind;
use crate::sts::{Caller, Token};
use crate::world::{AssumeRoleParams, FederatedApi, FederatedCall, SessionAction, Tag, Tags};
use serde_json::Value;

/// The OIDC token's claim that carries session tags ("Passing session tags using
/// AssumeRoleWithWebIdentity").
pub const OIDC_TAGS_CLAIM: &str = "https://aws.amazon.com/tags";

/// The SAML attribute name before a session tag's key ("Passing session tags using
/// AssumeRoleWithSAML").
pub const SAML_PRINCIPAL_TAG: &str = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";

/// The SAML attribute that lists the transitive tag keys ("Passing session tags using
/// AssumeRoleWithSAML").
pub const SAML_TRANSITIVE_TAG_KEYS: &str = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";

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
            play.problem(
                "invalid-provider",
                error.text(),
                Some(error.help_text()),
                Some(format!("{pointer}/provider")),
            );
            return;
        }
    };
    let expires = call.expires.as_deref().and_then(|text| {
        let expires = Instant::parse(text);
        if expires.is_none() {
            let message = Text::new(
                format!("`{text}` is not an ISO 8601 time; the token is taken not to expire"),
                format!("`{text}` は ISO 8601 の時刻ではないため、トークンは期限切れにならないものとします"),
            );
            play.problem("invalid-time", message, Some(write_the_time()), Some(format!("{pointer}/expires")));
        }
        expires
    });
    let (tags, transitive_tag_keys) = token_tags(call);
    let params = AssumeRoleParams {
        role: call.role.clone(),
        role_session_name: call.role_session_name.clone(),
        duration_seconds: call.duration_seconds,
        tags,
        transitive_tag_keys,
        session_policy: call.session_policy.clone(),
        ..AssumeRoleParams::default()
    };
    play_hops(play, &caller, Some(Token { api, expires }), &pointer, &params, chain, then);
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
    for (claim, value) in call.claims.iter().filter(|(claim, _)| !is_tag_claim(claim)) {
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

/// Whether `claim` carries session tags rather than a condition key.
fn is_tag_claim(claim: &str) -> bool {
    claim == OIDC_TAGS_CLAIM || claim.starts_with(SAML_PRINCIPAL_TAG) || claim == SAML_TRANSITIVE_TAG_KEYS
}

/// The session tags and transitive tag keys the token carries, in the order written: the OIDC
/// `https://aws.amazon.com/tags` claim (`principal_tags`, each value a one-item list or a string;
/// `transitive_tag_keys`) and the SAML `PrincipalTag:KEY` / `TransitiveTagKeys` attributes.
fn token_tags(call: &FederatedCall) -> (Tags, Vec<String>) {
    let mut tags = Vec::new();
    let mut transitive = Vec::new();
    let mut tag = |key: &str, value: &Value| {
        if let Some(value) = values(value).into_iter().next() {
            tags.push(Tag { key: key.to_string(), value });
        }
    };
    for (claim, value) in &call.claims {
        if claim == OIDC_TAGS_CLAIM {
            if let Some(Value::Object(principal_tags)) = value.get("principal_tags") {
                for (key, value) in principal_tags {
                    tag(key, value);
                }
            }
            transitive.extend(value.get("transitive_tag_keys").map(values).unwrap_or_default());
        } else if let Some(key) = claim.strip_prefix(SAML_PRINCIPAL_TAG) {
            tag(key, value);
        } else if claim == SAML_TRANSITIVE_TAG_KEYS {
            transitive.extend(values(value));
        }
    }
    (Tags(tags), transitive)
}
