//! Charts: pure functions from calculator results to an SVG document as a string.
//!
//! Drawn with plotters' SVG backend; no web dependencies, so they are tested natively. Colours
//! are chosen to read on light and dark backgrounds; the page's CSS sets the text colour.
//! Any text a person typed must be escaped before it reaches a chart (plotters escapes what it
//! draws as `<text>`).

pub mod alerts;
pub mod backend;
pub mod burndown;
pub mod capacity;
pub mod downtime;
pub mod incidents;
pub mod toil;

use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor};

use crate::calc::decimal::grouped;

/// The colours of a chart's series (tasks, alerts), in order: ten that read on light and dark
/// backgrounds and differ from each other; a chart with more series repeats them, told apart
/// otherwise (the Alerts chart dashes the lines of the second ten).
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(37, 99, 235),
    RGBColor(234, 88, 12),
    RGBColor(22, 163, 74),
    RGBColor(147, 51, 234),
    RGBColor(202, 138, 4),
    RGBColor(8, 145, 178),
    RGBColor(219, 39, 119),
    RGBColor(101, 163, 13),
    RGBColor(120, 113, 108),
    RGBColor(190, 18, 60),
];

/// The charts' font, sans-serif at `px` pixels. It is named as plotters' own family, not as the
/// text `"sans-serif"`: plotters reads a family given as text through Unicode lower-casing, and
/// its case tables would add about 5 KB gzip to the page's first load.
pub fn font(px: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, px, FontStyle::Normal)
}

/// The width a chart is drawn for. The page scales a chart to its card's width, its text with
/// it: up to 56 rem on a desktop (style/main.css), where a chart drawn 640 px wide shows its
/// labels about 16 px high; on a phone a chart drawn for a desktop would have labels about 5 px
/// high, so there it is drawn narrower, with text of the same size, and shown at most 460 px
/// wide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChartWidth {
    /// For a desktop or tablet: the chart's full width.
    #[default]
    Wide,
    /// For a phone: 400 px, shown about 300 px wide, its 11 px text about 8.5 px high (it was
    /// 5 px in a chart drawn 640 or 720 px wide).
    Narrow,
}

impl ChartWidth {
    /// The width to draw a chart `wide` pixels wide when it fits a wide screen.
    pub fn width(self, wide: u32) -> u32 {
        match self {
            ChartWidth::Wide => wide,
            ChartWidth::Narrow => wide.min(400),
        }
    }
}

/// The SVG shown in place of a chart that could not be drawn.
fn failed_chart(width: u32, height: u32) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\"><text x=\"10\" y=\"20\">\
         This chart could not be drawn.</text></svg>"
    )
}

/// Compact axis label for a duration in seconds: `30s`, `15m`, `2.5h`, `4d`, `3,650d` (grouped
/// as the page writes numbers).
pub fn short_duration_label(seconds: f64) -> String {
    let (value, unit) = if seconds < 60.0 {
        (seconds, "s")
    } else if seconds < 3_600.0 {
        (seconds / 60.0, "m")
    } else if seconds < 86_400.0 {
        (seconds / 3_600.0, "h")
    } else {
        (seconds / 86_400.0, "d")
    };
    // Two significant digits at most: labels are for orientation, tables hold exact values.
    let text = if value >= 10.0 {
        format!("{value:.0}")
    } else if value >= 1.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{}{unit}", grouped(&text))
}

/// The numbers of more than three digits before any point in the text `svg` draws, written
/// without the page's grouping commas (`1500000`, not `1,500,000`); none in a chart that writes
/// its figures as the page does.
/// The value of attribute `name` in an SVG element's text, for tests that read a drawing.
#[cfg(test)]
pub(crate) fn attribute<'a>(element: &'a str, name: &str) -> &'a str {
    element
        .split(&format!(" {name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
}

#[cfg(test)]
pub(crate) fn ungrouped_numbers(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|element| Some(element.split('>').nth(1)?.split('<').next()?.trim()))
        .flat_map(|text| {
            let mut runs = Vec::new();
            let mut run = String::new();
            let mut after_point = false;
            for c in text.chars().chain(std::iter::once(' ')) {
                if c.is_ascii_digit() {
                    run.push(c);
                    continue;
                }
                if run.len() > 3 && !after_point {
                    runs.push(format!("{run} in {text:?}"));
                }
                after_point = c == '.' || (c.is_ascii_digit() && after_point);
                run.clear();
            }
            runs
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ungrouped_numbers_are_found_in_text_only() {
        let svg = "<svg width=\"1000\"><text x=\"1200\">\n1500000\n</text>\
                   <text>\n1,500,000 and 0.00001 and 999\n</text><text>\n12.3456\n</text></svg>";
        assert_eq!(ungrouped_numbers(svg), ["1500000 in \"1500000\""]);
    }

    #[test]
    fn short_labels_have_no_float_noise() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1s"),
            (0.30000000000000004, "0.3s"),
            (1.0, "1s"),
            (86.4, "1.4m"),
            (45.0, "45s"),
            (600.0, "10m"),
            (2_592.0, "43m"),
            (9_000.0, "2.5h"),
            (302_400.0, "3.5d"),
            // Ten years and a hundred, grouped as the page writes numbers.
            (315_360_000.0, "3,650d"),
            (3_153_600_000.0, "36,500d"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(short_duration_label(*seconds), *expected, "{seconds} s");
        }
    }
}
