//! Fuzz target: the web app's share-link decoder (`web/src/share.rs`, compiled here on its own,
//! without Yew). Any text as a `#v1=…` fragment and as the inflated JSON a link carries, and any
//! bytes deflated and base64-encoded into a well-formed link, must be refused or decoded — never a
//! panic — and whatever decodes must survive `encode` → `decode` unchanged.
#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;

#[path = "../../web/src/share.rs"]
#[allow(dead_code, reason = "the fuzz target calls only the decoder side")]
mod share;

fn round_trips(shared: &share::Shared) {
    // A link over the size bound is refused on the way back in, as it should be.
    if share::payload(shared).len() < share::MAX_DECODED {
        assert_eq!(share::decode(&share::encode(shared)).as_ref(), Ok(shared), "encode → decode changed the link");
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
