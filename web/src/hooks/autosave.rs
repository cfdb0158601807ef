//! The autosave (once typing pauses, so that a keystroke never waits for storage) and the
//! document's `lang` and `data-theme`.

use yew::prelude::*;

use crate::browser;
use crate::i18n::Lang;
use crate::state::{Action, Notice, Playground, Theme};

/// How long typing must pause before the world is saved, in milliseconds.
pub const AUTOSAVE_DELAY_MS: u32 = 300;

/// Saves the world, its language, preset and story, whether it was edited and the link it came
/// from, once typing pauses; a browser that refuses (storage full or disabled) is reported once.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<Playground>) {
    let state = state.clone();
    let key = (state.world.clone(), state.lang, state.preset.clone(), state.edited, state.link.clone());
    use_effect_with(key, move |_| {
        let timeout = gloo::timers::callback::Timeout::new(AUTOSAVE_DELAY_MS, move || {
            if !browser::autosave(&state) && state.notice != Some(Notice::StorageFull) {
                state.dispatch(Action::SetNotice(Some(Notice::StorageFull)));
            }
        });
        move || drop(timeout)
    });
}

/// Keeps `<html lang>` and `<html data-theme>` in step with the state.
#[hook]
pub fn use_root_attributes(lang: Lang, theme: Theme) {
    use_effect_with(lang, |lang| browser::set_root_attribute("lang", lang.tag()));
    use_effect_with(theme, |theme| browser::set_root_attribute("data-theme", theme.as_str()));
}
