//! The Account view's import and analysis as messages: the files come in (and again when they
//! change), are imported once — parsed, diagnosed, made into the flow's world and the analysis's
//! view — and who-can, reach, the whole graph and the worlds to play are answered over them. It
//! runs in a Web Worker (`worker.rs`, the `omen-account-worker` binary) and, when no worker can be
//! started, on the page's thread (`channel.rs`): the same code, the same messages. The page
//! flags credentials before it sends a file (`view.rs`): a file sent here is read.
//!
//! Messages are JSON, both ways:
//! - page → analysis: `{"op":"import","seq":n,"files":[{"name","text"}…]}` (drops what was
//!   asked about the accounts before), `{"op":"catalogue","seq":n,"serviceReference":url,
//!   "managedPolicies":url}` (the managed-policy catalogue later imports resolve AWS managed
//!   policies from; fetched by the side that runs the analysis, see [`Analysis::take_fetch`]),
//!   `{"op":"who","seq":n,"role":arn}`, `{"op":"reach","seq":n,"principal":arn}`,
//!   `{"op":"graph","seq":n}`, `{"op":"check","seq":n,"caller":arn,"role":arn,"api":action}`
//!   and `{"op":"world","seq":n,…}` with the same choice or with `"flow":{…}` (an answer's flow,
//!   with `"changes":[…]` when its edge rests on changes the files do not hold: made first);
//! - analysis → page: `{"op":"import","seq":n,"loaded":{…}}` ([`Loaded`]),
//!   `{"op":"catalogue","seq":n,"source":text}`, `{"op":"who","seq":n,"answer":{…}}` (omen-core's
//!   `WhoCan`), `{"op":"reach","seq":n,"answer":{…}}` (`Reach`), `{"op":"check","seq":n}` and
//!   `{"op":"world","seq":n,"world":{…}}`; any of them with `"problem":…` instead (text, or
//!   `{"en","ja"}` for `check` and `world`); `{"op":"progress","seq":n,"done":k,"total":t}` while
//!   the whole graph is worked out, role by role, then `{"op":"graph","seq":n,"roles":t,"edges":[…]}`
//!   (`GraphEdge`s).
//!
//! A newer question of a kind replaces an older one not yet answered; an import comes first, and
//! the whole graph is worked out in slices of [`Analysis::work`], between which the other
//! questions are answered first, so that neither waits for the graph.

use omen_core::flow::Text;
use omen_core::import::{
    import, world_json, Import, ImportFile, ImportOptions, Inventory, NoCatalogue, SecretHandling, WorldChoice,
};
use omen_core::reach::world_view::{NodeKind, View};
use omen_core::reach::{apply_changes, edges_into, graph_roles, reach_in, who_can_in, GraphEdge, World, WorldChange};
use omen_core::Severity;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::catalogue::Catalogue;

/// One question waiting for its answer.
#[derive(Debug, Clone, PartialEq)]
struct Question {
    seq: u64,
    subject: String,
}

/// A question about the world to play: its `seq` and the message that asks it.
#[derive(Debug, Clone, PartialEq)]
struct WorldQuestion {
    seq: u64,
    message: Value,
}

/// The whole graph, part way.
struct GraphWork {
    seq: u64,
    roles: Vec<String>,
    next: usize,
    edges: Vec<GraphEdge>,
}

/// Files to import, as the page sent them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct SentFile {
    name: String,
    text: String,
}

/// The managed-policy catalogue to fetch: the `seq` of the question, and the URLs of its two files.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueFetch {
    /// The question's number.
    pub seq: u64,
    /// The service reference's URL.
    pub reference: String,
    /// The managed policies' URL.
    pub policies: String,
}

/// What the imported accounts are, kept for the questions.
struct Accounts {
    inventory: Inventory,
    world: Value,
    view: Option<View>,
}

/// One import diagnostic as the page shows it: where (file, line and column, JSON pointer) and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// 1-based line, when located in the file.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// The JSON pointer of the value concerned.
    pub pointer: Option<String>,
    /// An error (else a warning).
    pub error: bool,
    /// A stable code.
    pub code: String,
    /// What is wrong.
    pub message: Text,
    /// How to fix it.
    pub help: Option<Text>,
}

/// A managed policy attached but held neither by the files nor by the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unresolved {
    /// Its ARN.
    pub arn: String,
    /// Whether AWS manages it.
    pub aws_managed: bool,
}

/// Something to pick, as `(ARN, label)`.
pub type Choice = (String, String);

/// What an import gave, as the page shows it: worked out where the analysis runs, so that the
/// page only draws it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    /// The import's diagnostics, file by file.
    pub diagnostics: Vec<Problem>,
    /// How many accounts, users, roles, groups and managed policies were read.
    pub counts: [usize; 5],
    /// The accounts' IDs.
    pub account_ids: Vec<String>,
    /// Managed policies attached but not held.
    pub unresolved: Vec<Unresolved>,
    /// How many AWS managed policies came from the catalogue.
    pub from_catalogue: usize,
    /// Users and roles, as callers and principals.
    pub callers: Vec<Choice>,
    /// Roles, as masks.
    pub roles: Vec<Choice>,
    /// Whether the analysis has a view of the accounts (some account was read).
    pub analysed: bool,
}

impl Loaded {
    fn of(imported: &Import, view: Option<&View>) -> Self {
        let inventory = &imported.inventory;
        let count =
            |f: fn(&omen_core::import::AccountInventory) -> usize| inventory.accounts.iter().map(f).sum::<usize>();
        let diagnostics = imported
            .diagnostics
            .iter()
            .map(|d| Problem {
                file: d.file.clone(),
                line: d.line,
                column: d.column,
                pointer: d.pointer.clone(),
                error: d.severity == Severity::Error,
                code: d.code.to_string(),
                message: d.message.clone(),
                help: d.help.clone(),
            })
            .collect();
        let label = |node: &omen_core::reach::world_view::Node| {
            let kind = match node.kind {
                NodeKind::User => "user",
                NodeKind::Role => "role",
            };
            (node.arn.clone(), format!("{kind}/{} · {}", node.name, node.account))
        };
        let nodes = view.map(|view| view.nodes.as_slice()).unwrap_or_default();
        Self {
            diagnostics,
            counts: [
                inventory.accounts.len(),
                count(|a| a.users.len()),
                count(|a| a.roles.len()),
                count(|a| a.groups.len()),
                count(|a| a.policies.len()),
            ],
            account_ids: inventory.accounts.iter().map(|a| a.id.clone()).collect(),
            unresolved: imported
                .unresolved
                .iter()
                .map(|u| Unresolved { arn: u.arn.clone(), aws_managed: u.aws_managed })
                .collect(),
            from_catalogue: inventory.aws_managed_policies.iter().filter(|p| p.origin.file == "catalogue").count(),
            callers: nodes.iter().map(label).collect(),
            roles: nodes.iter().filter(|n| n.kind == NodeKind::Role).map(label).collect(),
            analysed: view.is_some(),
        }
    }
}

/// The analysis's state: the accounts and the questions not yet answered.
#[derive(Default)]
pub struct Analysis {
    accounts: Option<Accounts>,
    catalogue: Option<Catalogue>,
    import: Option<(u64, Vec<SentFile>)>,
    fetch: Option<CatalogueFetch>,
    /// A catalogue is being fetched: imports wait for it.
    fetching: bool,
    /// Answers ready before any work (the catalogue's).
    ready: Vec<Value>,
    who: Option<Question>,
    reach: Option<Question>,
    check: Option<WorldQuestion>,
    world: Option<WorldQuestion>,
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
        let seq = seq_of(message);
        match message.get("op").and_then(Value::as_str).unwrap_or_default() {
            "import" => {
                let files = message.get("files").cloned().unwrap_or_default();
                self.import = Some((seq, serde_json::from_value(files).unwrap_or_default()));
                self.forget_questions();
            }
            "catalogue" => {
                self.fetch = Some(CatalogueFetch {
                    seq,
                    reference: text_of(message, "serviceReference"),
                    policies: text_of(message, "managedPolicies"),
                });
            }
            "who" => self.who = Some(Question { seq, subject: text_of(message, "role") }),
            "reach" => self.reach = Some(Question { seq, subject: text_of(message, "principal") }),
            "check" => self.check = Some(WorldQuestion { seq, message: message.clone() }),
            "world" => self.world = Some(WorldQuestion { seq, message: message.clone() }),
            "graph" => self.graph = Some(GraphWork { seq, roles: Vec::new(), next: 0, edges: Vec::new() }),
            _ => {}
        }
    }

    fn forget_questions(&mut self) {
        self.who = None;
        self.reach = None;
        self.check = None;
        self.world = None;
        self.graph = None;
    }

    /// The catalogue to fetch, once asked for: the side that runs the analysis fetches it and
    /// hands it to [`Analysis::catalogue_read`].
    pub fn take_fetch(&mut self) -> Option<CatalogueFetch> {
        let fetch = self.fetch.take();
        self.fetching |= fetch.is_some();
        fetch
    }

    /// The catalogue asked for by question `seq`, read (or why not): later imports resolve AWS
    /// managed policies from it.
    pub fn catalogue_read(&mut self, seq: u64, read: Result<Catalogue, String>) {
        self.fetching = false;
        self.ready.push(match read {
            Ok(catalogue) => {
                let source = catalogue.source();
                self.catalogue = Some(catalogue);
                json!({"op": "catalogue", "seq": seq, "source": source})
            }
            Err(problem) => json!({"op": "catalogue", "seq": seq, "problem": problem}),
        });
    }

    /// Whether something is waiting to be worked out (an import waits while a catalogue is
    /// fetched: it goes on after [`Analysis::catalogue_read`]).
    pub fn busy(&self) -> bool {
        !self.ready.is_empty()
            || (self.import.is_some() && !self.fetching)
            || self.who.is_some()
            || self.reach.is_some()
            || self.check.is_some()
            || self.world.is_some()
            || self.graph.is_some()
    }

    /// Works out one thing — an import, else a who-can answer, a reach answer, a world to play,
    /// else a slice of the whole graph lasting about `slice_ms` (by `now`, in milliseconds; at
    /// least one role) — and returns the messages for the page.
    pub fn work(&mut self, now: &dyn Fn() -> f64, slice_ms: f64) -> Vec<Value> {
        if !self.ready.is_empty() {
            return std::mem::take(&mut self.ready);
        }
        if self.fetching && self.import.is_some() {
            return Vec::new();
        }
        if let Some((seq, files)) = self.import.take() {
            return vec![self.import(seq, &files)];
        }
        let view = self.accounts.as_ref().and_then(|a| a.view.as_ref());
        if let Some(question) = self.who.take() {
            let answer = view.map(|view| who_can_in(view, &question.subject));
            return vec![reply("who", question.seq, answer.map(|a| a.map(serde_json::to_value)))];
        }
        if let Some(question) = self.reach.take() {
            let answer = view.map(|view| reach_in(view, &question.subject));
            return vec![reply("reach", question.seq, answer.map(|a| a.map(serde_json::to_value)))];
        }
        if let Some(question) = self.check.take() {
            let mut answer = self.world_for(&question.message);
            if let Some(object) = answer.as_object_mut() {
                object.remove("world");
                object.insert("op".into(), json!("check"));
            }
            return vec![answer];
        }
        if let Some(question) = self.world.take() {
            return vec![self.world_for(&question.message)];
        }
        let Some(mut graph) = self.graph.take() else {
            return Vec::new();
        };
        let Some(view) = view else {
            return vec![json!({"op": "graph", "seq": graph.seq, "roles": 0, "edges": []})];
        };
        if graph.next == 0 && graph.roles.is_empty() {
            graph.roles = graph_roles(view);
        }
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

    /// Imports `files` (the AWS managed policies they lack from the catalogue, once read) and
    /// keeps what the questions need; the answer is what the page shows.
    fn import(&mut self, seq: u64, files: &[SentFile]) -> Value {
        let files: Vec<ImportFile<'_>> = files.iter().map(|f| ImportFile { name: &f.name, text: &f.text }).collect();
        // The page sends only files without credentials or kept by choice.
        let imported = match &self.catalogue {
            Some(catalogue) => {
                import(&files, &ImportOptions { secrets: SecretHandling::Keep, catalogue: &catalogue.lookup() })
            }
            None => import(&files, &ImportOptions { secrets: SecretHandling::Keep, catalogue: &NoCatalogue }),
        };
        let world = world_json(&imported.inventory, &WorldChoice::default()).unwrap_or_default();
        let view = if imported.inventory.accounts.is_empty() {
            None
        } else {
            World::from_json(&world.to_string()).ok().map(|world| View::new(&world))
        };
        let loaded = Loaded::of(&imported, view.as_ref());
        self.accounts = Some(Accounts { inventory: imported.inventory, world, view });
        json!({"op": "import", "seq": seq, "loaded": loaded})
    }

    /// The world to play that `message` asks for: the accounts with a caller, a role and how
    /// the role is taken, or with an answer's flow as the action.
    fn world_for(&self, message: &Value) -> Value {
        let seq = seq_of(message);
        let Some(accounts) = &self.accounts else {
            let problem = Text::new("no accounts loaded", "アカウントが読み込まれていません");
            return json!({"op": "world", "seq": seq, "problem": problem});
        };
        if let Some(flow) = message.get("flow") {
            // An edge that rests on changes the files do not hold plays on the world after them.
            let changes: Vec<WorldChange> =
                message.get("changes").and_then(|c| serde_json::from_value(c.clone()).ok()).unwrap_or_default();
            let changed = (!changes.is_empty()).then(|| World::from_value(&accounts.world).ok()).flatten();
            let mut world = match changed {
                Some(mut world) => {
                    apply_changes(&mut world, &changes);
                    world.to_value()
                }
                None => accounts.world.clone(),
            };
            if let Some(object) = world.as_object_mut() {
                object.insert("action".into(), flow.clone());
            }
            return json!({"op": "world", "seq": seq, "world": world});
        }
        let choice = WorldChoice {
            name: None,
            caller: Some(text_of(message, "caller")),
            role: Some(text_of(message, "role")),
            api: Some(text_of(message, "api")).filter(|api| !api.is_empty()),
        };
        match world_json(&accounts.inventory, &choice) {
            Ok(world) => json!({"op": "world", "seq": seq, "world": world}),
            Err(problem) => json!({"op": "world", "seq": seq, "problem": problem.message()}),
        }
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
    use omen_core::reach::{Reach, WhoCan};

    const ACCOUNT: &str = "210987654321";

    fn arn(kind: &str, name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:{kind}/{name}")
    }

    /// An account as `get-account-authorization-details` prints it: user i holds policies 2i and
    /// 2i+1, policy p allows `sts:AssumeRole` on role p mod `roles`, every role trusts its account.
    fn authorization_details(users: usize, roles: usize) -> String {
        let document = |statement: Value| json!({"Version": "2012-10-17", "Statement": [statement]});
        let users: Vec<Value> = (0..users)
            .map(|i| {
                let attached: Vec<Value> = [2 * i, 2 * i + 1]
                    .iter()
                    .map(|p| json!({"PolicyName": format!("policy-{p}"), "PolicyArn": arn("policy", &format!("policy-{p}"))}))
                    .collect();
                json!({"Path": "/", "UserName": format!("user-{i}"), "UserId": format!("AIDA{i:017}"),
                    "Arn": arn("user", &format!("user-{i}")), "GroupList": [], "AttachedManagedPolicies": attached})
            })
            .collect();
        let policies: Vec<Value> = (0..users.len() * 2)
            .map(|p| {
                let allow = json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": arn("role", &format!("role-{}", p % roles))});
                json!({"PolicyName": format!("policy-{p}"), "Arn": arn("policy", &format!("policy-{p}")), "Path": "/",
                    "DefaultVersionId": "v1",
                    "PolicyVersionList": [{"Document": document(allow), "VersionId": "v1", "IsDefaultVersion": true}]})
            })
            .collect();
        let roles: Vec<Value> = (0..roles)
            .map(|i| {
                let trust = json!({"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT}:root")}, "Action": "sts:AssumeRole"});
                json!({"Path": "/", "RoleName": format!("role-{i}"), "RoleId": format!("AROA{i:017}"), "Arn": arn("role", &format!("role-{i}")),
                    "AssumeRolePolicyDocument": document(trust), "InstanceProfileList": [], "RolePolicyList": [],
                    "AttachedManagedPolicies": []})
            })
            .collect();
        json!({"UserDetailList": users, "GroupDetailList": [], "RoleDetailList": roles, "Policies": policies})
            .to_string()
    }

    fn files(texts: &[(&str, String)]) -> Value {
        Value::Array(texts.iter().map(|(name, text)| json!({"name": name, "text": text})).collect())
    }

    fn all(analysis: &mut Analysis, slice_ms: f64) -> Vec<Value> {
        let mut out = Vec::new();
        while analysis.busy() {
            out.extend(analysis.work(&|| 0.0, slice_ms));
        }
        out
    }

    fn loaded(users: usize, roles: usize) -> Analysis {
        let mut analysis = Analysis::default();
        analysis.receive(
            &json!({"op": "import", "seq": 1, "files": files(&[("a.json", authorization_details(users, roles))])}),
        );
        let out = all(&mut analysis, 50.0);
        assert_eq!((out[0]["op"].as_str(), out[0]["seq"].as_u64()), (Some("import"), Some(1)));
        analysis
    }

    /// The world the core makes of the same file, for comparison.
    fn world_of(users: usize, roles: usize) -> World {
        let text = authorization_details(users, roles);
        let imported = import(&[ImportFile { name: "a.json", text: &text }], &ImportOptions::default());
        let world = world_json(&imported.inventory, &WorldChoice::default()).unwrap_or_default();
        World::from_json(&world.to_string()).unwrap()
    }

    #[test]
    fn an_import_answers_what_the_page_shows() {
        let mut analysis = Analysis::default();
        let damaged = r#"{"UserDetailList": [{"UserName": 7}], "RoleDetailList": "#;
        let sent = files(&[("a.json", authorization_details(3, 2)), ("damaged.json", damaged.to_string())]);
        analysis.receive(&json!({"op": "import", "seq": 4, "files": sent}));
        let out = all(&mut analysis, 50.0);
        let loaded: Loaded = serde_json::from_value(out[0]["loaded"].clone()).unwrap();
        // Accounts, users, roles, groups, managed policies: the damaged file loses nothing of the good one.
        assert_eq!(loaded.counts, [1, 3, 2, 0, 6]);
        assert_eq!(loaded.account_ids, vec![ACCOUNT.to_string()]);
        assert!(loaded.analysed);
        assert_eq!(loaded.callers.len(), 5);
        assert_eq!(
            loaded.roles,
            vec![
                (arn("role", "role-0"), format!("role/role-0 · {ACCOUNT}")),
                (arn("role", "role-1"), format!("role/role-1 · {ACCOUNT}"))
            ]
        );
        // The damaged file's problems keep their file, JSON pointer and line.
        let problems: Vec<&Problem> = loaded.diagnostics.iter().filter(|p| p.file == "damaged.json").collect();
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| p.line.is_some()));
        assert!(problems.iter().any(|p| p.pointer.as_deref() == Some("/UserDetailList/0/UserName")), "{problems:?}");
    }

    #[test]
    fn an_import_sent_while_the_catalogue_is_fetched_waits_for_it() {
        let mut analysis = Analysis::default();
        let message = json!({"op": "catalogue", "seq": 1, "serviceReference": "r", "managedPolicies": "p"});
        analysis.receive(&message);
        let fetch = analysis.take_fetch();
        assert_eq!(fetch.map(|f| (f.seq, f.reference, f.policies)), Some((1, "r".into(), "p".into())));
        analysis
            .receive(&json!({"op": "import", "seq": 2, "files": files(&[("a.json", authorization_details(2, 2))])}));
        assert!(!analysis.busy());
        assert_eq!(analysis.work(&|| 0.0, 50.0), Vec::<Value>::new());
        analysis.catalogue_read(1, Err("`p` answered 404".into()));
        let out = all(&mut analysis, 50.0);
        assert_eq!(out[0], json!({"op": "catalogue", "seq": 1, "problem": "`p` answered 404"}));
        assert_eq!((out[1]["op"].as_str(), out[1]["loaded"]["counts"][1].as_u64()), (Some("import"), Some(2)));
    }

    #[test]
    fn answers_who_can_and_reach_as_the_core_does() {
        let mut analysis = loaded(20, 20);
        analysis.receive(&json!({"op": "reach", "seq": 2, "principal": arn("user", "user-0")}));
        analysis.receive(&json!({"op": "who", "seq": 3, "role": arn("role", "role-7")}));
        let out = all(&mut analysis, 50.0);
        // Who-can first, whatever the order asked.
        assert_eq!((out[0]["op"].as_str(), out[0]["seq"].as_u64()), (Some("who"), Some(3)));
        let who: WhoCan = serde_json::from_value(out[0]["answer"].clone()).unwrap();
        let world = world_of(20, 20);
        assert_eq!(who, omen_core::reach::who_can(&world, &arn("role", "role-7")).unwrap());
        assert_eq!(who.can_assume.len(), 2);
        let reach: Reach = serde_json::from_value(out[1]["answer"].clone()).unwrap();
        assert_eq!(reach, omen_core::reach::reach(&world, &arn("user", "user-0")).unwrap());
    }

    #[test]
    fn a_newer_question_replaces_an_older_one_and_a_new_import_drops_both() {
        let mut analysis = loaded(10, 10);
        analysis.receive(&json!({"op": "who", "seq": 2, "role": arn("role", "role-1")}));
        analysis.receive(&json!({"op": "who", "seq": 4, "role": arn("role", "role-2")}));
        let out = all(&mut analysis, 50.0);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["seq"], 4);
        assert_eq!(out[0]["answer"]["role"], arn("role", "role-2"));
        analysis.receive(&json!({"op": "graph", "seq": 5}));
        analysis.receive(&json!({"op": "reach", "seq": 6, "principal": arn("user", "user-1")}));
        analysis.receive(&json!({"op": "import", "seq": 7, "files": []}));
        let out = all(&mut analysis, 50.0);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["op"], "import");
        assert_eq!(out[0]["loaded"]["analysed"], false);
    }

    #[test]
    fn a_role_that_is_not_there_is_a_problem() {
        let mut analysis = loaded(5, 5);
        analysis.receive(&json!({"op": "who", "seq": 2, "role": "arn:aws:iam::111122223333:role/none"}));
        let out = all(&mut analysis, 50.0);
        assert!(out[0]["problem"].as_str().unwrap_or_default().contains("no role"));
        let mut empty = Analysis::default();
        empty.receive(&json!({"op": "reach", "seq": 1, "principal": "x"}));
        assert_eq!(all(&mut empty, 50.0)[0]["problem"], "no accounts loaded");
    }

    #[test]
    fn the_world_to_play_is_checked_then_given_with_a_choice_or_a_flow() {
        let mut analysis = loaded(4, 3);
        let choice = json!({"caller": arn("user", "user-1"), "role": arn("role", "role-2"), "api": ""});
        let mut check = choice.clone();
        check["op"] = json!("check");
        check["seq"] = json!(2);
        analysis.receive(&check);
        let out = all(&mut analysis, 50.0);
        assert_eq!(out, vec![json!({"op": "check", "seq": 2})]);
        check["role"] = json!("role-9");
        analysis.receive(&check);
        let out = all(&mut analysis, 50.0);
        assert_eq!(out[0]["op"], "check");
        assert!(out[0]["problem"]["en"].as_str().unwrap_or_default().contains("`role-9`"), "{out:?}");
        let mut asked = choice;
        asked["op"] = json!("world");
        asked["seq"] = json!(3);
        analysis.receive(&asked);
        let out = all(&mut analysis, 50.0);
        let inventory =
            import(&[ImportFile { name: "a.json", text: &authorization_details(4, 3) }], &ImportOptions::default())
                .inventory;
        let choice = WorldChoice {
            name: None,
            caller: Some(arn("user", "user-1")),
            role: Some(arn("role", "role-2")),
            api: None,
        };
        assert_eq!(out[0]["world"], world_json(&inventory, &choice).unwrap());
        analysis.receive(&json!({"op": "world", "seq": 4, "flow": {"assumeRole": {}}}));
        let out = all(&mut analysis, 50.0);
        assert_eq!(out[0]["world"]["action"], json!({"assumeRole": {}}));
        assert_eq!(out[0]["world"]["roles"], world_json(&inventory, &WorldChoice::default()).unwrap()["roles"]);
        // With the changes an edge rests on: the world after them (here, a rewritten trust policy).
        let document = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": arn("user", "user-1")}, "Action": "sts:AssumeRole"}]});
        let change = json!({"kind": "updateAssumeRolePolicy", "target": arn("role", "role-2"), "document": document});
        analysis.receive(&json!({"op": "world", "seq": 5, "flow": {"assumeRole": {}}, "changes": [change]}));
        let out = all(&mut analysis, 50.0);
        let world = World::from_value(&out[0]["world"]).unwrap();
        let role = world.roles.iter().find(|r| r.arn.as_deref() == Some(arn("role", "role-2").as_str())).unwrap();
        let trust: Value = serde_json::from_str(role.trust_policy.as_ref().unwrap().as_str()).unwrap();
        assert_eq!(trust, document);
        assert_eq!(out[0]["world"]["action"], json!({"assumeRole": {}}));
        let others = |world: &World| world.roles.iter().filter(|r| r.arn != role.arn).cloned().collect::<Vec<_>>();
        assert_eq!(
            others(&world),
            others(&World::from_value(&world_json(&inventory, &WorldChoice::default()).unwrap()).unwrap())
        );
    }

    #[test]
    fn the_whole_graph_reports_progress_role_by_role_and_lets_questions_in_between() {
        let mut analysis = loaded(12, 9);
        analysis.receive(&json!({"op": "graph", "seq": 7}));
        // A zero-length slice does one role at a time.
        let first = analysis.work(&|| 0.0, 0.0);
        assert_eq!(first, vec![json!({"op": "progress", "seq": 7, "done": 1, "total": 9})]);
        analysis.receive(&json!({"op": "reach", "seq": 8, "principal": arn("user", "user-3")}));
        let next = analysis.work(&|| 0.0, 0.0);
        assert_eq!(next[0]["op"], "reach");
        let rest = all(&mut analysis, 0.0);
        let done: Vec<u64> = rest.iter().filter(|m| m["op"] == "progress").filter_map(|m| m["done"].as_u64()).collect();
        assert_eq!(done, (2..9).collect::<Vec<u64>>());
        let last = rest.last().cloned().unwrap_or_default();
        assert_eq!((last["op"].as_str(), last["roles"].as_u64()), (Some("graph"), Some(9)));
        // The edges are who-can's, role by role.
        let view = View::new(&world_of(12, 9));
        let expected: Vec<GraphEdge> =
            graph_roles(&view).iter().flat_map(|role| edges_into(&view, role).unwrap_or_default()).collect();
        let edges: Vec<GraphEdge> = serde_json::from_value(last["edges"].clone()).unwrap();
        assert_eq!(edges, expected);
        assert!(!edges.is_empty());
    }
}
