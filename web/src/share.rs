//! Share links: the whole world (plus language and preset) in the URL fragment, as
//! `#v1=<base64url(raw deflate(json))>`, decoded over defaults and refused above a size bound.
//!
//! In the browser, base64 and deflate are the browser's own (`atob`/`btoa`, `CompressionStream`
//! and `DecompressionStream`, in web/loader.js), which keeps them out of the wasm bundle; this
//! module checks the fragment and reads the JSON. Native builds and tests encode and decode the
//! same format with miniz_oxide and base64 ([`encode`], [`decode`]).

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
pub fn payload(shared: &Shared) -> String {
    serde_json::to_string(shared).unwrap_or_default()
}

/// The base64url payload of a fragment (with or without its `#`), checked for its version and
/// its length before anything is decoded.
pub fn link_payload(fragment: &str) -> Result<&str, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(payload) = fragment.strip_prefix(V1) else {
        return Err(ShareError::NotALink);
    };
    // Deflate rarely shrinks JSON below a half: a longer payload is refused unread.
    if payload.len() > MAX_DECODED * 2 {
        return Err(ShareError::TooLarge);
    }
    Ok(payload)
}

/// Reads the inflated JSON of a link, over defaults.
pub fn read_json(json: &str) -> Result<Shared, ShareError> {
    if json.len() > MAX_DECODED {
        return Err(ShareError::TooLarge);
    }
    let shared: Shared = serde_json::from_str(json).map_err(|_| ShareError::Unreadable)?;
    if shared.world.is_object() {
        Ok(shared)
    } else {
        Err(ShareError::Unreadable)
    }
}

/// The fragment (without `#`) for `shared` (native builds and tests; the browser uses
/// `omenDeflate`).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn encode(shared: &Shared) -> String {
    use base64::Engine;
    let packed = miniz_oxide::deflate::compress_to_vec(payload(shared).as_bytes(), 9);
    format!("{V1}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a fragment (native builds and tests; the browser uses `omenInflate`).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    use base64::Engine;
    let payload = link_payload(fragment)?;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ShareError::Unreadable)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED).map_err(|error| {
        if error.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            ShareError::TooLarge
        } else {
            ShareError::Unreadable
        }
    })?;
    read_json(&String::from_utf8(json).map_err(|_| ShareError::Unreadable)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
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
        let fragment = format!("v1={}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json, 6)));
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
    fn reads_json_over_defaults() {
        assert_eq!(read_json(r#"{"world": {}}"#).map(|shared| shared.lang), Ok(None));
        assert_eq!(read_json(r#"{"world": 3}"#), Err(ShareError::Unreadable));
        assert_eq!(read_json("nope"), Err(ShareError::Unreadable));
        assert_eq!(link_payload("#v1=abc"), Ok("abc"));
        assert_eq!(link_payload("v2=abc"), Err(ShareError::NotALink));
    }

    #[test]
    fn refuses_what_is_too_large() {
        let big = Shared { world: json!({"name": "x".repeat(MAX_DECODED + 1)}), ..Shared::default() };
        assert_eq!(decode(&encode(&big)), Err(ShareError::TooLarge));
        let long = format!("v1={}", "A".repeat(MAX_DECODED * 2 + 1));
        assert_eq!(decode(&long), Err(ShareError::TooLarge));
    }
}
