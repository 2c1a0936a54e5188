//! The Capacity tab's results in words: crossings, the fit and the peak hours as the page shows
//! them and the Markdown summary repeats them.

use super::forecast::{Crossing, Fit, DAYS_PER_MONTH};
use super::patterns::{hour_ranges, Patterns};
use super::series::{format_days, format_percent, format_time_on, format_value, Clock};

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

/// The fit's slope (or growth), R² and residual spread in one sentence.
pub fn fit_text(fit: &Fit) -> String {
    let slope = fit.slope_per_day();
    match fit {
        Fit::Exponential(_) => format!(
            "Growth: {} per day, {} per month (e^slope − 1). R² (log scale) {}, residual \
             standard deviation (log scale) {}.",
            format_percent(slope.exp() - 1.0, 2),
            format_percent((slope * DAYS_PER_MONTH).exp() - 1.0, 2),
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
