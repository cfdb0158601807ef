//! What an attendee has done in workshop mode, remembered in this browser only (localStorage):
//! tasks completed, predictions committed (and the tally), challenges solved with their codes,
//! and which lesson or challenge the playground's world was last loaded from.
//!
//! Kept as plain JSON (`{"tasks": {lesson: [task…]}, "predictions": {"lesson/prediction":
//! {"choice": …, "right": …}}, "solved": {challenge: code}, "loaded": "lesson:<id>"}`): the
//! bundle already reads and writes JSON values, and typed maps would add their own code to it.

use serde_json::{Map, Value};

/// The localStorage key.
pub const PROGRESS_KEY: &str = "omen.workshop.v1";

/// A committed prediction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Predicted {
    /// The choice the attendee committed to.
    pub choice: String,
    /// Whether it was right.
    pub right: bool,
}

/// Everything remembered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress(Map<String, Value>);

impl Progress {
    /// The progress a stored JSON value holds (anything unreadable is forgotten).
    pub fn from_value(value: Value) -> Self {
        match value {
            Value::Object(map) => Progress(map),
            _ => Progress::default(),
        }
    }

    /// The object under `key`, made (or remade, when it is not an object) first.
    fn section(&mut self, key: &str) -> Option<&mut Map<String, Value>> {
        let entry = self.0.entry(key).or_insert(Value::Null);
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        entry.as_object_mut()
    }

    fn get(&self, section: &str, key: &str) -> Option<&Value> {
        self.0.get(section).and_then(|s| s.get(key))
    }

    /// Remembers that `task` of `lesson` was completed; whether that is news.
    pub fn complete(&mut self, lesson: &str, task: &str) -> bool {
        if self.completed(lesson, task) {
            return false;
        }
        let Some(tasks) = self.section("tasks") else { return false };
        let done = tasks.entry(lesson).or_insert(Value::Null);
        match done {
            Value::Array(items) => items.push(Value::String(task.to_owned())),
            other => *other = Value::Array(vec![Value::String(task.to_owned())]),
        }
        true
    }

    /// Whether `task` of `lesson` was ever completed.
    pub fn completed(&self, lesson: &str, task: &str) -> bool {
        self.get("tasks", lesson)
            .and_then(Value::as_array)
            .is_some_and(|done| done.iter().any(|id| id.as_str() == Some(task)))
    }

    /// How many of `tasks` of `lesson` were completed.
    pub fn completed_count<'a>(&self, lesson: &str, tasks: impl Iterator<Item = &'a str>) -> usize {
        tasks.filter(|task| self.completed(lesson, task)).count()
    }

    /// The prediction `prediction` of `lesson`, if committed.
    pub fn prediction(&self, lesson: &str, prediction: &str) -> Option<Predicted> {
        let found = self.get("predictions", &format!("{lesson}/{prediction}"))?;
        Some(Predicted {
            choice: found.get("choice").and_then(Value::as_str).unwrap_or_default().to_owned(),
            right: found.get("right").and_then(Value::as_bool).unwrap_or_default(),
        })
    }

    /// Commits a prediction (the first commitment stands).
    pub fn predict(&mut self, lesson: &str, prediction: &str, choice: &str, right: bool) {
        let mut committed = Map::new();
        committed.insert("choice".into(), Value::String(choice.to_owned()));
        committed.insert("right".into(), Value::Bool(right));
        if let Some(predictions) = self.section("predictions") {
            predictions.entry(format!("{lesson}/{prediction}")).or_insert(Value::Object(committed));
        }
    }

    /// (right, committed) over every prediction.
    pub fn tally(&self) -> (usize, usize) {
        let all = self.0.get("predictions").and_then(Value::as_object);
        let right = all.map_or(0, |all| all.values().filter(|p| p.get("right") == Some(&Value::Bool(true))).count());
        (right, all.map_or(0, Map::len))
    }

    /// Forgets a lesson's tasks and predictions, to take it again.
    pub fn forget_lesson(&mut self, lesson: &str) {
        if let Some(tasks) = self.section("tasks") {
            tasks.remove(lesson);
        }
        let prefix = format!("{lesson}/");
        if let Some(predictions) = self.section("predictions") {
            predictions.retain(|key, _| !key.starts_with(&prefix));
        }
    }

    /// The verification code of the world that solved `challenge`, if one did.
    pub fn solved(&self, challenge: &str) -> Option<String> {
        self.get("solved", challenge).and_then(Value::as_str).map(str::to_owned)
    }

    /// Remembers the code of a solved challenge; whether that is news.
    pub fn solve(&mut self, challenge: &str, code: &str) -> bool {
        if self.solved(challenge).as_deref() == Some(code) {
            return false;
        }
        self.section("solved").is_some_and(|solved| {
            solved.insert(challenge.to_owned(), Value::String(code.to_owned()));
            true
        })
    }

    /// The lesson or challenge (`lesson:<id>`, `challenge:<id>`) whose starting world was last
    /// loaded into the playground.
    pub fn loaded(&self) -> Option<&str> {
        self.0.get("loaded").and_then(Value::as_str)
    }

    /// Remembers which starting world was loaded.
    pub fn set_loaded(&mut self, key: &str) {
        self.0.insert("loaded".into(), Value::String(key.to_owned()));
    }

    /// The JSON stored.
    pub fn to_value(&self) -> Value {
        Value::Object(self.0.clone())
    }
}

/// Reads the remembered progress (nothing, when storage is empty, unreadable or disabled).
///
/// In a page opened on the fresh-start link (presenter mode, see
/// [`crate::browser::fresh_start`]: the interface starts with that page) the progress starts
/// empty and is never saved, so a shared screen shows no one's codes or tally.
pub fn load() -> Progress {
    use gloo::storage::{LocalStorage, Storage};
    if crate::browser::fresh_start() {
        return Progress::default();
    }
    Progress::from_value(LocalStorage::get::<Value>(PROGRESS_KEY).unwrap_or_default())
}

/// Remembers `progress` (quietly: a full or disabled storage only loses the memory).
pub fn save(progress: &Progress) {
    use gloo::storage::{LocalStorage, Storage};
    if crate::browser::fresh_start() {
        return;
    }
    let _ = LocalStorage::set(PROGRESS_KEY, progress.to_value());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tasks_are_remembered_once() {
        let mut progress = Progress::default();
        assert!(progress.complete("mask", "t1"));
        assert!(!progress.complete("mask", "t1"));
        assert!(progress.completed("mask", "t1"));
        assert!(!progress.completed("mask", "t2"));
        assert_eq!(progress.completed_count("mask", ["t1", "t2"].into_iter()), 1);
        assert_eq!(progress.to_value(), json!({"tasks": {"mask": ["t1"]}}));
    }

    #[test]
    fn the_first_prediction_stands_and_counts() {
        let mut progress = Progress::default();
        progress.predict("l", "p", "no", true);
        progress.predict("l", "p", "yes", false);
        progress.predict("m", "p", "yes", false);
        assert_eq!(progress.prediction("l", "p"), Some(Predicted { choice: "no".into(), right: true }));
        assert_eq!(progress.tally(), (1, 2));
        progress.forget_lesson("l");
        assert_eq!(progress.tally(), (0, 1));
        assert_eq!(progress.prediction("l", "p"), None);
    }

    #[test]
    fn solved_codes_and_the_loaded_world_are_kept() {
        let mut progress = Progress::from_value(json!({"solved": {"c": "ABCD-EFGH"}, "tasks": 3}));
        assert_eq!(progress.solved("c").as_deref(), Some("ABCD-EFGH"));
        assert!(!progress.solve("c", "ABCD-EFGH"));
        assert!(progress.solve("d", "0000-0000"));
        // A section of the wrong shape is replaced, not trusted.
        assert!(!progress.completed("x", "t"));
        assert!(progress.complete("x", "t"));
        progress.set_loaded("lesson:x");
        assert_eq!(progress.loaded(), Some("lesson:x"));
        assert_eq!(Progress::from_value(json!([1])), Progress::default());
    }
}
