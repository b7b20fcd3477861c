//! A workout's page: its elements, each with its blocks in the coach's shorthand and in words,
//! its tempo and comment. Rendered on the server: no WASM.

use super::{LiftNames, edit_href, element_notes, sheet_href};
use crate::api::workouts::{DuplicateWorkout, workout_view};
use crate::components::{id_param, loaded, loading};
use crate::model::WorkoutDetail;
use domain::workout::{Lift, WorkoutId};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn WorkoutPage() -> impl IntoView {
    let id = id_param(WorkoutId);
    let page = loaded(async move { workout_view(id?).await }, show);
    view! {
        <Title text=tr!(workouts.title)/>
        <section class="flex flex-col gap-6">
            <a href="/workouts" class="text-sm text-muted hover:underline">{tr!(workouts.back)}</a>
            {loading(page)}
        </section>
    }
}

fn show(data: WorkoutDetail) -> impl IntoView {
    let locale = crate::lang::current();
    let workout = data.workout;
    let id = data.id;
    let lifts = data.lifts;
    let names = LiftNames::new(locale, &lifts);
    let category = data.category;
    let elements = workout
        .content
        .elements
        .iter()
        .enumerate()
        .map(|(i, element)| {
            let name = names.name(element.lift).unwrap_or_default();
            let words = names.words(element);
            view! {
                <li class="card flex flex-col gap-2" data-testid="workout-element">
                    <div class="flex flex-wrap items-center gap-2">
                        <span class="badge">{i + 1}</span>
                        <h2 class="flex-1 text-lg font-semibold" data-testid="element-name">{name}</h2>
                        {matches!(element.lift, Lift::Complex(_)).then(|| view! { <span class="badge">{tr!(workouts.complex)}</span> })}
                    </div>
                    <code class="font-mono text-sm" data-testid="element-shorthand">{names.shorthand(&element.blocks)}</code>
                    <ul class="list-inside list-disc text-sm text-muted" data-testid="element-words">
                        {words.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                    {element_notes(locale, element)}
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=workout.title.clone()/>
        <div class="flex flex-wrap items-start justify-between gap-3">
            <div class="flex flex-col gap-1">
                <h1 class="text-3xl font-bold" data-testid="workout-heading">{workout.title.clone()}</h1>
                {category.map(|c| view! { <span class="badge w-fit">{c}</span> })}
            </div>
            <div class="flex flex-wrap gap-2">
                <a href=edit_href(id) class="btn-primary" data-testid="edit-workout">{tr!(workouts.edit)}</a>
                <a href=crate::pages::planning::plan_href(id) class="btn-secondary" data-testid="plan-workout-link">{tr!(planning.plan_it)}</a>
                <a href=sheet_href(id) class="btn-secondary" data-testid="print-workout">{tr!(workouts.print)}</a>
                <form method="post" action=DuplicateWorkout::PATH>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="btn-secondary" data-testid="duplicate-workout">{tr!(workouts.duplicate)}</button>
                </form>
            </div>
        </div>
        {(!workout.description.is_empty()).then(|| view! { <p class="whitespace-pre-line">{workout.description.clone()}</p> })}
        <ol class="flex flex-col gap-3" data-testid="workout-elements">{elements}</ol>
    }
}
