//! The Budget tab read as a whole: its inputs as typed become validated values, a message per
//! field that is wrong, and the results of every section that has what it needs.
//!
//! The component shows what this returns and does nothing else; everything here is plain Rust
//! and tested natively.

use super::burn::{
    self, BurnReport, EventsSoFar, IncidentImpact, ObservationError, Policy, Progress,
    RemainingReport, SliKind, MAX_EVENTS,
};
use super::date::{CalendarPeriod, CivilDate};
use super::decimal::{self, DecimalError};
use super::duration::{format_duration, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE};
use super::ratio::Ratio;
use super::slo::{
    MonthConvention, SloTarget, WindowDays, MICRO_DAYS_PER_DAY, TARGET_PARTS, TARGET_PLACES,
};
use crate::inputs::BudgetInputs;

/// The fields of the Budget tab, each with the id of its input in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Target,
    WindowDays,
    CalendarDate,
    TimesliceMinutes,
    ExpectedRequests,
    ObservedBad,
    ObservedTotal,
    ObservedHours,
    ElapsedDays,
    SoFarBad,
    SoFarTotal,
    SoFarAvailability,
    FreezeBelow,
    WarnBelow,
    IncidentMinutes,
    IncidentAffected,
}

impl Field {
    pub const ALL: [Field; 16] = [
        Field::Target,
        Field::WindowDays,
        Field::CalendarDate,
        Field::TimesliceMinutes,
        Field::ExpectedRequests,
        Field::ObservedBad,
        Field::ObservedTotal,
        Field::ObservedHours,
        Field::ElapsedDays,
        Field::SoFarBad,
        Field::SoFarTotal,
        Field::SoFarAvailability,
        Field::FreezeBelow,
        Field::WarnBelow,
        Field::IncidentMinutes,
        Field::IncidentAffected,
    ];

    /// The id of the field's input element; its message has the id `<id>-error`.
    pub fn id(self) -> &'static str {
        match self {
            Field::Target => "slo-target",
            Field::WindowDays => "window-days",
            Field::CalendarDate => "calendar-date",
            Field::TimesliceMinutes => "timeslice-minutes",
            Field::ExpectedRequests => "expected-requests",
            Field::ObservedBad => "observed-bad",
            Field::ObservedTotal => "observed-total",
            Field::ObservedHours => "observed-hours",
            Field::ElapsedDays => "elapsed-days",
            Field::SoFarBad => "so-far-bad",
            Field::SoFarTotal => "so-far-total",
            Field::SoFarAvailability => "so-far-availability",
            Field::FreezeBelow => "freeze-below",
            Field::WarnBelow => "warn-below",
            Field::IncidentMinutes => "incident-minutes",
            Field::IncidentAffected => "incident-affected",
        }
    }

    /// Whether the page shows the field for the choices made in `inputs` (the window kind, the
    /// SLI and what is known so far); a hidden field keeps its text but is not read.
    pub fn shown(self, inputs: &BudgetInputs) -> bool {
        // A choice that is not one of its options (saved by hand) shows none of its fields.
        let kind = WindowKind::from_slug(&inputs.window_kind);
        let requests = inputs.sli_kind == "requests";
        let counts = inputs.so_far_mode == "counts";
        match self {
            Field::WindowDays => kind == Some(WindowKind::Rolling),
            Field::CalendarDate => matches!(kind, Some(WindowKind::Calendar(_))),
            Field::TimesliceMinutes => inputs.sli_kind == "timeslices",
            Field::ExpectedRequests | Field::ObservedTotal => requests,
            Field::SoFarBad => counts,
            Field::SoFarTotal => counts && requests,
            Field::SoFarAvailability => inputs.so_far_mode == "availability",
            _ => true,
        }
    }
}

/// Defines `field_text` and `field_text_mut` from one list of field-to-member pairs.
macro_rules! field_members {
    ($($field:ident => $member:ident),* $(,)?) => {
        /// The text of `field` in `inputs`.
        pub fn field_text(inputs: &BudgetInputs, field: Field) -> &str {
            match field {
                $(Field::$field => &inputs.$member,)*
            }
        }

        /// The text of `field` in `inputs`, to change it.
        pub fn field_text_mut(inputs: &mut BudgetInputs, field: Field) -> &mut String {
            match field {
                $(Field::$field => &mut inputs.$member,)*
            }
        }
    };
}

field_members! {
    Target => target_percent,
    WindowDays => window_days,
    CalendarDate => calendar_date,
    TimesliceMinutes => timeslice_minutes,
    ExpectedRequests => expected_requests,
    ObservedBad => observed_bad,
    ObservedTotal => observed_total,
    ObservedHours => observed_hours,
    ElapsedDays => elapsed_days,
    SoFarBad => so_far_bad,
    SoFarTotal => so_far_total,
    SoFarAvailability => so_far_availability,
    FreezeBelow => freeze_below_percent,
    WarnBelow => warn_below_percent,
    IncidentMinutes => incident_minutes,
    IncidentAffected => incident_affected_percent,
}

/// The choice fields of the Budget tab (drop-downs), each holding a short name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    WindowKind,
    MonthConvention,
    SliKind,
    SoFarMode,
}

impl Choice {
    pub const ALL: [Choice; 4] = [
        Choice::WindowKind,
        Choice::MonthConvention,
        Choice::SliKind,
        Choice::SoFarMode,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Choice::WindowKind => "window-kind",
            Choice::MonthConvention => "month-convention",
            Choice::SliKind => "sli-kind",
            Choice::SoFarMode => "so-far-mode",
        }
    }

    /// The options as (saved name, label).
    pub fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Choice::WindowKind => &[
                ("rolling", "Rolling window of N days"),
                ("month", "Calendar month"),
                ("quarter", "Calendar quarter"),
                ("year", "Calendar year"),
            ],
            Choice::MonthConvention => &[
                ("30d", "30 days"),
                ("gregorian", "30.436875 days (365.2425 / 12)"),
                ("28d", "28 days"),
            ],
            Choice::SliKind => &[
                ("requests", "Requests: bad events out of total"),
                ("minutes", "Time: bad minutes"),
                ("timeslices", "Time: bad timeslices"),
            ],
            Choice::SoFarMode => &[
                ("counts", "Bad and total so far"),
                ("availability", "Observed availability so far"),
            ],
        }
    }

    /// Why the saved value of the choice is not one of its options, if it is not (a value
    /// changed in saved data by hand): the page says so next to the drop-down.
    pub fn error(self, inputs: &BudgetInputs) -> Option<String> {
        let value = self.get(inputs);
        if self.options().iter().any(|(slug, _)| *slug == value) {
            return None;
        }
        let labels: Vec<&str> = self.options().iter().map(|(_, label)| *label).collect();
        Some(format!(
            "Unknown choice \"{value}\": choose one of {}",
            labels.join(", ")
        ))
    }

    pub fn get(self, inputs: &BudgetInputs) -> &str {
        match self {
            Choice::WindowKind => &inputs.window_kind,
            Choice::MonthConvention => &inputs.month_convention,
            Choice::SliKind => &inputs.sli_kind,
            Choice::SoFarMode => &inputs.so_far_mode,
        }
    }

    pub fn get_mut(self, inputs: &mut BudgetInputs) -> &mut String {
        match self {
            Choice::WindowKind => &mut inputs.window_kind,
            Choice::MonthConvention => &mut inputs.month_convention,
            Choice::SliKind => &mut inputs.sli_kind,
            Choice::SoFarMode => &mut inputs.so_far_mode,
        }
    }
}

/// Which kind of window the SLO is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKind {
    Rolling,
    Calendar(CalendarPeriod),
}

impl WindowKind {
    /// The kind a saved name stands for; `None` for a name that is not one of the options.
    pub fn from_slug(slug: &str) -> Option<WindowKind> {
        match slug {
            "rolling" => Some(WindowKind::Rolling),
            "month" => Some(WindowKind::Calendar(CalendarPeriod::Month)),
            "quarter" => Some(WindowKind::Calendar(CalendarPeriod::Quarter)),
            "year" => Some(WindowKind::Calendar(CalendarPeriod::Year)),
            _ => None,
        }
    }
}

/// The SLO's window, resolved: its length, and for calendar windows the first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedWindow {
    pub window: WindowDays,
    pub kind: WindowKind,
    /// First day of a calendar window.
    pub calendar_start: Option<CivilDate>,
}

/// A section's state: not filled in yet, waiting on a field that is wrong, not defined for
/// the inputs given (with the reason), or computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Section<T> {
    Empty,
    Invalid,
    Undefined(String),
    Ready(T),
}

impl<T> Section<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Section::Ready(value) => Some(value),
            _ => None,
        }
    }

    /// What a result panel shows once the tab is read again, given what it showed: the results
    /// or the reason they are not defined, as read; while a field is wrong, whichever of the two
    /// it showed, kept and marked stale; a hint (`None`) while the section is not filled in.
    pub fn shown_after(self, previous: Option<Shown<T>>) -> Option<Shown<T>> {
        let now = |result| {
            Some(Shown {
                result,
                stale: false,
            })
        };
        match self {
            Section::Ready(value) => now(Ok(value)),
            Section::Undefined(reason) => now(Err(reason)),
            Section::Empty => None,
            Section::Invalid => previous.map(|shown| Shown {
                stale: true,
                ..shown
            }),
        }
    }
}

/// What a result panel shows: its results, or why they are not defined, and whether that is
/// for inputs since changed to something wrong (`stale`: marked so whichever it is).
#[derive(Debug, Clone, PartialEq)]
pub struct Shown<T> {
    pub result: Result<T, String>,
    pub stale: bool,
}

/// The burn-rate panel's results with what they were computed in, so results kept while the
/// window is wrong are still shown with their own window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BurnPanel {
    pub figures: BurnFigures,
    pub window: ResolvedWindow,
    /// Whether the SLI counts timeslices (the panel states the timeslice rule).
    pub timeslices: bool,
}

/// The remaining-budget panel's results with the target and window they were computed in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RemainingPanel {
    pub figures: RemainingFigures,
    pub target: SloTarget,
    pub window: ResolvedWindow,
}

/// The burn-rate section's results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BurnFigures {
    pub report: BurnReport,
    pub observed_ms: u64,
    /// The part of the observation its budget use counts: all of it, except a part timeslice
    /// at its end (see [`crate::calc::budget_words::TIMESLICE_RULE`]).
    pub counted_ms: u64,
}

/// The moment the tab is read at, and the browser's time zone: a rolling window began the days
/// elapsed before it, and the run-out date is the zone's date at the instant the budget runs
/// out (a change of summer time in between moves the clock, not the instant). A date alone
/// (`From<CivilDate>`) is read as its midnight in UTC.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    /// The local date (at `utc_ms`).
    pub date: CivilDate,
    /// The instant, in milliseconds since 1970 UTC.
    pub utc_ms: i64,
    /// The zone's offset from UTC, in minutes, at an instant.
    pub offset_at: fn(i64) -> i32,
}

impl Now {
    /// The instant `utc_ms` in the zone of `offset_at`.
    pub fn at(utc_ms: i64, offset_at: fn(i64) -> i32) -> Now {
        Now {
            date: local_date(utc_ms, offset_at),
            utc_ms,
            offset_at,
        }
    }
}

/// The zone's date at an instant.
fn local_date(utc_ms: i64, offset_at: fn(i64) -> i32) -> CivilDate {
    let local_ms = utc_ms.saturating_add(i64::from(offset_at(utc_ms)) * 60_000);
    CivilDate::from_days_since_epoch(local_ms.div_euclid(MS_PER_DAY as i64))
}

impl From<CivilDate> for Now {
    fn from(date: CivilDate) -> Now {
        Now::at(
            date.days_since_epoch().saturating_mul(MS_PER_DAY as i64),
            |_| 0,
        )
    }
}

/// The remaining-budget section's results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RemainingFigures {
    pub report: RemainingReport,
    /// The time elapsed in the window's days (of 24 hours): a calendar period with a change of
    /// summer time is spread evenly over its real hours.
    pub elapsed_micro_days: u64,
    /// The real time elapsed, in milliseconds: from midnight on a calendar window's first day
    /// to now (to its end once it is over), or the days elapsed as typed.
    pub elapsed_real_ms: u64,
    /// The window's real length, in milliseconds, that `elapsed_real_ms` is part of: a calendar
    /// period's real hours when its time elapsed is taken from the calendar (an hour more or
    /// less than its days with a change of summer time), else the window's days.
    pub window_real_ms: u64,
    /// The day the current window started (calendar start, or the date the days elapsed
    /// before now).
    pub window_start: CivilDate,
    /// The instant it started, in milliseconds since 1970 UTC: a calendar window at midnight
    /// on its first day in the zone ([`local_midnight_utc_ms`]), a rolling one the days
    /// elapsed before now.
    pub window_start_utc_ms: i64,
    /// The zone's date when the budget runs out (or ran out) at the measured pace, when it does.
    pub run_out_date: Option<CivilDate>,
    /// Whether the elapsed time was taken from the calendar because the field was empty.
    pub elapsed_from_calendar: bool,
    pub decision: burn::Decision,
    pub policy: Policy,
    /// Share of the budget added to what was consumed so far (logged incidents), zero when
    /// nothing was added.
    pub added: Ratio,
}

/// The incident section's results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IncidentFigures {
    pub impact: IncidentImpact,
    pub duration_ms: u64,
    pub affected: Ratio,
    /// Share of the budget left after the incident: what remained so far (or the whole budget
    /// when the remaining section is not filled in) minus the incident.
    pub remaining_after: Ratio,
    pub overspent: bool,
}

/// The whole tab, read.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetSheet {
    pub errors: Vec<(Field, String)>,
    /// Choices whose saved value is not one of their options, with the message for each.
    pub choice_errors: Vec<(Choice, String)>,
    /// Inputs that are read and used, but are most likely not what was meant (a target of
    /// 0.999%, an observation longer than the window), with what they mean.
    pub warnings: Vec<(Field, String)>,
    pub target: Option<SloTarget>,
    pub window: Option<ResolvedWindow>,
    /// The month of the downtime table; `None` while its choice is not one of the options.
    pub month: Option<MonthConvention>,
    pub sli: Option<SliKind>,
    pub expected_requests: Option<u64>,
    /// The deploy policy, when both thresholds are valid (other tabs apply it too).
    pub policy: Option<Policy>,
    pub burn: Section<BurnFigures>,
    pub remaining: Section<RemainingFigures>,
    pub incident: Section<IncidentFigures>,
}

impl BudgetSheet {
    /// The SLI, or the message of the field that keeps it from being read (a timeslice length).
    pub fn sli_or_error(&self) -> Result<SliKind, String> {
        self.sli.ok_or_else(|| {
            self.error(Field::TimesliceMinutes)
                .unwrap_or("the SLI is not valid")
                .to_string()
        })
    }

    /// The message for `choice`, if its saved value is not one of its options.
    pub fn choice_error(&self, choice: Choice) -> Option<&str> {
        self.choice_errors
            .iter()
            .find(|(c, _)| *c == choice)
            .map(|(_, message)| message.as_str())
    }

    /// The message for `field`, if it is wrong.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message.as_str())
    }

    /// The warning for `field`, if it is read but most likely not what was meant.
    pub fn warning(&self, field: Field) -> Option<&str> {
        self.warnings
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message.as_str())
    }

    /// The burn-rate section with what its panel shows next to the figures.
    pub fn burn_panel(&self) -> Section<BurnPanel> {
        let timeslices = matches!(self.sli, Some(SliKind::Timeslices { .. }));
        with_context(self.burn.clone(), self.window, |figures, window| {
            BurnPanel {
                figures,
                window,
                timeslices,
            }
        })
    }

    /// The remaining-budget section with the target and window its panel states.
    pub fn remaining_panel(&self) -> Section<RemainingPanel> {
        let context = self.target.zip(self.window);
        with_context(
            self.remaining.clone(),
            context,
            |figures, (target, window)| RemainingPanel {
                figures,
                target,
                window,
            },
        )
    }

    /// Whether the remaining budget moves as time passes with the inputs unchanged: its time
    /// elapsed is taken from the calendar, in a period that is not over.
    pub fn elapsed_runs_with_clock(&self) -> bool {
        match (self.remaining.ready(), self.window) {
            (Some(figures), Some(window)) => {
                figures.elapsed_from_calendar
                    && figures.elapsed_micro_days < window.window.micro_days()
            }
            _ => false,
        }
    }
}

/// Results put together with what they were computed in; results without it (never the case
/// for a section read as ready) count as waiting on a wrong field.
fn with_context<T, C, P>(
    section: Section<T>,
    context: Option<C>,
    make: impl FnOnce(T, C) -> P,
) -> Section<P> {
    match (section, context) {
        (Section::Ready(value), Some(context)) => Section::Ready(make(value, context)),
        (Section::Ready(_) | Section::Invalid, _) => Section::Invalid,
        (Section::Empty, _) => Section::Empty,
        (Section::Undefined(reason), _) => Section::Undefined(reason),
    }
}

#[derive(Default)]
struct Reader {
    errors: Vec<(Field, String)>,
    warnings: Vec<(Field, String)>,
    /// The fields a section has read, well or not ([`check_the_rest`] reads the others).
    read: Vec<Field>,
}

impl Reader {
    fn check<T>(&mut self, field: Field, result: Result<T, String>) -> Option<T> {
        self.read.push(field);
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.errors.push((field, message));
                None
            }
        }
    }

    /// An optional field: `Ok(None)` when empty.
    fn optional<T>(
        &mut self,
        field: Field,
        text: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ()> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        self.check(field, parse(text)).map(Some).ok_or(())
    }
}

fn count(text: &str) -> Result<u64, String> {
    match decimal::parse_count(text) {
        Ok(n) if n > MAX_EVENTS => Err("Counts above 10^15 are not supported".into()),
        Ok(n) => Ok(n),
        Err(DecimalError::Negative) => Err("Cannot be negative".into()),
        Err(DecimalError::TooLarge) => Err("Counts above 10^15 are not supported".into()),
        Err(DecimalError::Exponent) => Err(
            "Exponents such as 1e6 are not read: write the count out in digits, such as 1,000,000"
                .into(),
        ),
        Err(_)
            if text.trim().contains([',', '_', ' '])
                && text
                    .trim()
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b",_ +".contains(&b)) =>
        {
            Err(
                "Group digits in threes, such as 1,000,000: counts are whole numbers, so a comma \
                 is never a decimal point here"
                    .into(),
            )
        }
        Err(_) => Err("Enter a whole number, such as 1000000 or 1,000,000".into()),
    }
}

fn scaled(text: &str, places: u32, what: &str) -> Result<u64, String> {
    decimal::parse_scaled(text, places).map_err(|e| scaled_message(e, what))
}

fn scaled_message(error: DecimalError, what: &str) -> String {
    match error {
        DecimalError::Empty => format!("Enter {what}"),
        DecimalError::NotANumber => format!("Not a number: enter {what}"),
        DecimalError::Comma(message) => message,
        DecimalError::Exponent => decimal::EXPONENT_MESSAGE.to_string(),
        DecimalError::TooManyDecimals { max_places } => {
            format!("Use at most {max_places} decimal places")
        }
        DecimalError::Negative => "Cannot be negative".to_string(),
        DecimalError::TooLarge => "Too large".to_string(),
    }
}

/// A percentage from 0 to 100 inclusive, in parts per 10^8.
fn percent_parts(text: &str, what: &str) -> Result<u64, String> {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text);
    // A number too large to hold is above 100% too, and said so.
    let parts = match decimal::parse_scaled(text, TARGET_PLACES) {
        Ok(parts) => parts,
        Err(DecimalError::TooLarge) => u64::MAX,
        Err(error) => return Err(scaled_message(error, what)),
    };
    if parts > TARGET_PARTS {
        return Err("Cannot be above 100%".into());
    }
    Ok(parts)
}

/// A policy line in percent of the budget left, with up to 6 decimals as every percentage
/// here, in parts per 10^8.
fn threshold_parts(text: &str) -> Result<u64, String> {
    percent_parts(text, "a percentage such as 20")
}

/// Reads the whole tab. `now` is the local date (and time of day, when known), for calendar
/// windows and run-out dates.
pub fn read(inputs: &BudgetInputs, now: impl Into<Now>) -> BudgetSheet {
    read_adding(inputs, now, Ratio::ZERO)
}

/// Reads the whole tab with `added` of the window's budget counted as consumed on top of what
/// failed so far (see `burn::remaining_report_adding`); `read` adds nothing.
pub fn read_adding(inputs: &BudgetInputs, now: impl Into<Now>, added: Ratio) -> BudgetSheet {
    let now = now.into();
    let today = now.date;
    let mut r = Reader::default();

    let target = r.check(
        Field::Target,
        SloTarget::parse(&inputs.target_percent).map_err(|e| e.to_string()),
    );
    if let Some(warning) = target.and_then(SloTarget::fraction_warning) {
        r.warnings.push((Field::Target, warning));
    }
    let choice_errors: Vec<(Choice, String)> = Choice::ALL
        .into_iter()
        .filter_map(|choice| choice.error(inputs).map(|message| (choice, message)))
        .collect();
    let kind = WindowKind::from_slug(&inputs.window_kind);
    let window = match kind {
        None => None,
        Some(kind @ WindowKind::Rolling) => r
            .check(
                Field::WindowDays,
                WindowDays::parse(&inputs.window_days).map_err(|e| e.to_string()),
            )
            .map(|window| ResolvedWindow {
                window,
                kind,
                calendar_start: None,
            }),
        Some(kind @ WindowKind::Calendar(period)) => {
            let date = if inputs.calendar_date.trim().is_empty() {
                Some(today)
            } else {
                r.check(
                    Field::CalendarDate,
                    CivilDate::parse_in_period(&inputs.calendar_date, period)
                        .map_err(|e| e.to_string()),
                )
            };
            date.and_then(|date| {
                let (start, days) = period.containing(date);
                WindowDays::from_days(u64::from(days))
                    .ok()
                    .map(|window| ResolvedWindow {
                        window,
                        kind,
                        calendar_start: Some(start),
                    })
            })
        }
    };
    let month = MonthConvention::from_slug(&inputs.month_convention);
    let sli = match inputs.sli_kind.as_str() {
        "requests" => Some(SliKind::Requests),
        "minutes" => Some(SliKind::BadMinutes),
        "timeslices" => r
            .check(
                Field::TimesliceMinutes,
                timeslice_ms(&inputs.timeslice_minutes).and_then(|slice_ms| {
                    // A slice longer than the window leaves no whole slice to count.
                    match window {
                        Some(w) if slice_ms > w.window.length_ms() => Err(format!(
                            "A timeslice cannot be longer than the window ({})",
                            format_duration(w.window.length_ms())
                        )),
                        _ => Ok(slice_ms),
                    }
                }),
            )
            .map(|slice_ms| SliKind::Timeslices { slice_ms }),
        _ => None,
    };
    let expected_requests = r.optional(Field::ExpectedRequests, &inputs.expected_requests, count);

    let slo = match (target, window, sli) {
        (Some(t), Some(w), Some(s)) => Some((t, w, s)),
        _ => None,
    };
    let burn = read_burn(&mut r, inputs, slo);
    let policy = read_policy(&mut r, inputs);
    let remaining = read_remaining(
        &mut r,
        inputs,
        slo,
        Known {
            expected_requests: expected_requests.ok().flatten(),
            policy,
            added,
        },
        now,
    );
    let incident = read_incident(&mut r, inputs, slo, &remaining);
    check_the_rest(&mut r, inputs);

    BudgetSheet {
        errors: r.errors,
        choice_errors,
        warnings: r.warnings,
        target,
        window,
        month,
        sli,
        expected_requests: expected_requests.ok().flatten(),
        policy,
        burn,
        remaining,
        incident,
    }
}

fn timeslice_ms(text: &str) -> Result<u64, String> {
    // Minutes with up to 3 decimals, so 0.5 (30 s) works; at least one second.
    let milli_minutes = scaled(text, 3, "the timeslice length in minutes, such as 1 or 5")?;
    let ms = milli_minutes.saturating_mul(60);
    if ms < 1_000 {
        return Err("A timeslice must be at least one second".into());
    }
    Ok(ms)
}

/// The help under the calendar date: what it takes for the window kind chosen (a bare year
/// only for a year window), [`CalendarPeriod::date_help`]; a month's while no calendar kind is.
pub fn calendar_date_help(inputs: &BudgetInputs) -> &'static str {
    match WindowKind::from_slug(&inputs.window_kind) {
        Some(WindowKind::Calendar(period)) => period.date_help(),
        _ => CalendarPeriod::Month.date_help(),
    }
}

/// Every field the page shows with text that its own reading refuses gets that message, when
/// the section that reads it stopped before it (at an empty field it needs first, such as the
/// days elapsed, or at an SLO that is not valid), so no bad text goes without one.
fn check_the_rest(r: &mut Reader, inputs: &BudgetInputs) {
    for field in Field::ALL {
        let text = field_text(inputs, field);
        let has_message = r.errors.iter().any(|(f, _)| *f == field);
        if has_message || r.read.contains(&field) || text.trim().is_empty() || !field.shown(inputs)
        {
            continue;
        }
        if let Err(message) = read_alone(field, inputs) {
            r.errors.push((field, message));
        }
    }
}

/// A field read on its own, by the rule its section reads it with (what no other field
/// changes): the same message for the same text.
fn read_alone(field: Field, inputs: &BudgetInputs) -> Result<(), String> {
    let text = field_text(inputs, field);
    let bad = |text: &str| match inputs.sli_kind.as_str() {
        "minutes" => bad_minutes_ms(text).map(drop),
        _ => count(text).map(drop),
    };
    match field {
        Field::Target => SloTarget::parse(text).map(drop).map_err(|e| e.to_string()),
        Field::WindowDays => WindowDays::parse(text).map(drop).map_err(|e| e.to_string()),
        Field::CalendarDate => match WindowKind::from_slug(&inputs.window_kind) {
            Some(WindowKind::Calendar(period)) => CivilDate::parse_in_period(text, period),
            _ => CivilDate::parse_day_or_month(text),
        }
        .map(drop)
        .map_err(|e| e.to_string()),
        Field::TimesliceMinutes => timeslice_ms(text).map(drop),
        Field::ExpectedRequests | Field::ObservedTotal | Field::SoFarTotal => count(text).map(drop),
        Field::ObservedBad | Field::SoFarBad => bad(text),
        Field::ObservedHours => hours_ms(text).map(drop),
        Field::ElapsedDays => elapsed_micro_days(text).map(drop),
        Field::SoFarAvailability => availability_parts(text).map(drop),
        Field::FreezeBelow | Field::WarnBelow => threshold_parts(text).map(drop),
        Field::IncidentMinutes => incident_ms(text).map(drop),
        Field::IncidentAffected => affected_parts(text).map(drop),
    }
}

/// The days elapsed typed, in millionths of a day.
fn elapsed_micro_days(text: &str) -> Result<u64, String> {
    scaled(text, 6, "the days elapsed")
}

/// The availability so far, in parts per 10^8.
fn availability_parts(text: &str) -> Result<u64, String> {
    percent_parts(text, "the availability so far in percent")
}

/// The bad minutes observed or so far, in milliseconds.
fn bad_minutes_ms(text: &str) -> Result<u64, String> {
    minutes_ms(text, "the bad minutes")
}

/// The incident's duration, in milliseconds.
fn incident_ms(text: &str) -> Result<u64, String> {
    minutes_ms(text, "the incident's duration in minutes")
}

/// The share of traffic the incident affected, in parts per 10^8.
fn affected_parts(text: &str) -> Result<u64, String> {
    percent_parts(text, "the share of traffic affected in percent")
}

/// Hours with up to 4 decimals, in milliseconds.
fn hours_ms(text: &str) -> Result<u64, String> {
    let ten_thousandths = scaled(text, 4, "the observation length in hours, such as 1")?;
    if ten_thousandths == 0 {
        return Err("The observation must be longer than 0 hours".into());
    }
    Ok(ten_thousandths.saturating_mul(MS_PER_HOUR / 10_000))
}

/// Minutes with up to 3 decimals, in milliseconds.
fn minutes_ms(text: &str, what: &str) -> Result<u64, String> {
    Ok(scaled(text, 3, what)?.saturating_mul(MS_PER_MINUTE / 1000))
}

/// The error ratio of bad out of the whole, for an SLI kind, and the part of `span_ms` it
/// covers (whole timeslices only: a part slice at the end is neither good nor bad yet); field
/// errors are recorded.
fn error_ratio(
    r: &mut Reader,
    sli: SliKind,
    bad: (Field, &str),
    total: (Field, &str),
    span_ms: u64,
) -> Result<(Ratio, u64), Option<String>> {
    let counted_ms = match sli {
        SliKind::Timeslices { slice_ms } => span_ms / slice_ms.max(1) * slice_ms,
        _ => span_ms,
    };
    let (bad_field, bad_text) = bad;
    let outcome = match sli {
        SliKind::Requests => {
            let bad = r.check(bad_field, count(bad_text));
            let total = r.check(total.0, count(total.1));
            let (Some(bad), Some(total)) = (bad, total) else {
                return Err(None);
            };
            burn::event_error_ratio(bad, total)
        }
        SliKind::BadMinutes => {
            let bad_ms = r.check(bad_field, bad_minutes_ms(bad_text));
            let Some(bad_ms) = bad_ms else {
                return Err(None);
            };
            burn::time_error_ratio(bad_ms, span_ms)
        }
        SliKind::Timeslices { slice_ms } => {
            let Some(bad) = r.check(bad_field, count(bad_text)) else {
                return Err(None);
            };
            burn::timeslice_error_ratio(bad, slice_ms, span_ms)
        }
    };
    match outcome {
        Ok(ratio) => Ok((ratio, counted_ms)),
        Err(ObservationError::NoTraffic) => Err(Some(ObservationError::NoTraffic.to_string())),
        Err(error @ ObservationError::TooShort) => {
            r.errors.push((total.0, error.to_string()));
            Err(None)
        }
        Err(error) => {
            r.errors.push((bad_field, error.to_string()));
            Err(None)
        }
    }
}

fn read_burn(
    r: &mut Reader,
    inputs: &BudgetInputs,
    slo: Option<(SloTarget, ResolvedWindow, SliKind)>,
) -> Section<BurnFigures> {
    let filled = !inputs.observed_bad.trim().is_empty() || !inputs.observed_total.trim().is_empty();
    if !filled {
        return Section::Empty;
    }
    let observed_ms = r.check(Field::ObservedHours, hours_ms(&inputs.observed_hours));
    let Some((target, window, sli)) = slo else {
        return Section::Invalid;
    };
    let Some(observed_ms) = observed_ms else {
        return Section::Invalid;
    };
    warn_if_longer_than_window(r, Field::ObservedHours, observed_ms, &window);
    let total_field = match sli {
        SliKind::Requests => Field::ObservedTotal,
        _ => Field::ObservedHours,
    };
    match error_ratio(
        r,
        sli,
        (Field::ObservedBad, &inputs.observed_bad),
        (total_field, &inputs.observed_total),
        observed_ms,
    ) {
        Ok((ratio, counted_ms)) => Section::Ready(BurnFigures {
            report: burn::burn_report(target, window.window, ratio, counted_ms),
            observed_ms,
            counted_ms,
        }),
        Err(Some(reason)) => Section::Undefined(reason),
        Err(None) => Section::Invalid,
    }
}

/// The policy's thresholds, read (their errors are recorded).
fn read_policy(r: &mut Reader, inputs: &BudgetInputs) -> Option<Policy> {
    let freeze = r.check(
        Field::FreezeBelow,
        threshold_parts(&inputs.freeze_below_percent),
    );
    let warn = r.check(
        Field::WarnBelow,
        threshold_parts(&inputs.warn_below_percent),
    );
    match (freeze, warn) {
        (Some(freeze), Some(warn)) => match Policy::new(freeze, warn) {
            Ok(policy) => Some(policy),
            Err(_) => {
                // Said next to both fields: whichever was just changed shows why.
                let (freeze, warn) = (
                    decimal::format_scaled(freeze, TARGET_PLACES),
                    decimal::format_scaled(warn, TARGET_PLACES),
                );
                r.errors.push((
                    Field::FreezeBelow,
                    format!(
                        "The freeze line ({freeze}%) is above the warning line ({warn}%): lower \
                         it, or raise the warning line"
                    ),
                ));
                r.errors.push((
                    Field::WarnBelow,
                    format!(
                        "The warning line ({warn}%) is below the freeze line ({freeze}%): raise \
                         it, or lower the freeze line"
                    ),
                ));
                None
            }
        },
        _ => None,
    }
}

/// What the remaining-budget section takes from the rest of the tab.
struct Known {
    expected_requests: Option<u64>,
    policy: Option<Policy>,
    added: Ratio,
}

fn read_remaining(
    r: &mut Reader,
    inputs: &BudgetInputs,
    slo: Option<(SloTarget, ResolvedWindow, SliKind)>,
    known: Known,
    now: Now,
) -> Section<RemainingFigures> {
    let today = now.date;
    let Known {
        expected_requests,
        policy,
        added,
    } = known;
    let by_availability = match inputs.so_far_mode.as_str() {
        "availability" => true,
        "counts" => false,
        // Not one of the options (its drop-down says so): nothing is read as either.
        _ => return Section::Invalid,
    };
    let filled = if by_availability {
        !inputs.so_far_availability.trim().is_empty()
    } else {
        !inputs.so_far_bad.trim().is_empty() || !inputs.so_far_total.trim().is_empty()
    };
    if !filled {
        return Section::Empty;
    }
    let Some((target, window, sli)) = slo else {
        return Section::Invalid;
    };

    let mut elapsed_real_ms = None;
    let (elapsed, from_calendar) = if inputs.elapsed_days.trim().is_empty() {
        match window.calendar_start {
            Some(start) => {
                let (micro_days, real_ms) = calendar_elapsed(start, window.window, now);
                elapsed_real_ms = Some(real_ms);
                (Some(micro_days), true)
            }
            None => {
                r.errors.push((
                    Field::ElapsedDays,
                    "Enter the days elapsed in the current window".into(),
                ));
                (None, false)
            }
        }
    } else {
        let elapsed = r.check(Field::ElapsedDays, elapsed_micro_days(&inputs.elapsed_days));
        let elapsed = elapsed.and_then(|micro_days| {
            if micro_days > window.window.micro_days() {
                r.errors.push((
                    Field::ElapsedDays,
                    burn::ProgressError::ElapsedBeyondWindow.to_string(),
                ));
                None
            } else {
                Some(micro_days)
            }
        });
        (elapsed, false)
    };
    let Some(elapsed_micro_days) = elapsed else {
        return Section::Invalid;
    };
    let elapsed_ms = u64::try_from(
        u128::from(elapsed_micro_days) * u128::from(MS_PER_DAY) / u128::from(MICRO_DAYS_PER_DAY),
    )
    .unwrap_or(u64::MAX);
    let elapsed_real_ms = elapsed_real_ms.unwrap_or(elapsed_ms);
    let window_real_ms = match window.calendar_start {
        Some(start) if from_calendar => {
            let (start_utc_ms, end_utc_ms) = calendar_period_utc_ms(start, window.window, now);
            u64::try_from(i128::from(end_utc_ms) - i128::from(start_utc_ms)).unwrap_or(0)
        }
        _ => window.window.length_ms(),
    };

    let mut events = None;
    let mut counted_micro_days = None;
    let ratio = if by_availability {
        let parts = r.check(
            Field::SoFarAvailability,
            availability_parts(&inputs.so_far_availability),
        );
        let Some(parts) = parts else {
            return Section::Invalid;
        };
        Ratio::new(u128::from(TARGET_PARTS - parts), u128::from(TARGET_PARTS))
            .unwrap_or(Ratio::ZERO)
    } else {
        let total_field = match sli {
            SliKind::Requests => Field::SoFarTotal,
            _ => Field::ElapsedDays,
        };
        match error_ratio(
            r,
            sli,
            (Field::SoFarBad, &inputs.so_far_bad),
            (total_field, &inputs.so_far_total),
            elapsed_ms,
        ) {
            Ok((ratio, counted_ms)) => {
                // The budget so far is spent over the time counted (whole timeslices only).
                if counted_ms != elapsed_ms {
                    counted_micro_days = Some(
                        u64::try_from(
                            u128::from(counted_ms) * u128::from(MICRO_DAYS_PER_DAY)
                                / u128::from(MS_PER_DAY),
                        )
                        .unwrap_or(elapsed_micro_days),
                    );
                }
                if sli == SliKind::Requests {
                    let bad = count(&inputs.so_far_bad).unwrap_or(0);
                    let total = count(&inputs.so_far_total).unwrap_or(0);
                    events = expected_in_window(
                        expected_requests,
                        total,
                        elapsed_micro_days,
                        window.window,
                    )
                    .map(|expected_in_window| EventsSoFar {
                        bad,
                        expected_in_window,
                        projected: expected_requests.is_none(),
                    });
                }
                ratio
            }
            Err(Some(reason)) => return Section::Undefined(reason),
            Err(None) => return Section::Invalid,
        }
    };
    if elapsed_micro_days == 0 && ratio.numerator() > 0 {
        // Failures over no time cannot be spread over the window (the consumed share would read
        // 0% next to a date the budget runs out).
        return Section::Undefined(nothing_elapsed(
            window.calendar_start.filter(|_| from_calendar),
            today,
        ));
    }
    let Some(policy) = policy else {
        return Section::Invalid;
    };

    let progress = Progress {
        elapsed_micro_days,
        counted_micro_days,
        error_ratio: ratio,
        events,
    };
    let report = match burn::remaining_report_adding(target, window.window, progress, added) {
        Ok(report) => report,
        Err(error) => {
            r.errors.push((Field::ElapsedDays, error.to_string()));
            return Section::Invalid;
        }
    };
    // The instant the window began: a calendar window at midnight on its first day, a rolling
    // one the time elapsed before now.
    let period = window
        .calendar_start
        .map(|start| calendar_period_utc_ms(start, window.window, now));
    let start_utc = match period {
        Some((start_utc_ms, _)) => start_utc_ms,
        None => now
            .utc_ms
            .saturating_sub(i64::try_from(elapsed_ms).unwrap_or(i64::MAX)),
    };
    let window_start = match window.calendar_start {
        Some(start) => start,
        None => local_date(start_utc, now.offset_at),
    };
    let run_out_date = match report.run_out {
        burn::RunOut::AfterMs(ms) => {
            let after_ms = match period {
                // The window's time mapped back onto the period's real hours.
                Some((start_utc_ms, end_utc_ms)) => {
                    let scaled = i128::from(ms)
                        * (i128::from(end_utc_ms) - i128::from(start_utc_ms))
                        / i128::from(window.window.length_ms().max(1));
                    i64::try_from(scaled).unwrap_or(i64::MAX)
                }
                None => i64::try_from(ms).unwrap_or(i64::MAX),
            };
            Some(local_date(
                start_utc.saturating_add(after_ms),
                now.offset_at,
            ))
        }
        _ => None,
    };
    Section::Ready(RemainingFigures {
        report,
        elapsed_micro_days,
        elapsed_real_ms,
        window_real_ms,
        window_start,
        window_start_utc_ms: start_utc,
        run_out_date,
        elapsed_from_calendar: from_calendar,
        decision: burn::decide(policy, report.remaining),
        policy,
        added,
    })
}

/// The instant of midnight at the start of `date` in the zone of `now`, in milliseconds since
/// 1970 UTC. The zone's offset then, read at that midnight less the offset now, is right but
/// within the hour a change of summer time moves.
pub fn local_midnight_utc_ms(date: CivilDate, now: Now) -> i64 {
    let midnight = date.days_since_epoch().saturating_mul(MS_PER_DAY as i64);
    let guess = midnight.saturating_sub(i64::from((now.offset_at)(now.utc_ms)) * 60_000);
    midnight.saturating_sub(i64::from((now.offset_at)(guess)) * 60_000)
}

/// The instants the calendar period of `window` (its whole days) from `first` begins and ends,
/// in milliseconds since 1970 UTC: midnight on its first day and midnight after its last, in
/// the zone of `now` ([`local_midnight_utc_ms`]).
pub fn calendar_period_utc_ms(first: CivilDate, window: WindowDays, now: Now) -> (i64, i64) {
    let whole_days = (window.micro_days() / MICRO_DAYS_PER_DAY) as i64;
    (
        local_midnight_utc_ms(first, now),
        local_midnight_utc_ms(first.plus_days(whole_days), now),
    )
}

/// The time elapsed in the calendar period of `window` from `first`: in the window's
/// millionths of a day (86.4 ms), rounded half up, and in real milliseconds, from midnight on
/// its first day to now (nothing before then, all of it once the period is over). A change of
/// summer time makes a period an hour longer or shorter than its days: its real time is spread
/// evenly over the window's, window × real elapsed ÷ real length, and the period is over only
/// at its real end (a moment before, it is a millionth short of the whole window).
fn calendar_elapsed(first: CivilDate, window: WindowDays, now: Now) -> (u64, u64) {
    let (start_utc_ms, end_utc_ms) = calendar_period_utc_ms(first, window, now);
    let length_ms = u128::try_from(i128::from(end_utc_ms) - i128::from(start_utc_ms))
        .unwrap_or(0)
        .max(1);
    let real_ms = u128::try_from(i128::from(now.utc_ms.min(end_utc_ms)) - i128::from(start_utc_ms))
        .unwrap_or(0);
    let window_micro_days = u128::from(window.micro_days());
    let mut micro_days = (real_ms * window_micro_days * 2 + length_ms) / (length_ms * 2);
    if now.utc_ms < end_utc_ms {
        micro_days = micro_days.min(window_micro_days.saturating_sub(1));
    }
    (
        u64::try_from(micro_days).unwrap_or(u64::MAX),
        u64::try_from(real_ms).unwrap_or(u64::MAX),
    )
}

/// Why failures so far cannot be counted when no time has elapsed in the window: a calendar
/// window starting on `calendar_start` (the time elapsed taken from the calendar) that has not
/// begun, or began this very moment (less than half a millionth of a day ago), or elapsed days
/// typed as 0.
fn nothing_elapsed(calendar_start: Option<CivilDate>, today: CivilDate) -> String {
    match calendar_start {
        Some(start) if start.days_until(today) < 0 => format!(
            "This window has not begun (it starts on {start}), so nothing can have failed in it \
             yet: pick a date in a window that has begun, or clear the failures so far."
        ),
        Some(start) => format!(
            "This window began at midnight on {start}, this very moment, so nothing can have \
             failed in it yet: clear the failures so far."
        ),
        None => "No time has elapsed in this window (0 days), so the failures so far cannot be \
                 counted in it: enter the days elapsed."
            .to_string(),
    }
}

/// Events the whole window is expected to hold: as given, or the traffic so far projected
/// over the window at the same rate. `None` when there is nothing to project from.
fn expected_in_window(
    given: Option<u64>,
    total_so_far: u64,
    elapsed_micro_days: u64,
    window: WindowDays,
) -> Option<u64> {
    if let Some(given) = given {
        return Some(given.max(total_so_far));
    }
    if elapsed_micro_days == 0 {
        return None;
    }
    let projected =
        u128::from(total_so_far) * u128::from(window.micro_days()) / u128::from(elapsed_micro_days);
    u64::try_from(projected).ok()
}

/// Warns at `field` when its `duration_ms` is longer than the window: its figure is set against
/// one window's budget, and so can pass 100% while every window meets the SLO.
fn warn_if_longer_than_window(
    r: &mut Reader,
    field: Field,
    duration_ms: u64,
    window: &ResolvedWindow,
) {
    if duration_ms > window.window.length_ms() {
        let days = super::decimal::days_phrase(&window.window.days_text());
        r.warnings.push((
            field,
            if window.calendar_start.is_some() {
                format!(
                    "Longer than the calendar period ({days}): the budget used is counted against \
                     that period's budget, so it can pass 100% while every period meets the SLO."
                )
            } else {
                format!(
                    "Longer than the window ({days}): the budget used is counted against one \
                     window's budget, so it can pass 100% while every window meets the SLO."
                )
            },
        ));
    }
}

fn read_incident(
    r: &mut Reader,
    inputs: &BudgetInputs,
    slo: Option<(SloTarget, ResolvedWindow, SliKind)>,
    remaining: &Section<RemainingFigures>,
) -> Section<IncidentFigures> {
    if inputs.incident_minutes.trim().is_empty() {
        return Section::Empty;
    }
    let duration_ms = r.check(
        Field::IncidentMinutes,
        incident_ms(&inputs.incident_minutes),
    );
    let affected = r.check(
        Field::IncidentAffected,
        affected_parts(&inputs.incident_affected_percent),
    );
    let (Some((target, window, _)), Some(duration_ms), Some(affected_parts)) =
        (slo, duration_ms, affected)
    else {
        return Section::Invalid;
    };
    warn_if_longer_than_window(r, Field::IncidentMinutes, duration_ms, &window);
    let affected =
        Ratio::new(u128::from(affected_parts), u128::from(TARGET_PARTS)).unwrap_or(Ratio::ZERO);
    let impact = burn::incident_impact(target, window.window, duration_ms, affected);
    let before = remaining
        .ready()
        .map_or(Ratio::ONE, |figures| figures.report.remaining);
    let overspent = impact.consumed.cmp_exact(before) == std::cmp::Ordering::Greater;
    Section::Ready(IncidentFigures {
        impact,
        duration_ms,
        affected,
        remaining_after: before.saturating_sub(impact.consumed),
        overspent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::burn::Verdict;

    fn today() -> CivilDate {
        CivilDate::parse("2026-12-04").unwrap()
    }

    fn budget(change: impl FnOnce(&mut BudgetInputs)) -> BudgetInputs {
        let mut inputs = BudgetInputs::default();
        change(&mut inputs);
        inputs
    }

    fn sheet(change: impl FnOnce(&mut BudgetInputs)) -> BudgetSheet {
        read(&budget(change), today())
    }

    /// Regression: saved Budget data with `window_kind: "lunar"` was read as a rolling window
    /// (computed from that guess) while the page showed the calendar-date field, and no field
    /// said why. Every choice now says an unknown value next to it, and nothing is computed
    /// from it.
    #[test]
    fn an_unknown_saved_choice_gets_a_message_and_nothing_is_computed_from_a_guess() {
        let filled = |i: &mut BudgetInputs| {
            i.observed_bad = "5".into();
            i.observed_total = "10000".into();
            i.elapsed_days = "10".into();
            i.so_far_bad = "5".into();
            i.so_far_total = "10000".into();
            i.incident_minutes = "30".into();
        };
        let known = sheet(filled);
        assert!(known.choice_errors.is_empty());
        assert!(known.burn.ready().is_some() && known.remaining.ready().is_some());
        let cases = [
            (
                Choice::WindowKind,
                "lunar",
                "Rolling window of N days, Calendar month, Calendar quarter, Calendar year",
            ),
            (
                Choice::MonthConvention,
                "31d",
                "30 days, 30.436875 days (365.2425 / 12), 28 days",
            ),
            (
                Choice::SliKind,
                "vibes",
                "Requests: bad events out of total, Time: bad minutes, Time: bad timeslices",
            ),
            (
                Choice::SoFarMode,
                "guess",
                "Bad and total so far, Observed availability so far",
            ),
        ];
        for (choice, value, options) in cases {
            let inputs = budget(|i| {
                filled(i);
                *choice.get_mut(i) = value.into();
            });
            let read = read(&inputs, today());
            assert_eq!(
                read.choice_errors,
                vec![(
                    choice,
                    format!("Unknown choice \"{value}\": choose one of {options}")
                )],
                "{choice:?}"
            );
            assert_eq!(
                read.choice_error(choice),
                Some(read.choice_errors[0].1.as_str())
            );
            match choice {
                Choice::WindowKind => {
                    assert_eq!(read.window, None);
                    assert!(!Field::WindowDays.shown(&inputs));
                    assert!(!Field::CalendarDate.shown(&inputs));
                    assert!(read.burn.ready().is_none() && read.remaining.ready().is_none());
                }
                Choice::MonthConvention => assert_eq!(read.month, None),
                Choice::SliKind => {
                    assert_eq!(read.sli, None);
                    for field in [
                        Field::TimesliceMinutes,
                        Field::ExpectedRequests,
                        Field::ObservedTotal,
                        Field::SoFarTotal,
                    ] {
                        assert!(!field.shown(&inputs), "{field:?}");
                    }
                    assert!(read.burn.ready().is_none() && read.remaining.ready().is_none());
                }
                Choice::SoFarMode => {
                    for field in [Field::SoFarBad, Field::SoFarTotal, Field::SoFarAvailability] {
                        assert!(!field.shown(&inputs), "{field:?}");
                    }
                    assert_eq!(read.remaining, Section::Invalid);
                    assert!(read.burn.ready().is_some());
                }
            }
        }
    }

    /// Regression: a "No traffic" reason kept while a field was wrong (Bad 0 / Total 0, then
    /// Bad 5 / Total 3) was shown without the stale note that kept results get.
    #[test]
    fn a_kept_reason_is_stale_as_kept_results_are() {
        let ready = |stale| {
            Some(Shown {
                result: Ok(1),
                stale,
            })
        };
        let reason = |stale| {
            Some(Shown {
                result: Err("No traffic".to_string()),
                stale,
            })
        };
        let undefined = || Section::Undefined("No traffic".to_string());
        type Case = (Option<Shown<i32>>, Section<i32>, Option<Shown<i32>>);
        // (shown before, this reading, shown now)
        let cases: Vec<Case> = vec![
            (None, Section::Empty, None),
            (None, Section::Invalid, None),
            (None, Section::Ready(1), ready(false)),
            (None, undefined(), reason(false)),
            (ready(false), Section::Invalid, ready(true)),
            (ready(true), Section::Invalid, ready(true)),
            (reason(false), Section::Invalid, reason(true)),
            (reason(true), Section::Invalid, reason(true)),
            (reason(true), Section::Ready(1), ready(false)),
            (ready(true), undefined(), reason(false)),
            (ready(true), Section::Empty, None),
            (reason(true), Section::Empty, None),
        ];
        for (before, section, expected) in cases {
            let label = format!("{before:?} then {section:?}");
            assert_eq!(section.shown_after(before), expected, "{label}");
        }
    }

    /// Regression: results kept while the window was wrong were drawn from the window read now,
    /// which there was none of, so the panel went blank (marked stale, showing nothing).
    #[test]
    fn kept_results_keep_the_context_they_were_computed_in() {
        let inputs = budget(|i| {
            i.observed_bad = "1".into();
            i.observed_total = "1000".into();
        });
        let first = read(&inputs, today());
        let shown = first.burn_panel().shown_after(None);
        let mut wrong = inputs.clone();
        wrong.window_days = "abc".into();
        let later = read(&wrong, today());
        assert_eq!(later.window, None);
        let kept = later.burn_panel().shown_after(shown.clone()).unwrap();
        assert!(kept.stale);
        let Ok(panel) = kept.result else {
            panic!("results were kept")
        };
        assert_eq!(Some(panel.window), first.window);
        assert_eq!(Ok(panel), shown.unwrap().result);
    }

    #[test]
    fn defaults_read_cleanly() {
        let s = sheet(|_| {});
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(s.window.unwrap().window, WindowDays::from_days(30).unwrap());
        assert_eq!(s.burn, Section::Empty);
        assert_eq!(s.remaining, Section::Empty);
        assert_eq!(s.incident, Section::Empty);
    }

    #[test]
    fn likely_slips_are_computed_with_a_warning_on_their_field() {
        let s = sheet(|_| {});
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        // A fraction typed as the target: 0.999% is used, and said to be a percentage.
        let s = sheet(|i| i.target_percent = "0.999".into());
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(s.target.unwrap().percent_text(), "0.999");
        assert!(s
            .warning(Field::Target)
            .is_some_and(|w| w.ends_with("For 0.999 as a fraction, type 99.9.")));
        // An observation of 721 hours in a 30-day (720-hour) window; 720 hours is no slip.
        let observed = |hours: &str| {
            sheet(|i| {
                i.observed_bad = "1".into();
                i.observed_total = "1000".into();
                i.observed_hours = hours.into();
            })
        };
        assert_eq!(observed("720").warning(Field::ObservedHours), None);
        let s = observed("721");
        assert!(matches!(s.burn, Section::Ready(_)));
        assert_eq!(
            s.warning(Field::ObservedHours),
            Some(
                "Longer than the window (30 days): the budget used is counted against one \
                 window's budget, so it can pass 100% while every window meets the SLO."
            )
        );
    }

    #[test]
    fn an_incident_longer_than_the_window_is_warned_about() {
        // A 30-day-and-a-minute incident read ≈100,002% of the budget with no word, where the
        // Incidents tab and the observed burn both say what such a figure means.
        let incident = |minutes: &str| sheet(|i| i.incident_minutes = minutes.into());
        assert_eq!(incident("43200").warning(Field::IncidentMinutes), None);
        // A calendar month is a period, not a window that rolls.
        let february = sheet(|i| {
            i.window_kind = "month".into();
            i.calendar_date = "2024-02".into();
            i.incident_minutes = "41761".into();
        });
        assert_eq!(
            february.warning(Field::IncidentMinutes),
            Some(
                "Longer than the calendar period (29 days): the budget used is counted against \
                 that period's budget, so it can pass 100% while every period meets the SLO."
            )
        );
        let s = incident("43201");
        assert!(matches!(s.incident, Section::Ready(_)));
        assert_eq!(
            s.warning(Field::IncidentMinutes),
            Some(
                "Longer than the window (30 days): the budget used is counted against one \
                 window's budget, so it can pass 100% while every window meets the SLO."
            )
        );
    }

    #[test]
    fn field_errors_land_on_their_field() {
        type Change = Box<dyn Fn(&mut BudgetInputs)>;
        let cases: Vec<(Change, Field, &str)> = vec![
            (
                Box::new(|i| i.target_percent = "100".into()),
                Field::Target,
                "no error budget",
            ),
            (
                Box::new(|i| i.window_days = "0".into()),
                Field::WindowDays,
                "longer than 0",
            ),
            (
                Box::new(|i| {
                    i.window_kind = "month".into();
                    i.calendar_date = "2026-02-30".into();
                }),
                Field::CalendarDate,
                "does not exist",
            ),
            (
                Box::new(|i| {
                    i.sli_kind = "timeslices".into();
                    i.timeslice_minutes = "0".into();
                }),
                Field::TimesliceMinutes,
                "at least one second",
            ),
            (
                Box::new(|i| {
                    i.sli_kind = "timeslices".into();
                    i.timeslice_minutes = "43201".into();
                }),
                Field::TimesliceMinutes,
                "A timeslice cannot be longer than the window (30d 0h 0m 0s)",
            ),
            (
                Box::new(|i| i.expected_requests = "lots".into()),
                Field::ExpectedRequests,
                "whole",
            ),
            (
                Box::new(|i| i.target_percent = "99,95".into()),
                Field::Target,
                "Use a point for decimals: 99.95",
            ),
            (
                Box::new(|i| i.window_days = "27,5".into()),
                Field::WindowDays,
                "Use a point for decimals: 27.5",
            ),
            (
                Box::new(|i| i.warn_below_percent = "12,5%".into()),
                Field::WarnBelow,
                "Use a point for decimals: 12.5",
            ),
            (
                Box::new(|i| {
                    i.so_far_mode = "availability".into();
                    i.so_far_availability = "99,95 %".into();
                }),
                Field::SoFarAvailability,
                "Use a point for decimals: 99.95",
            ),
            (
                Box::new(|i| {
                    i.incident_minutes = "12,5".into();
                    i.incident_affected_percent = "100".into();
                }),
                Field::IncidentMinutes,
                "Use a point for decimals: 12.5",
            ),
            (
                Box::new(|i| {
                    i.observed_bad = "1,000".into();
                    i.observed_total = "1,000,000".into();
                    i.observed_hours = "1,5".into();
                }),
                Field::ObservedHours,
                "Use a point for decimals: 1.5",
            ),
            (
                // A decimal comma is not read as 15 events.
                Box::new(|i| {
                    i.observed_bad = "1,5".into();
                    i.observed_total = "1000000".into();
                }),
                Field::ObservedBad,
                "Group digits in threes",
            ),
            (
                Box::new(|i| {
                    i.observed_bad = "11".into();
                    i.observed_total = "10".into();
                }),
                Field::ObservedBad,
                "Bad cannot be more than total",
            ),
            (
                Box::new(|i| {
                    i.observed_bad = "1".into();
                    i.observed_total = "10".into();
                    i.observed_hours = "0".into();
                }),
                Field::ObservedHours,
                "longer than 0 hours",
            ),
            (
                Box::new(|i| {
                    i.so_far_bad = "1".into();
                    i.so_far_total = "10".into();
                }),
                Field::ElapsedDays,
                "days elapsed",
            ),
            (
                Box::new(|i| {
                    i.so_far_bad = "1".into();
                    i.so_far_total = "10".into();
                    i.elapsed_days = "31".into();
                }),
                Field::ElapsedDays,
                "cannot be longer than the window",
            ),
            (
                Box::new(|i| {
                    i.so_far_mode = "availability".into();
                    i.so_far_availability = "100.5".into();
                    i.elapsed_days = "3".into();
                }),
                Field::SoFarAvailability,
                "above 100%",
            ),
            (
                Box::new(|i| i.warn_below_percent = "10".into()),
                Field::WarnBelow,
                "is below the freeze line",
            ),
            (
                Box::new(|i| i.freeze_below_percent = "x".into()),
                Field::FreezeBelow,
                "Not a number",
            ),
            (
                Box::new(|i| {
                    i.incident_minutes = "30".into();
                    i.incident_affected_percent = "-3".into();
                }),
                Field::IncidentAffected,
                "negative",
            ),
        ];
        for (change, field, expected) in cases {
            let s = sheet(change);
            let message = s
                .error(field)
                .unwrap_or_else(|| panic!("no error on {field:?}"));
            assert!(message.contains(expected), "{field:?}: {message}");
        }
    }

    /// `2026-02` in the calendar date was refused ("Not a date: use YYYY-MM-DD") although only
    /// its month or quarter matters: a month alone is its first day, and other shapes are
    /// refused with a message that names both.
    #[test]
    fn a_calendar_date_typed_as_a_month_is_read_as_its_first_day() {
        // The window's first day and length in days, or the field's message.
        type Expected = Result<(&'static str, u64), &'static str>;
        let cases: &[(&str, &str, Expected)] = &[
            ("month", "2026-02", Ok(("2026-02-01", 28))),
            ("month", "2024-02", Ok(("2024-02-01", 29))),
            ("quarter", "2026-05", Ok(("2026-04-01", 91))),
            ("year", "2024-07", Ok(("2024-01-01", 366))),
            // A bare year was refused for a year window; the other periods say what they take.
            ("year", "2024", Ok(("2024-01-01", 366))),
            ("year", " 2026 ", Ok(("2026-01-01", 365))),
            (
                "year",
                "2026-2",
                Err(
                    "Not a date: use YYYY-MM-DD, YYYY-MM or YYYY, for example 2026-12-01, \
                     2026-12 or 2026",
                ),
            ),
            (
                "month",
                "2024",
                Err(
                    "A year alone is enough only for a year window: for a month window use \
                     YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12",
                ),
            ),
            (
                "quarter",
                "2024",
                Err(
                    "A year alone is enough only for a year window: for a quarter window use \
                     YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12",
                ),
            ),
            ("month", "2026-02-14", Ok(("2026-02-01", 28))),
            (
                "month",
                "2026-2",
                Err("Not a date: use YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12"),
            ),
            (
                "quarter",
                "2026-13",
                Err("That month does not exist in the calendar"),
            ),
            (
                "month",
                "2026-02-30",
                Err("That day does not exist in the calendar"),
            ),
        ];
        for (kind, typed, expected) in cases {
            let s = sheet(|i| {
                i.window_kind = (*kind).into();
                i.calendar_date = (*typed).into();
            });
            match expected {
                Ok((start, days)) => {
                    assert_eq!(s.error(Field::CalendarDate), None, "{kind} {typed}");
                    let window = s.window.unwrap();
                    assert_eq!(
                        window.calendar_start,
                        CivilDate::parse(start).ok(),
                        "{typed}"
                    );
                    assert_eq!(
                        window.window,
                        WindowDays::from_days(*days).unwrap(),
                        "{typed}"
                    );
                }
                Err(message) => {
                    assert_eq!(
                        s.error(Field::CalendarDate),
                        Some(*message),
                        "{kind} {typed}"
                    )
                }
            }
        }
    }

    #[test]
    fn the_calendar_date_help_follows_the_window_kind() {
        for (kind, year_named) in [("year", true), ("month", false), ("quarter", false)] {
            let inputs = BudgetInputs {
                window_kind: kind.into(),
                ..BudgetInputs::default()
            };
            let help = calendar_date_help(&inputs);
            assert_eq!(
                help.contains("or YYYY for the year's first day"),
                year_named,
                "{kind}"
            );
        }
    }

    #[test]
    fn calendar_windows_have_their_real_length() {
        let s = sheet(|i| {
            i.window_kind = "month".into();
            i.calendar_date = "2026-02-10".into();
        });
        let window = s.window.unwrap();
        assert_eq!(window.window, WindowDays::from_days(28).unwrap());
        assert_eq!(window.calendar_start, CivilDate::parse("2026-02-01").ok());
        // An empty date is today: December 2026 has 31 days.
        let s = sheet(|i| i.window_kind = "month".into());
        assert_eq!(s.window.unwrap().window, WindowDays::from_days(31).unwrap());
        let s = sheet(|i| i.window_kind = "quarter".into());
        assert_eq!(s.window.unwrap().window, WindowDays::from_days(92).unwrap());
    }

    #[test]
    fn burn_section() {
        let s = sheet(|i| {
            i.observed_bad = "100".into();
            i.observed_total = "100,000".into();
        });
        let figures = s.burn.ready().expect("burn computed");
        assert_eq!(figures.report.burn_rate.format_fixed(2), "1.00");

        let s = sheet(|i| {
            i.observed_bad = "0".into();
            i.observed_total = "0".into();
        });
        assert!(matches!(&s.burn, Section::Undefined(reason) if reason.contains("No traffic")));
        assert!(
            s.errors.is_empty(),
            "no traffic is an answer, not an input error"
        );

        // Time-based: 6 bad minutes in one hour is 10% errors, burn 100 at 99.9%.
        let s = sheet(|i| {
            i.sli_kind = "minutes".into();
            i.observed_bad = "6".into();
        });
        assert_eq!(
            s.burn.ready().unwrap().report.burn_rate.format_fixed(2),
            "100.00"
        );
        // More bad minutes than the observation holds.
        let s = sheet(|i| {
            i.sli_kind = "minutes".into();
            i.observed_bad = "61".into();
        });
        assert!(s.error(Field::ObservedBad).is_some());
        // Timeslices: 3 bad 5-minute slices of 12 in an hour.
        let s = sheet(|i| {
            i.sli_kind = "timeslices".into();
            i.observed_bad = "3".into();
        });
        assert_eq!(
            s.burn.ready().unwrap().report.error_ratio.format_percent(2),
            "25"
        );
    }

    /// Europe/Berlin in 2026: UTC+02:00 from 2026-03-29 01:00 UTC to 2026-10-25 01:00 UTC,
    /// UTC+01:00 otherwise.
    fn berlin(utc_ms: i64) -> i32 {
        let instant = |date: &str, hour: i64| {
            CivilDate::parse(date).unwrap().days_since_epoch() * MS_PER_DAY as i64
                + hour * 3_600_000
        };
        if (instant("2026-03-29", 1)..instant("2026-10-25", 1)).contains(&utc_ms) {
            120
        } else {
            60
        }
    }

    fn utc(date: &str, hour: i64, minute: i64) -> i64 {
        CivilDate::parse(date).unwrap().days_since_epoch() * MS_PER_DAY as i64
            + (hour * 60 + minute) * 60_000
    }

    #[test]
    fn dates_across_a_change_of_summer_time_follow_the_instant() {
        // At 23:30 summer time on 2026-10-24, one day elapsed at 5.96685x: the budget runs out
        // 5d 0h 40m after the start, 2026-10-23 23:30 summer time, which is 23:10 winter time
        // on 2026-10-28 (adding days to the clock read 00:10 on 2026-10-29).
        let inputs = BudgetInputs {
            so_far_mode: "availability".into(),
            so_far_availability: "99.403315".into(),
            elapsed_days: "1".into(),
            ..BudgetInputs::default()
        };
        let sheet = read(&inputs, Now::at(utc("2026-10-24", 21, 30), berlin));
        let figures = sheet.remaining.ready().expect("remaining computed");
        assert_eq!(
            figures.window_start,
            CivilDate::parse("2026-10-23").unwrap()
        );
        assert_eq!(figures.run_out_date, CivilDate::parse("2026-10-28").ok());
        // At 00:30 summer time on 2026-04-01, 3.0139 days before is 23:10 winter time on
        // 2026-03-28: the window's first day (counting 72 clock hours back read 2026-03-29).
        let inputs = BudgetInputs {
            so_far_mode: "availability".into(),
            so_far_availability: "99.95".into(),
            elapsed_days: "3.0139".into(),
            ..BudgetInputs::default()
        };
        let sheet = read(&inputs, Now::at(utc("2026-03-31", 22, 30), berlin));
        let figures = sheet.remaining.ready().expect("remaining computed");
        assert_eq!(
            figures.window_start,
            CivilDate::parse("2026-03-28").unwrap()
        );
    }

    #[test]
    fn a_part_timeslice_spends_no_budget() {
        // 99.9% over 30 days allows 43.2 minutes. One bad 45-minute slice in an hour is 1 bad
        // of 1 whole slice (100%), and spends 45 minutes of budget, not the hour observed:
        // 45 / 43.2 = 104.17% (it read 60 / 43.2 = 138.89%).
        let s = sheet(|i| {
            i.sli_kind = "timeslices".into();
            i.timeslice_minutes = "45".into();
            i.observed_bad = "1".into();
            i.observed_hours = "1".into();
        });
        let burn = s.burn.ready().expect("burn computed");
        assert_eq!(burn.report.error_ratio.format_percent(2), "100");
        assert_eq!(burn.report.budget_consumed.format_percent(2), "104.17");
        assert_eq!((burn.observed_ms, burn.counted_ms), (3_600_000, 2_700_000));
        // The same slice so far, over an hour elapsed (1/24 day).
        let s = sheet(|i| {
            i.sli_kind = "timeslices".into();
            i.timeslice_minutes = "45".into();
            i.so_far_bad = "1".into();
            i.elapsed_days = "0.041667".into();
        });
        let figures = s.remaining.ready().expect("remaining computed");
        assert_eq!(figures.report.consumed.format_percent(2), "104.17");
        // The pace is the whole slices' burn rate: one bad 60-minute slice of 24 in 1.02 days
        // is 1/24 ÷ 0.1% = 41.67×, so 4166.67% by the end of the window (the part slice
        // counted in the pace read 4084.97%); one bad slice of one, 1000×: 100000%, and the
        // budget ran out 43m 12s in (it read 99920.06% and 43m 14.1s).
        let at = |elapsed: &str| {
            let s = sheet(|i| {
                i.sli_kind = "timeslices".into();
                i.timeslice_minutes = "60".into();
                i.so_far_bad = "1".into();
                i.elapsed_days = elapsed.into();
            });
            s.remaining.ready().expect("remaining computed").report
        };
        assert_eq!(at("1.02").projected_at_end.format_percent(2), "4166.67");
        let report = at("0.0417");
        assert_eq!(report.projected_at_end.format_percent(2), "100000");
        assert_eq!(report.run_out, burn::RunOut::AfterMs(43 * 60_000 + 12_000));
        // Whole slices only: 7-minute slices in an hour count 56 minutes; 1 bad of 8 spends
        // 7 minutes, 16.2% of 43.2 (it read 17.36%, the 12.5% spread over 60 minutes).
        let s = sheet(|i| {
            i.sli_kind = "timeslices".into();
            i.timeslice_minutes = "7".into();
            i.observed_bad = "1".into();
            i.observed_hours = "1".into();
        });
        let burn = s.burn.ready().expect("burn computed");
        assert_eq!(burn.report.error_ratio.format_percent(2), "12.5");
        assert_eq!(burn.report.budget_consumed.format_percent(2), "16.2");
        // Other SLIs count the whole observation.
        let s = sheet(|i| {
            i.observed_bad = "3".into();
            i.observed_total = "1000".into();
        });
        let burn = s.burn.ready().expect("burn computed");
        assert_eq!(burn.counted_ms, burn.observed_ms);
    }

    #[test]
    fn remaining_section_and_decision() {
        let s = sheet(|i| {
            i.so_far_mode = "availability".into();
            i.so_far_availability = "99.92".into();
            i.elapsed_days = "30".into();
        });
        let figures = s.remaining.ready().expect("remaining computed");
        assert_eq!(figures.report.consumed.format_percent(2), "80");
        assert_eq!(figures.decision.verdict, Verdict::Warning);
        assert_eq!(
            figures.window_start,
            CivilDate::parse("2026-11-04").unwrap()
        );

        // A calendar window takes the days elapsed from the calendar when the field is empty.
        let s = sheet(|i| {
            i.window_kind = "month".into();
            i.so_far_bad = "10".into();
            i.so_far_total = "100000".into();
        });
        let figures = s.remaining.ready().expect("remaining computed");
        assert!(figures.elapsed_from_calendar);
        assert_eq!(figures.elapsed_micro_days, 3 * MICRO_DAYS_PER_DAY);
        assert_eq!(
            figures.window_start,
            CivilDate::parse("2026-12-01").unwrap()
        );

        // Zero traffic so far: no error ratio, said plainly.
        let s = sheet(|i| {
            i.so_far_bad = "0".into();
            i.so_far_total = "0".into();
            i.elapsed_days = "2".into();
        });
        assert!(
            matches!(&s.remaining, Section::Undefined(reason) if reason.contains("No traffic"))
        );
    }

    #[test]
    fn a_calendar_windows_time_elapsed_runs_from_its_first_midnight_to_now() {
        // (the calendar date, now in UTC, millionths of a day elapsed). The month runs from
        // midnight on its first day in Berlin; the time elapsed is real time, rounded to a
        // millionth of a day, the whole period once it is over; a month with a change of summer
        // time is spread evenly over its real hours.
        let cases: &[(&str, i64, u64)] = &[
            // 12:00 on 5 December in Berlin is 4.5 days after midnight on the 1st.
            ("2026-12-10", utc("2026-12-05", 11, 0), 4_500_000),
            // 23:00 on the 5th: 4d 23h, 4.958333... days (it read 4 whole days).
            ("2026-12-10", utc("2026-12-05", 22, 0), 4_958_333),
            // Midnight on the 1st: nothing yet; an hour before it, the month has not begun.
            ("2026-12-10", utc("2026-11-30", 23, 0), 0),
            ("2026-12-10", utc("2026-11-30", 22, 0), 0),
            // November is over on 5 December: all of its 30 days.
            ("2026-11-10", utc("2026-12-05", 11, 0), 30_000_000),
            // October gains an hour (the clocks go back on the 25th): at midnight on the 26th,
            // 601 of its 745 hours have passed, 31 × 601 / 745 days ...
            ("2026-10-10", utc("2026-10-25", 23, 0), 25_008_054),
            // ... and with half an hour left, 31 × 744.5 / 745 (it read all 31 days) ...
            ("2026-10-10", utc("2026-10-31", 22, 30), 30_979_195),
            // ... a moment before its end, a millionth short; at its end, all 31 days.
            ("2026-10-10", utc("2026-10-31", 23, 0) - 1, 30_999_999),
            ("2026-10-10", utc("2026-10-31", 23, 0), 31_000_000),
            // March loses one: at 23:30 on the 31st, 742.5 of its 743 hours have passed.
            ("2026-03-10", utc("2026-03-31", 21, 30), 30_979_139),
            ("2026-03-10", utc("2026-03-31", 22, 0), 31_000_000),
        ];
        for &(date, now_ms, expected) in cases {
            let inputs = BudgetInputs {
                window_kind: "month".into(),
                calendar_date: date.into(),
                so_far_bad: "0".into(),
                so_far_total: "1000".into(),
                ..BudgetInputs::default()
            };
            let sheet = read(&inputs, Now::at(now_ms, berlin));
            let figures = sheet.remaining.ready().expect("remaining computed");
            assert!(figures.elapsed_from_calendar);
            assert_eq!(figures.elapsed_micro_days, expected, "{date} {now_ms}");
        }
    }

    #[test]
    fn a_calendar_windows_time_elapsed_runs_with_the_clock_until_the_period_is_over() {
        let runs = |kind: &str, date: &str, elapsed: &str| {
            let inputs = budget(|i| {
                i.window_kind = kind.into();
                i.calendar_date = date.into();
                i.elapsed_days = elapsed.into();
                i.so_far_bad = "0".into();
                i.so_far_total = "1000".into();
            });
            read(&inputs, today()).elapsed_runs_with_clock()
        };
        // Today is 2026-12-04.
        assert!(runs("month", "2026-12-10", ""));
        assert!(runs("year", "", ""));
        assert!(!runs("month", "2026-11-10", ""), "November is over");
        assert!(!runs("month", "2026-12-10", "3"), "days typed");
        assert!(!runs("rolling", "", "3"));
        assert!(!read(&BudgetInputs::default(), today()).elapsed_runs_with_clock());
    }

    #[test]
    fn counts_without_expected_requests_burn_at_the_error_ratios_rate_exactly() {
        // 1,000 bad of 500,000 is 0.2%, a 2× burn of a 99.9% budget: it runs out 15 days into
        // 30, and 29.99 days of it use 199.93%. The traffic projected over the window, rounded
        // down to 500,166 requests, made the pace 2.0000029× and the run-out 14d 23h 59m 58s.
        let inputs = BudgetInputs {
            so_far_mode: "counts".into(),
            so_far_bad: "1000".into(),
            so_far_total: "500000".into(),
            elapsed_days: "29.99".into(),
            ..BudgetInputs::default()
        };
        let figures = *read(&inputs, today()).remaining.ready().unwrap();
        assert_eq!(
            figures.report.run_out,
            burn::RunOut::AfterMs(15 * MS_PER_DAY)
        );
        assert_eq!(figures.report.pace, Ratio::new(2, 1).unwrap());
        assert_eq!(figures.report.consumed.format_percent(2), "199.93");
        // The bad requests still allowed count the projection: 300 of 200,000 over 15 days
        // leaves 200 − 300, none; 100 leaves 100.
        let left = |bad: &str| {
            let inputs = BudgetInputs {
                so_far_bad: bad.into(),
                so_far_total: "100000".into(),
                elapsed_days: "15".into(),
                ..inputs.clone()
            };
            read(&inputs, today())
                .remaining
                .ready()
                .unwrap()
                .report
                .remaining_events
        };
        assert_eq!(left("300"), Some(0));
        assert_eq!(left("100"), Some(100));
    }

    #[test]
    fn policy_lines_take_as_many_decimals_as_other_percentages() {
        // They took two decimals while the target takes six, for no reason of their own.
        let read_lines = |freeze: &str, warn: &str| {
            let inputs = BudgetInputs {
                freeze_below_percent: freeze.into(),
                warn_below_percent: warn.into(),
                ..BudgetInputs::default()
            };
            read(&inputs, today())
        };
        let sheet = read_lines("20.123456", "66.666667%");
        assert!(sheet.errors.is_empty(), "{:?}", sheet.errors);
        let policy = sheet.policy.unwrap();
        // Exactly at a line counts as above it; a millionth of a percent less is below it.
        let share = |hundred_millionths: u128| Ratio::new(hundred_millionths, 100_000_000).unwrap();
        let cases = [
            (20_123_456, Verdict::Warning),
            (20_123_455, Verdict::Freeze),
            (66_666_667, Verdict::Allowed),
            (66_666_666, Verdict::Warning),
        ];
        for (remaining, verdict) in cases {
            let decided = burn::decide(policy, share(remaining)).verdict;
            assert_eq!(decided, verdict, "{remaining}");
        }
        assert_eq!(
            read_lines("20.1234567", "50").error(Field::FreezeBelow),
            Some("Use at most 6 decimal places")
        );
        assert_eq!(
            read_lines("20", "100.000001").error(Field::WarnBelow),
            Some("Cannot be above 100%")
        );
        // A number too large to hold is above 100% too (it read "Too large").
        assert_eq!(
            read_lines("99999999999999999999", "100").error(Field::FreezeBelow),
            Some("Cannot be above 100%")
        );
        // The lines are written back exactly, as typed.
        assert_eq!(
            read_lines("0.000003", "0.000001").error(Field::FreezeBelow),
            Some(
                "The freeze line (0.000003%) is above the warning line (0.000001%): lower it, \
                 or raise the warning line"
            )
        );
    }

    #[test]
    fn a_warning_line_below_the_freeze_line_is_said_next_to_both_fields() {
        let inputs = BudgetInputs {
            freeze_below_percent: "95".into(),
            warn_below_percent: "90.5".into(),
            so_far_mode: "availability".into(),
            so_far_availability: "99.95".into(),
            elapsed_days: "10".into(),
            ..BudgetInputs::default()
        };
        let sheet = read(&inputs, today());
        assert_eq!(
            sheet.error(Field::FreezeBelow),
            Some(
                "The freeze line (95%) is above the warning line (90.5%): lower it, or raise \
                 the warning line"
            )
        );
        assert_eq!(
            sheet.error(Field::WarnBelow),
            Some(
                "The warning line (90.5%) is below the freeze line (95%): raise it, or lower \
                 the freeze line"
            )
        );
        assert!(sheet.remaining.ready().is_none());
    }

    #[test]
    fn failures_over_no_elapsed_time_are_not_counted_as_nothing() {
        let undefined = |change: fn(&mut BudgetInputs)| match sheet(change).remaining {
            Section::Undefined(reason) => reason,
            other => panic!("{other:?}"),
        };
        // A calendar window that has not begun (today is 2026-12-04).
        let reason = undefined(|i| {
            i.window_kind = "month".into();
            i.calendar_date = "2027-01-15".into();
            i.so_far_bad = "1".into();
            i.so_far_total = "100000".into();
        });
        assert!(
            reason.starts_with("This window has not begun (it starts on 2027-01-01)"),
            "{reason}"
        );
        // One that begins this very moment (midnight on 2026-12-01 UTC). An hour later the
        // failures so far count.
        let midnight = |i: &mut BudgetInputs| {
            i.window_kind = "month".into();
            i.so_far_bad = "1".into();
            i.so_far_total = "100000".into();
        };
        let first = CivilDate::parse("2026-12-01").unwrap();
        let Section::Undefined(reason) = read(&budget(midnight), first).remaining else {
            panic!("failures over no time counted");
        };
        assert_eq!(
            reason,
            "This window began at midnight on 2026-12-01, this very moment, so nothing can have \
             failed in it yet: clear the failures so far."
        );
        let hour_later = Now::at(utc("2026-12-01", 1, 0), |_| 0);
        assert!(read(&budget(midnight), hour_later)
            .remaining
            .ready()
            .is_some());
        // Days elapsed typed as 0.
        let reason = undefined(|i| {
            i.elapsed_days = "0".into();
            i.so_far_bad = "3".into();
            i.so_far_total = "1000".into();
        });
        assert!(
            reason.starts_with("No time has elapsed in this window (0 days)"),
            "{reason}"
        );
        // Nothing failed yet at the very start: the whole budget remains.
        let s = sheet(|i| {
            i.elapsed_days = "0".into();
            i.so_far_bad = "0".into();
            i.so_far_total = "1000".into();
        });
        assert_eq!(s.remaining.ready().unwrap().report.remaining, Ratio::ONE);
    }

    #[test]
    fn incident_section() {
        let s = sheet(|i| i.incident_minutes = "30".into());
        let figures = s.incident.ready().expect("incident computed");
        assert_eq!(figures.impact.consumed.format_percent(2), "69.44");
        assert!(!figures.overspent);
        let s = sheet(|i| i.incident_minutes = "60".into());
        assert!(s.incident.ready().unwrap().overspent);
    }

    #[test]
    fn every_shown_field_with_bad_text_gets_a_message_whatever_else_is_empty() {
        // `NaN` in the availability so far while the days elapsed were empty said nothing: the
        // section stopped at the missing days before reading it.
        let bad = ["NaN", "inf", "-inf", "1e999", "abc", "-5", "1.2.3"];
        let everything_empty = {
            let mut inputs = BudgetInputs::default();
            for field in Field::ALL {
                field_text_mut(&mut inputs, field).clear();
            }
            inputs
        };
        let mut silent = Vec::new();
        for base in [BudgetInputs::default(), everything_empty] {
            for kind in ["rolling", "month"] {
                for sli in ["requests", "minutes", "timeslices"] {
                    for mode in ["counts", "availability"] {
                        for field in Field::ALL {
                            let mut inputs = base.clone();
                            inputs.window_kind = kind.into();
                            inputs.sli_kind = sli.into();
                            inputs.so_far_mode = mode.into();
                            if !field.shown(&inputs) {
                                continue;
                            }
                            for text in bad {
                                *field_text_mut(&mut inputs, field) = text.to_string();
                                if read(&inputs, today()).error(field).is_none() {
                                    silent.push((kind, sli, mode, field, text));
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(silent.is_empty(), "{silent:#?}");

        // White space alone is an empty field: no message where empty is fine.
        let spaces = sheet(|i| i.so_far_availability = " ".into());
        assert_eq!(spaces.error(Field::SoFarAvailability), None);
        // The message is the one the field gives when the rest is filled in.
        let alone = sheet(|i| {
            i.so_far_mode = "availability".into();
            i.so_far_availability = "NaN".into();
        });
        let filled = sheet(|i| {
            i.so_far_mode = "availability".into();
            i.so_far_availability = "NaN".into();
            i.elapsed_days = "10".into();
        });
        assert_eq!(
            alone.error(Field::SoFarAvailability),
            Some("Not a number: enter the availability so far in percent")
        );
        assert_eq!(
            alone.error(Field::SoFarAvailability),
            filled.error(Field::SoFarAvailability)
        );
        assert_eq!(
            alone.error(Field::ElapsedDays),
            Some("Enter the days elapsed in the current window")
        );
        // A field the page hides is not judged.
        let hidden = sheet(|i| {
            i.so_far_mode = "availability".into();
            i.so_far_bad = "NaN".into();
        });
        assert_eq!(hidden.error(Field::SoFarBad), None);
    }

    #[test]
    fn hostile_text_in_every_field_never_panics() {
        let hostile = [
            "",
            " ",
            "-",
            "-0",
            "+",
            ".",
            "1e308",
            "NaN",
            "inf",
            "-inf",
            "99999999999999999999999",
            "<script>alert(1)</script>",
            "0x10",
            "1,2,3",
            "١٢٣",
            "\u{0}",
            "💥",
            "1.0000000001",
            "18446744073709551616",
            "-18446744073709551616",
            "9999-99-99",
            "2026-02-29",
        ];
        let base = BudgetInputs {
            observed_bad: "1".into(),
            so_far_bad: "1".into(),
            incident_minutes: "1".into(),
            ..BudgetInputs::default()
        };
        for text in hostile {
            for field in Field::ALL {
                let mut inputs = base.clone();
                *field_text_mut(&mut inputs, field) = text.to_string();
                let sheet = read(&inputs, today());
                assert_eq!(field_text(&inputs, field), text);
                let _ = sheet.error(field);
            }
            for choice in Choice::ALL {
                let mut inputs = base.clone();
                *choice.get_mut(&mut inputs) = text.to_string();
                let _ = read(&inputs, today());
            }
        }
    }
}
