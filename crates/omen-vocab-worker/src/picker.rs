//! The managed-policy picker's answers ("AWS managed policies" in the IAM User Guide): the
//! AWS managed policies found by name, one policy's preview (path, default version, date,
//! document) and one policy filled in as a world attaches it, so that neither the managed-policy
//! catalogue nor these words and layouts weigh on the page's first load. Every text is escaped
//! here; the page adds its behaviour by event delegation on `data-pick` (preview a policy),
//! `data-attach` (`policy` or `boundary`, with `data-arn`) and `data-picker="close"`.

use std::fmt::Write as _;

use omen_core::flow::pretty_policy;
use omen_core::vocabulary::{
    attach_managed_policies, ManagedCatalogue, ManagedPolicies, ServiceReference, AWS_MANAGED_PREFIX,
};
use omen_core::Lang;
use serde_json::{json, Value};

use crate::render::{escape, tr};

/// How many policies the list shows at most (the search narrows the rest).
pub const LISTED: usize = 40;

/// How many characters of a document the preview shows at most.
const PREVIEW_CHARS: usize = 12_000;

/// The list of the policies whose name has every word of `query`, with how many there are.
pub fn list_html(managed: &ManagedPolicies, query: &str, lang: Lang) -> String {
    if managed.policies.is_empty() {
        return format!(
            "<p class=\"hint\" data-testid=\"picker-count\">{}</p>",
            tr(lang, "The AWS managed policies are not loaded.", "AWS 管理ポリシーを読み込めていません。")
        );
    }
    let found: Vec<_> = managed.search(query).collect();
    let count = match lang {
        Lang::En => match found.len() {
            1 => "1 AWS managed policy".to_owned(),
            n if n > LISTED => format!("{n} AWS managed policies, the first {LISTED} shown: type to narrow"),
            n => format!("{n} AWS managed policies"),
        },
        Lang::Ja => match found.len() {
            n if n > LISTED => format!("AWS 管理ポリシー {n} 件 (先頭 {LISTED} 件を表示。入力して絞り込めます)"),
            n => format!("AWS 管理ポリシー {n} 件"),
        },
    };
    let mut out = format!(
        "<p class=\"hint\" data-testid=\"picker-count\" aria-live=\"polite\">{}</p><ul class=\"picker-list\">",
        escape(&count)
    );
    for policy in found.iter().take(LISTED) {
        let _ = write!(
            out,
            "<li><button type=\"button\" class=\"picker-item\" data-pick=\"{name}\" data-testid=\"picker-item\">\
             <span class=\"mono\">{name}</span> <span class=\"hint\">{path}</span></button></li>",
            name = escape(&policy.name),
            path = escape(&policy.path),
        );
    }
    out.push_str("</ul>");
    out
}

/// The whole picker: its title, the search field (holding `query`), where to attach (`targets`:
/// label, JSON pointer of the user, group or role, whether a permissions boundary may be set
/// there), the list and an empty preview.
pub fn form_html(managed: &ManagedPolicies, query: &str, targets: &[(String, String, bool)], lang: Lang) -> String {
    let mut options = String::new();
    for (label, pointer, boundary) in targets {
        let _ = write!(
            options,
            "<option value=\"{}\"{}>{}</option>",
            escape(pointer),
            if *boundary { " data-boundary=\"1\"" } else { "" },
            escape(label)
        );
    }
    format!(
        "<div class=\"picker-head\"><h2 id=\"picker-title\">{title}</h2>\
         <button type=\"button\" class=\"small\" data-picker=\"close\" data-testid=\"picker-close\">{close}</button></div>\
         <p class=\"hint\">{hint}</p>\
         <div class=\"picker-fields\">\
         <label>{search} <input type=\"search\" id=\"picker-search\" data-testid=\"picker-search\" autocomplete=\"off\" \
         spellcheck=\"false\" value=\"{query}\" placeholder=\"AmazonEC2FullAccess\"></label>\
         <label>{to} <select id=\"picker-target\" data-testid=\"picker-target\">{options}</select></label></div>\
         <div class=\"picker-body\"><div id=\"picker-results\">{list}</div>\
         <div id=\"picker-preview\" class=\"picker-preview\" data-testid=\"picker-preview\" aria-live=\"polite\"></div></div>",
        title = tr(lang, "AWS managed policies", "AWS 管理ポリシー"),
        close = tr(lang, "Close", "閉じる"),
        hint = tr(
            lang,
            "Policies AWS writes and updates; attached by ARN, with their current default version. AWS lets nobody change them.",
            "AWS が作成・更新するポリシー。ARN でアタッチされ、現在のデフォルトバージョンが使われます。AWS では誰も変更できません。"
        ),
        search = tr(lang, "Search by name", "名前で検索"),
        to = tr(lang, "Attach to", "アタッチ先"),
        query = escape(query),
        list = list_html(managed, query, lang),
    )
}

/// Where a policy may be attached in `world` (a world's JSON): `(label, pointer, may take a
/// permissions boundary)` for each user, each group of the world (`/groups/N`, which users join
/// by name) and each group given inside a user ("IAM user groups": no boundary), and each role.
pub fn targets(world: &Value, lang: Lang) -> Vec<(String, String, bool)> {
    let list = |value: &Value, key: &str| value.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let shared = list(world, "groups");
    let group = |item: &Value, at: String| (format!("{} {}", tr(lang, "group", "グループ"), name_of(item)), at, false);
    let mut out = Vec::new();
    for (u, user) in list(world, "users").iter().enumerate() {
        out.push((format!("{} {}", tr(lang, "user", "ユーザー"), name_of(user)), format!("/users/{u}"), true));
        // A membership that names a group of the world is that group, listed once below
        // ("IAM user groups": one group, many members); a group given inside the user is its own.
        for (g, membership) in list(user, "groups").iter().enumerate() {
            let name = membership.get("name");
            if !shared.iter().any(|group| name.is_some() && group.get("name") == name) {
                out.push(group(membership, format!("/users/{u}/groups/{g}")));
            }
        }
    }
    out.extend(shared.iter().enumerate().map(|(g, item)| group(item, format!("/groups/{g}"))));
    for (r, role) in list(world, "roles").iter().enumerate() {
        out.push((format!("{} {}", tr(lang, "role", "ロール"), name_of(role)), format!("/roles/{r}"), true));
    }
    out
}

/// A user's, group's or role's name: `name`, else the last part of its `arn`.
fn name_of(item: &Value) -> String {
    let arn = item.get("arn").and_then(Value::as_str).unwrap_or_default();
    item.get("name").and_then(Value::as_str).unwrap_or_else(|| arn.rsplit('/').next().unwrap_or(arn)).to_owned()
}

/// What the picker says once `policy` is attached to the user, group or role at `owner`.
pub fn attached_words(policy: &Value, owner: &str, boundary: bool, world: &Value, lang: Lang) -> String {
    let name = policy.get("name").and_then(Value::as_str).unwrap_or_default();
    let label =
        targets(world, lang).into_iter().find(|(_, at, _)| at == owner).map_or_else(|| owner.to_owned(), |t| t.0);
    match (lang, boundary) {
        (Lang::En, false) => format!("{name} attached to {label}."),
        (Lang::En, true) => format!("{name} is now the permissions boundary of {label}."),
        (Lang::Ja, false) => format!("{name} を{label} にアタッチしました。"),
        (Lang::Ja, true) => format!("{name} を{label} のアクセス許可の境界に設定しました。"),
    }
}

/// One policy's preview: name, ARN, default version and its date, the two ways to attach it and
/// the document (cut after [`PREVIEW_CHARS`] characters).
pub fn preview_html(managed: &ManagedPolicies, reference: &ServiceReference, name: &str, lang: Lang) -> String {
    let Some(policy) = managed.get(name) else {
        return format!(
            "<p class=\"hint\">{}</p>",
            tr(lang, "No such AWS managed policy.", "その AWS 管理ポリシーはありません。")
        );
    };
    let document = policy
        .document(reference)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .map(|value| pretty_policy(&value))
        .unwrap_or_default();
    let shown: String = document.chars().take(PREVIEW_CHARS).collect();
    let cut = if shown.len() < document.len() { "\n…" } else { "" };
    let arn = policy.arn();
    let version = match lang {
        Lang::En => format!("default version {}, updated {}", policy.version, policy.updated),
        Lang::Ja => format!("デフォルトバージョン {}、更新日 {}", policy.version, policy.updated),
    };
    format!(
        "<h3 class=\"mono\">{name}</h3><p class=\"mono picker-arn\">{arn}</p><p class=\"hint\">{version}</p>\
         <p class=\"picker-actions\">\
         <button type=\"button\" data-attach=\"policy\" data-arn=\"{arn}\" data-testid=\"picker-attach\">{attach}</button> \
         <button type=\"button\" class=\"small\" data-attach=\"boundary\" data-arn=\"{arn}\" data-testid=\"picker-attach-boundary\">{boundary}</button></p>\
         <p id=\"picker-status\" role=\"status\" data-testid=\"picker-status\"></p>\
         <pre class=\"mono picker-document\" tabindex=\"0\">{document}{cut}</pre>",
        name = escape(&policy.name),
        arn = escape(&arn),
        version = escape(&version),
        attach = tr(lang, "Attach", "アタッチ"),
        boundary = tr(lang, "Set as permissions boundary", "アクセス許可の境界に設定"),
        document = escape(&shown),
    )
}

/// The policy of ARN or name `reference` filled in as a world attaches it: `{arn, name,
/// awsManaged: true, document}` with its current default version (what `attach_managed_policies`
/// makes of `{arn}` or `{name, awsManaged: true}`),
/// the document as the page's editors hold it (JSON text, printed as AWS prints its documents);
/// the reason and its help, in
/// English, when it cannot be.
pub fn attach(managed: &ManagedPolicies, reference: &ServiceReference, policy: &str) -> Result<Value, String> {
    let attached = if policy.starts_with(AWS_MANAGED_PREFIX) {
        json!({ "arn": policy })
    } else {
        json!({ "name": policy, "awsManaged": true })
    };
    let mut world = json!({ "policies": [attached] });
    let problems = attach_managed_policies(&mut world, Some(ManagedCatalogue { policies: managed, reference }));
    if let Some(problem) = problems.first() {
        return Err(match problem.help(Lang::En) {
            Some(help) => format!("{}\nhelp: {help}", problem.message(Lang::En)),
            None => problem.message(Lang::En),
        });
    }
    let mut policy = world.pointer("/policies/0").cloned().ok_or_else(|| "nothing attached".to_owned())?;
    if let Some(document) = policy.get_mut("document") {
        *document = Value::String(pretty_policy(document));
    }
    Ok(policy)
}
