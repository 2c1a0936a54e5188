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
use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use serde::{Deserialize, Serialize};

use crate::calc::capacity::series::{
    is_usable_value, Clock, Sample, Series, SeriesSteps, MAX_SAMPLES, MAX_TIME_MS, MIN_TIME_MS,
    TOO_LARGE,
};

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
    let mut points = PointsReader::new(text.start_ms, MAX_EMBEDDED_SAMPLES);
    for line in text.points.split('\n') {
        points.line(line)?;
    }
    let samples = points.samples;
    let name: String = text.name.chars().filter(|c| !c.is_control()).collect();
    let (series, _) = Series::new(name, clock, samples).ok_or("the series is empty")?;
    Ok(series)
}

/// Reads the lines of `points`, `<milliseconds since the previous sample> <value>`, as strictly
/// as untrusted input.
struct PointsReader {
    t_ms: i64,
    samples: Vec<Sample>,
    lines: usize,
    max_samples: usize,
}

impl PointsReader {
    fn new(start_ms: i64, max_samples: usize) -> PointsReader {
        PointsReader {
            t_ms: start_ms,
            samples: Vec::new(),
            lines: 0,
            max_samples,
        }
    }

    /// The next line; the error says which line and what is wrong with it.
    fn line(&mut self, line: &str) -> Result<(), String> {
        self.lines += 1;
        let number = self.lines;
        let bad = |what: &str| format!("line {number} of the points: {what}");
        if self.samples.len() >= self.max_samples {
            return Err(format!("more than {} samples", self.max_samples));
        }
        let (delta, value) = line
            .split_once(' ')
            .ok_or_else(|| bad("expected “milliseconds value”"))?;
        let delta: i64 = delta
            .parse()
            .ok()
            .filter(|d| *d >= 0 && delta.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| bad("the time step is not a whole number of milliseconds"))?;
        self.t_ms = self
            .t_ms
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
        if !is_usable_value(value) {
            return Err(bad(&format!("the value is too large: {TOO_LARGE}")));
        }
        self.samples.push(Sample {
            t_ms: self.t_ms,
            value,
        });
        Ok(())
    }
}

fn short(text: &str) -> String {
    text.chars().take(20).collect()
}

/// Samples written and deflated per [`Packer::step`] (a few milliseconds of work in a browser).
pub const PACK_STEP_SAMPLES: usize = 4_000;

/// Packs a series for storage in steps, so a long series never holds the page for long: the
/// JSON of [`SeriesText`] is written a slice of samples at a time into a streaming deflate.
pub struct Packer {
    series: Arc<Series>,
    id: String,
    next: usize,
    previous_ms: i64,
    compressor: Box<CompressorOxide>,
    output: Vec<u8>,
    out_pos: usize,
    failed: bool,
}

impl Packer {
    /// Packs `series`, whose content id ([`Series::content_id`], which reads every sample) the
    /// caller has worked out already as `id`.
    pub fn new(series: Arc<Series>, id: String) -> Packer {
        let flags = create_comp_flags_from_zip_params(6, 0, 0);
        let previous_ms = series.first_ms();
        Packer {
            series,
            id,
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
                quoted(&self.id),
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
    Packer::new(Arc::new(series.clone()), series.content_id())
        .finish()
        .unwrap_or_default()
}

/// Characters of the packed text decoded per [`Unpacker::step`] (a multiple of 4): about
/// 12 KB deflated.
const UNPACK_STEP_CHARS: usize = 16 * 1024;
/// Bytes inflated (and deflated bytes read) per [`Unpacker::step`], at most about this many
/// (about 5,000 samples to parse).
const UNPACK_STEP_BYTES: usize = 64 * 1024;
/// The longest header before the points, and the longest line of points, in bytes; anything
/// longer is damage (a header holds four short fields; a line at most about 45 characters).
const MAX_HEADER_BYTES: usize = 16 * 1024;
const MAX_LINE_BYTES: usize = 128;
/// Where the points start in the JSON [`Packer`] writes. A `"` inside a JSON string is always
/// escaped, so the first `,"points":"` is the field itself.
const POINTS_FIELD: &[u8] = b",\"points\":\"";

/// The fields [`Packer`] writes before the points.
#[derive(Deserialize)]
struct Header {
    name: String,
    clock: String,
    start_ms: i64,
}

/// What the unpacker is reading.
enum UnpackPhase {
    /// The header, up to the points field.
    Header,
    /// The lines of points, up to the closing quote.
    Points {
        name: String,
        clock: Clock,
        points: PointsReader,
    },
    /// After the points: `}` and the end of the deflate stream.
    Tail {
        name: String,
        clock: Clock,
        samples: Vec<Sample>,
    },
    /// Putting the samples in order (see `SeriesSteps`).
    Building(SeriesSteps),
    Failed(String),
}

/// Reads what [`pack`] wrote in steps, so a million stored samples never hold the page for
/// long: the base64 text is decoded a slice at a time, inflated with miniz_oxide's streaming
/// inflater, and the points are parsed as they arrive, as strictly as [`from_text`] reads them
/// (up to [`MAX_SAMPLES`] samples: the storage limit, not the file limit, bounds a stored series).
pub struct Unpacker {
    packed: Arc<str>,
    read: usize,
    deflated: Vec<u8>,
    deflated_pos: usize,
    inflater: Box<InflateState>,
    stream_ended: bool,
    text: Vec<u8>,
    phase: UnpackPhase,
}

fn damaged(what: &str) -> String {
    format!("the saved series is damaged ({what})")
}

impl Unpacker {
    pub fn new(packed: Arc<str>) -> Unpacker {
        Unpacker {
            packed,
            read: 0,
            deflated: Vec::new(),
            deflated_pos: 0,
            inflater: InflateState::new_boxed(DataFormat::Raw),
            stream_ended: false,
            text: Vec::new(),
            phase: UnpackPhase::Header,
        }
    }

    /// The share of the packed text read, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.read as f64 / self.packed.len().max(1) as f64
    }

    /// Does the next slice of work; false when the series is read (or found damaged).
    pub fn step(&mut self) -> bool {
        if let UnpackPhase::Building(build) = &mut self.phase {
            return build.step();
        }
        if matches!(self.phase, UnpackPhase::Failed(_)) {
            return false;
        }
        if let Err(message) = self.inflate_some().and_then(|()| self.parse()) {
            self.phase = UnpackPhase::Failed(message);
            return false;
        }
        true
    }

    /// Inflates up to [`UNPACK_STEP_BYTES`] more, decoding the next slice of base64 whenever
    /// the inflater has used up what it was given and has no output left to give.
    fn inflate_some(&mut self) -> Result<(), String> {
        let mut output = [0u8; 8 * 1024];
        let mut produced = 0;
        while !self.stream_ended && produced < UNPACK_STEP_BYTES {
            // Called with no input too: the inflater may still hold output from the last input.
            let result = inflate(
                &mut self.inflater,
                &self.deflated[self.deflated_pos..],
                &mut output,
                MZFlush::None,
            );
            self.deflated_pos += result.bytes_consumed;
            // Input counts too, so a stream that inflates to nothing still ends a step.
            produced += result.bytes_written + result.bytes_consumed;
            self.text.extend_from_slice(&output[..result.bytes_written]);
            match result.status {
                Ok(MZStatus::StreamEnd) => {
                    self.stream_ended = true;
                    if self.deflated_pos < self.deflated.len() || self.read < self.packed.len() {
                        return Err(damaged("it goes on after its end"));
                    }
                }
                Ok(_) => {}
                // Nothing more without more input.
                Err(MZError::Buf) => {}
                Err(_) => return Err(damaged("it does not unpack")),
            }
            let stalled = result.bytes_consumed == 0 && result.bytes_written == 0;
            if !self.stream_ended && stalled {
                if self.deflated_pos < self.deflated.len() {
                    return Err(damaged("it does not unpack"));
                }
                self.decode_next()?;
            }
        }
        Ok(())
    }

    /// Decodes the next [`UNPACK_STEP_CHARS`] of base64 for the inflater.
    fn decode_next(&mut self) -> Result<(), String> {
        if self.read >= self.packed.len() {
            return Err(damaged("it ends too soon"));
        }
        let end = (self.read + UNPACK_STEP_CHARS).min(self.packed.len());
        let chunk = self
            .packed
            .as_bytes()
            .get(self.read..end)
            .ok_or_else(|| damaged("not base64"))?;
        self.deflated = STANDARD.decode(chunk).map_err(|_| damaged("not base64"))?;
        self.deflated_pos = 0;
        self.read = end;
        Ok(())
    }

    /// Reads what has been inflated: the header, then every complete line of points, then the
    /// end of the JSON.
    fn parse(&mut self) -> Result<(), String> {
        loop {
            let next = match &mut self.phase {
                UnpackPhase::Header => {
                    let Some(at) = self
                        .text
                        .windows(POINTS_FIELD.len())
                        .position(|w| w == POINTS_FIELD)
                    else {
                        if self.text.len() > MAX_HEADER_BYTES || self.stream_ended {
                            return Err(damaged("not a series"));
                        }
                        return Ok(());
                    };
                    let mut json = self.text[..at].to_vec();
                    json.push(b'}');
                    let header: Header =
                        serde_json::from_slice(&json).map_err(|_| damaged("not a series"))?;
                    self.text.drain(..at + POINTS_FIELD.len());
                    let clock = Clock::from_slug(&header.clock).ok_or_else(|| {
                        format!(
                            "the clock must be wall-clock or utc, not “{}”",
                            short(&header.clock)
                        )
                    })?;
                    if header.name.chars().count() > MAX_NAME_CHARS {
                        return Err(format!(
                            "the name is longer than {MAX_NAME_CHARS} characters"
                        ));
                    }
                    if !(MIN_TIME_MS..=MAX_TIME_MS).contains(&header.start_ms) {
                        return Err("the start time is out of range".to_string());
                    }
                    UnpackPhase::Points {
                        name: header.name,
                        clock,
                        points: PointsReader::new(header.start_ms, MAX_SAMPLES),
                    }
                }
                UnpackPhase::Points {
                    name,
                    clock,
                    points,
                } => {
                    // Lines end with the two characters `\n` of the JSON string, the last one
                    // with the closing quote.
                    let text = &self.text;
                    let (mut start, mut i, mut closed) = (0, 0, false);
                    while i < text.len() {
                        match text[i] {
                            b'\\' if i + 1 >= text.len() => break,
                            b'\\' if text[i + 1] == b'n' => {
                                points.line(line_text(&text[start..i])?)?;
                                i += 2;
                                start = i;
                            }
                            b'\\' => return Err(damaged("not a series")),
                            b'"' => {
                                points.line(line_text(&text[start..i])?)?;
                                start = i + 1;
                                closed = true;
                                break;
                            }
                            _ => i += 1,
                        }
                    }
                    self.text.drain(..start);
                    if !closed {
                        if self.text.len() > MAX_LINE_BYTES || self.stream_ended {
                            return Err(damaged("not a series"));
                        }
                        return Ok(());
                    }
                    UnpackPhase::Tail {
                        name: std::mem::take(name),
                        clock: *clock,
                        samples: std::mem::take(&mut points.samples),
                    }
                }
                UnpackPhase::Tail {
                    name,
                    clock,
                    samples,
                } => {
                    let rest = self.text.trim_ascii();
                    if rest.len() > 1 || rest.first().is_some_and(|b| *b != b'}') {
                        return Err(damaged("not a series"));
                    }
                    if !self.stream_ended {
                        return Ok(());
                    }
                    if rest != b"}" {
                        return Err(damaged("not a series"));
                    }
                    let name: String = name.chars().filter(|c| !c.is_control()).collect();
                    UnpackPhase::Building(SeriesSteps::new(name, *clock, std::mem::take(samples)))
                }
                UnpackPhase::Building(_) | UnpackPhase::Failed(_) => return Ok(()),
            };
            self.phase = next;
        }
    }

    /// The series, reading whatever is left at once; the error says what is damaged.
    pub fn finish(mut self) -> Result<Series, String> {
        while self.step() {}
        match self.phase {
            UnpackPhase::Building(build) => build
                .finish()
                .map(|(series, _)| series)
                .ok_or_else(|| "the series is empty".to_string()),
            UnpackPhase::Failed(message) => Err(message),
            _ => Err(damaged("it ends too soon")),
        }
    }
}

/// One line of points as text (only ASCII is valid there).
fn line_text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|_| damaged("not a series"))
}

/// Reads what [`pack`] wrote, all at once (see [`Unpacker`]).
pub fn unpack(packed: &str) -> Result<Series, String> {
    Unpacker::new(Arc::from(packed)).finish()
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
                    points: "5 1.5e308".into(),
                    ..good.clone()
                },
                "line 1 of the points: the value is too large: Headroom reads values between",
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

    /// `json` deflated and in base64, as [`pack`] stores a series.
    fn packed_json(json: &str) -> String {
        STANDARD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6))
    }

    #[test]
    fn every_kind_of_series_comes_back_from_storage() {
        // Constant values deflate about 100 to 1, so the inflater holds back output after its
        // input is used up; noise barely deflates; repeated times give zero steps.
        type Kind = (&'static str, fn(i64) -> Sample);
        let kinds: [Kind; 3] = [
            ("constant", |i| Sample {
                t_ms: i * 1_000,
                value: 1.0,
            }),
            ("noisy", |i| Sample {
                t_ms: 1_700_000_000_000 + i * 30_000,
                value: ((i.wrapping_mul(2_654_435_761) % 100_003) as f64).sqrt() - 150.0,
            }),
            ("repeated times", |i| Sample {
                t_ms: -86_400_000 + (i / 3) * 60_000,
                value: (i % 7) as f64 * 0.1,
            }),
        ];
        for (kind, sample) in kinds {
            // 250,000 is above the limit of a file or link, not of storage.
            for len in [1, 2, 1_000, 5_000, 20_000, 250_000] {
                let samples: Vec<Sample> = (0..len).map(sample).collect();
                let series = Series::new(format!("{kind} “{len}”"), Clock::Utc, samples)
                    .unwrap()
                    .0;
                let back = unpack(&pack(&series));
                assert!(back.as_ref() == Ok(&series), "{kind} {len}: {back:?}");
            }
        }
    }

    #[test]
    fn damaged_storage_is_refused_with_a_reason() {
        let packed = pack(&series());
        let good = r#"{"id":"x","name":"n","clock":"utc","start_ms":0,"points":"0 1\n5 2"}"#;
        assert_eq!(unpack(&packed_json(good)).unwrap().len(), 2);
        // A line longer than any number is damage, even before it ends.
        let line = format!("0 {}", "1".repeat(100_000));
        let cases: Vec<(String, &str)> = vec![
            (packed[..packed.len() - 4].to_string(), "ends too soon"),
            (format!("{packed}AAAA"), "goes on after its end"),
            (format!("{packed}A"), "not base64"),
            (packed_json(r#"{"id":"x","name":"n"}"#), "not a series"),
            (
                packed_json(&good.replace("0 1", "0 \\u0031")),
                "not a series",
            ),
            (packed_json(&good.replace("0 1", &line)), "not a series"),
            (
                packed_json(&good.replace("}", ",\"more\":1}")),
                "not a series",
            ),
            (
                packed_json(&good.replace("5 2", "5 x")),
                "line 2 of the points",
            ),
            (packed_json(&good.replace("utc", "mars")), "the clock"),
            (
                packed_json(&good.replace(":0,", ":-99999999999999999,")),
                "out of range",
            ),
            (packed_json(&good[..good.len() - 2]), "not a series"),
        ];
        for (packed, expected) in cases {
            let error = unpack(&packed).unwrap_err();
            assert!(error.contains(expected), "{packed}: {error}");
        }
    }
}
