//! Pure edits of the world's JSON that the reducer makes: set a value at a pointer, switch the
//! action's kind, give the world a policy it lacks. Where things are comes from
//! [`world_layout`](super::world_layout).

use serde_json::Value;

use super::world_layout::{action_ends, caller_account, caller_user, flow_choice, user_arn, FlowChoice};

/// A policy the world can be given when it has none of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addition {
    /// A permissions boundary on the calling IAM user.
    CallerBoundary,
    /// A session policy on the AssumeRole call.
    SessionPolicy,
    /// An SCP level on the caller's account.
    Scp,
}

/// The starter policy an added editor opens with: valid, and allowing everything, so adding it
/// changes no decision until it is edited.
pub const STARTER_POLICY: &str =
    "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": \"*\",\n            \"Resource\": \"*\"\n        }\n    ]\n}";

/// Whether `addition` can be made to `world`: it lacks one and has a place for it.
pub fn can_add(world: &Value, addition: Addition) -> bool {
    match addition {
        Addition::CallerBoundary => caller_user(world)
            .is_some_and(|user| world.pointer(&format!("/users/{user}/permissionsBoundary")).is_none()),
        Addition::SessionPolicy => {
            world.pointer("/action/assumeRole").is_some() && world.pointer("/action/assumeRole/sessionPolicy").is_none()
        }
        Addition::Scp => caller_account(world).is_some_and(|account| {
            world.pointer(&format!("/accounts/{account}/scps")).and_then(Value::as_array).is_none_or(Vec::is_empty)
        }),
    }
}

/// A JSON object of `pairs`.
fn object(pairs: &[(&str, Value)]) -> Value {
    // Inserted one by one: collecting would sort, and bring a sort into the bundle.
    let mut map = serde_json::Map::new();
    for (key, value) in pairs {
        map.insert((*key).to_owned(), value.clone());
    }
    Value::Object(map)
}

/// `world` with its action switched to `choice`, keeping the caller and the role.
pub fn set_flow(mut world: Value, choice: FlowChoice) -> Value {
    if flow_choice(&world) == Some(choice) {
        return world;
    }
    let (caller, role) = action_ends(&world);
    let caller = caller.map(str::to_owned).or_else(|| user_arn(&world, 0)).unwrap_or_default();
    let role = role
        .map(str::to_owned)
        .or_else(|| world.pointer("/roles/0/arn").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default();
    let (kind, third, value) = match choice {
        FlowChoice::PassRole => {
            ("passRole", "api", omen_core::flow::CATALOGUE.first().map_or("ec2:RunInstances", |entry| entry.action))
        }
        FlowChoice::AssumeRole => ("assumeRole", "roleSessionName", "omen-session"),
    };
    let hop = object(&[("caller", caller.into()), ("role", role.into()), (third, value.into())]);
    set_at(&mut world, "/action", object(&[(kind, hop)]));
    world
}

/// `world` given `addition`, when it can take it.
pub fn add(mut world: Value, addition: Addition) -> Value {
    if !can_add(&world, addition) {
        return world;
    }
    let policy = |name: &str| object(&[("name", name.into()), ("document", STARTER_POLICY.into())]);
    match addition {
        Addition::CallerBoundary => {
            if let Some(user) = caller_user(&world) {
                set_at(&mut world, &format!("/users/{user}/permissionsBoundary"), policy("Boundary"));
            }
        }
        Addition::SessionPolicy => {
            set_at(&mut world, "/action/assumeRole/sessionPolicy", Value::String(STARTER_POLICY.to_owned()));
        }
        Addition::Scp => {
            if let Some(account) = caller_account(&world) {
                set_at(
                    &mut world,
                    &format!("/accounts/{account}/scps"),
                    Value::Array(vec![Value::Array(vec![policy("FullAWSAccess")])]),
                );
            }
        }
    }
    world
}

/// Sets `value` at `pointer` (creating the last key of an existing object; `Null` removes it),
/// and says whether there was such a place. Pointers whose parent does not exist change nothing.
pub fn set_at(world: &mut Value, pointer: &str, value: Value) -> bool {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return false;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    match world.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            if value.is_null() {
                map.remove(&key);
            } else {
                map.insert(key, value);
            }
            true
        }
        Some(Value::Array(items)) => match key.parse::<usize>().ok().and_then(|index| items.get_mut(index)) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        },
        _ => false,
    }
}
