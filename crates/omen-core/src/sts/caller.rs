//! Who calls in a flow — an IAM user, a role session (someone wearing a mask), or an AWS service —
//! with the policies its requests are evaluated against and the context keys they carry.
//!
//! Context keys follow "AWS global condition context keys": `aws:MultiFactorAuthPresent` is in the
//! request only when the caller uses temporary credentials (absent for long-term access keys);
//! `aws:MultiFactorAuthAge` only when MFA was used; `aws:PrincipalTag/…` from the user's or
//! role's tags and the session's tags; `aws:SourceIdentity` once a session has one.

use super::policy_set::SetBuilder;
use crate::clock::Instant;
use crate::context::RequestContext;
use crate::principal::{PrincipalError, PrincipalKind, RequestPrincipal};
use crate::world::{Located, ParsedRole, ParsedWorld, Tags};
use std::fmt;

/// How long ago, in seconds, a user who signed in with MFA did so (`aws:MultiFactorAuthAge`).
pub const SIGN_IN_MFA_AGE: i64 = 600;

/// A role session: someone wearing the mask.
#[derive(Debug, Clone)]
pub struct SessionState {
    /// The role.
    pub role: ParsedRole,
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    pub arn: String,
    /// The session name.
    pub session_name: String,
    /// Session tags, inherited transitive tags included.
    pub tags: Tags,
    /// The keys of the tags that pass on to the next session in a chain.
    pub transitive_tag_keys: Vec<String>,
    /// The source identity, once set.
    pub source_identity: Option<String>,
    /// Whether the session was authenticated with MFA.
    pub mfa: bool,
    /// The session policy.
    pub session_policy: Option<Located>,
    /// When the session began.
    pub issued: Instant,
    /// Whether it was made by a role session (role chaining).
    pub chained: bool,
    /// Who or what first put on a mask in this chain (a user ARN, a service).
    pub origin: String,
}

/// Which kind of caller.
#[derive(Debug, Clone)]
pub enum CallerKind {
    /// An IAM user of the world (index into [`ParsedWorld::users`]).
    User(usize),
    /// A role session.
    Session(Box<SessionState>),
    /// An AWS service principal.
    Service,
    /// A principal the world does not describe (another company's account, say): no policies.
    Unknown,
    /// An identity provider's user, calling with a token (no AWS credentials, no policies): the
    /// token's claims as context keys.
    Federated(Vec<(String, Vec<String>)>),
}

/// The caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The principal as the evaluator sees it.
    pub principal: RequestPrincipal,
    /// What kind of caller.
    pub kind: CallerKind,
    /// Whether the caller signs in the console (switch role) rather than calling the API.
    pub console: bool,
}

impl Caller {
    /// The caller named by `arn`: a user or role session of the world, a service principal, or an
    /// unknown principal.
    pub fn resolve(arn: &str, world: &ParsedWorld) -> Result<Self, CallerError> {
        let principal = RequestPrincipal::parse(arn).map_err(CallerError::Principal)?;
        let kind = match principal.kind {
            PrincipalKind::User => {
                let found = world.user(&principal.arn).map(|u| u.index);
                match found.and_then(|index| world.users.iter().position(|u| u.index == index)) {
                    Some(position) => CallerKind::User(position),
                    None => CallerKind::Unknown,
                }
            }
            PrincipalKind::AssumedRole => {
                let account = principal.account.clone().unwrap_or_default();
                match world.role_named(&account, &principal.name) {
                    Some(role) => CallerKind::Session(Box::new(SessionState {
                        role: role.clone(),
                        arn: principal.arn.clone(),
                        session_name: principal.session_name.clone().unwrap_or_default(),
                        tags: Tags::default(),
                        transitive_tag_keys: Vec::new(),
                        source_identity: None,
                        mfa: false,
                        session_policy: None,
                        issued: Instant(0),
                        chained: false,
                        origin: principal.arn.clone(),
                    })),
                    None => CallerKind::Unknown,
                }
            }
            PrincipalKind::Service => CallerKind::Service,
            PrincipalKind::Role => return Err(CallerError::RoleCannotCall(arn.to_string())),
            _ => CallerKind::Unknown,
        };
        Ok(Self { principal, kind, console: false })
    }

    /// An identity provider's user: `provider` as `Principal.Federated` names it, with the token's
    /// `claims` as context keys.
    pub fn federated(provider: &str, claims: Vec<(String, Vec<String>)>) -> Result<Self, CallerError> {
        let principal = RequestPrincipal::parse(provider).map_err(CallerError::Principal)?;
        if !principal.is_identity_provider() {
            return Err(CallerError::NotAnIdentityProvider(provider.to_string()));
        }
        Ok(Self { principal, kind: CallerKind::Federated(claims), console: false })
    }

    /// The token's claims as context keys (`PROVIDER:claim`, `SAML:claim`), for a federated
    /// caller.
    pub fn token_claims(&self) -> Option<&[(String, Vec<String>)]> {
        match &self.kind {
            CallerKind::Federated(claims) => Some(claims),
            _ => None,
        }
    }

    /// A caller wearing the mask of `session`.
    pub fn from_session(session: SessionState) -> Result<Self, CallerError> {
        let principal = RequestPrincipal::parse(&session.arn).map_err(CallerError::Principal)?;
        Ok(Self { principal, kind: CallerKind::Session(Box::new(session)), console: false })
    }

    /// The caller's account (none for services).
    pub fn account(&self) -> Option<&str> {
        self.principal.account.as_deref()
    }

    /// The caller's ARN.
    pub fn arn(&self) -> &str {
        &self.principal.arn
    }

    /// The session, when the caller wears a mask.
    pub fn session(&self) -> Option<&SessionState> {
        match &self.kind {
            CallerKind::Session(session) => Some(session),
            _ => None,
        }
    }

    /// Whether the caller is an IAM user.
    pub fn is_user(&self) -> bool {
        self.principal.kind == PrincipalKind::User
    }

    /// Whether the caller is an AWS service.
    pub fn is_service(&self) -> bool {
        self.principal.kind == PrincipalKind::Service
    }

    /// The value of `aws:MultiFactorAuthPresent`, or `None` when the key is absent (long-term
    /// access keys, services).
    pub fn mfa_present(&self, world: &ParsedWorld) -> Option<bool> {
        match &self.kind {
            CallerKind::User(index) => {
                let mfa = world.users.get(*index).is_some_and(|u| u.mfa);
                (mfa || self.console).then_some(mfa)
            }
            CallerKind::Session(session) => Some(session.mfa),
            CallerKind::Service | CallerKind::Unknown | CallerKind::Federated(_) => None,
        }
    }

    /// The caller's principal tags: a user's tags; for a session, the role's tags overridden by
    /// the session's tags ("Pass session tags in AWS STS").
    pub fn principal_tags(&self, world: &ParsedWorld) -> Tags {
        match &self.kind {
            CallerKind::User(index) => world.users.get(*index).map(|u| u.tags.clone()).unwrap_or_default(),
            CallerKind::Session(session) => {
                let mut tags = session.role.tags.clone();
                for tag in &session.tags.0 {
                    tags.set(&tag.key, &tag.value);
                }
                tags
            }
            CallerKind::Service | CallerKind::Unknown | CallerKind::Federated(_) => Tags::default(),
        }
    }

    /// The context keys the caller's requests carry at `now`.
    pub fn context(&self, world: &ParsedWorld, now: Instant) -> RequestContext {
        let mut context = RequestContext::new();
        context.insert("aws:CurrentTime", vec![now.iso()]);
        context.insert("aws:EpochTime", vec![now.0.to_string()]);
        if let CallerKind::Session(session) = &self.kind {
            // The session ARN has no path; the role ARN (with its path) is aws:PrincipalArn.
            context.insert("aws:PrincipalArn", vec![session.role.name.arn.clone()]);
            context.insert("aws:TokenIssueTime", vec![session.issued.iso()]);
            if let Some(source_identity) = &session.source_identity {
                context.insert("aws:SourceIdentity", vec![source_identity.clone()]);
            }
        }
        if let CallerKind::Federated(claims) = &self.kind {
            for (key, values) in claims {
                context.insert(key, values.clone());
            }
        }
        for tag in &self.principal_tags(world).0 {
            context.insert(&format!("aws:PrincipalTag/{}", tag.key), vec![tag.value.clone()]);
        }
        match self.mfa_present(world) {
            Some(true) => {
                context.insert("aws:MultiFactorAuthPresent", vec!["true".into()]);
                let age = if self.session().is_some() {
                    now.0.saturating_sub(self.session_issued().0)
                } else {
                    SIGN_IN_MFA_AGE
                };
                context.insert("aws:MultiFactorAuthAge", vec![age.max(0).to_string()]);
            }
            Some(false) => context.insert("aws:MultiFactorAuthPresent", vec!["false".into()]),
            None => {}
        }
        context
    }

    fn session_issued(&self) -> Instant {
        self.session().map_or(Instant(0), |s| s.issued)
    }

    /// The caller's own policies: identity-based, boundary, session policy, and its account's SCPs.
    pub fn policies(&self, world: &ParsedWorld) -> SetBuilder {
        let mut builder = SetBuilder::default();
        match &self.kind {
            CallerKind::User(index) => {
                if let Some(user) = world.users.get(*index) {
                    builder.identity(&user.identity, &user.name.arn);
                    builder.boundary(user.boundary.as_ref(), &user.name.arn);
                    builder.scps(world.account(&user.name.account));
                }
            }
            CallerKind::Session(session) => {
                let owner = &session.role.name.arn;
                builder.identity(&session.role.identity, owner);
                builder.boundary(session.role.boundary.as_ref(), owner);
                builder.session(session.session_policy.as_ref(), &session.arn);
                builder.scps(world.account(&session.role.name.account));
            }
            CallerKind::Service | CallerKind::Unknown | CallerKind::Federated(_) => {}
        }
        builder
    }

    /// Who a policy fix for the caller's side would change.
    pub fn grantee(&self, world: &ParsedWorld) -> Option<Grantee> {
        match &self.kind {
            CallerKind::User(index) => world.users.get(*index).map(|u| Grantee::User(u.index)),
            CallerKind::Session(session) => session.role.index.map(Grantee::Role),
            CallerKind::Service | CallerKind::Unknown | CallerKind::Federated(_) => None,
        }
    }

    /// How a trust policy should name this caller: the user's ARN, the role's ARN for a session
    /// (session ARNs change with every session), the service, or the identity provider.
    pub fn trust_principal(&self) -> Option<TrustPrincipal> {
        match &self.kind {
            CallerKind::Session(session) => Some(TrustPrincipal::Aws(session.role.name.arn.clone())),
            CallerKind::Service => Some(TrustPrincipal::Service(self.principal.name.clone())),
            CallerKind::Federated(_) => Some(TrustPrincipal::Federated(self.principal.arn.clone())),
            CallerKind::User(_) | CallerKind::Unknown => match self.principal.kind {
                PrincipalKind::User => Some(TrustPrincipal::Aws(self.principal.arn.clone())),
                _ => None,
            },
        }
    }

    /// Who the caller is, for the words that describe it.
    pub fn who(&self) -> Who {
        match &self.kind {
            CallerKind::Session(session) => {
                Who::Session { arn: session.arn.clone(), role: session.role.name.name.clone() }
            }
            CallerKind::Service => Who::Service(self.principal.name.clone()),
            _ if self.is_user() => Who::User(self.principal.arn.clone()),
            _ => Who::Other(self.principal.arn.clone()),
        }
    }
}

/// Who calls, as the explanations name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// An IAM user, by ARN.
    User(String),
    /// A role session: its ARN and the role's name.
    Session {
        /// The session ARN.
        arn: String,
        /// The role's name.
        role: String,
    },
    /// An AWS service principal.
    Service(String),
    /// Any other principal, by ARN.
    Other(String),
}

/// Why a principal cannot call in a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerError {
    /// The text is not a principal.
    Principal(PrincipalError),
    /// A role ARN: a role calls nothing itself, someone wears it.
    RoleCannotCall(String),
    /// A federated call's provider that is not an identity provider.
    NotAnIdentityProvider(String),
}

impl CallerError {
    /// What is wrong (lowercase, no final period).
    pub fn message(&self) -> String {
        match self {
            Self::Principal(error) => error.message(),
            Self::RoleCannotCall(arn) => {
                format!("`{arn}` is a role, and a role does not call anything itself: someone has to wear it")
            }
            Self::NotAnIdentityProvider(text) => format!("`{text}` is not an identity provider"),
        }
    }

    /// [`CallerError::message`] in English and Japanese.
    pub fn text(&self) -> crate::lang::Text {
        let ja = match self {
            Self::Principal(error) => return error.text(),
            Self::RoleCannotCall(arn) => format!(
                "`{arn}` はロールで、ロール自身は何も呼び出しません: 誰かがそれをかぶる (引き受ける) 必要があります"
            ),
            Self::NotAnIdentityProvider(text) => format!("`{text}` は ID プロバイダーではありません"),
        };
        crate::lang::Text::new(self.message(), ja)
    }

    /// [`CallerError::help`] in English and Japanese.
    pub fn help_text(&self) -> crate::lang::Text {
        let ja = match self {
            Self::Principal(error) => return error.help_text(),
            Self::RoleCannotCall(_) => "セッション `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` を指定してください",
            Self::NotAnIdentityProvider(_) => {
                "IAM OIDC プロバイダー `arn:aws:iam::ACCOUNT:oidc-provider/HOST`、SAML プロバイダー `arn:aws:iam::ACCOUNT:saml-provider/NAME`、または `cognito-identity.amazonaws.com` のように AWS がドメインで呼ぶプロバイダーを指定してください"
            }
        };
        crate::lang::Text::new(self.help(), ja)
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            Self::Principal(error) => error.help(),
            Self::RoleCannotCall(_) => "name a session `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`",
            Self::NotAnIdentityProvider(_) => {
                "name an IAM OIDC provider `arn:aws:iam::ACCOUNT:oidc-provider/HOST`, a SAML provider `arn:aws:iam::ACCOUNT:saml-provider/NAME`, or a provider AWS names by domain such as `cognito-identity.amazonaws.com`"
            }
        }
    }
}

impl fmt::Display for CallerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.help())
    }
}

/// Whose identity-based policies a fix changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grantee {
    /// `users[i]`.
    User(usize),
    /// `roles[i]`.
    Role(usize),
}

/// How a trust policy names a principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustPrincipal {
    /// `"Principal": {"AWS": ARN}`.
    Aws(String),
    /// `"Principal": {"Service": NAME}`.
    Service(String),
    /// `"Principal": {"Federated": PROVIDER}`: an IAM OIDC or SAML provider ARN, or a provider AWS
    /// names by domain ("IAM JSON policy elements: Principal" — "Federated user principals").
    Federated(String),
}
