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
    /// Subtitle under the page heading.
    pub tagline: &'static str,
    /// Label of the language switch.
    pub language: &'static str,
    /// Heading of the identity policy editor.
    pub identity_policy: &'static str,
    /// What the identity policy is.
    pub identity_policy_hint: &'static str,
    /// Heading of the trust policy editor.
    pub trust_policy: &'static str,
    /// What the trust policy is, and when it is evaluated.
    pub trust_policy_hint: &'static str,
    /// Heading of the request inputs.
    pub request: &'static str,
    /// Label of the principal input.
    pub principal: &'static str,
    /// Label of the action input.
    pub action: &'static str,
    /// Label of the resource input.
    pub resource: &'static str,
    /// Label of the `iam:PassedToService` input.
    pub passed_to_service: &'static str,
    /// Heading of the results area.
    pub result: &'static str,
    /// Verdict when the request is allowed.
    pub allowed: &'static str,
    /// Verdict when an explicit `Deny` decided.
    pub explicit_deny: &'static str,
    /// Verdict when nothing allowed the request.
    pub implicit_deny: &'static str,
    /// Verdict when the request could not be evaluated.
    pub error: &'static str,
    /// Heading of the explanation list.
    pub explanation: &'static str,
    /// Heading of the deciding statements list.
    pub deciding_statements: &'static str,
    /// Heading of the diagnostics list.
    pub diagnostics: &'static str,
    /// Heading of the AccessDenied message.
    pub access_denied: &'static str,
    /// Heading of the list of context keys the request lacked.
    pub missing_context_keys: &'static str,
    /// Name of the identity policy in results.
    pub identity_policy_short: &'static str,
    /// Name of the trust policy in results.
    pub trust_policy_short: &'static str,
    /// Word before a statement number.
    pub statement: &'static str,
    /// Which policies the evaluation used: identity policy only.
    pub evaluated_identity_only: &'static str,
    /// Which policies the evaluation used: identity and trust policy.
    pub evaluated_with_trust: &'static str,
}

static EN: Strings = Strings {
    tagline: "Write policies, make a request, and see why AWS would allow or deny it.",
    language: "Language",
    identity_policy: "Identity policy (the user's)",
    identity_policy_hint: "Permissions attached to the principal making the request.",
    trust_policy: "Trust policy (the role's)",
    trust_policy_hint: "Who may assume the role. Evaluated for sts:AssumeRole requests.",
    request: "Request",
    principal: "Principal",
    action: "Action",
    resource: "Resource",
    passed_to_service: "iam:PassedToService (context)",
    result: "Result",
    allowed: "Allowed",
    explicit_deny: "Denied — an explicit Deny",
    implicit_deny: "Denied — nothing allows it (implicit deny)",
    error: "Cannot evaluate",
    explanation: "Why",
    deciding_statements: "Deciding statements",
    diagnostics: "Diagnostics",
    access_denied: "What AWS would say",
    missing_context_keys: "Context keys the request lacks",
    identity_policy_short: "identity policy",
    trust_policy_short: "trust policy",
    statement: "statement",
    evaluated_identity_only: "Evaluated: the identity policy.",
    evaluated_with_trust: "Evaluated: the identity policy and the role's trust policy.",
};

static JA: Strings = Strings {
    tagline: "ポリシーを書き、リクエストを作ると、AWS が許可・拒否する理由が見えます。",
    language: "言語",
    identity_policy: "アイデンティティベースのポリシー(ユーザー)",
    identity_policy_hint: "リクエストするプリンシパルに付いている権限です。",
    trust_policy: "信頼ポリシー(ロール)",
    trust_policy_hint: "誰がロールを引き受けられるか。sts:AssumeRole のリクエストで評価されます。",
    request: "リクエスト",
    principal: "プリンシパル",
    action: "アクション",
    resource: "リソース",
    passed_to_service: "iam:PassedToService(コンテキスト)",
    result: "結果",
    allowed: "許可",
    explicit_deny: "拒否 — 明示的な Deny",
    implicit_deny: "拒否 — 許可するものがない(暗黙的な拒否)",
    error: "評価できません",
    explanation: "理由",
    deciding_statements: "決め手になったステートメント",
    diagnostics: "診断",
    access_denied: "AWS が返すメッセージ",
    missing_context_keys: "リクエストに無いコンテキストキー",
    identity_policy_short: "アイデンティティベースのポリシー",
    trust_policy_short: "信頼ポリシー",
    statement: "ステートメント",
    evaluated_identity_only: "評価したもの: アイデンティティベースのポリシー。",
    evaluated_with_trust: "評価したもの: アイデンティティベースのポリシーとロールの信頼ポリシー。",
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
