//! What a flow found, as facts with their data: the title of each step, each sentence of its
//! explanation, each warning, what carried over in a chain and each change a fix makes. A run
//! records them beside its result ([`Facts`]); `explain` says them in English or Japanese, only
//! when the result is to be shown — fix replays and the reach graph never pay for words.

use crate::evaluate::Decision;
use crate::evaluate::PolicyRefusal;
use crate::policy::PolicyKind;
use crate::sts::{CallerNeed, Grantee, PanelVerdict, RefusalReason, TrustPrincipal, Who};
use serde_json::Value;

/// A step's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Title {
    /// Calling the API that takes a role.
    CallApi {
        /// `ec2:RunInstances`, ….
        action: &'static str,
    },
    /// Creating the service-linked role used by default.
    CreateServiceLinkedRole {
        /// Its name.
        role: &'static str,
    },
    /// `iam:PassRole` on the role.
    PassRole {
        /// The role's ARN.
        role: String,
    },
    /// The service putting the mask on.
    ServicePutsOn {
        /// The service principal.
        service: &'static str,
    },
    /// What the role can do.
    MaskPowers {
        /// The role's name.
        role: String,
    },
    /// `sts:AssumeRole`, hop `hop`.
    AssumeRole {
        /// 1 for the first hop.
        hop: usize,
        /// The role as the call names it.
        role: String,
    },
    /// `sts:AssumeRoleWithWebIdentity` or `sts:AssumeRoleWithSAML`, hop `hop`.
    Federated {
        /// 1 for the first hop.
        hop: usize,
        /// The role as the call names it.
        role: String,
        /// The action.
        action: &'static str,
    },
    /// Console switch role, hop `hop`.
    SwitchRole {
        /// 1 for the first hop.
        hop: usize,
        /// The role as the call names it.
        role: String,
    },
    /// `sts:TagSession` of hop `hop`.
    TagSession {
        /// The hop.
        hop: usize,
    },
    /// `sts:SetSourceIdentity` of hop `hop`.
    SetSourceIdentity {
        /// The hop.
        hop: usize,
    },
    /// An action made as a session.
    AsSession {
        /// The session ARN.
        session: String,
        /// The action.
        action: String,
    },
    /// An action not reached.
    Action {
        /// The action.
        action: String,
    },
}

/// The powers a session acts with: the role's policies, capped by what else applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The role's name.
    pub role: String,
    /// Whether the role has a permissions boundary.
    pub boundary: bool,
    /// Whether the session has a session policy.
    pub session_policy: bool,
}

/// One thing a flow says: a sentence of a step's explanation, a warning, a side's summary, a
/// line of a chain's timeline, or advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowNote {
    /// Here goes the evaluator's own account of the step's request.
    Evaluated,
    /// Here go the summaries of the step's two sides (caller and trust), from its panels.
    Sides,
    /// A step not reached because step `after` failed.
    NotReached {
        /// The step that failed.
        after: String,
    },
    /// A step not reached because step `after` needs a policy AWS would refuse to save: the
    /// world cannot exist in AWS as written, so nothing after that step happens.
    NotReachedAfterRefusal {
        /// The step that needs the refused policy.
        after: String,
    },
    /// The role has no trust policy.
    NoTrustPolicy,
    /// A policy the step needs is one AWS refuses to save: there is no decision.
    PolicyRefused(Box<PolicyRefusal>),
    /// A policy the step needs is one AWS refuses to save, and the step was evaluated anyway.
    EvaluatedInvalid(Box<PolicyRefusal>),
    /// A PassRole caller the world does not describe.
    UnknownPassRoleCaller {
        /// Its ARN.
        arn: String,
    },
    /// An AssumeRole caller the world does not describe.
    UnknownAssumeRoleCaller {
        /// Its ARN.
        arn: String,
    },
    /// Console switch role given session tags: the console cannot pass them, so they are not
    /// sent ("Pass session tags in AWS STS").
    ConsoleSendsNoSessionTags,
    /// Console switch role given an ExternalId: the console cannot send one ("Grant a user
    /// permissions to switch roles").
    ConsoleSendsNoExternalId,
    /// The API call, first of a PassRole flow.
    ApiCall {
        /// Who calls.
        who: Who,
        /// The API's name without its service prefix.
        api: &'static str,
        /// The parameter that takes the role.
        parameter: &'static str,
        /// The IAM action of the call.
        action: &'static str,
    },
    /// AWS creates the service-linked role on first use.
    CreateServiceLinkedRole {
        /// Its name.
        role: &'static str,
        /// The service.
        service: &'static str,
    },
    /// The role is in another account than the caller.
    PassRoleAcrossAccounts {
        /// The role's ARN.
        role: String,
        /// Its account.
        role_account: String,
        /// The caller's account.
        caller_account: String,
    },
    /// How to use a role of another account.
    PassRoleAcrossAccountsAdvice {
        /// The role's ARN.
        role: String,
        /// The caller's account.
        caller_account: String,
    },
    /// No role named: the service-linked role by default needs no PassRole.
    ServiceLinkedByDefault {
        /// The service-linked role.
        role: &'static str,
        /// The parameter that would name a role.
        parameter: &'static str,
    },
    /// What iam:PassRole checks.
    PassRole {
        /// The parameter that carries the role.
        parameter: &'static str,
        /// The role's ARN.
        role: String,
        /// The service.
        service: &'static str,
        /// The `iam:AssociatedResourceARN` sent, if the service sends one.
        associated: Option<String>,
    },
    /// A service-linked role named explicitly needs PassRole.
    ServiceLinkedNamed,
    /// A `ResourceTag` condition tries to limit PassRole.
    ResourceTagUnreliable {
        /// The condition key.
        key: String,
        /// The policy's name.
        policy: String,
    },
    /// Why PassRole exists.
    PassRoleStopsEscalation,
    /// The role passed does not exist.
    NoSuchRole {
        /// The role's ARN.
        role: String,
        /// The service.
        service: &'static str,
    },
    /// The service puts the mask on.
    ServicePutsOn {
        /// The service.
        service: &'static str,
        /// The role's ARN.
        role: String,
    },
    /// The service checks the trust at once.
    TrustCheckedAtCall {
        /// The API's name.
        api: &'static str,
    },
    /// The service finds out only at run time.
    TrustCheckedAtRunTime {
        /// The API's name.
        api: &'static str,
    },
    /// What the blast radius shows.
    BlastRadius {
        /// The role's name.
        role: String,
        /// The session the workload acts as.
        session: String,
        /// The caller.
        who: Who,
    },
    /// One action tried with and without the mask.
    Compared {
        /// The action.
        action: String,
        /// The resource.
        resource: String,
        /// With the role's powers.
        as_role: Decision,
        /// With the caller's own.
        as_caller: Decision,
        /// Whether the role may and the caller may not.
        escalation: bool,
    },
    /// The role can do what the caller cannot, IAM changes included.
    Escalation {
        /// The role's ARN.
        role: String,
        /// The caller.
        who: Who,
        /// The actions, joined.
        actions: String,
    },
    /// The role can do what the caller cannot.
    BroaderRole {
        /// The role's ARN.
        role: String,
        /// The caller.
        who: Who,
        /// The actions, joined.
        actions: String,
    },
    /// The role asked for is not in the world.
    RoleNotInWorld {
        /// The role as the call names it.
        role: String,
    },
    /// STS refused the parameters.
    ParametersFirst,
    /// Why STS refused them.
    Refused(RefusalReason),
    /// What a federated call asks: an identity provider's token traded for a role session.
    Federated {
        /// The provider.
        provider: String,
        /// `sts:AssumeRoleWithWebIdentity` or `sts:AssumeRoleWithSAML`.
        action: &'static str,
        /// The token's subject, if it has one.
        subject: Option<String>,
        /// The role's ARN.
        role: String,
        /// The session name.
        session_name: String,
        /// The duration, in seconds.
        duration: i64,
    },
    /// What an AssumeRole call asks.
    AssumeRole {
        /// Who calls.
        who: Who,
        /// The role's ARN.
        role: String,
        /// The session name.
        session_name: String,
        /// The duration, in seconds.
        duration: i64,
        /// Role chaining.
        chained: bool,
        /// Console switch role.
        console: bool,
        /// The role is in another account.
        cross_account: bool,
    },
    /// The caller's side of an AssumeRole.
    CallerSide {
        /// The caller's account.
        account: String,
        /// Its verdict.
        verdict: PanelVerdict,
        /// Whether it must allow, and why.
        need: CallerNeed,
    },
    /// The trust side of an AssumeRole.
    TrustSide {
        /// The role's account.
        account: String,
        /// The role's name.
        role: String,
        /// Its verdict.
        verdict: PanelVerdict,
    },
    /// The call passes session tags.
    TagSession,
    /// Role chaining with a source identity: the calling role's own permissions must allow
    /// `sts:SetSourceIdentity` too — Omen's reading where two AWS pages pull apart.
    ChainedSourceIdentityChoice {
        /// The calling role's name.
        role: String,
        /// Whether its permissions allow it.
        allows: bool,
    },
    /// The call sets or carries a source identity.
    SetSourceIdentity {
        /// The source identity the calling session carries, if any.
        inherited: Option<String>,
    },
    /// An action made as a session.
    AsSession {
        /// The action.
        action: String,
        /// The mask's powers.
        limits: Limits,
        /// Who first put on a mask in this chain.
        wearer: String,
    },
    /// The same action with the wearer's own powers.
    WithoutMask {
        /// The wearer.
        who: Who,
        /// What it would come to.
        decision: Decision,
    },
    /// A transitive tag carries over.
    TransitiveTagCarries {
        /// Its key.
        key: String,
        /// Its value.
        value: String,
    },
    /// A session tag that is not transitive stays behind.
    SessionTagStays {
        /// Its key.
        key: String,
        /// Its value.
        value: String,
    },
    /// The source identity carries over.
    SourceIdentityCarries {
        /// It.
        value: String,
    },
    /// The calling session's MFA status is what the call presents.
    MfaCarries {
        /// Whether the calling session has MFA.
        mfa: bool,
    },
    /// The previous role's powers stay behind.
    PowersStay {
        /// The previous role's name.
        role: String,
    },
    /// The previous session policy stays behind.
    SessionPolicyStays,
    /// Role chaining caps the session at one hour.
    ChainingCapsDuration,
    /// Console switch role starts again from the user.
    SwitchStartsFromUser {
        /// The user's ARN.
        user: String,
    },
    /// While wearing the mask, the wearer acts with the role's powers.
    ActsWithRolePowers {
        /// The wearer's ARN.
        wearer: String,
    },
    /// A tag marked transitive at this hop.
    MarkedTransitive {
        /// Its key.
        key: String,
    },
}

/// One change a fix makes, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeNote {
    /// Call with another parameter value (STS refused the call).
    Parameter {
        /// The parameter.
        parameter: String,
        /// Its value in the call.
        before: Value,
        /// The value to use.
        after: Value,
    },
    /// Add a statement to an identity-based policy.
    AddToIdentityPolicy {
        /// The policy's name.
        policy: String,
        /// Whose it is.
        owner: String,
        /// What the statement allows.
        grant: Grant,
    },
    /// Attach a new inline policy.
    NewInlinePolicy {
        /// The policy's name.
        policy: String,
        /// To whom.
        owner: String,
        /// What it allows.
        grant: Grant,
    },
    /// Add a statement to a policy that caps the others (boundary, session policy, SCP, RCP).
    AddToCap {
        /// Its kind.
        kind: PolicyKind,
        /// Its name.
        policy: String,
        /// Whose it is.
        owner: String,
        /// What the statement allows.
        grant: Grant,
    },
    /// Let a principal put the mask on in the trust policy.
    AddTrust {
        /// The role's ARN.
        role: String,
        /// Whom to name.
        principal: TrustPrincipal,
        /// The action.
        action: String,
        /// For an identity provider: the token's claims the statement pins, `(operator, key,
        /// values)`.
        conditions: Vec<(String, String, Vec<String>)>,
        /// The claim whose condition in an existing statement refused this token: the new
        /// statement lets in a token that statement was written to keep out.
        overrides: Option<String>,
    },
    /// Have the identity provider put a claim the trust policy requires into the token (SAML: the
    /// assertion).
    TokenClaim {
        /// The claim's context key (`gitlab.com:aud`, `SAML:aud`).
        key: String,
        /// The value the trust policy expects.
        value: String,
        /// A SAML assertion rather than an OIDC token.
        saml: bool,
    },
    /// Let one more session tag value (`aws:RequestTag/KEY`) or tag key (`aws:TagKeys`) through a
    /// trust statement's condition.
    AllowTagValue {
        /// The role's ARN.
        role: String,
        /// The statement: `Sid` in backticks, or `#index`.
        statement: String,
        /// The condition's key (`aws:RequestTag/Project`).
        key: String,
        /// The tag's value, or the tag key, the call passes.
        value: String,
    },
    /// Remove (or narrow) a Deny statement.
    RemoveDeny {
        /// The statement: `Sid` in backticks, or `#index`.
        statement: String,
        /// The policy's kind.
        kind: PolicyKind,
        /// Its name.
        policy: String,
        /// Whose it is.
        owner: String,
        /// The action denied.
        action: String,
        /// On which resource.
        resource: String,
    },
    /// Call with the `ExternalId` the trust policy expects.
    ExternalId {
        /// The value.
        value: String,
    },
    /// Call with MFA.
    Mfa {
        /// The MFA device's ARN.
        serial: String,
        /// The condition's operator.
        operator: String,
        /// The condition's key.
        key: String,
    },
    /// Call with the session name the trust policy requires.
    RoleSessionName {
        /// The value.
        value: String,
    },
    /// Call with the source identity the trust policy requires.
    SourceIdentity {
        /// The value.
        value: String,
    },
    /// Call with a new token (SAML: a new assertion) from the identity provider: STS refused the
    /// one sent as expired.
    NewToken {
        /// When the new one expires (ISO 8601), after the call.
        expires: String,
        /// A SAML assertion rather than an OIDC token.
        saml: bool,
    },
    /// Have the job request a token whose `aud` is the provider's client ID that the trust policy
    /// expects: STS refused the token's audience.
    TokenAudience {
        /// The claim's context key (`token.actions.githubusercontent.com:aud`).
        key: String,
        /// The client ID.
        value: String,
        /// The audience the token carried.
        was: String,
    },
    /// Add the token's audience to an IAM OIDC provider's client IDs
    /// (`AddClientIDToOpenIDConnectProvider`): STS refused a token whose `aud` is none of them.
    AddClientId {
        /// The provider's ARN.
        provider: String,
        /// The client ID to add: the token's `aud`.
        client_id: String,
        /// The client IDs the provider lists today.
        listed: Vec<String>,
    },
    /// Create the IAM identity provider in the role's account: STS refused a token from a
    /// provider the account does not have.
    CreateProvider {
        /// The new provider's ARN.
        provider: String,
        /// A SAML provider rather than an OIDC one.
        saml: bool,
        /// For an OIDC provider: the client ID it lists, the token's `aud`.
        client_id: Option<String>,
    },
}

/// A statement a fix grants on the caller's side: exactly the action on the resource, with
/// conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Whose policies to change.
    pub grantee: Option<Grantee>,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// Conditions: `(operator, key, values)`.
    pub conditions: Vec<(String, String, Vec<String>)>,
}

impl Grant {
    /// Exactly `action` on `resource`.
    pub fn exact(
        grantee: Option<Grantee>,
        action: &str,
        resource: &str,
        conditions: Vec<(String, String, Vec<String>)>,
    ) -> Self {
        Self { grantee, action: action.to_string(), resource: resource.to_string(), conditions }
    }
}

/// The facts of one step, beside it in the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepFacts {
    /// Its title.
    pub title: Title,
    /// Its explanation, a fact a sentence.
    pub notes: Vec<FlowNote>,
    /// What to do when no policy change can help.
    pub advice: Option<FlowNote>,
    /// The summary of each of its panels (the sides of an AssumeRole).
    pub panels: Vec<FlowNote>,
    /// What each change of its fix does.
    pub changes: Vec<ChangeNote>,
}

impl StepFacts {
    /// The facts of a step titled `title`, none said yet.
    pub fn new(title: Title) -> Self {
        Self { title, notes: Vec::new(), advice: None, panels: Vec::new(), changes: Vec::new() }
    }
}

/// The facts of one hop of a chain: what carried over and what stayed behind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HopFacts {
    /// One fact for each thing carried over.
    pub carried: Vec<FlowNote>,
    /// One fact for each thing left behind.
    pub dropped: Vec<FlowNote>,
}

/// Everything a run found, parallel to its result: a [`StepFacts`] for each step, a fact for
/// each warning, a [`HopFacts`] for each hop of the chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// One for each step.
    pub steps: Vec<StepFacts>,
    /// One for each warning.
    pub warnings: Vec<FlowNote>,
    /// One for each hop of the chain.
    pub chain: Vec<HopFacts>,
}
