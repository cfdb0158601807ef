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
    /// Make the world's action a PassRole (through a catalogue API) or an AssumeRole.
    SetFlow(FlowChoice),
    /// Give the world something it lacks, with a minimal valid starter policy.
    Add(Addition),
}

/// Which action the world plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowChoice {
    /// The caller hands a role to a service through a catalogue API.
    PassRole,
    /// The caller puts a role on through STS.
    AssumeRole,
}

/// A policy the world can be given when it has none of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addition {
    /// A permissions boundary on the calling IAM user.
    CallerBoundary,
    /// A session policy on the AssumeRole call.
    SessionPolicy,
    /// An SCP level on the caller's account.
    Scp,
}

/// The starter policy an added editor opens with: valid, and allowing everything, so adding it
/// changes no decision until it is edited.
pub const STARTER_POLICY: &str =
    "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": \"*\",\n            \"Resource\": \"*\"\n        }\n    ]\n}";

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

    /// The state with `world`, no longer the preset it came from if it changed.
    fn edited(mut self, world: Value) -> Self {
        if self.preset.as_deref().and_then(preset_world).as_ref() != Some(&world) {
            self.preset = None;
        }
        self.world = world;
        self
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
            Action::SetFlow(choice) => {
                let world = set_flow(std::mem::take(&mut self.world), choice);
                self = self.edited(world);
            }
            Action::Add(addition) => {
                let world = add(std::mem::take(&mut self.world), addition);
                self = self.edited(world);
            }
        }
        self
    }
}

/// The ARN of the user `index` of `world`, from `arn` or `account` + `path` + `name`.
fn user_arn(world: &Value, index: usize) -> Option<String> {
    let user = world.pointer(&format!("/users/{index}"))?;
    if let Some(arn) = user.get("arn").and_then(Value::as_str) {
        return Some(arn.to_owned());
    }
    let account = user.get("account").and_then(Value::as_str)?;
    let name = user.get("name").and_then(Value::as_str)?;
    let path = user.get("path").and_then(Value::as_str).unwrap_or("/");
    Some(format!("arn:aws:iam::{account}:user{path}{name}"))
}

/// The caller and role of the world's action, whichever kind it is.
fn action_ends(world: &Value) -> (Option<&str>, Option<&str>) {
    let hop = world.pointer("/action/passRole").or_else(|| world.pointer("/action/assumeRole"));
    let get = |key: &str| hop.and_then(|hop| hop.get(key)).and_then(Value::as_str);
    (get("caller"), get("role"))
}

/// The index of the IAM user who calls: the one whose ARN is the action's caller, else the first.
pub fn caller_user(world: &Value) -> Option<usize> {
    let count = world.pointer("/users").and_then(Value::as_array).map_or(0, Vec::len);
    let caller = action_ends(world).0;
    (0..count)
        .find(|&index| caller.is_some() && user_arn(world, index).as_deref() == caller)
        .or((count > 0).then_some(0))
}

/// The index of the caller's account in `accounts` (the first account when the caller's is not
/// listed).
pub fn caller_account(world: &Value) -> Option<usize> {
    let accounts = world.pointer("/accounts").and_then(Value::as_array)?;
    let id = action_ends(world).0.and_then(crate::evaluation::account_of);
    let found = accounts.iter().position(|account| id.is_some() && account.get("id").and_then(Value::as_str) == id);
    found.or((!accounts.is_empty()).then_some(0))
}

/// Which action the world plays now, if any.
pub fn flow_choice(world: &Value) -> Option<FlowChoice> {
    if world.pointer("/action/passRole").is_some() {
        Some(FlowChoice::PassRole)
    } else if world.pointer("/action/assumeRole").is_some() {
        Some(FlowChoice::AssumeRole)
    } else {
        None
    }
}

/// Whether `addition` can be made to `world`: it lacks one and has a place for it.
pub fn can_add(world: &Value, addition: Addition) -> bool {
    match addition {
        Addition::CallerBoundary => caller_user(world)
            .is_some_and(|user| world.pointer(&format!("/users/{user}/permissionsBoundary")).is_none()),
        Addition::SessionPolicy => {
            world.pointer("/action/assumeRole").is_some() && world.pointer("/action/assumeRole/sessionPolicy").is_none()
        }
        Addition::Scp => caller_account(world).is_some_and(|account| {
            world.pointer(&format!("/accounts/{account}/scps")).and_then(Value::as_array).is_none_or(Vec::is_empty)
        }),
    }
}

/// A JSON object of `pairs`.
fn object(pairs: &[(&str, Value)]) -> Value {
    // Inserted one by one: collecting would sort, and bring a sort into the bundle.
    let mut map = serde_json::Map::new();
    for (key, value) in pairs {
        map.insert((*key).to_owned(), value.clone());
    }
    Value::Object(map)
}

/// `world` with its action switched to `choice`, keeping the caller and the role.
fn set_flow(mut world: Value, choice: FlowChoice) -> Value {
    if flow_choice(&world) == Some(choice) {
        return world;
    }
    let (caller, role) = action_ends(&world);
    let caller = caller.map(str::to_owned).or_else(|| user_arn(&world, 0)).unwrap_or_default();
    let role = role
        .map(str::to_owned)
        .or_else(|| world.pointer("/roles/0/arn").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default();
    let (kind, third, value) = match choice {
        FlowChoice::PassRole => {
            ("passRole", "api", omen_core::flow::CATALOGUE.first().map_or("ec2:RunInstances", |entry| entry.action))
        }
        FlowChoice::AssumeRole => ("assumeRole", "roleSessionName", "omen-session"),
    };
    let hop = object(&[("caller", caller.into()), ("role", role.into()), (third, value.into())]);
    set_at(&mut world, "/action", object(&[(kind, hop)]));
    world
}

/// `world` given `addition`, when it can take it.
fn add(mut world: Value, addition: Addition) -> Value {
    if !can_add(&world, addition) {
        return world;
    }
    let policy = |name: &str| object(&[("name", name.into()), ("document", STARTER_POLICY.into())]);
    match addition {
        Addition::CallerBoundary => {
            if let Some(user) = caller_user(&world) {
                set_at(&mut world, &format!("/users/{user}/permissionsBoundary"), policy("Boundary"));
            }
        }
        Addition::SessionPolicy => {
            set_at(&mut world, "/action/assumeRole/sessionPolicy", Value::String(STARTER_POLICY.to_owned()));
        }
        Addition::Scp => {
            if let Some(account) = caller_account(&world) {
                set_at(
                    &mut world,
                    &format!("/accounts/{account}/scps"),
                    Value::Array(vec![Value::Array(vec![policy("FullAWSAccess")])]),
                );
            }
        }
    }
    world
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
    fn switching_the_flow_keeps_caller_and_role() {
        let start = Playground::new(Lang::En);
        let assume = start.clone().apply(Action::SetFlow(FlowChoice::AssumeRole));
        assert_eq!(flow_choice(&assume.world), Some(FlowChoice::AssumeRole));
        assert_eq!(assume.preset, None);
        assert!(is_world(&assume.world));
        assert_eq!(assume.world.pointer("/action/assumeRole/caller"), start.world.pointer("/action/passRole/caller"));
        assert_eq!(assume.world.pointer("/action/assumeRole/role"), start.world.pointer("/action/passRole/role"));
        let back = assume.apply(Action::SetFlow(FlowChoice::PassRole));
        assert_eq!(flow_choice(&back.world), Some(FlowChoice::PassRole));
        assert!(back.world.pointer("/action/passRole/api").is_some_and(Value::is_string));
        // Choosing the flow the world already plays changes nothing.
        assert_eq!(start.clone().apply(Action::SetFlow(FlowChoice::PassRole)), start);
    }

    #[test]
    fn additions_add_an_editable_starter_policy_once() {
        let start = Playground::new(Lang::En);
        assert!(can_add(&start.world, Addition::CallerBoundary));
        assert!(!can_add(&start.world, Addition::SessionPolicy), "a PassRole has no session policy");
        let bounded = start.apply(Action::Add(Addition::CallerBoundary));
        assert_eq!(bounded.world.pointer("/users/0/permissionsBoundary/document"), Some(&json!(STARTER_POLICY)));
        assert!(!can_add(&bounded.world, Addition::CallerBoundary));
        assert_eq!(bounded.clone().apply(Action::Add(Addition::CallerBoundary)), bounded);
        let scp = bounded.apply(Action::Add(Addition::Scp));
        assert_eq!(scp.world.pointer("/accounts/0/scps/0/0/document"), Some(&json!(STARTER_POLICY)));
        assert!(!can_add(&scp.world, Addition::Scp));
        let session = scp.apply(Action::SetFlow(FlowChoice::AssumeRole)).apply(Action::Add(Addition::SessionPolicy));
        assert_eq!(session.world.pointer("/action/assumeRole/sessionPolicy"), Some(&json!(STARTER_POLICY)));
        assert!(is_world(&session.world));
        assert!(serde_json::from_str::<Value>(STARTER_POLICY).is_ok());
    }

    #[test]
    fn additions_find_the_calling_user_and_account() {
        let world = preset_world("external-id").unwrap_or_default();
        assert_eq!(caller_account(&world), Some(1));
        assert_eq!(caller_user(&world), Some(0));
        assert!(can_add(&world, Addition::SessionPolicy));
        assert_eq!(caller_account(&json!({"users": []})), None);
        assert!(!can_add(&json!({}), Addition::CallerBoundary));
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
