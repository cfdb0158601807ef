//! "Who must allow?": rewrite the principal a trust or resource policy names — the user's ARN,
//! the account root, the role's ARN, a session's ARN — play the world again, and say which
//! policies then have to allow ("Policy evaluation logic", resource-based policies; "Session
//! policies"; "Cross-account policy evaluation logic"; "Update a role trust policy").

use super::adapter::{play_world, Lang, Text, Verdict};
use super::world::{account_of, document_value, find, role};
use serde::Serialize;
use serde_json::Value;

/// How a policy names the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalForm {
    /// The IAM user's own ARN.
    UserArn,
    /// The account: `arn:aws:iam::ACCOUNT:root`.
    AccountRoot,
    /// The role's ARN, for a caller wearing that role.
    RoleArn,
    /// The role session's ARN, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    SessionArn,
}

impl PrincipalForm {
    /// The form in words.
    pub fn words(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Self::UserArn) => "the user's ARN",
            (Lang::En, Self::AccountRoot) => "the account (root)",
            (Lang::En, Self::RoleArn) => "the role's ARN",
            (Lang::En, Self::SessionArn) => "the session's ARN",
            (Lang::Ja, Self::UserArn) => "ユーザーの ARN",
            (Lang::Ja, Self::AccountRoot) => "アカウント (root)",
            (Lang::Ja, Self::RoleArn) => "ロールの ARN",
            (Lang::Ja, Self::SessionArn) => "セッションの ARN",
        }
    }
}

/// A kind of policy that may have to allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Allower {
    /// The trust or resource-based policy itself.
    ResourcePolicy,
    /// The caller's identity-based policies.
    IdentityPolicies,
    /// The caller's permissions boundary, if it has one.
    PermissionsBoundary,
    /// The session policy, if the session has one.
    SessionPolicy,
}

impl Allower {
    /// The policy kind in words.
    pub fn words(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Self::ResourcePolicy) => "trust / resource-based policy",
            (Lang::En, Self::IdentityPolicies) => "identity-based policies",
            (Lang::En, Self::PermissionsBoundary) => "permissions boundary (if any)",
            (Lang::En, Self::SessionPolicy) => "session policy (if any)",
            (Lang::Ja, Self::ResourcePolicy) => "信頼ポリシー / リソースベースポリシー",
            (Lang::Ja, Self::IdentityPolicies) => "アイデンティティベースポリシー",
            (Lang::Ja, Self::PermissionsBoundary) => "アクセス許可の境界 (あれば)",
            (Lang::Ja, Self::SessionPolicy) => "セッションポリシー (あれば)",
        }
    }
}

/// One way to name the caller, and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalOption {
    /// The form.
    pub form: PrincipalForm,
    /// The principal as written in the policy.
    pub principal: String,
    /// Whether the policy names the caller this way now.
    pub current: bool,
    /// Which policies have to allow, in the order they are read.
    pub must_allow: Vec<Allower>,
    /// The step's verdict with the policy rewritten.
    pub verdict: Verdict,
    /// Why, in a sentence.
    pub said: Text,
    /// The world with the policy rewritten this way.
    pub world: Value,
}

/// The principal switch for one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalSwitch {
    /// The step.
    pub step: String,
    /// Where the policy is in the world.
    pub pointer: String,
    /// The caller of the step.
    pub caller: String,
    /// Whether caller and resource are in the same account.
    pub same_account: bool,
    /// Each form the policy can name the caller in.
    pub options: Vec<PrincipalOption>,
}

/// Which policies must allow when a policy names the caller in `form`.
pub fn must_allow(form: PrincipalForm, same_account: bool, is_trust: bool) -> (Vec<Allower>, Text) {
    use Allower::*;
    if !same_account {
        return (
            vec![ResourcePolicy, IdentityPolicies, PermissionsBoundary, SessionPolicy],
            Text::new(
                "Across accounts both sides must allow: the policy here, and the caller's own identity-based policies in its account (within its boundary and session policy).",
                "アカウントをまたぐ場合は両側の許可が必要です。ここのポリシーと、呼び出し元のアカウントにあるアイデンティティベースポリシー (境界とセッションポリシーの範囲内) です。",
            ),
        );
    }
    match form {
        PrincipalForm::AccountRoot => (
            vec![ResourcePolicy, IdentityPolicies, PermissionsBoundary, SessionPolicy],
            Text::new(
                "Naming the account hands the decision to the account: the caller's identity-based policies must allow too.",
                "アカウントを指定すると判断はアカウントに委ねられ、呼び出し元のアイデンティティベースポリシーも許可する必要があります。",
            ),
        ),
        PrincipalForm::RoleArn => (
            vec![ResourcePolicy, PermissionsBoundary, SessionPolicy],
            Text::new(
                "Naming the role's ARN grants without an identity-based policy, but the session's permissions boundary and session policy still limit it.",
                "ロールの ARN を指定すると、アイデンティティベースポリシーなしで許可されますが、境界とセッションポリシーは引き続き制限します。",
            ),
        ),
        PrincipalForm::SessionArn => (
            vec![ResourcePolicy],
            Text::new(
                "Naming the session's ARN grants on its own: not even the session policy limits it.",
                "セッションの ARN を指定すると、それだけで許可されます。セッションポリシーでさえ制限しません。",
            ),
        ),
        PrincipalForm::UserArn if is_trust => (
            vec![ResourcePolicy, PermissionsBoundary],
            Text::new(
                "Naming the user grants without an identity-based policy; Omen follows \"Update a role trust policy\", so a permissions boundary on the user must still allow.",
                "ユーザーを指定すると、アイデンティティベースポリシーなしで許可されます。Omen は「ロールの信頼ポリシーの更新」に従い、ユーザーに境界があればそれも許可する必要があるとします。",
            ),
        ),
        PrincipalForm::UserArn => (
            vec![ResourcePolicy],
            Text::new(
                "Naming the user grants on its own: no identity-based policy is needed.",
                "ユーザーを指定すると、それだけで許可されます。アイデンティティベースポリシーは不要です。",
            ),
        ),
    }
}

fn forms(world: &Value, caller: &str) -> Vec<(PrincipalForm, String)> {
    let Some(account) = account_of(caller) else {
        return Vec::new();
    };
    let root = (PrincipalForm::AccountRoot, format!("arn:aws:iam::{account}:root"));
    if caller.contains(":user/") {
        return vec![(PrincipalForm::UserArn, caller.to_string()), root];
    }
    if let Some(rest) = caller.split_once(":assumed-role/").map(|(_, rest)| rest) {
        let role_name = rest.split('/').next().unwrap_or_default();
        let role_arn = role(world, account, role_name)
            .map(|r| r.arn)
            .unwrap_or_else(|| format!("arn:aws:iam::{account}:role/{role_name}"));
        return vec![(PrincipalForm::RoleArn, role_arn), (PrincipalForm::SessionArn, caller.to_string()), root];
    }
    Vec::new()
}

/// Rewrite every `Principal.AWS` entry of an Allow statement that is one of `names` to `to`.
/// Returns the new document and whether anything was rewritten.
fn rewrite(document: &Value, names: &[String], to: &str) -> (Value, bool) {
    let mut out = document.clone();
    let mut changed = false;
    let statements: Vec<&mut Value> = match out.get_mut("Statement") {
        Some(Value::Array(items)) => items.iter_mut().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    for statement in statements {
        if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        let Some(aws) = statement.pointer_mut("/Principal/AWS") else {
            continue;
        };
        let mut swap = |entry: &mut Value| {
            if entry.as_str().is_some_and(|e| names.iter().any(|n| n == e)) {
                *entry = Value::String(to.to_string());
                changed = true;
            }
        };
        match aws {
            Value::Array(entries) => {
                entries.iter_mut().for_each(&mut swap);
                let mut seen = Vec::new();
                entries.retain(|e| {
                    if seen.contains(e) {
                        false
                    } else {
                        seen.push(e.clone());
                        true
                    }
                });
            }
            entry => swap(entry),
        }
    }
    (out, changed)
}

/// Where the policy deciding `step` lives: a hop's role trust policy, or a session action's
/// resource policy.
fn policy_pointer(world: &Value, step: &str, resource: &str) -> Option<(String, bool)> {
    if step.ends_with(".assumeRole") {
        let found = find(world, resource)?;
        return Some((format!("{}/trustPolicy", found.pointer), true));
    }
    let index = step.strip_prefix("then.")?;
    let pointer = format!("/action/then/{index}/resourcePolicy");
    world.pointer(&pointer).filter(|p| !p.is_null()).map(|_| (pointer, false))
}

/// The principal switch for `step` of `world`: each way the deciding trust or resource policy
/// can name the caller, played. Says why when the step has no such policy or the policy does
/// not name the caller.
pub fn principal_switch(world: &Value, step: &str) -> Result<PrincipalSwitch, Text> {
    let played = play_world(world);
    let found = played
        .step(step)
        .ok_or_else(|| Text::new(format!("there is no step `{step}`"), format!("ステップ `{step}` はありません")))?;
    let (Some(caller), Some(resource)) = (found.principal.clone(), found.resource.clone()) else {
        return Err(Text::new(
            format!("step `{step}` evaluates no request"),
            format!("ステップ `{step}` はリクエストを評価しません"),
        ));
    };
    let (pointer, is_trust) = policy_pointer(world, step, &resource).ok_or_else(|| {
        Text::new(
            format!("step `{step}` is not decided by a trust or resource-based policy of the world"),
            format!("ステップ `{step}` はこの世界の信頼ポリシーやリソースベースポリシーで決まるものではありません"),
        )
    })?;
    let forms = forms(world, &caller);
    if forms.is_empty() {
        return Err(Text::new(
            format!("the caller `{caller}` is neither an IAM user nor a role session"),
            format!("呼び出し元 `{caller}` は IAM ユーザーでもロールセッションでもありません"),
        ));
    }
    let document = world.pointer(&pointer).and_then(document_value).unwrap_or(Value::Null);
    let names: Vec<String> = forms.iter().map(|(_, name)| name.clone()).collect();
    let current: Vec<PrincipalForm> = forms
        .iter()
        .filter(|(_, name)| rewrite(&document, std::slice::from_ref(name), "").1)
        .map(|(form, _)| *form)
        .collect();
    if current.is_empty() {
        return Err(Text::new(
            format!("the policy at `{pointer}` does not name `{caller}` in any of these forms: {}", names.join(", ")),
            format!("`{pointer}` のポリシーは `{caller}` をどの形でも指定していません: {}", names.join(", ")),
        ));
    }
    let resource_account = step
        .strip_prefix("then.")
        .and_then(|index| world.pointer(&format!("/action/then/{index}/resourceAccount")))
        .and_then(Value::as_str)
        .or_else(|| account_of(&resource))
        .or_else(|| account_of(&caller));
    let same_account = account_of(&caller).is_some() && account_of(&caller) == resource_account;
    let options = forms
        .iter()
        .map(|(form, principal)| {
            let (rewritten, _) = rewrite(&document, &names, principal);
            let mut changed = world.clone();
            if let Some(slot) = changed.pointer_mut(&pointer) {
                *slot = rewritten;
            }
            let verdict = play_world(&changed).step(step).map_or(Verdict::Skipped, |s| s.verdict);
            let (must_allow, said) = must_allow(*form, same_account, is_trust);
            PrincipalOption {
                form: *form,
                principal: principal.clone(),
                current: current.contains(form),
                must_allow,
                verdict,
                said,
                world: changed,
            }
        })
        .collect();
    Ok(PrincipalSwitch { step: step.to_string(), pointer, caller, same_account, options })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::adapter::preset_world;

    fn preset(id: &str) -> Value {
        serde_json::from_str(preset_world(id).unwrap()).unwrap()
    }

    /// Role chaining (seed 001), hop 2: RoleB's trust policy names RoleA. Each form and what it
    /// does to the hop: RoleA's session has an identity-based policy allowing `sts:AssumeRole` on
    /// RoleB, so every form allows here; the table of who must allow differs.
    #[test]
    fn switches_the_principal_of_a_trust_policy_naming_a_role() {
        let switch = principal_switch(&preset("role-chaining"), "hop2.assumeRole").unwrap();
        assert_eq!(switch.pointer, "/roles/1/trustPolicy");
        assert!(switch.same_account);
        let forms: Vec<(PrincipalForm, bool, Verdict)> =
            switch.options.iter().map(|o| (o.form, o.current, o.verdict)).collect();
        assert_eq!(
            forms,
            vec![
                (PrincipalForm::RoleArn, true, Verdict::Allowed),
                (PrincipalForm::SessionArn, false, Verdict::Allowed),
                (PrincipalForm::AccountRoot, false, Verdict::Allowed),
            ]
        );
        assert_eq!(switch.options[1].principal, "arn:aws:sts::111122223333:assumed-role/RoleA/alice");
        assert_eq!(switch.options[1].must_allow, vec![Allower::ResourcePolicy]);
        assert_eq!(switch.options[2].must_allow.len(), 4);
    }

    /// Role chaining, hop 1: RoleA's trust names alice, who has no policy at all. Naming her
    /// account instead needs an identity-based policy she lacks: denied.
    #[test]
    fn naming_the_account_needs_an_identity_policy() {
        let switch = principal_switch(&preset("role-chaining"), "hop1.assumeRole").unwrap();
        let verdicts: Vec<(PrincipalForm, Verdict)> = switch.options.iter().map(|o| (o.form, o.verdict)).collect();
        assert_eq!(
            verdicts,
            vec![(PrincipalForm::UserArn, Verdict::Allowed), (PrincipalForm::AccountRoot, Verdict::ImplicitDeny)]
        );
        let rewritten = switch.options[1].world.pointer("/roles/0/trustPolicy/Statement/0/Principal/AWS").cloned();
        assert_eq!(rewritten, Some(Value::String("arn:aws:iam::111122223333:root".into())));
    }

    /// "Session policies": a bucket policy naming the session's ARN is not limited by the session
    /// policy; naming the role's ARN is. The session policy here allows nothing on S3.
    #[test]
    fn a_bucket_policy_naming_the_session_escapes_the_session_policy() {
        let role = "arn:aws:iam::111122223333:role/Reader";
        let session = "arn:aws:sts::111122223333:assumed-role/Reader/alice";
        let bucket_policy = serde_json::json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": role}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]});
        let world = serde_json::json!({
            "accounts": [{"id": "111122223333"}],
            "users": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": []}],
            "roles": [{"arn": role, "policies": [],
                       "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                           "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]}}],
            "action": {"assumeRole": {"caller": "arn:aws:iam::111122223333:user/alice", "role": role, "roleSessionName": "alice",
                                      "sessionPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}},
                       "then": [{"action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv", "resourceAccount": "111122223333",
                                 "resourcePolicy": bucket_policy}]}
        });
        let switch = principal_switch(&world, "then.0").unwrap();
        assert_eq!(switch.pointer, "/action/then/0/resourcePolicy");
        let rows: Vec<(PrincipalForm, &str, bool, Verdict)> =
            switch.options.iter().map(|o| (o.form, o.principal.as_str(), o.current, o.verdict)).collect();
        assert_eq!(
            rows,
            vec![
                (PrincipalForm::RoleArn, role, true, Verdict::ImplicitDeny),
                (PrincipalForm::SessionArn, session, false, Verdict::Allowed),
                (PrincipalForm::AccountRoot, "arn:aws:iam::111122223333:root", false, Verdict::ImplicitDeny),
            ]
        );
        assert_eq!(
            switch.options[0].must_allow,
            vec![Allower::ResourcePolicy, Allower::PermissionsBoundary, Allower::SessionPolicy]
        );
    }

    #[test]
    fn says_why_there_is_nothing_to_switch() {
        let error = principal_switch(&preset("ec2-full-access-without-passrole"), "passRole").unwrap_err();
        assert_eq!(error.en, "step `passRole` is not decided by a trust or resource-based policy of the world");
        let error = principal_switch(&preset("ec2-full-access-without-passrole"), "nope").unwrap_err();
        assert_eq!(error.en, "there is no step `nope`");
    }
}
