//! The worker's answers as the page shows them: the list of findings under an editor, the
//! explanation of the action under the caret and the completion list, as HTML (every text
//! escaped here; the page's Content-Security-Policy runs no inline script or style in any case),
//! in English or Japanese — so that the page's first-load bundle carries none of these words or
//! layouts. The page adds its behaviour by event delegation on the `data-go` (UTF-16 range to
//! select), `data-fix` (index of the quick fix) and `data-index` (completion) attributes.

use std::fmt::Write as _;

use omen_core::lint::{Finding, FindingSeverity};
use omen_core::vocabulary::ActionHover;
use omen_core::{Lang, LineIndex};

use crate::complete::Item;

/// `text` escaped for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// English or Japanese.
pub(crate) fn tr(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The CSS class of a finding's underline and list item.
pub fn severity_class(severity: FindingSeverity) -> &'static str {
    match severity {
        FindingSeverity::Error => "diag-error",
        FindingSeverity::SecurityWarning => "diag-security",
        FindingSeverity::Warning => "diag-warning",
        FindingSeverity::Suggestion => "diag-suggestion",
    }
}

/// A severity in words.
pub fn severity_name(severity: FindingSeverity, lang: Lang) -> &'static str {
    match severity {
        FindingSeverity::Error => tr(lang, "error", "エラー"),
        FindingSeverity::SecurityWarning => tr(lang, "security warning", "セキュリティ警告"),
        FindingSeverity::Warning => tr(lang, "warning", "警告"),
        FindingSeverity::Suggestion => tr(lang, "suggestion", "提案"),
    }
}

/// The underline's title: `CODE: message — help`.
pub fn title(finding: &Finding) -> String {
    match &finding.help {
        Some(help) => format!("{}: {} — {help}", finding.code.code(), finding.message),
        None => format!("{}: {}", finding.code.code(), finding.message),
    }
}

/// The list items of `findings` about `text` (in text order), one a finding. The `n`-th finding
/// with a fix has `data-fix="n"`: the page applies the `n`-th of the fixes it was sent.
pub fn findings_html(text: &str, findings: &[Finding], lang: Lang) -> Vec<String> {
    let index = LineIndex::new(text);
    let mut items = Vec::new();
    let mut fixes = 0;
    for finding in findings {
        let mut out = String::new();
        let start = index.position(finding.range.start);
        let end = index.position(finding.range.end);
        let severity = severity_name(finding.severity, lang);
        let code = finding.code.code();
        let _ = write!(
            out,
            "<li class=\"diag {class}\" data-severity=\"{severity}\" data-code=\"{code}\">\
             <button type=\"button\" class=\"finding-place mono\" data-go=\"{from} {to}\" aria-label=\"{go} {line}:{column}\">{line}:{column}</button> \
             <span class=\"finding-severity\">{severity}</span> <code class=\"finding-code\">{code}</code> \
             <span class=\"finding-message\">{message}</span>",
            class = severity_class(finding.severity),
            from = start.utf16_offset,
            to = end.utf16_offset,
            go = tr(lang, "go to", "移動"),
            line = start.line,
            column = start.column,
            message = escape(&finding.message),
        );
        if let Some(refusal) = &finding.refusal {
            let _ = write!(
                out,
                "<span class=\"finding-refusal\" data-testid=\"refusal\">{}<span class=\"mono\">{}</span></span>",
                tr(lang, "IAM would refuse to save this policy: ", "IAM はこのポリシーの保存を拒否します: "),
                escape(&refusal.aws_text()),
            );
        }
        if let Some(help) = &finding.help {
            let _ = write!(out, "<span class=\"finding-help\">{}</span>", escape(help));
        }
        out.push_str("<span class=\"finding-actions\">");
        if let Some(fix) = &finding.fix {
            let _ = write!(
                out,
                "<button type=\"button\" class=\"small quick-fix\" data-testid=\"quick-fix\" data-fix=\"{fixes}\">{}{}</button>",
                tr(lang, "Fix: ", "修正: "),
                escape(&fix.title),
            );
            fixes += 1;
        }
        let _ = write!(
            out,
            "<a class=\"finding-doc\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a></span></li>",
            escape(&finding.doc.url),
            escape(&finding.doc.title),
        );
        items.push(out);
    }
    items
}

/// What the action pattern under the caret is, as the content of the page's explanation line.
pub fn hover_html(hover: &ActionHover, lang: Lang) -> String {
    let mut out = String::new();
    match hover {
        ActionHover::Action { name, description, access_level, resource_types, condition_keys, url } => {
            let level = match lang {
                Lang::En => access_level.name(),
                Lang::Ja => access_level.name_ja(),
            };
            let _ = write!(out, "<strong class=\"mono\">{}</strong> — {level}", escape(name));
            if let Some(description) = description {
                let _ = write!(out, "<span class=\"info-line\">{}</span>", escape(description));
            }
            let resources = if resource_types.is_empty() {
                tr(lang, "any resource (`*`)", "任意のリソース (`*`)").to_owned()
            } else {
                resource_types
                    .iter()
                    .map(|(name, _, required)| if *required { format!("{name}*") } else { name.clone() })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = write!(
                out,
                "<span class=\"info-line\">{}<span class=\"mono\">{}</span></span>",
                tr(lang, "Resource types: ", "リソースタイプ: "),
                escape(&resources)
            );
            if !condition_keys.is_empty() {
                let _ = write!(
                    out,
                    "<span class=\"info-line\">{}<span class=\"mono\">{}</span></span>",
                    tr(lang, "Condition keys: ", "条件キー: "),
                    escape(&condition_keys.join(", "))
                );
            }
            let _ = write!(
                out,
                "<a class=\"info-line\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                escape(url),
                tr(lang, "AWS service authorization reference", "AWS サービス認可リファレンス")
            );
        }
        ActionHover::Wildcard { pattern, count, first } => {
            let more = if *count > first.len() { "…" } else { "" };
            let names = match lang {
                Lang::En => format!(" names {count} action{}: ", if *count == 1 { "" } else { "s" }),
                Lang::Ja => format!(" は {count} 個のアクションに一致します: "),
            };
            let _ = write!(
                out,
                "<strong class=\"mono\">{}</strong>{names}<span class=\"mono\">{}{more}</span>",
                escape(pattern),
                escape(&first.join(", "))
            );
        }
        ActionHover::Everything { count } => {
            let words = match lang {
                Lang::En => format!(" — every action of every service ({count} actions)"),
                Lang::Ja => format!(" — すべてのサービスのすべてのアクション ({count} 個)"),
            };
            let _ = write!(out, "<strong class=\"mono\">*</strong>{words}");
        }
    }
    out
}

/// The completion list's options; option `i` has the id `{list}-{i}`, the first is selected.
pub fn items_html(list: &str, items: &[Item]) -> String {
    let list = escape(list);
    let mut out = String::new();
    for (index, item) in items.iter().enumerate() {
        let selected = index == 0;
        let _ = write!(
            out,
            "<li role=\"option\" id=\"{list}-{index}\" data-index=\"{index}\" aria-selected=\"{selected}\" \
             class=\"completion-item{}\" data-kind=\"{}\"><span class=\"completion-label mono\">{}</span>",
            if selected { " selected" } else { "" },
            item.kind,
            escape(&item.label),
        );
        if !item.detail.is_empty() {
            let _ = write!(out, "<span class=\"completion-detail\">{}</span>", escape(&item.detail));
        }
        out.push_str("</li>");
    }
    out
}
