//! The Capacity tab's charts: history with the fitted model, the forecast with its 95% band,
//! the capacity and headroom lines and where the band's upper bound and the trend (the forecast,
//! for a pattern model) reach the capacity, each marked on the capacity line and told with its
//! date in rows above the plot, off the lines; the weekday × hour heatmap and the hourly bars.
//!
//! Long series are reduced for drawing only: each pixel column of the history keeps the lowest
//! and highest value that falls in it, in time order, so every peak and trough of the history
//! still shows. The model is drawn so that the history stays readable under it
//! ([`ModelDrawing`]): a pattern model where a pixel column holds more than an hour by its
//! highest and lowest value over each day (or whole weeks), as two lines, and its band from the
//! lowest lower bound to the highest upper bound over the same stretches. All maths uses every
//! sample.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{text_width_em, Svg};
use super::{failed_chart, font, ChartWidth};
use crate::calc::capacity::patterns::{Patterns, WEEKDAYS};
use crate::calc::capacity::series::{
    date_of, reduce_min_max, Scale, MAX_ABS_VALUE, MS_PER_DAY, MS_PER_HOUR,
};
use crate::calc::decimal::days_phrase;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 340;
/// Pixels the plot area of the forecast chart is wide (the width less the axis and margins).
const PLOT_COLUMNS: usize = 620;
/// The forecast chart's margin around the plot (on the right, where the last date's label
/// needs room), and the width and height of its axes' labels.
const MARGIN: u32 = 12;
const MARGIN_RIGHT: u32 = 24;
const Y_LABEL_AREA: u32 = 64;
const X_LABEL_AREA: u32 = 40;
/// The size of the axes' labels, as given to [`font`]: that of the other tabs' charts (at 13 px,
/// drawn 400 px wide and shown at 375, they were about 7.6 px high).
const AXIS_PX: f64 = 14.0;
/// The least gap between two of the time axis's labels, in pixels.
const TICK_LABEL_GAP: f64 = 12.0;
/// The room the time axis gives each tick, in pixels: 9 ticks at most under the full 720, 5
/// under the narrow 400.
const TICK_ROOM: u32 = 75;
/// The size of the crossings' labels, as given to [`font`]: the axes' size, that of the other
/// tabs' charts.
const LABEL_PX: f64 = 14.0;
/// The height of a row of the crossings' labels above the plot, the width of a label's mark
/// before its words, and the least gap between two labels in a row, in pixels.
const LABEL_ROW: u32 = 22;
const LABEL_MARK: i32 = 20;
const LABEL_GAP: i32 = 16;
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);
const HISTORY_COLOUR: RGBColor = RGBColor(100, 116, 139);
const MODEL_COLOUR: RGBColor = RGBColor(37, 99, 235);
const BAND_FILL: RGBAColor = RGBAColor(37, 99, 235, 0.18);
/// A pattern model's line over the history, drawn under it: wide and faint, so the history
/// shows on it where the two agree.
const FITTED_UNDER: ShapeStyle = ShapeStyle {
    color: RGBAColor(37, 99, 235, 0.45),
    filled: false,
    stroke_width: 3,
};
const CAPACITY_COLOUR: RGBColor = RGBColor(220, 38, 38);
const HEADROOM_COLOUR: RGBColor = RGBColor(217, 119, 6);
const PEAK_COLOUR: RGBColor = RGBColor(220, 38, 38);
const BAR_COLOUR: RGBColor = RGBColor(37, 99, 235);

/// What the forecast chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastView {
    /// The history (already reduced for drawing, or not).
    pub history: Vec<(i64, f64)>,
    /// The model at each sample time.
    pub fitted: Vec<(i64, f64)>,
    /// Whether the model has a level per hour of the day or of the week (the trend + pattern
    /// model), so that its line goes up and down every day.
    pub hourly_pattern: bool,
    /// (time, value, lower, upper) over the horizon.
    pub forecast: Vec<(i64, f64, f64, f64)>,
    pub capacity: Option<f64>,
    pub headroom_line: Option<f64>,
    /// When the trend reaches the capacity, and its date as the page writes it.
    pub crossing: Option<(i64, String)>,
    /// When the upper bound of the 95% band reaches the capacity, and its date.
    pub upper_crossing: Option<(i64, String)>,
}

/// The forecast chart's caption, also its accessible name: what the chart drawn for `fit`
/// shows of `view`, the forecast of the series named `series` by the model named `model` over
/// `horizon_days`.
pub fn forecast_caption(
    view: &ForecastView,
    fit: ChartWidth,
    model: &str,
    series: &str,
    horizon_days: u32,
) -> String {
    let band = format!(
        "its 95% prediction band over {}",
        days_phrase(&horizon_days.to_string())
    );
    let drawn = match model_drawing(view, fit) {
        ModelDrawing::Trend | ModelDrawing::OverHistory => {
            format!("the model (blue; dashed ahead) with {band} (light blue)")
        }
        ModelDrawing::UnderHistory => format!(
            "the model (blue, wide and faint under the history; dashed ahead) with {band} \
             (light blue)"
        ),
        ModelDrawing::Extremes { days } => {
            let (stretch, pixel) = match days {
                1 => ("day".to_string(), "an hour"),
                7 => ("week".to_string(), "a day"),
                _ => (format!("stretch of {} weeks", days / 7), "a day"),
            };
            format!(
                "the model's highest and lowest value over each {stretch}, as a pixel holds \
                 more than {pixel} (blue; dashed ahead), with {band} (light blue: the lowest \
                 lower bound to the highest upper bound over each {stretch})"
            )
        }
    };
    let mut caption = format!("{model} of “{series}”: history (grey), {drawn}");
    if let Some(capacity) = view.capacity {
        caption.push_str(", the capacity line (red) and the headroom line (amber)");
        // Crossings are marked on a capacity within the values the axis is drawn for.
        let marked = capacity.abs() <= MAX_ABS_VALUE;
        let marks = (
            view.upper_crossing.as_ref().filter(|_| marked),
            view.crossing.as_ref().filter(|_| marked),
        );
        // A pattern model's forecast reaches the capacity at its peak hours, before its trend.
        let what = if view.hourly_pattern {
            "the forecast"
        } else {
            "the trend"
        };
        caption.push_str(&match marks {
            (Some(_), Some(_)) => format!(
                ", and where the band's upper bound reaches the capacity (blue ring) and where \
                 {what} does (red dot)"
            ),
            (Some(_), None) => {
                ", and where the band's upper bound reaches the capacity (blue ring)".to_string()
            }
            (None, Some(_)) => format!(", and where {what} reaches the capacity (red dot)"),
            (None, None) => String::new(),
        });
    }
    caption.push('.');
    caption
}

/// The crossings marked on the forecast chart, each with its label's words and whether it is
/// the trend's (or the forecast's, for a pattern model): none when the capacity is past the
/// values the axis is drawn for (it is not on the chart).
fn crossing_marks(view: &ForecastView) -> Vec<(i64, String, bool)> {
    if !view.capacity.is_some_and(|c| c.abs() <= MAX_ABS_VALUE) {
        return Vec::new();
    }
    let what = if view.hourly_pattern {
        "forecast"
    } else {
        "trend"
    };
    [
        (&view.upper_crossing, "upper bound", false),
        (&view.crossing, what, true),
    ]
    .into_iter()
    .filter_map(|(crossing, words, trend)| {
        let (t, date) = crossing.as_ref()?;
        Some((*t, format!("{words} reaches the capacity: {date}"), trend))
    })
    .collect()
}

/// Where each crossing's label goes above the plot, a chart `width` pixels wide: its left edge
/// and row, side by side from the chart's left margin, a row down where one would run past the
/// right edge.
fn label_places(labels: &[String], width: u32) -> Vec<(i32, i32)> {
    let left = MARGIN as i32;
    let right = (width - MARGIN) as i32;
    let (mut x, mut row) = (left, 0);
    labels
        .iter()
        .map(|label| {
            let entry = LABEL_MARK + (text_width_em(label) * LABEL_PX / 1.24).ceil() as i32;
            if x > left && x + entry > right {
                (x, row) = (left, row + 1);
            }
            let place = (x, row);
            x += entry + LABEL_GAP;
            place
        })
        .collect()
}

/// Draws the forecast chart; an SVG document as text.
pub fn forecast_chart(view: &ForecastView, fit: ChartWidth) -> String {
    let mut svg = String::new();
    let width = fit.width(WIDTH);
    if draw_forecast(&mut svg, view, width).is_err() {
        return failed_chart(width, HEIGHT);
    }
    svg
}

/// A step between the time axis's ticks, which sit on whole multiples of it: of seconds, minutes
/// or days since 1970-01-01, or of months since the year 0 (so a year's ticks are on 1 January).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TickStep {
    Seconds(i64),
    Minutes(i64),
    Days(i64),
    Months(i64),
}

/// The steps the time axis may take, finest first.
const TICK_STEPS: [TickStep; 38] = [
    TickStep::Seconds(1),
    TickStep::Seconds(2),
    TickStep::Seconds(5),
    TickStep::Seconds(10),
    TickStep::Seconds(15),
    TickStep::Seconds(30),
    TickStep::Minutes(1),
    TickStep::Minutes(2),
    TickStep::Minutes(5),
    TickStep::Minutes(10),
    TickStep::Minutes(15),
    TickStep::Minutes(30),
    TickStep::Minutes(60),
    TickStep::Minutes(120),
    TickStep::Minutes(180),
    TickStep::Minutes(360),
    TickStep::Minutes(720),
    TickStep::Days(1),
    TickStep::Days(2),
    TickStep::Days(3),
    TickStep::Days(4),
    TickStep::Days(7),
    TickStep::Days(14),
    // Two months on a phone's 400 px: 14 days apart, 14 px dates touch; a month has 2 ticks.
    TickStep::Days(21),
    TickStep::Months(1),
    TickStep::Months(2),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Months(12),
    TickStep::Months(24),
    TickStep::Months(60),
    TickStep::Months(120),
    TickStep::Months(240),
    TickStep::Months(600),
    TickStep::Months(1_200),
    TickStep::Months(2_400),
    TickStep::Months(6_000),
    TickStep::Months(12_000),
];

/// The time of the first day of the month `index` months after January of the year 0 (any
/// year, also past 9999, where no date is written).
fn month_start_ms(index: i64) -> i64 {
    let date = crate::calc::date::CivilDate {
        year: index.div_euclid(12) as i32,
        month: index.rem_euclid(12) as u32 + 1,
        day: 1,
    };
    date.days_since_epoch() * MS_PER_DAY
}

/// The ticks of `step` from `start` to `end` (ms, inclusive); `None` when there would be more
/// than `most`.
fn ticks_of(step: TickStep, start: i64, end: i64, most: usize) -> Option<Vec<i64>> {
    let mut ticks = Vec::new();
    let mut push = |t: i64| {
        ticks.push(t);
        ticks.len() <= most
    };
    let step_ms = match step {
        TickStep::Seconds(seconds) => seconds * 1_000,
        TickStep::Minutes(minutes) => minutes * 60_000,
        TickStep::Days(days) => days * MS_PER_DAY,
        TickStep::Months(months) => {
            let first =
                date_of(start).map_or(0, |d| i64::from(d.year) * 12 + i64::from(d.month) - 1);
            let mut index = first.div_euclid(months) * months;
            while month_start_ms(index) <= end {
                if month_start_ms(index) >= start && !push(month_start_ms(index)) {
                    return None;
                }
                index += months;
            }
            return Some(ticks);
        }
    };
    let mut t = start.div_euclid(step_ms) * step_ms;
    if t < start {
        t += step_ms;
    }
    while t <= end {
        if !push(t) {
            return None;
        }
        t += step_ms;
    }
    Some(ticks)
}

/// The label of each tick of `step`: for steps within a day, a time of day (`14:30`, or
/// `14:30:05` for steps of seconds), its date alone at midnight (`2026-03-15`), and both at the
/// first tick when no tick is at midnight (`2026-03-14 14:30`); else a date, a month (`2026-03`) or a year (`2026`). Past the
/// year 9999 the first tick reads `after 9999` and the rest are left unlabelled.
fn tick_labels(step: TickStep, ticks: &[i64]) -> Vec<String> {
    let any_midnight = ticks.iter().any(|t| t.rem_euclid(MS_PER_DAY) == 0);
    let mut past_9999 = false;
    ticks
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            let Some(date) = date_of(t) else {
                let first = !past_9999;
                past_9999 = true;
                return if first {
                    "after 9999".to_string()
                } else {
                    String::new()
                };
            };
            match step {
                TickStep::Seconds(_) | TickStep::Minutes(_) => {
                    let second = t.rem_euclid(MS_PER_DAY) / 1_000;
                    let (hour, minute) = (second / 3_600, second / 60 % 60);
                    let time = match step {
                        TickStep::Seconds(_) => {
                            format!("{hour:02}:{minute:02}:{:02}", second % 60)
                        }
                        _ => format!("{hour:02}:{minute:02}"),
                    };
                    if second == 0 {
                        date.to_string()
                    } else if i == 0 && !any_midnight {
                        format!("{date} {time}")
                    } else {
                        time
                    }
                }
                TickStep::Days(_) => date.to_string(),
                TickStep::Months(m) if m < 12 => format!("{:04}-{:02}", date.year, date.month),
                TickStep::Months(_) => format!("{:04}", date.year),
            }
        })
        .collect()
}

/// The width of a label of the time axis as the SVG writes it, in pixels.
fn axis_label_width(label: &str) -> f64 {
    text_width_em(label) * AXIS_PX / 1.24
}

/// Where the label of a tick at `x` is centred on a chart `width` pixels wide: under its tick,
/// or moved in just enough to stay on the chart (a tick at the plot's right end, where the
/// margin is narrower than half a date, keeps its label).
fn label_centre(x: f64, label: &str, width: f64) -> f64 {
    let half = axis_label_width(label) / 2.0;
    x.min(width - half).max(half)
}

/// Whether `labels` of ticks at `xs` (pixels, left to right), each centred by
/// [`label_centre`], stay apart by [`TICK_LABEL_GAP`] on a chart `width` pixels wide; empty
/// labels take no room.
fn labels_fit(xs: &[f64], labels: &[String], width: f64) -> bool {
    let boxes: Vec<(f64, f64)> = xs
        .iter()
        .zip(labels)
        .filter(|(_, label)| !label.is_empty())
        .map(|(&x, label)| {
            let (centre, half) = (label_centre(x, label, width), axis_label_width(label) / 2.0);
            (centre - half, centre + half)
        })
        .collect();
    boxes
        .windows(2)
        .all(|pair| pair[0].1 + TICK_LABEL_GAP <= pair[1].0)
}

/// The time axis's ticks from `start` to `end` (ms) under a plot from `plot` (left and right
/// pixel) in a chart `width` pixels wide, with their labels: the finest step whose labels, as
/// wide as their text, fit apart and on the chart, with at most one tick each [`TICK_ROOM`]
/// pixels. A span too short for two ticks has one at its start, with its date and time.
fn time_ticks(start: i64, end: i64, plot: (f64, f64), width: u32) -> Vec<(i64, String)> {
    let most = (width / TICK_ROOM).max(3) as usize;
    let x_of =
        |t: i64| plot.0 + (t - start) as f64 / (end - start).max(1) as f64 * (plot.1 - plot.0);
    TICK_STEPS
        .iter()
        .filter_map(|&step| {
            let ticks = ticks_of(step, start, end, most)?;
            let labels = tick_labels(step, &ticks);
            let xs: Vec<f64> = ticks.iter().map(|&t| x_of(t)).collect();
            (ticks.len() >= 2 && labels_fit(&xs, &labels, f64::from(width)))
                .then(|| ticks.into_iter().zip(labels).collect())
        })
        .next()
        .unwrap_or_else(|| vec![(start, tick_labels(TickStep::Minutes(1), &[start]).remove(0))])
}

/// The range of the values within ±1e100, the range values are read in: beyond it (a fast
/// exponential forecast reaches 1e300 and more) the axis arithmetic overflows to infinity, and
/// the chart would have no scale. Points beyond are drawn at the chart's edge.
fn finite_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite() && v.abs() <= MAX_ABS_VALUE)
        .fold(None, |range, v| match range {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
}

/// A line to draw: (time, value) in time order.
type Line = Vec<(i64, f64)>;

/// How the forecast chart draws the model: every sample of a short series is drawn, but over a
/// long one a pattern model goes up and down within each pixel column and, as a line through
/// every hour, would hide the history and fill the horizon with a zigzag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelDrawing {
    /// A trend (linear or exponential): a line over the history, 2 px wide.
    Trend,
    /// A pattern model over a history drawn through every sample (at most two a pixel
    /// column): wide and faint under the history, which shows on it where the two agree.
    UnderHistory,
    /// A pattern model over a history that fills its pixel columns (each one's lowest and
    /// highest sample): a thin line over it.
    OverHistory,
    /// A pattern model where a pixel column holds more than an hour: its highest and lowest value
    /// over each stretch of `days` days around each column (a day, or whole weeks where a
    /// column holds more than a day, so that every weekday is in each), two thin lines over the
    /// history and two dashed ones ahead; the band likewise spans the interval's lowest lower
    /// bound to its highest upper bound over each stretch.
    Extremes { days: u32 },
}

/// How the forecast chart drawn for `fit` draws the model of `view`.
pub fn model_drawing(view: &ForecastView, fit: ChartWidth) -> ModelDrawing {
    model_drawing_at(view, fit.width(WIDTH))
}

/// Pixel columns of the forecast chart's plot `width` pixels wide (approximately).
fn plot_columns(width: u32) -> usize {
    PLOT_COLUMNS * width as usize / WIDTH as usize
}

fn model_drawing_at(view: &ForecastView, width: u32) -> ModelDrawing {
    let (Some(first), Some(last)) = (view.history.first(), view.history.last()) else {
        return ModelDrawing::Trend;
    };
    if !view.hourly_pattern {
        return ModelDrawing::Trend;
    }
    let end = view
        .forecast
        .last()
        .map_or(last.0, |f| f.0)
        .max(first.0 + 1);
    let column_ms = (end - first.0) as f64 / plot_columns(width) as f64;
    let history_columns = ((last.0 - first.0) as f64 / column_ms) as usize;
    if column_ms > MS_PER_DAY as f64 {
        let weeks = (column_ms / (7 * MS_PER_DAY) as f64).ceil() as u32;
        ModelDrawing::Extremes { days: 7 * weeks }
    } else if column_ms > MS_PER_HOUR as f64 {
        ModelDrawing::Extremes { days: 1 }
    } else if view.history.len() <= 2 * history_columns.max(1) {
        ModelDrawing::UnderHistory
    } else {
        ModelDrawing::OverHistory
    }
}

/// The highest and lowest of `points` (in time order) around each pixel column `column_ms` wide
/// from `start_ms`: over the column itself when `window_ms` is 0, else over `window_ms` centred on
/// it (moved inward at either end of the points, so it is never cut short). Returns (highs,
/// lows), one point per column that has points in its window, at the column's middle (kept
/// within the points' first and last time).
fn envelope(points: &[(i64, f64)], start_ms: i64, column_ms: f64, window_ms: i64) -> (Line, Line) {
    let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else {
        return (Vec::new(), Vec::new());
    };
    let column_of = |t: i64| ((t - start_ms) as f64 / column_ms).floor() as i64;
    let at = |column: f64| start_ms + (column * column_ms) as i64;
    let (mut highs, mut lows) = (Vec::new(), Vec::new());
    for column in column_of(first)..=column_of(last) {
        let middle = at(column as f64 + 0.5).clamp(first, last);
        // The window as [from, to): the column, or the window around it within the points.
        let (from, to) = if window_ms == 0 {
            (at(column as f64), at(column as f64 + 1.0))
        } else {
            // At least the column itself, where a column is wider than the window.
            let window_ms = window_ms.max(column_ms.ceil() as i64);
            let from = (middle - window_ms / 2).min(last - window_ms).max(first);
            (from, from + window_ms + 1)
        };
        let within = &points[points.partition_point(|p| p.0 < from)..];
        let within = &within[..within.partition_point(|p| p.0 < to)];
        let extremes = within.iter().fold(None, |range, &(_, v)| match range {
            None => Some((v, v)),
            Some((low, high)) => Some((f64::min(low, v), f64::max(high, v))),
        });
        if let Some((low, high)) = extremes {
            highs.push((middle, high));
            lows.push((middle, low));
        }
    }
    (highs, lows)
}

fn draw_forecast(svg: &mut String, view: &ForecastView, width: u32) -> Result<(), ()> {
    let plot_columns = plot_columns(width);
    let history = &view.history;
    let start = history.first().ok_or(())?.0;
    let end = view
        .forecast
        .last()
        .map_or(history[history.len() - 1].0, |f| f.0)
        .max(start + 1);
    let days = |t: i64| (t - start) as f64 / MS_PER_DAY as f64;
    let span_days = days(end);
    let columns_per_day = plot_columns as f64 / span_days.max(1e-9);
    let history_columns = ((days(history[history.len() - 1].0) * columns_per_day) as usize).max(1);
    let forecast_columns = ((plot_columns as f64 - history_columns as f64).max(1.0)) as usize;
    let column_ms = (end - start) as f64 / plot_columns as f64;
    let drawing = model_drawing_at(view, width);

    let history = reduce_min_max(history, history_columns);
    let line: Vec<(i64, f64)> = view.forecast.iter().map(|f| (f.0, f.1)).collect();
    // Drawn by its extremes, each line of the model is two: its highs and its lows.
    let (fitted, ahead, window_ms) = match drawing {
        ModelDrawing::Extremes { days } => {
            let window_ms = i64::from(days) * MS_PER_DAY;
            let (highs, lows) = envelope(&view.fitted, start, column_ms, window_ms);
            let (ahead_highs, ahead_lows) = envelope(&line, start, column_ms, window_ms);
            (vec![highs, lows], vec![ahead_highs, ahead_lows], window_ms)
        }
        _ => (
            vec![reduce_min_max(&view.fitted, history_columns)],
            vec![reduce_min_max(&line, forecast_columns)],
            0,
        ),
    };
    // The band is the interval's highest upper bound and lowest lower bound around each column.
    let (upper, _) = envelope(
        &view.forecast.iter().map(|f| (f.0, f.3)).collect::<Vec<_>>(),
        start,
        column_ms,
        window_ms,
    );
    let (_, lower) = envelope(
        &view.forecast.iter().map(|f| (f.0, f.2)).collect::<Vec<_>>(),
        start,
        column_ms,
        window_ms,
    );

    let (mut low, mut high) = finite_range(
        history
            .iter()
            .chain(fitted.iter().flatten())
            .chain(&upper)
            .chain(&lower)
            .map(|p| p.1)
            .chain(view.capacity)
            .chain(view.headroom_line),
    )
    .ok_or(())?;
    // A series of zeros (with no capacity) gets the axis −1 to 1, its line in the middle (padded
    // by 1e-9, its ticks read −1e-9 to 1e-9); any other, however tiny its values (1e-15), an
    // axis of their size, at least a thousandth of it each way, so that tick labels of four
    // significant digits differ (a series of 42 with noise of 1e-12 labelled five ticks "42").
    let pad = ((high - low) * 0.05).max(high.abs().max(low.abs()) * 1e-3);
    let pad = if pad > 0.0 { pad } else { 1.0 };
    low -= pad;
    high += pad;
    // A tick a float's width from zero reads 0.
    let axis = Scale::of(low.abs().max(high.abs()));

    // The crossings' labels go in rows above the plot, off the lines they tell of.
    let marks = crossing_marks(view);
    let labels: Vec<String> = marks.iter().map(|m| m.1.clone()).collect();
    let places = label_places(&labels, width);
    let label_rows = places.last().map_or(0, |&(_, row)| row as u32 + 1);
    let labels_height = label_rows * LABEL_ROW;
    // The time axis's ticks as days from the start, each with its label.
    let plot = (
        f64::from(MARGIN + Y_LABEL_AREA),
        f64::from(width - MARGIN_RIGHT),
    );
    let ticks: Vec<(f64, String)> = time_ticks(start, end, plot, width)
        .into_iter()
        .map(|(t, label)| (days(t), label))
        .collect();
    let root = Svg::area(svg, (width, HEIGHT + labels_height));
    let mut chart = ChartBuilder::on(&root)
        .margin(MARGIN)
        .margin_top(MARGIN + labels_height)
        .margin_right(MARGIN_RIGHT)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d(0.0..span_days, low..high)
        .map_err(|_| ())?;
    // The time axis's ticks and labels are drawn here, not by the mesh: plotters would place its
    // own ticks at round numbers of days and cannot be given others on an f64 axis.
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(AXIS_COLOUR)
        .label_style(font(AXIS_PX))
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| axis.value(*v))
        .draw()
        .map_err(|_| ())?;

    let label_style = font(AXIS_PX)
        .into_text_style(&root)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (day, label) in &ticks {
        let (x, y) = chart.backend_coord(&(*day, low));
        root.draw(&PathElement::new(
            vec![(x, y), (x, y + 5)],
            AXIS_COLOUR.stroke_width(1),
        ))
        .map_err(|_| ())?;
        let label_x = label_centre(f64::from(x), label, f64::from(width)).floor() as i32;
        root.draw(&Text::new(
            label.clone(),
            (label_x, y + 10),
            label_style.clone(),
        ))
        .map_err(|_| ())?;
    }

    let to_xy = |p: &(i64, f64)| (days(p.0), p.1.clamp(low, high));
    if !upper.is_empty() {
        let mut band: Vec<(f64, f64)> = upper.iter().map(to_xy).collect();
        band.extend(lower.iter().rev().map(to_xy));
        chart
            .draw_series(std::iter::once(Polygon::new(band, BAND_FILL.filled())))
            .map_err(|_| ())?;
    }
    let history_line = LineSeries::new(history.iter().map(to_xy), HISTORY_COLOUR.stroke_width(1));
    let model_line = |line: &Line, style: ShapeStyle| {
        LineSeries::new(line.iter().map(to_xy).collect::<Vec<_>>(), style)
    };
    match drawing {
        ModelDrawing::UnderHistory => {
            chart
                .draw_series(model_line(&fitted[0], FITTED_UNDER))
                .map_err(|_| ())?;
            chart.draw_series(history_line).map_err(|_| ())?;
        }
        ModelDrawing::Trend | ModelDrawing::OverHistory | ModelDrawing::Extremes { .. } => {
            let width = if drawing == ModelDrawing::Trend { 2 } else { 1 };
            chart.draw_series(history_line).map_err(|_| ())?;
            for line in &fitted {
                chart
                    .draw_series(model_line(line, MODEL_COLOUR.stroke_width(width)))
                    .map_err(|_| ())?;
            }
        }
    }
    for line in &ahead {
        chart
            .draw_series(DashedLineSeries::new(
                line.iter().map(to_xy),
                6,
                4,
                MODEL_COLOUR.stroke_width(2),
            ))
            .map_err(|_| ())?;
    }
    for (level, colour) in [
        (view.capacity, CAPACITY_COLOUR),
        (view.headroom_line, HEADROOM_COLOUR),
    ] {
        if let Some(level) = level {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(0.0, level), (span_days, level)],
                    colour.stroke_width(2),
                )))
                .map_err(|_| ())?;
        }
    }
    if let Some(capacity) = view.capacity {
        let placed = marks.iter().zip(places).map(|(m, (x, row))| (m, x, row));
        for ((t, label, trend), x, row) in placed {
            let mark = |at| crossing_mark(at, *trend);
            root.draw(&mark(chart.backend_coord(&(days(*t), capacity))))
                .map_err(|_| ())?;
            let top = (MARGIN + row as u32 * LABEL_ROW) as i32;
            root.draw(&mark((x + 8, top + 8))).map_err(|_| ())?;
            root.draw(&Text::new(
                label.clone(),
                (x + LABEL_MARK, top),
                font(LABEL_PX),
            ))
            .map_err(|_| ())?;
        }
    }
    root.present().map_err(|_| ())
}

/// A crossing's mark at `at`, on the capacity line and before its label: a red dot for the
/// trend's (or the forecast's), a blue ring for the band's upper bound's.
fn crossing_mark(at: (i32, i32), trend: bool) -> Circle<(i32, i32), i32> {
    if trend {
        Circle::new(at, 5, CAPACITY_COLOUR.filled())
    } else {
        Circle::new(at, 7, MODEL_COLOUR.stroke_width(2))
    }
}

const HEAT_WIDTH: u32 = 720;
const HEAT_HEIGHT: u32 = 250;
/// The font size of the heatmap's labels, as given to [`font`]: the axes' size.
const HEAT_FONT_PX: f64 = AXIS_PX;
/// How many shades the heatmap's scale shows, from the lowest mean to the highest.
const SCALE_SHADES: usize = 5;

/// The shade of a mean `share` of the way from the lowest mean (0) to the highest (1).
fn heat_shade(share: f64) -> RGBAColor {
    RGBAColor(37, 99, 235, 0.08 + 0.9 * share.clamp(0.0, 1.0))
}

/// The weekday × hour heatmap of means: the stronger the blue, the higher, with a scale under
/// it from the lowest mean (`lowest mean 0.1`, the lightest shade) to the highest (`0.7
/// highest`, the darkest), written as every capacity figure is ([`Scale::value`]: no float
/// noise); means that are all the same have one shade, and the scale says `every mean 42`.
pub fn heatmap_chart(patterns: &Patterns, fit: ChartWidth) -> String {
    let mut svg = String::new();
    let width = fit.width(HEAT_WIDTH);
    if draw_heatmap(&mut svg, patterns, width).is_err() {
        return failed_chart(width, HEAT_HEIGHT);
    }
    svg
}

fn draw_heatmap(svg: &mut String, patterns: &Patterns, width: u32) -> Result<(), ()> {
    let (low, high) =
        finite_range(patterns.heat.iter().flatten().flatten().copied()).unwrap_or((0.0, 1.0));
    let root = Svg::area(svg, (width, HEAT_HEIGHT));
    // Weekdays in full where there is room, else their first three letters.
    let short = width < HEAT_WIDTH;
    let left = if short { 44i32 } else { 96 };
    let (top, cell_h) = (8i32, 26i32);
    let cell_w = ((width as i32 - left - 8) / 24).min(25);
    // Means that differ only by float noise are one shade.
    let flat = Scale::of(low.abs().max(high.abs())).is_noise(high - low);
    for (d, row) in patterns.heat.iter().enumerate() {
        let y = top + d as i32 * cell_h;
        let day = if short {
            &WEEKDAYS[d][..3]
        } else {
            WEEKDAYS[d]
        };
        root.draw(&Text::new(day, (8, y + 6), font(HEAT_FONT_PX)))
            .map_err(|_| ())?;
        for (h, mean) in row.iter().enumerate() {
            let x = left + h as i32 * cell_w;
            let style = match mean {
                Some(m) => heat_shade(if flat { 0.5 } else { (m - low) / (high - low) }).filled(),
                None => RGBAColor(128, 128, 128, 0.1).filled(),
            };
            root.draw(&Rectangle::new(
                [(x, y), (x + cell_w - 2, y + cell_h - 2)],
                style,
            ))
            .map_err(|_| ())?;
        }
    }
    for h in (0..24).step_by(3) {
        let x = left + h * cell_w;
        root.draw(&Text::new(
            format!("{h:02}"),
            (x + 4, top + 7 * cell_h + 6),
            font(HEAT_FONT_PX),
        ))
        .map_err(|_| ())?;
    }
    if let Some((low, high)) = finite_range(patterns.heat.iter().flatten().flatten().copied()) {
        draw_heat_scale(&root, (low, high), flat, (left, top + 7 * cell_h + 30))?;
    }
    root.present().map_err(|_| ())
}

/// The heatmap's scale at `(x, y)`: the lowest mean, the shades from lightest to darkest, the
/// highest mean; or one shade and the mean when they are all the same (`flat`).
fn draw_heat_scale(
    root: &DrawingArea<Svg, plotters::coord::Shift>,
    (low, high): (f64, f64),
    flat: bool,
    (x, y): (i32, i32),
) -> Result<(), ()> {
    // The figures as the series' tables write them: a mean a float's width from zero reads 0.
    let figures = Scale::of(low.abs().max(high.abs()));
    let label_width = |text: &str| (text_width_em(text) * HEAT_FONT_PX / 1.24).ceil() as i32;
    let (swatch_w, swatch_h, gap) = (18i32, 14i32, 6i32);
    let label = |text: String, at: i32| Text::new(text, (at, y), font(HEAT_FONT_PX));
    if flat {
        root.draw(&Rectangle::new(
            [(x, y), (x + swatch_w - 2, y + swatch_h)],
            heat_shade(0.5).filled(),
        ))
        .map_err(|_| ())?;
        return root
            .draw(&label(
                format!("every mean {}", figures.value(high)),
                x + swatch_w + gap,
            ))
            .map_err(|_| ());
    }
    let lowest = format!("lowest mean {}", figures.value(low));
    root.draw(&label(lowest.clone(), x)).map_err(|_| ())?;
    let mut at = x + label_width(&lowest) + gap;
    for i in 0..SCALE_SHADES {
        let share = i as f64 / (SCALE_SHADES - 1) as f64;
        root.draw(&Rectangle::new(
            [(at, y), (at + swatch_w - 2, y + swatch_h)],
            heat_shade(share).filled(),
        ))
        .map_err(|_| ())?;
        at += swatch_w;
    }
    root.draw(&label(format!("{} highest", figures.value(high)), at + gap))
        .map_err(|_| ())
}

/// Mean by hour of day as bars, peak hours in red, with the 75th-percentile threshold line.
pub fn hourly_chart(patterns: &Patterns, fit: ChartWidth) -> String {
    let mut svg = String::new();
    let width = fit.width(WIDTH);
    if draw_hourly(&mut svg, patterns, width).is_err() {
        return failed_chart(width, 260);
    }
    svg
}

fn draw_hourly(svg: &mut String, patterns: &Patterns, width: u32) -> Result<(), ()> {
    let means: Vec<(usize, f64)> = patterns
        .by_hour
        .iter()
        .enumerate()
        .filter_map(|(h, g)| g.as_ref().map(|g| (h, g.mean)))
        .collect();
    let (low, high) = finite_range(means.iter().map(|m| m.1)).ok_or(())?;
    let bottom = if low >= 0.0 { 0.0 } else { low * 1.1 };
    let top = if high > bottom {
        high * 1.05
    } else {
        bottom + 1.0
    };
    // A tick a float's width from zero reads 0.
    let axis = Scale::of(bottom.abs().max(top.abs()));
    let root = Svg::area(svg, (width, 260));
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(36)
        .y_label_area_size(64)
        .build_cartesian_2d(0.0..24.0, bottom..top)
        .map_err(|_| ())?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(AXIS_COLOUR)
        .label_style(font(AXIS_PX))
        // An "hh:00" label takes about 70 px: 9 of them under the full width.
        .x_labels((width / 72).clamp(4, 9) as usize)
        .y_labels(5)
        .x_label_formatter(&|h| format!("{:02}:00", *h as u32))
        .y_label_formatter(&|v| axis.value(*v))
        .draw()
        .map_err(|_| ())?;
    chart
        .draw_series(means.iter().map(|(h, mean)| {
            let colour = if patterns.peak_hours.contains(h) {
                PEAK_COLOUR
            } else {
                BAR_COLOUR
            };
            let x = *h as f64;
            Rectangle::new([(x + 0.1, bottom), (x + 0.9, *mean)], colour.filled())
        }))
        .map_err(|_| ())?;
    if let Some(threshold) = patterns.peak_threshold {
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, threshold), (24.0, threshold)],
                5,
                4,
                AXIS_COLOUR.stroke_width(1),
            ))
            .map_err(|_| ())?;
    }
    root.present().map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::capacity::patterns::patterns;
    use crate::calc::capacity::series::{Sample, MS_PER_HOUR};
    use crate::chart::attribute;

    #[test]
    fn charts_are_svg_with_the_crossing_label() {
        let history: Vec<Sample> = (0..48)
            .map(|h| Sample {
                t_ms: h * MS_PER_HOUR,
                value: 10.0 + h as f64,
            })
            .collect();
        let view = ForecastView {
            history: history.iter().map(|s| (s.t_ms, s.value)).collect(),
            fitted: history.iter().map(|s| (s.t_ms, s.value)).collect(),
            forecast: (47..100)
                .map(|h| {
                    (
                        h * MS_PER_HOUR,
                        10.0 + h as f64,
                        5.0 + h as f64,
                        15.0 + h as f64,
                    )
                })
                .collect(),
            hourly_pattern: false,
            capacity: Some(90.0),
            headroom_line: Some(75.0),
            crossing: Some((80 * MS_PER_HOUR, "1970-01-04".to_string())),
            upper_crossing: None,
        };
        let svg = forecast_chart(&view, ChartWidth::Wide);
        assert!(
            svg.starts_with("<svg") && svg.contains("1970-01-04"),
            "{svg:.200}"
        );
        assert!(!svg.contains("NaN"));
        let p = patterns(&history, 0);
        assert!(heatmap_chart(&p, ChartWidth::Wide).contains("Monday"));
        // On a phone's width: 400 px, weekdays cut to three letters.
        let narrow = heatmap_chart(&p, ChartWidth::Narrow);
        assert!(
            narrow.contains("width=\"400\"") && narrow.contains(">\nMon\n<"),
            "{narrow}"
        );
        assert!(!narrow.contains("Monday"));
        for svg in [
            forecast_chart(&view, ChartWidth::Narrow),
            hourly_chart(&p, ChartWidth::Narrow),
        ] {
            assert!(
                svg.contains("width=\"400\"") && !svg.contains("NaN"),
                "{svg:.200}"
            );
        }
        assert!(hourly_chart(&p, ChartWidth::Wide).starts_with("<svg"));
    }

    /// A day's wave: 10 at midnight, 90 at noon.
    fn wave(t_ms: i64) -> f64 {
        let hours = t_ms as f64 / MS_PER_HOUR as f64;
        50.0 - 40.0 * (std::f64::consts::TAU * hours / 24.0).cos()
    }

    /// `history_days` of hourly samples of [`wave`] give or take 2, the wave fitted to them
    /// exactly, and `horizon_days` of it ahead with a band 10 either side.
    fn wave_view(history_days: i64, horizon_days: i64) -> ForecastView {
        pattern_view(history_days, horizon_days, 60, wave)
    }

    /// `history_days` of samples every `minutes` of `pattern` give or take 2, the pattern fitted
    /// to them exactly, and `horizon_days` of it ahead every hour with a band 10 either side.
    fn pattern_view(
        history_days: i64,
        horizon_days: i64,
        minutes: i64,
        pattern: fn(i64) -> f64,
    ) -> ForecastView {
        let step = minutes * 60_000;
        let last = history_days * MS_PER_DAY;
        let history = (0..=last / step)
            .map(|i| (i * step, pattern(i * step) + (i % 5) as f64 - 2.0))
            .collect();
        let fitted = (0..=last / step)
            .map(|i| (i * step, pattern(i * step)))
            .collect();
        let forecast = (0..=horizon_days * 24)
            .map(|h| {
                let t = last + h * MS_PER_HOUR;
                let v = pattern(t);
                (t, v, v - 10.0, v + 10.0)
            })
            .collect();
        ForecastView {
            history,
            fitted,
            hourly_pattern: true,
            forecast,
            capacity: None,
            headroom_line: None,
            crossing: None,
            upper_crossing: None,
        }
    }

    /// A `<polyline>` of a drawing: its stroke colour, opacity and width, and its points.
    #[derive(Debug)]
    struct Polyline {
        stroke: String,
        opacity: f64,
        width: u32,
        points: Vec<(i32, i32)>,
    }

    fn points(list: &str) -> Vec<(i32, i32)> {
        list.split_whitespace()
            .filter_map(|xy| xy.split_once(','))
            .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
            .collect()
    }

    fn polylines(svg: &str) -> Vec<Polyline> {
        svg.split("<polyline")
            .skip(1)
            .map(|element| Polyline {
                stroke: attribute(element, "stroke").to_string(),
                opacity: attribute(element, "opacity").parse().unwrap_or(1.0),
                width: attribute(element, "stroke-width").parse().unwrap_or(1),
                points: points(attribute(element, "points")),
            })
            .collect()
    }

    const MODEL_STROKE: &str = "#2563EB";
    const HISTORY_STROKE: &str = "#64748B";

    #[test]
    fn the_band_is_drawn_between_its_upper_and_lower_bound() {
        // 60 days of a daily wave and 90 ahead: about 4 pixels a day. The band was the upper
        // bound's and the lower bound's own zigzags joined: its top edge dipped to the upper
        // bound's troughs, below the lower bound's peaks, and the band hardly showed.
        let view = wave_view(60, 90);
        for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
            let svg = forecast_chart(&view, fit);
            let band = points(attribute(svg.split("<polygon").nth(1).unwrap(), "points"));
            let turn = 1 + band.windows(2).position(|w| w[1].0 < w[0].0).unwrap();
            let (top, bottom) = band.split_at(turn);
            for &(x, y) in top {
                for &(_, below) in bottom.iter().filter(|b| b.0 == x) {
                    assert!(
                        y <= below,
                        "{fit:?}: at x {x} the top edge is at {y}, below {below}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_daily_pattern_days_narrower_than_a_day_of_pixels_is_drawn_as_its_highs_and_lows() {
        // About 4 pixels a day: the model went up and down several times within every pixel
        // column, a solid blue block over the history and a dense zigzag ahead. Its daily highs
        // and lows (90 and 10, every day) are two flat lines.
        let view = wave_view(60, 90);
        for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
            let svg = forecast_chart(&view, fit);
            let model: Vec<Polyline> = polylines(&svg)
                .into_iter()
                .filter(|line| line.stroke == MODEL_STROKE)
                .collect();
            assert!(!model.is_empty(), "{fit:?}: {svg:.300}");
            let travel: i32 = model
                .iter()
                .flat_map(|line| line.points.windows(2).map(|w| (w[1].1 - w[0].1).abs()))
                .sum();
            assert!(
                travel <= 4,
                "{fit:?}: the model's lines go {travel} px up and down"
            );
            let mut heights: Vec<i32> = model.iter().flat_map(|l| &l.points).map(|p| p.1).collect();
            heights.sort();
            heights.dedup();
            assert!(heights.len() <= 4, "{fit:?}: {heights:?}");
            // Thin over the history, which shows between them.
            let history_end = polylines(&svg)
                .iter()
                .find(|line| line.stroke == HISTORY_STROKE)
                .and_then(|line| line.points.last())
                .unwrap()
                .0;
            for line in model.iter().filter(|line| line.points[0].0 < history_end) {
                assert_eq!(line.width, 1, "{fit:?}: {line:?}");
            }
        }
    }

    #[test]
    fn the_history_is_drawn_over_the_fitted_model() {
        // Ten days and five ahead, 41 pixels a day: the model follows the history closely, and
        // drawn 2 px wide over it in solid blue it hid the history the caption calls grey.
        let svg = forecast_chart(&wave_view(10, 5), ChartWidth::Wide);
        let lines = polylines(&svg);
        let history = lines
            .iter()
            .position(|line| line.stroke == HISTORY_STROKE)
            .unwrap();
        let history_end = lines[history].points.last().unwrap().0;
        let fitted = lines
            .iter()
            .position(|line| line.stroke == MODEL_STROKE && line.points[0].0 < history_end)
            .unwrap();
        assert!(
            fitted < history,
            "the model is drawn first, the history over it"
        );
        assert!(lines[fitted].opacity < 1.0, "{:?}", lines[fitted]);
        // Every peak and trough of the history still shows: its line reaches as high and as low
        // as the points it is drawn from.
        assert!(lines[history].points.len() > 200);
    }

    #[test]
    fn the_model_is_drawn_as_the_pixels_allow() {
        use ModelDrawing::{Extremes, OverHistory, Trend, UnderHistory};
        // (days of history, days ahead, minutes between samples, a pattern model, drawn wide
        // and narrow). The narrow plot is 344 columns to the wide one's 620.
        let cases: &[(i64, i64, i64, bool, ModelDrawing, ModelDrawing)] = &[
            // 15 days: 35 minutes a column wide, 63 narrow.
            (10, 5, 60, true, UnderHistory, Extremes { days: 1 }),
            (10, 5, 60, false, Trend, Trend),
            // 13 days of minutes: the history fills its columns.
            (10, 3, 1, true, OverHistory, OverHistory),
            (60, 90, 60, true, Extremes { days: 1 }, Extremes { days: 1 }),
            (60, 90, 60, false, Trend, Trend),
            // 3,710 days: 6 days a column wide, 10.8 narrow.
            (
                60,
                3_650,
                60,
                true,
                Extremes { days: 7 },
                Extremes { days: 14 },
            ),
        ];
        for &(history_days, horizon_days, minutes, pattern, wide, narrow) in cases {
            let mut view = pattern_view(history_days, horizon_days, minutes, wave);
            view.hourly_pattern = pattern;
            let case = (history_days, horizon_days, minutes, pattern);
            assert_eq!(model_drawing(&view, ChartWidth::Wide), wide, "{case:?}");
            assert_eq!(model_drawing(&view, ChartWidth::Narrow), narrow, "{case:?}");
        }
    }

    #[test]
    fn a_pattern_model_over_a_history_that_fills_its_columns_is_drawn_over_it() {
        // Ten days of a sample a minute: the history fills each pixel column from its lowest to
        // its highest sample, and a model drawn under it would not show.
        let view = pattern_view(10, 3, 1, wave);
        let svg = forecast_chart(&view, ChartWidth::Wide);
        let lines = polylines(&svg);
        let history = lines
            .iter()
            .position(|line| line.stroke == HISTORY_STROKE)
            .unwrap();
        let fitted = lines
            .iter()
            .position(|line| line.stroke == MODEL_STROKE)
            .unwrap();
        assert!(
            history < fitted,
            "the history is drawn first, the model over it"
        );
        assert_eq!((lines[fitted].width, lines[fitted].opacity), (1, 1.0));
    }

    #[test]
    fn a_weekly_pattern_over_ten_years_is_drawn_by_its_extremes_over_whole_weeks() {
        /// The daily wave, 20 higher on Saturdays (1970-01-03 was one).
        fn weekly(t_ms: i64) -> f64 {
            wave(t_ms)
                + if t_ms.div_euclid(MS_PER_DAY) % 7 == 2 {
                    20.0
                } else {
                    0.0
                }
        }
        // Six days a column: over each column alone, the highs were 110 where a Saturday fell
        // in it and 90 where none did, a zigzag again.
        let view = pattern_view(60, 3_650, 60, weekly);
        let svg = forecast_chart(&view, ChartWidth::Wide);
        let travel: i32 = polylines(&svg)
            .iter()
            .filter(|line| line.stroke == MODEL_STROKE)
            .flat_map(|line| line.points.windows(2).map(|w| (w[1].1 - w[0].1).abs()))
            .sum();
        assert!(travel <= 4, "the model's lines go {travel} px up and down");
    }

    #[test]
    fn the_caption_says_how_the_model_and_its_band_are_drawn() {
        let caption = |view: &ForecastView, fit| forecast_caption(view, fit, "M", "cpu", 90);
        let start = "M of “cpu”: history (grey), ";
        // Every hour drawn: the model a line, under the history or over it.
        let under = wave_view(10, 5);
        assert_eq!(
            caption(&under, ChartWidth::Wide),
            format!(
                "{start}the model (blue, wide and faint under the history; dashed ahead) with \
                 its 95% prediction band over 90 days (light blue)."
            )
        );
        let over = pattern_view(10, 3, 1, wave);
        assert_eq!(
            caption(&over, ChartWidth::Wide),
            format!(
                "{start}the model (blue; dashed ahead) with its 95% prediction band over 90 \
                 days (light blue)."
            )
        );
        // More than an hour a pixel: the extremes over each day, or week.
        let days = wave_view(60, 90);
        let each_day = format!(
            "{start}the model's highest and lowest value over each day, as a pixel holds more \
             than an hour (blue; dashed ahead), with its 95% prediction band over 90 days \
             (light blue: the lowest lower bound to the highest upper bound over each day)."
        );
        assert_eq!(caption(&days, ChartWidth::Wide), each_day);
        assert_eq!(caption(&under, ChartWidth::Narrow), each_day);
        let years = pattern_view(60, 3_650, 60, wave);
        assert!(caption(&years, ChartWidth::Wide).contains(
            "highest and lowest value over each week, as a pixel holds more than a day (blue"
        ));
        assert!(caption(&years, ChartWidth::Narrow)
            .contains("over each stretch of 2 weeks, as a pixel holds more than a day (blue"));
        assert!(caption(&years, ChartWidth::Narrow)
            .ends_with("the highest upper bound over each stretch of 2 weeks)."));
        // A trend, with the capacity and where the trend reaches it.
        let mut trend = wave_view(60, 90);
        trend.hourly_pattern = false;
        trend.capacity = Some(95.0);
        trend.headroom_line = Some(95.0 / 1.2);
        assert_eq!(
            caption(&trend, ChartWidth::Wide),
            format!(
                "{start}the model (blue; dashed ahead) with its 95% prediction band over 90 \
                 days (light blue), the capacity line (red) and the headroom line (amber)."
            )
        );
        // Where the trend reaches the capacity, and where the band's upper bound does.
        let capacity = ", the capacity line (red) and the headroom line (amber)";
        let date = || Some((61 * MS_PER_DAY, "1970-03-03 12:00".to_string()));
        let cases = [
            (
                date(),
                None,
                ", and where the trend reaches the capacity (red dot).",
            ),
            (
                None,
                date(),
                ", and where the band's upper bound reaches the capacity (blue ring).",
            ),
            (
                date(),
                date(),
                ", and where the band's upper bound reaches the capacity (blue ring) and where \
                 the trend does (red dot).",
            ),
        ];
        for (crossing, upper_crossing, end) in cases {
            trend.crossing = crossing;
            trend.upper_crossing = upper_crossing;
            assert!(
                caption(&trend, ChartWidth::Wide).ends_with(&format!("{capacity}{end}")),
                "{end}"
            );
            // A pattern model's forecast, with its hourly pattern, is what reaches it.
            let pattern = ForecastView {
                hourly_pattern: true,
                ..trend.clone()
            };
            let said = caption(&pattern, ChartWidth::Wide);
            assert_eq!(
                said.ends_with(&format!("{capacity}{end}")),
                trend.crossing.is_none(),
                "{said}"
            );
            if trend.crossing.is_some() {
                let forecast = end.replace("the trend", "the forecast");
                assert!(said.ends_with(&forecast), "{said}");
            }
        }
    }

    /// A linear forecast from 10 over `history_days` of hourly samples and `horizon_days` ahead,
    /// rising 1 a day with a band 5 either side, under a capacity of 1,000 (the top of the
    /// chart), whose band's upper bound and trend reach it `upper_day` and `trend_day` days from
    /// the first sample (as given: the chart draws the crossings it is told of).
    fn crossing_view(
        history_days: i64,
        horizon_days: i64,
        upper_day: Option<f64>,
        trend_day: Option<f64>,
    ) -> ForecastView {
        let value = |t: i64| 10.0 + t as f64 / MS_PER_DAY as f64;
        let last = history_days * MS_PER_DAY;
        let history: Vec<(i64, f64)> = (0..=history_days * 24)
            .map(|h| (h * MS_PER_HOUR, value(h * MS_PER_HOUR)))
            .collect();
        let at = |day: f64| {
            let t = (day * MS_PER_DAY as f64) as i64;
            (
                t,
                format!("{} UTC", crate::calc::capacity::series::format_time(t)),
            )
        };
        ForecastView {
            history: history.clone(),
            fitted: history,
            hourly_pattern: false,
            forecast: (0..=horizon_days * 24)
                .map(|h| {
                    let t = last + h * MS_PER_HOUR;
                    (t, value(t), value(t) - 5.0, value(t) + 5.0)
                })
                .collect(),
            capacity: Some(1_000.0),
            headroom_line: Some(1_000.0 / 1.2),
            crossing: trend_day.map(at),
            upper_crossing: upper_day.map(at),
        }
    }

    /// The text elements of `svg` that say `words`: their left edge, top and text.
    fn labels_saying(svg: &str, words: &str) -> Vec<(f64, f64, String)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|element| {
                let text = element.split('>').nth(1)?.split('<').next()?.trim();
                text.contains(words).then(|| {
                    (
                        attribute(element, "x").parse().unwrap(),
                        attribute(element, "y").parse().unwrap(),
                        text.to_string(),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn the_upper_bound_s_crossing_is_marked_apart_from_the_trend_s() {
        // The page said the band's upper bound reaches the capacity on a date the chart did not
        // show: only the trend's crossing was marked.
        let view = crossing_view(10, 90, Some(40.0), Some(60.0));
        let svg = forecast_chart(&view, ChartWidth::Wide);
        let upper = labels_saying(&svg, "upper bound reaches the capacity: ");
        let trend = labels_saying(&svg, "trend reaches the capacity: ");
        assert_eq!(upper.len(), 1, "{svg}");
        assert_eq!(
            upper[0].2,
            "upper bound reaches the capacity: 1970-02-10 00:00 UTC"
        );
        assert_eq!(trend.len(), 1, "{svg}");
        assert_eq!(
            trend[0].2,
            "trend reaches the capacity: 1970-03-02 00:00 UTC"
        );
        // A red dot for the trend, a blue ring for the upper bound.
        let circles: Vec<&str> = svg.split("<circle").skip(1).collect();
        // Each on the capacity line and before its label.
        assert_eq!(circles.len(), 4, "{svg}");
        assert!(circles
            .iter()
            .any(|c| attribute(c, "fill") == "#DC2626" && attribute(c, "r") == "5"));
        assert!(circles
            .iter()
            .any(|c| attribute(c, "fill") == "none" && attribute(c, "stroke") == "#2563EB"));
        // Only the upper bound within the horizon.
        let svg = forecast_chart(&crossing_view(10, 90, Some(40.0), None), ChartWidth::Narrow);
        assert_eq!(
            labels_saying(&svg, "upper bound reaches the capacity: ").len(),
            1
        );
        assert_eq!(labels_saying(&svg, "trend reaches the capacity: ").len(), 0);
        assert_eq!(svg.matches("<circle").count(), 2);
    }

    #[test]
    fn the_crossings_labels_stay_apart_and_on_the_chart() {
        // (days of history, days ahead, the upper bound's crossing and the trend's, in days
        // from the first sample): apart, close, at one time, at either end of the time axis.
        let cases: &[(i64, i64, f64, f64)] = &[
            (10, 90, 30.0, 70.0),
            (10, 90, 40.0, 41.0),
            (10, 90, 50.0, 50.0),
            (10, 90, 99.0, 100.0),
            (10, 90, 10.0, 10.5),
            (2, 90, 2.0, 2.1),
            (2, 3_650, 2.0, 3_651.0),
            (60, 1, 60.0, 61.0),
        ];
        for &(history_days, horizon_days, upper_day, trend_day) in cases {
            let view = crossing_view(history_days, horizon_days, Some(upper_day), Some(trend_day));
            for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
                let case = (history_days, horizon_days, upper_day, trend_day, fit);
                let svg = forecast_chart(&view, fit);
                let width = fit.width(WIDTH) as f64;
                let mut boxes = Vec::new();
                for words in ["upper bound reaches", "trend reaches"] {
                    let labels = labels_saying(&svg, words);
                    assert_eq!(labels.len(), 1, "{case:?}: {words}");
                    let (x, y, text) = &labels[0];
                    let right = x + text_width_em(text) * LABEL_PX / 1.24;
                    let bottom = y + LABEL_PX / 1.24;
                    assert!(
                        *x >= 0.0 && right <= width && *y >= 0.0 && bottom <= HEIGHT as f64,
                        "{case:?}: {text} at ({x}, {y}) to ({right}, {bottom})"
                    );
                    boxes.push((*x, right, *y, bottom));
                }
                let (a, b) = (boxes[0], boxes[1]);
                let apart = a.1 <= b.0 || b.1 <= a.0 || a.3 <= b.2 || b.3 <= a.2;
                assert!(apart, "{case:?}: the labels overlap: {a:?}, {b:?}");
            }
        }
    }

    /// Every text element of `svg`: its left edge, top, font size and text.
    fn texts(svg: &str) -> Vec<(f64, f64, f64, String)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|element| {
                let text = element.split('>').nth(1)?.split('<').next()?.trim();
                Some((
                    attribute(element, "x").parse().ok()?,
                    attribute(element, "y").parse().ok()?,
                    attribute(element, "font-size").parse().ok()?,
                    text.to_string(),
                ))
            })
            .collect()
    }

    #[test]
    fn the_crossings_labels_are_readable_and_off_the_plotted_series_at_375_px() {
        // At 375 px the labels ("trend: 2014-10-27 17:00") were about 7 px high and sat on the
        // lines they marked. No text is smaller than the other tabs' charts write (14 px to
        // plotters, 11.29 in the SVG), and the crossings' labels are told above the plot. Sizes
        // are written to two decimals.
        let least = |px: f64| (px / 1.24 * 100.0).floor() / 100.0;
        let cases: &[(i64, i64, Option<f64>, Option<f64>)] = &[
            (10, 90, Some(30.0), Some(70.0)),
            (10, 90, Some(40.0), Some(40.5)),
            (10, 90, Some(10.0), Some(10.0)),
            (2, 3_650, Some(2.0), Some(3_651.0)),
            (60, 1, Some(60.0), None),
            (60, 1, None, Some(61.0)),
        ];
        for &(history_days, horizon_days, upper_day, trend_day) in cases {
            let view = crossing_view(history_days, horizon_days, upper_day, trend_day);
            for fit in [ChartWidth::Narrow, ChartWidth::Wide] {
                let case = (history_days, horizon_days, upper_day, trend_day, fit);
                let svg = forecast_chart(&view, fit);
                let texts = texts(&svg);
                assert!(!texts.is_empty(), "{case:?}");
                for (_, _, size, text) in &texts {
                    assert!(*size >= least(AXIS_PX), "{case:?}: {text} at {size} px");
                }
                // The top of everything plotted: the axes, the lines, the band.
                let plotted_top = svg
                    .split("points=\"")
                    .skip(1)
                    .flat_map(|rest| points(rest.split('"').next().unwrap()))
                    .map(|(_, y)| f64::from(y))
                    .fold(f64::INFINITY, f64::min);
                let width = f64::from(fit.width(WIDTH));
                let mut boxes = Vec::new();
                for (x, y, size, text) in &texts {
                    if !text.contains(" reaches the capacity: ") {
                        continue;
                    }
                    assert!(*size >= least(14.0), "{case:?}: {text} at {size} px");
                    let right = x + text_width_em(text) * size;
                    let bottom = y + size;
                    assert!(
                        *x >= 0.0 && right <= width && *y >= 0.0,
                        "{case:?}: {text} at ({x}, {y}) to ({right}, {bottom}) off the chart"
                    );
                    assert!(
                        bottom <= plotted_top,
                        "{case:?}: {text} reaches down to {bottom}, over the plot from \
                         {plotted_top}"
                    );
                    for (other_x, other_right, other_y, other_bottom) in &boxes {
                        let apart = right <= *other_x
                            || *other_right <= *x
                            || bottom <= *other_y
                            || *other_bottom <= *y;
                        assert!(apart, "{case:?}: {text} overlaps another label");
                    }
                    boxes.push((*x, right, *y, bottom));
                }
                let marked = usize::from(upper_day.is_some()) + usize::from(trend_day.is_some());
                assert_eq!(boxes.len(), marked, "{case:?}: {texts:?}");
            }
        }
    }

    #[test]
    fn the_time_axis_past_the_year_9999_is_not_labelled_with_a_date_in_it() {
        use crate::calc::capacity::series::{MAX_TIME_MS, MS_PER_DAY};
        // Ten days of history ending 30 days before the end of 9999 and a ten-year forecast:
        // the axis labels past the year used to read 9999-12-31 again and again.
        let start = MAX_TIME_MS - 40 * MS_PER_DAY;
        let history: Vec<(i64, f64)> = (0..240)
            .map(|h| (start + h * MS_PER_HOUR, 10.0 + h as f64))
            .collect();
        let last = history[history.len() - 1].0;
        let view = ForecastView {
            history: history.clone(),
            fitted: history,
            hourly_pattern: false,
            forecast: (0..=3_650)
                .map(|d| {
                    let v = 250.0 + 24.0 * d as f64;
                    (last + d * MS_PER_DAY, v, v - 10.0, v + 10.0)
                })
                .collect(),
            capacity: None,
            headroom_line: None,
            crossing: None,
            upper_crossing: None,
        };
        let svg = forecast_chart(&view, ChartWidth::Wide);
        let labels: Vec<&str> = svg.lines().filter(|l| !l.starts_with('<')).collect();
        assert!(
            labels.iter().filter(|l| l.starts_with("9999")).count() <= 1,
            "{labels:?}"
        );
        // Past the year, the first tick says so and the others are left unlabelled (three
        // ticks in a row read "after 9999").
        assert_eq!(
            labels.iter().filter(|l| **l == "after 9999").count(),
            1,
            "{labels:?}"
        );
        // An unlabelled tick has no empty text element, but keeps its mark on the axis (a
        // short vertical stroke).
        assert_eq!(svg.matches("<text").count(), labels.len(), "{svg}");
        assert!(!labels.contains(&""), "{labels:?}");
        let x_labels = labels
            .iter()
            .filter(|l| l.starts_with("9999-") || **l == "after 9999")
            .count();
        let x_ticks = svg
            .split("points=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|points| {
                let xy: Vec<i32> = points
                    .split([' ', ','])
                    .filter_map(|n| n.parse().ok())
                    .collect();
                matches!(xy[..], [x0, y0, x1, y1] if x0 == x1 && (1..10).contains(&(y1 - y0)))
            })
            .count();
        assert!(
            x_ticks > x_labels,
            "{x_ticks} ticks, {x_labels} labels: {labels:?}"
        );
    }

    #[test]
    fn heatmap_opacities_have_at_most_three_decimals() {
        // A mean 40% of the way up the range gives the shade 0.08 + 0.9 × 0.4, which is
        // 0.44000000000000006 in floating point.
        let week: Vec<Sample> = (0..24 * 7)
            .map(|h| Sample {
                t_ms: h * MS_PER_HOUR,
                value: [0.0, 4.0, 10.0, 7.3][h as usize % 4],
            })
            .collect();
        let svg = heatmap_chart(&patterns(&week, 0), ChartWidth::Wide);
        assert!(svg.contains("opacity=\"0.44\""), "{svg}");
        let opacities: Vec<&str> = svg
            .split("opacity=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(opacities.len() >= 24 * 7);
        for opacity in opacities {
            let decimals = opacity.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 3, "opacity {opacity}");
        }
    }

    #[test]
    fn the_heatmap_has_a_scale_from_the_lowest_mean_to_the_highest() {
        // One sample per weekday and hour: 0.1, 0.3, 0.5 and 0.7 in turn, which are
        // 0.30000000000000004 and 0.7000000000000001 in floating point.
        let week: Vec<Sample> = (0..24 * 7)
            .map(|h| Sample {
                t_ms: h * MS_PER_HOUR,
                value: 0.1 + 0.2 * (h % 4) as f64,
            })
            .collect();
        let p = patterns(&week, 0);
        for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
            let svg = heatmap_chart(&p, fit);
            for label in ["\nlowest mean 0.1\n", "\n0.7 highest\n"] {
                assert!(svg.contains(label), "{fit:?}: no {label:?} in {svg}");
            }
            // The cells and the scale's shades, the lightest and the darkest among them.
            assert_eq!(svg.matches("<rect").count(), 24 * 7 + 5, "{fit:?}");
            assert!(svg.contains("opacity=\"0.08\"") && svg.contains("opacity=\"0.98\""));
            // Every label within the drawing.
            let width = fit.width(HEAT_WIDTH) as f64;
            for text in svg.split("<text").skip(1) {
                let x: f64 = text
                    .split("x=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                let label = text
                    .split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .trim();
                assert!(
                    x + text_width_em(label) * HEAT_FONT_PX <= width,
                    "{fit:?}: {label} at {x}"
                );
                assert!(
                    !label.contains("0000") && !label.contains("9999"),
                    "{fit:?}: float noise in {label}"
                );
            }
        }
        // Means that are all the same: one shade and one value.
        let flat: Vec<Sample> = (0..24 * 7)
            .map(|h| Sample {
                t_ms: h * MS_PER_HOUR,
                value: 42.0,
            })
            .collect();
        let svg = heatmap_chart(&patterns(&flat, 0), ChartWidth::Narrow);
        assert!(svg.contains("\nevery mean 42\n"), "{svg}");
    }

    /// The value axis's tick labels, bottom to top: the texts drawn right-aligned.
    fn value_axis_labels(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter(|element| attribute(element, "text-anchor") == "end")
            .filter_map(|element| Some(element.split('>').nth(1)?.split('<').next()?.trim()))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_series_of_zeros_gets_an_axis_from_minus_one_to_one() {
        // Its range is a single value, 0: the axis was padded by 1e-9 each way and its ticks
        // read −1e-9, −5e-10, 0, 5e-10, 1e-9.
        let zeros: Vec<(i64, f64)> = (0..48).map(|h| (h * MS_PER_HOUR, 0.0)).collect();
        let view = ForecastView {
            history: zeros.clone(),
            fitted: zeros,
            hourly_pattern: false,
            forecast: (47..100)
                .map(|h| (h * MS_PER_HOUR, 0.0, 0.0, 0.0))
                .collect(),
            capacity: None,
            headroom_line: None,
            crossing: None,
            upper_crossing: None,
        };
        for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
            let labels = value_axis_labels(&forecast_chart(&view, fit));
            assert_eq!(labels.first().map(String::as_str), Some("−1"), "{labels:?}");
            assert_eq!(labels.last().map(String::as_str), Some("1"), "{labels:?}");
            assert!(labels.iter().any(|l| l == "0"), "{labels:?}");
            assert!(labels.iter().all(|l| !l.contains('e')), "{labels:?}");
        }
    }

    #[test]
    fn a_forecast_past_the_range_of_values_still_gets_a_scale() {
        use crate::calc::capacity::forecast::{self, Fit, ModelKind};
        // Doubling every hour: the 90-day forecast passes f64's largest number, and the axis
        // arithmetic on values near it overflowed (the drawing never finished).
        let samples: Vec<Sample> = (0..100)
            .map(|h| Sample {
                t_ms: h * MS_PER_HOUR,
                value: 2f64.powi(h as i32),
            })
            .collect();
        let fit = Fit::new(ModelKind::Exponential, &samples, 0).unwrap();
        let view = ForecastView {
            history: samples.iter().map(|s| (s.t_ms, s.value)).collect(),
            fitted: samples
                .iter()
                .map(|s| (s.t_ms, fit.value_at(s.t_ms)))
                .collect(),
            hourly_pattern: false,
            forecast: forecast::forecast_points(&fit, samples[99].t_ms, 90),
            capacity: None,
            headroom_line: None,
            crossing: None,
            upper_crossing: None,
        };
        let svg = forecast_chart(&view, ChartWidth::Wide);
        assert!(
            svg.starts_with("<svg") && svg.contains("<polyline"),
            "{svg}"
        );
        assert!(!svg.contains("inf") && !svg.contains("NaN"));
        // A capacity of 1e300, past the values the axis is drawn for (1e100): the trend and the
        // band's upper bound reach it within the horizon, but off the chart: neither is marked,
        // and the axis is not stretched to it to make room for their labels.
        let plan = forecast::Plan {
            capacity: Some(1e300),
            headroom: 0.2,
            horizon_days: 90,
        };
        let outlook = forecast::outlook(&fit, samples[99].t_ms, &plan);
        let marked = |crossing| match crossing {
            Some(forecast::Crossing::On { t_ms, .. }) => Some((t_ms, "a date".to_string())),
            _ => None,
        };
        let view = ForecastView {
            capacity: plan.capacity,
            headroom_line: plan.capacity.map(|c| c / 1.2),
            crossing: marked(outlook.trend_reaches_capacity),
            upper_crossing: marked(outlook.upper_reaches_capacity),
            ..view
        };
        assert!(view.crossing.is_some() && view.upper_crossing.is_some());
        for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
            let svg = forecast_chart(&view, fit);
            assert!(svg.contains("<polyline"), "{svg}");
            assert!(!svg.contains("inf") && !svg.contains("NaN"));
            assert!(labels_saying(&svg, ": a date").is_empty(), "{fit:?}: {svg}");
            let caption = forecast_caption(&view, fit, "M", "x", 90);
            assert!(caption.ends_with("the headroom line (amber)."), "{caption}");
            for (x, y, text) in labels_saying(&svg, "") {
                assert!(
                    (0.0..fit.width(WIDTH) as f64).contains(&x)
                        && (0.0..HEIGHT as f64).contains(&y),
                    "{fit:?}: {text} at ({x}, {y})"
                );
            }
        }
    }

    /// The time axis's labels of a forecast chart: their centre, width as drawn and text.
    fn time_axis_labels(svg: &str) -> Vec<(f64, f64, String)> {
        svg.split("<text")
            .skip(1)
            .filter(|element| attribute(element, "text-anchor") == "middle")
            .filter_map(|element| {
                let text = element.split('>').nth(1)?.split('<').next()?.trim();
                let size: f64 = attribute(element, "font-size").parse().ok()?;
                let x: f64 = attribute(element, "x").parse().ok()?;
                Some((x, text_width_em(text) * size, text.to_string()))
            })
            .collect()
    }

    #[test]
    fn the_time_axis_labels_say_the_date_once_within_a_day() {
        let day = 20_526 * MS_PER_DAY; // 2026-03-14
        let minute = 60_000;
        // (step, ticks as minutes from that midnight, labels)
        let cases: &[(TickStep, &[i64], &[&str])] = &[
            (
                TickStep::Minutes(10),
                &[820, 830, 840],
                &["2026-03-14 13:40", "13:50", "14:00"],
            ),
            (
                TickStep::Minutes(360),
                &[1_080, 1_440, 1_800],
                &["18:00", "2026-03-15", "06:00"],
            ),
            (
                TickStep::Days(7),
                &[0, 10_080],
                &["2026-03-14", "2026-03-21"],
            ),
            (TickStep::Months(3), &[0], &["2026-03"]),
            (TickStep::Months(60), &[0], &["2026"]),
        ];
        for (step, minutes, expected) in cases {
            let ticks: Vec<i64> = minutes.iter().map(|m| day + m * minute).collect();
            assert_eq!(tick_labels(*step, &ticks), *expected, "{step:?}");
        }
        // A span too short for two ticks has one, at its start, with its date and time.
        let start = day + 13 * MS_PER_HOUR + 37 * minute;
        assert_eq!(
            time_ticks(start, start + 1, (76.0, 696.0), WIDTH),
            [(start, "2026-03-14 13:37".to_string())]
        );
    }

    #[test]
    fn the_time_axis_labels_do_not_overlap_over_any_span() {
        // A ten-year horizon wrote its dates over each other; a span of an hour wrote the same
        // date under every tick.
        let start = crate::calc::date::CivilDate::new(2026, 3, 14)
            .unwrap()
            .days_since_epoch()
            * MS_PER_DAY
            + 13 * MS_PER_HOUR
            + 37 * 60_000;
        let minute = 60_000;
        let spans_ms: &[i64] = &[
            60 * minute,
            6 * MS_PER_HOUR,
            MS_PER_DAY,
            3 * MS_PER_DAY,
            14 * MS_PER_DAY,
            61 * MS_PER_DAY,
            365 * MS_PER_DAY,
            3 * 365 * MS_PER_DAY,
            3_660 * MS_PER_DAY,
            20 * 365 * MS_PER_DAY,
        ];
        for &span_ms in spans_ms {
            // A tenth of the span as history, sampled 50 times, and the rest as forecast.
            let history: Vec<(i64, f64)> = (0..=50)
                .map(|i| (start + span_ms / 10 * i / 50, 10.0 + i as f64))
                .collect();
            let forecast = (0..=100)
                .map(|i| {
                    let t = start + span_ms / 10 + (span_ms - span_ms / 10) * i / 100;
                    (t, 60.0 + i as f64, 50.0 + i as f64, 70.0 + i as f64)
                })
                .collect();
            let view = ForecastView {
                history: history.clone(),
                fitted: history,
                hourly_pattern: false,
                forecast,
                capacity: None,
                headroom_line: None,
                crossing: None,
                upper_crossing: None,
            };
            for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
                let case = (span_ms / minute, fit);
                let svg = forecast_chart(&view, fit);
                let mut labels = time_axis_labels(&svg);
                labels.sort_by(|a, b| a.0.total_cmp(&b.0));
                assert!(labels.len() >= 3, "{case:?}: {labels:?}");
                let width = fit.width(WIDTH) as f64;
                for (x, label_width, text) in &labels {
                    assert!(
                        x - label_width / 2.0 >= 0.0 && x + label_width / 2.0 <= width,
                        "{case:?}: {text} at {x} runs off the chart"
                    );
                }
                for pair in labels.windows(2) {
                    let (left, right) = (&pair[0], &pair[1]);
                    assert!(
                        left.0 + left.1 / 2.0 + 4.0 <= right.0 - right.1 / 2.0,
                        "{case:?}: {left:?} and {right:?} overlap: {labels:?}"
                    );
                    assert_ne!(left.2, right.2, "{case:?}: {labels:?}");
                }
            }
        }
    }

    #[test]
    fn a_forecast_ending_just_past_a_midnight_gets_more_than_its_first_date() {
        // A series of 2 seconds from 1970-01-01 00:00 with a 1-day horizon: every step had a
        // tick at the next midnight, whose date ran off the right edge, so the axis fell back to
        // a single label, "1970-01-01".
        let plot = |width: u32| (76.0, f64::from(width) - 24.0);
        for start in [0, 20_526 * MS_PER_DAY] {
            for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
                let width = fit.width(WIDTH);
                let ticks = time_ticks(start, start + MS_PER_DAY + 2_100, plot(width), width);
                assert!(ticks.len() >= 3, "{start} {fit:?}: {ticks:?}");
                assert_eq!(ticks[0].0, start, "{fit:?}: {ticks:?}");
            }
        }
    }

    #[test]
    fn a_span_of_seconds_is_labelled_in_seconds() {
        // A span of 2 seconds had one label, its start's date and minute, on the whole axis.
        let start = 20_526 * MS_PER_DAY + 13 * MS_PER_HOUR + 37 * 60_000 + 58_000;
        let cases: &[(i64, ChartWidth, &[&str])] = &[
            (
                2_000,
                ChartWidth::Wide,
                &["2026-03-14 13:37:58", "13:37:59", "13:38:00"],
            ),
            (
                2_000,
                ChartWidth::Narrow,
                &["2026-03-14 13:37:58", "13:37:59", "13:38:00"],
            ),
            (
                30_000,
                ChartWidth::Wide,
                &[
                    "2026-03-14 13:38:00",
                    "13:38:05",
                    "13:38:10",
                    "13:38:15",
                    "13:38:20",
                    "13:38:25",
                ],
            ),
        ];
        for (span_ms, fit, expected) in cases {
            let width = fit.width(WIDTH);
            let plot = (76.0, f64::from(width) - 24.0);
            let labels: Vec<String> = time_ticks(start, start + span_ms, plot, width)
                .into_iter()
                .map(|(_, label)| label)
                .collect();
            assert_eq!(labels, *expected, "{span_ms} {fit:?}");
        }
    }

    /// Each text of `svg` as drawn: its box (left, right, top, bottom, taking its `dy` and
    /// anchor, with an ascent of 0.75 em and a descent of 0.25), its size and its words.
    fn text_boxes(svg: &str) -> Vec<(f64, f64, f64, f64, f64, String)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|element| {
                let text = element.split('>').nth(1)?.split('<').next()?.trim();
                let size: f64 = attribute(element, "font-size").parse().ok()?;
                let (x, y): (f64, f64) = (
                    attribute(element, "x").parse().ok()?,
                    attribute(element, "y").parse().ok()?,
                );
                let dy = attribute(element, "dy");
                let dy = match (dy.strip_suffix("em"), dy.strip_suffix("ex")) {
                    (Some(em), _) => em.parse::<f64>().ok()? * size,
                    (_, Some(ex)) => ex.parse::<f64>().ok()? * size / 2.0,
                    _ => 0.0,
                };
                let wide = text_width_em(text) * size;
                let left = match attribute(element, "text-anchor") {
                    "middle" => x - wide / 2.0,
                    "end" => x - wide,
                    _ => x,
                };
                let baseline = y + dy;
                Some((
                    left,
                    left + wide,
                    baseline - 0.75 * size,
                    baseline + 0.25 * size,
                    size,
                    text.to_string(),
                ))
            })
            .collect()
    }

    #[test]
    fn the_capacity_charts_write_text_the_size_of_the_other_tabs_charts() {
        // The capacity charts' axes were written at 13 px while every other tab's charts write
        // theirs at 14 px (11.29 in the SVG): about 7.6 px high on a 375 px phone.
        let least = (14.0f64 / 1.24 * 100.0).floor() / 100.0;
        let history: Vec<Sample> = (0..24 * 28)
            .map(|h| Sample {
                t_ms: h * MS_PER_HOUR,
                value: 1_234_567.0 + 1_000.0 * wave(h * MS_PER_HOUR),
            })
            .collect();
        let p = patterns(&history, 0);
        let millions = pattern_view(28, 90, 60, |t_ms| -1_234_567.0 - 1_000.0 * wave(t_ms));
        for fit in [ChartWidth::Narrow, ChartWidth::Wide] {
            let charts = [
                ("forecast", forecast_chart(&wave_view(28, 90), fit), WIDTH),
                (
                    "forecast of millions",
                    forecast_chart(&millions, fit),
                    WIDTH,
                ),
                ("heatmap", heatmap_chart(&p, fit), HEAT_WIDTH),
                ("hourly", hourly_chart(&p, fit), WIDTH),
            ];
            for (name, svg, wide) in charts {
                let width = f64::from(fit.width(wide));
                let boxes = text_boxes(&svg);
                assert!(boxes.len() > 5, "{name} {fit:?}: {svg:.300}");
                for (left, right, _, _, size, text) in &boxes {
                    assert!(*size >= least, "{name} {fit:?}: {text} at {size}");
                    assert!(
                        *left >= 0.0 && *right <= width,
                        "{name} {fit:?}: {text} from {left} to {right} runs off the chart"
                    );
                }
                for (i, a) in boxes.iter().enumerate() {
                    for b in &boxes[i + 1..] {
                        if a.2 < b.3 && b.2 < a.3 {
                            assert!(
                                a.1 <= b.0 || b.1 <= a.0,
                                "{name} {fit:?}: {a:?} and {b:?} overlap"
                            );
                        }
                    }
                }
            }
        }
    }
}
