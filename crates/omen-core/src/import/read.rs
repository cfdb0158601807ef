//! Recognising which AWS CLI command printed a JSON document, and reading it into the
//! [`Inventory`](super::inventory::Inventory), field by field, with a finding at the exact JSON
//! pointer of anything that is not what the IAM API Reference says it is.
//!
//! Shapes, from the IAM API Reference: "GetAccountAuthorizationDetails" (`UserDetailList` of
//! "UserDetail", `GroupDetailList` of "GroupDetail", `RoleDetailList` of "RoleDetail",
//! `Policies` of "ManagedPolicyDetail" with `PolicyVersionList` of "PolicyVersion", `IsTruncated`,
//! `Marker`); "GetRole" (`Role`: "Role"); "GetUser" (`User`: "User"); "GetRolePolicy",
//! "GetUserPolicy", "GetGroupPolicy" (`RoleName`/`UserName`/`GroupName`, `PolicyName`,
//! `PolicyDocument`); "GetPolicy" (`Policy`: "Policy"); "GetPolicyVersion" (`PolicyVersion`);
//! "ListRoles", "ListUsers", "ListPolicies" (which, the reference says, do not return tags or
//! permissions boundaries). The AWS CLI adds `NextToken` when `--max-items` cut the listing.
//! Beside IAM, the resources that carry a role: "ListFunctions" / "GetFunction" (AWS Lambda API
//! Reference: `Functions` / `Configuration` of "FunctionConfiguration", `FunctionArn`, `Role`) and
//! "DescribeStacks" (AWS CloudFormation API Reference: `Stacks` of "Stack", `StackId`, `RoleARN`).

use super::arn::IamArn;
use super::diagnostic::{found_type, Finding};
use super::document::{read_document, Document, DocumentProblem};
use super::inventory::{
    merge_group, merge_policy, merge_role, merge_user, Carrier, GroupEntity, InlinePolicy, InstanceProfile, Inventory,
    ManagedPolicy, Origin, OtherVersion, RoleEntity, Tag, UserEntity,
};
use crate::flow::Text;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Which AWS CLI output a JSON document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Shape {
    /// `aws iam get-account-authorization-details`.
    AuthorizationDetails,
    /// `aws iam get-role`.
    GetRole,
    /// `aws iam get-user`.
    GetUser,
    /// `aws iam get-role-policy`.
    GetRolePolicy,
    /// `aws iam get-user-policy`.
    GetUserPolicy,
    /// `aws iam get-group-policy`.
    GetGroupPolicy,
    /// `aws iam get-policy`.
    GetPolicy,
    /// `aws iam get-policy-version`.
    GetPolicyVersion,
    /// `aws iam list-roles`.
    ListRoles,
    /// `aws iam list-users`.
    ListUsers,
    /// `aws iam list-policies`.
    ListPolicies,
    /// `aws lambda list-functions` (or `get-function`).
    LambdaFunctions,
    /// `aws cloudformation describe-stacks`.
    CloudFormationStacks,
    /// A bare policy document.
    PolicyDocument,
    /// `aws sts assume-role` (or `get-session-token`) output: credentials, not IAM data.
    StsCredentials,
    /// None of the above.
    Unknown,
}

impl Shape {
    /// The command that prints this shape.
    pub fn command(self) -> &'static str {
        match self {
            Self::AuthorizationDetails => "aws iam get-account-authorization-details",
            Self::GetRole => "aws iam get-role",
            Self::GetUser => "aws iam get-user",
            Self::GetRolePolicy => "aws iam get-role-policy",
            Self::GetUserPolicy => "aws iam get-user-policy",
            Self::GetGroupPolicy => "aws iam get-group-policy",
            Self::GetPolicy => "aws iam get-policy",
            Self::GetPolicyVersion => "aws iam get-policy-version",
            Self::ListRoles => "aws iam list-roles",
            Self::ListUsers => "aws iam list-users",
            Self::ListPolicies => "aws iam list-policies",
            Self::LambdaFunctions => "aws lambda list-functions",
            Self::CloudFormationStacks => "aws cloudformation describe-stacks",
            Self::PolicyDocument => "a policy document",
            Self::StsCredentials => "aws sts assume-role",
            Self::Unknown => "unknown",
        }
    }

    /// Whether the document describes one entity (so a damaged one cannot be partly kept).
    pub(crate) fn is_single_entity(self) -> bool {
        matches!(
            self,
            Self::GetRole
                | Self::GetUser
                | Self::GetRolePolicy
                | Self::GetUserPolicy
                | Self::GetGroupPolicy
                | Self::GetPolicy
                | Self::GetPolicyVersion
        )
    }
}

/// Recognise the command that printed `value`.
pub fn recognise(value: &Value) -> Shape {
    let Value::Object(fields) = value else { return Shape::Unknown };
    let is_object = |key: &str| fields.get(key).is_some_and(Value::is_object);
    let is_list = |key: &str| fields.get(key).is_some_and(Value::is_array);
    if ["UserDetailList", "GroupDetailList", "RoleDetailList"].iter().any(|k| fields.contains_key(*k)) {
        return Shape::AuthorizationDetails;
    }
    if is_list("Policies") {
        let has_versions = fields
            .get("Policies")
            .and_then(Value::as_array)
            .is_some_and(|policies| policies.iter().any(|p| p.get("PolicyVersionList").is_some()));
        return if has_versions { Shape::AuthorizationDetails } else { Shape::ListPolicies };
    }
    if fields.contains_key("PolicyDocument") {
        if fields.contains_key("RoleName") {
            return Shape::GetRolePolicy;
        }
        if fields.contains_key("UserName") {
            return Shape::GetUserPolicy;
        }
        if fields.contains_key("GroupName") {
            return Shape::GetGroupPolicy;
        }
    }
    if is_object("Role") {
        Shape::GetRole
    } else if is_object("User") {
        Shape::GetUser
    } else if is_object("PolicyVersion") {
        Shape::GetPolicyVersion
    } else if is_object("Policy") {
        Shape::GetPolicy
    } else if is_list("Roles") {
        Shape::ListRoles
    } else if is_list("Users") && !fields.contains_key("Group") {
        Shape::ListUsers
    } else if is_list("Functions") || fields.get("Configuration").is_some_and(|c| c.get("FunctionArn").is_some()) {
        Shape::LambdaFunctions
    } else if is_list("Stacks") {
        Shape::CloudFormationStacks
    } else if is_object("Credentials") {
        Shape::StsCredentials
    } else if fields.contains_key("Statement") {
        Shape::PolicyDocument
    } else {
        Shape::Unknown
    }
}

/// Which file and document is being read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'f> {
    /// Index of the file.
    pub file_index: usize,
    /// Its name.
    pub file: &'f str,
    /// Which document of the file.
    pub document: usize,
    /// Whether the document was cut or damaged (only its complete entries were kept).
    pub damaged: bool,
}

impl Place<'_> {
    fn origin(&self, pointer: &str) -> Origin {
        Origin { file: self.file.to_string(), document: self.document, pointer: pointer.to_string() }
    }

    fn stem(&self) -> &str {
        let name = self.file.rsplit(['/', '\\']).next().unwrap_or(self.file);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }
}

/// An inline policy for an entity named without its account (`get-role-policy`).
#[derive(Debug, Clone)]
struct PendingInline {
    kind: EntityKind,
    entity: String,
    policy: InlinePolicy,
    file_index: usize,
    document: usize,
}

/// A policy version whose policy is worked out once every file is read.
#[derive(Debug, Clone)]
struct PendingVersion {
    version_id: String,
    is_default: bool,
    document: Option<Document>,
    origin: Origin,
    file_index: usize,
    stem: String,
}

/// Users, groups or roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntityKind {
    User,
    Group,
    Role,
}

impl EntityKind {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Self::User => ("user", "ユーザー"),
            Self::Group => ("group", "グループ"),
            Self::Role => ("role", "ロール"),
        }
    }
}

/// Collects the inventory and the findings while files are read.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    /// What has been read.
    pub inventory: Inventory,
    /// Findings, with the index of their file.
    pub findings: Vec<(usize, Finding)>,
    /// Which shapes each document of each file had.
    pub shapes: Vec<Vec<Shape>>,
    pending_inline: Vec<PendingInline>,
    pending_versions: Vec<PendingVersion>,
    /// `get-policy` records per file: (file index, ARN, default version id).
    policy_records: Vec<(usize, String, Option<String>)>,
    /// ARN → index of the entity in its account's list.
    users: HashMap<String, usize>,
    groups: HashMap<String, usize>,
    roles: HashMap<String, usize>,
    policies: HashMap<String, usize>,
}

/// A JSON value with its pointer.
#[derive(Clone, Copy)]
struct Node<'v, 'p> {
    value: &'v Value,
    pointer: &'p str,
}

impl Builder {
    fn note(&mut self, place: Place<'_>, finding: Finding) {
        self.findings.push((place.file_index, finding));
    }

    /// Read one JSON document of a file.
    pub fn read(&mut self, place: Place<'_>, value: &Value) -> Shape {
        let shape = recognise(value);
        if self.shapes.len() <= place.file_index {
            self.shapes.resize(place.file_index + 1, Vec::new());
        }
        if let Some(shapes) = self.shapes.get_mut(place.file_index) {
            shapes.push(shape);
        }
        if place.damaged && shape.is_single_entity() {
            // One entity, cut: keeping part of it would pass a guess off as the export.
            return shape;
        }
        let root = Node { value, pointer: "" };
        match shape {
            Shape::AuthorizationDetails => self.read_authorization_details(place, root),
            Shape::GetRole => self.read_wrapped(place, root, "Role", |b, p, n| b.read_role(p, n, Fields::Described)),
            Shape::GetUser => self.read_wrapped(place, root, "User", |b, p, n| b.read_user(p, n, Fields::Described)),
            Shape::GetPolicy => self.read_wrapped(place, root, "Policy", |b, p, n| b.read_policy(p, n, false)),
            Shape::GetRolePolicy => self.read_entity_policy(place, root, EntityKind::Role),
            Shape::GetUserPolicy => self.read_entity_policy(place, root, EntityKind::User),
            Shape::GetGroupPolicy => self.read_entity_policy(place, root, EntityKind::Group),
            Shape::GetPolicyVersion => self.read_policy_version(place, root),
            Shape::ListRoles => self.read_listing(place, root, "Roles", |b, p, n| b.read_role(p, n, Fields::Listed)),
            Shape::ListUsers => self.read_listing(place, root, "Users", |b, p, n| b.read_user(p, n, Fields::Listed)),
            Shape::ListPolicies => self.read_listing(place, root, "Policies", |b, p, n| b.read_policy(p, n, false)),
            Shape::LambdaFunctions if root.value.get("Functions").is_some() => {
                self.read_listing(place, root, "Functions", |b, p, n| b.read_carrier(p, n, "function"));
            }
            Shape::LambdaFunctions => {
                self.read_wrapped(place, root, "Configuration", |b, p, n| b.read_carrier(p, n, "function"));
            }
            Shape::CloudFormationStacks => {
                self.read_listing(place, root, "Stacks", |b, p, n| b.read_carrier(p, n, "stack"));
            }
            Shape::PolicyDocument => self.note(place, lone_document(place.document)),
            Shape::StsCredentials => self.note(place, sts_credentials(place.document)),
            Shape::Unknown => self.note(place, unknown_shape(place.document, value)),
        }
        shape
    }

    fn read_wrapped(
        &mut self,
        place: Place<'_>,
        root: Node<'_, '_>,
        key: &str,
        read: impl Fn(&mut Self, Place<'_>, Node<'_, '_>),
    ) {
        let pointer = format!("/{key}");
        if let Some(value) = root.value.get(key) {
            read(self, place, Node { value, pointer: &pointer });
        }
    }

    fn read_listing(
        &mut self,
        place: Place<'_>,
        root: Node<'_, '_>,
        key: &str,
        read: impl Fn(&mut Self, Place<'_>, Node<'_, '_>),
    ) {
        self.check_truncation(place, root);
        for (pointer, item) in self.list(place, root, key).unwrap_or_default() {
            read(self, place, Node { value: item, pointer: &pointer });
        }
    }

    fn check_truncation(&mut self, place: Place<'_>, root: Node<'_, '_>) {
        let truncated = root.value.get("IsTruncated").and_then(Value::as_bool) == Some(true);
        let token = ["NextToken", "Marker"].into_iter().find(|k| root.value.get(*k).is_some());
        if truncated || token.is_some() {
            let pointer = token.map_or("/IsTruncated".to_string(), |k| format!("/{k}"));
            self.note(place, partial_listing(place.document, &pointer));
        }
    }

    fn read_authorization_details(&mut self, place: Place<'_>, root: Node<'_, '_>) {
        self.check_truncation(place, root);
        // Policies first, so that entities read afterwards find them (order does not matter
        // for the result: references are resolved once every file is read).
        for (pointer, item) in self.list(place, root, "Policies").unwrap_or_default() {
            self.read_policy(place, Node { value: item, pointer: &pointer }, true);
        }
        for (pointer, item) in self.list(place, root, "GroupDetailList").unwrap_or_default() {
            self.read_group(place, Node { value: item, pointer: &pointer });
        }
        for (pointer, item) in self.list(place, root, "UserDetailList").unwrap_or_default() {
            self.read_user(place, Node { value: item, pointer: &pointer }, Fields::Detailed);
        }
        for (pointer, item) in self.list(place, root, "RoleDetailList").unwrap_or_default() {
            self.read_role(place, Node { value: item, pointer: &pointer }, Fields::Detailed);
        }
    }

    // ----- field readers, each reporting a wrong type at its pointer -----

    fn object<'v>(&mut self, place: Place<'_>, node: Node<'v, '_>, what: Text) -> Option<&'v Map<String, Value>> {
        match node.value {
            Value::Object(fields) => Some(fields),
            other => {
                self.note(
                    place,
                    wrong_type(place.document, node.pointer, &what, &Text::new("an object", "オブジェクト"), other),
                );
                None
            }
        }
    }

    /// The list at `key`, each item with its pointer; `None` when absent or not a list.
    fn list<'v>(&mut self, place: Place<'_>, node: Node<'v, '_>, key: &str) -> Option<Vec<(String, &'v Value)>> {
        let value = node.value.get(key)?;
        let pointer = child(node.pointer, key);
        match value {
            Value::Array(items) => {
                Some(items.iter().enumerate().map(|(i, item)| (format!("{pointer}/{i}"), item)).collect())
            }
            Value::Null => Some(Vec::new()),
            other => {
                self.note(
                    place,
                    wrong_type(
                        place.document,
                        &pointer,
                        &Text::new(format!("`{key}`"), format!("`{key}`")),
                        &Text::new("a list", "リスト"),
                        other,
                    ),
                );
                None
            }
        }
    }

    /// The string at `key`; a finding when present but not a string.
    fn string(&mut self, place: Place<'_>, node: Node<'_, '_>, key: &str) -> Option<String> {
        match node.value.get(key)? {
            Value::String(text) => Some(text.clone()),
            Value::Null => None,
            other => {
                let pointer = child(node.pointer, key);
                self.note(
                    place,
                    wrong_type(
                        place.document,
                        &pointer,
                        &Text::new(format!("`{key}`"), format!("`{key}`")),
                        &Text::new("a string", "文字列"),
                        other,
                    ),
                );
                None
            }
        }
    }

    /// The ARN at `Arn`, checked to be an IAM ARN of `resource_type`.
    fn arn(
        &mut self,
        place: Place<'_>,
        node: Node<'_, '_>,
        key: &str,
        resource_type: &str,
        name: &str,
    ) -> Option<(String, IamArn)> {
        let Some(arn) = self.string(place, node, key) else {
            self.note(place, missing_arn(place.document, node.pointer, key, resource_type, name));
            return None;
        };
        match IamArn::parse(&arn).filter(|a| a.resource_type == resource_type) {
            Some(parsed) => Some((arn, parsed)),
            None => {
                self.note(place, bad_arn(place.document, &child(node.pointer, key), &arn, resource_type));
                None
            }
        }
    }

    fn inline_policies(&mut self, place: Place<'_>, node: Node<'_, '_>, key: &str) -> Option<Vec<InlinePolicy>> {
        let items = self.list(place, node, key)?;
        let mut policies = Vec::with_capacity(items.len());
        for (pointer, item) in items {
            let node = Node { value: item, pointer: &pointer };
            if self.object(place, node, Text::new("an inline policy", "インラインポリシー")).is_none() {
                continue;
            }
            let name = self.string(place, node, "PolicyName").unwrap_or_default();
            let document = self.document(place, node, "PolicyDocument");
            policies.push(InlinePolicy { name, document, origin: place.origin(&pointer) });
        }
        Some(policies)
    }

    fn document(&mut self, place: Place<'_>, node: Node<'_, '_>, key: &str) -> Option<Document> {
        let pointer = child(node.pointer, key);
        let Some(value) = node.value.get(key) else {
            self.note(place, missing_document(place.document, node.pointer, key));
            return None;
        };
        let (document, problem) = read_document(value);
        if let Some(problem) = problem {
            self.note(place, unreadable_document(place.document, &pointer, &problem));
        }
        document
    }

    fn attached(&mut self, place: Place<'_>, node: Node<'_, '_>) -> Option<Vec<String>> {
        let items = self.list(place, node, "AttachedManagedPolicies")?;
        let mut arns = Vec::with_capacity(items.len());
        for (pointer, item) in items {
            let node = Node { value: item, pointer: &pointer };
            let name = item.get("PolicyName").and_then(Value::as_str).unwrap_or("").to_string();
            if let Some((arn, _)) = self.arn(place, node, "PolicyArn", "policy", &name) {
                arns.push(arn);
            }
        }
        Some(arns)
    }

    fn boundary(&mut self, place: Place<'_>, node: Node<'_, '_>) -> Option<String> {
        let value = node.value.get("PermissionsBoundary").filter(|v| !v.is_null())?;
        let pointer = child(node.pointer, "PermissionsBoundary");
        let boundary = Node { value, pointer: &pointer };
        self.object(place, boundary, Text::new("`PermissionsBoundary`", "`PermissionsBoundary`"))?;
        self.arn(place, boundary, "PermissionsBoundaryArn", "policy", "").map(|(arn, _)| arn)
    }

    fn tags(&mut self, place: Place<'_>, node: Node<'_, '_>) -> Vec<Tag> {
        let mut tags = Vec::new();
        for (pointer, item) in self.list(place, node, "Tags").unwrap_or_default() {
            let node = Node { value: item, pointer: &pointer };
            match (self.string(place, node, "Key"), self.string(place, node, "Value")) {
                (Some(key), Some(value)) => tags.push(Tag { key, value }),
                _ => self.note(place, bad_tag(place.document, &pointer)),
            }
        }
        tags
    }

    // ----- entities -----

    fn read_user(&mut self, place: Place<'_>, node: Node<'_, '_>, fields: Fields) {
        if self.object(place, node, Text::new("a user", "ユーザー")).is_none() {
            return;
        }
        let name = self.string(place, node, "UserName").unwrap_or_default();
        let Some((arn, parsed)) = self.arn(place, node, "Arn", "user", &name) else { return };
        let detailed = fields == Fields::Detailed;
        let user = UserEntity {
            name: if name.is_empty() { parsed.name.clone() } else { name },
            path: self.string(place, node, "Path").unwrap_or_else(|| parsed.path.clone()),
            id: self.string(place, node, "UserId"),
            inline_policies: if detailed {
                Some(self.inline_policies(place, node, "UserPolicyList").unwrap_or_default())
            } else {
                None
            },
            managed_policies: if detailed { Some(self.attached(place, node).unwrap_or_default()) } else { None },
            groups: if detailed { Some(self.group_names(place, node)) } else { None },
            permissions_boundary: (fields != Fields::Listed).then(|| self.boundary(place, node)),
            tags: (fields != Fields::Listed).then(|| self.tags(place, node)),
            origin: place.origin(node.pointer),
            arn: arn.clone(),
        };
        let account = self.inventory.account_mut(&parsed.account, &parsed.partition);
        match self.users.get(&arn).and_then(|i| account.users.get_mut(*i)) {
            Some(earlier) => merge_user(earlier, user),
            None => {
                self.users.insert(arn, account.users.len());
                account.users.push(user);
            }
        }
    }

    fn group_names(&mut self, place: Place<'_>, node: Node<'_, '_>) -> Vec<String> {
        let mut names = Vec::new();
        for (pointer, item) in self.list(place, node, "GroupList").unwrap_or_default() {
            match item {
                Value::String(name) => names.push(name.clone()),
                other => self.note(
                    place,
                    wrong_type(
                        place.document,
                        &pointer,
                        &Text::new("a group name", "グループ名"),
                        &Text::new("a string", "文字列"),
                        other,
                    ),
                ),
            }
        }
        names
    }

    fn read_group(&mut self, place: Place<'_>, node: Node<'_, '_>) {
        if self.object(place, node, Text::new("a group", "グループ")).is_none() {
            return;
        }
        let name = self.string(place, node, "GroupName").unwrap_or_default();
        let Some((arn, parsed)) = self.arn(place, node, "Arn", "group", &name) else { return };
        let group = GroupEntity {
            name: if name.is_empty() { parsed.name.clone() } else { name },
            path: self.string(place, node, "Path").unwrap_or_else(|| parsed.path.clone()),
            id: self.string(place, node, "GroupId"),
            inline_policies: Some(self.inline_policies(place, node, "GroupPolicyList").unwrap_or_default()),
            managed_policies: Some(self.attached(place, node).unwrap_or_default()),
            origin: place.origin(node.pointer),
            arn: arn.clone(),
        };
        let account = self.inventory.account_mut(&parsed.account, &parsed.partition);
        match self.groups.get(&arn).and_then(|i| account.groups.get_mut(*i)) {
            Some(earlier) => merge_group(earlier, group),
            None => {
                self.groups.insert(arn, account.groups.len());
                account.groups.push(group);
            }
        }
    }

    fn read_role(&mut self, place: Place<'_>, node: Node<'_, '_>, fields: Fields) {
        if self.object(place, node, Text::new("a role", "ロール")).is_none() {
            return;
        }
        let name = self.string(place, node, "RoleName").unwrap_or_default();
        let Some((arn, parsed)) = self.arn(place, node, "Arn", "role", &name) else { return };
        let detailed = fields == Fields::Detailed;
        let path = self.string(place, node, "Path").unwrap_or_else(|| parsed.path.clone());
        let max_session_duration = match node.value.get("MaxSessionDuration") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let seconds = value.as_i64();
                if seconds.is_none() {
                    let pointer = child(node.pointer, "MaxSessionDuration");
                    self.note(
                        place,
                        wrong_type(
                            place.document,
                            &pointer,
                            &Text::new("`MaxSessionDuration`", "`MaxSessionDuration`"),
                            &Text::new("a whole number of seconds", "秒数（整数）"),
                            value,
                        ),
                    );
                }
                seconds
            }
        };
        let last_used = node
            .value
            .get("RoleLastUsed")
            .and_then(|u| u.get("LastUsedDate"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let role = RoleEntity {
            name: if name.is_empty() { parsed.name.clone() } else { name },
            service_linked: path.starts_with("/aws-service-role/"),
            path,
            id: self.string(place, node, "RoleId"),
            trust_policy: self.document(place, node, "AssumeRolePolicyDocument"),
            inline_policies: if detailed {
                Some(self.inline_policies(place, node, "RolePolicyList").unwrap_or_default())
            } else {
                None
            },
            managed_policies: if detailed { Some(self.attached(place, node).unwrap_or_default()) } else { None },
            permissions_boundary: (fields != Fields::Listed).then(|| self.boundary(place, node)),
            tags: (fields != Fields::Listed).then(|| self.tags(place, node)),
            instance_profiles: if detailed { Some(self.instance_profiles(place, node)) } else { None },
            max_session_duration,
            last_used,
            origin: place.origin(node.pointer),
            arn: arn.clone(),
        };
        let account = self.inventory.account_mut(&parsed.account, &parsed.partition);
        match self.roles.get(&arn).and_then(|i| account.roles.get_mut(*i)) {
            Some(earlier) => merge_role(earlier, role),
            None => {
                self.roles.insert(arn, account.roles.len());
                account.roles.push(role);
            }
        }
    }

    fn instance_profiles(&mut self, place: Place<'_>, node: Node<'_, '_>) -> Vec<InstanceProfile> {
        let mut profiles = Vec::new();
        for (pointer, item) in self.list(place, node, "InstanceProfileList").unwrap_or_default() {
            let node = Node { value: item, pointer: &pointer };
            let name = self.string(place, node, "InstanceProfileName").unwrap_or_default();
            if let Some((arn, parsed)) = self.arn(place, node, "Arn", "instance-profile", &name) {
                let path = self.string(place, node, "Path").unwrap_or_else(|| parsed.path.clone());
                profiles.push(InstanceProfile { arn, name: if name.is_empty() { parsed.name } else { name }, path });
            }
        }
        profiles
    }

    /// A Lambda function (`FunctionArn`, `Role`) or a CloudFormation stack (`StackId`,
    /// `RoleARN`, absent when the stack has no service role), kept in the role's account.
    fn read_carrier(&mut self, place: Place<'_>, node: Node<'_, '_>, kind: &'static str) {
        let what = Text::new(format!("a {kind}"), if kind == "stack" { "スタック" } else { "関数" });
        if self.object(place, node, what).is_none() {
            return;
        }
        let (arn_key, role_key) = if kind == "stack" { ("StackId", "RoleARN") } else { ("FunctionArn", "Role") };
        let (Some(arn), Some(role)) = (self.string(place, node, arn_key), self.string(place, node, role_key)) else {
            return;
        };
        let Some(parsed) = IamArn::parse(&role).filter(|arn| arn.resource_type == "role") else {
            self.note(place, not_a_role(place.document, &child(node.pointer, role_key), &role));
            return;
        };
        let carrier = Carrier { kind, arn, role, origin: place.origin(node.pointer) };
        let account = self.inventory.account_mut(&parsed.account, &parsed.partition);
        if !account.carriers.contains(&carrier) {
            account.carriers.push(carrier);
        }
    }

    fn read_policy(&mut self, place: Place<'_>, node: Node<'_, '_>, with_versions: bool) {
        if self.object(place, node, Text::new("a managed policy", "管理ポリシー")).is_none() {
            return;
        }
        let name = self.string(place, node, "PolicyName").unwrap_or_default();
        let Some((arn, parsed)) = self.arn(place, node, "Arn", "policy", &name) else { return };
        let default_version_id = self.string(place, node, "DefaultVersionId");
        let (document, versions, other_versions) = if with_versions {
            self.default_version(place, node, &arn, default_version_id.as_deref())
        } else {
            (None, 0, Vec::new())
        };
        if !with_versions {
            self.policy_records.push((place.file_index, arn.clone(), default_version_id.clone()));
        }
        let policy = ManagedPolicy {
            name: if name.is_empty() { parsed.name.clone() } else { name },
            path: self.string(place, node, "Path").unwrap_or_else(|| parsed.path.clone()),
            id: self.string(place, node, "PolicyId"),
            default_version_id,
            document,
            versions,
            other_versions,
            aws_managed: parsed.is_aws_managed_policy(),
            origin: place.origin(node.pointer),
            arn: arn.clone(),
        };
        if policy.aws_managed {
            let list = &mut self.inventory.aws_managed_policies;
            match list.iter_mut().find(|p| p.arn == arn) {
                Some(earlier) => merge_policy(earlier, policy),
                None => list.push(policy),
            }
            return;
        }
        let account = self.inventory.account_mut(&parsed.account, &parsed.partition);
        match self.policies.get(&arn).and_then(|i| account.policies.get_mut(*i)) {
            Some(earlier) => merge_policy(earlier, policy),
            None => {
                self.policies.insert(arn, account.policies.len());
                account.policies.push(policy);
            }
        }
    }

    /// The default version's document ("Versioning IAM policies": only the default version is
    /// in effect), how many versions were listed, and the others (what
    /// `iam:SetDefaultPolicyVersion` can put in effect).
    fn default_version(
        &mut self,
        place: Place<'_>,
        node: Node<'_, '_>,
        arn: &str,
        default_id: Option<&str>,
    ) -> (Option<Document>, usize, Vec<OtherVersion>) {
        let Some(versions) = self.list(place, node, "PolicyVersionList") else {
            self.note(place, no_default_version(place.document, node.pointer, arn));
            return (None, 0, Vec::new());
        };
        let count = versions.len();
        let marked: Vec<&(String, &Value)> =
            versions.iter().filter(|(_, v)| v.get("IsDefaultVersion").and_then(Value::as_bool) == Some(true)).collect();
        let by_id = default_id
            .and_then(|id| versions.iter().find(|(_, v)| v.get("VersionId").and_then(Value::as_str) == Some(id)));
        let chosen = match (by_id, marked.as_slice()) {
            (Some(version), [only]) if only.0 != version.0 => {
                let marked_id = only.1.get("VersionId").and_then(Value::as_str).unwrap_or("");
                self.note(place, default_mismatch(place.document, &only.0, arn, default_id.unwrap_or(""), marked_id));
                Some(version)
            }
            (Some(version), _) => Some(version),
            (None, [only]) => Some(*only),
            (None, []) => None,
            (None, [first, ..]) => {
                self.note(place, several_defaults(place.document, &first.0, arn, marked.len()));
                None
            }
        };
        let Some((pointer, _)) = chosen else {
            if marked.is_empty() {
                self.note(place, no_default_version(place.document, &child(node.pointer, "PolicyVersionList"), arn));
            }
            return (None, count, Vec::new());
        };
        let pointer = pointer.clone();
        let version = versions.iter().find(|(p, _)| *p == pointer).map(|(_, v)| *v);
        let document = version.and_then(|value| self.document(place, Node { value, pointer: &pointer }, "Document"));
        let mut others = Vec::new();
        for (other, value) in versions.iter().filter(|(p, _)| *p != pointer) {
            let version_id = value.get("VersionId").and_then(Value::as_str).unwrap_or_default().to_string();
            let document = self.document(place, Node { value, pointer: other }, "Document");
            others.push(OtherVersion { version_id, document });
        }
        (document, count, others)
    }

    fn read_entity_policy(&mut self, place: Place<'_>, root: Node<'_, '_>, kind: EntityKind) {
        let key = match kind {
            EntityKind::User => "UserName",
            EntityKind::Group => "GroupName",
            EntityKind::Role => "RoleName",
        };
        let Some(entity) = self.string(place, root, key) else { return };
        let name = self.string(place, root, "PolicyName").unwrap_or_default();
        let document = self.document(place, root, "PolicyDocument");
        let policy = InlinePolicy { name, document, origin: place.origin("") };
        self.pending_inline.push(PendingInline {
            kind,
            entity,
            policy,
            file_index: place.file_index,
            document: place.document,
        });
    }

    fn read_policy_version(&mut self, place: Place<'_>, root: Node<'_, '_>) {
        let Some(value) = root.value.get("PolicyVersion") else { return };
        let node = Node { value, pointer: "/PolicyVersion" };
        let version_id = self.string(place, node, "VersionId").unwrap_or_default();
        let is_default = value.get("IsDefaultVersion").and_then(Value::as_bool).unwrap_or(false);
        let document = self.document(place, node, "Document");
        self.pending_versions.push(PendingVersion {
            version_id,
            is_default,
            document,
            origin: place.origin("/PolicyVersion"),
            file_index: place.file_index,
            stem: place.stem().to_string(),
        });
    }

    /// Once every file is read: attach `get-*-policy` and `get-policy-version` output to the
    /// entities and policies they belong to.
    pub fn settle(&mut self) {
        for pending in std::mem::take(&mut self.pending_inline) {
            self.attach_inline(pending);
        }
        for pending in std::mem::take(&mut self.pending_versions) {
            self.attach_version(pending);
        }
    }

    fn attach_inline(&mut self, pending: PendingInline) {
        let place_document = pending.document;
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for (a, account) in self.inventory.accounts.iter().enumerate() {
            let found = match pending.kind {
                EntityKind::User => account.users.iter().position(|u| u.name == pending.entity),
                EntityKind::Group => account.groups.iter().position(|g| g.name == pending.entity),
                EntityKind::Role => account.roles.iter().position(|r| r.name == pending.entity),
            };
            if let Some(index) = found {
                matches.push((a, index));
            }
        }
        let [(a, index)] = matches.as_slice() else {
            let finding = if matches.is_empty() {
                orphan_policy(place_document, pending.kind, &pending.entity)
            } else {
                ambiguous_entity(place_document, pending.kind, &pending.entity, matches.len())
            };
            self.findings.push((pending.file_index, finding));
            return;
        };
        let Some(account) = self.inventory.accounts.get_mut(*a) else { return };
        let list = match pending.kind {
            EntityKind::User => account.users.get_mut(*index).map(|u| &mut u.inline_policies),
            EntityKind::Group => account.groups.get_mut(*index).map(|g| &mut g.inline_policies),
            EntityKind::Role => account.roles.get_mut(*index).map(|r| &mut r.inline_policies),
        };
        if let Some(list) = list {
            let policies = list.get_or_insert_with(Vec::new);
            policies.retain(|p| p.name != pending.policy.name);
            policies.push(pending.policy);
        }
    }

    fn attach_version(&mut self, pending: PendingVersion) {
        let document = pending.origin.document;
        // A `get-policy` in the same file whose default version this is.
        let records: Vec<&(usize, String, Option<String>)> =
            self.policy_records.iter().filter(|(file, _, _)| *file == pending.file_index).collect();
        let paired = match records.as_slice() {
            [(_, arn, _)] => Some(arn.clone()),
            several => several
                .iter()
                .find(|(_, _, default)| default.as_deref() == Some(pending.version_id.as_str()))
                .map(|(_, arn, _)| arn.clone()),
        };
        // Or a policy named like the file (`AmazonEC2FullAccess.json`).
        let arn = paired.or_else(|| {
            let named = |p: &&ManagedPolicy| p.name == pending.stem;
            self.inventory
                .aws_managed_policies
                .iter()
                .find(named)
                .or_else(|| self.inventory.accounts.iter().flat_map(|a| a.policies.iter()).find(named))
                .map(|p| p.arn.clone())
                .or_else(|| self.referenced_policy_named(&pending.stem))
        });
        let Some(arn) = arn else {
            self.findings.push((pending.file_index, loose_version(document, &pending.version_id)));
            return;
        };
        if !pending.is_default {
            self.findings.push((pending.file_index, not_default_version(document, &pending.version_id, &arn)));
            return;
        }
        let Some(parsed) = IamArn::parse(&arn) else { return };
        let policy = ManagedPolicy {
            name: parsed.name.clone(),
            path: parsed.path.clone(),
            id: None,
            default_version_id: Some(pending.version_id.clone()),
            document: pending.document,
            versions: 1,
            other_versions: Vec::new(),
            aws_managed: parsed.is_aws_managed_policy(),
            origin: pending.origin,
            arn: arn.clone(),
        };
        if policy.aws_managed {
            let list = &mut self.inventory.aws_managed_policies;
            match list.iter_mut().find(|p| p.arn == arn) {
                Some(earlier) => merge_policy(earlier, policy),
                None => list.push(policy),
            }
            return;
        }
        let account = self.inventory.account_mut(&parsed.account, &parsed.partition);
        match account.policies.iter_mut().find(|p| p.arn == arn) {
            Some(earlier) => merge_policy(earlier, policy),
            None => {
                self.policies.insert(arn, account.policies.len());
                account.policies.push(policy);
            }
        }
    }

    /// A managed policy ARN some entity attaches whose name is `name`.
    fn referenced_policy_named(&self, name: &str) -> Option<String> {
        let accounts = self.inventory.accounts.iter();
        let user_refs = accounts
            .clone()
            .flat_map(|a| a.users.iter())
            .flat_map(|u| u.managed_policies.iter().flatten().chain(u.permissions_boundary.iter().flatten()));
        let group_refs =
            accounts.clone().flat_map(|a| a.groups.iter()).flat_map(|g| g.managed_policies.iter().flatten());
        let role_refs = accounts
            .flat_map(|a| a.roles.iter())
            .flat_map(|r| r.managed_policies.iter().flatten().chain(r.permissions_boundary.iter().flatten()));
        user_refs
            .chain(group_refs)
            .chain(role_refs)
            .find(|arn| IamArn::parse(arn).is_some_and(|a| a.name == name))
            .cloned()
    }
}

/// How much of an entity a shape describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// Everything (`get-account-authorization-details`).
    Detailed,
    /// The entity itself with its boundary and tags, not its policies (`get-role`, `get-user`).
    Described,
    /// Only the basics (`list-roles`, `list-users`: no tags, no boundary).
    Listed,
}

fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}

// ----- findings, one constructor per kind -----

fn wrong_type(document: usize, pointer: &str, what: &Text, expected: &Text, found: &Value) -> Finding {
    let found = found_type(found);
    Finding::error(
        "wrong-type",
        document,
        pointer,
        Text::new(
            format!("expected {} for {}, found {}", expected.en, what.en, found.en),
            format!("{} には{}が入るはずですが、{}です", what.ja, expected.ja, found.ja),
        ),
    )
    .with_help(Text::new(
        "the AWS CLI prints this field in another form; was the file edited by hand?",
        "AWS CLI はこの項目を別の形で出力します。ファイルを手で編集しましたか？",
    ))
}

/// An IAM resource type in English and Japanese words.
fn resource_words(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "user" => ("user", "ユーザー"),
        "group" => ("group", "グループ"),
        "role" => ("role", "ロール"),
        "instance-profile" => ("instance profile", "インスタンスプロファイル"),
        _ => ("policy", "ポリシー"),
    }
}

fn missing_arn(document: usize, pointer: &str, key: &str, kind: &str, name: &str) -> Finding {
    let (kind_en, kind_ja) = resource_words(kind);
    let named = if name.is_empty() { String::new() } else { format!(" `{name}`") };
    Finding::error(
        "missing-arn",
        document,
        pointer,
        Text::new(
            format!("the {kind_en}{named} has no `{key}`, so it was not loaded"),
            format!("{kind_ja}{named} に `{key}` がないため、読み込みませんでした"),
        ),
    )
    .with_help(Text::new(
        format!("the AWS CLI prints `{key}` for every {kind_en}: export it again"),
        format!("AWS CLI はすべての{kind_ja}に `{key}` を出力します。もう一度エクスポートしてください"),
    ))
}

fn bad_arn(document: usize, pointer: &str, arn: &str, kind: &str) -> Finding {
    Finding::error(
        "bad-arn",
        document,
        pointer,
        Text::new(
            format!("`{arn}` is not an IAM {kind} ARN"),
            format!("`{arn}` は IAM の {kind} の ARN ではありません"),
        ),
    )
    .with_help(Text::new(
        format!("expected `arn:aws:iam::ACCOUNT:{kind}/PATH/NAME`"),
        format!("`arn:aws:iam::ACCOUNT:{kind}/PATH/NAME` の形のはずです"),
    ))
}

fn missing_document(document: usize, pointer: &str, key: &str) -> Finding {
    Finding::warning(
        "missing-document",
        document,
        pointer,
        Text::new(format!("`{key}` is missing"), format!("`{key}` がありません")),
    )
    .with_help(Text::new(
        "the policy is kept without a document and takes part in no evaluation",
        "ポリシーは文書なしで残し、評価には使いません",
    ))
}

fn unreadable_document(document: usize, pointer: &str, problem: &DocumentProblem) -> Finding {
    let (en, ja) = match problem {
        DocumentProblem::NotADocument(found_en, found_ja) => (
            format!("expected a policy document (a JSON object or URL-encoded JSON text), found {found_en}"),
            format!("ポリシー文書（JSON オブジェクトか URL エンコードされた JSON テキスト）のはずが、{found_ja}です"),
        ),
        DocumentProblem::UnreadableText(start) => (
            format!("the policy document is not JSON: `{start}`"),
            format!("ポリシー文書が JSON ではありません: `{start}`"),
        ),
        DocumentProblem::NotUtf8 => (
            "the URL-encoded policy document does not decode to UTF-8 text".to_string(),
            "URL エンコードされたポリシー文書を UTF-8 のテキストに戻せません".to_string(),
        ),
    };
    let help = match problem {
        DocumentProblem::NotADocument(..) | DocumentProblem::NotUtf8 => Text::new(
            "the policy is kept without a document and takes part in no evaluation",
            "ポリシーは文書なしで残し、評価には使いません",
        ),
        DocumentProblem::UnreadableText(_) => Text::new(
            "the text is kept, so the policy's own diagnostics show what is wrong with it",
            "テキストは残してあるので、ポリシーの診断で何がおかしいかを確認できます",
        ),
    };
    Finding::error("unreadable-document", document, pointer, Text::new(en, ja)).with_help(help)
}

fn bad_tag(document: usize, pointer: &str) -> Finding {
    Finding::warning(
        "bad-tag",
        document,
        pointer,
        Text::new("expected a tag `{\"Key\": …, \"Value\": …}`", "タグは `{\"Key\": …, \"Value\": …}` のはずです"),
    )
}

fn partial_listing(document: usize, pointer: &str) -> Finding {
    Finding::warning(
        "partial-listing",
        document,
        pointer,
        Text::new(
            "this output is one page of several: the entities on the other pages are missing",
            "この出力は複数ページの 1 ページ分です。他のページのエンティティがありません",
        ),
    )
    .with_help(Text::new(
        "run the command again without `--max-items` (the AWS CLI then fetches every page)",
        "`--max-items` を付けずにもう一度実行してください（AWS CLI がすべてのページを取得します）",
    ))
}

fn no_default_version(document: usize, pointer: &str, arn: &str) -> Finding {
    Finding::warning(
        "no-default-version",
        document,
        pointer,
        Text::new(
            format!("managed policy `{arn}` lists no default version, so its permissions are not known"),
            format!("管理ポリシー `{arn}` にデフォルトバージョンがないため、権限がわかりません"),
        ),
    )
    .with_help(Text::new(
        "only the default version is in effect; add `aws iam get-policy-version` output for it",
        "有効なのはデフォルトバージョンだけです。その `aws iam get-policy-version` の出力を加えてください",
    ))
}

fn default_mismatch(document: usize, pointer: &str, arn: &str, default_id: &str, marked: &str) -> Finding {
    Finding::warning(
        "default-version-mismatch",
        document,
        pointer,
        Text::new(
            format!("managed policy `{arn}` says `DefaultVersionId` is `{default_id}`, but version `{marked}` is marked `IsDefaultVersion`; `{default_id}` is used"),
            format!("管理ポリシー `{arn}` の `DefaultVersionId` は `{default_id}` ですが、`IsDefaultVersion` はバージョン `{marked}` に付いています。`{default_id}` を使います"),
        ),
    )
}

fn several_defaults(document: usize, pointer: &str, arn: &str, count: usize) -> Finding {
    Finding::warning(
        "several-default-versions",
        document,
        pointer,
        Text::new(
            format!("managed policy `{arn}` marks {count} versions as default and gives no `DefaultVersionId`"),
            format!(
                "管理ポリシー `{arn}` は {count} 個のバージョンをデフォルトとしていて、`DefaultVersionId` もありません"
            ),
        ),
    )
}

fn lone_document(document: usize) -> Finding {
    Finding::warning(
        "lone-policy-document",
        document,
        "",
        Text::new(
            "a policy document on its own belongs to no user, group or role",
            "単独のポリシー文書は、どのユーザー・グループ・ロールのものかわかりません",
        ),
    )
    .with_help(Text::new(
        "paste it into a policy editor instead, or import `aws iam get-role-policy` output, which names its role",
        "ポリシーエディタに貼り付けるか、ロール名を含む `aws iam get-role-policy` の出力を読み込んでください",
    ))
}

fn not_a_role(document: usize, pointer: &str, value: &str) -> Finding {
    Finding::warning(
        "carrier-role-not-a-role",
        document,
        pointer,
        Text::new(format!("`{value}` is not an IAM role ARN"), format!("`{value}` は IAM ロールの ARN ではありません")),
    )
    .with_help(Text::new(
        "the role is left out: give the output as the AWS CLI prints it (`arn:aws:iam::ACCOUNT:role/NAME`)",
        "このロールは使いません。AWS CLI が出力したままの内容（`arn:aws:iam::ACCOUNT:role/NAME`）を読み込んでください",
    ))
}

fn sts_credentials(document: usize) -> Finding {
    Finding::error(
        "sts-credentials",
        document,
        "/Credentials",
        Text::new(
            "this is `aws sts assume-role` output: temporary credentials, not IAM data",
            "これは `aws sts assume-role` の出力（一時的な認証情報）で、IAM のデータではありません",
        ),
    )
    .with_help(Text::new(
        "delete this file: credentials do not belong in an import, and anyone holding them can act as the role",
        "このファイルは削除してください。認証情報は読み込むものではなく、持っている人は誰でもそのロールとして操作できます",
    ))
}

fn unknown_shape(document: usize, value: &Value) -> Finding {
    let found = match value {
        Value::Object(fields) => {
            let keys: Vec<String> = fields.keys().take(4).map(|k| format!("`{k}`")).collect();
            let more = if fields.len() > 4 { ", …" } else { "" };
            Text::new(
                format!("an object with {}{more}", keys.join(", ")),
                format!("{}{more} を持つオブジェクト", keys.join("、")),
            )
        }
        other => found_type(other),
    };
    Finding::error(
        "unknown-shape",
        document,
        "",
        Text::new(
            format!("expected the output of an `aws iam` command Omen reads, found {}", found.en),
            format!("Omen が読める `aws iam` コマンドの出力のはずが、{}です", found.ja),
        ),
    )
    .with_help(Text::new(
        "Omen reads `get-account-authorization-details`, `get-role`, `get-user`, `get-role-policy`, `get-user-policy`, `get-group-policy`, `get-policy`, `get-policy-version`, `list-roles`, `list-users` and `list-policies`, printed with `--output json`",
        "Omen が読めるのは `--output json` で出力した `get-account-authorization-details`、`get-role`、`get-user`、`get-role-policy`、`get-user-policy`、`get-group-policy`、`get-policy`、`get-policy-version`、`list-roles`、`list-users`、`list-policies` です",
    ))
}

fn orphan_policy(document: usize, kind: EntityKind, name: &str) -> Finding {
    let (en, ja) = kind.words();
    Finding::warning(
        "unknown-entity",
        document,
        "",
        Text::new(
            format!("this inline policy belongs to {en} `{name}`, which no file describes, so it was not loaded"),
            format!("このインラインポリシーの持ち主の{ja} `{name}` がどのファイルにもないため、読み込みませんでした"),
        ),
    )
    .with_help(Text::new(
        format!("import the {en} too (`aws iam get-{en}` or `get-account-authorization-details`)"),
        format!("{ja}も読み込んでください（`aws iam get-{en}` か `get-account-authorization-details`）"),
    ))
}

fn ambiguous_entity(document: usize, kind: EntityKind, name: &str, count: usize) -> Finding {
    let (en, ja) = kind.words();
    Finding::warning(
        "ambiguous-entity",
        document,
        "",
        Text::new(
            format!("{count} accounts have a {en} named `{name}`, and this output does not say which, so it was not loaded"),
            format!("{count} 個のアカウントに{ja} `{name}` があり、この出力からはどれか決まらないため、読み込みませんでした"),
        ),
    )
    .with_help(Text::new(
        "import this account's files on their own, or use `get-account-authorization-details`, which names the account in every ARN",
        "このアカウントのファイルだけを読み込むか、すべての ARN にアカウントが入る `get-account-authorization-details` を使ってください",
    ))
}

fn loose_version(document: usize, version: &str) -> Finding {
    Finding::warning(
        "unattached-policy-version",
        document,
        "/PolicyVersion",
        Text::new(
            format!("policy version `{version}` does not say which policy it belongs to, so it was not loaded"),
            format!("ポリシーバージョン `{version}` はどのポリシーのものか示していないため、読み込みませんでした"),
        ),
    )
    .with_help(Text::new(
        "put `aws iam get-policy` output for the policy in the same file, or name the file after the policy (`POLICY-NAME.json`)",
        "同じファイルにそのポリシーの `aws iam get-policy` の出力を入れるか、ファイル名をポリシー名にしてください（`POLICY-NAME.json`）",
    ))
}

fn not_default_version(document: usize, version: &str, arn: &str) -> Finding {
    Finding::warning(
        "not-default-version",
        document,
        "/PolicyVersion/IsDefaultVersion",
        Text::new(
            format!(
                "version `{version}` of `{arn}` is not its default version, and only the default version is in effect"
            ),
            format!(
                "`{version}` は `{arn}` のデフォルトバージョンではありません。有効なのはデフォルトバージョンだけです"
            ),
        ),
    )
    .with_help(Text::new(
        "export the default version: `aws iam get-policy` shows its `DefaultVersionId`",
        "デフォルトバージョンをエクスポートしてください。`aws iam get-policy` で `DefaultVersionId` がわかります",
    ))
}
