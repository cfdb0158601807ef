//! The Account view's interface words, in English and Japanese (IAM terms in AWS's spelling).
//! The diagnostics, secret findings and problems come from omen-core in both languages.

use crate::i18n::Lang;
use omen_core::reach::WorldChange;

/// Every word the Account view shows, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// The bar's name for the view.
    pub account: &'static str,
    /// Says what the view does, under its name.
    pub intro: &'static str,
    /// Says the files never leave the page.
    pub private: &'static str,
    /// The paste box's label.
    pub paste_label: &'static str,
    /// Adds the pasted text as a file.
    pub add_paste: &'static str,
    /// Opens files.
    pub open_files: &'static str,
    /// The name given to a pasted text, before its number.
    pub pasted: &'static str,
    /// The files heading.
    pub files: &'static str,
    /// Removes a file.
    pub remove: &'static str,
    /// Removes every file.
    pub clear: &'static str,
    /// The secrets heading.
    pub secrets: &'static str,
    /// Says why a file holding credentials was not read.
    pub secrets_note: &'static str,
    /// Blanks the credentials out, then reads the file.
    pub redact: &'static str,
    /// Reads the file as it is.
    pub keep: &'static str,
    /// Says the credentials were blanked out.
    pub redacted: &'static str,
    /// The diagnostics heading.
    pub problems: &'static str,
    /// An error's label.
    pub error: &'static str,
    /// A warning's label.
    pub warning: &'static str,
    /// Before the help line.
    pub help: &'static str,
    /// Line, before its number.
    pub line: &'static str,
    /// The summary heading.
    pub loaded: &'static str,
    /// Accounts, users, roles, groups, customer managed policies.
    pub counts: [&'static str; 5],
    /// Managed policies referenced but not held.
    pub unresolved: &'static str,
    /// Says the managed-policy catalogue is being fetched for the AWS managed policies the files lack.
    pub catalogue_loading: &'static str,
    /// Before the catalogue's source, once the AWS managed policies came from it.
    pub catalogue_ready: &'static str,
    /// Says the page has no managed-policy catalogue.
    pub catalogue_unavailable: &'static str,
    /// Says the catalogue could not be fetched or read, before why.
    pub catalogue_failed: &'static str,
    /// The play heading.
    pub play: &'static str,
    /// The caller picker's label.
    pub caller: &'static str,
    /// The mask picker's label.
    pub mask: &'static str,
    /// The action picker's label.
    pub how: &'static str,
    /// The caller assumes the role.
    pub assume: &'static str,
    /// Before a PassRole API.
    pub pass_through: &'static str,
    /// Loads the world into the playground.
    pub play_button: &'static str,
    /// Says the playground holds the world.
    pub played: &'static str,
    /// The who-can heading.
    pub who_can: &'static str,
    /// The role picker's label.
    pub role: &'static str,
    /// Who may assume it.
    pub can_assume: &'static str,
    /// Who may pass it.
    pub can_pass: &'static str,
    /// The services its trust policy accepts.
    pub trusted_services: &'static str,
    /// Nobody.
    pub nobody: &'static str,
    /// A certain answer.
    pub certain: &'static str,
    /// A conditional answer.
    pub conditional: &'static str,
    /// Before the services a principal may pass the role to.
    pub services: &'static str,
    /// Any service.
    pub any_service: &'static str,
    /// Before the services the trust accepts among them.
    pub useful: &'static str,
    /// Says none of them accepts the role: the pass is useless.
    pub useless: &'static str,
    /// Resources the answer assumes exist.
    pub assumes: &'static str,
    /// Opens an edge as a flow in the playground.
    pub open_flow: &'static str,
    /// Before the changes an edge rests on, which the files do not hold: the flow plays after them.
    pub changed_first: &'static str,
    /// Says the playground holds the accounts after an edge's changes, made first, and its flow.
    pub played_changed: &'static str,
    /// The reach heading.
    pub reach: &'static str,
    /// The principal picker's label.
    pub principal: &'static str,
    /// The roles reached heading.
    pub reaches: &'static str,
    /// Users whose credentials it can take over.
    pub users: &'static str,
    /// Administrator-equivalent power reached.
    pub admin_yes: &'static str,
    /// Administrator-equivalent power not reached.
    pub admin_no: &'static str,
    /// The AWS page an edge rests on, before its title.
    pub cite: &'static str,
    /// The graph heading.
    pub graph: &'static str,
    /// Says what the graph shows and how to move in it.
    pub graph_note: &'static str,
    /// Says the list beside the graph holds the same edges.
    pub edges: &'static str,
    /// Names an escalation edge (anything but a plain sts:AssumeRole).
    pub escalation: &'static str,
    /// Names a node that holds administrator-equivalent power.
    pub admin_node: &'static str,
    /// The graph filter's label.
    pub filter: &'static str,
    /// Says the files are being imported and analysed, before how many and how large.
    pub analysing: &'static str,
    /// Says an answer is being worked out.
    pub computing: &'static str,
    /// Says the analysis runs on the page's thread, the worker having failed (before why).
    pub no_worker: &'static str,
    /// The whole graph's heading.
    pub whole: &'static str,
    /// Says what the whole graph is.
    pub whole_note: &'static str,
    /// Starts working out the whole graph.
    pub whole_start: &'static str,
    /// Says the whole graph is being worked out, before the roles done and their number.
    pub whole_progress: &'static str,
    /// The whole graph's figures: edges, roles with an edge, principals with an edge,
    /// conditional edges, roles in all; then "in", before the seconds.
    pub whole_counts: [&'static str; 6],
    /// The same figures' words after a count of one (edges, roles with an edge, principals with
    /// an edge, conditional, roles in all).
    pub whole_counts_one: [&'static str; 5],
    /// The heading of the roles most principals can put on.
    pub whole_top: &'static str,
    /// The table's column headings: role, may assume, may pass.
    pub whole_columns: [&'static str; 3],
    /// Shows who can put a role on, in the who-can section.
    pub whole_show: &'static str,
    /// Nothing imported yet.
    pub empty: &'static str,
    /// A file could not be read by the browser.
    pub unreadable: &'static str,
}

const EN: Words = Words {
    account: "Account",
    intro: "Paste or open what the AWS CLI prints — get-account-authorization-details, get-role, get-user, get-role-policy, get-policy-version — one file per account. Then ask who can wear a mask, what a principal can reach, and play any of it in the playground.",
    private: "The files never leave this page: nothing is sent anywhere.",
    paste_label: "Paste AWS CLI output",
    add_paste: "Add",
    open_files: "Open files…",
    pasted: "pasted",
    files: "Files",
    remove: "Remove",
    clear: "Remove all",
    secrets: "Credentials found",
    secrets_note: "These files hold what looks like credentials. They are not read until you choose: redact blanks the credentials out of the page's copy first.",
    redact: "Redact and read",
    keep: "Read as it is",
    redacted: "credentials redacted",
    problems: "Problems",
    error: "error",
    warning: "warning",
    help: "help",
    line: "line",
    loaded: "Loaded",
    counts: ["accounts", "users", "roles", "groups", "customer managed policies"],
    unresolved: "Managed policies referenced but not in the files (left out of every decision):",
    catalogue_loading: "Loading the AWS managed policy catalogue for the AWS managed policies the files attach but do not hold…",
    catalogue_ready: "AWS managed policies the files attach but do not hold come from the managed-policy catalogue:",
    catalogue_unavailable: "This page has no AWS managed policy catalogue: AWS managed policies the files do not hold stay unresolved. Add their aws iam get-policy-version output as files.",
    catalogue_failed: "The AWS managed policy catalogue could not be loaded; AWS managed policies the files do not hold stay unresolved:",
    play: "Play in the playground",
    caller: "Caller",
    mask: "Role (the mask)",
    how: "How",
    assume: "sts:AssumeRole (put the mask on)",
    pass_through: "iam:PassRole through",
    play_button: "Play in the playground",
    played: "The playground now holds the imported accounts with this flow.",
    who_can: "Who can wear this mask?",
    role: "Role",
    can_assume: "Who can assume it (sts:AssumeRole)",
    can_pass: "Who can pass it (iam:PassRole)",
    trusted_services: "Services its trust policy accepts",
    nobody: "Nobody in the loaded accounts.",
    certain: "certain",
    conditional: "conditional",
    services: "to",
    any_service: "any service",
    useful: "the trust accepts",
    useless: "no service it may be passed to can assume it: the pass is useless",
    assumes: "assumes it exists",
    open_flow: "Open as a flow",
    changed_first: "Changed first — the files do not hold this change, so the flow plays on the accounts after it:",
    played_changed: "The playground now holds the imported accounts after this change, made first, and the edge's flow:",
    reach: "What can this principal reach?",
    principal: "Principal",
    reaches: "Roles it can act as",
    users: "Users whose credentials it can take over",
    admin_yes: "Reaches administrator-equivalent power",
    admin_no: "Does not reach administrator-equivalent power",
    cite: "AWS",
    graph: "Graph",
    graph_note: "The principal, the roles it reaches and each edge by mechanism; a dashed line is conditional, ⚠ marks an escalation edge (anything but a plain sts:AssumeRole) and a principal or role with administrator-equivalent power. Tab moves from edge to edge.",
    edges: "The same edges as a list",
    escalation: "escalation",
    admin_node: "administrator-equivalent",
    filter: "Show only the paths through (part of a principal's or role's ARN)",
    analysing: "Importing and analysing the files…",
    computing: "Computing…",
    no_worker: "The background worker could not start: who-can, reach and the whole graph are worked out on the page's own thread, and the page may not answer while they are",
    whole: "The whole graph",
    whole_note: "Every edge by which a user or role can put a role on directly: sts:AssumeRole, or iam:PassRole to a service the role's trust policy accepts. Worked out role by role in the background; the page keeps answering meanwhile.",
    whole_start: "Work out the whole graph",
    whole_progress: "Working out the whole graph: roles done",
    whole_counts: ["edges", "roles with an edge", "principals with an edge", "conditional", "roles in all", "in"],
    whole_counts_one: ["edge", "role with an edge", "principal with an edge", "conditional", "role in all"],
    whole_top: "The roles the most principals can put on",
    whole_columns: ["Role", "May assume (sts:AssumeRole)", "May pass (iam:PassRole)"],
    whole_show: "Who can?",
    empty: "Nothing loaded yet.",
    unreadable: "the browser could not read this file",
};

const JA: Words = Words {
    account: "アカウント",
    intro: "AWS CLI の出力（get-account-authorization-details、get-role、get-user、get-role-policy、get-policy-version）を貼り付けるか開いてください。アカウントごとに 1 ファイルです。そのうえで、だれがこのお面をかぶれるか、プリンシパルがどこまで届くかを調べ、どれでもプレイグラウンドで再生できます。",
    private: "ファイルはこのページから出ません。どこにも送信しません。",
    paste_label: "AWS CLI の出力を貼り付け",
    add_paste: "追加",
    open_files: "ファイルを開く…",
    pasted: "貼り付け",
    files: "ファイル",
    remove: "削除",
    clear: "すべて削除",
    secrets: "認証情報が見つかりました",
    secrets_note: "次のファイルに認証情報らしきものがあります。選ぶまで読み込みません。「伏せて読み込む」はまずページ内のコピーから認証情報を消します。",
    redact: "伏せて読み込む",
    keep: "そのまま読み込む",
    redacted: "認証情報を伏せました",
    problems: "問題",
    error: "エラー",
    warning: "警告",
    help: "ヘルプ",
    line: "行",
    loaded: "読み込んだもの",
    counts: ["アカウント", "ユーザー", "ロール", "グループ", "カスタマー管理ポリシー"],
    unresolved: "参照されているがファイルにない管理ポリシー（どの判定にも使いません）:",
    catalogue_loading: "ファイルが添付しているが含んでいない AWS 管理ポリシーのために、AWS 管理ポリシーのカタログを読み込んでいます…",
    catalogue_ready: "ファイルが添付しているが含んでいない AWS 管理ポリシーは、管理ポリシーのカタログから取りました:",
    catalogue_unavailable: "このページには AWS 管理ポリシーのカタログがありません。ファイルにない AWS 管理ポリシーは未解決のままです。aws iam get-policy-version の出力をファイルとして加えてください。",
    catalogue_failed: "AWS 管理ポリシーのカタログを読み込めませんでした。ファイルにない AWS 管理ポリシーは未解決のままです:",
    play: "プレイグラウンドで再生",
    caller: "呼び出し元",
    mask: "ロール（お面）",
    how: "方法",
    assume: "sts:AssumeRole（お面をかぶる）",
    pass_through: "iam:PassRole で渡す:",
    play_button: "プレイグラウンドで再生",
    played: "プレイグラウンドに読み込んだアカウントとこのフローを入れました。",
    who_can: "だれがこのお面をかぶれるか",
    role: "ロール",
    can_assume: "引き受けられる（sts:AssumeRole）",
    can_pass: "渡せる（iam:PassRole）",
    trusted_services: "信頼ポリシーが受け入れるサービス",
    nobody: "読み込んだアカウントにはいません。",
    certain: "確定",
    conditional: "条件付き",
    services: "渡し先",
    any_service: "任意のサービス",
    useful: "信頼ポリシーが受け入れる",
    useless: "渡せるサービスのどれもこのロールを引き受けられません。渡しても役に立ちません",
    assumes: "存在を前提",
    open_flow: "フローとして開く",
    changed_first: "先に加える変更 — ファイルにはない変更のため、フローはこの変更を加えた後のアカウントで再生します:",
    played_changed: "プレイグラウンドに、この変更を先に加えた後のアカウントと、この辺のフローを入れました:",
    reach: "このプリンシパルはどこまで届くか",
    principal: "プリンシパル",
    reaches: "なれるロール",
    users: "認証情報を乗っ取れるユーザー",
    admin_yes: "管理者相当の権限に届きます",
    admin_no: "管理者相当の権限には届きません",
    cite: "AWS",
    graph: "グラフ",
    graph_note: "プリンシパル、届くロール、仕組みごとの辺。破線は条件付き、⚠ は権限昇格の辺（ただの sts:AssumeRole 以外）と管理者相当の権限を持つプリンシパルやロールです。Tab で辺から辺へ移動します。",
    edges: "同じ辺の一覧",
    escalation: "権限昇格",
    admin_node: "管理者相当",
    filter: "経由する経路だけを表示（プリンシパルまたはロールの ARN の一部）",
    analysing: "ファイルを読み込み、分析しています…",
    computing: "計算しています…",
    no_worker: "バックグラウンドのワーカーを起動できませんでした。who-can、reach、全体のグラフはページ自身のスレッドで計算するため、計算中はページが応答しないことがあります",
    whole: "アカウント全体のグラフ",
    whole_note: "ユーザーまたはロールがロールを直接使える辺をすべて求めます: sts:AssumeRole、またはロールの信頼ポリシーが受け入れるサービスへの iam:PassRole。ロールごとにバックグラウンドで計算し、その間もページは応答します。",
    whole_start: "全体のグラフを計算",
    whole_progress: "全体のグラフを計算しています: 完了したロール",
    whole_counts: ["辺", "辺のあるロール", "辺のあるプリンシパル", "条件付き", "ロール総数", "所要時間"],
    whole_counts_one: ["辺", "辺のあるロール", "辺のあるプリンシパル", "条件付き", "ロール総数"],
    whole_top: "多くのプリンシパルが使えるロール",
    whole_columns: ["ロール", "引き受け可 (sts:AssumeRole)", "渡せる (iam:PassRole)"],
    whole_show: "だれができる?",
    empty: "まだ何も読み込んでいません。",
    unreadable: "ブラウザーがこのファイルを読めませんでした",
};

/// Says that only the first `shown` of a long list's `all` entries are drawn.
pub fn showing(lang: Lang, shown: usize, all: usize) -> String {
    match lang {
        Lang::En => format!("Showing the first {shown} of {all} (type in the filter below to find one)."),
        Lang::Ja => format!("{all} 件のうち最初の {shown} 件を表示しています（下のフィルターで探せます）。"),
    }
}

/// The button that draws every role and user of a long reach answer.
pub fn show_all(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Show all",
        Lang::Ja => "すべて表示",
    }
}

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

/// The bar's words, the only ones in the page's first load: the name and the invitation.
pub fn bar(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("Account", "import what the AWS CLI prints: who can wear a mask, what a principal can reach"),
        Lang::Ja => ("アカウント", "AWS CLI の出力を読み込む: だれがお面をかぶれるか、どこまで届くか"),
    }
}

/// A change an edge rests on, in `lang`: the IAM call, then what it changed, names in backticks
/// (each ARN by its resource part, `user/dev`).
pub fn change_text(change: &WorldChange, lang: Lang) -> String {
    let short = |arn: &str| arn.splitn(6, ':').nth(5).unwrap_or(arn).to_string();
    let entity = |arn: &str| if arn.contains(":user/") { "User" } else { "Role" };
    match change {
        WorldChange::AddUserToGroup { target, group } => match lang {
            Lang::En => format!("`iam:AddUserToGroup`: `{}` joins the group `{group}`", short(target)),
            Lang::Ja => format!("`iam:AddUserToGroup`: `{}` をグループ `{group}` に追加", short(target)),
        },
        WorldChange::SetDefaultPolicyVersion { target, policy, version } => match lang {
            Lang::En => format!(
                "`iam:SetDefaultPolicyVersion`: version `{version}` of `{policy}` (a policy of `{}`) is the one in effect",
                short(target)
            ),
            Lang::Ja => format!(
                "`iam:SetDefaultPolicyVersion`: `{policy}`（`{}` のポリシー）のバージョン `{version}` を有効なバージョンに",
                short(target)
            ),
        },
        WorldChange::DeletePermissionsBoundary { target } => match lang {
            Lang::En => format!(
                "`iam:Delete{}PermissionsBoundary`: `{}` no longer has a permissions boundary",
                entity(target),
                short(target)
            ),
            Lang::Ja => {
                format!("`iam:Delete{}PermissionsBoundary`: `{}` のアクセス許可の境界を削除", entity(target), short(target))
            }
        },
        WorldChange::PutPermissionsBoundary { target, policy } => {
            let policy = policy.rsplit('/').next().unwrap_or(policy);
            match lang {
                Lang::En => format!(
                    "`iam:Put{}PermissionsBoundary`: the permissions boundary of `{}` is now `{policy}`, which limits nothing",
                    entity(target),
                    short(target)
                ),
                Lang::Ja => format!(
                    "`iam:Put{}PermissionsBoundary`: `{}` のアクセス許可の境界を、何も制限しない `{policy}` に置き換え",
                    entity(target),
                    short(target)
                ),
            }
        }
        WorldChange::RewritePermissions { call, target, .. } => match (lang, target.contains(":policy/")) {
            (Lang::En, true) => {
                format!("`{call}`: a new default version of `{}` allows everything", short(target))
            }
            (Lang::En, false) => format!("`{call}`: `{}` is given a policy that allows everything", short(target)),
            (Lang::Ja, true) => {
                format!("`{call}`: `{}` に、すべてを許可する新しい既定のバージョンを作成", short(target))
            }
            (Lang::Ja, false) => format!("`{call}`: `{}` に、すべてを許可するポリシーを追加", short(target)),
        },
        WorldChange::UpdateAssumeRolePolicy { target, document } => {
            let named = document.pointer("/Statement/0/Principal/AWS").and_then(|p| p.as_str()).unwrap_or_default();
            match lang {
                Lang::En => format!(
                    "`iam:UpdateAssumeRolePolicy`: the trust policy of `{}` is rewritten to trust only `{}`",
                    short(target),
                    short(named)
                ),
                Lang::Ja => format!(
                    "`iam:UpdateAssumeRolePolicy`: `{}` の信頼ポリシーを、`{}` だけを信頼するものに書き換え",
                    short(target),
                    short(named)
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Each kind of change reads in both languages with its IAM call and the names it changed.
    #[test]
    fn every_change_names_its_call_and_what_it_changed_in_both_languages() {
        let dev = "arn:aws:iam::111122223333:user/dev";
        let hop = "arn:aws:iam::111122223333:role/hop";
        let cases = [
            (
                WorldChange::AddUserToGroup { target: dev.into(), group: "deployers".into() },
                "iam:AddUserToGroup",
                "deployers",
            ),
            (
                WorldChange::SetDefaultPolicyVersion {
                    target: dev.into(),
                    policy: "DevTools".into(),
                    version: "v1".into(),
                },
                "iam:SetDefaultPolicyVersion",
                "DevTools",
            ),
            (
                WorldChange::DeletePermissionsBoundary { target: hop.into() },
                "iam:DeleteRolePermissionsBoundary",
                "role/hop",
            ),
            (
                WorldChange::PutPermissionsBoundary {
                    target: dev.into(),
                    policy: "arn:aws:iam::aws:policy/AdministratorAccess".into(),
                },
                "iam:PutUserPermissionsBoundary",
                "AdministratorAccess",
            ),
            (
                WorldChange::RewritePermissions {
                    call: "iam:CreatePolicyVersion".into(),
                    target: "arn:aws:iam::111122223333:policy/DevTools".into(),
                    document: json!({}),
                },
                "iam:CreatePolicyVersion",
                "`policy/DevTools`",
            ),
            (
                WorldChange::RewritePermissions {
                    call: "iam:PutUserPolicy".into(),
                    target: dev.into(),
                    document: json!({}),
                },
                "iam:PutUserPolicy",
                "`user/dev`",
            ),
            (
                WorldChange::UpdateAssumeRolePolicy {
                    target: hop.into(),
                    document: json!({"Statement": [{"Principal": {"AWS": dev}}]}),
                },
                "iam:UpdateAssumeRolePolicy",
                "`user/dev`",
            ),
        ];
        for (change, call, named) in cases {
            for lang in [Lang::En, Lang::Ja] {
                let text = change_text(&change, lang);
                assert!(text.starts_with(&format!("`{call}`")), "{text}");
                assert!(text.contains(named), "{text}");
            }
        }
        assert_ne!(words(Lang::En).changed_first, words(Lang::Ja).changed_first);
    }
}
