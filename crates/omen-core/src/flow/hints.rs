//! What a step tells the fixer beyond its public result: the evaluation behind it, the grant on
//! the caller's side and the trust statement that would let it pass, and the parameter change
//! STS would accept. Steps write these; `fix` reads them.

use super::note::{ChangeNote, Grant};
use super::result::RequestChange;
use crate::sts::{Evaluation, TrustPrincipal};

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
}

/// A statement to add to a role's trust policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustGrant {
    /// `roles[i]`.
    pub role: usize,
    /// Who to name.
    pub principal: TrustPrincipal,
    /// `sts:AssumeRole`, `sts:TagSession`, `sts:SetSourceIdentity`.
    pub action: String,
}
