//! Share links: the whole world (plus language and preset) in the URL fragment, as
//! `#v1=<base64url(deflate(json))>`, decoded over defaults and refused above a size bound.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most decompressed bytes a link may carry.
pub const MAX_DECODED: usize = 64 * 1024;
/// The prefix of the current format.
pub const V1: &str = "v1=";

/// What a link carries. Every field has a default, so links written before a field existed
/// still decode.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Shared {
    /// `en` or `ja`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The preset the world came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The world, as `omen flow` reads it.
    pub world: Value,
}

/// Why a fragment could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// No `v1=` (or later) prefix: not a share link.
    NotALink,
    /// Larger than [`MAX_DECODED`].
    TooLarge,
    /// Damaged.
    Unreadable,
}

/// What a link compresses: `shared` as JSON.
pub fn payload(shared: &Shared) -> Vec<u8> {
    serde_json::to_vec(shared).unwrap_or_default()
}

/// The fragment (without `#`) for a payload already deflated (raw deflate, RFC 1951). The
/// browser deflates with its own `CompressionStream` (see `web/loader.js`), which keeps miniz's
/// compressor out of the bundle; native code and tests use [`encode`].
pub fn fragment_of(deflated: &[u8]) -> String {
    format!("{V1}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The fragment (without `#`) for `shared`, deflated with miniz (native builds and tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(shared: &Shared) -> String {
    fragment_of(&miniz_oxide::deflate::compress_to_vec(&payload(shared), 9))
}

/// Reads a fragment (with or without its `#`).
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(payload) = fragment.strip_prefix(V1) else {
        return Err(ShareError::NotALink);
    };
    // Deflate never shrinks JSON by more than ~1000×; a longer payload is refused unread.
    if payload.len() > MAX_DECODED * 2 {
        return Err(ShareError::TooLarge);
    }
    let packed = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).map_err(|_| ShareError::Unreadable)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED).map_err(|error| {
        if error.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            ShareError::TooLarge
        } else {
            ShareError::Unreadable
        }
    })?;
    let json = String::from_utf8(json).map_err(|_| ShareError::Unreadable)?;
    let shared: Shared = serde_json::from_str(&json).map_err(|_| ShareError::Unreadable)?;
    if shared.world.is_object() {
        Ok(shared)
    } else {
        Err(ShareError::Unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;
    use serde_json::json;

    /// A v1 link written by the first version of the page. It must keep decoding.
    const V1_FIXTURE: &str = include_str!("../tests/fixtures/share-v1.txt");

    #[test]
    fn round_trips_every_preset() {
        for preset in omen_core::flow::presets() {
            let shared = Shared {
                lang: Some("ja".into()),
                preset: Some(preset.id.into()),
                world: preset_world(preset.id).unwrap_or_default(),
            };
            let fragment = encode(&shared);
            assert!(fragment.starts_with("v1="));
            assert!(fragment.len() < 8000, "{}: {} chars", preset.id, fragment.len());
            assert_eq!(decode(&format!("#{fragment}")), Ok(shared));
        }
    }

    #[test]
    fn the_v1_fixture_still_decodes() {
        let shared = decode(V1_FIXTURE.trim()).unwrap_or_default();
        assert_eq!(shared.preset.as_deref(), Some("ec2-full-access-without-passrole"));
        assert_eq!(shared.lang.as_deref(), Some("en"));
        assert!(crate::state::is_world(&shared.world));
        assert_eq!(shared.world.pointer("/action/passRole/api"), Some(&json!("ec2:RunInstances")));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let json = br#"{"world": {"name": "old"}}"#;
        let fragment = fragment_of(&miniz_oxide::deflate::compress_to_vec(json, 6));
        let shared = decode(&fragment).unwrap_or_default();
        assert_eq!(shared.lang, None);
        assert_eq!(shared.world, json!({"name": "old"}));
    }

    #[test]
    fn refuses_what_is_not_a_link() {
        assert_eq!(decode(""), Err(ShareError::NotALink));
        assert_eq!(decode("#section"), Err(ShareError::NotALink));
        assert_eq!(decode("#v1=***"), Err(ShareError::Unreadable));
        assert_eq!(decode("#v1=AAAA"), Err(ShareError::Unreadable));
    }

    #[test]
    fn refuses_what_is_too_large() {
        let big = Shared { world: json!({"name": "x".repeat(MAX_DECODED + 1)}), ..Shared::default() };
        assert_eq!(decode(&encode(&big)), Err(ShareError::TooLarge));
        let long = format!("v1={}", "A".repeat(MAX_DECODED * 2 + 1));
        assert_eq!(decode(&long), Err(ShareError::TooLarge));
    }
}
