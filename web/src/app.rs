//! The page: the playground's state provider around the header, workshop mode's panel, the
//! Account bar, the notice bar and the view the state chooses.

use yew::prelude::*;

use crate::components::{ConfirmBar, Header, NoticeBar};
use crate::context::{use_playground, PlaygroundProvider};
use crate::state::View;
use crate::views::PlaygroundView;

/// The whole page.
#[component]
pub fn App() -> Html {
    html! {
        <PlaygroundProvider>
            <Page />
        </PlaygroundProvider>
    }
}

/// The header, the notice (if any) and the view chosen.
#[component]
fn Page() -> Html {
    let Some(state) = use_playground() else {
        return Html::default();
    };
    let t = state.lang.strings();
    // AWS's vocabulary (its own wasm module) reads the world and attaches managed policies.
    crate::vocabulary::page::remember(&state);
    // Not through the address: the fragment holds the share link.
    let skip = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        crate::browser::reveal("results");
    });
    html! {
        <>
            <a class="skip-link" href="#results" onclick={skip} data-testid="skip-link">{ t.skip_to_results }</a>
            <Header />
            <ConfirmBar />
            <crate::views::workshop::WorkshopPanel />
            <crate::views::account::AccountEntry />
            if let Some(notice) = state.notice { <NoticeBar {notice} /> }
            { match state.view {
                View::Playground => html! { <PlaygroundView /> },
            } }
            { crate::vocabulary::page::about_line() }
        </>
    }
}
