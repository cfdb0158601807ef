//! A flow's facts in words: each [`Title`], [`FlowNote`] and [`ChangeNote`] in English and
//! Japanese, and [`say_flow`], which fills a result's words from its facts once it is to be
//! shown. A third language, or a lesson's own wording, is a change to this file alone.

use super::evaluation::{evaluated_invalid, explain, refused_policy};
use crate::evaluate::{Decision, Request};
use crate::flow::note::{ChangeNote, Facts, FlowNote, Grant, Limits, Title};
use crate::flow::result::{Change, FlowResult, StepDecision, Text};
use crate::lang::Lang;
use crate::policy::PolicyKind;
use crate::sts::{CallerNeed, PanelVerdict, RefusalReason, TrustPrincipal, Who};

impl StepDecision {
    /// The decision in words, in `lang`.
    pub fn words(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Self::Allowed) => "allowed",
            (Lang::En, Self::ExplicitDeny) => "denied explicitly",
            (Lang::En, Self::ImplicitDeny) => "denied (nothing allows it)",
            (Lang::En, Self::Failed) => "refused",
            (Lang::En, Self::NotRequired) => "not required",
            (Lang::En, Self::Skipped) => "not reached",
            (Lang::En, Self::Info) => "information",
            (Lang::Ja, Self::Allowed) => "許可",
            (Lang::Ja, Self::ExplicitDeny) => "明示的に拒否",
            (Lang::Ja, Self::ImplicitDeny) => "拒否 (許可するものがない)",
            (Lang::Ja, Self::Failed) => "受け付けられない",
            (Lang::Ja, Self::NotRequired) => "不要",
            (Lang::Ja, Self::Skipped) => "未到達",
            (Lang::Ja, Self::Info) => "情報",
        }
    }

    /// ✓, ✗ or a neutral mark, in any language.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Allowed | Self::NotRequired => "✓",
            Self::ExplicitDeny | Self::ImplicitDeny | Self::Failed => "✗",
            Self::Skipped => "–",
            Self::Info => "i",
        }
    }
}

/// An evaluator decision in words, as a step's.
fn words(decision: Decision, lang: Lang) -> &'static str {
    StepDecision::of(decision).words(lang)
}

/// Fill every word of `result` from its facts: titles, explanations (with the evaluator's own
/// account where a step evaluated a request — `requests` holds each step's, in order), advice, the
/// sides of each AssumeRole, fixes, warnings and the chain's timeline.
pub fn say_flow(result: &mut FlowResult, facts: &Facts, requests: &[Option<&Request>]) {
    for (index, (step, said)) in result.steps.iter_mut().zip(&facts.steps).enumerate() {
        let request = requests.get(index).copied().flatten();
        step.title = title_text(&said.title);
        let (mut en, mut ja) = (Vec::with_capacity(said.notes.len()), Vec::with_capacity(said.notes.len()));
        for note in &said.notes {
            match (note, request, &step.response) {
                (FlowNote::Evaluated, Some(request), Some(response)) => {
                    en.extend(explain(request, response, Lang::En));
                    ja.extend(explain(request, response, Lang::Ja));
                }
                (FlowNote::Evaluated, _, _) => {}
                (FlowNote::Sides, _, _) => {
                    for (panel, note) in step.panels.iter_mut().zip(&said.panels) {
                        panel.summary = note_text(note);
                        en.push(panel.summary.en.clone());
                        ja.push(panel.summary.ja.clone());
                    }
                }
                (note, _, _) => {
                    let text = note_text(note);
                    en.push(text.en);
                    ja.push(text.ja);
                }
            }
        }
        step.explanation_en = en;
        step.explanation_ja = ja;
        step.advice = said.advice.as_ref().map(note_text);
        if let Some(fix) = &mut step.fix {
            for (change, note) in fix.changes.iter_mut().zip(&said.changes) {
                let description = match change {
                    Change::Policy(change) => &mut change.description,
                    Change::Request(change) => &mut change.description,
                };
                *description = change_text(note);
            }
            let en: Vec<&str> = fix.changes.iter().map(|c| c.description().en.as_str()).collect();
            let ja: Vec<&str> = fix.changes.iter().map(|c| c.description().ja.as_str()).collect();
            fix.summary = Text::new(en.join(" Then: "), ja.join(" さらに: "));
        }
    }
    for (warning, note) in result.warnings.iter_mut().zip(&facts.warnings) {
        warning.message = note_text(note);
    }
    for (hop, said) in result.chain.iter_mut().zip(&facts.chain) {
        for (carried, note) in hop.carried.iter_mut().zip(&said.carried) {
            carried.text = note_text(note);
        }
        for (dropped, note) in hop.dropped.iter_mut().zip(&said.dropped) {
            dropped.text = note_text(note);
        }
    }
}

/// `who` as the explanations name it.
fn who(who: &Who) -> Text {
    match who {
        Who::Session { arn, role } => Text::new(
            format!("`{arn}` (wearing the mask of role `{role}`)"),
            format!("`{arn}` (ロール `{role}` のお面をかぶったセッション)"),
        ),
        Who::Service(name) => Text::new(format!("the AWS service `{name}`"), format!("AWS サービス `{name}`")),
        Who::User(arn) => Text::new(format!("IAM user `{arn}`"), format!("IAM ユーザー `{arn}`")),
        Who::Other(arn) => Text::new(format!("`{arn}`"), format!("`{arn}`")),
    }
}

/// A step's title in words.
pub fn title_text(title: &Title) -> Text {
    match title {
        Title::CallApi { action } => Text::new(format!("Call `{action}`"), format!("`{action}` を呼び出す")),
        Title::CreateServiceLinkedRole { role } => Text::new(
            format!("Create the service-linked role `{role}`"),
            format!("サービスにリンクされたロール `{role}` の作成"),
        ),
        Title::PassRole { role } => {
            Text::new(format!("`iam:PassRole` on `{role}`"), format!("`{role}` に対する `iam:PassRole`"))
        }
        Title::ServicePutsOn { service } => {
            Text::new(format!("`{service}` puts the mask on"), format!("`{service}` がお面をかぶる"))
        }
        Title::MaskPowers { role } => {
            Text::new(format!("What the mask `{role}` can do"), format!("お面 `{role}` でできること"))
        }
        Title::AssumeRole { hop, role } => Text::new(
            format!("Hop {hop}: `sts:AssumeRole` on `{role}`"),
            format!("ホップ {hop}: `{role}` に対する `sts:AssumeRole`"),
        ),
        Title::Federated { hop, role, action } => Text::new(
            format!("Hop {hop}: `{action}` on `{role}`"),
            format!("ホップ {hop}: `{role}` に対する `{action}`"),
        ),
        Title::SwitchRole { hop, role } => Text::new(
            format!("Hop {hop}: switch role to `{role}` in the console"),
            format!("ホップ {hop}: コンソールで `{role}` にスイッチロール"),
        ),
        Title::TagSession { hop } => {
            Text::new(format!("Hop {hop}: `sts:TagSession`"), format!("ホップ {hop}: `sts:TagSession`"))
        }
        Title::SetSourceIdentity { hop } => {
            Text::new(format!("Hop {hop}: `sts:SetSourceIdentity`"), format!("ホップ {hop}: `sts:SetSourceIdentity`"))
        }
        Title::AsSession { session, action } => {
            Text::new(format!("As `{session}`: `{action}`"), format!("`{session}` として: `{action}`"))
        }
        Title::Action { action } => Text::new(format!("`{action}`"), format!("`{action}`")),
    }
}

fn limits(limits: &Limits) -> Text {
    let mut en = vec![format!("the permissions policies of `{}`", limits.role)];
    let mut ja = vec![format!("`{}` のアクセス許可ポリシー", limits.role)];
    if limits.boundary {
        en.push("capped by its permissions boundary".into());
        ja.push("アクセス許可の境界 (permissions boundary) による上限".into());
    }
    if limits.session_policy {
        en.push("capped by the session policy".into());
        ja.push("セッションポリシーによる上限".into());
    }
    Text::new(en.join(", "), ja.join("、"))
}

fn verdict(verdict: PanelVerdict) -> (&'static str, &'static str) {
    match verdict {
        PanelVerdict::Allows => ("allows", "許可しています"),
        PanelVerdict::Denies => ("denies explicitly", "明示的に拒否しています"),
        PanelVerdict::DoesNotAllow => ("does not allow", "許可していません"),
        PanelVerdict::NotConsulted => ("is not consulted", "評価されません"),
    }
}

fn need(need: CallerNeed) -> (&'static str, &'static str) {
    match need {
        CallerNeed::Service => (
            "a service has no identity-based policies; only the trust policy decides",
            "サービスにはアイデンティティベースのポリシーがなく、判断は信頼ポリシーだけです",
        ),
        CallerNeed::CrossAccount => (
            "needed: the role is in another account, so the caller's own account must allow sts:AssumeRole too",
            "必要: ロールが別アカウントにあるため、呼び出し元のアカウント側でも sts:AssumeRole の許可が必要です",
        ),
        CallerNeed::NamesCaller => (
            "not needed here: in the same account, a trust policy that names the caller itself is enough",
            "ここでは不要: 同じアカウントで信頼ポリシーが呼び出し元そのものを指定していれば十分です",
        ),
        CallerNeed::NamesRole => (
            "identity-based policies are not needed here: the trust policy names the caller's role ARN, though its permissions boundary and session policy still limit it",
            "ここではアイデンティティベースのポリシーは不要: 信頼ポリシーが呼び出し元のロール ARN を指定しています (ただしアクセス許可の境界とセッションポリシーの制限は残ります)",
        ),
        CallerNeed::Delegates => (
            "needed: the trust policy names the account, which hands the decision to the caller's own policies",
            "必要: 信頼ポリシーはアカウントを指定しており、判断を呼び出し元自身のポリシーに委ねています",
        ),
        CallerNeed::NotDecisive => (
            "not decisive: until the trust policy allows the caller, no identity-based policy can help",
            "決め手になりません: 信頼ポリシーが呼び出し元を許可するまでは、アイデンティティベースのポリシーでは足りません",
        ),
    }
}

/// Why STS refused a call, in words.
fn refusal(reason: &RefusalReason) -> Text {
    match reason {
        RefusalReason::ConsoleNeedsUser => Text::new(
            "Switching role in the console starts from the IAM user you signed in as; Omen plays it for IAM users.",
            "コンソールのスイッチロールはサインインした IAM ユーザーから始まります。Omen では IAM ユーザーについて再現します。",
        ),
        RefusalReason::SessionNameRequired => Text::new(
            "`RoleSessionName` is required: every session is named.",
            "`RoleSessionName` は必須です。セッションには必ず名前が付きます。",
        ),
        RefusalReason::SessionNameInvalid => Text::new(
            "A session name has 2 to 64 letters, digits and `_+=,.@-`.",
            "セッション名は 2〜64 文字の英数字と `_+=,.@-` です。",
        ),
        RefusalReason::DurationTooShort => {
            Text::new("A session lasts at least 900 seconds.", "セッションは最低 900 秒です。")
        }
        RefusalReason::DurationTooLong => Text::new("A session lasts at most 12 hours.", "セッションは最長 12 時間です。"),
        RefusalReason::ChainingOverOneHour { role_maximum, asked } => Text::new(
            format!("The caller is itself a role session, so this is role chaining: the new session is capped at one hour, whatever the role's maximum ({role_maximum} s) — and asking for more ({asked} s) fails rather than being shortened. [IAM roles terms and concepts]"),
            format!("呼び出し元自体がロールのセッションなので、これはロールの連鎖です。新しいセッションはロールの最大値 ({role_maximum} 秒) に関係なく 1 時間が上限で、それ以上 ({asked} 秒) を求めると短縮されるのではなく失敗します。[IAM ロールの用語と概念]"),
        ),
        RefusalReason::OverRoleMaximum { role_maximum, asked } => Text::new(
            format!("The role allows sessions of at most {role_maximum} seconds; {asked} were asked for. [AssumeRole]"),
            format!("このロールのセッションは最長 {role_maximum} 秒ですが、{asked} 秒が要求されました。[AssumeRole]"),
        ),
        RefusalReason::ExternalIdInvalid => Text::new(
            "An external ID has 2 to 1224 letters, digits and `_+=,.@:/-`.",
            "外部 ID は 2〜1224 文字の英数字と `_+=,.@:/-` です。",
        ),
        RefusalReason::SourceIdentityInvalid => Text::new(
            "A source identity has 2 to 64 letters, digits and `_+=,.@-`, and cannot start with `aws:`.",
            "ソース ID は 2〜64 文字の英数字と `_+=,.@-` で、`aws:` で始められません。",
        ),
        RefusalReason::SourceIdentityCannotChange { inherited, .. } => Text::new(
            format!("The calling session already has the source identity `{inherited}`. Once set, a source identity cannot be changed: it follows the chain so that CloudTrail can always name who started it. [Monitor and control actions taken with assumed roles]"),
            format!("呼び出し元のセッションにはすでにソース ID `{inherited}` があります。一度設定したソース ID は変更できず、CloudTrail が常に最初の人物を示せるよう連鎖に付いていきます。[引き受けたロールで実行されるアクションのモニタリングと制御]"),
        ),
        RefusalReason::TooManyTags => Text::new(
            "A call passes at most 50 session tags.",
            "セッションタグは 1 回の呼び出しで最大 50 個です。",
        ),
        RefusalReason::TagKeyInvalid { key } => Text::new(
            format!("The session tag key `{key}` is not valid: keys have 1 to 128 letters, digits, spaces or `_ . : / = + - @`."),
            format!("セッションタグのキー `{key}` は無効です。キーは 1〜128 文字の英数字・空白・`_ . : / = + - @` です。"),
        ),
        RefusalReason::TagValueTooLong { key } => Text::new(
            format!("The value of the session tag `{key}` is longer than 256 characters."),
            format!("セッションタグ `{key}` の値が 256 文字を超えています。"),
        ),
        RefusalReason::SessionPolicyTooLong { length } => Text::new(
            format!("The inline session policy is {length} characters, whitespace included: STS counts the plaintext as sent, and AssumeRole accepts at most 2,048. [AssumeRole: Policy]"),
            format!("インラインのセッションポリシーは空白を含めて {length} 文字あります。STS は送られたテキストをそのまま数え、AssumeRole が受け付けるのは 2,048 文字までです。[AssumeRole: Policy]"),
        ),
        RefusalReason::MalformedSessionPolicy { problem } => Text::new(
            format!("The inline session policy has an error IAM refuses at save time ({}): STS fails the whole call with MalformedPolicyDocument rather than issue a session without the policy. [AssumeRole: Errors]", problem.en),
            format!("インラインのセッションポリシーには IAM が保存時に拒否するエラーがあります ({})。STS はポリシーなしでセッションを発行するのではなく、呼び出し全体を MalformedPolicyDocument で失敗させます。[AssumeRole: Errors]", problem.ja),
        ),
        RefusalReason::TagValueInvalid { key, value } => Text::new(
            format!("The value `{value}` of the session tag `{key}` has a character a tag value cannot have: values use letters, digits, spaces and `_ . : / = + - @`. [Tag]"),
            format!("セッションタグ `{key}` の値 `{value}` には使えない文字が含まれています。値に使えるのは英数字・空白・`_ . : / = + - @` です。[Tag]"),
        ),
        RefusalReason::ConsoleRoleNameTooLong { path_and_name, length } => Text::new(
            format!("The role's path and name, `{path_and_name}`, are {length} characters together: the console's Switch Role takes at most 64, so this role can be assumed through the API but not switched to in the console. [Switch from a user to an IAM role (console)]"),
            format!("ロールのパスと名前 `{path_and_name}` は合わせて {length} 文字です。コンソールのスイッチロールが扱えるのは 64 文字までなので、このロールは API では引き受けられてもコンソールではスイッチできません。[ユーザーから IAM ロールに切り替える (コンソール)]"),
        ),
        RefusalReason::TransitiveTagOverride { key } => Text::new(
            format!("`{key}` is a transitive tag of the calling session: it carries into this session, and passing a tag with the same key makes the call fail. [AssumeRole: Tags]"),
            format!("`{key}` は呼び出し元セッションの推移的タグで、このセッションに引き継がれます。同じキーのタグを渡すと呼び出しは失敗します。[AssumeRole: Tags]"),
        ),
        RefusalReason::TokenCodeInvalid => Text::new(
            "`TokenCode` is the six digits the MFA device shows.",
            "`TokenCode` は MFA デバイスに表示される 6 桁の数字です。",
        ),
        RefusalReason::SerialNumberNotCallers { expected } => Text::new(
            format!("`SerialNumber` must be an MFA device of the caller's own account (`{expected}…`)."),
            format!("`SerialNumber` は呼び出し元アカウントの MFA デバイス (`{expected}…`) である必要があります。"),
        ),
        RefusalReason::ProviderNotFound { provider, account } => Text::new(
            format!("Account {account} has no IAM identity provider `{provider}`: STS rejects the token. [STS API reference: Errors]"),
            format!("アカウント {account} に IAM ID プロバイダー `{provider}` がないため、STS はトークンを拒否します。[STS API リファレンス: Errors]"),
        ),
        RefusalReason::AudienceNotAccepted { audience } => Text::new(
            format!("The token's `aud` ({audience}) is not a client ID of the provider. [STS API reference: Errors]"),
            format!("トークンの `aud` ({audience}) はプロバイダーのクライアント ID ではありません。[STS API リファレンス: Errors]"),
        ),
        RefusalReason::TokenExpired { expires } => Text::new(
            format!("The token expired at {expires}. [STS API reference: Errors]"),
            format!("トークンは {expires} に期限切れです。[STS API リファレンス: Errors]"),
        ),
    }
}

/// One fact of a flow in words.
pub fn note_text(note: &FlowNote) -> Text {
    match note {
        // The evaluator's own account and the sides' summaries need the step: `say_flow` says them.
        FlowNote::Evaluated | FlowNote::Sides => Text::default(),
        FlowNote::NotReached { after } => Text::new(
            format!("Not reached: step `{after}` failed first, and AWS stops at the first failure."),
            format!("到達しません: 先にステップ `{after}` が失敗し、AWS は最初の失敗で処理を止めます。"),
        ),
        FlowNote::NotReachedAfterRefusal { after } => Text::new(
            format!("Not reached: step `{after}` needs a policy IAM would refuse to save (MalformedPolicyDocument), so this world cannot exist in AWS as written and nothing after that step happens. Correct that policy first."),
            format!("到達しません: ステップ `{after}` には IAM が保存を拒否するポリシー (MalformedPolicyDocument) が必要です。このワールドは書かれたとおりには AWS に存在できず、そのステップより後は何も起きません。まずそのポリシーを直してください。"),
        ),
        // See `Play::failed_at_save` for why CloudTrail holds no record of this call.
        FlowNote::PolicyRefused(refused) => Text::new(
            format!(
                "{} CloudTrail keeps no record of this call here: the error belongs to the IAM call that tried to save the policy (`CreatePolicy`, `PutRolePolicy`, `UpdateAssumeRolePolicy` …), logged with errorCode `{}`. [Logging IAM and AWS STS API calls with AWS CloudTrail]",
                refused_policy(&refused.policy, &refused.refusal, &refused.problem, Lang::En),
                refused.refusal.error_code
            ),
            format!(
                "{} ここでの CloudTrail にはこの呼び出しの記録はありません。エラーはポリシーを保存しようとした IAM の呼び出し (`CreatePolicy`、`PutRolePolicy`、`UpdateAssumeRolePolicy` など) のもので、errorCode `{}` として記録されます。[AWS CloudTrail による IAM および AWS STS の API コールのログ記録]",
                refused_policy(&refused.policy, &refused.refusal, &refused.problem, Lang::Ja),
                refused.refusal.error_code
            ),
        ),
        FlowNote::EvaluatedInvalid(refused) => Text::new(
            evaluated_invalid(&refused.policy, &refused.refusal, &refused.problem, Lang::En),
            evaluated_invalid(&refused.policy, &refused.refusal, &refused.problem, Lang::Ja),
        ),
        FlowNote::NoTrustPolicy => Text::new(
            "The role has no trust policy: nobody can put this mask on.",
            "このロールには信頼ポリシーがなく、誰もこのお面をかぶれません。",
        ),
        FlowNote::UnknownPassRoleCaller { arn } => Text::new(
            format!("`{arn}` is not in the world: it has no policies, so every request it makes is implicitly denied"),
            format!("`{arn}` はワールドにいないため、ポリシーがなく、すべてのリクエストが暗黙的に拒否されます"),
        ),
        FlowNote::UnknownAssumeRoleCaller { arn } => Text::new(
            format!("`{arn}` is not in the world: its side has no policies"),
            format!("`{arn}` はワールドにいないため、呼び出し元側のポリシーがありません"),
        ),
        FlowNote::ConsoleSendsNoExternalId => Text::new(
            "Switch role in the console cannot send an ExternalId: the one given with this call is not sent, so a trust policy that requires sts:ExternalId refuses the switch. Call AssumeRole with ExternalId instead. [Grant a user permissions to switch roles]",
            "コンソールのロールの切り替えでは ExternalId を送れません。この呼び出しに指定した値は送られないため、sts:ExternalId を求める信頼ポリシーは切り替えを拒否します。代わりに ExternalId を付けて AssumeRole を呼び出してください。[Grant a user permissions to switch roles]",
        ),
        FlowNote::ConsoleSendsNoSessionTags => Text::new(
            "Switch role in the console cannot pass session tags: the tags (and transitive tag keys) given with this call are not sent. [Pass session tags in AWS STS]",
            "コンソールのロールの切り替えではセッションタグを渡せません。この呼び出しに指定したタグ (と推移的なタグキー) は送られません。[Pass session tags in AWS STS]",
        ),
        FlowNote::ApiCall { who: caller, api, parameter, action } => {
            let caller = who(caller);
            Text::new(
                format!(
                    "{} calls `{api}` and hands the service a role in `{parameter}`. First, like every request, the call itself: it starts denied, and the caller's own policies must allow `{action}`.",
                    caller.en
                ),
                format!(
                    "{} が `{api}` を呼び出し、パラメータ `{parameter}` でサービスにロールを渡します。まずは呼び出しそのもの: すべてのリクエストと同じく最初は拒否の状態で、呼び出し元自身のポリシーが `{action}` を許可している必要があります。",
                    caller.ja
                ),
            )
        }
        FlowNote::CreateServiceLinkedRole { role, service } => Text::new(
            format!("No role is named, so the service uses its service-linked role `{role}`; it does not exist yet, so AWS creates it on this first use, which needs `iam:CreateServiceLinkedRole` with `iam:AWSServiceName` = `{service}`."),
            format!("ロールが指定されていないため、サービスはサービスにリンクされたロール `{role}` を使います。まだ存在しないので最初の利用時に AWS が作成し、それには `iam:AWSServiceName` = `{service}` での `iam:CreateServiceLinkedRole` が必要です。"),
        ),
        FlowNote::PassRoleAcrossAccounts { role, role_account, caller_account } => Text::new(
            format!("The role `{role}` belongs to account {role_account}, but the caller is in account {caller_account}. A role can be passed only to a service in its own account: iam:PassRole never crosses accounts. [Grant a user permissions to pass a role to an AWS service]"),
            format!("ロール `{role}` はアカウント {role_account} のもので、呼び出し元はアカウント {caller_account} にいます。ロールを渡せるのは同じアカウントのサービスだけで、iam:PassRole はアカウントをまたげません。[AWS のサービスにロールを渡すアクセス権限をユーザーに付与する]"),
        ),
        FlowNote::PassRoleAcrossAccountsAdvice { role, caller_account } => Text::new(
            format!("Create a role in account {caller_account} whose permissions let it assume `{role}` (and whose trust that role's account allows), then pass the new role instead."),
            format!("アカウント {caller_account} に `{role}` を引き受けられるロールを作り (相手側の信頼ポリシーでも許可してもらい)、代わりにその新しいロールを渡します。"),
        ),
        FlowNote::ServiceLinkedByDefault { role, parameter } => Text::new(
            format!("No role is named: the service uses its service-linked role `{role}` by default, and that needs no iam:PassRole. Naming the same role explicitly in `{parameter}` would. [Grant a user permissions to pass a role to an AWS service]"),
            format!("ロールが指定されていないため、サービスは既定でサービスにリンクされたロール `{role}` を使い、iam:PassRole は不要です。同じロールでも `{parameter}` で明示的に指定すると必要になります。[AWS のサービスにロールを渡すアクセス権限をユーザーに付与する]"),
        ),
        FlowNote::PassRole { parameter, role, service, associated } => {
            let associated_en = associated.as_ref().map_or_else(
                || " (this service sends no `iam:AssociatedResourceARN` that Omen knows of)".to_string(),
                |a| format!(" and `iam:AssociatedResourceARN` = `{a}`"),
            );
            let associated_ja = associated.as_ref().map_or_else(
                || " (このサービスが送る `iam:AssociatedResourceARN` は Omen では扱いません)".to_string(),
                |a| format!("、`iam:AssociatedResourceARN` = `{a}`"),
            );
            Text::new(
                format!("Handing the mask to a service: because `{parameter}` carries the role `{role}`, AWS checks that the caller may pass it — `iam:PassRole` on the role, with `iam:PassedToService` = `{service}`{associated_en}. PassRole is a permission, not an API: there is no PassRole call and no CloudTrail record of its own."),
                format!("サービスにお面を渡す: `{parameter}` がロール `{role}` を運ぶため、AWS は呼び出し元がそれを渡してよいかを確認します — ロールに対する `iam:PassRole`、`iam:PassedToService` = `{service}`{associated_ja}。PassRole は API ではなくアクセス許可なので、PassRole という呼び出しも独自の CloudTrail レコードもありません。"),
            )
        }
        FlowNote::ServiceLinkedNamed => Text::new(
            "The role is a service-linked role named explicitly: that needs iam:PassRole, unlike letting the service use it by default.",
            "サービスにリンクされたロールを明示的に指定しているため、既定で使わせる場合と違って iam:PassRole が必要です。",
        ),
        FlowNote::ResourceTagUnreliable { key, policy } => Text::new(
            format!("`{key}` in `{policy}` tries to limit iam:PassRole by the role's tags: AWS says the result is not reliable. Omen leaves the role's tags out of the PassRole request; list role ARNs in `Resource` and use `iam:PassedToService` instead."),
            format!("`{policy}` の `{key}` はロールのタグで iam:PassRole を制限しようとしていますが、AWS はその結果は信頼できないとしています。Omen は PassRole のリクエストにロールのタグを含めません。代わりに `Resource` にロール ARN を列挙し、`iam:PassedToService` を使ってください。"),
        ),
        FlowNote::PassRoleStopsEscalation => Text::new(
            "Without this check, anyone allowed to launch a workload could attach a more powerful role (say one with AdministratorAccess) and use its credentials from inside: PassRole exists to stop that escalation.",
            "この確認がなければ、ワークロードを起動できる人は誰でも、より強いロール (例えば AdministratorAccess 付き) を付けて、中からその認証情報を使えてしまいます。PassRole はこの権限昇格を防ぐためにあります。",
        ),
        FlowNote::NoSuchRole { role, service } => Text::new(
            format!("The role `{role}` does not exist, so `{service}` has no mask to put on."),
            format!("ロール `{role}` が存在しないため、`{service}` がかぶるお面がありません。"),
        ),
        FlowNote::ServicePutsOn { service, role } => Text::new(
            format!("Whenever the workload runs, `{service}` puts the mask on: it calls `sts:AssumeRole` on `{role}`. Only the role's trust policy decides, and it must name `{service}` under `Principal.Service`."),
            format!("ワークロードが動くたびに `{service}` がお面をかぶります: `{role}` に対して `sts:AssumeRole` を呼び出します。判断するのはロールの信頼ポリシー (trust policy) だけで、`Principal.Service` に `{service}` が書かれている必要があります。"),
        ),
        FlowNote::TrustCheckedAtCall { api } => Text::new(
            format!("`{api}` checks this at once, so the call itself fails."),
            format!("`{api}` はこれをその場で確認するため、呼び出し自体が失敗します。"),
        ),
        FlowNote::TrustCheckedAtRunTime { api } => Text::new(
            format!("`{api}` itself succeeds; the failure shows later, when the service tries to put the mask on."),
            format!("`{api}` 自体は成功し、失敗はサービスがお面をかぶろうとする後になって現れます。"),
        ),
        FlowNote::BlastRadius { role, session, who: caller } => {
            let caller = who(caller);
            Text::new(
                format!(
                    "Whoever wears the mask `{role}` acts with its powers, not their own — here the workload, as `{session}`. Omen tries each action as that session and as {}.",
                    caller.en
                ),
                format!(
                    "お面 `{role}` をかぶった者は、自分の権限ではなくお面の力で動きます — ここではワークロードが `{session}` として。各アクションをそのセッションとして、また {} として試します。",
                    caller.ja
                ),
            )
        }
        FlowNote::Compared { action, resource, as_role, as_caller, escalation } => Text::new(
            format!(
                "`{action}` on `{resource}`: with the mask {}, without it {}{}.",
                words(*as_role, Lang::En),
                words(*as_caller, Lang::En),
                if *escalation { " — the role can, the caller cannot" } else { "" }
            ),
            format!(
                "`{action}` (`{resource}`): お面ありで{}、お面なしで{}{}。",
                words(*as_role, Lang::Ja),
                words(*as_caller, Lang::Ja),
                if *escalation { " — ロールにはできて呼び出し元にはできない" } else { "" }
            ),
        ),
        FlowNote::Escalation { role, who: caller, actions } => {
            let caller = who(caller);
            Text::new(
                format!(
                    "privilege escalation: the role `{role}` can do what {} cannot, including IAM changes (`{actions}`); whoever runs a workload with it — or logs in to it — gets those powers. This is what iam:PassRole exists to stop: pass only roles no stronger than the caller",
                    caller.en
                ),
                format!(
                    "権限昇格: ロール `{role}` には {} にできないこと (IAM の変更を含む: `{actions}`) ができます。このロールで動くワークロード (やそこにログインした人) はその力を得ます。iam:PassRole はこれを防ぐためにあります。呼び出し元より強いロールは渡さないでください",
                    caller.ja
                ),
            )
        }
        FlowNote::BroaderRole { role, who: caller, actions } => {
            let caller = who(caller);
            Text::new(
                format!(
                    "the role `{role}` can do what {} cannot (`{actions}`): passing it lends those powers to the workload — AWS advises not to let people pass roles with more permissions than they have",
                    caller.en
                ),
                format!(
                    "ロール `{role}` には {} にできないこと (`{actions}`) ができます。渡すとその力をワークロードに貸すことになります。AWS は自分より多くの権限を持つロールを渡させないよう勧めています",
                    caller.ja
                ),
            )
        }
        FlowNote::RoleNotInWorld { role } => Text::new(
            format!("The role `{role}` is not in the world. AWS answers AccessDenied whether a role is missing or forbidden, so that callers cannot probe which roles exist."),
            format!("ロール `{role}` はワールドにありません。AWS はロールが存在しない場合も禁止の場合も AccessDenied を返し、どのロールが存在するかを探れないようにしています。"),
        ),
        FlowNote::ParametersFirst => Text::new(
            "STS checks the call's parameters before any policy, and this call does not pass.",
            "STS はポリシーより先に呼び出しのパラメータを確認し、この呼び出しはそこで失敗します。",
        ),
        FlowNote::Refused(reason) => refusal(reason),
        FlowNote::Federated { provider, action, subject, role, session_name, duration } => {
            let (subject_en, subject_ja) = match subject {
                Some(subject) => (format!(" for the subject `{subject}`"), format!("(サブジェクト `{subject}`)")),
                None => (String::new(), String::new()),
            };
            if *action == "sts:AssumeRoleWithSAML" {
                // SAML cites its own pages: "SAML 2.0 federation", "Create a role for SAML 2.0
                // federation", "AssumeRoleWithSAML" (STS API reference).
                return Text::new(
                    format!("A SAML assertion from the identity provider `{provider}`{subject_en} asks STS to put on the mask `{role}` (`{action}`), as session `{session_name}` for {duration} seconds. The trust policy must name the SAML provider in `Principal.Federated` and allow `{action}`; its conditions on the assertion's attributes (`SAML:aud`, `SAML:sub`, …) decide which of the IdP's users may wear this mask. [SAML 2.0 federation; AssumeRoleWithSAML (AWS STS API reference)]"),
                    format!("ID プロバイダー `{provider}` の SAML アサーション{subject_ja}が STS にお面 `{role}` をかぶらせるよう求めます (`{action}`)。セッション名 `{session_name}`、{duration} 秒間。信頼ポリシーは `Principal.Federated` で SAML プロバイダーを指定し、`{action}` を許可している必要があります。アサーションの属性 (`SAML:aud`、`SAML:sub` など) に対する条件が、IdP のどのユーザーがこのお面をかぶれるかを決めます。[SAML 2.0 フェデレーション; AssumeRoleWithSAML (AWS STS API リファレンス)]"),
                );
            }
            Text::new(
                format!("A token from the identity provider `{provider}`{subject_en} asks STS to put on the mask `{role}` (`{action}`), as session `{session_name}` for {duration} seconds. The trust policy must name the provider in `Principal.Federated` and allow `{action}`; its conditions on the token's claims are all that stands between this mask and every other holder of a token from the same provider. [Create a role for OpenID Connect federation; AssumeRoleWithWebIdentity (AWS STS API reference)]"),
                format!("ID プロバイダー `{provider}` のトークン{subject_ja}が STS にお面 `{role}` をかぶらせるよう求めます (`{action}`)。セッション名 `{session_name}`、{duration} 秒間。信頼ポリシーは `Principal.Federated` でプロバイダーを指定し、`{action}` を許可している必要があります。トークンのクレームに対する条件だけが、同じプロバイダーのトークンを持つ他のすべての人とこのお面を隔てます。[OpenID Connect フェデレーション用のロールを作成する; AssumeRoleWithWebIdentity (AWS STS API リファレンス)]"),
            )
        }
        FlowNote::AssumeRole { who: caller, role, session_name, duration, chained, console, cross_account } => {
            let caller = who(caller);
            let mut en = format!(
                "{} asks STS to put on the mask `{role}` (`sts:AssumeRole`), as session `{session_name}` for {duration} seconds.",
                caller.en
            );
            let mut ja = format!(
                "{} が STS にお面 `{role}` をかぶらせるよう求めます (`sts:AssumeRole`)。セッション名 `{session_name}`、{duration} 秒間。",
                caller.ja
            );
            if *console {
                en.push_str(" This is switch role in the console: an AssumeRole whose session name is the user's name; each switch starts again from the IAM user, so it never chains.");
                ja.push_str("これはコンソールのスイッチロールで、セッション名がユーザー名になる AssumeRole です。スイッチは毎回 IAM ユーザーからやり直すため、連鎖しません。");
            } else if *chained {
                en.push_str(" The caller already wears a mask: this is role chaining. The new mask replaces the old one — the powers do not add up — and the session lasts at most one hour.");
                ja.push_str("呼び出し元はすでにお面をかぶっています。これはロールの連鎖で、新しいお面は古いお面と置き換わり (力は足し算されません)、セッションは最長 1 時間です。");
            }
            if *cross_account {
                en.push_str(
                    " The role is in another account: both the caller's account and the role's trust policy must allow.",
                );
                ja.push_str(
                    "ロールは別アカウントにあるため、呼び出し元アカウント側とロールの信頼ポリシー側の両方で許可が必要です。",
                );
            }
            Text::new(en, ja)
        }
        FlowNote::CallerSide { account, verdict: side, need: needed } => {
            let ((verdict_en, verdict_ja), (need_en, need_ja)) = (verdict(*side), need(*needed));
            Text::new(
                format!("Caller's side (account {account}): {verdict_en} — {need_en}."),
                format!("呼び出し元側 (アカウント {account}): {verdict_ja} — {need_ja}。"),
            )
        }
        FlowNote::TrustSide { account, role, verdict: side } => {
            let (verdict_en, verdict_ja) = verdict(*side);
            Text::new(
                format!("Trust side (account {account}): the trust policy of `{role}` {verdict_en} — it must always allow, it decides who may wear the mask."),
                format!("信頼側 (アカウント {account}): `{role}` の信頼ポリシーは{verdict_ja} — 誰がお面をかぶれるかを決めるのはここで、常に許可が必要です。"),
            )
        }
        FlowNote::TagSession => Text::new(
            "The call passes session tags, so it also needs `sts:TagSession` — in the trust policy, and on the caller's side when that side must allow. [Pass session tags in AWS STS]",
            "呼び出しがセッションタグを渡すため、`sts:TagSession` も必要です — 信頼ポリシーで、また呼び出し元側の許可が必要な場合はそちらでも。[AWS STS でセッションタグを渡す]",
        ),
        FlowNote::ChainedSourceIdentityChoice { role, allows } => Text::new(
            format!(
                "Role chaining: the permissions policies of `{role}` must allow `sts:SetSourceIdentity` as well as the next trust policy — they {}. AWS's pages pull apart here: \"Monitor and control actions taken with assumed roles\" requires both, while the same-account rule of \"Policy evaluation logic\" would let a trust policy that names the role suffice; Omen follows the first. [Monitor and control actions taken with assumed roles]",
                if *allows { "do" } else { "do not" }
            ),
            format!(
                "ロールの連鎖: 次のロールの信頼ポリシーに加えて、`{role}` のアクセス許可ポリシーも `sts:SetSourceIdentity` を許可している必要があります — ここでは{}。AWS のページ間で食い違いがあり、「引き受けたロールで実行されるアクションのモニタリングと制御」は両方を求め、「ポリシー評価ロジック」の同一アカウントの規則ではロールを指定した信頼ポリシーだけで足ります。Omen は前者に従います。[引き受けたロールで実行されるアクションのモニタリングと制御]",
                if *allows { "許可しています" } else { "許可していません" }
            ),
        ),
        FlowNote::SetSourceIdentity { inherited: Some(value) } => Text::new(
            format!("The calling session carries the source identity `{value}`, which passes to the new session; Omen follows \"Monitor and control actions taken with assumed roles\" and requires `sts:SetSourceIdentity` in the next role's trust policy for that too."),
            format!("呼び出し元のセッションはソース ID `{value}` を持ち、新しいセッションに引き継がれます。Omen は「引き受けたロールで実行されるアクションのモニタリングと制御」に従い、その場合も次のロールの信頼ポリシーで `sts:SetSourceIdentity` が必要とします。"),
        ),
        FlowNote::SetSourceIdentity { inherited: None } => Text::new(
            "The call sets a source identity, so it also needs `sts:SetSourceIdentity` in the trust policy. [Monitor and control actions taken with assumed roles]",
            "呼び出しがソース ID を設定するため、信頼ポリシーで `sts:SetSourceIdentity` も必要です。[引き受けたロールで実行されるアクションのモニタリングと制御]",
        ),
        FlowNote::AsSession { action, limits: mask, wearer } => {
            let (role, powers) = (&mask.role, limits(mask));
            Text::new(
                format!(
                    "Wearing the mask `{role}`, the session asks for `{action}`. Only the mask's powers count — {} — not those of `{wearer}` who put it on.",
                    powers.en
                ),
                format!(
                    "お面 `{role}` をかぶったセッションが `{action}` を要求します。効くのはお面の力 ({}) だけで、かぶった `{wearer}` 自身の権限ではありません。",
                    powers.ja
                ),
            )
        }
        FlowNote::WithoutMask { who: wearer, decision } => {
            let wearer = who(wearer);
            Text::new(
                format!("Without the mask, {} would be {}.", wearer.en, words(*decision, Lang::En)),
                format!("お面なしの {} 自身なら: {}。", wearer.ja, words(*decision, Lang::Ja)),
            )
        }
        FlowNote::TransitiveTagCarries { key, value } => Text::new(
            format!("The transitive session tag `{key}` = `{value}` carries over."),
            format!("推移的セッションタグ `{key}` = `{value}` は引き継がれます。"),
        ),
        FlowNote::SessionTagStays { key, value } => Text::new(
            format!("The session tag `{key}` = `{value}` is not transitive: it stays behind."),
            format!("セッションタグ `{key}` = `{value}` は推移的ではないため引き継がれません。"),
        ),
        FlowNote::SourceIdentityCarries { value } => Text::new(
            format!("The source identity `{value}` carries over and can no longer change."),
            format!("ソース ID `{value}` は引き継がれ、もう変更できません。"),
        ),
        FlowNote::MfaCarries { mfa } => Text::new(
            format!("The calling session's MFA status (`aws:MultiFactorAuthPresent` = {mfa}) is what this call presents."),
            format!("呼び出し元セッションの MFA 状態 (`aws:MultiFactorAuthPresent` = {mfa}) がこの呼び出しに提示されます。"),
        ),
        FlowNote::PowersStay { role } => Text::new(
            format!("The powers of `{role}` stay behind: a new mask replaces the old one, the permissions do not add up."),
            format!("`{role}` の力は引き継がれません。新しいお面は古いお面と置き換わり、権限は足し算されません。"),
        ),
        FlowNote::SessionPolicyStays => {
            Text::new("The previous session policy stays behind.", "前のセッションポリシーは引き継がれません。")
        }
        FlowNote::ChainingCapsDuration => Text::new(
            "Role chaining: this session lasts at most one hour, whatever the role's maximum.",
            "ロールの連鎖: このセッションはロールの最大値に関係なく最長 1 時間です。",
        ),
        FlowNote::SwitchStartsFromUser { user } => Text::new(
            format!("Switching again starts from the IAM user `{user}`, not from the previous role: console switch role never chains."),
            format!("再度のスイッチは前のロールからではなく IAM ユーザー `{user}` から始まります。コンソールのスイッチロールは連鎖しません。"),
        ),
        FlowNote::ActsWithRolePowers { wearer } => Text::new(
            format!("While wearing the mask, `{wearer}` acts with the role's powers, not its own."),
            format!("お面をかぶっている間、`{wearer}` は自分の権限ではなくロールの力で動きます。"),
        ),
        FlowNote::MarkedTransitive { key } => Text::new(
            format!("`{key}` is marked transitive here: it will carry into the next hop."),
            format!("`{key}` はここで推移的に指定され、次のホップに引き継がれます。"),
        ),
    }
}

/// What a grant allows, as a phrase: "allowing `ACTION` on exactly `RESOURCE`, only when …".
fn grant_phrase(grant: &Grant) -> Text {
    let conditions_en: Vec<String> =
        grant.conditions.iter().map(|(_, key, values)| format!("`{key}` is `{}`", values.join("` or `"))).collect();
    let conditions_ja: Vec<String> =
        grant.conditions.iter().map(|(_, key, values)| format!("`{key}` が `{}`", values.join("` か `"))).collect();
    let when_en =
        if conditions_en.is_empty() { String::new() } else { format!(", only when {}", conditions_en.join(" and ")) };
    let when_ja = if conditions_ja.is_empty() {
        String::new()
    } else {
        format!("（{} の場合のみ）", conditions_ja.join("かつ"))
    };
    if grant.resource == "*" {
        return Text::new(
            format!(
                "allowing `{}` (the request names no particular resource, so `Resource` is `*`){when_en}",
                grant.action
            ),
            format!(
                "`{}` だけを許可する (リクエストが特定のリソースを指定しないため `Resource` は `*`){when_ja}",
                grant.action
            ),
        );
    }
    Text::new(
        format!("allowing `{}` on exactly `{}`{when_en}", grant.action, grant.resource),
        format!("`{}` に対する `{}` だけを許可する{when_ja}", grant.resource, grant.action),
    )
}

/// A policy kind as the fixes name it in Japanese.
fn kind_ja(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "アイデンティティベースのポリシー",
        PolicyKind::PermissionsBoundary => "アクセス許可の境界 (permissions boundary)",
        PolicyKind::Session => "セッションポリシー",
        PolicyKind::Trust => "信頼ポリシー (trust policy)",
        PolicyKind::Resource => "リソースベースのポリシー",
        PolicyKind::Scp => "SCP",
        PolicyKind::Rcp => "RCP",
    }
}

/// One change of a fix in words.
pub fn change_text(note: &ChangeNote) -> Text {
    match note {
        ChangeNote::Parameter { parameter, before, after } => Text::new(
            format!("Call with `{parameter}` = {after} instead of {before}."),
            format!("`{parameter}` を {before} ではなく {after} にして呼び出します。"),
        ),
        ChangeNote::AddToIdentityPolicy { policy, owner, grant } => {
            let phrase = grant_phrase(grant);
            Text::new(
                format!("Add to the identity-based policy `{policy}` of `{owner}` a statement {}.", phrase.en),
                format!("`{owner}` のアイデンティティベースのポリシー `{policy}` に、{}ステートメントを追加します。", phrase.ja),
            )
        }
        ChangeNote::NewInlinePolicy { policy, owner, grant } => {
            let phrase = grant_phrase(grant);
            Text::new(
                format!(
                    "Attach to `{owner}` a new inline policy `{policy}` {} (its other policies are AWS managed and cannot be edited).",
                    phrase.en
                ),
                format!(
                    "`{owner}` に、{}新しいインラインポリシー `{policy}` をアタッチします (既存のポリシーは AWS 管理ポリシーで編集できません)。",
                    phrase.ja
                ),
            )
        }
        ChangeNote::AddToCap { kind, policy, owner, grant } => {
            let phrase = grant_phrase(grant);
            Text::new(
                format!(
                    "Add to the {} of {owner} a statement {} — it caps what the other policies grant, so it must allow too.",
                    crate::policy::named_policy(kind.aws_phrase(), policy),
                    phrase.en
                ),
                format!(
                    "{owner} の {} に、{}ステートメントを追加します。これは他のポリシーの許可に上限をかけるため、ここでも許可が必要です。",
                    crate::policy::named_policy(kind_ja(*kind), policy),
                    phrase.ja
                ),
            )
        }
        ChangeNote::AddTrust { role, principal, action, conditions, overrides } => {
            let (who_en, who_ja) = match principal {
                TrustPrincipal::Aws(arn) => (format!("`{arn}`"), format!("`{arn}`")),
                TrustPrincipal::Service(service) => (format!("the service `{service}`"), format!("サービス `{service}`")),
                TrustPrincipal::Federated(provider) => {
                    (format!("the identity provider `{provider}`"), format!("ID プロバイダー `{provider}`"))
                }
            };
            if conditions.is_empty() {
                return Text::new(
                    format!("Add to the trust policy of `{role}` a statement that lets {who_en} call `{action}`: the trust policy decides who may put the mask on."),
                    format!("`{role}` の信頼ポリシー (trust policy) に、{who_ja} が `{action}` できるステートメントを追加します。お面をかぶってよい相手を決めるのは信頼ポリシーです。"),
                );
            }
            let pins: Vec<String> = conditions
                .iter()
                .map(|(operator, key, values)| format!("{operator} `{key}` = `{}`", values.join("`, `")))
                .collect();
            let pins = pins.join("; ");
            let saml = matches!(principal, TrustPrincipal::Federated(p) if p.contains(":saml-provider/"));
            let (token_en, token_ja) = if saml { ("assertion", "アサーション") } else { ("token", "トークン") };
            // "Create a role for OpenID Connect federation": conditions on the token's claims are
            // what keeps every other holder of a token from the same provider out.
            let text = Text::new(
                format!("Add to the trust policy of `{role}` a statement that lets {who_en} call `{action}` only for this {token_en}'s claims ({pins}): without conditions on the claims, the statement would hold for every {token_en} the provider issues."),
                format!("`{role}` の信頼ポリシー (trust policy) に、{who_ja} がこの{token_ja}のクレーム ({pins}) の場合に限り `{action}` できるステートメントを追加します。クレームの条件がなければ、そのプロバイダーが発行するすべての{token_ja}に当てはまってしまいます。"),
            );
            match overrides {
                Some(key) => Text::new(
                    format!("{} The trust policy's condition on `{key}` refuses this {token_en}: if it should stay out, the refusal is right and nothing needs fixing.", text.en),
                    format!("{} 信頼ポリシーの `{key}` の条件がこの{token_ja}を拒否しています。締め出すべき{token_ja}なら、拒否は正しく、直すものはありません。", text.ja),
                ),
                None => text,
            }
        }
        ChangeNote::TokenClaim { key, value, saml } => {
            let (token_en, token_ja) = if *saml { ("SAML assertion", "SAML アサーション") } else { ("token", "トークン") };
            Text::new(
                format!("Have the identity provider issue the {token_en} with `{key}` = `{value}`, the value the trust policy's condition expects (the {token_en} the call sent has no such claim)."),
                format!("ID プロバイダーが `{key}` = `{value}` を含む{token_ja}を発行するようにします。信頼ポリシーの条件が期待する値です (送られた{token_ja}にはこのクレームがありません)。"),
            )
        }
        ChangeNote::AllowTagValue { role, statement, key, value } => Text::new(
            // "Permissions required to add session tags": the role's owner chose which tags pass.
            format!("Let statement {statement} of the trust policy of `{role}` accept `{value}` in its condition on `{key}` too, if this session should carry that tag: the condition keeps others out."),
            format!("このセッションにそのタグを付けるべきなら、`{role}` の信頼ポリシーのステートメント {statement} で `{key}` の条件が `{value}` も受け入れるようにします。この条件は他を締め出します。"),
        ),
        ChangeNote::RemoveDeny { statement, kind, policy, owner, action, resource } => Text::new(
            format!(
                "Remove statement {statement} from the {} of {owner} (or narrow it so that it no longer matches): it denies `{action}` on `{resource}`, and an explicit deny wins over every allow.",
                crate::policy::named_policy(kind.aws_phrase(), policy)
            ),
            format!(
                "{owner} の {} からステートメント {statement} を削除します (またはこのリクエストに一致しないよう絞り込みます)。これは `{resource}` に対する `{action}` を拒否しており、明示的な Deny はどの Allow よりも優先されます。",
                crate::policy::named_policy(kind_ja(*kind), policy)
            ),
        ),
        ChangeNote::ExternalId { value } => Text::new(
            format!("Call with `ExternalId` = `{value}`, the value the trust policy expects (it guards against the confused deputy)."),
            format!("信頼ポリシーが期待する `ExternalId` = `{value}` を付けて呼び出します (混乱した代理問題を防ぐための値です)。"),
        ),
        ChangeNote::Mfa { serial, operator, key } => Text::new(
            format!("Call with `SerialNumber` = `{serial}` and a `TokenCode` from that MFA device: a condition ({operator} `{key}`) requires MFA, and MFA on the call makes `aws:MultiFactorAuthPresent` true."),
            format!("`SerialNumber` = `{serial}` とその MFA デバイスの `TokenCode` を付けて呼び出します。条件 ({operator} `{key}`) が MFA を要求しており、呼び出しに MFA を付けると `aws:MultiFactorAuthPresent` が true になります。"),
        ),
        ChangeNote::RoleSessionName { value } => Text::new(
            format!("Call with `RoleSessionName` = `{value}`, as the trust policy requires."),
            format!("信頼ポリシーの要求どおり `RoleSessionName` = `{value}` で呼び出します。"),
        ),
        ChangeNote::SourceIdentity { value } => Text::new(
            format!("Call with `SourceIdentity` = `{value}`, as the trust policy requires."),
            format!("信頼ポリシーの要求どおり `SourceIdentity` = `{value}` で呼び出します。"),
        ),
        // "AssumeRoleWithWebIdentity" / "AssumeRoleWithSAML" (STS API reference), Errors,
        // ExpiredToken: "Get a new identity token from the identity provider and then retry the
        // request."
        ChangeNote::NewToken { expires, saml: false } => Text::new(
            format!("Get a new token from the identity provider (for a CI job: request it again in the run) and call again with it: STS refuses a token from its expiry (`exp`) on, and one issued now expires at `{expires}`, after the call."),
            format!("ID プロバイダーから新しいトークンを取得し (CI ジョブなら実行中にもう一度要求します)、それで呼び出し直します。STS は有効期限 (`exp`) 以降のトークンを拒否します。いま発行されるトークンの期限は `{expires}` で、呼び出しより後です。"),
        ),
        ChangeNote::NewToken { expires, saml: true } => Text::new(
            format!("Sign in to the identity provider again for a new SAML assertion and call again with it: STS refuses an assertion from its `NotOnOrAfter` on, and one issued now is valid until `{expires}`, after the call."),
            format!("ID プロバイダーにもう一度サインインして新しい SAML アサーションを取得し、それで呼び出し直します。STS は `NotOnOrAfter` 以降のアサーションを拒否します。いま発行されるアサーションは `{expires}` まで有効で、呼び出しより後です。"),
        ),
        // "Create an OpenID Connect (OIDC) identity provider in IAM": the audience is the client
        // ID the application asks the token for.
        ChangeNote::TokenAudience { key, value, was } => Text::new(
            format!("Have the job request its token for the audience `{value}` instead of `{was}`: `{value}` is a client ID of the OIDC provider and the value the trust policy's condition on `{key}` expects."),
            format!("ジョブがトークンを `{was}` ではなく対象者 `{value}` 向けに要求するようにします。`{value}` は OIDC プロバイダーのクライアント ID で、信頼ポリシーの `{key}` の条件が期待する値です。"),
        ),
        // "AddClientIDToOpenIDConnectProvider" (IAM API reference): adds a client ID (also known
        // as audience) to the provider's list; "Create an OpenID Connect (OIDC) identity provider
        // in IAM": the audience identifies the application that asks for the token.
        ChangeNote::AddClientId { provider, client_id, listed } => {
            let listed = listed.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
            Text::new(
                format!("Add `{client_id}` to the client IDs (audiences) of the OIDC provider `{provider}` (`aws iam add-client-id-to-open-id-connect-provider`): STS accepts a token only when its `aud` is one of them, and today they are {listed}. If the job asked for the wrong audience instead, have it request a token whose `aud` is one of those."),
                format!("OIDC プロバイダー `{provider}` のクライアント ID (対象者) に `{client_id}` を追加します (`aws iam add-client-id-to-open-id-connect-provider`)。STS はトークンの `aud` がそのいずれかである場合にだけ受け入れますが、現在は {listed} です。ジョブが誤った対象者を要求していたのなら、代わりに `aud` がそのいずれかであるトークンを要求させてください。"),
            )
        }
        // "Create an OpenID Connect (OIDC) identity provider in IAM" / "Create a SAML identity
        // provider in IAM": the provider is an IAM resource of the account whose roles trust it.
        ChangeNote::CreateProvider { provider, saml: false, client_id } => {
            let (with_en, with_ja) = client_id.as_ref().map_or_else(Default::default, |id| {
                (format!(", with the client ID `{id}` (the token's `aud`)"), format!("、クライアント ID `{id}` (トークンの `aud`) 付きで"))
            });
            Text::new(
                format!("Create the IAM OIDC identity provider `{provider}` in the role's account (`aws iam create-open-id-connect-provider`){with_en}: STS accepts a token only from an identity provider of the role's own account."),
                format!("ロールのアカウントに IAM OIDC ID プロバイダー `{provider}` を{with_ja}作成します (`aws iam create-open-id-connect-provider`)。STS はロールと同じアカウントの ID プロバイダーが発行したトークンだけを受け入れます。"),
            )
        }
        ChangeNote::CreateProvider { provider, saml: true, .. } => Text::new(
            format!("Create the IAM SAML identity provider `{provider}` in the role's account, with the IdP's metadata document (`aws iam create-saml-provider`): STS accepts an assertion only from an identity provider of the role's own account."),
            format!("ロールのアカウントに IAM SAML ID プロバイダー `{provider}` を IdP のメタデータドキュメント付きで作成します (`aws iam create-saml-provider`)。STS はロールと同じアカウントの ID プロバイダーが発行したアサーションだけを受け入れます。"),
        ),
    }
}
