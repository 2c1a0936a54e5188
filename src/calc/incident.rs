//! The incident log read: typed times become instants, each incident gets an id, a duration, a
//! timeline in time order and its cost in error budget, with the Budget tab's maths
//! (`burn::incident_impact` and `burn::decide`).
//!
//! Conventions (stated in the page and the README):
//! - a time is typed as local wall-clock time with the offset from UTC it was typed in; the
//!   instant is wall-clock time − offset, in milliseconds since 1970 UTC, and durations are
//!   differences of instants, so they are right across midnight, month ends and offset changes;
//! - a time the zone skips (the clocks go forward over it) is read in the offset before the
//!   change; while it is typed the text stays as typed, and once the field is committed it is
//!   saved as the clock reads that instant, in the offset after (02:30 becomes 03:30), so the
//!   field, its offset and the id agree; a time it repeats is typed as its first occurrence; a
//!   note says so ([`typed_in_zone`], [`ZoneReading`], [`time_zone_note`]);
//! - an incident's id is `INC-` and its start as saved, `INC-YYYYMMDD-HHMMSS`; incidents that
//!   start in the same second get `-2`, `-3`, ... in the order they were declared;
//! - an ongoing incident's duration runs until now;
//! - budget consumed = duration × share of traffic affected ÷ the window's allowed downtime;
//! - budget left afterwards = 100% − the incidents logged in the same window that started
//!   before it (in the window length before its start, or in the same calendar period; an
//!   ongoing one up to now, as the Budget tab counts it) − this one, never below 0%;
//! - the deploy decision before and after applies the Budget tab's policy to those two figures.

use std::cmp::Ordering;
use std::fmt;

use super::budget_sheet::{self, BudgetSheet, Now, ResolvedWindow, WindowKind};
use super::budget_words::percent;
use super::burn::{self, IncidentImpact, Policy, Verdict};
use super::date::{CalendarPeriod, CivilDate};
use super::decimal::{self, DecimalError};
use super::duration::{format_duration, MS_PER_DAY, MS_PER_MINUTE};
use super::ratio::Ratio;
use super::slo::{self, SloTarget, WindowDays, MICRO_DAYS_PER_DAY, TARGET_PARTS, TARGET_PLACES};
use crate::inputs::{BudgetInputs, IncidentInputs, IncidentsInputs, RowId, TimeInputs};

/// The longest title, and the longest "detected by" or commander, in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
/// The longest responders list, timeline message or resolution, in characters. Scenario files
/// accept up to 2,000 characters in any text, so a saved incident always exports and imports.
pub const MAX_LONG_TEXT_CHARS: usize = 2_000;
/// The most timeline entries the page adds to one incident.
pub const MAX_ENTRIES: usize = 500;
/// The most incidents the page adds to the log.
pub const MAX_INCIDENTS: usize = 500;
/// The largest offset from UTC accepted, in minutes (real zones stay within ±14 hours).
pub use crate::inputs::MAX_OFFSET_MINUTES;
/// The first and last dates a time may have: an offset of up to [`MAX_OFFSET_MINUTES`] where it
/// is typed and another where it is shown move its date by up to 36 hours, and every instant
/// accepted shows on a real date (the years 1 to 9999) in every offset.
pub const FIRST_DATE: CivilDate = CivilDate {
    year: 1,
    month: 1,
    day: 3,
};
pub const LAST_DATE: CivilDate = CivilDate {
    year: 9999,
    month: 12,
    day: 29,
};

/// How bad an incident is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Sev1,
    Sev2,
    Sev3,
    Sev4,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Sev1,
        Severity::Sev2,
        Severity::Sev3,
        Severity::Sev4,
    ];

    /// The saved name, `SEV1`.
    pub fn slug(self) -> &'static str {
        match self {
            Severity::Sev1 => "SEV1",
            Severity::Sev2 => "SEV2",
            Severity::Sev3 => "SEV3",
            Severity::Sev4 => "SEV4",
        }
    }

    /// What the level means.
    pub fn meaning(self) -> &'static str {
        match self {
            Severity::Sev1 => "critical customer impact",
            Severity::Sev2 => "partial degradation",
            Severity::Sev3 => "minor",
            Severity::Sev4 => "cosmetic",
        }
    }

    /// Reads a saved name (any letter case).
    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.slug().eq_ignore_ascii_case(text.trim()))
    }
}

/// Where the response stands at a timeline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Investigating,
    Identified,
    Mitigating,
    Monitoring,
    Resolved,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Investigating,
        Status::Identified,
        Status::Mitigating,
        Status::Monitoring,
        Status::Resolved,
    ];

    /// The saved name, `investigating`.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Mitigating => "mitigating",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
        }
    }

    /// The name as shown, `Investigating`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Investigating => "Investigating",
            Status::Identified => "Identified",
            Status::Mitigating => "Mitigating",
            Status::Monitoring => "Monitoring",
            Status::Resolved => "Resolved",
        }
    }

    /// Reads a saved name (any letter case).
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|s| s.slug().eq_ignore_ascii_case(text.trim()))
    }
}

/// A local wall-clock time as typed, checked: a real day, hours 0-23, minutes and seconds 0-59.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WallClock {
    pub date: CivilDate,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// Why a typed time was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    Empty,
    NotATime,
    NoSuchDay,
    NoSuchTime,
    OffsetOutOfRange,
    /// A date within a day and a half of the ends of the calendar (the years 1 to 9999): its
    /// instant would fall outside it in some offset, and could not be shown there.
    OutOfRange,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeError::Empty => "Enter a date and time, such as 2026-12-04 03:15",
            TimeError::NotATime => {
                "Not a date and time: use YYYY-MM-DD HH:MM, for example 2026-12-04 03:15"
            }
            TimeError::NoSuchDay => "That day does not exist in the calendar",
            TimeError::NoSuchTime => "Hours go from 00 to 23, minutes and seconds from 00 to 59",
            TimeError::OffsetOutOfRange => {
                "The time zone offset saved with this time is out of range: type the time again"
            }
            TimeError::OutOfRange => {
                "Use a date from 0001-01-03 to 9999-12-29: times nearer the ends of the calendar \
                 (the years 1 to 9999) cannot be shown in every time zone"
            }
        })
    }
}

fn digits(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

impl WallClock {
    /// Parses `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`; a `T` may stand for the space (as a
    /// browser's date-time field writes it), and white space around is ignored.
    pub fn parse(text: &str) -> Result<WallClock, TimeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TimeError::Empty);
        }
        let (date_text, time_text) = match text.split_once(['T', 't', ' ']) {
            Some((date, time)) => (date, time.trim_start()),
            None => return Err(TimeError::NotATime),
        };
        let date = CivilDate::parse(date_text).map_err(|e| match e {
            super::date::DateError::NoSuchDay => TimeError::NoSuchDay,
            _ => TimeError::NotATime,
        })?;
        let parts: Vec<&str> = time_text.split(':').collect();
        let (hour, minute, second) = match parts.as_slice() {
            [h, m] if h.len() <= 2 && m.len() == 2 => (digits(h), digits(m), Some(0)),
            [h, m, s] if h.len() <= 2 && m.len() == 2 && s.len() == 2 => {
                (digits(h), digits(m), digits(s))
            }
            _ => return Err(TimeError::NotATime),
        };
        let (Some(hour), Some(minute), Some(second)) = (hour, minute, second) else {
            return Err(TimeError::NotATime);
        };
        if hour > 23 || minute > 59 || second > 59 {
            return Err(TimeError::NoSuchTime);
        }
        Ok(WallClock {
            date,
            hour,
            minute,
            second,
        })
    }

    /// Milliseconds since 1970-01-01 00:00 of the same wall clock (no offset applied).
    fn wall_ms(self) -> i64 {
        self.date.days_since_epoch() * MS_PER_DAY as i64
            + i64::from(self.hour * 3_600 + self.minute * 60 + self.second) * 1_000
    }

    /// The wall clock `utc_offset_minutes` east of UTC at the instant `utc_ms`.
    pub fn at(utc_ms: i64, utc_offset_minutes: i32) -> WallClock {
        let local_ms = utc_ms.saturating_add(i64::from(utc_offset_minutes) * MS_PER_MINUTE as i64);
        let days = local_ms.div_euclid(MS_PER_DAY as i64);
        let seconds = (local_ms.rem_euclid(MS_PER_DAY as i64) / 1_000) as u32;
        WallClock {
            date: CivilDate::from_days_since_epoch(days),
            hour: seconds / 3_600,
            minute: seconds % 3_600 / 60,
            second: seconds % 60,
        }
    }

    /// `2026-12-04 03:15`.
    pub fn minutes_text(self) -> String {
        format!("{} {:02}:{:02}", self.date, self.hour, self.minute)
    }

    /// `2026-12-04 03:15:27`.
    pub fn seconds_text(self) -> String {
        format!("{}:{:02}", self.minutes_text(), self.second)
    }

    /// `2026-12-04 03:15`, with the seconds when there are any (`2026-12-04 03:15:27`).
    pub fn text(self) -> String {
        if self.second == 0 {
            self.minutes_text()
        } else {
            self.seconds_text()
        }
    }

    /// `03:15`.
    pub fn hh_mm(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// `03:15`, with the seconds when there are any (`03:15:27`).
    pub fn clock_text(self) -> String {
        if self.second == 0 {
            self.hh_mm()
        } else {
            format!("{}:{:02}", self.hh_mm(), self.second)
        }
    }
}

/// An instant, and the offset from UTC it was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Milliseconds since 1970-01-01 00:00 UTC.
    pub utc_ms: i64,
    /// Minutes east of UTC (+60 for UTC+01:00).
    pub utc_offset_minutes: i32,
}

impl Moment {
    /// Reads a time as typed: wall-clock text in the offset saved with it.
    pub fn parse(time: &TimeInputs) -> Result<Moment, TimeError> {
        let wall = WallClock::parse(&time.local)?;
        if time.utc_offset_minutes.unsigned_abs() > MAX_OFFSET_MINUTES.unsigned_abs() {
            return Err(TimeError::OffsetOutOfRange);
        }
        if !(FIRST_DATE..=LAST_DATE).contains(&wall.date) {
            return Err(TimeError::OutOfRange);
        }
        Ok(Moment {
            utc_ms: wall.wall_ms() - i64::from(time.utc_offset_minutes) * MS_PER_MINUTE as i64,
            utc_offset_minutes: time.utc_offset_minutes,
        })
    }

    /// The wall clock in the offset it was typed in.
    pub fn wall_clock(self) -> WallClock {
        WallClock::at(self.utc_ms, self.utc_offset_minutes)
    }
}

/// An offset as people read it: `UTC+01:00`, `UTC-05:30`, `UTC+00:00`.
pub fn offset_text(utc_offset_minutes: i32) -> String {
    let sign = if utc_offset_minutes < 0 { '-' } else { '+' };
    let minutes = utc_offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A timeline entry's time as its row shows it: the wall clock in `own_offset` (the zone's
/// offset at that instant), with the seconds when it has any, so a time flagged as more than a
/// day outside its incident never reads the same as one that is not; and `own_offset` itself
/// when it is not `column_offset`, the one the column is headed with (`2026-03-29 03:00
/// (UTC+02:00)` across a change of summer time).
pub fn entry_time_text(at: Moment, own_offset: i32, column_offset: i32) -> String {
    let wall = WallClock::at(at.utc_ms, own_offset).text();
    if own_offset == column_offset {
        wall
    } else {
        format!("{wall} ({})", offset_text(own_offset))
    }
}

/// How a time zone reads a typed wall-clock time. The zone is given as its offset at any
/// instant (the page passes the browser's, tests a fixed rule), so the decision is plain Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneReading {
    /// The time happens once in the zone; or it was saved in an offset the zone does not have
    /// then (it was typed in another zone), and that offset says which instant it is.
    Once,
    /// The clocks skip the time (they go forward over it), and it was saved in the offset in
    /// force before: that instant is `read_as` on the clock, in the offset after. The page saves
    /// a field being typed in as typed, and as the clock reads it once committed
    /// ([`typed_in_zone`]); older saves, or a page closed while typing, may hold such a time.
    Skipped {
        read_as: WallClock,
        utc_offset_minutes: i32,
    },
    /// The clocks go back over the time, so it happens in two offsets: `taken`, the one saved
    /// with it, and `other`. The larger offset is the earlier of the two instants.
    Twice { taken: i32, other: i32 },
}

/// The offsets in which the zone's clock shows `wall`, largest (earliest instant) first: none
/// when the clocks skip it, two when they go back over it. They are looked for among the offsets
/// a day before and after, which finds them in every zone whose clocks change at most once in
/// two days.
fn offsets_showing(wall: WallClock, offset_at: &impl Fn(i64) -> i32) -> Vec<i32> {
    let (wall_ms, day) = (wall.wall_ms(), MS_PER_DAY as i64);
    let mut offsets: Vec<i32> = [wall_ms - day, wall_ms, wall_ms + day]
        .map(offset_at)
        .into_iter()
        .filter(|&offset| offset_at(wall_ms - i64::from(offset) * MS_PER_MINUTE as i64) == offset)
        .collect();
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    offsets.dedup();
    offsets
}

impl ZoneReading {
    /// Reads `time` (its text, in the offset saved with it) in the zone whose offset at the
    /// instant `utc_ms` is `offset_at(utc_ms)`; `None` for text that is not a time.
    pub fn of(time: &TimeInputs, offset_at: impl Fn(i64) -> i32) -> Option<ZoneReading> {
        let typed = WallClock::parse(&time.local).ok()?;
        let moment = Moment::parse(time).ok()?;
        let saved = time.utc_offset_minutes;
        let day = MS_PER_DAY as i64;
        let before = offset_at(moment.utc_ms - day);
        if offset_at(moment.utc_ms + day) == before {
            // The clocks do not change within a day of it (most times: the quick way).
            return Some(ZoneReading::Once);
        }
        let offsets = offsets_showing(typed, &offset_at);
        if offsets.contains(&saved) {
            return Some(match offsets.into_iter().find(|&other| other != saved) {
                Some(other) => ZoneReading::Twice {
                    taken: saved,
                    other,
                },
                None => ZoneReading::Once,
            });
        }
        let in_force = offset_at(moment.utc_ms);
        if offsets.is_empty() && saved == before && in_force != saved {
            return Some(ZoneReading::Skipped {
                read_as: WallClock::at(moment.utc_ms, in_force),
                utc_offset_minutes: in_force,
            });
        }
        Some(ZoneReading::Once)
    }
}

/// `time` as the zone's clock reads it, when that differs from the text saved: a time the clocks
/// skip, saved in the offset before ([`ZoneReading::Skipped`]), becomes the time the clock shows
/// at that instant, in the offset it has then (`2026-03-29 02:30` in UTC+01:00 on the night
/// Berlin goes to summer time is `2026-03-29 03:30` in UTC+02:00). The instant is the same.
/// `None` for every other time, which reads as saved.
pub fn clock_reading(time: &TimeInputs, offset_at: impl Fn(i64) -> i32) -> Option<TimeInputs> {
    match ZoneReading::of(time, offset_at)? {
        ZoneReading::Skipped {
            read_as,
            utc_offset_minutes,
        } => Some(TimeInputs {
            local: read_as.text(),
            utc_offset_minutes,
        }),
        ZoneReading::Once | ZoneReading::Twice { .. } => None,
    }
}

/// A time the clocks skip, as typed, and as the clock reads that instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedTime {
    /// The time typed, which does not exist in the zone.
    pub typed: WallClock,
    /// The time the clock shows at that instant, in the offset after the change (the same
    /// instant as the time typed, read in the offset before): what the field is saved as once
    /// it is committed.
    pub read_as: TimeInputs,
}

/// Reads `text` typed in the zone: a time gets the offset the zone has at that wall-clock time
/// (a summer time typed in winter gets the summer offset); one the clocks go back over is its
/// first occurrence, the larger offset; one they skip is read in the offset before the change,
/// as browsers read it ([`skipped_reading`] gives what it is saved as once its field is
/// committed: 02:30 on the night Berlin goes to summer time is 03:30 in UTC+02:00). Text that
/// is not a time yet keeps `previous_offset`. The text itself is never changed, so a field
/// being typed in is never rewritten under the person typing (`2:30` may be on its way to
/// `21:30`).
pub fn typed_in_zone(
    text: String,
    previous_offset: i32,
    offset_at: impl Fn(i64) -> i32,
) -> TimeInputs {
    let utc_offset_minutes = match WallClock::parse(&text) {
        Err(_) => previous_offset,
        Ok(wall) => match offsets_showing(wall, &offset_at).first() {
            Some(&first) => first,
            None => offset_at(wall.wall_ms() - MS_PER_DAY as i64),
        },
    };
    TimeInputs {
        local: text,
        utc_offset_minutes,
    }
}

/// What a field holding `time` is saved as when it is committed, if that is not `time` itself:
/// for a time the clocks skip, saved in the offset before as typing saves it, the time typed and
/// the clock's reading ([`clock_reading`]). `None` for every other time (one saved in another
/// zone's offset included), which stays as saved.
pub fn skipped_reading(time: &TimeInputs, offset_at: impl Fn(i64) -> i32) -> Option<SkippedTime> {
    Some(SkippedTime {
        typed: WallClock::parse(&time.local).ok()?,
        read_as: clock_reading(time, offset_at)?,
    })
}

/// What a time the clocks skip is read as, in words, starting with a space: `typed` (with its
/// seconds, when it has any) does not exist in the zone, and is `read` on the clock; `was_typed` when the field has just been
/// committed and saved so (it now shows `read`).
fn skipped_words(typed: WallClock, read: WallClock, offset: i32, was_typed: bool) -> String {
    format!(
        " {} does not exist here that night (the clocks go forward over it): it {} read as {} \
         ({}).",
        typed.text(),
        if was_typed { "was" } else { "is" },
        read.text(),
        offset_text(offset)
    )
}

/// The note under a time field just after it was committed holding a time the clocks skip, and
/// saved as the time the clock shows then ([`skipped_reading`]), starting with a space.
pub fn skipped_note(skipped: &SkippedTime) -> Option<String> {
    let read = WallClock::parse(&skipped.read_as.local).ok()?;
    Some(skipped_words(
        skipped.typed,
        read,
        skipped.read_as.utc_offset_minutes,
        true,
    ))
}

/// The note under the time field of row `row` (an incident, for its start or resolution; an
/// entry, for its time) holding `time`, starting with a space: while the field holds what it
/// was saved as, the note of the time the clocks skip that it was just committed with (`just`,
/// with the id of the row whose field it was); else the zone's note ([`time_zone_note`]). Kept
/// by the row's id, not by the field's place, the note stays with its entry when the entry moves
/// to its place in time and its row is drawn anew.
pub fn time_field_note(
    just: Option<(RowId, &SkippedTime)>,
    row: RowId,
    time: &TimeInputs,
    offset_at: impl Fn(i64) -> i32,
) -> Option<String> {
    just.filter(|(just_row, skipped)| *just_row == row && skipped.read_as == *time)
        .and_then(|(_, skipped)| skipped_note(skipped))
        .or_else(|| time_zone_note(time, offset_at))
}

/// The note under a time field when the zone skips or repeats the saved time, starting with a
/// space; `None` for a time that happens once, or text that is not a time. Typing always gives
/// the first occurrence of a repeated time (the browser reads it so), and only the buttons that
/// record now (Declare, Add entry, Resolve now) can save the second; the note says which it is.
pub fn time_zone_note(time: &TimeInputs, offset_at: impl Fn(i64) -> i32) -> Option<String> {
    let typed = WallClock::parse(&time.local).ok()?;
    match ZoneReading::of(time, offset_at)? {
        ZoneReading::Once => None,
        ZoneReading::Skipped {
            read_as,
            utc_offset_minutes,
        } => Some(skipped_words(typed, read_as, utc_offset_minutes, false)),
        ZoneReading::Twice { taken, other } => {
            let twice = format!(
                " {} happens twice here (the clocks go back then):",
                typed.text()
            );
            Some(if taken > other {
                format!(
                    "{twice} it is read as the first, in {}. The second, in {}, cannot be typed in \
                     this zone; only a time recorded by Declare, Add entry or Resolve now while \
                     it happens keeps it.",
                    offset_text(taken),
                    offset_text(other)
                )
            } else {
                format!(
                    "{twice} this is the second, in {}, as it was recorded; typing the time \
                     again makes it the first, in {}.",
                    offset_text(taken),
                    offset_text(other)
                )
            })
        }
    }
}

/// `INC-20261204-031500`: the start's date and time as saved (as typed, or, once its field is
/// committed, as the clock reads a time the clocks skip: see [`typed_in_zone`]).
pub fn base_id(start: Moment) -> String {
    let wall = start.wall_clock();
    format!(
        "INC-{:04}{:02}{:02}-{:02}{:02}{:02}",
        wall.date.year, wall.date.month, wall.date.day, wall.hour, wall.minute, wall.second
    )
}

/// The id of every incident, in the order given; `None` while its start is not a valid time.
/// Incidents with the same start get `-2`, `-3`, ... in that order.
pub fn ids(starts: &[Option<Moment>]) -> Vec<Option<String>> {
    let mut seen: Vec<String> = Vec::new();
    starts
        .iter()
        .map(|start| {
            let base = base_id((*start)?);
            let n = seen.iter().filter(|id| **id == base).count();
            seen.push(base.clone());
            Some(if n == 0 {
                base
            } else {
                format!("{base}-{}", n + 1)
            })
        })
        .collect()
}

/// Indices of `times` in time order: earliest first, equal times in the order given, and times
/// that are not valid last (in the order given).
pub fn time_order(times: &[Option<Moment>]) -> Vec<usize> {
    time_order_with_latest(times, None)
}

/// [`time_order`], where entry `latest`, if its time is not valid, goes after every other entry
/// whose time is not valid: its time was valid until it was edited (an entry is added at now,
/// among the valid times), so it is the latest of them entered, and times that are not valid
/// stay in the order they were entered in.
pub fn time_order_with_latest(times: &[Option<Moment>], latest: Option<usize>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by_key(|&i| match times[i] {
        Some(moment) => (0, moment.utc_ms, false),
        None => (1, 0, latest == Some(i)),
    });
    order
}

/// The time a new timeline entry of `incident` is given, as typed in the zone whose offset at an
/// instant `offset_at` gives: a resolved incident's resolution as typed (an entry added then is
/// most often filled in afterwards); else now to the minute, or with its seconds where the minute
/// began before the start (declared with seconds, this minute), or the start itself where now is
/// before it (a start typed on a clock ahead of this one). A new entry is never before the start.
pub fn new_entry_time(
    incident: &IncidentInputs,
    now_ms: i64,
    offset_at: impl Fn(i64) -> i32,
) -> TimeInputs {
    if !incident.resolved_at.local.trim().is_empty() {
        return incident.resolved_at.clone();
    }
    let offset = offset_at(now_ms);
    let wall = WallClock::at(now_ms, offset);
    let in_zone = |local: String| TimeInputs {
        local,
        utc_offset_minutes: offset,
    };
    let Ok(start) = Moment::parse(&incident.start) else {
        return in_zone(wall.minutes_text());
    };
    [wall.minutes_text(), wall.seconds_text()]
        .into_iter()
        .map(in_zone)
        .find(|time| Moment::parse(time).is_ok_and(|m| m.utc_ms >= start.utc_ms))
        .unwrap_or_else(|| incident.start.clone())
}

/// The status in effect just before timeline entry `index`, by time: that of the latest other
/// entry at its time or before it (equal times in the order given), or investigating when no
/// entry comes before it. `None` while the entry's own time is not valid.
pub fn status_before(
    times: &[Option<Moment>],
    statuses: &[Option<Status>],
    index: usize,
) -> Option<Status> {
    times.get(index)?.as_ref()?;
    let order = time_order(times);
    let at = order.iter().position(|&i| i == index)?;
    let earlier = order[..at]
        .iter()
        .rev()
        .find_map(|&i| statuses.get(i).copied().flatten());
    Some(earlier.unwrap_or(Status::Investigating))
}

/// The fields of an incident, each with the id of its input in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IncidentField {
    Title,
    Severity,
    DetectedBy,
    Commander,
    Responders,
    Start,
    Affected,
    Resolution,
    ResolvedAt,
    EntryTime(usize),
    EntryStatus(usize),
    EntryMessage(usize),
}

impl IncidentField {
    /// The id of the field's input; its message has the id `<id>-error`.
    pub fn id(self) -> String {
        let fixed = match self {
            IncidentField::Title => "incidents-title",
            IncidentField::Severity => "incidents-severity",
            IncidentField::DetectedBy => "incidents-detected-by",
            IncidentField::Commander => "incidents-commander",
            IncidentField::Responders => "incidents-responders",
            IncidentField::Start => "incidents-start",
            IncidentField::Affected => "incidents-affected",
            IncidentField::Resolution => "incidents-resolution",
            IncidentField::ResolvedAt => "incidents-resolved-at",
            IncidentField::EntryTime(i) => return format!("incidents-entry-{i}-time"),
            IncidentField::EntryStatus(i) => return format!("incidents-entry-{i}-status"),
            IncidentField::EntryMessage(i) => return format!("incidents-entry-{i}-message"),
        };
        fixed.to_string()
    }
}

/// Checks free text: at most `max_chars`, no control characters (line breaks and tabs only
/// where `multiline`).
fn check_text(text: &str, max_chars: usize, multiline: bool) -> Result<(), String> {
    let count = text.chars().count();
    if count > max_chars {
        return Err(format!(
            "At most {} characters (this has {})",
            decimal::format_count(max_chars as u64),
            decimal::format_count(count as u64)
        ));
    }
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(if multiline {
            "Remove the control characters (only line breaks and tabs are kept)".to_string()
        } else {
            "Remove the control characters and line breaks".to_string()
        });
    }
    Ok(())
}

/// The responders' names typed (`alice, bob`), each trimmed, in the order typed; an empty
/// name (`bob,, ,carol`) is none.
pub fn responder_names(text: &str) -> Vec<&str> {
    text.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

/// A share of traffic in percent, from 0 to 100 with up to 6 decimals.
pub fn parse_affected(text: &str) -> Result<Ratio, String> {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text);
    let parts = decimal::parse_scaled(text, TARGET_PLACES).map_err(|e| match e {
        DecimalError::Empty => "Enter the share of traffic affected in percent, such as 25".into(),
        DecimalError::NotANumber => "Not a number: enter a percentage such as 25".into(),
        DecimalError::Comma(message) => message,
        DecimalError::Exponent => decimal::EXPONENT_MESSAGE.into(),
        DecimalError::TooManyDecimals { max_places } => {
            format!("Use at most {max_places} decimal places")
        }
        DecimalError::Negative => "Cannot be negative".into(),
        DecimalError::TooLarge => "Cannot be above 100%".into(),
    })?;
    if parts > TARGET_PARTS {
        return Err("Cannot be above 100%".into());
    }
    Ok(Ratio::new(u128::from(parts), u128::from(TARGET_PARTS)).unwrap_or(Ratio::ZERO))
}

/// One incident read.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentSheet {
    pub errors: Vec<(IncidentField, String)>,
    /// Fields read as typed but most likely a slip: a timeline entry far outside the incident
    /// ([`FarOff::warning`]).
    pub warnings: Vec<(IncidentField, String)>,
    pub severity: Option<Severity>,
    pub start: Option<Moment>,
    /// The resolution time, when given and valid.
    pub resolved_at: Option<Moment>,
    /// No resolution time given yet.
    pub ongoing: bool,
    /// Start to resolution; for an ongoing incident, start to now. `None` while a time it needs
    /// is wrong.
    pub duration_ms: Option<u64>,
    /// Share of traffic affected (1 for a full outage).
    pub affected: Option<Ratio>,
    /// Each timeline entry's time, in the order stored.
    pub entry_times: Vec<Option<Moment>>,
    /// Each timeline entry's status, in the order stored.
    pub entry_statuses: Vec<Option<Status>>,
    /// Each timeline entry that is far outside the incident ([`FarOff`]), in the order stored.
    pub entry_far_off: Vec<Option<FarOff>>,
}

impl IncidentSheet {
    /// The message for `field`, if it is wrong.
    pub fn error(&self, field: IncidentField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message.as_str())
    }

    /// The warning for `field`, if it is read as typed but most likely not what was meant.
    pub fn warning(&self, field: IncidentField) -> Option<&str> {
        self.warnings
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message.as_str())
    }

    /// Whether timeline entry `index` (as stored) is far outside the incident.
    pub fn far_off(&self, index: usize) -> Option<FarOff> {
        self.entry_far_off.get(index).copied().flatten()
    }

    /// The timeline's stored indices in time order.
    pub fn timeline_order(&self) -> Vec<usize> {
        time_order(&self.entry_times)
    }
}

/// Reads one incident. `now_ms` (milliseconds since 1970 UTC) ends an ongoing incident.
pub fn read(inputs: &IncidentInputs, now_ms: i64) -> IncidentSheet {
    let mut errors = Vec::new();
    let mut check = |field: IncidentField, result: Result<(), String>| {
        if let Err(message) = result {
            errors.push((field, message));
        }
    };

    check(
        IncidentField::Title,
        if inputs.title.trim().is_empty() {
            Err("Give the incident a title, such as “Checkout errors after deploy”".into())
        } else {
            check_text(&inputs.title, MAX_SHORT_TEXT_CHARS, false)
        },
    );
    let severity = Severity::parse(&inputs.severity);
    check(
        IncidentField::Severity,
        severity
            .map(drop)
            .ok_or_else(|| "Choose SEV1, SEV2, SEV3 or SEV4".to_string()),
    );
    let short_fields = [
        (IncidentField::DetectedBy, &inputs.detected_by),
        (IncidentField::Commander, &inputs.commander),
    ];
    for (field, text) in short_fields {
        check(field, check_text(text, MAX_SHORT_TEXT_CHARS, false));
    }
    let long_fields = [
        (IncidentField::Responders, &inputs.responders),
        (IncidentField::Resolution, &inputs.resolution),
    ];
    for (field, text) in long_fields {
        check(field, check_text(text, MAX_LONG_TEXT_CHARS, true));
    }

    let ongoing = inputs.resolved_at.local.trim().is_empty();
    let start = match Moment::parse(&inputs.start) {
        Ok(moment) if moment.utc_ms > now_ms => {
            Err("The start is later than now: an incident is logged once it has begun".to_string())
        }
        other => other.map_err(|e| e.to_string()),
    };
    let resolved_at = match (&start, ongoing) {
        (_, true) => Ok(None),
        (Ok(start), false) => match Moment::parse(&inputs.resolved_at) {
            Ok(end) if end.utc_ms < start.utc_ms => {
                Err("The resolution cannot be before the start".to_string())
            }
            Ok(end) if end.utc_ms > now_ms => Err(
                "The resolution is later than now: leave it empty while the incident is ongoing"
                    .to_string(),
            ),
            other => other.map(Some).map_err(|e| e.to_string()),
        },
        (Err(_), false) => Moment::parse(&inputs.resolved_at)
            .map(Some)
            .map_err(|e| e.to_string()),
    };
    let duration_ms = match (&start, &resolved_at) {
        (Ok(start), Ok(Some(end))) => Some(end.utc_ms - start.utc_ms),
        (Ok(start), Ok(None)) => Some(now_ms.saturating_sub(start.utc_ms)),
        _ => None,
    }
    .map(|ms| ms.max(0) as u64);
    check(IncidentField::Start, start.clone().map(drop));
    check(IncidentField::ResolvedAt, resolved_at.clone().map(drop));
    let start = start.ok();
    let resolved_at = resolved_at.ok().flatten();

    let affected = if inputs.full_outage {
        Ok(Ratio::ONE)
    } else {
        parse_affected(&inputs.affected_percent)
    };
    check(IncidentField::Affected, affected.clone().map(drop));

    let mut warnings = Vec::new();
    let mut entry_times = Vec::with_capacity(inputs.timeline.len());
    let mut entry_statuses = Vec::with_capacity(inputs.timeline.len());
    let mut entry_far_off = Vec::with_capacity(inputs.timeline.len());
    for (i, entry) in inputs.timeline.iter().enumerate() {
        let time = Moment::parse(&entry.time);
        check(
            IncidentField::EntryTime(i),
            time.clone().map(drop).map_err(|e| e.to_string()),
        );
        let far_off = match (&time, start) {
            (Ok(at), Some(start)) => FarOff::find(*at, start, resolved_at, now_ms),
            _ => None,
        };
        if let Some(far_off) = far_off {
            warnings.push((IncidentField::EntryTime(i), far_off.warning()));
        }
        entry_far_off.push(far_off);
        entry_times.push(time.ok());
        let status = Status::parse(&entry.status);
        check(
            IncidentField::EntryStatus(i),
            status.map(drop).ok_or_else(|| {
                "Choose investigating, identified, mitigating, monitoring or resolved".to_string()
            }),
        );
        entry_statuses.push(status);
        check(
            IncidentField::EntryMessage(i),
            check_text(&entry.message, MAX_LONG_TEXT_CHARS, true),
        );
    }

    IncidentSheet {
        errors,
        warnings,
        severity,
        start,
        resolved_at,
        ongoing,
        duration_ms,
        affected: affected.ok(),
        entry_times,
        entry_statuses,
        entry_far_off,
    }
}

/// How far outside its incident a timeline entry may lie before it is taken for a slip: a day
/// before the start (the deploy that caused it) or after the resolution (a follow-up).
pub const ENTRY_MARGIN_MS: i64 = MS_PER_DAY as i64;

/// A timeline entry more than [`ENTRY_MARGIN_MS`] before its incident's start or after its
/// end: its resolution, or now while it is ongoing. The entry is kept as typed (an incident
/// logged late may be given a wrong date); the page warns of it and the postmortem draft notes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FarOff {
    BeforeStart { by_ms: u64, start: Moment },
    AfterResolution { by_ms: u64, resolved_at: Moment },
    LaterThanNow { by_ms: u64 },
}

impl FarOff {
    /// Whether an entry at `at` is far outside the incident from `start` to `resolved_at` (`None`
    /// while it is ongoing: up to `now_ms`).
    pub fn find(
        at: Moment,
        start: Moment,
        resolved_at: Option<Moment>,
        now_ms: i64,
    ) -> Option<FarOff> {
        let (at_ms, start_ms) = (i128::from(at.utc_ms), i128::from(start.utc_ms));
        let end_ms = i128::from(resolved_at.map_or(now_ms, |end| end.utc_ms));
        let margin = i128::from(ENTRY_MARGIN_MS);
        let by = |ms: i128| u64::try_from(ms).unwrap_or(u64::MAX);
        if at_ms < start_ms - margin {
            Some(FarOff::BeforeStart {
                by_ms: by(start_ms - at_ms),
                start,
            })
        } else if at_ms > end_ms + margin {
            let by_ms = by(at_ms - end_ms);
            Some(match resolved_at {
                Some(resolved_at) => FarOff::AfterResolution { by_ms, resolved_at },
                None => FarOff::LaterThanNow { by_ms },
            })
        } else {
            None
        }
    }

    /// How far off, in words: `1d 0h 1m 0s before the incident's start`.
    fn how_far(self) -> String {
        match self {
            FarOff::BeforeStart { by_ms, .. } => {
                format!("{} before the incident's start", format_duration(by_ms))
            }
            FarOff::AfterResolution { by_ms, .. } => {
                format!("{} after the incident was resolved", format_duration(by_ms))
            }
            FarOff::LaterThanNow { by_ms } => format!(
                "{} later than now, while the incident is ongoing",
                format_duration(by_ms)
            ),
        }
    }

    /// The short note, for the entry's row and the postmortem draft: `1d 0h 1m 0s before the
    /// incident's start: check the date`.
    pub fn note(self) -> String {
        format!("{}: check the date", self.how_far())
    }

    /// The field's warning in full: how far off, from which time (with its seconds, as saved),
    /// and that the entry is kept.
    pub fn warning(self) -> String {
        let from = match self {
            FarOff::BeforeStart { start: at, .. }
            | FarOff::AfterResolution {
                resolved_at: at, ..
            } => {
                format!(" ({})", at.wall_clock().text())
            }
            FarOff::LaterThanNow { .. } => String::new(),
        };
        format!(
            "{}{from}: check the date. It is kept as typed; an entry up to a day outside the \
             incident is not flagged.",
            self.how_far()
        )
    }
}

/// Every incident read, with its id, in the order stored.
pub fn read_all(
    incidents: &[IncidentInputs],
    now_ms: i64,
) -> (Vec<IncidentSheet>, Vec<Option<String>>) {
    let sheets: Vec<IncidentSheet> = incidents.iter().map(|i| read(i, now_ms)).collect();
    let starts: Vec<Option<Moment>> = sheets.iter().map(|s| s.start).collect();
    (sheets, ids(&starts))
}

/// Indices of the incidents as listed: latest start first, then those without a valid start in
/// the order declared.
pub fn list_order(sheets: &[IncidentSheet]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sheets.len()).collect();
    order.sort_by(|&a, &b| match (sheets[a].start, sheets[b].start) {
        (Some(x), Some(y)) => y.utc_ms.cmp(&x.utc_ms).then(b.cmp(&a)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    order
}

/// What the Incident tab takes from the Budget tab: the SLO, its window and the deploy policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetContext {
    pub target: SloTarget,
    pub window: ResolvedWindow,
    pub policy: Policy,
}

impl BudgetContext {
    /// The Budget tab's SLO, window and policy, or what is missing there, in words.
    pub fn from_sheet(sheet: &BudgetSheet) -> Result<BudgetContext, String> {
        match (sheet.target, sheet.window, sheet.policy) {
            (Some(target), Some(window), Some(policy)) => Ok(BudgetContext {
                target,
                window,
                policy,
            }),
            (None, _, _) => Err("The Budget tab's SLO target is not valid".to_string()),
            (_, None, _) => Err("The Budget tab's window is not valid".to_string()),
            (_, _, None) => Err("The Budget tab's deploy policy is not valid".to_string()),
        }
    }

    /// The SLO window an incident that started at `start` falls in: the rolling window's
    /// length, or the calendar period (month, quarter, year) holding its start date as typed,
    /// with that period's real length.
    pub fn window_at(&self, start: Moment) -> (WindowDays, Option<CivilDate>) {
        match self.window.kind {
            WindowKind::Rolling => (self.window.window, None),
            WindowKind::Calendar(period) => calendar_window(period, start, self.window.window),
        }
    }
}

fn calendar_window(
    period: CalendarPeriod,
    start: Moment,
    fallback: WindowDays,
) -> (WindowDays, Option<CivilDate>) {
    let (first, days) = period.containing(start.wall_clock().date);
    (
        WindowDays::from_days(u64::from(days)).unwrap_or(fallback),
        Some(first),
    )
}

/// How an incident's cost is counted, in words, for the page and the summary.
pub const IMPACT_CONVENTION: &str = "Budget consumed = duration × share of traffic affected ÷ \
     allowed downtime of the window (the Budget tab's rolling window, or the calendar period of \
     the start). Budget left = 100% − the logged incidents of that window that started earlier \
     (an ongoing one up to now) − this one; failures not logged here are not counted (the \
     Budget tab's remaining budget can add these incidents to measured figures, each by the \
     part of it inside its current window). A threshold met exactly counts as above it.";

/// Why the Incidents tab's deploy decision can differ from the Budget tab's, said under it.
pub const DECISION_SCOPE_NOTE: &str = "The budget left here counts only the logged incidents, \
     from a full budget; the Budget tab's decision, with \"Add the logged incidents of this \
     window\" ticked, is the one that adds them to the budget measured so far.";

/// The deploy decision in words, as the page and the postmortem say it.
pub fn verdict_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Allowed => "deploys allowed",
        Verdict::Warning => "deploys allowed, with care",
        Verdict::Freeze => "deploy freeze",
    }
}

/// How an incident reaches past the window its cost is counted in, whose budget it is set
/// against whole ([`Impact::past_window_note`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PastWindow {
    /// A rolling window: the incident lasted longer than it. No one window holds more than the
    /// window's length of it, `most_in_one_window` of a window's budget.
    Longer { most_in_one_window: Ratio },
    /// A calendar window: the incident ends after midnight on `end`, the day after the last of
    /// the period from `first` (the period of its start, by the wall clock of its end in the
    /// offset saved with it; an ongoing one's end so far in its start's offset). `longer`: it
    /// lasted longer than that period, so it reaches past the next one too or fills it.
    PastPeriodEnd {
        first: CivilDate,
        end: CivilDate,
        longer: bool,
    },
}

/// What one incident cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    pub duration_ms: u64,
    pub ongoing: bool,
    pub affected: Ratio,
    /// The window the budget is counted over, and its first day for a calendar window.
    pub window: WindowDays,
    pub calendar_start: Option<CivilDate>,
    pub allowed_downtime_ms: u64,
    /// Share of the window's budget consumed, and the incident as full-outage time.
    pub impact: IncidentImpact,
    /// Indices of the earlier logged incidents of the same window.
    pub earlier: Vec<usize>,
    /// Budget left before this incident: 100% − the earlier incidents (an ongoing one up to
    /// now), never below 0.
    pub before: Ratio,
    /// Budget left afterwards, never below 0.
    pub after: Ratio,
    /// The incidents so far consumed more than the whole budget.
    pub overspent: bool,
    pub verdict_before: Verdict,
    pub verdict_after: Verdict,
    /// Whether it reaches past the window it is counted in.
    pub past_window: Option<PastWindow>,
}

impl Impact {
    /// What the consumed figure means for an incident that reaches past the window it is
    /// counted in ([`PastWindow`]), in words for the note beside it; `None` for one inside it.
    pub fn past_window_note(&self) -> Option<String> {
        let days = decimal::days_phrase(&self.window.days_text());
        match self.past_window? {
            PastWindow::Longer { most_in_one_window } => Some(format!(
                "Longer than the window ({days}): this figure counts all of it against one \
                 window's budget, so it can pass 100% while every window meets the SLO. No one \
                 {}-day window holds more than {days} of it: {} of its budget.",
                self.window.days_text(),
                percent(most_in_one_window)
            )),
            PastWindow::PastPeriodEnd { first, end, longer } => {
                let (lead, later) = if longer {
                    (
                        "Longer than",
                        "later periods, so it can pass 100% while every period meets the SLO",
                    )
                } else {
                    ("Runs past the end of", "the next period")
                };
                Some(format!(
                    "{lead} the calendar period it is counted in (from {first}, {days}): this \
                     figure counts all of it against that period's budget, though the part after \
                     midnight on {end} falls in {later}."
                ))
            }
        }
    }

    /// Whether the deploy decision is different after the incident.
    pub fn decision_changed(&self) -> bool {
        self.verdict_before != self.verdict_after
    }

    /// The budget left afterwards in words: `71.06% (100% before; no earlier logged incident
    /// in this window)`.
    pub fn left_text(&self) -> String {
        let earlier = match self.earlier.len() {
            0 => "no earlier logged incident in this window".to_string(),
            1 => "1 earlier logged incident in this window".to_string(),
            n => format!("{n} earlier logged incidents in this window"),
        };
        let before = percent(self.before);
        if self.overspent {
            format!(
                "nothing: the logged incidents of this window overspend the budget ({before} \
                 before; {earlier})"
            )
        } else {
            format!("{} ({before} before; {earlier})", percent(self.after))
        }
    }

    /// The deploy decision in words: `unchanged: deploys allowed`, or `changed from deploys
    /// allowed to deploys allowed, with care`.
    pub fn decision_text(&self) -> String {
        if self.decision_changed() {
            format!(
                "changed from {} to {}",
                verdict_words(self.verdict_before),
                verdict_words(self.verdict_after)
            )
        } else {
            format!("unchanged: {}", verdict_words(self.verdict_after))
        }
    }
}

/// The cost of each incident (in the order stored), `None` while a figure it needs is wrong.
pub fn impacts(sheets: &[IncidentSheet], context: &BudgetContext) -> Vec<Option<Impact>> {
    // Each incident's window and own cost, worked out once. An earlier incident counted
    // against a later one lies in the same window (the rolling one, or the same calendar
    // period, of the same length), so what it consumed there is its own cost.
    let windows: Vec<Option<(WindowDays, Option<CivilDate>)>> = sheets
        .iter()
        .map(|s| s.start.map(|start| context.window_at(start)))
        .collect();
    let own: Vec<Option<Ratio>> = sheets
        .iter()
        .zip(&windows)
        .map(|(s, window)| {
            let (window, _) = (*window)?;
            let cost = burn::incident_impact(context.target, window, s.duration_ms?, s.affected?);
            Some(cost.consumed)
        })
        .collect();
    (0..sheets.len())
        .map(|i| impact_of(sheets, &windows, &own, i, context))
        .collect()
}

fn impact_of(
    sheets: &[IncidentSheet],
    windows: &[Option<(WindowDays, Option<CivilDate>)>],
    own: &[Option<Ratio>],
    i: usize,
    context: &BudgetContext,
) -> Option<Impact> {
    let sheet = &sheets[i];
    let (start, duration_ms, affected) = (sheet.start?, sheet.duration_ms?, sheet.affected?);
    let (window, calendar_start) = windows[i]?;
    let impact = burn::incident_impact(context.target, window, duration_ms, affected);

    let window_ms = i64::try_from(window.length_ms()).unwrap_or(i64::MAX);
    let same_window = |j: usize, other: Moment| match calendar_start {
        Some(first) => windows[j].is_some_and(|(_, period)| period == Some(first)),
        None => start.utc_ms - other.utc_ms < window_ms,
    };
    let earlier: Vec<usize> = sheets
        .iter()
        .enumerate()
        .filter(|(j, other)| {
            let Some(other_start) = other.start else {
                return false;
            };
            let before = (other_start.utc_ms, *j) < (start.utc_ms, i);
            before && same_window(*j, other_start)
        })
        .map(|(j, _)| j)
        .collect();
    let consumed_earlier = earlier
        .iter()
        .filter_map(|&j| own[j])
        .fold(Ratio::ZERO, Ratio::saturating_add);

    let before = Ratio::ONE.saturating_sub(consumed_earlier);
    let after = before.saturating_sub(impact.consumed);
    let overspent = consumed_earlier
        .saturating_add(impact.consumed)
        .cmp_exact(Ratio::ONE)
        == Ordering::Greater;
    Some(Impact {
        duration_ms,
        ongoing: sheet.ongoing,
        affected,
        window,
        calendar_start,
        allowed_downtime_ms: slo::allowed_downtime_ms(context.target, window),
        impact,
        earlier,
        before,
        after,
        overspent,
        verdict_before: burn::decide(context.policy, before).verdict,
        verdict_after: burn::decide(context.policy, after).verdict,
        past_window: past_window(
            sheet,
            start,
            duration_ms,
            affected,
            context.target,
            window,
            calendar_start,
        ),
    })
}

fn past_window(
    sheet: &IncidentSheet,
    start: Moment,
    duration_ms: u64,
    affected: Ratio,
    target: SloTarget,
    window: WindowDays,
    calendar_start: Option<CivilDate>,
) -> Option<PastWindow> {
    let longer = duration_ms > window.length_ms();
    let Some(first) = calendar_start else {
        return longer.then(|| PastWindow::Longer {
            most_in_one_window: burn::incident_impact(target, window, window.length_ms(), affected)
                .consumed,
        });
    };
    let end = sheet.resolved_at.unwrap_or(Moment {
        utc_ms: start
            .utc_ms
            .saturating_add(i64::try_from(duration_ms).unwrap_or(i64::MAX)),
        utc_offset_minutes: start.utc_offset_minutes,
    });
    let period_end = first.plus_days((window.micro_days() / MICRO_DAYS_PER_DAY) as i64);
    let midnight = WallClock {
        date: period_end,
        hour: 0,
        minute: 0,
        second: 0,
    };
    (end.wall_clock() > midnight).then_some(PastWindow::PastPeriodEnd {
        first,
        end: period_end,
        longer,
    })
}

/// A logged incident counted in the Budget tab's remaining budget: the part of it inside the
/// window's span ([`WindowSpan`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub index: usize,
    pub id: String,
    /// The title as typed, without white space around it.
    pub title: String,
    /// The incident's whole duration (for an ongoing one, from its start to now), and the part
    /// of it inside the window's span.
    pub duration_ms: u64,
    pub counted_ms: u64,
    /// Not resolved yet: counted up to now, so its cost grows until it is.
    pub ongoing: bool,
    /// When the part counted begins, in milliseconds after the span's start.
    pub offset_ms: u64,
    /// The window's budget the part counted consumed.
    pub consumed: Ratio,
}

impl Counted {
    /// Whether only part of the incident lies inside the window.
    pub fn is_partial(&self) -> bool {
        self.counted_ms < self.duration_ms
    }
}

/// The logged incidents of the Budget tab's current window.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowIncidents {
    /// The days of the window's span ([`WindowSpan`]), both included: the window's first day to
    /// today (or to the last day of a calendar period that is over).
    pub from: CivilDate,
    pub to: CivilDate,
    /// Incidents with a part inside the span, in time order.
    pub counted: Vec<Counted>,
    pub total: Ratio,
    /// How many of those are ongoing (counted up to now).
    pub ongoing: usize,
    /// The pairs of `counted` whose parts counted overlap in time, each counted in full.
    pub overlaps: Vec<Overlap>,
}

/// The Budget tab read with, when it asks for it, the logged incidents of its current window
/// added to the budget consumed so far. Each counts the part of its duration inside the
/// window's span ([`WindowSpan`], [`count_in`]), an ongoing one up to now, with its share of
/// traffic affected, against the Budget tab's window. `None` beside the sheet when incidents
/// are not asked for, or the remaining budget is not computed yet.
pub fn budget_with_incidents(
    budget: &BudgetInputs,
    incidents: &IncidentsInputs,
    now: Now,
) -> (BudgetSheet, Option<WindowIncidents>) {
    let plain = budget_sheet::read(budget, now);
    if !budget.include_incidents {
        return (plain, None);
    }
    let (Some(target), Some(window), Some(_), Some(span)) = (
        plain.target,
        plain.window,
        plain.remaining.ready(),
        window_span(&plain, now),
    ) else {
        return (plain, None);
    };
    let counted = count_in(
        &incidents.incidents,
        target,
        window.window,
        span,
        now.utc_ms,
    );
    let total = total_of(&counted);
    let ongoing = counted.iter().filter(|c| c.ongoing).count();
    let overlaps = counted_overlaps(&counted, span);
    let sheet = budget_sheet::read_adding(budget, now, total);
    (
        sheet,
        Some(WindowIncidents {
            from: span.from,
            to: span.to,
            counted,
            total,
            ongoing,
            overlaps,
        }),
    )
}

/// Two logged incidents that went on at the same time for a while. Each is counted in full
/// (two partial outages may hit different traffic), so one outage logged twice counts twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap {
    /// The two, by their places in the list they were found in: the one that started first
    /// (of two that started together, the one listed first) first.
    pub first: usize,
    pub second: usize,
    /// How long they went on at the same time, in milliseconds.
    pub overlap_ms: u64,
}

/// The pairs of `spans` that overlap, each span the start (included) and end (excluded) of
/// an incident in milliseconds since 1970 UTC, `None` for one whose times are not valid: in
/// the order of the first's start, then the second's. Spans that only touch (one ends as the
/// other starts) do not overlap, and one of no duration overlaps nothing.
pub fn overlaps(spans: &[Option<(i128, i128)>]) -> Vec<Overlap> {
    let mut timed: Vec<(i128, usize, i128)> = spans
        .iter()
        .enumerate()
        .filter_map(|(i, span)| {
            span.filter(|(start, end)| start < end)
                .map(|(s, e)| (s, i, e))
        })
        .collect();
    timed.sort_unstable();
    let mut found = Vec::new();
    for (k, &(_, first, first_end)) in timed.iter().enumerate() {
        for &(second_start, second, second_end) in &timed[k + 1..] {
            if second_start >= first_end {
                break;
            }
            let overlap = first_end.min(second_end) - second_start;
            found.push(Overlap {
                first,
                second,
                overlap_ms: u64::try_from(overlap).unwrap_or(u64::MAX),
            });
        }
    }
    found
}

/// The pairs of `counted` whose parts inside `span` overlap (by their places in `counted`).
fn counted_overlaps(counted: &[Counted], span: WindowSpan) -> Vec<Overlap> {
    let spans: Vec<Option<(i128, i128)>> = counted
        .iter()
        .map(|c| {
            let from = i128::from(span.start_utc_ms) + i128::from(c.offset_ms);
            Some((from, from + i128::from(c.counted_ms)))
        })
        .collect();
    overlaps(&spans)
}

/// The pairs of logged incidents (by their places in the log) that overlap in time, where the
/// later one's budget left counts the earlier one ([`Impact::earlier`]): both in full. An
/// ongoing incident runs to now.
pub fn impact_overlaps(sheets: &[IncidentSheet], impacts: &[Option<Impact>]) -> Vec<Overlap> {
    let spans: Vec<Option<(i128, i128)>> = sheets
        .iter()
        .map(|s| {
            let start = i128::from(s.start?.utc_ms);
            Some((start, start + i128::from(s.duration_ms?)))
        })
        .collect();
    let mut found = overlaps(&spans);
    found.retain(|o| {
        impacts
            .get(o.second)
            .and_then(Option::as_ref)
            .is_some_and(|later| later.earlier.binary_search(&o.first).is_ok())
    });
    found
}

/// The time in the Budget tab's current window whose incidents count, from `start_utc_ms`
/// (included) to `end_utc_ms` (excluded), in milliseconds since 1970 UTC, and its first and
/// last days in the browser's zone, to name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowSpan {
    pub from: CivilDate,
    pub to: CivilDate,
    pub start_utc_ms: i64,
    pub end_utc_ms: i64,
}

/// The Budget tab's current window up to now. It begins at the instant the window began: a
/// calendar period at midnight on its first day in the browser's zone, a rolling window the
/// days elapsed before now (or its whole length before now when those are not given). It ends
/// now, or at midnight after the last day of a calendar period that is over.
pub fn window_span(sheet: &BudgetSheet, now: Now) -> Option<WindowSpan> {
    let window = sheet.window?;
    let span = match window.calendar_start {
        Some(first) => {
            let whole_days = (window.window.micro_days() / MICRO_DAYS_PER_DAY) as i64;
            let (start_utc_ms, end_utc_ms) =
                budget_sheet::calendar_period_utc_ms(first, window.window, now);
            WindowSpan {
                from: first,
                to: first.plus_days(whole_days - 1).min(now.date),
                start_utc_ms,
                end_utc_ms: end_utc_ms.min(now.utc_ms),
            }
        }
        None => {
            let start_utc_ms = match sheet.remaining.ready() {
                Some(figures) => figures.window_start_utc_ms,
                None => now
                    .utc_ms
                    .saturating_sub(i64::try_from(window.window.length_ms()).unwrap_or(i64::MAX)),
            };
            WindowSpan {
                from: Now::at(start_utc_ms, now.offset_at).date,
                to: now.date,
                start_utc_ms,
                end_utc_ms: now.utc_ms,
            }
        }
    };
    Some(span)
}

/// The incidents of `incidents` with a part inside `span`, in time order, each with that
/// part's cost against `window`. The incidents are read at `now_ms` (milliseconds since 1970
/// UTC), as the Incidents tab reads them: one that starts or is resolved later than now is an
/// error there and is not counted, and an ongoing one runs from its start to now. An incident's
/// part inside is the overlap of that time with the span; an incident of no duration counts (at
/// no cost) when its start lies in the span.
pub fn count_in(
    incidents: &[IncidentInputs],
    target: SloTarget,
    window: WindowDays,
    span: WindowSpan,
    now_ms: i64,
) -> Vec<Counted> {
    let (sheets, ids) = read_all(incidents, now_ms);
    let (span_start, span_end) = (i128::from(span.start_utc_ms), i128::from(span.end_utc_ms));
    let mut counted = Vec::new();
    for i in time_order(&sheets.iter().map(|s| s.start).collect::<Vec<_>>()) {
        let sheet = &sheets[i];
        let (Some(start), Some(duration_ms), Some(affected), Some(id)) = (
            sheet.start,
            sheet.duration_ms,
            sheet.affected,
            ids[i].clone(),
        ) else {
            continue;
        };
        let start_ms = i128::from(start.utc_ms);
        let end_ms = start_ms + i128::from(duration_ms);
        let (from_ms, to_ms) = (start_ms.max(span_start), end_ms.min(span_end));
        let inside = if duration_ms == 0 {
            span_start <= start_ms && start_ms < span_end
        } else {
            from_ms < to_ms
        };
        if !inside {
            continue;
        }
        let counted_ms = u64::try_from(to_ms - from_ms).unwrap_or(0);
        let used = burn::incident_impact(target, window, counted_ms, affected);
        counted.push(Counted {
            index: i,
            id,
            title: incidents[i].title.trim().to_string(),
            duration_ms,
            counted_ms,
            ongoing: sheet.ongoing,
            offset_ms: u64::try_from(from_ms - span_start).unwrap_or(u64::MAX),
            consumed: used.consumed,
        });
    }
    counted
}

/// The budget `counted` incidents used together.
pub fn total_of(counted: &[Counted]) -> Ratio {
    counted
        .iter()
        .map(|c| c.consumed)
        .fold(Ratio::ZERO, Ratio::saturating_add)
}

/// The time from `start` to `end`, in milliseconds; `None` when `end` is earlier.
pub fn duration_between(start: Moment, end: Moment) -> Option<u64> {
    u64::try_from(end.utc_ms.checked_sub(start.utc_ms)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::budget_words;
    use crate::calc::duration::{format_duration, MS_PER_HOUR};
    use crate::inputs::EntryInputs;

    fn time(local: &str, utc_offset_minutes: i32) -> TimeInputs {
        TimeInputs {
            local: local.to_string(),
            utc_offset_minutes,
        }
    }

    fn moment(local: &str, offset: i32) -> Moment {
        Moment::parse(&time(local, offset)).unwrap()
    }

    /// 2026-12-06 12:00 UTC: the fixed clock of these tests.
    const NOW: i64 = 1_796_558_400_000;

    #[test]
    fn the_decision_scope_names_the_budget_tab_box_that_combines_the_two() {
        // The Incidents tab said "now deploy freeze" where the Budget tab said deploys allowed,
        // with nothing on the page saying why the two differ.
        let box_label = budget_words::INCLUDE_INCIDENTS_LABEL;
        let box_words = box_label.split(" (").next().unwrap();
        assert!(DECISION_SCOPE_NOTE.contains(&format!("\"{box_words}\" ticked")));
        assert!(DECISION_SCOPE_NOTE.contains("from a full budget"));
        assert_eq!(DECISION_SCOPE_NOTE.matches(". ").count(), 0, "one sentence");
    }

    #[test]
    fn responder_names_are_trimmed_and_empty_ones_dropped() {
        let cases: &[(&str, &[&str])] = &[
            ("alice, bob,, ,carol", &["alice", "bob", "carol"]),
            (
                "Grace Hopper, Alan Turing",
                &["Grace Hopper", "Alan Turing"],
            ),
            ("  alice  ", &["alice"]),
            (",alice,", &["alice"]),
            ("", &[]),
            (" , ,\t,", &[]),
            ("bob, alice, bob", &["bob", "alice", "bob"]),
        ];
        for (typed, names) in cases {
            assert_eq!(responder_names(typed), *names, "{typed:?}");
        }
    }

    #[test]
    fn a_new_entry_takes_the_status_of_the_entry_before_it_in_time() {
        let times = [
            Some(moment("2026-12-06 10:00", 60)),
            Some(moment("2026-12-06 10:30", 60)),
            Some(moment("2026-12-06 11:00", 60)),
            None,
        ];
        let statuses = [
            Some(Status::Investigating),
            Some(Status::Mitigating),
            Some(Status::Resolved),
            Some(Status::Monitoring),
        ];
        let with_new = |time: Option<Moment>| {
            let mut t = times.to_vec();
            t.push(time);
            let mut s = statuses.to_vec();
            s.push(Some(Status::Resolved));
            status_before(&t, &s, 4)
        };
        // Logged late, between two entries: the status then was mitigating.
        let late = with_new(Some(moment("2026-12-06 10:45", 60)));
        assert_eq!(late, Some(Status::Mitigating));
        // At the same time as an entry: after it.
        let same = with_new(Some(moment("2026-12-06 10:30", 60)));
        assert_eq!(same, Some(Status::Mitigating));
        // After the last: the latest status.
        let after = with_new(Some(moment("2026-12-06 12:00", 60)));
        assert_eq!(after, Some(Status::Resolved));
        // Before the first: investigating.
        let first = with_new(Some(moment("2026-12-06 09:00", 60)));
        assert_eq!(first, Some(Status::Investigating));
        // An entry whose time is not valid has no place in time.
        assert_eq!(with_new(None), None);
        // An entry before it without a valid status is passed over.
        let mut s = statuses.to_vec();
        s[1] = None;
        assert_eq!(status_before(&times, &s, 2), Some(Status::Investigating));
        assert_eq!(status_before(&times, &statuses, 9), None);
    }

    #[test]
    fn instants_match_unix_time() {
        // (typed, offset, Unix time in seconds). Unix times from
        // `date -u -d '2026-12-04 03:15:00' +%s` (GNU date) and the same for the others;
        // 2026-12-04 00:00 UTC is 1,796,342,400 (day 20,791 x 86,400, see calc::date).
        let cases: &[(&str, i32, i64)] = &[
            ("2026-12-04 03:15", 0, 1_796_354_100),
            ("2026-12-04T03:15:00", 0, 1_796_354_100),
            // 03:15 at UTC+01:00 is 02:15 UTC.
            ("2026-12-04 03:15", 60, 1_796_350_500),
            // 22:15 on the 3rd at UTC-05:00 is 03:15 UTC on the 4th.
            ("2026-12-03 22:15", -300, 1_796_354_100),
            // India, UTC+05:30: 08:45 is 03:15 UTC.
            ("2026-12-04 08:45", 330, 1_796_354_100),
            ("1970-01-01 00:00:01", 0, 1),
            (" 2024-02-29 23:59:59 ", 0, 1_709_251_199),
        ];
        for (local, offset, unix) in cases {
            assert_eq!(
                moment(local, *offset).utc_ms,
                unix * 1_000,
                "{local} {offset}"
            );
        }
    }

    /// A zone as its offset from UTC at an instant.
    type Zone = dyn Fn(i64) -> i32;

    /// A zone with two offsets: `summer` from `spring` (inclusive) to `autumn` (exclusive), both
    /// UTC wall clocks, `winter` otherwise. The 2026 changes below are from `zdump -v` (tzdata).
    fn zone(winter: i32, summer: i32, spring: &str, autumn: &str) -> impl Fn(i64) -> i32 {
        let (spring, autumn) = (moment(spring, 0).utc_ms, moment(autumn, 0).utc_ms);
        move |utc_ms| {
            if (spring..autumn).contains(&utc_ms) {
                summer
            } else {
                winter
            }
        }
    }

    fn new_york() -> impl Fn(i64) -> i32 {
        zone(-300, -240, "2026-03-08 07:00", "2026-11-01 06:00")
    }

    fn berlin() -> impl Fn(i64) -> i32 {
        zone(60, 120, "2026-03-29 01:00", "2026-10-25 01:00")
    }

    #[test]
    fn a_time_the_clocks_go_back_over_is_found_to_happen_twice() {
        let wall = |local: &str| WallClock::parse(local).unwrap();
        let twice = |taken, other| Some(ZoneReading::Twice { taken, other });
        let cases: &[(&Zone, &str, i32, Option<ZoneReading>)] = &[
            // New York: 01:00 to 01:59:59 on 2026-11-01 happen in EDT, then again in EST.
            (
                &new_york(),
                "2026-11-01 00:59",
                -240,
                Some(ZoneReading::Once),
            ),
            (&new_york(), "2026-11-01 01:00", -240, twice(-240, -300)),
            (&new_york(), "2026-11-01 01:30", -240, twice(-240, -300)),
            (&new_york(), "2026-11-01 01:59:59", -240, twice(-240, -300)),
            // The second 01:30, as the page saves it when a button records it then.
            (&new_york(), "2026-11-01 01:30", -300, twice(-300, -240)),
            (
                &new_york(),
                "2026-11-01 02:00",
                -300,
                Some(ZoneReading::Once),
            ),
            // Berlin: 02:00 to 02:59:59 on 2026-10-25 happen in CEST, then again in CET.
            (&berlin(), "2026-10-25 02:30", 120, twice(120, 60)),
            (&berlin(), "2026-10-25 03:00", 60, Some(ZoneReading::Once)),
            (&berlin(), "2026-07-01 12:00", 120, Some(ZoneReading::Once)),
            // Going forward, 02:30 is skipped: saved in the offset before, it is 03:30 CEST.
            (
                &berlin(),
                "2026-03-29 02:30",
                60,
                Some(ZoneReading::Skipped {
                    read_as: wall("2026-03-29 03:30"),
                    utc_offset_minutes: 120,
                }),
            ),
            (
                &new_york(),
                "2026-03-08 02:15",
                -300,
                Some(ZoneReading::Skipped {
                    read_as: wall("2026-03-08 03:15"),
                    utc_offset_minutes: -240,
                }),
            ),
            // As the page saves a skipped time: the clock's reading, a time like any other.
            (&berlin(), "2026-03-29 03:30", 120, Some(ZoneReading::Once)),
            // Saved in an offset the zone does not have then (typed in India, or in the summer
            // offset an hour early): that offset says which instant it is. These were taken
            // for skipped times, with a note that the clocks went forward.
            (&berlin(), "2026-12-04 08:45", 330, Some(ZoneReading::Once)),
            (&berlin(), "2026-03-29 02:30", 330, Some(ZoneReading::Once)),
            (&berlin(), "2026-03-29 02:30", 120, Some(ZoneReading::Once)),
            (&new_york(), "2026-11-01 01:30", 60, Some(ZoneReading::Once)),
            (&berlin(), "not a time", 60, None),
        ];
        for (offset_at, local, offset, expected) in cases {
            let reading = ZoneReading::of(&time(local, *offset), offset_at);
            assert_eq!(reading, *expected, "{local} {offset}");
        }
    }

    #[test]
    fn the_note_says_which_occurrence_was_taken_and_how_to_get_the_other() {
        let note = |offset_at: &Zone, local: &str, offset: i32| {
            time_zone_note(&time(local, offset), offset_at)
        };
        assert_eq!(
            note(&new_york(), "2026-11-01 01:30", -240).as_deref(),
            Some(
                " 2026-11-01 01:30 happens twice here (the clocks go back then): it is read as the \
                 first, in UTC-04:00. The second, in UTC-05:00, cannot be typed in this zone; \
                 only a time recorded by Declare, Add entry or Resolve now while it happens \
                 keeps it."
            )
        );
        assert_eq!(
            note(&new_york(), "2026-11-01 01:30", -300).as_deref(),
            Some(
                " 2026-11-01 01:30 happens twice here (the clocks go back then): this is the \
                 second, in UTC-05:00, as it was recorded; typing the time again makes it the \
                 first, in UTC-04:00."
            )
        );
        assert_eq!(
            note(&berlin(), "2026-10-25 02:30", 120).as_deref(),
            Some(
                " 2026-10-25 02:30 happens twice here (the clocks go back then): it is read as the \
                 first, in UTC+02:00. The second, in UTC+01:00, cannot be typed in this zone; \
                 only a time recorded by Declare, Add entry or Resolve now while it happens \
                 keeps it."
            )
        );
        // A skipped time as an older save holds it, in the offset before.
        assert_eq!(
            note(&berlin(), "2026-03-29 02:30", 60).as_deref(),
            Some(
                " 2026-03-29 02:30 does not exist here that night (the clocks go forward over \
                 it): it is read as 2026-03-29 03:30 (UTC+02:00)."
            )
        );
        // A time typed in another zone's offset is that offset's: the clocks skip nothing.
        assert_eq!(note(&berlin(), "2026-12-04 08:45", 330), None);
        assert_eq!(note(&berlin(), "2026-03-29 02:30", 330), None);
        assert_eq!(note(&berlin(), "2026-10-25 03:00", 60), None);
    }

    #[test]
    fn a_typed_time_gets_the_offset_its_zone_has_then_and_a_skipped_one_the_clocks_reading() {
        // (zone, typed, committed as, offset committed, skipped)
        let cases: &[(&Zone, &str, &str, i32, bool)] = &[
            (&berlin(), "2026-12-04 12:00", "2026-12-04 12:00", 60, false),
            (
                &berlin(),
                "2026-07-01 12:00",
                "2026-07-01 12:00",
                120,
                false,
            ),
            (&berlin(), "2026-03-29 01:59", "2026-03-29 01:59", 60, false),
            (&berlin(), "2026-03-29 02:00", "2026-03-29 03:00", 120, true),
            (&berlin(), "2026-03-29 02:30", "2026-03-29 03:30", 120, true),
            (&berlin(), "2026-03-29T02:30", "2026-03-29 03:30", 120, true),
            (
                &berlin(),
                "2026-03-29 2:59:59",
                "2026-03-29 03:59:59",
                120,
                true,
            ),
            (
                &berlin(),
                "2026-03-29 03:00",
                "2026-03-29 03:00",
                120,
                false,
            ),
            // Going back, the first occurrence: the larger offset.
            (
                &berlin(),
                "2026-10-25 02:30",
                "2026-10-25 02:30",
                120,
                false,
            ),
            (
                &new_york(),
                "2026-11-01 01:30",
                "2026-11-01 01:30",
                -240,
                false,
            ),
            (
                &new_york(),
                "2026-03-08 02:15",
                "2026-03-08 03:15",
                -240,
                true,
            ),
            // Not a time yet: the text as typed, in the offset it had.
            (&berlin(), "2026-03-29 02:3", "2026-03-29 02:3", 330, false),
        ];
        for (offset_at, text, committed, offset, skipped) in cases {
            let typed = typed(text, 330, offset_at);
            // While typing, the text stays as typed; a skipped time in the offset before.
            let before = if *skipped { offset - 60 } else { *offset };
            assert_eq!(typed.time, time(text, before), "{text}");
            assert_eq!(
                typed.skipped.as_ref().map(|s| s.typed),
                skipped.then(|| WallClock::parse(text).unwrap()),
                "{text}"
            );
            let saved_while_typing = typed.time.clone();
            assert_eq!(typed.committed(), time(committed, *offset), "{text}");
            if *skipped {
                // Committed, the same instant as the time typed, read in the offset before.
                assert_eq!(
                    Moment::parse(&time(committed, *offset)).unwrap().utc_ms,
                    Moment::parse(&saved_while_typing).unwrap().utc_ms,
                    "{text}"
                );
                assert_eq!(
                    Moment::parse(&saved_while_typing).unwrap().utc_ms,
                    moment(text, before).utc_ms,
                    "{text}"
                );
            }
        }
    }

    /// A time typed as the page saves it on every `input` event ([`typed_in_zone`]), with what
    /// the clocks skip in it and what its field is saved as once committed
    /// ([`skipped_reading`]), as the page does on its `change` event.
    #[derive(Debug, Clone, PartialEq, Eq)]
    struct TypedTime {
        time: TimeInputs,
        skipped: Option<SkippedTime>,
    }

    impl TypedTime {
        fn committed(self) -> TimeInputs {
            match self.skipped {
                Some(skipped) => skipped.read_as,
                None => self.time,
            }
        }
    }

    fn typed(text: &str, previous_offset: i32, offset_at: impl Fn(i64) -> i32) -> TypedTime {
        let time = typed_in_zone(text.to_string(), previous_offset, &offset_at);
        TypedTime {
            skipped: skipped_reading(&time, offset_at),
            time,
        }
    }

    /// Types `text` one character at a time into a field holding `from` (in `offset`), as the
    /// page does on every `input` event; gives each value saved while typing.
    fn typed_one_by_one(from: &str, offset: i32, edits: &[&str]) -> Vec<TypedTime> {
        let mut saved = time(from, offset);
        edits
            .iter()
            .map(|text| {
                let typed = typed(text, saved.utc_offset_minutes, berlin());
                saved = typed.time.clone();
                typed
            })
            .collect()
    }

    /// The regression: Enter in an entry's message put the entry in its place in time, its row
    /// was drawn anew, and the note saying how its skipped time was read went with the old row.
    #[test]
    fn a_skipped_time_note_stays_with_its_entry_when_the_timeline_is_sorted() {
        let entry = |id: u64, time: TimeInputs| EntryInputs {
            id: RowId(id),
            time,
            ..EntryInputs::default()
        };
        // Entry 2's time typed last, in a gap: committed, it reads 03:30 in UTC+02:00, the
        // time entry 5 already had, and goes before entry 9.
        let typed = typed("2026-03-29 02:30", 60, berlin());
        let skipped = typed.skipped.clone().unwrap();
        let mut incident = IncidentInputs {
            timeline: vec![
                entry(9, time("2026-03-29 04:00", 120)),
                entry(2, typed.committed()),
                entry(5, time("2026-03-29 03:30", 120)),
            ],
            ..IncidentInputs::default()
        };
        let times: Vec<Option<Moment>> = incident
            .timeline
            .iter()
            .map(|e| Moment::parse(&e.time).ok())
            .collect();
        let order = time_order(&times);
        incident.timeline = order
            .iter()
            .map(|&i| incident.timeline[i].clone())
            .collect();
        let ids: Vec<RowId> = incident.timeline.iter().map(|e| e.id).collect();
        assert_eq!(ids, [RowId(2), RowId(5), RowId(9)]);
        // (entry, its note)
        let cases = [
            (RowId(2), skipped_note(&skipped)),
            (RowId(5), None),
            (RowId(9), None),
        ];
        for (id, note) in cases {
            let shown = incident.timeline.iter().find(|e| e.id == id).unwrap();
            assert_eq!(
                time_field_note(Some((RowId(2), &skipped)), id, &shown.time, berlin()),
                note,
                "{id:?}"
            );
        }
        // Typed again (the field no longer holds the reading), the note is the zone's.
        let retyped = time("2026-03-29 02:30", 60);
        assert_eq!(
            time_field_note(Some((RowId(2), &skipped)), RowId(2), &retyped, berlin()),
            time_zone_note(&retyped, berlin())
        );
    }

    #[test]
    fn a_skipped_time_is_kept_as_typed_while_typing_and_converted_when_committed() {
        let typed = typed("2026-03-29 02:30", 60, berlin());
        // While typing: the text as typed, in the offset before the change, and the zone line
        // says it does not exist and what it is read as.
        assert_eq!(typed.time, time("2026-03-29 02:30", 60));
        assert_eq!(
            time_zone_note(&typed.time, berlin()).as_deref(),
            Some(
                " 2026-03-29 02:30 does not exist here that night (the clocks go forward over \
                 it): it is read as 2026-03-29 03:30 (UTC+02:00)."
            )
        );
        // Committed: the clock's reading, the same instant.
        let skipped = typed.skipped.clone().unwrap();
        assert_eq!(skipped.typed, WallClock::parse("2026-03-29 02:30").unwrap());
        assert_eq!(skipped.read_as, time("2026-03-29 03:30", 120));
        assert_eq!(
            Moment::parse(&skipped.read_as).unwrap().utc_ms,
            Moment::parse(&typed.time).unwrap().utc_ms
        );
        assert_eq!(skipped_reading(&typed.time, berlin()), Some(skipped));
        assert_eq!(typed.committed(), time("2026-03-29 03:30", 120));
        // Committing a time that is not skipped, or one saved in another zone's offset, keeps it.
        for kept in [
            time("2026-03-29 03:30", 120),
            time("2026-03-29 02:30", 330),
            time("2026-10-25 02:30", 60),
            time("2026-03-29 02:3", 60),
        ] {
            assert_eq!(skipped_reading(&kept, berlin()), None, "{kept:?}");
        }
    }

    #[test]
    fn an_hour_being_rewritten_is_kept_as_typed_on_its_way() {
        // The field holds 01:30; "01" is selected and "21" typed. After the "2" the text is a
        // time the clocks skip (one-digit hours are read): it stays as typed, never 03:30.
        let steps = typed_one_by_one(
            "2026-03-29 01:30",
            60,
            &["2026-03-29 2:30", "2026-03-29 21:30"],
        );
        assert_eq!(steps[0].time, time("2026-03-29 2:30", 60));
        assert_eq!(
            steps[0].skipped.as_ref().map(|s| &s.read_as),
            Some(&time("2026-03-29 03:30", 120))
        );
        assert_eq!(steps[1].time, time("2026-03-29 21:30", 120));
        assert_eq!(steps[1].skipped, None);
        assert_eq!(steps[1].clone().committed(), time("2026-03-29 21:30", 120));
    }

    #[test]
    fn typing_on_after_a_skipped_time_keeps_the_text_and_the_note_names_the_seconds() {
        let text = "2026-03-29 02:30:15";
        let prefixes: Vec<&str> = (1..=text.len()).map(|n| &text[..n]).collect();
        let steps = typed_one_by_one("", 60, &prefixes);
        for (step, prefix) in steps.iter().zip(&prefixes) {
            assert_eq!(step.time.local, *prefix, "never rewritten");
        }
        let last = steps.last().unwrap();
        assert_eq!(last.time, time(text, 60));
        assert_eq!(
            time_zone_note(&last.time, berlin()).as_deref(),
            Some(
                " 2026-03-29 02:30:15 does not exist here that night (the clocks go forward \
                 over it): it is read as 2026-03-29 03:30:15 (UTC+02:00)."
            )
        );
        let skipped = last.skipped.clone().unwrap();
        assert_eq!(skipped.read_as, time("2026-03-29 03:30:15", 120));
        assert_eq!(
            skipped_note(&skipped).as_deref(),
            Some(
                " 2026-03-29 02:30:15 does not exist here that night (the clocks go forward \
                 over it): it was read as 2026-03-29 03:30:15 (UTC+02:00)."
            )
        );
    }

    #[test]
    fn a_skipped_time_reads_the_same_in_its_field_its_zone_line_its_note_and_its_id() {
        // 02:30 on the night Berlin goes to summer time: the zone line said UTC+01:00, the note
        // 03:30 in UTC+02:00 and the id INC-20260329-023000, three readings of one instant.
        let skipped = typed("2026-03-29 02:30", 60, berlin()).skipped.unwrap();
        let saved = &skipped.read_as;
        assert_eq!(saved.local, "2026-03-29 03:30", "the field, committed");
        assert_eq!(
            offset_text(saved.utc_offset_minutes),
            "UTC+02:00",
            "the zone line"
        );
        assert_eq!(
            skipped_note(&skipped).as_deref(),
            Some(
                " 2026-03-29 02:30 does not exist here that night (the clocks go forward over \
                 it): it was read as 2026-03-29 03:30 (UTC+02:00)."
            ),
            "the note"
        );
        let start = Moment::parse(saved).unwrap();
        assert_eq!(base_id(start), "INC-20260329-033000", "the id");
        assert_eq!(start.utc_ms, moment("2026-03-29 01:30", 0).utc_ms);
        // Saved so, it is a time like any other: no note once the page is opened again.
        assert_eq!(time_zone_note(saved, berlin()), None);
    }

    /// Every time of `incident` as the zone's clock reads it, as committing each field does.
    fn read_as_the_clock_shows(incident: &mut IncidentInputs, offset_at: impl Fn(i64) -> i32) {
        let times = std::iter::once(&mut incident.start)
            .chain(std::iter::once(&mut incident.resolved_at))
            .chain(incident.timeline.iter_mut().map(|entry| &mut entry.time));
        for time in times {
            if let Some(read) = clock_reading(time, &offset_at) {
                *time = read;
            }
        }
    }

    #[test]
    fn a_skipped_time_read_as_the_clock_shows_it_is_the_same_instant() {
        // Skipped times as typed (or saved by an older page): in the offset before the change.
        let mut incident = resolved("2026-03-29 02:30", 90, "100");
        incident.start = time("2026-03-29 02:30", 60);
        incident.resolved_at = time("2026-03-29 04:00", 120);
        incident.timeline = vec![EntryInputs {
            id: Default::default(),
            time: time("2026-03-29 02:40:15", 60),
            status: "investigating".to_string(),
            message: String::new(),
        }];
        let (before, before_ids) = read_all(std::slice::from_ref(&incident), NOW);
        assert_eq!(before_ids, [Some("INC-20260329-023000".to_string())]);

        read_as_the_clock_shows(&mut incident, berlin());
        assert_eq!(incident.start, time("2026-03-29 03:30", 120));
        assert_eq!(incident.resolved_at, time("2026-03-29 04:00", 120));
        assert_eq!(incident.timeline[0].time, time("2026-03-29 03:40:15", 120));
        let (after, ids) = read_all(std::slice::from_ref(&incident), NOW);
        assert_eq!(ids, [Some("INC-20260329-033000".to_string())]);
        // The same instants, so the same duration (30 minutes).
        let instants = |sheet: &IncidentSheet| {
            let mut all = vec![sheet.start, sheet.resolved_at];
            all.extend(sheet.entry_times.iter().copied());
            all.into_iter()
                .map(|m| m.map(|m| m.utc_ms))
                .collect::<Vec<_>>()
        };
        assert_eq!(instants(&after[0]), instants(&before[0]));
        assert_eq!(after[0].duration_ms, before[0].duration_ms);
        assert_eq!(after[0].duration_ms, Some(30 * 60_000));

        // Times the clocks do not skip, or typed in another zone, stay as saved.
        let mut elsewhere = incident.clone();
        elsewhere.start = time("2026-03-29 02:30", 330);
        elsewhere.resolved_at = time("2026-10-25 02:30", 60);
        let kept = elsewhere.clone();
        read_as_the_clock_shows(&mut elsewhere, berlin());
        assert_eq!(elsewhere, kept);
    }

    #[test]
    fn typed_times_are_checked() {
        let cases: &[(&str, TimeError)] = &[
            ("", TimeError::Empty),
            ("   ", TimeError::Empty),
            ("2026-12-04", TimeError::NotATime),
            ("03:15", TimeError::NotATime),
            ("2026-12-04 3:15pm", TimeError::NotATime),
            ("2026-12-04 03:1", TimeError::NotATime),
            ("2026-12-04 03:15:7", TimeError::NotATime),
            ("2026-12-04 03:15:00.5", TimeError::NotATime),
            ("2026-12-04 +3:15", TimeError::NotATime),
            ("04/12/2026 03:15", TimeError::NotATime),
            ("2026-02-29 10:00", TimeError::NoSuchDay),
            ("2026-12-04 24:00", TimeError::NoSuchTime),
            ("2026-12-04 23:60", TimeError::NoSuchTime),
            ("2026-12-04 23:59:60", TimeError::NoSuchTime),
            ("<script>alert(1)</script>", TimeError::NotATime),
            ("２０２６-12-04 03:15", TimeError::NotATime),
        ];
        for (text, error) in cases {
            assert_eq!(
                Moment::parse(&time(text, 0)),
                Err(error.clone()),
                "{text:?}"
            );
        }
        assert_eq!(
            Moment::parse(&time("2026-12-04 03:15", 24 * 60)),
            Err(TimeError::OffsetOutOfRange)
        );
        assert!(Moment::parse(&time("2026-12-04 3:15", -MAX_OFFSET_MINUTES)).is_ok());
    }

    #[test]
    fn wall_clocks_and_offsets_are_written_plainly() {
        let start = moment("2026-12-04 03:15:27", 60);
        assert_eq!(start.wall_clock().seconds_text(), "2026-12-04 03:15:27");
        // The same instant seen from UTC-05:00 is the evening before.
        let there = WallClock::at(start.utc_ms, -300);
        assert_eq!(there.minutes_text(), "2026-12-03 21:15");
        assert_eq!(there.hh_mm(), "21:15");
        let cases = [
            (0, "UTC+00:00"),
            (60, "UTC+01:00"),
            (-300, "UTC-05:00"),
            (330, "UTC+05:30"),
            (-570, "UTC-09:30"),
            (765, "UTC+12:45"),
        ];
        for (offset, text) in cases {
            assert_eq!(offset_text(offset), text);
        }
        // Before 1970 the division rounds towards the past, not towards zero.
        assert_eq!(WallClock::at(-1, 0).seconds_text(), "1969-12-31 23:59:59");
    }

    #[test]
    fn ids_come_from_the_start_and_stay_unique() {
        let starts = [
            Some(moment("2026-12-04 03:15", 60)),
            None,
            Some(moment("2026-12-04 03:15:00", 60)),
            Some(moment("2026-12-04 03:15:01", 60)),
            Some(moment("2026-12-04 03:15", 60)),
        ];
        assert_eq!(
            ids(&starts),
            vec![
                Some("INC-20261204-031500".to_string()),
                None,
                Some("INC-20261204-031500-2".to_string()),
                Some("INC-20261204-031501".to_string()),
                Some("INC-20261204-031500-3".to_string()),
            ]
        );
        // The id reads as typed, whatever the offset.
        assert_eq!(
            base_id(moment("2026-12-31 23:59:59", -300)),
            "INC-20261231-235959"
        );
    }

    #[test]
    fn durations_across_midnight_month_ends_and_offset_changes() {
        // (start, start offset, end, end offset, expected duration, why)
        let cases: &[(&str, i32, &str, i32, &str, &str)] = &[
            (
                "2026-12-04 23:50",
                0,
                "2026-12-05 00:20",
                0,
                "30m 0s",
                "across midnight",
            ),
            (
                "2026-01-31 23:00",
                60,
                "2026-02-01 01:30",
                60,
                "2h 30m 0s",
                "across a month end",
            ),
            (
                "2026-02-28 22:00",
                0,
                "2026-03-01 02:00",
                0,
                "4h 0m 0s",
                "across the end of a 28-day February",
            ),
            (
                "2024-02-28 22:00",
                0,
                "2024-03-01 02:00",
                0,
                "1d 4h 0m 0s",
                "across 29 February in a leap year",
            ),
            (
                "2025-12-31 23:45",
                -300,
                "2026-01-01 00:15",
                -300,
                "30m 0s",
                "across a year end",
            ),
            // Europe/Berlin leaves summer time at 03:00 CEST on 2026-10-25 (EU rule: last
            // Sunday of October, 01:00 UTC): 02:30 CEST to 02:30 CET is one hour.
            (
                "2026-10-25 02:30",
                120,
                "2026-10-25 02:30",
                60,
                "1h 0m 0s",
                "the same wall clock on both sides of a clock change",
            ),
            (
                "2026-12-04 03:15:00",
                0,
                "2026-12-04 03:15:00",
                0,
                "0s",
                "resolved at once",
            ),
        ];
        for (start, start_offset, end, end_offset, expected, why) in cases {
            let incident = IncidentInputs {
                title: "t".into(),
                start: time(start, *start_offset),
                resolved_at: time(end, *end_offset),
                ..IncidentInputs::default()
            };
            let sheet = read(&incident, NOW);
            assert!(sheet.errors.is_empty(), "{why}: {:?}", sheet.errors);
            assert_eq!(
                format_duration(sheet.duration_ms.unwrap()),
                *expected,
                "{why}"
            );
            assert_eq!(
                duration_between(moment(start, *start_offset), moment(end, *end_offset)),
                sheet.duration_ms,
                "{why}"
            );
        }
    }

    #[test]
    fn ongoing_incidents_run_until_now_and_the_start_is_checked() {
        let mut incident = IncidentInputs {
            title: "t".into(),
            start: time("2026-12-06 11:00", 0),
            ..IncidentInputs::default()
        };
        let sheet = read(&incident, NOW);
        assert!(sheet.ongoing);
        assert_eq!(sheet.duration_ms, Some(MS_PER_HOUR));

        incident.start = time("2026-12-06 13:00:01", 0);
        let sheet = read(&incident, NOW);
        assert!(sheet
            .error(IncidentField::Start)
            .unwrap()
            .contains("later than now"));
        assert_eq!(sheet.duration_ms, None);
        assert_eq!(sheet.start, None);

        // Resolved or not, an incident cannot start after now.
        incident.resolved_at = time("2026-12-06 11:59", 0);
        let sheet = read(&incident, NOW);
        assert!(sheet
            .error(IncidentField::Start)
            .unwrap()
            .contains("later than now"));

        incident.start = time("2026-12-06 11:00", 0);
        incident.resolved_at = time("2026-12-06 10:59", 0);
        let sheet = read(&incident, NOW);
        assert_eq!(
            sheet.error(IncidentField::ResolvedAt),
            Some("The resolution cannot be before the start")
        );

        // A resolution is something that happened: not later than now.
        incident.start = time("2026-12-04 10:00", 0);
        incident.resolved_at = time("2099-01-01 00:00", 0);
        let sheet = read(&incident, NOW);
        assert!(sheet
            .error(IncidentField::ResolvedAt)
            .unwrap()
            .contains("later than now"));
        assert_eq!(sheet.duration_ms, None);
        incident.resolved_at = time("2026-12-06 12:00", 0);
        assert_eq!(read(&incident, NOW).error(IncidentField::ResolvedAt), None);
        assert_eq!(sheet.duration_ms, None);
        assert!(!sheet.ongoing);
    }

    #[test]
    fn a_new_entry_is_never_given_a_time_before_the_start() {
        // Declared at 06:31:24, an entry added in the same minute was given 06:31, 24 s before
        // the start, and the postmortem listed it before the start.
        let start_ms = moment("2026-12-06 06:31:24", 60).utc_ms;
        // (start as typed, seconds from the start to now, resolution as typed, the entry's time)
        let cases: &[(&str, i64, &str, &str)] = &[
            ("2026-12-06 06:31:24", 6, "", "2026-12-06 06:31:30"),
            ("2026-12-06 06:31:24", 0, "", "2026-12-06 06:31:24"),
            ("2026-12-06 06:31:24", 36, "", "2026-12-06 06:32"),
            ("2026-12-06 06:31:24", 100, "", "2026-12-06 06:33"),
            // A start typed without seconds: now to the minute is never before it.
            ("2026-12-06 06:31", 6, "", "2026-12-06 06:31"),
            // A start later than the browser's clock (set by another machine): the start.
            ("2026-12-06 06:31:24", -10, "", "2026-12-06 06:31:24"),
            // No valid start: now to the minute.
            ("", 6, "", "2026-12-06 06:31"),
            ("06:31", 6, "", "2026-12-06 06:31"),
            // Resolved: the resolution, as typed.
            (
                "2026-12-06 06:31:24",
                6,
                "2026-12-06 07:00",
                "2026-12-06 07:00",
            ),
        ];
        for (start, seconds, resolved, expected) in cases {
            let incident = IncidentInputs {
                start: time(start, 60),
                resolved_at: time(resolved, 60),
                ..IncidentInputs::default()
            };
            let now = start_ms + seconds * 1000;
            assert_eq!(
                new_entry_time(&incident, now, |_| 60),
                time(expected, 60),
                "{start} {seconds}"
            );
        }
    }

    #[test]
    fn times_not_valid_stay_last_in_the_order_entered() {
        // Entries given `bad1`, `bad2` and `bad3` in turn were listed `bad3, bad2, bad1`: each was
        // added at now, put among the valid times, ahead of the ones not valid, and stayed
        // ahead of them once its time was made not valid.
        let valid = Some(moment("2026-12-06 06:31", 0));
        // (times in the list's order, the entry whose time was valid until its edit, the order)
        type Case<'a> = (&'a [Option<Moment>], Option<usize>, &'a [usize]);
        let cases: &[Case] = &[
            // bad1 typed: the only entry.
            (&[None], Some(0), &[0]),
            // An entry added at now, before bad1, then given bad2: after bad1.
            (&[None, None], Some(0), &[1, 0]),
            // The third, added before bad1 and bad2, then given bad3: after both.
            (&[None, None, None], Some(0), &[1, 2, 0]),
            // A valid time before them keeps its place.
            (&[valid, None, None, None], Some(1), &[0, 2, 3, 1]),
            // An entry already not valid, edited again, keeps its place among them.
            (&[None, None, None], None, &[0, 1, 2]),
            // The entry edited has a valid time: ordered by time as any other.
            (&[valid, None], Some(0), &[0, 1]),
        ];
        for (times, latest, expected) in cases {
            assert_eq!(
                time_order_with_latest(times, *latest),
                *expected,
                "{times:?} {latest:?}"
            );
        }
    }

    #[test]
    fn out_of_order_entries_are_put_in_time_order() {
        let entry = |local: &str, offset: i32, message: &str| EntryInputs {
            id: Default::default(),
            time: time(local, offset),
            status: "identified".into(),
            message: message.into(),
        };
        let incident = IncidentInputs {
            title: "t".into(),
            start: time("2026-12-04 23:40", 60),
            timeline: vec![
                entry("2026-12-05 00:10", 60, "third"),
                entry("2026-12-04 23:45", 60, "first"),
                entry("not yet", 60, "typed badly"),
                // 23:20 UTC is 00:20 at UTC+01:00: after "third".
                entry("2026-12-04 23:20", 0, "fourth"),
                entry("2026-12-04 23:50", 60, "second"),
                entry("2026-12-04 23:50:00", 60, "second, same minute"),
            ],
            ..IncidentInputs::default()
        };
        let sheet = read(&incident, NOW);
        let messages: Vec<&str> = sheet
            .timeline_order()
            .into_iter()
            .map(|i| incident.timeline[i].message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "first",
                "second",
                "second, same minute",
                "third",
                "fourth",
                "typed badly"
            ]
        );
        assert!(sheet.error(IncidentField::EntryTime(2)).is_some());
    }

    #[test]
    fn fields_are_checked() {
        let long = "x".repeat(MAX_SHORT_TEXT_CHARS + 1);
        let huge = "y".repeat(MAX_LONG_TEXT_CHARS + 1);
        type Change = Box<dyn Fn(&mut IncidentInputs)>;
        let cases: Vec<(Change, IncidentField, &str)> = vec![
            (
                Box::new(|i| i.title = "  ".into()),
                IncidentField::Title,
                "title",
            ),
            (
                Box::new(move |i| i.title = long.clone()),
                IncidentField::Title,
                "At most 200 characters (this has 201)",
            ),
            (
                Box::new(|i| i.title = "two\nlines".into()),
                IncidentField::Title,
                "line breaks",
            ),
            (
                Box::new(|i| i.severity = "SEV5".into()),
                IncidentField::Severity,
                "SEV1",
            ),
            (
                Box::new(|i| i.commander = "a\u{0}b".into()),
                IncidentField::Commander,
                "control",
            ),
            (
                Box::new(move |i| i.resolution = huge.clone()),
                IncidentField::Resolution,
                "2,000",
            ),
            (
                Box::new(|i| i.affected_percent = "101".into()),
                IncidentField::Affected,
                "above 100%",
            ),
            (
                Box::new(|i| i.affected_percent = "-1".into()),
                IncidentField::Affected,
                "negative",
            ),
            (
                Box::new(|i| i.start.local = "soon".into()),
                IncidentField::Start,
                "Not a date",
            ),
            (
                Box::new(|i| i.resolved_at.local = "2026-13-01 00:00".into()),
                IncidentField::ResolvedAt,
                "does not exist",
            ),
            (
                Box::new(|i| {
                    i.timeline = vec![EntryInputs {
                        status: "done".into(),
                        ..EntryInputs::default()
                    }]
                }),
                IncidentField::EntryStatus(0),
                "investigating",
            ),
        ];
        for (change, field, expected) in cases {
            let mut incident = IncidentInputs {
                title: "ok".into(),
                start: time("2026-12-04 03:15", 0),
                ..IncidentInputs::default()
            };
            change(&mut incident);
            let sheet = read(&incident, NOW);
            let message = sheet
                .error(field)
                .unwrap_or_else(|| panic!("no error on {field:?}: {:?}", sheet.errors));
            assert!(message.contains(expected), "{field:?}: {message}");
        }
        // Multi-line text keeps its line breaks; a full outage ignores the share typed.
        let incident = IncidentInputs {
            title: "ok".into(),
            resolution: "Rolled back.\nThen drained the queue.".into(),
            affected_percent: "nonsense".into(),
            full_outage: true,
            start: time("2026-12-04 03:15", 0),
            ..IncidentInputs::default()
        };
        let sheet = read(&incident, NOW);
        assert!(sheet.errors.is_empty(), "{:?}", sheet.errors);
        assert_eq!(sheet.affected, Some(Ratio::ONE));
    }

    #[test]
    fn severities_and_statuses_read_their_names() {
        assert_eq!(Severity::parse("sev1"), Some(Severity::Sev1));
        assert_eq!(Severity::Sev2.meaning(), "partial degradation");
        assert_eq!(Severity::parse("SEV 1"), None);
        assert_eq!(Status::parse(" Monitoring "), Some(Status::Monitoring));
        for status in Status::ALL {
            assert_eq!(Status::parse(status.slug()), Some(status));
        }
    }

    fn budget(change: impl FnOnce(&mut BudgetInputs)) -> BudgetInputs {
        let mut inputs = BudgetInputs::default();
        change(&mut inputs);
        inputs
    }

    fn context(inputs: &BudgetInputs) -> BudgetContext {
        let today = CivilDate::parse("2026-12-06").unwrap();
        BudgetContext::from_sheet(&budget_sheet::read(inputs, today)).unwrap()
    }

    fn resolved(start: &str, minutes: i64, affected: &str) -> IncidentInputs {
        let begin = moment(start, 0);
        let end = WallClock::at(begin.utc_ms + minutes * MS_PER_MINUTE as i64, 0);
        IncidentInputs {
            title: "t".into(),
            start: time(start, 0),
            resolved_at: time(&end.seconds_text(), 0),
            affected_percent: affected.into(),
            ..IncidentInputs::default()
        }
    }

    #[test]
    fn impact_agrees_with_the_budget_tab() {
        // The Budget tab's incident section is the reference: the same duration and share
        // typed there give the same consumed share and full-outage time.
        let cases: &[(&str, &str, i64, &str)] = &[
            // (target, window days, minutes, affected %)
            ("99.9", "30", 30, "100"),
            ("99.9", "30", 30, "10"),
            ("99.95", "28", 7, "33.3"),
            ("99", "7", 600, "0.5"),
        ];
        for (target, days, minutes, affected) in cases {
            let inputs = budget(|b| {
                b.target_percent = target.to_string();
                b.window_days = days.to_string();
                b.incident_minutes = minutes.to_string();
                b.incident_affected_percent = affected.to_string();
            });
            let today = CivilDate::parse("2026-12-06").unwrap();
            let reference = budget_sheet::read(&inputs, today);
            let reference = reference.incident.ready().expect("budget tab computes it");
            let incidents = [resolved("2026-12-04 10:00", *minutes, affected)];
            let (sheets, _) = read_all(&incidents, NOW);
            let impact = impacts(&sheets, &context(&inputs))[0].clone().unwrap();
            assert_eq!(
                impact.impact, reference.impact,
                "{target} {days} {minutes} {affected}"
            );
            assert_eq!(impact.after, reference.remaining_after);
        }
        // Hand check: 30 minutes of full outage at 99.9% over 30 days is 30 / 43.2 = 69.44%.
        let (sheets, _) = read_all(&[resolved("2026-12-04 10:00", 30, "100")], NOW);
        let impact = impacts(&sheets, &context(&BudgetInputs::default()))[0]
            .clone()
            .unwrap();
        assert_eq!(impact.impact.consumed.format_percent(2), "69.44");
        assert_eq!(impact.after.format_percent(2), "30.56");
        assert_eq!(impact.allowed_downtime_ms, 2_592_000);
        assert_eq!(impact.verdict_before, Verdict::Allowed);
        assert_eq!(impact.verdict_after, Verdict::Warning);
        assert!(impact.decision_changed());
    }

    #[test]
    fn earlier_incidents_of_the_same_window_are_counted_before() {
        let inputs = BudgetInputs::default();
        // 99.9% over 30 days allows 43m 12s. Four full outages of 10m 48s each (25% each); the
        // one on Oct 1 is 31 days before Nov 1: outside its rolling window.
        let incidents = [
            resolved("2026-10-01 10:00:00", 0, "100"),
            resolved("2026-11-20 10:00", 0, "100"),
            resolved("2026-11-01 09:00", 0, "100"),
            resolved("2026-11-07 10:00", 0, "100"),
        ]
        .map(|mut i| {
            let start = Moment::parse(&i.start).unwrap();
            i.resolved_at = time(&WallClock::at(start.utc_ms + 648_000, 0).seconds_text(), 0);
            i
        });
        let (sheets, _) = read_all(&incidents, NOW);
        let all = impacts(&sheets, &context(&inputs));
        let percent = |r: Ratio| r.format_percent(2);
        let nov_1 = all[2].clone().unwrap();
        assert_eq!(
            nov_1.earlier,
            Vec::<usize>::new(),
            "Oct 1 is 31 days earlier"
        );
        assert_eq!(percent(nov_1.impact.consumed), "25");
        assert_eq!(percent(nov_1.after), "75");
        let nov_7 = all[3].clone().unwrap();
        assert_eq!(nov_7.earlier, vec![2]);
        assert_eq!(
            (percent(nov_7.before), percent(nov_7.after)),
            ("75".into(), "50".into())
        );
        // Exactly 50% left is at the warning line, which counts as above it.
        assert_eq!(nov_7.verdict_after, Verdict::Allowed);
        assert!(!nov_7.decision_changed());
        let nov_20 = all[1].clone().unwrap();
        assert_eq!(nov_20.earlier, vec![2, 3]);
        // 25% left after it: below the 50% warning line, so the decision changed.
        assert_eq!(percent(nov_20.after), "25");
        assert_eq!(nov_20.verdict_before, Verdict::Allowed);
        assert_eq!(nov_20.verdict_after, Verdict::Warning);
        assert!(nov_20.decision_changed());

        // In calendar months, November's incidents share a window and October's is alone.
        let monthly = budget(|b| b.window_kind = "month".into());
        let all = impacts(&sheets, &context(&monthly));
        assert_eq!(all[0].clone().unwrap().earlier, Vec::<usize>::new());
        let nov_20 = all[1].clone().unwrap();
        assert_eq!(nov_20.earlier, vec![2, 3]);
        assert_eq!(nov_20.calendar_start, CivilDate::parse("2026-11-01").ok());
        // November has 30 days: 43m 12s again. October has 31: 44m 38.4s.
        assert_eq!(nov_20.allowed_downtime_ms, 2_592_000);
        assert_eq!(all[0].clone().unwrap().allowed_downtime_ms, 2_678_400);
    }

    /// (window kind, start, minutes, traffic affected %, the note beside the figure). An
    /// incident longer than the window its cost is counted in, or (calendar) running past the
    /// end of the period of its start, is set whole against that window's budget: the figure
    /// alone read "≈1,216,666.67% of the error budget" for a year-long outage, with no word.
    const PAST_WINDOW: &[(&str, &str, i64, &str, Option<&str>)] = &[
        (
            "rolling",
            "2025-12-06 10:00",
            365 * 1440,
            "100",
            Some(
                "Longer than the window (30 days): this figure counts all of it against one \
                 window's budget, so it can pass 100% while every window meets the SLO. No one \
                 30-day window holds more than 30 days of it: 100,000% of its budget.",
            ),
        ),
        (
            "rolling",
            "2026-10-01 10:00",
            60 * 1440,
            "0.06",
            Some(
                "Longer than the window (30 days): this figure counts all of it against one \
                 window's budget, so it can pass 100% while every window meets the SLO. No one \
                 30-day window holds more than 30 days of it: 60% of its budget.",
            ),
        ),
        ("rolling", "2026-10-01 10:00", 30 * 1440, "100", None),
        (
            "month",
            "2025-12-06 10:00",
            365 * 1440,
            "100",
            Some(
                "Longer than the calendar period it is counted in (from 2025-12-01, 31 days): \
                 this figure counts all of it against that period's budget, though the part \
                 after midnight on 2026-01-01 falls in later periods, so it can pass 100% while \
                 every period meets the SLO.",
            ),
        ),
        (
            "month",
            "2026-11-30 22:00",
            180,
            "100",
            Some(
                "Runs past the end of the calendar period it is counted in (from 2026-11-01, 30 \
                 days): this figure counts all of it against that period's budget, though the \
                 part after midnight on 2026-12-01 falls in the next period.",
            ),
        ),
        ("month", "2026-11-30 22:00", 120, "100", None),
        ("month", "2026-11-10 10:00", 1440, "100", None),
        (
            "year",
            "2025-12-06 10:00",
            365 * 1440,
            "100",
            Some(
                "Runs past the end of the calendar period it is counted in (from 2025-01-01, 365 \
             days): this figure counts all of it against that period's budget, though the part \
             after midnight on 2026-01-01 falls in the next period.",
            ),
        ),
    ];

    #[test]
    fn an_incident_longer_than_the_window_says_what_its_figure_means() {
        for (kind, start, minutes, affected, expected) in PAST_WINDOW {
            let inputs = budget(|b| b.window_kind = kind.to_string());
            let (sheets, _) = read_all(&[resolved(start, *minutes, affected)], NOW);
            let impact = impacts(&sheets, &context(&inputs))[0].clone().unwrap();
            assert_eq!(
                impact.past_window_note().as_deref(),
                *expected,
                "{kind} {start} {minutes}"
            );
        }
    }

    /// The budget left before each incident, worked out the slow, plain way: every earlier
    /// incident of the same window (an ongoing one up to now) costed again against this
    /// incident's window.
    fn before_by_hand(sheets: &[IncidentSheet], context: &BudgetContext) -> Vec<Option<Ratio>> {
        (0..sheets.len())
            .map(|i| {
                let sheet = &sheets[i];
                let start = sheet.start?;
                sheet.duration_ms?;
                sheet.affected?;
                let (window, period) = context.window_at(start);
                let window_ms = window.length_ms() as i64;
                let used = sheets
                    .iter()
                    .enumerate()
                    .filter(|(j, other)| {
                        other.start.is_some_and(|s| {
                            (s.utc_ms, *j) < (start.utc_ms, i)
                                && match period {
                                    Some(first) => context.window_at(s).1 == Some(first),
                                    None => start.utc_ms - s.utc_ms < window_ms,
                                }
                        })
                    })
                    .filter_map(|(_, other)| {
                        let cost = burn::incident_impact(
                            context.target,
                            window,
                            other.duration_ms?,
                            other.affected?,
                        );
                        Some(cost.consumed)
                    })
                    .fold(Ratio::ZERO, Ratio::saturating_add);
                Some(Ratio::ONE.saturating_sub(used))
            })
            .collect()
    }

    #[test]
    fn each_earlier_incident_is_costed_once_and_the_sums_agree_with_the_plain_way() {
        // 90 incidents over five months, two with the same start, one ongoing, one without a
        // share of traffic: rolling 7 and 30 days, calendar months and quarters.
        let mut incidents: Vec<IncidentInputs> = (0..90)
            .map(|i| {
                let start = format!(
                    "2026-{:02}-{:02} {:02}:{:02}",
                    6 + i % 5,
                    1 + (i * 7) % 28,
                    (i * 5) % 24,
                    (i * 13) % 60
                );
                resolved(
                    &start,
                    1 + (i as i64 * 17) % 240,
                    ["5", "25", "100", "0.5"][i % 4],
                )
            })
            .collect();
        incidents[10] = incidents[11].clone();
        incidents[20].resolved_at = TimeInputs::default();
        incidents[30].affected_percent = String::new();
        let (sheets, _) = read_all(&incidents, NOW);
        for kind in [
            ("rolling", "7"),
            ("rolling", "30"),
            ("month", "30"),
            ("quarter", "30"),
        ] {
            let inputs = budget(|b| {
                b.window_kind = kind.0.into();
                b.window_days = kind.1.into();
            });
            let context = context(&inputs);
            let fast: Vec<Option<Ratio>> = impacts(&sheets, &context)
                .into_iter()
                .map(|impact| impact.map(|i| i.before))
                .collect();
            assert_eq!(fast, before_by_hand(&sheets, &context), "{kind:?}");
            assert!(fast
                .iter()
                .flatten()
                .any(|b| b.cmp_exact(Ratio::ONE).is_lt()));
        }
    }

    #[test]
    fn an_earlier_ongoing_incident_counts_up_to_now_for_later_ones_as_in_the_budget_tab() {
        // An ongoing incident was left out of the budget left after later ones, while the
        // Budget tab counts it up to now.
        let mut ongoing = resolved("2026-12-06 11:00", 0, "50");
        ongoing.resolved_at = TimeInputs::default();
        let later = resolved("2026-12-06 11:30", 10, "100");
        let log = IncidentsInputs {
            incidents: vec![ongoing, later],
            selected: 0,
        };
        let inputs = budget(|b| {
            b.so_far_mode = "availability".into();
            b.so_far_availability = "100".into();
            b.elapsed_days = "10".into();
            b.include_incidents = true;
        });
        let (sheets, _) = read_all(&log.incidents, NOW);
        let all = impacts(&sheets, &context(&inputs));
        let first = all[0].clone().unwrap();
        assert!(first.ongoing);
        // One hour at 50% is 30 minutes of full outage: 69.44% of 43m 12s.
        assert_eq!(first.impact.equivalent_downtime_ms, 30 * MS_PER_MINUTE);
        let second = all[1].clone().unwrap();
        assert_eq!(second.earlier, vec![0]);
        assert_eq!(
            second.before,
            Ratio::ONE.saturating_sub(first.impact.consumed)
        );
        // 30m + 10m of 43m 12s: 92.59% used, 7.41% left, as the Budget tab has it.
        assert_eq!(percent(second.after), "≈7.41%");
        let (sheet, added) = budget_with_incidents(&inputs, &log, Now::at(NOW, |_| 0));
        assert_eq!(added.unwrap().ongoing, 1);
        assert_eq!(
            second.after,
            sheet.remaining.ready().unwrap().report.remaining
        );
        assert_eq!(
            second.left_text(),
            "≈7.41% (≈30.56% before; 1 earlier logged incident in this window)"
        );
    }

    #[test]
    fn overspending_is_said_and_nothing_goes_negative() {
        let incidents = [
            resolved("2026-12-01 10:00", 40, "100"),
            resolved("2026-12-02 10:00", 40, "100"),
        ];
        let (sheets, _) = read_all(&incidents, NOW);
        let all = impacts(&sheets, &context(&BudgetInputs::default()));
        let second = all[1].clone().unwrap();
        assert_eq!(second.after, Ratio::ZERO);
        assert!(second.overspent);
        assert_eq!(second.verdict_after, Verdict::Freeze);
        assert!(!all[0].clone().unwrap().overspent);
    }

    #[test]
    fn budget_tab_adds_the_resolved_incidents_of_its_current_window() {
        let today = CivilDate::parse("2026-12-06").unwrap();
        let now = Now::at(NOW, |_| 0);
        // 99.92% observed over the 10 days so far: 0.08% / 0.1% x 10/30 = 26.67% consumed.
        let mut inputs = budget(|b| {
            b.so_far_mode = "availability".into();
            b.so_far_availability = "99.92".into();
            b.elapsed_days = "10".into();
        });
        // Ongoing since 11:49:12, 10m 48s before now.
        let mut ongoing = resolved("2026-12-06 11:49:12", 0, "100");
        ongoing.resolved_at = TimeInputs::default();
        let log = IncidentsInputs {
            incidents: vec![
                // The window began at 12:00 UTC on 2026-11-26 (now − 10 days): counted.
                resolved("2026-11-26 12:00", 30, "10"),
                // Over at 11:59, before it began: left out.
                resolved("2026-11-26 11:29", 30, "100"),
                resolved("2026-12-06 09:00", 30, "100"),
                ongoing,
                // Later than now, an error on the Incidents tab: left out.
                resolved("2026-12-07 09:00", 30, "100"),
                // Resolved at 12:10, later than now, an error too: left out (its 10 minutes
                // before now counted as if resolved).
                resolved("2026-12-06 11:50", 20, "100"),
            ],
            selected: 0,
        };
        let (plain, none) = budget_with_incidents(&inputs, &log, now);
        assert_eq!(none, None, "not asked for");
        assert_eq!(plain, budget_sheet::read(&inputs, now));

        inputs.include_incidents = true;
        let (sheet, added) = budget_with_incidents(&inputs, &log, now);
        let added = added.unwrap();
        assert_eq!(added.from, CivilDate::parse("2026-11-26").unwrap());
        assert_eq!(added.to, today);
        let counted: Vec<&str> = added.counted.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            counted,
            [
                "INC-20261126-120000",
                "INC-20261206-090000",
                "INC-20261206-114912"
            ]
        );
        assert_eq!(added.ongoing, 1);
        // 3 min + 30 min + 10.8 min so far of full outage out of 43.2 min: 101.39%.
        assert_eq!(added.total.format_percent(2), "101.39");
        let figures = sheet.remaining.ready().unwrap();
        // 4/15 + 43.8/43.2 = 26.67% + 101.39% = 128.06%: overspent, nothing remains.
        assert_eq!(figures.report.consumed.format_percent(2), "128.06");
        assert_eq!(figures.report.remaining, Ratio::ZERO);
        assert_eq!(figures.added, added.total);
        assert_eq!(figures.decision.verdict, Verdict::Freeze);

        // A calendar month that is over counts to its last day; one not filled in adds nothing.
        let mut monthly = budget(|b| {
            b.window_kind = "month".into();
            b.calendar_date = "2026-11-10".into();
            b.so_far_bad = "0".into();
            b.so_far_total = "1000".into();
            b.include_incidents = true;
        });
        let (_, added) = budget_with_incidents(&monthly, &log, now);
        let added = added.unwrap();
        assert_eq!(added.to, CivilDate::parse("2026-11-30").unwrap());
        assert_eq!(added.counted.len(), 2);
        // The ongoing incident started in December.
        assert_eq!(added.ongoing, 0);
        monthly.so_far_total = String::new();
        monthly.so_far_bad = String::new();
        assert_eq!(budget_with_incidents(&monthly, &log, now).1, None);
    }

    #[test]
    fn an_ongoing_incident_counts_up_to_now_as_on_the_incidents_tab() {
        use crate::calc::budget_words::incidents_added_text;
        // 99.9% over 30 days allows 43m 12s; nothing else failed in the 10 days so far, which
        // began 2026-11-26 12:00 UTC (now is 2026-12-06 12:00 UTC).
        let inputs = budget(|b| {
            b.so_far_mode = "availability".into();
            b.so_far_availability = "100".into();
            b.elapsed_days = "10".into();
            b.include_incidents = true;
        });
        let now = Now::at(NOW, |_| 0);
        let ongoing = |start: &str, affected: &str| {
            let mut incident = resolved(start, 0, affected);
            incident.resolved_at = TimeInputs::default();
            incident
        };
        let log = IncidentsInputs {
            incidents: vec![
                // A full outage since 11:38:24: 21m 36s so far, half of 43m 12s.
                ongoing("2026-12-06 11:38:24", "100"),
                // At 0.0015% of traffic since an hour before the window began: its last 10 days
                // count, 14,400 min × 0.000015 = 12.96 s of full outage, 0.5%.
                ongoing("2026-11-26 11:00", "0.0015"),
            ],
            selected: 0,
        };
        let (sheet, added) = budget_with_incidents(&inputs, &log, now);
        let added = added.unwrap();
        assert_eq!(added.ongoing, 2);
        assert!(added.counted.iter().all(|c| c.ongoing));
        assert_eq!(
            incidents_added_text(&added),
            "Added 50.5% of the budget for 2 logged incidents from 2026-11-26 to 2026-12-06: \
             INC-20261126-110000 (0.5%, ongoing, 10d 1h 0m 0s so far, 10d 0h 0m 0s of it \
             counted), INC-20261206-113824 (50%, ongoing, 21m 36s so far)."
        );
        let figures = sheet.remaining.ready().unwrap();
        assert_eq!(figures.added, added.total);
        assert_eq!(figures.report.remaining.format_percent(2), "49.5");

        // The Incidents tab costs the outage the same, up to now.
        let (sheets, _) = read_all(&log.incidents, NOW);
        let impact = impacts(&sheets, &context(&inputs))[0].clone().unwrap();
        assert_eq!(impact.impact.consumed, added.counted[1].consumed);

        // An hour on, at 13:00, the outage has run 1h 21m 36s: 188.89% of the budget.
        let (_, later) = budget_with_incidents(&inputs, &log, Now::at(NOW + 3_600_000, |_| 0));
        let outage = &later.unwrap().counted[1];
        assert_eq!(outage.counted_ms, (81 * 60 + 36) * 1_000);
        assert_eq!(percent(outage.consumed), "≈188.89%");
    }

    #[test]
    fn an_incident_across_the_windows_edges_counts_only_its_part_inside() {
        use crate::calc::budget_words::incidents_added_text;
        // 99.9% over 30 days allows 43m 12s (2,592,000 ms); nothing else failed so far.
        let mut inputs = budget(|b| {
            b.so_far_mode = "availability".into();
            b.so_far_availability = "100".into();
            b.elapsed_days = "10".into();
            b.include_incidents = true;
        });
        // Now is 2026-12-06 12:00 UTC: 10 days elapsed began 2026-11-26 12:00 UTC.
        let now = Now::at(NOW, |_| 0);
        let log = IncidentsInputs {
            incidents: vec![
                // 11:00 to 13:00 at 10%: the hour after 12:00 counts, 6m of full outage.
                resolved("2026-11-26 11:00", 120, "10"),
                // Over at 11:59, before the window began: left out (its start date is the
                // window's first day, which counted it whole).
                resolved("2026-11-26 10:00", 119, "100"),
                // Wholly inside: 30m.
                resolved("2026-12-06 09:00", 30, "100"),
            ],
            selected: 0,
        };
        let (sheet, added) = budget_with_incidents(&inputs, &log, now);
        let added = added.unwrap();
        // (6m + 30m) / 43m 12s = 36 / 43.2 = 83.33%.
        assert_eq!(
            incidents_added_text(&added),
            "Added ≈83.33% of the budget for 2 logged incidents from 2026-11-26 to 2026-12-06: \
             INC-20261126-110000 (≈13.89%, 1h 0m 0s of 2h 0m 0s counted), \
             INC-20261206-090000 (≈69.44%)."
        );
        assert_eq!(sheet.remaining.ready().unwrap().added, added.total);

        // November, a calendar month that is over, from 00:00 on the 1st to 00:00 on
        // 2026-12-01 in the browser's zone (UTC here). 30 days: 43m 12s allowed again.
        inputs.window_kind = "month".into();
        inputs.calendar_date = "2026-11-10".into();
        inputs.elapsed_days = String::new();
        let log = IncidentsInputs {
            incidents: vec![
                // 23:30 on 31 October to 00:30: its last 30m are November's (started in
                // October, it counted nothing).
                resolved("2026-10-31 23:30", 60, "100"),
                // 23:00 on 30 November to 01:00 at 50%: the first hour is November's, 30m of
                // full outage (it counted 2h at 50%, 60m).
                resolved("2026-11-30 23:00", 120, "50"),
            ],
            selected: 0,
        };
        let (_, added) = budget_with_incidents(&inputs, &log, now);
        // 30m + 30m of 43m 12s: 138.89%.
        assert_eq!(
            incidents_added_text(&added.unwrap()),
            "Added ≈138.89% of the budget for 2 logged incidents from 2026-11-01 to 2026-11-30: \
             INC-20261031-233000 (≈69.44%, 30m 0s of 1h 0m 0s counted), \
             INC-20261130-230000 (≈69.44%, 1h 0m 0s of 2h 0m 0s counted)."
        );

        // In UTC+01:00 November runs from 23:00 UTC on 31 October to 23:00 UTC on 30
        // November: the first incident is wholly November's (1h, 138.89%), the second
        // December's.
        let (_, added) = budget_with_incidents(&inputs, &log, Now::at(NOW, |_| 60));
        assert_eq!(
            incidents_added_text(&added.unwrap()),
            "Added ≈138.89% of the budget for 1 logged incident from 2026-11-01 to 2026-11-30: \
             INC-20261031-233000 (≈138.89%)."
        );
    }

    #[test]
    fn the_part_counted_is_the_overlap_with_the_span() {
        // The span from 2026-12-01 00:00 to 2026-12-02 00:00 UTC; each incident at 100% of
        // traffic. (start, minutes, counted minutes and minutes after the span's start, or
        // `None` when left out).
        type Case = (&'static str, i64, Option<(u64, u64)>);
        let cases: &[Case] = &[
            ("2026-11-30 23:00", 120, Some((60, 0))),
            ("2026-11-30 23:00", 60, None),
            ("2026-11-30 22:00", 48 * 60, Some((24 * 60, 0))),
            ("2026-12-01 00:00", 0, Some((0, 0))),
            ("2026-12-01 10:00", 30, Some((30, 600))),
            ("2026-12-01 23:30", 60, Some((30, 1_410))),
            ("2026-12-02 00:00", 0, None),
            ("2026-12-02 00:00", 30, None),
        ];
        let span = WindowSpan {
            from: CivilDate::parse("2026-12-01").unwrap(),
            to: CivilDate::parse("2026-12-01").unwrap(),
            start_utc_ms: moment("2026-12-01 00:00", 0).utc_ms,
            end_utc_ms: moment("2026-12-02 00:00", 0).utc_ms,
        };
        let target = SloTarget::parse("99.9").unwrap();
        let window = WindowDays::from_days(30).unwrap();
        for &(start, minutes, expected) in cases {
            let counted = count_in(
                &[resolved(start, minutes, "100")],
                target,
                window,
                span,
                NOW,
            );
            let got = counted.first().map(|c| {
                assert_eq!(c.duration_ms, minutes as u64 * MS_PER_MINUTE);
                let whole = burn::incident_impact(target, window, c.counted_ms, Ratio::ONE);
                assert_eq!(c.consumed, whole.consumed);
                (c.counted_ms / MS_PER_MINUTE, c.offset_ms / MS_PER_MINUTE)
            });
            assert_eq!(got, expected, "{start} {minutes}");
        }

        // An ongoing incident runs to now (2026-12-06 12:00): one that started before the span
        // counts all of it, one that started at its end nothing.
        let mut ongoing = resolved("2026-11-20 10:00", 0, "100");
        ongoing.resolved_at = TimeInputs::default();
        let counted = count_in(&[ongoing.clone()], target, window, span, NOW);
        let day = burn::incident_impact(target, window, MS_PER_DAY, Ratio::ONE).consumed;
        assert_eq!(
            counted,
            [Counted {
                index: 0,
                id: "INC-20261120-100000".into(),
                title: "t".into(),
                duration_ms: (16 * 24 + 2) * MS_PER_HOUR,
                counted_ms: MS_PER_DAY,
                ongoing: true,
                offset_ms: 0,
                consumed: day,
            }]
        );
        ongoing.start = time("2026-12-02 00:00", 0);
        assert_eq!(count_in(&[ongoing.clone()], target, window, span, NOW), []);
        // Read before it started, it is not counted: its start is later than now.
        ongoing.start = time("2026-12-01 10:00", 0);
        let before_it = moment("2026-12-01 09:00", 0).utc_ms;
        assert_eq!(count_in(&[ongoing], target, window, span, before_it), []);

        // The widest span there is costs the whole incident and overflows nothing.
        let everything = WindowSpan {
            start_utc_ms: i64::MIN,
            end_utc_ms: i64::MAX,
            ..span
        };
        let long = resolved("0001-01-03 00:00", 5_000_000_000, "100");
        let counted = count_in(&[long], target, window, everything, i64::MAX);
        assert_eq!(counted[0].counted_ms, counted[0].duration_ms);
        assert_eq!(
            counted[0].offset_ms,
            u64::try_from(i128::from(moment("0001-01-03 00:00", 0).utc_ms) - i128::from(i64::MIN),)
                .unwrap()
        );
    }

    /// The overlapping pairs of `incidents` counted in the span of 2026-12-01 (UTC) as
    /// (first id, second id, minutes), and the warning.
    fn overlaps_in_day(
        incidents: &[IncidentInputs],
        now_ms: i64,
    ) -> (Vec<(String, String, u64)>, Option<String>) {
        let span = WindowSpan {
            from: CivilDate::parse("2026-12-01").unwrap(),
            to: CivilDate::parse("2026-12-01").unwrap(),
            start_utc_ms: moment("2026-12-01 00:00", 0).utc_ms,
            end_utc_ms: moment("2026-12-02 00:00", 0).utc_ms,
        };
        let target = SloTarget::parse("99.9").unwrap();
        let window = WindowDays::from_days(30).unwrap();
        let counted = count_in(incidents, target, window, span, now_ms);
        let found = counted_overlaps(&counted, span);
        let pairs = found
            .iter()
            .map(|o| {
                let (a, b) = (&counted[o.first], &counted[o.second]);
                (a.id.clone(), b.id.clone(), o.overlap_ms / MS_PER_MINUTE)
            })
            .collect();
        let text = budget_words::overlap_text(&found, |i| {
            (counted[i].id.clone(), counted[i].title.clone())
        });
        (pairs, text)
    }

    #[test]
    fn overlapping_incidents_are_named_with_how_long_they_overlap() {
        let titled = |title: &str, start: &str, minutes: i64| IncidentInputs {
            title: title.into(),
            ..resolved(start, minutes, "100")
        };
        let pair = |a: &str, b: &str, minutes: u64| (a.to_string(), b.to_string(), minutes);
        // (incidents, overlapping pairs)
        type Case = (Vec<IncidentInputs>, Vec<(String, String, u64)>);
        let cases: Vec<Case> = vec![
            // 10:00-10:30 and 10:10-10:40 overlap for 20 minutes.
            (
                vec![
                    titled("A", "2026-12-01 10:00", 30),
                    titled("B", "2026-12-01 10:10", 30),
                ],
                vec![pair("INC-20261201-100000", "INC-20261201-101000", 20)],
            ),
            // Touching, one ending as the other starts: no overlap.
            (
                vec![
                    titled("A", "2026-12-01 10:00", 30),
                    titled("B", "2026-12-01 10:30", 30),
                ],
                vec![],
            ),
            // Nested: the inner one's whole 15 minutes; listed in order of start whatever the
            // log's order.
            (
                vec![
                    titled("Inner", "2026-12-01 10:15", 15),
                    titled("Outer", "2026-12-01 10:00", 60),
                ],
                vec![pair("INC-20261201-100000", "INC-20261201-101500", 15)],
            ),
            // Three at once: each pair.
            (
                vec![
                    titled("A", "2026-12-01 10:00", 60),
                    titled("B", "2026-12-01 10:20", 60),
                    titled("C", "2026-12-01 10:50", 60),
                ],
                vec![
                    pair("INC-20261201-100000", "INC-20261201-102000", 40),
                    pair("INC-20261201-100000", "INC-20261201-105000", 10),
                    pair("INC-20261201-102000", "INC-20261201-105000", 30),
                ],
            ),
            // An incident of no duration overlaps nothing.
            (
                vec![
                    titled("A", "2026-12-01 10:00", 60),
                    titled("Blip", "2026-12-01 10:20", 0),
                ],
                vec![],
            ),
            // Only the parts counted in the span overlap: 23:00 to 00:30 and 23:50 to 01:00 went
            // on at once for 40 minutes, 30 of them after midnight, in the span.
            (
                vec![
                    titled("A", "2026-11-30 23:00", 90),
                    titled("B", "2026-11-30 23:50", 70),
                ],
                vec![pair("INC-20261130-230000", "INC-20261130-235000", 30)],
            ),
        ];
        for (incidents, expected) in cases {
            let (pairs, _) = overlaps_in_day(&incidents, NOW);
            assert_eq!(pairs, expected, "{incidents:#?}");
        }

        // An ongoing incident overlaps up to now: read at 10:45 on the day, one ongoing since
        // 10:00 and one from 10:30 to 10:40 overlap for 10 minutes; and one since 10:40 with
        // the first, for the 5 minutes so far.
        let now = moment("2026-12-01 10:45", 0).utc_ms;
        let mut ongoing = titled("Checkout errors", "2026-12-01 10:00", 0);
        ongoing.resolved_at = TimeInputs::default();
        let mut also_ongoing = titled("Slow search", "2026-12-01 10:40", 0);
        also_ongoing.resolved_at = TimeInputs::default();
        let incidents = [
            ongoing,
            titled("Database failover", "2026-12-01 10:30", 10),
            also_ongoing,
        ];
        let (pairs, text) = overlaps_in_day(&incidents, now);
        assert_eq!(
            pairs,
            [
                pair("INC-20261201-100000", "INC-20261201-103000", 10),
                pair("INC-20261201-100000", "INC-20261201-104000", 5),
            ]
        );
        assert_eq!(
            text.as_deref(),
            Some(
                "“Checkout errors” (INC-20261201-100000) and “Database failover” \
                 (INC-20261201-103000) overlap for 10m 0s; both are counted in full. \
                 “Checkout errors” (INC-20261201-100000) and “Slow search” (INC-20261201-104000) \
                 overlap for 5m 0s; both are counted in full. If overlapping incidents are one \
                 outage, log it once (or lower one's share of traffic affected) so that time is \
                 not counted twice; if they hit different traffic, adding them is right."
            )
        );
        assert_eq!(overlaps_in_day(&incidents[1..2], now).1, None);
    }

    #[test]
    fn the_budget_tab_and_the_incidents_tab_name_the_overlaps_they_add() {
        let inputs = budget(|b| {
            b.so_far_mode = "availability".into();
            b.so_far_availability = "100".into();
            b.elapsed_days = "10".into();
            b.include_incidents = true;
        });
        let titled = |title: &str, start: &str, minutes: i64| IncidentInputs {
            title: title.into(),
            ..resolved(start, minutes, "100")
        };
        let log = IncidentsInputs {
            incidents: vec![
                titled("A", "2026-12-06 09:00", 30),
                titled("B", "2026-12-06 09:10", 30),
                titled("C", "2026-12-06 10:00", 30),
            ],
            selected: 0,
        };
        let (_, added) = budget_with_incidents(&inputs, &log, Now::at(NOW, |_| 0));
        let added = added.unwrap();
        assert_eq!(
            added.overlaps,
            [Overlap {
                first: 0,
                second: 1,
                overlap_ms: 20 * MS_PER_MINUTE,
            }]
        );
        assert_eq!(added.counted[1].title, "B");
        let named = |i: usize| (added.counted[i].id.clone(), added.counted[i].title.clone());
        assert_eq!(
            budget_words::overlap_text(&added.overlaps, named).as_deref(),
            Some(
                "“A” (INC-20261206-090000) and “B” (INC-20261206-091000) overlap for 20m 0s; \
                 both are counted in full. If they are one outage, log it once (or lower one's \
                 share of traffic affected) so that time is not counted twice; if they hit \
                 different traffic, adding them is right."
            )
        );
        // The Incidents tab: B is costed after A, which overlaps it.
        let (sheets, _) = read_all(&log.incidents, NOW);
        let all = impacts(&sheets, &context(&inputs));
        assert_eq!(
            impact_overlaps(&sheets, &all),
            [Overlap {
                first: 0,
                second: 1,
                overlap_ms: 20 * MS_PER_MINUTE,
            }]
        );
        // Not costed together (months apart in calendar months), they are not named there.
        let far = IncidentsInputs {
            incidents: vec![
                titled("Long", "2026-11-30 23:00", 120),
                titled("Short", "2026-12-01 00:10", 10),
            ],
            selected: 0,
        };
        let monthly = budget(|b| b.window_kind = "month".into());
        let (sheets, _) = read_all(&far.incidents, NOW);
        let all = impacts(&sheets, &context(&monthly));
        assert_eq!(impact_overlaps(&sheets, &all), []);
        let rolling = impacts(&sheets, &context(&inputs));
        assert_eq!(impact_overlaps(&sheets, &rolling).len(), 1);
    }

    #[test]
    fn a_timeline_entry_far_outside_its_incident_is_warned_of_not_refused() {
        // An entry a year before the start was taken without a word.
        let entry = |time_text: &str| EntryInputs {
            time: time(time_text, 0),
            status: "investigating".into(),
            ..EntryInputs::default()
        };
        // 2026-12-05 10:00 to 11:00 UTC; now is 2026-12-06 12:00.
        let mut incident = resolved("2026-12-05 10:00", 60, "100");
        let cases: &[(&str, Option<&str>)] = &[
            ("2026-12-05 10:30", None),
            // Up to a day before the start (the deploy that caused it) or after the
            // resolution (the follow-up) is context, not a slip.
            ("2026-12-04 10:00", None),
            ("2026-12-06 11:00", None),
            (
                "2025-12-05 10:00",
                Some(
                    "365d 0h 0m 0s before the incident's start (2026-12-05 10:00): check the \
                     date. It is kept as typed; an entry up to a day outside the incident is \
                     not flagged.",
                ),
            ),
            (
                "2026-12-04 09:59",
                Some(
                    "1d 0h 1m 0s before the incident's start (2026-12-05 10:00): check the date. \
                     It is kept as typed; an entry up to a day outside the incident is not \
                     flagged.",
                ),
            ),
            (
                "2026-12-06 11:01",
                Some(
                    "1d 0h 1m 0s after the incident was resolved (2026-12-05 11:00): check the \
                     date. It is kept as typed; an entry up to a day outside the incident is not \
                     flagged.",
                ),
            ),
        ];
        for (at, expected) in cases {
            incident.timeline = vec![entry("2026-12-05 10:05"), entry(at)];
            let sheet = read(&incident, NOW);
            assert!(sheet.errors.is_empty(), "{at}: {:?}", sheet.errors);
            assert_eq!(
                sheet.warning(IncidentField::EntryTime(1)),
                *expected,
                "{at}"
            );
            assert_eq!(sheet.warning(IncidentField::EntryTime(0)), None, "{at}");
        }

        // An ongoing incident runs to now: an entry more than a day later is flagged.
        incident.resolved_at = TimeInputs::default();
        incident.timeline = vec![entry("2026-12-07 12:00"), entry("2026-12-07 12:01")];
        let sheet = read(&incident, NOW);
        assert_eq!(sheet.warning(IncidentField::EntryTime(0)), None);
        assert_eq!(
            sheet.warning(IncidentField::EntryTime(1)),
            Some(
                "1d 0h 1m 0s later than now, while the incident is ongoing: check the date. It \
                 is kept as typed; an entry up to a day outside the incident is not flagged."
            )
        );
        // Nothing to compare with while the start is not valid.
        incident.start = time("2026-13-01 10:00", 0);
        incident.timeline = vec![entry("2020-01-01 00:00")];
        assert_eq!(
            read(&incident, NOW).warning(IncidentField::EntryTime(0)),
            None
        );
    }

    #[test]
    fn a_far_off_entry_has_a_short_note_for_the_row_and_the_draft() {
        // The page's row and the postmortem draft say it in one short clause; the field's
        // warning says the rest.
        let entry = |time_text: &str| EntryInputs {
            time: time(time_text, 0),
            status: "investigating".into(),
            ..EntryInputs::default()
        };
        let mut incident = resolved("2026-12-05 10:00", 60, "100");
        let cases: &[(&str, Option<&str>)] = &[
            ("2026-12-05 10:30", None),
            (
                "2026-12-04 09:59",
                Some("1d 0h 1m 0s before the incident's start: check the date"),
            ),
            (
                "2026-12-06 11:01",
                Some("1d 0h 1m 0s after the incident was resolved: check the date"),
            ),
        ];
        for (at, expected) in cases {
            incident.timeline = vec![entry(at)];
            let sheet = read(&incident, NOW);
            let note = sheet.far_off(0).map(FarOff::note);
            assert_eq!(note.as_deref(), *expected, "{at}");
            // The field's warning is the same finding in full.
            assert_eq!(
                sheet
                    .warning(IncidentField::EntryTime(0))
                    .map(str::to_string),
                sheet.far_off(0).map(FarOff::warning),
                "{at}"
            );
        }
        incident.resolved_at = TimeInputs::default();
        incident.timeline = vec![entry("2026-12-07 12:01")];
        assert_eq!(
            read(&incident, NOW).far_off(0).map(FarOff::note).as_deref(),
            Some("1d 0h 1m 0s later than now, while the incident is ongoing: check the date")
        );
        assert_eq!(read(&incident, NOW).far_off(1), None);
    }

    #[test]
    fn a_flagged_time_shows_the_seconds_that_put_it_over_a_day() {
        // An entry saved at 12:00:30, a day and 30 s before a start at 12:00, read "12:00" in
        // its row, the same as an unflagged one a day before.
        let mut incident = resolved("2026-12-05 12:00", 60, "100");
        incident.timeline = vec![
            EntryInputs {
                time: time("2026-12-04 11:59:30", 0),
                ..EntryInputs::default()
            },
            EntryInputs {
                time: time("2026-12-04 12:00", 0),
                ..EntryInputs::default()
            },
        ];
        let sheet = read(&incident, NOW);
        assert!(sheet.far_off(0).is_some());
        assert_eq!(sheet.far_off(1), None);
        let shown: Vec<String> = sheet
            .entry_times
            .iter()
            .map(|m| entry_time_text(m.unwrap(), 0, 0))
            .collect();
        assert_eq!(shown, ["2026-12-04 11:59:30", "2026-12-04 12:00"]);

        // (typed, offset typed in, offset the entry is shown in, column's offset, shown)
        let cases: &[(&str, i32, i32, i32, &str)] = &[
            ("2026-12-04 12:00:30", 0, 0, 0, "2026-12-04 12:00:30"),
            ("2026-12-04 12:00:00", 0, 0, 0, "2026-12-04 12:00"),
            ("2026-12-04 12:00", 60, 60, 60, "2026-12-04 12:00"),
            // Another offset than the column's heading says its own.
            (
                "2026-03-29 03:00:05",
                120,
                120,
                60,
                "2026-03-29 03:00:05 (UTC+02:00)",
            ),
            (
                "2026-12-04 12:00:30",
                0,
                60,
                0,
                "2026-12-04 13:00:30 (UTC+01:00)",
            ),
        ];
        for (typed, typed_offset, own, column, expected) in cases {
            let at = moment(typed, *typed_offset);
            assert_eq!(entry_time_text(at, *own, *column), *expected, "{typed}");
        }

        // Every sentence that shows a time keeps its seconds too.
        let twice = time_zone_note(&time("2026-10-25 02:30:15", 120), berlin()).unwrap();
        assert!(
            twice.starts_with(" 2026-10-25 02:30:15 happens twice"),
            "{twice}"
        );
        let clocks: &[(&str, &str)] = &[("12:00:30", "12:00:30"), ("12:00", "12:00")];
        for (typed, expected) in clocks {
            let wall = WallClock::parse(&format!("2026-12-04 {typed}")).unwrap();
            assert_eq!(wall.clock_text(), *expected);
        }
    }

    #[test]
    fn times_at_the_ends_of_the_calendar_are_refused_not_shown_on_a_clamped_date() {
        // 9999-12-31 23:00 at UTC-18:00 is 10000-01-01 17:00 UTC: read in UTC it showed
        // 9999-12-31 17:00, a day and more off.
        let range = "Use a date from 0001-01-03 to 9999-12-29: times nearer the ends of the \
                     calendar (the years 1 to 9999) cannot be shown in every time zone";
        assert_eq!(TimeError::OutOfRange.to_string(), range);
        let offsets = [-MAX_OFFSET_MINUTES, -60, 0, 330, MAX_OFFSET_MINUTES];
        let cases: &[(&str, bool)] = &[
            ("0001-01-01 00:00", false),
            ("0001-01-02 23:59:59", false),
            ("0001-01-03 00:00", true),
            ("9999-12-29 23:59:59", true),
            ("9999-12-30 00:00", false),
            ("9999-12-31 23:59:59", false),
        ];
        for (typed, accepted) in cases {
            for typed_offset in offsets {
                let read = Moment::parse(&time(typed, typed_offset));
                if !accepted {
                    assert_eq!(read, Err(TimeError::OutOfRange), "{typed} {typed_offset}");
                    continue;
                }
                // What is accepted shows as the same instant in every offset.
                let at = read.unwrap();
                for shown_offset in offsets {
                    let wall = WallClock::at(at.utc_ms, shown_offset);
                    let back = wall.wall_ms() - i64::from(shown_offset) * MS_PER_MINUTE as i64;
                    assert_eq!(back, at.utc_ms, "{typed} {shown_offset}");
                }
            }
        }
    }

    #[test]
    fn incidents_are_listed_latest_first() {
        let incidents = [
            resolved("2026-12-01 10:00", 1, "1"),
            IncidentInputs::default(),
            resolved("2026-12-03 10:00", 1, "1"),
            resolved("2026-12-02 10:00", 1, "1"),
        ];
        let (sheets, _) = read_all(&incidents, NOW);
        assert_eq!(list_order(&sheets), vec![2, 3, 0, 1]);
    }

    #[test]
    fn hostile_text_never_panics() {
        let hostile = [
            "",
            "<img src=x onerror=alert(1)>",
            "\u{0}\u{7}\u{1b}[31m",
            "💥🔥",
            "9999-12-31 23:59:59",
            "0001-01-01 00:00",
            "-1",
            "1e308",
            "NaN",
            "١٢٣",
            "2026-12-04 03:15:15:15",
            "T",
            " T ",
            "2026-12-04T",
        ];
        for text in hostile {
            for offset in [
                0,
                i32::MIN,
                i32::MAX,
                MAX_OFFSET_MINUTES,
                -MAX_OFFSET_MINUTES,
            ] {
                let incident = IncidentInputs {
                    id: Default::default(),
                    title: text.into(),
                    severity: text.into(),
                    detected_by: text.into(),
                    commander: text.into(),
                    responders: text.into(),
                    start: time(text, offset),
                    affected_percent: text.into(),
                    full_outage: false,
                    timeline: vec![EntryInputs {
                        id: Default::default(),
                        time: time(text, offset),
                        status: text.into(),
                        message: text.into(),
                    }],
                    resolution: text.into(),
                    resolved_at: time(text, offset),
                };
                let incidents = [incident.clone(), incident];
                for now in [0, NOW, i64::MAX, i64::MIN] {
                    let (sheets, ids) = read_all(&incidents, now);
                    let _ = impacts(&sheets, &context(&BudgetInputs::default()));
                    let _ = list_order(&sheets);
                    assert_eq!(ids.len(), 2);
                }
            }
        }
        let _ = WallClock::at(i64::MAX, MAX_OFFSET_MINUTES);
        let _ = WallClock::at(i64::MIN, -MAX_OFFSET_MINUTES);
    }
}
