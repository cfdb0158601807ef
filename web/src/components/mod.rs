//! The page's building blocks: small function components that take data and callbacks.

pub mod flow_picture;
mod language_switch;
mod policy_editor;
pub mod results;
pub mod summary;
mod text_field;

pub use flow_picture::FlowPicture;
pub use language_switch::LanguageSwitch;
pub use policy_editor::PolicyEditor;
pub use results::Results;
pub use summary::VerdictSummary;
pub use text_field::TextField;
