//! The [`PolicySet`] one request is evaluated against, assembled from the world's parsed
//! documents, remembering where each policy came from so that results can point into the world.

use crate::evaluate::PolicyRefusal;
use crate::evaluate::{AttachedPolicy, PolicyId, PolicySet};
use crate::policy::PolicyKind;
use crate::world::{Located, ParsedAccount, PolicyLocation};
use serde::Serialize;

/// Where a policy of an evaluation came from, so the UI can open and highlight it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicySource {
    /// The policy as the evaluation's response names it.
    #[serde(flatten)]
    pub id: PolicyId,
    /// Whose policy it is: a user or role ARN, or an account for SCPs and RCPs.
    pub owner: String,
    /// Where it lives in the world.
    pub location: PolicyLocation,
    /// The JSON pointer of its document in the world.
    pub pointer: String,
}

/// Assembles a [`PolicySet`] and remembers where each policy came from.
#[derive(Debug, Clone, Default)]
pub struct SetBuilder {
    /// The policies.
    pub set: PolicySet,
    /// Their sources, one for each attached policy.
    pub sources: Vec<PolicySource>,
    /// The attached policies AWS would refuse to save, in the order attached.
    pub refused: Vec<PolicyRefusal>,
}

impl SetBuilder {
    fn attach(
        &mut self,
        located: &Located,
        kind: PolicyKind,
        index: usize,
        level: Option<usize>,
        owner: &str,
    ) -> Option<AttachedPolicy> {
        let policy = located.policy.clone()?;
        let id = PolicyId { kind, index, level, name: located.name.clone() };
        if let Some(diagnostic) = &located.refusal {
            self.refused.extend(PolicyRefusal::from_diagnostic(&id, diagnostic));
        }
        self.sources.push(PolicySource {
            id: id.clone(),
            owner: owner.to_string(),
            location: located.location.clone(),
            pointer: located.pointer.clone(),
        });
        Some(AttachedPolicy { id, policy })
    }

    /// Add identity-based policies.
    pub fn identity<'l>(&mut self, policies: impl IntoIterator<Item = &'l Located>, owner: &str) {
        for located in policies {
            let index = self.set.identity.len();
            if let Some(attached) = self.attach(located, PolicyKind::Identity, index, None, owner) {
                self.set.identity.push(attached);
            }
        }
    }

    /// Set the permissions boundary.
    pub fn boundary(&mut self, located: Option<&Located>, owner: &str) {
        if let Some(located) = located {
            self.set.permissions_boundary = self.attach(located, PolicyKind::PermissionsBoundary, 0, None, owner);
        }
    }

    /// Add a session policy.
    pub fn session(&mut self, located: Option<&Located>, owner: &str) {
        if let Some(located) = located {
            let index = self.set.session.len();
            if let Some(attached) = self.attach(located, PolicyKind::Session, index, None, owner) {
                self.set.session.push(attached);
            }
        }
    }

    /// Set the resource-based policy (a trust policy for `sts:AssumeRole`).
    pub fn resource(&mut self, located: Option<&Located>, owner: &str) {
        if let Some(located) = located {
            self.set.resource = self.attach(located, located.kind, 0, None, owner);
        }
    }

    /// Add the caller's SCPs (when its account is in an organization).
    pub fn scps(&mut self, account: Option<&ParsedAccount>) {
        let Some(account) = account else {
            return;
        };
        if let Some(levels) = &account.scps {
            let owner = format!("account {}", account.id);
            let mut built = Vec::new();
            for (level, policies) in levels.iter().enumerate() {
                let mut attached = Vec::new();
                for (index, located) in policies.iter().enumerate() {
                    attached.extend(self.attach(located, PolicyKind::Scp, index, Some(level), &owner));
                }
                built.push(attached);
            }
            self.set.scps = Some(built);
        }
        if self.set.management_account.is_none() {
            self.set.management_account = account.management_account.clone();
        }
    }

    /// Add the resource account's RCPs.
    pub fn rcps(&mut self, account: Option<&ParsedAccount>) {
        let Some(account) = account else {
            return;
        };
        if let Some(levels) = &account.rcps {
            let owner = format!("account {}", account.id);
            let mut built = Vec::new();
            for (level, policies) in levels.iter().enumerate() {
                let mut attached = Vec::new();
                for (index, located) in policies.iter().enumerate() {
                    attached.extend(self.attach(located, PolicyKind::Rcp, index, Some(level), &owner));
                }
                built.push(attached);
            }
            self.set.rcps = Some(built);
        }
        if self.set.management_account.is_none() {
            self.set.management_account = account.management_account.clone();
        }
    }

    /// The source of the policy a response names.
    pub fn source_of(&self, id: &PolicyId) -> Option<&PolicySource> {
        self.sources.iter().find(|s| s.id.kind == id.kind && s.id.index == id.index && s.id.level == id.level)
    }
}
