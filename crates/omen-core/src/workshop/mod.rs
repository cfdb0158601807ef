//! Workshop mode's pure logic: lessons and challenges as data (read, validated, checked against a
//! world), challenge grading with "too loose" / "too strict" and verification codes, the
//! gate-by-gate walk through one evaluation, the principal switch ("who must allow?"), the
//! comparison of two worlds ("what changed?"), the Markdown handout, "copy as AWS CLI" and the
//! 90-minute running order presenter mode walks.
//!
//! Everything here works on worlds as JSON (the format `omen flow` reads) and reaches the rest of
//! omen-core through one adapter (`adapter.rs`): [`crate::flow::play`] and
//! [`crate::evaluate::evaluate`].
//!
//! ```
//! use omen_core::workshop::{self, Lang};
//!
//! let lesson = workshop::lesson("ec2-full-access").unwrap();
//! let world = lesson.start_world().unwrap();
//! // The starting world fails at PassRole, as the lesson says; no task is done yet.
//! assert!(workshop::lesson_progress(&lesson, &world).iter().all(|task| !task.done));
//! let solved = workshop::patch::apply(&world, &lesson.tasks[0].solution).unwrap();
//! assert!(workshop::lesson_progress(&lesson, &solved)[0].done);
//! assert!(workshop::world_markdown(&solved, Lang::Ja).contains("フローは成功します。"));
//! ```

mod adapter;
pub mod aws_cli;
pub mod changes;
pub mod check;
pub mod gates;
pub mod grade;
pub mod handout;
mod library;
pub mod managed;
pub mod material;
pub mod patch;
pub mod placeholders;
pub mod running_order;
pub mod who_must_allow;
pub mod world;

pub use adapter::{
    evaluate_case, play_world, EvaluatedRequest, Lang, PlayedComparison, PlayedFlow, PlayedStep, Text, Verdict,
    WorldProblem,
};
pub use aws_cli::aws_cli_script;
pub use changes::{causes, compare, gate_changes, what_changed, Cause, ChangeKind, Changes, GateChange, VerdictChange};
pub use check::{
    lesson_progress, prediction_answers, starting_world_problems, verify_challenge, verify_lesson, CheckResult,
    Checker, Side, TaskProgress,
};
pub use gates::{walk, Gate, GateKind, GateStatus, Walkthrough};
pub use grade::{grade, verification_code, verify_code, Finding, Grade, GradedCheck};
pub use handout::{lesson_markdown, world_markdown};
pub use library::{
    challenge, challenges, lesson, lessons, solutions, CHALLENGE_FILES, CHALLENGE_IDS, LESSON_FILES, LESSON_IDS,
};
pub use material::{Challenge, Check, Example, ExpectedGrade, Lesson, Problem, Solutions, Source, Task};
pub use placeholders::with_placeholders;
pub use running_order::{Block, BlockItem, RunningOrder, RUNNING_ORDER};
pub use who_must_allow::{principal_switch, Allower, PrincipalForm, PrincipalOption, PrincipalSwitch};

/// Walk one step of a played flow gate by gate, if the step evaluated a request.
pub fn walk_step(played: &PlayedFlow, step: &str) -> Option<Walkthrough> {
    played.step(step).and_then(|s| s.response.as_ref()).map(walk)
}
