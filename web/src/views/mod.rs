//! The page's views, one module each: the playground; workshop mode (`workshop/`: a panel the
//! page shows beside the playground, not a view of its own, since attendees edit the
//! playground's world); account import (`account/`) and the reach graph arrive from other
//! streams as [`View`](crate::state::View) variants with a module here.

mod playground;
pub mod workshop;

pub use playground::{policy_pointers, PlaygroundView};
