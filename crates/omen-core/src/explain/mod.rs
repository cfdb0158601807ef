//! All of Omen's words, rendered from data: a [`Response`](crate::evaluate::Response) as
//! sentences, AWS's AccessDenied message and the decoded authorization message
//! (`evaluation`); a flow's facts in English and Japanese (`flow`); and a whole flow result as
//! text for people (`text`).

mod evaluation;
mod flow;
mod text;

pub use evaluation::{
    access_denied_message, decoded_authorization_message, evaluated_invalid, explain, find_policy, refused_policy,
};
pub use flow::say_flow;
pub use text::render_text;
