//! Deciding one request: AWS's policy evaluation logic, recorded as a trace.
//!
//! Follows "Policy evaluation logic" (and its flow chart), "Cross-account policy evaluation
//! logic", "How IAM roles differ from resource-based policies" and the STS "AssumeRole" API
//! reference. The evaluator never fails: it decides, and says why in [`Response`].

use crate::condition::{evaluate_clause, parse_date, ConditionOutcome};
use crate::context::RequestContext;
use crate::diagnostics::{Diagnostic, Refusal, TextRange};
use crate::lang::{Lang, Text};
use crate::matching::{self, resource_matches, ResourceMatch};
use crate::policy::{CompiledPattern, Effect, Policy, PolicyKind, Statement};
use crate::principal::{PrincipalKind, PrincipalMatch, RequestPrincipal};
use crate::variables;
use serde::{Deserialize, Serialize};

/// One request: who, what, on which resource, with which context.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The caller.
    pub principal: RequestPrincipal,
    /// The action, e.g. `iam:PassRole`.
    pub action: String,
    /// The resource ARN, or `*`.
    pub resource: String,
    /// The account that owns the resource.
    pub resource_account: Option<String>,
    /// The request context, including the keys derived from the principal.
    pub context: RequestContext,
}

impl Request {
    /// A request; derives `aws:PrincipalArn`, `aws:ResourceAccount` and the other keys AWS adds,
    /// unless `context` already has them. The resource account defaults to the resource ARN's
    /// account, else the principal's.
    pub fn new(
        principal: RequestPrincipal,
        action: impl Into<String>,
        resource: impl Into<String>,
        resource_account: Option<String>,
        mut context: RequestContext,
    ) -> Self {
        let resource = resource.into();
        let resource_account =
            resource_account.or_else(|| account_of_arn(&resource)).or_else(|| principal.account.clone());
        principal.derive_context(&mut context);
        if let Some(account) = &resource_account {
            context.derive("aws:ResourceAccount", account.clone());
        }
        derive_always_present(&mut context);
        Self { principal, action: action.into(), resource, resource_account, context }
    }

    /// Add, unless the request has them, the keys of a request signed with temporary credentials
    /// that a request case cannot be expected to spell out ("AWS global condition context keys"):
    /// - `aws:MultiFactorAuthPresent` "is included in the request context only when the principal
    ///   uses temporary credentials", and "Temporary credentials are used to authenticate IAM
    ///   roles, federated users, …": `false` for a role session or federated user (a session made
    ///   with MFA says `true` in its context); and for an IAM user whose credentials a service
    ///   re-uses (`aws:ViaAWSService` true), "AWS creates temporary credentials on behalf of IAM
    ///   users … the aws:MultiFactorAuthPresent key is present in the request and set to a value
    ///   of false".
    /// - `aws:TokenIssueTime`, likewise present with temporary credentials: for a role session or
    ///   federated user, the request's own time (`aws:CurrentTime`) unless the case gives one.
    ///
    /// The flows give these keys from the sessions they issue, and `reach` leaves MFA open on
    /// purpose, so only request cases call this.
    pub fn derive_temporary_credential_keys(&mut self) {
        let session = matches!(
            self.principal.kind,
            PrincipalKind::AssumedRole | PrincipalKind::Role | PrincipalKind::FederatedUser
        );
        let forward_access = self.principal.kind == PrincipalKind::User
            && self.context.first("aws:ViaAWSService").is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if session || forward_access {
            self.context.derive("aws:MultiFactorAuthPresent", "false");
        }
        if session {
            if let Some(now) = self.context.first("aws:CurrentTime").map(str::to_owned) {
                self.context.derive("aws:TokenIssueTime", now);
            }
        }
    }

    /// Add `aws:RequestedRegion` `us-east-1` to an IAM call unless the request has the key:
    /// "This key is always included in the request context … IAM calls are always made to the
    /// us-east-1 Region" ("AWS global condition context keys"). Other calls keep what the case
    /// gives (their Region is not always the resource's). Only request cases call this.
    pub fn derive_requested_region_of_iam_call(&mut self) {
        if is_iam_action(&self.action) {
            self.context.derive("aws:RequestedRegion", "us-east-1");
        }
    }

    /// Whether the principal and the resource are in the same account.
    pub fn is_same_account(&self) -> bool {
        match (&self.principal.account, &self.resource_account) {
            (Some(principal), Some(resource)) => principal == resource,
            _ => false,
        }
    }

    /// Whether the action is one of STS's AssumeRole calls.
    pub fn is_assume_role(&self) -> bool {
        ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"]
            .iter()
            .any(|call| self.action.eq_ignore_ascii_case(call))
    }

    /// The STS call an identity provider's user makes with its token or assertion:
    /// `sts:AssumeRoleWithWebIdentity` for a web identity, `sts:AssumeRoleWithSAML` for SAML.
    pub fn federated_call(&self) -> Option<&'static str> {
        match self.principal.kind {
            PrincipalKind::WebIdentityUser => Some("sts:AssumeRoleWithWebIdentity"),
            PrincipalKind::SamlUser => Some("sts:AssumeRoleWithSAML"),
            _ => None,
        }
    }

    /// Whether the role's trust policy decides the action: the AssumeRole calls and the session
    /// permissions that ride on them (`sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`),
    /// which the trust policy must allow too ("Passing session tags in AWS STS"; "Monitor and
    /// control actions taken with assumed roles").
    pub fn is_decided_by_trust_policy(&self) -> bool {
        self.is_assume_role()
            || ["sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"]
                .iter()
                .any(|call| self.action.eq_ignore_ascii_case(call))
    }
}

/// Whether `action` is an IAM action (`iam:…`, the prefix compared without regard to case, as
/// AWS compares action names). IAM supports one resource-based policy only, a role's trust policy
/// ("Identity-based policies and resource-based policies", IAM User Guide), which Omen reads for
/// the STS calls that put a role on: a resource-based policy given with an IAM action is no policy
/// AWS has, so no request reads it (the evaluator marks it not consulted, with
/// [`Rule::ResourcePolicyOnIamAction`]; a world's flows leave it out and warn
/// `resource-policy-on-iam-action`).
pub fn is_iam_action(action: &str) -> bool {
    action.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("iam:"))
}

/// The request time when a case gives neither `aws:CurrentTime` nor `aws:EpochTime`: the same
/// instant the flows use when a world has no `now`, so the two agree.
pub const DEFAULT_CURRENT_TIME: &str = "2024-05-01T12:00:00Z";

/// `DEFAULT_CURRENT_TIME` in seconds since the epoch.
const DEFAULT_EPOCH_TIME: i64 = 1_714_564_800;

/// Add the keys "AWS global condition context keys" says are "always included in the request
/// context", unless the request has them: `aws:CurrentTime` and `aws:EpochTime` (one derived from
/// the other, else [`DEFAULT_CURRENT_TIME`]) and `aws:ViaAWSService` ("returns true when a
/// service uses FAS to make a request on behalf of the original IAM principal … false when the
/// principal makes the call directly": `true` when the request has `aws:CalledVia`, the mark of
/// a forward access session, else `false`).
fn derive_always_present(context: &mut RequestContext) {
    let first = |context: &RequestContext, key: &str| {
        context.get(key).and_then(|e| e.values.first()).and_then(|v| parse_date(v)).filter(|s| s.is_finite())
    };
    let epoch = match (first(context, "aws:EpochTime"), first(context, "aws:CurrentTime")) {
        (Some(seconds), _) | (None, Some(seconds)) => seconds.floor() as i64,
        (None, None) => DEFAULT_EPOCH_TIME,
    };
    context.derive("aws:EpochTime", epoch.to_string());
    context.derive("aws:CurrentTime", iso_8601(epoch));
    let via_service = context.get("aws:CalledVia").is_some_and(|e| !e.values.is_empty());
    context.derive("aws:ViaAWSService", if via_service { "true" } else { "false" });
}

/// `2024-05-01T12:00:00Z` for a count of seconds since the epoch (Howard Hinnant's
/// civil-from-days algorithm).
fn iso_8601(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let seconds = epoch.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (hour, minute, second) = (seconds / 3_600, seconds % 3_600 / 60, seconds % 60);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// The 12-digit account in an ARN's fifth component, if any.
pub fn account_of_arn(arn: &str) -> Option<String> {
    crate::arn::account_of(arn).map(str::to_string)
}

/// Which policy, among the ones a request is evaluated against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyId {
    /// The policy's kind.
    #[serde(rename = "policyType")]
    pub kind: PolicyKind,
    /// Position among the policies of its kind (and level).
    #[serde(rename = "policyIndex")]
    pub index: usize,
    /// For SCPs and RCPs: the level, 0 being the organization root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// The name shown to people (`AmazonEC2FullAccess`, `trust policy`, …).
    #[serde(rename = "policyName")]
    pub name: String,
}

/// A policy as attached for one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachedPolicy {
    /// Which policy this is.
    pub id: PolicyId,
    /// The parsed document.
    pub policy: Policy,
}

/// A policy AWS would refuse to save, and why. Serialized with the policy's and AWS's fields
/// and the problem as `problem` (English) and `problemJa`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRefusal {
    /// Which policy.
    pub policy: PolicyId,
    /// AWS's answer.
    pub refusal: Refusal,
    /// The problem, as the diagnostic says it, in English and Japanese.
    pub problem: Text,
}

impl Serialize for PolicyRefusal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The JSON shape: the problem in English and Japanese side by side.
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire<'a> {
            #[serde(flatten)]
            policy: &'a PolicyId,
            #[serde(flatten)]
            refusal: &'a Refusal,
            problem: &'a str,
            problem_ja: &'a str,
        }
        Wire { policy: &self.policy, refusal: &self.refusal, problem: &self.problem.en, problem_ja: &self.problem.ja }
            .serialize(serializer)
    }
}

impl PolicyRefusal {
    /// The refusal a save-time error `diagnostic` of `policy` stands for, if it is one.
    pub fn from_diagnostic(policy: &PolicyId, diagnostic: &Diagnostic) -> Option<Self> {
        Some(Self { policy: policy.clone(), refusal: diagnostic.refusal.clone()?, problem: diagnostic.message.clone() })
    }

    /// The error in AWS's words, naming the policy and the problem: `MalformedPolicyDocument:
    /// Policy document should not specify a principal. (identity-based policy `AllowS3`:
    /// `Principal` is not allowed in an identity-based policy)`.
    pub fn message(&self) -> String {
        format!("{} ({})", self.refusal.aws_text(), self.located_problem())
    }

    /// The policy and the problem: `role trust policy: a statement cannot have both …`, or
    /// `identity-based policy `AllowS3`: …` — the policy named once, never "role trust policy
    /// `trust policy`". English, as it follows AWS's words in an error message.
    pub fn located_problem(&self) -> String {
        self.located_problem_in(Lang::En)
    }

    /// [`PolicyRefusal::located_problem`] in `lang`: Omen's own words, so the Japanese page says
    /// them in Japanese (`アイデンティティベースのポリシー `AllowS3`: …`); the policy's name and
    /// the element names in backticks stay as typed.
    pub fn located_problem_in(&self, lang: Lang) -> String {
        let kind = lang.pick(self.policy.kind.aws_phrase(), self.policy.kind.aws_phrase_ja());
        format!("{}: {}", crate::policy::named_policy(kind, &self.policy.name), self.problem.get(lang))
    }
}

/// Every policy that may apply to a request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicySet {
    /// Identity-based policies of the caller (user, group, role).
    pub identity: Vec<AttachedPolicy>,
    /// The caller's permissions boundary, if it has one.
    pub permissions_boundary: Option<AttachedPolicy>,
    /// Session policies of a role or federated session (none: the session is not limited).
    pub session: Vec<AttachedPolicy>,
    /// The resource-based policy; for `sts:AssumeRole`, the role's trust policy.
    pub resource: Option<AttachedPolicy>,
    /// SCP levels from the organization root down to the caller's account (`None`: no Organizations).
    pub scps: Option<Vec<Vec<AttachedPolicy>>>,
    /// RCP levels from the organization root down to the resource's account.
    pub rcps: Option<Vec<Vec<AttachedPolicy>>>,
    /// The organization's management account, which SCPs and RCPs do not restrict.
    pub management_account: Option<String>,
}

impl PolicySet {
    /// How many policies the set holds, of every kind and level.
    pub fn count(&self) -> usize {
        let levels = |levels: &Option<Vec<Vec<AttachedPolicy>>>| levels.iter().flatten().map(Vec::len).sum::<usize>();
        self.identity.len()
            + usize::from(self.permissions_boundary.is_some())
            + self.session.len()
            + usize::from(self.resource.is_some())
            + levels(&self.scps)
            + levels(&self.rcps)
    }
}

/// The final answer, in AWS's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    /// The request is allowed.
    Allowed,
    /// A Deny statement applied.
    ExplicitDeny,
    /// Nothing allowed the request (or a required policy type did not).
    ImplicitDeny,
}

impl Decision {
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::ExplicitDeny => "explicitDeny",
            Self::ImplicitDeny => "implicitDeny",
        }
    }
}

/// What one statement did with the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum StatementOutcome {
    /// Everything matched: the statement's effect applies.
    Applies,
    /// The statement has no valid `Effect`.
    NoEffect,
    /// The principal is not named (or is excluded by `NotPrincipal`).
    PrincipalNotMatched,
    /// The action is not covered (or is excluded by `NotAction`).
    ActionNotMatched,
    /// The resource is not covered (or is excluded by `NotResource`).
    ResourceNotMatched,
    /// A condition test is false.
    ConditionFailed {
        /// Index of the first false clause in the statement's conditions.
        clause: usize,
    },
}

/// One condition test as evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionEvaluation {
    /// The operator's name.
    pub operator: String,
    /// The context key.
    pub key: String,
    /// The range of the key in the policy text.
    pub range: TextRange,
    /// The outcome and its reason.
    #[serde(flatten)]
    pub outcome: ConditionOutcome,
}

/// One statement as evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementEvaluation {
    /// Position in the policy.
    pub statement_index: usize,
    /// The Sid, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// The effect, if valid.
    pub effect: Option<Effect>,
    /// The statement's range in the policy text.
    pub range: TextRange,
    /// What happened.
    pub outcome: StatementOutcome,
    /// How the principal was named, for resource-based policies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal_match: Option<PrincipalMatch>,
    /// The condition tests evaluated, in order (stops at the first false one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionEvaluation>,
}

/// A policy's own verdict on the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyResult {
    /// A Deny statement applies.
    Deny,
    /// An Allow statement applies and no Deny does.
    Allow,
    /// No statement applies.
    NoMatch,
    /// AWS does not consult this policy for this request.
    NotApplicable,
}

/// One policy as evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyEvaluation {
    /// Which policy.
    #[serde(flatten)]
    pub id: PolicyId,
    /// Its verdict.
    pub result: PolicyResult,
    /// Its statements, in order.
    pub statements: Vec<StatementEvaluation>,
}

impl PolicyEvaluation {
    fn strongest_principal_match(&self, effect: Effect) -> PrincipalMatch {
        self.statements
            .iter()
            .filter(|s| s.outcome == StatementOutcome::Applies && s.effect == Some(effect))
            .filter_map(|s| s.principal_match)
            .max()
            .unwrap_or(PrincipalMatch::None)
    }
}

/// A step of the evaluation logic that shaped the decision, with the AWS page stating it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "camelCase")]
pub enum Rule {
    /// A Deny statement applied in a policy of this kind.
    ExplicitDeny {
        /// The kind of policy.
        #[serde(rename = "policyType")]
        kind: PolicyKind,
    },
    /// SCPs were not consulted, and why.
    ScpsNotApplicable {
        /// Why (`service principal`, `service-linked role`, `management account`).
        reason: &'static str,
    },
    /// An SCP level had no Allow for the request.
    ScpLevelWithoutAllow {
        /// The level, 0 being the organization root.
        level: usize,
    },
    /// Every SCP level allowed.
    ScpsAllow,
    /// RCPs were not consulted, and why.
    RcpsNotApplicable {
        /// Why (service not covered, management account, …).
        reason: &'static str,
    },
    /// No longer produced: an RCP level never lacks an Allow, since `RCPFullAWSAccess` is
    /// attached to every root, OU and account (see [`Rule::RcpFullAwsAccess`]). Kept while flows
    /// still name it.
    RcpLevelWithoutAllow {
        /// The level.
        level: usize,
    },
    /// An RCP level has no Allow of its own for the request: `RCPFullAWSAccess`, attached to every
    /// root, OU and account and impossible to detach, lets it through ("Resource control policies
    /// (RCPs)"). RCPs only ever deny.
    RcpFullAwsAccess {
        /// The level.
        level: usize,
    },
    /// The account root user is allowed unless something denies.
    RootUser,
    /// The root user cannot call AssumeRole.
    RootCannotAssumeRole,
    /// A role's trust policy must allow `sts:AssumeRole*`; it did not.
    TrustPolicyMustAllow,
    /// A KMS key policy must allow (itself or by delegating to the account); it did not.
    KeyPolicyMustAllow,
    /// Same account: the resource policy names the caller itself, so no identity policy is needed.
    ResourcePolicyNamesCaller,
    /// Same account: the resource policy names the session's role ARN; the boundary and session
    /// policies still limit it.
    ResourcePolicyNamesRole,
    /// The resource policy names the account: it delegates to the caller's identity policies.
    ResourcePolicyDelegatesToAccount,
    /// The resource policy allows; nothing else needed (service principal, anonymous).
    ResourcePolicyAllows,
    /// The request's action is an IAM action and the resource-based policy given with it is not a
    /// role's trust policy: IAM has no other resource-based policy ("Identity-based policies and
    /// resource-based policies"), so it is not consulted and the identity side alone decides.
    ResourcePolicyOnIamAction,
    /// A cross-account request needs both the resource policy and the caller's side to allow.
    CrossAccountNeedsBoth,
    /// Cross account: the resource policy does not allow.
    NoResourcePolicyAllow,
    /// An identity-based policy allows.
    IdentityAllows,
    /// No identity-based policy allows.
    NoIdentityAllow,
    /// The permissions boundary allows.
    BoundaryAllows,
    /// The permissions boundary does not allow.
    NoBoundaryAllow,
    /// AWS's pages disagree on whether a boundary limits a trust policy that names the user; Omen
    /// follows "Update a role trust policy" (the boundary must allow `sts:AssumeRole`).
    TrustBoundaryChoice,
    /// A statement's `Resource` matched only because a `*` that ends an ARN segment expands
    /// beyond the colon boundaries: the current "IAM JSON policy elements: Resource" says it can,
    /// an older version of the page said "a wildcard cannot span segments". Omen follows the
    /// current page.
    ResourceWildcardSpansSegments,
    /// A session policy allows.
    SessionAllows,
    /// The session policy does not allow.
    NoSessionAllow,
    /// `AssumeRoleWithWebIdentity` and `AssumeRoleWithSAML` need no AWS credentials: the identity
    /// provider's token stands for the caller, so only the role's trust policy (and RCPs) decide.
    NoAwsCredentials,
    /// The service refuses the change whatever the policies say.
    ServiceRefuses {
        /// Which rule.
        which: ServiceRule,
    },
    /// The caller's kind of credentials decides the call before any policy does.
    Credentials {
        /// Which rule.
        which: CredentialRule,
    },
    /// The request was allowed.
    Allowed,
}

/// Changes a service refuses whatever the policies say: an "escalation" through one of them is
/// not real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ServiceRule {
    /// AWS managed policies (`arn:aws:iam::aws:policy/…`) cannot be changed by anyone ("Managed
    /// policies and inline policies": "You cannot change the permissions defined in AWS managed
    /// policies"). AWS documents no error code for the attempt.
    AwsManagedPolicy,
    /// KMS aliases beginning `alias/aws/` are reserved for AWS managed keys ("Create aliases",
    /// AWS KMS Developer Guide). AWS documents no error code for the attempt.
    ReservedKmsAlias,
    /// A service-linked role (path `/aws-service-role/`) is changed only by its service ("Using
    /// service-linked roles"); IAM answers `UnmodifiableEntity` (IAM API reference).
    ServiceLinkedRole,
    /// A role IAM Identity Center created (path `/aws-reserved/sso.amazonaws.com/`) is managed by
    /// Identity Center's service-linked role ("AWSSSOServiceRolePolicy"). AWS documents no error
    /// code for changing it through IAM.
    IdentityCenterRole,
}

impl ServiceRule {
    /// The AWS error code, where AWS documents one.
    pub fn error_code(self) -> Option<&'static str> {
        match self {
            Self::ServiceLinkedRole => Some("UnmodifiableEntity"),
            Self::AwsManagedPolicy | Self::ReservedKmsAlias | Self::IdentityCenterRole => None,
        }
    }

    /// The rule a request falls under, if any: `action` (lowercase) on `resource`.
    pub fn of(action: &str, resource: &str) -> Option<Self> {
        const POLICY_CHANGES: [&str; 6] = [
            "iam:createpolicyversion",
            "iam:deletepolicyversion",
            "iam:setdefaultpolicyversion",
            "iam:deletepolicy",
            "iam:tagpolicy",
            "iam:untagpolicy",
        ];
        const ALIAS_CHANGES: [&str; 3] = ["kms:createalias", "kms:updatealias", "kms:deletealias"];
        // The role changes whose IAM API reference pages list UnmodifiableEntity (a role's
        // description stays editable: "You can edit the description of any role").
        const ROLE_CHANGES: [&str; 9] = [
            "iam:updateassumerolepolicy",
            "iam:putrolepolicy",
            "iam:deleterolepolicy",
            "iam:attachrolepolicy",
            "iam:detachrolepolicy",
            "iam:putrolepermissionsboundary",
            "iam:deleterolepermissionsboundary",
            "iam:updaterole",
            "iam:deleterole",
        ];
        // Most requests are none of these changes: decide that first, on the action alone.
        let (policy_change, role_change, alias_change) =
            (POLICY_CHANGES.contains(&action), ROLE_CHANGES.contains(&action), ALIAS_CHANGES.contains(&action));
        if !(policy_change || role_change || alias_change) {
            return None;
        }
        let mut parts = resource.splitn(6, ':');
        let (Some("arn"), Some(_partition), Some(service), Some(_region), Some(account), Some(path)) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        match service {
            "kms" if alias_change && path.starts_with("alias/aws/") => Some(Self::ReservedKmsAlias),
            "iam" if policy_change && account == "aws" && path.starts_with("policy/") => Some(Self::AwsManagedPolicy),
            "iam" if role_change && path.starts_with("role/aws-service-role/") => Some(Self::ServiceLinkedRole),
            "iam" if role_change && path.starts_with("role/aws-reserved/sso.amazonaws.com/") => {
                Some(Self::IdentityCenterRole)
            }
            _ => None,
        }
    }
}

/// Calls whose outcome depends on the caller's kind of credentials, not on policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CredentialRule {
    /// "No permissions are required to perform this operation", even with an explicit deny
    /// ("GetCallerIdentity", STS API reference).
    GetCallerIdentityNeedsNoPermission,
    /// IAM users need no permission to call GetSessionToken ("GetSessionToken").
    GetSessionTokenNeedsNoPermission,
    /// GetSessionToken and GetFederationToken need an IAM user's long-term credentials.
    NeedsLongTermCredentials,
    /// Federated user sessions cannot call IAM ("GetFederationToken").
    FederatedUserCannotCallIam,
    /// Federated user sessions cannot call STS except GetCallerIdentity ("GetFederationToken").
    FederatedUserCannotCallSts,
    /// AssumeRole needs the credentials of an IAM user or role ("AssumeRole").
    AnonymousCannotAssumeRole,
    /// An identity provider's token buys only its own call: `AssumeRoleWithWebIdentity` for an OIDC
    /// provider, `AssumeRoleWithSAML` for SAML (with the session tags and source identity riding on
    /// it) ("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML").
    TokenOnlyAssumesRole,
    /// `AssumeRoleWithWebIdentity` / `AssumeRoleWithSAML` are made with a token or assertion from
    /// an identity provider, which is then the principal, not with an IAM identity's credentials.
    NeedsIdentityProviderToken,
}

impl Rule {
    /// The AWS documentation page that states the rule.
    pub fn cite(&self) -> &'static str {
        match self {
            Self::ScpsNotApplicable { .. } | Self::ScpLevelWithoutAllow { .. } | Self::ScpsAllow => {
                "Service control policies (SCPs)"
            }
            Self::RcpsNotApplicable { .. } | Self::RcpLevelWithoutAllow { .. } | Self::RcpFullAwsAccess { .. } => {
                "Resource control policies (RCPs)"
            }
            Self::RootCannotAssumeRole | Self::TrustPolicyMustAllow => "AssumeRole (AWS STS API reference)",
            Self::Credentials { which } => match which {
                CredentialRule::GetCallerIdentityNeedsNoPermission => "GetCallerIdentity (AWS STS API reference)",
                CredentialRule::GetSessionTokenNeedsNoPermission | CredentialRule::NeedsLongTermCredentials => {
                    "GetSessionToken / GetFederationToken (AWS STS API reference)"
                }
                CredentialRule::FederatedUserCannotCallIam | CredentialRule::FederatedUserCannotCallSts => {
                    "GetFederationToken (AWS STS API reference)"
                }
                CredentialRule::AnonymousCannotAssumeRole => "AssumeRole (AWS STS API reference)",
                CredentialRule::TokenOnlyAssumesRole | CredentialRule::NeedsIdentityProviderToken => {
                    "AssumeRoleWithWebIdentity / AssumeRoleWithSAML (AWS STS API reference)"
                }
            },
            Self::NoAwsCredentials => "AssumeRoleWithWebIdentity / AssumeRoleWithSAML (AWS STS API reference)",
            Self::ServiceRefuses { which } => match which {
                ServiceRule::AwsManagedPolicy => "Managed policies and inline policies (AWS managed policies)",
                ServiceRule::ReservedKmsAlias => "Create aliases (AWS KMS Developer Guide)",
                ServiceRule::ServiceLinkedRole => "Using service-linked roles; UnmodifiableEntity (IAM API reference)",
                ServiceRule::IdentityCenterRole => "AWSSSOServiceRolePolicy (AWS managed policy reference)",
            },
            Self::TrustBoundaryChoice => {
                "Update a role trust policy (note on permissions boundaries) vs Policy evaluation logic"
            }
            Self::ResourceWildcardSpansSegments => {
                "IAM JSON policy elements: Resource (Using wildcards in resource ARNs; current vs older wording)"
            }
            Self::ResourcePolicyOnIamAction => "Identity-based policies and resource-based policies (IAM User Guide)",
            Self::CrossAccountNeedsBoth | Self::NoResourcePolicyAllow => "Cross-account policy evaluation logic",
            Self::BoundaryAllows | Self::NoBoundaryAllow => "Permissions boundaries for IAM entities",
            Self::SessionAllows | Self::NoSessionAllow => "Session policies",
            _ => "Policy evaluation logic",
        }
    }
}

/// The decision and everything that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// Allowed, explicit deny or implicit deny.
    pub decision: Decision,
    /// The policy type AWS's AccessDenied message names (for a deny).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denied_by: Option<PolicyKind>,
    /// The logic steps, in order.
    pub rules: Vec<Rule>,
    /// Every policy consulted, with its statements.
    pub policies: Vec<PolicyEvaluation>,
    /// Context keys a condition needed but the request did not have.
    pub missing_context_keys: Vec<String>,
}

/// A statement that decided, located in its policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecidingStatement {
    /// Which policy.
    #[serde(flatten)]
    pub policy: PolicyId,
    /// Position of the statement in the policy.
    pub statement_index: usize,
    /// Its Sid, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Its effect.
    pub effect: Effect,
    /// Its range in the policy text.
    pub range: TextRange,
}

impl Response {
    /// The statements that decided: every applicable Deny for an explicit deny, every applicable
    /// Allow for an allow, none for an implicit deny.
    pub fn deciding_statements(&self) -> Vec<DecidingStatement> {
        let effect = match self.decision {
            Decision::Allowed => Effect::Allow,
            Decision::ExplicitDeny => Effect::Deny,
            Decision::ImplicitDeny => return Vec::new(),
        };
        self.policies
            .iter()
            .filter(|p| p.result != PolicyResult::NotApplicable)
            .flat_map(|p| {
                p.statements
                    .iter()
                    .filter(move |s| s.outcome == StatementOutcome::Applies && s.effect == Some(effect))
                    .map(move |s| DecidingStatement {
                        policy: p.id.clone(),
                        statement_index: s.statement_index,
                        sid: s.sid.clone(),
                        effect,
                        range: s.range,
                    })
            })
            .collect()
    }

    /// The evaluation of the first policy of `kind`, if consulted.
    pub fn policy(&self, kind: PolicyKind) -> Option<&PolicyEvaluation> {
        self.policies.iter().find(|p| p.id.kind == kind)
    }
}

/// The services whose resources RCPs cover ("Resource control policies (RCPs)", list of
/// supported services). IAM and EC2 are not among them.
pub const RCP_SERVICES: [&str; 10] =
    ["s3", "sts", "kms", "sqs", "secretsmanager", "ecr", "aoss", "cognito-identity", "logs", "dynamodb"];

/// Decide `request` against `policies`.
pub fn evaluate(request: &Request, policies: &PolicySet) -> Response {
    Evaluation::new(request, policies).run()
}

struct Evaluation<'r> {
    request: &'r Request,
    policies: &'r PolicySet,
    has_boundary: bool,
    action_lowercase: String,
    evaluated: Vec<PolicyEvaluation>,
    rules: Vec<Rule>,
    missing: Vec<String>,
}

impl<'r> Evaluation<'r> {
    fn new(request: &'r Request, policies: &'r PolicySet) -> Self {
        Self {
            request,
            policies,
            has_boundary: policies.permissions_boundary.is_some() && request.principal.has_identity_policies(),
            action_lowercase: request.action.to_ascii_lowercase(),
            evaluated: Vec::with_capacity(policies.count()),
            rules: Vec::new(),
            missing: Vec::new(),
        }
    }

    fn run(mut self) -> Response {
        let decision = self.decide();
        let resource_kind = self.policies.resource.as_ref().map_or(PolicyKind::Resource, |p| p.id.kind);
        let denied_by = match decision {
            Decision::Allowed => None,
            Decision::ExplicitDeny => self.rules.iter().find_map(|r| match r {
                Rule::ExplicitDeny { kind } => Some(*kind),
                _ => None,
            }),
            Decision::ImplicitDeny => self.rules.iter().rev().find_map(|r| match r {
                Rule::ScpLevelWithoutAllow { .. } => Some(PolicyKind::Scp),
                Rule::RcpLevelWithoutAllow { .. } => Some(PolicyKind::Rcp),
                Rule::NoBoundaryAllow => Some(PolicyKind::PermissionsBoundary),
                Rule::NoSessionAllow => Some(PolicyKind::Session),
                Rule::NoIdentityAllow => Some(PolicyKind::Identity),
                // A role trust policy is named as such: "because no role trust policy allows the
                // sts:AssumeRole action" ("Troubleshoot access denied error messages").
                Rule::NoResourcePolicyAllow | Rule::TrustPolicyMustAllow => Some(resource_kind),
                Rule::KeyPolicyMustAllow => Some(PolicyKind::Resource),
                _ => None,
            }),
        };
        if decision == Decision::Allowed {
            self.rules.push(Rule::Allowed);
        }
        crate::sort::sort(&mut self.missing);
        self.missing.dedup();
        Response {
            decision,
            denied_by,
            rules: self.rules,
            policies: self.evaluated,
            missing_context_keys: self.missing,
        }
    }

    fn decide(&mut self) -> Decision {
        let principal = &self.request.principal;
        let scps_apply = self.scps_apply();
        let rcps_apply = self.rcps_apply();

        // Evaluate every applicable policy once; the logic below reads the results.
        let scp_results = self.evaluate_levels(self.policies.scps.as_deref(), scps_apply);
        let rcp_results = self.evaluate_levels(self.policies.rcps.as_deref(), rcps_apply);
        // IAM's one resource-based policy is a role's trust policy: any other given with an IAM
        // action is no policy AWS has ("Identity-based policies and resource-based policies").
        let resource_applies = !(self.policies.resource.as_ref().is_some_and(|p| p.id.kind == PolicyKind::Resource)
            && is_iam_action(&self.request.action));
        if !resource_applies {
            self.rules.push(Rule::ResourcePolicyOnIamAction);
        }
        let resource = self.policies.resource.as_ref().map(|p| self.evaluate_policy(p, resource_applies));
        let identity_applies = principal.has_identity_policies();
        let session_applies =
            matches!(principal.kind, PrincipalKind::AssumedRole | PrincipalKind::FederatedUser | PrincipalKind::Role);
        let identity: Vec<PolicyResult> =
            self.policies.identity.iter().map(|p| self.evaluate_policy(p, identity_applies)).collect();
        let boundary = self.policies.permissions_boundary.as_ref().map(|p| self.evaluate_policy(p, identity_applies));
        let session: Vec<PolicyResult> =
            self.policies.session.iter().map(|p| self.evaluate_policy(p, session_applies)).collect();

        // 0. Calls whose outcome the caller's kind of credentials fixes (STS API reference), and
        //    changes a service refuses whatever the policies say.
        if let Some(decision) = self.credential_rules() {
            return decision;
        }
        if let Some(which) = ServiceRule::of(&self.action_lowercase, &self.request.resource) {
            self.rules.push(Rule::ServiceRefuses { which });
            return Decision::ImplicitDeny;
        }

        // 1. An explicit deny in any policy wins.
        let deny_order = [
            PolicyKind::Scp,
            PolicyKind::Rcp,
            PolicyKind::Resource,
            PolicyKind::Trust,
            PolicyKind::Identity,
            PolicyKind::PermissionsBoundary,
            PolicyKind::Session,
        ];
        let mut denied = false;
        for kind in deny_order {
            if self.evaluated.iter().any(|p| p.id.kind == kind && p.result == PolicyResult::Deny) {
                if !self.rules.contains(&Rule::ExplicitDeny { kind }) {
                    self.rules.push(Rule::ExplicitDeny { kind });
                }
                denied = true;
            }
        }
        if denied {
            return Decision::ExplicitDeny;
        }

        // 2. Organizations, in the order "How AWS enforcement code logic evaluates requests"
        //    gives: RCPs (for the resource), then every SCP level (for the caller) must allow. An
        //    RCP level never lacks an Allow: RCPFullAWSAccess is attached everywhere and cannot be
        //    detached, so an RCP that only denies lets through what it does not deny.
        for (level, results) in rcp_results.iter().enumerate() {
            if !results.contains(&PolicyResult::Allow) {
                self.rules.push(Rule::RcpFullAwsAccess { level });
            }
        }
        if let Some(level) = first_level_without_allow(&scp_results) {
            self.rules.push(Rule::ScpLevelWithoutAllow { level });
            return Decision::ImplicitDeny;
        }
        if !scp_results.is_empty() {
            self.rules.push(Rule::ScpsAllow);
        }

        let resource_allows = resource == Some(PolicyResult::Allow);
        let resource_match = self
            .evaluated
            .iter()
            .find(|p| matches!(p.id.kind, PolicyKind::Resource | PolicyKind::Trust))
            .map_or(PrincipalMatch::None, |p| p.strongest_principal_match(Effect::Allow));
        let is_trust = self.request.is_decided_by_trust_policy()
            && self.policies.resource.as_ref().is_some_and(|p| p.id.kind == PolicyKind::Trust);
        // Role trust policies and KMS key policies must explicitly allow ("Policy evaluation logic").
        let must_allow = is_trust || (self.policies.resource.is_some() && self.action_lowercase.starts_with("kms:"));

        // 3. Principals without identity policies.
        match principal.kind {
            PrincipalKind::Root => {
                if self.request.is_assume_role() {
                    self.rules.push(Rule::RootCannotAssumeRole);
                    return Decision::ImplicitDeny;
                }
                if must_allow && !resource_allows {
                    self.rules.push(Rule::KeyPolicyMustAllow);
                    return Decision::ImplicitDeny;
                }
                if self.request.is_same_account() {
                    self.rules.push(Rule::RootUser);
                    return Decision::Allowed;
                }
                return self.resource_alone(resource_allows, true);
            }
            PrincipalKind::Service | PrincipalKind::Anonymous => return self.resource_alone(resource_allows, false),
            PrincipalKind::WebIdentityUser | PrincipalKind::SamlUser => {
                self.rules.push(Rule::NoAwsCredentials);
                return self.resource_alone(resource_allows, false);
            }
            _ => {}
        }

        let identity_allows = identity.contains(&PolicyResult::Allow);
        let boundary_allows = boundary.is_none_or(|b| b == PolicyResult::Allow);
        // A federated user session with no session policy has no permissions ("Session policies";
        // GetFederationToken); a role session without one is not limited by it. Several session
        // policies (inline plus managed `PolicyArns`) together form the session's cap, as several
        // identity policies together form the identity's grants.
        let federated_without_session_policy = principal.kind == PrincipalKind::FederatedUser && session.is_empty();
        let session_allows = !federated_without_session_policy
            && (!session_applies || session.is_empty() || session.contains(&PolicyResult::Allow));
        let limits = |rules: &mut Vec<Rule>| -> Decision {
            if !boundary_allows {
                rules.push(Rule::NoBoundaryAllow);
                return Decision::ImplicitDeny;
            }
            if boundary.is_some() {
                rules.push(Rule::BoundaryAllows);
            }
            if !session_allows {
                rules.push(Rule::NoSessionAllow);
                return Decision::ImplicitDeny;
            }
            if !session.is_empty() {
                rules.push(Rule::SessionAllows);
            }
            Decision::Allowed
        };

        // 4. A role's trust policy (or a KMS key policy) must always allow.
        if must_allow && !resource_allows {
            self.rules.push(if is_trust { Rule::TrustPolicyMustAllow } else { Rule::KeyPolicyMustAllow });
            return Decision::ImplicitDeny;
        }

        // 5. Cross account: both sides must allow.
        if !self.request.is_same_account() {
            self.rules.push(Rule::CrossAccountNeedsBoth);
            if !resource_allows {
                self.rules.push(Rule::NoResourcePolicyAllow);
                return Decision::ImplicitDeny;
            }
            if !identity_allows {
                self.rules.push(Rule::NoIdentityAllow);
                return Decision::ImplicitDeny;
            }
            self.rules.push(Rule::IdentityAllows);
            return limits(&mut self.rules);
        }

        // 6. Same account: a resource-based policy can grant on its own, depending on how it names
        //    the caller.
        if resource_allows {
            match resource_match {
                PrincipalMatch::Direct | PrincipalMatch::Everyone => {
                    self.rules.push(Rule::ResourcePolicyNamesCaller);
                    // The note in "Update a role trust policy" speaks of a user named in the trust
                    // policy; a role session named by its session ARN is not limited.
                    if is_trust && self.has_boundary && principal.kind == PrincipalKind::User {
                        // AWS's pages disagree here; see `Rule::TrustBoundaryChoice`.
                        self.rules.push(Rule::TrustBoundaryChoice);
                        if !boundary_allows {
                            self.rules.push(Rule::NoBoundaryAllow);
                            return Decision::ImplicitDeny;
                        }
                        self.rules.push(Rule::BoundaryAllows);
                    }
                    return Decision::Allowed;
                }
                PrincipalMatch::RoleArn => {
                    self.rules.push(Rule::ResourcePolicyNamesRole);
                    return limits(&mut self.rules);
                }
                PrincipalMatch::Account | PrincipalMatch::None => {
                    self.rules.push(Rule::ResourcePolicyDelegatesToAccount);
                }
            }
        }
        if !identity_allows {
            self.rules.push(Rule::NoIdentityAllow);
            return Decision::ImplicitDeny;
        }
        self.rules.push(Rule::IdentityAllows);
        limits(&mut self.rules)
    }

    /// The STS calls whose outcome the caller's credentials decide before any policy does.
    fn credential_rules(&mut self) -> Option<Decision> {
        use CredentialRule::*;
        let kind = self.request.principal.kind;
        let action = self.action_lowercase.as_str();
        let temporary = matches!(kind, PrincipalKind::AssumedRole | PrincipalKind::Role | PrincipalKind::FederatedUser);
        let (rule, decision) = match action {
            "sts:getcalleridentity" if kind != PrincipalKind::Anonymous => {
                (GetCallerIdentityNeedsNoPermission, Decision::Allowed)
            }
            "sts:getsessiontoken" if matches!(kind, PrincipalKind::User | PrincipalKind::Root) => {
                (GetSessionTokenNeedsNoPermission, Decision::Allowed)
            }
            "sts:getsessiontoken" | "sts:getfederationtoken" if temporary => {
                (NeedsLongTermCredentials, Decision::ImplicitDeny)
            }
            _ if kind == PrincipalKind::FederatedUser && action.starts_with("iam:") => {
                (FederatedUserCannotCallIam, Decision::ImplicitDeny)
            }
            _ if kind == PrincipalKind::FederatedUser && action.starts_with("sts:") => {
                (FederatedUserCannotCallSts, Decision::ImplicitDeny)
            }
            _ if kind == PrincipalKind::Anonymous && self.request.is_assume_role() => {
                (AnonymousCannotAssumeRole, Decision::ImplicitDeny)
            }
            _ => match self.request.federated_call() {
                // The token's own call, and the session permissions riding on it.
                Some(call) => {
                    let rides_on_it = matches!(action, "sts:tagsession" | "sts:setsourceidentity");
                    if action == call.to_ascii_lowercase() || rides_on_it {
                        return None;
                    }
                    (TokenOnlyAssumesRole, Decision::ImplicitDeny)
                }
                None if matches!(action, "sts:assumerolewithwebidentity" | "sts:assumerolewithsaml") => {
                    (NeedsIdentityProviderToken, Decision::ImplicitDeny)
                }
                None => return None,
            },
        };
        self.rules.push(Rule::Credentials { which: rule });
        Some(decision)
    }

    /// Service principals, anonymous callers and cross-account root users: only a resource-based
    /// policy can grant.
    fn resource_alone(&mut self, resource_allows: bool, cross_account: bool) -> Decision {
        if self.request.is_decided_by_trust_policy() && !resource_allows {
            self.rules.push(Rule::TrustPolicyMustAllow);
            return Decision::ImplicitDeny;
        }
        if cross_account {
            self.rules.push(Rule::CrossAccountNeedsBoth);
        }
        if resource_allows {
            self.rules.push(Rule::ResourcePolicyAllows);
            Decision::Allowed
        } else {
            self.rules.push(Rule::NoResourcePolicyAllow);
            Decision::ImplicitDeny
        }
    }

    fn scps_apply(&mut self) -> bool {
        if self.policies.scps.is_none() {
            return false;
        }
        let principal = &self.request.principal;
        let reason = if principal.kind == PrincipalKind::Service {
            Some("service principal")
        } else if principal.kind == PrincipalKind::Anonymous {
            Some("anonymous caller")
        } else if principal.is_identity_provider() {
            Some("identity provider's user (no AWS account calls)")
        } else if principal.is_service_linked_role() {
            Some("service-linked role")
        } else if principal.account.is_some() && principal.account == self.policies.management_account {
            Some("management account")
        } else {
            None
        };
        match reason {
            Some(reason) => {
                self.rules.push(Rule::ScpsNotApplicable { reason });
                false
            }
            None => true,
        }
    }

    fn rcps_apply(&mut self) -> bool {
        if self.policies.rcps.is_none() {
            return false;
        }
        let service = self.request.action.split(':').next().unwrap_or("").to_ascii_lowercase();
        let reason = if !RCP_SERVICES.contains(&service.as_str()) {
            Some("service not covered by RCPs")
        } else if self.request.principal.is_service_linked_role() {
            Some("service-linked role")
        } else if self.request.resource_account.is_some()
            && self.request.resource_account == self.policies.management_account
        {
            Some("management account")
        } else {
            None
        };
        match reason {
            Some(reason) => {
                self.rules.push(Rule::RcpsNotApplicable { reason });
                false
            }
            None => true,
        }
    }

    fn evaluate_levels(&mut self, levels: Option<&[Vec<AttachedPolicy>]>, applies: bool) -> Vec<Vec<PolicyResult>> {
        let Some(levels) = levels else {
            return Vec::new();
        };
        let results: Vec<Vec<PolicyResult>> =
            levels.iter().map(|level| level.iter().map(|p| self.evaluate_policy(p, applies)).collect()).collect();
        if applies {
            results
        } else {
            Vec::new()
        }
    }

    fn evaluate_policy(&mut self, attached: &AttachedPolicy, applies: bool) -> PolicyResult {
        if !applies {
            self.evaluated.push(PolicyEvaluation {
                id: attached.id.clone(),
                result: PolicyResult::NotApplicable,
                statements: Vec::new(),
            });
            return PolicyResult::NotApplicable;
        }
        let statements: Vec<StatementEvaluation> =
            attached.policy.statements.iter().map(|s| self.evaluate_statement(&attached.policy, s)).collect();
        let applies_with =
            |effect| statements.iter().any(|s| s.outcome == StatementOutcome::Applies && s.effect == Some(effect));
        let result = if applies_with(Effect::Deny) {
            PolicyResult::Deny
        } else if applies_with(Effect::Allow) {
            PolicyResult::Allow
        } else {
            PolicyResult::NoMatch
        };
        self.evaluated.push(PolicyEvaluation { id: attached.id.clone(), result, statements });
        result
    }

    fn evaluate_statement(&mut self, policy: &Policy, statement: &Statement) -> StatementEvaluation {
        let mut evaluation = StatementEvaluation {
            statement_index: statement.index,
            sid: statement.sid.as_ref().map(|s| s.value.clone()),
            effect: statement.effect,
            range: statement.range,
            outcome: StatementOutcome::Applies,
            principal_match: None,
            conditions: Vec::new(),
        };
        let Some(effect) = statement.effect else {
            evaluation.outcome = StatementOutcome::NoEffect;
            return evaluation;
        };
        let request = self.request;
        if policy.kind.allows_principal() {
            let principal_match = self.principal_match(statement, effect);
            evaluation.principal_match = Some(principal_match);
            if principal_match == PrincipalMatch::None {
                evaluation.outcome = StatementOutcome::PrincipalNotMatched;
                return evaluation;
            }
        }
        let action_listed = statement.action.as_ref().map(|a| {
            let listed = a.compiled.iter().any(|p| match p {
                CompiledPattern::Action(glob) => glob.matches(&self.action_lowercase),
                _ => false,
            });
            (a.negated, listed)
        });
        match action_listed {
            Some((negated, listed)) if listed != negated => {}
            _ => {
                evaluation.outcome = StatementOutcome::ActionNotMatched;
                return evaluation;
            }
        }
        // Whether the resource matched only through a `*` that ends an ARN segment.
        let mut spans_segments = false;
        if policy.kind != PolicyKind::Trust {
            if let Some(resource) = &statement.resource {
                let substitute = policy.version.substitutes_variables();
                // A pattern that matches segment by segment settles it; one that matches only
                // across segments counts, and makes the choice visible, when no other does.
                let mut across = false;
                let listed = resource.patterns.iter().zip(&resource.compiled).any(|(pattern, compiled)| {
                    let this = match compiled {
                        CompiledPattern::Resource(glob) => glob.resource_match(&request.resource),
                        _ => self.resource_pattern_matches(&pattern.value, substitute),
                    };
                    across |= this == ResourceMatch::AcrossSegments;
                    this == ResourceMatch::Yes
                });
                spans_segments = across && !listed;
                if (listed || across) == resource.negated {
                    // A `NotResource` that leaves the resource out only through the choice.
                    if spans_segments && !self.rules.contains(&Rule::ResourceWildcardSpansSegments) {
                        self.rules.push(Rule::ResourceWildcardSpansSegments);
                    }
                    evaluation.outcome = StatementOutcome::ResourceNotMatched;
                    return evaluation;
                }
            }
        }
        let substitute = policy.version.substitutes_variables();
        for (index, clause) in statement.conditions.iter().enumerate() {
            let outcome = evaluate_clause(clause, &request.context, substitute, effect == Effect::Deny);
            if outcome.key_missing && request.context.get(&clause.key.value).is_none() {
                self.missing.push(clause.key.value.clone());
            }
            let holds = outcome.holds;
            evaluation.conditions.push(ConditionEvaluation {
                operator: clause.operator.value.name(),
                key: clause.key.value.clone(),
                range: clause.key.range,
                outcome,
            });
            if !holds {
                evaluation.outcome = StatementOutcome::ConditionFailed { clause: index };
                return evaluation;
            }
        }
        if spans_segments && !self.rules.contains(&Rule::ResourceWildcardSpansSegments) {
            self.rules.push(Rule::ResourceWildcardSpansSegments);
        }
        evaluation
    }

    fn resource_pattern_matches(&mut self, pattern: &str, substitute: bool) -> ResourceMatch {
        let resource = &self.request.resource;
        if substitute && variables::has_variables(pattern) {
            return match variables::substitute(pattern, &self.request.context, true) {
                Ok(tokens) => matching::resource_tokens_match(&tokens, resource),
                Err(unresolved) => {
                    self.missing.push(unresolved.key);
                    ResourceMatch::No
                }
            };
        }
        resource_matches(pattern, resource)
    }

    fn principal_match(&self, statement: &Statement, effect: Effect) -> PrincipalMatch {
        let Some(element) = &statement.principal else {
            return PrincipalMatch::None;
        };
        let principal = &self.request.principal;
        let best = element
            .entries
            .iter()
            .map(|entry| principal.match_entry(entry, &self.request.context))
            .max()
            .unwrap_or(PrincipalMatch::None);
        if !element.negated {
            return best;
        }
        // NotPrincipal with Deny always applies to a principal with a permissions boundary
        // ("Permissions boundaries for IAM entities").
        if effect == Effect::Deny && self.has_boundary {
            return PrincipalMatch::Everyone;
        }
        // NotPrincipal names who is excluded ("AWS JSON policy elements: NotPrincipal"). With Deny,
        // a caller named by its own ARN (a role session by its session ARN, not the role ARN) is
        // excluded only together with its account: AWS "might validate the account first", so
        // naming the user alone may deny the whole account. With Allow — which AWS discourages —
        // the element means "everyone except": a caller named in any way (its ARN, its role, its
        // account) is never granted by it.
        let named = |wanted: PrincipalMatch| {
            element.entries.iter().any(|e| principal.match_entry(e, &self.request.context) == wanted)
        };
        let excluded = if effect == Effect::Allow {
            element.entries.iter().any(|e| principal.match_entry(e, &self.request.context) != PrincipalMatch::None)
        } else {
            let by_name = match principal.kind {
                PrincipalKind::Root
                | PrincipalKind::Service
                | PrincipalKind::WebIdentityUser
                | PrincipalKind::SamlUser => named(PrincipalMatch::Direct),
                _ => named(PrincipalMatch::Direct) && named(PrincipalMatch::Account),
            };
            by_name || named(PrincipalMatch::Everyone)
        };
        if excluded {
            PrincipalMatch::None
        } else {
            PrincipalMatch::Everyone
        }
    }
}

fn first_level_without_allow(levels: &[Vec<PolicyResult>]) -> Option<usize> {
    levels.iter().position(|level| !level.contains(&PolicyResult::Allow))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

    use super::*;

    fn context_of(pairs: &[(&str, &str)]) -> RequestContext {
        let mut context = RequestContext::new();
        for (key, value) in pairs {
            context.insert(key, vec![(*value).to_string()]);
        }
        derive_always_present(&mut context);
        context
    }

    fn value(context: &RequestContext, key: &str) -> String {
        context.get(key).unwrap().values[0].clone()
    }

    /// "This key is always included in the request context" ("AWS global condition context keys").
    #[test]
    fn the_always_present_keys_follow_each_other() {
        let none = context_of(&[]);
        assert_eq!(value(&none, "aws:CurrentTime"), DEFAULT_CURRENT_TIME);
        assert_eq!(value(&none, "aws:EpochTime"), DEFAULT_EPOCH_TIME.to_string());
        assert_eq!(value(&none, "aws:ViaAWSService"), "false");
        let time = context_of(&[("aws:CurrentTime", "2030-01-01T00:00:00Z")]);
        assert_eq!(value(&time, "aws:EpochTime"), "1893456000");
        let epoch = context_of(&[("aws:EpochTime", "1893456000")]);
        assert_eq!(value(&epoch, "aws:CurrentTime"), "2030-01-01T00:00:00Z");
        let via = context_of(&[("aws:CalledVia", "athena.amazonaws.com")]);
        assert_eq!(value(&via, "aws:ViaAWSService"), "true");
        // What the request gives stays as given.
        let given = context_of(&[("aws:ViaAWSService", "true"), ("aws:CurrentTime", "not a time")]);
        assert_eq!(value(&given, "aws:ViaAWSService"), "true");
        assert_eq!(value(&given, "aws:CurrentTime"), "not a time");
        assert_eq!(value(&given, "aws:EpochTime"), DEFAULT_EPOCH_TIME.to_string());
    }

    /// Times far outside any calendar still print, without overflow.
    #[test]
    fn extreme_times_print_without_overflow() {
        assert_eq!(iso_8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_8601(DEFAULT_EPOCH_TIME), DEFAULT_CURRENT_TIME);
        assert_eq!(iso_8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_8601(-1), "1969-12-31T23:59:59Z");
        for epoch in [i64::MAX, i64::MIN, i64::MAX - 86_399] {
            assert!(iso_8601(epoch).ends_with('Z'));
        }
        let huge = context_of(&[("aws:EpochTime", "99999999999999999999999999999")]);
        assert!(value(&huge, "aws:CurrentTime").ends_with('Z'));
    }
}
