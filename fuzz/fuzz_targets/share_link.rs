//! Fuzz target: the web app's share-link decoder (`web/src/share.rs`, compiled here on its own,
//! without Yew). Any text as a `#v1=…` fragment and as the inflated JSON a link carries, and any
//! bytes deflated and base64-encoded into a well-formed link, must be refused or decoded — never a
//! panic — and whatever decodes must survive `encode` → `decode` unchanged (a number to within its
//! last digit: serde_json's default float parsing is not correctly rounded, so a float such as
//! `1111…1` with 80 digits may come back one unit in the last place away; worlds hold integers).
#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;

#[path = "../../web/src/share.rs"]
#[allow(dead_code, reason = "the fuzz target calls only the decoder side")]
mod share;

/// Equal JSON, numbers compared to within a relative 1e-12.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs()),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, x)| y.get(key).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

fn round_trips(shared: &share::Shared) {
    // A link over the size bound is refused on the way back in, as it should be.
    if share::payload(shared).len() < share::MAX_DECODED {
        let back = share::decode(&share::encode(shared));
        let same = back.as_ref().is_ok_and(|back| {
            back.lang == shared.lang && back.preset == shared.preset && same_json(&back.world, &shared.world)
        });
        assert!(same, "encode → decode changed the link:\n{shared:?}\n{back:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(shared) = share::decode(text) {
            round_trips(&shared);
        }
        if let Ok(shared) = share::read_json(text) {
            round_trips(&shared);
            let _ = omen_core::flow::World::from_json(&shared.world.to_string());
        }
    }
    let packed = miniz_oxide::deflate::compress_to_vec(data, 1);
    let fragment = format!("#v1={}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed));
    if let Ok(shared) = share::decode(&fragment) {
        round_trips(&shared);
    }
});
