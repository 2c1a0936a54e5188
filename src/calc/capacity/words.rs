//! The Capacity tab's results in words: crossings, a forecast below zero, the fit and the peak
//! hours as the page shows them and the Markdown summary repeats them.

use super::forecast::{
    days_between, far_past_data, Backtest, BacktestErrors, Crossing, Fit, FitError, HistoryOver,
    ModelKind, ModelReason, Outlook, Season, DAYS_PER_MONTH, EXTRAPOLATION_SPANS,
};
use super::patterns::{hour_ranges, Patterns};
use super::series::{date_of, format_days, format_time_on, format_value, Clock, Scale};
use crate::calc::decimal::{counted, days_phrase, format_count};
use crate::calc::lower_first;

/// What reaches a level in `model`'s forecast, as a sentence's subject after its first word:
/// `the trend line` for the linear and exponential models; for the pattern model, fitted with
/// `season`'s hour buckets, `the forecast with its hour-of-week pattern`, whose peak hours
/// reach a level before its trend does.
pub fn crossing_subject(model: ModelKind, season: Option<Season>) -> String {
    match (model, season) {
        (ModelKind::Seasonal, Some(Season::HourOfDay)) => {
            "the forecast with its hour-of-day pattern".to_string()
        }
        (ModelKind::Seasonal, _) => "the forecast with its hour-of-week pattern".to_string(),
        (ModelKind::Linear | ModelKind::Exponential, _) => "the trend line".to_string(),
    }
}

/// [`crossing_subject`] to open a sentence: `The trend line`.
fn sentence_subject(model: ModelKind, season: Option<Season>) -> String {
    let subject = crossing_subject(model, season);
    format!("The {}", subject.strip_prefix("the ").unwrap_or(&subject))
}

/// The words before each crossing's date on the page ([`crossing_labels`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossingLabels {
    /// Before when what is forecast reaches the capacity ([`crossing_subject`]).
    pub capacity: String,
    /// Before when the upper bound of its 95% interval reaches it.
    pub upper: String,
    /// Before when what is forecast reaches capacity ÷ (1 + headroom).
    pub headroom: String,
}

/// The words before each crossing's date for `model` fitted with `season`'s hour buckets,
/// naming what crosses ([`crossing_subject`]).
pub fn crossing_labels(model: ModelKind, season: Option<Season>) -> CrossingLabels {
    let subject = sentence_subject(model, season);
    CrossingLabels {
        capacity: format!("{subject} reaches the capacity: "),
        upper: "The upper bound of its 95% interval reaches it: ".to_string(),
        headroom: format!("{subject} uses up the headroom (reaches capacity ÷ (1 + headroom)): "),
    }
}

/// Why `model`, fitted with `season`'s hour buckets, cannot be fitted, in one sentence led by
/// its name: `Linear trend: a trend needs at least 3 samples; this series has 2.`
pub fn fit_error_text(model: ModelKind, season: Option<Season>, error: &FitError) -> String {
    format!(
        "{}: {}.",
        model.title(season),
        lower_first(&error.to_string())
    )
}

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
        // "never (…)", not "not reached: …": the summary puts it after "the trend reaches it:".
        Crossing::FlatOrFalling => "never (the trend is flat or falling)".to_string(),
    }
}

/// What is said, before any crossing, when the history already reaches the capacity
/// ([`HistoryOver`]): how many samples are at or above it and on how many days, the highest
/// value and when, and the last time, told from the last sample. A share that is not every
/// sample never reads 100%.
pub fn history_over_text(over: &HistoryOver, capacity: f64, clock: Clock) -> String {
    let share = format_value(over.samples as f64 / over.of as f64 * 100.0);
    let share = if share == "100" && over.samples < over.of {
        "over 99.99".to_string()
    } else {
        share
    };
    let counted_over = format!(
        "The history already reaches the capacity, {}: {} of {} ({share}%)",
        format_value(capacity),
        format_count(over.samples as u64),
        counted(over.of as u64, "sample", "samples"),
    );
    let ago = if over.last_ms >= over.series_last_ms {
        "the last sample".to_string()
    } else {
        format!(
            "{} before the last sample",
            format_days(days_between(over.last_ms, over.series_last_ms))
        )
    };
    if over.samples == 1 {
        return format!(
            "{counted_over} is at or above it, {} at {}, {ago}.",
            format_value(over.highest),
            format_time_on(over.highest_ms, clock)
        );
    }
    let last_is = if over.last_ms >= over.series_last_ms {
        "is the last sample".to_string()
    } else {
        format!("is {ago}")
    };
    format!(
        "{counted_over} are at or above it, on {}. The highest, {}, was at {}; the last, at {}, \
         {last_is}.",
        counted(over.days as u64, "day", "days"),
        format_value(over.highest),
        format_time_on(over.highest_ms, clock),
        format_time_on(over.last_ms, clock),
    )
}

/// What is said when the forecast of a series that has never been below zero goes below zero
/// ([`super::forecast::below_zero`]): when it reaches zero on its way below (the moment it is at
/// zero, not the first minute after), and that such values mean nothing for this series. The
/// figures stay as fitted (the end of the horizon, the chart): the note says how to read them
/// rather than changing them. What reaches zero is named as the crossings name it
/// ([`crossing_labels`]): the trend line, or the forecast with its pattern.
pub fn below_zero_text(
    crossing: &Crossing,
    clock: Clock,
    model: ModelKind,
    season: Option<Season>,
) -> String {
    let when = match crossing {
        // At zero at the last sample itself, and below it after.
        Crossing::On { t_ms, days } if *days == 0.0 => format!(
            "reaches zero at the last sample ({}) and goes below it",
            format_time_on(*t_ms, clock)
        ),
        Crossing::On { t_ms, days } => format!(
            "reaches zero {}{} ({} after the last sample) and goes below it",
            if date_of(*t_ms).is_some() { "on " } else { "" },
            format_time_on(*t_ms, clock),
            format_days(*days)
        ),
        _ => "is below zero already at the last sample".to_string(),
    };
    let subject = sentence_subject(model, season);
    format!(
        "{subject} {when}. Every value of this series is 0 or above, so values below zero are \
         not meaningful for it: the forecast below zero is the fitted model carried past zero, \
         not a value the series can take."
    )
}

/// What is said instead of the recommended capacity and the end-of-horizon value when the
/// forecast leaves the range values are read in ([`super::forecast::Outlook::beyond_range`]).
/// `exponential` says why (an exponential trend compounds).
pub fn beyond_range_text(horizon_days: u32, exponential: bool) -> String {
    format!(
        "The forecast passes 1e100 within the next {}{}, so no recommended capacity or value at \
         the end of the horizon is given: choose a shorter horizon or another model.",
        days_phrase(&horizon_days.to_string()),
        if exponential {
            " (an exponential trend compounds)"
        } else {
            ""
        }
    )
}

/// Which model the dates and the recommended capacity follow, and why ([`ModelReason`]);
/// `best` is the backtest's best model, named when another model is followed. Models are named
/// for a series whose pattern model is fitted with `season`'s hour buckets
/// ([`ModelKind::in_sentence`]).
pub fn model_used_text(
    kind: ModelKind,
    reason: ModelReason,
    best: Option<ModelKind>,
    season: Option<Season>,
) -> String {
    let model = kind.in_sentence(season);
    let simplest = "the simplest model that can be fitted";
    match reason {
        ModelReason::BestInBacktest => format!(
            "The dates and the recommended capacity follow {model}, the best in the backtest \
             (the lowest mean absolute error on the last 20% of the samples)."
        ),
        ModelReason::Picked => match best.filter(|best| *best != kind) {
            Some(best) => format!(
                "The dates and the recommended capacity follow {model}, the model picked; the \
                 best in the backtest is {}, which the automatic choice follows.",
                best.in_sentence(season)
            ),
            None => {
                format!("The dates and the recommended capacity follow {model}, the model picked.")
            }
        },
        ModelReason::NoBacktest => format!(
            "The dates and the recommended capacity follow {model}, {simplest}: the series is too \
             short for a backtest (it needs at least 4 samples)."
        ),
        ModelReason::NoBestInBacktest => match best {
            Some(best) => format!(
                "The dates and the recommended capacity follow {model}, {simplest}: the best in \
                 the backtest, {}, cannot be fitted to the whole series.",
                best.in_sentence(season)
            ),
            None => format!(
                "The dates and the recommended capacity follow {model}, {simplest}: no model \
                 could be scored in the backtest."
            ),
        },
    }
}

/// A warning when the horizon is more than [`EXTRAPOLATION_SPANS`] times the history's span
/// (`span_days`, first sample to last; [`super::forecast::far_past_data`]): what that means for
/// the figures, and the longest horizon in whole days within the rule (when there is one) or a
/// longer history. `None` within the rule.
pub fn far_past_data_text(horizon_days: u32, span_days: f64) -> Option<String> {
    if !far_past_data(horizon_days, span_days) {
        return None;
    }
    let spans = EXTRAPOLATION_SPANS;
    // The longest whole number of days within the rule (at most the horizon, which is over it).
    let longest = (f64::from(spans) * span_days.max(0.0)).floor() as u32;
    let advice = if longest >= 1 {
        format!(
            "choose a horizon of at most {} ({spans} times the history) or import a longer history",
            days_phrase(&longest.to_string())
        )
    } else {
        "import a longer history".to_string()
    };
    Some(format!(
        "The horizon, {}, is more than {spans} times as long as the history, {}: this far past \
         the data the forecast is the fitted model carried on, and any error in its trend grows \
         with the distance. Read these figures as rough, or {advice}.",
        days_phrase(&horizon_days.to_string()),
        if span_days > 0.0 {
            format_days(span_days)
        } else {
            "0 days".to_string()
        }
    ))
}

/// The headroom added to the recommended capacity, as a percentage with the figure's usual
/// four significant digits: `20%`, `0.1%` (never `0%` for a headroom above zero).
///
/// The fraction is turned into a percentage on its decimal digits (the fewest that read back
/// as it), not by multiplying the float by 100: a headroom typed as 1e-320% is kept as the
/// fraction 1e-322, a subnormal float of a few bits, which times 100 is 9.881e-321.
pub fn headroom_text(headroom: f64) -> String {
    let digits = format!("{headroom:e}");
    let percent = digits
        .split_once('e')
        .and_then(|(mantissa, exponent)| {
            let exponent: i32 = exponent.parse().ok()?;
            format!("{mantissa}e{}", exponent + 2).parse::<f64>().ok()
        })
        .unwrap_or(headroom * 100.0);
    format!("{}%", format_value(percent))
}

/// A warning when the recommended capacity (`recommended`) is below the highest value the series
/// has already reached (`highest`): a trend runs through the middle of the data, under its peaks.
/// The advice names the pattern model, as fitted to the whole series with `pattern`'s hour
/// buckets ([`super::sheet::Analysis::pattern`]; `None` when it could not be fitted), unless it
/// is the `model` followed already.
pub fn below_peak_text(
    recommended: f64,
    highest: f64,
    model: ModelKind,
    pattern: Option<Season>,
) -> Option<String> {
    (recommended < highest).then(|| {
        format!(
            "This is below the highest value already seen, {}: a trend runs through the middle \
             of the data, under its peaks. Size for the peaks with the upper bound of the \
             interval{}.",
            format_value(highest),
            match pattern {
                Some(season) if model != ModelKind::Seasonal => {
                    format!(
                        ", or with {}",
                        ModelKind::Seasonal.in_sentence(Some(season))
                    )
                }
                _ => String::new(),
            }
        )
    })
}

/// How the backtest split the series, in a sentence: `Backtest: fitted on the first 3,225
/// samples, scored on the last 807.` Where the pattern model is fitted per hour of the week to
/// the whole series (`season`) but per hour of the day to the part fitted, it says so.
pub fn backtest_text(backtest: &Backtest, season: Option<Season>) -> String {
    let split = format!(
        "Backtest: fitted on the first {}, scored on the last {}",
        counted(backtest.train_len as u64, "sample", "samples"),
        format_count(backtest.test_len as u64)
    );
    match (season, backtest.train_season) {
        (Some(Season::HourOfWeek), Some(Season::HourOfDay)) => format!(
            "{split}; the samples fitted span less than two weeks, so {} is fitted to them per \
             hour of the day.",
            ModelKind::Seasonal.in_sentence(season)
        ),
        _ => format!("{split}."),
    }
}

/// The largest growth over a period written as a percentage (a factor of 10,001). Beyond it the
/// figure says nothing a person can picture (doubling every hour is 1.5e221% a month), so the
/// text says it is over this and the doubling time is given ([`doubling_text`]).
const LARGEST_GROWTH_PERCENT: f64 = 1_000_000.0;
/// The largest fall over a period written as a percentage: a fall beyond it would round to
/// −100%, which the exponential model never reaches.
const LARGEST_FALL_PERCENT: f64 = -99.99;

/// The exponential model's growth over `days`, e^(slope × days) − 1, as a percentage by the rule
/// of every other capacity figure (four significant digits, [`format_value`]): `0.1649%`, not a
/// fixed two decimals that would show a slow growth as `0.16%` or `0%`. A growth of more than
/// 1,000,000% reads `over 1,000,000%` (not `6.93e59%`), and a fall of more than 99.99% reads
/// `under −99.99%` (not `−100%`); [`is_fast`] says when a month's growth is such a bound.
/// A slope that is float noise on the log scale (`log`, [`Scale::logarithmic`]) reads `0%`.
pub fn growth_text(slope_per_day: f64, days: f64, log: Scale) -> String {
    let percent = (slope_per_day * days).exp_m1() * 100.0;
    if log.is_noise_rate(slope_per_day) {
        "0%".to_string()
    } else if percent > LARGEST_GROWTH_PERCENT {
        format!("over {}%", format_value(LARGEST_GROWTH_PERCENT))
    } else if percent < LARGEST_FALL_PERCENT {
        format!("under {}%", format_value(LARGEST_FALL_PERCENT))
    } else {
        format!("{}%", format_value(percent))
    }
}

/// Whether the exponential model grows (or falls) so fast that its growth over a month is not
/// written as a percentage ([`growth_text`]), and the doubling (or halving) time says it
/// instead: it doubles in under about 2.29 days (or halves in under about 2.29 days).
pub fn is_fast(slope_per_day: f64) -> bool {
    let percent = (slope_per_day * DAYS_PER_MONTH).exp_m1() * 100.0;
    !(LARGEST_FALL_PERCENT..=LARGEST_GROWTH_PERCENT).contains(&percent)
}

/// How long the exponential model takes to double (or halve, when it falls), ln 2 ÷ |slope|, in
/// four significant digits of the largest unit it fills: `doubles every 3.802 hours`,
/// `halves every 1.5 days`, down to seconds (`doubles every 0.0015 seconds`); `never doubles`
/// at a slope of 0.
pub fn doubling_text(slope_per_day: f64) -> String {
    let verb = if slope_per_day < 0.0 {
        "halves"
    } else {
        "doubles"
    };
    let seconds = std::f64::consts::LN_2 / slope_per_day.abs() * 86_400.0;
    if !seconds.is_finite() {
        // A slope of 0 (or too close to it for the time to be a number).
        return format!("never {verb}");
    }
    // The largest unit of which there is at least one once rounded to four significant digits
    // (0.99996 days is 1 day, not 24 hours).
    let (unit_seconds, unit) = [(86_400.0, "day"), (3_600.0, "hour"), (60.0, "minute")]
        .into_iter()
        .find(|(unit_seconds, _)| seconds / unit_seconds >= 0.999_95)
        .unwrap_or((1.0, "second"));
    let amount = format_value(seconds / unit_seconds);
    let plural = if amount == "1" { "" } else { "s" };
    format!("{verb} every {amount} {unit}{plural}")
}

/// The exponential model's growth for the table's two columns, per day and per month:
/// (`0.1649%/day`, `5.143%/month`); when it is fast ([`is_fast`]) the month's cell gives the
/// doubling time too (`over 1,000,000%/month (doubles every 3.802 hours)`). `log` is the scale
/// of the log-scale fit ([`Scale::logarithmic`]).
pub fn growth_cells(slope_per_day: f64, log: Scale) -> (String, String) {
    let per_day = format!("{}/day", growth_text(slope_per_day, 1.0, log));
    let per_month = format!("{}/month", growth_text(slope_per_day, DAYS_PER_MONTH, log));
    if is_fast(slope_per_day) {
        let doubling = doubling_text(slope_per_day);
        (per_day, format!("{per_month} ({doubling})"))
    } else {
        (per_day, per_month)
    }
}

/// What R² reads when it is not defined: every value of the series is the same, and R² is
/// 1 − 0 / 0.
/// The figures of the recommended capacity's sentence, which the page and the summary share:
/// each read against the series' scale at four significant digits, as every figure of the tab
/// ([`Scale::value`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    /// The highest forecast over the horizon plus headroom.
    pub recommended: String,
    /// The highest forecast over the horizon.
    pub highest: String,
    /// The highest upper bound of the 95% interval plus headroom.
    pub recommended_upper: String,
    /// The highest upper bound of the 95% interval.
    pub highest_upper: String,
}

/// The figures of `outlook`'s recommendation, read against `scale`.
pub fn recommendation(outlook: &Outlook, scale: Scale) -> Recommendation {
    Recommendation {
        recommended: scale.value(outlook.recommended),
        highest: scale.value(outlook.max_forecast),
        recommended_upper: scale.value(outlook.recommended_upper),
        highest_upper: scale.value(outlook.max_upper),
    }
}

pub const R_SQUARED_UNDEFINED: &str = "not defined (the series does not vary)";

/// R² as a ratio of at most 1 (`0.4619`), or `not defined` and why ([`R_SQUARED_UNDEFINED`]).
fn r_squared_text(r_squared: Option<f64>, why: bool) -> String {
    match r_squared {
        Some(r) => Scale::of(1.0).value(r),
        None if why => R_SQUARED_UNDEFINED.to_string(),
        None => "not defined".to_string(),
    }
}

/// The fit's slope (or growth), R² and residual spread in one sentence, each read against the
/// series' `scale` (a figure that is float noise around zero reads 0). A series that does not
/// vary has a flat trend and R² "not defined (the series does not vary)".
pub fn fit_text(fit: &Fit, scale: Scale) -> String {
    let slope = fit.slope_per_day();
    match fit {
        Fit::Exponential(_) => {
            let log = scale.logarithmic();
            format!(
                "Growth: {} per day, {} per month (e^slope − 1){}. R² (log scale) {}, residual \
                 standard deviation (log scale) {}.",
                growth_text(slope, 1.0, log),
                growth_text(slope, DAYS_PER_MONTH, log),
                if is_fast(slope) {
                    format!(": it {}", doubling_text(slope))
                } else {
                    String::new()
                },
                r_squared_text(fit.r_squared(), true),
                log.value(fit.residual_sd())
            )
        }
        _ => format!(
            "Slope: {} per day, {} per month. R² {}, residual standard deviation {}.",
            scale.rate(slope, 1.0),
            scale.rate(slope, DAYS_PER_MONTH),
            r_squared_text(fit.r_squared(), true),
            scale.value(fit.residual_sd())
        ),
    }
}

/// A model's cells in the models table: slope per day, per month, R² and residual standard
/// deviation (the exponential model's growth, and its figures on the log scale, marked so), read
/// against the series' `scale` like [`fit_text`]; R² of a series that does not vary reads
/// `not defined`.
pub fn fit_cells(fit: &Fit, scale: Scale) -> (String, String, String, String) {
    match fit {
        Fit::Exponential(line) => {
            let log = scale.logarithmic();
            let (per_day, per_month) = growth_cells(line.slope_per_day, log);
            (
                per_day,
                per_month,
                format!("{} (log)", r_squared_text(line.r_squared, false)),
                format!("{} (log)", log.value(line.residual_sd)),
            )
        }
        _ => (
            scale.rate(fit.slope_per_day(), 1.0),
            scale.rate(fit.slope_per_day(), DAYS_PER_MONTH),
            r_squared_text(fit.r_squared(), false),
            scale.value(fit.residual_sd()),
        ),
    }
}

/// A model's backtest errors (MAE, RMSE) read against the series' `scale`: the errors of a
/// model that fits the series exactly are float noise and read 0, as they do for every model.
pub fn backtest_cells(errors: &BacktestErrors, scale: Scale) -> (String, String) {
    (scale.value(errors.mae), scale.value(errors.rmse))
}

/// The peak hours in one sentence; the threshold is read against the series' `scale`.
pub fn peaks_text(patterns: &Patterns, scale: Scale) -> String {
    if patterns.peak_hours.is_empty() {
        "No hour stands out.".to_string()
    } else {
        format!(
            "Peak hours: {} (mean above {}, the 75th percentile of the hourly means).",
            hour_ranges(&patterns.peak_hours),
            patterns
                .peak_threshold
                .map_or_else(String::new, |threshold| scale.value(threshold))
        )
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_recommendation_below_the_peaks_seen_says_so() {
        let linear = ModelKind::Linear;
        let week = Some(Season::HourOfWeek);
        assert_eq!(below_peak_text(30_374.0, 30_373.0, linear, week), None);
        assert_eq!(below_peak_text(30_373.0, 30_373.0, linear, week), None);
        assert!(
            below_peak_text(22_053.2, 30_373.0, ModelKind::Seasonal, week)
                .is_some_and(|text| text.ends_with("with the upper bound of the interval."))
        );
        assert_eq!(
            below_peak_text(22_053.2, 30_373.0, linear, week).as_deref(),
            Some(
                "This is below the highest value already seen, 30,373: a trend runs through the \
                 middle of the data, under its peaks. Size for the peaks with the upper bound of \
                 the interval, or with the trend + hour-of-week pattern."
            )
        );
        // The pattern model named as it is fitted to the series, and not where it cannot be.
        assert!(
            below_peak_text(22_053.2, 30_373.0, linear, Some(Season::HourOfDay)).is_some_and(
                |text| text.ends_with(
                    "interval, or with the trend + hour-of-day pattern (the series is shorter \
                     than two weeks)."
                )
            )
        );
        assert!(below_peak_text(22_053.2, 30_373.0, linear, None)
            .is_some_and(|text| text.ends_with("with the upper bound of the interval.")));
    }

    #[test]
    fn the_backtest_says_where_the_pattern_model_is_fitted_per_hour_of_the_day() {
        use Season::{HourOfDay, HourOfWeek};
        let backtest = |train_season| Backtest {
            train_len: 3_225,
            test_len: 807,
            split_ms: 0,
            rows: Vec::new(),
            best: None,
            train_season,
        };
        let split = "Backtest: fitted on the first 3,225 samples, scored on the last 807";
        // (the pattern model's buckets over the first part, over the whole series, the end)
        let cases = [
            (Some(HourOfWeek), Some(HourOfWeek), "."),
            (Some(HourOfDay), Some(HourOfDay), "."),
            (None, Some(HourOfDay), "."),
            (None, None, "."),
            // 15 days of data: 12 days fitted.
            (
                Some(HourOfDay),
                Some(HourOfWeek),
                "; the samples fitted span less than two weeks, so the trend + hour-of-week \
                 pattern is fitted to them per hour of the day.",
            ),
        ];
        for (train, whole, end) in cases {
            assert_eq!(
                backtest_text(&backtest(train), whole),
                format!("{split}{end}"),
                "{train:?}, {whole:?}"
            );
        }
    }

    use super::super::forecast::LineFit;
    use super::*;

    /// Regression: "Linear trend: A trend needs at least 3 samples", a capital letter after
    /// the colon, on the page and in the summary.
    #[test]
    fn why_a_model_cannot_be_fitted_is_one_sentence() {
        use ModelKind::{Exponential, Linear, Seasonal};
        use Season::{HourOfDay, HourOfWeek};
        // (model, its hour buckets, why it cannot be fitted, the sentence)
        let cases: &[(ModelKind, Option<Season>, FitError, &str)] = &[
            (
                Linear,
                None,
                FitError::TooFewSamples { n: 1 },
                "Linear trend: a trend needs at least 3 samples; this series has 1.",
            ),
            (
                Exponential,
                None,
                FitError::SameTime,
                "Exponential growth: every sample has the same timestamp, so there is no time \
                 span to fit a trend over.",
            ),
            (
                Exponential,
                None,
                FitError::NotPositive { count: 2 },
                "Exponential growth: the exponential fit needs every value above 0; 2 values \
                 are 0 or below.",
            ),
            (
                Seasonal,
                Some(HourOfWeek),
                FitError::TooShortForSeasonal { span_days: 1.5 },
                "Trend + hour-of-week pattern: the seasonal model needs at least 2 days of data \
                 (14 for the weekly pattern); this series spans 1.5 days.",
            ),
            (
                Seasonal,
                Some(HourOfDay),
                FitError::NoVariationWithinHours,
                "Trend + hour-of-day pattern (the series is shorter than two weeks): the \
                 seasonal model needs samples at two different times in the same hour bucket.",
            ),
            (
                Seasonal,
                Some(HourOfWeek),
                FitError::TooFewForSeasonal {
                    n: 30,
                    buckets: 168,
                },
                "Trend + hour-of-week pattern: the seasonal model needs more samples than hour \
                 buckets plus one (30 samples, 168 buckets).",
            ),
        ];
        for (model, season, error, expected) in cases {
            assert_eq!(
                fit_error_text(*model, *season, error),
                *expected,
                "{error:?}"
            );
        }
    }

    #[test]
    fn what_reaches_the_capacity_is_named_for_each_model() {
        use ModelKind::{Exponential, Linear, Seasonal};
        use Season::{HourOfDay, HourOfWeek};
        // The sample at 18,000 read "The trend reaches the capacity: 2014-10-27 17:00" for the
        // pattern model, whose daily peak reaches it there, not its trend.
        // (model, its hour buckets, the capacity's line, the headroom's line)
        let cases: &[(ModelKind, Option<Season>, &str, &str)] = &[
            (
                Linear,
                Some(HourOfWeek),
                "The trend line reaches the capacity: ",
                "The trend line uses up the headroom (reaches capacity ÷ (1 + headroom)): ",
            ),
            (
                Exponential,
                None,
                "The trend line reaches the capacity: ",
                "The trend line uses up the headroom (reaches capacity ÷ (1 + headroom)): ",
            ),
            (
                Seasonal,
                Some(HourOfWeek),
                "The forecast with its hour-of-week pattern reaches the capacity: ",
                "The forecast with its hour-of-week pattern uses up the headroom (reaches \
                 capacity ÷ (1 + headroom)): ",
            ),
            (
                Seasonal,
                Some(HourOfDay),
                "The forecast with its hour-of-day pattern reaches the capacity: ",
                "The forecast with its hour-of-day pattern uses up the headroom (reaches \
                 capacity ÷ (1 + headroom)): ",
            ),
        ];
        for (model, season, capacity, headroom) in cases {
            let labels = crossing_labels(*model, *season);
            assert_eq!(labels.capacity, *capacity, "{model:?}");
            // The band is the one around what reaches the capacity: "its".
            assert_eq!(
                labels.upper, "The upper bound of its 95% interval reaches it: ",
                "{model:?}"
            );
            assert_eq!(labels.headroom, *headroom, "{model:?}");
            // The summary's subject is the page's, in the middle of a sentence.
            let subject = crossing_subject(*model, *season);
            assert_eq!(
                format!("The {} reaches the capacity: ", &subject[4..]),
                labels.capacity
            );
        }
    }

    #[test]
    fn a_history_already_over_the_capacity_is_said_before_the_trend() {
        use super::super::series::MS_PER_HOUR;
        let h = MS_PER_HOUR;
        let over = |samples, of, days, highest_ms, highest, last_ms, series_last_ms| HistoryOver {
            samples,
            of,
            days,
            highest_ms,
            highest,
            first_ms: 0,
            last_ms,
            series_last_ms,
        };
        // (what is over, the capacity, the clock, what is said)
        let cases: &[(HistoryOver, f64, Clock, &str)] = &[
            (
                over(3, 5, 1, 2 * h, 7.0, 4 * h, 4 * h),
                4.0,
                Clock::Utc,
                "The history already reaches the capacity, 4: 3 of 5 samples (60%) are at or \
                 above it, on 1 day. The highest, 7, was at 1970-01-01 02:00 UTC; the last, at \
                 1970-01-01 04:00 UTC, is the last sample.",
            ),
            (
                over(2, 3_000, 2, 0, 1_234.56, 36 * h, 100 * h),
                1_000.0,
                Clock::WallClock,
                "The history already reaches the capacity, 1,000: 2 of 3,000 samples (0.06667%) \
                 are at or above it, on 2 days. The highest, 1,235, was at 1970-01-01 00:00; \
                 the last, at 1970-01-02 12:00, is 2.7 days before the last sample.",
            ),
            (
                over(1, 4, 1, h, 9.0, h, 3 * h),
                8.5,
                Clock::WallClock,
                "The history already reaches the capacity, 8.5: 1 of 4 samples (25%) is at or \
                 above it, 9 at 1970-01-01 01:00, 2 hours before the last sample.",
            ),
            (
                over(2, 2, 1, 0, 3.0, h, h),
                3.0,
                Clock::Utc,
                "The history already reaches the capacity, 3: 2 of 2 samples (100%) are at or \
                 above it",
            ),
            // One sample short of all never reads 100%.
            (
                over(999_999, 1_000_000, 9, 0, 3.0, h, h),
                3.0,
                Clock::Utc,
                "999,999 of 1,000,000 samples (over 99.99%) are",
            ),
        ];
        for (over, capacity, clock, expected) in cases {
            let text = history_over_text(over, *capacity, *clock);
            // A whole sentence is said as it is; a part of one is in it.
            let whole = expected.ends_with('.');
            assert!(
                text == *expected || (!whole && text.contains(expected)),
                "{text}"
            );
        }
    }

    #[test]
    fn the_model_followed_is_named_with_why() {
        use ModelKind::{Exponential, Linear, Seasonal};
        let follows = "The dates and the recommended capacity follow";
        // (the model followed, why, the best in the backtest, what is said), for a series of
        // 14 days or more.
        let cases: &[(ModelKind, ModelReason, Option<ModelKind>, &str)] = &[
            (
                Seasonal,
                ModelReason::BestInBacktest,
                Some(Seasonal),
                "the trend + hour-of-week pattern, the best in the backtest (the lowest mean \
                 absolute error on the last 20% of the samples).",
            ),
            (
                Linear,
                ModelReason::Picked,
                Some(Linear),
                "the linear trend, the model picked.",
            ),
            (
                Exponential,
                ModelReason::Picked,
                Some(Seasonal),
                "exponential growth, the model picked; the best in the backtest is the trend + \
                 hour-of-week pattern, which the automatic choice follows.",
            ),
            (
                Linear,
                ModelReason::NoBacktest,
                None,
                "the linear trend, the simplest model that can be fitted: the series is too \
                 short for a backtest (it needs at least 4 samples).",
            ),
            (
                Linear,
                ModelReason::NoBestInBacktest,
                Some(Exponential),
                "the linear trend, the simplest model that can be fitted: the best in the \
                 backtest, exponential growth, cannot be fitted to the whole series.",
            ),
            (
                Seasonal,
                ModelReason::NoBestInBacktest,
                None,
                "the trend + hour-of-week pattern, the simplest model that can be fitted: no \
                 model could be scored in the backtest.",
            ),
        ];
        for (kind, reason, best, expected) in cases {
            assert_eq!(
                model_used_text(*kind, *reason, *best, Some(Season::HourOfWeek)),
                format!("{follows} {expected}")
            );
        }
        // Under 14 days the pattern model is fitted per hour of the day, and named so.
        let day = Some(Season::HourOfDay);
        assert_eq!(
            model_used_text(Seasonal, ModelReason::BestInBacktest, Some(Seasonal), day),
            format!(
                "{follows} the trend + hour-of-day pattern (the series is shorter than two \
                 weeks), the best in the backtest (the lowest mean absolute error on the last \
                 20% of the samples)."
            )
        );
        assert_eq!(
            model_used_text(Linear, ModelReason::Picked, Some(Seasonal), day),
            format!(
                "{follows} the linear trend, the model picked; the best in the backtest is the \
                 trend + hour-of-day pattern (the series is shorter than two weeks), which the \
                 automatic choice follows."
            )
        );
    }

    #[test]
    fn a_horizon_far_past_the_history_is_warned_about() {
        // (horizon in days, the history's span in days, the warning). A week of hourly data
        // (6.958 days) with the 90-day horizon gave an exponential recommendation of 3,618 for a
        // capacity of 100 without a word.
        let week = 167.0 / 24.0;
        let cases: &[(u32, f64, Option<&str>)] = &[
            (
                90,
                week,
                Some(
                    "The horizon, 90 days, is more than 3 times as long as the history, 7 days: \
                     this far past the data the forecast is the fitted model carried on, and any \
                     error in its trend grows with the distance. Read these figures as rough, or \
                     choose a horizon of at most 20 days (3 times the history) or import a longer \
                     history.",
                ),
            ),
            (20, week, None),
            (21, week, Some("The horizon, 21 days, is more than 3 times")),
            (21, 7.0, None),
            (22, 7.0, Some("at most 21 days (3 times the history)")),
            (90, 56.0, None),
            (3_650, 1_216.0, Some("at most 3,648 days")),
            // Under a day of history there is no whole day to suggest.
            (
                1,
                5.0 / 24.0,
                Some(
                    "The horizon, 1 day, is more than 3 times as long as the history, 5 hours: \
                     this far past the data the forecast is the fitted model carried on, and any \
                     error in its trend grows with the distance. Read these figures as rough, or \
                     import a longer history.",
                ),
            ),
            (1, 0.0, Some("the history, 0 days")),
        ];
        for (horizon, span, expected) in cases {
            let text = far_past_data_text(*horizon, *span);
            match (expected, &text) {
                (None, None) => {}
                (Some(expected), Some(text)) if text.contains(expected) => {}
                _ => panic!("{horizon} over {span}: {text:?}, not {expected:?}"),
            }
        }
    }

    /// The scale of the series the fits below are of: values up to 100 over 9 days.
    const SCALE: Scale = Scale {
        magnitude: 100.0,
        span_days: 9.0,
    };

    /// An exponential fit with `slope_per_day` and otherwise fixed figures, for its words.
    fn exponential_fit(slope_per_day: f64) -> Fit {
        Fit::Exponential(LineFit {
            origin_ms: 0,
            n: 10,
            slope_per_day,
            intercept: 1.0,
            r_squared: Some(0.5),
            residual_sd: 0.1,
            mean_x_days: 5.0,
            sxx: 80.0,
            t_quantile: 2.3,
        })
    }

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
            // Beyond a factor of 10,001 a percentage is not written out: 7,850% a day is
            // 6.93e59% a month.
            (9_999.99, 1.0, "999,999%"),
            (10_000.01, 1.0, "over 1,000,000%"),
            (0.5, DAYS_PER_MONTH, "over 1,000,000%"),
            (78.496_97, 1.0, "7,850%"),
            (78.496_97, DAYS_PER_MONTH, "over 1,000,000%"),
            // A fall never reads −100%: the model never reaches 0.
            (-0.9999, 1.0, "−99.99%"),
            (-0.99999, 1.0, "under −99.99%"),
            (-0.5, DAYS_PER_MONTH, "under −99.99%"),
        ];
        for (growth, days, expected) in cases {
            let slope = f64::ln_1p(*growth);
            assert_eq!(
                growth_text(slope, *days, SCALE.logarithmic()),
                *expected,
                "{growth} over {days}"
            );
        }
        let fit = exponential_fit(f64::ln_1p(0.001649));
        assert!(
            fit_text(&fit, SCALE).starts_with("Growth: 0.1649% per day, 5.143% per month"),
            "{}",
            fit_text(&fit, SCALE)
        );
    }

    #[test]
    fn fast_growth_is_a_doubling_time_not_an_astronomical_percentage() {
        use std::f64::consts::LN_2;
        // 6.93e59% a month: e^(slope × 30.436875) = 6.93e57 + 1; ln 2 ÷ slope is 3.8018 hours.
        let brief = (6.93e57f64).ln_1p() / DAYS_PER_MONTH;
        // (slope per day, doubling text); the fastest slope a series within ±1e100 can have is
        // about 4e10 per day (ln 1e200 over a millisecond).
        let cases: &[(f64, &str)] = &[
            (brief, "doubles every 3.802 hours"),
            (LN_2, "doubles every 1 day"),
            (LN_2 / 2.5, "doubles every 2.5 days"),
            (LN_2 * 24.0, "doubles every 1 hour"),
            (LN_2 / 0.999_96, "doubles every 1 day"),
            (LN_2 / 0.999_94, "doubles every 24 hours"),
            (-LN_2 * 1_440.0, "halves every 1 minute"),
            (LN_2 * 86_400_000.0, "doubles every 0.001 seconds"),
            (4e10, "doubles every 0.000001497 seconds"),
            (0.0, "never doubles"),
            (-5e-324, "never halves"),
        ];
        for (slope, expected) in cases {
            assert_eq!(doubling_text(*slope), *expected, "{slope}");
        }

        // Fast from a doubling in about 2.29 days (a month's growth over 1,000,000%).
        assert!(is_fast(brief) && is_fast(LN_2) && is_fast(-LN_2));
        assert!(!is_fast(0.30) && !is_fast(-0.30) && !is_fast(0.0));
        assert!(is_fast(0.31) && is_fast(-0.31));
        assert_eq!(
            growth_cells(brief, SCALE.logarithmic()),
            (
                "7,850%/day".to_string(),
                "over 1,000,000%/month (doubles every 3.802 hours)".to_string()
            )
        );
        assert_eq!(
            growth_cells(f64::ln_1p(0.001649), SCALE.logarithmic()),
            ("0.1649%/day".to_string(), "5.143%/month".to_string())
        );
        let fit = exponential_fit(brief);
        assert_eq!(
            fit_text(&fit, SCALE),
            "Growth: 7,850% per day, over 1,000,000% per month (e^slope − 1): it doubles every \
             3.802 hours. R² (log scale) 0.5, residual standard deviation (log scale) 0.1."
        );
    }

    #[test]
    fn a_forecast_below_zero_says_when_and_that_it_means_nothing() {
        use super::super::series::{MAX_TIME_MS, MS_PER_DAY};
        let tail = ". Every value of this series is 0 or above, so values below zero are not \
                    meaningful for it: the forecast below zero is the fitted model carried past \
                    zero, not a value the series can take.";
        let on = |t_ms: i64, days: f64| Crossing::On { t_ms, days };
        let cases: &[(Crossing, Clock, &str)] = &[
            (
                on(40 * MS_PER_DAY + 420_000, 40.0045),
                Clock::Utc,
                "reaches zero on 1970-02-10 00:07 UTC (40 days after the last sample) and goes \
                 below it",
            ),
            (
                on(MS_PER_DAY, 0.01),
                Clock::WallClock,
                "reaches zero on 1970-01-02 00:00 (less than an hour after the last sample) and \
                 goes below it",
            ),
            (
                on(3 * MS_PER_DAY, 0.0),
                Clock::Utc,
                "reaches zero at the last sample (1970-01-04 00:00 UTC) and goes below it",
            ),
            (
                Crossing::Already,
                Clock::WallClock,
                "is below zero already at the last sample",
            ),
            (
                on(MAX_TIME_MS + 1, 3.0),
                Clock::Utc,
                "reaches zero after the year 9999 (3 days after the last sample) and goes below \
                 it",
            ),
        ];
        for (crossing, clock, when) in cases {
            assert_eq!(
                below_zero_text(crossing, *clock, ModelKind::Linear, None),
                format!("The trend line {when}{tail}")
            );
        }
    }

    #[test]
    fn a_forecast_below_zero_names_what_reaches_zero_as_the_crossings_do() {
        // The crossings said "The forecast with its hour-of-week pattern reaches the capacity"
        // while the zero note said "The trend reaches zero" of the same forecast.
        let crossing = Crossing::Already;
        let models = [
            (ModelKind::Linear, None),
            (ModelKind::Exponential, None),
            (ModelKind::Seasonal, Some(Season::HourOfWeek)),
            (ModelKind::Seasonal, Some(Season::HourOfDay)),
        ];
        for (model, season) in models {
            let capacity = crossing_labels(model, season).capacity;
            let subject = capacity.strip_suffix(" reaches the capacity: ").unwrap();
            let text = below_zero_text(&crossing, Clock::Utc, model, season);
            assert!(
                text.starts_with(&format!("{subject} is below zero")),
                "{model:?}: {text}"
            );
        }
    }

    #[test]
    fn the_headroom_and_a_forecast_past_1e100_read_as_they_are() {
        assert_eq!(headroom_text(0.2), "20%");
        assert_eq!(headroom_text(0.001), "0.1%");
        assert_eq!(headroom_text(0.125), "12.5%");
        assert_eq!(headroom_text(0.0), "0%");
        // A headroom typed as a tiny percentage reads back as typed: one of 1e-320% is kept as
        // the fraction 1e-322, a float of few digits, which read "9.881e-321%" times 100.
        for typed in [
            "1e-320", "1.5e-320", "3e-321", "1e-318", "2.5e-310", "1e-300", "33.3",
        ] {
            let headroom = typed.parse::<f64>().unwrap() / 100.0;
            assert_eq!(headroom_text(headroom), format!("{typed}%"), "{typed}");
        }
        assert!(
            beyond_range_text(90, true).contains("90 days (an exponential trend compounds), so")
        );
        assert!(beyond_range_text(90, false).contains("within the next 90 days, so no"));
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
        assert_eq!(
            crossing_text(&Crossing::FlatOrFalling, Clock::Utc, 3_650),
            "never (the trend is flat or falling)"
        );
    }
}
