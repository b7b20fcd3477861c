//! The calendar's days: weeks that start on Monday (in French and English alike), months seen
//! as the weeks that cover them, the days a session may be planned on, and the steps of a
//! keyboard move.
//!
//! Days are plain dates (`NaiveDate`): a session is planned on a day of the club's calendar,
//! never at an instant, so moves and copies never meet a daylight-saving change.

use super::TimeOfDay;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::fmt;

/// The first day a session may be planned on.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(day) => day,
    None => panic!("2000-01-01 is a day"),
};
/// The last day a session may be planned on.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(day) => day,
    None => panic!("2100-12-31 is a day"),
};

/// Whether a session may be planned on `day`.
pub fn plannable(day: NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&day)
}

/// `day` moved by `days` (negative: earlier), or `None` outside the plannable days.
pub fn shift(day: NaiveDate, days: i64) -> Option<NaiveDate> {
    let moved = if days >= 0 {
        day.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
    }?;
    plannable(moved).then_some(moved)
}

/// A step of a session picked up with the keyboard: ←/→ a day, ↑/↓ a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    PreviousDay,
    NextDay,
    PreviousWeek,
    NextWeek,
}

impl Step {
    /// The step an arrow key makes (`ArrowLeft`…), `None` for any other key.
    pub fn of_key(key: &str) -> Option<Self> {
        match key {
            "ArrowLeft" => Some(Self::PreviousDay),
            "ArrowRight" => Some(Self::NextDay),
            "ArrowUp" => Some(Self::PreviousWeek),
            "ArrowDown" => Some(Self::NextWeek),
            _ => None,
        }
    }

    /// The day one step from `day`; `day` itself at the ends of the plannable days.
    pub fn from(self, day: NaiveDate) -> NaiveDate {
        let days = match self {
            Self::PreviousDay => -1,
            Self::NextDay => 1,
            Self::PreviousWeek => -7,
            Self::NextWeek => 7,
        };
        shift(day, days).unwrap_or(day)
    }
}

/// A row of the week view's time grid: "any time" (the sessions without a time) or an hour.
/// A session sits in the row of its time's hour; dropped on another row it takes that hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    AnyTime,
    /// 0 to 23.
    Hour(u8),
}

impl Slot {
    /// The hours a week's grid shows at least: a club's usual training day.
    pub const DAY: std::ops::RangeInclusive<u8> = 6..=21;

    /// The row of a session at `time`.
    pub fn of(time: Option<TimeOfDay>) -> Self {
        time.map_or(Self::AnyTime, |t| {
            Self::Hour(u8::try_from(t.hours()).unwrap_or(23))
        })
    }

    /// The time a session at `time` takes in this row: none in "any time", its own in its own
    /// hour (a move to another day in the same row keeps 18:30), the hour itself in another.
    pub fn time_for(self, time: Option<TimeOfDay>) -> Option<TimeOfDay> {
        match self {
            Self::AnyTime => None,
            Self::Hour(_) if Self::of(time) == self => time,
            Self::Hour(hour) => TimeOfDay::new(u16::from(hour), 0),
        }
    }

    /// As the week's cells carry it (`data-slot`): empty for "any time", else the hour
    /// (`07`).
    pub fn key(self) -> String {
        match self {
            Self::AnyTime => String::new(),
            Self::Hour(hour) => format!("{hour:02}"),
        }
    }

    /// Reads [`Slot::key`]; `None` for anything else.
    pub fn parse(key: &str) -> Option<Self> {
        if key.is_empty() {
            return Some(Self::AnyTime);
        }
        let hour: u8 = (key.len() == 2 && key.bytes().all(|b| b.is_ascii_digit()))
            .then(|| key.parse().ok())
            .flatten()?;
        (hour < 24).then_some(Self::Hour(hour))
    }

    /// The rows of a week's grid: "any time", then the hours of [`Slot::DAY`] widened to the
    /// hours of `times` (a 05:30 session adds 5:00, one at 22:15 adds 22:00).
    pub fn rows(times: impl IntoIterator<Item = TimeOfDay>) -> Vec<Self> {
        let (mut first, mut last) = (*Self::DAY.start(), *Self::DAY.end());
        for time in times {
            if let Self::Hour(hour) = Self::of(Some(time)) {
                first = first.min(hour);
                last = last.max(hour);
            }
        }
        std::iter::once(Self::AnyTime)
            .chain((first..=last).map(Self::Hour))
            .collect()
    }
}

/// A week, Monday to Sunday, known by its Monday. Written as ISO 8601 writes weeks
/// (`2026-W49`), as the calendar's addresses carry them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week(NaiveDate);

impl Week {
    /// The week holding `day`.
    pub fn of(day: NaiveDate) -> Self {
        let back = u64::from(day.weekday().num_days_from_monday());
        Self(day.checked_sub_days(Days::new(back)).unwrap_or(day))
    }

    pub fn monday(self) -> NaiveDate {
        self.0
    }

    /// Its seven days, Monday first.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.0.iter_days().take(7)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        Self::of(day) == self
    }

    /// The week `weeks` later (earlier when negative), `None` past the plannable days.
    pub fn shifted(self, weeks: i64) -> Option<Self> {
        shift(self.0, weeks.checked_mul(7)?).map(Self)
    }

    /// How many days separate this week's Monday from `other`'s (positive when `other` is
    /// later).
    pub fn days_to(self, other: Week) -> i64 {
        (other.0 - self.0).num_days()
    }

    /// Reads `2026-W49` (a week that ISO 8601's year has), `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, week) = text.split_once("-W")?;
        if year.len() != 4 || week.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let week: u32 = week.parse().ok()?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(Self)
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let iso = self.0.iso_week();
        write!(f, "{:04}-W{:02}", iso.year(), iso.week())
    }
}

/// A month of the calendar (`2026-12` in addresses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(NaiveDate);

impl Month {
    /// The month holding `day`.
    pub fn of(day: NaiveDate) -> Self {
        Self(day.with_day(1).unwrap_or(day))
    }

    /// Its first day.
    pub fn first(self) -> NaiveDate {
        self.0
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// 1 to 12.
    pub fn number(self) -> u32 {
        self.0.month()
    }

    /// The next month (December → January of the next year).
    pub fn next(self) -> Self {
        Self(
            self.0
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(self.0),
        )
    }

    /// The previous month.
    pub fn previous(self) -> Self {
        Self(
            self.0
                .checked_sub_months(chrono::Months::new(1))
                .unwrap_or(self.0),
        )
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        Self::of(day) == self
    }

    /// The weeks the month view shows: from the week of its first day to the week of its
    /// last, four to six of them.
    pub fn weeks(self) -> impl Iterator<Item = Week> {
        let first = Week::of(self.0);
        let last = Week::of(self.next().0.pred_opt().unwrap_or(self.0));
        let count = first.days_to(last) / 7 + 1;
        (0..count).filter_map(move |n| first.shifted(n))
    }

    /// The days the month view shows, from its first week's Monday to the day after its last
    /// week's Sunday (excluded): what the calendar reads for it.
    pub fn shown(self) -> (NaiveDate, NaiveDate) {
        let mut weeks = self.weeks();
        let first = weeks.next().map_or(self.0, Week::monday);
        let last = weeks.last().map_or(first, Week::monday);
        (first, last + Days::new(7))
    }

    /// Reads `2026-12`, `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1).map(Self)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.0.year(), self.0.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-12-07 is a Monday; the 13th its Sunday.
        assert_eq!(Week::of(day(2026, 12, 7)).monday(), day(2026, 12, 7));
        assert_eq!(Week::of(day(2026, 12, 13)).monday(), day(2026, 12, 7));
        assert_eq!(Week::of(day(2026, 12, 14)).monday(), day(2026, 12, 14));
        // A week across the year's end.
        assert_eq!(Week::of(day(2027, 1, 1)).monday(), day(2026, 12, 28));
        let days: Vec<_> = Week::of(day(2027, 1, 1)).days().collect();
        assert_eq!(days.first(), Some(&day(2026, 12, 28)));
        assert_eq!(days.last(), Some(&day(2027, 1, 3)));
    }

    #[test]
    fn weeks_read_and_write_as_iso_8601() {
        let week = Week::of(day(2026, 12, 9));
        assert_eq!(week.to_string(), "2026-W50");
        assert_eq!(Week::parse("2026-W50"), Some(week));
        // The week of 2027-01-01 is ISO's 2026-W53.
        assert_eq!(Week::of(day(2027, 1, 1)).to_string(), "2026-W53");
        assert_eq!(Week::parse("2026-W53").map(Week::monday), Some(day(2026, 12, 28)));
        for bad in [
            "2025-W53", "2026-W00", "2026-W5", "26-W50", "2026W50", "", "2026-W5x",
        ] {
            assert_eq!(Week::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_show_the_weeks_that_cover_them() {
        let december = Month::parse("2026-12").unwrap();
        assert_eq!(december.to_string(), "2026-12");
        // 2026-12-01 is a Tuesday, the 31st a Thursday.
        let weeks: Vec<_> = december.weeks().map(Week::monday).collect();
        assert_eq!(weeks.first(), Some(&day(2026, 11, 30)));
        assert_eq!(weeks.last(), Some(&day(2026, 12, 28)));
        assert_eq!(weeks.len(), 5);
        assert_eq!(december.shown(), (day(2026, 11, 30), day(2027, 1, 4)));
        assert_eq!(december.next().to_string(), "2027-01");
        assert_eq!(Month::parse("2027-01").unwrap().previous(), december);
        // February 2021 starts on a Monday and ends on a Sunday: four weeks.
        assert_eq!(Month::parse("2021-02").unwrap().weeks().count(), 4);
        // August 2021 starts on a Sunday and ends on a Tuesday: six weeks.
        assert_eq!(Month::parse("2021-08").unwrap().weeks().count(), 6);
        for bad in ["2026-13", "2026-1", "2026", "x-12", ""] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn keyboard_steps_cross_months_and_years_and_stop_at_the_ends() {
        assert_eq!(Step::NextDay.from(day(2026, 12, 31)), day(2027, 1, 1));
        assert_eq!(Step::PreviousDay.from(day(2027, 3, 1)), day(2027, 2, 28));
        assert_eq!(Step::PreviousDay.from(day(2028, 3, 1)), day(2028, 2, 29));
        assert_eq!(Step::NextWeek.from(day(2026, 12, 28)), day(2027, 1, 4));
        assert_eq!(Step::PreviousWeek.from(day(2027, 1, 4)), day(2026, 12, 28));
        assert_eq!(Step::PreviousDay.from(FIRST_DAY), FIRST_DAY);
        assert_eq!(Step::NextWeek.from(LAST_DAY), LAST_DAY);
        assert_eq!(Step::of_key("ArrowDown"), Some(Step::NextWeek));
        assert_eq!(Step::of_key("Enter"), None);
    }

    fn at(h: u16, m: u16) -> Option<TimeOfDay> {
        TimeOfDay::new(h, m)
    }

    #[test]
    fn a_session_dropped_in_a_time_row_takes_its_hour_and_keeps_its_minutes_in_its_own() {
        assert_eq!(Slot::of(at(18, 30)), Slot::Hour(18));
        assert_eq!(Slot::of(None), Slot::AnyTime);
        // Another day, the same row: 18:30 stays 18:30.
        assert_eq!(Slot::Hour(18).time_for(at(18, 30)), at(18, 30));
        // Another row: its hour.
        assert_eq!(Slot::Hour(7).time_for(at(18, 30)), at(7, 0));
        assert_eq!(Slot::Hour(7).time_for(None), at(7, 0));
        assert_eq!(Slot::AnyTime.time_for(at(18, 30)), None);
        assert_eq!(Slot::Hour(7).key(), "07");
        assert_eq!(Slot::parse("07"), Some(Slot::Hour(7)));
        assert_eq!(Slot::parse(""), Some(Slot::AnyTime));
        for bad in ["7", "24", "x1", "007", " 7"] {
            assert_eq!(Slot::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_weeks_rows_are_the_training_day_widened_to_its_sessions() {
        let rows = Slot::rows([]);
        assert_eq!(rows.first(), Some(&Slot::AnyTime));
        assert_eq!(rows.get(1), Some(&Slot::Hour(6)));
        assert_eq!(rows.last(), Some(&Slot::Hour(21)));
        assert_eq!(rows.len(), 17);
        let wide = Slot::rows([TimeOfDay::new(5, 30).unwrap(), TimeOfDay::new(22, 15).unwrap()]);
        assert_eq!(wide.get(1), Some(&Slot::Hour(5)));
        assert_eq!(wide.last(), Some(&Slot::Hour(22)));
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0..=(LAST_DAY - FIRST_DAY).num_days()).prop_map(|n| FIRST_DAY + Days::new(n as u64))
    }

    proptest! {
        #[test]
        fn every_day_is_in_its_week_and_month(d in any_day()) {
            let week = Week::of(d);
            prop_assert!(week.contains(d));
            prop_assert_eq!(week.monday().weekday(), Weekday::Mon);
            prop_assert!(week.days().any(|x| x == d));
            prop_assert_eq!(Week::parse(&week.to_string()), Some(week));
            let month = Month::of(d);
            let (from, until) = month.shown();
            prop_assert!(from <= d && d < until);
            prop_assert_eq!(Month::parse(&month.to_string()), Some(month));
        }

        #[test]
        fn a_session_dropped_in_a_row_shows_in_that_row(minutes in proptest::option::of(0u16..1440), row in proptest::option::of(0u8..24)) {
            let time = minutes.and_then(TimeOfDay::from_minutes);
            let slot = row.map_or(Slot::AnyTime, Slot::Hour);
            let landed = slot.time_for(time);
            prop_assert_eq!(Slot::of(landed), slot);
            prop_assert_eq!(Slot::of(time).time_for(time), time, "staying keeps the time");
            prop_assert_eq!(Slot::parse(&slot.key()), Some(slot));
            let rows = Slot::rows(landed);
            prop_assert!(rows.contains(&slot));
        }

        #[test]
        fn a_step_there_and_back_comes_home(d in any_day()) {
            for (there, back) in [(Step::NextDay, Step::PreviousDay), (Step::NextWeek, Step::PreviousWeek)] {
                let moved = there.from(d);
                if moved != d {
                    prop_assert_eq!(back.from(moved), d);
                    prop_assert_eq!(moved.weekday() == d.weekday(), there == Step::NextWeek);
                }
            }
        }
    }
}
