//! "Step through the evaluation": one evaluation walked gate by gate in the order of AWS's
//! "Policy evaluation logic" — explicit deny, Organizations (SCPs and RCPs), the resource or
//! trust policy, identity-based policies, the permissions boundary, the session policy — each
//! gate with the policies it read and what they said, ending at the decision. Built from the
//! evaluator's [`Response`] (its rules and trace) alone.

use super::adapter::{
    Effect, Lang, PolicyEvaluation, PolicyKind, PolicyResult, Response, Rule, StatementOutcome, Text, Verdict,
};
use serde::Serialize;

/// The gates, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GateKind {
    /// Does any policy deny explicitly?
    ExplicitDeny,
    /// Do the SCPs (caller's account) and RCPs (resource's account) allow?
    Organizations,
    /// The resource-based policy; for AssumeRole, the role's trust policy.
    ResourcePolicy,
    /// The caller's identity-based policies.
    IdentityPolicies,
    /// The caller's permissions boundary.
    PermissionsBoundary,
    /// The session policy.
    SessionPolicy,
}

/// What happened at a gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GateStatus {
    /// The request passed this gate and went on.
    Passed,
    /// The request was decided here: allowed, with no further gate needed.
    Granted,
    /// The request was stopped here.
    Stopped,
    /// The gate has nothing to read for this request (no such policy, or it does not apply).
    NotConsulted,
    /// An earlier gate decided, so this one did not matter.
    NotReached,
}

impl GateStatus {
    /// The status in words.
    pub fn words(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Self::Passed) => "passed",
            (Lang::En, Self::Granted) => "allowed here",
            (Lang::En, Self::Stopped) => "stopped here",
            (Lang::En, Self::NotConsulted) => "not consulted",
            (Lang::En, Self::NotReached) => "not needed",
            (Lang::Ja, Self::Passed) => "通過",
            (Lang::Ja, Self::Granted) => "ここで許可",
            (Lang::Ja, Self::Stopped) => "ここで止まる",
            (Lang::Ja, Self::NotConsulted) => "評価対象外",
            (Lang::Ja, Self::NotReached) => "判定に不要",
        }
    }
}

/// One statement as a gate read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GateStatement {
    /// `Sid` or `#index`.
    pub name: String,
    /// `Allow` or `Deny` (empty when invalid).
    pub effect: String,
    /// Whether it applies to the request.
    pub applies: bool,
    /// What it said, in words.
    pub said: Text,
}

/// One policy as a gate read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatePolicy {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: PolicyKind,
    /// The SCP or RCP level, 0 being the organization root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// Its verdict: `allow`, `deny`, `noMatch`, `notApplicable`.
    pub result: String,
    /// Its statements.
    pub statements: Vec<GateStatement>,
}

/// One gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gate {
    /// Which gate.
    pub kind: GateKind,
    /// Its name.
    pub title: Text,
    /// What happened.
    pub status: GateStatus,
    /// The policies it read.
    pub policies: Vec<GatePolicy>,
    /// What happened, in one or two sentences.
    pub said: Text,
    /// The AWS pages stating the rules applied here.
    pub cites: Vec<&'static str>,
}

/// An evaluation walked gate by gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Walkthrough {
    /// The gates, in order.
    pub gates: Vec<Gate>,
    /// The decision.
    pub decision: Verdict,
    /// The decision in one sentence.
    pub said: Text,
}

fn title(kind: GateKind) -> Text {
    match kind {
        GateKind::ExplicitDeny => Text::new("1. Explicit deny", "1. 明示的な拒否"),
        GateKind::Organizations => Text::new("2. Organizations (SCPs, RCPs)", "2. Organizations (SCP・RCP)"),
        GateKind::ResourcePolicy => {
            Text::new("3. Resource-based / trust policy", "3. リソースベースポリシー / 信頼ポリシー")
        }
        GateKind::IdentityPolicies => Text::new("4. Identity-based policies", "4. アイデンティティベースポリシー"),
        GateKind::PermissionsBoundary => {
            Text::new("5. Permissions boundary", "5. アクセス許可の境界 (permissions boundary)")
        }
        GateKind::SessionPolicy => Text::new("6. Session policy", "6. セッションポリシー"),
    }
}

fn kinds_of(gate: GateKind) -> &'static [PolicyKind] {
    match gate {
        GateKind::ExplicitDeny => &[],
        GateKind::Organizations => &[PolicyKind::Scp, PolicyKind::Rcp],
        GateKind::ResourcePolicy => &[PolicyKind::Resource, PolicyKind::Trust],
        GateKind::IdentityPolicies => &[PolicyKind::Identity],
        GateKind::PermissionsBoundary => &[PolicyKind::PermissionsBoundary],
        GateKind::SessionPolicy => &[PolicyKind::Session],
    }
}

fn result_name(result: PolicyResult) -> &'static str {
    match result {
        PolicyResult::Allow => "allow",
        PolicyResult::Deny => "deny",
        PolicyResult::NoMatch => "noMatch",
        PolicyResult::NotApplicable => "notApplicable",
    }
}

fn statement_said(outcome: &StatementOutcome, effect: Option<Effect>, condition: Option<(&str, &str)>) -> Text {
    let verb = match effect {
        Some(Effect::Deny) => ("denies", "拒否します"),
        _ => ("allows", "許可します"),
    };
    match outcome {
        StatementOutcome::Applies => Text::new(format!("applies: it {}", verb.0), format!("該当: {}", verb.1)),
        StatementOutcome::NoEffect => Text::new("has no valid Effect", "Effect が不正"),
        StatementOutcome::PrincipalNotMatched => Text::new("does not name the caller", "呼び出し元を指定していない"),
        StatementOutcome::ActionNotMatched => Text::new("does not cover the action", "アクションが対象外"),
        StatementOutcome::ResourceNotMatched => Text::new("does not cover the resource", "リソースが対象外"),
        StatementOutcome::ConditionFailed { .. } => match condition {
            Some((operator, key)) => {
                Text::new(format!("its condition {operator} `{key}` is false"), format!("条件 {operator} `{key}` が偽"))
            }
            None => Text::new("its condition is false", "条件が偽"),
        },
    }
}

fn gate_policy(policy: &PolicyEvaluation, deny_only: bool) -> GatePolicy {
    GatePolicy {
        name: policy.id.name.clone(),
        kind: policy.id.kind,
        level: policy.id.level,
        result: result_name(policy.result).to_string(),
        statements: policy
            .statements
            .iter()
            .filter(|s| !deny_only || s.effect == Some(Effect::Deny))
            .map(|s| GateStatement {
                name: s
                    .sid
                    .clone()
                    .filter(|sid| !sid.is_empty())
                    .unwrap_or_else(|| format!("#{}", s.statement_index + 1)),
                effect: match s.effect {
                    Some(Effect::Allow) => "Allow".into(),
                    Some(Effect::Deny) => "Deny".into(),
                    None => String::new(),
                },
                applies: s.outcome == StatementOutcome::Applies,
                said: statement_said(
                    &s.outcome,
                    s.effect,
                    s.conditions.last().map(|c| (c.operator.as_str(), c.key.as_str())),
                ),
            })
            .collect(),
    }
}

fn cites(rules: &[&Rule]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for rule in rules {
        let cite = rule.cite();
        if !out.contains(&cite) {
            out.push(cite);
        }
    }
    out
}

/// Walk `response` gate by gate.
pub fn walk(response: &Response) -> Walkthrough {
    let has = |wanted: fn(&Rule) -> bool| response.rules.iter().filter(|r| wanted(r)).collect::<Vec<_>>();
    let consulted = |gate: GateKind| -> Vec<&PolicyEvaluation> {
        response.policies.iter().filter(|p| kinds_of(gate).contains(&p.id.kind)).collect()
    };
    let any_applies = |gate: GateKind| consulted(gate).iter().any(|p| p.result != PolicyResult::NotApplicable);
    let mut gates = Vec::new();
    let mut decided = false;
    let mut push = |kind: GateKind,
                    status: GateStatus,
                    policies: Vec<GatePolicy>,
                    said: Text,
                    rules: Vec<&Rule>,
                    decided: &mut bool| {
        // Once a gate has decided, the later ones did not matter — except a gate with nothing to
        // read, which says so.
        let (status, said) = if *decided && !matches!(status, GateStatus::Stopped | GateStatus::NotConsulted) {
            (
                GateStatus::NotReached,
                Text::new(
                    "Not needed: an earlier gate already decided.",
                    "判定に不要: 前のゲートですでに決まっています。",
                ),
            )
        } else {
            (status, said)
        };
        if matches!(status, GateStatus::Stopped | GateStatus::Granted) {
            *decided = true;
        }
        gates.push(Gate { kind, title: title(kind), status, policies, said, cites: cites(&rules) });
    };

    // Calls the caller's credentials decide before any policy is read.
    let credential = has(|r| matches!(r, Rule::Credentials { .. } | Rule::RootCannotAssumeRole | Rule::RootUser));

    // 1. Explicit deny.
    let denying: Vec<GatePolicy> = response
        .policies
        .iter()
        .filter(|p| p.statements.iter().any(|s| s.effect == Some(Effect::Deny)))
        .map(|p| gate_policy(p, true))
        .collect();
    let deny_rules = has(|r| matches!(r, Rule::ExplicitDeny { .. }));
    let (status, said) =
        if !deny_rules.is_empty() {
            (GateStatus::Stopped, Text::new(
            "A Deny statement applies: an explicit deny wins over every Allow, whatever the other policies say.",
            "Deny ステートメントが該当します。明示的な拒否は、他のポリシーが何を許可していても優先されます。",
        ))
        } else if denying.is_empty() {
            (
                GateStatus::Passed,
                Text::new("No policy has a Deny statement.", "Deny ステートメントを持つポリシーはありません。"),
            )
        } else {
            (
                GateStatus::Passed,
                Text::new(
                    "Deny statements exist, but none applies to this request.",
                    "Deny ステートメントはありますが、このリクエストには該当しません。",
                ),
            )
        };
    if credential.is_empty() {
        push(GateKind::ExplicitDeny, status, denying, said, deny_rules, &mut decided);
    } else {
        push(
            GateKind::ExplicitDeny,
            GateStatus::NotReached,
            denying,
            Text::new(
                "The caller's kind of credentials decides this call before any policy is read.",
                "この呼び出しは、ポリシーを読む前に呼び出し元の認証情報の種類で決まります。",
            ),
            credential.clone(),
            &mut decided,
        );
        decided = true;
    }

    // 2. Organizations.
    let org_policies: Vec<GatePolicy> =
        consulted(GateKind::Organizations).into_iter().map(|p| gate_policy(p, false)).collect();
    let org_stop = has(|r| matches!(r, Rule::ScpLevelWithoutAllow { .. } | Rule::RcpLevelWithoutAllow { .. }));
    let org_skip = has(|r| matches!(r, Rule::ScpsNotApplicable { .. } | Rule::RcpsNotApplicable { .. }));
    let org_pass = has(|r| matches!(r, Rule::ScpsAllow));
    let (status, said, rules) = if let Some(rule) = org_stop.first() {
        let level = match rule {
            Rule::ScpLevelWithoutAllow { level } | Rule::RcpLevelWithoutAllow { level } => *level,
            _ => 0,
        };
        (GateStatus::Stopped, Text::new(
            format!("Level {level} of the organization has no Allow for this request: every level from the root down must allow."),
            format!("組織のレベル {level} にこのリクエストを許可するものがありません。ルートから下のすべてのレベルが許可する必要があります。"),
        ), org_stop)
    } else if !org_pass.is_empty() {
        (
            GateStatus::Passed,
            Text::new("Every SCP level allows the request.", "すべての SCP レベルがリクエストを許可しています。"),
            org_pass,
        )
    } else if !org_skip.is_empty() {
        let reasons: Vec<&str> = org_skip
            .iter()
            .filter_map(|r| match r {
                Rule::ScpsNotApplicable { reason } | Rule::RcpsNotApplicable { reason } => Some(*reason),
                _ => None,
            })
            .collect();
        (
            GateStatus::NotConsulted,
            Text::new(
                format!("Organizations policies do not apply here ({}).", reasons.join("; ")),
                format!("Organizations のポリシーはここでは適用されません ({})。", reasons.join("、")),
            ),
            org_skip,
        )
    } else if org_policies.is_empty() {
        (
            GateStatus::NotConsulted,
            Text::new(
                "The account is not in an organization: no SCP or RCP limits it.",
                "アカウントは組織に属していないため、SCP・RCP による制限はありません。",
            ),
            Vec::new(),
        )
    } else {
        (
            GateStatus::Passed,
            Text::new("The organization's policies let the request through.", "組織のポリシーはリクエストを通します。"),
            Vec::new(),
        )
    };
    push(GateKind::Organizations, status, org_policies, said, rules, &mut decided);

    // 3. Resource-based or trust policy.
    let resource_policies: Vec<GatePolicy> =
        consulted(GateKind::ResourcePolicy).into_iter().map(|p| gate_policy(p, false)).collect();
    let resource_rules = has(|r| {
        matches!(
            r,
            Rule::TrustPolicyMustAllow
                | Rule::KeyPolicyMustAllow
                | Rule::ResourcePolicyNamesCaller
                | Rule::ResourcePolicyNamesRole
                | Rule::ResourcePolicyDelegatesToAccount
                | Rule::ResourcePolicyAllows
                | Rule::CrossAccountNeedsBoth
                | Rule::NoResourcePolicyAllow
                | Rule::TrustBoundaryChoice
        )
    });
    let named = |wanted: fn(&Rule) -> bool| resource_rules.iter().any(|r| wanted(r));
    let (status, said) = if named(|r| matches!(r, Rule::TrustPolicyMustAllow)) {
        (GateStatus::Stopped, Text::new(
            "The role's trust policy does not allow the caller: a trust policy must always allow, it decides who may put the mask on.",
            "ロールの信頼ポリシーが呼び出し元を許可していません。信頼ポリシーは必ず許可する必要があり、誰がお面をかぶれるかを決めます。",
        ))
    } else if named(|r| matches!(r, Rule::KeyPolicyMustAllow)) {
        (
            GateStatus::Stopped,
            Text::new("The key policy does not allow: it must.", "キーポリシーが許可していません。許可が必須です。"),
        )
    } else if named(|r| matches!(r, Rule::NoResourcePolicyAllow)) {
        (
            GateStatus::Stopped,
            Text::new(
                "Across accounts both sides must allow, and the resource's side does not.",
                "アカウントをまたぐ場合は両側の許可が必要ですが、リソース側が許可していません。",
            ),
        )
    } else if named(|r| matches!(r, Rule::TrustBoundaryChoice)) {
        (GateStatus::Passed, Text::new(
            "The trust policy names the user itself; Omen follows \"Update a role trust policy\": the user's permissions boundary must still allow.",
            "信頼ポリシーはユーザー自身を指定しています。Omen は「ロールの信頼ポリシーの更新」に従い、ユーザーのアクセス許可の境界も許可する必要があるとします。",
        ))
    } else if named(|r| matches!(r, Rule::ResourcePolicyNamesCaller | Rule::ResourcePolicyAllows)) {
        (GateStatus::Granted, Text::new(
            "Same account, and the policy names the caller itself: that is enough, no identity-based policy is needed.",
            "同じアカウントで、ポリシーが呼び出し元そのものを指定しています。これで十分で、アイデンティティベースポリシーは不要です。",
        ))
    } else if named(|r| matches!(r, Rule::ResourcePolicyNamesRole)) {
        (GateStatus::Passed, Text::new(
            "The policy names the role, not the session: no identity-based policy is needed, but the session's permissions boundary and session policy still limit it.",
            "ポリシーはセッションではなくロールを指定しています。アイデンティティベースポリシーは不要ですが、アクセス許可の境界とセッションポリシーは引き続き制限します。",
        ))
    } else if named(|r| matches!(r, Rule::ResourcePolicyDelegatesToAccount)) {
        (GateStatus::Passed, Text::new(
            "The policy names the account: it hands the decision to the account, so the caller's identity-based policies must allow too.",
            "ポリシーはアカウントを指定しています。判断をアカウントに委ねるので、呼び出し元のアイデンティティベースポリシーも許可する必要があります。",
        ))
    } else if named(|r| matches!(r, Rule::CrossAccountNeedsBoth)) {
        (
            GateStatus::Passed,
            Text::new(
                "Across accounts both sides must allow: the resource's side does; now the caller's side.",
                "アカウントをまたぐ場合は両側の許可が必要です。リソース側は許可しているので、次は呼び出し元の側です。",
            ),
        )
    } else if resource_policies.is_empty() {
        (
            GateStatus::NotConsulted,
            Text::new(
                "There is no resource-based policy for this request.",
                "このリクエストにはリソースベースポリシーがありません。",
            ),
        )
    } else {
        (
            GateStatus::Passed,
            Text::new(
                "The resource-based policy grants nothing here; the caller's own policies decide.",
                "リソースベースポリシーはここでは何も許可しません。呼び出し元自身のポリシーで決まります。",
            ),
        )
    };
    push(GateKind::ResourcePolicy, status, resource_policies, said, resource_rules, &mut decided);

    // 4–6. The caller's own policies and their limits.
    let limit = |gate: GateKind, stop: fn(&Rule) -> bool, pass: fn(&Rule) -> bool, texts: [Text; 4]| {
        let policies: Vec<GatePolicy> = consulted(gate).into_iter().map(|p| gate_policy(p, false)).collect();
        let stopped = has(stop);
        let passed = has(pass);
        let [stop_text, pass_text, none_text, skip_text] = texts;
        if !stopped.is_empty() {
            (GateStatus::Stopped, policies, stop_text, stopped)
        } else if !passed.is_empty() {
            (GateStatus::Passed, policies, pass_text, passed)
        } else if policies.is_empty() {
            (GateStatus::NotConsulted, policies, none_text, Vec::new())
        } else if !any_applies(gate) {
            (GateStatus::NotConsulted, policies, skip_text, Vec::new())
        } else {
            (GateStatus::NotReached, policies, skip_text, Vec::new())
        }
    };
    let (status, policies, said, rules) = limit(
        GateKind::IdentityPolicies,
        |r| matches!(r, Rule::NoIdentityAllow),
        |r| matches!(r, Rule::IdentityAllows),
        [
            Text::new(
                "No identity-based policy allows the request, and it needs one.",
                "リクエストを許可するアイデンティティベースポリシーがなく、それが必要です。",
            ),
            Text::new(
                "An identity-based policy allows the request.",
                "アイデンティティベースポリシーがリクエストを許可しています。",
            ),
            Text::new(
                "The caller has no identity-based policies (a service or an anonymous caller).",
                "呼び出し元にはアイデンティティベースポリシーがありません (サービスや匿名の呼び出し元)。",
            ),
            Text::new(
                "The identity-based policies did not matter for this decision.",
                "この判定にアイデンティティベースポリシーは関係しませんでした。",
            ),
        ],
    );
    push(GateKind::IdentityPolicies, status, policies, said, rules, &mut decided);
    let (status, policies, said, rules) = limit(
        GateKind::PermissionsBoundary,
        |r| matches!(r, Rule::NoBoundaryAllow),
        |r| matches!(r, Rule::BoundaryAllows),
        [
            Text::new("The permissions boundary does not allow the request: a boundary caps what identity-based policies can grant.", "アクセス許可の境界がリクエストを許可していません。境界はアイデンティティベースポリシーが与えられる上限です。"),
            Text::new("The permissions boundary allows the request.", "アクセス許可の境界がリクエストを許可しています。"),
            Text::new("The caller has no permissions boundary: nothing caps it here.", "呼び出し元にアクセス許可の境界はなく、ここでの上限はありません。"),
            Text::new("The permissions boundary did not matter for this decision.", "この判定にアクセス許可の境界は関係しませんでした。"),
        ],
    );
    push(GateKind::PermissionsBoundary, status, policies, said, rules, &mut decided);
    let (status, policies, said, rules) = limit(
        GateKind::SessionPolicy,
        |r| matches!(r, Rule::NoSessionAllow),
        |r| matches!(r, Rule::SessionAllows),
        [
            Text::new("The session policy does not allow the request: a session can never do more than its session policy allows.", "セッションポリシーがリクエストを許可していません。セッションはセッションポリシーが許可する以上のことはできません。"),
            Text::new("The session policy allows the request.", "セッションポリシーがリクエストを許可しています。"),
            Text::new("No session policy limits this caller.", "この呼び出し元を制限するセッションポリシーはありません。"),
            Text::new("The session policy did not matter for this decision.", "この判定にセッションポリシーは関係しませんでした。"),
        ],
    );
    push(GateKind::SessionPolicy, status, policies, said, rules, &mut decided);

    let decision = Verdict::parse(response.decision.as_str()).unwrap_or(Verdict::ImplicitDeny);
    let said = match decision {
        Verdict::Allowed => Text::new("Decision: allowed.", "判定: 許可。"),
        Verdict::ExplicitDeny => Text::new("Decision: denied explicitly.", "判定: 明示的に拒否。"),
        _ => Text::new(
            "Decision: denied — nothing allowed it where an Allow was needed.",
            "判定: 拒否 — 許可が必要なところで許可するものがありませんでした。",
        ),
    };
    Walkthrough { gates, decision, said }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::adapter::{evaluate_case, play_world, preset_world};
    use serde_json::json;

    fn statuses(walk: &Walkthrough) -> Vec<GateStatus> {
        walk.gates.iter().map(|g| g.status).collect()
    }

    /// Each request and the gates it passes, as "Policy evaluation logic" orders them.
    #[test]
    fn walks_requests_gate_by_gate() {
        use GateStatus::*;
        let allow = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
        let deny = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Sid": "No", "Effect": "Deny", "Action": action, "Resource": "*"}]});
        let user = "arn:aws:iam::111122223333:user/alice";
        let cases = [
            // Identity allows, nothing else: decided at the identity gate.
            (
                json!({"principal": user, "action": "s3:GetObject", "identityPolicies": [allow("s3:*")]}),
                [Passed, NotConsulted, NotConsulted, Passed, NotConsulted, NotConsulted],
                Verdict::Allowed,
            ),
            // An explicit deny stops at the first gate.
            (
                json!({"principal": user, "action": "s3:GetObject", "identityPolicies": [allow("s3:*"), deny("s3:GetObject")]}),
                [Stopped, NotConsulted, NotConsulted, NotReached, NotConsulted, NotConsulted],
                Verdict::ExplicitDeny,
            ),
            // An SCP level without an Allow.
            (
                json!({"principal": user, "action": "s3:GetObject", "identityPolicies": [allow("s3:*")], "scps": [[allow("ec2:*")]]}),
                [Passed, Stopped, NotConsulted, NotReached, NotConsulted, NotConsulted],
                Verdict::ImplicitDeny,
            ),
            // A boundary that does not allow.
            (
                json!({"principal": user, "action": "s3:GetObject", "identityPolicies": [allow("s3:*")], "permissionsBoundary": allow("ec2:*")}),
                [Passed, NotConsulted, NotConsulted, Passed, Stopped, NotConsulted],
                Verdict::ImplicitDeny,
            ),
            // Nothing allows.
            (
                json!({"principal": user, "action": "iam:PassRole", "identityPolicies": [allow("ec2:*")]}),
                [Passed, NotConsulted, NotConsulted, Stopped, NotConsulted, NotConsulted],
                Verdict::ImplicitDeny,
            ),
        ];
        for (case, expected, decision) in cases {
            let walk = walk(&evaluate_case(&case).unwrap().response);
            assert_eq!(statuses(&walk), expected, "{case}");
            assert_eq!(walk.decision, decision);
        }
    }

    #[test]
    fn a_trust_policy_naming_the_user_grants_at_its_gate() {
        let world: serde_json::Value = serde_json::from_str(preset_world("role-chaining").unwrap()).unwrap();
        let played = play_world(&world);
        let hop1 = played.step("hop1.assumeRole").and_then(|s| s.response.as_ref()).unwrap();
        let walk = walk(hop1);
        assert_eq!(walk.gates[2].status, GateStatus::Granted);
        assert_eq!(walk.gates[2].policies[0].kind, PolicyKind::Trust);
        assert!(walk.gates[2].policies[0].statements[0].applies);
        // Alice has no identity-based policy: nothing to read there.
        assert_eq!(walk.gates[3].status, GateStatus::NotConsulted);
        let hop2 = played.step("hop2.assumeRole").and_then(|s| s.response.as_ref()).unwrap();
        // RoleB's trust names RoleA's role ARN: passed on, still limited by the session's limits.
        assert_eq!(walk_statuses(hop2)[2], GateStatus::Passed);
    }

    fn walk_statuses(response: &Response) -> Vec<GateStatus> {
        statuses(&walk(response))
    }
}
