//! The playground's one state — a `World` (as the JSON `omen flow` reads) plus the interface's own
//! choices — and the pure reducer over [`Action`]s that changes it. Results are never stored here.
//! Where a world's policy documents sit is the core's walker's to know
//! (`omen_core::flow::documents_in`); the JSON edits, and what they read first, are in [`edits`].

pub mod edits;

use std::rc::Rc;

use omen_core::flow::{presets, World};
use omen_core::vocabulary::references_in;
use omen_core::world_edit;
use serde_json::Value;
use yew::Reducible;

use crate::i18n::Lang;
use crate::share::Shared;

pub use edits::{
    caller_account, caller_user, can_add, flow_choice, normalise, set_at, Addition, FlowChoice, STARTER_POLICY,
};

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
    /// The share link in the address was larger than any legal world needs, and was not read.
    LinkTooLarge,
    /// The share link in the address could not be read.
    LinkUnreadable,
    /// The share link was made by a later version of Omen (`#v2=`…).
    LinkUnknownVersion,
    /// The world is too large for a link that can be opened.
    ShareTooLarge,
    /// The imported file is not a world.
    ImportFailed,
    /// The imported file is a bare policy document, not a world.
    ImportPolicyDocument,
    /// The world was replaced by an applied fix.
    FixApplied,
    /// The world before the last replacement is back.
    Undone,
    /// The work saved in this browser could not be read; it was kept aside.
    AutosaveKeptAside,
    /// The browser's storage refused the autosave (full, or disabled).
    StorageFull,
    /// A user or role was not removed: the action still uses it.
    InUse,
    /// A user was renamed; so many places changed.
    UserRenamed(usize),
    /// The name typed is not a user name IAM accepts.
    BadUserName,
    /// A role was renamed: this many places now use its new ARN.
    RoleRenamed(usize),
    /// A role name IAM would refuse.
    BadRoleName,
    /// An account id changed: this many places now use the new one.
    AccountChanged(usize),
    /// An account id that is not twelve digits.
    BadAccountId,
    /// A path IAM would refuse.
    BadPath,
    /// An account was not removed: a user, a role or the action lives in it.
    AccountInUse,
    /// A policy was removed from its editor (Undo brings it back).
    Removed,
    /// A group name IAM would refuse, or one another group has.
    BadGroupName,
    /// An AWS managed policy the world attaches by reference could not be loaded from the
    /// managed-policy catalogue.
    ManagedNotLoaded,
    /// The imported accounts were put in after changes the files do not hold: the Account view
    /// opened an edge that rests on changes the principal made first (it names them).
    ChangedFirst,
}

impl Notice {
    /// How the world builder (a wasm module of its own) names this notice to the page: its
    /// `Debug` form (`InUse`, `RoleRenamed(3)`), read back by [`Notice::from_code`].
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    /// The notice of the builder's that `code` names (see [`Notice::code`]), `None` for any other.
    pub fn from_code(code: &str) -> Option<Notice> {
        let (name, places) = match code.strip_suffix(')').and_then(|code| code.split_once('(')) {
            Some((name, places)) => (name, places.parse().ok()?),
            None => (code, 0),
        };
        Some(match name {
            "InUse" => Notice::InUse,
            "BadPath" => Notice::BadPath,
            "AccountInUse" => Notice::AccountInUse,
            "BadGroupName" => Notice::BadGroupName,
            "BadRoleName" => Notice::BadRoleName,
            "BadUserName" => Notice::BadUserName,
            "BadAccountId" => Notice::BadAccountId,
            "RoleRenamed" => Notice::RoleRenamed(places),
            "UserRenamed" => Notice::UserRenamed(places),
            "AccountChanged" => Notice::AccountChanged(places),
            _ => return None,
        })
    }
}

/// Which view the page shows. Lessons, account import and the graph add theirs here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The editors, the scenario and the results.
    #[default]
    Playground,
}

/// What replaces the whole world.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// Another story from the menu.
    Preset,
    /// An imported file.
    Import,
    /// A share link (opened at start, or pasted into the address bar).
    Link,
    /// Reset to the first story.
    Reset,
    /// An applied fix.
    Fix,
    /// A policy removed with its editor's button.
    Removal,
    /// Imported accounts after changes an edge of the Account view rests on.
    ChangedImport,
}

/// A world with where it came from: what a replacement puts in, and what undo brings back.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The world.
    pub world: Value,
    /// The preset it equals, if any.
    pub preset: Option<String>,
    /// The preset it was loaded from, kept while it is edited.
    pub story: Option<String>,
    /// Whether it was edited since it was loaded.
    pub edited: bool,
    /// The fingerprint of the share link it was opened from.
    pub link: Option<String>,
    /// The language a link pinned, if it pinned one.
    pub lang: Option<Lang>,
}

/// A replacement waiting for the person's say, because it would discard edits.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    /// What asks to replace the world.
    pub reason: Replacement,
    /// What would replace it.
    pub next: Snapshot,
}

/// How many replaced worlds undo can bring back.
pub const HISTORY: usize = 20;

/// Everything the page holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    /// The view shown.
    pub view: View,
    /// The interface language.
    pub lang: Lang,
    /// Light or dark.
    pub theme: Theme,
    /// The preset the world equals, while it does.
    pub preset: Option<String>,
    /// The preset the world was loaded from, kept while it is edited (the story menu shows it as
    /// edited).
    pub story: Option<String>,
    /// The world being edited, as JSON (policy documents as the strings typed).
    pub world: Value,
    /// Whether the person changed the world since it was loaded (a replacement then asks first).
    pub edited: bool,
    /// The fingerprint of the share link the world was opened from: a reload on the same link
    /// keeps the work done since.
    pub link: Option<String>,
    /// A message for the user, if any.
    pub notice: Option<Notice>,
    /// A replacement waiting for the person's say.
    pub pending: Option<Rc<Pending>>,
    /// The worlds replaced, oldest first, each with why it was replaced (at most [`HISTORY`]).
    pub history: Vec<Rc<(Replacement, Snapshot)>>,
    /// The changes the last [`Action::ImportChanged`] was made after, named by
    /// [`Notice::ChangedFirst`].
    pub changes_first: Option<Rc<ChangesNamed>>,
}

/// Changes the Account view made to imported accounts before it opened an edge (the files do not
/// hold them), in the words of each language: rich text, `code` in backticks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangesNamed {
    /// In English.
    pub en: Vec<String>,
    /// In Japanese.
    pub ja: Vec<String>,
}

impl ChangesNamed {
    /// Reads `{"en": [text…], "ja": [text…]}`; what is missing or not text is left out.
    pub fn from_json(value: Option<&Value>) -> Self {
        let texts = |lang: &str| -> Vec<String> {
            value
                .and_then(|v| v.get(lang))
                .and_then(Value::as_array)
                .map(|list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default()
        };
        ChangesNamed { en: texts("en"), ja: texts("ja") }
    }

    /// The changes in `lang`'s words.
    pub fn in_lang(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// A change the user makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Show another view.
    ShowView(View),
    /// Switch the interface language.
    SetLang(Lang),
    /// Switch light / dark / system.
    SetTheme(Theme),
    /// Replace the world with the preset of this id (asks first if the world was edited).
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
    /// Replace the world with an imported one (asks first if the world was edited).
    Import(Value),
    /// [`Action::Import`] of accounts after changes the imported files do not hold (the Account
    /// view's edge rests on them); the page says so and names them ([`Notice::ChangedFirst`]).
    ImportChanged {
        /// The accounts after the changes.
        world: Value,
        /// The changes, in each language's words.
        changes: Rc<ChangesNamed>,
    },
    /// Replace the world with the one a fix made (undoable; never asks: the person clicked it).
    ApplyFix(Value),
    /// Open what a share link carried (asks first if the world was edited; nothing happens when
    /// the world came from this very link, so a reload keeps the work done since).
    OfferLink {
        /// What the link carried.
        shared: Shared,
        /// The link's fingerprint.
        link: String,
    },
    /// The share link of the world is now in the address.
    Shared(String),
    /// Open what the autosave kept: world, language, preset, edits and link.
    Restore(Shared),
    /// Let the pending replacement happen.
    Confirm,
    /// Keep the world; drop the pending replacement.
    Decline,
    /// Bring back the world before the last replacement.
    Undo,
    /// Show (or clear) a notice.
    SetNotice(Option<Notice>),
    /// Back to the first preset (asks first if the world was edited).
    Reset,
    /// The world an edit of the world builder (a wasm module of its own, `views::builder`) made
    /// (`None`: refused), and the notice it calls for.
    Edited {
        /// The edited world.
        world: Option<Value>,
        /// The notice, if any.
        notice: Option<Notice>,
    },
    /// Replace the AWS managed policy at this pointer by a customer managed copy (its editor's
    /// copy button).
    CopyManaged(String),
    /// Remove the policy whose document is at this pointer, with its editor (undoable).
    RemoveEditor(String),
    /// The AWS managed policy the world attaches by reference (`reference`, its name or ARN) at
    /// `pointer`, filled in from the managed-policy catalogue (`None`: it could not be). Not an
    /// edit: the world still is the story it was, and nothing is kept for undo. Nothing happens
    /// if the world no longer attaches it there.
    Resolve {
        /// Where the attachment is.
        pointer: String,
        /// Its name or ARN, as written.
        reference: String,
        /// The policy with its document, or `None`.
        policy: Option<Value>,
    },
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

/// Whether `world` is the world of preset `id`, its AWS managed policies attached by reference
/// (`ReadOnlyAccess`, too large to be written into the story) filled in or not.
pub fn is_preset(id: &str, world: &Value) -> bool {
    let Some(mut preset) = preset_world(id) else { return false };
    for (pointer, reference) in references_in(&preset) {
        let filled = world.pointer(&pointer).filter(|policy| {
            policy.get("awsManaged").and_then(Value::as_bool) == Some(true)
                && [policy.get("arn"), policy.get("name")].into_iter().flatten().any(|r| r.as_str() == Some(&reference))
        });
        if let (Some(filled), Some(slot)) = (filled, preset.pointer_mut(&pointer)) {
            *slot = filled.clone();
        }
    }
    preset == *world
}

/// The world of preset `id` with the AWS managed policies it attaches by reference filled in from
/// the catalogue (what the vocabulary module does in the page), through [`Action::Resolve`].
#[cfg(test)]
pub fn filled_preset(id: &str) -> Value {
    use omen_core::vocabulary::{attach_managed_policies, ManagedCatalogue, ManagedPolicies, ServiceReference};
    let reference = ServiceReference::parse(omen_catalogue::SERVICE_REFERENCE).unwrap_or_default();
    let policies = ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).unwrap_or_default();
    let mut state = Playground::new(Lang::En).apply(Action::LoadPreset(id.to_owned()));
    for (pointer, name) in references_in(&state.world) {
        let mut policy = serde_json::json!({ "policies": [name.clone()] });
        attach_managed_policies(&mut policy, Some(ManagedCatalogue { policies: &policies, reference: &reference }));
        let policy = policy.pointer("/policies/0").cloned().map(normalise_policy);
        state = state.apply(Action::Resolve { pointer, reference: name, policy });
    }
    state.world
}

/// A policy filled in as the worker hands it over: its document as text.
#[cfg(test)]
fn normalise_policy(mut policy: Value) -> Value {
    if let Some(document) = policy.get_mut("document") {
        *document = Value::String(omen_core::flow::pretty_policy(document));
    }
    policy
}

/// Whether `value` reads as a [`World`].
pub fn is_world(value: &Value) -> bool {
    value.is_object() && World::from_value(value).is_ok()
}

/// The snapshot of preset `id`, if there is one.
fn preset_snapshot(id: &str) -> Option<Snapshot> {
    let world = preset_world(id)?;
    Some(Snapshot {
        world,
        preset: Some(id.to_owned()),
        story: Some(id.to_owned()),
        edited: false,
        link: None,
        lang: None,
    })
}

impl Playground {
    /// The page as it starts: the first preset.
    pub fn new(lang: Lang) -> Self {
        let id = default_preset_id();
        Playground {
            view: View::Playground,
            lang,
            theme: Theme::System,
            preset: Some(id.to_owned()),
            story: Some(id.to_owned()),
            world: preset_world(id).unwrap_or_else(|| Value::Object(Default::default())),
            edited: false,
            link: None,
            notice: None,
            pending: None,
            history: Vec::new(),
            changes_first: None,
        }
    }

    /// The state with `world`, changed by the person: no longer the preset it came from if it
    /// differs.
    fn changed(mut self, world: Value) -> Self {
        if self.world == world {
            return self;
        }
        if !self.preset.as_deref().is_some_and(|id| is_preset(id, &world)) {
            self.preset = None;
        }
        self.world = world;
        self.edited = true;
        self
    }

    /// The world as it is now, with where it came from.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            world: self.world.clone(),
            preset: self.preset.clone(),
            story: self.story.clone(),
            edited: self.edited,
            link: self.link.clone(),
            lang: None,
        }
    }

    /// Puts `next` in place of the world — at once when nothing would be lost (the world was not
    /// edited, or the person asked for it), else once the person confirms.
    fn replace(mut self, reason: Replacement, next: Snapshot) -> Self {
        if self.edited && !matches!(reason, Replacement::Fix | Replacement::Removal) {
            self.pending = Some(Rc::new(Pending { reason, next }));
            return self;
        }
        self.commit(reason, next)
    }

    /// Puts an imported `world` in place of the world (see [`Playground::replace`]).
    fn import(self, world: Value, reason: Replacement) -> Self {
        let next =
            Snapshot { world: normalise(world), preset: None, story: None, edited: false, link: None, lang: None };
        self.replace(reason, next)
    }

    /// Puts `next` in place of the world; the world it replaces goes into the history.
    fn commit(mut self, reason: Replacement, next: Snapshot) -> Self {
        if self.world != next.world {
            let before = self.snapshot();
            self.history.push(Rc::new((reason, before)));
            if self.history.len() > HISTORY {
                self.history.remove(0);
            }
        }
        if let Some(lang) = next.lang {
            self.lang = lang;
        }
        self.world = next.world;
        self.preset = next.preset;
        self.story = next.story;
        self.edited = next.edited;
        self.link = next.link;
        self.pending = None;
        self.notice = match reason {
            Replacement::Fix => Some(Notice::FixApplied),
            Replacement::Removal => Some(Notice::Removed),
            Replacement::ChangedImport => Some(Notice::ChangedFirst),
            _ => None,
        };
        self
    }

    /// The snapshot of what a link or the autosave carried, `None` if it holds no world.
    fn opened(shared: Shared) -> Option<Snapshot> {
        if !is_world(&shared.world) {
            return None;
        }
        let world = normalise(shared.world);
        let preset = shared.preset.filter(|id| is_preset(id, &world));
        let story = shared.story.or_else(|| preset.clone());
        let lang = shared.lang.as_deref().map(Lang::from_tag);
        Some(Snapshot { world, preset, story, edited: shared.edited, link: shared.link, lang })
    }

    /// The state after `action`.
    #[must_use]
    pub fn apply(mut self, action: Action) -> Self {
        match action {
            Action::ShowView(view) => self.view = view,
            Action::SetLang(lang) => self.lang = lang,
            Action::SetTheme(theme) => self.theme = theme,
            Action::LoadPreset(id) => {
                if let Some(next) = preset_snapshot(&id) {
                    return self.replace(Replacement::Preset, next);
                }
            }
            Action::SetText { pointer, text } => {
                // Cheap on every keystroke: no comparison with the preset.
                if self.world.pointer(&pointer).and_then(Value::as_str) != Some(text.as_str())
                    && set_at(&mut self.world, &pointer, Value::String(text))
                {
                    self.edited = true;
                    self.preset = None;
                }
            }
            Action::SetValue { pointer, value } => {
                let mut world = self.world.clone();
                set_at(&mut world, &pointer, value);
                self = self.changed(world);
            }
            Action::Import(world) => return self.import(world, Replacement::Import),
            Action::ImportChanged { world, changes } => {
                self.changes_first = Some(changes);
                return self.import(world, Replacement::ChangedImport);
            }
            Action::ApplyFix(world) => {
                let next = Snapshot { world: normalise(world), edited: true, preset: None, ..self.snapshot() };
                return self.replace(Replacement::Fix, next);
            }
            Action::OfferLink { shared, link } => {
                if self.link.as_deref() == Some(link.as_str()) {
                    return self;
                }
                // The sharer's language only when the link pins it; else the viewer's.
                let pinned = shared.pin_lang;
                let Some(mut next) = Self::opened(Shared { edited: false, story: None, ..shared }) else {
                    self.notice = Some(Notice::LinkUnreadable);
                    return self;
                };
                if !pinned {
                    next.lang = None;
                }
                next.link = Some(link);
                return self.replace(Replacement::Link, next);
            }
            Action::Shared(link) => self.link = Some(link),
            Action::Restore(shared) => {
                if let Some(next) = Self::opened(shared) {
                    if let Some(lang) = next.lang {
                        self.lang = lang;
                    }
                    self.world = next.world;
                    self.preset = next.preset;
                    self.story = next.story;
                    self.edited = next.edited;
                    self.link = next.link;
                }
            }
            Action::Confirm => {
                if let Some(pending) = self.pending.take() {
                    let Pending { reason, next } = Rc::unwrap_or_clone(pending);
                    return self.commit(reason, next);
                }
            }
            Action::Decline => self.pending = None,
            Action::Undo => {
                if let Some(last) = self.history.pop() {
                    let (_, before) = Rc::unwrap_or_clone(last);
                    self.world = before.world;
                    self.preset = before.preset;
                    self.story = before.story;
                    self.edited = before.edited;
                    self.link = before.link;
                    self.pending = None;
                    self.notice = Some(Notice::Undone);
                }
            }
            Action::SetNotice(notice) => self.notice = notice,
            Action::Reset => {
                if let Some(next) = preset_snapshot(default_preset_id()) {
                    return self.replace(Replacement::Reset, next);
                }
            }
            Action::Resolve { pointer, reference, policy } => {
                let attached = references_in(&self.world).into_iter().any(|(p, r)| p == pointer && r == reference);
                match policy {
                    Some(policy) if attached => {
                        set_at(&mut self.world, &pointer, policy);
                    }
                    None if attached => self.notice = Some(Notice::ManagedNotLoaded),
                    _ => {}
                }
            }
            Action::RemoveEditor(pointer) => {
                if let Some(world) = edits::without_policy(&self.world, &pointer) {
                    let next = Snapshot { world, edited: true, preset: None, ..self.snapshot() };
                    return self.replace(Replacement::Removal, next);
                }
            }
            Action::Edited { world, notice } => {
                if let Some(world) = world {
                    self = self.changed(world);
                }
                if notice.is_some() {
                    self.notice = notice;
                }
            }
            Action::CopyManaged(pointer) => match world_edit::copy_to_customer_managed(&self.world, &pointer) {
                Ok((edited, _)) => self = self.changed(edited.world),
                Err(_) => self.notice = Some(Notice::InUse),
            },
        }
        self
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

    fn edit(state: Playground) -> Playground {
        state.apply(Action::SetText { pointer: "/users/0/policies/0/document".into(), text: "{}".into() })
    }

    #[test]
    fn fixes_replace_the_world_and_can_be_undone() {
        let start = Playground::new(Lang::Ja).apply(Action::SetTheme(Theme::Dark));
        let fixed = start.clone().apply(Action::ApplyFix(json!({"name": "x"})));
        assert_eq!((fixed.preset.clone(), fixed.notice, fixed.edited), (None, Some(Notice::FixApplied), true));
        assert!(fixed.pending.is_none(), "a fix never asks");
        let undone = fixed.apply(Action::Undo);
        assert_eq!(undone.world, start.world);
        assert_eq!(undone.preset, start.preset);
        assert_eq!(undone.notice, Some(Notice::Undone));
        assert!(undone.history.is_empty());
    }

    #[test]
    fn replacing_an_edited_world_asks_first() {
        let edited = edit(Playground::new(Lang::En));
        assert!(edited.edited);
        assert_eq!(edited.preset, None);
        assert_eq!(edited.story.as_deref(), Some("ec2-full-access-without-passrole"), "the menu shows it edited");
        let replacements = [
            (Action::LoadPreset("external-id".into()), Replacement::Preset),
            (Action::Reset, Replacement::Reset),
            (Action::Import(preset_world("role-chaining").unwrap_or_default()), Replacement::Import),
        ];
        for (action, reason) in replacements {
            let asked = edited.clone().apply(action);
            assert_eq!(asked.world, edited.world, "{reason:?}: nothing replaced yet");
            assert_eq!(asked.pending.as_ref().map(|p| p.reason), Some(reason));
            // Keep mine: nothing changes.
            let kept = asked.clone().apply(Action::Decline);
            assert_eq!(kept, edited);
            // Replace: the edits go into the history, and undo brings them back.
            let replaced = asked.apply(Action::Confirm);
            assert_ne!(replaced.world, edited.world);
            assert!(!replaced.edited && replaced.pending.is_none());
            let back = replaced.apply(Action::Undo);
            assert_eq!(
                (back.world.clone(), back.edited, back.story.clone()),
                (edited.world.clone(), true, edited.story.clone())
            );
        }
        // A world not edited is replaced at once.
        let unedited = Playground::new(Lang::En).apply(Action::LoadPreset("external-id".into()));
        assert_eq!(unedited.preset.as_deref(), Some("external-id"));
        assert!(unedited.pending.is_none());
        assert_eq!(unedited.history.len(), 1);
    }

    #[test]
    fn the_history_keeps_the_last_replacements() {
        let mut state = Playground::new(Lang::En);
        for round in 0..HISTORY + 5 {
            let id = if round % 2 == 0 { "external-id" } else { "role-chaining" };
            state = state.apply(Action::LoadPreset(id.into()));
        }
        assert_eq!(state.history.len(), HISTORY);
    }

    #[test]
    fn reset_keeps_language_and_theme() {
        let reset = Playground::new(Lang::Ja)
            .apply(Action::SetTheme(Theme::Dark))
            .apply(Action::LoadPreset("external-id".into()))
            .apply(Action::Reset);
        assert_eq!((reset.lang, reset.theme), (Lang::Ja, Theme::Dark));
        assert_eq!(reset.world, Playground::new(Lang::Ja).world);
    }

    fn link_to(id: &str, lang: &str, pin_lang: bool) -> Shared {
        Shared {
            lang: Some(lang.into()),
            preset: Some(id.into()),
            world: preset_world(id).unwrap_or_default(),
            pin_lang,
            ..Shared::default()
        }
    }

    #[test]
    fn links_open_in_the_viewer_s_language_unless_pinned() {
        let opened = Playground::new(Lang::En)
            .apply(Action::OfferLink { shared: link_to("external-id", "ja", false), link: "a".into() });
        assert_eq!(
            (opened.lang, opened.preset.as_deref(), opened.link.as_deref()),
            (Lang::En, Some("external-id"), Some("a"))
        );
        let pinned = Playground::new(Lang::En)
            .apply(Action::OfferLink { shared: link_to("external-id", "ja", true), link: "a".into() });
        assert_eq!(pinned.lang, Lang::Ja);
        // A preset id that does not match the world is dropped: the world was edited.
        let mut changed = link_to("external-id", "en", false);
        changed.preset = Some("mfa-required".into());
        let opened = Playground::new(Lang::En).apply(Action::OfferLink { shared: changed, link: "b".into() });
        assert_eq!(opened.preset, None);
        let broken = Shared { world: json!({"users": 3}), ..Shared::default() };
        let start = Playground::new(Lang::En);
        let after = start.clone().apply(Action::OfferLink { shared: broken, link: "c".into() });
        assert_eq!((after.world, after.notice), (start.world, Some(Notice::LinkUnreadable)));
    }

    #[test]
    fn a_reload_on_the_same_link_keeps_the_work_and_another_link_asks() {
        let link = |id: &str, fingerprint: &str| Action::OfferLink {
            shared: link_to(id, "en", false),
            link: fingerprint.into(),
        };
        let worked = edit(Playground::new(Lang::En).apply(link("external-id", "a")));
        assert!(worked.edited);
        // The autosave of that work, restored on reload; the same link is offered again.
        let saved = crate::browser::shared_of(&worked);
        let reloaded = Playground::new(Lang::En).apply(Action::Restore(saved)).apply(link("external-id", "a"));
        assert_eq!(reloaded.world, worked.world);
        assert_eq!((reloaded.edited, reloaded.link.as_deref(), reloaded.pending.clone()), (true, Some("a"), None));
        // A different link asks.
        let asked = reloaded.clone().apply(link("role-chaining", "b"));
        assert_eq!(asked.world, worked.world);
        assert_eq!(asked.pending.as_ref().map(|p| p.reason), Some(Replacement::Link));
        let opened = asked.apply(Action::Confirm);
        assert_eq!((opened.preset.as_deref(), opened.link.as_deref()), (Some("role-chaining"), Some("b")));
        assert_eq!(opened.apply(Action::Undo).world, worked.world);
    }

    #[test]
    fn an_editor_s_remove_button_removes_its_policy_and_undo_brings_it_back() {
        // Set up as the world builder would: a boundary, then an AssumeRole with a session policy.
        let given = |state: Playground, edit: fn(Value) -> Value| {
            let world = Some(edit(state.world.clone()));
            state.apply(Action::Edited { world, notice: None })
        };
        let start = given(Playground::new(Lang::En), |world| edits::add(world, Addition::CallerBoundary));
        for pointer in ["/users/0/policies/0/document", "/users/0/permissionsBoundary/document"] {
            let removed = start.clone().apply(Action::RemoveEditor(pointer.into()));
            assert_eq!(removed.world.pointer(pointer), None, "{pointer}");
            assert_eq!(
                (removed.notice, removed.edited, removed.pending.is_none()),
                (Some(Notice::Removed), true, true)
            );
            assert_eq!(removed.apply(Action::Undo).world, start.world, "{pointer}");
        }
        let session = given(Playground::new(Lang::En), |world| {
            edits::add(edits::set_flow(world, FlowChoice::AssumeRole), Addition::SessionPolicy)
        });
        let removed = session.clone().apply(Action::RemoveEditor("/action/assumeRole/sessionPolicy".into()));
        assert_eq!(removed.world.pointer("/action/assumeRole/sessionPolicy"), None);
        assert!(is_world(&removed.world));
        // A trust policy is not removable (a role needs one): nothing happens.
        assert_eq!(start.clone().apply(Action::RemoveEditor("/roles/0/trustPolicy".into())), start);
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

    // A story attaches ReadOnlyAccess by ARN (too large for the first load): filled in, it is
    // still the story, unedited; a late answer for an attachment no longer there changes
    // nothing; one that could not be loaded says so.
    #[test]
    fn an_aws_managed_policy_attached_by_reference_is_filled_in_without_an_edit() {
        let state = Playground::new(Lang::En).apply(Action::LoadPreset("external-id".into()));
        let references = references_in(&state.world);
        assert_eq!(references.len(), 1, "{references:?}");
        let filled = filled_preset("external-id");
        assert!(references_in(&filled).is_empty());
        let policy = filled.pointer("/roles/0/policies/0").cloned().unwrap_or_default();
        assert!(policy["document"].as_str().unwrap_or_default().contains("s3:Get*"), "{policy}");
        assert!(is_preset("external-id", &filled));
        let (pointer, reference) = references.into_iter().next().unwrap_or_default();
        let resolved = state.clone().apply(Action::Resolve {
            pointer: pointer.clone(),
            reference: reference.clone(),
            policy: Some(policy.clone()),
        });
        assert_eq!(resolved.world, filled);
        assert_eq!((resolved.preset.as_deref(), resolved.edited), (Some("external-id"), false));
        assert_eq!(resolved.history.len(), state.history.len(), "nothing kept for undo");
        // Already filled in: a second answer changes nothing.
        let again = resolved.clone().apply(Action::Resolve {
            pointer: pointer.clone(),
            reference: reference.clone(),
            policy: Some(json!({"name": "Other"})),
        });
        assert_eq!(again.world, filled);
        let failed = state.apply(Action::Resolve { pointer, reference, policy: None });
        assert_eq!(failed.notice, Some(Notice::ManagedNotLoaded));
        // An edit after it makes it an edited story, as any edit does.
        let edited = resolved.apply(Action::SetValue { pointer: "/name".into(), value: json!("Mine") });
        assert_eq!((edited.preset, edited.edited), (None, true));
    }

    /// Accounts imported after changes their files do not hold say so and name the changes in
    /// both languages, at once or once the person confirms the replacement of an edited world; a
    /// plain import says nothing.
    #[test]
    fn an_import_after_changes_says_so() {
        let world = preset_world("role-chaining").unwrap_or_default();
        let named = json!({"en": ["Added `alice` to the group `admins`"], "ja": ["`alice` をグループ `admins` に追加"], "de": ["?"]});
        let changes = Rc::new(ChangesNamed::from_json(Some(&named)));
        assert_eq!(changes.in_lang(Lang::Ja), ["`alice` をグループ `admins` に追加"]);
        let changed = || Action::ImportChanged { world: world.clone(), changes: changes.clone() };
        let start = Playground::new(Lang::En);
        let now = start.clone().apply(changed());
        assert_eq!((now.notice, now.changes_first.as_deref()), (Some(Notice::ChangedFirst), Some(&*changes)));
        assert_eq!(start.clone().apply(Action::Import(world.clone())).notice, None);
        let asked = edit(start).apply(changed());
        assert_eq!(asked.pending.as_ref().map(|p| p.reason), Some(Replacement::ChangedImport));
        let confirmed = asked.apply(Action::Confirm);
        assert_eq!(
            (confirmed.notice, confirmed.changes_first.as_deref()),
            (Some(Notice::ChangedFirst), Some(&*changes))
        );
        // Nothing readable: no change named (the notice still says there are some).
        assert_eq!(ChangesNamed::from_json(Some(&json!({"en": [1, null]}))), ChangesNamed::default());
        assert_eq!(ChangesNamed::from_json(None), ChangesNamed::default());
    }
}
