//! The flow as a picture (inline SVG, built node by node): caller → PassRole → service → STS
//! AssumeRole → role session, or user → role → role for chains. Each hop is green with ✓ or red
//! with ✗ (text, not colour alone), a hop the world asks for but the flow never reached is grey
//! with –; a role is drawn as a mask (お面); a cross-account flow draws each account's boundary.

use std::rc::Rc;

use omen_core::flow::{FlowKind, FlowResult, StepDecision, World};
use yew::prelude::*;

use crate::evaluation::{account_of, short_name, Evaluated};
use crate::i18n::Lang;

/// Properties of [`FlowPicture`].
#[derive(Properties)]
pub struct FlowPictureProps {
    /// What the flow came to.
    pub evaluated: Rc<Evaluated>,
    /// The interface language.
    pub lang: Lang,
}

/// The same flow is the same `Rc`: comparing by pointer spares a deep comparison of the whole
/// world and result on every render (and its code in the bundle).
impl PartialEq for FlowPictureProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.evaluated, &other.evaluated) && self.lang == other.lang
    }
}

/// A box in the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The name shown.
    pub label: String,
    /// What it is (`user`, `service`, `role`).
    pub kind: &'static str,
    /// The account it lives in, when its ARN names one (a service has none).
    pub account: Option<String>,
}

impl Node {
    /// The box of the principal or role `arn`.
    fn of(arn: &str, kind: &'static str) -> Self {
        Node { label: short_name(arn).to_owned(), kind, account: account_of(arn).map(str::to_owned) }
    }
}

/// An arrow between two boxes.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    /// The API the arrow stands for.
    pub label: String,
    /// How it went.
    pub decision: StepDecision,
}

/// The worst decision of the steps with these ids (skipped when none of them ran).
fn worst(result: &FlowResult, ids: &[&str]) -> StepDecision {
    let decisions: Vec<StepDecision> =
        result.steps.iter().filter(|step| ids.contains(&step.id.as_str())).map(|step| step.decision).collect();
    decisions
        .iter()
        .copied()
        .find(|d| d.is_failure())
        .or_else(|| decisions.iter().copied().find(|d| *d == StepDecision::Skipped))
        .or_else(|| decisions.first().copied())
        .unwrap_or(StepDecision::Skipped)
}

/// The caller and the role of each `sts:AssumeRole` hop the world asks for, in order (the
/// caller only for the first hop: later hops are made with the previous hop's session).
fn declared_hops(world: Option<&World>) -> (Option<String>, Vec<String>) {
    let Some(action) = world.and_then(|world| world.action.as_ref()) else {
        return (None, Vec::new());
    };
    let (caller, first) =
        match (&action.assume_role, &action.assume_role_with_web_identity, &action.assume_role_with_saml) {
            (Some(call), _, _) => (call.caller.clone(), Some(call.role.clone())),
            (None, Some(call), _) | (None, None, Some(call)) => (Some(call.provider.clone()), Some(call.role.clone())),
            (None, None, None) => (None, None),
        };
    (caller, first.into_iter().chain(action.chain.iter().map(|hop| hop.role.clone())).collect())
}

/// The boxes and arrows of a flow. The hops played come from the result; the hops the world
/// asks for beyond them are kept, refused (✗) or never reached (–), so a refusal never erases
/// the rest of the chain from the picture.
pub fn layout(result: &FlowResult, world: Option<&World>) -> (Vec<Node>, Vec<Hop>) {
    match result.flow {
        FlowKind::PassRole => {
            let pass = result.steps.iter().find(|step| step.id == "passRole");
            let assume = result.steps.iter().find(|step| step.id == "serviceAssumeRole");
            let caller = pass.and_then(|step| step.request.as_ref()).map(|r| r.principal.clone());
            let service = assume.and_then(|step| step.request.as_ref()).map(|r| r.principal.clone());
            let role = pass.or(assume).and_then(|step| step.request.as_ref()).map(|r| r.resource.clone());
            let pass_role = world.and_then(|world| world.action.as_ref()).and_then(|action| action.pass_role.as_ref());
            let caller = caller.or_else(|| pass_role.map(|call| call.caller.clone()));
            let role = role.or_else(|| pass_role.and_then(|call| call.role.clone()));
            let nodes = vec![
                caller.map_or_else(
                    || Node { label: "caller".into(), kind: "user", account: None },
                    |arn| Node::of(&arn, "user"),
                ),
                Node { label: service.unwrap_or_else(|| "service".into()), kind: "service", account: None },
                role.map_or_else(
                    || Node { label: "role".into(), kind: "role", account: None },
                    |arn| Node::of(&arn, "role"),
                ),
            ];
            let hops = vec![
                Hop {
                    label: "iam:PassRole".into(),
                    decision: worst(result, &["api", "createServiceLinkedRole", "passRole"]),
                },
                Hop { label: "sts:AssumeRole".into(), decision: worst(result, &["serviceAssumeRole"]) },
            ];
            (nodes, hops)
        }
        FlowKind::AssumeRole => {
            let mut nodes = Vec::new();
            let mut hops = Vec::new();
            let hop_steps = |hop: usize| {
                result
                    .steps
                    .iter()
                    .filter(move |step| step.hop == Some(hop) && !step.id.contains(".then."))
                    .map(|step| step.id.as_str())
                    .collect::<Vec<_>>()
            };
            let caller_node = |arn: &str| {
                let kind = if arn.contains(":role/") || arn.contains(":assumed-role/") { "role" } else { "user" };
                Node::of(arn, kind)
            };
            for hop in &result.chain {
                if nodes.is_empty() {
                    nodes.push(caller_node(&hop.caller));
                }
                nodes.push(Node::of(&hop.role, "role"));
                hops.push(Hop { label: "sts:AssumeRole".into(), decision: worst(result, &hop_steps(hop.hop)) });
            }
            // The hops the world asks for that left no session: refused before the policies were
            // read (a parameter STS rejects, a role not in the world) or never reached.
            let (caller, declared) = declared_hops(world);
            for (index, role) in declared.iter().enumerate().skip(hops.len()) {
                if nodes.is_empty() {
                    nodes.push(
                        caller
                            .as_deref()
                            .map_or_else(|| Node { label: "caller".into(), kind: "user", account: None }, caller_node),
                    );
                }
                nodes.push(Node::of(role, "role"));
                hops.push(Hop { label: "sts:AssumeRole".into(), decision: worst(result, &hop_steps(index + 1)) });
            }
            if hops.is_empty() {
                nodes.push(Node { label: "caller".into(), kind: "user", account: None });
                nodes.push(Node { label: "role".into(), kind: "role", account: None });
                hops.push(Hop { label: "sts:AssumeRole".into(), decision: worst(result, &hop_steps(1)) });
            }
            (nodes, hops)
        }
        FlowKind::None => (Vec::new(), Vec::new()),
    }
}

/// ✓, ✗ or – for a hop.
pub fn hop_mark(decision: StepDecision) -> &'static str {
    match decision {
        StepDecision::Allowed | StepDecision::NotRequired | StepDecision::Info => "✓",
        StepDecision::Skipped => "–",
        _ => "✗",
    }
}

fn hop_class(decision: StepDecision) -> &'static str {
    match decision {
        StepDecision::Allowed | StepDecision::NotRequired | StepDecision::Info => "hop-ok",
        StepDecision::Skipped => "hop-skipped",
        _ => "hop-denied",
    }
}

/// The runs of neighbouring boxes in one account (first box, last box, account), when the boxes
/// span more than one account; nothing for a flow inside one account.
pub fn account_runs(nodes: &[Node]) -> Vec<(usize, usize, String)> {
    let mut runs: Vec<(usize, usize, String)> = Vec::new();
    for (index, node) in nodes.iter().enumerate() {
        let Some(account) = &node.account else { continue };
        match runs.last_mut() {
            Some((_, last, current)) if current == account && *last + 1 == index => *last = index,
            _ => runs.push((index, index, account.clone())),
        }
    }
    let first = runs.first().map(|(_, _, account)| account.clone());
    if runs.iter().all(|(_, _, account)| Some(account) == first.as_ref()) {
        return Vec::new();
    }
    runs
}

const NODE_W: i32 = 150;
const GAP: i32 = 120;
const NODE_H: i32 = 70;

/// A mask (お面): a face with two eye holes, centred at (x, y).
fn mask(x: i32, y: i32) -> Html {
    html! {
        <g class="mask" aria-hidden="true">
            <ellipse cx={x.to_string()} cy={y.to_string()} rx="16" ry="13" />
            <ellipse class="eye" cx={(x - 6).to_string()} cy={(y - 2).to_string()} rx="3.5" ry="2.5" />
            <ellipse class="eye" cx={(x + 6).to_string()} cy={(y - 2).to_string()} rx="3.5" ry="2.5" />
        </g>
    }
}

/// The picture.
#[component]
pub fn FlowPicture(props: &FlowPictureProps) -> Html {
    let t = props.lang.strings();
    let (nodes, hops) = layout(&props.evaluated.result, props.evaluated.world.as_ref());
    let runs = account_runs(&nodes);
    if nodes.is_empty() {
        return Html::default();
    }
    let count = i32::try_from(nodes.len()).unwrap_or(1);
    let width = count * NODE_W + (count - 1) * GAP + 20;
    let height = NODE_H + 60;
    let x_of = |index: usize| 10 + i32::try_from(index).unwrap_or(0) * (NODE_W + GAP);
    let summary: Vec<String> = hops
        .iter()
        .enumerate()
        .map(|(index, hop)| {
            let from = nodes.get(index).map_or("", |node| node.label.as_str());
            let to = nodes.get(index + 1).map_or("", |node| node.label.as_str());
            format!("{from} → {} {} → {to}", hop.label, hop_mark(hop.decision))
        })
        .collect();
    let accounts: Vec<String> = runs
        .iter()
        .map(|(first, last, account)| {
            let names: Vec<&str> =
                nodes.get(*first..=*last).unwrap_or_default().iter().map(|node| node.label.as_str()).collect();
            format!("{} {account}: {}", t.account, names.join(", "))
        })
        .collect();
    let summary: Vec<String> = summary.into_iter().chain(accounts).collect();
    let label = format!("{}: {}", t.picture, summary.join("; "));
    html! {
        // Focusable: on a phone the picture scrolls sideways, by keyboard too.
        <figure class="flow-picture" tabindex="0">
            <svg
                viewBox={format!("0 0 {width} {height}")}
                role="img"
                aria-label={label}
                aria-labelledby="flow-picture-title flow-picture-desc"
                data-testid="flow-picture"
            >
                <title id="flow-picture-title">{ t.picture }</title>
                <desc id="flow-picture-desc">{ format!("{} {}", t.picture_desc, summary.join("; ")) }</desc>
                { for runs.iter().map(|(first, last, account)| {
                    let x = x_of(*first) - 8;
                    let w = x_of(*last) + NODE_W + 8 - x;
                    html! {
                        <g class="account-boundary" data-account={account.clone()}>
                            <rect x={x.to_string()} y="2" width={w.to_string()} height={(height - 4).to_string()} rx="6" />
                            <text x={(x + 6).to_string()} y="14">{ format!("{} {account}", t.account) }</text>
                        </g>
                    }
                }) }
                { for hops.iter().enumerate().map(|(index, hop)| {
                    let x1 = x_of(index) + NODE_W;
                    let x2 = x_of(index + 1);
                    let y = 20 + NODE_H / 2;
                    let mid = (x1 + x2) / 2;
                    html! {
                        <g class={classes!("hop", hop_class(hop.decision))} data-decision={hop.decision.as_str()}>
                            <line x1={x1.to_string()} y1={y.to_string()} x2={(x2 - 8).to_string()} y2={y.to_string()} />
                            <polygon points={format!("{},{} {},{} {},{}", x2 - 10, y - 6, x2, y, x2 - 10, y + 6)} />
                            <text class="hop-label" x={mid.to_string()} y={(y - 10).to_string()} text-anchor="middle">
                                { hop.label.clone() }
                            </text>
                            <text class="hop-mark" x={mid.to_string()} y={(y + 22).to_string()} text-anchor="middle">
                                { hop_mark(hop.decision) }
                            </text>
                        </g>
                    }
                }) }
                { for nodes.iter().enumerate().map(|(index, node)| {
                    let x = x_of(index);
                    let label: String = if node.label.chars().count() > 20 {
                        node.label.chars().take(19).chain(['…']).collect()
                    } else {
                        node.label.clone()
                    };
                    let kind = match (node.kind, props.lang) {
                        ("user", Lang::En) => "caller",
                        ("user", Lang::Ja) => "呼び出し元",
                        ("service", _) => t.service,
                        (_, Lang::En) => "role (mask)",
                        (_, Lang::Ja) => "ロール(お面)",
                    };
                    html! {
                        <g class={classes!("node", node.kind)}>
                            <rect x={x.to_string()} y="20" width={NODE_W.to_string()} height={NODE_H.to_string()} rx="10" />
                            if node.kind == "role" { { mask(x + NODE_W / 2, 40) } }
                            <text x={(x + NODE_W / 2).to_string()} y={if node.kind == "role" { "70" } else { "50" }} text-anchor="middle" class="node-label">
                                { label }
                            </text>
                            <text x={(x + NODE_W / 2).to_string()} y={(NODE_H + 40).to_string()} text-anchor="middle" class="node-kind">
                                { kind }
                            </text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::evaluate;
    use crate::state::{preset_world, set_at};
    use serde_json::{json, Value};

    /// A box as the tests name it: its label and its account.
    type Drawn = (String, Option<String>);

    /// Each box, each arrow's mark, the account runs.
    type Picture = (Vec<Drawn>, Vec<&'static str>, Vec<(usize, usize, String)>);

    /// The picture of `world`.
    fn picture(world: &Value) -> Picture {
        let evaluated = evaluate(world, false);
        let (nodes, hops) = layout(&evaluated.result, evaluated.world.as_ref());
        let runs = account_runs(&nodes);
        let nodes = nodes.into_iter().map(|node| (node.label, node.account)).collect();
        (nodes, hops.iter().map(|hop| hop_mark(hop.decision)).collect(), runs)
    }

    fn node(name: &str, account: Option<&str>) -> Drawn {
        (name.to_owned(), account.map(str::to_owned))
    }

    #[test]
    fn refused_and_unreached_hops_stay_in_the_picture() {
        let chain = preset_world("role-chaining").unwrap_or_default();
        let mut three = chain.clone();
        if let Some(Value::Array(hops)) = three.pointer_mut("/action/chain") {
            hops.push(json!({"role": "arn:aws:iam::111122223333:role/RoleA", "roleSessionName": "back"}));
        }
        // "Methods to assume a role": a chained session lasts at most one hour, so STS refuses
        // 7200 seconds on the second hop before reading a policy.
        let mut refused = three.clone();
        set_at(&mut refused, "/action/chain/0/durationSeconds", json!(7200));
        let mut unknown = chain.clone();
        set_at(&mut unknown, "/action/assumeRole/role", json!("arn:aws:iam::111122223333:role/Nobody"));
        let a = Some("111122223333");
        let cases: [(&str, &Value, Vec<Drawn>, Vec<&str>); 4] = [
            ("chain allowed", &chain, vec![node("alice", a), node("RoleA", a), node("RoleB", a)], vec!["✓", "✓"]),
            (
                "third hop refused: RoleA's trust policy names alice, not RoleB",
                &three,
                vec![node("alice", a), node("RoleA", a), node("RoleB", a), node("RoleA", a)],
                vec!["✓", "✓", "✗"],
            ),
            (
                "second hop refused, third never reached",
                &refused,
                vec![node("alice", a), node("RoleA", a), node("RoleB", a), node("RoleA", a)],
                vec!["✓", "✗", "–"],
            ),
            (
                "first role not in the world",
                &unknown,
                vec![node("alice", a), node("Nobody", a), node("RoleB", a)],
                vec!["✗", "–"],
            ),
        ];
        for (name, world, nodes, marks) in cases {
            let (got_nodes, got_marks, runs) = picture(world);
            assert_eq!(got_nodes, nodes, "{name}");
            assert_eq!(got_marks, marks, "{name}");
            assert_eq!(runs, Vec::new(), "{name}: one account, no boundary");
        }
    }

    #[test]
    fn cross_account_flows_draw_each_account() {
        let cases = [
            ("cross-account-assume-role", vec![(0, 0, "111122223333".to_owned()), (1, 1, "444455556666".to_owned())]),
            ("cross-account-passrole", vec![(0, 0, "111122223333".to_owned()), (2, 2, "444455556666".to_owned())]),
            ("ec2-full-access-without-passrole", Vec::new()),
        ];
        for (id, expected) in cases {
            let (_, _, runs) = picture(&crate::state::filled_preset(id));
            assert_eq!(runs, expected, "{id}");
        }
    }
}
