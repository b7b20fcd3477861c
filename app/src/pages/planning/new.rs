//! Planning a session (`/planning/new?date=…&q=…`): a day and an optional time, a workout of
//! the library (a search narrows the list), and whom it is for (groups, athletes). Plain forms,
//! rendered on the server: the search is a GET form, planning a POST to `plan_session`.

use super::{long_day, week_href};
use crate::api::planning::{PlanSession, planning_choices};
use crate::components::{form_page, loaded};
use crate::model::{Choice, SessionChoices};
use chrono::NaiveDate;
use domain::catalogue::search::fold;
use domain::workout::WorkoutId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// What the address asks for: the day, the search, a workout chosen beforehand.
#[derive(Clone, Debug, Default)]
struct Asked {
    date: Option<NaiveDate>,
    query: String,
    workout: Option<WorkoutId>,
}

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let asked = use_query_map().with_untracked(|q| Asked {
        date: q.get("date").and_then(|d| domain::day::parse(d.trim())),
        query: q.get("q").unwrap_or_default().chars().take(100).collect(),
        workout: q.get("workout").and_then(|w| w.parse().ok()).map(WorkoutId),
    });
    let page = loaded(planning_choices(), move |choices| form(asked, choices));
    form_page(tr!(planning.new_title), page)
}

fn form(asked: Asked, choices: SessionChoices) -> impl IntoView {
    let locale = crate::lang::current();
    let date = asked.date;
    let folded = fold(&asked.query);
    let workouts: Vec<_> = choices
        .workouts
        .iter()
        .filter(|w| folded.is_empty() || fold(&w.title).contains(&folded) || Some(w.id) == asked.workout)
        .take(50)
        .collect();
    let none = workouts.is_empty();
    let first = asked.workout.or_else(|| workouts.first().map(|w| w.id));
    let list = workouts
        .iter()
        .map(|w| {
            view! {
                <label class="flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-surface-3">
                    <input type="radio" name="workout" value=w.id.to_string() checked=Some(w.id) == first required class="size-4" data-testid="plan-workout"/>
                    <span>{w.title.clone()}</span>
                </label>
            }
        })
        .collect_view();
    let checks = |name: &'static str, all: &[Choice], testid: &'static str| {
        all.iter()
            .map(|c| {
                view! {
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" name=name value=c.id.to_string() class="size-4" data-testid=testid/>
                        {c.name.clone()}
                    </label>
                }
            })
            .collect_view()
    };
    let back = date.map_or_else(|| "/planning".to_owned(), week_href);
    let day_value = date.map(|d| d.to_string()).unwrap_or_default();
    view! {
        {date.map(|d| view! { <p class="text-muted" data-testid="plan-day-name">{long_day(locale, d)}</p> })}
        <form method="get" action="/planning/new" class="flex flex-wrap items-end gap-2" role="search" data-testid="plan-search">
            <input type="hidden" name="date" value=day_value.clone()/>
            <label class="flex min-w-0 flex-1 flex-col gap-1 text-sm">
                {tr!(planning.search_workouts)}
                <input type="search" name="q" class="input" value=asked.query.clone() maxlength="100" data-testid="plan-query"/>
            </label>
            <button type="submit" class="btn-secondary">{tr!(planning.search)}</button>
        </form>
        <form method="post" action=PlanSession::PATH class="flex flex-col gap-5" data-testid="plan-form">
            <div class="grid gap-3 sm:grid-cols-2">
                <label class="flex flex-col gap-1 text-sm">
                    {tr!(planning.day)}
                    <input type="date" name="date" class="input" required value=day_value data-testid="plan-date"/>
                </label>
                <label class="flex flex-col gap-1 text-sm">
                    {tr!(planning.time_optional)}
                    <input type="time" name="time" class="input" data-testid="plan-time"/>
                </label>
            </div>
            <fieldset class="card flex flex-col gap-1">
                <legend class="px-1 font-semibold">{tr!(planning.workout)}</legend>
                {none.then(|| view! { <p class="text-sm text-muted" data-testid="plan-no-workout">{tr!(planning.no_workout)}</p> })}
                <div class="flex max-h-80 flex-col overflow-y-auto">{list}</div>
                <a href="/workouts/new" class="link w-fit text-sm">{tr!(planning.new_workout)}</a>
            </fieldset>
            <div class="grid gap-3 sm:grid-cols-2">
                <fieldset class="card flex flex-col gap-1">
                    <legend class="px-1 font-semibold">{tr!(planning.groups)}</legend>
                    {checks("groups[]", &choices.groups, "plan-group")}
                </fieldset>
                <fieldset class="card flex max-h-80 flex-col gap-1 overflow-y-auto">
                    <legend class="px-1 font-semibold">{tr!(planning.athletes)}</legend>
                    {checks("athletes[]", &choices.athletes, "plan-athlete")}
                </fieldset>
            </div>
            <div class="flex flex-wrap gap-2">
                <button type="submit" class="btn-primary" disabled=none data-testid="plan-submit">{tr!(planning.plan_it)}</button>
                <a href=back class="btn-secondary">{tr!(planning.cancel)}</a>
            </div>
        </form>
    }
}
