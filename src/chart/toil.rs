//! The Toil tab's charts: toil hours per month stacked by task against the 50% ceiling, and one
//! task's cumulative hours spent against hours saved, with the break-even point marked.

use plotters::prelude::*;

use super::backend::{draw_legend, Svg};
use crate::calc::toil_words::{self, task_label};
use crate::formats::show_bidi_controls;

use super::{failed_chart, font, ChartWidth, PALETTE};
use crate::calc::decimal::grouped;
use crate::calc::signed_ratio::SignedRatio;
use crate::calc::toil::{self, Task, Team, ToilReport, TOIL_CEILING_PERCENT};

const WIDTH: u32 = 640;
const BAR_HEIGHT: u32 = 150;
const LEGEND_ROW: u32 = 22;
const PAYBACK_HEIGHT: u32 = 320;
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);
const CEILING_COLOUR: RGBColor = RGBColor(220, 38, 38);
const SPENT_COLOUR: RGBColor = RGBColor(220, 38, 38);
const SAVED_COLOUR: RGBColor = RGBColor(22, 163, 74);
/// Segment colours, cycled; distinct on light and dark backgrounds.
/// The longest payback chart, in months (the 5-year horizon of the net figures).
const MAX_HORIZON_MONTHS: f64 = 60.0;

/// One horizontal bar of the team's toil hours per month, a segment per task, with the 50%
/// ceiling (half the team's working hours) marked, and a legend of the tasks below.
pub fn toil_bar_chart(report: &ToilReport, fit: ChartWidth) -> String {
    let height = BAR_HEIGHT + LEGEND_ROW * report.tasks.len() as u32;
    let mut svg = String::new();
    let width = fit.width(WIDTH);
    if draw_bar(&mut svg, report, (width, height)).is_err() {
        return failed_chart(width, height);
    }
    svg
}

fn draw_bar(svg: &mut String, report: &ToilReport, (width, height): (u32, u32)) -> Result<(), ()> {
    let total = report.totals.hours_per_month.to_f64();
    let ceiling =
        (report.totals.team_hours_per_month * SignedRatio::new(TOIL_CEILING_PERCENT, 100)).to_f64();
    let x_max = total.max(ceiling) * 1.1;
    let x_max = if x_max > 0.0 { x_max } else { 1.0 };

    let root = Svg::area(svg, (width, height));
    let (top, legend) = root.split_vertically(BAR_HEIGHT);
    let mut chart = ChartBuilder::on(&top)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(10)
        .build_cartesian_2d(0f64..x_max, 0f64..1f64)
        .map_err(|_| ())?;
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_y_axis()
        .axis_style(AXIS_COLOUR)
        .label_style(font(14.0))
        .axis_desc_style(font(14.0))
        .x_labels((width / 100) as usize)
        .x_label_formatter(&|x| grouped(&format!("{x:.0}")))
        .x_desc("Toil hours per month")
        .draw()
        .map_err(|_| ())?;

    let mut start = 0.0;
    let segments = report.results.iter().enumerate().map(|(i, r)| {
        let end = start + r.hours_per_month.to_f64();
        let rect = Rectangle::new(
            [(start, 0.2), (end, 0.8)],
            PALETTE[i % PALETTE.len()].filled(),
        );
        start = end;
        rect
    });
    chart.draw_series(segments).map_err(|_| ())?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(ceiling, 0.0), (ceiling, 1.0)],
            CEILING_COLOUR.stroke_width(2),
        )))
        .map_err(|_| ())?;
    let label_offset = if ceiling > x_max * 0.7 { -150 } else { 6 };
    chart
        .draw_series(std::iter::once(
            EmptyElement::at((ceiling, 1.0))
                + Text::new("50% of team time", (label_offset, 0), font(14.0)),
        ))
        .map_err(|_| ())?;

    for (i, (task, result)) in report.tasks.iter().zip(&report.results).enumerate() {
        let y = (i as u32 * LEGEND_ROW) as i32 + 4;
        let colour = PALETTE[i % PALETTE.len()];
        legend
            .draw(&Rectangle::new([(24, y), (38, y + 14)], colour.filled()))
            .map_err(|_| ())?;
        let text = format!(
            "{}: {}/month",
            shortened(&show_bidi_controls(&task_label(task, i)), width),
            toil_words::hours(result.hours_per_month)
        );
        legend
            .draw(&Text::new(text, (46, y), font(14.0)))
            .map_err(|_| ())?;
    }
    root.present().map_err(|_| ())
}

/// A task name cut to fit a legend line of a chart `width` pixels wide beside its hours: at
/// most 60 characters (fewer on a narrow chart), with `…` when cut (the tables and the figure
/// caption have it whole).
fn shortened(name: &str, width: u32) -> String {
    let max_chars = ((width.saturating_sub(160) / 8) as usize).clamp(12, 60);
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= max_chars {
        return name.to_string();
    }
    // Its start and its end, cut in the middle: names that differ only at the end ("… #6",
    // "… #12") stay apart.
    let tail = (max_chars - 1) / 3;
    let head = max_chars - 1 - tail;
    let mut cut: String = chars[..head].iter().collect();
    cut.push('…');
    cut.extend(&chars[chars.len() - tail..]);
    cut
}

/// For one automatable task: cumulative hours spent (building, then maintaining) and hours
/// saved, month by month, with the break-even point marked. A task that never pays back is
/// drawn over 5 years, and the lines do not meet.
pub fn payback_chart(task: &Task, team: &Team, fit: ChartWidth) -> String {
    let mut svg = String::new();
    let width = fit.width(WIDTH);
    if draw_payback(&mut svg, task, team, width).is_err() {
        return failed_chart(width, PAYBACK_HEIGHT);
    }
    svg
}

fn draw_payback(svg: &mut String, task: &Task, team: &Team, width: u32) -> Result<(), ()> {
    let automation = toil::automation(task, team, SignedRatio::ONE);
    let removed_per_month = (task.hours_per_year(team) * task.share_removed).to_f64() / 12.0;
    let maintenance_per_month = task.maintenance_hours_per_year.to_f64() / 12.0;
    let build = task.automation_hours.to_f64();
    let payback = automation.payback_months.map(SignedRatio::to_f64);
    let horizon = payback
        .map_or(MAX_HORIZON_MONTHS, |m| {
            (m * 2.0).clamp(12.0, MAX_HORIZON_MONTHS)
        })
        .ceil();
    let spent = |m: f64| build + maintenance_per_month * m;
    let saved = |m: f64| removed_per_month * m;
    let y_max = spent(horizon).max(saved(horizon)).max(1.0) * 1.05;

    let root = Svg::area(svg, (width, PAYBACK_HEIGHT));
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_top(30)
        .margin_right(36)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0f64..horizon, 0f64..y_max)
        .map_err(|_| ())?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(AXIS_COLOUR)
        .label_style(font(14.0))
        .axis_desc_style(font(14.0))
        .x_labels(7)
        .y_labels(6)
        .x_label_formatter(&|x| grouped(&format!("{x:.0}")))
        .y_label_formatter(&|y| grouped(&format!("{y:.0}")))
        .x_desc("Months from the start date")
        .y_desc("Cumulative hours")
        .draw()
        .map_err(|_| ())?;

    chart
        .draw_series(LineSeries::new(
            [(0.0, spent(0.0)), (horizon, spent(horizon))],
            SPENT_COLOUR.stroke_width(2),
        ))
        .map_err(|_| ())?;
    chart
        .draw_series(LineSeries::new(
            [(0.0, 0.0), (horizon, saved(horizon))],
            SAVED_COLOUR.stroke_width(2),
        ))
        .map_err(|_| ())?;

    if let (Some(months), Some(exact)) = (payback, automation.payback_months) {
        let point = (months, saved(months));
        let label = format!("Break-even: {}", toil_words::months(exact));
        // Above the point, so that a break-even near the start is not written over the axis's
        // numbers; to its left in the right half.
        let offset = if months > horizon / 2.0 {
            (-190, -24)
        } else {
            (10, -24)
        };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at(point)
                    + Circle::new((0, 0), 5, PALETTE[0].filled())
                    + Text::new(label, offset, font(14.0)),
            ))
            .map_err(|_| ())?;
    }
    let (plot_x, _) = chart.plotting_area().get_base_pixel();
    draw_legend(
        &root,
        (plot_x, 6),
        &[("Hours spent", SPENT_COLOUR), ("Hours saved", SAVED_COLOUR)],
    )?;
    root.present().map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::toil::{report, TaskText, TeamText};

    fn team() -> Team {
        Team::parse(&TeamText {
            engineers: "2",
            hours_per_week: "40",
            working_days_per_year: "260",
            rotation_size: "",
            hourly_cost: "",
            currency: "",
        })
        .unwrap()
    }

    fn task(name: &str, per: &str, minutes: &str, maintenance: &str) -> Task {
        Task::parse(&TaskText {
            name,
            times: "1",
            per,
            minutes_each: minutes,
            people: "1",
            automatable: true,
            priority: "3",
            automation_hours: "16",
            share_removed_percent: "100",
            maintenance_hours_per_year: maintenance,
        })
        .unwrap()
    }

    #[test]
    fn bar_has_a_segment_and_a_legend_entry_per_task() {
        let tasks = vec![
            task("Restart deploys", "day", "30", "0"),
            task("<script>alert(1)</script>", "month", "120", "0"),
            task("", "week", "10", "0"),
        ];
        let svg = toil_bar_chart(
            &report(tasks, &team(), SignedRatio::from_int(6)),
            ChartWidth::Wide,
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.matches("<rect").count() >= 6, "{svg}");
        assert!(svg.contains("Restart deploys: 15.21 h/month"), "{svg}");
        assert!(svg.contains("Task 3: 0.72 h/month"), "{svg}");
        assert!(svg.contains("50% of team time"));
        assert!(!svg.contains("<script>"), "task names are escaped: {svg}");
    }

    #[test]
    fn a_direction_control_in_a_name_cannot_reverse_its_hours_in_the_legend() {
        // "Restart deploys\u{202E}: 15.21 h/month" showed as "Restart deployshtnom/h 12.51 :".
        let tasks = vec![task("Restart deploys\u{202E}", "day", "30", "0")];
        let svg = toil_bar_chart(
            &report(tasks, &team(), SignedRatio::from_int(6)),
            ChartWidth::Wide,
        );
        assert!(
            svg.contains("Restart deploys&lt;U+202E&gt;: 15.21 h/month")
                || svg.contains("Restart deploys<U+202E>: 15.21 h/month"),
            "{svg}"
        );
        assert!(!svg.contains('\u{202E}'), "{svg}");
    }

    #[test]
    fn a_task_of_a_minute_a_year_is_not_zero_hours_in_the_legend() {
        // 1 minute a year is 1/720 h a month: the legend read "Yearly: 0 h/month".
        let svg = toil_bar_chart(
            &report(
                vec![task("Yearly", "year", "1", "0")],
                &team(),
                SignedRatio::from_int(6),
            ),
            ChartWidth::Wide,
        );
        assert!(svg.contains("Yearly: under 0.01 h/month"), "{svg}");
    }

    #[test]
    fn payback_marks_break_even_or_says_nothing_when_never() {
        let svg = payback_chart(&task("a", "day", "30", "0"), &team(), ChartWidth::Wide);
        assert!(svg.contains("Break-even: 1.05 months"), "{svg}");
        assert!(svg.contains("Hours spent") && svg.contains("Hours saved"));
        assert!(svg.contains("<circle"));

        let never = payback_chart(&task("b", "year", "60", "10"), &team(), ChartWidth::Wide);
        assert!(!never.contains("Break-even"), "{never}");
        assert!(!never.contains("<circle"));
    }

    #[test]
    fn never_contains_non_finite_numbers() {
        let cases = [
            task("a", "day", "0.01", "0"),
            task("b", "day", "100000", "1000000"),
            task("c", "year", "0.01", "0"),
        ];
        for t in &cases {
            let svg = payback_chart(t, &team(), ChartWidth::Wide);
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        }
        let svg = toil_bar_chart(
            &report(cases.to_vec(), &team(), SignedRatio::ONE),
            ChartWidth::Wide,
        );
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }

    #[test]
    fn large_hours_on_the_axes_are_grouped() {
        // About 50,700 toil hours a month: the axes read "10000", "20000".
        let big = task("b", "day", "100000", "1000000");
        let bar = toil_bar_chart(
            &report(vec![big.clone()], &team(), SignedRatio::ONE),
            ChartWidth::Wide,
        );
        let payback = payback_chart(&big, &team(), ChartWidth::Wide);
        for svg in [bar, payback] {
            assert_eq!(super::super::ungrouped_numbers(&svg), Vec::<String>::new());
            assert!(svg.contains("0,000\n"), "no grouped tick: {svg}");
        }
    }

    #[test]
    fn long_task_names_are_cut_in_the_legend() {
        assert_eq!(shortened("Restart pods", 640), "Restart pods");
        let long = shortened(&"x".repeat(300), 640);
        assert_eq!(long.chars().count(), 60);
        assert!(long.contains('…'));
        // A phone's chart, 400 px wide, has room for 30; a name is cut in its middle, so
        // names that differ at the end stay apart.
        let narrow = shortened(&"x".repeat(300), ChartWidth::Narrow.width(WIDTH));
        assert_eq!(narrow.chars().count(), 30);
        let width = ChartWidth::Narrow.width(WIDTH);
        assert_eq!(
            shortened("Restart the stuck deploy pipeline of service #6", width),
            "Restart the stuck de…ervice #6"
        );
        assert_ne!(
            shortened("Restart the stuck deploy pipeline of service #6", width),
            shortened("Restart the stuck deploy pipeline of service #12", width)
        );
    }
}
