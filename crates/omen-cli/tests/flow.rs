//! `omen flow` and `omen decode` end to end: the binary plays a preset and a world file, prints
//! JSON or text in either language, and decodes the EC2 message it printed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use serde_json::Value;
use std::process::Command;

fn omen(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_omen")).args(args).output().expect("omen runs");
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn plays_a_preset_as_json_and_decodes_its_message() {
    let (ok, stdout) = omen(&["flow", "--preset", "ec2-full-access-without-passrole"]);
    assert!(ok);
    let result: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(result["failedStep"], "passRole");
    let message = result["errorMessage"].as_str().unwrap();
    assert!(message
        .starts_with("You are not authorized to perform this operation. Encoded authorization failure message: "));
    let (ok, decoded) = omen(&["decode", message]);
    assert!(ok);
    let decoded: Value = serde_json::from_str(&decoded).unwrap();
    let inner: Value = serde_json::from_str(decoded["DecodedMessage"].as_str().unwrap()).unwrap();
    assert_eq!(inner["context"]["action"], "iam:PassRole");
    assert_eq!(inner["allowed"], false);
}

#[test]
fn plays_a_file_as_text_in_japanese() {
    let path = std::env::temp_dir().join(format!("omen-flow-{}.json", std::process::id()));
    std::fs::write(&path, omen_core::flow::preset("role-chaining").unwrap().world_json).unwrap();
    let (ok, stdout) = omen(&["flow", "--text", "--lang", "ja", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert!(ok);
    assert!(stdout.contains("結果: フローは成功します。"), "{stdout}");
    assert!(stdout.contains("arn:aws:sts::111122223333:assumed-role/RoleB/alice-hop2"));
    assert!(stdout.contains("\"eventSource\": \"sts.amazonaws.com\""));
}

#[test]
fn lists_presets_and_reports_bad_input() {
    let (ok, stdout) = omen(&["flow", "--presets"]);
    assert!(ok);
    assert!(stdout.lines().count() >= 12);
    let (ok, _) = omen(&["flow", "--preset", "no-such-preset"]);
    assert!(!ok);
    let (ok, _) = omen(&["decode", "4GIOHlTkIaWHQD0Q0m6XSnuUMCm-abcdefghijklmn"]);
    assert!(!ok);
}

fn omen_with_stderr(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_omen")).args(args).output().expect("omen runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.success(), text(&output.stdout), text(&output.stderr))
}

// "Managed policies and inline policies": a world attaches AWS managed policies by ARN or name;
// `omen flow` takes their current default version from the embedded catalogue.
#[test]
fn a_world_attaches_aws_managed_policies_by_arn_or_name() {
    let preset: Value =
        serde_json::from_str(omen_core::flow::preset("ec2-full-access-without-passrole").unwrap().world_json).unwrap();
    let mut by_reference = preset.clone();
    by_reference["users"][0]["policies"][0] = Value::from("arn:aws:iam::aws:policy/AmazonEC2FullAccess");
    by_reference["roles"][0]["policies"][0] = serde_json::json!({"name": "AmazonS3ReadOnlyAccess", "awsManaged": true});
    let dir = std::env::temp_dir();
    let path = dir.join(format!("omen-flow-managed-{}.json", std::process::id()));
    std::fs::write(&path, by_reference.to_string()).unwrap();
    let (ok, stdout, stderr) = omen_with_stderr(&["flow", path.to_str().unwrap()]);
    // A misspelled name is an error that says which policy was meant.
    let mut misspelled = by_reference.clone();
    misspelled["users"][0]["policies"][0] = Value::from("arn:aws:iam::aws:policy/AmazonEC2FullAcess");
    std::fs::write(&path, misspelled.to_string()).unwrap();
    let (misspelled_ok, _, misspelled_stderr) = omen_with_stderr(&["flow", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert!(!misspelled_ok);
    if !omen_catalogue::GENERATED {
        assert!(!ok && stderr.contains("catalogue is not loaded"), "{stderr}");
        return;
    }
    assert!(ok, "{stderr}");
    let result: Value = serde_json::from_str(&stdout).unwrap();
    // The same story as with the typed copy: EC2 launch refused at PassRole.
    assert_eq!(result["failedStep"], "passRole");
    assert!(
        misspelled_stderr.contains("`arn:aws:iam::aws:policy/AmazonEC2FullAcess` is no AWS managed policy"),
        "{misspelled_stderr}"
    );
    assert!(misspelled_stderr.contains("did you mean `AmazonEC2FullAccess`?"), "{misspelled_stderr}");
    assert!(misspelled_stderr.contains("/users/0/policies/0"), "{misspelled_stderr}");
}

// "Troubleshooting IAM policies": AWS never evaluates a policy it refused to save; `omen flow
// --evaluate-invalid` plays such a world anyway, for teaching, and says so on the step.
#[test]
fn evaluate_invalid_plays_a_refused_policy_and_says_so() {
    let scenario =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios/passrole-identity-policy-iam-would-refuse.json");
    let (ok, as_aws) = omen(&["flow", scenario]);
    assert!(ok);
    let as_aws: Value = serde_json::from_str(&as_aws).unwrap();
    assert_eq!(as_aws["errorCode"], "MalformedPolicyDocument");
    let (ok, anyway) = omen(&["flow", "--evaluate-invalid", scenario]);
    assert!(ok);
    let anyway: Value = serde_json::from_str(&anyway).unwrap();
    assert_ne!(anyway["errorCode"], "MalformedPolicyDocument");
    let api = &anyway["steps"][0];
    assert_eq!(api["id"], "api");
    assert_eq!(api["decision"], "allowed");
    let words = api["explanationEn"].to_string();
    assert!(words.contains("Evaluated anyway, for teaching"), "{words}");
}
