//! An imported metric series: samples in time order, how its timestamps read, and the fixed
//! rules that turn its times and values into text.
//!
//! Times are milliseconds since 1970-01-01 00:00 on the series' own clock: for a wall-clock
//! series (timestamps without an offset) that is the local time as written, taken as it is; for
//! a UTC series (timestamps with an offset, or epoch numbers) it is UTC.

use super::steps::{run_pass, unlimited, STEP_SAMPLES};
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

/// The largest magnitude a sample may have. The fits add up squares of values and of their
/// differences over millions of samples, and forecast a slope over years: beyond about 1e154 a
/// square is infinite and every figure after it is meaningless, so values are bounded well
/// below that, far above any real measurement (a zettabyte is 1e21 bytes).
pub const MAX_ABS_VALUE: f64 = 1e100;

/// Whether a value can be a sample: finite and within ±[`MAX_ABS_VALUE`].
pub fn is_usable_value(value: f64) -> bool {
    value.abs() <= MAX_ABS_VALUE
}

/// Why a value that is a finite number cannot be a sample, for import messages.
pub const TOO_LARGE: &str = "Headroom reads values between −1e100 and 1e100: scale the series \
                             down (for example gigabytes instead of bytes)";

/// One sample: a time and a finite value within ±[`MAX_ABS_VALUE`].
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
/// finite and within ±[`MAX_ABS_VALUE`]. Built only through [`Series::new`], which keeps those
/// promises.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    name: String,
    clock: Clock,
    samples: Vec<Sample>,
    /// The lowest value.
    lowest_value: f64,
    /// The highest value.
    highest_value: f64,
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

/// Samples sorted at once at the start of the merge sort: runs this long are sorted whole,
/// then merged pairwise a slice at a time.
const SORTED_RUN: usize = 1_024;

/// Where a series being built stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BuildPhase {
    /// Dropping samples that are not finite or out of range, keeping the order.
    Filter {
        read: usize,
        write: usize,
    },
    /// Whether every time is at or after the one before.
    Order {
        next: usize,
    },
    /// Sorting runs of [`SORTED_RUN`] samples, from `next` on.
    Runs {
        next: usize,
    },
    /// Merging pairs of sorted runs `width` long into the buffer: the pair starting at `start`,
    /// left at `i`, right at `j`, written up to `k`.
    Merge {
        width: usize,
        start: usize,
        i: usize,
        j: usize,
        k: usize,
    },
    /// Counting samples that repeat the time before, and finding the lowest and highest value.
    Duplicates {
        next: usize,
    },
    Done,
}

/// [`Series::new`] in resumable steps, so a million samples are filtered, checked, sorted (a
/// stable bottom-up merge sort, the same order as a stable sort) and checked for repeated times
/// a slice at a time.
#[derive(Debug, Clone)]
pub struct SeriesSteps {
    name: String,
    clock: Clock,
    samples: Vec<Sample>,
    buffer: Vec<Sample>,
    phase: BuildPhase,
    report: OrderReport,
    /// The lowest value of the samples after the first, once sorted.
    lowest_after_first: f64,
    /// The highest value of the samples after the first, once sorted.
    highest_after_first: f64,
}

impl SeriesSteps {
    pub fn new(name: String, clock: Clock, samples: Vec<Sample>) -> SeriesSteps {
        SeriesSteps {
            name,
            clock,
            samples,
            buffer: Vec::new(),
            phase: BuildPhase::Filter { read: 0, write: 0 },
            report: OrderReport::default(),
            lowest_after_first: f64::INFINITY,
            highest_after_first: f64::NEG_INFINITY,
        }
    }

    /// Does the next slice of work (at most [`STEP_SAMPLES`] samples); false when all is done.
    pub fn step(&mut self) -> bool {
        self.step_by(STEP_SAMPLES)
    }

    /// Does the next slice of at most `samples` work units (at least one; a run of 1,024
    /// samples is sorted whole); false when all is done.
    pub fn step_by(&mut self, samples: usize) -> bool {
        self.step_within(&mut samples.max(1))
    }

    /// Goes on, spending at most `budget`; false when all is done.
    fn step_within(&mut self, budget: &mut usize) -> bool {
        loop {
            match self.phase {
                BuildPhase::Done => return false,
                BuildPhase::Filter {
                    mut read,
                    mut write,
                } => {
                    let samples = &mut self.samples;
                    let done = run_pass(&mut read, samples.len(), budget, |i| {
                        let s = samples[i];
                        if is_usable_value(s.value) && (MIN_TIME_MS..=MAX_TIME_MS).contains(&s.t_ms)
                        {
                            samples[write] = s;
                            write += 1;
                        }
                    });
                    if !done {
                        self.phase = BuildPhase::Filter { read, write };
                        return true;
                    }
                    self.samples.truncate(write.min(MAX_SAMPLES));
                    self.phase = BuildPhase::Order { next: 1 };
                }
                BuildPhase::Order { mut next } => {
                    let samples = &self.samples;
                    let mut unsorted = false;
                    let done = run_pass(&mut next, samples.len().max(1), budget, |i| {
                        unsorted |= samples[i].t_ms < samples[i - 1].t_ms;
                    });
                    if unsorted {
                        self.report.was_unsorted = true;
                        self.buffer = self.samples.clone();
                        self.phase = BuildPhase::Runs { next: 0 };
                    } else if done {
                        self.phase = BuildPhase::Duplicates { next: 1 };
                    } else {
                        self.phase = BuildPhase::Order { next };
                        return true;
                    }
                }
                BuildPhase::Runs { next } => {
                    let n = self.samples.len();
                    if next >= n {
                        self.phase = BuildPhase::Merge {
                            width: SORTED_RUN,
                            start: 0,
                            i: 0,
                            j: SORTED_RUN.min(n),
                            k: 0,
                        };
                        continue;
                    }
                    if *budget == 0 {
                        return true;
                    }
                    let end = (next + SORTED_RUN).min(n);
                    self.samples[next..end].sort_by_key(|s| s.t_ms);
                    *budget = budget.saturating_sub(end - next);
                    self.phase = BuildPhase::Runs { next: end };
                }
                BuildPhase::Merge {
                    width,
                    start,
                    mut i,
                    mut j,
                    mut k,
                } => {
                    let n = self.samples.len();
                    if width >= n {
                        self.buffer = Vec::new();
                        self.phase = BuildPhase::Duplicates { next: 1 };
                        continue;
                    }
                    let (middle, end) = ((start + width).min(n), (start + 2 * width).min(n));
                    let (from, to) = (&self.samples, &mut self.buffer);
                    while k < end && *budget > 0 {
                        *budget -= 1;
                        // Stable: on equal times the left run's sample comes first.
                        if j >= end || (i < middle && from[i].t_ms <= from[j].t_ms) {
                            to[k] = from[i];
                            i += 1;
                        } else {
                            to[k] = from[j];
                            j += 1;
                        }
                        k += 1;
                    }
                    if k < end {
                        self.phase = BuildPhase::Merge {
                            width,
                            start,
                            i,
                            j,
                            k,
                        };
                        return true;
                    }
                    self.phase = if end < n {
                        let middle = (end + width).min(n);
                        BuildPhase::Merge {
                            width,
                            start: end,
                            i: end,
                            j: middle,
                            k: end,
                        }
                    } else {
                        // A pass is done: the merged runs are twice as long.
                        std::mem::swap(&mut self.samples, &mut self.buffer);
                        let width = width * 2;
                        BuildPhase::Merge {
                            width,
                            start: 0,
                            i: 0,
                            j: width.min(n),
                            k: 0,
                        }
                    };
                }
                BuildPhase::Duplicates { mut next } => {
                    let n = self.samples.len();
                    let (samples, report) = (&self.samples, &mut self.report);
                    let lowest = &mut self.lowest_after_first;
                    let highest = &mut self.highest_after_first;
                    let done = run_pass(&mut next, n.max(1), budget, |i| {
                        *lowest = lowest.min(samples[i].value);
                        *highest = highest.max(samples[i].value);
                        if samples[i].t_ms == samples[i - 1].t_ms {
                            report.duplicate_times += 1;
                            report.first_duplicate_ms.get_or_insert(samples[i - 1].t_ms);
                        }
                    });
                    if !done {
                        self.phase = BuildPhase::Duplicates { next };
                        return true;
                    }
                    self.phase = BuildPhase::Done;
                }
            }
        }
    }

    /// The series, finishing any steps not done yet; `None` when no sample is left.
    pub fn finish(mut self) -> Option<(Series, OrderReport)> {
        while self.step_within(&mut unlimited()) {}
        let first = self.samples.first()?;
        let lowest_value = first.value.min(self.lowest_after_first);
        let highest_value = first.value.max(self.highest_after_first);
        Some((
            Series {
                name: self.name,
                clock: self.clock,
                samples: self.samples,
                lowest_value,
                highest_value,
            },
            self.report,
        ))
    }
}

impl Series {
    /// Sorts `samples` by time (stable) and drops any that are not finite or out of range (the
    /// importers never give such samples; this keeps the promise for any caller). `None` when
    /// nothing is left. All at once; [`SeriesSteps`] does it in slices.
    pub fn new(name: String, clock: Clock, samples: Vec<Sample>) -> Option<(Series, OrderReport)> {
        SeriesSteps::new(name, clock, samples).finish()
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

    /// The lowest value: at or above zero for a series that has never been negative (a
    /// percentage, a count, a rate), whose forecast means nothing below zero.
    pub fn lowest_value(&self) -> f64 {
        self.lowest_value
    }

    /// The highest value.
    pub fn highest_value(&self) -> f64 {
        self.highest_value
    }

    /// The scale the series' figures are read against ([`Scale`]): its largest magnitude, over
    /// its time span.
    pub fn scale(&self) -> Scale {
        Scale {
            magnitude: self.lowest_value.abs().max(self.highest_value.abs()),
            span_days: (self.last_ms() - self.first_ms()) as f64 / MS_PER_DAY as f64,
        }
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
    /// Reads `+02:00`, `-05:30`, `+0530`, `+2`, `0`, `UTC`, `Z`; empty is 0. `-3.5` is refused,
    /// and so are minutes of one digit (`+05:3`).
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
            // Four bytes of ASCII only: a multi-byte character would put byte 2 inside it.
            None if rest.len() == 4 && rest.is_ascii() => rest.split_at(2),
            None => (rest, "0"),
        };
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(hours) || !digits(minutes) {
            return Err(MESSAGE);
        }
        // `+05:3` is no offset: it could be +05:03 or a cut +05:30.
        if rest.contains(':') && minutes.len() != 2 {
            return Err("Write the minutes of an offset with two digits, for example +05:30");
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

/// What a time after 9999-12-31 23:59:59.999 is written as. Dates are written for the years 1
/// to 9999 only, and a forecast from a series that ends near the year 9999 reaches past it:
/// such a time is said to be after that year, never written as a date within it.
pub const AFTER_YEAR_9999: &str = "after the year 9999";

/// What a time before 0001-01-01 is written as (no series or forecast has one).
pub const BEFORE_YEAR_1: &str = "before the year 1";

/// The calendar date of a time; `None` outside the years 1 to 9999 ([`MIN_TIME_MS`] to
/// [`MAX_TIME_MS`]), where no date is written.
pub fn date_of(t_ms: i64) -> Option<CivilDate> {
    (MIN_TIME_MS..=MAX_TIME_MS)
        .contains(&t_ms)
        .then(|| CivilDate::from_days_since_epoch(t_ms.div_euclid(MS_PER_DAY)))
}

/// `YYYY-MM-DD HH:MM` (and `:SS` when the seconds are not zero) of a time on its own clock;
/// [`AFTER_YEAR_9999`] (or [`BEFORE_YEAR_1`]) outside the years 1 to 9999.
pub fn format_time(t_ms: i64) -> String {
    let Some(date) = date_of(t_ms) else {
        return beyond_calendar(t_ms).to_string();
    };
    let in_day = t_ms.rem_euclid(MS_PER_DAY) / 1_000;
    let (h, m, s) = (in_day / 3_600, in_day / 60 % 60, in_day % 60);
    if s == 0 {
        format!("{date} {h:02}:{m:02}")
    } else {
        format!("{date} {h:02}:{m:02}:{s:02}")
    }
}

/// A time for the page: `2014-02-28 14:22`, with ` UTC` for a UTC series; [`AFTER_YEAR_9999`]
/// (or [`BEFORE_YEAR_1`]) outside the years 1 to 9999, on either clock.
pub fn format_time_on(t_ms: i64, clock: Clock) -> String {
    match clock {
        _ if date_of(t_ms).is_none() => beyond_calendar(t_ms).to_string(),
        Clock::WallClock => format_time(t_ms),
        Clock::Utc => format!("{} UTC", format_time(t_ms)),
    }
}

/// The words for a time outside the years 1 to 9999.
fn beyond_calendar(t_ms: i64) -> &'static str {
    if t_ms > MAX_TIME_MS {
        AFTER_YEAR_9999
    } else {
        BEFORE_YEAR_1
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
/// never fewer digits than the whole part has; thousands grouped with commas; a minus sign only
/// when the rounded value is not zero. `43.11`, `15,138`, `0.1323`, `0.000001234`.
/// From 10^15 on, where a whole part would show digits a 64-bit float does not hold, and under
/// 10^-6, where the zeros after the point would outnumber the digits that say anything, four
/// significant digits in scientific notation: `6.286e18`, `2.88e-12` (a subnormal value, under
/// 2.2e-308, with no more digits than it holds: `5e-324`, not `4.941e-324`). A value that is
/// not zero never reads `0`: whether a tiny figure is float noise around zero depends on the
/// figures around it, which [`Scale`] knows and this function does not.
/// A value that is not finite (which the calculators never return) is shown as `—`.
pub fn format_value(value: f64) -> String {
    format_value_to(value, 4)
}

/// [`format_value`] with `significant` digits (at least 4) below 10^15: a figure that others
/// shown beside it are worked out from, so that the sum reads right (`127.958`, whose 1.2 times
/// is `153.5`, where `128` would suggest 153.6).
pub fn format_value_to(value: f64, significant: i32) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    if value.abs() >= 1e15 || value.abs() < 1e-6 {
        // The fewest digits that read back as the value, where they are four or fewer: the
        // same as four rounded for any value of a float's full precision, but a subnormal one
        // (under 2.2e-308) holds fewer, and the smallest read "4.941e-324" for 5e-324.
        let shortest = format!("{:e}", value.abs());
        let held = shortest.split('e').next().unwrap_or("");
        let text = if held.bytes().filter(u8::is_ascii_digit).count() <= 4 {
            shortest
        } else {
            format!("{:.3e}", value.abs())
        };
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let sign = if value < 0.0 { "−" } else { "" };
        return format!("{sign}{mantissa}e{exponent}");
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (significant.max(4) - 1 - magnitude).clamp(0, 14) as usize;
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), f.trim_end_matches('0').to_string()),
        None => (text.clone(), String::new()),
    };
    let grouped = crate::calc::decimal::grouped(&whole);
    let is_zero = whole.bytes().all(|b| b == b'0') && fraction.is_empty();
    let sign = if value < 0.0 && !is_zero { "−" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// How far under the scale of the figures around it a figure is float noise around zero: a
/// billionth. A least-squares fit of an exact series leaves residues of about 10^-16 to 10^-11
/// of the values' magnitude (a trend + hour-of-week fit of two exact bursts 90 days apart
/// scores a backtest MAE of 1e-10 at values up to 109), and every figure is shown to four
/// significant digits, so a figure nine orders of magnitude under the series' own says nothing
/// the series can: it reads 0.
pub const NOISE: f64 = 1e-9;

/// The scale a series' figures are read against: the series' largest magnitude (its highest
/// absolute value) and its time span in days. A figure within [`NOISE`] of that scale is float
/// noise around zero and reads `0` (the fit of an exact series leaves a slope of −1e-13 where
/// the series is flat); any other figure reads by [`format_value`], in scientific notation when
/// tiny, so a series of values around 1e-15 reads `2.88e-15`, never `0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The largest absolute value of the series (0 for a series of zeros).
    pub magnitude: f64,
    /// The time from the first sample to the last, in days (0 for a single time).
    pub span_days: f64,
}

impl Scale {
    /// Figures of about `magnitude` with no time span: a ratio such as R² (1), or figures on
    /// a log scale, whose differences are relative (1).
    pub fn of(magnitude: f64) -> Scale {
        Scale {
            magnitude: magnitude.abs(),
            span_days: 0.0,
        }
    }

    /// Whether `value` (a figure, or a difference of two) is within [`NOISE`] of the
    /// magnitude: float noise around zero.
    pub fn is_noise(self, value: f64) -> bool {
        value.abs() <= self.magnitude * NOISE
    }

    /// A value in the series' units (a measured value, a mean, a forecast, an error, a
    /// spread): `0` within [`NOISE`] of the magnitude, else [`format_value`].
    pub fn value(self, value: f64) -> String {
        self.value_to(value, 4)
    }

    /// [`Scale::value`] to `significant` digits ([`format_value_to`]).
    pub fn value_to(self, value: f64, significant: i32) -> String {
        if self.is_noise(value) {
            "0".to_string()
        } else {
            format_value_to(value, significant)
        }
    }

    /// A rate per day over `days` (the slope per day, 1, or per month): `per_day × days`,
    /// `0` when the change it makes over the series' whole span is within [`NOISE`] of the
    /// magnitude (a fit's slope is the values' noise over the span), else [`format_value`].
    pub fn rate(self, per_day: f64, days: f64) -> String {
        if self.is_noise_rate(per_day) {
            "0".to_string()
        } else {
            format_value(per_day * days)
        }
    }

    /// Whether a rate per day changes the series over its whole span by no more than
    /// [`NOISE`] of its magnitude: float noise around zero ([`Scale::rate`]).
    pub fn is_noise_rate(self, per_day: f64) -> bool {
        self.span_days > 0.0 && self.is_noise(per_day * self.span_days)
    }

    /// The scale of the figures fitted on a log scale (the exponential model's slope, R² and
    /// residual spread): differences of logarithms are relative, so of magnitude 1, over the
    /// same span.
    pub fn logarithmic(self) -> Scale {
        Scale {
            magnitude: 1.0,
            span_days: self.span_days,
        }
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

/// A day count with one decimal, never negative: `23.4 days`, `1 day`; under a day in whole
/// hours (`5 hours`, `less than an hour`), so a short span never reads as `0 days`.
pub fn format_days(days: f64) -> String {
    let days = if days.is_finite() { days.max(0.0) } else { 0.0 };
    let hours = days * 24.0;
    if days > 0.0 && hours < 1.0 {
        return "less than an hour".to_string();
    }
    if days > 0.0 && hours.round() < 24.0 {
        return match hours.round() as u32 {
            1 => "1 hour".to_string(),
            h => format!("{h} hours"),
        };
    }
    let text = format!("{days:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text).to_string();
    crate::calc::decimal::days_phrase(&text)
}

/// Reduces a long series for drawing only: for each of `columns` equal slices of the time
/// range it keeps the lowest and the highest point (in time order), so every peak and trough
/// still shows. Series shorter than twice the columns are returned as they are.
pub fn reduce_min_max(points: &[(i64, f64)], columns: usize) -> Vec<(i64, f64)> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let mut reducer = MinMaxReducer::new(points.len(), first.0, last.0, columns);
    for &(t, v) in points {
        reducer.push(t, v);
    }
    reducer.finish()
}

/// The column being reduced: its lowest and highest point so far (the first of equals).
#[derive(Debug, Clone, Copy)]
struct OpenColumn {
    column: usize,
    low: (usize, (i64, f64)),
    high: (usize, (i64, f64)),
}

/// [`reduce_min_max`] one point at a time, for points that arrive in slices: the number of
/// points and the first and last time are known up front.
#[derive(Debug, Clone)]
pub struct MinMaxReducer {
    keep_all: bool,
    columns: usize,
    start: i64,
    span: f64,
    index: usize,
    open: Option<OpenColumn>,
    out: Vec<(i64, f64)>,
}

impl MinMaxReducer {
    /// For `len` points in time order from `start` to `end`.
    pub fn new(len: usize, start: i64, end: i64, columns: usize) -> MinMaxReducer {
        let keep_all = len <= columns.saturating_mul(2) || columns == 0;
        MinMaxReducer {
            keep_all,
            columns,
            start,
            span: (end - start).max(1) as f64,
            index: 0,
            open: None,
            out: Vec::with_capacity(if keep_all { len } else { columns * 2 }),
        }
    }

    fn column_of(&self, t: i64) -> usize {
        (((t - self.start) as f64 / self.span) * self.columns as f64).min(self.columns as f64 - 1.0)
            as usize
    }

    /// The next point.
    pub fn push(&mut self, t: i64, v: f64) {
        if self.keep_all {
            self.out.push((t, v));
            return;
        }
        let column = self.column_of(t);
        let point = (self.index, (t, v));
        self.index += 1;
        match &mut self.open {
            Some(open) if open.column == column => {
                if v < open.low.1 .1 {
                    open.low = point;
                }
                if v > open.high.1 .1 {
                    open.high = point;
                }
            }
            _ => {
                self.close();
                self.open = Some(OpenColumn {
                    column,
                    low: point,
                    high: point,
                });
            }
        }
    }

    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            let (first, second) = if open.low.0 <= open.high.0 {
                (open.low, open.high)
            } else {
                (open.high, open.low)
            };
            self.out.push(first.1);
            if second.0 != first.0 {
                self.out.push(second.1);
            }
        }
    }

    /// The reduced points.
    pub fn finish(mut self) -> Vec<(i64, f64)> {
        self.close();
        self.out
    }
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
        assert_eq!(series.lowest_value(), 1.0);
        assert!(Series::new("x".into(), Clock::Utc, vec![s(1, f64::INFINITY)]).is_none());
        let bounded = vec![s(1, MAX_ABS_VALUE), s(2, -1.5e308), s(3, -MAX_ABS_VALUE)];
        let (series, _) = Series::new("x".into(), Clock::Utc, bounded).unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series.lowest_value(), -MAX_ABS_VALUE);
        let (one, _) = Series::new("x".into(), Clock::Utc, vec![s(5, 0.5)]).unwrap();
        assert_eq!(one.lowest_value(), 0.5);
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
    fn times_after_the_year_9999_are_not_written_as_a_date_in_it() {
        // Dates used to be clamped to 9999-12-31, so a forecast ten years past a series that
        // ends in 9999 read as a time on the last day of 9999.
        assert_eq!(format_time(MAX_TIME_MS), "9999-12-31 23:59:59");
        assert_eq!(format_time(MIN_TIME_MS), "0001-01-01 00:00");
        let cases: &[(i64, &str)] = &[
            (MAX_TIME_MS + 1, "after the year 9999"),
            (MAX_TIME_MS + 3_650 * MS_PER_DAY, "after the year 9999"),
            (i64::MAX, "after the year 9999"),
            (MIN_TIME_MS - 1, "before the year 1"),
        ];
        for (t_ms, expected) in cases {
            assert_eq!(format_time(*t_ms), *expected, "{t_ms}");
            assert_eq!(format_time_on(*t_ms, Clock::Utc), *expected, "{t_ms}");
            assert_eq!(format_time_on(*t_ms, Clock::WallClock), *expected, "{t_ms}");
            assert_eq!(date_of(*t_ms), None, "{t_ms}");
        }
        assert_eq!(
            date_of(MAX_TIME_MS).map(|d| d.to_string()).as_deref(),
            Some("9999-12-31")
        );
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
        assert_eq!(format_days(0.0), "0 days");
        assert_eq!(format_days(0.01), "less than an hour");
        assert_eq!(format_days(1.0 / 24.0), "1 hour");
        assert_eq!(format_days(0.5 / 24.0), "less than an hour");
        assert_eq!(format_days(0.95 / 24.0), "less than an hour");
        assert_eq!(format_days(1.4 / 24.0), "1 hour");
        assert_eq!(format_days(0.25), "6 hours");
        assert_eq!(format_days(0.99), "1 day");
    }

    #[test]
    fn a_figure_others_are_worked_out_from_keeps_more_digits() {
        // "153.5 (the highest forecast, 128, plus 20% headroom)" read as wrong arithmetic.
        let cases = [
            (127.958_333, 4, "128"),
            (127.958_333, 6, "127.958"),
            (34_114.63, 6, "34,114.6"),
            (0.000_123_456_789, 6, "0.000123457"),
            (-2.5, 6, "−2.5"),
            (6.286e18, 6, "6.286e18"),
            (127.958_333, 2, "128"),
        ];
        for (value, digits, text) in cases {
            assert_eq!(format_value_to(value, digits), text, "{value} to {digits}");
        }
        assert_eq!(format_value(127.958_333), format_value_to(127.958_333, 4));
    }

    #[test]
    fn tiny_values_read_in_scientific_notation_and_noise_reads_zero() {
        // A value that is not zero never reads 0 on its own: 4 significant digits, in
        // scientific notation under 10^-6 (a series of values around 1e-12 read
        // "0.000000000003" for a slope of 2.88e-12 and "0" around 1e-15).
        let cases: &[(f64, &str)] = &[
            (2.88e-12, "2.88e-12"),
            (3.162_4e-10, "3.162e-10"),
            (4.8e-15, "4.8e-15"),
            (-1e-13, "−1e-13"),
            (9.999_96e-7, "1e-6"),
            (1e-6, "0.000001"),
            (1.234_5e-6, "0.000001234"),
            (0.000_123_45, "0.0001234"),
            // A subnormal value holds fewer digits than four: it reads with those it holds,
            // never with float noise (the smallest read "4.941e-324").
            (5e-324, "5e-324"),
            (-1.5e-323, "−1.5e-323"),
            (1e-320, "1e-320"),
            (1e-320 / 100.0 * 100.0, "9.88e-321"),
            (2.5e-310, "2.5e-310"),
            (1.234_567e-310, "1.235e-310"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_value(*value), *expected, "{value}");
        }

        // Against the scale of the series, a value within a billionth of its magnitude is
        // float noise around zero: −1e-13 left by a fit of an exact series of values around
        // 1 reads 0; the same figure in a series of values around 1e-12 is a figure.
        let around_one = Scale {
            magnitude: 1.0,
            span_days: 2.0,
        };
        let around_1e_12 = Scale {
            magnitude: 4e-12,
            span_days: 1.0,
        };
        assert_eq!(around_one.value(-0.000_000_000_000_1), "0");
        assert_eq!(around_one.value(0.0), "0");
        assert_eq!(around_one.value(2e-9), "2e-9");
        assert_eq!(around_1e_12.value(-1e-13), "−1e-13");
        assert_eq!(around_1e_12.value(2.88e-12), "2.88e-12");
        assert_eq!(around_1e_12.value(1e-22), "0");
        // A series of zeros has no noise: any other figure is one.
        assert_eq!(Scale::of(0.0).value(1e-300), "1e-300");
        // A rate is noise when it moves the series by a billionth of its magnitude over its
        // span: −1e-13 a day over 2 days at 1 is, 2.88e-12 a day at 4e-12 is not.
        assert_eq!(around_one.rate(-1e-13, 1.0), "0");
        assert_eq!(around_one.rate(-1e-13, 30.0), "0");
        assert_eq!(around_1e_12.rate(2.88e-12, 1.0), "2.88e-12");
        assert_eq!(around_1e_12.rate(2.88e-12, 30.436_875), "8.766e-11");
        // A bytes counter around 1e12 growing 1,000 a day over 90 days is growth.
        let counter = Scale {
            magnitude: 1e12,
            span_days: 90.0,
        };
        assert_eq!(counter.rate(1_000.0, 1.0), "1,000");
        assert_eq!(counter.logarithmic().rate(1e-13, 1.0), "0");
    }

    #[test]
    fn a_series_knows_its_scale() {
        let samples = vec![s(0, -3e-15), s(MS_PER_DAY / 2, 2e-15), s(MS_PER_DAY, 1e-15)];
        let series = Series::new("tiny".into(), Clock::Utc, samples).unwrap().0;
        assert_eq!(series.highest_value(), 2e-15);
        assert_eq!(
            series.scale(),
            Scale {
                magnitude: 3e-15,
                span_days: 1.0
            }
        );
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
            // Minutes are two digits: +05:3 is not +05:03 (nor +05:30).
            ("+05:3", Err(())),
            ("+5:3", Err(())),
            ("+05:", Err(())),
            ("+053", Err(())),
            ("+05:300", Err(())),
            ("+5:30", Ok(330)),
            ("+05", Ok(300)),
            ("two", Err(())),
            ("+", Err(())),
            ("-3.5", Err(())),
            // Found by tests/properties.rs: four bytes that are not four characters panicked.
            ("1Ըg", Err(())),
            ("+1Ըg", Err(())),
        ];
        for (text, expected) in cases {
            assert_eq!(
                UtcOffset::parse(text).map(|o| o.minutes).map_err(|_| ()),
                *expected,
                "{text:?}"
            );
        }
        assert_eq!(
            UtcOffset::parse("+05:3").err(),
            Some("Write the minutes of an offset with two digits, for example +05:30")
        );
        assert_eq!(UtcOffset { minutes: -330 }.to_string(), "-05:30");
    }
}
