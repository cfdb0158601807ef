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
//!   `{"op":"walk","seq":n,"world":{…},"lang":…}` (step through the evaluation)
//! - worker → page: `{"op":"up"}` once it listens; `{"op":"ready","answers":{lesson:{prediction:[choice…]}},
//!   "invalid":[…]}`; `{"op":"check","seq":n,"lesson":id,"tasks":[{"id":…,"done":…}]}`;
//!   `{"op":"grade","seq":n,"challenge":id,"grade":{…}}` (omen-core's `Grade` as JSON);
//!   `{"op":"handout"|"cli","seq":n,"text":…}` (Markdown, a shell script); `{"op":"placeholders","seq":n,"world":{…}}`;
//!   `{"op":"custom","seq":n,"key":"link:<id>"}` or `{"op":"custom","seq":n,"problems":[…]}`;
//!   `{"op":"walk","seq":n,"steps":[{"id","title","verdict","gates":[…]}…],"failed":id?}`.

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
    let world = message.get("world").cloned().unwrap_or(Value::Null);
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
            match Challenge::from_json(text) {
                Ok(challenge) => {
                    let key = format!("link:{}", challenge.id);
                    material.challenges.insert(key.clone(), challenge);
                    Some(json!({"op": "custom", "seq": seq, "key": key}))
                }
                Err(problems) => {
                    let problems: Vec<String> =
                        problems.iter().map(|problem| format!("{}: {}", problem.pointer, problem.message)).collect();
                    Some(json!({"op": "custom", "seq": seq, "problems": problems}))
                }
            }
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
        "placeholders" => Some(json!({"op": "placeholders", "seq": seq, "world": workshop::with_placeholders(&world)})),
        _ => None,
    }
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
    }
}
