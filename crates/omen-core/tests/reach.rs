//! The reach test worlds of `tests/reach/`: one per escalation family, each answered by
//! `omen_core::reach` and compared with the expectation written in the file, then its negative
//! twin (the same world with one thing changed) and the twin's expectation.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use omen_core::flow::World;
use omen_core::reach;
use serde_json::{json, Value};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/reach")
}

/// Apply RFC 6902 `add`, `replace` and `remove` operations (`/-` appends).
fn patch(world: &mut Value, operations: &[Value]) {
    for operation in operations {
        let path = operation["path"].as_str().unwrap();
        let (parent, last) = path.rsplit_once('/').unwrap();
        let last = last.replace("~1", "/").replace("~0", "~");
        let target = world.pointer_mut(parent).unwrap_or_else(|| panic!("no `{parent}`"));
        match (operation["op"].as_str().unwrap(), target) {
            ("remove", Value::Array(items)) => {
                items.remove(last.parse::<usize>().unwrap());
            }
            ("remove", Value::Object(map)) => {
                map.remove(&last).unwrap();
            }
            ("add", Value::Array(items)) if last == "-" => items.push(operation["value"].clone()),
            ("add" | "replace", Value::Array(items)) => {
                items[last.parse::<usize>().unwrap()] = operation["value"].clone()
            }
            ("add" | "replace", Value::Object(map)) => {
                map.insert(last, operation["value"].clone());
            }
            (op, target) => panic!("cannot `{op}` at `{path}` in {target}"),
        }
    }
}

fn keys(conditions: &Value) -> Vec<String> {
    let mut keys: Vec<String> =
        conditions.as_array().into_iter().flatten().map(|c| c["key"].as_str().unwrap().to_string()).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The answer, cut down to what the expectations state.
fn answer(world: &Value, question: &Value, expect: &Value) -> Value {
    let world = World::from_json(&world.to_string()).unwrap();
    if let Some(principal) = question["reach"].as_str() {
        let answer = reach::reach_json(&reach::reach(&world, principal).unwrap());
        let with_keys = expect["reaches"].as_array().unwrap().iter().any(|r| r.get("conditionKeys").is_some());
        let mut reaches: Vec<Value> = answer["reaches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let path = r["path"].as_array().unwrap();
                let mut out = json!({
                    "role": r["role"],
                    "via": path.iter().map(|h| h["via"].clone()).collect::<Vec<_>>(),
                    "conditional": r["conditional"],
                });
                if with_keys {
                    let all: Vec<Value> =
                        path.iter().flat_map(|h| h["conditions"].as_array().unwrap().clone()).collect();
                    out["conditionKeys"] = json!(keys(&Value::Array(all)));
                }
                out
            })
            .collect();
        reaches.sort_by_key(|r| r["role"].to_string());
        json!({"reaches": reaches, "admin": answer["admin"]})
    } else {
        let role = question["whoCan"].as_str().unwrap();
        let answer = reach::who_can_json(&reach::who_can(&world, role).unwrap());
        let mut assume: Vec<Value> = answer["canAssume"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json!({"principal": c["principal"], "conditional": c["conditional"], "conditionKeys": keys(&c["conditions"])}))
            .collect();
        assume.sort_by_key(|c| c["principal"].to_string());
        let mut pass: Vec<Value> = answer["canPass"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json!({"principal": c["principal"], "services": c["services"], "usefulServices": c["usefulServices"]}))
            .collect();
        pass.sort_by_key(|c| c["principal"].to_string());
        json!({"canAssume": assume, "canPass": pass})
    }
}

fn sorted(expect: &Value) -> Value {
    let mut expect = expect.clone();
    for (list, key) in [("reaches", "role"), ("canAssume", "principal"), ("canPass", "principal")] {
        if let Some(items) = expect.get_mut(list).and_then(Value::as_array_mut) {
            items.sort_by_key(|i| i[key].to_string());
        }
    }
    expect
}

#[test]
fn every_family_and_its_negative_twin() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "only {} reach worlds", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(case["cite"].as_str().is_some_and(|c| !c.is_empty()), "{name}: no cite");
        let twin = &case["twin"];
        assert!(twin["about"].as_str().is_some_and(|c| !c.is_empty()), "{name}: the twin says not what differs");
        let got = answer(&case["world"], &case["question"], &case["expect"]);
        if got != sorted(&case["expect"]) {
            failures.push(format!("{name}:\n  expected {}\n  got      {got}", sorted(&case["expect"])));
        }
        let mut world = case["world"].clone();
        patch(&mut world, twin["patch"].as_array().unwrap());
        assert_ne!(world, case["world"], "{name}: the twin is the same world");
        let got = answer(&world, &case["question"], &twin["expect"]);
        if got != sorted(&twin["expect"]) {
            failures.push(format!(
                "{name} (twin: {}):\n  expected {}\n  got      {got}",
                twin["about"],
                sorted(&twin["expect"])
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} worlds differ:\n{}", failures.len(), files.len() * 2, failures.join("\n"));
}
