//! Role sessions — the mask being worn: the session STS issues (what carries over from the
//! calling session in a chain), its ARN and `AssumedRoleId`, and credentials in AWS's shapes
//! (fake, and marked so).
//!
//! Rules: "Pass session tags in AWS STS" (transitive tags carry down a chain; session tags
//! override the role's tags of the same key), "Monitor and control actions taken with assumed
//! roles" (a source identity, once set, carries down the chain), "IAM roles terms and concepts"
//! (role chaining).

use super::caller::{Caller, SessionState};
use super::validate::ValidatedCall;
use crate::arn::Arn;
use crate::clock::Instant;
use crate::principal::{synthetic_suffix, RequestPrincipal};
use crate::world::{AssumeRoleParams, Located, ParsedRole, ParsedWorld, Tags};
use serde::Serialize;

/// Temporary credentials in the shapes STS returns. They are fake: every string contains
/// `EXAMPLE`, and `fake` is true.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FakeCredentials {
    /// Always true: these credentials open nothing.
    #[serde(rename = "fake")]
    pub fake: bool,
    /// `ASIA…`, 20 characters.
    pub access_key_id: String,
    /// 40 characters.
    pub secret_access_key: String,
    /// The session token.
    pub session_token: String,
    /// When they expire, ISO 8601.
    pub expiration: String,
}

impl FakeCredentials {
    /// Stable fake credentials for the session `basis`, expiring at `expiration`.
    pub fn new(basis: &str, expiration: Instant) -> Self {
        let access_key_id = format!("ASIA{}EXAMPLE", synthetic_suffix(basis, 9));
        let secret_access_key = format!(
            "{}/{}EXAMPLE",
            synthetic_suffix(&format!("{basis}#s1"), 16).to_ascii_lowercase(),
            synthetic_suffix(&format!("{basis}#s2"), 16)
        );
        let session_token = format!(
            "IQoJb3JpZ2luX2VjEXAMPLE{}{}",
            synthetic_suffix(&format!("{basis}#t1"), 48).to_ascii_lowercase(),
            synthetic_suffix(&format!("{basis}#t2"), 48)
        );
        Self { fake: true, access_key_id, secret_access_key, session_token, expiration: expiration.iso() }
    }
}

/// A session STS issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`: the principal that now acts.
    pub arn: String,
    /// `AROA…:SESSION`.
    pub assumed_role_id: String,
    /// The role (the mask).
    pub role_arn: String,
    /// The role's account.
    pub account: String,
    /// The session name.
    pub session_name: String,
    /// How long the session lasts.
    pub duration_seconds: i64,
    /// When it began.
    pub issued: String,
    /// When it ends.
    pub expiration: String,
    /// The credentials (fake).
    pub credentials: FakeCredentials,
    /// The source identity, once set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    /// Session tags, inherited transitive tags included.
    pub session_tags: Tags,
    /// The keys that pass on to the next session of a chain.
    pub transitive_tag_keys: Vec<String>,
    /// `aws:PrincipalTag/…` of the session's requests: the role's tags overridden by session tags.
    pub principal_tags: Tags,
    /// Whether the session was authenticated with MFA.
    pub mfa_authenticated: bool,
    /// Whether it was made by role chaining.
    pub chained: bool,
    /// Whether it was made by switching role in the console.
    pub via_console_switch_role: bool,
    /// Whether a session policy limits it.
    pub has_session_policy: bool,
}

/// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` for a role ARN (its path is not part of it).
pub fn session_arn(role_arn: &str, account: &str, role_name: &str, session_name: &str) -> String {
    let partition = Arn::parse(role_arn).ok().map(|arn| arn.partition).filter(|p| !p.is_empty()).unwrap_or("aws");
    format!("arn:{partition}:sts::{account}:assumed-role/{role_name}/{session_name}")
}

/// `AROA…:SESSION` for a session ARN (stable, from [`RequestPrincipal::user_id`]).
pub fn assumed_role_id(session_arn: &str) -> String {
    RequestPrincipal::parse(session_arn).map(|p| p.user_id()).unwrap_or_default()
}

/// The session STS issues to `caller` for `call` on `role`: the call's tags over the calling
/// session's transitive tags, its transitive keys added to the inherited ones, its source identity
/// or the inherited one, MFA if the call or the caller has it.
pub fn issue(
    world: &ParsedWorld,
    caller: &Caller,
    role: &ParsedRole,
    params: &AssumeRoleParams,
    call: &ValidatedCall,
    session_policy: Option<&Located>,
    now: Instant,
) -> SessionState {
    let previous = caller.session();
    let mut tags = Tags::default();
    let mut transitive = Vec::new();
    if let Some(previous) = previous {
        for tag in &previous.tags.0 {
            if previous.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key)) {
                tags.set(&tag.key, &tag.value);
            }
        }
        transitive.extend(previous.transitive_tag_keys.iter().cloned());
    }
    for tag in &params.tags.0 {
        tags.set(&tag.key, &tag.value);
    }
    for key in &params.transitive_tag_keys {
        if !transitive.iter().any(|k: &String| k.eq_ignore_ascii_case(key)) {
            transitive.push(key.clone());
        }
    }
    let mfa = params.mfa.is_some() || caller.mfa_present(world).unwrap_or(false);
    SessionState {
        role: role.clone(),
        arn: session_arn(&role.name.arn, &role.name.account, &role.name.name, &call.session_name),
        session_name: call.session_name.clone(),
        tags,
        transitive_tag_keys: transitive,
        source_identity: params.source_identity.clone().or_else(|| previous.and_then(|p| p.source_identity.clone())),
        mfa,
        session_policy: session_policy.cloned(),
        issued: now,
        chained: call.chained,
        origin: previous.map_or_else(|| caller.arn().to_string(), |p| p.origin.clone()),
    }
}

impl SessionInfo {
    /// The public view of a session.
    pub fn of(state: &SessionState, principal_tags: Tags, duration_seconds: i64, via_console: bool) -> Self {
        let expiration = state.issued.plus(duration_seconds);
        Self {
            arn: state.arn.clone(),
            assumed_role_id: assumed_role_id(&state.arn),
            role_arn: state.role.name.arn.clone(),
            account: state.role.name.account.clone(),
            session_name: state.session_name.clone(),
            duration_seconds,
            issued: state.issued.iso(),
            expiration: expiration.iso(),
            credentials: FakeCredentials::new(&state.arn, expiration),
            source_identity: state.source_identity.clone(),
            session_tags: state.tags.clone(),
            transitive_tag_keys: state.transitive_tag_keys.clone(),
            principal_tags,
            mfa_authenticated: state.mfa,
            chained: state.chained,
            via_console_switch_role: via_console,
            has_session_policy: state.session_policy.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_have_aws_shapes_and_say_example() {
        let credentials = FakeCredentials::new("arn:aws:sts::111122223333:assumed-role/R/s", Instant(3_600));
        assert!(credentials.fake);
        assert_eq!(credentials.access_key_id.len(), 20);
        assert!(credentials.access_key_id.starts_with("ASIA") && credentials.access_key_id.contains("EXAMPLE"));
        assert_eq!(credentials.secret_access_key.len(), 40);
        assert!(credentials.secret_access_key.contains("EXAMPLE"));
        assert!(credentials.session_token.contains("EXAMPLE"));
        assert_eq!(credentials.expiration, "1970-01-01T01:00:00Z");
    }

    #[test]
    fn session_ids() {
        let arn = session_arn("arn:aws:iam::111122223333:role/path/R", "111122223333", "R", "alice");
        assert_eq!(arn, "arn:aws:sts::111122223333:assumed-role/R/alice");
        let id = assumed_role_id(&arn);
        assert!(id.starts_with("AROA") && id.ends_with(":alice"), "{id}");
    }
}
