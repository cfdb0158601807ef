//! `omen workshop` end to end: a teacher checks the material files, grades a world against a
//! challenge (exit 1 until solved), verifies the code of a solution, and prints a handout and
//! the AWS CLI commands.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use std::path::Path;
use std::process::Command;

fn omen(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_omen")).args(args).output().expect("omen runs");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

fn material(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../workshop").join(path).to_string_lossy().into_owned()
}

fn temp_world(name: &str, world: &serde_json::Value) -> String {
    let path = std::env::temp_dir().join(format!("omen-workshop-{}-{name}.json", std::process::id()));
    std::fs::write(&path, world.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn checks_the_material_files() {
    let (code, stdout) =
        omen(&["workshop", "check", &material("lessons/mask.json"), &material("challenges/fix-lambda.json")]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("mask.json: ok"), "{stdout}");
    assert!(stdout.contains("fix-lambda.json: ok"));
}

#[test]
fn grades_until_solved_and_verifies_the_code() {
    let challenge: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(material("challenges/fix-lambda.json")).unwrap()).unwrap();
    let start = temp_world("start", &challenge["world"]);
    let (code, stdout) = omen(&["workshop", "grade", "fix-lambda", &start]);
    assert_eq!(code, Some(1));
    assert!(
        stdout.starts_with(
            "Too loose: 1 thing(s) that must be denied are allowed. Too strict: 1 thing(s) that must work are refused."
        ),
        "{stdout}"
    );
    assert!(stdout.contains("✗ EC2 tries to put the role on."));

    let mut solved = challenge["world"].clone();
    solved["roles"][0]["trustPolicy"] = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let solved = temp_world("solved", &solved);
    let (code, stdout) = omen(&["workshop", "grade", "fix-lambda", &solved, "--lang", "ja"]);
    assert_eq!(code, Some(0), "{stdout}");
    let verification = stdout.lines().find_map(|l| l.strip_prefix("code: ")).unwrap().to_string();
    assert_eq!(omen(&["workshop", "verify", "fix-lambda", &solved, &verification]), (Some(0), "valid\n".into()));
    assert_eq!(omen(&["workshop", "verify", "fix-lambda", &start, &verification]), (Some(1), "invalid\n".into()));
}

#[test]
fn prints_a_handout_and_the_aws_cli_commands() {
    let lesson: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(material("lessons/mask.json")).unwrap()).unwrap();
    let world = temp_world("mask", &lesson["world"]);
    let (code, handout) = omen(&["workshop", "handout", &world, "--lesson", "mask", "--lang", "ja"]);
    assert_eq!(code, Some(0));
    assert!(handout.starts_with("# IAM ロールはお面\n"), "{handout}");
    assert!(handout.contains("## やってみよう"));
    let (code, script) = omen(&["workshop", "aws-cli", &world]);
    assert_eq!(code, Some(0));
    assert!(
        script.contains("aws iam create-role --role-name ReportsReader --assume-role-policy-document '{"),
        "{script}"
    );
    assert!(script.contains("aws sts assume-role --role-arn arn:aws:iam::111122223333:role/ReportsReader --role-session-name alice --profile alice"));
}

/// A policy with no name of its own (a role's trust policy) is named by its kind alone, never
/// "trust `trust policy`".
#[test]
fn walk_names_a_policy_without_a_name_once() {
    let challenge: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(material("challenges/fix-lambda.json")).unwrap()).unwrap();
    let world = temp_world("walk", &challenge["world"]);
    let (code, stdout) = omen(&["workshop", "walk", &world, "serviceAssumeRole"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("    trust: "), "{stdout}");
    assert!(!stdout.contains("`trust policy`"), "{stdout}");
}

/// A scenario file (`tests/scenarios/`) is read for its `world`, as `omen flow` reads it; a file
/// that is no world (a policy document, a `package.json`) is refused with exit 2, never answered
/// as an empty world (an AWS CLI script with nothing in it).
#[test]
fn reads_a_scenario_world_and_refuses_what_is_no_world() {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/scenarios/federation-github-deploy-done-right.json")
        .to_string_lossy()
        .into_owned();
    let (code, script) = omen(&["workshop", "aws-cli", &scenario]);
    assert_eq!(code, Some(0));
    assert!(
        script.contains("aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com"),
        "{script}"
    );
    assert!(
        script.contains("aws sts assume-role-with-web-identity --role-arn arn:aws:iam::111122223333:role/GitHubDeploy")
    );
    let policy = temp_world(
        "policy",
        &serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}),
    );
    let package = temp_world("package", &serde_json::json!({"name": "omen", "version": "1.0.0", "dependencies": {}}));
    let wrong = temp_world("wrong", &serde_json::json!({"users": 5}));
    for file in [&policy, &package, &wrong] {
        for command in ["aws-cli", "handout", "placeholders"] {
            let output = Command::new(env!("CARGO_BIN_EXE_omen")).args(["workshop", command, file]).output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{command} {file}: {stderr}");
            assert!(stderr.contains("is not a world"), "{stderr}");
            assert!(output.stdout.is_empty());
        }
    }
}
