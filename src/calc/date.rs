//! Calendar dates (proleptic Gregorian, no time zone) for calendar windows and run-out dates.
//!
//! Dates are counted as days since 1970-01-01, with Howard Hinnant's civil-from-days algorithm.

use std::fmt;

/// A calendar date between the years 1 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Why a typed date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    NotADate,
    NoSuchDay,
    /// Neither `YYYY-MM-DD` nor `YYYY-MM`, where a month alone is enough.
    NotADayOrMonth,
    /// `YYYY-MM` with no such month (`2026-13`, or the year 0).
    NoSuchMonth,
    /// None of `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, where a year alone is enough.
    NotADayMonthOrYear,
    /// `YYYY` with no such year (`0000`).
    NoSuchYear,
    /// `YYYY` alone, for a period shorter than a year.
    YearAlone(CalendarPeriod),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Empty => "Enter a date as YYYY-MM-DD",
            DateError::NotADate => "Not a date: use YYYY-MM-DD, for example 2026-12-01",
            DateError::NoSuchDay => "That day does not exist in the calendar",
            DateError::NotADayOrMonth => {
                "Not a date: use YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12"
            }
            DateError::NoSuchMonth => "That month does not exist in the calendar",
            DateError::NotADayMonthOrYear => {
                "Not a date: use YYYY-MM-DD, YYYY-MM or YYYY, for example 2026-12-01, 2026-12 or \
                 2026"
            }
            DateError::NoSuchYear => {
                "That year does not exist in the calendar: use a year from 0001 to 9999"
            }
            DateError::YearAlone(CalendarPeriod::Quarter) => {
                "A year alone is enough only for a year window: for a quarter window use \
                 YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12"
            }
            DateError::YearAlone(_) => {
                "A year alone is enough only for a year window: for a month window use \
                 YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12"
            }
        })
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1-12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap_year(year) => 29,
        _ => 28,
    }
}

/// The number that ASCII `digits` (checked by the caller) write.
fn digits_value(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
}

impl CivilDate {
    /// A checked date.
    pub fn new(year: i32, month: u32, day: u32) -> Result<CivilDate, DateError> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::NoSuchDay);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(CivilDate { year, month, day })
    }

    /// Parses `YYYY-MM-DD` strictly (white space around is allowed).
    pub fn parse(text: &str) -> Result<CivilDate, DateError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DateError::Empty);
        }
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(DateError::NotADate);
        }
        let number = |range: std::ops::Range<usize>| digits_value(&text[range]);
        CivilDate::new(number(0..4) as i32, number(5..7), number(8..10))
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` as that month's first day, where only the month
    /// matters (a calendar window).
    pub fn parse_day_or_month(text: &str) -> Result<CivilDate, DateError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let month_shaped = bytes.len() == 7
            && bytes[4] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || b.is_ascii_digit());
        if month_shaped {
            return CivilDate::new(
                digits_value(&text[0..4]) as i32,
                digits_value(&text[5..7]),
                1,
            )
            .map_err(|_| DateError::NoSuchMonth);
        }
        CivilDate::parse(text).map_err(|error| match error {
            DateError::NotADate => DateError::NotADayOrMonth,
            other => other,
        })
    }

    /// Parses the date typed for a calendar window of `period`: what
    /// [`CivilDate::parse_day_or_month`] reads and, for a year window, `YYYY` as the year's first
    /// day, where only the year matters. A bare year for a month or quarter window is refused
    /// with what that window takes ([`DateError::YearAlone`]).
    pub fn parse_in_period(text: &str, period: CalendarPeriod) -> Result<CivilDate, DateError> {
        let trimmed = text.trim();
        let year_shaped = trimmed.len() == 4 && trimmed.bytes().all(|b| b.is_ascii_digit());
        match (period, year_shaped) {
            (CalendarPeriod::Year, true) => CivilDate::new(digits_value(trimmed) as i32, 1, 1)
                .map_err(|_| DateError::NoSuchYear),
            (_, true) => Err(DateError::YearAlone(period)),
            (CalendarPeriod::Year, false) => {
                CivilDate::parse_day_or_month(text).map_err(|error| match error {
                    DateError::NotADayOrMonth => DateError::NotADayMonthOrYear,
                    other => other,
                })
            }
            (_, false) => CivilDate::parse_day_or_month(text),
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01, clamped to the years 1 to 9999.
    pub fn from_days_since_epoch(days: i64) -> CivilDate {
        let days = days.clamp(-719_162, 2_932_896) + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }

    /// The date `days` days later (or earlier, when negative).
    pub fn plus_days(self, days: i64) -> CivilDate {
        CivilDate::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// The date `days` days later (or earlier), or `None` outside the years 1 to 9999.
    pub fn checked_plus_days(self, days: i64) -> Option<CivilDate> {
        let target = self.days_since_epoch().checked_add(days)?;
        (-719_162..=2_932_896)
            .contains(&target)
            .then(|| CivilDate::from_days_since_epoch(target))
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: CivilDate) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

/// A calendar period that contains a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarPeriod {
    Month,
    Quarter,
    Year,
}

impl CalendarPeriod {
    /// The help under the Budget tab's calendar date, naming what [`CivilDate::parse_in_period`]
    /// takes for this period.
    pub fn date_help(self) -> &'static str {
        match self {
            CalendarPeriod::Year => {
                "YYYY-MM-DD, YYYY-MM for a month's first day, or YYYY for the year's first day; \
                 empty means today. The window is the whole calendar period that holds it."
            }
            CalendarPeriod::Month | CalendarPeriod::Quarter => {
                "YYYY-MM-DD, or YYYY-MM for a month's first day; empty means today. The window is \
                 the whole calendar period that holds it."
            }
        }
    }

    /// The first day of the period that contains `date`, and its length in days.
    pub fn containing(self, date: CivilDate) -> (CivilDate, u32) {
        let first_month = match self {
            CalendarPeriod::Month => date.month,
            CalendarPeriod::Quarter => (date.month - 1) / 3 * 3 + 1,
            CalendarPeriod::Year => 1,
        };
        let months = match self {
            CalendarPeriod::Month => 1,
            CalendarPeriod::Quarter => 3,
            CalendarPeriod::Year => 12,
        };
        let start = CivilDate {
            year: date.year,
            month: first_month,
            day: 1,
        };
        let length = (first_month..first_month + months)
            .map(|m| days_in_month(date.year, m))
            .sum();
        (start, length)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CivilDate {
        CivilDate::parse(text).expect("valid date")
    }

    #[test]
    fn round_trips_through_day_numbers() {
        // Reference day numbers: 1970-01-01 is day 0; 2000-03-01 is day 11,017 (Unix time
        // 951,868,800 / 86,400); 2026-12-04 is day 20,791 (Unix time 1,796,342,400 / 86,400).
        let cases = [
            ("1970-01-01", 0),
            ("2000-03-01", 11_017),
            ("2026-12-04", 20_791),
        ];
        for (text, days) in cases {
            assert_eq!(date(text).days_since_epoch(), days, "{text}");
            assert_eq!(CivilDate::from_days_since_epoch(days), date(text), "{text}");
        }
        for days in (-800_000..3_000_000).step_by(997) {
            let d = CivilDate::from_days_since_epoch(days);
            if (1..=9999).contains(&d.year) && days > -719_162 && days < 2_932_896 {
                assert_eq!(d.days_since_epoch(), days);
            }
        }
    }

    #[test]
    fn parses_strictly() {
        assert_eq!(date(" 2024-02-29 ").to_string(), "2024-02-29");
        assert_eq!(CivilDate::parse(""), Err(DateError::Empty));
        assert_eq!(CivilDate::parse("2023-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(CivilDate::parse("2023-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(CivilDate::parse("2023-1-01"), Err(DateError::NotADate));
        assert_eq!(CivilDate::parse("01/02/2023"), Err(DateError::NotADate));
        assert_eq!(CivilDate::parse("2023-01-01T00"), Err(DateError::NotADate));
        assert_eq!(CivilDate::parse("0000-01-01"), Err(DateError::NoSuchDay));
    }

    /// `2026-02` in the Budget tab's calendar date was refused as "Not a date", although only
    /// its month (or quarter, or year) matters there: a month alone is read as its first day.
    #[test]
    fn a_month_alone_is_read_as_its_first_day_where_a_day_or_month_is_asked() {
        use DateError::*;
        let cases: &[(&str, Result<&str, DateError>)] = &[
            ("2026-02", Ok("2026-02-01")),
            (" 2024-12 ", Ok("2024-12-01")),
            ("0001-01", Ok("0001-01-01")),
            ("9999-12", Ok("9999-12-01")),
            // A whole date is read as before.
            ("2026-02-14", Ok("2026-02-14")),
            ("2024-02-29", Ok("2024-02-29")),
            ("", Err(Empty)),
            ("  ", Err(Empty)),
            ("2023-02-29", Err(NoSuchDay)),
            ("2026-13", Err(NoSuchMonth)),
            ("2026-00", Err(NoSuchMonth)),
            ("0000-05", Err(NoSuchMonth)),
            ("2026-2", Err(NotADayOrMonth)),
            ("2026", Err(NotADayOrMonth)),
            ("2026-02-", Err(NotADayOrMonth)),
            ("2026-02-1", Err(NotADayOrMonth)),
            ("02/2026", Err(NotADayOrMonth)),
            ("2026/02", Err(NotADayOrMonth)),
            ("2026-02 14", Err(NotADayOrMonth)),
            ("+202-02", Err(NotADayOrMonth)),
            ("２０２６-02", Err(NotADayOrMonth)),
        ];
        for (text, expected) in cases {
            let read = CivilDate::parse_day_or_month(text).map(|d| d.to_string());
            assert_eq!(read, expected.clone().map(str::to_string), "{text:?}");
        }
        // The messages name both shapes; a whole date alone is still asked for elsewhere.
        assert_eq!(
            NotADayOrMonth.to_string(),
            "Not a date: use YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12"
        );
        assert_eq!(
            NoSuchMonth.to_string(),
            "That month does not exist in the calendar"
        );
        assert_eq!(CivilDate::parse("2026-02"), Err(NotADate));
    }

    /// A bare year `2024` was refused for a year window ("Not a date: use YYYY-MM-DD or
    /// YYYY-MM"), where only the year matters: it is read as its first day there, and the other
    /// periods say what they take.
    #[test]
    fn a_year_alone_is_read_as_its_first_day_for_a_year_window() {
        use CalendarPeriod::*;
        use DateError::*;
        let cases: &[(CalendarPeriod, &str, Result<&str, DateError>)] = &[
            (Year, "2024", Ok("2024-01-01")),
            (Year, " 2026 ", Ok("2026-01-01")),
            (Year, "0001", Ok("0001-01-01")),
            (Year, "9999", Ok("9999-01-01")),
            (Year, "0000", Err(NoSuchYear)),
            (Year, "2024-07", Ok("2024-07-01")),
            (Year, "2024-07-15", Ok("2024-07-15")),
            (Year, "2024-13", Err(NoSuchMonth)),
            (Year, "2024-02-30", Err(NoSuchDay)),
            (Year, "", Err(Empty)),
            (Year, "24", Err(NotADayMonthOrYear)),
            (Year, "20244", Err(NotADayMonthOrYear)),
            (Year, "２０２６", Err(NotADayMonthOrYear)),
            (Year, "+202", Err(NotADayMonthOrYear)),
            (Month, "2024", Err(YearAlone(Month))),
            (Quarter, "2024", Err(YearAlone(Quarter))),
            (Month, "2024-07", Ok("2024-07-01")),
            (Quarter, "2024-07-15", Ok("2024-07-15")),
            (Month, "24", Err(NotADayOrMonth)),
            (Quarter, "0000", Err(YearAlone(Quarter))),
        ];
        for (period, text, expected) in cases {
            let read = CivilDate::parse_in_period(text, *period).map(|d| d.to_string());
            assert_eq!(
                read,
                expected.clone().map(str::to_string),
                "{period:?} {text:?}"
            );
        }
        assert_eq!(
            NotADayMonthOrYear.to_string(),
            "Not a date: use YYYY-MM-DD, YYYY-MM or YYYY, for example 2026-12-01, 2026-12 or 2026"
        );
        assert_eq!(
            YearAlone(Month).to_string(),
            "A year alone is enough only for a year window: for a month window use YYYY-MM-DD or \
             YYYY-MM, for example 2026-12-01 or 2026-12"
        );
        assert_eq!(
            YearAlone(Quarter).to_string(),
            "A year alone is enough only for a year window: for a quarter window use YYYY-MM-DD \
             or YYYY-MM, for example 2026-12-01 or 2026-12"
        );
        assert_eq!(
            NoSuchYear.to_string(),
            "That year does not exist in the calendar: use a year from 0001 to 9999"
        );
    }

    #[test]
    fn the_calendar_date_help_names_what_each_period_takes() {
        assert_eq!(
            CalendarPeriod::Year.date_help(),
            "YYYY-MM-DD, YYYY-MM for a month's first day, or YYYY for the year's first day; \
             empty means today. The window is the whole calendar period that holds it."
        );
        for period in [CalendarPeriod::Month, CalendarPeriod::Quarter] {
            assert_eq!(
                period.date_help(),
                "YYYY-MM-DD, or YYYY-MM for a month's first day; empty means today. The window \
                 is the whole calendar period that holds it."
            );
        }
    }

    #[test]
    fn calendar_periods_have_their_real_length() {
        let cases = [
            ("2026-02-14", CalendarPeriod::Month, "2026-02-01", 28),
            ("2024-02-14", CalendarPeriod::Month, "2024-02-01", 29),
            ("2026-12-04", CalendarPeriod::Month, "2026-12-01", 31),
            ("2026-05-20", CalendarPeriod::Quarter, "2026-04-01", 91),
            ("2026-02-01", CalendarPeriod::Quarter, "2026-01-01", 90),
            ("2024-02-01", CalendarPeriod::Quarter, "2024-01-01", 91),
            ("2026-11-30", CalendarPeriod::Quarter, "2026-10-01", 92),
            ("2026-07-01", CalendarPeriod::Year, "2026-01-01", 365),
            ("2024-07-01", CalendarPeriod::Year, "2024-01-01", 366),
        ];
        for (day, period, start, length) in cases {
            assert_eq!(
                period.containing(date(day)),
                (date(start), length),
                "{day} {period:?}"
            );
        }
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(date("2026-02-27").plus_days(2), date("2026-03-01"));
        assert_eq!(date("2026-12-31").plus_days(1), date("2027-01-01"));
        assert_eq!(date("2026-12-01").days_until(date("2026-12-04")), 3);
        assert_eq!(date("9999-12-31").plus_days(i64::MAX).year, 9999);
        assert_eq!(date("9999-12-31").checked_plus_days(1), None);
        assert_eq!(date("0001-01-01").checked_plus_days(-1), None);
        assert_eq!(
            date("2026-12-31").checked_plus_days(1),
            Some(date("2027-01-01"))
        );
    }
}
