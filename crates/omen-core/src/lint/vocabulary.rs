//! Unknown vocabulary, checked against the service authorization reference ("Actions,
//! resources, and condition keys for AWS services"): service prefixes and actions that do not
//! exist (with the closest name), wildcards that name no action, condition keys that do not exist
//! or that no action of the statement receives, and resource ARNs that fit no resource type of
//! the statement's actions.

use super::edit::replace_string;
use super::{Context, Finding, FindingCode};
use crate::diagnostics::TextRange;
use crate::policy::{PolicyKind, Spanned, Statement};
use crate::vocabulary::{ActionRef, KeyLookup, ServiceReference};
use std::collections::HashMap;
use std::rc::Rc;

/// What one `Action` pattern names.
pub(super) enum Named<'c> {
    /// `*` or a wildcard in the service prefix: too many to list.
    Everything,
    /// The pattern is unknown (reported, or left to `parse`).
    Unknown,
    /// These actions.
    Actions(Rc<[ActionRef<'c>]>),
}

pub(super) fn check(context: &mut Context<'_>) {
    let policy = context.policy;
    let reference = context.reference;
    let mut expansions = Expansions::default();
    for statement in &policy.statements {
        if let Some(action) = &statement.action {
            for pattern in &action.patterns {
                check_action(context, &mut expansions, pattern);
            }
        }
        let actions = statement_actions(reference, &mut expansions, statement);
        check_condition_keys(context, statement, actions.as_deref());
        check_resources(context, statement, actions.as_deref());
    }
}

/// Expansions already computed during one lint run, by lowercase pattern: policies repeat their
/// patterns from statement to statement.
#[derive(Default)]
pub(super) struct Expansions<'c> {
    known: HashMap<String, Rc<[ActionRef<'c>]>>,
}

impl<'c> Expansions<'c> {
    fn expand(&mut self, reference: &'c ServiceReference, pattern: &str) -> Rc<[ActionRef<'c>]> {
        let key = pattern.to_ascii_lowercase();
        if let Some(found) = self.known.get(&key) {
            return Rc::clone(found);
        }
        let found: Rc<[ActionRef<'c>]> = reference.expand(pattern).into();
        self.known.insert(key, Rc::clone(&found));
        found
    }
}

fn named<'c>(reference: &'c ServiceReference, expansions: &mut Expansions<'c>, pattern: &str) -> Named<'c> {
    let Some((service, name)) = pattern.split_once(':') else {
        return if pattern == "*" { Named::Everything } else { Named::Unknown };
    };
    if service.contains(['*', '?']) {
        return Named::Everything;
    }
    if reference.service(service).is_none() {
        return Named::Unknown;
    }
    let actions = expansions.expand(reference, pattern);
    if actions.is_empty() && !name.contains(['*', '?']) {
        Named::Unknown
    } else {
        Named::Actions(actions)
    }
}

/// What each `Action` pattern of `statement` names; `None` for `NotAction` or no `Action`.
pub(super) fn statement_actions<'c>(
    reference: &'c ServiceReference,
    expansions: &mut Expansions<'c>,
    statement: &Statement,
) -> Option<Vec<Named<'c>>> {
    let action = statement.action.as_ref().filter(|a| !a.negated)?;
    Some(action.patterns.iter().map(|p| named(reference, expansions, &p.value)).collect())
}

fn check_action<'c>(context: &mut Context<'c>, expansions: &mut Expansions<'c>, pattern: &Spanned<String>) {
    let text = pattern.value.as_str();
    if text == "*" || context.is_flagged(pattern.range) {
        return;
    }
    let Some((service, name)) = text.split_once(':') else { return };
    let reference = context.reference;
    if service.contains(['*', '?']) {
        if expansions.expand(reference, text).is_empty() {
            let finding = no_action_matches(context, pattern.range, text);
            context.push(finding);
        }
        return;
    }
    let Some(found) = reference.service(service) else {
        let suggestion = reference.suggest_service(service);
        let finding = invalid_service_in_action(context, pattern.range, text, service, suggestion);
        context.push(finding);
        return;
    };
    if name.contains(['*', '?']) {
        if expansions.expand(reference, text).is_empty() {
            let finding = no_action_matches(context, pattern.range, text);
            context.push(finding);
        }
        return;
    }
    if found.action(name).is_none() {
        let suggestion = reference.suggest_action(found, name);
        let finding = invalid_action(context, pattern.range, text, &found.prefix, suggestion.as_deref());
        context.push(finding);
    }
}

fn invalid_service_in_action(
    context: &Context<'_>,
    range: TextRange,
    action: &str,
    service: &str,
    suggestion: Option<&str>,
) -> Finding {
    let message = context.t(
        format!("`{service}` in `{action}` is no AWS service prefix: the statement never matches it"),
        format!("`{action}` の `{service}` は AWS のサービスプレフィックスではありません。このステートメントはこのアクションに一致しません"),
    );
    let finding = Finding::new(FindingCode::InvalidServiceInAction, range, message);
    match suggestion {
        Some(prefix) => {
            let replacement = format!("{prefix}:{}", action.split_once(':').map_or("", |(_, n)| n));
            finding
                .help(context.t(format!("did you mean `{prefix}`?"), format!("`{prefix}` のことですか？")))
                .fix(Some(replace_string(context.lang, range, &replacement)))
        }
        None => finding.help(context.t(
            "service prefixes are listed in \"Actions, resources, and condition keys for AWS services\"".into(),
            "サービスプレフィックスは「Actions, resources, and condition keys for AWS services」に載っています".into(),
        )),
    }
}

fn invalid_action(
    context: &Context<'_>,
    range: TextRange,
    action: &str,
    service: &str,
    suggestion: Option<&str>,
) -> Finding {
    let message = context.t(
        format!("`{action}` is no action of `{service}`: the statement never matches it"),
        format!(
            "`{action}` は `{service}` のアクションではありません。このステートメントはこのアクションに一致しません"
        ),
    );
    let finding = Finding::new(FindingCode::InvalidAction, range, message);
    match suggestion {
        Some(to) => finding
            .help(context.t(format!("did you mean `{to}`?"), format!("`{to}` のことですか？")))
            .fix(Some(replace_string(context.lang, range, to))),
        None => finding.help(context.t(
            format!("see the actions of `{service}` in AWS's service authorization reference"),
            format!("`{service}` のアクションは AWS のサービス認可リファレンスで確認できます"),
        )),
    }
}

fn no_action_matches(context: &Context<'_>, range: TextRange, pattern: &str) -> Finding {
    let message = context.t(
        format!("`{pattern}` matches no action: the statement never matches anything through it"),
        format!("`{pattern}` に一致するアクションはありません。このパターンでは何にも一致しません"),
    );
    Finding::new(FindingCode::WildcardMatchesNoAction, range, message).help(context.t(
        "check the spelling; `*` matches any run of characters, `?` one character".into(),
        "綴りを確認してください。`*` は任意の文字列、`?` は任意の 1 文字に一致します".into(),
    ))
}

fn check_condition_keys(context: &mut Context<'_>, statement: &Statement, actions: Option<&[Named<'_>]>) {
    let reference = context.reference;
    for clause in &statement.conditions {
        let key = clause.key.value.as_str();
        if context.is_flagged(clause.key.range) {
            continue;
        }
        match reference.condition_key(key) {
            KeyLookup::Global(_) | KeyLookup::Provider => {}
            KeyLookup::UnknownService => {
                let prefix = key.split_once(':').map_or(key, |(p, _)| p);
                let message = context.t(
                    format!("`{prefix}` in the condition key `{key}` is no AWS service: the key is never in a request"),
                    format!("条件キー `{key}` の `{prefix}` は AWS のサービスではありません。このキーがリクエストに含まれることはありません"),
                );
                let help = context.t(
                    "condition keys are `aws:…` global keys or `service:…` keys of the service the action belongs to"
                        .into(),
                    "条件キーは `aws:…` のグローバルキーか、アクションのサービスの `service:…` キーです".into(),
                );
                let finding = Finding::new(FindingCode::InvalidService, clause.key.range, message).help(help);
                context.push(finding);
            }
            KeyLookup::UnknownKey(service) => {
                let suggestion = reference.suggest_key(service, key);
                let code = if service.is_some() {
                    FindingCode::InvalidServiceConditionKey
                } else {
                    FindingCode::InvalidGlobalConditionKey
                };
                let message = context.t(
                    format!("the condition key `{key}` does not exist: it is never in a request"),
                    format!("条件キー `{key}` は存在しません。リクエストに含まれることはありません"),
                );
                let finding = Finding::new(code, clause.key.range, message);
                let finding = match suggestion {
                    Some(to) => finding
                        .help(context.t(format!("did you mean `{to}`?"), format!("`{to}` のことですか？")))
                        .fix(Some(replace_string(context.lang, clause.key.range, &to))),
                    None => finding.help(match service {
                        Some(service) => context.t(
                            format!(
                                "see the condition keys of `{}` in AWS's service authorization reference",
                                service.prefix
                            ),
                            format!("`{}` の条件キーは AWS のサービス認可リファレンスで確認できます", service.prefix),
                        ),
                        None => context.t(
                            "see \"AWS global condition context keys\" for the `aws:` keys".into(),
                            "`aws:` のキーは「AWS global condition context keys」で確認できます".into(),
                        ),
                    }),
                };
                context.push(finding);
            }
            KeyLookup::Service(_, _) => {
                let Some(actions) = actions else { continue };
                let patterns = statement.action.iter().flat_map(|a| &a.patterns);
                let unsupported: Vec<&str> = patterns
                    .zip(actions)
                    .filter(|(_, named)| match named {
                        Named::Actions(list) => !list.is_empty() && !list.iter().any(|a| a.supports_key(key)),
                        _ => false,
                    })
                    .map(|(p, _)| p.value.as_str())
                    .collect();
                if unsupported.is_empty() {
                    continue;
                }
                let listed = unsupported.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
                let (verb, them) = if unsupported.len() == 1 { ("receives", "it") } else { ("receive", "them") };
                let message = context.t(
                    format!("{listed} never {verb} the condition key `{key}`: for {them} the condition sees the key missing"),
                    format!("{listed} のリクエストに条件キー `{key}` は含まれません。これらのアクションでは条件がキーなしとして評価されます"),
                );
                let help = context.t(
                    "move these actions to a statement without this condition, or use a key they support".into(),
                    "これらのアクションはこの条件のない別のステートメントに移すか、対応する条件キーを使ってください"
                        .into(),
                );
                let finding =
                    Finding::new(FindingCode::UnsupportedActionForConditionKey, clause.key.range, message).help(help);
                context.push(finding);
            }
        }
    }
}

fn check_resources(context: &mut Context<'_>, statement: &Statement, actions: Option<&[Named<'_>]>) {
    if context.policy.kind == PolicyKind::Trust {
        return;
    }
    let Some(resource) = statement.resource.as_ref().filter(|r| !r.negated) else { return };
    let Some(actions) = actions else { return };
    let mut all = Vec::new();
    for named in actions {
        match named {
            Named::Actions(list) => all.extend(list.iter().copied()),
            Named::Everything | Named::Unknown => return,
        }
    }
    // Actions without resource types take only `"Resource": "*"`; they say nothing here.
    let typed: Vec<&ActionRef<'_>> = all.iter().filter(|a| !a.action.resource_types.is_empty()).collect();
    if typed.is_empty() {
        return;
    }
    for pattern in &resource.patterns {
        let text = pattern.value.as_str();
        if text == "*" || !text.starts_with("arn:") || context.is_flagged(pattern.range) {
            continue;
        }
        if typed.iter().any(|a| context.reference.resource_fits(a, text)) {
            continue;
        }
        let finding = resource_matches_no_action(context, pattern.range, text, &typed);
        context.push(finding);
    }
}

fn resource_matches_no_action(
    context: &Context<'_>,
    range: TextRange,
    resource: &str,
    actions: &[&ActionRef<'_>],
) -> Finding {
    let mut types: Vec<String> = Vec::new();
    for action in actions {
        for (resource_type, _) in action.resource_types() {
            let described = format!("`{}` (`{}`)", resource_type.name, resource_type.arn_format);
            if !types.contains(&described) {
                types.push(described);
            }
        }
    }
    let shown = types.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let more = types.len().saturating_sub(3);
    let (subject_en, subject_ja) = match actions {
        [only] => (format!("`{}` acts on", only.full_name()), format!("`{}` の対象は", only.full_name())),
        _ => ("the statement's actions act on".to_string(), "このステートメントのアクションの対象は".to_string()),
    };
    let message = context.t(
        format!("`{resource}` fits no resource type of the statement's actions in AWS's reference: the statement never applies to it"),
        format!(
            "`{resource}` は AWS のリファレンス上、このステートメントのアクションのどのリソースタイプにも当てはまりません。このリソースには適用されません"
        ),
    );
    let help = context.t(
        format!("{subject_en} {shown}{}", if more > 0 { format!(" and {more} more") } else { String::new() }),
        format!("{subject_ja} {shown}{}です", if more > 0 { format!(" ほか {more} 種類") } else { String::new() }),
    );
    Finding::new(FindingCode::ResourceMatchesNoAction, range, message).help(help)
}
