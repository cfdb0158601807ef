//! The workshop's checker, run in a Web Worker (the `omen-workshop` binary, which Trunk builds
//! into `dist/workshop/` and the page starts only when workshop mode opens): it reads the lessons
//! and challenges with omen-core's workshop module, checks tasks against the attendee's world
//! and grades challenges, so that none of that code is in the page's first load and no check
//! runs on the thread that handles keystrokes.
//!
//! Messages are JSON text, both ways:
//! - page → worker: `{"op":"material","lessons":[text…],"challenges":[text…]}`,
//!   `{"op":"check","seq":n,"lesson":id,"world":{…}}`, `{"op":"grade","seq":n,"challenge":id,"world":{…}}`,
//!   `{"op":"handout","seq":n,"world":{…},"lang":"ja","lesson":id?}`, `{"op":"cli","seq":n,"world":{…},"lang":…}`,
//!   `{"op":"placeholders","seq":n,"world":{…}}`, `{"op":"custom","seq":n,"text":…}` (a teacher's challenge),
//!   `{"op":"challenge-world","seq":n,"world":{…}}` (the world a teacher's challenge starts from),
//!   `{"op":"walk","seq":n,"world":{…},"lang":…}` (step through the evaluation),
//!   `{"op":"switch","seq":n,"world":{…},"lang":…}` (who must allow?),
//!   `{"op":"changes","seq":n,"before":{…},"world":{…},"lang":…}` (what changed?; instead of
//!   `before`, `"beforeStart":{"world":{…}}` or `{"preset":id}` names a lesson's starting world)
//! - worker → page: `{"op":"up"}` once it listens; `{"op":"ready","answers":{lesson:{prediction:[choice…]}},
//!   "invalid":[…]}`; `{"op":"check","seq":n,"lesson":id,"tasks":[{"id":…,"done":…}]}`;
//!   `{"op":"grade","seq":n,"challenge":id,"grade":{…}}` (omen-core's `Grade` as JSON);
//!   `{"op":"handout"|"cli","seq":n,"text":…}` (Markdown, a shell script); `{"op":"placeholders","seq":n,"world":{…}}`;
//!   `{"op":"custom","seq":n,"key":"link:<id>"}` or `{"op":"custom","seq":n,"problems":[…],"problemsJa":[…]}`;
//!   `{"op":"challenge-world","seq":n,"world":{…}}` (AWS managed policies attached by ARN);
//!   `{"op":"walk","seq":n,"steps":[{"id","title","verdict","gates":[…]}…],"failed":id?}`;
//!   `{"op":"switch","seq":n,"allowers":[{kind,words}…],"switches":[{"step","title","mark","caller","pointer",
//!   "sameAccount","options":[{form,formWords,principal,current,mustAllow,verdict,verdictWords,mark,said,world}…]}…],
//!   "why":[text…]}`; `{"op":"changes","seq":n,"succeededBefore","succeededAfter","newAccess",
//!   "changes":[{kind,id,title,before,after,beforeWords,afterWords,newAccess,gates:[…],causes:[…]}…]}`.

use std::collections::BTreeMap;

use omen_core::workshop::{self, Challenge, Lesson};
use serde_json::{json, Map, Value};

/// The lessons and challenges the worker was given, by id.
#[derive(Debug, Default)]
pub struct Material {
    lessons: BTreeMap<String, Lesson>,
    challenges: BTreeMap<String, Challenge>,
}

fn texts(message: &Value, key: &str) -> Vec<String> {
    message
        .get(key)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The reply to one message from the page, if it calls for one.
pub fn answer(material: &mut Material, message: &Value) -> Option<Value> {
    let seq = message.get("seq").cloned().unwrap_or(Value::Null);
    // The page's world may still wait for an AWS managed policy it attaches by ARN (the page
    // fills `ReadOnlyAccess` in from its lazily loaded catalogue): checked as it will be.
    let mut world = message.get("world").cloned().unwrap_or(Value::Null);
    workshop::managed::attach_all(&mut world);
    match message.get("op")?.as_str()? {
        "material" => {
            let mut invalid = Vec::new();
            let mut answers = Map::new();
            for text in texts(message, "lessons") {
                match Lesson::from_json(&text) {
                    Ok(lesson) => {
                        let right = workshop::prediction_answers(&lesson).unwrap_or_default();
                        answers.insert(lesson.id.clone(), json!(right));
                        material.lessons.insert(lesson.id.clone(), lesson);
                    }
                    Err(problems) => invalid.push(json!(problems.first().map(|p| p.message.clone()))),
                }
            }
            for text in texts(message, "challenges") {
                match Challenge::from_json(&text) {
                    Ok(challenge) => {
                        material.challenges.insert(challenge.id.clone(), challenge);
                    }
                    Err(problems) => invalid.push(json!(problems.first().map(|p| p.message.clone()))),
                }
            }
            Some(json!({"op": "ready", "answers": answers, "invalid": invalid}))
        }
        "check" => {
            let id = message.get("lesson")?.as_str()?;
            let lesson = material.lessons.get(id)?;
            let tasks: Vec<Value> = workshop::lesson_progress(lesson, &world)
                .into_iter()
                .map(|task| json!({"id": task.id, "done": task.done}))
                .collect();
            Some(json!({"op": "check", "seq": seq, "lesson": id, "tasks": tasks}))
        }
        "grade" => {
            let id = message.get("challenge")?.as_str()?;
            let challenge = material.challenges.get(id)?;
            let grade = serde_json::to_value(workshop::grade(challenge, &world)).ok()?;
            Some(json!({"op": "grade", "seq": seq, "challenge": id, "grade": grade}))
        }
        "handout" => {
            let lang = core_lang(message);
            let markdown = match message.get("lesson").and_then(Value::as_str).and_then(|id| material.lessons.get(id)) {
                Some(lesson) => workshop::lesson_markdown(lesson, &world, lang),
                None => workshop::world_markdown(&world, lang),
            };
            Some(json!({"op": "handout", "seq": seq, "text": markdown}))
        }
        "cli" => {
            let script = workshop::aws_cli_script(&world, core_lang(message));
            Some(json!({"op": "cli", "seq": seq, "text": script}))
        }
        "custom" => {
            // A teacher's challenge from a link (or written in the page): read, validated, and
            // kept under `link:<id>` so it never stands in for a challenge of the workshop.
            let text = message.get("text").and_then(Value::as_str).unwrap_or_default();
            // A starting world that cannot be played as it is is said too, in both languages.
            let read = Challenge::from_json(text).and_then(|challenge| {
                let problems = workshop::starting_world_problems(&challenge);
                if problems.is_empty() {
                    Ok(challenge)
                } else {
                    Err(problems)
                }
            });
            match read {
                Ok(challenge) => {
                    let key = format!("link:{}", challenge.id);
                    material.challenges.insert(key.clone(), challenge);
                    Some(json!({"op": "custom", "seq": seq, "key": key}))
                }
                Err(problems) => {
                    // Each in both languages: a problem with the world itself is said in Japanese
                    // too, so the Japanese page shows it so, even after a switch of language.
                    let said = |lang: workshop::Lang| -> Vec<String> {
                        problems
                            .iter()
                            .map(|problem| format!("{}: {}", problem.pointer, problem.message_in(lang)))
                            .collect()
                    };
                    Some(json!({
                        "op": "custom",
                        "seq": seq,
                        "problems": said(workshop::Lang::En),
                        "problemsJa": said(workshop::Lang::Ja),
                    }))
                }
            }
        }
        "challenge-world" => {
            // Written as the hand-written challenges are: AWS managed policies by ARN, never a
            // typed copy; one whose document was changed stays, as a customer managed copy.
            workshop::managed::attach_by_reference(&mut world);
            Some(json!({"op": "challenge-world", "seq": seq, "world": world}))
        }
        "walk" => {
            // Step through the evaluation: every step that evaluated a request, gate by gate,
            // in the language asked for.
            let lang = core_lang(message);
            let played = workshop::play_world(&world);
            let steps: Vec<Value> = played
                .steps
                .iter()
                .filter_map(|step| {
                    let walk = workshop::walk(step.response.as_ref()?);
                    let gates: Vec<Value> = walk
                        .gates
                        .iter()
                        .map(|gate| {
                            let policies: Vec<Value> = gate
                                .policies
                                .iter()
                                .map(|policy| {
                                    let statements: Vec<Value> = policy
                                        .statements
                                        .iter()
                                        .map(|statement| {
                                            json!({"name": statement.name, "effect": statement.effect,
                                                "applies": statement.applies, "said": statement.said.get(lang)})
                                        })
                                        .collect();
                                    json!({"name": policy.name, "result": policy.result, "statements": statements})
                                })
                                .collect();
                            json!({"kind": gate.kind, "title": gate.title.get(lang), "status": gate.status,
                                "statusWords": gate.status.words(lang), "said": gate.said.get(lang),
                                "cites": gate.cites, "policies": policies})
                        })
                        .collect();
                    Some(json!({"id": step.id, "title": step.title.get(lang), "verdict": step.verdict,
                        "verdictWords": step.verdict.words(lang), "mark": step.verdict.mark(), "gates": gates}))
                })
                .collect();
            Some(json!({"op": "walk", "seq": seq, "steps": steps, "failed": played.failed_step}))
        }
        "switch" => Some(switches(&world, core_lang(message), seq)),
        "changes" => {
            let lang = core_lang(message);
            let mut before = match message.get("beforeStart") {
                Some(start) => starting_world(start),
                None => message.get("before").cloned().unwrap_or(Value::Null),
            };
            workshop::managed::attach_all(&mut before);
            Some(changes(&before, &world, lang, seq))
        }
        "placeholders" => Some(json!({"op": "placeholders", "seq": seq, "world": workshop::with_placeholders(&world)})),
        _ => None,
    }
}

/// "Who must allow?": the principal switch of every step decided by a trust or resource-based
/// policy that names the caller, each form played, in `lang`; and why each other step has none.
fn switches(world: &Value, lang: workshop::Lang, seq: Value) -> Value {
    use workshop::Allower;
    let played = workshop::play_world(world);
    let mut found = Vec::new();
    let mut why = Vec::new();
    for step in played.steps.iter().filter(|step| step.response.is_some()) {
        match workshop::principal_switch(world, &step.id) {
            Ok(switch) => {
                let options: Vec<Value> = switch
                    .options
                    .iter()
                    .map(|option| {
                        json!({"form": option.form, "formWords": option.form.words(lang), "principal": option.principal,
                            "current": option.current, "mustAllow": option.must_allow, "verdict": option.verdict,
                            "verdictWords": option.verdict.words(lang), "mark": option.verdict.mark(),
                            "said": option.said.get(lang), "world": option.world})
                    })
                    .collect();
                found.push(json!({"step": switch.step, "title": step.title.get(lang), "mark": step.verdict.mark(),
                    "caller": switch.caller, "pointer": switch.pointer, "sameAccount": switch.same_account,
                    "options": options}));
            }
            Err(reason) => why.push(json!(format!("{}: {}", step.title.get(lang), reason.get(lang)))),
        }
    }
    let allowers: Vec<Value> =
        [Allower::ResourcePolicy, Allower::IdentityPolicies, Allower::PermissionsBoundary, Allower::SessionPolicy]
            .into_iter()
            .map(|allower| json!({"kind": allower, "words": allower.words(lang)}))
            .collect();
    json!({"op": "switch", "seq": seq, "allowers": allowers, "switches": found, "why": why})
}

/// The world a lesson's or challenge's start names: `{"world": …}`, or `{"preset": id}` for a
/// seed story (read from omen-core's stories; Null for an unknown one).
fn starting_world(start: &Value) -> Value {
    match (start.get("world"), start.get("preset").and_then(Value::as_str)) {
        (Some(world), _) => world.clone(),
        (None, Some(id)) => omen_core::flow::preset(id)
            .and_then(|preset| serde_json::from_str(preset.world_json).ok())
            .unwrap_or(Value::Null),
        (None, None) => Value::Null,
    }
}

/// "What changed?": `before` and `world` played and compared, in `lang`.
fn changes(before: &Value, world: &Value, lang: workshop::Lang, seq: Value) -> Value {
    let compared = workshop::what_changed(before, world);
    let words = |verdict: Option<workshop::Verdict>| match (verdict, lang) {
        (Some(verdict), _) => format!("{} {}", verdict.mark(), verdict.words(lang)),
        (None, workshop::Lang::En) => "— not there".to_owned(),
        (None, workshop::Lang::Ja) => "— なし".to_owned(),
    };
    let list: Vec<Value> = compared
        .changes
        .iter()
        .map(|change| {
            let gates: Vec<Value> = change
                .gates
                .iter()
                .map(|gate| {
                    json!({"kind": gate.kind, "title": gate.title.get(lang), "before": gate.before.words(lang),
                        "after": gate.after.words(lang)})
                })
                .collect();
            json!({"kind": change.kind, "id": change.id, "title": change.title.get(lang),
                "before": change.before, "after": change.after, "beforeWords": words(change.before),
                "afterWords": words(change.after), "newAccess": change.new_access, "gates": gates,
                "causes": change.causes})
        })
        .collect();
    json!({"op": "changes", "seq": seq, "succeededBefore": compared.succeeded_before,
        "succeededAfter": compared.succeeded_after, "newAccess": compared.new_access(), "changes": list})
}

/// The language a message asks for (`"lang": "ja"`; English otherwise).
fn core_lang(message: &Value) -> workshop::Lang {
    match message.get("lang").and_then(Value::as_str) {
        Some("ja") => workshop::Lang::Ja,
        _ => workshop::Lang::En,
    }
}

/// Listens for the page's messages in the worker's global scope, then says it is up.
pub fn run() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let mut material = Material::default();
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let Some(text) = event.data().as_string() else { return };
        let Ok(message) = serde_json::from_str::<Value>(&text) else { return };
        if let Some(reply) = answer(&mut material, &message) {
            let _ = reply_to.post_message(&JsValue::from_str(&reply.to_string()));
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    let _ = scope.post_message(&JsValue::from_str(r#"{"op":"up"}"#));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material() -> (Material, Value) {
        let mut material = Material::default();
        let lessons: Vec<&str> = omen_core::workshop::LESSON_FILES.iter().map(|(_, text)| *text).collect();
        let challenges: Vec<&str> = omen_core::workshop::CHALLENGE_FILES.iter().map(|(_, text)| *text).collect();
        let ready =
            answer(&mut material, &json!({"op": "material", "lessons": lessons, "challenges": challenges})).unwrap();
        (material, ready)
    }

    #[test]
    fn reads_the_material_and_answers_each_prediction() {
        let (material, ready) = material();
        assert_eq!(ready["op"], "ready");
        assert_eq!(ready["invalid"], json!([]));
        assert_eq!(material.lessons.len(), omen_core::workshop::LESSON_IDS.len());
        assert_eq!(material.challenges.len(), omen_core::workshop::CHALLENGE_IDS.len());
        // AmazonEC2FullAccess alone: the launch fails, at PassRole.
        assert_eq!(ready["answers"]["ec2-full-access"]["will-it-launch"], json!(["no"]));
    }

    #[test]
    fn checks_tasks_and_grades_against_the_world_sent() {
        let (mut material, _) = material();
        let lesson = omen_core::workshop::lesson("ec2-full-access").unwrap();
        let start = lesson.start_world().unwrap_or_default();
        let reply =
            answer(&mut material, &json!({"op": "check", "seq": 7, "lesson": "ec2-full-access", "world": start}))
                .unwrap();
        assert_eq!(reply["seq"], 7);
        assert_eq!(reply["tasks"][0]["done"], false);
        let solved = omen_core::workshop::patch::apply(&start, &lesson.tasks[0].solution).unwrap_or_default();
        let reply =
            answer(&mut material, &json!({"op": "check", "seq": 8, "lesson": "ec2-full-access", "world": solved}))
                .unwrap_or_default();
        assert_eq!(reply["tasks"][0]["done"], true);

        let challenge = omen_core::workshop::challenge("fix-lambda").unwrap();
        let world = challenge.start_world().unwrap_or_default();
        let reply = answer(&mut material, &json!({"op": "grade", "seq": 1, "challenge": "fix-lambda", "world": world}))
            .unwrap_or_default();
        assert_eq!(reply["grade"]["solved"], false);
        assert!(reply["grade"].get("code").is_none());
        assert!(answer(&mut material, &json!({"op": "grade", "challenge": "nope", "world": {}})).is_none());
        assert!(answer(&mut material, &json!({"op": "unknown"})).is_none());
    }

    // Issue 9: the page's world has its AWS managed policies filled in (ReadOnlyAccess perhaps
    // not yet); a challenge written from it attaches them by ARN as the hand-written ones do.
    #[test]
    fn a_challenge_world_attaches_aws_managed_policies_by_arn() {
        let (mut material, _) = material();
        // The seed story as the page holds it: its AWS managed policies written in at build time.
        let preset = omen_core::flow::preset("ec2-full-access-without-passrole").map(|p| p.world_json);
        let world: Value = serde_json::from_str(preset.unwrap_or_default()).unwrap_or_default();
        assert!(world.to_string().contains("awsManaged"));
        let reply =
            answer(&mut material, &json!({"op": "challenge-world", "seq": 2, "world": world})).unwrap_or_default();
        assert_eq!(reply["seq"], 2);
        let text = reply["world"].to_string();
        assert!(text.contains(r#""arn:aws:iam::aws:policy/AmazonEC2FullAccess""#), "{text}");
        assert!(!text.contains("awsManaged"), "{text}");
    }

    #[test]
    fn writes_handouts_scripts_and_placeholders_for_the_world_sent() {
        let (mut material, _) = material();
        let lesson = omen_core::workshop::lesson("ec2-full-access").unwrap();
        let world = lesson.start_world().unwrap_or_default();
        // A lesson's handout in Japanese: its title, then the world with its verdicts.
        let reply = answer(
            &mut material,
            &json!({"op": "handout", "seq": 3, "world": world, "lang": "ja", "lesson": "ec2-full-access"}),
        )
        .unwrap_or_default();
        assert_eq!(reply["seq"], 3);
        let text = reply["text"].as_str().unwrap_or_default();
        assert!(text.starts_with(&format!("# {}", lesson.title.ja)), "{text}");
        assert!(text.contains("フローはステップ"), "{text}");
        // The world alone in English, when no lesson is named.
        let reply = answer(&mut material, &json!({"op": "handout", "seq": 4, "world": world})).unwrap_or_default();
        assert!(reply["text"].as_str().unwrap_or_default().contains("The flow fails at step"));
        // AWS CLI: the commands that rebuild the roles.
        let reply = answer(&mut material, &json!({"op": "cli", "seq": 5, "world": world})).unwrap_or_default();
        assert!(reply["text"].as_str().unwrap_or_default().contains("aws iam create-role"));
        // Placeholders: no account id of the world is left.
        let reply = answer(&mut material, &json!({"op": "placeholders", "seq": 6, "world": world})).unwrap_or_default();
        let before = world.to_string();
        let after = reply["world"].to_string();
        assert_ne!(before, after);
        assert!(after.contains("111111111111"), "{after}");
    }

    #[test]
    fn walks_each_evaluated_step_gate_by_gate() {
        let (mut material, _) = material();
        let world = omen_core::workshop::lesson("ec2-full-access").unwrap().start_world().unwrap_or_default();
        let reply =
            answer(&mut material, &json!({"op": "walk", "seq": 9, "world": world, "lang": "ja"})).unwrap_or_default();
        assert_eq!(reply["failed"], "passRole");
        let steps = reply["steps"].as_array().cloned().unwrap_or_default();
        let pass_role = steps.iter().find(|step| step["id"] == "passRole").cloned().unwrap_or_default();
        assert_eq!(pass_role["verdict"], "implicitDeny");
        // The gates in AWS's order; the identity-based policies stop the request.
        let kinds: Vec<&str> =
            pass_role["gates"].as_array().into_iter().flatten().filter_map(|g| g["kind"].as_str()).collect();
        assert_eq!(kinds.first(), Some(&"explicitDeny"));
        let identity = pass_role["gates"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|g| g["kind"] == "identityPolicies")
            .cloned()
            .unwrap_or_default();
        assert_eq!(identity["status"], "stopped");
        assert_eq!(identity["statusWords"], "ここで止まる");
        assert_eq!(identity["policies"][0]["name"], "AmazonEC2FullAccess");
    }

    /// Role chaining (seed 001): both hops are decided by a trust policy naming the caller; the
    /// first hop's trust names alice, and naming her account instead needs an identity-based
    /// policy she lacks ("Policy evaluation logic").
    #[test]
    fn switches_the_principal_of_each_trust_policy() {
        let (mut material, _) = material();
        let world: Value =
            serde_json::from_str(omen_core::flow::preset("role-chaining").map(|p| p.world_json).unwrap_or_default())
                .unwrap_or_default();
        let reply =
            answer(&mut material, &json!({"op": "switch", "seq": 5, "world": world, "lang": "ja"})).unwrap_or_default();
        assert_eq!(reply["seq"], 5);
        assert_eq!(reply["allowers"].as_array().map(Vec::len), Some(4));
        let hop1 =
            reply["switches"].as_array().and_then(|s| s.iter().find(|s| s["step"] == "hop1.assumeRole")).cloned();
        let hop1 = hop1.unwrap_or_default();
        assert_eq!(hop1["pointer"], "/roles/0/trustPolicy");
        let forms: Vec<(&str, bool, &str)> = hop1["options"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| {
                (
                    o["form"].as_str().unwrap_or_default(),
                    o["current"] == true,
                    o["verdict"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(forms, vec![("userArn", true, "allowed"), ("accountRoot", false, "implicitDeny")]);
        assert_eq!(
            hop1["options"][1]["mustAllow"],
            json!(["resourcePolicy", "identityPolicies", "permissionsBoundary", "sessionPolicy"])
        );
        assert_eq!(hop1["options"][0]["formWords"], "ユーザーの ARN");
    }

    /// The seed launch without PassRole, then with it: PassRole turns allowed (new access), and
    /// the cause is a statement that now applies.
    #[test]
    fn compares_two_worlds_with_their_causes() {
        let (mut material, _) = material();
        let preset = |id: &str| -> Value {
            serde_json::from_str(omen_core::flow::preset(id).map(|p| p.world_json).unwrap_or_default())
                .unwrap_or_default()
        };
        let (before, after) = (preset("ec2-full-access-without-passrole"), preset("ec2-passrole-exact-role"));
        let reply =
            answer(&mut material, &json!({"op": "changes", "seq": 6, "before": before, "world": after, "lang": "en"}))
                .unwrap_or_default();
        assert_eq!((reply["succeededBefore"].clone(), reply["succeededAfter"].clone()), (json!(false), json!(true)));
        let pass_role = reply["changes"].as_array().and_then(|c| c.iter().find(|c| c["id"] == "passRole")).cloned();
        let pass_role = pass_role.unwrap_or_default();
        assert_eq!(pass_role["newAccess"], true);
        assert_eq!(pass_role["beforeWords"], "✗ denied (nothing allows it)");
        assert_eq!(pass_role["causes"][0]["nowApplies"], true);
        // The gate that stopped the request before lets it through now.
        let identity =
            pass_role["gates"].as_array().and_then(|g| g.iter().find(|g| g["kind"] == "identityPolicies")).cloned();
        assert_eq!(
            identity.map(|g| (g["before"].clone(), g["after"].clone())),
            Some((json!("stopped here"), json!("passed")))
        );
    }

    /// A lesson that starts from a seed story (`{"preset": id}`): what changed is counted from
    /// the story itself, and the same world compared with it shows no change.
    #[test]
    fn compares_with_a_lesson_start_that_names_a_seed_story() {
        let (mut material, _) = material();
        let id = "ec2-full-access-without-passrole";
        let world: Value = serde_json::from_str(omen_core::flow::preset(id).map(|p| p.world_json).unwrap_or_default())
            .unwrap_or_default();
        let same = answer(
            &mut material,
            &json!({"op": "changes", "seq": 1, "beforeStart": {"preset": id}, "world": world, "lang": "ja"}),
        )
        .unwrap_or_default();
        assert_eq!(same["changes"], json!([]));
        assert_eq!((same["succeededBefore"].clone(), same["succeededAfter"].clone()), (json!(false), json!(false)));
        let after: Value = serde_json::from_str(
            omen_core::flow::preset("ec2-passrole-exact-role").map(|p| p.world_json).unwrap_or_default(),
        )
        .unwrap_or_default();
        let changed = answer(
            &mut material,
            &json!({"op": "changes", "seq": 2, "beforeStart": {"world": world}, "world": after, "lang": "ja"}),
        )
        .unwrap_or_default();
        assert_eq!(changed["succeededAfter"], true);
        assert_eq!(changed["newAccess"].as_u64().map(|n| n > 0), Some(true), "{changed}");
    }

    #[test]
    fn keeps_a_teachers_challenge_apart_and_grades_it() {
        let (mut material, _) = material();
        // A teacher's copy of fix-lambda under the same id: kept as `link:fix-lambda`.
        let text = omen_core::workshop::CHALLENGE_FILES
            .iter()
            .find(|(id, _)| *id == "fix-lambda")
            .map(|(_, text)| *text)
            .unwrap_or_default();
        let reply = answer(&mut material, &json!({"op": "custom", "seq": 2, "text": text})).unwrap_or_default();
        assert_eq!(reply["key"], "link:fix-lambda");
        let world = omen_core::workshop::challenge("fix-lambda").unwrap().start_world().unwrap_or_default();
        let reply =
            answer(&mut material, &json!({"op": "grade", "seq": 3, "challenge": "link:fix-lambda", "world": world}))
                .unwrap_or_default();
        assert_eq!(reply["grade"]["solved"], false);
        // A file that is not a challenge says what is wrong, where.
        let reply =
            answer(&mut material, &json!({"op": "custom", "seq": 4, "text": "{\"id\": \"x\"}"})).unwrap_or_default();
        assert!(reply.get("key").is_none());
        assert!(!reply["problems"].as_array().map(Vec::is_empty).unwrap_or(true), "{reply}");
        // Issue 7: a problem with the challenge's world itself comes in both languages.
        let mut broken: Value = serde_json::from_str(text).unwrap_or_default();
        broken["world"]["roles"][0]["maxSessionDuration"] = json!(60);
        let reply =
            answer(&mut material, &json!({"op": "custom", "seq": 5, "text": broken.to_string()})).unwrap_or_default();
        let said = |key: &str| reply[key].as_array().cloned().unwrap_or_default();
        assert!(
            said("problems").iter().any(|p| p.as_str().is_some_and(|p| p.contains("must be from 3600"))),
            "{reply}"
        );
        let ja = said("problemsJa");
        assert!(
            ja.iter().any(|p| p.as_str().is_some_and(|p| p.ends_with(
                "このワールドはこのままでは再生できません: `maxSessionDuration` は 3600 から 43200 秒の範囲で指定します (60 ではなく)"
            ))),
            "{reply}"
        );
        assert_eq!(ja.len(), said("problems").len());
    }
}
