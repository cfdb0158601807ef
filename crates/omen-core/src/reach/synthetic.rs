//! A generated account for measuring the reach analysis at scale (issue 13: 500 users, 500 roles,
//! 1,000 policies): deterministic, with the shapes real accounts have — groups, customer managed
//! policies shared by many users, permissions boundaries, service roles and roles trusted by users
//! or the account, PassRole limited by `iam:PassedToService`, a few MFA conditions, one
//! administrator and one service-linked role.

use super::world_view::World;
use serde_json::{json, Value};

/// The generated account's id.
pub const ACCOUNT: &str = "111122223333";

const SERVICES: [&str; 4] =
    ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com"];

/// The ARN of generated user `i`.
pub fn user_arn(i: usize) -> String {
    format!("arn:aws:iam::{ACCOUNT}:user/team{}/user{i}", i % 10)
}

/// The ARN of generated role `i`.
pub fn role_arn(i: usize) -> String {
    format!("arn:aws:iam::{ACCOUNT}:role/app/role{i}")
}

fn policy(i: usize, roles: usize) -> Value {
    let role = role_arn((i * 7) % roles.max(1));
    let other = role_arn((i * 13 + 5) % roles.max(1));
    let service = SERVICES.get(i % SERVICES.len()).copied().unwrap_or("ec2.amazonaws.com");
    let mut statements = vec![
        json!({"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
               "Resource": [format!("arn:aws:s3:::bucket-{i}"), format!("arn:aws:s3:::bucket-{i}/*")]}),
        json!({"Sid": "Describe", "Effect": "Allow", "Action": ["ec2:Describe*", "logs:Get*", "cloudwatch:List*"], "Resource": "*"}),
    ];
    match i % 5 {
        0 => statements.push(json!({"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": role,
                                    "Condition": {"StringEquals": {"iam:PassedToService": service}}})),
        1 => statements.push(json!({"Sid": "Assume", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": other})),
        2 => statements.push(json!({"Sid": "Run", "Effect": "Allow",
                                    "Action": ["ec2:RunInstances", "lambda:CreateFunction", "lambda:InvokeFunction", "ecs:RunTask"],
                                    "Resource": "*"})),
        3 => statements.push(json!({"Sid": "NoIam", "Effect": "Deny", "Action": ["iam:Put*", "iam:Attach*"], "Resource": "*"})),
        _ => statements.push(json!({"Sid": "Tagged", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": other,
                                    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})),
    }
    json!({"name": format!("policy{i}"), "document": {"Version": "2012-10-17", "Statement": statements}})
}

/// An account of `users` users, `roles` roles and `policies` customer managed policies (at least
/// one of each), as a [`World`].
pub fn account(users: usize, roles: usize, policies: usize) -> World {
    organization(1, users, roles, policies)
}

/// `accounts` such accounts in one world (ids `111122223333`, then `100000000001`, …); the
/// first account's roles that trust an account trust the next account too (cross-account edges).
pub fn organization(accounts: usize, users: usize, roles: usize, policies: usize) -> World {
    let mut world = World::default();
    for index in 0..accounts.max(1) {
        let id = if index == 0 { ACCOUNT.to_string() } else { format!("{:012}", 100_000_000_000_u64 + index as u64) };
        let next =
            if index + 1 < accounts { Some(format!("{:012}", 100_000_000_001_u64 + index as u64)) } else { None };
        let one = one_account(users, roles, policies);
        let text = one.replace(ACCOUNT, &id);
        let text = match &next {
            Some(next) => text.replace(&format!("arn:aws:iam::{id}:root"), &format!("arn:aws:iam::{next}:root")),
            None => text,
        };
        if let Ok(part) = World::from_json(&text) {
            world.accounts.extend(part.accounts);
            world.users.extend(part.users);
            world.roles.extend(part.roles);
            world.name = part.name;
        }
    }
    world
}

fn one_account(users: usize, roles: usize, policies: usize) -> String {
    let policies = policies.max(1);
    let all: Vec<Value> = (0..policies).map(|i| policy(i, roles)).collect();
    let pick = |i: usize| all.get(i % policies).cloned().unwrap_or(Value::Null);
    let boundary = json!({"name": "DeveloperBoundary", "document": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]}});
    let users_json: Vec<Value> = (0..users)
        .map(|i| {
            let mut user = json!({
                "arn": user_arn(i),
                "policies": [pick(i * 2), pick(i * 2 + 1)],
                "groups": [{"name": format!("group{}", i % 20), "policies": [pick(i % 20 + 500), pick(i % 20 + 700)]}],
                "tags": {"team": format!("team{}", i % 10)},
            });
            let fields = user.as_object_mut();
            if let (true, Some(fields)) = (i % 4 == 0 && i != 0, fields) {
                fields.insert("permissionsBoundary".into(), boundary.clone());
            }
            if let (true, Some(fields)) = (i == 0, user.as_object_mut()) {
                fields.insert(
                    "policies".into(),
                    json!([{"name": "AdministratorAccess", "document": {"Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]),
                );
            }
            user
        })
        .collect();
    let mut roles_json: Vec<Value> = (0..roles)
        .map(|i| {
            let principal = match i % 3 {
                0 => json!({"Service": SERVICES.get(i % SERVICES.len()).copied().unwrap_or("ec2.amazonaws.com")}),
                1 => json!({"AWS": format!("arn:aws:iam::{ACCOUNT}:root")}),
                _ => json!({"AWS": user_arn((i * 3) % users.max(1))}),
            };
            json!({
                "arn": role_arn(i),
                "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]},
                "policies": [pick(i + 300), pick(i + 800)],
                "tags": {"app": format!("app{}", i % 25)},
            })
        })
        .collect();
    roles_json.push(json!({
        "arn": format!("arn:aws:iam::{ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"),
        "serviceLinked": true,
        "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "autoscaling.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "policies": [],
    }));
    let world = json!({"name": format!("generated: {users} users, {roles} roles, {policies} policies"),
                       "accounts": [{"id": ACCOUNT}], "users": users_json, "roles": roles_json});
    world.to_string()
}
