//! The browser timing harness: omen-core's evaluator, compiled to wasm, on the same cases
//! `omen bench` reads (`tests/bench/cases.json`), timed with `performance.now()` in headless
//! Chromium. Prints evaluations per second and fails below the floors the README quotes.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code: a panic is a failing test")]

use omen_core::case::{read_cases, Case};
use omen_core::evaluate::evaluate;
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
        for _ in 0..200 {
            std::hint::black_box(evaluate(&case.request, &case.policies));
        }
        let started = now_ms();
        let mut evaluations = 0u32;
        while now_ms() - started < 300.0 {
            for _ in 0..64 {
                std::hint::black_box(evaluate(std::hint::black_box(&case.request), &case.policies));
            }
            evaluations += 64;
        }
        let per_second = f64::from(evaluations) / ((now_ms() - started) / 1000.0);
        console_log!("wasm evaluator: {:>10.0} evals/s  {}", per_second, case.name);
        // A keystroke re-evaluates a few requests: even the large case must take well under a frame.
        assert!(per_second > 2_000.0, "{}: {per_second:.0} evals/s is too slow for a 16 ms frame", case.name);
    }
}
