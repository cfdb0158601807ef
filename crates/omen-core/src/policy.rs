//! The typed policy: statements and elements, each keeping its source range, and the grammar of
//! condition operators ("IAM JSON policy elements: Condition operators").

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
            Self::Trust => "role trust policy",
            Self::Resource => "resource-based policy",
            Self::Scp => "service control policy",
            Self::Rcp => "resource control policy",
        }
    }

    /// [`PolicyKind::aws_phrase`] in Japanese, IAM's terms in AWS's Japanese documentation's words
    /// (the English term beside those people search for in English).
    pub fn aws_phrase_ja(self) -> &'static str {
        match self {
            Self::Identity => "アイデンティティベースのポリシー",
            Self::PermissionsBoundary => "アクセス許可の境界 (permissions boundary)",
            Self::Session => "セッションポリシー",
            Self::Trust => "ロールの信頼ポリシー (trust policy)",
            Self::Resource => "リソースベースのポリシー",
            Self::Scp => "サービスコントロールポリシー (SCP)",
            Self::Rcp => "リソースコントロールポリシー (RCP)",
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

/// The names the world gives a document that has none of its own (`world::documents`,
/// `case`): a sentence names such a policy by its kind alone.
const UNNAMED: [&str; 4] = ["trust policy", "resource policy", "permissions boundary", "session policy"];

/// `{kind} `{name}``, or the kind alone when the name only repeats it (never "trust policy
/// `trust policy`"): every message built from a policy's kind and name says it this way.
pub fn named_policy(kind: &str, name: &str) -> String {
    if name.is_empty() || UNNAMED.contains(&name) {
        kind.to_owned()
    } else {
        format!("{kind} `{name}`")
    }
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
    /// The Sid, or `#n` counted from 1 when there is none — how explanations name a statement.
    pub fn label(&self) -> String {
        match &self.sid {
            Some(sid) if !sid.value.is_empty() => sid.value.clone(),
            _ => format!("#{}", self.index + 1),
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

/// Declares the base operators once: the enum, the list of all of them, and their names.
macro_rules! operator_bases {
    ($($name:ident),* $(,)?) => {
        /// The base operators AWS documents ("IAM JSON policy elements: Condition operators").
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum OperatorBase {
            $(
                #[doc = concat!("`", stringify!($name), "`")]
                $name,
            )*
        }

        /// Every base operator, in the order declared.
        pub(crate) const ALL_BASES: &[OperatorBase] = &[$(OperatorBase::$name),*];

        impl OperatorBase {
            /// The operator's name as AWS spells it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$name => stringify!($name),)*
                }
            }
        }
    };
}

operator_bases!(
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
);

impl OperatorBase {
    /// For a negated operator, its positive twin.
    pub fn positive_twin(self) -> Option<Self> {
        use OperatorBase::*;
        Some(match self {
            StringNotEquals => StringEquals,
            StringNotEqualsIgnoreCase => StringEqualsIgnoreCase,
            StringNotLike => StringLike,
            NumericNotEquals => NumericEquals,
            DateNotEquals => DateEquals,
            NotIpAddress => IpAddress,
            ArnNotEquals => ArnEquals,
            ArnNotLike => ArnLike,
            _ => return None,
        })
    }

    /// Whether policy variables are substituted in this operator's values.
    pub(crate) fn takes_variables(self) -> bool {
        use OperatorBase::*;
        matches!(
            self,
            StringEquals
                | StringNotEquals
                | StringEqualsIgnoreCase
                | StringNotEqualsIgnoreCase
                | StringLike
                | StringNotLike
                | ArnEquals
                | ArnLike
                | ArnNotEquals
                | ArnNotLike
        )
    }

    /// Whether `*` and `?` in policy values are wildcards for this operator.
    pub(crate) fn takes_wildcards(self) -> bool {
        use OperatorBase::*;
        matches!(self, StringLike | StringNotLike | ArnEquals | ArnLike | ArnNotEquals | ArnNotLike)
    }
}

/// `ForAllValues:` or `ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SetQualifier {
    /// Every value in the request must match (true for an absent key or empty set).
    ForAllValues,
    /// At least one value in the request must match (false for an absent key).
    ForAnyValue,
}

/// A condition operator, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ConditionOperator {
    /// An operator AWS documents.
    Known {
        /// The base operator.
        base: OperatorBase,
        /// Whether `IfExists` was appended.
        if_exists: bool,
        /// A set qualifier, if any.
        set: Option<SetQualifier>,
    },
    /// An operator AWS does not know; the policy would be rejected. Evaluated conservatively:
    /// it never lets an Allow apply and never stops a Deny from applying.
    Unknown(String),
}

impl ConditionOperator {
    /// Parse an operator name such as `ForAnyValue:StringLikeIfExists` (case-sensitive, as AWS).
    pub fn parse(name: &str) -> Self {
        let (set, rest) = if let Some(rest) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), rest)
        } else if let Some(rest) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), rest)
        } else {
            (None, name)
        };
        let (if_exists, base_name) = match rest.strip_suffix("IfExists") {
            Some(base) => (true, base),
            None => (false, rest),
        };
        match ALL_BASES.iter().find(|b| b.name() == base_name) {
            // `Null` takes neither `IfExists` nor a set qualifier.
            Some(OperatorBase::Null) if if_exists || set.is_some() => Self::Unknown(name.to_string()),
            Some(base) => Self::Known { base: *base, if_exists, set },
            None => Self::Unknown(name.to_string()),
        }
    }

    /// The operator's name, as AWS spells it.
    pub fn name(&self) -> String {
        match self {
            Self::Known { base, if_exists, set } => {
                let prefix = match set {
                    Some(SetQualifier::ForAllValues) => "ForAllValues:",
                    Some(SetQualifier::ForAnyValue) => "ForAnyValue:",
                    None => "",
                };
                let suffix = if *if_exists { "IfExists" } else { "" };
                format!("{prefix}{}{suffix}", base.name())
            }
            Self::Unknown(name) => name.clone(),
        }
    }

    /// The closest known operator name, for "did you mean" help.
    pub fn suggestion(name: &str) -> Option<&'static str> {
        crate::suggest::closest(name, ALL_BASES.iter().map(|b| b.name()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_operator_names() {
        assert_eq!(
            ConditionOperator::parse("ForAnyValue:StringLikeIfExists"),
            ConditionOperator::Known {
                base: OperatorBase::StringLike,
                if_exists: true,
                set: Some(SetQualifier::ForAnyValue)
            }
        );
        assert!(matches!(ConditionOperator::parse("StringEqual"), ConditionOperator::Unknown(_)));
        assert!(matches!(ConditionOperator::parse("NullIfExists"), ConditionOperator::Unknown(_)));
        assert_eq!(ConditionOperator::suggestion("StringEqual"), Some("StringEquals"));
    }
}
