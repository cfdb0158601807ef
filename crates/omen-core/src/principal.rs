//! Who is asking: the request's principal, the context keys AWS derives from it, and how it
//! matches the principals named in a resource-based policy ("IAM JSON policy elements: Principal").

use crate::context::RequestContext;
use crate::policy::{PrincipalEntry, PrincipalType};
use serde::Serialize;

/// The kinds of principal AWS distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalKind {
    /// An IAM user, `arn:aws:iam::A:user/NAME`.
    User,
    /// An IAM role acting without a named session, `arn:aws:iam::A:role/NAME`.
    Role,
    /// A role session, `arn:aws:sts::A:assumed-role/ROLE/SESSION`.
    AssumedRole,
    /// A federated user session, `arn:aws:sts::A:federated-user/NAME`.
    FederatedUser,
    /// The account root user, `arn:aws:iam::A:root`.
    Root,
    /// An AWS service principal such as `ec2.amazonaws.com`.
    Service,
    /// An unauthenticated caller.
    Anonymous,
}

/// The principal making a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestPrincipal {
    /// What kind of principal this is.
    pub kind: PrincipalKind,
    /// Its ARN (a service principal's name; `anonymous` for anonymous callers).
    pub arn: String,
    /// The partition (`aws`, `aws-cn`, …), when known.
    pub partition: String,
    /// The 12-digit account, when it has one.
    pub account: Option<String>,
    /// The user, role or service name.
    pub name: String,
    /// The path of a user or role (`/` when none), e.g. `/aws-service-role/…/`.
    pub path: String,
    /// The session name of a role or federated session.
    pub session_name: Option<String>,
}

impl RequestPrincipal {
    /// Read a principal: an IAM or STS ARN, a service principal, or `anonymous`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("anonymous") || text == "*" {
            return Ok(Self::simple(PrincipalKind::Anonymous, "anonymous", None, "anonymous"));
        }
        if !text.starts_with("arn:") {
            if text.ends_with(".amazonaws.com") || text.ends_with(".amazonaws.com.cn") {
                return Ok(Self::simple(PrincipalKind::Service, text, None, text));
            }
            return Err(format!(
                "`{text}` is not a principal: use an IAM or STS ARN, a service principal like `ec2.amazonaws.com`, or `anonymous`"
            ));
        }
        let parts: Vec<&str> = text.splitn(6, ':').collect();
        let [_, partition, service, _, account, resource] = parts.as_slice() else {
            return Err(format!("`{text}` is not a valid ARN"));
        };
        if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{text}` has no 12-digit account id"));
        }
        let account = Some(account.to_string());
        let (kind, path, name, session_name) = match (*service, resource.split_once('/')) {
            ("iam", None) if *resource == "root" => (PrincipalKind::Root, "/".to_string(), "root".to_string(), None),
            ("iam", Some(("user", rest))) => (PrincipalKind::User, path_of(rest), last(rest), None),
            ("iam", Some(("role", rest))) => (PrincipalKind::Role, path_of(rest), last(rest), None),
            ("sts", Some(("assumed-role", rest))) => match rest.split_once('/') {
                Some((role, session)) if !role.is_empty() && !session.is_empty() => {
                    (PrincipalKind::AssumedRole, "/".to_string(), role.to_string(), Some(session.to_string()))
                }
                _ => return Err(format!("`{text}` must be `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`")),
            },
            ("sts", Some(("federated-user", rest))) if !rest.is_empty() => {
                (PrincipalKind::FederatedUser, "/".to_string(), rest.to_string(), Some(rest.to_string()))
            }
            _ => return Err(format!("`{text}` is not a user, role, assumed-role, federated-user or root ARN")),
        };
        if name.is_empty() {
            return Err(format!("`{text}` has no name"));
        }
        Ok(Self { kind, arn: text.to_string(), partition: partition.to_string(), account, name, path, session_name })
    }

    fn simple(kind: PrincipalKind, arn: &str, account: Option<String>, name: &str) -> Self {
        Self {
            kind,
            arn: arn.to_string(),
            partition: "aws".to_string(),
            account,
            name: name.to_string(),
            path: "/".to_string(),
            session_name: None,
        }
    }

    /// The ARN of the role behind a role session (or the role itself), without its path.
    pub fn role_arn(&self) -> Option<String> {
        match self.kind {
            PrincipalKind::AssumedRole | PrincipalKind::Role => Some(format!(
                "arn:{}:iam::{}:role{}{}",
                self.partition,
                self.account.as_deref().unwrap_or_default(),
                self.path,
                self.name
            )),
            _ => None,
        }
    }

    /// Whether this is a service-linked role or a session of one (path `/aws-service-role/`).
    pub fn is_service_linked_role(&self) -> bool {
        self.path.starts_with("/aws-service-role/") || self.name.starts_with("AWSServiceRoleFor")
    }

    /// Whether identity-based policies can be attached to this principal.
    pub fn has_identity_policies(&self) -> bool {
        matches!(
            self.kind,
            PrincipalKind::User | PrincipalKind::Role | PrincipalKind::AssumedRole | PrincipalKind::FederatedUser
        )
    }

    /// The value of `aws:PrincipalType`.
    pub fn principal_type(&self) -> &'static str {
        match self.kind {
            PrincipalKind::User => "User",
            PrincipalKind::Role | PrincipalKind::AssumedRole => "AssumedRole",
            PrincipalKind::FederatedUser => "FederatedUser",
            PrincipalKind::Root => "Account",
            PrincipalKind::Service => "Service",
            PrincipalKind::Anonymous => "Anonymous",
        }
    }

    /// A stable, clearly synthetic unique id (`AIDA…` for users, `AROA…` for roles), as IAM shows.
    pub fn unique_id(&self) -> String {
        let prefix = match self.kind {
            PrincipalKind::User => "AIDA",
            PrincipalKind::Role | PrincipalKind::AssumedRole => "AROA",
            _ => return self.account.clone().unwrap_or_else(|| "anonymous".into()),
        };
        let basis = self.role_arn().unwrap_or_else(|| self.arn.clone());
        format!("{prefix}{}", synthetic_suffix(&basis, 17))
    }

    /// The value of `aws:userid`.
    pub fn user_id(&self) -> String {
        match (self.kind, &self.session_name) {
            (PrincipalKind::AssumedRole, Some(session)) => {
                format!("{}:{session}", self.unique_id())
            }
            (PrincipalKind::FederatedUser, Some(name)) => {
                format!("{}:{name}", self.account.as_deref().unwrap_or_default())
            }
            (PrincipalKind::Anonymous, _) => "anonymous".into(),
            _ => self.unique_id(),
        }
    }

    /// Add the keys AWS derives from the principal, unless the request already has them
    /// ("AWS global condition context keys").
    pub fn derive_context(&self, context: &mut RequestContext) {
        match self.kind {
            PrincipalKind::Service => {
                context.derive("aws:PrincipalServiceName", self.name.clone());
                context.derive("aws:PrincipalIsAWSService", "true");
                return;
            }
            PrincipalKind::Anonymous => {
                context.derive("aws:PrincipalType", "Anonymous");
                context.derive("aws:userid", "anonymous");
                context.derive("aws:PrincipalIsAWSService", "false");
                return;
            }
            _ => {}
        }
        let principal_arn = self.role_arn().unwrap_or_else(|| self.arn.clone());
        context.derive("aws:PrincipalArn", principal_arn);
        if let Some(account) = &self.account {
            context.derive("aws:PrincipalAccount", account.clone());
        }
        context.derive("aws:PrincipalType", self.principal_type());
        context.derive("aws:userid", self.user_id());
        context.derive("aws:PrincipalIsAWSService", "false");
        if self.kind == PrincipalKind::User {
            context.derive("aws:username", self.name.clone());
        }
    }

    /// How `entry` (one principal named in a policy) matches this principal.
    pub fn match_entry(&self, entry: &PrincipalEntry, context: &RequestContext) -> PrincipalMatch {
        let value = entry.value.value.as_str();
        match entry.principal_type {
            PrincipalType::Everyone => PrincipalMatch::Everyone,
            PrincipalType::Aws if value == "*" => PrincipalMatch::Everyone,
            PrincipalType::Service if self.kind == PrincipalKind::Service && value == self.name => {
                PrincipalMatch::Direct
            }
            PrincipalType::Aws => self.match_aws(value, context),
            _ => PrincipalMatch::None,
        }
    }

    fn match_aws(&self, value: &str, context: &RequestContext) -> PrincipalMatch {
        let Some(account) = &self.account else {
            return PrincipalMatch::None;
        };
        let root = format!("arn:{}:iam::{account}:root", self.partition);
        if value == account || value == root {
            return if self.kind == PrincipalKind::Root { PrincipalMatch::Direct } else { PrincipalMatch::Account };
        }
        if value == self.arn {
            return match self.kind {
                PrincipalKind::Role => PrincipalMatch::RoleArn,
                _ => PrincipalMatch::Direct,
            };
        }
        if matches!(self.kind, PrincipalKind::AssumedRole | PrincipalKind::Role) {
            // A role ARN names every session of the role. The session ARN carries no path, so
            // compare with aws:PrincipalArn when the request has it, else by account and name.
            let named_role = match context.first("aws:PrincipalArn") {
                Some(principal_arn) => value == principal_arn,
                None => {
                    value.starts_with(&format!("arn:{}:iam::{account}:role/", self.partition))
                        && value.rsplit('/').next() == Some(self.name.as_str())
                }
            };
            if named_role {
                return PrincipalMatch::RoleArn;
            }
        }
        PrincipalMatch::None
    }
}

fn path_of(rest: &str) -> String {
    match rest.rfind('/') {
        Some(i) => format!("/{}/", rest.get(..i).unwrap_or("")),
        None => "/".to_string(),
    }
}

fn last(rest: &str) -> String {
    rest.rsplit('/').next().unwrap_or(rest).to_string()
}

/// Deterministic base-32 characters from a string (FNV-1a), for fake but stable ids.
pub fn synthetic_suffix(basis: &str, length: usize) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::with_capacity(length);
    for round in 0..length {
        for byte in basis.bytes().chain([round as u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        let index = (hash >> 59) as usize;
        out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
    }
    out
}

/// How a policy's `Principal` entry names the caller; the evaluation rules depend on it
/// ("Policy evaluation logic", resource-based policies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalMatch {
    /// Not named.
    None,
    /// Named through its account (`111122223333` or `arn:aws:iam::111122223333:root`): the
    /// account delegates to its own identity policies.
    Account,
    /// Named through the role ARN of the calling session.
    RoleArn,
    /// Named by `*`.
    Everyone,
    /// Named by its own ARN (user, role session, federated user, root) or service name.
    Direct,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_principal_kind() {
        let cases = [
            ("arn:aws:iam::111122223333:user/alice", PrincipalKind::User),
            ("arn:aws:iam::111122223333:user/division/alice", PrincipalKind::User),
            ("arn:aws:iam::111122223333:role/Admin", PrincipalKind::Role),
            ("arn:aws:sts::111122223333:assumed-role/Admin/alice", PrincipalKind::AssumedRole),
            ("arn:aws:sts::111122223333:federated-user/bob", PrincipalKind::FederatedUser),
            ("arn:aws:iam::111122223333:root", PrincipalKind::Root),
            ("ec2.amazonaws.com", PrincipalKind::Service),
            ("anonymous", PrincipalKind::Anonymous),
        ];
        for (text, kind) in cases {
            assert_eq!(RequestPrincipal::parse(text).map(|p| p.kind), Ok(kind), "{text}");
        }
        assert!(RequestPrincipal::parse("alice").is_err());
        assert!(RequestPrincipal::parse("arn:aws:iam::1234:user/alice").is_err());
    }

    #[test]
    fn sessions_derive_the_role_arn() {
        let session = RequestPrincipal::parse("arn:aws:sts::111122223333:assumed-role/Admin/alice");
        let mut context = RequestContext::new();
        if let Ok(session) = &session {
            session.derive_context(&mut context);
            assert!(session.user_id().starts_with("AROA") && session.user_id().ends_with(":alice"));
        }
        assert_eq!(context.first("aws:PrincipalArn"), Some("arn:aws:iam::111122223333:role/Admin"));
        assert_eq!(context.first("aws:principaltype"), Some("AssumedRole"));
        assert_eq!(context.first("aws:username"), None);
    }
}
