//! The reach test worlds of `tests/reach/`: one per escalation family, each answered by
//! `omen_core::reach` and compared with the expectation written in the file, then its negative
//! twin (the same world with one thing changed) and the twin's expectation. A world attaches
//! AWS managed policies by ARN, as AWS does; they are filled in from the managed-policy catalogue
//! (AWS's current default version), as `omen` and the page's import fill in the ones a file
//! attaches but does not hold.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a panic is a failing test"
)]

use omen_core::reach;
use omen_core::reach::World;
use omen_core::vocabulary::{attach_managed_policies, ManagedCatalogue, ManagedPolicies, ServiceReference};
use serde_json::{json, Value};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/reach")
}

/// Apply RFC 6902 `add`, `replace` and `remove` operations (`/-` appends).
fn patch(world: &mut Value, operations: &[Value]) {
    for operation in operations {
        let path = operation["path"].as_str().unwrap();
        let (parent, last) = path.rsplit_once('/').unwrap();
        let last = last.replace("~1", "/").replace("~0", "~");
        let target = world.pointer_mut(parent).unwrap_or_else(|| panic!("no `{parent}`"));
        match (operation["op"].as_str().unwrap(), target) {
            ("remove", Value::Array(items)) => {
                items.remove(last.parse::<usize>().unwrap());
            }
            ("remove", Value::Object(map)) => {
                map.remove(&last).unwrap();
            }
            ("add", Value::Array(items)) if last == "-" => items.push(operation["value"].clone()),
            ("add" | "replace", Value::Array(items)) => {
                items[last.parse::<usize>().unwrap()] = operation["value"].clone()
            }
            ("add" | "replace", Value::Object(map)) => {
                map.insert(last, operation["value"].clone());
            }
            (op, target) => panic!("cannot `{op}` at `{path}` in {target}"),
        }
    }
}

fn keys(conditions: &Value) -> Vec<String> {
    let mut keys: Vec<String> =
        conditions.as_array().into_iter().flatten().map(|c| c["key"].as_str().unwrap().to_string()).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// `world` with the AWS managed policies it attaches by ARN filled in from the catalogue; every
/// one must resolve.
fn with_managed_policies(world: &Value) -> Value {
    let reference = ServiceReference::parse(omen_catalogue::SERVICE_REFERENCE).expect("the service reference");
    let policies = ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).expect("the managed-policy catalogue");
    let mut world = world.clone();
    let unresolved =
        attach_managed_policies(&mut world, Some(ManagedCatalogue { policies: &policies, reference: &reference }));
    assert!(unresolved.is_empty(), "unresolved AWS managed policies: {unresolved:?}");
    world
}

/// The answer, cut down to what the expectations state.
fn answer(world: &Value, question: &Value, expect: &Value) -> Value {
    let world = World::from_json(&with_managed_policies(world).to_string()).unwrap();
    if let Some(principal) = question["reach"].as_str() {
        let answer = reach::reach_json(&reach::reach(&world, principal).unwrap());
        let with_keys = expect["reaches"].as_array().unwrap().iter().any(|r| r.get("conditionKeys").is_some());
        // The kinds of the changes to the world the path's edges rest on, in order.
        let with_changes = expect["reaches"].as_array().unwrap().iter().any(|r| r.get("changes").is_some());
        let mut reaches: Vec<Value> = answer["reaches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let path = r["path"].as_array().unwrap();
                let mut out = json!({
                    "role": r["role"],
                    "via": path.iter().map(|h| h["via"].clone()).collect::<Vec<_>>(),
                    "conditional": r["conditional"],
                });
                if with_keys {
                    let all: Vec<Value> =
                        path.iter().flat_map(|h| h["conditions"].as_array().unwrap().clone()).collect();
                    out["conditionKeys"] = json!(keys(&Value::Array(all)));
                }
                if with_changes {
                    let kinds: Vec<Value> = path
                        .iter()
                        .flat_map(|h| h.get("changes").and_then(Value::as_array).cloned().unwrap_or_default())
                        .map(|c| c["kind"].clone())
                        .collect();
                    out["changes"] = json!(kinds);
                }
                out
            })
            .collect();
        reaches.sort_by_key(|r| r["role"].to_string());
        json!({"reaches": reaches, "admin": answer["admin"]})
    } else {
        let role = question["whoCan"].as_str().unwrap();
        let answer = reach::who_can_json(&reach::who_can(&world, role).unwrap());
        let mut assume: Vec<Value> = answer["canAssume"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json!({"principal": c["principal"], "conditional": c["conditional"], "conditionKeys": keys(&c["conditions"])}))
            .collect();
        assume.sort_by_key(|c| c["principal"].to_string());
        let mut pass: Vec<Value> = answer["canPass"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json!({"principal": c["principal"], "services": c["services"], "usefulServices": c["usefulServices"]}))
            .collect();
        pass.sort_by_key(|c| c["principal"].to_string());
        json!({"canAssume": assume, "canPass": pass})
    }
}

fn sorted(expect: &Value) -> Value {
    let mut expect = expect.clone();
    for (list, key) in [("reaches", "role"), ("canAssume", "principal"), ("canPass", "principal")] {
        if let Some(items) = expect.get_mut(list).and_then(Value::as_array_mut) {
            items.sort_by_key(|i| i[key].to_string());
        }
    }
    expect
}

#[test]
fn every_family_and_its_negative_twin() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "only {} reach worlds", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(case["cite"].as_str().is_some_and(|c| !c.is_empty()), "{name}: no cite");
        let twin = &case["twin"];
        assert!(twin["about"].as_str().is_some_and(|c| !c.is_empty()), "{name}: the twin says not what differs");
        let got = answer(&case["world"], &case["question"], &case["expect"]);
        if got != sorted(&case["expect"]) {
            failures.push(format!("{name}:\n  expected {}\n  got      {got}", sorted(&case["expect"])));
        }
        let mut world = case["world"].clone();
        patch(&mut world, twin["patch"].as_array().unwrap());
        assert_ne!(world, case["world"], "{name}: the twin is the same world");
        let got = answer(&world, &case["question"], &twin["expect"]);
        if got != sorted(&twin["expect"]) {
            failures.push(format!(
                "{name} (twin: {}):\n  expected {}\n  got      {got}",
                twin["about"],
                sorted(&twin["expect"])
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} worlds differ:\n{}", failures.len(), files.len() * 2, failures.join("\n"));
}

/// The generated account of the benchmark (500 users, 500 roles, 1,000 policies): its
/// administrator reaches every role but the service-linked one, and may assume a role trusted by
/// the account (`:root` trust: the identity side decides, and `*` allows it).
#[test]
fn generated_account_at_scale() {
    use omen_core::reach::synthetic;
    let world = synthetic::account(500, 500, 1_000);
    assert_eq!((world.users.len(), world.roles.len()), (500, 501));
    let admin = reach::reach(&world, &synthetic::user_arn(0)).unwrap();
    assert!(admin.admin);
    assert_eq!(admin.reaches.len(), 500);
    assert!(admin.reaches.iter().all(|r| !r.role.contains("aws-service-role")));
    // Role 7 trusts its account (`7 % 3 == 1`), so the identity side decides. User 0 holds
    // `*`. Policy i with `i % 5 == 4` allows sts:AssumeRole on role `(13 i + 5) % 500` with MFA:
    // 13 i + 5 = 7 (mod 500) gives i = 154 and 654, held by users 77 (2 i) and 327 (2 i) and by
    // role 354 (i + 300 and i + 800): conditional on aws:MultiFactorAuthPresent.
    let who = reach::who_can(&world, &synthetic::role_arn(7)).unwrap();
    let mut got: Vec<(String, bool)> =
        who.can_assume.iter().map(|c| (c.principal.clone(), c.dependence.conditional)).collect();
    got.sort();
    let mut expected = vec![
        (synthetic::user_arn(0), false),
        (synthetic::user_arn(77), true),
        (synthetic::user_arn(327), true),
        (synthetic::role_arn(354), true),
    ];
    expected.sort();
    assert_eq!(got, expected);
    for conditional in who.can_assume.iter().filter(|c| c.dependence.conditional) {
        assert_eq!(conditional.dependence.conditions[0].key, "aws:MultiFactorAuthPresent");
    }
}

/// The families of changes a principal makes to its own permissions.
const CHANGES: [&str; 4] =
    ["add-user-to-group", "set-default-policy-version", "delete-permissions-boundary", "put-permissions-boundary"];

/// Every `sts:AssumeRole` edge the analysis finds, and every `iam:UpdateAssumeRolePolicy` edge,
/// carries a flow the playground can play: the request names a role session ("AssumeRole", AWS
/// STS API Reference: `RoleSessionName` is required), so STS's parameter check never refuses it,
/// and a certain edge succeeds when played (the flow asks the same evaluator the same question).
/// An edge taken after a change to the principal's own permissions (joining a group, lifting a
/// boundary, …), or after a rewrite of the trust policy, carries the changes: the loaded world
/// does not hold them, so the flow plays on the world after them (`reach::apply_changes`).
#[test]
fn every_assume_role_edge_plays_as_a_flow() {
    let mut played = 0;
    let mut failures = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let filled = with_managed_policies(&case["world"]);
        let world = World::from_json(&filled.to_string()).unwrap();
        let mut edges: Vec<(Value, Vec<reach::WorldChange>, bool)> = Vec::new();
        if let Some(principal) = case["question"]["reach"].as_str() {
            let answer = reach::reach(&world, principal).unwrap();
            for reached in &answer.reaches {
                let path = &reached.path;
                for (index, hop) in path.iter().enumerate() {
                    let changed = path[..index].iter().any(|h| CHANGES.contains(&h.family.as_ref()));
                    let rewrite = hop.via == "iam:UpdateAssumeRolePolicy";
                    // An administrator's edge rewrites the role's trust (and first its own
                    // permissions, or those of the principal in hand that holds the power: then
                    // the flow acts as that one), and always has a flow.
                    let admin = hop.via == "administrator";
                    assert!(!admin || hop.flow.is_object(), "{name}: an administrator's edge without a flow");
                    assert_eq!(changed || rewrite || admin, !hop.changes.is_empty(), "{name}: {hop:?}");
                    if hop.via == "sts:AssumeRole" || rewrite || admin {
                        edges.push((hop.flow.clone(), hop.changes.clone(), !hop.dependence.conditional));
                    }
                }
            }
        }
        if let Some(role) = case["question"]["whoCan"].as_str() {
            let answer = reach::who_can_json(&reach::who_can(&world, role).unwrap());
            for can in answer["canAssume"].as_array().unwrap() {
                edges.push((can["flow"].clone(), Vec::new(), !can["conditional"].as_bool().unwrap()));
            }
        }
        for (flow, changes, certain) in edges {
            let mut world = World::from_json(&filled.to_string()).unwrap();
            reach::apply_changes(&mut world, &changes);
            let mut world = world.to_value();
            world["action"] = flow.clone();
            let result = omen_core::flow::play(&World::from_json(&world.to_string()).unwrap());
            played += 1;
            if result.error_code.as_deref() == Some("ValidationError") || (certain && !result.succeeded) {
                failures.push(format!("{name}: {flow} → {:?} {:?}", result.failed_step, result.error_code));
            }
        }
    }
    assert!(played >= 10, "only {played} AssumeRole edges played");
    assert!(failures.is_empty(), "{} of {played} flows fail:\n{}", failures.len(), failures.join("\n"));
}

/// The whole graph is who-can's answer for every role but the service-linked ones: each
/// principal that may assume the role, and each that may pass it to a service its trust accepts.
#[test]
fn the_whole_graph_is_who_can_for_every_role() {
    use omen_core::reach::{edges_into, graph_roles, synthetic, world_view::View};
    let world = synthetic::account(60, 60, 120);
    let view = View::new(&world);
    let roles = graph_roles(&view);
    assert_eq!(roles.len(), 60, "the service-linked role is left out");
    let mut edges = 0;
    for role in &roles {
        let into = edges_into(&view, role).unwrap();
        let who = reach::who_can(&world, role).unwrap();
        let useful = who.can_pass.iter().filter(|p| !p.useful_services.is_empty()).count();
        assert_eq!(into.len(), who.can_assume.len() + useful, "{role}");
        for (edge, assume) in into.iter().zip(&who.can_assume) {
            assert_eq!(
                (edge.via.as_ref(), &edge.from, edge.conditional),
                ("sts:AssumeRole", &assume.principal, assume.dependence.conditional)
            );
        }
        edges += into.len();
    }
    assert!(edges > roles.len(), "{edges} edges");
}

/// Each kind of change an edge rests on, from its family's world: the edge's flow fails on the
/// world as loaded (the change is not in it) and is allowed on the world after the change, and
/// the change names the principal the analysis assumed (for a trust rewrite, the minimal trust
/// policy naming it).
#[test]
fn an_edge_after_a_change_plays_on_the_changed_world() {
    let cases = [
        ("add-user-to-group.json", "addUserToGroup"),
        ("set-default-policy-version.json", "setDefaultPolicyVersion"),
        ("delete-user-permissions-boundary.json", "deletePermissionsBoundary"),
        ("delete-role-permissions-boundary.json", "deletePermissionsBoundary"),
        ("put-user-permissions-boundary.json", "putPermissionsBoundary"),
        ("put-role-permissions-boundary.json", "putPermissionsBoundary"),
        ("update-assume-role-policy.json", "updateAssumeRolePolicy"),
        ("administrator.json", "updateAssumeRolePolicy"),
        ("rewrite-permissions-put-user-policy.json", "rewritePermissions"),
        ("rewrite-permissions-attach-user-policy.json", "rewritePermissions"),
        ("rewrite-permissions-put-group-policy.json", "rewritePermissions"),
        ("rewrite-permissions-attach-group-policy.json", "rewritePermissions"),
        ("rewrite-permissions-create-policy-version.json", "rewritePermissions"),
        ("rewrite-permissions-attach-role-policy.json", "rewritePermissions"),
    ];
    for (file, kind) in cases {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(dir().join(file)).unwrap()).unwrap();
        let filled = with_managed_policies(&case["world"]);
        let world = World::from_json(&filled.to_string()).unwrap();
        let answer = reach::reach(&world, case["question"]["reach"].as_str().unwrap()).unwrap();
        let target = answer.reaches.iter().find(|r| r.role.ends_with(":role/target")).unwrap();
        let hop = target.path.last().unwrap();
        let changes = serde_json::to_value(&hop.changes).unwrap();
        assert_eq!(changes[0]["kind"], kind, "{file}: {changes}");
        assert!(hop.flow.is_object(), "{file}: the edge has no flow");
        let play = |world: &World| {
            let mut world = world.to_value();
            world["action"] = hop.flow.clone();
            omen_core::flow::play(&World::from_json(&world.to_string()).unwrap())
        };
        assert!(!play(&world).succeeded, "{file}: the loaded world already allows {}", hop.flow);
        let mut changed = world.clone();
        reach::apply_changes(&mut changed, &hop.changes);
        let result = play(&changed);
        assert!(
            result.succeeded,
            "{file}: {changes} then {} → {:?} {:?}",
            hop.flow, result.failed_step, result.error_code
        );
        // The change is made to the principal the edge starts from (its role, for a session),
        // or to its group or policy; a trust rewrite names it, and only it.
        let from = &hop.from;
        for change in &hop.changes {
            match change {
                reach::WorldChange::UpdateAssumeRolePolicy { target, document } => {
                    assert_eq!(target, &hop.to);
                    assert_eq!(document["Statement"][0]["Principal"]["AWS"], json!(from), "{file}");
                    assert_eq!(document["Statement"].as_array().unwrap().len(), 1, "{file}: not the minimal trust");
                }
                reach::WorldChange::RewritePermissions { call, target, .. } => {
                    let own = target == from || target.contains(":group/") || target.contains(":policy/");
                    assert!(own && call.starts_with("iam:"), "{file}: {change:?}");
                }
                change => assert_eq!(change.target(), from, "{file}"),
            }
        }
    }
}

/// An administrator's edge when the power lies in another principal in hand, whose permissions
/// were rewritten ("Adding and removing IAM identity permissions"): the flow acts as that one —
/// a role as the second hop of a chain after the `sts:AssumeRole` that put it on ("Methods to
/// assume a role": role chaining), else (the role asked about) through its session, a user
/// directly (its credentials are in hand). The flow is
/// refused on the world as loaded and allowed after the changes: the rewrite of that principal's
/// permissions, then the role's trust policy rewritten to name it (and only it).
#[test]
fn an_administrator_edge_plays_as_the_principal_whose_permissions_it_rewrote() {
    // (world, the flow's caller, the role assumed first when the flow is a chain, the changes)
    let cases = [
        (
            "rewrite-permissions-assumed-role.json",
            "user/dev",
            Some("role/hop"),
            vec![("rewritePermissions", "role/hop"), ("updateAssumeRolePolicy", "role/target")],
        ),
        (
            "rewrite-permissions-rewritten-trust.json",
            "user/dev",
            Some("role/hop"),
            vec![
                ("updateAssumeRolePolicy", "role/hop"),
                ("rewritePermissions", "role/hop"),
                ("updateAssumeRolePolicy", "role/target"),
            ],
        ),
        (
            "rewrite-permissions-taken-over-user.json",
            "user/ops",
            None,
            vec![("rewritePermissions", "user/ops"), ("updateAssumeRolePolicy", "role/target")],
        ),
        (
            "rewrite-permissions-of-the-calling-role.json",
            "assumed-role/hop/omen-reach",
            None,
            vec![("rewritePermissions", "role/hop"), ("updateAssumeRolePolicy", "role/target")],
        ),
        (
            "rewrite-permissions-of-the-caller.json",
            "user/dev",
            None,
            vec![("rewritePermissions", "user/dev"), ("updateAssumeRolePolicy", "role/target")],
        ),
    ];
    for (file, caller, first, kinds) in cases {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(dir().join(file)).unwrap()).unwrap();
        let filled = with_managed_policies(&case["world"]);
        let world = World::from_json(&filled.to_string()).unwrap();
        let answer = reach::reach(&world, case["question"]["reach"].as_str().unwrap()).unwrap();
        assert!(answer.admin, "{file}");
        let target = answer.reaches.iter().find(|r| r.role.ends_with(":role/target")).unwrap();
        let hop = target.path.last().unwrap();
        assert_eq!(hop.via, "administrator", "{file}");
        let flow = &hop.flow;
        assert!(flow["assumeRole"]["caller"].as_str().unwrap().ends_with(caller), "{file}: {flow}");
        match first {
            Some(first) => {
                assert!(flow["assumeRole"]["role"].as_str().unwrap().ends_with(first), "{file}: {flow}");
                assert_eq!(flow["chain"].as_array().unwrap().len(), 1, "{file}: {flow}");
                assert_eq!(flow["chain"][0]["role"], json!(target.role), "{file}: {flow}");
                assert_eq!(flow["chain"][0]["roleSessionName"], "omen-reach", "{file}: {flow}");
            }
            None => {
                assert_eq!(flow["assumeRole"]["role"], json!(target.role), "{file}: {flow}");
                assert!(flow.get("chain").is_none(), "{file}: {flow}");
            }
        }
        let changes = serde_json::to_value(&hop.changes).unwrap();
        let got: Vec<(String, String)> = changes
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["kind"].as_str().unwrap().to_string(), c["target"].as_str().unwrap().to_string()))
            .collect();
        assert_eq!(got.len(), kinds.len(), "{file}: {changes}");
        for ((kind, target), (want_kind, want_target)) in got.iter().zip(&kinds) {
            assert!(kind == want_kind && target.ends_with(want_target), "{file}: {changes}");
        }
        // The last change names the principal the flow acts as at its last hop, and only it.
        let acting = match (first, caller.split_once("assumed-role/")) {
            (Some(role), _) => format!("arn:aws:iam::111122223333:{role}"),
            (None, Some((_, session))) => {
                format!("arn:aws:iam::111122223333:role/{}", session.split('/').next().unwrap())
            }
            (None, None) => format!("arn:aws:iam::111122223333:{caller}"),
        };
        let trust = &changes[kinds.len() - 1]["document"];
        assert_eq!(trust["Statement"][0]["Principal"]["AWS"], json!(acting), "{file}");
        assert_eq!(trust["Statement"].as_array().unwrap().len(), 1, "{file}: not the minimal trust");
        let play = |world: &World| {
            let mut world = world.to_value();
            world["action"] = hop.flow.clone();
            omen_core::flow::play(&World::from_json(&world.to_string()).unwrap())
        };
        assert!(!play(&world).succeeded, "{file}: the loaded world already allows {flow}");
        let mut changed = world.clone();
        reach::apply_changes(&mut changed, &hop.changes);
        let result = play(&changed);
        assert!(result.succeeded, "{file}: {changes} then {flow} → {:?} {:?}", result.failed_step, result.error_code);
        // Its negative twin has no such edge: nobody reaches target.
        let mut twin = case["world"].clone();
        patch(&mut twin, case["twin"]["patch"].as_array().unwrap());
        let twin = World::from_json(&with_managed_policies(&twin).to_string()).unwrap();
        let answer = reach::reach(&twin, case["question"]["reach"].as_str().unwrap()).unwrap();
        assert!(!answer.admin && answer.reaches.iter().all(|r| !r.role.ends_with(":role/target")), "{file}: twin");
    }
}
