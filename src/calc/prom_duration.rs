//! Durations written the Prometheus way (`5m`, `1h30m`, `1d`, `1w`), parsed strictly.
//!
//! Grammar (as Prometheus's own `model.ParseDuration`): one or more `<whole number><unit>` parts
//! with units `y` (365 days), `w` (7 days), `d` (24 hours), `h`, `m`, `s`, `ms`, each unit at most
//! once and from the largest to the smallest, with nothing between them: `1h30m`, not `30m1h`,
//! `1.5h` or `1h 30m`. A duration is kept in whole milliseconds. Zero is refused: every window
//! Headroom asks for must be longer than nothing.

use std::fmt;

use super::duration::{MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND};

/// The units in the order they must appear, with their length in milliseconds.
const UNITS: [(&str, u64); 7] = [
    ("y", 365 * MS_PER_DAY),
    ("w", 7 * MS_PER_DAY),
    ("d", MS_PER_DAY),
    ("h", MS_PER_HOUR),
    ("m", MS_PER_MINUTE),
    ("s", MS_PER_SECOND),
    ("ms", 1),
];

/// The longest duration accepted: the longest SLO window, 36,525 days (100 years of 365.25
/// days), so that a window the page takes comes back from its own OpenSLO export.
pub const MAX_MS: u64 = super::slo::MAX_WINDOW_DAYS * MS_PER_DAY;

/// A positive duration in whole milliseconds, written and read the Prometheus way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PromDuration {
    ms: u64,
}

/// Why a typed duration was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    Empty,
    /// Spaces inside, as in `1h 30m`.
    Space,
    /// A decimal point, as in `1.5h`.
    Decimal,
    /// A sign, as in `-5m`.
    Sign,
    /// Digits without a unit, as in `300`.
    MissingUnit(String),
    /// A unit Prometheus does not know, as in `5min` or `2H`.
    UnknownUnit(String),
    /// A unit without digits before it, as in `h`.
    MissingNumber,
    /// A unit used twice or after a smaller one, as in `30m1h`.
    Order,
    Zero,
    TooLong,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::Empty => f.write_str("Enter a duration such as 5m, 1h or 3d"),
            DurationError::Space => {
                f.write_str("No spaces in a Prometheus duration: write 1h30m, not 1h 30m")
            }
            DurationError::Decimal => {
                f.write_str("Prometheus durations take whole numbers: write 1h30m instead of 1.5h")
            }
            DurationError::Sign => f.write_str("A duration has no sign: write 5m"),
            DurationError::MissingUnit(digits) => write!(
                f,
                "Add a unit after {digits}: ms, s, m, h, d, w or y (for example {digits}m)"
            ),
            DurationError::UnknownUnit(unit) => write!(
                f,
                "Unknown unit \"{unit}\": use ms, s, m, h, d, w or y in lower case (5m, not 5min)"
            ),
            DurationError::MissingNumber => {
                f.write_str("Put a whole number before each unit, for example 5m")
            }
            DurationError::Order => f.write_str(
                "Write each unit once, from the largest to the smallest: 1h30m, not 30m1h",
            ),
            DurationError::Zero => {
                f.write_str("The duration must be longer than 0, for example 5m")
            }
            DurationError::TooLong => {
                f.write_str("Durations longer than 100 years (36525d) are not supported")
            }
        }
    }
}

impl PromDuration {
    /// Parses a Prometheus duration; see the module doc for the grammar.
    pub fn parse(text: &str) -> Result<PromDuration, DurationError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DurationError::Empty);
        }
        if text.chars().any(char::is_whitespace) {
            return Err(DurationError::Space);
        }
        if text.contains('.') || text.contains(',') {
            return Err(DurationError::Decimal);
        }
        if text.starts_with(['-', '+']) {
            return Err(DurationError::Sign);
        }

        let bytes = text.as_bytes();
        let mut at = 0;
        let mut next_unit = 0; // index into UNITS of the largest unit still allowed
        let mut total: u64 = 0;
        while at < bytes.len() {
            let digits_start = at;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            let digits = &text[digits_start..at];
            let unit_start = at;
            while at < bytes.len() && !bytes[at].is_ascii_digit() {
                at += 1;
            }
            let unit = &text[unit_start..at];
            if digits.is_empty() {
                return Err(if UNITS.iter().any(|(u, _)| *u == unit) {
                    DurationError::MissingNumber
                } else {
                    DurationError::UnknownUnit(unit.to_string())
                });
            }
            if unit.is_empty() {
                // A unit would not help a duration that is still zero: `0m` is refused too.
                if total == 0 && digits.bytes().all(|b| b == b'0') {
                    return Err(DurationError::Zero);
                }
                return Err(DurationError::MissingUnit(digits.to_string()));
            }
            let Some(index) = UNITS.iter().position(|(u, _)| *u == unit) else {
                return Err(DurationError::UnknownUnit(unit.to_string()));
            };
            if index < next_unit {
                return Err(DurationError::Order);
            }
            next_unit = index + 1;
            // More than 12 digits is beyond 100 years in any unit.
            if digits.trim_start_matches('0').len() > 12 {
                return Err(DurationError::TooLong);
            }
            let count: u64 = digits.parse().map_err(|_| DurationError::TooLong)?;
            total = count
                .checked_mul(UNITS[index].1)
                .and_then(|ms| total.checked_add(ms))
                .ok_or(DurationError::TooLong)?;
        }
        PromDuration::from_ms(total)
    }

    /// A duration of `ms` milliseconds, checked to be above zero and at most [`MAX_MS`].
    pub fn from_ms(ms: u64) -> Result<PromDuration, DurationError> {
        match ms {
            0 => Err(DurationError::Zero),
            ms if ms > MAX_MS => Err(DurationError::TooLong),
            ms => Ok(PromDuration { ms }),
        }
    }

    /// The length in milliseconds.
    pub fn ms(self) -> u64 {
        self.ms
    }
}

/// Writes the duration as Prometheus does: the largest units first, zero parts left out
/// (`1h30m`, `3d`, `2w`, `7m30s`, `83ms`).
/// Written from days down: `30d`, not `4w2d`. SLO windows are counted in days (7d, 28d, 30d),
/// and Prometheus reads days as well as weeks and years.
impl fmt::Display for PromDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.ms;
        for (unit, length) in UNITS.into_iter().skip_while(|(unit, _)| *unit != "d") {
            let count = rest / length;
            if count > 0 {
                write!(f, "{count}{unit}")?;
                rest %= length;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> u64 {
        PromDuration::parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .ms()
    }

    #[test]
    fn parses_prometheus_durations() {
        // Examples of the Prometheus docs ("Time durations": 5h, 1h30m, 5m, 10s) and the windows
        // of the SRE workbook's alert table.
        let cases: &[(&str, u64)] = &[
            ("5m", 300_000),
            ("1h", 3_600_000),
            ("6h", 21_600_000),
            ("30m", 1_800_000),
            ("1d", 86_400_000),
            ("3d", 259_200_000),
            ("1w", 604_800_000),
            ("1y", 31_536_000_000),
            ("1h30m", 5_400_000),
            ("10s", 10_000),
            ("500ms", 500),
            ("1d2h3m4s5ms", 93_784_005),
            ("90m", 5_400_000),
            (" 5m ", 300_000),
            ("05m", 300_000),
            // The longest SLO window the page takes, as its OpenSLO export writes it.
            ("36525d", 36_525 * 86_400_000),
            ("100y25d", 36_525 * 86_400_000),
        ];
        for (text, expected) in cases {
            assert_eq!(ms(text), *expected, "{text}");
        }
    }

    #[test]
    fn refuses_anything_not_strictly_prometheus() {
        let cases: &[(&str, DurationError)] = &[
            ("", DurationError::Empty),
            ("   ", DurationError::Empty),
            ("1h 30m", DurationError::Space),
            ("1.5h", DurationError::Decimal),
            ("1,5h", DurationError::Decimal),
            ("-5m", DurationError::Sign),
            ("+5m", DurationError::Sign),
            ("300", DurationError::MissingUnit("300".into())),
            ("1h30", DurationError::MissingUnit("30".into())),
            ("5min", DurationError::UnknownUnit("min".into())),
            ("2H", DurationError::UnknownUnit("H".into())),
            ("5M", DurationError::UnknownUnit("M".into())),
            ("1mo", DurationError::UnknownUnit("mo".into())),
            ("h", DurationError::MissingNumber),
            ("abc", DurationError::UnknownUnit("abc".into())),
            ("30m1h", DurationError::Order),
            ("1h1h", DurationError::Order),
            ("1ms1s", DurationError::Order),
            ("0m", DurationError::Zero),
            ("0s0ms", DurationError::Zero),
            // Zero without a unit: told it must be longer than 0, never to add a unit (0m is
            // refused in turn).
            ("0", DurationError::Zero),
            ("000", DurationError::Zero),
            ("0s0", DurationError::Zero),
            // After a part that is not zero, the unit is all that is missing: 1h0m is 1h.
            ("1h0", DurationError::MissingUnit("0".into())),
            ("101y", DurationError::TooLong),
            ("36526d", DurationError::TooLong),
            ("100y26d", DurationError::TooLong),
            ("99999999999999999999s", DurationError::TooLong),
        ];
        for (text, expected) in cases {
            assert_eq!(
                PromDuration::parse(text).as_ref().err(),
                Some(expected),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_error_reads_as_advice() {
        assert_eq!(
            DurationError::UnknownUnit("min".into()).to_string(),
            "Unknown unit \"min\": use ms, s, m, h, d, w or y in lower case (5m, not 5min)"
        );
        assert_eq!(
            DurationError::MissingUnit("300".into()).to_string(),
            "Add a unit after 300: ms, s, m, h, d, w or y (for example 300m)"
        );
    }

    #[test]
    fn every_example_a_message_gives_is_accepted() {
        // A field given `0` was told to write `0m`, which was then refused as zero.
        for typed in ["0", "00", "0s0", "300", "1h30", "h", ""] {
            let message = PromDuration::parse(typed).unwrap_err().to_string();
            let (_, example) = message
                .split_once("for example ")
                .or_else(|| message.split_once("such as "))
                .unwrap_or_else(|| panic!("{typed:?}: no example in {message:?}"));
            let example = example.split([' ', ',', ')']).next().unwrap_or_default();
            assert!(
                PromDuration::parse(example).is_ok(),
                "{typed:?}: {message:?} suggests {example:?}"
            );
        }
    }

    #[test]
    fn writes_the_prometheus_form() {
        let cases: &[(u64, &str)] = &[
            (300_000, "5m"),
            (5_400_000, "1h30m"),
            (259_200_000, "3d"),
            (604_800_000, "7d"),
            (691_200_000, "8d"),
            (2_592_000_000, "30d"),
            (450_000, "7m30s"),
            (83, "83ms"),
            (31_536_000_000, "365d"),
        ];
        for (ms, expected) in cases {
            let d = PromDuration::from_ms(*ms).unwrap();
            assert_eq!(d.to_string(), *expected);
            assert_eq!(
                PromDuration::parse(expected),
                Ok(d),
                "round trip {expected}"
            );
        }
    }
}
