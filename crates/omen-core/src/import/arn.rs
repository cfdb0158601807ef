//! IAM resource ARNs as the exports print them — `arn:PARTITION:iam::ACCOUNT:TYPE/PATH/NAME`
//! ("IAM identifiers", ARN section) — read once into their parts, on top of the crate's one ARN
//! reader ([`Arn`]).

use crate::arn::Arn;

/// An IAM ARN, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamArn {
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    pub partition: String,
    /// The 12-digit account, or `aws` for AWS managed policies.
    pub account: String,
    /// `user`, `group`, `role`, `policy`, `instance-profile`, …
    pub resource_type: String,
    /// The path, `/` or `/…/`.
    pub path: String,
    /// The name (after the last `/`).
    pub name: String,
}

impl IamArn {
    /// Split `arn`, or `None` when it is not an IAM ARN with an account and a typed resource.
    pub fn parse(arn: &str) -> Option<Self> {
        let parsed = Arn::parse(arn).ok()?;
        let resource_type = parsed.resource_type();
        let typed = parsed.resource.get(resource_type.len()..).is_some_and(|rest| rest.starts_with('/'));
        let account_ok = parsed.account == "aws" || parsed.account_id().is_some();
        let name = parsed.name();
        if parsed.service != "iam"
            || !parsed.region.is_empty()
            || parsed.partition.is_empty()
            || !account_ok
            || !typed
            || resource_type.is_empty()
            || name.is_empty()
        {
            return None;
        }
        Some(Self {
            partition: parsed.partition.to_string(),
            account: parsed.account.to_string(),
            resource_type: resource_type.to_string(),
            path: parsed.path().to_string(),
            name: name.to_string(),
        })
    }

    /// Whether this is the ARN of an AWS managed policy.
    pub fn is_aws_managed_policy(&self) -> bool {
        self.account == "aws" && self.resource_type == "policy"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_iam_arns() {
        let cases = [
            (
                "arn:aws:iam::111122223333:role/service-role/team/Deploy",
                Some(("aws", "111122223333", "role", "/service-role/team/", "Deploy")),
            ),
            (
                "arn:aws-cn:iam::aws:policy/AmazonEC2FullAccess",
                Some(("aws-cn", "aws", "policy", "/", "AmazonEC2FullAccess")),
            ),
            (
                "arn:aws:iam::111122223333:instance-profile/web",
                Some(("aws", "111122223333", "instance-profile", "/", "web")),
            ),
            ("arn:aws:iam::111122223333:root", None),
            ("arn:aws:s3:::bucket/key", None),
            ("arn:aws:iam::1234:user/short-account", None),
            ("arn:aws:iam::111122223333:user/", None),
        ];
        for (text, expected) in cases {
            let parsed = IamArn::parse(text);
            let got = parsed.as_ref().map(|a| {
                (a.partition.as_str(), a.account.as_str(), a.resource_type.as_str(), a.path.as_str(), a.name.as_str())
            });
            assert_eq!(got, expected, "{text}");
        }
    }
}
