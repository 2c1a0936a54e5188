//! An imported series as text, for storage, scenario files and share links.
//!
//! [`SeriesText`] holds the series in a compact line format: `points` has one line per sample,
//! `<milliseconds since the previous sample> <value>` (the first counts from `start_ms`), with
//! values written in Rust's shortest form that reads back exactly (`51.846`, `94.0`, `1e-300`). Scenario files and links
//! carry it as it is (the link's own deflate compresses it); browser storage keeps it deflated
//! and in base64 ([`pack`]), so a 4,000-sample series takes about 15 KB. Reading it back is as
//! strict as any other untrusted input.

use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use miniz_oxide::deflate::core::{
    compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};
use serde::{Deserialize, Serialize};

use crate::calc::capacity::series::{Clock, Sample, Series, MAX_TIME_MS, MIN_TIME_MS};

/// The most samples a scenario file or link may carry inline.
pub const MAX_EMBEDDED_SAMPLES: usize = 200_000;
/// The longest `points` text accepted, in bytes (about 25 bytes per sample at most).
pub const MAX_POINTS_BYTES: usize = 5_000_000;
/// The longest series name kept.
pub const MAX_NAME_CHARS: usize = 200;

/// A series written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesText {
    /// The content id (`Series::content_id`) scenarios refer to it by.
    pub id: String,
    pub name: String,
    /// `wall-clock` or `utc`.
    pub clock: String,
    pub start_ms: i64,
    pub points: String,
}

/// Writes `series` out.
pub fn to_text(series: &Series) -> SeriesText {
    let mut points = String::with_capacity(series.len() * 12);
    let mut previous = series.first_ms();
    for s in series.samples() {
        if !points.is_empty() {
            points.push('\n');
        }
        points.push_str(&(s.t_ms - previous).to_string());
        points.push(' ');
        points.push_str(&format!("{:?}", s.value));
        previous = s.t_ms;
    }
    SeriesText {
        id: series.content_id(),
        name: series.name().to_string(),
        clock: series.clock().slug().to_string(),
        start_ms: series.first_ms(),
        points,
    }
}

/// Reads a series back, checking everything; the error says what is wrong.
pub fn from_text(text: &SeriesText) -> Result<Series, String> {
    let clock = Clock::from_slug(&text.clock).ok_or_else(|| {
        format!(
            "the clock must be wall-clock or utc, not “{}”",
            short(&text.clock)
        )
    })?;
    if text.name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the name is longer than {MAX_NAME_CHARS} characters"
        ));
    }
    if text.points.len() > MAX_POINTS_BYTES {
        return Err("the series is larger than Headroom accepts".to_string());
    }
    if !(MIN_TIME_MS..=MAX_TIME_MS).contains(&text.start_ms) {
        return Err("the start time is out of range".to_string());
    }
    let mut samples = Vec::new();
    let mut t_ms = text.start_ms;
    for (i, line) in text.points.split('\n').enumerate() {
        let bad = |what: &str| format!("line {} of the points: {what}", i + 1);
        if samples.len() >= MAX_EMBEDDED_SAMPLES {
            return Err(format!("more than {MAX_EMBEDDED_SAMPLES} samples"));
        }
        let (delta, value) = line
            .split_once(' ')
            .ok_or_else(|| bad("expected “milliseconds value”"))?;
        let delta: i64 = delta
            .parse()
            .ok()
            .filter(|d| *d >= 0 && delta.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| bad("the time step is not a whole number of milliseconds"))?;
        t_ms = t_ms
            .checked_add(delta)
            .filter(|t| *t <= MAX_TIME_MS)
            .ok_or_else(|| bad("the time is out of range"))?;
        let shaped = value
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'e' | b'E' | b'+'));
        let value: f64 = value
            .parse()
            .ok()
            .filter(|v: &f64| shaped && v.is_finite())
            .ok_or_else(|| bad("the value is not a finite number"))?;
        samples.push(Sample { t_ms, value });
    }
    let name: String = text.name.chars().filter(|c| !c.is_control()).collect();
    let (series, _) = Series::new(name, clock, samples).ok_or("the series is empty")?;
    Ok(series)
}

fn short(text: &str) -> String {
    text.chars().take(20).collect()
}

/// Samples written and deflated per [`Packer::step`] (a few milliseconds of work).
pub const PACK_STEP_SAMPLES: usize = 10_000;

/// Packs a series for storage in steps, so a long series never holds the page for long: the
/// JSON of [`SeriesText`] is written a slice of samples at a time into a streaming deflate.
pub struct Packer {
    series: Arc<Series>,
    next: usize,
    previous_ms: i64,
    compressor: Box<CompressorOxide>,
    output: Vec<u8>,
    out_pos: usize,
    failed: bool,
}

impl Packer {
    pub fn new(series: Arc<Series>) -> Packer {
        let flags = create_comp_flags_from_zip_params(6, 0, 0);
        let previous_ms = series.first_ms();
        Packer {
            series,
            next: 0,
            previous_ms,
            compressor: Box::new(CompressorOxide::new(flags)),
            output: vec![0; 64 * 1024],
            out_pos: 0,
            failed: false,
        }
    }

    /// Packs the next slice of samples; false once everything is packed.
    pub fn step(&mut self) -> bool {
        let samples = self.series.samples();
        if self.next >= samples.len() {
            return false;
        }
        let mut text = String::with_capacity(PACK_STEP_SAMPLES * 16);
        if self.next == 0 {
            let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
            text.push_str(&format!(
                "{{\"id\":{},\"name\":{},\"clock\":{},\"start_ms\":{},\"points\":\"",
                quoted(&self.series.content_id()),
                quoted(self.series.name()),
                quoted(self.series.clock().slug()),
                self.series.first_ms()
            ));
        }
        let end = (self.next + PACK_STEP_SAMPLES).min(samples.len());
        for s in &samples[self.next..end] {
            if self.next > 0 || !text.ends_with('"') {
                // A line break inside the JSON string.
                text.push_str("\\n");
            }
            text.push_str(&(s.t_ms - self.previous_ms).to_string());
            text.push(' ');
            text.push_str(&format!("{:?}", s.value));
            self.previous_ms = s.t_ms;
            self.next += 1;
        }
        let last = self.next >= samples.len();
        if last {
            text.push_str("\"}");
        }
        self.feed(
            text.as_bytes(),
            if last {
                TDEFLFlush::Finish
            } else {
                TDEFLFlush::None
            },
        );
        !last
    }

    fn feed(&mut self, mut input: &[u8], flush: TDEFLFlush) {
        while !self.failed {
            if self.output.len() - self.out_pos < 4096 {
                let size = self.output.len() * 2;
                self.output.resize(size, 0);
            }
            let (status, bytes_in, bytes_out) = compress(
                &mut self.compressor,
                input,
                &mut self.output[self.out_pos..],
                flush,
            );
            self.out_pos += bytes_out;
            input = &input[bytes_in.min(input.len())..];
            match status {
                TDEFLStatus::Done => return,
                TDEFLStatus::Okay
                    if flush == TDEFLFlush::None
                        && input.is_empty()
                        && self.out_pos < self.output.len() =>
                {
                    return
                }
                TDEFLStatus::Okay => {}
                _ => self.failed = true,
            }
        }
    }

    /// The packed text: base64 of the deflated JSON. `None` if deflating failed.
    pub fn finish(mut self) -> Option<String> {
        while self.step() {}
        if self.failed {
            return None;
        }
        Some(STANDARD.encode(&self.output[..self.out_pos]))
    }
}

/// The series deflated and in base64, for browser storage (all at once; see [`Packer`]).
pub fn pack(series: &Series) -> String {
    Packer::new(Arc::new(series.clone()))
        .finish()
        .unwrap_or_default()
}

/// Reads what [`pack`] wrote.
pub fn unpack(packed: &str) -> Result<Series, String> {
    let deflated = STANDARD
        .decode(packed.as_bytes())
        .map_err(|_| "the saved series is damaged (not base64)".to_string())?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_POINTS_BYTES + 10_000)
            .map_err(|_| "the saved series is damaged (it does not unpack)".to_string())?;
    let text: SeriesText = serde_json::from_slice(&json)
        .map_err(|_| "the saved series is damaged (not a series)".to_string())?;
    from_text(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> Series {
        let samples = vec![
            Sample {
                t_ms: 1_392_388_020_000,
                value: 51.846000000000004,
            },
            Sample {
                t_ms: 1_392_388_320_000,
                value: -0.1,
            },
            Sample {
                t_ms: 1_392_388_320_000,
                value: 1e-300,
            },
            Sample {
                t_ms: 1_392_388_920_000,
                value: 123456789.125,
            },
        ];
        Series::new("cpu <b>".into(), Clock::Utc, samples)
            .unwrap()
            .0
    }

    #[test]
    fn round_trips_exactly() {
        let original = series();
        let text = to_text(&original);
        assert_eq!(
            text.points,
            "0 51.846000000000004
300000 -0.1
0 1e-300
600000 123456789.125"
        );
        assert_eq!(from_text(&text).unwrap(), original);
        assert_eq!(unpack(&pack(&original)).unwrap(), original);
        // Packed in steps, a long series reads back the same.
        let long: Vec<Sample> = (0..(3 * PACK_STEP_SAMPLES as i64 + 7))
            .map(|i| Sample {
                t_ms: i * 30_000,
                value: (i % 97) as f64 / 3.0,
            })
            .collect();
        let long = Series::new("long \"quoted\"".into(), Clock::WallClock, long)
            .unwrap()
            .0;
        assert!(
            unpack(&pack(&long)).unwrap() == long,
            "the long series differs"
        );
        assert_eq!(text.id, original.content_id());
    }

    #[test]
    fn damaged_text_is_refused_with_a_reason() {
        let good = to_text(&series());
        let cases: Vec<(SeriesText, &str)> = vec![
            (
                SeriesText {
                    clock: "mars".into(),
                    ..good.clone()
                },
                "the clock",
            ),
            (
                SeriesText {
                    points: "".into(),
                    ..good.clone()
                },
                "line 1",
            ),
            (
                SeriesText {
                    points: "5 x".into(),
                    ..good.clone()
                },
                "not a finite number",
            ),
            (
                SeriesText {
                    points: "5 NaN".into(),
                    ..good.clone()
                },
                "not a finite number",
            ),
            (
                SeriesText {
                    points: "5 inf".into(),
                    ..good.clone()
                },
                "not a finite number",
            ),
            (
                SeriesText {
                    points: "-5 1".into(),
                    ..good.clone()
                },
                "whole number",
            ),
            (
                SeriesText {
                    points: "+5 1".into(),
                    ..good.clone()
                },
                "whole number",
            ),
            (
                SeriesText {
                    points: "0 1\n9223372036854775807 1".into(),
                    ..good.clone()
                },
                "line 2",
            ),
            (
                SeriesText {
                    start_ms: i64::MAX,
                    ..good.clone()
                },
                "out of range",
            ),
            (
                SeriesText {
                    name: "n".repeat(201),
                    ..good.clone()
                },
                "name",
            ),
        ];
        for (text, expected) in cases {
            let error = from_text(&text).unwrap_err();
            assert!(error.contains(expected), "{text:?}: {error}");
        }
        for packed in ["", "!!", "aGVsbG8"] {
            assert!(unpack(packed).is_err(), "{packed}");
        }
    }
}
