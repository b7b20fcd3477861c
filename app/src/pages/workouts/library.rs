//! The workout library: search (titles and the exercises inside), category, archived, sort;
//! each workout with its actions. Plain forms only: the page needs no WASM.

use super::workout_href;
use crate::api::workouts::{ArchiveWorkout, DeleteWorkout, DuplicateWorkout, workout_library};
use crate::components::{Field, loaded, loading};
use crate::model::{Choice, WorkoutItem};
use domain::catalogue::browse::Status;
use domain::workout::WorkoutCategoryId;
use domain::workout::library::{LibraryQuery, LibrarySort};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WorkoutLibraryPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| LibraryQuery {
        q: q.get("q").unwrap_or_default(),
        category: q
            .get("category")
            .and_then(|c| c.parse().ok())
            .map(WorkoutCategoryId),
        status: Status::parse(&q.get("status").unwrap_or_default()),
        sort: LibrarySort::parse(&q.get("sort").unwrap_or_default()),
    });
    let page = loaded(workout_library(query.clone()), move |library| {
        let shown = library.items.len();
        let empty = library.items.is_empty();
        view! {
            <Filters query categories=library.categories/>
            <div class="flex flex-wrap items-center justify-between gap-2 text-sm">
                <p class="text-muted" role="status" data-testid="workout-count">
                    {tr!(workouts.count, shown = shown, total = library.total)}
                </p>
                <a href="/catalogue/lists#list-workout" class="link" data-testid="edit-workout-categories">{tr!(workouts.edit_categories)}</a>
            </div>
            {empty.then(|| view! { <p class="rounded-lg border border-dashed border-line p-4 text-sm text-muted">{tr!(workouts.empty)}</p> })}
            <ul class="grid grid-cols-1 gap-3 lg:grid-cols-2" data-testid="workout-list">
                {library.items.into_iter().map(workout_card).collect_view()}
            </ul>
        }
    });
    view! {
        <Title text=tr!(workouts.title)/>
        <section class="flex flex-col gap-6">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-3xl font-bold">{tr!(workouts.library_title)}</h1>
                <a href="/workouts/new" class="btn-primary" data-testid="new-workout">{tr!(workouts.new_workout)}</a>
            </div>
            {loading(page)}
        </section>
    }
}

/// The search, the filters and the sort: a GET form, so the address keeps the query.
#[component]
fn Filters(query: LibraryQuery, categories: Vec<Choice>) -> impl IntoView {
    let option = |value: &'static str, label: String, selected: bool| {
        view! { <option value=value selected=selected>{label}</option> }
    };
    view! {
        <form method="get" action="/workouts" class="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(11rem,1.2fr)_minmax(8rem,1fr)_minmax(10rem,1fr)_auto] lg:items-end" role="search">
            <Field id="workout-q" label=tr!(workouts.search)>
                <input id="workout-q" name="q" type="search" class="input" maxlength="100" value=query.q.clone()/>
            </Field>
            <Field id="workout-category" label=tr!(workouts.category)>
                <select id="workout-category" name="category" class="select">
                    <option value="">{tr!(workouts.all_categories)}</option>
                    {categories.into_iter().map(|c| {
                        let selected = query.category.map(|q| q.0) == Some(c.id);
                        view! { <option value=c.id.to_string() selected=selected>{c.name}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <Field id="workout-status" label=tr!(workouts.status)>
                <select id="workout-status" name="status" class="select">
                    {option("active", tr!(workouts.status_active), query.status == Status::Active)}
                    {option("archived", tr!(workouts.status_archived), query.status == Status::Archived)}
                    {option("all", tr!(workouts.status_all), query.status == Status::All)}
                </select>
            </Field>
            <Field id="workout-sort" label=tr!(workouts.sort)>
                <select id="workout-sort" name="sort" class="select">
                    {option("relevance", tr!(workouts.sort_relevance), query.sort == LibrarySort::Relevance)}
                    {option("title", tr!(workouts.sort_title), query.sort == LibrarySort::Title)}
                    {option("recent", tr!(workouts.sort_recent), query.sort == LibrarySort::Recent)}
                </select>
            </Field>
            <button type="submit" class="btn-secondary">{tr!(workouts.filter)}</button>
        </form>
    }
}

/// A plain form posting one action of a workout (the server answers with a redirect).
fn action_form(
    path: &'static str,
    item: &WorkoutItem,
    extra: Option<(&'static str, &'static str)>,
    label: String,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=path>
            <input type="hidden" name="id" value=item.id.to_string()/>
            <input type="hidden" name="version" value=item.version.to_string()/>
            {extra.map(|(name, value)| view! { <input type="hidden" name=name value=value/> })}
            <button type="submit" class="btn-secondary text-sm" data-testid=testid>{label}</button>
        </form>
    }
}

fn workout_card(item: WorkoutItem) -> impl IntoView {
    let lifts = if item.lifts.is_empty() {
        tr!(workouts.no_lift)
    } else {
        item.lifts.join(" · ")
    };
    let archive = if item.archived {
        action_form(
            ArchiveWorkout::PATH,
            &item,
            Some(("archived", "false")),
            tr!(workouts.restore),
            "restore-workout",
        )
        .into_any()
    } else {
        action_form(
            ArchiveWorkout::PATH,
            &item,
            Some(("archived", "true")),
            tr!(workouts.archive),
            "archive-workout",
        )
        .into_any()
    };
    let delete = item.archived.then(|| {
        action_form(
            DeleteWorkout::PATH,
            &item,
            None,
            tr!(workouts.delete),
            "delete-workout",
        )
    });
    view! {
        <li class="card flex flex-col gap-3" data-testid="workout-item">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <a href=workout_href(item.id) class="text-lg font-semibold hover:underline" data-testid="workout-title">{item.title.clone()}</a>
                <span class="flex flex-wrap gap-1">
                    {item.category.clone().map(|c| view! { <span class="badge">{c}</span> })}
                    {item.archived.then(|| view! { <span class="badge">{tr!(workouts.archived)}</span> })}
                </span>
            </div>
            <p class="text-sm text-muted">{lifts}</p>
            <div class="flex flex-wrap gap-2">
                <form method="post" action=DuplicateWorkout::PATH>
                    <input type="hidden" name="id" value=item.id.to_string()/>
                    <button type="submit" class="btn-secondary text-sm" data-testid="duplicate-workout">{tr!(workouts.duplicate)}</button>
                </form>
                {archive}
                {delete}
            </div>
        </li>
    }
}
