//! The AssumeRole flow — "put on the mask": STS checks the call's parameters, then both sides
//! (the caller's identity side and the role's trust policy, shown as two panels), then
//! `sts:TagSession` and `sts:SetSourceIdentity` when the call carries tags or a source identity;
//! it issues a session; the session acts with the mask's powers; and a chain of hops carries
//! transitive tags and the source identity from one session to the next.
//!
//! Rules from the STS "AssumeRole" API reference (DurationSeconds from 900 to the role's maximum;
//! role chaining caps it at one hour and asking for more fails), "Pass session tags in AWS STS"
//! (a chained call may not override an inherited transitive tag), "Monitor and control actions
//! taken with assumed roles" (a source identity, once set, cannot change), and the seed article
//! on console switch role (the session name is the user name; switching never chains).

use super::caller::{Caller, CallerKind, SessionState};
use super::cloudtrail::{self, Outcome, Record};
use super::fix::{Grant, RequestChange, StepMeta, TrustGrant};
use super::play::{evaluated_step, skipped_step, Evaluation, Play};
use super::policies::{parse_action_policy, PolicyLocation, ResolvedRole};
use super::result::{Panel, PanelPolicy, PanelSide, PanelVerdict, Step, StepDecision, StepKind, Text};
use super::session::{act_as_session, session_arn, Carried, ChainHop, SessionInfo};
use super::world::{AssumeRoleParams, FlowAction, Tags};
use crate::context::RequestContext;
use crate::evaluate::{PolicyResult, Request, Rule};
use crate::policy::PolicyKind;
use serde_json::{json, Value};

/// The longest session role chaining allows, in seconds.
pub const CHAINING_LIMIT: i64 = 3600;
/// The shortest session STS issues, in seconds.
pub const MIN_DURATION: i64 = 900;
/// What the console says when switching role fails.
pub const CONSOLE_SWITCH_FAILURE: &str =
    "Invalid information in one or more fields. Check your information or contact your administrator.";

/// Play an AssumeRole flow: the first call, the chain, and the actions of the last session.
pub fn play_assume_role(play: &mut Play, action: &FlowAction) {
    let Some(first) = &action.assume_role else {
        return;
    };
    let first_caller_arn = first.caller.clone().unwrap_or_default();
    let original = match Caller::resolve(&first_caller_arn, &play.resolved) {
        Ok(caller) => caller,
        Err(error) => {
            play.problem("invalid-caller", error, Some("/action/assumeRole/caller".into()));
            return;
        }
    };
    if matches!(original.kind, CallerKind::Unknown) {
        play.warn(
            "unknown-caller",
            Text::new(
                format!("`{}` is not in the world: its side has no policies", original.arn()),
                format!("`{}` はワールドにいないため、呼び出し元側のポリシーがありません", original.arn()),
            ),
            None,
            Some("/action/assumeRole/caller".into()),
        );
    }
    let console = first.via_console_switch_role;
    let mut hops: Vec<(usize, &AssumeRoleParams, String)> = vec![(1, first, "/action/assumeRole".to_string())];
    hops.extend(action.chain.iter().enumerate().map(|(i, p)| (i + 2, p, format!("/action/chain/{i}"))));
    let mut current: Option<SessionState> = None;
    let mut failed_at: Option<String> = None;
    for (hop, params, pointer) in hops {
        if let Some(failed) = &failed_at {
            let title = hop_title(hop, &params.role);
            let mut step = skipped_step(format!("hop{hop}.assumeRole"), StepKind::AssumeRole, title, failed);
            step.hop = Some(hop);
            play.push(step, StepMeta::default());
            for (index, then) in params.then.iter().enumerate() {
                let title = Text::new(format!("`{}`", then.action), format!("`{}`", then.action));
                let mut step = skipped_step(format!("hop{hop}.then.{index}"), StepKind::ActAsSession, title, failed);
                step.hop = Some(hop);
                play.push(step, StepMeta::default());
            }
            continue;
        }
        let caller = match (&params.caller, &current) {
            (Some(arn), _) if hop > 1 => match Caller::resolve(arn, &play.resolved) {
                Ok(caller) => caller,
                Err(error) => {
                    play.problem("invalid-caller", error, Some(format!("{pointer}/caller")));
                    return;
                }
            },
            // Console switch role never chains: every switch starts again from the IAM user.
            (_, Some(_)) if console => original.clone(),
            (_, Some(session)) => match Caller::from_session(session.clone()) {
                Ok(caller) => caller,
                Err(error) => {
                    play.problem("invalid-caller", error, Some(format!("{pointer}/caller")));
                    return;
                }
            },
            _ => original.clone(),
        };
        let mut caller = caller;
        caller.console = console && caller.is_user();
        match assume(play, hop, params, &caller, console, &pointer) {
            Some(session) => {
                let mask = Caller::from_session(session.clone()).ok();
                if let Some(mask) = &mask {
                    act_as_session(
                        play,
                        mask,
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
    let last_hop = action.chain.len() + 1;
    match (&failed_at, &current) {
        (None, Some(session)) => {
            if let Ok(mask) = Caller::from_session(session.clone()) {
                act_as_session(play, &mask, Some(&original), &action.then, "then", "/action/then", Some(last_hop));
            }
        }
        (failed, _) => {
            let failed = failed.clone().unwrap_or_else(|| "hop1.assumeRole".into());
            for (index, then) in action.then.iter().enumerate() {
                let title = Text::new(format!("`{}`", then.action), format!("`{}`", then.action));
                play.push(
                    skipped_step(format!("then.{index}"), StepKind::ActAsSession, title, &failed),
                    StepMeta::default(),
                );
            }
        }
    }
}

fn hop_title(hop: usize, role: &str) -> Text {
    Text::new(
        format!("Hop {hop}: `sts:AssumeRole` on `{role}`"),
        format!("ホップ {hop}: `{role}` に対する `sts:AssumeRole`"),
    )
}

/// A refused call: what AWS answers, and the parameter change that would avoid it.
struct Refusal {
    code: Option<&'static str>,
    message: String,
    why: Text,
    change: Option<(String, Value, Value)>,
}

fn refuse(code: Option<&'static str>, message: String, why: Text) -> Box<Refusal> {
    Box::new(Refusal { code, message, why, change: None })
}

fn valid_chars(text: &str, extra: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

fn constraint(value: &str, field: &str, rule: &str) -> String {
    format!("1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {rule}")
}

/// The session name and duration of a valid call.
struct Valid {
    session_name: String,
    duration: i64,
}

fn validate(
    caller: &Caller,
    role: &ResolvedRole,
    params: &AssumeRoleParams,
    console: bool,
) -> Result<Valid, Box<Refusal>> {
    let chained = !console && caller.session().is_some();
    if console && !caller.is_user() {
        return Err(refuse(
            None,
            "switch role in the console starts from an IAM user".into(),
            Text::new(
                "Switching role in the console starts from the IAM user you signed in as; Omen plays it for IAM users.",
                "コンソールのスイッチロールはサインインした IAM ユーザーから始まります。Omen では IAM ユーザーについて再現します。",
            ),
        ));
    }
    let session_name = if console {
        caller.principal.name.clone()
    } else {
        match (&params.role_session_name, caller.is_service()) {
            (Some(name), _) => name.clone(),
            (None, true) => format!("{}-session", caller.principal.name.split('.').next().unwrap_or("aws")),
            (None, false) => {
                return Err(refuse(
                    Some("ValidationError"),
                    "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null".into(),
                    Text::new("`RoleSessionName` is required: every session is named.", "`RoleSessionName` は必須です。セッションには必ず名前が付きます。"),
                ))
            }
        }
    };
    if !(2..=64).contains(&session_name.chars().count()) || !valid_chars(&session_name, "_+=,.@-") {
        return Err(refuse(
            Some("ValidationError"),
            constraint(
                &session_name,
                "roleSessionName",
                "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length from 2 to 64",
            ),
            Text::new(
                "A session name has 2 to 64 letters, digits and `_+=,.@-`.",
                "セッション名は 2〜64 文字の英数字と `_+=,.@-` です。",
            ),
        ));
    }
    let duration = if console { CHAINING_LIMIT } else { params.duration_seconds.unwrap_or(CHAINING_LIMIT) };
    let cap = if chained { CHAINING_LIMIT.min(role.max_session_duration) } else { role.max_session_duration };
    let duration_change = |to: i64| Some(("DurationSeconds".to_string(), json!(duration), json!(to)));
    // DurationSeconds outside AWS's 900..=43200: refused, with the nearest valid value as the fix.
    let out_of_range = |rule: &str, why: Text, to: i64| {
        let mut refusal =
            refuse(Some("ValidationError"), constraint(&duration.to_string(), "durationSeconds", rule), why);
        refusal.change = duration_change(to);
        Err(refusal)
    };
    if duration < MIN_DURATION {
        return out_of_range(
            "Member must have value greater than or equal to 900",
            Text::new("A session lasts at least 900 seconds.", "セッションは最低 900 秒です。"),
            MIN_DURATION,
        );
    }
    if duration > 43_200 {
        return out_of_range(
            "Member must have value less than or equal to 43200",
            Text::new("A session lasts at most 12 hours.", "セッションは最長 12 時間です。"),
            cap,
        );
    }
    if chained && duration > CHAINING_LIMIT {
        let mut refusal = refuse(
            Some("ValidationError"),
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.".into(),
            Text::new(
                format!("The caller is itself a role session, so this is role chaining: the new session is capped at one hour, whatever the role's maximum ({} s) — and asking for more ({duration} s) fails rather than being shortened. [IAM roles terms and concepts]", role.max_session_duration),
                format!("呼び出し元自体がロールのセッションなので、これはロールの連鎖です。新しいセッションはロールの最大値 ({} 秒) に関係なく 1 時間が上限で、それ以上 ({duration} 秒) を求めると短縮されるのではなく失敗します。[IAM ロールの用語と概念]", role.max_session_duration),
            ),
        );
        refusal.change = duration_change(CHAINING_LIMIT);
        return Err(refusal);
    }
    if duration > role.max_session_duration {
        let mut refusal = refuse(
            Some("ValidationError"),
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.".into(),
            Text::new(
                format!(
                    "The role allows sessions of at most {} seconds; {duration} were asked for. [AssumeRole]",
                    role.max_session_duration
                ),
                format!(
                    "このロールのセッションは最長 {} 秒ですが、{duration} 秒が要求されました。[AssumeRole]",
                    role.max_session_duration
                ),
            ),
        );
        refusal.change = duration_change(role.max_session_duration);
        return Err(refusal);
    }
    if let Some(external_id) = &params.external_id {
        if !(2..=1224).contains(&external_id.chars().count()) || !valid_chars(external_id, "_+=,.@:/-") {
            return Err(refuse(
                Some("ValidationError"),
                constraint(
                    external_id,
                    "externalId",
                    "Member must satisfy regular expression pattern: [\\w+=,.@:/-]* and have length from 2 to 1224",
                ),
                Text::new(
                    "An external ID has 2 to 1224 letters, digits and `_+=,.@:/-`.",
                    "外部 ID は 2〜1224 文字の英数字と `_+=,.@:/-` です。",
                ),
            ));
        }
    }
    if let Some(source_identity) = &params.source_identity {
        if !(2..=64).contains(&source_identity.chars().count()) || !valid_chars(source_identity, "_+=,.@-") {
            return Err(refuse(
                Some("ValidationError"),
                constraint(
                    source_identity,
                    "sourceIdentity",
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length from 2 to 64",
                ),
                Text::new(
                    "A source identity has 2 to 64 letters, digits and `_+=,.@-`, and cannot start with `aws:`.",
                    "ソース ID は 2〜64 文字の英数字と `_+=,.@-` で、`aws:` で始められません。",
                ),
            ));
        }
    }
    if let (Some(inherited), Some(asked)) =
        (caller.session().and_then(|s| s.source_identity.clone()), &params.source_identity)
    {
        if &inherited != asked {
            let mut refusal = refuse(
                Some("AccessDenied"),
                format!("the calling session's source identity is `{inherited}`; it cannot be changed to `{asked}`"),
                Text::new(
                    format!("The calling session already has the source identity `{inherited}`. Once set, a source identity cannot be changed: it follows the chain so that CloudTrail can always name who started it. [Monitor and control actions taken with assumed roles]"),
                    format!("呼び出し元のセッションにはすでにソース ID `{inherited}` があります。一度設定したソース ID は変更できず、CloudTrail が常に最初の人物を示せるよう連鎖に付いていきます。[引き受けたロールで実行されるアクションのモニタリングと制御]"),
                ),
            );
            refusal.change = Some(("SourceIdentity".into(), json!(asked), json!(inherited)));
            return Err(refusal);
        }
    }
    if params.tags.0.len() > 50 {
        return Err(refuse(
            Some("ValidationError"),
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50".into(),
            Text::new("A call passes at most 50 session tags.", "セッションタグは 1 回の呼び出しで最大 50 個です。"),
        ));
    }
    // "Tag" (STS API reference): a key of 1–128 characters from `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, a value
    // of at most 256 characters.
    for tag in &params.tags.0 {
        let key_length = tag.key.chars().count();
        let key_characters_ok = tag.key.chars().all(|c| {
            c.is_alphanumeric() || c.is_whitespace() || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
        });
        if !(1..=128).contains(&key_length) || !key_characters_ok {
            return Err(refuse(
                Some("ValidationError"),
                format!("1 validation error detected: Value '{}' at 'tags.member.key' failed to satisfy constraint: Member must have length less than or equal to 128 and satisfy regular expression pattern: [\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]+", tag.key),
                Text::new(
                    format!("The session tag key `{}` is not valid: keys have 1 to 128 letters, digits, spaces or `_ . : / = + - @`.", tag.key),
                    format!("セッションタグのキー `{}` は無効です。キーは 1〜128 文字の英数字・空白・`_ . : / = + - @` です。", tag.key),
                ),
            ));
        }
        if tag.value.chars().count() > 256 {
            return Err(refuse(
                Some("ValidationError"),
                format!("1 validation error detected: Value at 'tags.member.value' of the tag `{}` failed to satisfy constraint: Member must have length less than or equal to 256", tag.key),
                Text::new(
                    format!("The value of the session tag `{}` is longer than 256 characters.", tag.key),
                    format!("セッションタグ `{}` の値が 256 文字を超えています。", tag.key),
                ),
            ));
        }
    }
    // "AssumeRole" (STS API reference), `Policy`: the plaintext of an inline session policy can't
    // exceed 2,048 characters.
    if let Some(policy) = &params.session_policy {
        let length = policy.as_str().chars().filter(|c| !c.is_whitespace()).count();
        if length > 2_048 {
            return Err(refuse(
                Some("ValidationError"),
                format!("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048 (the session policy has {length} characters without whitespace)"),
                Text::new(
                    format!("The inline session policy is {length} characters (whitespace not counted); AssumeRole accepts at most 2,048."),
                    format!("インラインのセッションポリシーが {length} 文字 (空白を除く) あります。AssumeRole が受け付けるのは 2,048 文字までです。"),
                ),
            ));
        }
    }
    if let Some(session) = caller.session() {
        let clash = params
            .tags
            .0
            .iter()
            .find(|tag| session.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key)));
        if let Some(tag) = clash {
            return Err(refuse(
                None,
                format!("the session tag `{}` has the key of a transitive tag inherited from the calling session; AWS does not let a chained call override it", tag.key),
                Text::new(
                    format!("`{}` is a transitive tag of the calling session: it carries into this session, and passing a tag with the same key makes the call fail. [AssumeRole: Tags]", tag.key),
                    format!("`{}` は呼び出し元セッションの推移的タグで、このセッションに引き継がれます。同じキーのタグを渡すと呼び出しは失敗します。[AssumeRole: Tags]", tag.key),
                ),
            ));
        }
    }
    if let Some(mfa) = &params.mfa {
        if mfa.token_code.len() != 6 || !mfa.token_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refuse(
                Some("ValidationError"),
                constraint(
                    &mfa.token_code,
                    "tokenCode",
                    "Member must satisfy regular expression pattern: [\\d]* and have length 6",
                ),
                Text::new(
                    "`TokenCode` is the six digits the MFA device shows.",
                    "`TokenCode` は MFA デバイスに表示される 6 桁の数字です。",
                ),
            ));
        }
        let expected = format!("arn:aws:iam::{}:mfa/", caller.account().unwrap_or_default());
        if !mfa.serial_number.starts_with(&expected) {
            return Err(refuse(
                Some("AccessDenied"),
                "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.".into(),
                Text::new(
                    format!("`SerialNumber` must be an MFA device of the caller's own account (`{expected}…`)."),
                    format!("`SerialNumber` は呼び出し元アカウントの MFA デバイス (`{expected}…`) である必要があります。"),
                ),
            ));
        }
    }
    Ok(Valid { session_name, duration })
}

/// The context of the AssumeRole request.
fn assume_context(play: &Play, caller: &Caller, params: &AssumeRoleParams, session_name: &str) -> RequestContext {
    let mut context = caller.context(&play.resolved, play.now);
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

/// One hop: validate, evaluate both sides, tags and source identity, and issue the session.
fn assume(
    play: &mut Play,
    hop: usize,
    params: &AssumeRoleParams,
    caller: &Caller,
    console: bool,
    pointer: &str,
) -> Option<SessionState> {
    let id = format!("hop{hop}.assumeRole");
    let title = if console {
        Text::new(
            format!("Hop {hop}: switch role to `{}` in the console", params.role),
            format!("ホップ {hop}: コンソールで `{}` にスイッチロール", params.role),
        )
    } else {
        hop_title(hop, &params.role)
    };
    let Some(role) = play.resolved.role(&params.role).cloned() else {
        play.problem(
            "unknown-role",
            format!("the role `{}` is not in the world", params.role),
            Some(format!("{pointer}/role")),
        );
        let mut step = Step::new(&id, StepKind::AssumeRole, title, StepDecision::Failed);
        step.hop = Some(hop);
        step.say(Text::new(
            format!("The role `{}` is not in the world. AWS answers AccessDenied whether a role is missing or forbidden, so that callers cannot probe which roles exist.", params.role),
            format!("ロール `{}` はワールドにありません。AWS はロールが存在しない場合も禁止の場合も AccessDenied を返し、どのロールが存在するかを探れないようにしています。", params.role),
        ));
        let message =
            format!("User: {} is not authorized to perform: sts:AssumeRole on resource: {}", caller.arn(), params.role);
        step.error_code = Some("AccessDenied".into());
        step.error_message = Some(message.clone());
        play.push(step, StepMeta::default());
        record_hop(
            play,
            hop,
            caller,
            &params.role,
            &role_account_of(&params.role),
            params,
            None,
            Some(("AccessDenied".into(), message)),
            console,
        );
        return None;
    };
    let chained = !console && caller.session().is_some();
    let call_pointer = pointer.to_string();
    let valid = match validate(caller, &role, params, console) {
        Ok(valid) => valid,
        Err(refusal) => {
            let mut step = Step::new(&id, StepKind::AssumeRole, title, StepDecision::Failed);
            step.hop = Some(hop);
            step.say(Text::new(
                "STS checks the call's parameters before any policy, and this call does not pass.",
                "STS はポリシーより先に呼び出しのパラメータを確認し、この呼び出しはそこで失敗します。",
            ));
            step.say(refusal.why.clone());
            step.error_code = refusal.code.map(str::to_string);
            step.error_message = Some(refusal.message.clone());
            let request_change = refusal.change.map(|(parameter, before, after)| {
                let field = if parameter == "DurationSeconds" { "durationSeconds" } else { "sourceIdentity" };
                RequestChange {
                    pointer: format!("{call_pointer}/{field}"),
                    description: Text::new(
                        format!("Call with `{parameter}` = {after} instead of {before}."),
                        format!("`{parameter}` を {before} ではなく {after} にして呼び出します。"),
                    ),
                    parameter,
                    before: Some(before),
                    after,
                }
            });
            play.push(step, StepMeta { request_change, ..StepMeta::default() });
            let failure = (refusal.code.unwrap_or("ValidationError").to_string(), refusal.message);
            record_hop(play, hop, caller, &role.name.arn, &role.name.account, params, None, Some(failure), console);
            return None;
        }
    };
    let context = assume_context(play, caller, params, &valid.session_name);
    let request = Request::new(
        caller.principal.clone(),
        "sts:AssumeRole",
        role.name.arn.clone(),
        Some(role.name.account.clone()),
        context.clone(),
    );
    let mut builder = caller.policies(&play.resolved);
    builder.resource(role.trust.as_ref(), &role.name.arn);
    builder.rcps(play.resolved.account(&role.name.account));
    let evaluation = Evaluation::run(request, builder.clone());
    let cross_account = caller.account().is_some_and(|a| a != role.name.account);
    let intro = assume_intro(caller, &role, &valid, chained, console, cross_account);
    let mut step = evaluated_step(&id, StepKind::AssumeRole, title, intro, &evaluation);
    step.hop = Some(hop);
    step.panels = panels(&evaluation, caller, &role);
    for panel in &step.panels {
        step.explanation_en.push(panel.summary.en.clone());
        step.explanation_ja.push(panel.summary.ja.clone());
    }
    step.say_if_untrusted(role.trust.is_some());
    let allowed = !step.decision.is_failure();
    if !allowed {
        step.error_code = Some("AccessDenied".into());
        step.error_message = if console { Some(CONSOLE_SWITCH_FAILURE.into()) } else { evaluation.access_denied() };
        step.decoded_message = Some(evaluation.decoded_message());
    }
    let grantee = caller.grantee(&play.resolved);
    let meta = StepMeta {
        grant: Some(Grant::exact(grantee, "sts:AssumeRole", &role.name.arn, Vec::new())),
        trust: role.index.zip(caller.trust_principal()).map(|(index, principal)| TrustGrant {
            role: index,
            principal,
            action: "sts:AssumeRole".into(),
        }),
        evaluation: Some(evaluation),
        call_pointer: (!console).then(|| call_pointer.clone()),
        caller_name: caller.account().map(|a| (a.to_string(), caller.principal.name.clone())),
        ..StepMeta::default()
    };
    play.push(step, meta);

    let mut extra_ok = true;
    let inherited_source_identity = caller.session().and_then(|s| s.source_identity.clone());
    if !params.tags.is_empty() {
        extra_ok &= permission_step(play, hop, "tagSession", "sts:TagSession", caller, &role, &context, &call_pointer);
    }
    if params.source_identity.is_some() || inherited_source_identity.is_some() {
        extra_ok &= permission_step(
            play,
            hop,
            "setSourceIdentity",
            "sts:SetSourceIdentity",
            caller,
            &role,
            &context,
            &call_pointer,
        );
    }
    let succeeded = allowed && extra_ok;
    let session = succeeded.then(|| issue(play, caller, &role, params, &valid, chained, hop));
    let session_info = session.as_ref().map(|s| SessionInfo::of(s, principal_tags(play, s), valid.duration, console));
    let failure = (!succeeded).then(|| {
        let step = play.steps.iter().rev().find(|s| s.hop == Some(hop) && s.decision.is_failure());
        (
            step.and_then(|s| s.error_code.clone()).unwrap_or_else(|| "AccessDenied".into()),
            step.and_then(|s| s.error_message.clone()).unwrap_or_default(),
        )
    });
    record_hop(play, hop, caller, &role.name.arn, &role.name.account, params, session_info.as_ref(), failure, console);
    chain_entry(play, hop, caller, &role, session.as_ref(), session_info.clone(), params, console);
    if let Some(info) = session_info {
        play.session = Some(info);
    }
    session
}

fn role_account_of(arn: &str) -> String {
    crate::evaluate::account_of_arn(arn).unwrap_or_default()
}

fn assume_intro(
    caller: &Caller,
    role: &ResolvedRole,
    valid: &Valid,
    chained: bool,
    console: bool,
    cross_account: bool,
) -> Text {
    let mut en = format!(
        "{} asks STS to put on the mask `{}` (`sts:AssumeRole`), as session `{}` for {} seconds.",
        caller.describe_en(),
        role.name.arn,
        valid.session_name,
        valid.duration
    );
    let mut ja = format!(
        "{} が STS にお面 `{}` をかぶらせるよう求めます (`sts:AssumeRole`)。セッション名 `{}`、{} 秒間。",
        caller.describe_ja(),
        role.name.arn,
        valid.session_name,
        valid.duration
    );
    if console {
        en.push_str(" This is switch role in the console: an AssumeRole whose session name is the user's name; each switch starts again from the IAM user, so it never chains.");
        ja.push_str("これはコンソールのスイッチロールで、セッション名がユーザー名になる AssumeRole です。スイッチは毎回 IAM ユーザーからやり直すため、連鎖しません。");
    } else if chained {
        en.push_str(" The caller already wears a mask: this is role chaining. The new mask replaces the old one — the powers do not add up — and the session lasts at most one hour.");
        ja.push_str("呼び出し元はすでにお面をかぶっています。これはロールの連鎖で、新しいお面は古いお面と置き換わり (力は足し算されません)、セッションは最長 1 時間です。");
    }
    if cross_account {
        en.push_str(
            " The role is in another account: both the caller's account and the role's trust policy must allow.",
        );
        ja.push_str(
            "ロールは別アカウントにあるため、呼び出し元アカウント側とロールの信頼ポリシー側の両方で許可が必要です。",
        );
    }
    Text::new(en, ja)
}

/// The caller's side and the trust side of an AssumeRole, from the evaluator's response.
fn panels(evaluation: &Evaluation, caller: &Caller, role: &ResolvedRole) -> Vec<Panel> {
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
    let caller_account = caller.account().unwrap_or("—").to_string();
    let verdict_en = |v: PanelVerdict| match v {
        PanelVerdict::Allows => "allows",
        PanelVerdict::Denies => "denies explicitly",
        PanelVerdict::DoesNotAllow => "does not allow",
        PanelVerdict::NotConsulted => "is not consulted",
    };
    let verdict_ja = |v: PanelVerdict| match v {
        PanelVerdict::Allows => "許可しています",
        PanelVerdict::Denies => "明示的に拒否しています",
        PanelVerdict::DoesNotAllow => "許可していません",
        PanelVerdict::NotConsulted => "評価されません",
    };
    let (need_en, need_ja) = if caller.is_service() {
        (
            "a service has no identity-based policies; only the trust policy decides",
            "サービスにはアイデンティティベースのポリシーがなく、判断は信頼ポリシーだけです",
        )
    } else if cross_account {
        (
            "needed: the role is in another account, so the caller's own account must allow sts:AssumeRole too",
            "必要: ロールが別アカウントにあるため、呼び出し元のアカウント側でも sts:AssumeRole の許可が必要です",
        )
    } else if names_caller {
        (
            "not needed here: in the same account, a trust policy that names the caller itself is enough",
            "ここでは不要: 同じアカウントで信頼ポリシーが呼び出し元そのものを指定していれば十分です",
        )
    } else if names_role {
        (
            "identity-based policies are not needed here: the trust policy names the caller's role ARN, though its permissions boundary and session policy still limit it",
            "ここではアイデンティティベースのポリシーは不要: 信頼ポリシーが呼び出し元のロール ARN を指定しています (ただしアクセス許可の境界とセッションポリシーの制限は残ります)",
        )
    } else if delegates {
        (
            "needed: the trust policy names the account, which hands the decision to the caller's own policies",
            "必要: 信頼ポリシーはアカウントを指定しており、判断を呼び出し元自身のポリシーに委ねています",
        )
    } else {
        (
            "not decisive: until the trust policy allows the caller, no identity-based policy can help",
            "決め手になりません: 信頼ポリシーが呼び出し元を許可するまでは、アイデンティティベースのポリシーでは足りません",
        )
    };
    vec![
        Panel {
            side: PanelSide::Caller,
            account: caller_account.clone(),
            needed: caller_needed,
            verdict: caller_verdict,
            policies: caller_policies,
            summary: Text::new(
                format!("Caller's side (account {caller_account}): {} — {need_en}.", verdict_en(caller_verdict)),
                format!("呼び出し元側 (アカウント {caller_account}): {} — {need_ja}。", verdict_ja(caller_verdict)),
            ),
        },
        Panel {
            side: PanelSide::Trust,
            account: role.name.account.clone(),
            needed: true,
            verdict: trust_verdict,
            policies: trust_policies,
            summary: Text::new(
                format!(
                    "Trust side (account {}): the trust policy of `{}` {} — it must always allow, it decides who may wear the mask.",
                    role.name.account,
                    role.name.name,
                    verdict_en(trust_verdict)
                ),
                format!(
                    "信頼側 (アカウント {}): `{}` の信頼ポリシーは{} — 誰がお面をかぶれるかを決めるのはここで、常に許可が必要です。",
                    role.name.account,
                    role.name.name,
                    verdict_ja(trust_verdict)
                ),
            ),
        },
    ]
}

/// `sts:TagSession` or `sts:SetSourceIdentity` for the same call. Returns whether it is allowed.
#[allow(clippy::too_many_arguments)]
fn permission_step(
    play: &mut Play,
    hop: usize,
    suffix: &str,
    action: &str,
    caller: &Caller,
    role: &ResolvedRole,
    context: &RequestContext,
    call_pointer: &str,
) -> bool {
    let request = Request::new(
        caller.principal.clone(),
        action,
        role.name.arn.clone(),
        Some(role.name.account.clone()),
        context.clone(),
    );
    let mut builder = caller.policies(&play.resolved);
    builder.resource(role.trust.as_ref(), &role.name.arn);
    builder.rcps(play.resolved.account(&role.name.account));
    let evaluation = Evaluation::run(request, builder);
    let (title, intro) = if action == "sts:TagSession" {
        (
            Text::new(format!("Hop {hop}: `sts:TagSession`"), format!("ホップ {hop}: `sts:TagSession`")),
            Text::new(
                "The call passes session tags, so it also needs `sts:TagSession` — in the trust policy, and on the caller's side when that side must allow. [Pass session tags in AWS STS]",
                "呼び出しがセッションタグを渡すため、`sts:TagSession` も必要です — 信頼ポリシーで、また呼び出し元側の許可が必要な場合はそちらでも。[AWS STS でセッションタグを渡す]",
            ),
        )
    } else {
        let inherited = caller.session().and_then(|s| s.source_identity.clone());
        (
            Text::new(format!("Hop {hop}: `sts:SetSourceIdentity`"), format!("ホップ {hop}: `sts:SetSourceIdentity`")),
            match inherited {
                Some(value) => Text::new(
                    format!("The calling session carries the source identity `{value}`, which passes to the new session; Omen follows \"Monitor and control actions taken with assumed roles\" and requires `sts:SetSourceIdentity` in the next role's trust policy for that too."),
                    format!("呼び出し元のセッションはソース ID `{value}` を持ち、新しいセッションに引き継がれます。Omen は「引き受けたロールで実行されるアクションのモニタリングと制御」に従い、その場合も次のロールの信頼ポリシーで `sts:SetSourceIdentity` が必要とします。"),
                ),
                None => Text::new(
                    "The call sets a source identity, so it also needs `sts:SetSourceIdentity` in the trust policy. [Monitor and control actions taken with assumed roles]",
                    "呼び出しがソース ID を設定するため、信頼ポリシーで `sts:SetSourceIdentity` も必要です。[引き受けたロールで実行されるアクションのモニタリングと制御]",
                ),
            },
        )
    };
    let mut step = evaluated_step(
        format!("hop{hop}.{suffix}"),
        if action == "sts:TagSession" { StepKind::TagSession } else { StepKind::SetSourceIdentity },
        title,
        intro,
        &evaluation,
    );
    step.hop = Some(hop);
    let allowed = !step.decision.is_failure();
    if !allowed {
        step.error_code = Some("AccessDenied".into());
        step.error_message = evaluation.access_denied();
        step.decoded_message = Some(evaluation.decoded_message());
    }
    let meta = StepMeta {
        grant: Some(Grant::exact(caller.grantee(&play.resolved), action, &role.name.arn, Vec::new())),
        trust: role.index.zip(caller.trust_principal()).map(|(index, principal)| TrustGrant {
            role: index,
            principal,
            action: action.to_string(),
        }),
        evaluation: Some(evaluation),
        call_pointer: Some(call_pointer.to_string()),
        ..StepMeta::default()
    };
    play.push(step, meta);
    allowed
}

/// The session STS issues.
fn issue(
    play: &mut Play,
    caller: &Caller,
    role: &ResolvedRole,
    params: &AssumeRoleParams,
    valid: &Valid,
    chained: bool,
    hop: usize,
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
    let session_policy = params.session_policy.as_ref().and_then(|text| {
        parse_action_policy(
            PolicyLocation::SessionPolicy { hop: hop - 1 },
            "session policy",
            text,
            PolicyKind::Session,
            &mut play.diagnostics,
        )
    });
    let mfa = params.mfa.is_some() || caller.mfa_present(&play.resolved).unwrap_or(false);
    SessionState {
        role: role.clone(),
        arn: session_arn(&role.name.arn, &role.name.account, &role.name.name, &valid.session_name),
        session_name: valid.session_name.clone(),
        tags,
        transitive_tag_keys: transitive,
        source_identity: params.source_identity.clone().or_else(|| previous.and_then(|p| p.source_identity.clone())),
        mfa,
        session_policy,
        issued: play.now,
        chained,
        origin: previous.map_or_else(|| caller.arn().to_string(), |p| p.origin.clone()),
    }
}

fn principal_tags(play: &Play, session: &SessionState) -> Tags {
    Caller::from_session(session.clone()).map(|c| c.principal_tags(&play.resolved)).unwrap_or_default()
}

/// The CloudTrail records of a hop.
#[allow(clippy::too_many_arguments)]
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
) {
    if console {
        let name = caller.principal.name.clone();
        let role_name = role_arn.rsplit('/').next().unwrap_or_default();
        let session_arn =
            session.map_or_else(|| session_arn(role_arn, role_account, role_name, &name), |s| s.arn.clone());
        play.cloudtrail.push(cloudtrail::switch_role_record(
            &session_arn,
            role_account,
            caller.arn(),
            play.now,
            session.is_some(),
        ));
        return;
    }
    let mut parameters = serde_json::Map::new();
    parameters.insert("roleArn".into(), json!(role_arn));
    parameters.insert(
        "roleSessionName".into(),
        json!(session.map_or_else(|| params.role_session_name.clone().unwrap_or_default(), |s| s.session_name.clone())),
    );
    if let Some(duration) = params.duration_seconds {
        parameters.insert("durationSeconds".into(), json!(duration));
    }
    if let Some(external_id) = &params.external_id {
        parameters.insert("externalId".into(), json!(external_id));
    }
    if let Some(mfa) = &params.mfa {
        parameters.insert("serialNumber".into(), json!(mfa.serial_number));
    }
    if !params.tags.is_empty() {
        let tags: Vec<Value> = params.tags.0.iter().map(|t| json!({"key": t.key, "value": t.value})).collect();
        parameters.insert("tags".into(), Value::Array(tags));
    }
    if !params.transitive_tag_keys.is_empty() {
        parameters.insert("transitiveTagKeys".into(), json!(params.transitive_tag_keys));
    }
    if let Some(source_identity) = &params.source_identity {
        parameters.insert("sourceIdentity".into(), json!(source_identity));
    }
    // A chained call carries the calling session's transitive tags and source identity; CloudTrail
    // shows them in the request ("Logging IAM and AWS STS API calls with AWS CloudTrail", role
    // chaining example).
    if let Some(previous) = caller.session() {
        let incoming: Vec<Value> = previous
            .tags
            .0
            .iter()
            .filter(|tag| previous.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key)))
            .map(|tag| json!({"key": tag.key, "value": tag.value}))
            .collect();
        if !incoming.is_empty() {
            parameters.insert("incomingTransitiveTags".into(), Value::Array(incoming));
        }
        if let (false, Some(source_identity)) =
            (parameters.contains_key("sourceIdentity"), previous.source_identity.as_ref())
        {
            parameters.insert("sourceIdentity".into(), json!(source_identity));
        }
    }
    let outcome = || match (session, &failure) {
        (Some(session), _) => {
            let expiration = play.now.plus(session.duration_seconds);
            Outcome::Success(cloudtrail::assume_role_response(session, expiration))
        }
        (None, Some((code, message))) => Outcome::Failure(code.clone(), message.clone()),
        (None, None) => Outcome::Failure("AccessDenied".into(), String::new()),
    };
    let cross_account = caller.account().is_some_and(|a| a != role_account);
    let shared = cross_account.then(|| cloudtrail::fake_uuid(&format!("{role_arn}#{}#hop{hop}#shared", caller.arn())));
    let basis = format!("{role_arn}#{}#hop{hop}", caller.arn());
    let resources = json!([{"accountId": role_account, "type": "AWS::IAM::Role", "ARN": role_arn}]);
    let recipients: Vec<(String, Value)> = match caller.account() {
        Some(account) if cross_account => vec![
            (account.to_string(), cloudtrail::user_identity(caller, &play.resolved)),
            (role_account.to_string(), cloudtrail::cross_account_identity(caller)),
        ],
        Some(account) => vec![(account.to_string(), cloudtrail::user_identity(caller, &play.resolved))],
        None => vec![(role_account.to_string(), cloudtrail::user_identity(caller, &play.resolved))],
    };
    for (recipient, identity) in recipients {
        let record = cloudtrail::record(Record {
            user_identity: identity,
            caller,
            time: play.now,
            event_source: "sts.amazonaws.com",
            event_name: "AssumeRole",
            region: "us-east-1",
            request_parameters: Value::Object(parameters.clone()),
            outcome: outcome(),
            resources: Some(resources.clone()),
            read_only: true,
            recipient: &recipient,
            shared_event_id: shared.clone(),
            basis: basis.clone(),
        });
        play.cloudtrail.push(record);
    }
}

/// The timeline entry of a hop: what carried over from the calling session and what did not.
#[allow(clippy::too_many_arguments)]
fn chain_entry(
    play: &mut Play,
    hop: usize,
    caller: &Caller,
    role: &ResolvedRole,
    session: Option<&SessionState>,
    info: Option<SessionInfo>,
    params: &AssumeRoleParams,
    console: bool,
) {
    let mut carried = Vec::new();
    let mut dropped = Vec::new();
    match caller.session() {
        Some(previous) => {
            for tag in &previous.tags.0 {
                let transitive = previous.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key));
                let entry = Carried {
                    what: if transitive { "transitiveTag" } else { "sessionTag" },
                    key: Some(tag.key.clone()),
                    value: Some(tag.value.clone()),
                    text: if transitive {
                        Text::new(
                            format!("The transitive session tag `{}` = `{}` carries over.", tag.key, tag.value),
                            format!("推移的セッションタグ `{}` = `{}` は引き継がれます。", tag.key, tag.value),
                        )
                    } else {
                        Text::new(
                            format!(
                                "The session tag `{}` = `{}` is not transitive: it stays behind.",
                                tag.key, tag.value
                            ),
                            format!(
                                "セッションタグ `{}` = `{}` は推移的ではないため引き継がれません。",
                                tag.key, tag.value
                            ),
                        )
                    },
                };
                if transitive {
                    carried.push(entry);
                } else {
                    dropped.push(entry);
                }
            }
            if let Some(source_identity) = &previous.source_identity {
                carried.push(Carried {
                    what: "sourceIdentity",
                    key: None,
                    value: Some(source_identity.clone()),
                    text: Text::new(
                        format!("The source identity `{source_identity}` carries over and can no longer change."),
                        format!("ソース ID `{source_identity}` は引き継がれ、もう変更できません。"),
                    ),
                });
            }
            carried.push(Carried {
                what: "mfa",
                key: None,
                value: Some(previous.mfa.to_string()),
                text: Text::new(
                    format!("The calling session's MFA status (`aws:MultiFactorAuthPresent` = {}) is what this call presents.", previous.mfa),
                    format!("呼び出し元セッションの MFA 状態 (`aws:MultiFactorAuthPresent` = {}) がこの呼び出しに提示されます。", previous.mfa),
                ),
            });
            dropped.push(Carried {
                what: "permissions",
                key: None,
                value: Some(previous.role.name.arn.clone()),
                text: Text::new(
                    format!("The powers of `{}` stay behind: a new mask replaces the old one, the permissions do not add up.", previous.role.name.name),
                    format!("`{}` の力は引き継がれません。新しいお面は古いお面と置き換わり、権限は足し算されません。", previous.role.name.name),
                ),
            });
            if previous.session_policy.is_some() {
                dropped.push(Carried {
                    what: "sessionPolicy",
                    key: None,
                    value: None,
                    text: Text::new(
                        "The previous session policy stays behind.",
                        "前のセッションポリシーは引き継がれません。",
                    ),
                });
            }
            dropped.push(Carried {
                what: "duration",
                key: None,
                value: Some(CHAINING_LIMIT.to_string()),
                text: Text::new(
                    "Role chaining: this session lasts at most one hour, whatever the role's maximum.",
                    "ロールの連鎖: このセッションはロールの最大値に関係なく最長 1 時間です。",
                ),
            });
        }
        None => {
            let who = caller.arn().to_string();
            dropped.push(Carried {
                what: "permissions",
                key: None,
                value: Some(who.clone()),
                text: if console && hop > 1 {
                    Text::new(
                        format!("Switching again starts from the IAM user `{who}`, not from the previous role: console switch role never chains."),
                        format!("再度のスイッチは前のロールからではなく IAM ユーザー `{who}` から始まります。コンソールのスイッチロールは連鎖しません。"),
                    )
                } else {
                    Text::new(
                        format!("While wearing the mask, `{who}` acts with the role's powers, not its own."),
                        format!("お面をかぶっている間、`{who}` は自分の権限ではなくロールの力で動きます。"),
                    )
                },
            });
        }
    }
    if let Some(session) = session {
        for key in &params.transitive_tag_keys {
            if let Some(value) = session.tags.get(key) {
                carried.push(Carried {
                    what: "transitiveTag",
                    key: Some(key.clone()),
                    value: Some(value.to_string()),
                    text: Text::new(
                        format!("`{key}` is marked transitive here: it will carry into the next hop."),
                        format!("`{key}` はここで推移的に指定され、次のホップに引き継がれます。"),
                    ),
                });
            }
        }
    }
    play.chain.push(ChainHop {
        hop,
        caller: caller.arn().to_string(),
        role: role.name.arn.clone(),
        succeeded: info.is_some(),
        session: info,
        carried,
        dropped,
    });
}
