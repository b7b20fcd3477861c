//! Rounding, and the live example: what the plates and the rounding make of a planned load.

use super::draft::{preview, step_from_plates};
use super::form::{Editor, LEGEND};
use crate::components::Field;
use crate::components::NumberInput;
use crate::components::format::kg;
use crate::components::plates::PlateDiagram;
use crate::i18n::*;
use domain::competition::Sex;
use domain::load::{LoadFlag, Percent, PlannedLoad, RoundingMode};
use domain::weight::Kg;
use leptos::prelude::*;

/// The example the page plans live: this percentage of this max.
const EXAMPLE_PERCENT: i64 = 80;
const EXAMPLE_MAX: i64 = 102;

/// The rounding step and mode, and the example for each bar.
#[component]
pub(super) fn RoundingFields(editor: Editor) -> impl IntoView {
    let Editor {
        locale,
        form,
        readonly,
        ..
    } = editor;
    let message = move |field: String| editor.message(field);
    let draft = Memo::new(move |_| form.draft());
    let previewed = Memo::new(move |_| draft.with(preview));
    let natural_step = Memo::new(move |_| draft.with(step_from_plates));
    let example = move |sex: Sex| {
        let name = match sex {
            Sex::Women => td_string!(locale, settings.women).to_string(),
            Sex::Men => td_string!(locale, settings.men).to_string(),
        };
        let key = sex.as_str();
        let planned = move || {
            previewed.with(|s| {
                s.as_ref()
                    .map(|s| s.plan_load(Kg::whole(EXAMPLE_MAX), Percent::whole(EXAMPLE_PERCENT), sex))
            })
        };
        view! {
            <div class="flex flex-col gap-1 rounded-lg border border-line p-3" data-testid=format!("example-{key}")>
                <p class="text-sm font-medium text-muted">{name}</p>
                {move || match planned() {
                    Some(planned) => example_load(locale, key, planned),
                    None => view! {
                        <p class="text-sm text-muted" data-testid=format!("example-{key}-load")>
                            {td_string!(locale, settings.example_unavailable).to_string()}
                        </p>
                    }
                    .into_any(),
                }}
            </div>
        }
    };

    let rounding_option = move |mode: RoundingMode, value: &'static str, label: String| {
        let selected = form.rounding.get_untracked() == mode;
        view! { <option value=value selected=selected>{label}</option> }
    };
    let step_error = message("step".to_owned());

    view! {
        <div class="card">
            <fieldset class="min-w-0 flex flex-col gap-4">
                <legend class=LEGEND>{tr!(settings.rounding_legend)}</legend>
                <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
                    <Field id="settings-step" label=tr!(settings.step) class="flex min-w-0 flex-col gap-1">
                        <NumberInput
                            id="settings-step"
                            field="step"
                            value=form.step
                            error=step_error
                            readonly
                            width="w-32"
                            hint_id=Some("settings-step-hint".to_owned())
                            placeholder={Signal::derive(move || kg(locale, natural_step.get()))}
                        />
                        <p id="settings-step-hint" class="text-xs text-muted" data-testid="step-hint">
                            {move || td_string!(locale, settings.step_hint, step = kg(locale, natural_step.get())).to_string()}
                        </p>
                    </Field>
                    <Field id="settings-rounding" label=tr!(settings.mode) class="flex min-w-0 flex-col gap-1">
                        <select
                            id="settings-rounding"
                            class="select max-w-full disabled:cursor-not-allowed disabled:bg-surface-3"
                            disabled=readonly
                            on:change=move |ev| {
                                let mode = match event_target_value(&ev).as_str() {
                                    "down" => RoundingMode::Down,
                                    "up" => RoundingMode::Up,
                                    _ => RoundingMode::Nearest,
                                };
                                form.rounding.set(mode);
                            }
                        >
                            {rounding_option(RoundingMode::Nearest, "nearest", tr!(settings.mode_nearest))}
                            {rounding_option(RoundingMode::Down, "down", tr!(settings.mode_down))}
                            {rounding_option(RoundingMode::Up, "up", tr!(settings.mode_up))}
                        </select>
                    </Field>
                </div>
                <section aria-labelledby="settings-example-title" class="flex flex-col gap-2 rounded-lg bg-surface-3/50 p-3" data-testid="example">
                    <h2 id="settings-example-title" class="font-semibold">
                        {tr!(settings.example_title, percent = EXAMPLE_PERCENT, max = EXAMPLE_MAX)}
                    </h2>
                    <p class="text-xs text-muted">{tr!(settings.example_hint)}</p>
                    <div class="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-live="polite">
                        {example(Sex::Women)}
                        {example(Sex::Men)}
                    </div>
                </section>
            </fieldset>
        </div>
    }
}

/// The example's load for one bar: the weight, then the plates per side or why it cannot be
/// built.
fn example_load(locale: Locale, key: &'static str, planned: PlannedLoad) -> AnyView {
    let detail = match &planned.breakdown {
        Some(b) if b.per_side.is_empty() => td_string!(locale, settings.bare_bar).to_string(),
        Some(b) => {
            let plates = b
                .grouped()
                .into_iter()
                .map(|(weight, n)| {
                    if n > 1 {
                        format!("{n} × {} kg", kg(locale, weight))
                    } else {
                        format!("{} kg", kg(locale, weight))
                    }
                })
                .collect::<Vec<_>>()
                .join(" + ");
            td_string!(locale, settings.per_side, plates = plates).to_string()
        }
        None if planned.flags.contains(&LoadFlag::BelowBar) => {
            td_string!(locale, settings.below_bar).to_string()
        }
        None => td_string!(locale, settings.unbuildable).to_string(),
    };
    let buildable = planned.is_buildable();
    let side = planned.breakdown.map(|b| b.per_side).unwrap_or_default();
    view! {
        <p class="text-2xl font-bold" data-testid=format!("example-{key}-load")>{format!("{} kg", kg(locale, planned.load))}</p>
        {(!side.is_empty()).then(|| view! { <PlateDiagram side/> })}
        <p
            class=if buildable { "text-sm" } else { "text-sm text-amber-700 dark:text-amber-400" }
            data-testid=format!("example-{key}-detail")
        >
            {detail}
        </p>
    }
    .into_any()
}
