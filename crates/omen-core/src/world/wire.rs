//! The world a flow plays in — accounts, IAM users and roles with their policies, and the action
//! to play — as the JSON the web app holds in its state and `omen flow` reads.
//!
//! Policy documents are kept as the text the user typed, so that ranges in evaluation results map
//! one to one onto the editor; a document given as a JSON object is printed once, in AWS's element
//! order (`Version`, `Statement`; `Sid`, `Effect`, `Principal`, `Action`, `Resource`, `Condition`).

use super::print::pretty_policy;
use crate::arn::{is_account_id, Arn};
use crate::lang::Text;
use crate::principal::{PrincipalError, PrincipalKind, RequestPrincipal};
use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The clock flows run on when the world does not set `now`: fixed, so results are reproducible,
/// and the same instant a request case is evaluated at when it gives no time.
pub const DEFAULT_NOW: &str = crate::evaluate::DEFAULT_CURRENT_TIME;
/// The region used when an action does not name one.
pub const DEFAULT_REGION: &str = "us-east-1";
/// A role's maximum session duration when the world does not set one ("IAM roles": one hour).
pub const DEFAULT_MAX_SESSION_DURATION: i64 = 3600;

/// An account world and the action to play in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct World {
    /// A name for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The time the flow happens at (ISO 8601, UTC); [`DEFAULT_NOW`] when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<String>,
    /// The AWS accounts, with their Organizations policies.
    pub accounts: Vec<Account>,
    /// The IAM users.
    pub users: Vec<User>,
    /// The IAM roles.
    pub roles: Vec<Role>,
    /// The IAM groups users join by name (a user's `groups` entry `{"name"}` without policies of
    /// its own): each group listed once, so that one group's policies apply to all its members
    /// ("IAM user groups").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// What to play: a PassRole or an AssumeRole flow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<FlowAction>,
    /// The IAM identity providers of the world's accounts. When listed, STS refuses a token from
    /// a provider the role's account does not have, or whose `aud` is not among its client IDs;
    /// when absent, every provider named is taken to exist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_providers: Option<Vec<IdentityProvider>>,
}

/// An IAM OIDC or SAML identity provider ("Create an OpenID Connect (OIDC) identity provider in
/// IAM", "Create a SAML identity provider in IAM").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IdentityProvider {
    /// `arn:aws:iam::ACCOUNT:oidc-provider/HOST` or `arn:aws:iam::ACCOUNT:saml-provider/NAME`.
    pub arn: String,
    /// An OIDC provider's client IDs (audiences); a token's `aud` must be one of them. Not
    /// checked when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub client_ids: Vec<String>,
}

impl World {
    /// Read a world from JSON text.
    pub fn from_json(text: &str) -> Result<Self, WorldError> {
        serde_json::from_str(text).map_err(|error| WorldError::of(&error))
    }

    /// The world as pretty JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why a text is not a world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldError {
    /// Whether the text is not JSON at all (rather than JSON of the wrong shape).
    pub syntax: bool,
    /// What serde_json found, with its line and column.
    pub detail: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column of the problem.
    pub column: usize,
}

impl WorldError {
    /// Why serde_json could not read a world, from its error (text or value).
    pub fn of(error: &serde_json::Error) -> Self {
        Self {
            syntax: matches!(error.classify(), serde_json::error::Category::Syntax | serde_json::error::Category::Eof),
            detail: error.to_string(),
            line: error.line(),
            column: error.column(),
        }
    }

    /// What is wrong (lowercase, no final period).
    pub fn message(&self) -> String {
        format!("the world is not valid: {}", self.detail)
    }

    /// [`WorldError::message`] in English and Japanese: serde_json's own words about the place
    /// (`missing field \`arn\` at line 3 column 5`) stay as it writes them.
    pub fn text(&self) -> Text {
        Text::new(self.message(), format!("ワールドが正しくありません: {}", serde_detail_ja(&self.detail)))
    }

    /// [`WorldError::help`] in English and Japanese.
    pub fn help_text(&self) -> Text {
        let ja = if self.syntax {
            "ワールドは JSON テキストです: その場所の近くの引用符、カンマ、括弧を確かめてください"
        } else {
            "そこにあるフィールドの形が違います: ワールドの形式は omen-core の `world` モジュールの冒頭に書かれています"
        };
        Text::new(self.help(), ja)
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        if self.syntax {
            "a world is JSON text: check the quotes, commas and brackets near that place"
        } else {
            "a field there has the wrong shape: the world's format is described at the top of omen-core's `world` module"
        }
    }
}

/// serde_json's words about a world in Japanese, for the forms a world's reader gives
/// (`invalid type: integer \`3\`, expected a sequence at line 1 column 12`, `missing field
/// \`arn\``): what it found and expected stay in its spelling, in backticks as it writes them.
/// Any other sentence (a JSON syntax error, an unknown variant) is quoted as serde_json wrote it,
/// said to be its words: `JSON の読み取りエラー（serde、3 行 5 列）: expected \`,\` or \`}\``.
fn serde_detail_ja(detail: &str) -> String {
    let (what, place) = match detail.rsplit_once(" at line ") {
        Some((what, place)) => match place.split_once(" column ") {
            Some((line, column)) => (what, Some(format!("{line} 行 {column} 列"))),
            None => (detail, None),
        },
        None => (detail, None),
    };
    let said = if let Some((found, expected)) =
        what.strip_prefix("invalid type: ").and_then(|r| r.split_once(", expected "))
    {
        format!("型が違います ({expected} が必要なところに {found})")
    } else if let Some((found, expected)) =
        what.strip_prefix("invalid value: ").and_then(|r| r.split_once(", expected "))
    {
        format!("値が違います ({expected} が必要なところに {found})")
    } else if let Some(field) = what.strip_prefix("missing field ") {
        format!("フィールド {field} がありません")
    } else if let Some(field) = what.strip_prefix("duplicate field ") {
        format!("フィールド {field} が重複しています")
    } else {
        return match place {
            Some(place) => format!("JSON の読み取りエラー（serde、{place}）: {what}"),
            None => format!("JSON の読み取りエラー（serde）: {what}"),
        };
    };
    match place {
        Some(place) => format!("{said} ({place})"),
        None => said,
    }
}

impl fmt::Display for WorldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for WorldError {}

/// An AWS account, optionally in an organization.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Account {
    /// The 12-digit account id.
    pub id: String,
    /// A name for people (`prod`, `audit`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Service control policies, one list per level from the organization root down to the
    /// account; absent when the account is not in an organization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scps: Option<Vec<Vec<NamedPolicy>>>,
    /// Resource control policies, levels as for `scps`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rcps: Option<Vec<Vec<NamedPolicy>>>,
    /// The organization's management account, which SCPs and RCPs do not restrict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub management_account: Option<String>,
}

/// An IAM user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct User {
    /// The user's ARN; or give `account`, `name` and `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The account, when `arn` is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The user name, when `arn` is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The path (`/` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Identity-based policies attached to the user, inline or managed.
    pub policies: Vec<NamedPolicy>,
    /// The groups the user is in: `{"name"}` for a group of the world's `groups` (its policies
    /// are the group's), or `{"name", "policies"}` for a group listed under this user alone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// The user's permissions boundary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<NamedPolicy>,
    /// The user's tags (`aws:PrincipalTag/…`).
    #[serde(skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
    /// Whether the user's credentials come from a sign-in with MFA (console, or
    /// `GetSessionToken` with MFA). Without it the user calls with long-term access keys, and
    /// `aws:MultiFactorAuthPresent` is absent from the request.
    #[serde(skip_serializing_if = "is_false")]
    pub mfa: bool,
}

/// An IAM group and its policies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Group {
    /// The group name.
    pub name: String,
    /// The account the group is in: a user can only be in groups of its own account ("IAM user
    /// groups"), so a user of another account naming it is not a member. Absent: the account of
    /// each of its members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Its identity-based policies.
    pub policies: Vec<NamedPolicy>,
}

/// An IAM role: the mask.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Role {
    /// The role's ARN; or give `account`, `name` and `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The account, when `arn` is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The role name, when `arn` is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The path (`/` when absent; `/aws-service-role/SERVICE/` for service-linked roles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The trust policy: who may put the mask on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trust_policy: Option<PolicyText>,
    /// The permissions policies: the mask's powers.
    pub policies: Vec<NamedPolicy>,
    /// The role's permissions boundary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<NamedPolicy>,
    /// The role's tags.
    #[serde(skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
    /// The longest session the role allows, in seconds (3600 to 43200; 3600 when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<i64>,
    /// Whether this is a service-linked role (its trust and permissions are AWS's).
    #[serde(skip_serializing_if = "is_false")]
    pub service_linked: bool,
    /// Existing resources that carry the role, as an import found them: an instance profile to
    /// launch instances with, a Lambda function whose code runs with it, a CloudFormation stack
    /// whose updates use it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub used_by: Vec<UsedBy>,
}

/// An existing resource that carries a role: `{"type": "instanceProfile" | "function" | "stack",
/// "arn"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsedBy {
    /// What it is: `instanceProfile`, `function` or `stack`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its ARN.
    pub arn: String,
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

/// A policy with its name: `{"name": …, "document": …}`, or a bare document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedPolicy {
    /// The policy name (`AmazonEC2FullAccess`, `PassEc2Roles`, …).
    pub name: String,
    /// The document, as text.
    pub document: PolicyText,
    /// Whether this is an AWS managed policy, which cannot be edited (fixes add a policy
    /// instead). Also true when an `arn` under `arn:aws:iam::aws:policy/` is given.
    #[serde(skip_serializing_if = "is_false")]
    pub aws_managed: bool,
    /// A customer managed policy's other versions, not in effect ("Versioning IAM policies":
    /// only the default version is): what `iam:SetDefaultPolicyVersion` can put in effect.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<PolicyVersion>,
}

/// A version of a managed policy that is not its default: `{"versionId", "document"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyVersion {
    /// `VersionId` (`v1`, `v2`, …).
    pub version_id: String,
    /// The version's document, as text.
    pub document: PolicyText,
}

impl PolicyVersion {
    /// Read `{"versionId", "document"}` (AWS's `VersionId` and `Document` too).
    pub fn from_value(value: &Value) -> Self {
        let field = |a: &str, b: &str| value.get(a).or_else(|| value.get(b));
        let version_id = field("versionId", "VersionId").and_then(Value::as_str).unwrap_or_default().to_string();
        let document = PolicyText::from_value(field("document", "Document").unwrap_or(&Value::Null));
        Self { version_id, document }
    }
}

impl<'de> Deserialize<'de> for NamedPolicy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(Self::from_value(&value))
    }
}

impl NamedPolicy {
    /// A policy named `name` with the document `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self { name: name.into(), document: PolicyText(text.into()), aws_managed: false, versions: Vec::new() }
    }

    /// Read `{"name", "document" | "policy", "awsManaged", "arn", "versions"}` or a bare document.
    pub fn from_value(value: &Value) -> Self {
        match value {
            Value::Object(fields) if fields.contains_key("document") || fields.contains_key("policy") => {
                let document = fields.get("document").or_else(|| fields.get("policy")).unwrap_or(&Value::Null);
                let arn = fields.get("arn").and_then(Value::as_str);
                let name = fields
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| arn.map(|a| Arn::parse(a).map_or(a, |arn| arn.name()).to_string()))
                    .unwrap_or_default();
                let aws_managed = fields.get("awsManaged").and_then(Value::as_bool).unwrap_or(false)
                    || arn
                        .and_then(|a| Arn::parse(a).ok())
                        .is_some_and(|a| a.account == "aws" && a.iam_name("policy").is_some());
                let versions = fields
                    .get("versions")
                    .and_then(Value::as_array)
                    .map(|list| list.iter().map(PolicyVersion::from_value).collect())
                    .unwrap_or_default();
                Self { name, document: PolicyText::from_value(document), aws_managed, versions }
            }
            other => Self {
                name: String::new(),
                document: PolicyText::from_value(other),
                aws_managed: false,
                versions: Vec::new(),
            },
        }
    }
}

/// A policy document as text. Deserializes from a JSON string (kept as is) or a JSON object
/// (printed in AWS's element order); serializes as a string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicyText(pub String);

impl PolicyText {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Read a document from a JSON value: a string is the text, anything else is printed.
    pub fn from_value(value: &Value) -> Self {
        match value {
            Value::String(text) => Self(text.clone()),
            Value::Null => Self(String::new()),
            other => Self(pretty_policy(other)),
        }
    }
}

impl Serialize for PolicyText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PolicyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(Self::from_value(&value))
    }
}

/// Tags in order: from `{"key": "value"}` or `[{"Key": …, "Value": …}]`; serialized as an object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags(pub Vec<Tag>);

/// One tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// The key (tag keys are case-insensitive, case-preserving).
    pub key: String,
    /// The value.
    pub value: String,
}

impl Tags {
    /// Whether there are no tags.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `key`, compared case-insensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|t| t.key.eq_ignore_ascii_case(key)).map(|t| t.value.as_str())
    }

    /// Set `key` to `value`, replacing a tag with the same key in any case.
    pub fn set(&mut self, key: &str, value: &str) {
        match self.0.iter_mut().find(|t| t.key.eq_ignore_ascii_case(key)) {
            Some(tag) => {
                tag.key = key.to_string();
                tag.value = value.to_string();
            }
            None => self.0.push(Tag { key: key.to_string(), value: value.to_string() }),
        }
    }

    /// Read tags from a JSON value.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(Self::default()),
            Value::Object(map) => map
                .iter()
                .map(|(key, value)| match value {
                    Value::String(text) => Ok(Tag { key: key.clone(), value: text.clone() }),
                    other => Ok(Tag { key: key.clone(), value: other.to_string() }),
                })
                .collect::<Result<Vec<_>, String>>()
                .map(Self),
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    let field = |names: [&str; 2]| {
                        names.iter().find_map(|n| item.get(*n)).and_then(Value::as_str).map(str::to_string)
                    };
                    match (field(["Key", "key"]), field(["Value", "value"])) {
                        (Some(key), Some(value)) => Ok(Tag { key, value }),
                        _ => Err(format!("a tag must be `{{\"Key\": …, \"Value\": …}}`, found {item}")),
                    }
                })
                .collect::<Result<Vec<_>, String>>()
                .map(Self),
            other => Err(format!("tags must be an object or a list of `{{Key, Value}}`, found {other}")),
        }
    }
}

impl Serialize for Tags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for tag in &self.0 {
            map.serialize_entry(&tag.key, &tag.value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(de::Error::custom)
    }
}

/// What to play. Exactly one of `passRole`, `assumeRole`, `assumeRoleWithWebIdentity` and
/// `assumeRoleWithSaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FlowAction {
    /// Call a service API and hand it a role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass_role: Option<PassRoleAction>,
    /// Put on a role through STS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assume_role: Option<AssumeRoleParams>,
    /// Put on a role with a web identity token (`sts:AssumeRoleWithWebIdentity`): GitHub Actions,
    /// GitLab, an EKS pod, a Cognito identity pool, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assume_role_with_web_identity: Option<FederatedCall>,
    /// Put on a role with a SAML assertion (`sts:AssumeRoleWithSAML`).
    #[serde(rename = "assumeRoleWithSaml", skip_serializing_if = "Option::is_none")]
    pub assume_role_with_saml: Option<FederatedCall>,
    /// Further `sts:AssumeRole` hops, each made with the previous hop's session (role chaining).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<AssumeRoleParams>,
    /// Actions to evaluate as the last session: the mask's powers, not the wearer's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub then: Vec<SessionAction>,
}

/// A federated call: an identity provider's token or assertion traded for a role session, with no
/// AWS credentials ("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", STS API reference).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FederatedCall {
    /// The identity provider: an IAM OIDC or SAML provider ARN, or a provider AWS names by domain
    /// (`cognito-identity.amazonaws.com`, `accounts.google.com`, …).
    pub provider: String,
    /// The role ARN.
    pub role: String,
    /// `RoleSessionName` (for SAML, the assertion's `RoleSessionName` attribute).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_session_name: Option<String>,
    /// `DurationSeconds`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<i64>,
    /// The token's claims (SAML: the assertion's), by claim name (`sub`, `aud`, `amr`, …); each
    /// becomes the context key `PROVIDER:claim` (`SAML:claim` for SAML) unless it already names
    /// its provider.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub claims: Map<String, Value>,
    /// For GitHub Actions: the workflow run the token describes; its `sub` and other claims are
    /// written in GitHub's format ("Security hardening with OpenID Connect", GitHub Docs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub github: Option<GitHubRun>,
    /// When the token expires (its `exp`; SAML: the assertion's `NotOnOrAfter`), ISO 8601 or
    /// epoch seconds: STS refuses it from then on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// `Policy`: an inline session policy, as for AssumeRole — the session's permissions are the
    /// intersection of the role's identity-based policies and this one ("Session policies" in
    /// "Policies and permissions in AWS Identity and Access Management").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_policy: Option<SessionPolicy>,
}

/// A GitHub Actions workflow run, as its OIDC token describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GitHubRun {
    /// `OWNER/REPO`.
    pub repository: String,
    /// The git ref, `refs/heads/main` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// The deployment environment the job runs in, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// The event that started the run (`push`, `pull_request`, …); `push` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_name: Option<String>,
    /// The workflow file, `deploy.yml` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow: Option<String>,
}

impl GitHubRun {
    /// The token's claims: `sub` in GitHub's format — `repo:OWNER/REPO:environment:NAME` for a
    /// job with an environment, `repo:OWNER/REPO:pull_request` for a pull request, else
    /// `repo:OWNER/REPO:ref:REF` — and `aud`, `repository`, `repository_owner`, `ref`,
    /// `event_name`, `environment`, `job_workflow_ref`, `workflow_ref`.
    pub fn claims(&self) -> Vec<(&'static str, String)> {
        let git_ref = self.r#ref.clone().unwrap_or_else(|| "refs/heads/main".into());
        let event = self.event_name.clone().unwrap_or_else(|| "push".into());
        let repo = &self.repository;
        let sub = match (&self.environment, event.as_str()) {
            (Some(environment), _) => format!("repo:{repo}:environment:{environment}"),
            (None, "pull_request") => format!("repo:{repo}:pull_request"),
            (None, _) => format!("repo:{repo}:ref:{git_ref}"),
        };
        let workflow = self.workflow.clone().unwrap_or_else(|| "deploy.yml".into());
        let workflow_ref = format!("{repo}/.github/workflows/{workflow}@{git_ref}");
        let owner = repo.split('/').next().unwrap_or(repo).to_string();
        let mut claims = vec![
            ("sub", sub),
            ("aud", "sts.amazonaws.com".to_string()),
            ("repository", repo.clone()),
            ("repository_owner", owner),
            ("ref", git_ref),
            ("event_name", event),
            ("job_workflow_ref", workflow_ref.clone()),
            ("workflow_ref", workflow_ref),
        ];
        if let Some(environment) = &self.environment {
            claims.push(("environment", environment.clone()));
        }
        claims
    }
}

/// Call an API that takes a role (`ec2:RunInstances`, `lambda:CreateFunction`, …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PassRoleAction {
    /// Who calls: a user ARN or a role session ARN.
    pub caller: String,
    /// The API action, e.g. `ec2:RunInstances` (see the catalogue).
    pub api: String,
    /// The role passed; absent to let the service use its service-linked role by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Which parameter takes the role, for APIs with more than one (`taskRoleArn`, `executionRoleArn`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The region of the call (`us-east-1` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The name of the resource created or changed (function name, instance id, stack name, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_name: Option<String>,
    /// Actions to try with the role, to show what the workload could do with it (a default list
    /// of sensitive actions when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blast_radius: Option<Vec<SessionAction>>,
}

/// The parameters of one `sts:AssumeRole` call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AssumeRoleParams {
    /// Who calls: a user ARN, a role session ARN, or a service principal. In `chain`, absent
    /// means the previous hop's session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    /// The role to assume.
    pub role: String,
    /// `RoleSessionName` (for console switch role: the user name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_session_name: Option<String>,
    /// `ExternalId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// `SerialNumber` and `TokenCode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa: Option<MfaParams>,
    /// `DurationSeconds` (3600 when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<i64>,
    /// `Policy`: a session policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_policy: Option<SessionPolicy>,
    /// `Tags`: session tags.
    #[serde(skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
    /// `TransitiveTagKeys`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transitive_tag_keys: Vec<String>,
    /// `SourceIdentity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    /// Switch role in the AWS Management Console instead of an API call.
    #[serde(skip_serializing_if = "is_false")]
    pub via_console_switch_role: bool,
    /// For a service caller: the `aws:SourceAccount` it sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_account: Option<String>,
    /// For a service caller: the `aws:SourceArn` it sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_arn: Option<String>,
    /// Actions to evaluate as this hop's session.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub then: Vec<SessionAction>,
}

/// The inline session policy of a call: a bare document, or `{"name", "document"}` as the page
/// writes it. Either way it is one document; it keeps its form when written back.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionPolicy {
    /// The document itself (a JSON string, or an object printed once).
    Document(PolicyText),
    /// A document with a name.
    Named(NamedPolicy),
}

impl SessionPolicy {
    /// The document's text.
    pub fn text(&self) -> &str {
        match self {
            Self::Document(text) => text.as_str(),
            Self::Named(named) => named.document.as_str(),
        }
    }

    /// The name given to it, if any.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Named(named) if !named.name.is_empty() => Some(&named.name),
            _ => None,
        }
    }
}

impl Serialize for SessionPolicy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Document(text) => text.serialize(serializer),
            Self::Named(named) => named.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for SessionPolicy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(Self::from_value(&value))
    }
}

impl SessionPolicy {
    /// Read `{"name", "document" | "policy", …}` as a named document, anything else as the
    /// document itself.
    pub fn from_value(value: &Value) -> Self {
        match value {
            Value::Object(fields) if fields.contains_key("document") || fields.contains_key("policy") => {
                Self::Named(NamedPolicy::from_value(value))
            }
            other => Self::Document(PolicyText::from_value(other)),
        }
    }
}

/// `SerialNumber` and `TokenCode` of an AssumeRole call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MfaParams {
    /// The MFA device, e.g. `arn:aws:iam::111122223333:mfa/alice`.
    pub serial_number: String,
    /// The six-digit code.
    pub token_code: String,
}

/// An action evaluated as a session: `"s3:ListAllMyBuckets"` or an object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionAction {
    /// The action, e.g. `s3:GetObject`.
    pub action: String,
    /// The resource ARN (`*` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The account owning the resource, when the ARN does not say (S3 buckets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_account: Option<String>,
    /// The region (`aws:RequestedRegion`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Extra request context keys.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub context: Map<String, Value>,
    /// A resource-based policy on the resource (a bucket policy, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_policy: Option<PolicyText>,
}

impl<'de> Deserialize<'de> for SessionAction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(de::Error::custom)
    }
}

impl SessionAction {
    /// Read `"s3:GetObject"` or `{"action", "resource", "resourceAccount", "region", "context",
    /// "resourcePolicy"}`; the error says what is missing or wrong.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(action) => Ok(Self { action: action.clone(), ..Self::default() }),
            Value::Object(fields) => {
                let text = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_string);
                Ok(Self {
                    action: text("action").ok_or_else(|| "a session action needs `action`".to_string())?,
                    resource: text("resource"),
                    resource_account: text("resourceAccount"),
                    region: text("region"),
                    context: fields.get("context").and_then(Value::as_object).cloned().unwrap_or_default(),
                    resource_policy: fields.get("resourcePolicy").filter(|v| !v.is_null()).map(PolicyText::from_value),
                })
            }
            other => Err(format!("a session action is a string or an object, found {other}")),
        }
    }
}

/// Who or what an IAM identity in the world is, once its ARN is worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityName {
    /// The ARN.
    pub arn: String,
    /// The account.
    pub account: String,
    /// The name.
    pub name: String,
    /// The path, `/…/`.
    pub path: String,
}

/// Why a user or role of the world has no identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityError {
    /// `arn` is not a principal ARN.
    Principal(PrincipalError),
    /// `arn` is an ARN of another kind (a role where a user was expected, …).
    WrongKind {
        /// The ARN.
        arn: String,
        /// `user` or `role`.
        kind: &'static str,
    },
    /// Neither `arn` nor `account` is given.
    NoAccount {
        /// `user` or `role`.
        kind: &'static str,
    },
    /// `account` is given without a `name`.
    NoName {
        /// `user` or `role`.
        kind: &'static str,
    },
    /// `account` is not a 12-digit account id.
    BadAccount(String),
}

impl IdentityError {
    /// What is wrong (lowercase, no final period).
    pub fn message(&self) -> String {
        match self {
            Self::Principal(error) => error.message(),
            Self::WrongKind { arn, kind } => format!("`{arn}` is not an IAM {kind} ARN"),
            Self::NoAccount { kind } => format!("an IAM {kind} needs `arn`, or `account` and `name`"),
            Self::NoName { kind } => format!("an IAM {kind} needs a `name`"),
            Self::BadAccount(account) => format!("`{account}` is not a 12-digit account id"),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> String {
        match self {
            Self::Principal(error) => error.help().to_string(),
            Self::WrongKind { kind, .. } | Self::NoAccount { kind } | Self::NoName { kind } => {
                format!("give `arn` as `arn:aws:iam::ACCOUNT:{kind}/NAME`, or `account`, `name` and `path`")
            }
            Self::BadAccount(_) => "an account id is 12 digits, e.g. `111122223333`".to_string(),
        }
    }
}

impl IdentityError {
    /// [`IdentityError::message`] in English and Japanese.
    pub fn text(&self) -> Text {
        let kind_ja = |kind: &str| if kind == "role" { "ロール" } else { "ユーザー" };
        let ja = match self {
            Self::Principal(error) => return error.text(),
            Self::WrongKind { arn, kind } => format!("`{arn}` は IAM {} の ARN ではありません", kind_ja(kind)),
            Self::NoAccount { kind } => {
                format!("IAM {} には `arn`、または `account` と `name` が必要です", kind_ja(kind))
            }
            Self::NoName { kind } => format!("IAM {} には `name` が必要です", kind_ja(kind)),
            Self::BadAccount(account) => format!("`{account}` は 12 桁のアカウント ID ではありません"),
        };
        Text::new(self.message(), ja)
    }

    /// [`IdentityError::help`] in English and Japanese.
    pub fn help_text(&self) -> Text {
        let ja = match self {
            Self::Principal(error) => return error.help_text(),
            Self::WrongKind { kind, .. } | Self::NoAccount { kind } | Self::NoName { kind } => {
                format!("`arn` を `arn:aws:iam::ACCOUNT:{kind}/NAME` の形で書くか、`account`、`name`、`path` を書いてください")
            }
            Self::BadAccount(_) => "アカウント ID は 12 桁の数字です (例: `111122223333`)".to_string(),
        };
        Text::new(self.help(), ja)
    }
}

impl fmt::Display for IdentityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Principal(error) => error.fmt(f),
            _ => f.write_str(&self.message()),
        }
    }
}

fn identity_name(
    arn: Option<&str>,
    account: Option<&str>,
    name: Option<&str>,
    path: Option<&str>,
    kind: &'static str,
) -> Result<IdentityName, IdentityError> {
    if let Some(arn) = arn {
        let principal = RequestPrincipal::parse(arn).map_err(IdentityError::Principal)?;
        let wanted = if kind == "user" { PrincipalKind::User } else { PrincipalKind::Role };
        if principal.kind != wanted {
            return Err(IdentityError::WrongKind { arn: arn.to_string(), kind });
        }
        return Ok(IdentityName {
            arn: arn.to_string(),
            account: principal.account.unwrap_or_default(),
            name: principal.name,
            path: principal.path,
        });
    }
    let account = account.ok_or(IdentityError::NoAccount { kind })?;
    let name = name.filter(|n| !n.is_empty()).ok_or(IdentityError::NoName { kind })?;
    if !is_account_id(account) {
        return Err(IdentityError::BadAccount(account.to_string()));
    }
    let path = normalise_path(path.unwrap_or("/"));
    Ok(IdentityName {
        arn: format!("arn:aws:iam::{account}:{kind}{path}{name}"),
        account: account.to_string(),
        name: name.to_string(),
        path,
    })
}

fn normalise_path(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

impl IdentityName {
    /// The identity of a user given as JSON, read as [`User::identity`] reads it (a field of the
    /// wrong type counts as absent): for the parts of a world that does not parse as a whole.
    pub fn of_user(user: &Value) -> Result<Self, IdentityError> {
        Self::of_json(user, "user")
    }

    /// The identity of a role given as JSON, read as [`Role::identity`] reads it (a field of the
    /// wrong type counts as absent).
    pub fn of_role(role: &Value) -> Result<Self, IdentityError> {
        Self::of_json(role, "role")
    }

    fn of_json(entry: &Value, kind: &'static str) -> Result<Self, IdentityError> {
        let text = |key: &str| entry.get(key).and_then(Value::as_str);
        identity_name(text("arn"), text("account"), text("name"), text("path"), kind)
    }
}

impl User {
    /// The user's ARN, account, name and path.
    pub fn identity(&self) -> Result<IdentityName, IdentityError> {
        identity_name(self.arn.as_deref(), self.account.as_deref(), self.name.as_deref(), self.path.as_deref(), "user")
    }
}

impl Role {
    /// The role's ARN, account, name and path.
    pub fn identity(&self) -> Result<IdentityName, IdentityError> {
        identity_name(self.arn.as_deref(), self.account.as_deref(), self.name.as_deref(), self.path.as_deref(), "role")
    }

    /// The role's maximum session duration in seconds.
    pub fn max_session_duration(&self) -> i64 {
        self.max_session_duration.unwrap_or(DEFAULT_MAX_SESSION_DURATION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub's subject formats ("Security hardening with OpenID Connect", example subject claims).
    #[test]
    fn github_runs_write_their_subject_in_githubs_format() {
        let run = |json: &str| serde_json::from_str::<GitHubRun>(json).map(|run| run.claims());
        let sub = |json: &str| run(json).ok().and_then(|c| c.into_iter().find(|(k, _)| *k == "sub")).map(|(_, v)| v);
        let cases = [
            (r#"{"repository": "octo-org/octo-repo"}"#, "repo:octo-org/octo-repo:ref:refs/heads/main"),
            (
                r#"{"repository": "octo-org/octo-repo", "ref": "refs/tags/v1"}"#,
                "repo:octo-org/octo-repo:ref:refs/tags/v1",
            ),
            (
                r#"{"repository": "octo-org/octo-repo", "environment": "Production"}"#,
                "repo:octo-org/octo-repo:environment:Production",
            ),
            (
                r#"{"repository": "octo-org/octo-repo", "eventName": "pull_request"}"#,
                "repo:octo-org/octo-repo:pull_request",
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(sub(json).as_deref(), Some(expected), "{json}");
        }
        let claims = run(r#"{"repository": "octo-org/octo-repo", "workflow": "ci.yml"}"#).unwrap_or_default();
        assert!(claims
            .contains(&("job_workflow_ref", "octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main".into())));
        assert!(claims.contains(&("aud", "sts.amazonaws.com".into())));
    }

    #[test]
    fn reads_policies_as_text_or_objects() {
        let world = World::from_json(
            r#"{"users":[{"arn":"arn:aws:iam::111122223333:user/alice","policies":[
                {"name":"Inline","document":"{\"Version\":\"2012-10-17\"}"},
                {"Statement":[{"Resource":"*","Action":"s3:*","Effect":"Allow"}],"Version":"2012-10-17"}],
                "tags":[{"Key":"team","Value":"blue"}]}]}"#,
        )
        .unwrap();
        let user = &world.users[0];
        assert_eq!(user.policies[0].document.as_str(), "{\"Version\":\"2012-10-17\"}");
        let printed = user.policies[1].document.as_str();
        assert!(printed.starts_with("{\n    \"Version\": \"2012-10-17\",\n    \"Statement\""), "{printed}");
        assert!(printed.find("\"Effect\"") < printed.find("\"Action\""));
        assert_eq!(user.tags.get("TEAM"), Some("blue"));
        assert_eq!(user.identity().unwrap().name, "alice");
    }

    #[test]
    fn builds_arns_from_parts() {
        let role = Role {
            account: Some("111122223333".into()),
            name: Some("R".into()),
            path: Some("service-role".into()),
            ..Role::default()
        };
        assert_eq!(role.identity().unwrap().arn, "arn:aws:iam::111122223333:role/service-role/R");
        assert!(Role { name: Some("R".into()), ..Role::default() }.identity().is_err());
    }
}
