//! Burn-down of the error budget over the window: remaining % against days, with the ideal
//! even spend, the observed point, the projection at the current pace, and the policy zones.

use plotters::prelude::*;

use super::backend::Svg;

use super::{failed_chart, font, ChartWidth};
use crate::calc::budget_sheet::RemainingFigures;
use crate::calc::slo::{WindowDays, MICRO_DAYS_PER_DAY};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 300;
const IDEAL_COLOUR: RGBColor = RGBColor(128, 128, 128);
const PACE_COLOUR: RGBColor = RGBColor(37, 99, 235);
const NOW_COLOUR: RGBColor = RGBColor(220, 38, 38);
const FREEZE_FILL: RGBAColor = RGBAColor(220, 38, 38, 0.16);
const WARN_FILL: RGBAColor = RGBAColor(245, 158, 11, 0.16);
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);

/// Draws the burn-down for `window` and the progress in `figures`.
pub fn burndown_chart(window: WindowDays, figures: &RemainingFigures, fit: ChartWidth) -> String {
    let mut svg = String::new();
    let width = fit.width(WIDTH);
    if draw(&mut svg, window, figures, width).is_err() {
        return failed_chart(width, HEIGHT);
    }
    svg
}

fn draw(
    svg: &mut String,
    window: WindowDays,
    figures: &RemainingFigures,
    width: u32,
) -> Result<(), ()> {
    let window_days = window.micro_days() as f64 / MICRO_DAYS_PER_DAY as f64;
    let elapsed_days = figures.elapsed_micro_days as f64 / MICRO_DAYS_PER_DAY as f64;
    let remaining_percent = figures.report.remaining.to_f64() * 100.0;
    let pace_per_day = figures.report.pace.to_f64() * 100.0 / window_days;
    let freeze = f64::from(figures.policy.freeze_below_bp) / 100.0;
    let warn = f64::from(figures.policy.warn_below_bp) / 100.0;

    let root = Svg::area(svg, (width, HEIGHT));
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..window_days, 0.0..100.0)
        .map_err(|_| ())?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(AXIS_COLOUR)
        .label_style(font(14.0))
        .axis_desc_style(font(14.0))
        .x_labels(7)
        .y_labels(6)
        .x_label_formatter(&|d| format!("{d:.0}"))
        .y_label_formatter(&|p| format!("{p:.0}%"))
        .x_desc("Days into the window")
        .y_desc("Budget remaining")
        .draw()
        .map_err(|_| ())?;

    let zones = [(0.0, freeze, FREEZE_FILL), (freeze, warn, WARN_FILL)];
    chart
        .draw_series(zones.into_iter().filter(|(low, high, _)| high > low).map(
            |(low, high, fill)| Rectangle::new([(0.0, low), (window_days, high)], fill.filled()),
        ))
        .map_err(|_| ())?;

    chart
        .draw_series(LineSeries::new(
            [(0.0, 100.0), (window_days, 0.0)],
            IDEAL_COLOUR.stroke_width(1),
        ))
        .map_err(|_| ())?;

    // The budget spent so far, from the start of the window to now (logged incidents
    // included), then the measured pace on from there until the budget is gone or the window
    // ends.
    let now = remaining_percent;
    let end_day = if pace_per_day > 0.0 {
        (elapsed_days + now / pace_per_day).min(window_days)
    } else {
        window_days
    };
    let at = |day: f64| (now - pace_per_day * (day - elapsed_days)).max(0.0);
    chart
        .draw_series(LineSeries::new(
            [(0.0, 100.0), (elapsed_days, now)],
            PACE_COLOUR.stroke_width(2),
        ))
        .map_err(|_| ())?;
    chart
        .draw_series(DashedLineSeries::new(
            [
                (elapsed_days, now),
                (end_day.max(elapsed_days), at(end_day.max(elapsed_days))),
            ],
            6,
            4,
            PACE_COLOUR.stroke_width(2),
        ))
        .map_err(|_| ())?;
    chart
        .draw_series(std::iter::once(Circle::new(
            (elapsed_days, remaining_percent),
            5,
            NOW_COLOUR.filled(),
        )))
        .map_err(|_| ())?;

    root.present().map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::budget_sheet::{read, Section};
    use crate::calc::date::CivilDate;
    use crate::inputs::BudgetInputs;

    fn figures(availability: &str, elapsed: &str) -> (WindowDays, RemainingFigures) {
        let inputs = BudgetInputs {
            so_far_mode: "availability".into(),
            so_far_availability: availability.into(),
            elapsed_days: elapsed.into(),
            ..BudgetInputs::default()
        };
        let sheet = read(&inputs, CivilDate::parse("2026-12-04").unwrap());
        let Section::Ready(figures) = sheet.remaining else {
            panic!("{:?}", sheet.remaining)
        };
        (sheet.window.unwrap().window, figures)
    }

    #[test]
    fn draws_zones_lines_and_the_current_point() {
        let (window, f) = figures("99.95", "10");
        let svg = burndown_chart(window, &f, ChartWidth::Wide);
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<rect").count(), 2, "freeze and warning zones");
        assert!(svg.contains("<circle"), "the current point");
        assert!(
            svg.contains("stroke-dasharray") || svg.matches("<polyline").count() >= 3,
            "pace"
        );
        assert!(svg.contains("\n100%\n"), "percent axis");
    }

    #[test]
    fn overspent_and_idle_budgets_draw_without_non_finite_numbers() {
        for (availability, elapsed) in
            [("90", "15"), ("100", "0"), ("100", "30"), ("0", "0.000001")]
        {
            let (window, f) = figures(availability, elapsed);
            let svg = burndown_chart(window, &f, ChartWidth::Wide);
            assert!(
                !svg.contains("NaN") && !svg.contains("inf"),
                "{availability} {elapsed}"
            );
        }
    }
}
