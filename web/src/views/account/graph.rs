//! The reach graph: the principal asked about, every role (and user) it reaches, and the last
//! edge of each path, drawn as SVG without a layout library — a column per step from the
//! principal, roles drawn as masks. Conditional edges are dashed and say so in their label (not
//! colour alone); escalation edges (anything but a plain `sts:AssumeRole`: a pass to a service,
//! a rewritten role, administrator power) are thicker and start with ⚠, and a node that holds
//! administrator-equivalent power is outlined twice and says so in its name (⚠). A filter keeps
//! only the paths through a principal or role whose ARN holds the text typed. Every edge is a
//! keyboard stop (Tab) that opens its flow on Enter or a click, and the view beside it lists
//! the same edges as text for screen readers.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use yew::prelude::*;

use super::strings::words;
use crate::i18n::Lang;
use omen_core::reach::{Hop, Reach, Reached};

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
    /// What of the answer is drawn.
    pub layout: Rc<Layout>,
    /// The interface's language.
    pub lang: Lang,
    /// Opens an edge's flow in the playground.
    pub open: Callback<super::view::Opened>,
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

/// What of a reach answer is drawn: the graph's nodes and edges, and which reached roles and
/// users the lists show.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The principal, then each node drawn.
    pub nodes: Vec<Node>,
    /// The last hop of each drawn path.
    pub edges: Vec<Hop>,
    /// The indices, in `reach.reaches`, of the roles listed.
    pub reaches: Vec<usize>,
    /// The indices, in `reach.users`, of the users listed.
    pub users: Vec<usize>,
    /// How many reached roles the filter keeps (all of them without one).
    pub matching_roles: usize,
    /// How many reached users the filter keeps.
    pub matching_users: usize,
}

/// Whether `reached`'s path passes through an ARN holding `needle` (lower case).
fn through(reached: &Reached, needle: &str) -> bool {
    reached.role.to_lowercase().contains(needle)
        || reached.path.iter().any(|h| h.from.to_lowercase().contains(needle) || h.to.to_lowercase().contains(needle))
}

/// The nodes and edges of `reach`: the principal in column 0, each reached role or user in the
/// column of its path's length, and for each the last hop of its path. With a `filter`, only the
/// paths that pass through an ARN holding it (any case) are kept; of those, the first `limit`
/// roles and the first `limit` users, each with every node on its path.
pub fn layout(reach: &Reach, filter: &str, limit: usize) -> Layout {
    let admins: Vec<&str> = reach.admin_paths.iter().map(|a| a.principal.as_str()).collect();
    let is_admin = |arn: &str| admins.contains(&arn);
    let mut nodes = vec![Node {
        arn: reach.principal.clone(),
        column: 0,
        row: 0,
        role: reach.principal.contains(":role/") || reach.principal.contains(":assumed-role/"),
        admin: is_admin(&reach.principal),
    }];
    let reached: Vec<(&Reached, bool, usize)> = (reach.reaches.iter().enumerate().map(|(i, r)| (r, true, i)))
        .chain(reach.users.iter().enumerate().map(|(i, r)| (r, false, i)))
        .collect();
    let needle = filter.trim().to_lowercase();
    let needle = needle.as_str();
    let matching = |as_role: bool| {
        reached.iter().filter(move |(r, role, _)| *role == as_role && (needle.is_empty() || through(r, needle)))
    };
    let (matching_roles, matching_users) = (matching(true).count(), matching(false).count());
    let selected: Vec<&(&Reached, bool, usize)> =
        matching(true).take(limit).chain(matching(false).take(limit)).collect();
    // The ARNs on some kept path (every node of it, so that each last hop has both ends).
    let kept: HashSet<&str> =
        selected.iter().flat_map(|(r, _, _)| r.path.iter().map(|h| h.to.as_str()).chain([r.role.as_str()])).collect();
    let mut placed: HashSet<&str> = HashSet::from([reach.principal.as_str()]);
    let mut rows: BTreeMap<usize, usize> = BTreeMap::new();
    let mut edges = Vec::new();
    for (target, role, _) in &reached {
        if !kept.contains(target.role.as_str()) || !placed.insert(target.role.as_str()) {
            continue;
        }
        let column = target.path.len().max(1);
        let row = rows.entry(column).or_insert(0);
        nodes.push(Node { arn: target.role.clone(), column, row: *row, role: *role, admin: is_admin(&target.role) });
        *row += 1;
        if let Some(hop) = target.path.last() {
            edges.push(hop.clone());
        }
    }
    let listed = |as_role: bool| selected.iter().filter(|(_, role, _)| *role == as_role).map(|(_, _, i)| *i).collect();
    Layout { nodes, edges, reaches: listed(true), users: listed(false), matching_roles, matching_users }
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
    let Layout { nodes, edges, .. } = props.layout.as_ref();
    let columns = nodes.iter().map(|n| n.column).max().unwrap_or(0) + 1;
    let rows = nodes.iter().map(|n| n.row).max().unwrap_or(0) + 1;
    let width = 2.0 * MARGIN + (columns - 1) as f64 * COLUMN + NODE_WIDTH;
    let height = 2.0 * MARGIN + (rows - 1) as f64 * ROW + NODE_HEIGHT;
    let by_arn: HashMap<&str, &Node> = nodes.iter().map(|n| (n.arn.as_str(), n)).collect();
    let find = |arn: &str| by_arn.get(arn).copied();
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
    use omen_core::reach::Dependence;
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
        let Layout { nodes, edges, .. } = layout(&reach, "", usize::MAX);
        let placed: Vec<(&str, usize, usize, bool)> =
            nodes.iter().map(|n| (n.arn.as_str(), n.column, n.row, n.role)).collect();
        assert_eq!(placed, vec![(alice, 0, 0, false), (deploy, 1, 0, true), (ops, 1, 1, true), (admin, 2, 0, true)]);
        let drawn: Vec<(&str, &str)> = edges.iter().map(|e| (e.from.as_str(), e.to.as_str())).collect();
        assert_eq!(drawn, vec![(alice, deploy), (alice, ops), (deploy, admin)]);
        assert_eq!(edges.iter().map(escalation).collect::<Vec<_>>(), vec![false, false, true]);
        assert!(nodes.iter().all(|n| !n.admin));

        // Filtering by the last role keeps its whole path (deploy, then admin), not ops.
        let Layout { nodes, edges, .. } = layout(&reach, "ROLE/ADMIN", usize::MAX);
        let placed: Vec<&str> = nodes.iter().map(|n| n.arn.as_str()).collect();
        assert_eq!(placed, vec![alice, deploy, admin]);
        let drawn: Vec<(&str, &str)> = edges.iter().map(|e| (e.from.as_str(), e.to.as_str())).collect();
        assert_eq!(drawn, vec![(alice, deploy), (deploy, admin)]);
        // By a role in the middle: every path through it.
        let nodes = layout(&reach, "deploy", usize::MAX).nodes;
        assert_eq!(nodes.iter().map(|n| n.arn.as_str()).collect::<Vec<_>>(), vec![alice, deploy, admin]);
        // Nothing matches: the principal alone.
        assert_eq!(layout(&reach, "nobody", usize::MAX).nodes.len(), 1);
    }

    #[test]
    fn a_limit_keeps_the_first_paths_with_every_node_on_them_and_counts_what_the_filter_keeps() {
        let alice = "arn:aws:iam::111122223333:user/alice";
        let role = |n: usize| format!("arn:aws:iam::111122223333:role/role-{n}");
        // role-0 directly; role-n (n ≥ 1) through role-0.
        let reaches: Vec<Reached> = (0..10)
            .map(|n| Reached {
                role: role(n),
                conditional: false,
                path: if n == 0 {
                    vec![hop(alice, &role(0), "sts:AssumeRole")]
                } else {
                    vec![hop(alice, &role(0), "sts:AssumeRole"), hop(&role(0), &role(n), "sts:AssumeRole")]
                },
            })
            .collect();
        let reach =
            Reach { principal: alice.into(), reaches, users: Vec::new(), admin: false, admin_paths: Vec::new() };
        let first = layout(&reach, "", 3);
        assert_eq!(first.reaches, vec![0, 1, 2]);
        assert_eq!((first.matching_roles, first.matching_users), (10, 0));
        assert_eq!(first.nodes.len(), 4);
        assert_eq!(first.edges.len(), 3);
        // The limit counts after the filter: role-7's path holds role-0, which is drawn with it.
        let seven = layout(&reach, "ROLE-7", 3);
        assert_eq!((seven.reaches, seven.matching_roles), (vec![7], 1));
        assert_eq!(
            seven.nodes.iter().map(|n| n.arn.clone()).collect::<Vec<_>>(),
            vec![alice.to_string(), role(0), role(7)]
        );
        assert_eq!(layout(&reach, "", usize::MAX).reaches.len(), 10);
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
        let nodes = layout(&reach, "", usize::MAX).nodes;
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
