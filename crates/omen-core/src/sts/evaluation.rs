//! One request evaluated by the core evaluator, with the policies it was evaluated against and
//! where they came from: what every check of `sts` returns.

use super::policy_set::SetBuilder;
use crate::evaluate::PolicyRefusal;
use crate::evaluate::{evaluate, Decision, Request, Response};

/// A request and the evaluator's answer, with the policies it was evaluated against.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The request.
    pub request: Request,
    /// The answer.
    pub response: Response,
    /// The policies and where they came from.
    pub builder: SetBuilder,
}

impl Evaluation {
    /// Evaluate `request` against the policies of `builder` with the core evaluator.
    pub fn run(request: Request, builder: SetBuilder) -> Self {
        let response = evaluate(&request, &builder.set);
        Self { request, response, builder }
    }

    /// The decision.
    pub fn decision(&self) -> Decision {
        self.response.decision
    }

    /// The first policy of the evaluation that AWS would refuse to save: AWS never evaluates it, so
    /// the decision is Omen's "what would happen", not AWS's ("Troubleshooting IAM policies").
    pub fn refused(&self) -> Option<&PolicyRefusal> {
        self.builder.refused.first()
    }

    /// Whether the request is allowed.
    pub fn allowed(&self) -> bool {
        self.response.decision == Decision::Allowed
    }
}
