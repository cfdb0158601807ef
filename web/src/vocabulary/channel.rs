//! The channel to the vocabulary worker, started with the vocabulary module, from the names that
//! the build wrote into index.html (`#omen-vocabulary`): the worker's script and the stylesheet
//! of what it writes. Requests are JSON with an id; each answer goes to the callback that asked.
//! One channel for the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where the vocabulary is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Not started yet, or still loading.
    #[default]
    Loading,
    /// Loaded: how many services and actions the service reference has.
    Loaded {
        /// Services.
        services: usize,
        /// Actions.
        actions: usize,
    },
    /// It could not be loaded (the editors then show the flow's diagnostics only).
    Failed,
}

type Answer = Box<dyn FnOnce(Value)>;
/// A handler the worker calls (kept alive as long as the page).
type Handler = Closure<dyn FnMut(web_sys::Event)>;

/// The running worker and the requests waiting for their answers.
struct Channel {
    worker: Worker,
    /// The requests waiting, by id (a handful at most: a list).
    waiting: RefCell<Vec<(u64, Answer)>>,
    next: Cell<u64>,
    _handlers: [Handler; 2],
}

thread_local! {
    /// The channel, once started (`None` inside: it could not be).
    static CHANNEL: RefCell<Option<Option<Rc<Channel>>>> = const { RefCell::new(None) };
}

/// The ARNs of the world's users and roles.
pub fn world_arns() -> Vec<String> {
    let Some(world) = crate::exports::world() else { return Vec::new() };
    ["users", "roles"]
        .iter()
        .flat_map(|list| world.get(*list).and_then(Value::as_array).into_iter().flatten())
        .filter_map(|item| item.get("arn").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

fn set_status(status: Status) {
    super::about::show(&status);
}

/// Starts the worker (and shows that the vocabulary is loading).
pub fn start_worker() {
    set_status(Status::Loading);
    let _ = channel();
}

/// Sends `request` (an object; its `id` is set here) and calls `answer` with the answer; starts
/// the worker first if need be. Nothing is answered if the worker cannot run.
pub fn ask(mut request: Value, answer: impl FnOnce(Value) + 'static) {
    let Some(channel) = channel() else { return };
    let id = channel.next.get() + 1;
    channel.next.set(id);
    if let Some(object) = request.as_object_mut() {
        object.insert("id".to_owned(), Value::from(id));
    }
    if channel.worker.post_message(&request.to_string().into()).is_ok() {
        channel.waiting.borrow_mut().push((id, Box::new(answer)));
    }
}

fn channel() -> Option<Rc<Channel>> {
    if let Some(channel) = CHANNEL.with(|c| c.borrow().clone()) {
        return channel;
    }
    let channel = start().map_err(|why| {
        gloo::console::warn!(format!("omen: AWS's vocabulary could not be loaded: {why}"));
        set_status(Status::Failed);
    });
    let channel = channel.ok();
    CHANNEL.with(|c| *c.borrow_mut() = Some(channel.clone()));
    channel
}

fn answered(message: &str) {
    let Ok(value) = serde_json::from_str::<Value>(message) else { return };
    if value.get("op").and_then(Value::as_str) == Some("ready") {
        let count = |key: &str| value.get(key).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
        let status = match value.get("error") {
            Some(error) => {
                gloo::console::warn!(format!("omen: AWS's vocabulary could not be loaded: {error}"));
                Status::Failed
            }
            None => Status::Loaded { services: count("services").unwrap_or(0), actions: count("actions").unwrap_or(0) },
        };
        set_status(status);
        return;
    }
    let Some(id) = value.get("id").and_then(Value::as_u64) else { return };
    let waiting = CHANNEL.with(|c| {
        let c = c.borrow();
        let channel = c.as_ref()?.as_ref()?;
        let mut waiting = channel.waiting.borrow_mut();
        let at = waiting.iter().position(|(waiting, _)| *waiting == id)?;
        Some(waiting.swap_remove(at).1)
    });
    if let Some(answer) = waiting {
        answer(value);
    }
}

/// The names in the `#omen-vocabulary` data block the build wrote into index.html.
fn names() -> Result<Value, String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let block = document.get_element_by_id("omen-vocabulary").ok_or("the page has no #omen-vocabulary block")?;
    serde_json::from_str(&block.text_content().unwrap_or_default()).map_err(|e| e.to_string())
}

fn start() -> Result<Rc<Channel>, String> {
    let names = names()?;
    let name = |key: &str| names.get(key).and_then(Value::as_str).map(str::to_owned);
    // The stylesheet of what the worker writes (underlines, lists, completion, explanation).
    if let (Some(href), Some(document)) = (name("css"), web_sys::window().and_then(|w| w.document())) {
        if let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) {
            let _ = link.set_attribute("rel", "stylesheet");
            let _ = link.set_attribute("href", &href);
            let _ = head.append_child(&link);
        }
    }
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker =
        Worker::new_with_options(&name("worker").ok_or("no worker named")?, &options).map_err(|e| format!("{e:?}"))?;
    let on_message = Handler::new(move |event: web_sys::Event| {
        if let Some(text) = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string()) {
            answered(&text);
        }
    });
    let on_error = Handler::new(move |_: web_sys::Event| set_status(Status::Failed));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Rc::new(Channel {
        worker,
        waiting: RefCell::new(Vec::new()),
        next: Cell::new(0),
        _handlers: [on_message, on_error],
    }))
}
