//! Policy documents printed the way AWS's own documents print them: four-space indentation,
//! elements in AWS's order (`Version`, `Statement`; `Sid`, `Effect`, `Principal`, `Action`,
//! `Resource`, `Condition`), so that a document given as a JSON object reads like one typed.

use serde_json::{Map, Value};

/// The order AWS's own documents use for policy elements; other keys follow alphabetically.
const ELEMENT_ORDER: [&str; 12] = [
    "Version",
    "Id",
    "Statement",
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// Print a policy (or any JSON value) with four-space indentation, policy elements in AWS's
/// order, and short arrays of strings on one line each.
pub fn pretty_policy(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

/// Print a policy on one line, elements in AWS's order.
pub fn compact_policy(value: &Value) -> String {
    let mut out = String::new();
    write_compact(&mut out, value);
    out
}

fn ordered_keys(map: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = map.keys().collect();
    crate::sort::sort_by_key(&mut keys, |k| {
        (ELEMENT_ORDER.iter().position(|e| e == k).unwrap_or(ELEMENT_ORDER.len()), *k)
    });
    keys
}

fn write_compact(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (i, key) in ordered_keys(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(inner) = map.get(key) {
                    write_compact(out, inner);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(out, item);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn write_value(out: &mut String, value: &Value, indent: usize) {
    let pad = |level: usize| "    ".repeat(level);
    match value {
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            let keys = ordered_keys(map);
            out.push_str("{\n");
            for (i, key) in keys.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push_str(": ");
                if let Some(inner) = map.get(*key) {
                    write_value(out, inner, indent + 1);
                }
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                write_value(out, item, indent + 1);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}
