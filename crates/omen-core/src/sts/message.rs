//! What a failed call says in the service's own words: EC2's `UnauthorizedOperation` with its
//! encoded authorization failure message, the decoding of that message (what
//! `aws sts decode-authorization-message` prints), and the other services' texts.
//!
//! AWS's real tokens are encrypted; Omen's are its own: `OMEN1-` followed by the decoded message
//! as base64url JSON, so that anything Omen shows can be decoded back, offline.

use serde_json::Value;
use std::fmt;

/// The prefix of Omen's encoded authorization messages (the format's version).
pub const TOKEN_PREFIX: &str = "OMEN1-";

/// What EC2 says before the token.
pub const EC2_UNAUTHORIZED: &str =
    "You are not authorized to perform this operation. Encoded authorization failure message:";

/// Encode a decoded authorization message (as [`crate::explain::decoded_authorization_message`]
/// builds it) into a token.
pub fn encode_authorization_message(decoded: &Value) -> String {
    let json = serde_json::to_string(decoded).unwrap_or_default();
    format!("{TOKEN_PREFIX}{}", base64url_encode(json.as_bytes()))
}

/// Why a text does not decode to an authorization message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageError {
    /// The token does not start with [`TOKEN_PREFIX`]: not one of Omen's.
    NotOmens,
    /// A character outside base64url, at this position of the token's body.
    BadCharacter {
        /// The character.
        character: char,
        /// Its position.
        position: usize,
    },
    /// The decoded bytes are not UTF-8 text.
    NotText,
    /// The decoded text is not JSON.
    NotJson(String),
}

impl MessageError {
    /// What is wrong (lowercase, no final period).
    pub fn message(&self) -> String {
        match self {
            Self::NotOmens => format!("not an Omen authorization message: it should start with `{TOKEN_PREFIX}`"),
            Self::BadCharacter { character, position } => {
                format!("unexpected character `{character}` at position {position}")
            }
            Self::NotText => "the message is not UTF-8 text".to_string(),
            Self::NotJson(detail) => format!("the message is not JSON: {detail}"),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            Self::NotOmens => "AWS's own tokens are encrypted; decode them with `aws sts decode-authorization-message`",
            Self::BadCharacter { .. } | Self::NotText | Self::NotJson(_) => {
                "copy the whole token, from `OMEN1-` to its last character"
            }
        }
    }
}

/// The message as one line, as `omen decode` has always printed it.
impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotOmens => write!(f, "{} ({})", self.message(), self.help()),
            _ => f.write_str(&self.message()),
        }
    }
}

impl std::error::Error for MessageError {}

/// Decode a token made by [`encode_authorization_message`] back to the decoded message JSON.
/// Accepts the token alone or EC2's whole error text.
pub fn decode_authorization_message(token: &str) -> Result<Value, MessageError> {
    let token = token.trim();
    let token = match token.split_once("Encoded authorization failure message:") {
        Some((_, rest)) => rest.trim(),
        None => token,
    };
    let Some(body) = token.strip_prefix(TOKEN_PREFIX) else {
        return Err(MessageError::NotOmens);
    };
    let bytes = base64url_decode(body)?;
    let text = String::from_utf8(bytes).map_err(|_| MessageError::NotText)?;
    serde_json::from_str(&text).map_err(|e| MessageError::NotJson(e.to_string()))
}

/// EC2's whole error text for a token.
pub fn ec2_unauthorized(token: &str) -> String {
    format!("{EC2_UNAUTHORIZED} {token}")
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [0, 1, 2].map(|i| chunk.get(i).copied().unwrap_or(0));
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextets = chunk.len() + 1;
        for i in 0..sextets {
            let index = ((n >> (18 - 6 * i)) & 63) as usize;
            out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
        }
    }
    out
}

/// Decode base64url, with or without padding.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, MessageError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for (position, c) in text.trim_end_matches('=').bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return Err(MessageError::BadCharacter { character: char::from(c), position }),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base64url_round_trips() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "お面 ~~~???"] {
            let encoded = base64url_encode(text.as_bytes());
            assert!(!encoded.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&encoded).unwrap(), text.as_bytes());
        }
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
    }

    #[test]
    fn tokens_decode_from_the_whole_error_text() {
        let decoded = json!({"allowed": false, "context": {"action": "iam:PassRole"}});
        let token = encode_authorization_message(&decoded);
        assert!(token.starts_with(TOKEN_PREFIX));
        assert_eq!(decode_authorization_message(&ec2_unauthorized(&token)).unwrap(), decoded);
        let aws = decode_authorization_message("4GIOHlTkIaWHQD0Q0m6XSnuUMCm").unwrap_err();
        assert_eq!(aws, MessageError::NotOmens);
        assert!(aws.to_string().contains("aws sts decode-authorization-message"));
        assert_eq!(
            decode_authorization_message("OMEN1-!!"),
            Err(MessageError::BadCharacter { character: '!', position: 0 })
        );
        assert_eq!(
            decode_authorization_message(&format!("{TOKEN_PREFIX}{}", base64url_encode(b"{")))
                .map_err(|e| matches!(e, MessageError::NotJson(_))),
            Err(true)
        );
    }
}
