//! Allowed downtime against the SLO target, with the current target marked.

use plotters::prelude::*;

use super::backend::Svg;

use super::{failed_chart, font, short_duration_label, ChartWidth};
use crate::calc::decimal::grouped;
use crate::calc::duration::format_duration;
use crate::calc::slo::{allowed_downtime_ms, SloTarget, WindowDays, TARGET_PARTS};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 320;
const LINE_COLOUR: RGBColor = RGBColor(37, 99, 235);
const MARK_COLOUR: RGBColor = RGBColor(220, 38, 38);
const AXIS_COLOUR: RGBColor = RGBColor(128, 128, 128);
/// Round durations for the time axis, in seconds: 1 s up to 10 years.
const TICK_SECONDS: [f64; 17] = [
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
    7_776_000.0,
    31_536_000.0,
    315_360_000.0,
    3_153_600_000.0,
    31_536_000_000.0,
    315_360_000_000.0,
];

/// The number of nines of a target, -log10(1 - target): 3 for 99.9%. Worked out from the
/// budget's integer parts, not from `1 - target` in floating point, whose rounding read 99.99999%
/// as a hair over 7 nines and widened the axis by a whole decade past it.
fn nines(target: SloTarget) -> f64 {
    (TARGET_PARTS as f64).log10() - (target.budget_parts() as f64).log10()
}

/// The ends of the nines axis drawn for `target`: 90% to 99.999%, widened to whole nines to
/// include it.
fn nines_axis(target: SloTarget) -> (f64, f64) {
    let current = nines(target);
    (current.min(1.0).floor(), current.max(5.0).ceil())
}

/// Label for a position on the nines axis: 1 -> `90%`, 3 -> `99.9%`.
fn nines_label(n: &f64) -> String {
    let target_percent = 100.0 * (1.0 - 10f64.powf(-n));
    let places = (n.round() as i64 - 2).clamp(0, 8) as usize;
    format!("{target_percent:.places$}%")
}

/// The targets at the ends of the axis drawn for `target`, as its labels read: `90%` and
/// `99.999%`, or wider to include `target` (`99.9999%` for 99.9999%), for the caption.
pub fn drawn_targets(target: SloTarget) -> (String, String) {
    let (x_min, x_max) = nines_axis(target);
    (nines_label(&x_min), nines_label(&x_max))
}

/// Draws allowed downtime over `window` for targets from 90% to 99.999% (widened to include
/// `target`), on a logarithmic time axis, and marks `target`.
pub fn downtime_chart(target: SloTarget, window: WindowDays, fit: ChartWidth) -> String {
    let mut svg = String::new();
    let width = fit.width(WIDTH);
    if draw(&mut svg, target, window, width).is_err() {
        return failed_chart(width, HEIGHT);
    }
    svg
}

fn draw(svg: &mut String, target: SloTarget, window: WindowDays, width: u32) -> Result<(), ()> {
    let current = nines(target);
    let (x_min, x_max) = nines_axis(target);
    let window_seconds = window.length_ms() as f64 / 1000.0;
    let downtime_at = |n: f64| window_seconds * 10f64.powf(-n);
    let (y_low, y_high) = (downtime_at(x_max) * 0.5, downtime_at(x_min) * 2.0);

    let ticks: Vec<f64> = TICK_SECONDS
        .iter()
        .copied()
        .filter(|t| (y_low..=y_high).contains(t))
        .collect();

    let root = Svg::area(svg, (width, HEIGHT));
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(36)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(
            x_min..x_max,
            (y_low..y_high).log_scale().with_key_points(ticks),
        )
        .map_err(|_| ())?;

    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(AXIS_COLOUR)
        .label_style(font(14.0))
        .axis_desc_style(font(14.0))
        .x_labels((x_max - x_min) as usize + 1)
        .x_label_formatter(&nines_label)
        .y_label_formatter(&|s| short_duration_label(*s))
        .x_desc("SLO target")
        .y_desc(format!(
            "Allowed downtime per {} d",
            grouped(&window.days_text())
        ))
        .draw()
        .map_err(|_| ())?;

    // On the log time axis, allowed downtime (window × 10^−nines) is a straight line: drawn from
    // end to end, so the browser draws it smooth. Through many points, each rounded to a whole
    // pixel (plotters' coordinates are integers), it zigzagged by half a pixel and looked
    // stepped.
    let curve = [(x_min, downtime_at(x_min)), (x_max, downtime_at(x_max))];
    chart
        .draw_series(LineSeries::new(curve, LINE_COLOUR.stroke_width(2)))
        .map_err(|_| ())?;

    // The mark is placed by the curve's own formula: the label's downtime is rounded to the
    // millisecond (and never under 1 ms), which put the mark of a tiny budget far above it.
    let mark_ms = allowed_downtime_ms(target, window);
    let mark = (current, downtime_at(current));
    let label = format!("{}%: {}", target.percent_text(), format_duration(mark_ms));
    chart
        .draw_series(std::iter::once(Circle::new(mark, 5, MARK_COLOUR.filled())))
        .map_err(|_| ())?;
    let label_offset = if current > (x_min + x_max) / 2.0 {
        (-150, -18)
    } else {
        (8, -18)
    };
    chart
        .draw_series(std::iter::once(
            EmptyElement::at(mark) + Text::new(label, label_offset, font(14.0)),
        ))
        .map_err(|_| ())?;

    root.present().map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(target: &str, window: &str) -> String {
        let target = SloTarget::parse(target).expect("valid target");
        let window = WindowDays::parse(window).expect("valid window");
        downtime_chart(target, window, ChartWidth::Wide)
    }

    #[test]
    fn marks_the_current_target_with_its_downtime() {
        let svg = chart("99.9", "30");
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("99.9%: 43m 12s"), "label missing: {svg}");
        assert!(svg.contains("<circle"), "marker missing");
        assert!(svg.contains("<polyline"), "curve missing");
        assert!(
            svg.contains("\n99.99%\n"),
            "nines axis label missing: {svg}"
        );
    }

    /// The `max-width` of the page's first `.chart svg` rule (for a desktop), in CSS pixels.
    fn shown_max_width_px() -> f64 {
        let css = include_str!("../../style/main.css");
        let rule = css
            .split("\n.chart svg {")
            .nth(1)
            .expect("a .chart svg rule");
        let rule = rule.split('}').next().unwrap();
        let value = rule.split("max-width:").nth(1).expect("a max-width");
        let value = value.split(';').next().unwrap().trim();
        match (value.strip_suffix("rem"), value.strip_suffix("px")) {
            (Some(rem), _) => rem.parse::<f64>().unwrap() * 16.0,
            (_, Some(px)) => px.parse::<f64>().unwrap(),
            _ => panic!("max-width {value}"),
        }
    }

    /// The first `name="…"` attribute of `svg` as a number.
    fn first_number(svg: &str, name: &str) -> f64 {
        let rest = svg.split(&format!("{name}=\"")).nth(1).expect(name);
        rest.split('"').next().unwrap().parse().expect(name)
    }

    #[test]
    fn a_wide_chart_fills_a_desktop_card_with_labels_near_the_page_text_size() {
        // At 1280 px the charts were capped at their drawn 640 px in a card about 1,078 px wide
        // (72 rem less the page's and the card's padding and border): a little over half of it,
        // with 11.3 px labels under the page's 16 px text.
        let card_px: f64 = 72.0 * 16.0 - 2.0 * 16.0 - 2.0 * (20.0 + 1.0);
        let svg = chart("99.9", "30");
        let shown_px = card_px.min(shown_max_width_px());
        let label_px = first_number(&svg, "font-size") * shown_px / first_number(&svg, "width");
        assert!(
            shown_px >= 0.8 * card_px,
            "shown {shown_px} px of {card_px}"
        );
        assert!(
            (14.0..=16.5).contains(&label_px),
            "labels {label_px} px high"
        );
    }

    #[test]
    fn font_sizes_are_written_without_float_noise() {
        // plotters writes a 14 px font as 14 / 1.24 = 11.290322580645162.
        let svg = chart("99.9", "30");
        let sizes: Vec<&str> = svg
            .split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(!sizes.is_empty(), "{svg}");
        for size in sizes {
            let decimals = size.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 2, "font-size {size}");
        }
    }

    #[test]
    fn widens_the_axis_for_targets_outside_the_usual_range() {
        let low = chart("50", "30");
        assert!(low.contains("50%: 15d 0h 0m 0s"), "{low}");
        let high = chart("99.99999", "30");
        assert!(high.contains("99.99999%: 0.3s"), "{high}");
        let highest = chart("99.999999", "30");
        assert!(highest.contains("99.999999%: under 0.1s"), "{highest}");
    }

    /// The centre of the mark (the only red circle) and the curve's points, in pixels.
    fn mark_and_curve(svg: &str) -> ((f64, f64), Vec<(f64, f64)>) {
        let attribute = |tag: &str, name: &str| -> f64 {
            let start = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
            let rest = &tag[start..];
            rest[..rest.find('"').unwrap()].parse().expect("a number")
        };
        let circle = svg
            .split("<circle")
            .skip(1)
            .find(|tag| tag.contains("fill=\"#DC2626\""))
            .expect("the mark");
        let mark = (attribute(circle, "cx"), attribute(circle, "cy"));
        let curve = svg
            .split("<polyline")
            .skip(1)
            .find(|tag| tag.contains("stroke=\"#2563EB\""))
            .expect("the curve");
        let points = curve.split("points=\"").nth(1).unwrap();
        let points = points[..points.find('"').unwrap()]
            .split_whitespace()
            .map(|pair| {
                let (x, y) = pair.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        (mark, points)
    }

    /// The curve's height at `x`, between the points on either side of it.
    fn curve_y_at(curve: &[(f64, f64)], x: f64) -> Option<f64> {
        curve.windows(2).find_map(|pair| {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            if !(x0..=x1).contains(&x) {
                return None;
            }
            if x1 == x0 {
                return Some(y0);
            }
            Some(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
        })
    }

    const TARGETS: [&str; 11] = [
        "50",
        "90",
        "99",
        "99.5",
        "99.9",
        "99.99",
        "99.999",
        "99.9995",
        "99.9999",
        "99.99999",
        "99.999999",
    ];
    const WINDOWS: [&str; 6] = ["0.001", "0.5", "1", "7", "30", "365"];

    #[test]
    fn the_mark_lies_on_the_curve_for_every_target() {
        let mut off = Vec::new();
        for target in TARGETS {
            for window in WINDOWS {
                let ((x, y), curve) = mark_and_curve(&chart(target, window));
                // Pixels are whole numbers: within a pixel and a half either way is on it.
                match curve_y_at(&curve, x) {
                    Some(on_curve) if (y - on_curve).abs() <= 1.5 => {}
                    on_curve => off.push(format!(
                        "{target}% over {window} d: mark at ({x}, {y}), curve at {on_curve:?}"
                    )),
                }
            }
        }
        assert!(off.is_empty(), "{off:#?}");
    }

    /// The x axis's labels, left to right: those ending in `%` without a colon.
    fn target_axis_labels(svg: &str) -> Vec<String> {
        svg.lines()
            .filter(|line| line.ends_with('%') && !line.contains(':') && !line.contains('<'))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_stated_range_is_the_range_drawn() {
        for target in TARGETS {
            let parsed = SloTarget::parse(target).unwrap();
            let svg = chart(target, "30");
            let labels = target_axis_labels(&svg);
            let (from, to) = drawn_targets(parsed);
            assert_eq!(
                (labels.first().unwrap(), labels.last().unwrap()),
                (&from, &to),
                "{target}%: axis {labels:?}"
            );
        }
        assert_eq!(
            drawn_targets(SloTarget::parse("99.9").unwrap()),
            ("90%".to_string(), "99.999%".to_string())
        );
        assert_eq!(
            drawn_targets(SloTarget::parse("99.99999").unwrap()),
            ("90%".to_string(), "99.99999%".to_string()),
            "a target of seven nines ends the axis there"
        );
        assert_eq!(
            drawn_targets(SloTarget::parse("99.9999").unwrap()),
            ("90%".to_string(), "99.9999%".to_string())
        );
        assert_eq!(
            drawn_targets(SloTarget::parse("99.99995").unwrap()),
            ("90%".to_string(), "99.99999%".to_string())
        );
    }

    #[test]
    fn the_downtime_of_a_century_is_grouped() {
        // 10% of 36,525 days and more: the time axis read "3650d".
        let svg = chart("99.9", "36525");
        assert_eq!(super::super::ungrouped_numbers(&svg), Vec::<String>::new());
        assert!(svg.contains("\n3,650d\n"), "{svg}");
    }

    #[test]
    fn nines_axis_labels_are_clean() {
        assert_eq!(nines_label(&1.0), "90%");
        assert_eq!(nines_label(&2.0), "99%");
        assert_eq!(nines_label(&3.0), "99.9%");
        assert_eq!(nines_label(&5.0), "99.999%");
    }

    #[test]
    fn never_contains_non_finite_numbers() {
        for target in ["0.000001", "50", "99.9", "99.999999"] {
            for window in ["0.000001", "1", "30", "36525"] {
                let svg = chart(target, window);
                assert!(
                    !svg.contains("NaN") && !svg.contains("inf"),
                    "{target} {window}"
                );
            }
        }
    }

    #[test]
    fn the_curve_is_one_straight_line_without_steps() {
        // On the log time axis the allowed downtime, window × 10^−nines, is a straight line. It
        // was drawn through 201 points rounded to whole pixels, which zigzagged by up to half a
        // pixel and made the line look stepped.
        for target in TARGETS {
            for window in WINDOWS {
                let (_, curve) = mark_and_curve(&chart(target, window));
                let (first, last) = (curve[0], curve[curve.len() - 1]);
                assert!(last.0 > first.0, "{target}% over {window} d: {curve:?}");
                let off_line: Vec<_> = curve
                    .iter()
                    .filter(|&&(x, y)| {
                        let on_line =
                            first.1 + (last.1 - first.1) * (x - first.0) / (last.0 - first.0);
                        (y - on_line).abs() > 0.01
                    })
                    .collect();
                assert!(
                    off_line.is_empty(),
                    "{target}% over {window} d: points off the line: {off_line:?}"
                );
            }
        }
    }
}
