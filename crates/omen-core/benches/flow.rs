//! Criterion benchmarks of flows: every preset played as the page plays it on a keystroke
//! (`play_without_fixes`) and with its verified fixes (`play`, which replays the world once per
//! candidate change).

#![expect(clippy::unwrap_used, reason = "benchmark set-up: a preset that does not read is a failing benchmark")]

use criterion::{criterion_group, criterion_main, Criterion};
use omen_core::flow::{play, play_without_fixes, presets, World};
use std::hint::black_box;

fn bench_presets(c: &mut Criterion) {
    let worlds: Vec<World> = presets().iter().map(|p| World::from_json(p.world_json).unwrap()).collect();
    c.bench_function("flow: every preset, keystroke path (no fixes)", |b| {
        b.iter(|| {
            for world in &worlds {
                black_box(play_without_fixes(black_box(world)));
            }
        })
    });
    c.bench_function("flow: every preset with verified fixes", |b| {
        b.iter(|| {
            for world in &worlds {
                black_box(play(black_box(world)));
            }
        })
    });
}

criterion_group!(benches, bench_presets);
criterion_main!(benches);
