//! `omen who-can --role ARN FILE...` and `omen reach --principal ARN FILE...`: the account-wide
//! questions of issue 13 over world JSON files or what the AWS CLI prints (read through import).

use omen_core::reach::World;
use omen_core::vocabulary::{ManagedCatalogue, ManagedPolicies};
use omen_core::{import, reach};
use serde_json::Value;
use std::time::Instant;

/// Which question.
pub enum Question {
    /// Who can assume or pass a role.
    WhoCan,
    /// What a principal can reach.
    Reach,
}

/// Run `omen who-can` or `omen reach`: the answer as JSON on stdout; `--time` adds the seconds
/// spent on stderr. Returns whether the answer could be given.
pub fn run(question: Question, args: &[String], read: fn(&str) -> Result<String, String>) -> Result<(), String> {
    let flag = match question {
        Question::WhoCan => "--role",
        Question::Reach => "--principal",
    };
    let mut subject = None;
    let mut files = Vec::new();
    let mut time = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--time" => time = true,
            a if a == flag => subject = Some(args.next().ok_or(format!("`{flag}` takes an ARN"))?.clone()),
            option if option.starts_with("--") && option != "-" => {
                return Err(format!("unknown option `{option}`\nhelp: give `{flag} ARN` and one or more files"))
            }
            file => files.push(file.to_string()),
        }
    }
    let subject = subject.ok_or(format!("`{flag} ARN` is required"))?;
    if files.is_empty() {
        return Err(
            "no input files\nhelp: give world JSON files or `aws iam get-account-authorization-details` output".into(),
        );
    }
    let mut texts = Vec::new();
    for file in &files {
        texts.push((file.clone(), read(file)?));
    }
    let started = Instant::now();
    let world = load(&texts)?;
    let loaded = started.elapsed();
    let answer = match question {
        Question::WhoCan => reach::who_can(&world, &subject).map(|a| reach::who_can_json(&a))?,
        Question::Reach => reach::reach(&world, &subject).map(|a| reach::reach_json(&a))?,
    };
    let total = started.elapsed();
    if time {
        eprintln!(
            "omen: {} user(s), {} role(s); loaded in {:.1} ms, answered in {:.1} ms",
            world.users.len(),
            world.roles.len(),
            loaded.as_secs_f64() * 1e3,
            (total - loaded).as_secs_f64() * 1e3
        );
    }
    let json = serde_json::to_string_pretty(&answer).map_err(|e| e.to_string())?;
    crate::print_text(&format!("{json}\n"))
}

/// Whether `value` is an Omen world rather than AWS CLI output.
fn is_world(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.contains_key("users") || o.contains_key("roles") || o.contains_key("accounts"))
}

/// One world from the files: Omen worlds are merged, the AWS managed policies they attach by
/// ARN filled in from the embedded catalogue (as `omen flow` does); anything else goes through
/// `omen import`.
pub fn load(texts: &[(String, String)]) -> Result<World, String> {
    let parsed: Vec<Option<Value>> = texts.iter().map(|(_, text)| serde_json::from_str(text).ok()).collect();
    if parsed.iter().all(|v| v.as_ref().is_some_and(is_world)) {
        let mut world = World::default();
        for (value, (name, _)) in parsed.iter().zip(texts) {
            let text = value.as_ref().map(Value::to_string).unwrap_or_default();
            let text = crate::lint::attach_managed_policies(text, omen_core::Lang::En)
                .map_err(|e| format!("`{name}`: {e}"))?;
            let one = World::from_json(&text).map_err(|e| format!("`{name}`: {e}"))?;
            world.now = world.now.or(one.now);
            world.accounts.extend(one.accounts);
            world.users.extend(one.users);
            world.roles.extend(one.roles);
        }
        return Ok(world);
    }
    let files: Vec<import::ImportFile<'_>> =
        texts.iter().map(|(name, text)| import::ImportFile { name, text }).collect();
    let imported = import_with_catalogue(&files, import::SecretHandling::Redact);
    for diagnostic in imported.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("warning: `{}`: {} (left out)", diagnostic.file, diagnostic.message.get(omen_core::Lang::En));
    }
    let value = import::world_json(&imported.inventory, &import::WorldChoice::default())
        .map_err(|problem| problem.message().get(omen_core::Lang::En).to_string())?;
    World::from_json(&value.to_string()).map_err(|e| e.to_string())
}

/// Imports `files`, the AWS managed policies they attach by ARN but do not hold taken from the
/// managed-policy catalogue embedded in the build ("AWS managed policies"). The catalogue is read
/// only when some file needs it; without it (a build without `catalogue/node_modules`) such
/// references stay unresolved, as the import says.
pub fn import_with_catalogue(files: &[import::ImportFile<'_>], secrets: import::SecretHandling) -> import::Import {
    let imported = import::import(files, &import::ImportOptions { secrets, catalogue: &import::NoCatalogue });
    if !imported.unresolved.iter().any(|u| u.aws_managed) {
        return imported;
    }
    let Some((reference, policies)) = crate::lint::service_reference()
        .ok()
        .and_then(|reference| Some((reference, ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).ok()?)))
    else {
        return imported;
    };
    let catalogue = ManagedCatalogue { policies: &policies, reference: &reference };
    import::import(files, &import::ImportOptions { secrets, catalogue: &catalogue })
}
