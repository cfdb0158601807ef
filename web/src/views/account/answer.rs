//! An answer worked out after the page has painted: who-can and reach take a second or more on a
//! large account, and the person sees that they are being computed instead of a page that does
//! not answer.

use std::rc::Rc;
use yew::prelude::*;

/// How long the page gets to paint the "computing" note before the work starts, in milliseconds.
const PAINT_MS: u32 = 40;

/// The answer for `key`, worked out by `compute` once the page has painted: `None` while it is
/// being worked out, or when `compute` has nothing to answer for `key`. A new key hides the
/// answer to the old one at once.
#[hook]
pub fn use_deferred<K, T, F>(key: K, compute: F) -> Option<Rc<T>>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(&K) -> Option<T> + 'static,
{
    let answer = use_state(|| None::<(K, Rc<T>)>);
    {
        let answer = answer.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            let work = gloo::timers::callback::Timeout::new(PAINT_MS, move || {
                if let Some(value) = compute(&key) {
                    answer.set(Some((key, Rc::new(value))));
                }
            });
            move || drop(work)
        });
    }
    answer.as_ref().filter(|(answered, _)| *answered == key).map(|(_, value)| Rc::clone(value))
}
