//! Conditional answers: when a request is refused only because it lacks context the export
//! cannot give (MFA, `sts:ExternalId`, a source IP, request tags…), find values that satisfy the
//! Allow statements' conditions, decide again with them, and report them as the conditions of
//! the answer. Every answer is one ordinary [`evaluate`] call on the final request.
//!
//! "IAM JSON policy elements: Condition operators": a condition on a key that is absent from the
//! request is false (except `…IfExists` and `Null`), so an Allow that needs MFA does not apply
//! to a request whose MFA status is unknown; the caller could still meet it.

use crate::context::RequestContext;
use crate::evaluate::{evaluate, Decision, PolicySet, Request, Response, StatementOutcome};
use crate::policy::{ConditionClause, ConditionOperator, Effect, OperatorBase, PolicyKind, SetQualifier};
use serde::{Deserialize, Serialize};

/// How many rounds of filling in context values before giving up.
const ROUNDS: usize = 4;

/// One condition an answer depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// `Allow`: the request must meet it; `Deny`: a Deny applies if the request meets it.
    pub effect: Effect,
    /// The condition operator, as AWS spells it.
    pub operator: String,
    /// The context key.
    pub key: String,
    /// The policy's values.
    pub values: Vec<String>,
    /// The policy type that holds the condition.
    pub policy_type: PolicyKind,
    /// The policy's name.
    pub policy_name: String,
}

/// The evaluator's answer to one request, with the context Omen had to assume.
#[derive(Debug, Clone)]
pub struct Decided {
    /// The request as finally decided (with the assumed context values).
    pub request: Request,
    /// The evaluator's response to it.
    pub response: Response,
    /// The conditions the answer depends on (empty: certain).
    pub conditions: Vec<Condition>,
}

impl Decided {
    /// Whether the request is allowed (perhaps only under [`Self::conditions`]).
    pub fn allowed(&self) -> bool {
        self.response.decision == Decision::Allowed
    }

    /// Whether the answer depends on context the export cannot give.
    pub fn conditional(&self) -> bool {
        !self.conditions.is_empty()
    }
}

/// Decide `request` against `policies`. Keys for which `known` says true are never filled in
/// (the export gives them: an absent principal tag is absent).
pub fn decide(mut request: Request, policies: &PolicySet, known: &dyn Fn(&str) -> bool) -> Decided {
    let mut conditions: Vec<Condition> = Vec::new();
    for _ in 0..ROUNDS {
        let response = evaluate(&request, policies);
        if response.decision != Decision::ImplicitDeny || response.missing_context_keys.is_empty() {
            if response.decision == Decision::Allowed {
                conditions.extend(deny_conditions(&response, policies, known));
            }
            return Decided { request, response, conditions };
        }
        let mut filled = false;
        for (clause, kind, name) in failed_clauses(&response, policies, Effect::Allow) {
            let key = clause.key.value.as_str();
            if known(key) || request.context.get(key).is_some() {
                continue;
            }
            let Some((values, list)) = satisfying(clause) else {
                continue;
            };
            if list {
                request.context.insert_list(key, values);
            } else {
                request.context.insert(key, values);
            }
            conditions.push(condition(clause, Effect::Allow, kind, name));
            filled = true;
        }
        if !filled {
            return Decided { request, response, conditions: Vec::new() };
        }
    }
    let response = evaluate(&request, policies);
    if response.decision != Decision::Allowed {
        conditions.clear();
    }
    Decided { request, response, conditions }
}

fn condition(clause: &ConditionClause, effect: Effect, kind: PolicyKind, name: &str) -> Condition {
    Condition {
        effect,
        operator: clause.operator.value.name(),
        key: clause.key.value.clone(),
        values: clause.values.iter().map(|v| v.value.clone()).collect(),
        policy_type: kind,
        policy_name: name.to_string(),
    }
}

/// Deny statements that did not apply only because a key was absent: the answer depends on it.
fn deny_conditions(response: &Response, policies: &PolicySet, known: &dyn Fn(&str) -> bool) -> Vec<Condition> {
    failed_clauses(response, policies, Effect::Deny)
        .into_iter()
        .filter(|(clause, _, _)| !known(&clause.key.value))
        .map(|(clause, kind, name)| condition(clause, Effect::Deny, kind, name))
        .collect()
}

/// The first false clause of each statement of `effect` that failed on an absent key.
fn failed_clauses<'p>(
    response: &'p Response,
    policies: &'p PolicySet,
    effect: Effect,
) -> Vec<(&'p ConditionClause, PolicyKind, &'p str)> {
    let mut found = Vec::new();
    for evaluated in &response.policies {
        for statement in &evaluated.statements {
            let StatementOutcome::ConditionFailed { clause } = statement.outcome else {
                continue;
            };
            if statement.effect != Some(effect) {
                continue;
            }
            let missing = statement.conditions.get(clause).is_some_and(|c| c.outcome.key_missing);
            if !missing {
                continue;
            }
            let id = &evaluated.id;
            let Some(attached) = find_policy(policies, id.kind, id.index, id.level) else {
                continue;
            };
            let parsed = attached
                .statements
                .iter()
                .find(|s| s.index == statement.statement_index)
                .and_then(|s| s.conditions.get(clause));
            if let Some(parsed) = parsed {
                found.push((parsed, id.kind, id.name.as_str()));
            }
        }
    }
    found
}

fn find_policy(
    set: &PolicySet,
    kind: PolicyKind,
    index: usize,
    level: Option<usize>,
) -> Option<&crate::policy::Policy> {
    fn in_levels(
        levels: &Option<Vec<Vec<crate::evaluate::AttachedPolicy>>>,
        level: Option<usize>,
        index: usize,
    ) -> Option<&crate::policy::Policy> {
        levels.as_ref().and_then(|l| l.get(level.unwrap_or(0))).and_then(|l| l.get(index)).map(|a| &a.policy)
    }
    match kind {
        PolicyKind::Identity => set.identity.get(index).map(|a| &a.policy),
        PolicyKind::PermissionsBoundary => set.permissions_boundary.as_ref().map(|a| &a.policy),
        PolicyKind::Session => set.session.get(index).map(|a| &a.policy),
        PolicyKind::Scp => in_levels(&set.scps, level, index),
        PolicyKind::Rcp => in_levels(&set.rcps, level, index),
        _ => set.resource.as_ref().map(|a| &a.policy),
    }
}

/// Values of the clause's key that make it hold, and whether they form a list.
pub fn satisfying(clause: &ConditionClause) -> Option<(Vec<String>, bool)> {
    let ConditionOperator::Known { base, set, .. } = &clause.operator.value else {
        return None;
    };
    let first = clause.values.first().map(|v| v.value.as_str()).unwrap_or_default();
    let list = set.is_some();
    if *set == Some(SetQualifier::ForAllValues) {
        // Every request value must match: one matching value does.
        return value_for(*base, first).map(|v| (vec![v], true));
    }
    value_for(*base, first).map(|v| (vec![v], list))
}

fn value_for(base: OperatorBase, first: &str) -> Option<String> {
    use OperatorBase::*;
    let fill = |text: &str| text.replace(['*', '?'], "x");
    Some(match base {
        StringEquals
        | StringEqualsIgnoreCase
        | BinaryEquals
        | Bool
        | NumericEquals
        | DateEquals
        | NumericLessThanEquals
        | NumericGreaterThanEquals
        | DateLessThanEquals
        | DateGreaterThanEquals => first.to_string(),
        StringLike | ArnEquals | ArnLike => fill(first),
        NumericLessThan => (first.parse::<f64>().ok()? - 1.0).to_string(),
        NumericGreaterThan => (first.parse::<f64>().ok()? + 1.0).to_string(),
        DateLessThan => "1970-01-01T00:00:00Z".to_string(),
        DateGreaterThan => "9999-12-31T23:59:59Z".to_string(),
        IpAddress => first.split('/').next().unwrap_or(first).to_string(),
        StringNotEquals | StringNotEqualsIgnoreCase | StringNotLike | ArnNotEquals | ArnNotLike => {
            "omen-other-value".to_string()
        }
        NumericNotEquals => (first.parse::<f64>().ok()? + 1.0).to_string(),
        DateNotEquals => "1970-01-01T00:00:00Z".to_string(),
        NotIpAddress => "192.0.2.1".to_string(),
        Null => "present".to_string(),
    })
}

/// Context keys the export gives, so an absent one is absent for real: the principal's and the
/// resource's own properties.
pub fn exported_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    const PREFIXES: [&str; 4] = ["aws:principaltag/", "aws:resourcetag/", "iam:resourcetag/", "iam:passedtoservice"];
    const KEYS: [&str; 8] = [
        "aws:principalarn",
        "aws:principalaccount",
        "aws:principaltype",
        "aws:userid",
        "aws:username",
        "aws:principalisawsservice",
        "aws:currenttime",
        "aws:epochtime",
    ];
    PREFIXES.iter().any(|p| lower.starts_with(p)) || KEYS.contains(&lower.as_str())
}

/// A fresh context holding every key of `context` except those `drop` names.
pub fn without(context: &RequestContext, drop: &[&str]) -> RequestContext {
    let mut kept = RequestContext::new();
    for entry in context.entries() {
        if drop.iter().any(|d| d.eq_ignore_ascii_case(&entry.key)) {
            continue;
        }
        if entry.multivalued {
            kept.insert_list(&entry.key, entry.values.clone());
        } else {
            kept.insert(&entry.key, entry.values.clone());
        }
    }
    kept
}
