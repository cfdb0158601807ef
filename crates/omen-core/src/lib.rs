//! Omen's core: the AWS IAM policy language, AWS's evaluation logic, and the PassRole /
//! AssumeRole flows, each decision with its explanation. No browser, no I/O.

pub mod condition;
pub mod context;
pub mod diagnostics;
pub mod matching;
pub mod parse;
pub mod policy;
pub mod suggest;
pub mod variables;
