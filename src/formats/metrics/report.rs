//! What the Capacity tab's import panel says: the report of the import whose series is in use
//! ([`report`]), and what a later import that failed adds to it ([`ImportStatus`]), naming the
//! file it could not read ([`could_not_read`]).

use super::timestamp::EPOCH_MS_FROM;
use super::{Format, Imported};
use crate::calc::capacity::series::{format_time, format_time_on, Clock};
use crate::calc::decimal::{counted, format_count};
use crate::formats::{lower_first, quoted, show_bidi_controls};

/// How the sentence on skipped rows ends, before the `listed` of `count` skipped rows are
/// shown: `:` when every one is, `; the first five:` when only some are.
fn listed_lead(count: u64, listed: usize) -> String {
    const NUMBERS: [&str; 9] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    match listed {
        0 => ".".to_string(),
        _ if listed as u64 >= count => ":".to_string(),
        1 => "; the first:".to_string(),
        _ => match NUMBERS.get(listed - 1) {
            Some(number) => format!("; the first {number}:"),
            None => format!("; the first {}:", format_count(listed as u64)),
        },
    }
}

/// What the page says about an import that gave the tab its series.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// What was read, in sentences.
    pub lines: Vec<String>,
    /// The rows that could not be read, the first few.
    pub problems: Vec<String>,
}

pub fn report(imported: &Imported, source: &str, format: &Format) -> Report {
    let series = &imported.series;
    let clock = series.clock();
    let mut lines = vec![
        format!(
            "Imported {} of {}{} ({}), {}.",
            counted(series.len() as u64, "sample", "samples"),
            quoted(series.name()),
            if series.name() == source {
                String::new()
            } else {
                format!(" from {}", show_bidi_controls(source))
            },
            format.describe(),
            if series.first_ms() == series.last_ms() {
                format!("at {}", format_time_on(series.first_ms(), clock))
            } else {
                format!(
                    "{} to {}",
                    format_time_on(series.first_ms(), clock),
                    format_time_on(series.last_ms(), clock)
                )
            }
        ),
        match clock {
            Clock::WallClock => {
                "The timestamps have no UTC offset: they are wall-clock times, taken as written."
                    .to_string()
            }
            Clock::Utc => {
                "The timestamps are absolute (an offset or Unix times): they are shown in UTC."
                    .to_string()
            }
        },
    ];
    // Unix time 0 is 1970-01-01: a column of small numbers named as time reads as 1970.
    if clock == Clock::Utc && series.last_ms() < EPOCH_MS_FROM as i64 {
        lines.push(format!(
            "Every time is before {} UTC, where Unix times reach 100,000,000 seconds: a number \
             in the time column is read as seconds since 1970-01-01 00:00 UTC. If yours count \
             from another start (rows, minutes), import real times for dates that mean \
             something.",
            format_time(EPOCH_MS_FROM as i64)
        ));
    }
    if imported.non_finite > 0 {
        lines.push(format!(
            "{} skipped.",
            counted(
                imported.non_finite,
                "NaN or infinite value was",
                "NaN or infinite values were"
            )
        ));
    }
    if let Format::Csv(layout) = format {
        if layout.has_header && layout.named_columns < layout.columns.len() {
            lines.push(format!(
                "The header names {} columns, but the rows have {}: the others are called \
                 “column {}” and on.",
                layout.named_columns,
                layout.columns.len(),
                layout.named_columns + 1
            ));
        }
    }
    if imported.order.was_unsorted {
        lines.push("The rows were not in time order; they have been sorted.".to_string());
    }
    if let Some(first) = imported.order.first_duplicate_ms {
        lines.push(format!(
            "{} the timestamp of the one before (the first at {}); all are kept.",
            counted(
                imported.order.duplicate_times,
                "sample repeats",
                "samples repeat"
            ),
            format_time_on(first, clock)
        ));
    }
    let mut problems = Vec::new();
    if imported.problems.count > 0 {
        lines.push(format!(
            "{} of {} could not be read and {} skipped{}",
            format_count(imported.problems.count),
            match format {
                // Prometheus answers hold samples, not rows.
                Format::PrometheusJson => counted(imported.rows, "sample", "samples"),
                Format::Csv(_) => counted(imported.rows, "row", "rows"),
            },
            if imported.problems.count == 1 {
                "was"
            } else {
                "were"
            },
            listed_lead(imported.problems.count, imported.problems.listed.len())
        ));
        problems = imported
            .problems
            .listed
            .iter()
            .map(|p| p.to_string())
            .collect();
    }
    Report { lines, problems }
}

/// What the import panel says: the report of the import whose series is the tab's (kept until
/// another import succeeds: a failed import leaves that series in use, so its notes, such as
/// the rows that were skipped, still hold) and the message of the last import, if it failed,
/// shown beside it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportStatus {
    /// The report of the last import that succeeded.
    pub kept: Option<Report>,
    /// Said of the import under way or just done, whatever its outcome: that only the first of
    /// several dropped files is read.
    pub note: Option<String>,
    /// Why the last import failed.
    pub failure: Option<String>,
}

impl ImportStatus {
    /// An import starts (with `note` about it, if any): the last one's failure is gone.
    pub fn start(&mut self, note: Option<String>) {
        self.note = note;
        self.failure = None;
    }

    /// The import succeeded: its report replaces the one kept.
    pub fn succeed(&mut self, report: Report) {
        self.kept = Some(report);
        self.failure = None;
    }

    /// The import of `source` (a file's name, or [`PASTED_TEXT`]) failed with `message`: the
    /// failure names it, and the report of the series still in use stays.
    pub fn fail(&mut self, source: &str, message: &str) {
        self.failure = Some(could_not_read(source, message));
    }

    /// What is said next to the import controls: the note, then the failure, and when a failed
    /// import leaves a series in use, that it does.
    pub fn message(&self) -> Option<String> {
        let failure = self.failure.as_ref().map(|failure| match &self.kept {
            Some(_) => format!(
                "{}. The series imported before is still the one in use.",
                failure.trim_end_matches('.')
            ),
            None => failure.clone(),
        });
        match (&self.note, failure) {
            (None, None) => None,
            (Some(note), None) => Some(note.clone()),
            (None, Some(failure)) => Some(failure),
            (Some(note), Some(failure)) => Some(format!("{note} {failure}")),
        }
    }
}

/// The name of text pasted into the import box, where a file has its own name.
pub const PASTED_TEXT: &str = "pasted text";

/// A failed import's message naming what could not be read: `Could not read “cpu.csv”: the
/// file is empty`. The name is in quotes, as the page writes file names, with any control of
/// text direction in it shown ([`show_bidi_controls`]); pasted text is "the pasted text".
pub fn could_not_read(source: &str, message: &str) -> String {
    let what = if source == PASTED_TEXT {
        format!("the {PASTED_TEXT}")
    } else {
        quoted(source)
    };
    format!("Could not read {what}: {}", lower_first(message))
}

/// What is said when an import of `source` (a file's name, [`PASTED_TEXT`], or `None` when it
/// is not known) is stopped by leaving the tab before it finished.
pub fn import_stopped_note(source: Option<&str>) -> String {
    let what = match source {
        Some(PASTED_TEXT) => format!(" of the {PASTED_TEXT}"),
        Some(name) => format!(" of {}", quoted(name)),
        None => String::new(),
    };
    format!("The import{what} stopped when you left the Capacity tab: import it again.")
}

/// What is said when `count` files are dropped at once and only the first, `first`, is read;
/// `None` for a single file.
pub fn dropped_files_note(count: u32, first: &str) -> Option<String> {
    (count > 1).then(|| {
        format!(
            "{count} files were dropped: one file is read at a time, so only the first, \
             “{first}”, was read."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped() -> Report {
        Report {
            lines: vec![
                "Imported 776 samples of “cpu.csv” (CSV).".to_string(),
                "1 of 777 rows could not be read and was skipped:".to_string(),
            ],
            problems: vec!["row 5: “x” is not a number".to_string()],
        }
    }

    /// Regression: 5 unreadable rows of 7 read "5 of 7 rows could not be read and were skipped;
    /// the first:" above all five, as if more were left out; when more are skipped than
    /// listed, how many are listed was not said.
    #[test]
    fn the_skipped_rows_line_says_whether_all_are_listed() {
        use crate::formats::metrics::read_all;
        // CSV rows at Unix times: a value of 1 reads, one of 1e999 is too large.
        let csv = |good: usize, bad: usize| {
            let mut text = "time,value\n".to_string();
            for i in 0..good + bad {
                let value = if i < good { "1" } else { "1e999" };
                text.push_str(&format!("{},{value}\n", 1_700_000_000 + i));
            }
            text
        };
        // A Prometheus answer: good samples [t, "1"], bad ones [t, "x"].
        let prometheus = |good: usize, bad: usize| {
            let values: Vec<String> = (0..good)
                .map(|i| format!("[{},\"1\"]", 1_700_000_000 + i))
                .chain((0..bad).map(|i| format!("[{},\"x\"]", 1_800_000_000 + i)))
                .collect();
            format!(
                r#"{{"status":"success","data":{{"resultType":"matrix","result":[{{"metric":{{}},"values":[{}]}}]}}}}"#,
                values.join(",")
            )
        };
        // (the file, the line said of its skipped rows, how many are listed)
        let cases = [
            (
                csv(2, 5),
                "5 of 7 rows could not be read and were skipped:",
                5,
            ),
            (
                csv(776, 1),
                "1 of 777 rows could not be read and was skipped:",
                1,
            ),
            (
                csv(3, 2),
                "2 of 5 rows could not be read and were skipped:",
                2,
            ),
            (
                csv(4, 6),
                "6 of 10 rows could not be read and were skipped; the first five:",
                5,
            ),
            (
                csv(10, 1_234),
                "1,234 of 1,244 rows could not be read and were skipped; the first five:",
                5,
            ),
            (
                prometheus(2, 3),
                "3 of 5 samples could not be read and were skipped:",
                3,
            ),
            (
                prometheus(2, 7),
                "7 of 9 samples could not be read and were skipped; the first five:",
                5,
            ),
        ];
        for (text, line, listed) in cases {
            let parsed = read_all(text.as_bytes()).unwrap();
            let format = parsed.format.clone();
            let imported = parsed.take(0, "x").unwrap();
            let said = report(&imported, "x.csv", &format);
            assert!(
                said.lines.iter().any(|l| l == line),
                "{line}: {:?}",
                said.lines
            );
            assert_eq!(said.problems.len(), listed, "{line}");
        }
    }

    #[test]
    fn the_lead_to_the_listed_rows_counts_them_in_words() {
        // (rows skipped, rows listed, how the sentence ends)
        let cases = [
            (3, 0, "."),
            (1, 1, ":"),
            (5, 5, ":"),
            (4, 1, "; the first:"),
            (8, 2, "; the first two:"),
            (6, 5, "; the first five:"),
            (40, 9, "; the first nine:"),
            (40, 12, "; the first 12:"),
        ];
        for (count, listed, expected) in cases {
            assert_eq!(listed_lead(count, listed), expected, "{listed} of {count}");
        }
    }

    #[test]
    fn a_failed_import_keeps_the_report_of_the_series_in_use() {
        let mut status = ImportStatus::default();
        status.start(None);
        status.succeed(skipped());
        assert_eq!(status.message(), None);

        // Two files dropped at once, the first without timestamps: its message, what was read,
        // and the kept series' report with its skipped row, all still said.
        status.start(dropped_files_note(2, "notime.csv"));
        status.fail("notime.csv", "No column holds timestamps");
        assert_eq!(status.kept, Some(skipped()));
        assert_eq!(
            status.message().as_deref(),
            Some(
                "2 files were dropped: one file is read at a time, so only the first, \
                 “notime.csv”, was read. Could not read “notime.csv”: no column holds timestamps. \
                 The series imported before is still the one in use."
            )
        );

        // The next import starts afresh, and its success replaces the report.
        status.start(None);
        assert_eq!(status.message(), None);
        assert_eq!(status.kept, Some(skipped()));
        let other = Report {
            lines: vec!["Imported 3 samples of “b.csv” (CSV).".to_string()],
            problems: Vec::new(),
        };
        status.succeed(other.clone());
        assert_eq!(status.kept, Some(other));

        // With nothing imported before, a failure is said alone.
        let mut first = ImportStatus::default();
        first.start(dropped_files_note(1, "a.csv"));
        first.fail("a.csv", "The file is empty");
        assert_eq!(
            first.message().as_deref(),
            Some("Could not read “a.csv”: the file is empty")
        );
        assert_eq!(first.kept, None);
    }

    #[test]
    fn a_file_name_with_text_direction_controls_cannot_reverse_the_report() {
        let name = "cpu\u{202E}nosj.json";
        let parsed = crate::formats::metrics::read_all(
            b"time,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,2\n",
        )
        .unwrap();
        let format = parsed.format.clone();
        let imported = parsed.take(0, name).unwrap();
        let lines = report(&imported, name, &format).lines;
        assert!(lines[0].starts_with("Imported 2 samples of “cpu<U+202E>nosj.json” ("));
        assert!(!lines.concat().contains('\u{202E}'));
    }

    /// Regression: three spaces pasted and imported said "Could not read the pasted text: the
    /// file is empty".
    #[test]
    fn pasted_text_is_never_called_a_file() {
        use crate::formats::metrics::{read_all, ImportError};
        // (what was pasted, what the panel says of it)
        let cases: [(&[u8], &str); 4] = [
            (
                b"   ",
                "Could not read the pasted text: the pasted text is empty",
            ),
            (
                b"time,value\n2026-01-01T00:00:00Z,\0\n",
                "Could not read the pasted text: the pasted text holds a NUL character, which \
                 no CSV, TSV or JSON text does",
            ),
            (
                b"{\"status\":\"success\"",
                "Could not read the pasted text: not valid JSON (line 1): the text ends before \
                 the JSON is complete",
            ),
            (
                b"x\0y\0z\0w\0v\0u\0t\0s\0r\0q\0",
                "Could not read the pasted text: the pasted text reads as UTF-16 text (a zero \
                 byte beside each character): paste it as plain text",
            ),
        ];
        for (pasted, expected) in cases {
            let error = read_all(pasted).unwrap_err();
            let mut status = ImportStatus::default();
            status.start(None);
            status.fail(PASTED_TEXT, &error.describe(PASTED_TEXT));
            assert_eq!(status.message().as_deref(), Some(expected), "{error:?}");
        }
        // What only a file (or a long paste) meets, and a file is still called a file.
        for (error, pasted, file) in [
            (
                ImportError::TooManySamples,
                "The pasted text holds more than",
                "The file holds more than",
            ),
            (
                ImportError::NoSuchSeries,
                "That series is not in the pasted text",
                "That series is not in the file",
            ),
            (
                ImportError::Empty,
                "The pasted text is empty",
                "The file is empty",
            ),
        ] {
            assert!(error.describe(PASTED_TEXT).starts_with(pasted), "{error:?}");
            assert!(!error.describe(PASTED_TEXT).contains("file"), "{error:?}");
            assert!(error.describe("cpu.csv").starts_with(file), "{error:?}");
        }
    }

    #[test]
    fn an_import_stopped_names_what_was_read() {
        // (what was being read, the note)
        for (source, expected) in [
            (
                Some("long.csv"),
                "The import of “long.csv” stopped when you left the Capacity tab: import it again.",
            ),
            (
                Some(PASTED_TEXT),
                "The import of the pasted text stopped when you left the Capacity tab: import it \
                 again.",
            ),
            (
                None,
                "The import stopped when you left the Capacity tab: import it again.",
            ),
        ] {
            assert_eq!(import_stopped_note(source), expected, "{source:?}");
        }
    }

    #[test]
    fn a_failure_names_what_could_not_be_read() {
        // (source, message of the import, what the panel says)
        let cases = [
            (
                "cpu.csv",
                "This is not a text file: expected CSV, TSV or JSON",
                "Could not read “cpu.csv”: this is not a text file: expected CSV, TSV or JSON",
            ),
            (
                "cpu.csv",
                "Only one column was found.",
                "Could not read “cpu.csv”: only one column was found.",
            ),
            (
                PASTED_TEXT,
                "No usable rows",
                "Could not read the pasted text: no usable rows",
            ),
            // A name is shown as it is, but never with a direction control obeyed.
            (
                "invoice\u{202E}vsc.exe",
                "The file is empty",
                "Could not read “invoice<U+202E>vsc.exe”: the file is empty",
            ),
        ];
        for (source, message, expected) in cases {
            let mut status = ImportStatus::default();
            status.start(None);
            status.fail(source, message);
            assert_eq!(status.message().as_deref(), Some(expected), "{source}");
        }
    }
}
