//! The flow as a picture (inline SVG, built node by node): caller → PassRole → service → STS
//! AssumeRole → role session, or user → role → role for chains. Each hop is green with ✓ or red
//! with ✗ (text, not colour alone); a role is drawn as a mask (お面).

use std::rc::Rc;

use omen_core::flow::{FlowKind, FlowResult, StepDecision};
use yew::prelude::*;

use crate::evaluation::{short_name, Evaluated};
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

/// The boxes and arrows of a flow.
pub fn layout(result: &FlowResult) -> (Vec<Node>, Vec<Hop>) {
    match result.flow {
        FlowKind::PassRole => {
            let pass = result.steps.iter().find(|step| step.id == "passRole");
            let assume = result.steps.iter().find(|step| step.id == "serviceAssumeRole");
            let caller = pass.and_then(|step| step.request.as_ref()).map(|r| short_name(&r.principal).to_owned());
            let service = assume.and_then(|step| step.request.as_ref()).map(|r| r.principal.clone());
            let role =
                pass.or(assume).and_then(|step| step.request.as_ref()).map(|r| short_name(&r.resource).to_owned());
            let nodes = vec![
                Node { label: caller.unwrap_or_else(|| "caller".into()), kind: "user" },
                Node { label: service.unwrap_or_else(|| "service".into()), kind: "service" },
                Node { label: role.unwrap_or_else(|| "role".into()), kind: "role" },
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
            for hop in &result.chain {
                if nodes.is_empty() {
                    let kind = if hop.caller.contains(":role/") || hop.caller.contains(":assumed-role/") {
                        "role"
                    } else {
                        "user"
                    };
                    nodes.push(Node { label: short_name(&hop.caller).to_owned(), kind });
                }
                nodes.push(Node { label: short_name(&hop.role).to_owned(), kind: "role" });
                hops.push(Hop { label: "sts:AssumeRole".into(), decision: worst(result, &hop_steps(hop.hop)) });
            }
            if hops.is_empty() {
                nodes.push(Node { label: "caller".into(), kind: "user" });
                nodes.push(Node { label: "role".into(), kind: "role" });
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
    let (nodes, hops) = layout(&props.evaluated.result);
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
    let label = format!("{}: {}", t.picture, summary.join("; "));
    html! {
        <figure class="flow-picture">
            <svg
                viewBox={format!("0 0 {width} {height}")}
                role="img"
                aria-label={label}
                aria-labelledby="flow-picture-title flow-picture-desc"
                data-testid="flow-picture"
            >
                <title id="flow-picture-title">{ t.picture }</title>
                <desc id="flow-picture-desc">{ format!("{} {}", t.picture_desc, summary.join("; ")) }</desc>
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
