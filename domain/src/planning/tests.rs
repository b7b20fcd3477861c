use super::copy::{CopyError, Scope, copied_to, copy_week, read_scope, repeat, write_scope};
use super::groups::{Membership, is_for, members_on, session_athletes};
use super::*;
use crate::ids::{ComplexId, ExerciseId};
use crate::load::Percent;
use crate::workout::Intensity;
use calendar::Week;
use chrono::Datelike;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn pct(sets: u16, reps: u16, percent: i64) -> Block {
    Block {
        sets,
        reps: vec![reps],
        intensity: Intensity::Percent {
            percent: Percent::whole(percent),
            of: None,
        },
        rest: None,
    }
}

const SNATCH: Lift = Lift::Exercise(ExerciseId(1));
const SQUAT: Lift = Lift::Exercise(ExerciseId(2));
const ANNA: AthleteId = AthleteId(10);
const BEN: AthleteId = AthleteId(11);
const CLEO: AthleteId = AthleteId(12);
const JUNIORS: GroupId = GroupId(20);
const SENIORS: GroupId = GroupId(21);

fn content() -> WorkoutContent {
    WorkoutContent {
        elements: vec![
            Element::new(SNATCH, vec![pct(5, 2, 75)]),
            Element::new(SQUAT, vec![pct(5, 5, 80)]),
        ],
    }
}

fn session(id: i64, date: NaiveDate) -> Session {
    Session {
        id: SessionId(id),
        date,
        time: None,
        title: "Snatch day".into(),
        category: None,
        content: content(),
        template: Some(Template {
            workout: WorkoutId(5),
            version: 1,
        }),
        assignees: Assignees {
            athletes: vec![ANNA],
            groups: vec![JUNIORS],
        },
        overrides: Vec::new(),
        version: 1,
        updated_at: chrono::DateTime::UNIX_EPOCH,
    }
}

fn template(version: i64, content: WorkoutContent) -> Workout {
    Workout {
        id: WorkoutId(5),
        title: "Snatch day".into(),
        category: None,
        description: None,
        content,
        archived: false,
        version,
        updated_at: chrono::DateTime::UNIX_EPOCH,
    }
}

fn three_sets_for(athlete: AthleteId) -> Override {
    Override {
        athlete,
        skip: false,
        elements: vec![ElementOverride {
            element: 1,
            lift: SQUAT,
            blocks: vec![pct(3, 5, 70)],
        }],
    }
}

#[test]
fn an_override_changes_one_athletes_blocks_and_nobody_elses() {
    let mut s = session(1, day(2026, 12, 7));
    s.overrides = vec![three_sets_for(BEN)];
    let ben = s.content_for(BEN).unwrap();
    assert_eq!(ben.elements[1].blocks, vec![pct(3, 5, 70)]);
    assert_eq!(ben.elements[0], s.content.elements[0]);
    assert_eq!(s.content_for(ANNA).unwrap().as_ref(), &content());
    assert!(matches!(s.content_for(ANNA), Some(Cow::Borrowed(_))));
}

#[test]
fn a_skipping_athlete_does_nothing_but_stays_listed() {
    let mut s = session(1, day(2026, 12, 7));
    s.overrides = vec![Override {
        athlete: ANNA,
        skip: true,
        elements: Vec::new(),
    }];
    assert_eq!(s.content_for(ANNA), None);
    assert_eq!(session_athletes(&s, &[], |_| false), vec![ANNA]);
}

#[test]
fn an_override_on_an_element_that_changed_lift_no_longer_applies() {
    let mut s = session(1, day(2026, 12, 7));
    let mut stale = three_sets_for(BEN);
    stale.elements[0].lift = SNATCH; // element 1 trains the squat
    s.overrides = vec![stale];
    assert_eq!(s.content_for(BEN).unwrap().as_ref(), &content());
    assert!(s.draft().check().is_err(), "a draft refuses it");
}

#[test]
fn updating_from_the_template_keeps_the_overrides_that_still_fit() {
    let mut s = session(1, day(2026, 12, 7));
    s.overrides = vec![
        three_sets_for(BEN),
        Override {
            athlete: CLEO,
            skip: true,
            elements: Vec::new(),
        },
    ];
    // The template now has the squat first and a pull second.
    let mut changed = content();
    changed.elements.swap(0, 1);
    let newer = template(3, changed.clone());
    assert!(s.template_changed(&newer));
    let mut draft = s.draft();
    assert_eq!(
        draft.sync(&newer),
        1,
        "Ben's squat override named element 1, now the snatch"
    );
    assert_eq!(draft.content, changed);
    assert_eq!(draft.template.map(|t| t.version), Some(3));
    assert_eq!(
        draft.overrides,
        vec![Override {
            athlete: CLEO,
            skip: true,
            elements: Vec::new()
        }],
        "Ben's override, left empty, is gone; Cleo still skips"
    );
}

#[test]
fn a_template_has_changed_only_when_an_update_would_change_something() {
    let s = session(1, day(2026, 12, 7));
    assert!(!s.template_changed(&template(1, content())), "same version");
    assert!(
        !s.template_changed(&template(2, content())),
        "archived: version moved, same content"
    );
    let mut other = content();
    other.elements.pop();
    assert!(s.template_changed(&template(2, other.clone())));
    let mut retitled = template(2, content());
    retitled.title = "Snatch day (heavy)".into();
    assert!(s.template_changed(&retitled));
    let mut foreign = template(2, other);
    foreign.id = WorkoutId(6);
    assert!(!s.template_changed(&foreign), "not this session's template");
}

#[test]
fn a_draft_is_checked_whole() {
    let mut draft = session(1, day(2026, 12, 7)).draft();
    assert_eq!(draft.check(), Ok(()));
    draft.date = day(1999, 12, 31);
    draft.title = " ".into();
    draft.assignees.athletes = (0..=Assignees::MAX_ATHLETES as i64).map(AthleteId).collect();
    draft.overrides = vec![three_sets_for(BEN), three_sets_for(BEN)];
    let fields: Vec<String> = draft.check().unwrap_err().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["date", "title", "athletes", "overrides"]);

    let mut draft = session(1, day(2026, 12, 7)).draft();
    let mut out_of_bounds = three_sets_for(BEN);
    out_of_bounds.elements[0].blocks = vec![pct(30, 5, 70)];
    draft.overrides = vec![out_of_bounds];
    assert!(draft.check().is_err());
    let mut no_element = three_sets_for(BEN);
    no_element.elements[0].element = 2;
    draft.overrides = vec![no_element];
    assert!(draft.check().is_err());
}

#[test]
fn override_reps_must_match_the_elements_movements() {
    let mut draft = session(1, day(2026, 12, 7)).draft();
    draft.overrides = vec![three_sets_for(BEN)];
    assert!(draft.override_reps_fit());
    let complex = Lift::Complex(ComplexId(3));
    draft.content.elements[1] = Element::new(
        complex,
        vec![Block {
            reps: vec![1, 1],
            ..pct(3, 1, 80)
        }],
    );
    draft.overrides[0].elements[0].lift = complex;
    assert!(
        !draft.override_reps_fit(),
        "one number of reps for a complex of two"
    );
}

#[test]
fn setting_an_empty_override_removes_it() {
    let mut draft = session(1, day(2026, 12, 7)).draft();
    draft.set_override(three_sets_for(BEN));
    draft.set_override(Override {
        athlete: ANNA,
        skip: true,
        elements: Vec::new(),
    });
    assert_eq!(draft.overrides.len(), 2);
    draft.set_override(Override {
        athlete: BEN,
        skip: false,
        elements: Vec::new(),
    });
    assert_eq!(
        draft.overrides.iter().map(|o| o.athlete).collect::<Vec<_>>(),
        vec![ANNA]
    );
}

#[test]
fn times_read_and_write_as_a_time_field_does() {
    assert_eq!(TimeOfDay::parse("07:30").map(|t| t.minutes()), Some(450));
    assert_eq!(
        TimeOfDay::parse("7:30").map(|t| t.to_string()),
        Some("07:30".into())
    );
    assert_eq!(TimeOfDay::parse("23:59").map(|t| t.minutes()), Some(1439));
    for bad in [
        "24:00", "12:60", "12", "12:5", "-1:30", "1a:30", "", "+7:30", "007:30",
    ] {
        assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
    }
    assert_eq!(TimeOfDay::try_from(1440_u16), Err("not a time of day"));
}

fn juniors_history() -> Vec<Membership> {
    vec![
        // Ben joined on December 8th; Cleo left on December 9th.
        Membership {
            group: JUNIORS,
            athlete: BEN,
            since: day(2026, 12, 8),
            until: None,
        },
        Membership {
            group: JUNIORS,
            athlete: CLEO,
            since: day(2026, 1, 1),
            until: Some(day(2026, 12, 9)),
        },
        // Added and removed the same day: never in the group.
        Membership {
            group: SENIORS,
            athlete: ANNA,
            since: day(2026, 12, 8),
            until: Some(day(2026, 12, 8)),
        },
    ]
}

#[test]
fn a_group_session_is_for_the_groups_athletes_on_its_day() {
    let periods = juniors_history();
    let on = |d: u32| members_on(&periods, JUNIORS, day(2026, 12, d));
    assert_eq!(on(7), vec![CLEO]);
    assert_eq!(on(8), vec![BEN, CLEO]);
    assert_eq!(on(9), vec![BEN], "until is the first day out");
    assert!(members_on(&periods, SENIORS, day(2026, 12, 8)).is_empty());

    let s7 = session(1, day(2026, 12, 7));
    let s9 = session(2, day(2026, 12, 9));
    assert_eq!(session_athletes(&s7, &periods, |_| false), vec![ANNA, CLEO]);
    assert_eq!(session_athletes(&s9, &periods, |_| false), vec![ANNA, BEN]);
    assert_eq!(
        session_athletes(&s9, &periods, |a| a == ANNA),
        vec![BEN],
        "archived"
    );
    assert!(is_for(&s9, &periods, BEN) && !is_for(&s7, &periods, BEN));
    assert!(is_for(&s7, &periods, ANNA), "named");
}

#[test]
fn a_week_is_copied_across_the_years_end_on_the_same_weekdays() {
    // Week 2026-W53 (December 28th to January 3rd) to the next.
    let from = Week::of(day(2026, 12, 28));
    let to = from.shifted(1).unwrap();
    let mut tuesday = session(1, day(2026, 12, 29));
    tuesday.time = TimeOfDay::new(18, 0);
    let sunday = session(2, day(2027, 1, 3));
    let outside = session(3, day(2027, 1, 4));
    let all = [sunday.clone(), outside, tuesday.clone()];
    let copies = copy_week(&all, &[], from, to, Scope::Club).unwrap();
    let days: Vec<_> = copies.iter().map(|d| (d.date, d.time)).collect();
    assert_eq!(
        days,
        vec![(day(2027, 1, 5), TimeOfDay::new(18, 0)), (day(2027, 1, 10), None)]
    );
    assert_eq!(copies[0].assignees, tuesday.assignees);
    assert_eq!(copies[0].template, tuesday.template);
    assert_eq!(
        copy_week(&all, &[], from, from, Scope::Club),
        Err(CopyError::SameWeek)
    );
    assert_eq!(copy_week(&[], &[], from, to, Scope::Club), Ok(Vec::new()));
    let last = Week::of(calendar::LAST_DAY);
    let end = [session(4, last.monday())];
    assert_eq!(
        copy_week(&end, &[], last, last.shifted(-1).unwrap(), Scope::Club).map(|c| c.len()),
        Ok(1)
    );
}

#[test]
fn a_week_copied_for_a_group_takes_its_sessions_for_it_alone() {
    let periods = juniors_history();
    let mut group = session(1, day(2026, 12, 8));
    group.overrides = vec![three_sets_for(BEN), three_sets_for(ANNA)];
    let mut private = session(2, day(2026, 12, 9));
    private.assignees = Assignees {
        athletes: vec![ANNA],
        groups: Vec::new(),
    };
    let from = Week::of(day(2026, 12, 8));
    let to = from.shifted(2).unwrap();
    let copies = copy_week(&[group, private], &periods, from, to, Scope::Group(JUNIORS)).unwrap();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].date, day(2026, 12, 22));
    assert_eq!(copies[0].assignees.groups, vec![JUNIORS]);
    assert!(copies[0].assignees.athletes.is_empty());
    assert_eq!(
        copies[0].overrides.iter().map(|o| o.athlete).collect::<Vec<_>>(),
        vec![BEN],
        "Anna is named, not a junior: her override stays behind"
    );
}

#[test]
fn a_week_copied_for_an_athlete_takes_what_they_do() {
    let periods = juniors_history();
    let mut group = session(1, day(2026, 12, 8));
    group.assignees.athletes.clear();
    group.overrides = vec![three_sets_for(BEN)];
    let mut skipped = session(2, day(2026, 12, 10));
    skipped.overrides = vec![Override {
        athlete: BEN,
        skip: true,
        elements: Vec::new(),
    }];
    let mut other = session(3, day(2026, 12, 11));
    other.assignees = Assignees {
        athletes: vec![ANNA],
        groups: Vec::new(),
    };
    let from = Week::of(day(2026, 12, 8));
    let copies = copy_week(
        &[group, skipped, other],
        &periods,
        from,
        from.shifted(1).unwrap(),
        Scope::Athlete(BEN),
    )
    .unwrap();
    assert_eq!(
        copies.len(),
        1,
        "the skipped and the others' sessions are not copied"
    );
    assert_eq!(copies[0].assignees.athletes, vec![BEN]);
    assert!(copies[0].assignees.groups.is_empty() && copies[0].overrides.is_empty());
    assert_eq!(
        copies[0].content.elements[1].blocks,
        vec![pct(3, 5, 70)],
        "his override, in place"
    );
}

#[test]
fn a_session_repeats_weekly_across_months_and_years() {
    let mut s = session(1, day(2026, 12, 17));
    s.time = TimeOfDay::new(9, 30);
    let copies = repeat(&s, 3).unwrap();
    let days: Vec<_> = copies.iter().map(|d| d.date).collect();
    assert_eq!(days, vec![day(2026, 12, 24), day(2026, 12, 31), day(2027, 1, 7)]);
    assert!(
        copies
            .iter()
            .all(|c| c.time == s.time && c.assignees == s.assignees)
    );
    assert_eq!(repeat(&s, 0), Err(CopyError::Weeks));
    assert_eq!(repeat(&s, 53), Err(CopyError::Weeks));
    assert_eq!(
        repeat(&session(2, calendar::LAST_DAY), 1),
        Err(CopyError::OutOfCalendar)
    );
    // February 29th, a week on.
    assert_eq!(
        repeat(&session(3, day(2028, 2, 22)), 1).unwrap()[0].date,
        day(2028, 2, 29)
    );
}

#[test]
fn a_copy_keeps_everything_but_the_day() {
    let mut s = session(1, day(2026, 12, 7));
    s.overrides = vec![three_sets_for(BEN)];
    let copy = copied_to(&s, day(2027, 1, 31), None);
    assert_eq!(copy.date, day(2027, 1, 31));
    assert_eq!(copy.overrides, s.overrides);
    assert_eq!(copy.content, s.content);
}

#[test]
fn scopes_read_back_as_written() {
    for scope in [Scope::Club, Scope::Group(JUNIORS), Scope::Athlete(ANNA)] {
        assert_eq!(read_scope(&write_scope(scope)), Some(scope));
    }
    assert_eq!(read_scope(""), Some(Scope::Club));
    for bad in ["g", "gx", "x3", "a-", "é3"] {
        assert_eq!(read_scope(bad), None, "{bad}");
    }
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0..(calendar::LAST_DAY - calendar::FIRST_DAY).num_days() - 400)
        .prop_map(|n| calendar::FIRST_DAY + chrono::Days::new(n as u64))
}

proptest! {
    #[test]
    fn week_copies_keep_weekday_and_order(
        days in proptest::collection::vec(any_day(), 1..12),
        weeks in 1_i64..50,
    ) {
        let from = Week::of(days[0]);
        let to = from.shifted(weeks).unwrap();
        let sessions: Vec<Session> = days.iter().enumerate().map(|(i, &d)| session(i as i64, d)).collect();
        let copies = copy_week(&sessions, &[], from, to, Scope::Club).unwrap();
        let mut in_week: Vec<NaiveDate> = days.iter().copied().filter(|&d| from.contains(d)).collect();
        in_week.sort();
        prop_assert_eq!(copies.len(), in_week.len());
        for (copy, source) in copies.iter().zip(in_week) {
            prop_assert!(to.contains(copy.date));
            prop_assert_eq!(copy.date.weekday(), source.weekday());
            prop_assert_eq!((copy.date - source).num_days(), 7 * weeks);
        }
    }

    #[test]
    fn repeats_fall_on_the_same_weekday_a_week_apart(d in any_day(), weeks in 1_u16..=52) {
        let copies = repeat(&session(1, d), weeks).unwrap();
        prop_assert_eq!(copies.len(), usize::from(weeks));
        let mut previous = d;
        for copy in copies {
            prop_assert_eq!((copy.date - previous).num_days(), 7);
            previous = copy.date;
        }
    }
}
