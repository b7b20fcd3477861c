//! A workout's sheet for the gym's wall (`/workouts/:id/print?group=…&date=…`): the workout and,
//! for the group chosen, a table per element of each athlete's kilograms per block, with the
//! maxes in force on the day. One A4 page in print (no navigation, black on white); on screen,
//! a GET form above it chooses the group and the day. Rendered on the server: no WASM (the
//! print button is a few lines of `print.js`).

use super::{LiftNames, element_notes, sheet_href, workout_href};
use crate::api::workouts::workout_sheet;
use crate::components::format::date as day_text;
use crate::components::loads::loads_table;
use crate::components::{Field, loaded, loading};
use crate::error::AppError;
use crate::model::WorkoutSheetView;
use chrono::NaiveDate;
use domain::GroupId;
use domain::workout::WorkoutId;
use domain::workout::metrics::BlockLoad;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The day asked for in the address: none when absent, an error when it does not read as a
/// date (the sheet then uses today and says so next to the field).
fn asked_date(raw: Option<String>) -> Result<Option<NaiveDate>, ()> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => domain::day::parse(text).map(Some).ok_or(()),
    }
}

#[component]
pub fn WorkoutPrintPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()).map(WorkoutId));
    let (group, date) = use_query_map().with_untracked(|q| {
        let group = q.get("group").and_then(|g| g.parse().ok()).map(GroupId);
        (group, asked_date(q.get("date")))
    });
    let bad_date = date.is_err();
    let page = loaded(
        async move {
            match id {
                Some(id) => workout_sheet(id, group, date.unwrap_or_default()).await,
                None => Err(AppError::NotFound),
            }
        },
        move |sheet| sheet_view(sheet, bad_date),
    );
    view! {
        <Title text=tr!(workouts.sheet_title)/>
        <section class="flex flex-col gap-5 print:gap-3">{loading(page)}</section>
    }
}

fn sheet_view(sheet: WorkoutSheetView, bad_date: bool) -> impl IntoView {
    let locale = crate::lang::current();
    let detail = sheet.detail;
    let id = detail.id;
    let workout = detail.workout;
    let lifts = detail.lifts;
    let names = LiftNames::new(locale, &lifts);
    let athletes = sheet.athletes;
    let derived = athletes
        .iter()
        .flat_map(|a| a.blocks.iter().flatten())
        .any(|b| matches!(b, BlockLoad::Planned { derived: true, .. }));
    let group_id = sheet.group.as_ref().map(|g| g.id);
    let day = day_text(locale, sheet.date);
    let loads_for = sheet.group.as_ref().map(|g| {
        tr!(
            workouts.sheet_loads_for,
            group = g.name.clone(),
            date = day.clone()
        )
    });
    let has_group = sheet.group.is_some();
    let no_athlete = has_group && athletes.is_empty();

    let elements = workout
        .content
        .elements
        .iter()
        .enumerate()
        .map(|(i, element)| {
            let name = names.name(element.lift).unwrap_or_else(|| tr!(workouts.unknown_lift));
            let lines = names.words(element);
            let words = lines.join(" · ");
            // Each block's column: its shorthand, and its sentence for screen readers.
            let heads = (0..element.blocks.len())
                .map(|j| (names.shorthand(&element.blocks[j..=j]), lines.get(j).cloned().unwrap_or_default()))
                .collect::<Vec<_>>();
            let table = (!athletes.is_empty()).then(|| loads_table(locale, &name, i, &heads, &athletes));
            view! {
                <li class="flex break-inside-avoid flex-col gap-1.5 border-t border-line pt-3" data-testid="sheet-element">
                    <h2 class="text-lg font-semibold print:text-base">
                        <span class="tabular-nums text-muted">{i + 1} ". "</span>{name}
                    </h2>
                    <p class="text-sm">
                        <code class="font-mono font-semibold">{names.shorthand(&element.blocks)}</code>
                        <span class="text-muted">" — " {words}</span>
                    </p>
                    {element_notes(locale, element)}
                    {table}
                </li>
            }
        })
        .collect_view();

    view! {
        <Title text=tr!(workouts.sheet_page_title, title = workout.title.clone())/>
        <a href=workout_href(id) class="text-sm text-muted hover:underline print:hidden">{tr!(workouts.sheet_back)}</a>
        <form method="get" action=sheet_href(id) class="card flex flex-wrap items-end gap-3 print:hidden" data-testid="sheet-form">
            <Field id="sheet-group" label=tr!(workouts.sheet_group)>
                <select id="sheet-group" name="group" class="select">
                    <option value="">{tr!(workouts.sheet_no_group)}</option>
                    {sheet.groups.into_iter().map(|g| {
                        let selected = group_id == Some(g.id);
                        view! { <option value=g.id.to_string() selected=selected>{g.name}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <Field id="sheet-date" label=tr!(workouts.sheet_date)>
                <input id="sheet-date" name="date" type="date" class="input" value=sheet.date.to_string()
                    aria-invalid=bad_date.to_string() aria-describedby="sheet-date-error"/>
                <p id="sheet-date-error" class="text-sm text-red-700 dark:text-red-400">
                    {bad_date.then(|| tr!(workouts.sheet_bad_date))}
                </p>
            </Field>
            <button type="submit" class="btn-secondary" data-testid="sheet-show">{tr!(workouts.sheet_show)}</button>
            <button type="button" class="btn-primary" data-print="" data-testid="sheet-print">{tr!(workouts.print)}</button>
        </form>
        <header class="flex flex-col gap-1">
            <h1 class="text-3xl font-bold print:text-2xl" data-testid="sheet-heading">{workout.title.clone()}</h1>
            <p class="flex flex-wrap items-center gap-2 text-sm">
                {detail.category.map(|c| view! { <span class="badge">{c}</span> })}
                {loads_for.map(|text| view! { <span data-testid="sheet-loads-for">{text}</span> })}
            </p>
            {(!workout.description.is_empty()).then(|| view! { <p class="whitespace-pre-line text-sm">{workout.description.clone()}</p> })}
        </header>
        {(!has_group).then(|| view! { <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted print:hidden">{tr!(workouts.sheet_choose_group)}</p> })}
        {no_athlete.then(|| view! { <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted">{tr!(workouts.sheet_no_athlete)}</p> })}
        <ol class="flex flex-col gap-3" data-testid="sheet-elements">{elements}</ol>
        {derived.then(|| view! { <p class="text-xs text-muted" data-testid="sheet-derived">{tr!(workouts.sheet_derived)}</p> })}
        <script src="/print.js" defer nonce=leptos::nonce::use_nonce()></script>
    }
}

#[cfg(test)]
mod tests {
    use super::asked_date;
    use chrono::NaiveDate;

    #[test]
    fn the_day_in_the_address_reads_as_a_date_or_is_refused() {
        assert_eq!(asked_date(None), Ok(None));
        assert_eq!(asked_date(Some(" ".into())), Ok(None));
        assert_eq!(
            asked_date(Some("2026-12-31".into())),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 31))
        );
        assert_eq!(asked_date(Some("31/12/2026".into())), Err(()));
        assert_eq!(asked_date(Some("2026-02-30".into())), Err(()));
    }
}
