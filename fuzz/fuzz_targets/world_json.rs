//! Fuzz target: any text as a world (`World::from_json`), played with fixes (`flow::play`) and
//! rendered as text in English and Japanese and as JSON. Nothing may panic, loop or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omen_core::Lang;
use omen_core::flow::{play, render_text, World};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(world) = World::from_json(text) else { return };
    let result = play(&world);
    let _ = render_text(&result, Lang::En);
    let _ = render_text(&result, Lang::Ja);
    let json = serde_json::to_string(&result).expect("a flow result always serialises");
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "a flow result is JSON");
});
