//! Handing a role to a service: the caller's `iam:PassRole` on the role, with
//! `iam:PassedToService` and `iam:AssociatedResourceARN`; `iam:CreateServiceLinkedRole` when the
//! service's own role does not exist yet; and the rule that a role is passed only within its
//! account.
//!
//! Rules from "Grant a user permissions to pass a role to an AWS service" (PassRole is a
//! permission checked with the call; roles can be passed only within their account; a
//! service-linked role used by default needs no PassRole, one named explicitly does) and "IAM and
//! AWS STS condition context keys" (`iam:PassedToService`, `iam:AssociatedResourceArn`).

use super::api::caller_request;
use super::caller::Caller;
use super::catalogue::{service_linked_path, PassRoleApi};
use super::evaluation::Evaluation;
use crate::arn::account_of;
use crate::clock::Instant;
use crate::policy::PolicyKind;
use crate::principal::RequestPrincipal;
use crate::world::{FlowDiagnostic, IdentityName, Located, ParsedRole, ParsedWorld, PolicyLocation, Tags};

/// `caller` passes `role_arn` to `service`, for the resource `associated` when the service names
/// one.
pub fn pass_role(
    world: &ParsedWorld,
    caller: &Caller,
    now: Instant,
    role_arn: &str,
    service: &str,
    associated: Option<&str>,
    region: &str,
) -> Evaluation {
    let mut extra = vec![("iam:PassedToService", service.to_string())];
    if let Some(associated) = associated {
        extra.push(("iam:AssociatedResourceARN", associated.to_string()));
    }
    caller_request(world, caller, now, "iam:PassRole", role_arn, region, &extra)
}

/// `caller` creates the service-linked role `role_arn` of `service` (AWS does it on first use).
pub fn create_service_linked_role(
    world: &ParsedWorld,
    caller: &Caller,
    now: Instant,
    role_arn: &str,
    service: &str,
    region: &str,
) -> Evaluation {
    let extra = [("iam:AWSServiceName", service.to_string())];
    caller_request(world, caller, now, "iam:CreateServiceLinkedRole", role_arn, region, &extra)
}

/// The account of `role_arn` when it is not `caller_account`: iam:PassRole never crosses
/// accounts.
pub fn other_account(caller_account: &str, role_arn: &str) -> Option<String> {
    account_of(role_arn).filter(|account| *account != caller_account).map(str::to_string)
}

/// The service-linked role AWS creates for the service of `api`, when `role_arn` names it and
/// the world does not describe it: its trust policy names the service, its permissions are AWS's
/// (abridged). Problems with the supplied policies go to `sink`.
pub fn supplied_service_linked_role(
    api: &PassRoleApi,
    role_arn: &str,
    sink: &mut Vec<FlowDiagnostic>,
) -> Option<ParsedRole> {
    let slr = api.default_service_linked_role?;
    let principal = RequestPrincipal::parse(role_arn).ok()?;
    if principal.name != slr {
        return None;
    }
    let trust_text = format!(
        "{{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {{\n            \"Effect\": \"Allow\",\n            \"Principal\": {{\n                \"Service\": \"{}\"\n            }},\n            \"Action\": \"sts:AssumeRole\"\n        }}\n    ]\n}}",
        api.service_principal
    );
    let permissions_text = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Sid\": \"EC2InstanceManagement\",\n            \"Effect\": \"Allow\",\n            \"Action\": [\n                \"ec2:RunInstances\",\n                \"ec2:TerminateInstances\",\n                \"ec2:CreateTags\",\n                \"ec2:Describe*\"\n            ],\n            \"Resource\": \"*\"\n        },\n        {\n            \"Sid\": \"PassRolesToEC2\",\n            \"Effect\": \"Allow\",\n            \"Action\": \"iam:PassRole\",\n            \"Resource\": \"*\",\n            \"Condition\": {\n                \"StringLike\": {\n                    \"iam:PassedToService\": \"ec2.amazonaws.com*\"\n                }\n            }\n        }\n    ]\n}";
    let trust = Located::parse_text(
        PolicyLocation::Supplied { name: format!("trust policy of {slr}") },
        String::new(),
        "trust policy",
        &trust_text,
        PolicyKind::Trust,
        sink,
    );
    let permissions = Located::parse_text(
        PolicyLocation::Supplied { name: "AutoScalingServiceRolePolicy".into() },
        String::new(),
        "AutoScalingServiceRolePolicy (abridged)",
        permissions_text,
        PolicyKind::Identity,
        sink,
    );
    Some(ParsedRole {
        index: None,
        name: IdentityName {
            arn: role_arn.to_string(),
            account: principal.account.unwrap_or_default(),
            name: principal.name,
            path: service_linked_path(api.service_principal),
        },
        trust: Some(trust),
        identity: vec![permissions],
        boundary: None,
        tags: Tags::default(),
        max_session_duration: 3600,
        service_linked: true,
    })
}
