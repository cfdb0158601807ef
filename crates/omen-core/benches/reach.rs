//! Criterion benchmarks of the reach analysis on a generated account of 500 users, 500 roles and
//! 1,000 policies (issue 13: under 200 ms natively): who can assume or pass one role, what one
//! principal can reach, and reading the world.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use criterion::{criterion_group, criterion_main, Criterion};
use omen_core::reach::{self, synthetic, world_view::View};
use std::hint::black_box;

fn bench_reach(c: &mut Criterion) {
    let world = synthetic::account(500, 500, 1_000);
    let role = synthetic::role_arn(7);
    let user = synthetic::user_arn(5);
    let view = View::new(&world);
    let who = reach::who_can_in(&view, &role).unwrap();
    let reached = reach::reach_in(&view, &user).unwrap();
    eprintln!(
        "generated account: who-can {role}: {} may assume, {} may pass; reach {user}: {} role(s), admin {}",
        who.can_assume.len(),
        who.can_pass.len(),
        reached.reaches.len(),
        reached.admin
    );
    // CPU time of this thread (utime + stime from /proc, 10 ms ticks), which the other jobs on a
    // shared machine do not inflate as they do wall time; averaged over enough runs.
    let cpu = || -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
        Some(ticks * 10.0)
    };
    let runs = 20;
    let per_run = |f: &dyn Fn()| -> Option<f64> {
        let start = cpu()?;
        for _ in 0..runs {
            f();
        }
        Some((cpu()? - start) / f64::from(runs))
    };
    let figures = [
        ("read the world", per_run(&|| drop(black_box(View::new(&world))))),
        ("who-can one role, world read included", per_run(&|| drop(black_box(reach::who_can(&world, &role))))),
        ("reach one principal, world read included", per_run(&|| drop(black_box(reach::reach(&world, &user))))),
        ("who-can one role, world read once", per_run(&|| drop(black_box(reach::who_can_in(&view, &role))))),
        ("reach one principal, world read once", per_run(&|| drop(black_box(reach::reach_in(&view, &user))))),
    ];
    for (name, ms) in figures {
        match ms {
            Some(ms) => eprintln!("cpu time per run ({runs} runs): {name}: {ms:.1} ms"),
            None => eprintln!("cpu time: /proc/thread-self/stat not readable"),
        }
    }
    // `OMEN_REACH_ORG=50`: an organization of that many such accounts, once (issue 13: 50 accounts
    // natively under a minute), with CPU time and the peak resident memory.
    if let Some(count) = std::env::var("OMEN_REACH_ORG").ok().and_then(|n| n.parse::<usize>().ok()) {
        let start = cpu();
        let org = synthetic::organization(count, 500, 500, 1_000);
        let built = cpu();
        let org_view = View::new(&org);
        let read = cpu();
        let who = reach::who_can_in(&org_view, &role).unwrap();
        let asked = cpu();
        let reached = reach::reach_in(&org_view, &user).unwrap();
        let done = cpu();
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM")).map(str::to_string))
            .unwrap_or_default();
        if let (Some(start), Some(built), Some(read), Some(asked), Some(done)) = (start, built, read, asked, done) {
            eprintln!(
                "organization of {count} accounts ({} users, {} roles): generate {:.0} ms, read {:.0} ms, who-can {:.0} ms ({} may assume), reach {:.0} ms ({} roles); {peak}",
                org.users.len(),
                org.roles.len(),
                built - start,
                read - built,
                asked - read,
                who.can_assume.len(),
                done - asked,
                reached.reaches.len()
            );
        }
    }
    let mut group = c.benchmark_group("reach (500 users, 500 roles, 1000 policies)");
    group.sample_size(10);
    group.bench_function("read the world (View::new)", |b| b.iter(|| View::new(black_box(&world))));
    group.bench_function("who-can one role (world read included)", |b| {
        b.iter(|| reach::who_can(black_box(&world), black_box(&role)).unwrap())
    });
    group.bench_function("reach one principal (world read included)", |b| {
        b.iter(|| reach::reach(black_box(&world), black_box(&user)).unwrap())
    });
    group.bench_function("who-can one role (world read once)", |b| {
        b.iter(|| reach::who_can_in(black_box(&view), black_box(&role)).unwrap())
    });
    group.bench_function("reach one principal (world read once)", |b| {
        b.iter(|| reach::reach_in(black_box(&view), black_box(&user)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_reach);
criterion_main!(benches);
