//! Acting as a role session — the mask being worn: each action the session makes, decided by the
//! mask's powers (the role's policies, capped by its boundary and the session policy) rather than
//! the wearer's, and compared with what the wearer could do without it.

use crate::flow::hints::FixHints;
use crate::flow::note::{FlowNote, Grant, Limits, Title};
use crate::flow::play::{access_denied, decoded_message, Play};
use crate::flow::result::{Comparison, StepDecision, StepKind};
use crate::sts::{self, Caller, Evaluation};
use crate::world::SessionAction;

/// `caller` makes `action` (given at `pointer` in the world).
fn request(play: &mut Play, caller: &Caller, action: &SessionAction, pointer: &str) -> Evaluation {
    play.report_document(&format!("{pointer}/resourcePolicy"));
    let resource_policy = play.parsed.resource_policy(pointer);
    sts::session_request(&play.parsed, caller, play.now, action, resource_policy)
}

/// Compare `action` done with the mask (`mask`) and without it (`own`).
pub fn compare(
    play: &mut Play,
    mask: &Caller,
    own: &Caller,
    action: &SessionAction,
    pointer: &str,
) -> (Evaluation, Evaluation, Comparison) {
    let as_role = request(play, mask, action, pointer);
    let as_caller = request(play, own, action, pointer);
    let role_decision = StepDecision::of(as_role.decision());
    let caller_decision = StepDecision::of(as_caller.decision());
    let comparison = Comparison {
        action: as_role.request.action.clone(),
        resource: as_role.request.resource.clone(),
        as_role: role_decision,
        as_caller: caller_decision,
        escalation: role_decision == StepDecision::Allowed && caller_decision != StepDecision::Allowed,
        role_deciding_statements: as_role.response.deciding_statements(),
        role_response: as_role.response.clone(),
    };
    (as_role, as_caller, comparison)
}

/// Steps for `actions` made as the session `mask`, each compared with the wearer's own powers.
pub fn act_as_session(
    play: &mut Play,
    mask: &Caller,
    wearer: Option<&Caller>,
    actions: &[SessionAction],
    id_prefix: &str,
    pointer_prefix: &str,
    hop: Option<usize>,
) {
    let Some(session) = mask.session() else {
        return;
    };
    let limits = Limits {
        role: session.role.name.name.clone(),
        boundary: session.role.boundary.is_some(),
        session_policy: session.session_policy.is_some(),
    };
    for (index, action) in actions.iter().enumerate() {
        let pointer = format!("{pointer_prefix}/{index}");
        let (evaluation, compared) = match wearer {
            Some(wearer) => {
                let (evaluation, as_caller, comparison) = compare(play, mask, wearer, action, &pointer);
                (evaluation, Some((as_caller.decision(), comparison)))
            }
            None => (request(play, mask, action, &pointer), None),
        };
        let title = Title::AsSession { session: session.arn.clone(), action: action.action.clone() };
        let intro = FlowNote::AsSession {
            action: action.action.clone(),
            limits: limits.clone(),
            wearer: session.origin.clone(),
        };
        let id = format!("{id_prefix}.{index}");
        let mut step = play.evaluated_step(&id, StepKind::ActAsSession, title, intro, &evaluation);
        step.hop = hop;
        if let (Some((decision, comparison)), Some(wearer)) = (compared, wearer) {
            step.say(FlowNote::WithoutMask { who: wearer.who(), decision });
            step.comparisons.push(comparison);
        }
        if step.decision.is_failure() {
            step.error_code = Some("AccessDenied".into());
            step.error_message = access_denied(&evaluation);
            step.decoded_message = Some(decoded_message(&evaluation));
        }
        let hints = FixHints {
            grant: Some(Grant::exact(
                mask.grantee(&play.parsed),
                &evaluation.request.action,
                &evaluation.request.resource,
                Vec::new(),
            )),
            evaluation: Some(evaluation),
            ..FixHints::default()
        };
        play.push(step, hints);
    }
}
