//! The settings form as typed, read into settings or into the problems next to their inputs.
//! Pure: tested without a browser.

use crate::components::field_text;
use crate::i18n::*;
use domain::load::{PlateInventory, PlateStock, RoundingMode};
use domain::ratios::{Factor, Ratio, RatioTable};
use domain::settings::{
    ComplexCounting, DEFAULT_LIFT_COUNT_THRESHOLD, FALLBACK_STEP, LIFT_COUNT_THRESHOLD_RANGE, SettingsError,
    SettingsProblem, TrainingSettings,
};
use domain::weight::Kg;
use domain::{ExerciseId, FieldError, FieldProblem};

// ----- Reading the form -----

/// The form as typed: every number is still text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Draft {
    pub(super) bar_women: String,
    pub(super) bar_men: String,
    pub(super) collar: String,
    /// (weight, count) per row.
    pub(super) plates: Vec<(String, String)>,
    pub(super) step: String,
    pub(super) rounding: RoundingMode,
    /// (exercise id, factor, base id) per row; an id is "" until chosen.
    pub(super) ratios: Vec<(String, String, String)>,
    pub(super) threshold: String,
    pub(super) counting: ComplexCounting,
    pub(super) athletes_record_maxes: bool,
}

/// What is wrong with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Issue {
    /// Not readable (empty, not a number).
    Field(FieldProblem),
    /// A count or a percentage that is not a whole number.
    WholeNumber,
    /// A factor that is not a decimal with at most four decimals.
    Factor,
    /// Refused by the club's rules (checked by the server).
    Settings(SettingsProblem),
}

/// A problem and the field it concerns, named as [`SettingsError`] names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub(super) field: String,
    pub(super) issue: Issue,
}

impl From<FieldError> for Problem {
    fn from(e: FieldError) -> Self {
        Problem {
            field: e.field,
            issue: Issue::Field(e.problem),
        }
    }
}

impl From<SettingsError> for Problem {
    fn from(e: SettingsError) -> Self {
        Problem {
            field: e.field,
            issue: Issue::Settings(e.problem),
        }
    }
}

pub(super) fn problem(field: &str, issue: Issue) -> Problem {
    Problem {
        field: field.to_owned(),
        issue,
    }
}

pub(super) fn parse_count(field: &str, raw: &str) -> Result<u32, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(problem(field, Issue::Field(FieldProblem::Required)));
    }
    text.parse().map_err(|_| problem(field, Issue::WholeNumber))
}

pub(super) fn parse_threshold(field: &str, raw: &str) -> Result<u8, Problem> {
    let text = raw.trim();
    let text = text.strip_suffix('%').unwrap_or(text).trim_end();
    if text.is_empty() {
        return Err(problem(field, Issue::Field(FieldProblem::Required)));
    }
    let value: i64 = text.parse().map_err(|_| problem(field, Issue::WholeNumber))?;
    u8::try_from(value)
        .ok()
        .filter(|v| LIFT_COUNT_THRESHOLD_RANGE.contains(v))
        .ok_or_else(|| {
            problem(
                field,
                Issue::Settings(SettingsProblem::OutOfRange {
                    min: i64::from(*LIFT_COUNT_THRESHOLD_RANGE.start()),
                    max: i64::from(*LIFT_COUNT_THRESHOLD_RANGE.end()),
                }),
            )
        })
}

pub(super) fn parse_factor(field: &str, raw: &str) -> Result<Factor, Problem> {
    if raw.trim().is_empty() {
        return Err(problem(field, Issue::Field(FieldProblem::Required)));
    }
    raw.parse().map_err(|()| problem(field, Issue::Factor))
}

pub(super) fn parse_exercise(field: &str, raw: &str) -> Result<ExerciseId, Problem> {
    raw.trim()
        .parse()
        .map(ExerciseId)
        .map_err(|_| problem(field, Issue::Field(FieldProblem::Required)))
}

/// The value, or `fallback` with the problem noted (the settings are only used when no
/// problem was noted).
pub(super) fn take<T>(problems: &mut Vec<Problem>, result: Result<T, Problem>, fallback: T) -> T {
    result.unwrap_or_else(|p| {
        problems.push(p);
        fallback
    })
}

/// The settings the form describes, or every value that cannot be read. The club's rules
/// (even counts, factors up to 3…) are left to the server.
pub(super) fn build(d: &Draft) -> Result<TrainingSettings<ExerciseId>, Vec<Problem>> {
    let mut problems = Vec::new();
    let p = &mut problems;
    let weight = |p: &mut Vec<Problem>, field: &str, raw: &str| {
        take(p, Kg::parse(field, raw).map_err(Problem::from), Kg::ZERO)
    };
    let bar_women = weight(p, "bar_women", &d.bar_women);
    let bar_men = weight(p, "bar_men", &d.bar_men);
    let collar = weight(p, "collar", &d.collar);
    let plates = d
        .plates
        .iter()
        .enumerate()
        .map(|(i, (w, c))| {
            let w = weight(p, &format!("plates[{i}].weight"), w);
            let c = take(p, parse_count(&format!("plates[{i}].count"), c), 0);
            PlateStock::new(w, c)
        })
        .collect();
    let step = (!d.step.trim().is_empty()).then(|| weight(p, "step", &d.step));
    let ratios = d
        .ratios
        .iter()
        .enumerate()
        .map(|(i, (exercise, factor, base))| Ratio {
            exercise: take(
                p,
                parse_exercise(&format!("ratios[{i}].exercise"), exercise),
                ExerciseId(0),
            ),
            factor: take(
                p,
                parse_factor(&format!("ratios[{i}].factor"), factor),
                Factor::from_ten_thousandths(0),
            ),
            base: take(
                p,
                parse_exercise(&format!("ratios[{i}].base"), base),
                ExerciseId(0),
            ),
        })
        .collect();
    let threshold = take(
        p,
        parse_threshold("lift_count_threshold", &d.threshold),
        DEFAULT_LIFT_COUNT_THRESHOLD,
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(TrainingSettings {
        inventory: PlateInventory {
            bar_men,
            bar_women,
            collar,
            plates,
        },
        step,
        rounding: d.rounding,
        ratios: RatioTable { ratios },
        lift_count_threshold: threshold,
        complex_counting: d.counting,
        athletes_record_maxes: d.athletes_record_maxes,
    })
}

/// The plates of the rows that can be read, for the live example and the step hint.
pub(super) fn readable_plates(d: &Draft) -> Vec<PlateStock> {
    d.plates
        .iter()
        .filter_map(|(w, c)| Some(PlateStock::new(w.parse().ok()?, c.trim().parse().ok()?)))
        .collect()
}

/// The settings for the live example: only the bars, the collar, the readable plates and the
/// rounding matter. `None` while a bar, the collar or the step cannot be read.
pub(super) fn preview(d: &Draft) -> Option<TrainingSettings<()>> {
    let read = |raw: &str| raw.parse::<Kg>().ok();
    let step = if d.step.trim().is_empty() {
        None
    } else {
        Some(read(&d.step)?)
    };
    Some(TrainingSettings {
        inventory: PlateInventory {
            bar_men: read(&d.bar_men)?,
            bar_women: read(&d.bar_women)?,
            collar: read(&d.collar)?,
            plates: readable_plates(d),
        },
        step,
        rounding: d.rounding,
        ratios: RatioTable { ratios: Vec::new() },
        lift_count_threshold: DEFAULT_LIFT_COUNT_THRESHOLD,
        complex_counting: d.counting,
        athletes_record_maxes: false,
    })
}

/// The step the plates give (what an empty step field means).
pub(super) fn step_from_plates(d: &Draft) -> Kg {
    PlateInventory {
        plates: readable_plates(d),
        ..PlateInventory::default()
    }
    .natural_step()
    .unwrap_or(FALLBACK_STEP)
}

pub(super) fn problem_text(locale: Locale, p: &Problem) -> String {
    match &p.issue {
        Issue::Field(problem) => field_text(
            locale,
            &FieldError {
                field: p.field.clone(),
                problem: problem.clone(),
            },
        ),
        Issue::WholeNumber => td_string!(locale, settings.whole_number).to_string(),
        Issue::Factor => td_string!(locale, settings.invalid_factor).to_string(),
        Issue::Settings(problem) => match problem {
            SettingsProblem::NotPositive => td_string!(locale, settings.not_positive).to_string(),
            SettingsProblem::OddCount => td_string!(locale, settings.odd_count).to_string(),
            SettingsProblem::Duplicate if p.field.starts_with("ratios") => {
                td_string!(locale, settings.duplicate_ratio).to_string()
            }
            SettingsProblem::Duplicate => td_string!(locale, settings.duplicate_plate).to_string(),
            SettingsProblem::OutOfRange { min, max } => {
                td_string!(locale, settings.out_of_range, min = *min, max = *max).to_string()
            }
            SettingsProblem::FactorOutOfRange => td_string!(locale, settings.factor_out_of_range).to_string(),
            SettingsProblem::SelfRatio => td_string!(locale, settings.self_ratio).to_string(),
            SettingsProblem::RatioCycle => td_string!(locale, settings.ratio_cycle).to_string(),
            SettingsProblem::ChainTooLong { max } => {
                td_string!(locale, settings.chain_too_long, max = *max).to_string()
            }
            SettingsProblem::TooManyPlates { max } => {
                td_string!(locale, settings.too_many_plates, max = *max).to_string()
            }
        },
    }
}

/// The element id of a field's input: `plates[2].count` → `settings-plates-2-count`.
pub(super) fn dom_id(field: &str) -> String {
    let mut id = String::from("settings-");
    for c in field.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::competition::Sex;
    use domain::load::Percent;

    fn draft() -> Draft {
        Draft {
            bar_women: "15".into(),
            bar_men: "20".into(),
            collar: "2,5".into(),
            plates: vec![("25".into(), "8".into()), ("0.5".into(), "2".into())],
            step: String::new(),
            rounding: RoundingMode::Nearest,
            ratios: vec![("7".into(), "0,9".into(), "3".into())],
            threshold: "50".into(),
            counting: ComplexCounting::MainLiftOnly,
            athletes_record_maxes: true,
        }
    }

    #[test]
    fn a_form_as_typed_becomes_settings() {
        let settings = build(&draft()).unwrap();
        assert_eq!(settings.inventory.collar, Kg::from_grams(2_500));
        assert_eq!(
            settings.inventory.plates[1],
            PlateStock::new(Kg::from_grams(500), 2)
        );
        assert_eq!(settings.step, None);
        assert_eq!(settings.ratios.ratios[0].exercise, ExerciseId(7));
        assert_eq!(
            settings.ratios.ratios[0].factor,
            Factor::from_ten_thousandths(9_000)
        );
        assert_eq!(settings.ratios.ratios[0].base, ExerciseId(3));
        assert_eq!(settings.lift_count_threshold, 50);
        assert_eq!(settings.complex_counting, ComplexCounting::MainLiftOnly);
        assert!(settings.athletes_record_maxes);
        let stepped = build(&Draft {
            step: " 2,5 ".into(),
            threshold: "70 %".into(),
            ..draft()
        })
        .unwrap();
        assert_eq!(stepped.step, Some(Kg::from_grams(2_500)));
        assert_eq!(stepped.lift_count_threshold, 70);
    }

    #[test]
    fn every_unreadable_value_is_reported_against_its_field() {
        let bad = Draft {
            bar_men: "vingt".into(),
            collar: String::new(),
            plates: vec![("25".into(), "8".into()), ("1".into(), "2.5".into())],
            step: "-1".into(),
            ratios: vec![(String::new(), "0.12345".into(), "3".into())],
            threshold: "150".into(),
            ..draft()
        };
        let problems = build(&bad).unwrap_err();
        let fields: Vec<(&str, &Issue)> = problems.iter().map(|p| (p.field.as_str(), &p.issue)).collect();
        assert_eq!(
            fields,
            vec![
                ("bar_men", &Issue::Field(FieldProblem::InvalidNumber)),
                ("collar", &Issue::Field(FieldProblem::Required)),
                ("plates[1].count", &Issue::WholeNumber),
                ("step", &Issue::Field(FieldProblem::InvalidNumber)),
                ("ratios[0].exercise", &Issue::Field(FieldProblem::Required)),
                ("ratios[0].factor", &Issue::Factor),
                (
                    "lift_count_threshold",
                    &Issue::Settings(SettingsProblem::OutOfRange { min: 1, max: 100 })
                ),
            ]
        );
    }

    #[test]
    fn the_rules_are_left_to_the_server() {
        // An odd count and a factor above 3 are readable: the server refuses them.
        let settings = build(&Draft {
            plates: vec![("25".into(), "7".into())],
            ratios: vec![("7".into(), "4".into(), "7".into())],
            ..draft()
        })
        .unwrap();
        assert!(settings.validate().is_err());
    }

    #[test]
    fn the_preview_plans_with_the_plates_being_typed() {
        let mut d = Draft {
            plates: PlateInventory::default()
                .plates
                .iter()
                .map(|p| (p.weight.to_string(), p.count.to_string()))
                .collect(),
            ..draft()
        };
        let plan = |d: &Draft, sex| preview(d).map(|s| s.plan_load(Kg::whole(102), Percent::whole(80), sex));
        // 80 % of 102 = 81.6 → 82 with the 1 kg step of the default plates.
        assert_eq!(step_from_plates(&d), Kg::whole(1));
        assert_eq!(plan(&d, Sex::Men).map(|p| p.load), Some(Kg::whole(82)));
        // A pair of 0.25 kg plates makes a 0.5 kg step: 81.5.
        d.plates.push(("0,25".into(), "2".into()));
        assert_eq!(step_from_plates(&d), Kg::from_grams(500));
        let men = plan(&d, Sex::Men).unwrap();
        assert_eq!(men.load, Kg::from_grams(81_500));
        assert!(men.is_buildable());
        // A half-typed row is left out; a bad step shows no example.
        d.plates.push(("0,".into(), String::new()));
        assert_eq!(step_from_plates(&d), Kg::from_grams(500));
        d.step = "abc".into();
        assert_eq!(plan(&d, Sex::Men), None);
        d.step = "5".into();
        assert_eq!(plan(&d, Sex::Women).map(|p| p.load), Some(Kg::whole(80)));
    }

    #[test]
    fn field_names_become_element_ids() {
        assert_eq!(dom_id("plates[2].count"), "settings-plates-2-count");
        assert_eq!(dom_id("ratios[10].base"), "settings-ratios-10-base");
        assert_eq!(dom_id("bar_men"), "settings-bar_men");
    }

    #[test]
    fn every_settings_problem_has_its_own_words() {
        let text = |field: &str, problem| {
            problem_text(
                Locale::en,
                &Problem {
                    field: field.to_owned(),
                    issue: Issue::Settings(problem),
                },
            )
        };
        assert_eq!(
            text("plates[1].count", SettingsProblem::OddCount),
            "Plates are loaded in pairs: enter an even number."
        );
        assert_ne!(
            text("plates[1].weight", SettingsProblem::Duplicate),
            text("ratios[1].exercise", SettingsProblem::Duplicate)
        );
        assert!(text("ratios[0].base", SettingsProblem::ChainTooLong { max: 4 }).contains('4'));
        assert!(
            text(
                "lift_count_threshold",
                SettingsProblem::OutOfRange { min: 1, max: 100 }
            )
            .contains("100")
        );
    }
}
