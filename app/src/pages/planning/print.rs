//! A group's week sheet for the gym's wall (`/planning/print?group=…&week=2026-W50`): each of
//! the group's sessions of the week, in order, and for each element a table of each athlete's
//! kilograms per block (their override in place, the maxes in force on the session's day).
//! A4 in print (no navigation, black on white, a session per page break when it has to); on
//! screen a GET form chooses the group and the week. Rendered on the server: no WASM (the
//! print button is `print.js`).

use super::{long_day, week_href, when};
use crate::api::planning::planning_sheet;
use crate::components::lifts::{LiftNames, element_notes};
use crate::components::loads::loads_table;
use crate::components::{Field, loaded, loading};
use crate::model::WeekSheetView;
use domain::GroupId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WeekSheetPage() -> impl IntoView {
    let (group, week) = use_query_map().with_untracked(|q| {
        (
            q.get("group").and_then(|g| g.parse().ok()).map(GroupId),
            q.get("week").unwrap_or_default(),
        )
    });
    let page = loaded(planning_sheet(group, week), show);
    view! {
        <Title text=tr!(planning.sheet_title)/>
        <section class="flex flex-col gap-5 print:gap-3">{loading(page)}</section>
    }
}

fn show(sheet: WeekSheetView) -> impl IntoView {
    let locale = crate::lang::current();
    let names = LiftNames::new(locale, &sheet.lifts);
    let chosen = sheet.group.as_ref().map(|g| g.id);
    let heading = sheet.group.as_ref().map(|g| {
        tr!(
            planning.sheet_heading,
            group = g.name.clone(),
            day = long_day(locale, sheet.monday)
        )
    });
    let empty = sheet.group.is_some() && sheet.sessions.is_empty();
    let sessions = sheet
        .sessions
        .iter()
        .map(|s| {
            let when = when(locale, s.date, s.time);
            let elements = s
                .content
                .elements
                .iter()
                .enumerate()
                .map(|(i, element)| {
                    let name = names.name(element.lift).unwrap_or_else(|| tr!(workouts.unknown_lift));
                    let lines = names.words(element);
                    let heads = (0..element.blocks.len())
                        .map(|j| (names.shorthand(&element.blocks[j..=j]), lines.get(j).cloned().unwrap_or_default()))
                        .collect::<Vec<_>>();
                    let table = (!s.athletes.is_empty()).then(|| loads_table(locale, &name, i, &heads, &s.athletes));
                    view! {
                        <li class="flex break-inside-avoid flex-col gap-1">
                            <h3 class="font-semibold">
                                <span class="tabular-nums text-muted">{i + 1} ". "</span>{name}
                                " " <code class="font-mono text-sm font-normal">{names.shorthand(&element.blocks)}</code>
                            </h3>
                            {element_notes(locale, element)}
                            {table}
                        </li>
                    }
                })
                .collect_view();
            let skipping = (!s.skipping.is_empty())
                .then(|| view! { <p class="text-sm text-muted">{tr!(planning.sheet_skipping, names = s.skipping.join(", "))}</p> });
            view! {
                <article class="flex flex-col gap-2 border-t border-line pt-3" data-testid="sheet-session">
                    <h2 class="text-xl font-bold print:text-lg">{s.title.clone()} <span class="text-base font-normal text-muted">" — " {when}</span></h2>
                    {skipping}
                    <ol class="flex flex-col gap-3">{elements}</ol>
                </article>
            }
        })
        .collect_view();
    view! {
        <a href=week_href(sheet.monday) class="text-sm text-muted hover:underline print:hidden">{tr!(planning.back)}</a>
        <form method="get" action="/planning/print" class="card flex flex-wrap items-end gap-3 print:hidden" data-testid="week-sheet-form">
            <Field id="sheet-group" label=tr!(planning.group)>
                <select id="sheet-group" name="group" class="select" required data-testid="week-sheet-group">
                    <option value="">{tr!(workouts.sheet_no_group)}</option>
                    {sheet.groups.iter().map(|g| {
                        let selected = chosen == Some(g.id);
                        view! { <option value=g.id.to_string() selected=selected>{g.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <Field id="sheet-week" label=tr!(planning.week)>
                <input id="sheet-week" name="week" type="week" class="input" value=sheet.week.clone()/>
            </Field>
            <button type="submit" class="btn-secondary" data-testid="week-sheet-show">{tr!(workouts.sheet_show)}</button>
            <button type="button" class="btn-primary" data-print="" data-testid="week-sheet-print">{tr!(workouts.print)}</button>
        </form>
        {heading.map(|h| view! { <h1 class="text-3xl font-bold print:text-2xl" data-testid="week-sheet-heading">{h}</h1> })}
        {sheet.group.is_none().then(|| view! { <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted print:hidden">{tr!(workouts.sheet_choose_group)}</p> })}
        {empty.then(|| view! { <p class="card text-muted" data-testid="week-sheet-empty">{tr!(planning.sheet_empty)}</p> })}
        {sessions}
        <script src="/print.js" defer nonce=leptos::nonce::use_nonce()></script>
    }
}
