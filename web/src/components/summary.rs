//! The verdict summary pinned to the top of the page: the flow kind, each step as a chip with
//! ✓ / ✗ and its short title, the failing step's error code, and a way down to the results.

use omen_core::flow::{FlowKind, FlowResult, Step, StepDecision, StepKind};
use yew::prelude::*;

use crate::components::flow_picture::hop_mark;
use crate::i18n::Lang;

/// One step as the summary shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// The step's id (`passRole`, `hop1.assumeRole`, …).
    pub id: String,
    /// A short title: the API action or a word or two.
    pub label: String,
    /// The step's full title, as plain text, for hover.
    pub title: String,
    /// What the step came to.
    pub decision: StepDecision,
}

/// What the summary shows: derived from the flow already played, never played again.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// PassRole, AssumeRole or nothing.
    pub flow: FlowKind,
    /// Whether the flow succeeded.
    pub succeeded: bool,
    /// Each step.
    pub chips: Vec<Chip>,
    /// The id of the step that failed, if one did.
    pub failed_step: Option<String>,
    /// The error code the failing step returns.
    pub error_code: Option<String>,
    /// Said in place of the verdict while the AWS managed policies the world attaches by
    /// reference load (the flow is not played yet).
    pub loading: Option<String>,
    /// Whether policies AWS would refuse to save were evaluated anyway.
    pub evaluated_anyway: bool,
}

fn short_label(step: &Step, lang: Lang) -> String {
    let t = lang.strings();
    let action = step.request.as_ref().map(|request| request.action.clone());
    match step.kind {
        StepKind::ApiCall => action.unwrap_or_else(|| "API".to_owned()),
        StepKind::CreateServiceLinkedRole => "CreateServiceLinkedRole".to_owned(),
        StepKind::PassRole => "PassRole".to_owned(),
        StepKind::ServiceAssumeRole => t.chip_service_assume.to_owned(),
        StepKind::BlastRadius => t.chip_blast_radius.to_owned(),
        StepKind::AssumeRole => "AssumeRole".to_owned(),
        StepKind::TagSession => "TagSession".to_owned(),
        StepKind::SetSourceIdentity => "SetSourceIdentity".to_owned(),
        StepKind::ActAsSession => action.unwrap_or_else(|| t.chip_as_session.to_owned()),
    }
}

/// The summary of `result` in `lang`.
pub fn summarise(result: &FlowResult, lang: Lang) -> Summary {
    let chained = result.steps.iter().any(|step| step.hop.is_some_and(|hop| hop > 1));
    let chips = result
        .steps
        .iter()
        .map(|step| {
            let label = short_label(step, lang);
            let label = match step.hop {
                Some(hop) if chained => format!("{hop}· {label}"),
                _ => label,
            };
            Chip {
                id: step.id.clone(),
                label,
                title: step.title.get(lang.core()).replace('`', ""),
                decision: step.decision,
            }
        })
        .collect();
    Summary {
        flow: result.flow,
        succeeded: result.succeeded,
        chips,
        failed_step: result.failed_step.clone(),
        error_code: result.error_code.clone(),
        loading: None,
        evaluated_anyway: result.evaluated_invalid && !result.refused_at_save.is_empty(),
    }
}

/// Properties of [`VerdictSummary`].
#[derive(Properties, PartialEq)]
pub struct VerdictSummaryProps {
    /// What to show.
    pub summary: Summary,
    /// The interface language.
    pub lang: Lang,
}

fn chip_class(decision: StepDecision) -> &'static str {
    match decision {
        StepDecision::Allowed | StepDecision::NotRequired => "chip-ok",
        StepDecision::Skipped | StepDecision::Info => "chip-neutral",
        _ => "chip-denied",
    }
}

/// The summary bar.
#[component]
pub fn VerdictSummary(props: &VerdictSummaryProps) -> Html {
    let t = props.lang.strings();
    let summary = &props.summary;
    let flow = match summary.flow {
        FlowKind::PassRole => "PassRole",
        FlowKind::AssumeRole => "AssumeRole",
        FlowKind::None => t.chip_no_flow,
    };
    let (class, mark, words) = match &summary.loading {
        Some(loading) => ("pending", "…", loading.as_str()),
        None if summary.succeeded => ("ok", "✓", t.succeeded),
        None => ("denied", "✗", t.failed),
    };
    let to_results = Callback::from(|_: MouseEvent| crate::browser::reveal("results"));
    // A chip leads to its step in the results (not through the address: it holds the share link).
    let jump = |id: &str| {
        let anchor = crate::components::results::step_anchor(id);
        Callback::from(move |_: MouseEvent| crate::browser::reveal(&anchor))
    };
    let announcement = match &summary.failed_step {
        _ if summary.loading.is_some() => words.to_owned(),
        None if summary.succeeded => t.succeeded.to_owned(),
        failed => {
            let label = failed
                .as_ref()
                .and_then(|id| summary.chips.iter().find(|chip| &chip.id == id))
                .map_or_else(String::new, |chip| chip.label.clone());
            format!("{} {label}", t.announce_failed).trim_end().to_owned()
        }
    };
    html! {
        <section class={classes!("summary", class)} aria-label={t.summary_label} data-testid="summary"
            data-succeeded={summary.succeeded.to_string()} data-loading={summary.loading.clone()}>
            <span class="summary-verdict"><span aria-hidden="true">{ mark }</span>{ " " }<strong>{ words }</strong></span>
            <span class="summary-flow" data-testid="summary-flow">{ flow }</span>
            if summary.evaluated_anyway {
                <span class="summary-anyway" data-testid="summary-anyway">{ t.evaluated_anyway }</span>
            }
            <ol class="chips">
                { for summary.chips.iter().map(|chip| {
                    let mark = if chip.decision == StepDecision::Info { "ℹ" } else { hop_mark(chip.decision) };
                    let failed = summary.failed_step.as_deref() == Some(chip.id.as_str());
                    html! {
                        <li class={classes!("chip", chip_class(chip.decision))} title={chip.title.clone()}
                            data-step={chip.id.clone()} data-decision={chip.decision.as_str()}>
                            <button type="button" class="chip-jump" onclick={jump(&chip.id)}>
                                <span class="chip-mark">{ mark }</span>{ " " }{ chip.label.clone() }
                                if failed {
                                    if let Some(code) = &summary.error_code {
                                        <code class="chip-code" data-testid="summary-error">{ code.clone() }</code>
                                    }
                                }
                            </button>
                        </li>
                    }
                }) }
            </ol>
            // A short live region: the verdict, not the whole results section.
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="announce">{ announcement }</p>
            <button type="button" class="small summary-jump" onclick={to_results} data-testid="to-results">
                { t.to_results }
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::evaluate;
    use crate::state::preset_world;

    #[test]
    fn the_first_story_fails_at_passrole_with_its_error_code() {
        let evaluated = evaluate(&preset_world("ec2-full-access-without-passrole").unwrap_or_default(), false);
        let summary = summarise(&evaluated.result, Lang::En);
        assert_eq!(summary.flow, FlowKind::PassRole);
        assert!(!summary.succeeded);
        assert_eq!(summary.failed_step.as_deref(), Some("passRole"));
        assert_eq!(summary.error_code.as_deref(), Some("Client.UnauthorizedOperation"));
        let labels: Vec<_> = summary.chips.iter().map(|chip| chip.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"ec2:RunInstances"), "{labels:?}");
        assert!(labels.contains(&"PassRole"), "{labels:?}");
        assert!(summary.chips.iter().all(|chip| !chip.title.contains('`')));
    }

    #[test]
    fn chained_hops_are_numbered_and_words_follow_the_language() {
        let evaluated = evaluate(&preset_world("role-chaining").unwrap_or_default(), false);
        let en = summarise(&evaluated.result, Lang::En);
        assert_eq!(en.flow, FlowKind::AssumeRole);
        assert!(en.chips.iter().any(|chip| chip.label.starts_with("2· ")), "{:?}", en.chips);
        let ja = summarise(&evaluated.result, Lang::Ja);
        assert_eq!(ja.chips.len(), en.chips.len());
        assert_ne!(
            en.chips.iter().map(|c| &c.title).collect::<Vec<_>>(),
            ja.chips.iter().map(|c| &c.title).collect::<Vec<_>>()
        );
    }
}
