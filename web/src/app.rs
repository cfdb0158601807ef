//! The page: one reducer state shared through a context, and the sections that read it.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{LanguageSwitch, PolicyEditor, TextField, VerdictView};
use crate::evaluation::evaluate;
use crate::i18n::browser_lang;
use crate::state::{Action, Playground};

/// The playground state as the sections see it: read it, or dispatch an [`Action`].
pub type PlaygroundContext = UseReducerHandle<Playground>;

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| Playground::new(browser_lang()));

    let lang = state.lang;
    use_effect_with(lang, |lang| set_document_lang(lang.tag()));

    html! {
        <ContextProvider<PlaygroundContext> context={state}>
            <Header />
            <main class="layout">
                <Policies />
                <Request />
                <Results />
            </main>
        </ContextProvider<PlaygroundContext>>
    }
}

/// Writes `<html lang>`, so that fonts and screen readers follow the interface language.
fn set_document_lang(tag: &str) {
    let root = web_sys::window().and_then(|window| window.document()).and_then(|document| document.document_element());
    if let Some(root) = root {
        // Nothing to do if the browser refuses: the page still works.
        let _ = root.set_attribute("lang", tag);
    }
}

/// A callback that dispatches the action `make` builds from its argument.
fn dispatcher<T: 'static>(state: &PlaygroundContext, make: fn(T) -> Action) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(make(value)))
}

#[component]
fn Header() -> Html {
    let Some(state) = use_context::<PlaygroundContext>() else {
        return Html::default();
    };
    html! {
        <header class="masthead">
            <div>
                <h1>{ "Omen" }<span class="subtitle">{ " — IAM role playground / お面" }</span></h1>
                <p class="tagline">{ state.lang.strings().tagline }</p>
            </div>
            <LanguageSwitch lang={state.lang} on_select={dispatcher(&state, Action::SetLang)} />
        </header>
    }
}

#[component]
fn Policies() -> Html {
    let Some(state) = use_context::<PlaygroundContext>() else {
        return Html::default();
    };
    let t = state.lang.strings();
    let scenario = &state.scenario;
    html! {
        <div class="policies">
            <PolicyEditor
                id="identity-policy"
                label={t.identity_policy}
                hint={t.identity_policy_hint}
                value={scenario.identity_policy.clone()}
                on_input={dispatcher(&state, Action::SetIdentityPolicy)}
            />
            <PolicyEditor
                id="trust-policy"
                label={t.trust_policy}
                hint={t.trust_policy_hint}
                value={scenario.trust_policy.clone()}
                on_input={dispatcher(&state, Action::SetTrustPolicy)}
            />
        </div>
    }
}

/// A request input: its id, its label, its value and the action an edit dispatches.
type RequestField<'a> = (&'static str, &'static str, &'a String, fn(String) -> Action);

#[component]
fn Request() -> Html {
    let Some(state) = use_context::<PlaygroundContext>() else {
        return Html::default();
    };
    let t = state.lang.strings();
    let scenario = &state.scenario;
    let fields: [RequestField; 4] = [
        ("principal", t.principal, &scenario.principal, Action::SetPrincipal),
        ("action", t.action, &scenario.action, Action::SetAction),
        ("resource", t.resource, &scenario.resource, Action::SetResource),
        ("passed-to-service", t.passed_to_service, &scenario.passed_to_service, Action::SetPassedToService),
    ];
    html! {
        <section class="request" aria-labelledby="request-heading">
            <h2 id="request-heading">{ t.request }</h2>
            { for fields.into_iter().map(|(id, label, value, action)| html! {
                <TextField {id} {label} value={value.clone()} on_input={dispatcher(&state, action)} />
            }) }
        </section>
    }
}

#[component]
fn Results() -> Html {
    let state = use_context::<PlaygroundContext>();
    // Derived, never stored: evaluated again only when the scenario or the language changes.
    let inputs = state.as_ref().map(|state| (state.scenario.clone(), state.lang));
    let verdict = use_memo(inputs, |inputs| inputs.as_ref().map(|(scenario, lang)| Rc::new(evaluate(scenario, *lang))));
    match (state, verdict.as_ref()) {
        (Some(state), Some(verdict)) => html! { <VerdictView verdict={verdict.clone()} lang={state.lang} /> },
        _ => Html::default(),
    }
}
