//! Checks of any policy kind: a missing `Version`, `Allow` with `NotPrincipal`, `ForAllValues`
//! with a single-valued key ("Multivalued context keys"), wildcards under an operator that reads
//! them literally ("IAM JSON policy elements: Condition operators"), and statements, actions or
//! resources that others already cover — or that an unconditional `Deny` always overrides
//! ("Policy evaluation logic").

use super::edit::{remove_list_item, replace_string};
use super::{Context, Finding, FindingCode, Fix, TextEdit};
use crate::diagnostics::TextRange;
use crate::policy::{ConditionClause, Effect, ListElement, PolicyKind, PolicyVersion, Statement};
use crate::policy::{ConditionOperator, OperatorBase, SetQualifier};
use crate::vocabulary::{pattern_covers, KeyLookup};
use std::collections::{HashMap, HashSet};

pub(super) fn check(context: &mut Context<'_>) {
    check_version(context);
    let policy = context.policy;
    for statement in &policy.statements {
        check_not_principal(context, statement);
        for clause in &statement.conditions {
            check_for_all_values(context, statement, clause);
            check_wildcard_without_like(context, statement, clause);
        }
        if let Some(action) = statement.action.as_ref().filter(|a| !a.negated) {
            check_redundant_patterns(context, action, true);
        }
        if let Some(resource) = statement.resource.as_ref().filter(|r| !r.negated) {
            check_redundant_patterns(context, resource, false);
        }
    }
    check_redundant_statements(context);
}

fn check_version(context: &mut Context<'_>) {
    // `parse` says whether the element is missing (rather than invalid).
    if context.policy.version != PolicyVersion::Missing || !context.parse_reported("missing-version") {
        return;
    }
    let start = context.policy.range.start;
    let range = TextRange::new(start, start + 1);
    let uses_variables = context.text.contains("${");
    let message = if uses_variables {
        context.t(
            "the policy has no `Version`: its policy variables such as `${aws:username}` are literal text".into(),
            "ポリシーに `Version` がありません。`${aws:username}` などのポリシー変数はただの文字列として扱われます"
                .into(),
        )
    } else {
        context.t(
            "the policy has no `Version`: it is read as the old `2008-10-17` language".into(),
            "ポリシーに `Version` がありません。古い `2008-10-17` の言語として読まれます".into(),
        )
    };
    let fix = (!context.policy.statements.is_empty() || context.text.contains("\"Statement\"")).then(|| Fix {
        title: context.t("add `\"Version\": \"2012-10-17\"`".into(), "`\"Version\": \"2012-10-17\"` を追加".into()),
        edits: vec![TextEdit {
            range: TextRange::new(start + 1, start + 1),
            text: "\"Version\": \"2012-10-17\", ".into(),
        }],
    });
    let finding = Finding::new(FindingCode::MissingVersion, range, message)
        .help(context.t(
            "add `\"Version\": \"2012-10-17\"` as the first element".into(),
            "最初の要素として `\"Version\": \"2012-10-17\"` を追加してください".into(),
        ))
        .fix(fix);
    context.push(finding);
}

fn check_not_principal(context: &mut Context<'_>, statement: &Statement) {
    if context.policy.kind == PolicyKind::Trust || statement.effect != Some(Effect::Allow) {
        return;
    }
    let Some(principal) = statement.principal.as_ref().filter(|p| p.negated) else { return };
    let finding = Finding::new(
        FindingCode::AllowWithNotPrincipal,
        principal.range,
        context.t(
            "`Allow` with `NotPrincipal` grants to everyone not listed, anonymous users included".into(),
            "`NotPrincipal` を使った `Allow` は、列挙していない全員（匿名ユーザーも含む）に許可します".into(),
        ),
    )
    .help(context.t(
        "name the principals with `Principal` instead".into(),
        "代わりに `Principal` で許可するプリンシパルを指定してください".into(),
    ));
    context.push(finding);
}

/// The operator's clauses in the statement: a fix that renames the operator changes them all.
fn clauses_sharing_operator(statement: &Statement, clause: &ConditionClause) -> usize {
    statement.conditions.iter().filter(|c| c.operator.range == clause.operator.range).count()
}

fn rename_operator(context: &Context<'_>, statement: &Statement, clause: &ConditionClause, to: &str) -> Option<Fix> {
    (clauses_sharing_operator(statement, clause) == 1).then(|| replace_string(context.lang, clause.operator.range, to))
}

fn check_for_all_values(context: &mut Context<'_>, statement: &Statement, clause: &ConditionClause) {
    let ConditionOperator::Known { set: Some(SetQualifier::ForAllValues), .. } = &clause.operator.value else { return };
    let key = clause.key.value.as_str();
    let single = match context.reference.condition_key(key) {
        KeyLookup::Global(found) | KeyLookup::Service(_, found) => !found.key_type.is_multivalued(),
        _ => false,
    };
    if !single {
        return;
    }
    let name = clause.operator.value.name();
    let plain = name.trim_start_matches("ForAllValues:").to_string();
    let finding = Finding::new(
        FindingCode::ForAllValuesWithSingleValuedKey,
        clause.key.range,
        context.t(
            format!("`{key}` holds one value, and `ForAllValues` is true when it is missing: this condition can let any request through"),
            format!("`{key}` は単一値のキーで、`ForAllValues` はキーがないときも true です。この条件はどんなリクエストも通しかねません"),
        ),
    )
    .help(context.t(format!("use `{plain}` without `ForAllValues:`"), format!("`ForAllValues:` を外して `{plain}` を使ってください")))
    .fix(rename_operator(context, statement, clause, &plain));
    context.push(finding);
}

fn check_wildcard_without_like(context: &mut Context<'_>, statement: &Statement, clause: &ConditionClause) {
    let ConditionOperator::Known { base, if_exists, set } = &clause.operator.value else { return };
    let like = match base {
        OperatorBase::StringEquals => OperatorBase::StringLike,
        OperatorBase::StringNotEquals => OperatorBase::StringNotLike,
        _ => return,
    };
    let Some(value) = clause.values.iter().find(|v| v.value.contains(['*', '?']) && !v.value.contains("${")) else {
        return;
    };
    let prefix = match set {
        Some(SetQualifier::ForAllValues) => "ForAllValues:",
        Some(SetQualifier::ForAnyValue) => "ForAnyValue:",
        None => "",
    };
    let to = format!("{prefix}{}{}", like.name(), if *if_exists { "IfExists" } else { "" });
    let operator = clause.operator.value.name();
    let finding = Finding::new(
        FindingCode::WildcardWithoutLikeOperator,
        value.range,
        context.t(
            format!("`{operator}` reads `*` and `?` in `{}` as plain characters", value.value),
            format!("`{operator}` は `{}` の `*` と `?` をただの文字として扱います", value.value),
        ),
    )
    .help(
        context
            .t(format!("to match a pattern, use `{to}`"), format!("パターンで一致させるなら `{to}` を使ってください")),
    )
    .fix(rename_operator(context, statement, clause, &to));
    context.push(finding);
}

fn check_redundant_patterns(context: &mut Context<'_>, list: &ListElement, actions: bool) {
    // Only an equal pattern or a wildcard can cover another: compare with those, not all pairs
    // (AWS managed policies list thousands of actions).
    let key = |text: &str| if actions { text.to_ascii_lowercase() } else { text.to_string() };
    let mut first_of: HashMap<String, usize> = HashMap::new();
    for (i, pattern) in list.patterns.iter().enumerate() {
        first_of.entry(key(&pattern.value)).or_insert(i);
    }
    // A wildcard can only cover patterns with the same head (`ec2` of `ec2:Describe*`, `arn:aws:s3`
    // of an ARN), unless its head has a wildcard itself.
    let head = |text: &str| -> String {
        let parts = if actions { 1 } else { 3 };
        let head: Vec<&str> = text.splitn(parts + 1, ':').take(parts).collect();
        key(&head.join(":"))
    };
    let mut wildcards: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, pattern) in list.patterns.iter().enumerate().filter(|(_, p)| p.value.contains(['*', '?'])) {
        let group = head(&pattern.value);
        let group = if group.contains(['*', '?']) { String::from("*") } else { group };
        wildcards.entry(group).or_default().push(i);
    }
    let no_wildcards = Vec::new();
    for (i, pattern) in list.patterns.iter().enumerate() {
        let equal_before = first_of.get(&key(&pattern.value)).copied().filter(|j| *j < i);
        let candidates = wildcards
            .get(&head(&pattern.value))
            .unwrap_or(&no_wildcards)
            .iter()
            .chain(wildcards.get("*").unwrap_or(&no_wildcards));
        let covered_by = equal_before.and_then(|j| list.patterns.get(j).map(|p| (j, p))).or_else(|| {
            candidates.filter_map(|j| list.patterns.get(*j).map(|p| (*j, p))).find(|(j, other)| {
                *j != i
                    && key(&other.value) != key(&pattern.value)
                    && pattern_covers(&other.value, &pattern.value, actions)
                    // Of two patterns that cover each other, the later one is the redundant one.
                    && (*j < i || !pattern_covers(&pattern.value, &other.value, actions))
            })
        });
        let Some((_, wide)) = covered_by else { continue };
        let (code, en, ja) = if actions {
            (FindingCode::RedundantAction, "action", "アクション")
        } else {
            (FindingCode::RedundantResource, "resource", "リソース")
        };
        let title = context.t(format!("remove `{}`", pattern.value), format!("`{}` を削除", pattern.value));
        let message = if key(&wide.value) == key(&pattern.value) {
            context
                .t(format!("`{}` is listed twice", pattern.value), format!("`{}` が 2 回書かれています", pattern.value))
        } else {
            context.t(
                format!("`{}` is redundant: `{}` already covers it", pattern.value, wide.value),
                format!("`{}` は冗長です。`{}` がすでにこの{ja}を含んでいます", pattern.value, wide.value),
            )
        };
        let finding = Finding::new(code, pattern.range, message)
            .help(context.t(format!("remove the redundant {en}"), format!("冗長な{ja}を削除してください")))
            .fix(remove_list_item(title, context.text, pattern.range));
        context.push(finding);
    }
}

/// A statement's patterns, indexed once for comparing statements pairwise.
struct Patterns<'s> {
    /// The patterns as compared (actions lowercased), once each.
    exact: HashSet<String>,
    /// The patterns with a wildcard.
    wildcards: Vec<&'s str>,
    /// Each pattern as written and as compared.
    all: Vec<(&'s str, String)>,
}

impl<'s> Patterns<'s> {
    fn new(list: &'s ListElement, ignore_case: bool) -> Self {
        let key = |text: &str| if ignore_case { text.to_ascii_lowercase() } else { text.to_string() };
        let all: Vec<(&str, String)> = list.patterns.iter().map(|p| (p.value.as_str(), key(&p.value))).collect();
        Self {
            exact: all.iter().map(|(_, k)| k.clone()).collect(),
            wildcards: all.iter().map(|(p, _)| *p).filter(|p| p.contains(['*', '?'])).collect(),
            all,
        }
    }

    fn covers(&self, narrow: &Patterns<'_>, ignore_case: bool) -> bool {
        // Without wildcards, more distinct patterns cannot fit in fewer.
        if self.wildcards.is_empty() && narrow.exact.len() > self.exact.len() {
            return false;
        }
        narrow.all.iter().all(|(pattern, key)| {
            self.exact.contains(key) || self.wildcards.iter().any(|w| pattern_covers(w, pattern, ignore_case))
        })
    }
}

/// What of a statement decides whether another covers it: `None` when it uses `NotAction` or
/// `NotResource` (not compared).
struct Summary<'s> {
    effect: Option<Effect>,
    unconditional: bool,
    principal: Option<(bool, Vec<(crate::policy::PrincipalType, &'s str)>)>,
    actions: Option<Patterns<'s>>,
    resources: Option<Patterns<'s>>,
    comparable: bool,
}

fn summary(statement: &Statement) -> Summary<'_> {
    let positive = |list: &Option<ListElement>| list.as_ref().is_none_or(|l| !l.negated);
    Summary {
        effect: statement.effect,
        unconditional: statement.conditions.is_empty(),
        principal: statement
            .principal
            .as_ref()
            .map(|p| (p.negated, p.entries.iter().map(|e| (e.principal_type, e.value.value.as_str())).collect())),
        actions: statement.action.as_ref().map(|a| Patterns::new(a, true)),
        resources: statement.resource.as_ref().map(|r| Patterns::new(r, false)),
        comparable: positive(&statement.action) && positive(&statement.resource),
    }
}

/// Whether every request `narrow` applies to, `wide` applies to too, as far as its action and
/// resource patterns tell (`wide` must have no condition; principals must be written alike).
fn statement_covers(wide: &Summary<'_>, narrow: &Summary<'_>) -> bool {
    if !wide.unconditional || !wide.comparable || !narrow.comparable || wide.principal != narrow.principal {
        return false;
    }
    let list_covers = |w: &Option<Patterns<'_>>, n: &Option<Patterns<'_>>, ignore_case: bool| match (w, n) {
        (None, None) => true,
        (Some(w), Some(n)) => w.covers(n, ignore_case),
        _ => false,
    };
    list_covers(&wide.actions, &narrow.actions, true) && list_covers(&wide.resources, &narrow.resources, false)
}

/// Where to point at a statement: its Sid, or its opening brace.
fn statement_anchor(statement: &Statement) -> TextRange {
    match &statement.sid {
        Some(sid) => sid.range,
        None => TextRange::new(statement.range.start, statement.range.start + 1),
    }
}

fn check_redundant_statements(context: &mut Context<'_>) {
    let statements = &context.policy.statements;
    let summaries: Vec<Summary<'_>> = statements.iter().map(summary).collect();
    let mut found = Vec::new();
    for (i, narrow) in summaries.iter().enumerate() {
        let Some(effect) = narrow.effect else { continue };
        for (j, wide) in summaries.iter().enumerate() {
            if i == j || wide.effect.is_none() || !statement_covers(wide, narrow) {
                continue;
            }
            if wide.effect == Some(effect) {
                // Of two statements that cover each other, the later one is the redundant one.
                if j > i && statement_covers(narrow, wide) {
                    continue;
                }
                found.push((FindingCode::RedundantStatement, i, j));
                break;
            }
            if effect == Effect::Allow && wide.effect == Some(Effect::Deny) {
                found.push((FindingCode::StatementShadowedByDeny, i, j));
                break;
            }
        }
    }
    for (code, i, j) in found {
        let (Some(narrow), Some(wide)) = (statements.get(i), statements.get(j)) else { continue };
        let (narrow_label, wide_label) = (narrow.label(), wide.label());
        let (message, help) = if code == FindingCode::RedundantStatement {
            (
                context.t(
                    format!("statement `{narrow_label}` is redundant: statement `{wide_label}` already grants or denies all of it"),
                    format!("ステートメント `{narrow_label}` は冗長です。ステートメント `{wide_label}` がその内容をすべて含んでいます"),
                ),
                context.t("remove the redundant statement".into(), "冗長なステートメントを削除してください".into()),
            )
        } else {
            (
                context.t(
                    format!("statement `{narrow_label}` never allows anything: statement `{wide_label}` denies all of it without a condition"),
                    format!("ステートメント `{narrow_label}` は何も許可しません。ステートメント `{wide_label}` が条件なしですべて拒否しています"),
                ),
                context.t(
                    "an explicit deny always wins; narrow the `Deny` or remove the `Allow`".into(),
                    "明示的な拒否は常に優先されます。`Deny` を絞り込むか `Allow` を削除してください".into(),
                ),
            )
        };
        let finding = Finding::new(code, statement_anchor(narrow), message).help(help);
        context.push(finding);
    }
}
