//! Fix suggestions: for a failing step, the smallest change — to one policy, or to the call's
//! parameters — that makes it pass. Never broader than the request that failed (the exact action
//! on the exact resource, with `iam:PassedToService` for PassRole); for an explicit deny, the
//! statement to remove or narrow rather than a grant. Every fix is verified by playing the world
//! again with the change; a change that does not flip the step is not offered.

mod tags;

use super::edit::{append_statement, fresh_sid, new_policy, remove_statement, statement};
use super::hints::{FixHints, TokenHint, TrustGrant};
use super::note::{ChangeNote, Grant};
use super::result::{Change, Fix, FlowResult, PolicyChange, PolicyEdit, RequestChange, StepDecision, Text};
use crate::evaluate::{Decision, Rule, StatementOutcome};
use crate::policy::{ConditionClause, PolicyKind, Statement};
use crate::sts::{Evaluation, Grantee, PolicySource, TrustPrincipal};
use crate::world::{PolicyLocation, World};
use serde_json::{json, Value};

/// The most changes one fix may combine (say: remove a deny, then grant).
const MAX_CHANGES: usize = 4;

/// Plays a world without fixes or words: the result and the fix hints of each step.
pub type Replay<'r> = &'r dyn Fn(&World) -> (FlowResult, Vec<FixHints>);

/// A change, and what it does.
type Proposal = (Change, ChangeNote);

/// A condition as `(operator, key, values)`.
type Clause = (String, String, Vec<String>);

/// The smallest verified fix for step `step_id`, if Omen can find one, with what each change
/// does; its words are left for `explain` to render.
pub fn suggest(world: &World, step_id: &str, hints: &FixHints, replay: Replay) -> Option<(Fix, Vec<ChangeNote>)> {
    let mut current = world.clone();
    let mut hints = hints.clone();
    let mut changes: Vec<Change> = Vec::new();
    let mut notes = Vec::new();
    for _ in 0..MAX_CHANGES {
        let (change, note) = next_change(&current, &hints)?;
        if changes.contains(&change) {
            return None;
        }
        current = apply(&current, &change)?;
        changes.push(change);
        notes.push(note);
        let (result, all_hints) = replay(&current);
        let position = result.steps.iter().position(|s| s.id == step_id)?;
        let decision = result.steps.get(position)?.decision;
        if matches!(decision, StepDecision::Allowed | StepDecision::NotRequired | StepDecision::Info) {
            return Some((Fix { summary: Text::default(), changes, verified: true }, notes));
        }
        hints = all_hints.get(position)?.clone();
    }
    None
}

fn next_change(world: &World, hints: &FixHints) -> Option<Proposal> {
    if let Some((change, note)) = &hints.request_change {
        return Some((Change::Request(change.clone()), note.clone()));
    }
    if let (Some(value), Some(token)) = (&hints.audience, &hints.token) {
        let key = format!("{}:aud", token.prefix);
        let was = token.claims.iter().find(|(k, _)| *k == key).map(|(_, v)| v.join(", ")).unwrap_or_default();
        let note = ChangeNote::TokenAudience { key: key.clone(), value: value.clone(), was };
        return token_claim_change(world, hints, token, &key, std::slice::from_ref(value), note);
    }
    let evaluation = hints.evaluation.as_ref()?;
    match evaluation.response.decision {
        Decision::Allowed => None,
        Decision::ExplicitDeny => request_fix_for_deny(hints).or_else(|| remove_deny(world, evaluation)),
        Decision::ImplicitDeny => {
            for rule in evaluation.response.rules.iter().rev() {
                let change = match rule {
                    Rule::ScpLevelWithoutAllow { level } => org_grant(world, hints, PolicyKind::Scp, *level),
                    Rule::RcpLevelWithoutAllow { level } => org_grant(world, hints, PolicyKind::Rcp, *level),
                    Rule::TrustPolicyMustAllow => trust_fix(world, hints),
                    Rule::NoResourcePolicyAllow if hints.trust.is_some() => trust_fix(world, hints),
                    Rule::NoIdentityAllow => identity_grant(world, hints),
                    Rule::NoBoundaryAllow => limit_grant(world, hints, PolicyKind::PermissionsBoundary),
                    Rule::NoSessionAllow => limit_grant(world, hints, PolicyKind::Session),
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
    world.documents().into_iter().find(|d| d.pointer == pointer).map(|d| d.text)
}

/// The world with `change` made.
pub fn apply(world: &World, change: &Change) -> Option<World> {
    let mut value = world.to_value();
    match change {
        Change::Request(change) => {
            let (parent, key) = change.pointer.rsplit_once('/')?;
            value.pointer_mut(parent)?.as_object_mut()?.insert(key.to_string(), change.after.clone());
        }
        Change::Policy(change) => match change.edit {
            PolicyEdit::AddStatement | PolicyEdit::RemoveStatement | PolicyEdit::ChangeCondition => {
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
    World::from_value(&value).ok()
}

fn remove_deny(world: &World, evaluation: &Evaluation) -> Option<Proposal> {
    let deciding = evaluation.response.deciding_statements();
    let deny = deciding.first()?;
    let source = evaluation.builder.source_of(&deny.policy)?;
    if !source.location.is_editable() || is_aws_managed(world, source) {
        return None;
    }
    let before = text_at(world, &source.pointer)?;
    let label = quoted_label(deny.sid.as_deref(), deny.statement_index);
    let request = &evaluation.request;
    let (edit, after) = match remove_statement(&before, source.id.kind, deny.statement_index) {
        Some(after) => (PolicyEdit::RemoveStatement, Some(after)),
        None if matches!(source.id.kind, PolicyKind::Trust) => return None,
        None => (PolicyEdit::DeletePolicy, None),
    };
    let note = ChangeNote::RemoveDeny {
        statement: label,
        kind: source.id.kind,
        policy: source.id.name.clone(),
        owner: source.owner.clone(),
        action: request.action.clone(),
        resource: request.resource.clone(),
    };
    Some((
        Change::Policy(PolicyChange {
            edit,
            location: source.location.clone(),
            pointer: source.pointer.clone(),
            owner: source.owner.clone(),
            policy_name: source.id.name.clone(),
            policy_type: source.id.kind,
            before: Some(before),
            after,
            description: Text::default(),
        }),
        note,
    ))
}

/// A statement as fixes name it: its `Sid` in backticks, or `#n` counted from 1.
fn quoted_label(sid: Option<&str>, index: usize) -> String {
    sid.map_or_else(|| format!("#{}", index + 1), |sid| format!("`{sid}`"))
}

fn is_aws_managed(world: &World, source: &PolicySource) -> bool {
    world.documents().iter().any(|d| d.pointer == source.pointer && d.aws_managed && d.kind != PolicyKind::Trust)
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

fn identity_grant(world: &World, hints: &FixHints) -> Option<Proposal> {
    let grant = hints.grant.as_ref()?;
    let (owner, service_linked) = match grant.grantee? {
        Grantee::User(index) => (world.users.get(index)?.identity().ok()?.arn, false),
        Grantee::Role(index) => {
            let role = world.roles.get(index)?;
            (role.identity().ok()?.arn, role.service_linked)
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
    let editable = policies.iter().position(|p| !p.aws_managed && !p.document.as_str().trim().is_empty());
    if let Some(index) = editable {
        let named = policies.get(index)?;
        let before = named.document.as_str().to_string();
        let added = grant_statement(&before, PolicyKind::Identity, grant, None);
        let after = append_statement(&before, PolicyKind::Identity, &added)?;
        let name = if named.name.is_empty() { format!("policy-{index}") } else { named.name.clone() };
        let change = Change::Policy(PolicyChange {
            edit: PolicyEdit::AddStatement,
            pointer: location_of(index).pointer(),
            location: location_of(index),
            owner: owner.clone(),
            policy_name: name.clone(),
            policy_type: PolicyKind::Identity,
            before: Some(before),
            after: Some(after),
            description: Text::default(),
        });
        return Some((change, ChangeNote::AddToIdentityPolicy { policy: name, owner, grant: grant.clone() }));
    }
    let added = grant_statement("", PolicyKind::Identity, grant, None);
    let name = sid_for(&grant.action, "Allow");
    let index = policies.len();
    let change = Change::Policy(PolicyChange {
        edit: PolicyEdit::NewPolicy,
        pointer: location_of(index).pointer(),
        location: location_of(index),
        owner: owner.clone(),
        policy_name: name.clone(),
        policy_type: PolicyKind::Identity,
        before: None,
        after: Some(new_policy(vec![added])),
        description: Text::default(),
    });
    Some((change, ChangeNote::NewInlinePolicy { policy: name, owner, grant: grant.clone() }))
}

/// Add the grant to an existing policy of `kind` among the evaluation's sources.
fn add_to_source(world: &World, hints: &FixHints, source: &PolicySource, principal: Option<Value>) -> Option<Proposal> {
    let grant = hints.grant.as_ref()?;
    if !source.location.is_editable() || is_aws_managed(world, source) {
        return None;
    }
    let before = text_at(world, &source.pointer)?;
    let added = grant_statement(&before, source.id.kind, grant, principal);
    let after = append_statement(&before, source.id.kind, &added)?;
    let note = ChangeNote::AddToCap {
        kind: source.id.kind,
        policy: source.id.name.clone(),
        owner: source.owner.clone(),
        grant: grant.clone(),
    };
    Some((
        Change::Policy(PolicyChange {
            edit: PolicyEdit::AddStatement,
            location: source.location.clone(),
            pointer: source.pointer.clone(),
            owner: source.owner.clone(),
            policy_name: source.id.name.clone(),
            policy_type: source.id.kind,
            before: Some(before),
            after: Some(after),
            description: Text::default(),
        }),
        note,
    ))
}

fn limit_grant(world: &World, hints: &FixHints, kind: PolicyKind) -> Option<Proposal> {
    let evaluation = hints.evaluation.as_ref()?;
    let source = evaluation.builder.sources.iter().find(|s| s.id.kind == kind)?;
    add_to_source(world, hints, source, None)
}

fn org_grant(world: &World, hints: &FixHints, kind: PolicyKind, level: usize) -> Option<Proposal> {
    let evaluation = hints.evaluation.as_ref()?;
    let source = evaluation.builder.sources.iter().find(|s| s.id.kind == kind && s.id.level == Some(level))?;
    let principal = (kind == PolicyKind::Rcp).then(|| Value::String("*".into()));
    add_to_source(world, hints, source, principal)
}

fn trust_fix(world: &World, hints: &FixHints) -> Option<Proposal> {
    if hints.trust.as_ref().is_some_and(|t| t.action == "sts:TagSession") {
        if let Some(change) = tags::tag_session_fix(world, hints) {
            return Some(change);
        }
    }
    if let (Some(trust), Some(token)) = (&hints.trust, &hints.token) {
        if let TrustPrincipal::Federated(provider) = &trust.principal {
            return federated_trust_fix(world, hints, trust, provider, token);
        }
    }
    if let Some(change) = request_fix_for_trust_condition(hints) {
        return Some(change);
    }
    if named_with_failed_condition(hints) {
        // The trust policy names the caller but a condition stops it, and no parameter can meet
        // it: granting without the condition would be broader than the policy meant.
        return None;
    }
    let trust = hints.trust.as_ref()?;
    let (role, role_arn) = editable_role(world, trust)?;
    let principal = match &trust.principal {
        TrustPrincipal::Aws(arn) => json!({"AWS": arn}),
        TrustPrincipal::Service(service) => json!({"Service": service}),
        TrustPrincipal::Federated(provider) => json!({"Federated": provider}),
    };
    let before = role.trust_policy.as_ref().map(|t| t.as_str().to_string()).filter(|t| !t.trim().is_empty());
    let short = match &trust.principal {
        TrustPrincipal::Aws(arn) => crate::arn::Arn::parse(arn).map_or("Caller", |arn| arn.name()).to_string(),
        TrustPrincipal::Service(service) => service.split('.').next().unwrap_or("Service").to_string(),
        TrustPrincipal::Federated(provider) => provider_short_name(provider),
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
    Some(trust_proposal(trust, role_arn, edit, before, after, Vec::new(), None))
}

/// The change that gives the trust policy of `role_arn` (the role of `trust`) the text `after`,
/// and its note: the role now trusts `trust`'s principal for its action, under `conditions`
/// (`overrides` names the condition key the new statement meets where the old one did not).
fn trust_proposal(
    trust: &TrustGrant,
    role_arn: String,
    edit: PolicyEdit,
    before: Option<String>,
    after: String,
    conditions: Vec<Clause>,
    overrides: Option<String>,
) -> Proposal {
    let location = PolicyLocation::TrustPolicy { role: trust.role };
    let change = Change::Policy(PolicyChange {
        edit,
        pointer: location.pointer(),
        location,
        owner: role_arn.clone(),
        policy_name: "trust policy".into(),
        policy_type: PolicyKind::Trust,
        before,
        after: Some(after),
        description: Text::default(),
    });
    let note = ChangeNote::AddTrust {
        role: role_arn,
        principal: trust.principal.clone(),
        action: trust.action.clone(),
        conditions,
        overrides,
    };
    (change, note)
}

/// The role whose trust policy a fix for `trust` edits, and its ARN; never a service-linked role,
/// whose trust only its service may change ("Using service-linked roles").
fn editable_role<'w>(world: &'w World, trust: &TrustGrant) -> Option<(&'w crate::world::Role, String)> {
    let role = world.roles.get(trust.role)?;
    if role.service_linked {
        return None;
    }
    Some((role, role.identity().ok()?.arn))
}

/// The claims a new trust statement for an identity provider pins when no statement of the trust
/// policy reads any: the audience and the subject. "Create a role for OpenID Connect federation"
/// conditions on `PROVIDER:aud` (`:app_id` for Login with Amazon and Facebook) and `PROVIDER:sub`
/// (for GitHub Actions IAM recommends always evaluating `token.actions.githubusercontent.com:sub`);
/// "Create a role for SAML 2.0 federation" conditions on `SAML:aud`.
const PINNED_CLAIMS: [&str; 3] = ["aud", "app_id", "sub"];

/// A refused `sts:AssumeRoleWithWebIdentity` / `sts:AssumeRoleWithSAML` (or the `sts:TagSession`
/// riding on it): the trust policy decides alone ("AssumeRoleWithWebIdentity",
/// "AssumeRoleWithSAML", STS API reference), so the fix is there or in the token.
///
/// - A statement names the provider and the action but its condition reads a claim the token does
///   not carry, and expects one literal value: the identity provider must put that claim in the
///   token (an `aud` the workflow did not ask for, a SAML audience the IdP left out).
/// - A statement names the provider and the action but the token's claim has another value (a
///   workflow of another repository, another SAML audience): a new statement pins the claims that
///   statement reads to this token's values — `StringEquals`, exactly this token, never broader.
/// - No statement names the provider for the action: a new statement with `Principal.Federated`
///   and the call's own action, pinned to the token's audience and subject.
fn federated_trust_fix(
    world: &World,
    hints: &FixHints,
    trust: &TrustGrant,
    provider: &str,
    token: &TokenHint,
) -> Option<Proposal> {
    let claim = |key: &str| token.claims.iter().find(|(k, _)| k.eq_ignore_ascii_case(key));
    let is_claim_key =
        |key: &str| key.split_once(':').is_some_and(|(prefix, _)| prefix.eq_ignore_ascii_case(&token.prefix));
    let mut overrides = None;
    let pins: Vec<Clause> = match failed_trust_statement(hints) {
        Some((failed, keys)) => {
            let (_, key, values) = failed;
            if !is_claim_key(&key) {
                // A condition on something other than the token (a source IP, a date): no change
                // to the claims can meet it, and dropping it would be broader than meant.
                return None;
            }
            if claim(&key).is_none() {
                let note = ChangeNote::TokenClaim {
                    key: key.clone(),
                    value: values.first().cloned().unwrap_or_default(),
                    saml: token.saml,
                };
                return token_claim_change(world, hints, token, &key, &values, note);
            }
            overrides = Some(key);
            keys.iter()
                .filter(|k| is_claim_key(k))
                .filter_map(|k| claim(k).map(|(key, values)| pin(key, values)))
                .collect()
        }
        None => PINNED_CLAIMS
            .iter()
            .filter_map(|name| claim(&format!("{}:{name}", token.prefix)).map(|(key, values)| pin(key, values)))
            .collect(),
    };
    let role = world.roles.get(trust.role)?;
    let role_arn = role.identity().ok()?.arn;
    let before = role.trust_policy.as_ref().map(|t| t.as_str().to_string()).filter(|t| !t.trim().is_empty());
    let principal = Some(json!({"Federated": provider}));
    let base = sid_for(&provider_short_name(provider), "Trust");
    let after = match &before {
        Some(text) => {
            let sid = fresh_sid(text, PolicyKind::Trust, &base);
            append_statement(text, PolicyKind::Trust, &statement(&sid, principal, &trust.action, None, &pins))?
        }
        None => new_policy(vec![statement(&base, principal, &trust.action, None, &pins)]),
    };
    Some(trust_proposal(trust, role_arn, PolicyEdit::AddStatement, before, after, pins, overrides))
}

/// `StringEquals` on a single-valued claim, `ForAnyValue:StringEquals` on a multivalued one
/// (`cognito-identity.amazonaws.com:amr`; "Condition operators" — set operators for multivalued
/// context keys).
fn pin(key: &str, values: &[String]) -> Clause {
    let operator = if values.len() > 1 { "ForAnyValue:StringEquals" } else { "StringEquals" };
    (operator.to_string(), key.to_string(), values.to_vec())
}

/// A short name for an identity provider, for a new statement's `Sid`: the provider's name
/// without its ARN (`token.actions.githubusercontent.com` → `Token`; a SAML provider's name).
fn provider_short_name(provider: &str) -> String {
    let name = provider.rsplit_once(":oidc-provider/").map_or(provider, |(_, host)| host);
    let name = name.rsplit_once(":saml-provider/").map_or(name, |(_, saml)| saml);
    match name.split(['.', '/']).next() {
        Some("token") if name.starts_with("token.actions.githubusercontent.com") => "GitHubActions".to_string(),
        Some(first) if !first.is_empty() => first.to_string(),
        _ => "Provider".to_string(),
    }
}

/// The token should carry the claim `key` with the one literal value of `values` (it lacks the
/// claim a trust condition expects, or carries an audience STS refused): the identity provider
/// must issue it so; `note` says which.
fn token_claim_change(
    world: &World,
    hints: &FixHints,
    token: &TokenHint,
    key: &str,
    values: &[String],
    note: ChangeNote,
) -> Option<Proposal> {
    let [value] = values else {
        return None;
    };
    if value.contains(['*', '?']) || value.contains("${") {
        return None;
    }
    let call = hints.call_pointer.as_ref()?;
    let pointer = format!("{call}/claims");
    let before = world.to_value().pointer(&pointer).cloned().filter(|v| !v.is_null());
    let mut claims = match &before {
        Some(Value::Object(claims)) => claims.clone(),
        None => serde_json::Map::new(),
        Some(_) => return None,
    };
    // A claim is written by its name; `PROVIDER:claim` and `SAML:claim` are the context keys
    // `flow::steps::federated` makes of it.
    let name = key.split_once(':').map_or(key, |(_, name)| name);
    claims.insert(name.to_string(), Value::String(value.clone()));
    let parameter = if token.saml { "SAMLAssertion" } else { "WebIdentityToken" };
    Some((
        Change::Request(RequestChange {
            pointer,
            parameter: parameter.to_string(),
            before,
            after: Value::Object(claims),
            description: Text::default(),
        }),
        note,
    ))
}

/// A trust statement that names the caller and covers the action but whose condition is false.
fn failed_trust_condition(hints: &FixHints) -> Option<Clause> {
    failed_trust_statement(hints).map(|(failed, _)| failed)
}

/// The first trust statement that names the caller and covers the action but whose condition is
/// false, with the index of its first false clause.
fn failed_trust_clause(hints: &FixHints) -> Option<(&Statement, usize)> {
    let evaluation = hints.evaluation.as_ref()?;
    let trust = evaluation.builder.set.resource.as_ref()?;
    let evaluated = evaluation.response.policies.iter().find(|p| p.id.kind == PolicyKind::Trust)?;
    evaluated.statements.iter().find_map(|s| {
        let StatementOutcome::ConditionFailed { clause } = s.outcome else {
            return None;
        };
        let statement = trust.policy.statements.iter().find(|t| t.index == s.statement_index)?;
        statement.conditions.get(clause).map(|_| (statement, clause))
    })
}

/// A condition clause as `(operator, key, values)`.
fn clause_of(condition: &ConditionClause) -> Clause {
    (
        condition.operator.value.name(),
        condition.key.value.clone(),
        condition.values.iter().map(|v| v.value.clone()).collect(),
    )
}

/// The first false condition of a trust statement that names the caller and covers the action, as
/// `(operator, key, values)`, and the keys of all of that statement's conditions.
fn failed_trust_statement(hints: &FixHints) -> Option<(Clause, Vec<String>)> {
    let (statement, clause) = failed_trust_clause(hints)?;
    let keys = statement.conditions.iter().map(|c| c.key.value.clone()).collect();
    Some((clause_of(statement.conditions.get(clause)?), keys))
}

fn named_with_failed_condition(hints: &FixHints) -> bool {
    failed_trust_condition(hints).is_some()
}

/// A Deny that applies because the call lacks MFA is lifted by calling with MFA, not by removing
/// the guard.
fn request_fix_for_deny(hints: &FixHints) -> Option<Proposal> {
    let evaluation = hints.evaluation.as_ref()?;
    let deny = evaluation.response.deciding_statements().into_iter().next()?;
    let attached = crate::explain::find_policy(&evaluation.builder.set, &deny.policy)?;
    let statement = attached.policy.statements.iter().find(|s| s.index == deny.statement_index)?;
    statement.conditions.iter().find_map(|condition| {
        let key = condition.key.value.to_ascii_lowercase();
        if key != "aws:multifactorauthpresent" && key != "aws:multifactorauthage" {
            return None;
        }
        request_change_for(hints, &condition.operator.value.name(), &condition.key.value, &["true".to_string()])
    })
}

/// For a trust condition the caller can meet by calling differently, the parameter to set.
fn request_fix_for_trust_condition(hints: &FixHints) -> Option<Proposal> {
    let (operator, key, values) = failed_trust_condition(hints)?;
    request_change_for(hints, &operator, &key, &values)
}

/// The parameter change that makes the condition `operator key values` hold, if one can.
fn request_change_for(hints: &FixHints, operator: &str, key: &str, values: &[String]) -> Option<Proposal> {
    let call = hints.call_pointer.as_ref()?;
    let literal = values.iter().find(|v| !v.contains(['*', '?']) && !v.contains("${")).cloned();
    let key_lower = key.to_ascii_lowercase();
    let current = |field: &str| {
        hints.evaluation.as_ref().and_then(|e| e.request.context.first(field)).map(|v| Value::String(v.to_string()))
    };
    let (parameter, field, before, after, note) = match key_lower.as_str() {
        "sts:externalid" => {
            let value = literal?;
            (
                "ExternalId",
                "externalId",
                current("sts:ExternalId"),
                Value::String(value.clone()),
                ChangeNote::ExternalId { value },
            )
        }
        "aws:multifactorauthpresent" | "aws:multifactorauthage" => {
            if key_lower == "aws:multifactorauthpresent" && !values.iter().any(|v| v.eq_ignore_ascii_case("true")) {
                return None;
            }
            let (account, name) = hints.caller_name.clone()?;
            let serial = format!("arn:aws:iam::{account}:mfa/{name}");
            (
                "SerialNumber, TokenCode",
                "mfa",
                None,
                json!({"serialNumber": serial, "tokenCode": "123456"}),
                ChangeNote::Mfa { serial, operator: operator.to_string(), key: key.to_string() },
            )
        }
        "sts:rolesessionname" => {
            let value = literal?;
            (
                "RoleSessionName",
                "roleSessionName",
                current("sts:RoleSessionName"),
                Value::String(value.clone()),
                ChangeNote::RoleSessionName { value },
            )
        }
        "sts:sourceidentity" => {
            let value = literal?;
            (
                "SourceIdentity",
                "sourceIdentity",
                current("sts:SourceIdentity"),
                Value::String(value.clone()),
                ChangeNote::SourceIdentity { value },
            )
        }
        _ => return None,
    };
    Some((
        Change::Request(RequestChange {
            pointer: format!("{call}/{field}"),
            parameter: parameter.to_string(),
            before,
            after,
            description: Text::default(),
        }),
        note,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Create a role for OpenID Connect federation" / "Create a role for SAML 2.0 federation":
    /// the provider a new trust statement names, shortened for its `Sid`.
    #[test]
    fn provider_short_names_for_sids() {
        let cases = [
            ("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", "GitHubActions"),
            ("arn:aws:iam::111122223333:oidc-provider/gitlab.com", "gitlab"),
            ("arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC", "oidc"),
            ("arn:aws:iam::111122223333:saml-provider/ExampleOrgSSO", "ExampleOrgSSO"),
            ("cognito-identity.amazonaws.com", "cognito-identity"),
            ("", "Provider"),
        ];
        for (provider, short) in cases {
            assert_eq!(provider_short_name(provider), short, "{provider}");
            assert!(sid_for(&provider_short_name(provider), "Trust").chars().all(|c| c.is_ascii_alphanumeric()));
        }
    }

    /// "Condition operators": a multivalued claim (`amr`) is pinned with a set operator.
    #[test]
    fn pins_use_a_set_operator_for_multivalued_claims() {
        let one = pin("gitlab.com:aud", &["https://gitlab.com".to_string()]);
        assert_eq!(one.0, "StringEquals");
        let many =
            pin("cognito-identity.amazonaws.com:amr", &["authenticated".to_string(), "graph.facebook.com".to_string()]);
        assert_eq!(many.0, "ForAnyValue:StringEquals");
        assert_eq!(many.2.len(), 2);
    }

    #[test]
    fn sids_are_alphanumeric() {
        assert_eq!(sid_for("iam:PassRole", "Allow"), "AllowIamPassRole");
        assert_eq!(sid_for("lambda", "Trust"), "TrustLambda");
        assert_eq!(sid_for("test-user", "Trust"), "TrustTestUser");
    }
}
