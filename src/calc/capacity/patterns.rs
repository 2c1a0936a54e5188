//! Peak patterns: statistics of the values by hour of day and by weekday, a weekday × hour grid
//! of means, and the peak hours.
//!
//! Hours and weekdays are read on the series' clock shifted by the UTC-offset setting; weekdays
//! run Monday first. The 95th percentile interpolates linearly between ranks (numpy's and
//! pandas' default: rank h = (n − 1) · 0.95); the standard deviation is the sample one (n − 1,
//! pandas' default) and needs two values. Peak hours are the hours whose mean is strictly above
//! the 75th percentile (same interpolation) of the hourly means of the hours that have data.

use super::series::{hour_and_weekday, Sample};

/// Statistics of one group of values.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupStats {
    pub count: usize,
    pub mean: f64,
    pub max: f64,
    pub p95: f64,
    /// Sample standard deviation; `None` for a single value.
    pub std: Option<f64>,
}

/// The peak patterns of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Patterns {
    /// Index 0 is 00:00-00:59.
    pub by_hour: Vec<Option<GroupStats>>,
    /// Index 0 is Monday.
    pub by_weekday: Vec<Option<GroupStats>>,
    /// Mean by weekday (rows, Monday first) and hour (columns).
    pub heat: Vec<Vec<Option<f64>>>,
    /// The 75th percentile of the hourly means.
    pub peak_threshold: Option<f64>,
    /// Hours whose mean is above the threshold, in order.
    pub peak_hours: Vec<usize>,
}

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The q-th quantile (0 to 1) of `values` with linear interpolation between ranks (numpy's
/// default). Reorders `values`; `None` when empty.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let rank = (values.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let low = rank.floor() as usize;
    let fraction = rank - low as f64;
    let (_, &mut low_value, upper) = values.select_nth_unstable_by(low, f64::total_cmp);
    if fraction == 0.0 || upper.is_empty() {
        return Some(low_value);
    }
    let high_value = upper.iter().copied().fold(f64::INFINITY, f64::min);
    Some(low_value + fraction * (high_value - low_value))
}

fn stats(values: &mut [f64]) -> Option<GroupStats> {
    if values.is_empty() {
        return None;
    }
    let count = values.len();
    let mean = values.iter().sum::<f64>() / count as f64;
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let std = (count > 1).then(|| {
        let squares: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        (squares / (count - 1) as f64).sqrt()
    });
    let p95 = quantile(values, 0.95)?;
    Some(GroupStats {
        count,
        mean,
        max,
        p95,
        std,
    })
}

/// The patterns of `samples`, with the clock shifted by `offset_ms`.
pub fn patterns(samples: &[Sample], offset_ms: i64) -> Patterns {
    let mut by_hour: Vec<Vec<f64>> = vec![Vec::new(); 24];
    let mut by_weekday: Vec<Vec<f64>> = vec![Vec::new(); 7];
    let mut cell_sum = vec![vec![0.0f64; 24]; 7];
    let mut cell_count = vec![vec![0usize; 24]; 7];
    for s in samples {
        let (hour, weekday) = hour_and_weekday(s.t_ms.saturating_add(offset_ms));
        by_hour[hour].push(s.value);
        by_weekday[weekday].push(s.value);
        cell_sum[weekday][hour] += s.value;
        cell_count[weekday][hour] += 1;
    }
    let by_hour: Vec<Option<GroupStats>> = by_hour.iter_mut().map(|v| stats(v)).collect();
    let by_weekday: Vec<Option<GroupStats>> = by_weekday.iter_mut().map(|v| stats(v)).collect();
    let heat = (0..7)
        .map(|d| {
            (0..24)
                .map(|h| (cell_count[d][h] > 0).then(|| cell_sum[d][h] / cell_count[d][h] as f64))
                .collect()
        })
        .collect();
    let mut means: Vec<f64> = by_hour.iter().flatten().map(|g| g.mean).collect();
    let peak_threshold = quantile(&mut means, 0.75);
    let peak_hours = match peak_threshold {
        Some(threshold) => by_hour
            .iter()
            .enumerate()
            .filter(|(_, g)| g.as_ref().is_some_and(|g| g.mean > threshold))
            .map(|(h, _)| h)
            .collect(),
        None => Vec::new(),
    };
    Patterns {
        by_hour,
        by_weekday,
        heat,
        peak_threshold,
        peak_hours,
    }
}

/// Peak hours as ranges: `[17, 18, 19, 22]` -> `17:00-19:59, 22:00-22:59`.
pub fn hour_ranges(hours: &[usize]) -> String {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &h in hours {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == h => *end = h,
            _ => ranges.push((h, h)),
        }
    }
    ranges
        .iter()
        .map(|(a, b)| format!("{a:02}:00-{b:02}:59"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::capacity::series::MS_PER_HOUR;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.percentile(v, [95, 75, 50, 0, 100]) for v = [1, 2, 3, 4, 10]:
        // 8.799999999999999, 4.0, 3.0, 1.0, 10.0.
        let cases: &[(f64, f64)] = &[
            (0.95, 8.799999999999999),
            (0.75, 4.0),
            (0.5, 3.0),
            (0.0, 1.0),
            (1.0, 10.0),
        ];
        for (q, expected) in cases {
            let mut v = vec![10.0, 3.0, 1.0, 4.0, 2.0];
            let got = quantile(&mut v, *q).unwrap();
            assert!((got - expected).abs() < 1e-12, "{q}: {got}");
        }
        assert_eq!(quantile(&mut [], 0.5), None);
        assert_eq!(quantile(&mut [7.0], 0.95), Some(7.0));
    }

    #[test]
    fn groups_by_hour_and_weekday_with_the_offset() {
        // 1970-01-05 was a Monday. Two samples at 23:30 Monday; +01:00 moves them to Tuesday 00:30.
        let monday = 4 * 24 * MS_PER_HOUR;
        let s = vec![
            Sample {
                t_ms: monday + 23 * MS_PER_HOUR + 1_800_000,
                value: 4.0,
            },
            Sample {
                t_ms: monday + 7 * 24 * MS_PER_HOUR + 23 * MS_PER_HOUR,
                value: 6.0,
            },
        ];
        let p = patterns(&s, 0);
        assert_eq!(p.by_hour[23].as_ref().unwrap().count, 2);
        assert_eq!(p.by_weekday[0].as_ref().unwrap().mean, 5.0);
        assert_eq!(p.heat[0][23], Some(5.0));
        let shifted = patterns(&s, MS_PER_HOUR);
        assert_eq!(shifted.by_hour[0].as_ref().unwrap().count, 2);
        assert_eq!(shifted.by_weekday[1].as_ref().unwrap().max, 6.0);
        assert_eq!(
            shifted.by_weekday[1].as_ref().unwrap().std,
            Some(2f64.sqrt())
        );
        assert!(shifted.by_weekday[0].is_none());
    }

    #[test]
    fn peak_hours_read_as_ranges() {
        assert_eq!(hour_ranges(&[17, 18, 19, 22]), "17:00-19:59, 22:00-22:59");
        assert_eq!(hour_ranges(&[]), "");
    }
}
