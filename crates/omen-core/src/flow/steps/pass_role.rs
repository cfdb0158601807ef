//! The PassRole story — "call a service API and hand it a role": the caller may call the API; the
//! caller may pass the role (`iam:PassRole` with `iam:PassedToService` and
//! `iam:AssociatedResourceARN`); the service may put the mask on (the trust policy names it);
//! and the blast radius — what the workload can do with the role that the caller cannot.
//!
//! Rules from "Grant a user permissions to pass a role to an AWS service": PassRole is a
//! permission, not an API call, and leaves no CloudTrail record of its own; roles can be passed
//! only within their account; a service-linked role used by default needs no PassRole, one named
//! explicitly does; `ResourceTag` conditions cannot reliably limit PassRole.

use super::session::compare;
use crate::flow::hints::{FixHints, TrustGrant};
use crate::flow::note::Grant;
use crate::flow::note::{FlowNote, Title};
use crate::flow::play::{access_denied, add_the_role, decoded_message, skipped_step, Draft, Play};
use crate::flow::result::{Step, StepDecision, StepKind, Text};
use crate::principal::RequestPrincipal;
use crate::sts::{
    self, Caller, CallerKind, DenialStyle, Evaluation, PassRoleApi, PassRoleCall, SessionState, SetBuilder, TrustCheck,
    TrustPrincipal,
};
use crate::world::{ParsedRole, PassRoleAction, SessionAction, Tags, DEFAULT_REGION};
use serde_json::Value;

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
    role: Option<ParsedRole>,
    default_service_linked: bool,
}

impl Setup {
    /// The role's name, as the role ARN ends.
    fn role_name(&self) -> String {
        crate::arn::Arn::parse(&self.role_arn).map_or(self.role_arn.as_str(), |arn| arn.name()).to_string()
    }

    /// A template of the catalogue, filled for this call.
    fn fill(&self, template: &str, role: &str) -> String {
        sts::fill(template, &self.region, &self.account, &self.name, role)
    }
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
    let other_account = sts::other_account(&setup.account, &setup.role_arn);
    let pass_ok = match &other_account {
        Some(role_account) => {
            refuse_cross_account(play, &setup, role_account);
            false
        }
        None => pass_role(play, &setup),
    };
    if !pass_ok && failed.is_none() {
        failed = Some("passRole".into());
    }
    let trusted = if other_account.is_some() {
        play.push(
            skipped_step("serviceAssumeRole", StepKind::ServiceAssumeRole, service_title(&setup), "passRole"),
            FixHints::default(),
        );
        false
    } else {
        service_assumes(play, &setup)
    };
    let call_succeeds = failed.is_none() && (trusted || setup.api.trust_check == TrustCheck::AtRunTime);
    if other_account.is_some() {
        play.push(
            skipped_step("blastRadius", StepKind::BlastRadius, blast_title(&setup), "passRole"),
            FixHints::default(),
        );
    } else {
        blast_radius(play, &setup, action);
    }
    record_call(play, &setup, call_succeeds, trusted);
}

fn set_up(play: &mut Play, action: &PassRoleAction) -> Option<Setup> {
    let Some(api) = sts::find(&action.api, action.parameter.as_deref()) else {
        let known = sts::CATALOGUE.iter().map(|e| e.action).collect::<Vec<_>>().join("`, `");
        let api = &action.api;
        let (message, help) = match &action.parameter {
            Some(parameter) => (
                Text::new(
                    format!("`{api}` has no role parameter `{parameter}` that Omen knows"),
                    format!("`{api}` には Omen が知るロールのパラメータ `{parameter}` がありません"),
                ),
                Text::new(
                    format!("the APIs Omen knows to take a role: `{known}`"),
                    format!("Omen が知る、ロールを受け取る API: `{known}`"),
                ),
            ),
            None => (
                Text::new(
                    format!("`{api}` is not an API Omen knows to take a role"),
                    format!("`{api}` は Omen が知る、ロールを受け取る API ではありません"),
                ),
                Text::new(format!("use one of `{known}`"), format!("`{known}` のいずれかを使ってください")),
            ),
        };
        play.problem("unknown-api", message, Some(help), Some("/action/passRole/api".into()));
        return None;
    };
    let caller = match Caller::resolve(&action.caller, &play.parsed) {
        Ok(caller) => caller,
        Err(error) => {
            play.problem(
                "invalid-caller",
                error.text(),
                Some(error.help_text()),
                Some("/action/passRole/caller".into()),
            );
            return None;
        }
    };
    if matches!(caller.kind, CallerKind::Unknown) {
        let note = FlowNote::UnknownPassRoleCaller { arn: caller.arn().to_string() };
        play.warn("unknown-caller", note, None, Some("/action/passRole/caller".into()));
    }
    let account = caller.account().unwrap_or_default().to_string();
    let region = action.region.clone().unwrap_or_else(|| DEFAULT_REGION.to_string());
    let name = action.resource_name.clone().unwrap_or_else(|| api.default_name.to_string());
    let (role_arn, default_service_linked) = match (&action.role, api.default_service_linked_role) {
        (Some(role), _) => (role.clone(), false),
        (None, Some(slr)) => {
            let path = sts::service_linked_path(api.service_principal);
            (format!("arn:aws:iam::{account}:role{path}{slr}"), true)
        }
        (None, None) => {
            play.problem(
                "missing-role",
                Text::new(
                    format!("`{}` needs a role in `{}`", api.action, api.parameter),
                    format!("`{}` には `{}` でロールを渡す必要があります", api.action, api.parameter),
                ),
                Some(Text::new("name the role to pass in `role`", "渡すロールを `role` に書いてください")),
                Some("/action/passRole/role".into()),
            );
            return None;
        }
    };
    let mut role = play.parsed.role(&role_arn).cloned();
    if role.is_none() {
        if let Some(supplied) = sts::supplied_service_linked_role(&api, &role_arn, &mut play.diagnostics) {
            play.parsed.roles.push(supplied.clone());
            role = Some(supplied);
        } else if crate::arn::account_of(&role_arn).is_some_and(|a| a == account) {
            play.problem(
                "unknown-role",
                Text::new(
                    format!("the role `{role_arn}` is not in the world: the service will not find it"),
                    format!("ロール `{role_arn}` はワールドにないため、サービスはそれを見つけられません"),
                ),
                Some(add_the_role()),
                Some("/action/passRole/role".into()),
            );
        }
    }
    Some(Setup { api, caller, region, account, name, role_arn, role, default_service_linked })
}

fn short_api(api: &PassRoleApi) -> &'static str {
    api.action.split_once(':').map_or(api.action, |(_, name)| name)
}

/// The service's words for a denial of `evaluation`: error code, message, decoded message.
fn denial_text(api: &PassRoleApi, evaluation: &Evaluation) -> (String, String, Value) {
    let decoded = decoded_message(evaluation);
    let message = match api.denial {
        DenialStyle::EncodedMessage => sts::ec2_unauthorized(&sts::encode_authorization_message(&decoded)),
        DenialStyle::AccessDenied => access_denied(evaluation).unwrap_or_default(),
    };
    (api.denial_code.to_string(), message, decoded)
}

/// Step 1: the caller may call the API. Returns whether it failed.
fn api_call(play: &mut Play, setup: &Setup) -> bool {
    let api = &setup.api;
    let resource = setup.fill(api.call_resource, &setup.role_arn);
    let evaluation =
        sts::caller_request(&play.parsed, &setup.caller, play.now, api.action, &resource, &setup.region, &[]);
    let intro = FlowNote::ApiCall {
        who: setup.caller.who(),
        api: short_api(api),
        parameter: api.parameter,
        action: api.action,
    };
    let mut step =
        play.evaluated_step("api", StepKind::ApiCall, Title::CallApi { action: api.action }, intro, &evaluation);
    let failed = step.decision.is_failure();
    if failed {
        let (code, text, decoded) = denial_text(api, &evaluation);
        step.error_code = Some(code);
        step.error_message = Some(text);
        step.decoded_message = Some(decoded);
    }
    let hints = FixHints {
        grant: Some(Grant::exact(setup.caller.grantee(&play.parsed), api.action, &resource, Vec::new())),
        evaluation: Some(evaluation),
        ..FixHints::default()
    };
    play.push(step, hints);
    failed
}

/// AWS creates the service-linked role on first use; the caller needs
/// `iam:CreateServiceLinkedRole`. Returns whether it is allowed.
fn create_service_linked_role(play: &mut Play, setup: &Setup) -> bool {
    let service = setup.api.service_principal;
    let evaluation =
        sts::create_service_linked_role(&play.parsed, &setup.caller, play.now, &setup.role_arn, service, &setup.region);
    let slr = setup.api.default_service_linked_role.unwrap_or_default();
    let title = Title::CreateServiceLinkedRole { role: slr };
    let intro = FlowNote::CreateServiceLinkedRole { role: slr, service };
    let mut step =
        play.evaluated_step("createServiceLinkedRole", StepKind::CreateServiceLinkedRole, title, intro, &evaluation);
    let allowed = !step.decision.is_failure();
    if !allowed {
        step.error_code = Some("AccessDenied".into());
        step.error_message = access_denied(&evaluation);
        step.decoded_message = Some(decoded_message(&evaluation));
    }
    let hints = FixHints {
        grant: Some(Grant::exact(
            setup.caller.grantee(&play.parsed),
            "iam:CreateServiceLinkedRole",
            &setup.role_arn,
            vec![("StringEquals".into(), "iam:AWSServiceName".into(), vec![service.to_string()])],
        )),
        evaluation: Some(evaluation),
        ..FixHints::default()
    };
    play.push(step, hints);
    allowed
}

fn pass_title(setup: &Setup) -> Title {
    Title::PassRole { role: setup.role_arn.clone() }
}

fn refuse_cross_account(play: &mut Play, setup: &Setup, role_account: &str) {
    let mut step = Draft::new("passRole", StepKind::PassRole, pass_title(setup), StepDecision::Failed);
    step.say(FlowNote::PassRoleAcrossAccounts {
        role: setup.role_arn.clone(),
        role_account: role_account.to_string(),
        caller_account: setup.account.clone(),
    });
    step.error_message = Some(format!(
        "the role `{}` is in account {role_account}, not the caller's account {}: a role can only be passed within its own account",
        setup.role_arn, setup.account
    ));
    step.advise(FlowNote::PassRoleAcrossAccountsAdvice {
        role: setup.role_arn.clone(),
        caller_account: setup.account.clone(),
    });
    play.push(step, FixHints::default());
}

/// Step 2: `iam:PassRole`. Returns whether it passed (or was not needed).
fn pass_role(play: &mut Play, setup: &Setup) -> bool {
    let api = &setup.api;
    let service = api.service_principal;
    if setup.default_service_linked {
        let slr = api.default_service_linked_role.unwrap_or_default();
        let mut step = Draft::new("passRole", StepKind::PassRole, pass_title(setup), StepDecision::NotRequired);
        step.say(FlowNote::ServiceLinkedByDefault { role: slr, parameter: api.parameter });
        play.push(step, FixHints::default());
        return true;
    }
    let associated = api.associated_resource.map(|template| setup.fill(template, &setup.role_arn));
    let evaluation = sts::pass_role(
        &play.parsed,
        &setup.caller,
        play.now,
        &setup.role_arn,
        service,
        associated.as_deref(),
        &setup.region,
    );
    let intro = FlowNote::PassRole { parameter: api.parameter, role: setup.role_arn.clone(), service, associated };
    let mut step = play.evaluated_step("passRole", StepKind::PassRole, pass_title(setup), intro, &evaluation);
    if setup.role.as_ref().is_some_and(|r| r.service_linked) {
        step.say(FlowNote::ServiceLinkedNamed);
    }
    lint_resource_tags(play, &mut step, &evaluation.builder);
    if step.decision.is_failure() {
        let (code, text, decoded) = denial_text(api, &evaluation);
        step.error_code = Some(code);
        step.error_message = Some(text);
        step.decoded_message = Some(decoded);
        step.say(FlowNote::PassRoleStopsEscalation);
    }
    let hints = FixHints {
        grant: Some(Grant::exact(
            setup.caller.grantee(&play.parsed),
            "iam:PassRole",
            &setup.role_arn,
            vec![("StringEquals".into(), "iam:PassedToService".into(), vec![service.to_string()])],
        )),
        evaluation: Some(evaluation),
        ..FixHints::default()
    };
    let passed = !step.decision.is_failure();
    play.push(step, hints);
    passed
}

/// Surface the parser's `passrole-resource-tag` warnings for the caller's policies.
fn lint_resource_tags(play: &mut Play, step: &mut Draft, builder: &SetBuilder) {
    let found: Vec<_> = play
        .parsed
        .diagnostics
        .iter()
        .filter(|d| {
            d.diagnostic.code == "passrole-resource-tag"
                && d.pointer.as_ref().is_some_and(|p| builder.sources.iter().any(|s| &s.pointer == p))
        })
        .cloned()
        .collect();
    let mut warned: Vec<(Option<String>, String)> = Vec::new();
    for diagnostic in found {
        let key = diagnostic.diagnostic.message.en.split('`').nth(1).unwrap_or("aws:ResourceTag").to_string();
        let policy = diagnostic.policy_name.clone().unwrap_or_default();
        step.say(FlowNote::ResourceTagUnreliable { key: key.clone(), policy: policy.clone() });
        // One warning per key and policy, however many statements use it.
        if !warned.iter().any(|(pointer, k)| *pointer == diagnostic.pointer && *k == key) {
            warned.push((diagnostic.pointer.clone(), key.clone()));
            let note = FlowNote::ResourceTagUnreliable { key, policy };
            play.warn("passrole-resource-tag", note, Some("passRole"), diagnostic.pointer);
        }
    }
}

fn service_title(setup: &Setup) -> Title {
    Title::ServicePutsOn { service: setup.api.service_principal }
}

/// Step 3: the service principal assumes the role. Returns whether it may.
fn service_assumes(play: &mut Play, setup: &Setup) -> bool {
    let api = &setup.api;
    let service = api.service_principal;
    let Some(role) = setup.role.clone() else {
        let mut step =
            Draft::new("serviceAssumeRole", StepKind::ServiceAssumeRole, service_title(setup), StepDecision::Failed);
        step.say(FlowNote::NoSuchRole { role: setup.role_arn.clone(), service });
        step.error_code = Some("NoSuchEntity".into());
        step.error_message = Some(format!("The role with name {} cannot be found.", setup.role_name()));
        play.push(step, FixHints::default());
        return false;
    };
    let principal = RequestPrincipal::parse(service).unwrap_or_else(|_| setup.caller.principal.clone());
    let source_arn = setup.fill(api.call_resource, &setup.role_arn);
    let source_arn = (!source_arn.contains('*')).then_some(source_arn);
    let evaluation = sts::service_assumes_role(&play.parsed, principal, &role, &setup.account, source_arn);
    let intro = FlowNote::ServicePutsOn { service, role: role.name.arn.clone() };
    let mut step =
        play.evaluated_step("serviceAssumeRole", StepKind::ServiceAssumeRole, service_title(setup), intro, &evaluation);
    step.say_if_untrusted(role.trust.is_some());
    let trusted = !step.decision.is_failure();
    if !trusted {
        step.error_message = Some(setup.fill(api.trust_failure, &role.name.arn));
        step.error_code = (!api.trust_failure_code.is_empty()).then(|| api.trust_failure_code.to_string());
        step.say(match api.trust_check {
            TrustCheck::AtCall => FlowNote::TrustCheckedAtCall { api: short_api(api) },
            TrustCheck::AtRunTime => FlowNote::TrustCheckedAtRunTime { api: short_api(api) },
        });
    }
    let hints = FixHints {
        trust: role.index.map(|index| TrustGrant {
            role: index,
            principal: TrustPrincipal::Service(service.to_string()),
            action: "sts:AssumeRole".into(),
        }),
        evaluation: Some(evaluation),
        ..FixHints::default()
    };
    play.push(step, hints);
    trusted
}

fn blast_title(setup: &Setup) -> Title {
    Title::MaskPowers { role: setup.role_name() }
}

/// Step 4: the blast radius.
fn blast_radius(play: &mut Play, setup: &Setup, action: &PassRoleAction) {
    let Some(role) = setup.role.clone() else {
        play.push(
            skipped_step("blastRadius", StepKind::BlastRadius, blast_title(setup), "serviceAssumeRole"),
            FixHints::default(),
        );
        return;
    };
    let session = SessionState {
        arn: sts::session_arn(&role.name.arn, &role.name.account, &role.name.name, &setup.name),
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
    let mut step = Draft::new("blastRadius", StepKind::BlastRadius, blast_title(setup), StepDecision::Info);
    step.say(FlowNote::BlastRadius {
        role: role.name.name.clone(),
        session: mask.arn().to_string(),
        who: setup.caller.who(),
    });
    let mut escalations = Vec::new();
    for (index, session_action) in actions.iter().enumerate() {
        let (as_role, as_caller, comparison) =
            compare(play, &mask, &setup.caller, session_action, &format!("{pointer}/{index}"));
        step.say(FlowNote::Compared {
            action: comparison.action.clone(),
            resource: comparison.resource.clone(),
            as_role: as_role.decision(),
            as_caller: as_caller.decision(),
            escalation: comparison.escalation,
        });
        if comparison.escalation {
            escalations.push(comparison.action.clone());
        }
        step.comparisons.push(comparison);
    }
    if !escalations.is_empty() {
        let actions = escalations.join("`, `");
        let privileged = escalations.iter().any(|a| is_privileged(a));
        let (role, who) = (role.name.arn.clone(), setup.caller.who());
        let note = || {
            let (role, who, actions) = (role.clone(), who.clone(), actions.clone());
            if privileged {
                FlowNote::Escalation { role, who, actions }
            } else {
                FlowNote::BroaderRole { role, who, actions }
            }
        };
        step.say(note());
        let code = if privileged { "passrole-escalation" } else { "passrole-broader-role" };
        play.warn(code, note(), Some("blastRadius"), None);
    }
    play.push(step, FixHints::default());
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
    let counts = |s: &Step| s.error_message.is_some() && s.id != "blastRadius";
    if play.failed_at_save(counts) {
        // The call needs a policy AWS would refuse to save: no record of it (see
        // `Play::failed_at_save`).
        return;
    }
    let failure = play.steps.iter().find(|s| s.decision.is_failure() && counts(s));
    let outcome = match (succeeded, failure) {
        (true, _) | (false, None) => Ok(()),
        (false, Some(step)) => Err((
            step.error_code.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| "AccessDenied".into()),
            step.error_message.clone().unwrap_or_default(),
        )),
    };
    let records = sts::pass_role_records(
        &play.parsed,
        PassRoleCall {
            api: &setup.api,
            caller: &setup.caller,
            region: &setup.region,
            account: &setup.account,
            name: &setup.name,
            role_arn: &setup.role_arn,
            default_service_linked: setup.default_service_linked,
            role: setup.role.as_ref(),
            succeeded,
            outcome,
            trusted,
            now: play.now,
        },
    );
    play.cloudtrail.extend(records);
}
