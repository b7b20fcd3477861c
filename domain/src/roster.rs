//! The club's roster: one row per athlete with what a coach compares (age, bodyweight, class,
//! best lifts, Sinclair, level, groups), and the table's search, filters and sort.
//!
//! Every figure is the one in force on a given day: the latest weighing and the max in force on
//! or before it, the weight classes and the Sinclair cycle of that day. The query lives in the
//! page's address, so reload and share keep the view.

use crate::athlete::{Athlete, Group};
use crate::catalogue::search::fold;
use crate::competition::{
    CompetitorLevel, Sex, SinclairCycle, Weighing, WeightClass, WeightClassTable, bodyweight_on,
    sinclair_coefficient, sinclair_cycles, sinclair_total, weight_class_on, weight_class_tables,
};
use crate::ids::{AthleteId, ExerciseId, GroupId};
use crate::maxes::{Max, max_in_force};
use crate::ports::RecordedMax;
use crate::text::{query_decode, query_encode};
use crate::weight::Kg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;

/// The club's main lifts, as the club's exercise ids (found by the caller).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MainLifts {
    pub snatch: Option<ExerciseId>,
    pub clean_and_jerk: Option<ExerciseId>,
}

/// What the roster is computed from, all of one club.
pub struct RosterData<'a> {
    pub athletes: &'a [Athlete],
    /// Every weighing of the club's athletes, in any order.
    pub weighings: &'a [(AthleteId, Weighing)],
    /// Every max of the club's athletes, in any order.
    pub maxes: &'a [RecordedMax],
    /// The current level of each athlete that has one.
    pub levels: &'a [(AthleteId, CompetitorLevel)],
    /// The club's groups with their athletes; archived groups are not listed on rows.
    pub groups: &'a [Group],
    pub lifts: MainLifts,
}

/// A group an athlete is in, as a roster row shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupTag {
    pub id: GroupId,
    pub name: String,
}

/// One athlete of the roster, with the figures in force on the day it was computed for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterRow {
    pub athlete: Athlete,
    pub age: Option<u32>,
    /// The latest weighing on or before the day.
    pub bodyweight: Option<Weighing>,
    /// The class of that bodyweight, in the table in force on the day.
    pub class: Option<WeightClass>,
    /// The snatch max in force on the day.
    pub snatch: Option<Kg>,
    /// The clean and jerk max in force on the day.
    pub clean_and_jerk: Option<Kg>,
    /// Snatch + clean and jerk, only when both are known.
    pub total: Option<Kg>,
    /// The Sinclair total: the total times the coefficient at that bodyweight, with the cycle
    /// covering the day; `None` when any part is missing.
    pub sinclair: Option<f64>,
    pub level: Option<CompetitorLevel>,
    /// The active groups the athlete is in, by name.
    pub groups: Vec<GroupTag>,
}

/// The roster on `today`: one row per athlete, in the order of `data.athletes`, archived
/// athletes included (browsing decides what shows). Classes and Sinclair totals use the seeded
/// reference data ([`weight_class_tables`], [`sinclair_cycles`]).
pub fn rows(data: &RosterData<'_>, today: NaiveDate) -> Vec<RosterRow> {
    rows_with(data, &weight_class_tables(), &sinclair_cycles(), today)
}

/// [`rows`] with the given weight-class tables and Sinclair cycles.
pub fn rows_with(
    data: &RosterData<'_>,
    tables: &[WeightClassTable],
    cycles: &[SinclairCycle],
    today: NaiveDate,
) -> Vec<RosterRow> {
    let mut weighings: HashMap<AthleteId, Vec<Weighing>> = HashMap::new();
    for (athlete, w) in data.weighings {
        weighings.entry(*athlete).or_default().push(*w);
    }
    let mut maxes: HashMap<AthleteId, Vec<Max<ExerciseId>>> = HashMap::new();
    for recorded in data.maxes {
        maxes
            .entry(recorded.athlete)
            .or_default()
            .push(recorded.max.clone());
    }
    let mut groups: Vec<(String, &Group)> = data
        .groups
        .iter()
        .filter(|g| !g.archived)
        .map(|g| (fold(&g.name), g))
        .collect();
    groups.sort_by(|(a, ga), (b, gb)| a.cmp(b).then(ga.id.cmp(&gb.id)));

    data.athletes
        .iter()
        .map(|athlete| {
            let sex = athlete.sex;
            let history = weighings.get(&athlete.id).map(Vec::as_slice).unwrap_or_default();
            let bodyweight = bodyweight_on(history, today).map(|b| Weighing {
                date: b.date,
                weight: b.weight,
            });
            let class = weight_class_on(tables, sex, history, today);
            let lifted = maxes.get(&athlete.id).map(Vec::as_slice).unwrap_or_default();
            let in_force = |lift: Option<ExerciseId>| {
                lift.and_then(|exercise| max_in_force(lifted, &exercise, today))
                    .map(|m| m.weight)
            };
            let snatch = in_force(data.lifts.snatch);
            let clean_and_jerk = in_force(data.lifts.clean_and_jerk);
            let total = snatch.zip(clean_and_jerk).map(|(s, cj)| s + cj);
            let sinclair = total.zip(bodyweight).and_then(|(total, bw)| {
                sinclair_coefficient(cycles, sex, bw.weight, today).map(|c| sinclair_total(total, c))
            });
            RosterRow {
                athlete: athlete.clone(),
                age: athlete.age_on(today),
                bodyweight,
                class,
                snatch,
                clean_and_jerk,
                total,
                sinclair,
                level: data
                    .levels
                    .iter()
                    .find(|(id, _)| *id == athlete.id)
                    .map(|(_, level)| *level),
                groups: groups
                    .iter()
                    .filter(|(_, g)| g.athletes.contains(&athlete.id))
                    .map(|(_, g)| GroupTag {
                        id: g.id,
                        name: g.name.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The column the roster is sorted by. Rows missing the value always come last.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterSort {
    /// Last name, then first name.
    #[default]
    Name,
    Age,
    Sex,
    /// By sex, then class limit ("+110" after "110").
    Class,
    Bodyweight,
    Snatch,
    CleanAndJerk,
    Total,
    Sinclair,
    /// From rookie to elite.
    Level,
}

impl RosterSort {
    /// Reads a sort from the address; anything unknown is [`RosterSort::Name`].
    pub fn parse(raw: &str) -> Self {
        match raw {
            "age" => RosterSort::Age,
            "sex" => RosterSort::Sex,
            "class" => RosterSort::Class,
            "bodyweight" => RosterSort::Bodyweight,
            "snatch" => RosterSort::Snatch,
            "clean_and_jerk" => RosterSort::CleanAndJerk,
            "total" => RosterSort::Total,
            "sinclair" => RosterSort::Sinclair,
            "level" => RosterSort::Level,
            _ => RosterSort::Name,
        }
    }

    /// The sort as the address writes it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            RosterSort::Name => "name",
            RosterSort::Age => "age",
            RosterSort::Sex => "sex",
            RosterSort::Class => "class",
            RosterSort::Bodyweight => "bodyweight",
            RosterSort::Snatch => "snatch",
            RosterSort::CleanAndJerk => "clean_and_jerk",
            RosterSort::Total => "total",
            RosterSort::Sinclair => "sinclair",
            RosterSort::Level => "level",
        }
    }

    /// True for the columns a first click sorts heaviest first: bodyweight, lifts, total and
    /// Sinclair.
    pub fn starts_descending(self) -> bool {
        matches!(
            self,
            RosterSort::Bodyweight
                | RosterSort::Snatch
                | RosterSort::CleanAndJerk
                | RosterSort::Total
                | RosterSort::Sinclair
        )
    }
}

/// A roster query, as the page's address keeps it. Missing parts take their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RosterQuery {
    /// Searched in first and last names (either order) and licence, without case or accents.
    pub q: String,
    pub sex: Option<Sex>,
    pub group: Option<GroupId>,
    pub level: Option<CompetitorLevel>,
    /// Include archived athletes (active ones always show).
    pub archived: bool,
    pub sort: RosterSort,
    pub desc: bool,
}

impl RosterQuery {
    /// Refuses a search longer than [`crate::catalogue::search::QUERY_MAX`] characters.
    pub fn check(&self) -> Result<(), crate::error::FieldError> {
        crate::text::bounded("q", &self.q, crate::catalogue::search::QUERY_MAX)
    }

    /// The query of decoded address pairs (`q`, `sex`, `group`, `level`, `archived`, `sort`,
    /// `desc`). Unknown keys are ignored and invalid values give the default; of a repeated
    /// key, the last one counts.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self::default();
        for (key, value) in pairs {
            match key {
                "q" => query.q = value.trim().to_owned(),
                "sex" => query.sex = Sex::parse(value),
                "group" => query.group = value.trim().parse().ok().map(GroupId),
                "level" => query.level = CompetitorLevel::parse(value),
                "archived" => query.archived = is_on(value),
                "sort" => query.sort = RosterSort::parse(value.trim()),
                "desc" => query.desc = is_on(value),
                _ => {}
            }
        }
        query
    }

    /// The query of a raw query string (with or without its `?`), percent-decoded.
    pub fn from_query_string(raw: &str) -> Self {
        let pairs: Vec<(String, String)> = raw
            .trim_start_matches('?')
            .split('&')
            .filter(|part| !part.is_empty())
            .map(|part| {
                let (key, value) = part.split_once('=').unwrap_or((part, ""));
                (query_decode(key), query_decode(value))
            })
            .collect();
        Self::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The query string that reproduces this query (defaults left out), without the `?`.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", query_encode(self.q.trim())));
        }
        if let Some(sex) = self.sex {
            parts.push(format!("sex={}", sex.as_str()));
        }
        if let Some(group) = self.group {
            parts.push(format!("group={group}"));
        }
        if let Some(level) = self.level {
            parts.push(format!("level={}", level.as_str()));
        }
        if self.archived {
            parts.push("archived=1".to_owned());
        }
        if self.sort != RosterSort::Name {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.desc {
            parts.push("desc=1".to_owned());
        }
        parts.join("&")
    }

    /// The query a column header links to: the same column flips the direction; another column
    /// starts ascending, or descending for the columns where the strongest come first (see
    /// [`RosterSort::starts_descending`]). Search and filters are kept.
    pub fn sorted_by(&self, sort: RosterSort) -> RosterQuery {
        let desc = if sort == self.sort {
            !self.desc
        } else {
            sort.starts_descending()
        };
        RosterQuery {
            sort,
            desc,
            ..self.clone()
        }
    }
}

/// The rows matching `query`, in its order. Rows missing the sorted value come last in either
/// direction; ties go by last name then first name.
pub fn browse<'a>(rows: &'a [RosterRow], query: &RosterQuery) -> Vec<&'a RosterRow> {
    let q = crate::catalogue::search::fold_query(&query.q);
    let mut kept: Vec<Keyed<'a>> = rows
        .iter()
        .filter(|row| {
            (query.archived || !row.athlete.archived)
                && query.sex.is_none_or(|sex| row.athlete.sex == sex)
                && query.group.is_none_or(|g| row.groups.iter().any(|t| t.id == g))
                && query.level.is_none_or(|level| row.level == Some(level))
        })
        .map(|row| Keyed {
            row,
            last: fold(&row.athlete.last_name),
            first: fold(&row.athlete.first_name),
        })
        .filter(|k| q.is_empty() || k.matches(&q))
        .collect();
    let desc = query.desc;
    kept.sort_by(|a, b| {
        let (ra, rb) = (a.row, b.row);
        let by_value = match query.sort {
            RosterSort::Name => {
                let names = a.names().cmp(&b.names());
                return if desc { names.reverse() } else { names };
            }
            RosterSort::Age => missing_last(ra.age, rb.age, desc, Ord::cmp),
            RosterSort::Sex => missing_last(Some(ra.athlete.sex), Some(rb.athlete.sex), desc, Ord::cmp),
            RosterSort::Class => missing_last(ra.class, rb.class, desc, |x, y| {
                (x.sex, x.limit, x.over).cmp(&(y.sex, y.limit, y.over))
            }),
            RosterSort::Bodyweight => missing_last(
                ra.bodyweight.map(|w| w.weight),
                rb.bodyweight.map(|w| w.weight),
                desc,
                Ord::cmp,
            ),
            RosterSort::Snatch => missing_last(ra.snatch, rb.snatch, desc, Ord::cmp),
            RosterSort::CleanAndJerk => missing_last(ra.clean_and_jerk, rb.clean_and_jerk, desc, Ord::cmp),
            RosterSort::Total => missing_last(ra.total, rb.total, desc, Ord::cmp),
            RosterSort::Sinclair => missing_last(ra.sinclair, rb.sinclair, desc, f64::total_cmp),
            RosterSort::Level => missing_last(ra.level, rb.level, desc, Ord::cmp),
        };
        by_value.then_with(|| a.names().cmp(&b.names()))
    });
    kept.into_iter().map(|k| k.row).collect()
}

/// A row with its names folded once for searching and sorting.
struct Keyed<'a> {
    row: &'a RosterRow,
    last: String,
    first: String,
}

impl Keyed<'_> {
    fn names(&self) -> (&str, &str) {
        (&self.last, &self.first)
    }

    /// True when the folded query is part of a name (either order) or of the licence.
    fn matches(&self, q: &str) -> bool {
        self.first.contains(q)
            || self.last.contains(q)
            || format!("{} {}", self.first, self.last).contains(q)
            || format!("{} {}", self.last, self.first).contains(q)
            || self
                .row
                .athlete
                .licence
                .as_deref()
                .is_some_and(|l| fold(l).contains(q))
    }
}

/// Compares two optional values, a missing one after any present one whatever the direction.
fn missing_last<T>(a: Option<T>, b: Option<T>, desc: bool, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let order = cmp(&a, &b);
            if desc { order.reverse() } else { order }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A checkbox-like address value: `1`, `true` or `on`.
fn is_on(raw: &str) -> bool {
    matches!(raw.trim(), "1" | "true" | "on")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::MaxId;
    use crate::maxes::MaxKind;

    const SNATCH: ExerciseId = ExerciseId(1);
    const CLEAN_AND_JERK: ExerciseId = ExerciseId(2);
    const SQUAT: ExerciseId = ExerciseId(3);

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 3, 14)
    }

    fn athlete(id: i64, first: &str, last: &str, sex: Sex, birth: Option<NaiveDate>) -> Athlete {
        Athlete {
            id: AthleteId(id),
            member: None,
            first_name: first.into(),
            last_name: last.into(),
            birth_date: birth,
            sex,
            licence: None,
            notes: None,
            email: None,
            archived: false,
            version: 1,
        }
    }

    fn athletes() -> Vec<Athlete> {
        let mut bruno = athlete(2, "Bruno", "Martin", Sex::Men, Some(d(1990, 6, 1)));
        bruno.licence = Some("FRA-0042".into());
        let mut anne = athlete(4, "Anne", "Archive", Sex::Men, Some(d(1980, 1, 1)));
        anne.archived = true;
        vec![
            athlete(1, "Elodie", "Durand", Sex::Women, Some(d(2008, 3, 14))),
            bruno,
            athlete(3, "Zoé", "Éthier", Sex::Women, None),
            anne,
        ]
    }

    fn weighed(athlete: i64, date: NaiveDate, grams: i64) -> (AthleteId, Weighing) {
        (
            AthleteId(athlete),
            Weighing {
                date,
                weight: Kg::from_grams(grams),
            },
        )
    }

    fn weighings() -> Vec<(AthleteId, Weighing)> {
        vec![
            // After today: ignored.
            weighed(1, d(2026, 4, 1), 70_000),
            weighed(1, d(2026, 1, 10), 65_000),
            weighed(1, d(2026, 3, 1), 64_000),
            weighed(2, d(2026, 2, 20), 112_300),
            weighed(4, d(2026, 1, 1), 80_000),
        ]
    }

    fn recorded(
        id: i64,
        athlete: i64,
        exercise: ExerciseId,
        date: NaiveDate,
        kg: i64,
        kind: MaxKind,
    ) -> RecordedMax {
        RecordedMax {
            id: MaxId(id),
            athlete: AthleteId(athlete),
            max: Max {
                exercise,
                date,
                weight: Kg::whole(kg),
                kind,
            },
            version: 1,
        }
    }

    fn maxes() -> Vec<RecordedMax> {
        vec![
            recorded(1, 1, SNATCH, d(2026, 5, 1), 90, MaxKind::Tested),
            recorded(2, 1, SNATCH, d(2025, 10, 1), 80, MaxKind::Tested),
            recorded(3, 1, SNATCH, d(2026, 2, 1), 88, MaxKind::Estimated),
            recorded(4, 1, SNATCH, d(2026, 2, 1), 85, MaxKind::Training),
            recorded(5, 1, CLEAN_AND_JERK, d(2026, 1, 15), 105, MaxKind::Competition),
            recorded(6, 1, SQUAT, d(2026, 3, 1), 140, MaxKind::Tested),
            recorded(7, 2, CLEAN_AND_JERK, d(2026, 3, 14), 165, MaxKind::Training),
            recorded(8, 2, SNATCH, d(2026, 1, 10), 130, MaxKind::Tested),
            recorded(9, 2, CLEAN_AND_JERK, d(2025, 12, 1), 160, MaxKind::Tested),
            recorded(10, 3, SNATCH, d(2025, 5, 1), 60, MaxKind::Tested),
        ]
    }

    fn group(id: i64, name: &str, archived: bool, athletes: &[i64]) -> Group {
        Group {
            id: GroupId(id),
            name: name.into(),
            archived,
            version: 1,
            athletes: athletes.iter().copied().map(AthleteId).collect(),
        }
    }

    fn groups() -> Vec<Group> {
        vec![
            group(1, "Juniors", false, &[1, 3]),
            group(2, "Compétition", false, &[1, 2]),
            group(3, "Anciens", true, &[1]),
        ]
    }

    fn levels() -> Vec<(AthleteId, CompetitorLevel)> {
        vec![
            (AthleteId(2), CompetitorLevel::National),
            (AthleteId(1), CompetitorLevel::Regional),
        ]
    }

    const LIFTS: MainLifts = MainLifts {
        snatch: Some(SNATCH),
        clean_and_jerk: Some(CLEAN_AND_JERK),
    };

    fn roster_with(lifts: MainLifts, today: NaiveDate) -> Vec<RosterRow> {
        let (athletes, weighings, maxes, levels, groups) =
            (athletes(), weighings(), maxes(), levels(), groups());
        rows(
            &RosterData {
                athletes: &athletes,
                weighings: &weighings,
                maxes: &maxes,
                levels: &levels,
                groups: &groups,
                lifts,
            },
            today,
        )
    }

    fn roster() -> Vec<RosterRow> {
        roster_with(LIFTS, today())
    }

    fn ids(found: Vec<&RosterRow>) -> Vec<i64> {
        found.into_iter().map(|r| r.athlete.id.0).collect()
    }

    fn query(sort: RosterSort, desc: bool) -> RosterQuery {
        RosterQuery {
            archived: true,
            sort,
            desc,
            ..RosterQuery::default()
        }
    }

    #[test]
    fn a_row_holds_the_figures_in_force_today() {
        let rows = roster();
        assert_eq!(rows.len(), 4);
        let elodie = &rows[0];
        assert_eq!(elodie.age, Some(18));
        assert_eq!(
            elodie.bodyweight,
            Some(Weighing {
                date: d(2026, 3, 1),
                weight: Kg::whole(64)
            })
        );
        assert_eq!(elodie.class.map(|c| c.to_string()).as_deref(), Some("69"));
        // Same date: the training max outranks the heavier estimate; the May test is ahead.
        assert_eq!(elodie.snatch, Some(Kg::whole(85)));
        assert_eq!(elodie.clean_and_jerk, Some(Kg::whole(105)));
        assert_eq!(elodie.total, Some(Kg::whole(190)));
        assert_eq!(elodie.level, Some(CompetitorLevel::Regional));
        let coefficient =
            sinclair_coefficient(&sinclair_cycles(), Sex::Women, Kg::whole(64), today()).unwrap();
        let sinclair = elodie.sinclair.unwrap();
        assert_eq!(sinclair, sinclair_total(Kg::whole(190), coefficient));
        assert!((sinclair - 246.158).abs() < 0.01, "{sinclair}");

        let bruno = &rows[1];
        assert_eq!(bruno.age, Some(35));
        assert_eq!(bruno.class.map(|c| c.to_string()).as_deref(), Some("+110"));
        // A max dated today is in force today.
        assert_eq!(bruno.clean_and_jerk, Some(Kg::whole(165)));
        assert_eq!(bruno.total, Some(Kg::whole(295)));
        let sinclair = bruno.sinclair.unwrap();
        let coefficient =
            sinclair_coefficient(&sinclair_cycles(), Sex::Men, Kg::from_grams(112_300), today()).unwrap();
        assert_eq!(sinclair, sinclair_total(Kg::whole(295), coefficient));
        assert!((sinclair - 327.140).abs() < 0.01, "{sinclair}");
    }

    #[test]
    fn missing_parts_leave_figures_empty() {
        let rows = roster();
        let zoe = &rows[2];
        assert_eq!(zoe.age, None);
        assert_eq!(zoe.bodyweight, None);
        assert_eq!(zoe.class, None);
        assert_eq!(zoe.snatch, Some(Kg::whole(60)));
        assert_eq!(zoe.clean_and_jerk, None);
        assert_eq!(zoe.total, None);
        assert_eq!(zoe.sinclair, None);
        assert_eq!(zoe.level, None);
        let anne = &rows[3];
        assert_eq!(anne.class.map(|c| c.to_string()).as_deref(), Some("88"));
        assert_eq!((anne.snatch, anne.total, anne.sinclair), (None, None, None));

        // Without the main lifts known, no lift figures at all.
        let unknown = roster_with(MainLifts::default(), today());
        assert!(
            unknown
                .iter()
                .all(|r| r.snatch.is_none() && r.total.is_none() && r.sinclair.is_none())
        );
        // Outside every Sinclair cycle there is a total but no Sinclair.
        let later = roster_with(LIFTS, d(2029, 1, 1));
        assert_eq!(later[1].total, Some(Kg::whole(295)));
        assert_eq!(later[1].sinclair, None);
        // Before the first weighing: no bodyweight, no class, no Sinclair.
        let early = roster_with(LIFTS, d(2026, 1, 9));
        assert_eq!(
            (early[0].bodyweight, early[0].class, early[0].sinclair),
            (None, None, None)
        );
    }

    #[test]
    fn rows_list_the_active_groups_by_name() {
        let rows = roster();
        let names = |row: &RosterRow| row.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&rows[0]), ["Compétition", "Juniors"]);
        assert_eq!(
            rows[1].groups,
            [GroupTag {
                id: GroupId(2),
                name: "Compétition".into()
            }]
        );
        assert_eq!(names(&rows[2]), ["Juniors"]);
        assert!(rows[3].groups.is_empty());
    }

    #[test]
    fn by_default_active_athletes_by_last_then_first_name() {
        let rows = roster();
        assert_eq!(ids(browse(&rows, &RosterQuery::default())), [1, 3, 2]);
        // Accents do not push "Éthier" after "Martin".
        assert_eq!(ids(browse(&rows, &query(RosterSort::Name, false))), [4, 1, 3, 2]);
        assert_eq!(ids(browse(&rows, &query(RosterSort::Name, true))), [2, 3, 1, 4]);
    }

    #[test]
    fn missing_values_come_last_in_either_direction() {
        let rows = roster();
        let sorted = |sort, desc| ids(browse(&rows, &query(sort, desc)));
        assert_eq!(sorted(RosterSort::Snatch, true), [2, 1, 3, 4]);
        assert_eq!(sorted(RosterSort::Snatch, false), [3, 1, 2, 4]);
        // Anne and Zoé have no total: by last name, whatever the direction.
        assert_eq!(sorted(RosterSort::Total, true), [2, 1, 4, 3]);
        assert_eq!(sorted(RosterSort::Total, false), [1, 2, 4, 3]);
        assert_eq!(sorted(RosterSort::Sinclair, true), [2, 1, 4, 3]);
        assert_eq!(sorted(RosterSort::Sinclair, false), [1, 2, 4, 3]);
        assert_eq!(sorted(RosterSort::CleanAndJerk, true), [2, 1, 4, 3]);
        assert_eq!(sorted(RosterSort::Age, false), [1, 2, 4, 3]);
        assert_eq!(sorted(RosterSort::Age, true), [4, 2, 1, 3]);
        assert_eq!(sorted(RosterSort::Bodyweight, true), [2, 4, 1, 3]);
        assert_eq!(sorted(RosterSort::Bodyweight, false), [1, 4, 2, 3]);
        assert_eq!(sorted(RosterSort::Class, false), [1, 4, 2, 3]);
        assert_eq!(sorted(RosterSort::Class, true), [2, 4, 1, 3]);
        assert_eq!(sorted(RosterSort::Level, false), [1, 2, 4, 3]);
        assert_eq!(sorted(RosterSort::Level, true), [2, 1, 4, 3]);
        // Ties by name: women first, then men.
        assert_eq!(sorted(RosterSort::Sex, false), [1, 3, 4, 2]);
        assert_eq!(sorted(RosterSort::Sex, true), [4, 2, 1, 3]);
    }

    #[test]
    fn search_ignores_case_and_accents_in_names_and_licence() {
        let rows = roster();
        let search = |q: &str| {
            ids(browse(
                &rows,
                &RosterQuery {
                    q: q.into(),
                    archived: true,
                    ..RosterQuery::default()
                },
            ))
        };
        assert_eq!(search("élodie"), [1]);
        assert_eq!(search("ELODIE dur"), [1]);
        assert_eq!(search("durand elo"), [1]);
        assert_eq!(search("ethier"), [3]);
        assert_eq!(search("fra-0042"), [2]);
        assert_eq!(search("0042"), [2]);
        assert_eq!(search("ar"), [4, 2]);
        assert_eq!(search("  "), [4, 1, 3, 2]);
        assert!(search("xyz").is_empty());
    }

    #[test]
    fn filters_combine() {
        let rows = roster();
        let found = |query: RosterQuery| ids(browse(&rows, &query));
        let women = RosterQuery {
            sex: Some(Sex::Women),
            ..RosterQuery::default()
        };
        assert_eq!(found(women.clone()), [1, 3]);
        assert_eq!(
            found(RosterQuery {
                group: Some(GroupId(2)),
                ..women.clone()
            }),
            [1]
        );
        assert_eq!(
            found(RosterQuery {
                group: Some(GroupId(1)),
                ..RosterQuery::default()
            }),
            [1, 3]
        );
        // An archived group is on no row.
        assert!(
            found(RosterQuery {
                group: Some(GroupId(3)),
                ..RosterQuery::default()
            })
            .is_empty()
        );
        assert_eq!(
            found(RosterQuery {
                level: Some(CompetitorLevel::National),
                ..RosterQuery::default()
            }),
            [2]
        );
        assert_eq!(
            found(RosterQuery {
                sex: Some(Sex::Men),
                ..RosterQuery::default()
            }),
            [2]
        );
        assert_eq!(
            found(RosterQuery {
                sex: Some(Sex::Men),
                archived: true,
                ..RosterQuery::default()
            }),
            [4, 2]
        );
    }

    #[test]
    fn the_query_survives_the_address() {
        assert_eq!(RosterQuery::default().to_query_string(), "");
        let query = RosterQuery {
            q: "Élodie d'".into(),
            sex: Some(Sex::Women),
            group: Some(GroupId(2)),
            level: Some(CompetitorLevel::International),
            archived: true,
            sort: RosterSort::CleanAndJerk,
            desc: true,
        };
        let address = query.to_query_string();
        assert_eq!(
            address,
            "q=%C3%89lodie+d%27&sex=women&group=2&level=international&archived=1&sort=clean_and_jerk&desc=1"
        );
        assert_eq!(RosterQuery::from_query_string(&address), query);
        assert_eq!(RosterQuery::from_query_string(&format!("?{address}")), query);
        let decoded = [
            ("q", "Élodie d'"),
            ("sex", "women"),
            ("group", "2"),
            ("level", "international"),
            ("archived", "1"),
            ("sort", "clean_and_jerk"),
            ("desc", "1"),
        ];
        assert_eq!(RosterQuery::from_pairs(decoded), query);
        for sort in [
            RosterSort::Name,
            RosterSort::Age,
            RosterSort::Sex,
            RosterSort::Class,
            RosterSort::Bodyweight,
            RosterSort::Snatch,
            RosterSort::CleanAndJerk,
            RosterSort::Total,
            RosterSort::Sinclair,
            RosterSort::Level,
        ] {
            assert_eq!(RosterSort::parse(sort.as_str()), sort);
            assert_eq!(
                serde_json::to_value(sort).unwrap(),
                serde_json::Value::from(sort.as_str())
            );
        }
        for level in [CompetitorLevel::Rookie, CompetitorLevel::Elite] {
            assert_eq!(
                serde_json::to_value(level).unwrap(),
                serde_json::Value::from(level.as_str())
            );
        }
        assert_eq!(
            serde_json::to_value(Sex::Men).unwrap(),
            serde_json::Value::from(Sex::Men.as_str())
        );
    }

    #[test]
    fn invalid_address_values_fall_back_to_defaults() {
        let bad = [
            ("sex", "other"),
            ("group", "abc"),
            ("level", "olympic"),
            ("archived", "maybe"),
            ("sort", "weight"),
            ("desc", "no"),
            ("page", "2"),
        ];
        assert_eq!(RosterQuery::from_pairs(bad), RosterQuery::default());
        assert_eq!(
            RosterQuery::from_query_string("q=%ZZ%&&=&group=%&sort=&%E2%82"),
            RosterQuery {
                q: "%ZZ%".into(),
                ..RosterQuery::default()
            }
        );
        assert_eq!(RosterQuery::from_query_string(""), RosterQuery::default());
    }

    #[test]
    fn a_column_header_toggles_its_direction() {
        let filtered = RosterQuery {
            q: "dur".into(),
            sex: Some(Sex::Women),
            ..RosterQuery::default()
        };
        let by_name = filtered.sorted_by(RosterSort::Name);
        assert_eq!((by_name.sort, by_name.desc), (RosterSort::Name, true));
        assert_eq!(by_name.q, "dur");
        assert_eq!(by_name.sex, Some(Sex::Women));
        assert_eq!(by_name.sorted_by(RosterSort::Name), filtered);
        // The strongest first on a first click, then the other way.
        let by_snatch = by_name.sorted_by(RosterSort::Snatch);
        assert_eq!((by_snatch.sort, by_snatch.desc), (RosterSort::Snatch, true));
        let flipped = by_snatch.sorted_by(RosterSort::Snatch);
        assert_eq!((flipped.sort, flipped.desc), (RosterSort::Snatch, false));
        for numeric in [
            RosterSort::CleanAndJerk,
            RosterSort::Total,
            RosterSort::Sinclair,
            RosterSort::Bodyweight,
        ] {
            assert!(filtered.sorted_by(numeric).desc, "{numeric:?}");
        }
        for other in [
            RosterSort::Age,
            RosterSort::Sex,
            RosterSort::Class,
            RosterSort::Level,
        ] {
            assert!(!by_snatch.sorted_by(other).desc, "{other:?}");
        }
    }
}
