//! STS checks an AssumeRole call's parameters before any policy: `Ok` with the session name and
//! duration it will use, or a [`Refusal`] — STS's error code and message, the reason as data, and
//! the parameter change that would avoid it.
//!
//! Rules from the STS "AssumeRole" API reference (`RoleSessionName`, `DurationSeconds` from 900 to
//! the role's maximum, `ExternalId`, `SourceIdentity`, `SerialNumber`/`TokenCode`, `Policy` of at
//! most 2,048 characters, at most 50 `Tags`), "Tag" (key and value patterns), "IAM roles terms and
//! concepts" (role chaining caps a session at one hour; asking for more fails), "Pass session tags
//! in AWS STS" (a chained call may not override an inherited transitive tag), "Monitor and control
//! actions taken with assumed roles" (a source identity, once set, cannot change).

use super::caller::Caller;
use crate::clock::Instant;
use crate::lang::Text;
use crate::world::{AssumeRoleParams, FederatedApi, ParsedRole, ParsedWorld};
use serde_json::{json, Value};

/// The longest session role chaining allows, in seconds.
pub const CHAINING_LIMIT: i64 = 3600;
/// The shortest session STS issues, in seconds.
pub const MIN_DURATION: i64 = 900;
/// The longest session STS issues, in seconds.
pub const MAX_DURATION: i64 = 43_200;
/// The longest inline session policy STS accepts, in characters of its plaintext as sent.
pub const SESSION_POLICY_LIMIT: usize = 2_048;
/// The longest path and name, together, of a role the console can switch to.
pub const CONSOLE_ROLE_NAME_LIMIT: usize = 64;
/// What the console says when switching role fails.
pub const CONSOLE_SWITCH_FAILURE: &str =
    "Invalid information in one or more fields. Check your information or contact your administrator.";

/// A call STS accepts: the session it will issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidatedCall {
    /// The session name (for console switch role, the user's name).
    pub session_name: String,
    /// How long the session will last, in seconds.
    pub duration: i64,
    /// Whether the caller is itself a role session (role chaining).
    pub chained: bool,
}

/// A parameter to call with instead.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterChange {
    /// The parameter as the API spells it (`DurationSeconds`, `SourceIdentity`).
    pub parameter: &'static str,
    /// Its value in the call.
    pub before: Value,
    /// The value that STS would accept.
    pub after: Value,
}

/// Why STS refuses a call, as data; `explain` says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalReason {
    /// Console switch role from something other than an IAM user.
    ConsoleNeedsUser,
    /// No `RoleSessionName`.
    SessionNameRequired,
    /// `RoleSessionName` of the wrong length or characters.
    SessionNameInvalid,
    /// `DurationSeconds` under 900.
    DurationTooShort,
    /// `DurationSeconds` over 43200.
    DurationTooLong,
    /// Role chaining with `DurationSeconds` over one hour.
    ChainingOverOneHour {
        /// The role's maximum session duration.
        role_maximum: i64,
        /// What the call asked for.
        asked: i64,
    },
    /// `DurationSeconds` over the role's maximum.
    OverRoleMaximum {
        /// The role's maximum session duration.
        role_maximum: i64,
        /// What the call asked for.
        asked: i64,
    },
    /// `ExternalId` of the wrong length or characters.
    ExternalIdInvalid,
    /// `SourceIdentity` of the wrong length or characters.
    SourceIdentityInvalid,
    /// A chained call asks for another source identity than the one inherited.
    SourceIdentityCannotChange {
        /// The calling session's source identity.
        inherited: String,
        /// The one asked for.
        asked: String,
    },
    /// More than 50 session tags.
    TooManyTags,
    /// A session tag key of the wrong length or characters.
    TagKeyInvalid {
        /// The key.
        key: String,
    },
    /// A session tag value longer than 256 characters.
    TagValueTooLong {
        /// The tag's key.
        key: String,
    },
    /// An inline session policy that IAM would refuse to save.
    MalformedSessionPolicy {
        /// The first problem found, as the parser says it, in English and Japanese.
        problem: Text,
    },
    /// A session tag value with a character outside the Tag value pattern.
    TagValueInvalid {
        /// The tag's key.
        key: String,
        /// The value.
        value: String,
    },
    /// Console switch role to a role whose path and name together are too long for the console.
    ConsoleRoleNameTooLong {
        /// The role's path and name.
        path_and_name: String,
        /// Their length.
        length: usize,
    },
    /// An inline session policy over 2,048 characters, whitespace included.
    SessionPolicyTooLong {
        /// Its length.
        length: usize,
    },
    /// A chained call passes a tag with the key of an inherited transitive tag.
    TransitiveTagOverride {
        /// The key.
        key: String,
    },
    /// `TokenCode` is not six digits.
    TokenCodeInvalid,
    /// `SerialNumber` is not an MFA device of the caller's account.
    SerialNumberNotCallers {
        /// The prefix the device ARN should have.
        expected: String,
    },
    /// The token's identity provider is not an IAM identity provider of the role's account.
    ProviderNotFound {
        /// The provider (an OIDC provider's host, a SAML provider's name).
        provider: String,
        /// The role's account.
        account: String,
    },
    /// The token's `aud` is none of the OIDC provider's client IDs.
    AudienceNotAccepted {
        /// The token's audiences.
        audience: String,
    },
    /// The token expired before the call.
    TokenExpired {
        /// When it expired (ISO 8601).
        expires: String,
    },
}

/// A refused call: what STS answers, why, and the parameter change that would avoid it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// STS's error code (`ValidationError`, `AccessDenied`), when it answers with one.
    pub code: Option<&'static str>,
    /// STS's error message.
    pub message: String,
    /// Why, as data.
    pub reason: RefusalReason,
    /// The parameter to call with instead, when one would do.
    pub change: Option<ParameterChange>,
}

fn refuse(code: Option<&'static str>, message: String, reason: RefusalReason) -> Box<Refusal> {
    Box::new(Refusal { code, message, reason, change: None })
}

fn valid_chars(text: &str, extra: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

/// Whether `c` may be in a tag key or value: `[\p{L}\p{Z}\p{N}_.:/=+\-@]` ("Tag", STS API
/// reference) — letters, separators (spaces; not tabs or line breaks), numbers and `_.:/=+-@`.
fn tag_char(c: char) -> bool {
    c.is_alphanumeric()
        || (c.is_whitespace() && !c.is_control())
        || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
}

fn constraint(value: &str, field: &str, rule: &str) -> String {
    format!("1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {rule}")
}

/// Check the parameters of `caller`'s call on `role` (`console`: switch role in the console).
pub fn validate(
    caller: &Caller,
    role: &ParsedRole,
    params: &AssumeRoleParams,
    console: bool,
) -> Result<ValidatedCall, Box<Refusal>> {
    let chained = !console && caller.session().is_some();
    if console && !caller.is_user() {
        return Err(refuse(
            None,
            "switch role in the console starts from an IAM user".into(),
            RefusalReason::ConsoleNeedsUser,
        ));
    }
    // "Switch from a user to an IAM role (console)": "If you type only the role name, or if the
    // combined Path and RoleName exceed 64 characters, the role switch fails" (the path as IAM
    // stores it, `/…/`).
    let path_and_name = format!("{}{}", role.name.path, role.name.name);
    let length = path_and_name.chars().count();
    if console && length > CONSOLE_ROLE_NAME_LIMIT {
        return Err(refuse(
            None,
            CONSOLE_SWITCH_FAILURE.into(),
            RefusalReason::ConsoleRoleNameTooLong { path_and_name, length },
        ));
    }
    let session_name = if console {
        caller.principal.name.clone()
    } else {
        match (&params.role_session_name, caller.is_service()) {
            (Some(name), _) => name.clone(),
            (None, true) => format!("{}-session", caller.principal.name.split('.').next().unwrap_or("aws")),
            (None, false) => {
                return Err(refuse(
                    Some("ValidationError"),
                    "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null".into(),
                    RefusalReason::SessionNameRequired,
                ))
            }
        }
    };
    if !(2..=64).contains(&session_name.chars().count()) || !valid_chars(&session_name, "_+=,.@-") {
        return Err(refuse(
            Some("ValidationError"),
            constraint(
                &session_name,
                "roleSessionName",
                "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length from 2 to 64",
            ),
            RefusalReason::SessionNameInvalid,
        ));
    }
    let duration = if console { CHAINING_LIMIT } else { params.duration_seconds.unwrap_or(CHAINING_LIMIT) };
    let cap = if chained { CHAINING_LIMIT.min(role.max_session_duration) } else { role.max_session_duration };
    // DurationSeconds that STS refuses comes with the nearest value it would accept as the fix.
    let refuse_duration = |code: &'static str, message: String, reason: RefusalReason, to: i64| {
        let mut refusal = refuse(Some(code), message, reason);
        refusal.change =
            Some(ParameterChange { parameter: "DurationSeconds", before: json!(duration), after: json!(to) });
        Err(refusal)
    };
    if duration < MIN_DURATION {
        return refuse_duration(
            "ValidationError",
            constraint(&duration.to_string(), "durationSeconds", "Member must have value greater than or equal to 900"),
            RefusalReason::DurationTooShort,
            MIN_DURATION,
        );
    }
    if duration > MAX_DURATION {
        return refuse_duration(
            "ValidationError",
            constraint(&duration.to_string(), "durationSeconds", "Member must have value less than or equal to 43200"),
            RefusalReason::DurationTooLong,
            cap,
        );
    }
    if chained && duration > CHAINING_LIMIT {
        return refuse_duration(
            "ValidationError",
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.".into(),
            RefusalReason::ChainingOverOneHour { role_maximum: role.max_session_duration, asked: duration },
            CHAINING_LIMIT,
        );
    }
    if duration > role.max_session_duration {
        return refuse_duration(
            "ValidationError",
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.".into(),
            RefusalReason::OverRoleMaximum { role_maximum: role.max_session_duration, asked: duration },
            role.max_session_duration,
        );
    }
    if let Some(external_id) = &params.external_id {
        if !(2..=1224).contains(&external_id.chars().count()) || !valid_chars(external_id, "_+=,.@:/-") {
            return Err(refuse(
                Some("ValidationError"),
                constraint(
                    external_id,
                    "externalId",
                    "Member must satisfy regular expression pattern: [\\w+=,.@:/-]* and have length from 2 to 1224",
                ),
                RefusalReason::ExternalIdInvalid,
            ));
        }
    }
    if let Some(source_identity) = &params.source_identity {
        if !(2..=64).contains(&source_identity.chars().count()) || !valid_chars(source_identity, "_+=,.@-") {
            return Err(refuse(
                Some("ValidationError"),
                constraint(
                    source_identity,
                    "sourceIdentity",
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length from 2 to 64",
                ),
                RefusalReason::SourceIdentityInvalid,
            ));
        }
    }
    if let (Some(inherited), Some(asked)) =
        (caller.session().and_then(|s| s.source_identity.clone()), &params.source_identity)
    {
        if &inherited != asked {
            let mut refusal = refuse(
                Some("AccessDenied"),
                format!("the calling session's source identity is `{inherited}`; it cannot be changed to `{asked}`"),
                RefusalReason::SourceIdentityCannotChange { inherited: inherited.clone(), asked: asked.clone() },
            );
            refusal.change =
                Some(ParameterChange { parameter: "SourceIdentity", before: json!(asked), after: json!(inherited) });
            return Err(refusal);
        }
    }
    if params.tags.0.len() > 50 {
        return Err(refuse(
            Some("ValidationError"),
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50".into(),
            RefusalReason::TooManyTags,
        ));
    }
    // "Tag" (STS API reference): a key of 1–128 characters from `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, a value
    // of at most 256 characters.
    for tag in &params.tags.0 {
        let key_length = tag.key.chars().count();
        if !(1..=128).contains(&key_length) || !tag.key.chars().all(tag_char) {
            return Err(refuse(
                Some("ValidationError"),
                format!("1 validation error detected: Value '{}' at 'tags.member.key' failed to satisfy constraint: Member must have length less than or equal to 128 and satisfy regular expression pattern: [\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]+", tag.key),
                RefusalReason::TagKeyInvalid { key: tag.key.clone() },
            ));
        }
        if tag.value.chars().count() > 256 {
            return Err(refuse(
                Some("ValidationError"),
                format!("1 validation error detected: Value at 'tags.member.value' of the tag `{}` failed to satisfy constraint: Member must have length less than or equal to 256", tag.key),
                RefusalReason::TagValueTooLong { key: tag.key.clone() },
            ));
        }
        if !tag.value.chars().all(tag_char) {
            return Err(refuse(
                Some("ValidationError"),
                format!("1 validation error detected: Value '{}' at 'tags.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]*", tag.value),
                RefusalReason::TagValueInvalid { key: tag.key.clone(), value: tag.value.clone() },
            ));
        }
    }
    // "AssumeRole" (STS API reference), `Policy`: "The plaintext that you use for both inline and
    // managed session policies can't exceed 2,048 characters" — the text as sent, whitespace too.
    if let Some(policy) = &params.session_policy {
        let length = policy.text().chars().count();
        if length > SESSION_POLICY_LIMIT {
            return Err(refuse(
                Some("ValidationError"),
                format!("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048 (the session policy has {length} characters)"),
                RefusalReason::SessionPolicyTooLong { length },
            ));
        }
    }
    if let Some(session) = caller.session() {
        let clash = params
            .tags
            .0
            .iter()
            .find(|tag| session.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key)));
        if let Some(tag) = clash {
            return Err(refuse(
                None,
                format!("the session tag `{}` has the key of a transitive tag inherited from the calling session; AWS does not let a chained call override it", tag.key),
                RefusalReason::TransitiveTagOverride { key: tag.key.clone() },
            ));
        }
    }
    if let Some(mfa) = &params.mfa {
        if mfa.token_code.len() != 6 || !mfa.token_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refuse(
                Some("ValidationError"),
                constraint(
                    &mfa.token_code,
                    "tokenCode",
                    "Member must satisfy regular expression pattern: [\\d]* and have length 6",
                ),
                RefusalReason::TokenCodeInvalid,
            ));
        }
        let expected = format!("arn:aws:iam::{}:mfa/", caller.account().unwrap_or_default());
        if !mfa.serial_number.starts_with(&expected) {
            return Err(refuse(
                Some("AccessDenied"),
                "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.".into(),
                RefusalReason::SerialNumberNotCallers { expected },
            ));
        }
    }
    Ok(ValidatedCall { session_name, duration, chained })
}

/// What STS answers an AssumeRole whose inline session policy is malformed, when AWS's words for
/// the problem are not known ("AssumeRole", STS API reference, Errors).
pub const MALFORMED_POLICY: &str = "The request was rejected because the policy document was malformed.";

/// The inline session policy of hop `hop` (0 for the first call), checked as IAM checks a policy
/// it saves: a save-time error fails the call with `MalformedPolicyDocument` ("AssumeRole", STS
/// API reference, Errors) instead of issuing a session without the policy.
pub fn check_session_policy(world: &ParsedWorld, hop: usize) -> Result<(), Box<Refusal>> {
    let Some(policy) = world.session_policy(hop) else {
        return Ok(());
    };
    let refused = world
        .action_diagnostics
        .iter()
        .filter(|(pointer, _)| *pointer == policy.pointer)
        .flat_map(|(_, diagnostics)| diagnostics)
        .find_map(|d| d.diagnostic.refusal.as_ref().map(|refusal| (refusal, d.diagnostic.message.clone())));
    match (refused, &policy.policy) {
        (Some((refusal, problem)), _) => {
            let words = refusal.aws_message.clone().unwrap_or_else(|| MALFORMED_POLICY.to_string());
            Err(refuse(Some("MalformedPolicyDocument"), words, RefusalReason::MalformedSessionPolicy { problem }))
        }
        (None, None) => Err(refuse(
            Some("MalformedPolicyDocument"),
            MALFORMED_POLICY.to_string(),
            RefusalReason::MalformedSessionPolicy {
                problem: Text::new("the session policy cannot be read", "セッションポリシーを読み取れません"),
            },
        )),
        (None, Some(_)) => Ok(()),
    }
}

/// A federated call's token, as far as STS checks it before any policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The API the token is traded with.
    pub api: FederatedApi,
    /// When the token expires (`exp`; SAML: `NotOnOrAfter`), if known.
    pub expires: Option<Instant>,
}

/// STS's answers when it cannot validate a SAML assertion, or it has expired, as the
/// "AssumeRoleWithSAML" Errors section words them (its answers in the field are not documented).
const SAML_INVALID: &str = "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.";
const SAML_EXPIRED: &str = "The web identity token that was passed is expired or is not valid. Get a new identity token from the identity provider and then retry the request.";

/// Check a federated call's token before any policy ("AssumeRoleWithWebIdentity",
/// "AssumeRoleWithSAML", STS API reference, Errors): its provider must be an IAM identity
/// provider of the role's account when the world lists them ("The OIDC IdP and the IAM role must
/// be in the same AWS account"; the web identity providers AWS builds in — Cognito, Google,
/// Facebook, Login with Amazon — need none: "Create an OpenID Connect (OIDC) identity provider in
/// IAM"), its `aud` one of an OIDC provider's client IDs, and it must not have expired. The
/// messages are STS's answers to AssumeRoleWithWebIdentity ("How do I resolve OIDC IdP federation
/// errors in IAM?", AWS re:Post Knowledge Center).
///
/// `IDPRejectedClaim` is not modelled: the API reference's Errors sections say only that "the
/// identity provider (IdP) reported that authentication failed", which "might be because the
/// claim is invalid" (for AssumeRoleWithWebIdentity also a claim expired or explicitly revoked) —
/// the IdP's own verdict, with no documented trigger a world could state (issue 12).
pub fn check_token(
    world: &ParsedWorld,
    caller: &Caller,
    role: &ParsedRole,
    token: Token,
    now: Instant,
) -> Result<(), Box<Refusal>> {
    let saml = token.api == FederatedApi::Saml;
    let provider = &caller.principal.name;
    let account = &role.name.account;
    let built_in = crate::parse::WELL_KNOWN_WEB_IDENTITY_PROVIDERS.contains(&provider.as_str());
    if let (Some(listed), false) = (&world.identity_providers, built_in) {
        let arn = format!(":{account}:{}-provider/{provider}", if saml { "saml" } else { "oidc" });
        let same_account = caller.principal.account.as_ref().is_none_or(|a| a == account);
        let Some(found) = listed.iter().find(|p| same_account && p.arn.ends_with(&arn)) else {
            let message = if saml {
                SAML_INVALID.into()
            } else {
                format!("No OpenIDConnect provider found in your account for https://{provider}")
            };
            let reason = RefusalReason::ProviderNotFound { provider: provider.clone(), account: account.clone() };
            return Err(refuse(Some("InvalidIdentityToken"), message, reason));
        };
        let audience = caller.token_claims().and_then(|claims| claims.iter().find(|(key, _)| key.ends_with(":aud")));
        if let Some((_, audience)) = audience.filter(|_| !saml && !found.client_ids.is_empty()) {
            if !audience.iter().any(|aud| found.client_ids.contains(aud)) {
                let reason = RefusalReason::AudienceNotAccepted { audience: audience.join(", ") };
                return Err(refuse(Some("InvalidIdentityToken"), "Incorrect token audience".into(), reason));
            }
        }
    }
    if let Some(expires) = token.expires.filter(|expires| now >= *expires) {
        let message = if saml {
            SAML_EXPIRED.into()
        } else {
            format!("Token expired: current date/time {} must be before the expiration date/time {}", now.0, expires.0)
        };
        return Err(refuse(
            Some("ExpiredTokenException"),
            message,
            RefusalReason::TokenExpired { expires: expires.iso() },
        ));
    }
    Ok(())
}
