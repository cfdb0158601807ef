//! `World::from_value` and `World::to_value` (the page's small reader and writer) against serde's
//! derived `Deserialize` (read from the same `serde_json::Value`) and `Serialize`: on every JSON
//! value anywhere in the repository's stories, scenarios, corpus, reach and import fixtures,
//! lessons, challenges and solutions, and on every world among them with each of its values
//! replaced by one of a set of odd values (wrong types, nulls, arrays for structs, floats and
//! numbers past `i64`), both must read the same world or fail with the same message, and write
//! every world they read as the same JSON.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test code: a panic is a failing test")]

use omen_core::flow::{presets, World};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn same(value: &Value, what: &str) {
    let derived = serde_json::from_value::<World>(value.clone());
    let read = World::from_value(value);
    match (derived, read) {
        (Ok(derived), Ok(read)) => {
            assert_eq!(read, derived, "{what}");
            // And written back: what the derived `Serialize` writes, the same text.
            let written = serde_json::to_value(&read).unwrap();
            assert_eq!(read.to_value().to_string(), written.to_string(), "{what} written");
        }
        (Err(derived), Err(read)) => assert_eq!(read.to_string(), derived.to_string(), "{what}"),
        (derived, read) => panic!("{what}: serde read {derived:?}, World::from_value read {read:?}"),
    }
}

/// Every value inside `value` (itself included), with its JSON pointer.
fn nodes<'v>(value: &'v Value, pointer: String, out: &mut Vec<(String, &'v Value)>) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                nodes(item, format!("{pointer}/{index}"), out);
            }
        }
        Value::Object(entries) => {
            for (key, item) in entries {
                nodes(item, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
    out.push((pointer, value));
}

fn is_world(value: &Value) -> bool {
    ["accounts", "users", "roles", "action"].iter().any(|key| value.get(key).is_some())
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
}

/// Whether `pointer` goes inside a value both readers take as a whole (a policy document, claims,
/// a request context): a change there cannot make them differ, so the mutations skip it.
fn inside_free_form(pointer: &str) -> bool {
    let keys = ["document", "policy", "trustPolicy", "resourcePolicy", "sessionPolicy", "claims", "context"];
    let mut segments = pointer.split('/').skip(1).peekable();
    while let Some(segment) = segments.next() {
        if keys.contains(&segment) && segments.peek().is_some() {
            return true;
        }
    }
    false
}

/// The values a mutation puts in place of one value of a world.
fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!("x"),
        json!([]),
        json!([null]),
        json!(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"]),
        json!({}),
        json!({"unknown": 1}),
    ]
}

/// The worlds of the repository: the stories, then every JSON file of the directories that hold
/// worlds or request cases.
fn repository_values() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut values: Vec<(String, Value)> = presets()
        .iter()
        .map(|preset| (format!("story {}", preset.id), serde_json::from_str(preset.world_json).unwrap()))
        .collect();
    let mut files = Vec::new();
    for dir in ["tests/scenarios", "tests/reach", "tests/corpus", "tests/import", "tests/diagnostics", "workshop"] {
        json_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 500, "the repository's JSON files were not found under {}", root.display());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        if let Ok(value) = serde_json::from_str(&text) {
            values.push((file.display().to_string(), value));
        }
    }
    values
}

#[test]
fn reads_every_value_of_the_repository_as_serde_does() {
    let values = repository_values();
    let mut worlds = 0;
    for (name, value) in &values {
        let mut all = Vec::new();
        nodes(value, String::new(), &mut all);
        for (pointer, node) in all {
            same(node, &format!("{name} at `{pointer}`"));
            worlds += usize::from(is_world(node) && World::from_value(node).is_ok());
        }
    }
    assert!(worlds > 200, "only {worlds} worlds read");
}

#[test]
fn reads_every_world_with_one_odd_value_as_serde_does() {
    let odd = odd_values();
    let mut mutated = 0;
    for (name, value) in repository_values() {
        let mut all = Vec::new();
        nodes(&value, String::new(), &mut all);
        let worlds: Vec<_> = all.into_iter().filter(|(_, node)| is_world(node)).map(|(p, n)| (p, n.clone())).collect();
        for (at, world) in worlds {
            let mut inner = Vec::new();
            nodes(&world, String::new(), &mut inner);
            let pointers: Vec<String> = inner
                .into_iter()
                .map(|(pointer, _)| pointer)
                .filter(|pointer| !pointer.is_empty() && !inside_free_form(pointer))
                .collect();
            for pointer in pointers {
                for replacement in &odd {
                    let mut changed = world.clone();
                    if let Some(slot) = changed.pointer_mut(&pointer) {
                        *slot = replacement.clone();
                    }
                    same(&changed, &format!("{name} at `{at}`, `{pointer}` = {replacement}"));
                    mutated += 1;
                }
            }
        }
    }
    assert!(mutated > 10_000, "only {mutated} mutated worlds");
    eprintln!("{mutated} mutated worlds read alike");
}

/// serde's derived reader takes a struct from an array too, field by field in declaration order.
#[test]
fn reads_structs_given_as_arrays_as_serde_does() {
    let cases = [
        json!(["w", "2024-05-01T12:00:00Z", [["111122223333", "dev"]], [["arn:aws:iam::111122223333:user/a"]]]),
        json!([null, null, [], [], [[null, "111122223333", "R", "/", "{}", [], null, {"k": "v"}, 3600, true]]]),
        json!({"action": [null, ["arn:aws:iam::111122223333:user/a", "arn:aws:iam::111122223333:role/R"]]}),
        json!({"action": {"assumeRole": {"role": "r", "mfa": ["arn:aws:iam::111122223333:mfa/a", "123456"]}}}),
        json!({"action": {"assumeRole": {"role": "r", "mfa": ["a", "b", "c"]}}}),
        json!({"roles": [{"maxSessionDuration": 9_223_372_036_854_775_807_i64}]}),
        json!({"roles": [{"maxSessionDuration": -7}]}),
        json!({"action": {"assumeRoleWithSaml": {"claims": null}}}),
        json!({"action": {"assumeRoleWithWebIdentity": {"github": ["o/r", null, "prod"]}}}),
        json!([]),
        json!(["a", "b", [], [], [], null, "extra"]),
    ];
    for case in cases {
        same(&case, &case.to_string());
    }
}
