//! The page's effects as hooks: the flow played from the world (a large one once typing pauses)
//! and its fixes found once typing pauses, the autosave, the share link opened from the address,
//! sharing, export and import, and the document's `lang` and theme.

mod autosave;
mod evaluation;
mod share;

pub use autosave::{use_autosave, use_root_attributes};
pub use evaluation::{use_apply_fix, use_evaluation, use_fixes};
pub use share::{use_export, use_import, use_open_link, use_share_link, ShareLink};
