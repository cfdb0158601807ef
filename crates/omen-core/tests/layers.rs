//! The house's layer order, enforced: every module of omen-core sits at a place in [`LAYERS`]
//! (written down in ARCHITECTURE.md), and no module may name one above it — neither in a `use`
//! line nor inline as `crate::…` or `super::…`. Import circles cannot grow back.
//!
//! A new module gets a place in the list where its imports allow; a known exception is listed in
//! [`EXCEPTIONS`] until it is removed, and the test fails once it is no longer needed.

use std::path::{Path, PathBuf};

/// Omen-core's modules from the bottom up. A module may use those before it (and its own
/// children, which come before it); a child not listed takes its parent's place.
const LAYERS: &[&str] = &[
    // One compiled stable sort for every element type (the page's wasm carries one copy).
    "sort",
    // Words' containers, ranges, identifiers, patterns.
    "lang",
    "diagnostics",
    "arn",
    "matching",
    "suggest",
    // The request and the policy language.
    "context",
    "variables",
    "policy",
    "condition",
    "parse",
    "principal",
    // AWS's vocabulary (catalogues given as text) and the findings read from it beside the parse.
    "vocabulary",
    "lint",
    // One request decided.
    "evaluate",
    "clock",
    // The world: wire model, walker, parsed world.
    "world::print",
    "world::wire",
    "world::value",
    "world::scenario",
    "world::documents",
    "world::parsed",
    "world",
    // Edits of a world's JSON that keep it consistent (the web's world builder): JSON only.
    "world_edit",
    // Pure checks.
    "sts::catalogue",
    "sts::message",
    "sts::policy_set",
    "sts::evaluation",
    "sts::caller",
    "sts::validate",
    "sts::session",
    "sts::api",
    "sts::pass_role",
    "sts::assume_role",
    "sts::cloudtrail",
    "sts",
    // The account-wide questions (who can assume or pass a role, what a principal reaches) over
    // the pure checks.
    "reach::families",
    "reach::conditions",
    "reach::world_view",
    "reach::synthetic",
    "reach",
    // A flow's result, as data (facts included), below the words that render it.
    "flow::note",
    "flow::result",
    "flow::hints",
    // All words.
    "explain::evaluation",
    "explain::flow",
    "explain::text",
    "explain",
    // Request cases (the CLI's input format).
    "case",
    // Flows: the run, the stories, the fix search, the presets, the front door.
    "flow::edit",
    "flow::play",
    "flow::steps::session",
    "flow::steps::pass_role",
    "flow::steps::assume_role",
    "flow::steps::federated",
    "flow::steps",
    "flow::fix",
    "flow::presets",
    "flow",
    // What sits beside the flows and uses them: reading AWS CLI exports into worlds, workshop mode.
    "import",
    "workshop",
    // The crate root.
    "",
];

/// Known upward imports, each with the reason it is still there: `(importer, imported)`.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/flow/steps/mod.rs` → `flow::steps`; `src/lib.rs` → ``.
fn module_of(file: &Path) -> String {
    let relative = file.strip_prefix(source_root()).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|last| last == "mod" || last == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The place of `module` in [`LAYERS`]: its own, or its nearest listed ancestor's.
fn rank(module: &str) -> Option<usize> {
    let mut candidate = module.to_string();
    loop {
        if let Some(position) = LAYERS.iter().position(|m| *m == candidate) {
            return Some(position);
        }
        match candidate.rsplit_once("::") {
            Some((parent, _)) => candidate = parent.to_string(),
            // A top-level module that is not listed has no place (the crate root is not its parent).
            None => return None,
        }
    }
}

/// The listed module a path inside the crate names: the longest listed prefix of `crate::a::b::c`.
fn named_module(path: &[&str]) -> String {
    (0..=path.len())
        .rev()
        .map(|n| path.get(..n).unwrap_or_default().join("::"))
        .find(|candidate| LAYERS.contains(&candidate.as_str()))
        .unwrap_or_default()
}

/// Every module path a file names: `crate::x::y` anywhere in its code, `super::x` in its `use`
/// lines, resolved against the file's own module. Comments and `#[cfg(test)]` modules are left
/// out: tests may use anything.
fn imports(file: &Path, module: &str) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    for (number, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or_default();
        for (marker, relative) in [("crate::", false), ("super::", true)] {
            for (at, _) in line.match_indices(marker) {
                let before = line.get(..at).and_then(|b| b.chars().last());
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let rest = line.get(at + marker.len()..).unwrap_or_default();
                let segments: Vec<&str> = rest
                    .split("::")
                    .map(|s| s.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default())
                    .take_while(|s| !s.is_empty() && s.chars().next().is_some_and(|c| c.is_lowercase()))
                    .collect();
                let mut path: Vec<&str> = Vec::new();
                if relative {
                    // `super` of module `a::b` is `a`, whether `b` is `b.rs` or `b/mod.rs`.
                    let base: Vec<&str> = module.split("::").filter(|s| !s.is_empty()).collect();
                    path.extend(base.get(..base.len().saturating_sub(1)).unwrap_or_default());
                }
                path.extend(segments);
                found.push((number + 1, named_module(&path)));
            }
        }
    }
    found
}

#[test]
fn no_module_imports_one_above_it() {
    let mut files = Vec::new();
    rust_files(&source_root(), &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut used_exceptions = vec![false; EXCEPTIONS.len()];
    for file in &files {
        let module = module_of(file);
        let Some(own) = rank(&module) else {
            problems.push(format!(
                "`{module}` ({}) has no place in the layer order: add it to LAYERS in tests/layers.rs and to ARCHITECTURE.md",
                file.display()
            ));
            continue;
        };
        for (line, imported) in imports(file, &module) {
            let Some(theirs) = rank(&imported) else { continue };
            if theirs <= own {
                continue;
            }
            if let Some(index) = EXCEPTIONS.iter().position(|(a, b, _)| *a == module && *b == imported) {
                if let Some(used) = used_exceptions.get_mut(index) {
                    *used = true;
                }
                continue;
            }
            problems.push(format!(
                "{}:{line}: `{module}` uses `{imported}`, which is above it in the layer order",
                file.display()
            ));
        }
    }
    for ((importer, imported, _), used) in EXCEPTIONS.iter().zip(used_exceptions) {
        if !used {
            problems
                .push(format!("`{importer}` no longer uses `{imported}`: remove the exception from tests/layers.rs"));
        }
    }
    if !problems.is_empty() {
        panic!("{} layer problem(s):\n{}", problems.len(), problems.join("\n"));
    }
}

/// The checker itself: module names, ranks and path resolution, on known cases.
#[test]
fn reads_modules_and_paths() {
    let root = source_root();
    assert_eq!(module_of(&root.join("lib.rs")), "");
    assert_eq!(module_of(&root.join("flow/steps/mod.rs")), "flow::steps");
    assert_eq!(module_of(&root.join("flow/steps/pass_role.rs")), "flow::steps::pass_role");
    assert_eq!(named_module(&["sts", "Caller"]), "sts");
    assert_eq!(named_module(&["flow", "note", "FlowNote"]), "flow::note");
    assert_eq!(named_module(&["world", "wire", "World"]), "world::wire");
    assert!(rank("flow::note") < rank("explain"));
    assert!(rank("explain") < rank("flow::play"));
    assert!(rank("sts::caller") < rank("sts::session"));
    assert_eq!(rank("flow::steps::unlisted"), rank("flow::steps"));
    assert_eq!(rank("unlisted"), None);
    let layers = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ARCHITECTURE.md"))
        .unwrap_or_default();
    for module in LAYERS.iter().filter(|m| !m.is_empty()) {
        assert!(layers.contains(&format!("`{module}`")), "ARCHITECTURE.md does not name `{module}` in its layers");
    }
}
