//! The typed policy: statements and elements, each keeping its source range.

use crate::condition::ConditionOperator;
use crate::diagnostics::TextRange;
use crate::matching::{ArnGlob, Glob};
use serde::{Deserialize, Serialize};

/// Which kind of policy a document is; validation and quotas depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// An identity-based policy attached to a user, group or role (inline or managed).
    Identity,
    /// A permissions boundary: a managed policy that caps an identity's permissions.
    PermissionsBoundary,
    /// A session policy passed when assuming a role or federating.
    Session,
    /// A role trust policy (the resource-based policy of an IAM role).
    Trust,
    /// Any other resource-based policy (S3 bucket policy, KMS key policy, …).
    Resource,
    /// An AWS Organizations service control policy.
    Scp,
    /// An AWS Organizations resource control policy.
    Rcp,
}

impl PolicyKind {
    /// The name used in JSON output and AWS's own messages (`identity`, `scp`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Identity => "identity",
            Self::PermissionsBoundary => "permissionsBoundary",
            Self::Session => "session",
            Self::Trust => "trust",
            Self::Resource => "resource",
            Self::Scp => "scp",
            Self::Rcp => "rcp",
        }
    }

    /// How AWS names this policy type in AccessDenied messages.
    pub fn aws_phrase(self) -> &'static str {
        match self {
            Self::Identity => "identity-based policy",
            Self::PermissionsBoundary => "permissions boundary",
            Self::Session => "session policy",
            Self::Trust | Self::Resource => "resource-based policy",
            Self::Scp => "service control policy",
            Self::Rcp => "resource control policy",
        }
    }

    /// The name people use for this kind, with its article: `an identity-based policy`, `a trust policy`.
    pub fn with_article(self) -> &'static str {
        match self {
            Self::Identity => "an identity-based policy",
            Self::PermissionsBoundary => "a permissions boundary",
            Self::Session => "a session policy",
            Self::Trust => "a trust policy",
            Self::Resource => "a resource-based policy",
            Self::Scp => "a service control policy",
            Self::Rcp => "a resource control policy",
        }
    }

    /// Whether statements of this kind must name a `Principal` (or `NotPrincipal`).
    pub fn requires_principal(self) -> bool {
        matches!(self, Self::Trust | Self::Resource | Self::Rcp)
    }

    /// Whether statements of this kind may name a `Principal` at all.
    pub fn allows_principal(self) -> bool {
        matches!(self, Self::Trust | Self::Resource | Self::Rcp)
    }

    /// Whether statements of this kind need a `Resource` (or `NotResource`).
    pub fn requires_resource(self) -> bool {
        !matches!(self, Self::Trust | Self::Resource | Self::Scp)
    }

    /// AWS's size quota for this kind, in characters not counting whitespace
    /// ("IAM and AWS STS quotas"; "Quotas for AWS Organizations").
    pub fn size_quota(self) -> usize {
        match self {
            Self::Identity | Self::PermissionsBoundary => 6_144,
            Self::Session => 2_048,
            Self::Trust => 2_048,
            Self::Resource => 20_480,
            Self::Scp | Self::Rcp => 5_120,
        }
    }
}

/// The policy language version in `Version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PolicyVersion {
    /// `2012-10-17`: the current language, with policy variables.
    V2012_10_17,
    /// `2008-10-17`: the old language; `${…}` is literal text.
    V2008_10_17,
    /// No `Version` element: treated as `2008-10-17`.
    Missing,
}

impl PolicyVersion {
    /// Whether `${…}` policy variables are substituted ("IAM policy elements: Variables and tags").
    pub fn substitutes_variables(self) -> bool {
        self == Self::V2012_10_17
    }
}

/// A value from the policy with the range of its JSON literal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub range: TextRange,
}

/// A parsed policy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Which kind of policy this is.
    pub kind: PolicyKind,
    /// The `Version` element.
    pub version: PolicyVersion,
    /// The optional `Id` element.
    pub id: Option<Spanned<String>>,
    /// The statements, in document order.
    pub statements: Vec<Statement>,
    /// The whole document's range.
    pub range: TextRange,
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    /// The statement grants.
    Allow,
    /// The statement denies; an explicit deny always wins.
    Deny,
}

/// One statement of a policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// Position in the policy's `Statement` list (0-based).
    pub index: usize,
    /// The `Sid`, if any.
    pub sid: Option<Spanned<String>>,
    /// The effect; `None` when missing or invalid (the statement then never applies).
    pub effect: Option<Effect>,
    /// `Principal` or `NotPrincipal`.
    pub principal: Option<PrincipalElement>,
    /// `Action` or `NotAction`.
    pub action: Option<ListElement>,
    /// `Resource` or `NotResource`.
    pub resource: Option<ListElement>,
    /// The `Condition` block, flattened into one clause per operator and key.
    pub conditions: Vec<ConditionClause>,
    /// The statement object's range.
    pub range: TextRange,
}

impl Statement {
    /// The Sid, or `#index` when there is none — how explanations name a statement.
    pub fn label(&self) -> String {
        match &self.sid {
            Some(sid) if !sid.value.is_empty() => sid.value.clone(),
            _ => format!("#{}", self.index),
        }
    }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: patterns, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListElement {
    /// `true` for `NotAction` / `NotResource`.
    pub negated: bool,
    /// The patterns.
    pub patterns: Vec<Spanned<String>>,
    /// The patterns compiled once, in the same order (actions lowercased: they ignore case).
    #[serde(skip)]
    pub compiled: Vec<CompiledPattern>,
    /// The element's range (name and value).
    pub range: TextRange,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrincipalElement {
    /// `true` for `NotPrincipal`.
    pub negated: bool,
    /// The principals named.
    pub entries: Vec<PrincipalEntry>,
    /// The element's range.
    pub range: TextRange,
}

/// The key under which a principal is named in a `Principal` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PrincipalType {
    /// `"Principal": "*"` — everyone, including anonymous.
    Everyone,
    /// `AWS`: accounts, users, roles, sessions.
    Aws,
    /// `Service`: AWS service principals such as `ec2.amazonaws.com`.
    Service,
    /// `Federated`: identity providers.
    Federated,
    /// `CanonicalUser`: S3 canonical user ids.
    CanonicalUser,
}

/// One principal named in a `Principal` block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrincipalEntry {
    /// The key it was named under.
    pub principal_type: PrincipalType,
    /// The value as written.
    pub value: Spanned<String>,
}

/// One `operator: { key: values }` test of a `Condition` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionClause {
    /// The operator, as parsed (unknown operators are kept so a Deny is never dropped).
    pub operator: Spanned<ConditionOperator>,
    /// The context key, as written.
    pub key: Spanned<String>,
    /// The policy values (strings; booleans and numbers are kept as their text).
    pub values: Vec<Spanned<String>>,
}

/// A pattern of an `Action` or `Resource` element, compiled when the policy is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompiledPattern {
    /// An action pattern, lowercased.
    Action(Glob),
    /// A resource ARN pattern.
    Resource(ArnGlob),
    /// A resource pattern with policy variables: compiled per request, after substitution.
    WithVariables,
}
