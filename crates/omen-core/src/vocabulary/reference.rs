//! What an attachment of an AWS managed policy by reference is — a bare ARN, `{"arn"}` or
//! `{"name", "awsManaged": true}` without a document — in one place for `vocabulary::attach` and
//! for the crate's build script, which includes this file (`#[path]`) to fill the seed stories'
//! AWS managed policies in at build time. Only `serde_json` may be used here.

use serde_json::Value;

/// The ARN prefix of every AWS managed policy ("IAM identifiers": IAM ARNs, `aws` in place of
/// the account).
pub const AWS_MANAGED_PREFIX: &str = "arn:aws:iam::aws:policy/";

/// The name or ARN an attachment refers to, if it is an attachment by reference.
pub fn reference_of(value: &Value) -> Option<String> {
    match value {
        Value::String(arn) if arn.starts_with(AWS_MANAGED_PREFIX) => Some(arn.clone()),
        Value::Object(fields) if !fields.contains_key("document") && !fields.contains_key("policy") => {
            let arn = fields.get("arn").and_then(Value::as_str).filter(|arn| arn.starts_with(AWS_MANAGED_PREFIX));
            let named = fields.get("awsManaged").and_then(Value::as_bool) == Some(true);
            match (arn, fields.get("name").and_then(Value::as_str)) {
                (Some(arn), _) => Some(arn.to_owned()),
                (None, Some(name)) if named => Some(name.to_owned()),
                _ => None,
            }
        }
        _ => None,
    }
}
