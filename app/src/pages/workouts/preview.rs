//! The builder's live preview: each block's kilograms for the athletes chosen ("Preview for"),
//! the workout's metrics and Prilepin's table. Computed in the browser by the domain's code at
//! every keystroke; the athletes' maxes are fetched once, when the coach picks them.
//!
//! The loads of athletes need more code than the rest of the builder (their maxes read, the
//! fallback ratios, the plates): [`athletes_preview`] is a lazy function, whose code the browser
//! loads the first time a coach previews for someone, not with the page.

use crate::components::format::kg;
use crate::components::plates::PlateDiagram;
use crate::i18n::*;
use domain::ComplexId;
use domain::ExerciseId;
use domain::load::{LoadFlag, Percent};
use domain::service::workouts::PreviewAthlete;
use domain::settings::TrainingSettings;
use domain::weight::Kg;
use domain::workout::WorkoutContent;
use domain::workout::metrics::{
    AthleteMaxes, BlockLoad, ExercisePrilepin, LiftInfo, Metrics, NoLoad, Verdict, WorkoutMetrics,
    WorkoutPlan, Zone,
};
use leptos::prelude::*;

/// A percentage in the page's language ("82,5 %" / "82.5%").
fn percent(locale: Locale, p: Percent) -> String {
    match locale {
        Locale::fr => format!("{}\u{a0}%", p.to_string().replace('.', ",")),
        Locale::en => format!("{p}%"),
    }
}

/// What [`athletes_preview`] works from.
#[derive(Debug, Clone)]
pub struct PreviewRequest {
    pub locale: Locale,
    pub content: WorkoutContent,
    /// What the metrics need of each complex the content names.
    pub complexes: Vec<(ComplexId, LiftInfo)>,
    pub settings: TrainingSettings<ExerciseId>,
    /// The day, as the date field holds it (`YYYY-MM-DD`).
    pub date: String,
    /// The server's answer: the athletes and their maxes, as JSON.
    pub athletes: String,
    /// The exercises' names in the page's language.
    pub names: Vec<(ExerciseId, String)>,
}

/// One athlete's load for one block, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadCell {
    pub text: String,
    /// The plates of one side, when the load can be built (a single athlete's preview), and
    /// the same in words ("Per side: 1 × 25 kg, 1 × 10 kg").
    pub plates: Option<(Vec<Kg>, String)>,
}

/// What the preview for athletes shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AthletesPreview {
    /// The athletes' first names, in order.
    pub names: Vec<String>,
    /// Per element, per block, per athlete.
    pub loads: Vec<Vec<Vec<LoadCell>>>,
    /// The first athlete's maxes used, "≈" with their chain when derived.
    pub maxes: Vec<(String, String)>,
    /// The first athlete's metrics.
    pub metrics: WorkoutMetrics,
}

/// A load's text: "≈ 98 kg" when its max comes through ratios, with its warning.
fn load_text(locale: Locale, load: &BlockLoad) -> String {
    let flag = |flag: Option<LoadFlag>| match flag {
        Some(LoadFlag::BelowBar) => format!(" ({})", td_string!(locale, workouts.below_bar)),
        Some(LoadFlag::Unbuildable) => format!(" ({})", td_string!(locale, workouts.unbuildable)),
        None => String::new(),
    };
    match *load {
        BlockLoad::Planned {
            load,
            flag: f,
            derived,
            ..
        } => {
            let approx = if derived { "≈\u{a0}" } else { "" };
            format!("{approx}{}{}", kg(locale, load), flag(f))
        }
        BlockLoad::Fixed {
            load,
            flag: f,
            percent: p,
        } => {
            let share = p
                .map(|p| format!(" ({})", percent(locale, p)))
                .unwrap_or_default();
            format!("{}{share}{}", kg(locale, load), flag(f))
        }
        BlockLoad::Unloaded { reason: NoLoad::Rpe } => td_string!(locale, workouts.rpe_load).to_string(),
        BlockLoad::Unloaded { .. } => td_string!(locale, workouts.no_max).to_string(),
    }
}

/// Each athlete's kilograms per block, the first one's maxes and metrics: `None` when the
/// answer or the date cannot be read.
#[lazy]
pub fn athletes_preview(request: PreviewRequest) -> Option<AthletesPreview> {
    let PreviewRequest {
        locale,
        content,
        complexes,
        settings,
        date,
        athletes,
        names,
    } = request;
    let athletes: Vec<PreviewAthlete> = serde_json::from_str(&athletes).ok()?;
    let on: chrono::NaiveDate = date.parse().ok()?;
    let name = |id: ExerciseId| {
        names
            .iter()
            .find(|(e, _)| *e == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let plan = WorkoutPlan::new(&content, |id| {
        complexes.iter().find(|(c, _)| *c == id).map(|(_, info)| *info)
    });
    let maxes: Vec<AthleteMaxes<'_>> = athletes
        .iter()
        .map(|a| AthleteMaxes {
            sex: a.sex,
            maxes: &a.maxes,
        })
        .collect();
    let all = plan.group(&settings, on, &maxes);
    let single = athletes.len() == 1;
    let loads = content
        .elements
        .iter()
        .enumerate()
        .map(|(i, element)| {
            (0..element.blocks.len())
                .map(|j| {
                    athletes
                        .iter()
                        .zip(&all)
                        .filter_map(|(athlete, loads)| {
                            let load = loads.block(i, j)?;
                            let plates = single
                                .then(|| load.plates(athlete.sex, &settings.inventory))
                                .flatten()
                                .map(|p| {
                                    let words = p
                                        .grouped()
                                        .into_iter()
                                        .map(|(w, n)| format!("{n} × {}", kg(locale, w)))
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    let words = format!("{} {words}", td_string!(locale, workouts.per_side));
                                    (p.per_side, words)
                                });
                            Some(LoadCell {
                                text: load_text(locale, load),
                                plates,
                            })
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let first = all.into_iter().next()?;
    let maxes = first
        .maxes
        .iter()
        .map(|m| {
            let text = match &m.max {
                Ok(found) if found.derived => {
                    let chain = found
                        .chain
                        .iter()
                        .map(|r| {
                            let factor = crate::components::format::decimal(locale, r.factor.to_string());
                            format!("{factor} × {}", name(r.base))
                        })
                        .collect::<Vec<_>>()
                        .join(" → ");
                    format!(
                        "≈\u{a0}{} ({chain}, {})",
                        kg(locale, found.weight),
                        kg(locale, found.source.weight)
                    )
                }
                Ok(found) => kg(locale, found.weight),
                Err(_) => td_string!(locale, workouts.no_max).to_string(),
            };
            (name(m.exercise), text)
        })
        .collect();
    Some(AthletesPreview {
        names: athletes.into_iter().map(|a| a.first_name).collect(),
        loads,
        maxes,
        metrics: first.metrics,
    })
}

/// The loads of one element's blocks for the athletes previewed: one line per block. For a
/// single athlete, each load opens its plates (tap or Enter on it).
pub fn block_loads(locale: Locale, names: &[String], blocks: &[Vec<LoadCell>]) -> impl IntoView + use<> {
    let single = names.len() == 1;
    let names = names.to_vec();
    let blocks = blocks.to_vec();
    blocks
        .into_iter()
        .enumerate()
        .map(|(j, cells)| {
            let cells = cells
                .into_iter()
                .zip(names.clone())
                .map(|(cell, name)| {
                    if single {
                        match cell.plates {
                            Some((plates, words)) => view! {
                                <details class="inline-block">
                                    <summary class="cursor-pointer font-semibold tabular-nums" data-testid="block-load">{cell.text}</summary>
                                    <span class="text-xs text-muted">{words}</span>
                                    <PlateDiagram side=plates/>
                                </details>
                            }
                            .into_any(),
                            None => view! { <span class="font-semibold tabular-nums" data-testid="block-load">{cell.text}</span> }.into_any(),
                        }
                    } else {
                        view! {
                            <span class="whitespace-nowrap tabular-nums" data-testid="block-load">
                                {name} " " <b>{cell.text}</b>
                            </span>
                        }
                        .into_any()
                    }
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
    let weight = move |w: Option<domain::weight::Kg>| w.map_or_else(|| "—".to_owned(), |w| kg(locale, w));
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
                <td class=cell data-testid="metric-tonnage">{weight(m.tonnage)}</td>
                <td class=cell>{weight(m.average_weight)}</td>
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
                            <th scope="col" class=head>{tr!(workouts.tonnage)}</th>
                            <th scope="col" class=head>{tr!(workouts.average)}</th>
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
