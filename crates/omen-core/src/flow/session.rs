//! Role sessions — the mask being worn: the session ARN and `AssumedRoleId`, credentials in AWS's
//! shapes (fake, and marked so), the chain of hops with what carried over, and requests made as
//! the session, decided by the mask's powers rather than the wearer's.

use super::caller::{Caller, SessionState};
use super::clock::Instant;
use super::fix::{Grant, StepMeta};
use super::play::{evaluated_step, Evaluation, Play};
use super::policies::{parse_action_policy, PolicyLocation};
use super::result::{Comparison, StepDecision, StepKind, Text};
use super::world::{SessionAction, Tags, DEFAULT_REGION};
use crate::case::read_context;
use crate::evaluate::Request;
use crate::policy::PolicyKind;
use crate::principal::{synthetic_suffix, RequestPrincipal};
use serde::Serialize;
use serde_json::Value;

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
    let partition = role_arn.split(':').nth(1).filter(|p| !p.is_empty()).unwrap_or("aws");
    format!("arn:{partition}:sts::{account}:assumed-role/{role_name}/{session_name}")
}

/// `AROA…:SESSION` for a session ARN (stable, from [`RequestPrincipal::user_id`]).
pub fn assumed_role_id(session_arn: &str) -> String {
    RequestPrincipal::parse(session_arn).map(|p| p.user_id()).unwrap_or_default()
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

/// What passed from one session to the next, or was left behind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Carried {
    /// What it is: `transitiveTag`, `sourceIdentity`, `sessionTag`, `permissions`,
    /// `sessionPolicy`, `mfa`, `duration`.
    pub what: &'static str,
    /// The tag key, for tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// In words.
    pub text: Text,
}

/// One AssumeRole hop of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainHop {
    /// 1 for the first hop.
    pub hop: usize,
    /// Who called (a user, a session, a service).
    pub caller: String,
    /// The role assumed.
    pub role: String,
    /// Whether the hop succeeded.
    pub succeeded: bool,
    /// The session made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionInfo>,
    /// What carried over from the calling session.
    pub carried: Vec<Carried>,
    /// What did not.
    pub dropped: Vec<Carried>,
}

/// The request `caller` makes for `action`, with the caller's policies (and the resource's
/// policy, if the action gives one) — not yet evaluated.
pub fn session_request(play: &mut Play, caller: &Caller, action: &SessionAction, pointer: &str) -> Evaluation {
    let mut context = caller.context(&play.resolved, play.now);
    context.insert("aws:RequestedRegion", vec![action.region.clone().unwrap_or_else(|| DEFAULT_REGION.to_string())]);
    let extra = read_context(Some(&Value::Object(action.context.clone())));
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
    let mut builder = caller.policies(&play.resolved);
    if let Some(text) = &action.resource_policy {
        let location = PolicyLocation::ResourcePolicy { pointer: format!("{pointer}/resourcePolicy") };
        let located =
            parse_action_policy(location, "resource policy", text, PolicyKind::Resource, &mut play.diagnostics);
        builder.resource(located.as_ref(), request.resource.as_str());
        let account = request.resource_account.clone().unwrap_or_default();
        builder.rcps(play.resolved.account(&account));
    }
    Evaluation::run(request, builder)
}

/// Compare `action` done with the mask (`wearer_session`) and without it (`own`).
pub fn compare(
    play: &mut Play,
    mask: &Caller,
    own: &Caller,
    action: &SessionAction,
    pointer: &str,
) -> (Evaluation, Comparison) {
    let as_role = session_request(play, mask, action, pointer);
    let as_caller = session_request(play, own, action, pointer);
    let role_decision = as_role.decision();
    let caller_decision = as_caller.decision();
    let comparison = Comparison {
        action: as_role.request.action.clone(),
        resource: as_role.request.resource.clone(),
        as_role: role_decision,
        as_caller: caller_decision,
        escalation: role_decision == StepDecision::Allowed && caller_decision != StepDecision::Allowed,
        role_deciding_statements: as_role.response.deciding_statements(),
    };
    (as_role, comparison)
}

/// Steps for `actions` made as the session `mask`, each compared with the wearer's own powers.
pub fn act_as_session(
    play: &mut Play,
    mask: &Caller,
    wearer: Option<&Caller>,
    actions: &[SessionAction],
    id_prefix: &str,
    pointer_prefix: &str,
    hop: Option<usize>,
) {
    let Some(session) = mask.session() else {
        return;
    };
    let role_name = session.role.name.name.clone();
    let wearer_name = session.origin.clone();
    let limits_en = limits_phrase_en(session);
    let limits_ja = limits_phrase_ja(session);
    for (index, action) in actions.iter().enumerate() {
        let pointer = format!("{pointer_prefix}/{index}");
        let wearer_describe_ja = wearer.map(Caller::describe_ja).unwrap_or_default();
        let (evaluation, comparison) = match wearer {
            Some(wearer) => {
                let (evaluation, comparison) = compare(play, mask, wearer, action, &pointer);
                (evaluation, Some(comparison))
            }
            None => (session_request(play, mask, action, &pointer), None),
        };
        let title = Text::new(
            format!("As `{}`: `{}`", session.arn, action.action),
            format!("`{}` として: `{}`", session.arn, action.action),
        );
        let intro = Text::new(
            format!(
                "Wearing the mask `{role_name}`, the session asks for `{}`. Only the mask's powers count — {limits_en} — not those of `{wearer_name}` who put it on.",
                action.action
            ),
            format!(
                "お面 `{role_name}` をかぶったセッションが `{}` を要求します。効くのはお面の力 ({limits_ja}) だけで、かぶった `{wearer_name}` 自身の権限ではありません。",
                action.action
            ),
        );
        let id = format!("{id_prefix}.{index}");
        let mut step = evaluated_step(&id, StepKind::ActAsSession, title, intro, &evaluation);
        step.hop = hop;
        if let (Some(comparison), Some(wearer)) = (comparison, wearer) {
            let wearer = wearer.describe_en();
            let wearer_ja = wearer_describe_ja;
            step.say(Text::new(
                format!(
                    "Without the mask, {wearer} would be {}.",
                    comparison.as_caller.words(crate::explain::Lang::En)
                ),
                format!("お面なしの {wearer_ja} 自身なら: {}。", comparison.as_caller.words(crate::explain::Lang::Ja)),
            ));
            step.comparisons.push(comparison);
        }
        if step.decision.is_failure() {
            step.error_code = Some("AccessDenied".into());
            step.error_message = evaluation.access_denied();
            step.decoded_message = Some(evaluation.decoded_message());
        }
        let meta = StepMeta {
            grant: Some(Grant::exact(
                mask.grantee(&play.resolved),
                &evaluation.request.action,
                &evaluation.request.resource,
                Vec::new(),
            )),
            evaluation: Some(evaluation),
            ..StepMeta::default()
        };
        play.push(step, meta);
    }
}

fn limits_phrase_en(session: &SessionState) -> String {
    let mut parts = vec![format!("the permissions policies of `{}`", session.role.name.name)];
    if session.role.boundary.is_some() {
        parts.push("capped by its permissions boundary".into());
    }
    if session.session_policy.is_some() {
        parts.push("capped by the session policy".into());
    }
    parts.join(", ")
}

fn limits_phrase_ja(session: &SessionState) -> String {
    let mut parts = vec![format!("`{}` のアクセス許可ポリシー", session.role.name.name)];
    if session.role.boundary.is_some() {
        parts.push("アクセス許可の境界 (permissions boundary) による上限".into());
    }
    if session.session_policy.is_some() {
        parts.push("セッションポリシーによる上限".into());
    }
    parts.join("、")
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
