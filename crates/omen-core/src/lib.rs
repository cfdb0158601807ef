//! Omen's core: the AWS IAM policy language, AWS's evaluation logic, and the PassRole /
//! AssumeRole flows, each decision with its explanation. No browser, no I/O.
#![doc = include_str!("../README.md")]

mod arn;
mod case;
mod clock;
mod condition;
mod context;
mod diagnostics;
mod evaluate;
mod explain;
pub mod flow;
pub mod import;
mod lang;
pub mod lint;
mod matching;
mod parse;
mod policy;
mod principal;
pub mod reach;
pub mod sort;
mod sts;
mod suggest;
mod variables;
pub mod vocabulary;
pub mod workshop;
mod world;
pub mod world_edit;

pub use arn::{Arn, ArnError};
pub use case::{
    decide, evaluate_case_json, evaluate_case_text, evaluate_case_value, excerpt, outcome, read_case_texts, read_cases,
    Case, CaseError, CaseFailure, CaseOutcome, DecidedCase, FailedCase, OutcomeOptions, PolicyDiagnostic,
    PolicyRefusal, Utf16Range,
};
pub use context::{ContextEntry, RequestContext};
pub use diagnostics::{
    codes_markdown, render_with_source, Diagnostic, DiagnosticCode, LineIndex, Position, Refusal, Severity, TextRange,
};
pub use evaluate::{
    evaluate, AttachedPolicy, ConditionEvaluation, CredentialRule, DecidingStatement, Decision, PolicyEvaluation,
    PolicyId, PolicyResult, PolicySet, Request, Response, Rule, StatementEvaluation, StatementOutcome,
};
pub use explain::{access_denied_message, decoded_authorization_message, explain};
pub use lang::{Lang, Text};
pub use matching::{glob_match, resource_matches, ResourceMatch};
pub use parse::{parse_policy, parse_policy_with_quota, ParsedPolicy};
pub use policy::{named_policy, ConditionOperator, Effect, OperatorBase, Policy, PolicyKind, SetQualifier, Statement};
pub use principal::{PrincipalError, PrincipalKind, RequestPrincipal};
