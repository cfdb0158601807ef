//! Bookkeeping of the request corpus (`tests/corpus/`): every case's `name` is its path, every case
//! cites the AWS page it rests on (and, when it rests on a seed article, the fact it takes from
//! it), and the topic table in `tests/corpus/README.md` counts the files there (as the workspace
//! README counts the scenario worlds in `tests/scenarios/`).
//! `OMEN_BLESS=1 cargo test -p omen-core --test corpus_index` rewrites the counts (a new topic gets
//! a row whose description is left for you to write).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a new topic's row says until someone describes it (the test fails while it does).
const UNDESCRIBED: &str = "(say what this topic covers)";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// `OMEN_BLESS=1` — and only `1` — asks the test to rewrite what it checks.
fn bless_requested() -> bool {
    std::env::var("OMEN_BLESS").as_deref() == Ok("1")
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            case_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// `topic/case` for `tests/corpus/topic/case.json`.
fn case_path(file: &Path) -> String {
    let relative = file.strip_prefix(corpus_dir()).unwrap().with_extension("");
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The problems with one case's bookkeeping, each a sentence.
fn case_problems(path: &str, case: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    match case.get("name").and_then(Value::as_str) {
        Some(name) if name == path => {}
        Some(name) => problems.push(format!("`name` is `{name}`, the file is `{path}.json`")),
        None => problems.push("no `name`".into()),
    }
    for field in ["source", "description"] {
        if case.get(field).and_then(Value::as_str).is_none_or(|text| text.trim().is_empty()) {
            problems.push(format!("no `{field}`"));
        }
    }
    let decision = case.pointer("/expect/decision").and_then(Value::as_str).unwrap_or_default();
    // `error`: a policy IAM refuses to save (tests/corpus/README.md, "save-time").
    if !["allowed", "explicitDeny", "implicitDeny", "error"].contains(&decision) {
        problems.push(format!("`expect.decision` is `{decision}`, not allowed, explicitDeny, implicitDeny or error"));
    }
    if decision == "implicitDeny"
        && case.pointer("/expect/decidingStatements").and_then(Value::as_array).is_some_and(|list| !list.is_empty())
    {
        problems.push("an implicitDeny has no deciding statements".into());
    }
    if let Some(source) = case.get("source").and_then(Value::as_str) {
        problems.extend(seed_citation_problems(source));
    }
    problems
}

/// A source that cites a seed article (`seed 000_4d2eb55a0eff3d55.txt`) must say, in parentheses
/// right after it, the fact it takes from the article, and must also name an AWS page.
fn seed_citation_problems(source: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut rest_of_source = String::new();
    let mut remaining = source;
    while let Some(start) = remaining.find("seed ") {
        rest_of_source.push_str(&remaining[..start]);
        let after = &remaining[start + "seed ".len()..];
        let file_len = after.find(".txt").map_or(0, |i| i + ".txt".len());
        let file = &after[..file_len];
        if file_len == 0 || !file.chars().take(3).all(|c| c.is_ascii_digit()) {
            // "seed" in another sense; keep it as ordinary text.
            rest_of_source.push_str(&remaining[start..start + "seed ".len()]);
            remaining = after;
            continue;
        }
        let after_file = &after[file_len..];
        match after_file.strip_prefix(" (").and_then(|text| text.find(')').map(|end| (&text[..end], &text[end + 1..])))
        {
            Some((fact, rest)) if fact.trim().len() >= 10 => remaining = rest,
            _ => {
                problems.push(format!("cites `{file}` without the fact it rests on, as `seed {file} (the fact)`"));
                remaining = after_file;
            }
        }
    }
    rest_of_source.push_str(remaining);
    let has_seed = rest_of_source.len() != source.len();
    let aws_page = rest_of_source
        .split(';')
        .map(str::trim)
        .any(|part| part.chars().filter(char::is_ascii_alphabetic).count() >= 8);
    if has_seed && !aws_page {
        problems.push("cites a seed article but no AWS page stating the rule".into());
    }
    problems
}

#[test]
fn seed_citations_are_checked_as_documented() {
    // (source, problems expected)
    let cases = [
        ("seed 000_4d2eb55a0eff3d55.txt (fix: allow iam:PassRole on the role); Grant a user permissions to pass a role to an AWS service", 0),
        ("Grant a user permissions to pass a role to an AWS service — Example 2; seed 003_6f6bdbd68b0bc606.txt (Example 2: the prefix role/RDS-*)", 0),
        ("seed 000_4d2eb55a0eff3d55.txt; Grant a user permissions to pass a role to an AWS service", 1),
        ("seed 000_4d2eb55a0eff3d55.txt (fix: allow iam:PassRole on the role)", 1),
        ("seed 002_e2878233142312dc.txt", 2),
        ("Policy evaluation logic — the seed of every request is an implicit deny", 0),
        ("Policy evaluation logic", 0),
    ];
    for (source, expected) in cases {
        let problems = seed_citation_problems(source);
        assert_eq!(problems.len(), expected, "{source}: {problems:?}");
    }
}

#[test]
fn every_case_is_named_by_its_path_and_cites_its_sources() {
    let mut files = Vec::new();
    case_files(&corpus_dir(), &mut files);
    assert!(files.len() >= 200, "expected the corpus in {}", corpus_dir().display());
    let mut failures = Vec::new();
    for file in &files {
        let path = case_path(file);
        match serde_json::from_str::<Value>(&std::fs::read_to_string(file).unwrap()) {
            Ok(case) => failures.extend(case_problems(&path, &case).into_iter().map(|p| format!("{path}: {p}"))),
            Err(error) => failures.push(format!("{path}: not JSON: {error}")),
        }
    }
    assert!(failures.is_empty(), "{} corpus bookkeeping problems:\n{}", failures.len(), failures.join("\n"));
}

/// One row of the README's topic table.
struct TopicRow {
    topic: String,
    cases: usize,
    covers: String,
}

fn render_table(rows: &[TopicRow]) -> String {
    let mut table = String::from("| topic | cases | what it covers |\n| --- | ---: | --- |\n");
    for row in rows {
        table.push_str(&format!("| `{}` | {} | {} |\n", row.topic, row.cases, row.covers));
    }
    let total: usize = rows.iter().map(|r| r.cases).sum();
    table.push_str(&format!("| **total** | **{total}** | |\n"));
    table
}

/// The table's rows as the README has them, and the byte range the table spans.
fn read_table(readme: &str) -> (Vec<TopicRow>, std::ops::Range<usize>) {
    let start = readme.find("| topic | cases | what it covers |").expect("the README's topic table");
    let end = readme[start..].find("| **total** |").map(|i| start + i).expect("the table's total row");
    let end = end + readme[end..].find('\n').map_or(readme.len() - end, |i| i + 1);
    let rows = readme[start..end]
        .lines()
        .skip(2)
        .filter(|line| !line.starts_with("| **total**"))
        .map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split(" | ").map(str::trim).collect();
            TopicRow {
                topic: cells[0].trim_matches('`').to_string(),
                cases: cells[1].parse().unwrap_or(0),
                covers: cells.get(2..).map(|c| c.join(" | ")).unwrap_or_default(),
            }
        })
        .collect();
    (rows, start..end)
}

#[test]
fn the_readme_counts_the_cases_of_every_topic() {
    let mut counts = BTreeMap::new();
    for entry in std::fs::read_dir(corpus_dir()).unwrap().filter_map(Result::ok) {
        if entry.path().is_dir() {
            let mut files = Vec::new();
            case_files(&entry.path(), &mut files);
            counts.insert(entry.file_name().to_string_lossy().to_string(), files.len());
        }
    }
    let readme_path = corpus_dir().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (rows, range) = read_table(&readme);
    // The README's order and descriptions, today's counts; topics gone are dropped, new ones added.
    let mut wanted: Vec<TopicRow> = rows
        .iter()
        .filter_map(|row| {
            counts.get(&row.topic).map(|&cases| TopicRow {
                topic: row.topic.clone(),
                cases,
                covers: row.covers.clone(),
            })
        })
        .collect();
    for (topic, &cases) in &counts {
        if !rows.iter().any(|row| &row.topic == topic) {
            wanted.push(TopicRow { topic: topic.clone(), cases, covers: UNDESCRIBED.into() });
        }
    }
    let table = render_table(&wanted);
    if bless_requested() && readme[range.clone()] != table {
        let rewritten = format!("{}{table}{}", &readme[..range.start], &readme[range.end..]);
        std::fs::write(&readme_path, rewritten).unwrap();
    } else {
        let mut differences: Vec<String> = Vec::new();
        for row in &wanted {
            match rows.iter().find(|r| r.topic == row.topic) {
                Some(listed) if listed.cases != row.cases => {
                    differences.push(format!(
                        "`{}`: the README says {}, the directory holds {}",
                        row.topic, listed.cases, row.cases
                    ));
                }
                None => differences.push(format!("`{}`: {} cases, no row in the README", row.topic, row.cases)),
                Some(_) => {}
            }
        }
        differences.extend(
            rows.iter()
                .filter(|r| !counts.contains_key(&r.topic))
                .map(|r| format!("`{}`: a row but no directory", r.topic)),
        );
        if differences.is_empty() && readme[range.clone()] != table {
            differences.push("the total row or the table's layout differs".into());
        }
        assert!(
            differences.is_empty(),
            "tests/corpus/README.md's topic table does not count the files \
             (`OMEN_BLESS=1 cargo test -p omen-core --test corpus_index` rewrites it):\n{}",
            differences.join("\n")
        );
    }
    let undescribed: Vec<&str> = wanted.iter().filter(|r| r.covers == UNDESCRIBED).map(|r| r.topic.as_str()).collect();
    assert!(undescribed.is_empty(), "say in tests/corpus/README.md what these topics cover: {undescribed:?}");
}

#[test]
fn the_readme_counts_the_scenario_worlds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let worlds = std::fs::read_dir(root.join("tests/scenarios"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .count();
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let lead = "`tests/scenarios/` holds ";
    let start = readme.find(lead).expect("README.md says how many worlds tests/scenarios/ holds") + lead.len();
    let digits = readme[start..].chars().take_while(char::is_ascii_digit).count();
    let said: usize = readme[start..start + digits].parse().unwrap();
    if bless_requested() && said != worlds {
        std::fs::write(&readme_path, format!("{}{worlds}{}", &readme[..start], &readme[start + digits..])).unwrap();
    } else {
        assert_eq!(
            said, worlds,
            "README.md says tests/scenarios/ holds {said} worlds, it holds {worlds} \
             (`OMEN_BLESS=1 cargo test -p omen-core --test corpus_index` rewrites it)"
        );
    }
}
