//! Import tests: every case in `tests/import/cases.json` imports its fixture files (written in
//! the shapes the AWS CLI prints, see `tests/import/README.md`) and is checked against its
//! expectations — entities per account, AWS managed policies held, unresolved references, every
//! diagnostic (code, file, JSON pointer, line), values in the result, and flows played on the
//! world made from it. The diagnostics as people read them (English and Japanese, with the line
//! of the file they point at) are compared with `tests/import/snapshots/NAME.txt`;
//! `OMEN_BLESS=1 cargo test -p omen-core --test import` rewrites the snapshots.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test, and expectations index JSON freely"
)]

use omen_core::flow::{self, World};
use omen_core::import::{
    find_secrets, import, redact_secrets, world_json, Import, ImportFile, ImportOptions, SecretHandling, WorldChoice,
};
use omen_core::LineIndex;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/import")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cases() -> Vec<Value> {
    let text = read("cases.json");
    serde_json::from_str::<Value>(&text).expect("cases.json is JSON")["cases"].as_array().expect("`cases`").clone()
}

/// A catalogue made of `get-policy-version` files named after AWS managed policies.
fn catalogue(files: &[Value]) -> HashMap<String, String> {
    files
        .iter()
        .map(|file| {
            let name = file.as_str().expect("catalogue file name");
            let value: Value = serde_json::from_str(&read(name)).expect("catalogue file is JSON");
            let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).expect("a file stem");
            (format!("arn:aws:iam::aws:policy/{stem}"), value["PolicyVersion"]["Document"].to_string())
        })
        .collect()
}

fn run(case: &Value) -> (Import, Vec<(String, String)>) {
    let names: Vec<String> =
        case["files"].as_array().expect("`files`").iter().map(|f| f.as_str().unwrap().to_string()).collect();
    let texts: Vec<(String, String)> = names.iter().map(|n| (n.clone(), read(n))).collect();
    let files: Vec<ImportFile<'_>> = texts.iter().map(|(name, text)| ImportFile { name, text }).collect();
    let secrets = match case["secrets"].as_str() {
        None | Some("refuse") => SecretHandling::Refuse,
        Some("redact") => SecretHandling::Redact,
        Some("keep") => SecretHandling::Keep,
        Some(other) => panic!("unknown `secrets`: {other}"),
    };
    let documents = catalogue(case["catalogue"].as_array().map(Vec::as_slice).unwrap_or_default());
    let lookup = |arn: &str| documents.get(arn).cloned();
    let options = ImportOptions { secrets, catalogue: &lookup };
    (import(&files, &options), texts)
}

/// The diagnostics as people read them: message and help in both languages, under the line of
/// the file they point at (with any credential blanked out: a diagnostic never shows one).
fn render(imported: &Import, texts: &[(String, String)]) -> String {
    let mut out = String::new();
    for d in &imported.diagnostics {
        let severity = if d.is_error() { "error" } else { "warning" };
        let at = match (d.line, d.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", d.file),
            _ => d.file.clone(),
        };
        let pointer = d.pointer.as_deref().filter(|p| !p.is_empty()).map(|p| format!(" at `{p}`")).unwrap_or_default();
        let document = d.document.map(|n| format!(" (document {n})")).unwrap_or_default();
        writeln!(out, "{severity}[{}]: {}\n --> {at}{document}{pointer}", d.code, d.message.en).unwrap();
        if let (Some(line), Some((_, text))) = (d.line, texts.iter().find(|(name, _)| *name == d.file)) {
            let safe = redact_secrets(text, &find_secrets(text));
            let source = LineIndex::new(&safe).line_text(line);
            let shown: String = source.chars().take(120).collect();
            writeln!(out, "  | {shown}").unwrap();
        }
        if let Some(help) = &d.help {
            writeln!(out, "  = help: {}", help.en).unwrap();
        }
        writeln!(out, "  ja: {}", d.message.ja).unwrap();
        if let Some(help) = &d.help {
            writeln!(out, "  = ヘルプ: {}", help.ja).unwrap();
        }
        out.push('\n');
    }
    out
}

fn check(case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().expect("`name`");
    let expect = &case["expect"];
    let (imported, texts) = run(case);
    if std::env::var_os("OMEN_IMPORT_ACTUAL").is_some() {
        let accounts: serde_json::Map<String, Value> = imported.inventory.accounts.iter().map(|a| (a.id.clone(), json!({"users": a.users.len(), "groups": a.groups.len(), "roles": a.roles.len(), "policies": a.policies.len()}))).collect();
        let held: Vec<&str> = imported
            .inventory
            .aws_managed_policies
            .iter()
            .filter(|p| p.document.is_some())
            .map(|p| p.name.as_str())
            .collect();
        let unresolved: Vec<&str> = imported.unresolved.iter().map(|u| u.arn.as_str()).collect();
        let diagnostics: Vec<Value> =
            imported.diagnostics.iter().map(|d| json!([d.code, d.file, d.pointer, d.line])).collect();
        println!(
            "{name}: {}",
            json!({"accounts": accounts, "awsManaged": held, "unresolved": unresolved, "diagnostics": diagnostics})
        );
    }
    let result = serde_json::to_value(&imported).expect("the import serializes");
    // Entities per account.
    if let Some(accounts) = expect["accounts"].as_object() {
        let actual: serde_json::Map<String, Value> = imported
            .inventory
            .accounts
            .iter()
            .map(|a| {
                (a.id.clone(), json!({"users": a.users.len(), "groups": a.groups.len(), "roles": a.roles.len(), "policies": a.policies.len()}))
            })
            .collect();
        if &actual != accounts {
            return Err(format!("accounts: {}", Value::Object(actual)));
        }
    }
    if let Some(names) = expect["awsManaged"].as_array() {
        let actual: Vec<Value> = imported
            .inventory
            .aws_managed_policies
            .iter()
            .filter(|p| p.document.is_some())
            .map(|p| json!(p.name))
            .collect();
        if &actual != names {
            return Err(format!("awsManaged: {actual:?}"));
        }
    }
    let unresolved: Vec<Value> = imported.unresolved.iter().map(|u| json!(u.arn)).collect();
    if expect["unresolved"].as_array().map_or(!unresolved.is_empty(), |e| e != &unresolved) {
        return Err(format!("unresolved: {unresolved:?}"));
    }
    // Every diagnostic: [code, file, pointer, line].
    let diagnostics: Vec<Value> =
        imported.diagnostics.iter().map(|d| json!([d.code, d.file, d.pointer, d.line])).collect();
    let expected = expect["diagnostics"].as_array().cloned().unwrap_or_default();
    if diagnostics != expected {
        return Err(format!("diagnostics:\n{}", serde_json::to_string_pretty(&diagnostics).unwrap()));
    }
    for (pointer, value) in expect["values"].as_object().into_iter().flatten() {
        let actual = result.pointer(pointer).cloned().unwrap_or(Value::Null);
        if &actual != value {
            return Err(format!("{pointer}: {actual}"));
        }
    }
    // Flows played on the world the import makes.
    for flow_case in case["flows"].as_array().into_iter().flatten() {
        let choice = WorldChoice {
            name: Some(name.to_string()),
            caller: flow_case["caller"].as_str().map(str::to_string),
            role: flow_case["role"].as_str().map(str::to_string),
            api: flow_case["api"].as_str().map(str::to_string),
        };
        let world = world_json(&imported.inventory, &choice).map_err(|p| p.message().en)?;
        let world = World::from_json(&world.to_string()).map_err(|e| e.to_string())?;
        let played = flow::play(&world);
        let summary =
            json!({"succeeded": played.succeeded, "failedStep": played.failed_step, "errorCode": played.error_code});
        if std::env::var_os("OMEN_IMPORT_ACTUAL").is_some() {
            println!("{name} flow {} {}: {summary}", flow_case["caller"], flow_case["role"]);
            continue;
        }
        if summary != flow_case["expect"] {
            return Err(format!("flow {}: {summary}", flow_case["caller"]));
        }
    }
    // The world itself, for review, when the case asks.
    if case["worldSnapshot"] == json!(true) {
        let world = world_json(&imported.inventory, &WorldChoice::default()).map_err(|p| p.message().en)?;
        World::from_json(&world.to_string()).map_err(|e| e.to_string())?;
        let text = serde_json::to_string_pretty(&world).unwrap() + "\n";
        let path = fixture_dir().join("snapshots").join(format!("{name}.world.json"));
        if std::env::var_os("OMEN_BLESS").is_some() {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))? != text {
            return Err(format!("{} differs (OMEN_BLESS=1 rewrites it)", path.display()));
        }
    }
    // What people read.
    let rendered = render(&imported, &texts);
    let snapshot = fixture_dir().join("snapshots").join(format!("{name}.txt"));
    if std::env::var_os("OMEN_BLESS").is_some() {
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, &rendered).unwrap();
    } else {
        let stored = std::fs::read_to_string(&snapshot).map_err(|e| format!("{}: {e}", snapshot.display()))?;
        if stored != rendered {
            return Err(format!("snapshot differs (OMEN_BLESS=1 rewrites it):\n{rendered}"));
        }
    }
    Ok(())
}

#[test]
fn import_cases() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(!cases.is_empty());
    for case in &cases {
        if let Err(error) = check(case) {
            failures.push(format!("{}: {error}", case["name"]));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

/// Every fixture file is used by some case.
#[test]
fn every_fixture_is_used() {
    let used: Vec<String> = cases()
        .iter()
        .flat_map(|c| {
            c["files"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .chain(c["catalogue"].as_array().cloned().unwrap_or_default())
        })
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect();
    for dir in ["", "damaged", "secrets"] {
        for entry in std::fs::read_dir(fixture_dir().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let is_fixture = path.is_file() && path.extension().is_some_and(|e| e == "json" || e == "txt");
            let name = path.strip_prefix(fixture_dir()).unwrap().to_string_lossy().to_string();
            if is_fixture && name != "cases.json" {
                assert!(used.contains(&name), "{name} is in no case");
            }
        }
    }
}

/// Redaction keeps every position: the redacted import reads the same entities as the
/// untouched one, and no credential survives in what it read.
#[test]
fn redaction_changes_nothing_but_the_credentials() {
    let name = "secrets/authorization-details-tagged-key.json";
    let text = read(name);
    let file = [ImportFile { name, text: &text }];
    let kept = import(&file, &ImportOptions { secrets: SecretHandling::Keep, ..ImportOptions::default() });
    let redacted = import(&file, &ImportOptions { secrets: SecretHandling::Redact, ..ImportOptions::default() });
    let tags = |i: &Import| i.inventory.users().next().and_then(|u| u.tags.clone()).unwrap();
    let (kept_tags, redacted_tags) = (tags(&kept), tags(&redacted));
    assert_eq!(kept_tags.len(), redacted_tags.len());
    assert_eq!(redacted_tags[0].value, "REDACTED************");
    assert_eq!(redacted_tags[2].value, kept_tags[2].value);
    let serialized = serde_json::to_string(&redacted.inventory).unwrap();
    assert!(!serialized.contains("AKIAIOSFODNN7EXAMPLE") && !serialized.contains("EXAMPLEKEY"));
}

/// Every user, group, role and managed policy of an import, as JSON, by ARN.
fn entities(imported: &Import) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for account in &imported.inventory.accounts {
        let users = account.users.iter().map(|u| (u.arn.clone(), serde_json::to_value(u).unwrap()));
        let groups = account.groups.iter().map(|g| (g.arn.clone(), serde_json::to_value(g).unwrap()));
        let roles = account.roles.iter().map(|r| (r.arn.clone(), serde_json::to_value(r).unwrap()));
        let policies = account.policies.iter().map(|p| (p.arn.clone(), serde_json::to_value(p).unwrap()));
        out.extend(users.chain(groups).chain(roles).chain(policies));
    }
    out.extend(
        imported.inventory.aws_managed_policies.iter().map(|p| (p.arn.clone(), serde_json::to_value(p).unwrap())),
    );
    out
}

/// Cut the largest fixture at 150 points: every cut is reported once, at or before the
/// cut, and what loads is a growing subset of what the whole file gives, entity for entity —
/// nothing already read is lost, and no half-read entity is passed off as a whole one.
#[test]
fn a_file_cut_anywhere_keeps_every_complete_entity() {
    let name = "111122223333.json";
    let text = read(name);
    let whole = entities(&import(&[ImportFile { name, text: &text }], &ImportOptions::default()));
    let mut previous = 0;
    for cut in (1..text.len()).step_by(199) {
        let part = &text[..cut];
        let imported = import(&[ImportFile { name, text: part }], &ImportOptions::default());
        let loaded = entities(&imported);
        for entity in &loaded {
            assert!(whole.contains(entity), "cut at {cut}: {} differs from the whole file's", entity.0);
        }
        assert!(loaded.len() >= previous, "cut at {cut}: {} entities after {previous}", loaded.len());
        previous = loaded.len();
        let cuts: Vec<_> = imported.diagnostics.iter().filter(|d| d.code == "cut-json").collect();
        assert_eq!(cuts.len(), 1, "cut at {cut}: {:?}", imported.diagnostics);
        assert!(cuts[0].range.is_some_and(|r| r.start <= cut), "cut at {cut}: {:?}", cuts[0]);
    }
    assert!(previous > 0 && previous < whole.len());
}

/// "AWS managed policies" (IAM User Guide): their ARNs read `arn:aws:iam::aws:policy/` + path +
/// name, and an export made with `--filter User Role` attaches them by ARN without holding them
/// (it prints no `Policies`). With the managed-policy catalogue (its test slice, read as the page
/// and the CLI read the generated one) they resolve: the user holding `AdministratorAccess`
/// reaches administrator-equivalent power, hence the account's role; without the catalogue the
/// same file leaves both references unresolved and that user reaches nothing.
#[test]
fn aws_managed_policies_resolve_from_the_managed_policy_catalogue() {
    use omen_core::import::PolicyCatalogue;
    use omen_core::reach;
    use omen_core::vocabulary::{ManagedCatalogue, ManagedPolicies, ServiceReference};
    let reference =
        ServiceReference::parse(include_str!("../../omen-catalogue/tests/slice/expected/service-reference.txt"))
            .unwrap();
    let policies =
        ManagedPolicies::parse(include_str!("../../omen-catalogue/tests/slice/expected/managed-policies.txt")).unwrap();
    let catalogue = ManagedCatalogue { policies: &policies, reference: &reference };
    // A customer managed policy that shares the name is another policy.
    assert!(catalogue.default_version("arn:aws:iam::777788889999:policy/AdministratorAccess").is_none());
    assert!(catalogue.default_version("arn:aws:iam::aws:policy/AdministratorAccess").is_some());

    let name = "filter-user-role.json";
    let text = read(name);
    let files = [ImportFile { name, text: &text }];
    let answers = |options: &ImportOptions<'_>| {
        let imported = import(&files, options);
        let value = world_json(&imported.inventory, &WorldChoice::default()).unwrap();
        let world = reach::World::from_json(&value.to_string()).unwrap();
        let ask = |user: &str| reach::reach(&world, &format!("arn:aws:iam::777788889999:user/{user}")).unwrap();
        let roles = |r: &reach::Reach| r.reaches.iter().map(|r| r.role.clone()).collect::<Vec<_>>();
        let (lead, reader) = (ask("ops-lead"), ask("reader"));
        (imported.unresolved.len(), (lead.admin, roles(&lead)), (reader.admin, roles(&reader)))
    };
    let release = "arn:aws:iam::777788889999:role/release".to_string();
    assert_eq!(
        answers(&ImportOptions { secrets: SecretHandling::Refuse, catalogue: &catalogue }),
        (0, (true, vec![release]), (false, vec![]))
    );
    assert_eq!(answers(&ImportOptions::default()), (2, (false, vec![]), (false, vec![])));
}
