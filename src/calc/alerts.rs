//! Multi-window, multi-burn-rate alerts (the SRE workbook's "Alerting on SLOs"): the alert table,
//! its warnings, detection and reset times, a simulator of a sustained error ratio, and the error
//! ratios no alert catches before the budget is gone.
//!
//! Conventions, all in exact rational arithmetic:
//! - burn-rate threshold = budget share x SLO window / long window (2% over 1h of 30 days: 14.4);
//! - error-ratio threshold = burn-rate threshold x (1 - SLO);
//! - an alert fires when the error ratio over its long window AND over its short window are both
//!   strictly above the error-ratio threshold (PromQL `>`), with no `for:` delay;
//! - errors at a constant ratio `e` start at time 0 after a clean history, so the average over a
//!   window `w` after `t <= w` is `e x t / w`: the alert fires at
//!   max(long, short) x threshold / e, which at 100% errors is the detection time;
//! - once errors stop, the short window empties within its own length: the reset time;
//! - the budget spent after `t` at ratio `e` is e / (1 - SLO) x t / SLO window, and the whole
//!   budget is gone after (1 - SLO) x SLO window / e.

use std::cmp::Ordering;
use std::fmt;

use super::budget_words;
use super::burn::SliKind;
use super::decimal::{self, DecimalError};
use super::duration::{format_duration, MS_PER_MINUTE};
use super::prom_duration::{DurationError, PromDuration};
use super::ratio::Ratio;
use super::slo::{SloTarget, TargetError, WindowDays, WindowError, TARGET_PARTS};
use crate::inputs::AlertRowInputs;

/// The most rows the table takes.
pub const MAX_ROWS: usize = 20;
/// Decimal places a budget share in percent may have.
pub const SHARE_PLACES: u32 = 4;
/// Decimal places an error ratio in percent may have.
pub const ERROR_PLACES: u32 = 6;

/// The rounding rule of the figures on the page, in words.
pub const ROUNDING_RULE: &str = "Thresholds are exact: a terminating decimal is shown in full; a \
repeating one (28/30 = 0.9333…) is rounded half up to 4 significant digits and marked ≈. Times \
under a minute are rounded half up to 0.01 s, longer ones as elsewhere on the page.";

/// How the simulator counts the budget an incident spends, in words.
pub const BUDGET_SPENT_RULE: &str = "Budget spent = burn rate × time ÷ SLO window. A run longer \
than the SLO window spans more than one window: its total is said as such, and whether the \
budget is exhausted is judged by the most any one window holds, burn rate × min(time, SLO \
window) ÷ SLO window.";

/// The SLO the alerts protect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slo {
    pub target: SloTarget,
    pub window: WindowDays,
}

impl Slo {
    /// The error budget (1 - target) as a fraction.
    pub fn budget(self) -> Ratio {
        Ratio::new(
            u128::from(self.target.budget_parts()),
            u128::from(TARGET_PARTS),
        )
        .unwrap_or(Ratio::ZERO)
    }

    /// The window in exact milliseconds (a millionth of a day is 86.4 ms).
    pub fn window_ms(self) -> Ratio {
        Ratio::new(u128::from(self.window.micro_days()) * 864, 10).unwrap_or(Ratio::ZERO)
    }

    /// The highest possible burn rate, 1 / (1 - target): every request failing.
    pub fn max_burn_rate(self) -> Ratio {
        Ratio::ONE.checked_div(self.budget()).unwrap_or(Ratio::ZERO)
    }
}

/// Who an alert wakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Page,
    Ticket,
}

impl Severity {
    pub const ALL: [Severity; 2] = [Severity::Page, Severity::Ticket];

    /// The saved name and the Prometheus `severity` label.
    pub fn slug(self) -> &'static str {
        match self {
            Severity::Page => "page",
            Severity::Ticket => "ticket",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.slug().eq_ignore_ascii_case(text.trim()))
    }
}

/// The fields of a row, for messages next to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowField {
    Severity,
    BudgetShare,
    LongWindow,
    ShortWindow,
}

impl RowField {
    /// The field's name in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            RowField::Severity => "severity",
            RowField::BudgetShare => "budget share",
            RowField::LongWindow => "long window",
            RowField::ShortWindow => "short window",
        }
    }
}

/// Why a typed share of the budget or error ratio was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentError {
    Empty,
    NotANumber,
    /// A comma where a point (or nothing) is meant, with what to type ([`decimal::comma_message`]).
    Comma(String),
    Exponent,
    TooManyDecimals(u32),
    NotAboveZero,
    AboveHundred,
}

impl fmt::Display for PercentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PercentError::Empty => f.write_str("Enter a percentage, for example 2"),
            PercentError::NotANumber => f.write_str("Not a number: type a percentage such as 5"),
            PercentError::Comma(message) => f.write_str(message),
            PercentError::Exponent => f.write_str(decimal::EXPONENT_MESSAGE),
            PercentError::TooManyDecimals(places) => {
                write!(f, "Use at most {places} decimal places")
            }
            PercentError::NotAboveZero => f.write_str("Must be above 0%"),
            PercentError::AboveHundred => f.write_str("Cannot be above 100%"),
        }
    }
}

/// Parses a percentage above 0 and at most 100 with at most `places` decimals, as a fraction
/// (`2` -> 1/50).
pub fn parse_percent(text: &str, places: u32) -> Result<Ratio, PercentError> {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text);
    let scaled = decimal::parse_scaled(text, places).map_err(|e| match e {
        DecimalError::Empty => PercentError::Empty,
        DecimalError::NotANumber => PercentError::NotANumber,
        DecimalError::Comma(message) => PercentError::Comma(message),
        DecimalError::Exponent => PercentError::Exponent,
        DecimalError::TooManyDecimals { max_places } => PercentError::TooManyDecimals(max_places),
        DecimalError::Negative => PercentError::NotAboveZero,
        DecimalError::TooLarge => PercentError::AboveHundred,
    })?;
    let whole = 100 * 10u64.pow(places);
    match scaled {
        0 => Err(PercentError::NotAboveZero),
        s if s > whole => Err(PercentError::AboveHundred),
        s => Ok(Ratio::new(u128::from(s), u128::from(whole)).unwrap_or(Ratio::ZERO)),
    }
}

/// One alert: who it wakes, the share of the budget it should catch, and its two windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertRow {
    pub severity: Severity,
    /// The share of the budget spent when the alert fires (a fraction: 2% is 1/50).
    pub budget_share: Ratio,
    pub long: PromDuration,
    pub short: PromDuration,
    /// Whether the short window is the default, long / 12.
    pub short_is_default: bool,
}

/// The default short window: a twelfth of the long one, rounded half up to the millisecond.
pub fn default_short(long: PromDuration) -> PromDuration {
    PromDuration::from_ms((long.ms() + 6) / 12).unwrap_or(long)
}

/// Reads one row as typed; every wrong field gets its message.
pub fn parse_row(inputs: &AlertRowInputs) -> Result<AlertRow, Vec<(RowField, String)>> {
    let mut errors = Vec::new();
    let severity = Severity::parse(&inputs.severity);
    if severity.is_none() {
        errors.push((
            RowField::Severity,
            format!(
                "Unknown severity \"{}\": choose page or ticket",
                inputs.severity
            ),
        ));
    }
    let share = parse_percent(&inputs.budget_percent, SHARE_PLACES)
        .map_err(|e| errors.push((RowField::BudgetShare, e.to_string())))
        .ok();
    let long = PromDuration::parse(&inputs.long_window)
        .map_err(|e| errors.push((RowField::LongWindow, e.to_string())))
        .ok();
    let short_text = inputs.short_window.trim();
    let short = if short_text.is_empty() {
        long.map(|l| (default_short(l), true))
    } else {
        PromDuration::parse(short_text)
            .map_err(|e: DurationError| errors.push((RowField::ShortWindow, e.to_string())))
            .ok()
            .map(|s| (s, false))
    };
    match (severity, share, long, short) {
        (Some(severity), Some(budget_share), Some(long), Some((short, short_is_default)))
            if errors.is_empty() =>
        {
            Ok(AlertRow {
                severity,
                budget_share,
                long,
                short,
                short_is_default,
            })
        }
        _ => Err(errors),
    }
}

/// Which window a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Long,
    Short,
}

impl Which {
    fn word(self) -> &'static str {
        match self {
            Which::Long => "long",
            Which::Short => "short",
        }
    }
}

/// Something wrong with an alert that is still computed, each with a plain reason.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The threshold is at or above the highest possible burn rate: it can never fire.
    NeverFires {
        threshold: Ratio,
        max_burn_rate: Ratio,
    },
    /// The threshold is below 1: it fires at burn rates that would not spend the budget.
    BelowOne { threshold: Ratio },
    /// The short window is not shorter than the long one.
    ShortNotShorter,
    /// A window under one minute.
    UnderOneMinute(Which, PromDuration),
    /// A window longer than the SLO window.
    LongerThanSlo(Which, PromDuration),
    /// The same severity and windows as an earlier row (numbered from 1); `same_share` when
    /// its budget share is the same too, so the two rules are one rule twice.
    Repeats { row: usize, same_share: bool },
}

impl Warning {
    /// The warning as a sentence for the page.
    pub fn message(&self, slo: Slo) -> String {
        match self {
            Warning::NeverFires {
                threshold,
                max_burn_rate,
            } => format!(
                "Can never fire: its burn-rate threshold {}× is not below the highest possible \
                 burn rate, {}× (every request failing at a {}% target).",
                number_words(*threshold),
                number_words(*max_burn_rate),
                slo.target.percent_text()
            ),
            Warning::BelowOne { threshold } => format!(
                "Fires while the budget is fine: a burn rate of {}× is below 1×, which would not \
                 spend the whole budget in the {}-day window.",
                number_words(*threshold),
                slo.window.days_text()
            ),
            Warning::ShortNotShorter => "The short window is not shorter than the long one, so \
                it no longer lets the alert reset quickly once errors stop."
                .to_string(),
            Warning::UnderOneMinute(which, d) => format!(
                "The {} window ({d}) is under one minute: a rate over so few scrapes is noisy, \
                 and with a 1-minute scrape interval it may hold a single sample or none.",
                which.word()
            ),
            Warning::LongerThanSlo(which, d) => format!(
                "The {} window ({d}) is longer than the {}-day SLO window: it looks back past \
                 the period the budget is counted over.",
                which.word(),
                slo.window.days_text()
            ),
            Warning::Repeats {
                row,
                same_share: true,
            } => format!(
                "Repeats row {row}: the rules file would hold the same rule twice (promtool \
                 reports it as a duplicate). Change a window or remove one of them."
            ),
            Warning::Repeats {
                row,
                same_share: false,
            } => format!(
                "Same severity and windows as row {row}, with another budget share: both watch \
                 the same averages, so the higher threshold only fires together with the lower \
                 one. Change a window or remove one of them."
            ),
        }
    }
}

/// An alert's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertFigures {
    pub row: AlertRow,
    /// Budget share x SLO window / long window.
    pub burn_rate_threshold: Ratio,
    /// Burn-rate threshold x (1 - SLO).
    pub error_ratio_threshold: Ratio,
    /// SLO window / burn-rate threshold: how long the whole budget lasts at the threshold.
    pub exhaustion_ms: Ratio,
    /// max(long, short) x error-ratio threshold; `None` when the alert can never fire.
    pub detection_at_full_errors_ms: Option<Ratio>,
    /// Once errors stop, the alert resets within its short window.
    pub reset_ms: u64,
    pub warnings: Vec<Warning>,
}

impl AlertFigures {
    /// The longer of the two windows: the one that decides when the alert fires.
    fn deciding_window_ms(&self) -> Ratio {
        ms_ratio(self.row.long.ms().max(self.row.short.ms()))
    }

    /// When the alert fires after errors at `error_ratio` start, or `None` if that ratio is not
    /// above its threshold.
    pub fn detection_ms(&self, error_ratio: Ratio) -> Option<Ratio> {
        if error_ratio.cmp_exact(self.error_ratio_threshold) != Ordering::Greater {
            return None;
        }
        mul(self.deciding_window_ms(), self.error_ratio_threshold).checked_div(error_ratio)
    }

    /// A short name for the row: `page 1h / 5m`.
    pub fn label(&self) -> String {
        format!(
            "{} {} / {}",
            self.row.severity.slug(),
            self.row.long,
            self.row.short
        )
    }
}

/// A whole number of milliseconds as an exact ratio.
pub fn ms_ratio(ms: u64) -> Ratio {
    Ratio::new(u128::from(ms), 1).unwrap_or(Ratio::ZERO)
}

/// `a x b`, exact while it fits, otherwise close enough for figures this large.
fn mul(a: Ratio, b: Ratio) -> Ratio {
    a.checked_mul(b)
        .unwrap_or_else(|| approximate(a.to_f64() * b.to_f64()))
}

fn div(a: Ratio, b: Ratio) -> Option<Ratio> {
    if b.numerator() == 0 {
        return None;
    }
    Some(
        a.checked_div(b)
            .unwrap_or_else(|| approximate(a.to_f64() / b.to_f64())),
    )
}

fn approximate(value: f64) -> Ratio {
    if !value.is_finite() || value <= 0.0 {
        return Ratio::ZERO;
    }
    let den: u128 = 1 << 40;
    Ratio::new((value * den as f64) as u128, den).unwrap_or(Ratio::ZERO)
}

/// The figures and warnings of one alert.
pub fn figures(slo: Slo, row: AlertRow) -> AlertFigures {
    let window_ms = slo.window_ms();
    let long_ms = ms_ratio(row.long.ms());
    let burn_rate_threshold = div(mul(row.budget_share, window_ms), long_ms).unwrap_or(Ratio::ZERO);
    let error_ratio_threshold = mul(burn_rate_threshold, slo.budget());
    let exhaustion_ms = div(window_ms, burn_rate_threshold).unwrap_or(Ratio::ZERO);
    let can_fire = error_ratio_threshold.cmp_exact(Ratio::ONE) == Ordering::Less;
    let deciding_ms = ms_ratio(row.long.ms().max(row.short.ms()));

    let mut warnings = Vec::new();
    if !can_fire {
        warnings.push(Warning::NeverFires {
            threshold: burn_rate_threshold,
            max_burn_rate: slo.max_burn_rate(),
        });
    }
    if burn_rate_threshold.cmp_exact(Ratio::ONE) == Ordering::Less {
        warnings.push(Warning::BelowOne {
            threshold: burn_rate_threshold,
        });
    }
    if row.short.ms() >= row.long.ms() {
        warnings.push(Warning::ShortNotShorter);
    }
    for (which, d) in [(Which::Long, row.long), (Which::Short, row.short)] {
        if d.ms() < MS_PER_MINUTE {
            warnings.push(Warning::UnderOneMinute(which, d));
        }
        if ms_ratio(d.ms()).cmp_exact(window_ms) == Ordering::Greater {
            warnings.push(Warning::LongerThanSlo(which, d));
        }
    }

    AlertFigures {
        row,
        burn_rate_threshold,
        error_ratio_threshold,
        exhaustion_ms,
        detection_at_full_errors_ms: can_fire.then(|| mul(deciding_ms, error_ratio_threshold)),
        reset_ms: row.short.ms(),
        warnings,
    }
}

/// The figures of every row; a row with the severity and windows of an earlier one is warned
/// about ([`Warning::Repeats`]).
pub fn table(slo: Slo, rows: &[AlertRow]) -> Vec<AlertFigures> {
    let mut table: Vec<AlertFigures> = rows.iter().map(|row| figures(slo, *row)).collect();
    for (i, figures) in table.iter_mut().enumerate() {
        let row = rows[i];
        let earlier = rows[..i].iter().position(|other| {
            other.severity == row.severity
                && other.long.ms() == row.long.ms()
                && other.short.ms() == row.short.ms()
        });
        if let Some(j) = earlier {
            figures.warnings.push(Warning::Repeats {
                row: j + 1,
                same_share: rows[j].budget_share.cmp_exact(row.budget_share) == Ordering::Equal,
            });
        }
    }
    table
}

/// What one alert does in a simulated incident.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Fires `at_ms` after the errors start, when `budget_spent` of the budget is gone.
    Fires { at_ms: Ratio, budget_spent: Ratio },
    /// Would fire `at_ms` after the start, but the errors stop before.
    TooShort { at_ms: Ratio },
    /// The error ratio is not above the alert's threshold: it never fires.
    Never,
}

/// A simulated incident: an error ratio sustained for a duration.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub error_ratio: Ratio,
    pub duration: PromDuration,
    /// The error ratio's burn rate, error ratio / (1 - SLO).
    pub burn_rate: Ratio,
    /// One outcome per row of the table.
    pub outcomes: Vec<Outcome>,
    /// The share of one window's budget spent over the whole incident, summed: burn rate x
    /// duration / SLO window. It may exceed 1, and an incident longer than the SLO window spans
    /// more than one window, so it can be more than any one window holds.
    pub budget_spent: Ratio,
    /// The most any one SLO window holds of the incident's errors: burn rate x
    /// min(duration, SLO window) / SLO window. Whether the budget is exhausted is judged by this,
    /// never by `budget_spent`.
    pub most_in_one_window: Ratio,
    /// Whether the incident is longer than the SLO window (so `budget_spent` spans more than
    /// one window).
    pub longer_than_window: bool,
    /// When the whole budget is gone at this ratio, if it is within the incident.
    pub budget_gone_ms: Ratio,
    /// The first alert to fire: its row index and time.
    pub first: Option<(usize, Ratio)>,
}

impl Simulation {
    /// Whether some SLO window holds the whole budget or more of the incident's errors.
    pub fn exhausts_budget(&self) -> bool {
        self.most_in_one_window.cmp_exact(Ratio::ONE) != Ordering::Less
    }
}

/// Which alerts fire for `error_ratio` sustained over `duration`, when, and what it costs. The
/// budget spent when an alert fires is what the SLO window ending then holds: burn rate x
/// min(time, SLO window) / SLO window.
pub fn simulate(
    slo: Slo,
    alerts: &[AlertFigures],
    error_ratio: Ratio,
    duration: PromDuration,
) -> Simulation {
    let budget = slo.budget();
    let window_ms = slo.window_ms();
    let burn_rate = div(error_ratio, budget).unwrap_or(Ratio::ZERO);
    let spent_after = |ms: Ratio| div(mul(burn_rate, ms), window_ms).unwrap_or(Ratio::ZERO);
    let in_one_window = |ms: Ratio| match ms.cmp_exact(window_ms) {
        Ordering::Greater => spent_after(window_ms),
        _ => spent_after(ms),
    };
    let duration_ms = ms_ratio(duration.ms());

    let outcomes: Vec<Outcome> = alerts
        .iter()
        .map(|alert| match alert.detection_ms(error_ratio) {
            None => Outcome::Never,
            Some(at_ms) if at_ms.cmp_exact(duration_ms) == Ordering::Less => Outcome::Fires {
                at_ms,
                budget_spent: in_one_window(at_ms),
            },
            Some(at_ms) => Outcome::TooShort { at_ms },
        })
        .collect();
    let first = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| match o {
            Outcome::Fires { at_ms, .. } => Some((i, *at_ms)),
            _ => None,
        })
        .min_by(|a, b| a.1.cmp_exact(b.1));

    Simulation {
        error_ratio,
        duration,
        burn_rate,
        outcomes,
        budget_spent: spent_after(duration_ms),
        most_in_one_window: in_one_window(duration_ms),
        longer_than_window: duration_ms.cmp_exact(window_ms) == Ordering::Greater,
        budget_gone_ms: div(window_ms, burn_rate).unwrap_or(Ratio::ZERO),
        first,
    }
}

/// The error ratios that spend the whole budget before any alert fires.
#[derive(Debug, Clone, PartialEq)]
pub enum Uncaught {
    /// Every error ratio that would spend the whole budget within the window is caught first.
    Nothing,
    /// Every error ratio from `from` to `to`, both included, spends the whole budget with no
    /// alert fired (`from` is 1 - SLO, the lowest ratio that spends it all within the window).
    Range { from: Ratio, to: Ratio },
}

/// The error ratios no alert catches before the budget is gone.
///
/// At a ratio `e` at or above 1 - SLO the budget is gone after (1 - SLO) x window / e; an alert
/// fires after max(long, short) x threshold x (1 - SLO) / e when `e` is above its error-ratio
/// threshold. So an alert catches every ratio above its threshold in time exactly when
/// max(long, short) x burn-rate threshold < window (its budget share, for short <= long, is
/// under 100%), and misses all others.
pub fn uncaught(slo: Slo, alerts: &[AlertFigures]) -> Uncaught {
    let budget = slo.budget();
    let window_ms = slo.window_ms();
    let lowest_caught = alerts
        .iter()
        .filter(|a| a.detection_at_full_errors_ms.is_some())
        .filter(|a| {
            mul(a.deciding_window_ms(), a.burn_rate_threshold).cmp_exact(window_ms)
                == Ordering::Less
        })
        .map(|a| a.error_ratio_threshold)
        .min_by(|a, b| a.cmp_exact(*b));
    let to = match lowest_caught {
        None => Ratio::ONE,
        Some(t) => t,
    };
    if to.cmp_exact(budget) == Ordering::Less {
        Uncaught::Nothing
    } else {
        Uncaught::Range { from: budget, to }
    }
}

/// The Alerts tab read as a whole: its inputs as typed become an SLO, the alert table, the
/// simulation and a message for every field that is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertSheet {
    /// The SLO the alerts protect, if it is valid.
    pub slo: Option<Slo>,
    /// What that SLO's SLI counts: the Budget tab's SLI when the tab follows it, else requests.
    /// The alerts are computed on the ratio of bad events either way.
    pub sli: SliKind,
    /// The message of this tab's own target field.
    pub target_error: Option<String>,
    /// The message of this tab's own window field.
    pub window_error: Option<String>,
    /// Why the Budget tab's SLO cannot be used, when the tab follows it.
    pub linked_error: Option<String>,
    /// The messages of each row's fields, in the order of the rows.
    pub row_errors: Vec<Vec<(RowField, String)>>,
    /// A message about the table as a whole (no rows, too many).
    pub rows_error: Option<String>,
    /// Every row's figures, when the SLO and every row are valid.
    pub table: Option<Vec<AlertFigures>>,
    /// The error ratios no alert of the table catches in time.
    pub uncaught: Option<Uncaught>,
    pub sim_error_ratio: Result<Ratio, String>,
    pub sim_duration: Result<PromDuration, String>,
    pub simulation: Option<Simulation>,
}

impl AlertSheet {
    /// The message of `field` of row `index`, if it is wrong.
    pub fn row_error(&self, index: usize, field: RowField) -> Option<&str> {
        self.row_errors
            .get(index)?
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message.as_str())
    }
}

/// The Budget tab's SLO as the Alerts tab follows it: its target and window, and what its SLI
/// counts. The alerts themselves are computed on the ratio of bad events whatever the SLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linked {
    pub slo: Slo,
    pub sli: SliKind,
}

impl From<Slo> for Linked {
    /// An SLO of requests (bad events out of all events).
    fn from(slo: Slo) -> Linked {
        Linked {
            slo,
            sli: SliKind::Requests,
        }
    }
}

impl Linked {
    /// The Budget tab's SLO from its target, window and SLI as read there, or why it cannot be
    /// followed (the first field that is not valid, with what to do).
    pub fn from_budget(
        target: Result<SloTarget, TargetError>,
        window: Result<WindowDays, WindowError>,
        sli: Result<SliKind, String>,
    ) -> Result<Linked, String> {
        let fix = "Fix it there, or use this tab's own SLO.";
        match (target, window, sli) {
            (Ok(target), Ok(window), Ok(sli)) => Ok(Linked {
                slo: Slo { target, window },
                sli,
            }),
            (Err(e), _, _) => Err(format!("The Budget tab's target is not valid ({e}). {fix}")),
            (_, Err(e), _) => Err(format!("The Budget tab's window is not valid ({e}). {fix}")),
            (_, _, Err(e)) => Err(format!(
                "The Budget tab's timeslice length is not valid ({e}). {fix}"
            )),
        }
    }
}

/// Reads the Alerts tab. `linked` is the Budget tab's SLO (or why it is not valid), used when
/// `inputs.use_budget_slo` is set.
pub fn read(inputs: &crate::inputs::AlertsInputs, linked: Result<Linked, String>) -> AlertSheet {
    let mut sli = SliKind::Requests;
    let (slo, target_error, window_error, linked_error) = if inputs.use_budget_slo {
        match linked {
            Ok(linked) => {
                sli = linked.sli;
                (Some(linked.slo), None, None, None)
            }
            Err(message) => (None, None, None, Some(message)),
        }
    } else {
        let target = SloTarget::parse(&inputs.target_percent);
        let window = WindowDays::parse(&inputs.window_days);
        let target_error = target.as_ref().err().map(ToString::to_string);
        let window_error = window.as_ref().err().map(ToString::to_string);
        let slo = match (target, window) {
            (Ok(target), Ok(window)) => Some(Slo { target, window }),
            _ => None,
        };
        (slo, target_error, window_error, None)
    };

    let parsed: Vec<Result<AlertRow, Vec<(RowField, String)>>> =
        inputs.rows.iter().map(parse_row).collect();
    let row_errors = parsed
        .iter()
        .map(|r| r.as_ref().err().cloned().unwrap_or_default())
        .collect();
    let rows_error = if inputs.rows.is_empty() {
        Some("Add at least one alert".to_string())
    } else if inputs.rows.len() > MAX_ROWS {
        Some(format!(
            "At most {MAX_ROWS} alerts: remove {}",
            inputs.rows.len() - MAX_ROWS
        ))
    } else {
        None
    };
    let rows: Option<Vec<AlertRow>> = parsed.into_iter().map(Result::ok).collect();
    let table = match (slo, rows, &rows_error) {
        (Some(slo), Some(rows), None) => Some(table(slo, &rows)),
        _ => None,
    };

    let sim_error_ratio =
        parse_percent(&inputs.sim_error_percent, ERROR_PLACES).map_err(|e| e.to_string());
    let sim_duration = PromDuration::parse(&inputs.sim_duration).map_err(|e| e.to_string());
    let simulation = match (slo, &table, &sim_error_ratio, &sim_duration) {
        (Some(slo), Some(alerts), Ok(ratio), Ok(duration)) => {
            Some(simulate(slo, alerts, *ratio, *duration))
        }
        _ => None,
    };
    let uncaught = slo.zip(table.as_ref()).map(|(s, t)| uncaught(s, t));

    AlertSheet {
        slo,
        sli,
        target_error,
        window_error,
        linked_error,
        row_errors,
        rows_error,
        table,
        uncaught,
        sim_error_ratio,
        sim_duration,
        simulation,
    }
}

/// A simulation in words, as the page and the Markdown summary show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulationWords {
    /// Which alert fires first, and when; or that none does.
    pub first: String,
    /// Per alert: whether and when it fires, and the budget spent by then.
    pub rows: Vec<SimulatedAlert>,
    /// The budget the whole incident spends; for one longer than the SLO window, the total
    /// over the run and the most any one window holds, which says whether the budget is
    /// exhausted. Budget shares are written by [`budget_words::percent`], as on the Budget tab.
    pub spent: String,
    /// When the whole budget is gone at this error ratio.
    pub gone: String,
}

/// One alert of a simulation, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedAlert {
    pub label: String,
    /// Whether and when it fires, as an answer to "Fires?" ("after 2m 9.6s").
    pub fires: String,
    /// The same as a clause after the alert's name ("fires after 2m 9.6s").
    pub clause: String,
    /// The budget spent when it fires, or "—": a budget share as the Budget tab shows one
    /// ([`budget_words::percent`]: to 0.01%, ≈ when rounded).
    pub spent: String,
}

/// Puts a simulation of the alert `table` into words.
pub fn simulation_words(slo: Slo, table: &[AlertFigures], sim: &Simulation) -> SimulationWords {
    let ratio_text = format!("{}%", percent_words(sim.error_ratio));
    let first = match sim.first {
        Some((index, at)) => format!(
            "{ratio_text} errors for {}: {} fires first, after {}.",
            sim.duration,
            table
                .get(index)
                .map(AlertFigures::label)
                .unwrap_or_default(),
            format_time(at)
        ),
        None => format!("{ratio_text} errors for {}: no alert fires.", sim.duration),
    };
    let rows = table
        .iter()
        .zip(&sim.outcomes)
        .map(|(a, outcome)| {
            let (answer, clause, why, spent) = match outcome {
                Outcome::Fires {
                    at_ms,
                    budget_spent,
                } => (
                    "after",
                    "fires after",
                    format_time(*at_ms),
                    budget_words::percent(*budget_spent),
                ),
                Outcome::TooShort { at_ms } => (
                    "no:",
                    "does not fire:",
                    format!("it would need {}", format_time(*at_ms)),
                    "—".to_string(),
                ),
                Outcome::Never => (
                    "never:",
                    "never fires:",
                    format!(
                        "{ratio_text} is not above its {}% threshold",
                        percent_words(a.error_ratio_threshold)
                    ),
                    "—".to_string(),
                ),
            };
            SimulatedAlert {
                label: a.label(),
                fires: format!("{answer} {why}"),
                clause: format!("{clause} {why}"),
                spent,
            }
        })
        .collect();
    let gone = if sim.error_ratio.cmp_exact(slo.budget()) == Ordering::Less {
        format!(
            "At {ratio_text} (burn rate {}×) the budget is never spent within the {}-day window.",
            number_words(sim.burn_rate),
            slo.window.days_text()
        )
    } else {
        format!(
            "At {ratio_text} (burn rate {}×) the whole budget is gone after {}.",
            number_words(sim.burn_rate),
            format_time(sim.budget_gone_ms)
        )
    };
    SimulationWords {
        first,
        rows,
        spent: spent_words(slo, sim),
        gone,
    }
}

/// What the whole incident spends, in words (see [`SimulationWords::spent`]).
fn spent_words(slo: Slo, sim: &Simulation) -> String {
    let days = slo.window.days_text();
    let exhausted = if sim.exhausts_budget() {
        "the budget is exhausted"
    } else {
        "the budget is not exhausted"
    };
    if sim.longer_than_window {
        return format!(
            "Over the whole {}, which spans more than one {days}-day window, {} of a {days}-day \
             budget is spent in total. The most any one {days}-day window holds is {}: \
             {exhausted}.",
            sim.duration,
            budget_words::percent(sim.budget_spent),
            budget_words::percent(sim.most_in_one_window)
        );
    }
    let spent = format!(
        "Over the whole {}, {} of the {days}-day budget is spent",
        sim.duration,
        budget_words::percent(sim.budget_spent)
    );
    if sim.exhausts_budget() {
        format!("{spent}: {exhausted}.")
    } else {
        format!("{spent}.")
    }
}

/// The error ratios no alert catches, in a sentence.
pub fn uncaught_words(slo: Slo, uncaught: &Uncaught) -> String {
    let budget = percent_words(slo.budget());
    match uncaught {
        Uncaught::Nothing => format!(
            "Every error ratio that would spend the whole budget (from {budget}% up) is caught \
             before the budget is gone."
        ),
        Uncaught::Range { from, to } if from == to => format!(
            "Only an error ratio of exactly {}% (burn rate 1×) goes uncaught: it spends exactly \
             the whole budget by the end of the {}-day window and no threshold is exceeded.",
            percent_words(*from),
            slo.window.days_text()
        ),
        Uncaught::Range { from, to } => format!(
            "Error ratios from {}% to {}% spend the whole budget before any alert fires \
             (ratios below {budget}% never spend it within the window).",
            percent_words(*from),
            percent_words(*to)
        ),
    }
}

/// Writes an exact value: a terminating decimal in full (`14.4`, `13.44`), a repeating one
/// rounded half up to 4 significant digits and marked (`≈0.9333`). See [`ROUNDING_RULE`].
pub fn format_number(value: Ratio) -> String {
    if value.numerator() == 0 {
        return "0".to_string();
    }
    if let Some(places) = terminating_places(value) {
        if places <= 8 {
            return crate::calc::ratio::trim_decimal_zeros(value.format_fixed(places));
        }
    }
    // The fewest decimals that give 4 significant digits (at most 12; smaller is shown as 0).
    let places = (0..=12u32)
        .find(|p| value.scaled_floor(10u64.pow(*p)) >= 1000)
        .unwrap_or(12);
    let text = crate::calc::ratio::trim_decimal_zeros(value.format_fixed(places));
    format!("≈{text}")
}

/// [`format_number`] for people: the whole part grouped by thousands (`1,000`, `≈51,667`).
/// Rules and files use [`format_number`].
pub fn number_words(value: Ratio) -> String {
    crate::calc::decimal::grouped(&format_number(value))
}

/// [`format_percent`] for people, grouped as [`number_words`].
pub fn percent_words(value: Ratio) -> String {
    crate::calc::decimal::grouped(&format_percent(value))
}

/// Writes a fraction as a percentage by the same rule: 1/1000 -> `0.1`, 7/7500 -> `≈0.09333`.
pub fn format_percent(value: Ratio) -> String {
    format_number(mul(value, ms_ratio(100)))
}

/// The decimals a fraction needs when its expansion terminates.
pub fn terminating_places(value: Ratio) -> Option<u32> {
    let mut den = value.denominator();
    let (mut twos, mut fives) = (0u32, 0u32);
    while den.is_multiple_of(2) {
        den /= 2;
        twos += 1;
    }
    while den.is_multiple_of(5) {
        den /= 5;
        fives += 1;
    }
    (den == 1).then_some(twos.max(fives))
}

/// Writes an exact time in milliseconds: under a minute to 0.01 s (`51.84s`), otherwise as
/// [`format_duration`] does. See [`ROUNDING_RULE`].
pub fn format_time(ms: Ratio) -> String {
    let hundredths = Ratio::new(ms.numerator(), ms.denominator().saturating_mul(10))
        .map_or(u64::MAX, |r| r.scaled_round(1));
    if hundredths >= 6_000 {
        return format_duration(ms.scaled_round(1));
    }
    if hundredths == 0 {
        return if ms.numerator() == 0 {
            "0s".to_string()
        } else {
            "under 0.01s".to_string()
        };
    }
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    format!("{}s", crate::calc::ratio::trim_decimal_zeros(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slo(target: &str, days: &str) -> Slo {
        Slo {
            target: SloTarget::parse(target).unwrap(),
            window: WindowDays::parse(days).unwrap(),
        }
    }

    fn row(severity: &str, share: &str, long: &str, short: &str) -> AlertRow {
        parse_row(&AlertRowInputs {
            id: Default::default(),
            severity: severity.into(),
            budget_percent: share.into(),
            long_window: long.into(),
            short_window: short.into(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn defaults() -> Vec<AlertRow> {
        AlertRowInputs::workbook_defaults()
            .iter()
            .map(|r| parse_row(r).unwrap())
            .collect()
    }

    fn r(num: u128, den: u128) -> Ratio {
        Ratio::new(num, den).unwrap()
    }

    #[test]
    fn every_row_add_alert_offers_is_free_of_warnings_over_the_workbook_slo() {
        // Add alert fills the table with the workbook's four, then five more, each its own.
        let mut inputs = crate::inputs::AlertsInputs {
            use_budget_slo: false,
            rows: Vec::new(),
            ..Default::default()
        };
        for _ in 0..9 {
            let row = AlertRowInputs::added_to(&inputs.rows);
            inputs.rows.push(row);
        }
        let sheet = read(&inputs, Err(String::new()));
        let table = sheet.table.expect("every row is valid");
        for alert in &table {
            assert_eq!(alert.warnings, [], "{:?}", alert.row);
        }
    }

    /// (window days, expected burn-rate thresholds of the four default rows as fractions,
    /// as shown, source).
    /// A window's case: days, thresholds as (numerator, denominator), as shown, source.
    type ThresholdCase = (
        &'static str,
        [(u128, u128); 4],
        [&'static str; 4],
        &'static str,
    );

    const THRESHOLDS: &[ThresholdCase] = &[
        // SRE workbook, "Alerting on SLOs", table 5-8 (30 days): 14.4, 6, 3, 1.
        (
            "30",
            [(144, 10), (6, 1), (3, 1), (1, 1)],
            ["14.4", "6", "3", "1"],
            "SRE workbook table 5-8",
        ),
        // The same shares over 28 days: 0.02 x 672 h / 1 h = 13.44, 0.05 x 672 / 6 = 5.6,
        // 0.1 x 28 / 1 = 2.8, 0.1 x 28 / 3 = 2.8 / 3 = 0.9333... (hand computation).
        (
            "28",
            [(1344, 100), (56, 10), (28, 10), (28, 30)],
            ["13.44", "5.6", "2.8", "≈0.9333"],
            "shares x 28 d / long window",
        ),
        // 7 days = 168 h: 0.02 x 168 = 3.36, 0.05 x 168 / 6 = 1.4, 0.1 x 7 = 0.7,
        // 0.1 x 7 / 3 = 0.2333... (hand computation).
        (
            "7",
            [(336, 100), (14, 10), (7, 10), (7, 30)],
            ["3.36", "1.4", "0.7", "≈0.2333"],
            "shares x 7 d / long window",
        ),
        // 90 days = 2,160 h: 0.02 x 2160 = 43.2, 0.05 x 2160 / 6 = 18, 0.1 x 90 = 9,
        // 0.1 x 90 / 3 = 3 (hand computation).
        (
            "90",
            [(432, 10), (18, 1), (9, 1), (3, 1)],
            ["43.2", "18", "9", "3"],
            "shares x 90 d / long window",
        ),
    ];

    #[test]
    fn thresholds_scale_with_the_window() {
        for (days, expected, shown, source) in THRESHOLDS {
            let figures = table(slo("99.9", days), &defaults());
            for (i, ((num, den), text)) in expected.iter().zip(shown).enumerate() {
                assert_eq!(
                    figures[i].burn_rate_threshold,
                    r(*num, *den),
                    "{days} d row {i} ({source})"
                );
                assert_eq!(
                    format_number(figures[i].burn_rate_threshold),
                    *text,
                    "{days} d row {i}"
                );
            }
        }
    }

    #[test]
    fn error_ratio_thresholds_and_exhaustion() {
        let figures = table(slo("99.9", "30"), &defaults());
        // 14.4 x 0.1% = 1.44%; 6 x 0.1% = 0.6% (SRE workbook); 28 days: 0.9333 x 0.1%.
        assert_eq!(figures[0].error_ratio_threshold, r(144, 10_000));
        assert_eq!(format_percent(figures[0].error_ratio_threshold), "1.44");
        assert_eq!(format_percent(figures[1].error_ratio_threshold), "0.6");
        let figures_28 = table(slo("99.9", "28"), &defaults());
        assert_eq!(
            format_percent(figures_28[3].error_ratio_threshold),
            "≈0.09333"
        );
        // At 14.4x the 30-day budget lasts 30 / 14.4 days = 2 d 2 h (SRE workbook: "the
        // budget is exhausted in 2 days" at 14.4x ... 50 h).
        assert_eq!(figures[0].exhaustion_ms, r(180_000_000, 1));
        assert_eq!(format_time(figures[0].exhaustion_ms), "2d 2h 0m 0s");
        assert_eq!(format_time(figures[3].exhaustion_ms), "30d 0h 0m 0s");
    }

    #[test]
    fn detection_time_at_full_errors() {
        // SRE workbook, table 5-8 note: 99.9% with 14.4 over 1 h detects a total outage in
        // 1 h x 14.4 x 0.001 = 0.0144 h = 51.84 s.
        let figures = table(slo("99.9", "30"), &defaults());
        assert_eq!(figures[0].detection_at_full_errors_ms, Some(r(51_840, 1)));
        assert_eq!(format_time(r(51_840, 1)), "51.84s");
        // 6 h x 6 x 0.001 = 129.6 s; 1 d x 3 x 0.001 = 259.2 s; 3 d x 1 x 0.001 = 259.2 s.
        assert_eq!(figures[1].detection_at_full_errors_ms, Some(r(129_600, 1)));
        assert_eq!(format_time(r(129_600, 1)), "2m 9.6s");
        assert_eq!(figures[2].detection_at_full_errors_ms, Some(r(259_200, 1)));
        assert_eq!(figures[3].detection_at_full_errors_ms, Some(r(259_200, 1)));
        // The reset time is the short window.
        assert_eq!(figures[0].reset_ms, 300_000);
        assert_eq!(figures[3].reset_ms, 21_600_000);
    }

    #[test]
    fn short_window_defaults_to_a_twelfth() {
        let cases: &[(&str, &str)] = &[
            ("1h", "5m"),
            ("6h", "30m"),
            ("1d", "2h"),
            ("3d", "6h"),
            ("1h30m", "7m30s"),
            ("10m", "50s"),
            ("1s", "83ms"),
        ];
        for (long, short) in cases {
            let d = default_short(PromDuration::parse(long).unwrap());
            assert_eq!(d.to_string(), *short, "{long}");
        }
        let typed = row("page", "2", "1h", "10m");
        assert_eq!(typed.short.to_string(), "10m");
        assert!(!typed.short_is_default);
        assert!(row("page", "2", "1h", "").short_is_default);
    }

    #[test]
    fn row_errors_name_their_field() {
        let inputs = AlertRowInputs {
            id: Default::default(),
            severity: "sms".into(),
            budget_percent: "0".into(),
            long_window: "1.5h".into(),
            short_window: "5min".into(),
        };
        let errors = parse_row(&inputs).unwrap_err();
        let fields: Vec<RowField> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            vec![
                RowField::Severity,
                RowField::BudgetShare,
                RowField::LongWindow,
                RowField::ShortWindow
            ]
        );
        assert!(errors[2].1.contains("whole numbers"), "{errors:?}");
        assert_eq!(
            parse_percent("101", 4),
            Err(PercentError::AboveHundred),
            "share above 100%"
        );
        assert_eq!(
            parse_percent("1.00001", 4),
            Err(PercentError::TooManyDecimals(4))
        );
        assert_eq!(parse_percent("2 %", 4), Ok(r(1, 50)));
    }

    /// Every warning, with the row that raises it (99.9% over the window given).
    #[test]
    fn every_warning_with_its_reason() {
        let check = |days: &str, alert: AlertRow, expected: &[&str]| {
            let s = slo("99.9", days);
            let f = figures(s, alert);
            let messages: Vec<String> = f.warnings.iter().map(|w| w.message(s)).collect();
            assert_eq!(messages.len(), expected.len(), "{messages:?}");
            for (message, fragment) in messages.iter().zip(expected) {
                assert!(message.contains(fragment), "{message} lacks {fragment}");
            }
        };
        // No warning for the workbook's page alert.
        check("30", row("page", "2", "1h", ""), &[]);
        // 100% of a 30-day budget in 1 h: 720x, above the highest possible 1000x? No: 720 is
        // below 1000. 100% over 30 min is 1440x, above 1000x: never fires.
        check(
            "30",
            row("page", "100", "30m", ""),
            &["Can never fire: its burn-rate threshold 1,440× is not below the highest possible burn rate, 1,000×"],
        );
        // Exactly at the highest burn rate (1000x: 100% over 43.2 min) cannot fire either.
        check(
            "30",
            row("page", "100", "43m12s", ""),
            &["Can never fire: its burn-rate threshold 1,000×"],
        );
        // 10% over 3 d of a 28-day window: 0.9333x.
        check(
            "28",
            row("ticket", "10", "3d", ""),
            &["Fires while the budget is fine: a burn rate of ≈0.9333× is below 1×"],
        );
        check(
            "30",
            row("page", "2", "1h", "1h"),
            &["The short window is not shorter than the long one"],
        );
        // 10m / 12 = 50 s.
        check(
            "30",
            row("page", "0.5", "10m", ""),
            &["The short window (50s) is under one minute"],
        );
        check(
            "30",
            row("page", "0.01", "30s", "5s"),
            &[
                "The long window (30s) is under one minute",
                "The short window (5s) is under one minute",
            ],
        );
        // A 10-day long window over a 7-day SLO window; 100% x 7 / 10 = 0.7x is also below 1.
        check(
            "7",
            row("ticket", "100", "10d", "8d"),
            &[
                "below 1×",
                "The long window (10d) is longer than the 7-day SLO window",
                "The short window (8d) is longer than the 7-day SLO window",
            ],
        );
    }

    #[test]
    fn a_row_with_the_severity_and_windows_of_an_earlier_one_is_warned_about() {
        let s = slo("99.9", "30");
        let rows = [
            row("page", "2", "1h", ""),
            row("ticket", "10", "1d", ""),
            // The same windows written another way: 24h / 2h is 1d / 2h.
            row("ticket", "10", "24h", "2h"),
            row("ticket", "5", "1d", ""),
            // Another severity is another alert.
            row("page", "10", "1d", ""),
        ];
        let messages: Vec<Vec<String>> = table(s, &rows)
            .iter()
            .map(|a| a.warnings.iter().map(|w| w.message(s)).collect())
            .collect();
        assert!(messages[0].is_empty() && messages[1].is_empty() && messages[4].is_empty());
        assert_eq!(
            messages[2],
            [
                "Repeats row 2: the rules file would hold the same rule twice (promtool reports \
              it as a duplicate). Change a window or remove one of them."
            ]
        );
        assert_eq!(messages[3].len(), 1);
        assert!(messages[3][0].starts_with(
            "Same severity and windows as row 2, with another budget share: both watch"
        ));
    }

    #[test]
    fn simulator_lists_what_fires_and_when() {
        let s = slo("99.9", "30");
        let alerts = table(s, &defaults());
        // 2% errors for 45 minutes: burn rate 20x. Page 1h fires when the 1 h average passes
        // 1.44%: 60 min x 1.44 / 2 = 43.2 min, having spent 2% of the budget
        // (20 x 43.2 min / 43,200 min). Page 6h would need 6 h x 0.6 / 2 = 108 min.
        let sim = simulate(
            s,
            &alerts,
            parse_percent("2", 6).unwrap(),
            PromDuration::parse("45m").unwrap(),
        );
        assert_eq!(sim.burn_rate, r(20, 1));
        assert_eq!(
            sim.outcomes[0],
            Outcome::Fires {
                at_ms: r(2_592_000, 1),
                budget_spent: r(2, 100)
            }
        );
        assert_eq!(format_time(r(2_592_000, 1)), "43m 12s");
        assert_eq!(
            sim.outcomes[1],
            Outcome::TooShort {
                at_ms: r(6_480_000, 1)
            }
        );
        // Ticket 1d: 1,440 min x 0.3 / 2 = 216 min; 3d: 4,320 x 0.1 / 2 = 216 min.
        assert_eq!(
            sim.outcomes[2],
            Outcome::TooShort {
                at_ms: r(12_960_000, 1)
            }
        );
        assert_eq!(sim.first, Some((0, r(2_592_000, 1))));
        // 45 min at 20x of 43,200 min = 2.0833...% of the budget; it lasts 36 h at 20x.
        assert_eq!(sim.budget_spent, r(45 * 20, 43_200));
        assert_eq!(format_time(sim.budget_gone_ms), "1d 12h 0m 0s");

        // 1% errors is below the 1.44% threshold: the fast page never fires.
        let low = simulate(
            s,
            &alerts,
            parse_percent("1", 6).unwrap(),
            PromDuration::parse("1d").unwrap(),
        );
        assert_eq!(low.outcomes[0], Outcome::Never);
        // 6 h x 0.6 / 1 = 216 min: page 6h fires after 3 h 36 min, with 5% spent.
        assert_eq!(
            low.outcomes[1],
            Outcome::Fires {
                at_ms: r(12_960_000, 1),
                budget_spent: r(5, 100)
            }
        );
        // Exactly at a threshold is not above it (PromQL `>`).
        let at = simulate(
            s,
            &alerts,
            r(144, 10_000),
            PromDuration::parse("1d").unwrap(),
        );
        assert_eq!(at.outcomes[0], Outcome::Never);
    }

    /// (SLO target, SLO window days, error ratio %, run, what the page says of the budget spent,
    /// source). A run longer than the window spans more than one window: the total over the run
    /// is said as such, and only the most one window holds decides whether the budget runs out.
    const SPENT: &[(&str, &str, &str, &str, &str, &str)] = &[
        (
            "99.9",
            "30",
            "2",
            "45m",
            "Over the whole 45m, ≈2.08% of the 30-day budget is spent.",
            "20x x 45 min / 43,200 min (the workbook example); to 0.01% as on the Budget tab",
        ),
        (
            "99.9",
            "28",
            "0.05",
            "30d",
            "Over the whole 30d, which spans more than one 28-day window, ≈53.57% of a 28-day \
             budget is spent in total. The most any one 28-day window holds is 50%: the budget \
             is not exhausted.",
            "the reported case: 0.5x x 30/28 in total, 0.5x x 28/28 in one window",
        ),
        (
            "99.9",
            "30",
            "0.05",
            "31d",
            "Over the whole 31d, which spans more than one 30-day window, ≈51.67% of a 30-day \
             budget is spent in total. The most any one 30-day window holds is 50%: the budget \
             is not exhausted.",
            "0.5x x 31/30 in total, 0.5x in one window (tests/e2e/alerts.test.mjs)",
        ),
        (
            "99.9",
            "28",
            "0.1",
            "28d",
            "Over the whole 28d, 100% of the 28-day budget is spent: the budget is exhausted.",
            "1x for exactly the window: exactly the whole budget",
        ),
        (
            "99.9",
            "28",
            "0.2",
            "60d",
            "Over the whole 60d, which spans more than one 28-day window, ≈428.57% of a 28-day \
             budget is spent in total. The most any one 28-day window holds is 200%: the \
             budget is exhausted.",
            "2x x 60/28 = 30/7 in total, 2x in one window",
        ),
        (
            "99.9",
            "7",
            "0.01",
            "7d12h",
            "Over the whole 7d12h, which spans more than one 7-day window, ≈10.71% of a 7-day \
             budget is spent in total. The most any one 7-day window holds is 10%: the budget \
             is not exhausted.",
            "0.1x x 7.5 / 7 in total, half a day past the window",
        ),
        (
            "99.9",
            "28",
            "0.1",
            "365d",
            "Over the whole 365d, which spans more than one 28-day window, ≈1,303.57% of a \
             28-day budget is spent in total. The most any one 28-day window holds is 100%: the \
             budget is exhausted.",
            "1x x 365/28 in total: grouped, and to 0.01% (it read ≈1,304%)",
        ),
    ];

    #[test]
    fn a_run_longer_than_the_window_is_judged_by_the_most_one_window_holds() {
        for (target, days, ratio, run, expected, source) in SPENT {
            let s = slo(target, days);
            let alerts = table(s, &defaults());
            let sim = simulate(
                s,
                &alerts,
                parse_percent(ratio, ERROR_PLACES).unwrap(),
                PromDuration::parse(run).unwrap(),
            );
            let words = simulation_words(s, &alerts, &sim);
            assert_eq!(words.spent, *expected, "{source}");
        }
        // The reported case in figures: 15/28 in total over the run, 1/2 in any one window.
        let s = slo("99.9", "28");
        let sim = simulate(
            s,
            &table(s, &defaults()),
            parse_percent("0.05", ERROR_PLACES).unwrap(),
            PromDuration::parse("30d").unwrap(),
        );
        assert_eq!(sim.budget_spent, r(15, 28));
        assert_eq!(sim.most_in_one_window, r(1, 2));
        assert!(!sim.exhausts_budget());
    }

    #[test]
    fn an_alert_firing_after_more_than_the_slo_window_counts_one_window_of_budget() {
        // 90% of a 28-day budget over 30 days: a burn-rate threshold of 0.9 x 28 / 30 = 0.84x,
        // an error ratio of 0.084%. At 0.085% the 30-day average passes it after
        // 30 d x 0.84 / 0.85 = 29.65 days, a day and a half past the SLO window: 0.85x over
        // 29.65 days sums to 90%, but the 28-day window ending then holds 0.85x x 28 / 28 = 85%.
        let s = slo("99.9", "28");
        let alerts = table(s, &[row("ticket", "90", "30d", "")]);
        let sim = simulate(
            s,
            &alerts,
            parse_percent("0.085", ERROR_PLACES).unwrap(),
            PromDuration::parse("35d").unwrap(),
        );
        let Outcome::Fires {
            at_ms,
            budget_spent,
        } = sim.outcomes[0]
        else {
            panic!("{:?}", sim.outcomes[0]);
        };
        assert_eq!(at_ms, r(30 * 86_400_000 * 84, 85));
        assert_eq!(budget_spent, r(85, 100));
        let words = simulation_words(s, &alerts, &sim);
        assert_eq!(words.rows[0].spent, "85%");
    }

    /// (budget share typed, error ratio %, run, the row's "budget spent by then"). The budget
    /// spent when an alert fires is a budget share like any other: to 0.01%, as the Budget tab
    /// shows it, marked ≈ only when rounded.
    const SPENT_BY_THEN: &[(&str, &str, &str, &str)] = &[
        ("2", "2", "45m", "2%"),
        ("1.2345", "2", "45m", "≈1.23%"),
        ("1.235", "2", "45m", "≈1.24%"),
        ("1.25", "2", "45m", "1.25%"),
    ];

    #[test]
    fn budget_spent_when_an_alert_fires_is_shown_to_a_hundredth_of_a_percent() {
        let s = slo("99.9", "30");
        for (share, ratio, run, expected) in SPENT_BY_THEN {
            let alerts = table(s, &[row("page", share, "1h", "5m")]);
            let sim = simulate(
                s,
                &alerts,
                parse_percent(ratio, ERROR_PLACES).unwrap(),
                PromDuration::parse(run).unwrap(),
            );
            let words = simulation_words(s, &alerts, &sim);
            assert_eq!(words.rows[0].spent, *expected, "share {share}%");
        }
    }

    #[test]
    fn uncaught_error_ratios() {
        // 30 days: the 3 d ticket's threshold is exactly 1x, so only an error ratio of exactly
        // 0.1% (spending the whole budget at the last moment of the window) goes unnoticed.
        let s = slo("99.9", "30");
        assert_eq!(
            uncaught(s, &table(s, &defaults())),
            Uncaught::Range {
                from: r(1, 1000),
                to: r(1, 1000)
            }
        );
        // 28 days: 0.9333x catches everything that spends the budget.
        let s28 = slo("99.9", "28");
        assert_eq!(uncaught(s28, &table(s28, &defaults())), Uncaught::Nothing);
        // Only the page alerts: everything from 0.1% up to the 6 h page's 0.6% is missed.
        let pages: Vec<AlertRow> = defaults().into_iter().take(2).collect();
        assert_eq!(
            uncaught(s, &table(s, &pages)),
            Uncaught::Range {
                from: r(1, 1000),
                to: r(6, 1000)
            }
        );
        // An alert that waits for 100% of the budget catches nothing in time.
        let late = [row("ticket", "100", "3d", "")];
        assert_eq!(
            uncaught(s, &table(s, &late)),
            Uncaught::Range {
                from: r(1, 1000),
                to: Ratio::ONE
            }
        );
        assert_eq!(
            uncaught(s, &[]),
            Uncaught::Range {
                from: r(1, 1000),
                to: Ratio::ONE
            }
        );
    }

    #[test]
    fn a_linked_slo_keeps_the_budget_tabs_sli_and_names_an_invalid_timeslice() {
        use crate::inputs::AlertsInputs;
        let s = slo("99.9", "30");
        let slices = SliKind::Timeslices { slice_ms: 300_000 };
        let linked = Linked::from_budget(Ok(s.target), Ok(s.window), Ok(slices));
        assert_eq!(
            linked,
            Ok(Linked {
                slo: s,
                sli: slices
            })
        );
        let sheet = read(&AlertsInputs::default(), linked.clone());
        assert_eq!(sheet.sli, slices);
        // This tab's own SLO is one of requests.
        let own = AlertsInputs {
            use_budget_slo: false,
            ..AlertsInputs::default()
        };
        assert_eq!(read(&own, linked).sli, SliKind::Requests);
        assert_eq!(
            Linked::from_budget(
                Ok(s.target),
                Ok(s.window),
                Err("A timeslice must be at least one second".to_string())
            ),
            Err(
                "The Budget tab's timeslice length is not valid (A timeslice must be at least \
                 one second). Fix it there, or use this tab's own SLO."
                    .to_string()
            )
        );
    }

    #[test]
    fn reads_the_tab_with_a_message_per_field() {
        use crate::inputs::AlertsInputs;
        let linked: Result<Linked, String> = Ok(slo("99.9", "30").into());
        let sheet = read(&AlertsInputs::default(), linked.clone());
        assert_eq!(sheet.table.as_ref().map(Vec::len), Some(4));
        assert!(sheet.simulation.is_some());

        let mut inputs = AlertsInputs {
            use_budget_slo: false,
            target_percent: "100".into(),
            ..AlertsInputs::default()
        };
        inputs.rows[1].long_window = "6 h".into();
        inputs.sim_duration = "45".into();
        let sheet = read(&inputs, linked.clone());
        assert!(sheet
            .target_error
            .as_deref()
            .unwrap()
            .contains("100% target"));
        assert_eq!(sheet.window_error, None);
        assert!(sheet
            .row_error(1, RowField::LongWindow)
            .unwrap()
            .contains("No spaces"));
        assert_eq!(sheet.row_error(0, RowField::LongWindow), None);
        assert!(sheet.table.is_none() && sheet.simulation.is_none());
        assert!(sheet
            .sim_duration
            .as_ref()
            .unwrap_err()
            .contains("Add a unit after 45"));

        inputs.use_budget_slo = true;
        let sheet = read(&inputs, Err("Fix the Budget tab's target".into()));
        assert_eq!(
            sheet.linked_error.as_deref(),
            Some("Fix the Budget tab's target")
        );
        assert_eq!(sheet.target_error, None);

        inputs.rows.clear();
        let sheet = read(&inputs, linked.clone());
        assert_eq!(sheet.rows_error.as_deref(), Some("Add at least one alert"));
        inputs.rows = vec![AlertRowInputs::default(); MAX_ROWS + 1];
        let sheet = read(&inputs, linked);
        assert_eq!(
            sheet.rows_error.as_deref(),
            Some("At most 20 alerts: remove 1")
        );
    }

    #[test]
    fn formats_without_float_noise() {
        let cases: &[(Ratio, &str)] = &[
            (r(144, 10), "14.4"),
            (r(28, 30), "≈0.9333"),
            (r(2, 3), "≈0.6667"),
            (r(1000, 1), "1000"),
            (r(1, 3_000_000), "≈0.0000003333"),
            (r(1, 8), "0.125"),
            (Ratio::ZERO, "0"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_number(*value), *expected);
        }
        assert_eq!(format_time(r(51_840, 1)), "51.84s");
        assert_eq!(format_time(r(1, 3)), "under 0.01s");
        assert_eq!(format_time(r(59_999, 1)), "1m 0s");
        assert_eq!(format_time(r(59_994, 1)), "59.99s");
    }
}
