//! The playground's one state — the policies and the request being edited — and the actions that
//! change it.

use std::rc::Rc;

use yew::Reducible;

use crate::i18n::Lang;

/// The identity policy the page starts with: `AmazonEC2FullAccess` in short, which lets the user
/// launch instances but not pass a role to them.
pub const DEFAULT_IDENTITY_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EC2FullAccess",
      "Effect": "Allow",
      "Action": "ec2:*",
      "Resource": "*"
    }
  ]
}"#;

/// The trust policy the page starts with: EC2 may assume the role.
pub const DEFAULT_TRUST_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "ec2.amazonaws.com" },
      "Action": "sts:AssumeRole"
    }
  ]
}"#;

/// The principal the page starts with.
pub const DEFAULT_PRINCIPAL: &str = "arn:aws:iam::111122223333:user/alice";
/// The action the page starts with.
pub const DEFAULT_ACTION: &str = "iam:PassRole";
/// The resource the page starts with: the role being passed.
pub const DEFAULT_RESOURCE: &str = "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ";
/// The service the role is passed to, as the page starts.
pub const DEFAULT_PASSED_TO_SERVICE: &str = "ec2.amazonaws.com";

/// Everything the page holds: the interface language and the scenario being edited. Results are
/// not stored here: they are derived from the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Playground {
    /// The interface language.
    pub lang: Lang,
    /// The policies and the request, as typed.
    pub scenario: Scenario,
}

/// The policies and the request the user is editing, exactly as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// The user's identity-based policy, as typed.
    pub identity_policy: String,
    /// The role's trust policy, as typed.
    pub trust_policy: String,
    /// The request's principal ARN.
    pub principal: String,
    /// The request's action, e.g. `iam:PassRole`.
    pub action: String,
    /// The request's resource ARN.
    pub resource: String,
    /// The request's `iam:PassedToService` context value; empty means absent.
    pub passed_to_service: String,
}

impl Playground {
    /// The PassRole example from the lessons: a user with EC2 full access passing
    /// `EC2-roles-for-XYZ` to EC2.
    pub fn new(lang: Lang) -> Self {
        Playground { lang, scenario: Scenario::default() }
    }

    /// The state after `action`.
    #[must_use]
    pub fn apply(mut self, action: Action) -> Self {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::SetIdentityPolicy(text) => self.scenario.identity_policy = text,
            Action::SetTrustPolicy(text) => self.scenario.trust_policy = text,
            Action::SetPrincipal(text) => self.scenario.principal = text,
            Action::SetAction(text) => self.scenario.action = text,
            Action::SetResource(text) => self.scenario.resource = text,
            Action::SetPassedToService(text) => self.scenario.passed_to_service = text,
        }
        self
    }
}

impl Default for Scenario {
    /// The PassRole example from the lessons.
    fn default() -> Self {
        Scenario {
            identity_policy: DEFAULT_IDENTITY_POLICY.to_owned(),
            trust_policy: DEFAULT_TRUST_POLICY.to_owned(),
            principal: DEFAULT_PRINCIPAL.to_owned(),
            action: DEFAULT_ACTION.to_owned(),
            resource: DEFAULT_RESOURCE.to_owned(),
            passed_to_service: DEFAULT_PASSED_TO_SERVICE.to_owned(),
        }
    }
}

/// A change the user makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
    /// Replace the identity policy text.
    SetIdentityPolicy(String),
    /// Replace the trust policy text.
    SetTrustPolicy(String),
    /// Replace the principal ARN.
    SetPrincipal(String),
    /// Replace the action.
    SetAction(String),
    /// Replace the resource ARN.
    SetResource(String),
    /// Replace the `iam:PassedToService` value.
    SetPassedToService(String),
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_the_passrole_example() {
        let state = Playground::new(Lang::Ja);
        assert_eq!(state.lang, Lang::Ja);
        assert_eq!(state.scenario.action, "iam:PassRole");
        assert!(state.scenario.resource.ends_with(":role/EC2-roles-for-XYZ"));
        assert_eq!(state.scenario.passed_to_service, "ec2.amazonaws.com");
    }

    #[test]
    fn default_policies_are_json() {
        for text in [DEFAULT_IDENTITY_POLICY, DEFAULT_TRUST_POLICY] {
            assert!(serde_json::from_str::<serde_json::Value>(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn each_action_changes_only_its_field() {
        let start = Playground::new(Lang::En);
        let with = |scenario: Scenario| Playground { scenario, ..start.clone() };
        let base = Scenario::default();
        let cases = [
            (Action::SetLang(Lang::Ja), Playground { lang: Lang::Ja, ..start.clone() }),
            (Action::SetIdentityPolicy("{}".into()), with(Scenario { identity_policy: "{}".into(), ..base.clone() })),
            (Action::SetTrustPolicy("[]".into()), with(Scenario { trust_policy: "[]".into(), ..base.clone() })),
            (Action::SetPrincipal("p".into()), with(Scenario { principal: "p".into(), ..base.clone() })),
            (Action::SetAction("a".into()), with(Scenario { action: "a".into(), ..base.clone() })),
            (Action::SetResource("r".into()), with(Scenario { resource: "r".into(), ..base.clone() })),
            (
                Action::SetPassedToService(String::new()),
                with(Scenario { passed_to_service: String::new(), ..base.clone() }),
            ),
        ];
        for (action, expected) in cases {
            assert_eq!(start.clone().apply(action.clone()), expected, "{action:?}");
        }
    }

    #[test]
    fn reducer_matches_apply() {
        let start = Rc::new(Playground::new(Lang::En));
        let next = start.clone().reduce(Action::SetAction("sts:AssumeRole".into()));
        assert_eq!(next.scenario.action, "sts:AssumeRole");
        assert_eq!(start.scenario.action, "iam:PassRole", "the previous state is left as it was");
    }
}
