//! The playground's one state — a `World` (as the JSON `omen flow` reads) plus the interface's own
//! choices — and the pure reducer over [`Action`]s that changes it. Results are never stored here.

use std::rc::Rc;

use omen_core::flow::{presets, World};
use serde_json::Value;
use yew::Reducible;

use crate::i18n::Lang;
use crate::share::Shared;

/// Light, dark, or whatever the system prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The value of `<html data-theme>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme a toggle click moves to.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }
}

/// Something the page tells the user once (an import that failed, a share link too large).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The share link in the address was larger than the decoder accepts.
    LinkTooLarge,
    /// The share link in the address could not be read.
    LinkUnreadable,
    /// The imported file is not a world.
    ImportFailed,
    /// The world was replaced by an applied fix.
    FixApplied,
}

/// Everything the page holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    /// The interface language.
    pub lang: Lang,
    /// Light or dark.
    pub theme: Theme,
    /// The preset the world came from, while it is known.
    pub preset: Option<String>,
    /// The world being edited, as JSON (policy documents as the strings typed).
    pub world: Value,
    /// A message for the user, if any.
    pub notice: Option<Notice>,
}

/// A change the user makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
    /// Switch light / dark / system.
    SetTheme(Theme),
    /// Replace the world with the preset of this id.
    LoadPreset(String),
    /// Replace the string at a JSON pointer of the world (a policy document, a name).
    SetText {
        /// Where, as an RFC 6901 pointer.
        pointer: String,
        /// The new text.
        text: String,
    },
    /// Replace the value at a JSON pointer of the world; `Null` removes the key.
    SetValue {
        /// Where.
        pointer: String,
        /// The new value.
        value: Value,
    },
    /// Replace the whole world (an applied fix, an import), optionally with a notice.
    ReplaceWorld(Value, Option<Notice>),
    /// Open what a share link or the autosave carried: its world, language and preset.
    Open(Shared),
    /// Show (or clear) a notice.
    SetNotice(Option<Notice>),
    /// Back to the first preset.
    Reset,
}

/// The id of the preset the page starts with.
pub fn default_preset_id() -> &'static str {
    presets().first().map_or("", |preset| preset.id)
}

/// The world of the preset `id`, normalised for editing; `None` if there is no such preset.
pub fn preset_world(id: &str) -> Option<Value> {
    let preset = presets().into_iter().find(|preset| preset.id == id)?;
    serde_json::from_str(preset.world_json).ok().map(normalise)
}

/// Policy documents given as JSON objects become pretty-printed strings, so that every editor
/// holds text and the core's ranges point into what is shown.
pub fn normalise(mut world: Value) -> Value {
    fn document(value: &mut Value) {
        if value.is_object() || value.is_array() {
            if let Ok(text) = serde_json::to_string_pretty(value) {
                *value = Value::String(text);
            }
        }
    }
    fn named(value: &mut Value) {
        if value.get("document").is_some() {
            if let Some(doc) = value.get_mut("document") {
                document(doc);
            }
        } else if value.get("Statement").is_some() || value.get("Version").is_some() {
            document(value);
        }
    }
    fn each(list: Option<&mut Value>, f: fn(&mut Value)) {
        if let Some(Value::Array(items)) = list {
            items.iter_mut().for_each(f);
        }
    }
    each(world.get_mut("users"), |user| {
        each(user.get_mut("policies"), named);
        if let Some(boundary) = user.get_mut("permissionsBoundary") {
            named(boundary);
        }
        each(user.get_mut("groups"), |group| each(group.get_mut("policies"), named));
    });
    each(world.get_mut("roles"), |role| {
        each(role.get_mut("policies"), named);
        if let Some(boundary) = role.get_mut("permissionsBoundary") {
            named(boundary);
        }
        if let Some(trust) = role.get_mut("trustPolicy") {
            document(trust);
        }
    });
    each(world.get_mut("accounts"), |account| {
        for key in ["scps", "rcps"] {
            each(account.get_mut(key), |level| each(Some(level), named));
        }
    });
    if let Some(action) = world.get_mut("action") {
        if let Some(policy) = action.get_mut("assumeRole").and_then(|hop| hop.get_mut("sessionPolicy")) {
            named(policy);
        }
        each(action.get_mut("chain"), |hop| {
            if let Some(policy) = hop.get_mut("sessionPolicy") {
                named(policy);
            }
        });
    }
    world
}

/// Whether `value` reads as a [`World`].
pub fn is_world(value: &Value) -> bool {
    value.is_object() && serde_json::from_value::<World>(value.clone()).is_ok()
}

impl Playground {
    /// The page as it starts: the first preset.
    pub fn new(lang: Lang) -> Self {
        let id = default_preset_id();
        Playground {
            lang,
            theme: Theme::System,
            preset: Some(id.to_owned()),
            world: preset_world(id).unwrap_or_else(|| Value::Object(Default::default())),
            notice: None,
        }
    }

    /// The state after `action`.
    #[must_use]
    pub fn apply(mut self, action: Action) -> Self {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::SetTheme(theme) => self.theme = theme,
            Action::LoadPreset(id) => {
                if let Some(world) = preset_world(&id) {
                    self.world = world;
                    self.preset = Some(id);
                    self.notice = None;
                }
            }
            Action::SetText { pointer, text } => {
                set_at(&mut self.world, &pointer, Value::String(text));
            }
            Action::SetValue { pointer, value } => {
                set_at(&mut self.world, &pointer, value);
            }
            Action::ReplaceWorld(world, notice) => {
                self.world = normalise(world);
                self.notice = notice;
                self.preset = None;
            }
            Action::Open(shared) => {
                if !is_world(&shared.world) {
                    self.notice = Some(Notice::LinkUnreadable);
                    return self;
                }
                let world = normalise(shared.world);
                self.lang = shared.lang.as_deref().map_or(self.lang, Lang::from_tag);
                self.preset = shared.preset.filter(|id| preset_world(id).as_ref() == Some(&world));
                self.world = world;
            }
            Action::SetNotice(notice) => self.notice = notice,
            Action::Reset => {
                let lang = self.lang;
                let theme = self.theme;
                self = Playground { theme, ..Playground::new(lang) };
            }
        }
        self
    }
}

/// Sets `value` at `pointer` (creating the last key of an existing object; `Null` removes it).
/// Pointers whose parent does not exist change nothing.
pub fn set_at(world: &mut Value, pointer: &str, value: Value) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    match world.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            if value.is_null() {
                map.remove(&key);
            } else {
                map.insert(key, value);
            }
        }
        Some(Value::Array(items)) => {
            if let Some(slot) = key.parse::<usize>().ok().and_then(|index| items.get_mut(index)) {
                *slot = value;
            }
        }
        _ => {}
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn starts_with_the_first_preset() {
        let state = Playground::new(Lang::Ja);
        assert_eq!(state.lang, Lang::Ja);
        assert_eq!(state.preset.as_deref(), Some("ec2-full-access-without-passrole"));
        assert!(is_world(&state.world));
    }

    #[test]
    fn every_preset_loads_as_an_editable_world() {
        for preset in presets() {
            let state = Playground::new(Lang::En).apply(Action::LoadPreset(preset.id.to_owned()));
            assert_eq!(state.preset.as_deref(), Some(preset.id));
            assert!(is_world(&state.world), "{}", preset.id);
        }
    }

    #[test]
    fn unknown_presets_change_nothing() {
        let start = Playground::new(Lang::En);
        assert_eq!(start.clone().apply(Action::LoadPreset("nope".into())), start);
    }

    #[test]
    fn set_text_replaces_one_document() {
        let state = Playground::new(Lang::En)
            .apply(Action::SetText { pointer: "/users/0/policies/0/document".into(), text: "{}".into() });
        assert_eq!(state.world.pointer("/users/0/policies/0/document"), Some(&json!("{}")));
        assert!(state.world.pointer("/roles/0/trustPolicy").is_some_and(Value::is_string));
    }

    #[test]
    fn set_value_adds_and_removes_keys() {
        let pointer = "/action/passRole/region".to_owned();
        let added =
            Playground::new(Lang::En).apply(Action::SetValue { pointer: pointer.clone(), value: json!("eu-west-1") });
        assert_eq!(added.world.pointer(&pointer), Some(&json!("eu-west-1")));
        let removed = added.apply(Action::SetValue { pointer: pointer.clone(), value: Value::Null });
        assert_eq!(removed.world.pointer(&pointer), None);
    }

    #[test]
    fn pointers_into_nowhere_change_nothing() {
        let start = Playground::new(Lang::En);
        let after = start.clone().apply(Action::SetValue { pointer: "/nope/deeper/x".into(), value: json!(1) });
        assert_eq!(after, start);
        let after = start.clone().apply(Action::SetText { pointer: "no-slash".into(), text: "x".into() });
        assert_eq!(after, start);
    }

    #[test]
    fn object_documents_become_text() {
        let world = normalise(json!({"users": [{"policies": [{"name": "p", "document": {"Version": "2012-10-17"}}]}]}));
        assert!(world.pointer("/users/0/policies/0/document").is_some_and(Value::is_string));
    }

    #[test]
    fn replace_and_reset() {
        let replaced = Playground::new(Lang::Ja)
            .apply(Action::SetTheme(Theme::Dark))
            .apply(Action::ReplaceWorld(json!({"name": "x"}), Some(Notice::FixApplied)));
        assert_eq!(replaced.preset, None);
        assert_eq!(replaced.notice, Some(Notice::FixApplied));
        let reset = replaced.apply(Action::Reset);
        assert_eq!(reset, Playground { theme: Theme::Dark, ..Playground::new(Lang::Ja) });
    }

    #[test]
    fn open_takes_world_language_and_a_matching_preset() {
        let world = preset_world("external-id").unwrap_or_default();
        let shared = Shared { lang: Some("ja".into()), preset: Some("external-id".into()), world: world.clone() };
        let opened = Playground::new(Lang::En).apply(Action::Open(shared.clone()));
        assert_eq!((opened.lang, opened.preset.as_deref()), (Lang::Ja, Some("external-id")));
        // A preset id that does not match the world is dropped: the world was edited.
        let edited = Shared { preset: Some("mfa-required".into()), ..shared };
        assert_eq!(Playground::new(Lang::En).apply(Action::Open(edited)).preset, None);
        let broken = Shared { world: json!({"users": 3}), ..Shared::default() };
        let start = Playground::new(Lang::En);
        let after = start.clone().apply(Action::Open(broken));
        assert_eq!((after.world, after.notice), (start.world, Some(Notice::LinkUnreadable)));
    }

    #[test]
    fn theme_cycles() {
        assert_eq!(Theme::System.next().next().next(), Theme::System);
    }

    #[test]
    fn reducer_matches_apply() {
        let start = Rc::new(Playground::new(Lang::En));
        let next = start.clone().reduce(Action::SetLang(Lang::Ja));
        assert_eq!(next.lang, Lang::Ja);
        assert_eq!(start.lang, Lang::En, "the previous state is left as it was");
    }
}
