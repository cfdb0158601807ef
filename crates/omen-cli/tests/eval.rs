//! `omen eval` end to end: every accepted input shape, one JSON line per case in order, and
//! inputs that are not cases at all reported as `error` lines instead of crashing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn eval_stdin(input: &[u8]) -> (bool, Vec<Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omen"))
        .args(["eval", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("omen runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    let lines = String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (output.status.success(), lines)
}

const CASE: &str = r#"{"name":"passrole","principal":"arn:aws:iam::111122223333:user/alice","action":"iam:PassRole",
  "resource":"arn:aws:iam::111122223333:role/EC2-roles-for-XYZ","identityPolicies":[{"Version":"2012-10-17",
  "Statement":[{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/EC2-roles-for-XYZ"}]}]}"#;

#[test]
fn accepts_an_object_an_array_a_cases_wrapper_and_json_lines() {
    let one_line = CASE.replace('\n', "");
    for input in [
        CASE.to_string(),
        format!("[{CASE}, {CASE}]"),
        format!("{{\"cases\": [{CASE}]}}"),
        format!("{one_line}\n{one_line}\n"),
    ] {
        let (ok, lines) = eval_stdin(input.as_bytes());
        assert!(ok);
        assert!(!lines.is_empty());
        for line in lines {
            assert_eq!(line["decision"], "allowed", "{input}");
            assert_eq!(line["decidingStatements"][0]["sid"], "Pass");
        }
    }
}

#[test]
fn reports_unreadable_input_as_error_lines() {
    let (ok, lines) = eval_stdin(b"{\"principal\": \"bob\", \"action\": \"s3:GetObject\"}\n");
    assert!(ok);
    assert_eq!(lines[0]["decision"], "error");
    assert!(lines[0]["error"].as_str().unwrap().contains("`bob` is not a principal"));
    let (ok, lines) = eval_stdin(&[0xff, 0xfe, b'{', b'\n', b'x', b'\n']);
    assert!(ok);
    assert!(lines.iter().all(|l| l["decision"] == "error"));
}
