//! Property tests: the evaluator against a tiny, obviously correct reference model, and the
//! algebra AWS's evaluation logic implies — a Deny never grants, order never matters, a string is
//! a one-element list, and splitting a policy in two changes nothing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use omen_core::case::read_context;
use omen_core::evaluate::{evaluate, AttachedPolicy, Decision, PolicyId, PolicySet, Request};
use omen_core::parse::parse_policy;
use omen_core::policy::PolicyKind;
use omen_core::principal::RequestPrincipal;
use proptest::prelude::*;
use serde_json::{json, Value};

const ACTIONS: [&str; 5] = ["s3:GetObject", "s3:PutObject", "iam:PassRole", "ec2:RunInstances", "sts:AssumeRole"];
const ACTION_PATTERNS: [&str; 9] =
    ["*", "s3:*", "s3:Get*", "iam:PassRole", "IAM:passrole", "iam:Pass?ole", "ec2:*Instances", "sts:*", "s3:?utObject"];
const RESOURCES: [&str; 4] = [
    "arn:aws:s3:::bucket/a.txt",
    "arn:aws:s3:::other/b.txt",
    "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-web",
    "arn:aws:iam::111122223333:role/Admin",
];
const RESOURCE_PATTERNS: [&str; 7] = [
    "*",
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::*",
    "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-*",
    "arn:aws:iam::*:role/*",
    "arn:aws:iam::111122223333:role/Admin",
    "arn:aws:s3:::bucket/?.txt",
];
const TEAMS: [&str; 3] = ["red", "blue", "green"];

/// One generated statement, kept abstract so the reference model can read it.
#[derive(Debug, Clone)]
struct GenStatement {
    deny: bool,
    not_action: bool,
    actions: Vec<usize>,
    not_resource: bool,
    resources: Vec<usize>,
    /// `(negated, teams)`: a StringEquals / StringNotEquals test on `aws:PrincipalTag/team`.
    condition: Option<(bool, Vec<usize>)>,
}

fn statement() -> impl Strategy<Value = GenStatement> {
    (
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::collection::vec(0..ACTION_PATTERNS.len(), 1..3),
        prop::bool::weighted(0.2),
        prop::collection::vec(0..RESOURCE_PATTERNS.len(), 1..3),
        prop::option::weighted(0.4, (any::<bool>(), prop::collection::vec(0..TEAMS.len(), 1..3))),
    )
        .prop_map(|(deny, not_action, actions, not_resource, resources, condition)| GenStatement {
            deny,
            not_action,
            actions,
            not_resource,
            resources,
            condition,
        })
}

fn to_json(statement: &GenStatement, sid: usize) -> Value {
    let mut object = serde_json::Map::new();
    object.insert("Sid".into(), json!(format!("S{sid}")));
    object.insert("Effect".into(), json!(if statement.deny { "Deny" } else { "Allow" }));
    let actions: Vec<&str> = statement.actions.iter().filter_map(|i| ACTION_PATTERNS.get(*i).copied()).collect();
    object.insert((if statement.not_action { "NotAction" } else { "Action" }).into(), json!(actions));
    let resources: Vec<&str> = statement.resources.iter().filter_map(|i| RESOURCE_PATTERNS.get(*i).copied()).collect();
    object.insert((if statement.not_resource { "NotResource" } else { "Resource" }).into(), json!(resources));
    if let Some((negated, teams)) = &statement.condition {
        let operator = if *negated { "StringNotEquals" } else { "StringEquals" };
        let values: Vec<&str> = teams.iter().filter_map(|i| TEAMS.get(*i).copied()).collect();
        object.insert("Condition".into(), json!({ operator: { "aws:PrincipalTag/team": values } }));
    }
    Value::Object(object)
}

fn policy(statements: &[GenStatement]) -> Value {
    let list: Vec<Value> = statements.iter().enumerate().map(|(i, s)| to_json(s, i)).collect();
    json!({ "Version": "2012-10-17", "Statement": list })
}

fn attach(documents: &[Value]) -> PolicySet {
    let identity = documents
        .iter()
        .enumerate()
        .filter_map(|(index, document)| {
            let parsed = parse_policy(&document.to_string(), PolicyKind::Identity);
            parsed.policy.map(|policy| AttachedPolicy {
                id: PolicyId { kind: PolicyKind::Identity, index, level: None, name: format!("p{index}") },
                policy,
            })
        })
        .collect();
    PolicySet { identity, ..PolicySet::default() }
}

fn request(action: usize, resource: usize, team: Option<usize>) -> Request {
    let principal = RequestPrincipal::parse("arn:aws:iam::111122223333:user/alice").unwrap();
    let context = match team.and_then(|t| TEAMS.get(t)) {
        Some(team) => read_context(Some(&json!({ "aws:PrincipalTag/team": team }))),
        None => read_context(None),
    };
    Request::new(principal, ACTIONS[action], RESOURCES[resource], None, context)
}

/// Naive recursive glob: exponential, but small inputs and obviously right.
fn reference_glob(pattern: &[char], text: &[char]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some('*'), _) => {
            reference_glob(&pattern[1..], text) || (!text.is_empty() && reference_glob(pattern, &text[1..]))
        }
        (Some('?'), Some(_)) => reference_glob(&pattern[1..], &text[1..]),
        (Some(p), Some(t)) if p == t => reference_glob(&pattern[1..], &text[1..]),
        _ => false,
    }
}

fn reference_arn_glob(pattern: &str, text: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let t: Vec<&str> = text.splitn(6, ':').collect();
    p.len() == 6
        && t.len() == 6
        && p.iter().zip(&t).all(|(p, t)| reference_glob(&p.chars().collect::<Vec<_>>(), &t.chars().collect::<Vec<_>>()))
}

/// The reference model: identity policies only, same account ("Policy evaluation logic").
fn reference_decision(statements: &[GenStatement], action: usize, resource: usize, team: Option<usize>) -> Decision {
    let applies = |s: &GenStatement| {
        let action_text: Vec<char> = ACTIONS[action].to_lowercase().chars().collect();
        let listed_action = s
            .actions
            .iter()
            .any(|i| reference_glob(&ACTION_PATTERNS[*i].to_lowercase().chars().collect::<Vec<_>>(), &action_text));
        let listed_resource =
            s.resources.iter().any(|i| reference_arn_glob(RESOURCE_PATTERNS[*i], RESOURCES[resource]));
        let condition = match &s.condition {
            None => true,
            Some((negated, teams)) => {
                let equal = team.is_some_and(|t| teams.contains(&t));
                equal != *negated
            }
        };
        listed_action != s.not_action && listed_resource != s.not_resource && condition
    };
    if statements.iter().any(|s| s.deny && applies(s)) {
        Decision::ExplicitDeny
    } else if statements.iter().any(|s| !s.deny && applies(s)) {
        Decision::Allowed
    } else {
        Decision::ImplicitDeny
    }
}

fn decide(documents: &[Value], action: usize, resource: usize, team: Option<usize>) -> Decision {
    evaluate(&request(action, resource, team), &attach(documents)).decision
}

fn inputs() -> impl Strategy<Value = (Vec<GenStatement>, usize, usize, Option<usize>)> {
    (prop::collection::vec(statement(), 0..6), 0..ACTIONS.len(), 0..RESOURCES.len(), prop::option::of(0..TEAMS.len()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn agrees_with_the_reference_model((statements, action, resource, team) in inputs()) {
        let expected = reference_decision(&statements, action, resource, team);
        prop_assert_eq!(decide(&[policy(&statements)], action, resource, team), expected);
    }

    #[test]
    fn adding_a_deny_never_grants((statements, action, resource, team) in inputs(), extra in statement()) {
        let before = decide(&[policy(&statements)], action, resource, team);
        let mut with_deny = statements.clone();
        with_deny.push(GenStatement { deny: true, ..extra });
        let after = decide(&[policy(&with_deny)], action, resource, team);
        prop_assert!(after != Decision::Allowed || before == Decision::Allowed);
        if before != Decision::Allowed {
            prop_assert_ne!(after, Decision::Allowed);
        }
    }

    #[test]
    fn statement_and_array_order_never_matter((statements, action, resource, team) in inputs()) {
        let before = decide(&[policy(&statements)], action, resource, team);
        let mut reversed: Vec<GenStatement> = statements.iter().rev().cloned().collect();
        for s in &mut reversed {
            s.actions.reverse();
            s.resources.reverse();
            if let Some((_, teams)) = &mut s.condition { teams.reverse(); }
        }
        prop_assert_eq!(decide(&[policy(&reversed)], action, resource, team), before);
    }

    #[test]
    fn a_string_is_a_one_element_list((statements, action, resource, team) in inputs()) {
        let before = decide(&[policy(&statements)], action, resource, team);
        // Write every one-element list as a bare string.
        let mut document = policy(&statements);
        if let Some(list) = document.get_mut("Statement").and_then(Value::as_array_mut) {
            for statement in list {
                if let Some(object) = statement.as_object_mut() {
                    for value in object.values_mut() {
                        if let Some([only]) = value.as_array().map(Vec::as_slice) {
                            *value = only.clone();
                        }
                    }
                }
            }
        }
        prop_assert_eq!(decide(&[document], action, resource, team), before);
    }

    #[test]
    fn splitting_a_policy_in_two_changes_nothing((statements, action, resource, team) in inputs(), cut in 0usize..6) {
        let before = decide(&[policy(&statements)], action, resource, team);
        let cut = cut.min(statements.len());
        let (first, second) = statements.split_at(cut);
        prop_assert_eq!(decide(&[policy(first), policy(second)], action, resource, team), before);
    }

    #[test]
    fn parsing_never_panics(text in ".{0,200}") {
        for kind in [PolicyKind::Identity, PolicyKind::Trust, PolicyKind::Scp] {
            let _ = parse_policy(&text, kind);
        }
    }

    #[test]
    fn glob_agrees_with_the_naive_definition(pattern in "[ab*?]{0,8}", text in "[ab]{0,8}") {
        let expected = reference_glob(&pattern.chars().collect::<Vec<_>>(), &text.chars().collect::<Vec<_>>());
        prop_assert_eq!(omen_core::matching::glob_match(&pattern, &text), expected);
    }
}
