//! The imported inventory as the world `omen flow` plays — the one file of the import that knows
//! the world's JSON format (documented at the top of `crate::flow`), so that the world can move
//! without the rest of the import noticing.
//!
//! A group is written once, in the world's `groups` with its account, and each member's `groups`
//! names it ("IAM user groups": one group's policies apply to all its members); only a group name
//! that several imported accounts use is copied into each member instead, since the world finds
//! its groups by name. Managed policies are copied into each entity that attaches them (with their `arn`, so AWS managed ones stay read-only), and a managed policy no
//! file holds is kept by name and ARN with an empty document: the flow then says it cannot be
//! read and leaves it out, rather than silently acting as if it were not attached. A role's
//! instance profiles, and the Lambda functions and CloudFormation stacks that carry it, are its
//! `usedBy`: existing resources the reach analysis takes as facts.

use super::document::{Document, DocumentBody};
use super::inventory::{InlinePolicy, Inventory, RoleEntity, Tag, UserEntity};
use crate::flow::Text;
use serde_json::{json, Map, Value};

/// Who plays what in the world made from an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorldChoice {
    /// A name for the world.
    pub name: Option<String>,
    /// The caller: a user or role, by ARN, name, or path and name (`engineering/alice`).
    pub caller: Option<String>,
    /// The role (the mask), by ARN, name, or path and name (`app/deploy`).
    pub role: Option<String>,
    /// The API to pass the role through (`ec2:RunInstances`, …); without it, the caller assumes
    /// the role.
    pub api: Option<String>,
}

/// Why the chosen caller or role cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorldProblem {
    /// Nothing imported has this ARN or name.
    NotFound {
        /// What was asked for.
        wanted: String,
        /// Whether a role was asked for (else a user or role).
        role: bool,
    },
    /// Several entities have this name.
    Ambiguous {
        /// The name.
        wanted: String,
        /// Their ARNs.
        arns: Vec<String>,
    },
    /// A caller without a role, or a role without a caller.
    Incomplete,
}

impl WorldProblem {
    /// What went wrong, in English and Japanese.
    pub fn message(&self) -> Text {
        match self {
            Self::NotFound { wanted, role: true } => Text::new(
                format!("no imported role is `{wanted}`"),
                format!("読み込んだロールに `{wanted}` はありません"),
            ),
            Self::NotFound { wanted, role: false } => Text::new(
                format!("no imported user or role is `{wanted}`"),
                format!("読み込んだユーザーとロールに `{wanted}` はありません"),
            ),
            Self::Ambiguous { wanted, arns } => Text::new(
                format!("`{wanted}` names {} entities: give the ARN (`{}`)", arns.len(), arns.join("`, `")),
                format!("`{wanted}` は {} 個あります。ARN で指定してください（`{}`）", arns.len(), arns.join("`、`")),
            ),
            Self::Incomplete => Text::new(
                "give both a caller and a role, or neither",
                "呼び出し元とロールは両方指定するか、どちらも指定しないでください",
            ),
        }
    }
}

/// The session name a role caller plays with.
const ROLE_CALLER_SESSION: &str = "omen-import";

/// The world JSON for `inventory`, with the chosen action (none when neither caller nor role is
/// chosen: the person picks one in the playground).
pub fn world_json(inventory: &Inventory, choice: &WorldChoice) -> Result<Value, WorldProblem> {
    let mut world = Map::new();
    if let Some(name) = &choice.name {
        world.insert("name".into(), json!(name));
    }
    let accounts: Vec<Value> = inventory.accounts.iter().map(|a| json!({"id": a.id})).collect();
    world.insert("accounts".into(), Value::Array(accounts));
    let users: Vec<Value> = inventory.users().map(|u| user_json(inventory, u)).collect();
    world.insert("users".into(), Value::Array(users));
    let roles: Vec<Value> = inventory.roles().map(|r| role_json(inventory, r)).collect();
    world.insert("roles".into(), Value::Array(roles));
    let groups: Vec<Value> = inventory
        .accounts
        .iter()
        .flat_map(|account| account.groups.iter().map(move |group| (account, group)))
        .filter(|(_, group)| shared(inventory, &group.name))
        .map(|(account, group)| {
            let policies = policies_json(inventory, group.inline_policies.as_ref(), group.managed_policies.as_ref());
            json!({"name": group.name, "account": account.id, "policies": policies})
        })
        .collect();
    if !groups.is_empty() {
        world.insert("groups".into(), Value::Array(groups));
    }
    match (&choice.caller, &choice.role) {
        (None, None) => {}
        (Some(caller), Some(role)) => {
            let role = find_role(inventory, role)?;
            let caller = find_caller(inventory, caller)?;
            let action = match &choice.api {
                Some(api) => json!({"passRole": {"caller": caller, "api": api, "role": role}}),
                None => {
                    // AssumeRole needs a session name: the user's own name, as console switch
                    // role uses, or Omen's for a role session.
                    let session = match caller.split_once(":user/") {
                        Some((_, name)) => name.rsplit('/').next().unwrap_or(ROLE_CALLER_SESSION),
                        None => ROLE_CALLER_SESSION,
                    };
                    json!({"assumeRole": {"caller": caller, "role": role, "roleSessionName": session}})
                }
            };
            world.insert("action".into(), action);
        }
        _ => return Err(WorldProblem::Incomplete),
    }
    Ok(Value::Object(world))
}

/// A policy document as world JSON: the object, or the text when it is not JSON (so that the
/// policy's diagnostics point into it).
fn document_json(document: Option<&Document>) -> Value {
    match document.map(|d| &d.body) {
        Some(DocumentBody::Json(value)) => value.clone(),
        Some(DocumentBody::Text(text)) => json!(text),
        None => json!(""),
    }
}

/// A document as the text an editor shows: JSON printed in AWS's element order.
pub(crate) fn pretty_document(document: &Document) -> String {
    match &document.body {
        DocumentBody::Json(value) => crate::world::pretty_policy(value),
        DocumentBody::Text(text) => text.clone(),
    }
}

fn inline_json(policy: &InlinePolicy) -> Value {
    json!({"name": policy.name, "document": document_json(policy.document.as_ref())})
}

fn managed_json(inventory: &Inventory, arn: &str) -> Value {
    let policy = inventory.managed_policy(arn);
    let name = policy.map_or_else(|| arn.rsplit('/').next().unwrap_or(arn).to_string(), |p| p.name.clone());
    let aws_managed = policy.map_or_else(|| arn.contains(":iam::aws:policy/"), |p| p.aws_managed);
    let mut value = Map::new();
    value.insert("name".into(), json!(name));
    value.insert("arn".into(), json!(arn));
    value.insert("document".into(), document_json(policy.and_then(|p| p.document.as_ref())));
    if aws_managed {
        value.insert("awsManaged".into(), json!(true));
    }
    let versions: Vec<Value> = policy
        .into_iter()
        .flat_map(|p| p.other_versions.iter())
        .map(|v| json!({"versionId": v.version_id, "document": document_json(v.document.as_ref())}))
        .collect();
    if !versions.is_empty() {
        value.insert("versions".into(), Value::Array(versions));
    }
    Value::Object(value)
}

fn policies_json(inventory: &Inventory, inline: Option<&Vec<InlinePolicy>>, managed: Option<&Vec<String>>) -> Value {
    let inline = inline.into_iter().flatten().map(inline_json);
    let managed = managed.into_iter().flatten().map(|arn| managed_json(inventory, arn));
    Value::Array(inline.chain(managed).collect())
}

fn tags_json(tags: Option<&Vec<Tag>>) -> Option<Value> {
    let tags = tags.filter(|t| !t.is_empty())?;
    Some(Value::Array(tags.iter().map(|t| json!({"Key": t.key, "Value": t.value})).collect()))
}

fn user_json(inventory: &Inventory, user: &UserEntity) -> Value {
    let mut value = Map::new();
    value.insert("arn".into(), json!(user.arn));
    value.insert(
        "policies".into(),
        policies_json(inventory, user.inline_policies.as_ref(), user.managed_policies.as_ref()),
    );
    let account = super::arn::IamArn::parse(&user.arn).map(|a| a.account).unwrap_or_default();
    let groups: Vec<Value> = user
        .groups
        .iter()
        .flatten()
        .map(|name| {
            let group = inventory.group(&account, name);
            if group.is_some() && shared(inventory, name) {
                return json!({"name": name});
            }
            json!({
                "name": name,
                "policies": policies_json(
                    inventory,
                    group.and_then(|g| g.inline_policies.as_ref()),
                    group.and_then(|g| g.managed_policies.as_ref()),
                ),
            })
        })
        .collect();
    if !groups.is_empty() {
        value.insert("groups".into(), Value::Array(groups));
    }
    if let Some(Some(arn)) = &user.permissions_boundary {
        value.insert("permissionsBoundary".into(), managed_json(inventory, arn));
    }
    if let Some(tags) = tags_json(user.tags.as_ref()) {
        value.insert("tags".into(), tags);
    }
    Value::Object(value)
}

/// Whether the group `name` is written once in the world's `groups`: no other imported account
/// has a group of that name.
fn shared(inventory: &Inventory, name: &str) -> bool {
    inventory.accounts.iter().filter(|a| a.groups.iter().any(|g| g.name == name)).count() == 1
}

fn role_json(inventory: &Inventory, role: &RoleEntity) -> Value {
    let mut value = Map::new();
    value.insert("arn".into(), json!(role.arn));
    if role.trust_policy.is_some() {
        value.insert("trustPolicy".into(), document_json(role.trust_policy.as_ref()));
    }
    value.insert(
        "policies".into(),
        policies_json(inventory, role.inline_policies.as_ref(), role.managed_policies.as_ref()),
    );
    if let Some(Some(arn)) = &role.permissions_boundary {
        value.insert("permissionsBoundary".into(), managed_json(inventory, arn));
    }
    if let Some(tags) = tags_json(role.tags.as_ref()) {
        value.insert("tags".into(), tags);
    }
    if let Some(seconds) = role.max_session_duration {
        value.insert("maxSessionDuration".into(), json!(seconds));
    }
    if role.service_linked {
        value.insert("serviceLinked".into(), json!(true));
    }
    let account = super::arn::IamArn::parse(&role.arn).map(|a| a.account).unwrap_or_default();
    let profiles = role.instance_profiles.iter().flatten().map(|p| json!({"type": "instanceProfile", "arn": p.arn}));
    let carriers = inventory
        .account(&account)
        .into_iter()
        .flat_map(|a| a.carriers.iter())
        .filter(|c| c.role == role.arn)
        .map(|c| json!({"type": c.kind, "arn": c.arn}));
    let used_by: Vec<Value> = profiles.chain(carriers).collect();
    if !used_by.is_empty() {
        value.insert("usedBy".into(), Value::Array(used_by));
    }
    Value::Object(value)
}

/// Whether `wanted` names an entity: its ARN, its name, or its path and name (`app/deploy`).
fn names(wanted: &str, arn: &str, path: &str, name: &str) -> bool {
    let wanted_path = wanted.trim_start_matches('/');
    wanted == arn
        || wanted == name
        || wanted_path.strip_suffix(name).is_some_and(|p| p.is_empty() || format!("/{p}") == path)
}

fn find_role(inventory: &Inventory, wanted: &str) -> Result<String, WorldProblem> {
    let arns: Vec<String> =
        inventory.roles().filter(|r| names(wanted, &r.arn, &r.path, &r.name)).map(|r| r.arn.clone()).collect();
    pick(wanted, arns, true)
}

/// The caller's ARN: a user's ARN, or for a role, a session of it.
fn find_caller(inventory: &Inventory, wanted: &str) -> Result<String, WorldProblem> {
    let users = inventory.users().filter(|u| names(wanted, &u.arn, &u.path, &u.name)).map(|u| u.arn.clone());
    let roles = inventory.roles().filter(|r| names(wanted, &r.arn, &r.path, &r.name)).map(|r| {
        let account = super::arn::IamArn::parse(&r.arn).map(|a| (a.partition, a.account)).unwrap_or_default();
        format!("arn:{}:sts::{}:assumed-role/{}/{ROLE_CALLER_SESSION}", account.0, account.1, r.name)
    });
    pick(wanted, users.chain(roles).collect(), false)
}

fn pick(wanted: &str, mut arns: Vec<String>, role: bool) -> Result<String, WorldProblem> {
    if arns.len() > 1 {
        return Err(WorldProblem::Ambiguous { wanted: wanted.to_string(), arns });
    }
    arns.pop().ok_or_else(|| WorldProblem::NotFound { wanted: wanted.to_string(), role })
}
