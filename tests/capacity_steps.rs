//! A long series is read and analysed a slice at a time so the page stays responsive (see
//! `calc::capacity::steps`). Slicing must never change a figure: the analysis done in slices of
//! any size (one sample, sizes that do not divide the length, longer than the series) is bit for
//! bit the one done at once, and a series put in order in slices is the one a plain stable sort
//! gives. "Bit for bit" compares the whole result through its `Debug` text, which writes every
//! float in the shortest form that reads back to the same bits (so 0.0 and -0.0 differ).
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use headroom::calc::capacity::series::{
    is_usable_value, Clock, Sample, Series, SeriesSteps, UtcOffset, MAX_TIME_MS, MIN_TIME_MS,
};
use headroom::calc::capacity::sheet::{analyse, AnalysisSteps};
use headroom::calc::capacity::steps::STEP_SAMPLES;
use headroom::formats::metrics;

const MINUTE_MS: i64 = 60_000;
/// 2024-01-01 00:00 UTC, a Monday.
const START_MS: i64 = 1_704_067_200_000;

/// A fixed pseudo-random sequence in [0, 1) (SplitMix64), so every run tests the same series.
fn noise(seed: &mut u64) -> f64 {
    *seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

fn nab(file: &str) -> Series {
    let path = format!("{}/tests/data/nab/{file}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    metrics::read_all(&bytes)
        .unwrap()
        .take(0, file)
        .unwrap()
        .series
}

fn series(name: &str, samples: Vec<Sample>) -> Series {
    Series::new(name.to_string(), Clock::Utc, samples)
        .unwrap()
        .0
}

/// Series that reach every branch of the analysis: weekly and daily seasons, the exponential
/// fit refused (values at or below 0), too short for the seasonal model, no variance, all at
/// one time, too few samples, and many equal values (ties in every percentile, with 0.0 and
/// -0.0 both present).
fn every_kind_of_series() -> Vec<Series> {
    let mut seed = 7;
    let mut kinds = vec![
        nab("ec2_cpu_utilization_5f5533.csv"),
        nab("elb_request_count_8c0756.csv"),
        nab("nyc_taxi.csv"),
    ];
    // 40,000 minutes (about 28 days, so hour-of-week buckets), a third of them repeating the
    // time before, trend, daily wave and noise.
    kinds.push(series(
        "weekly",
        (0..40_000)
            .map(|i: i64| {
                let t_ms = START_MS + (i - i / 3) * MINUTE_MS;
                let wave = (i as f64 / 1_440.0 * std::f64::consts::TAU).sin();
                Sample {
                    t_ms,
                    value: 50.0 + 0.001 * i as f64 + 20.0 * wave + 5.0 * noise(&mut seed),
                }
            })
            .collect(),
    ));
    kinds.push(series(
        "daily, crossing zero",
        (0..5_000)
            .map(|i: i64| Sample {
                t_ms: START_MS + i * MINUTE_MS,
                value: noise(&mut seed) - 0.5,
            })
            .collect(),
    ));
    kinds.push(series(
        "one day",
        (0..1_440)
            .map(|i: i64| Sample {
                t_ms: START_MS + i * MINUTE_MS,
                value: 3.0 + noise(&mut seed),
            })
            .collect(),
    ));
    kinds.push(series(
        "ties",
        (0..9_999)
            .map(|i: i64| Sample {
                t_ms: START_MS + i * 5 * MINUTE_MS,
                value: [0.0, -0.0, 1.5, 1.5, -2.0][(noise(&mut seed) * 5.0) as usize],
            })
            .collect(),
    ));
    let flat = |name: &str, len: i64, step_ms: i64| {
        series(
            name,
            (0..len)
                .map(|i| Sample {
                    t_ms: START_MS + i * step_ms,
                    value: 4.0,
                })
                .collect(),
        )
    };
    kinds.push(flat("constant", 3_000, MINUTE_MS));
    kinds.push(flat("one time", 50, 0));
    for len in 1..=5 {
        kinds.push(series(
            "few",
            (0..len)
                .map(|i| Sample {
                    t_ms: START_MS + i * 3_600_000,
                    value: (i * i) as f64,
                })
                .collect(),
        ));
    }
    kinds
}

#[test]
fn an_analysis_in_slices_of_any_size_is_the_analysis_at_once() {
    let offsets = [
        UtcOffset { minutes: 0 },
        UtcOffset { minutes: 330 },
        UtcOffset { minutes: -600 },
    ];
    for (k, series) in every_kind_of_series().into_iter().enumerate() {
        let n = series.len();
        let shared = Arc::new(series);
        // Three offsets on the first series, one on each of the others, to keep the test quick.
        let tried = if k == 0 { &offsets[..] } else { &offsets[1..2] };
        for &offset in tried {
            let at_once = format!("{:?}", analyse(&shared, offset));
            let sizes = [
                1,
                2,
                3,
                7,
                1_000,
                4_097,
                STEP_SAMPLES,
                n.max(2) - 1,
                n,
                n + 1,
            ];
            for size in sizes {
                let mut steps = AnalysisSteps::new(shared.clone(), offset);
                let mut count = 1;
                while steps.step_by(size) {
                    count += 1;
                }
                let sliced = format!("{:?}", steps.finish());
                assert!(
                    sliced == at_once,
                    "{} ({n} samples, offset {offset:?}) in slices of {size} differs",
                    shared.name()
                );
                // The work really is sliced: three fits, three backtests and four lines
                // for drawing each go over most samples at least once.
                if n >= 1_000 {
                    assert!(count >= 8 * n / size, "{} steps of {size}", count);
                }
            }
        }
    }
}

/// The one-shot rule of `Series::new`, written plainly: drop what is not usable or out of range,
/// sort stably by time, count the samples that repeat the time before.
fn plainly(mut samples: Vec<Sample>) -> (Vec<Sample>, bool, u64, Option<i64>) {
    samples.retain(|s| is_usable_value(s.value) && (MIN_TIME_MS..=MAX_TIME_MS).contains(&s.t_ms));
    let unsorted = samples.windows(2).any(|w| w[1].t_ms < w[0].t_ms);
    samples.sort_by_key(|s| s.t_ms);
    let repeats: Vec<i64> = samples
        .windows(2)
        .filter(|w| w[1].t_ms == w[0].t_ms)
        .map(|w| w[0].t_ms)
        .collect();
    (
        samples,
        unsorted,
        repeats.len() as u64,
        repeats.first().copied(),
    )
}

#[test]
fn a_series_sorted_in_slices_is_the_series_sorted_at_once() {
    let mut seed = 11;
    // Shuffled times with many repeats (stability decides the order of equal times), values
    // that are not finite, times out of range.
    let shuffled: Vec<Sample> = (0..20_000)
        .map(|i| {
            let value = match i % 97 {
                0 => f64::NAN,
                1 => f64::INFINITY,
                _ => i as f64,
            };
            let t_ms = match i % 101 {
                0 => MAX_TIME_MS + 1,
                _ => START_MS + (noise(&mut seed) * 5_000.0) as i64 * MINUTE_MS,
            };
            Sample { t_ms, value }
        })
        .collect();
    let sorted: Vec<Sample> = (0..3_000)
        .map(|i| Sample {
            t_ms: START_MS + (i / 2) * MINUTE_MS,
            value: -(i as f64),
        })
        .collect();
    for samples in [shuffled, sorted, Vec::new()] {
        let (expected, unsorted, repeats, first_repeat) = plainly(samples.clone());
        let n = samples.len();
        for size in [1, 5, 1_023, 1_024, 1_025, STEP_SAMPLES, n + 1] {
            let mut steps = SeriesSteps::new("s".into(), Clock::Utc, samples.clone());
            while steps.step_by(size) {}
            match steps.finish() {
                Some((series, report)) => {
                    assert!(
                        series.samples() == expected,
                        "{n} samples in slices of {size}"
                    );
                    assert_eq!(
                        (
                            report.was_unsorted,
                            report.duplicate_times,
                            report.first_duplicate_ms
                        ),
                        (unsorted, repeats, first_repeat)
                    );
                }
                None => assert!(expected.is_empty()),
            }
        }
    }
}
