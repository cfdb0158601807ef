//! Fixes for a refused `sts:TagSession` whose trust statement conditions the session tags: the
//! condition or the tags change, never the statement's other conditions ("Pass session tags in
//! AWS STS" — "Permissions required to add session tags"; "IAM JSON policy elements: Condition" —
//! `aws:RequestTag/tag-key`, `aws:TagKeys`).
//!
//! - `aws:RequestTag/KEY` refuses the tag's value: the condition accepts that value too (the
//!   words say the condition was written to keep other values out).
//! - `aws:RequestTag/KEY` expects one literal value and the call passes no such tag: the call
//!   passes it (for a federated call, the identity provider writes it into the token).
//! - `ForAllValues:… aws:TagKeys` refuses some of the keys: the call leaves those tags out, if any
//!   tag remains (without tags there is no `sts:TagSession` to fix).
//!
//! Each change is kept only if replaying the world with it lets the step pass (`fix::suggest`).

use super::{editable_role, failed_trust_clause, quoted_label, text_at, Proposal};
use crate::condition::evaluate_clause;
use crate::context::RequestContext;
use crate::flow::edit::add_condition_value;
use crate::flow::hints::FixHints;
use crate::flow::note::ChangeNote;
use crate::flow::result::{Change, PolicyChange, PolicyEdit, RequestChange, Text};
use crate::flow::steps::{OIDC_TAGS_CLAIM, SAML_PRINCIPAL_TAG, SAML_TRANSITIVE_TAG_KEYS};
use crate::policy::{ConditionClause, ConditionOperator, OperatorBase, PolicyKind, SetQualifier, Statement};
use crate::world::{PolicyLocation, World};
use serde_json::{Map, Value};

/// The prefix of a session tag's condition key.
const REQUEST_TAG: &str = "aws:RequestTag/";

/// The fix for a refused `sts:TagSession` when the trust statement that would allow it is stopped
/// by a condition on the session tags.
pub(super) fn tag_session_fix(world: &World, hints: &FixHints) -> Option<Proposal> {
    let (statement, index) = failed_trust_clause(hints)?;
    let clause = statement.conditions.get(index)?;
    let ConditionOperator::Known { base, set, .. } = clause.operator.value else {
        return None;
    };
    let positive =
        matches!(base, OperatorBase::StringEquals | OperatorBase::StringEqualsIgnoreCase | OperatorBase::StringLike);
    if !positive || clause.values.iter().any(|v| v.value.contains("${")) {
        // A negated operator or a policy variable: no one value to add or tag to pass.
        return None;
    }
    let key = clause.key.value.as_str();
    if key.eq_ignore_ascii_case("aws:TagKeys") {
        return if set == Some(SetQualifier::ForAllValues) { drop_tags(world, hints, clause) } else { None };
    }
    let prefix = key.get(..REQUEST_TAG.len())?;
    let tag = key.get(REQUEST_TAG.len()..).filter(|_| prefix.eq_ignore_ascii_case(REQUEST_TAG))?;
    if set.is_some() {
        return None;
    }
    match hints.evaluation.as_ref()?.request.context.first(key) {
        Some(value) => allow_value(world, hints, statement, index, key, value),
        None => add_tag(world, hints, clause, tag),
    }
}

/// The trust statement's condition on `key` accepts `value` too.
fn allow_value(
    world: &World,
    hints: &FixHints,
    statement: &Statement,
    clause: usize,
    key: &str,
    value: &str,
) -> Option<Proposal> {
    if value.contains(['*', '?']) {
        return None;
    }
    let trust = hints.trust.as_ref()?;
    let (_, role_arn) = editable_role(world, trust)?;
    let location = PolicyLocation::TrustPolicy { role: trust.role };
    let pointer = location.pointer();
    let before = text_at(world, &pointer)?;
    let after = add_condition_value(&before, PolicyKind::Trust, statement.index, clause, value)?;
    let note = ChangeNote::AllowTagValue {
        role: role_arn.clone(),
        statement: quoted_label(statement.sid.as_ref().map(|s| s.value.as_str()), statement.index),
        key: key.to_string(),
        value: value.to_string(),
    };
    let change = Change::Policy(PolicyChange {
        edit: PolicyEdit::ChangeCondition,
        location,
        pointer,
        owner: role_arn,
        policy_name: "trust policy".into(),
        policy_type: PolicyKind::Trust,
        before: Some(before),
        after: Some(after),
        description: Text::default(),
    });
    Some((change, note))
}

/// The call passes the tag `tag` with the one literal value the condition expects.
fn add_tag(world: &World, hints: &FixHints, clause: &ConditionClause, tag: &str) -> Option<Proposal> {
    let [value] = clause.values.as_slice() else {
        return None;
    };
    let value = value.value.as_str();
    if value.contains(['*', '?']) {
        return None;
    }
    let call = CallTags::of(world, hints)?;
    let mut after = call.object();
    match call.token {
        None => {
            after.insert(tag.to_string(), Value::String(value.to_string()));
        }
        Some(true) => {
            after.insert(format!("{SAML_PRINCIPAL_TAG}{tag}"), Value::String(value.to_string()));
        }
        Some(false) => {
            let claim = after.entry(OIDC_TAGS_CLAIM).or_insert_with(|| Value::Object(Map::new()));
            let tags = claim.as_object_mut()?.entry("principal_tags").or_insert_with(|| Value::Object(Map::new()));
            tags.as_object_mut()?.insert(tag.to_string(), Value::Array(vec![Value::String(value.to_string())]));
        }
    }
    let note = ChangeNote::AddSessionTag { tag: tag.to_string(), value: value.to_string(), token: call.token };
    Some(call.change(after, note))
}

/// The call leaves out the tags whose keys the `ForAllValues` condition on `aws:TagKeys` refuses.
fn drop_tags(world: &World, hints: &FixHints, clause: &ConditionClause) -> Option<Proposal> {
    let keys = hints.evaluation.as_ref()?.request.context.get("aws:TagKeys")?.values.clone();
    // Each key alone against the condition, as the evaluator decides it.
    let refused: Vec<String> = keys
        .iter()
        .filter(|key| {
            let mut alone = RequestContext::new();
            alone.insert_list("aws:TagKeys", vec![(*key).clone()]);
            !evaluate_clause(clause, &alone, false, false).holds
        })
        .cloned()
        .collect();
    if refused.is_empty() || refused.len() == keys.len() {
        return None;
    }
    let call = CallTags::of(world, hints)?;
    let mut after = call.object();
    let listed = |list: &mut Value| match list {
        Value::Array(items) => items.retain(|item| item.as_str().is_none_or(|key| !refused.iter().any(|r| r == key))),
        Value::String(key) if refused.iter().any(|r| r == key) => *list = Value::Array(Vec::new()),
        _ => {}
    };
    match call.token {
        None => after.retain(|key, _| !refused.contains(key)),
        Some(true) => {
            after.retain(|key, _| {
                key.strip_prefix(SAML_PRINCIPAL_TAG).is_none_or(|tag| !refused.iter().any(|r| r == tag))
            });
            if let Some(transitive) = after.get_mut(SAML_TRANSITIVE_TAG_KEYS) {
                listed(transitive);
            }
        }
        Some(false) => {
            let claim = after.get_mut(OIDC_TAGS_CLAIM).and_then(Value::as_object_mut)?;
            claim.get_mut("principal_tags").and_then(Value::as_object_mut)?.retain(|key, _| !refused.contains(key));
            if let Some(transitive) = claim.get_mut("transitive_tag_keys") {
                listed(transitive);
            }
        }
    }
    let allowed = clause.values.iter().map(|v| v.value.clone()).collect();
    let note = ChangeNote::DropSessionTags { keys: refused, allowed, token: call.token };
    Some(call.change(after, note))
}

/// Where a call's session tags are written: its `Tags` parameter, or — for a federated call — the
/// token's claims (the OIDC `https://aws.amazon.com/tags` claim, the SAML `PrincipalTag:KEY`
/// attributes), which the identity provider writes.
struct CallTags {
    /// The JSON pointer of the value that changes: the call's `tags` or `claims`.
    pointer: String,
    /// What the value is now, if anything.
    before: Option<Value>,
    /// `Some(saml)` for a federated call's token; `None` for the `Tags` parameter.
    token: Option<bool>,
}

impl CallTags {
    fn of(world: &World, hints: &FixHints) -> Option<Self> {
        let call = hints.call_pointer.as_ref()?;
        let token = hints.token.as_ref().map(|t| t.saml);
        let pointer = format!("{call}/{}", if token.is_some() { "claims" } else { "tags" });
        let before = world.to_value().pointer(&pointer).cloned().filter(|v| !v.is_null());
        Some(Self { pointer, before, token })
    }

    /// What the value is now, as an object: the claims, or the tags as key to value (tags given as
    /// AWS lists them, `[{"Key", "Value"}]`, become that object).
    fn object(&self) -> Map<String, Value> {
        match &self.before {
            Some(Value::Object(map)) => map.clone(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| {
                    let key = item.get("Key")?.as_str()?;
                    Some((key.to_string(), item.get("Value").cloned().unwrap_or(Value::String(String::new()))))
                })
                .collect(),
            _ => Map::new(),
        }
    }

    /// The change that writes `after`, with what it does.
    fn change(self, after: Map<String, Value>, note: ChangeNote) -> Proposal {
        let parameter = match self.token {
            None => "Tags",
            Some(true) => "SAMLAssertion",
            Some(false) => "WebIdentityToken",
        };
        let change = RequestChange {
            pointer: self.pointer,
            parameter: parameter.to_string(),
            before: self.before,
            after: Value::Object(after),
            description: Text::default(),
        };
        (Change::Request(change), note)
    }
}
