//! The progression chart of an athlete's page: the maxes of the main lifts over time, drawn on
//! the server as SVG (its geometry comes from `domain::progression`), readable in both themes,
//! with the same data in words below it for screen readers and for anyone who prefers text.

use crate::api::athletes::{AthletePage, LiftHistory};
use crate::components::format::{date, kg};
use crate::i18n::*;
use chrono::Datelike;
use domain::progression::{Frame, Point, Series, chart, summaries};
use leptos::prelude::*;

/// The colours of the lines, in order; each reads on both light and dark surfaces.
pub(super) const STROKES: [&str; 3] = [
    "stroke-red-600 dark:stroke-red-400",
    "stroke-sky-600 dark:stroke-sky-400",
    "stroke-amber-600 dark:stroke-amber-400",
];
pub(super) const FILLS: [&str; 3] = [
    "fill-red-600 dark:fill-red-400",
    "fill-sky-600 dark:fill-sky-400",
    "fill-amber-600 dark:fill-amber-400",
];
pub(super) const SWATCHES: [&str; 3] = [
    "bg-red-600 dark:bg-red-400",
    "bg-sky-600 dark:bg-sky-400",
    "bg-amber-600 dark:bg-amber-400",
];

/// The lifts the chart shows: the main lifts with maxes, or else the (at most three) lifts
/// with the most maxes.
pub(super) fn charted(page: &AthletePage) -> Vec<&LiftHistory> {
    let main: Vec<&LiftHistory> = page
        .lifts
        .iter()
        .filter(|l| {
            Some(l.exercise) == page.main_lifts.snatch || Some(l.exercise) == page.main_lifts.clean_and_jerk
        })
        .collect();
    if !main.is_empty() {
        return main;
    }
    let mut others: Vec<&LiftHistory> = page.lifts.iter().collect();
    others.sort_by_key(|l| std::cmp::Reverse(l.entries.len()));
    others.truncate(STROKES.len());
    others
}

#[component]
pub fn ProgressSection(page: AthletePage) -> impl IntoView {
    let locale = crate::lang::current();
    let lifts = charted(&page);
    let series: Vec<Series<usize>> = lifts
        .iter()
        .enumerate()
        .map(|(i, l)| Series {
            key: i,
            points: l
                .entries
                .iter()
                .map(|e| Point {
                    date: e.date,
                    weight: e.weight,
                })
                .collect(),
        })
        .collect();
    let names: Vec<String> = lifts.iter().map(|l| l.name.clone()).collect();
    let Some(drawn) = chart(&series, Frame::default()) else {
        return view! {
            <section class="card flex flex-col gap-2" aria-labelledby="progress-title">
                <h2 id="progress-title" class="text-lg font-semibold">{tr!(athletes.progression)}</h2>
                <p class="text-muted" data-testid="no-chart">{tr!(athletes.no_chart)}</p>
            </section>
        }
        .into_any();
    };
    let f = drawn.frame;
    let (left, right, top, bottom) = (f.plot_left(), f.plot_right(), f.plot_top(), f.plot_bottom());
    let words: Vec<String> = summaries(&series)
        .into_iter()
        .map(|s| {
            let name = names.get(s.key).cloned().unwrap_or_default();
            td_string!(
                locale,
                athletes.chart_summary,
                lift = name,
                first = kg(locale, s.first.weight),
                first_date = date(locale, s.first.date),
                latest = kg(locale, s.latest.weight),
                latest_date = date(locale, s.latest.date),
                best = kg(locale, s.best.weight),
                best_date = date(locale, s.best.date),
                count = s.count
            )
            .to_string()
        })
        .collect();
    let month = |tick: &domain::progression::Tick| match (tick.date, locale) {
        (Some(d), Locale::fr) => format!("{:02}/{:04}", d.month(), d.year()),
        _ => tick.label.clone(),
    };
    view! {
        <section class="card flex flex-col gap-3" aria-labelledby="progress-title">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="progress-title" class="text-lg font-semibold">{tr!(athletes.progression)}</h2>
                <ul class="flex flex-wrap gap-3 text-sm" aria-hidden="true">
                    {names.iter().enumerate().map(|(i, n)| view! {
                        <li class="flex items-center gap-1.5">
                            <span class=format!("inline-block h-2.5 w-2.5 rounded-full {}", SWATCHES[i % SWATCHES.len()])></span>
                            {n.clone()}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
            <figure class="flex flex-col gap-2">
                <svg
                    viewBox=format!("0 0 {} {}", f.width, f.height)
                    class="h-auto w-full text-muted"
                    role="img"
                    aria-label=tr!(athletes.progression)
                    aria-describedby="chart-summary"
                    data-testid="progress-chart"
                >
                    <g class="text-[11px]" fill="currentColor">
                        {drawn.y_ticks.iter().map(|t| view! {
                            <line x1=left x2=right y1=t.position y2=t.position class="stroke-line" stroke-width="1"/>
                            <text x=left - 6.0 y=t.position + 4.0 text-anchor="end">{t.weight.map_or_else(|| t.label.clone(), |w| kg(locale, w))}</text>
                        }).collect_view()}
                        {drawn.x_ticks.iter().map(|t| view! {
                            <line x1=t.position x2=t.position y1=bottom y2=bottom + 4.0 class="stroke-line" stroke-width="1"/>
                            <text x=t.position y=bottom + 18.0 text-anchor="middle">{month(t)}</text>
                        }).collect_view()}
                        <line x1=left x2=right y1=bottom y2=bottom stroke="currentColor" stroke-width="1"/>
                        <line x1=left x2=left y1=top y2=bottom stroke="currentColor" stroke-width="1"/>
                    </g>
                    {drawn.lines.iter().map(|line| {
                        let i = line.key % STROKES.len();
                        let name = names.get(line.key).cloned().unwrap_or_default();
                        view! {
                            <g data-testid="chart-line">
                                <path d=line.path.clone() fill="none" class=STROKES[i] stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>
                                {line.dots.iter().map(|d| view! {
                                    <circle cx=d.x cy=d.y r="4" class=format!("{} stroke-surface-1", FILLS[i]) stroke-width="1.5">
                                        <title>{format!("{name} · {} · {} kg", date(locale, d.date), kg(locale, d.weight))}</title>
                                    </circle>
                                }).collect_view()}
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption id="chart-summary" class="flex flex-col gap-1 text-sm text-muted" data-testid="chart-summary">
                    {words.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
                </figcaption>
            </figure>
        </section>
    }
    .into_any()
}
