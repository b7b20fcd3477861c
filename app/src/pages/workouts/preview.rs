//! The builder's live preview: the workout's metrics and Prilepin's table, and for the athletes
//! chosen ("Preview for") each block's kilograms. Computed in the browser by the domain's code at
//! every keystroke; the athletes' maxes and the club's training settings are fetched once, when
//! the coach picks them.
//!
//! The athletes' part ([`AthletePreview`]) is loaded with them, on the first "Preview for", and
//! reached through function pointers. It is compiled into the `account` group's module:
//! - a split module of its own would be a new split point, and each split point cuts the code
//!   the groups share into more chunks, on every page (ARCHITECTURE.md, "What each page loads");
//! - in the builder's own module it would put the builder's pages over the code budget, in the
//!   `club` module (whose training settings page shares the plates and the settings with it)
//!   the training settings page;
//! - the account pages (sign-in, sign-up, invitations, profile) have room for it, and a coach's
//!   browser loads that module when signing in: the preview's code is then in the cache
//!   (`/pkg` files are immutable) before the builder first asks for it.

use crate::components::format::{kg, one_decimal};
use crate::components::loads::{load_text, percent};
use crate::components::plates::PlateDiagram;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::PreviewData;
use chrono::NaiveDate;
use domain::ExerciseId;
use domain::ratios::{ResolvedMax, Unresolved};
use domain::workout::metrics::{AthleteLoads, AthleteMaxes, Metrics, WorkoutMetrics, WorkoutPlan};
use domain::workout::metrics::{ExercisePrilepin, Verdict, Zone};
use leptos::prelude::*;

/// The code of the athletes' preview, as function pointers (a split module exports functions,
/// not generics): see the module's documentation.
#[derive(Clone, Copy)]
pub struct AthletePreview {
    /// Decodes what `workout_preview` answered.
    pub open: fn(&str) -> Result<PreviewData, AppError>,
    /// Each athlete's loads and metrics on a day, in the order of [`PreviewData::athletes`].
    pub loads: fn(&WorkoutPlan, &PreviewData, NaiveDate) -> Vec<AthleteLoads>,
    /// One element's blocks' loads (`element`, its number of `blocks`): one line per block.
    pub block_loads: fn(Locale, &PreviewData, &[AthleteLoads], usize, usize) -> AnyView,
    /// The maxes one athlete's loads were worked out from, each with how it was found.
    pub maxes_used: fn(Locale, &AthleteLoads, &dyn Fn(ExerciseId) -> String) -> AnyView,
}

/// The athletes' preview's code, loading it first in the browser.
pub async fn athlete_preview() -> AthletePreview {
    #[cfg(feature = "hydrate")]
    {
        athlete_preview_code().await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        athlete_preview_code()
    }
}

#[cfg_attr(
    feature = "hydrate",
    leptos::wasm_split::wasm_split(account, wasm_split_path = ::leptos::wasm_split)
)]
fn athlete_preview_code() -> AthletePreview {
    AthletePreview {
        open: |text| crate::components::call::decode(text),
        loads: |plan, data, on| {
            let maxes: Vec<AthleteMaxes<'_>> = data.athletes.iter().map(AthleteMaxes::from).collect();
            plan.group(&data.settings, on, &maxes)
        },
        block_loads,
        maxes_used,
    }
}

/// The loads of one element's blocks for the athletes previewed: one line per block. For a
/// single athlete, each load opens its plates (tap, Enter or hover on the summary).
fn block_loads(
    locale: Locale,
    data: &PreviewData,
    loads: &[AthleteLoads],
    element: usize,
    blocks: usize,
) -> AnyView {
    let single = data.athletes.len() == 1;
    let inventory = &data.settings.inventory;
    (0..blocks)
        .map(|j| {
            let cells = data
                .athletes
                .iter()
                .zip(loads)
                .filter_map(|(athlete, loads)| {
                    let load = *loads.block(element, j)?;
                    let text = load_text(locale, &load, true);
                    let plates = load.plates(athlete.sex, inventory);
                    Some(if single {
                        match plates {
                            Some(plates) => view! {
                                <details class="inline-block">
                                    <summary class="cursor-pointer font-semibold tabular-nums" data-testid="block-load">{text}</summary>
                                    <span class="text-xs text-muted">{td_string!(locale, workouts.per_side).to_string()} " "
                                        {plates.grouped().into_iter().map(|(w, n)| format!("{n} × {}", kg(locale, w))).collect::<Vec<_>>().join(", ")}
                                    </span>
                                    <PlateDiagram side=plates.per_side/>
                                </details>
                            }
                            .into_any(),
                            None => view! { <span class="font-semibold tabular-nums" data-testid="block-load">{text}</span> }.into_any(),
                        }
                    } else {
                        view! {
                            <span class="whitespace-nowrap tabular-nums" data-testid="block-load">
                                {athlete.first_name.clone()} " " <b>{text}</b>
                            </span>
                        }
                        .into_any()
                    })
                })
                .collect_view();
            view! {
                <li class="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                    <span class="text-xs text-muted">{td_string!(locale, workouts.block_n, n = j + 1).to_string()}</span>
                    {cells}
                </li>
            }
        })
        .collect_view()
        .into_any()
}

/// The maxes an athlete's loads were worked out from, by exercise.
fn maxes_used(locale: Locale, loads: &AthleteLoads, name: &dyn Fn(ExerciseId) -> String) -> AnyView {
    let maxes = loads
        .maxes
        .iter()
        .map(|m| (name(m.exercise), max_text(locale, &m.max, name)))
        .collect::<Vec<_>>();
    view! {
        <div>
            <h3 class="font-semibold">{td_string!(locale, workouts.maxes_used).to_string()}</h3>
            <ul class="text-sm" data-testid="maxes-used">
                {maxes.into_iter().map(|(name, text)| view! { <li><span class="text-muted">{name} " : "</span>{text}</li> }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

/// How a max was found: "≈ 98 kg: 0.80 × Épaulé-jeté (123 kg)", or why there is none.
fn max_text(
    locale: Locale,
    max: &Result<ResolvedMax<ExerciseId>, Unresolved>,
    name: &dyn Fn(ExerciseId) -> String,
) -> String {
    match max {
        Ok(found) if found.derived => {
            let chain = found
                .chain
                .iter()
                .map(|r| {
                    format!(
                        "{} × {}",
                        crate::components::format::decimal(locale, r.factor.to_string()),
                        name(r.base)
                    )
                })
                .collect::<Vec<_>>()
                .join(" → ");
            format!(
                "≈\u{a0}{}\u{a0}kg ({chain}, {}\u{a0}kg)",
                one_decimal(locale, found.weight.as_f64()),
                kg(locale, found.source.weight)
            )
        }
        Ok(found) => format!("{}\u{a0}kg", kg(locale, found.weight)),
        Err(_) => td_string!(locale, workouts.no_max).to_string(),
    }
}

/// One row of the metrics table.
fn metrics_row(
    locale: Locale,
    label: String,
    m: &Metrics,
    with_loads: bool,
    total: bool,
) -> impl IntoView + use<> {
    let cell = "px-2 py-1 text-right tabular-nums";
    let tonnage = m.tonnage.map_or_else(|| "—".to_owned(), |w| kg(locale, w));
    // To one decimal: an average of loads is rarely a whole number.
    let average = m
        .average_weight
        .map_or_else(|| "—".to_owned(), |w| one_decimal(locale, w.as_f64()));
    let intensity = m
        .relative_intensity
        .map_or_else(|| "—".to_owned(), |p| percent(locale, p));
    let row_class = if total {
        "border-t border-line font-semibold"
    } else {
        ""
    };
    view! {
        <tr class=row_class>
            <th scope="row" class="px-2 py-1 text-left font-normal">{label}</th>
            <td class=cell data-testid="metric-lifts">{m.lifts}</td>
            {with_loads.then(|| view! {
                <td class=cell data-testid="metric-tonnage">{tonnage}</td>
                <td class=cell>{average}</td>
            })}
            <td class=cell data-testid="metric-intensity">{intensity}</td>
        </tr>
    }
}

/// The workout's metrics, per element and in all. Without an athlete, lifts and the mean
/// percentage only; the lifts that cannot be counted without a max are said.
#[component]
pub fn MetricsTable(metrics: WorkoutMetrics, names: Vec<String>, with_loads: bool) -> impl IntoView {
    let locale = crate::lang::current();
    let not_counted = metrics.total.not_counted;
    let head = "px-2 py-1 text-right text-xs font-medium text-muted";
    view! {
        <div class="overflow-x-auto">
            <table class="w-full text-sm" data-testid="metrics">
                <caption class="sr-only">{tr!(workouts.metrics_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="px-2 py-1 text-left text-xs font-medium text-muted">{tr!(workouts.element)}</th>
                        <th scope="col" class=head>{tr!(workouts.lifts)}</th>
                        {with_loads.then(|| view! {
                            <th scope="col" class=head>{tr!(workouts.tonnage)} " (kg)"</th>
                            <th scope="col" class=head>{tr!(workouts.average)} " (kg)"</th>
                        })}
                        <th scope="col" class=head>{tr!(workouts.intensity)}</th>
                    </tr>
                </thead>
                <tbody>
                    {metrics.elements.iter().zip(names).map(|(m, name)| metrics_row(locale, name, m, with_loads, false)).collect_view()}
                    {metrics_row(locale, td_string!(locale, workouts.total).to_string(), &metrics.total, with_loads, true)}
                </tbody>
            </table>
            {(not_counted > 0).then(|| view! {
                <p class="mt-1 text-xs text-muted" data-testid="not-counted">{tr!(workouts.not_counted, count = not_counted)}</p>
            })}
        </div>
    }
}

fn zone_label(zone: Zone) -> &'static str {
    match zone {
        Zone::Light => "55–70 %",
        Zone::Moderate => "70–80 %",
        Zone::Heavy => "80–90 %",
        Zone::Maximal => "≥ 90 %",
    }
}

/// Prilepin's table for each exercise: its lifts per zone against the optimal and the range, a
/// hint in words and colour, never a block.
#[component]
pub fn PrilepinTable(prilepin: Vec<ExercisePrilepin>, names: Vec<String>) -> impl IntoView {
    let locale = crate::lang::current();
    let head = "px-2 py-1 text-left text-xs font-medium text-muted";
    prilepin
        .into_iter()
        .zip(names)
        .filter(|(p, _)| p.zones.iter().any(|z| z.lifts > 0))
        .map(|(p, name)| {
            view! {
                <table class="w-full text-sm" data-testid="prilepin">
                    <caption class="text-left font-medium">{name}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class=head>{tr!(workouts.zone)}</th>
                            <th scope="col" class=head>{tr!(workouts.lifts)}</th>
                            <th scope="col" class=head>{tr!(workouts.prilepin_range)}</th>
                            <th scope="col" class=head>{tr!(workouts.prilepin_hint)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.zones.iter().filter(|z| z.lifts > 0).map(|z| {
                            let (text, class) = match z.verdict {
                                Some(Verdict::Below) => (td_string!(locale, workouts.verdict_below).to_string(), "text-amber-800 dark:text-amber-300"),
                                Some(Verdict::Above) => (td_string!(locale, workouts.verdict_above).to_string(), "text-red-700 dark:text-red-400"),
                                _ => (td_string!(locale, workouts.verdict_within).to_string(), "text-green-800 dark:text-green-400"),
                            };
                            let reps = z.reps_outside.then(|| td_string!(locale, workouts.reps_outside).to_string());
                            view! {
                                <tr>
                                    <th scope="row" class="px-2 py-1 text-left font-normal tabular-nums">{zone_label(z.zone)}</th>
                                    <td class="px-2 py-1 tabular-nums" data-testid="prilepin-lifts">{z.lifts}</td>
                                    <td class="px-2 py-1 tabular-nums">{format!("{}–{} ({})", z.range.min, z.range.max, z.optimal)}</td>
                                    <td class=format!("px-2 py-1 {class}") data-testid="prilepin-verdict">{text} {reps.map(|r| format!(" · {r}"))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
        .collect_view()
}
