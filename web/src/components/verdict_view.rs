//! The results area: the decision, why, and what is wrong in the policies.

use std::rc::Rc;

use yew::prelude::*;

use crate::evaluation::{DecidingStatement, Decision, Diagnostic, Verdict};
use crate::i18n::{Lang, Strings};

/// Properties of [`VerdictView`].
#[derive(Properties, PartialEq)]
pub struct VerdictViewProps {
    /// What omen-core decided.
    pub verdict: Rc<Verdict>,
    /// The interface language.
    pub lang: Lang,
}

/// The decision with ✓ or ✗, the explanation, the deciding statements, the diagnostics with
/// their line and column, and the AccessDenied message.
#[component]
pub fn VerdictView(props: &VerdictViewProps) -> Html {
    let t = props.lang.strings();
    let verdict = &*props.verdict;
    let (mark, words) = match verdict.decision {
        Decision::Allowed => ("✓", t.allowed),
        Decision::ExplicitDeny => ("✗", t.explicit_deny),
        Decision::ImplicitDeny => ("✗", t.implicit_deny),
        Decision::Error => ("⚠", t.error),
    };
    let decision = verdict.decision.as_str();
    let evaluated = if verdict.trust_policy_evaluated { t.evaluated_with_trust } else { t.evaluated_identity_only };

    html! {
        <section class="result" aria-labelledby="result-heading">
            <h2 id="result-heading">{ t.result }</h2>
            <p
                class={classes!("verdict", format!("verdict-{decision}"))}
                data-testid="verdict"
                data-decision={decision}
                role="status"
            >
                <span class="mark" aria-hidden="true">{ mark }</span>
                { words }
            </p>
            <p class="hint">{ evaluated }</p>
            if let Some(error) = &verdict.error {
                <p class="error-text">{ inline_code(error) }</p>
            }
            if !verdict.explanation.is_empty() {
                <h3>{ t.explanation }</h3>
                <ol class="explanation">
                    { for verdict.explanation.iter().map(|line| html! { <li>{ inline_code(line) }</li> }) }
                </ol>
            }
            if !verdict.deciding_statements.is_empty() {
                <h3>{ t.deciding_statements }</h3>
                <ul class="statements">
                    { for verdict.deciding_statements.iter().map(|statement| deciding_statement(t, statement)) }
                </ul>
            }
            if !verdict.diagnostics.is_empty() {
                <h3>{ t.diagnostics }</h3>
                <ul class="diagnostics" data-testid="diagnostics">
                    { for verdict.diagnostics.iter().map(|diagnostic| diagnostic_item(t, diagnostic)) }
                </ul>
            }
            if !verdict.missing_context_keys.is_empty() {
                <h3>{ t.missing_context_keys }</h3>
                <ul class="context-keys">
                    { for verdict.missing_context_keys.iter().map(|key| html! { <li><code>{ key }</code></li> }) }
                </ul>
            }
            if let Some(message) = &verdict.access_denied_message {
                <h3>{ t.access_denied }</h3>
                <pre class="access-denied mono" data-testid="access-denied">{ message }</pre>
            }
        </section>
    }
}

/// The name of the policy a statement or diagnostic sits in.
fn policy_name<'a>(t: &'a Strings, policy_type: &'a str) -> &'a str {
    let kind = policy_type.to_ascii_lowercase();
    if kind.contains("identity") {
        t.identity_policy_short
    } else if kind.contains("resource") || kind.contains("trust") {
        t.trust_policy_short
    } else {
        policy_type
    }
}

fn deciding_statement(t: &Strings, statement: &DecidingStatement) -> Html {
    html! {
        <li>
            { policy_name(t, &statement.policy_type) }
            { " · " }{ t.statement }{ " " }{ statement.statement_index + 1 }
            if let Some(sid) = &statement.sid {
                { " " }<code>{ sid }</code>
            }
            { " · " }{ &statement.effect }
        </li>
    }
}

fn diagnostic_item(t: &Strings, diagnostic: &Diagnostic) -> Html {
    let position = match (diagnostic.line, diagnostic.column) {
        (Some(line), Some(column)) => format!(" {line}:{column}"),
        (Some(line), None) => format!(" {line}"),
        _ => String::new(),
    };
    html! {
        <li class={classes!("diagnostic", format!("severity-{}", diagnostic.severity))}>
            <span class="where mono">{ policy_name(t, &diagnostic.policy_type) }{ position }</span>
            { " " }
            <span class="severity">{ &diagnostic.severity }</span>
            { " " }
            <code class="code">{ &diagnostic.code }</code>
            { " " }
            <span class="message">{ inline_code(&diagnostic.message) }</span>
            if let Some(help) = &diagnostic.help {
                <div class="help">{ inline_code(help) }</div>
            }
        </li>
    }
}

/// Text with its `backticked` parts shown as code — as text nodes, never as HTML.
fn inline_code(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| {
            if i % 2 == 1 { html! { <code>{ part }</code> } } else { html! { { part } } }
        }) }
    }
}
