//! `omen`: evaluate request cases (`omen eval`), play flows (`omen flow`), import what the AWS CLI
//! prints into a world (`omen import`), check policies against AWS's vocabulary (`omen lint`),
//! benchmark the evaluator (`omen bench`), and run the workshop tools (`omen workshop`). Reads
//! files or stdin, prints JSON; never panics on input.

mod lint;

mod reach;

mod stream;

use omen_core::{
    evaluate, evaluate_case_text, excerpt, flow, import, read_case_texts, Case, CaseOutcome, Lang, OutcomeOptions,
};
use serde_json::json;
use std::io::{BufRead, BufReader, ErrorKind, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use stream::CaseStream;

/// The longest `omen bench` may run on one case, in seconds.
const MAX_BENCH_SECONDS: f64 = 3_600.0;

mod workshop;

const USAGE: &str = "usage:
  omen eval [--lang en|ja] [--trace] [--evaluate-invalid] FILE...
                                                evaluate request cases (`-` reads stdin)
  omen flow [--text] [--lang en|ja] [--evaluate-invalid] FILE...
                                                play PassRole / AssumeRole flows (`-` reads stdin)
  omen flow --preset ID [--text] [--lang ja]    play a built-in preset (`omen flow --presets` lists them)
  omen import [--caller WHO --role ROLE [--api API]] [--redact | --keep-secrets] [--inventory] FILE...
                                                the world `omen flow` reads, from `aws iam` JSON output
  omen who-can --role ARN [--time] FILE...     who may assume the role, who may pass it to which services
  omen reach --principal ARN [--time] FILE...   the roles a user or role can end up acting as, with paths
  omen decode MESSAGE                           decode an encoded authorization failure message
  omen lint [--kind K] [--text] [--lang ja] FILE...
                                                diagnostics and Access Analyzer-style findings of policies
                                                (K: identity, trust, boundary, session, scp, rcp, resource)
  omen --version                                omen's version and its catalogues' sources
  omen bench [--seconds S] FILE...              evaluations per second for each case
  omen workshop …                               lessons and challenges (`omen workshop` lists its commands)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        print_error(USAGE);
        return ExitCode::from(2);
    };
    if command == "import" {
        return match import(rest) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(message) => {
                print_error(&format!("omen: {message}"));
                ExitCode::from(2)
            }
        };
    }
    let result = match command.as_str() {
        "eval" => eval(rest),
        "flow" => flow(rest),
        "decode" => decode(rest).map(|()| Outcome::Done),
        "bench" => bench(rest),
        "workshop" => workshop::run(rest).map(|passed| if passed { Outcome::Done } else { Outcome::Failed }),
        // Errors found: the findings are printed; the exit code says so.
        "who-can" => reach::run(reach::Question::WhoCan, rest, read_input).map(|()| Outcome::Done),
        "reach" => reach::run(reach::Question::Reach, rest, read_input).map(|()| Outcome::Done),
        "lint" => lint::run(rest, read_input).map(|clean| if clean { Outcome::Done } else { Outcome::Failed }),
        "-V" | "--version" | "version" => lint::version().and_then(|text| print_text(&text)).map(|()| Outcome::Done),
        "-h" | "--help" | "help" => print_text(&format!("{USAGE}\n")).map(|()| Outcome::Done),
        other => Err(format!("unknown command `{}`\n{USAGE}", excerpt(other, 40))),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingEvaluated | Outcome::Failed) => ExitCode::from(1),
        Err(message) => {
            print_error(&format!("omen: {message}"));
            ExitCode::from(2)
        }
    }
}

/// Write `text` to stdout. When the reader has gone (`omen eval … | head`), omen stops quietly
/// with status 0, as other Unix tools do, instead of reporting the closed pipe.
fn write_stdout(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()) {
        Err(error) if error.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        result => result.map_err(|e| format!("cannot write the output: {e}")),
    }
}

/// Write a message to stderr; a closed stderr is no reason to fail.
fn print_error(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// How a command that ran went.
enum Outcome {
    /// It did its work (some cases may still be errors).
    Done,
    /// No case or world could be evaluated: exit 1.
    NothingEvaluated,
    /// A check it ran failed (a workshop file that does not validate, a solution that does not
    /// grade): exit 1.
    Failed,
}

/// Options shared by the subcommands.
struct Options {
    files: Vec<String>,
    lang: Lang,
    trace: bool,
    evaluate_invalid: bool,
    text: bool,
    preset: Option<String>,
    list_presets: bool,
    seconds: f64,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        files: Vec::new(),
        lang: Lang::En,
        trace: false,
        evaluate_invalid: false,
        text: false,
        preset: None,
        list_presets: false,
        seconds: 1.0,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => {
                options.lang = match args.next().map(String::as_str) {
                    Some("ja") => Lang::Ja,
                    Some("en") => Lang::En,
                    Some(other) => return Err(format!("`--lang` takes `en` or `ja`, not `{}`", excerpt(other, 40))),
                    None => return Err("`--lang` takes `en` or `ja`".into()),
                }
            }
            "--trace" => options.trace = true,
            "--evaluate-invalid" => options.evaluate_invalid = true,
            "--text" => options.text = true,
            "--presets" => options.list_presets = true,
            "--preset" => options.preset = Some(args.next().ok_or("`--preset` takes a preset id")?.clone()),
            "--seconds" => {
                options.seconds = args
                    .next()
                    .and_then(|s| s.parse::<f64>().ok())
                    .filter(|s| *s > 0.0 && *s <= MAX_BENCH_SECONDS)
                    .ok_or(format!("`--seconds` takes a number of seconds above 0 and at most {MAX_BENCH_SECONDS}"))?;
            }
            option if option.starts_with("--") => {
                return Err(format!("unknown option `{}`\n{USAGE}", excerpt(option, 40)));
            }
            file => options.files.push(file.to_string()),
        }
    }
    if options.files.is_empty() && options.preset.is_none() && !options.list_presets {
        return Err(format!("no input files\n{USAGE}"));
    }
    Ok(options)
}

fn read_input(file: &str) -> Result<String, String> {
    // Bytes that are not UTF-8 become U+FFFD: the cases then report what is wrong with them.
    let bytes = if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
        bytes
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read `{file}`: {e}"))?
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The cases of `file` (`-`: stdin), read one at a time.
fn open_cases(file: &str) -> Result<CaseStream<Box<dyn BufRead>>, String> {
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        Box::new(BufReader::new(std::fs::File::open(file).map_err(|e| format!("cannot read `{file}`: {e}"))?))
    };
    Ok(CaseStream::new(reader))
}

/// Each case of every file, in order: its text, or why that part of the input is not a case.
/// A streamed value `{"cases": [...]}` stands for its cases.
fn for_each_case(
    files: &[String],
    mut each: impl FnMut(Result<&str, String>) -> Result<(), String>,
) -> Result<(), String> {
    for file in files {
        for item in open_cases(file)? {
            match item {
                Ok(text) => {
                    for case in read_case_texts(&text) {
                        each(case)?;
                    }
                }
                Err(error) => each(Err(error))?,
            }
        }
    }
    Ok(())
}

fn print_line(value: &impl serde::Serialize) -> Result<(), String> {
    let mut line = serde_json::to_string(value).map_err(|e| e.to_string())?;
    line.push('\n');
    write_stdout(&line)
}

fn eval(args: &[String]) -> Result<Outcome, String> {
    let options = parse_options(args)?;
    let render =
        OutcomeOptions { lang: options.lang, trace: options.trace, evaluate_invalid: options.evaluate_invalid };
    let mut evaluated = 0usize;
    for_each_case(&options.files, |case| {
        let outcome = match case {
            Ok(text) => evaluate_case_text(text, render),
            Err(error) => CaseOutcome::unreadable(String::new(), error),
        };
        if outcome.decision().is_some() {
            evaluated += 1;
        }
        print_line(&outcome)
    })?;
    if evaluated == 0 {
        print_error("omen: no case could be evaluated (each output line says why)");
        return Ok(Outcome::NothingEvaluated);
    }
    Ok(Outcome::Done)
}

fn print_text(text: &str) -> Result<(), String> {
    write_stdout(text)
}

/// Play each world (or the preset) and print the result: pretty JSON, or text with `--text`.
fn flow(args: &[String]) -> Result<Outcome, String> {
    let options = parse_options(args)?;
    if options.list_presets {
        for preset in flow::presets() {
            let title = match options.lang {
                Lang::En => preset.title_en,
                Lang::Ja => preset.title_ja,
            };
            print_text(&format!("{:<36} {title}\n", preset.id))?;
        }
        return Ok(Outcome::Done);
    }
    let mut worlds = Vec::new();
    if let Some(id) = &options.preset {
        let preset = flow::preset(id).ok_or_else(|| format!("no preset `{id}` (`omen flow --presets` lists them)"))?;
        // A story's AWS managed policy too large to be written into it (`ReadOnlyAccess`) is
        // attached by ARN, filled in from the embedded catalogue.
        worlds.push(lint::attach_managed_policies(preset.world_json.to_string(), options.lang)?);
    }
    for file in &options.files {
        // AWS managed policies attached by ARN or name come from the embedded catalogue.
        worlds.push(lint::attach_managed_policies(world_text(read_input(file)?), options.lang)?);
    }
    let mut played = 0usize;
    for text in worlds {
        let result = match flow::World::from_json(&text) {
            Ok(world) => flow::play_as(&world, options.evaluate_invalid),
            Err(error) => flow::FlowResult::unplayable(vec![flow::unreadable_world(&error)]),
        };
        if !result.steps.is_empty() {
            played += 1;
        }
        if options.text {
            print_text(&flow::render_text(&result, options.lang))?;
        } else {
            let json = serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?;
            print_text(&format!("{json}\n"))?;
        }
    }
    Ok(if played == 0 { Outcome::NothingEvaluated } else { Outcome::Done })
}

/// A scenario file (`tests/scenarios/`) holds its world under `world`, beside its name and
/// expectations: play that world. Anything else is played as it is.
pub(crate) fn world_text(text: String) -> String {
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(mut scenario)) if !scenario.contains_key("accounts") => {
            match scenario.remove("world") {
                Some(world @ serde_json::Value::Object(_)) => serde_json::to_string(&world).unwrap_or(text),
                _ => text,
            }
        }
        _ => text,
    }
}

/// Decode an authorization failure message Omen encoded (the token, or EC2's whole error text).
fn decode(args: &[String]) -> Result<(), String> {
    const DECODE_USAGE: &str = "usage:\n  omen decode MESSAGE      (or `-` to read the message from stdin)";
    if args.is_empty() && std::io::stdin().is_terminal() {
        return Err(format!("`omen decode` takes the encoded authorization failure message\n{DECODE_USAGE}"));
    }
    if let Some(option) = args.iter().find(|a| a.starts_with("--")) {
        return Err(format!("unknown option `{}`\n{DECODE_USAGE}", excerpt(option, 40)));
    }
    let message = if args.is_empty() || args.iter().all(|a| a == "-") { read_input("-")? } else { args.join(" ") };
    if message.trim().is_empty() {
        return Err(format!("no message to decode: the input is empty\n{DECODE_USAGE}"));
    }
    let decoded = flow::decode_authorization_message(&message).map_err(|e| e.to_string())?;
    let json =
        serde_json::to_string_pretty(&json!({ "DecodedMessage": decoded.to_string() })).map_err(|e| e.to_string())?;
    print_text(&format!("{json}\n"))
}

fn bench(args: &[String]) -> Result<Outcome, String> {
    let options = parse_options(args)?;
    let budget = Duration::from_secs_f64(options.seconds);
    let mut measured = 0usize;
    for_each_case(&options.files, |case| {
        let text = match case {
            Ok(text) => text,
            Err(error) => return print_line(&json!({"name": "", "decision": "error", "error": error})),
        };
        let case = match Case::from_text(text) {
            Ok(case) => case,
            Err(failure) => {
                let name = evaluate_case_text(text, OutcomeOptions::default()).name().to_string();
                return print_line(&json!({"name": name, "decision": "error", "error": failure.error.message()}));
            }
        };
        // Warm up, then count evaluations in batches until the time budget is spent.
        let mut response = evaluate(&case.request, &case.policies);
        for _ in 0..1_000 {
            response = evaluate(&case.request, &case.policies);
        }
        let started = Instant::now();
        let mut evaluations: u64 = 0;
        while started.elapsed() < budget {
            for _ in 0..256 {
                response = std::hint::black_box(evaluate(std::hint::black_box(&case.request), &case.policies));
            }
            evaluations += 256;
        }
        let seconds = started.elapsed().as_secs_f64();
        measured += 1;
        print_line(&json!({
            "name": case.name,
            "decision": response.decision.as_str(),
            "evalsPerSec": (evaluations as f64 / seconds).round(),
        }))
    })?;
    if measured == 0 {
        print_error("omen: no case could be measured (each output line says why)");
        return Ok(Outcome::NothingEvaluated);
    }
    Ok(Outcome::Done)
}

/// `omen import` options.
struct ImportArgs {
    files: Vec<String>,
    choice: import::WorldChoice,
    secrets: import::SecretHandling,
    inventory: bool,
    lang: Lang,
}

fn parse_import_args(args: &[String]) -> Result<ImportArgs, String> {
    let mut parsed = ImportArgs {
        files: Vec::new(),
        choice: import::WorldChoice::default(),
        secrets: import::SecretHandling::Refuse,
        inventory: false,
        lang: Lang::En,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().cloned().ok_or_else(|| format!("`{flag}` takes a value"));
        match arg.as_str() {
            "--caller" => parsed.choice.caller = Some(value("--caller")?),
            "--role" => parsed.choice.role = Some(value("--role")?),
            "--api" => parsed.choice.api = Some(value("--api")?),
            "--name" => parsed.choice.name = Some(value("--name")?),
            "--redact" => parsed.secrets = import::SecretHandling::Redact,
            "--keep-secrets" => parsed.secrets = import::SecretHandling::Keep,
            "--inventory" => parsed.inventory = true,
            "--lang" => {
                parsed.lang = match value("--lang")?.as_str() {
                    "ja" => Lang::Ja,
                    "en" => Lang::En,
                    other => return Err(format!("`--lang` takes `en` or `ja`, not `{other}`")),
                }
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n{USAGE}")),
            file => parsed.files.push(file.to_string()),
        }
    }
    if parsed.files.is_empty() {
        return Err(format!("no input files\n{USAGE}"));
    }
    Ok(parsed)
}

/// Import `aws iam` JSON output: the world on stdout, diagnostics on stderr. `Ok(false)` (exit
/// status 1) when some input could not be read (what could be read is still printed).
fn import(args: &[String]) -> Result<bool, String> {
    let args = parse_import_args(args)?;
    let mut texts = Vec::new();
    for file in &args.files {
        texts.push((file.clone(), read_input(file)?));
    }
    let files: Vec<import::ImportFile<'_>> =
        texts.iter().map(|(name, text)| import::ImportFile { name, text }).collect();
    let imported = reach::import_with_catalogue(&files, args.secrets);
    let mut stderr = std::io::stderr().lock();
    for diagnostic in &imported.diagnostics {
        let text = texts.iter().find(|(name, _)| *name == diagnostic.file).map_or("", |(_, text)| text.as_str());
        let rendered = render_import_diagnostic(diagnostic, text, args.lang);
        writeln!(stderr, "{rendered}").map_err(|e| e.to_string())?;
    }
    writeln!(stderr, "{}", import_summary(&imported, args.lang)).map_err(|e| e.to_string())?;
    let output = if args.inventory {
        serde_json::to_value(&imported).map_err(|e| e.to_string())?
    } else {
        let mut choice = args.choice.clone();
        if choice.name.is_none() {
            choice.name = Some(format!("imported from {}", args.files.join(", ")));
        }
        import::world_json(&imported.inventory, &choice)
            .map_err(|problem| problem.message().get(args.lang).to_string())?
    };
    let json = serde_json::to_string_pretty(&output).map_err(|e| e.to_string())?;
    print_text(&format!("{json}\n"))?;
    if imported.has_errors() {
        let message = match args.lang {
            Lang::En => "omen: some input could not be read; the output holds what could",
            Lang::Ja => "omen: 読めなかった入力があります。出力には読めた分だけが入っています",
        };
        writeln!(stderr, "{message}").map_err(|e| e.to_string())?;
        return Ok(false);
    }
    Ok(true)
}

/// A diagnostic as a terminal shows it, with the line of the file it points at (credentials in
/// that line blanked out: a diagnostic never repeats one).
fn render_import_diagnostic(diagnostic: &import::ImportDiagnostic, text: &str, lang: Lang) -> String {
    let kind = if diagnostic.is_error() { "error" } else { "warning" };
    let mut out = format!("{kind}[{}]: {}\n --> {}", diagnostic.code, diagnostic.message.get(lang), diagnostic.file);
    if let (Some(line), Some(column)) = (diagnostic.line, diagnostic.column) {
        out.push_str(&format!(":{line}:{column}"));
    }
    if let Some(document) = diagnostic.document {
        out.push_str(&format!(" (document {document})"));
    }
    if let Some(pointer) = diagnostic.pointer.as_deref().filter(|p| !p.is_empty()) {
        out.push_str(&format!(" `{pointer}`"));
    }
    if let Some(line) = diagnostic.line {
        let safe = import::redact_secrets(text, &import::find_secrets(text));
        let source: String = omen_core::LineIndex::new(&safe).line_text(line).chars().take(160).collect();
        out.push_str(&format!("\n  | {source}"));
    }
    if let Some(help) = &diagnostic.help {
        out.push_str(&format!("\n  = help: {}", help.get(lang)));
    }
    out.push('\n');
    out
}

fn import_summary(imported: &import::Import, lang: Lang) -> String {
    let accounts = imported.inventory.accounts.len();
    let count = |f: fn(&import::AccountInventory) -> usize| imported.inventory.accounts.iter().map(f).sum::<usize>();
    let (users, groups, roles) = (count(|a| a.users.len()), count(|a| a.groups.len()), count(|a| a.roles.len()));
    let policies = count(|a| a.policies.len()) + imported.inventory.aws_managed_policies.len();
    let unresolved = imported.unresolved.len();
    match lang {
        Lang::En => format!(
            "imported {accounts} account(s): {users} user(s), {groups} group(s), {roles} role(s), {policies} managed policy(ies); {unresolved} unresolved"
        ),
        Lang::Ja => format!(
            "{accounts} アカウントを読み込みました: ユーザー {users}、グループ {groups}、ロール {roles}、管理ポリシー {policies}。未解決 {unresolved}"
        ),
    }
}
