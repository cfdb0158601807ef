//! `omen-catalogue`: writes the embedded catalogue files into a directory (for the web app and
//! for measuring their size), or prints their first line (source package, version, data date).

use std::process::ExitCode;

const USAGE: &str = "usage:
  omen-catalogue write DIR   write service-reference.txt, action-descriptions.txt and managed-policies.txt into DIR
  omen-catalogue sources     print each catalogue's source package, version and data date";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !omen_catalogue::GENERATED {
        eprintln!("omen-catalogue: the catalogues were not generated: run ./scripts/setup, then build again");
        return ExitCode::from(1);
    }
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["write", dir] => {
            let dir = std::path::Path::new(dir);
            let files = [
                ("service-reference.txt", omen_catalogue::SERVICE_REFERENCE),
                ("action-descriptions.txt", omen_catalogue::ACTION_DESCRIPTIONS),
                ("managed-policies.txt", omen_catalogue::MANAGED_POLICIES),
            ];
            if let Err(error) = std::fs::create_dir_all(dir) {
                eprintln!("omen-catalogue: cannot create `{}`: {error}", dir.display());
                return ExitCode::from(1);
            }
            for (name, text) in files {
                if let Err(error) = std::fs::write(dir.join(name), text) {
                    eprintln!("omen-catalogue: cannot write `{name}`: {error}");
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        ["sources"] => {
            for text in [omen_catalogue::SERVICE_REFERENCE, omen_catalogue::MANAGED_POLICIES] {
                println!("{}", text.lines().next().unwrap_or_default().replace('\t', " "));
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
