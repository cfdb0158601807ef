//! Amazon Resource Names, parsed once: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, the
//! resource split into its type, path and name ("IAM identifiers", IAM User Guide; "Amazon
//! Resource Names (ARNs)", AWS General Reference).
//!
//! ```
//! use omen_core::Arn;
//! let arn = Arn::parse("arn:aws:iam::111122223333:role/service-role/Deploy").unwrap();
//! assert_eq!((arn.service, arn.account_id(), arn.resource_type()), ("iam", Some("111122223333"), "role"));
//! assert_eq!((arn.path(), arn.name()), ("/service-role/", "Deploy"));
//! ```

use std::fmt;

/// An ARN, borrowed from the text it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`, ….
    pub partition: &'a str,
    /// The service namespace: `iam`, `sts`, `s3`, `ec2`, ….
    pub service: &'a str,
    /// The region; empty for global services such as IAM and for S3 buckets.
    pub region: &'a str,
    /// The account field as written; empty for S3 buckets, `aws` for AWS managed policies.
    pub account: &'a str,
    /// Everything after the fifth colon: `role/path/NAME`, `instance/i-…`, `function:NAME`, `root`.
    pub resource: &'a str,
}

/// Why a text is not an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArnError {
    /// The text does not start with `arn:`.
    NotAnArn(String),
    /// Fewer than six colon-separated fields.
    MissingFields(String),
}

impl ArnError {
    /// What is wrong, in a diagnostic's words (lowercase, no final period, the input in backticks).
    pub fn message(&self) -> String {
        match self {
            Self::NotAnArn(text) => format!("`{text}` is not an ARN"),
            Self::MissingFields(text) => format!("`{text}` is not a valid ARN: it has fewer than six fields"),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        "an ARN reads `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, e.g. `arn:aws:iam::111122223333:role/NAME`"
    }
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ArnError {}

impl<'a> Arn<'a> {
    /// Read `text` as an ARN. Only the shape is checked: six fields, the first `arn`.
    pub fn parse(text: &'a str) -> Result<Self, ArnError> {
        let mut fields = text.splitn(6, ':');
        if fields.next() != Some("arn") {
            return Err(ArnError::NotAnArn(text.to_string()));
        }
        match (fields.next(), fields.next(), fields.next(), fields.next(), fields.next()) {
            (Some(partition), Some(service), Some(region), Some(account), Some(resource)) => {
                Ok(Self { partition, service, region, account, resource })
            }
            _ => Err(ArnError::MissingFields(text.to_string())),
        }
    }

    /// The account when the account field is a 12-digit account id.
    pub fn account_id(&self) -> Option<&'a str> {
        is_account_id(self.account).then_some(self.account)
    }

    /// The resource type: `role` in `role/path/NAME`, `function` in `function:NAME`, the whole
    /// resource when it has no separator (`root`).
    pub fn resource_type(&self) -> &'a str {
        match self.resource.find(['/', ':']) {
            Some(at) => self.resource.get(..at).unwrap_or_default(),
            None => self.resource,
        }
    }

    /// The resource after its type and separator: `path/NAME` in `role/path/NAME`.
    pub fn resource_id(&self) -> &'a str {
        match self.resource.find(['/', ':']) {
            Some(at) => self.resource.get(at + 1..).unwrap_or_default(),
            None => "",
        }
    }

    /// The path of an IAM user, role or policy, `/` when it has none: `/service-role/` in
    /// `role/service-role/NAME`.
    pub fn path(&self) -> &'a str {
        let id = self.resource_id();
        match id.rfind('/') {
            // From the type's separator to the last slash of the id, both included.
            Some(last) => {
                let start = self.resource_type().len();
                self.resource.get(start..=start + 1 + last).unwrap_or("/")
            }
            None => "/",
        }
    }

    /// The last segment of the resource: the name of a user, role or policy (without the path),
    /// the id of an instance, the name of a function.
    pub fn name(&self) -> &'a str {
        let id = self.resource_id();
        let id = if id.is_empty() { self.resource } else { id };
        id.rsplit('/').next().unwrap_or(id)
    }

    /// `(ROLE, SESSION)` of a role session, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    pub fn assumed_role(&self) -> Option<(&'a str, &'a str)> {
        if self.service != "sts" || self.resource_type() != "assumed-role" {
            return None;
        }
        let (role, session) = self.resource_id().split_once('/')?;
        (!role.is_empty() && !session.is_empty()).then_some((role, session))
    }

    /// `NAME` when this is an IAM ARN of resource type `kind` (`user`, `role`, `policy`, …).
    pub fn iam_name(&self, kind: &str) -> Option<&'a str> {
        (self.service == "iam" && self.resource_type() == kind && !self.name().is_empty()).then(|| self.name())
    }
}

impl fmt::Display for Arn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "arn:{}:{}:{}:{}:{}", self.partition, self.service, self.region, self.account, self.resource)
    }
}

/// Whether `text` is a 12-digit account id.
pub fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The 12-digit account of an ARN, if it is one and names one.
pub fn account_of(text: &str) -> Option<&str> {
    Arn::parse(text).ok().and_then(|arn| arn.account_id())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ARNs from "IAM identifiers" and the services' references, with what each part must read.
    #[test]
    fn splits_arns_as_iam_identifiers_describes() {
        let cases = [
            // text, service, region, account id, type, path, name
            ("arn:aws:iam::123456789012:user/JohnDoe", "iam", "", Some("123456789012"), "user", "/", "JohnDoe"),
            (
                "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe",
                "iam",
                "",
                Some("123456789012"),
                "user",
                "/division_abc/subdivision_xyz/",
                "JaneDoe",
            ),
            ("arn:aws:iam::123456789012:role/S3Access", "iam", "", Some("123456789012"), "role", "/", "S3Access"),
            ("arn:aws:iam::123456789012:root", "iam", "", Some("123456789012"), "root", "/", "root"),
            ("arn:aws:iam::aws:policy/AdministratorAccess", "iam", "", None, "policy", "/", "AdministratorAccess"),
            (
                "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc",
                "ec2",
                "us-east-1",
                Some("123456789012"),
                "instance",
                "/",
                "i-0abc",
            ),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:my-function",
                "lambda",
                "us-east-1",
                Some("123456789012"),
                "function",
                "/",
                "my-function",
            ),
            ("arn:aws:s3:::amzn-s3-demo-bucket/key/a.txt", "s3", "", None, "amzn-s3-demo-bucket", "/key/", "a.txt"),
        ];
        for (text, service, region, account, kind, path, name) in cases {
            let arn = Arn::parse(text).unwrap();
            assert_eq!(
                (arn.service, arn.region, arn.account_id(), arn.resource_type(), arn.path(), arn.name()),
                (service, region, account, kind, path, name),
                "{text}"
            );
            assert_eq!(arn.to_string(), text);
        }
    }

    #[test]
    fn refuses_what_is_not_an_arn() {
        assert_eq!(Arn::parse("ec2.amazonaws.com"), Err(ArnError::NotAnArn("ec2.amazonaws.com".into())));
        assert_eq!(Arn::parse("arn:aws:iam"), Err(ArnError::MissingFields("arn:aws:iam".into())));
        assert!(ArnError::NotAnArn("x".into()).message().starts_with("`x` is not"));
        assert_eq!(account_of("arn:aws:iam::111122223333:user/a"), Some("111122223333"));
        assert_eq!(account_of("arn:aws:iam::aws:policy/P"), None);
        assert_eq!(account_of("x"), None);
        assert_eq!(Arn::parse("arn:aws:iam::1:role/a/R").unwrap().iam_name("role"), Some("R"));
        let session = Arn::parse("arn:aws:sts::123456789012:assumed-role/Accounting-Role/Mary").unwrap();
        assert_eq!(session.assumed_role(), Some(("Accounting-Role", "Mary")));
        assert_eq!(Arn::parse("arn:aws:sts::1:assumed-role/R").unwrap().assumed_role(), None);
        assert_eq!(Arn::parse("arn:aws:iam::1:user/R").unwrap().iam_name("role"), None);
    }
}
