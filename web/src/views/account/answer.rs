//! An answer worked out by the analysis (`channel.rs`: in the worker, or on the page's thread
//! when there is none): who-can and reach take up to a second on a large account, and the
//! person sees that they are being computed while the page goes on answering.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde_json::Value;
use yew::prelude::*;

use super::channel::Shared;

/// The reply for `key` to `message` (asked once per key), as `read` takes it: `None` while it is
/// being worked out, or when `message` is `None` (nothing to ask for `key`). A new key hides the
/// reply to the old one at once, and a reply to an older question is never shown.
#[hook]
pub fn use_reply<K, T>(channel: &Shared, key: K, message: Option<Value>, read: fn(&Value) -> T) -> Option<Rc<T>>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
{
    let reply = use_state(|| None::<(K, Rc<T>)>);
    {
        let reply = reply.clone();
        let channel = channel.clone();
        use_effect_with(key.clone(), move |key| {
            if let Some(message) = message {
                let key = key.clone();
                channel.0.ask(
                    message,
                    Callback::from(move |answer: Value| reply.set(Some((key.clone(), Rc::new(read(&answer)))))),
                );
            }
        });
    }
    reply.as_ref().filter(|(answered, _)| *answered == key).map(|(_, value)| Rc::clone(value))
}

/// The answer for `key` to `message` ([`use_reply`]): the analysis's answer, or the problem it met.
#[hook]
pub fn use_answer<K, T>(channel: &Shared, key: K, message: Option<Value>) -> Option<Rc<Result<T, String>>>
where
    K: PartialEq + Clone + 'static,
    T: DeserializeOwned + 'static,
{
    use_reply(channel, key, message, read::<T>)
}

/// The answer in a reply, or the problem the analysis met.
fn read<T: DeserializeOwned>(reply: &Value) -> Result<T, String> {
    match (reply.get("answer"), reply.get("problem").and_then(Value::as_str)) {
        (Some(answer), _) => serde_json::from_value(answer.clone()).map_err(|e| e.to_string()),
        (None, Some(problem)) => Err(problem.to_string()),
        (None, None) => Err("no answer".to_string()),
    }
}
