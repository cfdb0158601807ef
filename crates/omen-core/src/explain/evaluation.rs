//! Renderings of a [`Response`]: the explanation in words (English and Japanese), AWS's
//! AccessDenied message, and the JSON that `aws sts decode-authorization-message` prints.

use crate::condition::ConditionReason;
use crate::diagnostics::Refusal;
use crate::evaluate::{
    AttachedPolicy, Decision, PolicyEvaluation, PolicyId, PolicyResult, PolicySet, Request, Response, Rule,
    StatementEvaluation, StatementOutcome,
};
use crate::lang::{Lang, Text};
use crate::policy::{Effect, PolicyKind};
use crate::principal::PrincipalKind;
use serde_json::{json, Value};

/// The message AWS returns when the request is denied, e.g. `User: arn:… is not authorized to
/// perform: iam:PassRole on resource: arn:… because no identity-based policy allows the
/// iam:PassRole action` ("Troubleshoot access denied error messages"). `None` when allowed.
pub fn access_denied_message(request: &Request, response: &Response) -> Option<String> {
    if response.decision == Decision::Allowed {
        return None;
    }
    let action = &request.action;
    let on_resource =
        if request.resource == "*" { String::new() } else { format!(" on resource: {}", request.resource) };
    // A change the service refuses whatever the policies say: its error, where AWS documents one.
    if let Some(which) = response.rules.iter().find_map(|r| match r {
        Rule::ServiceRefuses { which } => Some(*which),
        _ => None,
    }) {
        return Some(match which.error_code() {
            Some(code) => format!(
                "{code}: {action} is refused on {}: only the service that owns it may change it",
                request.resource
            ),
            None => format!(
                "{action} is refused on {}: AWS does not allow this change (AWS documents no error code)",
                request.resource
            ),
        });
    }
    // STS answers the identity provider's calls without naming a user ("AssumeRoleWithWebIdentity",
    // "AssumeRoleWithSAML", STS API reference, Errors).
    if request.principal.is_identity_provider() {
        return Some(format!("Not authorized to perform {action}"));
    }
    let head = format!("User: {} is not authorized to perform: {action}{on_resource}", request.principal.arn);
    // "with an explicit deny in an identity-based policy", "… in a resource-based policy", but
    // "… in the role trust policy": a role has one ("Troubleshoot access denied error messages").
    let article = |kind: PolicyKind| match kind {
        PolicyKind::Identity => "an",
        PolicyKind::Trust => "the",
        _ => "a",
    };
    Some(match (response.decision, response.denied_by) {
        (Decision::ExplicitDeny, Some(kind)) => {
            format!("{head} with an explicit deny in {} {}", article(kind), kind.aws_phrase())
        }
        (_, Some(kind)) => format!("{head} because no {} allows the {action} action", kind.aws_phrase()),
        _ => head,
    })
}

/// The decoded authorization failure message, in the shape `aws sts
/// decode-authorization-message` prints ("DecodeAuthorizationMessage", STS API reference).
pub fn decoded_authorization_message(request: &Request, response: &Response, policies: &PolicySet) -> Value {
    let matched: Vec<Value> = if response.decision == Decision::ImplicitDeny {
        Vec::new()
    } else {
        response
            .deciding_statements()
            .iter()
            .filter_map(|deciding| {
                let attached = find_policy(policies, &deciding.policy)?;
                let statement = attached.policy.statements.get(deciding.statement_index)?;
                let items = |values: Vec<String>| json!({ "items": values.into_iter().map(|v| json!({"value": v})).collect::<Vec<_>>() });
                let patterns = |element: &Option<crate::policy::ListElement>| {
                    element.as_ref().map(|e| e.patterns.iter().map(|p| p.value.clone()).collect()).unwrap_or_default()
                };
                let principals: Vec<String> = statement
                    .principal
                    .as_ref()
                    .map(|p| p.entries.iter().map(|e| e.value.value.clone()).collect())
                    .unwrap_or_default();
                Some(json!({
                    "statementId": statement.label(),
                    "effect": match deciding.effect { Effect::Allow => "ALLOW", Effect::Deny => "DENY" },
                    "principals": items(principals),
                    "principalGroups": { "items": [] },
                    "actions": items(patterns(&statement.action)),
                    "resources": items(patterns(&statement.resource)),
                    "conditions": { "items": statement.conditions.iter().map(|c| json!({
                        "key": c.key.value,
                        "values": { "items": c.values.iter().map(|v| json!({"value": v.value})).collect::<Vec<_>>() }
                    })).collect::<Vec<_>>() }
                }))
            })
            .collect()
    };
    let conditions: Vec<Value> = request
        .context
        .entries()
        .map(|entry| {
            json!({
                "key": entry.key,
                "values": { "items": entry.values.iter().map(|v| json!({"value": v})).collect::<Vec<_>>() }
            })
        })
        .collect();
    json!({
        "allowed": response.decision == Decision::Allowed,
        "explicitDeny": response.decision == Decision::ExplicitDeny,
        "matchedStatements": { "items": matched },
        "failures": { "items": [] },
        "context": {
            "principal": {
                "id": request.principal.user_id(),
                "name": request.principal.name,
                "arn": request.principal.arn,
            },
            "action": request.action,
            "resource": request.resource,
            "conditions": { "items": conditions }
        }
    })
}

/// The attached policy a [`PolicyId`] refers to.
pub fn find_policy<'p>(policies: &'p PolicySet, id: &PolicyId) -> Option<&'p AttachedPolicy> {
    let levels = |levels: &'p Option<Vec<Vec<AttachedPolicy>>>| {
        levels.as_ref().and_then(|l| l.get(id.level.unwrap_or(0))).and_then(|level| level.get(id.index))
    };
    match id.kind {
        PolicyKind::Identity => policies.identity.get(id.index),
        PolicyKind::PermissionsBoundary => policies.permissions_boundary.as_ref(),
        PolicyKind::Session => policies.session.get(id.index),
        PolicyKind::Trust | PolicyKind::Resource => policies.resource.as_ref(),
        PolicyKind::Scp => levels(&policies.scps),
        PolicyKind::Rcp => levels(&policies.rcps),
    }
}

/// Why a policy takes no part in an evaluation: AWS refuses to save it ("Troubleshooting IAM
/// policies"). For the case outcome and the page's "IAM would refuse to save this policy".
pub fn refused_policy(policy: &PolicyId, refusal: &Refusal, problem: &Text, lang: Lang) -> String {
    let problem = problem.get(lang);
    let named = crate::policy::named_policy(kind_name(policy.kind, lang), &policy.name);
    let answer = aws_answer(refusal, lang);
    lang.pick(
        format!("AWS would refuse to save the {named} ({problem}), answering {answer} A policy AWS refused never takes part in an evaluation, so there is no decision. [Troubleshooting IAM policies]"),
        format!("AWS は{named} の保存を拒否します ({problem})。{answer}保存を拒否されたポリシーが評価に加わることはないため、判定はありません。[Troubleshooting IAM policies]"),
    )
}

/// The note on a decision made with a policy AWS would refuse to save (`--evaluate-invalid`).
pub fn evaluated_invalid(policy: &PolicyId, refusal: &Refusal, problem: &Text, lang: Lang) -> String {
    let problem = problem.get(lang);
    let named = crate::policy::named_policy(kind_name(policy.kind, lang), &policy.name);
    let answer = aws_answer(refusal, lang);
    lang.pick(
        format!("Evaluated anyway, for teaching: AWS never makes this decision, because it would refuse to save the {named} ({problem}), answering {answer}"),
        format!("学習のためにあえて評価しています。AWS は{named} の保存を拒否する ({problem}) ため、AWS がこの判定をすることはありません。{answer}"),
    )
}

/// AWS's answer to saving a refused policy, ending a sentence: in English `MalformedPolicyDocument:
/// “Policy document should not specify a principal.”` (AWS's words quoted with their own full
/// stop, none added after them) or `LimitExceeded.`; in Japanese the whole sentence, AWS's words in
/// 「」. Never AWS's full stop followed by more punctuation (issue 12: "…a principal.: `Principal`").
fn aws_answer(refusal: &Refusal, lang: Lang) -> String {
    let code = refusal.error_code;
    match (&refusal.aws_message, lang) {
        (Some(message), Lang::En) => {
            let stop = if message.ends_with(['.', '!', '?']) { "" } else { "." };
            format!("{code}: “{message}”{stop}")
        }
        (None, Lang::En) => format!("{code}."),
        (Some(message), Lang::Ja) => format!("保存に対する AWS の応答は {code}「{message}」です。"),
        (None, Lang::Ja) => format!("保存に対する AWS の応答は {code} です。"),
    }
}

/// A policy kind as sentences name it, in `lang`.
pub(super) fn kind_name(kind: PolicyKind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::En, PolicyKind::Identity) => "identity-based policy",
        (Lang::En, PolicyKind::PermissionsBoundary) => "permissions boundary",
        (Lang::En, PolicyKind::Session) => "session policy",
        (Lang::En, PolicyKind::Trust) => "trust policy",
        (Lang::En, PolicyKind::Resource) => "resource-based policy",
        (Lang::En, PolicyKind::Scp) => "SCP",
        (Lang::En, PolicyKind::Rcp) => "RCP",
        (Lang::Ja, PolicyKind::Identity) => "アイデンティティベースのポリシー",
        (Lang::Ja, PolicyKind::PermissionsBoundary) => "アクセス許可の境界 (permissions boundary)",
        (Lang::Ja, PolicyKind::Session) => "セッションポリシー",
        (Lang::Ja, PolicyKind::Trust) => "信頼ポリシー (trust policy)",
        (Lang::Ja, PolicyKind::Resource) => "リソースベースのポリシー",
        (Lang::Ja, PolicyKind::Scp) => "SCP",
        (Lang::Ja, PolicyKind::Rcp) => "RCP",
    }
}

fn principal_phrase(request: &Request, lang: Lang) -> String {
    let p = &request.principal;
    let account = p.account.clone().unwrap_or_default();
    match (lang, p.kind) {
        (Lang::En, PrincipalKind::User) => format!("IAM user `{}` (account {account})", p.name),
        (Lang::En, PrincipalKind::Role) => format!("role `{}` (account {account})", p.name),
        (Lang::En, PrincipalKind::AssumedRole) => format!(
            "session `{}` of role `{}` (account {account}) — wearing the role's mask",
            p.session_name.clone().unwrap_or_default(),
            p.name
        ),
        (Lang::En, PrincipalKind::FederatedUser) => {
            format!("federated user `{}` (account {account})", p.name)
        }
        (Lang::En, PrincipalKind::Root) => format!("the root user of account {account}"),
        (Lang::En, PrincipalKind::Service) => format!("the AWS service `{}`", p.name),
        (Lang::En, PrincipalKind::Anonymous) => "an anonymous caller".to_string(),
        (Lang::Ja, PrincipalKind::User) => {
            format!("IAM ユーザー `{}` (アカウント {account})", p.name)
        }
        (Lang::Ja, PrincipalKind::Role) => format!("ロール `{}` (アカウント {account})", p.name),
        (Lang::Ja, PrincipalKind::AssumedRole) => format!(
            "ロール `{}` のセッション `{}` (アカウント {account}) — ロールのお面をかぶった状態",
            p.name,
            p.session_name.clone().unwrap_or_default()
        ),
        (Lang::Ja, PrincipalKind::FederatedUser) => {
            format!("フェデレーティッドユーザー `{}` (アカウント {account})", p.name)
        }
        (Lang::Ja, PrincipalKind::Root) => format!("アカウント {account} のルートユーザー"),
        (Lang::Ja, PrincipalKind::Service) => format!("AWS サービス `{}`", p.name),
        (Lang::Ja, PrincipalKind::Anonymous) => "匿名の呼び出し元".to_string(),
        (Lang::En, PrincipalKind::WebIdentityUser) => {
            format!("a web identity signed in to `{}` (an OIDC identity provider, no AWS credentials)", p.name)
        }
        (Lang::En, PrincipalKind::SamlUser) => {
            format!("a user of the SAML identity provider `{}` (account {account}, no AWS credentials)", p.name)
        }
        (Lang::Ja, PrincipalKind::WebIdentityUser) => {
            format!("OIDC ID プロバイダー `{}` にサインインした Web ID (AWS の認証情報なし)", p.name)
        }
        (Lang::Ja, PrincipalKind::SamlUser) => {
            format!("SAML ID プロバイダー `{}` (アカウント {account}) のユーザー (AWS の認証情報なし)", p.name)
        }
    }
}

/// The explanation of a decision, one sentence a line, in `lang`.
pub fn explain(request: &Request, response: &Response, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let who = principal_phrase(request, lang);
    lines.push(lang.pick(
        format!("{who} asks for `{}` on `{}`.", request.action, request.resource),
        format!("{who} が `{}` を `{}` に対して要求しています。", request.action, request.resource),
    ));
    for policy in &response.policies {
        if let Some(line) = explain_policy(policy, lang) {
            lines.push(line);
        }
    }
    for rule in &response.rules {
        lines.push(explain_rule(rule, request, lang));
    }
    // AWS always includes the request's time ("AWS global condition context keys"); a case
    // without one gets Omen's fixed clock, which matters only when a condition reads it.
    let reads_time = reads(response, "aws:CurrentTime") || reads(response, "aws:EpochTime");
    let derived = |key: &str| request.context.get(key).is_some_and(|e| e.derived);
    if reads_time && derived("aws:CurrentTime") && derived("aws:EpochTime") {
        let now = request.context.get("aws:CurrentTime").and_then(|e| e.values.first()).cloned().unwrap_or_default();
        lines.push(lang.pick(
            format!("The request gives no time; AWS always includes `aws:CurrentTime` and `aws:EpochTime`, so Omen uses {now} (give `aws:CurrentTime` in the context to choose another)."),
            format!("リクエストに時刻がありません。AWS は `aws:CurrentTime` と `aws:EpochTime` を常に含めるため、Omen は {now} を使います (別の時刻はコンテキストの `aws:CurrentTime` で指定します)。"),
        ));
    }
    // Keys the case layer adds when a case does not give them (`Request::derive_temporary_credential_keys`,
    // `Request::derive_requested_region_of_iam_call`, the service principal's names list): say so
    // when a condition reads one, as for the clock.
    let supplied: Vec<String> =
        ["aws:MultiFactorAuthPresent", "aws:TokenIssueTime", "aws:PrincipalServiceNamesList", "aws:RequestedRegion"]
            .iter()
            .filter(|key| derived(key) && reads(response, key))
            .filter_map(|key| request.context.get(key).map(|e| format!("`{key}` = {}", e.values.join(", "))))
            .collect();
    if !supplied.is_empty() {
        let keys = supplied.join("; ");
        lines.push(lang.pick(
            format!("Omen supplies {keys}: AWS includes the key for this caller and action, and the request does not give it (give it in the context to choose another value)."),
            format!("Omen は {keys} を補っています。AWS はこの呼び出し元とアクションにこのキーを含めますが、リクエストにありません (別の値はコンテキストで指定します)。"),
        ));
    }
    if !response.missing_context_keys.is_empty() {
        let keys = response.missing_context_keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        lines.push(lang.pick(
            format!("The request has no {keys}: conditions on them were decided as AWS does for absent keys, so the answer depends on context."),
            format!("リクエストに {keys} がありません。これらの条件はキーが無い場合の AWS の規則で判定したため、結果はコンテキスト次第です。"),
        ));
    }
    lines
}

/// Whether a condition of any evaluated statement reads `key`.
fn reads(response: &Response, key: &str) -> bool {
    response
        .policies
        .iter()
        .flat_map(|p| &p.statements)
        .flat_map(|s| &s.conditions)
        .any(|c| c.key.eq_ignore_ascii_case(key))
}

fn policy_label(id: &PolicyId, lang: Lang) -> String {
    let named = crate::policy::named_policy(kind_name(id.kind, lang), &id.name);
    match id.level {
        Some(level) => lang.pick(format!("{named} (level {level})"), format!("{named} (レベル {level})")),
        None => named,
    }
}

fn explain_policy(policy: &PolicyEvaluation, lang: Lang) -> Option<String> {
    let label = policy_label(&policy.id, lang);
    let applying = |effect: Effect| -> String {
        policy
            .statements
            .iter()
            .filter(|s| s.outcome == StatementOutcome::Applies && s.effect == Some(effect))
            .map(statement_name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(match policy.result {
        PolicyResult::NotApplicable => lang.pick(
            format!("{label} is not consulted for this request."),
            format!("{label} はこのリクエストでは評価されません。"),
        ),
        PolicyResult::Deny => lang.pick(
            format!("{label}: statement {} denies.", applying(Effect::Deny)),
            format!("{label}: ステートメント {} が拒否 (Deny) します。", applying(Effect::Deny)),
        ),
        PolicyResult::Allow => lang.pick(
            format!("{label}: statement {} allows.", applying(Effect::Allow)),
            format!("{label}: ステートメント {} が許可 (Allow) します。", applying(Effect::Allow)),
        ),
        PolicyResult::NoMatch => {
            let reasons: Vec<String> = policy.statements.iter().map(|s| why_not(s, lang)).collect();
            if reasons.is_empty() {
                lang.pick(format!("{label} has no statements."), format!("{label} にステートメントがありません。"))
            } else {
                lang.pick(
                    format!("{label}: no statement applies — {}.", reasons.join("; ")),
                    format!("{label}: 該当するステートメントがありません — {}。", reasons.join("、")),
                )
            }
        }
    })
}

fn statement_name(statement: &StatementEvaluation) -> String {
    match &statement.sid {
        Some(sid) if !sid.is_empty() => format!("`{sid}`"),
        _ => format!("#{}", statement.statement_index + 1),
    }
}

fn why_not(statement: &StatementEvaluation, lang: Lang) -> String {
    let name = statement_name(statement);
    match &statement.outcome {
        StatementOutcome::Applies => name,
        StatementOutcome::NoEffect => {
            lang.pick(format!("{name} has no valid Effect"), format!("{name} は Effect が不正"))
        }
        StatementOutcome::PrincipalNotMatched => {
            lang.pick(format!("{name} does not name the caller"), format!("{name} は呼び出し元を指定していない"))
        }
        StatementOutcome::ActionNotMatched => {
            lang.pick(format!("{name} does not cover the action"), format!("{name} はアクションが対象外"))
        }
        StatementOutcome::ResourceNotMatched => {
            lang.pick(format!("{name} does not cover the resource"), format!("{name} はリソースが対象外"))
        }
        StatementOutcome::ConditionFailed { .. } => {
            let detail = statement.conditions.last().map(|c| condition_detail(c, lang)).unwrap_or_default();
            lang.pick(format!("{name}'s condition is false ({detail})"), format!("{name} の条件が偽 ({detail})"))
        }
    }
}

fn condition_detail(condition: &crate::evaluate::ConditionEvaluation, lang: Lang) -> String {
    let test = format!("{} `{}`", condition.operator, condition.key);
    match &condition.outcome.reason {
        ConditionReason::KeyMissing => {
            lang.pick(format!("{test}: the request has no such key"), format!("{test}: リクエストにこのキーがない"))
        }
        ConditionReason::NoMatch { values } => lang.pick(
            format!("{test}: the request's `{}` matches no policy value", values.join("`, `")),
            format!("{test}: リクエストの `{}` はどのポリシー値とも一致しない", values.join("`, `")),
        ),
        ConditionReason::NegatedMatched { value, policy_value } => lang.pick(
            format!("{test}: `{value}` matches `{policy_value}`, and the operator is negated"),
            format!("{test}: `{value}` が `{policy_value}` に一致し、否定演算子なので偽"),
        ),
        ConditionReason::ValueOutsideSet { value } => lang.pick(
            format!("{test}: `{value}` is outside the allowed set"),
            format!("{test}: `{value}` が許可された集合の外"),
        ),
        ConditionReason::NullCheck { present } => lang.pick(
            format!("{test}: the key is {}", if *present { "present" } else { "absent" }),
            format!("{test}: キーが{}", if *present { "ある" } else { "ない" }),
        ),
        ConditionReason::UnresolvedVariable { key } => lang.pick(
            format!("{test}: the variable `${{{key}}}` has no value in the request"),
            format!("{test}: 変数 `${{{key}}}` の値がリクエストにない"),
        ),
        ConditionReason::UnknownOperator => {
            lang.pick(format!("{test}: unknown operator"), format!("{test}: 不明な演算子"))
        }
        // The reasons of a test that holds, in words too (never `Debug`: its escaping tables
        // cost the page's wasm ~1.5 KB gzipped for this one line).
        ConditionReason::Matched { value, policy_value } => lang.pick(
            format!("{test}: `{value}` matches `{policy_value}`"),
            format!("{test}: `{value}` が `{policy_value}` に一致"),
        ),
        ConditionReason::NegatedNoMatch { values } => lang.pick(
            format!(
                "{test}: the request's `{}` matches no policy value, and the operator is negated",
                values.join("`, `")
            ),
            format!("{test}: リクエストの `{}` はどのポリシー値とも一致せず、否定演算子なので真", values.join("`, `")),
        ),
        ConditionReason::AbsentIfExists => lang.pick(
            format!("{test}: the request has no such key, so …IfExists makes the test true"),
            format!("{test}: リクエストにこのキーがなく、…IfExists なので真"),
        ),
        ConditionReason::AbsentNegated => lang.pick(
            format!("{test}: the request has no such key, so the negated operator is true"),
            format!("{test}: リクエストにこのキーがなく、否定演算子なので真"),
        ),
        ConditionReason::AbsentForAllValues => lang.pick(
            format!("{test}: the request has no value for the key, so ForAllValues is true"),
            format!("{test}: リクエストにこのキーの値がなく、ForAllValues なので真"),
        ),
        ConditionReason::AllValuesMatched => lang.pick(
            format!("{test}: every request value is in the allowed set"),
            format!("{test}: リクエストのすべての値が許可された集合の中"),
        ),
    }
}

fn explain_rule(rule: &Rule, request: &Request, lang: Lang) -> String {
    let action = &request.action;
    let cite = rule.cite();
    let text = match rule {
        Rule::ExplicitDeny { kind } => lang.pick(
            format!("An explicit Deny in {} wins over every Allow.", kind.with_article()),
            format!("{} の明示的な Deny は、どの Allow よりも優先されます。", kind_name(*kind, Lang::Ja)),
        ),
        Rule::ScpsNotApplicable { reason } => lang.pick(
            format!("SCPs do not apply here ({reason})."),
            format!("ここでは SCP は適用されません ({reason})。"),
        ),
        Rule::ScpLevelWithoutAllow { level } => lang.pick(
            format!("No SCP at level {level} allows `{action}`: every level from the root down must allow."),
            format!("レベル {level} の SCP に `{action}` を許可するものがありません。ルートからアカウントまでの全レベルで許可が必要です。"),
        ),
        Rule::ScpsAllow => lang.pick(
            "Every SCP level allows the action.".to_string(),
            "すべてのレベルの SCP がアクションを許可しています。".to_string(),
        ),
        Rule::RcpsNotApplicable { reason } => lang.pick(
            format!("RCPs do not apply here ({reason})."),
            format!("ここでは RCP は適用されません ({reason})。"),
        ),
        Rule::RcpFullAwsAccess { level } => lang.pick(
            format!("No RCP at level {level} allows `{action}` itself, but RCPFullAWSAccess is attached to every root, OU and account and cannot be detached: RCPs only deny, and nothing here denies."),
            format!("レベル {level} の RCP に `{action}` を許可するものはありませんが、RCPFullAWSAccess はすべてのルート・OU・アカウントにアタッチされていて外せません。RCP は拒否するだけで、ここで拒否するものはありません。"),
        ),
        Rule::RcpLevelWithoutAllow { level } => lang.pick(
            format!("No RCP at level {level} allows `{action}`."),
            format!("レベル {level} の RCP に `{action}` を許可するものがありません。"),
        ),
        Rule::RootUser => lang.pick(
            "The account root user may do anything in its account unless a policy denies it.".to_string(),
            "ルートユーザーは、拒否されない限り自分のアカウントで何でもできます。".to_string(),
        ),
        Rule::RootCannotAssumeRole => lang.pick(
            "The root user cannot call AssumeRole: use an IAM user or role.".to_string(),
            "ルートユーザーは AssumeRole を呼び出せません。IAM ユーザーかロールを使います。".to_string(),
        ),
        Rule::TrustPolicyMustAllow => lang.pick(
            format!("A role's trust policy must explicitly allow the caller `{action}`; an identity-based allow is not enough."),
            format!("ロールの信頼ポリシーが呼び出し元に `{action}` を明示的に許可している必要があります。アイデンティティベースの許可だけでは足りません。"),
        ),
        Rule::KeyPolicyMustAllow => lang.pick(
            "A KMS key policy must allow the caller, itself or by naming the account; identity-based policies alone are not enough.".to_string(),
            "KMS のキーポリシーが、呼び出し元またはアカウントを指定して許可している必要があります。アイデンティティベースのポリシーだけでは足りません。".to_string(),
        ),
        Rule::ResourcePolicyNamesCaller => lang.pick(
            "Same account: the resource-based policy names the caller itself, so no identity-based policy is needed.".to_string(),
            "同じアカウント: リソースベースのポリシーが呼び出し元そのものを指定しているので、アイデンティティベースのポリシーは不要です。".to_string(),
        ),
        Rule::ResourcePolicyNamesRole => lang.pick(
            "Same account: the resource-based policy names the role ARN, so the session's permissions boundary and session policy still limit it.".to_string(),
            "同じアカウント: リソースベースのポリシーがロール ARN を指定しているため、セッションのアクセス許可の境界とセッションポリシーの制限は残ります。".to_string(),
        ),
        Rule::ResourcePolicyDelegatesToAccount => lang.pick(
            "The resource-based policy names the account, not the caller: the account's identity-based policies must allow.".to_string(),
            "リソースベースのポリシーは呼び出し元ではなくアカウントを指定しているため、アカウント側のアイデンティティベースのポリシーによる許可が必要です。".to_string(),
        ),
        Rule::ResourcePolicyAllows => lang.pick(
            "The resource-based policy allows the caller.".to_string(),
            "リソースベースのポリシーが呼び出し元を許可しています。".to_string(),
        ),
        Rule::ResourcePolicyOnIamAction => lang.pick(
            format!("`{action}` is an IAM action, and IAM has no resource-based policies except a role's trust policy: the resource-based policy given with it is ignored, so the identity side alone decides."),
            format!("`{action}` は IAM のアクションで、IAM のリソースベースのポリシーはロールの信頼ポリシー (trust policy) だけです。一緒に渡されたリソースベースのポリシーは無視され、アイデンティティ側だけで判定します。"),
        ),
        Rule::CrossAccountNeedsBoth => lang.pick(
            "Cross account: the resource-based policy and the caller's own account must both allow.".to_string(),
            "クロスアカウント: リソースベースのポリシーと呼び出し元アカウント側の両方で許可が必要です。".to_string(),
        ),
        Rule::NoResourcePolicyAllow => lang.pick(
            "No resource-based policy allows the caller.".to_string(),
            "呼び出し元を許可するリソースベースのポリシーがありません。".to_string(),
        ),
        Rule::IdentityAllows => lang.pick(
            "An identity-based policy allows the action.".to_string(),
            "アイデンティティベースのポリシーがアクションを許可しています。".to_string(),
        ),
        Rule::NoIdentityAllow => lang.pick(
            format!("No identity-based policy allows `{action}`."),
            format!("`{action}` を許可するアイデンティティベースのポリシーがありません。"),
        ),
        Rule::BoundaryAllows => lang.pick(
            "The permissions boundary allows the action too.".to_string(),
            "アクセス許可の境界もアクションを許可しています。".to_string(),
        ),
        Rule::NoBoundaryAllow => lang.pick(
            format!("The permissions boundary does not allow `{action}`: a boundary caps permissions, it never grants."),
            format!("アクセス許可の境界が `{action}` を許可していません。境界は上限であり、権限を与えることはありません。"),
        ),
        Rule::TrustBoundaryChoice => lang.pick(
            "AWS's pages disagree on whether a boundary limits a trust policy that names the user: Omen follows \"Update a role trust policy\", so the boundary must allow sts:AssumeRole.".to_string(),
            "信頼ポリシーがユーザーを直接指定する場合に境界が効くかは AWS のページ間で食い違っています。Omen は「ロールの信頼ポリシーの更新」に従い、境界が sts:AssumeRole を許可している必要があるとします。".to_string(),
        ),
        Rule::ResourceWildcardSpansSegments => lang.pick(
            "A `*` that ends an ARN segment in `Resource` reaches past the `:`: the current \"IAM JSON policy elements: Resource\" says it \"can expand to match beyond the colon boundaries\"; an older version of the page said \"a wildcard cannot span segments\". Omen follows the current page.".to_string(),
            "`Resource` の ARN セグメント末尾の `*` が `:` を越えて一致しています。現在の「IAM JSON ポリシー要素: Resource」は「コロンの境界を越えて一致するように拡張できる」としていますが、以前の版は「ワイルドカードはセグメントをまたげない」としていました。Omen は現在のページに従います。".to_string(),
        ),
        Rule::SessionAllows => lang.pick(
            "The session policy allows the action too.".to_string(),
            "セッションポリシーもアクションを許可しています。".to_string(),
        ),
        Rule::NoSessionAllow => lang.pick(
            format!("The session policy does not allow `{action}`: a session policy caps the session, it never grants."),
            format!("セッションポリシーが `{action}` を許可していません。セッションポリシーは上限であり、権限を与えることはありません。"),
        ),
        Rule::ServiceRefuses { which } => {
            use crate::evaluate::ServiceRule::*;
            let resource = &request.resource;
            match which {
                AwsManagedPolicy => lang.pick(
                    format!("`{resource}` is an AWS managed policy: nobody can change it, whatever the policies allow (AWS documents no error code for the attempt). Copy it into a customer managed policy to change it."),
                    format!("`{resource}` は AWS 管理ポリシーです。ポリシーが何を許可していても誰も変更できません (試みたときのエラーコードを AWS は文書化していません)。変更するにはカスタマー管理ポリシーにコピーします。"),
                ),
                ReservedKmsAlias => lang.pick(
                    format!("`{resource}` begins with alias/aws/, the prefix AWS reserves for AWS managed keys: no one can create, update or delete such an alias, whatever the policies allow (AWS documents no error code for the attempt)."),
                    format!("`{resource}` は AWS 管理キー用に予約された alias/aws/ で始まります。ポリシーが何を許可していても、このエイリアスは作成・更新・削除できません (試みたときのエラーコードを AWS は文書化していません)。"),
                ),
                ServiceLinkedRole => lang.pick(
                    format!("`{resource}` is a service-linked role: only its service may change its trust or permissions. IAM answers UnmodifiableEntity to `{action}`, whatever the policies allow."),
                    format!("`{resource}` はサービスにリンクされたロールです。信頼ポリシーや権限を変更できるのはそのサービスだけで、ポリシーが何を許可していても IAM は `{action}` に UnmodifiableEntity を返します。"),
                ),
                IdentityCenterRole => lang.pick(
                    format!("`{resource}` is a role IAM Identity Center created from a permission set and manages through its service-linked role: change the permission set instead. AWS documents no error code for changing it through IAM."),
                    format!("`{resource}` は IAM Identity Center が許可セットから作成し、サービスにリンクされたロールで管理するロールです。許可セットの方を変更します。IAM 経由で変更したときのエラーコードを AWS は文書化していません。"),
                ),
            }
        }
        Rule::NoAwsCredentials => lang.pick(
            format!("`{action}` needs no AWS credentials: the identity provider's token stands for the caller, so no identity-based policy, permissions boundary or SCP of a caller applies; the role's trust policy decides."),
            format!("`{action}` に AWS の認証情報は不要です。ID プロバイダーのトークンが呼び出し元の代わりとなるため、呼び出し元のアイデンティティベースのポリシー・アクセス許可の境界・SCP はなく、ロールの信頼ポリシーが判定します。"),
        ),
        Rule::Credentials { which } => {
            use crate::evaluate::CredentialRule::*;
            match which {
                GetCallerIdentityNeedsNoPermission => lang.pick(
                    "GetCallerIdentity needs no permission: it works for any signed-in caller, even against an explicit Deny.".to_string(),
                    "GetCallerIdentity に権限は不要です。サインイン済みの呼び出し元なら、明示的な Deny があっても成功します。".to_string(),
                ),
                GetSessionTokenNeedsNoPermission => lang.pick(
                    "GetSessionToken needs no permission: it only authenticates the IAM user (for MFA), and policies cannot control it.".to_string(),
                    "GetSessionToken に権限は不要です。IAM ユーザーを (MFA で) 認証するだけで、ポリシーでは制御できません。".to_string(),
                ),
                NeedsLongTermCredentials => lang.pick(
                    format!("`{action}` must be called with an IAM user's long-term credentials, not a session's."),
                    format!("`{action}` は IAM ユーザーの長期的な認証情報で呼び出す必要があり、セッションからは呼べません。"),
                ),
                FederatedUserCannotCallIam => lang.pick(
                    "A federated user session (GetFederationToken) cannot call any IAM API.".to_string(),
                    "フェデレーティッドユーザーのセッション (GetFederationToken) は IAM API を呼び出せません。".to_string(),
                ),
                FederatedUserCannotCallSts => lang.pick(
                    "A federated user session cannot call STS APIs other than GetCallerIdentity.".to_string(),
                    "フェデレーティッドユーザーのセッションは GetCallerIdentity 以外の STS API を呼び出せません。".to_string(),
                ),
                TokenOnlyAssumesRole => {
                    let call = request.federated_call().unwrap_or("sts:AssumeRoleWithWebIdentity");
                    lang.pick(
                        format!("An identity provider's token only buys `{call}` (with the session tags and source identity riding on it), not `{action}`: the mask is put on first, and the role session then acts."),
                        format!("ID プロバイダーのトークンで呼べるのは `{call}` (とそれに伴うセッションタグ・ソースアイデンティティ) だけで、`{action}` は呼べません。まずお面をかぶり、その後ロールセッションとして行動します。"),
                    )
                }
                NeedsIdentityProviderToken => lang.pick(
                    format!("`{action}` is called with a token or assertion from an identity provider, not with an IAM identity's credentials: the request's principal is that provider (e.g. `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`)."),
                    format!("`{action}` は IAM の認証情報ではなく ID プロバイダーのトークン (または SAML アサーション) で呼び出します。リクエストのプリンシパルはそのプロバイダー (例: `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`) です。"),
                ),
                AnonymousCannotAssumeRole => lang.pick(
                    "AssumeRole needs the credentials of an IAM user or role: an anonymous caller cannot put on a mask.".to_string(),
                    "AssumeRole には IAM ユーザーかロールの認証情報が必要です。匿名の呼び出し元はお面をかぶれません。".to_string(),
                ),
            }
        }
        Rule::Allowed => lang.pick(
            "Result: allowed.".to_string(),
            "結果: 許可されます。".to_string(),
        ),
    };
    lang.pick(format!("{text} [{cite}]"), format!("{text} [{cite}]"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::condition::ConditionOutcome;
    use crate::diagnostics::TextRange;
    use crate::evaluate::ConditionEvaluation;

    /// AWS's answer ends the sentence it is in with one full stop: its own when AWS's words have
    /// one, else one added after the error code (a policy over its quota: `LimitExceeded`).
    #[test]
    fn aws_answer_ends_a_sentence_once() {
        let id = PolicyId { kind: PolicyKind::Identity, index: 0, level: None, name: "Big".to_string() };
        let quota = Refusal { error_code: "LimitExceeded", aws_message: None };
        assert_eq!(
            evaluated_invalid(&id, &quota, &Text::new("the policy is over its size quota", "x"), Lang::En),
            "Evaluated anyway, for teaching: AWS never makes this decision, because it would refuse to save the \
             identity-based policy `Big` (the policy is over its size quota), answering LimitExceeded."
        );
        assert!(evaluated_invalid(&id, &quota, &Text::new("x", "x"), Lang::Ja)
            .ends_with("保存に対する AWS の応答は LimitExceeded です。"));
        let unstopped =
            Refusal { error_code: "MalformedPolicyDocument", aws_message: Some("Syntax errors in policy".to_string()) };
        assert!(refused_policy(&id, &unstopped, &Text::new("x", "x"), Lang::En)
            .contains("answering MalformedPolicyDocument: “Syntax errors in policy”. A policy AWS refused"));
    }

    /// Every reason a condition test gives, with the words the explanation says in English and
    /// Japanese ("IAM JSON policy elements: Condition operators"): none is printed as Rust's
    /// `Debug` of the reason.
    #[test]
    fn condition_detail_says_every_reason_in_words() {
        let text = |s: &str| s.to_string();
        let cases = [
            (ConditionReason::KeyMissing, "StringEquals `aws:SourceAccount`: the request has no such key", "StringEquals `aws:SourceAccount`: リクエストにこのキーがない"),
            (
                ConditionReason::Matched { value: text("111122223333"), policy_value: text("1111*") },
                "StringEquals `aws:SourceAccount`: `111122223333` matches `1111*`",
                "StringEquals `aws:SourceAccount`: `111122223333` が `1111*` に一致",
            ),
            (
                ConditionReason::NoMatch { values: vec![text("a"), text("b")] },
                "StringEquals `aws:SourceAccount`: the request's `a`, `b` matches no policy value",
                "StringEquals `aws:SourceAccount`: リクエストの `a`, `b` はどのポリシー値とも一致しない",
            ),
            (
                ConditionReason::NegatedNoMatch { values: vec![text("a")] },
                "StringEquals `aws:SourceAccount`: the request's `a` matches no policy value, and the operator is negated",
                "StringEquals `aws:SourceAccount`: リクエストの `a` はどのポリシー値とも一致せず、否定演算子なので真",
            ),
            (
                ConditionReason::AbsentIfExists,
                "StringEquals `aws:SourceAccount`: the request has no such key, so …IfExists makes the test true",
                "StringEquals `aws:SourceAccount`: リクエストにこのキーがなく、…IfExists なので真",
            ),
            (
                ConditionReason::AbsentNegated,
                "StringEquals `aws:SourceAccount`: the request has no such key, so the negated operator is true",
                "StringEquals `aws:SourceAccount`: リクエストにこのキーがなく、否定演算子なので真",
            ),
            (
                ConditionReason::AbsentForAllValues,
                "StringEquals `aws:SourceAccount`: the request has no value for the key, so ForAllValues is true",
                "StringEquals `aws:SourceAccount`: リクエストにこのキーの値がなく、ForAllValues なので真",
            ),
            (
                ConditionReason::AllValuesMatched,
                "StringEquals `aws:SourceAccount`: every request value is in the allowed set",
                "StringEquals `aws:SourceAccount`: リクエストのすべての値が許可された集合の中",
            ),
            (
                ConditionReason::UnknownOperator,
                "StringEquals `aws:SourceAccount`: unknown operator",
                "StringEquals `aws:SourceAccount`: 不明な演算子",
            ),
        ];
        for (reason, en, ja) in cases {
            let condition = ConditionEvaluation {
                operator: text("StringEquals"),
                key: text("aws:SourceAccount"),
                range: TextRange { start: 0, end: 0 },
                outcome: ConditionOutcome { holds: false, reason, key_missing: false },
            };
            assert_eq!(condition_detail(&condition, Lang::En), en);
            assert_eq!(condition_detail(&condition, Lang::Ja), ja);
        }
    }
}
