//! The switch between the interface languages.

use yew::prelude::*;

use crate::i18n::Lang;

/// Properties of [`LanguageSwitch`].
#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    /// The language shown now.
    pub lang: Lang,
    /// Called with the language the user picks.
    pub on_select: Callback<Lang>,
}

/// One button per language; the current one is pressed.
#[component]
pub fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    html! {
        <div class="language-switch" role="group" aria-label={props.lang.strings().language}>
            { for Lang::ALL.into_iter().map(|lang| {
                let onclick = props.on_select.reform(move |_: MouseEvent| lang);
                html! {
                    <button
                        type="button"
                        lang={lang.tag()}
                        aria-pressed={(lang == props.lang).to_string()}
                        {onclick}
                    >
                        { lang.endonym() }
                    </button>
                }
            }) }
        </div>
    }
}
