//! The world a flow plays in — accounts, IAM users and roles with their policies, and the action
//! to play: the wire model (the JSON the web app holds and `omen flow` reads), the [`Scenario`] it
//! asks for, the one walker over its documents ([`documents_in`] over JSON that may not parse,
//! [`World::documents`] over a world that does), and the [`ParsedWorld`] with every
//! policy parsed once.
//!
//! # The world, as JSON
//!
//! ```text
//! {
//!   "name": "…", "now": "2024-05-01T12:00:00Z",
//!   "accounts": [{"id": "111122223333", "name": "dev", "managementAccount": "…",
//!                 "scps": [[POLICY, …], …], "rcps": [[POLICY, …], …]}],   // levels, root first
//!   "users": [{"arn": "arn:aws:iam::111122223333:user/alice",          // or account + name + path
//!              "policies": [POLICY, …], "groups": [{"name": "devs"}],             // members of
//!              "permissionsBoundary": POLICY, "tags": {"team": "blue"}, "mfa": false}],
//!   "groups": [{"name": "devs", "account": "111122223333",   // the groups users join, once each,
//!               "policies": [POLICY, …]}],                 // in their account (absent: the members')
//!   "roles": [{"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": DOCUMENT,
//!              "policies": [POLICY, …], "permissionsBoundary": POLICY, "tags": {…},
//!              "maxSessionDuration": 3600, "serviceLinked": false}],
//!   "action": {"passRole": {…}} | {"assumeRole": {…}, "chain": [{…}], "then": [ACTION, …]}
//!           | {"assumeRoleWithWebIdentity" | "assumeRoleWithSaml": {…}, "chain": […], "then": […]},
//!   "identityProviders": [{"arn": "arn:aws:iam::111122223333:oidc-provider/HOST",
//!                          "clientIds": ["sts.amazonaws.com"]}]   // when listed, all there are
//! }
//! ```
//!
//! `POLICY` is `{"name": …, "document": DOCUMENT, "awsManaged": false}` or a bare `DOCUMENT`; a
//! `DOCUMENT` is a JSON string holding the policy text (so that ranges map onto the editor) or a
//! JSON object. An `ACTION` is `"s3:GetObject"` or `{"action", "resource", "resourceAccount",
//! "region", "context", "resourcePolicy"}` — a `resourcePolicy` with an `iam:` action is ignored,
//! with the warning `resource-policy-on-iam-action` (IAM's one resource-based policy is a role's
//! trust policy).
//!
//! `passRole`: `{"caller", "api", "role", "parameter", "region", "resourceName", "blastRadius"}`
//! — `api` is one of the catalogue's APIs that take a role; no `role` lets Auto Scaling use its
//! service-linked role. Steps: `api`, (`createServiceLinkedRole`), `passRole`,
//! `serviceAssumeRole`, `blastRadius`.
//!
//! `assumeRole` and each `chain` hop: `{"caller", "role", "roleSessionName", "externalId",
//! "mfa": {"serialNumber", "tokenCode"}, "durationSeconds", "sessionPolicy", "tags",
//! "transitiveTagKeys", "sourceIdentity", "viaConsoleSwitchRole", "sourceAccount", "sourceArn",
//! "then"}` — `sessionPolicy` is a `DOCUMENT` or a `POLICY`. A hop without `caller` is made by
//! the previous hop's session (role chaining), except after a console switch role, which always
//! starts again from the IAM user. Steps for hop N: `hopN.assumeRole`, (`hopN.tagSession`),
//! (`hopN.setSourceIdentity`), `hopN.then.I`; then `then.I` for the last session.
//!
//! `assumeRoleWithWebIdentity` / `assumeRoleWithSaml`: `{"provider", "role", "roleSessionName",
//! "durationSeconds", "claims": {"sub": …, "aud": …, "amr": […]}, "github": {"repository", "ref",
//! "environment", "eventName", "workflow"}, "expires", "sessionPolicy"}` — `provider` is an IAM OIDC or SAML provider ARN or a
//! provider AWS names by domain (`cognito-identity.amazonaws.com`); each claim becomes the context
//! key `PROVIDER_HOST:claim` (`SAML:claim` for SAML); `github` writes GitHub's claims (`sub` in
//! GitHub's format); `expires` is the token's `exp` (SAML: `NotOnOrAfter`). Before any policy STS
//! refuses a token that has expired at `now` (`ExpiredTokenException`) and, when the world lists
//! `identityProviders`, one whose provider the role's account lacks or whose `aud` is none of the
//! provider's `clientIds` (`InvalidIdentityToken`); the providers built into AWS (Cognito, Google,
//! Facebook, Login with Amazon) need none. The call has no AWS credentials: the role's trust
//! policy alone decides. `sessionPolicy` is the call's `Policy`, as for `assumeRole`.
//! Steps as for `assumeRole` (`hop1.assumeRole` is the federated call); the chain and `then`
//! work as for any role session.

mod documents;
mod parsed;
mod print;
mod scenario;
mod value;
mod wire;

pub use documents::{documents_in, Document, PolicyLocation};
pub use parsed::{is_iam_action, FlowDiagnostic, Located, ParsedAccount, ParsedRole, ParsedWorld};
pub use print::{compact_policy, pretty_policy};
pub use scenario::{FederatedApi, Scenario};
pub use wire::{
    Account, AssumeRoleParams, FederatedCall, FlowAction, GitHubRun, Group, IdentityError, IdentityName, MfaParams,
    NamedPolicy, PassRoleAction, PolicyText, Role, SessionAction, SessionPolicy, Tag, Tags, User, World, WorldError,
    DEFAULT_NOW, DEFAULT_REGION,
};
