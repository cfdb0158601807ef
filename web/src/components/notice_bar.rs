//! A message the page tells the user once (a link it could not open, an import that failed, a
//! fix applied), with a Dismiss button.

use yew::prelude::*;

use crate::components::results::rich;
use crate::context::use_playground;
use crate::state::{Action, Notice};

/// Properties of [`NoticeBar`].
#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// What to say.
    pub notice: Notice,
}

/// A one-time message with a Dismiss button.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let Some(state) = use_playground() else {
        return Html::default();
    };
    let t = state.lang.strings();
    let text: String = match props.notice {
        Notice::RoleRenamed(places) => format!("{} ({places})", t.role_renamed),
        Notice::AccountChanged(places) => format!("{} ({places})", t.account_changed),
        Notice::UserRenamed(places) => format!("{} ({places})", t.user_renamed),
        notice => simple_text(notice, t).to_owned(),
    };
    fn simple_text(notice: Notice, t: &crate::i18n::Strings) -> &'static str {
        match notice {
            Notice::LinkTooLarge => t.link_too_large,
            Notice::LinkUnreadable => t.link_unreadable,
            Notice::LinkUnknownVersion => t.link_unknown_version,
            Notice::ShareTooLarge => t.share_too_large,
            Notice::ImportFailed => t.import_failed,
            Notice::ImportPolicyDocument => t.import_policy_document,
            Notice::FixApplied => t.fix_applied,
            Notice::Undone => t.undone,
            Notice::AutosaveKeptAside => t.autosave_kept_aside,
            Notice::StorageFull => t.storage_full,
            Notice::InUse => t.in_use,
            Notice::BadUserName => t.bad_user_name,
            Notice::UserRenamed(_) => t.user_renamed,
            Notice::BadRoleName => t.bad_role_name,
            Notice::BadAccountId => t.bad_account_id,
            Notice::BadPath => t.bad_path,
            Notice::AccountInUse => t.account_in_use,
            Notice::Removed => t.removed,
            Notice::BadGroupName => t.bad_group_name,
            Notice::ManagedNotLoaded => t.managed_not_loaded,
            Notice::ChangedFirst => t.changed_first,
            Notice::RoleRenamed(_) => t.role_renamed,
            Notice::AccountChanged(_) => t.account_changed,
        }
    }
    let dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetNotice(None)))
    };
    // The changes imported accounts were shown after, named.
    let named = match (props.notice, &state.changes_first) {
        (Notice::ChangedFirst, Some(changes)) => Some(changes.in_lang(state.lang)).filter(|c| !c.is_empty()),
        _ => None,
    };
    html! {
        <div class="notice" role="status" data-testid="notice">
            if let Some(changes) = named {
                <div>
                    { if changes.len() == 1 { t.changed_first_named_one } else { t.changed_first_named } }
                    <ul class="notice-changes" data-testid="notice-changes">
                        { for changes.iter().map(|change| html! { <li>{ rich(change) }</li> }) }
                    </ul>
                </div>
            } else {
                <span>{ text }</span>
            }
            <button type="button" class="small" onclick={dismiss}>{ t.dismiss }</button>
        </div>
    }
}
