//! Findings about a policy in IAM Access Analyzer's terms: unknown vocabulary (services,
//! actions, condition keys, ARNs that fit no action), the PassRole security warnings, trust-policy
//! checks and redundant or shadowed statements — each with a stable code, a severity, a message
//! and help in English or Japanese, the range it is about, the AWS page it rests on and, where the
//! fix is unambiguous, the edit that makes it. Policy-kind aware; pure (the service reference is
//! given). The save-time errors IAM answers with `MalformedPolicyDocument` stay with `parse`;
//! [`check`] lists them beside the findings.

mod code;
mod edit;
mod pass_role;
mod statements;
mod trust;
mod vocabulary;

pub use code::{DocPage, FindingCode, FindingSeverity};

use crate::diagnostics::{Diagnostic, Refusal, Severity, TextRange};
use crate::lang::Lang;
use crate::parse::parse_policy_with_quota;
use crate::policy::{Policy, PolicyKind};
use crate::vocabulary::ServiceReference;
use serde::{Serialize, Serializer};

/// One text replacement: `range` of the policy text becomes `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    /// The bytes to replace (empty to insert).
    pub range: TextRange,
    /// The new text.
    pub text: String,
}

/// A quick fix: edits that resolve a finding, with a title for the button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does (`replace with \`ec2:RunInstances\``).
    pub title: String,
    /// The edits, in text order, not overlapping.
    pub edits: Vec<TextEdit>,
}

impl Fix {
    /// The policy text with the fix applied.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut cursor = 0;
        for edit in &self.edits {
            out.push_str(text.get(cursor..edit.range.start).unwrap_or(""));
            out.push_str(&edit.text);
            cursor = edit.range.end.max(cursor);
        }
        out.push_str(text.get(cursor..).unwrap_or(""));
        out
    }
}

/// Where a finding's code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingSource {
    /// A check of this module.
    Lint(FindingCode),
    /// A diagnostic of `parse` (kebab-case code; errors are what IAM refuses to save).
    Parse(&'static str),
}

impl Serialize for FindingSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl FindingSource {
    /// The code as printed.
    pub fn code(self) -> &'static str {
        match self {
            Self::Lint(code) => code.code(),
            Self::Parse(code) => code,
        }
    }
}

/// One finding about a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The stable code.
    pub code: FindingSource,
    /// How serious it is.
    pub severity: FindingSeverity,
    /// What is wrong: lowercase start, no final period, policy text in backticks.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The bytes of the policy text it is about.
    pub range: TextRange,
    /// The AWS page it rests on.
    pub doc: DocPage,
    /// The edit that fixes it, when the fix is unambiguous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// For a save-time error: what AWS answers when the policy is saved (`MalformedPolicyDocument`
    /// and AWS's own words, where AWS has them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Refusal>,
}

impl Finding {
    fn new(code: FindingCode, range: TextRange, message: String) -> Self {
        Self {
            code: FindingSource::Lint(code),
            severity: code.severity(),
            message,
            help: None,
            range,
            doc: code.doc(),
            fix: None,
            refusal: None,
        }
    }

    fn help(mut self, help: String) -> Self {
        self.help = Some(help);
        self
    }

    fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// Whether IAM would refuse the policy, or the statement cannot work as written.
    pub fn is_error(&self) -> bool {
        self.severity == FindingSeverity::Error
    }
}

/// English or Japanese.
fn t(lang: Lang, en: String, ja: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The checks' shared state: the policy, the reference, the language and what `parse` said.
struct Context<'a> {
    text: &'a str,
    policy: &'a Policy,
    reference: &'a ServiceReference,
    lang: Lang,
    /// What `parse` reported: no vocabulary finding repeats one of its ranges.
    diagnostics: &'a [Diagnostic],
    findings: Vec<Finding>,
}

impl Context<'_> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    fn is_flagged(&self, range: TextRange) -> bool {
        self.diagnostics.iter().any(|d| d.range.start <= range.start && range.end <= d.range.end)
    }

    fn parse_reported(&self, code: &str) -> bool {
        self.diagnostics.iter().any(|d| d.code == code)
    }

    fn t(&self, en: String, ja: String) -> String {
        t(self.lang, en, ja)
    }
}

/// The findings about a parsed policy, in text order. `diagnostics` are what `parse` reported
/// (no finding repeats one of them); `reference` may be empty, and the vocabulary checks are
/// then skipped.
pub fn lint_policy(
    text: &str,
    policy: &Policy,
    diagnostics: &[Diagnostic],
    reference: &ServiceReference,
    lang: Lang,
) -> Vec<Finding> {
    let mut context = Context { text, policy, reference, lang, diagnostics, findings: Vec::new() };
    if !reference.is_empty() {
        vocabulary::check(&mut context);
    }
    pass_role::check(&mut context);
    if policy.kind == PolicyKind::Trust {
        trust::check(&mut context);
    }
    statements::check(&mut context);
    let mut findings = context.findings;
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.severity));
    findings
}

/// `parse`'s warnings that a finding restates at the same range, with the finding's code: the
/// finding (Access Analyzer's code and page) is kept, the warning dropped.
const RESTATED: [(&str, FindingCode); 3] = [
    ("missing-version", FindingCode::MissingVersion),
    ("not-principal-allow", FindingCode::AllowWithNotPrincipal),
    ("not-principal-in-trust-policy", FindingCode::RoleTrustPolicySyntaxErrorNotPrincipal),
];

/// Everything to say about a policy text of `kind`: `parse`'s diagnostics (its errors are what
/// IAM refuses to save) and the findings, in text order, each once. `quota` is the size quota
/// to check (see [`PolicyKind::size_quota`]).
pub fn check(text: &str, kind: PolicyKind, quota: usize, reference: &ServiceReference, lang: Lang) -> Vec<Finding> {
    let parsed = parse_policy_with_quota(text, kind, quota);
    let findings = match &parsed.policy {
        Some(policy) => lint_policy(text, policy, &parsed.diagnostics, reference, lang),
        None => Vec::new(),
    };
    let mut all: Vec<Finding> = parsed
        .diagnostics
        .iter()
        .filter(|d| {
            !((d.severity == Severity::Warning || d.code == "not-principal-in-trust-policy")
                && RESTATED.iter().any(|(code, by)| {
                    *code == d.code && findings.iter().any(|f| f.code == FindingSource::Lint(*by) && f.range == d.range)
                }))
        })
        .map(|d| edit::from_diagnostic(d, text, lang))
        .collect();
    all.extend(findings);
    all.sort_by_key(|f| (f.range.start, f.range.end, f.severity));
    all
}

#[cfg(test)]
mod tests;
