//! The PassRole flow — "call a service API and hand it a role": the caller may call the API; the
//! caller may pass the role (`iam:PassRole` with `iam:PassedToService` and
//! `iam:AssociatedResourceARN`); the service may put the mask on (the trust policy names it);
//! and the blast radius — what the workload can do with the role that the caller cannot.
//!
//! Rules from "Grant a user permissions to pass a role to an AWS service": PassRole is a
//! permission, not an API call, and leaves no CloudTrail record of its own; roles can be passed
//! only within their account; a service-linked role used by default needs no PassRole, one named
//! explicitly does; `ResourceTag` conditions cannot reliably limit PassRole.

use super::caller::{Caller, CallerKind, SessionState, TrustPrincipal};
use super::catalogue::{self, DenialStyle, PassRoleApi, TrustCheck};
use super::cloudtrail::{self, Outcome, Record};
use super::fix::{Grant, StepMeta, TrustGrant};
use super::message;
use super::play::{evaluated_step, skipped_step, Evaluation, Play};
use super::policies::{Located, PolicyLocation, ResolvedRole, SetBuilder};
use super::result::{Step, StepDecision, StepKind, Text};
use super::session::{compare, session_arn};
use super::world::{IdentityName, PassRoleAction, SessionAction, Tags, DEFAULT_REGION};
use crate::context::RequestContext;
use crate::evaluate::Request;
use crate::policy::PolicyKind;
use crate::principal::RequestPrincipal;
use serde_json::{json, Value};

/// The actions tried with the role when the world does not list its own: what an attacker who
/// got hold of the role's credentials would reach for.
pub const DEFAULT_BLAST_RADIUS: [&str; 8] = [
    "iam:CreateUser",
    "iam:AttachUserPolicy",
    "iam:PassRole",
    "s3:ListAllMyBuckets",
    "s3:GetObject",
    "ec2:TerminateInstances",
    "secretsmanager:GetSecretValue",
    "logs:PutLogEvents",
];

/// Everything the steps of one PassRole flow share.
struct Setup {
    api: PassRoleApi,
    caller: Caller,
    region: String,
    account: String,
    name: String,
    role_arn: String,
    role: Option<ResolvedRole>,
    default_service_linked: bool,
}

/// Play a PassRole flow.
pub fn play_pass_role(play: &mut Play, action: &PassRoleAction) {
    let Some(setup) = set_up(play, action) else {
        return;
    };
    let api_step = api_call(play, &setup);
    let mut failed = api_step.then_some("api".to_string());
    let needs_creation = setup.default_service_linked && setup.role.as_ref().is_some_and(|r| r.index.is_none());
    if needs_creation && !create_service_linked_role(play, &setup) && failed.is_none() {
        failed = Some("createServiceLinkedRole".into());
    }
    let cross_account = role_account(&setup.role_arn).is_some_and(|account| account != setup.account);
    let pass_ok = if cross_account {
        refuse_cross_account(play, &setup);
        false
    } else {
        pass_role(play, &setup)
    };
    if !pass_ok && failed.is_none() {
        failed = Some("passRole".into());
    }
    let trusted = if cross_account {
        play.push(
            skipped_step("serviceAssumeRole", StepKind::ServiceAssumeRole, service_title(&setup), "passRole"),
            StepMeta::default(),
        );
        false
    } else {
        service_assumes(play, &setup)
    };
    let call_succeeds = failed.is_none() && (trusted || setup.api.trust_check == TrustCheck::AtRunTime);
    if cross_account {
        play.push(
            skipped_step("blastRadius", StepKind::BlastRadius, blast_title(&setup), "passRole"),
            StepMeta::default(),
        );
    } else {
        blast_radius(play, &setup, action);
    }
    record_call(play, &setup, call_succeeds, trusted);
}

fn role_account(arn: &str) -> Option<String> {
    crate::evaluate::account_of_arn(arn)
}

fn set_up(play: &mut Play, action: &PassRoleAction) -> Option<Setup> {
    let Some(api) = catalogue::find(&action.api, action.parameter.as_deref()) else {
        let known = catalogue::actions().join("`, `");
        let message = match &action.parameter {
            Some(parameter) => {
                format!("`{}` has no role parameter `{parameter}` that Omen knows (known APIs: `{known}`)", action.api)
            }
            None => format!("`{}` is not an API Omen knows to take a role; use one of `{known}`", action.api),
        };
        play.problem("unknown-api", message, Some("/action/passRole/api".into()));
        return None;
    };
    let caller = match Caller::resolve(&action.caller, &play.resolved) {
        Ok(caller) => caller,
        Err(error) => {
            play.problem("invalid-caller", error, Some("/action/passRole/caller".into()));
            return None;
        }
    };
    if matches!(caller.kind, CallerKind::Unknown) {
        play.warn(
            "unknown-caller",
            Text::new(
                format!(
                    "`{}` is not in the world: it has no policies, so every request it makes is implicitly denied",
                    caller.arn()
                ),
                format!(
                    "`{}` はワールドにいないため、ポリシーがなく、すべてのリクエストが暗黙的に拒否されます",
                    caller.arn()
                ),
            ),
            None,
            Some("/action/passRole/caller".into()),
        );
    }
    let account = caller.account().unwrap_or_default().to_string();
    let region = action.region.clone().unwrap_or_else(|| DEFAULT_REGION.to_string());
    let name = action.resource_name.clone().unwrap_or_else(|| api.default_name.to_string());
    let (role_arn, default_service_linked) = match (&action.role, api.default_service_linked_role) {
        (Some(role), _) => (role.clone(), false),
        (None, Some(slr)) => {
            let path = catalogue::service_linked_path(api.service_principal);
            (format!("arn:aws:iam::{account}:role{path}{slr}"), true)
        }
        (None, None) => {
            play.problem(
                "missing-role",
                format!("`{}` needs a role in `{}`", api.action, api.parameter),
                Some("/action/passRole/role".into()),
            );
            return None;
        }
    };
    let mut role = play.resolved.role(&role_arn).cloned();
    if role.is_none() {
        if let Some(supplied) = supplied_service_linked_role(play, &api, &role_arn) {
            play.resolved.roles.push(supplied.clone());
            role = Some(supplied);
        } else if role_account(&role_arn).is_some_and(|a| a == account) {
            play.problem(
                "unknown-role",
                format!("the role `{role_arn}` is not in the world: the service will not find it"),
                Some("/action/passRole/role".into()),
            );
        }
    }
    Some(Setup { api, caller, region, account, name, role_arn, role, default_service_linked })
}

/// The service-linked role AWS creates for a service, when the world does not describe it.
fn supplied_service_linked_role(play: &mut Play, api: &PassRoleApi, role_arn: &str) -> Option<ResolvedRole> {
    let slr = api.default_service_linked_role?;
    let principal = RequestPrincipal::parse(role_arn).ok()?;
    if principal.name != slr {
        return None;
    }
    let trust_text = format!(
        "{{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {{\n            \"Effect\": \"Allow\",\n            \"Principal\": {{\n                \"Service\": \"{}\"\n            }},\n            \"Action\": \"sts:AssumeRole\"\n        }}\n    ]\n}}",
        api.service_principal
    );
    let permissions_text = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Sid\": \"EC2InstanceManagement\",\n            \"Effect\": \"Allow\",\n            \"Action\": [\n                \"ec2:RunInstances\",\n                \"ec2:TerminateInstances\",\n                \"ec2:CreateTags\",\n                \"ec2:Describe*\"\n            ],\n            \"Resource\": \"*\"\n        },\n        {\n            \"Sid\": \"PassRolesToEC2\",\n            \"Effect\": \"Allow\",\n            \"Action\": \"iam:PassRole\",\n            \"Resource\": \"*\",\n            \"Condition\": {\n                \"StringLike\": {\n                    \"iam:PassedToService\": \"ec2.amazonaws.com*\"\n                }\n            }\n        }\n    ]\n}";
    let mut sink = Vec::new();
    let trust = Located::parse(
        PolicyLocation::Supplied { name: format!("trust policy of {slr}") },
        "trust policy",
        &trust_text,
        PolicyKind::Trust,
        true,
        &mut sink,
    );
    let permissions = Located::parse(
        PolicyLocation::Supplied { name: "AutoScalingServiceRolePolicy".into() },
        "AutoScalingServiceRolePolicy (abridged)",
        permissions_text,
        PolicyKind::Identity,
        true,
        &mut sink,
    );
    play.diagnostics.extend(sink);
    Some(ResolvedRole {
        index: None,
        name: IdentityName {
            arn: role_arn.to_string(),
            account: principal.account.unwrap_or_default(),
            name: principal.name,
            path: catalogue::service_linked_path(api.service_principal),
        },
        trust: Some(trust),
        identity: vec![permissions],
        boundary: None,
        tags: Tags::default(),
        max_session_duration: 3600,
        service_linked: true,
    })
}

fn short_api(api: &PassRoleApi) -> &'static str {
    api.action.split_once(':').map_or(api.action, |(_, name)| name)
}

/// The service's words for a denial of `evaluation`.
fn denial_text(api: &PassRoleApi, evaluation: &Evaluation) -> (String, String, Value) {
    let decoded = evaluation.decoded_message();
    let message = match api.denial {
        DenialStyle::EncodedMessage => message::ec2_unauthorized(&message::encode_authorization_message(&decoded)),
        DenialStyle::AccessDenied => evaluation.access_denied().unwrap_or_default(),
    };
    (api.denial_code.to_string(), message, decoded)
}

fn caller_request(play: &Play, setup: &Setup, action: &str, resource: &str, extra: &[(&str, String)]) -> Evaluation {
    let mut context = setup.caller.context(&play.resolved, play.now);
    context.insert("aws:RequestedRegion", vec![setup.region.clone()]);
    for (key, value) in extra {
        context.insert(key, vec![value.clone()]);
    }
    let request = Request::new(setup.caller.principal.clone(), action, resource, None, context);
    Evaluation::run(request, setup.caller.policies(&play.resolved))
}

/// Step 1: the caller may call the API. Returns whether it failed.
fn api_call(play: &mut Play, setup: &Setup) -> bool {
    let api = &setup.api;
    let resource = catalogue::fill(api.call_resource, &setup.region, &setup.account, &setup.name, &setup.role_arn);
    let evaluation = caller_request(play, setup, api.action, &resource, &[]);
    let title = Text::new(format!("Call `{}`", api.action), format!("`{}` を呼び出す", api.action));
    let intro = Text::new(
        format!(
            "{} calls `{}` and hands the service a role in `{}`. First, like every request, the call itself: it starts denied, and the caller's own policies must allow `{}`.",
            setup.caller.describe_en(),
            short_api(api),
            api.parameter,
            api.action
        ),
        format!(
            "{} が `{}` を呼び出し、パラメータ `{}` でサービスにロールを渡します。まずは呼び出しそのもの: すべてのリクエストと同じく最初は拒否の状態で、呼び出し元自身のポリシーが `{}` を許可している必要があります。",
            setup.caller.describe_ja(),
            short_api(api),
            api.parameter,
            api.action
        ),
    );
    let mut step = evaluated_step("api", StepKind::ApiCall, title, intro, &evaluation);
    let failed = step.decision.is_failure();
    if failed {
        let (code, text, decoded) = denial_text(api, &evaluation);
        step.error_code = Some(code);
        step.error_message = Some(text);
        step.decoded_message = Some(decoded);
    }
    let meta = StepMeta {
        grant: Some(Grant::exact(setup.caller.grantee(&play.resolved), api.action, &resource, Vec::new())),
        evaluation: Some(evaluation),
        ..StepMeta::default()
    };
    play.push(step, meta);
    failed
}

/// AWS creates the service-linked role on first use; the caller needs
/// `iam:CreateServiceLinkedRole`. Returns whether it is allowed.
fn create_service_linked_role(play: &mut Play, setup: &Setup) -> bool {
    let service = setup.api.service_principal;
    let evaluation = caller_request(
        play,
        setup,
        "iam:CreateServiceLinkedRole",
        &setup.role_arn,
        &[("iam:AWSServiceName", service.to_string())],
    );
    let slr = setup.api.default_service_linked_role.unwrap_or_default();
    let title = Text::new(
        format!("Create the service-linked role `{slr}`"),
        format!("サービスにリンクされたロール `{slr}` の作成"),
    );
    let intro = Text::new(
        format!(
            "No role is named, so the service uses its service-linked role `{slr}`; it does not exist yet, so AWS creates it on this first use, which needs `iam:CreateServiceLinkedRole` with `iam:AWSServiceName` = `{service}`."
        ),
        format!(
            "ロールが指定されていないため、サービスはサービスにリンクされたロール `{slr}` を使います。まだ存在しないので最初の利用時に AWS が作成し、それには `iam:AWSServiceName` = `{service}` での `iam:CreateServiceLinkedRole` が必要です。"
        ),
    );
    let mut step =
        evaluated_step("createServiceLinkedRole", StepKind::CreateServiceLinkedRole, title, intro, &evaluation);
    let allowed = !step.decision.is_failure();
    if !allowed {
        step.error_code = Some("AccessDenied".into());
        step.error_message = evaluation.access_denied();
        step.decoded_message = Some(evaluation.decoded_message());
    }
    let meta = StepMeta {
        grant: Some(Grant::exact(
            setup.caller.grantee(&play.resolved),
            "iam:CreateServiceLinkedRole",
            &setup.role_arn,
            vec![("StringEquals".into(), "iam:AWSServiceName".into(), vec![service.to_string()])],
        )),
        evaluation: Some(evaluation),
        ..StepMeta::default()
    };
    play.push(step, meta);
    allowed
}

fn pass_title(setup: &Setup) -> Text {
    Text::new(
        format!("`iam:PassRole` on `{}`", setup.role_arn),
        format!("`{}` に対する `iam:PassRole`", setup.role_arn),
    )
}

fn refuse_cross_account(play: &mut Play, setup: &Setup) {
    let role_account = role_account(&setup.role_arn).unwrap_or_default();
    let mut step = Step::new("passRole", StepKind::PassRole, pass_title(setup), StepDecision::Failed);
    step.say(Text::new(
        format!(
            "The role `{}` belongs to account {role_account}, but the caller is in account {}. A role can be passed only to a service in its own account: iam:PassRole never crosses accounts. [Grant a user permissions to pass a role to an AWS service]",
            setup.role_arn, setup.account
        ),
        format!(
            "ロール `{}` はアカウント {role_account} のもので、呼び出し元はアカウント {} にいます。ロールを渡せるのは同じアカウントのサービスだけで、iam:PassRole はアカウントをまたげません。[AWS のサービスにロールを渡すアクセス権限をユーザーに付与する]",
            setup.role_arn, setup.account
        ),
    ));
    step.error_message = Some(format!(
        "the role `{}` is in account {role_account}, not the caller's account {}: a role can only be passed within its own account",
        setup.role_arn, setup.account
    ));
    step.advice = Some(Text::new(
        format!(
            "Create a role in account {} whose permissions let it assume `{}` (and whose trust that role's account allows), then pass the new role instead.",
            setup.account, setup.role_arn
        ),
        format!(
            "アカウント {} に `{}` を引き受けられるロールを作り (相手側の信頼ポリシーでも許可してもらい)、代わりにその新しいロールを渡します。",
            setup.account, setup.role_arn
        ),
    ));
    play.push(step, StepMeta::default());
}

/// Step 2: `iam:PassRole`. Returns whether it passed (or was not needed).
fn pass_role(play: &mut Play, setup: &Setup) -> bool {
    let api = &setup.api;
    let service = api.service_principal;
    if setup.default_service_linked {
        let slr = api.default_service_linked_role.unwrap_or_default();
        let mut step = Step::new("passRole", StepKind::PassRole, pass_title(setup), StepDecision::NotRequired);
        step.say(Text::new(
            format!(
                "No role is named: the service uses its service-linked role `{slr}` by default, and that needs no iam:PassRole. Naming the same role explicitly in `{}` would. [Grant a user permissions to pass a role to an AWS service]",
                api.parameter
            ),
            format!(
                "ロールが指定されていないため、サービスは既定でサービスにリンクされたロール `{slr}` を使い、iam:PassRole は不要です。同じロールでも `{}` で明示的に指定すると必要になります。[AWS のサービスにロールを渡すアクセス権限をユーザーに付与する]",
                api.parameter
            ),
        ));
        play.push(step, StepMeta::default());
        return true;
    }
    let associated = api
        .associated_resource
        .map(|template| catalogue::fill(template, &setup.region, &setup.account, &setup.name, &setup.role_arn));
    let mut extra = vec![("iam:PassedToService", service.to_string())];
    if let Some(associated) = &associated {
        extra.push(("iam:AssociatedResourceARN", associated.clone()));
    }
    let evaluation = caller_request(play, setup, "iam:PassRole", &setup.role_arn, &extra);
    let associated_en = associated
        .as_ref()
        .map(|a| format!(" and `iam:AssociatedResourceARN` = `{a}`"))
        .unwrap_or_else(|| " (this service sends no `iam:AssociatedResourceARN` that Omen knows of)".to_string());
    let associated_ja = associated
        .as_ref()
        .map(|a| format!("、`iam:AssociatedResourceARN` = `{a}`"))
        .unwrap_or_else(|| " (このサービスが送る `iam:AssociatedResourceARN` は Omen では扱いません)".to_string());
    let intro = Text::new(
        format!(
            "Handing the mask to a service: because `{}` carries the role `{}`, AWS checks that the caller may pass it — `iam:PassRole` on the role, with `iam:PassedToService` = `{service}`{associated_en}. PassRole is a permission, not an API: there is no PassRole call and no CloudTrail record of its own.",
            api.parameter, setup.role_arn
        ),
        format!(
            "サービスにお面を渡す: `{}` がロール `{}` を運ぶため、AWS は呼び出し元がそれを渡してよいかを確認します — ロールに対する `iam:PassRole`、`iam:PassedToService` = `{service}`{associated_ja}。PassRole は API ではなくアクセス許可なので、PassRole という呼び出しも独自の CloudTrail レコードもありません。",
            api.parameter, setup.role_arn
        ),
    );
    let mut step = evaluated_step("passRole", StepKind::PassRole, pass_title(setup), intro, &evaluation);
    if setup.role.as_ref().is_some_and(|r| r.service_linked) {
        step.say(Text::new(
            "The role is a service-linked role named explicitly: that needs iam:PassRole, unlike letting the service use it by default.",
            "サービスにリンクされたロールを明示的に指定しているため、既定で使わせる場合と違って iam:PassRole が必要です。",
        ));
    }
    lint_resource_tags(play, &mut step, &evaluation.builder);
    if step.decision.is_failure() {
        let (code, text, decoded) = denial_text(api, &evaluation);
        step.error_code = Some(code);
        step.error_message = Some(text);
        step.decoded_message = Some(decoded);
        step.say(Text::new(
            "Without this check, anyone allowed to launch a workload could attach a more powerful role (say one with AdministratorAccess) and use its credentials from inside: PassRole exists to stop that escalation.",
            "この確認がなければ、ワークロードを起動できる人は誰でも、より強いロール (例えば AdministratorAccess 付き) を付けて、中からその認証情報を使えてしまいます。PassRole はこの権限昇格を防ぐためにあります。",
        ));
    }
    let meta = StepMeta {
        grant: Some(Grant::exact(
            setup.caller.grantee(&play.resolved),
            "iam:PassRole",
            &setup.role_arn,
            vec![("StringEquals".into(), "iam:PassedToService".into(), vec![service.to_string()])],
        )),
        evaluation: Some(evaluation),
        ..StepMeta::default()
    };
    let passed = !step.decision.is_failure();
    play.push(step, meta);
    passed
}

/// Surface the parser's `passrole-resource-tag` warnings for the caller's policies.
fn lint_resource_tags(play: &mut Play, step: &mut Step, builder: &SetBuilder) {
    let pointers: Vec<String> = builder.sources.iter().map(|s| s.pointer.clone()).collect();
    let found: Vec<_> = play
        .resolved
        .diagnostics
        .iter()
        .filter(|d| {
            d.diagnostic.code == "passrole-resource-tag" && d.pointer.as_ref().is_some_and(|p| pointers.contains(p))
        })
        .cloned()
        .collect();
    for diagnostic in found {
        let key = diagnostic.diagnostic.message.split('`').nth(1).unwrap_or("aws:ResourceTag").to_string();
        let message = Text::new(
            format!(
                "`{key}` in `{}` tries to limit iam:PassRole by the role's tags: AWS says the result is not reliable. Omen leaves the role's tags out of the PassRole request; list role ARNs in `Resource` and use `iam:PassedToService` instead.",
                diagnostic.policy_name.clone().unwrap_or_default()
            ),
            format!(
                "`{}` の `{key}` はロールのタグで iam:PassRole を制限しようとしていますが、AWS はその結果は信頼できないとしています。Omen は PassRole のリクエストにロールのタグを含めません。代わりに `Resource` にロール ARN を列挙し、`iam:PassedToService` を使ってください。",
                diagnostic.policy_name.clone().unwrap_or_default()
            ),
        );
        step.say(message.clone());
        play.warn("passrole-resource-tag", message, Some("passRole"), diagnostic.pointer.clone());
    }
}

fn service_title(setup: &Setup) -> Text {
    let service = setup.api.service_principal;
    Text::new(format!("`{service}` puts the mask on"), format!("`{service}` がお面をかぶる"))
}

/// Step 3: the service principal assumes the role. Returns whether it may.
fn service_assumes(play: &mut Play, setup: &Setup) -> bool {
    let api = &setup.api;
    let service = api.service_principal;
    let Some(role) = setup.role.clone() else {
        let mut step =
            Step::new("serviceAssumeRole", StepKind::ServiceAssumeRole, service_title(setup), StepDecision::Failed);
        step.say(Text::new(
            format!("The role `{}` does not exist, so `{service}` has no mask to put on.", setup.role_arn),
            format!("ロール `{}` が存在しないため、`{service}` がかぶるお面がありません。", setup.role_arn),
        ));
        step.error_code = Some("NoSuchEntity".into());
        step.error_message = Some(format!(
            "The role with name {} cannot be found.",
            setup.role_arn.rsplit('/').next().unwrap_or_default()
        ));
        play.push(step, StepMeta::default());
        return false;
    };
    let principal = RequestPrincipal::parse(service).unwrap_or_else(|_| setup.caller.principal.clone());
    let mut context = RequestContext::new();
    context.insert("aws:SourceAccount", vec![setup.account.clone()]);
    let source_arn = catalogue::fill(api.call_resource, &setup.region, &setup.account, &setup.name, &setup.role_arn);
    if !source_arn.contains('*') {
        context.insert("aws:SourceArn", vec![source_arn]);
    }
    let request =
        Request::new(principal, "sts:AssumeRole", role.name.arn.clone(), Some(role.name.account.clone()), context);
    let mut builder = SetBuilder::default();
    builder.resource(role.trust.as_ref(), &role.name.arn);
    builder.rcps(play.resolved.account(&role.name.account));
    let evaluation = Evaluation::run(request, builder);
    let intro = Text::new(
        format!(
            "Whenever the workload runs, `{service}` puts the mask on: it calls `sts:AssumeRole` on `{}`. Only the role's trust policy decides, and it must name `{service}` under `Principal.Service`.",
            role.name.arn
        ),
        format!(
            "ワークロードが動くたびに `{service}` がお面をかぶります: `{}` に対して `sts:AssumeRole` を呼び出します。判断するのはロールの信頼ポリシー (trust policy) だけで、`Principal.Service` に `{service}` が書かれている必要があります。",
            role.name.arn
        ),
    );
    let mut step =
        evaluated_step("serviceAssumeRole", StepKind::ServiceAssumeRole, service_title(setup), intro, &evaluation);
    step.say_if_untrusted(role.trust.is_some());
    let trusted = !step.decision.is_failure();
    if !trusted {
        step.error_message =
            Some(catalogue::fill(api.trust_failure, &setup.region, &setup.account, &setup.name, &role.name.arn));
        step.error_code = (!api.trust_failure_code.is_empty()).then(|| api.trust_failure_code.to_string());
        step.say(match api.trust_check {
            TrustCheck::AtCall => Text::new(
                format!("`{}` checks this at once, so the call itself fails.", short_api(api)),
                format!("`{}` はこれをその場で確認するため、呼び出し自体が失敗します。", short_api(api)),
            ),
            TrustCheck::AtRunTime => Text::new(
                format!(
                    "`{}` itself succeeds; the failure shows later, when the service tries to put the mask on.",
                    short_api(api)
                ),
                format!("`{}` 自体は成功し、失敗はサービスがお面をかぶろうとする後になって現れます。", short_api(api)),
            ),
        });
    }
    let meta = StepMeta {
        trust: role.index.map(|index| TrustGrant {
            role: index,
            principal: TrustPrincipal::Service(service.to_string()),
            action: "sts:AssumeRole".into(),
        }),
        evaluation: Some(evaluation),
        ..StepMeta::default()
    };
    play.push(step, meta);
    trusted
}

fn blast_title(setup: &Setup) -> Text {
    Text::new(
        format!("What the mask `{}` can do", setup.role_arn.rsplit('/').next().unwrap_or_default()),
        format!("お面 `{}` でできること", setup.role_arn.rsplit('/').next().unwrap_or_default()),
    )
}

/// Step 4: the blast radius.
fn blast_radius(play: &mut Play, setup: &Setup, action: &PassRoleAction) {
    let Some(role) = setup.role.clone() else {
        play.push(
            skipped_step("blastRadius", StepKind::BlastRadius, blast_title(setup), "serviceAssumeRole"),
            StepMeta::default(),
        );
        return;
    };
    let session = SessionState {
        arn: session_arn(&role.name.arn, &role.name.account, &role.name.name, &setup.name),
        session_name: setup.name.clone(),
        tags: Tags::default(),
        transitive_tag_keys: Vec::new(),
        source_identity: None,
        mfa: false,
        session_policy: None,
        issued: play.now,
        chained: false,
        origin: setup.api.service_principal.to_string(),
        role: role.clone(),
    };
    let Ok(mask) = Caller::from_session(session) else {
        return;
    };
    let (actions, pointer) = match &action.blast_radius {
        Some(actions) => (actions.clone(), "/action/passRole/blastRadius"),
        None => (
            DEFAULT_BLAST_RADIUS
                .iter()
                .map(|a| SessionAction { action: (*a).to_string(), ..SessionAction::default() })
                .collect(),
            "",
        ),
    };
    let mut step = Step::new("blastRadius", StepKind::BlastRadius, blast_title(setup), StepDecision::Info);
    step.say(Text::new(
        format!(
            "Whoever wears the mask `{}` acts with its powers, not their own — here the workload, as `{}`. Omen tries each action as that session and as {}.",
            role.name.name,
            mask.arn(),
            setup.caller.describe_en()
        ),
        format!(
            "お面 `{}` をかぶった者は、自分の権限ではなくお面の力で動きます — ここではワークロードが `{}` として。各アクションをそのセッションとして、また {} として試します。",
            role.name.name,
            mask.arn(),
            setup.caller.describe_ja()
        ),
    ));
    let mut escalations = Vec::new();
    for (index, session_action) in actions.iter().enumerate() {
        let (_, comparison) = compare(play, &mask, &setup.caller, session_action, &format!("{pointer}/{index}"));
        step.say(Text::new(
            format!(
                "`{}` on `{}`: with the mask {}, without it {}{}.",
                comparison.action,
                comparison.resource,
                comparison.as_role.words(crate::explain::Lang::En),
                comparison.as_caller.words(crate::explain::Lang::En),
                if comparison.escalation { " — the role can, the caller cannot" } else { "" }
            ),
            format!(
                "`{}` (`{}`): お面ありで{}、お面なしで{}{}。",
                comparison.action,
                comparison.resource,
                comparison.as_role.words(crate::explain::Lang::Ja),
                comparison.as_caller.words(crate::explain::Lang::Ja),
                if comparison.escalation {
                    " — ロールにはできて呼び出し元にはできない"
                } else {
                    ""
                }
            ),
        ));
        if comparison.escalation {
            escalations.push(comparison.action.clone());
        }
        step.comparisons.push(comparison);
    }
    if !escalations.is_empty() {
        let list = escalations.join("`, `");
        let privileged = escalations.iter().any(|a| is_privileged(a));
        let message = if privileged {
            Text::new(
                format!(
                    "privilege escalation: the role `{}` can do what {} cannot, including IAM changes (`{list}`); whoever runs a workload with it — or logs in to it — gets those powers. This is what iam:PassRole exists to stop: pass only roles no stronger than the caller",
                    role.name.arn,
                    setup.caller.describe_en()
                ),
                format!(
                    "権限昇格: ロール `{}` には {} にできないこと (IAM の変更を含む: `{list}`) ができます。このロールで動くワークロード (やそこにログインした人) はその力を得ます。iam:PassRole はこれを防ぐためにあります。呼び出し元より強いロールは渡さないでください",
                    role.name.arn,
                    setup.caller.describe_ja()
                ),
            )
        } else {
            Text::new(
                format!(
                    "the role `{}` can do what {} cannot (`{list}`): passing it lends those powers to the workload — AWS advises not to let people pass roles with more permissions than they have",
                    role.name.arn,
                    setup.caller.describe_en()
                ),
                format!(
                    "ロール `{}` には {} にできないこと (`{list}`) ができます。渡すとその力をワークロードに貸すことになります。AWS は自分より多くの権限を持つロールを渡させないよう勧めています",
                    role.name.arn,
                    setup.caller.describe_ja()
                ),
            )
        };
        step.say(message.clone());
        let code = if privileged { "passrole-escalation" } else { "passrole-broader-role" };
        play.warn(code, message, Some("blastRadius"), None);
    }
    play.push(step, StepMeta::default());
}

/// Whether an action changes who may do what (IAM writes, or everything).
fn is_privileged(action: &str) -> bool {
    let lower = action.to_ascii_lowercase();
    lower == "*"
        || lower == "iam:passrole"
        || ["iam:create", "iam:attach", "iam:put", "iam:update", "iam:add"].iter().any(|p| lower.starts_with(p))
}

/// The CloudTrail records: the API call (with the role in its parameters) and, when it worked,
/// the service's AssumeRole.
fn record_call(play: &mut Play, setup: &Setup, succeeded: bool, trusted: bool) {
    let api = &setup.api;
    let role_value = if api.service_principal == "ec2.amazonaws.com" {
        let profile = format!(
            "arn:aws:iam::{}:instance-profile/{}",
            setup.account,
            setup.role_arn.rsplit('/').next().unwrap_or_default()
        );
        json!({"arn": profile})
    } else {
        json!(setup.role_arn)
    };
    let mut parameters = serde_json::Map::new();
    let name_field = match api.event_source {
        "ec2.amazonaws.com" => "instanceId",
        "lambda.amazonaws.com" => "functionName",
        "ecs.amazonaws.com" => "family",
        "cloudformation.amazonaws.com" => "stackName",
        "codebuild.amazonaws.com" => "name",
        "rds.amazonaws.com" => "dBInstanceIdentifier",
        _ => "autoScalingGroupName",
    };
    parameters.insert(name_field.into(), json!(setup.name));
    let parameter = parameter_field(api.parameter);
    if !setup.default_service_linked {
        parameters.insert(parameter, role_value);
    }
    let failure =
        play.steps.iter().find(|s| s.decision.is_failure() && s.error_message.is_some() && s.id != "blastRadius");
    let outcome = match (succeeded, failure) {
        (true, _) | (false, None) => {
            Outcome::Success(json!({"requestId": cloudtrail::fake_uuid(&format!("{}#response", setup.name))}))
        }
        (false, Some(step)) => Outcome::Failure(
            step.error_code.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| "AccessDenied".into()),
            step.error_message.clone().unwrap_or_default(),
        ),
    };
    let record = cloudtrail::record(Record {
        user_identity: cloudtrail::user_identity(&setup.caller, &play.resolved),
        caller: &setup.caller,
        time: play.now,
        event_source: api.event_source,
        event_name: api.event_name,
        region: &setup.region,
        request_parameters: Value::Object(parameters),
        outcome,
        resources: None,
        read_only: false,
        recipient: &setup.account,
        shared_event_id: None,
        basis: format!("{}#{}#{}", api.action, setup.caller.arn(), setup.role_arn),
    });
    play.cloudtrail.push(record);
    if succeeded && trusted {
        if let (Some(role), Ok(service)) = (&setup.role, RequestPrincipal::parse(api.service_principal)) {
            let service_caller = Caller { principal: service, kind: CallerKind::Service, console: false };
            let session = session_arn(&role.name.arn, &role.name.account, &role.name.name, &setup.name);
            let expiration = play.now.plus(3600);
            play.cloudtrail.push(cloudtrail::record(Record {
                user_identity: cloudtrail::user_identity(&service_caller, &play.resolved),
                caller: &service_caller,
                time: play.now,
                event_source: "sts.amazonaws.com",
                event_name: "AssumeRole",
                region: &setup.region,
                request_parameters: json!({"roleArn": role.name.arn, "roleSessionName": setup.name}),
                outcome: Outcome::Success(json!({
                    "credentials": {
                        "accessKeyId": super::session::FakeCredentials::new(&session, expiration).access_key_id,
                        "expiration": expiration.cloudtrail(),
                    },
                    "assumedRoleUser": {
                        "assumedRoleId": super::session::assumed_role_id(&session),
                        "arn": session,
                    },
                })),
                resources: Some(
                    json!([{"accountId": role.name.account, "type": "AWS::IAM::Role", "ARN": role.name.arn}]),
                ),
                read_only: true,
                recipient: &role.name.account,
                shared_event_id: None,
                basis: format!("{session}#service"),
            }));
        }
    }
}

/// CloudTrail's camelCase spelling of a parameter (`IamInstanceProfile.Arn` → `iamInstanceProfile`).
fn parameter_field(parameter: &str) -> String {
    let base = parameter
        .split('.')
        .next_back()
        .filter(|_| parameter.starts_with("overrides."))
        .unwrap_or_else(|| parameter.split('.').next().unwrap_or(parameter));
    let mut chars = base.chars();
    match chars.next() {
        Some(first) => {
            let rest: String = chars.collect();
            if base.chars().take(2).all(|c| c.is_ascii_uppercase()) && base.len() > 2 && base.starts_with("DB") {
                format!("dB{}", base.get(2..).unwrap_or_default())
            } else {
                format!("{}{rest}", first.to_ascii_lowercase())
            }
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloudtrail_parameter_spelling() {
        assert_eq!(parameter_field("IamInstanceProfile.Arn"), "iamInstanceProfile");
        assert_eq!(parameter_field("Role"), "role");
        assert_eq!(parameter_field("RoleARN"), "roleARN");
        assert_eq!(parameter_field("MonitoringRoleArn"), "monitoringRoleArn");
        assert_eq!(parameter_field("overrides.taskRoleArn"), "taskRoleArn");
    }
}
