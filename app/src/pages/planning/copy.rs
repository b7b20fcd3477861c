//! Copying a week to another (`/planning/copy?from=2026-W50&to=2026-W51&for=club`): for the
//! whole club, a group or one athlete. The page shows every session the copy would create
//! before anything is written; the copy then applies all of them or none, and only if the
//! week is still what was shown. Plain forms, rendered on the server.

use super::{long_day, week_href, when};
use crate::api::planning::{CopyWeek, week_copy_preview};
use crate::components::{form_page, loaded};
use crate::model::WeekCopyView;
use domain::planning::calendar::Week;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WeekCopyPage() -> impl IntoView {
    let (from, to, scope) = use_query_map().with_untracked(|q| {
        let from = q.get("from").unwrap_or_default();
        let to = q.get("to").unwrap_or_else(|| {
            Week::parse(&from)
                .and_then(|w| w.shifted(1))
                .map(|w| w.to_string())
                .unwrap_or_default()
        });
        (from, to, q.get("for").unwrap_or_default())
    });
    let page = loaded(week_copy_preview(from, to, scope), show);
    form_page(tr!(planning.copy_week_title), page)
}

fn show(view: WeekCopyView) -> impl IntoView {
    let locale = crate::lang::current();
    let option = |value: String, name: String, chosen: &str| {
        let selected = value == chosen;
        view! { <option value=value selected=selected>{name}</option> }
    };
    let groups = view
        .groups
        .iter()
        .map(|g| option(format!("g{}", g.id), g.name.clone(), &view.scope))
        .collect_view();
    let athletes = view
        .athletes
        .iter()
        .map(|a| option(format!("a{}", a.id), a.name.clone(), &view.scope))
        .collect_view();
    let count = view.copies.len();
    let lines = view
        .copies
        .iter()
        .map(|c| {
            let when = when(locale, c.date, c.time);
            view! {
                <li class="flex flex-col rounded-md border border-line px-3 py-2" data-testid="copy-line">
                    <span class="font-medium">{c.title.clone()}</span>
                    <span class="text-sm text-muted">{when} {(!c.assignees.is_empty()).then(|| format!(" — {}", c.assignees.join(", ")))}</span>
                </li>
            }
        })
        .collect_view();
    let sources = view
        .sources
        .iter()
        .map(|s| view! { <input type="hidden" name="sources[]" value=s.clone()/> })
        .collect_view();
    view! {
        <form method="get" action="/planning/copy" class="card grid gap-3 sm:grid-cols-3" data-testid="copy-week-form">
            <label class="flex flex-col gap-1 text-sm">{tr!(planning.copy_from)}
                <input type="week" name="from" class="input" required value=view.from.clone() data-testid="copy-from"/>
            </label>
            <label class="flex flex-col gap-1 text-sm">{tr!(planning.copy_to_week)}
                <input type="week" name="to" class="input" required value=view.to.clone() data-testid="copy-to-week"/>
            </label>
            <label class="flex flex-col gap-1 text-sm">{tr!(planning.copy_for)}
                <select name="for" class="select" data-testid="copy-for">
                    {option("club".into(), tr!(planning.whole_club), &view.scope)}
                    <optgroup label=tr!(planning.groups)>{groups}</optgroup>
                    <optgroup label=tr!(planning.athletes)>{athletes}</optgroup>
                </select>
            </label>
            <button type="submit" class="btn-secondary w-fit" data-testid="copy-preview">{tr!(planning.copy_preview)}</button>
        </form>
        <section class="flex flex-col gap-3" aria-labelledby="copy-result">
            <h2 id="copy-result" class="text-xl font-semibold" data-testid="copy-count">
                {tr!(planning.copy_will_create, count = count, week = long_day(locale, view.to_monday))}
            </h2>
            <ol class="flex flex-col gap-2">{lines}</ol>
        </section>
        <form method="post" action=CopyWeek::PATH class="flex flex-wrap gap-2" data-testid="copy-apply-form">
            <input type="hidden" name="from" value=view.from.clone()/>
            <input type="hidden" name="to" value=view.to.clone()/>
            <input type="hidden" name="scope" value=view.scope.clone()/>
            {sources}
            <button type="submit" class="btn-primary" disabled=count == 0 data-testid="copy-apply">{tr!(planning.copy_apply, count = count)}</button>
            <a href=week_href(view.from_monday) class="btn-secondary">{tr!(planning.cancel)}</a>
        </form>
    }
}
