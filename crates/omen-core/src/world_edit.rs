//! Pure edits of a world's JSON that keep it consistent — the operations the web's world builder
//! offers: renaming a role renames every reference to it (its ARN in the action, in policies, in
//! session ARNs), changing an account id rewrites every place that uses it (ARNs, principals,
//! conditions, the account list), and AssumeRole chain hops are added and removed. Each returns
//! the edited world and how many places changed, or an [`EditError`] (message and help apart)
//! with the world left as it was.
//!
//! Names follow "IAM identifiers" (role names: up to 64 of letters, digits and `+=,.@_-`) and
//! account ids "Viewing AWS account identifiers" (twelve digits).

use serde_json::{Map, Value};

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    /// What is wrong, lowercase, user input in backticks.
    pub message: String,
    /// How to put it right.
    pub help: String,
}

impl EditError {
    fn new(message: String, help: &str) -> Self {
        EditError { message, help: help.to_owned() }
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\nhelp: {}", self.message, self.help)
    }
}

impl std::error::Error for EditError {}

/// An edited world and how many places in it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    /// The world after the edit.
    pub world: Value,
    /// How many strings (ARNs, ids, policy texts) were rewritten.
    pub places: usize,
}

/// Characters IAM allows in a role name besides letters and digits ("IAM identifiers").
const NAME_PUNCTUATION: &str = "+=,.@_-";

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || NAME_PUNCTUATION.contains(c)
}

/// Whether `name` is a valid role name: 1 to 64 characters of letters, digits and `+=,.@_-`
/// ("IAM and AWS STS quotas": role name 64 characters; "IAM identifiers").
pub fn is_role_name(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.chars().all(is_name_char)
}

/// Whether `id` is an AWS account id: twelve digits.
pub fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// The role's ARN as the world gives it: `arn`, else built from `account`, `path` and `name`.
fn role_arn(role: &Value) -> Option<String> {
    if let Some(arn) = role.get("arn").and_then(Value::as_str) {
        return Some(arn.to_owned());
    }
    let account = role.get("account").and_then(Value::as_str)?;
    let name = role.get("name").and_then(Value::as_str)?;
    let path = role.get("path").and_then(Value::as_str).unwrap_or("/");
    Some(format!("arn:aws:iam::{account}:role{path}{name}"))
}

/// `text` with every `from` that is not part of a longer name replaced by `to`; how many.
/// `boundary` tells which characters may not follow (or precede) a match.
fn replace_delimited(text: &str, from: &str, to: &str, boundary: fn(char) -> bool) -> (String, usize) {
    if from.is_empty() {
        return (text.to_owned(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let (head, tail) = rest.split_at(at);
        let after = tail.get(from.len()..).unwrap_or_default();
        let before_ok = head.chars().next_back().is_none_or(|c| !boundary(c));
        let after_ok = after.chars().next().is_none_or(|c| !boundary(c));
        out.push_str(head);
        if before_ok && after_ok {
            out.push_str(to);
            count += 1;
        } else {
            out.push_str(from);
        }
        rest = after;
    }
    out.push_str(rest);
    (out, count)
}

/// Every string of `value` passed through `edit`, which says how many places it changed.
fn rewrite_strings(value: &mut Value, edit: &dyn Fn(&str) -> (String, usize)) -> usize {
    match value {
        Value::String(text) => {
            let (new, count) = edit(text);
            if count > 0 {
                *text = new;
            }
            count
        }
        Value::Array(items) => items.iter_mut().map(|item| rewrite_strings(item, edit)).sum(),
        Value::Object(map) => map.values_mut().map(|item| rewrite_strings(item, edit)).sum(),
        _ => 0,
    }
}

/// Renames role `index` of `world` to `new_name`, keeping its account and path, and rewrites
/// every reference to it: its ARN wherever it appears (the action's hops, policies, principals)
/// and the role name inside session ARNs (`assumed-role/NAME/…`).
pub fn rename_role(world: &Value, index: usize, new_name: &str) -> Result<Edited, EditError> {
    if !is_role_name(new_name) {
        return Err(EditError::new(
            format!("`{new_name}` is not a role name"),
            "use 1 to 64 letters, digits and + = , . @ _ - (IAM identifiers)",
        ));
    }
    let role = world
        .get("roles")
        .and_then(|roles| roles.get(index))
        .ok_or_else(|| EditError::new(format!("the world has no role {}", index + 1), "add a role first"))?;
    let old_arn = role_arn(role).ok_or_else(|| {
        EditError::new(format!("role {} has no ARN", index + 1), "give the role an `arn`, or `account` and `name`")
    })?;
    let (prefix, old_name) = match old_arn.rsplit_once('/') {
        Some((prefix, name)) => (prefix.to_owned(), name.to_owned()),
        None => {
            return Err(EditError::new(
                format!("`{old_arn}` is not a role ARN"),
                "write arn:aws:iam::ACCOUNT:role/NAME",
            ))
        }
    };
    let new_arn = format!("{prefix}/{new_name}");
    let account = old_arn.split(':').nth(4).unwrap_or_default().to_owned();
    let mut world = world.clone();
    let old_session = format!(":{account}:assumed-role/{old_name}/");
    let new_session = format!(":{account}:assumed-role/{new_name}/");
    let places = rewrite_strings(&mut world, &|text: &str| {
        let (text, arns) = replace_delimited(text, &old_arn, &new_arn, is_name_char);
        let (text, sessions) = replace_delimited(&text, &old_session, &new_session, |_| false);
        (text, arns + sessions)
    });
    if let Some(Value::Object(role)) = world.get_mut("roles").and_then(|roles| roles.get_mut(index)) {
        if role.contains_key("name") {
            role.insert("name".into(), Value::String(new_name.to_owned()));
        }
    }
    Ok(Edited { world, places })
}

/// Changes account id `old` to `new` everywhere in `world`: in every ARN, principal, condition
/// value, user or role `account` and the account list — any twelve-digit `old` that is not part
/// of a longer number.
pub fn change_account_id(world: &Value, old: &str, new: &str) -> Result<Edited, EditError> {
    for id in [old, new] {
        if !is_account_id(id) {
            return Err(EditError::new(format!("`{id}` is not an account id"), "an AWS account id is twelve digits"));
        }
    }
    let mut world = world.clone();
    if old == new {
        return Ok(Edited { world, places: 0 });
    }
    let places =
        rewrite_strings(&mut world, &|text: &str| replace_delimited(text, old, new, |c: char| c.is_ascii_digit()));
    Ok(Edited { world, places })
}

/// How many AssumeRole hops the world's action has (the first hop and its `chain`).
pub fn hop_count(world: &Value) -> usize {
    let first = usize::from(world.pointer("/action/assumeRole").is_some());
    first + world.pointer("/action/chain").and_then(Value::as_array).map_or(0, Vec::len)
}

/// Adds an AssumeRole hop at the end of the chain: the next session assumes the first role of
/// the world that the last hop did not assume (else that same role), under session name
/// `omen-hopN`.
pub fn add_hop(world: &Value) -> Result<Edited, EditError> {
    let count = hop_count(world);
    if count == 0 {
        return Err(EditError::new(
            "the world's action is not an AssumeRole".to_owned(),
            "choose AssumeRole as the action first",
        ));
    }
    let last = match count {
        1 => world.pointer("/action/assumeRole/role"),
        n => world.pointer(&format!("/action/chain/{}/role", n - 2)),
    }
    .and_then(Value::as_str)
    .unwrap_or_default()
    .to_owned();
    let roles: Vec<String> = world
        .get("roles")
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |roles| roles.iter().filter_map(role_arn).collect());
    let next = roles.iter().find(|arn| **arn != last).cloned().unwrap_or(last);
    let mut hop = Map::new();
    hop.insert("role".into(), Value::String(next));
    hop.insert("roleSessionName".into(), Value::String(format!("omen-hop{}", count + 1)));
    let mut world = world.clone();
    let Some(Value::Object(action)) = world.get_mut("action") else {
        return Err(EditError::new("the world has no action".to_owned(), "choose an action first"));
    };
    match action.entry("chain").or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(chain) => chain.push(Value::Object(hop)),
        _ => return Err(EditError::new("`action.chain` is not a list".to_owned(), "make `chain` a list of hops")),
    }
    Ok(Edited { world, places: 1 })
}

/// Removes AssumeRole hop `hop` (numbered from 1 as people count; the first hop cannot be
/// removed, only the action changed). An emptied `chain` is removed.
pub fn remove_hop(world: &Value, hop: usize) -> Result<Edited, EditError> {
    if hop < 2 || hop > hop_count(world) {
        return Err(EditError::new(
            format!("there is no hop {hop} to remove"),
            "hops after the first can be removed; the first is the action itself",
        ));
    }
    let mut world = world.clone();
    let Some(Value::Object(action)) = world.get_mut("action") else {
        return Err(EditError::new("the world has no action".to_owned(), "choose an action first"));
    };
    let emptied = match action.get_mut("chain") {
        Some(Value::Array(chain)) if hop - 2 < chain.len() => {
            chain.remove(hop - 2);
            chain.is_empty()
        }
        _ => return Err(EditError::new(format!("there is no hop {hop} to remove"), "reload the world")),
    };
    if emptied {
        action.remove("chain");
    }
    Ok(Edited { world, places: 1 })
}

/// The account a new user or role is made in: the first of the world's accounts, else the
/// caller's, else the documentation account `111122223333`.
fn home_account(world: &Value) -> String {
    let listed = world.pointer("/accounts/0/id").and_then(Value::as_str);
    let caller = ["/action/passRole/caller", "/action/assumeRole/caller", "/users/0/arn"]
        .iter()
        .find_map(|pointer| world.pointer(pointer).and_then(Value::as_str))
        .and_then(|arn| arn.split(':').nth(4))
        .filter(|account| is_account_id(account));
    listed.or(caller).unwrap_or("111122223333").to_owned()
}

/// Which list of principals an edit works on: `users` or `roles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principals {
    /// IAM users (`users`).
    Users,
    /// IAM roles (`roles`).
    Roles,
}

impl Principals {
    fn key(self) -> &'static str {
        match self {
            Principals::Users => "users",
            Principals::Roles => "roles",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Principals::Users => "user",
            Principals::Roles => "role",
        }
    }
}

/// The ARN of user or role `entry` as the world gives it.
fn principal_arn(kind: Principals, entry: &Value) -> Option<String> {
    match kind {
        Principals::Roles => role_arn(entry),
        Principals::Users => entry.get("arn").and_then(Value::as_str).map(str::to_owned).or_else(|| {
            let account = entry.get("account").and_then(Value::as_str)?;
            let name = entry.get("name").and_then(Value::as_str)?;
            let path = entry.get("path").and_then(Value::as_str).unwrap_or("/");
            Some(format!("arn:aws:iam::{account}:user{path}{name}"))
        }),
    }
}

/// A role's starter trust policy: its own account may put the mask on ("AWS JSON policy
/// elements: Principal", AWS account principals: the account hands the decision to its own
/// identity-based policies).
fn starter_trust(account: &str) -> String {
    format!(
        "{{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {{\n            \"Effect\": \"Allow\",\n            \"Principal\": {{\"AWS\": \"arn:aws:iam::{account}:root\"}},\n            \"Action\": \"sts:AssumeRole\"\n        }}\n    ]\n}}"
    )
}

/// An added inline policy: valid, and granting one harmless read, so adding it changes no
/// decision of a story until it is edited.
pub const STARTER_INLINE_POLICY: &str = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": \"s3:ListAllMyBuckets\",\n            \"Resource\": \"*\"\n        }\n    ]\n}";

/// An added permissions boundary: valid and allowing everything, so adding it changes no
/// decision until it is edited ("Permissions boundaries for IAM entities").
pub const STARTER_BOUNDARY: &str = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": \"*\",\n            \"Resource\": \"*\"\n        }\n    ]\n}";

/// Adds a user or role named `name` ("IAM identifiers": user and role names share the rule of
/// [`is_role_name`]) in the world's first account, with no
/// policies; a role trusts its own account. A name already taken is refused.
pub fn add_principal(world: &Value, kind: Principals, name: &str) -> Result<Edited, EditError> {
    if !is_role_name(name) {
        return Err(EditError::new(
            format!("`{name}` is not a {} name", kind.word()),
            "use 1 to 64 letters, digits and + = , . @ _ - (IAM identifiers)",
        ));
    }
    let account = home_account(world);
    let arn = format!("arn:aws:iam::{account}:{}/{name}", kind.word());
    let taken = world
        .get(kind.key())
        .and_then(Value::as_array)
        .is_some_and(|list| list.iter().filter_map(|entry| principal_arn(kind, entry)).any(|other| other == arn));
    if taken {
        return Err(EditError::new(format!("`{arn}` is already in the world"), "choose another name"));
    }
    let mut entry = Map::new();
    entry.insert("arn".into(), Value::String(arn));
    if kind == Principals::Roles {
        entry.insert("trustPolicy".into(), Value::String(starter_trust(&account)));
    }
    entry.insert("policies".into(), Value::Array(Vec::new()));
    let mut world = world.clone();
    let Value::Object(map) = &mut world else {
        return Err(EditError::new("the world is not a JSON object".to_owned(), "import a world file"));
    };
    match map.entry(kind.key()).or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(list) => list.push(Value::Object(entry)),
        _ => return Err(EditError::new(format!("`{}` is not a list", kind.key()), "make it a list")),
    }
    Ok(Edited { world, places: 1 })
}

/// Renames user `index` of `world` to `new_name`, keeping its account and path, and rewrites
/// every reference to its ARN (the action's caller, trust policies, conditions) — as
/// [`rename_role`] does for a role. User names follow "IAM identifiers" like role names.
pub fn rename_user(world: &Value, index: usize, new_name: &str) -> Result<Edited, EditError> {
    if !is_role_name(new_name) {
        return Err(EditError::new(
            format!("`{new_name}` is not a user name"),
            "use 1 to 64 letters, digits and + = , . @ _ - (IAM identifiers)",
        ));
    }
    let user = world
        .get("users")
        .and_then(|users| users.get(index))
        .ok_or_else(|| EditError::new(format!("the world has no user {}", index + 1), "add a user first"))?;
    let old_arn = principal_arn(Principals::Users, user).ok_or_else(|| {
        EditError::new(format!("user {} has no ARN", index + 1), "give the user an `arn`, or `account` and `name`")
    })?;
    let Some((prefix, _)) = old_arn.rsplit_once('/') else {
        return Err(EditError::new(format!("`{old_arn}` is not a user ARN"), "write arn:aws:iam::ACCOUNT:user/NAME"));
    };
    let new_arn = format!("{prefix}/{new_name}");
    let mut world = world.clone();
    let places = rewrite_strings(&mut world, &|text: &str| replace_delimited(text, &old_arn, &new_arn, is_name_char));
    if let Some(Value::Object(user)) = world.get_mut("users").and_then(|users| users.get_mut(index)) {
        if user.contains_key("name") {
            user.insert("name".into(), Value::String(new_name.to_owned()));
        }
    }
    Ok(Edited { world, places })
}

/// A name for a new user or role not yet in the world: `{base}{n}` from 1.
pub fn free_name(world: &Value, kind: Principals, base: &str) -> String {
    let names: Vec<String> = world
        .get(kind.key())
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |list| list.iter().filter_map(|entry| principal_arn(kind, entry)).collect());
    (1..)
        .map(|n| format!("{base}{n}"))
        .find(|name| !names.iter().any(|arn| arn.rsplit('/').next() == Some(name)))
        .unwrap_or_else(|| base.to_owned())
}

/// Removes user or role `index`. Refused while the action still calls as that user or assumes
/// that role (the flow would lose its caller or its mask): the help says what to change first.
pub fn remove_principal(world: &Value, kind: Principals, index: usize) -> Result<Edited, EditError> {
    let entry = world
        .get(kind.key())
        .and_then(|list| list.get(index))
        .ok_or_else(|| EditError::new(format!("the world has no {} {}", kind.word(), index + 1), "reload the world"))?;
    if let Some(arn) = principal_arn(kind, entry) {
        let used = world.get("action").is_some_and(|action| mentions(action, &arn));
        if used {
            return Err(EditError::new(
                format!("`{arn}` is used by the action"),
                "make the action call as another user or assume another role first",
            ));
        }
    }
    let mut world = world.clone();
    if let Some(Value::Array(list)) = world.get_mut(kind.key()) {
        if index < list.len() {
            list.remove(index);
        }
    }
    Ok(Edited { world, places: 1 })
}

/// Whether any string in `value` is `arn` or a session of it.
fn mentions(value: &Value, arn: &str) -> bool {
    match value {
        Value::String(text) => text == arn,
        Value::Array(items) => items.iter().any(|item| mentions(item, arn)),
        Value::Object(map) => map.values().any(|item| mentions(item, arn)),
        _ => false,
    }
}

/// Gives the user, group or role at `owner` (`/users/0`, `/groups/1`, `/users/0/groups/1`, `/roles/2`) a
/// new inline policy `PolicyN` ([`STARTER_INLINE_POLICY`]); returns the world and the pointer of
/// its document.
pub fn add_inline_policy(world: &Value, owner: &str) -> Result<(Edited, String), EditError> {
    let mut world = world.clone();
    let Some(Value::Object(entry)) = world.pointer_mut(owner) else {
        return Err(EditError::new(format!("there is nothing at `{owner}`"), "reload the world"));
    };
    let Value::Array(policies) = entry.entry("policies").or_insert_with(|| Value::Array(Vec::new())) else {
        return Err(EditError::new(format!("`{owner}/policies` is not a list"), "make it a list"));
    };
    let name = (1..)
        .map(|n| format!("Policy{n}"))
        .find(|name| !policies.iter().any(|p| p.get("name").and_then(Value::as_str) == Some(name)))
        .unwrap_or_default();
    let mut policy = Map::new();
    policy.insert("name".into(), Value::String(name));
    policy.insert("document".into(), Value::String(STARTER_INLINE_POLICY.to_owned()));
    policies.push(Value::Object(policy));
    let pointer = format!("{owner}/policies/{}/document", policies.len() - 1);
    Ok((Edited { world, places: 1 }, pointer))
}

/// Gives the user or role at `owner` a permissions boundary ([`STARTER_BOUNDARY`]) when it has
/// none, or removes the one it has.
pub fn toggle_boundary(world: &Value, owner: &str) -> Result<Edited, EditError> {
    let mut world = world.clone();
    let Some(Value::Object(entry)) = world.pointer_mut(owner) else {
        return Err(EditError::new(format!("there is nothing at `{owner}`"), "reload the world"));
    };
    if entry.remove("permissionsBoundary").is_none() {
        let mut boundary = Map::new();
        boundary.insert("name".into(), Value::String("Boundary".into()));
        boundary.insert("document".into(), Value::String(STARTER_BOUNDARY.to_owned()));
        entry.insert("permissionsBoundary".into(), Value::Object(boundary));
    }
    Ok(Edited { world, places: 1 })
}

/// Whether `pointer` is an SCP or RCP level of an account: `/accounts/N/scps/L` or `…/rcps/L`.
fn is_level(pointer: &str) -> bool {
    let parts: Vec<&str> = pointer.split('/').collect();
    matches!(parts.as_slice(), ["", "accounts", account, "scps" | "rcps", level]
        if account.parse::<usize>().is_ok() && level.parse::<usize>().is_ok())
}

/// Removes the policy at `pointer` (`…/policies/N`, or its `…/document`): an inline or managed
/// policy of a user, group or role, or a policy of an SCP or RCP level.
pub fn remove_inline_policy(world: &Value, pointer: &str) -> Result<Edited, EditError> {
    let pointer = pointer.strip_suffix("/document").unwrap_or(pointer);
    let refused = || EditError::new(format!("`{pointer}` is not an inline policy"), "reload the world");
    let (list, index) = pointer.rsplit_once('/').ok_or_else(refused)?;
    let index: usize = index.parse().map_err(|_| refused())?;
    if !list.ends_with("/policies") && !is_level(list) {
        return Err(refused());
    }
    let mut world = world.clone();
    match world.pointer_mut(list) {
        Some(Value::Array(policies)) if index < policies.len() => {
            policies.remove(index);
        }
        _ => return Err(refused()),
    }
    Ok(Edited { world, places: 1 })
}

/// Whether the policy object at `policy` (`…/policies/N`) is AWS managed: `awsManaged`, or an
/// `arn` under `arn:aws:iam::aws:policy/` ("What are AWS managed policies?").
pub fn is_aws_managed(world: &Value, policy: &str) -> bool {
    world.pointer(policy).is_some_and(|policy| {
        policy.get("awsManaged").and_then(Value::as_bool).unwrap_or(false)
            || policy.get("arn").and_then(Value::as_str).is_some_and(|arn| arn.starts_with("arn:aws:iam::aws:policy/"))
    })
}

/// Replaces the AWS managed policy at `pointer` (`…/policies/N`, or its `…/document`) with a
/// customer managed copy of its document, `{name}Copy`, in the same place: AWS managed
/// policies cannot be changed, a copy can ("What are AWS managed policies?": you cannot change
/// the permissions defined in AWS managed policies). Returns the world and the copy's document
/// pointer.
pub fn copy_to_customer_managed(world: &Value, pointer: &str) -> Result<(Edited, String), EditError> {
    let policy = pointer.strip_suffix("/document").unwrap_or(pointer);
    if !is_aws_managed(world, policy) {
        return Err(EditError::new(format!("`{policy}` is not an AWS managed policy"), "edit it where it is"));
    }
    let mut world = world.clone();
    let Some(Value::Object(entry)) = world.pointer_mut(policy) else {
        return Err(EditError::new(format!("there is nothing at `{policy}`"), "reload the world"));
    };
    let name = entry.get("name").and_then(Value::as_str).unwrap_or("Policy");
    let copy = format!("{name}Copy");
    entry.insert("name".into(), Value::String(copy));
    entry.remove("awsManaged");
    entry.remove("arn");
    Ok((Edited { world, places: 1 }, format!("{policy}/document")))
}

/// Whether `path` is an IAM path: `/`, or `/` + characters `!` to `~` + `/`, at most 512
/// ("CreateRole" and "CreateUser", parameter `Path`; "IAM identifiers", friendly names and
/// paths).
pub fn is_path(path: &str) -> bool {
    path == "/"
        || (path.len() >= 2
            && path.len() <= 512
            && path.starts_with('/')
            && path.ends_with('/')
            && path.bytes().all(|b| (0x21..=0x7e).contains(&b)))
}

/// Moves user or role `index` to `path`, keeping its account and name, and rewrites every
/// reference to its ARN (the action, policies, principals, conditions) as a rename does. The
/// path is part of the ARN (`arn:aws:iam::ACCOUNT:role/PATH/NAME`) but not of a session ARN
/// ("IAM identifiers", IAM ARNs). An empty path means `/`.
pub fn set_path(world: &Value, kind: Principals, index: usize, path: &str) -> Result<Edited, EditError> {
    let path = if path.is_empty() { "/" } else { path };
    if !is_path(path) {
        return Err(EditError::new(
            format!("`{path}` is not an IAM path"),
            "a path is / or starts and ends with /, with letters, digits and punctuation between (IAM identifiers)",
        ));
    }
    let entry = world
        .get(kind.key())
        .and_then(|list| list.get(index))
        .ok_or_else(|| EditError::new(format!("the world has no {} {}", kind.word(), index + 1), "reload the world"))?;
    let old_arn = principal_arn(kind, entry).ok_or_else(|| {
        EditError::new(format!("{} {} has no ARN", kind.word(), index + 1), "give it an `arn`, or `account` and `name`")
    })?;
    let head = format!(":{}/", kind.word());
    let (Some(at), Some((_, name))) = (old_arn.find(&head), old_arn.rsplit_once('/')) else {
        return Err(EditError::new(format!("`{old_arn}` is not a {} ARN", kind.word()), "reload the world"));
    };
    let new_arn = format!("{}:{}{path}{name}", old_arn.get(..at).unwrap_or_default(), kind.word());
    let mut world = world.clone();
    let places = if new_arn == old_arn {
        0
    } else {
        rewrite_strings(&mut world, &|text: &str| replace_delimited(text, &old_arn, &new_arn, is_name_char))
    };
    if let Some(Value::Object(entry)) = world.get_mut(kind.key()).and_then(|list| list.get_mut(index)) {
        if entry.contains_key("path") || !entry.contains_key("arn") {
            entry.insert("path".into(), Value::String(path.to_owned()));
        }
    }
    Ok(Edited { world, places })
}

/// Whether `name` is a group name: 1 to 128 letters, digits and `+=,.@_-` ("CreateGroup",
/// parameter `GroupName`).
pub fn is_group_name(name: &str) -> bool {
    (1..=128).contains(&name.len()) && name.chars().all(is_name_char)
}

/// The name of every group of the world: its `groups`, and the groups listed under a user.
fn group_names(world: &Value) -> Vec<&str> {
    fn listed(groups: Option<&Value>) -> impl Iterator<Item = &str> {
        groups
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|group| group.get("name").and_then(Value::as_str))
    }
    let users = world.get("users").and_then(Value::as_array).into_iter().flatten();
    listed(world.get("groups")).chain(users.flat_map(|user| listed(user.get("groups")))).collect()
}

/// The index in the world's `groups` of the group named `name`.
fn shared_group(world: &Value, name: &str) -> Option<usize> {
    world
        .get("groups")
        .and_then(Value::as_array)?
        .iter()
        .position(|group| group.get("name").and_then(Value::as_str) == Some(name))
}

/// A user's `groups` entry that names a group of the world: `{"name"}`.
fn membership(name: &str) -> Value {
    // Inserted, not collected: a map collected from an iterator compiles a sort of its own.
    let mut entry = Map::new();
    entry.insert("name".to_owned(), Value::String(name.to_owned()));
    Value::Object(entry)
}

/// The `groups` list of user `user` (made when it has none).
fn groups_of(world: &mut Value, user: usize) -> Result<&mut Vec<Value>, EditError> {
    let Some(Value::Object(entry)) = world.get_mut("users").and_then(|users| users.get_mut(user)) else {
        return Err(EditError::new(format!("the world has no user {}", user + 1), "add a user first"));
    };
    match entry.entry("groups").or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(groups) => Ok(groups),
        _ => Err(EditError::new(format!("`/users/{user}/groups` is not a list"), "make it a list")),
    }
}

/// The account of user `user`: the account of its ARN, or its `account`.
fn user_account(world: &Value, user: usize) -> Option<String> {
    let entry = world.get("users").and_then(|users| users.get(user))?;
    let arn = principal_arn(Principals::Users, entry)?;
    arn.split(':').nth(4).filter(|account| is_account_id(account)).map(str::to_owned)
}

/// The names of the groups user `user` can join, each once, that the user is not in yet: the
/// world's groups in the user's own account (a user can only be in groups of its own account,
/// "IAM user groups") or of no account, and the groups listed under other users of that account.
pub fn joinable_groups(world: &Value, user: usize) -> Vec<String> {
    let account = user_account(world, user);
    let users = world.get("users").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let names = |groups: Option<&Value>, fits: &dyn Fn(&Value) -> bool| -> Vec<String> {
        let groups = groups.and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        groups
            .iter()
            .filter(|group| fits(group))
            .filter_map(|group| group.get("name")?.as_str())
            .map(str::to_owned)
            .collect()
    };
    let mine = names(users.get(user).and_then(|entry| entry.get("groups")), &|_| true);
    let mut out = names(world.get("groups"), &|group| {
        group
            .get("account")
            .and_then(Value::as_str)
            .is_none_or(|theirs| account.as_deref().is_none_or(|own| own == theirs))
    });
    for other in (0..users.len()).filter(|other| *other != user && user_account(world, *other) == account) {
        out.extend(names(users.get(other).and_then(|entry| entry.get("groups")), &|_| true));
    }
    let mut seen: Vec<String> = mine;
    out.retain(|name| {
        let fresh = !name.is_empty() && !seen.contains(name);
        seen.push(name.clone());
        fresh
    });
    out
}

/// Makes a new IAM group `GroupN` (a name no group has yet) with no policies, listed once in the
/// world's `groups` in user `user`'s account, and puts the user in it ("IAM user groups");
/// returns the world and the group's pointer (`/groups/K`).
pub fn add_group(world: &Value, user: usize) -> Result<(Edited, String), EditError> {
    let taken = group_names(world);
    let name = (1..).map(|n| format!("Group{n}")).find(|name| !taken.contains(&name.as_str())).unwrap_or_default();
    let account = user_account(world, user);
    let mut world = world.clone();
    groups_of(&mut world, user)?.push(membership(&name));
    let Value::Object(top) = &mut world else {
        return Err(EditError::new("the world is not a JSON object".to_owned(), "import a world"));
    };
    let Value::Array(groups) = top.entry("groups").or_insert_with(|| Value::Array(Vec::new())) else {
        return Err(EditError::new("`/groups` is not a list".to_owned(), "make it a list"));
    };
    let mut group = Map::new();
    group.insert("name".into(), Value::String(name));
    if let Some(account) = account {
        group.insert("account".into(), Value::String(account));
    }
    group.insert("policies".into(), Value::Array(Vec::new()));
    groups.push(Value::Object(group));
    let pointer = format!("/groups/{}", groups.len() - 1);
    Ok((Edited { world, places: 1 }, pointer))
}

/// Takes user `user` out of its group `group` (the group's policies no longer apply to it); an
/// emptied `groups` list is removed, and so is a group of the world no user is in any more.
pub fn remove_group(world: &Value, user: usize, group: usize) -> Result<Edited, EditError> {
    let mut world = world.clone();
    let missing = || EditError::new(format!("user {} has no group {}", user + 1, group + 1), "reload the world");
    let groups = groups_of(&mut world, user).map_err(|_| missing())?;
    if group >= groups.len() {
        return Err(missing());
    }
    let left = groups.remove(group);
    let emptied = groups.is_empty();
    if let (true, Some(Value::Object(entry))) = (emptied, world.get_mut("users").and_then(|users| users.get_mut(user)))
    {
        entry.remove("groups");
    }
    let name = left.get("name").and_then(Value::as_str).unwrap_or_default();
    let members = group_entries(&world, name).count();
    if let (0, Some(index)) = (members, shared_group(&world, name)) {
        if let Some(Value::Array(groups)) = world.get_mut("groups") {
            groups.remove(index);
            if groups.is_empty() {
                if let Value::Object(top) = &mut world {
                    top.remove("groups");
                }
            }
        }
    }
    Ok(Edited { world, places: 1 })
}

/// Every user's `groups` entry naming the group `name` (a membership `{"name"}` or a group
/// listed under that user with its policies).
fn group_entries<'a>(world: &'a Value, name: &'a str) -> impl Iterator<Item = &'a Value> {
    world
        .get("users")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|user| user.get("groups").and_then(Value::as_array))
        .flatten()
        .filter(move |group| group.get("name").and_then(Value::as_str) == Some(name))
}

/// Puts user `user` in the group named `name`: a group of the world's `groups`, or a group listed
/// under another user, which then becomes one of the world's groups (its policies moved there,
/// and every user listing the same group becomes a member of it) — one group, many members,
/// never a copy of its policies.
pub fn join_group(world: &Value, user: usize, name: &str) -> Result<Edited, EditError> {
    let member = world
        .get("users")
        .and_then(Value::as_array)
        .and_then(|users| users.get(user))
        .ok_or_else(|| EditError::new(format!("the world has no user {}", user + 1), "add a user first"))?;
    let already = member
        .get("groups")
        .and_then(Value::as_array)
        .is_some_and(|groups| groups.iter().any(|group| group.get("name").and_then(Value::as_str) == Some(name)));
    if already {
        return Err(EditError::new(format!("user {} is already in `{name}`", user + 1), "choose another group"));
    }
    if !joinable_groups(world, user).iter().any(|group| group == name) {
        let account = user_account(world, user).unwrap_or_default();
        return Err(EditError::new(
            format!("the world has no group `{name}` in account `{account}`"),
            "a user can only be in groups of its own account: add a group to the user instead",
        ));
    }
    let mut world = world.clone();
    if shared_group(&world, name).is_none() {
        let listed = group_entries(&world, name)
            .next()
            .cloned()
            .ok_or_else(|| EditError::new(format!("the world has no group `{name}`"), "add the group first"))?;
        for entry in world.get_mut("users").and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(Value::Array(groups)) = entry.get_mut("groups") {
                for group in groups.iter_mut().filter(|group| **group == listed) {
                    *group = membership(name);
                }
            }
        }
        // Now one of the world's groups, it says its account (the joiner's, which is its members').
        let mut moved = listed;
        if let (Value::Object(fields), Some(account)) = (&mut moved, user_account(&world, user)) {
            fields.entry("account").or_insert(Value::String(account));
        }
        if let Value::Object(top) = &mut world {
            if let Value::Array(groups) = top.entry("groups").or_insert_with(|| Value::Array(Vec::new())) {
                groups.push(moved);
            }
        }
    }
    groups_of(&mut world, user)?.push(membership(name));
    Ok(Edited { world, places: 1 })
}

/// Renames the group `old` to `new` — the world's group and every user's entry naming it —
/// refused for a name IAM would not accept ("CreateGroup", `GroupName`) or one another group
/// has (group names are unique in an account).
pub fn rename_group(world: &Value, old: &str, new: &str) -> Result<Edited, EditError> {
    if !is_group_name(new) {
        return Err(EditError::new(
            format!("`{new}` is not a group name IAM accepts"),
            "use 1 to 128 letters, digits and + = , . @ _ -",
        ));
    }
    if old != new && group_names(world).contains(&new) {
        return Err(EditError::new(format!("a group is already named `{new}`"), "choose another name"));
    }
    let mut world = world.clone();
    let mut places = 0;
    let mut rename = |group: &mut Value| {
        if let Some(name) = group.get_mut("name").filter(|name| name.as_str() == Some(old)) {
            *name = Value::String(new.to_owned());
            places += 1;
        }
    };
    for user in world.get_mut("users").and_then(Value::as_array_mut).into_iter().flatten() {
        user.get_mut("groups").and_then(Value::as_array_mut).into_iter().flatten().for_each(&mut rename);
    }
    world.get_mut("groups").and_then(Value::as_array_mut).into_iter().flatten().for_each(&mut rename);
    Ok(Edited { world, places })
}

/// Which Organizations policies a level holds: service control or resource control policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Levels {
    /// Service control policies (`scps`).
    Scps,
    /// Resource control policies (`rcps`).
    Rcps,
}

impl Levels {
    fn key(self) -> &'static str {
        match self {
            Levels::Scps => "scps",
            Levels::Rcps => "rcps",
        }
    }

    /// The AWS managed policy every level starts with: `FullAWSAccess` for SCPs, `RCPFullAWSAccess`
    /// for RCPs ("Service control policies (SCPs)", "Resource control policies (RCPs)").
    fn full_access(self) -> Value {
        let (name, principal) = match self {
            Levels::Scps => ("FullAWSAccess", ""),
            Levels::Rcps => ("RCPFullAWSAccess", ",\n            \"Principal\": \"*\""),
        };
        let document = format!(
            "{{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {{\n            \"Effect\": \"Allow\"{principal},\n            \"Action\": \"*\",\n            \"Resource\": \"*\"\n        }}\n    ]\n}}"
        );
        let mut policy = Map::new();
        policy.insert("name".into(), Value::String(name.to_owned()));
        policy.insert("document".into(), Value::String(document));
        Value::Object(policy)
    }
}

/// Adds a level under the account's last one (the organization root first), holding the
/// full-access policy AWS attaches to every root, OU and account, so adding it changes no
/// decision until it is edited.
pub fn add_level(world: &Value, account: usize, levels: Levels) -> Result<Edited, EditError> {
    let mut world = world.clone();
    let Some(Value::Object(entry)) = world.get_mut("accounts").and_then(|accounts| accounts.get_mut(account)) else {
        return Err(EditError::new(format!("the world has no account {}", account + 1), "add an account first"));
    };
    let Value::Array(list) = entry.entry(levels.key()).or_insert_with(|| Value::Array(Vec::new())) else {
        return Err(EditError::new(format!("`{}` is not a list of levels", levels.key()), "make it a list"));
    };
    list.push(Value::Array(vec![levels.full_access()]));
    Ok(Edited { world, places: 1 })
}

/// Removes level `level` (from 0, the root) of the account's SCPs or RCPs; with the last level
/// gone the key goes too (the account is then outside an organization for that kind).
pub fn remove_level(world: &Value, account: usize, levels: Levels, level: usize) -> Result<Edited, EditError> {
    let mut world = world.clone();
    let missing =
        || EditError::new(format!("account {} has no {} level {level}", account + 1, levels.key()), "reload the world");
    let Some(Value::Object(entry)) = world.get_mut("accounts").and_then(|accounts| accounts.get_mut(account)) else {
        return Err(missing());
    };
    let emptied = match entry.get_mut(levels.key()) {
        Some(Value::Array(list)) if level < list.len() => {
            list.remove(level);
            list.is_empty()
        }
        _ => return Err(missing()),
    };
    if emptied {
        entry.remove(levels.key());
    }
    Ok(Edited { world, places: 1 })
}

/// Adds a policy `PolicyN` (allowing everything, as FullAWSAccess does) to level `level` of the
/// account's SCPs or RCPs; returns the world and the document's pointer.
pub fn add_level_policy(
    world: &Value,
    account: usize,
    levels: Levels,
    level: usize,
) -> Result<(Edited, String), EditError> {
    let owner = format!("/accounts/{account}/{}/{level}", levels.key());
    let mut world = world.clone();
    let Some(Value::Array(policies)) = world.pointer_mut(&owner) else {
        return Err(EditError::new(format!("there is no level at `{owner}`"), "add a level first"));
    };
    let name = (1..)
        .map(|n| format!("Policy{n}"))
        .find(|name| !policies.iter().any(|p| p.get("name").and_then(Value::as_str) == Some(name)))
        .unwrap_or_default();
    let mut policy = levels.full_access();
    if let Value::Object(map) = &mut policy {
        map.insert("name".into(), Value::String(name));
    }
    policies.push(policy);
    let pointer = format!("{owner}/{}/document", policies.len() - 1);
    Ok((Edited { world, places: 1 }, pointer))
}

/// Adds an account with a twelve-digit id no account of the world has (AWS's documentation ids
/// first: "Viewing AWS account identifiers"), outside any organization.
pub fn add_account(world: &Value) -> Result<Edited, EditError> {
    let text = world.to_string();
    let id = ["111122223333", "444455556666", "777788889999", "123456789012", "210987654321"]
        .iter()
        .map(|id| (*id).to_owned())
        .chain((1..1000u32).map(|n| format!("{:012}", 100_000_000_000u64 + u64::from(n) * 1_111_111)))
        .find(|id| !text.contains(id.as_str()))
        .unwrap_or_default();
    let mut world = world.clone();
    let Value::Object(map) = &mut world else {
        return Err(EditError::new("the world is not a JSON object".to_owned(), "import a world file"));
    };
    let mut account = Map::new();
    account.insert("id".into(), Value::String(id));
    match map.entry("accounts").or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(list) => list.push(Value::Object(account)),
        _ => return Err(EditError::new("`accounts` is not a list".to_owned(), "make it a list")),
    }
    Ok(Edited { world, places: 1 })
}

/// Removes account `index`. Refused while a user, a role or the action still lives in it (their
/// ARNs name its id): the help says what to move first.
pub fn remove_account(world: &Value, index: usize) -> Result<Edited, EditError> {
    let id = world
        .pointer(&format!("/accounts/{index}/id"))
        .and_then(Value::as_str)
        .ok_or_else(|| EditError::new(format!("the world has no account {}", index + 1), "reload the world"))?;
    let marker = format!(":{id}:");
    let used =
        ["users", "roles", "action"].iter().filter_map(|key| world.get(key)).any(|value| names(value, &marker, id));
    if used {
        return Err(EditError::new(
            format!("account `{id}` holds a user, a role or the action"),
            "remove or move what lives in it first, or change its id",
        ));
    }
    let mut world = world.clone();
    if let Some(Value::Array(list)) = world.get_mut("accounts") {
        if index < list.len() {
            list.remove(index);
        }
    }
    Ok(Edited { world, places: 1 })
}

/// Whether an ARN in `value` (a string holding `marker`, `:ID:`) or an `account` field is the
/// account `id`.
fn names(value: &Value, marker: &str, id: &str) -> bool {
    match value {
        Value::String(text) => text.contains(marker),
        Value::Array(items) => items.iter().any(|item| names(item, marker, id)),
        Value::Object(map) => {
            map.iter().any(|(key, item)| (key == "account" && item.as_str() == Some(id)) || names(item, marker, id))
        }
        _ => false,
    }
}

/// The action a new session action tries: a read that any role may be given, so that a new row
/// shows the session's powers without changing what the world is about.
pub const STARTER_SESSION_ACTION: &str = "s3:ListAllMyBuckets";

/// The session actions at `list` (`/action/then`, `/action/chain/N/then`) with one more
/// ([`STARTER_SESSION_ACTION`]); the list is made when the hop has none.
pub fn add_session_action(world: &Value, list: &str) -> Result<Edited, EditError> {
    let mut world = world.clone();
    let (parent, key) = list.rsplit_once('/').unwrap_or(("", list));
    let Some(Value::Object(holder)) = world.pointer_mut(parent) else {
        return Err(EditError::new(format!("the world has no `{parent}`"), "choose an AssumeRole action first"));
    };
    let Value::Array(actions) = holder.entry(key).or_insert_with(|| Value::Array(Vec::new())) else {
        return Err(EditError::new(format!("`{list}` is not a list"), "make it a list of actions"));
    };
    actions.push(Value::String(STARTER_SESSION_ACTION.to_owned()));
    Ok(Edited { world, places: 1 })
}

/// The session actions at `list` without action `index`; an emptied list is removed.
pub fn remove_session_action(world: &Value, list: &str, index: usize) -> Result<Edited, EditError> {
    let mut world = world.clone();
    let missing = || EditError::new(format!("`{list}` has no action {}", index + 1), "reload the world");
    let emptied = match world.pointer_mut(list) {
        Some(Value::Array(actions)) if index < actions.len() => {
            actions.remove(index);
            actions.is_empty()
        }
        _ => return Err(missing()),
    };
    let (parent, key) = list.rsplit_once('/').unwrap_or(("", list));
    if let (true, Some(Value::Object(holder))) = (emptied, world.pointer_mut(parent)) {
        holder.remove(key);
    }
    Ok(Edited { world, places: 1 })
}

/// A request context typed as `key=value, key=value`: a value written as a JSON list
/// (`["a","b"]`, a multivalued key) is that list, any other value is text; commas inside a list
/// do not end the pair. Pairs without a key are dropped.
pub fn parse_context(text: &str) -> Map<String, Value> {
    let mut pairs = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (at, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                pairs.push(text.get(start..at).unwrap_or_default());
                start = at + 1;
            }
            _ => {}
        }
    }
    pairs.push(text.get(start..).unwrap_or_default());
    let mut context = Map::new();
    for pair in pairs {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() {
            continue;
        }
        let list = serde_json::from_str::<Value>(value).ok().filter(Value::is_array);
        context.insert(key.to_owned(), list.unwrap_or_else(|| Value::String(value.to_owned())));
    }
    context
}

/// Session action `index` of the list at `list` with its `key` (`action`, `resource`,
/// `resourceAccount`, `region`, or `context` typed as [`parse_context`] reads it) set to `text`
/// as typed: an action given as a bare string becomes `{"action", …}` when it is given more than
/// its action, and a bare string again when only the action is left; an empty `text` removes the
/// key (the action itself stays, empty).
pub fn set_session_action(world: &Value, list: &str, index: usize, key: &str, text: &str) -> Result<Edited, EditError> {
    let mut world = world.clone();
    let Some(slot) = world.pointer_mut(list).and_then(Value::as_array_mut).and_then(|actions| actions.get_mut(index))
    else {
        return Err(EditError::new(format!("`{list}` has no action {}", index + 1), "reload the world"));
    };
    let mut fields = match slot.take() {
        Value::String(action) => {
            let mut fields = Map::new();
            fields.insert("action".to_owned(), Value::String(action));
            fields
        }
        Value::Object(fields) => fields,
        _ => Map::new(),
    };
    let text = text.trim();
    let context = if key == "context" { parse_context(text) } else { Map::new() };
    if (text.is_empty() || key == "context" && context.is_empty()) && key != "action" {
        fields.remove(key);
    } else if key == "context" {
        fields.insert(key.to_owned(), Value::Object(context));
    } else {
        fields.insert(key.to_owned(), Value::String(text.to_owned()));
    }
    *slot = match fields.get("action") {
        Some(Value::String(action)) if fields.len() == 1 => Value::String(action.clone()),
        _ => Value::Object(fields),
    };
    Ok(Edited { world, places: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn world() -> Value {
        json!({
            "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
            "users": [{"arn": "arn:aws:iam::111122223333:user/alice",
                       "policies": [{"name": "p", "document": "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": [\"arn:aws:iam::444455556666:role/app/RoleA\", \"arn:aws:iam::444455556666:role/app/RoleAB\"]}]}"}]}],
            "roles": [
                {"arn": "arn:aws:iam::444455556666:role/app/RoleA",
                 "trustPolicy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalAccount\": \"1111222233334\"}}}]}"},
                {"account": "444455556666", "name": "RoleB", "path": "/"}
            ],
            "action": {
                "assumeRole": {"caller": "arn:aws:iam::111122223333:user/alice", "role": "arn:aws:iam::444455556666:role/app/RoleA", "roleSessionName": "s"},
                "chain": [{"role": "arn:aws:iam::444455556666:role/RoleB", "roleSessionName": "t"}],
                "then": [{"action": "s3:GetObject", "resource": "arn:aws:sts::444455556666:assumed-role/RoleA/s"}]
            }
        })
    }

    #[test]
    fn renaming_a_role_rewrites_every_reference_and_no_longer_name() {
        let edited =
            rename_role(&world(), 0, "Mask").unwrap_or_else(|error| Edited { world: json!(error.message), places: 0 });
        let w = &edited.world;
        assert_eq!(w.pointer("/roles/0/arn"), Some(&json!("arn:aws:iam::444455556666:role/app/Mask")));
        assert_eq!(w.pointer("/action/assumeRole/role"), Some(&json!("arn:aws:iam::444455556666:role/app/Mask")));
        let policy = w.pointer("/users/0/policies/0/document").and_then(Value::as_str).unwrap_or_default();
        assert!(policy.contains("role/app/Mask\""), "{policy}");
        assert!(policy.contains("role/app/RoleAB"), "a longer name is another role: {policy}");
        assert_eq!(w.pointer("/action/then/0/resource"), Some(&json!("arn:aws:sts::444455556666:assumed-role/Mask/s")));
        // The role's own ARN, the hop, the policy's resource and the session ARN.
        assert_eq!(edited.places, 4);
    }

    #[test]
    fn renaming_a_role_given_by_name_updates_its_name() {
        let edited = rename_role(&world(), 1, "Wearer").map(|edited| edited.world);
        let w = edited.unwrap_or_default();
        assert_eq!(w.pointer("/roles/1/name"), Some(&json!("Wearer")));
        assert_eq!(w.pointer("/action/chain/0/role"), Some(&json!("arn:aws:iam::444455556666:role/Wearer")));
    }

    #[test]
    fn role_names_follow_iam_identifiers() {
        for (name, ok) in [
            ("Role+=,.@_-1", true),
            ("", false),
            ("has space", false),
            ("slash/no", false),
            (&"x".repeat(65), false),
            (&"x".repeat(64), true),
        ] {
            assert_eq!(is_role_name(name), ok, "{name}");
        }
        let refused = rename_role(&world(), 0, "bad name");
        assert_eq!(refused.map_err(|error| error.message), Err("`bad name` is not a role name".to_owned()));
        assert!(rename_role(&world(), 9, "X").is_err());
    }

    #[test]
    fn changing_an_account_id_rewrites_every_place_but_longer_numbers() {
        let edited = change_account_id(&world(), "111122223333", "999988887777");
        let edited = edited.unwrap_or_else(|error| Edited { world: json!(error.message), places: 0 });
        let w = &edited.world;
        assert_eq!(w.pointer("/accounts/0/id"), Some(&json!("999988887777")));
        assert_eq!(w.pointer("/users/0/arn"), Some(&json!("arn:aws:iam::999988887777:user/alice")));
        assert_eq!(w.pointer("/action/assumeRole/caller"), Some(&json!("arn:aws:iam::999988887777:user/alice")));
        let trust = w.pointer("/roles/0/trustPolicy").and_then(Value::as_str).unwrap_or_default();
        assert!(trust.contains("\"AWS\": \"999988887777\""), "{trust}");
        assert!(trust.contains("1111222233334"), "a thirteen-digit number is not the account: {trust}");
        assert_eq!(edited.places, 4);
        // Only the thirteen-digit number still holds the old digits.
        assert_eq!(w.to_string().matches("111122223333").count(), 1);
    }

    #[test]
    fn account_ids_are_twelve_digits() {
        assert!(change_account_id(&world(), "111122223333", "12345").is_err());
        assert!(change_account_id(&world(), "abc", "999988887777").is_err());
        assert_eq!(change_account_id(&world(), "111122223333", "111122223333").map(|edited| edited.places), Ok(0));
    }

    #[test]
    fn hops_are_added_and_removed() {
        assert_eq!(hop_count(&world()), 2);
        let added = add_hop(&world()).map(|edited| edited.world).unwrap_or_default();
        assert_eq!(hop_count(&added), 3);
        // The last hop assumed RoleB: the next assumes the first other role.
        assert_eq!(added.pointer("/action/chain/1/role"), Some(&json!("arn:aws:iam::444455556666:role/app/RoleA")));
        assert_eq!(added.pointer("/action/chain/1/roleSessionName"), Some(&json!("omen-hop3")));
        let removed = remove_hop(&added, 2).map(|edited| edited.world).unwrap_or_default();
        assert_eq!(hop_count(&removed), 2);
        assert_eq!(removed.pointer("/action/chain/0/roleSessionName"), Some(&json!("omen-hop3")));
        let emptied = remove_hop(&removed, 2).map(|edited| edited.world).unwrap_or_default();
        assert_eq!(emptied.pointer("/action/chain"), None);
        assert!(remove_hop(&emptied, 1).is_err(), "the first hop is the action");
        assert!(remove_hop(&emptied, 2).is_err());
        assert!(add_hop(&json!({"action": {"passRole": {}}})).is_err());
    }

    #[test]
    fn users_and_roles_are_added_in_the_first_account_and_removed_unless_the_action_uses_them() {
        let added = add_principal(&world(), Principals::Roles, "Auditor").map(|edited| edited.world);
        let w = added.unwrap_or_default();
        assert_eq!(w.pointer("/roles/2/arn"), Some(&json!("arn:aws:iam::111122223333:role/Auditor")));
        let trust = w.pointer("/roles/2/trustPolicy").and_then(Value::as_str).unwrap_or_default();
        assert!(trust.contains("arn:aws:iam::111122223333:root"), "{trust}");
        assert_eq!(w.pointer("/roles/2/policies"), Some(&json!([])));
        let user = add_principal(&w, Principals::Users, "bob").map(|edited| edited.world).unwrap_or_default();
        assert_eq!(user.pointer("/users/1/arn"), Some(&json!("arn:aws:iam::111122223333:user/bob")));
        assert_eq!(user.pointer("/users/1/trustPolicy"), None);
        // Refusals: a taken name, a name IAM refuses, a principal the action uses.
        let cases: [(Result<Edited, EditError>, &str); 4] = [
            (
                add_principal(&w, Principals::Roles, "Auditor"),
                "`arn:aws:iam::111122223333:role/Auditor` is already in the world",
            ),
            (add_principal(&w, Principals::Users, "no spaces"), "`no spaces` is not a user name"),
            (
                remove_principal(&w, Principals::Roles, 0),
                "`arn:aws:iam::444455556666:role/app/RoleA` is used by the action",
            ),
            (
                remove_principal(&w, Principals::Users, 0),
                "`arn:aws:iam::111122223333:user/alice` is used by the action",
            ),
        ];
        for (result, message) in cases {
            assert_eq!(result.map_err(|error| error.message).map(|_| ()), Err(message.to_owned()));
        }
        let removed = remove_principal(&w, Principals::Roles, 2).map(|edited| edited.world).unwrap_or_default();
        assert_eq!(removed.get("roles").and_then(Value::as_array).map(Vec::len), Some(2));
        assert_eq!(free_name(&w, Principals::Roles, "Role"), "Role1");
        assert_eq!(
            free_name(&json!({"roles": [{"arn": "arn:aws:iam::1:role/x/Role1"}]}), Principals::Roles, "Role"),
            "Role2"
        );
    }

    #[test]
    fn inline_policies_and_boundaries_are_added_and_removed() {
        let (edited, pointer) = add_inline_policy(&world(), "/users/0")
            .unwrap_or((Edited { world: json!(null), places: 0 }, String::new()));
        assert_eq!(pointer, "/users/0/policies/1/document");
        assert_eq!(edited.world.pointer("/users/0/policies/1/name"), Some(&json!("Policy1")));
        assert_eq!(edited.world.pointer(&pointer), Some(&json!(STARTER_INLINE_POLICY)));
        let (second, pointer) = add_inline_policy(&world(), "/roles/1")
            .unwrap_or((Edited { world: json!(null), places: 0 }, String::new()));
        assert_eq!(pointer, "/roles/1/policies/0/document", "a role without `policies` gets the list");
        let removed =
            remove_inline_policy(&edited.world, "/users/0/policies/0/document").map(|e| e.world).unwrap_or_default();
        assert_eq!(removed.pointer("/users/0/policies/0/name"), Some(&json!("Policy1")));
        assert!(remove_inline_policy(&second.world, "/roles/1/permissionsBoundary").is_err());
        assert!(remove_inline_policy(&second.world, "/roles/1/policies/9").is_err());
        assert!(add_inline_policy(&world(), "/roles/7").is_err());
        let bounded = toggle_boundary(&world(), "/roles/0").map(|e| e.world).unwrap_or_default();
        assert_eq!(bounded.pointer("/roles/0/permissionsBoundary/document"), Some(&json!(STARTER_BOUNDARY)));
        let unbounded = toggle_boundary(&bounded, "/roles/0").map(|e| e.world).unwrap_or_default();
        assert_eq!(unbounded, world());
    }

    #[test]
    fn an_aws_managed_policy_is_copied_to_a_customer_managed_one_in_its_place() {
        let world = json!({"users": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
            {"name": "AmazonEC2FullAccess", "awsManaged": true, "document": "{}"},
            {"name": "ReadOnlyAccess", "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "document": "{\"Statement\": []}"},
            {"name": "Mine", "document": "{}"}
        ]}]});
        for (index, copy) in [(0, "AmazonEC2FullAccessCopy"), (1, "ReadOnlyAccessCopy")] {
            let pointer = format!("/users/0/policies/{index}/document");
            assert!(is_aws_managed(&world, &format!("/users/0/policies/{index}")));
            let (edited, at) = copy_to_customer_managed(&world, &pointer)
                .unwrap_or((Edited { world: json!(null), places: 0 }, String::new()));
            assert_eq!(at, pointer);
            let policy = edited.world.pointer(&format!("/users/0/policies/{index}")).cloned().unwrap_or_default();
            assert_eq!(policy.get("name"), Some(&json!(copy)));
            assert_eq!((policy.get("awsManaged"), policy.get("arn")), (None, None));
            assert_eq!(policy.get("document"), world.pointer(&pointer));
            assert!(!is_aws_managed(&edited.world, &format!("/users/0/policies/{index}")));
        }
        assert!(copy_to_customer_managed(&world, "/users/0/policies/2/document").is_err(), "already customer managed");
    }

    #[test]
    fn renaming_a_user_rewrites_the_caller_and_the_trust_policies() {
        let mut w = world();
        if let Some(Value::Array(roles)) = w.get_mut("roles") {
            roles.push(json!({"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:user/alice\", \"arn:aws:iam::111122223333:user/alice2\"]}, \"Action\": \"sts:AssumeRole\"}]}"}));
        }
        let edited =
            rename_user(&w, 0, "carol").unwrap_or_else(|error| Edited { world: json!(error.message), places: 0 });
        let renamed = &edited.world;
        assert_eq!(renamed.pointer("/users/0/arn"), Some(&json!("arn:aws:iam::111122223333:user/carol")));
        assert_eq!(renamed.pointer("/action/assumeRole/caller"), Some(&json!("arn:aws:iam::111122223333:user/carol")));
        let trust = renamed.pointer("/roles/2/trustPolicy").and_then(Value::as_str).unwrap_or_default();
        assert!(trust.contains("user/carol\""), "{trust}");
        assert!(trust.contains("user/alice2"), "a longer name is another user: {trust}");
        // The user's own ARN, the caller, the trust policy.
        assert_eq!(edited.places, 3);
        assert_eq!(
            rename_user(&w, 0, "a b").map_err(|error| error.message),
            Err("`a b` is not a user name".to_owned())
        );
        assert!(rename_user(&w, 5, "x").is_err());
    }

    #[test]
    fn a_path_change_rewrites_the_arn_everywhere_and_paths_follow_iam_identifiers() {
        let start = world();
        let moved = set_path(&start, Principals::Roles, 0, "/team/app/").unwrap();
        let text = moved.world.to_string();
        assert!(text.contains("arn:aws:iam::444455556666:role/team/app/RoleA\""), "{text}");
        assert!(!text.contains("role/app/RoleA\""), "{text}");
        assert!(text.contains("role/app/RoleAB"), "a longer name is left alone: {text}");
        assert!(moved.places >= 2);
        // Given by parts: the path key changes, and references follow.
        let parts = set_path(&start, Principals::Roles, 1, "/ops/").unwrap();
        assert_eq!(parts.world.pointer("/roles/1/path"), Some(&json!("/ops/")));
        assert!(parts.world.to_string().contains("arn:aws:iam::444455556666:role/ops/RoleB\""));
        let user = set_path(&start, Principals::Users, 0, "/people/").unwrap();
        assert_eq!(
            user.world.pointer("/action/assumeRole/caller"),
            Some(&json!("arn:aws:iam::111122223333:user/people/alice"))
        );
        assert_eq!(set_path(&start, Principals::Users, 0, "").unwrap().world, start);
        for (path, ok) in
            [("/", true), ("/a/", true), ("a/", false), ("/a", false), ("/a b/", false), ("/日本/", false)]
        {
            assert_eq!(is_path(path), ok, "{path}");
            assert_eq!(set_path(&start, Principals::Roles, 0, path).is_ok(), ok, "{path}");
        }
        assert!(!is_path(&format!("/{}/", "a".repeat(511))));
    }

    #[test]
    fn groups_are_added_joined_renamed_and_removed_one_group_many_members() {
        let start = world();
        let (added, pointer) = add_group(&start, 0).unwrap();
        assert_eq!(pointer, "/groups/0");
        assert_eq!(added.world.pointer("/users/0/groups/0"), Some(&json!({"name": "Group1"})));
        assert_eq!(added.world.pointer("/groups/0/name"), Some(&json!("Group1")));
        assert_eq!(added.world.pointer("/groups/0/account"), Some(&json!("111122223333")), "alice's account");
        let (with_policy, document) = add_inline_policy(&added.world, &pointer).unwrap();
        assert_eq!(document, "/groups/0/policies/0/document");
        let (second, _) = add_group(&with_policy.world, 0).unwrap();
        assert_eq!(second.world.pointer("/groups/1/name"), Some(&json!("Group2")), "a free name");
        let mut two = with_policy.world.clone();
        if let Some(Value::Array(users)) = two.get_mut("users") {
            users.push(json!({"arn": "arn:aws:iam::111122223333:user/bob"}));
        }
        // Joining names the group: its policies stay in one place ("IAM user groups").
        let joined = join_group(&two, 1, "Group1").unwrap().world;
        assert_eq!(joined.pointer("/users/1/groups/0"), Some(&json!({"name": "Group1"})));
        assert_eq!(joined.pointer("/groups").and_then(Value::as_array).map(Vec::len), Some(1), "no copy");
        assert!(join_group(&joined, 1, "Group1").is_err(), "already a member");
        assert!(join_group(&two, 1, "Nope").is_err());
        // Both members read the group's one policy.
        let parsed = crate::world::ParsedWorld::new(&serde_json::from_value(joined.clone()).unwrap());
        for user in &parsed.users {
            assert_eq!(user.identity.len() - usize::from(user.index == 0), 1, "{}", user.name.arn);
        }
        // Renamed: the group and every member's entry.
        let renamed = rename_group(&joined, "Group1", "Deployers").unwrap();
        assert_eq!(renamed.places, 3);
        assert_eq!(renamed.world.pointer("/users/1/groups/0/name"), Some(&json!("Deployers")));
        assert!(rename_group(&joined, "Group1", "a b").is_err());
        let (taken, _) = add_group(&joined, 1).unwrap();
        assert!(rename_group(&taken.world, "Group1", "Group2").is_err(), "names are unique");
        // The last member leaving takes the group away; one member leaving does not.
        let one_left = remove_group(&joined, 1, 0).unwrap().world;
        assert_eq!(one_left.pointer("/groups/0/name"), Some(&json!("Group1")));
        let left = remove_group(&with_policy.world, 0, 0).unwrap();
        assert_eq!(left.world, start, "the emptied lists go too");
        assert!(remove_group(&start, 0, 0).is_err());
        // A group listed under one user with its policies (as worlds wrote groups before) becomes
        // the world's group when another user joins it; every identical listing becomes a member.
        let mut legacy = start.clone();
        let listed = json!({"name": "ops", "policies": [{"name": "p", "document": "{}"}]});
        if let Some(Value::Array(users)) = legacy.get_mut("users") {
            users.push(json!({"arn": "arn:aws:iam::111122223333:user/bob", "groups": [listed.clone()]}));
            users.push(json!({"arn": "arn:aws:iam::111122223333:user/carol", "groups": [listed.clone()]}));
        }
        let shared = join_group(&legacy, 0, "ops").unwrap().world;
        let mut in_account = listed.clone();
        in_account["account"] = json!("111122223333");
        assert_eq!(shared.pointer("/groups/0"), Some(&in_account), "in its members' account");
        for user in 0..3 {
            assert_eq!(
                shared.pointer(&format!("/users/{user}/groups/0")),
                Some(&json!({"name": "ops"})),
                "user {user}"
            );
        }
        assert!(is_group_name(&"g".repeat(128)) && !is_group_name(&"g".repeat(129)) && !is_group_name("a b"));
    }

    /// "IAM user groups": a user can only be in groups of its own account.
    #[test]
    fn users_join_only_groups_of_their_own_account() {
        let mut start = world();
        if let Some(Value::Array(users)) = start.get_mut("users") {
            users.push(json!({"arn": "arn:aws:iam::444455556666:user/bob"}));
            users.push(json!({"account": "111122223333", "name": "carol"}));
        }
        let (alice_group, _) = add_group(&start, 0).unwrap();
        let (both, _) = add_group(&alice_group.world, 1).unwrap();
        assert_eq!(both.world.pointer("/groups/1/account"), Some(&json!("444455556666")), "bob's account");
        assert_eq!(joinable_groups(&both.world, 2), ["Group1"], "carol is in alice's account");
        assert_eq!(joinable_groups(&both.world, 1), Vec::<String>::new(), "bob is in Group2 already");
        assert_eq!(joinable_groups(&both.world, 0), Vec::<String>::new(), "Group2 is in bob's account");
        let refused = join_group(&both.world, 0, "Group2").unwrap_err();
        assert!(refused.message.contains("`Group2` in account `111122223333`"), "{}", refused.message);
        assert!(join_group(&both.world, 2, "Group1").is_ok());
        // A group of no account is offered to anyone; one listed under a user alone, to the
        // users of that user's account.
        let mut legacy = start.clone();
        legacy["groups"] = json!([{"name": "old", "policies": []}]);
        legacy["users"][0]["groups"] = json!([{"name": "mine", "policies": []}]);
        assert_eq!(joinable_groups(&legacy, 2), ["old", "mine"]);
        assert_eq!(joinable_groups(&legacy, 1), ["old"]);
        // Changing the account id moves its groups with it.
        let moved = change_account_id(&both.world, "444455556666", "777788889999").unwrap().world;
        assert_eq!(moved.pointer("/groups/1/account"), Some(&json!("777788889999")));
    }

    #[test]
    fn accounts_and_their_scp_and_rcp_levels_are_added_and_removed() {
        let start = world();
        let added = add_account(&start).unwrap();
        assert_eq!(added.world.pointer("/accounts/2/id"), Some(&json!("777788889999")), "an id not yet used");
        assert_eq!(remove_account(&added.world, 2).unwrap().world, start);
        assert!(remove_account(&start, 0).is_err(), "alice lives in 111122223333");
        assert!(remove_account(&start, 1).is_err(), "the roles live in 444455556666");
        let scp = add_level(&start, 0, Levels::Scps).unwrap();
        assert_eq!(scp.world.pointer("/accounts/0/scps/0/0/name"), Some(&json!("FullAWSAccess")));
        let rcp = add_level(&scp.world, 0, Levels::Rcps).unwrap();
        let rcp_text = rcp.world.pointer("/accounts/0/rcps/0/0/document").and_then(Value::as_str).unwrap_or_default();
        let parsed: Value = serde_json::from_str(rcp_text).unwrap();
        assert_eq!(parsed.pointer("/Statement/0/Principal"), Some(&json!("*")));
        let scp_text = scp.world.pointer("/accounts/0/scps/0/0/document").and_then(Value::as_str).unwrap_or_default();
        assert!(serde_json::from_str::<Value>(scp_text).is_ok());
        let (more, pointer) = add_level_policy(&rcp.world, 0, Levels::Scps, 0).unwrap();
        assert_eq!(pointer, "/accounts/0/scps/0/1/document");
        assert_eq!(more.world.pointer("/accounts/0/scps/0/1/name"), Some(&json!("Policy1")));
        assert!(add_level_policy(&start, 0, Levels::Scps, 0).is_err());
        let back =
            remove_level(&remove_level(&rcp.world, 0, Levels::Rcps, 0).unwrap().world, 0, Levels::Scps, 0).unwrap();
        assert_eq!(back.world, start);
        assert!(remove_level(&start, 0, Levels::Scps, 0).is_err());
        assert_eq!(remove_inline_policy(&more.world, &pointer).unwrap().world, rcp.world, "a level's policy too");
        assert!(remove_inline_policy(&more.world, "/accounts/0/scps/0").is_err(), "a level is not a policy");
        let world: crate::flow::World = serde_json::from_value(more.world).unwrap();
        assert_eq!(world.accounts.first().and_then(|a| a.scps.as_ref()).map(|l| l.len()), Some(1));
    }
    #[test]
    fn session_actions_are_added_given_a_resource_and_removed() {
        let start = json!({"action": {"assumeRole": {"role": "r"}, "chain": [{"role": "s"}]}});
        let added = add_session_action(&start, "/action/then").unwrap().world;
        assert_eq!(added.pointer("/action/then"), Some(&json!([STARTER_SESSION_ACTION])));
        let hop = add_session_action(&start, "/action/chain/0/then").unwrap().world;
        assert_eq!(hop.pointer("/action/chain/0/then/0"), Some(&json!(STARTER_SESSION_ACTION)));
        assert!(add_session_action(&start, "/action/chain/3/then").is_err(), "no such hop");
        // Typed one character at a time, as the page applies it.
        let mut world = added;
        for typed in ["s", "s3:GetObject"] {
            world = set_session_action(&world, "/action/then", 0, "action", typed).unwrap().world;
        }
        assert_eq!(world.pointer("/action/then/0"), Some(&json!("s3:GetObject")), "a bare action stays a string");
        let with_resource =
            set_session_action(&world, "/action/then", 0, "resource", " arn:aws:s3:::reports/q1.csv ").unwrap().world;
        assert_eq!(
            with_resource.pointer("/action/then/0"),
            Some(&json!({"action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}))
        );
        let renamed = set_session_action(&with_resource, "/action/then", 0, "action", "s3:PutObject").unwrap().world;
        assert_eq!(renamed.pointer("/action/then/0/resource"), Some(&json!("arn:aws:s3:::reports/q1.csv")));
        let cleared = set_session_action(&renamed, "/action/then", 0, "resource", "").unwrap().world;
        assert_eq!(cleared.pointer("/action/then/0"), Some(&json!("s3:PutObject")), "back to a bare string");
        let emptied = set_session_action(&cleared, "/action/then", 0, "action", "").unwrap().world;
        assert_eq!(emptied.pointer("/action/then/0"), Some(&json!("")), "an emptied action stays as a row");
        assert!(set_session_action(&cleared, "/action/then", 4, "action", "x").is_err());
        // The world reads as a world with the resource given.
        let read: crate::world::World = serde_json::from_value(with_resource).unwrap();
        assert_eq!(read.action.unwrap().then[0].resource.as_deref(), Some("arn:aws:s3:::reports/q1.csv"));
        // The account, region and request context the world format gives an action.
        let mut full = cleared.clone();
        for (key, typed) in [
            ("resourceAccount", "444455556666"),
            ("region", "eu-west-1"),
            ("context", "aws:SourceVpc = vpc-1, aws:TagKeys=[\"team\",\"env\"], =x"),
        ] {
            full = set_session_action(&full, "/action/then", 0, key, typed).unwrap().world;
        }
        let read = crate::world::SessionAction::from_value(full.pointer("/action/then/0").unwrap()).unwrap();
        assert_eq!(read.resource_account.as_deref(), Some("444455556666"));
        assert_eq!(read.region.as_deref(), Some("eu-west-1"));
        assert_eq!(read.context.get("aws:SourceVpc"), Some(&json!("vpc-1")));
        assert_eq!(read.context.get("aws:TagKeys"), Some(&json!(["team", "env"])), "a list keeps its commas");
        assert_eq!(read.context.len(), 2, "a pair without a key is dropped");
        for key in ["resourceAccount", "region", "context"] {
            full = set_session_action(&full, "/action/then", 0, key, " ").unwrap().world;
        }
        assert_eq!(full, cleared, "emptied, the fields go");
        let removed = remove_session_action(&cleared, "/action/then", 0).unwrap().world;
        assert_eq!(removed.pointer("/action/then"), None, "an emptied list goes");
        assert!(remove_session_action(&removed, "/action/then", 0).is_err());
    }
}
