//! The world's policies, parsed once and located in the world (a JSON pointer the editor can
//! open), and assembled into the [`PolicySet`] that one request of a flow is evaluated against.

use super::world::{IdentityName, NamedPolicy, PolicyText, Tags, World, DEFAULT_MAX_SESSION_DURATION};
use crate::diagnostics::{Diagnostic, LineIndex, TextRange};
use crate::evaluate::{AttachedPolicy, PolicyId, PolicySet};
use crate::parse::parse_policy;
use crate::policy::{Policy, PolicyKind};
use serde::Serialize;

/// Where a policy lives in the [`World`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "in", rename_all = "camelCase")]
pub enum PolicyLocation {
    /// `users[user].policies[policy]`.
    UserPolicy {
        /// Index of the user.
        user: usize,
        /// Index of the policy.
        policy: usize,
    },
    /// `users[user].groups[group].policies[policy]`.
    GroupPolicy {
        /// Index of the user.
        user: usize,
        /// Index of the group.
        group: usize,
        /// Index of the policy.
        policy: usize,
    },
    /// `users[user].permissionsBoundary`.
    UserBoundary {
        /// Index of the user.
        user: usize,
    },
    /// `roles[role].policies[policy]`.
    RolePolicy {
        /// Index of the role.
        role: usize,
        /// Index of the policy.
        policy: usize,
    },
    /// `roles[role].permissionsBoundary`.
    RoleBoundary {
        /// Index of the role.
        role: usize,
    },
    /// `roles[role].trustPolicy`.
    TrustPolicy {
        /// Index of the role.
        role: usize,
    },
    /// `accounts[account].scps[level][policy]`.
    Scp {
        /// Index of the account.
        account: usize,
        /// The level, 0 being the organization root.
        level: usize,
        /// Index of the policy in its level.
        policy: usize,
    },
    /// `accounts[account].rcps[level][policy]`.
    Rcp {
        /// Index of the account.
        account: usize,
        /// The level.
        level: usize,
        /// Index of the policy in its level.
        policy: usize,
    },
    /// The session policy of AssumeRole hop `hop` (0: `action.assumeRole`, n: `action.chain[n-1]`).
    SessionPolicy {
        /// The hop.
        hop: usize,
    },
    /// A resource-based policy given with an action (`then[…].resourcePolicy`).
    ResourcePolicy {
        /// Its JSON pointer.
        pointer: String,
    },
    /// A policy Omen supplies because AWS does (a service-linked role's own policies).
    Supplied {
        /// What it is.
        name: String,
    },
}

impl PolicyLocation {
    /// The JSON pointer of the policy's document in the world (RFC 6901).
    pub fn pointer(&self) -> String {
        match self {
            Self::UserPolicy { user, policy } => format!("/users/{user}/policies/{policy}/document"),
            Self::GroupPolicy { user, group, policy } => {
                format!("/users/{user}/groups/{group}/policies/{policy}/document")
            }
            Self::UserBoundary { user } => format!("/users/{user}/permissionsBoundary/document"),
            Self::RolePolicy { role, policy } => format!("/roles/{role}/policies/{policy}/document"),
            Self::RoleBoundary { role } => format!("/roles/{role}/permissionsBoundary/document"),
            Self::TrustPolicy { role } => format!("/roles/{role}/trustPolicy"),
            Self::Scp { account, level, policy } => format!("/accounts/{account}/scps/{level}/{policy}/document"),
            Self::Rcp { account, level, policy } => format!("/accounts/{account}/rcps/{level}/{policy}/document"),
            Self::SessionPolicy { hop: 0 } => "/action/assumeRole/sessionPolicy".to_string(),
            Self::SessionPolicy { hop } => format!("/action/chain/{}/sessionPolicy", hop - 1),
            Self::ResourcePolicy { pointer } => pointer.clone(),
            Self::Supplied { .. } => String::new(),
        }
    }

    /// Whether people can edit this policy (AWS supplies the others).
    pub fn is_editable(&self) -> bool {
        !matches!(self, Self::Supplied { .. })
    }
}

/// A policy of the world, parsed.
#[derive(Debug, Clone)]
pub struct Located {
    /// Where it lives.
    pub location: PolicyLocation,
    /// Its name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Its kind.
    pub kind: PolicyKind,
    /// The parsed policy, unless the text cannot be read.
    pub policy: Option<Policy>,
    /// Whether AWS manages it (it cannot be edited).
    pub aws_managed: bool,
}

impl Located {
    /// Parse `text` as a policy of `kind` living at `location`; its diagnostics go to `sink`.
    pub fn parse(
        location: PolicyLocation,
        name: &str,
        text: &str,
        kind: PolicyKind,
        aws_managed: bool,
        sink: &mut Vec<FlowDiagnostic>,
    ) -> Self {
        let parsed = parse_policy(text, kind);
        let lines = LineIndex::new(text);
        for diagnostic in &parsed.diagnostics {
            let position = lines.position(diagnostic.range.start);
            sink.push(FlowDiagnostic {
                pointer: Some(location.pointer()),
                policy_name: Some(name.to_string()),
                diagnostic: diagnostic.clone(),
                line: Some(position.line),
                column: Some(position.column),
            });
        }
        if parsed.policy.is_none() {
            sink.push(FlowDiagnostic::world(
                "unreadable-policy",
                format!("{} `{name}` cannot be read and is left out of every evaluation", kind.aws_phrase()),
                Some(location.pointer()),
            ));
        }
        Self { location, name: name.to_string(), text: text.to_string(), kind, policy: parsed.policy, aws_managed }
    }

    fn named(location: PolicyLocation, named: &NamedPolicy, kind: PolicyKind, sink: &mut Vec<FlowDiagnostic>) -> Self {
        let name = if named.name.is_empty() { default_name(&location, kind) } else { named.name.clone() };
        Self::parse(location, &name, named.document.as_str(), kind, named.aws_managed, sink)
    }
}

fn default_name(location: &PolicyLocation, kind: PolicyKind) -> String {
    match location {
        PolicyLocation::UserPolicy { policy, .. }
        | PolicyLocation::GroupPolicy { policy, .. }
        | PolicyLocation::RolePolicy { policy, .. } => format!("policy-{policy}"),
        PolicyLocation::Scp { level, policy, .. } | PolicyLocation::Rcp { level, policy, .. } => {
            format!("{}-L{level}-{policy}", kind.as_str())
        }
        _ => match kind {
            PolicyKind::PermissionsBoundary => "permissions boundary".into(),
            PolicyKind::Trust => "trust policy".into(),
            PolicyKind::Session => "session policy".into(),
            _ => "resource policy".into(),
        },
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
    /// The diagnostic; its range is in the policy's text.
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
    /// A world-level error (not in a policy's text).
    pub fn world(code: &'static str, message: String, pointer: Option<String>) -> Self {
        Self {
            pointer,
            policy_name: None,
            diagnostic: Diagnostic::error(code, TextRange::default(), message),
            line: None,
            column: None,
        }
    }
}

/// An IAM user of the world, with its policies parsed.
#[derive(Debug, Clone)]
pub struct ResolvedUser {
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
pub struct ResolvedRole {
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
pub struct ResolvedAccount {
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
pub struct Resolved {
    /// Users.
    pub users: Vec<ResolvedUser>,
    /// Roles.
    pub roles: Vec<ResolvedRole>,
    /// Accounts.
    pub accounts: Vec<ResolvedAccount>,
    /// What was wrong with the world.
    pub diagnostics: Vec<FlowDiagnostic>,
}

impl Resolved {
    /// Parse every policy of `world`.
    pub fn new(world: &World) -> Self {
        let mut sink = Vec::new();
        let mut users = Vec::new();
        for (index, user) in world.users.iter().enumerate() {
            let name = match user.identity() {
                Ok(name) => name,
                Err(error) => {
                    sink.push(FlowDiagnostic::world("invalid-user", error, Some(format!("/users/{index}"))));
                    continue;
                }
            };
            let mut identity: Vec<Located> = user
                .policies
                .iter()
                .enumerate()
                .map(|(policy, p)| {
                    Located::named(
                        PolicyLocation::UserPolicy { user: index, policy },
                        p,
                        PolicyKind::Identity,
                        &mut sink,
                    )
                })
                .collect();
            for (group, g) in user.groups.iter().enumerate() {
                for (policy, p) in g.policies.iter().enumerate() {
                    let location = PolicyLocation::GroupPolicy { user: index, group, policy };
                    let mut located = Located::named(location, p, PolicyKind::Identity, &mut sink);
                    located.name = format!("{}/{}", g.name, located.name);
                    identity.push(located);
                }
            }
            let boundary = user.permissions_boundary.as_ref().map(|p| {
                Located::named(
                    PolicyLocation::UserBoundary { user: index },
                    p,
                    PolicyKind::PermissionsBoundary,
                    &mut sink,
                )
            });
            users.push(ResolvedUser { index, name, identity, boundary, tags: user.tags.clone(), mfa: user.mfa });
        }
        let mut roles = Vec::new();
        for (index, role) in world.roles.iter().enumerate() {
            let name = match role.identity() {
                Ok(name) => name,
                Err(error) => {
                    sink.push(FlowDiagnostic::world("invalid-role", error, Some(format!("/roles/{index}"))));
                    continue;
                }
            };
            let trust = role.trust_policy.as_ref().filter(|t| !t.as_str().trim().is_empty()).map(|t| {
                Located::parse(
                    PolicyLocation::TrustPolicy { role: index },
                    "trust policy",
                    t.as_str(),
                    PolicyKind::Trust,
                    role.service_linked,
                    &mut sink,
                )
            });
            let identity = role
                .policies
                .iter()
                .enumerate()
                .map(|(policy, p)| {
                    Located::named(
                        PolicyLocation::RolePolicy { role: index, policy },
                        p,
                        PolicyKind::Identity,
                        &mut sink,
                    )
                })
                .collect();
            let boundary = role.permissions_boundary.as_ref().map(|p| {
                Located::named(
                    PolicyLocation::RoleBoundary { role: index },
                    p,
                    PolicyKind::PermissionsBoundary,
                    &mut sink,
                )
            });
            let max = role.max_session_duration();
            if !(DEFAULT_MAX_SESSION_DURATION..=43_200).contains(&max) {
                sink.push(FlowDiagnostic::world(
                    "invalid-max-session-duration",
                    format!("`maxSessionDuration` must be from 3600 to 43200 seconds, not {max}"),
                    Some(format!("/roles/{index}/maxSessionDuration")),
                ));
            }
            roles.push(ResolvedRole {
                index: Some(index),
                name,
                trust,
                identity,
                boundary,
                tags: role.tags.clone(),
                max_session_duration: max.clamp(DEFAULT_MAX_SESSION_DURATION, 43_200),
                service_linked: role.service_linked || name_is_service_linked(&role.path, &role.name),
            });
        }
        let mut accounts = Vec::new();
        for (index, account) in world.accounts.iter().enumerate() {
            let mut levels = |levels: &Option<Vec<Vec<NamedPolicy>>>, kind: PolicyKind| {
                levels.as_ref().map(|levels| {
                    levels
                        .iter()
                        .enumerate()
                        .map(|(level, policies)| {
                            policies
                                .iter()
                                .enumerate()
                                .map(|(policy, p)| {
                                    let location = if kind == PolicyKind::Scp {
                                        PolicyLocation::Scp { account: index, level, policy }
                                    } else {
                                        PolicyLocation::Rcp { account: index, level, policy }
                                    };
                                    Located::named(location, p, kind, &mut sink)
                                })
                                .collect()
                        })
                        .collect()
                })
            };
            let scps = levels(&account.scps, PolicyKind::Scp);
            let rcps = levels(&account.rcps, PolicyKind::Rcp);
            accounts.push(ResolvedAccount {
                id: account.id.clone(),
                scps,
                rcps,
                management_account: account.management_account.clone(),
            });
        }
        Self { users, roles, accounts, diagnostics: sink }
    }

    /// The user with this ARN (compared without regard to the path when the name matches).
    pub fn user(&self, arn: &str) -> Option<&ResolvedUser> {
        self.users.iter().find(|u| u.name.arn == arn).or_else(|| {
            let (account, name) = account_and_name(arn, "user")?;
            self.users.iter().find(|u| u.name.account == account && u.name.name == name)
        })
    }

    /// The role with this ARN; role names are unique in an account, so the path may be left out.
    pub fn role(&self, arn: &str) -> Option<&ResolvedRole> {
        self.roles.iter().find(|r| r.name.arn == arn).or_else(|| {
            let (account, name) = account_and_name(arn, "role")?;
            self.roles.iter().find(|r| r.name.account == account && r.name.name.eq_ignore_ascii_case(&name))
        })
    }

    /// The role named `name` in `account`.
    pub fn role_named(&self, account: &str, name: &str) -> Option<&ResolvedRole> {
        self.roles.iter().find(|r| r.name.account == account && r.name.name.eq_ignore_ascii_case(name))
    }

    /// The account with this id.
    pub fn account(&self, id: &str) -> Option<&ResolvedAccount> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The management account of the organization `account` is in, if any.
    pub fn management_account(&self, account: &str) -> Option<String> {
        self.account(account)
            .and_then(|a| a.management_account.clone())
            .or_else(|| self.accounts.iter().find_map(|a| a.management_account.clone()))
    }
}

fn name_is_service_linked(path: &Option<String>, name: &Option<String>) -> bool {
    path.as_deref().is_some_and(|p| p.trim_start_matches('/').starts_with("aws-service-role"))
        || name.as_deref().is_some_and(|n| n.starts_with("AWSServiceRoleFor"))
}

/// The account and last name of an IAM ARN of `kind` (`user` or `role`).
pub fn account_and_name(arn: &str, kind: &str) -> Option<(String, String)> {
    let mut parts = arn.splitn(6, ':');
    let (_, _, service, _, account, resource) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if service != "iam" {
        return None;
    }
    let rest = resource.strip_prefix(kind)?.strip_prefix('/')?;
    let name = rest.rsplit('/').next()?;
    (!name.is_empty()).then(|| (account.to_string(), name.to_string()))
}

/// Where a policy of an evaluation came from, so the UI can open and highlight it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicySource {
    /// The policy as the evaluation's response names it.
    #[serde(flatten)]
    pub id: PolicyId,
    /// Whose policy it is: a user or role ARN, or an account for SCPs and RCPs.
    pub owner: String,
    /// Where it lives in the world.
    pub location: PolicyLocation,
    /// The JSON pointer of its document in the world.
    pub pointer: String,
}

/// Assembles a [`PolicySet`] and remembers where each policy came from.
#[derive(Debug, Clone, Default)]
pub struct SetBuilder {
    /// The policies.
    pub set: PolicySet,
    /// Their sources, one for each attached policy.
    pub sources: Vec<PolicySource>,
}

impl SetBuilder {
    fn attach(
        &mut self,
        located: &Located,
        kind: PolicyKind,
        index: usize,
        level: Option<usize>,
        owner: &str,
    ) -> Option<AttachedPolicy> {
        let policy = located.policy.clone()?;
        let id = PolicyId { kind, index, level, name: located.name.clone() };
        self.sources.push(PolicySource {
            id: id.clone(),
            owner: owner.to_string(),
            location: located.location.clone(),
            pointer: located.location.pointer(),
        });
        Some(AttachedPolicy { id, policy })
    }

    /// Add identity-based policies.
    pub fn identity<'l>(&mut self, policies: impl IntoIterator<Item = &'l Located>, owner: &str) {
        for located in policies {
            let index = self.set.identity.len();
            if let Some(attached) = self.attach(located, PolicyKind::Identity, index, None, owner) {
                self.set.identity.push(attached);
            }
        }
    }

    /// Set the permissions boundary.
    pub fn boundary(&mut self, located: Option<&Located>, owner: &str) {
        if let Some(located) = located {
            self.set.permissions_boundary = self.attach(located, PolicyKind::PermissionsBoundary, 0, None, owner);
        }
    }

    /// Add a session policy.
    pub fn session(&mut self, located: Option<&Located>, owner: &str) {
        if let Some(located) = located {
            let index = self.set.session.len();
            if let Some(attached) = self.attach(located, PolicyKind::Session, index, None, owner) {
                self.set.session.push(attached);
            }
        }
    }

    /// Set the resource-based policy (a trust policy for `sts:AssumeRole`).
    pub fn resource(&mut self, located: Option<&Located>, owner: &str) {
        if let Some(located) = located {
            self.set.resource = self.attach(located, located.kind, 0, None, owner);
        }
    }

    /// Add the caller's SCPs (when its account is in an organization).
    pub fn scps(&mut self, account: Option<&ResolvedAccount>) {
        let Some(account) = account else {
            return;
        };
        if let Some(levels) = &account.scps {
            let owner = format!("account {}", account.id);
            let mut built = Vec::new();
            for (level, policies) in levels.iter().enumerate() {
                let mut attached = Vec::new();
                for (index, located) in policies.iter().enumerate() {
                    attached.extend(self.attach(located, PolicyKind::Scp, index, Some(level), &owner));
                }
                built.push(attached);
            }
            self.set.scps = Some(built);
        }
        if self.set.management_account.is_none() {
            self.set.management_account = account.management_account.clone();
        }
    }

    /// Add the resource account's RCPs.
    pub fn rcps(&mut self, account: Option<&ResolvedAccount>) {
        let Some(account) = account else {
            return;
        };
        if let Some(levels) = &account.rcps {
            let owner = format!("account {}", account.id);
            let mut built = Vec::new();
            for (level, policies) in levels.iter().enumerate() {
                let mut attached = Vec::new();
                for (index, located) in policies.iter().enumerate() {
                    attached.extend(self.attach(located, PolicyKind::Rcp, index, Some(level), &owner));
                }
                built.push(attached);
            }
            self.set.rcps = Some(built);
        }
        if self.set.management_account.is_none() {
            self.set.management_account = account.management_account.clone();
        }
    }

    /// The source of the policy a response names.
    pub fn source_of(&self, id: &PolicyId) -> Option<&PolicySource> {
        self.sources.iter().find(|s| s.id.kind == id.kind && s.id.index == id.index && s.id.level == id.level)
    }
}

/// Parse a policy given with an action (session policy, resource policy).
pub fn parse_action_policy(
    location: PolicyLocation,
    name: &str,
    text: &PolicyText,
    kind: PolicyKind,
    sink: &mut Vec<FlowDiagnostic>,
) -> Option<Located> {
    (!text.as_str().trim().is_empty()).then(|| Located::parse(location, name, text.as_str(), kind, false, sink))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_name_the_document() {
        assert_eq!(PolicyLocation::UserPolicy { user: 0, policy: 2 }.pointer(), "/users/0/policies/2/document");
        assert_eq!(PolicyLocation::TrustPolicy { role: 1 }.pointer(), "/roles/1/trustPolicy");
        assert_eq!(PolicyLocation::SessionPolicy { hop: 2 }.pointer(), "/action/chain/1/sessionPolicy");
        assert_eq!(
            account_and_name("arn:aws:iam::111122223333:role/service-role/R", "role"),
            Some(("111122223333".into(), "R".into()))
        );
        assert_eq!(account_and_name("arn:aws:iam::111122223333:user/u", "role"), None);
    }
}
