//! IAM resource ARNs as the exports print them — `arn:PARTITION:iam::ACCOUNT:TYPE/PATH/NAME`
//! ("IAM identifiers", ARN section) — read once into their parts.

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
        let mut parts = arn.splitn(6, ':');
        let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let account_ok = account == "aws" || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()));
        if partition.is_empty() || !account_ok {
            return None;
        }
        let (resource_type, rest) = resource.split_once('/')?;
        let (path, name) = match rest.rsplit_once('/') {
            Some((path, name)) => (format!("/{path}/"), name),
            None => ("/".to_string(), rest),
        };
        if resource_type.is_empty() || name.is_empty() {
            return None;
        }
        Some(Self {
            partition: partition.to_string(),
            account: account.to_string(),
            resource_type: resource_type.to_string(),
            path,
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
