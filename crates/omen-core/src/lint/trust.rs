//! Role trust policy checks: who may wear the mask. `"Principal": "*"` without a condition,
//! `NotPrincipal`, a federated principal with the wrong AssumeRole action (SAML needs
//! `sts:AssumeRoleWithSAML`, OIDC `sts:AssumeRoleWithWebIdentity`), an OIDC provider — GitHub's
//! above all — trusted without a condition on its claims, a SAML provider without one on
//! `SAML:aud`, and a role named with its own session
//! ("Access Analyzer policy check reference"; "IAM JSON policy elements: Principal"; "Configuring
//! a role for GitHub OIDC identity provider").

use super::edit::{add_condition, remove_list_item, replace_string};
use super::{Context, Finding, FindingCode, Fix};
use crate::policy::{Effect, PrincipalEntry, PrincipalType, Statement};

const GITHUB: &str = "token.actions.githubusercontent.com";
/// Web identity providers AWS names without an IAM provider ARN.
const WELL_KNOWN_OIDC: [&str; 4] =
    ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"];

/// What a federated principal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Federation<'p> {
    /// A SAML provider (`arn:aws:iam::111122223333:saml-provider/Name`).
    Saml,
    /// An OIDC provider; the text is the prefix of its claim keys (`token.actions.githubusercontent.com`).
    Oidc(&'p str),
}

fn federation(entry: &PrincipalEntry) -> Option<Federation<'_>> {
    if entry.principal_type != PrincipalType::Federated {
        return None;
    }
    let value = entry.value.value.as_str();
    if value.contains(":saml-provider/") {
        return Some(Federation::Saml);
    }
    if let Some((_, provider)) = value.split_once(":oidc-provider/") {
        return Some(Federation::Oidc(provider));
    }
    WELL_KNOWN_OIDC.contains(&value).then_some(Federation::Oidc(value))
}

pub(super) fn check(context: &mut Context<'_>) {
    let policy = context.policy;
    for statement in &policy.statements {
        let Some(principal) = &statement.principal else { continue };
        if principal.negated {
            let finding = Finding::new(
                FindingCode::RoleTrustPolicySyntaxErrorNotPrincipal,
                principal.range,
                context.t(
                    "a role trust policy cannot use `NotPrincipal`".into(),
                    "ロールの信頼ポリシーでは `NotPrincipal` を使えません".into(),
                ),
            )
            .help(context.t(
                "name who may assume the role with `Principal`".into(),
                "ロールを引き受けられるプリンシパルを `Principal` で指定してください".into(),
            ));
            context.push(finding);
            continue;
        }
        if statement.effect == Some(Effect::Allow) {
            check_everyone(context, statement);
            check_actions(context, statement);
            check_oidc_conditions(context, statement);
        }
        check_redundant_sessions(context, statement);
    }
    check_github_subjects(context);
}

fn check_everyone(context: &mut Context<'_>, statement: &Statement) {
    if !statement.conditions.is_empty() {
        return;
    }
    let Some(principal) = &statement.principal else { return };
    for entry in &principal.entries {
        let everyone = entry.principal_type == PrincipalType::Everyone
            || (entry.principal_type == PrincipalType::Aws && entry.value.value == "*");
        if !everyone {
            continue;
        }
        let finding = Finding::new(
            FindingCode::RoleTrustPolicyUnsupportedWildcardInPrincipal,
            entry.value.range,
            context.t(
                "`*` lets every principal of every AWS account assume this role: anyone can wear the mask".into(),
                "`*` はすべての AWS アカウントのすべてのプリンシパルにこのロールの引き受けを許可します。誰でもこのお面をかぶれます".into(),
            ),
        )
        .help(context.t(
            "name the accounts, roles or services that may assume it; a wildcard needs a `Condition` such as `aws:PrincipalOrgID`".into(),
            "引き受けてよいアカウント、ロール、サービスを指定してください。ワイルドカードを使うなら `aws:PrincipalOrgID` などの `Condition` が必要です".into(),
        ));
        context.push(finding);
    }
}

fn check_actions(context: &mut Context<'_>, statement: &Statement) {
    let (Some(principal), Some(action)) = (&statement.principal, &statement.action) else { return };
    if action.negated {
        return;
    }
    let saml = principal.entries.iter().any(|e| federation(e) == Some(Federation::Saml));
    let oidc = principal.entries.iter().any(|e| matches!(federation(e), Some(Federation::Oidc(_))));
    let other =
        principal.entries.iter().any(|e| matches!(e.principal_type, PrincipalType::Aws | PrincipalType::Service));
    for pattern in &action.patterns {
        let name = pattern.value.to_ascii_lowercase();
        let (mismatch, right) = match name.as_str() {
            "sts:assumerole" => (
                saml || oidc,
                if saml && !oidc && !other {
                    Some("sts:AssumeRoleWithSAML")
                } else if oidc && !saml && !other {
                    Some("sts:AssumeRoleWithWebIdentity")
                } else {
                    None
                },
            ),
            "sts:assumerolewithsaml" => (
                oidc || other,
                if oidc && !saml && !other {
                    Some("sts:AssumeRoleWithWebIdentity")
                } else if other && !saml && !oidc {
                    Some("sts:AssumeRole")
                } else {
                    None
                },
            ),
            "sts:assumerolewithwebidentity" => (
                saml || other,
                if saml && !oidc && !other {
                    Some("sts:AssumeRoleWithSAML")
                } else if other && !saml && !oidc {
                    Some("sts:AssumeRole")
                } else {
                    None
                },
            ),
            _ => (false, None),
        };
        if !mismatch {
            continue;
        }
        let action_text = pattern.value.as_str();
        let finding = Finding::new(
            FindingCode::MismatchedActionForPrincipal,
            pattern.range,
            context.t(
                format!("`{action_text}` does not fit the principal: STS never uses it for this kind of principal"),
                format!("`{action_text}` はこのプリンシパルに合いません。この種類のプリンシパルに STS がこのアクションを使うことはありません"),
            ),
        )
        .help(context.t(
            "a SAML provider takes `sts:AssumeRoleWithSAML`, an OIDC provider `sts:AssumeRoleWithWebIdentity`, accounts, roles and services `sts:AssumeRole`".into(),
            "SAML プロバイダーには `sts:AssumeRoleWithSAML`、OIDC プロバイダーには `sts:AssumeRoleWithWebIdentity`、アカウント・ロール・サービスには `sts:AssumeRole` を使います".into(),
        ))
        .fix(right.map(|to| replace_string(context.lang, pattern.range, to)));
        context.push(finding);
    }
}

fn check_oidc_conditions(context: &mut Context<'_>, statement: &Statement) {
    let Some(principal) = &statement.principal else { return };
    for entry in &principal.entries {
        let provider = match federation(entry) {
            Some(Federation::Oidc(provider)) => provider,
            Some(Federation::Saml) => {
                check_saml_audience(context, statement, entry);
                continue;
            }
            None => continue,
        };
        let prefix = format!("{}:", provider.to_ascii_lowercase());
        let keys: Vec<String> = statement.conditions.iter().map(|c| c.key.value.to_ascii_lowercase()).collect();
        if !keys.iter().any(|k| k.starts_with(&prefix)) {
            let finding = Finding::new(
                FindingCode::MissingConditionKeyForOidcPrincipal,
                entry.value.range,
                context.t(
                    format!("`{provider}` is trusted without a condition on its tokens: any identity it issues tokens to can assume this role"),
                    format!("`{provider}` をトークンの条件なしで信頼しています。このプロバイダーがトークンを発行した誰でもこのロールを引き受けられます"),
                ),
            )
            .help(context.t(
                format!("add conditions on `{provider}:aud` and `{provider}:sub`"),
                format!("`{provider}:aud` と `{provider}:sub` の条件を追加してください"),
            ))
            .fix(audience_fix(context, statement, provider));
            context.push(finding);
        } else if provider.eq_ignore_ascii_case(GITHUB) && !keys.iter().any(|k| k == &format!("{GITHUB}:sub")) {
            let finding = Finding::new(
                FindingCode::MissingGithubRepoConditionKey,
                entry.value.range,
                context.t(
                    format!("the GitHub OIDC provider is trusted without a condition on `{GITHUB}:sub`: a workflow of any repository can assume this role"),
                    format!("GitHub の OIDC プロバイダーを `{GITHUB}:sub` の条件なしで信頼しています。どのリポジトリのワークフローでもこのロールを引き受けられます"),
                ),
            )
            .help(context.t(
                format!("add `\"StringEquals\": {{\"{GITHUB}:sub\": \"repo:ORG/REPO:ref:refs/heads/BRANCH\"}}`"),
                format!("`\"StringEquals\": {{\"{GITHUB}:sub\": \"repo:ORG/REPO:ref:refs/heads/BRANCH\"}}` を追加してください"),
            ));
            // "Configuring a role for GitHub OIDC identity provider": `StringLike` on `sub` with
            // the repository; OWNER/REPO is a placeholder the person must replace.
            let title = context.t(
                format!("add `StringLike` `{GITHUB}:sub`: `repo:OWNER/REPO:*` — then replace OWNER/REPO with your repository"),
                format!("`StringLike` `{GITHUB}:sub`: `repo:OWNER/REPO:*` を追加 — そのあと OWNER/REPO を自分のリポジトリに書き換えてください"),
            );
            let sub = format!("{GITHUB}:sub");
            let finding =
                finding.fix(add_condition(title, context.text, statement, "StringLike", &sub, "repo:OWNER/REPO:*"));
            context.push(finding);
        }
    }
}

/// "Create a role for SAML 2.0 federation (console)": the trust policy's `Condition` tests with
/// `StringEquals` that the assertion's `SAML:aud` is the AWS sign-in endpoint (or the audience the
/// role is meant for); without it, an assertion the IdP issued for another audience is accepted.
fn check_saml_audience(context: &mut Context<'_>, statement: &Statement, entry: &PrincipalEntry) {
    if statement.conditions.iter().any(|c| c.key.value.eq_ignore_ascii_case("SAML:aud")) {
        return;
    }
    let finding = Finding::new(
        FindingCode::MissingSamlAudCondition,
        entry.value.range,
        context.t(
            "the SAML provider is trusted without a condition on `SAML:aud`: an assertion it issued for any audience can assume this role".into(),
            "SAML プロバイダーを `SAML:aud` の条件なしで信頼しています。どの宛先 (audience) 向けに発行されたアサーションでもこのロールを引き受けられます".into(),
        ),
    )
    .help(context.t(
        "add `\"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"}` (the AWS sign-in endpoint for SAML)".into(),
        "`\"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"}` (AWS の SAML サインインエンドポイント) を追加してください".into(),
    ))
    .fix(add_equals(context, statement, "SAML:aud", SAML_SIGN_IN));
    context.push(finding);
}

/// The AWS sign-in endpoint for SAML: the audience of an assertion for console sign-in.
const SAML_SIGN_IN: &str = "https://signin.aws.amazon.com/saml";
/// What stands for an audience the policy cannot know: the person replaces it.
const CLIENT_ID: &str = "CLIENT_ID";

/// A fix adding `"StringEquals": {"key": "value"}` to `statement`.
fn add_equals(context: &Context<'_>, statement: &Statement, key: &str, value: &str) -> Option<Fix> {
    let title = context
        .t(format!("add `StringEquals` `{key}`: `{value}`"), format!("`StringEquals` `{key}`: `{value}` を追加"));
    add_condition(title, context.text, statement, "StringEquals", key, value)
}

/// A fix adding a `StringEquals` condition on the provider's `aud`: `sts.amazonaws.com` for
/// GitHub Actions and EKS service accounts ("Configuring a role for GitHub OIDC identity
/// provider"; "Assign IAM roles to Kubernetes service accounts"), else [`CLIENT_ID`], said so.
fn audience_fix(context: &Context<'_>, statement: &Statement, provider: &str) -> Option<Fix> {
    let key = format!("{provider}:aud");
    if provider.eq_ignore_ascii_case(GITHUB) || provider.starts_with("oidc.eks.") {
        return add_equals(context, statement, &key, "sts.amazonaws.com");
    }
    let title = context.t(
        format!("add `StringEquals` `{key}`: `{CLIENT_ID}` — then replace {CLIENT_ID} with your application's client ID"),
        format!("`StringEquals` `{key}`: `{CLIENT_ID}` を追加 — そのあと {CLIENT_ID} をアプリケーションのクライアント ID に書き換えてください"),
    );
    add_condition(title, context.text, statement, "StringEquals", &key, CLIENT_ID)
}

fn check_github_subjects(context: &mut Context<'_>) {
    let policy = context.policy;
    for statement in &policy.statements {
        for clause in &statement.conditions {
            if !clause.key.value.eq_ignore_ascii_case(&format!("{GITHUB}:sub")) {
                continue;
            }
            for value in clause.values.iter().filter(|v| v.value.contains(['*', '?'])) {
                let finding = Finding::new(
                    FindingCode::SpecificGithubRepoAndBranchRecommended,
                    value.range,
                    context.t(
                        format!("`{}` uses a wildcard: more repositories or branches than intended may assume this role", value.value),
                        format!("`{}` はワイルドカードを使っています。意図より多くのリポジトリやブランチがこのロールを引き受けられます", value.value),
                    ),
                )
                .help(context.t(
                    "name the repository and branch: `repo:ORG/REPO:ref:refs/heads/BRANCH`".into(),
                    "リポジトリとブランチを指定してください: `repo:ORG/REPO:ref:refs/heads/BRANCH`".into(),
                ));
                context.push(finding);
            }
        }
    }
}

/// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` (or the `iam` form) → (account, role).
fn session_of(arn: &str) -> Option<(&str, &str)> {
    let rest = arn.strip_prefix("arn:aws:sts::").or_else(|| arn.strip_prefix("arn:aws:iam::"))?;
    let (account, resource) = rest.split_once(':')?;
    let role = resource.strip_prefix("assumed-role/")?.split('/').next()?;
    Some((account, role))
}

/// `arn:aws:iam::ACCOUNT:role/PATH/ROLE` → (account, role).
fn role_of(arn: &str) -> Option<(&str, &str)> {
    let (account, resource) = arn.strip_prefix("arn:aws:iam::")?.split_once(':')?;
    let role = resource.strip_prefix("role/")?.rsplit('/').next()?;
    Some((account, role))
}

fn check_redundant_sessions(context: &mut Context<'_>, statement: &Statement) {
    let Some(principal) = &statement.principal else { return };
    let roles: Vec<(&str, &str)> = principal
        .entries
        .iter()
        .filter(|e| e.principal_type == PrincipalType::Aws)
        .filter_map(|e| role_of(&e.value.value))
        .collect();
    for entry in principal.entries.iter().filter(|e| e.principal_type == PrincipalType::Aws) {
        let Some(session) = session_of(&entry.value.value) else { continue };
        if !roles.contains(&session) {
            continue;
        }
        let (account, role) = session;
        let title = context.t("remove the session".into(), "セッションを削除".into());
        let finding = Finding::new(
            FindingCode::RedundantPrincipalInRoleTrustPolicy,
            entry.value.range,
            context.t(
                format!(
                    "`{}` is a session of the role `arn:aws:iam::{account}:role/{role}`, which is already named",
                    entry.value.value
                ),
                format!(
                    "`{}` はすでに指定されているロール `arn:aws:iam::{account}:role/{role}` のセッションです",
                    entry.value.value
                ),
            ),
        )
        .help(context.t(
            "naming the role covers its sessions here; remove the session".into(),
            "ロールを指定すればそのセッションも含まれます。セッションを削除してください".into(),
        ))
        .fix(remove_list_item(title, context.text, entry.value.range));
        context.push(finding);
    }
}
