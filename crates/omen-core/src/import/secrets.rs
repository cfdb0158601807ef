//! Credentials in pasted or imported text: finding AWS access key ids with their secret access
//! keys and session tokens, and blanking them out before anything else reads the text.
//!
//! What the shapes look like comes from "Manage access keys for IAM users" (access key ids begin
//! with `AKIA` for long-term keys and `ASIA` for temporary ones; the secret access key is 40
//! characters) and "Use temporary credentials with AWS resources" (a session token travels with
//! temporary credentials). IAM's other unique-id prefixes (`AIDA` users, `AROA` roles, `AGPA`
//! groups, `ANPA` policies, `AIPA` instance profiles) name entities, are not secret, and fill every
//! `get-account-authorization-details` export: they are never flagged.

use crate::diagnostics::{LineIndex, TextRange};
use serde::Serialize;

/// What kind of credential a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SecretKind {
    /// An access key id (`AKIA…` long-term, `ASIA…` temporary).
    AccessKeyId,
    /// A 40-character secret access key next to an access key id or named as one.
    SecretAccessKey,
    /// An STS session token.
    SessionToken,
}

impl SecretKind {
    /// How the finding is named in messages, in English and Japanese.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Self::AccessKeyId => ("an access key id", "アクセスキー ID"),
            Self::SecretAccessKey => ("a secret access key", "シークレットアクセスキー"),
            Self::SessionToken => ("a session token", "セッショントークン"),
        }
    }
}

/// One credential found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretFinding {
    /// What it is.
    pub kind: SecretKind,
    /// Where it is, in bytes of the text.
    pub range: TextRange,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in UTF-16 code units.
    pub column: usize,
    /// A masked preview safe to show, for access key ids: `AKIA…MPLE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
    /// How many characters it has.
    pub length: usize,
}

impl SecretFinding {
    /// What it is, safe to show, in English and Japanese: `an access key id (`AKIA…MPLE`)`,
    /// `a session token (416 characters)`.
    pub fn describe(&self) -> (String, String) {
        let (en, ja) = self.kind.words();
        match &self.preview {
            Some(preview) => (format!("{en} (`{preview}`)"), format!("{ja}（`{preview}`）")),
            None => (format!("{en} ({} characters)", self.length), format!("{ja}（{} 文字）", self.length)),
        }
    }
}

/// Access key ids: a four-letter prefix and 16 more upper-case letters or digits.
const KEY_ID_PREFIXES: [&str; 2] = ["AKIA", "ASIA"];
const KEY_ID_LEN: usize = 20;
/// A secret access key's length.
const SECRET_LEN: usize = 40;
/// How far (bytes) a secret access key may sit from its access key id and still be "next to" it.
const NEAR: usize = 512;
/// How far (bytes) before a value its name (`SecretAccessKey`, `aws_session_token`) may be.
const NAME_WINDOW: usize = 48;
/// Session tokens are long; a shorter base64 run after `…Token` is not treated as one.
const MIN_TOKEN_LEN: usize = 100;
/// How a session token is named (`SessionToken`, `aws_session_token`, `X-Amz-Security-Token`) —
/// not a pagination token (`NextToken`), which is long and random too.
const TOKEN_NAMES: [&str; 5] = ["sessiontoken", "session_token", "security-token", "security_token", "securitytoken"];
/// How STS session tokens begin (base64 of their binary header), whatever names them.
const TOKEN_PREFIXES: [&str; 3] = ["IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdz", "FQoGZXIvYXdz"];

fn is_key_id_char(byte: u8) -> bool {
    byte.is_ascii_uppercase() || byte.is_ascii_digit()
}

fn is_base64_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'/' || byte == b'+'
}

/// Whether the byte before `start` ends a word: not alphanumeric, or the end of a `%XX` escape
/// (a URL-encoded document holding the key).
fn starts_word(bytes: &[u8], start: usize) -> bool {
    match start.checked_sub(1).and_then(|i| bytes.get(i)) {
        None => true,
        Some(byte) if !byte.is_ascii_alphanumeric() => true,
        Some(_) => start >= 3 && bytes.get(start - 3) == Some(&b'%'),
    }
}

fn ends_word(bytes: &[u8], end: usize) -> bool {
    bytes.get(end).is_none_or(|byte| !byte.is_ascii_alphanumeric())
}

/// Every credential in `text`, in order of position.
pub fn find_secrets(text: &str) -> Vec<SecretFinding> {
    let bytes = text.as_bytes();
    let mut ranges: Vec<(SecretKind, TextRange)> = Vec::new();
    // Access key ids.
    let mut at = 0;
    while let Some(offset) = text.get(at..).and_then(|rest| rest.find('A')) {
        let start = at + offset;
        let end = start + KEY_ID_LEN;
        let is_key_id = text.get(start..start + 4).is_some_and(|prefix| KEY_ID_PREFIXES.contains(&prefix))
            && bytes.get(start + 4..end).is_some_and(|rest| rest.iter().all(|b| is_key_id_char(*b)))
            && starts_word(bytes, start)
            && ends_word(bytes, end);
        if is_key_id {
            ranges.push((SecretKind::AccessKeyId, TextRange::new(start, end)));
            at = end;
        } else {
            at = start + 1;
        }
    }
    let key_ids: Vec<TextRange> = ranges.iter().map(|(_, range)| *range).collect();
    // Base64 runs: secret access keys and session tokens.
    let mut start = 0;
    while start < bytes.len() {
        if !bytes.get(start).copied().is_some_and(is_base64_char) {
            start += 1;
            continue;
        }
        let mut end = start;
        while bytes.get(end).copied().is_some_and(is_base64_char) {
            end += 1;
        }
        let mut value_end = end;
        while bytes.get(value_end) == Some(&b'=') {
            value_end += 1;
        }
        let run = text.get(start..end).unwrap_or("");
        let named = |words: &[&str]| {
            let from = start.saturating_sub(NAME_WINDOW);
            let before = text.get(from..start).unwrap_or("").to_ascii_lowercase();
            words.iter().any(|word| before.contains(word))
        };
        let range = TextRange::new(start, value_end);
        let token_prefix = TOKEN_PREFIXES.iter().any(|prefix| run.starts_with(prefix));
        if run.len() >= MIN_TOKEN_LEN && (token_prefix || named(&TOKEN_NAMES)) {
            ranges.push((SecretKind::SessionToken, range));
        } else if run.len() == SECRET_LEN && looks_random(run) {
            let near_key_id = key_ids.iter().any(|id| id.start.abs_diff(start) <= NEAR);
            if near_key_id || named(&["secret"]) {
                ranges.push((SecretKind::SecretAccessKey, range));
            }
        }
        start = value_end.max(start + 1);
    }
    crate::sort::sort_by_key(&mut ranges, |(_, range)| range.start);
    let lines = LineIndex::new(text);
    ranges
        .into_iter()
        .map(|(kind, range)| {
            let position = lines.position(range.start);
            let value = range.slice(text);
            let preview = (kind == SecretKind::AccessKeyId).then(|| {
                let tail = value.get(value.len().saturating_sub(4)..).unwrap_or("");
                format!("{}…{tail}", value.get(..4).unwrap_or(""))
            });
            SecretFinding { kind, range, line: position.line, column: position.column, preview, length: value.len() }
        })
        .collect()
}

/// A 40-character run that mixes cases and has a digit or `/`/`+`, as random keys do (a word or
/// a hexadecimal digest does not).
fn looks_random(run: &str) -> bool {
    let upper = run.bytes().any(|b| b.is_ascii_uppercase());
    let lower = run.bytes().any(|b| b.is_ascii_lowercase());
    let other = run.bytes().any(|b| b.is_ascii_digit() || b == b'/' || b == b'+');
    upper && lower && other
}

/// What redaction writes: the same length as what it hides, so that every offset, line and JSON
/// pointer in the text stays where it was; it is not itself a credential.
fn mask(len: usize) -> String {
    let word = "REDACTED";
    if len <= word.len() {
        return "*".repeat(len);
    }
    format!("{word}{}", "*".repeat(len - word.len()))
}

/// `text` with every finding blanked out (the same length, so positions do not move).
pub fn redact_secrets(text: &str, findings: &[SecretFinding]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for finding in findings {
        let (start, end) = (finding.range.start, finding.range.end);
        if start < at || !text.is_char_boundary(start) || !text.is_char_boundary(end) || end > text.len() {
            continue;
        }
        out.push_str(text.get(at..start).unwrap_or(""));
        out.push_str(&mask(end - start));
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example keys of "Manage access keys for IAM users".
    const KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn kinds(text: &str) -> Vec<(SecretKind, &str)> {
        find_secrets(text).into_iter().map(|f| (f.kind, f.range.slice(text))).collect()
    }

    #[test]
    fn finds_credentials_in_the_shapes_people_paste() {
        type Case = (&'static str, String, Vec<(SecretKind, &'static str)>);
        let cases: [Case; 7] = [
            (
                "aws configure's credentials file",
                format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"),
                vec![(SecretKind::AccessKeyId, KEY_ID), (SecretKind::SecretAccessKey, SECRET)],
            ),
            (
                "a key id alone in a tag",
                format!(r#"{{"Tags": [{{"Key": "ci-key", "Value": "{KEY_ID}"}}]}}"#),
                vec![(SecretKind::AccessKeyId, KEY_ID)],
            ),
            (
                "a secret named as one, without its key id",
                format!(r#"{{"SecretAccessKey": "{SECRET}"}}"#),
                vec![(SecretKind::SecretAccessKey, SECRET)],
            ),
            (
                "IAM unique ids are not secrets",
                r#"{"UserId": "AIDACKCEVSQ6C2EXAMPLE", "RoleId": "AROADBQP57FF2AEXAMPLE", "GroupId": "AGPACKCEVSQ6C2EXAMPLE"}"#
                    .to_string(),
                vec![],
            ),
            (
                "a key id inside a URL-encoded document",
                format!("%7B%22Sid%22%3A%22{KEY_ID}%22%7D"),
                vec![(SecretKind::AccessKeyId, KEY_ID)],
            ),
            (
                "the AWS CLI's pagination token is no credential",
                format!(r#"{{"IsTruncated": true, "NextToken": "{}"}}"#, "eyJNYXJrZXIiOiBBQUdyY1JVWHZaOHEwWnU4".repeat(5)),
                vec![],
            ),
            (
                "a SHA-1 digest next to nothing",
                r#"{"ETag": "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"}"#.to_string(),
                vec![],
            ),
        ];
        for (name, text, expected) in cases {
            assert_eq!(kinds(&text), expected, "{name}");
        }
    }

    #[test]
    fn finds_sts_credentials_and_session_tokens() {
        let token = format!("IQoJb3JpZ2luX2VjEJr{}", "x".repeat(300));
        let text = format!(
            "{{\n    \"Credentials\": {{\n        \"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\",\n        \"SecretAccessKey\": \"{SECRET}\",\n        \"SessionToken\": \"{token}\"\n    }}\n}}"
        );
        let found = find_secrets(&text);
        let kinds: Vec<SecretKind> = found.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [SecretKind::AccessKeyId, SecretKind::SecretAccessKey, SecretKind::SessionToken]);
        assert_eq!(found[0].preview.as_deref(), Some("ASIA…MPLE"));
        assert_eq!(found[0].line, 3);
        assert_eq!(found[2].describe().0, format!("a session token ({} characters)", token.len()));
        assert_eq!(found[1].describe().1, "シークレットアクセスキー（40 文字）");
    }

    #[test]
    fn redaction_keeps_positions_and_leaves_nothing_to_find() {
        let text = format!("key={KEY_ID} secret={SECRET} ok");
        let found = find_secrets(&text);
        let redacted = redact_secrets(&text, &found);
        assert_eq!(redacted.len(), text.len());
        assert_eq!(redacted, "key=REDACTED************ secret=REDACTED******************************** ok");
        assert!(find_secrets(&redacted).is_empty());
    }
}
