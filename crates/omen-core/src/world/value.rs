//! A [`World`] to and from a JSON value without serde's generated code. Reading does field for
//! field what the derived `Deserialize` does from a `serde_json::Value` (the same defaults,
//! unknown fields ignored, a struct also read from an array in field order, the same errors);
//! writing does what the derived `Serialize` does into one (the same fields, the same ones left
//! out); each in a fraction of the code. The page reads every world it plays this way, every
//! play writes its world once ([`World::to_value`]: the one walker reads the JSON) and fixes
//! are made on the JSON; the derived code stays for text (`World::from_json` with line and
//! column, `World::to_json`), and tests/world_value.rs holds the two equal.

use super::wire::{
    Account, AssumeRoleParams, FederatedCall, FlowAction, GitHubRun, Group, IdentityProvider, MfaParams, NamedPolicy,
    PassRoleAction, PolicyText, PolicyVersion, Role, SessionAction, SessionPolicy, Tags, UsedBy, User, World,
};
use serde::de::{Error as _, Unexpected};
use serde_json::{Error, Map, Value};

type Read<T> = Result<T, Error>;

impl World {
    /// Read a world from a JSON value, as `serde_json::from_value::<World>` does (same result,
    /// same error), without cloning the value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        world(value)
    }
}

/// What serde calls the value when it has the wrong type (as `serde_json::Value` does).
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(flag) => Unexpected::Bool(*flag),
        Value::Number(number) => match (number.as_u64(), number.as_i64()) {
            (Some(unsigned), _) => Unexpected::Unsigned(unsigned),
            (None, Some(signed)) => Unexpected::Signed(signed),
            (None, None) => Unexpected::Float(number.as_f64().unwrap_or_default()),
        },
        Value::String(text) => Unexpected::Str(text),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn invalid(value: &Value, expected: &str) -> Error {
    Error::invalid_type(unexpected(value), &expected)
}

fn string(value: &Value) -> Read<String> {
    value.as_str().map(str::to_string).ok_or_else(|| invalid(value, "a string"))
}

fn boolean(value: &Value) -> Read<bool> {
    value.as_bool().ok_or_else(|| invalid(value, "a boolean"))
}

fn integer(value: &Value) -> Read<i64> {
    let number = value.as_number().ok_or_else(|| invalid(value, "i64"))?;
    match (number.as_i64(), number.as_u64()) {
        (Some(signed), _) => Ok(signed),
        (None, Some(unsigned)) => Err(Error::invalid_value(Unexpected::Unsigned(unsigned), &"i64")),
        (None, None) => Err(invalid(value, "i64")),
    }
}

fn map(value: &Value) -> Read<Map<String, Value>> {
    value.as_object().cloned().ok_or_else(|| invalid(value, "a map"))
}

fn optional<T>(value: &Value, read: fn(&Value) -> Read<T>) -> Read<Option<T>> {
    if value.is_null() {
        Ok(None)
    } else {
        read(value).map(Some)
    }
}

/// A loop rather than a collect into `Result<Vec<_>, _>`, whose adapter costs more code.
fn list<T>(value: &Value, read: fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(invalid(value, "a sequence"));
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(read(item)?);
    }
    Ok(out)
}

fn named(value: &Value) -> Read<NamedPolicy> {
    Ok(NamedPolicy::from_value(value))
}

fn named_list(value: &Value) -> Read<Vec<NamedPolicy>> {
    list(value, named)
}

fn tags(value: &Value) -> Read<Tags> {
    Tags::from_value(value).map_err(Error::custom)
}

fn session_action(value: &Value) -> Read<SessionAction> {
    SessionAction::from_value(value).map_err(Error::custom)
}

/// Hands each known field of a struct to `each` with its index in `names`: from an object in
/// key order (unknown keys skipped), or from an array in field order (a shorter array leaves
/// the rest at their defaults, a longer one is refused), as serde's derived visitor does.
fn fields(value: &Value, what: &str, names: &[&str], each: &mut dyn FnMut(usize, &Value) -> Read<()>) -> Read<()> {
    match value {
        Value::Object(entries) => {
            for (key, item) in entries {
                if let Some(index) = names.iter().position(|name| name == key) {
                    each(index, item)?;
                }
            }
            Ok(())
        }
        Value::Array(items) => {
            for (index, item) in items.iter().take(names.len()).enumerate() {
                each(index, item)?;
            }
            if items.len() > names.len() {
                return Err(Error::invalid_length(items.len(), &"fewer elements in array"));
            }
            Ok(())
        }
        _ => Err(invalid(value, what)),
    }
}

fn world(value: &Value) -> Read<World> {
    let mut world = World::default();
    let names = ["name", "now", "accounts", "users", "roles", "groups", "action", "identityProviders"];
    fields(value, "struct World", &names, &mut |index, item| {
        match index {
            0 => world.name = optional(item, string)?,
            1 => world.now = optional(item, string)?,
            2 => world.accounts = list(item, account)?,
            3 => world.users = list(item, user)?,
            4 => world.roles = list(item, role)?,
            5 => world.groups = list(item, group)?,
            6 => world.action = optional(item, flow_action)?,
            _ => world.identity_providers = optional(item, |items| list(items, identity_provider))?,
        }
        Ok(())
    })?;
    Ok(world)
}

fn identity_provider(value: &Value) -> Read<IdentityProvider> {
    let mut provider = IdentityProvider::default();
    fields(value, "struct IdentityProvider", &["arn", "clientIds"], &mut |index, item| {
        match index {
            0 => provider.arn = string(item)?,
            _ => provider.client_ids = list(item, string)?,
        }
        Ok(())
    })?;
    Ok(provider)
}

fn account(value: &Value) -> Read<Account> {
    let mut account = Account::default();
    let names = ["id", "name", "scps", "rcps", "managementAccount"];
    fields(value, "struct Account", &names, &mut |index, item| {
        match index {
            0 => account.id = string(item)?,
            1 => account.name = optional(item, string)?,
            2 => account.scps = optional(item, |levels| list(levels, named_list))?,
            3 => account.rcps = optional(item, |levels| list(levels, named_list))?,
            _ => account.management_account = optional(item, string)?,
        }
        Ok(())
    })?;
    Ok(account)
}

fn user(value: &Value) -> Read<User> {
    let mut user = User::default();
    let names = ["arn", "account", "name", "path", "policies", "groups", "permissionsBoundary", "tags", "mfa"];
    fields(value, "struct User", &names, &mut |index, item| {
        match index {
            0 => user.arn = optional(item, string)?,
            1 => user.account = optional(item, string)?,
            2 => user.name = optional(item, string)?,
            3 => user.path = optional(item, string)?,
            4 => user.policies = named_list(item)?,
            5 => user.groups = list(item, group)?,
            6 => user.permissions_boundary = optional(item, named)?,
            7 => user.tags = tags(item)?,
            _ => user.mfa = boolean(item)?,
        }
        Ok(())
    })?;
    Ok(user)
}

fn group(value: &Value) -> Read<Group> {
    let mut group = Group::default();
    fields(value, "struct Group", &["name", "account", "policies"], &mut |index, item| {
        match index {
            0 => group.name = string(item)?,
            1 => group.account = optional(item, string)?,
            _ => group.policies = named_list(item)?,
        }
        Ok(())
    })?;
    Ok(group)
}

fn role(value: &Value) -> Read<Role> {
    let mut role = Role::default();
    let names = [
        "arn",
        "account",
        "name",
        "path",
        "trustPolicy",
        "policies",
        "permissionsBoundary",
        "tags",
        "maxSessionDuration",
        "serviceLinked",
        "usedBy",
    ];
    fields(value, "struct Role", &names, &mut |index, item| {
        match index {
            0 => role.arn = optional(item, string)?,
            1 => role.account = optional(item, string)?,
            2 => role.name = optional(item, string)?,
            3 => role.path = optional(item, string)?,
            4 => role.trust_policy = optional(item, |text| Ok(PolicyText::from_value(text)))?,
            5 => role.policies = named_list(item)?,
            6 => role.permissions_boundary = optional(item, named)?,
            7 => role.tags = tags(item)?,
            8 => role.max_session_duration = optional(item, integer)?,
            9 => role.service_linked = boolean(item)?,
            _ => role.used_by = list(item, used_by)?,
        }
        Ok(())
    })?;
    Ok(role)
}

fn used_by(value: &Value) -> Read<UsedBy> {
    let mut used = UsedBy::default();
    fields(value, "struct UsedBy", &["type", "arn"], &mut |index, item| {
        match index {
            0 => used.kind = string(item)?,
            _ => used.arn = string(item)?,
        }
        Ok(())
    })?;
    Ok(used)
}

fn flow_action(value: &Value) -> Read<FlowAction> {
    let mut action = FlowAction::default();
    let names = ["passRole", "assumeRole", "assumeRoleWithWebIdentity", "assumeRoleWithSaml", "chain", "then"];
    fields(value, "struct FlowAction", &names, &mut |index, item| {
        match index {
            0 => action.pass_role = optional(item, pass_role)?,
            1 => action.assume_role = optional(item, assume_role)?,
            2 => action.assume_role_with_web_identity = optional(item, federated)?,
            3 => action.assume_role_with_saml = optional(item, federated)?,
            4 => action.chain = list(item, assume_role)?,
            _ => action.then = list(item, session_action)?,
        }
        Ok(())
    })?;
    Ok(action)
}

fn federated(value: &Value) -> Read<FederatedCall> {
    let mut call = FederatedCall::default();
    let names =
        ["provider", "role", "roleSessionName", "durationSeconds", "claims", "github", "expires", "sessionPolicy"];
    fields(value, "struct FederatedCall", &names, &mut |index, item| {
        match index {
            0 => call.provider = string(item)?,
            1 => call.role = string(item)?,
            2 => call.role_session_name = optional(item, string)?,
            3 => call.duration_seconds = optional(item, integer)?,
            4 => call.claims = map(item)?,
            5 => call.github = optional(item, github)?,
            6 => call.expires = optional(item, string)?,
            _ => call.session_policy = optional(item, |policy| Ok(SessionPolicy::from_value(policy)))?,
        }
        Ok(())
    })?;
    Ok(call)
}

fn github(value: &Value) -> Read<GitHubRun> {
    let mut run = GitHubRun::default();
    let names = ["repository", "ref", "environment", "eventName", "workflow"];
    fields(value, "struct GitHubRun", &names, &mut |index, item| {
        match index {
            0 => run.repository = string(item)?,
            1 => run.r#ref = optional(item, string)?,
            2 => run.environment = optional(item, string)?,
            3 => run.event_name = optional(item, string)?,
            _ => run.workflow = optional(item, string)?,
        }
        Ok(())
    })?;
    Ok(run)
}

fn pass_role(value: &Value) -> Read<PassRoleAction> {
    let mut call = PassRoleAction::default();
    let names = ["caller", "api", "role", "parameter", "region", "resourceName", "blastRadius"];
    fields(value, "struct PassRoleAction", &names, &mut |index, item| {
        match index {
            0 => call.caller = string(item)?,
            1 => call.api = string(item)?,
            2 => call.role = optional(item, string)?,
            3 => call.parameter = optional(item, string)?,
            4 => call.region = optional(item, string)?,
            5 => call.resource_name = optional(item, string)?,
            _ => call.blast_radius = optional(item, |actions| list(actions, session_action))?,
        }
        Ok(())
    })?;
    Ok(call)
}

fn assume_role(value: &Value) -> Read<AssumeRoleParams> {
    let mut call = AssumeRoleParams::default();
    let names = [
        "caller",
        "role",
        "roleSessionName",
        "externalId",
        "mfa",
        "durationSeconds",
        "sessionPolicy",
        "tags",
        "transitiveTagKeys",
        "sourceIdentity",
        "viaConsoleSwitchRole",
        "sourceAccount",
        "sourceArn",
        "then",
    ];
    fields(value, "struct AssumeRoleParams", &names, &mut |index, item| {
        match index {
            0 => call.caller = optional(item, string)?,
            1 => call.role = string(item)?,
            2 => call.role_session_name = optional(item, string)?,
            3 => call.external_id = optional(item, string)?,
            4 => call.mfa = optional(item, mfa)?,
            5 => call.duration_seconds = optional(item, integer)?,
            6 => call.session_policy = optional(item, |policy| Ok(SessionPolicy::from_value(policy)))?,
            7 => call.tags = tags(item)?,
            8 => call.transitive_tag_keys = list(item, string)?,
            9 => call.source_identity = optional(item, string)?,
            10 => call.via_console_switch_role = boolean(item)?,
            11 => call.source_account = optional(item, string)?,
            12 => call.source_arn = optional(item, string)?,
            _ => call.then = list(item, session_action)?,
        }
        Ok(())
    })?;
    Ok(call)
}

fn mfa(value: &Value) -> Read<MfaParams> {
    let mut mfa = MfaParams::default();
    fields(value, "struct MfaParams", &["serialNumber", "tokenCode"], &mut |index, item| {
        match index {
            0 => mfa.serial_number = string(item)?,
            _ => mfa.token_code = string(item)?,
        }
        Ok(())
    })?;
    Ok(mfa)
}

impl World {
    /// The world as a JSON value, as `serde_json::to_value` writes it (the same fields, the
    /// same ones left out).
    pub fn to_value(&self) -> Value {
        let mut out = Map::new();
        put(&mut out, "name", self.name.as_deref().map(text));
        put(&mut out, "now", self.now.as_deref().map(text));
        put(&mut out, "accounts", Some(array(&self.accounts, account_value)));
        put(&mut out, "users", Some(array(&self.users, user_value)));
        put(&mut out, "roles", Some(array(&self.roles, role_value)));
        put(&mut out, "groups", non_empty(&self.groups, group_value));
        put(&mut out, "action", self.action.as_ref().map(action_value));
        put(&mut out, "identityProviders", self.identity_providers.as_ref().map(|list| array(list, provider_value)));
        Value::Object(out)
    }
}

/// Writes `value` under `key` unless it is `None` (serde's `skip_serializing_if`).
fn put(out: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        out.insert(key.to_string(), value);
    }
}

fn text(value: &str) -> Value {
    Value::String(value.to_string())
}

fn optional_text(value: &Option<String>) -> Option<Value> {
    value.as_deref().map(text)
}

fn flag(value: bool) -> Option<Value> {
    value.then_some(Value::Bool(true))
}

fn array<T>(list: &[T], write: fn(&T) -> Value) -> Value {
    Value::Array(list.iter().map(write).collect())
}

/// A list left out when empty.
fn non_empty<T>(list: &[T], write: fn(&T) -> Value) -> Option<Value> {
    (!list.is_empty()).then(|| array(list, write))
}

fn named_value(policy: &NamedPolicy) -> Value {
    let mut out = Map::new();
    put(&mut out, "name", Some(text(&policy.name)));
    put(&mut out, "document", Some(text(policy.document.as_str())));
    put(&mut out, "awsManaged", flag(policy.aws_managed));
    put(&mut out, "versions", non_empty(&policy.versions, version_value));
    Value::Object(out)
}

fn version_value(version: &PolicyVersion) -> Value {
    let mut out = Map::new();
    put(&mut out, "versionId", Some(text(&version.version_id)));
    put(&mut out, "document", Some(text(version.document.as_str())));
    Value::Object(out)
}

fn named_values(policies: &[NamedPolicy]) -> Value {
    array(policies, named_value)
}

fn tags_value(tags: &Tags) -> Option<Value> {
    if tags.is_empty() {
        return None;
    }
    let mut out = Map::new();
    for tag in &tags.0 {
        out.insert(tag.key.clone(), text(&tag.value));
    }
    Some(Value::Object(out))
}

fn free_form(map: &Map<String, Value>) -> Option<Value> {
    (!map.is_empty()).then(|| Value::Object(map.clone()))
}

fn provider_value(provider: &IdentityProvider) -> Value {
    let mut out = Map::new();
    put(&mut out, "arn", Some(text(&provider.arn)));
    put(&mut out, "clientIds", non_empty(&provider.client_ids, |id| text(id)));
    Value::Object(out)
}

fn account_value(account: &Account) -> Value {
    let mut out = Map::new();
    put(&mut out, "id", Some(text(&account.id)));
    put(&mut out, "name", optional_text(&account.name));
    put(&mut out, "scps", account.scps.as_ref().map(|levels| array(levels, |level| named_values(level))));
    put(&mut out, "rcps", account.rcps.as_ref().map(|levels| array(levels, |level| named_values(level))));
    put(&mut out, "managementAccount", optional_text(&account.management_account));
    Value::Object(out)
}

fn user_value(user: &User) -> Value {
    let mut out = Map::new();
    put(&mut out, "arn", optional_text(&user.arn));
    put(&mut out, "account", optional_text(&user.account));
    put(&mut out, "name", optional_text(&user.name));
    put(&mut out, "path", optional_text(&user.path));
    put(&mut out, "policies", Some(named_values(&user.policies)));
    put(&mut out, "groups", non_empty(&user.groups, group_value));
    put(&mut out, "permissionsBoundary", user.permissions_boundary.as_ref().map(named_value));
    put(&mut out, "tags", tags_value(&user.tags));
    put(&mut out, "mfa", flag(user.mfa));
    Value::Object(out)
}

fn group_value(group: &Group) -> Value {
    let mut out = Map::new();
    put(&mut out, "name", Some(text(&group.name)));
    put(&mut out, "account", optional_text(&group.account));
    put(&mut out, "policies", Some(named_values(&group.policies)));
    Value::Object(out)
}

fn role_value(role: &Role) -> Value {
    let mut out = Map::new();
    put(&mut out, "arn", optional_text(&role.arn));
    put(&mut out, "account", optional_text(&role.account));
    put(&mut out, "name", optional_text(&role.name));
    put(&mut out, "path", optional_text(&role.path));
    put(&mut out, "trustPolicy", role.trust_policy.as_ref().map(|policy| text(policy.as_str())));
    put(&mut out, "policies", Some(named_values(&role.policies)));
    put(&mut out, "permissionsBoundary", role.permissions_boundary.as_ref().map(named_value));
    put(&mut out, "tags", tags_value(&role.tags));
    put(&mut out, "maxSessionDuration", role.max_session_duration.map(Value::from));
    put(&mut out, "serviceLinked", flag(role.service_linked));
    put(&mut out, "usedBy", non_empty(&role.used_by, used_by_value));
    Value::Object(out)
}

fn used_by_value(used: &UsedBy) -> Value {
    let mut out = Map::new();
    put(&mut out, "type", Some(text(&used.kind)));
    put(&mut out, "arn", Some(text(&used.arn)));
    Value::Object(out)
}

fn action_value(action: &FlowAction) -> Value {
    let mut out = Map::new();
    put(&mut out, "passRole", action.pass_role.as_ref().map(pass_role_value));
    put(&mut out, "assumeRole", action.assume_role.as_ref().map(assume_role_value));
    put(&mut out, "assumeRoleWithWebIdentity", action.assume_role_with_web_identity.as_ref().map(federated_value));
    put(&mut out, "assumeRoleWithSaml", action.assume_role_with_saml.as_ref().map(federated_value));
    put(&mut out, "chain", non_empty(&action.chain, assume_role_value));
    put(&mut out, "then", non_empty(&action.then, session_action_value));
    Value::Object(out)
}

fn federated_value(call: &FederatedCall) -> Value {
    let mut out = Map::new();
    put(&mut out, "provider", Some(text(&call.provider)));
    put(&mut out, "role", Some(text(&call.role)));
    put(&mut out, "roleSessionName", optional_text(&call.role_session_name));
    put(&mut out, "durationSeconds", call.duration_seconds.map(Value::from));
    put(&mut out, "claims", free_form(&call.claims));
    put(&mut out, "github", call.github.as_ref().map(github_value));
    put(&mut out, "expires", optional_text(&call.expires));
    put(&mut out, "sessionPolicy", call.session_policy.as_ref().map(session_policy_value));
    Value::Object(out)
}

fn github_value(run: &GitHubRun) -> Value {
    let mut out = Map::new();
    put(&mut out, "repository", Some(text(&run.repository)));
    put(&mut out, "ref", optional_text(&run.r#ref));
    put(&mut out, "environment", optional_text(&run.environment));
    put(&mut out, "eventName", optional_text(&run.event_name));
    put(&mut out, "workflow", optional_text(&run.workflow));
    Value::Object(out)
}

fn pass_role_value(call: &PassRoleAction) -> Value {
    let mut out = Map::new();
    put(&mut out, "caller", Some(text(&call.caller)));
    put(&mut out, "api", Some(text(&call.api)));
    put(&mut out, "role", optional_text(&call.role));
    put(&mut out, "parameter", optional_text(&call.parameter));
    put(&mut out, "region", optional_text(&call.region));
    put(&mut out, "resourceName", optional_text(&call.resource_name));
    put(&mut out, "blastRadius", call.blast_radius.as_ref().map(|actions| array(actions, session_action_value)));
    Value::Object(out)
}

fn assume_role_value(call: &AssumeRoleParams) -> Value {
    let mut out = Map::new();
    put(&mut out, "caller", optional_text(&call.caller));
    put(&mut out, "role", Some(text(&call.role)));
    put(&mut out, "roleSessionName", optional_text(&call.role_session_name));
    put(&mut out, "externalId", optional_text(&call.external_id));
    put(&mut out, "mfa", call.mfa.as_ref().map(mfa_value));
    put(&mut out, "durationSeconds", call.duration_seconds.map(Value::from));
    put(&mut out, "sessionPolicy", call.session_policy.as_ref().map(session_policy_value));
    put(&mut out, "tags", tags_value(&call.tags));
    put(&mut out, "transitiveTagKeys", non_empty(&call.transitive_tag_keys, |key| text(key)));
    put(&mut out, "sourceIdentity", optional_text(&call.source_identity));
    put(&mut out, "viaConsoleSwitchRole", flag(call.via_console_switch_role));
    put(&mut out, "sourceAccount", optional_text(&call.source_account));
    put(&mut out, "sourceArn", optional_text(&call.source_arn));
    put(&mut out, "then", non_empty(&call.then, session_action_value));
    Value::Object(out)
}

fn session_policy_value(policy: &SessionPolicy) -> Value {
    match policy {
        SessionPolicy::Document(document) => text(document.as_str()),
        SessionPolicy::Named(named) => named_value(named),
    }
}

fn mfa_value(mfa: &MfaParams) -> Value {
    let mut out = Map::new();
    put(&mut out, "serialNumber", Some(text(&mfa.serial_number)));
    put(&mut out, "tokenCode", Some(text(&mfa.token_code)));
    Value::Object(out)
}

fn session_action_value(action: &SessionAction) -> Value {
    let mut out = Map::new();
    put(&mut out, "action", Some(text(&action.action)));
    put(&mut out, "resource", optional_text(&action.resource));
    put(&mut out, "resourceAccount", optional_text(&action.resource_account));
    put(&mut out, "region", optional_text(&action.region));
    put(&mut out, "context", free_form(&action.context));
    put(&mut out, "resourcePolicy", action.resource_policy.as_ref().map(|policy| text(policy.as_str())));
    Value::Object(out)
}
