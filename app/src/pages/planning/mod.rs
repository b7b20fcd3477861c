//! The planning calendar: the month and week views (an agenda on a phone), a session's page,
//! planning a new session. Rendered on the server; the calendar's drags and keyboard moves are
//! one island (`board.rs`) that works on the server's markup.

pub mod board;
pub mod calendar;
pub mod copy;
pub mod edit;
pub mod new;
pub mod print;
pub mod session;

use crate::api::planning::{CopySession, MoveSession};
use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};
use domain::planning::calendar::{Month, Week};
use domain::planning::{SessionId, TimeOfDay};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The calendar's week holding `day`.
pub fn week_href(day: NaiveDate) -> String {
    format!("/planning?week={}", Week::of(day))
}

/// The calendar's month holding `day`.
pub fn month_href(day: NaiveDate) -> String {
    format!("/planning?month={}", Month::of(day))
}

/// A session's page.
pub fn session_href(id: SessionId) -> String {
    format!("/planning/sessions/{id}")
}

/// "Move to…" and "Copy to…" a day and a time, a plain form (WCAG 2.5.7's single-pointer
/// alternative to a drag): on a session's page, and in the calendar's menus (where the board
/// fills in the session, `record` none: see `calendar::menu`). `heading` opens it.
pub fn move_form(
    record: Option<(SessionId, i64)>,
    (date, time): (Option<NaiveDate>, Option<TimeOfDay>),
    class: &'static str,
    heading: impl IntoView,
) -> impl IntoView {
    let (id, version) = record.map_or((String::new(), String::new()), |(id, v)| {
        (id.to_string(), v.to_string())
    });
    view! {
        <form method="post" action=MoveSession::PATH class=class data-testid="move-form">
            {heading}
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=version/>
            <label class="flex flex-col gap-1 text-sm">
                {tr!(planning.to_day)}
                <input type="date" name="date" class="input" required value=date.map(|d| d.to_string()) data-testid="move-date"/>
            </label>
            <label class="flex flex-col gap-1 text-sm">
                {tr!(planning.to_time)}
                <input type="time" name="time" class="input" value=time.map(|t| t.to_string())/>
            </label>
            <div class="flex flex-wrap gap-2">
                <button type="submit" class="btn-primary" data-testid="move-to">{tr!(planning.move_to)}</button>
                <button type="submit" class="btn-secondary" formaction=CopySession::PATH data-testid="copy-to">{tr!(planning.copy_to)}</button>
            </div>
        </form>
    }
}

/// Planning a session of `workout` (chosen beforehand in the form).
pub fn plan_href(workout: domain::workout::WorkoutId) -> String {
    format!("/planning/new?workout={workout}")
}

/// The builder, opened on a session's own content.
pub fn session_edit_href(id: SessionId) -> String {
    format!("/planning/sessions/{id}/edit")
}

/// The week-copy page, from the week of `day` to the next.
pub fn copy_href(day: NaiveDate) -> String {
    format!("/planning/copy?from={}", Week::of(day))
}

/// A group's week sheet for the gym's wall.
pub fn sheet_href(day: NaiveDate) -> String {
    format!("/planning/print?week={}", Week::of(day))
}

/// The new-session page, on a day.
pub fn new_href(day: NaiveDate) -> String {
    format!("/planning/new?date={day}")
}

const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekday's name, Monday first (`index` 0 to 6).
pub fn weekday(locale: Locale, index: usize) -> &'static str {
    let names = match locale {
        Locale::fr => &WEEKDAYS_FR,
        Locale::en => &WEEKDAYS_EN,
    };
    names.get(index).copied().unwrap_or_default()
}

/// The weekday's first three letters ("lun", "Mon").
pub fn weekday_short(locale: Locale, index: usize) -> String {
    weekday(locale, index).chars().take(3).collect()
}

/// The month's name ("décembre", "December"), `number` 1 to 12.
pub fn month_name(locale: Locale, number: u32) -> &'static str {
    let names = match locale {
        Locale::fr => &MONTHS_FR,
        Locale::en => &MONTHS_EN,
    };
    names.get(number as usize - 1).copied().unwrap_or_default()
}

/// "décembre 2026", "December 2026".
pub fn month_title(locale: Locale, month: Month) -> String {
    let name = month_name(locale, month.number());
    match locale {
        Locale::fr => {
            let mut chars = name.chars();
            let first: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            format!("{first}{} {}", chars.as_str(), month.year())
        }
        Locale::en => format!("{name} {}", month.year()),
    }
}

/// A day in words: "lundi 7 décembre 2026", "Monday 7 December 2026".
pub fn long_day(locale: Locale, day: NaiveDate) -> String {
    let weekday = weekday(locale, day.weekday().num_days_from_monday() as usize);
    let month = month_name(locale, day.month());
    let number = match (locale, day.day()) {
        (Locale::fr, 1) => "1er".to_owned(),
        (_, n) => n.to_string(),
    };
    format!("{weekday} {number} {month} {}", day.year())
}

/// A day and its time, if any: "lundi 7 décembre 2026 · 18:00".
pub fn when(locale: Locale, day: NaiveDate, time: Option<domain::planning::TimeOfDay>) -> String {
    match time {
        Some(t) => format!("{} · {t}", long_day(locale, day)),
        None => long_day(locale, day),
    }
}

/// A day in few words: "lun. 7 déc.", "Mon 7 Dec".
pub fn short_day(locale: Locale, day: NaiveDate) -> String {
    let weekday = weekday_short(locale, day.weekday().num_days_from_monday() as usize);
    let month: String = month_name(locale, day.month()).chars().take(3).collect();
    match locale {
        Locale::fr => format!("{weekday}. {} {month}.", day.day()),
        Locale::en => format!("{weekday} {} {month}", day.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn days_and_months_read_in_both_languages() {
        assert_eq!(long_day(Locale::fr, day(2026, 12, 1)), "mardi 1er décembre 2026");
        assert_eq!(long_day(Locale::en, day(2026, 12, 7)), "Monday 7 December 2026");
        assert_eq!(short_day(Locale::fr, day(2027, 2, 14)), "dim. 14 fév.");
        assert_eq!(short_day(Locale::en, day(2027, 2, 14)), "Sun 14 Feb");
        let month = Month::of(day(2026, 8, 3));
        assert_eq!(month_title(Locale::fr, month), "Août 2026");
        assert_eq!(month_title(Locale::en, month), "August 2026");
        assert_eq!(week_href(day(2027, 1, 1)), "/planning?week=2026-W53");
        assert_eq!(month_href(day(2027, 1, 31)), "/planning?month=2027-01");
    }
}
