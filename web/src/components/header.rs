//! The masthead: the title, the story menu, share / export / import / reset, the theme toggle and
//! the language switch.

use omen_core::flow::presets;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::LanguageSwitch;
use crate::context::use_playground;
use crate::hooks::{use_export, use_import, use_share_link, ShareLink};
use crate::i18n::Lang;
use crate::state::{Action, Theme};

/// The masthead: the story menu, share / export / import / reset, theme and language.
#[component]
pub fn Header() -> Html {
    let Some(state) = use_playground() else {
        return Html::default();
    };
    let t = state.lang.strings();
    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |lang| dispatcher.dispatch(Action::SetLang(lang)))
    };
    let selected = state.preset.clone().unwrap_or_default();
    // The menu shows the state's story, also when a switch waits for the person's say.
    let menu = use_node_ref();
    {
        let menu = menu.clone();
        use_effect_with((selected.clone(), state.pending.is_some()), move |(selected, _)| {
            if let Some(select) = menu.cast::<HtmlSelectElement>() {
                select.set_value(selected);
            }
        });
    }
    let on_preset = {
        let dispatcher = state.dispatcher();
        let selected = selected.clone();
        Callback::from(move |event: Event| {
            let select = event.target_unchecked_into::<HtmlSelectElement>();
            let id = select.value();
            if !id.is_empty() {
                select.set_value(&selected);
                dispatcher.dispatch(Action::LoadPreset(id));
            }
        })
    };
    let on_theme = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTheme(state.theme.next())))
    };
    let ShareLink { link, copied, pinned, on_share, on_pin } = use_share_link(&state);
    let on_export = use_export(&state);
    let on_import = use_import(state.dispatcher());
    let on_reset = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Reset))
    };
    let theme_label = match state.theme {
        Theme::System => t.theme_system,
        Theme::Light => t.theme_light,
        Theme::Dark => t.theme_dark,
    };
    let on_undo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Undo))
    };
    let title = |id: &str| {
        presets().into_iter().find(|preset| preset.id == id).map(|preset| match state.lang {
            Lang::En => preset.title_en,
            Lang::Ja => preset.title_ja,
        })
    };
    let edited_label = match state.story.as_deref().and_then(title) {
        Some(title) => format!("{title} ({})", t.edited),
        None => t.custom.to_owned(),
    };
    html! {
        <header class="masthead">
            <div class="brand">
                <h1>{ "Omen" }<span class="subtitle">{ " — IAM role playground / お面" }</span></h1>
                <p class="tagline">{ t.tagline }</p>
            </div>
            <div class="toolbar">
                <label class="preset-picker">
                    <span>{ t.preset }</span>
                    <select id="preset" ref={menu} onchange={on_preset} data-testid="preset">
                        if state.preset.is_none() { <option value="" selected=true>{ edited_label }</option> }
                        { for presets().into_iter().map(|preset| {
                            let title = match state.lang { Lang::En => preset.title_en, Lang::Ja => preset.title_ja };
                            html! { <option value={preset.id} selected={preset.id == selected}>{ title }</option> }
                        }) }
                    </select>
                </label>
                <div class="buttons">
                    <button type="button" onclick={on_share} data-testid="share">{ t.share }</button>
                    <button type="button" onclick={on_export} data-testid="export">{ t.export }</button>
                    <label class="button file-button">
                        { t.import }
                        <input type="file" accept="application/json,.json" onchange={on_import} data-testid="import" />
                    </label>
                    <button type="button" onclick={on_reset} data-testid="reset">{ t.reset }</button>
                    if !state.history.is_empty() {
                        <button type="button" onclick={on_undo} data-testid="undo" title={t.undo_title}>{ "↶ " }{ t.undo }</button>
                    }
                    <button type="button" onclick={on_theme} data-testid="theme" aria-label={theme_label}>
                        { match state.theme { Theme::System => "◐", Theme::Light => "☀", Theme::Dark => "☾" } }
                    </button>
                    <LanguageSwitch lang={state.lang} on_select={on_lang} />
                </div>
                if !link.is_empty() {
                    <div class="share-link">
                        <label for="share-link">{ t.share_label }</label>
                        <input id="share-link" type="text" readonly=true class="mono" value={(*link).clone()} data-testid="share-link" />
                        <span class="hint">{ t.share_done }</span>
                        <span class="pin-lang">
                            <input type="checkbox" id="pin-lang" checked={pinned} onchange={on_pin} data-testid="pin-lang" />
                            <label for="pin-lang">{ t.pin_lang }</label>
                        </span>
                        if *copied { <span class="copied" role="status" data-testid="copied">{ t.copied }</span> }
                    </div>
                }
            </div>
        </header>
    }
}
