//! `omen lint`: the save-time diagnostics and Access Analyzer-style findings of policy files, as
//! JSON lines (or text with `--text`), exiting non-zero when any is an error; `--bench` times
//! validation (parse + lint) instead. `omen --version` names the catalogues' sources.

use omen_core::lint::{self, Finding};
use omen_core::vocabulary::{self, ManagedCatalogue, ManagedPolicies, ServiceReference};
use omen_core::Lang;
use omen_core::LineIndex;
use omen_core::PolicyKind;
use serde::Serialize;
use std::time::Instant;

const USAGE: &str = "usage: omen lint [--kind identity|trust|boundary|session|scp|rcp|resource] [--quota N]
                 [--lang en|ja] [--text] [--bench [--iterations N]] FILE...";

struct Options {
    files: Vec<String>,
    kind: PolicyKind,
    quota: Option<usize>,
    lang: Lang,
    text: bool,
    bench: bool,
    iterations: usize,
}

fn parse_kind(name: &str) -> Result<PolicyKind, String> {
    Ok(match name {
        "identity" => PolicyKind::Identity,
        "trust" => PolicyKind::Trust,
        "boundary" | "permissionsBoundary" => PolicyKind::PermissionsBoundary,
        "session" => PolicyKind::Session,
        "scp" => PolicyKind::Scp,
        "rcp" => PolicyKind::Rcp,
        "resource" => PolicyKind::Resource,
        other => {
            return Err(format!(
                "`--kind` takes identity, trust, boundary, session, scp, rcp or resource, not `{other}`"
            ))
        }
    })
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        files: Vec::new(),
        kind: PolicyKind::Identity,
        quota: None,
        lang: Lang::En,
        text: false,
        bench: false,
        iterations: 1_000,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("`{name}` takes a value\n{USAGE}"));
        match arg.as_str() {
            "--kind" => options.kind = parse_kind(&value("--kind")?)?,
            "--quota" => {
                options.quota = Some(value("--quota")?.parse().map_err(|_| "`--quota` takes a number of characters")?)
            }
            "--lang" => {
                options.lang = match value("--lang")?.as_str() {
                    "en" => Lang::En,
                    "ja" => Lang::Ja,
                    other => return Err(format!("`--lang` takes `en` or `ja`, not `{other}`")),
                }
            }
            "--text" => options.text = true,
            "--bench" => options.bench = true,
            "--iterations" => {
                options.iterations = value("--iterations")?
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or("`--iterations` takes a positive number")?
            }
            file => options.files.push(file.to_string()),
        }
    }
    if options.files.is_empty() {
        return Err(format!("no policy files\n{USAGE}"));
    }
    Ok(options)
}

/// The embedded service reference, or why there is none.
pub fn service_reference() -> Result<ServiceReference, String> {
    if !omen_catalogue::GENERATED {
        return Err("the catalogues were not generated: run ./scripts/setup (it installs catalogue/node_modules), then build again".into());
    }
    ServiceReference::parse(omen_catalogue::SERVICE_REFERENCE).map_err(|e| e.to_string())
}

/// A finding with where it is in lines, columns and UTF-16 units (what editors count).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LocatedFinding<'f> {
    #[serde(flatten)]
    finding: &'f Finding,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    utf16_range: [usize; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileReport<'f> {
    file: &'f str,
    kind: &'static str,
    errors: usize,
    findings: Vec<LocatedFinding<'f>>,
}

fn locate<'f>(findings: &'f [Finding], text: &str) -> Vec<LocatedFinding<'f>> {
    let index = LineIndex::new(text);
    findings
        .iter()
        .map(|finding| {
            let start = index.position(finding.range.start);
            let end = index.position(finding.range.end);
            LocatedFinding {
                finding,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                utf16_range: [start.utf16_offset, end.utf16_offset],
            }
        })
        .collect()
}

fn render_text(file: &str, text: &str, findings: &[Finding]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for finding in findings {
        let start = index.position(finding.range.start);
        let end = index.position(finding.range.end);
        let source = index.line_text(start.line);
        let width = if end.line == start.line { end.column.saturating_sub(start.column).max(1) } else { 1 };
        out.push_str(&format!(
            "{}[{}]: {}\n --> {file}:{}:{}\n  | {source}\n  | {}{}\n",
            finding.severity.name(),
            finding.code.code(),
            finding.message,
            start.line,
            start.column,
            " ".repeat(start.column.saturating_sub(1)),
            "^".repeat(width)
        ));
        if let Some(help) = &finding.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        if let Some(fix) = &finding.fix {
            out.push_str(&format!("  = fix: {}\n", fix.title));
        }
        out.push_str(&format!("  = see: {} <{}>\n\n", finding.doc.title, finding.doc.url));
    }
    out
}

/// Run `omen lint`; `Ok(true)` when no file has an error.
pub fn run(args: &[String], read_input: impl Fn(&str) -> Result<String, String>) -> Result<bool, String> {
    let options = parse_options(args)?;
    let reference = service_reference()?;
    let quota = options.quota.unwrap_or_else(|| options.kind.size_quota());
    let mut clean = true;
    for file in &options.files {
        let text = read_input(file)?;
        if options.bench {
            bench(file, &text, &options, quota, &reference)?;
            continue;
        }
        let findings = lint::check(&text, options.kind, quota, &reference, options.lang);
        let errors = findings.iter().filter(|f| f.is_error()).count();
        clean &= errors == 0;
        if options.text {
            crate::print_text(&render_text(file, &text, &findings))?;
        } else {
            let report = FileReport { file, kind: options.kind.as_str(), errors, findings: locate(&findings, &text) };
            crate::print_line(&report)?;
        }
    }
    Ok(clean)
}

/// Time `lint::check` (parse + findings) on one file: p50, p95 and the slowest run.
fn bench(file: &str, text: &str, options: &Options, quota: usize, reference: &ServiceReference) -> Result<(), String> {
    let mut findings = 0;
    for _ in 0..options.iterations.min(50) {
        findings = lint::check(text, options.kind, quota, reference, options.lang).len();
    }
    let mut micros: Vec<f64> = Vec::with_capacity(options.iterations);
    for _ in 0..options.iterations {
        let started = Instant::now();
        let found = lint::check(std::hint::black_box(text), options.kind, quota, reference, options.lang);
        micros.push(started.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(found);
    }
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros.get(((micros.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
    crate::print_line(&serde_json::json!({
        "file": file,
        "kind": options.kind.as_str(),
        "chars": text.chars().filter(|c| !c.is_whitespace()).count(),
        "findings": findings,
        "iterations": options.iterations,
        "p50Micros": at(0.50).round(),
        "p95Micros": at(0.95).round(),
        "maxMicros": at(1.0).round(),
    }))
}

/// A world's JSON with the AWS managed policies it attaches by ARN or name filled in from the
/// embedded catalogue (`omen_core::vocabulary::attach_managed_policies`); unchanged when it
/// attaches none (or is no JSON: the world reader says why). An attachment that cannot be
/// resolved is an error, with its help.
pub fn attach_managed_policies(text: String, lang: Lang) -> Result<String, String> {
    let Ok(mut world) = serde_json::from_str::<serde_json::Value>(&text) else { return Ok(text) };
    if !vocabulary::attaches_by_reference(&world) {
        return Ok(text);
    }
    let catalogues = service_reference()
        .ok()
        .and_then(|reference| Some((reference, ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).ok()?)));
    let catalogue = catalogues.as_ref().map(|(reference, policies)| ManagedCatalogue { policies, reference });
    let problems = vocabulary::attach_managed_policies(&mut world, catalogue);
    if problems.is_empty() {
        return serde_json::to_string(&world).map_err(|e| e.to_string());
    }
    let lines: Vec<String> = problems
        .iter()
        .map(|problem| match problem.help(lang) {
            Some(help) => format!("{} (at `{}`)\n  = help: {help}", problem.message(lang), problem.pointer),
            None => format!("{} (at `{}`)", problem.message(lang), problem.pointer),
        })
        .collect();
    Err(lines.join("\n"))
}

/// `omen --version`: the version and each catalogue's source, data date and counts.
pub fn version() -> Result<String, String> {
    let mut out = format!("omen {}\n", env!("CARGO_PKG_VERSION"));
    if !omen_catalogue::GENERATED {
        out.push_str("catalogues: not generated (run ./scripts/setup, then build again)\n");
        return Ok(out);
    }
    let reference = service_reference()?;
    let managed = ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).map_err(|e| e.to_string())?;
    out.push_str(&format!(
        "service authorization reference: {}: {} services, {} actions, {} resource types, {} condition keys\n",
        reference.source,
        reference.services.len(),
        reference.action_count(),
        reference.resource_type_count(),
        reference.condition_key_count()
    ));
    out.push_str(&format!("AWS managed policies: {}: {} policies\n", managed.source, managed.policies.len()));
    Ok(out)
}
