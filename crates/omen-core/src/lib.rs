//! Omen's core: the AWS IAM policy language, AWS's evaluation logic, and the PassRole /
//! AssumeRole flows, each decision with its explanation. No browser, no I/O.
#![doc = include_str!("../README.md")]

pub mod case;
pub mod condition;
pub mod context;
pub mod diagnostics;
pub mod evaluate;
pub mod explain;
pub mod flow;
pub mod import;
pub mod lint;
pub mod matching;
pub mod parse;
pub mod policy;
pub mod principal;
pub mod suggest;
pub mod variables;
pub mod vocabulary;
pub mod workshop;

pub use case::evaluate_case_json;
pub use evaluate::{evaluate, Decision, PolicySet, Request, Response};
pub use parse::{parse_policy, ParsedPolicy};
pub use policy::{Policy, PolicyKind};
