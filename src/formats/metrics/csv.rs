//! CSV and TSV metric exports: the layout is sniffed from the first lines (delimiter, header,
//! timestamp, value and series columns) and the rows are read incrementally by csv-core, so a
//! large file can be fed in slices.
//!
//! Delimiters tried: tab, semicolon, comma; the one that splits every sampled line into the
//! same number (at least 2) of fields wins, the most fields first. A first line `sep=;` (as
//! spreadsheet exports write) names the delimiter. The first row is a header when one of its
//! fields is neither a number nor a timestamp. With a semicolon or tab delimiter, a value with
//! one comma and no point is read with a decimal comma (`12,5`). Grafana's CSV exports work:
//! "series joined by time" (`Time`, then a column per series) and the older "series as rows"
//! (`Series;Time;Value`), whose series column splits the rows into series.
//!
//! A column of Unix times is found by its numbers from 10^8 seconds (1973-03-03) on; smaller
//! ones, 0 (1970-01-01 00:00 UTC) included, are read as times only in a column whose header
//! names it as one (`time`, `ts`, ...), since elsewhere a small number is likelier a value.

use super::timestamp::{self, Stamp, EPOCH_MS_FROM};
use super::{Collector, ImportError};
use crate::calc::capacity::series::{is_usable_value, TOO_LARGE};
use crate::formats::named_delimiter;

/// Column names that suggest a role, compared without case.
pub(super) const TIME_NAMES: [&str; 7] =
    ["time", "timestamp", "date", "datetime", "ds", "ts", "_time"];
const VALUE_NAMES: [&str; 4] = ["value", "values", "y", "_value"];
const SERIES_NAMES: [&str; 5] = ["series", "metric", "name", "labels", "__name__"];
/// Lines looked at to sniff the layout.
pub(super) const SNIFF_LINES: usize = 50;

/// How a CSV export is laid out; the columns can be changed by the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvLayout {
    pub delimiter: u8,
    /// Records skipped before the data: the header, and a `sep=` line.
    pub skip_records: u32,
    pub has_header: bool,
    /// Column names from the header, or `column 1`, `column 2`, ...
    pub columns: Vec<String>,
    /// How many columns the header names (0 without a header): rows wider than the header get
    /// `column N` for the rest.
    pub named_columns: usize,
    pub time_column: usize,
    pub value_column: usize,
    /// A column whose text names the series of each row (Grafana's "series as rows").
    pub series_column: Option<usize>,
}

impl CsvLayout {
    /// The delimiter's name for the page.
    pub fn delimiter_name(&self) -> &'static str {
        match self.delimiter {
            b'\t' => "tab",
            b';' => "semicolon",
            _ => "comma",
        }
    }
}

/// Splits `text` into records of trimmed fields with `delimiter` (blank lines skipped).
fn sample_records(text: &str, delimiter: u8, limit: usize) -> Vec<Vec<String>> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut output = vec![0u8; 4096];
    let mut ends = vec![0usize; 64];
    let (mut out_len, mut end_len) = (0, 0);
    let mut records = Vec::new();
    while records.len() < limit {
        while let [b'\r' | b'\n', rest @ ..] = input {
            input = rest;
        }
        let (result, n_in, n_out, n_ends) =
            reader.read_record(input, &mut output[out_len..], &mut ends[end_len..]);
        input = &input[n_in..];
        out_len += n_out;
        end_len += n_ends;
        match result {
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::OutputFull => output.resize(output.len() * 2, 0),
            csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                records.push(
                    ends[..end_len]
                        .iter()
                        .map(|&end| {
                            let field = String::from_utf8_lossy(&output[start..end])
                                .trim()
                                .to_string();
                            start = end;
                            field
                        })
                        .collect(),
                );
                (out_len, end_len) = (0, 0);
            }
            csv_core::ReadRecordResult::End => break,
        }
    }
    records
}

/// Whether a cell reads as a number when sniffing; one too large still marks a value column,
/// so its rows are then listed with the reason.
fn is_number(text: &str) -> bool {
    !matches!(
        read_value(text, true),
        Err(NotValue::Empty | NotValue::NotNumber)
    )
}

/// Whether a cell reads as a timestamp when sniffing any column. A small number is a value,
/// not a time: epoch seconds start at 10^8 (1973) here; see [`small_epoch`].
fn is_timestamp(text: &str) -> bool {
    let text = text.trim();
    match timestamp::parse(text) {
        Ok(Stamp::Utc(ms)) if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
            ms >= EPOCH_MS_FROM as i64
        }
        Ok(_) => true,
        Err(_) => false,
    }
}

/// Whether a cell is a Unix time written as a number, small or not: what a column whose
/// header names it as a time ([`TIME_NAMES`]) may hold; not a date without dashes
/// (`20240101`, [`timestamp::compact_date`]), which as seconds would be in 1970.
fn is_epoch_number(text: &str) -> bool {
    let text = text.trim();
    text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && timestamp::parse(text).is_ok()
        && timestamp::compact_date(text).is_none()
}

/// The time of a cell that is a Unix time below 10^8 seconds (before 1973-03-03 09:46:40 UTC),
/// read as a time only in a column named as one: elsewhere such a number is far likelier a value.
fn small_epoch(text: &str) -> Option<i64> {
    match timestamp::parse(text) {
        Ok(Stamp::Utc(ms)) if is_epoch_number(text) && ms < EPOCH_MS_FROM as i64 => Some(ms),
        _ => None,
    }
}

/// Works out the layout from the first part of a file. `complete` says whether `head` is the
/// whole file (otherwise its last, possibly cut, line is ignored, and when no data row comes
/// before it, it is [`ImportError::LineTooLong`]).
pub fn sniff(head: &str, complete: bool) -> Result<CsvLayout, ImportError> {
    let head = head.strip_prefix('\u{feff}').unwrap_or(head);
    // The line cut at the end of an incomplete head, and what it is said of.
    let cut = (!complete).then(|| ImportError::LineTooLong {
        line: head.bytes().filter(|b| *b == b'\n').count() + 1,
        read_bytes: head.len(),
    });
    let head = match cut {
        None => head,
        Some(_) => head.rfind('\n').map_or("", |end| &head[..end]),
    };
    if head.trim().is_empty() {
        return Err(cut.unwrap_or(ImportError::Empty));
    }
    let first_line = head.lines().next().unwrap_or("").trim();
    let forced = named_delimiter(first_line);
    let skip_sep = u32::from(forced.is_some());
    let body: &str = if forced.is_some() {
        head.split_once('\n').map_or("", |(_, rest)| rest)
    } else {
        head
    };

    let candidates: Vec<u8> = match forced {
        Some(d) => vec![d],
        None => vec![b'\t', b';', b','],
    };
    // The delimiter that gives most lines the same number of fields (at least 2) wins; a few
    // broken lines do not change the layout.
    let mut best: Option<(u8, usize, Vec<Vec<String>>)> = None;
    // The first delimiter that splits the first row at all, and the first row it splits
    // differently: what a ragged file is reported with.
    let mut ragged: Option<ImportError> = None;
    for delimiter in candidates.iter().copied() {
        let records = sample_records(body, delimiter, SNIFF_LINES);
        if records.is_empty() {
            continue;
        }
        if ragged.is_none() && records[0].len() >= 2 {
            let first = records[0].len();
            if let Some(row) = records.iter().position(|r| r.len() != first) {
                ragged = Some(ImportError::Ragged {
                    delimiter: char::from(delimiter),
                    first,
                    row: row + 1,
                    width: records[row].len(),
                });
            }
        }
        let mut widths: Vec<usize> = records.iter().map(Vec::len).collect();
        widths.sort_unstable();
        let (mut width, mut score) = (0, 0);
        for w in widths.iter().copied() {
            let n = widths.iter().filter(|x| **x == w).count();
            if n > score || (n == score && w > width) {
                (width, score) = (w, n);
            }
        }
        let consistent = width >= 2 && score * 5 >= records.len() * 4;
        let better = best.as_ref().is_none_or(|(_, w, _)| width > *w);
        if (consistent || forced.is_some()) && better {
            best = Some((delimiter, width, records));
        }
    }
    let Some((delimiter, width, records)) = best else {
        return Err(ragged.unwrap_or(ImportError::OneColumn));
    };
    if width < 2 {
        return Err(ImportError::OneColumn);
    }

    let has_header = records[0]
        .iter()
        .any(|f| !f.is_empty() && !is_number(f) && !is_timestamp(f));
    let columns: Vec<String> = if has_header {
        (0..width)
            .map(|i| match records[0].get(i) {
                Some(name) if !name.is_empty() => name.clone(),
                _ => format!("column {}", i + 1),
            })
            .collect()
    } else {
        (1..=width).map(|i| format!("column {i}")).collect()
    };
    let data: Vec<&Vec<String>> = records.iter().skip(usize::from(has_header)).collect();
    if let (true, Some(cut)) = (data.is_empty(), cut) {
        // The first data row is the line cut: the columns cannot be found without it.
        return Err(cut);
    }
    // A column holds a kind of value when at least two in three of its sampled cells do.
    let column_all = |i: usize, test: &dyn Fn(&str) -> bool| {
        let (mut good, mut bad) = (0, 0);
        for row in &data {
            match row.get(i).map(String::as_str) {
                Some("") | None => {}
                Some(text) if test(text) => good += 1,
                Some(_) => bad += 1,
            }
        }
        good > 0 && bad * 2 <= good
    };
    let named = |i: usize, names: &[&str]| names.iter().any(|n| columns[i].eq_ignore_ascii_case(n));
    // A column named as a time may hold Unix times of any size, 0 included (1970-01-01).
    let time_columns: Vec<usize> = (0..width)
        .filter(|&i| {
            column_all(i, &is_timestamp)
                || (named(i, &TIME_NAMES) && column_all(i, &is_epoch_number))
        })
        .collect();
    let time_column = time_columns
        .iter()
        .copied()
        .find(|&i| named(i, &TIME_NAMES))
        .or_else(|| time_columns.first().copied())
        .ok_or_else(|| ImportError::NoTimeColumn {
            row: 1 + skip_sep as usize + usize::from(has_header),
            example: data.first().map_or_else(Vec::new, |row| {
                row.iter()
                    .take(4)
                    .map(|cell| timestamp::shorten(cell))
                    .collect()
            }),
            flaw: data
                .iter()
                .take(3)
                .flat_map(|row| row.iter())
                .find_map(|cell| {
                    timestamp::flaw(cell).map(|why| (timestamp::shorten(cell.trim()), why))
                }),
            // Only where one column of small numbers could be the time and another the value.
            small_epoch: {
                let numbered: Vec<usize> = (0..width)
                    .filter(|&i| column_all(i, &is_epoch_number))
                    .collect();
                let cell = data
                    .first()
                    .zip(numbered.first())
                    .filter(|_| numbered.len() >= 2);
                cell.and_then(|(row, &i)| {
                    let cell = row.get(i)?;
                    small_epoch(cell).map(|ms| (timestamp::shorten(cell.trim()), ms))
                })
            },
        })?;
    let value_columns: Vec<usize> = (0..width)
        .filter(|&i| i != time_column && column_all(i, &is_number))
        .collect();
    let value_column = value_columns
        .iter()
        .copied()
        .find(|&i| named(i, &VALUE_NAMES))
        .or_else(|| value_columns.first().copied())
        .ok_or(ImportError::NoValueColumn)?;
    let series_column = (0..width).find(|&i| {
        i != time_column
            && i != value_column
            && named(i, &SERIES_NAMES)
            && !column_all(i, &is_number)
    });
    Ok(CsvLayout {
        delimiter,
        skip_records: skip_sep + u32::from(has_header),
        has_header,
        named_columns: if has_header {
            records[0].len().min(width)
        } else {
            0
        },
        columns,
        time_column,
        value_column,
        series_column,
    })
}

/// Why a cell is not a sample's value.
enum NotValue {
    Empty,
    NotNumber,
    /// A number, but too large to be a sample (see [`is_usable_value`]).
    TooLarge,
}

/// Reads a value: `Ok(Some(v))` for a usable number, `Ok(None)` for `NaN` and infinities (which
/// are skipped and counted), `Err` with a reason otherwise.
pub fn parse_value(text: &str, decimal_comma: bool) -> Result<Option<f64>, String> {
    read_value(text, decimal_comma).map_err(|e| match e {
        NotValue::Empty => "no value".to_string(),
        NotValue::NotNumber => format!("“{}” is not a number", timestamp::shorten(text.trim())),
        NotValue::TooLarge => format!(
            "“{}” is too large: {TOO_LARGE}",
            timestamp::shorten(text.trim())
        ),
    })
}

fn read_value(text: &str, decimal_comma: bool) -> Result<Option<f64>, NotValue> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NotValue::Empty);
    }
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if lower.len() - unsigned.len() <= 1 && matches!(unsigned, "nan" | "inf" | "infinity") {
        return Ok(None);
    }
    let owned;
    let text = if decimal_comma && text.matches(',').count() == 1 && !text.contains('.') {
        owned = text.replace(',', ".");
        owned.as_str()
    } else {
        text
    };
    let shaped = text.bytes().any(|b| b.is_ascii_digit())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    match text.parse::<f64>() {
        Ok(v) if shaped && is_usable_value(v) => Ok(Some(v)),
        Ok(_) if shaped => Err(NotValue::TooLarge),
        _ => Err(NotValue::NotNumber),
    }
}

/// Reads the rows of a CSV export, fed in slices of any size.
pub struct CsvReader {
    reader: csv_core::Reader,
    layout: CsvLayout,
    output: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    end_len: usize,
    line: u64,
    record_line: u64,
    at_record_start: bool,
    records: u64,
}

impl CsvReader {
    pub fn new(layout: CsvLayout) -> CsvReader {
        CsvReader {
            reader: csv_core::ReaderBuilder::new()
                .delimiter(layout.delimiter)
                .build(),
            layout,
            output: vec![0u8; 4096],
            ends: vec![0usize; 16],
            out_len: 0,
            end_len: 0,
            line: 1,
            record_line: 1,
            at_record_start: true,
            records: 0,
        }
    }

    /// Reads what `input` completes; an unfinished last row waits for the next slice. `input`
    /// holds no byte order mark: [`super::Importer`] skips it.
    pub fn feed(&mut self, mut input: &[u8], collector: &mut Collector) {
        loop {
            if self.at_record_start {
                while let [first @ (b'\r' | b'\n'), rest @ ..] = input {
                    self.line += u64::from(*first == b'\n');
                    input = rest;
                }
                if input.is_empty() {
                    return;
                }
                self.record_line = self.line;
                self.at_record_start = false;
            }
            if !self.step(&mut input, collector) {
                return;
            }
        }
    }

    /// Reads the last row (one without a line break after it).
    pub fn finish(&mut self, collector: &mut Collector) {
        if self.at_record_start {
            return;
        }
        let mut input: &[u8] = &[];
        while self.step(&mut input, collector) {
            if self.at_record_start {
                return;
            }
        }
    }

    /// One call into csv-core; false when it needs more input or has ended.
    fn step(&mut self, input: &mut &[u8], collector: &mut Collector) -> bool {
        let (result, n_in, n_out, n_ends) = self.reader.read_record(
            input,
            &mut self.output[self.out_len..],
            &mut self.ends[self.end_len..],
        );
        self.line += input[..n_in].iter().filter(|b| **b == b'\n').count() as u64;
        *input = &input[n_in..];
        self.out_len += n_out;
        self.end_len += n_ends;
        match result {
            csv_core::ReadRecordResult::InputEmpty => !input.is_empty(),
            csv_core::ReadRecordResult::OutputFull => {
                let size = self.output.len() * 2;
                self.output.resize(size, 0);
                true
            }
            csv_core::ReadRecordResult::OutputEndsFull => {
                let size = self.ends.len() * 2;
                self.ends.resize(size, 0);
                true
            }
            csv_core::ReadRecordResult::Record => {
                self.record(collector);
                (self.out_len, self.end_len) = (0, 0);
                self.at_record_start = true;
                true
            }
            csv_core::ReadRecordResult::End => false,
        }
    }

    fn field(&self, i: usize) -> Option<&[u8]> {
        if i >= self.end_len {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.output[start..self.ends[i]])
    }

    fn record(&mut self, collector: &mut Collector) {
        self.records += 1;
        if self.records <= u64::from(self.layout.skip_records) {
            return;
        }
        let row = self.record_line;
        collector.rows += 1;
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).trim().to_string();
        let all_empty =
            (0..self.end_len).all(|i| self.field(i).is_some_and(|f| text(f).is_empty()));
        if all_empty {
            collector.rows -= 1;
            return;
        }
        let layout = &self.layout;
        let needed = layout.time_column.max(layout.value_column) + 1;
        let (Some(time), Some(value)) = (
            self.field(layout.time_column),
            self.field(layout.value_column),
        ) else {
            collector.problem(
                format!("row {row}"),
                format!(
                    "has {} field{}; the columns chosen need {needed}",
                    self.end_len,
                    if self.end_len == 1 { "" } else { "s" }
                ),
            );
            return;
        };
        let label = match layout.series_column {
            Some(i) => self.field(i).map(text).unwrap_or_default(),
            None => String::new(),
        };
        let decimal_comma = layout.delimiter != b',';
        let (time, value) = (text(time), text(value));
        collector.add(
            &label,
            &format!("row {row}"),
            timestamp::parse(&time),
            parse_value(&value, decimal_comma),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values() {
        type Case<'a> = (&'a str, bool, Result<Option<f64>, &'a str>);
        let cases: &[Case] = &[
            ("51.846000000000004", false, Ok(Some(51.846000000000004))),
            (" 94.0 ", false, Ok(Some(94.0))),
            ("-3", false, Ok(Some(-3.0))),
            ("1.5e3", false, Ok(Some(1500.0))),
            ("12,5", true, Ok(Some(12.5))),
            ("NaN", false, Ok(None)),
            ("+Inf", false, Ok(None)),
            ("-inf", false, Ok(None)),
            ("", false, Err("no value")),
            ("12,5", false, Err("is not a number")),
            ("1,234.5", true, Err("is not a number")),
            ("0x10", false, Err("is not a number")),
            ("ten", false, Err("“ten” is not a number")),
            ("1e999", false, Err("too large")),
            ("--5", false, Err("is not a number")),
            ("++inf", false, Err("is not a number")),
        ];
        for (text, comma, expected) in cases {
            match (parse_value(text, *comma), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{text:?}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{text:?}: {got}"),
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn sniffs_layouts() {
        // (text, delimiter, header, time column, value column, series column)
        type Case<'a> = (&'a str, u8, bool, usize, usize, Option<usize>);
        let cases: &[Case] = &[
            ("timestamp,value\n2014-02-14 14:27:00,51.8\n2014-02-14 14:32:00,44.5\n", b',', true, 0, 1, None),
            ("2014-02-14 14:27:00\t51.8\n2014-02-14 14:32:00\t44.5\n", b'\t', false, 0, 1, None),
            ("\"Time\";\"Value\"\n2019-04-08T10:00:00+02:00;12,5\n2019-04-08T10:05:00+02:00;13,0\n", b';', true, 0, 1, None),
            ("\"Series\";\"Time\";\"Value\"\ncpu;2019-04-08T10:00:00+02:00;12\nmem;2019-04-08T10:00:00+02:00;40\n", b';', true, 1, 2, Some(0)),
            ("\"Time\",\"A-series\",\"B-series\"\n2023-03-15 10:00:00,1,2\n2023-03-15 10:01:00,3,4\n", b',', true, 0, 1, None),
            ("host,value,time\nweb1,3,1392388020\nweb1,4,1392388080\n", b',', true, 2, 1, None),
            ("sep=;\nTime;Value\n1392388020000;1\n1392388080000;2\n", b';', true, 0, 1, None),
        ];
        for (text, delimiter, header, time, value, series) in cases {
            let layout = sniff(text, true).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(layout.delimiter, *delimiter, "{text:?}");
            assert_eq!(layout.has_header, *header, "{text:?}");
            assert_eq!(layout.time_column, *time, "{text:?}");
            assert_eq!(layout.value_column, *value, "{text:?}");
            assert_eq!(layout.series_column, *series, "{text:?}");
        }
    }

    #[test]
    fn a_header_shorter_than_its_rows_is_counted() {
        // Five rows of three fields under a header of two: the rows win (four in five agree).
        let wide_rows = "time,value\n2024-01-01 10:00:00,5,x\n2024-01-01 10:05:00,6,y\n\
                         2024-01-01 10:10:00,7,z\n2024-01-01 10:15:00,8,x\n2024-01-01 10:20:00,9,y\n";
        let layout = sniff(wide_rows, true).expect("the rows are read");
        assert_eq!(layout.columns, ["time", "value", "column 3"]);
        assert_eq!(layout.named_columns, 2);
        let matching = sniff("time,value\n2024-01-01 10:00:00,5\n", true).expect("read");
        assert_eq!(matching.named_columns, 2);
        let no_header =
            sniff("2024-01-01 10:00:00,5\n2024-01-01 10:05:00,6\n", true).expect("read");
        assert_eq!(no_header.named_columns, 0);
    }

    #[test]
    fn sniffing_explains_what_is_missing() {
        let cases: &[(&str, &str)] = &[
            ("", "empty"),
            ("   \n\n", "empty"),
            ("just one column\n1\n2\n", "Only one column"),
            ("name,value\na,1\nb,2\n", "holds timestamps"),
            ("1,2\n3,4\n", "; row 1 reads “1”, “2”"),
            // A date that does not exist: the first row is shown, so the reason can be seen.
            (
                "time,value\n2024-13-45 10:00:00,5\n2024-13-46 10:00:00,6\n",
                "No column holds timestamps (ISO 8601 dates, YYYY-MM-DD HH:MM:SS, or Unix seconds \
                 or milliseconds); row 2, the first after the header, reads “2024-13-45 10:00:00”, “5”",
            ),
            ("a,b\nc,d\n", "; row 2, the first after the header, reads “c”, “d”"),
            // Rows of different widths: which rows, split at what.
            (
                "time,value\n2024-01-01 10:00:00,5\n2024-01-01 10:05:00\n2024-01-01 10:10:00,7,8\n",
                "The rows do not have the same number of fields: split at commas, row 1 has 2 \
                 and row 3 has 1",
            ),
            (
                "time;value\n2024-01-01 10:00:00;5;1\n",
                "split at semicolons, row 1 has 2 and row 2 has 3",
            ),
            (
                "time,host\n2014-02-14 14:27:00,web1\n2014-02-14 14:32:00,web2\n",
                "holds numbers",
            ),
        ];
        for (text, expected) in cases {
            let error = sniff(text, true).expect_err(text).to_string();
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }
}
