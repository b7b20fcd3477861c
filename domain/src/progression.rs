//! The geometry of an athlete's progression chart: the maxes of the main lifts over time.
//!
//! [`chart`] turns series of dated maxes into coordinates in SVG user units (a path and dots
//! per line, ticks for both axes), so the page only writes `<svg>` elements and the chart is
//! rendered on the server. [`summaries`] gives the same data as text for screen readers.
//! Series are generic over their key (an exercise identifier, a catalogue key, a label).

use crate::maxes::Max;
use crate::weight::Kg;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::fmt::Write as _;

/// The most ticks an axis shows.
const MAX_TICKS: i64 = 6;

/// The largest frame dimension or margin taken into account, in user units.
const MAX_FRAME: f64 = 1_000_000.0;

/// One point of a series: a max recorded on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub date: NaiveDate,
    pub weight: Kg,
}

/// A series as given: a label key chosen by the caller (e.g. "snatch") and its points, in any
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series<K> {
    pub key: K,
    pub points: Vec<Point>,
}

/// The chart's size and the margins around its plotting area (room for the axes' labels), in
/// SVG user units. The default is 640 × 280 with margins left 48, right 16, top 16, bottom 32.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Default for Frame {
    fn default() -> Self {
        Frame {
            width: 640.0,
            height: 280.0,
            left: 48.0,
            right: 16.0,
            top: 16.0,
            bottom: 32.0,
        }
    }
}

impl Frame {
    /// The frame as [`chart`] uses it: a value that is not finite or is negative counts as 0,
    /// one above 1 000 000 as 1 000 000.
    pub fn sanitized(self) -> Frame {
        let clean = |v: f64| {
            if v.is_finite() {
                v.clamp(0.0, MAX_FRAME)
            } else {
                0.0
            }
        };
        Frame {
            width: clean(self.width),
            height: clean(self.height),
            left: clean(self.left),
            right: clean(self.right),
            top: clean(self.top),
            bottom: clean(self.bottom),
        }
    }

    /// The x of the plotting area's left edge: the earliest date.
    pub fn plot_left(&self) -> f64 {
        self.sanitized().left
    }

    /// The x of the plotting area's right edge: the latest date (never left of `plot_left`).
    pub fn plot_right(&self) -> f64 {
        let f = self.sanitized();
        (f.width - f.right).max(f.left)
    }

    /// The y of the plotting area's top edge: the top of the weight scale.
    pub fn plot_top(&self) -> f64 {
        self.sanitized().top
    }

    /// The y of the plotting area's bottom edge: the bottom of the weight scale (never above
    /// `plot_top`).
    pub fn plot_bottom(&self) -> f64 {
        let f = self.sanitized();
        (f.height - f.bottom).max(f.top)
    }
}

/// A chart ready to draw: the (sanitized) frame, one line per non-empty series in the given
/// order, and the ticks of both axes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart<K> {
    pub frame: Frame,
    pub lines: Vec<Line<K>>,
    /// Weight ticks, bottom to top.
    pub y_ticks: Vec<Tick>,
    /// Date ticks, left to right.
    pub x_ticks: Vec<Tick>,
}

/// One series drawn: an SVG path (`"M x y L x y …"`, coordinates to one decimal; a lone
/// `"M x y"` for a single point) and its dots, sorted by date, one per date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line<K> {
    pub key: K,
    pub path: String,
    pub dots: Vec<Dot>,
}

/// One max drawn at (`x`, `y`), coordinates rounded to one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub date: NaiveDate,
    pub weight: Kg,
}

/// A tick of an axis: its x (date axis) or y (weight axis), rounded to one decimal, and its
/// label. Weight ticks read as kilograms ("120") and carry `weight`; date ticks read as months
/// ("2026-03", `date` the first of the month) or, over less than a month, as dates
/// ("2026-03-14"), and carry `date` so the page may reformat them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    pub position: f64,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub weight: Option<Kg>,
}

/// A series in words, for screen readers: its first and latest maxes, its best (the earliest
/// date it was reached), and how many dates it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary<K> {
    pub key: K,
    pub first: Point,
    pub latest: Point,
    pub best: Point,
    pub count: usize,
}

/// One series per exercise of `exercises`, in that order, from an athlete's history of maxes
/// of every kind; a series may be empty ([`chart`] drops it).
pub fn series_from_maxes<E: PartialEq + Clone>(history: &[Max<E>], exercises: &[E]) -> Vec<Series<E>> {
    exercises
        .iter()
        .map(|exercise| Series {
            key: exercise.clone(),
            points: history
                .iter()
                .filter(|m| m.exercise == *exercise)
                .map(|m| Point {
                    date: m.date,
                    weight: m.weight,
                })
                .collect(),
        })
        .collect()
}

/// The points of a series as drawn: sorted by date, one per date, the heaviest of the day.
fn progression(points: &[Point]) -> Vec<Point> {
    let mut points = points.to_vec();
    points.sort_by_key(|p| (p.date, Reverse(p.weight)));
    points.dedup_by_key(|p| p.date);
    points
}

/// The chart of `series` in `frame`; `None` when no series has a point.
///
/// X is linear in days from the earliest to the latest date of all series (a single date is
/// centred). Y runs from a nice floor at or below the lightest max to a nice ceiling at or
/// above the heaviest, in 4 to 6 ticks of 1, 2, 2.5 or 5 × 10ⁿ kg, never below 0 unless a
/// weight is; a single weight gets a range of about ±10 % around it. Heavier is higher (a
/// smaller y).
pub fn chart<K: Clone>(series: &[Series<K>], frame: Frame) -> Option<Chart<K>> {
    let frame = frame.sanitized();
    let drawn: Vec<(&K, Vec<Point>)> = series
        .iter()
        .map(|s| (&s.key, progression(&s.points)))
        .filter(|(_, points)| !points.is_empty())
        .collect();
    let all = || drawn.iter().flat_map(|(_, points)| points.iter());
    let first = all().map(|p| p.date).min()?;
    let last = all().map(|p| p.date).max()?;
    let lightest = all().map(|p| i128::from(p.weight.grams())).min()?;
    let heaviest = all().map(|p| i128::from(p.weight.grams())).max()?;

    let (left, right) = (frame.plot_left(), frame.plot_right());
    let (top, bottom) = (frame.plot_top(), frame.plot_bottom());
    let days = (last - first).num_days();
    let x_of = |date: NaiveDate| {
        if days <= 0 {
            tenths((left + right) / 2.0)
        } else {
            tenths(left + (date - first).num_days() as f64 / days as f64 * (right - left))
        }
    };
    let scale = nice_scale(lightest, heaviest);
    let y_of = |grams: i128| {
        let span = scale.ceil - scale.floor;
        if span <= 0 {
            tenths((top + bottom) / 2.0)
        } else {
            tenths(bottom - (grams - scale.floor) as f64 / span as f64 * (bottom - top))
        }
    };

    let lines = drawn
        .iter()
        .map(|(key, points)| {
            let dots: Vec<Dot> = points
                .iter()
                .map(|p| Dot {
                    x: x_of(p.date),
                    y: y_of(i128::from(p.weight.grams())),
                    date: p.date,
                    weight: p.weight,
                })
                .collect();
            let mut path = String::new();
            for (i, dot) in dots.iter().enumerate() {
                let command = if i == 0 { "M" } else { " L" };
                let _ = write!(path, "{command} {} {}", dot.x, dot.y);
            }
            Line {
                key: (*key).clone(),
                path,
                dots,
            }
        })
        .collect();

    let y_ticks = (0..)
        .map(|i| scale.floor + i * scale.step)
        .take_while(|grams| *grams <= scale.ceil && scale.step > 0)
        .filter_map(|grams| {
            let weight = Kg::from_grams(i64::try_from(grams).ok()?);
            Some(Tick {
                position: y_of(grams),
                label: weight.to_string(),
                date: None,
                weight: Some(weight),
            })
        })
        .collect();
    let x_ticks = date_ticks(first, last)
        .into_iter()
        .map(|(date, label)| Tick {
            position: x_of(date),
            label,
            date: Some(date),
            weight: None,
        })
        .collect();

    Some(Chart {
        frame,
        lines,
        y_ticks,
        x_ticks,
    })
}

/// Each non-empty series in words, in the given order (same-day maxes count once, the
/// heaviest, as on the chart).
pub fn summaries<K: Clone>(series: &[Series<K>]) -> Vec<Summary<K>> {
    series
        .iter()
        .filter_map(|s| {
            let points = progression(&s.points);
            let first = *points.first()?;
            let latest = *points.last()?;
            let best = points
                .iter()
                .copied()
                .fold(first, |best, p| if p.weight > best.weight { p } else { best });
            Some(Summary {
                key: s.key.clone(),
                first,
                latest,
                best,
                count: points.len(),
            })
        })
        .collect()
}

/// `v` rounded to one decimal, without a negative zero.
fn tenths(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 || !r.is_finite() { 0.0 } else { r }
}

/// A weight axis in grams: `floor`, `floor + step`, … up to `ceil`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scale {
    floor: i128,
    ceil: i128,
    step: i128,
}

/// Weights closer than this, in grams, are scaled as one weight (ticks go by 10 g at least).
const NEARLY_EQUAL: i128 = 50;

/// The nice weight axis for weights from `lightest` to `heaviest` grams.
///
/// Of the steps 1, 2, 2.5, 5 × 10ⁿ kg (from 10 g up) giving at most six ticks, it prefers 4
/// to 6 ticks, then the tightest range, then five ticks, then the smaller step. A single
/// weight (or nearly: within 50 g) is widened by 10 % of itself (at least 1 kg) each way, not
/// below 0 if it is not.
fn nice_scale(lightest: i128, heaviest: i128) -> Scale {
    let (lo, hi) = if heaviest - lightest >= NEARLY_EQUAL {
        (lightest, heaviest)
    } else {
        let pad = (heaviest.abs() / 10).max(1000);
        let lo = heaviest - pad;
        (if lightest >= 0 { lo.max(0) } else { lo }, heaviest + pad)
    };
    let mut best: Option<((bool, i128, i128, i128), Scale)> = None;
    for n in 1..=21 {
        let base = 10_i128.pow(n);
        for step in [base, 2 * base, base * 5 / 2, 5 * base] {
            let floor = lo.div_euclid(step) * step;
            let ceil = -(-hi).div_euclid(step) * step;
            let count = (ceil - floor) / step + 1;
            if count > i128::from(MAX_TICKS) {
                continue;
            }
            let key = (!(4..=6).contains(&count), ceil - floor, (count - 5).abs(), step);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, Scale { floor, ceil, step }));
            }
        }
    }
    best.map_or(
        Scale {
            floor: lo,
            ceil: hi,
            step: hi - lo,
        },
        |(_, scale)| scale,
    )
}

/// A month counted from year 0: `year × 12 + month − 1`.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// The first day of the month `index` (see [`month_index`]).
fn month_start(index: i64) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The date axis from `first` to `last`: month starts within the range, every 1st, 2nd, 3rd,
/// 6th or 12th month (then every 2, 5, 10… years) so that at most six show, aligned on the
/// calendar (every 3rd: January, April, July, October); over less than a month, the first
/// and last dates.
fn date_ticks(first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, String)> {
    let ends = || {
        let mut ticks = vec![(first, first.to_string())];
        if last != first {
            ticks.push((last, last.to_string()));
        }
        ticks
    };
    let under_a_month = first
        .checked_add_months(Months::new(1))
        .is_none_or(|month_later| last < month_later);
    if under_a_month {
        return ends();
    }
    let a = month_index(first) + i64::from(first.day() != 1);
    let b = month_index(last);
    let every = [1, 2, 3, 6]
        .into_iter()
        .chain((0..8).flat_map(|n| {
            let p = 10_i64.pow(n);
            [12 * p, 24 * p, 60 * p]
        }))
        .find(|&k| b.div_euclid(k) - (-(-a).div_euclid(k)) < MAX_TICKS)
        .unwrap_or(1);
    let ticks: Vec<_> = (-(-a).div_euclid(every)..=b.div_euclid(every))
        .filter_map(|i| month_start(i * every))
        .map(|date| (date, format!("{:04}-{:02}", date.year(), date.month())))
        .collect();
    if ticks.is_empty() { ends() } else { ticks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maxes::MaxKind;
    use proptest::prelude::*;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn p(date: NaiveDate, grams: i64) -> Point {
        Point {
            date,
            weight: Kg::from_grams(grams),
        }
    }

    fn one(points: Vec<Point>) -> Vec<Series<&'static str>> {
        vec![Series {
            key: "snatch",
            points,
        }]
    }

    /// The chart of one series of these points, in the default frame.
    fn chart_of(points: Vec<Point>) -> Chart<&'static str> {
        chart(&one(points), Frame::default()).unwrap()
    }

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn a_two_point_series_lands_on_the_corners_of_the_plotting_area() {
        let chart = chart_of(vec![p(d(2025, 12, 31), 140_000), p(d(2025, 1, 1), 60_000)]);
        let line = &chart.lines[0];
        assert_eq!(line.key, "snatch");
        assert_eq!((line.dots[0].x, line.dots[0].y), (48.0, 248.0));
        assert_eq!((line.dots[1].x, line.dots[1].y), (624.0, 16.0));
        assert_eq!(line.dots[0].date, d(2025, 1, 1));
        assert_eq!(line.path, "M 48 248 L 624 16");
        assert_eq!(labels(&chart.y_ticks), ["60", "80", "100", "120", "140"]);
        assert_eq!(chart.y_ticks[0].position, 248.0);
        assert_eq!(chart.y_ticks[4].position, 16.0);
        assert_eq!(chart.y_ticks[4].weight, Some(Kg::whole(140)));
    }

    #[test]
    fn a_heavier_max_is_drawn_higher() {
        let chart = chart_of(vec![
            p(d(2025, 1, 1), 80_000),
            p(d(2025, 2, 1), 85_500),
            p(d(2025, 3, 1), 83_000),
            p(d(2025, 4, 1), 90_000),
        ]);
        let y: Vec<f64> = chart.lines[0].dots.iter().map(|dot| dot.y).collect();
        assert!(y[1] < y[0] && y[2] > y[1] && y[2] < y[0] && y[3] < y[1]);
        assert!(chart.y_ticks.windows(2).all(|w| w[1].position < w[0].position));
        let x: Vec<f64> = chart.lines[0].dots.iter().map(|dot| dot.x).collect();
        assert!(x.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn of_several_maxes_on_a_day_the_heaviest_is_kept() {
        let chart = chart_of(vec![
            p(d(2025, 3, 1), 100_000),
            p(d(2025, 1, 1), 90_000),
            p(d(2025, 3, 1), 102_500),
            p(d(2025, 3, 1), 95_000),
        ]);
        let dots = &chart.lines[0].dots;
        assert_eq!(dots.len(), 2);
        assert_eq!((dots[0].date, dots[0].weight), (d(2025, 1, 1), Kg::whole(90)));
        assert_eq!(
            (dots[1].date, dots[1].weight),
            (d(2025, 3, 1), Kg::from_grams(102_500))
        );
        assert_eq!(chart.lines[0].path.matches('L').count(), 1);
    }

    #[test]
    fn weight_ticks_are_nice_and_cover_the_range() {
        // 60 to 142.5 kg: 25 kg steps from 50 to 150.
        assert_eq!(
            nice_scale(60_000, 142_500),
            Scale {
                floor: 50_000,
                ceil: 150_000,
                step: 25_000
            }
        );
        let chart = chart_of(vec![p(d(2025, 1, 1), 60_000), p(d(2025, 6, 1), 142_500)]);
        assert_eq!(labels(&chart.y_ticks), ["50", "75", "100", "125", "150"]);
        // Small ranges get small steps, and the floor never goes below 0.
        assert_eq!(
            nice_scale(95_000, 102_000),
            Scale {
                floor: 95_000,
                ceil: 102_500,
                step: 2_500
            }
        );
        assert_eq!(
            nice_scale(0, 30_000),
            Scale {
                floor: 0,
                ceil: 30_000,
                step: 10_000
            }
        );
        assert_eq!(nice_scale(5_000, 180_000).floor, 0);
        // Weights a few grams apart are scaled as one.
        assert_eq!(nice_scale(100_000, 100_001), nice_scale(100_001, 100_001));
    }

    #[test]
    fn a_single_point_is_centred_in_a_range_around_it() {
        let chart = chart_of(vec![p(d(2025, 5, 17), 100_000)]);
        let dot = chart.lines[0].dots[0];
        assert_eq!((dot.x, dot.y), (336.0, 132.0));
        assert_eq!(chart.lines[0].path, "M 336 132");
        assert_eq!(labels(&chart.y_ticks), ["90", "95", "100", "105", "110"]);
        assert_eq!(labels(&chart.x_ticks), ["2025-05-17"]);
        assert_eq!(chart.x_ticks[0].position, 336.0);
        // A max of 0 kg still gets a range, starting at 0.
        let zero = chart_of_weights(&[0]);
        assert_eq!(zero.y_ticks.first().and_then(|t| t.weight), Some(Kg::ZERO));
        assert_eq!(zero.lines[0].dots[0].y, 248.0);
    }

    fn chart_of_weights(grams: &[i64]) -> Chart<&'static str> {
        let points = grams
            .iter()
            .enumerate()
            .map(|(i, &g)| p(d(2025, 1, 1) + chrono::Days::new(i as u64 * 7), g))
            .collect();
        chart_of(points)
    }

    #[test]
    fn equal_weights_make_a_flat_line_in_the_middle() {
        let chart = chart_of_weights(&[120_000, 120_000, 120_000]);
        assert!(chart.lines[0].dots.iter().all(|dot| dot.y == 132.0));
        assert_eq!(labels(&chart.y_ticks), ["100", "110", "120", "130", "140"]);
    }

    #[test]
    fn month_ticks_are_thinned_over_two_years() {
        let chart = chart_of(vec![p(d(2024, 1, 15), 80_000), p(d(2026, 1, 10), 90_000)]);
        assert_eq!(
            labels(&chart.x_ticks),
            ["2024-07", "2025-01", "2025-07", "2026-01"]
        );
        assert_eq!(chart.x_ticks[0].date, Some(d(2024, 7, 1)));
        assert!(chart.x_ticks.iter().all(|t| t.weight.is_none()));
        assert!(chart.x_ticks.windows(2).all(|w| w[0].position < w[1].position));

        // Half a year: every month, the first one on the left edge.
        let ticks = date_ticks(d(2026, 1, 1), d(2026, 6, 30));
        assert_eq!(ticks.len(), 6);
        assert_eq!(ticks[0], (d(2026, 1, 1), "2026-01".to_owned()));
        // Ten years: every other year.
        let ticks = date_ticks(d(2016, 3, 1), d(2026, 3, 1));
        assert!(ticks.len() <= 6, "{ticks:?}");
        assert_eq!(ticks[0].1, "2018-01");
        // Across the whole calendar chrono knows: still at most six.
        assert!(date_ticks(NaiveDate::MIN, NaiveDate::MAX).len() <= 6);
        for months in 1..=400 {
            let last = d(2020, 1, 20).checked_add_months(Months::new(months)).unwrap();
            let n = date_ticks(d(2020, 1, 20), last).len();
            assert!((1..=6).contains(&n), "{months} months: {n} ticks");
        }
    }

    #[test]
    fn under_a_month_the_first_and_last_dates_are_ticked() {
        let chart = chart_of(vec![p(d(2026, 3, 3), 80_000), p(d(2026, 3, 20), 82_000)]);
        assert_eq!(labels(&chart.x_ticks), ["2026-03-03", "2026-03-20"]);
        assert_eq!(chart.x_ticks[0].date, Some(d(2026, 3, 3)));
        assert_eq!(chart.x_ticks[0].position, 48.0);
        assert_eq!(chart.x_ticks[1].position, 624.0);
    }

    #[test]
    fn no_point_no_chart_and_empty_series_are_dropped() {
        assert!(chart::<&str>(&[], Frame::default()).is_none());
        assert!(chart(&one(vec![]), Frame::default()).is_none());
        let series = vec![
            Series {
                key: "snatch",
                points: vec![],
            },
            Series {
                key: "clean_and_jerk",
                points: vec![p(d(2025, 1, 1), 120_000)],
            },
        ];
        let chart = chart(&series, Frame::default()).unwrap();
        assert_eq!(chart.lines.len(), 1);
        assert_eq!(chart.lines[0].key, "clean_and_jerk");
        assert_eq!(summaries(&series).len(), 1);
    }

    #[test]
    fn summaries_give_first_latest_and_best() {
        let series = one(vec![
            p(d(2025, 6, 1), 95_000),
            p(d(2025, 1, 1), 80_000),
            p(d(2025, 3, 1), 97_500),
            p(d(2025, 1, 1), 82_000),
            p(d(2025, 9, 1), 97_500),
        ]);
        let summary = &summaries(&series)[0];
        assert_eq!(summary.key, "snatch");
        assert_eq!(summary.first, p(d(2025, 1, 1), 82_000));
        assert_eq!(summary.latest, p(d(2025, 9, 1), 97_500));
        assert_eq!(summary.best, p(d(2025, 3, 1), 97_500));
        assert_eq!(summary.count, 4);
    }

    #[test]
    fn series_come_from_a_history_of_maxes() {
        let max = |exercise, date, kg| Max {
            exercise,
            date,
            weight: Kg::whole(kg),
            kind: MaxKind::Tested,
        };
        let history = [
            max("snatch", d(2025, 1, 1), 90),
            max("clean", d(2025, 1, 1), 120),
            max("snatch", d(2025, 2, 1), 92),
        ];
        let series = series_from_maxes(&history, &["clean", "snatch", "jerk"]);
        assert_eq!(series.len(), 3);
        assert_eq!(series[0].points, [p(d(2025, 1, 1), 120_000)]);
        assert_eq!(series[1].points.len(), 2);
        assert!(series[2].points.is_empty());
    }

    fn assert_sound<K>(chart: &Chart<K>) {
        let f = chart.frame;
        let inside_x = |x: f64| x >= f.plot_left() - 0.05 && x <= f.plot_right() + 0.05;
        let inside_y = |y: f64| y >= f.plot_top() - 0.05 && y <= f.plot_bottom() + 0.05;
        for line in &chart.lines {
            assert!(
                !line.path.contains("NaN") && !line.path.contains("inf"),
                "{}",
                line.path
            );
            assert!(line.path.starts_with("M "));
            for dot in &line.dots {
                assert!(inside_x(dot.x) && inside_y(dot.y), "{dot:?} outside {f:?}");
            }
        }
        assert!(!chart.y_ticks.is_empty() && chart.y_ticks.len() <= 7);
        assert!((1..=6).contains(&chart.x_ticks.len()));
        assert!(chart.y_ticks.iter().all(|t| inside_y(t.position)));
        assert!(chart.x_ticks.iter().all(|t| inside_x(t.position)));
    }

    #[test]
    fn extreme_weights_dates_and_frames_stay_finite() {
        let series = vec![
            Series {
                key: 1,
                points: vec![p(NaiveDate::MIN, i64::MIN), p(NaiveDate::MAX, i64::MAX)],
            },
            Series {
                key: 2,
                points: vec![p(d(2025, 1, 1), 0)],
            },
        ];
        let frames = [
            Frame::default(),
            Frame {
                width: f64::NAN,
                height: f64::INFINITY,
                left: -5.0,
                right: 1e300,
                top: f64::NEG_INFINITY,
                bottom: 0.0,
            },
            Frame {
                width: 10.0,
                height: 10.0,
                left: 20.0,
                right: 20.0,
                top: 20.0,
                bottom: 20.0,
            },
        ];
        for frame in frames {
            assert_sound(&chart(&series, frame).unwrap());
            assert_sound(&chart(&one(vec![p(NaiveDate::MAX, i64::MAX)]), frame).unwrap());
            assert_sound(&chart(&one(vec![p(NaiveDate::MIN, i64::MIN)]), frame).unwrap());
        }
    }

    proptest! {
        #[test]
        fn random_series_give_finite_coordinates_inside_the_frame(
            series in prop::collection::vec(
                prop::collection::vec((0_i64..20_000, 0_i64..=500_000), 0..12),
                0..5,
            ),
            width in 0.0_f64..2000.0,
            height in 0.0_f64..2000.0,
            margins in prop::array::uniform4(0.0_f64..100.0),
        ) {
            let series: Vec<Series<usize>> = series
                .into_iter()
                .enumerate()
                .map(|(key, points)| Series {
                    key,
                    points: points
                        .into_iter()
                        .map(|(days, grams)| p(d(2000, 1, 1) + chrono::Days::new(days as u64), grams))
                        .collect(),
                })
                .collect();
            let frame = Frame {
                width,
                height,
                left: margins[0],
                right: margins[1],
                top: margins[2],
                bottom: margins[3],
            };
            let any_point = series.iter().any(|s| !s.points.is_empty());
            match chart(&series, frame) {
                None => prop_assert!(!any_point),
                Some(chart) => {
                    assert_sound(&chart);
                    let heaviest = series.iter().flat_map(|s| &s.points).map(|p| p.weight).max();
                    let top = chart.y_ticks.last().and_then(|t| t.weight);
                    prop_assert!(top >= heaviest);
                    prop_assert!(chart.y_ticks.first().and_then(|t| t.weight) >= Some(Kg::ZERO));
                    prop_assert_eq!(summaries(&series).len(), chart.lines.len());
                }
            }
        }

        #[test]
        fn nice_scales_are_nice(
            lo in 0_i128..10_000_000,
            extra in prop_oneof![0_i128..100, 0_i128..10_000, 0_i128..10_000_000],
        ) {
            let hi = lo + extra;
            let scale = nice_scale(lo, hi);
            prop_assert!(scale.floor >= 0 && scale.floor <= lo && scale.ceil >= hi);
            let count = (scale.ceil - scale.floor) / scale.step + 1;
            prop_assert!((4..=6).contains(&count), "{:?} for {}..{}", scale, lo, hi);
            let mut mantissa = scale.step;
            while mantissa % 10 == 0 {
                mantissa /= 10;
            }
            prop_assert!([1, 2, 25, 5].contains(&mantissa), "{:?}", scale);
            prop_assert_eq!(scale.floor % scale.step, 0);
        }
    }
}
