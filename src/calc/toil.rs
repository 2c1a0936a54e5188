//! Toil: a task inventory turned into hours, a share of the team's time, and the payback of
//! automating each task, in exact rational arithmetic (see [`SignedRatio`]).
//!
//! Conventions (also stated on the Toil tab):
//! - Occurrences per year: daily 365, per working day the team's working days (260 by default),
//!   weekly 52, monthly 12, quarterly 4, yearly 1; "N times per period" multiplies. Occurrences
//!   are never truncated to whole numbers.
//! - A month is a twelfth of a year. The team's working hours per month are
//!   engineers x hours per week x 52 / 12.
//! - Hours saved per year = toil hours per year x share removed - maintenance hours per year.
//!   Payback (months) = hours to automate / hours saved per month. A task whose saving is zero
//!   or negative never pays back; it gets no payback figure.
//! - The break-even date is the start date plus the payback in days of 365 / 12, rounded up to
//!   the next whole day. The start date is the one typed, or today's when none is
//!   ([`StartDate`]).

use std::fmt;

use super::date::{CivilDate, DateError};
use super::decimal::{self, DecimalError};
use super::signed_ratio::SignedRatio;

/// The SRE book's ceiling on toil: half of an SRE's time.
pub const TOIL_CEILING_PERCENT: i128 = 50;
/// The horizon of the "is it worth the time" grid, in years.
pub const WORTH_HORIZON_YEARS: i128 = 5;
/// Decimal places kept for typed quantities (minutes, hours, counts per period, percentages).
const PLACES: u32 = 2;
/// Largest accepted number of times per period.
const MAX_TIMES: u64 = 10_000;
/// Largest accepted minutes each time (about 69 days).
const MAX_MINUTES: u64 = 100_000;
/// Largest accepted hours (to automate, of maintenance per year).
const MAX_HOURS: u64 = 1_000_000;
/// The longest task name, in characters (as long as an incident's title).
pub const MAX_NAME_CHARS: usize = 200;

/// How often a task comes round: the period that "N times per ..." refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Day,
    WorkingDay,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 6] = [
        Period::Day,
        Period::WorkingDay,
        Period::Week,
        Period::Month,
        Period::Quarter,
        Period::Year,
    ];

    /// The name saved in inputs and CSV files: `day`, `working day`, `week`, ...
    pub fn slug(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::WorkingDay => "working day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// Reads a period name as saved or as a spreadsheet may spell it (`daily`, `per week`,
    /// `Working-day`); case and surrounding white space do not matter.
    pub fn parse(text: &str) -> Option<Period> {
        let lower = text.trim().to_ascii_lowercase().replace(['-', '_'], " ");
        let name = lower.strip_prefix("per ").unwrap_or(&lower).trim();
        Some(match name {
            "day" | "daily" => Period::Day,
            "working day" | "workday" | "business day" => Period::WorkingDay,
            "week" | "weekly" => Period::Week,
            "month" | "monthly" => Period::Month,
            "quarter" | "quarterly" => Period::Quarter,
            "year" | "yearly" | "annually" => Period::Year,
            _ => return None,
        })
    }

    /// How many of these periods there are in a year.
    pub fn per_year(self, working_days_per_year: SignedRatio) -> SignedRatio {
        match self {
            Period::Day => SignedRatio::from_int(365),
            Period::WorkingDay => working_days_per_year,
            Period::Week => SignedRatio::from_int(52),
            Period::Month => SignedRatio::from_int(12),
            Period::Quarter => SignedRatio::from_int(4),
            Period::Year => SignedRatio::ONE,
        }
    }
}

/// Why a typed value was refused; the page shows it next to the field. Text the person typed
/// (or a CSV cell held) is quoted in “…” as written, as the app's other messages quote it,
/// never with Rust's escaped debug quoting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Empty,
    NotANumber,
    /// A comma where a point (or nothing) is meant, with what to type ([`decimal::comma_message`]).
    Comma(String),
    Exponent,
    TooManyDecimals,
    Negative,
    MustBeAboveZero,
    TooLarge {
        max: String,
    },
    NotWhole,
    OutOfRange {
        min: u64,
        max: u64,
    },
    PercentRange,
    UnknownPeriod(String),
    NoPeriod,
    NotYesNo(String),
    TooLong {
        max: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => f.write_str("Enter a number"),
            InputError::NotANumber => f.write_str("Not a number: use digits and a decimal point"),
            InputError::Comma(message) => f.write_str(message),
            InputError::Exponent => f.write_str(decimal::EXPONENT_MESSAGE),
            InputError::TooManyDecimals => write!(f, "Use at most {PLACES} decimal places"),
            InputError::Negative => f.write_str("Cannot be negative"),
            InputError::MustBeAboveZero => f.write_str("Must be above zero"),
            InputError::TooLarge { max } => write!(f, "Too large: at most {max}"),
            InputError::NotWhole => f.write_str("Enter a whole number"),
            InputError::OutOfRange { min, max } => {
                write!(f, "Enter a whole number from {min} to {max}")
            }
            InputError::PercentRange => f.write_str("Enter a percentage above 0 and at most 100"),
            InputError::UnknownPeriod(text) => write!(
                f,
                "Unknown period “{text}”: use day, working day, week, month, quarter or year"
            ),
            InputError::NoPeriod => {
                f.write_str("Choose a period: day, working day, week, month, quarter or year")
            }
            InputError::NotYesNo(text) => write!(f, "“{text}” is not yes or no"),
            InputError::TooLong { max } => write!(f, "Too long: at most {max} characters"),
        }
    }
}

/// A non-negative quantity with up to two decimals, at most `max`.
fn parse_quantity(text: &str, max: u64) -> Result<SignedRatio, InputError> {
    let scaled = decimal::parse_scaled(text, PLACES).map_err(|e| match e {
        DecimalError::Empty => InputError::Empty,
        DecimalError::NotANumber => InputError::NotANumber,
        DecimalError::Comma(message) => InputError::Comma(message),
        DecimalError::Exponent => InputError::Exponent,
        DecimalError::TooManyDecimals { .. } => InputError::TooManyDecimals,
        DecimalError::Negative => InputError::Negative,
        DecimalError::TooLarge => InputError::TooLarge {
            max: decimal::format_count(max),
        },
    })?;
    if scaled > max * 100 {
        return Err(InputError::TooLarge {
            max: decimal::format_count(max),
        });
    }
    Ok(SignedRatio::from_scaled(scaled, PLACES))
}

/// A quantity above zero (minutes, engineers, hours per week).
fn parse_positive(text: &str, max: u64) -> Result<SignedRatio, InputError> {
    let value = parse_quantity(text, max)?;
    if value.is_zero() {
        return Err(InputError::MustBeAboveZero);
    }
    Ok(value)
}

/// A whole number from `min` to `max`.
fn parse_whole(text: &str, min: u64, max: u64) -> Result<u64, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }
    if !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let reads = |candidate: &str| parse_whole(candidate, min, max).is_ok();
        if let Some(message) = decimal::whole_comma_message(trimmed, reads) {
            return Err(InputError::Comma(message));
        }
        return Err(match decimal::parse_scaled(trimmed, 6) {
            Ok(_) if trimmed.contains('.') => InputError::NotWhole,
            Err(DecimalError::Exponent) => InputError::Exponent,
            _ => InputError::OutOfRange { min, max },
        });
    }
    match trimmed.trim_start_matches('0').len() {
        n if n > 7 => Err(InputError::OutOfRange { min, max }),
        _ => {
            let value: u64 = trimmed.parse().unwrap_or(0);
            if (min..=max).contains(&value) {
                Ok(value)
            } else {
                Err(InputError::OutOfRange { min, max })
            }
        }
    }
}

/// A percentage above 0 and at most 100, as a fraction (`75` -> 3/4).
fn parse_share(text: &str) -> Result<SignedRatio, InputError> {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text);
    match parse_quantity(text, 100) {
        Ok(value) if value.is_positive() => Ok(value / SignedRatio::from_int(100)),
        Ok(_) | Err(InputError::TooLarge { .. }) | Err(InputError::Negative) => {
            Err(InputError::PercentRange)
        }
        Err(other) => Err(other),
    }
}

/// Reads yes/no as typed in a spreadsheet: `yes`, `no`, `true`, `false`, `y`, `n`, `1`, `0`.
pub fn parse_yes_no(text: &str) -> Result<bool, InputError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(InputError::NotYesNo(text.trim().to_string())),
    }
}

/// The team the toil is measured against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub engineers: SignedRatio,
    pub hours_per_week: SignedRatio,
    pub working_days_per_year: SignedRatio,
    /// People in the on-call rotation, when the team has one (at least 2).
    pub rotation_size: Option<u64>,
    /// Cost of one engineer-hour, when given.
    pub hourly_cost: Option<SignedRatio>,
    /// What the cost is counted in (`USD`, `€`); may be empty.
    pub currency: String,
}

/// A field of the team settings, to put a message next to the right field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamField {
    Engineers,
    HoursPerWeek,
    WorkingDaysPerYear,
    RotationSize,
    HourlyCost,
}

/// Parses the number of engineers (fractions allowed: 4.5 full-time equivalents).
pub fn parse_engineers(text: &str) -> Result<SignedRatio, InputError> {
    parse_positive(text, 100_000)
}

/// Parses working hours per week (above 0, at most 168).
pub fn parse_hours_per_week(text: &str) -> Result<SignedRatio, InputError> {
    parse_positive(text, 168)
}

/// Parses working days per year (above 0, at most 366).
pub fn parse_working_days(text: &str) -> Result<SignedRatio, InputError> {
    parse_positive(text, 366)
}

/// Parses the optional on-call rotation size: empty means no rotation; otherwise 2 to 1,000
/// people (a primary and a secondary are on call at any time).
pub fn parse_rotation_size(text: &str) -> Result<Option<u64>, InputError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_whole(text, 2, 1_000).map(Some)
}

/// Parses the optional hourly cost: empty means not given.
pub fn parse_hourly_cost(text: &str) -> Result<Option<SignedRatio>, InputError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_quantity(text, 100_000).map(Some)
}

/// The typed team settings, or the first field that is wrong.
pub struct TeamText<'a> {
    pub engineers: &'a str,
    pub hours_per_week: &'a str,
    pub working_days_per_year: &'a str,
    pub rotation_size: &'a str,
    pub hourly_cost: &'a str,
    pub currency: &'a str,
}

impl Team {
    /// Parses all team fields; the errors name the field they belong to.
    pub fn parse(text: &TeamText<'_>) -> Result<Team, Vec<(TeamField, InputError)>> {
        let engineers = parse_engineers(text.engineers);
        let hours = parse_hours_per_week(text.hours_per_week);
        let days = parse_working_days(text.working_days_per_year);
        let rotation = parse_rotation_size(text.rotation_size);
        let cost = parse_hourly_cost(text.hourly_cost);
        match (engineers, hours, days, rotation, cost) {
            (
                Ok(engineers),
                Ok(hours_per_week),
                Ok(working_days_per_year),
                Ok(rotation_size),
                Ok(hourly_cost),
            ) => Ok(Team {
                engineers,
                hours_per_week,
                working_days_per_year,
                rotation_size,
                hourly_cost,
                currency: text.currency.trim().chars().take(12).collect(),
            }),
            (e, h, d, r, c) => {
                let mut errors = Vec::new();
                if let Err(x) = e {
                    errors.push((TeamField::Engineers, x));
                }
                if let Err(x) = h {
                    errors.push((TeamField::HoursPerWeek, x));
                }
                if let Err(x) = d {
                    errors.push((TeamField::WorkingDaysPerYear, x));
                }
                if let Err(x) = r {
                    errors.push((TeamField::RotationSize, x));
                }
                if let Err(x) = c {
                    errors.push((TeamField::HourlyCost, x));
                }
                Err(errors)
            }
        }
    }

    /// The team's working hours per month: engineers x hours per week x 52 / 12.
    pub fn hours_per_month(&self) -> SignedRatio {
        self.engineers * self.hours_per_week * SignedRatio::new(52, 12)
    }

    /// The on-call floor, 2 / rotation size: the share of time a primary and a secondary
    /// on-call engineer take out of the rotation (1/3 for 6 people, 1/4 for 8).
    pub fn on_call_floor(&self) -> Option<SignedRatio> {
        self.rotation_size
            .map(|size| SignedRatio::new(2, i128::from(size)))
    }
}

/// One task of the inventory, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub name: String,
    /// Occurrences per `per` period (1 for "daily", 3 for "3 times a week").
    pub times: SignedRatio,
    pub per: Period,
    pub minutes_each: SignedRatio,
    /// People busy each time (whole people, at least 1).
    pub people: u64,
    pub automatable: bool,
    /// 1 (most urgent) to 5.
    pub priority: u64,
    pub automation_hours: SignedRatio,
    /// Fraction of the toil the automation removes, above 0 and at most 1.
    pub share_removed: SignedRatio,
    pub maintenance_hours_per_year: SignedRatio,
}

/// A field of a task row, to put a message next to the right cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskField {
    Name,
    Times,
    Per,
    Minutes,
    People,
    Automatable,
    Priority,
    AutomationHours,
    ShareRemoved,
    Maintenance,
}

impl TaskField {
    /// The field's name as a person reads it (in CSV errors).
    pub fn label(self) -> &'static str {
        match self {
            TaskField::Name => "name",
            TaskField::Times => "times per period",
            TaskField::Per => "period",
            TaskField::Minutes => "minutes each time",
            TaskField::People => "people",
            TaskField::Automatable => "automatable",
            TaskField::Priority => "priority",
            TaskField::AutomationHours => "hours to automate",
            TaskField::ShareRemoved => "share removed",
            TaskField::Maintenance => "maintenance hours per year",
        }
    }
}

/// A task's fields as typed.
#[derive(Debug, Clone, Copy)]
pub struct TaskText<'a> {
    pub name: &'a str,
    pub times: &'a str,
    pub per: &'a str,
    pub minutes_each: &'a str,
    pub people: &'a str,
    pub automatable: bool,
    pub priority: &'a str,
    pub automation_hours: &'a str,
    pub share_removed_percent: &'a str,
    pub maintenance_hours_per_year: &'a str,
}

/// Parses one typed field of a task.
pub fn parse_task_field(field: TaskField, text: &str) -> Result<(), InputError> {
    match field {
        TaskField::Name if text.trim().chars().count() > MAX_NAME_CHARS => {
            Err(InputError::TooLong {
                max: MAX_NAME_CHARS,
            })
        }
        TaskField::Name | TaskField::Automatable => Ok(()),
        TaskField::Times => parse_positive(text, MAX_TIMES).map(drop),
        TaskField::Per if text.trim().is_empty() => Err(InputError::NoPeriod),
        TaskField::Per => Period::parse(text)
            .map(drop)
            .ok_or_else(|| InputError::UnknownPeriod(text.trim().to_string())),
        TaskField::Minutes => parse_positive(text, MAX_MINUTES).map(drop),
        TaskField::People => parse_whole(text, 1, 1_000).map(drop),
        TaskField::Priority => parse_whole(text, 1, 5).map(drop),
        TaskField::AutomationHours | TaskField::Maintenance => {
            parse_quantity(text, MAX_HOURS).map(drop)
        }
        TaskField::ShareRemoved => parse_share(text).map(drop),
    }
}

impl Task {
    /// Parses a task. The automation fields are checked only for automatable tasks, so a
    /// manual task may leave them empty.
    pub fn parse(text: &TaskText<'_>) -> Result<Task, Vec<(TaskField, InputError)>> {
        let mut errors = Vec::new();
        let mut check = |field: TaskField, result: Result<(), InputError>| {
            if let Err(error) = result {
                errors.push((field, error));
            }
        };
        check(
            TaskField::Name,
            parse_task_field(TaskField::Name, text.name),
        );
        check(
            TaskField::Times,
            parse_task_field(TaskField::Times, text.times),
        );
        check(TaskField::Per, parse_task_field(TaskField::Per, text.per));
        check(
            TaskField::Minutes,
            parse_task_field(TaskField::Minutes, text.minutes_each),
        );
        check(
            TaskField::People,
            parse_task_field(TaskField::People, text.people),
        );
        check(
            TaskField::Priority,
            parse_task_field(TaskField::Priority, text.priority),
        );
        if text.automatable {
            check(
                TaskField::AutomationHours,
                parse_task_field(TaskField::AutomationHours, text.automation_hours),
            );
            check(
                TaskField::ShareRemoved,
                parse_task_field(TaskField::ShareRemoved, text.share_removed_percent),
            );
            check(
                TaskField::Maintenance,
                parse_task_field(TaskField::Maintenance, text.maintenance_hours_per_year),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        // Every field was checked above; the fallbacks are never used.
        let automation_or_zero =
            |t: &str| parse_quantity(t, MAX_HOURS).unwrap_or(SignedRatio::ZERO);
        Ok(Task {
            name: text.name.trim().to_string(),
            times: parse_positive(text.times, MAX_TIMES).unwrap_or(SignedRatio::ONE),
            per: Period::parse(text.per).unwrap_or(Period::Day),
            minutes_each: parse_positive(text.minutes_each, MAX_MINUTES)
                .unwrap_or(SignedRatio::ONE),
            people: parse_whole(text.people, 1, 1_000).unwrap_or(1),
            automatable: text.automatable,
            priority: parse_whole(text.priority, 1, 5).unwrap_or(3),
            automation_hours: automation_or_zero(text.automation_hours),
            share_removed: parse_share(text.share_removed_percent).unwrap_or(SignedRatio::ONE),
            maintenance_hours_per_year: automation_or_zero(text.maintenance_hours_per_year),
        })
    }

    /// Occurrences per year (never truncated).
    pub fn occurrences_per_year(&self, team: &Team) -> SignedRatio {
        self.times * self.per.per_year(team.working_days_per_year)
    }

    /// Toil hours per year: occurrences x minutes x people / 60.
    pub fn hours_per_year(&self, team: &Team) -> SignedRatio {
        self.occurrences_per_year(team)
            * self.minutes_each
            * SignedRatio::from_int(i128::from(self.people))
            / SignedRatio::from_int(60)
    }
}

/// What to do about automating a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Pays back in under the threshold: automate it.
    Automate,
    /// Pays back, but only after the threshold.
    NotYet,
    /// Saves nothing (or costs more in maintenance than it removes): never pays back.
    Never,
}

/// The payback of automating one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Automation {
    /// Toil hours removed per year minus maintenance hours per year; may be zero or negative.
    pub saved_hours_per_year: SignedRatio,
    /// Hours to automate / saved hours per month; `None` when the saving is not above zero.
    pub payback_months: Option<SignedRatio>,
    /// Saved hours over 1 year minus the hours to automate.
    pub net_hours_after_1_year: SignedRatio,
    /// Saved hours over 5 years minus the hours to automate.
    pub net_hours_after_5_years: SignedRatio,
    pub verdict: Verdict,
}

impl Automation {
    pub fn saved_hours_per_month(&self) -> SignedRatio {
        self.saved_hours_per_year / SignedRatio::from_int(12)
    }

    /// The break-even date: `start` plus the payback in days of 365 / 12, rounded up.
    pub fn break_even_date(&self, start: CivilDate) -> Option<CivilDate> {
        let days = (self.payback_months? * SignedRatio::new(365, 12)).ceil();
        start.checked_plus_days(i64::try_from(days).ok()?)
    }
}

/// One task's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskResult {
    pub hours_per_year: SignedRatio,
    pub hours_per_month: SignedRatio,
    /// Share of the team's working hours, as a fraction.
    pub share_of_team: SignedRatio,
    /// Present for automatable tasks.
    pub automation: Option<Automation>,
}

/// The payback of automating `task`, judged against `threshold_months`.
pub fn automation(task: &Task, team: &Team, threshold_months: SignedRatio) -> Automation {
    let hours_per_year = task.hours_per_year(team);
    let saved = hours_per_year * task.share_removed - task.maintenance_hours_per_year;
    let monthly = saved / SignedRatio::from_int(12);
    let payback_months = if saved.is_positive() {
        Some(task.automation_hours / monthly)
    } else {
        None
    };
    let verdict = match payback_months {
        None => Verdict::Never,
        Some(months) if months < threshold_months => Verdict::Automate,
        Some(_) => Verdict::NotYet,
    };
    Automation {
        saved_hours_per_year: saved,
        payback_months,
        net_hours_after_1_year: saved - task.automation_hours,
        net_hours_after_5_years: saved * SignedRatio::from_int(5) - task.automation_hours,
        verdict,
    }
}

/// One task's hours, share and (if automatable) payback.
pub fn task_result(task: &Task, team: &Team, threshold_months: SignedRatio) -> TaskResult {
    let hours_per_year = task.hours_per_year(team);
    let hours_per_month = hours_per_year / SignedRatio::from_int(12);
    TaskResult {
        hours_per_year,
        hours_per_month,
        share_of_team: hours_per_month / team.hours_per_month(),
        automation: task
            .automatable
            .then(|| automation(task, team, threshold_months)),
    }
}

/// The whole team's toil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub hours_per_month: SignedRatio,
    pub team_hours_per_month: SignedRatio,
    /// Toil as a fraction of the team's working hours.
    pub share_of_team: SignedRatio,
    /// Whether toil is above the 50% ceiling.
    pub over_ceiling: bool,
    /// 2 / rotation size, when a rotation is given.
    pub on_call_floor: Option<SignedRatio>,
    /// Toil share plus the on-call floor, when a rotation is given.
    pub share_with_on_call: Option<SignedRatio>,
}

/// Totals over all tasks.
pub fn totals(results: &[TaskResult], team: &Team) -> Totals {
    let hours_per_month: SignedRatio = results.iter().map(|r| r.hours_per_month).sum();
    let team_hours = team.hours_per_month();
    let share = hours_per_month / team_hours;
    let floor = team.on_call_floor();
    Totals {
        hours_per_month,
        team_hours_per_month: team_hours,
        share_of_team: share,
        over_ceiling: share > SignedRatio::new(TOIL_CEILING_PERCENT, 100),
        on_call_floor: floor,
        share_with_on_call: floor.map(|f| f + share),
    }
}

/// One step of the automation plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    /// Index of the task in the inventory.
    pub task_index: usize,
    pub payback_months: SignedRatio,
    pub saved_hours_per_month: SignedRatio,
    /// Hours freed per month once this and every earlier step are done.
    pub cumulative_hours_per_month: SignedRatio,
}

/// The automatable tasks that save time, ordered by payback (shortest first; ties by priority,
/// then by their order in the inventory), with the hours freed per month as each is done.
pub fn automation_plan(results: &[TaskResult], tasks: &[Task]) -> Vec<PlanStep> {
    let mut candidates: Vec<(usize, SignedRatio, SignedRatio)> = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let a = r.automation.as_ref()?;
            Some((i, a.payback_months?, a.saved_hours_per_month()))
        })
        .collect();
    candidates.sort_by(|a, b| {
        let priority = |i: usize| tasks.get(i).map_or(5, |t| t.priority);
        a.1.cmp(&b.1)
            .then(priority(a.0).cmp(&priority(b.0)))
            .then(a.0.cmp(&b.0))
    });
    let mut cumulative = SignedRatio::ZERO;
    candidates
        .into_iter()
        .map(|(task_index, payback_months, saved)| {
            cumulative = cumulative + saved;
            PlanStep {
                task_index,
                payback_months,
                saved_hours_per_month: saved,
                cumulative_hours_per_month: cumulative,
            }
        })
        .collect()
}

/// The day the payback timeline starts from, as the Toil tab reads its start-date field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartDate {
    /// A date typed in the field: kept as typed, whatever day it is now.
    Typed(CivilDate),
    /// The field is empty: today's date, read afresh, so it moves on with the calendar.
    Today(CivilDate),
}

impl StartDate {
    /// Reads the field: `YYYY-MM-DD`, or `today` when it is empty or only white space.
    pub fn parse(text: &str, today: CivilDate) -> Result<StartDate, DateError> {
        if text.trim().is_empty() {
            return Ok(StartDate::Today(today));
        }
        CivilDate::parse(text).map(StartDate::Typed)
    }

    /// The date break-even dates count from.
    pub fn date(self) -> CivilDate {
        match self {
            StartDate::Typed(date) | StartDate::Today(date) => date,
        }
    }
}

/// Parses the payback threshold in months (above 0).
pub fn parse_threshold_months(text: &str) -> Result<SignedRatio, InputError> {
    parse_positive(text, 1_200)
}

/// The rows of the "is it worth the time" grid: time saved per occurrence, in seconds.
pub const WORTH_SAVED_SECONDS: [(&str, i128); 9] = [
    ("1 second", 1),
    ("5 seconds", 5),
    ("30 seconds", 30),
    ("1 minute", 60),
    ("5 minutes", 300),
    ("30 minutes", 1_800),
    ("1 hour", 3_600),
    ("6 hours", 21_600),
    ("1 day", 86_400),
];

/// The columns of the grid: how often, in occurrences per year (a day is one of 365).
pub const WORTH_FREQUENCIES: [(&str, i128); 6] = [
    ("50 a day", 50 * 365),
    ("5 a day", 5 * 365),
    ("daily", 365),
    ("weekly", 52),
    ("monthly", 12),
    ("yearly", 1),
];

/// How long one can spend automating before spending more than is saved over
/// [`WORTH_HORIZON_YEARS`]: saved seconds x occurrences per year x 5, in seconds. `None` when
/// the task would take more than the whole day, every day (30 minutes 50 times a day is 25
/// hours a day): such a cell is left empty, as xkcd 1205 leaves it.
pub fn worth_the_time_seconds(saved_seconds: i128, per_year: i128) -> Option<SignedRatio> {
    let per_year_seconds = saved_seconds * per_year;
    (per_year_seconds <= 365 * 86_400)
        .then(|| SignedRatio::from_int(per_year_seconds * WORTH_HORIZON_YEARS))
}

/// The unit a span of time is best read in: seconds, minutes, hours, days (24 h) or weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpanUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
}

/// Writes a span of seconds in the largest unit it reaches, with at most 2 decimals:
/// `4.33 hours`, `6.34 days`. A day is 24 hours and a week 7 days.
pub fn format_span(seconds: SignedRatio) -> (String, SpanUnit) {
    let units: [(i128, SpanUnit, &str, &str); 4] = [
        (604_800, SpanUnit::Weeks, "week", "weeks"),
        (86_400, SpanUnit::Days, "day", "days"),
        (3_600, SpanUnit::Hours, "hour", "hours"),
        (60, SpanUnit::Minutes, "minute", "minutes"),
    ];
    let (size, unit, one, many) = units
        .into_iter()
        .find(|(size, ..)| seconds >= SignedRatio::from_int(*size))
        .unwrap_or((1, SpanUnit::Seconds, "second", "seconds"));
    let text = (seconds / SignedRatio::from_int(size)).to_decimal_text(2);
    let name = if text == "1" { one } else { many };
    (format!("{text} {name}"), unit)
}

/// The whole tab's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToilReport {
    pub tasks: Vec<Task>,
    pub results: Vec<TaskResult>,
    pub totals: Totals,
    pub plan: Vec<PlanStep>,
}

/// Computes every figure of the Toil tab.
pub fn report(tasks: Vec<Task>, team: &Team, threshold_months: SignedRatio) -> ToilReport {
    let results: Vec<TaskResult> = tasks
        .iter()
        .map(|t| task_result(t, team, threshold_months))
        .collect();
    let totals = totals(&results, team);
    let plan = automation_plan(&results, &tasks);
    ToilReport {
        tasks,
        results,
        totals,
        plan,
    }
}

/// A row's move button in the inventory (↑ or ↓).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowMove {
    Up,
    Down,
}

impl RowMove {
    /// Where it takes the row at `from` of `rows`, or `None` at that end of the list, where the
    /// button stays (and keeps the focus) but is marked unavailable and does nothing.
    pub fn target(self, from: usize, rows: usize) -> Option<usize> {
        let to = match self {
            RowMove::Up => from.checked_sub(1)?,
            RowMove::Down => from + 1,
        };
        (from < rows && to < rows).then_some(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ↑/↓ buttons: each row's button at its end of the list moves nothing (its focus is
    /// kept on it, so pressing it again cannot bounce the row back).
    #[test]
    fn a_row_moves_one_place_and_not_past_either_end() {
        use RowMove::*;
        let cases = [
            (Up, 1, 3, Some(0)),
            (Up, 2, 3, Some(1)),
            (Up, 0, 3, None),
            (Down, 0, 3, Some(1)),
            (Down, 1, 3, Some(2)),
            (Down, 2, 3, None),
            (Up, 0, 1, None),
            (Down, 0, 1, None),
            // A row no longer in the list (removed meanwhile) goes nowhere.
            (Up, 3, 3, None),
            (Down, 3, 3, None),
            (Down, 0, 0, None),
        ];
        for (button, from, rows, to) in cases {
            assert_eq!(button.target(from, rows), to, "{button:?} {from} of {rows}");
        }
    }

    fn team(engineers: &str) -> Team {
        Team::parse(&TeamText {
            engineers,
            hours_per_week: "40",
            working_days_per_year: "260",
            rotation_size: "",
            hourly_cost: "",
            currency: "",
        })
        .expect("valid team")
    }

    /// (times, per, minutes, people, hours to automate, share %, maintenance h/yr)
    /// A task done by hand by one person, its automation fields left empty.
    fn manual_task<'a>(
        name: &'a str,
        times: &'a str,
        per: &'a str,
        minutes_each: &'a str,
    ) -> TaskText<'a> {
        TaskText {
            name,
            times,
            per,
            minutes_each,
            people: "1",
            automatable: false,
            priority: "3",
            automation_hours: "",
            share_removed_percent: "",
            maintenance_hours_per_year: "",
        }
    }

    fn task(spec: (&str, &str, &str, &str, &str, &str, &str)) -> Task {
        let (times, per, minutes_each, people, automation_hours, share, maintenance) = spec;
        Task::parse(&TaskText {
            name: "task",
            times,
            per,
            minutes_each,
            people,
            automatable: true,
            priority: "3",
            automation_hours,
            share_removed_percent: share,
            maintenance_hours_per_year: maintenance,
        })
        .expect("valid task")
    }

    fn r(n: i128, d: i128) -> SignedRatio {
        SignedRatio::new(n, d)
    }

    /// (task, expected hours per year, expected payback months or None, source)
    #[allow(clippy::type_complexity)]
    const PAYBACK_CASES: &[(
        (&str, &str, &str, &str, &str, &str, &str),
        (i128, i128),
        Option<&str>,
        &str,
    )] = &[
        (
            ("1", "day", "30", "1", "16", "100", "0"),
            (365, 2),
            Some("1.05"),
            "issue 6: daily 30 min, 16 h to automate: 182.5 h/yr, payback 1.05 months",
        ),
        (
            ("1", "month", "120", "1", "10", "100", "0"),
            (24, 1),
            Some("5"),
            "issue 6: monthly 120 min = 2 h/month = 24 h/yr; 10 h / 2 h = 5 months",
        ),
        (
            ("3", "week", "20", "2", "52", "50", "0"),
            (104, 1),
            Some("12"),
            "3 x 52 x 20 min x 2 people / 60 = 104 h; half saved = 52 h/yr; 52 / (52/12) = 12",
        ),
        (
            ("1", "working day", "15", "1", "13", "100", "0"),
            (65, 1),
            Some("2.4"),
            "260 working days x 15 min / 60 = 65 h/yr; 13 / (65/12) = 2.4 months",
        ),
        (
            ("1", "quarter", "90", "1", "1", "100", "6"),
            (6, 1),
            None,
            "4 x 1.5 h = 6 h/yr, all of it spent on maintenance: no saving, no payback",
        ),
        (
            ("1", "year", "60", "1", "1", "100", "10"),
            (1, 1),
            None,
            "1 h/yr saved but 10 h/yr of maintenance: a negative saving",
        ),
        (
            ("0.5", "week", "7.5", "1", "0", "100", "0"),
            (13, 4),
            Some("0"),
            "26 x 7.5 min = 3.25 h/yr; nothing to build, so it pays back at once",
        ),
    ];

    #[test]
    fn hours_and_payback_match_references() {
        let team = team("5");
        for (spec, (n, d), payback, source) in PAYBACK_CASES {
            let t = task(*spec);
            let result = task_result(&t, &team, SignedRatio::from_int(6));
            assert_eq!(result.hours_per_year, r(*n, *d), "{source}");
            let automation = result.automation.expect("automatable");
            let got = automation.payback_months.map(|m| m.to_decimal_text(2));
            assert_eq!(got.as_deref(), *payback, "{source}");
        }
    }

    #[test]
    fn daily_half_hour_task_in_full() {
        // Issue 6's reference case, figure by figure.
        let team = team("5");
        let t = task(("1", "day", "30", "1", "16", "100", "0"));
        let result = task_result(&t, &team, SignedRatio::from_int(6));
        assert_eq!(result.hours_per_month.to_decimal_text(2), "15.21");
        // Team: 5 x 40 x 52 / 12 = 866.67 h/month; 15.2083 / 866.67 = 1.75%.
        assert_eq!(team.hours_per_month(), r(2600, 3));
        assert_eq!(
            (result.share_of_team * SignedRatio::from_int(100)).to_decimal_text(2),
            "1.75"
        );
        let a = result.automation.unwrap();
        assert_eq!(a.saved_hours_per_year, r(365, 2));
        assert_eq!(a.net_hours_after_1_year, r(333, 2), "182.5 - 16 = 166.5");
        assert_eq!(a.net_hours_after_5_years, r(1793, 2), "912.5 - 16 = 896.5");
        assert_eq!(a.verdict, Verdict::Automate);
        // 16 h at half an hour a day: exactly 32 days (1.0521 months x 365 / 12).
        let start = CivilDate::parse("2025-01-01").unwrap();
        assert_eq!(a.break_even_date(start).unwrap().to_string(), "2025-02-02");
    }

    #[test]
    fn an_empty_start_date_is_today_and_a_typed_one_is_kept() {
        let date = |text: &str| CivilDate::parse(text).unwrap();
        let cases: &[(&str, &str, Result<StartDate, DateError>)] = &[
            ("", "2026-12-06", Ok(StartDate::Today(date("2026-12-06")))),
            ("  ", "2026-12-07", Ok(StartDate::Today(date("2026-12-07")))),
            // A typed date stays what it is on any later day.
            (
                "2025-01-01",
                "2026-12-06",
                Ok(StartDate::Typed(date("2025-01-01"))),
            ),
            (
                " 2027-03-01 ",
                "2026-12-06",
                Ok(StartDate::Typed(date("2027-03-01"))),
            ),
            ("2025-02-30", "2026-12-06", Err(DateError::NoSuchDay)),
            ("tomorrow", "2026-12-06", Err(DateError::NotADate)),
        ];
        for (text, today, expected) in cases {
            assert_eq!(
                StartDate::parse(text, date(today)),
                *expected,
                "{text:?} on {today}"
            );
        }
        // The date break-even dates count from follows today while the field is empty.
        let a = automation(
            &task(("1", "day", "30", "1", "16", "100", "0")),
            &team("5"),
            SignedRatio::from_int(6),
        );
        let from = |text: &str, today: &str| {
            let start = StartDate::parse(text, date(today)).unwrap();
            a.break_even_date(start.date()).unwrap().to_string()
        };
        assert_eq!(from("", "2025-01-01"), "2025-02-02");
        assert_eq!(from("", "2025-01-02"), "2025-02-03");
        assert_eq!(from("2025-01-01", "2025-01-02"), "2025-02-02");
    }

    #[test]
    fn a_task_name_longer_than_a_file_takes_is_an_error() {
        let name = "n".repeat(MAX_NAME_CHARS);
        assert_eq!(parse_task_field(TaskField::Name, &name), Ok(()));
        // Spaces around it are not counted (the name is saved trimmed).
        assert_eq!(
            parse_task_field(TaskField::Name, &format!(" {name} ")),
            Ok(())
        );
        let longer = format!("{name}é");
        let error = parse_task_field(TaskField::Name, &longer).unwrap_err();
        assert_eq!(error.to_string(), "Too long: at most 200 characters");
        let text = manual_task(&longer, "1", "day", "5");
        assert_eq!(
            Task::parse(&text).unwrap_err(),
            vec![(TaskField::Name, error)]
        );
    }

    #[test]
    fn monthly_two_hour_task_adds_two_hours_a_month() {
        let t = task(("1", "month", "120", "1", "0", "100", "0"));
        assert_eq!(
            t.hours_per_year(&team("1")) / SignedRatio::from_int(12),
            SignedRatio::from_int(2)
        );
    }

    #[test]
    fn zero_and_negative_savings_never_pay_back() {
        let team = team("5");
        for spec in [
            ("1", "quarter", "90", "1", "1", "100", "6"),
            ("1", "year", "60", "1", "1", "100", "10"),
        ] {
            let a = automation(&task(spec), &team, SignedRatio::from_int(6));
            assert_eq!(a.verdict, Verdict::Never, "{spec:?}");
            assert_eq!(a.payback_months, None);
            assert_eq!(
                a.break_even_date(CivilDate::parse("2025-01-01").unwrap()),
                None
            );
            assert!(!a.net_hours_after_5_years.is_positive());
        }
    }

    #[test]
    fn threshold_decides_the_verdict() {
        let team = team("5");
        // Pays back in exactly 5 months.
        let t = task(("1", "month", "120", "1", "10", "100", "0"));
        let verdict = |months: i128| automation(&t, &team, SignedRatio::from_int(months)).verdict;
        assert_eq!(verdict(6), Verdict::Automate);
        assert_eq!(
            verdict(5),
            Verdict::NotYet,
            "under the threshold means strictly under"
        );
        assert_eq!(verdict(4), Verdict::NotYet);
    }

    #[test]
    fn team_share_against_the_ceiling() {
        // (engineers, tasks as (minutes per working day), expected share %, over 50%?, source)
        let cases: &[(&str, &[&str], &str, bool, &str)] = &[
            (
                "1",
                &["240"],
                "50",
                false,
                "4 h of an 8 h day (260 d x 4 h = 1040 of 2080 h)",
            ),
            (
                "1",
                &["240", "1"],
                "50.21",
                true,
                "a minute more is over the ceiling",
            ),
            (
                "2",
                &["240"],
                "25",
                false,
                "the same toil spread over two engineers",
            ),
            (
                "1",
                &["480", "480"],
                "200",
                true,
                "more toil than working hours",
            ),
        ];
        for (engineers, minutes, share, over, source) in cases {
            let team = team(engineers);
            let results: Vec<TaskResult> = minutes
                .iter()
                .map(|m| {
                    let t = task(("1", "working day", m, "1", "0", "100", "0"));
                    task_result(&t, &team, SignedRatio::from_int(6))
                })
                .collect();
            let totals = totals(&results, &team);
            let percent = (totals.share_of_team * SignedRatio::from_int(100)).to_decimal_text(2);
            assert_eq!(percent, *share, "{source}");
            assert_eq!(totals.over_ceiling, *over, "{source}");
            assert_eq!(totals.on_call_floor, None);
        }
    }

    #[test]
    fn on_call_floor_is_two_over_rotation_size() {
        // (rotation size, floor %) from issue 6 and the SRE book's "25% on-call" for 8 people.
        let cases: &[(&str, &str)] = &[("6", "33.33"), ("8", "25"), ("2", "100")];
        for (size, percent) in cases {
            let mut t = team("6");
            t.rotation_size = parse_rotation_size(size).unwrap();
            let floor = t.on_call_floor().unwrap() * SignedRatio::from_int(100);
            assert_eq!(floor.to_decimal_text(2), *percent, "rotation of {size}");
        }
        assert_eq!(parse_rotation_size(""), Ok(None));
        assert_eq!(
            parse_rotation_size("1"),
            Err(InputError::OutOfRange { min: 2, max: 1_000 })
        );
    }

    #[test]
    fn plan_orders_by_payback_and_accumulates() {
        let team = team("5");
        let tasks = vec![
            task(("1", "month", "120", "1", "10", "100", "0")), // 5 months, 2 h/month
            task(("1", "day", "30", "1", "16", "100", "0")),    // 1.05 months, 15.21 h/month
            task(("1", "year", "60", "1", "1", "100", "10")),   // never: left out
            task(("1", "month", "120", "1", "10", "100", "0")), // 5 months again: a tie
        ];
        let report = report(tasks, &team, SignedRatio::from_int(6));
        let order: Vec<usize> = report.plan.iter().map(|s| s.task_index).collect();
        assert_eq!(order, vec![1, 0, 3]);
        let cumulative: Vec<String> = report
            .plan
            .iter()
            .map(|s| s.cumulative_hours_per_month.to_decimal_text(2))
            .collect();
        assert_eq!(cumulative, vec!["15.21", "17.21", "19.21"]);
    }

    #[test]
    fn worth_the_time_grid_matches_references() {
        // (saved seconds, occurrences per year, expected text, source)
        let cases: &[(i128, i128, &str, &str)] = &[
            (
                60,
                52,
                "4.33 hours",
                "issue 6 / xkcd 1205: 1 minute weekly = 4.33 hours",
            ),
            (
                300,
                365,
                "6.34 days",
                "issue 6 / xkcd 1205: 5 minutes daily = 6.34 days",
            ),
            (
                1,
                18_250,
                "1.06 days",
                "xkcd 1205: 1 second 50 a day = 1 day",
            ),
            (1, 1, "5 seconds", "1 s yearly over 5 years"),
            (
                3_600,
                12,
                "2.5 days",
                "60 h: xkcd 1205 says 2.5 days for 1 hour monthly",
            ),
            (86_400, 1, "5 days", "xkcd 1205: 1 day yearly = 5 days"),
            (
                30,
                365,
                "15.21 hours",
                "xkcd 1205: 30 seconds daily = 12 hours (rounded there)",
            ),
            (
                86_400,
                52,
                "37.14 weeks",
                "1 day weekly = 260 days = 37.14 weeks",
            ),
        ];
        for (saved, per_year, expected, source) in cases {
            let (text, _) = format_span(worth_the_time_seconds(*saved, *per_year).unwrap());
            assert_eq!(text, *expected, "{source}");
        }
        // More than a day's time every day cannot be saved: xkcd 1205 leaves those cells empty.
        // A whole day every day is the most there is (5 years over 5 years).
        for (saved, per_year) in [(1_800, 50 * 365), (21_600, 5 * 365), (86_400, 5 * 365)] {
            assert_eq!(worth_the_time_seconds(saved, per_year), None, "{saved} s");
        }
        assert_eq!(
            format_span(worth_the_time_seconds(86_400, 365).unwrap()).0,
            "260.71 weeks"
        );
        assert!(worth_the_time_seconds(300, 50 * 365).is_some());
    }

    #[test]
    fn period_names_as_spreadsheets_spell_them() {
        let cases: &[(&str, Option<Period>)] = &[
            ("day", Some(Period::Day)),
            ("Daily", Some(Period::Day)),
            ("per week", Some(Period::Week)),
            (" Working-Day ", Some(Period::WorkingDay)),
            ("quarterly", Some(Period::Quarter)),
            ("annually", Some(Period::Year)),
            ("fortnight", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Period::parse(text), *expected, "{text:?}");
        }
        for period in Period::ALL {
            assert_eq!(Period::parse(period.slug()), Some(period));
        }
    }

    #[test]
    fn field_errors() {
        let cases: &[(TaskField, &str, InputError)] = &[
            (TaskField::Minutes, "", InputError::Empty),
            (TaskField::Minutes, "0", InputError::MustBeAboveZero),
            (TaskField::Minutes, "-5", InputError::Negative),
            (TaskField::Minutes, "ten", InputError::NotANumber),
            (TaskField::Minutes, "1.234", InputError::TooManyDecimals),
            (TaskField::Minutes, "NaN", InputError::NotANumber),
            (TaskField::Minutes, "1e9", InputError::Exponent),
            (TaskField::People, "1e2", InputError::Exponent),
            (TaskField::People, "1.5", InputError::NotWhole),
            (
                TaskField::People,
                "2,5",
                InputError::Comma("Enter a whole number: 2,5 has decimals".into()),
            ),
            (
                TaskField::People,
                "1,000",
                InputError::Comma("Thousands separators are not read here: write 1000".into()),
            ),
            // Beyond 1 to 5 without its comma: the range is what to say.
            (
                TaskField::Priority,
                "1,000",
                InputError::OutOfRange { min: 1, max: 5 },
            ),
            (
                TaskField::People,
                "lots",
                InputError::OutOfRange { min: 1, max: 1_000 },
            ),
            (
                TaskField::Minutes,
                "100001",
                InputError::TooLarge {
                    max: "100,000".into(),
                },
            ),
            (TaskField::People, "1.5", InputError::NotWhole),
            (
                TaskField::People,
                "0",
                InputError::OutOfRange { min: 1, max: 1_000 },
            ),
            (
                TaskField::Priority,
                "6",
                InputError::OutOfRange { min: 1, max: 5 },
            ),
            (
                TaskField::Priority,
                "-1",
                InputError::OutOfRange { min: 1, max: 5 },
            ),
            (TaskField::ShareRemoved, "0", InputError::PercentRange),
            (TaskField::ShareRemoved, "101", InputError::PercentRange),
            (TaskField::ShareRemoved, "", InputError::Empty),
            (
                TaskField::Per,
                "hourly",
                InputError::UnknownPeriod("hourly".into()),
            ),
        ];
        for (field, text, expected) in cases {
            assert_eq!(
                parse_task_field(*field, text).unwrap_err(),
                *expected,
                "{field:?} {text:?}"
            );
        }
        assert_eq!(parse_share("75%"), Ok(r(3, 4)));
        assert_eq!(parse_yes_no("Yes"), Ok(true));
        assert!(parse_yes_no("maybe").is_err());
    }

    #[test]
    fn messages_quote_typed_text_as_written_not_escaped() {
        let cases: &[(InputError, &str)] = &[
            (
                InputError::UnknownPeriod("fortnight".into()),
                "Unknown period “fortnight”: use day, working day, week, month, quarter or year",
            ),
            (
                InputError::UnknownPeriod(r#"a"b\c"#.into()),
                r#"Unknown period “a"b\c”: use day, working day, week, month, quarter or year"#,
            ),
            (
                InputError::NotYesNo("peut-être".into()),
                "“peut-être” is not yes or no",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), *expected);
        }
    }

    #[test]
    fn manual_tasks_may_leave_automation_fields_empty() {
        let t =
            Task::parse(&manual_task("restart the batch job", "2", "week", "10")).expect("valid");
        let result = task_result(&t, &team("1"), SignedRatio::from_int(6));
        assert_eq!(result.automation, None);
        assert_eq!(result.hours_per_year, r(52 * 2 * 10, 60));
    }

    /// Hostile text never panics, and the largest accepted values stay exact.
    #[test]
    fn hostile_input_never_panics() {
        let nasty = [
            "",
            " ",
            "-",
            "+",
            ".",
            "-0",
            "1e308",
            "NaN",
            "inf",
            "-inf",
            "∞",
            "٣",
            "1,000",
            "0x10",
            "99999999999999999999999",
            "1000000",
            "999999.99",
            "0.01",
            "\u{0}",
            "１",
            "1.",
            "9".repeat(400).leak(),
        ];
        let team_max = Team::parse(&TeamText {
            engineers: "0.01",
            hours_per_week: "0.01",
            working_days_per_year: "366",
            rotation_size: "2",
            hourly_cost: "100000",
            currency: "€",
        })
        .unwrap();
        for text in nasty {
            for field in [TaskField::Times, TaskField::Minutes, TaskField::People] {
                let _ = parse_task_field(field, text);
            }
            let _ = Team::parse(&TeamText {
                engineers: text,
                hours_per_week: text,
                working_days_per_year: text,
                rotation_size: text,
                hourly_cost: text,
                currency: text,
            });
            let _ = Period::parse(text);
            let _ = parse_threshold_months(text);
            let _ = CivilDate::parse(text);
        }
        // The biggest task against the smallest team: still exact, still finite.
        let t = task(("10000", "day", "100000", "1000", "0.01", "0.01", "1000000"));
        let report = report(vec![t.clone(), t], &team_max, SignedRatio::new(1, 100));
        assert!(report.totals.over_ceiling);
        let text = report.totals.share_of_team.to_decimal_text(2);
        assert!(
            text.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.'),
            "{text}"
        );
        let a = report.results[0].automation.as_ref().unwrap();
        let start = CivilDate::parse("9999-12-01").unwrap();
        let _ = a.break_even_date(start);
    }
}
