//! Every finding code fires on one policy and stays quiet on a near twin, in English and in
//! Japanese, at the range marked `«…»` in the policy text; fixes are applied and re-checked.
//! The vocabulary is the generator's output for the test slice of the npm packages.

use super::*;
use crate::vocabulary::tests::slice;

/// A policy of the current language around `statements`.
fn policy(statements: &str) -> String {
    format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#)
}

const ROLE: &str = "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ";

/// (code, kind, text with `«…»` around the expected range, or without markers: must not fire).
fn cases() -> Vec<(FindingCode, PolicyKind, String)> {
    use FindingCode::*;
    use PolicyKind::{Identity, Resource, Trust};
    let allow =
        |action: &str, resource: &str| format!(r#"{{"Effect":"Allow","Action":{action},"Resource":{resource}}}"#);
    let with_condition = |action: &str, resource: &str, condition: &str| {
        format!(r#"{{"Effect":"Allow","Action":{action},"Resource":{resource},"Condition":{condition}}}"#)
    };
    let not_action =
        |action: &str, resource: &str| format!(r#"{{"Effect":"Allow","NotAction":{action},"Resource":{resource}}}"#);
    let not_resource = |action: &str, resource: &str| format!(r#"{{"Effect":"Allow",{action},{resource}}}"#);
    let trust = |principal: &str, action: &str, condition: &str| {
        let condition = if condition.is_empty() { String::new() } else { format!(r#","Condition":{condition}"#) };
        format!(r#"{{"Effect":"Allow","Principal":{principal},"Action":{action}{condition}}}"#)
    };
    let saml = r#"{"Federated":"arn:aws:iam::111122223333:saml-provider/ExampleIdP"}"#;
    let eks = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";
    let github = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    let gh_aud = r#"{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}"#;
    let passed = r#"{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}"#;
    vec![
        (InvalidServiceInAction, Identity, policy(&allow(r#"«"ec3:RunInstances"»"#, r#""*""#))),
        (InvalidServiceInAction, Identity, policy(&allow(r#""ec2:RunInstances""#, r#""*""#))),
        (InvalidAction, Identity, policy(&allow(r#"«"ec2:RunInstance"»"#, r#""*""#))),
        (InvalidAction, Identity, policy(&allow(r#""ec2:RunInstances""#, r#""*""#))),
        (WildcardMatchesNoAction, Identity, policy(&allow(r#"«"iam:Fly*"»"#, r#""*""#))),
        (WildcardMatchesNoAction, Identity, policy(&allow(r#""iam:Pass*""#, r#""*""#))),
        (
            InvalidGlobalConditionKey,
            Identity,
            policy(&with_condition(r#""s3:GetObject""#, r#""*""#, r#"{"Bool":{«"aws:MultiFactorPresent"»:"true"}}"#)),
        ),
        (
            InvalidGlobalConditionKey,
            Identity,
            policy(&with_condition(r#""s3:GetObject""#, r#""*""#, r#"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#)),
        ),
        (
            InvalidServiceConditionKey,
            Identity,
            policy(&with_condition(
                r#""iam:PassRole""#,
                r#""*""#,
                r#"{"StringEquals":{«"iam:PassedToServices"»:"ec2.amazonaws.com"}}"#,
            )),
        ),
        (InvalidServiceConditionKey, Identity, policy(&with_condition(r#""iam:PassRole""#, r#""*""#, passed))),
        (
            InvalidService,
            Identity,
            policy(&with_condition(r#""s3:GetObject""#, r#""*""#, r#"{"StringEquals":{«"ec3:Region"»:"us-east-1"}}"#)),
        ),
        (
            InvalidService,
            Identity,
            policy(&with_condition(
                r#""s3:GetObject""#,
                r#""*""#,
                r#"{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#,
            )),
        ),
        (
            UnsupportedActionForConditionKey,
            Identity,
            policy(&with_condition(
                r#""s3:GetObject""#,
                r#""arn:aws:s3:::bucket/*""#,
                r#"{"StringEquals":{«"iam:PassedToService"»:"ec2.amazonaws.com"}}"#,
            )),
        ),
        (
            UnsupportedActionForConditionKey,
            Identity,
            policy(&with_condition(r#""iam:PassRole""#, &format!(r#""{ROLE}""#), passed)),
        ),
        (
            ResourceMatchesNoAction,
            Identity,
            policy(&allow(r#""iam:PassRole""#, r#"«"arn:aws:iam::111122223333:user/alice"»"#)),
        ),
        (ResourceMatchesNoAction, Identity, policy(&allow(r#""iam:PassRole""#, &format!(r#""{ROLE}""#)))),
        (PassRoleWithStarInResource, Identity, policy(&allow(r#""iam:PassRole""#, r#"«"*"»"#))),
        (PassRoleWithStarInResource, Identity, policy(&with_condition(r#""iam:PassRole""#, r#""*""#, passed))),
        (PassRoleWithStarInActionAndResource, Identity, policy(&allow(r#""iam:*""#, r#"«"*"»"#))),
        (PassRoleWithStarInActionAndResource, Identity, policy(&allow(r#""iam:Get*""#, r#""*""#))),
        (PassRoleWithStarInResourceAndNotAction, Identity, policy(&not_action(r#""s3:*""#, r#"«"*"»"#))),
        (PassRoleWithStarInResourceAndNotAction, Identity, policy(&not_action(r#""iam:*""#, r#""*""#))),
        (
            PassRoleWithNotResource,
            Identity,
            policy(&not_resource(r#""Action":"iam:PassRole""#, &format!(r#"«"NotResource":"{ROLE}"»"#))),
        ),
        (PassRoleWithNotResource, Identity, policy(&allow(r#""iam:PassRole""#, &format!(r#""{ROLE}""#)))),
        (
            PassRoleWithStarInActionAndNotResource,
            Identity,
            policy(&not_resource(r#""Action":"iam:*""#, &format!(r#"«"NotResource":"{ROLE}"»"#))),
        ),
        (
            PassRoleWithStarInActionAndNotResource,
            Identity,
            policy(&not_resource(r#""Action":"iam:Get*""#, &format!(r#""NotResource":"{ROLE}""#))),
        ),
        (
            PassRoleWithNotActionAndNotResource,
            Identity,
            policy(&not_resource(r#""NotAction":"s3:*""#, &format!(r#"«"NotResource":"{ROLE}"»"#))),
        ),
        (
            PassRoleWithNotActionAndNotResource,
            Identity,
            policy(&not_resource(r#""NotAction":"iam:PassRole""#, &format!(r#""NotResource":"{ROLE}""#))),
        ),
        (RoleTrustPolicyUnsupportedWildcardInPrincipal, Trust, policy(&trust(r#"«"*"»"#, r#""sts:AssumeRole""#, ""))),
        (
            RoleTrustPolicyUnsupportedWildcardInPrincipal,
            Trust,
            policy(&trust(
                r#""*""#,
                r#""sts:AssumeRole""#,
                r#"{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#,
            )),
        ),
        (
            RoleTrustPolicySyntaxErrorNotPrincipal,
            Trust,
            policy(
                r#"{"Effect":"Allow",«"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"}»,"Action":"sts:AssumeRole"}"#,
            ),
        ),
        (
            RoleTrustPolicySyntaxErrorNotPrincipal,
            Trust,
            policy(&trust(r#"{"AWS":"arn:aws:iam::111122223333:root"}"#, r#""sts:AssumeRole""#, "")),
        ),
        (
            MismatchedActionForPrincipal,
            Trust,
            policy(&trust(
                saml,
                r#"«"sts:AssumeRole"»"#,
                r#"{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}"#,
            )),
        ),
        (
            MismatchedActionForPrincipal,
            Trust,
            policy(&trust(
                saml,
                r#""sts:AssumeRoleWithSAML""#,
                r#"{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}"#,
            )),
        ),
        (
            MissingConditionKeyForOidcPrincipal,
            Trust,
            policy(&trust(&format!(r#"{{"Federated":«"{eks}"»}}"#), r#""sts:AssumeRoleWithWebIdentity""#, "")),
        ),
        (
            MissingConditionKeyForOidcPrincipal,
            Trust,
            policy(&trust(
                &format!(r#"{{"Federated":"{eks}"}}"#),
                r#""sts:AssumeRoleWithWebIdentity""#,
                r#"{"StringEquals":{"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub":"system:serviceaccount:default:app"}}"#,
            )),
        ),
        (
            MissingGithubRepoConditionKey,
            Trust,
            policy(&trust(&format!(r#"{{"Federated":«"{github}"»}}"#), r#""sts:AssumeRoleWithWebIdentity""#, gh_aud)),
        ),
        (
            MissingGithubRepoConditionKey,
            Trust,
            policy(&trust(
                &format!(r#"{{"Federated":"{github}"}}"#),
                r#""sts:AssumeRoleWithWebIdentity""#,
                r#"{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:ref:refs/heads/main"}}"#,
            )),
        ),
        (
            MissingSamlAudCondition,
            Trust,
            policy(&trust(
                r#"{"Federated":«"arn:aws:iam::111122223333:saml-provider/ExampleIdP"»}"#,
                r#""sts:AssumeRoleWithSAML""#,
                r#"{"StringEquals":{"SAML:sub":"jane@example.com"}}"#,
            )),
        ),
        (
            MissingSamlAudCondition,
            Trust,
            policy(&trust(
                saml,
                r#""sts:AssumeRoleWithSAML""#,
                r#"{"StringEquals":{"saml:aud":"https://signin.aws.amazon.com/saml"}}"#,
            )),
        ),
        (
            SpecificGithubRepoAndBranchRecommended,
            Trust,
            policy(&trust(
                &format!(r#"{{"Federated":"{github}"}}"#),
                r#""sts:AssumeRoleWithWebIdentity""#,
                r#"{"StringLike":{"token.actions.githubusercontent.com:sub":«"repo:octo-org/*"»}}"#,
            )),
        ),
        (
            SpecificGithubRepoAndBranchRecommended,
            Trust,
            policy(&trust(
                &format!(r#"{{"Federated":"{github}"}}"#),
                r#""sts:AssumeRoleWithWebIdentity""#,
                r#"{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:ref:refs/heads/main"}}"#,
            )),
        ),
        (
            AllowWithNotPrincipal,
            Resource,
            policy(
                r#"{"Effect":"Allow",«"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"}»,"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#,
            ),
        ),
        (
            AllowWithNotPrincipal,
            Resource,
            policy(
                r#"{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#,
            ),
        ),
        (
            RedundantPrincipalInRoleTrustPolicy,
            Trust,
            policy(&trust(
                r#"{"AWS":["arn:aws:iam::111122223333:role/Ops",«"arn:aws:sts::111122223333:assumed-role/Ops/alice"»]}"#,
                r#""sts:AssumeRole""#,
                "",
            )),
        ),
        (
            RedundantPrincipalInRoleTrustPolicy,
            Trust,
            policy(&trust(
                r#"{"AWS":["arn:aws:iam::111122223333:role/Ops","arn:aws:sts::111122223333:assumed-role/Dev/alice"]}"#,
                r#""sts:AssumeRole""#,
                "",
            )),
        ),
        (
            ForAllValuesWithSingleValuedKey,
            Identity,
            policy(&with_condition(
                r#""s3:GetObject""#,
                r#""*""#,
                r#"{"ForAllValues:StringEquals":{«"aws:username"»:["alice","bob"]}}"#,
            )),
        ),
        (
            ForAllValuesWithSingleValuedKey,
            Identity,
            policy(&with_condition(
                r#""iam:TagRole""#,
                r#""*""#,
                r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["team","project"]}}"#,
            )),
        ),
        (MissingVersion, Identity, format!(r#"«{{»"Statement":[{}]}}"#, allow(r#""s3:GetObject""#, r#""*""#))),
        (MissingVersion, Identity, policy(&allow(r#""s3:GetObject""#, r#""*""#))),
        (
            WildcardWithoutLikeOperator,
            Identity,
            policy(&with_condition(r#""s3:GetObject""#, r#""*""#, r#"{"StringEquals":{"aws:username":«"dev-*"»}}"#)),
        ),
        (
            WildcardWithoutLikeOperator,
            Identity,
            policy(&with_condition(r#""s3:GetObject""#, r#""*""#, r#"{"StringLike":{"aws:username":"dev-*"}}"#)),
        ),
        (
            RedundantStatement,
            Identity,
            policy(
                r#"{"Sid":"A","Effect":"Allow","Action":"s3:Get*","Resource":"*"},{"Sid":«"B"»,"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#,
            ),
        ),
        (
            RedundantStatement,
            Identity,
            policy(
                r#"{"Sid":"A","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::other/*"},{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#,
            ),
        ),
        (
            StatementShadowedByDeny,
            Identity,
            policy(
                r#"{"Sid":«"Read"»,"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"Block","Effect":"Deny","Action":"s3:*","Resource":"*"}"#,
            ),
        ),
        (
            StatementShadowedByDeny,
            Identity,
            policy(
                r#"{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"Block","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
            ),
        ),
        (RedundantAction, Identity, policy(&allow(r#"["iam:Get*",«"iam:GetRole"»]"#, r#""*""#))),
        (RedundantAction, Identity, policy(&allow(r#"["iam:GetRole","iam:ListRoles"]"#, r#""*""#))),
        (
            RedundantResource,
            Identity,
            policy(&allow(
                r#""iam:GetRole""#,
                r#"["arn:aws:iam::111122223333:role/jane*",«"arn:aws:iam::111122223333:role/jane-admin"»]"#,
            )),
        ),
        (
            RedundantResource,
            Identity,
            policy(&allow(
                r#""iam:GetRole""#,
                r#"["arn:aws:iam::111122223333:role/jane-admin","arn:aws:iam::111122223333:role/jane-s3only"]"#,
            )),
        ),
    ]
}

/// The text without markers, and the marked range.
fn unmark(text: &str) -> (String, Option<TextRange>) {
    match (text.find('«'), text.find('»')) {
        (Some(start), Some(end)) => {
            let clean = text.replace(['«', '»'], "");
            (clean, Some(TextRange::new(start, end - '«'.len_utf8())))
        }
        _ => (text.to_string(), None),
    }
}

#[test]
fn every_code_fires_at_its_range_and_stays_quiet_on_its_twin() {
    let reference = slice();
    for (code, kind, marked) in cases() {
        let (text, expected) = unmark(&marked);
        for lang in [Lang::En, Lang::Ja] {
            let findings = check(&text, kind, kind.size_quota(), &reference, lang);
            let found: Vec<&Finding> = findings.iter().filter(|f| f.code == FindingSource::Lint(code)).collect();
            match expected {
                Some(range) => {
                    assert_eq!(found.len(), 1, "{} ({lang:?}) should fire once on {text}: {findings:#?}", code.code());
                    let finding = found[0];
                    assert_eq!(finding.range.slice(&text), range.slice(&text), "{} range in {text}", code.code());
                    assert_eq!(finding.severity, code.severity());
                    let first = finding.message.chars().next().unwrap();
                    match lang {
                        Lang::En => {
                            assert!(!first.is_uppercase() && !finding.message.ends_with('.'), "{}", finding.message)
                        }
                        Lang::Ja => {
                            assert!(!finding.message.is_ascii(), "{} in Japanese: {}", code.code(), finding.message)
                        }
                    }
                    assert!(finding.help.is_some(), "{} has a help line", code.code());
                }
                None => assert!(found.is_empty(), "{} ({lang:?}) should not fire on {text}: {found:#?}", code.code()),
            }
        }
    }
}

#[test]
fn every_code_has_a_firing_and_a_quiet_case() {
    let cases = cases();
    for code in FindingCode::ALL {
        let fires = cases.iter().any(|(c, _, t)| c == code && t.contains('«'));
        let quiet = cases.iter().any(|(c, _, t)| c == code && !t.contains('«'));
        assert!(fires && quiet, "{} needs a firing and a quiet case", code.code());
    }
}

/// Apply the fix of the finding with `code` and return the new text.
fn fixed(code: &str, kind: PolicyKind, text: &str) -> String {
    let reference = slice();
    let findings = check(text, kind, kind.size_quota(), &reference, Lang::En);
    let finding =
        findings.iter().find(|f| f.code.code() == code).unwrap_or_else(|| panic!("no {code} in {findings:#?}"));
    let fix = finding.fix.as_ref().unwrap_or_else(|| panic!("{code} offers no fix"));
    let after = fix.apply(text);
    let again = check(&after, kind, kind.size_quota(), &reference, Lang::En);
    assert!(!again.iter().any(|f| f.code.code() == code), "{code} still fires after its fix: {after}");
    assert!(!again.iter().any(|f| f.code.code() == "invalid-json"), "the fix broke the JSON: {after}");
    assert!(crate::parse::parse_policy(&after, kind).policy.is_some(), "the fixed policy does not parse: {after}");
    after
}

#[test]
fn fixes_apply_and_resolve_their_finding() {
    use PolicyKind::{Identity, Trust};
    let statement = |action: &str| policy(&format!(r#"{{"Effect":"Allow","Action":{action},"Resource":"*"}}"#));
    let cases: Vec<(&str, PolicyKind, String, &str)> = vec![
        ("INVALID_ACTION", Identity, statement(r#""ec2:RunInstance""#), r#""Action":"ec2:RunInstances""#),
        ("INVALID_SERVICE_IN_ACTION", Identity, statement(r#""ec3:RunInstances""#), r#""Action":"ec2:RunInstances""#),
        ("REDUNDANT_ACTION", Identity, statement(r#"["iam:Get*", "iam:GetRole"]"#), r#""Action":["iam:Get*"]"#),
        (
            "INVALID_GLOBAL_CONDITION_KEY",
            Identity,
            policy(
                r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorPresent":"true"}}}"#,
            ),
            r#"{"aws:MultiFactorAuthPresent":"true"}"#,
        ),
        (
            "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
            Identity,
            policy(
                r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:username":["a","b"]}}}"#,
            ),
            r#""StringEquals":{"aws:username""#,
        ),
        (
            "WILDCARD_WITHOUT_LIKE_OPERATOR",
            Identity,
            policy(
                r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:username":"dev-*"}}}"#,
            ),
            r#""StringNotLikeIfExists""#,
        ),
        (
            "MISSING_VERSION",
            Identity,
            r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#.into(),
            r#"{"Version": "2012-10-17", "Statement""#,
        ),
        (
            "MISMATCHED_ACTION_FOR_PRINCIPAL",
            Trust,
            policy(
                r#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/ExampleIdP"},"Action":"sts:AssumeRole"}"#,
            ),
            r#""Action":"sts:AssumeRoleWithSAML""#,
        ),
        (
            "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
            Trust,
            policy(
                r#"{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/Ops", "arn:aws:sts::111122223333:assumed-role/Ops/alice"]},"Action":"sts:AssumeRole"}"#,
            ),
            r#"{"AWS":["arn:aws:iam::111122223333:role/Ops"]}"#,
        ),
        // Federated trust policies: the condition goes in a new `Condition`, a new operator
        // block, or the operator block already there.
        (
            "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
            Trust,
            policy(
                r#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}"#,
            ),
            r#""sts:AssumeRoleWithWebIdentity","Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}"#,
        ),
        (
            "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
            Trust,
            policy(
                r#"{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"aws:PrincipalTag/team":"*"}}}"#,
            ),
            r#""Condition":{"StringEquals": {"accounts.google.com:aud": "CLIENT_ID"},"StringLike""#,
        ),
        (
            "MISSING_GITHUB_REPO_CONDITION_KEY",
            Trust,
            policy(
                r#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}"#,
            ),
            r#""Condition":{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:OWNER/REPO:*"},"StringEquals""#,
        ),
        (
            "MISSING_SAML_AUD_CONDITION",
            Trust,
            policy(
                r#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/ExampleIdP"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:sub":"jane@example.com"}}}"#,
            ),
            r#"{"StringEquals":{"SAML:aud": "https://signin.aws.amazon.com/saml","SAML:sub""#,
        ),
        // `parse`'s diagnostics get fixes too.
        (
            "iam-assume-role-in-trust",
            Trust,
            policy(r#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"iam:AssumeRole"}"#),
            r#""Action":"sts:AssumeRole""#,
        ),
        (
            "unknown-element",
            Identity,
            policy(r#"{"Efect":"Allow","Action":"s3:GetObject","Resource":"*"}"#),
            r#"{"Effect":"Allow""#,
        ),
        (
            "invalid-effect",
            Identity,
            policy(r#"{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}"#),
            r#"{"Effect":"Allow""#,
        ),
        (
            "unknown-operator",
            Identity,
            policy(
                r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEqual":{"aws:TagKeys":"a"}}}"#,
            ),
            r#""ForAnyValue:StringEquals""#,
        ),
    ];
    for (code, kind, text, expected) in cases {
        let after = fixed(code, kind, &text);
        assert!(after.contains(expected), "{code}: `{expected}` not in {after}");
    }
}

/// A federated trust policy as the console lays it out: the condition a fix adds is laid out
/// the same way, and the policy still parses without a diagnostic.
#[test]
fn federated_trust_fixes_keep_the_layout() {
    let text = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Principal\": {\n                \"Federated\": \"arn:aws:iam::111122223333:saml-provider/ExampleIdP\"\n            },\n            \"Action\": \"sts:AssumeRoleWithSAML\"\n        }\n    ]\n}";
    let after = fixed("MISSING_SAML_AUD_CONDITION", PolicyKind::Trust, text);
    assert!(
        after.contains("\"sts:AssumeRoleWithSAML\",\n            \"Condition\": {\"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"}}\n        }"),
        "{after}"
    );
    let parsed = crate::parse::parse_policy(&after, PolicyKind::Trust);
    assert!(parsed.policy.is_some() && parsed.diagnostics.is_empty(), "{after}: {:?}", parsed.diagnostics);
    let pretty = after.replace(
        "{\"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"}}",
        "{\n                \"StringEquals\": {\n                    \"SAML:sub\": \"jane\"\n                }\n            }",
    );
    let github = pretty
        .replace("saml-provider/ExampleIdP", "oidc-provider/token.actions.githubusercontent.com")
        .replace("sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity")
        .replace("SAML:sub", "token.actions.githubusercontent.com:aud");
    let after = fixed("MISSING_GITHUB_REPO_CONDITION_KEY", PolicyKind::Trust, &github);
    assert!(after.contains("\"Condition\": {\n                \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:OWNER/REPO:*\"},\n                \"StringEquals\""), "{after}");
    let saml = fixed("MISSING_SAML_AUD_CONDITION", PolicyKind::Trust, &pretty);
    assert!(saml.contains("\"StringEquals\": {\n                    \"SAML:aud\": \"https://signin.aws.amazon.com/saml\",\n                    \"SAML:sub\""), "{saml}");
    // A `Condition` with no clause gets no fix: a second `Condition` would be a duplicate key.
    let empty = pretty.replace("{\n                \"StringEquals\": {\n                    \"SAML:sub\": \"jane\"\n                }\n            }", "{}");
    let findings = check(&empty, PolicyKind::Trust, PolicyKind::Trust.size_quota(), &slice(), Lang::En);
    let finding = findings.iter().find(|f| f.code.code() == "MISSING_SAML_AUD_CONDITION");
    assert!(finding.is_some_and(|f| f.fix.is_none()), "{empty}: {findings:#?}");
}

#[test]
fn check_keeps_parse_errors_and_drops_restated_warnings() {
    let reference = slice();
    let text = r#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Principal":"*"}]}"#;
    let findings = check(text, PolicyKind::Identity, 6_144, &reference, Lang::En);
    let codes: Vec<&str> = findings.iter().map(|f| f.code.code()).collect();
    assert!(codes.contains(&"principal-not-allowed"), "{codes:?}");
    assert!(codes.contains(&"MISSING_VERSION") && !codes.contains(&"missing-version"), "{codes:?}");
    assert!(codes.contains(&"PASS_ROLE_WITH_STAR_IN_RESOURCE"), "{codes:?}");
    assert!(findings.iter().any(Finding::is_error));
    assert!(findings.windows(2).all(|w| w[0].range.start <= w[1].range.start), "in text order");
    // Without a reference, only the vocabulary checks are skipped.
    let without = check(text, PolicyKind::Identity, 6_144, &crate::vocabulary::ServiceReference::default(), Lang::En);
    assert!(without.iter().any(|f| f.code.code() == "PASS_ROLE_WITH_STAR_IN_RESOURCE"));
    let typo = policy(r#"{"Effect":"Allow","Action":"ec2:RunInstance","Resource":"*"}"#);
    assert!(
        check(&typo, PolicyKind::Identity, 6_144, &crate::vocabulary::ServiceReference::default(), Lang::En).is_empty()
    );
}

#[test]
fn the_story_policies_of_the_articles_are_clean() {
    // The seed articles' policies: the role's trust policy for EC2 and the user's scoped PassRole.
    let reference = slice();
    let trust = policy(r#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#);
    assert_eq!(check(&trust, PolicyKind::Trust, 2_048, &reference, Lang::En), []);
    let user = policy(
        r#"{"Effect":"Allow","Action":["iam:GetRole","iam:PassRole"],"Resource":"arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-*"},
           {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"},"StringLike":{"iam:AssociatedResourceARN":["arn:aws:ec2:us-east-1:111122223333:instance/*","arn:aws:ec2:us-west-1:111122223333:instance/*"]}}}"#,
    );
    assert_eq!(check(&user, PolicyKind::Identity, 6_144, &reference, Lang::En), []);
}

// "IAM JSON policy elements: Principal": AWS refuses an identity-based policy with a principal,
// and the finding carries AWS's own answer beside Omen's message.
#[test]
fn a_save_time_error_carries_aws_answer() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#;
    let findings =
        check(text, PolicyKind::Identity, PolicyKind::Identity.size_quota(), &ServiceReference::default(), Lang::En);
    let error = findings.iter().find(|f| f.code.code() == "principal-not-allowed").expect("principal-not-allowed");
    let refusal = error.refusal.as_ref().expect("a refusal");
    assert_eq!(refusal.aws_text(), "MalformedPolicyDocument: Policy document should not specify a principal.");
    // A finding of lint's own is no refusal.
    assert!(findings.iter().filter(|f| matches!(f.code, FindingSource::Lint(_))).all(|f| f.refusal.is_none()));
}

// A save-time error listed beside the findings speaks the findings' language, its quick fix too;
// AWS's own answer stays in AWS's words.
#[test]
fn parse_errors_speak_the_findings_language() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Efect":"Allow","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#;
    let quota = PolicyKind::Identity.size_quota();
    let findings = check(text, PolicyKind::Identity, quota, &ServiceReference::default(), Lang::Ja);
    let principal = findings.iter().find(|f| f.code.code() == "principal-not-allowed").expect("principal-not-allowed");
    assert_eq!(principal.message, "アイデンティティベースのポリシーには `Principal` を書けません");
    let refusal = principal.refusal.as_ref().map(Refusal::aws_text).unwrap_or_default();
    assert_eq!(refusal, "MalformedPolicyDocument: Policy document should not specify a principal.");
    let misspelled = findings.iter().find(|f| f.code.code() == "unknown-element").expect("unknown-element");
    assert_eq!(misspelled.help.as_deref(), Some("`Effect` のことですか？"));
    assert_eq!(misspelled.fix.as_ref().map(|fix| fix.title.as_str()), Some("`Effect` に置き換え"));
}
