//! Versions workshop mode's material: a hash of every lesson and challenge file the page fetches
//! (Trunk copies `workshop/lessons` and `workshop/challenges` into `dist/`) and the interface's
//! stylesheet (`web/workshop.css`), so that the page asks
//! for `…/<id>.json?v=<hash>` and a browser never mixes a cached old lesson with new code.

use std::fs;
use std::path::Path;

/// FNV-1a, 64 bits: enough to tell versions apart; not a security measure.
fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("workshop");
    let mut hash = 0xcbf2_9ce4_8422_2325;
    for dir in ["lessons", "challenges"] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
            .unwrap_or_default();
        files.sort();
        for file in files {
            hash = fnv(hash, file.file_name().map(|name| name.as_encoded_bytes()).unwrap_or_default());
            hash = fnv(hash, &fs::read(&file).unwrap_or_default());
        }
    }
    // The interface's stylesheet, fetched beside the lessons.
    let stylesheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("workshop.css");
    println!("cargo:rerun-if-changed={}", stylesheet.display());
    hash = fnv(hash, &fs::read(&stylesheet).unwrap_or_default());
    println!("cargo:rustc-env=OMEN_WORKSHOP_VERSION={:012x}", hash >> 16);
}
