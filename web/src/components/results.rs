//! The results pane: the verdict, each step with ✓ / ✗, its explanation, the AWS error text, the
//! decoded authorization message, the suggested fix with "Apply fix", the session with its fake
//! credentials, the CloudTrail records and the warnings.

use std::rc::Rc;

use omen_core::flow::{Change, FlowDiagnostic, FlowResult, Step, StepDecision};
use yew::prelude::*;

use crate::components::flow_picture::hop_mark;
use crate::evaluation::Evaluated;
use crate::i18n::Lang;

/// Properties of [`Results`].
#[derive(Properties)]
pub struct ResultsProps {
    /// The played world.
    pub evaluated: Rc<Evaluated>,
    /// The interface language.
    pub lang: Lang,
    /// Called with the id of the step whose fix the user applies.
    pub on_apply_fix: Callback<String>,
    /// Called with the switch "Evaluate anyway" (policies AWS would refuse to save), shown when a
    /// step needs such a policy.
    pub on_evaluate_invalid: Callback<bool>,
}

/// The same flow is the same `Rc`: comparing by pointer spares a deep comparison of the whole
/// world and result on every render (and its code in the bundle).
impl PartialEq for ResultsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.evaluated, &other.evaluated)
            && self.lang == other.lang
            && self.on_apply_fix == other.on_apply_fix
            && self.on_evaluate_invalid == other.on_evaluate_invalid
    }
}

/// At most this many `backticked` parts of one sentence are shown (a policy of 5,000 statements
/// would otherwise list them all).
pub const RICH_CODE_LIMIT: usize = 30;

/// The pieces of a sentence with `backticked` parts: (is code, text), at most
/// [`RICH_CODE_LIMIT`] code pieces, then how many more there were (the sentence's end follows).
pub fn rich_pieces(text: &str) -> (Vec<(bool, &str)>, usize) {
    let parts: Vec<&str> = text.split('`').collect();
    let codes = parts.len() / 2;
    let mut pieces: Vec<(bool, &str)> = parts.iter().enumerate().map(|(index, part)| (index % 2 == 1, *part)).collect();
    if codes <= RICH_CODE_LIMIT {
        return (pieces, 0);
    }
    let end = pieces.pop();
    pieces.truncate(2 * RICH_CODE_LIMIT);
    pieces.extend(end);
    (pieces, codes - RICH_CODE_LIMIT)
}

/// The AWS documentation pages the explanations cite as `[Title]`, by title. A title not listed
/// links to the AWS documentation's search for it.
const CITED_PAGES: &[(&str, &str)] = &[
    ("Policy evaluation logic", "IAM/latest/UserGuide/reference_policies_evaluation-logic.html"),
    (
        "Cross-account policy evaluation logic",
        "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html",
    ),
    ("Permissions boundaries for IAM entities", "IAM/latest/UserGuide/access_policies_boundaries.html"),
    ("Session policies", "IAM/latest/UserGuide/access_policies.html#policies_session"),
    ("Service control policies", "organizations/latest/userguide/orgs_manage_policies_scps.html"),
    ("Resource control policies", "organizations/latest/userguide/orgs_manage_policies_rcps.html"),
    ("Grant a user permissions to pass a role to an AWS service", "IAM/latest/UserGuide/id_roles_use_passrole.html"),
    ("Troubleshooting IAM policies", "IAM/latest/UserGuide/troubleshoot_policies.html"),
    (
        "Monitor and control actions taken with assumed roles",
        "IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html",
    ),
    ("Pass session tags in AWS STS", "IAM/latest/UserGuide/id_session-tags.html"),
    ("IAM roles terms and concepts", "IAM/latest/UserGuide/id_roles.html"),
    ("Update a role trust policy", "IAM/latest/UserGuide/id_roles_update-role-trust-policy.html"),
    ("IAM and AWS STS quotas", "IAM/latest/UserGuide/reference_iam-quotas.html"),
    ("Managed policies and inline policies", "IAM/latest/UserGuide/access_policies_managed-vs-inline.html"),
    ("Using service-linked roles", "IAM/latest/UserGuide/using-service-linked-roles.html"),
    ("AssumeRole", "STS/latest/APIReference/API_AssumeRole.html"),
    ("GetSessionToken", "STS/latest/APIReference/API_GetSessionToken.html"),
    ("GetFederationToken", "STS/latest/APIReference/API_GetFederationToken.html"),
    ("AssumeRoleWithWebIdentity", "STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html"),
];

/// The address of the AWS page a citation names.
pub fn citation_url(title: &str) -> String {
    let exact = CITED_PAGES.iter().find(|(name, _)| title == *name);
    let prefix = || CITED_PAGES.iter().filter(|(name, _)| title.starts_with(name)).max_by_key(|(name, _)| name.len());
    match exact.or_else(prefix) {
        Some((_, path)) => format!("https://docs.aws.amazon.com/{path}"),
        None => {
            let query: String = title
                .bytes()
                .map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") })
                .collect();
            format!("https://docs.aws.amazon.com/search/doc-search.html?searchPath=documentation&searchQuery={query}")
        }
    }
}

/// Plain text with each `[Title]` citation as a link to the AWS page it names.
pub fn cited(text: &str) -> Html {
    // Most pieces cite nothing: one text node, as before, keeps the results cheap to redraw.
    if !text.contains('[') {
        return html! { { text.to_owned() } };
    }
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest.get(open..).and_then(|tail| tail.find(']')).map(|close| open + close) else { break };
        let title = rest.get(open + 1..close).unwrap_or_default();
        out.push(html! { { rest.get(..open).unwrap_or_default().to_owned() } });
        out.push(html! {
            <a class="cite" href={citation_url(title)} target="_blank" rel="noopener noreferrer">{ format!("[{title}]") }</a>
        });
        rest = rest.get(close + 1..).unwrap_or_default();
    }
    out.push(html! { { rest.to_owned() } });
    html! { { for out } }
}

/// Text with `backticked` parts shown as code and `[Title]` citations as links; past
/// [`RICH_CODE_LIMIT`] code parts, how many more there are, then the sentence's end.
pub fn rich(text: &str) -> Html {
    let (pieces, more) = rich_pieces(text);
    let count = pieces.len();
    html! {
        { for pieces.into_iter().enumerate().map(|(index, (code, piece))| html! {
            <>
                if more > 0 && index + 1 == count {
                    <span class="more">{ format!("… (+{more})") }</span>
                }
                if code { <code>{ piece.to_owned() }</code> } else { { cited(piece) } }
            </>
        }) }
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn decision_class(decision: StepDecision) -> &'static str {
    match decision {
        StepDecision::Allowed | StepDecision::NotRequired => "ok",
        StepDecision::Skipped | StepDecision::Info => "neutral",
        _ => "denied",
    }
}

/// The sentence of a step that says what decided it: the first one citing an AWS page, else the
/// last.
pub fn plain_sentence(step: &Step, lang: Lang) -> Option<&str> {
    let lines = step.explanation(lang.core());
    lines.iter().find(|line| line.trim_end().ends_with(']') && line.contains(" [")).or(lines.last()).map(String::as_str)
}

fn fix_view(step: &Step, lang: Lang, on_apply_fix: &Callback<String>) -> Option<Html> {
    let t = lang.strings();
    let core = lang.core();
    step.fix.as_ref().map(|fix| {
        let id = step.id.clone();
        let onclick = on_apply_fix.reform(move |_: MouseEvent| id.clone());
        html! {
            <div class="fix" data-testid="fix">
                <h4>{ t.fix }</h4>
                <p>{ rich(fix.summary.get(core)) }</p>
                { for fix.changes.iter().map(|change| match change {
                    Change::Policy(change) => html! {
                        <div class="diff">
                            if change.description.get(core) != fix.summary.get(core) {
                                <p>{ rich(change.description.get(core)) }</p>
                            }
                            <div class="diff-sides">
                                <div><h5>{ t.before }</h5><pre class="mono diff-before" tabindex="0">{ change.before.clone().unwrap_or_else(|| "—".into()) }</pre></div>
                                <div><h5>{ t.after }</h5><pre class="mono diff-after" tabindex="0">{ change.after.clone().unwrap_or_default() }</pre></div>
                            </div>
                        </div>
                    },
                    Change::Request(change) => html! {
                        <div class="diff">
                            if change.description.get(core) != fix.summary.get(core) {
                                <p>{ rich(change.description.get(core)) }</p>
                            }
                            <p class="mono">
                                { format!("{}: {} → {}", change.parameter,
                                    change.before.as_ref().map(|v| v.to_string()).unwrap_or_else(|| "—".into()),
                                    change.after) }
                            </p>
                        </div>
                    },
                }) }
                if fix.verified {
                    <button type="button" class="primary" data-testid="apply-fix" {onclick}>{ t.apply_fix }</button>
                }
            </div>
        }
    })
}

/// Whether `diagnostic` is about the world itself rather than a policy's text (those are shown
/// under their editors).
fn is_world_level(diagnostic: &FlowDiagnostic) -> bool {
    diagnostic.pointer.is_none() || diagnostic.policy_name.is_none()
}

fn step_view(step: &Step, lang: Lang, on_apply_fix: &Callback<String>, headline: bool) -> Html {
    let t = lang.strings();
    let core = lang.core();
    let mark = match step.decision {
        StepDecision::Info => "ℹ",
        other => hop_mark(other),
    };
    // The failed step's fix is shown first, under the headline.
    let fix = if headline { None } else { fix_view(step, lang, on_apply_fix) };
    html! {
        <li class={classes!("step", decision_class(step.decision))} id={step_anchor(&step.id)} tabindex="-1"
            data-step={step.id.clone()} data-decision={step.decision.as_str()}>
            <h3>
                <span class="step-mark" aria-hidden="true">{ mark }</span>
                { " " }{ rich(step.title.get(core)) }
                <span class="step-decision">{ format!(" — {}", step.decision.words(core)) }</span>
            </h3>
            // A step not reached says why too (the failure before it, or a policy IAM would refuse).
            <ul class="explanation">
                { for step.explanation(core).iter().map(|line| html! { <li>{ rich(line) }</li> }) }
            </ul>
            if let Some(message) = step.error_message_in(core) {
                <details class="aws-error" data-testid="aws-error">
                    <summary>{ t.aws_error }</summary>
                    <pre class="mono" tabindex="0">{ format!("{}{message}", step.error_code.as_ref().map(|c| format!("{c}: ")).unwrap_or_default()) }</pre>
                </details>
            }
            if let Some(decoded) = &step.decoded_message {
                <details class="decoded">
                    <summary>{ t.decoded }</summary>
                    <pre class="mono" tabindex="0" data-testid="decoded">{ pretty(decoded) }</pre>
                </details>
            }
            if let Some(advice) = &step.advice {
                <p class="advice">{ rich(advice.get(core)) }</p>
            }
            { fix.unwrap_or_default() }
        </li>
    }
}

fn session_view(result: &FlowResult, lang: Lang) -> Html {
    let t = lang.strings();
    let Some(session) = &result.session else { return Html::default() };
    let creds = &session.credentials;
    html! {
        <section class="session" data-testid="session">
            <h3>{ t.session }</h3>
            <dl class="mono">
                <dt>{ "ARN" }</dt><dd data-testid="session-arn">{ session.arn.clone() }</dd>
                <dt>{ "AssumedRoleId" }</dt><dd>{ session.assumed_role_id.clone() }</dd>
                <dt>{ "Expiration" }</dt><dd>{ session.expiration.clone() }</dd>
            </dl>
            <div class="fake-creds">
                <p class="fake-badge">{ t.fake }</p>
                <dl class="mono">
                    <dt>{ "AccessKeyId" }</dt><dd>{ creds.access_key_id.clone() }</dd>
                    <dt>{ "SecretAccessKey" }</dt><dd>{ creds.secret_access_key.clone() }</dd>
                    <dt>{ "SessionToken" }</dt><dd class="token">{ creds.session_token.clone() }</dd>
                </dl>
            </div>
        </section>
    }
}

/// What is said while the AWS managed policies `names` load: "Loading AWS managed policy
/// ReadOnlyAccess…".
pub fn loading_words(names: &[String], lang: Lang) -> String {
    format!("{} {}…", lang.strings().loading_managed, names.join(", "))
}

/// The element id of step `id`'s entry in the results (summary chips jump there).
pub fn step_anchor(id: &str) -> String {
    format!("step-{}", id.replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
}

/// The results pane.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let t = props.lang.strings();
    let core = props.lang.core();
    let evaluated = &props.evaluated;
    let result = &evaluated.result;
    let failed = result.failed_step.as_ref().and_then(|id| result.steps.iter().find(|step| &step.id == id));
    // Not played yet: the AWS managed policies it attaches by reference are loading.
    let loading = (!evaluated.loading.is_empty()).then(|| loading_words(&evaluated.loading, props.lang));
    let (class, mark, words) = match &loading {
        Some(loading) => ("pending", "…", loading.as_str()),
        None if result.succeeded => ("ok", "✓", t.succeeded),
        None => ("denied", "✗", t.failed),
    };
    // Problems with the world itself (not in a policy's text), in the page's language.
    let world_problems: Vec<String> = evaluated
        .error
        .iter()
        .map(|error| error.get(core).to_owned())
        .chain(result.diagnostics.iter().filter(|d| d.diagnostic.is_error() && is_world_level(d)).map(|d| {
            format!("{}{}", d.pointer.as_ref().map(|p| format!("{p}: ")).unwrap_or_default(), d.message(core))
        }))
        .collect();
    // A world-level warning (a resource-based policy on an IAM action, ignored) does not stop the
    // world playing: it is listed with the flow's warnings, not as a reason it cannot be played.
    let world_warnings: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| !d.diagnostic.is_error() && is_world_level(d))
        .map(|d| {
            let help = d.help(core).map(|help| format!(" ({help})")).unwrap_or_default();
            format!("{}{}{help}", d.pointer.as_ref().map(|p| format!("{p}: ")).unwrap_or_default(), d.message(core))
        })
        .collect();
    html! {
        <section class="results" id="results" tabindex="-1" aria-labelledby="results-heading">
            <h2 id="results-heading">{ t.results }</h2>
            <div
                class={classes!("verdict", class)}
                data-testid="verdict"
                data-succeeded={result.succeeded.to_string()}
                data-failed-step={result.failed_step.clone().unwrap_or_default()}
            >
                <span class="verdict-mark" aria-hidden="true">{ mark }</span>
                <strong>{ words }</strong>
                if let Some(step) = failed {
                    <span>{ format!(" — {} ", t.failed_at) }{ rich(step.title.get(core)) }</span>
                }
                if let Some(code) = &result.error_code {
                    <span class="mono verdict-error">{ format!("({code})") }</span>
                }
                if result.evaluated_invalid && !result.refused_at_save.is_empty() {
                    <span class="evaluated-anyway" data-testid="evaluated-anyway">{ format!(" ({})", t.evaluated_anyway) }</span>
                }
            </div>
            if !result.refused_at_save.is_empty() {
                <label class="evaluate-anyway">
                    <input type="checkbox" data-testid="evaluate-anyway" checked={result.evaluated_invalid}
                        onchange={props.on_evaluate_invalid.reform(|event: Event| {
                            event.target_unchecked_into::<web_sys::HtmlInputElement>().checked()
                        })} />
                    { " " }{ t.evaluate_anyway }
                </label>
            }
            if let Some(step) = failed {
                <div class="headline" data-testid="headline">
                    if let Some(sentence) = plain_sentence(step, props.lang) {
                        <p class="plain" data-testid="plain">{ rich(sentence) }</p>
                    }
                    { fix_view(step, props.lang, &props.on_apply_fix).unwrap_or_default() }
                    <p class="details-hint">{ t.details_below }</p>
                </div>
            }
            if !world_problems.is_empty() {
                <div class="world-problems" role="alert">
                    <h3>{ t.world_invalid }</h3>
                    <ul>{ for world_problems.into_iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                </div>
            }
            <h3 class="steps-heading">{ t.steps }</h3>
            <ol class="steps" data-testid="steps">
                { for result.steps.iter().map(|step| {
                    let headline = failed.is_some_and(|failed| failed.id == step.id);
                    step_view(step, props.lang, &props.on_apply_fix, headline)
                }) }
            </ol>
            { session_view(result, props.lang) }
            if !result.warnings.is_empty() || !world_warnings.is_empty() {
                <section class="warnings" data-testid="warnings">
                    <h3>{ t.warnings }</h3>
                    <ul>
                        { for world_warnings.iter().map(|w| html! { <li data-testid="world-warning">{ rich(w) }</li> }) }
                        { for result.warnings.iter().map(|w| html! { <li>{ rich(w.message.get(core)) }</li> }) }
                    </ul>
                </section>
            }
            if !result.cloudtrail.is_empty() {
                <details class="cloudtrail" data-testid="cloudtrail">
                    <summary>{ format!("{} ({})", t.cloudtrail, result.cloudtrail.len()) }</summary>
                    { for result.cloudtrail.iter().map(|record| html! { <pre class="mono" tabindex="0">{ pretty(record) }</pre> }) }
                </details>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_link_to_the_page_they_name() {
        assert_eq!(
            citation_url("Policy evaluation logic"),
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"
        );
        assert!(citation_url("Cross-account policy evaluation logic").ends_with("evaluation-logic-cross-account.html"));
        assert!(citation_url("AssumeRole (AWS STS API reference)").ends_with("API_AssumeRole.html"));
        assert_eq!(
            citation_url("A page & more"),
            "https://docs.aws.amazon.com/search/doc-search.html?searchPath=documentation&searchQuery=A%20page%20%26%20more"
        );
    }

    #[test]
    fn the_plain_sentence_is_the_one_that_cites_the_rule() {
        let evaluated = crate::evaluation::evaluate(
            &crate::state::preset_world("ec2-full-access-without-passrole").unwrap_or_default(),
            false,
        );
        let step = evaluated.result.steps.iter().find(|step| step.id == "passRole");
        let sentence = step.and_then(|step| plain_sentence(step, Lang::En)).unwrap_or_default();
        assert!(sentence.starts_with("No identity-based policy allows `iam:PassRole`."), "{sentence}");
    }

    #[test]
    fn long_lists_of_code_are_cut_with_a_count() {
        let (pieces, more) = rich_pieces("no statement in `a` or `b` allows it");
        assert_eq!(
            pieces,
            [(false, "no statement in "), (true, "a"), (false, " or "), (true, "b"), (false, " allows it")]
        );
        assert_eq!(more, 0);
        let sids: Vec<String> = (1..=100).map(|n| format!("`S{n}`")).collect();
        let text = format!("none of {} allows it", sids.join(", "));
        let (pieces, more) = rich_pieces(&text);
        assert_eq!(more, 70);
        assert_eq!(pieces.iter().filter(|(code, _)| *code).count(), RICH_CODE_LIMIT);
        assert_eq!(pieces.iter().rev().find(|(code, _)| *code), Some(&(true, "S30")));
        assert_eq!(pieces.last(), Some(&(false, " allows it")));
    }
}
