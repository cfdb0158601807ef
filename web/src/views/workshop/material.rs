//! Workshop mode's lessons and challenges, fetched from the page's own origin only when workshop
//! mode opens (they are not in the wasm: Trunk copies `workshop/lessons` and
//! `workshop/challenges` into `dist/workshop/`), each URL versioned by a hash of the files. The
//! page reads them as plain JSON for display; the worker (`worker.rs`) validates and checks them.

use std::rc::Rc;

use omen_core::workshop::{CHALLENGE_IDS, LESSON_IDS};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Lang;

/// A hash of every lesson and challenge file (web/build.rs), so a new page never reads an old
/// cached file.
pub const VERSION: &str = env!("OMEN_WORKSHOP_VERSION");

/// The address of a lesson's (`kind` = `lessons`) or a challenge's (`challenges`) file,
/// relative to the page.
pub fn url(kind: &str, id: &str) -> String {
    format!("workshop/{kind}/{id}.json?v={VERSION}")
}

/// One lesson or challenge file: its text (for the worker) and its JSON (for the page).
#[derive(Debug, PartialEq)]
pub struct Item {
    /// The file's id.
    pub id: String,
    /// The file as fetched.
    pub text: String,
    /// The file as JSON.
    pub json: Value,
}

impl Item {
    /// The string at `pointer`, or empty.
    pub fn str(&self, pointer: &str) -> &str {
        self.json.pointer(pointer).and_then(Value::as_str).unwrap_or_default()
    }

    /// The list at `pointer`, or empty.
    pub fn list(&self, pointer: &str) -> &[Value] {
        list(&self.json, pointer)
    }

    /// The `{"en": …, "ja": …}` text at `pointer` in `lang`.
    pub fn text(&self, pointer: &str, lang: Lang) -> String {
        text(&self.json, pointer, lang)
    }

    /// What loads the starting world, as the page reads it (see [`starting_world`]):
    /// `{"world": …}` for a lesson that gives its world, `{"preset": id}` for one that names a
    /// seed story (the page has the stories; this module does not carry them). The AWS managed
    /// policies the world attaches by ARN are filled in as in a seed story: all but
    /// `ReadOnlyAccess`, which the page fills in from its lazily loaded catalogue.
    pub fn start(&self) -> Option<Value> {
        let mut start = serde_json::Map::new();
        match (self.json.get("world"), self.json.get("preset").and_then(Value::as_str)) {
            (Some(world @ Value::Object(_)), None) => {
                let mut world = world.clone();
                omen_core::workshop::managed::attach_small(&mut world);
                start.insert("world".into(), world)
            }
            (None, Some(preset)) => start.insert("preset".into(), preset.into()),
            _ => return None,
        };
        Some(Value::Object(start))
    }
}

/// The world a [`Item::start`] names, for the page to load.
pub fn starting_world(start: &Value) -> Option<Value> {
    match (start.get("world"), start.get("preset").and_then(Value::as_str)) {
        (Some(world @ Value::Object(_)), None) => Some(world.clone()),
        (None, Some(preset)) => crate::state::preset_world(preset),
        _ => None,
    }
}

/// The list at `pointer` of `value`, or empty.
pub fn list<'a>(value: &'a Value, pointer: &str) -> &'a [Value] {
    value.pointer(pointer).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The `{"en": …, "ja": …}` text at `pointer` of `value`, in `lang`.
pub fn text(value: &Value, pointer: &str, lang: Lang) -> String {
    value.pointer(&format!("{pointer}/{}", lang.tag())).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// Every lesson and challenge that was fetched, in the workshop's order.
#[derive(Debug, Default, PartialEq)]
pub struct Library {
    /// The lessons.
    pub lessons: Vec<Rc<Item>>,
    /// The challenges.
    pub challenges: Vec<Rc<Item>>,
    /// The files that could not be fetched or read (their addresses).
    pub missing: Vec<String>,
}

impl Library {
    /// The lesson `id`.
    pub fn lesson(&self, id: &str) -> Option<Rc<Item>> {
        self.lessons.iter().find(|lesson| lesson.id == id).cloned()
    }

    /// The challenge `id`.
    pub fn challenge(&self, id: &str) -> Option<Rc<Item>> {
        self.challenges.iter().find(|challenge| challenge.id == id).cloned()
    }

    /// The lesson after `id`, in the workshop's order.
    pub fn next_lesson(&self, id: &str) -> Option<Rc<Item>> {
        let at = self.lessons.iter().position(|lesson| lesson.id == id)?;
        self.lessons.get(at + 1).cloned()
    }

    /// The message that gives the worker every file.
    pub fn material_message(&self) -> String {
        let texts =
            |items: &[Rc<Item>]| Value::Array(items.iter().map(|item| Value::String(item.text.clone())).collect());
        let mut message = serde_json::Map::new();
        message.insert("op".into(), "material".into());
        message.insert("lessons".into(), texts(&self.lessons));
        message.insert("challenges".into(), texts(&self.challenges));
        Value::Object(message).to_string()
    }
}

/// The text at `url`, if the server answered 2xx.
async fn fetch_text(promise: js_sys::Promise) -> Option<String> {
    let response: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Fetches every lesson and challenge (all requests start at once) and reads them as JSON.
pub async fn load() -> Library {
    let Some(window) = web_sys::window() else { return Library::default() };
    let start = |kind: &'static str, ids: &'static [&'static str]| -> Vec<(String, String, js_sys::Promise)> {
        ids.iter()
            .map(|id| {
                let url = url(kind, id);
                let promise = window.fetch_with_str(&url);
                ((*id).to_owned(), url, promise)
            })
            .collect()
    };
    let lessons = start("lessons", LESSON_IDS);
    let challenges = start("challenges", CHALLENGE_IDS);
    let mut library = Library::default();
    for (list, requests) in [(&mut library.lessons, lessons), (&mut library.challenges, challenges)] {
        for (id, url, promise) in requests {
            let text = fetch_text(promise).await;
            match text.and_then(|text| serde_json::from_str::<Value>(&text).ok().map(|json| (text, json))) {
                Some((text, json)) if json.get("id").and_then(Value::as_str) == Some(id.as_str()) => {
                    list.push(Rc::new(Item { id, text, json }));
                }
                _ => library.missing.push(url),
            }
        }
    }
    library
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_relative_and_versioned() {
        assert_eq!(url("lessons", "mask"), format!("workshop/lessons/mask.json?v={VERSION}"));
        assert_eq!(VERSION.len(), 12);
        assert!(VERSION.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn items_give_their_texts_and_starting_worlds() {
        for (id, text) in omen_core::workshop::LESSON_FILES.iter().chain(omen_core::workshop::CHALLENGE_FILES) {
            let item =
                Item { id: (*id).to_owned(), text: (*text).to_owned(), json: serde_json::from_str(text).unwrap() };
            assert!(!item.text("/title", Lang::Ja).is_empty(), "{id}");
            assert!(!item.text("/title", Lang::En).is_empty(), "{id}");
            // The page loads the same starting world the core checks.
            let core = omen_core::workshop::lesson(id)
                .map(|l| l.start_world())
                .or_else(|| omen_core::workshop::challenge(id).map(|c| c.start_world()))
                .unwrap()
                .unwrap();
            let mut page = item.start().and_then(|start| starting_world(&start));
            // As the page has it once its managed-policy catalogue filled in `ReadOnlyAccess`.
            page.iter_mut().for_each(|world| {
                omen_core::workshop::managed::attach_all(world);
            });
            assert_eq!(page.map(crate::state::normalise), Some(crate::state::normalise(core)), "{id}");
            assert_eq!(starting_world(&serde_json::json!({"preset": "no-such-story"})), None);
        }
    }
}
