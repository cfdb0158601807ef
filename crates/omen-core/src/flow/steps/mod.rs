//! The stories, one file each: a check from `sts` wrapped with the facts it found, the session it
//! made, the CloudTrail records and the fix hints. Federation joins as a story of its own.

mod assume_role;
mod pass_role;
mod session;

pub use assume_role::play_assume_role;
pub use pass_role::play_pass_role;
