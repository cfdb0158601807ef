//! Who is asking: the request's principal, the context keys AWS derives from it, and how it
//! matches the principals named in a resource-based policy ("IAM JSON policy elements: Principal").

use crate::arn::Arn;
use crate::context::RequestContext;
use crate::policy::{PrincipalEntry, PrincipalType};
use serde::Serialize;
use std::fmt;

/// Why a text is not a principal a request can come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalError {
    /// Neither an ARN, a service principal nor `anonymous`.
    NotAPrincipal(String),
    /// It starts with `arn:` but has fewer than six fields.
    InvalidArn(String),
    /// The ARN's account is not a 12-digit account id.
    NoAccount(String),
    /// An `assumed-role` ARN without a role or a session name.
    IncompleteSession(String),
    /// An ARN of something that does not make requests.
    UnknownKind(String),
    /// The ARN names no user, role or session.
    NoName(String),
}

impl PrincipalError {
    /// What is wrong (lowercase, no final period, the input in backticks).
    pub fn message(&self) -> String {
        match self {
            Self::NotAPrincipal(text) => format!("`{text}` is not a principal"),
            Self::InvalidArn(text) => format!("`{text}` is not a valid ARN"),
            Self::NoAccount(text) => format!("`{text}` has no 12-digit account id"),
            Self::IncompleteSession(text) => format!("`{text}` is not a complete role session ARN"),
            Self::UnknownKind(text) => {
                format!("`{text}` is not a user, role, assumed-role, federated-user or root ARN")
            }
            Self::NoName(text) => format!("`{text}` has no name"),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            Self::NotAPrincipal(_) => {
                "use an IAM or STS ARN, a service principal like `ec2.amazonaws.com`, or `anonymous`"
            }
            Self::InvalidArn(_) => "an ARN reads `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`",
            Self::NoAccount(_) => "put the 12-digit account id between the fourth and fifth colons",
            Self::IncompleteSession(_) => "a role session reads `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`",
            Self::UnknownKind(_) => {
                "a principal is `…:user/NAME`, `…:role/NAME`, `…:assumed-role/ROLE/SESSION`, `…:federated-user/NAME` or `…:root`"
            }
            Self::NoName(_) => "name the user, role or session after the last `/`",
        }
    }
}

impl PrincipalError {
    /// [`PrincipalError::message`] in English and Japanese.
    pub fn text(&self) -> crate::lang::Text {
        let ja = match self {
            Self::NotAPrincipal(text) => format!("`{text}` はプリンシパルではありません"),
            Self::InvalidArn(text) => format!("`{text}` は正しい ARN ではありません"),
            Self::NoAccount(text) => format!("`{text}` には 12 桁のアカウント ID がありません"),
            Self::IncompleteSession(text) => format!("`{text}` はロールセッションの ARN として不完全です"),
            Self::UnknownKind(text) => {
                format!("`{text}` は user、role、assumed-role、federated-user、root のいずれの ARN でもありません")
            }
            Self::NoName(text) => format!("`{text}` には名前がありません"),
        };
        crate::lang::Text::new(self.message(), ja)
    }

    /// [`PrincipalError::help`] in English and Japanese.
    pub fn help_text(&self) -> crate::lang::Text {
        let ja = match self {
            Self::NotAPrincipal(_) => {
                "IAM か STS の ARN、`ec2.amazonaws.com` のようなサービスプリンシパル、または `anonymous` を使ってください"
            }
            Self::InvalidArn(_) => "ARN は `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` の形です",
            Self::NoAccount(_) => "4 つ目と 5 つ目のコロンの間に 12 桁のアカウント ID を入れてください",
            Self::IncompleteSession(_) => "ロールセッションは `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` の形です",
            Self::UnknownKind(_) => {
                "プリンシパルは `…:user/NAME`、`…:role/NAME`、`…:assumed-role/ROLE/SESSION`、`…:federated-user/NAME`、`…:root` のいずれかです"
            }
            Self::NoName(_) => "最後の `/` の後にユーザー、ロール、セッションの名前を書いてください",
        };
        crate::lang::Text::new(self.help(), ja)
    }
}

/// The message as one line, as `omen eval` has always printed it.
impl fmt::Display for PrincipalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAPrincipal(_) => write!(f, "{}: {}", self.message(), self.help()),
            Self::IncompleteSession(text) => {
                write!(f, "`{text}` must be `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`")
            }
            _ => f.write_str(&self.message()),
        }
    }
}

impl std::error::Error for PrincipalError {}

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
    /// A user signed in to an OpenID Connect provider, calling `AssumeRoleWithWebIdentity` with its
    /// token: the provider, named as in `Principal.Federated` (CloudTrail's `WebIdentityUser`).
    WebIdentityUser,
    /// A user of a SAML identity provider, calling `AssumeRoleWithSAML` with its assertion: the
    /// provider's ARN (CloudTrail's `SAMLUser`).
    SamlUser,
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
    /// Read a principal: an IAM or STS ARN, a service principal, an identity provider (an IAM OIDC
    /// or SAML provider ARN, or a provider's domain), or `anonymous`.
    pub fn parse(text: &str) -> Result<Self, PrincipalError> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("anonymous") || text == "*" {
            return Ok(Self::simple(PrincipalKind::Anonymous, "anonymous", None, "anonymous"));
        }
        if let Some(provider) = Self::identity_provider(text) {
            return Ok(provider);
        }
        if !text.starts_with("arn:") {
            if text.ends_with(".amazonaws.com") || text.ends_with(".amazonaws.com.cn") {
                return Ok(Self::simple(PrincipalKind::Service, text, None, text));
            }
            return Err(PrincipalError::NotAPrincipal(text.to_string()));
        }
        let arn = Arn::parse(text).map_err(|_| PrincipalError::InvalidArn(text.to_string()))?;
        let Some(account) = arn.account_id() else {
            return Err(PrincipalError::NoAccount(text.to_string()));
        };
        let account = Some(account.to_string());
        let (kind, path, name, session_name) = match (arn.service, arn.resource_type()) {
            ("iam", "root") if arn.resource == "root" => {
                (PrincipalKind::Root, "/".to_string(), "root".to_string(), None)
            }
            ("iam", "user") if arn.resource.starts_with("user/") => {
                (PrincipalKind::User, arn.path().to_string(), arn.name().to_string(), None)
            }
            ("iam", "role") if arn.resource.starts_with("role/") => {
                (PrincipalKind::Role, arn.path().to_string(), arn.name().to_string(), None)
            }
            ("sts", "assumed-role") if arn.resource.starts_with("assumed-role/") => match arn.assumed_role() {
                Some((role, session)) => {
                    (PrincipalKind::AssumedRole, "/".to_string(), role.to_string(), Some(session.to_string()))
                }
                None => return Err(PrincipalError::IncompleteSession(text.to_string())),
            },
            ("sts", "federated-user")
                if arn.resource.starts_with("federated-user/") && !arn.resource_id().is_empty() =>
            {
                let name = arn.resource_id().to_string();
                (PrincipalKind::FederatedUser, "/".to_string(), name.clone(), Some(name))
            }
            _ => return Err(PrincipalError::UnknownKind(text.to_string())),
        };
        if name.is_empty() {
            return Err(PrincipalError::NoName(text.to_string()));
        }
        Ok(Self {
            kind,
            arn: text.to_string(),
            partition: arn.partition.to_string(),
            account,
            name,
            path,
            session_name,
        })
    }

    /// An identity provider as `Principal.Federated` names it: `arn:aws:iam::ACCOUNT:oidc-provider/HOST`,
    /// `arn:aws:iam::ACCOUNT:saml-provider/NAME`, a provider AWS names by domain
    /// (`accounts.google.com`, `cognito-identity.amazonaws.com`, …), or an OIDC provider's host
    /// (`token.actions.githubusercontent.com`, `gitlab.com`, `oidc.eks.REGION.amazonaws.com/id/ID`)
    /// standing for the provider of that host in the role's account ("IAM JSON policy elements:
    /// Principal"; "Create a role for OpenID Connect federation").
    fn identity_provider(text: &str) -> Option<Self> {
        if text.starts_with("arn:") {
            let arn = Arn::parse(text).ok().filter(|arn| arn.service == "iam" && arn.region.is_empty())?;
            let (kind, name) = if let Some(host) = arn.resource.strip_prefix("oidc-provider/") {
                (PrincipalKind::WebIdentityUser, host)
            } else {
                (PrincipalKind::SamlUser, arn.resource.strip_prefix("saml-provider/")?)
            };
            let account = arn.account_id().filter(|_| !name.is_empty())?;
            let mut provider = Self::simple(kind, text, Some(account.to_string()), name);
            provider.partition = arn.partition.to_string();
            return Some(provider);
        }
        let well_known = crate::parse::WELL_KNOWN_WEB_IDENTITY_PROVIDERS.contains(&text);
        let host = text.split('/').next().unwrap_or(text);
        let oidc_host =
            text.contains('/') || !(host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn"));
        (well_known || (oidc_host && crate::parse::is_federated_principal(text)))
            .then(|| Self::simple(PrincipalKind::WebIdentityUser, text, None, text))
    }

    /// Whether this is an identity provider's user (web identity or SAML), who calls STS with a
    /// token instead of AWS credentials.
    pub fn is_identity_provider(&self) -> bool {
        matches!(self.kind, PrincipalKind::WebIdentityUser | PrincipalKind::SamlUser)
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
            PrincipalKind::WebIdentityUser => "WebIdentityUser",
            PrincipalKind::SamlUser => "SAMLUser",
        }
    }

    /// A stable, clearly synthetic unique id (`AIDA…` for users, `AROA…` for roles), as IAM shows.
    pub fn unique_id(&self) -> String {
        let prefix = match self.kind {
            PrincipalKind::User => "AIDA",
            PrincipalKind::Role | PrincipalKind::AssumedRole => "AROA",
            PrincipalKind::WebIdentityUser | PrincipalKind::SamlUser => return self.name.clone(),
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
                // "aws:PrincipalServiceNamesList … a list of all service principal names that
                // belong to the service … present in the request when the call is made by an AWS
                // service principal" ("AWS global condition context keys"): at least its own name.
                context.derive_values("aws:PrincipalServiceNamesList", vec![self.name.clone()]);
                context.derive("aws:PrincipalIsAWSService", "true");
                return;
            }
            // "aws:PrincipalAccount … For anonymous requests, the request context returns
            // anonymous"; "aws:PrincipalIsAWSService … Anonymous requests do not include this key"
            // ("AWS global condition context keys").
            PrincipalKind::Anonymous => {
                context.derive("aws:PrincipalType", "Anonymous");
                context.derive("aws:userid", "anonymous");
                context.derive("aws:PrincipalAccount", "anonymous");
                return;
            }
            // No AWS principal makes these calls: the token's claims are the context. AWS adds
            // `saml:doc`, "ACCOUNT/PROVIDER" ("IAM and AWS STS condition context keys", SAML).
            PrincipalKind::WebIdentityUser => return,
            PrincipalKind::SamlUser => {
                if let Some(account) = &self.account {
                    context.derive("saml:doc", format!("{account}/{}", self.name));
                }
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
            PrincipalType::Federated if self.names_provider(value) => PrincipalMatch::Direct,
            PrincipalType::Aws if !self.is_identity_provider() => self.match_aws(value, context),
            _ => PrincipalMatch::None,
        }
    }

    /// Whether `Principal.Federated: value` names this identity provider: the same ARN, the same
    /// domain, or the provider ARN of the host this principal was given as.
    fn names_provider(&self, value: &str) -> bool {
        if !self.is_identity_provider() {
            return false;
        }
        if value == self.arn {
            return true;
        }
        let provider_name = value
            .strip_prefix("arn:")
            .and_then(|rest| rest.splitn(5, ':').nth(4))
            .and_then(|resource| resource.strip_prefix("oidc-provider/"));
        match (provider_name, &self.account) {
            (Some(host), None) => host.eq_ignore_ascii_case(&self.name),
            _ => false,
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
            // A role ARN names every session of the role. Role names are unique in an account
            // whatever their path ("IAM identifiers", friendly names and paths) and a session ARN
            // carries no path, so `role/team/RoleA` names the sessions `assumed-role/RoleA/…`:
            // compare the account and the role's name (and the request's aws:PrincipalArn, when it
            // gives the role ARN with its path).
            let role_prefix = format!("arn:{}:iam::{account}:role/", self.partition);
            let named_role = context.first("aws:PrincipalArn") == Some(value)
                || value.strip_prefix(&role_prefix).and_then(|path_and_name| path_and_name.rsplit('/').next())
                    == Some(self.name.as_str());
            if named_role {
                return PrincipalMatch::RoleArn;
            }
        }
        PrincipalMatch::None
    }
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
        let path = RequestPrincipal::parse("arn:aws:iam::111122223333:user/division/alice").unwrap();
        assert_eq!((path.path.as_str(), path.name.as_str()), ("/division/", "alice"));
    }

    /// Each error with the text `omen eval` prints, its message and its help apart.
    #[test]
    fn refuses_what_cannot_make_requests() {
        let cases = [
            ("alice", "`alice` is not a principal: use an IAM or STS ARN, a service principal like `ec2.amazonaws.com`, or `anonymous`"),
            ("arn:aws:iam", "`arn:aws:iam` is not a valid ARN"),
            ("arn:aws:iam::1234:user/alice", "`arn:aws:iam::1234:user/alice` has no 12-digit account id"),
            ("arn:aws:sts::111122223333:assumed-role/R", "`arn:aws:sts::111122223333:assumed-role/R` must be `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`"),
            ("arn:aws:s3:::bucket", "`arn:aws:s3:::bucket` has no 12-digit account id"),
            ("arn:aws:ec2:us-east-1:111122223333:instance/i-1", "`arn:aws:ec2:us-east-1:111122223333:instance/i-1` is not a user, role, assumed-role, federated-user or root ARN"),
            ("arn:aws:iam::111122223333:user/", "`arn:aws:iam::111122223333:user/` has no name"),
        ];
        for (text, shown) in cases {
            let error = RequestPrincipal::parse(text).unwrap_err();
            assert_eq!(error.to_string(), shown);
            assert!(error.message().starts_with(&format!("`{text}`")) && !error.help().is_empty());
        }
    }

    /// Identity providers as a case names them, and the `Principal.Federated` entries naming them.
    #[test]
    fn identity_providers_match_their_federated_entries() {
        use crate::diagnostics::TextRange;
        use crate::policy::Spanned;
        let gh = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
        let saml = "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider";
        let cases = [
            (gh, PrincipalKind::WebIdentityUser, "token.actions.githubusercontent.com", gh, true),
            (
                "token.actions.githubusercontent.com",
                PrincipalKind::WebIdentityUser,
                "token.actions.githubusercontent.com",
                gh,
                true,
            ),
            (
                "oidc.eks.us-east-1.amazonaws.com/id/ABC",
                PrincipalKind::WebIdentityUser,
                "oidc.eks.us-east-1.amazonaws.com/id/ABC",
                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
                true,
            ),
            (
                "cognito-identity.amazonaws.com",
                PrincipalKind::WebIdentityUser,
                "cognito-identity.amazonaws.com",
                "cognito-identity.amazonaws.com",
                true,
            ),
            ("accounts.google.com", PrincipalKind::WebIdentityUser, "accounts.google.com", "graph.facebook.com", false),
            (saml, PrincipalKind::SamlUser, "ExampleOrgSSOProvider", saml, true),
            (
                saml,
                PrincipalKind::SamlUser,
                "ExampleOrgSSOProvider",
                "arn:aws:iam::444455556666:saml-provider/ExampleOrgSSOProvider",
                false,
            ),
            (
                gh,
                PrincipalKind::WebIdentityUser,
                "token.actions.githubusercontent.com",
                "arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com",
                false,
            ),
        ];
        for (text, kind, name, entry, matches) in cases {
            let principal = RequestPrincipal::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((principal.kind, principal.name.as_str()), (kind, name), "{text}");
            let entry = PrincipalEntry {
                principal_type: PrincipalType::Federated,
                value: Spanned { value: entry.to_string(), range: TextRange::default() },
            };
            let found = principal.match_entry(&entry, &RequestContext::new());
            assert_eq!(found == PrincipalMatch::Direct, matches, "{text} vs {}", entry.value.value);
            // An account principal never names a provider's user.
            let account = PrincipalEntry {
                principal_type: PrincipalType::Aws,
                value: Spanned { value: "111122223333".into(), range: TextRange::default() },
            };
            assert_eq!(principal.match_entry(&account, &RequestContext::new()), PrincipalMatch::None, "{text}");
        }
        // A service principal stays a service; `ec2` alone is still not a principal.
        assert_eq!(RequestPrincipal::parse("ec2.amazonaws.com").map(|p| p.kind), Ok(PrincipalKind::Service));
        assert!(RequestPrincipal::parse("alice").is_err());
        let mut context = RequestContext::new();
        if let Ok(provider) = RequestPrincipal::parse(saml) {
            provider.derive_context(&mut context);
        }
        assert_eq!(context.first("saml:doc"), Some("111122223333/ExampleOrgSSOProvider"));
        assert_eq!(context.first("aws:PrincipalArn"), None);
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
