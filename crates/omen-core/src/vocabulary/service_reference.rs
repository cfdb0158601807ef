//! AWS's service authorization reference, read from Omen's `service-reference.txt`: every
//! service prefix with its actions (access level, resource types, condition keys), resource types
//! (ARN formats) and condition keys (types), and the global condition keys. Lookups ignore case,
//! as IAM does for action names and condition keys ("IAM JSON policy elements: Action";
//! "IAM JSON policy elements: Condition").

use super::patterns::{arn_format_pattern, patterns_intersect, resource_pattern};
use super::{header, CatalogueSource, VocabularyError};
use crate::matching::{glob_match_ignore_case, Glob};
use crate::suggest;
use serde::Serialize;

/// How AWS's reference classifies what an action does ("Access levels" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AccessLevel {
    /// Lists resources.
    List,
    /// Reads resources or their attributes.
    Read,
    /// Creates, changes or deletes resources.
    Write,
    /// Grants or changes permissions.
    PermissionsManagement,
    /// Changes tags only.
    Tagging,
}

impl AccessLevel {
    fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "L" => Self::List,
            "R" => Self::Read,
            "W" => Self::Write,
            "P" => Self::PermissionsManagement,
            "T" => Self::Tagging,
            _ => return None,
        })
    }

    /// The level as AWS's reference writes it (`Permissions management`).
    pub fn name(self) -> &'static str {
        match self {
            Self::List => "List",
            Self::Read => "Read",
            Self::Write => "Write",
            Self::PermissionsManagement => "Permissions management",
            Self::Tagging => "Tagging",
        }
    }

    /// The level as the Japanese edition of AWS's reference writes it.
    pub fn name_ja(self) -> &'static str {
        match self {
            Self::List => "リスト",
            Self::Read => "読み込み",
            Self::Write => "書き込み",
            Self::PermissionsManagement => "アクセス許可の管理",
            Self::Tagging => "タグ付け",
        }
    }
}

/// The data type of a condition key (`String`, `ArrayOfARN`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionKeyType {
    /// The type as AWS's reference writes it.
    pub name: String,
}

impl ConditionKeyType {
    /// Whether the key can hold several values in one request (`ArrayOf…` types, "Multivalued
    /// context keys").
    pub fn is_multivalued(&self) -> bool {
        self.name.starts_with("ArrayOf")
    }
}

/// A condition key of a service, or a global one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionKey {
    /// The key as AWS spells it, possibly with a placeholder (`aws:RequestTag/${TagKey}`).
    pub name: String,
    /// Its data type.
    #[serde(rename = "type")]
    pub key_type: ConditionKeyType,
    /// AWS's description (empty for global keys).
    pub description: String,
    /// The key lowercased, placeholders (`${…}`, `<…>`) as `*`.
    #[serde(skip)]
    pattern: String,
}

impl ConditionKey {
    fn new(name: &str, key_type: &str, description: &str) -> Self {
        let mut pattern = String::new();
        let mut depth = None;
        for c in name.chars() {
            match (depth, c) {
                (None, '$') | (None, '<') => depth = Some(c),
                (Some('$'), '{') => {}
                (Some('$'), '}') | (Some('<'), '>') => {
                    pattern.push('*');
                    depth = None;
                }
                (Some(_), _) => {}
                (None, c) => pattern.push(c.to_ascii_lowercase()),
            }
        }
        // A few services write the tag placeholder as `…/tag-key`.
        if let Some(prefix) = pattern.strip_suffix("/tag-key") {
            pattern = format!("{prefix}/*");
        }
        Self {
            name: name.to_string(),
            key_type: ConditionKeyType { name: key_type.to_string() },
            description: description.to_string(),
            pattern,
        }
    }

    /// Whether a key written in a policy is this key (ignoring case; a placeholder stands for
    /// any non-empty text).
    pub fn matches(&self, key: &str) -> bool {
        if self.pattern.contains('*') {
            key.len() >= self.pattern.len() && glob_match_ignore_case(&self.pattern, key)
        } else {
            self.pattern.eq_ignore_ascii_case(key)
        }
    }
}

/// A resource type of a service, with its ARN format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceType {
    /// The type's name in the reference (`role`, `object`).
    pub name: String,
    /// The ARN format (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`).
    pub arn_format: String,
    /// Numbers of the service's condition keys that apply to this type.
    #[serde(skip)]
    pub condition_keys: Vec<u16>,
    #[serde(skip)]
    pattern: String,
}

impl ResourceType {
    /// Whether the policy's resource pattern (wildcards and policy variables allowed) can name a
    /// resource of this type.
    pub fn fits(&self, resource: &str) -> bool {
        let resource = resource_pattern(resource);
        // The six parts of an ARN are matched one by one, a wildcard never crossing a colon
        // but in the last part ("IAM JSON policy elements: Resource").
        let own: Vec<&str> = self.pattern.splitn(6, ':').collect();
        let theirs: Vec<&str> = resource.splitn(6, ':').collect();
        if own.len() != 6 || theirs.len() != 6 {
            return patterns_intersect(&self.pattern, &resource, false);
        }
        // The reference's ARN formats do not always spell a resource type's name as the service
        // does (`vpcConnection`, `vpcconnection`): the resource part is compared ignoring case.
        own.iter().zip(&theirs).enumerate().all(|(i, (a, b))| a == b || patterns_intersect(a, b, i == 5))
    }
}

/// A resource type an action acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ActionResource {
    /// The number of the resource type in its service.
    pub index: u16,
    /// Whether the reference marks it required (`*`).
    pub required: bool,
}

/// An action of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// The action's name without the prefix (`PassRole`).
    pub name: String,
    /// Its access level.
    pub access_level: AccessLevel,
    /// The resource types it acts on; empty when it supports only `"Resource": "*"`.
    pub resource_types: Vec<ActionResource>,
    /// Numbers of the service's condition keys it supports.
    pub condition_keys: Vec<u16>,
    /// The name in lowercase, for matching.
    #[serde(skip)]
    name_lower: Box<str>,
}

/// A service: its prefix, name, actions, resource types and condition keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    /// The service prefix (`iam`).
    pub prefix: String,
    /// The service's name (`AWS Identity and Access Management (IAM)`).
    pub name: String,
    /// Actions, sorted by name ignoring case.
    pub actions: Vec<Action>,
    /// Resource types.
    pub resource_types: Vec<ResourceType>,
    /// Condition keys.
    pub condition_keys: Vec<ConditionKey>,
    /// The catalogue-wide number of its first action.
    #[serde(skip)]
    first_action: usize,
}

impl Service {
    /// AWS's reference page for this service ("Actions, resources, and condition keys for …").
    pub fn reference_url(&self) -> String {
        let slug: String =
            self.name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
        format!("https://docs.aws.amazon.com/service-authorization/latest/reference/list_{slug}.html")
    }

    /// The action named `name` (ignoring case).
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.action_index(name).and_then(|i| self.actions.get(i))
    }

    fn action_index(&self, name: &str) -> Option<usize> {
        let wanted = name.to_ascii_lowercase();
        self.actions.binary_search_by(|a| (*a.name_lower).cmp(wanted.as_str())).ok()
    }

    /// The condition key `key` of this service (ignoring case, placeholders match any text).
    pub fn condition_key(&self, key: &str) -> Option<&ConditionKey> {
        self.condition_keys.iter().find(|k| k.matches(key))
    }

    fn key(&self, number: u16) -> Option<&ConditionKey> {
        self.condition_keys.get(usize::from(number))
    }
}

/// One action together with its service.
#[derive(Debug, Clone, Copy)]
pub struct ActionRef<'c> {
    /// The service.
    pub service: &'c Service,
    /// The action.
    pub action: &'c Action,
    /// The catalogue-wide action number (the order of `service-reference.txt`).
    pub number: usize,
}

impl<'c> ActionRef<'c> {
    /// `prefix:Name`, as AWS spells it.
    pub fn full_name(&self) -> String {
        format!("{}:{}", self.service.prefix, self.action.name)
    }

    /// The resource types this action acts on.
    pub fn resource_types(&self) -> impl Iterator<Item = (&'c ResourceType, bool)> + 'c {
        let service = self.service;
        self.action
            .resource_types
            .iter()
            .filter_map(move |r| service.resource_types.get(usize::from(r.index)).map(|t| (t, r.required)))
    }

    /// The condition keys this action supports: its own and those of its resource types.
    pub fn condition_keys(&self) -> impl Iterator<Item = &'c ConditionKey> + 'c {
        let service = self.service;
        let own = self.action.condition_keys.iter().filter_map(move |n| service.key(*n));
        let of_types =
            self.resource_types().flat_map(move |(t, _)| t.condition_keys.iter().filter_map(move |n| service.key(*n)));
        own.chain(of_types)
    }

    /// Whether the action supports condition key `key`.
    pub fn supports_key(&self, key: &str) -> bool {
        self.condition_keys().any(|k| k.matches(key))
    }
}

/// What a condition key written in a policy is.
#[derive(Debug, Clone, Copy)]
pub enum KeyLookup<'c> {
    /// A global condition key (`aws:…` and the few service keys AWS lists as global).
    Global(&'c ConditionKey),
    /// A key of the service.
    Service(&'c Service, &'c ConditionKey),
    /// A claim of a web identity provider not in the reference (`oidc.eks…/id/…:sub`): any
    /// name is possible.
    Provider,
    /// The prefix is a service (or `aws`), but the key is not one of its keys.
    UnknownKey(Option<&'c Service>),
    /// The prefix is no service.
    UnknownService,
}

/// The service authorization reference.
#[derive(Debug, Clone, Default)]
pub struct ServiceReference {
    /// Where the data comes from.
    pub source: CatalogueSource,
    /// Services sorted by prefix.
    pub services: Vec<Service>,
    /// Global condition keys.
    pub global_keys: Vec<ConditionKey>,
    /// Key prefixes that are not services, with the services whose actions take them (`saml`).
    pub key_prefixes: Vec<(String, Vec<String>)>,
    action_count: usize,
}

impl ServiceReference {
    /// Read `service-reference.txt`. An empty text gives an empty reference.
    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        let mut reference = Self::default();
        if text.is_empty() {
            return Ok(reference);
        }
        let mut lines = text.lines().enumerate();
        reference.source = header(lines.next().map(|(_, l)| l), "omen-service-reference")?;
        for (number, line) in lines {
            let error = |what: &str| VocabularyError::Malformed { line: number + 1, what: what.to_string() };
            let fields: Vec<&str> = line.split('\t').collect();
            let field = |i: usize| fields.get(i).copied().unwrap_or("");
            match field(0) {
                "G" => reference.global_keys.push(ConditionKey::new(field(1), field(2), "")),
                "U" => reference
                    .key_prefixes
                    .push((field(1).to_ascii_lowercase(), field(2).split(',').map(str::to_string).collect())),
                "S" => reference.services.push(Service {
                    prefix: field(1).to_string(),
                    name: field(2).to_string(),
                    actions: Vec::new(),
                    resource_types: Vec::new(),
                    condition_keys: Vec::new(),
                    first_action: reference.action_count,
                }),
                "K" => {
                    let service = reference.services.last_mut().ok_or_else(|| error("a key before any service"))?;
                    service.condition_keys.push(ConditionKey::new(field(1), field(2), field(3)));
                }
                "R" => {
                    let service =
                        reference.services.last_mut().ok_or_else(|| error("a resource type before any service"))?;
                    service.resource_types.push(ResourceType {
                        name: field(1).to_string(),
                        arn_format: field(2).to_string(),
                        condition_keys: numbers(field(3)).ok_or_else(|| error("bad key numbers"))?,
                        pattern: arn_format_pattern(field(2)),
                    });
                }
                "A" => {
                    let service = reference.services.last_mut().ok_or_else(|| error("an action before any service"))?;
                    let access_level = AccessLevel::from_code(field(2)).ok_or_else(|| error("bad access level"))?;
                    let mut resource_types = Vec::new();
                    for item in field(3).split(',').filter(|s| !s.is_empty()) {
                        let (index, required) = match item.strip_suffix('*') {
                            Some(index) => (index, true),
                            None => (item, false),
                        };
                        let index = index.parse().map_err(|_| error("bad resource type number"))?;
                        resource_types.push(ActionResource { index, required });
                    }
                    service.actions.push(Action {
                        name_lower: field(1).to_ascii_lowercase().into(),
                        name: field(1).to_string(),
                        access_level,
                        resource_types,
                        condition_keys: numbers(field(4)).ok_or_else(|| error("bad key numbers"))?,
                    });
                    reference.action_count += 1;
                }
                "" => {}
                other => return Err(error(&format!("unknown record `{other}`"))),
            }
        }
        Ok(reference)
    }

    /// Whether the reference holds no service (the catalogue was not generated).
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    /// How many actions all services have together.
    pub fn action_count(&self) -> usize {
        self.action_count
    }

    /// How many condition keys: global ones plus each service's.
    pub fn condition_key_count(&self) -> usize {
        self.global_keys.len() + self.services.iter().map(|s| s.condition_keys.len()).sum::<usize>()
    }

    /// How many resource types all services have together.
    pub fn resource_type_count(&self) -> usize {
        self.services.iter().map(|s| s.resource_types.len()).sum()
    }

    /// The service with prefix `prefix` (ignoring case).
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        let lower = prefix.to_ascii_lowercase();
        self.services
            .binary_search_by(|s| s.prefix.as_str().cmp(lower.as_str()))
            .ok()
            .and_then(|i| self.services.get(i))
    }

    /// The action `prefix:Name` (ignoring case).
    pub fn action(&self, name: &str) -> Option<ActionRef<'_>> {
        let (prefix, action) = name.split_once(':')?;
        let service = self.service(prefix)?;
        let index = service.action_index(action)?;
        let action = service.actions.get(index)?;
        Some(ActionRef { service, action, number: service.first_action + index })
    }

    /// Action number `number` (the order of `service-reference.txt`).
    pub fn action_by_number(&self, number: usize) -> Option<ActionRef<'_>> {
        let position = self.services.partition_point(|s| s.first_action <= number).checked_sub(1)?;
        let service = self.services.get(position)?;
        let action = service.actions.get(number - service.first_action)?;
        Some(ActionRef { service, action, number })
    }

    /// Every action an `Action` pattern names (`iam:Pass*` → `iam:PassRole`), in catalogue order.
    /// `*` names every action of every service.
    pub fn expand(&self, pattern: &str) -> Vec<ActionRef<'_>> {
        let (service_pattern, action_pattern) = match pattern.split_once(':') {
            Some(parts) => parts,
            None if pattern == "*" => ("*", "*"),
            None => return Vec::new(),
        };
        let services: Vec<&Service> = if service_pattern.contains(['*', '?']) {
            self.services.iter().filter(|s| glob_match_ignore_case(service_pattern, &s.prefix)).collect()
        } else {
            self.service(service_pattern).into_iter().collect()
        };
        let mut found = Vec::new();
        if !action_pattern.contains(['*', '?']) {
            for service in services {
                if let Some(index) = service.action_index(action_pattern) {
                    if let Some(action) = service.actions.get(index) {
                        found.push(ActionRef { service, action, number: service.first_action + index });
                    }
                }
            }
            return found;
        }
        let glob = Glob::new(&action_pattern.to_ascii_lowercase());
        for service in services {
            for (index, action) in service.actions.iter().enumerate() {
                if glob.matches(&action.name_lower) {
                    found.push(ActionRef { service, action, number: service.first_action + index });
                }
            }
        }
        found
    }

    /// The closest service prefix to a misspelled one.
    pub fn suggest_service(&self, prefix: &str) -> Option<&str> {
        suggest::closest(prefix, self.services.iter().map(|s| s.prefix.as_str()))
    }

    /// The closest action of the service to a misspelled action name (`RunInstance` →
    /// `RunInstances`), as `prefix:Name`.
    pub fn suggest_action(&self, service: &Service, name: &str) -> Option<String> {
        suggest::closest(name, service.actions.iter().map(|a| a.name.as_str()))
            .map(|found| format!("{}:{found}", service.prefix))
    }

    /// What the condition key `key`, as written in a policy, is.
    pub fn condition_key(&self, key: &str) -> KeyLookup<'_> {
        if let Some(global) = self.global_keys.iter().find(|k| k.matches(key)) {
            return KeyLookup::Global(global);
        }
        let Some((prefix, _)) = key.split_once(':') else {
            return KeyLookup::UnknownService;
        };
        if prefix.eq_ignore_ascii_case("aws") {
            return KeyLookup::UnknownKey(None);
        }
        let prefix_lower = prefix.to_ascii_lowercase();
        let mut services: Vec<&Service> = self.service(prefix).into_iter().collect();
        services.extend(
            self.key_prefixes
                .iter()
                .filter(|(p, _)| {
                    p == &prefix_lower || (p.contains("${") && ConditionKey::new(p, "", "").matches(prefix))
                })
                .flat_map(|(_, targets)| targets.iter().filter_map(|t| self.service(t))),
        );
        for service in &services {
            if let Some(found) = service.condition_key(key) {
                return KeyLookup::Service(service, found);
            }
        }
        // A web identity provider's claims (`accounts.google.com:aud`, `oidc.eks…/id/…:sub`):
        // AWS lists some of them, but every OIDC provider may send its own.
        if prefix.contains(['.', '/']) {
            return KeyLookup::Provider;
        }
        match services.first() {
            Some(service) => KeyLookup::UnknownKey(Some(service)),
            None => KeyLookup::UnknownService,
        }
    }

    /// The closest condition key of `service` (or the global keys) to a misspelled one.
    pub fn suggest_key(&self, service: Option<&Service>, key: &str) -> Option<String> {
        let keys: Vec<&ConditionKey> = match service {
            Some(service) => service.condition_keys.iter().collect(),
            None => self.global_keys.iter().collect(),
        };
        // Condition keys are long and often miss a whole word (`aws:MultiFactorPresent`): allow
        // up to a quarter of the key in edits.
        let wanted = key.to_ascii_lowercase();
        let limit = (key.chars().count() / 4).clamp(1, 6);
        keys.iter()
            .map(|k| (suggest::edit_distance(&wanted, &k.name.to_ascii_lowercase()), k))
            .filter(|(distance, _)| *distance <= limit)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, k)| k.name.clone())
    }

    /// The condition keys valid for a set of actions: the global keys, then each key some of
    /// the actions supports, once.
    pub fn keys_for_actions<'c>(&'c self, actions: &[ActionRef<'c>]) -> Vec<&'c ConditionKey> {
        let mut keys: Vec<&ConditionKey> = self.global_keys.iter().collect();
        for action in actions {
            for key in action.condition_keys() {
                if !keys.iter().any(|k| std::ptr::eq(*k, key) || k.name.eq_ignore_ascii_case(&key.name)) {
                    keys.push(key);
                }
            }
        }
        keys
    }

    /// Whether a resource ARN pattern fits one of the resource types of `action`.
    pub fn resource_fits(&self, action: &ActionRef<'_>, resource: &str) -> bool {
        action.resource_types().any(|(t, _)| t.fits(resource))
    }
}

fn numbers(field: &str) -> Option<Vec<u16>> {
    field.split(',').filter(|s| !s.is_empty()).map(|s| s.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::ConditionKey;

    #[test]
    fn placeholders_in_condition_keys_match_any_text() {
        // The spellings AWS's reference uses for "any tag key" and similar parts of a key.
        let cases = [
            ("aws:RequestTag/${TagKey}", "aws:RequestTag/team", true),
            ("aws:RequestTag/${TagKey}", "aws:RequestTag/", false),
            ("s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/Project", true),
            ("secretsmanager:ResourceTag/tag-key", "secretsmanager:ResourceTag/aws:secretsmanager:owningService", true),
            ("token.actions.${Domain}.ghe.com:actor", "token.actions.octo.ghe.com:actor", true),
            ("iam:PassedToService", "IAM:passedtoservice", true),
            ("iam:PassedToService", "iam:PassedToServices", false),
        ];
        for (name, key, expected) in cases {
            assert_eq!(ConditionKey::new(name, "String", "").matches(key), expected, "{name} vs {key}");
        }
    }
}
