//! Generates the catalogues from the npm packages in `catalogue/node_modules` (installed by
//! `scripts/setup`) into `OUT_DIR`, where `src/lib.rs` embeds them. Without the packages it
//! writes empty catalogues and warns: the CLI then says how to install them.

// Shared with the tests of src/lib.rs; each side uses part of it.
#[allow(dead_code)]
#[path = "src/generate.rs"]
mod generate;

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let node_modules = match std::env::var_os("OMEN_CATALOGUE_NODE_MODULES") {
        Some(dir) => PathBuf::from(dir),
        None => manifest.join("../../catalogue/node_modules"),
    };
    println!("cargo:rerun-if-env-changed=OMEN_CATALOGUE_NODE_MODULES");
    println!("cargo:rerun-if-changed=src/generate.rs");
    println!("cargo:rerun-if-changed={}", node_modules.join(".package-lock.json").display());
    let sources = generate::Sources::in_node_modules(&node_modules);
    let (service_reference, action_descriptions, managed_policies, found) =
        if sources.iam_data.join("package.json").exists() && sources.managed_policies.join("package.json").exists() {
            match generate::generate(&sources) {
                Ok(generated) => {
                    (generated.service_reference, generated.action_descriptions, generated.managed_policies, true)
                }
                Err(error) => {
                    eprintln!("error: the catalogue generator failed: {error}");
                    std::process::exit(1);
                }
            }
        } else {
            println!(
            "cargo:warning=the catalogue packages are not installed in {}: run ./scripts/setup (omen lint needs them)",
            node_modules.display()
        );
            (String::new(), String::new(), String::new(), false)
        };
    let write = |name: &str, text: &str| {
        if let Err(error) = std::fs::write(out.join(name), text) {
            eprintln!("error: cannot write {name} into OUT_DIR: {error}");
            std::process::exit(1);
        }
    };
    write("service-reference.txt", &service_reference);
    write("action-descriptions.txt", &action_descriptions);
    write("managed-policies.txt", &managed_policies);
    write("found.rs", if found { "true" } else { "false" });
    let first_line = |text: &str| text.lines().next().unwrap_or_default().to_owned();
    write("headers.rs", &format!("[{:?}, {:?}]", first_line(&service_reference), first_line(&managed_policies)));
}
