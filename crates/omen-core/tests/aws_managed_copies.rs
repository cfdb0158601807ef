//! No lesson, challenge, known solution, seed story, scenario or reach world carries a typed copy of an AWS
//! managed policy: each attaches it by ARN (`"arn:aws:iam::aws:policy/ReadOnlyAccess"`) and gets
//! AWS's current default version from the managed-policy catalogue. A hand-typed copy drifts from
//! AWS's (the typed `ReadOnlyAccess` of the lessons granted five actions; AWS's grants thousands)
//! and can be edited, which an AWS managed policy cannot. Data-driven: every JSON file under the
//! directories below is walked, and any policy with a document that is named like an AWS managed
//! policy, says it is one (`awsManaged`) or carries an AWS managed ARN fails the test.
#![expect(clippy::panic, reason = "test code: a panic is a failing test")]

use omen_core::vocabulary::{ManagedPolicies, AWS_MANAGED_PREFIX};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The directories of worlds written by hand, from the workspace root.
const DIRS: &[&str] = &[
    "workshop/lessons",
    "workshop/challenges",
    "workshop/solutions",
    "crates/omen-core/presets",
    "tests/scenarios",
    "tests/reach",
];

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Pushes the JSON pointer of every typed copy under `value` onto `out`.
fn copies(value: &Value, pointer: &str, names: &BTreeSet<String>, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            let has_document = fields.contains_key("document") || fields.contains_key("policy");
            let name = fields.get("name").and_then(Value::as_str).unwrap_or_default();
            let managed = fields.get("awsManaged").and_then(Value::as_bool) == Some(true)
                || fields.get("arn").and_then(Value::as_str).is_some_and(|arn| arn.starts_with(AWS_MANAGED_PREFIX));
            if has_document && (managed || names.contains(name)) {
                out.push(format!("{pointer} (`{name}`)"));
            }
            // Organizations' levels hold SCPs and RCPs (`FullAWSAccess`), never an IAM policy.
            for (key, child) in fields.iter().filter(|(key, _)| !matches!(key.as_str(), "scps" | "rcps")) {
                copies(child, &format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), names, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                copies(item, &format!("{pointer}/{index}"), names, out);
            }
        }
        _ => {}
    }
}

#[test]
fn no_world_written_by_hand_carries_a_copy_of_an_aws_managed_policy() {
    let catalogue = ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).expect("the managed-policy catalogue");
    let names: BTreeSet<String> = catalogue.policies.iter().map(|policy| policy.name.clone()).collect();
    assert!(names.contains("ReadOnlyAccess") && names.len() > 1000, "{} managed policies", names.len());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut found = Vec::new();
    let mut walked = 0;
    for dir in DIRS {
        for file in json_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).expect("readable");
            let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let mut here = Vec::new();
            copies(&value, "", &names, &mut here);
            found.extend(
                here.into_iter()
                    .map(|at| format!("{dir}/{}: {at}", file.file_name().unwrap_or_default().to_string_lossy())),
            );
            walked += 1;
        }
    }
    assert!(walked > 100, "only {walked} files walked");
    assert!(
        found.is_empty(),
        "typed copies of AWS managed policies (attach them by ARN, `{AWS_MANAGED_PREFIX}NAME`, instead):\n{}",
        found.join("\n")
    );
}

/// The check itself finds a copy: the lessons' old typed `ReadOnlyAccess`, and a customer policy
/// given an AWS managed policy's name.
#[test]
fn the_check_finds_a_typed_copy() {
    let names: BTreeSet<String> = ["ReadOnlyAccess".to_owned()].into();
    let world = serde_json::json!({"roles": [{"policies": [
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        {"name": "ReadOnlyAccess", "document": {"Version": "2012-10-17", "Statement": []}},
        {"name": "Mine", "awsManaged": true, "document": {}},
        {"name": "Other", "document": {}}
    ]}]});
    let mut found = Vec::new();
    copies(&world, "", &names, &mut found);
    assert_eq!(found, ["/roles/0/policies/1 (`ReadOnlyAccess`)", "/roles/0/policies/2 (`Mine`)"]);
}
