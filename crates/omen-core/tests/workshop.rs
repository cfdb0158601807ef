//! The workshop's material, checked: every lesson and challenge file reads and validates, each
//! starting world shows what its text claims, each prediction has one right answer, each task's
//! solution completes it, and each challenge grades its known solutions as they are labelled.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use omen_core::workshop::{self, Challenge, ExpectedGrade, Lesson, Solutions};
use std::path::Path;

fn dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../workshop").join(name)
}

/// The ids of the `.json` files in a folder of `workshop/`, sorted.
fn files(name: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir(name))
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            (path.extension()? == "json").then(|| path.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    ids.sort();
    ids
}

fn sorted(ids: impl Iterator<Item = &'static str>) -> Vec<String> {
    let mut ids: Vec<String> = ids.map(str::to_string).collect();
    ids.sort();
    ids
}

#[test]
fn every_file_is_embedded() {
    assert_eq!(files("lessons"), sorted(workshop::LESSON_FILES.iter().map(|(id, _)| *id)));
    assert_eq!(files("challenges"), sorted(workshop::CHALLENGE_FILES.iter().map(|(id, _)| *id)));
    assert_eq!(files("solutions"), files("challenges"), "each challenge has its known solutions");
    // The page fetches the files by these ids.
    assert_eq!(files("lessons"), sorted(workshop::LESSON_IDS.iter().copied()));
    assert_eq!(files("challenges"), sorted(workshop::CHALLENGE_IDS.iter().copied()));
}

#[test]
fn lessons_read_and_hold_up() {
    assert!(workshop::LESSON_FILES.len() >= 12);
    let mut failures = Vec::new();
    for &(id, text) in workshop::LESSON_FILES {
        match Lesson::from_json(text) {
            Err(problems) => failures.push(format!("{id}: {problems:#?}")),
            Ok(lesson) => {
                assert_eq!(lesson.id, id, "the file name is the lesson's id");
                let problems = workshop::verify_lesson(&lesson);
                if !problems.is_empty() {
                    failures.push(format!("{id}: {problems:#?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn challenges_read_and_grade_their_known_solutions() {
    assert!(workshop::CHALLENGE_FILES.len() >= 10);
    let mut failures = Vec::new();
    for &(id, text) in workshop::CHALLENGE_FILES {
        let challenge = match Challenge::from_json(text) {
            Ok(challenge) => challenge,
            Err(problems) => {
                failures.push(format!("{id}: {problems:#?}"));
                continue;
            }
        };
        assert_eq!(challenge.id, id);
        let problems = workshop::verify_challenge(&challenge);
        if !problems.is_empty() {
            failures.push(format!("{id}: {problems:#?}"));
        }
        let start = challenge.start_world().unwrap();
        let solutions_text = std::fs::read_to_string(dir("solutions").join(format!("{id}.json"))).unwrap();
        let solutions = Solutions::from_json(&solutions_text).unwrap();
        assert_eq!(solutions.challenge, id);
        let labels: Vec<ExpectedGrade> = solutions.examples.iter().map(|e| e.expect).collect();
        for needed in [ExpectedGrade::Solved, ExpectedGrade::TooLoose, ExpectedGrade::TooStrict] {
            assert!(labels.contains(&needed), "{id}: no known solution graded {needed:?}");
        }
        for example in &solutions.examples {
            let world = match workshop::patch::apply(&start, &example.patch) {
                Ok(world) => world,
                Err(error) => {
                    failures.push(format!("{id} / {}: {error}", example.name));
                    continue;
                }
            };
            let grade = workshop::grade(&challenge, &world);
            if grade.outcome() != example.expect {
                failures.push(format!(
                    "{id} / {}: expected {:?}, graded {:?}: {:#?}",
                    example.name,
                    example.expect,
                    grade.outcome(),
                    grade.checks
                ));
                continue;
            }
            if example.expect == ExpectedGrade::Solved {
                let code = grade.code.clone().unwrap_or_default();
                assert!(workshop::verify_code(&challenge, &world, &code), "{id}: the code verifies");
                assert!(workshop::verify_code(&challenge, &world, &code.to_lowercase().replace('-', " ")));
                assert!(!workshop::verify_code(&challenge, &start, &code), "{id}: not for the starting world");
                // Renaming the world or (where it is free) trying another scenario keeps the code.
                let mut renamed = world.clone();
                renamed["name"] = serde_json::Value::String("my solution".into());
                assert_eq!(workshop::verification_code(&challenge, &renamed), code, "{id}");
            } else {
                assert_eq!(grade.code, None, "{id} / {}: no code unless solved", example.name);
                assert!(!grade.failures(workshop::Lang::Ja).is_empty() || !grade.fixed_parts_changed.is_empty());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_running_order_names_every_lesson_and_challenge() {
    let readme = std::fs::read_to_string(dir("").join("README.md")).unwrap();
    for (id, _) in workshop::LESSON_FILES.iter().chain(workshop::CHALLENGE_FILES.iter()) {
        assert!(readme.contains(&format!("`{id}`")), "workshop/README.md does not mention `{id}`");
    }
}
