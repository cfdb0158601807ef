//! The page's side of the Account view's import and analysis: a Web Worker (web/account-worker.js,
//! the `omen-account-worker` binary) imports the files and answers who-can, reach, the whole graph
//! and the worlds to play (`analysis.rs`'s messages) while the page goes on answering the person. Only the
//! newest question of each kind is answered: an answer to an older one is dropped, so no stale
//! answer is shown. When no worker can be started, or it fails, the same analysis runs on the
//! page's thread, a slice at a time, and the view says so ([`Mode::Page`]).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

use serde_json::{json, Value};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use yew::Callback;

use super::analysis::Analysis;

/// Where the analysis runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The worker is starting (questions wait for it).
    Starting,
    /// In the worker.
    Worker,
    /// On the page's thread, and why.
    Page(String),
}

/// How long the worker may take to say it is up before the page works on its own thread, in
/// milliseconds (its wasm is fetched and compiled meanwhile).
const START_MS: u32 = 20_000;

/// How long a slice of work lasts on the page's thread, in milliseconds: short, so that the page
/// still answers between slices.
const PAGE_SLICE_MS: f64 = 30.0;

/// How long the page gets to paint between two slices on its own thread, in milliseconds.
const PAGE_PAUSE_MS: u32 = 16;

type Handler = Closure<dyn FnMut(web_sys::Event)>;

enum Backend {
    Worker { worker: web_sys::Worker, _handlers: [Handler; 2], start_timer: Option<gloo::timers::callback::Timeout> },
    Page { analysis: Box<RefCell<Analysis>>, scheduled: Cell<bool> },
}

/// The newest question of one kind, and who waits for its answer.
struct Waiting {
    seq: u64,
    message: Value,
    answer: Callback<Value>,
}

/// The channel to the analysis.
pub struct Channel {
    me: Weak<Channel>,
    backend: RefCell<Option<Backend>>,
    /// The worker after it failed: kept, not dropped, as its handlers may be running.
    retired: RefCell<Option<Backend>>,
    up: Cell<bool>,
    /// Sent before the worker was up.
    queued: RefCell<Vec<Value>>,
    /// The last import sent: given again to the page's own analysis if the worker fails.
    accounts: RefCell<Option<Value>>,
    /// The managed-policy catalogue asked for, if it was: asked again of the page's own analysis
    /// if the worker fails (before the last import, which waits for it).
    catalogue: RefCell<Option<Value>>,
    waiting: RefCell<BTreeMap<String, Waiting>>,
    next: Cell<u64>,
    mode: Callback<Mode>,
}

impl Channel {
    /// Starts the worker; `mode` hears where the analysis runs.
    pub fn start(mode: Callback<Mode>) -> Rc<Self> {
        let channel = Rc::new_cyclic(|me| Channel {
            me: me.clone(),
            backend: RefCell::new(None),
            retired: RefCell::new(None),
            up: Cell::new(false),
            queued: RefCell::default(),
            accounts: RefCell::default(),
            catalogue: RefCell::default(),
            waiting: RefCell::default(),
            next: Cell::new(0),
            mode,
        });
        match channel.worker() {
            Ok(backend) => {
                *channel.backend.borrow_mut() = Some(backend);
                channel.mode.emit(Mode::Starting);
            }
            Err(why) => channel.on_page(why),
        }
        channel
    }

    fn worker(&self) -> Result<Backend, String> {
        let worker = web_sys::Worker::new(&crate::modules::file("account", "worker")?).map_err(|e| format!("{e:?}"))?;
        let me = self.me.clone();
        let on_message = Handler::new(move |event: web_sys::Event| {
            let text = event.dyn_ref::<web_sys::MessageEvent>().and_then(|e| e.data().as_string());
            let message = text.and_then(|text| serde_json::from_str::<Value>(&text).ok());
            if let (Some(channel), Some(message)) = (me.upgrade(), message) {
                channel.heard(message);
            }
        });
        let me = self.me.clone();
        let on_error = Handler::new(move |event: web_sys::Event| {
            let why = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the worker did not load".to_string());
            if let Some(channel) = me.upgrade() {
                channel.on_page(why);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let me = self.me.clone();
        let start = gloo::timers::callback::Timeout::new(START_MS, move || {
            if let Some(channel) = me.upgrade().filter(|c| !c.up.get()) {
                channel.on_page(format!("the worker did not start in {} s", START_MS / 1000));
            }
        });
        Ok(Backend::Worker { worker, _handlers: [on_message, on_error], start_timer: Some(start) })
    }

    /// Gives the analysis the files to import (`[{"name","text"}…]`, credentials already dealt
    /// with): what was asked about the accounts before is forgotten, and `answer` hears what was
    /// loaded unless newer files are sent first.
    pub fn import(&self, files: Value, answer: Callback<Value>) {
        self.waiting.borrow_mut().clear();
        let message = self.numbered(json!({"op": "import", "files": files}), answer);
        *self.accounts.borrow_mut() = Some(message.clone());
        self.send(message);
    }

    /// Asks `message` (its `op` is the kind: `who`, `reach`, `graph`, `check`, `world`,
    /// `catalogue`); `answer` hears the answer, and for the whole graph its progress, unless a
    /// newer question of the same kind is asked first.
    pub fn ask(&self, message: Value, answer: Callback<Value>) {
        let message = self.numbered(message, answer);
        if message.get("op").and_then(Value::as_str) == Some("catalogue") {
            *self.catalogue.borrow_mut() = Some(message.clone());
        }
        self.send(message);
    }

    /// `message` with the next number, waiting for its answer.
    fn numbered(&self, mut message: Value, answer: Callback<Value>) -> Value {
        let kind = message.get("op").and_then(Value::as_str).unwrap_or_default().to_string();
        let seq = self.next.get() + 1;
        self.next.set(seq);
        if let Some(object) = message.as_object_mut() {
            object.insert("seq".into(), json!(seq));
        }
        self.waiting.borrow_mut().insert(kind, Waiting { seq, message: message.clone(), answer });
        message
    }

    fn send(&self, message: Value) {
        match self.backend.borrow().as_ref() {
            Some(Backend::Worker { worker, .. }) if self.up.get() => {
                let _ = worker.post_message(&JsValue::from_str(&message.to_string()));
            }
            Some(Backend::Worker { .. }) | None => self.queued.borrow_mut().push(message),
            Some(Backend::Page { analysis, .. }) => {
                analysis.borrow_mut().receive(&message);
                let fetch = analysis.borrow_mut().take_fetch();
                if let Some(fetch) = fetch {
                    let me = self.me.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let read = super::catalogue::fetch(fetch.reference, fetch.policies).await;
                        let Some(channel) = me.upgrade() else { return };
                        if let Some(Backend::Page { analysis, .. }) = channel.backend.borrow().as_ref() {
                            analysis.borrow_mut().catalogue_read(fetch.seq, read);
                        }
                        channel.pump();
                    });
                }
                self.pump();
            }
        }
    }

    /// A message from the analysis: handed to whoever waits for it, if it answers the newest
    /// question of its kind.
    fn heard(&self, message: Value) {
        let op = message.get("op").and_then(Value::as_str).unwrap_or_default();
        if op == "up" {
            self.up.set(true);
            if let Some(Backend::Worker { start_timer, .. }) = self.backend.borrow_mut().as_mut() {
                // Not dropped: this may run inside the timer's own call.
                if let Some(timer) = start_timer.take() {
                    timer.forget();
                }
            }
            self.mode.emit(Mode::Worker);
            for message in self.queued.take() {
                self.send(message);
            }
            return;
        }
        let kind = if op == "progress" { "graph" } else { op };
        let seq = message.get("seq").and_then(Value::as_u64);
        let answer = {
            let mut waiting = self.waiting.borrow_mut();
            match waiting.get(kind) {
                Some(w) if Some(w.seq) == seq => {
                    let answer = w.answer.clone();
                    if op != "progress" {
                        waiting.remove(kind);
                    }
                    Some(answer)
                }
                _ => None,
            }
        };
        if let Some(answer) = answer {
            answer.emit(message);
        }
    }

    /// From now on the analysis runs on the page's thread: the catalogue asked for, the last
    /// import and the questions waiting are given to it again.
    fn on_page(&self, why: String) {
        if matches!(self.backend.borrow().as_ref(), Some(Backend::Page { .. })) {
            return;
        }
        if let Some(Backend::Worker { worker, .. }) = self.backend.borrow().as_ref() {
            worker.terminate();
        }
        gloo::console::warn!(format!("omen: the Account view's worker failed ({why}); working on the page's thread"));
        let page = Backend::Page { analysis: Box::default(), scheduled: Cell::new(false) };
        let worker = self.backend.borrow_mut().replace(page);
        *self.retired.borrow_mut() = worker;
        self.queued.borrow_mut().clear();
        self.mode.emit(Mode::Page(why));
        let catalogue = self.catalogue.borrow().clone();
        if let Some(catalogue) = catalogue {
            self.send(catalogue);
        }
        let accounts = self.accounts.borrow().clone();
        if let Some(accounts) = accounts {
            self.send(accounts);
        }
        // A waiting import or catalogue is the last one, given again above.
        let waiting: Vec<Value> = self
            .waiting
            .borrow()
            .iter()
            .filter(|(kind, _)| !matches!(kind.as_str(), "import" | "catalogue"))
            .map(|(_, w)| w.message.clone())
            .collect();
        for message in waiting {
            self.send(message);
        }
    }

    /// On the page's thread: works out the next thing after a pause to paint, and goes on while
    /// there is more.
    fn pump(&self) {
        let already = match self.backend.borrow().as_ref() {
            Some(Backend::Page { scheduled, .. }) => scheduled.replace(true),
            _ => true,
        };
        if already {
            return;
        }
        let me = self.me.clone();
        gloo::timers::callback::Timeout::new(PAGE_PAUSE_MS, move || {
            let Some(channel) = me.upgrade() else { return };
            let (out, more) = match channel.backend.borrow().as_ref() {
                Some(Backend::Page { analysis, scheduled }) => {
                    scheduled.set(false);
                    let mut analysis = analysis.borrow_mut();
                    let out = analysis.work(&js_sys::Date::now, PAGE_SLICE_MS);
                    (out, analysis.busy())
                }
                _ => return,
            };
            for message in out {
                channel.heard(message);
            }
            if more {
                channel.pump();
            }
        })
        .forget();
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        if let Some(Backend::Worker { worker, .. }) = self.backend.borrow().as_ref() {
            worker.terminate();
        }
    }
}

/// A channel as a property: equal only to itself.
#[derive(Clone)]
pub struct Shared(pub Rc<Channel>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
