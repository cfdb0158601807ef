//! Interface strings in Japanese and English, and which of the two the page starts in.

/// A language the interface is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Japanese (日本語).
    Ja,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The language for a BCP 47 tag such as `ja-JP` or `en-US`: Japanese for any `ja` tag,
    /// English otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag written into `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language's name in itself, for the switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
        }
    }

    /// omen-core's language for explanations.
    pub fn core(self) -> omen_core::Lang {
        match self {
            Lang::En => omen_core::Lang::En,
            Lang::Ja => omen_core::Lang::Ja,
        }
    }

    /// Said over an editor whose text is too long to edit in the page: its size in KB, its
    /// lines, and how many of them are shown. AWS's largest policy quota is a role's 10,240
    /// characters ("IAM and AWS STS quotas").
    pub fn too_long_to_edit(self, kilobytes: usize, lines: usize, shown: usize) -> String {
        match self {
            Lang::En => format!(
                "This text is {kilobytes} KB in {lines} lines: too long to edit in the page (AWS's largest \
                 policy quota is 10,240 characters). It is still checked and played; its first {shown} lines \
                 are shown below."
            ),
            Lang::Ja => format!(
                "このテキストは {kilobytes} KB・{lines} 行あり、ページ内で編集するには長すぎます (AWS のポリシーの\
                 最大クォータは 10,240 文字です)。チェックと評価は行います。最初の {shown} 行を下に表示しています。"
            ),
        }
    }

    /// Said over an editor into which AWS CLI output (or a URL-encoded document) was pasted:
    /// `command` is the command that printed it (`aws iam get-role`).
    pub fn pasted_cli_output(self, command: &str) -> String {
        match self {
            Lang::En => format!("This looks like the output of `{command}`: the policy document is inside it."),
            Lang::Ja => format!("`{command}` の出力のようです。ポリシードキュメントはその中にあります。"),
        }
    }

    /// Said in the caller's pane in place of its editors when the call is federated: `api`
    /// (`AssumeRoleWithWebIdentity`, `AssumeRoleWithSAML`) is called with the token of
    /// `provider`, needs no AWS credentials ("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML",
    /// STS API reference), and so no IAM user's policies or permissions boundary take part.
    pub fn federated_caller(self, api: &str, provider: &str) -> String {
        match self {
            Lang::En => format!(
                "No IAM user makes this call: `{api}` is called with a token from the identity provider `{provider}` and needs no AWS credentials. No identity-based policy and no permissions boundary take part: whether the role can be assumed is up to its trust policy (and the RCPs of its account) alone."
            ),
            Lang::Ja => format!(
                "この呼び出しをする IAM ユーザーはいません。`{api}` は ID プロバイダー `{provider}` のトークンで呼び出され、AWS の認証情報を必要としません。アイデンティティベースのポリシーもアクセス許可の境界も関わらず、ロールを引き受けられるかは、ロールの信頼ポリシー (とそのアカウントの RCP) だけで決まります。"
            ),
        }
    }

    /// The interface strings in this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

/// The language the browser prefers (`navigator.language`), English when it cannot tell.
#[cfg(target_arch = "wasm32")]
pub fn browser_lang() -> Lang {
    web_sys::window().and_then(|window| window.navigator().language()).map_or(Lang::En, |tag| Lang::from_tag(&tag))
}

/// Outside a browser there is no `navigator.language`: English.
#[cfg(not(target_arch = "wasm32"))]
pub fn browser_lang() -> Lang {
    Lang::En
}

/// Every string the interface shows, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// UI text `tagline`.
    pub tagline: &'static str,
    /// UI text `language`.
    pub language: &'static str,
    /// UI text `theme`.
    pub theme: &'static str,
    /// UI text `theme_system`.
    pub theme_system: &'static str,
    /// UI text `theme_light`.
    pub theme_light: &'static str,
    /// UI text `theme_dark`.
    pub theme_dark: &'static str,
    /// UI text `preset`.
    pub preset: &'static str,
    /// UI text `custom`.
    pub custom: &'static str,
    /// UI text `share`.
    pub share: &'static str,
    /// UI text `share_label`.
    pub share_label: &'static str,
    /// UI text `share_done`.
    pub share_done: &'static str,
    /// UI text `export`.
    pub export: &'static str,
    /// UI text `import`.
    pub import: &'static str,
    /// UI text `reset`.
    pub reset: &'static str,
    /// UI text `caller_pane`.
    pub caller_pane: &'static str,
    /// UI text `caller_hint`.
    pub caller_hint: &'static str,
    /// UI text `roles_pane`.
    pub roles_pane: &'static str,
    /// UI text `roles_hint`.
    pub roles_hint: &'static str,
    /// UI text `org_pane`.
    pub org_pane: &'static str,
    /// UI text `org_hint`.
    pub org_hint: &'static str,
    /// UI text `scenario`.
    pub scenario: &'static str,
    /// UI text `results`.
    pub results: &'static str,
    /// UI text `policy`.
    pub policy: &'static str,
    /// UI text `permissions_boundary`.
    pub permissions_boundary: &'static str,
    /// UI text `trust_policy`.
    pub trust_policy: &'static str,
    /// UI text `session_policy`.
    pub session_policy: &'static str,
    /// UI text `scp`.
    pub scp: &'static str,
    /// UI text `rcp`.
    pub rcp: &'static str,
    /// UI text `group`.
    pub group: &'static str,
    /// UI text `format`.
    pub format: &'static str,
    /// UI text `lines`.
    pub lines: &'static str,
    /// UI text `no_problems`.
    pub no_problems: &'static str,
    /// UI text `diagnostics`.
    pub diagnostics: &'static str,
    /// Said above an editor whose text is too long to colour on every keystroke.
    pub plain_text: &'static str,
    /// After `+N`: diagnostics beyond those listed.
    pub more_diagnostics: &'static str,
    /// The button that empties an editor holding a text too long to edit.
    pub clear_text: &'static str,
    /// The button that puts back the text an editor held before a very long paste.
    pub put_back: &'static str,
    /// Said while a large world waits to be played (once typing pauses).
    pub updating: &'static str,
    /// UI text `caller`.
    pub caller: &'static str,
    /// UI text `api`.
    pub api: &'static str,
    /// UI text `role`.
    pub role: &'static str,
    /// UI text `region`.
    pub region: &'static str,
    /// UI text `role_session_name`.
    pub role_session_name: &'static str,
    /// UI text `external_id`.
    pub external_id: &'static str,
    /// UI text `mfa`.
    pub mfa: &'static str,
    /// UI text `duration`.
    pub duration: &'static str,
    /// UI text `source_identity`.
    pub source_identity: &'static str,
    /// UI text `tags`.
    pub tags: &'static str,
    /// UI text `chain_hop`.
    pub chain_hop: &'static str,
    /// UI text `account`.
    pub account: &'static str,
    /// UI text `same_account`.
    pub same_account: &'static str,
    /// UI text `cross_account`.
    pub cross_account: &'static str,
    /// UI text `flow_passrole`.
    pub flow_passrole: &'static str,
    /// UI text `flow_assumerole`.
    pub flow_assumerole: &'static str,
    /// UI text `flow_none`.
    pub flow_none: &'static str,
    /// UI text `succeeded`.
    pub succeeded: &'static str,
    /// UI text `failed`.
    pub failed: &'static str,
    /// UI text `failed_at`.
    pub failed_at: &'static str,
    /// UI text `steps`.
    pub steps: &'static str,
    /// UI text `why`.
    pub why: &'static str,
    /// UI text `aws_error`.
    pub aws_error: &'static str,
    /// UI text `decoded`.
    pub decoded: &'static str,
    /// UI text `fix`.
    pub fix: &'static str,
    /// UI text `apply_fix`.
    pub apply_fix: &'static str,
    /// UI text `fix_applied`.
    pub fix_applied: &'static str,
    /// Says the imported accounts hold changes the files do not: made first, named in the Account view.
    pub changed_first: &'static str,
    /// Says the imported accounts hold these changes (listed after it), which the files do not.
    pub changed_first_named: &'static str,
    /// The same, before a list of one change.
    pub changed_first_named_one: &'static str,
    /// UI text `before`.
    pub before: &'static str,
    /// UI text `after`.
    pub after: &'static str,
    /// UI text `session`.
    pub session: &'static str,
    /// UI text `fake`.
    pub fake: &'static str,
    /// UI text `cloudtrail`.
    pub cloudtrail: &'static str,
    /// UI text `warnings`.
    pub warnings: &'static str,
    /// UI text `picture`.
    pub picture: &'static str,
    /// UI text `picture_desc`.
    pub picture_desc: &'static str,
    /// UI text `link_too_large`.
    pub link_too_large: &'static str,
    /// UI text `link_unreadable`.
    pub link_unreadable: &'static str,
    /// UI text `import_failed`.
    pub import_failed: &'static str,
    /// UI text `dismiss`.
    pub dismiss: &'static str,
    /// UI text `world_invalid`.
    pub world_invalid: &'static str,
    /// UI text `service`.
    pub service: &'static str,
    /// UI text `session_word`.
    pub session_word: &'static str,
    /// UI text `wears`.
    pub wears: &'static str,
    /// UI text `not_reached`.
    pub not_reached: &'static str,
    /// UI text `no_policies`.
    pub no_policies: &'static str,
    /// UI text `summary_label`.
    pub summary_label: &'static str,
    /// UI text `to_results`.
    pub to_results: &'static str,
    /// UI text `chip_no_flow`.
    pub chip_no_flow: &'static str,
    /// UI text `chip_service_assume`.
    pub chip_service_assume: &'static str,
    /// UI text `chip_blast_radius`.
    pub chip_blast_radius: &'static str,
    /// UI text `chip_validate`.
    pub chip_validate: &'static str,
    /// UI text `chip_as_session`.
    pub chip_as_session: &'static str,
    /// UI text `copied`.
    pub copied: &'static str,
    /// UI text `flow_choice`.
    pub flow_choice: &'static str,
    /// UI text `flow_choice_passrole`.
    pub flow_choice_passrole: &'static str,
    /// UI text `flow_choice_assumerole`.
    pub flow_choice_assumerole: &'static str,
    /// UI text `add_boundary`.
    pub add_boundary: &'static str,
    /// UI text `add_session_policy`.
    pub add_session_policy: &'static str,
    /// UI text `add_scp`.
    pub add_scp: &'static str,
    /// UI text `add_heading`.
    pub add_heading: &'static str,
    /// UI text `link_unknown_version`.
    pub link_unknown_version: &'static str,
    /// UI text `share_too_large`.
    pub share_too_large: &'static str,
    /// UI text `import_policy_document`.
    pub import_policy_document: &'static str,
    /// UI text `undone`.
    pub undone: &'static str,
    /// UI text `autosave_kept_aside`.
    pub autosave_kept_aside: &'static str,
    /// UI text `storage_full`.
    pub storage_full: &'static str,
    /// UI text `edited`.
    pub edited: &'static str,
    /// UI text `undo`.
    pub undo: &'static str,
    /// UI text `undo_title`.
    pub undo_title: &'static str,
    /// UI text `pin_lang`.
    pub pin_lang: &'static str,
    /// UI text `ask_preset`.
    pub ask_preset: &'static str,
    /// UI text `ask_import`.
    pub ask_import: &'static str,
    /// UI text `ask_link`.
    pub ask_link: &'static str,
    /// UI text `ask_reset`.
    pub ask_reset: &'static str,
    /// UI text `ask_undo_hint`.
    pub ask_undo_hint: &'static str,
    /// UI text `replace_mine`.
    pub replace_mine: &'static str,
    /// UI text `keep_mine`.
    pub keep_mine: &'static str,
    /// UI text `export_mine`.
    pub export_mine: &'static str,
    /// UI text `details_below`.
    pub details_below: &'static str,
    /// UI text `evaluate_anyway`: the switch that evaluates policies AWS would refuse to save.
    pub evaluate_anyway: &'static str,
    /// UI text `evaluated_anyway`: the mark on a verdict made with such policies.
    pub evaluated_anyway: &'static str,
    /// UI text `skip_to_results`.
    pub skip_to_results: &'static str,
    /// UI text `announce_failed`.
    pub announce_failed: &'static str,
    /// UI text `has_errors`.
    pub has_errors: &'static str,
    /// UI text `deciding_policy`.
    pub deciding_policy: &'static str,
    /// UI text `remove_hop`.
    pub remove_hop: &'static str,
    /// UI text `add_hop`.
    pub add_hop: &'static str,
    /// UI text `roles_heading`.
    pub roles_heading: &'static str,
    /// UI text `role_name`.
    pub role_name: &'static str,
    /// UI text `role_name_hint`.
    pub role_name_hint: &'static str,
    /// UI text `max_session_duration`.
    pub max_session_duration: &'static str,
    /// UI text `role_tags`.
    pub role_tags: &'static str,
    /// UI text `account_id_hint`.
    pub account_id_hint: &'static str,
    /// UI text `role_renamed`.
    pub role_renamed: &'static str,
    /// UI text `account_changed`.
    pub account_changed: &'static str,
    /// UI text `bad_role_name`.
    pub bad_role_name: &'static str,
    /// UI text `bad_account_id`.
    pub bad_account_id: &'static str,
    /// UI text `users_heading`.
    pub users_heading: &'static str,
    /// UI text `user_label`.
    pub user_label: &'static str,
    /// UI text `add_user`.
    pub add_user: &'static str,
    /// UI text `add_role`.
    pub add_role: &'static str,
    /// UI text `remove_principal`.
    pub remove_principal: &'static str,
    /// UI text `add_inline_policy`.
    pub add_inline_policy: &'static str,
    /// UI text `toggle_boundary_on`.
    pub toggle_boundary_on: &'static str,
    /// UI text `toggle_boundary_off`.
    pub toggle_boundary_off: &'static str,
    /// UI text `user_mfa`.
    pub user_mfa: &'static str,
    /// UI text `console_switch`.
    pub console_switch: &'static str,
    /// UI text `then_actions`.
    pub then_actions: &'static str,
    /// UI text `in_use`.
    pub in_use: &'static str,
    /// UI text `transitive_tag_keys`.
    pub transitive_tag_keys: &'static str,
    /// UI text `user_renamed`.
    pub user_renamed: &'static str,
    /// UI text `bad_user_name`.
    pub bad_user_name: &'static str,
    /// UI text `user_name_hint`.
    pub user_name_hint: &'static str,
    /// UI text `aws_managed_read_only`.
    pub aws_managed_read_only: &'static str,
    /// UI text `copy_to_customer_managed`.
    pub copy_to_customer_managed: &'static str,
    /// Said once when someone types into an AWS managed policy.
    pub aws_managed_not_editable: &'static str,
    /// Said when a path IAM would refuse was typed.
    pub bad_path: &'static str,
    /// Said when an account that holds a user, role or the action is not removed.
    pub account_in_use: &'static str,
    /// Said after a policy was removed with its editor.
    pub removed: &'static str,
    /// The label of a user's or role's path.
    pub path: &'static str,
    /// Under the path field.
    pub path_hint: &'static str,
    /// The label of a user's tags.
    pub user_tags: &'static str,
    /// The label of a group's name.
    pub group_name: &'static str,
    /// The button that puts a user in a new group.
    pub add_group: &'static str,
    /// The button that puts a user in another user's group.
    pub join_group: &'static str,
    /// The heading over the accounts.
    pub accounts_heading: &'static str,
    /// The button that adds an account.
    pub add_account: &'static str,
    /// An SCP level (root, OU, account).
    pub scp_level: &'static str,
    /// An RCP level (root, OU, account).
    pub rcp_level: &'static str,
    /// The button on an editor that removes its policy.
    pub remove_policy: &'static str,
    /// UI text `unwrap_document`.
    pub unwrap_document: &'static str,
    /// UI text `keep_as_pasted`.
    pub keep_as_pasted: &'static str,
    /// The label of the API parameter that takes the passed role.
    pub role_parameter: &'static str,
    /// The label of the resource a PassRole API creates or changes.
    pub resource_name: &'static str,
    /// The label of `aws:SourceAccount` a service sends.
    pub source_account: &'static str,
    /// The label of `aws:SourceArn` a service sends.
    pub source_arn: &'static str,
    /// Under the source fields: why they matter.
    pub confused_deputy_hint: &'static str,
    /// The label of a session action's action.
    pub session_action: &'static str,
    /// The label of a session action's resource.
    pub session_resource: &'static str,
    /// The button that adds a session action.
    pub add_session_action: &'static str,
    /// Said when a group name IAM would refuse, or one another group has, was typed.
    pub bad_group_name: &'static str,
    /// Said when an AWS managed policy the world attaches by reference could not be loaded.
    pub managed_not_loaded: &'static str,
    /// In place of the verdict while the AWS managed policies a story attaches by reference load
    /// (followed by their names).
    pub loading_managed: &'static str,
    /// Under a group's name: the group is one, whatever its number of members.
    pub group_hint: &'static str,
    /// Beside a group: the account it is in (`{account}`), whose users alone may join it.
    pub group_account_hint: &'static str,
    /// The heading of hop `{n}`'s own session actions.
    pub hop_then_actions: &'static str,
    /// The summary of a session action's further fields.
    pub session_more: &'static str,
    /// The label of a session action's resource account.
    pub session_resource_account: &'static str,
    /// The label of a session action's request context keys.
    pub session_context: &'static str,
}

static EN: Strings = Strings {
    tagline: "Edit the policies, watch iam:PassRole and sts:AssumeRole decide — live, in your browser. The role is a mask (お面): whoever wears it acts with its powers.",
    language: "Language",
    theme: "Theme",
    theme_system: "Theme: system",
    theme_light: "Theme: light",
    theme_dark: "Theme: dark",
    preset: "Story",
    custom: "(edited world)",
    share: "Make share link",
    share_label: "Share link",
    share_done: "The link is in the address bar and below.",
    export: "Export JSON",
    import: "Import JSON",
    reset: "Reset",
    caller_pane: "The caller",
    caller_hint: "The IAM user (or role session) making the call: its identity-based policies and permissions boundary.",
    roles_pane: "The roles (masks)",
    roles_hint: "Each role's permissions policies, permissions boundary and trust policy (who may put the mask on).",
    org_pane: "Organization and session",
    org_hint: "Service control policies (SCPs), resource control policies (RCPs), session policies and the resource-based policies of the actions a session tries, when the story has them.",
    scenario: "Scenario",
    results: "Results",
    policy: "Policy",
    permissions_boundary: "Permissions boundary",
    trust_policy: "Trust policy",
    session_policy: "Session policy",
    scp: "SCP",
    rcp: "RCP",
    group: "group",
    format: "Format",
    lines: "lines",
    no_problems: "No problems found.",
    diagnostics: "Diagnostics",
    plain_text: "Long text: shown without colours and line numbers so that typing stays fast.",
    more_diagnostics: "more, not listed here",
    clear_text: "Clear",
    put_back: "Put back the text from before the paste",
    updating: "Updating the results… (a world this large is played once typing pauses)",
    caller: "Caller",
    api: "Service API",
    role: "Role",
    region: "Region",
    role_session_name: "Role session name (RoleSessionName)",
    external_id: "ExternalId",
    mfa: "Signed in with MFA (SerialNumber + TokenCode)",
    duration: "DurationSeconds",
    source_identity: "SourceIdentity",
    tags: "Session tags (key=value, comma separated)",
    chain_hop: "Chain hop",
    account: "Account id",
    same_account: "Same account",
    cross_account: "Cross-account",
    flow_passrole: "Flow: PassRole (hand a role to a service)",
    flow_assumerole: "Flow: AssumeRole (put on the mask through STS)",
    flow_none: "This world has no playable action.",
    succeeded: "Succeeded",
    failed: "Failed",
    failed_at: "fails at",
    steps: "Steps",
    why: "Why",
    aws_error: "What AWS says",
    decoded: "Decoded authorization message",
    fix: "Suggested fix",
    apply_fix: "Apply fix",
    fix_applied: "Fix applied: the world now has the change below. Edit on, or Reset.",
    changed_first: "The imported accounts are shown after a change the principal made first, which the files do not hold; the Account view says which.",
    changed_first_named: "The imported accounts are shown after these changes the principal made first, which the files do not hold:",
    changed_first_named_one: "The imported accounts are shown after this change the principal made first, which the files do not hold:",
    before: "before",
    after: "after",
    session: "Role session (the mask being worn)",
    fake: "FAKE — these credentials open nothing",
    cloudtrail: "CloudTrail records",
    warnings: "Warnings",
    picture: "The flow as a picture",
    picture_desc: "Each hop of the flow: green with ✓ when AWS allows it, red with ✗ when it refuses.",
    link_too_large: "The share link is larger than any world needs (over 1 MB) and was not read. Your work is unchanged.",
    link_unreadable: "The share link could not be read. Your work is unchanged.",
    import_failed: "That file is not a world (the JSON `omen flow` reads and Export JSON writes): nothing was replaced.",
    dismiss: "Dismiss",
    world_invalid: "The world cannot be played",
    service: "service",
    session_word: "session",
    wears: "wears",
    not_reached: "not reached",
    no_policies: "This story has no policies here.",
    summary_label: "Verdict summary",
    to_results: "Results ↓",
    chip_no_flow: "No action",
    chip_service_assume: "Service AssumeRole",
    chip_blast_radius: "Blast radius",
    chip_validate: "Parameters",
    chip_as_session: "As the session",
    copied: "Copied",
    flow_choice: "Action",
    flow_choice_passrole: "PassRole through a service API",
    flow_choice_assumerole: "AssumeRole",
    add_boundary: "Add a permissions boundary to the caller",
    add_session_policy: "Add a session policy",
    add_scp: "Add an SCP level",
    add_heading: "Add a policy",
    link_unknown_version: "This link was made by a later version of Omen and cannot be opened here. Your work is unchanged.",
    share_too_large: "This world is too large for a link that can be opened (over 1 MB): export it as JSON instead.",
    import_policy_document: "That file is an IAM policy document, not a world: nothing was replaced. Paste its text into the editor of the policy it belongs to.",
    undone: "The world before the last replacement is back.",
    autosave_kept_aside: "The work saved here earlier could not be read: it was kept aside (omen.autosave.v1.unread), not overwritten.",
    storage_full: "This browser's storage refused the autosave (full or disabled): use Export JSON to keep this world.",
    edited: "edited",
    undo: "Undo",
    undo_title: "Back to the world before the last replacement",
    pin_lang: "Open in English for everyone",
    ask_preset: "Switch to another story? It replaces your edits to this world.",
    ask_import: "Open the imported world? It replaces your edits to this world.",
    ask_link: "Open the world of the link in the address? It replaces your edits to this world.",
    ask_reset: "Reset to the first story? It replaces your edits to this world.",
    ask_undo_hint: "Undo brings your edits back.",
    replace_mine: "Replace my edits",
    keep_mine: "Keep my edits",
    export_mine: "Export mine first",
    details_below: "The steps below give the details.",
    evaluate_anyway: "Evaluate anyway: what the policies would decide if AWS accepted them (AWS never does)",
    evaluated_anyway: "evaluated anyway",
    skip_to_results: "Skip to results",
    announce_failed: "Failed at",
    has_errors: "has errors",
    deciding_policy: "deciding policy",
    remove_hop: "Remove hop",
    add_hop: "Add a hop (role chaining)",
    roles_heading: "Roles",
    role_name: "Role name",
    role_name_hint: "Rewrites the role's ARN wherever it is used, when you leave the field.",
    max_session_duration: "MaxSessionDuration (seconds)",
    role_tags: "Role tags (key=value, …)",
    account_id_hint: "Rewrites every ARN, principal and condition using it, when you leave the field.",
    role_renamed: "Role renamed: its ARN was rewritten in every place that used it",
    account_changed: "Account id changed in every place that used it",
    bad_role_name: "That is not a role name IAM accepts (1 to 64 letters, digits and + = , . @ _ -): nothing was changed.",
    bad_account_id: "An account id is twelve digits: nothing was changed.",
    users_heading: "Users",
    user_label: "User",
    add_user: "Add a user",
    add_role: "Add a role",
    remove_principal: "Remove",
    add_inline_policy: "Inline policy",
    toggle_boundary_on: "Permissions boundary",
    toggle_boundary_off: "Remove the permissions boundary",
    user_mfa: "Signed in with MFA (aws:MultiFactorAuthPresent)",
    console_switch: "Switch role in the console (not an API call)",
    then_actions: "Then, wearing the mask: the actions tried",
    in_use: "The action still uses it: make the action call as another user or assume another role first.",
    unwrap_document: "Unwrap to the policy document",
    keep_as_pasted: "Keep as pasted",
    aws_managed_read_only: "AWS managed: AWS would not let you change it",
    copy_to_customer_managed: "Copy to a customer managed policy",
    aws_managed_not_editable: "AWS managed policies cannot be edited: AWS refuses any change to them. To edit this one, copy it to a customer managed policy.",
    bad_path: "That is not a path IAM accepts (/ alone, or starting and ending with /): nothing was changed.",
    account_in_use: "A user, a role or the action lives in that account: remove or move it first.",
    removed: "Policy removed. Undo brings it back.",
    path: "Path",
    path_hint: "Part of the ARN: rewrites it wherever it is used, when you leave the field.",
    user_tags: "User tags (key=value, …)",
    group_name: "Group name",
    add_group: "Group",
    join_group: "Join",
    accounts_heading: "Accounts",
    add_account: "Add an account",
    scp_level: "SCP level",
    rcp_level: "RCP level",
    remove_policy: "Remove",
    user_renamed: "User renamed: its ARN was rewritten in every place that used it",
    bad_user_name: "That is not a user name IAM accepts (1 to 64 letters, digits and + = , . @ _ -): nothing was changed.",
    user_name_hint: "Rewrites the user's ARN wherever it is used, when you leave the field.",
    transitive_tag_keys: "TransitiveTagKeys (comma separated)",
    role_parameter: "API parameter that takes the role",
    resource_name: "Resource name (function, instance, stack, …)",
    source_account: "aws:SourceAccount (the service sends it)",
    source_arn: "aws:SourceArn (the service sends it)",
    confused_deputy_hint: "A service puts the mask on for someone's resource: the trust policy can check whose with aws:SourceAccount and aws:SourceArn (The confused deputy problem).",
    session_action: "Action",
    session_resource: "Resource (* when empty)",
    add_session_action: "Action to try",
    bad_group_name: "That is not a group name IAM accepts (1 to 128 letters, digits and + = , . @ _ -), or another group has it: nothing was changed.",
    managed_not_loaded: "An AWS managed policy of this world could not be loaded: the flow is not played without it.",
    loading_managed: "Loading AWS managed policy",
    group_hint: "One group for all its members: its name and policies change for each of them (the name when you leave the field).",
    group_account_hint: "In account {account}: only its users join it.",
    hop_then_actions: "Then, wearing hop {n}'s mask",
    session_more: "Account, region, context",
    session_resource_account: "Resource account",
    session_context: "Context (key=value, …)",
};

static JA: Strings = Strings {
    tagline: "ポリシーを編集すると、iam:PassRole と sts:AssumeRole の判定がその場で変わります。ロールはお面です。かぶった者がその権限で動きます。",
    language: "言語",
    theme: "テーマ",
    theme_system: "テーマ: システム",
    theme_light: "テーマ: ライト",
    theme_dark: "テーマ: ダーク",
    preset: "シナリオ",
    custom: "(編集したワールド)",
    share: "共有リンクを作る",
    share_label: "共有リンク",
    share_done: "リンクをアドレスバーと下の欄に入れました。",
    export: "JSON を書き出す",
    import: "JSON を読み込む",
    reset: "リセット",
    caller_pane: "呼び出し元",
    caller_hint: "呼び出す IAM ユーザー(またはロールセッション): アイデンティティベースのポリシーとアクセス許可の境界。",
    roles_pane: "ロール(お面)",
    roles_hint: "各ロールのアクセス許可ポリシー、アクセス許可の境界、信頼ポリシー(誰がお面をかぶれるか)。",
    org_pane: "組織とセッション",
    org_hint: "サービスコントロールポリシー (SCP)、リソースコントロールポリシー (RCP)、セッションポリシー、セッションが試すアクションのリソースベースのポリシー(シナリオにある場合)。",
    scenario: "シナリオ設定",
    results: "結果",
    policy: "ポリシー",
    permissions_boundary: "アクセス許可の境界",
    trust_policy: "信頼ポリシー",
    session_policy: "セッションポリシー",
    scp: "SCP",
    rcp: "RCP",
    group: "グループ",
    format: "整形",
    lines: "行",
    no_problems: "問題は見つかりません。",
    diagnostics: "診断",
    plain_text: "長いテキストのため、入力が遅くならないよう色分けと行番号なしで表示しています。",
    more_diagnostics: "件 (ここには表示していません)",
    clear_text: "空にする",
    put_back: "貼り付け前のテキストに戻す",
    updating: "結果を更新しています… (このように大きなワールドは入力が止まってから評価します)",
    caller: "呼び出し元 (caller)",
    api: "サービス API",
    role: "ロール",
    region: "リージョン",
    role_session_name: "ロールセッション名 (RoleSessionName)",
    external_id: "ExternalId",
    mfa: "MFA でサインイン (SerialNumber + TokenCode)",
    duration: "DurationSeconds",
    source_identity: "SourceIdentity",
    tags: "セッションタグ (key=value をカンマ区切り)",
    chain_hop: "チェーンのホップ",
    account: "アカウント ID",
    same_account: "同一アカウント",
    cross_account: "クロスアカウント",
    flow_passrole: "フロー: PassRole(サービスにロールを渡す)",
    flow_assumerole: "フロー: AssumeRole(STS でお面をかぶる)",
    flow_none: "このワールドには実行できるアクションがありません。",
    succeeded: "成功",
    failed: "失敗",
    failed_at: "失敗したステップ:",
    steps: "ステップ",
    why: "理由",
    aws_error: "AWS のエラー",
    decoded: "デコードした認可メッセージ",
    fix: "修正案",
    apply_fix: "修正を適用",
    fix_applied: "修正を適用しました。続けて編集するか、リセットしてください。",
    changed_first: "読み込んだアカウントに、プリンシパルが先に加えた変更（ファイルにはない変更）を反映しています。変更の内容はアカウント画面に表示しています。",
    changed_first_named: "読み込んだアカウントに、プリンシパルが先に加えた次の変更（ファイルにはない変更）を反映しています:",
    changed_first_named_one: "読み込んだアカウントに、プリンシパルが先に加えた次の変更（ファイルにはない変更）を反映しています:",
    before: "変更前",
    after: "変更後",
    session: "ロールセッション(かぶっているお面)",
    fake: "偽物 — この認証情報では何も開きません",
    cloudtrail: "CloudTrail レコード",
    warnings: "警告",
    picture: "フローの図",
    picture_desc: "フローの各ホップ: 許可は緑と ✓、拒否は赤と ✗。",
    link_too_large: "共有リンクがどのワールドにも必要ない大きさ(1 MB 超)のため読み込みませんでした。作業内容はそのままです。",
    link_unreadable: "共有リンクを読み込めませんでした。作業内容はそのままです。",
    import_failed: "このファイルはワールド(omen flow が読み、JSON の書き出しが書く JSON)ではありません。何も置き換えていません。",
    dismiss: "閉じる",
    world_invalid: "ワールドを実行できません",
    service: "サービス",
    session_word: "セッション",
    wears: "がかぶる",
    not_reached: "未到達",
    no_policies: "このシナリオでは、ここにポリシーはありません。",
    summary_label: "判定のまとめ",
    to_results: "結果へ ↓",
    chip_no_flow: "アクションなし",
    chip_service_assume: "サービスの AssumeRole",
    chip_blast_radius: "影響範囲",
    chip_validate: "パラメータ",
    chip_as_session: "セッションとして",
    copied: "コピーしました",
    flow_choice: "アクション",
    flow_choice_passrole: "サービス API 経由の PassRole",
    flow_choice_assumerole: "AssumeRole",
    add_boundary: "呼び出し元にアクセス許可の境界を追加",
    add_session_policy: "セッションポリシーを追加",
    add_scp: "SCP の階層を追加",
    add_heading: "ポリシーを追加",
    link_unknown_version: "このリンクは新しいバージョンの Omen で作られたため、ここでは開けません。作業内容はそのままです。",
    share_too_large: "このワールドは大きすぎて、開けるリンクになりません(1 MB 超)。JSON で書き出してください。",
    import_policy_document: "このファイルはワールドではなく IAM ポリシードキュメントです。何も置き換えていません。該当するポリシーのエディタに貼り付けてください。",
    undone: "置き換える前のワールドに戻しました。",
    autosave_kept_aside: "以前の保存内容を読み込めませんでした。上書きせず別に保管しています(omen.autosave.v1.unread)。",
    storage_full: "ブラウザのストレージに自動保存できませんでした(容量不足または無効)。このワールドを残すには JSON で書き出してください。",
    edited: "編集済み",
    undo: "元に戻す",
    undo_title: "最後に置き換える前のワールドに戻す",
    pin_lang: "誰が開いても日本語で表示",
    ask_preset: "別のシナリオに切り替えますか？このワールドへの編集は置き換えられます。",
    ask_import: "読み込んだワールドを開きますか？このワールドへの編集は置き換えられます。",
    ask_link: "アドレスのリンクのワールドを開きますか？このワールドへの編集は置き換えられます。",
    ask_reset: "最初のシナリオに戻しますか？このワールドへの編集は置き換えられます。",
    ask_undo_hint: "「元に戻す」で編集を戻せます。",
    replace_mine: "置き換える",
    keep_mine: "編集を残す",
    export_mine: "先に書き出す",
    details_below: "詳しくは下の各ステップを見てください。",
    evaluate_anyway: "あえて評価する: AWS が受け入れたとしたらポリシーがどう判定するか (AWS は受け入れません)",
    evaluated_anyway: "あえて評価",
    skip_to_results: "結果へ移動",
    announce_failed: "失敗:",
    has_errors: "エラーあり",
    deciding_policy: "判定を決めたポリシー",
    remove_hop: "ホップを削除",
    add_hop: "ホップを追加(ロールの連鎖)",
    roles_heading: "ロール",
    role_name: "ロール名",
    role_name_hint: "欄を離れると、このロールの ARN を使う場所をすべて書き換えます。",
    max_session_duration: "MaxSessionDuration(秒)",
    role_tags: "ロールのタグ(key=value, …)",
    account_id_hint: "欄を離れると、この ID を使う ARN・プリンシパル・条件をすべて書き換えます。",
    role_renamed: "ロール名を変更しました。ARN を使っていた場所をすべて書き換えました",
    account_changed: "アカウント ID を使っていた場所をすべて書き換えました",
    bad_role_name: "IAM が受け付けるロール名ではありません(英数字と + = , . @ _ - で 1〜64 文字)。何も変更していません。",
    bad_account_id: "アカウント ID は 12 桁の数字です。何も変更していません。",
    users_heading: "ユーザー",
    user_label: "ユーザー",
    add_user: "ユーザーを追加",
    add_role: "ロールを追加",
    remove_principal: "削除",
    add_inline_policy: "インラインポリシー",
    toggle_boundary_on: "アクセス許可の境界",
    toggle_boundary_off: "アクセス許可の境界を削除",
    user_mfa: "MFA でサインイン済み (aws:MultiFactorAuthPresent)",
    console_switch: "コンソールでロールを切り替える (API 呼び出しではない)",
    then_actions: "お面をかぶったあと: 試すアクション",
    in_use: "アクションがまだ使っています。先にアクションの呼び出し元か引き受けるロールを変えてください。",
    unwrap_document: "ポリシードキュメントを取り出す",
    keep_as_pasted: "貼り付けたままにする",
    aws_managed_read_only: "AWS 管理ポリシー: AWS では変更できません",
    copy_to_customer_managed: "カスタマー管理ポリシーにコピー",
    aws_managed_not_editable: "AWS 管理ポリシーは編集できません (AWS が変更を拒否します)。編集するには、カスタマー管理ポリシーにコピーしてください。",
    bad_path: "IAM が受け付けるパスではありません (/ のみ、または / で始まり / で終わる)。何も変更していません。",
    account_in_use: "そのアカウントにはユーザー、ロール、またはアクションがあります。先に削除するか移してください。",
    removed: "ポリシーを削除しました。「元に戻す」で戻せます。",
    path: "パス",
    path_hint: "ARN の一部です。フィールドを離れると、使われている場所すべての ARN を書き換えます。",
    user_tags: "ユーザーのタグ(key=value, …)",
    group_name: "グループ名",
    add_group: "グループ",
    join_group: "参加:",
    accounts_heading: "アカウント",
    add_account: "アカウントを追加",
    scp_level: "SCP レベル",
    rcp_level: "RCP レベル",
    remove_policy: "削除",
    user_renamed: "ユーザー名を変更しました。ARN を使っていた場所をすべて書き換えました",
    bad_user_name: "IAM が受け付けるユーザー名ではありません(英数字と + = , . @ _ - で 1〜64 文字)。何も変更していません。",
    user_name_hint: "欄を離れると、このユーザーの ARN を使う箇所をすべて書き換えます。",
    transitive_tag_keys: "TransitiveTagKeys (カンマ区切り)",
    role_parameter: "ロールを渡す API パラメーター",
    resource_name: "リソース名 (関数、インスタンス、スタックなど)",
    source_account: "aws:SourceAccount (サービスが送る)",
    source_arn: "aws:SourceArn (サービスが送る)",
    confused_deputy_hint: "サービスは誰かのリソースのためにお面をかぶります。誰のためかは信頼ポリシーで aws:SourceAccount と aws:SourceArn を使って確かめられます (The confused deputy problem)。",
    session_action: "アクション",
    session_resource: "リソース (空なら *)",
    add_session_action: "試すアクション",
    bad_group_name: "IAM が受け付けるグループ名ではないか (英数字と + = , . @ _ - で 1〜128 文字)、ほかのグループが使っています。何も変更していません。",
    managed_not_loaded: "このワールドの AWS 管理ポリシーを読み込めませんでした。これがないとフローを評価しません。",
    loading_managed: "AWS 管理ポリシーを読み込んでいます:",
    group_hint: "グループはメンバー全員で 1 つです。名前とポリシーの変更はメンバー全員に及びます (名前は欄を離れたときに変更)。",
    group_account_hint: "アカウント {account} のユーザーだけが参加できます。",
    hop_then_actions: "ホップ {n} のお面で試すアクション",
    session_more: "アカウント、リージョン、コンテキスト",
    session_resource_account: "リソースのアカウント",
    session_context: "コンテキスト (key=value、…)",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_tags_pick_japanese() {
        assert_eq!(Lang::from_tag("ja"), Lang::Ja);
        assert_eq!(Lang::from_tag("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_tag("JA_jp"), Lang::Ja);
    }

    #[test]
    fn other_tags_pick_english() {
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("jav"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn tags_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), lang);
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn every_string_is_written_in_both_languages() {
        let en = format!("{EN:?}");
        let ja = format!("{JA:?}");
        assert!(!en.contains(": \"\""), "an empty English string");
        assert!(!ja.contains(": \"\""), "an empty Japanese string");
        assert_ne!(EN.tagline, JA.tagline);
    }
}
