//! The page's views, one module each: the playground; workshop mode (`workshop/`: a panel the
//! page shows beside the playground, not a view of its own, since attendees edit the
//! playground's world); the Account view (`account/`: a bar whose body a third wasm module fills
//! when it first opens — import, who can wear a mask, what a principal can reach, the graph).

pub mod account;
mod playground;
pub mod workshop;

pub use playground::{policy_pointers, PlaygroundView};
