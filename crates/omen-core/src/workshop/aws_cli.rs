//! "Copy as AWS CLI": the commands that rebuild a world in a sandbox account — `aws iam
//! create-user`, the OIDC and SAML identity providers the roles trust
//! (`create-open-id-connect-provider`, `create-saml-provider`), `create-role`, `put-role-policy`,
//! `attach-role-policy`, instance profiles, SCPs — and then play its action (`aws ec2 run-instances …`, `aws sts assume-role …`,
//! `assume-role-with-web-identity …`, `assume-role-with-saml …`).
//! Command and parameter names follow the AWS CLI Command Reference.

use super::adapter::Lang;
use super::world::{account_of, document_of, document_value, identities, Identity};
use serde_json::Value;
use std::fmt::Write;

/// Quote `text` for a POSIX shell when it needs it.
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"_./:=@+,-".contains(&b));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// A policy document as compact JSON for a command line (the text as typed when it is not JSON).
fn compact(document: &Value) -> String {
    match document_value(document) {
        Some(value) => value.to_string(),
        None => document.as_str().map_or_else(|| document.to_string(), str::to_string),
    }
}

fn say(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}

fn tags_option(entry: &Value) -> String {
    let pairs: Vec<String> = match entry.get("tags") {
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| format!("Key={},Value={}", k, v.as_str().map_or_else(|| v.to_string(), str::to_string)))
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|t| Some(format!("Key={},Value={}", t.get("Key")?.as_str()?, t.get("Value")?.as_str()?)))
            .collect(),
        _ => Vec::new(),
    };
    if pairs.is_empty() {
        String::new()
    } else {
        format!(" --tags {}", pairs.iter().map(|p| shell_quote(p)).collect::<Vec<_>>().join(" "))
    }
}

fn admin(account: &str) -> String {
    format!("--profile admin-{account}")
}

fn policy_name(policy: &Value, fallback: &str) -> String {
    policy.get("name").and_then(Value::as_str).filter(|n| !n.is_empty()).unwrap_or(fallback).to_string()
}

fn is_managed(policy: &Value) -> bool {
    policy.get("awsManaged").and_then(Value::as_bool).unwrap_or(false) || managed_arn(policy).is_some()
}

/// The ARN of an AWS managed policy: its `arn`, or the ARN it is attached by
/// (`"arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"`: some live under a
/// path, so the name alone does not make it).
fn managed_arn(policy: &Value) -> Option<&str> {
    let prefix = crate::vocabulary::AWS_MANAGED_PREFIX;
    policy.as_str().or_else(|| policy.get("arn").and_then(Value::as_str)).filter(|arn| arn.starts_with(prefix))
}

/// The ARN to attach an AWS managed policy by.
fn attach_arn(policy: &Value, name: &str) -> String {
    managed_arn(policy).map_or_else(|| format!("{}{name}", crate::vocabulary::AWS_MANAGED_PREFIX), str::to_owned)
}

/// The identity's policies: inline ones put, AWS managed ones attached, the boundary created as a
/// managed policy and set.
fn identity_policies(out: &mut String, who: &Identity, entry: &Value, lang: Lang) {
    let (noun, name_flag) = if who.kind == "user" { ("user", "--user-name") } else { ("role", "--role-name") };
    let profile = admin(&who.account);
    for (i, policy) in entry.get("policies").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let name = policy_name(policy, &format!("{}-policy-{i}", who.name));
        if is_managed(policy) {
            let _ = writeln!(
                out,
                "aws iam attach-{noun}-policy {name_flag} {} --policy-arn {} {profile}",
                shell_quote(&who.name),
                shell_quote(&attach_arn(policy, &name))
            );
        } else {
            let _ = writeln!(
                out,
                "aws iam put-{noun}-policy {name_flag} {} --policy-name {} --policy-document {} {profile}",
                shell_quote(&who.name),
                shell_quote(&name),
                shell_quote(&compact(&document_of(policy)))
            );
        }
    }
    for group in entry.get("groups").and_then(Value::as_array).into_iter().flatten() {
        let group_name = group.get("name").and_then(Value::as_str).unwrap_or("group");
        let _ = writeln!(out, "aws iam create-group --group-name {} {profile}", shell_quote(group_name));
        for (i, policy) in group.get("policies").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let name = policy_name(policy, &format!("{group_name}-policy-{i}"));
            if is_managed(policy) {
                let _ = writeln!(
                    out,
                    "aws iam attach-group-policy --group-name {} --policy-arn {} {profile}",
                    shell_quote(group_name),
                    shell_quote(&attach_arn(policy, &name))
                );
            } else {
                let _ = writeln!(
                    out,
                    "aws iam put-group-policy --group-name {} --policy-name {} --policy-document {} {profile}",
                    shell_quote(group_name),
                    shell_quote(&name),
                    shell_quote(&compact(&document_of(policy)))
                );
            }
        }
        let _ = writeln!(
            out,
            "aws iam add-user-to-group --group-name {} --user-name {} {profile}",
            shell_quote(group_name),
            shell_quote(&who.name)
        );
    }
    if let Some(boundary) = entry.get("permissionsBoundary").filter(|b| !b.is_null()) {
        let name = policy_name(boundary, &format!("{}-boundary", who.name));
        let arn = if is_managed(boundary) {
            attach_arn(boundary, &name)
        } else {
            let _ = writeln!(
                out,
                "# {}",
                say(
                    lang,
                    "A permissions boundary is a managed policy: create it first.",
                    "アクセス許可の境界は管理ポリシーです。先に作成します。"
                )
            );
            let _ = writeln!(
                out,
                "aws iam create-policy --policy-name {} --policy-document {} {profile}",
                shell_quote(&name),
                shell_quote(&compact(&document_of(boundary)))
            );
            format!("arn:aws:iam::{}:policy/{name}", who.account)
        };
        let _ = writeln!(
            out,
            "aws iam put-{noun}-permissions-boundary {name_flag} {} --permissions-boundary {} {profile}",
            shell_quote(&who.name),
            shell_quote(&arn)
        );
    }
}

/// Whether the script creates the role `who` as a service-linked role (AWS writes its policies).
fn is_service_linked(entry: &Value, who: &Identity) -> bool {
    entry.get("serviceLinked").and_then(Value::as_bool) == Some(true) || who.path.starts_with("/aws-service-role/")
}

/// The trust policies of the roles the script creates with `create-role`, with their accounts.
fn created_trust_policies(world: &Value) -> Vec<(String, Value)> {
    identities(world)
        .into_iter()
        .filter(|who| who.kind == "role")
        .filter_map(|who| {
            let entry = world.pointer(&who.pointer)?;
            let trust = entry.get("trustPolicy").and_then(document_value)?;
            (!is_service_linked(entry, &who)).then_some((who.account, trust))
        })
        .collect()
}

/// The items of a value that is one item or a list of them.
fn one_or_many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(value) => vec![value],
        None => Vec::new(),
    }
}

/// The strings of a value given as one string or a list of them; anything else left out.
fn strings(value: Option<&Value>) -> Vec<String> {
    one_or_many(value).into_iter().filter_map(Value::as_str).map(str::to_string).collect()
}

/// The statements of a policy document, one or many.
fn statements(document: &Value) -> Vec<&Value> {
    one_or_many(document.get("Statement"))
}

/// The values the trust policies' conditions test `key` against, under any operator.
fn condition_values(trusts: &[(String, Value)], key: &str) -> Vec<String> {
    let tests = trusts
        .iter()
        .flat_map(|(_, trust)| statements(trust))
        .filter_map(|statement| statement.get("Condition").and_then(Value::as_object))
        .flat_map(|operators| operators.values())
        .filter_map(Value::as_object)
        .flatten();
    tests.filter(|(k, _)| k.eq_ignore_ascii_case(key)).flat_map(|(_, values)| strings(Some(values))).collect()
}

/// An IAM identity provider the script creates before the roles whose trust policies name it.
#[derive(Debug, PartialEq, Eq)]
struct IdentityProvider {
    /// Its ARN, `arn:aws:iam::ACCOUNT:oidc-provider/HOST` or `…:saml-provider/NAME`.
    arn: String,
    /// Its account.
    account: String,
    /// `HOST` (and path) of an OIDC provider, `NAME` of a SAML one.
    name: String,
    /// Whether it is a SAML provider.
    saml: bool,
    /// The client IDs (audiences) of an OIDC provider, as far as the world tells them.
    client_ids: Vec<String>,
}

impl IdentityProvider {
    /// The provider an IAM identity provider ARN names; `None` for anything else, such as the web
    /// identity providers AWS builds in (`cognito-identity.amazonaws.com`, `accounts.google.com`,
    /// `graph.facebook.com`, `www.amazon.com`: "If you are using an OIDC identity provider from
    /// Google, Facebook, or Amazon Cognito, you don't need to create a separate IAM identity
    /// provider", CreateOpenIDConnectProvider, IAM API Reference).
    fn of(arn: &str) -> Option<Self> {
        let parsed = crate::arn::Arn::parse(arn).ok()?;
        let (account, resource) = (parsed.account_id()?.to_string(), parsed.resource);
        let (saml, name) = match (resource.strip_prefix("oidc-provider/"), resource.strip_prefix("saml-provider/")) {
            (Some(host), _) => (false, host),
            (None, Some(name)) => (true, name),
            (None, None) => return None,
        };
        (!name.is_empty()).then(|| Self {
            arn: arn.to_string(),
            account,
            name: name.to_string(),
            saml,
            client_ids: Vec::new(),
        })
    }
}

/// The IAM identity providers to create, in the accounts the script creates roles in: the world's
/// `identityProviders` when it lists them ("when listed, all there are"), else those the roles'
/// trust policies (`Principal.Federated`) and the federated call name. An OIDC provider's client
/// IDs are its listed `clientIds`, else the values its trust conditions pin `HOST:aud` to (and
/// the call's `aud` claim), wildcards left out.
fn identity_providers(world: &Value) -> Vec<IdentityProvider> {
    let trusts = created_trust_policies(world);
    let role_accounts: Vec<&str> = trusts.iter().map(|(account, _)| account.as_str()).collect();
    let mut providers: Vec<IdentityProvider> = Vec::new();
    let mut add = |provider: Option<IdentityProvider>, listed: Option<&Value>| {
        let Some(mut provider) = provider.filter(|p| role_accounts.contains(&p.account.as_str())) else {
            return;
        };
        if providers.iter().any(|p| p.arn == provider.arn) {
            return;
        }
        provider.client_ids = strings(listed);
        providers.push(provider);
    };
    match world.get("identityProviders").and_then(Value::as_array) {
        Some(listed) => {
            for entry in listed {
                add(entry.get("arn").and_then(Value::as_str).and_then(IdentityProvider::of), entry.get("clientIds"));
            }
        }
        None => {
            for (_, trust) in &trusts {
                for statement in statements(trust) {
                    let federated = statement.get("Principal").and_then(|p| p.get("Federated"));
                    for arn in one_or_many(federated).into_iter().filter_map(Value::as_str) {
                        add(IdentityProvider::of(arn), None);
                    }
                }
            }
            let action = world.get("action");
            for key in ["assumeRoleWithWebIdentity", "assumeRoleWithSaml"] {
                let provider = action.and_then(|a| a.get(key)).and_then(|call| call.get("provider"));
                add(provider.and_then(Value::as_str).and_then(IdentityProvider::of), None);
            }
        }
    }
    for provider in providers.iter_mut().filter(|p| !p.saml && p.client_ids.is_empty()) {
        let mut audiences = condition_values(&trusts, &format!("{}:aud", provider.name));
        let call = world.get("action").and_then(|a| a.get("assumeRoleWithWebIdentity"));
        if call.and_then(|c| c.get("provider")).and_then(Value::as_str) == Some(provider.arn.as_str()) {
            audiences.extend(strings(call.and_then(|c| c.get("claims")).and_then(|c| c.get("aud"))));
        }
        for audience in audiences {
            if !audience.contains(['*', '?']) && !provider.client_ids.contains(&audience) {
                provider.client_ids.push(audience);
            }
        }
    }
    providers
}

/// The commands that create the world's IAM identity providers, before the roles that trust them.
/// OIDC: `aws iam create-open-id-connect-provider --url https://HOST --client-id-list …`, with no
/// `--thumbprint-list` ("This parameter is optional. If it is not included, IAM will retrieve and
/// use the top intermediate certificate authority (CA) thumbprint of the OpenID Connect identity
/// provider server certificate", CreateOpenIDConnectProvider, IAM API Reference: ThumbprintList).
/// SAML: `aws iam create-saml-provider --name NAME --saml-metadata-document file://…`, the
/// metadata document being what the identity provider publishes (CreateSAMLProvider).
fn identity_provider_commands(out: &mut String, world: &Value, lang: Lang) {
    for provider in identity_providers(world) {
        let profile = admin(&provider.account);
        let _ = writeln!(
            out,
            "
# {} {}",
            say(lang, "IAM identity provider", "IAM の ID プロバイダー"),
            provider.arn
        );
        if provider.saml {
            let file = format!("{}-metadata.xml", provider.name);
            let _ = writeln!(out, "# {}", say(lang,
                &format!("The SAML metadata document comes from your identity provider (its federation metadata XML): save it as {file}."),
                &format!("SAML メタデータドキュメントは ID プロバイダーから入手します (フェデレーションメタデータの XML)。{file} として保存します。")));
            let _ = writeln!(
                out,
                "aws iam create-saml-provider --name {} --saml-metadata-document {} {profile}",
                shell_quote(&provider.name),
                shell_quote(&format!("file://{file}"))
            );
            continue;
        }
        let _ = writeln!(out, "# {}", say(lang,
            "No --thumbprint-list: it is optional, and IAM retrieves the thumbprint of the provider's certificate itself (CreateOpenIDConnectProvider).",
            "--thumbprint-list は省略できます。IAM がプロバイダーの証明書のサムプリントを自分で取得します (CreateOpenIDConnectProvider)。"));
        let client_ids = if provider.client_ids.is_empty() {
            let _ = writeln!(out, "# {}", say(lang,
                "CLIENT_ID is a placeholder: the world does not say which audience (aud) the provider's tokens carry. Put the client ID your identity provider issues (GitHub Actions: sts.amazonaws.com).",
                "CLIENT_ID は仮の値です。プロバイダーのトークンの audience (aud) がワールドにありません。ID プロバイダーが発行するクライアント ID (GitHub Actions では sts.amazonaws.com) に置き換えてください。"));
            "CLIENT_ID".to_string()
        } else {
            provider.client_ids.iter().map(|id| shell_quote(id)).collect::<Vec<_>>().join(" ")
        };
        let _ = writeln!(
            out,
            "aws iam create-open-id-connect-provider --url {} --client-id-list {client_ids} {profile}",
            shell_quote(&format!("https://{}", provider.name))
        );
    }
}

fn setup(out: &mut String, world: &Value, lang: Lang) {
    for account in world.get("accounts").and_then(Value::as_array).into_iter().flatten() {
        let id = account.get("id").and_then(Value::as_str).unwrap_or("");
        for (kind, key, type_name) in
            [("SCP", "scps", "SERVICE_CONTROL_POLICY"), ("RCP", "rcps", "RESOURCE_CONTROL_POLICY")]
        {
            let Some(levels) = account.get(key).and_then(Value::as_array) else {
                continue;
            };
            let _ = writeln!(out, "\n# {}", say(lang,
                &format!("{kind}s for account {id}: create each in the organization's management account, then attach it to the level it belongs to (root, OU, account)."),
                &format!("アカウント {id} の {kind}: 組織の管理アカウントで作成し、該当するレベル (ルート・OU・アカウント) にアタッチします。")));
            for (level, policies) in levels.iter().enumerate() {
                for (i, policy) in policies.as_array().into_iter().flatten().enumerate() {
                    let name = policy_name(policy, &format!("{kind}-level{level}-{i}"));
                    let _ = writeln!(
                        out,
                        "aws organizations create-policy --type {type_name} --name {} --description {} --content {} --profile org-management",
                        shell_quote(&name),
                        shell_quote(&format!("Omen level {level}")),
                        shell_quote(&compact(&document_of(policy)))
                    );
                    let _ = writeln!(out, "# aws organizations attach-policy --policy-id p-EXAMPLE --target-id {} --profile org-management", if level == 0 { "r-EXAMPLE" } else { id });
                }
            }
        }
    }
    identity_provider_commands(out, world, lang);
    for who in identities(world) {
        let Some(entry) = world.pointer(&who.pointer) else {
            continue;
        };
        let path = if who.path == "/" { String::new() } else { format!(" --path {}", shell_quote(&who.path)) };
        let profile = admin(&who.account);
        if who.kind == "user" {
            let _ = writeln!(out, "\n# {} {}", say(lang, "IAM user", "IAM ユーザー"), who.arn);
            let _ = writeln!(
                out,
                "aws iam create-user --user-name {}{path}{} {profile}",
                shell_quote(&who.name),
                tags_option(entry)
            );
            if entry.get("mfa").and_then(Value::as_bool) == Some(true) {
                let _ = writeln!(out, "# {}", say(lang, "This user signs in with MFA: assign an MFA device in the console (Security credentials).", "このユーザーは MFA でサインインします。コンソール (セキュリティ認証情報) で MFA デバイスを割り当ててください。"));
            }
            identity_policies(out, &who, entry, lang);
            continue;
        }
        let _ = writeln!(out, "\n# {} {}", say(lang, "IAM role (the mask)", "IAM ロール (お面)"), who.arn);
        if is_service_linked(entry, &who) {
            let service = who.path.trim_matches('/').split('/').nth(1).unwrap_or("SERVICE.amazonaws.com");
            let _ = writeln!(
                out,
                "# {}",
                say(
                    lang,
                    "A service-linked role: AWS writes its policies; create it for the service.",
                    "サービスにリンクされたロール: ポリシーは AWS が用意します。サービスを指定して作成します。"
                )
            );
            let _ = writeln!(
                out,
                "aws iam create-service-linked-role --aws-service-name {} {profile}",
                shell_quote(service)
            );
            continue;
        }
        let trust = entry.get("trustPolicy").map(compact).unwrap_or_else(|| "{}".into());
        let duration = entry
            .get("maxSessionDuration")
            .and_then(Value::as_i64)
            .map(|s| format!(" --max-session-duration {s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "aws iam create-role --role-name {}{path} --assume-role-policy-document {}{duration}{} {profile}",
            shell_quote(&who.name),
            shell_quote(&trust),
            tags_option(entry)
        );
        identity_policies(out, &who, entry, lang);
    }
}

fn role_name(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

fn caller_profile(caller: &str) -> String {
    if caller.contains(":assumed-role/") {
        let role = caller.split(":assumed-role/").nth(1).and_then(|r| r.split('/').next()).unwrap_or("role");
        format!("--profile {}", shell_quote(&format!("session-{role}")))
    } else {
        format!("--profile {}", shell_quote(&role_name(caller)))
    }
}

fn pass_role(out: &mut String, action: &Value, world: &Value, lang: Lang) {
    let field = |key: &str| action.get(key).and_then(Value::as_str);
    let caller = field("caller").unwrap_or("");
    let api = field("api").unwrap_or("");
    let role = field("role");
    let region = field("region").unwrap_or("us-east-1");
    let account = account_of(caller).unwrap_or("111122223333");
    let name = field("resourceName");
    let profile = caller_profile(caller);
    let role_arn = role.map(shell_quote).unwrap_or_default();
    let role_short = role.map(role_name).unwrap_or_default();
    let _ = writeln!(out, "\n# {}", say(lang,
        &format!("The action: {caller} calls {api} and hands over the role. PassRole is checked here; it leaves no CloudTrail record of its own."),
        &format!("アクション: {caller} が {api} を呼び出してロールを渡します。ここで PassRole が確認されます (PassRole 自体の CloudTrail 記録は残りません)。")));
    if api.starts_with("ec2:") {
        if let Some(role) = role {
            if world.get("roles").and_then(Value::as_array).is_some() {
                let _ = writeln!(
                    out,
                    "# {}",
                    say(
                        lang,
                        "EC2 takes the role through an instance profile of the same name.",
                        "EC2 は同じ名前のインスタンスプロファイル経由でロールを受け取ります。"
                    )
                );
                let _ = writeln!(
                    out,
                    "aws iam create-instance-profile --instance-profile-name {} {}",
                    shell_quote(&role_short),
                    admin(account_of(role).unwrap_or(account))
                );
                let _ = writeln!(
                    out,
                    "aws iam add-role-to-instance-profile --instance-profile-name {} --role-name {} {}",
                    shell_quote(&role_short),
                    shell_quote(&role_short),
                    admin(account_of(role).unwrap_or(account))
                );
            }
        }
    }
    let instance = name.unwrap_or("i-0123456789abcdef0");
    let command = match api {
        "ec2:RunInstances" => format!("aws ec2 run-instances --image-id ami-EXAMPLE --instance-type t3.micro --iam-instance-profile Name={} --region {region}", shell_quote(&role_short)),
        "ec2:AssociateIamInstanceProfile" => format!("aws ec2 associate-iam-instance-profile --instance-id {} --iam-instance-profile Name={} --region {region}", shell_quote(instance), shell_quote(&role_short)),
        "ec2:ReplaceIamInstanceProfileAssociation" => format!("aws ec2 replace-iam-instance-profile-association --association-id iip-assoc-EXAMPLE --iam-instance-profile Name={} --region {region}", shell_quote(&role_short)),
        "lambda:CreateFunction" => format!("aws lambda create-function --function-name {} --runtime python3.12 --handler index.handler --zip-file fileb://function.zip --role {role_arn} --region {region}", shell_quote(name.unwrap_or("my-function"))),
        "lambda:UpdateFunctionConfiguration" => format!("aws lambda update-function-configuration --function-name {} --role {role_arn} --region {region}", shell_quote(name.unwrap_or("my-function"))),
        "ecs:RegisterTaskDefinition" => {
            let flag = if field("parameter") == Some("executionRoleArn") { "--execution-role-arn" } else { "--task-role-arn" };
            format!("aws ecs register-task-definition --family {} {flag} {role_arn} --container-definitions {} --region {region}", shell_quote(name.unwrap_or("my-task")), shell_quote(r#"[{"name":"app","image":"public.ecr.aws/docker/library/busybox:latest","memory":128,"essential":true}]"#))
        }
        "ecs:RunTask" => format!("aws ecs run-task --cluster default --task-definition {} --overrides {} --region {region}", shell_quote(name.unwrap_or("my-task")), shell_quote(&format!("{{\"taskRoleArn\":\"{}\"}}", role.unwrap_or("")))),
        "cloudformation:CreateStack" => format!("aws cloudformation create-stack --stack-name {} --template-body file://template.yaml --role-arn {role_arn} --region {region}", shell_quote(name.unwrap_or("my-stack"))),
        "cloudformation:UpdateStack" => format!("aws cloudformation update-stack --stack-name {} --template-body file://template.yaml --role-arn {role_arn} --region {region}", shell_quote(name.unwrap_or("my-stack"))),
        "codebuild:CreateProject" => format!("aws codebuild create-project --name {} --source type=NO_SOURCE,buildspec=buildspec.yml --artifacts type=NO_ARTIFACTS --environment type=LINUX_CONTAINER,image=aws/codebuild/standard:7.0,computeType=BUILD_GENERAL1_SMALL --service-role {role_arn} --region {region}", shell_quote(name.unwrap_or("my-project"))),
        "rds:CreateDBInstance" => format!("aws rds create-db-instance --db-instance-identifier {} --engine postgres --db-instance-class db.t3.micro --allocated-storage 20 --master-username dbadmin --manage-master-user-password --monitoring-interval 60 --monitoring-role-arn {role_arn} --region {region}", shell_quote(name.unwrap_or("my-db"))),
        "rds:ModifyDBInstance" => format!("aws rds modify-db-instance --db-instance-identifier {} --monitoring-interval 60 --monitoring-role-arn {role_arn} --region {region}", shell_quote(name.unwrap_or("my-db"))),
        "autoscaling:CreateAutoScalingGroup" => {
            let slr = role.map(|r| format!(" --service-linked-role-arn {}", shell_quote(r))).unwrap_or_default();
            format!("aws autoscaling create-auto-scaling-group --auto-scaling-group-name {} --launch-template LaunchTemplateName=web --min-size 1 --max-size 1 --availability-zones {region}a{slr} --region {region}", shell_quote(name.unwrap_or("my-asg")))
        }
        other => format!("# {}", say(lang, &format!("{other}: pass {} where the API takes a role", role.unwrap_or("the role")), &format!("{other}: API がロールを受け取るパラメータに {} を渡します", role.unwrap_or("ロール")))),
    };
    let _ = writeln!(out, "{command} {profile}");
}

fn assume_role(out: &mut String, hop: &Value, first: bool, lang: Lang) {
    let field = |key: &str| hop.get(key).and_then(Value::as_str);
    let role = field("role").unwrap_or("");
    let caller = field("caller");
    if hop.get("viaConsoleSwitchRole").and_then(Value::as_bool) == Some(true) {
        let account = account_of(role).unwrap_or("");
        let _ = writeln!(out, "# {}", say(lang,
            &format!("Console switch role (an AssumeRole the console makes; CloudTrail records signin.amazonaws.com SwitchRole): open https://signin.aws.amazon.com/switchrole?roleName={}&account={account}", role_name(role)),
            &format!("コンソールでのロールの切り替え (コンソールが行う AssumeRole。CloudTrail には signin.amazonaws.com の SwitchRole が記録されます): https://signin.aws.amazon.com/switchrole?roleName={}&account={account} を開きます", role_name(role))));
        return;
    }
    if let Some(service) = caller.filter(|c| !c.starts_with("arn:")) {
        let _ = writeln!(
            out,
            "# {}",
            say(
                lang,
                &format!("{service} assumes {role} itself: nothing to type."),
                &format!("{service} が自分で {role} を引き受けます。入力するコマンドはありません。")
            )
        );
        return;
    }
    if !first && caller.is_none() {
        let _ = writeln!(out, "# {}", say(lang,
            "Role chaining: call with the previous session's credentials (export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from its output); the session lasts at most one hour.",
            "ロールの連鎖: 前のセッションの認証情報 (出力の AWS_ACCESS_KEY_ID・AWS_SECRET_ACCESS_KEY・AWS_SESSION_TOKEN を export) で呼び出します。セッションは最長 1 時間です。"));
    }
    let mut command = format!(
        "aws sts assume-role --role-arn {} --role-session-name {}",
        shell_quote(role),
        shell_quote(field("roleSessionName").unwrap_or("omen-session"))
    );
    if let Some(id) = field("externalId") {
        let _ = write!(command, " --external-id {}", shell_quote(id));
    }
    if let Some(mfa) = hop.get("mfa") {
        let serial = mfa.get("serialNumber").and_then(Value::as_str).unwrap_or("");
        let _ = write!(command, " --serial-number {} --token-code 123456", shell_quote(serial));
    }
    if let Some(seconds) = hop.get("durationSeconds").and_then(Value::as_i64) {
        let _ = write!(command, " --duration-seconds {seconds}");
    }
    if let Some(policy) = hop.get("sessionPolicy").filter(|p| !p.is_null()) {
        let _ = write!(command, " --policy {}", shell_quote(&compact(policy)));
    }
    let tags = tags_option(hop);
    if !tags.is_empty() {
        command.push_str(&tags);
    }
    let keys: Vec<String> = hop
        .get("transitiveTagKeys")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(shell_quote)
        .collect();
    if !keys.is_empty() {
        let _ = write!(command, " --transitive-tag-keys {}", keys.join(" "));
    }
    if let Some(source) = field("sourceIdentity") {
        let _ = write!(command, " --source-identity {}", shell_quote(source));
    }
    match caller {
        Some(caller) => {
            let _ = writeln!(out, "{command} {}", caller_profile(caller));
        }
        None => {
            let _ = writeln!(out, "{command}");
        }
    }
}

/// A federated call, `assumeRoleWithWebIdentity` or `assumeRoleWithSaml` (`saml`): the command
/// that trades the identity provider's token (SAML: assertion) for a role session. Parameter
/// names follow "AssumeRoleWithWebIdentity" and "AssumeRoleWithSAML" (AWS STS API Reference:
/// `RoleArn`, `RoleSessionName`, `WebIdentityToken`, `ProviderId`, `PrincipalArn`,
/// `SAMLAssertion`, `Policy`, `DurationSeconds`) and the AWS CLI Command Reference's
/// "assume-role-with-web-identity" and "assume-role-with-saml". Neither call needs AWS
/// credentials ("Calling AssumeRoleWithWebIdentity does not require the use of Amazon Web
/// Services security credentials"), so the command names no profile; the token is a file the
/// identity provider's sign-in wrote (`file://` reads a parameter from a file).
fn federated_call(out: &mut String, call: &Value, saml: bool, lang: Lang) {
    let field = |key: &str| call.get(key).and_then(Value::as_str);
    let role = field("role").unwrap_or("");
    let provider = field("provider").unwrap_or("");
    let command = if saml {
        let _ = writeln!(out, "# {}", say(lang,
            &format!("No AWS credentials: the SAML assertion is the proof. Save the base64-encoded SAML response your identity provider ({provider}) posts after sign-in as assertion.b64; the session name comes from its RoleSessionName attribute."),
            &format!("AWS の認証情報は使いません。SAML アサーションが証明です。ID プロバイダー ({provider}) がサインイン後に送る base64 エンコードされた SAML レスポンスを assertion.b64 に保存します。セッション名はその RoleSessionName 属性から決まります。")));
        format!(
            "aws sts assume-role-with-saml --role-arn {} --principal-arn {} --saml-assertion file://assertion.b64",
            shell_quote(role),
            shell_quote(provider)
        )
    } else {
        let _ = writeln!(out, "# {}", say(lang,
            &format!("No AWS credentials: the identity provider's token is the proof. Save the ID token (OAuth 2.0: access token) that {provider} issued as token.jwt."),
            &format!("AWS の認証情報は使いません。ID プロバイダーのトークンが証明です。{provider} が発行した ID トークン (OAuth 2.0 ではアクセストークン) を token.jwt に保存します。")));
        let mut command = format!(
            "aws sts assume-role-with-web-identity --role-arn {} --role-session-name {} --web-identity-token file://token.jwt",
            shell_quote(role),
            shell_quote(field("roleSessionName").unwrap_or("omen-session"))
        );
        // "Specify this value only for OAuth 2.0 access tokens" (AssumeRoleWithWebIdentity,
        // ProviderId): Login with Amazon and Facebook; an OpenID Connect ID token names its issuer.
        if matches!(provider, "www.amazon.com" | "graph.facebook.com") {
            let _ = write!(command, " --provider-id {provider}");
        }
        command
    };
    let mut command = command;
    if let Some(seconds) = call.get("durationSeconds").and_then(Value::as_i64) {
        let _ = write!(command, " --duration-seconds {seconds}");
    }
    if let Some(policy) = call.get("sessionPolicy").filter(|p| !p.is_null()) {
        let _ = write!(command, " --policy {}", shell_quote(&compact(policy)));
    }
    let _ = writeln!(out, "{command}");
}

/// The AWS CLI commands that rebuild `world` in a sandbox and play its action, with comments in
/// `lang`.
pub fn aws_cli_script(world: &Value, lang: Lang) -> String {
    let mut out = String::from("#!/bin/sh\n");
    let name = world.get("name").and_then(Value::as_str).unwrap_or("Omen world");
    let _ = writeln!(
        out,
        "# {}",
        say(
            lang,
            &format!("Rebuild \"{name}\" with the AWS CLI, in a sandbox account only."),
            &format!("「{name}」を AWS CLI で再現します。サンドボックスのアカウントだけで実行してください。")
        )
    );
    let _ = writeln!(out, "# {}", say(lang,
        "Replace the account ids with your sandbox's. Profiles: admin-ACCOUNT is an administrator of that account; a user's or role session's profile is named after it.",
        "アカウント ID はサンドボックスのものに置き換えてください。プロファイル: admin-ACCOUNT はそのアカウントの管理者、ユーザーやロールセッションのプロファイルはその名前です。"));
    out.push_str("set -eu\n");
    setup(&mut out, world, lang);
    if let Some(action) = world.get("action") {
        if let Some(pass) = action.get("passRole") {
            pass_role(&mut out, pass, world, lang);
        }
        let first = action.get("assumeRole").map(|call| (call, None)).or_else(|| {
            [("assumeRoleWithWebIdentity", false), ("assumeRoleWithSaml", true)]
                .into_iter()
                .find_map(|(key, saml)| action.get(key).map(|call| (call, Some(saml))))
        });
        if let Some((first, federated)) = first {
            let _ = writeln!(out, "\n# {}", say(lang, "The action: put the mask on. STS returns an access key ID, a secret access key and a session token.", "アクション: お面をかぶります。STS はアクセスキー ID・シークレットアクセスキー・セッショントークンを返します。"));
            match federated {
                None => assume_role(&mut out, first, true, lang),
                Some(saml) => federated_call(&mut out, first, saml, lang),
            }
            for hop in action.get("chain").and_then(Value::as_array).into_iter().flatten() {
                assume_role(&mut out, hop, false, lang);
            }
            let then: Vec<String> = action
                .get("then")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|t| {
                    t.as_str()
                        .map(str::to_string)
                        .or_else(|| t.get("action").and_then(Value::as_str).map(str::to_string))
                })
                .collect();
            if !then.is_empty() {
                let _ = writeln!(out, "# {}", say(lang,
                    &format!("With the session's credentials: aws sts get-caller-identity shows the session ARN; then try {}.", then.join(", ")),
                    &format!("セッションの認証情報で aws sts get-caller-identity を実行するとセッションの ARN が表示されます。続けて {} を試します。", then.join(", "))));
                out.push_str("aws sts get-caller-identity\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::adapter::preset_world;

    fn script(preset: &str) -> String {
        let world: Value = serde_json::from_str(preset_world(preset).unwrap()).unwrap();
        aws_cli_script(&world, Lang::En)
    }

    #[test]
    fn quotes_for_the_shell() {
        assert_eq!(shell_quote("EC2-roles-for-XYZ"), "EC2-roles-for-XYZ");
        assert_eq!(shell_quote("{\"a\": 1}"), "'{\"a\": 1}'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    /// The seed launch (seed 000): the user with the managed policy attached, the role with its
    /// trust policy and instance profile, and the launch.
    #[test]
    fn rebuilds_the_seed_launch() {
        let text = script("ec2-full-access-without-passrole");
        let expected = [
            "aws iam create-user --user-name test-user --profile admin-111122223333",
            "aws iam attach-user-policy --user-name test-user --policy-arn arn:aws:iam::aws:policy/AmazonEC2FullAccess --profile admin-111122223333",
            "aws iam create-role --role-name EC2-roles-for-XYZ --assume-role-policy-document '{",
            "aws iam attach-role-policy --role-name EC2-roles-for-XYZ --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "aws iam create-instance-profile --instance-profile-name EC2-roles-for-XYZ",
            "aws iam add-role-to-instance-profile --instance-profile-name EC2-roles-for-XYZ --role-name EC2-roles-for-XYZ",
            "aws ec2 run-instances --image-id ami-EXAMPLE --instance-type t3.micro --iam-instance-profile Name=EC2-roles-for-XYZ --region us-east-1 --profile test-user",
        ];
        for line in expected {
            assert!(text.contains(line), "missing {line}\n{text}");
        }
    }

    /// Role chaining (seed 001): session tags, transitive keys, source identity; the second hop
    /// with the first session's credentials.
    #[test]
    fn rebuilds_a_chain() {
        let text = script("role-chaining");
        assert!(text.contains("aws sts assume-role --role-arn arn:aws:iam::111122223333:role/RoleA --role-session-name alice --tags Key=project,Value=omen Key=team,Value=blue --transitive-tag-keys project --source-identity alice --profile alice"), "{text}");
        assert!(text.contains("Role chaining: call with the previous session's credentials"));
        assert!(text.contains("aws sts assume-role --role-arn arn:aws:iam::111122223333:role/RoleB --role-session-name alice-hop2 --duration-seconds 3600\n"));
        assert!(text.contains("--max-session-duration 43200"));
    }

    /// An AWS managed policy under a path is attached by its own ARN; one still attached by
    /// reference (the page waiting for its catalogue) is attached all the same.
    #[test]
    fn attaches_aws_managed_policies_by_their_arn() {
        let world = crate::workshop::challenge("rds-monitoring").unwrap().start_world().unwrap();
        let text = aws_cli_script(&world, Lang::En);
        assert!(
            text.contains("--policy-arn arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
            "{text}"
        );
        assert!(!text.contains("put-role-policy --role-name RDS-Monitoring-Role --policy-name AmazonRDS"), "{text}");
        let mut waiting = world;
        waiting["roles"][0]["policies"][0] =
            "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole".into();
        let text = aws_cli_script(&waiting, Lang::En);
        assert!(
            text.contains("--policy-arn arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
            "{text}"
        );
    }

    #[test]
    fn writes_the_mfa_and_external_id_parameters() {
        let text = script("external-id");
        assert!(text.contains("--external-id Omen-7f3a-Example --profile vendor-bot"), "{text}");
        let text = script("mfa-required");
        assert!(text.contains("--serial-number arn:aws:iam::111122223333:mfa/carol --token-code 123456"), "{text}");
    }

    /// A federated call (issue 7): `assume-role-with-web-identity` with the role, the session
    /// name, the identity provider's token as a file, the session policy and duration the world
    /// sets, and no profile (the call needs no AWS credentials); then the chain and the session's
    /// actions as for AssumeRole.
    #[test]
    fn writes_assume_role_with_web_identity() {
        let world = serde_json::json!({
            "roles": [{"arn": "arn:aws:iam::111122223333:role/GitHubDeploy", "trustPolicy": "{}"}],
            "action": {
                "assumeRoleWithWebIdentity": {
                    "provider": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                    "role": "arn:aws:iam::111122223333:role/GitHubDeploy",
                    "roleSessionName": "gh-run-42",
                    "durationSeconds": 900,
                    "sessionPolicy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}"
                },
                "chain": [{"role": "arn:aws:iam::111122223333:role/Next", "roleSessionName": "hop2"}],
                "then": [{"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]
            }
        });
        let text = aws_cli_script(&world, Lang::En);
        let expected = "aws sts assume-role-with-web-identity --role-arn arn:aws:iam::111122223333:role/GitHubDeploy \
                        --role-session-name gh-run-42 --web-identity-token file://token.jwt --duration-seconds 900 \
                        --policy '{\"Statement\":[{\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}'\n";
        assert!(text.contains(expected), "{text}");
        assert!(text.contains("# No AWS credentials: the identity provider's token is the proof. Save the ID token (OAuth 2.0: access token) that arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com issued as token.jwt.\n"), "{text}");
        assert!(text.contains("Role chaining: call with the previous session's credentials"), "{text}");
        assert!(
            text.contains(
                "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/Next --role-session-name hop2\n"
            ),
            "{text}"
        );
        assert!(text.contains("aws sts get-caller-identity\n"), "{text}");
        assert!(!text.contains("--provider-id"), "an OIDC ID token names its issuer: {text}");
        // The provider the call names is created first; the world says no audience, so the
        // client ID is a placeholder, said so.
        let create = "aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com \
                      --client-id-list CLIENT_ID --profile admin-111122223333\n";
        assert!(text.contains(create), "{text}");
        assert!(text.contains("# CLIENT_ID is a placeholder"), "{text}");
        // An OAuth 2.0 access token of Login with Amazon names its provider; the Japanese script
        // says where the token comes from in Japanese.
        let mut amazon = world.clone();
        amazon["action"]["assumeRoleWithWebIdentity"]["provider"] = "www.amazon.com".into();
        let text = aws_cli_script(&amazon, Lang::Ja);
        assert!(!text.contains("create-open-id-connect-provider"), "Login with Amazon is built in: {text}");
        assert!(
            text.contains("--web-identity-token file://token.jwt --provider-id www.amazon.com --duration-seconds 900"),
            "{text}"
        );
        assert!(text.contains("# AWS の認証情報は使いません。ID プロバイダーのトークンが証明です。www.amazon.com が発行した ID トークン"), "{text}");
    }

    /// AssumeRoleWithSAML: the role, the SAML provider's ARN as `--principal-arn`, the assertion
    /// as a file, no session name (the assertion carries it) and no profile.
    #[test]
    fn writes_assume_role_with_saml() {
        let world = serde_json::json!({
            "roles": [{"arn": "arn:aws:iam::111122223333:role/ExampleOrgDevelopers", "trustPolicy": "{}"}],
            "action": {
                "assumeRoleWithSaml": {
                    "provider": "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSO",
                    "role": "arn:aws:iam::111122223333:role/ExampleOrgDevelopers",
                    "roleSessionName": "jane@example.com",
                    "durationSeconds": 1800
                }
            }
        });
        let text = aws_cli_script(&world, Lang::En);
        let expected = "aws sts assume-role-with-saml --role-arn arn:aws:iam::111122223333:role/ExampleOrgDevelopers \
                        --principal-arn arn:aws:iam::111122223333:saml-provider/ExampleOrgSSO \
                        --saml-assertion file://assertion.b64 --duration-seconds 1800\n";
        assert!(text.contains(expected), "{text}");
        assert!(text.contains("the session name comes from its RoleSessionName attribute."), "{text}");
        assert!(!text.contains("--role-session-name"), "{text}");
        let played: Vec<&str> = text.lines().filter(|line| line.starts_with("aws sts")).collect();
        assert_eq!(played.len(), 1, "{text}");
        assert!(!played[0].contains("--profile"), "{text}");
        assert!(
            text.contains("aws iam create-saml-provider --name ExampleOrgSSO --saml-metadata-document file://ExampleOrgSSO-metadata.xml --profile admin-111122223333\n"),
            "{text}"
        );
    }

    /// The OIDC provider a role's trust policy names is created before the role
    /// (CreateOpenIDConnectProvider, IAM API Reference), its client IDs the audiences the trust
    /// conditions pin (`HOST:aud`; a wildcard is no client ID), no thumbprint (optional); the
    /// world's `identityProviders`, when listed, are the providers there are, with their own
    /// `clientIds`; a provider outside the accounts the script creates roles in, and the web
    /// identity providers AWS builds in (Cognito here), are not created.
    #[test]
    fn creates_the_oidc_provider_a_trust_policy_names() {
        let github = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
        let trust = |federated: &str, condition: Value| {
            serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Federated": federated}, "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": condition}]})
            .to_string()
        };
        let github_condition = |aud: &str| {
            serde_json::json!({"StringEquals": {"token.actions.githubusercontent.com:aud": aud},
                               "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/*"}})
        };
        let mut world = serde_json::json!({
            "roles": [
                {"arn": "arn:aws:iam::111122223333:role/GitHubDeploy", "trustPolicy": trust(github, github_condition("sts.amazonaws.com"))},
                {"arn": "arn:aws:iam::111122223333:role/CognitoUsers", "trustPolicy": trust("cognito-identity.amazonaws.com",
                    serde_json::json!({"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:example-pool"}}))},
                {"arn": "arn:aws:iam::111122223333:role/Elsewhere",
                 "trustPolicy": trust("arn:aws:iam::999999999999:oidc-provider/gitlab.example.com", serde_json::json!({}))}
            ]
        });
        let text = aws_cli_script(&world, Lang::En);
        let create = "aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com \
                      --client-id-list sts.amazonaws.com --profile admin-111122223333\n";
        let at = text.find(create).unwrap_or_else(|| panic!("{text}"));
        assert!(at < text.find("aws iam create-role").unwrap(), "the provider comes before the roles: {text}");
        assert_eq!(text.matches("create-open-id-connect-provider").count(), 1, "{text}");
        let commands: Vec<&str> = text.lines().filter(|line| line.starts_with("aws ")).collect();
        assert!(commands.iter().all(|line| !line.contains("--thumbprint-list")), "{text}");
        assert!(!text.contains("CLIENT_ID"), "{text}");
        assert!(text.contains(
            "# IAM identity provider arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\n"
        ));
        // A wildcard audience is no client ID: the placeholder, said so.
        world["roles"][0]["trustPolicy"] = trust(github, github_condition("sts.*")).into();
        let text = aws_cli_script(&world, Lang::Ja);
        assert!(text.contains("--client-id-list CLIENT_ID --profile admin-111122223333"), "{text}");
        assert!(text.contains("# CLIENT_ID は仮の値です。"), "{text}");
        // Listed providers are all there are, with their own client IDs.
        world["identityProviders"] =
            serde_json::json!([{"arn": github, "clientIds": ["sigstore", "sts.amazonaws.com"]}]);
        let text = aws_cli_script(&world, Lang::En);
        assert!(text.contains("--client-id-list sigstore sts.amazonaws.com --profile admin-111122223333\n"), "{text}");
        world["identityProviders"] = serde_json::json!([]);
        let text = aws_cli_script(&world, Lang::En);
        assert!(!text.contains("create-open-id-connect-provider"), "{text}");
    }

    /// The SAML provider a role's trust policy names is created before the role
    /// (CreateSAMLProvider, IAM API Reference), from the metadata document the identity provider
    /// publishes, which the comment says to save.
    #[test]
    fn creates_the_saml_provider_a_trust_policy_names() {
        let saml = "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSO";
        let world = serde_json::json!({
            "roles": [{"arn": "arn:aws:iam::111122223333:role/ExampleOrgDevelopers",
                       "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                           "Principal": {"Federated": [saml]}, "Action": "sts:AssumeRoleWithSAML",
                           "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}}]
        });
        let text = aws_cli_script(&world, Lang::En);
        let create = "aws iam create-saml-provider --name ExampleOrgSSO --saml-metadata-document file://ExampleOrgSSO-metadata.xml --profile admin-111122223333\n";
        let at = text.find(create).unwrap_or_else(|| panic!("{text}"));
        assert!(at < text.find("aws iam create-role").unwrap(), "{text}");
        assert!(text.contains("# The SAML metadata document comes from your identity provider (its federation metadata XML): save it as ExampleOrgSSO-metadata.xml.\n"), "{text}");
        assert!(!text.contains("create-open-id-connect-provider"), "{text}");
        let text = aws_cli_script(&world, Lang::Ja);
        assert!(text.contains("# SAML メタデータドキュメントは ID プロバイダーから入手します"), "{text}");
    }
}
