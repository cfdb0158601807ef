//! The worker's answers, natively, on the real catalogues (`omen-catalogue`).

use super::*;
use serde_json::{json, Value};

fn loaded() -> Value {
    let answer = load(omen_catalogue::SERVICE_REFERENCE);
    serde_json::from_str(&answer).unwrap()
}

#[test]
fn load_counts_the_catalogue() {
    let answer = loaded();
    assert_eq!(answer["op"], "ready");
    if omen_catalogue::GENERATED {
        assert!(answer["actions"].as_u64().unwrap() > 10_000, "{answer}");
        assert!(answer.get("error").is_none(), "{answer}");
    }
}

fn lint(text: &str, kind: &str, lang: &str) -> Value {
    let request = json!({"op": "lint", "id": 7, "text": text, "kind": kind, "lang": lang});
    serde_json::from_str(&handle(&request.to_string())).unwrap()
}

fn mark_of<'a>(answer: &'a Value, code: &str) -> Option<&'a Value> {
    answer["marks"].as_array().unwrap().iter().find(|m| m[3].as_str().unwrap_or("").starts_with(&format!("{code}:")))
}

// "Actions, resources, and condition keys for Amazon EC2": `ec2:RunInstances`, not `ec2:RunInstance`.
#[test]
fn lint_answers_with_the_request_id_the_underlines_the_list_and_the_fixes() {
    loaded();
    let text = "{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstance\",\"Resource\":\"*\"}]}";
    let answer = lint(text, "identity", "en");
    assert_eq!(answer["id"], 7);
    if omen_catalogue::GENERATED {
        let mark = mark_of(&answer, "INVALID_ACTION").unwrap();
        let range = (mark[0].as_u64().unwrap() as usize, mark[1].as_u64().unwrap() as usize);
        assert_eq!(&text[range.0..range.1], "\"ec2:RunInstance\"");
        assert_eq!(mark[2], "diag-warning");
        assert!(mark[3].as_str().unwrap().contains("ec2:RunInstances"), "{mark}");
        let at = answer["marks"].as_array().unwrap().iter().position(|m| m == mark).unwrap();
        let html = answer["items"][at].as_str().unwrap();
        assert!(html.contains("data-code=\"INVALID_ACTION\""), "{html}");
        // Line 2, column 41 (the opening quote); the place button selects the same range.
        assert!(html.contains(&format!("data-go=\"{} {}\"", range.0, range.1)), "{html}");
        assert!(html.contains(">2:41</button>"), "{html}");
        assert!(html.contains("data-fix=\"0\""), "{html}");
        assert!(html.contains("href=\"https://docs.aws.amazon.com/"), "{html}");
        assert_eq!(answer["fixes"][0][0][2], "\"ec2:RunInstances\"");
    }
}

// "IAM JSON policy elements: Principal": no principal in an identity-based policy; AWS's answer
// is shown with the save-time error, in Japanese too.
#[test]
fn save_time_errors_come_with_the_findings_and_aws_answer_in_japanese() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#;
    let answer = lint(text, "identity", "ja");
    let mark = mark_of(&answer, "principal-not-allowed").unwrap();
    assert_eq!(mark[2], "diag-error");
    let at = answer["marks"].as_array().unwrap().iter().position(|m| m == mark).unwrap();
    let html = answer["items"][at].as_str().unwrap();
    assert!(html.contains("data-severity=\"エラー\""), "{html}");
    assert!(html.contains("IAM はこのポリシーの保存を拒否します: "), "{html}");
    assert!(html.contains("MalformedPolicyDocument: Policy document should not specify a principal."), "{html}");
}

// What a user types reaches the page's list as text, never as markup.
#[test]
fn user_text_is_escaped_in_the_list() {
    loaded();
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:<img src=x onerror=alert(1)>","Resource":"*"}]}"#;
    let answer = lint(text, "identity", "en");
    assert_eq!(answer["items"].as_array().unwrap().len(), answer["marks"].as_array().unwrap().len());
    let html: String = answer["items"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
    assert_eq!(render::escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

#[test]
fn a_request_that_is_not_one_says_why() {
    let answer: Value = serde_json::from_str(&handle(r#"{"id": 3, "op": "fly"}"#)).unwrap();
    assert_eq!(answer["id"], 3);
    assert!(answer["error"].as_str().is_some());
}

// "Actions, resources, and condition keys for Amazon EC2": `ec2:RunI` completes to `ec2:RunInstances`.
#[test]
fn completion_answers_the_range_and_the_actions() {
    loaded();
    let text = r#"{"Statement": [{"Effect": "Allow", "Action": "ec2:RunI"}]}"#;
    let at = text.find("RunI").unwrap() + 4;
    let request = json!({"op": "complete", "id": 9, "text": text, "at": at, "list": "ed-completions"});
    let answer: Value = serde_json::from_str(&handle(&request.to_string())).unwrap();
    assert_eq!(answer["id"], 9);
    assert_eq!(&text[answer["from"].as_u64().unwrap() as usize..answer["to"].as_u64().unwrap() as usize], "ec2:RunI");
    if omen_catalogue::GENERATED {
        assert_eq!(answer["labels"][0], "ec2:RunInstances");
        let html = answer["html"].as_str().unwrap();
        assert!(
            html.starts_with(
                "<li role=\"option\" id=\"ed-completions-0\" data-index=\"0\" aria-selected=\"true\" class=\"completion-item selected\" data-kind=\"action\"><span class=\"completion-label mono\">ec2:RunInstances</span><span class=\"completion-detail\">Write</span></li>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("<li ").count(), answer["labels"].as_array().unwrap().len());
    }
}

// "Actions, resources, and condition keys for AWS Identity and Access Management":
// `iam:PassedToService` applies to `iam:PassRole`.
#[test]
fn completion_offers_the_condition_keys_of_the_statement_actions() {
    loaded();
    let text = r#"{"Statement": [{"Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:Pa"#;
    let request = json!({"op": "complete", "id": 1, "text": text, "at": text.len()});
    let answer: Value = serde_json::from_str(&handle(&request.to_string())).unwrap();
    if omen_catalogue::GENERATED {
        let labels: Vec<&str> = answer["labels"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(labels.contains(&"iam:PassedToService"), "{labels:?}");
    }
}

// "Actions, resources, and condition keys for AWS Identity and Access Management": `iam:Pass*`
// names `iam:PassRole`; `*` is every action of every service.
#[test]
fn explain_tells_what_an_action_or_a_wildcard_names() {
    loaded();
    load_descriptions(omen_catalogue::ACTION_DESCRIPTIONS);
    let ask = |text: &str, inside: &str, lang: &str| -> String {
        let at = text.find(inside).unwrap() + 1;
        let request = json!({"op": "explain", "id": 2, "text": text, "at": at, "lang": lang});
        let answer: Value = serde_json::from_str(&handle(&request.to_string())).unwrap();
        answer["html"].as_str().unwrap().to_owned()
    };
    let text = r#"{"Statement": [{"Action": ["iam:Pass*", "*", "iam:PassRole"], "Resource": "*"}]}"#;
    if omen_catalogue::GENERATED {
        let wildcard = ask(text, "iam:Pass*", "en");
        assert!(wildcard.contains("iam:Pass*</strong> names "), "{wildcard}");
        assert!(wildcard.contains("iam:PassRole"), "{wildcard}");
        assert!(ask(text, "iam:Pass*", "ja").contains("個のアクションに一致します"));
        let everything = ask(text, "\"*\",", "en");
        assert!(everything.contains("every action of every service"), "{everything}");
        let one = ask(text, "iam:PassRole\"", "en");
        assert!(one.starts_with("<strong class=\"mono\">iam:PassRole</strong> — Write"), "{one}");
        assert!(one.contains("Grants permission to pass a role"), "{one}");
        assert!(one.contains("href=\"https://docs.aws.amazon.com/"), "{one}");
        assert!(ask(text, "iam:PassRole\"", "ja").contains("書き込み"));
    }
    // A resource is no action: nothing to say.
    assert_eq!(ask(text, "*\"}", "en"), "");
}

// "IAM JSON policy elements: Condition operators" and the service authorization reference: the
// caret on an operator says what it compares; on a key, its type and whose key it is, and a
// multivalued key written without a set qualifier says so ("Multivalued context keys").
#[test]
fn explain_tells_what_a_condition_operator_or_key_is() {
    loaded();
    let ask = |text: &str, inside: &str, lang: &str| -> String {
        let at = text.find(inside).unwrap() + 1;
        let request = json!({"op": "explain", "id": 3, "text": text, "at": at, "lang": lang});
        let answer: Value = serde_json::from_str(&handle(&request.to_string())).unwrap();
        answer["html"].as_str().unwrap().to_owned()
    };
    let text = r#"{"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
        "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com", "aws:TagKeys": "team"},
                      "StringEqual": {"iam:PassedToService": "x"}}}]}"#;
    let operator = ask(text, "StringEquals", "en");
    assert!(
        operator.starts_with("<strong class=\"mono\">StringEquals</strong> — compares strings exactly"),
        "{operator}"
    );
    assert!(ask(text, "StringEquals", "ja").contains("完全一致"));
    assert_eq!(ask(text, "StringEqual\"", "en"), "", "an unknown operator: the findings say so");
    if omen_catalogue::GENERATED {
        let key = ask(text, "iam:PassedToService", "en");
        assert!(key.contains("iam:PassedToService</strong> — <span class=\"mono\">String</span>"), "{key}");
        assert!(key.contains("Condition keys of — AWS Identity and Access Management (IAM)"), "{key}");
        let tag_keys = ask(text, "aws:TagKeys", "en");
        assert!(tag_keys.contains("A multivalued key") && tag_keys.contains("global"), "{tag_keys}");
    }
    // A condition value is neither: nothing to say.
    assert_eq!(ask(text, "ec2.amazonaws.com", "en"), "");
}

fn ask(request: Value) -> Value {
    serde_json::from_str(&handle(&request.to_string())).unwrap()
}

fn with_managed() {
    loaded();
    assert_eq!(load_managed(omen_catalogue::MANAGED_POLICIES), omen_catalogue::GENERATED);
}

// "AWS managed policies": the picker finds them by name, in English and Japanese.
#[test]
fn the_picker_finds_managed_policies_by_name() {
    with_managed();
    if !omen_catalogue::GENERATED {
        return;
    }
    let world = json!({"users": [{"name": "alice", "groups": [{"name": "<devs>"}]}], "roles": [{"arn": "arn:aws:iam::111122223333:role/path/Builder"}]});
    let form = ask(json!({"op": "managed", "id": 3, "form": true, "query": "ec2 full", "world": world, "lang": "en"}));
    assert_eq!(form["id"], 3);
    let html = form["html"].as_str().unwrap();
    assert!(html.contains("data-pick=\"AmazonEC2FullAccess\""), "{html}");
    assert!(!html.contains("data-pick=\"AmazonS3ReadOnlyAccess\""), "{html}");
    assert!(html.contains("<option value=\"/users/0\" data-boundary=\"1\">user alice</option>"), "{html}");
    // A group takes no permissions boundary, and its label is escaped.
    assert!(html.contains("<option value=\"/users/0/groups/0\">group &lt;devs&gt;</option>"), "{html}");
    // A role named by its ARN only.
    assert!(html.contains("<option value=\"/roles/0\" data-boundary=\"1\">role Builder</option>"), "{html}");
    let list = ask(json!({"op": "managed", "id": 4, "query": "S3ReadOnly", "lang": "ja"}));
    let html = list["html"].as_str().unwrap();
    assert!(html.contains("data-pick=\"AmazonS3ReadOnlyAccess\""), "{html}");
    assert!(html.contains("AWS 管理ポリシー"), "{html}");
    assert!(!html.contains("<select"), "only the list: {html}");
    // Everything matches an empty query; the list is cut and says so.
    let all = ask(json!({"op": "managed", "id": 5, "query": "", "lang": "en"}));
    let html = all["html"].as_str().unwrap();
    assert_eq!(html.matches("data-testid=\"picker-item\"").count(), picker::LISTED, "{html}");
    assert!(html.contains("type to narrow"), "{html}");
    let none = ask(json!({"op": "managed", "id": 6, "query": "NoSuchPolicyAnywhere", "lang": "en"}));
    assert!(none["html"].as_str().unwrap().contains("0 AWS managed policies"), "{none}");
}

// "IAM user groups": a group of the world is one group however many users are in it; the picker
// offers it once, where its policies are (`/groups/N`), not each member's membership.
#[test]
fn the_picker_offers_a_group_of_the_world_once() {
    with_managed();
    if !omen_catalogue::GENERATED {
        return;
    }
    let world = json!({
        "users": [{"name": "a", "groups": [{"name": "Deployers"}, {"name": "own", "policies": []}]},
                  {"name": "b", "groups": [{"name": "Deployers"}]}],
        "groups": [{"name": "Deployers", "policies": []}]
    });
    let form = ask(json!({"op": "managed", "id": 15, "form": true, "query": "", "world": world, "lang": "en"}));
    let html = form["html"].as_str().unwrap();
    assert_eq!(html.matches(">group Deployers</option>").count(), 1, "{html}");
    assert!(html.contains("<option value=\"/groups/0\">group Deployers</option>"), "{html}");
    assert!(html.contains("<option value=\"/users/0/groups/1\">group own</option>"), "{html}");
    let attached = ask(json!({"op": "attach", "id": 16, "arn": "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
        "owner": "/groups/0", "world": world, "lang": "en"}));
    assert_eq!(attached["said"], "AmazonEC2FullAccess attached to group Deployers.");
    let boundary = ask(json!({"op": "attach", "id": 17, "arn": "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
        "owner": "/groups/0", "boundary": true, "world": world, "lang": "en"}));
    assert!(boundary.get("policy").is_none(), "{boundary}");
}

// A story's ReadOnlyAccess, attached by ARN (too large for the page's first load), filled in
// from the managed-policy catalogue; by name too; an unknown one is an error.
#[test]
fn a_policy_attached_by_reference_is_resolved() {
    with_managed();
    if !omen_catalogue::GENERATED {
        return;
    }
    let by_arn = ask(json!({"op": "resolve", "id": 18, "reference": "arn:aws:iam::aws:policy/ReadOnlyAccess"}));
    assert_eq!(by_arn["id"], 18);
    assert_eq!(by_arn["policy"]["name"], "ReadOnlyAccess");
    assert!(by_arn["policy"]["document"].as_str().unwrap().contains("\"s3:Get*\""), "{by_arn}");
    let by_name = ask(json!({"op": "resolve", "id": 19, "reference": "AmazonEC2FullAccess"}));
    assert_eq!(by_name["policy"]["arn"], "arn:aws:iam::aws:policy/AmazonEC2FullAccess");
    let unknown = ask(json!({"op": "resolve", "id": 20, "reference": "arn:aws:iam::aws:policy/ReadOnlyAcess"}));
    assert!(unknown.get("policy").is_none());
    assert!(unknown["error"].as_str().unwrap().contains("ReadOnlyAccess"), "{unknown}");
}

#[test]
fn the_picker_previews_and_fills_in_a_policy_by_arn() {
    with_managed();
    if !omen_catalogue::GENERATED {
        return;
    }
    let preview = ask(json!({"op": "preview", "id": 8, "name": "AmazonEC2FullAccess", "lang": "ja"}));
    let html = preview["html"].as_str().unwrap();
    assert!(html.contains("arn:aws:iam::aws:policy/AmazonEC2FullAccess"), "{html}");
    assert!(html.contains("&quot;ec2:*&quot;"), "the document, escaped: {html}");
    assert!(html.contains("アクセス許可の境界に設定"), "{html}");
    let world = json!({"roles": [{"name": "rds-monitoring"}], "users": [{"name": "u", "groups": [{"name": "g"}]}]});
    let attached = ask(
        json!({"op": "attach", "id": 9, "arn": "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        "owner": "/roles/0", "boundary": true, "world": world, "lang": "en"}),
    );
    assert_eq!(attached["id"], 9);
    assert_eq!(
        attached["said"],
        "AmazonRDSEnhancedMonitoringRole is now the permissions boundary of role rds-monitoring."
    );
    assert_eq!(attached["policy"]["name"], "AmazonRDSEnhancedMonitoringRole");
    assert_eq!(attached["policy"]["awsManaged"], true);
    assert_eq!(attached["policy"]["arn"], "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
    // The document as the page's editors hold it: JSON text, printed as AWS prints it.
    let document = attached["policy"]["document"].as_str().unwrap();
    assert!(document.starts_with("{\n    \"Version\": \"2012-10-17\",\n    \"Statement\""), "{document}");
    // A name that is no AWS managed policy is refused with its did-you-mean.
    let refused = ask(json!({"op": "attach", "id": 10, "arn": "arn:aws:iam::aws:policy/AmazonEC2FulAccess"}));
    assert_eq!(refused["id"], 10);
    assert!(refused["error"].as_str().unwrap().contains("AmazonEC2FullAccess"), "{refused}");
    assert!(refused.get("policy").is_none());
    // "IAM user groups": a group has no permissions boundary.
    let group = ask(json!({"op": "attach", "id": 13, "arn": "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
        "owner": "/users/0/groups/0", "boundary": true, "world": world, "lang": "ja"}));
    assert!(group.get("policy").is_none(), "{group}");
    assert!(group["said"].as_str().unwrap().contains("グループにはアクセス許可の境界がありません"), "{group}");
    let to_group = ask(json!({"op": "attach", "id": 14, "arn": "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
        "owner": "/users/0/groups/0", "world": world, "lang": "ja"}));
    assert_eq!(to_group["said"], "AmazonEC2FullAccess をグループ g にアタッチしました。");
}

#[test]
fn the_picker_says_when_the_managed_policies_are_not_loaded() {
    loaded();
    load_managed("");
    let list = ask(json!({"op": "managed", "id": 11, "query": "ec2", "lang": "en"}));
    assert!(list["html"].as_str().unwrap().contains("not loaded"), "{list}");
    let refused = ask(json!({"op": "attach", "id": 12, "arn": "arn:aws:iam::aws:policy/AmazonEC2FullAccess"}));
    assert!(refused["error"].is_string(), "{refused}");
}
