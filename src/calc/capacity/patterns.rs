//! Peak patterns: statistics of the values by hour of day and by weekday, a weekday × hour grid
//! of means, and the peak hours.
//!
//! Hours and weekdays are read on the series' clock shifted by the UTC-offset setting; weekdays
//! run Monday first. The 95th percentile interpolates linearly between ranks (numpy's and
//! pandas' default: rank h = (n − 1) · 0.95); the standard deviation is the sample one (n − 1,
//! pandas' default) and needs two values. Peak hours are the hours whose mean is strictly above
//! the 75th percentile (same interpolation) of the hourly means of the hours that have data.

use super::forecast::SumOfSquares;
use super::series::{hour_and_weekday, Sample, Scale};
use super::steps::{run_pass, unlimited};

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

/// Where a quantile in steps stands.
#[derive(Debug, Clone, Copy, PartialEq)]
enum QuantilePhase {
    /// Quickselect of the rank below the quantile in `range`; `partition` is the three-way
    /// partition under way: [start, lt) below the pivot, [lt, i) equal, [gt, end) above.
    Select {
        range: (usize, usize),
        partition: Option<(f64, usize, usize, usize)>,
    },
    /// The smallest value above the rank (the next rank), from `next` on.
    Above {
        low: f64,
        next: usize,
        min: f64,
    },
    Done(f64),
}

/// The q-th quantile of a group of values in resumable steps, with linear interpolation between
/// ranks as numpy does: rank h = (n − 1)·q, value = v₍⌊h⌋₎ + (h − ⌊h⌋)·(v₍⌊h⌋+1₎ − v₍⌊h⌋₎) in
/// the order of `f64::total_cmp`. The rank below is found by a quickselect whose three-way
/// partitions go a slice at a time (pivots from a fixed pseudo-random sequence), the one above
/// as the smallest value after it; any selection gives the same two values, so the quantile is
/// the same as sorting would give.
#[derive(Debug, Clone)]
pub struct QuantileSteps {
    rank: usize,
    fraction: f64,
    len: usize,
    seed: u64,
    phase: QuantilePhase,
}

impl QuantileSteps {
    /// `None` for an empty group.
    pub fn new(len: usize, q: f64) -> Option<QuantileSteps> {
        if len == 0 {
            return None;
        }
        let rank = (len - 1) as f64 * q.clamp(0.0, 1.0);
        let low = rank.floor() as usize;
        Some(QuantileSteps {
            rank: low,
            fraction: rank - low as f64,
            len,
            seed: 0x9e37_79b9_7f4a_7c15,
            phase: QuantilePhase::Select {
                range: (0, len),
                partition: None,
            },
        })
    }

    /// A pseudo-random index in `start..end` (SplitMix64).
    fn pivot_index(&mut self, start: usize, end: usize) -> usize {
        self.seed = self.seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        start + (z % (end - start) as u64) as usize
    }

    /// Goes on over `values` (the same group at every step; reordered), spending at most
    /// `budget` (one unit per element looked at); the quantile once found.
    pub fn step(&mut self, values: &mut [f64], budget: &mut usize) -> Option<f64> {
        debug_assert_eq!(values.len(), self.len);
        loop {
            match self.phase {
                QuantilePhase::Done(value) => return Some(value),
                QuantilePhase::Select {
                    range: (start, end),
                    partition: None,
                } => {
                    if end - start == 1 {
                        self.phase = self.found(values[start], start + 1);
                        continue;
                    }
                    let pivot = values[self.pivot_index(start, end)];
                    self.phase = QuantilePhase::Select {
                        range: (start, end),
                        partition: Some((pivot, start, start, end)),
                    };
                }
                QuantilePhase::Select {
                    range: (start, end),
                    partition: Some((pivot, mut lt, mut i, mut gt)),
                } => {
                    while i < gt && *budget > 0 {
                        *budget -= 1;
                        match values[i].total_cmp(&pivot) {
                            std::cmp::Ordering::Less => {
                                values.swap(lt, i);
                                lt += 1;
                                i += 1;
                            }
                            std::cmp::Ordering::Greater => {
                                gt -= 1;
                                values.swap(i, gt);
                            }
                            std::cmp::Ordering::Equal => i += 1,
                        }
                    }
                    if i < gt {
                        self.phase = QuantilePhase::Select {
                            range: (start, end),
                            partition: Some((pivot, lt, i, gt)),
                        };
                        return None;
                    }
                    self.phase = if self.rank < lt {
                        QuantilePhase::Select {
                            range: (start, lt),
                            partition: None,
                        }
                    } else if self.rank >= gt {
                        QuantilePhase::Select {
                            range: (gt, end),
                            partition: None,
                        }
                    } else if self.rank + 1 < gt {
                        // The next rank is the pivot too.
                        QuantilePhase::Done(self.interpolate(pivot, pivot))
                    } else {
                        self.found(pivot, gt)
                    };
                }
                QuantilePhase::Above {
                    low,
                    mut next,
                    mut min,
                } => {
                    let done = run_pass(&mut next, self.len, budget, |i| {
                        if values[i].total_cmp(&min).is_lt() {
                            min = values[i];
                        }
                    });
                    self.phase = if done {
                        QuantilePhase::Done(self.interpolate(low, min))
                    } else {
                        QuantilePhase::Above { low, next, min }
                    };
                    if !done {
                        return None;
                    }
                }
            }
        }
    }

    /// The rank below is `low`; every value from `above` on is at or above it.
    fn found(&self, low: f64, above: usize) -> QuantilePhase {
        if self.fraction == 0.0 || self.rank + 1 >= self.len {
            QuantilePhase::Done(low)
        } else {
            QuantilePhase::Above {
                low,
                next: above,
                min: f64::INFINITY,
            }
        }
    }

    fn interpolate(&self, low: f64, high: f64) -> f64 {
        if self.fraction == 0.0 {
            low
        } else {
            low + self.fraction * (high - low)
        }
    }
}

/// The q-th quantile (0 to 1) of `values` with linear interpolation between ranks (numpy's
/// default), all at once. Reorders `values`; `None` when empty.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    let mut steps = QuantileSteps::new(values.len(), q)?;
    loop {
        if let Some(value) = steps.step(values, &mut unlimited()) {
            return Some(value);
        }
    }
}

/// The phases of one group's statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupPhase {
    /// The sum and the maximum.
    SumMax,
    /// The squared deviations from the mean.
    Squares,
    /// The 95th percentile.
    Percentile,
}

/// One group's statistics in resumable steps, each pass in the order of the one-shot sums.
#[derive(Debug, Clone)]
struct GroupSteps {
    phase: GroupPhase,
    next: usize,
    sum: f64,
    max: f64,
    squares: SumOfSquares,
    p95: Option<QuantileSteps>,
}

impl GroupSteps {
    fn new(len: usize) -> GroupSteps {
        GroupSteps {
            phase: GroupPhase::SumMax,
            next: 0,
            // `Iterator::sum` of f64 starts from −0.0.
            sum: -0.0,
            max: f64::NEG_INFINITY,
            squares: SumOfSquares::default(),
            p95: QuantileSteps::new(len, 0.95),
        }
    }

    /// Goes on over the group `values` (the same at every step); the statistics once done,
    /// `Some(None)` for an empty group.
    fn step(&mut self, values: &mut [f64], budget: &mut usize) -> Option<Option<GroupStats>> {
        let count = values.len();
        if count == 0 {
            return Some(None);
        }
        loop {
            match self.phase {
                GroupPhase::SumMax => {
                    let (sum, max) = (&mut self.sum, &mut self.max);
                    if !run_pass(&mut self.next, count, budget, |i| {
                        *sum += values[i];
                        *max = max.max(values[i]);
                    }) {
                        return None;
                    }
                    self.phase = GroupPhase::Squares;
                    self.next = 0;
                }
                GroupPhase::Squares => {
                    let mean = self.sum / count as f64;
                    let squares = &mut self.squares;
                    if count > 1
                        && !run_pass(&mut self.next, count, budget, |i| {
                            squares.add(values[i] - mean);
                        })
                    {
                        return None;
                    }
                    self.phase = GroupPhase::Percentile;
                }
                GroupPhase::Percentile => {
                    let p95 = self.p95.as_mut()?.step(values, budget)?;
                    let mean = self.sum / count as f64;
                    return Some(Some(GroupStats {
                        count,
                        mean,
                        max: self.max,
                        p95,
                        std: (count > 1).then(|| self.squares.root_mean((count - 1) as f64)),
                    }));
                }
            }
        }
    }
}

/// The phases of the patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatternPhase {
    /// Every value into its hour, weekday and weekday × hour cell.
    Group,
    /// The statistics of group `g`: hours 0 to 23, then weekdays 24 to 30.
    Stats(usize),
}

/// The patterns in resumable steps: one pass to group the values, then each group's
/// statistics a slice at a time. [`patterns`] runs it all at once.
#[derive(Debug, Clone)]
pub struct PatternSteps {
    offset_ms: i64,
    phase: PatternPhase,
    next: usize,
    by_hour: Vec<Vec<f64>>,
    by_weekday: Vec<Vec<f64>>,
    cell_sum: Vec<Vec<f64>>,
    cell_count: Vec<Vec<usize>>,
    stats: Vec<Option<GroupStats>>,
    group: Option<GroupSteps>,
}

impl PatternSteps {
    /// The patterns with the clock shifted by `offset_ms`.
    pub fn new(offset_ms: i64) -> PatternSteps {
        PatternSteps {
            offset_ms,
            phase: PatternPhase::Group,
            next: 0,
            by_hour: vec![Vec::new(); 24],
            by_weekday: vec![Vec::new(); 7],
            cell_sum: vec![vec![0.0; 24]; 7],
            cell_count: vec![vec![0; 24]; 7],
            stats: Vec::with_capacity(31),
            group: None,
        }
    }

    /// Goes on over `samples` (the same at every step), spending at most `budget`; the
    /// patterns once done.
    pub fn step(&mut self, samples: &[Sample], budget: &mut usize) -> Option<Patterns> {
        loop {
            match self.phase {
                PatternPhase::Group => {
                    let offset_ms = self.offset_ms;
                    let (by_hour, by_weekday) = (&mut self.by_hour, &mut self.by_weekday);
                    let (cell_sum, cell_count) = (&mut self.cell_sum, &mut self.cell_count);
                    if !run_pass(&mut self.next, samples.len(), budget, |i| {
                        let s = samples[i];
                        let (hour, weekday) = hour_and_weekday(s.t_ms.saturating_add(offset_ms));
                        by_hour[hour].push(s.value);
                        by_weekday[weekday].push(s.value);
                        cell_sum[weekday][hour] += s.value;
                        cell_count[weekday][hour] += 1;
                    }) {
                        return None;
                    }
                    self.phase = PatternPhase::Stats(0);
                }
                PatternPhase::Stats(g) if g < 31 => {
                    let values = if g < 24 {
                        &mut self.by_hour[g]
                    } else {
                        &mut self.by_weekday[g - 24]
                    };
                    let group = self
                        .group
                        .get_or_insert_with(|| GroupSteps::new(values.len()));
                    let stats = group.step(values, budget)?;
                    self.stats.push(stats);
                    self.group = None;
                    self.phase = PatternPhase::Stats(g + 1);
                }
                PatternPhase::Stats(_) => return Some(self.finish()),
            }
        }
    }

    fn finish(&self) -> Patterns {
        let by_hour: Vec<Option<GroupStats>> = self.stats[..24].to_vec();
        let by_weekday: Vec<Option<GroupStats>> = self.stats[24..].to_vec();
        let heat = (0..7)
            .map(|d| {
                (0..24)
                    .map(|h| {
                        (self.cell_count[d][h] > 0)
                            .then(|| self.cell_sum[d][h] / self.cell_count[d][h] as f64)
                    })
                    .collect()
            })
            .collect();
        let mut means: Vec<f64> = by_hour.iter().flatten().map(|g| g.mean).collect();
        // Hourly means that differ only by float noise (a constant series, or one with noise
        // of 1e-12 on 42) have no peak: none stands out.
        let (low, high) = means
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &m| {
                (lo.min(m), hi.max(m))
            });
        let flat = Scale::of(low.abs().max(high.abs())).is_noise(high - low);
        let peak_threshold = if flat {
            None
        } else {
            quantile(&mut means, 0.75)
        };
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
}

/// The patterns of `samples`, with the clock shifted by `offset_ms`, all at once.
pub fn patterns(samples: &[Sample], offset_ms: i64) -> Patterns {
    let mut steps = PatternSteps::new(offset_ms);
    loop {
        if let Some(patterns) = steps.step(samples, &mut unlimited()) {
            return patterns;
        }
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
    fn the_selection_in_slices_gives_what_sorting_gives() {
        // Values with many ties (and both zeros), every length up to 70, every slice size up to
        // 9: the rank below and the one above are those of the sorted values.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            [0.0, -0.0, 1.0, 2.5, -3.0, 1e9, 1.0 / 3.0][(seed % 7) as usize]
        };
        for len in 1..=70 {
            let values: Vec<f64> = (0..len).map(|_| next()).collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for q in [0.0, 0.1, 0.25, 0.5, 0.75, 0.95, 1.0] {
                let rank = (len - 1) as f64 * q;
                let (low, fraction) = (rank.floor() as usize, rank - rank.floor());
                let expected = if fraction == 0.0 {
                    sorted[low]
                } else {
                    sorted[low] + fraction * (sorted[low + 1] - sorted[low])
                };
                for slice in 1..=9 {
                    let mut v = values.clone();
                    let mut steps = QuantileSteps::new(len, q).unwrap();
                    let got = loop {
                        if let Some(found) = steps.step(&mut v, &mut slice.clone()) {
                            break found;
                        }
                    };
                    assert_eq!(
                        got.to_bits(),
                        expected.to_bits(),
                        "{values:?} q={q} slice={slice}"
                    );
                }
            }
        }
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
    fn the_spread_of_an_hour_does_not_depend_on_the_values_magnitude() {
        // The squares of deviations near 1e-300 underflowed to 0: a spread of 0 for values
        // that differ as much, relative to their size, as 4 and 6 do.
        let monday = 4 * 24 * MS_PER_HOUR;
        for scale in [1e-300, 1e-200, 1.0, 1e90] {
            let s = [4.0, 6.0].map(|v| Sample {
                t_ms: monday,
                value: v * scale,
            });
            let std = patterns(&s, 0).by_hour[0].as_ref().unwrap().std.unwrap();
            let relative = std / (2f64.sqrt() * scale);
            assert!((relative - 1.0).abs() < 1e-12, "{scale}: {std}");
        }
    }

    #[test]
    fn means_that_differ_only_by_float_noise_have_no_peak_hours() {
        // 42 with noise of about 1e-12 listed six "peak hours" (its noise); a swing of 1 in 42
        // still has its peaks.
        let series = |swing: f64| -> Vec<Sample> {
            (0..24 * 14)
                .map(|h: i64| Sample {
                    t_ms: h * MS_PER_HOUR,
                    value: 42.0
                        + ((h * 7_919) % 13) as f64 * 1e-13
                        + swing * ((h % 24) / 18) as f64,
                })
                .collect()
        };
        let flat = patterns(&series(0.0), 0);
        assert!(flat.peak_hours.is_empty(), "{:?}", flat.peak_hours);
        assert_eq!(flat.peak_threshold, None);
        let swinging = patterns(&series(1.0), 0);
        assert_eq!(swinging.peak_hours, vec![18, 19, 20, 21, 22, 23]);
    }

    #[test]
    fn peak_hours_read_as_ranges() {
        assert_eq!(hour_ranges(&[17, 18, 19, 22]), "17:00-19:59, 22:00-22:59");
        assert_eq!(hour_ranges(&[]), "");
    }
}
