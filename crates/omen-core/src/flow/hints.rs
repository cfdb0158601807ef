//! What a step tells the fixer beyond its public result: the evaluation behind it, the grant on
//! the caller's side and the trust statement that would let it pass, and the parameter change
//! STS would accept. Steps write these; `fix` reads them.

use super::note::{ChangeNote, Grant};
use super::result::RequestChange;
use crate::principal::PrincipalKind;
use crate::sts::{Caller, Evaluation, TrustPrincipal};

/// What the fixer needs to know about a step.
#[derive(Debug, Clone, Default)]
pub struct FixHints {
    /// The evaluation behind the step.
    pub evaluation: Option<Evaluation>,
    /// The grant that would let the caller's side allow the request.
    pub grant: Option<Grant>,
    /// The trust policy statement that would let the caller put the mask on.
    pub trust: Option<TrustGrant>,
    /// A change of parameters that fixes a refused call, and what it does.
    pub request_change: Option<(RequestChange, ChangeNote)>,
    /// The JSON pointer of the AssumeRole call's parameters, for request changes.
    pub call_pointer: Option<String>,
    /// The caller's account and name, for an MFA device ARN.
    pub caller_name: Option<(String, String)>,
    /// For a federated call: the token the trust policy's conditions read.
    pub token: Option<TokenHint>,
    /// For a token STS refused for its `aud`: the client ID of the provider that the trust
    /// policy's `aud` condition expects, which the token should carry instead.
    pub audience: Option<String>,
}

/// The token (SAML: the assertion) of a federated call, as the fixer needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHint {
    /// `sts:AssumeRoleWithSAML` rather than `sts:AssumeRoleWithWebIdentity`.
    pub saml: bool,
    /// What a claim's context key starts with: the provider (`token.actions.githubusercontent.com`)
    /// or `SAML`.
    pub prefix: String,
    /// The claims as context keys with their values.
    pub claims: Vec<(String, Vec<String>)>,
}

/// A statement to add to a role's trust policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustGrant {
    /// `roles[i]`.
    pub role: usize,
    /// Who to name.
    pub principal: TrustPrincipal,
    /// `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`,
    /// `sts:TagSession`, `sts:SetSourceIdentity`.
    pub action: String,
}

impl TokenHint {
    /// What the fixer needs of a federated caller's token: whether it is a SAML assertion, the
    /// claims' prefix and the claims. `None` for any other caller.
    pub fn of(caller: &Caller) -> Option<Self> {
        let claims = caller.token_claims()?;
        let saml = caller.principal.kind == PrincipalKind::SamlUser;
        let prefix = if saml { "SAML".to_string() } else { caller.principal.name.clone() };
        Some(Self { saml, prefix, claims: claims.to_vec() })
    }
}
