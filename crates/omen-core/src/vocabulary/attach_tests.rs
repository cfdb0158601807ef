//! Attaching AWS managed policies by ARN or name ("Managed policies and inline policies": AWS
//! managed policies), on the test slice of the catalogue (six AWS managed policies).

use super::tests::{slice, SLICE_MANAGED};
use super::*;
use crate::lang::Lang;
use serde_json::{json, Value};

fn catalogue_then<T>(run: impl FnOnce(ManagedCatalogue<'_>) -> T) -> T {
    let reference = slice();
    let policies = ManagedPolicies::parse(SLICE_MANAGED).unwrap();
    run(ManagedCatalogue { policies: &policies, reference: &reference })
}

fn world_with(policies: Value, boundary: Value) -> Value {
    json!({
        "users": [{"name": "test-user", "policies": policies, "permissionsBoundary": boundary}],
        "roles": [{"name": "R", "policies": [{"name": "Inline", "document": {"Version": "2012-10-17", "Statement": []}}]}]
    })
}

// "Managed policies and inline policies": an AWS managed policy attached by ARN, by name or as a
// bare ARN gets its default version's document, read-only.
#[test]
fn every_way_of_naming_an_aws_managed_policy_attaches_its_document() {
    let cases = [
        json!("arn:aws:iam::aws:policy/AmazonEC2FullAccess"),
        json!({"arn": "arn:aws:iam::aws:policy/AmazonEC2FullAccess"}),
        json!({"name": "AmazonEC2FullAccess", "awsManaged": true}),
    ];
    for case in cases {
        let mut world = world_with(json!([case.clone()]), json!("arn:aws:iam::aws:policy/AdministratorAccess"));
        let problems = catalogue_then(|catalogue| attach_managed_policies(&mut world, Some(catalogue)));
        assert_eq!(problems, [], "{case}");
        let attached = &world["users"][0]["policies"][0];
        assert_eq!(attached["name"], "AmazonEC2FullAccess", "{case}");
        assert_eq!(attached["arn"], "arn:aws:iam::aws:policy/AmazonEC2FullAccess");
        assert_eq!(attached["awsManaged"], true);
        assert_eq!(attached["document"]["Version"], "2012-10-17");
        let text = attached["document"].to_string();
        assert!(text.contains("\"ec2:*\""), "{text}");
        let boundary = &world["users"][0]["permissionsBoundary"];
        assert_eq!(boundary["name"], "AdministratorAccess");
        assert_eq!(boundary["document"]["Statement"][0]["Action"], "*");
    }
}

// "IAM identifiers": an AWS managed policy's ARN has its path (`service-role/`).
#[test]
fn a_path_is_part_of_the_arn() {
    let mut world = world_with(
        json!([
            "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
            "arn:aws:iam::aws:policy/AmazonRDSEnhancedMonitoringRole"
        ]),
        Value::Null,
    );
    let problems = catalogue_then(|catalogue| attach_managed_policies(&mut world, Some(catalogue)));
    assert_eq!(world["users"][0]["policies"][0]["name"], "AmazonRDSEnhancedMonitoringRole");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].pointer, "/users/0/policies/1");
    assert!(matches!(problems[0].problem, AttachProblem::Unknown { .. }));
}

#[test]
fn policies_with_a_document_and_customer_managed_arns_are_left_alone() {
    let customer = json!({"arn": "arn:aws:iam::111122223333:policy/Mine", "name": "Mine"});
    let mut world = world_with(json!([customer.clone()]), Value::Null);
    let before = world.clone();
    let problems = catalogue_then(|catalogue| attach_managed_policies(&mut world, Some(catalogue)));
    assert_eq!((problems, &world), (Vec::new(), &before));
    assert!(!attaches_by_reference(&before));
}

#[test]
fn a_misspelled_name_says_which_policy_was_meant_in_english_and_japanese() {
    let mut world = world_with(json!([{"name": "AmazonEC2FullAcess", "awsManaged": true}]), Value::Null);
    let before = world.clone();
    let problems = catalogue_then(|catalogue| attach_managed_policies(&mut world, Some(catalogue)));
    assert_eq!(world, before, "left as written");
    let [problem] = problems.as_slice() else { panic!("one problem: {problems:?}") };
    assert_eq!(problem.pointer, "/users/0/policies/0");
    assert_eq!(problem.problem, AttachProblem::Unknown { did_you_mean: Some("AmazonEC2FullAccess".to_owned()) });
    assert_eq!(problem.message(Lang::En), "`AmazonEC2FullAcess` is no AWS managed policy");
    assert_eq!(problem.help(Lang::En).as_deref(), Some("did you mean `AmazonEC2FullAccess`?"));
    assert_eq!(problem.message(Lang::Ja), "`AmazonEC2FullAcess` という AWS 管理ポリシーはありません");
    assert_eq!(problem.help(Lang::Ja).as_deref(), Some("`AmazonEC2FullAccess` のことですか？"));
    // A name far from every policy gets no guess, but where to look.
    let mut world = world_with(json!(["arn:aws:iam::aws:policy/NothingLikeIt"]), Value::Null);
    let problems = catalogue_then(|catalogue| attach_managed_policies(&mut world, Some(catalogue)));
    assert_eq!(problems[0].problem, AttachProblem::Unknown { did_you_mean: None });
    assert!(problems[0].help(Lang::En).unwrap().contains("AWS Managed Policy Reference"));
}

#[test]
fn without_the_catalogue_the_attachment_waits_and_says_why() {
    let mut world = world_with(json!(["arn:aws:iam::aws:policy/AmazonEC2FullAccess"]), Value::Null);
    let before = world.clone();
    assert!(attaches_by_reference(&world));
    let problems = attach_managed_policies(&mut world, None);
    assert_eq!(world, before);
    let [problem] = problems.as_slice() else { panic!("one problem: {problems:?}") };
    assert_eq!(problem.problem, AttachProblem::NotLoaded);
    assert_eq!(
        problem.message(Lang::En),
        "the AWS managed policy `arn:aws:iam::aws:policy/AmazonEC2FullAccess` is not attached: the managed-policy catalogue is not loaded"
    );
    assert!(problem.message(Lang::Ja).contains("管理ポリシーのカタログが読み込まれていません"));
    assert!(problem.help(Lang::Ja).is_some());
    // An empty catalogue (a build without the npm packages) is no catalogue.
    let reference = slice();
    let empty = ManagedPolicies::default();
    let problems =
        attach_managed_policies(&mut world, Some(ManagedCatalogue { policies: &empty, reference: &reference }));
    assert_eq!(problems[0].problem, AttachProblem::NotLoaded);
}
