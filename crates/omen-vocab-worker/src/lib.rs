//! The page's vocabulary worker: holds the catalogue (the service reference)
//! and answers the editors' requests — the findings of a policy text, what may be typed at the
//! caret, what the action, condition operator or condition key under the caret is — as JSON, in a Web Worker (`worker.js` starts it),
//! so that neither the catalogues, nor the checks, nor the words and layouts of their answers
//! (`render`) weigh on the page's first load or its keystrokes. Requests and answers are JSON
//! texts: `{"id", "op", …}` in, `{"id", …}` out. The managed-policy picker (`picker`) asks it to
//! search the AWS managed policies (fetched only when the picker first opens), to preview one
//! and to fill one in for attaching.

mod complete;
mod condition;
mod picker;
pub mod render;

use std::cell::RefCell;

use omen_core::lint::{self, Finding};
use omen_core::vocabulary::{ActionDescriptions, ManagedPolicies, ServiceReference};
use omen_core::Lang;
use omen_core::PolicyKind;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::wasm_bindgen;

/// What the worker holds.
#[derive(Default)]
struct Vocabulary {
    reference: ServiceReference,
    descriptions: Option<ActionDescriptions>,
    /// The AWS managed policies (loaded when the picker first opens; empty until then).
    managed: ManagedPolicies,
}

thread_local! {
    static VOCABULARY: RefCell<Vocabulary> = RefCell::new(Vocabulary::default());
}

/// What `load` says about the catalogues it read.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Loaded {
    /// Always `ready`: the first message the page gets from the worker.
    pub op: &'static str,
    /// Services in the reference.
    pub services: usize,
    /// Actions in the reference.
    pub actions: usize,
    /// Why the catalogues could not be read, if they could not (the checks then run without
    /// the vocabulary).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Reads the service reference's text (`service-reference.txt`; empty gives no vocabulary) and
/// answers a [`Loaded`] as JSON.
#[wasm_bindgen]
pub fn load(service_reference: &str) -> String {
    let mut error = None;
    let reference = ServiceReference::parse(service_reference).unwrap_or_else(|e| {
        error = Some(e.to_string());
        ServiceReference::default()
    });
    let loaded = Loaded { op: "ready", services: reference.services.len(), actions: reference.action_count(), error };
    VOCABULARY.with(|v| *v.borrow_mut() = Vocabulary { reference, ..Vocabulary::default() });
    serde_json::to_string(&loaded).unwrap_or_default()
}

/// Reads the action descriptions' text (`action-descriptions.txt`, fetched after the reference:
/// only explanations use it). Answers whether it could.
#[wasm_bindgen]
pub fn load_descriptions(text: &str) -> bool {
    let descriptions = ActionDescriptions::parse(text).ok();
    let read = descriptions.is_some();
    VOCABULARY.with(|v| v.borrow_mut().descriptions = descriptions);
    read
}

/// Reads the managed policies' text (`managed-policies.txt`, fetched when the picker first asks:
/// only the picker uses it). Answers whether it could.
#[wasm_bindgen]
pub fn load_managed(text: &str) -> bool {
    let managed = ManagedPolicies::parse(text).ok();
    let read = managed.as_ref().is_some_and(|m| !m.policies.is_empty());
    VOCABULARY.with(|v| v.borrow_mut().managed = managed.unwrap_or_default());
    read
}

/// How many names an explanation of a wildcard lists.
const EXPANSION_SHOWN: usize = 8;

/// A request from the page.
#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
enum Request {
    /// The findings of a policy text.
    Lint {
        id: u64,
        text: String,
        /// `identity`, `trust`, `boundary`, `session`, `scp`, `rcp`, `resource`.
        kind: String,
        /// `en` or `ja`.
        lang: String,
    },
    /// What the string at byte `at` of a policy text is: an action pattern (one action, a
    /// wildcard, `*`), a condition operator or a condition key.
    Explain {
        id: u64,
        text: String,
        at: usize,
        /// `en` or `ja`.
        #[serde(default)]
        lang: String,
    },
    /// What may be typed at byte `at` of a policy text.
    Complete {
        id: u64,
        text: String,
        at: usize,
        /// The world's principal and role ARNs.
        #[serde(default)]
        arns: Vec<String>,
        /// The element id of the page's list (its options' ids start with it).
        #[serde(default)]
        list: String,
    },
    /// The managed-policy picker: the AWS managed policies whose name has every word of `query`
    /// (`form`: the whole picker, with its search field and the users, groups and roles of
    /// `world` to attach to; else only the list).
    Managed {
        id: u64,
        #[serde(default)]
        query: String,
        #[serde(default)]
        form: bool,
        #[serde(default)]
        world: serde_json::Value,
        #[serde(default)]
        lang: String,
    },
    /// One AWS managed policy's preview: path, version, date and document.
    Preview {
        id: u64,
        name: String,
        #[serde(default)]
        lang: String,
    },
    /// The AWS managed policy a world attaches by `reference` (its ARN or name), filled in
    /// (`{name, arn, awsManaged, document}`): `{"policy"}`, or `{"error"}` when it cannot be.
    Resolve { id: u64, reference: String },
    /// One AWS managed policy filled in as a world attaches it (`{name, arn, awsManaged,
    /// document}`), from its ARN, for the user, group or role at `owner` of `world` (as a
    /// permissions boundary if `boundary`), with what to say about it.
    Attach {
        id: u64,
        arn: String,
        #[serde(default)]
        owner: String,
        #[serde(default)]
        boundary: bool,
        #[serde(default)]
        world: serde_json::Value,
        #[serde(default)]
        lang: String,
    },
}

/// How many completions are offered at most.
const COMPLETIONS: usize = 12;

/// The answer to a completion request: the bytes to replace (the string's content), the texts
/// offered and the list's options (`render::items_html`); no options, no list.
#[derive(Debug, Serialize)]
struct Completed {
    id: u64,
    from: usize,
    to: usize,
    labels: Vec<String>,
    html: String,
}

/// One underline: bytes `start..end` (never empty), its CSS class and its title.
type Mark = (usize, usize, &'static str, String);

/// One replacement of a quick fix: bytes `start..end` become the text.
type Edit = (usize, usize, String);

/// The answer to a lint request: the underlines, the list's items (`render::findings_html`; the
/// `n`-th item is about the `n`-th underline) and the quick fixes in the order of their
/// `data-fix` numbers.
#[derive(Debug, Serialize)]
struct Linted {
    id: u64,
    marks: Vec<Mark>,
    items: Vec<String>,
    fixes: Vec<Vec<Edit>>,
}

impl Linted {
    fn of(id: u64, text: &str, findings: &[Finding], lang: Lang) -> Self {
        let marks = findings
            .iter()
            .map(|f| {
                // An empty range still gets one character underlined, so that it can be seen.
                let end = f.range.end.max(f.range.start + 1);
                (f.range.start, end, render::severity_class(f.severity), render::title(f))
            })
            .collect();
        let fixes = findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .map(|fix| fix.edits.iter().map(|e| (e.range.start, e.range.end, e.text.clone())).collect())
            .collect();
        Self { id, marks, items: render::findings_html(text, findings, lang), fixes }
    }
}

/// The answer to an explain request: the bytes explained and what they are, as the content of
/// the page's explanation line (empty: nothing to say).
#[derive(Debug, Serialize)]
struct Explained {
    id: u64,
    from: usize,
    to: usize,
    html: String,
}

/// An answer that could not be given.
#[derive(Debug, Serialize)]
struct Failed {
    id: u64,
    error: String,
}

fn lang_named(name: &str) -> Lang {
    if name == "ja" {
        Lang::Ja
    } else {
        Lang::En
    }
}

fn kind_named(name: &str) -> PolicyKind {
    match name {
        "trust" => PolicyKind::Trust,
        "boundary" => PolicyKind::PermissionsBoundary,
        "session" => PolicyKind::Session,
        "scp" => PolicyKind::Scp,
        "rcp" => PolicyKind::Rcp,
        "resource" => PolicyKind::Resource,
        _ => PolicyKind::Identity,
    }
}

/// The explanation of the string `written` at `place`: an action pattern (a value of `Action` or
/// `NotAction`), a condition operator (a key of `Condition`) or a condition key (a key under an
/// operator); empty for anything else.
fn explain_html(place: &complete::Place, written: &str, lang: Lang) -> String {
    let last = place.path.last().map(String::as_str);
    let parent = place.path.len().checked_sub(2).and_then(|i| place.path.get(i)).map(String::as_str);
    match (place.is_key, last, parent) {
        (false, Some("Action" | "NotAction"), _) => VOCABULARY
            .with(|v| {
                let v = v.borrow();
                v.reference.hover_action(written, v.descriptions.as_ref(), EXPANSION_SHOWN)
            })
            .map(|hover| render::hover_html(&hover, lang))
            .unwrap_or_default(),
        (true, Some("Condition"), _) => condition::operator_html(written, lang).unwrap_or_default(),
        (true, Some(operator), Some("Condition")) => VOCABULARY
            .with(|v| v.borrow().reference.hover_key(written))
            .map(|hover| condition::key_html(&hover, operator, lang))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Answers one request (JSON text) with JSON text.
#[wasm_bindgen]
pub fn handle(request: &str) -> String {
    let request: Request = match serde_json::from_str(request) {
        Ok(request) => request,
        Err(error) => {
            let id = serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|v| v.get("id").and_then(serde_json::Value::as_u64))
                .unwrap_or(0);
            return serde_json::to_string(&Failed { id, error: error.to_string() }).unwrap_or_default();
        }
    };
    match request {
        Request::Lint { id, text, kind, lang } => {
            let kind = kind_named(&kind);
            let lang = lang_named(&lang);
            let findings =
                VOCABULARY.with(|v| lint::check(&text, kind, kind.size_quota(), &v.borrow().reference, lang));
            serde_json::to_string(&Linted::of(id, &text, &findings, lang)).unwrap_or_default()
        }
        Request::Explain { id, text, at, lang } => {
            let answer = match complete::place(&text, at) {
                Some(place) => {
                    let html =
                        explain_html(&place, text.get(place.from..place.to).unwrap_or_default(), lang_named(&lang));
                    Explained { id, from: place.from, to: place.to, html }
                }
                None => Explained { id, from: at, to: at, html: String::new() },
            };
            serde_json::to_string(&answer).unwrap_or_default()
        }
        Request::Complete { id, text, at, arns, list } => {
            let answer = match complete::place(&text, at) {
                Some(place) => {
                    let items =
                        VOCABULARY.with(|v| complete::complete(&place, &v.borrow().reference, &arns, COMPLETIONS));
                    let html = render::items_html(&list, &items);
                    let labels = items.into_iter().map(|item| item.label).collect();
                    Completed { id, from: place.from, to: place.to, labels, html }
                }
                None => Completed { id, from: at, to: at, labels: Vec::new(), html: String::new() },
            };
            serde_json::to_string(&answer).unwrap_or_default()
        }
        Request::Managed { id, query, form, world, lang } => {
            let lang = lang_named(&lang);
            let html = VOCABULARY.with(|v| {
                let v = v.borrow();
                if form {
                    picker::form_html(&v.managed, &query, &picker::targets(&world, lang), lang)
                } else {
                    picker::list_html(&v.managed, &query, lang)
                }
            });
            serde_json::json!({ "id": id, "html": html }).to_string()
        }
        Request::Preview { id, name, lang } => {
            let html = VOCABULARY.with(|v| {
                let v = v.borrow();
                picker::preview_html(&v.managed, &v.reference, &name, lang_named(&lang))
            });
            serde_json::json!({ "id": id, "html": html }).to_string()
        }
        Request::Resolve { id, reference } => {
            match VOCABULARY.with(|v| picker::attach(&v.borrow().managed, &v.borrow().reference, &reference)) {
                Ok(policy) => serde_json::json!({ "id": id, "policy": policy }).to_string(),
                Err(error) => serde_json::json!({ "id": id, "error": error }).to_string(),
            }
        }
        Request::Attach { id, arn, owner, boundary, world, lang } => {
            let lang = lang_named(&lang);
            if boundary && owner.contains("/groups/") {
                let said = render::tr(
                    lang,
                    "A group has no permissions boundary: choose a user or a role.",
                    "グループにはアクセス許可の境界がありません。ユーザーかロールを選んでください。",
                );
                return serde_json::json!({ "id": id, "said": said }).to_string();
            }
            let answer = VOCABULARY.with(|v| picker::attach(&v.borrow().managed, &v.borrow().reference, &arn));
            match answer {
                Ok(policy) => {
                    let said = picker::attached_words(&policy, &owner, boundary, &world, lang);
                    serde_json::json!({ "id": id, "policy": policy, "said": said }).to_string()
                }
                Err(error) => serde_json::json!({ "id": id, "error": error, "said": error }).to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests;
