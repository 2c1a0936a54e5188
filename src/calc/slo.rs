//! SLO targets, windows and the error budget they allow, in exact integer arithmetic.
//!
//! A target is kept as parts per 10^8 (a percentage with up to six decimals), a window as
//! millionths of a day. Budgets are then exact rationals: 99.9% over 30 days is
//! 30 x 86,400 s x 100,000 / 10^8 = 2,592 s, with no floating-point step in between. Only the
//! final millisecond is rounded (half up).

use std::fmt;

use super::decimal::{self, DecimalError};
use super::duration::MS_PER_DAY;
use super::ratio::Ratio;

/// Parts in which a target is counted: 100% = 10^8 parts, so 99.461% = 99,461,000 parts.
pub const TARGET_PARTS: u64 = 100_000_000;
/// Decimal places a target percentage may have.
pub const TARGET_PLACES: u32 = 6;
/// Decimal places a window length in days may have.
pub const WINDOW_PLACES: u32 = 6;
/// Millionths of a day in a day.
pub const MICRO_DAYS_PER_DAY: u64 = 1_000_000;
/// The longest window accepted: 100 years of 365.25 days.
pub const MAX_WINDOW_DAYS: u64 = 36_525;

/// An availability target strictly between 0% and 100%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SloTarget {
    parts: u64,
}

/// Why a typed target was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    Empty,
    NotANumber,
    /// A comma where a point (or nothing) is meant, with what to type ([`decimal::comma_message`]).
    Comma(String),
    Exponent,
    TooManyDecimals,
    NotAboveZero,
    Hundred,
    AboveHundred,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TargetError::Empty => "Enter the SLO target in percent, for example 99.9",
            TargetError::NotANumber => "Not a number: type a percentage such as 99.95",
            TargetError::Comma(message) => message,
            TargetError::Exponent => decimal::EXPONENT_MESSAGE,
            TargetError::TooManyDecimals => {
                "Use at most 6 decimal places (99.999999% is the finest target)"
            }
            TargetError::NotAboveZero => "The target must be above 0%",
            TargetError::Hundred => {
                "A 100% target leaves no error budget: a single failure breaks it. \
                 Did you mean 99.99% or 99.999%?"
            }
            TargetError::AboveHundred => "A target cannot be above 100%",
        })
    }
}

impl SloTarget {
    /// Parses a percentage as typed (`99.9`, `99.95 %`, `99.461`), keeping it exact.
    pub fn parse(text: &str) -> Result<SloTarget, TargetError> {
        let text = text.trim();
        let text = text.strip_suffix('%').unwrap_or(text);
        let parts = decimal::parse_scaled(text, TARGET_PLACES).map_err(|e| match e {
            DecimalError::Empty => TargetError::Empty,
            DecimalError::NotANumber => TargetError::NotANumber,
            DecimalError::Comma(message) => TargetError::Comma(message),
            DecimalError::Exponent => TargetError::Exponent,
            DecimalError::TooManyDecimals { .. } => TargetError::TooManyDecimals,
            DecimalError::Negative => TargetError::NotAboveZero,
            DecimalError::TooLarge => TargetError::AboveHundred,
        })?;
        SloTarget::from_parts(parts)
    }

    /// A target from parts per 10^8, checked to lie strictly between 0 and 100%.
    pub fn from_parts(parts: u64) -> Result<SloTarget, TargetError> {
        match parts {
            0 => Err(TargetError::NotAboveZero),
            TARGET_PARTS => Err(TargetError::Hundred),
            p if p > TARGET_PARTS => Err(TargetError::AboveHundred),
            p => Ok(SloTarget { parts: p }),
        }
    }

    /// The target in parts per 10^8.
    pub fn parts(self) -> u64 {
        self.parts
    }

    /// The error budget (1 - target) in parts per 10^8; never zero.
    pub fn budget_parts(self) -> u64 {
        TARGET_PARTS - self.parts
    }

    /// The target as a fraction, for drawing only (0.999 for 99.9%).
    pub fn as_fraction(self) -> f64 {
        self.parts as f64 / TARGET_PARTS as f64
    }

    /// The target as the shortest exact percentage text, without the `%` sign: `99.461`.
    pub fn percent_text(self) -> String {
        decimal::format_scaled(self.parts, TARGET_PLACES)
    }

    /// A warning for a target of 1% or less, most likely a fraction typed where a percentage
    /// goes (`0.999` for 99.9%): it is computed as typed, and the warning says what it means
    /// and what was probably meant.
    pub fn fraction_warning(self) -> Option<String> {
        if self.parts > TARGET_PARTS / 100 {
            return None;
        }
        let typed = self.percent_text();
        let meant = SloTarget::from_parts(self.parts * 100)
            .ok()
            .map(|meant| format!(" For {typed} as a fraction, type {}.", meant.percent_text()))
            .unwrap_or_default();
        Some(format!(
            "Targets are in percent: this is {typed}%, which leaves {}% of events to fail.{meant}",
            decimal::format_scaled(self.budget_parts(), TARGET_PLACES)
        ))
    }

    /// The error budget as the shortest exact fraction text: `0.001` for 99.9%.
    pub fn budget_fraction_text(self) -> String {
        decimal::format_scaled(self.budget_parts(), TARGET_PLACES + 2)
    }
}

/// A rolling window length in whole or fractional days (at most six decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WindowDays {
    micro_days: u64,
}

/// Why a typed window length was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowError {
    Empty,
    NotANumber,
    /// A comma where a point (or nothing) is meant, with what to type ([`decimal::comma_message`]).
    Comma(String),
    Exponent,
    TooManyDecimals,
    NotAboveZero,
    TooLong,
}

impl fmt::Display for WindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WindowError::Empty => f.write_str("Enter the window length in days, for example 30"),
            WindowError::NotANumber => {
                f.write_str("Not a number: type a number of days such as 28")
            }
            WindowError::Comma(message) => f.write_str(message),
            WindowError::Exponent => f.write_str(decimal::EXPONENT_MESSAGE),
            WindowError::TooManyDecimals => f.write_str("Use at most 6 decimal places"),
            WindowError::NotAboveZero => f.write_str("The window must be longer than 0 days"),
            WindowError::TooLong => write!(
                f,
                "Windows longer than {} days (100 years) are not supported",
                decimal::format_count(MAX_WINDOW_DAYS)
            ),
        }
    }
}

impl WindowDays {
    /// Parses a number of days as typed (`30`, `28`, `0.5`).
    pub fn parse(text: &str) -> Result<WindowDays, WindowError> {
        let micro_days = decimal::parse_scaled(text, WINDOW_PLACES).map_err(|e| match e {
            DecimalError::Empty => WindowError::Empty,
            DecimalError::NotANumber => WindowError::NotANumber,
            DecimalError::Comma(message) => WindowError::Comma(message),
            DecimalError::Exponent => WindowError::Exponent,
            DecimalError::TooManyDecimals { .. } => WindowError::TooManyDecimals,
            DecimalError::Negative => WindowError::NotAboveZero,
            DecimalError::TooLarge => WindowError::TooLong,
        })?;
        WindowDays::from_micro_days(micro_days)
    }

    /// A window of a whole number of days.
    pub fn from_days(days: u64) -> Result<WindowDays, WindowError> {
        WindowDays::from_micro_days(days.saturating_mul(MICRO_DAYS_PER_DAY))
    }

    /// A window in millionths of a day, checked to be above zero and at most 100 years.
    pub fn from_micro_days(micro_days: u64) -> Result<WindowDays, WindowError> {
        if micro_days == 0 {
            Err(WindowError::NotAboveZero)
        } else if micro_days > MAX_WINDOW_DAYS * MICRO_DAYS_PER_DAY {
            Err(WindowError::TooLong)
        } else {
            Ok(WindowDays { micro_days })
        }
    }

    /// The window in millionths of a day.
    pub fn micro_days(self) -> u64 {
        self.micro_days
    }

    /// The window length in milliseconds, rounded half up to the millisecond.
    pub fn length_ms(self) -> u64 {
        round_div(
            u128::from(self.micro_days) * u128::from(MS_PER_DAY),
            1_000_000,
        )
    }

    /// The number of days as the shortest exact text: `30`, `0.5`.
    pub fn days_text(self) -> String {
        decimal::format_scaled(self.micro_days, WINDOW_PLACES)
    }
}

/// The downtime a target allows over a window, in milliseconds, rounded half up, but never
/// to zero: every valid target and window allow some downtime, and a budget under half a
/// millisecond (99.999999% over a thousandth of a day) is 1 ms, so it reads "under 0.1s", not "0s".
///
/// This is the time-based reading of the budget: (1 - target) x window length.
pub fn allowed_downtime_ms(target: SloTarget, window: WindowDays) -> u64 {
    let numerator =
        u128::from(window.micro_days) * u128::from(MS_PER_DAY) * u128::from(target.budget_parts());
    let rounded = round_div(
        numerator,
        u128::from(MICRO_DAYS_PER_DAY) * u128::from(TARGET_PARTS),
    );
    if numerator > 0 {
        rounded.max(1)
    } else {
        rounded
    }
}

/// The downtime a target allows over a window, in milliseconds, exactly: (1 - target) x window
/// length, unrounded. Shares of the budget (an incident's cost, the downtime left) are taken of
/// this, so they agree with the shares worked out from events, whatever the rounding of
/// [`allowed_downtime_ms`] for display.
pub fn allowed_downtime_exact_ms(target: SloTarget, window: WindowDays) -> Ratio {
    let numerator =
        u128::from(window.micro_days) * u128::from(MS_PER_DAY) * u128::from(target.budget_parts());
    Ratio::new(
        numerator,
        u128::from(MICRO_DAYS_PER_DAY) * u128::from(TARGET_PARTS),
    )
    .unwrap_or(Ratio::ZERO)
}

/// The number of failed events a target allows out of `total_events`, rounded down to whole
/// events (allowing a fraction of an event would promise more than the target does).
pub fn allowed_bad_events(target: SloTarget, total_events: u64) -> u64 {
    let allowed =
        u128::from(total_events) * u128::from(target.budget_parts()) / u128::from(TARGET_PARTS);
    // At most total_events, so it always fits.
    allowed as u64
}

/// The number of bad timeslices of `slice_ms` a target allows over a window, rounded down:
/// (1 - target) x window / slice.
pub fn allowed_bad_timeslices(target: SloTarget, window: WindowDays, slice_ms: u64) -> u64 {
    if slice_ms == 0 {
        return 0;
    }
    let numerator = u128::from(window.length_ms()) * u128::from(target.budget_parts());
    let slices = numerator / (u128::from(TARGET_PARTS) * u128::from(slice_ms));
    u64::try_from(slices).unwrap_or(u64::MAX)
}

/// How long "a month" is in the downtime table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MonthConvention {
    /// 30 days: the common SLO-tool convention.
    #[default]
    Days30,
    /// 365.2425 / 12 = 30.436875 days: the mean Gregorian month.
    MeanGregorian,
    /// 28 days: four weeks, for teams on 28-day windows.
    Days28,
}

impl MonthConvention {
    pub const ALL: [MonthConvention; 3] = [
        MonthConvention::Days30,
        MonthConvention::MeanGregorian,
        MonthConvention::Days28,
    ];

    /// The month's length in millionths of a day.
    pub fn micro_days(self) -> u64 {
        match self {
            MonthConvention::Days30 => 30_000_000,
            MonthConvention::MeanGregorian => 30_436_875,
            MonthConvention::Days28 => 28_000_000,
        }
    }

    /// The convention in words, for the table and the selector.
    pub fn label(self) -> &'static str {
        match self {
            MonthConvention::Days30 => "30 days",
            MonthConvention::MeanGregorian => "30.436875 days (365.2425 / 12)",
            MonthConvention::Days28 => "28 days",
        }
    }

    /// The name under which the convention is saved.
    pub fn slug(self) -> &'static str {
        match self {
            MonthConvention::Days30 => "30d",
            MonthConvention::MeanGregorian => "gregorian",
            MonthConvention::Days28 => "28d",
        }
    }

    /// Reads a saved name; `None` for one that is not a convention (nothing is guessed).
    pub fn from_slug(slug: &str) -> Option<MonthConvention> {
        MonthConvention::ALL.into_iter().find(|m| m.slug() == slug)
    }
}

/// A reporting period of the downtime table, with the convention that fixes its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub name: &'static str,
    pub micro_days: u64,
    pub convention: &'static str,
}

/// The periods of the downtime table: day, week, month (per `month`), 90-day quarter and
/// 365-day year. Only the month follows the convention setting.
pub fn periods(month: MonthConvention) -> [Period; 5] {
    let days = |n: u64| n * MICRO_DAYS_PER_DAY;
    [
        Period {
            name: "Day",
            micro_days: days(1),
            convention: "24 hours",
        },
        Period {
            name: "Week",
            micro_days: days(7),
            convention: "7 days",
        },
        Period {
            name: "Month",
            micro_days: month.micro_days(),
            convention: month.label(),
        },
        Period {
            name: "Quarter",
            micro_days: days(90),
            convention: "90 days",
        },
        Period {
            name: "Year",
            micro_days: days(365),
            convention: "365 days",
        },
    ]
}

impl Period {
    /// The downtime `target` allows over this period, in milliseconds.
    pub fn allowed_downtime_ms(self, target: SloTarget) -> u64 {
        allowed_downtime_ms(
            target,
            WindowDays {
                micro_days: self.micro_days,
            },
        )
    }
}

/// `numerator / denominator` rounded half up; callers keep the result within u64.
fn round_div(numerator: u128, denominator: u128) -> u64 {
    let rounded = (numerator + denominator / 2) / denominator;
    u64::try_from(rounded).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::duration::format_duration;
    use MonthConvention::*;

    fn target(text: &str) -> SloTarget {
        SloTarget::parse(text).expect("valid target")
    }

    fn window(text: &str) -> WindowDays {
        WindowDays::parse(text).expect("valid window")
    }

    /// (target %, window days, expected downtime in ms, where the value comes from).
    const DOWNTIME_REFERENCES: &[(&str, &str, u64, &str)] = &[
        // Google SRE workbook, "Implementing SLOs": a 99.9% SLO over 30 days allows
        // 43.2 minutes of downtime (0.1% of 43,200 minutes).
        (
            "99.9",
            "30",
            2_592_000,
            "SRE workbook: 99.9% / 30 d = 43.2 min",
        ),
        // 0.1% of 28 x 1,440 minutes = 40.32 minutes (28-day window used in the SRE workbook).
        ("99.9", "28", 2_419_200, "0.001 x 40,320 min = 40.32 min"),
        // 0.01% of 7 x 86,400 s = 60.48 s (uptime.is, 99.99% weekly).
        ("99.99", "7", 60_480, "uptime.is: 99.99% weekly = 1m 0.48s"),
        // 1% of 365 days = 3.65 days = 3d 15h 36m (uptime.is, 99% yearly).
        (
            "99",
            "365",
            315_360_000,
            "uptime.is: 99% yearly = 3d 15h 36m",
        ),
        // 0.1% of 365 days = 8.76 hours = 8h 45m 36s (uptime.is, 99.9% yearly).
        (
            "99.9",
            "365",
            31_536_000,
            "uptime.is: 99.9% yearly = 8h 45m 36s",
        ),
        // 0.1% of one day = 86.4 s (uptime.is, 99.9% daily = 1m 26.4s).
        ("99.9", "1", 86_400, "uptime.is: 99.9% daily = 1m 26.4s"),
        // 0.1% of one week = 604.8 s (uptime.is, 99.9% weekly = 10m 4.8s).
        ("99.9", "7", 604_800, "uptime.is: 99.9% weekly = 10m 4.8s"),
        // 0.539% of 30 days = 13,971.88 s exactly (hand computation of an odd target).
        (
            "99.461",
            "30",
            13_970_880,
            "0.00539 x 2,592,000 s = 13,970.88 s",
        ),
        // 0.001% of 0.5 days = 0.432 s.
        ("99.999", "0.5", 432, "0.00001 x 43,200 s = 0.432 s"),
    ];

    #[test]
    fn downtime_matches_references() {
        for (target_text, window_text, expected_ms, source) in DOWNTIME_REFERENCES {
            let got = allowed_downtime_ms(target(target_text), window(window_text));
            assert_eq!(
                got, *expected_ms,
                "{target_text}% over {window_text} d ({source})"
            );
        }
    }

    #[test]
    fn reference_values_read_as_documented() {
        let read = |t: &str, w: &str| format_duration(allowed_downtime_ms(target(t), window(w)));
        assert_eq!(read("99.9", "30"), "43m 12s");
        assert_eq!(read("99.9", "28"), "40m 19.2s");
        assert_eq!(read("99.99", "7"), "1m 0.5s");
        assert_eq!(read("99", "365"), "3d 15h 36m 0s");
        assert_eq!(read("99.9", "365"), "8h 45m 36s");
    }

    #[test]
    fn period_table_uses_stated_lengths() {
        let t = target("99.9");
        let got: Vec<u64> = periods(Days30)
            .iter()
            .map(|p| p.allowed_downtime_ms(t))
            .collect();
        // 0.1% of 1, 7, 30, 90 and 365 days.
        assert_eq!(got, vec![86_400, 604_800, 2_592_000, 7_776_000, 31_536_000]);
        // The month row follows the convention: 0.1% of 30.436875 days = 2,629.746 s, and of
        // 28 days = 2,419.2 s.
        assert_eq!(periods(MeanGregorian)[2].allowed_downtime_ms(t), 2_629_746);
        assert_eq!(periods(Days28)[2].allowed_downtime_ms(t), 2_419_200);
        assert_eq!(
            periods(MeanGregorian)[2].convention,
            "30.436875 days (365.2425 / 12)"
        );
        for m in MonthConvention::ALL {
            assert_eq!(MonthConvention::from_slug(m.slug()), Some(m));
        }
        assert_eq!(MonthConvention::from_slug("bogus"), None);
    }

    #[test]
    fn target_keeps_what_was_typed() {
        assert_eq!(target("99.461").parts(), 99_461_000);
        assert_eq!(target("99.461").percent_text(), "99.461");
        assert_eq!(target("99.9").budget_fraction_text(), "0.001");
        assert_eq!(target("99.95 %").percent_text(), "99.95");
        assert_eq!(target("99.999999").budget_parts(), 1);
        assert_eq!(target("0.000001").parts(), 1);
    }

    #[test]
    fn target_errors() {
        let cases: &[(&str, TargetError)] = &[
            ("", TargetError::Empty),
            ("  ", TargetError::Empty),
            ("%", TargetError::Empty),
            ("abc", TargetError::NotANumber),
            (
                "99,9",
                TargetError::Comma("Use a point for decimals: 99.9".into()),
            ),
            (
                "99,95 %",
                TargetError::Comma("Use a point for decimals: 99.95".into()),
            ),
            ("99,9,9", TargetError::NotANumber),
            ("NaN", TargetError::NotANumber),
            ("99.9999999", TargetError::TooManyDecimals),
            ("0", TargetError::NotAboveZero),
            ("-1", TargetError::NotAboveZero),
            ("100", TargetError::Hundred),
            ("100.000", TargetError::Hundred),
            ("100.5", TargetError::AboveHundred),
            ("1e9", TargetError::Exponent),
            ("99999999999999", TargetError::AboveHundred),
        ];
        for (text, expected) in cases {
            assert_eq!(
                &SloTarget::parse(text).unwrap_err(),
                expected,
                "input {text:?}"
            );
        }
    }

    #[test]
    fn window_errors() {
        let cases: &[(&str, WindowError)] = &[
            ("", WindowError::Empty),
            ("thirty", WindowError::NotANumber),
            ("0", WindowError::NotAboveZero),
            ("-7", WindowError::NotAboveZero),
            ("0.0000001", WindowError::TooManyDecimals),
            ("36526", WindowError::TooLong),
            ("1000000000000", WindowError::TooLong),
        ];
        for (text, expected) in cases {
            assert_eq!(
                &WindowDays::parse(text).unwrap_err(),
                expected,
                "input {text:?}"
            );
        }
        assert_eq!(window("36525").days_text(), "36525");
        assert_eq!(window("0.5").length_ms(), 43_200_000);
    }

    #[test]
    fn bad_events_round_down() {
        // 0.1% of 1,000,000 events = 1,000 (SRE workbook: "1,000 errors per 1,000,000").
        assert_eq!(allowed_bad_events(target("99.9"), 1_000_000), 1_000);
        // 0.1% of 1,999 = 1.999 events: only 1 may fail.
        assert_eq!(allowed_bad_events(target("99.9"), 1_999), 1);
        assert_eq!(allowed_bad_events(target("99.9"), 0), 0);
        assert_eq!(allowed_bad_events(target("50"), u64::MAX), u64::MAX / 2);
    }

    #[test]
    fn bad_timeslices_round_down() {
        // 43.2 bad minutes over 30 days at 99.9% hold 8.64 five-minute slices: 8 whole ones.
        assert_eq!(
            allowed_bad_timeslices(target("99.9"), window("30"), 300_000),
            8
        );
        assert_eq!(
            allowed_bad_timeslices(target("99.9"), window("30"), 60_000),
            43
        );
        assert_eq!(allowed_bad_timeslices(target("99.9"), window("30"), 0), 0);
    }

    #[test]
    fn extremes_stay_in_range() {
        let widest = allowed_downtime_ms(target("0.000001"), window("36525"));
        assert!(widest < window("36525").length_ms());
        // 8.64e-8 ms exactly: never rounded to no downtime at all.
        let narrowest = allowed_downtime_ms(target("99.999999"), window("0.000001"));
        assert_eq!(narrowest, 1);
        assert_eq!(
            crate::calc::duration::format_duration(narrowest),
            "under 0.1s"
        );
    }

    #[test]
    fn a_target_of_one_percent_or_less_is_computed_with_a_warning() {
        let warning = |text: &str| SloTarget::parse(text).unwrap().fraction_warning();
        assert_eq!(
            warning("0.999").as_deref(),
            Some(
                "Targets are in percent: this is 0.999%, which leaves 99.001% of events to fail. \
                 For 0.999 as a fraction, type 99.9."
            )
        );
        assert_eq!(
            warning("0.99995").as_deref(),
            Some(
                "Targets are in percent: this is 0.99995%, which leaves 99.00005% of events to \
                 fail. For 0.99995 as a fraction, type 99.995."
            )
        );
        // 1 as a fraction is 100%, which has no budget: no suggestion.
        assert_eq!(
            warning("1").as_deref(),
            Some("Targets are in percent: this is 1%, which leaves 99% of events to fail.")
        );
        assert_eq!(warning("1.000001"), None);
        assert_eq!(warning("99.9"), None);
    }
}
