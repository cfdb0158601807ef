//! The flow played from the world — derived, never stored: at once (a memo of the world) unless
//! the world is large, then once typing pauses — and its fixes, found once typing pauses for the
//! world they were found for and shown only while that is still the world.

use std::collections::BTreeMap;
use std::rc::Rc;

use omen_core::flow::apply;
use serde_json::Value;
use yew::prelude::*;

use crate::components::editor_id;
use crate::evaluation::{evaluate, is_large, not_yet_played, Evaluated};
use crate::state::{Action, Playground};

/// How long typing must pause before a large world is played, in milliseconds.
const LARGE_WORLD_DELAY_MS: u32 = 300;
/// How long typing must pause before fixes are looked for, in milliseconds.
const FIX_DELAY_MS: u32 = 150;

/// The flow played from `world`, and whether it is pending: at once (a memo of the world) unless
/// the world is large; a large one is played once typing pauses, and until then the results of
/// the last world played are shown, pending. `evaluate_invalid`: the steps that need a policy AWS
/// would refuse to save are evaluated anyway.
#[hook]
pub fn use_evaluation(world: &Value, evaluate_invalid: bool) -> (Rc<Evaluated>, bool) {
    let large = is_large(world);
    let now = use_memo((world.clone(), large, evaluate_invalid), |(world, large, evaluate_invalid)| {
        (!large).then(|| Rc::new(evaluate(world, *evaluate_invalid)))
    });
    let later = use_state(|| None::<(Value, Rc<Evaluated>)>);
    {
        let later = later.clone();
        use_effect_with((world.clone(), large, evaluate_invalid), move |(world, large, evaluate_invalid)| {
            let evaluate_invalid = *evaluate_invalid;
            let timeout = large.then(|| {
                let world = world.clone();
                gloo::timers::callback::Timeout::new(LARGE_WORLD_DELAY_MS, move || {
                    let evaluated = Rc::new(evaluate(&world, evaluate_invalid));
                    later.set(Some((world, evaluated)));
                })
            });
            move || drop(timeout)
        });
    }
    if let Some(evaluated) = now.as_ref() {
        return (evaluated.clone(), false);
    }
    match &*later {
        Some((played, evaluated)) => (evaluated.clone(), played != world),
        None => (Rc::new(not_yet_played()), true),
    }
}

/// The fixes found for one world.
#[derive(Debug, Default, PartialEq)]
struct FoundFixes {
    world: Value,
    fixes: BTreeMap<String, omen_core::flow::Fix>,
}

/// `evaluated` with the fixes for `world` on its steps, once they are found. Fixes replay the
/// flow several times: they are looked for once typing pauses; a large world gets none, its
/// replays would hold the page for seconds.
#[hook]
pub fn use_fixes(world: &Value, evaluated: Rc<Evaluated>, pending: bool) -> Rc<Evaluated> {
    let found_fixes = use_state(|| Rc::new(FoundFixes::default()));
    {
        let found_fixes = found_fixes.clone();
        use_effect_with(world.clone(), move |world| {
            let timeout = (!is_large(world)).then(|| {
                let world = world.clone();
                gloo::timers::callback::Timeout::new(FIX_DELAY_MS, move || {
                    let fixes = crate::evaluation::fixes(&world);
                    found_fixes.set(Rc::new(FoundFixes { world, fixes }));
                })
            });
            move || drop(timeout)
        });
    }
    let found = (found_fixes.world == *world).then(|| found_fixes.clone());
    match found {
        Some(found) if !found.fixes.is_empty() && !pending => {
            let mut with_fixes = (*evaluated).clone();
            for step in &mut with_fixes.result.steps {
                step.fix = found.fixes.get(&step.id).cloned();
            }
            Rc::new(with_fixes)
        }
        _ => evaluated,
    }
}

/// The "Apply fix" callback: one for the page's life (reading the flow shown when it is called),
/// so that the results, which may be large, are not drawn again on every keystroke.
#[hook]
pub fn use_apply_fix(state: &UseReducerHandle<Playground>, shown: &Rc<Evaluated>) -> Callback<String> {
    let latest = use_mut_ref(|| shown.clone());
    *latest.borrow_mut() = shown.clone();
    let dispatcher = state.dispatcher();
    use_callback((), move |step_id: String, ()| {
        let evaluated = latest.borrow().clone();
        let Some(world) = fixed_world(&evaluated, &step_id) else { return };
        dispatcher.dispatch(Action::ApplyFix(world));
        // Then show and focus what changed, once the page is drawn with it.
        if let Some(id) = changed_element(&evaluated, &step_id) {
            gloo::timers::callback::Timeout::new(0, move || crate::browser::reveal(&id)).forget();
        }
    })
}

/// The element id of what the fix of step `step_id` changes first: a policy's editor, or a
/// scenario field.
fn changed_element(evaluated: &Evaluated, step_id: &str) -> Option<String> {
    let step = evaluated.result.steps.iter().find(|step| step.id == step_id)?;
    let change = step.fix.as_ref()?.changes.first()?;
    Some(match change {
        omen_core::flow::Change::Policy(change) => editor_id(&change.pointer),
        omen_core::flow::Change::Request(change) => editor_id(&change.pointer).replacen("ed", "in", 1),
    })
}

/// The world with the fix of step `step_id` applied, as JSON.
fn fixed_world(evaluated: &Evaluated, step_id: &str) -> Option<Value> {
    let step = evaluated.result.steps.iter().find(|step| step.id == step_id)?;
    let fix = step.fix.as_ref()?;
    let mut world = evaluated.world.clone()?;
    for change in &fix.changes {
        world = apply(&world, change)?;
    }
    Some(world.to_value())
}
