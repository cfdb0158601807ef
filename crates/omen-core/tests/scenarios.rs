//! Scenario tests: every world in `tests/scenarios/*.json` is played and checked against its
//! expectations — every step's decision, the error text, the session, CloudTrail, the fix — and
//! the text people read (explanations in English and Japanese, errors, fixes, decoded messages,
//! CloudTrail records) is compared with `tests/scenarios/snapshots/NAME.txt`.
//! `OMEN_BLESS=1 cargo test -p omen-core --test scenarios` rewrites the snapshots.
#![expect(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failing test, and expectations index JSON freely"
)]

use omen_core::flow::{self, FlowResult, StepDecision, World};
use omen_core::Lang;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios")
}

fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenario_dir())
        .expect("tests/scenarios exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// A world with the AWS managed policies it attaches by reference filled in from the catalogue,
/// as the page and `omen` play it: a story's (`ReadOnlyAccess`, too large to be written into it)
/// or a scenario's own (every one: no scenario carries a typed copy, see `aws_managed_copies.rs`).
fn filled_in(world_json: &str) -> Result<String, String> {
    use omen_core::vocabulary::{attach_managed_policies, ManagedCatalogue, ManagedPolicies, ServiceReference};
    let mut world: Value = serde_json::from_str(world_json).map_err(|e| e.to_string())?;
    if omen_core::vocabulary::attaches_by_reference(&world) {
        let reference = ServiceReference::parse(omen_catalogue::SERVICE_REFERENCE).map_err(|e| e.to_string())?;
        let policies = ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).map_err(|e| e.to_string())?;
        let problems =
            attach_managed_policies(&mut world, Some(ManagedCatalogue { policies: &policies, reference: &reference }));
        if let Some(problem) = problems.first() {
            return Err(problem.message(Lang::En));
        }
    }
    Ok(world.to_string())
}

/// A scenario: a world (inline, or a preset by id) and what must come of it.
struct Scenario {
    name: String,
    world: World,
    world_json: String,
    expect: Value,
}

fn load(path: &Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let name = value["name"].as_str().ok_or("no `name`")?.to_string();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if name != stem {
        return Err(format!("`name` is `{name}` but the file is `{stem}.json`"));
    }
    let world_json = match (&value["world"], value["preset"].as_str()) {
        (Value::Object(_), None) => filled_in(&serde_json::to_string(&value["world"]).map_err(|e| e.to_string())?)?,
        (Value::Null, Some(id)) => filled_in(flow::preset(id).ok_or(format!("no preset `{id}`"))?.world_json)?,
        _ => return Err("give either `world` or `preset`".into()),
    };
    let world = World::from_json(&world_json).map_err(|e| e.to_string())?;
    Ok(Scenario { name, world, world_json, expect: value["expect"].clone() })
}

/// Whether `actual` matches `expected`: objects by their listed keys, arrays element by element,
/// `{"startsWith"|"endsWith"|"contains": …}` on strings, scalars by equality.
fn matches(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match expected {
        Value::Object(map) if map.len() == 1 && map.contains_key("startsWith") => {
            let (text, prefix) = (actual.as_str().unwrap_or_default(), map["startsWith"].as_str().unwrap_or_default());
            text.starts_with(prefix).then_some(()).ok_or(format!("{path}: `{text}` does not start with `{prefix}`"))
        }
        Value::Object(map) if map.len() == 1 && map.contains_key("endsWith") => {
            let (text, suffix) = (actual.as_str().unwrap_or_default(), map["endsWith"].as_str().unwrap_or_default());
            text.ends_with(suffix).then_some(()).ok_or(format!("{path}: `{text}` does not end with `{suffix}`"))
        }
        Value::Object(map) if map.len() == 1 && map.contains_key("contains") => {
            let text = match actual {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let wanted: Vec<String> = match &map["contains"] {
                Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
                Value::String(s) => vec![s.clone()],
                other => vec![other.to_string()],
            };
            for piece in wanted {
                if !text.contains(&piece) {
                    return Err(format!("{path}: `{text}` does not contain `{piece}`"));
                }
            }
            Ok(())
        }
        Value::Object(map) => {
            for (key, wanted) in map {
                matches(actual.get(key).unwrap_or(&Value::Null), wanted, &format!("{path}.{key}"))?;
            }
            Ok(())
        }
        Value::Array(items) => {
            let got = actual.as_array().ok_or(format!("{path}: expected an array, found {actual}"))?;
            if got.len() != items.len() {
                return Err(format!("{path}: expected {} items, found {}: {actual}", items.len(), got.len()));
            }
            for (i, (g, w)) in got.iter().zip(items).enumerate() {
                matches(g, w, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        scalar => (actual == scalar).then_some(()).ok_or(format!("{path}: expected {scalar}, found {actual}")),
    }
}

fn check_step(step: &Value, expected: &Value, id: &str) -> Result<(), String> {
    let mut expected = expected.clone();
    let fields = expected.as_object_mut().ok_or(format!("steps.{id} must be an object"))?;
    for key in ["fix", "decodedMessage", "advice"] {
        if let Some(Value::Bool(wanted)) = fields.get(key).cloned() {
            fields.remove(key);
            let present = step.get(key).is_some_and(|v| !v.is_null());
            if present != wanted {
                return Err(format!(
                    "steps.{id}.{key}: expected {}, found {}",
                    if wanted { "one" } else { "none" },
                    step[key]
                ));
            }
        }
    }
    if let Some(Value::Array(pieces)) = fields.remove("explanationContains") {
        let english = step["explanationEn"].to_string();
        for piece in pieces {
            let piece = piece.as_str().unwrap_or_default();
            if !english.contains(piece) {
                return Err(format!("steps.{id}: the explanation does not mention `{piece}`: {english}"));
            }
        }
    }
    matches(step, &Value::Object(fields.clone()), &format!("steps.{id}"))
}

fn check(scenario: &Scenario, result: &FlowResult) -> Result<(), String> {
    let actual = serde_json::to_value(result).map_err(|e| e.to_string())?;
    let expect = &scenario.expect;
    let steps = expect["steps"].as_object().ok_or("`expect.steps` lists every step")?;
    let ids: Vec<&str> = result.steps.iter().map(|s| s.id.as_str()).collect();
    let listed: Vec<&str> = steps.keys().map(String::as_str).collect();
    let mut sorted_ids = ids.clone();
    sorted_ids.sort_unstable();
    let mut sorted_listed = listed.clone();
    sorted_listed.sort_unstable();
    if sorted_ids != sorted_listed {
        return Err(format!("the steps are {ids:?}, the scenario lists {listed:?}"));
    }
    for (index, step) in result.steps.iter().enumerate() {
        check_step(&actual["steps"][index], &steps[&step.id], &step.id)?;
    }
    for key in ["succeeded", "failedStep", "errorCode", "errorMessage", "session", "chain", "cloudtrail"] {
        if let Some(wanted) = expect.get(key) {
            matches(&actual[key], wanted, key)?;
        }
    }
    let codes: Vec<&str> = result.warnings.iter().map(|w| w.code).collect();
    let wanted: Vec<&str> =
        expect["warnings"].as_array().map(|w| w.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    if codes != wanted {
        return Err(format!("warnings: expected {wanted:?}, found {codes:?}"));
    }
    let errors: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.is_error())
        .map(|d| format!("{}: {}", d.diagnostic.code, d.diagnostic.message.en))
        .collect();
    let wanted_errors: Vec<&str> =
        expect["diagnostics"].as_array().map(|d| d.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    if errors.len() != wanted_errors.len() || !wanted_errors.iter().all(|w| errors.iter().any(|e| e.starts_with(w))) {
        return Err(format!("diagnostics: expected {wanted_errors:?}, found {errors:?}"));
    }
    // The world's own warnings (not a policy's), by code, when the scenario lists them.
    if let Some(wanted) = expect.get("diagnosticWarnings").and_then(Value::as_array) {
        let wanted: Vec<&str> = wanted.iter().filter_map(Value::as_str).collect();
        let found: Vec<&str> = result
            .diagnostics
            .iter()
            .filter(|d| !d.diagnostic.is_error() && d.policy_name.is_none())
            .map(|d| d.diagnostic.code)
            .collect();
        if found != wanted {
            return Err(format!("diagnosticWarnings: expected {wanted:?}, found {found:?}"));
        }
    }
    check_invariants(scenario, result)
}

/// What must hold for every scenario, whatever it expects.
fn check_invariants(scenario: &Scenario, result: &FlowResult) -> Result<(), String> {
    for step in &result.steps {
        if step.explanation_en.is_empty() || step.explanation_ja.is_empty() {
            return Err(format!("{}: every step explains itself in English and Japanese", step.id));
        }
        if let Some(message) = &step.error_message {
            if message.contains("Encoded authorization failure message:") {
                let decoded = flow::decode_authorization_message(message).map_err(|e| e.to_string())?;
                if Some(&decoded) != step.decoded_message.as_ref() {
                    return Err(format!("{}: the token does not decode to the step's decoded message", step.id));
                }
            }
        }
        if let Some(fix) = &step.fix {
            // Verify the fix independently: make its changes and play again.
            let mut world = scenario.world.clone();
            for change in &fix.changes {
                world =
                    flow::apply(&world, change).ok_or(format!("{}: a change of the fix cannot be made", step.id))?;
            }
            let replayed = flow::play(&world);
            let after = replayed.step(&step.id).ok_or(format!("{}: the step is gone after the fix", step.id))?;
            if !matches!(after.decision, StepDecision::Allowed | StepDecision::NotRequired | StepDecision::Info) {
                return Err(format!("{}: the fix does not make the step pass ({:?})", step.id, after.decision));
            }
        }
    }
    let words = format!(
        "{}{}",
        flow::render_text(result, Lang::En) + &flow::render_text(result, Lang::Ja),
        serde_json::to_string(result).map_err(|e| e.to_string())?
    );
    let doubled = doubled_names(&words);
    if !doubled.is_empty() {
        return Err(format!("a policy with no name of its own is named by its kind alone, never as `{doubled:?}`"));
    }
    let round_trip: Value = serde_json::from_str(&flow::play_json(&scenario.world_json)).map_err(|e| e.to_string())?;
    if round_trip != serde_json::to_value(result).map_err(|e| e.to_string())? {
        return Err("play_json and play disagree".into());
    }
    Ok(())
}

/// The names a world gives a document that has none of its own, where `words` use them as a
/// name ("role trust policy `trust policy`"): every message built from a policy's kind and name
/// must say the kind alone for these.
fn doubled_names(words: &str) -> Vec<&'static str> {
    ["trust policy", "resource policy", "permissions boundary", "session policy"]
        .into_iter()
        .filter(|name| words.contains(&format!("`{name}`")))
        .collect()
}

/// Replace Omen's long authorization tokens by their length: the decoded message is snapshotted
/// on its own.
fn redact_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("OMEN1-") {
        out.push_str(&rest[..start]);
        let token = &rest[start..];
        let end = token
            .char_indices()
            .skip(6)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
            .map_or(token.len(), |(i, _)| i);
        out.push_str(&format!("OMEN1-<token: {} characters>", end - 6));
        rest = &token[end..];
    }
    out.push_str(rest);
    out
}

fn snapshot_text(result: &FlowResult) -> String {
    let mut text = String::new();
    text.push_str("=== English ===\n");
    text.push_str(&flow::render_text(result, Lang::En));
    text.push_str("\n=== 日本語 ===\n");
    // CloudTrail records are the same in both languages: snapshot them once.
    let japanese = flow::render_text(result, Lang::Ja);
    text.push_str(japanese.split("\n## CloudTrail\n").next().unwrap_or_default());
    let decoded: Vec<&flow::Step> = result.steps.iter().filter(|s| s.decoded_message.is_some()).collect();
    if !decoded.is_empty() {
        text.push_str("\n=== Decoded authorization messages ===\n");
        for step in decoded {
            let message = json!({ "DecodedMessage": step.decoded_message });
            text.push_str(&format!("## {}\n{}\n", step.id, serde_json::to_string_pretty(&message).unwrap_or_default()));
        }
    }
    redact_tokens(&text)
}

fn check_snapshot(name: &str, actual: &str) -> Result<(), String> {
    let path = scenario_dir().join("snapshots").join(format!("{name}.txt"));
    if std::env::var("OMEN_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path)
        .map_err(|_| format!("no snapshot {}: run with OMEN_BLESS=1 to write it", path.display()))?;
    if expected == actual {
        return Ok(());
    }
    let first = expected.lines().zip(actual.lines()).position(|(e, a)| e != a).unwrap_or(0);
    Err(format!(
        "snapshot {} differs from line {}:\n  expected: {}\n  actual:   {}\n(OMEN_BLESS=1 rewrites snapshots)",
        path.display(),
        first + 1,
        expected.lines().nth(first).unwrap_or("<end>"),
        actual.lines().nth(first).unwrap_or("<end>")
    ))
}

#[test]
fn scenarios() {
    let files = scenario_files();
    assert!(files.len() >= 25, "expected at least 25 scenarios, found {}", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let outcome = load(path).and_then(|scenario| {
            let result = flow::play(&scenario.world);
            check(&scenario, &result)?;
            check_snapshot(&scenario.name, &snapshot_text(&result))
        });
        if let Err(error) = outcome {
            failures.push(format!("{}: {error}", path.file_name().and_then(|n| n.to_str()).unwrap_or_default()));
        }
    }
    assert!(failures.is_empty(), "{} scenario(s) failed:\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn no_stale_snapshots() {
    let names: Vec<String> =
        scenario_files().iter().filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string)).collect();
    let stale: Vec<String> = std::fs::read_dir(scenario_dir().join("snapshots"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
                .filter(|stem| !names.contains(stem))
                .collect()
        })
        .unwrap_or_default();
    assert!(stale.is_empty(), "snapshots without a scenario: {stale:?}");
}

#[test]
fn tokens_are_redacted_in_snapshots() {
    assert_eq!(redact_tokens("message: OMEN1-abc_-9 end"), "message: OMEN1-<token: 6 characters> end");
}
