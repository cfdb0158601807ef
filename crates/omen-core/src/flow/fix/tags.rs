//! Fixes for a refused `sts:TagSession` whose trust statement conditions the session tags: the
//! condition lets this call's tag through, never the statement's other conditions ("Pass session
//! tags in AWS STS" — "Permissions required to add session tags"; "IAM JSON policy elements:
//! Condition" — `aws:RequestTag/tag-key`, `aws:TagKeys`).
//!
//! - `aws:RequestTag/KEY` refuses the tag's value: the condition accepts that value too.
//! - `ForAllValues:… aws:TagKeys` refuses a key: the condition lists that key too.
//!
//! The words say the condition was written to keep other values out: the role's owner decides.
//! A condition on a tag the call does not pass, a negated operator or a policy variable gets no
//! fix (Omen cannot know which tags the caller may carry). Each change is kept only if replaying
//! the world with it lets the step pass (`fix::suggest`).

use super::{editable_role, failed_trust_clause, quoted_label, text_at, Proposal};
use crate::condition::evaluate_clause;
use crate::context::RequestContext;
use crate::flow::edit::add_condition_value;
use crate::flow::hints::FixHints;
use crate::flow::note::ChangeNote;
use crate::flow::result::{Change, PolicyChange, PolicyEdit, Text};
use crate::policy::{ConditionClause, ConditionOperator, OperatorBase, PolicyKind, SetQualifier, Statement};
use crate::world::{PolicyLocation, World};

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
    let context = &hints.evaluation.as_ref()?.request.context;
    let value = if key.eq_ignore_ascii_case("aws:TagKeys") && set == Some(SetQualifier::ForAllValues) {
        refused_key(clause, &context.get("aws:TagKeys")?.values)?
    } else if key.get(..REQUEST_TAG.len()).is_some_and(|p| p.eq_ignore_ascii_case(REQUEST_TAG)) && set.is_none() {
        context.first(key)?.to_string()
    } else {
        return None;
    };
    allow_value(world, hints, statement, index, key, &value)
}

/// The first of `keys` the `ForAllValues` condition on `aws:TagKeys` refuses, each key alone
/// decided by the evaluator.
fn refused_key(clause: &ConditionClause, keys: &[String]) -> Option<String> {
    keys.iter()
        .find(|key| {
            let mut alone = RequestContext::new();
            alone.insert_list("aws:TagKeys", vec![(*key).clone()]);
            !evaluate_clause(clause, &alone, false, false).holds
        })
        .cloned()
}

/// The trust statement's condition on `key` accepts `value` too (a tag's value, or a tag key).
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
