//! The reach graph: the principal asked about, every role (and user) it reaches, and the last
//! edge of each path, drawn as SVG without a layout library — a column per step from the
//! principal, roles drawn as masks. Conditional edges are dashed and say so in their label (not
//! colour alone); escalation edges (anything but a plain `sts:AssumeRole`: a pass to a service,
//! a rewritten role, administrator power) are thicker and start with ⚠, and a node that holds
//! administrator-equivalent power is outlined twice and says so in its name (⚠). A filter keeps
//! only the paths through a principal or role whose ARN holds the text typed. Every edge is a
//! keyboard stop (Tab) that opens its flow on Enter or a click, and the view beside it lists
//! the same edges as text for screen readers.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::strings::words;
use crate::i18n::Lang;
use omen_core::reach::{Hop, Reach};

/// A column's width and a row's height, in SVG units (CSS pixels).
const COLUMN: f64 = 400.0;
const ROW: f64 = 64.0;
const NODE_WIDTH: f64 = 190.0;
const NODE_HEIGHT: f64 = 40.0;
const MARGIN: f64 = 12.0;
/// Labels longer than this are cut (the full ARN is in the node's title).
const LABEL_CHARS: usize = 26;

/// The graph's properties.
#[derive(Properties, PartialEq)]
pub struct ReachGraphProps {
    /// The answer drawn.
    pub reach: Rc<Reach>,
    /// The interface's language.
    pub lang: Lang,
    /// Opens an edge's flow in the playground.
    pub open: Callback<super::view::Opened>,
    /// Keep only the paths through a principal or role whose ARN holds this text (any case).
    #[prop_or_default]
    pub filter: String,
}

/// One node: its ARN, column, row and whether it is a role.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The user's or role's ARN.
    pub arn: String,
    /// Steps from the principal.
    pub column: usize,
    /// Place in its column.
    pub row: usize,
    /// A role (drawn as a mask) or a user.
    pub role: bool,
    /// It holds administrator-equivalent power (or grants itself that).
    pub admin: bool,
}

/// The family of a plain `sts:AssumeRole` edge: every other edge is an escalation.
const ASSUME_FAMILY: &str = "assume-role";

/// Whether `hop` escalates: anything but putting on a mask its trust already offers.
pub fn escalation(hop: &Hop) -> bool {
    hop.family != ASSUME_FAMILY
}

/// The nodes and edges of `reach`: the principal in column 0, each reached role or user in the
/// column of its path's length, and for each the last hop of its path. With a `filter`, only the
/// paths that pass through an ARN holding it (any case) are kept, with every node on them.
pub fn layout(reach: &Reach, filter: &str) -> (Vec<Node>, Vec<Hop>) {
    let admins: Vec<&str> = reach.admin_paths.iter().map(|a| a.principal.as_str()).collect();
    let is_admin = |arn: &str| admins.contains(&arn);
    let mut nodes = vec![Node {
        arn: reach.principal.clone(),
        column: 0,
        row: 0,
        role: reach.principal.contains(":role/") || reach.principal.contains(":assumed-role/"),
        admin: is_admin(&reach.principal),
    }];
    let reached: Vec<(&omen_core::reach::Reached, bool)> =
        reach.reaches.iter().map(|r| (r, true)).chain(reach.users.iter().map(|r| (r, false))).collect();
    let needle = filter.trim().to_lowercase();
    // The ARNs on some kept path (every node of it, so that each last hop has both ends).
    let kept: Option<Vec<&str>> = (!needle.is_empty()).then(|| {
        let through = |r: &omen_core::reach::Reached| {
            r.role.to_lowercase().contains(&needle)
                || r.path
                    .iter()
                    .any(|h| h.from.to_lowercase().contains(&needle) || h.to.to_lowercase().contains(&needle))
        };
        reached
            .iter()
            .filter(|(r, _)| through(r))
            .flat_map(|(r, _)| r.path.iter().map(|h| h.to.as_str()).chain([r.role.as_str()]))
            .collect()
    });
    let mut rows: BTreeMap<usize, usize> = BTreeMap::new();
    let mut edges = Vec::new();
    for (target, role) in reached {
        if nodes.iter().any(|n| n.arn == target.role) {
            continue;
        }
        if kept.as_ref().is_some_and(|kept| !kept.contains(&target.role.as_str())) {
            continue;
        }
        let column = target.path.len().max(1);
        let row = rows.entry(column).or_insert(0);
        nodes.push(Node { arn: target.role.clone(), column, row: *row, role, admin: is_admin(&target.role) });
        *row += 1;
        if let Some(hop) = target.path.last() {
            edges.push(hop.clone());
        }
    }
    (nodes, edges)
}

/// The short name of an ARN: what follows its last `/` (or `:`).
fn short(arn: &str) -> String {
    let name = arn.rsplit(['/', ':']).next().unwrap_or(arn);
    if name.chars().count() > LABEL_CHARS {
        let cut: String = name.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        name.to_string()
    }
}

fn position(node: &Node) -> (f64, f64) {
    (MARGIN + node.column as f64 * COLUMN, MARGIN + node.row as f64 * ROW)
}

/// A mask: a face-shaped outline with two eye holes, beside the role's name.
fn mask(x: f64, y: f64) -> Html {
    let (cx, cy) = (x + 18.0, y + NODE_HEIGHT / 2.0);
    html! {
        <g class="ac-mask" aria-hidden="true">
            <ellipse cx={(cx).to_string()} cy={cy.to_string()} rx="11" ry="14" />
            <ellipse class="ac-eye" cx={(cx - 4.5).to_string()} cy={(cy - 3.0).to_string()} rx="2.6" ry="1.8" />
            <ellipse class="ac-eye" cx={(cx + 4.5).to_string()} cy={(cy - 3.0).to_string()} rx="2.6" ry="1.8" />
        </g>
    }
}

/// The graph.
#[component]
pub fn ReachGraph(props: &ReachGraphProps) -> Html {
    let w = words(props.lang);
    let (nodes, edges) = layout(&props.reach, &props.filter);
    let columns = nodes.iter().map(|n| n.column).max().unwrap_or(0) + 1;
    let rows = nodes.iter().map(|n| n.row).max().unwrap_or(0) + 1;
    let width = 2.0 * MARGIN + (columns - 1) as f64 * COLUMN + NODE_WIDTH;
    let height = 2.0 * MARGIN + (rows - 1) as f64 * ROW + NODE_HEIGHT;
    let find = |arn: &str| nodes.iter().find(|n| n.arn == arn);
    html! {
        <figure class="ac-graph" data-testid="reach-graph">
            <figcaption><h4>{ w.graph }</h4><p class="ac-meta">{ w.graph_note }</p></figcaption>
            <div class="ac-graph-scroll">
                <svg xmlns="http://www.w3.org/2000/svg" width={width.to_string()} height={height.to_string()}
                    viewBox={format!("0 0 {width} {height}")} role="group" aria-label={w.graph}>
                    <defs>
                        <marker id="ac-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M 0 0 L 10 5 L 0 10 z" />
                        </marker>
                    </defs>
                    { for edges.iter().filter_map(|hop| {
                        let (from, to) = (find(&hop.from)?, find(&hop.to)?);
                        let (fx, fy) = position(from);
                        let (tx, ty) = position(to);
                        let (x1, y1) = (fx + NODE_WIDTH, fy + NODE_HEIGHT / 2.0);
                        let (x2, y2) = (tx, ty + NODE_HEIGHT / 2.0);
                        let conditional = hop.dependence.conditional;
                        let escalates = escalation(hop);
                        let label = format!(
                            "{}{} → {}: {}{}",
                            if escalates { format!("⚠ {}: ", w.escalation) } else { String::new() },
                            short(&hop.from),
                            short(&hop.to),
                            hop.via,
                            if conditional { format!(" ({})", w.conditional) } else { String::new() }
                        );
                        let opened = (hop.flow.clone(), hop.changes.clone());
                        let playable = !opened.0.is_null();
                        let click = {
                            let (open, opened) = (props.open.clone(), opened.clone());
                            Callback::from(move |_: MouseEvent| if playable { open.emit(opened.clone()) })
                        };
                        let key = {
                            let open = props.open.clone();
                            Callback::from(move |event: KeyboardEvent| {
                                if (event.key() == "Enter" || event.key() == " ") && playable {
                                    event.prevent_default();
                                    open.emit(opened.clone());
                                }
                            })
                        };
                        Some(html! {
                            <g class={classes!("ac-edge", conditional.then_some("conditional"), playable.then_some("playable"), escalates.then_some("escalation"))}
                                tabindex="0" role={if playable { "button" } else { "img" }} aria-label={label.clone()}
                                onclick={click} onkeydown={key} data-testid="graph-edge">
                                <title>{ label }</title>
                                <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} marker-end="url(#ac-arrow)" />
                                <text x={((x1 + x2) / 2.0).to_string()} y={((y1 + y2) / 2.0 - 6.0).to_string()} text-anchor="middle">{ if escalates { format!("⚠ {}", hop.via) } else { hop.via.clone() } }</text>
                            </g>
                        })
                    }) }
                    { for nodes.iter().map(|node| {
                        let (x, y) = position(node);
                        html! {
                            <g class={classes!("ac-node", node.role.then_some("role"), (node.column == 0).then_some("start"), node.admin.then_some("admin"))}
                                data-testid="graph-node" data-arn={node.arn.clone()}>
                                <title>{ if node.admin { format!("{} ({})", node.arn, w.admin_node) } else { node.arn.clone() } }</title>
                                if node.admin {
                                    <rect class="ac-admin-ring" x={(x - 4.0).to_string()} y={(y - 4.0).to_string()} width={(NODE_WIDTH + 8.0).to_string()} height={(NODE_HEIGHT + 8.0).to_string()} rx="11" />
                                }
                                <rect x={x.to_string()} y={y.to_string()} width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx="8" />
                                if node.role { { mask(x, y) } }
                                <text x={(x + if node.role { 36.0 } else { 10.0 }).to_string()} y={(y + NODE_HEIGHT / 2.0 + 5.0).to_string()}>
                                    { if node.admin { format!("⚠ {}", short(&node.arn)) } else { short(&node.arn) } }
                                </text>
                            </g>
                        }
                    }) }
                </svg>
            </div>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use omen_core::reach::{Dependence, Reached};
    use serde_json::Value;

    fn hop(from: &str, to: &str, via: &str) -> Hop {
        Hop {
            from: from.into(),
            to: to.into(),
            via: via.into(),
            family: (if via == "sts:AssumeRole" { ASSUME_FAMILY } else { "passrole-ec2" }).into(),
            dependence: Dependence::default(),
            requests: Vec::new(),
            flow: Value::Null,
            changes: Vec::new(),
            cite: "".into(),
        }
    }

    #[test]
    fn each_reached_role_sits_in_the_column_of_its_path_length_with_its_last_hop() {
        let alice = "arn:aws:iam::111122223333:user/alice";
        let deploy = "arn:aws:iam::111122223333:role/deploy";
        let admin = "arn:aws:iam::111122223333:role/admin";
        let ops = "arn:aws:iam::111122223333:role/ops";
        let reach = Reach {
            principal: alice.into(),
            reaches: vec![
                Reached { role: deploy.into(), conditional: false, path: vec![hop(alice, deploy, "sts:AssumeRole")] },
                Reached { role: ops.into(), conditional: false, path: vec![hop(alice, ops, "sts:AssumeRole")] },
                Reached {
                    role: admin.into(),
                    conditional: false,
                    path: vec![
                        hop(alice, deploy, "sts:AssumeRole"),
                        hop(deploy, admin, "iam:PassRole+ec2:RunInstances"),
                    ],
                },
            ],
            users: Vec::new(),
            admin: false,
            admin_paths: Vec::new(),
        };
        let (nodes, edges) = layout(&reach, "");
        let placed: Vec<(&str, usize, usize, bool)> =
            nodes.iter().map(|n| (n.arn.as_str(), n.column, n.row, n.role)).collect();
        assert_eq!(placed, vec![(alice, 0, 0, false), (deploy, 1, 0, true), (ops, 1, 1, true), (admin, 2, 0, true)]);
        let drawn: Vec<(&str, &str)> = edges.iter().map(|e| (e.from.as_str(), e.to.as_str())).collect();
        assert_eq!(drawn, vec![(alice, deploy), (alice, ops), (deploy, admin)]);
        assert_eq!(edges.iter().map(escalation).collect::<Vec<_>>(), vec![false, false, true]);
        assert!(nodes.iter().all(|n| !n.admin));

        // Filtering by the last role keeps its whole path (deploy, then admin), not ops.
        let (nodes, edges) = layout(&reach, "ROLE/ADMIN");
        let placed: Vec<&str> = nodes.iter().map(|n| n.arn.as_str()).collect();
        assert_eq!(placed, vec![alice, deploy, admin]);
        let drawn: Vec<(&str, &str)> = edges.iter().map(|e| (e.from.as_str(), e.to.as_str())).collect();
        assert_eq!(drawn, vec![(alice, deploy), (deploy, admin)]);
        // By a role in the middle: every path through it.
        let (nodes, _) = layout(&reach, "deploy");
        assert_eq!(nodes.iter().map(|n| n.arn.as_str()).collect::<Vec<_>>(), vec![alice, deploy, admin]);
        // Nothing matches: the principal alone.
        assert_eq!(layout(&reach, "nobody").0.len(), 1);
    }

    #[test]
    fn nodes_holding_administrator_power_are_marked() {
        let bob = "arn:aws:iam::111122223333:user/bob";
        let ops = "arn:aws:iam::111122223333:role/ops";
        let grant = hop(ops, ops, "administrator");
        let reach = Reach {
            principal: bob.into(),
            reaches: vec![Reached {
                role: ops.into(),
                conditional: false,
                path: vec![hop(bob, ops, "sts:AssumeRole")],
            }],
            users: Vec::new(),
            admin: true,
            admin_paths: vec![omen_core::reach::Admin {
                account: "111122223333".into(),
                principal: ops.into(),
                conditional: false,
                path: vec![hop(bob, ops, "sts:AssumeRole"), Hop { family: "administrator".into(), ..grant }],
            }],
        };
        let (nodes, _) = layout(&reach, "");
        assert_eq!(
            nodes.iter().map(|n| (n.arn.as_str(), n.admin)).collect::<Vec<_>>(),
            vec![(bob, false), (ops, true)]
        );
    }

    #[test]
    fn long_names_are_cut_to_the_label_width() {
        assert_eq!(short("arn:aws:iam::111122223333:role/app/deploy"), "deploy");
        assert_eq!(short(&format!("arn:aws:iam::1:role/{}", "a".repeat(40))).chars().count(), LABEL_CHARS);
    }
}
