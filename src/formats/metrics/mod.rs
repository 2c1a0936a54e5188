//! Metric exports: CSV/TSV and Prometheus range-query JSON, read into series.
//!
//! A file is read in two steps. [`sniff`] looks at its first part and says what it is (for a
//! CSV, which columns hold the time and the value). An [`Importer`] then takes the whole text
//! in slices of any size (so the page can show progress and stay responsive) and collects the
//! samples of every series in the file; [`Parsed::take`] turns the one the person picks into a
//! sorted [`Series`]. Rows that cannot be read are counted, and the first few kept with where
//! they are and why; `NaN` and infinite values are skipped and counted; a file with no usable
//! row is an error.

pub mod csv;
pub mod prometheus;
pub mod report;
#[cfg(test)]
mod tests;
pub mod timestamp;

use std::collections::HashMap;
use std::fmt;

use crate::calc::capacity::series::{
    format_time_on, Clock, OrderReport, Sample, Series, SeriesSteps, MAX_SAMPLES,
};
use crate::calc::decimal::{counted, format_count};
// The UTF-8 byte order mark, which some tools (Excel, PowerShell) write at the start of a file.
use crate::formats::encoding::{self, Utf16Decoder, UTF8_MARK as BOM};
pub use csv::CsvLayout;
use timestamp::Stamp;

/// How many unreadable rows are kept with their reason; the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 5;
/// The most series one file may split into.
pub const MAX_SERIES: usize = 1_000;
/// How much of a file is read first for [`sniff`]: the first lines of most files, by far.
pub const SNIFF_BYTES: usize = 64 * 1024;
/// The most of a file read for [`sniff`] when its first lines are longer (see
/// [`sniff_window`]), so that a file of one long line is not read whole to find its columns.
pub const MAX_SNIFF_BYTES: usize = 1024 * 1024;

/// What kind of file it is, and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    Csv(CsvLayout),
    PrometheusJson,
}

impl Format {
    /// A short description for the page.
    pub fn describe(&self) -> String {
        match self {
            Format::Csv(layout) => format!(
                "CSV, {} separated, {}",
                layout.delimiter_name(),
                if layout.has_header {
                    "with a header row"
                } else {
                    "without a header row"
                }
            ),
            Format::PrometheusJson => "Prometheus range-query JSON".to_string(),
        }
    }
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Empty,
    Binary,
    /// Text in UTF-16 or UTF-32 (named): a byte order mark, or a start that reads as mostly
    /// ASCII text in that encoding (zero bytes beside each ASCII character).
    WideText(&'static str),
    /// A UTF-16 byte order mark followed by a UTF-8 one: the file is in neither encoding whole.
    MixedMarks,
    OneColumn,
    /// Rows split into different numbers of fields with every delimiter tried: the widths of
    /// the first row and of the first row that differs from it, with its row number (1-based).
    Ragged {
        delimiter: char,
        first: usize,
        row: usize,
        width: usize,
    },
    /// No column reads as timestamps; `example` is the cells of the first data row, row `row`
    /// of the file (1-based), shortened; `flaw` a cell of the first rows shaped like a
    /// timestamp that cannot be read, with why.
    NoTimeColumn {
        row: usize,
        example: Vec<String>,
        flaw: Option<(String, String)>,
        /// A cell of that row that is a Unix time before 1973 (its text and time), which is
        /// read as a time only in a column named as one.
        small_epoch: Option<(String, i64)>,
    },
    NoValueColumn,
    Json {
        line: u64,
        reason: String,
    },
    PrometheusError(String),
    NotMatrix(String),
    NotPrometheus,
    NoSeries,
    /// Every series of a Prometheus answer has an empty `values` list.
    NoSamples,
    /// A Prometheus answer's samples are all native histograms (`histograms`).
    OnlyHistograms,
    TooManySamples,
    /// Line `line` (1-based) of a CSV export does not end within the first `read_bytes` bytes,
    /// all that is read to find the columns ([`MAX_SNIFF_BYTES`]), and no data row before it.
    LineTooLong {
        line: usize,
        read_bytes: usize,
    },
    NoUsableRows(Problems),
    NoSuchSeries,
}

/// A size in bytes as said of what is read: `1 MB`, `64 KB` (of 1,024), `1,000 bytes`.
fn size_in_words(bytes: usize) -> String {
    const KB: usize = 1024;
    match bytes {
        0 => "0 bytes".to_string(),
        _ if bytes.is_multiple_of(KB * KB) => {
            format!("{} MB", format_count((bytes / KB / KB) as u64))
        }
        _ if bytes.is_multiple_of(KB) => format!("{} KB", format_count((bytes / KB) as u64)),
        _ => counted(bytes as u64, "byte", "bytes"),
    }
}

/// Names listed in words: `a, b or c`.
fn or_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

impl ImportError {
    /// The message for an import of `source`, a file's name or [`report::PASTED_TEXT`]: what
    /// is said of a file is said of pasted text in its own words, never as "the file".
    pub fn describe(&self, source: &str) -> String {
        if source != report::PASTED_TEXT {
            return self.to_string();
        }
        match self {
            ImportError::Empty => "The pasted text is empty".to_string(),
            ImportError::Binary => "The pasted text holds a NUL character, which no CSV, TSV or \
                                    JSON text does"
                .to_string(),
            ImportError::WideText(encoding) => format!(
                "The pasted text reads as {encoding} text (a zero byte beside each character): \
                 paste it as plain text"
            ),
            ImportError::MixedMarks => "The pasted text starts with two byte order marks, \
                                        UTF-16 and then UTF-8: paste it as plain text"
                .to_string(),
            ImportError::TooManySamples => format!(
                "The pasted text holds more than {} samples, more than Headroom reads",
                format_count(MAX_SAMPLES as u64)
            ),
            ImportError::NoSuchSeries => "That series is not in the pasted text".to_string(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => f.write_str("The file is empty"),
            ImportError::Binary => {
                f.write_str("This is not a text file: expected CSV, TSV or JSON")
            }
            ImportError::WideText(encoding) => write!(
                f,
                "This file is {encoding} text, and Headroom reads UTF-8: save it as UTF-8 (in \
                 Excel, “CSV UTF-8”) and import it again"
            ),
            ImportError::MixedMarks => f.write_str(
                "This file starts with two byte order marks, UTF-16 and then UTF-8, so it is in \
                 neither encoding whole: save it as UTF-8 (in Excel, “CSV UTF-8”) and import it \
                 again",
            ),
            ImportError::OneColumn => f.write_str(
                "Only one column was found: a CSV export needs a timestamp column and a value \
                 column, separated by commas, semicolons or tabs",
            ),
            ImportError::Ragged {
                delimiter,
                first,
                row,
                width,
            } => {
                let name = match delimiter {
                    '\t' => "tabs".to_string(),
                    ';' => "semicolons".to_string(),
                    ',' => "commas".to_string(),
                    other => format!("“{other}”"),
                };
                write!(
                    f,
                    "The rows do not have the same number of fields: split at {name}, row 1 has \
                     {first} and row {row} has {width}. Check the delimiter and that text with \
                     a delimiter in it is in double quotes"
                )
            }
            ImportError::NoTimeColumn {
                row,
                example,
                flaw,
                small_epoch,
            } => {
                f.write_str(
                    "No column holds timestamps (ISO 8601 dates, YYYY-MM-DD HH:MM:SS, or Unix \
                     seconds or milliseconds)",
                )?;
                if !example.is_empty() {
                    let cells: Vec<String> = example.iter().map(|c| format!("“{c}”")).collect();
                    let which = if *row > 1 {
                        format!("row {row}, the first after the header,")
                    } else {
                        "row 1".to_string()
                    };
                    write!(f, "; {which} reads {}", cells.join(", "))?;
                }
                if let Some((cell, why)) = flaw {
                    write!(
                        f,
                        ". “{cell}” looks like a timestamp but cannot be read: {why}"
                    )?;
                }
                if let Some((cell, t_ms)) = small_epoch {
                    write!(
                        f,
                        ". “{cell}” would be Unix time {}: numbers below 100,000,000 (before \
                         1973-03-03) are read as times only in a column whose header names it \
                         as one ({})",
                        format_time_on(*t_ms, Clock::Utc),
                        or_list(&csv::TIME_NAMES)
                    )?;
                }
                Ok(())
            }
            ImportError::NoValueColumn => {
                f.write_str("No column besides the timestamp holds numbers")
            }
            ImportError::Json { line, reason } => {
                write!(f, "Not valid JSON (line {line}): {reason}")
            }
            ImportError::PrometheusError(message) => {
                write!(f, "This Prometheus answer is an error, not data: {message}")
            }
            ImportError::NotMatrix(kind) => write!(
                f,
                "This Prometheus answer is a “{kind}” result; export a range query \
                 (/api/v1/query_range), whose result type is “matrix”"
            ),
            ImportError::NotPrometheus => f.write_str(
                "This JSON is not a Prometheus API answer: expected data.resultType and \
                 data.result",
            ),
            ImportError::NoSeries => f.write_str("The Prometheus answer holds no series"),
            ImportError::NoSamples => f.write_str(
                "The Prometheus answer's series hold no samples (every “values” list is empty): \
                 check the query's time range and step",
            ),
            ImportError::OnlyHistograms => f.write_str(
                "The Prometheus answer holds only native histogram samples, which Headroom does \
                 not read: export a query that gives numbers, such as \
                 histogram_quantile(0.95, rate(x[5m])) or histogram_count(rate(x[5m]))",
            ),
            ImportError::TooManySamples => write!(
                f,
                "The file holds more than {} samples, more than Headroom reads",
                format_count(MAX_SAMPLES as u64)
            ),
            ImportError::LineTooLong { line, read_bytes } => write!(
                f,
                "Line {line} does not end within the first {}, which is what Headroom reads to \
                 find the columns: a metric export's header and rows are much shorter, each on a \
                 line of its own",
                size_in_words(*read_bytes)
            ),
            ImportError::NoUsableRows(problems) => {
                write!(
                    f,
                    "No usable rows: {}",
                    if problems.count == 1 {
                        "the only row could not be read".to_string()
                    } else {
                        format!(
                            "none of the {} rows could be read",
                            format_count(problems.count)
                        )
                    }
                )?;
                if let Some(first) = problems.listed.first() {
                    write!(f, " ({first})")?;
                }
                Ok(())
            }
            ImportError::NoSuchSeries => f.write_str("That series is not in the file"),
        }
    }
}

/// Rows that could not be read: how many, and the first few with where and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub count: u64,
    pub listed: Vec<Problem>,
}

/// One unreadable row: `row 17` or `series 2, sample 5`, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.reason)
    }
}

/// The samples of one series found in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The series' name: the CSV value column (and series name), or Prometheus labels.
    pub label: String,
    pub samples: Vec<Sample>,
    /// `NaN` and infinite values skipped.
    pub non_finite: u64,
}

/// Everything read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub format: Format,
    pub candidates: Vec<Candidate>,
    pub problems: Problems,
    /// Data rows (or Prometheus samples) seen.
    pub rows: u64,
    /// The clock of the timestamps (`None` when none was read).
    pub clock: Option<Clock>,
}

/// A series ready for the page, with what was noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub series: Series,
    pub order: OrderReport,
    pub problems: Problems,
    pub non_finite: u64,
    pub rows: u64,
}

impl Parsed {
    /// The candidate at `index` as a sorted series named `name`, all at once.
    pub fn take(&self, index: usize, name: &str) -> Result<Imported, ImportError> {
        let mut taking = self.take_steps(index, name)?;
        while taking.step() {}
        taking.finish()
    }

    /// [`Parsed::take`] in steps (see [`Taking`]).
    pub fn take_steps(&self, index: usize, name: &str) -> Result<Taking, ImportError> {
        let candidate = self
            .candidates
            .get(index)
            .ok_or(ImportError::NoSuchSeries)?;
        let clock = self.clock.unwrap_or(Clock::WallClock);
        Ok(Taking {
            build: SeriesSteps::new(name.to_string(), clock, candidate.samples.clone()),
            problems: self.problems.clone(),
            non_finite: candidate.non_finite,
            rows: self.rows,
        })
    }
}

/// A candidate being made a series: checked, sorted and checked for repeated times a slice at
/// a time (see [`SeriesSteps`]), so a million unsorted rows never hold the page for long.
pub struct Taking {
    build: SeriesSteps,
    problems: Problems,
    non_finite: u64,
    rows: u64,
}

impl Taking {
    /// Does the next slice of work; false when all is done.
    pub fn step(&mut self) -> bool {
        self.build.step()
    }

    /// The series, finishing any steps not done yet.
    pub fn finish(self) -> Result<Imported, ImportError> {
        let Some((series, order)) = self.build.finish() else {
            return Err(ImportError::NoUsableRows(self.problems));
        };
        Ok(Imported {
            series,
            order,
            problems: self.problems,
            non_finite: self.non_finite,
            rows: self.rows,
        })
    }
}

/// Gathers samples by series while a file is read.
#[derive(Debug, Default)]
pub struct Collector {
    candidates: Vec<Candidate>,
    index: HashMap<String, usize>,
    problems: Problems,
    rows: u64,
    clock: Option<Clock>,
    samples: usize,
    too_many: bool,
}

impl Collector {
    fn problem(&mut self, at: String, reason: String) {
        self.problems.count += 1;
        if self.problems.listed.len() < MAX_LISTED_PROBLEMS {
            self.problems.listed.push(Problem { at, reason });
        }
    }

    fn candidate(&mut self, label: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(label) {
            return Some(i);
        }
        if self.candidates.len() >= MAX_SERIES {
            return None;
        }
        self.candidates.push(Candidate {
            label: label.to_string(),
            samples: Vec::new(),
            non_finite: 0,
        });
        self.index
            .insert(label.to_string(), self.candidates.len() - 1);
        Some(self.candidates.len() - 1)
    }

    /// Records one sample (or why it was skipped) of series `label` at `at`.
    fn add(
        &mut self,
        label: &str,
        at: &str,
        time: Result<Stamp, String>,
        value: Result<Option<f64>, String>,
    ) {
        let stamp = match time {
            Ok(stamp) => stamp,
            Err(reason) => return self.problem(at.to_string(), reason),
        };
        let (clock, t_ms) = match stamp {
            Stamp::Wall(ms) => (Clock::WallClock, ms),
            Stamp::Utc(ms) => (Clock::Utc, ms),
        };
        match self.clock {
            None => self.clock = Some(clock),
            Some(Clock::WallClock) if clock == Clock::Utc => return self.problem(
                at.to_string(),
                "the timestamp has a UTC offset (or is a Unix time), but the first rows have none"
                    .to_string(),
            ),
            Some(Clock::Utc) if clock == Clock::WallClock => {
                return self.problem(
                    at.to_string(),
                    "the timestamp has no UTC offset, but the first rows have one".to_string(),
                )
            }
            Some(_) => {}
        }
        let value = match value {
            Ok(value) => value,
            Err(reason) => return self.problem(at.to_string(), reason),
        };
        let Some(index) = self.candidate(label) else {
            return self.problem(
                at.to_string(),
                format!("more than {MAX_SERIES} series in one import"),
            );
        };
        match value {
            None => self.candidates[index].non_finite += 1,
            Some(value) => {
                if self.samples >= MAX_SAMPLES {
                    self.too_many = true;
                    return;
                }
                self.samples += 1;
                self.candidates[index].samples.push(Sample { t_ms, value });
            }
        }
    }

    fn finish(self, format: Format) -> Result<Parsed, ImportError> {
        if self.too_many {
            return Err(ImportError::TooManySamples);
        }
        let candidates: Vec<Candidate> = self
            .candidates
            .into_iter()
            .filter(|c| !c.samples.is_empty())
            .collect();
        if candidates.is_empty() {
            let mut problems = self.problems;
            if problems.count == 0 && self.rows > 0 {
                problems.count = self.rows;
                problems.listed.push(Problem {
                    at: "every row".to_string(),
                    reason: "the value is NaN or infinite".to_string(),
                });
            }
            return Err(ImportError::NoUsableRows(problems));
        }
        Ok(Parsed {
            format,
            candidates,
            problems: self.problems,
            rows: self.rows,
            clock: self.clock,
        })
    }
}

/// Says what the file starting with `head` is. `complete` is true when `head` is the whole file.
/// UTF-16 with its byte order mark is read as the same text in UTF-8 would be (a character cut
/// at the end of an incomplete `head` is left out); other wide text is [`ImportError::WideText`].
/// How much to read first: [`sniff_window`].
pub fn sniff(head: &[u8], complete: bool) -> Result<Format, ImportError> {
    let kind = match kind_of(head, complete)? {
        Kind::Json => return Ok(Format::PrometheusJson),
        Kind::Text(text) => text,
    };
    csv::sniff(&kind, complete)
        .map(Format::Csv)
        .map_err(|e| match e {
            // Said of the bytes read, not of their text in UTF-8.
            ImportError::LineTooLong { line, .. } => ImportError::LineTooLong {
                line,
                read_bytes: head.len(),
            },
            other => other,
        })
}

/// What a file's first bytes say it is, before a CSV's layout is looked for.
enum Kind {
    Json,
    /// Text to read as CSV, as UTF-8 (bytes that are not, a Latin-1 or Windows-1252 export, as
    /// U+FFFD: they only ever appear in names and labels, and the numbers are ASCII), without a
    /// byte order mark; whole characters only.
    Text(String),
}

fn kind_of(head: &[u8], complete: bool) -> Result<Kind, ImportError> {
    if let Some(order) = encoding::utf16_mark(head) {
        if head[encoding::UTF16_MARK_BYTES..].starts_with(BOM) {
            return Err(ImportError::MixedMarks);
        }
        let text = encoding::utf16_text(&head[encoding::UTF16_MARK_BYTES..], order, complete);
        // UTF-8 never holds the bytes FF and FE, so the text cannot start with a UTF-16 mark.
        return kind_of(text.as_bytes(), complete);
    }
    let head = head.strip_prefix(BOM).unwrap_or(head);
    if let Some(encoding) = encoding::wide_encoding(head) {
        return Err(ImportError::WideText(encoding));
    }
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None if complete => Err(ImportError::Empty),
        Some(_) if head.contains(&0) => Err(ImportError::Binary),
        Some(b'{') | Some(b'[') => Ok(Kind::Json),
        // Text, or blank lines so far: the CSV sniffer names the line cut after them.
        _ => {
            // A slice may end inside a multi-byte character; only whole characters are read.
            let whole = match std::str::from_utf8(head) {
                Err(e) if !complete && e.error_len().is_none() => &head[..e.valid_up_to()],
                _ => head,
            };
            Ok(Kind::Text(String::from_utf8_lossy(whole).into_owned()))
        }
    }
}

/// How many of the first bytes of a file of `total_bytes` [`sniff`] should be given, when
/// `head` is read so far (at first, its [`SNIFF_BYTES`]): `head`'s length when it holds the
/// lines a CSV's layout is found from (or is JSON, or is refused whatever follows), else
/// twice as much, up to the whole file or [`MAX_SNIFF_BYTES`]. Read on until it says no more:
/// a file whose first lines are long is then sniffed as one whose lines are short.
pub fn sniff_window(head: &[u8], total_bytes: usize) -> usize {
    let most = total_bytes.min(MAX_SNIFF_BYTES);
    // Lines that end within `head` and hold more than blanks, as the sniffer skips blank ones.
    let lines = |text: String| {
        let ended = text.rsplit_once('\n').map_or("", |(ended, _)| ended);
        ended
            .split('\n')
            .filter(|line| !line.trim().is_empty())
            .count()
    };
    let wants_lines = match kind_of(head, false) {
        Ok(Kind::Text(text)) => lines(text) < csv::SNIFF_LINES + 1,
        Ok(Kind::Json) | Err(_) => false,
    };
    if head.len() >= most || !wants_lines {
        return head.len();
    }
    (head.len().max(SNIFF_BYTES / 2) * 2).min(most)
}

/// [`sniff`] for a file held whole: it is given the part the page would read ([`sniff_window`]).
pub fn sniff_whole(file: &[u8]) -> Result<Format, ImportError> {
    let mut read = file.len().min(SNIFF_BYTES);
    loop {
        let wanted = sniff_window(&file[..read], file.len());
        if wanted <= read {
            break;
        }
        read = wanted;
    }
    sniff(&file[..read], read == file.len())
}

/// Reads a whole file fed in slices: UTF-8, or UTF-16 with its byte order mark, decoded to
/// UTF-8 as it comes and then read as a UTF-8 file would be.
pub struct Importer {
    format: Format,
    reader: Reader,
    collector: Collector,
    bytes: u64,
    decoding: Decoding,
    /// The text's first bytes while they may still be the start of a UTF-8 byte order mark (a
    /// slice may end inside it); `None` once the mark is skipped or known to be absent.
    head: Option<Vec<u8>>,
}

/// How the bytes fed become UTF-8 text.
enum Decoding {
    /// The file's first bytes (fewer than a UTF-16 byte order mark) until they tell whether it
    /// starts with one. Two bytes tell it: [`sniff`] has refused UTF-32, whose little-endian
    /// mark starts as UTF-16's does.
    Undecided(Vec<u8>),
    Utf8,
    /// UTF-16 after its mark, and a buffer for its text in UTF-8.
    Utf16(Utf16Decoder, String),
}

enum Reader {
    Csv(Box<csv::CsvReader>),
    Prometheus(Box<prometheus::PromReader>),
}

impl Importer {
    pub fn new(format: Format) -> Importer {
        let reader = match &format {
            Format::Csv(layout) => Reader::Csv(Box::new(csv::CsvReader::new(layout.clone()))),
            Format::PrometheusJson => Reader::Prometheus(Box::default()),
        };
        Importer {
            format,
            reader,
            collector: Collector::default(),
            bytes: 0,
            decoding: Decoding::Undecided(Vec::new()),
            head: Some(Vec::new()),
        }
    }

    /// Reads the next slice of the file (slices may cut rows and characters anywhere).
    pub fn feed(&mut self, slice: &[u8]) {
        self.bytes += slice.len() as u64;
        self.decode(slice);
    }

    /// Passes the next slice of the file's bytes on as UTF-8 text.
    fn decode(&mut self, slice: &[u8]) {
        match &mut self.decoding {
            Decoding::Utf8 => self.skip_mark(slice),
            Decoding::Utf16(decoder, buffer) => {
                let mut text = std::mem::take(buffer);
                decoder.decode(slice, &mut text);
                self.skip_mark(text.as_bytes());
                text.clear();
                if let Decoding::Utf16(_, buffer) = &mut self.decoding {
                    *buffer = text;
                }
            }
            Decoding::Undecided(first) => {
                let wanted = encoding::UTF16_MARK_BYTES - first.len();
                let (start, rest) = slice.split_at(wanted.min(slice.len()));
                first.extend_from_slice(start);
                if first.len() < encoding::UTF16_MARK_BYTES {
                    return;
                }
                let first = std::mem::take(first);
                match encoding::utf16_mark(&first) {
                    Some(order) => {
                        self.decoding = Decoding::Utf16(Utf16Decoder::new(order), String::new());
                    }
                    None => {
                        self.decoding = Decoding::Utf8;
                        self.skip_mark(&first);
                    }
                }
                self.decode(rest);
            }
        }
    }

    /// Passes text on to the reader, without a UTF-8 byte order mark at its start.
    fn skip_mark(&mut self, slice: &[u8]) {
        let Some(head) = self.head.as_mut() else {
            return self.read(slice);
        };
        // The readers never see a byte order mark, as `sniff` does not: the JSON reader would
        // refuse it as an unexpected character and the CSV reader read it into the first cell.
        let (start, rest) = slice.split_at((BOM.len() - head.len()).min(slice.len()));
        head.extend_from_slice(start);
        if head.len() < BOM.len() && BOM.starts_with(head) {
            return;
        }
        self.flush_head();
        self.read(rest);
    }

    /// Passes on the first bytes held by [`Importer::skip_mark`] unless they are a byte order mark.
    fn flush_head(&mut self) {
        if let Some(head) = self.head.take() {
            if head != BOM {
                self.read(&head);
            }
        }
    }

    fn read(&mut self, slice: &[u8]) {
        if slice.is_empty() {
            // csv-core takes empty input for the end of the file.
            return;
        }
        match &mut self.reader {
            Reader::Csv(reader) => reader.feed(slice, &mut self.collector),
            Reader::Prometheus(reader) => reader.feed(slice, &mut self.collector),
        }
    }

    /// Bytes of the file fed so far (as fed, before UTF-16 is decoded): how far the file is read.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// Ends the file and returns everything read.
    pub fn finish(mut self) -> Result<Parsed, ImportError> {
        match std::mem::replace(&mut self.decoding, Decoding::Utf8) {
            // A file shorter than a UTF-16 mark.
            Decoding::Undecided(first) => self.skip_mark(&first),
            Decoding::Utf8 => {}
            Decoding::Utf16(decoder, mut text) => {
                decoder.finish(&mut text);
                self.skip_mark(text.as_bytes());
            }
        }
        self.flush_head();
        match &mut self.reader {
            Reader::Csv(reader) => reader.finish(&mut self.collector),
            Reader::Prometheus(reader) => reader.finish(&mut self.collector)?,
        }
        if let Format::Csv(layout) = &self.format {
            // Name each CSV series after its value column (and its series, for Grafana rows).
            let column = &layout.columns[layout.value_column];
            for c in &mut self.collector.candidates {
                c.label = if c.label.is_empty() {
                    column.clone()
                } else {
                    format!("{} ({column})", c.label)
                };
            }
        }
        let format = self.format.clone();
        self.collector.finish(format)
    }
}

/// Reads a whole text at once: sniffing, then importing (for tests and small pastes).
pub fn read_all(text: &[u8]) -> Result<Parsed, ImportError> {
    let mut importer = Importer::new(sniff_whole(text)?);
    importer.feed(text);
    importer.finish()
}
