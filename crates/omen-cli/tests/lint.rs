//! `omen lint` and `omen --version` end to end: JSON lines with findings located in lines,
//! columns and UTF-16 units, a non-zero exit on errors, text and Japanese output, and the
//! validation benchmark on AWS-maximum-size policies.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn omen(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("omen runs");
    // omen may exit before reading its input (a bad argument): a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn report(output: &Output) -> Value {
    serde_json::from_str(String::from_utf8_lossy(&output.stdout).lines().next().unwrap()).unwrap()
}

const TYPO: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"arn:aws:s3:::bucket/お面.txt\", \"Action\": \"ec2:RunInstance\"}]\n}";

#[test]
fn lint_reports_findings_with_positions_and_fixes() {
    let output = omen(&["lint", "--kind", "identity", "-"], TYPO);
    assert!(output.status.success(), "warnings only: {}", String::from_utf8_lossy(&output.stderr));
    let found = report(&output);
    assert_eq!(found["kind"], "identity");
    assert_eq!(found["errors"], 0);
    let finding = found["findings"].as_array().unwrap().iter().find(|f| f["code"] == "INVALID_ACTION").unwrap();
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["help"], "did you mean `ec2:RunInstances`?");
    assert_eq!(finding["line"], 3);
    let start = TYPO.find("\"ec2:RunInstance\"").unwrap();
    assert_eq!(finding["range"]["start"], start);
    // The two kana before it are one UTF-16 unit each but three bytes: columns count UTF-16.
    let line_start = TYPO[..start].rfind('\n').unwrap() + 1;
    let utf16_column = TYPO[line_start..start].encode_utf16().count() + 1;
    assert_eq!(finding["column"], utf16_column);
    assert_eq!(finding["fix"]["edits"][0]["text"], "\"ec2:RunInstances\"");
    assert!(finding["doc"]["url"]
        .as_str()
        .unwrap()
        .contains("access-analyzer-reference-policy-checks-error-invalid-action"));
}

#[test]
fn lint_exits_non_zero_on_errors_and_speaks_japanese() {
    let trust =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#;
    let output = omen(&["lint", "--kind", "trust", "--lang", "ja", "-"], trust);
    assert_eq!(output.status.code(), Some(1));
    let found = report(&output);
    assert_eq!(found["errors"], 1);
    let finding = &found["findings"][0];
    assert_eq!(finding["code"], "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL");
    assert!(finding["message"].as_str().unwrap().contains("お面"), "{finding}");
    // Text output: the source line, a caret under the finding, its help and its page.
    let text = omen(&["lint", "--kind", "trust", "--text", "-"], trust);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("error[ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL]"), "{text}");
    assert!(text.contains("  = see: Access Analyzer policy check reference"), "{text}");
    // A clean policy: no findings, exit 0.
    let clean = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let output = omen(&["lint", "--kind", "trust", "-"], clean);
    assert!(output.status.success());
    assert_eq!(report(&output)["findings"], serde_json::json!([]));
}

#[test]
fn lint_refuses_unknown_kinds_and_missing_files() {
    let output = omen(&["lint", "--kind", "bucket", "-"], "{}");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`--kind` takes"));
    let output = omen(&["lint", "/no/such/policy.json"], "");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn version_names_the_catalogue_sources() {
    let output = omen(&["--version"], "");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let package =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../catalogue/package.json"))
            .unwrap();
    let package: Value = serde_json::from_str(&package).unwrap();
    for (name, version) in package["dependencies"].as_object().unwrap() {
        assert!(text.contains(&format!("{name} {}", version.as_str().unwrap())), "{name} missing from {text}");
    }
    assert!(text.contains(" actions, ") && text.contains(" policies"), "{text}");
}

#[test]
fn bench_times_validation_of_maximum_size_policies() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/lint/max-size");
    let cases = [
        ("identity-6144.json", "identity", 6_144),
        ("identity-wildcards-6144.json", "identity", 6_144),
        ("role-inline-10240.json", "identity", 10_240),
        ("boundary-6144.json", "boundary", 6_144),
        ("trust-2048.json", "trust", 2_048),
        ("scp-5120.json", "scp", 5_120),
    ];
    for (file, kind, quota) in cases {
        let path = dir.join(file);
        let path = path.to_str().unwrap();
        let quota_text = quota.to_string();
        let output = omen(&["lint", "--bench", "--iterations", "5", "--kind", kind, "--quota", &quota_text, path], "");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let line = report(&output);
        let chars = line["chars"].as_u64().unwrap();
        assert!(chars <= quota && chars * 100 >= quota * 95, "{file}: {chars} of {quota}");
        assert_eq!(line["iterations"], 5);
        assert!(line["p95Micros"].as_f64().unwrap() >= line["p50Micros"].as_f64().unwrap());
        // At AWS's maximum size and nothing more: the policy has no save-time error.
        let output = omen(&["lint", "--kind", kind, "--quota", &quota_text, path], "");
        assert!(output.status.success(), "{file}: {}", String::from_utf8_lossy(&output.stdout));
    }
}
