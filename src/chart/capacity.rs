//! The Capacity tab's charts: history with the fitted model, the forecast with its 95% band,
//! the capacity and headroom lines and the crossing marked with its date; the weekday × hour
//! heatmap and the hourly bars.
//!
//! Long series are reduced for drawing only: each pixel column keeps the lowest and highest
//! value that falls in it, in time order, so every peak and trough still shows. All maths uses
//! every sample.

use plotters::coord::ranged1d::BoldPoints;
use plotters::prelude::*;

use super::backend::{text_width_em, Svg};
use super::{failed_chart, font, ChartWidth};
use crate::calc::capacity::patterns::{Patterns, WEEKDAYS};
use crate::calc::capacity::series::{date_of, reduce_min_max, Scale, MAX_ABS_VALUE, MS_PER_DAY};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 340;
/// Pixels the plot area of the forecast chart is wide (the width less the axis and margins).
const PLOT_COLUMNS: usize = 620;
/// How many ticks the forecast chart's time axis has, at most.
const X_LABELS: usize = 6;
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);
const HISTORY_COLOUR: RGBColor = RGBColor(100, 116, 139);
const MODEL_COLOUR: RGBColor = RGBColor(37, 99, 235);
const BAND_FILL: RGBAColor = RGBAColor(37, 99, 235, 0.18);
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
    /// (time, value, lower, upper) over the horizon.
    pub forecast: Vec<(i64, f64, f64, f64)>,
    pub capacity: Option<f64>,
    pub headroom_line: Option<f64>,
    /// When the trend reaches the capacity, and its label.
    pub crossing: Option<(i64, String)>,
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

/// How many dates fit under a chart `width` pixels wide (6 under the full 720).
fn date_labels(width: u32) -> usize {
    (width as usize * X_LABELS / WIDTH as usize).max(2)
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

fn draw_forecast(svg: &mut String, view: &ForecastView, width: u32) -> Result<(), ()> {
    let plot_columns = PLOT_COLUMNS * width as usize / WIDTH as usize;
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

    let history = reduce_min_max(history, history_columns);
    let fitted = reduce_min_max(&view.fitted, history_columns);
    let line: Vec<(i64, f64)> = view.forecast.iter().map(|f| (f.0, f.1)).collect();
    let line = reduce_min_max(&line, forecast_columns);
    let upper = reduce_min_max(
        &view.forecast.iter().map(|f| (f.0, f.3)).collect::<Vec<_>>(),
        forecast_columns,
    );
    let lower = reduce_min_max(
        &view.forecast.iter().map(|f| (f.0, f.2)).collect::<Vec<_>>(),
        forecast_columns,
    );

    let (mut low, mut high) = finite_range(
        history
            .iter()
            .chain(&fitted)
            .chain(&upper)
            .chain(&lower)
            .map(|p| p.1)
            .chain(view.capacity)
            .chain(view.headroom_line),
    )
    .ok_or(())?;
    // A series of zeros gets an axis of its own; any other, however tiny its values (1e-15),
    // an axis of their size, at least a thousandth of it each way, so that tick labels of four
    // significant digits differ (a series of 42 with noise of 1e-12 labelled five ticks "42").
    let pad = ((high - low) * 0.05).max(high.abs().max(low.abs()) * 1e-3);
    let pad = if pad > 0.0 { pad } else { 1e-9 };
    low -= pad;
    high += pad;
    // A tick a float's width from zero reads 0.
    let axis = Scale::of(low.abs().max(high.abs()));

    let root = Svg::area(svg, (width, HEIGHT));
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(64)
        .build_cartesian_2d(0.0..span_days, low..high)
        .map_err(|_| ())?;
    // Dates stop at 9999-12-31: a forecast that reaches past it says so once, at the first tick
    // past it (the axis's own ticks, as the mesh draws them), never with a date within the year
    // 9999; the ticks after that one are left unlabelled.
    let date_at = |d: f64| date_of(start.saturating_add((d * MS_PER_DAY as f64) as i64));
    let first_past_9999 = chart
        .as_coord_spec()
        .x_spec()
        .key_points(BoldPoints(date_labels(width)))
        .into_iter()
        .filter(|d| date_at(*d).is_none())
        .reduce(f64::min);
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(AXIS_COLOUR)
        .label_style(font(13.0))
        .x_labels(date_labels(width))
        .y_labels(6)
        .x_label_formatter(&|d| match date_at(*d) {
            Some(date) => date.to_string(),
            None if Some(*d) == first_past_9999 => "after 9999".to_string(),
            None => String::new(),
        })
        .y_label_formatter(&|v| axis.value(*v))
        .draw()
        .map_err(|_| ())?;

    let to_xy = |p: &(i64, f64)| (days(p.0), p.1.clamp(low, high));
    if !upper.is_empty() {
        let mut band: Vec<(f64, f64)> = upper.iter().map(to_xy).collect();
        band.extend(lower.iter().rev().map(to_xy));
        chart
            .draw_series(std::iter::once(Polygon::new(band, BAND_FILL.filled())))
            .map_err(|_| ())?;
    }
    chart
        .draw_series(LineSeries::new(
            history.iter().map(to_xy),
            HISTORY_COLOUR.stroke_width(1),
        ))
        .map_err(|_| ())?;
    chart
        .draw_series(LineSeries::new(
            fitted.iter().map(to_xy),
            MODEL_COLOUR.stroke_width(2),
        ))
        .map_err(|_| ())?;
    chart
        .draw_series(DashedLineSeries::new(
            line.iter().map(to_xy),
            6,
            4,
            MODEL_COLOUR.stroke_width(2),
        ))
        .map_err(|_| ())?;
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
    if let (Some((t, label)), Some(capacity)) = (&view.crossing, view.capacity) {
        let x = days(*t);
        // Right of the dot, or ending just left of it near the right edge: its own width at
        // the size the SVG writes (13 px / 1.24); a fixed 150 px left it far from the dot on a
        // narrow chart.
        let width = (text_width_em(label) * 13.0 / 1.24).ceil() as i32;
        let offset = if x > span_days * 0.7 { -width - 8 } else { 8 };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((x, capacity))
                    + Circle::new((0, 0), 5, CAPACITY_COLOUR.filled())
                    + Text::new(label.clone(), (offset, -20), font(13.0)),
            ))
            .map_err(|_| ())?;
    }
    root.present().map_err(|_| ())
}

const HEAT_WIDTH: u32 = 720;
const HEAT_HEIGHT: u32 = 250;
/// The font size of the heatmap's labels, as given to [`font`].
const HEAT_FONT_PX: f64 = 13.0;
/// How many shades the heatmap's scale shows, from the lowest mean to the highest.
const SCALE_SHADES: usize = 5;

/// The shade of a mean `share` of the way from the lowest mean (0) to the highest (1).
fn heat_shade(share: f64) -> RGBAColor {
    RGBAColor(37, 99, 235, 0.08 + 0.9 * share.clamp(0.0, 1.0))
}

/// The weekday × hour heatmap of means: darker is higher, with a scale under it from the
/// lowest mean (`lowest mean 0.1`, the lightest shade) to the highest (`0.7 highest`, the
/// darkest), written as every capacity figure is ([`Scale::value`]: no float noise); means that
/// are all the same have one shade, and the scale says `every mean 42`.
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
        root.draw(&Text::new(day, (8, y + 6), font(13.0)))
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
            font(13.0),
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
        .label_style(font(13.0))
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
            capacity: Some(90.0),
            headroom_line: Some(75.0),
            crossing: Some((80 * MS_PER_HOUR, "1970-01-04".to_string())),
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
            forecast: (0..=3_650)
                .map(|d| {
                    let v = 250.0 + 24.0 * d as f64;
                    (last + d * MS_PER_DAY, v, v - 10.0, v + 10.0)
                })
                .collect(),
            capacity: None,
            headroom_line: None,
            crossing: None,
        };
        let svg = forecast_chart(&view, ChartWidth::Wide);
        let labels: Vec<&str> = svg.lines().filter(|l| !l.starts_with('<')).collect();
        assert_eq!(
            labels.iter().filter(|l| l.starts_with("9999-")).count(),
            1,
            "{labels:?}"
        );
        // Past the year, the first tick says so and the others are left unlabelled (three
        // ticks in a row read "after 9999").
        assert_eq!(
            labels.iter().filter(|l| **l == "after 9999").count(),
            1,
            "{labels:?}"
        );
        let first_past = labels.iter().position(|l| *l == "after 9999").unwrap();
        assert!(labels[first_past - 1].starts_with("9999-"), "{labels:?}");
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
                    x + text_width_em(label) * 13.0 <= width,
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
            forecast: forecast::forecast_points(&fit, samples[99].t_ms, 90),
            capacity: None,
            headroom_line: None,
            crossing: None,
        };
        let svg = forecast_chart(&view, ChartWidth::Wide);
        assert!(
            svg.starts_with("<svg") && svg.contains("<polyline"),
            "{svg}"
        );
        assert!(!svg.contains("inf") && !svg.contains("NaN"));
    }
}
