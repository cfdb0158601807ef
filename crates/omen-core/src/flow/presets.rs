//! The seed stories as ready-made worlds, for the web app's menu: each is a [`super::World`] in
//! JSON, embedded at build time from `crates/omen-core/presets/` (by `build.rs`, which attaches
//! the AWS managed policies they name by ARN from the managed-policy catalogue's npm package).

use serde::Serialize;

/// A ready-made world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    /// A stable id, also the file name.
    pub id: &'static str,
    /// The title in English.
    pub title_en: &'static str,
    /// The title in Japanese.
    pub title_ja: &'static str,
    /// The world, as JSON.
    pub world_json: &'static str,
}

macro_rules! preset {
    ($id:literal, $en:literal, $ja:literal) => {
        Preset {
            id: $id,
            title_en: $en,
            title_ja: $ja,
            world_json: include_str!(concat!(env!("OUT_DIR"), "/presets/", $id, ".json")),
        }
    };
}

const PRESETS: [Preset; 23] = [
    preset!(
        "ec2-full-access-without-passrole",
        "EC2 launch with only AmazonEC2FullAccess: PassRole is missing",
        "AmazonEC2FullAccess だけで EC2 を起動: PassRole が足りない"
    ),
    preset!("ec2-passrole-exact-role", "PassRole on exactly one role", "特定の 1 つのロールだけに PassRole"),
    preset!(
        "ec2-passrole-prefix",
        "PassRole on roles named EC2-roles-for-XYZ-*",
        "EC2-roles-for-XYZ-* という名前のロールに PassRole"
    ),
    preset!(
        "ec2-passrole-passed-to-service",
        "PassRole only to EC2, only for instances in us-east-1 and us-west-1",
        "EC2 にだけ、us-east-1 と us-west-1 のインスタンスにだけ PassRole"
    ),
    preset!(
        "ec2-passrole-wrong-region",
        "The same policy, an instance in eu-west-1: denied",
        "同じポリシーで eu-west-1 のインスタンス: 拒否"
    ),
    preset!(
        "rds-enhanced-monitoring",
        "RDS Enhanced Monitoring: pass a role to monitoring.rds.amazonaws.com",
        "RDS 拡張モニタリング: monitoring.rds.amazonaws.com にロールを渡す"
    ),
    preset!(
        "ecs-task-role",
        "ECS task role: PassRole, then ECS puts the mask on",
        "ECS タスクロール: PassRole の後 ECS がお面をかぶる"
    ),
    preset!(
        "lambda-trust-wrong",
        "Lambda with a role that does not trust Lambda",
        "Lambda を信頼していないロールで Lambda 関数を作る"
    ),
    preset!(
        "passrole-escalation",
        "Passing a role with AdministratorAccess: the escalation PassRole guards",
        "AdministratorAccess 付きのロールを渡す: PassRole が防ぐ権限昇格"
    ),
    preset!(
        "cross-account-passrole",
        "Passing a role from another account: refused",
        "別アカウントのロールを渡す: できない"
    ),
    preset!(
        "autoscaling-service-linked-role",
        "Auto Scaling with its service-linked role by default: no PassRole needed",
        "Auto Scaling が既定でサービスにリンクされたロールを使う: PassRole 不要"
    ),
    preset!(
        "console-switch-role",
        "Console switch role from account 999999999999 to 000000000000",
        "コンソールでアカウント 999999999999 から 000000000000 へスイッチロール"
    ),
    preset!(
        "role-chaining",
        "Role chaining: user → role A → role B, with transitive tags and a source identity",
        "ロールの連鎖: ユーザー → ロール A → ロール B (推移的タグとソース ID)"
    ),
    preset!(
        "cross-account-assume-role",
        "Cross-account AssumeRole: both sides must allow",
        "クロスアカウントの AssumeRole: 両側の許可が必要"
    ),
    preset!(
        "external-id",
        "A third party assumes a role with an ExternalId",
        "サードパーティが ExternalId 付きでロールを引き受ける"
    ),
    preset!("mfa-required", "A role that requires MFA", "MFA を要求するロール"),
    preset!(
        "service-assumes-role",
        "An AWS service puts on the mask: EC2 assumes an instance role",
        "AWS サービスがお面をかぶる: EC2 がインスタンスロールを引き受ける"
    ),
    preset!(
        "github-actions-deploy-role",
        "GitHub Actions deploys with OIDC: the deploy role done right",
        "GitHub Actions が OIDC でデプロイ: 正しく作ったデプロイ用ロール"
    ),
    preset!(
        "github-actions-any-repository",
        "A GitHub deploy role with no sub condition: any repository can deploy",
        "sub の条件がない GitHub デプロイ用ロール: どのリポジトリからでもデプロイできる"
    ),
    preset!(
        "github-actions-organization-wildcard",
        "A GitHub deploy role trusting repo:my-org/*: any repository of the organization can deploy",
        "repo:my-org/* を信頼する GitHub デプロイ用ロール: 組織のどのリポジトリからでもデプロイできる"
    ),
    preset!(
        "github-actions-pull-request-refused",
        "A pull-request workflow refused by the deploy role's branch condition",
        "プルリクエストのワークフローがデプロイ用ロールのブランチ条件で拒否される"
    ),
    preset!(
        "cognito-authenticated-role",
        "A Cognito identity pool's authenticated role (amr)",
        "Cognito ID プールの認証済みロール (amr)"
    ),
    preset!(
        "saml-console-sign-in",
        "A corporate IdP signs in to the console with SAML",
        "社内 IdP から SAML でコンソールにサインイン"
    ),
];

/// Every preset, in menu order.
pub fn presets() -> Vec<Preset> {
    PRESETS.to_vec()
}

/// The preset with this id.
pub fn preset(id: &str) -> Option<Preset> {
    PRESETS.iter().find(|p| p.id == id).copied()
}

/// `world_json` (a story's world) with the AWS managed policies it attaches by reference filled
/// in from the catalogue — `ReadOnlyAccess`, too large to be written into a story — as the page
/// and `omen` play it.
#[cfg(test)]
pub(crate) fn filled_in(world_json: &str) -> serde_json::Value {
    use crate::vocabulary::{attach_managed_policies, ManagedCatalogue, ManagedPolicies, ServiceReference};
    thread_local! {
        static CATALOGUE: (ServiceReference, ManagedPolicies) = (
            ServiceReference::parse(omen_catalogue::SERVICE_REFERENCE).unwrap(),
            ManagedPolicies::parse(omen_catalogue::MANAGED_POLICIES).unwrap(),
        );
    }
    let mut world: serde_json::Value = serde_json::from_str(world_json).unwrap();
    let problems = CATALOGUE.with(|(reference, policies)| {
        attach_managed_policies(&mut world, Some(ManagedCatalogue { policies, reference }))
    });
    assert!(problems.is_empty(), "{problems:?}");
    world
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{play, World};

    #[test]
    fn every_preset_is_a_playable_world() {
        for preset in presets() {
            let json = filled_in(preset.world_json).to_string();
            let world = World::from_json(&json).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            let result = play(&world);
            assert!(!result.steps.is_empty(), "{} has no steps", preset.id);
            let errors: Vec<_> = result.diagnostics.iter().filter(|d| d.diagnostic.is_error()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", preset.id);
        }
    }

    // "AWS managed policies": a story attaches ReadOnlyAccess by its ARN, without a document
    // (about 91 KB: too large for the page's first load); the small ones are written in.
    #[test]
    fn a_large_aws_managed_policy_stays_a_reference() {
        for id in ["cross-account-assume-role", "console-switch-role", "external-id"] {
            let world: serde_json::Value = serde_json::from_str(preset(id).unwrap().world_json).unwrap();
            let references = crate::vocabulary::references_in(&world);
            assert_eq!(references, [("/roles/0/policies/0".into(), "arn:aws:iam::aws:policy/ReadOnlyAccess".into())]);
            assert_eq!(world["roles"][0]["policies"][0]["name"], "ReadOnlyAccess", "{id}");
            let filled = filled_in(preset(id).unwrap().world_json);
            let document = filled["roles"][0]["policies"][0]["document"].to_string();
            assert!(document.len() > 50_000, "{id}: {} bytes", document.len());
        }
        let first: serde_json::Value = serde_json::from_str(presets()[0].world_json).unwrap();
        assert_eq!(crate::vocabulary::references_in(&first), []);
        assert_eq!(first["users"][0]["policies"][0]["name"], "AmazonEC2FullAccess");
    }
}
