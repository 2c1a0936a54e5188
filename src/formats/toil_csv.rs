//! The toil inventory as CSV, for spreadsheets: export the table, import it back.
//!
//! The first row names the columns (any order, any case; columns Headroom does not know are
//! ignored; fields are trimmed). `name`, `per` and `minutes_each` are required; the others default as for a new
//! row: `times` 1, `people` 1, `automatable` no, `priority` 3, `share_removed_percent` 100,
//! `maintenance_hours_per_year` 0. Rows are numbered as a spreadsheet numbers them: the header
//! is row 1, a record whose quoted fields hold line breaks is still one row, a blank line is a
//! row (and imports nothing). An import with any bad row changes nothing and lists every bad
//! row.
//!
//! Export separates fields with commas. Import also reads semicolons and tabs, as spreadsheets
//! save them with a decimal comma or copy them out: a first line `sep=;` (Excel's) names the
//! separator and is not a row, as Excel hides it; otherwise the separator is the one that
//! splits the header into the most column names Headroom knows (a comma on a tie).
//!
//! Numbers may have a decimal comma, as a spreadsheet set to one writes them: a numeric field
//! of digits, one comma and digits (`7,5`) reads as `7.5` between semicolons or tabs. Between
//! commas such a field can only be quoted (`"1,5"`), and reads as a decimal only when the comma
//! cannot group thousands: `"1,500"` (1500 or 1.5?) is a row error that gives both readings.
//! Nothing else is taken for a decimal comma (no grouping: `1.234,5` is not a number), and the
//! field is saved with a decimal point, as the table takes it.
//!
//! A control of text direction in a task name (U+202E and the like, see
//! [`super::BIDI_CONTROLS`]) is exported as it is, unlike the Markdown exports, which show it
//! as `<U+202E>`: the file is the inventory's data and reads back to the same rows (the fuzz
//! target checks it), a visible form would not (a name at its longest would grow past the
//! limit), and a spreadsheet shows each field in a cell of its own, where such a control
//! cannot reorder the fields beside it.
//!
//! A task name that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) is exported with a `'` in front, so opening the file runs
//! nothing; import takes that `'` off again.

use std::fmt;

use super::named_delimiter;
use crate::calc::toil::{self, Period, Task, TaskField, TaskText};
use crate::inputs::{with_ids, RowId, TaskInputs};

/// The columns, in the order they are exported.
pub const COLUMNS: [&str; 10] = [
    "name",
    "times",
    "per",
    "minutes_each",
    "people",
    "automatable",
    "priority",
    "automation_hours",
    "share_removed_percent",
    "maintenance_hours_per_year",
];
const REQUIRED: [&str; 3] = ["name", "per", "minutes_each"];
/// The most tasks one file may hold.
pub const MAX_TASKS: usize = 500;
/// The most row errors listed; the rest are counted.
const MAX_LISTED_ERRORS: usize = 20;

/// One problem in one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: u64,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: {}", self.row, self.message)
    }
}

/// Why a file was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// No header row.
    Empty,
    /// The header lacks a required column.
    MissingColumns(Vec<&'static str>),
    /// A column is named twice.
    DuplicateColumn(String),
    /// The first line is a `sep=` line whose separator cannot be used (the line as written,
    /// shortened).
    UnusableSeparator(String),
    /// The header is there but no task follows.
    NoTasks,
    TooManyTasks,
    /// One or more rows are wrong; nothing was imported.
    Rows(Vec<RowError>),
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => f.write_str("The file is empty: expected a header row first"),
            CsvError::MissingColumns(names) => write!(
                f,
                "The header row lacks the column{} {}; the columns are {}",
                if names.len() == 1 { "" } else { "s" },
                names.join(", "),
                COLUMNS.join(", ")
            ),
            CsvError::DuplicateColumn(name) => write!(f, "The column {name} appears twice"),
            CsvError::UnusableSeparator(line) => write!(
                f,
                "The first line \"{line}\" should name the column separator as one character, \
                 such as sep=; or sep=, or sep=\\t (a letter, a digit or the double quote \
                 cannot separate columns)"
            ),
            CsvError::NoTasks => f.write_str("The file has a header but no tasks"),
            CsvError::TooManyTasks => write!(f, "At most {MAX_TASKS} tasks can be imported"),
            CsvError::Rows(errors) => {
                let shown: Vec<String> = errors
                    .iter()
                    .take(MAX_LISTED_ERRORS)
                    .map(|e| e.to_string())
                    .collect();
                write!(f, "Nothing was imported. {}", shown.join("; "))?;
                if errors.len() > MAX_LISTED_ERRORS {
                    write!(f, "; and {} more", errors.len() - MAX_LISTED_ERRORS)?;
                }
                Ok(())
            }
        }
    }
}

/// Writes the inventory as CSV (RFC 4180) with a header row; a field is quoted when it holds a
/// comma, a quote, a line break or surrounding spaces, and quotes inside are doubled.
pub fn export(tasks: &[TaskInputs]) -> String {
    let mut out = String::new();
    write_row(&mut out, &COLUMNS);
    for t in tasks {
        let automatable = if t.automatable { "yes" } else { "no" };
        write_row(
            &mut out,
            &[
                &with_formula_guard(&t.name),
                &t.times,
                &t.per,
                &t.minutes_each,
                &t.people,
                automatable,
                &t.priority,
                &t.automation_hours,
                &t.share_removed_percent,
                &t.maintenance_hours_per_year,
            ],
        );
    }
    out
}

fn starts_like_a_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `text` with a `'` in front when a spreadsheet would read it as a formula.
fn with_formula_guard(text: &str) -> String {
    if starts_like_a_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Takes off the `'` that [`with_formula_guard`] put in front.
fn without_formula_guard(text: &str) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if starts_like_a_formula(rest) => rest.to_string(),
        _ => text.to_string(),
    }
}

fn write_row(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let needs_quotes = field.contains([',', '"', '\n', '\r']) || field.trim() != *field;
        if needs_quotes {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

/// Splits CSV text into records of trimmed fields, each with its row as a spreadsheet numbers
/// it (the first row is 1): a record is one row however many line breaks its quoted fields
/// hold, and a blank line gives no record but is a row, as a spreadsheet shows it. Parsing is
/// csv-core's (quotes, doubled quotes; CRLF, LF and CR each end a row), with `delimiter`
/// between fields; at most `limit` records are read.
fn records(text: &str, delimiter: u8, limit: usize) -> Vec<(u64, Vec<String>)> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut output = vec![0u8; 1024];
    let mut ends = vec![0usize; 16];
    let (mut out_len, mut end_len) = (0, 0);
    // The row the next record or blank line is on.
    let mut row: u64 = 1;
    let mut at_record_start = true;
    // The last record ended on a CR, whose LF (CRLF) csv-core leaves in the input.
    let mut ended_on_cr = false;
    let mut rows = Vec::new();
    while rows.len() < limit {
        if at_record_start {
            if ended_on_cr {
                if let [b'\n', rest @ ..] = input {
                    input = rest;
                }
            }
            // Each line break left before the record ends a blank line.
            loop {
                input = match input {
                    [b'\r', b'\n', rest @ ..] => rest,
                    [b'\r' | b'\n', rest @ ..] => rest,
                    _ => break,
                };
                row += 1;
            }
            at_record_start = false;
        }
        let (result, n_in, n_out, n_ends) =
            reader.read_record(input, &mut output[out_len..], &mut ends[end_len..]);
        ended_on_cr = input[..n_in].last() == Some(&b'\r');
        input = &input[n_in..];
        out_len += n_out;
        end_len += n_ends;
        match result {
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::OutputFull => output.resize(output.len() * 2, 0),
            csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let fields = ends[..end_len]
                    .iter()
                    .map(|&end| {
                        let field = String::from_utf8_lossy(&output[start..end])
                            .trim()
                            .to_string();
                        start = end;
                        field
                    })
                    .collect();
                rows.push((row, fields));
                row += 1;
                (out_len, end_len) = (0, 0);
                at_record_start = true;
            }
            csv_core::ReadRecordResult::End => break,
        }
    }
    rows
}

/// The column of [`COLUMNS`] a header cell names (any case; spaces and `-` for `_`).
fn column_named(cell: &str) -> Option<usize> {
    let name = cell.to_ascii_lowercase().replace([' ', '-'], "_");
    COLUMNS.iter().position(|c| *c == name)
}

/// The delimiter of a file, and its text from the header on. A first line `sep=;` (Excel's)
/// names it and is not a row, as Excel hides it; otherwise it is whichever of comma,
/// semicolon and tab splits the header into the most columns Headroom knows, comma on a tie.
/// The header decides because its names are known: a comma inside a semicolon-separated
/// file's fields does not change the choice.
fn delimiter_of(text: &str) -> Result<(u8, &str), CsvError> {
    let first_line_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let first_line = &text[..first_line_end];
    if let Some(delimiter) = named_delimiter(first_line) {
        let rest = &text[first_line_end..];
        let rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix(['\r', '\n']))
            .unwrap_or(rest);
        return Ok((delimiter, rest));
    }
    let first_line = first_line.trim_matches(' ');
    if first_line.starts_with("sep=") {
        let shown: String = first_line.chars().take(24).collect();
        let more = if shown.len() < first_line.len() {
            "…"
        } else {
            ""
        };
        return Err(CsvError::UnusableSeparator(format!("{shown}{more}")));
    }
    let known_columns = |delimiter: u8| match records(text, delimiter, 1).first() {
        Some((_, header)) => header.iter().filter(|c| column_named(c).is_some()).count(),
        None => 0,
    };
    let mut best = (b',', known_columns(b','));
    for delimiter in [b';', b'\t'] {
        let known = known_columns(delimiter);
        if known > best.1 {
            best = (delimiter, known);
        }
    }
    Ok((best.0, text))
}

/// Reads an inventory; every row is checked as the table checks it. The rows have ids (see
/// [`crate::inputs::RowId`]).
pub fn import(text: &str) -> Result<Vec<TaskInputs>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (delimiter, text) = delimiter_of(text)?;
    let mut rows = records(text, delimiter, usize::MAX).into_iter();

    let Some((_, header)) = rows.next() else {
        return Err(CsvError::Empty);
    };
    let mut positions: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    for (i, cell) in header.iter().enumerate() {
        if let Some(k) = column_named(cell) {
            if positions[k].is_some() {
                return Err(CsvError::DuplicateColumn(COLUMNS[k].to_string()));
            }
            positions[k] = Some(i);
        }
    }
    let missing: Vec<&'static str> = REQUIRED
        .into_iter()
        .filter(|r| positions[COLUMNS.iter().position(|c| c == r).unwrap_or(0)].is_none())
        .collect();
    if !missing.is_empty() {
        return Err(CsvError::MissingColumns(missing));
    }

    let mut tasks = Vec::new();
    let mut errors = Vec::new();
    for (row, record) in rows {
        if record.iter().all(String::is_empty) {
            continue;
        }
        if tasks.len() >= MAX_TASKS {
            return Err(CsvError::TooManyTasks);
        }
        let cell = |column: usize| -> String {
            positions[column]
                .and_then(|i| record.get(i))
                .cloned()
                .unwrap_or_default()
        };
        match row_to_task(row, delimiter, &cell) {
            Ok(task) => tasks.push(task),
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }
    if !errors.is_empty() {
        return Err(CsvError::Rows(errors));
    }
    if tasks.is_empty() {
        return Err(CsvError::NoTasks);
    }
    // Ids from each row's content, as for an inventory saved without them.
    Ok(with_ids(tasks))
}

/// The numeric columns, with the field each fills.
const NUMERIC: [(usize, TaskField); 7] = [
    (1, TaskField::Times),
    (3, TaskField::Minutes),
    (4, TaskField::People),
    (6, TaskField::Priority),
    (7, TaskField::AutomationHours),
    (8, TaskField::ShareRemoved),
    (9, TaskField::Maintenance),
];

/// A numeric cell with its decimal comma made a decimal point, when it has one: digits, one
/// comma, digits (`1,5`), nothing else. Between semicolons or tabs (the separators of a
/// spreadsheet set to a decimal comma) such a comma is a decimal comma. Between commas it can
/// only be in quotes, and is read as one only when it cannot be a thousands comma: three
/// digits after it (`"1,500"`: 1500 or 1.5?) are refused with both readings, to be written
/// again. Any other cell is left as it is, for the field to judge.
fn with_decimal_point(text: &str, delimiter: u8) -> Result<String, String> {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let Some((whole, fraction)) = text
        .split_once(',')
        .filter(|(whole, fraction)| all_digits(whole) && all_digits(fraction))
    else {
        return Ok(text.to_string());
    };
    if delimiter == b',' && whole.len() <= 3 && fraction.len() == 3 {
        let decimals = fraction.trim_end_matches('0');
        let as_decimal = if decimals.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{decimals}")
        };
        return Err(format!(
            "“{text}” could be {whole}{fraction} or {as_decimal}: write it without the comma, \
             or with a decimal point"
        ));
    }
    Ok(format!("{whole}.{fraction}"))
}

/// Turns the cells of one row into a task, or the errors of that row. Numbers may have a
/// decimal comma (see [`with_decimal_point`]; `delimiter` separates the fields).
fn row_to_task(
    row: u64,
    delimiter: u8,
    cell: &dyn Fn(usize) -> String,
) -> Result<TaskInputs, Vec<RowError>> {
    let defaults = TaskInputs::default();
    let mut errors = Vec::new();
    let mut cells: [String; COLUMNS.len()] = std::array::from_fn(cell);
    let mut refused = Vec::new();
    for (column, field) in NUMERIC {
        match with_decimal_point(&cells[column], delimiter) {
            Ok(text) => cells[column] = text,
            Err(message) => {
                errors.push(RowError {
                    row,
                    message: format!("{}: {message}", field.label()),
                });
                refused.push(field);
            }
        }
    }
    let or_default = |column: usize, default: &str| {
        if cells[column].is_empty() {
            default.to_string()
        } else {
            cells[column].clone()
        }
    };
    let automatable = match cells[5].as_str() {
        "" => false,
        text => toil::parse_yes_no(text).unwrap_or_else(|error| {
            errors.push(RowError {
                row,
                message: format!("{}: {error}", TaskField::Automatable.label()),
            });
            false
        }),
    };
    let per_text = &cells[2];
    let task = TaskInputs {
        id: RowId::NONE,
        name: without_formula_guard(&cells[0]),
        times: or_default(1, "1"),
        // Saved under the canonical name, so the table's period menu shows it.
        per: Period::parse(per_text).map_or(per_text.clone(), |p| p.slug().to_string()),
        minutes_each: cells[3].clone(),
        people: or_default(4, "1"),
        automatable,
        priority: or_default(6, "3"),
        automation_hours: cells[7].clone(),
        share_removed_percent: or_default(8, &defaults.share_removed_percent),
        maintenance_hours_per_year: or_default(9, "0"),
    };
    if let Err(field_errors) = Task::parse(&text_of(&task)) {
        // A field already refused for its comma is not refused again as no number.
        for (field, error) in field_errors
            .into_iter()
            .filter(|(field, _)| !refused.contains(field))
        {
            errors.push(RowError {
                row,
                message: format!("{}: {error}", field.label()),
            });
        }
    }
    if errors.is_empty() {
        Ok(task)
    } else {
        Err(errors)
    }
}

/// The text view of a row that the calculator parses.
pub fn text_of(task: &TaskInputs) -> TaskText<'_> {
    TaskText {
        name: &task.name,
        times: &task.times,
        per: &task.per,
        minutes_each: &task.minutes_each,
        people: &task.people,
        automatable: task.automatable,
        priority: &task.priority,
        automation_hours: &task.automation_hours,
        share_removed_percent: &task.share_removed_percent,
        maintenance_hours_per_year: &task.maintenance_hours_per_year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::ToilInputs;

    const HEADER: &str = "name,times,per,minutes_each,people,automatable,priority,\
                          automation_hours,share_removed_percent,maintenance_hours_per_year";

    #[test]
    fn round_trips_the_default_inventory_and_awkward_names() {
        let mut tasks = ToilInputs::default().tasks;
        tasks.push(TaskInputs {
            name: "Page \"ops\", then\nwait".to_string(),
            automatable: false,
            ..TaskInputs::default()
        });
        // Ids are not in the file: read back, each row's id is made from its content again.
        crate::inputs::number_rows(&mut tasks);
        let text = export(&tasks);
        assert!(text.starts_with(&format!("{HEADER}\n")), "{text}");
        assert_eq!(import(&text), Ok(tasks));
    }

    #[test]
    fn reads_a_spreadsheet_export() {
        // Columns reordered and capitalised, a byte-order mark, CRLF, an unknown column,
        // optional columns left out, a blank line, period spelt "Daily".
        let text = "\u{feff}Minutes Each,Name,Per,Notes,Automatable,Automation Hours\r\n\
                    30,Restart deploys,Daily,flaky,yes,16\r\n\
                    \r\n\
                    120,Renew certs,monthly,,no,\r\n";
        let tasks = import(text).expect("valid");
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].name, "Restart deploys");
        assert_eq!(tasks[0].per, "day");
        assert_eq!(tasks[0].minutes_each, "30");
        assert!(tasks[0].automatable);
        assert_eq!(tasks[0].times, "1");
        assert_eq!(tasks[0].share_removed_percent, "100");
        assert_eq!(tasks[1].per, "month");
        assert!(!tasks[1].automatable);
        let error = import("Name,Per,Minutes_each\r\nok,day,5\r\nbad,day,0\r\n").unwrap_err();
        assert!(error.to_string().contains("row 3: minutes"), "{error}");
    }

    #[test]
    fn each_error_names_its_row_and_field() {
        // (file, expected message, what is wrong)
        let cases: &[(&str, &str, &str)] = &[
            (
                "",
                "The file is empty: expected a header row first",
                "nothing at all",
            ),
            (
                "name,times\nx,1\n",
                "The header row lacks the columns per, minutes_each; the columns are name, \
                 times, per, minutes_each, people, automatable, priority, automation_hours, \
                 share_removed_percent, maintenance_hours_per_year",
                "required columns missing",
            ),
            (
                "name,per,minutes_each,Name\n",
                "The column name appears twice",
                "a duplicate",
            ),
            (
                "name,per,minutes_each\n",
                "The file has a header but no tasks",
                "no rows",
            ),
            (
                "name,per,minutes_each\na,day,0\nb,fortnight,5\nc,week,ten\n",
                "Nothing was imported. row 2: minutes each time: Must be above zero; \
                 row 3: period: Unknown period “fortnight”: use day, working day, week, \
                 month, quarter or year; row 4: minutes each time: Not a number: use digits \
                 and a decimal point",
                "one bad value in each of three rows",
            ),
            (
                "name,per,minutes_each,automatable,automation_hours\na,day,5,maybe,\n",
                "Nothing was imported. row 2: automatable: “maybe” is not yes or no",
                "automatable neither yes nor no",
            ),
            (
                "name,per,minutes_each,automatable,automation_hours\na,day,5,yes,\n",
                "Nothing was imported. row 2: hours to automate: Enter a number",
                "an automatable task needs its hours to automate",
            ),
            (
                "name,per,minutes_each,people,priority\na,day,5,1.5,9\n",
                "Nothing was imported. row 2: people: Enter a whole number; row 2: priority: \
                 Enter a whole number from 1 to 5",
                "two errors in one row",
            ),
            (
                "name,per,minutes_each\n\"a,day,5\n",
                "Nothing was imported. row 2: period: Choose a period: day, working day, week, \
                 month, quarter or year; row 2: minutes each time: Enter a number",
                "an unclosed quote swallows the rest of the row",
            ),
        ];
        for (text, expected, what) in cases {
            let error = import(text).expect_err(what);
            assert_eq!(error.to_string(), *expected, "{what}");
        }
    }

    #[test]
    fn a_quoted_line_break_does_not_shift_the_row_numbers() {
        // A spreadsheet shows a name with a line break in one row, so the rows after it keep
        // their numbers; a blank line is a row of its own there, and line endings are any of
        // LF, CRLF and CR. (file, expected message, what is there)
        let cases: &[(&str, &str, &str)] = &[
            (
                "name,per,minutes_each\n\"Multi\nline name\",day,5\nafter,week,10\n\
                 broken,fortnight,3\n",
                "row 4: period",
                "a name on two lines",
            ),
            (
                "name,per,minutes_each\n\"Three\nline\nname\",day,5\nafter,week,10\n\
                 broken,fortnight,3\n",
                "row 4: period",
                "a name on three lines",
            ),
            (
                "name,per,minutes_each\r\n\"Multi\r\nline\",day,5\r\n\r\nbroken,fortnight,3\r\n",
                "row 4: period",
                "CRLF, a quoted CRLF and a blank line",
            ),
            (
                "name,per,minutes_each\r\"Multi\rline\",day,5\r\rbroken,fortnight,3",
                "row 4: period",
                "CR line endings and no final line break",
            ),
            (
                "\nname,per,minutes_each\n\n\nbroken,fortnight,3\n",
                "row 5: period",
                "blank lines before the header and after it",
            ),
            (
                "name,per,minutes_each\n\"a\n\n\nb\",day,0\n",
                "row 2: minutes",
                "blank lines inside a quoted name",
            ),
        ];
        for (text, expected, what) in cases {
            let message = import(text).expect_err(what).to_string();
            assert!(
                message.starts_with(&format!("Nothing was imported. {expected}")),
                "{what}: {message}"
            );
        }
    }

    #[test]
    fn reads_semicolon_and_tab_separated_files() {
        // Spreadsheets set to a decimal comma save CSV with semicolons, and often write a first
        // line `sep=;` that Excel reads and hides; text copied out of a sheet is tab-separated.
        // (file, expected names, what is there)
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "name;per;minutes_each\nSemi task;day;5\n",
                &["Semi task"],
                "semicolons",
            ),
            (
                "sep=;\r\nName;Per;Minutes each\r\n\"Deploy; then check\";day;5\r\n\
                 Restart, flush;week;10\r\n",
                &["Deploy; then check", "Restart, flush"],
                "Excel's sep line, a quoted semicolon and a comma in a name",
            ),
            (
                "name\tper\tminutes_each\nTab task\tday\t5\nOther, task\tweek\t10\n",
                &["Tab task", "Other, task"],
                "tabs",
            ),
            (
                "sep=\\t\nname\tper\tminutes_each\nTab task\tday\t5\n",
                &["Tab task"],
                "a tab named as \\t",
            ),
            (
                "sep=,\nname,per,minutes_each\nComma task,day,5\n",
                &["Comma task"],
                "Excel's sep line naming a comma",
            ),
            (
                "name,per,minutes_each,notes\nComma task,day,5,a;b\n",
                &["Comma task"],
                "a semicolon in a comma-separated file",
            ),
        ];
        for (text, names, what) in cases {
            let tasks = import(text).unwrap_or_else(|e| panic!("{what}: {e}"));
            let read: Vec<&str> = tasks.iter().map(|t| t.name.as_str()).collect();
            assert_eq!(read, *names, "{what}");
        }
        // The header stays row 1 after a sep line, as Excel shows the file; a missing column
        // is named from the header as split by its own delimiter.
        let cases: &[(&str, &str)] = &[
            (
                "sep=;\nname;per;minutes_each\nok;day;5\nbad;fortnight;3\n",
                "Nothing was imported. row 3: period: Unknown period “fortnight”: use day, \
                 working day, week, month, quarter or year",
            ),
            (
                "name;times\nx;1\n",
                "The header row lacks the columns per, minutes_each; the columns are name, \
                 times, per, minutes_each, people, automatable, priority, automation_hours, \
                 share_removed_percent, maintenance_hours_per_year",
            ),
            // A sep line Headroom cannot follow is named, not taken for a header that lacks
            // every column.
            (
                "sep=0\nname0per0minutes_each\nx0day05\n",
                "The first line \"sep=0\" should name the column separator as one character, \
                 such as sep=; or sep=, or sep=\\t (a letter, a digit or the double quote \
                 cannot separate columns)",
            ),
            (
                "sep=;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;\nname;per;minutes_each\n",
                "The first line \"sep=;;;;;;;;;;;;;;;;;;;;…\" should name the column separator \
                 as one character, such as sep=; or sep=, or sep=\\t (a letter, a digit or the \
                 double quote cannot separate columns)",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(import(text).unwrap_err().to_string(), *expected, "{text}");
        }
    }

    #[test]
    fn reads_a_decimal_comma_where_it_cannot_be_a_column_or_a_thousands_comma() {
        // As Excel saves "CSV (semicolon separated)" with German regional settings: a sep line,
        // CRLF, a decimal comma in every number with a fraction, a comma in a name.
        let german = "sep=;\r\n\
                      Name;Times;Per;Minutes each;People;Automatable;Priority;Automation hours;\
                      Share removed percent;Maintenance hours per year\r\n\
                      Zertifikate erneuern;1;month;7,5;1;yes;2;12,5;100;1,25\r\n\
                      \"Pods neu starten, dann prüfen\";2;day;0,5;1;no;3;;;\r\n\
                      Berichte;1,5;week;20;2;yes;1;8;62,5;0\r\n";
        let tasks = import(german).expect("a decimal comma with semicolons");
        let read: Vec<[&str; 5]> = tasks
            .iter()
            .map(|t| {
                [
                    t.name.as_str(),
                    t.times.as_str(),
                    t.minutes_each.as_str(),
                    t.automation_hours.as_str(),
                    t.maintenance_hours_per_year.as_str(),
                ]
            })
            .collect();
        assert_eq!(
            read,
            [
                ["Zertifikate erneuern", "1", "7.5", "12.5", "1.25"],
                ["Pods neu starten, dann prüfen", "2", "0.5", "", "0"],
                ["Berichte", "1.5", "20", "8", "0"],
            ]
        );
        assert_eq!(tasks[2].share_removed_percent, "62.5");
        // Copied out of a sheet: tab-separated, and the same with a sep line naming the tab.
        for text in [
            "name\tper\tminutes_each\nTab task\tday\t2,5\n",
            "sep=\\t\nname\tper\tminutes_each\nTab task\tday\t2,5\n",
        ] {
            assert_eq!(import(text).unwrap()[0].minutes_each, "2.5", "{text:?}");
        }
        // Between commas, a decimal comma is only in quotes, and read when it cannot be a
        // thousands comma: three digits after it could be either, so the row says so.
        let text = "name,per,minutes_each,automation_hours,automatable\n\
                    Quoted,day,\"1,5\",\"12,25\",yes\n";
        let tasks = import(text).unwrap();
        assert_eq!(
            [
                tasks[0].minutes_each.as_str(),
                tasks[0].automation_hours.as_str()
            ],
            ["1.5", "12.25"]
        );
        let cases: &[(&str, &str)] = &[
            (
                "name,per,minutes_each\nx,day,\"1,500\"\n",
                "Nothing was imported. row 2: minutes each time: “1,500” could be 1500 or 1.5: \
                 write it without the comma, or with a decimal point",
            ),
            // With semicolons a comma is never a thousands comma: three decimals are too many.
            (
                "name;per;minutes_each\nx;day;1,234\n",
                "Nothing was imported. row 2: minutes each time: Use at most 2 decimal places",
            ),
            // One comma between digits and nothing else: grouping is not read.
            (
                "name;per;minutes_each\nx;day;1.234,5\n",
                "Nothing was imported. row 2: minutes each time: Not a number: use digits and \
                 a decimal point",
            ),
            (
                "name;per;minutes_each\nx;day;1,5,5\n",
                "Nothing was imported. row 2: minutes each time: Not a number: use digits and \
                 a decimal point",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(import(text).unwrap_err().to_string(), *expected, "{text:?}");
        }
        // A comma in a name is never touched, whatever the separator.
        let text = "name;per;minutes_each\n1,5;day;5\n";
        assert_eq!(import(text).unwrap()[0].name, "1,5");
    }

    #[test]
    fn a_direction_control_in_a_name_reads_back_as_it_was() {
        // The CSV is data: a name with direction controls, even at its longest, reads back
        // exactly (shown as `<U+202E>`, 200 of them would be 1,600 characters, over the limit).
        let mut tasks = vec![
            TaskInputs {
                name: "Deploy \u{202E}yad\u{202C}\u{2066}".to_string(),
                ..TaskInputs::default()
            },
            TaskInputs {
                name: "\u{202E}".repeat(toil::MAX_NAME_CHARS),
                ..TaskInputs::default()
            },
        ];
        crate::inputs::number_rows(&mut tasks);
        assert_eq!(import(&export(&tasks)), Ok(tasks));
    }

    #[test]
    fn keeps_control_characters_and_refuses_huge_files() {
        let binary = "name,per,minutes_each\n\u{0}\u{1},day,5\n";
        assert!(
            import(binary).is_ok(),
            "control characters are text, kept as typed"
        );
        let mut many = String::from("name,per,minutes_each\n");
        for i in 0..=MAX_TASKS {
            many.push_str(&format!("t{i},day,5\n"));
        }
        assert_eq!(import(&many), Err(CsvError::TooManyTasks));
    }

    #[test]
    fn lists_at_most_twenty_errors() {
        let mut text = String::from("name,per,minutes_each\n");
        for _ in 0..25 {
            text.push_str("a,day,0\n");
        }
        let message = import(&text).unwrap_err().to_string();
        assert!(message.ends_with("; and 5 more"), "{message}");
        assert!(message.contains("row 21:") && !message.contains("row 22:"));
    }

    /// Hostile text never panics.
    #[test]
    fn hostile_files_never_panic() {
        let pieces = [
            "",
            ",",
            "\"",
            "\"\"",
            "\n",
            "\r",
            "name",
            "per",
            "minutes_each",
            "day",
            "-1",
            "1e9",
            "NaN",
            "\u{feff}",
            "é",
            "\u{0}",
            "yes",
            ",,,,,,,,,,,,,,,",
            "\"a\nb\"",
        ];
        let mut seed: u64 = 7;
        for _ in 0..2_000 {
            let mut text = String::from("name,per,minutes_each,automatable\n");
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                if seed.is_multiple_of(3) {
                    text.push(',');
                }
            }
            let _ = import(&text);
            if let Some(tail) = text.get(text.len() / 2..) {
                let _ = import(tail);
            }
        }
        let invalid_utf8_as_text = String::from_utf8_lossy(&[0xff, 0xfe, b',', 0x80]).to_string();
        let _ = import(&invalid_utf8_as_text);
    }

    #[test]
    fn names_a_spreadsheet_would_run_are_guarded_and_come_back_as_typed() {
        let names = [
            "=HYPERLINK(\"http://evil.invalid\",\"x\")",
            "+1",
            "-rm",
            "@SUM(A1)",
            "'quoted already",
            "plain",
        ];
        let tasks: Vec<TaskInputs> = names
            .iter()
            .map(|n| TaskInputs {
                name: n.to_string(),
                per: "day".into(),
                minutes_each: "5".into(),
                ..TaskInputs::default()
            })
            .collect();
        let csv = export(&tasks);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[1].starts_with("\"'=HYPERLINK("), "{}", lines[1]);
        assert!(lines[2].starts_with("'+1,"));
        assert!(lines[3].starts_with("'-rm,"));
        assert!(lines[4].starts_with("'@SUM(A1),"));
        assert!(lines[5].starts_with("'quoted already,"));
        let back: Vec<String> = import(&csv).unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(back, names);
    }
}
