//! The handout: the current world with its verdicts and explanations as Markdown, in the page's
//! language, for attendees to take home (and for the print view to mirror).

use super::adapter::{play_world, Lang, PlayedFlow};
use super::material::{Lesson, Source};
use super::world::{document_value, identities};
use serde_json::Value;
use std::fmt::Write;

fn pick(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}

/// A policy document as an indented JSON block.
fn json_block(out: &mut String, document: &Value) {
    let text = match document_value(document) {
        Some(value) => serde_json::to_string_pretty(&value).unwrap_or_default(),
        None => document.as_str().map_or_else(|| document.to_string(), str::to_string),
    };
    out.push_str("```json\n");
    out.push_str(text.trim_end());
    out.push_str("\n```\n\n");
}

/// The ARN of an AWS managed policy attached by ARN or filled in from the catalogue.
fn aws_managed_arn(policy: &Value) -> Option<String> {
    let prefix = crate::vocabulary::AWS_MANAGED_PREFIX;
    if let Some(arn) = policy.as_str().or_else(|| policy.get("arn").and_then(Value::as_str)) {
        return arn.starts_with(prefix).then(|| arn.to_owned());
    }
    let managed = policy.get("awsManaged").and_then(Value::as_bool).unwrap_or(false);
    let name = policy.get("name").and_then(Value::as_str).filter(|n| !n.is_empty())?;
    managed.then(|| format!("{prefix}{name}"))
}

fn policies(out: &mut String, entry: &Value, kind: &str, lang: Lang) {
    for policy in entry.get("policies").and_then(Value::as_array).into_iter().flatten() {
        if let Some(arn) = aws_managed_arn(policy) {
            // AWS's own policy, attached by ARN as in the console: its current default version
            // is AWS's to print (`aws iam get-policy-version`), not the handout's.
            let _ = writeln!(
                out,
                "{} `{}` ({}): `aws iam attach-{kind}-policy --policy-arn {arn}`\n",
                pick(lang, "Permissions policy", "アクセス許可ポリシー"),
                arn.rsplit('/').next().unwrap_or(&arn),
                pick(lang, "AWS managed", "AWS 管理ポリシー"),
            );
            continue;
        }
        let name = policy.get("name").and_then(Value::as_str).unwrap_or("");
        let _ = writeln!(out, "{} `{name}`:\n", pick(lang, "Permissions policy", "アクセス許可ポリシー"));
        json_block(out, &super::world::document_of(policy));
    }
    if let Some(boundary) = entry.get("permissionsBoundary").filter(|b| !b.is_null()) {
        match aws_managed_arn(boundary) {
            Some(arn) => {
                let _ = writeln!(
                    out,
                    "{}: `{arn}` ({})\n",
                    pick(lang, "Permissions boundary", "アクセス許可の境界"),
                    pick(lang, "AWS managed", "AWS 管理ポリシー"),
                );
            }
            None => {
                let _ = writeln!(out, "{}:\n", pick(lang, "Permissions boundary", "アクセス許可の境界"));
                json_block(out, &super::world::document_of(boundary));
            }
        }
    }
    if let Some(trust) = entry.get("trustPolicy").filter(|t| !t.is_null()) {
        let _ = writeln!(
            out,
            "{}:\n",
            pick(lang, "Trust policy (who may put the mask on)", "信頼ポリシー (誰がお面をかぶれるか)")
        );
        json_block(out, trust);
    }
}

/// The played flow's steps, verdicts and explanations as Markdown.
pub fn steps_markdown(played: &PlayedFlow, lang: Lang) -> String {
    let mut out = String::new();
    for (i, step) in played.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} **{}** — {}",
            i + 1,
            step.verdict.mark(),
            step.title.get(lang),
            step.verdict.words(lang)
        );
        for line in step.explanation(lang) {
            let _ = writeln!(out, "   - {line}");
        }
        if let Some(message) = step.error_message_in(lang) {
            let code = step.error_code.as_deref().unwrap_or("");
            let _ = writeln!(out, "   - {} `{code}`: {message}", pick(lang, "Error", "エラー"));
        }
        if let Some(fix) = &step.fix {
            let _ = writeln!(out, "   - {}: {}", pick(lang, "Fix", "修正案"), fix.get(lang));
        }
    }
    out
}

/// The world and its verdicts as Markdown, in `lang`.
pub fn world_markdown(world: &Value, lang: Lang) -> String {
    world_markdown_at(world, lang, 1)
}

/// The world and its verdicts as Markdown, its title a heading of `level` (1 for `#`).
fn world_markdown_at(world: &Value, lang: Lang, level: usize) -> String {
    let h1 = "#".repeat(level);
    let h2 = "#".repeat(level + 1);
    let h3 = "#".repeat(level + 2);
    let played = play_world(world);
    let mut out = String::new();
    let name = world.get("name").and_then(Value::as_str).unwrap_or("Omen");
    let _ = writeln!(out, "{h1} {name}\n");
    let outcome = match (played.succeeded, lang) {
        (true, Lang::En) => "The flow succeeds.".to_string(),
        (true, Lang::Ja) => "フローは成功します。".to_string(),
        (false, Lang::En) => format!("The flow fails at step `{}`.", played.failed_step.as_deref().unwrap_or("-")),
        (false, Lang::Ja) => {
            format!("フローはステップ `{}` で失敗します。", played.failed_step.as_deref().unwrap_or("-"))
        }
    };
    let _ = writeln!(out, "{outcome}\n");
    let _ = writeln!(out, "{h2} {}\n", pick(lang, "What happens", "何が起きるか"));
    out.push_str(&steps_markdown(&played, lang));
    out.push('\n');
    if let Some(session) = &played.session {
        let _ = writeln!(
            out,
            "{h2} {}\n",
            pick(lang, "The session (the mask being worn)", "セッション (かぶっているお面)")
        );
        if let Some(arn) = session.get("arn").and_then(Value::as_str) {
            let _ = writeln!(out, "- ARN: `{arn}`");
        }
        if let Some(seconds) = session.get("durationSeconds").and_then(Value::as_i64) {
            let _ = writeln!(out, "- {}: {seconds} s", pick(lang, "Duration", "有効期間"));
        }
        let _ = writeln!(
            out,
            "- {}\n",
            pick(
                lang,
                "Credentials: an access key ID (`ASIA…`), a secret access key and a session token (fake here).",
                "認証情報: アクセスキー ID (`ASIA…`)、シークレットアクセスキー、セッショントークン (ここでは偽物)。"
            )
        );
    }
    if !played.warnings.is_empty() {
        let _ = writeln!(out, "{h2} {}\n", pick(lang, "Warnings", "警告"));
        for (code, text) in &played.warnings {
            let _ = writeln!(out, "- `{code}`: {}", text.get(lang));
        }
        out.push('\n');
    }
    if !played.cloudtrail.is_empty() {
        let _ = writeln!(out, "{h2} CloudTrail\n");
        for record in &played.cloudtrail {
            let field = |key: &str| record.get(key).and_then(Value::as_str).unwrap_or("");
            let who = record.pointer("/userIdentity/arn").and_then(Value::as_str).unwrap_or("");
            let error =
                record.get("errorCode").and_then(Value::as_str).map(|c| format!(" ✗ `{c}`")).unwrap_or_default();
            let _ = writeln!(out, "- `{}` `{}` — `{who}`{error}", field("eventSource"), field("eventName"));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{h2} {}\n", pick(lang, "The world", "世界 (アカウント・ユーザー・ロール)"));
    for account in world.get("accounts").and_then(Value::as_array).into_iter().flatten() {
        let id = account.get("id").and_then(Value::as_str).unwrap_or("");
        let label = account.get("name").and_then(Value::as_str).map(|n| format!(" ({n})")).unwrap_or_default();
        let _ = writeln!(out, "- {} `{id}`{label}", pick(lang, "Account", "アカウント"));
    }
    out.push('\n');
    for identity in identities(world) {
        let heading = match (identity.kind, lang) {
            ("user", Lang::En) => "IAM user",
            ("user", Lang::Ja) => "IAM ユーザー",
            (_, Lang::En) => "IAM role (the mask)",
            (_, Lang::Ja) => "IAM ロール (お面)",
        };
        let _ = writeln!(out, "{h3} {heading} `{}`\n", identity.arn);
        if let Some(entry) = world.pointer(&identity.pointer) {
            policies(&mut out, entry, identity.kind, lang);
        }
    }
    let _ = write!(
        out,
        "---\n{}\n",
        pick(
            lang,
            "Made with Omen (お面), the IAM role playground. Credentials shown are fake.",
            "Omen (お面) で作成。表示されている認証情報は偽物です。"
        )
    );
    out
}

fn sources_markdown(out: &mut String, sources: &[Source], lang: Lang) {
    let _ = writeln!(out, "## {}\n", pick(lang, "Sources", "出典"));
    for source in sources {
        match (&source.url, &source.seed) {
            (Some(url), _) => {
                let _ = writeln!(out, "- [{}]({url})", source.title);
            }
            (None, Some(seed)) => {
                let _ = writeln!(out, "- {} ({} {seed})", source.title, pick(lang, "seed article", "元記事"));
            }
            (None, None) => {
                let _ = writeln!(out, "- {}", source.title);
            }
        }
    }
    out.push('\n');
}

/// A lesson's handout: its title, text and sources, then the attendee's world with its
/// verdicts, in `lang`.
pub fn lesson_markdown(lesson: &Lesson, world: &Value, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", lesson.title.get(lang));
    for paragraph in lesson.text.get(lang) {
        let _ = writeln!(out, "{paragraph}\n");
    }
    let _ = writeln!(out, "## {}\n", pick(lang, "Try this", "やってみよう"));
    for task in &lesson.tasks {
        let _ = writeln!(out, "- {}", task.goal.get(lang));
    }
    out.push('\n');
    sources_markdown(&mut out, &lesson.sources, lang);
    out.push_str(&world_markdown_at(world, lang, 2));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::adapter::preset_world;

    /// The seed launch (seed 000) as a handout, in both languages: the failing step, its error,
    /// the roles' policies.
    #[test]
    fn a_lesson_handout_nests_the_world_under_the_lesson() {
        let lesson = crate::workshop::lesson("mask").unwrap();
        let world = lesson.start_world().unwrap();
        let text = lesson_markdown(&lesson, &world, Lang::En);
        let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(
            headings[..4],
            ["# A role is a mask", "## Try this", "## Sources", "## Alice puts on the ReportsReader mask"]
        );
        assert!(headings.contains(&"#### IAM role (the mask) `arn:aws:iam::111122223333:role/ReportsReader`"));
        assert!(headings.contains(&"### The session (the mask being worn)"));
        assert!(text.contains("- [IAM roles](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html)"));
    }

    #[test]
    fn writes_the_world_with_its_verdicts() {
        let world: Value = serde_json::from_str(preset_world("ec2-full-access-without-passrole").unwrap()).unwrap();
        let en = world_markdown(&world, Lang::En);
        assert!(en.starts_with("# EC2 launch with only AmazonEC2FullAccess (seed 000)\n"));
        assert!(en.contains("The flow fails at step `passRole`."));
        assert!(en.contains("✗ **"));
        assert!(en.contains("Error `Client.UnauthorizedOperation`"));
        assert!(en.contains("### IAM role (the mask) `arn:aws:iam::111122223333:role/EC2-roles-for-XYZ`"));
        assert!(en.contains("\"Service\": \"ec2.amazonaws.com\""));
        let ja = world_markdown(&world, Lang::Ja);
        assert!(ja.contains("フローはステップ `passRole` で失敗します。"));
        assert!(ja.contains("信頼ポリシー (誰がお面をかぶれるか)"));
    }

    /// An AWS managed policy is AWS's to print: the handout names it by ARN, as it is attached,
    /// filled in or not, and prints no copy of it.
    #[test]
    fn references_aws_managed_policies_by_arn() {
        let lesson = crate::workshop::lesson("cross-account").unwrap();
        let world = lesson.start_world().unwrap();
        assert!(world.to_string().contains("ec2:Describe*"), "ReadOnlyAccess is filled in");
        for (world, lang, label) in [(world.clone(), Lang::En, "AWS managed"), (world, Lang::Ja, "AWS 管理ポリシー")]
        {
            let text = world_markdown(&world, lang);
            assert!(
                text.contains(&format!(
                    "`ReadOnlyAccess` ({label}): `aws iam attach-role-policy --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess`"
                )),
                "{text}"
            );
            assert!(!text.contains("ec2:Describe*"), "{text}");
        }
        let bare: Value = serde_json::json!({"accounts": [{"id": "111122223333"}], "roles": [{
            "arn": "arn:aws:iam::111122223333:role/Monitoring",
            "policies": ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]
        }]});
        assert!(world_markdown(&bare, Lang::En).contains(
            "`AmazonRDSEnhancedMonitoringRole` (AWS managed): `aws iam attach-role-policy --policy-arn arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`"
        ));
    }
}
