//! Policy documents as AWS hands them out: a JSON object (the AWS CLI decodes them), JSON text in
//! a string (some tools store them so), or URL-encoded JSON text (the raw API and several SDKs).
//!
//! "PolicyVersion" and "RoleDetail" in the IAM API Reference: "The policy document returned in
//! this structure is URL-encoded compliant with RFC 3986"; the same page points to Java's
//! `URLDecoder`, which also reads `+` as a space, so both are accepted.

use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde_json::Value;

/// How a document was written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DocumentEncoding {
    /// A JSON object, as the AWS CLI prints it.
    Object,
    /// JSON text inside a JSON string.
    JsonText,
    /// URL-encoded JSON text (RFC 3986), as the IAM API returns it.
    UrlEncoded,
}

/// A policy document read from an export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// How it was written.
    pub encoding: DocumentEncoding,
    /// The document, when it is JSON; otherwise the text as decoded, which the policy parser
    /// then reports on.
    pub body: DocumentBody,
}

/// What a document holds once decoded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DocumentBody {
    /// Readable JSON.
    Json(Value),
    /// Text that is not JSON, kept so that the policy parser can say what is wrong with it.
    Text(String),
}

impl Document {
    /// The document as JSON text: compact for JSON, as decoded otherwise.
    pub fn text(&self) -> String {
        match &self.body {
            DocumentBody::Json(value) => value.to_string(),
            DocumentBody::Text(text) => text.clone(),
        }
    }

    /// The JSON value, when the document is readable JSON.
    pub fn json(&self) -> Option<&Value> {
        match &self.body {
            DocumentBody::Json(value) => Some(value),
            DocumentBody::Text(_) => None,
        }
    }
}

/// Why a value could not be read as a policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentProblem {
    /// The value is a number, a list, … (its JSON type is given, in English and Japanese).
    NotADocument(&'static str, &'static str),
    /// A string that is neither JSON text nor URL-encoded JSON text (the start of it is given).
    UnreadableText(String),
    /// URL-encoded text whose bytes are not UTF-8.
    NotUtf8,
}

/// The JSON type of `value`, in English and Japanese words.
pub fn json_type(value: &Value) -> (&'static str, &'static str) {
    match value {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("a boolean", "真偽値"),
        Value::Number(_) => ("a number", "数値"),
        Value::String(_) => ("a string", "文字列"),
        Value::Array(_) => ("a list", "リスト"),
        Value::Object(_) => ("an object", "オブジェクト"),
    }
}

/// Read a policy document in any of the three encodings. Text that decodes but is not valid
/// JSON is kept as [`DocumentBody::Text`] with a problem, so that nothing is dropped.
pub fn read_document(value: &Value) -> (Option<Document>, Option<DocumentProblem>) {
    match value {
        Value::Object(_) => {
            (Some(Document { encoding: DocumentEncoding::Object, body: DocumentBody::Json(value.clone()) }), None)
        }
        Value::String(text) => read_document_text(text),
        other => {
            let (en, ja) = json_type(other);
            (None, Some(DocumentProblem::NotADocument(en, ja)))
        }
    }
}

/// Read a policy document from text: JSON text or URL-encoded JSON text.
pub fn read_document_text(text: &str) -> (Option<Document>, Option<DocumentProblem>) {
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        return match serde_json::from_str::<Value>(trimmed) {
            Ok(value) => {
                (Some(Document { encoding: DocumentEncoding::JsonText, body: DocumentBody::Json(value) }), None)
            }
            Err(_) => (
                Some(Document { encoding: DocumentEncoding::JsonText, body: DocumentBody::Text(text.to_string()) }),
                Some(DocumentProblem::UnreadableText(preview(trimmed))),
            ),
        };
    }
    if !looks_url_encoded(trimmed) {
        return (None, Some(DocumentProblem::UnreadableText(preview(trimmed))));
    }
    let Ok(strict) = percent_decode_str(trimmed).decode_utf8() else {
        return (None, Some(DocumentProblem::NotUtf8));
    };
    let url_encoded = |body| Some(Document { encoding: DocumentEncoding::UrlEncoded, body });
    if let Ok(value) = serde_json::from_str::<Value>(&strict) {
        return (url_encoded(DocumentBody::Json(value)), None);
    }
    // Java's URLDecoder and HTML forms write a space as `+`.
    if trimmed.contains('+') {
        let spaces = trimmed.replace('+', " ");
        if let Ok(form) = percent_decode_str(&spaces).decode_utf8() {
            if let Ok(value) = serde_json::from_str::<Value>(&form) {
                return (url_encoded(DocumentBody::Json(value)), None);
            }
        }
    }
    let problem = DocumentProblem::UnreadableText(preview(&strict));
    (url_encoded(DocumentBody::Text(strict.into_owned())), Some(problem))
}

/// Whether `text` is URL-encoded JSON: it opens with an encoded `{` and holds no raw space or
/// quote (which URL encoding would have escaped).
pub fn looks_url_encoded(text: &str) -> bool {
    text.get(..3).is_some_and(|start| start.eq_ignore_ascii_case("%7B")) && !text.contains(['"', ' ', '\n', '{'])
}

/// The start of a text, for messages.
fn preview(text: &str) -> String {
    const LIMIT: usize = 40;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(LIMIT).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_three_encodings() {
        let policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a+b/*"}]});
        let cases = [
            ("object", policy.clone(), DocumentEncoding::Object),
            ("JSON text", Value::String(policy.to_string()), DocumentEncoding::JsonText),
            (
                "RFC 3986 (a `+` in a value stays a `+`)",
                Value::String("%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%22s3%3AGetObject%22%2C%20%22Resource%22%3A%20%22arn%3Aaws%3As3%3A%3A%3Aa%2Bb%2F%2A%22%7D%5D%7D".into()),
                DocumentEncoding::UrlEncoded,
            ),
            (
                "form encoding (`+` for spaces)",
                Value::String("%7B%22Version%22%3A+%222012-10-17%22%2C+%22Statement%22%3A+%5B%7B%22Effect%22%3A+%22Allow%22%2C+%22Action%22%3A+%22s3%3AGetObject%22%2C+%22Resource%22%3A+%22arn%3Aaws%3As3%3A%3A%3Aa%2Bb%2F%2A%22%7D%5D%7D".into()),
                DocumentEncoding::UrlEncoded,
            ),
        ];
        for (name, value, encoding) in cases {
            let (document, problem) = read_document(&value);
            let document = document.unwrap_or_else(|| panic!("{name}: {problem:?}"));
            assert_eq!(problem, None, "{name}");
            assert_eq!(document.encoding, encoding, "{name}");
            assert_eq!(document.json(), Some(&policy), "{name}");
        }
    }

    #[test]
    fn keeps_what_it_cannot_read_and_says_why() {
        let (document, problem) = read_document(&json!(42));
        assert!(document.is_none());
        assert_eq!(problem, Some(DocumentProblem::NotADocument("a number", "数値")));

        let (document, problem) = read_document(&json!("%7B%22Version%22%3A%222012-10-17%22"));
        assert_eq!(document.map(|d| d.text()), Some("{\"Version\":\"2012-10-17\"".to_string()));
        assert_eq!(problem, Some(DocumentProblem::UnreadableText("{\"Version\":\"2012-10-17\"".into())));

        let (_, problem) = read_document(&json!("%7B%FF%FE"));
        assert_eq!(problem, Some(DocumentProblem::NotUtf8));

        let (document, problem) = read_document(&json!("Allow everything"));
        assert!(document.is_none());
        assert_eq!(problem, Some(DocumentProblem::UnreadableText("Allow everything".into())));
    }
}
