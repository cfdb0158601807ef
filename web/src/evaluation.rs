//! The flow played from the world being edited — derived on every change, never stored — and
//! what each editor must mark: its diagnostics and the statements that decided.

use std::collections::BTreeMap;

use omen_core::flow::{play, play_without_fixes_as, Fix, FlowResult, StepDecision, Text, World, WorldError};
use omen_core::vocabulary::{attaches_by_reference, references_in};
use omen_core::{Arn, Effect, Lang, Severity};
use serde_json::Value;

use crate::highlight::Mark;

/// The outcome of playing the world.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    /// The world as read, when it can be read.
    pub world: Option<World>,
    /// What the flow came to.
    pub result: FlowResult,
    /// Why the world could not be read, if it could not, in English and Japanese.
    pub error: Option<Text>,
    /// The AWS managed policies the world attaches by reference, not yet filled in from the
    /// managed-policy catalogue (by name): the flow is played once they are (the vocabulary
    /// module fetches them, `vocabulary::resolve`); none, and the flow was played.
    pub loading: Vec<String>,
}

/// Above this many bytes of text (policies, names, ARNs) a world is played only once typing
/// pauses, not on every keystroke. Three times the largest world AWS's quotas allow in the
/// editors a story shows, pretty-printed (the keystroke budget's world is about 70 KB).
pub const LARGE_WORLD_BYTES: usize = 256 * 1024;

/// How many bytes of strings `world` holds (keys included), stopping early past `limit`.
pub fn text_bytes(world: &Value, limit: usize) -> usize {
    fn walk(value: &Value, total: &mut usize, limit: usize) {
        if *total > limit {
            return;
        }
        match value {
            Value::String(text) => *total += text.len(),
            Value::Array(items) => items.iter().for_each(|item| walk(item, total, limit)),
            Value::Object(map) => map.iter().for_each(|(key, item)| {
                *total += key.len();
                walk(item, total, limit);
            }),
            _ => *total += 8,
        }
    }
    let mut total = 0;
    walk(world, &mut total, limit);
    total
}

/// Whether `world` is large enough to be played only once typing pauses.
pub fn is_large(world: &Value) -> bool {
    text_bytes(world, LARGE_WORLD_BYTES) > LARGE_WORLD_BYTES
}

/// Plays `world` with omen-core, without looking for fixes (those take several replays of the
/// flow: [`fixes`] finds them once typing pauses); the steps that need a policy AWS would refuse
/// to save are evaluated anyway when `evaluate_invalid` (the results' switch).
pub fn evaluate(world: &Value, evaluate_invalid: bool) -> Evaluated {
    let loading: Vec<String> = references_in(world).iter().map(|(_, r)| short_name(r).to_owned()).collect();
    if !loading.is_empty() {
        return Evaluated { loading, ..not_yet_played() };
    }
    match World::from_value(world) {
        Ok(typed) => {
            let result = play_without_fixes_as(&typed, evaluate_invalid);
            Evaluated { world: Some(typed), result, error: None, loading: Vec::new() }
        }
        Err(error) => Evaluated {
            world: None,
            result: FlowResult::unplayable(Vec::new()),
            error: Some(WorldError::of(&error).text()),
            loading: Vec::new(),
        },
    }
}

/// What the page shows before a large world was first played: no steps yet.
pub fn not_yet_played() -> Evaluated {
    Evaluated { world: None, result: FlowResult::unplayable(Vec::new()), error: None, loading: Vec::new() }
}

/// The verified fix of each failing step of `world`, by step id.
pub fn fixes(world: &Value) -> BTreeMap<String, Fix> {
    let Some(typed) = (!attaches_by_reference(world)).then(|| World::from_value(world).ok()).flatten() else {
        return BTreeMap::new();
    };
    // Extended, not collected: a collect into a map compiles a sort of its own (omen_core::sort).
    let mut fixes = BTreeMap::new();
    fixes.extend(play(&typed).steps.into_iter().filter_map(|step| step.fix.map(|fix| (step.id, fix))));
    fixes
}

/// The marks of every editor (by JSON pointer): diagnostics (wavy underline, message and help on
/// hover, in `lang`) and the statements that decided a step (allow in green, deny in red).
pub fn marks(result: &FlowResult, lang: Lang) -> BTreeMap<String, Vec<Mark>> {
    let mut out: BTreeMap<String, Vec<Mark>> = BTreeMap::new();
    for diagnostic in &result.diagnostics {
        let Some(pointer) = &diagnostic.pointer else { continue };
        let inner = &diagnostic.diagnostic;
        let class = match inner.severity {
            Severity::Error => "diag-error",
            Severity::Warning => "diag-warning",
        };
        let title = match inner.help(lang) {
            Some(help) => format!("{} — {help}", inner.message(lang)),
            None => inner.message(lang).to_owned(),
        };
        // An empty range still gets one character underlined, so it can be seen.
        let end = inner.range.end.max(inner.range.start + 1);
        out.entry(pointer.clone()).or_default().push(Mark { start: inner.range.start, end, class, title: Some(title) });
    }
    for step in &result.steps {
        if matches!(step.decision, StepDecision::Skipped | StepDecision::Info) {
            continue;
        }
        for deciding in &step.deciding_statements {
            let source = step.policy_sources.iter().find(|source| source.id == deciding.policy);
            let Some(source) = source.filter(|source| !source.pointer.is_empty()) else { continue };
            let class = match deciding.effect {
                Effect::Allow => "decide-allow",
                Effect::Deny => "decide-deny",
            };
            let marks = out.entry(source.pointer.clone()).or_default();
            let mark = Mark { start: deciding.range.start, end: deciding.range.end, class, title: None };
            if !marks.contains(&mark) {
                marks.push(mark);
            }
        }
    }
    out
}

/// The last segment of an ARN (`user/alice` → `alice`), for labels; anything else as it is.
pub fn short_name(arn: &str) -> &str {
    Arn::parse(arn).ok().map(|arn| arn.name()).filter(|name| !name.is_empty()).unwrap_or(arn)
}

/// The account id of an ARN (its fifth field), if it has one.
pub fn account_of(arn: &str) -> Option<&str> {
    Arn::parse(arn).ok().map(|arn| arn.account).filter(|account| !account.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;

    fn preset(id: &str) -> Evaluated {
        evaluate(&preset_world(id).unwrap_or_default(), false)
    }

    #[test]
    fn every_preset_plays_like_the_cli() {
        for preset in omen_core::flow::presets() {
            // As `omen` plays it: the AWS managed policies attached by reference filled in.
            let filled = crate::state::filled_preset(preset.id);
            let typed = World::from_value(&filled).unwrap_or_default();
            let expected: Vec<_> = play(&typed).steps.iter().map(|s| (s.id.clone(), s.decision)).collect();
            assert!(!expected.is_empty(), "{}", preset.id);
            let got: Vec<_> =
                evaluate(&filled, false).result.steps.iter().map(|s| (s.id.clone(), s.decision)).collect();
            assert_eq!(got, expected, "{}", preset.id);
        }
    }

    // A story that attaches ReadOnlyAccess by ARN is not played until it is filled in: the page
    // says it is loading it, and looks for no fix.
    #[test]
    fn a_world_waiting_for_an_aws_managed_policy_is_not_played() {
        let world = preset_world("cross-account-assume-role").unwrap_or_default();
        let evaluated = evaluate(&world, false);
        assert_eq!(evaluated.loading, ["ReadOnlyAccess"]);
        assert!(evaluated.result.steps.is_empty());
        assert!(fixes(&world).is_empty());
        let filled = evaluate(&crate::state::filled_preset("cross-account-assume-role"), false);
        assert!(filled.loading.is_empty());
        assert!(filled.result.succeeded, "{:?}", filled.result.failed_step);
    }

    #[test]
    fn the_first_preset_fails_at_passrole_with_a_fix() {
        let evaluated = preset("ec2-full-access-without-passrole");
        assert_eq!(evaluated.result.failed_step.as_deref(), Some("passRole"));
        let fixes = fixes(&preset_world("ec2-full-access-without-passrole").unwrap_or_default());
        assert!(fixes.get("passRole").is_some_and(|fix| fix.verified));
    }

    #[test]
    fn deciding_statements_mark_their_editor() {
        let evaluated = preset("ec2-full-access-without-passrole");
        let trust = marks(&evaluated.result, Lang::En).remove("/roles/0/trustPolicy").unwrap_or_default();
        assert!(trust.iter().any(|mark| mark.class == "decide-allow"), "{trust:?}");
    }

    #[test]
    fn diagnostics_mark_their_editor() {
        let mut world = preset_world("ec2-full-access-without-passrole").unwrap_or_default();
        crate::state::set_at(&mut world, "/users/0/policies/0/document", Value::String("{\"Statement\": 3}".into()));
        let evaluated = evaluate(&world, false);
        let title = |lang| {
            let mut marks = marks(&evaluated.result, lang).remove("/users/0/policies/0/document").unwrap_or_default();
            marks.retain(|mark| mark.class == "diag-error");
            marks.first().and_then(|mark| mark.title.clone()).unwrap_or_default()
        };
        assert_eq!(title(Lang::En), "`Statement` must be an object or an array, found a number");
        assert_eq!(title(Lang::Ja), "`Statement` はオブジェクトか配列でなければなりませんが、数値です");
    }

    // A world-level problem about a policy (it cannot be read at all) marks its editor too, with
    // its words in the page's language.
    #[test]
    fn world_marks_speak_the_page_language() {
        let mut world = preset_world("ec2-full-access-without-passrole").unwrap_or_default();
        crate::state::set_at(&mut world, "/users/0/policies/0/document", Value::String("[]".into()));
        let evaluated = evaluate(&world, false);
        let titles = |lang| {
            let marks = marks(&evaluated.result, lang).remove("/users/0/policies/0/document").unwrap_or_default();
            marks.into_iter().filter_map(|mark| mark.title).collect::<Vec<_>>()
        };
        let (en, ja) = (titles(Lang::En), titles(Lang::Ja));
        assert!(en.iter().any(|t| t.contains("cannot be read")), "{en:?}");
        assert!(ja.iter().any(|t| t.contains("を読めないため、どの評価にも加わりません")), "{ja:?}");
        assert!(ja.iter().all(|t| !en.contains(t)), "{ja:?}");
    }

    #[test]
    fn a_world_that_is_not_one_is_an_error() {
        let evaluated = evaluate(&serde_json::json!({"users": 3}), false);
        let error = evaluated.error.unwrap_or_default();
        assert_eq!(error.en, "the world is not valid: invalid type: integer `3`, expected a sequence");
        assert_eq!(error.ja, "ワールドが正しくありません: 型が違います (a sequence が必要なところに integer `3`)");
        assert!(evaluated.result.steps.is_empty());
    }

    #[test]
    fn large_worlds_are_counted_by_their_text() {
        let world = preset_world("ec2-full-access-without-passrole").unwrap_or_default();
        let bytes = text_bytes(&world, usize::MAX);
        assert!(bytes > 1000 && bytes < 10_000, "{bytes}");
        assert!(!is_large(&world));
        let mut large = world.clone();
        crate::state::set_at(&mut large, "/users/0/policies/0/document", Value::String("x".repeat(LARGE_WORLD_BYTES)));
        assert!(is_large(&large));
        // Counting stops soon after the limit.
        assert!(text_bytes(&large, 10) < LARGE_WORLD_BYTES);
    }

    #[test]
    fn names_and_accounts_from_arns() {
        assert_eq!(short_name("arn:aws:iam::111122223333:role/path/R"), "R");
        assert_eq!(short_name("ec2.amazonaws.com"), "ec2.amazonaws.com");
        assert_eq!(account_of("arn:aws:iam::111122223333:user/a"), Some("111122223333"));
        assert_eq!(account_of("x"), None);
    }
}
