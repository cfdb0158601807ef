//! The Account view's analysis as messages: the imported accounts come in once (and again when
//! they change), and who-can, reach and the whole graph are answered over them. It runs in a
//! Web Worker (`worker.rs`, the `omen-account-worker` binary) and, when no worker can be
//! started, on the page's thread (`channel.rs`): the same code, the same messages.
//!
//! Messages are JSON, both ways:
//! - page → analysis: `{"op":"accounts","world":{…}}` (the imported world; drops what was
//!   asked about the accounts before), `{"op":"who","seq":n,"role":arn}`,
//!   `{"op":"reach","seq":n,"principal":arn}`, `{"op":"graph","seq":n}`;
//! - analysis → page: `{"op":"who","seq":n,"answer":{…}}` (omen-core's `WhoCan`),
//!   `{"op":"reach","seq":n,"answer":{…}}` (`Reach`), either with `"problem":text` instead of an
//!   answer; `{"op":"progress","seq":n,"done":k,"total":t}` while the whole graph is worked
//!   out, role by role, then `{"op":"graph","seq":n,"roles":t,"edges":[…]}` (`GraphEdge`s).
//!
//! A newer question of a kind replaces an older one not yet answered; the whole graph is worked
//! out in slices of [`Analysis::work`], between which a who-can or reach question is answered
//! first, so that neither waits for the graph.

use omen_core::reach::world_view::View;
use omen_core::reach::{edges_into, graph_roles, reach_in, who_can_in, GraphEdge, World};
use serde_json::{json, Value};

/// One question waiting for its answer.
#[derive(Debug, Clone, PartialEq)]
struct Question {
    seq: u64,
    subject: String,
}

/// The whole graph, part way.
struct GraphWork {
    seq: u64,
    roles: Vec<String>,
    next: usize,
    edges: Vec<GraphEdge>,
}

/// The analysis's state: the accounts' view and the questions not yet answered.
#[derive(Default)]
pub struct Analysis {
    view: Option<View>,
    who: Option<Question>,
    reach: Option<Question>,
    graph: Option<GraphWork>,
}

fn seq_of(message: &Value) -> u64 {
    message.get("seq").and_then(Value::as_u64).unwrap_or(0)
}

fn text_of(message: &Value, key: &str) -> String {
    message.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

impl Analysis {
    /// Takes one message from the page; the answers come from [`Analysis::work`].
    pub fn receive(&mut self, message: &Value) {
        match message.get("op").and_then(Value::as_str).unwrap_or_default() {
            "accounts" => {
                let world = message.get("world").map(Value::to_string).unwrap_or_default();
                self.view = World::from_json(&world).ok().map(|world| View::new(&world));
                self.who = None;
                self.reach = None;
                self.graph = None;
            }
            "who" => self.who = Some(Question { seq: seq_of(message), subject: text_of(message, "role") }),
            "reach" => self.reach = Some(Question { seq: seq_of(message), subject: text_of(message, "principal") }),
            "graph" => {
                let roles = self.view.as_ref().map(graph_roles).unwrap_or_default();
                self.graph = Some(GraphWork { seq: seq_of(message), roles, next: 0, edges: Vec::new() });
            }
            _ => {}
        }
    }

    /// Whether something is waiting to be worked out.
    pub fn busy(&self) -> bool {
        self.who.is_some() || self.reach.is_some() || self.graph.is_some()
    }

    /// Works out one thing — a who-can answer, else a reach answer, else a slice of the whole
    /// graph lasting about `slice_ms` (by `now`, in milliseconds; at least one role) — and
    /// returns the messages for the page.
    pub fn work(&mut self, now: &dyn Fn() -> f64, slice_ms: f64) -> Vec<Value> {
        if let Some(question) = self.who.take() {
            let answer = self.view.as_ref().map(|view| who_can_in(view, &question.subject));
            return vec![reply("who", question.seq, answer.map(|a| a.map(serde_json::to_value)))];
        }
        if let Some(question) = self.reach.take() {
            let answer = self.view.as_ref().map(|view| reach_in(view, &question.subject));
            return vec![reply("reach", question.seq, answer.map(|a| a.map(serde_json::to_value)))];
        }
        let Some(mut graph) = self.graph.take() else {
            return Vec::new();
        };
        let Some(view) = self.view.as_ref() else {
            return vec![json!({"op": "graph", "seq": graph.seq, "roles": 0, "edges": []})];
        };
        let started = now();
        while let Some(role) = graph.roles.get(graph.next) {
            if let Ok(edges) = edges_into(view, role) {
                graph.edges.extend(edges);
            }
            graph.next += 1;
            if now() - started >= slice_ms {
                break;
            }
        }
        let total = graph.roles.len();
        if graph.next < total {
            let progress = json!({"op": "progress", "seq": graph.seq, "done": graph.next, "total": total});
            self.graph = Some(graph);
            return vec![progress];
        }
        vec![json!({"op": "graph", "seq": graph.seq, "roles": total, "edges": graph.edges})]
    }
}

/// An answer (or the problem that stood in its way) as the page reads it; no accounts yet is a
/// problem too.
fn reply(op: &str, seq: u64, answer: Option<Result<Result<Value, serde_json::Error>, String>>) -> Value {
    match answer {
        Some(Ok(Ok(answer))) => json!({"op": op, "seq": seq, "answer": answer}),
        Some(Ok(Err(error))) => json!({"op": op, "seq": seq, "problem": error.to_string()}),
        Some(Err(problem)) => json!({"op": op, "seq": seq, "problem": problem}),
        None => json!({"op": op, "seq": seq, "problem": "no accounts loaded"}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use omen_core::reach::{synthetic, Reach, WhoCan};

    fn loaded(users: usize, roles: usize) -> Analysis {
        let mut analysis = Analysis::default();
        let world = serde_json::to_value(synthetic::account(users, roles, users * 2)).unwrap_or_default();
        analysis.receive(&json!({"op": "accounts", "world": world}));
        analysis
    }

    fn all(analysis: &mut Analysis, slice_ms: f64) -> Vec<Value> {
        let mut out = Vec::new();
        while analysis.busy() {
            out.extend(analysis.work(&|| 0.0, slice_ms));
        }
        out
    }

    #[test]
    fn answers_who_can_and_reach_as_the_core_does() {
        let mut analysis = loaded(20, 20);
        analysis.receive(&json!({"op": "reach", "seq": 2, "principal": synthetic::user_arn(0)}));
        analysis.receive(&json!({"op": "who", "seq": 3, "role": synthetic::role_arn(7)}));
        let out = all(&mut analysis, 50.0);
        // Who-can first, whatever the order asked.
        assert_eq!((out[0]["op"].as_str(), out[0]["seq"].as_u64()), (Some("who"), Some(3)));
        let who: WhoCan = serde_json::from_value(out[0]["answer"].clone()).unwrap();
        let world = synthetic::account(20, 20, 40);
        assert_eq!(who, omen_core::reach::who_can(&world, &synthetic::role_arn(7)).unwrap());
        let reach: Reach = serde_json::from_value(out[1]["answer"].clone()).unwrap();
        assert_eq!(reach, omen_core::reach::reach(&world, &synthetic::user_arn(0)).unwrap());
        assert!(reach.admin);
    }

    #[test]
    fn a_newer_question_replaces_an_older_one_and_new_accounts_drop_both() {
        let mut analysis = loaded(10, 10);
        analysis.receive(&json!({"op": "who", "seq": 1, "role": synthetic::role_arn(1)}));
        analysis.receive(&json!({"op": "who", "seq": 4, "role": synthetic::role_arn(2)}));
        let out = all(&mut analysis, 50.0);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["seq"], 4);
        assert_eq!(out[0]["answer"]["role"], synthetic::role_arn(2));
        analysis.receive(&json!({"op": "graph", "seq": 5}));
        analysis.receive(&json!({"op": "accounts", "world": {}}));
        assert!(!analysis.busy());
    }

    #[test]
    fn a_role_that_is_not_there_is_a_problem() {
        let mut analysis = loaded(5, 5);
        analysis.receive(&json!({"op": "who", "seq": 1, "role": "arn:aws:iam::111122223333:role/none"}));
        let out = all(&mut analysis, 50.0);
        assert!(out[0]["problem"].as_str().unwrap_or_default().contains("no role"));
        let mut empty = Analysis::default();
        empty.receive(&json!({"op": "reach", "seq": 1, "principal": "x"}));
        assert_eq!(all(&mut empty, 50.0)[0]["problem"], "no accounts loaded");
    }

    #[test]
    fn the_whole_graph_reports_progress_role_by_role_and_lets_questions_in_between() {
        let mut analysis = loaded(12, 9);
        analysis.receive(&json!({"op": "graph", "seq": 7}));
        // A zero-length slice does one role at a time.
        let first = analysis.work(&|| 0.0, 0.0);
        assert_eq!(first, vec![json!({"op": "progress", "seq": 7, "done": 1, "total": 9})]);
        analysis.receive(&json!({"op": "reach", "seq": 8, "principal": synthetic::user_arn(3)}));
        let next = analysis.work(&|| 0.0, 0.0);
        assert_eq!(next[0]["op"], "reach");
        let rest = all(&mut analysis, 0.0);
        let done: Vec<u64> = rest.iter().filter(|m| m["op"] == "progress").filter_map(|m| m["done"].as_u64()).collect();
        assert_eq!(done, (2..9).collect::<Vec<u64>>());
        let last = rest.last().cloned().unwrap_or_default();
        assert_eq!((last["op"].as_str(), last["roles"].as_u64()), (Some("graph"), Some(9)));
        // The edges are who-can's, role by role.
        let world = synthetic::account(12, 9, 24);
        let view = View::new(&world);
        let expected: Vec<GraphEdge> =
            graph_roles(&view).iter().flat_map(|role| edges_into(&view, role).unwrap_or_default()).collect();
        let edges: Vec<GraphEdge> = serde_json::from_value(last["edges"].clone()).unwrap();
        assert_eq!(edges, expected);
        assert!(!edges.is_empty());
    }
}
