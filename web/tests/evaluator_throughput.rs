//! The browser timing harness: omen-core's evaluator, compiled to wasm, on the same cases
//! `omen bench` reads (`tests/bench/cases.json`), timed with `performance.now()` in headless
//! Chromium. Prints evaluations per second as one JSON line per case (`scripts/bench`
//! reads them) and fails below the wasm floor each case states beside it (`"floors": {"wasm": N}`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code: a panic is a failing test")]

use omen_core::{evaluate, read_cases, Case};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).expect("performance.now")
}

#[wasm_bindgen_test]
fn evaluator_throughput_in_wasm() {
    let cases = read_cases(include_str!("../../tests/bench/cases.json"));
    assert!(!cases.is_empty());
    for value in cases.into_iter().flatten() {
        let case = Case::from_json(&value).expect("a bench case");
        let floor =
            value["floors"]["wasm"].as_f64().unwrap_or_else(|| panic!("{}: no wasm floor beside the case", case.name));
        for _ in 0..200 {
            std::hint::black_box(evaluate(&case.request, &case.policies));
        }
        // Up to five rounds of 300 ms, the best counting: other processes can only slow one down.
        let mut best = 0.0_f64;
        for _ in 0..5 {
            let started = now_ms();
            let mut evaluations = 0u32;
            while now_ms() - started < 300.0 {
                for _ in 0..64 {
                    std::hint::black_box(evaluate(std::hint::black_box(&case.request), &case.policies));
                }
                evaluations += 64;
            }
            best = best.max(f64::from(evaluations) / ((now_ms() - started) / 1000.0));
            if best >= floor {
                break;
            }
        }
        let decision = evaluate(&case.request, &case.policies).decision;
        let line = serde_json::json!({ "name": case.name, "decision": decision, "evalsPerSec": best.round() });
        console_log!("wasm evaluator: {line}");
        assert!(best >= floor, "{}: {best:.0} evals/s in wasm is under its floor of {floor:.0}", case.name);
    }
}
