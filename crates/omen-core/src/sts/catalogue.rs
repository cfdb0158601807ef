//! The catalogue of AWS APIs that take a role: for each, the parameter that carries it, the
//! service principal that will assume it (`iam:PassedToService`), the resource it is associated
//! with (`iam:AssociatedResourceARN`), the resource of the call itself, and how the service says
//! no.
//!
//! Sources: "Grant a user permissions to pass a role to an AWS service"; "IAM and AWS STS
//! condition context keys" (`iam:PassedToService`, `iam:AssociatedResourceArn`); each service's
//! API reference for the parameter names.

use serde::Serialize;

/// How a service reports a denied call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DenialStyle {
    /// EC2's `UnauthorizedOperation` with an encoded authorization failure message.
    EncodedMessage,
    /// The AccessDenied text naming the principal, action and resource.
    AccessDenied,
}

/// When a service finds out that it cannot assume the role it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TrustCheck {
    /// The API call itself fails.
    AtCall,
    /// The call succeeds; the workload fails later, when the service puts the mask on.
    AtRunTime,
}

/// One API that takes a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassRoleApi {
    /// The IAM action of the call, e.g. `ec2:RunInstances`.
    pub action: &'static str,
    /// The request parameter that carries the role (or instance profile).
    pub parameter: &'static str,
    /// The service principal that assumes the role, the value of `iam:PassedToService`.
    pub service_principal: &'static str,
    /// The `eventSource` of the call's CloudTrail record.
    pub event_source: &'static str,
    /// The `eventName` of the call's CloudTrail record.
    pub event_name: &'static str,
    /// The resource the call acts on; `{region}`, `{account}` and `{name}` are filled in.
    pub call_resource: &'static str,
    /// The `iam:AssociatedResourceARN` the service sends. Omen sends it only where AWS documents
    /// it (EC2 instances); elsewhere the key is absent and conditions on it decide as for
    /// absent keys.
    pub associated_resource: Option<&'static str>,
    /// The default `{name}` (function name, instance id, …).
    pub default_name: &'static str,
    /// How a denial reads.
    pub denial: DenialStyle,
    /// The error code of a denial.
    pub denial_code: &'static str,
    /// When a trust policy that does not name the service shows up.
    pub trust_check: TrustCheck,
    /// What the service says when it cannot assume the role (`{role}` is filled in).
    pub trust_failure: &'static str,
    /// The error code of that failure.
    pub trust_failure_code: &'static str,
    /// The service-linked role used when no role is given, if the service has one.
    pub default_service_linked_role: Option<&'static str>,
}

const EC2_TRUST: &str = "the instance starts, but the instance metadata service hands out no credentials for `{role}`: EC2 cannot assume a role whose trust policy does not name `ec2.amazonaws.com`";

/// Every API Omen knows. Roles passed to EC2 travel in an instance profile of the same name.
pub const CATALOGUE: [PassRoleApi; 13] = [
    PassRoleApi {
        action: "ec2:RunInstances",
        parameter: "IamInstanceProfile.Arn",
        service_principal: "ec2.amazonaws.com",
        event_source: "ec2.amazonaws.com",
        event_name: "RunInstances",
        call_resource: "arn:aws:ec2:{region}:{account}:instance/*",
        associated_resource: Some("arn:aws:ec2:{region}:{account}:instance/{name}"),
        default_name: "i-0123456789abcdef0",
        denial: DenialStyle::EncodedMessage,
        denial_code: "Client.UnauthorizedOperation",
        trust_check: TrustCheck::AtRunTime,
        trust_failure: EC2_TRUST,
        trust_failure_code: "",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "ec2:AssociateIamInstanceProfile",
        parameter: "IamInstanceProfile.Arn",
        service_principal: "ec2.amazonaws.com",
        event_source: "ec2.amazonaws.com",
        event_name: "AssociateIamInstanceProfile",
        call_resource: "arn:aws:ec2:{region}:{account}:instance/{name}",
        associated_resource: Some("arn:aws:ec2:{region}:{account}:instance/{name}"),
        default_name: "i-0123456789abcdef0",
        denial: DenialStyle::EncodedMessage,
        denial_code: "Client.UnauthorizedOperation",
        trust_check: TrustCheck::AtRunTime,
        trust_failure: EC2_TRUST,
        trust_failure_code: "",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "ec2:ReplaceIamInstanceProfileAssociation",
        parameter: "IamInstanceProfile.Arn",
        service_principal: "ec2.amazonaws.com",
        event_source: "ec2.amazonaws.com",
        event_name: "ReplaceIamInstanceProfileAssociation",
        call_resource: "arn:aws:ec2:{region}:{account}:instance/{name}",
        associated_resource: Some("arn:aws:ec2:{region}:{account}:instance/{name}"),
        default_name: "i-0123456789abcdef0",
        denial: DenialStyle::EncodedMessage,
        denial_code: "Client.UnauthorizedOperation",
        trust_check: TrustCheck::AtRunTime,
        trust_failure: EC2_TRUST,
        trust_failure_code: "",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "lambda:CreateFunction",
        parameter: "Role",
        service_principal: "lambda.amazonaws.com",
        event_source: "lambda.amazonaws.com",
        event_name: "CreateFunction20150331",
        call_resource: "arn:aws:lambda:{region}:{account}:function:{name}",
        associated_resource: None,
        default_name: "my-function",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDeniedException",
        trust_check: TrustCheck::AtCall,
        trust_failure: "The role defined for the function cannot be assumed by Lambda.",
        trust_failure_code: "InvalidParameterValueException",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "lambda:UpdateFunctionConfiguration",
        parameter: "Role",
        service_principal: "lambda.amazonaws.com",
        event_source: "lambda.amazonaws.com",
        event_name: "UpdateFunctionConfiguration20150331v2",
        call_resource: "arn:aws:lambda:{region}:{account}:function:{name}",
        associated_resource: None,
        default_name: "my-function",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDeniedException",
        trust_check: TrustCheck::AtCall,
        trust_failure: "The role defined for the function cannot be assumed by Lambda.",
        trust_failure_code: "InvalidParameterValueException",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "ecs:RegisterTaskDefinition",
        parameter: "taskRoleArn",
        service_principal: "ecs-tasks.amazonaws.com",
        event_source: "ecs.amazonaws.com",
        event_name: "RegisterTaskDefinition",
        call_resource: "*",
        associated_resource: None,
        default_name: "my-task",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDeniedException",
        trust_check: TrustCheck::AtRunTime,
        trust_failure: "ECS was unable to assume the role '{role}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.",
        trust_failure_code: "",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "ecs:RunTask",
        parameter: "overrides.taskRoleArn",
        service_principal: "ecs-tasks.amazonaws.com",
        event_source: "ecs.amazonaws.com",
        event_name: "RunTask",
        call_resource: "arn:aws:ecs:{region}:{account}:task-definition/{name}:*",
        associated_resource: None,
        default_name: "my-task",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDeniedException",
        trust_check: TrustCheck::AtRunTime,
        trust_failure: "ECS was unable to assume the role '{role}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.",
        trust_failure_code: "",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "cloudformation:CreateStack",
        parameter: "RoleARN",
        service_principal: "cloudformation.amazonaws.com",
        event_source: "cloudformation.amazonaws.com",
        event_name: "CreateStack",
        call_resource: "arn:aws:cloudformation:{region}:{account}:stack/{name}/*",
        associated_resource: None,
        default_name: "my-stack",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDenied",
        trust_check: TrustCheck::AtCall,
        trust_failure: "Role {role} is invalid or cannot be assumed",
        trust_failure_code: "ValidationError",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "cloudformation:UpdateStack",
        parameter: "RoleARN",
        service_principal: "cloudformation.amazonaws.com",
        event_source: "cloudformation.amazonaws.com",
        event_name: "UpdateStack",
        call_resource: "arn:aws:cloudformation:{region}:{account}:stack/{name}/*",
        associated_resource: None,
        default_name: "my-stack",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDenied",
        trust_check: TrustCheck::AtCall,
        trust_failure: "Role {role} is invalid or cannot be assumed",
        trust_failure_code: "ValidationError",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "codebuild:CreateProject",
        parameter: "serviceRole",
        service_principal: "codebuild.amazonaws.com",
        event_source: "codebuild.amazonaws.com",
        event_name: "CreateProject",
        call_resource: "arn:aws:codebuild:{region}:{account}:project/{name}",
        associated_resource: None,
        default_name: "my-project",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDeniedException",
        trust_check: TrustCheck::AtCall,
        trust_failure: "CodeBuild is not authorized to perform: sts:AssumeRole on {role}",
        trust_failure_code: "InvalidInputException",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "rds:CreateDBInstance",
        parameter: "MonitoringRoleArn",
        service_principal: "monitoring.rds.amazonaws.com",
        event_source: "rds.amazonaws.com",
        event_name: "CreateDBInstance",
        call_resource: "arn:aws:rds:{region}:{account}:db:{name}",
        associated_resource: None,
        default_name: "my-database",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDenied",
        trust_check: TrustCheck::AtCall,
        trust_failure: "IAM role ARN value is invalid or does not include the required permissions for: ENHANCED_MONITORING",
        trust_failure_code: "InvalidParameterValue",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "rds:ModifyDBInstance",
        parameter: "MonitoringRoleArn",
        service_principal: "monitoring.rds.amazonaws.com",
        event_source: "rds.amazonaws.com",
        event_name: "ModifyDBInstance",
        call_resource: "arn:aws:rds:{region}:{account}:db:{name}",
        associated_resource: None,
        default_name: "my-database",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDenied",
        trust_check: TrustCheck::AtCall,
        trust_failure: "IAM role ARN value is invalid or does not include the required permissions for: ENHANCED_MONITORING",
        trust_failure_code: "InvalidParameterValue",
        default_service_linked_role: None,
    },
    PassRoleApi {
        action: "autoscaling:CreateAutoScalingGroup",
        parameter: "ServiceLinkedRoleARN",
        service_principal: "autoscaling.amazonaws.com",
        event_source: "autoscaling.amazonaws.com",
        event_name: "CreateAutoScalingGroup",
        call_resource: "arn:aws:autoscaling:{region}:{account}:autoScalingGroup:*:autoScalingGroupName/{name}",
        associated_resource: None,
        default_name: "my-asg",
        denial: DenialStyle::AccessDenied,
        denial_code: "AccessDenied",
        trust_check: TrustCheck::AtCall,
        trust_failure: "the service-linked role `{role}` does not trust `autoscaling.amazonaws.com`; AWS manages that trust policy and it cannot be edited",
        trust_failure_code: "",
        default_service_linked_role: Some("AWSServiceRoleForAutoScaling"),
    },
];

/// The other parameters an API takes a role in, with the service principal for each.
pub const EXTRA_PARAMETERS: [(&str, &str, &str); 2] = [
    ("ecs:RegisterTaskDefinition", "executionRoleArn", "ecs-tasks.amazonaws.com"),
    ("ecs:RunTask", "overrides.executionRoleArn", "ecs-tasks.amazonaws.com"),
];

/// The entry for `action` (case-insensitive), with `parameter` chosen when the API has several.
pub fn find(action: &str, parameter: Option<&str>) -> Option<PassRoleApi> {
    let entry = CATALOGUE.iter().find(|e| e.action.eq_ignore_ascii_case(action)).copied()?;
    let Some(parameter) = parameter else {
        return Some(entry);
    };
    if entry.parameter.eq_ignore_ascii_case(parameter) {
        return Some(entry);
    }
    EXTRA_PARAMETERS
        .iter()
        .find(|(api, name, _)| api.eq_ignore_ascii_case(action) && name.eq_ignore_ascii_case(parameter))
        .map(|(_, name, service)| PassRoleApi { parameter: name, service_principal: service, ..entry })
}

/// Fill `{region}`, `{account}`, `{name}` and `{role}` into a template.
pub fn fill(template: &str, region: &str, account: &str, name: &str, role: &str) -> String {
    template.replace("{region}", region).replace("{account}", account).replace("{name}", name).replace("{role}", role)
}

/// The path of a service's service-linked roles, `/aws-service-role/SERVICE/`.
pub fn service_linked_path(service_principal: &str) -> String {
    format!("/aws-service-role/{service_principal}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_entries_and_alternate_parameters() {
        assert_eq!(find("EC2:runinstances", None).map(|e| e.service_principal), Some("ec2.amazonaws.com"));
        let execution = find("ecs:RegisterTaskDefinition", Some("executionRoleArn")).unwrap();
        assert_eq!(execution.parameter, "executionRoleArn");
        assert!(find("ecs:RegisterTaskDefinition", Some("nope")).is_none());
        assert!(find("s3:GetObject", None).is_none());
        assert_eq!(
            fill("arn:aws:ec2:{region}:{account}:instance/*", "us-east-1", "111122223333", "", ""),
            "arn:aws:ec2:us-east-1:111122223333:instance/*"
        );
    }
}
