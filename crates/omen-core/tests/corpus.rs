//! Runs every request case under `tests/corpus/` and checks its decision, deciding statements and (where a case quotes it) AWS's AccessDenied text.
//!
//! Each case names the AWS page it comes from (`source`); the expectations follow AWS's
//! documented behaviour, written independently of this evaluator.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use omen_core::{evaluate_case_text, OutcomeOptions};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            case_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// `trust` policies are the role's resource-based policy: the corpus may call them either.
fn normalize_type(policy_type: &str) -> String {
    if policy_type == "trust" {
        "resource".into()
    } else {
        policy_type.to_string()
    }
}

fn statement_keys(items: &[Value]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|item| {
            let policy_type = normalize_type(item.get("policyType").and_then(Value::as_str).unwrap_or_default());
            let sid = item.get("sid").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| {
                format!("#{}", item.get("statementIndex").and_then(Value::as_u64).unwrap_or_default())
            });
            (policy_type, sid)
        })
        .collect()
}

#[test]
fn corpus_cases_match_aws_documented_decisions() {
    let mut files = Vec::new();
    case_files(&corpus_dir(), &mut files);
    let mut failures = Vec::new();
    let mut checked_statements = 0;
    for file in &files {
        let name = file.strip_prefix(corpus_dir()).unwrap_or(file).display().to_string();
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let case: Value = match serde_json::from_str(&text) {
            Ok(case) => case,
            Err(error) => {
                failures.push(format!("{name}: not JSON: {error}"));
                continue;
            }
        };
        let expect = case.get("expect").cloned().unwrap_or(Value::Null);
        // The file's text, not the parsed value: a duplicated key in a policy must reach the parser.
        let mut checks = vec![(expect.clone(), OutcomeOptions::default(), "")];
        // `ifEvaluated`: what the evaluation says when a policy AWS would refuse is evaluated anyway.
        if let Some(if_evaluated) = expect.get("ifEvaluated") {
            checks.push((
                if_evaluated.clone(),
                OutcomeOptions { evaluate_invalid: true, ..OutcomeOptions::default() },
                " (evaluated anyway)",
            ));
        }
        for (expect, options, label) in checks {
            let outcome = evaluate_case_text(&text, options);
            let expected_decision = expect.get("decision").and_then(Value::as_str).unwrap_or("<missing>");
            if outcome.decision_name() != expected_decision {
                failures.push(format!(
                    "{name}{label}: expected {expected_decision}, got {} ({})\n    {}",
                    outcome.decision_name(),
                    case.get("source").and_then(Value::as_str).unwrap_or("no source"),
                    outcome.error().map(|e| e.message()).unwrap_or_else(|| outcome.explanation().join("\n    "))
                ));
                continue;
            }
            // The AccessDenied text, where a case quotes AWS's ("Troubleshoot access denied error messages").
            let message = outcome.access_denied_message().unwrap_or_default();
            if let Some(wanted) = expect.get("accessDeniedMessage").and_then(Value::as_str) {
                if message != wanted {
                    failures.push(format!("{name}{label}: access denied message expected `{wanted}`, got `{message}`"));
                }
            }
            if let Some(wanted) = expect.get("accessDeniedMessageContains").and_then(Value::as_str) {
                if !message.contains(wanted) {
                    failures.push(format!(
                        "{name}{label}: access denied message should contain `{wanted}`, got `{message}`"
                    ));
                }
            }
            if let Some(Value::Array(expected)) = expect.get("decidingStatements") {
                checked_statements += 1;
                let actual = serde_json::to_value(outcome.deciding_statements()).unwrap_or(Value::Null);
                let actual = statement_keys(actual.as_array().map(Vec::as_slice).unwrap_or_default());
                let expected = statement_keys(expected);
                if actual != expected {
                    failures.push(format!("{name}{label}: deciding statements expected {expected:?}, got {actual:?}"));
                }
            }
            // `diagnostics`: codes that must be among the case's diagnostics.
            if let Some(Value::Array(codes)) = expect.get("diagnostics") {
                let found: BTreeSet<&str> = outcome.diagnostics().iter().map(|d| d.diagnostic.code).collect();
                for code in codes.iter().filter_map(Value::as_str) {
                    if !found.contains(code) {
                        failures.push(format!("{name}{label}: expected diagnostic `{code}`, found {found:?}"));
                    }
                }
            }
            // `error`: words the error message must contain (AWS's error code, its message, the policy).
            if let Some(Value::Array(words)) = expect.get("error") {
                let message = outcome.error().map(|e| e.message()).unwrap_or_default();
                for word in words.iter().filter_map(Value::as_str) {
                    if !message.contains(word) {
                        failures.push(format!("{name}{label}: the error `{message}` does not say `{word}`"));
                    }
                }
            }
        }
    }
    println!("corpus: {} cases, {} with deciding statements checked", files.len(), checked_statements);
    assert!(files.len() >= 200, "the corpus should hold at least 200 cases, found {}", files.len());
    assert!(failures.is_empty(), "{} of {} corpus cases failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}
