//! Share links: the whole world (plus language and preset) in the URL fragment, as
//! `#v1=<base64url(raw deflate(json))>`, decoded over defaults and refused above a size bound.
//!
//! In the browser, base64 and deflate are the browser's own (`atob`/`btoa`, `CompressionStream`
//! and `DecompressionStream`, in web/loader.js), which keeps them out of the wasm bundle; this
//! module checks the fragment and reads the JSON. Native builds and tests encode and decode the
//! same format with miniz_oxide and base64 ([`encode`], [`decode`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most decompressed bytes a link may carry: what a legal world can need, and the guard
/// against a deflate bomb (inflating stops there). The largest world the page plays on every
/// keystroke holds 256 KB of text (`LARGE_WORLD_BYTES`: three times every editor of a story at
/// AWS's size quotas); as JSON its policy text at most doubles (`\n`, `\"`): 1 MiB carries it
/// with room to spare. (It was 64 KB, under a world with AWS-maximum-size policies.)
pub const MAX_DECODED: usize = 1024 * 1024;
/// The longest payload read: Chromium opens addresses up to 2 MB (2,097,152 characters), less
/// room for the page's own address. A longer one could not have been opened.
pub const MAX_PAYLOAD: usize = 2 * 1024 * 1024 - 4096;
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
    /// Whether the link imposes its language (a teacher's choice); without it a link opens in
    /// the viewer's language.
    #[serde(skip_serializing_if = "is_false")]
    pub pin_lang: bool,
    /// Autosave only: whether the world was edited since it was loaded.
    #[serde(skip_serializing_if = "is_false")]
    pub edited: bool,
    /// Autosave only: the preset the world was loaded from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// Autosave only: the fingerprint of the share link the world was opened from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Why a fragment could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// No `v1=` (or later) prefix: not a share link.
    NotALink,
    /// A later version's link (`#v2=`…), which this page cannot read.
    UnknownVersion,
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
        let version = fragment.strip_prefix('v').and_then(|rest| rest.split_once('=')).map(|(n, _)| n);
        return match version {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => Err(ShareError::UnknownVersion),
            _ => Err(ShareError::NotALink),
        };
    };
    if payload.len() > MAX_PAYLOAD {
        return Err(ShareError::TooLarge);
    }
    Ok(payload)
}

/// A short fingerprint of a link's payload (64-bit FNV-1a, hex), kept with the autosave so that a
/// reload on the same link keeps the work done since it was opened.
pub fn fingerprint(payload: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in payload.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
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

/// Whether `now` is the world `shared` with nothing changed but the AWS managed policies it
/// attached by reference, filled in from the managed-policy catalogue (what the page does after
/// the first render: not an edit by the person). A link made of `shared` opens the same world.
pub fn only_filled_in(shared: &Value, now: &Value) -> bool {
    if shared == now {
        return true;
    }
    let references = omen_core::vocabulary::references_in(shared);
    if references.is_empty() {
        return false;
    }
    // `now` with each filled-in policy put back to the reference it was.
    let mut back = now.clone();
    for (pointer, _) in &references {
        match (back.pointer_mut(pointer), shared.pointer(pointer)) {
            (Some(slot), Some(reference)) if slot.is_object() => *slot = reference.clone(),
            _ => return false,
        }
    }
    back == *shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use serde_json::json;

    // Issue 7: the story attaching ReadOnlyAccess by ARN is filled in after its first render; a
    // link made before that still holds the world on screen, and an edit after it does not.
    #[test]
    fn a_filled_in_managed_policy_is_not_an_edit() {
        let shared = preset_world("cross-account-assume-role").unwrap_or_default();
        assert!(!omen_core::vocabulary::references_in(&shared).is_empty());
        let filled = crate::state::filled_preset("cross-account-assume-role");
        assert_ne!(filled, shared);
        assert!(only_filled_in(&shared, &shared));
        assert!(only_filled_in(&shared, &filled));
        let mut edited = filled.clone();
        crate::state::set_at(&mut edited, "/action/assumeRole/roleSessionName", json!("someone-else"));
        assert!(!only_filled_in(&shared, &edited));
        let first = preset_world("ec2-full-access-without-passrole").unwrap_or_default();
        assert!(!only_filled_in(&first, &shared));
        assert!(!only_filled_in(&shared, &first));
    }

    /// A v1 link written by the first version of the page. It must keep decoding.
    const V1_FIXTURE: &str = include_str!("../tests/fixtures/share-v1.txt");

    #[test]
    fn round_trips_every_preset() {
        for preset in omen_core::flow::presets() {
            let shared = Shared {
                lang: Some("ja".into()),
                preset: Some(preset.id.into()),
                world: preset_world(preset.id).unwrap_or_default(),
                ..Shared::default()
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
        assert_eq!(link_payload("v2=abc"), Err(ShareError::UnknownVersion));
    }

    #[test]
    fn refuses_what_is_too_large() {
        let big = Shared { world: json!({"name": "x".repeat(MAX_DECODED + 1)}), ..Shared::default() };
        assert_eq!(decode(&encode(&big)), Err(ShareError::TooLarge));
        let long = format!("v1={}", "A".repeat(MAX_PAYLOAD + 1));
        assert_eq!(decode(&long), Err(ShareError::TooLarge));
    }

    #[test]
    fn later_versions_are_named_not_ignored() {
        assert_eq!(link_payload("#v2=abc"), Err(ShareError::UnknownVersion));
        assert_eq!(link_payload("v10=abc"), Err(ShareError::UnknownVersion));
        assert_eq!(link_payload("#v=abc"), Err(ShareError::NotALink));
        assert_eq!(link_payload("#vx=abc"), Err(ShareError::NotALink));
    }

    #[test]
    fn fingerprints_tell_links_apart() {
        assert_eq!(fingerprint("abc"), fingerprint("abc"));
        assert_ne!(fingerprint("abc"), fingerprint("abd"));
        assert_eq!(fingerprint("").len(), 16);
    }

    /// A policy document of about `size` non-whitespace characters (AWS's quota for its kind),
    /// pretty-printed as people paste it.
    fn policy_of_size(size: usize, sid: &str) -> String {
        let mut statements = Vec::new();
        for n in 0.. {
            let statement = json!({"Sid": format!("{sid}{n:04}"), "Effect": "Allow", "Action": ["ec2:RunInstances", "s3:GetObject"], "Resource": format!("arn:aws:s3:::bucket-{n}/*")});
            statements.push(statement);
            if json!({"Version": "2012-10-17", "Statement": statements}).to_string().len() > size {
                statements.pop();
                break;
            }
        }
        serde_json::to_string_pretty(&json!({"Version": "2012-10-17", "Statement": statements})).unwrap_or_default()
    }

    #[test]
    fn a_world_with_aws_maximum_size_policies_can_be_shared() {
        // "IAM and AWS STS quotas": role inline policies 10,240 characters in all, managed
        // policies 6,144, trust policies 2,048 (4,096 raised); "Quotas for AWS Organizations":
        // SCPs 5,120. Every editor of the first story at its maximum, ten managed policies on the
        // role, a boundary on each side and a five-level SCP hierarchy.
        let mut world = preset_world("ec2-full-access-without-passrole").unwrap_or_default();
        let named = |name: &str, size: usize| json!({"name": name, "document": policy_of_size(size, name)});
        world["users"][0]["policies"] = json!([named("UserManaged", 6144)]);
        world["users"][0]["permissionsBoundary"] = named("UserBoundary", 6144);
        let mut role_policies = vec![named("Inline", 10240)];
        role_policies.extend((0..10).map(|n| named(&format!("Managed{n}"), 6144)));
        world["roles"][0]["policies"] = json!(role_policies);
        world["roles"][0]["permissionsBoundary"] = named("RoleBoundary", 6144);
        world["roles"][0]["trustPolicy"] = json!(policy_of_size(4096, "Trust"));
        let levels: Vec<_> = (0..5).map(|n| json!([named(&format!("Scp{n}"), 5120)])).collect();
        world["accounts"][0]["scps"] = json!(levels);
        let shared = Shared { world, ..Shared::default() };
        let json = payload(&shared);
        assert!(json.len() <= MAX_DECODED, "{} bytes of JSON", json.len());
        let fragment = encode(&shared);
        assert!(fragment.len() <= MAX_PAYLOAD);
        assert_eq!(decode(&fragment), Ok(shared));
    }

    #[test]
    fn a_deflate_bomb_stops_at_the_bound() {
        // 8 MB of one byte deflates to a few kilobytes; inflating stops at MAX_DECODED.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 8 * MAX_DECODED], 10);
        let fragment = format!("v1={}", URL_SAFE_NO_PAD.encode(bomb));
        assert!(fragment.len() < 64 * 1024);
        assert_eq!(decode(&fragment), Err(ShareError::TooLarge));
    }
}
