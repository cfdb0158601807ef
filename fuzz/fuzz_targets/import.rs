//! Fuzz target: any text as an `aws iam` export (split at the first NUL into two files, so that
//! cross-file resolution runs too), under each way of handling credentials, then into a world and
//! back through the flow's reader; and any text as a paste. Nothing may panic, loop or blow up,
//! redaction must leave nothing to find, and a world built from an import must always read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omen_core::flow::World;
use omen_core::import::{
    find_secrets, import, policy_from_paste, redact_secrets, world_json, ImportFile, ImportOptions, SecretHandling,
    WorldChoice,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (first, second) = text.split_once('\0').unwrap_or((text, ""));
    let files = [ImportFile { name: "a.json", text: first }, ImportFile { name: "b.json", text: second }];
    for secrets in [SecretHandling::Refuse, SecretHandling::Redact, SecretHandling::Keep] {
        let imported = import(&files, &ImportOptions { secrets, ..ImportOptions::default() });
        for diagnostic in &imported.diagnostics {
            if let Some(range) = diagnostic.range {
                let file = if diagnostic.file == "a.json" { first } else { second };
                assert!(range.start <= range.end && range.end <= file.len(), "{diagnostic:?}");
            }
        }
        let world = world_json(&imported.inventory, &WorldChoice::default()).expect("no choice, no problem");
        World::from_json(&world.to_string()).expect("an imported world reads");
    }
    let redacted = redact_secrets(text, &find_secrets(text));
    assert_eq!(redacted.len(), text.len());
    assert!(find_secrets(&redacted).is_empty(), "redaction left a credential");
    let _ = policy_from_paste(text);
});
