//! An exercise's page: its details, its media and what a coach may do with it.

use super::exercise_href;
use super::media::MediaSection;
use super::record_actions::{Record, RecordActions};
use crate::api::catalogue::exercise;
use crate::components::detail_page;
use crate::model::ExerciseDetail;
use domain::ExerciseId;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ExercisePage() -> impl IntoView {
    detail_page(
        "/catalogue",
        tr!(catalogue.back),
        ExerciseId,
        exercise,
        |detail| view! { <ExerciseDetails detail/> },
    )
}

#[component]
pub(super) fn ExerciseDetails(detail: ExerciseDetail) -> impl IntoView {
    let locale = crate::lang::current();
    let (name, other) = crate::lang::name_pair(locale, &detail.name_fr, &detail.name_en);
    let row = |label: String, value: Option<String>| {
        view! {
            <div class="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
                <dt class="w-40 shrink-0 text-sm text-muted">{label}</dt>
                <dd>{value.unwrap_or_else(|| "—".to_owned())}</dd>
            </div>
        }
    };
    let used_in = detail.used_in.clone();
    let deletable = used_in.is_empty();
    view! {
        <Title text=name.clone()/>
        <article class="flex flex-col gap-6">
            <header class="flex flex-wrap items-start justify-between gap-3">
                <div>
                    <h1 class="text-3xl font-bold" data-testid="exercise-name">{name.clone()}</h1>
                    {other.map(|o| view! { <p class="text-lg text-muted">{o}</p> })}
                    {detail.archived.then(|| view! { <span class="badge mt-2 inline-block" data-testid="archived-badge">{tr!(catalogue.archived)}</span> })}
                </div>
                {detail.can_edit.then(|| view! {
                    <div class="flex flex-wrap gap-2">
                        <a href=format!("{}/edit", exercise_href(detail.id)) class="btn-secondary">{tr!(catalogue.edit)}</a>
                        <RecordActions record=Record::Exercise(detail.id) version=detail.version archived=detail.archived deletable name=name.clone()/>
                    </div>
                })}
            </header>
            <dl class="card flex flex-col gap-3">
                {row(tr!(catalogue.name_fr), Some(detail.name_fr.clone()))}
                {row(tr!(catalogue.name_en), Some(detail.name_en.clone()))}
                {row(tr!(catalogue.short_name), detail.short_name.clone())}
                {row(tr!(catalogue.category), detail.category.clone().map(|c| c.name))}
                {row(tr!(catalogue.equipment), detail.equipment.clone().map(|e| e.name))}
            </dl>
            {detail.description.clone().map(|d| view! {
                <section class="card">
                    <h2 class="mb-2 text-lg font-semibold">{tr!(catalogue.description)}</h2>
                    <p class="whitespace-pre-line">{d}</p>
                </section>
            })}
            <MediaSection detail=detail.clone() name=name.clone()/>
            <section class="card">
                <h2 class="mb-2 text-lg font-semibold">{tr!(catalogue.used_in)}</h2>
                {if used_in.is_empty() {
                    view! { <p class="text-sm text-muted">{tr!(catalogue.unused)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-inside list-disc" data-testid="used-in">
                            {used_in.into_iter().map(|c| view! { <li>{c.name}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </article>
    }
}
