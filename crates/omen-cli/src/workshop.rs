//! `omen workshop …`: the workshop's material and tools from the command line — check a teacher's
//! lesson or challenge file, grade a world against a challenge, verify a code, and print a
//! handout, the AWS CLI commands, a gate-by-gate walk, the principal switch or what changed.

use omen_core::workshop::{self, Challenge, Lesson};
use omen_core::Lang;
use serde_json::Value;

// `println!` / `print!` through `crate::print_text`: a closed stdout (`omen workshop list | head`)
// ends omen quietly instead of panicking.
macro_rules! println {
    ($($arg:tt)*) => { crate::print_text(&format!("{}\n", format_args!($($arg)*)))? };
}
macro_rules! print {
    ($($arg:tt)*) => { crate::print_text(&format!($($arg)*))? };
}

/// The usage lines of `omen workshop`.
pub const USAGE: &str = "  omen workshop list                            the built-in lessons and challenges
  omen workshop check FILE...                   validate lesson / challenge files and check they hold up
  omen workshop grade CHALLENGE WORLD           grade a world (CHALLENGE: an id or a file)
  omen workshop verify CHALLENGE WORLD CODE     check a solved challenge's verification code
  omen workshop handout WORLD [--lesson ID]     the world and its verdicts as Markdown
  omen workshop aws-cli WORLD                   the AWS CLI commands that rebuild the world
  omen workshop walk WORLD STEP                 one step's evaluation, gate by gate
  omen workshop switch WORLD STEP               who must allow, for each way to name the caller
  omen workshop changes BEFORE AFTER            what changed between two worlds
  omen workshop placeholders WORLD              the world with placeholder accounts and users
  (each takes --lang en|ja)";

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
}

/// The world in `path` (a scenario file's `world`, as `omen flow` reads it), AWS managed policies
/// attached by ARN or name filled in from the embedded catalogue. A file that is no world (it
/// names none of a world's parts, as a policy document or a `package.json` does, or they do not
/// read) is refused: every command would answer about an empty world.
fn read_json(path: &str, lang: Lang) -> Result<Value, String> {
    let text = crate::lint::attach_managed_policies(crate::world_text(read(path)?), lang)?;
    let world: Value = serde_json::from_str(&text).map_err(|e| format!("`{path}` is not JSON: {e}"))?;
    if !["users", "roles", "accounts", "action"].iter().any(|part| world.get(part).is_some()) {
        return Err(format!(
            "`{path}` is not a world: it has none of `users`, `roles`, `accounts`, `action`\nhelp: give a world as the playground exports it, or a scenario file (its `world`)"
        ));
    }
    omen_core::flow::World::from_value(&world).map_err(|e| format!("`{path}` is not a world: {e}"))?;
    Ok(world)
}

fn challenge(source: &str) -> Result<Challenge, String> {
    if let Some(found) = workshop::challenge(source) {
        return Ok(found);
    }
    Challenge::from_json(&read(source)?).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.pointer, p.message)).collect();
        format!("`{source}` is not a valid challenge:\n{}", lines.join("\n"))
    })
}

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    println!("{}", serde_json::to_string_pretty(value).map_err(|e| e.to_string())?);
    Ok(())
}

/// Run `omen workshop ARGS`.
pub fn run(args: &[String]) -> Result<bool, String> {
    let mut lang = Lang::En;
    let mut lesson_id = None;
    let mut positional = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lang" => {
                lang = match iter.next().map(String::as_str) {
                    Some("ja") => Lang::Ja,
                    Some("en") => Lang::En,
                    Some(other) => {
                        return Err(format!("`--lang` takes `en` or `ja`, not `{}`", omen_core::excerpt(other, 40)))
                    }
                    None => return Err("`--lang` takes `en` or `ja`".into()),
                }
            }
            "--lesson" => lesson_id = Some(iter.next().ok_or("`--lesson` takes a lesson id")?.clone()),
            _ => positional.push(arg.as_str()),
        }
    }
    let usage = || format!("usage:\n{USAGE}");
    match positional.as_slice() {
        ["list"] => {
            for lesson in workshop::lessons() {
                println!("lesson     {:<26} {:>2} min  {}", lesson.id, lesson.minutes, lesson.title.get(lang));
            }
            for challenge in workshop::challenges() {
                println!("challenge  {:<26}          {}", challenge.id, challenge.title.get(lang));
            }
            Ok(true)
        }
        ["check", files @ ..] if !files.is_empty() => {
            let mut all_good = true;
            for file in files {
                let text = read(file)?;
                let value: Value = serde_json::from_str(&text).map_err(|e| format!("`{file}` is not JSON: {e}"))?;
                let problems = if value.get("tasks").is_some() {
                    Lesson::from_json(&text).map(|l| workshop::verify_lesson(&l)).unwrap_or_else(|p| p)
                } else {
                    Challenge::from_json(&text).map(|c| workshop::verify_challenge(&c)).unwrap_or_else(|p| p)
                };
                if problems.is_empty() {
                    println!("{file}: ok");
                }
                for problem in &problems {
                    println!("{file}{}: {}", problem.pointer, problem.message);
                    if let Some(help) = &problem.help {
                        println!("  help: {help}");
                    }
                }
                all_good &= problems.is_empty();
            }
            Ok(all_good)
        }
        ["grade", source, world] => {
            let grade = workshop::grade(&challenge(source)?, &read_json(world, lang)?);
            println!("{}", grade.summary.get(lang));
            for failure in grade.failures(lang) {
                println!("  ✗ {failure}");
            }
            for pointer in &grade.fixed_parts_changed {
                println!("  ✗ {pointer}");
            }
            if let Some(code) = &grade.code {
                println!("code: {code}");
            }
            Ok(grade.solved)
        }
        ["verify", source, world, code] => {
            let valid = workshop::verify_code(&challenge(source)?, &read_json(world, lang)?, code);
            println!("{}", if valid { "valid" } else { "invalid" });
            Ok(valid)
        }
        ["handout", world] => {
            let world = read_json(world, lang)?;
            let text = match &lesson_id {
                Some(id) => {
                    let lesson = workshop::lesson(id).ok_or_else(|| format!("there is no lesson `{id}`"))?;
                    workshop::lesson_markdown(&lesson, &world, lang)
                }
                None => workshop::world_markdown(&world, lang),
            };
            print!("{text}");
            Ok(true)
        }
        ["aws-cli", world] => {
            print!("{}", workshop::aws_cli_script(&read_json(world, lang)?, lang));
            Ok(true)
        }
        ["walk", world, step] => {
            let played = workshop::play_world(&read_json(world, lang)?);
            let walk =
                workshop::walk_step(&played, step).ok_or_else(|| format!("step `{step}` evaluated no request"))?;
            for gate in &walk.gates {
                println!("{} — {}", gate.title.get(lang), gate.status.words(lang));
                println!("    {}", gate.said.get(lang));
                for policy in &gate.policies {
                    println!("    {}: {}", omen_core::named_policy(policy.kind.as_str(), &policy.name), policy.result);
                    for statement in &policy.statements {
                        println!("      {} {} {}", statement.name, statement.effect, statement.said.get(lang));
                    }
                }
            }
            println!("{}", walk.said.get(lang));
            Ok(true)
        }
        ["switch", world, step] => {
            let switch = workshop::principal_switch(&read_json(world, lang)?, step)
                .map_err(|text| text.get(lang).to_string())?;
            for option in &switch.options {
                let must: Vec<&str> = option.must_allow.iter().map(|a| a.words(lang)).collect();
                let now = if option.current { " ◀" } else { "" };
                println!(
                    "{} `{}`{now}: {} {}",
                    option.form.words(lang),
                    option.principal,
                    option.verdict.mark(),
                    option.verdict.words(lang)
                );
                println!("    {}", must.join(" + "));
                println!("    {}", option.said.get(lang));
            }
            Ok(true)
        }
        ["changes", before, after] => {
            print_json(&workshop::what_changed(&read_json(before, lang)?, &read_json(after, lang)?))?;
            Ok(true)
        }
        ["placeholders", world] => {
            print_json(&workshop::with_placeholders(&read_json(world, lang)?))?;
            Ok(true)
        }
        _ => Err(usage()),
    }
}
