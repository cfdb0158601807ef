//! The page's building blocks, one component per file: function components that take data and
//! callbacks (the header and the notice bar read the playground's context).

mod confirm_bar;
pub mod flow_picture;
mod header;
mod language_switch;
mod notice_bar;
mod policy_editor;
pub mod results;
pub mod summary;

pub use confirm_bar::ConfirmBar;
pub use flow_picture::FlowPicture;
pub use header::Header;
pub use language_switch::LanguageSwitch;
pub use notice_bar::NoticeBar;
pub use policy_editor::{editor_id, PolicyEditor};
pub use results::Results;
pub use summary::VerdictSummary;
