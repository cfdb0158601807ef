//! The escalation families that involve roles: each a way for a principal to end up acting as a
//! role, as data — the service that puts the mask on, the permissions the principal needs, and
//! the AWS page that makes the edge work.
//!
//! Families are collected from the public catalogues (Rhino Security Labs' list of AWS privilege
//! escalation methods, Bishop Fox's iam-vulnerable, pathfinding.cloud); each is argued here from
//! AWS's own documentation, not from any tool's output.

/// How a family uses a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mechanism {
    /// The principal passes the role to a new resource the service runs code with
    /// (`iam:PassRole` with `iam:PassedToService` = the service).
    Pass,
    /// The principal runs its own code in an existing resource that already carries the role.
    /// The export does not list such resources, so the edge is conditional on one existing.
    Existing,
}

/// One escalation family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    /// A stable id, e.g. `passrole-ec2`.
    pub id: &'static str,
    /// The mechanism as `via` names it: `iam:PassRole+ec2:RunInstances`.
    pub via: &'static str,
    /// The service principal that assumes the role.
    pub service: &'static str,
    /// Pass a role, or use a resource that has one.
    pub mechanism: Mechanism,
    /// The actions the principal needs besides `iam:PassRole`, each on `*`-scoped resources of
    /// its service (AWS evaluates them on the resource the call creates or touches).
    pub actions: &'static [(&'static str, &'static str)],
    /// What must exist that the export does not say (for [`Mechanism::Existing`]).
    pub assumes: Option<&'static str>,
    /// The AWS page that makes the edge work.
    pub cite: &'static str,
}

const EC2: &str = "ec2.amazonaws.com";
const LAMBDA: &str = "lambda.amazonaws.com";
const CFN: &str = "cloudformation.amazonaws.com";
const CODEBUILD: &str = "codebuild.amazonaws.com";
const ECS: &str = "ecs-tasks.amazonaws.com";
const GLUE: &str = "glue.amazonaws.com";
const SAGEMAKER: &str = "sagemaker.amazonaws.com";
const DATAPIPELINE: &str = "datapipeline.amazonaws.com";
const APPRUNNER: &str = "tasks.apprunner.amazonaws.com";

/// Resource placeholders: `{region}` and `{account}` are filled with the role's account and
/// `us-east-1`.
const ANY_INSTANCE: &str = "arn:aws:ec2:{region}:{account}:instance/*";
const ANY_FUNCTION: &str = "arn:aws:lambda:{region}:{account}:function:omen-reach";
const ANY_STACK: &str = "arn:aws:cloudformation:{region}:{account}:stack/omen-reach/*";
const ANY_PROJECT: &str = "arn:aws:codebuild:{region}:{account}:project/omen-reach";
const ANY_TASK_DEFINITION: &str = "arn:aws:ecs:{region}:{account}:task-definition/omen-reach:1";
const ANY_NOTEBOOK: &str = "arn:aws:sagemaker:{region}:{account}:notebook-instance/omen-reach";

/// Every family Omen covers.
pub const FAMILIES: &[Family] = &[
    Family {
        id: "passrole-ec2",
        via: "iam:PassRole+ec2:RunInstances",
        service: EC2,
        mechanism: Mechanism::Pass,
        actions: &[("ec2:RunInstances", ANY_INSTANCE)],
        assumes: Some("instanceProfile"),
        cite: "Use an IAM role to grant permissions to applications running on Amazon EC2 instances",
    },
    Family {
        id: "passrole-autoscaling",
        via: "iam:PassRole+autoscaling:CreateLaunchConfiguration+autoscaling:CreateAutoScalingGroup",
        service: EC2,
        mechanism: Mechanism::Pass,
        actions: &[("autoscaling:CreateLaunchConfiguration", "*"), ("autoscaling:CreateAutoScalingGroup", "*")],
        assumes: Some("instanceProfile"),
        cite: "Launch configurations (Amazon EC2 Auto Scaling User Guide): IAM role for applications that run on Amazon EC2 instances",
    },
    Family {
        id: "passrole-lambda-invoke",
        via: "iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction",
        service: LAMBDA,
        mechanism: Mechanism::Pass,
        actions: &[("lambda:CreateFunction", ANY_FUNCTION), ("lambda:InvokeFunction", ANY_FUNCTION)],
        assumes: None,
        cite: "Defining Lambda function permissions with an execution role",
    },
    Family {
        id: "passrole-lambda-event-source",
        via: "iam:PassRole+lambda:CreateFunction+lambda:CreateEventSourceMapping",
        service: LAMBDA,
        mechanism: Mechanism::Pass,
        actions: &[("lambda:CreateFunction", ANY_FUNCTION), ("lambda:CreateEventSourceMapping", "*")],
        assumes: None,
        cite: "How Lambda processes records from stream and queue-based event sources",
    },
    Family {
        id: "passrole-lambda-add-permission",
        via: "iam:PassRole+lambda:CreateFunction+lambda:AddPermission",
        service: LAMBDA,
        mechanism: Mechanism::Pass,
        actions: &[("lambda:CreateFunction", ANY_FUNCTION), ("lambda:AddPermission", ANY_FUNCTION)],
        assumes: None,
        cite: "Working with resource-based IAM policies in Lambda",
    },
    Family {
        id: "passrole-cloudformation",
        via: "iam:PassRole+cloudformation:CreateStack",
        service: CFN,
        mechanism: Mechanism::Pass,
        actions: &[("cloudformation:CreateStack", ANY_STACK)],
        assumes: None,
        cite: "AWS CloudFormation service role",
    },
    Family {
        id: "passrole-cloudformation-update",
        via: "iam:PassRole+cloudformation:UpdateStack",
        service: CFN,
        mechanism: Mechanism::Pass,
        actions: &[("cloudformation:UpdateStack", ANY_STACK)],
        assumes: Some("stack"),
        cite: "AWS CloudFormation service role",
    },
    Family {
        id: "passrole-cloudformation-changeset",
        via: "iam:PassRole+cloudformation:CreateChangeSet+cloudformation:ExecuteChangeSet",
        service: CFN,
        mechanism: Mechanism::Pass,
        actions: &[("cloudformation:CreateChangeSet", ANY_STACK), ("cloudformation:ExecuteChangeSet", ANY_STACK)],
        assumes: None,
        cite: "AWS CloudFormation service role",
    },
    Family {
        id: "passrole-codebuild",
        via: "iam:PassRole+codebuild:CreateProject+codebuild:StartBuild",
        service: CODEBUILD,
        mechanism: Mechanism::Pass,
        actions: &[("codebuild:CreateProject", ANY_PROJECT), ("codebuild:StartBuild", ANY_PROJECT)],
        assumes: None,
        cite: "Allow CodeBuild to interact with other AWS services",
    },
    Family {
        id: "passrole-ecs",
        via: "iam:PassRole+ecs:RegisterTaskDefinition+ecs:RunTask",
        service: ECS,
        mechanism: Mechanism::Pass,
        actions: &[("ecs:RegisterTaskDefinition", "*"), ("ecs:RunTask", ANY_TASK_DEFINITION)],
        assumes: None,
        cite: "Amazon ECS task IAM role",
    },
    Family {
        id: "passrole-ecs-service",
        via: "iam:PassRole+ecs:RegisterTaskDefinition+ecs:CreateService",
        service: ECS,
        mechanism: Mechanism::Pass,
        actions: &[("ecs:RegisterTaskDefinition", "*"), ("ecs:CreateService", "*")],
        assumes: None,
        cite: "Amazon ECS task IAM role",
    },
    Family {
        id: "passrole-glue-dev-endpoint",
        via: "iam:PassRole+glue:CreateDevEndpoint",
        service: GLUE,
        mechanism: Mechanism::Pass,
        actions: &[("glue:CreateDevEndpoint", "*")],
        assumes: None,
        cite: "Setting up IAM permissions for AWS Glue",
    },
    Family {
        id: "passrole-glue-job",
        via: "iam:PassRole+glue:CreateJob+glue:StartJobRun",
        service: GLUE,
        mechanism: Mechanism::Pass,
        actions: &[("glue:CreateJob", "*"), ("glue:StartJobRun", "*")],
        assumes: None,
        cite: "Setting up IAM permissions for AWS Glue",
    },
    Family {
        id: "passrole-sagemaker-notebook",
        via: "iam:PassRole+sagemaker:CreateNotebookInstance+sagemaker:CreatePresignedNotebookInstanceUrl",
        service: SAGEMAKER,
        mechanism: Mechanism::Pass,
        actions: &[
            ("sagemaker:CreateNotebookInstance", ANY_NOTEBOOK),
            ("sagemaker:CreatePresignedNotebookInstanceUrl", ANY_NOTEBOOK),
        ],
        assumes: None,
        cite: "How to use SageMaker AI execution roles",
    },
    Family {
        id: "passrole-sagemaker-training",
        via: "iam:PassRole+sagemaker:CreateTrainingJob",
        service: SAGEMAKER,
        mechanism: Mechanism::Pass,
        actions: &[("sagemaker:CreateTrainingJob", "*")],
        assumes: None,
        cite: "How to use SageMaker AI execution roles",
    },
    Family {
        id: "passrole-sagemaker-processing",
        via: "iam:PassRole+sagemaker:CreateProcessingJob",
        service: SAGEMAKER,
        mechanism: Mechanism::Pass,
        actions: &[("sagemaker:CreateProcessingJob", "*")],
        assumes: None,
        cite: "How to use SageMaker AI execution roles",
    },
    Family {
        id: "passrole-datapipeline",
        via: "iam:PassRole+datapipeline:CreatePipeline+datapipeline:PutPipelineDefinition+datapipeline:ActivatePipeline",
        service: DATAPIPELINE,
        mechanism: Mechanism::Pass,
        actions: &[
            ("datapipeline:CreatePipeline", "*"),
            ("datapipeline:PutPipelineDefinition", "*"),
            ("datapipeline:ActivatePipeline", "*"),
        ],
        assumes: None,
        cite: "IAM roles for AWS Data Pipeline",
    },
    Family {
        id: "passrole-apprunner",
        via: "iam:PassRole+apprunner:CreateService",
        service: APPRUNNER,
        mechanism: Mechanism::Pass,
        actions: &[("apprunner:CreateService", "*")],
        assumes: None,
        cite: "App Runner roles: instance role",
    },
    Family {
        id: "existing-cloudformation-update",
        via: "cloudformation:UpdateStack",
        service: CFN,
        mechanism: Mechanism::Existing,
        actions: &[("cloudformation:UpdateStack", ANY_STACK)],
        assumes: Some("stack"),
        cite: "UpdateStack (AWS CloudFormation API Reference): RoleARN — without one, the stack's role is used, even by users who may not pass it",
    },
    Family {
        id: "existing-ssm-send-command",
        via: "ssm:SendCommand",
        service: EC2,
        mechanism: Mechanism::Existing,
        actions: &[("ssm:SendCommand", ANY_INSTANCE)],
        assumes: Some("instance"),
        cite: "AWS Systems Manager Run Command",
    },
    Family {
        id: "existing-ssm-start-session",
        via: "ssm:StartSession",
        service: EC2,
        mechanism: Mechanism::Existing,
        actions: &[("ssm:StartSession", ANY_INSTANCE)],
        assumes: Some("instance"),
        cite: "AWS Systems Manager Session Manager",
    },
    Family {
        id: "existing-ec2-instance-connect",
        via: "ec2-instance-connect:SendSSHPublicKey",
        service: EC2,
        mechanism: Mechanism::Existing,
        actions: &[("ec2-instance-connect:SendSSHPublicKey", ANY_INSTANCE)],
        assumes: Some("instance"),
        cite: "Connect to your Linux instance using EC2 Instance Connect",
    },
    Family {
        id: "existing-lambda-update-code",
        via: "lambda:UpdateFunctionCode",
        service: LAMBDA,
        mechanism: Mechanism::Existing,
        actions: &[("lambda:UpdateFunctionCode", ANY_FUNCTION)],
        assumes: Some("function"),
        cite: "Defining Lambda function permissions with an execution role",
    },
    Family {
        id: "existing-codebuild-start-build",
        via: "codebuild:StartBuild",
        service: CODEBUILD,
        mechanism: Mechanism::Existing,
        actions: &[("codebuild:StartBuild", ANY_PROJECT)],
        assumes: Some("project"),
        cite: "StartBuild (AWS CodeBuild API Reference): buildspecOverride",
    },
    Family {
        id: "existing-glue-update-dev-endpoint",
        via: "glue:UpdateDevEndpoint",
        service: GLUE,
        mechanism: Mechanism::Existing,
        actions: &[("glue:UpdateDevEndpoint", "*")],
        assumes: Some("devEndpoint"),
        cite: "UpdateDevEndpoint action (AWS Glue API)",
    },
    Family {
        id: "existing-sagemaker-notebook-url",
        via: "sagemaker:CreatePresignedNotebookInstanceUrl",
        service: SAGEMAKER,
        mechanism: Mechanism::Existing,
        actions: &[("sagemaker:CreatePresignedNotebookInstanceUrl", ANY_NOTEBOOK)],
        assumes: Some("notebookInstance"),
        cite: "How to use SageMaker AI execution roles",
    },
];

/// The resource pattern that stands for an existing resource of type `what` (a family's
/// `assumes`) in its actions, replaced by the resource's ARN when the import lists one.
pub fn placeholder(what: &str) -> Option<&'static str> {
    match what {
        "function" => Some(ANY_FUNCTION),
        "stack" => Some(ANY_STACK),
        "project" => Some(ANY_PROJECT),
        "notebookInstance" => Some(ANY_NOTEBOOK),
        _ => None,
    }
}

/// Fill `{region}` and `{account}` in a resource pattern.
pub fn fill(resource: &str, account: &str) -> String {
    resource.replace("{region}", "us-east-1").replace("{account}", account)
}
