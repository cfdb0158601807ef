//! Workshop mode in the page: lessons and challenges fetched from the page's own origin when it
//! opens, checked and graded by omen-core's workshop module against the world the playground
//! holds — in a Web Worker started only then (`worker.rs`) — with the attendee's progress
//! remembered in this browser.

pub mod material;
pub mod progress;
pub mod strings;
pub mod view;
pub mod worker;

pub use view::WorkshopPanel;
