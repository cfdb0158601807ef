//! Snapshot tests of diagnostics as people read them: each policy under `tests/diagnostics/`
//! is parsed and its diagnostics rendered, in English then in Japanese, with their source line
//! and underline, compared with the `.snap` file beside it. `OMEN_BLESS=1 cargo test -p omen-core --test diagnostics` rewrites
//! the snapshots; any other value of `OMEN_BLESS` (`0`, `true`, empty) compares them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code: a panic is a failing test")]

use omen_core::{parse_policy, render_with_source, Lang, PolicyKind};
use std::path::Path;

/// Only `OMEN_BLESS=1` rewrites snapshots: a leftover `OMEN_BLESS=0` must not bless silently.
fn bless_requested(value: Option<&str>) -> bool {
    value == Some("1")
}

#[test]
fn only_omen_bless_1_rewrites_snapshots() {
    for (value, bless) in
        [(Some("1"), true), (Some("0"), false), (Some(""), false), (Some("true"), false), (None, false)]
    {
        assert_eq!(bless_requested(value), bless, "OMEN_BLESS={value:?}");
    }
}

#[test]
fn every_snapshot_has_its_policy() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/diagnostics");
    let orphans: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "snap" || e == "kind") && !p.with_extension("json").exists())
        .collect();
    assert!(orphans.is_empty(), "snapshots or kinds without their policy: {orphans:?}");
}

#[test]
fn rendered_diagnostics_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/diagnostics");
    let bless = bless_requested(std::env::var("OMEN_BLESS").ok().as_deref());
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "expected the diagnostics fixtures in {}", dir.display());
    let mut mismatches = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = match std::fs::read_to_string(path.with_extension("kind")).unwrap_or_default().trim() {
            "trust" => PolicyKind::Trust,
            "resource" => PolicyKind::Resource,
            _ => PolicyKind::Identity,
        };
        let parsed = parse_policy(&text, kind);
        assert!(!parsed.diagnostics.is_empty(), "{} produced no diagnostic", path.display());
        // Each diagnostic as English and Japanese readers see it.
        let rendered: Vec<String> = parsed
            .diagnostics
            .iter()
            .flat_map(|d| [Lang::En, Lang::Ja].map(|lang| render_with_source(d, &text, lang)))
            .collect();
        let rendered = rendered.join("\n\n") + "\n";
        let snapshot = path.with_extension("snap");
        if bless {
            std::fs::write(&snapshot, &rendered).unwrap();
        } else if std::fs::read_to_string(&snapshot).unwrap_or_default() != rendered {
            mismatches.push(format!("{}:\n{rendered}", path.display()));
        }
    }
    assert!(
        mismatches.is_empty(),
        "snapshots differ (rerun with OMEN_BLESS=1 after checking):\n{}",
        mismatches.join("\n")
    );
}
