//! What an editor offers while someone types and what it shows on hover: completions of service
//! prefixes, actions (with their access level) and condition keys valid for a statement's
//! actions, and a description of an action pattern — one action, what a wildcard expands to, or
//! "every action of every service" for `*` — or of a condition key (its type, whether it is
//! multivalued, whose key it is).

use super::{AccessLevel, ActionDescriptions, ActionRef, KeyLookup, ServiceReference};
use serde::Serialize;

/// What a completion inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CompletionKind {
    /// A service prefix (`ec2`), to be followed by `:`.
    Service,
    /// An action (`ec2:RunInstances`).
    Action,
    /// A condition key (`iam:PassedToService`).
    ConditionKey,
}

/// One completion: the text to insert and what to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// What it is.
    pub kind: CompletionKind,
    /// The text that replaces what was typed.
    pub label: String,
    /// The service's name, the action's access level or the key's type.
    pub detail: String,
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

impl ServiceReference {
    /// Completions for a partly typed action: service prefixes before the `:`, the service's
    /// actions after it (`ec2:RunI` → `ec2:RunInstances`), at most `limit`, in name order.
    pub fn complete_action(&self, typed: &str, limit: usize) -> Vec<Completion> {
        match typed.split_once(':') {
            None => self
                .services
                .iter()
                .filter(|s| starts_with_ignore_case(&s.prefix, typed))
                .take(limit)
                .map(|s| Completion { kind: CompletionKind::Service, label: s.prefix.clone(), detail: s.name.clone() })
                .collect(),
            Some((prefix, name)) => {
                let Some(service) = self.service(prefix) else { return Vec::new() };
                service
                    .actions
                    .iter()
                    .filter(|a| starts_with_ignore_case(&a.name, name))
                    .take(limit)
                    .map(|a| Completion {
                        kind: CompletionKind::Action,
                        label: format!("{}:{}", service.prefix, a.name),
                        detail: a.access_level.name().to_string(),
                    })
                    .collect()
            }
        }
    }

    /// Completions for a partly typed condition key: the keys valid for `actions` (the global
    /// keys and those the actions support) that start with `typed`, at most `limit`; the
    /// actions' own keys first.
    pub fn complete_condition_key(&self, typed: &str, actions: &[ActionRef<'_>], limit: usize) -> Vec<Completion> {
        let keys = self.keys_for_actions(actions);
        let globals = self.global_keys.len().min(keys.len());
        let (global, own) = keys.split_at(globals);
        own.iter()
            .chain(global)
            .filter(|k| starts_with_ignore_case(&k.name, typed))
            .take(limit)
            .map(|k| Completion {
                kind: CompletionKind::ConditionKey,
                label: k.name.clone(),
                detail: k.key_type.name.clone(),
            })
            .collect()
    }
}

/// What hovering an action pattern shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum ActionHover {
    /// One action.
    Action {
        /// `prefix:Name`.
        name: String,
        /// AWS's description, when the descriptions are loaded.
        description: Option<String>,
        /// Its access level.
        access_level: AccessLevel,
        /// Its resource types: name, ARN format, required.
        resource_types: Vec<(String, String, bool)>,
        /// The condition keys it supports.
        condition_keys: Vec<String>,
        /// AWS's reference page for the service.
        url: String,
    },
    /// A wildcard: how many actions it names, and the first of them.
    Wildcard {
        /// The pattern.
        pattern: String,
        /// How many actions it names.
        count: usize,
        /// The first names, in catalogue order.
        first: Vec<String>,
    },
    /// `*`: every action of every service.
    Everything {
        /// How many actions the reference knows.
        count: usize,
    },
}

impl ServiceReference {
    /// What to show when hovering `pattern` in an `Action` element; `None` when it names nothing.
    pub fn hover_action(
        &self,
        pattern: &str,
        descriptions: Option<&ActionDescriptions>,
        first: usize,
    ) -> Option<ActionHover> {
        if pattern == "*" {
            return Some(ActionHover::Everything { count: self.action_count() });
        }
        if pattern.contains(['*', '?']) {
            let found = self.expand(pattern);
            if found.is_empty() {
                return None;
            }
            return Some(ActionHover::Wildcard {
                pattern: pattern.to_string(),
                count: found.len(),
                first: found.iter().take(first).map(ActionRef::full_name).collect(),
            });
        }
        let action = self.action(pattern)?;
        Some(ActionHover::Action {
            name: action.full_name(),
            description: descriptions.and_then(|d| d.describe(&action)),
            access_level: action.action.access_level,
            resource_types: action
                .resource_types()
                .map(|(t, required)| (t.name.clone(), t.arn_format.clone(), required))
                .collect(),
            condition_keys: {
                let mut keys: Vec<String> = action.condition_keys().map(|k| k.name.clone()).collect();
                keys.dedup();
                keys
            },
            url: action.service.reference_url(),
        })
    }
}

/// What the caret on a condition key shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum KeyHover {
    /// A key AWS's reference lists.
    Listed {
        /// The key as the reference spells it (`aws:RequestTag/${TagKey}`).
        name: String,
        /// Its data type (`String`, `ArrayOfARN`, …).
        key_type: String,
        /// Whether one request can hold several values for it ("Multivalued context keys").
        multivalued: bool,
        /// AWS's description (the reference gives none for global keys).
        description: String,
        /// The service whose key it is and its reference page; `None` for a global key
        /// ("AWS global condition context keys").
        service: Option<(String, String)>,
    },
    /// A claim of a web identity provider the reference does not list (`oidc.eks…/id/…:sub`).
    ProviderClaim {
        /// The key as written.
        name: String,
    },
}

impl ServiceReference {
    /// What the condition key `key`, as written in a policy, is; `None` for a key the reference
    /// does not know (the findings say so).
    pub fn hover_key(&self, key: &str) -> Option<KeyHover> {
        let listed = |found: &super::ConditionKey, service: Option<(String, String)>| KeyHover::Listed {
            name: found.name.clone(),
            key_type: found.key_type.name.clone(),
            multivalued: found.key_type.is_multivalued(),
            description: found.description.clone(),
            service,
        };
        match self.condition_key(key) {
            KeyLookup::Global(found) => Some(listed(found, None)),
            KeyLookup::Service(service, found) => {
                Some(listed(found, Some((service.name.clone(), service.reference_url()))))
            }
            KeyLookup::Provider => Some(KeyHover::ProviderClaim { name: key.to_string() }),
            KeyLookup::UnknownKey(_) | KeyLookup::UnknownService => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::tests::{slice, SLICE_DESCRIPTIONS};

    #[test]
    fn completes_services_then_actions() {
        let reference = slice();
        let labels = |typed: &str| reference.complete_action(typed, 5).into_iter().map(|c| c.label).collect::<Vec<_>>();
        assert_eq!(labels("ec2:RunI"), ["ec2:RunInstances"]);
        assert_eq!(labels("EC2:runi"), ["ec2:RunInstances"]);
        assert_eq!(labels("s3"), ["s3", "s3-object-lambda"]);
        assert_eq!(reference.complete_action("iam:PassR", 5)[0].detail, "Write");
        assert_eq!(reference.complete_action("iam:Get", 3).len(), 3);
        assert!(labels("ec3:").is_empty());
    }

    #[test]
    fn completes_keys_valid_for_the_statement() {
        let reference = slice();
        let actions = reference.expand("iam:PassRole");
        let keys: Vec<String> =
            reference.complete_condition_key("iam:", &actions, 10).into_iter().map(|c| c.label).collect();
        assert!(keys.contains(&"iam:PassedToService".to_string()), "{keys:?}");
        assert!(!keys.contains(&"iam:PermissionsBoundary".to_string()), "not a key of PassRole: {keys:?}");
        let first = reference.complete_condition_key("", &actions, 1);
        assert!(first[0].label.starts_with("iam:"), "the actions' own keys first: {first:?}");
        let global = reference.complete_condition_key("aws:Principal", &actions, 50);
        assert!(global.iter().any(|c| c.label == "aws:PrincipalArn" && c.detail == "ARN"));
    }

    #[test]
    fn hovers_actions_wildcards_and_star() {
        let reference = slice();
        let descriptions = ActionDescriptions::parse(SLICE_DESCRIPTIONS).unwrap();
        match reference.hover_action("iam:passrole", Some(&descriptions), 3) {
            Some(ActionHover::Action { name, description, access_level, resource_types, condition_keys, url }) => {
                assert_eq!(name, "iam:PassRole");
                assert_eq!(description.as_deref(), Some("Grants permission to pass a role to a service"));
                assert_eq!(access_level, AccessLevel::Write);
                assert_eq!(resource_types[0].0, "role");
                assert!(condition_keys.contains(&"iam:PassedToService".to_string()));
                assert!(url.ends_with("list_awsidentityandaccessmanagementiam.html"));
            }
            other => panic!("{other:?}"),
        }
        match reference.hover_action("iam:Get*", None, 3) {
            Some(ActionHover::Wildcard { count, first, .. }) => {
                assert_eq!(count, reference.expand("iam:Get*").len());
                assert_eq!(first.len(), 3);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            reference.hover_action("*", None, 3),
            Some(ActionHover::Everything { count: reference.action_count() })
        );
        assert_eq!(reference.hover_action("iam:Fly*", None, 3), None);
    }

    #[test]
    fn hovers_condition_keys_global_service_and_provider_claims() {
        let reference = slice();
        match reference.hover_key("iam:passedtoservice") {
            Some(KeyHover::Listed { name, key_type, multivalued, service: Some((service, url)), .. }) => {
                assert_eq!(name, "iam:PassedToService");
                assert_eq!(key_type, "String");
                assert!(!multivalued);
                assert_eq!(service, "AWS Identity and Access Management (IAM)");
                assert!(url.ends_with("list_awsidentityandaccessmanagementiam.html"));
            }
            other => panic!("{other:?}"),
        }
        match reference.hover_key("aws:TagKeys") {
            Some(KeyHover::Listed { multivalued, service: None, .. }) => assert!(multivalued, "an ArrayOf… key"),
            other => panic!("{other:?}"),
        }
        match reference.hover_key("aws:RequestTag/team") {
            Some(KeyHover::Listed { name, service: None, .. }) => assert_eq!(name, "aws:RequestTag/${TagKey}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            reference.hover_key("oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub"),
            Some(KeyHover::ProviderClaim { name: "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub".into() })
        );
        assert_eq!(reference.hover_key("iam:PassedToServices"), None);
        assert_eq!(reference.hover_key("nosuchservice:Key"), None);
    }
}
