//! A session's page (`/planning/sessions/:id`): its day, its content, whom it is for and each
//! athlete's kilograms on its day. A planner also finds here what changes it, each a plain form
//! (no WASM): move or copy it, change its day, time and assignees, adapt it for one athlete
//! (skip it, or other blocks typed in the shorthand), update it from its workout when that
//! changed, repeat it weekly, delete it. An athlete sees their own session, read only.

use super::{long_day, move_form, session_edit_href, session_href, week_href, when};
use crate::api::planning::{
    AdaptSession, DeleteSession, EditSession, RepeatSession, SkipSession, SyncSession, planning_session,
};
use crate::components::lifts::{LiftNames, element_notes};
use crate::components::loads::load_text;
use crate::components::{id_param, loaded, loading};
use crate::i18n::*;
use crate::model::{Choice, SessionAthleteView, SessionPage};
use domain::planning::SessionId;
use domain::planning::copy::repeat_days;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SessionPageView() -> impl IntoView {
    let id = id_param(SessionId);
    // The weeks a repeat would span, when the coach asked to see its days first.
    let repeat = use_query_map().with_untracked(|q| q.get("weeks"));
    let page = loaded(async move { planning_session(id?).await }, move |page| {
        show(page, repeat)
    });
    view! {
        <Title text=tr!(planning.session_title)/>
        <section class="flex flex-col gap-6">
            <a href="/planning" class="text-sm text-muted hover:underline">{tr!(planning.back)}</a>
            {loading(page)}
        </section>
    }
}

/// The hidden fields naming the session as the coach saw it.
fn target(page: &SessionPage) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="id" value=page.id.to_string()/>
        <input type="hidden" name="version" value=page.version.to_string()/>
    }
}

fn show(page: SessionPage, repeat: Option<String>) -> impl IntoView {
    let locale = crate::lang::current();
    let names = LiftNames::new(locale, &page.lifts);
    let when = when(locale, page.date, page.time);
    let assignees: Vec<String> = page
        .groups
        .iter()
        .chain(&page.named)
        .map(|c| c.name.clone())
        .collect();
    let elements = page
        .content
        .elements
        .iter()
        .enumerate()
        .map(|(i, element)| {
            let name = names.name(element.lift).unwrap_or_else(|| tr!(workouts.unknown_lift));
            view! {
                <li class="card flex flex-col gap-2" data-testid="session-element">
                    <h3 class="text-lg font-semibold"><span class="text-muted tabular-nums">{i + 1} ". "</span>{name}</h3>
                    <code class="font-mono text-sm">{names.shorthand(&element.blocks)}</code>
                    <ul class="list-inside list-disc text-sm text-muted">
                        {names.words(element).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                    {element_notes(locale, element)}
                </li>
            }
        })
        .collect_view();
    let template = page.template.clone().map(|(id, title, changed)| {
        let sync = (page.planner && changed).then(|| {
            view! {
                <form method="post" action=SyncSession::PATH class="flex flex-wrap items-center gap-2" data-testid="sync-form">
                    {target(&page)}
                    <span>{tr!(planning.template_changed)}</span>
                    <button type="submit" class="btn-secondary" data-testid="sync">{tr!(planning.sync)}</button>
                </form>
            }
        });
        view! {
            <div class="flex flex-col gap-2 text-sm" data-testid="session-template">
                <p>{tr!(planning.from_workout)} " " <a href=crate::pages::workouts::workout_href(id) class="link">{title}</a></p>
                {sync}
            </div>
        }
    });
    let athletes = athletes_table(locale, &page, &names);
    let actions = page.planner.then(|| actions(locale, &page, repeat));
    view! {
        <Title text=page.title.clone()/>
        <header class="flex flex-col gap-1">
            <h1 class="text-3xl font-bold" data-testid="session-heading">{page.title.clone()}</h1>
            <p class="flex flex-wrap items-center gap-2">
                <a href=week_href(page.date) class="link" data-testid="session-when">{when}</a>
                {page.category.clone().map(|c| view! { <span class="badge">{c}</span> })}
            </p>
            {(!assignees.is_empty()).then(|| view! { <p class="text-sm text-muted" data-testid="session-for">{tr!(planning.for_whom, names = assignees.join(", "))}</p> })}
        </header>
        {template}
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h2 class="text-xl font-semibold">{tr!(planning.content)}</h2>
            {page.planner.then(|| view! { <a href=session_edit_href(page.id) class="btn-secondary" data-testid="edit-content">{tr!(planning.edit_content)}</a> })}
        </div>
        <ol class="flex flex-col gap-3">{elements}</ol>
        {athletes}
        {actions}
    }
}

/// Each athlete's kilograms per element; for a planner, how to adapt the session for them.
fn athletes_table(locale: Locale, page: &SessionPage, names: &LiftNames<'_>) -> impl IntoView + use<> {
    if page.athletes.is_empty() {
        return view! { <p class="card text-muted" data-testid="session-nobody">{tr!(planning.nobody)}</p> }
            .into_any();
    }
    let heads = page
        .content
        .elements
        .iter()
        .map(|e| view! { <th scope="col" class="border border-line px-2 py-1 text-left text-xs font-semibold">{names.name(e.lift).unwrap_or_default()}</th> })
        .collect_view();
    let rows = page
        .athletes
        .iter()
        .map(|a| {
            let cells = if a.skips {
                view! { <td class="border border-line px-2 py-1 text-muted" colspan=page.content.elements.len().to_string() data-testid="athlete-skips">{tr!(planning.skips)}</td> }.into_any()
            } else {
                (0..page.content.elements.len())
                    .map(|i| {
                        let loads = a
                            .loads
                            .get(i)
                            .map(|b| b.iter().map(|l| load_text(locale, l, false)).collect::<Vec<_>>().join(" · "))
                            .unwrap_or_default();
                        let adapted = a.adapted.get(i).cloned().flatten();
                        view! {
                            <td class="border border-line px-2 py-1 tabular-nums" data-testid="athlete-loads">
                                {adapted.map(|text| view! { <span class="badge mr-1" title=text.clone() data-testid="athlete-adapted">{tr!(planning.adapted)}</span> })}
                                {loads}
                            </td>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <tr data-testid="session-athlete">
                    <th scope="row" class="border border-line px-2 py-1 text-left font-medium" data-testid="athlete-name">{a.name.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let adapt = page.planner.then(|| {
        page.athletes
            .iter()
            .map(|a| adapt_form(page, names, a))
            .collect_view()
    });
    view! {
        <section class="flex flex-col gap-3" aria-labelledby="session-athletes">
            <h2 id="session-athletes" class="text-xl font-semibold">{tr!(planning.kilograms)}</h2>
            <div class="overflow-x-auto">
                <table class="w-full border-collapse text-sm sm:w-auto" data-testid="session-athletes">
                    <thead><tr><th scope="col" class="border border-line px-2 py-1 text-left text-xs text-muted">{tr!(planning.athlete)}</th>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {adapt}
        </section>
    }
    .into_any()
}

/// Adapting the session for one athlete: skip it, or other blocks per element.
fn adapt_form(page: &SessionPage, names: &LiftNames<'_>, a: &SessionAthleteView) -> impl IntoView + use<> {
    let elements = page
        .content
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let name = names.name(e.lift).unwrap_or_default();
            let value = a.adapted.get(i).cloned().flatten().unwrap_or_default();
            let placeholder = names.shorthand(&e.blocks);
            view! {
                <form method="post" action=AdaptSession::PATH class="flex flex-wrap items-end gap-2" data-testid="adapt-form">
                    {target(page)}
                    <input type="hidden" name="athlete" value=a.id.to_string()/>
                    <input type="hidden" name="element" value=i.to_string()/>
                    <label class="flex min-w-0 flex-1 flex-col gap-1 text-sm">
                        {name}
                        <input type="text" name="blocks" class="input font-mono" value=value placeholder=placeholder maxlength="2500" data-testid="adapt-blocks"/>
                    </label>
                    <button type="submit" class="btn-secondary" data-testid="adapt-save">{tr!(planning.adapt_save)}</button>
                </form>
            }
        })
        .collect_view();
    view! {
        <details class="card" data-testid="adapt">
            <summary class="cursor-pointer font-medium">{tr!(planning.adapt_for, name = a.name.clone())}</summary>
            <div class="mt-3 flex flex-col gap-3">
                <form method="post" action=SkipSession::PATH data-testid="skip-form">
                    {target(page)}
                    <input type="hidden" name="athlete" value=a.id.to_string()/>
                    <input type="hidden" name="skip" value=(!a.skips).to_string()/>
                    <button type="submit" class="btn-secondary" data-testid="skip">
                        {if a.skips { tr!(planning.unskip) } else { tr!(planning.skip) }}
                    </button>
                </form>
                <p class="text-sm text-muted">{tr!(planning.adapt_help)}</p>
                {elements}
            </div>
        </details>
    }
}

/// A planner's changes: move or copy, day and assignees, repeat, delete.
fn actions(locale: Locale, page: &SessionPage, repeat: Option<String>) -> impl IntoView + use<> {
    let checks = |name: &'static str, all: &[Choice], chosen: &[Choice], testid: &'static str| {
        all.iter()
            .map(|c| {
                let checked = chosen.iter().any(|x| x.id == c.id);
                view! {
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" name=name value=c.id.to_string() checked=checked class="size-4" data-testid=testid/>
                        {c.name.clone()}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <section class="grid gap-4 md:grid-cols-2" aria-label=tr!(planning.changes)>
            <div id="move" class="scroll-mt-4" data-testid="session-move">
                {move_form(
                    Some((page.id, page.version)),
                    (Some(page.date), page.time),
                    "card flex flex-col gap-3",
                    view! { <h2 class="text-lg font-semibold">{tr!(planning.move_or_copy)}</h2> },
                )}
            </div>
            <form method="post" action=EditSession::PATH class="card flex flex-col gap-3" data-testid="session-edit">
                <h2 class="text-lg font-semibold">{tr!(planning.for_whom_title)}</h2>
                {target(page)}
                <input type="hidden" name="date" value=page.date.to_string()/>
                <input type="hidden" name="time" value=page.time.map(|t| t.to_string())/>
                <fieldset class="flex flex-col gap-1">
                    <legend class="text-sm font-medium">{tr!(planning.groups)}</legend>
                    {checks("groups[]", &page.all_groups, &page.groups, "assign-group")}
                </fieldset>
                <fieldset class="flex max-h-64 flex-col gap-1 overflow-y-auto">
                    <legend class="text-sm font-medium">{tr!(planning.athletes)}</legend>
                    {checks("athletes[]", &page.all_athletes, &page.named, "assign-athlete")}
                </fieldset>
                <button type="submit" class="btn-secondary w-fit" data-testid="save-assignees">{tr!(planning.save)}</button>
            </form>
            {repeat_forms(locale, page, repeat)}
            <form method="post" action=DeleteSession::PATH class="card flex flex-col gap-3" data-testid="session-delete">
                <h2 class="text-lg font-semibold">{tr!(planning.delete_title)}</h2>
                {target(page)}
                <p class="text-sm text-muted">{tr!(planning.delete_help)}</p>
                <button type="submit" class="btn-danger w-fit" data-testid="delete">{tr!(planning.delete)}</button>
            </form>
        </section>
    }
}

/// Repeating the session weekly: how many weeks (a GET of this page), then the days it would
/// create and the button that creates them.
fn repeat_forms(locale: Locale, page: &SessionPage, asked: Option<String>) -> impl IntoView + use<> {
    let weeks = asked.as_deref().map(|w| w.trim().parse::<u16>().ok());
    let days = weeks.map(|w| w.and_then(|w| repeat_days(page.date, w).ok().map(|days| (w, days))));
    let invalid = matches!(days, Some(None));
    let value = asked.clone().unwrap_or_else(|| "4".to_owned());
    let confirm = days.flatten().map(|(weeks, days)| {
        let count = days.len();
        view! {
            <p class="text-sm">{tr!(planning.repeat_will_create)}</p>
            <ul class="list-inside list-disc text-sm" data-testid="repeat-days">
                {days.into_iter().map(|d| view! { <li>{long_day(locale, d)}</li> }).collect_view()}
            </ul>
            <form method="post" action=RepeatSession::PATH>
                {target(page)}
                <input type="hidden" name="weeks" value=weeks.to_string()/>
                <button type="submit" class="btn-primary" data-testid="repeat">{tr!(planning.repeat_apply, count = count)}</button>
            </form>
        }
    });
    view! {
        <div class="card flex flex-col gap-3" data-testid="session-repeat">
            <h2 class="text-lg font-semibold">{tr!(planning.repeat)}</h2>
            <form method="get" action=session_href(page.id) class="flex flex-wrap items-end gap-2">
                <label class="flex flex-col gap-1 text-sm">{tr!(planning.repeat_weeks)}
                    <input type="number" name="weeks" class="input w-28" min="1" max="52" required value=value
                        aria-invalid=invalid.to_string() aria-describedby="repeat-weeks-error" data-testid="repeat-weeks"/>
                </label>
                <button type="submit" class="btn-secondary" data-testid="repeat-preview">{tr!(planning.repeat_preview)}</button>
            </form>
            <p id="repeat-weeks-error" class="text-sm text-red-700 dark:text-red-400">{invalid.then(|| tr!(planning.repeat_invalid))}</p>
            {confirm}
        </div>
    }
}
