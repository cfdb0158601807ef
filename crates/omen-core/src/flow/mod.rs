//! PassRole and AssumeRole flows: the multi-step stories people actually hit, played step by step
//! on top of the checks of `sts` (each a single request decided by the core evaluator), each step
//! with its decision, the facts it found, the service's error text and a verified fix.
//!
//! A [`World`] (JSON: accounts, users, roles, and the action — its format is described in the
//! `world` module) goes in; a [`FlowResult`] comes out. [`play`] never panics: a world that
//! cannot be played yields a result with diagnostics.
//!
//! ```
//! let world = omen_core::flow::World::from_json(omen_core::flow::presets()[0].world_json).unwrap();
//! let result = omen_core::flow::play(&world);
//! assert_eq!(result.failed_step.as_deref(), Some("passRole"));
//! ```
//!
//! A flow *succeeds* when the role is handed over or the mask is on; what the session then may do
//! is shown by the `…then…` steps, each with its own decision (and fix).
//!
//! Inside, a run records facts only ([`FlowNote`]s); the words are rendered by `explain` once, at
//! the end of [`play`] and [`play_without_fixes`] — never in the replays that verify fixes.

mod edit;
mod fix;
mod hints;
pub(crate) mod note;
mod play;
mod presets;
pub(crate) mod result;
mod steps;

pub use crate::explain::render_text;
pub use crate::lang::{Lang, Text};
pub use crate::sts::{
    decode_authorization_message, encode_authorization_message, FakeCredentials, MessageError, PanelPolicy, PanelSide,
    PanelVerdict, PassRoleApi, PolicySource, SessionInfo, CATALOGUE, EXTRA_PARAMETERS,
};
pub use crate::world::DEFAULT_NOW;
pub use crate::world::{
    documents_in, is_iam_action, pretty_policy, Account, AssumeRoleParams, Document, FederatedApi, FederatedCall,
    FlowAction, FlowDiagnostic, GitHubRun, Group, IdentityError, IdentityName, MfaParams, NamedPolicy, PassRoleAction,
    PolicyLocation, PolicyText, Role, SessionAction, SessionPolicy, Tag, Tags, User, World, WorldError,
};
pub use fix::apply;
pub use note::{ChangeNote, FlowNote, Grant, HopFacts, Limits, StepFacts, Title};
#[cfg(test)]
pub(crate) use presets::filled_in;
pub use presets::{preset, presets, Preset};
pub use result::{
    Carried, ChainHop, Change, Comparison, Fix, FlowKind, FlowResult, FlowWarning, Panel, PolicyChange, PolicyEdit,
    RequestChange, Step, StepDecision, StepKind, StepRequest,
};

use crate::explain;
use crate::world::Scenario;
use hints::FixHints;
use note::Facts;
use play::Play;

/// Play `world`: every step, the session, CloudTrail, warnings, and a verified fix for each
/// failing step, with every explanation in English and Japanese.
pub fn play(world: &World) -> FlowResult {
    play_as(world, false)
}

/// [`play`], evaluating anyway the steps that need a policy AWS would refuse to save when
/// `evaluate_invalid` (`omen flow --evaluate-invalid`; each such step says that AWS never makes
/// its decision).
pub fn play_as(world: &World, evaluate_invalid: bool) -> FlowResult {
    let (mut result, hints, mut facts) = run_as(world, evaluate_invalid);
    let replay = |changed: &World| {
        let (result, hints, _) = run_as(changed, evaluate_invalid);
        (result, hints)
    };
    for ((step, hints), facts) in result.steps.iter_mut().zip(&hints).zip(&mut facts.steps) {
        if step.decision.is_failure() {
            if let Some((fix, changes)) = fix::suggest(world, &step.id, hints, &replay) {
                step.fix = Some(fix);
                facts.changes = changes;
            }
        }
    }
    say(&mut result, &hints, &facts);
    result
}

/// Render the words of `result` from what its run found: `facts`, and the requests its steps
/// evaluated (kept in their fix `hints`).
fn say(result: &mut FlowResult, hints: &[FixHints], facts: &Facts) {
    let requests: Vec<_> = hints.iter().map(|h| h.evaluation.as_ref().map(|e| &e.request)).collect();
    explain::say_flow(result, facts, &requests);
}

/// Play a world given as JSON and return the [`FlowResult`] as JSON. The output always parses;
/// a world that cannot be read comes back as a result with diagnostics.
pub fn play_json(world_json: &str) -> String {
    let result = match World::from_json(world_json) {
        Ok(world) => play(&world),
        Err(error) => FlowResult::unplayable(vec![unreadable_world(&error)]),
    };
    serde_json::to_string(&result).unwrap_or_else(|_| String::from("{\"flow\":\"none\",\"succeeded\":false}"))
}

/// The diagnostic of a world that cannot be read.
pub fn unreadable_world(error: &WorldError) -> FlowDiagnostic {
    FlowDiagnostic::world("invalid-world", error.text(), None).with_help(error.help_text())
}

/// Play without looking for fixes (the keystroke path: fixes take several replays), with every
/// explanation in English and Japanese.
pub fn play_without_fixes(world: &World) -> FlowResult {
    play_without_fixes_as(world, false)
}

/// [`play_without_fixes`], evaluating anyway the steps that need a policy AWS would refuse to save
/// when `evaluate_invalid` (for teaching "what would happen"; each such step says that AWS never
/// makes its decision).
pub fn play_without_fixes_as(world: &World, evaluate_invalid: bool) -> FlowResult {
    let (mut result, hints, facts) = run_as(world, evaluate_invalid);
    say(&mut result, &hints, &facts);
    result
}

/// Play `world` recording facts only, no words: the result, each step's fix hints, and the facts;
/// the steps that need a policy AWS would refuse to save evaluated anyway when `evaluate_invalid`.
fn run_as(world: &World, evaluate_invalid: bool) -> (FlowResult, Vec<FixHints>, Facts) {
    let mut play = Play::new(world, evaluate_invalid);
    let flow = match world.scenario() {
        Err(problem) => {
            play.problem(problem.code(), problem.text(), problem.help_text(), Some("/action".into()));
            FlowKind::None
        }
        Ok(Scenario::PassRole { call, ignores_chain }) => {
            if ignores_chain {
                play.problem(
                    "ignored-fields",
                    Text::new(
                        "`chain` and `then` belong to `assumeRole`; a PassRole flow ignores them",
                        "`chain` と `then` は `assumeRole` のものです。PassRole のフローでは無視されます",
                    ),
                    Some(Text::new(
                        "list the actions to try with the role in `passRole.blastRadius`",
                        "ロールで試すアクションは `passRole.blastRadius` に並べてください",
                    )),
                    Some("/action".into()),
                );
            }
            steps::play_pass_role(&mut play, call);
            FlowKind::PassRole
        }
        Ok(Scenario::AssumeRole { first, chain, then }) => {
            steps::play_assume_role(&mut play, first, chain, then);
            FlowKind::AssumeRole
        }
        Ok(Scenario::Federated { api, call, chain, then }) => {
            steps::play_federated(&mut play, api, call, chain, then);
            FlowKind::AssumeRole
        }
    };
    // The flow succeeds when the role is handed over or the mask is on; what the session then
    // may or may not do is shown step by step, not counted as the flow failing.
    let failed = play.steps.iter().find(|s| s.decision.is_failure() && s.kind != StepKind::ActAsSession);
    let failed_step = failed.map(|s| s.id.clone());
    let error_code = failed.and_then(|s| s.error_code.clone());
    let error_message = failed.and_then(|s| s.error_message.clone());
    let error_message_ja = failed.and_then(|s| s.error_message_ja.clone());
    let succeeded = flow != FlowKind::None && failed_step.is_none() && !play.steps.is_empty();
    let mut diagnostics = play.parsed.diagnostics;
    diagnostics.extend(play.diagnostics);
    let result = FlowResult {
        name: world.name.clone(),
        flow,
        succeeded,
        failed_step,
        error_code,
        error_message,
        error_message_ja,
        steps: play.steps,
        session: play.session,
        chain: play.chain,
        cloudtrail: play.cloudtrail,
        warnings: play.warnings,
        diagnostics,
        refused_at_save: [play.refused_at_save, play.evaluated_anyway].concat(),
        evaluated_invalid: evaluate_invalid,
    };
    (result, play.hints, play.facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every JSON pointer of `value`, leaves and inner nodes.
    fn pointers(value: &Value, prefix: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let pointer = format!("{prefix}/{}", key.replace('~', "~0").replace('/', "~1"));
                    out.push(pointer.clone());
                    pointers(inner, pointer, out);
                }
            }
            Value::Array(items) => {
                for (index, inner) in items.iter().enumerate() {
                    let pointer = format!("{prefix}/{index}");
                    out.push(pointer.clone());
                    pointers(inner, pointer, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn never_panics_on_damaged_worlds() {
        let junk =
            [Value::Null, Value::String(String::new()), Value::String("{\"Statement\":[".into()), Value::from(-1)];
        for preset in presets() {
            let world: Value = serde_json::from_str(preset.world_json).unwrap();
            let mut all = Vec::new();
            pointers(&world, String::new(), &mut all);
            for (n, pointer) in all.iter().enumerate() {
                let mut damaged = world.clone();
                if let Some(slot) = damaged.pointer_mut(pointer) {
                    *slot = junk[n % junk.len()].clone();
                }
                let output: Value = serde_json::from_str(&play_json(&damaged.to_string())).unwrap();
                assert!(output.get("steps").is_some(), "{}: {pointer}", preset.id);
            }
        }
        let garbage: Value = serde_json::from_str(&play_json("not json")).unwrap();
        assert_eq!(garbage["flow"], "none");
        assert_eq!(garbage["diagnostics"][0]["code"], "invalid-world");
    }

    #[test]
    fn empty_world_explains_itself() {
        let result = play(&World::default());
        assert_eq!(result.flow, FlowKind::None);
        assert!(!result.succeeded);
        assert_eq!(result.diagnostics[0].diagnostic.code, "no-action");
        assert_eq!(result.diagnostics[0].help(Lang::En), Some("add `passRole` or `assumeRole`"));
    }

    // "Troubleshooting IAM policies": AWS never evaluates a policy it refused to save. Played as
    // AWS plays it, the step that needs the caller's policy (a Principal in an identity-based
    // policy) is refused and the service is not reached; evaluated anyway, for teaching, the same
    // step keeps the decision the policy would give, says that AWS never makes it, and the flow
    // goes on.
    #[test]
    fn a_refused_policy_can_be_evaluated_anyway_and_says_so() {
        let scenario: Value = serde_json::from_str(include_str!(
            "../../../../tests/scenarios/passrole-identity-policy-iam-would-refuse.json"
        ))
        .unwrap();
        let world = World::from_value(&scenario["world"]).unwrap();
        let as_aws = play_without_fixes(&world);
        assert!(!as_aws.succeeded);
        assert!(!as_aws.evaluated_invalid);
        let refused = as_aws.failed_step.clone().unwrap();
        // The API call and the pass both need the caller's policy: both refused.
        assert_eq!(as_aws.refused_at_save, ["api", "passRole"]);
        assert_eq!(refused, "api");
        assert!(as_aws.steps.iter().any(|s| s.decision == StepDecision::Skipped), "later steps not reached");
        let anyway = play_without_fixes_as(&world, true);
        assert!(anyway.evaluated_invalid);
        assert_eq!(anyway.refused_at_save, as_aws.refused_at_save);
        let step = anyway.step(&refused).unwrap();
        assert_eq!(step.decision, StepDecision::Allowed, "the policy allows iam:PassRole once evaluated");
        assert!(
            step.explanation_en.iter().any(|l| l.contains("Evaluated anyway, for teaching")),
            "{:?}",
            step.explanation_en
        );
        assert!(
            step.explanation_ja.iter().any(|l| l.contains("学習のためにあえて評価しています")),
            "{:?}",
            step.explanation_ja
        );
        assert!(anyway.steps.iter().all(|s| s.decision != StepDecision::Skipped), "the flow goes on");
        assert_eq!(play_without_fixes_as(&world, false), as_aws);
    }

    // Issue 7: problems with the world itself — a role the action names that the world lacks, a
    // caller that is not a principal, a maxSessionDuration IAM refuses, a user in another
    // account's group, a world that is not one — are said in Japanese as well as English (IAM's
    // terms and the input in AWS's spelling); a policy's own diagnostics stay as they are.
    #[test]
    fn world_problems_are_said_in_both_languages() {
        let world = World::from_json(
            r#"{
                "accounts": [{"id": "111122223333"}],
                "users": [{"arn": "arn:aws:iam::111122223333:user/alice", "groups": [{"name": "ops", "account": "444455556666"}]}],
                "groups": [{"name": "ops", "account": "444455556666"}],
                "roles": [{"arn": "arn:aws:iam::111122223333:role/Other", "maxSessionDuration": 60}],
                "action": {"assumeRole": {"caller": "arn:aws:iam::111122223333:user/alice", "role": "arn:aws:iam::111122223333:role/Missing"}}
            }"#,
        )
        .unwrap();
        let result = play_without_fixes(&world);
        let said = |code: &str| {
            let found = result.diagnostics.iter().find(|d| d.diagnostic.code == code);
            let found = found.unwrap_or_else(|| panic!("no {code} in {:?}", result.diagnostics));
            (
                found.message(Lang::En).to_owned(),
                found.message(Lang::Ja).to_owned(),
                found.help(Lang::Ja).map(str::to_owned),
            )
        };
        let (en, ja, help) = said("unknown-role");
        assert_eq!(en, "the role `arn:aws:iam::111122223333:role/Missing` is not in the world");
        assert_eq!(ja, "ロール `arn:aws:iam::111122223333:role/Missing` はワールドにありません");
        assert_eq!(help.as_deref(), Some("ロールを `roles` に追加するか、ARN を直してください"));
        let (_, ja, help) = said("invalid-max-session-duration");
        assert_eq!(ja, "`maxSessionDuration` は 3600 から 43200 秒の範囲で指定します (60 ではなく)");
        assert!(help.is_some_and(|help| help.contains("43200")));
        let (en, ja, _) = said("group-in-other-account");
        assert!(en.contains("can only be in groups of its own account"), "{en}");
        assert!(ja.starts_with("グループ `ops` は別のアカウントにあります"), "{ja}");
        // The JSON a person reads carries both: `message`/`help` in English, `messageJa`/`helpJa`.
        let json = serde_json::to_value(&result.diagnostics).unwrap();
        assert!(json.as_array().unwrap().iter().all(|d| d["messageJa"].is_string()), "{json}");

        let caller = World::from_json(
            r#"{"action": {"assumeRole": {"caller": "alice", "role": "arn:aws:iam::111122223333:role/R"}}}"#,
        )
        .unwrap();
        let result = play_without_fixes(&caller);
        let invalid = result.diagnostics.iter().find(|d| d.diagnostic.code == "invalid-caller").unwrap();
        assert_eq!(invalid.message(Lang::Ja), "`alice` はプリンシパルではありません");
        assert_eq!(invalid.message(Lang::En), "`alice` is not a principal");

        let none = play_without_fixes(&World::default());
        assert_eq!(none.diagnostics[0].message(Lang::Ja), "ワールドには評価する `action` がありません");
        assert_eq!(none.diagnostics[0].help(Lang::Ja), Some("`passRole` か `assumeRole` を追加してください"));

        let error = World::from_json(r#"{"users": 3}"#).unwrap_err();
        let unreadable = unreadable_world(&error);
        assert_eq!(
            unreadable.message(Lang::En),
            "the world is not valid: invalid type: integer `3`, expected a sequence at line 1 column 11"
        );
        assert_eq!(
            unreadable.message(Lang::Ja),
            "ワールドが正しくありません: 型が違います (a sequence が必要なところに integer `3`) (1 行 11 列)"
        );
        // serde_json's own sentence is quoted as it wrote it, said to be its words, with the place
        // in Japanese.
        let syntax = unreadable_world(&World::from_json("{\"users\": [}").unwrap_err());
        assert_eq!(syntax.message(Lang::En), "the world is not valid: expected value at line 1 column 12");
        assert_eq!(
            syntax.message(Lang::Ja),
            "ワールドが正しくありません: JSON の読み取りエラー（serde、1 行 12 列）: expected value"
        );
        let comma = unreadable_world(&World::from_json("{\"users\": [],}").unwrap_err());
        assert_eq!(
            comma.message(Lang::Ja),
            "ワールドが正しくありません: JSON の読み取りエラー（serde、1 行 14 列）: trailing comma"
        );
    }

    // Issue 12: the note on a step evaluated anyway reads as a sentence in both languages — AWS's
    // words ("Policy document should not specify a principal.") quoted with their own full stop,
    // never followed by more punctuation ("…a principal.: `Principal`"); the same for the step
    // refused as AWS refuses it.
    #[test]
    fn the_words_on_a_refused_policy_read_as_sentences() {
        let scenario: Value = serde_json::from_str(include_str!(
            "../../../../tests/scenarios/passrole-identity-policy-iam-would-refuse.json"
        ))
        .unwrap();
        let world = World::from_value(&scenario["world"]).unwrap();
        let anyway = play_without_fixes_as(&world, true);
        let step = anyway.step("api").unwrap();
        let en = "Evaluated anyway, for teaching: AWS never makes this decision, because it would refuse to save \
                  the identity-based policy `Dev` (`Principal` is not allowed in an identity-based policy), \
                  answering MalformedPolicyDocument: “Policy document should not specify a principal.”";
        let ja = "学習のためにあえて評価しています。AWS はアイデンティティベースのポリシー `Dev` の保存を拒否する \
                  (アイデンティティベースのポリシーには `Principal` を書けません) ため、AWS がこの判定をすることはありません。\
                  保存に対する AWS の応答は MalformedPolicyDocument「Policy document should not specify a principal.」です。";
        assert_eq!(step.explanation_en.last().map(String::as_str), Some(en));
        assert_eq!(step.explanation_ja.last().map(String::as_str), Some(ja));
        let as_aws = play_without_fixes(&world);
        let refused = as_aws.step("api").unwrap();
        let en = "AWS would refuse to save the identity-based policy `Dev` (`Principal` is not allowed in an \
                  identity-based policy), answering MalformedPolicyDocument: “Policy document should not specify a \
                  principal.” A policy AWS refused never takes part in an evaluation, so there is no decision.";
        let ja = "AWS はアイデンティティベースのポリシー `Dev` の保存を拒否します (アイデンティティベースのポリシーには \
                  `Principal` を書けません)。保存に対する AWS の応答は MalformedPolicyDocument「Policy document should not \
                  specify a principal.」です。保存を拒否されたポリシーが評価に加わることはないため、判定はありません。";
        assert!(refused.explanation_en.iter().any(|l| l.starts_with(en)), "{:?}", refused.explanation_en);
        assert!(refused.explanation_ja.iter().any(|l| l.starts_with(ja)), "{:?}", refused.explanation_ja);
        for line in step
            .explanation_en
            .iter()
            .chain(&step.explanation_ja)
            .chain(&refused.explanation_en)
            .chain(&refused.explanation_ja)
        {
            for doubled in [".:", ".)", ".,", "。:", ".」:"] {
                assert!(!line.contains(doubled), "{doubled:?} in {line}");
            }
        }
    }

    // Issue 7: the "AWS error" text of a step AWS refuses keeps AWS's code and words in English
    // and says Omen's own words — the policy and the problem — in Japanese on the Japanese side;
    // the JSON carries the twin as `errorMessageJa`, on the step and on the flow.
    #[test]
    fn a_refused_policy_s_error_text_has_a_japanese_twin() {
        let scenario: Value = serde_json::from_str(include_str!(
            "../../../../tests/scenarios/passrole-identity-policy-iam-would-refuse.json"
        ))
        .unwrap();
        let world = World::from_value(&scenario["world"]).unwrap();
        let result = play_without_fixes(&world);
        let step = result.step("api").unwrap();
        assert_eq!(step.error_code.as_deref(), Some("MalformedPolicyDocument"));
        let en = "Policy document should not specify a principal. (identity-based policy `Dev`: `Principal` is not \
                  allowed in an identity-based policy)";
        let ja = "Policy document should not specify a principal. (アイデンティティベースのポリシー `Dev`: \
                  アイデンティティベースのポリシーには `Principal` を書けません)";
        assert_eq!(step.error_message_in(Lang::En), Some(en));
        assert_eq!(step.error_message_in(Lang::Ja), Some(ja));
        assert_eq!(result.error_message_in(Lang::Ja), Some(ja));
        let json = serde_json::to_value(&result).unwrap();
        assert_eq!(json["errorMessage"], en);
        assert_eq!(json["errorMessageJa"], ja);
        assert_eq!(json["steps"][0]["errorMessageJa"], ja);
        // A message in AWS's words alone has no twin: both languages show it as AWS prints it.
        let denied = crate::flow::presets::presets()
            .iter()
            .filter_map(|preset| World::from_json(preset.world_json).ok())
            .map(|world| play_without_fixes(&world))
            .flat_map(|result| result.steps)
            .find(|step| step.error_code.as_deref() == Some("AccessDenied"))
            .unwrap();
        assert!(denied.error_message_ja.is_none());
        assert_eq!(denied.error_message_in(Lang::Ja), denied.error_message.as_deref());
    }
}
