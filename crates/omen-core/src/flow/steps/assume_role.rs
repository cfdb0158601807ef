//! The AssumeRole story — "put on the mask": STS checks the call's parameters, then both sides
//! (the caller's identity side and the role's trust policy, shown as two panels), then
//! `sts:TagSession` and `sts:SetSourceIdentity` when the call carries tags or a source identity;
//! it issues a session; the session acts with the mask's powers; and a chain of hops carries
//! transitive tags and the source identity from one session to the next.
//!
//! The checks are `sts`'s; this story adds the facts, the session timeline, the CloudTrail
//! records and the fix hints. Console switch role follows the seed article: the session name is
//! the user name, and switching never chains.

use super::session::act_as_session;
use crate::flow::hints::{FixHints, TokenHint, TrustGrant};
use crate::flow::note::{ChangeNote, FlowNote, Grant, HopFacts, Title};
use crate::flow::play::{access_denied, add_the_role, decoded_message, skipped_step, Draft, Play};
use crate::flow::result::{Carried, ChainHop, Panel, RequestChange, StepDecision, StepKind, Text};
use crate::principal::PrincipalKind;
use crate::sts::{
    self, AssumeRoleCall, Caller, CallerKind, Evaluation, PanelSide, RefusalReason, SessionInfo, SessionState, Token,
    ValidatedCall,
};
use crate::world::{AssumeRoleParams, FederatedApi, ParsedRole, SessionAction};
use serde_json::{json, Value};

/// Play an AssumeRole flow: the first call, the chain, and the actions of the last session.
pub fn play_assume_role(play: &mut Play, first: &AssumeRoleParams, chain: &[AssumeRoleParams], then: &[SessionAction]) {
    let first_caller_arn = first.caller.clone().unwrap_or_default();
    let original = match Caller::resolve(&first_caller_arn, &play.parsed) {
        Ok(caller) => caller,
        Err(error) => {
            play.problem(
                "invalid-caller",
                error.text(),
                Some(error.help_text()),
                Some("/action/assumeRole/caller".into()),
            );
            return;
        }
    };
    if matches!(original.kind, CallerKind::Unknown) {
        let note = FlowNote::UnknownAssumeRoleCaller { arn: original.arn().to_string() };
        play.warn("unknown-caller", note, None, Some("/action/assumeRole/caller".into()));
    }
    play_hops(play, &original, None, "/action/assumeRole", first, chain, then);
}

/// The hops of an AssumeRole-like story from `original`'s first call (`federated` when it trades
/// an identity provider's token, at `first_pointer`): the chain, and the actions of the last
/// session.
pub fn play_hops(
    play: &mut Play,
    original: &Caller,
    federated: Option<Token>,
    first_pointer: &str,
    first: &AssumeRoleParams,
    chain: &[AssumeRoleParams],
    then: &[SessionAction],
) {
    let console = first.via_console_switch_role && federated.is_none();
    // The console sends what its Switch Role page has fields for. "Pass session tags in AWS
    // STS": "The AWS Management Console Switch Role feature does not allow you to pass session
    // tags." "Grant a user permissions to switch roles": "You cannot switch roles in the AWS
    // Management Console to a role that requires an ExternalId value." Tags and an ExternalId
    // given with a switch are not sent, and the flow says so.
    let unsent = |p: &AssumeRoleParams| AssumeRoleParams {
        tags: Default::default(),
        transitive_tag_keys: Vec::new(),
        external_id: None,
        ..p.clone()
    };
    let calls = || std::iter::once(first).chain(chain);
    let tagged = console && calls().any(|p| !p.tags.is_empty() || !p.transitive_tag_keys.is_empty());
    let external_id = console && calls().any(|p| p.external_id.is_some());
    if tagged {
        play.warn(
            "console-no-session-tags",
            FlowNote::ConsoleSendsNoSessionTags,
            None,
            Some(format!("{first_pointer}/tags")),
        );
    }
    if external_id {
        play.warn(
            "console-no-external-id",
            FlowNote::ConsoleSendsNoExternalId,
            None,
            Some(format!("{first_pointer}/externalId")),
        );
    }
    let (sent_first, sent_chain): (AssumeRoleParams, Vec<AssumeRoleParams>);
    let (first, chain) = if tagged || external_id {
        (sent_first, sent_chain) = (unsent(first), chain.iter().map(unsent).collect());
        (&sent_first, sent_chain.as_slice())
    } else {
        (first, chain)
    };
    let mut hops: Vec<(usize, &AssumeRoleParams, String)> = vec![(1, first, first_pointer.to_string())];
    hops.extend(chain.iter().enumerate().map(|(i, p)| (i + 2, p, format!("/action/chain/{i}"))));
    let mut current: Option<SessionState> = None;
    let mut failed_at: Option<String> = None;
    for (hop, params, pointer) in hops {
        if let Some(failed) = &failed_at {
            let title = Title::AssumeRole { hop, role: params.role.clone() };
            let mut step = skipped_step(format!("hop{hop}.assumeRole"), StepKind::AssumeRole, title, failed);
            step.hop = Some(hop);
            play.push(step, FixHints::default());
            for (index, then) in params.then.iter().enumerate() {
                let title = Title::Action { action: then.action.clone() };
                let mut step = skipped_step(format!("hop{hop}.then.{index}"), StepKind::ActAsSession, title, failed);
                step.hop = Some(hop);
                play.push(step, FixHints::default());
            }
            continue;
        }
        let caller = match (&params.caller, &current) {
            (Some(arn), _) if hop > 1 => Caller::resolve(arn, &play.parsed),
            // Console switch role never chains: every switch starts again from the IAM user.
            (_, Some(_)) if console => Ok(original.clone()),
            (_, Some(session)) => Caller::from_session(session.clone()),
            _ => Ok(original.clone()),
        };
        let mut caller = match caller {
            Ok(caller) => caller,
            Err(error) => {
                play.problem(
                    "invalid-caller",
                    error.text(),
                    Some(error.help_text()),
                    Some(format!("{pointer}/caller")),
                );
                return;
            }
        };
        caller.console = console && caller.is_user();
        let api = if hop == 1 { federated } else { None };
        match assume(play, hop, params, &caller, console, &pointer, api) {
            Some(session) => {
                if let Ok(mask) = Caller::from_session(session.clone()) {
                    act_as_session(
                        play,
                        &mask,
                        Some(&caller),
                        &params.then,
                        &format!("hop{hop}.then"),
                        &format!("{pointer}/then"),
                        Some(hop),
                    );
                }
                current = Some(session);
            }
            None => {
                let failed = play.steps.iter().find(|s| s.hop == Some(hop) && s.decision.is_failure());
                failed_at = Some(failed.map_or_else(|| format!("hop{hop}.assumeRole"), |s| s.id.clone()));
            }
        }
    }
    let last_hop = chain.len() + 1;
    match (&failed_at, &current) {
        (None, Some(session)) => {
            if let Ok(mask) = Caller::from_session(session.clone()) {
                act_as_session(play, &mask, Some(original), then, "then", "/action/then", Some(last_hop));
            }
        }
        (failed, _) => {
            let failed = failed.clone().unwrap_or_else(|| "hop1.assumeRole".into());
            for (index, then) in then.iter().enumerate() {
                let title = Title::Action { action: then.action.clone() };
                play.push(
                    skipped_step(format!("then.{index}"), StepKind::ActAsSession, title, &failed),
                    FixHints::default(),
                );
            }
        }
    }
}

/// One hop: validate (a federated call's token too), evaluate both sides, tags and source
/// identity, and issue the session.
fn assume(
    play: &mut Play,
    hop: usize,
    params: &AssumeRoleParams,
    caller: &Caller,
    console: bool,
    pointer: &str,
    token: Option<Token>,
) -> Option<SessionState> {
    let federated = token.map(|token| token.api);
    let id = format!("hop{hop}.assumeRole");
    let action = federated.map_or("sts:AssumeRole", FederatedApi::action);
    let title = match federated {
        Some(api) => Title::Federated { hop, role: params.role.clone(), action: api.action() },
        None if console => Title::SwitchRole { hop, role: params.role.clone() },
        None => Title::AssumeRole { hop, role: params.role.clone() },
    };
    let Some(role) = play.parsed.role(&params.role).cloned() else {
        play.problem(
            "unknown-role",
            Text::new(
                format!("the role `{}` is not in the world", params.role),
                format!("ロール `{}` はワールドにありません", params.role),
            ),
            Some(add_the_role()),
            Some(format!("{pointer}/role")),
        );
        let mut step = Draft::new(&id, StepKind::AssumeRole, title, StepDecision::Failed);
        step.hop = Some(hop);
        step.say(FlowNote::RoleNotInWorld { role: params.role.clone() });
        let message = match federated {
            Some(api) => format!("Not authorized to perform {}", api.action()),
            None => format!(
                "User: {} is not authorized to perform: sts:AssumeRole on resource: {}",
                caller.arn(),
                params.role
            ),
        };
        step.error_code = Some("AccessDenied".into());
        step.error_message = Some(message.clone());
        play.push(step, FixHints::default());
        let role_account = crate::arn::account_of(&params.role).unwrap_or_default().to_string();
        record_hop(
            play,
            hop,
            caller,
            &params.role,
            &role_account,
            params,
            None,
            Some(("AccessDenied".into(), message)),
            console,
            federated,
        );
        return None;
    };
    let call_pointer = pointer.to_string();
    let call = match sts::validate(caller, &role, params, console)
        .and_then(|call| match token {
            Some(token) => sts::check_token(&play.parsed, caller, &role, token, play.now).map(|()| call),
            None => Ok(call),
        })
        .and_then(|call| sts::check_session_policy(&play.parsed, hop - 1).map(|()| call))
    {
        Ok(call) => call,
        Err(refusal) => {
            let refusal = *refusal;
            if matches!(refusal.reason, RefusalReason::MalformedSessionPolicy { .. }) {
                if let Some(pointer) = play.parsed.session_policy(hop - 1).map(|p| p.pointer.clone()) {
                    play.report_document(&pointer);
                }
            }
            let token_change = token_fix(play, caller, &role, &refusal.reason, &call_pointer);
            let audience_refused = matches!(refusal.reason, RefusalReason::AudienceNotAccepted { .. });
            let mut step = Draft::new(&id, StepKind::AssumeRole, title, StepDecision::Failed);
            step.hop = Some(hop);
            step.say(FlowNote::ParametersFirst);
            step.say(FlowNote::Refused(refusal.reason));
            step.error_code = refusal.code.map(str::to_string);
            step.error_message = Some(refusal.message.clone());
            let request_change = refusal.change.map(|change| {
                let field = if change.parameter == "DurationSeconds" { "durationSeconds" } else { "sourceIdentity" };
                let request = RequestChange {
                    pointer: format!("{call_pointer}/{field}"),
                    parameter: change.parameter.to_string(),
                    before: Some(change.before.clone()),
                    after: change.after.clone(),
                    description: Text::default(),
                };
                let note = ChangeNote::Parameter {
                    parameter: change.parameter.to_string(),
                    before: change.before,
                    after: change.after,
                };
                (request, note)
            });
            let audience = expected_audience(play, caller, &role).filter(|_| audience_refused);
            let hints = match audience {
                // The job asked for the wrong audience: the token is corrected, not the provider.
                Some(audience) => FixHints {
                    audience: Some(audience),
                    token: TokenHint::of(caller),
                    call_pointer: Some(call_pointer.clone()),
                    ..FixHints::default()
                },
                None => FixHints { request_change: request_change.or(token_change), ..FixHints::default() },
            };
            play.push(step, hints);
            let failure = (refusal.code.unwrap_or("ValidationError").to_string(), refusal.message);
            record_hop(
                play,
                hop,
                caller,
                &role.name.arn,
                &role.name.account,
                params,
                None,
                Some(failure),
                console,
                federated,
            );
            return None;
        }
    };
    let context = sts::assume_context(&play.parsed, caller, &role, play.now, params, &call.session_name);
    let evaluation = sts::assume_role(&play.parsed, caller, &role, action, context.clone());
    let cross_account = caller.account().is_some_and(|a| a != role.name.account);
    let intro = FlowNote::AssumeRole {
        who: caller.who(),
        role: role.name.arn.clone(),
        session_name: call.session_name.clone(),
        duration: call.duration,
        chained: call.chained,
        console,
        cross_account,
    };
    let intro = match federated {
        Some(api) => FlowNote::Federated {
            provider: caller.arn().to_string(),
            action: api.action(),
            subject: context.first(&subject_key(caller)).map(str::to_string),
            role: role.name.arn.clone(),
            session_name: call.session_name.clone(),
            duration: call.duration,
        },
        None => intro,
    };
    let mut step = play.evaluated_step(&id, StepKind::AssumeRole, title, intro, &evaluation);
    step.hop = Some(hop);
    if federated.is_none() {
        let (panels, summaries) = panels(&evaluation, caller, &role);
        step.panels = panels;
        step.facts.panels = summaries;
        step.say(FlowNote::Sides);
    }
    step.say_if_untrusted(role.trust.is_some());
    let allowed = !step.decision.is_failure();
    if !allowed {
        step.error_code = Some("AccessDenied".into());
        step.error_message = match federated {
            // "AssumeRoleWithWebIdentity" / "AssumeRoleWithSAML" (STS API reference): the caller
            // has no AWS identity to name, and no encoded message comes back.
            Some(api) => Some(format!("Not authorized to perform {}", api.action())),
            None if console => Some(sts::CONSOLE_SWITCH_FAILURE.into()),
            None => access_denied(&evaluation),
        };
        if federated.is_none() {
            step.decoded_message = Some(decoded_message(&evaluation));
        }
    }
    let grantee = caller.grantee(&play.parsed);
    // The trust statement to add names the call's own action: a federated caller needs
    // `sts:AssumeRoleWithWebIdentity` / `sts:AssumeRoleWithSAML`, never `sts:AssumeRole`
    // ("Create a role for OpenID Connect federation", "Create a role for SAML 2.0 federation").
    let trust_action = federated.map_or("sts:AssumeRole", FederatedApi::action);
    let hints = FixHints {
        grant: Some(Grant::exact(grantee, "sts:AssumeRole", &role.name.arn, Vec::new())),
        trust: role.index.zip(caller.trust_principal()).map(|(index, principal)| TrustGrant {
            role: index,
            principal,
            action: trust_action.into(),
        }),
        evaluation: Some(evaluation),
        call_pointer: (!console).then(|| call_pointer.clone()),
        caller_name: caller.account().map(|a| (a.to_string(), caller.principal.name.clone())),
        token: TokenHint::of(caller),
        ..FixHints::default()
    };
    play.push(step, hints);

    let mut extra_ok = true;
    let inherited_source_identity = caller.session().and_then(|s| s.source_identity.clone());
    if !params.tags.is_empty() {
        extra_ok &= permission_step(play, hop, "sts:TagSession", caller, &role, &context, &call_pointer);
    }
    if params.source_identity.is_some() || inherited_source_identity.is_some() {
        extra_ok &= permission_step(play, hop, "sts:SetSourceIdentity", caller, &role, &context, &call_pointer);
    }
    let succeeded = allowed && extra_ok;
    let session_policy = play.parsed.session_policy(hop - 1).cloned();
    if let (true, Some(policy)) = (succeeded, &session_policy) {
        play.report_document(&policy.pointer.clone());
    }
    let session =
        succeeded.then(|| sts::issue(&play.parsed, caller, &role, params, &call, session_policy.as_ref(), play.now));
    let session_info = session.as_ref().map(|s| session_info(play, s, &call, console));
    let failure = (!succeeded).then(|| {
        let step = play.steps.iter().rev().find(|s| s.hop == Some(hop) && s.decision.is_failure());
        (
            step.and_then(|s| s.error_code.clone()).unwrap_or_else(|| "AccessDenied".into()),
            step.and_then(|s| s.error_message.clone()).unwrap_or_default(),
        )
    });
    // A hop refused because a policy it needs could never have been saved writes no STS record
    // (see `Play::failed_at_save`).
    if !play.failed_at_save(|s| s.hop == Some(hop)) {
        record_hop(
            play,
            hop,
            caller,
            &role.name.arn,
            &role.name.account,
            params,
            session_info.as_ref(),
            failure,
            console,
            federated,
        );
    }
    chain_entry(play, hop, caller, &role, session.as_ref(), session_info.clone(), params, console);
    if let Some(info) = session_info {
        play.session = Some(info);
    }
    session
}

/// The public view of a session just issued.
fn session_info(play: &Play, session: &SessionState, call: &ValidatedCall, console: bool) -> SessionInfo {
    let principal_tags =
        Caller::from_session(session.clone()).map(|c| c.principal_tags(&play.parsed)).unwrap_or_default();
    SessionInfo::of(session, principal_tags, call.duration, console)
}

/// The caller's side and the trust side of an AssumeRole, as panels, and the facts each says.
fn panels(evaluation: &Evaluation, caller: &Caller, role: &ParsedRole) -> (Vec<Panel>, Vec<FlowNote>) {
    let sides = sts::sides(evaluation, caller);
    let caller_account = caller.account().unwrap_or("—").to_string();
    let summaries = vec![
        FlowNote::CallerSide { account: caller_account.clone(), verdict: sides.caller, need: sides.need },
        FlowNote::TrustSide { account: role.name.account.clone(), role: role.name.name.clone(), verdict: sides.trust },
    ];
    let panels = vec![
        Panel {
            side: PanelSide::Caller,
            account: caller_account.clone(),
            needed: sides.caller_needed,
            verdict: sides.caller,
            policies: sides.caller_policies,
            summary: Text::default(),
        },
        Panel {
            side: PanelSide::Trust,
            account: role.name.account.clone(),
            needed: true,
            verdict: sides.trust,
            policies: sides.trust_policies,
            summary: Text::default(),
        },
    ];
    (panels, summaries)
}

/// `sts:TagSession` or `sts:SetSourceIdentity` for the same call. Returns whether it is allowed.
fn permission_step(
    play: &mut Play,
    hop: usize,
    action: &str,
    caller: &Caller,
    role: &ParsedRole,
    context: &crate::context::RequestContext,
    call_pointer: &str,
) -> bool {
    let trusted = sts::assume_role(&play.parsed, caller, role, action, context.clone());
    // Role chaining with a source identity: the calling role's own permissions must allow
    // sts:SetSourceIdentity as well as the next trust policy (see `sts::own_permission`).
    let chained_source_identity = action == "sts:SetSourceIdentity" && caller.session().is_some();
    let own = chained_source_identity.then(|| sts::own_permission(&play.parsed, caller, role, action, context.clone()));
    let own_allows = own.as_ref().map(Evaluation::allowed);
    let evaluation = match own {
        Some(own) if trusted.allowed() && !own.allowed() => own,
        _ => trusted,
    };
    let tag_session = action == "sts:TagSession";
    let (suffix, kind, title, intro) = if tag_session {
        ("tagSession", StepKind::TagSession, Title::TagSession { hop }, FlowNote::TagSession)
    } else {
        let inherited = caller.session().and_then(|s| s.source_identity.clone());
        (
            "setSourceIdentity",
            StepKind::SetSourceIdentity,
            Title::SetSourceIdentity { hop },
            FlowNote::SetSourceIdentity { inherited },
        )
    };
    let mut step = play.evaluated_step(format!("hop{hop}.{suffix}"), kind, title, intro, &evaluation);
    step.hop = Some(hop);
    if let (Some(session), Some(allows)) = (caller.session(), own_allows) {
        step.say(FlowNote::ChainedSourceIdentityChoice { role: session.role.name.name.clone(), allows });
    }
    let allowed = !step.decision.is_failure();
    if !allowed {
        step.error_code = Some("AccessDenied".into());
        step.error_message = access_denied(&evaluation);
        step.decoded_message = Some(decoded_message(&evaluation));
    }
    let hints = FixHints {
        grant: Some(Grant::exact(caller.grantee(&play.parsed), action, &role.name.arn, Vec::new())),
        trust: role.index.zip(caller.trust_principal()).map(|(index, principal)| TrustGrant {
            role: index,
            principal,
            action: action.to_string(),
        }),
        evaluation: Some(evaluation),
        call_pointer: Some(call_pointer.to_string()),
        token: TokenHint::of(caller),
        ..FixHints::default()
    };
    play.push(step, hints);
    allowed
}

/// The CloudTrail records of a hop.
#[expect(clippy::too_many_arguments, reason = "one record needs the whole call; a struct would only rename them")]
fn record_hop(
    play: &mut Play,
    hop: usize,
    caller: &Caller,
    role_arn: &str,
    role_account: &str,
    params: &AssumeRoleParams,
    session: Option<&SessionInfo>,
    failure: Option<(String, String)>,
    console: bool,
    federated: Option<FederatedApi>,
) {
    let records = sts::assume_role_records(
        &play.parsed,
        AssumeRoleCall {
            hop,
            caller,
            role_arn,
            role_account,
            params,
            session,
            failure,
            console,
            federated,
            now: play.now,
        },
    );
    play.cloudtrail.extend(records);
}

/// One entry of a hop's timeline, and the fact it says.
fn carried(what: &'static str, key: Option<String>, value: Option<String>, note: FlowNote) -> (Carried, FlowNote) {
    (Carried { what, key, value, text: Text::default() }, note)
}

/// The timeline entry of a hop: what carried over from the calling session and what did not.
#[expect(clippy::too_many_arguments, reason = "the hop, its caller, its role, its session and its call, each needed")]
fn chain_entry(
    play: &mut Play,
    hop: usize,
    caller: &Caller,
    role: &ParsedRole,
    session: Option<&SessionState>,
    info: Option<SessionInfo>,
    params: &AssumeRoleParams,
    console: bool,
) {
    let mut carried_over = Vec::new();
    let mut dropped = Vec::new();
    match caller.session() {
        Some(previous) => {
            for tag in &previous.tags.0 {
                let transitive = previous.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key));
                let (key, value) = (Some(tag.key.clone()), Some(tag.value.clone()));
                if transitive {
                    let note = FlowNote::TransitiveTagCarries { key: tag.key.clone(), value: tag.value.clone() };
                    carried_over.push(carried("transitiveTag", key, value, note));
                } else {
                    let note = FlowNote::SessionTagStays { key: tag.key.clone(), value: tag.value.clone() };
                    dropped.push(carried("sessionTag", key, value, note));
                }
            }
            if let Some(source_identity) = &previous.source_identity {
                let note = FlowNote::SourceIdentityCarries { value: source_identity.clone() };
                carried_over.push(carried("sourceIdentity", None, Some(source_identity.clone()), note));
            }
            let note = FlowNote::MfaCarries { mfa: previous.mfa };
            carried_over.push(carried("mfa", None, Some(previous.mfa.to_string()), note));
            let note = FlowNote::PowersStay { role: previous.role.name.name.clone() };
            dropped.push(carried("permissions", None, Some(previous.role.name.arn.clone()), note));
            if previous.session_policy.is_some() {
                dropped.push(carried("sessionPolicy", None, None, FlowNote::SessionPolicyStays));
            }
            let note = FlowNote::ChainingCapsDuration;
            dropped.push(carried("duration", None, Some(sts::CHAINING_LIMIT.to_string()), note));
        }
        None => {
            let who = caller.arn().to_string();
            let note = if console && hop > 1 {
                FlowNote::SwitchStartsFromUser { user: who.clone() }
            } else {
                FlowNote::ActsWithRolePowers { wearer: who.clone() }
            };
            dropped.push(carried("permissions", None, Some(who), note));
        }
    }
    if let Some(session) = session {
        for key in &params.transitive_tag_keys {
            if let Some(value) = session.tags.get(key) {
                let note = FlowNote::MarkedTransitive { key: key.clone() };
                carried_over.push(carried("transitiveTag", Some(key.clone()), Some(value.to_string()), note));
            }
        }
    }
    let (carried_over, carried_notes) = carried_over.into_iter().unzip();
    let (dropped, dropped_notes) = dropped.into_iter().unzip();
    play.chain.push(ChainHop {
        hop,
        caller: caller.arn().to_string(),
        role: role.name.arn.clone(),
        succeeded: info.is_some(),
        session: info,
        carried: carried_over,
        dropped,
    });
    play.facts.chain.push(HopFacts { carried: carried_notes, dropped: dropped_notes });
}

/// The context key of a federated caller's subject: `PROVIDER:sub`, `SAML:sub` for SAML.
fn subject_key(caller: &Caller) -> String {
    match &caller.kind {
        CallerKind::Federated(claims) => claims
            .iter()
            .map(|(key, _)| key)
            .find(|key| key.rsplit(':').next() == Some("sub"))
            .cloned()
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// How long a new token (SAML: assertion) lasts in a fix, in seconds: five minutes, about what
/// an identity provider issues for a call made at once.
const NEW_TOKEN_LIFETIME: i64 = 300;

/// A change that fixes a token STS refused before any policy (`sts::check_token`), in AWS's
/// terms (`call`: the call's JSON pointer); the fixer keeps it only if the replay passes:
/// - expired: a new token from the identity provider, expiring after the world's `now`
///   ("AssumeRoleWithWebIdentity" / "AssumeRoleWithSAML", STS API reference, Errors:
///   ExpiredToken, "Get a new identity token from the identity provider and then retry");
/// - an `aud` none of the OIDC provider's client IDs: the audience added to them
///   ("AddClientIDToOpenIDConnectProvider", IAM API reference; "Create an OpenID Connect (OIDC)
///   identity provider in IAM": client IDs, also known as audiences) — unless the trust policy
///   expects one of them ([`expected_audience`]), when the token is asked for it instead;
/// - a provider the role's account lacks: the IAM identity provider created there ("Create an
///   OpenID Connect (OIDC) identity provider in IAM", "Create a SAML identity provider in IAM"),
///   an OIDC one listing the token's `aud`.
fn token_fix(
    play: &Play,
    caller: &Caller,
    role: &ParsedRole,
    reason: &RefusalReason,
    call: &str,
) -> Option<(RequestChange, ChangeNote)> {
    let saml = caller.principal.kind == PrincipalKind::SamlUser;
    let audience = caller
        .token_claims()
        .and_then(|claims| claims.iter().find(|(key, _)| key.ends_with(":aud")))
        .and_then(|(_, values)| values.first().cloned());
    let request = |pointer: String, parameter: &str, before: Value, after: Value| RequestChange {
        pointer,
        parameter: parameter.to_string(),
        before: Some(before),
        after,
        description: Text::default(),
    };
    match reason {
        RefusalReason::TokenExpired { expires } => {
            let renewed = play.now.plus(NEW_TOKEN_LIFETIME).iso();
            let parameter = if saml { "SAMLAssertion" } else { "WebIdentityToken" };
            let before = Value::String(expires.clone());
            let change = request(format!("{call}/expires"), parameter, before, Value::String(renewed.clone()));
            Some((change, ChangeNote::NewToken { expires: renewed, saml }))
        }
        RefusalReason::AudienceNotAccepted { .. } => {
            let client_id = audience?;
            let suffix = format!(":{}:oidc-provider/{}", role.name.account, caller.principal.name);
            let providers = play.parsed.identity_providers.as_ref()?;
            let index = providers.iter().position(|p| p.arn.ends_with(&suffix))?;
            let provider = providers.get(index)?.clone();
            let mut after = provider.client_ids.clone();
            after.push(client_id.clone());
            let change = request(
                format!("/identityProviders/{index}/clientIds"),
                "ClientIDList",
                Value::from(provider.client_ids.clone()),
                Value::from(after),
            );
            let note = ChangeNote::AddClientId { provider: provider.arn, client_id, listed: provider.client_ids };
            Some((change, note))
        }
        RefusalReason::ProviderNotFound { provider, account } => {
            let kind = if saml { "saml" } else { "oidc" };
            let arn = format!("arn:aws:iam::{account}:{kind}-provider/{provider}");
            let client_id = audience.filter(|_| !saml);
            let before = serde_json::to_value(play.parsed.identity_providers.clone().unwrap_or_default()).ok()?;
            let mut after = before.as_array()?.clone();
            after.push(match &client_id {
                Some(id) => json!({"arn": arn, "clientIds": [id]}),
                None => json!({"arn": arn}),
            });
            let parameter = if saml { "SAMLProviderList" } else { "OpenIDConnectProviderList" };
            let change = request("/identityProviders".into(), parameter, before, Value::Array(after));
            let note = ChangeNote::CreateProvider { provider: arn, saml, client_id };
            Some((change, note))
        }
        _ => None,
    }
}

/// The client ID of the caller's OIDC provider (in the role's account) that the role's trust
/// policy expects in `PROVIDER:aud`, if a condition names one: a token refused for its audience
/// should then be asked for that audience, not the provider given another client ID.
fn expected_audience(play: &Play, caller: &Caller, role: &ParsedRole) -> Option<String> {
    let suffix = format!(":{}:oidc-provider/{}", role.name.account, caller.principal.name);
    let providers = play.parsed.identity_providers.as_ref()?;
    let provider = providers.iter().find(|p| p.arn.ends_with(&suffix))?;
    let key = format!("{}:aud", caller.principal.name);
    let trust = role.trust.as_ref()?.policy.as_ref()?;
    trust
        .statements
        .iter()
        .flat_map(|statement| &statement.conditions)
        .filter(|clause| clause.key.value.eq_ignore_ascii_case(&key))
        .flat_map(|clause| &clause.values)
        .map(|value| &value.value)
        .find(|value| provider.client_ids.contains(value))
        .cloned()
}
