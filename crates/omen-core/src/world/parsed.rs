//! The world with every policy document parsed once, where the [`documents`](super::documents)
//! walker finds it: users, roles and accounts with their policies, the session policies of the
//! calls, the resource-based policies of the actions, and what was wrong with the world.

use super::documents::{
    account_documents, action_documents, member_documents, member_groups, role_documents, shared_group_documents,
    user_documents, Document, PolicyLocation,
};
use super::wire::{IdentityName, IdentityProvider, Tags, World, DEFAULT_MAX_SESSION_DURATION};
use crate::arn::Arn;
use crate::diagnostics::{Diagnostic, LineIndex, TextRange};
pub use crate::evaluate::is_iam_action;
use crate::lang::{Lang, Text};
use crate::parse::parse_policy_with_quota;
use crate::policy::{Policy, PolicyKind};
use serde::Serialize;
use serde_json::Value;

/// A policy of the world, parsed.
#[derive(Debug, Clone)]
pub struct Located {
    /// Where it lives.
    pub location: PolicyLocation,
    /// The JSON pointer of its text in the world.
    pub pointer: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: PolicyKind,
    /// The parsed policy, unless the text cannot be read.
    pub policy: Option<Policy>,
    /// The first diagnostic for which AWS refuses to save the policy (`MalformedPolicyDocument`,
    /// `LimitExceeded`): AWS never evaluates such a policy, so a step that needs it has no decision.
    pub refusal: Option<Diagnostic>,
}

impl Located {
    /// Parse `document`; its diagnostics, located in the world, go to `sink`. An AWS managed
    /// policy is AWS's own: the size quota of the policies one writes does not bind it
    /// ("IAM and AWS STS quotas"; `ReadOnlyAccess` is over 90,000 characters).
    pub fn parse(document: &Document, sink: &mut Vec<FlowDiagnostic>) -> Self {
        let quota = if document.aws_managed { usize::MAX } else { document.kind.size_quota() };
        let (location, pointer) = (document.location.clone(), document.pointer.clone());
        Self::parse_with_quota(location, pointer, &document.name, &document.text, document.kind, quota, sink)
    }

    /// Parse `text` as a policy of `kind` living at `location` (`pointer`; empty for a policy
    /// Omen supplies); its diagnostics go to `sink`.
    pub fn parse_text(
        location: PolicyLocation,
        pointer: String,
        name: &str,
        text: &str,
        kind: PolicyKind,
        sink: &mut Vec<FlowDiagnostic>,
    ) -> Self {
        Self::parse_with_quota(location, pointer, name, text, kind, kind.size_quota(), sink)
    }

    /// [`Located::parse_text`], checking the policy's size against `quota` characters.
    fn parse_with_quota(
        location: PolicyLocation,
        pointer: String,
        name: &str,
        text: &str,
        kind: PolicyKind,
        quota: usize,
        sink: &mut Vec<FlowDiagnostic>,
    ) -> Self {
        let parsed = parse_policy_with_quota(text, kind, quota);
        let lines = LineIndex::new(text);
        for diagnostic in &parsed.diagnostics {
            let position = lines.position(diagnostic.range.start);
            sink.push(FlowDiagnostic {
                pointer: Some(pointer.clone()),
                policy_name: Some(name.to_string()),
                diagnostic: diagnostic.clone(),
                line: Some(position.line),
                column: Some(position.column),
            });
        }
        if parsed.policy.is_none() {
            sink.push(FlowDiagnostic::world(
                "unreadable-policy",
                Text::new(
                    format!(
                        "{} cannot be read and is left out of every evaluation",
                        crate::policy::named_policy(kind.aws_phrase(), name)
                    ),
                    format!(
                        "{} を読めないため、どの評価にも加わりません",
                        crate::policy::named_policy(kind.aws_phrase_ja(), name)
                    ),
                ),
                Some(pointer.clone()),
            ));
        }
        let refusal = parsed.diagnostics.iter().find(|d| d.is_refusal()).cloned();
        Self { location, pointer, name: name.to_string(), kind, policy: parsed.policy, refusal }
    }
}

/// A problem with the world: a policy diagnostic located in the world, or a world-level error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowDiagnostic {
    /// The JSON pointer of the policy or field concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The policy's name, for policy diagnostics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
    /// The diagnostic (with its `help`), in English and Japanese; its range is in the policy's
    /// text.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// 1-based line of the range's start, for policy diagnostics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based UTF-16 column of the range's start, for policy diagnostics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl FlowDiagnostic {
    /// A world-level error (not in a policy's text), in English and Japanese.
    pub fn world(code: &'static str, message: Text, pointer: Option<String>) -> Self {
        Self {
            pointer,
            policy_name: None,
            diagnostic: Diagnostic::error(code, TextRange::default(), message),
            line: None,
            column: None,
        }
    }

    /// A world-level warning: the world plays, but part of it is left out (in English and
    /// Japanese).
    pub fn world_warning(code: &'static str, message: Text, pointer: Option<String>) -> Self {
        Self {
            pointer,
            policy_name: None,
            diagnostic: Diagnostic::warning(code, TextRange::default(), message),
            line: None,
            column: None,
        }
    }

    /// This diagnostic with a help line: how to fix it, in English and Japanese.
    pub fn with_help(mut self, help: Text) -> Self {
        self.diagnostic = self.diagnostic.with_help(help);
        self
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        self.diagnostic.message(lang)
    }

    /// How to fix it, in `lang`, when Omen knows.
    pub fn help(&self, lang: Lang) -> Option<&str> {
        self.diagnostic.help(lang)
    }
}

/// An IAM user of the world, with its policies parsed.
#[derive(Debug, Clone)]
pub struct ParsedUser {
    /// Its index in `users`.
    pub index: usize,
    /// ARN, account, name, path.
    pub name: IdentityName,
    /// User and group policies.
    pub identity: Vec<Located>,
    /// The permissions boundary.
    pub boundary: Option<Located>,
    /// Tags.
    pub tags: Tags,
    /// Signed in with MFA.
    pub mfa: bool,
}

/// An IAM role of the world, with its policies parsed.
#[derive(Debug, Clone)]
pub struct ParsedRole {
    /// Its index in `roles`; `None` for a role Omen supplies (a service-linked role AWS creates).
    pub index: Option<usize>,
    /// ARN, account, name, path.
    pub name: IdentityName,
    /// The trust policy.
    pub trust: Option<Located>,
    /// The permissions policies.
    pub identity: Vec<Located>,
    /// The permissions boundary.
    pub boundary: Option<Located>,
    /// Tags.
    pub tags: Tags,
    /// Maximum session duration, seconds.
    pub max_session_duration: i64,
    /// Service-linked.
    pub service_linked: bool,
}

/// An account of the world, with its Organizations policies parsed.
#[derive(Debug, Clone)]
pub struct ParsedAccount {
    /// The account id.
    pub id: String,
    /// SCP levels.
    pub scps: Option<Vec<Vec<Located>>>,
    /// RCP levels.
    pub rcps: Option<Vec<Vec<Located>>>,
    /// The management account.
    pub management_account: Option<String>,
}

/// The world with every policy parsed.
#[derive(Debug, Clone, Default)]
pub struct ParsedWorld {
    /// Users.
    pub users: Vec<ParsedUser>,
    /// Roles.
    pub roles: Vec<ParsedRole>,
    /// Accounts.
    pub accounts: Vec<ParsedAccount>,
    /// The session policy of each AssumeRole call that gives one: hop 0 is `assumeRole`, hop n
    /// is `chain[n-1]`.
    pub session_policies: Vec<(usize, Located)>,
    /// The resource-based policies given with actions, by the pointer of the action.
    pub resource_policies: Vec<(String, Located)>,
    /// What was wrong with the world's users, roles and policies.
    pub diagnostics: Vec<FlowDiagnostic>,
    /// What is wrong with the policies given with the action, reported by a flow when it uses
    /// them (a session policy when its session is issued): the pointer of each document, and its
    /// diagnostics.
    pub action_diagnostics: Vec<(String, Vec<FlowDiagnostic>)>,
    /// The world's IAM identity providers, when it lists them.
    pub identity_providers: Option<Vec<IdentityProvider>>,
}

impl ParsedWorld {
    /// Parse every policy of `world`.
    pub fn new(world: &World) -> Self {
        let mut sink = Vec::new();
        // The one walker reads the world's JSON (as it serializes), so that it lists here what
        // it lists for a page holding a world that does not parse.
        let json = world.to_value();
        let mut users = Vec::new();
        // A group's policy is read for each of its members; what is wrong with it is said once.
        let mut reported: Vec<String> = Vec::new();
        for (index, user) in world.users.iter().enumerate() {
            let name = match user.identity() {
                Ok(name) => name,
                Err(error) => {
                    let diagnostic =
                        FlowDiagnostic::world("invalid-user", error.text(), Some(format!("/users/{index}")));
                    sink.push(diagnostic.with_help(error.help_text()));
                    continue;
                }
            };
            let mut identity = Vec::new();
            let mut boundary = None;
            for document in user_documents(&json, index, &name.arn) {
                let located = Located::parse(&document, &mut sink);
                match document.location {
                    PolicyLocation::UserBoundary { .. } => boundary = Some(located),
                    _ => identity.push(located),
                }
            }
            for document in member_documents(&json, index, &name.arn) {
                let mut found = Vec::new();
                identity.push(Located::parse(&document, &mut found));
                if !reported.contains(&document.pointer) {
                    reported.push(document.pointer.clone());
                    sink.extend(found);
                }
            }
            for group in member_groups(&json, index).1 {
                let message = Text::new(
                    format!("group `{group}` is in another account: a user can only be in groups of its own account, so its policies do not apply"),
                    format!("グループ `{group}` は別のアカウントにあります。ユーザーが入れるのは自分のアカウントのグループだけなので、そのポリシーは適用されません"),
                );
                sink.push(FlowDiagnostic::world(
                    "group-in-other-account",
                    message,
                    Some(format!("/users/{index}/groups")),
                ));
            }
            users.push(ParsedUser { index, name, identity, boundary, tags: user.tags.clone(), mfa: user.mfa });
        }
        // The groups no user is in yet: their problems are said too.
        for (index, _) in world.groups.iter().enumerate() {
            for document in shared_group_documents(&json, index, None) {
                if !reported.contains(&document.pointer) {
                    Located::parse(&document, &mut sink);
                }
            }
        }
        let mut roles = Vec::new();
        for (index, role) in world.roles.iter().enumerate() {
            let name = match role.identity() {
                Ok(name) => name,
                Err(error) => {
                    let diagnostic =
                        FlowDiagnostic::world("invalid-role", error.text(), Some(format!("/roles/{index}")));
                    sink.push(diagnostic.with_help(error.help_text()));
                    continue;
                }
            };
            let (mut trust, mut identity, mut boundary) = (None, Vec::new(), None);
            for document in role_documents(&json, index, &name.arn) {
                match document.location {
                    // A trust policy left empty is no trust policy: nobody can put the mask on.
                    PolicyLocation::TrustPolicy { .. } if document.text.trim().is_empty() => {}
                    PolicyLocation::TrustPolicy { .. } => trust = Some(Located::parse(&document, &mut sink)),
                    PolicyLocation::RoleBoundary { .. } => boundary = Some(Located::parse(&document, &mut sink)),
                    _ => identity.push(Located::parse(&document, &mut sink)),
                }
            }
            let max = role.max_session_duration();
            if !(DEFAULT_MAX_SESSION_DURATION..=43_200).contains(&max) {
                sink.push(
                    FlowDiagnostic::world(
                        "invalid-max-session-duration",
                        Text::new(
                            format!("`maxSessionDuration` must be from 3600 to 43200 seconds, not {max}"),
                            format!("`maxSessionDuration` は 3600 から 43200 秒の範囲で指定します ({max} ではなく)"),
                        ),
                        Some(format!("/roles/{index}/maxSessionDuration")),
                    )
                    .with_help(Text::new(
                        "IAM lets a role's maximum session last from one hour (3600) to twelve hours (43200)",
                        "IAM ではロールの最大セッション時間を 1 時間 (3600) から 12 時間 (43200) の範囲で設定できます",
                    )),
                );
            }
            let service_linked = role.service_linked || is_service_linked(role.path.as_deref(), role.name.as_deref());
            roles.push(ParsedRole {
                index: Some(index),
                name,
                trust,
                identity,
                boundary,
                tags: role.tags.clone(),
                max_session_duration: max.clamp(DEFAULT_MAX_SESSION_DURATION, 43_200),
                service_linked,
            });
        }
        let mut accounts = Vec::new();
        for (index, account) in world.accounts.iter().enumerate() {
            let mut scps: Option<Vec<Vec<Located>>> =
                account.scps.as_ref().map(|levels| levels.iter().map(|_| Vec::new()).collect());
            let mut rcps: Option<Vec<Vec<Located>>> =
                account.rcps.as_ref().map(|levels| levels.iter().map(|_| Vec::new()).collect());
            for document in account_documents(&json, index) {
                let (levels, level) = match document.location {
                    PolicyLocation::Scp { level, .. } => (&mut scps, level),
                    PolicyLocation::Rcp { level, .. } => (&mut rcps, level),
                    _ => continue,
                };
                let located = Located::parse(&document, &mut sink);
                if let Some(level) = levels.as_mut().and_then(|levels| levels.get_mut(level)) {
                    level.push(located);
                }
            }
            accounts.push(ParsedAccount {
                id: account.id.clone(),
                scps,
                rcps,
                management_account: account.management_account.clone(),
            });
        }
        let mut action_diagnostics = Vec::new();
        let mut session_policies = Vec::new();
        let mut resource_policies = Vec::new();
        for document in action_documents(&json) {
            // An empty text is no policy: the call passes none.
            if document.text.trim().is_empty() {
                continue;
            }
            let mut found = Vec::new();
            let located = Located::parse(&document, &mut found);
            action_diagnostics.push((document.pointer.clone(), found));
            match &document.location {
                PolicyLocation::SessionPolicy { hop, .. } => session_policies.push((*hop, located)),
                PolicyLocation::ResourcePolicy { pointer } => {
                    let action = pointer.trim_end_matches("/resourcePolicy").to_string();
                    let tried = json.pointer(&format!("{action}/action")).and_then(Value::as_str).unwrap_or_default();
                    if is_iam_action(tried) {
                        sink.push(resource_policy_on_iam_action(tried, pointer));
                        continue;
                    }
                    resource_policies.push((action, located));
                }
                _ => {}
            }
        }
        Self {
            users,
            roles,
            accounts,
            session_policies,
            resource_policies,
            diagnostics: sink,
            action_diagnostics,
            identity_providers: world.identity_providers.clone(),
        }
    }

    /// The user with this ARN (compared without regard to the path when the name matches).
    pub fn user(&self, arn: &str) -> Option<&ParsedUser> {
        self.users.iter().find(|u| u.name.arn == arn).or_else(|| {
            let parsed = Arn::parse(arn).ok()?;
            let (account, name) = (parsed.account_id()?, parsed.iam_name("user")?);
            self.users.iter().find(|u| u.name.account == account && u.name.name == name)
        })
    }

    /// The role with this ARN; role names are unique in an account, so the path may be left out.
    pub fn role(&self, arn: &str) -> Option<&ParsedRole> {
        self.roles.iter().find(|r| r.name.arn == arn).or_else(|| {
            let parsed = Arn::parse(arn).ok()?;
            self.role_named(parsed.account_id()?, parsed.iam_name("role")?)
        })
    }

    /// The role named `name` in `account`.
    pub fn role_named(&self, account: &str, name: &str) -> Option<&ParsedRole> {
        self.roles.iter().find(|r| r.name.account == account && r.name.name.eq_ignore_ascii_case(name))
    }

    /// The account with this id.
    pub fn account(&self, id: &str) -> Option<&ParsedAccount> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The session policy of AssumeRole hop `hop` (0 for `assumeRole`).
    pub fn session_policy(&self, hop: usize) -> Option<&Located> {
        self.session_policies.iter().find(|(h, _)| *h == hop).map(|(_, located)| located)
    }

    /// The resource-based policy given with the action at `pointer`.
    pub fn resource_policy(&self, pointer: &str) -> Option<&Located> {
        self.resource_policies.iter().find(|(p, _)| p == pointer).map(|(_, located)| located)
    }
}

/// The warning on a resource-based policy given with the IAM action `action` at `pointer`: IAM
/// has none but a role's trust policy, so it is ignored.
fn resource_policy_on_iam_action(action: &str, pointer: &str) -> FlowDiagnostic {
    FlowDiagnostic::world_warning(
        "resource-policy-on-iam-action",
        Text::new(
            format!(
                "IAM has no resource-based policies except a role's trust policy: the resource-based policy given with `{action}` is ignored"
            ),
            format!(
                "IAM のリソースベースのポリシーはロールの信頼ポリシー (trust policy) だけです。`{action}` に付けたリソースベースのポリシーは無視されます"
            ),
        ),
        Some(pointer.to_string()),
    )
    .with_help(Text::new(
        "allow the action in the session's identity-based policies, or remove this policy; who may put a role on is its `trustPolicy`",
        "アクションはセッションのアイデンティティベースのポリシーで許可するか、このポリシーを削除してください。ロールを引き受けられる相手を決めるのは `trustPolicy` です",
    ))
}

/// Whether a role given by `path` and `name` is service-linked: path `/aws-service-role/…/` or
/// name `AWSServiceRoleFor…` ("Using service-linked roles").
fn is_service_linked(path: Option<&str>, name: Option<&str>) -> bool {
    path.is_some_and(|p| p.trim_start_matches('/').starts_with("aws-service-role"))
        || name.is_some_and(|n| n.starts_with("AWSServiceRoleFor"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roles_and_users_without_their_paths() {
        let world = World::from_json(
            r#"{"users": [{"arn": "arn:aws:iam::111122223333:user/team/u"}],
                "roles": [{"arn": "arn:aws:iam::111122223333:role/service-role/R"}, {"name": "AWSServiceRoleForX", "account": "111122223333"}]}"#,
        )
        .unwrap();
        let parsed = ParsedWorld::new(&world);
        assert_eq!(parsed.role("arn:aws:iam::111122223333:role/R").map(|r| r.index), Some(Some(0)));
        assert_eq!(parsed.user("arn:aws:iam::111122223333:user/u").map(|u| u.index), Some(0));
        assert!(parsed.role("arn:aws:iam::111122223333:user/R").is_none());
        assert_eq!(parsed.roles.iter().map(|r| r.service_linked).collect::<Vec<_>>(), vec![false, true]);
    }
}
