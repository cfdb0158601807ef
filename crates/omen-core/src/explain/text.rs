//! A flow's result as text for people, in English or Japanese: each step with its decision and
//! explanation, the service's error text, the fix as a diff, the session, the chain, and the
//! CloudTrail records. `omen flow --text` prints it; the snapshot tests compare it.

use super::evaluation::kind_name;
use crate::flow::result::{Change, FlowKind, FlowResult, Step, StepDecision, StepKind};
use crate::lang::Lang;
use crate::world::FlowDiagnostic;
use std::fmt::Write as _;

fn decision_label(decision: StepDecision, lang: Lang) -> &'static str {
    match (lang, decision) {
        (Lang::En, StepDecision::Allowed) => "✓ allowed",
        (Lang::En, StepDecision::ExplicitDeny) => "✗ explicit deny",
        (Lang::En, StepDecision::ImplicitDeny) => "✗ implicit deny",
        (Lang::En, StepDecision::Failed) => "✗ failed",
        (Lang::En, StepDecision::NotRequired) => "– not required",
        (Lang::En, StepDecision::Skipped) => "· skipped",
        (Lang::En, StepDecision::Info) => "i info",
        (Lang::Ja, StepDecision::Allowed) => "✓ 許可",
        (Lang::Ja, StepDecision::ExplicitDeny) => "✗ 明示的な拒否",
        (Lang::Ja, StepDecision::ImplicitDeny) => "✗ 暗黙的な拒否",
        (Lang::Ja, StepDecision::Failed) => "✗ 失敗",
        (Lang::Ja, StepDecision::NotRequired) => "– 不要",
        (Lang::Ja, StepDecision::Skipped) => "· 未到達",
        (Lang::Ja, StepDecision::Info) => "i 情報",
    }
}

fn pick(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}

/// The whole result as text.
pub fn render_text(result: &FlowResult, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(name) = &result.name {
        let _ = writeln!(out, "# {name}");
    }
    let flow = match (lang, result.flow) {
        (Lang::En, FlowKind::PassRole) => "PassRole: call an API and hand a service a role",
        (Lang::En, FlowKind::AssumeRole) => "AssumeRole: put on the mask",
        (Lang::En, FlowKind::None) => "nothing to play",
        (Lang::Ja, FlowKind::PassRole) => "PassRole: API を呼び出してサービスにロールを渡す",
        (Lang::Ja, FlowKind::AssumeRole) => "AssumeRole: お面をかぶる",
        (Lang::Ja, FlowKind::None) => "再生するものがありません",
    };
    let _ = writeln!(out, "{flow}");
    let denied = result.steps.iter().filter(|s| s.kind == StepKind::ActAsSession && s.decision.is_failure()).count();
    let outcome = match (&result.failed_step, result.succeeded) {
        (_, true) if denied > 0 => match lang {
            Lang::En => {
                format!("Outcome: the flow succeeds; {denied} request(s) made as the session are denied (below).")
            }
            Lang::Ja => format!(
                "結果: フローは成功します。セッションとしてのリクエストのうち {denied} 件は拒否されます (下記)。"
            ),
        },
        (_, true) => pick(lang, "Outcome: the flow succeeds.", "結果: フローは成功します。"),
        (Some(step), false) => match lang {
            Lang::En => format!("Outcome: fails at `{step}`."),
            Lang::Ja => format!("結果: `{step}` で失敗します。"),
        },
        (None, false) => pick(lang, "Outcome: nothing was played.", "結果: 何も再生されませんでした。"),
    };
    let _ = writeln!(out, "{outcome}");
    if let Some(message) = result.error_message_in(lang) {
        let code = result.error_code.as_deref().map(|c| format!("{c}: ")).unwrap_or_default();
        let _ = writeln!(out, "{}{code}{message}", pick(lang, "The caller sees: ", "呼び出し元に見えるエラー: "));
    }
    for (index, step) in result.steps.iter().enumerate() {
        out.push('\n');
        render_step(&mut out, index + 1, step, lang);
    }
    if let Some(session) = &result.session {
        let _ =
            writeln!(out, "\n{}", pick(lang, "## Session (the mask being worn)", "## セッション (かぶっているお面)"));
        let _ = writeln!(out, "  arn: {}", session.arn);
        let _ = writeln!(out, "  assumedRoleId: {}", session.assumed_role_id);
        let _ = writeln!(out, "  role: {}", session.role_arn);
        let _ = writeln!(out, "  duration: {} s, expires {}", session.duration_seconds, session.expiration);
        let _ = writeln!(
            out,
            "  {}: AccessKeyId {} / SecretAccessKey {} / SessionToken {}…",
            pick(lang, "credentials (fake)", "認証情報 (偽物)"),
            session.credentials.access_key_id,
            session.credentials.secret_access_key,
            session.credentials.session_token.chars().take(32).collect::<String>()
        );
        if let Some(source_identity) = &session.source_identity {
            let _ = writeln!(out, "  sourceIdentity: {source_identity}");
        }
        if !session.principal_tags.is_empty() {
            let tags: Vec<String> = session.principal_tags.0.iter().map(|t| format!("{}={}", t.key, t.value)).collect();
            let _ = writeln!(out, "  aws:PrincipalTag: {}", tags.join(", "));
        }
    }
    if !result.chain.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "## Chain", "## 連鎖"));
        for hop in &result.chain {
            let status = if hop.succeeded { "✓" } else { "✗" };
            let session = hop.session.as_ref().map_or_else(|| "—".to_string(), |s| s.arn.clone());
            let _ = writeln!(out, "  {status} {}. {} → {} ⇒ {session}", hop.hop, hop.caller, hop.role);
            for carried in &hop.carried {
                let _ = writeln!(out, "      + {}", carried.text.get(lang));
            }
            for dropped in &hop.dropped {
                let _ = writeln!(out, "      - {}", dropped.text.get(lang));
            }
        }
    }
    if !result.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "## Warnings", "## 警告"));
        for warning in &result.warnings {
            let _ = writeln!(out, "  ! [{}] {}", warning.code, warning.message.get(lang));
        }
    }
    if !result.diagnostics.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "## Problems with the world", "## ワールドの問題"));
        for diagnostic in &result.diagnostics {
            let place = diagnostic.pointer.clone().unwrap_or_default();
            let at = match (diagnostic.line, diagnostic.column) {
                (Some(line), Some(column)) => format!(" {line}:{column}"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}[{}] {place}{at}: {}",
                severity(diagnostic),
                diagnostic.diagnostic.code,
                diagnostic.message(lang)
            );
            if let Some(help) = diagnostic.help(lang) {
                let _ = writeln!(out, "      {}: {help}", pick(lang, "help", "ヒント"));
            }
        }
    }
    if !result.cloudtrail.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "## CloudTrail", "## CloudTrail"));
        for record in &result.cloudtrail {
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(record).unwrap_or_default());
        }
    }
    out
}

fn severity(diagnostic: &FlowDiagnostic) -> &'static str {
    if diagnostic.diagnostic.is_error() {
        "error"
    } else {
        "warning"
    }
}

fn render_step(out: &mut String, number: usize, step: &Step, lang: Lang) {
    let _ =
        writeln!(out, "[{number}] {} — {} … {}", step.id, step.title.get(lang), decision_label(step.decision, lang));
    for line in step.explanation(lang) {
        let _ = writeln!(out, "    {line}");
    }
    if let Some(message) = step.error_message_in(lang) {
        let code = step.error_code.as_deref().map(|c| format!("{c}: ")).unwrap_or_default();
        let _ = writeln!(out, "    {} {code}{message}", pick(lang, "error:", "エラー:"));
    }
    if let Some(advice) = &step.advice {
        let _ = writeln!(out, "    {} {}", pick(lang, "advice:", "助言:"), advice.get(lang));
    }
    if let Some(fix) = &step.fix {
        let _ = writeln!(out, "    {} {}", pick(lang, "fix (verified):", "修正案 (検証済み):"), fix.summary.get(lang));
        for change in &fix.changes {
            match change {
                Change::Policy(change) => {
                    let policy = crate::policy::named_policy(kind_name(change.policy_type, lang), &change.policy_name);
                    let _ = writeln!(out, "      {policy} ({}, {})", change.owner, change.pointer);
                    for line in diff(change.before.as_deref().unwrap_or(""), change.after.as_deref().unwrap_or("")) {
                        let _ = writeln!(out, "      {line}");
                    }
                }
                Change::Request(change) => {
                    let before = change.before.as_ref().map_or_else(|| "(none)".to_string(), ToString::to_string);
                    let _ = writeln!(
                        out,
                        "      {} {}: {before} → {}",
                        pick(lang, "parameter", "パラメータ"),
                        change.parameter,
                        change.after
                    );
                }
            }
        }
    }
}

/// A line diff of two texts: unchanged lines start with two spaces, removed with `- `, added
/// with `+ ` (longest common subsequence; policies are short).
pub fn diff(before: &str, after: &str) -> Vec<String> {
    let a: Vec<&str> = if before.is_empty() { Vec::new() } else { before.lines().collect() };
    let b: Vec<&str> = if after.is_empty() { Vec::new() } else { after.lines().collect() };
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > 250_000 {
        // Too long to align cheaply: show the whole change.
        return a.iter().map(|x| format!("- {x}")).chain(b.iter().map(|y| format!("+ {y}"))).collect();
    }
    let mut table = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let value = if a.get(i) == b.get(j) {
                table.get(i + 1).and_then(|r| r.get(j + 1)).copied().unwrap_or(0) + 1
            } else {
                let down = table.get(i + 1).and_then(|r| r.get(j)).copied().unwrap_or(0);
                let right = table.get(i).and_then(|r| r.get(j + 1)).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = table.get_mut(i).and_then(|r| r.get_mut(j)) {
                *cell = value;
            }
        }
    }
    let cell = |i: usize, j: usize| table.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0);
    let (mut i, mut j) = (0, 0);
    let mut lines = Vec::new();
    while i < n || j < m {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                lines.push(format!("  {x}"));
                i += 1;
                j += 1;
            }
            (Some(x), Some(_)) if cell(i + 1, j) >= cell(i, j + 1) => {
                lines.push(format!("- {x}"));
                i += 1;
            }
            (_, Some(y)) => {
                lines.push(format!("+ {y}"));
                j += 1;
            }
            (Some(x), None) => {
                lines.push(format!("- {x}"));
                i += 1;
            }
            (None, None) => break,
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_lines() {
        assert_eq!(diff("a\nb\nc", "a\nx\nc"), vec!["  a", "- b", "+ x", "  c"]);
        assert_eq!(diff("", "a"), vec!["+ a"]);
        assert_eq!(diff("a", ""), vec!["- a"]);
    }
}
