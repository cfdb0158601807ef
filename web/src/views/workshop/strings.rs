//! Workshop mode's interface words, in English and Japanese (the lessons' own text comes with
//! each lesson file).

use crate::i18n::Lang;

/// Every word workshop mode shows, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// The bar's name for workshop mode.
    pub workshop: &'static str,
    /// While the files are fetched.
    pub loading: &'static str,
    /// When some files could not be fetched.
    pub missing: &'static str,
    /// The lessons' heading.
    pub lessons: &'static str,
    /// The challenges' heading.
    pub challenges: &'static str,
    /// Back to the list.
    pub back: &'static str,
    /// `{n} min`.
    pub minutes: &'static str,
    /// Tasks done, before `n/m`.
    pub tasks_done: &'static str,
    /// The prediction tally, before `right/committed`.
    pub tally: &'static str,
    /// Sources heading.
    pub sources: &'static str,
    /// A seed article's label.
    pub seed: &'static str,
    /// Loads the starting world.
    pub load_world: &'static str,
    /// Says the playground holds this lesson's world.
    pub world_loaded: &'static str,
    /// Says the playground holds this challenge's world.
    pub challenge_loaded: &'static str,
    /// Says the playground holds some other world.
    pub world_other: &'static str,
    /// The prediction heading.
    pub predict: &'static str,
    /// Commits a prediction.
    pub commit: &'static str,
    /// Says the results are hidden until the predictions are committed.
    pub results_hidden: &'static str,
    /// A right prediction.
    pub right: &'static str,
    /// A wrong prediction.
    pub wrong: &'static str,
    /// The tasks heading.
    pub try_this: &'static str,
    /// A task that holds now.
    pub done: &'static str,
    /// A task that does not hold yet.
    pub not_yet: &'static str,
    /// A task completed earlier that does not hold of the current world.
    pub done_before: &'static str,
    /// Reveals the next hint.
    pub hint: &'static str,
    /// Hint rung names: nudge, where to look, the answer.
    pub rungs: [&'static str; 3],
    /// Every task done.
    pub lesson_complete: &'static str,
    /// The next lesson.
    pub next: &'static str,
    /// Takes the lesson again.
    pub again: &'static str,
    /// Grades the challenge.
    pub check: &'static str,
    /// A check that passed.
    pub passed: &'static str,
    /// Too loose.
    pub too_loose: &'static str,
    /// Too strict.
    pub too_strict: &'static str,
    /// Another check not met.
    pub unmet: &'static str,
    /// A check that cannot be made.
    pub cannot_check: &'static str,
    /// The solved badge.
    pub solved: &'static str,
    /// The verification code's label.
    pub code: &'static str,
    /// What to do with the code.
    pub code_hint: &'static str,
    /// Copies the link to this lesson or challenge.
    pub copy_link: &'static str,
    /// Said once copied.
    pub copied: &'static str,
    /// Unknown lesson or challenge in a link.
    pub unknown: &'static str,
    /// The goal heading.
    pub goal: &'static str,
    /// The checks heading.
    pub checks: &'static str,
    /// Graded against which world.
    pub graded_now: &'static str,
    /// Presenter mode's name.
    pub presenter: &'static str,
    /// Opens presenter mode, from the list.
    pub open_presenter: &'static str,
    /// What presenter mode shows.
    pub presenter_intro: &'static str,
    /// Said in a page opened on the fresh-start link.
    pub fresh_now: &'static str,
    /// Said in presenter mode opened from a page with the autosave.
    pub not_fresh: &'static str,
    /// Replaces account ids and names with placeholders.
    pub placeholders: &'static str,
    /// Said once placeholders are in.
    pub placeholders_done: &'static str,
    /// Copies the fresh-start link.
    pub copy_fresh: &'static str,
    /// Leaves presenter mode.
    pub leave_presenter: &'static str,
    /// The running order's block counter ("block 3 of 13").
    pub block_of: &'static str,
    /// Goes to the block before.
    pub block_prev: &'static str,
    /// Goes to the block after.
    pub block_next: &'static str,
    /// Loads a block's lesson or challenge on the projector.
    pub load_on_projector: &'static str,
    /// Said once a block's world was sent to the playground.
    pub loaded_on_projector: &'static str,
    /// The list of every block.
    pub all_blocks: &'static str,
    /// Names a lesson in a block.
    pub a_lesson: &'static str,
    /// Names a challenge in a block.
    pub a_challenge: &'static str,
    /// The list's heading for the teacher's tools.
    pub for_teacher: &'static str,
    /// The handout's heading.
    pub handout: &'static str,
    /// What the handout holds.
    pub handout_note: &'static str,
    /// Prints the page with the print stylesheet.
    pub print: &'static str,
    /// Copies the handout as Markdown.
    pub copy_markdown: &'static str,
    /// Copies the AWS CLI commands.
    pub copy_cli: &'static str,
    /// Said once the clipboard took the text.
    pub copied_text: &'static str,
    /// Said when the browser refused the clipboard.
    pub copy_refused: &'static str,
    /// Opens the challenge writer; its heading.
    pub write_challenge: &'static str,
    /// What the writer does.
    pub write_intro: &'static str,
    /// The writer's text box.
    pub challenge_file: &'static str,
    /// Checks the challenge and makes its link.
    pub make_link: &'static str,
    /// Starts again from the playground's world.
    pub from_world: &'static str,
    /// Said when the text is not a valid challenge.
    pub not_a_challenge: &'static str,
    /// Said when the browser could not make a link.
    pub link_failed: &'static str,
    /// Said when the link was copied.
    pub link_copied: &'static str,
    /// Said when the link was made but not copied.
    pub link_ready: &'static str,
    /// Said when a challenge link cannot be read.
    pub bad_link: &'static str,
    /// The step-through view's name and the link to it.
    pub step_through: &'static str,
    /// What the step-through view shows.
    pub step_through_intro: &'static str,
    /// Said when no step evaluated a request.
    pub no_steps: &'static str,
    /// The step picker's label.
    pub which_step: &'static str,
    /// Before the decision.
    pub decision: &'static str,
    /// The "who must allow?" view's name and the link to it.
    pub who_must_allow: &'static str,
    /// What the "who must allow?" view shows.
    pub who_intro: &'static str,
    /// Said when no step is decided by a policy naming its caller.
    pub no_switch: &'static str,
    /// The principal picker's legend.
    pub names_caller: &'static str,
    /// Marks the form the policy uses now.
    pub current_form: &'static str,
    /// The rule table's first column.
    pub policy_kind: &'static str,
    /// The rule table's second column.
    pub must_allow: &'static str,
    /// A policy that must allow.
    pub yes_must: &'static str,
    /// A policy that need not allow.
    pub no_need: &'static str,
    /// Caller and policy in one account.
    pub same_account: &'static str,
    /// Caller and policy in different accounts.
    pub cross_account: &'static str,
    /// Before the step's verdict with the policy rewritten.
    pub step_would_be: &'static str,
    /// Puts the rewritten policy in the playground.
    pub apply_principal: &'static str,
    /// Said once the rewritten world was sent.
    pub applied: &'static str,
    /// The "what changed?" view's name and the link to it.
    pub what_changed: &'static str,
    /// What the "what changed?" view shows.
    pub changes_intro: &'static str,
    /// Makes the world now the one compared against.
    pub compare_from_here: &'static str,
    /// Said when nothing changed.
    pub no_changes: &'static str,
    /// Before what "what changed?" compares against.
    pub compared_with: &'static str,
    /// Compared against the world workshop mode first saw.
    pub since_opened: &'static str,
    /// Compared against the world when "compare from the world now" was pressed.
    pub since_marked: &'static str,
    /// Compared against a lesson's starting world (its title follows).
    pub since_lesson: &'static str,
    /// Compared against a challenge's starting world (its title follows).
    pub since_challenge: &'static str,
    /// Marks access that was not there before.
    pub new_access: &'static str,
    /// The flow's line in the comparison.
    pub the_flow: &'static str,
    /// The flow succeeds.
    pub succeeds: &'static str,
    /// The flow fails.
    pub fails: &'static str,
    /// A statement that applies after the edit only.
    pub now_applies: &'static str,
    /// A statement that applied before the edit only.
    pub no_longer_applies: &'static str,
    /// The heading of the links to the views that explain.
    pub look_closer: &'static str,
}

/// The words in English.
pub const EN: Words = Words {
    workshop: "Workshop",
    loading: "Loading the lessons…",
    missing: "Some lessons could not be loaded:",
    lessons: "Lessons",
    challenges: "Challenges",
    back: "← All lessons and challenges",
    minutes: "min",
    tasks_done: "Tasks done",
    tally: "Predictions right",
    sources: "Read more",
    seed: "Seed article",
    load_world: "Load the starting world",
    world_loaded: "The playground holds this lesson's world: edit the policies and watch the tasks.",
    challenge_loaded: "The playground holds this challenge's world: edit it, then check your solution.",
    world_other: "The playground holds another world. Load this one to begin.",
    predict: "Predict first",
    commit: "Commit",
    results_hidden: "The results are hidden until you commit your predictions.",
    right: "Right.",
    wrong: "Not quite.",
    try_this: "Try this",
    done: "Done",
    not_yet: "Not yet",
    done_before: "Done earlier",
    hint: "Hint",
    rungs: ["Nudge", "Where to look", "The answer"],
    lesson_complete: "Every task of this lesson is done.",
    next: "Next lesson",
    again: "Take this lesson again",
    check: "Check my solution",
    passed: "Passed",
    too_loose: "Too loose",
    too_strict: "Too strict",
    unmet: "Not yet",
    cannot_check: "Cannot be checked",
    solved: "Solved",
    code: "Verification code",
    code_hint: "Show this code to your teacher: it can be checked against your world.",
    copy_link: "Copy link",
    copied: "Link copied.",
    unknown: "There is no lesson or challenge with this id:",
    goal: "Goal",
    checks: "Checks",
    graded_now: "Graded against the world in the playground now.",
    presenter: "Presenter mode",
    open_presenter: "Presenter mode (for the projector)",
    presenter_intro: "Large type, the flow picture and the explanation of the step that decides; the editors are hidden. Leave presenter mode to edit.",
    fresh_now: "This page started fresh: it does not show or change what this browser saved.",
    not_fresh: "This page shows what this browser saved. Before sharing your screen, open the fresh-start link.",
    placeholders: "Use placeholders for account ids and names",
    placeholders_done: "The world with placeholders was sent to the playground (Undo brings the real one back).",
    copy_fresh: "Copy the fresh-start link",
    leave_presenter: "← Leave presenter mode",
    block_of: "block {n} of {total}",
    block_prev: "← Previous block",
    block_next: "Next block →",
    load_on_projector: "Show on the projector",
    loaded_on_projector: "Its starting world is in the playground.",
    all_blocks: "Every block",
    a_lesson: "Lesson",
    a_challenge: "Challenge",
    for_teacher: "For the teacher",
    handout: "Handout",
    handout_note: "The world in the playground with its verdicts and explanations, in this language.",
    print: "Print",
    copy_markdown: "Copy as Markdown",
    copy_cli: "Copy as AWS CLI",
    copied_text: "Copied. The text is below as well.",
    copy_refused: "This browser did not allow copying: select the text below.",
    write_challenge: "Write a challenge and hand it out by link",
    write_intro: "Start from the playground's world or paste a challenge file (the format is in workshop/README.md). The link carries the whole challenge: attendees open it in a fresh page and grade their solutions there.",
    challenge_file: "Challenge (JSON)",
    make_link: "Check and make the link",
    from_world: "Start again from the playground's world",
    not_a_challenge: "This is not a challenge yet:",
    link_failed: "This browser could not make the link.",
    link_copied: "Link copied: hand it out.",
    link_ready: "The link (select it to copy):",
    bad_link: "This challenge link cannot be read:",
    step_through: "Step through the evaluation",
    step_through_intro: "One request of the flow, gate by gate in the order AWS evaluates it: explicit deny, Organizations, the resource or trust policy, identity-based policies, the permissions boundary, the session policy. Edit the policies and watch the gates change.",
    no_steps: "No step of this flow evaluated a request.",
    which_step: "Which step",
    decision: "Decision",
    who_must_allow: "Who must allow?",
    who_intro: "A trust or resource-based policy can name its caller in several ways: the user's ARN, the account (root), the role's ARN, the session's ARN. Pick one: the table shows which policies then have to allow, and the step's verdict with the policy rewritten that way.",
    no_switch: "No step of this flow is decided by a trust or resource-based policy that names its caller.",
    names_caller: "The policy names the caller as",
    current_form: "(now)",
    policy_kind: "Policy",
    must_allow: "Must allow?",
    yes_must: "must allow",
    no_need: "not needed",
    same_account: "Caller and policy in the same account",
    cross_account: "Across accounts",
    step_would_be: "With this principal the step is",
    apply_principal: "Put this principal in the playground",
    applied: "Sent to the playground (Undo brings the policy back).",
    what_changed: "What changed?",
    changes_intro: "The playground's world now against an earlier one: every step and every \"what the mask can do\" request whose verdict changed, before → after, with the gates and statements that caused it.",
    compare_from_here: "Compare from the world now",
    no_changes: "Nothing changed yet: edit a policy in the playground and come back.",
    compared_with: "Compared with",
    since_opened: "the world when workshop mode opened",
    since_marked: "the world when you pressed \"Compare from the world now\"",
    since_lesson: "the starting world of the lesson",
    since_challenge: "the starting world of the challenge",
    new_access: "new access",
    the_flow: "The flow",
    succeeds: "succeeds",
    fails: "fails",
    now_applies: "now applies",
    no_longer_applies: "no longer applies",
    look_closer: "Look closer",
};

/// The words in Japanese.
pub const JA: Words = Words {
    workshop: "ワークショップ",
    loading: "レッスンを読み込んでいます…",
    missing: "読み込めなかったレッスンがあります:",
    lessons: "レッスン",
    challenges: "課題",
    back: "← レッスンと課題の一覧",
    minutes: "分",
    tasks_done: "完了したタスク",
    tally: "予想の正解",
    sources: "参考資料",
    seed: "元記事",
    load_world: "最初の状態を読み込む",
    world_loaded:
        "プレイグラウンドにはこのレッスンの状態が入っています。ポリシーを編集してタスクの変化を見てください。",
    challenge_loaded: "プレイグラウンドにはこの課題の状態が入っています。編集してから解答を確認してください。",
    world_other: "プレイグラウンドには別の状態が入っています。始めるにはこのレッスンの状態を読み込んでください。",
    predict: "まず予想",
    commit: "決定",
    results_hidden: "予想を決定するまで結果は隠れています。",
    right: "正解です。",
    wrong: "残念、違います。",
    try_this: "やってみよう",
    done: "完了",
    not_yet: "未完了",
    done_before: "以前に完了",
    hint: "ヒント",
    rungs: ["きっかけ", "見る場所", "答え"],
    lesson_complete: "このレッスンのタスクはすべて完了しました。",
    next: "次のレッスン",
    again: "このレッスンをやり直す",
    check: "解答を確認",
    passed: "合格",
    too_loose: "緩すぎる",
    too_strict: "厳しすぎる",
    unmet: "未達",
    cannot_check: "確認できない",
    solved: "クリア",
    code: "確認コード",
    code_hint: "このコードを講師に見せてください。あなたの状態と照合できます。",
    copy_link: "リンクをコピー",
    copied: "リンクをコピーしました。",
    unknown: "この ID のレッスンや課題はありません:",
    goal: "目標",
    checks: "チェック",
    graded_now: "いまプレイグラウンドにある状態で採点しました。",
    presenter: "プレゼンターモード",
    open_presenter: "プレゼンターモード(プロジェクター用)",
    presenter_intro: "大きな文字で、フローの図と結果を決めたステップの説明を映します。エディタは隠れます。編集するときはプレゼンターモードを終えてください。",
    fresh_now: "このページはまっさらな状態で開きました。このブラウザに保存された内容は表示も変更もしません。",
    not_fresh: "このページにはこのブラウザに保存された内容が表示されています。画面を共有する前に、まっさらなリンクを開いてください。",
    placeholders: "アカウント ID と名前をダミーに置き換える",
    placeholders_done: "ダミーに置き換えた状態をプレイグラウンドに送りました(元に戻すで元の状態に戻せます)。",
    copy_fresh: "まっさらなリンクをコピー",
    leave_presenter: "← プレゼンターモードを終える",
    block_of: "ブロック {n} / {total}",
    block_prev: "← 前のブロック",
    block_next: "次のブロック →",
    load_on_projector: "プロジェクターに映す",
    loaded_on_projector: "最初の世界をプレイグラウンドに読み込みました。",
    all_blocks: "すべてのブロック",
    a_lesson: "レッスン",
    a_challenge: "チャレンジ",
    for_teacher: "講師向け",
    handout: "配布資料",
    handout_note: "プレイグラウンドの状態と判定・説明を、この言語で。",
    print: "印刷",
    copy_markdown: "Markdown でコピー",
    copy_cli: "AWS CLI としてコピー",
    copied_text: "コピーしました。下にも表示しています。",
    copy_refused: "このブラウザではコピーできませんでした。下のテキストを選択してください。",
    write_challenge: "課題を書いてリンクで配る",
    write_intro: "プレイグラウンドの状態から始めるか、課題ファイルを貼り付けてください(形式は workshop/README.md)。リンクに課題全体が入り、受講者は新しいページで開いて解答を採点できます。",
    challenge_file: "課題(JSON)",
    make_link: "確認してリンクを作る",
    from_world: "プレイグラウンドの状態からやり直す",
    not_a_challenge: "まだ課題として読めません:",
    link_failed: "このブラウザではリンクを作れませんでした。",
    link_copied: "リンクをコピーしました。配布してください。",
    link_ready: "リンク(選択してコピーしてください):",
    bad_link: "この課題リンクは読み込めません:",
    step_through: "評価をステップごとに見る",
    step_through_intro: "フローの 1 つのリクエストを、AWS が評価する順にゲートごとに見ます: 明示的な拒否、Organizations、リソースベース(信頼)ポリシー、アイデンティティベースのポリシー、アクセス許可の境界、セッションポリシー。ポリシーを編集するとゲートが変わります。",
    no_steps: "このフローにはリクエストを評価したステップがありません。",
    which_step: "どのステップか",
    decision: "判定",
    who_must_allow: "誰が許可する必要があるか?",
    who_intro: "信頼ポリシーやリソースベースポリシーは、呼び出し元をいくつかの形で指定できます: ユーザーの ARN、アカウント (root)、ロールの ARN、セッションの ARN。形を選ぶと、どのポリシーの許可が必要になるかと、そう書き換えたときのステップの判定が表に出ます。",
    no_switch: "このフローには、呼び出し元を指定する信頼ポリシーやリソースベースポリシーで決まるステップがありません。",
    names_caller: "ポリシーでの呼び出し元の指定",
    current_form: "(現在)",
    policy_kind: "ポリシー",
    must_allow: "許可が必要か",
    yes_must: "必要",
    no_need: "不要",
    same_account: "呼び出し元とポリシーは同じアカウント",
    cross_account: "アカウントをまたぐ",
    step_would_be: "このプリンシパルでのステップの判定",
    apply_principal: "このプリンシパルをプレイグラウンドに反映",
    applied: "プレイグラウンドに反映しました (元に戻すで戻せます)。",
    what_changed: "何が変わったか?",
    changes_intro: "以前の世界と、いまのプレイグラウンドの世界の比較です。判定が変わったステップと「お面でできること」のリクエストを、前 → 後で、原因となったゲートとステートメントとともに示します。",
    compare_from_here: "いまの世界から比較し直す",
    no_changes: "まだ何も変わっていません。プレイグラウンドでポリシーを編集してください。",
    compared_with: "比較の基準",
    since_opened: "ワークショップモードを開いたときの世界",
    since_marked: "「いまの世界から比較し直す」を押したときの世界",
    since_lesson: "レッスンの最初の世界",
    since_challenge: "チャレンジの最初の世界",
    new_access: "新しいアクセス",
    the_flow: "フロー",
    succeeds: "成功",
    fails: "失敗",
    now_applies: "新たに該当",
    no_longer_applies: "該当しなくなった",
    look_closer: "詳しく見る",
};

/// The bar's words (the only ones in the page's first load; the rest come with the interface).
#[derive(Debug, PartialEq, Eq)]
pub struct Bar {
    /// The bar's name for workshop mode.
    pub workshop: &'static str,
    /// The bar's line while closed.
    pub invite: &'static str,
    /// Opens workshop mode.
    pub open: &'static str,
    /// Closes workshop mode.
    pub close: &'static str,
    /// While the interface and the files load.
    pub loading: &'static str,
}

const BAR_EN: Bar = Bar {
    workshop: EN.workshop,
    invite: "Lessons and challenges on iam:PassRole and sts:AssumeRole, checked as you edit.",
    open: "Open workshop",
    close: "Close",
    loading: EN.loading,
};

const BAR_JA: Bar = Bar {
    workshop: JA.workshop,
    invite: "iam:PassRole と sts:AssumeRole のレッスンと課題。編集するたびに確認されます。",
    open: "ワークショップを開く",
    close: "閉じる",
    loading: JA.loading,
};

/// The bar's words in `lang`.
pub fn bar(lang: Lang) -> &'static Bar {
    match lang {
        Lang::En => &BAR_EN,
        Lang::Ja => &BAR_JA,
    }
}

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}
