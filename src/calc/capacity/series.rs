//! An imported metric series: samples in time order, how its timestamps read, and the fixed
//! rules that turn its times and values into text.
//!
//! Times are milliseconds since 1970-01-01 00:00 on the series' own clock: for a wall-clock
//! series (timestamps without an offset) that is the local time as written, taken as it is; for
//! a UTC series (timestamps with an offset, or epoch numbers) it is UTC.

use crate::calc::date::CivilDate;

/// Milliseconds in a day (24 hours).
pub const MS_PER_DAY: i64 = 86_400_000;
/// Milliseconds in an hour.
pub const MS_PER_HOUR: i64 = 3_600_000;
/// The most samples a series may hold (about 5 times the 1,000,000-row import target).
pub const MAX_SAMPLES: usize = 5_000_000;
/// Times are kept between the years 1 and 9999, like calendar dates.
pub const MIN_TIME_MS: i64 = -62_135_596_800_000;
pub const MAX_TIME_MS: i64 = 253_402_300_799_999;

/// One sample: a time and a finite value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub t_ms: i64,
    pub value: f64,
}

/// How a series' timestamps are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clock {
    /// No offset was given: local wall-clock times, taken as written.
    WallClock,
    /// An offset or epoch numbers: absolute times, shown in UTC.
    Utc,
}

impl Clock {
    /// The name used in saved files: `wall-clock` or `utc`.
    pub fn slug(self) -> &'static str {
        match self {
            Clock::WallClock => "wall-clock",
            Clock::Utc => "utc",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Clock> {
        match slug {
            "wall-clock" => Some(Clock::WallClock),
            "utc" => Some(Clock::Utc),
            _ => None,
        }
    }
}

/// A non-empty series sorted by time (equal times keep their order of arrival), every value
/// finite. Built only through [`Series::new`], which keeps those promises.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    name: String,
    clock: Clock,
    samples: Vec<Sample>,
}

/// What [`Series::new`] found while putting the samples in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderReport {
    /// The samples were not in time order and have been sorted.
    pub was_unsorted: bool,
    /// Samples whose time equals the previous sample's (all are kept).
    pub duplicate_times: u64,
    /// The first repeated time, if any.
    pub first_duplicate_ms: Option<i64>,
}

impl Series {
    /// Sorts `samples` by time (stable) and drops any that are not finite or out of range (the
    /// importers never give such samples; this keeps the promise for any caller). `None` when
    /// nothing is left.
    pub fn new(
        name: String,
        clock: Clock,
        mut samples: Vec<Sample>,
    ) -> Option<(Series, OrderReport)> {
        samples.retain(|s| s.value.is_finite() && (MIN_TIME_MS..=MAX_TIME_MS).contains(&s.t_ms));
        samples.truncate(MAX_SAMPLES);
        if samples.is_empty() {
            return None;
        }
        let mut report = OrderReport::default();
        if samples.windows(2).any(|w| w[1].t_ms < w[0].t_ms) {
            report.was_unsorted = true;
            samples.sort_by_key(|s| s.t_ms);
        }
        for pair in samples.windows(2) {
            if pair[1].t_ms == pair[0].t_ms {
                report.duplicate_times += 1;
                report.first_duplicate_ms.get_or_insert(pair[0].t_ms);
            }
        }
        Some((
            Series {
                name,
                clock,
                samples,
            },
            report,
        ))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Every sample, sorted by time.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }

    /// Never true: a series has at least one sample.
    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    pub fn first_ms(&self) -> i64 {
        self.samples[0].t_ms
    }

    pub fn last_ms(&self) -> i64 {
        self.samples[self.samples.len() - 1].t_ms
    }

    /// A stable identity of the content (name, clock, every time and value), written as 16 hex
    /// digits: FNV-1a over the name's bytes, then each time and value bit pattern mixed in as a
    /// 64-bit word (SplitMix64's finaliser), so a million samples hash in a few milliseconds.
    /// Equal content gives an equal id in every browser.
    pub fn content_id(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self
            .name
            .as_bytes()
            .iter()
            .chain([0u8, self.clock as u8].iter())
        {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut mix = |word: u64| {
            let mut z = (hash ^ word).wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            hash = z ^ (z >> 31);
        };
        for s in &self.samples {
            mix(s.t_ms as u64);
            mix(s.value.to_bits());
        }
        format!("{hash:016x}")
    }
}

/// A UTC offset in whole minutes, east positive (`+02:00` is 120), between -14:00 and +14:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UtcOffset {
    pub minutes: i32,
}

impl UtcOffset {
    /// Reads `+02:00`, `-05:30`, `+0530`, `+2`, `-3.5` is refused, `0`, `UTC`, `Z`; empty is 0.
    pub fn parse(text: &str) -> Result<UtcOffset, &'static str> {
        const MESSAGE: &str = "Write the offset as +HH:MM or -HH:MM, for example +02:00 or -05:30";
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("z") {
            return Ok(UtcOffset::default());
        }
        let (sign, rest) = match text.as_bytes()[0] {
            b'+' => (1, &text[1..]),
            b'-' => (-1, &text[1..]),
            b'0'..=b'9' => (1, text),
            _ => return Err(MESSAGE),
        };
        let (hours, minutes) = match rest.split_once(':') {
            Some((h, m)) => (h, m),
            None if rest.len() == 4 => rest.split_at(2),
            None => (rest, "0"),
        };
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(hours) || !digits(minutes) {
            return Err(MESSAGE);
        }
        let hours: i32 = hours.parse().map_err(|_| MESSAGE)?;
        let minutes: i32 = minutes.parse().map_err(|_| MESSAGE)?;
        if minutes >= 60 {
            return Err("Minutes of an offset go from 00 to 59");
        }
        let total = hours * 60 + minutes;
        if total > 14 * 60 {
            return Err("Offsets go from -14:00 to +14:00");
        }
        Ok(UtcOffset {
            minutes: sign * total,
        })
    }

    pub fn ms(self) -> i64 {
        i64::from(self.minutes) * 60_000
    }
}

impl std::fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let m = self.minutes.abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

/// The calendar date of a time.
pub fn date_of(t_ms: i64) -> CivilDate {
    CivilDate::from_days_since_epoch(t_ms.div_euclid(MS_PER_DAY))
}

/// `YYYY-MM-DD HH:MM` (and `:SS` when the seconds are not zero) of a time on its own clock.
pub fn format_time(t_ms: i64) -> String {
    let date = date_of(t_ms);
    let in_day = t_ms.rem_euclid(MS_PER_DAY) / 1_000;
    let (h, m, s) = (in_day / 3_600, in_day / 60 % 60, in_day % 60);
    if s == 0 {
        format!("{date} {h:02}:{m:02}")
    } else {
        format!("{date} {h:02}:{m:02}:{s:02}")
    }
}

/// A time for the page: `2014-02-28 14:22`, with ` UTC` for a UTC series.
pub fn format_time_on(t_ms: i64, clock: Clock) -> String {
    match clock {
        Clock::WallClock => format_time(t_ms),
        Clock::Utc => format!("{} UTC", format_time(t_ms)),
    }
}

/// Hour of day (0-23) and weekday (0 = Monday ... 6 = Sunday) of a time on its own clock.
/// 1970-01-01 was a Thursday.
pub fn hour_and_weekday(t_ms: i64) -> (usize, usize) {
    let day = t_ms.div_euclid(MS_PER_DAY);
    let hour = (t_ms.rem_euclid(MS_PER_DAY) / MS_PER_HOUR) as usize;
    let weekday = (day + 3).rem_euclid(7) as usize;
    (hour, weekday)
}

/// The fixed rule every measured value and forecast is shown by: four significant digits, but
/// never fewer digits than the whole part has and at most 12 decimals; thousands grouped with
/// commas; a minus sign only when the rounded value is not zero. `43.11`, `15,138`, `0.1323`.
/// From 10^15 on, where a whole part would show digits a 64-bit float does not hold, four
/// significant digits in scientific notation: `6.286e18`.
/// A value that is not finite (which the calculators never return) is shown as `—`.
pub fn format_value(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs().log10().floor() as i32;
    if value.abs() >= 1e15 {
        let text = format!("{:.3e}", value.abs());
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let sign = if value < 0.0 { "−" } else { "" };
        return format!("{sign}{mantissa}e{exponent}");
    }
    let decimals = (3 - magnitude).clamp(0, 12) as usize;
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), f.trim_end_matches('0').to_string()),
        None => (text.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let is_zero = whole.bytes().all(|b| b == b'0') && fraction.is_empty();
    let sign = if value < 0.0 && !is_zero { "−" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// A share or ratio as a percentage with a fixed number of decimals: (0.12345, 1) -> `12.3%`.
pub fn format_percent(fraction: f64, decimals: usize) -> String {
    if !fraction.is_finite() {
        return "—".to_string();
    }
    // Ten thousand percent and more: grouped, and in scientific notation where a float's
    // digits run out, by the rule of `format_value`.
    if (fraction * 100.0).abs() >= 10_000.0 {
        return format!("{}%", format_value(fraction * 100.0));
    }
    let text = format!("{:.*}", decimals, fraction * 100.0);
    let text = if text
        .trim_start_matches('-')
        .bytes()
        .all(|b| b == b'0' || b == b'.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text.replacen('-', "−", 1)
    };
    format!("{text}%")
}

/// A day count with one decimal, never negative: `23.4 days`, `1 day`.
pub fn format_days(days: f64) -> String {
    let days = if days.is_finite() { days.max(0.0) } else { 0.0 };
    let text = format!("{days:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text).to_string();
    if text == "1" {
        "1 day".to_string()
    } else {
        format!("{text} days")
    }
}

/// Reduces a long series for drawing only: for each of `columns` equal slices of the time
/// range it keeps the lowest and the highest point (in time order), so every peak and trough
/// still shows. Series shorter than twice the columns are returned as they are.
pub fn reduce_min_max(points: &[(i64, f64)], columns: usize) -> Vec<(i64, f64)> {
    if points.len() <= columns * 2 || columns == 0 {
        return points.to_vec();
    }
    let (start, end) = (points[0].0, points[points.len() - 1].0);
    let span = (end - start).max(1) as f64;
    let column_of =
        |t: i64| (((t - start) as f64 / span) * columns as f64).min(columns as f64 - 1.0) as usize;
    let mut out = Vec::with_capacity(columns * 2);
    let mut i = 0;
    while i < points.len() {
        let column = column_of(points[i].0);
        let (mut low, mut high) = (i, i);
        let mut j = i;
        while j < points.len() && column_of(points[j].0) == column {
            if points[j].1 < points[low].1 {
                low = j;
            }
            if points[j].1 > points[high].1 {
                high = j;
            }
            j += 1;
        }
        let (first, second) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        out.push(points[first]);
        if second != first {
            out.push(points[second]);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduction_keeps_every_extreme() {
        let points: Vec<(i64, f64)> = (0..100_000)
            .map(|i| {
                (
                    i as i64,
                    if i == 54_321 {
                        1e6
                    } else if i == 777 {
                        -5.0
                    } else {
                        (i % 7) as f64
                    },
                )
            })
            .collect();
        let reduced = reduce_min_max(&points, 500);
        assert!(reduced.len() <= 1_000, "{}", reduced.len());
        assert!(reduced.contains(&(54_321, 1e6)));
        assert!(reduced.contains(&(777, -5.0)));
        assert!(reduced.windows(2).all(|w| w[0].0 < w[1].0));
        let short = vec![(1, 1.0), (2, 2.0)];
        assert_eq!(reduce_min_max(&short, 500), short);
    }

    fn s(t_ms: i64, value: f64) -> Sample {
        Sample { t_ms, value }
    }

    #[test]
    fn sorts_and_reports_duplicates() {
        let (series, report) = Series::new(
            "cpu".into(),
            Clock::WallClock,
            vec![s(3, 1.0), s(1, 2.0), s(3, 4.0), s(2, f64::NAN)],
        )
        .unwrap();
        let times: Vec<i64> = series.samples().iter().map(|s| s.t_ms).collect();
        assert_eq!(times, vec![1, 3, 3]);
        assert!(report.was_unsorted);
        assert_eq!(report.duplicate_times, 1);
        assert_eq!(report.first_duplicate_ms, Some(3));
        assert!(Series::new("x".into(), Clock::Utc, vec![s(1, f64::INFINITY)]).is_none());
    }

    #[test]
    fn content_ids_follow_content() {
        let a = Series::new("a".into(), Clock::Utc, vec![s(1, 1.0)])
            .unwrap()
            .0;
        let b = Series::new("a".into(), Clock::Utc, vec![s(1, 1.5)])
            .unwrap()
            .0;
        assert_ne!(a.content_id(), b.content_id());
        assert_eq!(a.content_id(), a.clone().content_id());
        assert_eq!(a.content_id().len(), 16);
    }

    #[test]
    fn formats_times_and_weekdays() {
        // 2014-02-14 14:27:00 (a Friday); values from Python's datetime.
        let t = 1_392_388_020_000;
        assert_eq!(format_time(t), "2014-02-14 14:27");
        assert_eq!(format_time(t + 5_000), "2014-02-14 14:27:05");
        assert_eq!(format_time_on(t, Clock::Utc), "2014-02-14 14:27 UTC");
        assert_eq!(hour_and_weekday(t), (14, 4));
        assert_eq!(hour_and_weekday(0), (0, 3)); // 1970-01-01 was a Thursday
        assert_eq!(hour_and_weekday(-1), (23, 2));
        assert_eq!(format_time(-1), "1969-12-31 23:59:59");
    }

    #[test]
    fn values_have_a_fixed_rule() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (43.110371602182, "43.11"),
            (15_137.569379844961, "15,138"),
            (0.132_345, "0.1323"),
            (1_234_567.8, "1,234,568"),
            (-0.723_659_893, "−0.7237"),
            (0.1 + 0.2, "0.3"),
            (-0.000_000_000_000_1, "0"),
            (1.0, "1"),
            (999.96, "1,000"),
            (999_999_999_999_999.0, "999,999,999,999,999"),
            // A bytes counter: 6,285,686,399,267,440,640 would show float noise.
            (6_285_686_399_267_440_640.0, "6.286e18"),
            (-2.5e300, "−2.5e300"),
            (1e15, "1e15"),
            (f64::NAN, "—"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_value(*value), *expected, "{value}");
        }
        assert_eq!(format_percent(0.123_45, 1), "12.3%");
        assert_eq!(format_percent(333.333_33, 2), "33,333%");
        assert_eq!(format_percent(3.916_556e43, 2), "3.917e45%");
        assert_eq!(format_percent(-0.000_01, 1), "0.0%");
        assert_eq!(format_percent(-0.5, 0), "−50%");
        assert_eq!(format_days(23.44), "23.4 days");
        assert_eq!(format_days(1.0), "1 day");
        assert_eq!(format_days(-3.0), "0 days");
    }

    #[test]
    fn reads_offsets() {
        let cases: &[(&str, Result<i32, ()>)] = &[
            ("", Ok(0)),
            ("UTC", Ok(0)),
            ("+02:00", Ok(120)),
            ("-05:30", Ok(-330)),
            ("+0530", Ok(330)),
            ("+2", Ok(120)),
            ("9", Ok(540)),
            ("+14:00", Ok(840)),
            ("+14:30", Err(())),
            ("+02:60", Err(())),
            ("two", Err(())),
            ("+", Err(())),
            ("-3.5", Err(())),
        ];
        for (text, expected) in cases {
            assert_eq!(
                UtcOffset::parse(text).map(|o| o.minutes).map_err(|_| ()),
                *expected,
                "{text:?}"
            );
        }
        assert_eq!(UtcOffset { minutes: -330 }.to_string(), "-05:30");
    }
}
