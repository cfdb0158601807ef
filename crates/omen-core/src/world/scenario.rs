//! What a world asks to play, read once from its `action`: the wire format's "exactly one of
//! `passRole` and `assumeRole`" becomes an enum, so that every story matches on what it gets.
//! Federation (`assumeRoleWithWebIdentity`, `assumeRoleWithSaml`) joins here as variants.

use super::wire::{AssumeRoleParams, PassRoleAction, SessionAction, World};

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
            Self::TwoStories => "give either `passRole` or `assumeRole`, not both",
        }
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
        match (&action.pass_role, &action.assume_role) {
            (Some(call), None) => {
                Ok(Scenario::PassRole { call, ignores_chain: !action.chain.is_empty() || !action.then.is_empty() })
            }
            (None, Some(first)) => Ok(Scenario::AssumeRole { first, chain: &action.chain, then: &action.then }),
            (Some(_), Some(_)) => Err(ScenarioProblem::TwoStories),
            (None, None) => Err(ScenarioProblem::NoStory),
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
