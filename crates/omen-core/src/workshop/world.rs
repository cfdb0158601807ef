//! Reading a world's JSON the way the workshop needs it: who is in it, the policies a principal
//! carries (as an `omen eval` request case), where a role lives, and a canonical form for
//! comparing two worlds and deriving verification codes.

use super::material::RequestSpec;
use serde_json::{json, Map, Value};

/// An IAM user or role of the world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// `user` or `role`.
    pub kind: &'static str,
    /// Its ARN.
    pub arn: String,
    /// Its account.
    pub account: String,
    /// Its name.
    pub name: String,
    /// Its path, `/…/`.
    pub path: String,
    /// Where it is in the world (`/users/0`, `/roles/1`).
    pub pointer: String,
}

/// The 12-digit account of an ARN, if it has one.
pub fn account_of(arn: &str) -> Option<&str> {
    let account = arn.split(':').nth(4)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

fn text<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

fn identity(entry: &Value, kind: &'static str, pointer: String) -> Option<Identity> {
    if let Some(arn) = text(entry, "arn") {
        let account = account_of(arn)?.to_string();
        let rest = arn.split_once(&format!(":{kind}/"))?.1;
        let (path, name) = match rest.rsplit_once('/') {
            Some((path, name)) => (format!("/{path}/"), name.to_string()),
            None => ("/".to_string(), rest.to_string()),
        };
        return Some(Identity { kind, arn: arn.to_string(), account, name, path, pointer });
    }
    let account = text(entry, "account")?.to_string();
    let name = text(entry, "name").filter(|n| !n.is_empty())?.to_string();
    let trimmed = text(entry, "path").unwrap_or("/").trim_matches('/');
    let path = if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") };
    Some(Identity { kind, arn: format!("arn:aws:iam::{account}:{kind}{path}{name}"), account, name, path, pointer })
}

/// Every user and role of the world that has a readable identity.
pub fn identities(world: &Value) -> Vec<Identity> {
    let mut out = Vec::new();
    for (key, kind) in [("users", "user"), ("roles", "role")] {
        if let Some(Value::Array(entries)) = world.get(key) {
            for (i, entry) in entries.iter().enumerate() {
                out.extend(identity(entry, kind, format!("/{key}/{i}")));
            }
        }
    }
    out
}

/// The role of the world with this ARN (compared without its path) or this account and name.
pub fn role(world: &Value, account: &str, name: &str) -> Option<Identity> {
    identities(world).into_iter().find(|i| i.kind == "role" && i.account == account && i.name == name)
}

/// The identity named by an ARN: a user or role ARN, or a role session's ARN (its role).
pub fn find(world: &Value, arn: &str) -> Option<Identity> {
    let account = account_of(arn)?;
    if let Some(rest) = arn.split_once(":assumed-role/").map(|(_, rest)| rest) {
        let role_name = rest.split('/').next()?;
        return role(world, account, role_name);
    }
    let (kind, rest) = if let Some((_, rest)) = arn.split_once(":user/") {
        ("user", rest)
    } else {
        ("role", arn.split_once(":role/")?.1)
    };
    let name = rest.rsplit('/').next()?;
    identities(world).into_iter().find(|i| i.kind == kind && i.account == account && i.name == name)
}

/// A named policy or bare document of the world as a request case's policy.
fn case_policy(entry: &Value, default_type: &str) -> Value {
    let fields = entry.as_object().filter(|f| f.contains_key("document") || f.contains_key("policy"));
    match fields {
        Some(fields) => {
            let document = fields.get("document").or_else(|| fields.get("policy")).cloned().unwrap_or(Value::Null);
            let managed = fields.get("awsManaged").and_then(Value::as_bool).unwrap_or(false)
                || fields.get("arn").and_then(Value::as_str).is_some_and(|a| a.starts_with("arn:aws:iam::aws:policy/"));
            let name = fields.get("name").cloned().unwrap_or(Value::Null);
            json!({"name": name, "policy": document, "type": if managed { "managed" } else { default_type }})
        }
        None => json!({"policy": entry, "type": default_type}),
    }
}

/// The document of a named policy or of a bare document.
pub fn document_of(entry: &Value) -> Value {
    match entry.as_object().and_then(|f| f.get("document").or_else(|| f.get("policy"))) {
        Some(document) => document.clone(),
        None => entry.clone(),
    }
}

fn list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

fn account_entry<'w>(world: &'w Value, id: &str) -> Option<&'w Value> {
    list(world.get("accounts")).iter().find(|a| text(a, "id") == Some(id))
}

fn levels(account: Option<&Value>, key: &str) -> Option<Value> {
    let levels = account?.get(key)?.as_array()?;
    Some(Value::Array(
        levels.iter().map(|level| Value::Array(list(Some(level)).iter().map(document_of).collect())).collect(),
    ))
}

fn tags(value: Option<&Value>) -> Vec<(String, String)> {
    match value {
        Some(Value::Object(map)) => {
            map.iter().map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string))).collect()
        }
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let key = text(item, "Key").or_else(|| text(item, "key"))?;
                let value = text(item, "Value").or_else(|| text(item, "value"))?;
                Some((key.to_string(), value.to_string()))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The request case (the `omen eval` format) for `spec` in `world`: the principal's policies,
/// boundary, tags and Organizations policies; the resource's policy.
pub fn request_case(world: &Value, spec: &RequestSpec) -> Result<Value, String> {
    let asker = spec.principal.trim();
    let mut case = Map::new();
    let mut context = Map::new();
    let mut principal = asker.to_string();
    if !asker.starts_with("arn:") {
        // A service principal: no identity-based policies, no Organizations policies.
    } else {
        let who = find(world, asker).ok_or_else(|| format!("`{asker}` is not a user or role of the world"))?;
        let entry = world.pointer(&who.pointer).unwrap_or(&Value::Null);
        let mut policies: Vec<Value> = Vec::new();
        let default_type = if who.kind == "user" { "userInline" } else { "roleInline" };
        policies.extend(list(entry.get("policies")).iter().map(|p| case_policy(p, default_type)));
        for group in list(entry.get("groups")) {
            policies.extend(list(group.get("policies")).iter().map(|p| case_policy(p, "userInline")));
        }
        case.insert("identityPolicies".into(), Value::Array(policies));
        if let Some(boundary) = entry.get("permissionsBoundary").filter(|b| !b.is_null()) {
            case.insert("permissionsBoundary".into(), document_of(boundary));
        }
        for (key, value) in tags(entry.get("tags")) {
            context.insert(format!("aws:PrincipalTag/{key}"), Value::String(value));
        }
        if who.kind == "user" {
            if entry.get("mfa").and_then(Value::as_bool) == Some(true) {
                context.insert("aws:MultiFactorAuthPresent".into(), Value::String("true".into()));
            }
        } else if !asker.contains(":assumed-role/") {
            principal = format!("arn:aws:sts::{}:assumed-role/{}/workshop", who.account, who.name);
        }
        let account = account_entry(world, &who.account);
        if let Some(scps) = levels(account, "scps") {
            case.insert("scps".into(), scps);
        }
        if let Some(management) = account.and_then(|a| text(a, "managementAccount")) {
            case.insert("managementAccount".into(), Value::String(management.to_string()));
        }
    }
    let resource = spec.resource.clone().unwrap_or_else(|| "*".into());
    let resource_policy = match &spec.resource_policy {
        Some(Value::String(pointer)) if pointer.starts_with('/') => {
            Some(world.pointer(pointer).cloned().ok_or_else(|| format!("`{pointer}` is not in the world"))?)
        }
        Some(document) => Some(document.clone()),
        None => {
            let lowercase = spec.action.to_ascii_lowercase();
            let trust_decides = lowercase.starts_with("sts:assumerole")
                || lowercase == "sts:tagsession"
                || lowercase == "sts:setsourceidentity";
            if trust_decides && resource.contains(":role/") {
                let role = find(world, &resource).ok_or_else(|| format!("`{resource}` is not a role of the world"))?;
                world.pointer(&format!("{}/trustPolicy", role.pointer)).cloned()
            } else {
                None
            }
        }
    };
    if let Some(document) = resource_policy.filter(|d| !d.is_null()) {
        case.insert("resourcePolicy".into(), document);
    }
    if let Some(account) = account_of(&resource) {
        if let Some(rcps) = levels(account_entry(world, account), "rcps") {
            case.insert("rcps".into(), rcps);
        }
    }
    for (key, value) in &spec.context {
        context.insert(key.clone(), value.clone());
    }
    case.insert("name".into(), Value::String(format!("{} {}", spec.principal, spec.action)));
    case.insert("principal".into(), Value::String(principal));
    case.insert("action".into(), Value::String(spec.action.clone()));
    case.insert("resource".into(), Value::String(resource));
    case.insert("context".into(), Value::Object(context));
    Ok(Value::Object(case))
}

/// The world with `action` in place of its own.
pub fn with_action(world: &Value, action: &Value) -> Value {
    let mut out = world.clone();
    if let Value::Object(map) = &mut out {
        map.insert("action".into(), action.clone());
    }
    out
}

/// A policy document as a JSON value: a string holding JSON is read, anything else is as is.
pub fn document_value(document: &Value) -> Option<Value> {
    match document {
        Value::String(text) => serde_json::from_str(text).ok(),
        Value::Object(_) => Some(document.clone()),
        _ => None,
    }
}

/// The world in a canonical form: strings holding a JSON object (policy documents typed as
/// text) read as objects, empty lists and `false` flags and nulls dropped, keys sorted. Two worlds
/// that differ only in how a policy is indented, or in defaults, have the same canonical form.
pub fn canonical(value: &Value) -> Value {
    match value {
        Value::String(text) if text.trim_start().starts_with('{') => match serde_json::from_str::<Value>(text) {
            Ok(inner @ Value::Object(_)) => canonical(&inner),
            _ => value.clone(),
        },
        Value::Object(map) => {
            let mut entries: Vec<(&String, Value)> =
                map.iter().map(|(k, v)| (k, canonical(v))).filter(|(_, v)| !is_default(v)).collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

fn is_default(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// The canonical form as text, keys sorted at every level.
pub fn canonical_text(value: &Value) -> String {
    let mut out = String::new();
    write_sorted(&canonical(value), &mut out);
    out
}

fn write_sorted(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(inner) = map.get(key) {
                    write_sorted(inner, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> Value {
        json!({
            "accounts": [{"id": "111122223333", "scps": [[{"name": "FullAWSAccess", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]]}],
            "users": [{"arn": "arn:aws:iam::111122223333:user/dev/alice", "policies": [{"name": "P", "document": "{}"}],
                       "groups": [{"name": "devs", "policies": [{"Version": "2012-10-17", "Statement": []}]}],
                       "tags": {"team": "blue"}, "mfa": true}],
            "roles": [{"account": "111122223333", "name": "R", "path": "service-role", "trustPolicy": {"Version": "2012-10-17"}, "policies": []}]
        })
    }

    #[test]
    fn finds_users_roles_and_sessions() {
        let world = world();
        let found = |arn: &str| find(&world, arn).map(|i| i.pointer);
        assert_eq!(found("arn:aws:iam::111122223333:user/dev/alice").as_deref(), Some("/users/0"));
        assert_eq!(found("arn:aws:iam::111122223333:role/R").as_deref(), Some("/roles/0"));
        assert_eq!(found("arn:aws:sts::111122223333:assumed-role/R/s").as_deref(), Some("/roles/0"));
        assert_eq!(found("arn:aws:iam::444455556666:role/R"), None);
        assert_eq!(identities(&world)[1].arn, "arn:aws:iam::111122223333:role/service-role/R");
    }

    #[test]
    fn builds_a_case_with_the_principals_policies() {
        let spec = RequestSpec {
            principal: "arn:aws:iam::111122223333:user/dev/alice".into(),
            action: "s3:GetObject".into(),
            resource: None,
            context: Map::new(),
            resource_policy: None,
        };
        let case = request_case(&world(), &spec).unwrap();
        assert_eq!(case["identityPolicies"].as_array().map(Vec::len), Some(2));
        assert_eq!(case["identityPolicies"][0]["type"], "userInline");
        assert_eq!(case["context"]["aws:PrincipalTag/team"], "blue");
        assert_eq!(case["context"]["aws:MultiFactorAuthPresent"], "true");
        assert_eq!(case["scps"][0].as_array().map(Vec::len), Some(1));
        let as_role = RequestSpec { principal: "arn:aws:iam::111122223333:role/R".into(), ..spec };
        let case = request_case(&world(), &as_role).unwrap();
        assert_eq!(case["principal"], "arn:aws:sts::111122223333:assumed-role/R/workshop");
    }

    #[test]
    fn canonical_form_ignores_layout_and_defaults() {
        let a = json!({"users": [{"arn": "x", "policies": [{"name": "P", "document": "{\n  \"Version\": \"2012-10-17\"\n}"}], "groups": []}]});
        let b = json!({"users": [{"policies": [{"document": {"Version": "2012-10-17"}, "name": "P", "awsManaged": false}], "arn": "x"}]});
        assert_eq!(canonical_text(&a), canonical_text(&b));
        let c = json!({"users": [{"arn": "x", "policies": [{"name": "P", "document": {"Version": "2008-10-17"}}]}]});
        assert_ne!(canonical_text(&a), canonical_text(&c));
    }
}
