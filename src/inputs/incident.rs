//! The Incident tab's inputs: the incident log as typed.
//!
//! Times are kept as the person typed them, in local wall-clock time (`2026-12-04 03:15`), with
//! the offset from UTC that the browser had for that wall-clock time when it was entered. Text
//! and offset together name one instant exactly (UTC milliseconds = wall-clock time − offset),
//! and a reload still shows a time that was not valid yet exactly as it was typed.

use std::fmt;

use serde::de::{Error, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::rows::{numbered, RowId};

/// Every input of the Incident tab. Missing fields read as their defaults, so an older saved
/// value with fewer fields still loads.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentsInputs {
    /// The incidents in the order they were declared (the page lists them by start time).
    #[serde(deserialize_with = "numbered")]
    pub incidents: Vec<IncidentInputs>,
    /// Index in `incidents` of the incident shown in full.
    pub selected: usize,
}

/// One incident as typed. Missing fields read as a new incident's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentInputs {
    /// The row's id in its list (see [`RowId`]).
    pub id: RowId,
    pub title: String,
    /// `SEV1` (critical customer impact), `SEV2` (partial degradation), `SEV3` (minor) or `SEV4`
    /// (cosmetic).
    pub severity: String,
    /// How the incident was noticed: an alert's name, a customer report, a person.
    pub detected_by: String,
    /// The incident commander.
    pub commander: String,
    /// Everyone else who worked on it, as typed (names separated by commas).
    pub responders: String,
    /// When the impact started.
    pub start: TimeInputs,
    /// Share of traffic affected, in percent; ignored when `full_outage` is set.
    pub affected_percent: String,
    /// Every request failed: the share affected is 100%.
    pub full_outage: bool,
    /// What was done and what was said, in the order stored (the page keeps it sorted by time).
    #[serde(deserialize_with = "numbered")]
    pub timeline: Vec<EntryInputs>,
    /// How the incident was resolved.
    pub resolution: String,
    /// When the impact ended; empty while the incident is ongoing.
    pub resolved_at: TimeInputs,
}

impl Default for IncidentInputs {
    fn default() -> Self {
        IncidentInputs {
            id: RowId::NONE,
            title: String::new(),
            severity: "SEV2".to_string(),
            detected_by: String::new(),
            commander: String::new(),
            responders: String::new(),
            start: TimeInputs::default(),
            affected_percent: "100".to_string(),
            full_outage: false,
            timeline: Vec::new(),
            resolution: String::new(),
            resolved_at: TimeInputs::default(),
        }
    }
}

/// One timeline entry as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryInputs {
    /// The row's id in its list (see [`RowId`]).
    pub id: RowId,
    pub time: TimeInputs,
    /// `investigating`, `identified`, `mitigating`, `monitoring` or `resolved`.
    pub status: String,
    pub message: String,
}

impl Default for EntryInputs {
    fn default() -> Self {
        EntryInputs {
            id: RowId::NONE,
            time: TimeInputs::default(),
            status: "investigating".to_string(),
            message: String::new(),
        }
    }
}

/// A moment as typed: local wall-clock time and the offset it was typed in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeInputs {
    /// `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (a `T` may replace the space).
    pub local: String,
    /// Minutes east of UTC of the browser's time zone at that wall-clock time: +60 for
    /// UTC+01:00, -300 for UTC-05:00. Read from storage, a file or a link only within
    /// ±[`MAX_OFFSET_MINUTES`]: any other value makes the whole value unreadable, as a wrong type
    /// does (storage keeps a copy of it).
    #[serde(deserialize_with = "offset_in_range")]
    pub utc_offset_minutes: i32,
}

/// The largest offset from UTC a time is read with, in minutes: 18 hours (real zones stay within
/// ±14 hours; Java's `ZoneOffset` stops at ±18 as well).
pub const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// What a saved offset must be, as serde's messages (and storage's notices) say it.
const OFFSET_EXPECTED: &str =
    "an offset from UTC from -1080 to 1080 minutes (UTC-18:00 to UTC+18:00)";

fn offset_in_range<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i32, D::Error> {
    struct Offset;

    impl Visitor<'_> for Offset {
        type Value = i32;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(OFFSET_EXPECTED)
        }

        fn visit_i64<E: Error>(self, minutes: i64) -> Result<i32, E> {
            i32::try_from(minutes)
                .ok()
                .filter(|m| m.unsigned_abs() <= MAX_OFFSET_MINUTES.unsigned_abs())
                .ok_or_else(|| E::invalid_value(Unexpected::Signed(minutes), &self))
        }

        fn visit_u64<E: Error>(self, minutes: u64) -> Result<i32, E> {
            match i64::try_from(minutes) {
                Ok(minutes) => self.visit_i64(minutes),
                Err(_) => Err(E::invalid_value(Unexpected::Unsigned(minutes), &self)),
            }
        }
    }

    // A text or a fraction is told the same range ("is the text "60", but must be an offset
    // …"), not the range of the integer type the offset is read into.
    deserializer.deserialize_i64(Offset)
}

#[cfg(test)]
mod tests {
    use super::super::rows::with_ids;
    use super::*;

    #[test]
    fn missing_fields_take_defaults() {
        let inputs: IncidentsInputs =
            serde_json::from_str(r#"{"incidents":[{"title":"db down","timeline":[{}]}]}"#).unwrap();
        let incident = &inputs.incidents[0];
        assert_eq!(incident.title, "db down");
        assert_eq!(incident.severity, "SEV2");
        assert_eq!(incident.affected_percent, "100");
        assert_eq!(incident.start, TimeInputs::default());
        assert_eq!(incident.timeline[0].status, "investigating");
        assert_eq!(inputs.selected, 0);
    }

    #[test]
    fn round_trips_through_json() {
        let inputs = IncidentsInputs {
            incidents: with_ids(vec![IncidentInputs {
                title: "<b>API</b> \"errors\"".into(),
                start: TimeInputs {
                    local: "2026-12-04 03:15".into(),
                    utc_offset_minutes: -300,
                },
                timeline: with_ids(vec![EntryInputs::default()]),
                ..IncidentInputs::default()
            }]),
            selected: 0,
        };
        let json = serde_json::to_string(&inputs).unwrap();
        assert_eq!(
            serde_json::from_str::<IncidentsInputs>(&json).unwrap(),
            inputs
        );
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert!(serde_json::from_str::<IncidentsInputs>(r#"{"incidents":"none"}"#).is_err());
        assert!(serde_json::from_str::<IncidentInputs>(r#"{"title":5}"#).is_err());
        assert!(
            serde_json::from_str::<TimeInputs>(r#"{"utc_offset_minutes":"60"}"#).is_err(),
            "an offset is a number"
        );
    }

    #[test]
    fn an_offset_beyond_eighteen_hours_is_refused_like_any_unreadable_value() {
        // -2^31 minutes loaded as a time's offset, and the page's note named "UTC-35791394:08".
        let read = |minutes: i64| {
            serde_json::from_str::<TimeInputs>(&format!(
                r#"{{"local":"2026-12-04 03:15","utc_offset_minutes":{minutes}}}"#
            ))
            .map(|time| time.utc_offset_minutes)
            .map_err(|e| e.to_string())
        };
        for minutes in [0, 60, -300, 1_080, -1_080] {
            assert_eq!(read(minutes), Ok(minutes as i32));
        }
        for minutes in [1_081, -1_081, 1 << 31, -(1 << 31), i64::MIN] {
            let message = read(minutes).unwrap_err();
            assert!(
                message.starts_with(&format!(
                    "invalid value: integer `{minutes}`, expected an offset from UTC from -1080 \
                     to 1080 minutes (UTC-18:00 to UTC+18:00)"
                )),
                "{message}"
            );
        }
    }
}
