//! The Capacity tab's results in words: crossings, the fit and the peak hours as the page shows
//! them and the Markdown summary repeats them.

use super::forecast::{Crossing, Fit, DAYS_PER_MONTH};
use super::patterns::{hour_ranges, Patterns};
use super::series::{format_days, format_time_on, format_value, Clock};
use crate::calc::decimal::days_phrase;

/// A crossing in words.
pub fn crossing_text(crossing: &Crossing, clock: Clock, horizon_days: u32) -> String {
    match crossing {
        Crossing::Already => "already at or above it at the last sample".to_string(),
        Crossing::On { t_ms, days } => format!(
            "{} ({} after the last sample)",
            format_time_on(*t_ms, clock),
            format_days(*days)
        ),
        Crossing::NotWithinHorizon => format!("not reached within the {horizon_days}-day horizon"),
        Crossing::FlatOrFalling => "not reached: the trend is flat or falling".to_string(),
    }
}

/// What is said instead of the recommended capacity and the end-of-horizon value when the
/// forecast leaves the range values are read in ([`super::forecast::Outlook::beyond_range`]).
pub fn beyond_range_text(horizon_days: u32) -> String {
    format!(
        "The forecast passes 1e100 within the next {} (an exponential trend compounds), so no \
         recommended capacity or value at the end of the horizon is given: choose a shorter \
         horizon or another model.",
        days_phrase(&horizon_days.to_string())
    )
}

/// The exponential model's growth over `days`, e^(slope × days) − 1, as a percentage by the rule
/// of every other capacity figure (four significant digits, [`format_value`]): `0.1649%`, not a
/// fixed two decimals that would show a slow growth as `0.16%` or `0%`.
pub fn growth_text(slope_per_day: f64, days: f64) -> String {
    format!("{}%", format_value((slope_per_day * days).exp_m1() * 100.0))
}

/// The fit's slope (or growth), R² and residual spread in one sentence.
pub fn fit_text(fit: &Fit) -> String {
    let slope = fit.slope_per_day();
    match fit {
        Fit::Exponential(_) => format!(
            "Growth: {} per day, {} per month (e^slope − 1). R² (log scale) {}, residual \
             standard deviation (log scale) {}.",
            growth_text(slope, 1.0),
            growth_text(slope, DAYS_PER_MONTH),
            format_value(fit.r_squared()),
            format_value(fit.residual_sd())
        ),
        _ => format!(
            "Slope: {} per day, {} per month. R² {}, residual standard deviation {}.",
            format_value(slope),
            format_value(slope * DAYS_PER_MONTH),
            format_value(fit.r_squared()),
            format_value(fit.residual_sd())
        ),
    }
}

/// The peak hours in one sentence.
pub fn peaks_text(patterns: &Patterns) -> String {
    if patterns.peak_hours.is_empty() {
        "No hour stands out.".to_string()
    } else {
        format!(
            "Peak hours: {} (mean above {}, the 75th percentile of the hourly means).",
            hour_ranges(&patterns.peak_hours),
            patterns
                .peak_threshold
                .map_or_else(String::new, format_value)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::forecast::LineFit;
    use super::*;

    #[test]
    fn growth_has_four_significant_digits_like_every_capacity_figure() {
        // (growth per day, days, text); 0.1649%/day and −0.0538%/day are NAB nyc_taxi's halves.
        let cases: &[(f64, f64, &str)] = &[
            (0.001649, 1.0, "0.1649%"),
            (-0.000538, 1.0, "−0.0538%"),
            (0.05, 1.0, "5%"),
            (0.001649, DAYS_PER_MONTH, "5.143%"),
            (1_155.83, 1.0, "115,583%"),
            (0.0, 1.0, "0%"),
        ];
        for (growth, days, expected) in cases {
            let slope = f64::ln_1p(*growth);
            assert_eq!(growth_text(slope, *days), *expected, "{growth} over {days}");
        }
        let fit = Fit::Exponential(LineFit {
            origin_ms: 0,
            n: 10,
            slope_per_day: f64::ln_1p(0.001649),
            intercept: 1.0,
            r_squared: 0.5,
            residual_sd: 0.1,
            mean_x_days: 5.0,
            sxx: 80.0,
            t_quantile: 2.3,
        });
        assert!(
            fit_text(&fit).starts_with("Growth: 0.1649% per day, 5.143% per month"),
            "{}",
            fit_text(&fit)
        );
    }

    #[test]
    fn a_crossing_after_the_year_9999_is_not_a_date_in_it() {
        use super::super::series::{MAX_TIME_MS, MS_PER_DAY};
        let on = |t_ms: i64, days: f64| Crossing::On { t_ms, days };
        let cases: &[(Crossing, Clock, &str)] = &[
            (
                on(MAX_TIME_MS + 1, 0.5),
                Clock::Utc,
                "after the year 9999 (12 hours after the last sample)",
            ),
            (
                on(MAX_TIME_MS + 900 * MS_PER_DAY, 960.2),
                Clock::WallClock,
                "after the year 9999 (960.2 days after the last sample)",
            ),
            (
                on(MAX_TIME_MS - 59_999, 0.5),
                Clock::Utc,
                "9999-12-31 23:59 UTC (12 hours after the last sample)",
            ),
        ];
        for (crossing, clock, expected) in cases {
            assert_eq!(crossing_text(crossing, *clock, 3_650), *expected);
        }
    }
}
