//! The page's views, one module each: the playground; workshop mode (`workshop/`: a panel the
//! page shows beside the playground, not a view of its own, since attendees edit the
//! playground's world); the Account view (`account/`: a bar whose body a third wasm module fills
//! when it first opens — import, who can wear a mask, what a principal can reach, the graph); the
//! world builder (`builder/`: the scenario pane, a fifth wasm module loaded after the first verdict).

pub mod account;
pub mod builder;
mod playground;
pub mod workshop;

pub use playground::{policy_pointers, PlaygroundView};

#[yew::component]
fn Nothing() -> yew::Html {
    yew::Html::default()
}

/// Uses up `count` of the subtree ids Yew counts in this wasm module, before a module that is
/// not the page renders its app: Yew brands the elements it renders with a subtree id counted
/// from 1 in each module, and an app ignores events on elements branded with another app's id,
/// so each module's ids are numbered apart (see `workshop`'s `SUBTREE_ID_OFFSET`).
pub fn skip_subtree_ids(document: &web_sys::Document, count: usize) {
    for _ in 0..count {
        if let Ok(detached) = document.create_element("div") {
            yew::Renderer::<Nothing>::with_root(detached).render().destroy();
        }
    }
}

/// Renders a module's interface once its stylesheet (the `css` file `#omen-modules` names for
/// `module`) has loaded, or failed to: the interface still works unstyled.
pub fn render_after_stylesheet(document: &web_sys::Document, module: &str, render: impl FnOnce() + 'static) {
    let href = crate::modules::file(module, "css");
    let (Ok(href), Ok(link), Some(head)) = (href, document.create_element("link"), document.head()) else {
        render();
        return;
    };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &href);
    let once = std::rc::Rc::new(std::cell::RefCell::new(Some(render)));
    for event in ["load", "error"] {
        let once = once.clone();
        gloo::events::EventListener::once(&link, event, move |_| {
            if let Some(render) = once.borrow_mut().take() {
                render();
            }
        })
        .forget();
    }
    if head.append_child(&link).is_err() {
        if let Some(render) = once.borrow_mut().take() {
            render();
        }
    }
}
