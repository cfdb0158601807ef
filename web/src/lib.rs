//! Omen's browser playground: policy editors, a request, and omen-core's verdict, in Yew.

pub mod app;
pub mod components;
pub mod crash;
pub mod evaluation;
pub mod i18n;
pub mod state;

pub use app::App;
