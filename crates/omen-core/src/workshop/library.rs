//! Omen's own lessons and challenges, embedded at build time from `workshop/lessons/` and
//! `workshop/challenges/` (their known solutions, `workshop/solutions/`, are test data and stay
//! out of the page).

use super::material::{Challenge, Lesson, Solutions};

/// Two lists from one: the ids (cheap, for the page, which fetches each file itself) and the
/// embedded files (id, JSON text) for the CLI and the tests.
macro_rules! material {
    ($(#[$ids_doc:meta])* $ids:ident, $(#[$files_doc:meta])* $files:ident, $dir:literal: $($id:literal),* $(,)?) => {
        $(#[$ids_doc])*
        pub const $ids: &[&str] = &[$($id),*];
        $(#[$files_doc])*
        pub const $files: &[(&str, &str)] =
            &[$(($id, include_str!(concat!("../../../../workshop/", $dir, "/", $id, ".json")))),*];
    };
}

material!(
    /// The lessons' ids, in the order of the workshop. Naming them does not bring the files in:
    /// the page fetches `workshop/lessons/<id>.json` when workshop mode opens.
    LESSON_IDS,
    /// The lessons, in the order of the workshop: (id, JSON text).
    LESSON_FILES,
    "lessons":
    "mask",
    "three-policies",
    "ec2-full-access",
    "passrole-prefix",
    "passed-to-service",
    "associated-resource",
    "escalation",
    "same-account-only",
    "assume-role-credentials",
    "trust-user-or-account",
    "cross-account",
    "console-switch-role",
    "role-chaining",
    "external-id",
    "mfa",
    "service-linked-roles",
    "resource-tag-caveat",
    "passrole-in-cloudtrail",
    "github-actions-oidc",
);

material!(
    /// The challenges' ids, in the order of the workshop (fetched by the page as
    /// `workshop/challenges/<id>.json`).
    CHALLENGE_IDS,
    /// The challenges, in the order of the workshop: (id, JSON text).
    CHALLENGE_FILES,
    "challenges":
    "pass-only-xyz-to-ec2",
    "partner-external-id",
    "admin-mfa-switch-role",
    "ci-cloudformation",
    "fix-lambda",
    "stop-escalation",
    "cross-account-audit",
    "session-policy-scope",
    "rds-monitoring",
    "chain-nightly-job",
    "ecs-task-roles",
    "ci-oidc-production",
);

/// Every lesson that reads and validates, in order.
pub fn lessons() -> Vec<Lesson> {
    LESSON_FILES.iter().filter_map(|(_, text)| Lesson::from_json(text).ok()).collect()
}

/// The lesson with this id.
pub fn lesson(id: &str) -> Option<Lesson> {
    LESSON_FILES.iter().find(|(file, _)| *file == id).and_then(|(_, text)| Lesson::from_json(text).ok())
}

/// Every challenge that reads and validates, in order.
pub fn challenges() -> Vec<Challenge> {
    CHALLENGE_FILES.iter().filter_map(|(_, text)| Challenge::from_json(text).ok()).collect()
}

/// The challenge with this id.
pub fn challenge(id: &str) -> Option<Challenge> {
    CHALLENGE_FILES.iter().find(|(file, _)| *file == id).and_then(|(_, text)| Challenge::from_json(text).ok())
}

/// The known solutions of a challenge, read from `workshop/solutions/` (tests and tools only:
/// the page never ships them).
pub fn solutions(text: &str) -> Option<Solutions> {
    Solutions::from_json(text).ok()
}
