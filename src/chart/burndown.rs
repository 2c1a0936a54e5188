//! Burn-down of the error budget over the window: remaining % against days, with the ideal
//! even spend, the observed point, the projection at the current pace, and the policy zones.

use plotters::prelude::*;

use super::backend::Svg;

use super::{failed_chart, font, ChartWidth};
use crate::calc::budget_sheet::RemainingFigures;
use crate::calc::decimal::grouped;
use crate::calc::duration::MS_PER_DAY;
use crate::calc::incident::{total_of, Counted};
use crate::calc::slo::{WindowDays, MICRO_DAYS_PER_DAY};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 300;
const IDEAL_COLOUR: RGBColor = RGBColor(128, 128, 128);
const PACE_COLOUR: RGBColor = RGBColor(37, 99, 235);
const NOW_COLOUR: RGBColor = RGBColor(220, 38, 38);
const FREEZE_FILL: RGBAColor = RGBAColor(220, 38, 38, 0.16);
const WARN_FILL: RGBAColor = RGBAColor(245, 158, 11, 0.16);
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);

/// Draws the burn-down for `window` and the progress in `figures`, with the logged `incidents`
/// added to it (those of `incident::budget_with_incidents`; none when none were added).
pub fn burndown_chart(
    window: WindowDays,
    figures: &RemainingFigures,
    incidents: &[Counted],
    fit: ChartWidth,
) -> String {
    let mut svg = String::new();
    let width = fit.width(WIDTH);
    if draw(&mut svg, window, figures, incidents, width).is_err() {
        return failed_chart(width, HEIGHT);
    }
    svg
}

fn draw(
    svg: &mut String,
    window: WindowDays,
    figures: &RemainingFigures,
    incidents: &[Counted],
    width: u32,
) -> Result<(), ()> {
    let window_days = window.micro_days() as f64 / MICRO_DAYS_PER_DAY as f64;
    let elapsed_days = figures.elapsed_micro_days as f64 / MICRO_DAYS_PER_DAY as f64;
    let remaining_percent = figures.report.remaining.to_f64() * 100.0;
    let pace_per_day = figures.report.pace.to_f64() * 100.0 / window_days;
    let freeze = figures.policy.freeze_below().to_f64() * 100.0;
    let warn = figures.policy.warn_below().to_f64() * 100.0;

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
        .x_label_formatter(&|d| day_label(*d))
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

    // The budget spent so far, from the start of the window to now: the measured failures as
    // an even slope and each logged incident as a step, then the measured pace on from there
    // until the budget is gone or the window ends.
    let spent = spent_so_far(figures, incidents, elapsed_days);
    let now = remaining_percent;
    let end_day = if pace_per_day > 0.0 {
        (elapsed_days + now / pace_per_day).min(window_days)
    } else {
        window_days
    };
    let at = |day: f64| (now - pace_per_day * (day - elapsed_days)).max(0.0);
    chart
        .draw_series(LineSeries::new(spent, PACE_COLOUR.stroke_width(2)))
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

/// The budget remaining from the window's start to now, in (days, %) points: the measured
/// failures spent evenly over the days elapsed, and each incident's cost over its part counted
/// (kept within the time elapsed, which is rounded to a millionth of a day). A resolved
/// incident is a step down at the start of that part, being short beside the window; an ongoing
/// one is still spending, so its cost is spread from there to now. What the incidents do not
/// account for of the budget added is spread evenly with the measured failures. The spend is
/// followed as measured, past 0%, and the line is cut at 0% ([`clip_at_zero`]): it reaches 0%
/// when the budget ran out and stays there, rather than reaching it only at now.
fn spent_so_far(
    figures: &RemainingFigures,
    incidents: &[Counted],
    elapsed_days: f64,
) -> Vec<(f64, f64)> {
    let stepped = total_of(incidents);
    let even_percent = figures.report.consumed.saturating_sub(stepped).to_f64() * 100.0;
    let day_of = |ms: u64| (ms as f64 / MS_PER_DAY as f64).min(elapsed_days);
    // Each incident's (first day, last day, % of the budget); the same day for a step.
    let spends: Vec<(f64, f64, f64)> = incidents
        .iter()
        .map(|c| {
            let from = day_of(c.offset_ms);
            let to = if c.ongoing {
                day_of(c.offset_ms.saturating_add(c.counted_ms))
            } else {
                from
            };
            (from, to, c.consumed.to_f64() * 100.0)
        })
        .collect();
    // The % spent by `day`, with the steps on that day when `with_steps_on_day`.
    let spent_by = |day: f64, with_steps_on_day: bool| {
        let even = if elapsed_days > 0.0 {
            even_percent * day / elapsed_days
        } else {
            0.0
        };
        let incidents: f64 = spends
            .iter()
            .map(|&(from, to, cost)| {
                if to > from {
                    cost * ((day - from) / (to - from)).clamp(0.0, 1.0)
                } else if day > from || (with_steps_on_day && day == from) {
                    cost
                } else {
                    0.0
                }
            })
            .sum();
        even + incidents
    };
    let left = |percent: f64| (100.0 - percent).min(100.0);

    // The line bends only where an incident begins or ends.
    let mut days: Vec<f64> = spends
        .iter()
        .flat_map(|&(from, to, _)| [from, to])
        .collect();
    days.extend([0.0, elapsed_days]);
    days.sort_by(f64::total_cmp);
    days.dedup();
    let mut points = Vec::with_capacity(days.len() * 2);
    for day in days {
        let (before, after) = (left(spent_by(day, false)), left(spent_by(day, true)));
        points.push((day, before));
        if after != before {
            points.push((day, after));
        }
    }
    clip_at_zero(&points)
}

/// The line through `points` (days, %) cut at 0%: where a segment goes from above 0% to below,
/// the point where it meets 0% is added, and every point below 0% is drawn on it. A vertical
/// step (an incident) that goes below 0% meets it at its own day.
fn clip_at_zero(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut clipped = Vec::with_capacity(points.len() + 1);
    for (i, &(day, percent)) in points.iter().enumerate() {
        if let Some(&(before_day, before)) = i.checked_sub(1).map(|j| &points[j]) {
            if before > 0.0 && percent < 0.0 {
                let share = before / (before - percent);
                clipped.push((before_day + (day - before_day) * share, 0.0));
            }
        }
        let point = (day, percent.max(0.0));
        // A step below 0% met at its own day is one point, not two.
        if clipped.last() != Some(&point) {
            clipped.push(point);
        }
    }
    clipped
}

/// A tick of the days axis: whole days as they are (grouped: `10,000`), and the halves or tenths
/// the ticks of a short window fall on with their decimals (at most two), so that no two ticks
/// read the same.
fn day_label(days: f64) -> String {
    let text = format!("{days:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        grouped(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::budget_sheet::{read, read_adding, Section};
    use crate::calc::date::CivilDate;
    use crate::calc::ratio::Ratio;
    use crate::inputs::BudgetInputs;

    #[test]
    fn day_ticks_of_a_short_window_keep_their_decimals() {
        let ticks = [0.0, 0.1, 0.2, 0.30000000000000004, 1.5, 2.0, 10.0, -0.0];
        let labels: Vec<String> = ticks.into_iter().map(day_label).collect();
        assert_eq!(labels, ["0", "0.1", "0.2", "0.3", "1.5", "2", "10", "0"]);
    }

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

    /// 99.925% over 10 of 30 days: 0.075% / 0.1% × 10/30 = 25% of the budget measured, 2.5% a
    /// day, with `added` from logged incidents on top.
    fn quarter_measured_adding(added: Ratio) -> (WindowDays, RemainingFigures) {
        let inputs = BudgetInputs {
            so_far_mode: "availability".into(),
            so_far_availability: "99.925".into(),
            elapsed_days: "10".into(),
            ..BudgetInputs::default()
        };
        let sheet = read_adding(&inputs, CivilDate::parse("2026-12-04").unwrap(), added);
        (
            sheet.window.unwrap().window,
            *sheet.remaining.ready().unwrap(),
        )
    }

    /// A resolved incident of an hour, `offset_days` into the window, that used `consumed`.
    fn resolved_at(offset_days: u64, consumed: Ratio) -> Counted {
        Counted {
            index: 0,
            id: "INC-1".into(),
            title: String::new(),
            duration_ms: 3_600_000,
            counted_ms: 3_600_000,
            ongoing: false,
            offset_ms: offset_days * MS_PER_DAY,
            consumed,
        }
    }

    #[test]
    fn draws_zones_lines_and_the_current_point() {
        let (window, f) = figures("99.95", "10");
        let svg = burndown_chart(window, &f, &[], ChartWidth::Wide);
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<rect").count(), 2, "freeze and warning zones");
        assert!(svg.contains("<circle"), "the current point");
        assert!(
            svg.contains("stroke-dasharray") || svg.matches("<polyline").count() >= 3,
            "pace"
        );
        assert!(svg.contains("\n100%\n"), "percent axis");
    }

    /// The points of the first polyline stroked in `colour` (`#2563EB`), in pixels.
    fn polyline_points(svg: &str, colour: &str) -> Vec<(i32, i32)> {
        let line = svg
            .split("<polyline")
            .skip(1)
            .find(|element| element.contains(&format!("stroke=\"{colour}\"")))
            .expect("a polyline in that colour");
        let points = line
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        points
            .split_whitespace()
            .map(|pair| {
                let (x, y) = pair.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn the_days_of_a_long_window_are_grouped() {
        // A window of 36,525 days: its ticks read "5000", "10000".
        let inputs = BudgetInputs {
            window_days: "36525".into(),
            so_far_mode: "availability".into(),
            so_far_availability: "99.95".into(),
            elapsed_days: "10000".into(),
            ..BudgetInputs::default()
        };
        let sheet = read(&inputs, CivilDate::parse("2026-12-04").unwrap());
        let Section::Ready(figures) = sheet.remaining else {
            panic!("{:?}", sheet.remaining)
        };
        let svg = burndown_chart(
            sheet.window.unwrap().window,
            &figures,
            &[],
            ChartWidth::Wide,
        );
        assert_eq!(super::super::ungrouped_numbers(&svg), Vec::<String>::new());
        assert!(svg.contains("\n10,000\n"), "{svg}");
    }

    #[test]
    fn logged_incidents_are_steps_at_their_time_not_a_slope() {
        // 25% measured; an incident of 20% added, 5 days into the window: 45% consumed, 55%
        // left at day 10.
        let added = Ratio::new(1, 5).unwrap();
        let (window, figures) = quarter_measured_adding(added);
        assert_eq!(figures.report.remaining.format_percent(2), "55");
        let svg = burndown_chart(window, &figures, &[resolved_at(5, added)], ChartWidth::Wide);
        // 100% at day 0; the measured 25% over 10 days is 12.5% by day 5: 87.5%; the step to
        // 67.5% there; 12.5% more to 55% at day 10. The slope alone read 77.5% at day 5.
        let points = polyline_points(&svg, "#2563EB");
        assert_eq!(points.len(), 4, "{points:?}");
        let (x0, y0) = points[0];
        let (x10, y55) = points[3];
        let y_at = |percent: f64| y0 as f64 + (100.0 - percent) * (y55 - y0) as f64 / 45.0;
        let x5 = x0 as f64 + (x10 - x0) as f64 / 2.0;
        for (point, (x, y)) in points[1..3]
            .iter()
            .zip([(x5, y_at(87.5)), (x5, y_at(67.5))])
        {
            assert!(
                (point.0 as f64 - x).abs() <= 1.0 && (point.1 as f64 - y).abs() <= 1.0,
                "{point:?} is not ({x}, {y})"
            );
        }
    }

    /// The first polyline's points in `colour` as (day, % remaining), from its pixels: day 0
    /// and 100% at the first point, and `last` (day, %) at the last.
    fn polyline_days(svg: &str, colour: &str, last: (f64, f64)) -> Vec<(f64, f64)> {
        let points = polyline_points(svg, colour);
        let ((x0, y0), (xn, yn)) = (points[0], points[points.len() - 1]);
        let per_day = (xn - x0) as f64 / last.0;
        let per_percent = (yn - y0) as f64 / (100.0 - last.1);
        points
            .iter()
            .map(|&(x, y)| {
                (
                    (x - x0) as f64 / per_day,
                    100.0 - (y - y0) as f64 / per_percent,
                )
            })
            .collect()
    }

    fn assert_points_near(points: &[(f64, f64)], expected: &[(f64, f64)]) {
        assert_eq!(
            points.len(),
            expected.len(),
            "{points:?} is not {expected:?}"
        );
        for (point, wanted) in points.iter().zip(expected) {
            assert!(
                (point.0 - wanted.0).abs() <= 0.1 && (point.1 - wanted.1).abs() <= 1.0,
                "{points:?} is not {expected:?}"
            );
        }
    }

    #[test]
    fn the_spend_reaches_zero_when_the_budget_ran_out_not_at_now() {
        // 99.99% over 30 days with 50M events expected (5,000 bad allowed), 9,000 bad of 18M
        // events in 10 days: 180% of the budget spent, so it ran out 10 / 1.8 = 5.556 days in
        // (5d 13h 20m, as the page says). The line was drawn from 100% at day 0 evenly down to
        // 0% at day 10 (clamped there).
        let inputs = BudgetInputs {
            target_percent: "99.99".into(),
            expected_requests: "50000000".into(),
            so_far_mode: "counts".into(),
            so_far_bad: "9000".into(),
            so_far_total: "18000000".into(),
            elapsed_days: "10".into(),
            ..BudgetInputs::default()
        };
        let sheet = read(&inputs, CivilDate::parse("2026-12-04").unwrap());
        let Section::Ready(figures) = sheet.remaining else {
            panic!("{:?}", sheet.remaining)
        };
        let run_out_ms = ((5 * 24 + 13) * 60 + 20) * 60_000;
        assert_eq!(
            figures.report.run_out,
            crate::calc::burn::RunOut::AfterMs(run_out_ms)
        );
        let svg = burndown_chart(
            sheet.window.unwrap().window,
            &figures,
            &[],
            ChartWidth::Wide,
        );
        let points = polyline_days(&svg, "#2563EB", (10.0, 0.0));
        assert_points_near(&points, &[(0.0, 100.0), (10.0 / 1.8, 0.0), (10.0, 0.0)]);
    }

    #[test]
    fn an_incident_step_below_zero_is_clipped_and_the_line_stays_on_zero() {
        // 25% measured, 2.5% a day; an incident of 80% at day 5: 87.5% before it, 7.5% after,
        // then the even spend reaches 0% at day 8 (it was drawn from 7.5% at day 5 straight to
        // 0% at day 10).
        let added = Ratio::new(4, 5).unwrap();
        let (window, figures) = quarter_measured_adding(added);
        let svg = burndown_chart(window, &figures, &[resolved_at(5, added)], ChartWidth::Wide);
        let points = polyline_days(&svg, "#2563EB", (10.0, 0.0));
        assert_points_near(
            &points,
            &[
                (0.0, 100.0),
                (5.0, 87.5),
                (5.0, 7.5),
                (8.0, 0.0),
                (10.0, 0.0),
            ],
        );
        // An incident of 120% at day 5 takes the line from 87.5% to 0% there, and it stays.
        let more = Ratio::new(6, 5).unwrap();
        let (window, figures) = quarter_measured_adding(more);
        let svg = burndown_chart(window, &figures, &[resolved_at(5, more)], ChartWidth::Wide);
        let points = polyline_days(&svg, "#2563EB", (10.0, 0.0));
        assert_points_near(
            &points,
            &[(0.0, 100.0), (5.0, 87.5), (5.0, 0.0), (10.0, 0.0)],
        );
    }

    #[test]
    fn an_ongoing_incident_spends_from_its_start_to_now_not_at_its_start() {
        // 25% measured; an incident ongoing since day 6 has used 20% so far: 85% left at day 6,
        // then both spend on to 55% at day 10, now. A step at day 6 read 65% there, as if the
        // 20% had gone at once.
        let added = Ratio::new(1, 5).unwrap();
        let (window, figures) = quarter_measured_adding(added);
        let ongoing = Counted {
            duration_ms: 5 * MS_PER_DAY,
            counted_ms: 4 * MS_PER_DAY,
            ongoing: true,
            ..resolved_at(6, added)
        };
        let svg = burndown_chart(
            window,
            &figures,
            std::slice::from_ref(&ongoing),
            ChartWidth::Wide,
        );
        let points = polyline_days(&svg, "#2563EB", (10.0, 55.0));
        assert_points_near(&points, &[(0.0, 100.0), (6.0, 85.0), (10.0, 55.0)]);

        // Beside a resolved incident of 10% at day 8: 85% at day 6; at day 8, 20% measured and
        // half the ongoing one's 20% spent, 70% before the step and 60% after; 45% at day 10.
        let (window, figures) = quarter_measured_adding(Ratio::new(3, 10).unwrap());
        let resolved = Counted {
            id: "INC-2".into(),
            ..resolved_at(8, Ratio::new(1, 10).unwrap())
        };
        let svg = burndown_chart(window, &figures, &[ongoing, resolved], ChartWidth::Wide);
        let points = polyline_days(&svg, "#2563EB", (10.0, 45.0));
        assert_points_near(
            &points,
            &[
                (0.0, 100.0),
                (6.0, 85.0),
                (8.0, 70.0),
                (8.0, 60.0),
                (10.0, 45.0),
            ],
        );
    }

    #[test]
    fn overspent_and_idle_budgets_draw_without_non_finite_numbers() {
        for (availability, elapsed) in
            [("90", "15"), ("100", "0"), ("100", "30"), ("0", "0.000001")]
        {
            let (window, f) = figures(availability, elapsed);
            // Incidents beyond now, and costing more than the budget consumed, as a hostile
            // caller might pass.
            let hostile = Counted {
                index: 0,
                id: "INC-1".into(),
                title: String::new(),
                duration_ms: u64::MAX,
                counted_ms: u64::MAX,
                ongoing: false,
                offset_ms: u64::MAX,
                consumed: Ratio::new(u128::MAX, 1).unwrap(),
            };
            for incidents in [&[][..], &[hostile.clone(), hostile][..]] {
                let svg = burndown_chart(window, &f, incidents, ChartWidth::Wide);
                assert!(
                    !svg.contains("NaN") && !svg.contains("inf"),
                    "{availability} {elapsed}"
                );
            }
        }
    }
}
