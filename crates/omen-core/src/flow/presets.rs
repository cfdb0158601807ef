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

const PRESETS: [Preset; 20] = [
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{play, World};

    #[test]
    fn every_preset_is_a_playable_world() {
        for preset in presets() {
            let world = World::from_json(preset.world_json).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            let result = play(&world);
            assert!(!result.steps.is_empty(), "{} has no steps", preset.id);
            let errors: Vec<_> = result.diagnostics.iter().filter(|d| d.diagnostic.is_error()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", preset.id);
        }
    }
}
