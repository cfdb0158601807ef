//! The stories, one file each: a check from `sts` wrapped with the facts it found, the session it
//! made, the CloudTrail records and the fix hints. Federation is a story of its own (`federated`),
//! sharing the AssumeRole story's hops.

mod assume_role;
mod federated;
mod pass_role;
mod session;

pub use assume_role::play_assume_role;
pub use federated::play_federated;
pub use pass_role::play_pass_role;
