//! Criterion benchmarks: evaluations per second on the cases in `tests/bench/cases.json` (the
//! same cases `omen bench` reads), and the linear-time wildcard matcher on a pathological pattern.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use omen_core::{evaluate, read_cases, Case};
use std::hint::black_box;

fn bench_cases(c: &mut Criterion) {
    let text = include_str!("../../../tests/bench/cases.json");
    let mut group = c.benchmark_group("evaluate");
    group.throughput(Throughput::Elements(1));
    for value in read_cases(text).into_iter().flatten() {
        let Ok(case) = Case::from_json(&value) else { continue };
        group.bench_function(case.name.clone(), |b| {
            b.iter(|| evaluate(black_box(&case.request), black_box(&case.policies)))
        });
    }
    group.finish();
}

fn bench_wildcards(c: &mut Criterion) {
    // 10 KB of `*a*a*…` against 10 KB of text that almost matches.
    let pattern = "*a".repeat(5_000);
    let text = "a".repeat(9_999) + "b";
    c.bench_function("wildcard: 10 KB *a*a* pattern vs 10 KB text", |b| {
        b.iter(|| omen_core::glob_match(black_box(&pattern), black_box(&text)))
    });
    let segment = format!("*{}b*", "a?".repeat(2_500));
    c.bench_function("wildcard: 5 KB segment with ? vs 10 KB text", |b| {
        b.iter(|| omen_core::glob_match(black_box(&segment), black_box(&text)))
    });
}

criterion_group!(benches, bench_cases, bench_wildcards);
criterion_main!(benches);
