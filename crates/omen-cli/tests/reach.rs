//! `omen who-can` and `omen reach` end to end on the `omen import` fixtures: `deploy` trusts its
//! account (`:root`) with MFA, so the identity side decides and every answer needs MFA ("IAM JSON
//! policy elements: Principal"; "AWS global condition context keys": `aws:MultiFactorAuthPresent`
//! is absent for long-term access keys, and the export cannot say how a caller signs in).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/import").join(name);
    path.to_str().unwrap().to_string()
}

fn omen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_omen")).args(args).output().expect("omen runs")
}

#[test]
fn who_can_assume_deploy_needs_mfa() {
    let file = fixture("111122223333.json");
    let output = omen(&["who-can", "--role", "arn:aws:iam::111122223333:role/app/deploy", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    let alice = answer["canAssume"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["principal"] == "arn:aws:iam::111122223333:user/engineering/alice")
        .expect("alice's AssumeDeployRole policy and the account's trust let her assume deploy");
    assert_eq!(alice["conditional"], true);
    assert_eq!(alice["conditions"][0]["key"], "aws:MultiFactorAuthPresent");
    assert_eq!(alice["request"]["action"], "sts:AssumeRole");
    assert_eq!(alice["flow"]["assumeRole"]["role"], "arn:aws:iam::111122223333:role/app/deploy");
    assert!(answer["canAssume"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["principal"] != "arn:aws:iam::111122223333:user/contractors/carol"));
}

#[test]
fn reach_from_alice_and_an_unknown_principal() {
    let file = fixture("111122223333.json");
    let output = omen(&["reach", "--principal", "arn:aws:iam::111122223333:user/engineering/alice", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    let deploy = answer["reaches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "arn:aws:iam::111122223333:role/app/deploy")
        .expect("alice reaches deploy");
    assert_eq!(deploy["path"][0]["via"], "sts:AssumeRole");
    assert_eq!(deploy["conditional"], true);
    let unknown = omen(&["reach", "--principal", "arn:aws:iam::111122223333:user/nobody", &file]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no user or role `arn:aws:iam::111122223333:user/nobody`")
    );
}

/// "AWS managed policies": an export made with `--filter User Role` attaches `AdministratorAccess`
/// by ARN without holding it; the CLI takes it from the managed-policy catalogue embedded in the
/// build, so `ops-lead` reaches administrator-equivalent power and with it the account's role.
#[test]
fn an_aws_managed_policy_attached_by_arn_comes_from_the_catalogue() {
    let file = fixture("filter-user-role.json");
    let output = omen(&["reach", "--principal", "arn:aws:iam::777788889999:user/ops-lead", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    if !omen_catalogue::GENERATED {
        // No catalogue in this build: the reference stays unresolved and grants nothing.
        assert_eq!(answer["admin"], false);
        return;
    }
    assert_eq!(answer["admin"], true);
    let roles: Vec<&str> = answer["reaches"].as_array().unwrap().iter().filter_map(|r| r["role"].as_str()).collect();
    assert_eq!(roles, ["arn:aws:iam::777788889999:role/release"]);
    let output = omen(&["import", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("unresolved-policy"), "{stderr}");
}

/// An Omen world attaching `AdministratorAccess` by ARN (the reach test world
/// `tests/reach/administrator.json`): `omen reach` fills it in from the embedded catalogue, as
/// `omen flow` does, so `dev` is an administrator ("AWS managed policies for job functions").
#[test]
fn an_omen_world_attaching_an_aws_managed_policy_by_arn_is_filled_in() {
    let case = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/reach/administrator.json");
    let case: Value = serde_json::from_str(&std::fs::read_to_string(case).unwrap()).unwrap();
    assert_eq!(case["world"]["users"][0]["policies"][0], "arn:aws:iam::aws:policy/AdministratorAccess");
    let file = std::env::temp_dir().join(format!("omen-reach-administrator-{}.json", std::process::id()));
    std::fs::write(&file, case["world"].to_string()).unwrap();
    let output = omen(&["reach", "--principal", "arn:aws:iam::111122223333:user/dev", file.to_str().unwrap()]);
    std::fs::remove_file(&file).ok();
    if !omen_catalogue::GENERATED {
        // No catalogue in this build: the reference cannot be filled in, and says so.
        assert_ne!(output.status.code(), Some(0));
        return;
    }
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["admin"], true);
    let roles: Vec<&str> = answer["reaches"].as_array().unwrap().iter().filter_map(|r| r["role"].as_str()).collect();
    assert_eq!(roles, ["arn:aws:iam::111122223333:role/target"]);
}
