//! Omen's browser playground: a `World` edited in policy editors and scenario controls, played by
//! omen-core on every keystroke, in Yew.

pub mod app;
pub mod browser;
pub mod components;
pub mod context;
pub mod crash;
pub mod evaluation;
pub mod exports;
pub mod highlight;
pub mod hooks;
pub mod i18n;
pub mod modules;
pub mod share;
pub mod state;
pub mod views;
pub mod vocabulary;

pub use app::App;
