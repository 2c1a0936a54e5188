//! Scenario files: named sets of every tab's inputs, exported and imported as JSON.
//!
//! Format (version 1):
//! `{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id", "name", "created_ms",
//! "updated_ms", "inputs": {"budget": {...}, ...}}]}`. Times are milliseconds since 1970 UTC, up
//! to the end of the year 9999.
//! A file is untrusted input: it is checked whole (size, syntax, version, types, limits) before
//! anything is applied, and every problem is reported with where it is.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::series_codec::{self, SeriesText, MAX_POINTS_BYTES};
use super::toil_csv;
use super::{number_ending_at, value_in_words, with_number_as_typed};
use crate::calc::budget_sheet::Choice;
use crate::calc::capacity::forecast::ModelChoice;
use crate::calc::decimal::counted;
use crate::calc::{alerts, incident};
use crate::inputs::Workspace;

/// The `format` field of a scenario file.
pub const FORMAT: &str = "headroom-scenarios";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 5_000_000;
/// The most scenarios one file may hold.
pub const MAX_SCENARIOS: usize = 1_000;
/// The longest scenario name, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// The longest text any input may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// The most items any list in a file may hold.
pub const MAX_LIST_ITEMS: usize = 10_000;

/// The latest time a scenario may carry: the last millisecond of the year 9999 (UTC), as dates
/// are written for the years 1 to 9999 only.
pub const MAX_TIME_MS: u64 = 253_402_300_799_999;

/// What `created_ms` and `updated_ms` must be, for messages.
const TIME_RANGE: &str = "a time in milliseconds since 1970 UTC, from 0 to 253402300799999 (the \
                          end of the year 9999)";

/// One named scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// Stable identity across renames: made from the creation time and a counter.
    pub id: String,
    pub name: String,
    pub created_ms: u64,
    pub updated_ms: u64,
    pub inputs: Workspace,
}

/// A file of scenarios.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioFile {
    pub format: String,
    pub version: u32,
    pub scenarios: Vec<Scenario>,
    /// Imported capacity series the scenarios refer to (by `inputs.capacity.series.id`), when
    /// they fit the file or link; absent from files that carry none. Optional within version 1:
    /// older readers ignore it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<SeriesText>,
}

impl ScenarioFile {
    pub fn new(scenarios: Vec<Scenario>) -> ScenarioFile {
        ScenarioFile {
            format: FORMAT.to_string(),
            version: VERSION,
            scenarios,
            series: Vec::new(),
        }
    }

    /// The file as pretty JSON, ready to download.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// What [`parse`] would refuse in this file (a text longer than an import accepts, say,
    /// typed into a field that saves it as typed); empty when the file reads back. A file or link
    /// is written only when this is empty, so Headroom never gives out one it cannot open.
    pub fn refused_parts(&self) -> Vec<Problem> {
        parse(&self.to_json()).err().unwrap_or_default()
    }

    /// Why this file or link is not written (`what` is "exported" or "shared"), naming each
    /// refused part by its scenario and field; `None` when it reads back.
    pub fn refusal(&self, what: &str) -> Option<String> {
        let refused = self.refused_parts();
        if refused.is_empty() {
            return None;
        }
        let listed: Vec<String> = refused
            .iter()
            .take(5)
            .map(|p| format!("{}: {}", self.place_in_words(&p.at), p.message))
            .collect();
        Some(format!(
            "Not {what}: Headroom could not open it again ({}{}). Shorten or remove what is \
             named, then try again.",
            listed.join("; "),
            if refused.len() > listed.len() {
                "; …"
            } else {
                ""
            }
        ))
    }

    /// A path such as `scenarios[0].inputs.toil.tasks[2].name` in words: `“Q3 plan”, Toil tab,
    /// task 3, name`.
    fn place_in_words(&self, at: &str) -> String {
        let mut words = Vec::new();
        for (i, part) in at.split('.').enumerate() {
            let (name, index) = match part.split_once('[') {
                Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
                None => (part, None),
            };
            match (i, name, index) {
                (0, "scenarios", Some(n)) => words.push(match self.scenarios.get(n) {
                    Some(s) => format!("“{}”", s.name),
                    None => format!("scenario {}", n + 1),
                }),
                (1, "inputs", None) => {}
                (2, tab, None) if at.contains(".inputs.") => {
                    let mut tab = tab.to_string();
                    if let Some(first) = tab.get_mut(..1) {
                        first.make_ascii_uppercase();
                    }
                    words.push(format!("{tab} tab"));
                }
                (_, list, Some(n)) => {
                    let one = list.strip_suffix('s').unwrap_or(list);
                    words.push(format!("{} {}", one.replace('_', " "), n + 1));
                }
                (_, field, None) => words.push(field.replace('_', " ")),
            }
        }
        words.join(", ")
    }
}

/// One problem in an imported file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path such as `scenarios[2].name`, or `file` for the whole file.
    pub at: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

fn problem(at: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        at: at.into(),
        message: message.into(),
    }
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// Reads a scenario file. Returns every problem found, or the file; nothing is applied here.
pub fn parse(text: &str) -> Result<ScenarioFile, Vec<Problem>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![problem(
            "file",
            format!("the file is larger than {} MB", MAX_FILE_BYTES / 1_000_000),
        )]);
    }
    if text.trim().is_empty() {
        return Err(vec![problem("file", "the file is empty")]);
    }

    // Syntax and limits first, over the generic JSON tree, so that every problem has a path.
    let tree: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let said = e.to_string();
        let message = if said.starts_with("recursion limit exceeded") {
            format!(
                "nested too deeply (more than 128 levels of lists and objects, line {}, column {})",
                e.line(),
                e.column()
            )
        } else if said.starts_with("number out of range") {
            // Valid JSON, but beyond what any field can hold: it used to be "not valid JSON".
            format!(
                "holds a number too large to read (beyond about 1.8e308, line {}, column {})",
                e.line(),
                e.column()
            )
        } else {
            format!("not valid JSON (line {}, column {})", e.line(), e.column())
        };
        vec![problem("file", message)]
    })?;
    let mut problems = Vec::new();
    check_limits(&tree, "", &mut problems);

    if !tree.is_object() {
        return Err(vec![problem(
            "file",
            "not a Headroom scenario file (the top level is not an object)",
        )]);
    }
    let header: Header = serde_json::from_value(tree.clone()).map_err(|_| {
        let version = &tree["version"];
        let version_ok =
            version.is_null() || version.as_u64().is_some_and(|v| u32::try_from(v).is_ok());
        if version_ok {
            vec![problem(
                "format",
                format!("must be the text \"{FORMAT}\": this is not a Headroom scenario file"),
            )]
        } else {
            vec![problem(
                "version",
                if VERSION == 1 {
                    format!(
                        "must be the whole number 1, not {}",
                        as_typed(text, "version", value_in_words(version))
                    )
                } else {
                    format!(
                        "must be a whole number from 1 to {VERSION}, not {}",
                        as_typed(text, "version", value_in_words(version))
                    )
                },
            )]
        }
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        problems.push(problem(
            "format",
            format!("must be \"{FORMAT}\": this is not a Headroom scenario file"),
        ));
    }
    match header.version {
        None => problems.push(problem("version", "missing: not a Headroom scenario file")),
        Some(v) if v > VERSION => problems.push(problem(
            "version",
            format!("{v} is newer than this Headroom reads (up to {VERSION}); open it with a newer Headroom"),
        )),
        Some(0) => problems.push(problem("version", "0 is not a version of the format")),
        Some(_) => {}
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let file: ScenarioFile = serde_path_to_error::deserialize(tree).map_err(|e| {
        let at = e.path().to_string();
        let mut message = as_typed(text, &at, super::in_plain_words(&e.inner().to_string()));
        // A time is said to be one, not any whole number up to 2^64 - 1.
        if at.ends_with(".created_ms") || at.ends_with(".updated_ms") {
            if let Some((found, _)) = message.split_once(", but must be ") {
                message = format!("{found}, but must be {TIME_RANGE}");
            }
        }
        vec![problem(
            if at == "." { "file".to_string() } else { at },
            message,
        )]
    })?;
    check_scenarios(&file, &mut problems);
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// `message` about the value at `at` (a path: `scenarios[0].created_ms`) in the file `text`,
/// with the number it quotes as the file has it: serde_json reads a whole number past 2^64 as a
/// float, and would quote `123456789012345678901234` as `1.2345678901234568e23`.
fn as_typed(text: &str, at: &str, message: String) -> String {
    match number_at(text, at) {
        Some(typed) if message.contains("the number ") => with_number_as_typed(&message, typed),
        _ => message,
    }
}

/// The number at the path `at` in the JSON `text` (valid JSON), as typed, if a number is there.
/// A key given twice is read as serde_json reads it: the last one counts. On the text, so that
/// no second reader of numbers is in the page.
fn number_at<'a>(text: &'a str, at: &str) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let blank = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    // The end of the value that starts at `i` (a string's closing quote included).
    let past_value = |mut i: usize| -> Option<usize> {
        let mut depth = 0usize;
        loop {
            match *bytes.get(i)? {
                b'"' => {
                    i += 1;
                    while *bytes.get(i)? != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'{' | b'[' => {
                    depth += 1;
                    i += 1;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    i += 1;
                }
                b',' | b'}' | b']' if depth == 0 => return Some(i),
                _ if depth == 0 && bytes[i].is_ascii_whitespace() => return Some(i),
                _ => i += 1,
            }
            if depth == 0 && matches!(bytes.get(i - 1), Some(b'"' | b'}' | b']')) {
                return Some(i);
            }
        }
    };
    let mut i = blank(0);
    let steps = at.split(['.', '[']).filter(|step| !step.is_empty());
    for step in steps {
        let found = if let Some(index) = step.strip_suffix(']') {
            let index: usize = index.parse().ok()?;
            (*bytes.get(i)? == b'[').then_some(())?;
            let mut item = blank(i + 1);
            for _ in 0..index {
                item = blank(past_value(item)?);
                (*bytes.get(item)? == b',').then_some(())?;
                item = blank(item + 1);
            }
            item
        } else {
            (*bytes.get(i)? == b'{').then_some(())?;
            let mut found = None;
            let mut key = blank(i + 1);
            while *bytes.get(key)? == b'"' {
                let key_end = past_value(key)?;
                let value = blank(blank(key_end) + 1);
                if text.get(key + 1..key_end - 1) == Some(step) {
                    found = Some(value);
                }
                let next = blank(past_value(value)?);
                if *bytes.get(next)? != b',' {
                    break;
                }
                key = blank(next + 1);
            }
            found?
        };
        i = found;
    }
    number_ending_at(text, past_value(i)?).filter(|number| text[i..].starts_with(number))
}

fn check_limits(value: &serde_json::Value, at: &str, problems: &mut Vec<Problem>) {
    if problems.len() >= 20 {
        return;
    }
    // A series' points are one long text, with a limit of their own.
    let is_points = at.starts_with("series[") && at.ends_with("].points");
    match value {
        serde_json::Value::String(text) if is_points && text.len() > MAX_POINTS_BYTES => problems
            .push(problem(
                at,
                "the series is larger than Headroom accepts".to_string(),
            )),
        serde_json::Value::String(_) if is_points => {}
        serde_json::Value::String(text) if text.chars().count() > MAX_TEXT_CHARS => problems.push(
            problem(at, format!("text longer than {MAX_TEXT_CHARS} characters")),
        ),
        serde_json::Value::Array(items) => {
            if items.len() > MAX_LIST_ITEMS {
                problems.push(problem(at, format!("more than {MAX_LIST_ITEMS} items")));
                return;
            }
            for (i, item) in items.iter().enumerate() {
                check_limits(item, &format!("{at}[{i}]"), problems);
            }
        }
        serde_json::Value::Object(members) => {
            for (key, member) in members {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                check_limits(member, &path, problems);
            }
        }
        _ => {}
    }
}

fn check_scenarios(file: &ScenarioFile, problems: &mut Vec<Problem>) {
    if file.scenarios.len() > MAX_SCENARIOS {
        problems.push(problem(
            "scenarios",
            format!("more than {MAX_SCENARIOS} scenarios"),
        ));
    }
    for (i, series) in file.series.iter().enumerate() {
        if let Err(message) = series_codec::from_text(series) {
            problems.push(problem(format!("series[{i}]"), message));
        }
    }
    for (i, scenario) in file.scenarios.iter().enumerate() {
        let at = |field: &str| format!("scenarios[{i}].{field}");
        if let Err(message) = check_name(&scenario.name) {
            problems.push(problem(at("name"), message));
        }
        if scenario.id.trim().is_empty() || scenario.id.len() > 64 {
            problems.push(problem(at("id"), "must be 1 to 64 characters"));
        }
        // A JavaScript date shows a time past the year 275760 as an invalid date, and the
        // years past 9999 as no one writes them.
        for (field, ms) in [
            ("created_ms", scenario.created_ms),
            ("updated_ms", scenario.updated_ms),
        ] {
            if ms > MAX_TIME_MS {
                problems.push(problem(
                    at(field),
                    format!("is {ms}, after the year 9999, but must be {TIME_RANGE}"),
                ));
            }
        }
        if scenario.updated_ms < scenario.created_ms {
            problems.push(problem(at("updated_ms"), "is earlier than created_ms"));
        }
        check_list_sizes(&scenario.inputs, &at, problems);
        check_choices(&scenario.inputs, &at, problems);
    }
}

/// The fields the page offers as a drop-down hold one of its options: the page would show an
/// unknown one as another option (a severity "critical" as page, a window kind "weird" as
/// rolling) without a word, so a file or link holding one is refused.
fn check_choices(inputs: &Workspace, at: &dyn Fn(&str) -> String, problems: &mut Vec<Problem>) {
    let mut refuse = |field: String, value: &str, allowed: &[&str]| {
        let shown: String = value.chars().take(40).collect();
        problems.push(problem(
            field,
            format!("is \"{shown}\", but must be one of: {}", allowed.join(", ")),
        ));
    };
    for choice in Choice::ALL {
        let value = choice.get(&inputs.budget);
        let allowed: Vec<&str> = choice.options().iter().map(|(slug, _)| *slug).collect();
        if !allowed.contains(&value) {
            let name = match choice {
                Choice::WindowKind => "window_kind",
                Choice::MonthConvention => "month_convention",
                Choice::SliKind => "sli_kind",
                Choice::SoFarMode => "so_far_mode",
            };
            refuse(at(&format!("inputs.budget.{name}")), value, &allowed);
        }
    }
    for (k, row) in inputs.alerts.rows.iter().enumerate() {
        if alerts::Severity::parse(&row.severity).is_none() {
            let allowed = alerts::Severity::ALL.map(alerts::Severity::slug);
            refuse(
                at(&format!("inputs.alerts.rows[{k}].severity")),
                &row.severity,
                &allowed,
            );
        }
    }
    if ModelChoice::from_slug(inputs.capacity.model.trim()).is_none() {
        let allowed = ModelChoice::ALL.map(ModelChoice::slug);
        refuse(
            at("inputs.capacity.model"),
            &inputs.capacity.model,
            &allowed,
        );
    }
}

/// The page's own limits on its lists (what it lets a person add, or import from CSV), so a
/// file cannot bring a list the page would become too slow with.
fn check_list_sizes(inputs: &Workspace, at: &dyn Fn(&str) -> String, problems: &mut Vec<Problem>) {
    let lists = [
        (
            "inputs.toil.tasks",
            inputs.toil.tasks.len(),
            toil_csv::MAX_TASKS,
            "tasks",
        ),
        (
            "inputs.alerts.rows",
            inputs.alerts.rows.len(),
            alerts::MAX_ROWS,
            "alerts",
        ),
        (
            "inputs.incidents.incidents",
            inputs.incidents.incidents.len(),
            incident::MAX_INCIDENTS,
            "incidents",
        ),
    ];
    for (field, len, max, what) in lists {
        if len > max {
            problems.push(problem(at(field), format!("more than {max} {what}")));
        }
    }
    for (j, logged) in inputs.incidents.incidents.iter().enumerate() {
        if logged.timeline.len() > incident::MAX_ENTRIES {
            problems.push(problem(
                at(&format!("inputs.incidents.incidents[{j}].timeline")),
                format!("more than {} timeline entries", incident::MAX_ENTRIES),
            ));
        }
    }
}

/// Checks a scenario name: 1 to 120 characters, not only spaces, no control characters.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("a scenario needs a name".to_string());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("names are at most {MAX_NAME_CHARS} characters"));
    }
    if name.chars().any(char::is_control) {
        return Err("names cannot hold control characters".to_string());
    }
    Ok(())
}

/// Names in `incoming` that an existing scenario already has.
pub fn name_clashes<'a>(existing: &[Scenario], incoming: &'a [Scenario]) -> Vec<&'a str> {
    incoming
        .iter()
        .filter(|s| existing.iter().any(|e| e.name == s.name))
        .map(|s| s.name.as_str())
        .collect()
}

/// A name not yet taken: `name`, else `name (2)`, `name (3)`, ..., with `name` cut short (at a
/// character) where the number would take it past [`MAX_NAME_CHARS`].
pub fn unique_name(existing: &[Scenario], name: &str) -> String {
    unique_among(existing.iter().map(|s| s.name.as_str()), name)
}

/// How [`undeleted`] brings a deleted scenario back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndeleteAs {
    /// As it was: its id and name are free.
    Was,
    /// Under a free name: a scenario of its name was saved since.
    Renamed,
    /// As a new scenario beside the one saved under its id since (by another window or an
    /// import), under a free name.
    Copy,
}

/// The deleted scenario `deleted` as its Undo saves it among `existing` (the list as stored
/// now): as it was, unless something was saved since that it would write over or repeat. A
/// version saved since under its id keeps that id, and the deleted one comes back with
/// `new_id`; a name taken since makes its name free ([`unique_name`]).
pub fn undeleted(
    existing: &[Scenario],
    deleted: &Scenario,
    new_id: impl FnOnce() -> String,
) -> (Scenario, UndeleteAs) {
    let mut back = deleted.clone();
    let mut how = UndeleteAs::Was;
    if existing.iter().any(|s| s.id == deleted.id) {
        back.id = new_id();
        how = UndeleteAs::Copy;
    }
    back.name = unique_name(existing, &deleted.name);
    if back.name != deleted.name && how == UndeleteAs::Was {
        how = UndeleteAs::Renamed;
    }
    (back, how)
}

/// The name of a duplicate of the scenario named `name`: "… (copy)", the name cut to leave room
/// for that within [`MAX_NAME_CHARS`] (a copy of a 120-character name could not be exported or
/// shared afterwards). Made distinct from the others by [`unique_name`] when saved.
pub fn copy_name(name: &str) -> String {
    const SUFFIX: &str = " (copy)";
    let room = MAX_NAME_CHARS - SUFFIX.chars().count();
    let cut: String = name.chars().take(room).collect();
    format!("{}{SUFFIX}", cut.trim_end())
}

/// [`unique_name`] against the names in `taken`.
fn unique_among<'a>(taken: impl Iterator<Item = &'a str> + Clone, name: &str) -> String {
    let is_taken = |candidate: &str| taken.clone().any(|t| t == candidate);
    if !is_taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
            let cut: String = name.chars().take(room).collect();
            format!("{}{suffix}", cut.trim_end())
        })
        .find(|candidate| !is_taken(candidate))
        .unwrap_or_else(|| name.to_string())
}

/// What an import does with an incoming scenario whose name one of yours already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClashChoice {
    /// The incoming scenario takes the place (and id) of yours.
    Replace,
    /// The incoming scenario is saved beside yours under a free name (`base (2)`).
    KeepBoth,
    /// The incoming scenario is left out.
    Skip,
}

/// A file's scenarios on their way in, before the person answers about names already taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub file_name: String,
    pub scenarios: Vec<Scenario>,
    /// Names of `scenarios` that a saved scenario already has, each once.
    pub clashes: Vec<String>,
    /// A name the file holds more than once, and the name a later one of them comes in under
    /// (`base` -> `base (2)`), in the file's order: none of them is lost.
    pub renamed_in_file: Vec<(String, String)>,
}

impl Incoming {
    /// `scenarios` read from `file_name`, each name the file repeats given to its later
    /// scenarios as a name neither the file nor `existing` has ([`unique_name`]'s rule), and the
    /// names among them that `existing` has taken.
    pub fn new(existing: &[Scenario], file_name: String, mut scenarios: Vec<Scenario>) -> Incoming {
        let mut taken: Vec<String> = existing
            .iter()
            .chain(&scenarios)
            .map(|s| s.name.clone())
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mut renamed_in_file = Vec::new();
        for scenario in &mut scenarios {
            if seen.insert(scenario.name.clone()) {
                continue;
            }
            let name = unique_among(taken.iter().map(String::as_str), &scenario.name);
            taken.push(name.clone());
            seen.insert(name.clone());
            renamed_in_file.push((std::mem::replace(&mut scenario.name, name.clone()), name));
        }
        let clashes = name_clashes(existing, &scenarios)
            .into_iter()
            .map(str::to_string)
            .collect();
        Incoming {
            file_name,
            scenarios,
            clashes,
            renamed_in_file,
        }
    }
}

/// What an import saves: the scenarios, in order, each with the id and name it is saved under.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub to_save: Vec<Scenario>,
    /// How many of `to_save` take the place of one of yours.
    pub replaced: usize,
    /// How many incoming scenarios are left out (their names taken, and Skip chosen).
    pub skipped: usize,
}

/// The scenarios `incoming` saves next to `existing`, with `choice` for the names already taken.
/// `new_id` makes an id for a scenario that cannot keep its own (one of yours has it).
pub fn plan_import(
    existing: &[Scenario],
    incoming: &Incoming,
    choice: ClashChoice,
    mut new_id: impl FnMut() -> String,
) -> ImportPlan {
    let mut existing = existing.to_vec();
    // A name kept beside yours is one none of the file's names is either.
    let file_names: Vec<&str> = incoming.scenarios.iter().map(|s| s.name.as_str()).collect();
    let mut plan = ImportPlan {
        to_save: Vec::new(),
        replaced: 0,
        skipped: 0,
    };
    for scenario in &incoming.scenarios {
        let mut scenario = scenario.clone();
        let clash = existing.iter().find(|s| s.name == scenario.name).cloned();
        match (clash, choice) {
            (Some(_), ClashChoice::Skip) => {
                plan.skipped += 1;
                continue;
            }
            (Some(old), ClashChoice::Replace) => {
                scenario.id = old.id;
                plan.replaced += 1;
            }
            (Some(_), ClashChoice::KeepBoth) => {
                let taken = existing.iter().map(|s| s.name.as_str());
                scenario.name =
                    unique_among(taken.chain(file_names.iter().copied()), &scenario.name);
                scenario.id = new_id();
            }
            (None, _) => {
                if existing.iter().any(|s| s.id == scenario.id) {
                    scenario.id = new_id();
                }
            }
        }
        existing.retain(|s| s.id != scenario.id);
        existing.push(scenario.clone());
        plan.to_save.push(scenario);
    }
    plan
}

/// What the page says after an import of `incoming` by `plan`: `saved` of the plan's scenarios
/// were saved, and the saves that failed said `errors`.
pub fn import_message(
    incoming: &Incoming,
    plan: &ImportPlan,
    saved: usize,
    errors: &[String],
) -> String {
    let file_name = super::show_bidi_controls(&incoming.file_name);
    let mut message = format!(
        "Imported {} from {file_name}",
        counted(saved as u64, "scenario", "scenarios")
    );
    match plan.replaced {
        0 => {}
        _ if saved == 1 => message.push_str(", in place of yours"),
        n => message.push_str(&format!(", {n} of them in place of yours")),
    }
    if !errors.is_empty() {
        message.push_str(&format!(
            "; {} could not be saved: {}",
            errors.len(),
            errors.join("; ")
        ));
    }
    message.push('.');
    match plan.skipped {
        0 => {}
        1 => message.push_str(" 1 was skipped: its name is taken."),
        n => message.push_str(&format!(" {n} were skipped: their names are taken.")),
    }

    // Each name the file repeats, once, with the names its later scenarios came in under.
    let mut repeated: Vec<(&str, Vec<String>)> = Vec::new();
    for (name, new_name) in &incoming.renamed_in_file {
        let new_name = super::quoted(new_name);
        match repeated.iter_mut().find(|(n, _)| n == name) {
            Some((_, new_names)) => new_names.push(new_name),
            None => repeated.push((name, vec![new_name])),
        }
    }
    const LISTED: usize = 5;
    for (name, new_names) in repeated.iter().take(LISTED) {
        let later = if new_names.len() == 1 {
            "the later one is"
        } else {
            "the later ones are"
        };
        message.push_str(&format!(
            " The file names more than one scenario {}: {later} imported as {}.",
            super::quoted(name),
            new_names.join(", ")
        ));
    }
    if repeated.len() > LISTED {
        message.push_str(&format!(
            " {} more names the file repeats were made distinct the same way.",
            repeated.len() - LISTED
        ));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::BudgetInputs;

    fn scenario(name: &str) -> Scenario {
        Scenario {
            id: format!("s-{name}"),
            name: name.to_string(),
            created_ms: 1_796_342_400_000,
            updated_ms: 1_796_342_400_000,
            inputs: Workspace {
                budget: BudgetInputs {
                    target_percent: "99.95".into(),
                    ..BudgetInputs::default()
                },
                ..Workspace::default()
            },
        }
    }

    #[test]
    fn undoing_a_deletion_never_writes_over_what_was_saved_since() {
        // The Undo saved the deleted scenario back under its id and name as they were: over a
        // newer version of it imported meanwhile, or beside a new scenario of its name.
        let deleted = scenario("B");
        let mut newer = scenario("B");
        newer.inputs.budget.target_percent = "95.5".into();
        let mut taken = scenario("B");
        taken.id = "s-other".into();
        let cases: Vec<(&str, Vec<Scenario>, &str, &str, UndeleteAs)> = vec![
            (
                "nothing since",
                vec![scenario("A")],
                "s-B",
                "B",
                UndeleteAs::Was,
            ),
            (
                "name taken",
                vec![taken.clone()],
                "s-B",
                "B (2)",
                UndeleteAs::Renamed,
            ),
            (
                "saved again",
                vec![newer.clone()],
                "new",
                "B (2)",
                UndeleteAs::Copy,
            ),
            (
                "saved again, renamed",
                vec![Scenario {
                    name: "C".into(),
                    ..newer
                }],
                "new",
                "B",
                UndeleteAs::Copy,
            ),
        ];
        for (case, existing, id, name, said) in cases {
            let (back, how) = undeleted(&existing, &deleted, || "new".to_string());
            assert_eq!(
                (back.id.as_str(), back.name.as_str(), how),
                (id, name, said),
                "{case}"
            );
            assert_eq!(back.inputs, deleted.inputs, "{case}");
        }
    }

    #[test]
    fn the_current_version_round_trips_exactly() {
        let file = ScenarioFile::new(vec![
            scenario("Promise 99.95"),
            scenario("<b>x</b> & \"y\""),
        ]);
        assert_eq!(parse(&file.to_json()), Ok(file));
    }

    /// A calendar date typed as a month alone (`2026-02`) is saved and read back as typed, and
    /// the scenario opened reads it as that month, as the page did when it was saved.
    #[test]
    fn a_calendar_date_typed_as_a_month_round_trips_as_typed() {
        let mut saved = scenario("February");
        saved.inputs.budget.window_kind = "month".into();
        saved.inputs.budget.calendar_date = "2026-02".into();
        let read = parse(&ScenarioFile::new(vec![saved]).to_json()).unwrap();
        let budget = &read.scenarios[0].inputs.budget;
        assert_eq!(budget.calendar_date, "2026-02");
        let today = crate::calc::date::CivilDate::parse("2026-12-06").unwrap();
        let sheet = crate::calc::budget_sheet::read(budget, today);
        assert_eq!(sheet.errors, []);
        assert_eq!(
            sheet.window.and_then(|w| w.calendar_start),
            crate::calc::date::CivilDate::parse("2026-02-01").ok()
        );
    }

    /// Files written by earlier versions, kept as fixtures.
    const FIXTURES: &[(&str, &str)] = &[
        // Version 1 as first written: the Budget tab had only target, window and requests.
        (
            "v1-budget-basic",
            include_str!("../../tests/fixtures/scenarios-v1-budget-basic.json"),
        ),
        // Version 1 with the full Budget tab.
        (
            "v1-budget-full",
            include_str!("../../tests/fixtures/scenarios-v1-budget-full.json"),
        ),
        // Version 1 with an incident log (the Incident tab).
        (
            "v1-incidents",
            include_str!("../../tests/fixtures/scenarios-v1-incidents.json"),
        ),
    ];

    #[test]
    fn earlier_files_still_load() {
        for (name, text) in FIXTURES {
            let file = parse(text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
            assert!(!file.scenarios.is_empty(), "{name}");
            let budget = &file.scenarios[0].inputs.budget;
            assert_eq!(budget.target_percent, "99.95", "{name}");
            // Fields an older file lacks take their defaults.
            assert!(!budget.freeze_below_percent.is_empty(), "{name}");
        }
    }

    #[test]
    fn incident_logs_load_and_older_files_have_none() {
        let [(_, basic), _, (_, with_log)] = FIXTURES else {
            panic!("three fixtures");
        };
        assert!(parse(basic).unwrap().scenarios[0]
            .inputs
            .incidents
            .incidents
            .is_empty());
        let file = parse(with_log).unwrap();
        let inputs = &file.scenarios[0].inputs;
        assert!(inputs.budget.include_incidents);
        let incident = &inputs.incidents.incidents[0];
        assert_eq!(incident.start.local, "2026-12-04 23:40");
        assert_eq!(incident.start.utc_offset_minutes, 60);
        assert_eq!(incident.timeline.len(), 2);
        assert_eq!(incident.timeline[1].message, "Rolled back to v41");
    }

    #[test]
    fn the_longest_incident_texts_fit_the_limits() {
        use crate::calc::incident::{MAX_ENTRIES, MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS};
        use crate::inputs::{with_ids, EntryInputs, IncidentInputs};
        const {
            assert!(MAX_SHORT_TEXT_CHARS <= MAX_TEXT_CHARS);
            assert!(MAX_LONG_TEXT_CHARS <= MAX_TEXT_CHARS);
            assert!(MAX_ENTRIES <= MAX_LIST_ITEMS);
        }
        let long = "é".repeat(MAX_LONG_TEXT_CHARS);
        let mut full = scenario("Long log");
        full.inputs.incidents.incidents = with_ids(vec![IncidentInputs {
            title: "t".repeat(MAX_SHORT_TEXT_CHARS),
            responders: long.clone(),
            resolution: long.clone(),
            timeline: with_ids(vec![
                EntryInputs {
                    message: long.clone(),
                    ..EntryInputs::default()
                };
                3
            ]),
            ..IncidentInputs::default()
        }]);
        let file = ScenarioFile::new(vec![full]);
        assert_eq!(parse(&file.to_json()), Ok(file.clone()));
        let link = crate::formats::share_link::encode(&file);
        assert_eq!(crate::formats::share_link::decode(&link), Ok(file));
    }

    #[test]
    fn every_problem_says_where_it_is() {
        let cases: &[(&str, &str, &str)] = &[
            ("", "file", "empty"),
            ("{", "file", "not valid JSON (line 1, column 1)"),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"created_ms": 1e400}]}"#,
                "file",
                "holds a number too large to read (beyond about 1.8e308, line 1, column 81)",
            ),
            (
                &format!("{}{}", "[".repeat(200), "]".repeat(200)),
                "file",
                "nested too deeply (more than 128 levels",
            ),
            ("[1, 2]", "file", "not a Headroom scenario file"),
            (
                r#"{"version": 1, "scenarios": []}"#,
                "format",
                "not a Headroom scenario file",
            ),
            (
                r#"{"format": "headroom-scenarios", "scenarios": []}"#,
                "version",
                "missing",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 7, "scenarios": []}"#,
                "version",
                "newer",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": 5,
                "created_ms": 0, "updated_ms": 0, "inputs": {}}]}"#,
                "scenarios[0].name",
                "is the number 5, but must be text in double quotes",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": "soon", "updated_ms": 0, "inputs": {}}]}"#,
                "scenarios[0].created_ms",
                "is the text \"soon\", but must be a time in milliseconds since 1970 UTC, from 0 \
                 to 253402300799999 (the end of the year 9999)",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 0, "updated_ms": 0, "inputs": true}]}"#,
                "scenarios[0].inputs",
                "is true, but must be an object",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "ok",
                "created_ms": 0, "updated_ms": 0, "inputs": {"budget": {"target_percent": 99.9}}}]}"#,
                "scenarios[0].inputs.budget.target_percent",
                "is the number 99.9, but must be text in double quotes",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": " ",
                "created_ms": 0, "updated_ms": 0, "inputs": {}}]}"#,
                "scenarios[0].name",
                "needs a name",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 5, "updated_ms": 1, "inputs": {}}]}"#,
                "scenarios[0].updated_ms",
                "earlier",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": -5, "updated_ms": 1, "inputs": {}}]}"#,
                "scenarios[0].created_ms",
                "is the number -5, but must be a time in milliseconds since 1970 UTC, from 0 to \
                 253402300799999 (the end of the year 9999)",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"name": "x",
                "created_ms": 0, "updated_ms": 1, "inputs": {}}]}"#,
                "scenarios[0]",
                "has no \"id\", which it must have",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 1e30, "updated_ms": 1, "inputs": {}}]}"#,
                "scenarios[0].created_ms",
                "is the number 1e30, but must be a time in milliseconds since 1970 UTC, from 0 \
                 to 253402300799999 (the end of the year 9999)",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 0, "updated_ms": 1e300, "inputs": {}}]}"#,
                "scenarios[0].updated_ms",
                "is the number 1e300, but must be a time in milliseconds since 1970 UTC, from 0 \
                 to 253402300799999 (the end of the year 9999)",
            ),
            (
                // The first millisecond of the year 10000.
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 0, "updated_ms": 253402300800000, "inputs": {}}]}"#,
                "scenarios[0].updated_ms",
                "is 253402300800000, after the year 9999, but must be a time in milliseconds since \
                 1970 UTC, from 0 to 253402300799999 (the end of the year 9999)",
            ),
            (
                // Past what a JavaScript date holds (the year 275760), and the largest one.
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 8640000000000001, "updated_ms": 18446744073709551615, "inputs": {}}]}"#,
                "scenarios[0].created_ms",
                "is 8640000000000001, after the year 9999, but must be a time in milliseconds since \
                 1970 UTC, from 0 to 253402300799999 (the end of the year 9999)",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 8640000000000001, "updated_ms": 18446744073709551615, "inputs": {}}]}"#,
                "scenarios[0].updated_ms",
                "is 18446744073709551615, after the year 9999, but must be a time in milliseconds \
                 since 1970 UTC, from 0 to 253402300799999 (the end of the year 9999)",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 0, "updated_ms": 0, "inputs": {"budget": {"window_kind": "weird"}}}]}"#,
                "scenarios[0].inputs.budget.window_kind",
                "is \"weird\", but must be one of: rolling, month, quarter, year",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 0, "updated_ms": 0, "inputs": {"alerts": {"rows": [{"severity": "page"},
                {"severity": "critical"}]}}}]}"#,
                "scenarios[0].inputs.alerts.rows[1].severity",
                "is \"critical\", but must be one of: page, ticket",
            ),
            (
                r#"{"format": "headroom-scenarios", "version": 1, "scenarios": [{"id": "a", "name": "x",
                "created_ms": 0, "updated_ms": 0, "inputs": {"capacity": {"model": "quadratic"}}}]}"#,
                "scenarios[0].inputs.capacity.model",
                "is \"quadratic\", but must be one of: auto, linear, exponential, seasonal",
            ),
        ];
        for (text, at, message) in cases {
            let problems = parse(text).expect_err(text);
            assert!(
                problems
                    .iter()
                    .any(|p| p.at == *at && p.message.contains(message)),
                "{text}: {problems:?}"
            );
        }
    }

    /// `problems` of a file's first scenario, as problems of its second.
    fn problems_at_second(problems: &[Problem]) -> Vec<Problem> {
        problems
            .iter()
            .map(|p| {
                problem(
                    p.at.replace("scenarios[0]", "scenarios[1]"),
                    p.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn limits_are_enforced() {
        let mut long = scenario("x");
        long.inputs.budget.target_percent = "9".repeat(MAX_TEXT_CHARS + 1);
        let problems = parse(&ScenarioFile::new(vec![long.clone()]).to_json()).unwrap_err();
        assert_eq!(problems[0].at, "scenarios[0].inputs.budget.target_percent");
        // Such a file is never written: the writer sees what the reader would refuse, and says
        // where in words.
        let both = ScenarioFile::new(vec![scenario("fine"), long]);
        assert_eq!(both.refused_parts(), problems_at_second(&problems));
        assert_eq!(
            both.refusal("exported").unwrap(),
            "Not exported: Headroom could not open it again (“x”, Budget tab, target percent: \
             text longer than 2000 characters). Shorten or remove what is named, then try again."
        );
        let mut tasks = scenario("Q3 plan");
        tasks.inputs.toil.tasks = vec![Default::default(); 3];
        tasks.inputs.toil.tasks[2].name = "n".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            ScenarioFile::new(vec![tasks]).refusal("shared").unwrap(),
            "Not shared: Headroom could not open it again (“Q3 plan”, Toil tab, task 3, name: \
             text longer than 2000 characters). Shorten or remove what is named, then try again."
        );
        assert_eq!(
            ScenarioFile::new(vec![scenario("fine")]).refusal("shared"),
            None
        );
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(parse(&huge).unwrap_err()[0].message.contains("larger than"));

        // Lists no longer than the page lets a person make them.
        let mut big = scenario("lists");
        big.inputs.toil.tasks = vec![Default::default(); toil_csv::MAX_TASKS + 1];
        big.inputs.alerts.rows = vec![Default::default(); alerts::MAX_ROWS + 1];
        big.inputs.incidents.incidents = vec![crate::inputs::IncidentInputs {
            timeline: vec![Default::default(); incident::MAX_ENTRIES + 1],
            ..Default::default()
        }];
        let problems = parse(&ScenarioFile::new(vec![big.clone()]).to_json()).unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.at.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("scenarios[0].inputs.toil.tasks", "more than 500 tasks"),
                ("scenarios[0].inputs.alerts.rows", "more than 20 alerts"),
                (
                    "scenarios[0].inputs.incidents.incidents[0].timeline",
                    "more than 500 timeline entries"
                ),
            ]
        );
        big.inputs.toil.tasks.truncate(toil_csv::MAX_TASKS);
        big.inputs.alerts.rows.truncate(alerts::MAX_ROWS);
        big.inputs.incidents.incidents[0]
            .timeline
            .truncate(incident::MAX_ENTRIES);
        assert!(parse(&ScenarioFile::new(vec![big]).to_json()).is_ok());
    }

    #[test]
    fn a_series_travels_with_its_own_limit() {
        use crate::calc::capacity::series::{Clock, Sample, Series};
        let samples = (0..5_000)
            .map(|i| Sample {
                t_ms: i * 300_000,
                value: i as f64 / 7.0,
            })
            .collect();
        let series = Series::new("cpu".into(), Clock::WallClock, samples)
            .unwrap()
            .0;
        let mut file = ScenarioFile::new(vec![scenario("with a series")]);
        file.series.push(series_codec::to_text(&series));
        assert!(file.series[0].points.len() > MAX_TEXT_CHARS);
        let read = parse(&file.to_json()).unwrap();
        assert_eq!(series_codec::from_text(&read.series[0]).unwrap(), series);

        file.series[0].points.push_str("\n5 not-a-number");
        let problems = parse(&file.to_json()).unwrap_err();
        assert_eq!(problems[0].at, "series[0]");
        assert!(problems[0].message.contains("line 5001"), "{problems:?}");
    }

    /// A file holding "base" twice, imported over a saved "base" with Replace mine: the prompt
    /// read “base”, “base”, the second "base" took the first's place, and the page said 3 were
    /// imported where 2 were.
    #[test]
    fn a_file_s_own_repeated_names_are_all_imported_under_distinct_names() {
        let existing = vec![scenario("base"), scenario("base (2)")];
        let mut file = vec![scenario("base"), scenario("other"), scenario("base")];
        file[2].id = "s-base-second".into();
        let incoming = Incoming::new(&existing, "scen_clash.json".into(), file);
        assert_eq!(incoming.clashes, vec!["base"]);
        // (choice, names saved, how many replaced, how many skipped)
        let cases: &[(ClashChoice, &[&str], usize, usize)] = &[
            (ClashChoice::Replace, &["base", "other", "base (3)"], 1, 0),
            (
                ClashChoice::KeepBoth,
                &["base (4)", "other", "base (3)"],
                0,
                0,
            ),
            (ClashChoice::Skip, &["other", "base (3)"], 0, 1),
        ];
        for &(choice, names, replaced, skipped) in cases {
            let mut n = 0;
            let plan = plan_import(&existing, &incoming, choice, || {
                n += 1;
                format!("new-{n}")
            });
            let saved: Vec<&str> = plan.to_save.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(saved, names, "{choice:?}");
            let mut ids: Vec<&str> = plan.to_save.iter().map(|s| s.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), names.len(), "{choice:?}: an id saved twice");
            assert_eq!(
                (plan.replaced, plan.skipped),
                (replaced, skipped),
                "{choice:?}"
            );
        }
        assert_eq!(
            incoming.renamed_in_file,
            vec![("base".to_string(), "base (3)".to_string())]
        );
    }

    /// The import's message counts what was saved and says what was replaced, skipped or
    /// renamed: "Imported 3 scenarios" was said where a repeated name had made one overwrite
    /// another, and a skipped scenario was not mentioned.
    #[test]
    fn the_import_message_says_what_happened_to_each_scenario() {
        let existing = vec![scenario("base"), scenario("keep")];
        let file = vec![
            scenario("base"),
            scenario("other"),
            scenario("base"),
            scenario("keep"),
        ];
        let incoming = Incoming::new(&existing, "scen\u{202E}clash.json".into(), file);
        let cases: &[(ClashChoice, &[String], &str)] = &[
            (
                ClashChoice::Replace,
                &[],
                "Imported 4 scenarios from scen<U+202E>clash.json, 2 of them in place of yours. \
                 The file names more than one scenario “base”: the later one is imported as \
                 “base (2)”.",
            ),
            (
                ClashChoice::Skip,
                &[],
                "Imported 2 scenarios from scen<U+202E>clash.json. 2 were skipped: their names \
                 are taken. The file names more than one scenario “base”: the later one is \
                 imported as “base (2)”.",
            ),
            (
                ClashChoice::KeepBoth,
                &["storage is full".to_string()],
                "Imported 3 scenarios from scen<U+202E>clash.json; 1 could not be saved: storage \
                 is full. The file names more than one scenario “base”: the later one is \
                 imported as “base (2)”.",
            ),
        ];
        for (choice, errors, expected) in cases {
            let plan = plan_import(&existing, &incoming, *choice, || "new".to_string());
            let saved = plan.to_save.len() - errors.len();
            assert_eq!(
                import_message(&incoming, &plan, saved, errors),
                *expected,
                "{choice:?}"
            );
        }
        let plain = Incoming::new(&[], "one.json".into(), vec![scenario("solo")]);
        let plan = plan_import(&[], &plain, ClashChoice::KeepBoth, String::new);
        assert_eq!(
            import_message(&plain, &plan, 1, &[]),
            "Imported 1 scenario from one.json."
        );
    }

    /// A name made distinct ("… (2)") from a name of the longest length was longer than a name
    /// may be, so the scenario saved under it could not be exported or shared afterwards.
    #[test]
    fn a_name_made_distinct_stays_within_the_name_limit() {
        let longest = "n".repeat(MAX_NAME_CHARS);
        let cut = "n".repeat(MAX_NAME_CHARS - 4);
        let existing = vec![scenario(&longest), scenario(&format!("{cut} (2)"))];
        let made = unique_name(&existing, &longest);
        assert_eq!(made, format!("{cut} (3)"));
        assert_eq!(check_name(&made), Ok(()));
        let incoming = Incoming::new(&[], "f.json".into(), vec![scenario(&longest); 2]);
        assert_eq!(
            incoming.renamed_in_file,
            vec![(longest.clone(), format!("{cut} (2)"))]
        );
    }

    #[test]
    fn a_copy_of_a_name_of_the_longest_length_stays_within_the_limit() {
        let longest = "n".repeat(MAX_NAME_CHARS);
        let made = copy_name(&longest);
        assert_eq!(made, format!("{} (copy)", "n".repeat(MAX_NAME_CHARS - 7)));
        assert_eq!(check_name(&made), Ok(()));
        assert_eq!(copy_name("Plan"), "Plan (copy)");
        // Cut between characters, not bytes, and with no space left before the suffix.
        let wide = format!("{} 🚀🚀", "n".repeat(MAX_NAME_CHARS - 8));
        assert_eq!(
            copy_name(&wide),
            format!("{} (copy)", "n".repeat(MAX_NAME_CHARS - 8))
        );
        let existing = vec![scenario(&made)];
        assert_eq!(check_name(&unique_name(&existing, &made)), Ok(()));
    }

    #[test]
    fn names() {
        let existing = vec![scenario("Plan"), scenario("Plan (2)")];
        assert_eq!(unique_name(&existing, "Plan"), "Plan (3)");
        assert_eq!(unique_name(&existing, "Other"), "Other");
        assert_eq!(
            name_clashes(&existing, &[scenario("Plan"), scenario("New")]),
            vec!["Plan"]
        );
        assert!(check_name("a\u{7}b").is_err());
        assert!(check_name(&"n".repeat(121)).is_err());
        assert!(check_name("Черновик 🚀").is_ok());
    }

    #[test]
    fn a_whole_number_past_2_to_the_64_is_quoted_as_typed_not_as_the_float_it_was_read_as() {
        // A file as Headroom writes it, with one number changed by hand.
        let written = ScenarioFile::new(vec![scenario("Promise")]).to_json();
        let with = |from: &str, to: &str| {
            assert!(written.contains(from), "{from} in {written}");
            written.replacen(from, to, 1)
        };
        let huge = "123456789012345678901234";
        let cases = [
            (
                with("\"version\": 1", &format!("\"version\": {huge}")),
                "version",
                format!("must be the whole number 1, not the number {huge}"),
            ),
            (
                with(
                    "\"created_ms\": 1796342400000",
                    &format!("\"created_ms\": {huge}"),
                ),
                "scenarios[0].created_ms",
                format!("is the number {huge}, but must be a time in milliseconds"),
            ),
            (
                with(
                    "\"updated_ms\": 1796342400000",
                    &format!("\"updated_ms\": -{huge}"),
                ),
                "scenarios[0].updated_ms",
                format!("is the number -{huge}, but must be a time in milliseconds"),
            ),
            (
                with("\"name\": \"Promise\"", &format!("\"name\": {huge}.50 ")),
                "scenarios[0].name",
                format!("is the number {huge}.50, but must be text in double quotes"),
            ),
            (
                with(
                    "\"target_percent\": \"99.95\"",
                    &format!("\"target_percent\":\"x\",\"target_percent\":{huge}"),
                ),
                "scenarios[0].inputs.budget.target_percent",
                format!("is the number {huge}, but must be text in double quotes"),
            ),
        ];
        for (text, at, message) in cases {
            let problems = parse(&text).unwrap_err();
            assert_eq!(problems[0].at, at, "{text}");
            assert!(problems[0].message.contains(&message), "{at}: {problems:?}");
        }
    }

    #[test]
    fn a_number_is_found_as_typed_by_its_path() {
        let text = r#" {"a]": "{[\"", "list": [ {"x": [1, "2,"]}, {"x": [3 , -4.50E+7 ]} ],
            "n": 10, "n" :11, "s": "12", "o": {"p": 13}}"#;
        let cases = [
            ("list[1].x[1]", Some("-4.50E+7")),
            ("list[1].x[0]", Some("3")),
            ("list[0].x[0]", Some("1")),
            ("list[0].x[1]", None),
            // A key given twice: the last counts, as serde_json reads it.
            ("n", Some("11")),
            ("o.p", Some("13")),
            ("s", None),
            ("o", None),
            ("list[2]", None),
            ("missing", None),
            (".", None),
        ];
        for (at, expected) in cases {
            assert_eq!(number_at(text, at), expected, "{at}");
        }
    }

    #[test]
    fn a_header_of_the_wrong_type_names_its_field() {
        let cases = [
            (
                r#"{"format":"headroom-scenarios","version":-1,"scenarios":[]}"#,
                "version",
                "must be the whole number 1, not the number -1",
            ),
            (
                r#"{"format":"headroom-scenarios","version":"1","scenarios":[]}"#,
                "version",
                "must be the whole number 1, not the text \"1\"",
            ),
            // A number as typed, not in JavaScript's notation (1e+300); a list in words, not
            // as JSON.
            (
                r#"{"format":"headroom-scenarios","version":1e300,"scenarios":[]}"#,
                "version",
                "must be the whole number 1, not the number 1e300",
            ),
            (
                r#"{"format":"headroom-scenarios","version":1.5,"scenarios":[]}"#,
                "version",
                "must be the whole number 1, not the number 1.5",
            ),
            (
                r#"{"format":"headroom-scenarios","version":[1],"scenarios":[]}"#,
                "version",
                "must be the whole number 1, not a list",
            ),
            (
                r#"{"format":7,"version":1,"scenarios":[]}"#,
                "format",
                "must be the text",
            ),
            ("[1, 2]", "file", "the top level is not an object"),
        ];
        for (text, at, message) in cases {
            let problems = parse(text).unwrap_err();
            assert_eq!(problems[0].at, at, "{text}");
            assert!(
                problems[0].message.contains(message),
                "{text}: {problems:?}"
            );
        }
    }
}
