//! The CloudTrail records a flow writes ("Logging IAM and AWS STS API calls with AWS CloudTrail";
//! "CloudTrail userIdentity element"): the API call that received a role (PassRole has no record
//! of its own), STS `AssumeRole` (in both accounts, with a shared event id, when it crosses
//! accounts), the service putting on the mask, and the console's `signin.amazonaws.com`
//! `SwitchRole`.

use super::caller::{Caller, CallerKind};
use super::clock::Instant;
use super::policies::Resolved;
use super::session::{assumed_role_id, SessionInfo};
use crate::principal::synthetic_suffix;
use serde_json::{json, Map, Value};

/// A documentation address (RFC 5737) standing in for the caller's IP address.
pub const SOURCE_IP: &str = "203.0.113.10";
/// The user agent of CLI calls.
pub const CLI_AGENT: &str = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux";
/// The user agent of console sign-ins.
pub const CONSOLE_AGENT: &str =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

/// A stable UUID-shaped id from `basis`.
pub fn fake_uuid(basis: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut hex = String::with_capacity(32);
    for round in 0u8..4 {
        for byte in basis.bytes().chain([round]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hex.push_str(&format!("{:08x}", hash >> 32));
    }
    let part = |a: usize, b: usize| hex.get(a..b).unwrap_or("0").to_string();
    format!("{}-{}-4{}-a{}-{}", part(0, 8), part(8, 12), part(13, 16), part(17, 20), part(20, 32))
}

/// The access key id a caller signs with: `AKIA…` for a user's long-term keys, `ASIA…` for
/// temporary credentials (a session, or a user signed in with MFA).
fn access_key_id(caller: &Caller, resolved: &Resolved) -> Option<String> {
    match &caller.kind {
        CallerKind::Session(session) => Some(format!("ASIA{}EXAMPLE", synthetic_suffix(&session.arn, 9))),
        CallerKind::User(_) if caller.mfa_present(resolved).is_some() => {
            Some(format!("ASIA{}EXAMPLE", synthetic_suffix(&format!("{}#console", caller.arn()), 9)))
        }
        CallerKind::User(_) | CallerKind::Unknown if caller.is_user() => {
            Some(format!("AKIA{}EXAMPLE", synthetic_suffix(caller.arn(), 9)))
        }
        _ => None,
    }
}

/// The `userIdentity` element for `caller`, as its own account sees it.
pub fn user_identity(caller: &Caller, resolved: &Resolved) -> Value {
    let principal = &caller.principal;
    let account = caller.account().unwrap_or_default();
    match &caller.kind {
        CallerKind::Service => json!({"type": "AWSService", "invokedBy": principal.name}),
        CallerKind::Session(session) => {
            let mut attributes = Map::new();
            attributes.insert("creationDate".into(), json!(session.issued.iso()));
            attributes.insert("mfaAuthenticated".into(), json!(session.mfa.to_string()));
            let mut context = Map::new();
            context.insert(
                "sessionIssuer".into(),
                json!({
                    "type": "Role",
                    "principalId": principal.unique_id(),
                    "arn": session.role.name.arn,
                    "accountId": session.role.name.account,
                    "userName": session.role.name.name,
                }),
            );
            context.insert("attributes".into(), Value::Object(attributes));
            if let Some(source_identity) = &session.source_identity {
                context.insert("sourceIdentity".into(), json!(source_identity));
            }
            json!({
                "type": "AssumedRole",
                "principalId": principal.user_id(),
                "arn": principal.arn,
                "accountId": account,
                "accessKeyId": access_key_id(caller, resolved),
                "sessionContext": Value::Object(context),
            })
        }
        _ => {
            let mut identity = json!({
                "type": "IAMUser",
                "principalId": principal.user_id(),
                "arn": principal.arn,
                "accountId": account,
                "accessKeyId": access_key_id(caller, resolved),
                "userName": principal.name,
            });
            if let (Some(mfa), Some(object)) = (caller.mfa_present(resolved), identity.as_object_mut()) {
                object.insert("sessionContext".into(), json!({"attributes": {"mfaAuthenticated": mfa.to_string()}}));
            }
            identity
        }
    }
}

/// The `userIdentity` element the other account sees for a cross-account call.
pub fn cross_account_identity(caller: &Caller) -> Value {
    json!({
        "type": "AWSAccount",
        "principalId": caller.principal.user_id(),
        "accountId": caller.account().unwrap_or_default(),
    })
}

/// What a call returned, for its record.
pub enum Outcome {
    /// It succeeded with these response elements.
    Success(Value),
    /// It failed with this error code and message.
    Failure(String, String),
}

/// Everything one record needs.
pub struct Record<'a> {
    /// Who called, as the recipient account sees them.
    pub user_identity: Value,
    /// The caller (for the source address and agent).
    pub caller: &'a Caller,
    /// When.
    pub time: Instant,
    /// `sts.amazonaws.com`, `ec2.amazonaws.com`, ….
    pub event_source: &'a str,
    /// `AssumeRole`, `RunInstances`, ….
    pub event_name: &'a str,
    /// The region.
    pub region: &'a str,
    /// The request parameters.
    pub request_parameters: Value,
    /// How it ended.
    pub outcome: Outcome,
    /// The resources element, if any.
    pub resources: Option<Value>,
    /// Whether the call only reads.
    pub read_only: bool,
    /// The account whose trail receives the record.
    pub recipient: &'a str,
    /// The id shared by the copies of a cross-account event.
    pub shared_event_id: Option<String>,
    /// A basis for the record's ids.
    pub basis: String,
}

/// A CloudTrail record.
pub fn record(record: Record) -> Value {
    let (address, agent) = if record.caller.is_service() {
        (record.caller.principal.name.clone(), record.caller.principal.name.clone())
    } else if record.caller.console {
        (SOURCE_IP.to_string(), CONSOLE_AGENT.to_string())
    } else {
        (SOURCE_IP.to_string(), CLI_AGENT.to_string())
    };
    let mut event = Map::new();
    event.insert("eventVersion".into(), json!("1.08"));
    event.insert("userIdentity".into(), record.user_identity);
    event.insert("eventTime".into(), json!(record.time.iso()));
    event.insert("eventSource".into(), json!(record.event_source));
    event.insert("eventName".into(), json!(record.event_name));
    event.insert("awsRegion".into(), json!(record.region));
    event.insert("sourceIPAddress".into(), json!(address));
    event.insert("userAgent".into(), json!(agent));
    event.insert("requestParameters".into(), record.request_parameters);
    match record.outcome {
        Outcome::Success(elements) => {
            event.insert("responseElements".into(), elements);
        }
        Outcome::Failure(code, message) => {
            event.insert("errorCode".into(), json!(code));
            event.insert("errorMessage".into(), json!(message));
            event.insert("responseElements".into(), Value::Null);
        }
    }
    event.insert("requestID".into(), json!(fake_uuid(&format!("{}#request", record.basis))));
    event.insert("eventID".into(), json!(fake_uuid(&format!("{}#{}", record.basis, record.recipient))));
    event.insert("readOnly".into(), json!(record.read_only));
    if let Some(resources) = record.resources {
        event.insert("resources".into(), resources);
    }
    event.insert("eventType".into(), json!("AwsApiCall"));
    event.insert("managementEvent".into(), json!(true));
    event.insert("recipientAccountId".into(), json!(record.recipient));
    if let Some(shared) = record.shared_event_id {
        event.insert("sharedEventID".into(), json!(shared));
    }
    event.insert("eventCategory".into(), json!("Management"));
    Value::Object(event)
}

/// The `responseElements` of a successful AssumeRole.
pub fn assume_role_response(session: &SessionInfo, expiration: Instant) -> Value {
    let mut elements = json!({
        "credentials": {
            "accessKeyId": session.credentials.access_key_id,
            "sessionToken": session.credentials.session_token,
            "expiration": expiration.cloudtrail(),
        },
        "assumedRoleUser": {
            "assumedRoleId": assumed_role_id(&session.arn),
            "arn": session.arn,
        },
    });
    if let (Some(source_identity), Some(object)) = (&session.source_identity, elements.as_object_mut()) {
        object.insert("sourceIdentity".into(), json!(source_identity));
    }
    elements
}

/// The console's `SwitchRole` record (`signin.amazonaws.com`), as the seed article shows it.
pub fn switch_role_record(
    session_arn: &str,
    role_account: &str,
    user_arn: &str,
    time: Instant,
    succeeded: bool,
) -> Value {
    let principal_id = assumed_role_id(session_arn);
    json!({
        "eventVersion": "1.08",
        "userIdentity": {
            "type": "AssumedRole",
            "principalId": principal_id,
            "arn": session_arn,
            "accountId": role_account,
        },
        "eventTime": time.iso(),
        "eventSource": "signin.amazonaws.com",
        "eventName": "SwitchRole",
        "awsRegion": "us-east-1",
        "sourceIPAddress": SOURCE_IP,
        "userAgent": CONSOLE_AGENT,
        "requestParameters": Value::Null,
        "responseElements": {"SwitchRole": if succeeded { "Success" } else { "Failure" }},
        "additionalEventData": {
            "SwitchFrom": user_arn,
            "RedirectTo": "https://console.aws.amazon.com/console/home?region=us-east-1#",
        },
        "eventID": fake_uuid(&format!("{session_arn}#switch")),
        "readOnly": false,
        "eventType": "AwsConsoleSignIn",
        "managementEvent": true,
        "eventCategory": "Management",
        "recipientAccountId": role_account,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_and_shaped() {
        let id = fake_uuid("x");
        assert_eq!(id, fake_uuid("x"));
        assert_ne!(id, fake_uuid("y"));
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
    }
}
