//! What the playground's policy editors do with a paste: recognise `aws iam get-role`,
//! `get-policy-version`, `get-role-policy`, `get-user-policy` or `get-group-policy` output, or a
//! URL-encoded document, and hand back the policy document inside, printed for the editor.
//! Anything else — a policy typed or pasted as is — is left alone.

use super::document::{
    looks_url_encoded, read_document, read_document_text, Document, DocumentEncoding, DocumentProblem,
};
use super::read::{recognise, Shape};
use super::secrets::{find_secrets, SecretFinding};
use super::world::pretty_document;
use crate::flow::Text;
use serde::Serialize;
use serde_json::Value;

/// Which policy of a role the pasted document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PastedKind {
    /// A trust policy (`get-role`'s `AssumeRolePolicyDocument`).
    Trust,
    /// A permissions policy (inline or a managed policy version).
    Permissions,
    /// A document on its own (URL-encoded text): could be either.
    Document,
}

/// A policy document found in pasted text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastedPolicy {
    /// Which output it came from ([`Shape::PolicyDocument`] for a bare URL-encoded document).
    pub shape: Shape,
    /// Trust or permissions policy.
    pub kind: PastedKind,
    /// The policy's name, when the output gives it (`PolicyName`; `VersionId` for a version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The user, group or role it belongs to, when the output says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// How the document was written.
    pub encoding: DocumentEncoding,
    /// The document, printed for the editor.
    pub document: String,
    /// What is wrong with the document, when it is not JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Text>,
    /// Credentials in the pasted text: offer to redact them ([`super::redact_secrets`]) and
    /// call again with the redacted text before using anything.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<SecretFinding>,
}

/// The policy document inside pasted CLI output or URL-encoded text; `None` when the paste is
/// none of those (paste it as it is).
pub fn policy_from_paste(text: &str) -> Option<PastedPolicy> {
    let trimmed = text.trim().trim_start_matches('\u{feff}');
    let secrets = find_secrets(text);
    if looks_url_encoded(trimmed) {
        let (document, problem) = read_document_text(trimmed);
        return Some(pasted(Shape::PolicyDocument, PastedKind::Document, None, None, document?, problem, secrets));
    }
    let value: Value = serde_json::from_str(trimmed).ok()?;
    // A document pasted with its JSON quotes: `"%7B%22Version…"`.
    if let Value::String(inner) = &value {
        let inner = inner.trim();
        if !looks_url_encoded(inner) {
            return None;
        }
        let (document, problem) = read_document_text(inner);
        return Some(pasted(Shape::PolicyDocument, PastedKind::Document, None, None, document?, problem, secrets));
    }
    let shape = recognise(&value);
    let text_of = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let (kind, name, owner, document) = match shape {
        Shape::GetRole => {
            let role = value.get("Role")?;
            (PastedKind::Trust, None, text_of(role, "RoleName"), role.get("AssumeRolePolicyDocument")?)
        }
        Shape::GetPolicyVersion => {
            let version = value.get("PolicyVersion")?;
            (PastedKind::Permissions, text_of(version, "VersionId"), None, version.get("Document")?)
        }
        Shape::GetRolePolicy | Shape::GetUserPolicy | Shape::GetGroupPolicy => {
            let owner = ["RoleName", "UserName", "GroupName"].iter().find_map(|k| text_of(&value, k));
            (PastedKind::Permissions, text_of(&value, "PolicyName"), owner, value.get("PolicyDocument")?)
        }
        _ => return None,
    };
    let (document, problem) = read_document(document);
    Some(pasted(shape, kind, name, owner, document?, problem, secrets))
}

fn pasted(
    shape: Shape,
    kind: PastedKind,
    name: Option<String>,
    owner: Option<String>,
    document: Document,
    problem: Option<DocumentProblem>,
    secrets: Vec<SecretFinding>,
) -> PastedPolicy {
    let problem = problem.map(|p| match p {
        DocumentProblem::UnreadableText(start) => Text::new(
            format!("the policy document is not JSON: `{start}`"),
            format!("ポリシー文書が JSON ではありません: `{start}`"),
        ),
        DocumentProblem::NotUtf8 => Text::new(
            "the URL-encoded policy document does not decode to UTF-8 text",
            "URL エンコードされたポリシー文書を UTF-8 のテキストに戻せません",
        ),
        DocumentProblem::NotADocument(en, ja) => {
            Text::new(format!("expected a policy document, found {en}"), format!("ポリシー文書のはずが、{ja}です"))
        }
    });
    PastedPolicy {
        shape,
        kind,
        name,
        owner,
        encoding: document.encoding,
        document: pretty_document(&document),
        problem,
        secrets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUST: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;
    const ENCODED_TRUST: &str = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";

    #[test]
    fn recognises_each_output_and_returns_its_document() {
        let get_role = format!(
            r#"{{"Role": {{"Path": "/", "RoleName": "web", "Arn": "arn:aws:iam::111122223333:role/web", "AssumeRolePolicyDocument": {TRUST}}}}}"#
        );
        let get_role_encoded =
            format!(r#"{{"Role": {{"RoleName": "web", "AssumeRolePolicyDocument": "{ENCODED_TRUST}"}}}}"#);
        let get_role_policy = format!(r#"{{"RoleName": "web", "PolicyName": "read", "PolicyDocument": {TRUST}}}"#);
        let get_user_policy =
            format!(r#"{{"UserName": "alice", "PolicyName": "pass", "PolicyDocument": "{ENCODED_TRUST}"}}"#);
        let get_policy_version =
            format!(r#"{{"PolicyVersion": {{"Document": {TRUST}, "VersionId": "v3", "IsDefaultVersion": true}}}}"#);
        let quoted = format!("\"{ENCODED_TRUST}\"");
        type Case<'a> = (&'a str, &'a str, Shape, PastedKind, Option<&'a str>, Option<&'a str>, DocumentEncoding);
        let cases: [Case<'_>; 7] = [
            ("get-role", &get_role, Shape::GetRole, PastedKind::Trust, None, Some("web"), DocumentEncoding::Object),
            (
                "get-role, raw API",
                &get_role_encoded,
                Shape::GetRole,
                PastedKind::Trust,
                None,
                Some("web"),
                DocumentEncoding::UrlEncoded,
            ),
            (
                "get-role-policy",
                &get_role_policy,
                Shape::GetRolePolicy,
                PastedKind::Permissions,
                Some("read"),
                Some("web"),
                DocumentEncoding::Object,
            ),
            (
                "get-user-policy",
                &get_user_policy,
                Shape::GetUserPolicy,
                PastedKind::Permissions,
                Some("pass"),
                Some("alice"),
                DocumentEncoding::UrlEncoded,
            ),
            (
                "get-policy-version",
                &get_policy_version,
                Shape::GetPolicyVersion,
                PastedKind::Permissions,
                Some("v3"),
                None,
                DocumentEncoding::Object,
            ),
            (
                "URL-encoded document",
                ENCODED_TRUST,
                Shape::PolicyDocument,
                PastedKind::Document,
                None,
                None,
                DocumentEncoding::UrlEncoded,
            ),
            (
                "URL-encoded document in quotes",
                &quoted,
                Shape::PolicyDocument,
                PastedKind::Document,
                None,
                None,
                DocumentEncoding::UrlEncoded,
            ),
        ];
        let expected: Value = serde_json::from_str(TRUST).unwrap();
        for (name, text, shape, kind, policy_name, owner, encoding) in cases {
            let pasted = policy_from_paste(text).unwrap_or_else(|| panic!("{name}: not recognised"));
            assert_eq!((pasted.shape, pasted.kind, pasted.encoding), (shape, kind, encoding), "{name}");
            assert_eq!(pasted.name.as_deref(), policy_name, "{name}");
            assert_eq!(pasted.owner.as_deref(), owner, "{name}");
            assert_eq!(serde_json::from_str::<Value>(&pasted.document).unwrap(), expected, "{name}");
            assert!(pasted.document.starts_with("{\n    \"Version\": \"2012-10-17\",\n    \"Statement\""), "{name}");
            assert_eq!(pasted.problem, None, "{name}");
        }
    }

    #[test]
    fn leaves_other_pastes_alone() {
        for text in [TRUST, "", "not json", r#"{"Users": []}"#, "[1, 2]", r#""just a string""#] {
            assert_eq!(policy_from_paste(text), None, "{text}");
        }
    }

    #[test]
    fn flags_credentials_and_unreadable_documents() {
        let text =
            r#"{"RoleName": "web", "PolicyName": "p", "PolicyDocument": "%7B%22Sid%22%3A%22AKIAIOSFODNN7EXAMPLE%22"}"#;
        let pasted = policy_from_paste(text).unwrap();
        assert_eq!(pasted.secrets.len(), 1);
        assert_eq!(pasted.document, "{\"Sid\":\"AKIAIOSFODNN7EXAMPLE\"");
        assert!(pasted.problem.unwrap().en.starts_with("the policy document is not JSON"));
    }
}
