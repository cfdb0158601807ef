//! Fix suggestions: for a failing step, the smallest change — to one policy, or to the call's
//! parameters — that makes it pass. Never broader than the request that failed (the exact action
//! on the exact resource, with `iam:PassedToService` for PassRole); for an explicit deny, the
//! statement to remove or narrow rather than a grant. Every fix is verified by playing the world
//! again with the change; a change that does not flip the step is not offered.

use super::caller::{Grantee, TrustPrincipal};
use super::edit::{append_statement, fresh_sid, new_policy, remove_statement, statement};
use super::play::Evaluation;
use super::policies::{PolicyLocation, PolicySource};
use super::result::{FlowResult, StepDecision, Text};
use super::world::World;
use crate::evaluate::{Decision, Rule, StatementOutcome};
use crate::policy::{PolicyKind, PrincipalType};
use serde::Serialize;
use serde_json::{json, Value};

/// The most changes one fix may combine (say: remove a deny, then grant).
const MAX_CHANGES: usize = 4;

/// A verified fix: the changes, in order, and what they amount to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// What to do, in one or two sentences.
    pub summary: Text,
    /// The changes.
    pub changes: Vec<Change>,
    /// Always true: the step passes once the changes are made (checked by playing again).
    pub verified: bool,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Change {
    /// Change a policy of the world.
    Policy(PolicyChange),
    /// Call with different parameters.
    Request(RequestChange),
}

impl Change {
    /// What the change does.
    pub fn description(&self) -> &Text {
        match self {
            Self::Policy(change) => &change.description,
            Self::Request(change) => &change.description,
        }
    }
}

/// How a policy changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyEdit {
    /// A statement is added.
    AddStatement,
    /// A statement is removed.
    RemoveStatement,
    /// A new policy is attached.
    NewPolicy,
    /// The policy is detached.
    DeletePolicy,
}

/// A change to one policy, as before and after texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyChange {
    /// What happens to the policy.
    pub edit: PolicyEdit,
    /// Where the policy lives.
    pub location: PolicyLocation,
    /// Its JSON pointer in the world (for a new policy: where it will be).
    pub pointer: String,
    /// Whose policy it is.
    pub owner: String,
    /// The policy's name.
    pub policy_name: String,
    /// Its kind.
    pub policy_type: PolicyKind,
    /// The text before (none for a new policy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The text after (none when the policy is detached).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// What the change does.
    pub description: Text,
}

/// A change to the call's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestChange {
    /// The JSON pointer of the parameter in the world.
    pub pointer: String,
    /// The parameter, as the API spells it (`ExternalId`, `DurationSeconds`, …).
    pub parameter: String,
    /// Its value before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// Its value after.
    pub after: Value,
    /// What the change does.
    pub description: Text,
}

/// What the fixer needs to know about a step, beyond its public result.
#[derive(Debug, Clone, Default)]
pub struct StepMeta {
    /// The evaluation behind the step.
    pub evaluation: Option<Evaluation>,
    /// The grant that would let the caller's side allow the request.
    pub grant: Option<Grant>,
    /// The trust policy statement that would let the caller put the mask on.
    pub trust: Option<TrustGrant>,
    /// A change of parameters that fixes a refused call.
    pub request_change: Option<RequestChange>,
    /// The JSON pointer of the AssumeRole call's parameters, for request changes.
    pub call_pointer: Option<String>,
    /// The caller's account and name, for an MFA device ARN.
    pub caller_name: Option<(String, String)>,
}

/// A statement to grant on the caller's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Whose policies to change.
    pub grantee: Option<Grantee>,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// Conditions: `(operator, key, values)`.
    pub conditions: Vec<(String, String, Vec<String>)>,
}

impl Grant {
    /// Exactly `action` on `resource`.
    pub fn exact(
        grantee: Option<Grantee>,
        action: &str,
        resource: &str,
        conditions: Vec<(String, String, Vec<String>)>,
    ) -> Self {
        Self { grantee, action: action.to_string(), resource: resource.to_string(), conditions }
    }
}

/// A statement to add to a role's trust policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustGrant {
    /// `roles[i]`.
    pub role: usize,
    /// Who to name.
    pub principal: TrustPrincipal,
    /// `sts:AssumeRole`, `sts:TagSession`, `sts:SetSourceIdentity`.
    pub action: String,
}

/// Plays a world without fixes: the result and the fixer's notes for each step.
pub type Replay<'r> = &'r dyn Fn(&World) -> (FlowResult, Vec<StepMeta>);

/// The smallest verified fix for step `step_id`, if Omen can find one.
pub fn suggest(world: &World, step_id: &str, meta: &StepMeta, replay: Replay) -> Option<Fix> {
    let mut current = world.clone();
    let mut meta = meta.clone();
    let mut changes: Vec<Change> = Vec::new();
    for _ in 0..MAX_CHANGES {
        let change = next_change(&current, &meta)?;
        if changes.contains(&change) {
            return None;
        }
        current = apply(&current, &change)?;
        changes.push(change);
        let (result, metas) = replay(&current);
        let position = result.steps.iter().position(|s| s.id == step_id)?;
        let decision = result.steps.get(position)?.decision;
        if matches!(decision, StepDecision::Allowed | StepDecision::NotRequired | StepDecision::Info) {
            return Some(Fix { summary: summary(&changes), changes, verified: true });
        }
        meta = metas.get(position)?.clone();
    }
    None
}

fn summary(changes: &[Change]) -> Text {
    let en = changes.iter().map(|c| c.description().en.clone()).collect::<Vec<_>>().join(" Then: ");
    let ja = changes.iter().map(|c| c.description().ja.clone()).collect::<Vec<_>>().join(" さらに: ");
    Text::new(en, ja)
}

fn next_change(world: &World, meta: &StepMeta) -> Option<Change> {
    if let Some(change) = &meta.request_change {
        return Some(Change::Request(change.clone()));
    }
    let evaluation = meta.evaluation.as_ref()?;
    match evaluation.response.decision {
        Decision::Allowed => None,
        Decision::ExplicitDeny => request_fix_for_deny(meta).or_else(|| remove_deny(world, evaluation)),
        Decision::ImplicitDeny => {
            for rule in evaluation.response.rules.iter().rev() {
                let change = match rule {
                    Rule::ScpLevelWithoutAllow { level } => org_grant(world, meta, PolicyKind::Scp, *level),
                    Rule::RcpLevelWithoutAllow { level } => org_grant(world, meta, PolicyKind::Rcp, *level),
                    Rule::TrustPolicyMustAllow => trust_fix(world, meta),
                    Rule::NoResourcePolicyAllow if meta.trust.is_some() => trust_fix(world, meta),
                    Rule::NoIdentityAllow => identity_grant(world, meta),
                    Rule::NoBoundaryAllow => limit_grant(world, meta, PolicyKind::PermissionsBoundary),
                    Rule::NoSessionAllow => limit_grant(world, meta, PolicyKind::Session),
                    _ => continue,
                };
                return change;
            }
            None
        }
    }
}

/// The policy text at `pointer` in the world.
fn text_at(world: &World, pointer: &str) -> Option<String> {
    let value = serde_json::to_value(world).ok()?;
    value.pointer(pointer).and_then(Value::as_str).map(str::to_string)
}

/// The world with `change` made.
pub fn apply(world: &World, change: &Change) -> Option<World> {
    let mut value = serde_json::to_value(world).ok()?;
    match change {
        Change::Request(change) => {
            let (parent, key) = change.pointer.rsplit_once('/')?;
            value.pointer_mut(parent)?.as_object_mut()?.insert(key.to_string(), change.after.clone());
        }
        Change::Policy(change) => match change.edit {
            PolicyEdit::AddStatement | PolicyEdit::RemoveStatement => {
                let after = change.after.clone()?;
                *value.pointer_mut(&change.pointer)? = Value::String(after);
            }
            PolicyEdit::NewPolicy => {
                let list = change.pointer.trim_end_matches("/document");
                let (parent, _) = list.rsplit_once('/')?;
                let document = change.after.clone()?;
                let entry = json!({"name": change.policy_name, "document": document});
                match value.pointer_mut(parent)? {
                    Value::Array(items) => items.push(entry),
                    slot @ Value::Null => *slot = Value::Array(vec![entry]),
                    _ => return None,
                }
            }
            PolicyEdit::DeletePolicy => {
                let entry = change.pointer.trim_end_matches("/document");
                let (parent, index) = entry.rsplit_once('/')?;
                match value.pointer_mut(parent)? {
                    Value::Array(items) => {
                        let index: usize = index.parse().ok()?;
                        (index < items.len()).then(|| items.remove(index))?;
                    }
                    Value::Object(fields) => {
                        fields.remove(index)?;
                    }
                    _ => return None,
                }
            }
        },
    }
    serde_json::from_value(value).ok()
}

fn remove_deny(world: &World, evaluation: &Evaluation) -> Option<Change> {
    let deciding = evaluation.response.deciding_statements();
    let deny = deciding.first()?;
    let source = evaluation.builder.source_of(&deny.policy)?;
    if !source.location.is_editable() || is_aws_managed(world, source) {
        return None;
    }
    let before = text_at(world, &source.pointer)?;
    let label = deny.sid.clone().map_or_else(|| format!("#{}", deny.statement_index), |sid| format!("`{sid}`"));
    let request = &evaluation.request;
    let (edit, after) = match remove_statement(&before, source.id.kind, deny.statement_index) {
        Some(after) => (PolicyEdit::RemoveStatement, Some(after)),
        None if matches!(source.id.kind, PolicyKind::Trust) => return None,
        None => (PolicyEdit::DeletePolicy, None),
    };
    let kind_en = source.id.kind.aws_phrase();
    let description = Text::new(
        format!(
            "Remove statement {label} from {kind_en} `{}` of {} (or narrow it so that it no longer matches): it denies `{}` on `{}`, and an explicit deny wins over every allow.",
            source.id.name, source.owner, request.action, request.resource
        ),
        format!(
            "{} の {} `{}` からステートメント {label} を削除します (またはこのリクエストに一致しないよう絞り込みます)。これは `{}` に対する `{}` を拒否しており、明示的な Deny はどの Allow よりも優先されます。",
            source.owner,
            kind_ja(source.id.kind),
            source.id.name,
            request.resource,
            request.action
        ),
    );
    Some(Change::Policy(PolicyChange {
        edit,
        location: source.location.clone(),
        pointer: source.pointer.clone(),
        owner: source.owner.clone(),
        policy_name: source.id.name.clone(),
        policy_type: source.id.kind,
        before: Some(before),
        after,
        description,
    }))
}

fn is_aws_managed(world: &World, source: &PolicySource) -> bool {
    let Ok(value) = serde_json::to_value(world) else {
        return false;
    };
    let entry = source.pointer.trim_end_matches("/document");
    value.pointer(&format!("{entry}/awsManaged")).and_then(Value::as_bool).unwrap_or(false)
}

fn sid_for(action: &str, prefix: &str) -> String {
    let cleaned: String = action
        .split([':', '-', '.', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect::<String>()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{prefix}{cleaned}")
}

fn grant_statement(text: &str, kind: PolicyKind, grant: &Grant, principal: Option<Value>) -> Value {
    let sid = fresh_sid(text, kind, &sid_for(&grant.action, "Allow"));
    statement(&sid, principal, &grant.action, Some(&grant.resource), &grant.conditions)
}

fn grant_phrase(grant: &Grant) -> Text {
    let conditions_en: Vec<String> =
        grant.conditions.iter().map(|(_, key, values)| format!("`{key}` is `{}`", values.join("` or `"))).collect();
    let conditions_ja: Vec<String> =
        grant.conditions.iter().map(|(_, key, values)| format!("`{key}` が `{}`", values.join("` か `"))).collect();
    let when_en =
        if conditions_en.is_empty() { String::new() } else { format!(", only when {}", conditions_en.join(" and ")) };
    let when_ja = if conditions_ja.is_empty() {
        String::new()
    } else {
        format!("（{} の場合のみ）", conditions_ja.join("かつ"))
    };
    if grant.resource == "*" {
        return Text::new(
            format!(
                "allowing `{}` (the request names no particular resource, so `Resource` is `*`){when_en}",
                grant.action
            ),
            format!(
                "`{}` だけを許可する (リクエストが特定のリソースを指定しないため `Resource` は `*`){when_ja}",
                grant.action
            ),
        );
    }
    Text::new(
        format!("allowing `{}` on exactly `{}`{when_en}", grant.action, grant.resource),
        format!("`{}` に対する `{}` だけを許可する{when_ja}", grant.resource, grant.action),
    )
}

fn identity_grant(world: &World, meta: &StepMeta) -> Option<Change> {
    let grant = meta.grant.as_ref()?;
    let (collection, owner, service_linked) = match grant.grantee? {
        Grantee::User(index) => {
            let user = world.users.get(index)?;
            (format!("/users/{index}/policies"), user.identity().ok()?.arn, false)
        }
        Grantee::Role(index) => {
            let role = world.roles.get(index)?;
            (format!("/roles/{index}/policies"), role.identity().ok()?.arn, role.service_linked)
        }
    };
    if service_linked {
        return None;
    }
    let policies = match grant.grantee? {
        Grantee::User(index) => &world.users.get(index)?.policies,
        Grantee::Role(index) => &world.roles.get(index)?.policies,
    };
    let grantee = grant.grantee?;
    let location_of = |policy: usize| match grantee {
        Grantee::User(user) => PolicyLocation::UserPolicy { user, policy },
        Grantee::Role(role) => PolicyLocation::RolePolicy { role, policy },
    };
    let phrase = grant_phrase(grant);
    let editable = policies.iter().position(|p| !p.aws_managed && !p.document.as_str().trim().is_empty());
    if let Some(index) = editable {
        let named = policies.get(index)?;
        let before = named.document.as_str().to_string();
        let added = grant_statement(&before, PolicyKind::Identity, grant, None);
        let after = append_statement(&before, PolicyKind::Identity, &added)?;
        let name = if named.name.is_empty() { format!("policy-{index}") } else { named.name.clone() };
        return Some(Change::Policy(PolicyChange {
            edit: PolicyEdit::AddStatement,
            location: location_of(index),
            pointer: format!("{collection}/{index}/document"),
            owner: owner.clone(),
            policy_name: name.clone(),
            policy_type: PolicyKind::Identity,
            before: Some(before),
            after: Some(after),
            description: Text::new(
                format!("Add to the identity-based policy `{name}` of `{owner}` a statement {}.", phrase.en),
                format!(
                    "`{owner}` のアイデンティティベースのポリシー `{name}` に、{}ステートメントを追加します。",
                    phrase.ja
                ),
            ),
        }));
    }
    let added = grant_statement("", PolicyKind::Identity, grant, None);
    let name = sid_for(&grant.action, "Allow");
    let index = policies.len();
    Some(Change::Policy(PolicyChange {
        edit: PolicyEdit::NewPolicy,
        location: location_of(index),
        pointer: format!("{collection}/{index}/document"),
        owner: owner.clone(),
        policy_name: name.clone(),
        policy_type: PolicyKind::Identity,
        before: None,
        after: Some(new_policy(vec![added])),
        description: Text::new(
            format!(
                "Attach to `{owner}` a new inline policy `{name}` {} (its other policies are AWS managed and cannot be edited).",
                phrase.en
            ),
            format!(
                "`{owner}` に、{}新しいインラインポリシー `{name}` をアタッチします (既存のポリシーは AWS 管理ポリシーで編集できません)。",
                phrase.ja
            ),
        ),
    }))
}

/// Add the grant to an existing policy of `kind` among the evaluation's sources.
fn add_to_source(world: &World, meta: &StepMeta, source: &PolicySource, principal: Option<Value>) -> Option<Change> {
    let grant = meta.grant.as_ref()?;
    if !source.location.is_editable() || is_aws_managed(world, source) {
        return None;
    }
    let before = text_at(world, &source.pointer)?;
    let added = grant_statement(&before, source.id.kind, grant, principal);
    let after = append_statement(&before, source.id.kind, &added)?;
    let phrase = grant_phrase(grant);
    let kind_en = source.id.kind.aws_phrase();
    let description = Text::new(
        format!(
            "Add to the {kind_en} `{}` of {} a statement {} — it caps what the other policies grant, so it must allow too.",
            source.id.name, source.owner, phrase.en
        ),
        format!(
            "{} の {} `{}` に、{}ステートメントを追加します。これは他のポリシーの許可に上限をかけるため、ここでも許可が必要です。",
            source.owner,
            kind_ja(source.id.kind),
            source.id.name,
            phrase.ja
        ),
    );
    Some(Change::Policy(PolicyChange {
        edit: PolicyEdit::AddStatement,
        location: source.location.clone(),
        pointer: source.pointer.clone(),
        owner: source.owner.clone(),
        policy_name: source.id.name.clone(),
        policy_type: source.id.kind,
        before: Some(before),
        after: Some(after),
        description,
    }))
}

fn limit_grant(world: &World, meta: &StepMeta, kind: PolicyKind) -> Option<Change> {
    let evaluation = meta.evaluation.as_ref()?;
    let source = evaluation.builder.sources.iter().find(|s| s.id.kind == kind)?;
    add_to_source(world, meta, source, None)
}

fn org_grant(world: &World, meta: &StepMeta, kind: PolicyKind, level: usize) -> Option<Change> {
    let evaluation = meta.evaluation.as_ref()?;
    let source = evaluation.builder.sources.iter().find(|s| s.id.kind == kind && s.id.level == Some(level))?;
    let principal = (kind == PolicyKind::Rcp).then(|| Value::String("*".into()));
    add_to_source(world, meta, source, principal)
}

fn trust_fix(world: &World, meta: &StepMeta) -> Option<Change> {
    if let Some(change) = request_fix_for_trust_condition(meta) {
        return Some(change);
    }
    if named_with_failed_condition(meta) {
        // The trust policy names the caller but a condition stops it, and no parameter can meet
        // it: granting without the condition would be broader than the policy meant.
        return None;
    }
    let trust = meta.trust.as_ref()?;
    let role = world.roles.get(trust.role)?;
    if role.service_linked {
        return None;
    }
    let role_arn = role.identity().ok()?.arn;
    let (principal, who_en, who_ja) = match &trust.principal {
        TrustPrincipal::Aws(arn) => (json!({"AWS": arn}), format!("`{arn}`"), format!("`{arn}`")),
        TrustPrincipal::Service(service) => {
            (json!({"Service": service}), format!("the service `{service}`"), format!("サービス `{service}`"))
        }
    };
    let pointer = format!("/roles/{}/trustPolicy", trust.role);
    let location = PolicyLocation::TrustPolicy { role: trust.role };
    let before = role.trust_policy.as_ref().map(|t| t.as_str().to_string()).filter(|t| !t.trim().is_empty());
    let short = match &trust.principal {
        TrustPrincipal::Aws(arn) => arn.rsplit('/').next().unwrap_or("Caller").to_string(),
        TrustPrincipal::Service(service) => service.split('.').next().unwrap_or("Service").to_string(),
    };
    let (edit, after) = match &before {
        Some(text) => {
            let sid = fresh_sid(text, PolicyKind::Trust, &sid_for(&short, "Trust"));
            (
                PolicyEdit::AddStatement,
                append_statement(text, PolicyKind::Trust, &statement(&sid, Some(principal), &trust.action, None, &[]))?,
            )
        }
        None => {
            let sid = sid_for(&short, "Trust");
            (PolicyEdit::AddStatement, new_policy(vec![statement(&sid, Some(principal), &trust.action, None, &[])]))
        }
    };
    Some(Change::Policy(PolicyChange {
        edit,
        location,
        pointer,
        owner: role_arn.clone(),
        policy_name: "trust policy".into(),
        policy_type: PolicyKind::Trust,
        before,
        after: Some(after),
        description: Text::new(
            format!(
                "Add to the trust policy of `{role_arn}` a statement that lets {who_en} call `{}`: the trust policy decides who may put the mask on.",
                trust.action
            ),
            format!(
                "`{role_arn}` の信頼ポリシー (trust policy) に、{who_ja} が `{}` できるステートメントを追加します。お面をかぶってよい相手を決めるのは信頼ポリシーです。",
                trust.action
            ),
        ),
    }))
}

/// A trust statement that names the caller and covers the action but whose condition is false.
fn failed_trust_condition(meta: &StepMeta) -> Option<(String, String, Vec<String>)> {
    let evaluation = meta.evaluation.as_ref()?;
    let trust = evaluation.builder.set.resource.as_ref()?;
    let evaluated = evaluation.response.policies.iter().find(|p| p.id.kind == PolicyKind::Trust)?;
    evaluated.statements.iter().find_map(|s| {
        let StatementOutcome::ConditionFailed { clause } = s.outcome else {
            return None;
        };
        let statement = trust.policy.statements.iter().find(|t| t.index == s.statement_index)?;
        let condition = statement.conditions.get(clause)?;
        Some((
            condition.operator.value.name(),
            condition.key.value.clone(),
            condition.values.iter().map(|v| v.value.clone()).collect(),
        ))
    })
}

fn named_with_failed_condition(meta: &StepMeta) -> bool {
    failed_trust_condition(meta).is_some()
}

/// A Deny that applies because the call lacks MFA is lifted by calling with MFA, not by removing
/// the guard.
fn request_fix_for_deny(meta: &StepMeta) -> Option<Change> {
    let evaluation = meta.evaluation.as_ref()?;
    let deny = evaluation.response.deciding_statements().into_iter().next()?;
    let attached = crate::explain::find_policy(&evaluation.builder.set, &deny.policy)?;
    let statement = attached.policy.statements.iter().find(|s| s.index == deny.statement_index)?;
    statement.conditions.iter().find_map(|condition| {
        let key = condition.key.value.to_ascii_lowercase();
        if key != "aws:multifactorauthpresent" && key != "aws:multifactorauthage" {
            return None;
        }
        request_change_for(meta, &condition.operator.value.name(), &condition.key.value, &["true".to_string()])
    })
}

/// For a trust condition the caller can meet by calling differently, the parameter to set.
fn request_fix_for_trust_condition(meta: &StepMeta) -> Option<Change> {
    let (operator, key, values) = failed_trust_condition(meta)?;
    request_change_for(meta, &operator, &key, &values)
}

/// The parameter change that makes the condition `operator key values` hold, if one can.
fn request_change_for(meta: &StepMeta, operator: &str, key: &str, values: &[String]) -> Option<Change> {
    let call = meta.call_pointer.as_ref()?;
    let literal = values.iter().find(|v| !v.contains(['*', '?']) && !v.contains("${")).cloned();
    let key_lower = key.to_ascii_lowercase();
    let current = |field: &str| {
        meta.evaluation.as_ref().and_then(|e| e.request.context.first(field)).map(|v| Value::String(v.to_string()))
    };
    let (parameter, field, before, after, en, ja) = match key_lower.as_str() {
        "sts:externalid" => {
            let value = literal?;
            (
                "ExternalId",
                "externalId",
                current("sts:ExternalId"),
                Value::String(value.clone()),
                format!("Call with `ExternalId` = `{value}`, the value the trust policy expects (it guards against the confused deputy)."),
                format!("信頼ポリシーが期待する `ExternalId` = `{value}` を付けて呼び出します (混乱した代理問題を防ぐための値です)。"),
            )
        }
        "aws:multifactorauthpresent" | "aws:multifactorauthage" => {
            if key_lower == "aws:multifactorauthpresent" && !values.iter().any(|v| v.eq_ignore_ascii_case("true")) {
                return None;
            }
            let (account, name) = meta.caller_name.clone()?;
            let serial = format!("arn:aws:iam::{account}:mfa/{name}");
            (
                "SerialNumber, TokenCode",
                "mfa",
                None,
                json!({"serialNumber": serial, "tokenCode": "123456"}),
                format!("Call with `SerialNumber` = `{serial}` and a `TokenCode` from that MFA device: a condition ({operator} `{key}`) requires MFA, and MFA on the call makes `aws:MultiFactorAuthPresent` true."),
                format!("`SerialNumber` = `{serial}` とその MFA デバイスの `TokenCode` を付けて呼び出します。条件 ({operator} `{key}`) が MFA を要求しており、呼び出しに MFA を付けると `aws:MultiFactorAuthPresent` が true になります。"),
            )
        }
        "sts:rolesessionname" => {
            let value = literal?;
            (
                "RoleSessionName",
                "roleSessionName",
                current("sts:RoleSessionName"),
                Value::String(value.clone()),
                format!("Call with `RoleSessionName` = `{value}`, as the trust policy requires."),
                format!("信頼ポリシーの要求どおり `RoleSessionName` = `{value}` で呼び出します。"),
            )
        }
        "sts:sourceidentity" => {
            let value = literal?;
            (
                "SourceIdentity",
                "sourceIdentity",
                current("sts:SourceIdentity"),
                Value::String(value.clone()),
                format!("Call with `SourceIdentity` = `{value}`, as the trust policy requires."),
                format!("信頼ポリシーの要求どおり `SourceIdentity` = `{value}` で呼び出します。"),
            )
        }
        _ => return None,
    };
    Some(Change::Request(RequestChange {
        pointer: format!("{call}/{field}"),
        parameter: parameter.to_string(),
        before,
        after,
        description: Text::new(en, ja),
    }))
}

/// Whether a trust statement names principals of `kind` (used by explanations).
pub fn trust_names(policy: &crate::policy::Policy, kind: PrincipalType, value: &str) -> bool {
    policy.statements.iter().any(|s| {
        s.principal
            .as_ref()
            .is_some_and(|p| !p.negated && p.entries.iter().any(|e| e.principal_type == kind && e.value.value == value))
    })
}

fn kind_ja(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "アイデンティティベースのポリシー",
        PolicyKind::PermissionsBoundary => "アクセス許可の境界 (permissions boundary)",
        PolicyKind::Session => "セッションポリシー",
        PolicyKind::Trust => "信頼ポリシー (trust policy)",
        PolicyKind::Resource => "リソースベースのポリシー",
        PolicyKind::Scp => "SCP",
        PolicyKind::Rcp => "RCP",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sids_are_alphanumeric() {
        assert_eq!(sid_for("iam:PassRole", "Allow"), "AllowIamPassRole");
        assert_eq!(sid_for("lambda", "Trust"), "TrustLambda");
        assert_eq!(sid_for("test-user", "Trust"), "TrustTestUser");
    }
}
