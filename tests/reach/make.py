#!/usr/bin/env python3
"""Writes the reach test worlds (tests/reach/*.json): one per escalation family, each with a
negative twin that differs in one thing. Run from the repository root; the JSON files are the
tests, this script only saves typing. Expectations are argued from AWS's pages (`cite`)."""
import json, pathlib

A = "111122223333"
B = "444455556666"
DEV = f"arn:aws:iam::{A}:user/dev"
OPS = f"arn:aws:iam::{A}:user/ops"
TARGET = f"arn:aws:iam::{A}:role/target"
OTHER_ROLE = f"arn:aws:iam::{A}:role/hop"
PASS_CITE = "Grant a user permissions to pass a role to an AWS service"
EVAL_CITE = "Policy evaluation logic"
BOUNDARY_CITE = "Permissions boundaries for IAM entities"


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource="*", condition=None):
    s = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        s["Condition"] = condition
    return s


def deny(action, resource="*"):
    return {"Effect": "Deny", "Action": action, "Resource": resource}


def trust(principal, condition=None):
    s = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    if condition:
        s["Condition"] = condition
    return doc(s)


def role(arn, trust_doc, policies=None):
    return {"arn": arn, "trustPolicy": trust_doc,
            "policies": policies or [{"name": "ReadReports", "document": doc(allow("s3:GetObject", "arn:aws:s3:::reports/*"))}]}


def world(users, roles, accounts=None, groups=None):
    w = {"accounts": accounts or [{"id": A}], "users": users, "roles": roles}
    if groups:
        w["groups"] = groups
    return w


def write(name, data):
    path = pathlib.Path("tests/reach") / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n")


def reach_case(family, cite, about, w, expect, twin_about, twin_patch, twin_expect, principal=DEV):
    write(family, {
        "family": family, "cite": cite, "about": about,
        "question": {"reach": principal}, "world": w, "expect": expect,
        "twin": {"about": twin_about, "cite": twin_patch.pop("cite", cite), "patch": twin_patch["patch"], "expect": twin_expect},
    })


NONE = {"reaches": [], "admin": False}

# PassRole families: the pass and the service's actions, split over two policies (the split
# must still be found); each twin changes one thing.
pass_families = [
    ("passrole-ec2", "ec2.amazonaws.com", "iam:PassRole+ec2:RunInstances",
     ["ec2:RunInstances", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"],
     "Use an IAM role to grant permissions to applications running on Amazon EC2 instances", "service"),
    ("passrole-autoscaling", "ec2.amazonaws.com", "iam:PassRole+autoscaling:CreateLaunchConfiguration+autoscaling:CreateAutoScalingGroup",
     ["autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"],
     "Launch configurations (Amazon EC2 Auto Scaling User Guide)", "deny"),
    ("passrole-lambda-invoke", "lambda.amazonaws.com", "iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction",
     ["lambda:CreateFunction", "lambda:InvokeFunction"], "Defining Lambda function permissions with an execution role", "trust"),
    ("passrole-lambda-event-source", "lambda.amazonaws.com", "iam:PassRole+lambda:CreateFunction+lambda:CreateEventSourceMapping",
     ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"], "How Lambda processes records from stream and queue-based event sources", "boundary"),
    ("passrole-lambda-add-permission", "lambda.amazonaws.com", "iam:PassRole+lambda:CreateFunction+lambda:AddPermission",
     ["lambda:CreateFunction", "lambda:AddPermission"], "Working with resource-based IAM policies in Lambda", "action"),
    ("passrole-cloudformation", "cloudformation.amazonaws.com", "iam:PassRole+cloudformation:CreateStack",
     ["cloudformation:CreateStack"], "AWS CloudFormation service role", "service"),
    ("passrole-cloudformation-changeset", "cloudformation.amazonaws.com", "iam:PassRole+cloudformation:CreateChangeSet+cloudformation:ExecuteChangeSet",
     ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"], "AWS CloudFormation service role", "deny"),
    ("passrole-codebuild", "codebuild.amazonaws.com", "iam:PassRole+codebuild:CreateProject+codebuild:StartBuild",
     ["codebuild:CreateProject", "codebuild:StartBuild"], "Allow CodeBuild to interact with other AWS services", "trust"),
    ("passrole-ecs", "ecs-tasks.amazonaws.com", "iam:PassRole+ecs:RegisterTaskDefinition+ecs:RunTask",
     ["ecs:RegisterTaskDefinition", "ecs:RunTask"], "Amazon ECS task IAM role", "boundary"),
    ("passrole-ecs-service", "ecs-tasks.amazonaws.com", "iam:PassRole+ecs:RegisterTaskDefinition+ecs:CreateService",
     ["ecs:RegisterTaskDefinition", "ecs:CreateService"], "Amazon ECS task IAM role", "action"),
    ("passrole-glue-dev-endpoint", "glue.amazonaws.com", "iam:PassRole+glue:CreateDevEndpoint",
     ["glue:CreateDevEndpoint"], "Setting up IAM permissions for AWS Glue", "service"),
    ("passrole-glue-job", "glue.amazonaws.com", "iam:PassRole+glue:CreateJob+glue:StartJobRun",
     ["glue:CreateJob", "glue:StartJobRun"], "Setting up IAM permissions for AWS Glue", "deny"),
    ("passrole-sagemaker-notebook", "sagemaker.amazonaws.com", "iam:PassRole+sagemaker:CreateNotebookInstance+sagemaker:CreatePresignedNotebookInstanceUrl",
     ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], "How to use SageMaker AI execution roles", "trust"),
    ("passrole-sagemaker-training", "sagemaker.amazonaws.com", "iam:PassRole+sagemaker:CreateTrainingJob",
     ["sagemaker:CreateTrainingJob"], "How to use SageMaker AI execution roles", "boundary"),
    ("passrole-sagemaker-processing", "sagemaker.amazonaws.com", "iam:PassRole+sagemaker:CreateProcessingJob",
     ["sagemaker:CreateProcessingJob"], "How to use SageMaker AI execution roles", "service"),
    ("passrole-datapipeline", "datapipeline.amazonaws.com", "iam:PassRole+datapipeline:CreatePipeline+datapipeline:PutPipelineDefinition+datapipeline:ActivatePipeline",
     ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"], "IAM roles for AWS Data Pipeline", "deny"),
    ("passrole-apprunner", "tasks.apprunner.amazonaws.com", "iam:PassRole+apprunner:CreateService",
     ["apprunner:CreateService"], "App Runner roles: instance role", "trust"),
]
for family, service, via, actions, cite, twin in pass_families:
    passrole = {"name": "PassTarget", "document": doc(allow("iam:PassRole", TARGET, {"StringEquals": {"iam:PassedToService": service}}))}
    use = {"name": "UseService", "document": doc(allow(actions))}
    w = world([{"arn": DEV, "policies": [passrole, use]}], [role(TARGET, trust({"Service": service}))])
    expect = {"reaches": [{"role": TARGET, "via": [via], "conditional": False}], "admin": False}
    if twin == "service":
        patch = [{"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Condition/StringEquals/iam:PassedToService", "value": "batch.amazonaws.com"}]
        about = "the pass is allowed only to `batch.amazonaws.com`, not to the service that runs the code"
        tcite = PASS_CITE
    elif twin == "trust":
        patch = [{"op": "replace", "path": "/roles/0/trustPolicy/Statement/0/Principal/Service", "value": "batch.amazonaws.com"}]
        about = "the role's trust policy names another service, which alone may put the mask on"
        tcite = "IAM JSON policy elements: Principal"
    elif twin == "deny":
        patch = [{"op": "add", "path": "/users/0/policies/-", "value": {"name": "NoPass", "document": doc(deny("iam:PassRole"))}}]
        about = "an explicit Deny of iam:PassRole in a second policy wins over the Allow"
        tcite = EVAL_CITE
    elif twin == "boundary":
        patch = [{"op": "add", "path": "/users/0/permissionsBoundary", "value": {"name": "NoPassBoundary", "document": doc(allow(actions))}}]
        about = "a permissions boundary that allows the service's actions but not iam:PassRole"
        tcite = BOUNDARY_CITE
    else:
        patch = [{"op": "remove", "path": f"/users/0/policies/1/document/Statement/0/Action/{len(actions) - 1}"}]
        about = f"the second policy no longer allows `{actions[-1]}`: the role is passed but no code runs with it"
        tcite = cite
    reach_case(family, cite, f"pass `target` to `{service}` (PassRole in one policy, the service's actions in another: the split is still found)",
               w, expect, about, {"patch": patch, "cite": tcite}, NONE)

# The EC2 pass without a way to make an instance profile: conditional on one existing.
w = world([{"arn": DEV, "policies": [{"name": "Run", "document": doc(allow("iam:PassRole", TARGET), allow("ec2:RunInstances"))}]}],
          [role(TARGET, trust({"Service": "ec2.amazonaws.com"}))])
reach_case("passrole-ec2-instance-profile", "Use instance profiles",
           "EC2 takes a role only inside an instance profile; without iam:CreateInstanceProfile the edge needs one that exists",
           w, {"reaches": [{"role": TARGET, "via": ["iam:PassRole+ec2:RunInstances"], "conditional": True}], "admin": False},
           "a Deny on ec2:RunInstances in a second policy",
           {"patch": [{"op": "add", "path": "/users/0/policies/-", "value": {"name": "NoRun", "document": doc(deny("ec2:RunInstances"))}}], "cite": EVAL_CITE}, NONE)

# UpdateStack: the stack must exist (the export lists none): conditional.
w = world([{"arn": DEV, "policies": [{"name": "PassTarget", "document": doc(allow("iam:PassRole", TARGET))},
                                     {"name": "Stacks", "document": doc(allow("cloudformation:UpdateStack"))}]}],
          [role(TARGET, trust({"Service": "cloudformation.amazonaws.com"}))])
reach_case("passrole-cloudformation-update", "AWS CloudFormation service role; UpdateStack (AWS CloudFormation API Reference)",
           "pass target to CloudFormation on a stack update (conditional: the export lists no stack)",
           w, {"reaches": [{"role": TARGET, "via": ["iam:PassRole+cloudformation:UpdateStack"], "conditional": True}], "admin": False},
           "the role's trust policy names another service",
           {"patch": [{"op": "replace", "path": "/roles/0/trustPolicy/Statement/0/Principal/Service", "value": "batch.amazonaws.com"}],
            "cite": "IAM JSON policy elements: Principal"}, NONE)

# Existing resources that carry a role: conditional on one existing.
existing = [
    ("existing-ssm-send-command", "ec2.amazonaws.com", "ssm:SendCommand", "AWS Systems Manager Run Command"),
    ("existing-ssm-start-session", "ec2.amazonaws.com", "ssm:StartSession", "AWS Systems Manager Session Manager"),
    ("existing-ec2-instance-connect", "ec2.amazonaws.com", "ec2-instance-connect:SendSSHPublicKey", "Connect to your Linux instance using EC2 Instance Connect"),
    ("existing-lambda-update-code", "lambda.amazonaws.com", "lambda:UpdateFunctionCode", "Defining Lambda function permissions with an execution role"),
    ("existing-codebuild-start-build", "codebuild.amazonaws.com", "codebuild:StartBuild", "StartBuild (AWS CodeBuild API Reference)"),
    ("existing-glue-update-dev-endpoint", "glue.amazonaws.com", "glue:UpdateDevEndpoint", "UpdateDevEndpoint action (AWS Glue API)"),
    ("existing-sagemaker-notebook-url", "sagemaker.amazonaws.com", "sagemaker:CreatePresignedNotebookInstanceUrl", "How to use SageMaker AI execution roles"),
]
for i, (family, service, action, cite) in enumerate(existing):
    w = world([{"arn": DEV, "policies": [{"name": "Operate", "document": doc(allow(action))}]}], [role(TARGET, trust({"Service": service}))])
    if i % 2 == 0:
        patch = [{"op": "replace", "path": "/roles/0/trustPolicy/Statement/0/Principal/Service", "value": "batch.amazonaws.com"}]
        about, tcite = "the role's trust policy names another service: no such resource can carry it", "IAM JSON policy elements: Principal"
    else:
        patch = [{"op": "add", "path": "/users/0/policies/-", "value": {"name": "NoOperate", "document": doc(deny(action))}}]
        about, tcite = f"an explicit Deny of `{action}` in a second policy", EVAL_CITE
    reach_case(family, cite, f"run code with `{action}` in an existing resource that carries `target` (conditional: the export lists no such resource)",
               w, {"reaches": [{"role": TARGET, "via": [action], "conditional": True}], "admin": False}, about, {"patch": patch, "cite": tcite}, NONE)

# Existing resources the import lists (a role's `usedBy`): facts, not assumptions.
STACK = f"arn:aws:cloudformation:us-east-1:{A}:stack/app/5b7c3e10-8f1a-11ee-9c5d-0a1b2c3d4e5f"
w = world([{"arn": DEV, "policies": [{"name": "UpdateApp", "document": doc(allow("cloudformation:UpdateStack", f"arn:aws:cloudformation:*:{A}:stack/app/*"))}]}],
          [dict(role(TARGET, trust({"Service": "cloudformation.amazonaws.com"})), usedBy=[{"type": "stack", "arn": STACK}])])
reach_case("existing-cloudformation-update", "UpdateStack (AWS CloudFormation API Reference): RoleARN; AWS CloudFormation service role",
           "the stack `app` carries target as its service role; an update without RoleARN uses it, and dev needs no iam:PassRole",
           w, {"reaches": [{"role": TARGET, "via": ["cloudformation:UpdateStack"], "conditional": False}], "admin": False},
           "the stack that carries target is `billing`, which dev may not update",
           {"patch": [{"op": "replace", "path": "/roles/0/usedBy/0/arn", "value": STACK.replace("stack/app/", "stack/billing/")}]}, NONE)

FUNCTION = f"arn:aws:lambda:us-east-1:{A}:function:app-report"
w = world([{"arn": DEV, "policies": [{"name": "DeployApp", "document": doc(allow("lambda:UpdateFunctionCode", f"arn:aws:lambda:*:{A}:function:app-*"))}]}],
          [dict(role(TARGET, trust({"Service": "lambda.amazonaws.com"})), usedBy=[{"type": "function", "arn": FUNCTION}])])
reach_case("existing-lambda-listed-function", "UpdateFunctionCode (AWS Lambda API Reference); Defining Lambda function permissions with an execution role",
           "the function `app-report` runs with target; dev may replace its code",
           w, {"reaches": [{"role": TARGET, "via": ["lambda:UpdateFunctionCode"], "conditional": False}], "admin": False},
           "the function that carries target is `billing-report`, which dev may not update",
           {"patch": [{"op": "replace", "path": "/roles/0/usedBy/0/arn", "value": FUNCTION.replace("app-report", "billing-report")}]}, NONE)

w = world([{"arn": DEV, "policies": [{"name": "Run", "document": doc(allow("iam:PassRole", TARGET), allow("ec2:RunInstances"))}]}],
          [dict(role(TARGET, trust({"Service": "ec2.amazonaws.com"})), usedBy=[{"type": "instanceProfile", "arn": f"arn:aws:iam::{A}:instance-profile/target"}])])
reach_case("passrole-ec2-listed-instance-profile", "Use instance profiles",
           "target's instance profile is in the export: launching with it needs only iam:PassRole and ec2:RunInstances",
           w, {"reaches": [{"role": TARGET, "via": ["iam:PassRole+ec2:RunInstances"], "conditional": False}], "admin": False},
           "the export lists no instance profile for target: the edge needs one to exist",
           {"patch": [{"op": "remove", "path": "/roles/0/usedBy"}]},
           {"reaches": [{"role": TARGET, "via": ["iam:PassRole+ec2:RunInstances"], "conditional": True}], "admin": False})

# Assume: same account, the trust policy names the user's ARN: no identity policy needed.
w = world([{"arn": DEV, "policies": []}], [role(TARGET, trust({"AWS": DEV}))])
reach_case("assume-role-same-account", "IAM JSON policy elements: Principal; Cross-account policy evaluation logic",
           "in the same account a trust policy naming the user's ARN is enough",
           w, {"reaches": [{"role": TARGET, "via": ["sts:AssumeRole"], "conditional": False}], "admin": False},
           "the trust policy names the account (`:root`) instead: the identity side must allow it too, and nothing does",
           {"patch": [{"op": "replace", "path": "/roles/0/trustPolicy/Statement/0/Principal/AWS", "value": f"arn:aws:iam::{A}:root"}]}, NONE)

# Assume across accounts: both sides must allow.
DAN = f"arn:aws:iam::{B}:user/dan"
w = world([{"arn": DAN, "policies": [{"name": "AssumeTarget", "document": doc(allow("sts:AssumeRole", TARGET))}]}],
          [role(TARGET, trust({"AWS": f"arn:aws:iam::{B}:root"}))], [{"id": A}, {"id": B}])
reach_case("assume-role-cross-account", "Cross-account policy evaluation logic",
           "the trust policy trusts account B and dan's own policy allows sts:AssumeRole on the role",
           w, {"reaches": [{"role": TARGET, "via": ["sts:AssumeRole"], "conditional": False}], "admin": False},
           "dan's policy names another role: across accounts the identity side must allow too",
           {"patch": [{"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Resource", "value": f"arn:aws:iam::{A}:role/other"}]}, NONE, principal=DAN)

# Assume with MFA: conditional, with the condition.
w = world([{"arn": DEV, "policies": []}], [role(TARGET, trust({"AWS": DEV}, {"Bool": {"aws:MultiFactorAuthPresent": "true"}}))])
reach_case("assume-role-mfa", "AWS global condition context keys: aws:MultiFactorAuthPresent",
           "the trust policy needs MFA, which the export cannot say: conditional",
           w, {"reaches": [{"role": TARGET, "via": ["sts:AssumeRole"], "conditional": True, "conditionKeys": ["aws:MultiFactorAuthPresent"]}], "admin": False},
           "an SCP of the account denies sts:AssumeRole",
           {"patch": [{"op": "add", "path": "/accounts/0/scps", "value": [[{"name": "FullAWSAccess", "document": doc(allow("*"))}, {"name": "NoAssume", "document": doc(deny("sts:AssumeRole"))}]]}],
            "cite": "Service control policies (SCPs)"}, NONE)

# Role chaining: dev -> hop -> target.
w = world([{"arn": DEV, "policies": []}], [role(OTHER_ROLE, trust({"AWS": DEV})), role(TARGET, trust({"AWS": OTHER_ROLE}))])
reach_case("assume-role-chain", "Methods to assume a role (role chaining)",
           "dev assumes `hop`, whose session assumes `target`",
           w, {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False},
                           {"role": TARGET, "via": ["sts:AssumeRole", "sts:AssumeRole"], "conditional": False}], "admin": False},
           "`target` trusts another role",
           {"patch": [{"op": "replace", "path": "/roles/1/trustPolicy/Statement/0/Principal/AWS", "value": f"arn:aws:iam::{A}:role/else"}]},
           {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False}], "admin": False})

# Rewrite the trust policy, then assume.
w = world([{"arn": DEV, "policies": [{"name": "EditTrust", "document": doc(allow("iam:UpdateAssumeRolePolicy", TARGET))}]}],
          [role(TARGET, trust({"Service": "ec2.amazonaws.com"}))])
reach_case("update-assume-role-policy", "UpdateAssumeRolePolicy (IAM API Reference); IAM JSON policy elements: Principal",
           "dev may rewrite target's trust policy to name itself, then assume it (same account: the trust policy is enough)",
           w, {"reaches": [{"role": TARGET, "via": ["iam:UpdateAssumeRolePolicy"], "conditional": False, "changes": ["updateAssumeRolePolicy"]}], "admin": False},
           "a permissions boundary that does not allow iam:UpdateAssumeRolePolicy",
           {"patch": [{"op": "add", "path": "/users/0/permissionsBoundary", "value": {"name": "ReadOnly", "document": doc(allow("s3:GetObject"))}}], "cite": BOUNDARY_CITE}, NONE)

# Take over another user's credentials, then act as that user.
w = world([{"arn": DEV, "policies": [{"name": "Keys", "document": doc(allow("iam:CreateAccessKey", OPS))}]},
           {"arn": OPS, "policies": [{"name": "AssumeTarget", "document": doc(allow("sts:AssumeRole", TARGET))}]}],
          [role(TARGET, trust({"AWS": f"arn:aws:iam::{A}:root"}))])
reach_case("user-credentials", "Manage access keys for IAM users",
           "dev may create an access key for ops, who may assume target",
           w, {"reaches": [{"role": TARGET, "via": ["iam:CreateAccessKey", "sts:AssumeRole"], "conditional": False}], "admin": False},
           "dev's policy names another user",
           {"patch": [{"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Resource", "value": f"arn:aws:iam::{A}:user/someone"}]}, NONE)

SLR = f"arn:aws:iam::{A}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
slr = {"arn": SLR, "serviceLinked": True, "trustPolicy": trust({"Service": "autoscaling.amazonaws.com"}), "policies": []}
ADMIN_ALL = {"reaches": [{"role": TARGET, "via": ["administrator"], "conditional": False}], "admin": True}
# An administrator's edge plays on the world after it gives itself every permission (when that is
# how it has the power) and rewrites the role's trust policy to name itself.
REWRITTEN = {"reaches": [{"role": TARGET, "via": ["administrator"], "conditional": False,
                          "changes": ["rewritePermissions", "updateAssumeRolePolicy"]}], "admin": True}
TRUST_REWRITTEN = {"reaches": [{"role": TARGET, "via": ["administrator"], "conditional": False,
                                "changes": ["updateAssumeRolePolicy"]}], "admin": True}

# Rewrite one's own permissions: administrator-equivalent, then every role but service-linked ones.
for family, action, resource, cite, twin_about, twin in [
    ("rewrite-permissions-put-user-policy", "iam:PutUserPolicy", DEV, "PutUserPolicy (IAM API Reference)",
     "the policy names another user", {"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Resource", "value": OPS}),
    ("rewrite-permissions-attach-user-policy", "iam:AttachUserPolicy", DEV, "AttachUserPolicy (IAM API Reference)",
     "an explicit Deny of iam:AttachUserPolicy in a second policy", {"op": "add", "path": "/users/0/policies/-", "value": {"name": "NoAttach", "document": doc(deny("iam:AttachUserPolicy"))}}),
    ("rewrite-permissions-create-policy-version", "iam:CreatePolicyVersion", f"arn:aws:iam::{A}:policy/DevTools", "Versioning IAM policies",
     "a permissions boundary without iam:CreatePolicyVersion", {"op": "add", "path": "/users/0/permissionsBoundary", "value": {"name": "ReadOnly", "document": doc(allow("s3:GetObject"))}}),
    ("rewrite-permissions-attach-group-policy", "iam:AttachGroupPolicy", f"arn:aws:iam::{A}:group/devs", "AttachGroupPolicy (IAM API Reference)",
     "an SCP of the account denies iam:AttachGroupPolicy", {"op": "add", "path": "/accounts/0/scps", "value": [[{"name": "FullAWSAccess", "document": doc(allow("*"))}, {"name": "NoAttach", "document": doc(deny("iam:AttachGroupPolicy"))}]]}),
    ("rewrite-permissions-put-group-policy", "iam:PutGroupPolicy", f"arn:aws:iam::{A}:group/devs", "PutGroupPolicy (IAM API Reference)",
     "the policy names another group", {"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Resource", "value": f"arn:aws:iam::{A}:group/admins"}),
]:
    w = world([{"arn": DEV, "policies": [{"name": "DevTools", "document": doc(allow(action, resource))}], "groups": [{"name": "devs", "policies": []}]}],
              [role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
    reach_case(family, f"{cite}; Adding and removing IAM identity permissions",
               "dev may rewrite its own permissions: administrator-equivalent, so every role of the account but the service-linked one",
               w, REWRITTEN, twin_about, {"patch": [twin]}, NONE)

# Under a permissions boundary, a rewrite of one's own policies gives no more than the boundary
# allows (the effective permissions are the intersection): a boundary that allows everything
# limits nothing, one that allows little keeps dev from administrator power.
w = world([{"arn": DEV, "policies": [{"name": "DevTools", "document": doc(allow("iam:PutUserPolicy", DEV))}],
            "permissionsBoundary": {"name": "Everything", "document": doc(allow("*"))}}],
          [role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("rewrite-permissions-under-permissions-boundary", f"{BOUNDARY_CITE}; PutUserPolicy (IAM API Reference)",
           "dev may put a policy on itself under a boundary that allows everything: administrator-equivalent",
           w, REWRITTEN, "a permissions boundary that allows iam:PutUserPolicy and s3:GetObject only: the rewrite cannot go past it",
           {"patch": [{"op": "replace", "path": "/users/0/permissionsBoundary/document", "value": doc(allow(["iam:PutUserPolicy", "s3:GetObject"]))}], "cite": BOUNDARY_CITE},
           NONE)

# Changes to one's own permissions that stay with the principal: join a group, put another
# policy version in effect, lift or swap a permissions boundary. The role trusts the account
# (`:root`), so the identity side decides, and it allows sts:AssumeRole only after the change.
ROOT_TRUST = trust({"AWS": f"arn:aws:iam::{A}:root"})
ASSUME_TARGET = {"name": "AssumeTarget", "document": doc(allow("sts:AssumeRole", TARGET))}

w = world([{"arn": DEV, "policies": [{"name": "JoinGroups", "document": doc(allow("iam:AddUserToGroup", f"arn:aws:iam::{A}:group/deployers"))}]}],
          [role(TARGET, ROOT_TRUST)], groups=[{"name": "deployers", "policies": [ASSUME_TARGET]}])
reach_case("add-user-to-group", "AddUserToGroup (IAM API Reference); IAM user groups",
           "dev may add itself to `deployers`, whose policy allows sts:AssumeRole on target (the role trusts the account)",
           w, {"reaches": [{"role": TARGET, "via": ["iam:AddUserToGroup", "sts:AssumeRole"], "conditional": False, "changes": ["addUserToGroup"]}], "admin": False},
           "an explicit Deny of iam:AddUserToGroup in a second policy",
           {"patch": [{"op": "add", "path": "/users/0/policies/-", "value": {"name": "NoJoin", "document": doc(deny("iam:AddUserToGroup"))}}], "cite": EVAL_CITE}, NONE)

w = world([{"arn": DEV, "policies": [
              {"name": "DevTools", "document": doc(allow("s3:GetObject", "arn:aws:s3:::reports/*")),
               "versions": [{"versionId": "v1", "document": doc(allow("sts:AssumeRole", TARGET))}]},
              {"name": "Versions", "document": doc(allow("iam:SetDefaultPolicyVersion", f"arn:aws:iam::{A}:policy/DevTools"))}]}],
          [role(TARGET, ROOT_TRUST)])
reach_case("set-default-policy-version", "SetDefaultPolicyVersion (IAM API Reference); Versioning IAM policies",
           "version v1 of dev's own policy DevTools (not in effect) allows sts:AssumeRole on target; dev may make it the default",
           w, {"reaches": [{"role": TARGET, "via": ["iam:SetDefaultPolicyVersion", "sts:AssumeRole"], "conditional": False, "changes": ["setDefaultPolicyVersion"]}], "admin": False},
           "a permissions boundary that allows sts:AssumeRole but not iam:SetDefaultPolicyVersion",
           {"patch": [{"op": "add", "path": "/users/0/permissionsBoundary", "value": {"name": "AssumeOnly", "document": doc(allow("sts:AssumeRole"))}}], "cite": BOUNDARY_CITE}, NONE)

LIFT = doc(allow(["iam:DeleteUserPermissionsBoundary", "iam:PutUserPermissionsBoundary", "s3:GetObject"]))
for family, action, cite, twin_about, twin, twin_expect, kind in [
    ("delete-user-permissions-boundary", "iam:DeleteUserPermissionsBoundary", "DeleteUserPermissionsBoundary (IAM API Reference)",
     "dev may delete its boundary only with MFA, which the export cannot say: conditional, with the condition",
     {"op": "add", "path": "/users/0/policies/1/document/Statement/0/Condition", "value": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
     {"reaches": [{"role": TARGET, "via": ["iam:DeleteUserPermissionsBoundary", "sts:AssumeRole"], "conditional": True, "conditionKeys": ["aws:MultiFactorAuthPresent"]}], "admin": False},
     "deletePermissionsBoundary"),
    ("put-user-permissions-boundary", "iam:PutUserPermissionsBoundary", "PutUserPermissionsBoundary (IAM API Reference)",
     "dev may put only DevBoundary (`iam:PermissionsBoundary`), the boundary it already has",
     {"op": "add", "path": "/users/0/policies/1/document/Statement/0/Condition", "value": {"StringEquals": {"iam:PermissionsBoundary": f"arn:aws:iam::{A}:policy/DevBoundary"}}},
     NONE, "putPermissionsBoundary"),
]:
    w = world([{"arn": DEV, "policies": [ASSUME_TARGET, {"name": "OwnBoundary", "document": doc(allow(action, DEV))}],
                "permissionsBoundary": {"name": "DevBoundary", "document": LIFT}}],
              [role(TARGET, ROOT_TRUST)])
    # The edge after the change plays on the world after it: the change is in the answer.
    expect = {"reaches": [{"role": TARGET, "via": [action, "sts:AssumeRole"], "conditional": False, "changes": [kind]}], "admin": False}
    if twin_expect is not NONE:
        expect["reaches"][0]["conditionKeys"] = []
    reach_case(family, f"{cite}; Permissions boundaries for IAM entities",
               f"dev's boundary does not allow sts:AssumeRole, but dev may lift it with `{action}`",
               w, expect, twin_about, {"patch": [twin], "cite": "Permissions boundaries for IAM entities; IAM JSON policy elements: Condition operators"}, twin_expect)

HOP_LIFT = doc(allow(["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"]))
w = world([{"arn": DEV, "policies": []}],
          [dict(role(OTHER_ROLE, trust({"AWS": DEV}), [ASSUME_TARGET, {"name": "OwnBoundary", "document": doc(allow("iam:DeleteRolePermissionsBoundary", OTHER_ROLE))}]),
                permissionsBoundary={"name": "HopBoundary", "document": HOP_LIFT}),
           role(TARGET, ROOT_TRUST)])
reach_case("delete-role-permissions-boundary", "DeleteRolePermissionsBoundary (IAM API Reference); Permissions boundaries for IAM entities",
           "dev wears `hop`, whose boundary does not allow sts:AssumeRole; hop may delete its own boundary, then assume target",
           w, {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False, "changes": []},
                           {"role": TARGET, "via": ["sts:AssumeRole", "iam:DeleteRolePermissionsBoundary", "sts:AssumeRole"], "conditional": False, "changes": ["deletePermissionsBoundary"]}], "admin": False},
           "an SCP of the account denies iam:DeleteRolePermissionsBoundary",
           {"patch": [{"op": "add", "path": "/accounts/0/scps", "value": [[{"name": "FullAWSAccess", "document": doc(allow("*"))}, {"name": "KeepBoundaries", "document": doc(deny("iam:DeleteRolePermissionsBoundary"))}]]}],
            "cite": "Service control policies (SCPs)"},
           {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False}], "admin": False})

w = world([{"arn": DEV, "policies": [{"name": "HopBoundaries", "document": doc(allow("iam:PutRolePermissionsBoundary", OTHER_ROLE))}]}],
          [dict(role(OTHER_ROLE, trust({"AWS": DEV}), [ASSUME_TARGET]), permissionsBoundary={"name": "HopBoundary", "document": doc(allow("s3:GetObject"))}),
           role(TARGET, ROOT_TRUST)])
reach_case("put-role-permissions-boundary", "PutRolePermissionsBoundary (IAM API Reference); Permissions boundaries for IAM entities",
           "dev wears `hop`, whose boundary allows only S3; dev may put AdministratorAccess as hop's boundary, and hop then assumes target",
           w, {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False, "changes": []},
                           {"role": TARGET, "via": ["sts:AssumeRole", "iam:PutRolePermissionsBoundary", "sts:AssumeRole"], "conditional": False, "changes": ["putPermissionsBoundary"]}], "admin": False},
           "dev may put only HopBoundary (`iam:PermissionsBoundary`), the boundary hop already has",
           {"patch": [{"op": "add", "path": "/users/0/policies/0/document/Statement/0/Condition", "value": {"StringEquals": {"iam:PermissionsBoundary": f"arn:aws:iam::{A}:policy/HopBoundary"}}}],
            "cite": "Permissions boundaries for IAM entities; IAM JSON policy elements: Condition operators"},
           {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False}], "admin": False})

# Rewrite the permissions of a role one can wear.
w = world([{"arn": DEV, "policies": [{"name": "Wear", "document": doc(allow("sts:AssumeRole", OTHER_ROLE))}]}],
          [role(OTHER_ROLE, trust({"AWS": f"arn:aws:iam::{A}:root"}), [{"name": "SelfGrant", "document": doc(allow("iam:AttachRolePolicy", OTHER_ROLE))}]),
           role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("rewrite-permissions-attach-role-policy", "AttachRolePolicy (IAM API Reference); Adding and removing IAM identity permissions",
           "dev wears `hop`, which may attach any policy to itself: administrator-equivalent",
           w, {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False, "changes": []},
                           {"role": TARGET, "via": ["sts:AssumeRole", "administrator"], "conditional": False,
                            "changes": ["rewritePermissions", "updateAssumeRolePolicy"]}], "admin": True},
           "dev's policy names another role to assume",
           {"patch": [{"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Resource", "value": f"arn:aws:iam::{A}:role/else"}]}, NONE)

# Rewrite the permissions of another principal in hand: that one holds the power, and the
# administrator's edges play as it ("Adding and removing IAM identity permissions"): the rewrite,
# the role's trust rewritten to name it, then a flow acting as it — a role as the second hop of a
# chain after the AssumeRole that put it on ("Methods to assume a role": role chaining), a user
# directly (its credentials are in hand).
ADMIN_AS_OTHER = {"role": TARGET, "via": ["administrator"], "conditional": False,
                  "changes": ["rewritePermissions", "updateAssumeRolePolicy"]}
w = world([{"arn": DEV, "policies": [{"name": "Wear", "document": doc(allow("sts:AssumeRole", OTHER_ROLE))},
                                     {"name": "Grant", "document": doc(allow("iam:PutRolePolicy", OTHER_ROLE))}]}],
          [role(OTHER_ROLE, trust({"AWS": f"arn:aws:iam::{A}:root"})), role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("rewrite-permissions-assumed-role", "PutRolePolicy (IAM API Reference); Adding and removing IAM identity permissions; Methods to assume a role (role chaining)",
           "dev may put a policy on `hop` (one policy) and assume it (another): hop is given everything, rewrites target's trust to name itself, and dev plays dev → hop → target",
           w, {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False, "changes": []}, ADMIN_AS_OTHER], "admin": True},
           "dev's policy names another role to assume: hop's permissions are rewritten for nobody",
           {"patch": [{"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Resource", "value": f"arn:aws:iam::{A}:role/else"}]}, NONE)

w = world([{"arn": DEV, "policies": [{"name": "Keys", "document": doc(allow("iam:CreateAccessKey", OPS))},
                                     {"name": "Grant", "document": doc(allow("iam:AttachUserPolicy", OPS))}]},
           {"arn": OPS, "policies": []}],
          [role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("rewrite-permissions-taken-over-user", "CreateAccessKey (IAM API Reference); AttachUserPolicy (IAM API Reference); Manage access keys for IAM users",
           "dev may create an access key for ops and attach any policy to ops: ops is given everything, rewrites target's trust to name itself and assumes it, with the key dev created",
           w, {"reaches": [ADMIN_AS_OTHER], "admin": True},
           "an explicit Deny of iam:CreateAccessKey in a second policy: ops's new permissions are nobody's to use",
           {"patch": [{"op": "add", "path": "/users/0/policies/-", "value": {"name": "NoKeys", "document": doc(deny("iam:CreateAccessKey"))}}], "cite": EVAL_CITE}, NONE)

w = world([{"arn": DEV, "policies": [{"name": "Wear", "document": doc(allow("sts:AssumeRole", OTHER_ROLE))}]}],
          [role(OTHER_ROLE, trust({"AWS": f"arn:aws:iam::{A}:root"}), [{"name": "GrantDev", "document": doc(allow("iam:PutUserPolicy", DEV))}]),
           role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("rewrite-permissions-of-the-caller", "PutUserPolicy (IAM API Reference); Adding and removing IAM identity permissions",
           "dev wears `hop`, which may put a policy on dev: dev is given everything, rewrites target's trust to name itself and assumes it",
           w, {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False, "changes": []},
                           {"role": TARGET, "via": ["sts:AssumeRole", "administrator"], "conditional": False,
                            "changes": ["rewritePermissions", "updateAssumeRolePolicy"]}], "admin": True},
           "hop's policy names ops, not dev",
           {"patch": [{"op": "replace", "path": "/roles/0/policies/0/document/Statement/0/Resource", "value": OPS}]},
           {"reaches": [{"role": OTHER_ROLE, "via": ["sts:AssumeRole"], "conditional": False, "changes": []}], "admin": False})

w = world([{"arn": DEV, "policies": [{"name": "Trust", "document": doc(allow("iam:UpdateAssumeRolePolicy", OTHER_ROLE))},
                                     {"name": "Grant", "document": doc(allow("iam:PutRolePolicy", OTHER_ROLE))}]}],
          [role(OTHER_ROLE, trust({"Service": "ec2.amazonaws.com"})), role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("rewrite-permissions-rewritten-trust", "UpdateAssumeRolePolicy (IAM API Reference); PutRolePolicy (IAM API Reference); Methods to assume a role (role chaining)",
           "dev may rewrite hop's trust to name itself and put a policy on hop: hop is given everything, rewrites target's trust to name itself, and dev plays dev → hop → target",
           w, {"reaches": [{"role": OTHER_ROLE, "via": ["iam:UpdateAssumeRolePolicy"], "conditional": False, "changes": ["updateAssumeRolePolicy"]},
                           {"role": TARGET, "via": ["administrator"], "conditional": False,
                            "changes": ["updateAssumeRolePolicy", "rewritePermissions", "updateAssumeRolePolicy"]}], "admin": True},
           "a permissions boundary that allows iam:UpdateAssumeRolePolicy and sts:AssumeRole but not iam:PutRolePolicy",
           {"patch": [{"op": "add", "path": "/users/0/permissionsBoundary", "value": {"name": "TrustOnly", "document": doc(allow(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"]))}}], "cite": BOUNDARY_CITE},
           {"reaches": [{"role": OTHER_ROLE, "via": ["iam:UpdateAssumeRolePolicy"], "conditional": False, "changes": ["updateAssumeRolePolicy"]}], "admin": False})

HELPER = f"arn:aws:iam::{A}:role/helper"
w = world([], [role(OTHER_ROLE, trust({"AWS": f"arn:aws:iam::{A}:root"}), [{"name": "Wear", "document": doc(allow("sts:AssumeRole", HELPER))}]),
               role(HELPER, trust({"AWS": f"arn:aws:iam::{A}:root"}), [{"name": "GrantHop", "document": doc(allow("iam:AttachRolePolicy", OTHER_ROLE))}]),
               role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("rewrite-permissions-of-the-calling-role", "AttachRolePolicy (IAM API Reference); Adding and removing IAM identity permissions",
           "a session of `hop` wears `helper`, which may attach any policy to hop: hop is given everything, rewrites target's trust to name itself, and its session assumes target",
           w, {"reaches": [{"role": HELPER, "via": ["sts:AssumeRole"], "conditional": False, "changes": []},
                           {"role": TARGET, "via": ["sts:AssumeRole", "administrator"], "conditional": False,
                            "changes": ["rewritePermissions", "updateAssumeRolePolicy"]}], "admin": True},
           "helper's policy names another role, not hop",
           {"patch": [{"op": "replace", "path": "/roles/1/policies/0/document/Statement/0/Resource", "value": f"arn:aws:iam::{A}:role/else"}]},
           {"reaches": [{"role": HELPER, "via": ["sts:AssumeRole"], "conditional": False, "changes": []}], "admin": False},
           principal=OTHER_ROLE)

# Administrator: everything on everything. AWS managed policies are attached by ARN, as AWS does;
# the harness fills them in from the managed-policy catalogue (AWS's current default version),
# never a typed copy ("AWS managed policies").
ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess"
w = world([{"arn": DEV, "policies": [ADMINISTRATOR_ACCESS]}],
          [role(TARGET, trust({"Service": "ec2.amazonaws.com"})), slr])
reach_case("administrator", "Modifying a role trust policy; AWS managed policies for job functions (AdministratorAccess)",
           "an administrator can rewrite any role's trust policy: every role but the service-linked one",
           w, TRUST_REWRITTEN, "a permissions boundary allowing only S3",
           {"patch": [{"op": "add", "path": "/users/0/permissionsBoundary", "value": {"name": "S3Only", "document": doc(allow("s3:*"))}}], "cite": BOUNDARY_CITE}, NONE)

# Who can: assume (same account by ARN, cross-account, `:root`, MFA) and pass with useful services.
w = world(
    [{"arn": DEV, "policies": [{"name": "PassAny", "document": doc(allow("iam:PassRole", TARGET))}]},
     {"arn": OPS, "policies": [{"name": "PassLambda", "document": doc(allow("iam:PassRole", "*", {"StringEquals": {"iam:PassedToService": ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]}}))}]},
     {"arn": DAN, "policies": [{"name": "AssumeTarget", "document": doc(allow("sts:AssumeRole", TARGET))}]}],
    [role(TARGET, doc(
        {"Effect": "Allow", "Principal": {"AWS": DEV}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{B}:root"}, "Action": "sts:AssumeRole"},
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}))],
    [{"id": A}, {"id": B}])
write("who-can", {
    "family": "who-can", "about": "who may assume target (dev with MFA, dan across accounts) and pass it (dev to any service, ops to Lambda and ECS of which only Lambda is useful)",
    "cite": "IAM JSON policy elements: Principal; Cross-account policy evaluation logic; Grant a user permissions to pass a role to an AWS service",
    "question": {"whoCan": TARGET}, "world": w,
    "expect": {"canAssume": [{"principal": DEV, "conditional": True, "conditionKeys": ["aws:MultiFactorAuthPresent"]},
                             {"principal": DAN, "conditional": False, "conditionKeys": []}],
               "canPass": [{"principal": DEV, "services": "*", "usefulServices": ["lambda.amazonaws.com"]},
                           {"principal": OPS, "services": ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"], "usefulServices": ["lambda.amazonaws.com"]}]},
    "twin": {"about": "the trust policy names another service: ops's and dev's passes are useless",
             "cite": "Grant a user permissions to pass a role to an AWS service",
             "patch": [{"op": "replace", "path": "/roles/0/trustPolicy/Statement/2/Principal/Service", "value": "batch.amazonaws.com"}],
             "expect": {"canAssume": [{"principal": DEV, "conditional": True, "conditionKeys": ["aws:MultiFactorAuthPresent"]},
                                      {"principal": DAN, "conditional": False, "conditionKeys": []}],
                        "canPass": [{"principal": DEV, "services": "*", "usefulServices": ["batch.amazonaws.com"]},
                                    {"principal": OPS, "services": ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"], "usefulServices": []}]}},
})

# Who can with an ExternalId: conditional.
w = world([{"arn": DAN, "policies": [{"name": "AssumeTarget", "document": doc(allow("sts:AssumeRole", TARGET))}]}],
          [role(TARGET, trust({"AWS": DAN}, {"StringEquals": {"sts:ExternalId": "Unique1234"}}))], [{"id": A}, {"id": B}])
write("who-can-external-id", {
    "family": "who-can-external-id", "about": "a third party's user may assume the role only with the ExternalId: conditional",
    "cite": "Access to AWS accounts owned by third parties (external ID)",
    "question": {"whoCan": TARGET}, "world": w,
    "expect": {"canAssume": [{"principal": DAN, "conditional": True, "conditionKeys": ["sts:ExternalId"]}], "canPass": []},
    "twin": {"about": "dan's own policy allows nothing: across accounts the identity side must allow too",
             "cite": "Cross-account policy evaluation logic",
             "patch": [{"op": "replace", "path": "/users/0/policies/0/document/Statement/0/Effect", "value": "Deny"}],
             "expect": {"canAssume": [], "canPass": []}},
})
print("written")
