//! The page's views, one module each: the playground today; lessons (`workshop/`), account
//! import (`account/`) and the reach graph arrive from other streams as [`View`](crate::state::View)
//! variants with a module here.

mod playground;

pub use playground::{policy_pointers, PlaygroundView};
