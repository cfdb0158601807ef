//! JSON Patch (RFC 6902) `add`, `replace` and `remove` on a world: how lesson and challenge files
//! write a solution as an edit of the starting world.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a patch operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PatchKind {
    /// Add a member, or insert into an array (`-` appends).
    Add,
    /// Replace what is there.
    Replace,
    /// Remove what is there.
    Remove,
}

/// One JSON Patch operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchOp {
    /// `add`, `replace` or `remove`.
    pub op: PatchKind,
    /// A JSON pointer (RFC 6901).
    pub path: String,
    /// The value, for `add` and `replace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// Split a JSON pointer into its parent and its last token, unescaped.
fn split(path: &str) -> Result<(&str, String), String> {
    let cut = path.rfind('/').ok_or_else(|| format!("`{path}` is not a JSON pointer"))?;
    let parent = path.get(..cut).unwrap_or_default();
    let last = path.get(cut + 1..).unwrap_or_default().replace("~1", "/").replace("~0", "~");
    Ok((parent, last))
}

fn index(token: &str, len: usize, allow_end: bool, path: &str) -> Result<usize, String> {
    if allow_end && token == "-" {
        return Ok(len);
    }
    let parsed: usize = token.parse().map_err(|_| format!("`{token}` in `{path}` is not an array index"))?;
    let limit = if allow_end { len } else { len.saturating_sub(1) };
    if parsed > limit || (!allow_end && len == 0) {
        return Err(format!("`{path}` is past the end of its array"));
    }
    Ok(parsed)
}

/// Apply one operation to `target`.
pub fn apply_op(target: &mut Value, op: &PatchOp) -> Result<(), String> {
    let path = op.path.as_str();
    if path.is_empty() {
        return match (op.op, &op.value) {
            (PatchKind::Add | PatchKind::Replace, Some(value)) => {
                *target = value.clone();
                Ok(())
            }
            _ => Err("the whole document cannot be removed".into()),
        };
    }
    let (parent_path, last) = split(path)?;
    let parent = target.pointer_mut(parent_path).ok_or_else(|| format!("`{parent_path}` is not in the world"))?;
    let value = || op.value.clone().ok_or_else(|| format!("`{}` on `{path}` needs a `value`", kind_name(op.op)));
    match (parent, op.op) {
        (Value::Object(map), PatchKind::Add) => {
            map.insert(last, value()?);
        }
        (Value::Object(map), PatchKind::Replace) => {
            let slot = map.get_mut(&last).ok_or_else(|| format!("`{path}` is not in the world"))?;
            *slot = value()?;
        }
        (Value::Object(map), PatchKind::Remove) => {
            map.remove(&last).ok_or_else(|| format!("`{path}` is not in the world"))?;
        }
        (Value::Array(items), PatchKind::Add) => {
            let at = index(&last, items.len(), true, path)?;
            items.insert(at, value()?);
        }
        (Value::Array(items), PatchKind::Replace) => {
            let at = index(&last, items.len(), false, path)?;
            if let Some(slot) = items.get_mut(at) {
                *slot = value()?;
            }
        }
        (Value::Array(items), PatchKind::Remove) => {
            let at = index(&last, items.len(), false, path)?;
            items.remove(at);
        }
        _ => return Err(format!("`{parent_path}` holds neither an object nor an array")),
    }
    Ok(())
}

fn kind_name(kind: PatchKind) -> &'static str {
    match kind {
        PatchKind::Add => "add",
        PatchKind::Replace => "replace",
        PatchKind::Remove => "remove",
    }
}

/// Apply `ops` in order to a copy of `world`; the first failing operation says why.
pub fn apply(world: &Value, ops: &[PatchOp]) -> Result<Value, String> {
    let mut out = world.clone();
    for (i, op) in ops.iter().enumerate() {
        apply_op(&mut out, op).map_err(|e| format!("operation {i}: {e}"))?;
    }
    // An AWS managed policy the patch attaches by ARN, filled in as the page fills it in.
    super::managed::attach_all(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(text: Value) -> PatchOp {
        serde_json::from_value(text).unwrap()
    }

    /// RFC 6902's own examples (appendix A), adapted: (document, operation, result).
    #[test]
    fn applies_the_rfc_examples() {
        let cases = [
            (
                json!({"foo": "bar"}),
                json!({"op": "add", "path": "/baz", "value": "qux"}),
                json!({"foo": "bar", "baz": "qux"}),
            ),
            (
                json!({"foo": ["bar", "baz"]}),
                json!({"op": "add", "path": "/foo/1", "value": "qux"}),
                json!({"foo": ["bar", "qux", "baz"]}),
            ),
            (
                json!({"foo": ["bar"]}),
                json!({"op": "add", "path": "/foo/-", "value": "x"}),
                json!({"foo": ["bar", "x"]}),
            ),
            (json!({"baz": "qux", "foo": "bar"}), json!({"op": "remove", "path": "/baz"}), json!({"foo": "bar"})),
            (
                json!({"foo": ["bar", "qux", "baz"]}),
                json!({"op": "remove", "path": "/foo/1"}),
                json!({"foo": ["bar", "baz"]}),
            ),
            (json!({"baz": "qux"}), json!({"op": "replace", "path": "/baz", "value": "boo"}), json!({"baz": "boo"})),
            (json!({"a/b": 1}), json!({"op": "replace", "path": "/a~1b", "value": 2}), json!({"a/b": 2})),
        ];
        for (document, operation, expected) in cases {
            assert_eq!(apply(&document, &[op(operation.clone())]).unwrap(), expected, "{operation}");
        }
    }

    #[test]
    fn says_why_an_operation_cannot_apply() {
        let cases = [
            (json!({"op": "remove", "path": "/nope"}), "operation 0: `/nope` is not in the world"),
            (
                json!({"op": "add", "path": "/list/5", "value": 1}),
                "operation 0: `/list/5` is past the end of its array",
            ),
            (json!({"op": "replace", "path": "/list/0"}), "operation 0: `replace` on `/list/0` needs a `value`"),
            (json!({"op": "add", "path": "/missing/x", "value": 1}), "operation 0: `/missing` is not in the world"),
        ];
        for (operation, message) in cases {
            assert_eq!(apply(&json!({"list": [1]}), &[op(operation)]).unwrap_err(), message);
        }
    }
}
