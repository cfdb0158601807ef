//! The pure checks flows are made of, each a request the real service would make, decided by the
//! core evaluator: an API call, `iam:PassRole`, a service putting on a role, `sts:AssumeRole`
//! (the trust side built once, in [`assume_role`]), the call's parameters (`Ok` or a
//! [`Refusal`]), the session STS issues, and the CloudTrail records. No words: flows wrap these
//! checks with facts, sessions and fix hints, and the reach graph over whole accounts calls the
//! same checks and keeps only the decisions.

mod api;
mod assume_role;
mod caller;
mod catalogue;
mod cloudtrail;
mod evaluation;
mod message;
mod pass_role;
mod policy_set;
mod session;
mod validate;

pub use api::{caller_request, session_request};
pub use assume_role::{
    assume_context, assume_role, own_permission, service_assumes_role, sides, CallerNeed, PanelPolicy, PanelSide,
    PanelVerdict,
};
pub use caller::{Caller, CallerError, CallerKind, Grantee, SessionState, TrustPrincipal, Who};
pub use catalogue::{
    fill, find, service_linked_path, DenialStyle, PassRoleApi, TrustCheck, CATALOGUE, EXTRA_PARAMETERS,
};
pub use cloudtrail::{assume_role_records, pass_role_records, AssumeRoleCall, PassRoleCall};
pub use evaluation::Evaluation;
pub use message::{decode_authorization_message, ec2_unauthorized, encode_authorization_message, MessageError};
pub use pass_role::{create_service_linked_role, other_account, pass_role, supplied_service_linked_role};
pub use policy_set::{PolicySource, SetBuilder};
pub use session::{issue, session_arn, FakeCredentials, SessionInfo};
pub use validate::{
    check_session_policy, check_token, validate, RefusalReason, Token, ValidatedCall, CHAINING_LIMIT,
    CONSOLE_SWITCH_FAILURE,
};
