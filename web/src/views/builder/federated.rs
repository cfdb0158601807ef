//! The fields of a federated action — `AssumeRoleWithWebIdentity` or `AssumeRoleWithSAML`: the
//! identity provider, the role, the session name and duration, and what the token (SAML: the
//! assertion) says. A GitHub Actions token is written from the workflow run (repository, ref,
//! environment, workflow, event), and its `sub` is shown as GitHub writes it ("Security hardening
//! with OpenID Connect", GitHub Docs); any other token by its `sub` and `aud` claims. Session tags
//! ride in the OIDC token's `https://aws.amazon.com/tags` claim, or in the SAML assertion's
//! `https://aws.amazon.com/SAML/Attributes/PrincipalTag:KEY` attributes ("Pass session tags in AWS
//! STS"): the trust policy must then allow `sts:TagSession`, and its conditions see them as
//! `aws:RequestTag/KEY`.

use omen_core::flow::{FederatedApi, GitHubRun};
use serde_json::{json, Map, Value};
use yew::prelude::*;

use super::say;
use super::scenario::{field, Kind};
use crate::i18n::Lang;

/// The OIDC claim that carries session tags ("Passing session tags using
/// AssumeRoleWithWebIdentity").
const TAGS_CLAIM: &str = "https://aws.amazon.com/tags";

/// The SAML attribute name before a session tag's key ("Passing session tags using
/// AssumeRoleWithSAML").
const SAML_TAG: &str = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";

/// The federated call of `world`, if its action is one: which API, and the JSON pointer of its
/// parameters.
fn federated(world: &Value) -> Option<(FederatedApi, String)> {
    [FederatedApi::WebIdentity, FederatedApi::Saml].into_iter().find_map(|api| {
        let pointer = format!("/action/{}", api.field());
        world.pointer(&pointer).is_some().then_some((api, pointer))
    })
}

/// What an entry field of the token's claims edits.
#[derive(Clone, Copy, PartialEq)]
enum Entry {
    /// One claim, as text.
    Claim(&'static str),
    /// The OIDC session tags: `principal_tags` of the `https://aws.amazon.com/tags` claim.
    OidcTags,
    /// The SAML session tags: one `…/PrincipalTag:KEY` attribute each.
    SamlTags,
}

/// A tag's value as text: a one-item list's item, or the text.
fn tag_value(value: &Value) -> Value {
    match value {
        Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// What `claims` hold for `entry`, as a field shows it: a claim's text, or the session tags as an
/// object of key to value.
fn shown(claims: &Map<String, Value>, entry: Entry) -> Value {
    let tags = |pairs: &mut dyn Iterator<Item = (&str, &Value)>| {
        // Extended, not collected: a collect into a map compiles a sort of its own.
        let mut map = Map::new();
        map.extend(pairs.map(|(key, value)| (key.to_owned(), tag_value(value))));
        Value::Object(map)
    };
    match entry {
        Entry::Claim(key) => claims.get(key).cloned().unwrap_or(Value::Null),
        Entry::OidcTags => match claims.get(TAGS_CLAIM).and_then(|c| c.get("principal_tags")) {
            Some(Value::Object(found)) => tags(&mut found.iter().map(|(key, value)| (key.as_str(), value))),
            _ => Value::Null,
        },
        Entry::SamlTags => {
            tags(&mut claims.iter().filter_map(|(key, value)| Some((key.strip_prefix(SAML_TAG)?, value))))
        }
    }
}

/// `claims` with `entry` set to `value` — the text of a claim, or the session tags as an object
/// of key to value (`Null` removes it). Session tags are written as AWS's pages show them: OIDC
/// `{"principal_tags": {"KEY": ["VALUE"]}}` (the claim's other members, `transitive_tag_keys`,
/// kept), SAML one `PrincipalTag:KEY` attribute a tag.
fn write(claims: &mut Map<String, Value>, entry: Entry, value: Value) {
    let tags = |value: Value| match value {
        Value::Object(tags) => tags,
        _ => Map::new(),
    };
    match entry {
        Entry::Claim(key) => {
            claims.remove(key);
            if !value.is_null() {
                claims.insert(key.to_owned(), value);
            }
        }
        Entry::OidcTags => {
            let mut claim = claims.remove(TAGS_CLAIM).and_then(|c| c.as_object().cloned()).unwrap_or_default();
            claim.remove("principal_tags");
            let tags = tags(value);
            if !tags.is_empty() {
                let mut listed = Map::new();
                listed.extend(tags.into_iter().map(|(key, value)| (key, Value::Array(vec![value]))));
                claim.insert("principal_tags".to_owned(), Value::Object(listed));
            }
            if !claim.is_empty() {
                claims.insert(TAGS_CLAIM.to_owned(), Value::Object(claim));
            }
        }
        Entry::SamlTags => {
            claims.retain(|key, _| !key.starts_with(SAML_TAG));
            claims.extend(tags(value).into_iter().map(|(key, value)| (format!("{SAML_TAG}{key}"), value)));
        }
    }
}

/// A field for `entry` of the token's claims at `pointer`: the scenario pane's own field, shown
/// from a one-entry view of what the claims hold and sending the whole claims object, so that an
/// entry can be added when there are no claims yet. `id` names the input (`in-fed-ID`).
fn claims_field(
    world: &Value,
    on_value: &Callback<(String, Value)>,
    pointer: &str,
    entry: Entry,
    id: &str,
    label: &str,
) -> Html {
    let current = world.pointer(pointer).and_then(Value::as_object).cloned().unwrap_or_default();
    let local = format!("fed-{id}");
    let mut view = Map::new();
    view.insert(local.clone(), shown(&current, entry));
    let pointer = pointer.to_owned();
    let on = on_value.reform(move |(_, value): (String, Value)| {
        let mut next = current.clone();
        write(&mut next, entry, value);
        (pointer.clone(), if next.is_empty() { Value::Null } else { Value::Object(next) })
    });
    let kind = if matches!(entry, Entry::Claim(_)) { Kind::Text } else { Kind::Tags };
    field(&Value::Object(view), &on, format!("/{local}"), label, kind)
}

/// A small button that sets `pointer` to `value` when clicked.
fn set_button(
    on_value: &Callback<(String, Value)>,
    label: String,
    testid: String,
    pointer: &str,
    value: Value,
) -> Html {
    let pointer = pointer.to_owned();
    let onclick = on_value.reform(move |_: MouseEvent| (pointer.clone(), value.clone()));
    html! { <button type="button" class="small" data-testid={testid} {onclick}>{ label }</button> }
}

/// The world's IAM identity providers (`identityProviders`), which STS checks a token's provider
/// and `aud` against ("Create an OpenID Connect (OIDC) identity provider in IAM", "Create a SAML
/// identity provider in IAM"): each with its ARN and client IDs, removable; one more (the call's
/// own provider); and back to not listing them, when every provider named is taken to exist.
fn identity_providers(world: &Value, lang: Lang, on_value: &Callback<(String, Value)>, base: &str) -> Vec<Html> {
    const LIST: &str = "/identityProviders";
    let mut out =
        vec![html! { <h3>{ say(lang, "The account's identity providers", "アカウントの ID プロバイダー") }</h3> }];
    let listed = world.pointer(LIST).and_then(Value::as_array);
    let hint = match listed {
        None => say(
            lang,
            "Not listed: every provider the call names is taken to exist in the role's account.",
            "一覧なし: 呼び出しが名指すプロバイダーはすべてロールのアカウントにあるものとします。",
        ),
        Some(_) => say(
            lang,
            "Listed: STS refuses a token from a provider not listed in the role's account, or whose aud is not among its client IDs (not checked when empty).",
            "一覧あり: ロールのアカウントにないプロバイダーのトークンや、aud がクライアント ID にないトークンを STS は拒否します (クライアント ID が空なら確認しません)。",
        ),
    };
    out.push(html! { <p class="hint">{ hint }</p> });
    let providers = listed.cloned().unwrap_or_default();
    for index in 0..providers.len() {
        let number = index + 1;
        out.push(field(
            world,
            on_value,
            format!("{LIST}/{index}/arn"),
            &format!("{} {number} (ARN)", say(lang, "Provider", "プロバイダー")),
            Kind::Text,
        ));
        out.push(field(
            world,
            on_value,
            format!("{LIST}/{index}/clientIds"),
            say(lang, "Client IDs (audiences: a, b, …)", "クライアント ID (対象者: a, b, …)"),
            Kind::List,
        ));
        let mut rest = providers.clone();
        rest.remove(index);
        out.push(set_button(
            on_value,
            format!("− {} {number}", say(lang, "provider", "プロバイダー")),
            format!("remove-identity-provider-{index}"),
            LIST,
            Value::Array(rest),
        ));
    }
    let provider = world.pointer(&format!("{base}/provider")).and_then(Value::as_str).unwrap_or_default();
    let mut more = providers;
    more.push(json!({"arn": if provider.starts_with("arn:") { provider } else { "" }}));
    out.push(set_button(
        on_value,
        format!("+ {}", say(lang, "identity provider", "ID プロバイダー")),
        "add-identity-provider".into(),
        LIST,
        Value::Array(more),
    ));
    if listed.is_some() {
        out.push(set_button(
            on_value,
            say(lang, "Stop listing them", "一覧をやめる").to_owned(),
            "unlist-identity-providers".into(),
            LIST,
            Value::Null,
        ));
    }
    out
}

/// The token's `sub` for the GitHub workflow run `run` describes, as GitHub writes it.
fn github_sub(run: &Value) -> String {
    let text = |key: &str| run.get(key).and_then(Value::as_str).map(str::to_owned);
    let run = GitHubRun {
        repository: text("repository").unwrap_or_default(),
        r#ref: text("ref"),
        environment: text("environment"),
        event_name: text("eventName"),
        workflow: text("workflow"),
    };
    run.claims().into_iter().find(|(claim, _)| *claim == "sub").map(|(_, sub)| sub).unwrap_or_default()
}

/// The federated action's fields, or `None` when the world's action is not federated.
pub fn fields(world: &Value, lang: Lang, on_value: &Callback<(String, Value)>) -> Option<Html> {
    let (api, base) = federated(world)?;
    let saml = api == FederatedApi::Saml;
    let mut out = vec![html! {
        <p class="flow-kind">{ say(lang, "A token instead of AWS credentials: ", "AWS の認証情報ではなくトークンで: ") }<code>{ api.action() }</code></p>
    }];
    let text_field = |name: &str, label: &str| field(world, on_value, format!("{base}/{name}"), label, Kind::Text);
    out.push(text_field(
        "provider",
        say(lang, "Identity provider (Principal.Federated)", "ID プロバイダー (Principal.Federated)"),
    ));
    out.push(text_field("role", say(lang, "Role ARN", "ロール ARN")));
    let session_label = if saml {
        say(lang, "RoleSessionName (the assertion's attribute)", "RoleSessionName (アサーションの属性)")
    } else {
        say(lang, "Role session name (RoleSessionName)", "ロールセッション名 (RoleSessionName)")
    };
    out.push(text_field("roleSessionName", session_label));
    out.push(field(world, on_value, format!("{base}/durationSeconds"), "DurationSeconds", Kind::Number));
    // STS refuses a token from its expiry on (ExpiredTokenException), judged at the world's `now`.
    let expires = if saml {
        say(
            lang,
            "Assertion expires at (NotOnOrAfter, ISO 8601; never when empty)",
            "アサーションの有効期限 (NotOnOrAfter、ISO 8601。空なら期限なし)",
        )
    } else {
        say(
            lang,
            "Token expires at (exp, ISO 8601; never when empty)",
            "トークンの有効期限 (exp、ISO 8601。空なら期限なし)",
        )
    };
    out.push(text_field("expires", expires));
    let github = world.pointer(&format!("{base}/github"));
    if let Some(run) = github {
        out.push(html! { <h3>{ say(lang, "GitHub Actions workflow run", "GitHub Actions のワークフロー実行") }</h3> });
        let runs = [
            ("repository", "Repository (OWNER/REPO)", "リポジトリ (OWNER/REPO)"),
            ("ref", "Ref (refs/heads/main when empty)", "ref (空なら refs/heads/main)"),
            ("environment", "Environment", "環境 (environment)"),
            ("workflow", "Workflow file (deploy.yml when empty)", "ワークフローファイル (空なら deploy.yml)"),
            ("eventName", "Event (push when empty)", "イベント (空なら push)"),
        ];
        out.extend(runs.into_iter().map(|(name, en, ja)| text_field(&format!("github/{name}"), say(lang, en, ja))));
        out.push(html! {
            <p class="derived" data-testid="github-sub">
                { say(lang, "The token's sub, as GitHub writes it: ", "GitHub が書くトークンの sub: ") }<code>{ github_sub(run) }</code>
            </p>
        });
    }
    let claims = format!("{base}/claims");
    if github.is_none() {
        let (sub, aud) = if saml { ("SAML:sub", "SAML:aud") } else { ("sub", "aud") };
        out.push(claims_field(world, on_value, &claims, Entry::Claim("sub"), "claim-sub", sub));
        out.push(claims_field(world, on_value, &claims, Entry::Claim("aud"), "claim-aud", aud));
    }
    let (tags, label) = if saml {
        let label = say(
            lang,
            "Session tags in the assertion (PrincipalTag attributes: key=value, …)",
            "アサーションのセッションタグ (PrincipalTag 属性: key=value, …)",
        );
        (Entry::SamlTags, label)
    } else {
        (
            Entry::OidcTags,
            say(lang, "Session tags in the token (key=value, …)", "トークンのセッションタグ (key=value, …)"),
        )
    };
    out.push(claims_field(world, on_value, &claims, tags, "token-tags", label));
    out.extend(identity_providers(world, lang, on_value, &base));
    Some(html! { <div class="federated" data-testid="federated">{ for out }</div> })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The claims made by the field of `entry` sending `value` (as the scenario pane's field
    /// parses what is typed: text, or tags as an object of key to value) over `before`, and what
    /// the field then shows.
    fn typed(before: Value, entry: Entry, value: Value) -> (Value, Value) {
        let mut claims = before.as_object().cloned().unwrap_or_default();
        write(&mut claims, entry, value);
        let shows = shown(&claims, entry);
        (Value::Object(claims), shows)
    }

    #[test]
    fn oidc_session_tags_read_and_write_the_tags_claim() {
        let cases = [
            (
                json!({}),
                json!({"Project": "Unicorn"}),
                json!({TAGS_CLAIM: {"principal_tags": {"Project": ["Unicorn"]}}}),
            ),
            (
                json!({"sub": "x"}),
                json!({"Project": "Unicorn", "Team": "Blue"}),
                json!({"sub": "x", TAGS_CLAIM: {"principal_tags": {"Project": ["Unicorn"], "Team": ["Blue"]}}}),
            ),
            // The claim's transitive tag keys stay when the tags change.
            (
                json!({TAGS_CLAIM: {"principal_tags": {"A": ["1"]}, "transitive_tag_keys": ["A"]}}),
                json!({"B": "2"}),
                json!({TAGS_CLAIM: {"principal_tags": {"B": ["2"]}, "transitive_tag_keys": ["A"]}}),
            ),
        ];
        for (before, tags, after) in cases {
            let (claims, shows) = typed(before, Entry::OidcTags, tags.clone());
            assert_eq!(claims, after, "{tags}");
            assert_eq!(shows, tags, "{tags}");
        }
        // An emptied field removes the claim, and shows nothing.
        let (claims, shows) =
            typed(json!({"sub": "x", TAGS_CLAIM: {"principal_tags": {"A": ["1"]}}}), Entry::OidcTags, Value::Null);
        assert_eq!((claims, shows), (json!({"sub": "x"}), Value::Null));
    }

    #[test]
    fn saml_session_tags_are_principal_tag_attributes() {
        let before = json!({
            "aud": "https://signin.aws.amazon.com/saml",
            "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Old": "gone",
        });
        let tags = json!({"Project": "Unicorn", "CostCenter": "987"});
        let (claims, shows) = typed(before, Entry::SamlTags, tags.clone());
        let expected = json!({
            "aud": "https://signin.aws.amazon.com/saml",
            "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project": "Unicorn",
            "https://aws.amazon.com/SAML/Attributes/PrincipalTag:CostCenter": "987",
        });
        assert_eq!((&claims, shows), (&expected, tags));
        // A one-item list written by hand shows as its item.
        let listed = json!({"https://aws.amazon.com/SAML/Attributes/PrincipalTag:Team": ["Blue"]});
        let listed = listed.as_object().cloned().unwrap_or_default();
        assert_eq!(shown(&listed, Entry::SamlTags), json!({"Team": "Blue"}));
        let (claims, shows) = typed(claims, Entry::SamlTags, Value::Null);
        assert_eq!((claims, shows), (json!({"aud": "https://signin.aws.amazon.com/saml"}), json!({})));
    }

    #[test]
    fn a_claim_is_text_and_empty_removes_it() {
        let sub = json!("repo:o/r:ref:refs/heads/main");
        assert_eq!(typed(json!({}), Entry::Claim("sub"), sub.clone()), (json!({"sub": sub}), sub.clone()));
        let (claims, shows) = typed(json!({"sub": "x", "aud": "y"}), Entry::Claim("sub"), Value::Null);
        assert_eq!((claims, shows), (json!({"aud": "y"}), Value::Null));
    }

    #[test]
    fn github_sub_follows_githubs_format() {
        let cases = [
            (json!({"repository": "o/r"}), "repo:o/r:ref:refs/heads/main"),
            (json!({"repository": "o/r", "environment": "prod"}), "repo:o/r:environment:prod"),
            (json!({"repository": "o/r", "eventName": "pull_request"}), "repo:o/r:pull_request"),
            (json!({"repository": "o/r", "ref": "refs/tags/v1"}), "repo:o/r:ref:refs/tags/v1"),
        ];
        for (run, sub) in cases {
            assert_eq!(github_sub(&run), sub, "{run}");
        }
    }

    #[test]
    fn only_federated_actions_have_these_fields() {
        let web = json!({"action": {"assumeRoleWithWebIdentity": {"provider": "x", "role": "y"}}});
        let saml = json!({"action": {"assumeRoleWithSaml": {"provider": "x", "role": "y"}}});
        let plain = json!({"action": {"assumeRole": {"caller": "x", "role": "y"}}});
        assert_eq!(federated(&web).map(|(api, _)| api), Some(FederatedApi::WebIdentity));
        assert_eq!(federated(&saml).map(|(api, _)| api), Some(FederatedApi::Saml));
        assert_eq!(federated(&plain), None);
    }
}
