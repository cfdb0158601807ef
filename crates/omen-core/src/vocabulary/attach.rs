//! A world attaches an AWS managed policy by its ARN or its name, as AWS does
//! (`aws iam attach-role-policy --policy-arn arn:aws:iam::aws:policy/AmazonEC2FullAccess`): the
//! policy's current default version comes from the managed-policy catalogue, read-only
//! ("Managed policies and inline policies": AWS managed policies; you cannot change the permissions
//! defined in them). Pure: the world is JSON (before it is read as a world), the catalogue is given.
//!
//! An attachment by reference is one of, in a `policies` array or as a `permissionsBoundary`:
//! - the ARN alone: `"arn:aws:iam::aws:policy/AmazonEC2FullAccess"`;
//! - `{"arn": "arn:aws:iam::aws:policy/AmazonEC2FullAccess"}`;
//! - `{"name": "AmazonEC2FullAccess", "awsManaged": true}`;
//!
//! each without a `document`. It becomes `{"name", "arn", "awsManaged": true, "document"}`.

use serde_json::{Map, Value};

use super::{ManagedPolicies, ServiceReference};
use crate::lang::Lang;
use crate::suggest::closest;

use super::reference::reference_of;
pub use super::reference::AWS_MANAGED_PREFIX;

/// What was wrong with one attachment by reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachProblem {
    /// The managed-policy catalogue is not loaded (the page still loading it, or a build without
    /// the npm packages): the policy stays unattached.
    NotLoaded,
    /// No AWS managed policy has this name or ARN.
    Unknown {
        /// The closest name, if one is close enough.
        did_you_mean: Option<String>,
    },
    /// The catalogue's document for it cannot be read (a catalogue generated with another
    /// service reference).
    Unreadable(String),
}

/// One attachment by reference that could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnresolvedPolicy {
    /// The JSON pointer of the attachment in the world (`/roles/0/policies/1`).
    pub pointer: String,
    /// The name or ARN as written.
    pub reference: String,
    /// What is wrong.
    pub problem: AttachProblem,
}

impl UnresolvedPolicy {
    /// What is wrong, in `lang`: lowercase, no final period, the reference in backticks.
    pub fn message(&self, lang: Lang) -> String {
        let reference = &self.reference;
        match (&self.problem, lang) {
            (AttachProblem::NotLoaded, Lang::En) => {
                format!(
                    "the AWS managed policy `{reference}` is not attached: the managed-policy catalogue is not loaded"
                )
            }
            (AttachProblem::NotLoaded, Lang::Ja) => {
                format!("AWS 管理ポリシー `{reference}` はアタッチされていません: 管理ポリシーのカタログが読み込まれていません")
            }
            (AttachProblem::Unknown { .. }, Lang::En) => format!("`{reference}` is no AWS managed policy"),
            (AttachProblem::Unknown { .. }, Lang::Ja) => format!("`{reference}` という AWS 管理ポリシーはありません"),
            (AttachProblem::Unreadable(why), Lang::En) => {
                format!("the AWS managed policy `{reference}` cannot be read from the catalogue: {why}")
            }
            (AttachProblem::Unreadable(why), Lang::Ja) => {
                format!("AWS 管理ポリシー `{reference}` をカタログから読めません: {why}")
            }
        }
    }

    /// How to fix it, in `lang`.
    pub fn help(&self, lang: Lang) -> Option<String> {
        match (&self.problem, lang) {
            (AttachProblem::NotLoaded, Lang::En) => Some(
                "wait until AWS's vocabulary is loaded, or build with the catalogue (`scripts/setup` installs its npm packages)"
                    .to_owned(),
            ),
            (AttachProblem::NotLoaded, Lang::Ja) => Some(
                "AWS の語彙が読み込まれるまで待つか、カタログ付きでビルドしてください (`scripts/setup` が npm パッケージを入れます)"
                    .to_owned(),
            ),
            (AttachProblem::Unknown { did_you_mean: Some(name) }, Lang::En) => {
                Some(format!("did you mean `{name}`?"))
            }
            (AttachProblem::Unknown { did_you_mean: Some(name) }, Lang::Ja) => {
                Some(format!("`{name}` のことですか？"))
            }
            (AttachProblem::Unknown { did_you_mean: None }, Lang::En) => Some(
                "AWS managed policies are named as in the AWS Managed Policy Reference (`AmazonEC2FullAccess`)".to_owned(),
            ),
            (AttachProblem::Unknown { did_you_mean: None }, Lang::Ja) => Some(
                "AWS 管理ポリシーの名前は AWS Managed Policy Reference のとおりです (`AmazonEC2FullAccess`)".to_owned(),
            ),
            (AttachProblem::Unreadable(_), _) => None,
        }
    }
}

/// The catalogue the attachments are resolved from: the managed policies and the service
/// reference generated with them (their documents name actions by number in it).
#[derive(Debug, Clone, Copy)]
pub struct ManagedCatalogue<'c> {
    /// The AWS managed policies.
    pub policies: &'c ManagedPolicies,
    /// The service reference generated with them.
    pub reference: &'c ServiceReference,
}

/// Resolves one attachment by reference, in place; what was wrong, if anything.
fn resolve(
    value: &mut Value,
    reference: String,
    pointer: String,
    catalogue: Option<ManagedCatalogue<'_>>,
) -> Option<UnresolvedPolicy> {
    let problem = |problem| Some(UnresolvedPolicy { pointer: pointer.clone(), reference: reference.clone(), problem });
    let Some(catalogue) = catalogue.filter(|c| !c.policies.policies.is_empty()) else {
        return problem(AttachProblem::NotLoaded);
    };
    let Some(policy) = catalogue.policies.get(&reference) else {
        let name = reference.rsplit('/').next().unwrap_or(&reference);
        let did_you_mean =
            closest(name, catalogue.policies.policies.iter().map(|p| p.name.as_str())).map(str::to_owned);
        return problem(AttachProblem::Unknown { did_you_mean });
    };
    let document = match policy.document(catalogue.reference) {
        Ok(text) => match serde_json::from_str::<Value>(&text) {
            Ok(document) => document,
            Err(error) => return problem(AttachProblem::Unreadable(error.to_string())),
        },
        Err(error) => return problem(AttachProblem::Unreadable(error.to_string())),
    };
    let mut fields = match value {
        Value::Object(fields) => std::mem::take(fields),
        _ => Map::new(),
    };
    fields.insert("name".to_owned(), Value::from(policy.name.clone()));
    fields.insert("arn".to_owned(), Value::from(policy.arn()));
    fields.insert("awsManaged".to_owned(), Value::Bool(true));
    fields.insert("document".to_owned(), document);
    *value = Value::Object(fields);
    None
}

/// Pushes every attachment slot under `value` (at `pointer`) onto `out`: each item of a
/// `policies` array and each `permissionsBoundary`, with its JSON pointer.
fn walk<'w>(value: &'w Value, pointer: &mut String, out: &mut Vec<(String, &'w Value)>) {
    match value {
        Value::Object(fields) => {
            for (key, child) in fields {
                let at = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                match (key.as_str(), child) {
                    ("policies", Value::Array(items)) => {
                        out.extend(items.iter().enumerate().map(|(index, item)| (format!("{pointer}/{index}"), item)));
                    }
                    ("permissionsBoundary", boundary) => out.push((pointer.clone(), boundary)),
                    _ => walk(child, pointer, out),
                }
                pointer.truncate(at);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let at = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(item, pointer, out);
                pointer.truncate(at);
            }
        }
        _ => {}
    }
}

/// Every place `world` (a world's JSON) attaches a policy — each item of a user's, group's or
/// role's `policies` and each `permissionsBoundary` — in document order, with its JSON pointer
/// (`/roles/0/policies/1`, `/users/0/permissionsBoundary`), whatever it holds.
pub fn attachments_in(world: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    walk(world, &mut String::new(), &mut out);
    out
}

/// Every AWS managed policy `world` (a world's JSON) attaches by reference, in document order:
/// the JSON pointer of the attachment (`/roles/0/policies/1`, `/users/0/permissionsBoundary`)
/// and the name or ARN it refers to. Reads only: what a page checks before playing a world.
pub fn references_in(world: &Value) -> Vec<(String, String)> {
    attachments_in(world)
        .into_iter()
        .filter_map(|(pointer, attached)| reference_of(attached).map(|reference| (pointer, reference)))
        .collect()
}

/// Fills in the AWS managed policies that `world` (a world's JSON) attaches by ARN or name with
/// their current default version from `catalogue` (`None`: not loaded). Every attachment that
/// could not be resolved is left as written and listed.
pub fn attach_managed_policies(world: &mut Value, catalogue: Option<ManagedCatalogue<'_>>) -> Vec<UnresolvedPolicy> {
    let mut out = Vec::new();
    for (pointer, reference) in references_in(world) {
        if let Some(value) = world.pointer_mut(&pointer) {
            out.extend(resolve(value, reference, pointer, catalogue));
        }
    }
    out
}

/// Whether `world` attaches any AWS managed policy by reference (and so needs the catalogue).
pub fn attaches_by_reference(world: &Value) -> bool {
    !references_in(world).is_empty()
}
