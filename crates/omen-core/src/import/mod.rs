//! Import: what the AWS CLI prints about IAM — `get-account-authorization-details`, `get-role`,
//! `get-user`, `get-*-policy`, `get-policy`, `get-policy-version`, `list-*` — read into an
//! [`Inventory`] of accounts and then into the world `omen flow` plays. Pure: it is given file
//! names and texts, and reads nothing itself.
//!
//! Before anything else, every text is searched for credentials ([`secrets`]); a file holding
//! some is refused, redacted or kept as [`ImportOptions::secrets`] says. Then each file is read
//! as one or more JSON documents; a damaged or cut file keeps its complete entries and gets a
//! diagnostic at the JSON pointer where it broke. A file that cannot be read never costs what
//! the other files gave. Managed policies the files reference but do not hold are looked up in
//! the caller's [`PolicyCatalogue`] and otherwise reported as unresolved.
//!
//! ```
//! use omen_core::import::{import, ImportFile, ImportOptions};
//! let text = r#"{"Role": {"Path": "/", "RoleName": "Deploy", "Arn": "arn:aws:iam::111122223333:role/Deploy",
//!   "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"}}"#;
//! let imported = import(&[ImportFile { name: "deploy.json", text }], &ImportOptions::default());
//! let role = imported.inventory.roles().next().unwrap();
//! assert_eq!(role.trust_policy.as_ref().unwrap().encoding, omen_core::import::DocumentEncoding::UrlEncoded);
//! // `get-role` does not print a role's permissions policies: not known, and said so.
//! assert_eq!(role.inline_policies, None);
//! assert_eq!(imported.diagnostics[0].code, "unknown-permissions");
//! ```

mod arn;
pub mod diagnostic;
pub mod document;
pub mod inventory;
pub mod paste;
mod read;
pub mod secrets;
mod source;
pub mod world;

pub use diagnostic::ImportDiagnostic;
pub use document::{Document, DocumentBody, DocumentEncoding};
pub use inventory::{
    AccountInventory, Carrier, GroupEntity, InlinePolicy, InstanceProfile, Inventory, ManagedPolicy, Origin,
    OtherVersion, RoleEntity, Tag, UserEntity,
};
pub use paste::{policy_from_paste, PastedPolicy};
pub use read::{recognise, Shape};
pub use secrets::{find_secrets, redact_secrets, SecretFinding, SecretKind};
pub use world::{world_json, WorldChoice, WorldProblem};

use crate::diagnostics::{LineIndex, Severity, TextRange};
use crate::flow::Text;
use arn::IamArn;
use diagnostic::Finding;
use read::{Builder, Place};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One file to import: its name (for diagnostics) and its text.
#[derive(Debug, Clone, Copy)]
pub struct ImportFile<'t> {
    /// The name people know the file by.
    pub name: &'t str,
    /// Its text (the caller decodes bytes; invalid UTF-8 may be replaced by U+FFFD).
    pub text: &'t str,
}

/// What to do with a file that holds credentials.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SecretHandling {
    /// Do not read the file; say where the credentials are.
    #[default]
    Refuse,
    /// Blank the credentials out (same length, so positions hold), then read the file.
    Redact,
    /// Read the file as it is (the caller has shown the findings and the person chose this).
    Keep,
}

/// Where managed policies that the files reference but do not hold come from: the AWS managed
/// policy catalogue, when the caller has one. Implemented for any `Fn(&str) -> Option<String>`.
pub trait PolicyCatalogue {
    /// The default version's document of the managed policy `arn`, as JSON text.
    fn default_version(&self, arn: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> PolicyCatalogue for F {
    fn default_version(&self, arn: &str) -> Option<String> {
        self(arn)
    }
}

/// No catalogue: every managed policy missing from the files stays unresolved.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoCatalogue;

impl PolicyCatalogue for NoCatalogue {
    fn default_version(&self, _arn: &str) -> Option<String> {
        None
    }
}

/// The managed-policy catalogue (`managed-policies.txt` read with the service reference generated
/// with it): the default version of each AWS managed policy, by its ARN ("AWS managed policies":
/// their ARNs read `arn:aws:iam::aws:policy/` + path + name). A customer managed policy of the same
/// name is another policy, never looked up here.
impl PolicyCatalogue for crate::vocabulary::ManagedCatalogue<'_> {
    fn default_version(&self, arn: &str) -> Option<String> {
        if !arn.starts_with(crate::vocabulary::AWS_MANAGED_PREFIX) {
            return None;
        }
        self.policies.get(arn)?.document(self.reference).ok()
    }
}

/// How to import.
#[derive(Clone, Copy)]
pub struct ImportOptions<'c> {
    /// What to do with files holding credentials.
    pub secrets: SecretHandling,
    /// Where to look up managed policies the files do not hold.
    pub catalogue: &'c dyn PolicyCatalogue,
}

impl Default for ImportOptions<'_> {
    fn default() -> Self {
        Self { secrets: SecretHandling::Refuse, catalogue: &NoCatalogue }
    }
}

impl std::fmt::Debug for ImportOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportOptions").field("secrets", &self.secrets).finish_non_exhaustive()
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    /// The file name.
    pub name: String,
    /// Which command printed each of its JSON documents.
    pub shapes: Vec<Shape>,
    /// Credentials found in it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<SecretFinding>,
    /// Whether the credentials were blanked out before it was read.
    pub redacted: bool,
    /// Whether it was read at all (a refused file is not).
    pub read: bool,
}

/// A managed policy referenced but not held by the files or the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnresolvedPolicy {
    /// Its ARN.
    pub arn: String,
    /// Whether AWS manages it.
    pub aws_managed: bool,
    /// The users, groups and roles that attach it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attached_to: Vec<String>,
    /// The users and roles whose permissions boundary it is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub boundary_of: Vec<String>,
}

/// The result of an import.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Import {
    /// Everything read.
    pub inventory: Inventory,
    /// Each file, in the order given.
    pub files: Vec<FileReport>,
    /// Managed policies referenced but not held.
    pub unresolved: Vec<UnresolvedPolicy>,
    /// Problems, file by file.
    pub diagnostics: Vec<ImportDiagnostic>,
}

impl Import {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(ImportDiagnostic::is_error)
    }
}

/// Import `files`.
pub fn import(files: &[ImportFile<'_>], options: &ImportOptions<'_>) -> Import {
    let mut builder = Builder::default();
    let mut reports = Vec::with_capacity(files.len());
    let mut texts: Vec<String> = Vec::with_capacity(files.len());
    let mut starts: Vec<Vec<usize>> = Vec::with_capacity(files.len());
    let mut secret_findings: Vec<(usize, Finding, TextRange)> = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        let original = file.text.strip_prefix('\u{feff}').unwrap_or(file.text);
        let secrets = find_secrets(original);
        let mut report = FileReport {
            name: file.name.to_string(),
            shapes: Vec::new(),
            secrets: secrets.clone(),
            redacted: false,
            read: true,
        };
        let text = match (secrets.is_empty(), options.secrets) {
            (true, _) | (false, SecretHandling::Keep) => original.to_string(),
            (false, SecretHandling::Redact) => {
                report.redacted = true;
                redact_secrets(original, &secrets)
            }
            (false, SecretHandling::Refuse) => {
                report.read = false;
                original.to_string()
            }
        };
        for secret in &secrets {
            secret_findings.push((file_index, secret_finding(secret, options.secrets), secret.range));
        }
        let mut document_starts = Vec::new();
        if report.read {
            read_file(&mut builder, file_index, file.name, &text, &mut document_starts);
        }
        report.shapes = builder.shapes.get(file_index).cloned().unwrap_or_default();
        reports.push(report);
        texts.push(text);
        starts.push(document_starts);
    }
    builder.settle();
    let unresolved = resolve_managed_policies(&mut builder, files, options.catalogue);
    check_groups(&mut builder, files);
    check_unknown_permissions(&mut builder, files);
    let mut diagnostics = locate_findings(files, &texts, &starts, builder.findings);
    for (file_index, finding, range) in secret_findings {
        let (Some(file), Some(text)) = (files.get(file_index), texts.get(file_index)) else { continue };
        let position = LineIndex::new(text).position(range.start);
        diagnostics.push(ImportDiagnostic {
            file: file.name.to_string(),
            document: None,
            pointer: None,
            severity: finding.severity,
            code: finding.code,
            message: finding.message,
            help: finding.help,
            range: Some(range),
            line: Some(position.line),
            column: Some(position.column),
        });
    }
    // File order, then position in the file.
    let order: HashMap<&str, usize> = files.iter().enumerate().map(|(i, f)| (f.name, i)).collect();
    diagnostics.sort_by_key(|d| (order.get(d.file.as_str()).copied(), d.range.map(|r| r.start)));
    Import { inventory: builder.inventory, files: reports, unresolved, diagnostics }
}

/// Read one file's JSON documents into the builder.
fn read_file(builder: &mut Builder, file_index: usize, name: &str, text: &str, starts: &mut Vec<usize>) {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        builder.findings.push((file_index, empty_file()));
        return;
    }
    if !trimmed.starts_with(['{', '[']) {
        builder.findings.push((file_index, not_json(trimmed)));
        return;
    }
    let mut source = source::read_documents(text);
    let damaged_document = source.damage.as_ref().map(|d| d.document);
    for (document, read) in source.documents.iter().enumerate() {
        starts.push(read.start);
        let damaged = damaged_document == Some(document);
        let place = Place { file_index, file: name, document, damaged };
        let shape = builder.read(place, &read.value);
        if let Some(damage) = source.damage.as_mut().filter(|_| damaged && shape.is_single_entity()) {
            damage.saved = false;
        }
    }
    if let Some(damage) = source.damage {
        if starts.len() <= damage.document {
            starts.push(damage.start);
        }
        builder.findings.push((file_index, damaged_json(&damage)));
    }
}

/// Attach every referenced managed policy that the files do not hold from the catalogue, and
/// list those still missing.
fn resolve_managed_policies(
    builder: &mut Builder,
    files: &[ImportFile<'_>],
    catalogue: &dyn PolicyCatalogue,
) -> Vec<UnresolvedPolicy> {
    // ARN → (attached to, boundary of, where first referenced).
    let mut references: BTreeMap<String, (Vec<String>, Vec<String>, Origin)> = BTreeMap::new();
    let mut note = |arn: &str, entity: &str, boundary: bool, origin: Origin| {
        let entry = references.entry(arn.to_string()).or_insert_with(|| (Vec::new(), Vec::new(), origin));
        if boundary { &mut entry.1 } else { &mut entry.0 }.push(entity.to_string());
    };
    for account in &builder.inventory.accounts {
        for user in &account.users {
            for (i, arn) in user.managed_policies.iter().flatten().enumerate() {
                note(arn, &user.arn, false, pointed(&user.origin, &format!("/AttachedManagedPolicies/{i}/PolicyArn")));
            }
            if let Some(Some(arn)) = &user.permissions_boundary {
                note(arn, &user.arn, true, pointed(&user.origin, "/PermissionsBoundary/PermissionsBoundaryArn"));
            }
        }
        for group in &account.groups {
            for (i, arn) in group.managed_policies.iter().flatten().enumerate() {
                note(
                    arn,
                    &group.arn,
                    false,
                    pointed(&group.origin, &format!("/AttachedManagedPolicies/{i}/PolicyArn")),
                );
            }
        }
        for role in &account.roles {
            for (i, arn) in role.managed_policies.iter().flatten().enumerate() {
                note(arn, &role.arn, false, pointed(&role.origin, &format!("/AttachedManagedPolicies/{i}/PolicyArn")));
            }
            if let Some(Some(arn)) = &role.permissions_boundary {
                note(arn, &role.arn, true, pointed(&role.origin, "/PermissionsBoundary/PermissionsBoundaryArn"));
            }
        }
    }
    let mut unresolved = Vec::new();
    for (arn, (attached_to, boundary_of, origin)) in references {
        let held = builder.inventory.managed_policy(&arn).is_some_and(|p| p.document.is_some());
        if held {
            continue;
        }
        let Some(parsed) = IamArn::parse(&arn) else { continue };
        let from_catalogue = catalogue.default_version(&arn).or_else(|| {
            let standard = format!("arn:aws:iam::aws:policy{}{}", parsed.path, parsed.name);
            (parsed.is_aws_managed_policy() && standard != arn).then(|| catalogue.default_version(&standard)).flatten()
        });
        if let Some(text) = from_catalogue {
            let (document, _) = document::read_document_text(&text);
            let policy = ManagedPolicy {
                arn: arn.clone(),
                name: parsed.name.clone(),
                path: parsed.path.clone(),
                id: None,
                default_version_id: None,
                document,
                versions: 1,
                other_versions: Vec::new(),
                aws_managed: parsed.is_aws_managed_policy(),
                origin: Origin { file: "catalogue".into(), document: 0, pointer: String::new() },
            };
            let list = if policy.aws_managed {
                &mut builder.inventory.aws_managed_policies
            } else {
                &mut builder.inventory.account_mut(&parsed.account, &parsed.partition).policies
            };
            match list.iter_mut().find(|p| p.arn == arn) {
                Some(earlier) => earlier.document = policy.document,
                None => list.push(policy),
            }
            continue;
        }
        let finding = unresolved_policy(
            &origin,
            &arn,
            parsed.is_aws_managed_policy(),
            attached_to.len() + boundary_of.len(),
            !boundary_of.is_empty(),
        );
        let file_index = files.iter().position(|f| f.name == origin.file).unwrap_or(0);
        builder.findings.push((file_index, finding));
        unresolved.push(UnresolvedPolicy {
            arn: arn.clone(),
            aws_managed: parsed.is_aws_managed_policy(),
            attached_to,
            boundary_of,
        });
    }
    unresolved
}

fn pointed(origin: &Origin, suffix: &str) -> Origin {
    Origin { pointer: format!("{}{suffix}", origin.pointer), ..origin.clone() }
}

/// Users in groups that no file describes.
fn check_groups(builder: &mut Builder, files: &[ImportFile<'_>]) {
    let mut findings = Vec::new();
    for account in &builder.inventory.accounts {
        for user in &account.users {
            for (i, group) in user.groups.iter().flatten().enumerate() {
                if account.groups.iter().any(|g| &g.name == group) {
                    continue;
                }
                let file_index = files.iter().position(|f| f.name == user.origin.file).unwrap_or(0);
                let pointer = format!("{}/GroupList/{i}", user.origin.pointer);
                findings.push((file_index, unknown_group(user.origin.document, &pointer, &user.name, group)));
            }
        }
    }
    builder.findings.extend(findings);
}

/// Users and roles whose files do not say which policies they have (`get-role`, `list-users`).
fn check_unknown_permissions(builder: &mut Builder, files: &[ImportFile<'_>]) {
    let mut findings = Vec::new();
    let file_of = |origin: &Origin| files.iter().position(|f| f.name == origin.file).unwrap_or(0);
    for account in &builder.inventory.accounts {
        let users = account.users.iter().map(|u| {
            ("user", "ユーザー", &u.name, &u.origin, u.inline_policies.is_none(), u.managed_policies.is_none())
        });
        let roles = account
            .roles
            .iter()
            .map(|r| ("role", "ロール", &r.name, &r.origin, r.inline_policies.is_none(), r.managed_policies.is_none()));
        for (en, ja, name, origin, inline, managed) in users.chain(roles) {
            if inline || managed {
                findings.push((file_of(origin), unknown_permissions(origin, en, ja, name, inline, managed)));
            }
        }
    }
    builder.findings.extend(findings);
}

/// Give every finding its file name, range, line and column.
fn locate_findings(
    files: &[ImportFile<'_>],
    texts: &[String],
    starts: &[Vec<usize>],
    findings: Vec<(usize, Finding)>,
) -> Vec<ImportDiagnostic> {
    // Pointers to locate, per file and document.
    let mut wanted: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    for (file, finding) in &findings {
        if let (None, Some(document), Some(pointer)) = (finding.offset, finding.document, &finding.pointer) {
            wanted.entry((*file, document)).or_default().push(pointer.clone());
        }
    }
    let mut located: HashMap<(usize, usize), HashMap<String, TextRange>> = HashMap::new();
    for ((file, document), pointers) in wanted {
        let (Some(text), Some(start)) = (texts.get(file), starts.get(file).and_then(|s| s.get(document))) else {
            continue;
        };
        located.insert((file, document), source::locate(text, *start, &pointers));
    }
    let indexes: Vec<LineIndex<'_>> = texts.iter().map(|t| LineIndex::new(t)).collect();
    findings
        .into_iter()
        .map(|(file, finding)| {
            let text_len = texts.get(file).map_or(0, String::len);
            let document_start = finding.document.and_then(|d| starts.get(file).and_then(|s| s.get(d))).copied();
            let range = match (finding.offset, finding.document, &finding.pointer) {
                (Some(offset), _, _) => Some(TextRange::new(offset, (offset + 1).min(text_len))),
                (None, Some(document), Some(pointer)) => located
                    .get(&(file, document))
                    .and_then(|found| found.get(pointer))
                    .copied()
                    // A document that never closes holds no complete value: point at its start.
                    .or(document_start.map(|start| TextRange::new(start, (start + 1).min(text_len)))),
                _ => None,
            };
            let position = range.and_then(|r| indexes.get(file).map(|index| index.position(r.start)));
            let several = starts.get(file).is_some_and(|s| s.len() > 1);
            ImportDiagnostic {
                file: files.get(file).map(|f| f.name.to_string()).unwrap_or_default(),
                document: finding.document.filter(|_| several),
                pointer: finding.pointer,
                severity: finding.severity,
                code: finding.code,
                message: finding.message,
                help: finding.help,
                range,
                line: position.map(|p| p.line),
                column: position.map(|p| p.column),
            }
        })
        .collect()
}

// ----- findings about whole files, secrets and references -----

fn empty_file() -> Finding {
    Finding::file(Severity::Error, "empty-file", Text::new("the file is empty", "ファイルが空です")).with_help(
        Text::new(
            "save the output of an `aws iam` command with `--output json`",
            "`aws iam` コマンドの出力を `--output json` で保存してください",
        ),
    )
}

fn not_json(text: &str) -> Finding {
    let start: String = text.chars().take(20).collect();
    Finding::file(
        Severity::Error,
        "not-json",
        Text::new(
            format!("expected JSON as the AWS CLI prints it, found `{start}`"),
            format!("AWS CLI が出力する JSON のはずが、`{start}` で始まっています"),
        ),
    )
    .with_help(Text::new(
        "run the command with `--output json` (text, table and YAML output cannot be read)",
        "コマンドを `--output json` 付きで実行してください（text・table・YAML の出力は読めません）",
    ))
}

fn damaged_json(damage: &source::Damage) -> Finding {
    let kept = if damage.saved {
        Text::new("; the complete entries before it were loaded", "。それより前の完全な項目は読み込みました")
    } else {
        Text::new("; nothing of this document could be loaded", "。この文書からは何も読み込めませんでした")
    };
    let (code, en, ja) = if damage.cut {
        (
            "cut-json",
            format!("the file ends inside `{}`{}", damage.pointer, kept.en),
            format!("ファイルが `{}` の途中で終わっています{}", damage.pointer, kept.ja),
        )
    } else {
        (
            "damaged-json",
            format!("the JSON is damaged inside `{}`: {}{}", damage.pointer, damage.reason, kept.en),
            format!("`{}` の中で JSON が壊れています（{}）{}", damage.pointer, json_reason_ja(&damage.reason), kept.ja),
        )
    };
    let mut finding = Finding::error(code, damage.document, &damage.pointer, Text::new(en, ja)).with_help(Text::new(
        "run the command again and save its whole output; entries after this point were not read",
        "コマンドをもう一度実行して出力全体を保存してください。ここから後の項目は読んでいません",
    ));
    // Where the text stops making sense, rather than the (unfinished) value at the pointer.
    finding.offset = Some(damage.offset);
    finding
}

/// serde_json's usual complaints in Japanese (others are shown as they are).
fn json_reason_ja(reason: &str) -> String {
    const KNOWN: [(&str, &str); 9] = [
        ("expected `,` or `}`", "`,` か `}` が必要です"),
        ("expected `,` or `]`", "`,` か `]` が必要です"),
        ("expected `:`", "`:` が必要です"),
        ("expected value", "値が必要です"),
        ("key must be a string", "キーは文字列でなければなりません"),
        ("trailing comma", "余分なカンマがあります"),
        ("invalid escape", "不正なエスケープです"),
        ("invalid number", "不正な数値です"),
        ("control character", "文字列の中に制御文字があります"),
    ];
    KNOWN.iter().find(|(en, _)| reason.starts_with(en)).map_or_else(|| reason.to_string(), |(_, ja)| (*ja).to_string())
}

fn secret_finding(secret: &SecretFinding, handling: SecretHandling) -> Finding {
    let (what_en, what_ja) = secret.describe();
    let (code, severity, en, ja, help_en, help_ja) = match handling {
        SecretHandling::Refuse => (
            "secret-found",
            Severity::Error,
            format!("this looks like {what_en}, so the file was not read"),
            format!("{what_ja}のようなものがあるため、ファイルを読みませんでした"),
            "redact it first (`omen import --redact`), and rotate the key if the file was shared",
            "先に伏せ字にしてください（`omen import --redact`）。ファイルを共有したならキーをローテーションしてください",
        ),
        SecretHandling::Redact => (
            "secret-redacted",
            Severity::Warning,
            format!("{what_en} was blanked out before reading"),
            format!("{what_ja}を伏せ字にしてから読みました"),
            "rotate the key if the file was shared",
            "ファイルを共有したならキーをローテーションしてください",
        ),
        SecretHandling::Keep => (
            "secret-kept",
            Severity::Warning,
            format!("this looks like {what_en} and was kept as asked"),
            format!("{what_ja}のようなものを、指示どおりそのまま残しました"),
            "do not share the result: it holds the credential",
            "結果を共有しないでください。認証情報が含まれています",
        ),
    };
    Finding::file(severity, code, Text::new(en, ja)).with_help(Text::new(help_en, help_ja))
}

fn unresolved_policy(origin: &Origin, arn: &str, aws_managed: bool, uses: usize, boundary: bool) -> Finding {
    let others = uses.saturating_sub(1);
    let (more_en, more_ja) = if others > 0 {
        (format!(" (and {others} more)"), format!("（ほか {others} 件）"))
    } else {
        (String::new(), String::new())
    };
    let (effect_en, effect_ja) = if boundary {
        ("; as a permissions boundary it cannot be checked", "。権限境界としてはチェックできません")
    } else {
        ("; its permissions take part in no evaluation", "。その権限は評価に使いません")
    };
    let help = if aws_managed {
        Text::new(
            "the managed-policy catalogue has no copy either: add `aws iam get-policy-version` output for it, in a file named after the policy",
            "マネージドポリシーのカタログにもありません。`aws iam get-policy-version` の出力を、ポリシー名のファイルに保存して加えてください",
        )
    } else {
        Text::new(
            "export again with `aws iam get-account-authorization-details` without `--filter`, or add `get-policy` and `get-policy-version` output in one file",
            "`--filter` なしで `aws iam get-account-authorization-details` をもう一度エクスポートするか、`get-policy` と `get-policy-version` の出力を 1 つのファイルにまとめて加えてください",
        )
    };
    Finding::warning(
        "unresolved-policy",
        origin.document,
        &origin.pointer,
        Text::new(
            format!("managed policy `{arn}`{more_en} is referenced here, but no file holds its document{effect_en}"),
            format!("管理ポリシー `{arn}`{more_ja}がここで参照されていますが、その文書がどのファイルにもありません{effect_ja}"),
        ),
    )
    .with_help(help)
}

fn unknown_group(document: usize, pointer: &str, user: &str, group: &str) -> Finding {
    Finding::warning(
        "unknown-group",
        document,
        pointer,
        Text::new(
            format!("user `{user}` is in group `{group}`, which no file describes, so the group's policies are missing"),
            format!("ユーザー `{user}` はグループ `{group}` に属していますが、そのグループがどのファイルにもないため、グループのポリシーがありません"),
        ),
    )
    .with_help(Text::new(
        "export without `--filter`, or include `Group` in it",
        "`--filter` なしでエクスポートするか、`Group` を含めてください",
    ))
}

fn unknown_permissions(
    origin: &Origin,
    kind_en: &str,
    kind_ja: &str,
    name: &str,
    inline: bool,
    managed: bool,
) -> Finding {
    let (what_en, what_ja) = match (inline, managed) {
        (true, true) => ("inline or attached managed policies", "インラインポリシーもアタッチされた管理ポリシーも"),
        (true, false) => ("inline policies", "インラインポリシーが"),
        _ => ("attached managed policies", "アタッチされた管理ポリシーが"),
    };
    Finding::warning(
        "unknown-permissions",
        origin.document,
        &origin.pointer,
        Text::new(
            format!("the files do not say which {what_en} {kind_en} `{name}` has, so the world gives it none"),
            format!("{kind_ja} `{name}` の{what_ja}ファイルからわからないため、ワールドでは何もないものとします"),
        ),
    )
    .with_help(Text::new(
        "import `aws iam get-account-authorization-details` output for this account",
        "このアカウントの `aws iam get-account-authorization-details` の出力を読み込んでください",
    ))
}
