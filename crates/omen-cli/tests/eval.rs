//! `omen eval` end to end: every accepted input shape, one JSON line per case in order, inputs
//! that are not cases at all reported as `error` lines instead of crashing (exit 1 when no case
//! could be evaluated), policies AWS would refuse, and bad arguments.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn eval_stdin(input: &[u8]) -> (bool, Vec<Value>) {
    eval_stdin_with(&[], input)
}

fn eval_stdin_with(options: &[&str], input: &[u8]) -> (bool, Vec<Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omen"))
        .arg("eval")
        .args(options)
        .arg("-")
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
    assert!(!ok, "no case could be evaluated: exit 1");
    assert_eq!(lines[0]["decision"], "error");
    assert!(lines[0]["error"].as_str().unwrap().contains("`bob` is not a principal"));
    let (ok, lines) = eval_stdin(&[0xff, 0xfe, b'{', b'\n', b'x', b'\n']);
    assert!(!ok);
    assert!(lines.iter().all(|l| l["decision"] == "error"));
    // One good case among broken ones: exit 0, every line reported in order.
    let one_line = CASE.replace('\n', "");
    let (ok, lines) = eval_stdin(format!("{{\"broken\": \n{one_line}\nnot json\n").as_bytes());
    assert!(ok);
    let decisions: Vec<&str> = lines.iter().map(|l| l["decision"].as_str().unwrap()).collect();
    assert_eq!(decisions, ["error", "allowed", "error"]);
}

/// A policy AWS refuses to save ("Policy document should not specify a principal.") gives no
/// decision, in IAM's words; `--evaluate-invalid` decides anyway and says so.
#[test]
fn refuses_policies_aws_would_not_save() {
    let case = CASE.replace(r#""Sid":"Pass","#, r#""Sid":"Pass","Principal":"*","#);
    let (ok, lines) = eval_stdin(case.as_bytes());
    assert!(!ok);
    assert_eq!(lines[0]["decision"], "error");
    assert_eq!(lines[0]["errorCode"], "MalformedPolicyDocument");
    let error = lines[0]["error"].as_str().unwrap();
    assert!(error.starts_with("MalformedPolicyDocument: Policy document should not specify a principal."), "{error}");
    assert!(error.contains("identity-based policy `identity-0`"), "{error}");
    assert_eq!(lines[0]["diagnostics"][0]["code"], "principal-not-allowed");
    let (ok, lines) = eval_stdin_with(&["--evaluate-invalid"], case.as_bytes());
    assert!(ok);
    assert_eq!(lines[0]["decision"], "allowed");
    assert_eq!(lines[0]["evaluatedInvalid"]["errorCode"], "MalformedPolicyDocument");
    assert!(lines[0]["explanation"][0].as_str().unwrap().starts_with("Evaluated anyway"));
}

/// The same document decides the same as an object and as a string, duplicated keys included.
#[test]
fn a_document_decides_the_same_as_object_and_as_text() {
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Effect":"Deny","Action":"iam:PassRole","Resource":"*"}]}"#;
    let as_object = format!(
        r#"{{"principal":"arn:aws:iam::111122223333:user/alice","action":"iam:PassRole","identityPolicies":[{policy}]}}"#
    );
    let as_text = format!(
        r#"{{"principal":"arn:aws:iam::111122223333:user/alice","action":"iam:PassRole","identityPolicies":[{}]}}"#,
        serde_json::to_string(policy).unwrap()
    );
    for options in [&[][..], &["--evaluate-invalid"][..]] {
        let (_, object_lines) = eval_stdin_with(options, as_object.as_bytes());
        let (_, text_lines) = eval_stdin_with(options, as_text.as_bytes());
        assert_eq!(object_lines[0]["decision"], text_lines[0]["decision"], "{options:?}");
        assert_eq!(object_lines[0]["diagnostics"][0]["code"], "duplicate-element");
        assert_eq!(text_lines[0]["diagnostics"][0]["code"], "duplicate-element");
    }
    // Evaluated anyway, the last Effect counts ("Troubleshooting IAM policies").
    let (_, lines) = eval_stdin_with(&["--evaluate-invalid"], as_object.as_bytes());
    assert_eq!(lines[0]["decision"], "explicitDeny");
}

/// 20 MB of broken lines: one short error line each (a few hundred bytes), never the input echoed back.
#[test]
fn streams_broken_input_without_echoing_it() {
    let broken = format!("{{\"name\": \"{}\n", "x".repeat(200));
    let input = broken.repeat(100_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_omen"))
        .args(["eval", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("omen runs");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 100_000);
    assert!(stdout.len() < 30_000_000, "{} bytes printed", stdout.len());
    assert!(stdout.lines().all(|l| l.len() < 300 && !l.contains("xxxxxxxxxx")));
}

/// Every bad argument gets a clear error and exit 2, never a panic (exit 101).
#[test]
fn rejects_bad_arguments() {
    for args in [
        &["bench", "--seconds", "1e20", "x.json"][..],
        &["bench", "--seconds", "-1", "x.json"],
        &["bench", "--seconds", "NaN", "x.json"],
        &["bench", "--seconds"],
        &["eval", "--lang", "fr", "x.json"],
        &["eval", "--lang"],
        &["eval", "--no-such-option", "x.json"],
        &["eval"],
        &["eval", "/no/such/file.json"],
        &["no-such-command"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_omen")).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("omen: "), "{args:?}: {stderr}");
    }
}

/// AWS always includes the request's time ("AWS global condition context keys"): a case without
/// one is decided at Omen's default clock, and the explanation says so — only then.
#[test]
fn the_default_clock_is_said_when_a_condition_reads_it() {
    let case = |context: &str| {
        format!(
            r#"{{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k",{context}
            "identityPolicies":[{{"Version":"2012-10-17","Statement":[{{"Sid":"Until2025","Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{{"DateLessThan":{{"aws:CurrentTime":"2025-01-01T00:00:00Z"}}}}}}]}}]}}"#
        )
    };
    let says_default = |line: &Value| {
        line["explanation"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l.as_str().unwrap().contains("Omen uses 2024-05-01T12:00:00Z"))
    };
    let (_, lines) = eval_stdin(case("").as_bytes());
    assert_eq!(lines[0]["decision"], "allowed");
    assert!(says_default(&lines[0]));
    for context in
        [r#""context":{"aws:CurrentTime":"2026-01-01T00:00:00Z"},"#, r#""context":{"aws:EpochTime":"1767225600"},"#]
    {
        let (_, lines) = eval_stdin(case(context).as_bytes());
        assert_eq!(lines[0]["decision"], "implicitDeny", "{context}");
        assert!(!says_default(&lines[0]), "{context}");
    }
}

/// "Identity-based policies and resource-based policies" (IAM User Guide): IAM's one
/// resource-based policy is a role's trust policy. A bucket-style resource-based policy given
/// with `iam:PassRole` takes no part in the decision — the identity policies alone decide, the
/// trace marks it not consulted and names why, and a warning says so in both languages — while
/// the same policy with `s3:GetObject`, and a trust policy with `sts:AssumeRole`, still count.
#[test]
fn a_resource_policy_takes_no_part_in_an_iam_action() {
    let case = |action: &str, resource: &str| {
        format!(
            r#"{{"principal":"arn:aws:iam::111122223333:user/alice","action":"{action}","resource":"{resource}",
            "identityPolicies":[],
            "resourcePolicy":{{"Version":"2012-10-17","Statement":[{{"Sid":"Alice","Effect":"Allow",
              "Principal":{{"AWS":"arn:aws:iam::111122223333:user/alice"}},
              "Action":["iam:PassRole","s3:GetObject"],"Resource":"*"}}]}}}}"#
        )
    };
    let codes = |line: &Value| -> Vec<String> {
        line["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    };
    let pass_role = case("iam:PassRole", "arn:aws:iam::111122223333:role/AppRole");
    let (ok, lines) = eval_stdin_with(&["--trace"], pass_role.as_bytes());
    assert!(ok);
    let line = &lines[0];
    assert_eq!(line["decision"], "implicitDeny", "{line}");
    assert_eq!(codes(line), ["resource-policy-on-iam-action"]);
    let warning = &line["diagnostics"][0];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["policyType"], "resource");
    assert!(warning["message"].as_str().unwrap().contains("`iam:PassRole`"), "{warning}");
    assert!(warning["messageJa"].as_str().unwrap().contains("信頼ポリシー"), "{warning}");
    let rules: Vec<&str> = line["rules"].as_array().unwrap().iter().map(|r| r["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["resourcePolicyOnIamAction", "noIdentityAllow"]);
    let resource = line["policies"].as_array().unwrap().iter().find(|p| p["policyType"] == "resource").unwrap();
    assert_eq!(resource["result"], "notApplicable");
    let explanation = line["explanation"].to_string();
    assert!(explanation.contains("Identity-based policies and resource-based policies"), "{explanation}");
    let (_, lines) = eval_stdin_with(&["--lang", "ja"], pass_role.as_bytes());
    assert!(lines[0]["explanation"].to_string().contains("IAM のリソースベースのポリシーはロールの信頼ポリシー"));

    // The twins: the same policy decides an S3 request, and a role's trust policy (IAM's one
    // resource-based policy) an `sts:AssumeRole`, which is not an IAM action.
    let trust = r#"{"principal":"arn:aws:iam::111122223333:user/alice","action":"sts:AssumeRole",
      "resource":"arn:aws:iam::111122223333:role/AppRole","identityPolicies":[],
      "resourcePolicy":{"Version":"2012-10-17","Statement":[{"Sid":"Alice","Effect":"Allow",
        "Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}}"#;
    for (action, case) in [
        ("s3:GetObject", case("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/k")),
        ("sts:AssumeRole", trust.to_string()),
    ] {
        let (_, lines) = eval_stdin(case.as_bytes());
        assert_eq!(lines[0]["decision"], "allowed", "{action}: {}", lines[0]);
        assert!(codes(&lines[0]).is_empty(), "{action}");
    }
}
