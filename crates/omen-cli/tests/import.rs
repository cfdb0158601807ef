//! `omen import` end to end: the binary reads fixture files in the shapes the AWS CLI prints and
//! prints a world that `omen flow` plays; damaged input still yields what could be read (exit
//! status 1), and a file holding credentials is refused until `--redact`.

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

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn imports_two_accounts_and_plays_the_chosen_flow() {
    let files = [fixture("111122223333.json"), fixture("444455556666.json"), fixture("AmazonEC2FullAccess.json")];
    let mut args =
        vec!["import", "--caller", "engineering/alice", "--role", "app/web-server", "--api", "ec2:RunInstances"];
    args.extend(files.iter().map(String::as_str));
    let output = omen(&args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("imported 2 account(s): 4 user(s), 2 group(s), 6 role(s)"), "{stderr}");
    // 444455556666 attaches the AWS managed SecurityAudit without holding it: the managed-policy
    // catalogue embedded in the build supplies it; a build without the catalogue says so.
    assert_eq!(
        stderr.contains("warning[unresolved-policy]: managed policy `arn:aws:iam::aws:policy/SecurityAudit`"),
        !omen_catalogue::GENERATED,
        "{stderr}"
    );
    let world = stdout_json(&output);
    assert_eq!(world["action"]["passRole"]["caller"], "arn:aws:iam::111122223333:user/engineering/alice");
    let path = std::env::temp_dir().join(format!("omen-import-{}.json", std::process::id()));
    std::fs::write(&path, &output.stdout).unwrap();
    let played = omen(&["flow", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let result = stdout_json(&played);
    assert_eq!(result["succeeded"], true, "{result}");
    assert_eq!(result["steps"][1]["id"], "passRole");
}

#[test]
fn a_cut_file_yields_what_it_holds_with_status_1() {
    let output = omen(&["import", "--inventory", &fixture("damaged/authorization-details-cut.json")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[cut-json]: the file ends inside `/RoleDetailList/2`"), "{stderr}");
    assert!(stderr.contains("authorization-details-cut.json:291:15"), "{stderr}");
    let imported = stdout_json(&output);
    assert_eq!(imported["inventory"]["accounts"][0]["roles"].as_array().unwrap().len(), 2);
    assert_eq!(imported["inventory"]["accounts"][0]["users"].as_array().unwrap().len(), 3);
}

#[test]
fn credentials_are_refused_until_redacted_and_never_echoed() {
    let file = fixture("secrets/authorization-details-tagged-key.json");
    let refused = omen(&["import", &file]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("error[secret-found]: this looks like an access key id (`AKIA…MPLE`)"), "{stderr}");
    assert!(!stderr.contains("AKIAIOSFODNN7EXAMPLE") && !stderr.contains("EXAMPLEKEY"), "{stderr}");
    assert_eq!(stdout_json(&refused)["users"], Value::Array(Vec::new()));
    let redacted = omen(&["import", "--redact", "--lang", "ja", &file]);
    assert_eq!(redacted.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&redacted.stdout);
    assert!(stdout.contains("ci-bot") && !stdout.contains("AKIAIOSFODNN7EXAMPLE"), "{stdout}");
    assert!(String::from_utf8_lossy(&redacted.stderr).contains("を伏せ字にしてから読みました"));
}

#[test]
fn an_unknown_caller_is_a_usage_error() {
    let output = omen(&["import", "--caller", "nobody", "--role", "deploy", &fixture("111122223333.json")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no imported user or role is `nobody`"));
}
