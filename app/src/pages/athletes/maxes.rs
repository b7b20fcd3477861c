//! Maxes: record one (with the 1RM estimator), correct one.

use crate::api::records::{RecordMax, SavedMax, UpdateMax};
use crate::components::Field;
use crate::components::browser::reload_here;
use crate::components::call::{PostForm, decode, post_action, reloading_action};
use crate::components::format::{kg, kind_label, one_decimal};
use crate::components::{FormAlert, SubmitButton, TextField, field_error, last_error};
use crate::i18n::*;
use crate::model::Choice;
use chrono::NaiveDate;
use domain::maxes::{MaxKind, OneRepFormula, estimate_one_rep_max, formula_one_rep_max};
use domain::weight::Kg;
use domain::{AthleteId, ExerciseId, MaxId};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Records a max; the estimator fills the weight from a set (weight × reps) and makes it an
/// estimated max.
#[island(lazy = athletes)]
pub(super) fn MaxForm(
    athlete_id: AthleteId,
    exercises: Vec<Choice>,
    coaching: bool,
    main: Vec<i64>,
    today: String,
) -> impl IntoView {
    let locale = crate::lang::current();
    let action = post_action();
    let error = last_error(action.value());
    Effect::new(move |_| {
        // Saved: the page again, saying so when the max is a record (a page load, even when the
        // answer does not decode, since the max is saved).
        if let Some(Ok(answer)) = action.value().get() {
            let record = decode::<SavedMax>(&answer).ok().filter(|saved| saved.record);
            reload_here(record.map(|saved| format!("record={}", saved.id)));
        }
    });
    let weight = RwSignal::new(String::new());
    let first_kind = if coaching {
        MaxKind::Tested
    } else {
        MaxKind::Training
    };
    let kind = RwSignal::new(first_kind.as_str().to_owned());
    let set_weight = RwSignal::new(String::new());
    let set_reps = RwSignal::new(String::new());
    let estimates = Signal::derive(move || {
        let w: Kg = set_weight.get().parse().ok()?;
        let r: u32 = set_reps.get().trim().parse().ok()?;
        let loaded = |formula| estimate_one_rep_max(w, r, formula).ok();
        let exact = |formula| formula_one_rep_max(w, r, formula).ok();
        Some((
            loaded(OneRepFormula::Epley)?,
            loaded(OneRepFormula::Brzycki)?,
            exact(OneRepFormula::Epley)?,
            exact(OneRepFormula::Brzycki)?,
        ))
    });
    let use_estimate = move |value: Kg| {
        weight.set(value.to_string());
        kind.set(MaxKind::Estimated.as_str().to_owned());
    };
    let (first, rest): (Vec<Choice>, Vec<Choice>) = exercises.into_iter().partition(|c| main.contains(&c.id));
    let exercise_error = field_error(locale, error, "exercise");
    let kind_error = field_error(locale, error, "kind");
    view! {
        <PostForm to=RecordMax::PATH action attr:class="flex flex-col gap-3 rounded-lg border border-line p-4" attr:novalidate="" attr:data-testid="max-form">
            <input type="hidden" name="athlete_id" value=athlete_id.0.to_string()/>
            <div class="grid grid-cols-1 gap-3 sm:grid-cols-4">
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="field-exercise" class="text-sm font-medium">{tr!(athletes.exercise)}</label>
                    <select id="field-exercise" name="exercise" class="select" aria-invalid=move || exercise_error.with(Option::is_some).then_some("true")>
                        <option value="">"—"</option>
                        {first.into_iter().chain(rest).map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                    <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || exercise_error.get()}</p>
                </div>
                <Field id="field-weight" label=tr!(athletes.weight_kg)>
                    <input id="field-weight" name="weight" class="input" inputmode="decimal" prop:value=move || weight.get() on:input=move |ev| weight.set(event_target_value(&ev))/>
                    <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || field_error(locale, error, "weight").get()}</p>
                </Field>
                <TextField name="date" kind="date" label=tr!(athletes.date) errors=error value=today.clone()/>
            </div>
            <Field id="field-kind" label=tr!(athletes.kind)>
                <select id="field-kind" name="kind" class="select max-w-xs" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    {MaxKind::recordable(coaching).iter().map(|&k| view! { <option value=k.as_str()>{kind_label(locale, k)}</option> }).collect_view()}
                </select>
                <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || kind_error.get()}</p>
            </Field>
            {coaching.then(|| view! {
                <details class="rounded-md bg-surface-3/50 p-3" data-testid="estimator">
                    <summary class="cursor-pointer text-sm font-medium">{tr!(athletes.estimator)}</summary>
                    <div class="mt-3 flex flex-wrap items-end gap-3">
                        <div class="flex flex-col gap-1">
                            <label for="estimate-weight" class="text-sm">{tr!(athletes.set_weight)}</label>
                            <input id="estimate-weight" class="input w-28" inputmode="decimal" on:input=move |ev| set_weight.set(event_target_value(&ev))/>
                        </div>
                        <div class="flex flex-col gap-1">
                            <label for="estimate-reps" class="text-sm">{tr!(athletes.set_reps)}</label>
                            <input id="estimate-reps" class="input w-20" inputmode="numeric" on:input=move |ev| set_reps.set(event_target_value(&ev))/>
                        </div>
                    </div>
                    <div class="mt-3 flex flex-wrap gap-2" aria-live="polite">
                        {move || match estimates.get() {
                            Some((epley, brzycki, exact_epley, exact_brzycki)) => view! {
                                <button type="button" class="btn-secondary" data-testid="use-epley" on:click=move |_| use_estimate(epley)>
                                    {td_string!(locale, athletes.use_epley, weight = kg(locale, epley)).to_string()}
                                </button>
                                <button type="button" class="btn-secondary" data-testid="use-brzycki" on:click=move |_| use_estimate(brzycki)>
                                    {td_string!(locale, athletes.use_brzycki, weight = kg(locale, brzycki)).to_string()}
                                </button>
                                <p class="basis-full text-xs text-muted" data-testid="estimate-exact">
                                    {td_string!(
                                        locale,
                                        athletes.estimator_rounding,
                                        epley = one_decimal(locale, exact_epley),
                                        brzycki = one_decimal(locale, exact_brzycki)
                                    ).to_string()}
                                </p>
                            }.into_any(),
                            None => view! { <p class="text-sm text-muted">{td_string!(locale, athletes.estimator_hint).to_string()}</p> }.into_any(),
                        }}
                    </div>
                </details>
            })}
            <FormAlert errors=error/>
            <div><SubmitButton label=tr!(athletes.record_max) pending=action.pending()/></div>
        </PostForm>
    }
}

/// Corrects a recorded max in place: a dialog with its weight, date and kind (the exercise
/// stays). The max's version guards against someone else's change in between.
#[allow(clippy::too_many_arguments)]
#[island(lazy = athletes)]
pub(super) fn EditMax(
    id: MaxId,
    version: i64,
    exercise: ExerciseId,
    lift: String,
    weight: Kg,
    day: NaiveDate,
    kind: MaxKind,
    coaching: bool,
) -> impl IntoView {
    let locale = crate::lang::current();
    let (action, error) = reloading_action();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    // Ids unique on the page: every max row has its dialog, and the page has the max form too.
    let field = move |name: &str| format!("max-{}-{name}", id.0);
    let weight_error = field_error(locale, error, "weight");
    let date_error = field_error(locale, error, "date");
    let kind_error = field_error(locale, error, "kind");
    let button_label = td_string!(
        locale,
        athletes.edit_max,
        lift = lift.clone(),
        weight = kg(locale, weight)
    )
    .to_string();
    let title = td_string!(locale, athletes.edit_max_title, lift = lift).to_string();
    let error_line = |message: Signal<Option<String>>| {
        view! { <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || message.get()}</p> }
    };
    view! {
        <button type="button" class="icon-btn" aria-haspopup="dialog" aria-label=button_label.clone() title=button_label on:click=open data-testid="edit-max">
            "✎"
        </button>
        <dialog node_ref=dialog class="card m-auto w-[min(28rem,calc(100vw-2rem))] text-left text-ink backdrop:bg-black/50" aria-labelledby=field("title") data-testid="edit-max-dialog">
            <PostForm to=UpdateMax::PATH action attr:class="flex flex-col gap-3" attr:novalidate="">
                <h2 id=field("title") class="text-lg font-semibold">{title}</h2>
                <input type="hidden" name="id" value=id.0.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <input type="hidden" name="exercise" value=exercise.0.to_string()/>
                <div class="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    <Field id=field("weight") label=tr!(athletes.weight_kg)>
                        <input id=field("weight") name="weight" class="input" inputmode="decimal" value=kg(locale, weight)
                            aria-invalid=move || weight_error.with(Option::is_some).then_some("true")/>
                        {error_line(weight_error)}
                    </Field>
                    <Field id=field("date") label=tr!(athletes.date)>
                        <input id=field("date") name="date" type="date" class="input" value=day.to_string()
                            aria-invalid=move || date_error.with(Option::is_some).then_some("true")/>
                        {error_line(date_error)}
                    </Field>
                </div>
                <Field id=field("kind") label=tr!(athletes.kind)>
                    <select id=field("kind") name="kind" class="select">
                        {MaxKind::recordable(coaching).iter().map(|&k| view! { <option value=k.as_str() selected=k == kind>{kind_label(locale, k)}</option> }).collect_view()}
                    </select>
                    {error_line(kind_error)}
                </Field>
                <FormAlert errors=error/>
                <div class="flex flex-wrap justify-end gap-2">
                    <button type="button" class="btn-secondary" on:click=close>{tr!(athletes.cancel)}</button>
                    <SubmitButton label=tr!(athletes.save) pending=action.pending()/>
                </div>
            </PostForm>
        </dialog>
    }
}
