//! Athletes and groups: who a coach trains, and the sets they are trained in.
//!
//! An athlete profile belongs to a club. It may be linked to a member of the club (the person
//! has an account and logs in) or exist on its own: a coach creates the profile first, and an
//! invitation links it to an account later. Groups are named sets of athletes ("Juniors"); an
//! athlete may be in several.

use crate::account::{Email, Validator};
use crate::competition::{Sex, Weighing};
use crate::error::{FieldError, FieldProblem};
use crate::ids::{AthleteId, GroupId, MemberId};
use crate::text::{line, optional_line, optional_text};
use crate::weight::Kg;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Names, licence and notes are bounded so a roster row and a start list stay readable.
pub const NAME_MAX: usize = 60;
pub const LICENCE_MAX: usize = 40;
pub const NOTES_MAX: usize = 2000;
pub const GROUP_NAME_MAX: usize = 60;

/// The earliest birth date accepted: a typo like 0199 is refused rather than stored.
const EARLIEST_BIRTH: (i32, u32, u32) = (1900, 1, 1);

/// An athlete's profile in a club.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Athlete {
    pub id: AthleteId,
    /// The club member this profile belongs to, once the person has an account.
    pub member: Option<MemberId>,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub licence: Option<String>,
    pub notes: Option<String>,
    /// Where an invitation for this athlete goes (and what links it to an account).
    pub email: Option<String>,
    pub archived: bool,
    pub version: i64,
}

impl Athlete {
    /// "First Last", as the roster shows it.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The athlete's age in whole years on `on`, when the birth date is known.
    pub fn age_on(&self, on: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|birth| age_on(birth, on))
    }
}

/// Age in whole years on `on` of someone born on `birth` (`None` before they were born).
/// Someone born on 29 February turns a year older on 1 March in common years.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// What a coach types in the athlete form, as received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AthleteInput {
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`, or empty when unknown.
    pub birth_date: String,
    /// `women` or `men`.
    pub sex: String,
    pub licence: String,
    pub notes: String,
    pub email: String,
}

/// A checked athlete form: what the store writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AthleteDraft {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub licence: Option<String>,
    pub notes: Option<String>,
    pub email: Option<Email>,
}

/// Reads a `YYYY-MM-DD` date that cannot be after `today`; empty is `None`.
pub fn past_date(field: &str, raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    // `YYYY-MM-DD` (chrono's `FromStr`: the same format without a format string to interpret).
    let date = raw
        .parse::<NaiveDate>()
        .map_err(|_| FieldError::new(field, FieldProblem::InvalidDate))?;
    let (y, m, d) = EARLIEST_BIRTH;
    if NaiveDate::from_ymd_opt(y, m, d).is_some_and(|earliest| date < earliest) {
        return Err(FieldError::new(field, FieldProblem::InvalidDate));
    }
    if date > today {
        return Err(FieldError::new(field, FieldProblem::FutureDate));
    }
    Ok(Some(date))
}

/// Reads a required `YYYY-MM-DD` date that cannot be after `today` (a weighing, a max).
pub fn required_past_date(field: &str, raw: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    past_date(field, raw, today)?.ok_or_else(|| FieldError::new(field, FieldProblem::Required))
}

/// Reads the sex category of a form (`women` or `men`).
pub fn parse_sex(field: &str, raw: &str) -> Result<Sex, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    Sex::parse(raw).ok_or_else(|| FieldError::new(field, FieldProblem::InvalidChoice))
}

impl AthleteDraft {
    /// Checks every field at once; `today` bounds the birth date.
    pub fn parse(input: &AthleteInput, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::default();
        let first_name = v.check(line("first_name", &input.first_name, NAME_MAX));
        let last_name = v.check(line("last_name", &input.last_name, NAME_MAX));
        let birth_date = v.check(past_date("birth_date", &input.birth_date, today));
        let sex = v.check(parse_sex("sex", &input.sex));
        let licence = v.check(optional_line("licence", &input.licence, LICENCE_MAX));
        let notes = v.check(optional_text("notes", &input.notes, NOTES_MAX));
        let email = v.check(if input.email.trim().is_empty() {
            Ok(None)
        } else {
            Email::parse("email", &input.email).map(Some)
        });
        match (first_name, last_name, birth_date, sex, licence, notes, email) {
            (
                Some(first_name),
                Some(last_name),
                Some(birth_date),
                Some(sex),
                Some(licence),
                Some(notes),
                Some(email),
            ) => Ok(Self {
                first_name,
                last_name,
                birth_date,
                sex,
                licence,
                notes,
                email,
            }),
            _ => Err(v.finish().err().unwrap_or_default()),
        }
    }
}

/// A bodyweight must be a plausible human weight: from 20 to 300 kg.
pub fn parse_bodyweight(field: &str, raw: &str) -> Result<Kg, FieldError> {
    let weight = Kg::parse(field, raw)?;
    if weight < Kg::whole(20) || weight > Kg::whole(300) {
        return Err(FieldError::new(field, FieldProblem::InvalidNumber));
    }
    Ok(weight)
}

/// The weighing form's fields, as posted. They are not named `date` and `weight`: the max
/// form, on the same page, has those.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WeighingInput {
    pub weighed_on: String,
    pub bodyweight: String,
}

impl WeighingInput {
    /// Checks both fields at once: a date not after `today`, a plausible bodyweight.
    pub fn parse(&self, today: NaiveDate) -> Result<Weighing, Vec<FieldError>> {
        let date = required_past_date("weighed_on", &self.weighed_on, today);
        let weight = parse_bodyweight("bodyweight", &self.bodyweight);
        match (date, weight) {
            (Ok(date), Ok(weight)) => Ok(Weighing { date, weight }),
            (date, weight) => Err([date.err(), weight.err()].into_iter().flatten().collect()),
        }
    }
}

/// An athlete put in a group (`member`) or taken out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupChange {
    pub group: GroupId,
    pub athlete: AthleteId,
    pub member: bool,
}

/// A named set of a club's athletes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    pub archived: bool,
    pub version: i64,
    /// The athletes in the group.
    pub athletes: Vec<AthleteId>,
}

/// A group's name: required, one line, bounded.
pub fn parse_group_name(field: &str, raw: &str) -> Result<String, FieldError> {
    line(field, raw, GROUP_NAME_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::assert_refused;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input() -> AthleteInput {
        AthleteInput {
            first_name: "  Léa ".into(),
            last_name: "Martin".into(),
            birth_date: "2008-03-14".into(),
            sex: "women".into(),
            licence: "".into(),
            notes: "Genou gauche à surveiller.\nPas de sauts.".into(),
            email: "Lea@Club.fr".into(),
        }
    }

    #[test]
    fn a_complete_form_is_read_and_normalised() {
        let draft = AthleteDraft::parse(&input(), day(2026, 11, 21)).unwrap();
        assert_eq!(draft.first_name, "Léa");
        assert_eq!(draft.birth_date, Some(day(2008, 3, 14)));
        assert_eq!(draft.sex, Sex::Women);
        assert_eq!(draft.licence, None);
        assert_eq!(
            draft.notes.as_deref(),
            Some("Genou gauche à surveiller.\nPas de sauts.")
        );
        assert_eq!(
            draft.email.map(|e| e.as_str().to_owned()),
            Some("lea@club.fr".into())
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_next_to_its_field() {
        let bad = AthleteInput {
            first_name: " ".into(),
            last_name: "x".repeat(NAME_MAX + 1),
            birth_date: "2030-01-01".into(),
            sex: "other".into(),
            email: "not-an-email".into(),
            ..AthleteInput::default()
        };
        let errors = AthleteDraft::parse(&bad, day(2026, 11, 21)).unwrap_err();
        let fields: Vec<(&str, &FieldProblem)> =
            errors.iter().map(|e| (e.field.as_str(), &e.problem)).collect();
        assert_eq!(
            fields,
            [
                ("first_name", &FieldProblem::Required),
                ("last_name", &FieldProblem::TooLong { max: NAME_MAX }),
                ("birth_date", &FieldProblem::FutureDate),
                ("sex", &FieldProblem::InvalidChoice),
                ("email", &FieldProblem::InvalidEmail),
            ]
        );
    }

    #[test]
    fn birth_dates_must_be_real_and_plausible() {
        let today = day(2026, 11, 21);
        assert_eq!(past_date("d", "", today), Ok(None));
        assert_eq!(past_date("d", "2026-11-21", today), Ok(Some(today)));
        assert_refused(
            |field, raw| past_date(field, raw, today),
            "d",
            &["2026-02-30", "14/03/2008", "0199-01-01"].map(|bad| (bad, FieldProblem::InvalidDate)),
        );
        assert_refused(
            |field, raw| required_past_date(field, raw, today),
            "d",
            &[(" ", FieldProblem::Required)],
        );
    }

    #[test]
    fn age_counts_whole_years_and_birthdays() {
        let birth = day(2008, 3, 14);
        assert_eq!(age_on(birth, day(2026, 3, 13)), Some(17));
        assert_eq!(age_on(birth, day(2026, 3, 14)), Some(18));
        assert_eq!(age_on(birth, day(2007, 1, 1)), None);
        let leap = day(2008, 2, 29);
        assert_eq!(age_on(leap, day(2026, 2, 28)), Some(17));
        assert_eq!(age_on(leap, day(2026, 3, 1)), Some(18));
    }

    #[test]
    fn bodyweights_are_plausible_kilograms() {
        assert_eq!(parse_bodyweight("w", "88,4"), Ok(Kg::from_grams(88_400)));
        assert_refused(
            parse_bodyweight,
            "w",
            &[
                ("8.8", FieldProblem::InvalidNumber),
                ("abc", FieldProblem::InvalidNumber),
                ("", FieldProblem::Required),
            ],
        );
    }

    #[test]
    fn group_names_are_required_and_bounded() {
        assert_eq!(
            parse_group_name("name", "  Juniors   U17 "),
            Ok("Juniors U17".into())
        );
        assert_refused(
            parse_group_name,
            "name",
            &[
                ("", FieldProblem::Required),
                (
                    &"g".repeat(GROUP_NAME_MAX + 1),
                    FieldProblem::TooLong { max: GROUP_NAME_MAX },
                ),
            ],
        );
    }

    #[test]
    fn a_weighing_is_a_past_date_and_a_plausible_bodyweight() {
        let today = day(2026, 10, 12);
        let weighing = |date: &str, weight: &str| {
            WeighingInput {
                weighed_on: date.into(),
                bodyweight: weight.into(),
            }
            .parse(today)
        };
        assert_eq!(
            weighing("2026-10-12", "63.4"),
            Ok(Weighing {
                date: today,
                weight: Kg::from_grams(63_400),
            })
        );
        assert_eq!(
            weighing("2026-10-13", "63"),
            Err(vec![FieldError::new("weighed_on", FieldProblem::FutureDate)])
        );
        assert_eq!(
            weighing("", "630"),
            Err(vec![
                FieldError::new("weighed_on", FieldProblem::Required),
                FieldError::new("bodyweight", FieldProblem::InvalidNumber),
            ]),
            "both problems at once"
        );
    }

    #[test]
    fn a_past_date_is_read_from_what_a_date_field_sends_and_nothing_else() {
        let today = day(2026, 11, 21);
        let read = |field: &str, raw: &str| past_date(field, raw, today);
        assert_eq!(read("d", " 2008-03-14 "), Ok(Some(day(2008, 3, 14))));
        assert_eq!(read("d", ""), Ok(None));
        assert_eq!(read("d", "2026-11-21"), Ok(Some(today)));
        let bad = ["14/03/2008", "2008-02-30", "2008-3-14x", "yesterday", "2008-03"];
        assert_refused(read, "d", &bad.map(|raw| (raw, FieldProblem::InvalidDate)));
        assert_refused(
            read,
            "d",
            &[
                ("2026-11-22", FieldProblem::FutureDate),
                ("1899-12-31", FieldProblem::InvalidDate),
            ],
        );
    }
}
