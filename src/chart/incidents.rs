//! The Incident tab's chart: the error budget left before and after each logged incident, in
//! time order, as a floating bar from "after" up to "before", over the Budget tab's policy
//! zones (care, freeze), so a run of incidents that pushed the team into a freeze stands out.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{draw_legend, legend_lines, text_width_em, Svg, LEGEND_LINE};
use super::{failed_chart, font, ChartWidth};
use crate::calc::burn::{Policy, Verdict};
use crate::calc::incident::{Impact, WallClock};
use crate::calc::ratio::Ratio;

const WIDTH: u32 = 640;
const HEIGHT: u32 = 320;
/// The most incidents drawn: the latest ones, so the bars stay wide enough to see.
pub const MAX_BARS: usize = 40;
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);
const FREEZE_FILL: RGBAColor = RGBAColor(220, 38, 38, 0.16);
const WARN_FILL: RGBAColor = RGBAColor(245, 158, 11, 0.16);
const ALLOWED_COLOUR: RGBColor = RGBColor(22, 163, 74);
const WARNING_COLOUR: RGBColor = RGBColor(202, 138, 4);
const FREEZE_COLOUR: RGBColor = RGBColor(220, 38, 38);

/// One incident as drawn: its start in the page's time zone, which labels the axis, and its
/// cost.
#[derive(Debug, Clone)]
pub struct IncidentBar<'a> {
    pub start: WallClock,
    pub impact: &'a Impact,
}

/// The axis labels of `bars`: each start to the minute, `12-04 23:40`, with its year,
/// `2026-12-04 23:40`, when the bars are of more than one calendar year (else the labels would
/// not read in time order).
fn axis_labels(bars: &[IncidentBar]) -> Vec<String> {
    let first_year = bars.first().map(|b| b.start.date.year);
    let one_year = bars.iter().all(|b| Some(b.start.date.year) == first_year);
    bars.iter()
        .map(|b| {
            let text = b.start.minutes_text();
            match text.split_once('-') {
                Some((_, month_on)) if one_year => month_on.to_string(),
                _ => text,
            }
        })
        .collect()
}

fn colour(verdict: Verdict) -> RGBColor {
    match verdict {
        Verdict::Allowed => ALLOWED_COLOUR,
        Verdict::Warning => WARNING_COLOUR,
        Verdict::Freeze => FREEZE_COLOUR,
    }
}

/// The chart of `bars` (in time order; only the last [`MAX_BARS`] are drawn), with the zones of
/// `policy`.
pub fn budget_left_chart(bars: &[IncidentBar], policy: Policy, fit: ChartWidth) -> String {
    let mut svg = String::new();
    let shown = &bars[bars.len().saturating_sub(MAX_BARS)..];
    let width = fit.width(WIDTH);
    if draw(&mut svg, shown, policy, width).is_err() {
        return failed_chart(width, HEIGHT);
    }
    svg
}

/// The height of a bar at no budget left, in percent of the budget: a marker on the baseline
/// (about 2 px), so it is not read as a missing bar.
const MIN_BAR_PERCENT: f64 = 0.8;
/// The size of the label over a bar at no budget left, as given to [`font`].
const VALUE_PX: f64 = 12.0;

/// What a bar at no budget left says over its marker: `0%`, or `<0%` where the incidents so far
/// overspend the budget (how far below is not known once an earlier one had spent it all).
fn no_budget_label(overspent: bool) -> &'static str {
    if overspent {
        "<0%"
    } else {
        "0%"
    }
}

/// The legend under the bars.
const LEGEND: [(&str, RGBColor); 3] = [
    ("After it: deploys allowed", ALLOWED_COLOUR),
    ("allowed with care", WARNING_COLOUR),
    ("freeze", FREEZE_COLOUR),
];
const LEGEND_CORNER: (i32, i32) = (64, 4);

fn draw(svg: &mut String, bars: &[IncidentBar], policy: Policy, width: u32) -> Result<(), ()> {
    let freeze = policy.freeze_below().to_f64() * 100.0;
    let warn = policy.warn_below().to_f64() * 100.0;
    let count = bars.len().max(1) as f64;
    let labels = axis_labels(bars);
    // One axis label per bar while they fit side by side in the plot (the widest label, measured,
    // and a gap); fewer beyond that.
    let label_px = labels
        .iter()
        .map(|l| text_width_em(l) * 14.0)
        .fold(0.0, f64::max)
        + 14.0;
    let plot_px = f64::from(width.saturating_sub(52 + 12 + 24));
    let fitting = ((plot_px / label_px) as usize).max(1);
    let label_every = bars.len().div_ceil(fitting).max(1);

    let legend_height = legend_lines(LEGEND_CORNER, width, &LEGEND) * LEGEND_LINE + 6;
    let root = Svg::area(svg, (width, HEIGHT + legend_height - 28));
    let (plot, legend) = root.split_vertically(HEIGHT - 28);
    let mut chart = ChartBuilder::on(&plot)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(52)
        .build_cartesian_2d(-0.5..count - 0.5, 0.0..100.0)
        .map_err(|_| ())?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(AXIS_COLOUR)
        .label_style(font(14.0))
        .axis_desc_style(font(14.0))
        .x_labels(bars.len().clamp(1, fitting + 1))
        .y_labels(6)
        .x_label_formatter(&|x| {
            let nearest = x.round();
            if (x - nearest).abs() > 0.01 || nearest < 0.0 {
                return String::new();
            }
            let i = nearest as usize;
            if !i.is_multiple_of(label_every) {
                return String::new();
            }
            labels.get(i).map_or(String::new(), |l| l.to_string())
        })
        .y_label_formatter(&|p| format!("{p:.0}%"))
        .x_desc("Incidents in time order (start, in the page's time zone)")
        .y_desc("Budget left")
        .draw()
        .map_err(|_| ())?;

    let zones = [(0.0, freeze, FREEZE_FILL), (freeze, warn, WARN_FILL)];
    chart
        .draw_series(zones.into_iter().filter(|(low, high, _)| high > low).map(
            |(low, high, fill)| Rectangle::new([(-0.5, low), (count - 0.5, high)], fill.filled()),
        ))
        .map_err(|_| ())?;

    chart
        .draw_series(bars.iter().enumerate().map(|(i, bar)| {
            let x = i as f64;
            let before = (bar.impact.before.to_f64() * 100.0).clamp(0.0, 100.0);
            let after = (bar.impact.after.to_f64() * 100.0).clamp(0.0, before);
            // A bar too thin to see (a tiny incident, or none left before or after) still
            // shows as a line on its top, or on the baseline.
            let (after, before) = if before - after >= MIN_BAR_PERCENT {
                (after, before)
            } else if before >= MIN_BAR_PERCENT {
                (before - MIN_BAR_PERCENT, before)
            } else {
                (0.0, MIN_BAR_PERCENT)
            };
            Rectangle::new(
                [(x - 0.3, after), (x + 0.3, before)],
                colour(bar.impact.verdict_after).filled(),
            )
        }))
        .map_err(|_| ())?;

    // A bar at no budget left says so over its marker, where the label fits its bar's width.
    let value_style = font(VALUE_PX)
        .into_text_style(&plot)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    for (i, bar) in bars.iter().enumerate() {
        if bar.impact.after != Ratio::ZERO {
            continue;
        }
        let label = no_budget_label(bar.impact.overspent);
        let x = i as f64;
        let (left, _) = chart.backend_coord(&(x - 0.5, 0.0));
        let (right, _) = chart.backend_coord(&(x + 0.5, 0.0));
        let (centre, top) = chart.backend_coord(&(x, MIN_BAR_PERCENT));
        let label_width = (text_width_em(label) * VALUE_PX / 1.24).ceil() as i32;
        if label_width + 4 <= right - left {
            plot.draw(&Text::new(label, (centre, top - 3), value_style.clone()))
                .map_err(|_| ())?;
        }
    }

    draw_legend(&legend, LEGEND_CORNER, &LEGEND)?;
    root.present().map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::budget_sheet;
    use crate::calc::date::CivilDate;
    use crate::calc::incident::{self, BudgetContext, WallClock};
    use crate::chart::attribute;
    use crate::inputs::{BudgetInputs, IncidentInputs, TimeInputs};

    fn at(local: &str) -> TimeInputs {
        TimeInputs {
            local: local.to_string(),
            utc_offset_minutes: 0,
        }
    }

    /// Incidents of `minutes` each (under an hour) at full outage, an hour apart from 2026-12-01
    /// 00:00 UTC,
    /// and their costs against 99.9% over 30 days (43m 12s allowed).
    fn impacts(minutes: &[u32]) -> (Vec<Impact>, Policy) {
        let incidents: Vec<IncidentInputs> = minutes
            .iter()
            .enumerate()
            .map(|(i, m)| IncidentInputs {
                title: format!("incident {i}"),
                start: at(&format!("2026-12-{:02} {:02}:00", 1 + i / 24, i % 24)),
                resolved_at: at(&format!("2026-12-{:02} {:02}:{m:02}", 1 + i / 24, i % 24)),
                full_outage: true,
                ..IncidentInputs::default()
            })
            .collect();
        let today = CivilDate::parse("2026-12-04").unwrap();
        let context =
            BudgetContext::from_sheet(&budget_sheet::read(&BudgetInputs::default(), today))
                .unwrap();
        let (sheets, _) = incident::read_all(&incidents, 1_796_558_400_000);
        let all = incident::impacts(&sheets, &context)
            .into_iter()
            .map(Option::unwrap)
            .collect();
        (all, context.policy)
    }

    fn bars(impacts: &[Impact]) -> Vec<IncidentBar<'_>> {
        impacts
            .iter()
            .enumerate()
            .map(|(i, impact)| IncidentBar {
                start: WallClock::parse(&format!("2026-12-{:02} {:02}:00", 1 + i / 24, i % 24))
                    .unwrap(),
                impact,
            })
            .collect()
    }

    #[test]
    fn incidents_of_several_years_are_labelled_with_their_year() {
        // Incidents of 0001-01-03, 2025-12-06 and 2026-12-05 were labelled `01-03 00:00`,
        // `12-06 10:00` and `12-05 10:00`, which read out of order.
        let (impacts, policy) = impacts(&[5, 5, 5]);
        // (starts, the labels drawn, labels not drawn)
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            (
                &["0001-01-03 00:00", "2025-12-06 10:00", "2026-12-05 10:00"],
                &["0001-01-03 00:00", "2025-12-06 10:00", "2026-12-05 10:00"],
                &[">\n01-03 ", ">\n12-06 ", ">\n12-05 "],
            ),
            (
                &["2025-12-31 23:00", "2026-01-01 01:00", "2026-01-02 10:00"],
                &["2025-12-31 23:00", "2026-01-01 01:00", "2026-01-02 10:00"],
                &[">\n12-31 "],
            ),
            // All in one year: the year is left out, as the caption's dates say it.
            (
                &["2026-01-03 00:00", "2026-06-06 10:00", "2026-12-05 10:00"],
                &[
                    ">\n01-03 00:00\n<",
                    ">\n06-06 10:00\n<",
                    ">\n12-05 10:00\n<",
                ],
                &["2026-"],
            ),
        ];
        for (starts, drawn, not_drawn) in cases {
            let bars: Vec<IncidentBar> = starts
                .iter()
                .zip(&impacts)
                .map(|(start, impact)| IncidentBar {
                    start: WallClock::parse(start).unwrap(),
                    impact,
                })
                .collect();
            for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
                let svg = budget_left_chart(&bars, policy, fit);
                // On a phone, years take more room: every other bar is labelled.
                let every = match (fit, starts[0].starts_with(&starts[2][..5])) {
                    (ChartWidth::Narrow, false) => 2,
                    _ => 1,
                };
                for label in drawn.iter().step_by(every) {
                    assert!(svg.contains(label), "{fit:?} {label}: {svg}");
                }
                for label in *not_drawn {
                    assert!(!svg.contains(label), "{fit:?} {label}: {svg}");
                }
            }
        }
    }

    #[test]
    fn a_bar_per_incident_coloured_by_the_decision_after_it() {
        // 13 minutes of 43.2 is 30.09%: 69.91% left (allowed); 13 more: 39.81% (care);
        // 13 more: 9.72% (freeze, below 20%).
        let (impacts, policy) = impacts(&[13, 13, 13]);
        let svg = budget_left_chart(&bars(&impacts), policy, ChartWidth::Wide);
        assert!(svg.starts_with("<svg"), "{svg}");
        for (rgb, what) in [
            ("#16A34A", "allowed"),
            ("#CA8A04", "care"),
            ("#DC2626", "freeze"),
        ] {
            assert!(svg.contains(rgb), "{what} colour missing");
        }
        // Two zones, three bars, three legend swatches are lines (not rects).
        assert_eq!(svg.matches("<rect").count(), 5, "{svg}");
        for label in [
            "12-01 00:00",
            "12-01 01:00",
            "12-01 02:00",
            "freeze",
            "100%",
        ] {
            assert!(svg.contains(label), "{label}");
        }
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn many_incidents_draw_the_latest_and_an_overspent_budget_stays_on_the_chart() {
        let (impacts, policy) = impacts(&[50; 45]);
        assert!(impacts.last().unwrap().overspent);
        let svg = budget_left_chart(&bars(&impacts), policy, ChartWidth::Wide);
        assert_eq!(svg.matches("<rect").count(), 2 + MAX_BARS);
        assert!(!svg.contains("12-01 00:00"), "the oldest are left out");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let empty = budget_left_chart(&[], policy, ChartWidth::Wide);
        assert!(empty.starts_with("<svg") && !empty.contains("could not"));
    }

    #[test]
    fn a_phones_chart_wraps_its_legend_and_labels_fewer_bars() {
        let (impacts, policy) = impacts(&[5; 6]);
        let wide = budget_left_chart(&bars(&impacts), policy, ChartWidth::Wide);
        let narrow = budget_left_chart(&bars(&impacts), policy, ChartWidth::Narrow);
        assert!(narrow.contains("width=\"400\""), "{narrow}");
        // The legend takes two lines: the chart is taller by one.
        assert!(wide.contains("height=\"320\""), "{wide}");
        assert!(narrow.contains("height=\"342\""), "{narrow}");
        // Six bars: every one labelled on a desktop, every other one on a phone.
        let labelled = |svg: &str| svg.matches(">\n12-01 ").count();
        assert_eq!((labelled(&wide), labelled(&narrow)), (6, 3), "{narrow}");
        assert!(!narrow.contains("NaN") && !narrow.contains("could not"));
    }

    /// The bars of `svg` (solid rectangles, not the zones): their left edge and height.
    fn drawn_bars(svg: &str) -> Vec<(f64, f64)> {
        svg.split("<rect")
            .skip(1)
            .filter(|rect| attribute(rect, "opacity").parse().unwrap_or(1.0) == 1.0)
            .filter(|rect| attribute(rect, "fill") != "none")
            .map(|rect| {
                (
                    attribute(rect, "x").parse().unwrap(),
                    attribute(rect, "height").parse().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn a_bar_at_no_budget_left_is_drawn_with_its_value() {
        // 50 minutes of 43.2 overspends the budget: nothing left after the first incident, and
        // nothing before or after the second, whose bar was not drawn at all (a rectangle of no
        // height), so it read as a missing bar.
        let (impacts, policy) = impacts(&[50, 5]);
        assert!(impacts
            .iter()
            .all(|i| i.after == crate::calc::ratio::Ratio::ZERO));
        for fit in [ChartWidth::Wide, ChartWidth::Narrow] {
            let svg = budget_left_chart(&bars(&impacts), policy, fit);
            let drawn = drawn_bars(&svg);
            assert_eq!(drawn.len(), 2, "{fit:?}: {svg}");
            assert!(
                drawn.iter().all(|&(_, height)| height >= 1.0),
                "{fit:?}: {drawn:?}"
            );
            // Each says its budget left: below 0%, overspent.
            assert_eq!(svg.matches(">\n&lt;0%\n<").count(), 2, "{fit:?}: {svg}");
        }
    }

    #[test]
    fn the_label_of_no_budget_left_says_whether_it_is_overspent() {
        assert_eq!(no_budget_label(false), "0%");
        assert_eq!(no_budget_label(true), "<0%");
    }
}
