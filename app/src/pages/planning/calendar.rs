//! The planning calendar (`/planning?month=2026-12`, `?week=2026-W50`, with `group` and
//! `athlete` filters): a month of weeks from Monday, or one week, today marked; each day's
//! sessions in order with their time, title, category colour and assignees. On a phone, an
//! agenda: the days that have sessions, one under the other.
//!
//! Everything here is rendered on the server and works without WASM: a session's menu moves or
//! copies it with a plain form ("Move to…", "Copy to…"), a day's "+" plans one. The drags and
//! the keyboard moves are the island of `board.rs`, which works on this markup: day cells carry
//! `data-day`, sessions `data-session` and `data-version`, their handles `data-grip`.

use super::board::PlanningBoard;
use super::{
    copy_href, long_day, month_href, month_title, move_form, new_href, session_href, sheet_href, short_day,
    week_href, weekday_short,
};
use crate::api::planning::planning_calendar;
use crate::components::{loaded, loading};
use crate::model::{CalendarView, Choice, FocusLoads, SessionCard};
use chrono::{Datelike, NaiveDate};
use domain::planning::calendar::{Month, Slot, Week};
use domain::{AthleteId, GroupId};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PlanningPage() -> impl IntoView {
    let (month, week, group, athlete) = use_query_map().with_untracked(|q| {
        let id = |key: &str| q.get(key).and_then(|v| v.parse::<i64>().ok());
        (
            q.get("month"),
            q.get("week"),
            id("group").map(GroupId),
            id("athlete").map(AthleteId),
        )
    });
    let page = loaded(planning_calendar(month, week, group, athlete), show);
    view! {
        <Title text=tr!(planning.title)/>
        <section class="flex flex-col gap-4" data-testid="planning">{loading(page)}</section>
    }
}

/// The address of the calendar for `anchor` (a month's, or a week's), keeping the filters.
fn href(week: bool, anchor: NaiveDate, view: &CalendarView) -> String {
    let mut href = if week {
        week_href(anchor)
    } else {
        month_href(anchor)
    };
    if let Some(g) = view.group {
        href.push_str(&format!("&group={g}"));
    }
    if let Some(a) = view.athlete {
        href.push_str(&format!("&athlete={a}"));
    }
    href
}

fn show(view: CalendarView) -> impl IntoView {
    let locale = crate::lang::current();
    let anchor = view.anchor;
    let week_day = if Month::of(anchor).contains(view.today) {
        view.today
    } else {
        anchor
    };
    let (title, previous, next) = if view.week {
        let week = Week::of(anchor);
        let title = tr!(planning.week_of, day = long_day(locale, anchor));
        let previous = week.shifted(-1).map_or(anchor, Week::monday);
        let next = week.shifted(1).map_or(anchor, Week::monday);
        (title, previous, next)
    } else {
        let month = Month::of(anchor);
        (
            month_title(locale, month),
            month.previous().first(),
            month.next().first(),
        )
    };
    let today = view.today;
    let links = (
        href(view.week, previous, &view),
        href(view.week, today, &view),
        href(view.week, next, &view),
        href(false, anchor, &view),
        href(true, if view.week { anchor } else { week_day }, &view),
    );
    let planner = view.planner;
    let filters = planner.then(|| filter_form(&view));
    let focus = view.focus.clone().map(|name| {
        view! { <p class="rounded-lg bg-surface-3 px-3 py-2 text-sm" data-testid="planning-focus">{tr!(planning.focus, name = name)}</p> }
    });
    let unlinked = view.unlinked.then(
        || view! { <p class="card text-muted" data-testid="planning-unlinked">{tr!(planning.unlinked)}</p> },
    );
    // A month is drawn once: on a phone its grid shows as an agenda (style/main.css). A week's
    // table has an agenda of its own for a phone.
    let (grid, agenda) = if view.week {
        (week_grid(&view).into_any(), Some(agenda(&view)))
    } else {
        (grid(&view).into_any(), None)
    };
    let new = planner.then(|| {
        let day = if (view.from..view.until).contains(&today) { today } else { anchor };
        view! {
            <div class="flex flex-wrap gap-2">
                <a href=sheet_href(if view.week { anchor } else { day }) class="btn-secondary" data-testid="week-sheet">{tr!(planning.sheet_link)}</a>
                <a href=copy_href(if view.week { anchor } else { day }) class="btn-secondary" data-testid="copy-week">{tr!(planning.copy_week_link)}</a>
                <a href=new_href(day) class="btn-primary" data-testid="new-session">{tr!(planning.new_session)}</a>
            </div>
        }
    });
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-3xl font-bold" data-testid="planning-heading">{title}</h1>
            {new}
        </div>
        <div class="flex flex-wrap items-center gap-2">
            <nav aria-label=tr!(planning.navigation) class="flex items-center gap-1">
                <a href=links.0 class="btn-secondary" data-testid="planning-previous" aria-label=tr!(planning.previous)>"‹"</a>
                <a href=links.1 class="btn-secondary" data-testid="planning-today">{tr!(planning.today)}</a>
                <a href=links.2 class="btn-secondary" data-testid="planning-next" aria-label=tr!(planning.next)>"›"</a>
            </nav>
            <nav aria-label=tr!(planning.views) class="flex items-center gap-1">
                <a href=links.3 class="nav-link" aria-current=(!view.week).then_some("page") data-testid="view-month">{tr!(planning.month)}</a>
                <a href=links.4 class="nav-link" aria-current=view.week.then_some("page") data-testid="view-week">{tr!(planning.week)}</a>
            </nav>
            {filters}
        </div>
        {focus}
        {unlinked}
        {planner.then(|| view! {
            <p id="board-help" class="hidden text-sm text-muted sm:block">
                {if view.week { tr!(planning.drag_help_week) } else { tr!(planning.drag_help) }}
            </p>
            <p class="text-sm text-muted sm:hidden">{tr!(planning.menu_help)}</p>
            <PlanningBoard/>
            {menu_form()}
        })}
        <div id="planning-board" class="flex flex-col gap-4" data-week=view.week.to_string()>
            {grid}
            {agenda}
        </div>
    }
}

/// The filters a planner has: a group, an athlete (GET, keeping the view shown).
fn filter_form(view: &CalendarView) -> impl IntoView + use<> {
    let options = |choices: &[Choice], chosen: Option<i64>| {
        choices
            .iter()
            .map(|c| view! { <option value=c.id.to_string() selected=chosen == Some(c.id)>{c.name.clone()}</option> })
            .collect_view()
    };
    let (key, value) = if view.week {
        ("week", Week::of(view.anchor).to_string())
    } else {
        ("month", Month::of(view.anchor).to_string())
    };
    view! {
        <form method="get" action="/planning" class="flex flex-wrap items-center gap-2" data-testid="planning-filters">
            <input type="hidden" name=key value=value/>
            <label class="flex items-center gap-1 text-sm">
                <span class="text-muted">{tr!(planning.group)}</span>
                <select name="group" class="select">
                    <option value="">{tr!(planning.all_groups)}</option>
                    {options(&view.groups, view.group.map(|g| g.0))}
                </select>
            </label>
            <label class="flex items-center gap-1 text-sm">
                <span class="text-muted">{tr!(planning.athlete)}</span>
                <select name="athlete" class="select" data-testid="filter-athlete">
                    <option value="">{tr!(planning.all_athletes)}</option>
                    {options(&view.athletes, view.athlete.map(|a| a.0))}
                </select>
            </label>
            <button type="submit" class="btn-secondary">{tr!(planning.filter)}</button>
        </form>
    }
}

/// The days shown, Monday first, a row a week.
fn days(view: &CalendarView) -> Vec<NaiveDate> {
    view.from.iter_days().take_while(|d| *d < view.until).collect()
}

/// The sessions of `day`, in the calendar's order.
fn of_day(view: &CalendarView, day: NaiveDate) -> impl Iterator<Item = &SessionCard> {
    view.sessions.iter().filter(move |s| s.date == day)
}

/// The week's grid, hidden on a phone: a column a day, a row for the sessions without a time
/// and one an hour ([`Slot::rows`]); each cell carries its day and row (`data-day`,
/// `data-slot`), where a drop lands.
fn week_grid(view: &CalendarView) -> impl IntoView + use<> {
    let locale = crate::lang::current();
    let days = days(view);
    let rows = Slot::rows(view.sessions.iter().filter_map(|s| s.time));
    let heads = days
        .iter()
        .map(|&day| {
            let add = view.planner.then(|| {
                view! {
                    <a href=new_href(day) class="day-add" aria-label=tr!(planning.plan_on, day = long_day(locale, day)) data-testid="plan-day">"+"</a>
                }
            });
            view! {
                <th scope="col" class="week-head" aria-current=(day == view.today).then_some("date")>
                    <span class="flex items-center justify-between gap-1">
                        <span class="day-number">{short_day(locale, day)}</span>
                        {add}
                    </span>
                </th>
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|slot| {
            let label = match slot {
                Slot::AnyTime => tr!(planning.any_time),
                Slot::Hour(hour) => format!("{hour:02}:00"),
            };
            let cells = days
                .iter()
                .map(|&day| {
                    let sessions = of_day(view, day)
                        .filter(|s| Slot::of(s.time) == slot)
                        .map(|s| card(view.planner, true, s))
                        .collect_view();
                    view! {
                        <td class="slot-cell" data-day=day.to_string() data-slot=slot.key()
                            data-today=(day == view.today).then_some("")
                            aria-label=format!("{}, {label}", long_day(locale, day))>
                            <ol class="flex flex-col gap-1" data-sessions="">{sessions}</ol>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="slot-label">{label.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="hidden sm:block" data-view="grid">
            <table class="week-grid" data-testid="planning-grid">
                <caption class="sr-only">{tr!(planning.week)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="w-14"><span class="sr-only">{tr!(planning.hour)}</span></th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// The month's grid: on a phone, an agenda of the days that have sessions (and today), one
/// under the other (the empty days and the weekdays' row hidden, the handles too: a phone moves
/// with the menu).
fn grid(view: &CalendarView) -> impl IntoView + use<> {
    let locale = crate::lang::current();
    let month = Month::of(view.anchor);
    let heads = (0..7)
        .map(|i| view! { <li class="px-2 py-1 text-xs font-semibold uppercase text-muted" aria-hidden="true">{weekday_short(locale, i)}</li> })
        .collect_view();
    let cells = days(view)
        .into_iter()
        .map(|day| {
            let outside = !month.contains(day);
            let is_today = day == view.today;
            let number = if day.day() == 1 {
                short_day(locale, day)
            } else {
                day.day().to_string()
            };
            let sessions = of_day(view, day).map(|s| card(view.planner, true, s)).collect_view();
            let none = is_today && of_day(view, day).next().is_none();
            let add = view.planner.then(|| {
                view! {
                    <a href=new_href(day) class="day-add" aria-label=tr!(planning.plan_on, day = long_day(locale, day)) data-testid="plan-day">"+"</a>
                }
            });
            view! {
                <li class="day-cell sm:min-h-28" data-day=day.to_string() data-outside=outside.to_string()
                    aria-current=is_today.then_some("date") aria-label=long_day(locale, day)>
                    <div class="flex items-center justify-between gap-1">
                        <span class="day-number hidden sm:inline">{number}</span>
                        <span class="text-sm font-semibold sm:hidden">{long_day(locale, day)}</span>
                        {add}
                    </div>
                    {none.then(|| view! { <p class="text-sm text-muted sm:hidden">{tr!(planning.nothing_today)}</p> })}
                    <ol class="flex flex-col gap-1" data-sessions="">{sessions}</ol>
                </li>
            }
        })
        .collect_view();
    let empty = view.sessions.is_empty();
    view! {
        <div data-view="grid">
            {empty.then(|| view! { <p class="card text-muted sm:hidden" data-testid="agenda-empty">{tr!(planning.empty)}</p> })}
            <ol class="hidden grid-cols-7 gap-px sm:grid" aria-hidden="true">{heads}</ol>
            <ol class="month-grid" data-testid="planning-grid">{cells}</ol>
        </div>
    }
}

/// The week's agenda on a phone: the days that have sessions (and today), one under the other.
fn agenda(view: &CalendarView) -> impl IntoView + use<> {
    let locale = crate::lang::current();
    let days: Vec<NaiveDate> = days(view)
        .into_iter()
        .filter(|d| *d == view.today || of_day(view, *d).next().is_some())
        .collect();
    let empty = days.iter().all(|d| of_day(view, *d).next().is_none());
    let items = days
        .into_iter()
        .map(|day| {
            let sessions = of_day(view, day).map(|s| card(view.planner, false, s)).collect_view();
            let none = of_day(view, day).next().is_none();
            view! {
                <li class="flex flex-col gap-2" data-day=day.to_string() aria-current=(day == view.today).then_some("date")>
                    <h2 class="flex items-center justify-between gap-2 text-sm font-semibold">
                        <span>{long_day(locale, day)}</span>
                        {view.planner.then(|| view! { <a href=new_href(day) class="link text-sm">{tr!(planning.plan)}</a> })}
                    </h2>
                    {none.then(|| view! { <p class="text-sm text-muted">{tr!(planning.nothing_today)}</p> })}
                    <ol class="flex flex-col gap-2" data-sessions="">{sessions}</ol>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="sm:hidden" data-view="agenda">
            {empty.then(|| view! { <p class="card text-muted" data-testid="agenda-empty">{tr!(planning.empty)}</p> })}
            <ol class="flex flex-col gap-4" data-testid="planning-agenda">{items}</ol>
        </div>
    }
}

/// A session in a day: its handle (a planner's, in the grid: the agenda moves with the menu),
/// time and title (a link to its page), its assignees, the focused athlete's kilograms, and its
/// menu (a planner's).
fn card(planner: bool, in_grid: bool, s: &SessionCard) -> impl IntoView + use<> {
    let colour = s.category.as_ref().map_or(0, |(_, c)| *c);
    // Always there (empty without a time): a move to another hour writes the new one in it.
    let time = view! { <span class="font-mono text-xs tabular-nums" data-time-text="">{s.time.map(|t| t.to_string())}</span> };
    let assignees = (!s.assignees.is_empty()).then(|| {
        view! { <p class="truncate text-xs text-muted" data-testid="session-assignees">{s.assignees.join(", ")}</p> }
    });
    let focus = s.focus.as_ref().map(|f| match f {
        FocusLoads::Skips => view! { <p class="text-xs font-semibold text-muted" data-testid="session-skips">{tr!(planning.skips)}</p> }.into_any(),
        FocusLoads::Lifts { adapted, lines } => view! {
            <div class="flex flex-col gap-0.5 text-xs" data-testid="session-loads">
                {adapted.then(|| view! { <span class="badge w-fit" data-testid="session-adapted">{tr!(planning.adapted)}</span> })}
                {lines.iter().map(|l| view! { <span>{l.clone()}</span> }).collect_view()}
            </div>
        }.into_any(),
    });
    let title = s.title.clone();
    let grip = (planner && in_grid).then(|| {
        view! {
            <button type="button" class="grip" data-grip="" aria-describedby="board-help"
                aria-label=tr!(planning.move_label, title = title.clone())>
                <span aria-hidden="true">"⠿"</span>
            </button>
        }
    });
    let menu = planner.then(|| menu(s));
    // The handle, the time and the menu on a line; the title under them has the card's width.
    view! {
        <li class=format!("session cat-{colour}") data-session=s.id.to_string() data-version=s.version.to_string()
            data-date=s.date.to_string() data-time=s.time.map(|t| t.to_string()).unwrap_or_default() data-testid="session">
            <div class="flex items-center gap-1">
                {grip}
                {time}
                <span class="flex-1"></span>
                {menu}
            </div>
            <a href=session_href(s.id) class="text-sm font-medium hover:underline" data-testid="session-link">
                <span class="hyphens-auto break-words" data-testid="session-title">{title.clone()}</span>
            </a>
            {s.category.as_ref().map(|(name, _)| view! { <span class="sr-only">{name.clone()}</span> })}
            {assignees}
            {focus}
        </li>
    }
}

/// A session's menu. Without WASM it leads to the session's "Move or copy" form; the board
/// puts the page's one form ([`menu_form`]) in it when it opens, filled for this session: a
/// form in every session's menu would double the page for a month of sessions.
fn menu(s: &SessionCard) -> impl IntoView + use<> {
    view! {
        <details class="session-menu" data-menu="">
            <summary class="menu-button" aria-label=tr!(planning.menu_label, title = s.title.clone()) data-testid="session-menu">"…"</summary>
            <div class="menu-panel">
                <a href=format!("{}#move", session_href(s.id)) class="link text-sm" data-testid="move-link">{tr!(planning.move_or_copy)}</a>
            </div>
        </details>
    }
}

/// The "Move to…" and "Copy to…" form the board copies into a session's menu when it opens.
fn menu_form() -> impl IntoView {
    view! {
        <template id="menu-form">{move_form(None, (None, None), "menu-panel", ())}</template>
    }
}
