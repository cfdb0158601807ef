//! The CloudTrail records a flow writes ("Logging IAM and AWS STS API calls with AWS CloudTrail";
//! "CloudTrail userIdentity element"): the API call that received a role (PassRole has no record
//! of its own), STS `AssumeRole` (in both accounts, with a shared event id, when it crosses
//! accounts and is not denied), the service putting on the mask, and the console's
//! `signin.amazonaws.com` `SwitchRole`.

use super::caller::{Caller, CallerKind};
use super::catalogue::PassRoleApi;
use super::session::{assumed_role_id, session_arn, FakeCredentials, SessionInfo};
use crate::arn::Arn;
use crate::clock::Instant;
use crate::principal::{synthetic_suffix, RequestPrincipal};
use crate::world::{AssumeRoleParams, FederatedApi, ParsedRole, ParsedWorld};
use serde_json::{Map, Value};

/// A documentation address (RFC 5737) standing in for the caller's IP address.
pub const SOURCE_IP: &str = "203.0.113.10";
/// The user agent of CLI calls.
pub const CLI_AGENT: &str = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux";
/// The user agent of console sign-ins.
pub const CONSOLE_AGENT: &str =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

/// A JSON object of `pairs`, built in one place: `json!` writes the code of every field at each
/// of the records' many objects, and the page's first load carries it.
fn object(pairs: &mut [(&str, Value)]) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs.iter_mut() {
        map.insert((*key).to_string(), value.take());
    }
    Value::Object(map)
}

/// A JSON string.
fn text(value: &str) -> Value {
    Value::String(value.to_string())
}

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
fn access_key_id(caller: &Caller, world: &ParsedWorld) -> Option<String> {
    match &caller.kind {
        CallerKind::Session(session) => Some(format!("ASIA{}EXAMPLE", synthetic_suffix(&session.arn, 9))),
        CallerKind::User(_) if caller.mfa_present(world).is_some() => {
            Some(format!("ASIA{}EXAMPLE", synthetic_suffix(&format!("{}#console", caller.arn()), 9)))
        }
        CallerKind::User(_) | CallerKind::Unknown if caller.is_user() => {
            Some(format!("AKIA{}EXAMPLE", synthetic_suffix(caller.arn(), 9)))
        }
        _ => None,
    }
}

/// The `userIdentity` element for `caller`, as its own account sees it.
pub fn user_identity(caller: &Caller, world: &ParsedWorld) -> Value {
    let principal = &caller.principal;
    let account = caller.account().unwrap_or_default();
    match &caller.kind {
        CallerKind::Service => object(&mut [("type", text("AWSService")), ("invokedBy", text(&principal.name))]),
        // "CloudTrail userIdentity element": a web identity or SAML user is named by its provider
        // and the token's subject.
        CallerKind::Federated(claims) => {
            let claim = |name: &str| {
                claims
                    .iter()
                    .find(|(key, _)| key.rsplit(':').next().is_some_and(|k| k.eq_ignore_ascii_case(name)))
                    .and_then(|(_, values)| values.first().cloned())
                    .unwrap_or_default()
            };
            let (sub, aud) = (claim("sub"), claim("aud"));
            object(&mut [
                ("type", text(principal.principal_type())),
                ("principalId", Value::String(format!("{}:{aud}:{sub}", principal.name))),
                ("userName", Value::String(sub)),
                ("identityProvider", text(&principal.arn)),
            ])
        }
        CallerKind::Session(session) => {
            let attributes = object(&mut [
                ("creationDate", Value::String(session.issued.iso())),
                ("mfaAuthenticated", Value::String(session.mfa.to_string())),
            ]);
            let issuer = object(&mut [
                ("type", text("Role")),
                ("principalId", Value::String(principal.unique_id())),
                ("arn", text(&session.role.name.arn)),
                ("accountId", text(&session.role.name.account)),
                ("userName", text(&session.role.name.name)),
            ]);
            let mut context = object(&mut [("sessionIssuer", issuer), ("attributes", attributes)]);
            if let (Some(source_identity), Value::Object(map)) = (&session.source_identity, &mut context) {
                map.insert("sourceIdentity".into(), text(source_identity));
            }
            object(&mut [
                ("type", text("AssumedRole")),
                ("principalId", Value::String(principal.user_id())),
                ("arn", text(&principal.arn)),
                ("accountId", text(account)),
                ("accessKeyId", access_key_id(caller, world).map_or(Value::Null, Value::String)),
                ("sessionContext", context),
            ])
        }
        _ => {
            let mut identity = object(&mut [
                ("type", text("IAMUser")),
                ("principalId", Value::String(principal.user_id())),
                ("arn", text(&principal.arn)),
                ("accountId", text(account)),
                ("accessKeyId", access_key_id(caller, world).map_or(Value::Null, Value::String)),
                ("userName", text(&principal.name)),
            ]);
            if let (Some(mfa), Value::Object(map)) = (caller.mfa_present(world), &mut identity) {
                let attributes = object(&mut [("mfaAuthenticated", Value::String(mfa.to_string()))]);
                map.insert("sessionContext".into(), object(&mut [("attributes", attributes)]));
            }
            identity
        }
    }
}

/// The `userIdentity` element the other account sees for a cross-account call.
pub fn cross_account_identity(caller: &Caller) -> Value {
    object(&mut [
        ("type", text("AWSAccount")),
        ("principalId", Value::String(caller.principal.user_id())),
        ("accountId", text(caller.account().unwrap_or_default())),
    ])
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
    let mut event = object(&mut [
        ("eventVersion", text("1.08")),
        ("userIdentity", record.user_identity),
        ("eventTime", Value::String(record.time.iso())),
        ("eventSource", text(record.event_source)),
        ("eventName", text(record.event_name)),
        ("awsRegion", text(record.region)),
        ("sourceIPAddress", Value::String(address)),
        ("userAgent", Value::String(agent)),
        ("requestParameters", record.request_parameters),
        ("requestID", Value::String(fake_uuid(&format!("{}#request", record.basis)))),
        ("eventID", Value::String(fake_uuid(&format!("{}#{}", record.basis, record.recipient)))),
        ("readOnly", Value::Bool(record.read_only)),
        ("eventType", text("AwsApiCall")),
        ("managementEvent", Value::Bool(true)),
        ("recipientAccountId", text(record.recipient)),
        ("eventCategory", text("Management")),
    ]);
    if let Value::Object(event) = &mut event {
        match record.outcome {
            Outcome::Success(elements) => {
                event.insert("responseElements".into(), elements);
            }
            Outcome::Failure(code, message) => {
                event.insert("errorCode".into(), Value::String(code));
                event.insert("errorMessage".into(), Value::String(message));
                event.insert("responseElements".into(), Value::Null);
            }
        }
        if let Some(resources) = record.resources {
            event.insert("resources".into(), resources);
        }
        if let Some(shared) = record.shared_event_id {
            event.insert("sharedEventID".into(), Value::String(shared));
        }
    }
    event
}

/// The `responseElements` of a successful AssumeRole.
pub fn assume_role_response(session: &SessionInfo, expiration: Instant) -> Value {
    let credentials = object(&mut [
        ("accessKeyId", text(&session.credentials.access_key_id)),
        ("sessionToken", text(&session.credentials.session_token)),
        ("expiration", Value::String(expiration.cloudtrail())),
    ]);
    let user =
        object(&mut [("assumedRoleId", Value::String(assumed_role_id(&session.arn))), ("arn", text(&session.arn))]);
    let mut elements = object(&mut [("credentials", credentials), ("assumedRoleUser", user)]);
    if let (Some(source_identity), Value::Object(map)) = (&session.source_identity, &mut elements) {
        map.insert("sourceIdentity".into(), text(source_identity));
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
    let identity = object(&mut [
        ("type", text("AssumedRole")),
        ("principalId", Value::String(assumed_role_id(session_arn))),
        ("arn", text(session_arn)),
        ("accountId", text(role_account)),
    ]);
    let response = object(&mut [("SwitchRole", text(if succeeded { "Success" } else { "Failure" }))]);
    let data = object(&mut [
        ("SwitchFrom", text(user_arn)),
        ("RedirectTo", text("https://console.aws.amazon.com/console/home?region=us-east-1#")),
    ]);
    object(&mut [
        ("eventVersion", text("1.08")),
        ("userIdentity", identity),
        ("eventTime", Value::String(time.iso())),
        ("eventSource", text("signin.amazonaws.com")),
        ("eventName", text("SwitchRole")),
        ("awsRegion", text("us-east-1")),
        ("sourceIPAddress", text(SOURCE_IP)),
        ("userAgent", text(CONSOLE_AGENT)),
        ("requestParameters", Value::Null),
        ("responseElements", response),
        ("additionalEventData", data),
        ("eventID", Value::String(fake_uuid(&format!("{session_arn}#switch")))),
        ("readOnly", Value::Bool(false)),
        ("eventType", text("AwsConsoleSignIn")),
        ("managementEvent", Value::Bool(true)),
        ("eventCategory", text("Management")),
        ("recipientAccountId", text(role_account)),
    ])
}

/// One AssumeRole call, for its records.
pub struct AssumeRoleCall<'a> {
    /// The hop (1 for the first), for stable ids.
    pub hop: usize,
    /// Who called.
    pub caller: &'a Caller,
    /// The role asked for, as the call names it.
    pub role_arn: &'a str,
    /// The role's account.
    pub role_account: &'a str,
    /// The call's parameters.
    pub params: &'a AssumeRoleParams,
    /// The session issued, when the call succeeded.
    pub session: Option<&'a SessionInfo>,
    /// The error code and message, when it failed.
    pub failure: Option<(String, String)>,
    /// Switch role in the console rather than an API call.
    pub console: bool,
    /// The federated API, when the call traded an identity provider's token.
    pub federated: Option<FederatedApi>,
    /// When.
    pub now: Instant,
}

/// The records of one AssumeRole call: the console's `SwitchRole`, or STS's `AssumeRole` — in
/// both accounts, linked by a shared event id, when the call crosses accounts.
pub fn assume_role_records(world: &ParsedWorld, call: AssumeRoleCall<'_>) -> Vec<Value> {
    let AssumeRoleCall { hop, caller, role_arn, role_account, params, session, failure, console, federated, now } =
        call;
    if console {
        let name = caller.principal.name.clone();
        let role_name = Arn::parse(role_arn).map_or(role_arn, |arn| arn.name());
        let session_arn =
            session.map_or_else(|| session_arn(role_arn, role_account, role_name, &name), |s| s.arn.clone());
        return vec![switch_role_record(&session_arn, role_account, caller.arn(), now, session.is_some())];
    }
    let mut parameters = Map::new();
    parameters.insert("roleArn".into(), text(role_arn));
    let session_name =
        session.map_or_else(|| params.role_session_name.clone().unwrap_or_default(), |s| s.session_name.clone());
    parameters.insert("roleSessionName".into(), Value::String(session_name));
    if let Some(duration) = params.duration_seconds {
        parameters.insert("durationSeconds".into(), Value::from(duration));
    }
    if let Some(external_id) = &params.external_id {
        parameters.insert("externalId".into(), text(external_id));
    }
    if let Some(mfa) = &params.mfa {
        parameters.insert("serialNumber".into(), text(&mfa.serial_number));
    }
    if !params.tags.is_empty() {
        let tags = params.tags.0.iter().map(|t| object(&mut [("key", text(&t.key)), ("value", text(&t.value))]));
        parameters.insert("tags".into(), Value::Array(tags.collect()));
    }
    if !params.transitive_tag_keys.is_empty() {
        parameters.insert("transitiveTagKeys".into(), Value::from(params.transitive_tag_keys.clone()));
    }
    if let Some(source_identity) = &params.source_identity {
        parameters.insert("sourceIdentity".into(), text(source_identity));
    }
    // A chained call carries the calling session's transitive tags and source identity; CloudTrail
    // shows them in the request, the tags as an object of key to value ("Logging IAM and AWS STS
    // API calls with AWS CloudTrail", role chaining example).
    if let Some(previous) = caller.session() {
        // Extended, not collected: a collect into a map compiles a sort of its own (crate::sort).
        let mut incoming = Map::new();
        incoming.extend(
            previous
                .tags
                .0
                .iter()
                .filter(|tag| previous.transitive_tag_keys.iter().any(|k| k.eq_ignore_ascii_case(&tag.key)))
                .map(|tag| (tag.key.clone(), text(&tag.value))),
        );
        if !incoming.is_empty() {
            parameters.insert("incomingTransitiveTags".into(), Value::Object(incoming));
        }
        if let (false, Some(source_identity)) =
            (parameters.contains_key("sourceIdentity"), previous.source_identity.as_ref())
        {
            parameters.insert("sourceIdentity".into(), text(source_identity));
        }
    }
    let outcome = || match (session, &failure) {
        (Some(session), _) => {
            let expiration = now.plus(session.duration_seconds);
            Outcome::Success(assume_role_response(session, expiration))
        }
        (None, Some((code, message))) => Outcome::Failure(code.clone(), message.clone()),
        (None, None) => Outcome::Failure("AccessDenied".into(), String::new()),
    };
    if federated == Some(FederatedApi::Saml) {
        // AssumeRoleWithSAML takes no RoleSessionName: it comes from the assertion.
        parameters.remove("roleSessionName");
        parameters.insert("principalArn".into(), text(caller.arn()));
    }
    // "Logging IAM and AWS STS API calls with AWS CloudTrail": "For cross-account role assumption
    // requests, CloudTrail does not log denied AWS STS requests in the target account's
    // CloudTrail." A denied call is recorded in the caller's account alone, with no shared event
    // id. The page says nothing of a call refused before authorization (a ValidationError): Omen
    // keeps both copies for it.
    let denied = session.is_none() && failure.as_ref().is_none_or(|(code, _)| code == "AccessDenied");
    let cross_account = federated.is_none() && caller.account().is_some_and(|a| a != role_account) && !denied;
    let shared = cross_account.then(|| fake_uuid(&format!("{role_arn}#{}#hop{hop}#shared", caller.arn())));
    let basis = format!("{role_arn}#{}#hop{hop}", caller.arn());
    let resources = role_resources(role_account, role_arn);
    let recipients: Vec<(String, Value)> = match caller.account() {
        Some(account) if cross_account => vec![
            (account.to_string(), user_identity(caller, world)),
            (role_account.to_string(), cross_account_identity(caller)),
        ],
        Some(account) => vec![(account.to_string(), user_identity(caller, world))],
        None => vec![(role_account.to_string(), user_identity(caller, world))],
    };
    recipients
        .into_iter()
        .map(|(recipient, identity)| {
            record(Record {
                user_identity: identity,
                caller,
                time: now,
                event_source: "sts.amazonaws.com",
                event_name: federated.map_or("AssumeRole", FederatedApi::event_name),
                region: "us-east-1",
                request_parameters: Value::Object(parameters.clone()),
                outcome: outcome(),
                resources: Some(resources.clone()),
                read_only: true,
                recipient: &recipient,
                shared_event_id: shared.clone(),
                basis: basis.clone(),
            })
        })
        .collect()
}

/// The `resources` element of an AssumeRole record: the role.
fn role_resources(account: &str, arn: &str) -> Value {
    let role = object(&mut [("accountId", text(account)), ("type", text("AWS::IAM::Role")), ("ARN", text(arn))]);
    Value::Array(vec![role])
}

/// One call of an API that takes a role, for its records.
pub struct PassRoleCall<'a> {
    /// The API.
    pub api: &'a PassRoleApi,
    /// Who called.
    pub caller: &'a Caller,
    /// The region.
    pub region: &'a str,
    /// The caller's account.
    pub account: &'a str,
    /// The resource created or changed.
    pub name: &'a str,
    /// The role passed (or the service-linked role used by default).
    pub role_arn: &'a str,
    /// Whether no role was named and the service uses its service-linked role.
    pub default_service_linked: bool,
    /// The role, when the world has it.
    pub role: Option<&'a ParsedRole>,
    /// Whether the call succeeded.
    pub succeeded: bool,
    /// What the record says: `Ok`, or the error code and message of the step that failed.
    pub outcome: Result<(), (String, String)>,
    /// Whether the service may put the mask on.
    pub trusted: bool,
    /// When.
    pub now: Instant,
}

/// The records of a call that takes a role: the call itself (with the role in its parameters —
/// PassRole has no record of its own) and, when it worked, the service's `AssumeRole`.
pub fn pass_role_records(world: &ParsedWorld, call: PassRoleCall<'_>) -> Vec<Value> {
    let PassRoleCall {
        api,
        caller,
        region,
        account,
        name,
        role_arn,
        default_service_linked,
        role,
        succeeded,
        outcome,
        trusted,
        now,
    } = call;
    let role_name = Arn::parse(role_arn).map_or(role_arn, |arn| arn.name());
    let role_value = if api.service_principal == "ec2.amazonaws.com" {
        object(&mut [("arn", Value::String(format!("arn:aws:iam::{account}:instance-profile/{role_name}")))])
    } else {
        text(role_arn)
    };
    let mut parameters = Map::new();
    let name_field = match api.event_source {
        "ec2.amazonaws.com" => "instanceId",
        "lambda.amazonaws.com" => "functionName",
        "ecs.amazonaws.com" => "family",
        "cloudformation.amazonaws.com" => "stackName",
        "codebuild.amazonaws.com" => "name",
        "rds.amazonaws.com" => "dBInstanceIdentifier",
        _ => "autoScalingGroupName",
    };
    parameters.insert(name_field.into(), text(name));
    if !default_service_linked {
        parameters.insert(parameter_field(api.parameter), role_value);
    }
    let outcome = match outcome {
        Ok(()) => Outcome::Success(object(&mut [("requestId", Value::String(fake_uuid(&format!("{name}#response"))))])),
        Err((code, message)) => Outcome::Failure(code, message),
    };
    let mut records = vec![record(Record {
        user_identity: user_identity(caller, world),
        caller,
        time: now,
        event_source: api.event_source,
        event_name: api.event_name,
        region,
        request_parameters: Value::Object(parameters),
        outcome,
        resources: None,
        read_only: false,
        recipient: account,
        shared_event_id: None,
        basis: format!("{}#{}#{}", api.action, caller.arn(), role_arn),
    })];
    if succeeded && trusted {
        if let (Some(role), Ok(service)) = (role, RequestPrincipal::parse(api.service_principal)) {
            let service_caller = Caller { principal: service, kind: CallerKind::Service, console: false };
            let session = session_arn(&role.name.arn, &role.name.account, &role.name.name, name);
            let expiration = now.plus(3600);
            records.push(record(Record {
                user_identity: user_identity(&service_caller, world),
                caller: &service_caller,
                time: now,
                event_source: "sts.amazonaws.com",
                event_name: "AssumeRole",
                region,
                request_parameters: object(&mut [("roleArn", text(&role.name.arn)), ("roleSessionName", text(name))]),
                outcome: Outcome::Success(object(&mut [
                    (
                        "credentials",
                        object(&mut [
                            ("accessKeyId", Value::String(FakeCredentials::new(&session, expiration).access_key_id)),
                            ("expiration", Value::String(expiration.cloudtrail())),
                        ]),
                    ),
                    (
                        "assumedRoleUser",
                        object(&mut [
                            ("assumedRoleId", Value::String(assumed_role_id(&session))),
                            ("arn", text(&session)),
                        ]),
                    ),
                ])),
                resources: Some(role_resources(&role.name.account, &role.name.arn)),
                read_only: true,
                recipient: &role.name.account,
                shared_event_id: None,
                basis: format!("{session}#service"),
            }));
        }
    }
    records
}

/// CloudTrail's camelCase spelling of a parameter (`IamInstanceProfile.Arn` → `iamInstanceProfile`).
fn parameter_field(parameter: &str) -> String {
    let base = parameter
        .split('.')
        .next_back()
        .filter(|_| parameter.starts_with("overrides."))
        .unwrap_or_else(|| parameter.split('.').next().unwrap_or(parameter));
    let mut chars = base.chars();
    match chars.next() {
        Some(first) => {
            let rest: String = chars.collect();
            if base.chars().take(2).all(|c| c.is_ascii_uppercase()) && base.len() > 2 && base.starts_with("DB") {
                format!("dB{}", base.get(2..).unwrap_or_default())
            } else {
                format!("{}{rest}", first.to_ascii_lowercase())
            }
        }
        None => String::new(),
    }
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

    #[test]
    fn cloudtrail_parameter_spelling() {
        assert_eq!(parameter_field("IamInstanceProfile.Arn"), "iamInstanceProfile");
        assert_eq!(parameter_field("Role"), "role");
        assert_eq!(parameter_field("RoleARN"), "roleARN");
        assert_eq!(parameter_field("MonitoringRoleArn"), "monitoringRoleArn");
        assert_eq!(parameter_field("overrides.taskRoleArn"), "taskRoleArn");
    }
}
