//! The IAM entities of the imported accounts, as the exports describe them: users, groups,
//! roles (with their instance profiles) and managed policies (only the default version counts),
//! each remembering the file and JSON pointer it came from.
//!
//! A field the files do not give is `None` ("not known"), not empty: `aws iam get-role` prints a
//! role's trust policy but none of its permissions policies, and an analysis must not read that as
//! "the role has no permissions".

use super::document::Document;
use serde::Serialize;

/// Where something was read: a file and a JSON pointer into its document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Origin {
    /// The file name, as given.
    pub file: String,
    /// Which JSON document of the file (0-based; files may hold several one after the other).
    pub document: usize,
    /// The JSON pointer (RFC 6901) of the entity or policy in that document.
    pub pointer: String,
}

/// A tag (`Key`, `Value`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// An inline policy: embedded in one user, group or role.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InlinePolicy {
    /// `PolicyName`.
    pub name: String,
    /// The document; `None` when it could not be read at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// Where it was read.
    pub origin: Origin,
}

/// An IAM user.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserEntity {
    /// `Arn`.
    pub arn: String,
    /// `UserName`.
    pub name: String,
    /// `Path`.
    pub path: String,
    /// `UserId` (`AIDA…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `UserPolicyList`; `None` when the files do not say.
    pub inline_policies: Option<Vec<InlinePolicy>>,
    /// The ARNs of `AttachedManagedPolicies`; `None` when the files do not say.
    pub managed_policies: Option<Vec<String>>,
    /// `GroupList`: group names; `None` when the files do not say.
    pub groups: Option<Vec<String>>,
    /// The ARN of the permissions boundary policy; `None` when the files do not say.
    pub permissions_boundary: Option<Option<String>>,
    /// `Tags`; `None` when the files do not say.
    pub tags: Option<Vec<Tag>>,
    /// Where the user was first read.
    pub origin: Origin,
}

/// An IAM group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupEntity {
    /// `Arn`.
    pub arn: String,
    /// `GroupName`.
    pub name: String,
    /// `Path`.
    pub path: String,
    /// `GroupId` (`AGPA…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `GroupPolicyList`; `None` when the files do not say.
    pub inline_policies: Option<Vec<InlinePolicy>>,
    /// The ARNs of `AttachedManagedPolicies`; `None` when the files do not say.
    pub managed_policies: Option<Vec<String>>,
    /// Where the group was first read.
    pub origin: Origin,
}

/// An instance profile: how EC2 carries a role onto an instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceProfile {
    /// `Arn`.
    pub arn: String,
    /// `InstanceProfileName`.
    pub name: String,
    /// `Path`.
    pub path: String,
}

/// An IAM role: the mask.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleEntity {
    /// `Arn`.
    pub arn: String,
    /// `RoleName`.
    pub name: String,
    /// `Path`.
    pub path: String,
    /// `RoleId` (`AROA…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `AssumeRolePolicyDocument`: the trust policy; `None` when the files do not give it.
    pub trust_policy: Option<Document>,
    /// `RolePolicyList`; `None` when the files do not say.
    pub inline_policies: Option<Vec<InlinePolicy>>,
    /// The ARNs of `AttachedManagedPolicies`; `None` when the files do not say.
    pub managed_policies: Option<Vec<String>>,
    /// The ARN of the permissions boundary policy; `None` when the files do not say.
    pub permissions_boundary: Option<Option<String>>,
    /// `Tags`; `None` when the files do not say.
    pub tags: Option<Vec<Tag>>,
    /// `InstanceProfileList`; `None` when the files do not say.
    pub instance_profiles: Option<Vec<InstanceProfile>>,
    /// `MaxSessionDuration` in seconds (`get-role` prints it; the authorization details do not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<i64>,
    /// `RoleLastUsed.LastUsedDate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_used: Option<String>,
    /// Whether the role is service-linked (path `/aws-service-role/…`, "Using service-linked
    /// roles"): AWS owns its trust and permissions.
    pub service_linked: bool,
    /// Where the role was first read.
    pub origin: Origin,
}

/// A managed policy with its default version's document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedPolicy {
    /// `Arn`.
    pub arn: String,
    /// `PolicyName`.
    pub name: String,
    /// `Path`.
    pub path: String,
    /// `PolicyId` (`ANPA…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `DefaultVersionId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_version_id: Option<String>,
    /// The default version's document; `None` while it is not known.
    pub document: Option<Document>,
    /// How many versions the files listed (only the default one counts).
    pub versions: usize,
    /// The versions listed besides the default one: not in effect, but what
    /// `iam:SetDefaultPolicyVersion` can put in effect ("Versioning IAM policies").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_versions: Vec<OtherVersion>,
    /// Whether AWS manages the policy (`arn:PARTITION:iam::aws:policy/…`).
    pub aws_managed: bool,
    /// Where it was read; `catalogue` as the file when the caller's catalogue supplied it.
    pub origin: Origin,
}

/// A version of a managed policy that is not its default.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherVersion {
    /// `VersionId`.
    pub version_id: String,
    /// Its document; `None` when it could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
}

/// One account's entities.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountInventory {
    /// The 12-digit account id.
    pub id: String,
    /// The partition (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: String,
    /// IAM users.
    pub users: Vec<UserEntity>,
    /// IAM groups.
    pub groups: Vec<GroupEntity>,
    /// IAM roles.
    pub roles: Vec<RoleEntity>,
    /// Customer managed policies.
    pub policies: Vec<ManagedPolicy>,
    /// Existing resources that carry a role of the account (Lambda functions, CloudFormation
    /// stacks), from `aws lambda list-functions` and `aws cloudformation describe-stacks`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carriers: Vec<Carrier>,
}

/// An existing resource that carries a role: a Lambda function runs with its execution role
/// ("Defining Lambda function permissions with an execution role"); a stack's updates use its
/// service role ("UpdateStack", AWS CloudFormation API Reference: `RoleARN`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Carrier {
    /// `function` or `stack`.
    pub kind: &'static str,
    /// The function's or stack's ARN.
    pub arn: String,
    /// The role's ARN.
    pub role: String,
    /// Where it was read.
    pub origin: Origin,
}

/// Everything imported, by account.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inventory {
    /// The accounts, in order of account id.
    pub accounts: Vec<AccountInventory>,
    /// AWS managed policies (the same in every account), from the files or the catalogue.
    pub aws_managed_policies: Vec<ManagedPolicy>,
}

impl Inventory {
    /// The account `id`, created when missing (kept in order of id).
    pub fn account_mut(&mut self, id: &str, partition: &str) -> &mut AccountInventory {
        let index = match self.accounts.binary_search_by(|a| a.id.as_str().cmp(id)) {
            Ok(index) => index,
            Err(index) => {
                let account =
                    AccountInventory { id: id.to_string(), partition: partition.to_string(), ..Default::default() };
                self.accounts.insert(index, account);
                index
            }
        };
        #[expect(clippy::indexing_slicing, reason = "the index comes from the search or insert above")]
        &mut self.accounts[index]
    }

    /// The account `id`.
    pub fn account(&self, id: &str) -> Option<&AccountInventory> {
        self.accounts.binary_search_by(|a| a.id.as_str().cmp(id)).ok().and_then(|i| self.accounts.get(i))
    }

    /// The managed policy `arn` (customer managed in its account, or AWS managed).
    pub fn managed_policy(&self, arn: &str) -> Option<&ManagedPolicy> {
        let parsed = super::arn::IamArn::parse(arn)?;
        if parsed.account == "aws" {
            return self.aws_managed_policies.iter().find(|p| p.arn == arn);
        }
        self.account(&parsed.account)?.policies.iter().find(|p| p.arn == arn)
    }

    /// Every user, with its account.
    pub fn users(&self) -> impl Iterator<Item = &UserEntity> {
        self.accounts.iter().flat_map(|a| a.users.iter())
    }

    /// Every role, with its account.
    pub fn roles(&self) -> impl Iterator<Item = &RoleEntity> {
        self.accounts.iter().flat_map(|a| a.roles.iter())
    }

    /// The group `name` of account `account`.
    pub fn group(&self, account: &str, name: &str) -> Option<&GroupEntity> {
        self.account(account)?.groups.iter().find(|g| g.name == name)
    }
}

/// Fill the fields `later` knows into `earlier` (a later file adds to or corrects an earlier one).
pub(crate) fn merge_role(earlier: &mut RoleEntity, later: RoleEntity) {
    earlier.id = later.id.or(earlier.id.take());
    earlier.trust_policy = later.trust_policy.or(earlier.trust_policy.take());
    earlier.inline_policies = later.inline_policies.or(earlier.inline_policies.take());
    earlier.managed_policies = later.managed_policies.or(earlier.managed_policies.take());
    earlier.permissions_boundary = later.permissions_boundary.or(earlier.permissions_boundary.take());
    earlier.tags = later.tags.or(earlier.tags.take());
    earlier.instance_profiles = later.instance_profiles.or(earlier.instance_profiles.take());
    earlier.max_session_duration = later.max_session_duration.or(earlier.max_session_duration);
    earlier.last_used = later.last_used.or(earlier.last_used.take());
}

/// As [`merge_role`], for users.
pub(crate) fn merge_user(earlier: &mut UserEntity, later: UserEntity) {
    earlier.id = later.id.or(earlier.id.take());
    earlier.inline_policies = later.inline_policies.or(earlier.inline_policies.take());
    earlier.managed_policies = later.managed_policies.or(earlier.managed_policies.take());
    earlier.groups = later.groups.or(earlier.groups.take());
    earlier.permissions_boundary = later.permissions_boundary.or(earlier.permissions_boundary.take());
    earlier.tags = later.tags.or(earlier.tags.take());
}

/// As [`merge_role`], for groups.
pub(crate) fn merge_group(earlier: &mut GroupEntity, later: GroupEntity) {
    earlier.id = later.id.or(earlier.id.take());
    earlier.inline_policies = later.inline_policies.or(earlier.inline_policies.take());
    earlier.managed_policies = later.managed_policies.or(earlier.managed_policies.take());
}

/// As [`merge_role`], for managed policies.
pub(crate) fn merge_policy(earlier: &mut ManagedPolicy, later: ManagedPolicy) {
    earlier.id = later.id.or(earlier.id.take());
    // A newer default version without its document makes the earlier document stale.
    let new_default = later.default_version_id.is_some() && later.default_version_id != earlier.default_version_id;
    if new_default && later.document.is_none() {
        earlier.document = None;
    }
    earlier.default_version_id = later.default_version_id.or(earlier.default_version_id.take());
    earlier.document = later.document.or(earlier.document.take());
    earlier.versions = earlier.versions.max(later.versions);
    if !later.other_versions.is_empty() {
        earlier.other_versions = later.other_versions;
    }
}
