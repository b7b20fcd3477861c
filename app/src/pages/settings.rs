//! The club's training settings (`/club/training`): plates, rounding, fallback ratios and how
//! lifts are counted. Admins edit them; coaches read them; athletes are refused.
//!
//! The editor is one island. It keeps every input as typed and reads it only when saving: a
//! value that is not a number is reported next to its input without asking the server; the
//! server checks the rules ([`TrainingSettings::validate`]) and its problems are shown next to
//! their fields too. A live example plans "80 % of 102 kg" with the settings being edited, so
//! the admin sees what the plates and the rounding give before saving.

use super::athletes::kg;
use super::catalogue::failure;
use crate::api::athletes::{SettingsPage, load_training_settings, save_training_settings};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Choice;
use crate::ui::{error_text, field_text, reload_to, use_toaster};
use domain::competition::Sex;
use domain::load::{
    LoadFlag, Percent, PlannedLoad, PlateColour, PlateInventory, PlateStock, RoundingMode, is_change_plate,
};
use domain::ratios::{Factor, Ratio, RatioTable};
use domain::settings::{
    ComplexCounting, DEFAULT_LIFT_COUNT_THRESHOLD, FALLBACK_STEP, LIFT_COUNT_THRESHOLD_RANGE, SettingsError,
    SettingsProblem, TrainingSettings,
};
use domain::weight::Kg;
use domain::{ExerciseId, FieldError, FieldProblem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where the page lives.
pub const SETTINGS_HREF: &str = "/club/training";

/// The example the page plans live: this percentage of this max.
const EXAMPLE_PERCENT: i64 = 80;
const EXAMPLE_MAX: i64 = 102;

/// A neutral note above the form (default settings, read-only).
const NOTE: &str = "max-w-3xl rounded-md border border-line bg-surface-3/50 px-3 py-2 text-sm";

// ----- The club's sections -----

/// The club's pages an admin switches between.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ClubTab {
    Members,
    Training,
}

/// Tabs between the club's members and its training settings (admins only: coaches cannot
/// open the members page).
#[component]
pub fn ClubTabs(active: ClubTab) -> impl IntoView {
    let tab = move |tab: ClubTab, href: &'static str, label: String| {
        view! {
            <a href=href class="nav-link" aria-current=(tab == active).then_some("page")>
                {label}
            </a>
        }
    };
    view! {
        <nav aria-label=tr!(settings.sections) class="flex gap-1 overflow-x-auto border-b border-line" data-testid="club-tabs">
            {tab(ClubTab::Members, "/club", tr!(settings.tab_members))}
            {tab(ClubTab::Training, SETTINGS_HREF, tr!(settings.tab_training))}
        </nav>
    }
}

// ----- The page -----

#[component]
pub fn TrainingSettingsPage() -> impl IntoView {
    let locale = crate::lang::current();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let page = Suspend::new(async move {
        match load_training_settings().await {
            Ok(page) => {
                let can_edit = page.can_edit;
                let defaults = page.version.is_none();
                view! {
                    {can_edit.then(|| view! { <ClubTabs active=ClubTab::Training/> })}
                    <p class="max-w-3xl text-muted">{tr!(settings.intro)}</p>
                    {(saved && can_edit).then(|| view! {
                        <p
                            role="status"
                            data-testid="settings-saved"
                            class="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
                        >
                            {tr!(settings.saved)}
                        </p>
                    })}
                    {defaults.then(|| view! { <p class=NOTE data-testid="settings-defaults">{tr!(settings.defaults_note)}</p> })}
                    {(!can_edit).then(|| view! { <p class=NOTE data-testid="settings-read-only">{tr!(settings.read_only)}</p> })}
                    <SettingsEditor page/>
                }
                .into_any()
            }
            Err(e) => failure(locale, e),
        }
    });
    view! {
        <Title text=tr!(settings.title)/>
        <section class="flex flex-col gap-6">
            <h1 class="text-3xl font-bold">{tr!(settings.title)}</h1>
            <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>{page}</Suspense>
        </section>
    }
}

// ----- Reading the form -----

/// The form as typed: every number is still text.
#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    bar_women: String,
    bar_men: String,
    collar: String,
    /// (weight, count) per row.
    plates: Vec<(String, String)>,
    step: String,
    rounding: RoundingMode,
    /// (exercise id, factor, base id) per row; an id is "" until chosen.
    ratios: Vec<(String, String, String)>,
    threshold: String,
    counting: ComplexCounting,
    athletes_record_maxes: bool,
}

/// What is wrong with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Issue {
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
struct Problem {
    field: String,
    issue: Issue,
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

fn problem(field: &str, issue: Issue) -> Problem {
    Problem {
        field: field.to_owned(),
        issue,
    }
}

fn parse_count(field: &str, raw: &str) -> Result<u32, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(problem(field, Issue::Field(FieldProblem::Required)));
    }
    text.parse().map_err(|_| problem(field, Issue::WholeNumber))
}

fn parse_threshold(field: &str, raw: &str) -> Result<u8, Problem> {
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

fn parse_factor(field: &str, raw: &str) -> Result<Factor, Problem> {
    if raw.trim().is_empty() {
        return Err(problem(field, Issue::Field(FieldProblem::Required)));
    }
    raw.parse().map_err(|()| problem(field, Issue::Factor))
}

fn parse_exercise(field: &str, raw: &str) -> Result<ExerciseId, Problem> {
    raw.trim()
        .parse()
        .map(ExerciseId)
        .map_err(|_| problem(field, Issue::Field(FieldProblem::Required)))
}

/// The value, or `fallback` with the problem noted (the settings are only used when no
/// problem was noted).
fn take<T>(problems: &mut Vec<Problem>, result: Result<T, Problem>, fallback: T) -> T {
    result.unwrap_or_else(|p| {
        problems.push(p);
        fallback
    })
}

/// The settings the form describes, or every value that cannot be read. The club's rules
/// (even counts, factors up to 3…) are left to the server.
fn build(d: &Draft) -> Result<TrainingSettings<ExerciseId>, Vec<Problem>> {
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
fn readable_plates(d: &Draft) -> Vec<PlateStock> {
    d.plates
        .iter()
        .filter_map(|(w, c)| Some(PlateStock::new(w.parse().ok()?, c.trim().parse().ok()?)))
        .collect()
}

/// The settings for the live example: only the bars, the collar, the readable plates and the
/// rounding matter. `None` while a bar, the collar or the step cannot be read.
fn preview(d: &Draft) -> Option<TrainingSettings<()>> {
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
fn step_from_plates(d: &Draft) -> Kg {
    PlateInventory {
        plates: readable_plates(d),
        ..PlateInventory::default()
    }
    .natural_step()
    .unwrap_or(FALLBACK_STEP)
}

// ----- Wording -----

/// A decimal as the page's language writes it ("0,85" in French).
fn decimal(locale: Locale, text: String) -> String {
    match locale {
        Locale::fr => text.replace('.', ","),
        Locale::en => text,
    }
}

fn problem_text(locale: Locale, p: &Problem) -> String {
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

fn colour_name(locale: Locale, colour: PlateColour) -> String {
    match colour {
        PlateColour::Red => td_string!(locale, settings.colour_red),
        PlateColour::Blue => td_string!(locale, settings.colour_blue),
        PlateColour::Yellow => td_string!(locale, settings.colour_yellow),
        PlateColour::Green => td_string!(locale, settings.colour_green),
        PlateColour::White => td_string!(locale, settings.colour_white),
        PlateColour::Unmarked => td_string!(locale, settings.colour_unmarked),
    }
    .to_string()
}

fn colour_class(colour: PlateColour) -> &'static str {
    match colour {
        PlateColour::Red => "bg-red-600",
        PlateColour::Blue => "bg-blue-600",
        PlateColour::Yellow => "bg-yellow-400",
        PlateColour::Green => "bg-green-600",
        PlateColour::White => "bg-white",
        PlateColour::Unmarked => "bg-zinc-400 dark:bg-zinc-500",
    }
}

/// The element id of a field's input: `plates[2].count` → `settings-plates-2-count`.
fn dom_id(field: &str) -> String {
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

/// Moves the focus to the element with `id`, once the page has drawn it.
fn focus_later(id: String) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

// ----- The editor -----

#[derive(Clone, Copy)]
struct PlateRow {
    weight: RwSignal<String>,
    count: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct RatioRow {
    exercise: RwSignal<String>,
    factor: RwSignal<String>,
    base: RwSignal<String>,
}

/// The inputs of the editor, one signal each.
#[derive(Clone, Copy)]
struct Form {
    bar_women: RwSignal<String>,
    bar_men: RwSignal<String>,
    collar: RwSignal<String>,
    plates: RwSignal<Vec<PlateRow>>,
    step: RwSignal<String>,
    rounding: RwSignal<RoundingMode>,
    ratios: RwSignal<Vec<RatioRow>>,
    threshold: RwSignal<String>,
    counting: RwSignal<ComplexCounting>,
    athletes_record_maxes: RwSignal<bool>,
}

impl Form {
    fn new(locale: Locale, s: &TrainingSettings<ExerciseId>) -> Self {
        let weight = |w: Kg| RwSignal::new(kg(locale, w));
        Form {
            bar_women: weight(s.inventory.bar_women),
            bar_men: weight(s.inventory.bar_men),
            collar: weight(s.inventory.collar),
            plates: RwSignal::new(
                s.inventory
                    .plates
                    .iter()
                    .map(|p| PlateRow {
                        weight: weight(p.weight),
                        count: RwSignal::new(p.count.to_string()),
                    })
                    .collect(),
            ),
            step: RwSignal::new(s.step.map(|w| kg(locale, w)).unwrap_or_default()),
            rounding: RwSignal::new(s.rounding),
            ratios: RwSignal::new(
                s.ratios
                    .ratios
                    .iter()
                    .map(|r| RatioRow {
                        exercise: RwSignal::new(r.exercise.0.to_string()),
                        factor: RwSignal::new(decimal(locale, r.factor.to_string())),
                        base: RwSignal::new(r.base.0.to_string()),
                    })
                    .collect(),
            ),
            threshold: RwSignal::new(s.lift_count_threshold.to_string()),
            counting: RwSignal::new(s.complex_counting),
            athletes_record_maxes: RwSignal::new(s.athletes_record_maxes),
        }
    }

    /// The form as typed (tracked: a derived value follows every input).
    fn draft(&self) -> Draft {
        Draft {
            bar_women: self.bar_women.get(),
            bar_men: self.bar_men.get(),
            collar: self.collar.get(),
            plates: self
                .plates
                .with(|rows| rows.iter().map(|r| (r.weight.get(), r.count.get())).collect()),
            step: self.step.get(),
            rounding: self.rounding.get(),
            ratios: self.ratios.with(|rows| {
                rows.iter()
                    .map(|r| (r.exercise.get(), r.factor.get(), r.base.get()))
                    .collect()
            }),
            threshold: self.threshold.get(),
            counting: self.counting.get(),
            athletes_record_maxes: self.athletes_record_maxes.get(),
        }
    }
}

/// What went wrong when saving, besides the fields.
#[derive(Clone, PartialEq)]
enum Alert {
    /// Someone saved in the meantime.
    Conflict,
    /// Anything else, already in words.
    Other(String),
}

/// The settings form: editable for admins, the same inputs disabled for coaches.
#[island(lazy)]
fn SettingsEditor(page: SettingsPage) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let readonly = !page.can_edit;
    let version = page.version;
    let form = Form::new(locale, &page.settings);
    let exercises = StoredValue::new(page.exercises);
    // New rows' signals belong to the editor, not to the list that draws them (which is
    // redrawn when a row is added or removed).
    let owner = Owner::current().unwrap_or_default();
    let problems = RwSignal::new(Vec::<Problem>::new());
    let alert = RwSignal::new(None::<Alert>);
    let announcement = RwSignal::new(String::new());
    // False on the server and until the browser has wired the form: saving needs the WASM.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    // Saved: the page is reloading with the new version; no second save with the old one.
    let done = RwSignal::new(false);

    let message = move |field: String| {
        Signal::derive(move || {
            problems.with(|list| {
                list.iter()
                    .find(|p| p.field == field)
                    .map(|p| problem_text(locale, p))
            })
        })
    };
    let show_problems = move |list: Vec<Problem>| {
        if let Some(first) = list.first() {
            focus_later(dom_id(&first.field));
        }
        problems.set(list);
    };

    let action = Action::new(
        move |(settings, version): &(TrainingSettings<ExerciseId>, Option<i64>)| {
            save_training_settings(settings.clone(), *version)
        },
    );
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            done.set(true);
            toaster.success(td_string!(locale, settings.saved).to_string());
            reload_to(&format!("{SETTINGS_HREF}?saved=1"));
        }
        Some(Err(AppError::InvalidSettings(list))) => {
            show_problems(list.into_iter().map(Problem::from).collect());
        }
        Some(Err(AppError::Conflict)) => alert.set(Some(Alert::Conflict)),
        Some(Err(e)) => alert.set(Some(Alert::Other(error_text(locale, &e)))),
        None => {}
    });
    let save = move || {
        if readonly {
            return;
        }
        alert.set(None);
        match build(&untrack(|| form.draft())) {
            Ok(settings) => {
                problems.set(Vec::new());
                action.dispatch((settings, version));
            }
            Err(list) => show_problems(list),
        }
    };

    // ----- Plates -----
    let plate_owner = owner.clone();
    let add_plate = move |_| {
        let row = plate_owner.with(|| PlateRow {
            weight: RwSignal::new(String::new()),
            count: RwSignal::new("2".to_owned()),
        });
        let index = form.plates.with_untracked(Vec::len);
        form.plates.update(|rows| rows.push(row));
        problems.set(Vec::new());
        announcement.set(td_string!(locale, settings.row_added).to_string());
        focus_later(dom_id(&format!("plates[{index}].weight")));
    };
    let remove_plate = move |index: usize| {
        form.plates.update(|rows| {
            if index < rows.len() {
                rows.remove(index);
            }
        });
        problems.set(Vec::new());
        announcement.set(td_string!(locale, settings.row_removed).to_string());
        let left = form.plates.with_untracked(Vec::len);
        focus_later(if index < left {
            format!("settings-plates-{index}-remove")
        } else {
            "settings-add-plate".to_owned()
        });
    };
    let plate_row = move |index: usize, row: PlateRow| {
        let row_number = index + 1;
        let weight_field = format!("plates[{index}].weight");
        let count_field = format!("plates[{index}].count");
        let (weight_id, count_id) = (dom_id(&weight_field), dom_id(&count_field));
        let (weight_error, count_error) = (message(weight_field.clone()), message(count_field.clone()));
        let typed = move || {
            row.weight
                .with(|w| w.parse::<Kg>().ok().filter(|w| w.is_positive()))
        };
        let count_label = move || match typed() {
            Some(w) => td_string!(locale, settings.plate_count_of, weight = kg(locale, w)).to_string(),
            None => td_string!(locale, settings.plate_count_row, row = row_number).to_string(),
        };
        let remove_label = move || match typed() {
            Some(w) => td_string!(locale, settings.remove_plate_of, weight = kg(locale, w)).to_string(),
            None => td_string!(locale, settings.remove_plate_row, row = row_number).to_string(),
        };
        let swatch = move || {
            let w = typed();
            let colour = w.map_or(PlateColour::Unmarked, PlateColour::of);
            let size = if w.is_some_and(is_change_plate) {
                "h-4 w-4"
            } else {
                "h-6 w-6"
            };
            view! {
                <span class="flex items-center gap-2" data-testid="plate-colour">
                    <span
                        aria-hidden="true"
                        class=format!("inline-block shrink-0 rounded-full border border-zinc-400 dark:border-zinc-500 {size} {}", colour_class(colour))
                    ></span>
                    <span class="text-xs text-muted">{colour_name(locale, colour)}</span>
                </span>
            }
        };
        view! {
            <tr class="border-t border-line align-top" data-testid="plate-row">
                <td class="py-2 pr-3 pt-4">{swatch}</td>
                <td class="py-2 pr-3">
                    <label for=weight_id.clone() class="sr-only">
                        {td_string!(locale, settings.plate_weight_row, row = row_number).to_string()}
                    </label>
                    <NumberInput id=weight_id field=weight_field value=row.weight error=weight_error readonly width="w-24"/>
                </td>
                <td class="py-2 pr-3">
                    <label for=count_id.clone() class="sr-only">{count_label}</label>
                    <NumberInput id=count_id field=count_field value=row.count error=count_error readonly width="w-20" numeric=true/>
                </td>
                {(!readonly).then(|| view! {
                    <td class="py-2 text-right">
                        <button
                            type="button"
                            id=format!("settings-plates-{index}-remove")
                            class="icon-btn text-red-700 dark:text-red-400"
                            data-testid="remove-plate"
                            aria-label=remove_label
                            on:click=move |_| remove_plate(index)
                        >
                            "✕"
                        </button>
                    </td>
                })}
            </tr>
        }
    };

    // ----- Ratios -----
    let add_ratio = move |_| {
        let row = owner.with(|| RatioRow {
            exercise: RwSignal::new(String::new()),
            factor: RwSignal::new(String::new()),
            base: RwSignal::new(String::new()),
        });
        let index = form.ratios.with_untracked(Vec::len);
        form.ratios.update(|rows| rows.push(row));
        problems.set(Vec::new());
        announcement.set(td_string!(locale, settings.row_added).to_string());
        focus_later(dom_id(&format!("ratios[{index}].exercise")));
    };
    let remove_ratio = move |index: usize| {
        form.ratios.update(|rows| {
            if index < rows.len() {
                rows.remove(index);
            }
        });
        problems.set(Vec::new());
        announcement.set(td_string!(locale, settings.row_removed).to_string());
        let left = form.ratios.with_untracked(Vec::len);
        focus_later(if index < left {
            format!("settings-ratios-{index}-remove")
        } else {
            "settings-add-ratio".to_owned()
        });
    };
    let exercise_select = move |field: String,
                                label: String,
                                value: RwSignal<String>,
                                testid: &'static str| {
        let id = dom_id(&field);
        let error = message(field.clone());
        let error_id = format!("{id}-error");
        let current = value.get_untracked();
        let known = exercises.with_value(|list| list.iter().any(|c| c.id.to_string() == current));
        let options = exercises.with_value(|list| {
            list.iter()
                .map(|c: &Choice| {
                    let id = c.id.to_string();
                    let selected = id == current;
                    view! { <option value=id selected=selected>{c.name.clone()}</option> }
                })
                .collect_view()
        });
        let unknown = (!known && !current.is_empty()).then(|| {
            view! { <option value=current.clone() selected=true>{td_string!(locale, settings.archived_exercise).to_string()}</option> }
        });
        view! {
            <label for=id.clone() class="sr-only">{label}</label>
            <select
                id=id
                class="select w-full min-w-40 disabled:cursor-not-allowed disabled:bg-surface-3"
                disabled=readonly
                data-testid=testid
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby={let error_id = error_id.clone(); move || error.with(Option::is_some).then(|| error_id.clone())}
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" selected=current.is_empty()>{td_string!(locale, settings.choose).to_string()}</option>
                {unknown}
                {options}
            </select>
            <FieldMessage id=error_id field error/>
        }
    };
    let ratio_row = move |index: usize, row: RatioRow| {
        let row_number = index + 1;
        let factor_field = format!("ratios[{index}].factor");
        let factor_id = dom_id(&factor_field);
        let factor_error = message(factor_field.clone());
        view! {
            <tr class="border-t border-line align-top" data-testid="ratio-row">
                <td class="py-2 pr-2">
                    {exercise_select(
                        format!("ratios[{index}].exercise"),
                        td_string!(locale, settings.ratio_exercise_row, row = row_number).to_string(),
                        row.exercise,
                        "ratio-exercise",
                    )}
                </td>
                <td class="py-2 pr-2 pt-4 text-muted" aria-hidden="true">"="</td>
                <td class="py-2 pr-2">
                    <label for=factor_id.clone() class="sr-only">
                        {td_string!(locale, settings.ratio_factor_row, row = row_number).to_string()}
                    </label>
                    <NumberInput id=factor_id field=factor_field value=row.factor error=factor_error readonly width="w-20"/>
                </td>
                <td class="py-2 pr-2 pt-4 text-muted" aria-hidden="true">"×"</td>
                <td class="py-2 pr-2">
                    {exercise_select(
                        format!("ratios[{index}].base"),
                        td_string!(locale, settings.ratio_base_row, row = row_number).to_string(),
                        row.base,
                        "ratio-base",
                    )}
                </td>
                {(!readonly).then(|| view! {
                    <td class="py-2 text-right">
                        <button
                            type="button"
                            id=format!("settings-ratios-{index}-remove")
                            class="icon-btn text-red-700 dark:text-red-400"
                            data-testid="remove-ratio"
                            aria-label=td_string!(locale, settings.remove_ratio_row, row = row_number).to_string()
                            on:click=move |_| remove_ratio(index)
                        >
                            "✕"
                        </button>
                    </td>
                })}
            </tr>
        }
    };

    // ----- Rounding and the live example -----
    let draft = Memo::new(move |_| form.draft());
    let previewed = Memo::new(move |_| draft.with(preview));
    let natural_step = Memo::new(move |_| draft.with(step_from_plates));
    let example = move |sex: Sex| {
        let name = match sex {
            Sex::Women => td_string!(locale, settings.women).to_string(),
            Sex::Men => td_string!(locale, settings.men).to_string(),
        };
        let key = sex.as_str();
        let planned = move || {
            previewed.with(|s| {
                s.as_ref()
                    .map(|s| s.plan_load(Kg::whole(EXAMPLE_MAX), Percent::whole(EXAMPLE_PERCENT), sex))
            })
        };
        view! {
            <div class="flex flex-col gap-1 rounded-lg border border-line p-3" data-testid=format!("example-{key}")>
                <p class="text-sm font-medium text-muted">{name}</p>
                {move || match planned() {
                    Some(planned) => example_load(locale, key, planned),
                    None => view! {
                        <p class="text-sm text-muted" data-testid=format!("example-{key}-load")>
                            {td_string!(locale, settings.example_unavailable).to_string()}
                        </p>
                    }
                    .into_any(),
                }}
            </div>
        }
    };

    let rounding_option = move |mode: RoundingMode, value: &'static str, label: String| {
        let selected = form.rounding.get_untracked() == mode;
        view! { <option value=value selected=selected>{label}</option> }
    };
    let counting_radio = move |mode: ComplexCounting, value: &'static str, label: String| {
        let id = format!("settings-counting-{value}");
        view! {
            <div class="flex items-start gap-2">
                <input
                    id=id.clone()
                    type="radio"
                    name="complex_counting"
                    value=value
                    class="mt-1"
                    checked=form.counting.get_untracked() == mode
                    disabled=readonly
                    on:change=move |_| form.counting.set(mode)
                />
                <label for=id class="text-sm">{label}</label>
            </div>
        }
    };
    let step_error = message("step".to_owned());
    let threshold_error = message("lift_count_threshold".to_owned());
    let fields_alert = move || {
        problems.with(|p| !p.is_empty()).then(|| {
            view! {
                <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                    {td_string!(locale, settings.check_fields).to_string()}
                </p>
            }
        })
    };
    let other_alert = move || {
        alert.get().map(|a| match a {
            Alert::Conflict => view! {
                <div class="flex flex-wrap items-center gap-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                    <p>{td_string!(locale, settings.conflict).to_string()}</p>
                    <button type="button" class="btn-secondary text-sm" on:click=move |_| reload_to(SETTINGS_HREF)>
                        {td_string!(locale, settings.reload).to_string()}
                    </button>
                </div>
            }
            .into_any(),
            Alert::Other(text) => view! {
                <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                    {text}
                </p>
            }
            .into_any(),
        })
    };
    let legend = "mb-3 text-lg font-semibold";

    view! {
        <form
            class="flex flex-col gap-6"
            novalidate
            data-testid="settings-form"
            data-ready=move || ready.get().then_some("true")
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <div class="card">
                <fieldset class="min-w-0">
                    <legend class=legend>{tr!(settings.bars_legend)}</legend>
                    <div class="grid grid-cols-1 gap-4 sm:grid-cols-3">
                        <LabelledNumber field="bar_women" label=tr!(settings.bar_women) value=form.bar_women error=message("bar_women".to_owned()) readonly/>
                        <LabelledNumber field="bar_men" label=tr!(settings.bar_men) value=form.bar_men error=message("bar_men".to_owned()) readonly/>
                        <LabelledNumber
                            field="collar"
                            label=tr!(settings.collar)
                            hint=tr!(settings.collar_hint)
                            value=form.collar
                            error=message("collar".to_owned())
                            readonly
                        />
                    </div>
                </fieldset>
            </div>

            <div class="card">
                <fieldset class="min-w-0 flex flex-col gap-3">
                    <legend class=legend>{tr!(settings.plates_legend)}</legend>
                    <p class="text-sm text-muted" id="settings-plates-hint">{tr!(settings.plates_hint)}</p>
                    <div class="relative overflow-x-auto">
                        <table class="w-full text-left" aria-describedby="settings-plates-hint" data-testid="plates">
                            <thead class="text-xs uppercase text-muted">
                                <tr>
                                    <th scope="col" class="pb-2 pr-3">{tr!(settings.colour)}</th>
                                    <th scope="col" class="pb-2 pr-3">{tr!(settings.weight)}</th>
                                    <th scope="col" class="pb-2 pr-3">{tr!(settings.count)}</th>
                                    {(!readonly).then(|| view! {
                                        <th scope="col" class="pb-2 text-right"><span class="sr-only">{tr!(settings.actions)}</span></th>
                                    })}
                                </tr>
                            </thead>
                            <tbody>
                                {move || form.plates.get().into_iter().enumerate().map(|(i, row)| plate_row(i, row)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {move || form.plates.with(Vec::is_empty).then(|| view! {
                        <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted">{td_string!(locale, settings.no_plates).to_string()}</p>
                    })}
                    {(!readonly).then(|| view! {
                        <button type="button" id="settings-add-plate" class="btn-secondary self-start" data-testid="add-plate" on:click=add_plate>
                            "+ " {tr!(settings.add_plate)}
                        </button>
                    })}
                </fieldset>
            </div>

            <div class="card">
                <fieldset class="min-w-0 flex flex-col gap-4">
                    <legend class=legend>{tr!(settings.rounding_legend)}</legend>
                    <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
                        <div class="flex min-w-0 flex-col gap-1">
                            <label for="settings-step" class="text-sm font-medium">{tr!(settings.step)}</label>
                            <NumberInput
                                id="settings-step"
                                field="step"
                                value=form.step
                                error=step_error
                                readonly
                                width="w-32"
                                hint_id=Some("settings-step-hint".to_owned())
                                placeholder={Signal::derive(move || kg(locale, natural_step.get()))}
                            />
                            <p id="settings-step-hint" class="text-xs text-muted" data-testid="step-hint">
                                {move || td_string!(locale, settings.step_hint, step = kg(locale, natural_step.get())).to_string()}
                            </p>
                        </div>
                        <div class="flex min-w-0 flex-col gap-1">
                            <label for="settings-rounding" class="text-sm font-medium">{tr!(settings.mode)}</label>
                            <select
                                id="settings-rounding"
                                class="select max-w-full disabled:cursor-not-allowed disabled:bg-surface-3"
                                disabled=readonly
                                on:change=move |ev| {
                                    let mode = match event_target_value(&ev).as_str() {
                                        "down" => RoundingMode::Down,
                                        "up" => RoundingMode::Up,
                                        _ => RoundingMode::Nearest,
                                    };
                                    form.rounding.set(mode);
                                }
                            >
                                {rounding_option(RoundingMode::Nearest, "nearest", tr!(settings.mode_nearest))}
                                {rounding_option(RoundingMode::Down, "down", tr!(settings.mode_down))}
                                {rounding_option(RoundingMode::Up, "up", tr!(settings.mode_up))}
                            </select>
                        </div>
                    </div>
                    <section aria-labelledby="settings-example-title" class="flex flex-col gap-2 rounded-lg bg-surface-3/50 p-3" data-testid="example">
                        <h2 id="settings-example-title" class="font-semibold">
                            {tr!(settings.example_title, percent = EXAMPLE_PERCENT, max = EXAMPLE_MAX)}
                        </h2>
                        <p class="text-xs text-muted">{tr!(settings.example_hint)}</p>
                        <div class="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-live="polite">
                            {example(Sex::Women)}
                            {example(Sex::Men)}
                        </div>
                    </section>
                </fieldset>
            </div>

            <div class="card">
                <fieldset class="min-w-0 flex flex-col gap-3">
                    <legend class=legend>{tr!(settings.ratios_legend)}</legend>
                    <p class="text-sm text-muted" id="settings-ratios-hint">{tr!(settings.ratios_hint)}</p>
                    <div class="relative overflow-x-auto">
                        <table class="w-full text-left" aria-describedby="settings-ratios-hint" data-testid="ratios">
                            <thead class="text-xs uppercase text-muted">
                                <tr>
                                    <th scope="col" class="pb-2 pr-2">{tr!(settings.exercise)}</th>
                                    <th scope="col" class="pb-2 pr-2"><span class="sr-only">"="</span></th>
                                    <th scope="col" class="pb-2 pr-2">{tr!(settings.factor)}</th>
                                    <th scope="col" class="pb-2 pr-2"><span class="sr-only">"×"</span></th>
                                    <th scope="col" class="pb-2 pr-2">{tr!(settings.base)}</th>
                                    {(!readonly).then(|| view! {
                                        <th scope="col" class="pb-2 text-right"><span class="sr-only">{tr!(settings.actions)}</span></th>
                                    })}
                                </tr>
                            </thead>
                            <tbody>
                                {move || form.ratios.get().into_iter().enumerate().map(|(i, row)| ratio_row(i, row)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {move || form.ratios.with(Vec::is_empty).then(|| view! {
                        <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted">{td_string!(locale, settings.no_ratios).to_string()}</p>
                    })}
                    {(!readonly).then(|| view! {
                        <button type="button" id="settings-add-ratio" class="btn-secondary self-start" data-testid="add-ratio" on:click=add_ratio>
                            "+ " {tr!(settings.add_ratio)}
                        </button>
                    })}
                </fieldset>
            </div>

            <div class="card">
                <fieldset class="min-w-0 flex flex-col gap-4">
                    <legend class=legend>{tr!(settings.counting_legend)}</legend>
                    <div class="flex flex-col gap-1">
                        <label for="settings-lift_count_threshold" class="text-sm font-medium">{tr!(settings.threshold)}</label>
                        <NumberInput
                            id="settings-lift_count_threshold"
                            field="lift_count_threshold"
                            value=form.threshold
                            error=threshold_error
                            readonly
                            width="w-24"
                            numeric=true
                            hint_id=Some("settings-threshold-hint".to_owned())
                        />
                        <p id="settings-threshold-hint" class="text-xs text-muted">{tr!(settings.threshold_hint)}</p>
                    </div>
                    <fieldset class="flex flex-col gap-2">
                        <legend class="mb-1 text-sm font-medium">{tr!(settings.complex_counting)}</legend>
                        {counting_radio(ComplexCounting::EveryMovement, "every_movement", tr!(settings.every_movement))}
                        {counting_radio(ComplexCounting::MainLiftOnly, "main_lift_only", tr!(settings.main_lift_only))}
                    </fieldset>
                    <div class="flex items-start gap-2">
                        <input
                            id="settings-athletes_record_maxes"
                            type="checkbox"
                            class="mt-1"
                            checked=form.athletes_record_maxes.get_untracked()
                            disabled=readonly
                            aria-describedby="settings-athletes-hint"
                            on:change=move |ev| form.athletes_record_maxes.set(event_target_checked(&ev))
                        />
                        <div>
                            <label for="settings-athletes_record_maxes" class="text-sm">{tr!(settings.athletes_record_maxes)}</label>
                            <p id="settings-athletes-hint" class="text-xs text-muted">{tr!(settings.athletes_record_maxes_hint)}</p>
                        </div>
                    </div>
                </fieldset>
            </div>

            <p class="sr-only" role="status" aria-live="polite" data-testid="settings-announcement">{move || announcement.get()}</p>
            {(!readonly).then(|| view! {
                <div role="alert" data-testid="form-alert" class="flex flex-col gap-2">
                    {fields_alert}
                    {other_alert}
                </div>
                <div>
                    <button
                        type="submit"
                        class="btn-primary"
                        data-testid="save-settings"
                        disabled=move || !ready.get() || done.get() || action.pending().get()
                        aria-busy=move || action.pending().get().to_string()
                    >
                        {move || if action.pending().get() {
                            td_string!(locale, auth.working).to_string()
                        } else {
                            td_string!(locale, settings.save).to_string()
                        }}
                    </button>
                </div>
            })}
        </form>
    }
}

/// The example's load for one bar: the weight, then the plates per side or why it cannot be
/// built.
fn example_load(locale: Locale, key: &'static str, planned: PlannedLoad) -> AnyView {
    let detail = match &planned.breakdown {
        Some(b) if b.per_side.is_empty() => td_string!(locale, settings.bare_bar).to_string(),
        Some(b) => {
            let plates = b
                .grouped()
                .into_iter()
                .map(|(weight, n)| {
                    if n > 1 {
                        format!("{n} × {} kg", kg(locale, weight))
                    } else {
                        format!("{} kg", kg(locale, weight))
                    }
                })
                .collect::<Vec<_>>()
                .join(" + ");
            td_string!(locale, settings.per_side, plates = plates).to_string()
        }
        None if planned.flags.contains(&LoadFlag::BelowBar) => {
            td_string!(locale, settings.below_bar).to_string()
        }
        None => td_string!(locale, settings.unbuildable).to_string(),
    };
    let buildable = planned.is_buildable();
    let side = planned.breakdown.map(|b| b.per_side).unwrap_or_default();
    view! {
        <p class="text-2xl font-bold" data-testid=format!("example-{key}-load")>{format!("{} kg", kg(locale, planned.load))}</p>
        {(!side.is_empty()).then(|| view! {
            <div class="flex h-12 items-center gap-0.5" aria-hidden="true">
                <span class="h-2 w-6 rounded-l bg-zinc-400 dark:bg-zinc-500"></span>
                {side
                    .into_iter()
                    .map(|plate| {
                        let height = if is_change_plate(plate) { "h-6" } else { "h-12" };
                        view! {
                            <span class=format!(
                                "inline-block w-2 rounded-sm border border-zinc-400 dark:border-zinc-500 {height} {}",
                                colour_class(PlateColour::of(plate)),
                            )></span>
                        }
                    })
                    .collect_view()}
                <span class="h-2 w-3 rounded-r bg-zinc-400 dark:bg-zinc-500"></span>
            </div>
        })}
        <p
            class=if buildable { "text-sm" } else { "text-sm text-amber-700 dark:text-amber-400" }
            data-testid=format!("example-{key}-detail")
        >
            {detail}
        </p>
    }
    .into_any()
}

/// The message under an input, for the field it names (`data-testid="error-plates[2].count"`).
#[component]
fn FieldMessage(id: String, field: String, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="text-sm text-red-700 dark:text-red-400" data-testid=format!("error-{field}")>
            {move || error.get()}
        </p>
    }
}

/// A text input for a number (kilograms, counts, factors), with its message. Its label is
/// written by the caller (visible, or visually hidden in a table).
#[component]
fn NumberInput(
    #[prop(into)] id: String,
    #[prop(into)] field: String,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    readonly: bool,
    width: &'static str,
    #[prop(optional)] numeric: bool,
    #[prop(default = None)] hint_id: Option<String>,
    #[prop(optional, into)] placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || {
            let mut ids: Vec<String> = hint_id.iter().cloned().collect();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <input
            id=id
            class=format!("input {width} disabled:cursor-not-allowed disabled:bg-surface-3")
            type="text"
            inputmode=if numeric { "numeric" } else { "decimal" }
            autocomplete="off"
            data-testid=format!("input-{field}")
            value=value.get_untracked()
            placeholder=move || placeholder.map(|p| p.get())
            disabled=readonly
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            aria-describedby=described
            on:input=move |ev| value.set(event_target_value(&ev))
        />
        <FieldMessage id=error_id field error/>
    }
}

/// A labelled number input with an optional hint (bars, collar).
#[component]
fn LabelledNumber(
    field: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    readonly: bool,
) -> impl IntoView {
    let id = dom_id(field);
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="text-sm font-medium">{label}</label>
            <NumberInput id field value error readonly width="w-full" hint_id=described/>
            {hint.map(|hint| view! { <p id=hint_id class="text-xs text-muted">{hint}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let plan = |d: &Draft, sex| {
            preview(d).map(|s| s.plan_load(Kg::whole(EXAMPLE_MAX), Percent::whole(EXAMPLE_PERCENT), sex))
        };
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
