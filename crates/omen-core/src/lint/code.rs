//! The finding codes: each with its severity and the AWS page it rests on. Codes are spelled as
//! IAM Access Analyzer spells its issue codes ("Access Analyzer policy check reference") where
//! Access Analyzer has the check; Omen's own checks use the same style.

use serde::Serialize;

/// How serious a finding is, in Access Analyzer's four kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FindingSeverity {
    /// IAM would refuse to save the policy, or the statement cannot work as written.
    Error,
    /// The policy grants more than is likely meant.
    SecurityWarning,
    /// The policy probably does not do what was meant.
    Warning,
    /// The policy works, but could be simpler.
    Suggestion,
}

impl FindingSeverity {
    /// The severity in words (`security warning`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::SecurityWarning => "security warning",
            Self::Warning => "warning",
            Self::Suggestion => "suggestion",
        }
    }
}

/// The AWS documentation page a finding rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocPage {
    /// The page's title (and section), as AWS writes it.
    pub title: String,
    /// Its address.
    pub url: String,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $doc_kind:tt;)*) => {
        /// What a finding is about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FindingCode {
            $($(#[$doc])* $variant,)*
        }

        impl FindingCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [FindingCode] = &[$(Self::$variant,)*];

            /// The stable code (`PASS_ROLE_WITH_STAR_IN_RESOURCE`).
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)* }
            }

            /// How serious it is.
            pub fn severity(self) -> FindingSeverity {
                match self { $(Self::$variant => FindingSeverity::$severity,)* }
            }

            /// The AWS page it rests on.
            pub fn doc(self) -> DocPage {
                match self { $(Self::$variant => codes!(@doc $code, $doc_kind),)* }
            }
        }
    };
    (@doc $code:literal, (aa $section:literal $title:literal)) => {
        access_analyzer($section, $title)
    };
    (@doc $code:literal, (page $title:literal $url:literal)) => {
        DocPage { title: $title.to_string(), url: $url.to_string() }
    };
}

const ACCESS_ANALYZER: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

/// A section of "Access Analyzer policy check reference": `section` is Access Analyzer's finding
/// type (`Error`, `General Warning`, `Security Warning`, `Suggestion`), `title` the check's name.
fn access_analyzer(section: &str, title: &str) -> DocPage {
    let anchor: String =
        format!("{section} {title}").to_ascii_lowercase().split_whitespace().collect::<Vec<_>>().join("-");
    DocPage {
        title: format!("Access Analyzer policy check reference: {section} – {title}"),
        url: format!("{ACCESS_ANALYZER}#access-analyzer-reference-policy-checks-{anchor}"),
    }
}

codes! {
    /// The service prefix of an action is no AWS service.
    InvalidServiceInAction = "INVALID_SERVICE_IN_ACTION", Warning, (aa "Error" "Invalid service in action");
    /// The service has no such action.
    InvalidAction = "INVALID_ACTION", Warning, (aa "Error" "Invalid action");
    /// An action wildcard that names no action of the service.
    WildcardMatchesNoAction = "WILDCARD_MATCHES_NO_ACTION", Warning,
        (page "IAM JSON policy elements: Action" "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html");
    /// An `aws:` condition key that does not exist.
    InvalidGlobalConditionKey = "INVALID_GLOBAL_CONDITION_KEY", Warning, (aa "Error" "Invalid global condition key");
    /// A condition key the service does not have.
    InvalidServiceConditionKey = "INVALID_SERVICE_CONDITION_KEY", Warning, (aa "Error" "Invalid service condition key");
    /// A condition key whose prefix is no service.
    InvalidService = "INVALID_SERVICE", Warning, (aa "Error" "Invalid service");
    /// A condition key that some actions of the statement never receive.
    UnsupportedActionForConditionKey = "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", Warning,
        (aa "Error" "Unsupported action for condition key");
    /// A resource ARN that fits no resource type of the statement's actions.
    ResourceMatchesNoAction = "RESOURCE_MATCHES_NO_ACTION", Warning,
        (page "Actions, resources, and condition keys for AWS services" "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html");
    /// `iam:PassRole` on every role.
    PassRoleWithStarInResource = "PASS_ROLE_WITH_STAR_IN_RESOURCE", SecurityWarning,
        (aa "Security Warning" "Pass role with star in resource");
    /// An action wildcard that includes `iam:PassRole`, on every role.
    PassRoleWithStarInActionAndResource = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", SecurityWarning,
        (aa "Security Warning" "Pass role with star in action and resource");
    /// `NotAction` that leaves `iam:PassRole` in, on every role.
    PassRoleWithStarInResourceAndNotAction = "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", SecurityWarning,
        (aa "Security Warning" "Pass role with star in resource and NotAction");
    /// `iam:PassRole` with `NotResource`.
    PassRoleWithNotResource = "PASS_ROLE_WITH_NOT_RESOURCE", SecurityWarning,
        (aa "Security Warning" "Pass role with NotResource");
    /// An action wildcard that includes `iam:PassRole`, with `NotResource`.
    PassRoleWithStarInActionAndNotResource = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", SecurityWarning,
        (aa "Security Warning" "Pass role with star in action and NotResource");
    /// `NotAction` that leaves `iam:PassRole` in, with `NotResource`.
    PassRoleWithNotActionAndNotResource = "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", SecurityWarning,
        (aa "Security Warning" "Pass role with NotAction and NotResource");
    /// `"Principal": "*"` in a role trust policy without a condition.
    RoleTrustPolicyUnsupportedWildcardInPrincipal = "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error,
        (aa "Error" "Role trust policy unsupported wildcard in principal");
    /// `NotPrincipal` in a role trust policy.
    RoleTrustPolicySyntaxErrorNotPrincipal = "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", Error,
        (aa "Error" "Role trust policy syntax error notprincipal");
    /// A federated principal with the wrong AssumeRole action (SAML, OIDC).
    MismatchedActionForPrincipal = "MISMATCHED_ACTION_FOR_PRINCIPAL", Error,
        (aa "Error" "Mismatched action for principal");
    /// An OIDC provider trusted without a condition on its claims.
    MissingConditionKeyForOidcPrincipal = "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", SecurityWarning,
        (aa "Security Warning" "Missing condition key for oidc principal");
    /// GitHub's OIDC provider trusted without a condition on `sub` (the repository).
    MissingGithubRepoConditionKey = "MISSING_GITHUB_REPO_CONDITION_KEY", SecurityWarning,
        (aa "Security Warning" "Missing github repo condition key");
    /// A SAML provider trusted without a condition on `SAML:aud`.
    MissingSamlAudCondition = "MISSING_SAML_AUD_CONDITION", SecurityWarning,
        (page "Create a role for SAML 2.0 federation (console)" "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html");
    /// A wildcard in the GitHub `sub` condition.
    SpecificGithubRepoAndBranchRecommended = "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", Warning,
        (aa "General Warning" "Specific github repo and branch recommended");
    /// `Allow` with `NotPrincipal`.
    AllowWithNotPrincipal = "ALLOW_WITH_NOT_PRINCIPAL", SecurityWarning, (aa "Security Warning" "Allow with NotPrincipal");
    /// A role and one of its sessions named together.
    RedundantPrincipalInRoleTrustPolicy = "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", Suggestion,
        (aa "Suggestion" "Redundant principal in role trust policy");
    /// `ForAllValues` with a key that holds one value.
    ForAllValuesWithSingleValuedKey = "FORALLVALUES_WITH_SINGLE_VALUED_KEY", SecurityWarning,
        (aa "Security Warning" "ForAllValues with single valued key");
    /// A policy without `Version`.
    MissingVersion = "MISSING_VERSION", Warning, (aa "General Warning" "Missing version");
    /// `*` or `?` in a value of an operator that does not read wildcards.
    WildcardWithoutLikeOperator = "WILDCARD_WITHOUT_LIKE_OPERATOR", Warning,
        (aa "General Warning" "Wildcard without like operator");
    /// A statement that another statement already covers.
    RedundantStatement = "REDUNDANT_STATEMENT", Suggestion, (aa "Suggestion" "Redundant statement");
    /// An `Allow` that an unconditional `Deny` of the same policy always overrides.
    StatementShadowedByDeny = "STATEMENT_SHADOWED_BY_DENY", Warning,
        (page "Policy evaluation logic" "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");
    /// An action another pattern of the same list covers.
    RedundantAction = "REDUNDANT_ACTION", Suggestion, (aa "Suggestion" "Redundant action");
    /// A resource another pattern of the same list covers.
    RedundantResource = "REDUNDANT_RESOURCE", Suggestion, (aa "Suggestion" "Redundant resource");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_analyzer_anchors_follow_the_page() {
        assert_eq!(
            FindingCode::PassRoleWithStarInResource.doc().url,
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource"
        );
        assert_eq!(
            FindingCode::ForAllValuesWithSingleValuedKey.doc().url.rsplit('#').next(),
            Some("access-analyzer-reference-policy-checks-security-warning-forallvalues-with-single-valued-key")
        );
        assert!(FindingCode::MissingVersion.doc().url.ends_with("-general-warning-missing-version"));
    }

    #[test]
    fn codes_are_unique_and_screaming_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in FindingCode::ALL {
            assert!(seen.insert(code.code()), "{} twice", code.code());
            assert!(code.code().chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{}", code.code());
        }
    }
}
