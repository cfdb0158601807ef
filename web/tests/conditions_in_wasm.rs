//! The corpus's numeric, date and ignore-case condition cases, decided in the browser's wasm:
//! there omen-core reads numbers with JavaScript's `parseFloat` and lowers case with its
//! `toLowerCase` (`condition::parse_number`, `condition::lowercase`), natively with Rust's own.
//! Each case states the decision AWS documents (`expect.decision`, "IAM JSON policy elements:
//! Condition operators").
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code: a panic is a failing test")]

use omen_core::{evaluate_case_text, OutcomeOptions};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! case {
    ($path:literal) => {
        ($path, include_str!(concat!("../../tests/corpus/", $path)))
    };
}

const CASES: [(&str, &str); 49] = [
    case!("conditions/date-epoch-policy-value-vs-iso-time.json"),
    case!("conditions/date-epochtime-key-with-iso-value.json"),
    case!("conditions/date-fractional-seconds.json"),
    case!("conditions/date-negative-offset-is-an-instant.json"),
    case!("conditions/date-offset-is-an-instant.json"),
    case!("conditions/date-offset-with-minutes-is-an-instant.json"),
    case!("conditions/date-only-policy-value.json"),
    case!("conditions/date-unparseable-request-value.json"),
    case!("conditions/date-window-two-operators.json"),
    case!("conditions/dateequals-epoch-policy-iso-request.json"),
    case!("conditions/dateequals.json"),
    case!("conditions/dategreaterthan-equal-instant-is-false.json"),
    case!("conditions/dategreaterthan-key-absent-for-long-term-keys.json"),
    case!("conditions/dategreaterthan-tokenissuetime.json"),
    case!("conditions/dategreaterthanequals-epoch.json"),
    case!("conditions/dategreaterthanequals-equal-instant-is-true.json"),
    case!("conditions/datelessthan-equal-instant-is-false.json"),
    case!("conditions/datelessthan-expired-window.json"),
    case!("conditions/datelessthanequals-boundary.json"),
    case!("conditions/datelessthanequals-equal-instant-in-a-deny.json"),
    case!("conditions/datenotequals-deny-key-absent-fires.json"),
    case!("conditions/datenotequals.json"),
    case!("conditions/numeric-decimal-just-above.json"),
    case!("conditions/numeric-decimal-value.json"),
    case!("conditions/numeric-equals-compares-numbers-not-text.json"),
    case!("conditions/numeric-ifexists-key-absent.json"),
    case!("conditions/numeric-json-number-in-policy.json"),
    case!("conditions/numeric-negative-values.json"),
    case!("conditions/numeric-non-numeric-request-value.json"),
    case!("conditions/numericequals.json"),
    case!("conditions/numericgreaterthan-boundary.json"),
    case!("conditions/numericgreaterthan-equal-value-is-false.json"),
    case!("conditions/numericgreaterthanequals-equal-value-is-true.json"),
    case!("conditions/numericgreaterthanequals.json"),
    case!("conditions/numericlessthan-equal-value-is-false.json"),
    case!("conditions/numericlessthan.json"),
    case!("conditions/numericlessthanequals-boundary.json"),
    case!("conditions/numericlessthanequals-equal-value-in-a-deny.json"),
    case!("conditions/numericlessthanequals-over-limit.json"),
    case!("conditions/numericnotequals-deny-key-absent-fires.json"),
    case!("conditions/numericnotequals.json"),
    case!("conditions/stringequalsignorecase-department-tags.json"),
    case!("conditions/stringequalsignorecase-match.json"),
    case!("conditions/stringequalsignorecase-one-tag-missing.json"),
    case!("conditions/stringequalsignorecase-wrong-account.json"),
    case!("conditions/stringnotequalsignorecase-deny-fires-on-other-value.json"),
    case!("conditions/stringnotequalsignorecase-deny-not-triggered.json"),
    case!("policy-variables/variable-in-numeric-condition-is-literal.json"),
    case!("policy-variables/variable-value-ignorecase.json"),
];

#[wasm_bindgen_test]
fn condition_cases_decide_as_aws_documents_in_wasm() {
    let mut failures = Vec::new();
    for (name, text) in CASES {
        let case: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        let expected = case["expect"]["decision"].as_str().unwrap_or_else(|| panic!("{name}: no expect.decision"));
        let outcome = evaluate_case_text(text, OutcomeOptions::default());
        if outcome.decision_name() != expected {
            failures.push(format!("{name}: expected {expected}, got {}", outcome.decision_name()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
