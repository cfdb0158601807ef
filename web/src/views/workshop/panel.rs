//! The page's part of workshop mode, the only part in the first load: a bar that opens it, the
//! panel its interface renders into, and the page's end of the [`bridge`]. The interface (a
//! second wasm module) is loaded on the first open — or at once when the address names a lesson
//! or a challenge — through `omenWorkshop` in web/loader.js.

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::bridge;
use super::material::starting_world;
use super::strings::bar;
use super::view::Route;
use crate::context::use_playground;
use crate::state::{Action, ChangesNamed};

/// The id of the element the interface renders into.
pub const ROOT_ID: &str = "omen-workshop";

/// How long the world must stay unchanged before the interface hears of it, in milliseconds:
/// typing never waits for workshop mode.
const PUBLISH_DELAY_MS: u32 = 100;

/// Loads the interface (`window.omenWorkshop()`, web/loader.js).
fn load_interface() {
    let Some(window) = web_sys::window() else { return };
    let Ok(function) = js_sys::Reflect::get(&window, &JsValue::from_str("omenWorkshop")) else { return };
    if let Ok(function) = function.dyn_into::<js_sys::Function>() {
        let _ = function.call0(&JsValue::NULL);
    }
}

/// The bar and the panel.
#[component]
pub fn WorkshopPanel() -> Html {
    let state = use_playground();
    let open = use_state(|| Route::from_fragment(&crate::browser::fragment()) != Route::Closed);
    let loaded = use_mut_ref(|| false);
    use_effect_with(*open, move |open| {
        if *open && !*loaded.borrow() {
            *loaded.borrow_mut() = true;
            load_interface();
        }
    });
    // Set while a world the interface asked for is on its way into the playground: that world is
    // published at once, not after the typing pause, so that the interface never checks or
    // grades the world it replaced (a "Check" pressed within the pause graded the old world,
    // and the grade, made for a world no longer shown, never appeared).
    let loading = use_mut_ref(|| false);
    {
        // The interface asks for starting worlds.
        let dispatcher = state.as_ref().map(UseReducerHandle::dispatcher);
        let loading = loading.clone();
        use_effect_with((), move |()| {
            let listener = dispatcher.and_then(|dispatcher| {
                bridge::listen(bridge::LOAD_EVENT, move || {
                    let asked = bridge::world_asked();
                    if let Some(world) = asked.as_ref().and_then(starting_world) {
                        *loading.borrow_mut() = true;
                        // The Account view's edge that rests on changes the files do not hold.
                        let changes = asked.as_ref().and_then(|a| a.get("changes"));
                        dispatcher.dispatch(match changes {
                            Some(changes) => Action::ImportChanged {
                                world,
                                changes: std::rc::Rc::new(ChangesNamed::from_json(Some(changes))),
                            },
                            None => Action::Import(world),
                        });
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // The interface hears of the world once typing pauses (and at once when it opens, or
        // when the world is one it asked for).
        let key = state.as_ref().map(|state| (state.world.clone(), state.lang, *open));
        use_effect_with(key, move |key| {
            let asked = loading.replace(false);
            let timeout = key.clone().filter(|(_, _, open)| *open).and_then(|(world, lang, _)| {
                if asked {
                    bridge::publish(&world, lang);
                    return None;
                }
                Some(gloo::timers::callback::Timeout::new(PUBLISH_DELAY_MS, move || bridge::publish(&world, lang)))
            });
            move || drop(timeout)
        });
    }
    let Some(state) = state else {
        return Html::default();
    };
    let w = bar(state.lang);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            if *open {
                super::view::write_fragment(&Route::Closed);
            }
            open.set(!*open);
        })
    };
    html! {
        <section class={classes!("workshop", open.then_some("open"))} aria-label={w.workshop} data-testid="workshop">
            <div class="ws-bar">
                <strong class="ws-name">{ w.workshop }</strong>
                if !*open { <span class="ws-invite">{ w.invite }</span> }
                <button type="button" class="small" onclick={toggle} aria-expanded={open.to_string()} data-testid="workshop-toggle">
                    { if *open { w.close } else { w.open } }
                </button>
            </div>
            // Filled by the interface; `hidden` keeps its state while workshop mode is closed.
            <div id={ROOT_ID} class="ws-body" hidden={!*open} data-loading={w.loading}></div>
        </section>
    }
}
