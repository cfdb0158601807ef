//! The whole graph of the loaded accounts: every edge by which a user or role can put a role on
//! directly (omen-core's `edges_into`, role by role), worked out by the analysis when the person
//! asks, with its progress (roles done of all) while it works and the page answering meanwhile;
//! then its figures and the roles the most principals can put on. A component of its own, so that
//! a progress report redraws only this section.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::{json, Value};
use yew::prelude::*;

use super::channel::Shared;
use super::strings::words;
use crate::i18n::Lang;
use omen_core::reach::GraphEdge;

/// How many roles the table lists.
const TOP: usize = 20;

/// The section's properties.
#[derive(Properties, PartialEq)]
pub struct WholeGraphProps {
    /// The analysis.
    pub channel: Shared,
    /// Which load the accounts are (a new one forgets the graph of the old).
    pub serial: u64,
    /// The interface's language.
    pub lang: Lang,
    /// Shows who can put a role on (its ARN), in the who-can section.
    pub pick: Callback<String>,
}

/// Where the whole graph is.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Not asked for these accounts.
    Idle,
    /// Being worked out: roles done, roles in all.
    Working { done: u64, total: u64 },
    /// Worked out: the roles in all, the edges, and how long it took in milliseconds.
    Done { roles: u64, edges: Rc<Vec<GraphEdge>>, ms: f64 },
    /// The answer could not be read.
    Failed(String),
}

/// One role's row: its ARN, who may assume it and who may pass it.
struct Row<'a> {
    role: &'a str,
    assume: usize,
    pass: usize,
}

/// The roles with the most principals that can put them on, most first (then by ARN, numbers
/// in it as people count them: `role-2` before `role-10`).
fn top_roles(edges: &[GraphEdge]) -> Vec<Row<'_>> {
    let mut by_role: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for edge in edges {
        let (assume, pass) = by_role.entry(edge.to.as_str()).or_default();
        if edge.via == "iam:PassRole" {
            pass.insert(edge.from.as_str());
        } else {
            assume.insert(edge.from.as_str());
        }
    }
    let mut rows: Vec<Row<'_>> = by_role
        .into_iter()
        .map(|(role, (assume, pass))| Row { role, assume: assume.len(), pass: pass.len() })
        .collect();
    rows.sort_by(|a, b| (b.assume + b.pass).cmp(&(a.assume + a.pass)).then_with(|| counted_order(a.role, b.role)));
    rows.truncate(TOP);
    rows
}

/// Compares `a` and `b` as people order names with numbers in them: runs of digits by the number
/// they write (`role-2` before `role-10`, `role-02` beside `role-2`), everything else as text;
/// names equal that way keep the text's order (`role-02` before `role-2`).
fn counted_order(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        let (Some(p), Some(q)) = (x.chars().next(), y.chars().next()) else {
            return x.len().cmp(&y.len()).then_with(|| a.cmp(b));
        };
        if p.is_ascii_digit() && q.is_ascii_digit() {
            let split = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let (m, n) = (split(x), split(y));
            let (digits_x, rest_x) = x.split_at(m);
            let (digits_y, rest_y) = y.split_at(n);
            let (digits_x, digits_y) = (digits_x.trim_start_matches('0'), digits_y.trim_start_matches('0'));
            let by_number = digits_x.len().cmp(&digits_y.len()).then_with(|| digits_x.cmp(digits_y));
            if by_number != Ordering::Equal {
                return by_number;
            }
            (x, y) = (rest_x, rest_y);
        } else {
            if p != q {
                return p.cmp(&q);
            }
            (x, y) = (&x[p.len_utf8()..], &y[q.len_utf8()..]);
        }
    }
}

/// The section.
#[component]
pub fn WholeGraph(props: &WholeGraphProps) -> Html {
    let state = use_state(|| (props.serial, State::Idle));
    let w = words(props.lang);
    let current = if state.0 == props.serial { state.1.clone() } else { State::Idle };
    // Accounts loaded again (more files, or the same files once the managed-policy catalogue
    // resolved the AWS managed policies they attach) answer a graph asked of the old load: the
    // graph is worked out again for the new one rather than dropped.
    {
        let (state, channel, serial) = (state.clone(), props.channel.clone(), props.serial);
        use_effect_with(serial, move |serial| {
            if state.0 != *serial && state.1 != State::Idle {
                ask_graph(&state, &channel, *serial);
            }
        });
    }
    let start = {
        let (state, channel, serial) = (state.clone(), props.channel.clone(), props.serial);
        Callback::from(move |_: MouseEvent| ask_graph(&state, &channel, serial))
    };
    let working = matches!(current, State::Working { .. });
    html! {
        <section class="ac-section ac-whole" aria-labelledby="ac-whole-heading" data-testid="whole-graph">
            <h3 id="ac-whole-heading">{ w.whole }</h3>
            <p class="ac-meta">{ w.whole_note }</p>
            <button type="button" class="small" onclick={start} disabled={working} data-testid="whole-start">{ w.whole_start }</button>
            { match &current {
                State::Idle => Html::default(),
                State::Working { done, total } => html! {
                    <div class="ac-progress" role="status" data-testid="whole-progress">
                        <progress max={total.max(&1).to_string()} value={done.to_string()} aria-label={w.whole_progress}></progress>
                        <span>{ if *total == 0 { format!("{}…", w.whole_progress) } else { format!("{} {done} / {total}", w.whole_progress) } }</span>
                    </div>
                },
                State::Failed(why) => html! { <p class="ac-problem" role="alert">{ why.clone() }</p> },
                State::Done { roles, edges, ms } => summary(*roles, edges, *ms, props, w),
            } }
        </section>
    }
}

/// Asks the analysis for the whole graph of load `serial`; `state` follows its progress and
/// takes its answer.
fn ask_graph(state: &UseStateHandle<(u64, State)>, channel: &Shared, serial: u64) {
    let started = js_sys::Date::now();
    state.set((serial, State::Working { done: 0, total: 0 }));
    let state = state.clone();
    channel.0.ask(
        json!({"op": "graph"}),
        Callback::from(move |reply: Value| {
            let number = |key: &str| reply.get(key).and_then(Value::as_u64).unwrap_or(0);
            let next = if reply.get("op").and_then(Value::as_str) == Some("progress") {
                State::Working { done: number("done"), total: number("total") }
            } else {
                match serde_json::from_value::<Vec<GraphEdge>>(reply.get("edges").cloned().unwrap_or_default()) {
                    Ok(edges) => {
                        State::Done { roles: number("roles"), edges: Rc::new(edges), ms: js_sys::Date::now() - started }
                    }
                    Err(error) => State::Failed(error.to_string()),
                }
            };
            state.set((serial, next));
        }),
    );
}

fn summary(roles: u64, edges: &[GraphEdge], ms: f64, props: &WholeGraphProps, w: &super::strings::Words) -> Html {
    let into: BTreeSet<&str> = edges.iter().map(|e| e.to.as_str()).collect();
    let from: BTreeSet<&str> = edges.iter().map(|e| e.from.as_str()).collect();
    let conditional = edges.iter().filter(|e| e.conditional).count();
    // Each figure with its words, singular after a count of one.
    let [edges_many, into_many, from_many, conditional_many, roles_many, took] = w.whole_counts;
    let [edges_one, into_one, from_one, conditional_one, roles_one] = w.whole_counts_one;
    let say = |n: usize, one: &'static str, many: &'static str| (n, if n == 1 { one } else { many });
    let figures = [
        say(edges.len(), edges_one, edges_many),
        say(into.len(), into_one, into_many),
        say(from.len(), from_one, from_many),
        say(conditional, conditional_one, conditional_many),
    ];
    let n_roles = if roles == 1 { roles_one } else { roles_many };
    html! {
        <>
            <p role="status" data-testid="whole-counts">
                { for figures.iter().enumerate().map(|(index, (n, what))| html! {
                    <>{ if index > 0 { " · " } else { "" } }<strong>{ n }</strong>{ format!(" {what}") }</>
                }) }
                { format!(" · {roles} {n_roles} · {took} {:.1} s", ms / 1000.0) }
            </p>
            if !edges.is_empty() {
                <h4>{ w.whole_top }</h4>
                <div class="ac-whole-scroll">
                <table class="ac-whole-table" data-testid="whole-top">
                    <thead><tr>{ for w.whole_columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }<th></th></tr></thead>
                    <tbody>
                        { for top_roles(edges).into_iter().map(|row| {
                            let pick = props.pick.clone();
                            let arn = row.role.to_string();
                            let onclick = Callback::from(move |_: MouseEvent| pick.emit(arn.clone()));
                            html! {
                                <tr data-role={row.role.to_string()}>
                                    <td><code title={row.role.to_string()}>{ row.role.rsplit(['/', ':']).next().unwrap_or(row.role).to_string() }</code></td>
                                    <td>{ row.assume }</td>
                                    <td>{ row.pass }</td>
                                    <td><button type="button" class="small" {onclick}>{ w.whole_show }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn edge(from: &str, to: &str, via: &'static str) -> GraphEdge {
        GraphEdge {
            from: from.into(),
            to: to.into(),
            via: Cow::Borrowed(via),
            services: Vec::new(),
            conditional: false,
        }
    }

    #[test]
    fn the_roles_most_principals_can_put_on_come_first() {
        let edges = vec![
            edge("u1", "role/b", "sts:AssumeRole"),
            edge("u1", "role/a", "sts:AssumeRole"),
            edge("u2", "role/a", "iam:PassRole"),
            edge("u2", "role/a", "sts:AssumeRole"),
        ];
        let rows: Vec<(&str, usize, usize)> = top_roles(&edges).iter().map(|r| (r.role, r.assume, r.pass)).collect();
        assert_eq!(rows, vec![("role/a", 2, 1), ("role/b", 1, 0)]);
    }

    #[test]
    fn roles_put_on_by_as_many_are_in_the_order_people_count() {
        let arn = |name: &str| format!("arn:aws:iam::210987654321:role/{name}");
        let names = ["role-10", "role-2", "role-1", "role-02", "role-100", "role-9b", "role-9a", "role-", "app/role-3"];
        let edges: Vec<GraphEdge> = names.iter().map(|name| edge("u1", &arn(name), "sts:AssumeRole")).collect();
        let rows: Vec<String> =
            top_roles(&edges).iter().map(|r| r.role.rsplit('/').next().unwrap_or_default().to_string()).collect();
        assert_eq!(
            rows,
            ["role-3", "role-", "role-1", "role-02", "role-2", "role-9a", "role-9b", "role-10", "role-100"]
        );
        // More principals still come first, whatever the name.
        let mut edges = edges;
        edges.push(edge("u2", &arn("role-100"), "iam:PassRole"));
        assert_eq!(top_roles(&edges).first().map(|r| r.role.to_string()), Some(arn("role-100")));
    }

    #[test]
    fn numbers_compare_by_value_and_the_rest_as_text() {
        assert_eq!(counted_order("role-2", "role-10"), Ordering::Less);
        assert_eq!(counted_order("role-10", "role-2"), Ordering::Greater);
        assert_eq!(counted_order("a10b2", "a10b10"), Ordering::Less);
        assert_eq!(counted_order("role-007", "role-7"), Ordering::Less);
        assert_eq!(counted_order("role-7", "role-7"), Ordering::Equal);
        assert_eq!(counted_order("99999999999999999999999", "100000000000000000000000"), Ordering::Less);
        assert_eq!(counted_order("ロール-2", "ロール-10"), Ordering::Less);
        assert_eq!(counted_order("role", "role-1"), Ordering::Less);
    }
}
