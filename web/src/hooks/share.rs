//! Share links (opened from the address at start, made on request and copied), JSON export and
//! import.

use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::browser::ShareOutcome;
use crate::state::{is_world, Action, Notice, Playground};

/// Offers the share link in the address when the page starts, and again whenever the address's
/// fragment changes (a second link pasted into an open tab).
#[hook]
pub fn use_open_link(dispatcher: UseReducerDispatcher<Playground>) {
    use_effect_with((), move |()| {
        let opener = dispatcher.clone();
        browser::open_link(move |action| opener.dispatch(action));
        let listener = browser::on_hash_change(move || {
            let dispatcher = dispatcher.clone();
            browser::open_link(move |action| dispatcher.dispatch(action));
        });
        move || drop(listener)
    });
}

/// The share link made last, whether it was copied, whether it pins the language, and the
/// callbacks that make one and pin or unpin.
pub struct ShareLink {
    /// The whole URL, empty until one is made.
    pub link: UseStateHandle<String>,
    /// Whether the link reached the clipboard.
    pub copied: UseStateHandle<bool>,
    /// Whether the link makes everyone open it in the sharer's language.
    pub pinned: bool,
    /// Makes the link, puts it in the address and copies it.
    pub on_share: Callback<MouseEvent>,
    /// Pins (or unpins) the language and makes the link again.
    pub on_pin: Callback<Event>,
}

/// Making a share link of the state.
#[hook]
pub fn use_share_link(state: &UseReducerHandle<Playground>) -> ShareLink {
    let link = use_state(String::new);
    let copied = use_state(|| false);
    let pinned = use_state(|| false);
    // The world the link shown was made of.
    let shared = use_mut_ref(|| Value::Null);
    // A link holds the world as it was when made: an edit, another story or an import takes it
    // off the screen, so that nobody copies a link to a world no longer shown. The AWS managed
    // policies a story attaches by reference, filled in after its first render, are no edit: the
    // link opens the same world, and stays.
    {
        let link = link.clone();
        let shared = shared.clone();
        use_effect_with(state.world.clone(), move |world| {
            // Only when one is shown: setting a state re-renders, and this runs on every keystroke.
            if !link.is_empty() && !crate::share::only_filled_in(&shared.borrow(), world) {
                link.set(String::new());
            }
        });
    }
    let make = {
        let state = state.clone();
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |pin: bool| {
            let link = link.clone();
            let copied = copied.clone();
            let dispatcher = state.dispatcher();
            copied.set(false);
            *shared.borrow_mut() = state.world.clone();
            browser::share(&state, pin, move |outcome| match outcome {
                ShareOutcome::Made { url, link: fingerprint } => {
                    dispatcher.dispatch(Action::Shared(fingerprint));
                    link.set(url.clone());
                    browser::copy(url, move |done| copied.set(done));
                }
                ShareOutcome::TooLarge => {
                    link.set(String::new());
                    dispatcher.dispatch(Action::SetNotice(Some(Notice::ShareTooLarge)));
                }
            });
        })
    };
    let on_share = {
        let make = make.clone();
        let pinned = pinned.clone();
        Callback::from(move |_: MouseEvent| make.emit(*pinned))
    };
    let on_pin = {
        let pinned = pinned.clone();
        Callback::from(move |event: Event| {
            let pin = event.target_unchecked_into::<HtmlInputElement>().checked();
            pinned.set(pin);
            make.emit(pin);
        })
    };
    ShareLink { link, copied, pinned: *pinned, on_share, on_pin }
}

/// A file name from `name`: ASCII letters and digits and every non-ASCII character (Japanese
/// names stay readable) kept, the rest `-`. (Not `char::is_alphanumeric`: its Unicode tables
/// would cost the bundle kilobytes.)
pub fn file_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace()) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 80 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The name a world is exported under: its own `name`, else the story it came from.
pub fn export_name(state: &Playground) -> String {
    let own = state.world.get("name").and_then(Value::as_str).map(file_name).filter(|name| !name.is_empty());
    let name = own.or_else(|| state.story.clone()).unwrap_or_else(|| "omen-world".to_owned());
    format!("{name}.json")
}

/// Downloading the world as JSON, under its own name.
#[hook]
pub fn use_export(state: &UseReducerHandle<Playground>) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| browser::export(&state.world, &export_name(&state)))
}

/// What an imported file holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    /// A world.
    World(Value),
    /// A bare IAM policy document: not a world; it belongs in an editor.
    PolicyDocument,
    /// Anything else (not JSON, a `package.json`, `omen flow`'s output).
    NotAWorld,
}

/// Reads an imported file's text.
pub fn read_import(text: &str) -> Imported {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Imported::NotAWorld;
    };
    if value.get("Statement").is_some() && value.get("users").is_none() && value.get("roles").is_none() {
        return Imported::PolicyDocument;
    }
    // A world names at least one of its parts; `{}` or an unrelated object is not one.
    let parts = ["users", "roles", "accounts", "action"];
    if parts.iter().any(|part| value.get(part).is_some()) && is_world(&value) {
        Imported::World(value)
    } else {
        Imported::NotAWorld
    }
}

/// Reading a chosen JSON file as the world (asking first if the world was edited); a file that is
/// not a world changes nothing and says so, and a bare policy document says where it belongs.
#[hook]
pub fn use_import(dispatcher: UseReducerDispatcher<Playground>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let input = event.target_unchecked_into::<HtmlInputElement>();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let dispatcher = dispatcher.clone();
        browser::read_file(file, move |text| {
            let action = match text.as_deref().map_or(Imported::NotAWorld, read_import) {
                Imported::World(world) => Action::Import(world),
                Imported::PolicyDocument => Action::SetNotice(Some(Notice::ImportPolicyDocument)),
                Imported::NotAWorld => Action::SetNotice(Some(Notice::ImportFailed)),
            };
            dispatcher.dispatch(action);
        });
        input.set_value("");
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;

    #[test]
    fn imports_tell_worlds_from_policies_and_other_files() {
        let world = crate::state::preset_world("external-id").unwrap_or_default();
        assert_eq!(read_import(&world.to_string()), Imported::World(world));
        let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#;
        assert_eq!(read_import(policy), Imported::PolicyDocument);
        assert_eq!(read_import(r#"{"name": "omen", "version": "1.0.0", "dependencies": {}}"#), Imported::NotAWorld);
        assert_eq!(read_import(r#"{"flow": "passRole", "steps": []}"#), Imported::NotAWorld);
        assert_eq!(read_import("{}"), Imported::NotAWorld);
        assert_eq!(read_import("nope"), Imported::NotAWorld);
    }

    #[test]
    fn exports_take_the_world_s_own_name() {
        let state = Playground::new(Lang::En).apply(crate::state::Action::LoadPreset("external-id".into()));
        let name = export_name(&state);
        assert!(name.ends_with(".json") && !name.contains(' ') && name != "external-id.json", "{name}");
        let unnamed = Playground { world: json!({"users": []}), story: None, ..state };
        assert_eq!(export_name(&unnamed), "omen-world.json");
        assert_eq!(file_name("Cross-account (seed 002): お面"), "Cross-account-seed-002-お面");
    }
}
