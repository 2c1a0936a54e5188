//! Prometheus HTTP API answers to a range query (`/api/v1/query_range`): `{"status":
//! "success", "data": {"resultType": "matrix", "result": [{"metric": {...}, "values": [[t,
//! "v"], ...]}, ...]}}`, or the bare `data` object. Times are Unix seconds; values are strings
//! and may be `NaN`, `+Inf` or `-Inf`, which are skipped and counted. Native histogram samples
//! (`histograms`) are counted as unreadable: the page fits numbers.
//!
//! The JSON is read by a small resumable tokenizer and a pushdown state machine, so a file of any
//! size can be fed in slices and no tree of the whole document is built. Every series of the
//! result is kept; the person picks one by its labels.

use super::csv::parse_value;
use super::timestamp::{self, Stamp};
use super::{Collector, ImportError};

/// The deepest nesting accepted (a Prometheus answer needs 7).
const MAX_DEPTH: usize = 64;
/// The longest single string or number accepted, in bytes.
const MAX_TOKEN_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    BeginObject,
    EndObject,
    BeginArray,
    EndArray,
    Colon,
    Comma,
    Str(String),
    Num(String),
    Literal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// After `{`: a name or `}`.
    KeyOrEnd,
    /// After `,` in an object: a name.
    Key,
    Colon,
    /// After `:` in an object, or after `,` in an array.
    Value,
    /// After `[`: a value or `]`.
    ValueOrEnd,
    CommaOrEnd,
}

#[derive(Debug, Clone)]
enum Frame {
    Object {
        expect: Expect,
        key: String,
    },
    Array {
        expect: Expect,
        index: usize,
        len: usize,
    },
}

/// One series of the result while it is read.
#[derive(Debug, Default)]
struct SeriesState {
    labels: Vec<(String, String)>,
}

/// Reads a Prometheus answer fed in slices.
#[derive(Debug)]
pub struct PromReader {
    buf: Vec<u8>,
    line: u64,
    stack: Vec<Frame>,
    root_done: bool,
    error: Option<ImportError>,
    status: Option<String>,
    error_text: Option<String>,
    error_type: Option<String>,
    result_type: Option<String>,
    saw_result: bool,
    series: Vec<SeriesState>,
    pending_time: Option<Result<Stamp, String>>,
    pending_value: Option<Result<Option<f64>, String>>,
    /// Native histogram samples seen (`histograms`), which are not read.
    histogram_samples: u64,
}

impl Default for PromReader {
    fn default() -> Self {
        PromReader {
            buf: Vec::new(),
            line: 1,
            stack: Vec::new(),
            root_done: false,
            error: None,
            status: None,
            error_text: None,
            error_type: None,
            result_type: None,
            saw_result: false,
            series: Vec::new(),
            pending_time: None,
            pending_value: None,
            histogram_samples: 0,
        }
    }
}

/// Where a scalar or a container end sits in a Prometheus answer.
enum Slot {
    Status,
    ErrorText,
    ErrorType,
    ResultType,
    ResultArray,
    Label { series: usize, name: String },
    SamplePart { part: usize },
    Sample { series: usize, sample: usize },
    HistogramSample { series: usize, sample: usize },
    VectorValue,
    Other,
}

impl PromReader {
    pub fn feed(&mut self, slice: &[u8], collector: &mut Collector) {
        if self.error.is_some() {
            return;
        }
        self.buf.extend_from_slice(slice);
        self.run(false, collector);
    }

    pub fn finish(&mut self, collector: &mut Collector) -> Result<(), ImportError> {
        if self.error.is_none() {
            self.run(true, collector);
        }
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        if !self.root_done {
            return Err(ImportError::Json {
                line: self.line,
                reason: "the text ends before the JSON is complete".to_string(),
            });
        }
        if self.status.as_deref() == Some("error") || self.error_text.is_some() {
            let kind = self.error_type.clone().unwrap_or_default();
            let text = self.error_text.clone().unwrap_or_default();
            let message = match (kind.is_empty(), text.is_empty()) {
                (false, false) => format!("{kind}: {text}"),
                (true, false) => text,
                (false, true) => kind,
                (true, true) => "no reason given".to_string(),
            };
            return Err(ImportError::PrometheusError(timestamp::shorten(&message)));
        }
        match self.result_type.as_deref() {
            Some("matrix") => {}
            Some(other) => return Err(ImportError::NotMatrix(timestamp::shorten(other))),
            None if !self.saw_result => return Err(ImportError::NotPrometheus),
            None => {}
        }
        if !self.saw_result {
            return Err(ImportError::NotPrometheus);
        }
        if self.series.is_empty() {
            return Err(ImportError::NoSeries);
        }
        if collector.rows == 0 {
            return Err(ImportError::NoSamples);
        }
        if collector.rows == self.histogram_samples {
            return Err(ImportError::OnlyHistograms);
        }
        // Name each series by its labels, the way Prometheus writes them.
        for candidate in &mut collector.candidates {
            let Some(index) = candidate
                .label
                .strip_prefix('#')
                .and_then(|i| i.parse::<usize>().ok())
            else {
                continue;
            };
            if let Some(series) = self.series.get(index) {
                candidate.label = series_label(&series.labels);
            }
        }
        Ok(())
    }

    fn fail(&mut self, reason: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(ImportError::Json {
                line: self.line,
                reason: reason.into(),
            });
        }
    }

    fn run(&mut self, eof: bool, collector: &mut Collector) {
        let mut pos = 0;
        loop {
            match next_token(&self.buf, &mut pos, &mut self.line, eof) {
                Ok(Some(token)) => {
                    self.on_token(token, collector);
                    if self.error.is_some() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(reason) => {
                    self.fail(reason);
                    break;
                }
            }
        }
        self.buf.drain(..pos);
        if self.buf.len() > MAX_TOKEN_BYTES {
            self.fail("a single string or number is longer than 1 MB");
        }
    }

    fn on_token(&mut self, token: Token, collector: &mut Collector) {
        let Some(top) = self.stack.last_mut() else {
            if self.root_done {
                return self.fail("more data after the end of the JSON");
            }
            return self.value(token, collector);
        };
        match top {
            Frame::Object { expect, key } => match (*expect, token) {
                (Expect::KeyOrEnd | Expect::Key, Token::Str(name)) => {
                    *key = name;
                    *expect = Expect::Colon;
                }
                (Expect::KeyOrEnd | Expect::CommaOrEnd, Token::EndObject) => self.end(collector),
                (Expect::Colon, Token::Colon) => *expect = Expect::Value,
                (Expect::Value, token) => self.value(token, collector),
                (Expect::CommaOrEnd, Token::Comma) => *expect = Expect::Key,
                (Expect::Colon, _) => self.fail("expected “:” after a name"),
                (Expect::CommaOrEnd, _) => self.fail("expected “,” or “}”"),
                _ => self.fail("expected a name in double quotes"),
            },
            Frame::Array { expect, index, .. } => match (*expect, token) {
                (Expect::ValueOrEnd | Expect::CommaOrEnd, Token::EndArray) => self.end(collector),
                (Expect::ValueOrEnd | Expect::Value, token) => self.value(token, collector),
                (Expect::CommaOrEnd, Token::Comma) => {
                    *index += 1;
                    *expect = Expect::Value;
                }
                _ => self.fail("expected “,” or “]”"),
            },
        }
    }

    fn value(&mut self, token: Token, collector: &mut Collector) {
        match self.stack.last_mut() {
            Some(Frame::Object { expect, .. }) => *expect = Expect::CommaOrEnd,
            Some(Frame::Array { expect, len, .. }) => {
                *expect = Expect::CommaOrEnd;
                *len += 1;
            }
            None => {}
        }
        match token {
            Token::BeginObject | Token::BeginArray => {
                if self.stack.len() >= MAX_DEPTH {
                    return self.fail("the JSON is nested too deeply");
                }
                if matches!(self.slot(), Slot::ResultArray) {
                    self.saw_result = true;
                }
                if let Slot::Sample { .. } = self.slot() {
                    self.pending_time = None;
                    self.pending_value = None;
                }
                self.stack.push(if token == Token::BeginObject {
                    Frame::Object {
                        expect: Expect::KeyOrEnd,
                        key: String::new(),
                    }
                } else {
                    Frame::Array {
                        expect: Expect::ValueOrEnd,
                        index: 0,
                        len: 0,
                    }
                });
                self.note_series();
            }
            Token::Str(_) | Token::Num(_) | Token::Literal => {
                self.scalar(token, collector);
                if self.stack.is_empty() {
                    self.root_done = true;
                }
            }
            _ => self.fail("expected a value"),
        }
    }

    /// A container ended.
    fn end(&mut self, collector: &mut Collector) {
        let ended = self.stack.pop();
        match self.slot() {
            Slot::Sample { series, sample } => {
                let pair = matches!(ended, Some(Frame::Array { len: 2, .. }));
                self.sample(series, sample, pair, collector);
            }
            Slot::HistogramSample { series, sample } => {
                self.histogram_sample(series, sample, collector)
            }
            _ => {}
        }
        if self.stack.is_empty() {
            self.root_done = true;
        }
    }

    /// One entry of a `values` list ended: an array of two (`pair`) or anything else, which is
    /// counted and listed like a sample whose time or value cannot be read.
    fn sample(&mut self, series: usize, sample: usize, pair: bool, collector: &mut Collector) {
        let at = format!("series {}, sample {}", series + 1, sample + 1);
        collector.rows += 1;
        let time = self.pending_time.take();
        let value = self.pending_value.take();
        match (pair, time, value) {
            (true, Some(time), Some(value)) => {
                collector.add(&format!("#{series}"), &at, time, value)
            }
            _ => collector.problem(at, "a sample must be [time, \"value\"]".to_string()),
        }
    }

    /// Counts a native histogram sample as unreadable: the page fits numbers, and a histogram's
    /// buckets are not one.
    fn histogram_sample(&mut self, series: usize, sample: usize, collector: &mut Collector) {
        self.histogram_samples += 1;
        collector.rows += 1;
        collector.problem(
            format!("series {}, histogram sample {}", series + 1, sample + 1),
            "a native histogram, which Headroom does not read".to_string(),
        );
    }

    /// Makes sure a state exists for a series as soon as its object starts.
    fn note_series(&mut self) {
        let p = self.prefix();
        let frames = &self.stack[p..];
        if frames.len() == 3 && key(&frames[0]) == Some("result") {
            if let Some(i) = index(&frames[1]) {
                while self.series.len() <= i {
                    self.series.push(SeriesState::default());
                }
            }
        }
    }

    /// 1 when the root object's current member is `data`, else 0 (a bare data object).
    fn prefix(&self) -> usize {
        match self.stack.first() {
            Some(Frame::Object { key, .. }) if key == "data" => 1,
            _ => 0,
        }
    }

    /// Where the next value goes (or where the container just closed was).
    fn slot(&self) -> Slot {
        let p = self.prefix();
        let frames = &self.stack[p..];
        if p == 0 && frames.len() == 1 {
            match key(&frames[0]) {
                Some("status") => return Slot::Status,
                Some("error") => return Slot::ErrorText,
                Some("errorType") => return Slot::ErrorType,
                _ => {}
            }
        }
        match frames {
            [f] if key(f) == Some("resultType") => Slot::ResultType,
            [f] if key(f) == Some("result") => Slot::ResultArray,
            [r, s, m, l] if key(r) == Some("result") && key(m) == Some("metric") => {
                match (index(s), key(l)) {
                    (Some(series), Some(name)) => Slot::Label {
                        series,
                        name: name.to_string(),
                    },
                    _ => Slot::Other,
                }
            }
            [r, s, v, j, k] if key(r) == Some("result") && key(v) == Some("values") => {
                match (index(s), index(j), index(k)) {
                    (Some(_), Some(_), Some(part)) => Slot::SamplePart { part },
                    _ => Slot::Other,
                }
            }
            [r, s, v, j] if key(r) == Some("result") => match (index(s), key(v), index(j)) {
                (Some(series), Some("values"), Some(sample)) => Slot::Sample { series, sample },
                (Some(series), Some("histograms"), Some(sample)) => {
                    Slot::HistogramSample { series, sample }
                }
                _ => Slot::Other,
            },
            [r, _, v, _] if key(r) == Some("result") && key(v) == Some("value") => {
                Slot::VectorValue
            }
            _ => Slot::Other,
        }
    }

    fn scalar(&mut self, token: Token, collector: &mut Collector) {
        let text = match &token {
            Token::Str(s) | Token::Num(s) => Some(s.as_str()),
            _ => None,
        };
        match self.slot() {
            Slot::Status => self.status = text.map(str::to_string),
            Slot::ErrorText => self.error_text = text.map(str::to_string),
            Slot::ErrorType => self.error_type = text.map(str::to_string),
            Slot::ResultType => self.result_type = text.map(str::to_string),
            Slot::Label { series, name } => {
                if let (Some(state), Some(value)) = (self.series.get_mut(series), text) {
                    state.labels.push((name, value.to_string()));
                }
            }
            Slot::SamplePart { part: 0, .. } => {
                self.pending_time = Some(match text {
                    Some(t) => timestamp::parse_epoch(t.trim()).ok_or_else(|| {
                        format!("“{}” is not a Unix time in seconds", timestamp::shorten(t))
                    }),
                    None => Err("the time is not a number".to_string()),
                });
            }
            Slot::SamplePart { part: 1, .. } => {
                self.pending_value = Some(match text {
                    Some(v) => parse_value(v, false),
                    None => Err("the value is not a string or number".to_string()),
                });
            }
            Slot::Sample { series, sample } => self.sample(series, sample, false, collector),
            Slot::HistogramSample { series, sample } => {
                self.histogram_sample(series, sample, collector)
            }
            Slot::VectorValue if self.result_type.is_none() => {
                self.result_type = Some("vector".to_string());
            }
            _ => {}
        }
    }
}

fn key(frame: &Frame) -> Option<&str> {
    match frame {
        Frame::Object { key, .. } => Some(key),
        Frame::Array { .. } => None,
    }
}

fn index(frame: &Frame) -> Option<usize> {
    match frame {
        Frame::Array { index, .. } => Some(*index),
        Frame::Object { .. } => None,
    }
}

/// `name{label="value", ...}` as Prometheus writes a series; `{}` without labels.
pub fn series_label(labels: &[(String, String)]) -> String {
    let name = labels
        .iter()
        .find(|(k, _)| k == "__name__")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let rest: Vec<String> = labels
        .iter()
        .filter(|(k, _)| k != "__name__")
        .map(|(k, v)| format!("{k}=\"{v}\""))
        .collect();
    if rest.is_empty() && !name.is_empty() {
        name.to_string()
    } else {
        format!("{name}{{{}}}", rest.join(", "))
    }
}

/// The next token from `buf` at `pos`. `Ok(None)` when more input is needed (or, at the end of
/// the file, when there is nothing left); `pos` then stays at the unfinished token.
fn next_token(
    buf: &[u8],
    pos: &mut usize,
    line: &mut u64,
    eof: bool,
) -> Result<Option<Token>, String> {
    while let Some(&b) = buf.get(*pos) {
        match b {
            b'\n' => *line += 1,
            b' ' | b'\t' | b'\r' => {}
            _ => break,
        }
        *pos += 1;
    }
    let Some(&first) = buf.get(*pos) else {
        return Ok(None);
    };
    let simple = match first {
        b'{' => Some(Token::BeginObject),
        b'}' => Some(Token::EndObject),
        b'[' => Some(Token::BeginArray),
        b']' => Some(Token::EndArray),
        b':' => Some(Token::Colon),
        b',' => Some(Token::Comma),
        _ => None,
    };
    if let Some(token) = simple {
        *pos += 1;
        return Ok(Some(token));
    }
    match first {
        b'"' => {
            let Some((text, end)) = read_string(buf, *pos + 1)? else {
                if eof {
                    return Err("a string is not closed".to_string());
                }
                return Ok(None);
            };
            *pos = end;
            Ok(Some(Token::Str(text)))
        }
        b'-' | b'0'..=b'9' => {
            let len = buf[*pos..]
                .iter()
                .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .count();
            if *pos + len == buf.len() && !eof {
                return Ok(None);
            }
            let text = String::from_utf8_lossy(&buf[*pos..*pos + len]).into_owned();
            *pos += len;
            Ok(Some(Token::Num(text)))
        }
        b't' | b'f' | b'n' => {
            let word: &[u8] = match first {
                b't' => b"true",
                b'f' => b"false",
                _ => b"null",
            };
            let available = &buf[*pos..];
            if available.len() < word.len() {
                if word.starts_with(available) && !eof {
                    return Ok(None);
                }
                return Err("unexpected text (expected true, false or null)".to_string());
            }
            if &available[..word.len()] != word {
                return Err("unexpected text (expected true, false or null)".to_string());
            }
            *pos += word.len();
            Ok(Some(Token::Literal))
        }
        _ => unexpected_character(&buf[*pos..], eof),
    }
}

/// Why the character at the start of `rest` cannot begin a JSON value. `Ok(None)` when the
/// slice ends inside that character: the message must not depend on where slices are cut.
fn unexpected_character(rest: &[u8], eof: bool) -> Result<Option<Token>, String> {
    let head = &rest[..rest.len().min(4)];
    if let Some(ch) = head
        .utf8_chunks()
        .next()
        .and_then(|c| c.valid().chars().next())
    {
        return Err(format!("unexpected character {}", name_character(ch)));
    }
    let cut = std::str::from_utf8(head).is_err_and(|e| e.error_len().is_none());
    if cut && !eof {
        return Ok(None);
    }
    Err(format!(
        "unexpected byte 0x{:02X}, which is not UTF-8 text",
        head[0]
    ))
}

/// A character as a person can find it in an editor: itself in quotes, with its code point
/// unless it is ASCII, or the code point alone when it cannot be seen (a control, space or
/// format character, such as a byte order mark in the middle of a file).
fn name_character(ch: char) -> String {
    let code = format!("U+{:04X}", u32::from(ch));
    let invisible = matches!(
        ch,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
    );
    if ch.is_ascii_graphic() {
        format!("“{ch}”")
    } else if invisible || ch.is_control() || ch.is_whitespace() {
        code
    } else {
        format!("“{ch}” ({code})")
    }
}

/// Reads a string whose text starts at `start` (after the opening quote). `Ok(None)` when the
/// closing quote is not in `buf` yet.
fn read_string(buf: &[u8], start: usize) -> Result<Option<(String, usize)>, String> {
    let mut bytes = Vec::new();
    let mut i = start;
    while i < buf.len() {
        match buf[i] {
            b'"' => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| "a string is not UTF-8 text".to_string())?;
                return Ok(Some((text, i + 1)));
            }
            b'\\' => {
                let Some(&escape) = buf.get(i + 1) else {
                    return Ok(None);
                };
                let simple = match escape {
                    b'"' => Some(b'"'),
                    b'\\' => Some(b'\\'),
                    b'/' => Some(b'/'),
                    b'b' => Some(8),
                    b'f' => Some(12),
                    b'n' => Some(b'\n'),
                    b'r' => Some(b'\r'),
                    b't' => Some(b'\t'),
                    b'u' => None,
                    _ => return Err("a string has an unknown escape".to_string()),
                };
                if let Some(b) = simple {
                    bytes.push(b);
                    i += 2;
                    continue;
                }
                let Some(hex) = buf.get(i + 2..i + 6) else {
                    return Ok(None);
                };
                let unit = hex_unit(hex)?;
                i += 6;
                let code = if (0xD800..0xDC00).contains(&unit) {
                    // A surrogate pair: the low half must follow.
                    let Some(next) = buf.get(i..i + 6) else {
                        return Ok(None);
                    };
                    if next[0] != b'\\' || next[1] != b'u' {
                        return Err("a string has half a surrogate pair".to_string());
                    }
                    let low = hex_unit(&next[2..6])?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err("a string has half a surrogate pair".to_string());
                    }
                    i += 6;
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    unit
                };
                let ch = char::from_u32(code)
                    .ok_or_else(|| "a string has a bad \\u escape".to_string())?;
                let mut encoded = [0u8; 4];
                bytes.extend_from_slice(ch.encode_utf8(&mut encoded).as_bytes());
            }
            b if b < 0x20 => return Err("a string holds a control character".to_string()),
            b => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    Ok(None)
}

fn hex_unit(hex: &[u8]) -> Result<u32, String> {
    let text = std::str::from_utf8(hex).map_err(|_| "a string has a bad \\u escape".to_string())?;
    u32::from_str_radix(text, 16).map_err(|_| "a string has a bad \\u escape".to_string())
}
