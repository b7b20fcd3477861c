//! The calendar's moves in the browser: the one island of the planning page. It renders only
//! its live region and its "Undo" toast, and works on the calendar's server-rendered grid
//! (`calendar.rs`): day cells carry `data-day`, sessions `data-session`, `data-version` and
//! `data-date`, their handles `data-grip`.
//!
//! - **Pointer and touch**: a session's handle is dragged to another day (in the week view, to
//!   another day and hour: `data-slot`); the cell under the pointer is marked (`data-over`),
//!   the page scrolls near the window's edges; holding Alt (or the "Copy" switch, for touch)
//!   copies instead. Nothing is sent before the drop.
//! - **Keyboard**: Space (or Enter) on a handle picks the session up, the arrows move it a day
//!   (↑/↓ a week; in the week view an hour), Enter drops it, Escape puts it back; each step is
//!   announced.
//! - **A session's menu** gets the page's "Move to…" form when it opens (the server renders
//!   one, in a `<template>`, and a link to the session's form in each menu).
//! - **The drop** shows at once and is saved with the version the coach saw; a failure (a
//!   stale version among them) puts the session back and says why. The last move or copy can
//!   be undone from a toast.
//!
//! Pointer events and the DOM, with no library: the calendar needs a drop target per day and a
//! keyboard path, which none of the crates made for Leptos offers in islands, and the code
//! stays a few kilobytes (ARCHITECTURE.md, "The planning calendar").

use leptos::prelude::*;

/// What the coach did last, for "Undo".
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Done {
    /// A session moved from day `from` at time `at` (its version is on its card).
    Moved { id: String, from: String, at: String },
    /// A copy made (its id and version are on its card).
    Copied { id: String },
}

#[island(lazy = account)]
pub fn PlanningBoard() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let locale = crate::lang::current();
    let status = RwSignal::new(String::new());
    let undo = RwSignal::new(None::<(String, Done)>);
    let copying = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    dom::attach(locale, status, undo, copying);
    let undo_last = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some((_, done)) = undo.get_untracked() {
            undo.set(None);
            dom::undo(locale, status, done);
        }
    };
    view! {
        <p class="sr-only" role="status" aria-live="assertive" data-testid="board-status">{move || status.get()}</p>
        <label class="hidden w-fit items-center gap-2 text-sm sm:flex">
            <input type="checkbox" class="size-4" prop:checked=move || copying.get()
                on:change=move |ev| copying.set(event_target_checked(&ev)) data-testid="copy-switch"/>
            {tr!(planning.copy_switch)}
        </label>
        <Show when=move || undo.with(Option::is_some)>
            <div class="toast-bar" role="region" aria-label=tr!(planning.last_change) data-testid="board-undo">
                <span>{move || undo.with(|u| u.as_ref().map(|(text, _)| text.clone()))}</span>
                <button type="button" class="btn-secondary" on:click=undo_last data-testid="undo">{tr!(planning.undo)}</button>
                <button type="button" class="btn-secondary" on:click=move |_| undo.set(None) aria-label=tr!(planning.close)>"×"</button>
            </div>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod dom {
    use super::Done;
    use crate::api::planning::{CopySession, DeleteSession, MoveSession, Version};
    use crate::components::call::{Call, decode, send};
    use crate::components::error_text;
    use crate::components::toast::Toaster;
    use crate::error::AppError;
    use crate::i18n::*;
    use domain::planning::calendar::{Slot, Step};
    use domain::planning::{SessionId, TimeOfDay};
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use web_sys::Element;

    /// A session being moved: by a pointer (once it travelled a few pixels) or the keyboard.
    struct Carried {
        card: Element,
        /// Where it was: its list and the card after it.
        list: Element,
        next: Option<Element>,
        from: String,
        /// Its time (`18:30`, empty: none).
        at: String,
        pointer: Option<i32>,
        start: (i32, i32),
        ghost: Option<Element>,
        /// The day it would land on.
        over: Option<Element>,
    }

    thread_local! {
        static CARRIED: RefCell<Option<Carried>> = const { RefCell::new(None) };
    }

    fn grid() -> Option<Element> {
        document()
            .query_selector("#planning-board [data-view=grid]")
            .ok()?
    }

    /// The grid's cell of `day` for a session at `time`: the month's day, or the week's day
    /// and row of that hour; none when the calendar does not show it.
    fn cell(day: &str, time: &str) -> Option<Element> {
        let grid = grid()?;
        let slot = Slot::of(TimeOfDay::parse(time)).key();
        let found = |selector: String| grid.query_selector(&selector).ok().flatten();
        found(format!("[data-day=\"{day}\"][data-slot=\"{slot}\"]"))
            .or_else(|| found(format!("[data-day=\"{day}\"]:not([data-slot])")))
    }

    /// Where a drop on `target` puts a session now at `time`: the cell's day, and the time of
    /// its row (the month's days keep the time).
    fn landing(target: &Element, time: &str) -> Option<(String, String)> {
        let day = target.get_attribute("data-day")?;
        let time = match target.get_attribute("data-slot") {
            Some(key) => Slot::parse(&key)?
                .time_for(TimeOfDay::parse(time))
                .map(|t| t.to_string())
                .unwrap_or_default(),
            None => time.to_owned(),
        };
        Some((day, time))
    }

    /// Writes a card's time: on the card, in its text, in its menu's form.
    fn set_time(card: &Element, time: &str) {
        let _ = card.set_attribute("data-time", time);
        if let Ok(Some(text)) = card.query_selector("[data-time-text]") {
            text.set_text_content(Some(time));
        }
        if let Ok(Some(input)) = card.query_selector("input[name=time]") {
            let _ = input.set_attribute("value", time);
        }
    }

    fn sessions_of(cell: &Element) -> Option<Element> {
        cell.query_selector("[data-sessions]").ok()?
    }

    /// Puts `card` in the day's list by time (sessions without one first).
    fn place(list: &Element, card: &Element) {
        let time = card.get_attribute("data-time").unwrap_or_default();
        let children = list.children();
        let after = (0..children.length())
            .filter_map(|i| children.item(i))
            .find(|other| other != card && other.get_attribute("data-time").unwrap_or_default() > time);
        let _ = list.insert_before(card, after.as_ref().map(|e| e.unchecked_ref()));
    }

    /// Writes a card's id and version where the calendar reads them: on the card, and in its
    /// menu's form ("Move to…" sends them).
    fn set_record(card: &Element, id: &str, version: &str) {
        let _ = card.set_attribute("data-session", id);
        let _ = card.set_attribute("data-version", version);
        for (name, value) in [("id", id), ("version", version)] {
            if let Ok(Some(input)) = card.query_selector(&format!("input[name={name}]")) {
                let _ = input.set_attribute("value", value);
            }
        }
    }

    /// Puts the page's "Move to…" form in a session's menu (once; the day a week later), and
    /// the session's id, version and time in it (every time: a drag may have changed them).
    fn fill_menu(menu: &Element) {
        let Some(card) = menu.closest("[data-session]").ok().flatten() else {
            return;
        };
        let attribute = |name: &str| card.get_attribute(name).unwrap_or_default();
        if menu.query_selector("form").ok().flatten().is_none() {
            let Some(template) = document().get_element_by_id("menu-form") else {
                return;
            };
            if let Ok(Some(panel)) = menu.query_selector(".menu-panel") {
                panel.remove();
            }
            let _ = menu.insert_adjacent_html("beforeend", &template.inner_html());
            let next_week = domain::day::parse(&attribute("data-date"))
                .and_then(|day| domain::planning::calendar::shift(day, 7))
                .map(|day| day.to_string())
                .unwrap_or_default();
            if let Ok(Some(date)) = menu.query_selector("input[name=date]") {
                let _ = date.set_attribute("value", &next_week);
            }
        }
        set_record(&card, &attribute("data-session"), &attribute("data-version"));
        set_time(&card, &attribute("data-time"));
    }

    fn title_of(card: &Element) -> String {
        card.query_selector("[data-testid=session-title]")
            .ok()
            .flatten()
            .and_then(|t| t.text_content())
            .unwrap_or_default()
    }

    /// A day (and in the week view its hour) as the cell names it.
    fn day_name(day: &str, time: &str) -> String {
        cell(day, time)
            .and_then(|c| c.get_attribute("aria-label"))
            .unwrap_or_else(|| day.to_owned())
    }

    fn mark(over: Option<&Element>) {
        if let Some(grid) = grid()
            && let Ok(Some(marked)) = grid.query_selector("[data-over]")
        {
            let _ = marked.remove_attribute("data-over");
        }
        if let Some(cell) = over {
            let _ = cell.set_attribute("data-over", "");
        }
    }

    fn grip_of(card: &Element) -> Option<web_sys::HtmlElement> {
        card.query_selector("[data-grip]").ok()??.dyn_into().ok()
    }

    /// Starts carrying the card of the handle `target` (none when it is not a grid's handle).
    fn pick(target: &Element, pointer: Option<i32>, start: (i32, i32)) -> bool {
        let Some(card) = target
            .closest("[data-grip]")
            .ok()
            .flatten()
            .filter(|g| g.closest("[data-view=grid]").ok().flatten().is_some())
            .and_then(|g| g.closest("[data-session]").ok().flatten())
        else {
            return false;
        };
        let (Some(list), Some(from)) = (card.parent_element(), card.get_attribute("data-date")) else {
            return false;
        };
        let at = card.get_attribute("data-time").unwrap_or_default();
        let next = card.next_element_sibling();
        CARRIED.with_borrow_mut(|c| {
            *c = Some(Carried {
                card,
                list,
                next,
                from,
                at,
                pointer,
                start,
                ghost: None,
                over: None,
            })
        });
        true
    }

    /// Puts the carried card back where it was.
    fn put_back(c: &Carried) {
        let _ = c
            .list
            .insert_before(&c.card, c.next.as_ref().map(|e| e.unchecked_ref()));
        let _ = c.card.set_attribute("data-date", &c.from);
        set_time(&c.card, &c.at);
    }

    fn end(c: &Carried) {
        if let Some(ghost) = &c.ghost {
            ghost.remove();
        }
        let _ = c.card.remove_attribute("data-dragging");
        let _ = c.card.remove_attribute("data-carried");
        mark(None);
    }

    type Status = RwSignal<String>;
    type Undo = RwSignal<Option<(String, Done)>>;

    pub fn attach(locale: Locale, status: Status, undo: Undo, copying: RwSignal<bool>) {
        let down = window_event_listener(leptos::ev::pointerdown, move |ev| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if ev.button() != 0 || CARRIED.with_borrow(Option::is_some) {
                return;
            }
            if pick(&target, Some(ev.pointer_id()), (ev.client_x(), ev.client_y())) {
                let _ = target.set_pointer_capture(ev.pointer_id());
                ev.prevent_default();
            }
        });
        let moved = window_event_listener(leptos::ev::pointermove, move |ev| {
            CARRIED.with_borrow_mut(|carried| {
                let Some(c) = carried.as_mut().filter(|c| c.pointer == Some(ev.pointer_id())) else {
                    return;
                };
                let (x, y) = (ev.client_x(), ev.client_y());
                if c.ghost.is_none() {
                    if (x - c.start.0).abs() + (y - c.start.1).abs() < 6 {
                        return;
                    }
                    if let Ok(ghost) = c.card.clone_node_with_deep(true) {
                        let ghost: Element = ghost.unchecked_into();
                        let _ = ghost.set_attribute("data-ghost", "");
                        let _ = ghost.remove_attribute("data-testid");
                        let _ = document().body().map(|b| b.append_child(&ghost));
                        c.ghost = Some(ghost);
                    }
                    let _ = c.card.set_attribute("data-dragging", "");
                }
                if let Some(ghost) = &c.ghost {
                    let _ = ghost.set_attribute("style", &format!("left:{}px;top:{}px", x + 12, y + 8));
                }
                let over = document()
                    .element_from_point(x as f32, y as f32)
                    .and_then(|hit| hit.closest("[data-view=grid] [data-day]").ok().flatten());
                if over != c.over {
                    mark(over.as_ref());
                    c.over = over;
                }
                // Near the window's top or bottom edge, the page scrolls.
                let height = window()
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(0.0);
                let edge = 48.0;
                let y = f64::from(y);
                if y < edge {
                    window().scroll_by_with_x_and_y(0.0, -16.0);
                } else if y > height - edge {
                    window().scroll_by_with_x_and_y(0.0, 16.0);
                }
            });
        });
        let up = window_event_listener(leptos::ev::pointerup, move |ev| {
            let taken =
                CARRIED.with_borrow_mut(|carried| carried.take_if(|c| c.pointer == Some(ev.pointer_id())));
            let Some(c) = taken else { return };
            end(&c);
            let to = c.over.as_ref().and_then(|o| landing(o, &c.at));
            if let (Some(_), Some((day, time))) = (&c.ghost, to)
                && (&day, &time) != (&c.from, &c.at)
            {
                let copy = ev.alt_key() || copying.get_untracked();
                drop_on(locale, status, undo, c, (&day, &time), copy);
            }
        });
        let cancel = window_event_listener(leptos::ev::pointercancel, move |ev| {
            let taken =
                CARRIED.with_borrow_mut(|carried| carried.take_if(|c| c.pointer == Some(ev.pointer_id())));
            if let Some(c) = taken {
                end(&c);
            }
        });
        let keys = window_event_listener(leptos::ev::keydown, move |ev| keyboard(locale, status, undo, &ev));
        // A click on a menu's "…" (or Enter, Space on it) comes before it opens.
        let menus = window_event_listener(leptos::ev::click, move |ev| {
            let menu = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("#planning-board [data-menu] > summary").ok().flatten())
                .and_then(|summary| summary.parent_element());
            if let Some(menu) = menu {
                fill_menu(&menu);
            }
        });
        // The listeners live as long as the page.
        std::mem::forget((down, moved, up, cancel, keys, menus));
    }

    fn keyboard(locale: Locale, status: Status, undo: Undo, ev: &web_sys::KeyboardEvent) {
        let key = ev.key();
        let carried = CARRIED.with_borrow(|c| c.as_ref().map(|c| c.pointer.is_none()));
        match carried {
            None => {
                if key != " " && key != "Enter" {
                    return;
                }
                let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                    return;
                };
                if target.has_attribute("data-grip") && pick(&target, None, (0, 0)) {
                    ev.prevent_default();
                    CARRIED.with_borrow(|c| {
                        if let Some(c) = c {
                            let _ = c.card.set_attribute("data-carried", "");
                            let text = td_string!(
                                locale,
                                planning.picked_up,
                                title = title_of(&c.card),
                                day = day_name(&c.from, &c.at)
                            );
                            status.set(text.to_string());
                        }
                    });
                }
            }
            Some(true) => {
                if let Some(step) = Step::of_key(&key) {
                    ev.prevent_default();
                    step_to(locale, status, step);
                } else if key == "Enter" || key == " " {
                    ev.prevent_default();
                    let Some(c) = CARRIED.with_borrow_mut(Option::take) else {
                        return;
                    };
                    end(&c);
                    let day = c.card.get_attribute("data-date").unwrap_or_default();
                    let time = c.card.get_attribute("data-time").unwrap_or_default();
                    if (&day, &time) == (&c.from, &c.at) {
                        status.set(td_string!(locale, planning.dropped_in_place).to_string());
                    } else {
                        put_back(&c);
                        drop_on(locale, status, undo, c, (&day, &time), false);
                    }
                } else if key == "Escape" {
                    ev.prevent_default();
                    if let Some(c) = CARRIED.with_borrow_mut(Option::take) {
                        end(&c);
                        put_back(&c);
                        refocus(&c.card);
                        status.set(
                            td_string!(locale, planning.cancelled, title = title_of(&c.card)).to_string(),
                        );
                    }
                } else if key == "Tab" {
                    ev.prevent_default();
                }
            }
            Some(false) => {}
        }
    }

    fn refocus(card: &Element) {
        if let Some(grip) = grip_of(card) {
            let _ = grip.focus();
        }
    }

    /// The cell a step leads to from the carried card's: another day (the same hour in the
    /// week view), or in the week view ↑/↓ the row above or below.
    fn step_target(card: &Element, step: Step) -> Option<Element> {
        let day = card.get_attribute("data-date")?;
        let time = card.get_attribute("data-time").unwrap_or_default();
        let here = cell(&day, &time)?;
        if here.has_attribute("data-slot") && matches!(step, Step::PreviousWeek | Step::NextWeek) {
            let row = here.parent_element()?;
            let row = if step == Step::PreviousWeek {
                row.previous_element_sibling()
            } else {
                row.next_element_sibling()
            }?;
            return row.query_selector(&format!("[data-day=\"{day}\"]")).ok()?;
        }
        let day = step.from(domain::day::parse(&day)?).to_string();
        cell(&day, &time)
    }

    /// Moves the carried card a step, where the calendar shows that day (and hour).
    fn step_to(locale: Locale, status: Status, step: Step) {
        CARRIED.with_borrow(|c| {
            let Some(c) = c else { return };
            // Back in its own hour a session finds its own minutes again (18:30, not 18:00).
            let target = step_target(&c.card, step);
            match target
                .as_ref()
                .and_then(|t| Some((landing(t, &c.at)?, sessions_of(t)?)))
            {
                Some(((day, time), list)) => {
                    let _ = c.card.set_attribute("data-date", &day);
                    set_time(&c.card, &time);
                    place(&list, &c.card);
                    refocus(&c.card);
                    mark(target.as_ref());
                    status
                        .set(td_string!(locale, planning.over_day, day = day_name(&day, &time)).to_string());
                }
                None => status.set(td_string!(locale, planning.not_shown).to_string()),
            }
        });
    }

    fn failure(locale: Locale, e: &AppError) -> String {
        match e {
            AppError::Conflict => td_string!(locale, planning.conflict).to_string(),
            e => error_text(locale, e),
        }
    }

    /// Saves a drop on `day` at `time`: the card moves (or a copy appears) at once, and goes
    /// back when the server refuses.
    fn drop_on(
        locale: Locale,
        status: Status,
        undo: Undo,
        c: Carried,
        (day, time): (&str, &str),
        copy: bool,
    ) {
        let Some(list) = cell(day, time).as_ref().and_then(sessions_of) else {
            return;
        };
        let id = c.card.get_attribute("data-session").unwrap_or_default();
        let title = title_of(&c.card);
        let where_to = day_name(day, time);
        let time = time.to_owned();
        if copy {
            let Ok(node) = c.card.clone_node_with_deep(true) else {
                return;
            };
            let clone: Element = node.unchecked_into();
            let _ = clone.set_attribute("data-date", day);
            set_time(&clone, &time);
            let _ = clone.set_attribute("data-pending", "");
            place(&list, &clone);
            let call = id.parse().ok().map(|n| {
                Call::new(&CopySession {
                    id: SessionId(n),
                    date: day.to_owned(),
                    time: time.clone(),
                })
            });
            leptos::task::spawn_local(async move {
                let answer = match call {
                    Some(call) => send(call).await.and_then(|a| decode::<(SessionId, Version)>(&a)),
                    None => Err(AppError::NotFound),
                };
                match answer {
                    Ok((new, version)) => {
                        let new = new.to_string();
                        let _ = clone.remove_attribute("data-pending");
                        set_record(&clone, &new, &version.to_string());
                        if let Ok(Some(link)) = clone.query_selector("a[href]") {
                            let _ = link.set_attribute(
                                "href",
                                &super::super::session_href(SessionId(id_number(&new))),
                            );
                        }
                        let text =
                            td_string!(locale, planning.copied, title = title, day = where_to).to_string();
                        status.set(text.clone());
                        undo.set(Some((text, Done::Copied { id: new })));
                    }
                    Err(e) => {
                        clone.remove();
                        Toaster.error(failure(locale, &e));
                        status.set(failure(locale, &e));
                    }
                }
            });
            return;
        }
        let version = c.card.get_attribute("data-version").unwrap_or_default();
        let _ = c.card.set_attribute("data-date", day);
        set_time(&c.card, &time);
        place(&list, &c.card);
        refocus(&c.card);
        let call = match (id.parse(), version.parse()) {
            (Ok(n), Ok(version)) => Some(Call::new(&MoveSession {
                id: SessionId(n),
                version,
                date: day.to_owned(),
                time,
            })),
            _ => None,
        };
        leptos::task::spawn_local(async move {
            let answer = match call {
                Some(call) => send(call).await.and_then(|a| decode::<Version>(&a)),
                None => Err(AppError::NotFound),
            };
            match answer {
                Ok(version) => {
                    set_record(&c.card, &id, &version.to_string());
                    let text = td_string!(locale, planning.moved, title = title, day = where_to).to_string();
                    status.set(text.clone());
                    undo.set(Some((
                        text,
                        Done::Moved {
                            id,
                            from: c.from.clone(),
                            at: c.at.clone(),
                        },
                    )));
                }
                Err(e) => {
                    put_back(&c);
                    refocus(&c.card);
                    Toaster.error(failure(locale, &e));
                    status.set(failure(locale, &e));
                }
            }
        });
    }

    fn id_number(id: &str) -> i64 {
        id.parse().unwrap_or_default()
    }

    fn card_of(id: &str) -> Option<Element> {
        grid()?.query_selector(&format!("[data-session=\"{id}\"]")).ok()?
    }

    /// Undoes the last move (back to its day) or copy (deleted).
    pub fn undo(locale: Locale, status: Status, done: Done) {
        let Some(card) = card_of(match &done {
            Done::Moved { id, .. } | Done::Copied { id } => id,
        }) else {
            return;
        };
        let id = SessionId(id_number(&card.get_attribute("data-session").unwrap_or_default()));
        let version: i64 = card
            .get_attribute("data-version")
            .and_then(|v| v.parse().ok())
            .unwrap_or_default();
        let title = title_of(&card);
        leptos::task::spawn_local(async move {
            let result = match &done {
                Done::Moved { from, at, .. } => {
                    let call = Call::new(&MoveSession {
                        id,
                        version,
                        date: from.clone(),
                        time: at.clone(),
                    });
                    send(call).await.and_then(|a| decode::<Version>(&a)).map(|v| {
                        set_record(&card, &id.to_string(), &v.to_string());
                        let _ = card.set_attribute("data-date", from);
                        set_time(&card, at);
                        if let Some(list) = cell(from, at).as_ref().and_then(sessions_of) {
                            place(&list, &card);
                        }
                        refocus(&card);
                    })
                }
                Done::Copied { .. } => send(Call::new(&DeleteSession { id, version }))
                    .await
                    .map(|_| card.remove()),
            };
            match result {
                Ok(()) => status.set(td_string!(locale, planning.undone, title = title).to_string()),
                Err(e) => Toaster.error(failure(locale, &e)),
            }
        });
    }
}
