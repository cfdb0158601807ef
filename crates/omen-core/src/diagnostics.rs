//! Diagnostics: positioned errors and warnings about policy text, and source positions.

use crate::lang::{Lang, Text};
use serde::{Serialize, Serializer};

/// A half-open byte range `[start, end)` into the text the user typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TextRange {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl TextRange {
    /// A range from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The slice of `text` this range covers, or `""` when out of bounds.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS refuses to save the policy (IAM answers `MalformedPolicyDocument`), or Omen cannot read
    /// it: such a policy never takes part in an evaluation.
    Error,
    /// AWS saves the policy, but it probably does not do what was meant.
    Warning,
}

/// What AWS answers when a policy with a save-time error is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    /// AWS's error code: `MalformedPolicyDocument` (IAM, STS), `MalformedPolicyDocumentException`
    /// (Organizations), or `LimitExceeded` for a policy over its size quota.
    pub error_code: &'static str,
    /// AWS's own words for the problem, where AWS has them (`Syntax errors in policy.`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_message: Option<String>,
}

impl Refusal {
    /// `MalformedPolicyDocument: Syntax errors in policy.`, or the error code alone when AWS's
    /// words are not known.
    pub fn aws_text(&self) -> String {
        match &self.aws_message {
            Some(message) => format!("{}: {message}", self.error_code),
            None => self.error_code.to_string(),
        }
    }
}

/// Declares the diagnostic codes once: the enum, the list of all of them, and their table.
macro_rules! diagnostic_codes {
    ($($(#[doc = $doc:literal])* $name:ident => ($code:literal, $severity:ident, $aws:expr, $page:expr),)*) => {
        /// Every diagnostic Omen gives about policy text, with its severity, what AWS answers when
        /// such a policy is saved, and the AWS page the rule rests on. `crates/omen-core/README.md`
        /// lists this table; the tests check that every code fires and does not fire where it should.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum DiagnosticCode {
            $($(#[doc = $doc])* $name,)*
        }

        impl DiagnosticCode {
            /// Every code, in the table's order.
            pub const ALL: &'static [DiagnosticCode] = &[$(Self::$name),*];

            /// The stable code, such as `unknown-element`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$name => $code,)*
                }
            }

            /// Error (AWS refuses to save the policy) or warning.
            pub fn severity(self) -> Severity {
                match self {
                    $(Self::$name => Severity::$severity,)*
                }
            }

            /// AWS's own words for the problem when they do not depend on the policy, where AWS
            /// has them (some checks quote AWS's words with the offending value instead).
            pub fn aws_message(self) -> Option<&'static str> {
                match self {
                    $(Self::$name => $aws,)*
                }
            }

            /// The title of the AWS page the rule rests on.
            pub fn page(self) -> &'static str {
                match self {
                    $(Self::$name => $page,)*
                }
            }
        }
    };
}

const SYNTAX: Option<&str> = Some("Syntax errors in policy.");
const GRAMMAR: &str = "IAM JSON policy grammar";

diagnostic_codes! {
    /// The text is not strict JSON.
    InvalidJson => ("invalid-json", Error, SYNTAX, "Troubleshooting IAM policies"),
    /// The text is empty.
    EmptyPolicy => ("empty-policy", Error, SYNTAX, GRAMMAR),
    /// An element has the wrong JSON type.
    WrongType => ("wrong-type", Error, SYNTAX, GRAMMAR),
    /// The policy is over its kind's size quota.
    PolicyTooLarge => ("policy-too-large", Error, None, "IAM and AWS STS quotas"),
    /// No `Version`: the policy is read as `2008-10-17`.
    MissingVersion => ("missing-version", Warning, None, "IAM JSON policy elements: Version"),
    /// `Version` is `2008-10-17`.
    OldVersion => ("old-version", Warning, None, "IAM JSON policy elements: Version"),
    /// `Version` is neither `2012-10-17` nor `2008-10-17`.
    InvalidVersion => ("invalid-version", Error, SYNTAX, "IAM JSON policy elements: Version"),
    /// No `Statement` element.
    MissingStatement => ("missing-statement", Error, None, GRAMMAR),
    /// `Statement` is an empty list.
    EmptyStatement => ("empty-statement", Warning, None, GRAMMAR),
    /// A statement has no `Effect`.
    MissingEffect => ("missing-effect", Error, None, "IAM JSON policy elements: Effect"),
    /// `Effect` is neither `Allow` nor `Deny`.
    InvalidEffect => ("invalid-effect", Error, None, "IAM JSON policy elements: Effect"),
    /// A statement has neither `Action` nor `NotAction`.
    MissingAction => ("missing-action", Error, None, "IAM JSON policy elements: Action"),
    /// A statement of a policy that needs one has neither `Resource` nor `NotResource`.
    MissingResource => (
        "missing-resource",
        Error,
        Some("Policy statement must contain resources."),
        "IAM JSON policy elements: Resource"
    ),
    /// A statement of a resource-based policy has neither `Principal` nor `NotPrincipal`.
    MissingPrincipal => ("missing-principal", Error, None, "IAM JSON policy elements: Principal"),
    /// `Principal` or `NotPrincipal` in a policy that cannot name one.
    PrincipalNotAllowed => (
        "principal-not-allowed",
        Error,
        Some("Policy document should not specify a principal."),
        "IAM JSON policy elements: Principal"
    ),
    /// An element holds an empty list.
    EmptyList => ("empty-list", Error, None, GRAMMAR),
    /// An element appears twice in the same object.
    DuplicateElement => ("duplicate-element", Error, None, "Troubleshooting IAM policies"),
    /// A condition operator appears twice in one `Condition` block.
    DuplicateConditionOperator => (
        "duplicate-condition-operator",
        Error,
        None,
        "IAM JSON policy elements: Condition"
    ),
    /// A condition key appears twice (in any capitalization) under one operator.
    DuplicateConditionKey => (
        "duplicate-condition-key",
        Error,
        None,
        "IAM policy validation check reference"
    ),
    /// An element IAM does not know.
    UnknownElement => ("unknown-element", Error, SYNTAX, "IAM JSON policy element reference"),
    /// Two statements share a Sid.
    DuplicateSid => (
        "duplicate-sid",
        Error,
        Some("The Statement Ids in the policy are not unique"),
        "IAM JSON policy elements: Sid"
    ),
    /// A Sid with characters other than letters and digits.
    InvalidSid => (
        "invalid-sid",
        Error,
        Some("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"),
        "IAM JSON policy elements: Sid"
    ),
    /// Both `Action` and `NotAction` (or `Resource`/`NotResource`, `Principal`/`NotPrincipal`).
    ConflictingElements => ("conflicting-elements", Error, None, "IAM JSON policy element reference"),
    /// An action not written `service:action`.
    MalformedAction => ("malformed-action", Error, None, "IAM JSON policy elements: Action"),
    /// `iam:AssumeRole*` outside a trust policy: the action belongs to STS.
    IamAssumeRole => ("iam-assume-role", Warning, None, "IAM JSON policy elements: Action"),
    /// `iam:AssumeRole*` in a trust policy.
    IamAssumeRoleInTrust => ("iam-assume-role-in-trust", Error, None, "IAM JSON policy elements: Action"),
    /// An action other than STS's role actions in a trust policy.
    TrustAction => ("trust-action", Warning, None, "IAM JSON policy elements: Action"),
    /// `Resource` or `NotResource` in a role trust policy.
    ResourceInTrustPolicy => (
        "resource-in-trust-policy",
        Error,
        Some("Has prohibited field Resource"),
        "IAM policy validation check reference"
    ),
    /// A resource that is neither `*` nor an ARN.
    MalformedArn => ("malformed-arn", Error, None, "IAM JSON policy elements: Resource"),
    /// An ARN with fewer than six colon-separated parts.
    IncompleteArn => ("incomplete-arn", Warning, None, "IAM JSON policy elements: Resource"),
    /// `Principal` that is neither `"*"` nor an object of principal types.
    InvalidPrincipalFormat => (
        "invalid-principal-format",
        Error,
        None,
        "IAM JSON policy elements: Principal"
    ),
    /// An AWS principal that is not an account id, a root, user, role or session ARN.
    MalformedPrincipal => ("malformed-principal", Error, None, "IAM JSON policy elements: Principal"),
    /// A wildcard inside a principal ARN.
    WildcardInPrincipal => ("wildcard-in-principal", Error, None, "IAM JSON policy elements: Principal"),
    /// A federated principal that is neither an identity provider ARN nor a provider AWS names.
    MalformedFederatedPrincipal => (
        "malformed-federated-principal",
        Error,
        None,
        "IAM JSON policy elements: Principal"
    ),
    /// A service principal that does not end in `.amazonaws.com`.
    MalformedServicePrincipal => (
        "malformed-service-principal",
        Warning,
        None,
        "IAM JSON policy elements: Principal"
    ),
    /// A condition operator AWS does not know, including `NullIfExists`.
    UnknownOperator => ("unknown-operator", Error, None, "IAM JSON policy elements: Condition operators"),
    /// A condition value the operator cannot compare (a number, date, Boolean or IP address).
    InvalidConditionValue => (
        "invalid-condition-value",
        Warning,
        None,
        "IAM JSON policy elements: Condition operators"
    ),
    /// `Allow` with `NotPrincipal`.
    NotPrincipalAllow => ("not-principal-allow", Warning, None, "AWS JSON policy elements: NotPrincipal"),
    /// `NotPrincipal` in a role trust policy: "You cannot use the NotPrincipal element in an IAM
    /// identity-based policy nor in an IAM role trust policy" ("AWS JSON policy elements:
    /// NotPrincipal", Key points).
    NotPrincipalInTrustPolicy => (
        "not-principal-in-trust-policy",
        Error,
        None,
        "AWS JSON policy elements: NotPrincipal"
    ),
    /// A ResourceTag condition on `iam:PassRole`.
    PassroleResourceTag => (
        "passrole-resource-tag",
        Warning,
        None,
        "Grant a user permissions to pass a role to an AWS service"
    ),
    /// `${…}` in a policy whose language does not substitute variables.
    VariableNotSubstituted => (
        "variable-not-substituted",
        Warning,
        None,
        "IAM policy elements: Variables and tags"
    ),
}

impl DiagnosticCode {
    /// The code for its stable name, such as `unknown-element`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|code| code.as_str() == name)
    }
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about a policy, with where it is and how to fix it, in English and Japanese.
/// Serialized as `message`/`help` (English) and `messageJa`/`helpJa`, as world-level problems are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code, such as `unknown-element` (see [`DiagnosticCode`]).
    pub code: &'static str,
    /// What is wrong: lowercase start, no final period, user input in backticks; in both languages.
    pub message: Text,
    /// How to fix it, when Omen knows, in both languages.
    pub help: Option<Text>,
    /// Where in the policy text.
    pub range: TextRange,
    /// For a save-time error: what AWS answers when the policy is saved.
    pub refusal: Option<Refusal>,
}

impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The JSON shape: each text as English and Japanese fields side by side.
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire<'a> {
            severity: Severity,
            code: &'a str,
            message: &'a str,
            message_ja: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            help: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            help_ja: Option<&'a str>,
            range: TextRange,
            #[serde(skip_serializing_if = "Option::is_none")]
            refusal: Option<&'a Refusal>,
        }
        Wire {
            severity: self.severity,
            code: self.code,
            message: &self.message.en,
            message_ja: &self.message.ja,
            help: self.help.as_ref().map(|help| help.en.as_str()),
            help_ja: self.help.as_ref().map(|help| help.ja.as_str()),
            range: self.range,
            refusal: self.refusal.as_ref(),
        }
        .serialize(serializer)
    }
}

impl Diagnostic {
    /// A diagnostic about policy text: its severity comes from the table, and an error carries
    /// AWS's answer (`MalformedPolicyDocument` and AWS's words, where AWS has them). `message`
    /// holds both languages, so no code can be said in English only.
    pub fn new(code: DiagnosticCode, range: TextRange, message: Text) -> Self {
        let refusal = (code.severity() == Severity::Error).then(|| Refusal {
            error_code: if code == DiagnosticCode::PolicyTooLarge {
                "LimitExceeded"
            } else {
                "MalformedPolicyDocument"
            },
            aws_message: code.aws_message().map(str::to_string),
        });
        Self { severity: code.severity(), code: code.as_str(), message, help: None, range, refusal }
    }

    /// An error at `range` that is not about policy text (a world or a case).
    pub fn error(code: &'static str, range: TextRange, message: Text) -> Self {
        Self { severity: Severity::Error, code, message, help: None, range, refusal: None }
    }

    /// A warning at `range` that is not about policy text (a world): the world plays, but part of
    /// it does not do what it seems to.
    pub fn warning(code: &'static str, range: TextRange, message: Text) -> Self {
        Self { severity: Severity::Warning, code, message, help: None, range, refusal: None }
    }

    /// The same diagnostic with a `help` line, in both languages.
    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// The same diagnostic quoting AWS's own words for this occurrence.
    pub fn with_aws_message(mut self, aws_message: impl Into<String>) -> Self {
        if let Some(refusal) = &mut self.refusal {
            refusal.aws_message = Some(aws_message.into());
        }
        self
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }

    /// How to fix it, in `lang`, when Omen knows.
    pub fn help(&self, lang: Lang) -> Option<&str> {
        self.help.as_ref().map(|help| help.get(lang))
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether AWS refuses to save a policy with this diagnostic.
    pub fn is_refusal(&self) -> bool {
        self.refusal.is_some()
    }

    /// The entry of the table this diagnostic comes from, for diagnostics about policy text.
    pub fn table_code(&self) -> Option<DiagnosticCode> {
        DiagnosticCode::from_name(self.code)
    }
}

/// A position in text as editors count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in UTF-16 code units (what browsers and editors count).
    pub column: usize,
    /// 0-based offset from the start of the text, in UTF-16 code units.
    pub utf16_offset: usize,
}

/// Converts byte offsets of one text into lines, columns and UTF-16 offsets.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Index the line starts of `text`.
    pub fn new(text: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = utf16_len(self.text.get(line_start..offset).unwrap_or("")) + 1;
        let utf16_offset = utf16_len(self.text.get(..offset).unwrap_or(""));
        Position { line, column, utf16_offset }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'t str {
        let start = self.line_starts.get(line.wrapping_sub(1)).copied().unwrap_or(self.text.len());
        let end = self.line_starts.get(line).map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Render a diagnostic in `lang` with its source line and a caret underline, for terminals and
/// snapshots.
pub fn render_with_source(diagnostic: &Diagnostic, text: &str, lang: Lang) -> String {
    let index = LineIndex::new(text);
    let start = index.position(diagnostic.range.start);
    let end = index.position(diagnostic.range.end);
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let source = index.line_text(start.line);
    let width = if end.line == start.line { end.column.saturating_sub(start.column).max(1) } else { 1 };
    let mut out = format!(
        "{kind}[{}]: {}\n --> {}:{}\n  | {source}\n  | {}{}",
        diagnostic.code,
        diagnostic.message(lang),
        start.line,
        start.column,
        " ".repeat(start.column - 1),
        "^".repeat(width)
    );
    if let Some(help) = diagnostic.help(lang) {
        out.push_str("\n  = help: ");
        out.push_str(help);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_columns() {
        let text = "{\n  \"Sid\": \"お面\",\n  \"x\": 1\n}";
        let index = LineIndex::new(text);
        let x = text.find("\"x\"").unwrap_or_default();
        assert_eq!(index.position(x).line, 3);
        assert_eq!(index.position(x).column, 3);
        let after_mask = text.find("\",\n").unwrap_or_default();
        // `  "Sid": "` is 10 UTF-16 units, then two kana.
        assert_eq!(index.position(after_mask).column, 13);
        assert_eq!(index.line_text(2), "  \"Sid\": \"お面\",");
    }

    #[test]
    fn render_underlines_the_range() {
        let text = "{\"Efect\": \"Allow\"}";
        let diagnostic = Diagnostic::new(
            DiagnosticCode::UnknownElement,
            TextRange::new(1, 8),
            Text::new("unknown element `Efect`", "`Efect` は未知の要素です"),
        )
        .with_help(Text::new("did you mean `Effect`?", "`Effect` のことですか？"));
        let rendered = render_with_source(&diagnostic, text, Lang::En);
        assert!(rendered.contains("  |  ^^^^^^^"), "{rendered}");
        assert!(rendered.ends_with("help: did you mean `Effect`?"));
        let japanese = render_with_source(&diagnostic, text, Lang::Ja);
        assert!(japanese.starts_with("error[unknown-element]: `Efect` は未知の要素です"), "{japanese}");
        assert!(japanese.ends_with("help: `Effect` のことですか？"));
    }

    #[test]
    fn json_carries_both_languages() {
        let diagnostic = Diagnostic::new(
            DiagnosticCode::EmptyPolicy,
            TextRange::new(0, 1),
            Text::new("the policy is empty", "ポリシーが空です"),
        )
        .with_help(Text::new("start with `{}`", "`{}` から書き始めてください"));
        let json = serde_json::to_value(&diagnostic).unwrap_or_default();
        assert_eq!(json["message"], "the policy is empty");
        assert_eq!(json["messageJa"], "ポリシーが空です");
        assert_eq!(json["help"], "start with `{}`");
        assert_eq!(json["helpJa"], "`{}` から書き始めてください");
        assert_eq!(json["refusal"]["errorCode"], "MalformedPolicyDocument");
    }
}

/// The table of [`DiagnosticCode`] as the crate README prints it (Markdown).
pub fn codes_markdown() -> String {
    let mut out =
        String::from("| code | severity | AWS answers at save time | AWS page |\n| --- | --- | --- | --- |\n");
    for code in DiagnosticCode::ALL {
        let answer = match (code.severity(), code.aws_message(), code) {
            (Severity::Warning, _, _) => "saved (warning only)".to_string(),
            (Severity::Error, _, DiagnosticCode::PolicyTooLarge) => {
                "`LimitExceeded` (quota named per kind)".to_string()
            }
            (Severity::Error, Some(words), _) => format!("`MalformedPolicyDocument`: {words}"),
            (Severity::Error, None, _) => "`MalformedPolicyDocument`".to_string(),
        };
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("| `{}` | {severity} | {answer} | {} |\n", code.as_str(), code.page()));
    }
    out
}

#[cfg(test)]
mod readme_tests {
    use super::*;

    /// The crate README lists the table as the code has it; `OMEN_BLESS=1` rewrites it.
    #[test]
    fn readme_lists_every_diagnostic_code() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap_or_default();
        let (start, end) = ("<!-- diagnostic codes: begin -->\n", "<!-- diagnostic codes: end -->");
        let table = codes_markdown();
        let (Some(from), Some(to)) = (readme.find(start), readme.find(end)) else {
            panic!("README.md has no `{}` … `{end}` section", start.trim());
        };
        let current = readme.get(from + start.len()..to).unwrap_or_default();
        if current != table {
            if std::env::var_os("OMEN_BLESS").is_some() {
                let updated = format!(
                    "{}{table}{}",
                    readme.get(..from + start.len()).unwrap_or_default(),
                    readme.get(to..).unwrap_or_default()
                );
                std::fs::write(&path, updated).unwrap_or_default();
            } else {
                panic!("README.md's diagnostic codes differ from the table (rerun with OMEN_BLESS=1):\n{table}");
            }
        }
    }
}
