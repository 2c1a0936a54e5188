//! The Alerts tab's chart: for each alert, its detection time against the error ratio, from its
//! threshold up to 100% errors, both axes logarithmic, with the chosen error ratio marked.

use plotters::prelude::*;

use super::backend::Svg;
use super::{failed_chart, font, short_duration_label, ChartWidth, PALETTE};
use crate::calc::alerts::{format_percent, format_time, AlertFigures};
use crate::calc::ratio::Ratio;

const WIDTH: u32 = 640;
const PLOT_HEIGHT: u32 = 340;
const LEGEND_ROW: u32 = 22;
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);
const MARK_COLOUR: RGBColor = RGBColor(220, 38, 38);
/// Line colours, cycled; the same order as the table's rows.
/// Round error ratios for the x axis, as fractions.
const RATIO_TICKS: [f64; 11] = [
    1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 1.0,
];
/// Round durations for the y axis, in seconds.
const TIME_TICKS: [f64; 14] = [
    0.01,
    0.1,
    1.0,
    10.0,
    60.0,
    600.0,
    3_600.0,
    21_600.0,
    86_400.0,
    604_800.0,
    2_592_000.0,
    31_536_000.0,
    315_360_000.0,
    3_153_600_000.0,
];

/// A label for an error ratio on the axis: `0.1%`, `1%`, `100%`.
fn ratio_label(ratio: f64) -> String {
    let percent = ratio * 100.0;
    let text = format!("{percent:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// Detection time (seconds) against error ratio for every alert that can fire, and a marker at
/// `chosen` (the simulator's error ratio) on each alert that catches it.
pub fn detection_chart(alerts: &[AlertFigures], chosen: Option<Ratio>, fit: ChartWidth) -> String {
    let drawable: Vec<(usize, &AlertFigures)> = alerts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.detection_at_full_errors_ms.is_some())
        .collect();
    let width = fit.width(WIDTH);
    let alert_row = legend_row(width);
    let height = PLOT_HEIGHT + alert_row * drawable.len() as u32 + LEGEND_ROW;
    let mut svg = String::new();
    if draw(&mut svg, &drawable, chosen, (width, height)).is_err() {
        return failed_chart(width, height);
    }
    svg
}

/// The height of an alert's legend entry: one line, or two on a narrow chart (the alert, then
/// its figures).
fn legend_row(width: u32) -> u32 {
    if width < WIDTH {
        2 * LEGEND_ROW
    } else {
        LEGEND_ROW
    }
}

fn draw(
    svg: &mut String,
    alerts: &[(usize, &AlertFigures)],
    chosen: Option<Ratio>,
    (width, height): (u32, u32),
) -> Result<(), ()> {
    let lowest_threshold = alerts
        .iter()
        .map(|(_, a)| a.error_ratio_threshold.to_f64())
        .fold(1.0f64, f64::min);
    let chosen_f = chosen.map(Ratio::to_f64).filter(|c| *c > 0.0);
    let x_low = (lowest_threshold.min(chosen_f.unwrap_or(1.0)) / 2.0).max(1e-9);
    let x_high = 1.0;
    let window_s = |a: &AlertFigures| a.row.long.ms().max(a.row.short.ms()) as f64 / 1000.0;
    let (mut y_low, mut y_high) = (f64::MAX, 0f64);
    for (_, a) in alerts {
        let full = a
            .detection_at_full_errors_ms
            .map_or(1.0, |ms| ms.to_f64() / 1000.0);
        y_low = y_low.min(full);
        y_high = y_high.max(window_s(a));
    }
    if alerts.is_empty() {
        (y_low, y_high) = (1.0, 3_600.0);
    }
    let (y_low, y_high) = ((y_low / 2.0).max(0.001), y_high * 2.0);
    let x_ticks: Vec<f64> = RATIO_TICKS
        .iter()
        .copied()
        .filter(|t| (x_low..=x_high).contains(t))
        .collect();
    let y_ticks: Vec<f64> = TIME_TICKS
        .iter()
        .copied()
        .filter(|t| (y_low..=y_high).contains(t))
        .collect();

    // Both axes are drawn as log10 of the value on plain linear ranges, with the tick labels
    // placed by hand at round values (the same coordinate type as the other charts, which
    // keeps the page smaller than a second log-log instantiation of plotters would).
    let lg = f64::log10;
    let (lx_low, lx_high, ly_low, ly_high) = (lg(x_low), lg(x_high), lg(y_low), lg(y_high));
    let root = Svg::area(svg, (width, height));
    let (top, legend) = root.split_vertically(PLOT_HEIGHT);
    let mut chart = ChartBuilder::on(&top)
        .margin(12)
        .margin_right(30)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(lx_low..lx_high, ly_low..ly_high)
        .map_err(|_| ())?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .axis_style(AXIS_COLOUR)
        .axis_desc_style(font(14.0))
        .x_desc("Error ratio (log scale)")
        .y_desc("Detection time (log scale)")
        .draw()
        .map_err(|_| ())?;
    for t in x_ticks {
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((lg(t), ly_low))
                    + PathElement::new(vec![(0, 0), (0, 5)], AXIS_COLOUR)
                    + Text::new(ratio_label(t), (-12, 8), font(14.0)),
            ))
            .map_err(|_| ())?;
    }
    for t in y_ticks {
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((lx_low, lg(t)))
                    + PathElement::new(vec![(0, 0), (-5, 0)], AXIS_COLOUR)
                    + Text::new(short_duration_label(t), (-44, -7), font(14.0)),
            ))
            .map_err(|_| ())?;
    }

    let steps = 120;
    // Later rows first, so that an earlier row stays visible where two curves coincide (the
    // workbook's two tickets share theirs above 0.3%).
    for (i, alert) in alerts.iter().rev() {
        let colour = PALETTE[i % PALETTE.len()];
        let threshold = alert.error_ratio_threshold.to_f64();
        let window = window_s(alert);
        let curve = (0..=steps).map(|k| {
            // Evenly spaced on the log axis, from the threshold to 100% errors.
            let fraction = f64::from(k) / f64::from(steps);
            let ratio = threshold * (1.0 / threshold).powf(fraction);
            (lg(ratio), lg(window * threshold / ratio))
        });
        // The second ten alerts repeat the colours, dashed.
        if *i < PALETTE.len() {
            chart
                .draw_series(LineSeries::new(curve, colour.stroke_width(2)))
                .map_err(|_| ())?;
        } else {
            chart
                .draw_series(DashedLineSeries::new(curve, 6, 4, colour.stroke_width(2)))
                .map_err(|_| ())?;
        }
    }

    if let (Some(ratio), Some(c)) = (chosen, chosen_f) {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(lg(c), ly_low), (lg(c), ly_high)],
                MARK_COLOUR.stroke_width(1),
            )))
            .map_err(|_| ())?;
        for (i, alert) in alerts {
            if let Some(ms) = alert.detection_ms(ratio) {
                let seconds = (ms.to_f64() / 1000.0).clamp(y_low, y_high);
                let colour = PALETTE[i % PALETTE.len()];
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (lg(c), lg(seconds)),
                        5,
                        colour.filled(),
                    )))
                    .map_err(|_| ())?;
            }
        }
    }

    // The legend: one entry per alert, and what the red line marks.
    let alert_row = legend_row(width);
    for (row, (i, alert)) in alerts.iter().enumerate() {
        let y = alert_row as i32 * row as i32 + 6;
        let colour = PALETTE[i % PALETTE.len()];
        if *i < PALETTE.len() {
            legend
                .draw(&Rectangle::new([(14, y + 4), (34, y + 8)], colour.filled()))
                .map_err(|_| ())?;
        } else {
            for x in [14, 25] {
                legend
                    .draw(&Rectangle::new(
                        [(x, y + 4), (x + 7, y + 8)],
                        colour.filled(),
                    ))
                    .map_err(|_| ())?;
            }
        }
        let figures = format!(
            "from {}% errors; {} at 100%",
            format_percent(alert.error_ratio_threshold),
            alert
                .detection_at_full_errors_ms
                .map_or("never".to_string(), format_time)
        );
        let lines = if alert_row > LEGEND_ROW {
            vec![format!("{}:", alert.label()), figures]
        } else {
            vec![format!("{}: {figures}", alert.label())]
        };
        for (line, text) in lines.into_iter().enumerate() {
            let y = y + (LEGEND_ROW as i32) * line as i32;
            legend
                .draw(&Text::new(text, (42, y), font(14.0)))
                .map_err(|_| ())?;
        }
    }
    if let Some(ratio) = chosen {
        let y = alert_row as i32 * alerts.len() as i32 + 6;
        legend
            .draw(&Rectangle::new(
                [(22, y), (24, y + 14)],
                MARK_COLOUR.filled(),
            ))
            .map_err(|_| ())?;
        legend
            .draw(&Text::new(
                format!("{}% errors (the simulator's ratio)", format_percent(ratio)),
                (42, y),
                font(14.0),
            ))
            .map_err(|_| ())?;
    }
    root.present().map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::alerts::{self, parse_row, Slo};
    use crate::calc::slo::{SloTarget, WindowDays};
    use crate::inputs::AlertRowInputs;

    fn alerts_for(target: &str, days: &str, rows: &[AlertRowInputs]) -> Vec<AlertFigures> {
        let slo = Slo {
            target: SloTarget::parse(target).unwrap(),
            window: WindowDays::parse(days).unwrap(),
        };
        let rows: Vec<_> = rows.iter().map(|r| parse_row(r).unwrap()).collect();
        alerts::table(slo, &rows)
    }

    #[test]
    fn draws_a_curve_per_alert_and_marks_the_chosen_ratio() {
        let alerts = alerts_for("99.9", "30", &AlertRowInputs::workbook_defaults());
        let svg = detection_chart(&alerts, Ratio::new(2, 100), ChartWidth::Wide);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert_eq!(svg.matches("stroke-width=\"2\" points").count(), 4, "{svg}");
        // 2% is above every threshold: four markers.
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(
            svg.contains("page 1h / 5m: from 1.44% errors; 51.84s at 100%"),
            "{svg}"
        );
        assert!(
            svg.contains("2% errors (the simulator&apos;s ratio)"),
            "{svg}"
        );
        assert!(svg.contains("Error ratio (log scale)"));
        // 1% is below the fast page's 1.44%: no marker on its curve.
        let svg = detection_chart(&alerts, Ratio::new(1, 100), ChartWidth::Wide);
        assert_eq!(svg.matches("<circle").count(), 3);
        // On a phone's width each alert's legend takes two lines: the alert, then its figures.
        let narrow = detection_chart(&alerts, Ratio::new(2, 100), ChartWidth::Narrow);
        assert!(narrow.contains("width=\"400\""), "{narrow}");
        assert!(narrow.contains(">\npage 1h / 5m:\n<"), "{narrow}");
        assert!(
            narrow.contains(">\nfrom 1.44% errors; 51.84s at 100%\n<"),
            "{narrow}"
        );
    }

    #[test]
    fn the_time_axis_of_a_century_long_alert_is_grouped() {
        // A ticket over 36,500 days: the time axis read "3650d" and "36500d".
        let century = AlertRowInputs {
            id: Default::default(),
            severity: "ticket".into(),
            budget_percent: "100".into(),
            long_window: "36500d".into(),
            short_window: String::new(),
        };
        let alerts = alerts_for("50", "36525", &[century]);
        let svg = detection_chart(&alerts, None, ChartWidth::Wide);
        // The legend names the alert by its windows as the rules write them (Prometheus
        // durations) and its detection time as the table does: only the axes are checked.
        let ungrouped: Vec<String> = super::super::ungrouped_numbers(&svg)
            .into_iter()
            .filter(|number| !number.contains("\"ticket "))
            .collect();
        assert_eq!(ungrouped, Vec::<String>::new());
        assert!(svg.contains("\n36,500d\n"), "{svg}");
    }

    #[test]
    fn never_contains_non_finite_numbers() {
        let never = AlertRowInputs {
            id: Default::default(),
            severity: "page".into(),
            budget_percent: "100".into(),
            long_window: "1m".into(),
            short_window: String::new(),
        };
        for (target, days) in [("99.999999", "0.000001"), ("50", "36525"), ("99.9", "7")] {
            let mut rows = AlertRowInputs::workbook_defaults();
            rows.push(never.clone());
            let alerts = alerts_for(target, days, &rows);
            for chosen in [None, Ratio::new(1, 1), Ratio::new(1, 100_000_000)] {
                let svg = detection_chart(&alerts, chosen, ChartWidth::Wide);
                assert!(
                    !svg.contains("NaN") && !svg.contains("inf"),
                    "{target} {days}"
                );
            }
        }
        assert!(detection_chart(&[], None, ChartWidth::Wide).starts_with("<svg"));
    }

    #[test]
    fn the_second_ten_alerts_are_dashed() {
        // Twelve alerts: the 11th and 12th repeat the first two colours, dashed in the chart and
        // in the legend (two short swatches instead of one long one).
        let rows: Vec<AlertRowInputs> = AlertRowInputs::workbook_defaults()
            .into_iter()
            .cycle()
            .take(12)
            .collect();
        let alerts = alerts_for("99.9", "30", &rows);
        let svg = detection_chart(&alerts, None, ChartWidth::Wide);
        let swatches = |svg: &str, width: &str| {
            svg.matches(&format!("width=\"{width}\" height=\"4\""))
                .count()
        };
        assert_eq!(
            (swatches(&svg, "20"), swatches(&svg, "7")),
            (10, 4),
            "{svg}"
        );
        let ten = detection_chart(&alerts[..10], None, ChartWidth::Wide);
        assert_eq!((swatches(&ten, "20"), swatches(&ten, "7")), (10, 0));
    }

    #[test]
    fn axis_labels_are_clean() {
        assert_eq!(ratio_label(0.001), "0.1%");
        assert_eq!(ratio_label(1.0), "100%");
        assert_eq!(ratio_label(0.03), "3%");
    }
}
