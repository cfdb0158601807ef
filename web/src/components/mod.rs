//! The page's building blocks: small function components that take data and callbacks.

mod language_switch;
mod policy_editor;
mod text_field;
mod verdict_view;

pub use language_switch::LanguageSwitch;
pub use policy_editor::PolicyEditor;
pub use text_field::TextField;
pub use verdict_view::VerdictView;
