//! What a world asks to play, read once from its `action`: the wire format's "exactly one of
//! `passRole` and `assumeRole`" becomes an enum, so that every story matches on what it gets.
//! Federation (`assumeRoleWithWebIdentity`, `assumeRoleWithSaml`) joins here as variants.

use super::wire::{AssumeRoleParams, FederatedCall, PassRoleAction, SessionAction, World};
use serde::Serialize;

/// The story a world tells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scenario<'w> {
    /// Call a service API and hand the service a role.
    PassRole {
        /// The call.
        call: &'w PassRoleAction,
        /// Whether the action also gives `chain` or `then`, which a PassRole flow ignores.
        ignores_chain: bool,
    },
    /// Put on a role through STS, then maybe further roles (role chaining).
    AssumeRole {
        /// The first call.
        first: &'w AssumeRoleParams,
        /// The further hops, each made by the previous hop's session unless it names a caller.
        chain: &'w [AssumeRoleParams],
        /// What the last session then does.
        then: &'w [SessionAction],
    },
    /// Put on a role with an identity provider's token or assertion, then maybe further roles.
    Federated {
        /// Which STS API.
        api: FederatedApi,
        /// The call.
        call: &'w FederatedCall,
        /// The further hops, made by the federated session.
        chain: &'w [AssumeRoleParams],
        /// What the last session then does.
        then: &'w [SessionAction],
    },
}

/// The STS APIs that trade an identity provider's token for a role session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FederatedApi {
    /// `AssumeRoleWithWebIdentity`: an OIDC token.
    WebIdentity,
    /// `AssumeRoleWithSAML`: a SAML assertion.
    Saml,
}

impl FederatedApi {
    /// The action the role's trust policy must allow.
    pub fn action(self) -> &'static str {
        match self {
            Self::WebIdentity => "sts:AssumeRoleWithWebIdentity",
            Self::Saml => "sts:AssumeRoleWithSAML",
        }
    }

    /// The API's name, as CloudTrail's `eventName` spells it.
    pub fn event_name(self) -> &'static str {
        match self {
            Self::WebIdentity => "AssumeRoleWithWebIdentity",
            Self::Saml => "AssumeRoleWithSAML",
        }
    }

    /// The world's field for the call.
    pub fn field(self) -> &'static str {
        match self {
            Self::WebIdentity => "assumeRoleWithWebIdentity",
            Self::Saml => "assumeRoleWithSaml",
        }
    }
}

/// Why a world's action cannot be played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioProblem {
    /// The world has no `action`.
    NoAction,
    /// `action` has neither `passRole` nor `assumeRole`.
    NoStory,
    /// `action` has both.
    TwoStories,
}

impl ScenarioProblem {
    /// A stable code for the diagnostic.
    pub fn code(self) -> &'static str {
        match self {
            Self::NoAction | Self::NoStory => "no-action",
            Self::TwoStories => "two-actions",
        }
    }

    /// What is wrong.
    pub fn message(self) -> &'static str {
        match self {
            Self::NoAction => "the world has no `action` to play",
            Self::NoStory => "the action needs `passRole` or `assumeRole`",
            Self::TwoStories => {
                "give one of `passRole`, `assumeRole`, `assumeRoleWithWebIdentity` and `assumeRoleWithSaml`"
            }
        }
    }

    /// [`ScenarioProblem::message`] in English and Japanese.
    pub fn text(self) -> crate::lang::Text {
        let ja = match self {
            Self::NoAction => "ワールドには評価する `action` がありません",
            Self::NoStory => "`action` には `passRole` か `assumeRole` が必要です",
            Self::TwoStories => {
                "`passRole`、`assumeRole`、`assumeRoleWithWebIdentity`、`assumeRoleWithSaml` のうち 1 つだけを指定してください"
            }
        };
        crate::lang::Text::new(self.message(), ja)
    }

    /// [`ScenarioProblem::help`] in English and Japanese.
    pub fn help_text(self) -> Option<crate::lang::Text> {
        self.help().map(|en| crate::lang::Text::new(en, "`passRole` か `assumeRole` を追加してください"))
    }

    /// How to fix it, when the message does not say.
    pub fn help(self) -> Option<&'static str> {
        match self {
            Self::NoAction => Some("add `passRole` or `assumeRole`"),
            Self::NoStory | Self::TwoStories => None,
        }
    }
}

impl World {
    /// The story this world asks for.
    pub fn scenario(&self) -> Result<Scenario<'_>, ScenarioProblem> {
        let action = self.action.as_ref().ok_or(ScenarioProblem::NoAction)?;
        let (chain, then) = (action.chain.as_slice(), action.then.as_slice());
        let mut stories = Vec::new();
        if let Some(call) = &action.pass_role {
            stories.push(Scenario::PassRole { call, ignores_chain: !chain.is_empty() || !then.is_empty() });
        }
        if let Some(first) = &action.assume_role {
            stories.push(Scenario::AssumeRole { first, chain, then });
        }
        if let Some(call) = &action.assume_role_with_web_identity {
            stories.push(Scenario::Federated { api: FederatedApi::WebIdentity, call, chain, then });
        }
        if let Some(call) = &action.assume_role_with_saml {
            stories.push(Scenario::Federated { api: FederatedApi::Saml, call, chain, then });
        }
        match stories.as_slice() {
            [story] => Ok(*story),
            [] => Err(ScenarioProblem::NoStory),
            _ => Err(ScenarioProblem::TwoStories),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exactly_one_story() {
        let read =
            |json: &str| World::from_json(json).map(|w| w.scenario().map(|s| matches!(s, Scenario::PassRole { .. })));
        assert_eq!(read(r#"{}"#), Ok(Err(ScenarioProblem::NoAction)));
        assert_eq!(read(r#"{"action": {}}"#), Ok(Err(ScenarioProblem::NoStory)));
        assert_eq!(read(r#"{"action": {"passRole": {}, "assumeRole": {}}}"#), Ok(Err(ScenarioProblem::TwoStories)));
        assert_eq!(read(r#"{"action": {"passRole": {}}}"#), Ok(Ok(true)));
        assert_eq!(read(r#"{"action": {"assumeRole": {"role": "r"}, "chain": [{"role": "s"}]}}"#), Ok(Ok(false)));
        let world = World::from_json(r#"{"action": {"passRole": {}, "then": ["s3:GetObject"]}}"#).unwrap();
        assert!(matches!(world.scenario(), Ok(Scenario::PassRole { ignores_chain: true, .. })));
    }
}
