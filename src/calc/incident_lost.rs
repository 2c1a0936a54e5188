//! What this window was writing in an incident that another window deleted.
//!
//! Every keystroke in the Incidents tab is saved a moment later, so what a person types is in
//! the stored log within a third of a second. Another window that then deletes the incident
//! deletes that text with it, and this window, taking the other's change, loses the incident
//! it was writing in (its own unwritten edit would have kept it: see `storage::merge`). Nothing
//! typed may go silently, so the change is checked first: [`lost_to_deletion`] says which
//! incident this window was writing in and no longer has, [`lost_words`] what the notice says,
//! and [`restore`] puts the incident back as a new one. One entry deleted while its editor is
//! open here, its incident kept, is found, worded and put back the same way
//! ([`entry_lost_to_deletion`], [`lost_entry_words`], [`restore_entry`]).

use super::incident::{base_id, Moment, Status, MAX_ENTRIES, MAX_INCIDENTS};
use crate::inputs::{EntryInputs, IncidentInputs, IncidentsInputs, RowId};

/// What this window has open for writing: the incident shown in full, the timeline entry whose
/// editor is open in it (an entry just added included), and whether the incident's own fields
/// (title, severity, people, times, traffic, resolution) were typed in here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Writing {
    pub incident: RowId,
    pub entry: Option<RowId>,
    pub fields: bool,
}

/// An incident this window was writing in when another window deleted it, as this window had
/// it, with what was being written in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// The incident as this window had it, every field and entry as typed.
    pub incident: IncidentInputs,
    /// The entry whose editor was open, when it is in `incident`.
    pub entry: Option<RowId>,
    /// Whether the incident's own fields were typed in.
    pub fields: bool,
}

/// The incident this window was writing in (`writing`) when it is in `mine`, this window's log,
/// and not in `incoming`, the log after another window's change: as `mine` has it. `None` when
/// nothing was being written (an incident only looked at, or an editor open in another
/// incident) or the incident is still there.
pub fn lost_to_deletion(
    mine: &IncidentsInputs,
    incoming: &IncidentsInputs,
    writing: Option<Writing>,
) -> Option<Lost> {
    let writing = writing?;
    let incident = mine.incidents.iter().find(|i| i.id == writing.incident)?;
    if incoming.incidents.iter().any(|i| i.id == writing.incident) {
        return None;
    }
    let entry = writing
        .entry
        .filter(|id| incident.timeline.iter().any(|e| e.id == *id));
    (entry.is_some() || writing.fields).then(|| Lost {
        incident: incident.clone(),
        entry,
        fields: writing.fields,
    })
}

/// The notice for `lost`, every text the person typed put through `quote` (which keeps a
/// control of text direction in it from reordering the sentence): that the incident, named by
/// its id and title ([`lost_name`]), was deleted in another window, and what was being written,
/// the entry's time, status and message, then the incident's own fields that are neither empty
/// nor as a new incident has them.
pub fn lost_words(lost: &Lost, quote: impl Fn(&str) -> String) -> String {
    let incident = &lost.incident;
    let name = lost_name(incident, &quote);
    let mut typed = Vec::new();
    if let Some(entry) = lost
        .entry
        .and_then(|id| incident.timeline.iter().find(|e| e.id == id))
    {
        typed.push(entry_typed(entry, &quote));
    }
    if lost.fields {
        let new = IncidentInputs::default();
        let fields = [
            ("title", &incident.title, &new.title),
            ("severity", &incident.severity, &new.severity),
            ("detected by", &incident.detected_by, &new.detected_by),
            ("commander", &incident.commander, &new.commander),
            ("responders", &incident.responders, &new.responders),
            ("start", &incident.start.local, &new.start.local),
            (
                "traffic affected (%)",
                &incident.affected_percent,
                &new.affected_percent,
            ),
            ("resolution", &incident.resolution, &new.resolution),
            (
                "resolved at",
                &incident.resolved_at.local,
                &new.resolved_at.local,
            ),
        ];
        let filled: Vec<String> = fields
            .iter()
            .filter(|(_, text, default)| !text.trim().is_empty() && text != default)
            .map(|(label, text, _)| format!("{label} {}", quote(text)))
            .collect();
        if !filled.is_empty() {
            typed.push(format!("its details: {}", filled.join(", ")));
        }
    }
    let what = if typed.is_empty() {
        String::new()
    } else {
        format!(" What it held: {}.", typed.join("; "))
    };
    format!(
        "Incident {name} was deleted in another window while you had it open here.{what} \
         Restore it to keep it (as a new incident, with its whole timeline)."
    )
}

/// An entry as the notices give it: its time and status, then its message as typed.
fn entry_typed(entry: &EntryInputs, quote: impl Fn(&str) -> String) -> String {
    let message = if entry.message.is_empty() {
        "no message yet".to_string()
    } else {
        quote(&entry.message)
    };
    let status = Status::parse(&entry.status)
        .map_or_else(|| quote(&entry.status), |s| s.label().to_string());
    format!(
        "the timeline entry at {} ({status}): {message}",
        quote(&entry.time.local),
    )
}

/// An incident named as the list shows it: its id (from its start; `INC-20260329-015000`),
/// then its title; either alone when the other is missing, `with no title` when both are.
pub fn lost_name(incident: &IncidentInputs, quote: impl Fn(&str) -> String) -> String {
    let id = Moment::parse(&incident.start).ok().map(base_id);
    let title = incident.title.trim();
    match (id, title.is_empty()) {
        (Some(id), false) => format!("{id} {}", quote(title)),
        (Some(id), true) => id,
        (None, false) => quote(title),
        (None, true) => "with no title".to_string(),
    }
}

/// Puts `lost` back in `log` as a new incident with the id `new_id` (the deleted one's is not
/// taken again: the other window may still hold it), every field and entry as this window had
/// them, and shows it. Refused, with the reason, when the log already holds the most incidents
/// it can keep, or when `new_id` is taken. Returns what this window is writing once it is back:
/// the restored incident, its entry that was being edited, and whether its own fields were typed
/// in, so that a second deletion of it is caught as the first was.
pub fn restore(log: &mut IncidentsInputs, lost: &Lost, new_id: RowId) -> Result<Writing, String> {
    if log.incidents.len() >= MAX_INCIDENTS {
        return Err(format!(
            "The log holds {MAX_INCIDENTS} incidents, the most it can keep: delete one to \
             restore this one."
        ));
    }
    if new_id == RowId::NONE || log.incidents.iter().any(|i| i.id == new_id) {
        return Err("The incident could not be given an id of its own: try again.".to_string());
    }
    log.incidents.push(IncidentInputs {
        id: new_id,
        ..lost.incident.clone()
    });
    log.selected = log.incidents.len() - 1;
    Ok(Writing {
        incident: new_id,
        entry: lost.entry,
        fields: lost.fields,
    })
}

/// A timeline entry this window was writing in when another window deleted it, its incident
/// still in the log: the entry as this window had it, and its incident as this window had it
/// (its id finds it again, its start and title name it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostEntry {
    pub incident: IncidentInputs,
    pub entry: EntryInputs,
}

/// The entry this window was writing in (`writing`, its editor open) when it is in `mine` and
/// its incident is in `incoming` without it: as `mine` has it. `None` when no editor was open,
/// the entry is still there, or its whole incident went (that is [`lost_to_deletion`]'s).
pub fn entry_lost_to_deletion(
    mine: &IncidentsInputs,
    incoming: &IncidentsInputs,
    writing: Option<Writing>,
) -> Option<LostEntry> {
    let writing = writing?;
    let open = writing.entry?;
    let incident = mine.incidents.iter().find(|i| i.id == writing.incident)?;
    let entry = incident.timeline.iter().find(|e| e.id == open)?;
    let there = incoming
        .incidents
        .iter()
        .find(|i| i.id == writing.incident)?;
    if there.timeline.iter().any(|e| e.id == open) {
        return None;
    }
    Some(LostEntry {
        incident: incident.clone(),
        entry: entry.clone(),
    })
}

/// The notice for `lost_entry`: that the entry, by its time and status, of the incident named by
/// [`lost_name`], was deleted in another window, and its message as typed (through `quote`).
pub fn lost_entry_words(lost: &LostEntry, quote: impl Fn(&str) -> String) -> String {
    let name = lost_name(&lost.incident, &quote);
    let typed = entry_typed(&lost.entry, &quote);
    format!(
        "A timeline entry of incident {name} was deleted in another window while you had it \
         open here. What it held: {typed}. Put it back to keep it (in its place in \
         time)."
    )
}

/// Puts `lost` back in its incident in `log`, in its place in time ([`place_in_time`]), and
/// shows that incident; returns the entry's index in its timeline. The entry keeps its id
/// unless the incident has an entry with it again, then takes `fresh_id`. Refused, with the
/// reason, when the incident is no longer in the log, when its timeline holds the most entries
/// it can keep, or when `fresh_id` is needed and taken.
pub fn restore_entry(
    log: &mut IncidentsInputs,
    lost: &LostEntry,
    fresh_id: RowId,
) -> Result<usize, String> {
    let Some(at) = log.incidents.iter().position(|i| i.id == lost.incident.id) else {
        return Err(
            "The incident is no longer in the log (deleted in another window): the \
                    entry cannot be put back in it."
                .to_string(),
        );
    };
    let timeline = &mut log.incidents[at].timeline;
    if timeline.len() >= MAX_ENTRIES {
        return Err(format!(
            "The incident holds {MAX_ENTRIES} timeline entries, the most it can keep: delete \
             one to put this one back."
        ));
    }
    let taken = |id: RowId| timeline.iter().any(|e| e.id == id);
    let id = if taken(lost.entry.id) {
        fresh_id
    } else {
        lost.entry.id
    };
    if id == RowId::NONE || taken(id) {
        return Err("The entry could not be given an id of its own: try again.".to_string());
    }
    let place = place_in_time(timeline, &lost.entry);
    timeline.insert(
        place,
        EntryInputs {
            id,
            ..lost.entry.clone()
        },
    );
    log.selected = at;
    Ok(place)
}

/// Where `entry` goes in `timeline`, a timeline in time order ([`super::incident::time_order`]:
/// entries whose times are not valid last): after every entry at or before its time, or, its
/// time not valid, at the end. The other entries keep their places.
pub fn place_in_time(timeline: &[EntryInputs], entry: &EntryInputs) -> usize {
    let Ok(moment) = Moment::parse(&entry.time) else {
        return timeline.len();
    };
    timeline
        .iter()
        .position(|e| Moment::parse(&e.time).map_or(true, |m| m.utc_ms > moment.utc_ms))
        .unwrap_or(timeline.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::TimeInputs;

    fn entry(id: u64, time: &str, message: &str) -> EntryInputs {
        EntryInputs {
            id: RowId(id),
            time: TimeInputs {
                local: time.to_string(),
                utc_offset_minutes: 60,
            },
            status: "mitigating".to_string(),
            message: message.to_string(),
        }
    }

    fn incident(id: u64, title: &str, timeline: Vec<EntryInputs>) -> IncidentInputs {
        IncidentInputs {
            id: RowId(id),
            title: title.to_string(),
            timeline,
            ..IncidentInputs::default()
        }
    }

    fn log(incidents: Vec<IncidentInputs>) -> IncidentsInputs {
        IncidentsInputs {
            incidents,
            selected: 0,
        }
    }

    fn writing(incident: u64, entry: Option<u64>, fields: bool) -> Option<Writing> {
        Some(Writing {
            incident: RowId(incident),
            entry: entry.map(RowId),
            fields,
        })
    }

    /// The regression: another window deleted the incident whose entry was open here, its
    /// typed message already saved, and the message went with no word.
    #[test]
    fn an_entry_being_written_in_a_deleted_incident_is_found_with_its_text() {
        let written = incident(
            7,
            "Checkout down",
            vec![entry(1, "2026-03-29 01:50", "rolled back v2")],
        );
        let other = incident(8, "Login slow", Vec::new());
        let mine = log(vec![written.clone(), other.clone()]);
        let incoming = log(vec![other]);
        assert_eq!(
            lost_to_deletion(&mine, &incoming, writing(7, Some(1), false)),
            Some(Lost {
                incident: written,
                entry: Some(RowId(1)),
                fields: false,
            })
        );
    }

    #[test]
    fn only_an_incident_written_in_and_gone_is_lost() {
        let a = incident(
            7,
            "Checkout down",
            vec![entry(1, "2026-03-29 01:50", "typed")],
        );
        let b = incident(8, "Login slow", vec![entry(2, "2026-03-30 10:00", "")]);
        let both = log(vec![a.clone(), b.clone()]);
        let mut a_with_new = a.clone();
        a_with_new.timeline.push(entry(3, "2026-03-29 02:00", ""));
        let both_with_new = log(vec![a_with_new, b.clone()]);
        let without_a = log(vec![b.clone()]);
        // (case, mine, incoming, writing, lost?)
        let cases = [
            ("nothing open", &both, &without_a, None, false),
            (
                "only looked at",
                &both,
                &without_a,
                writing(7, None, false),
                false,
            ),
            (
                "entry open",
                &both,
                &without_a,
                writing(7, Some(1), false),
                true,
            ),
            (
                "new entry open",
                &both_with_new,
                &without_a,
                writing(7, Some(3), false),
                true,
            ),
            (
                "fields typed",
                &both,
                &without_a,
                writing(7, None, true),
                true,
            ),
            (
                "another incident deleted",
                &both,
                &without_a,
                writing(8, Some(2), true),
                false,
            ),
            (
                "still there",
                &both,
                &both,
                writing(7, Some(1), true),
                false,
            ),
            (
                "entry of another incident",
                &both,
                &without_a,
                writing(7, Some(2), false),
                false,
            ),
            (
                "not here to begin with",
                &without_a,
                &without_a,
                writing(7, Some(1), true),
                false,
            ),
        ];
        for (case, mine, incoming, writing, lost) in cases {
            assert_eq!(
                lost_to_deletion(mine, incoming, writing).is_some(),
                lost,
                "{case}"
            );
        }
    }

    #[test]
    fn the_notice_names_the_incident_and_gives_what_was_typed() {
        let quote = |text: &str| format!("«{text}»");
        let mut written = incident(
            7,
            "Checkout down",
            vec![
                entry(1, "2026-03-29 01:50", "rolled back v2"),
                entry(2, "2026-03-29 02:10", "unrelated"),
            ],
        );
        written.commander = "Ana".to_string();
        written.start = TimeInputs {
            local: "2026-03-29 01:40".to_string(),
            utc_offset_minutes: 60,
        };
        written.severity = "SEV1".to_string();
        let cases = [
            (
                Some(1),
                false,
                "Incident INC-20260329-014000 «Checkout down» was deleted in another window while you had it open here. \
                 What it held: the timeline entry at «2026-03-29 01:50» (Mitigating): \
                 «rolled back v2». Restore it to keep it (as a new incident, with its whole \
                 timeline).",
            ),
            (
                None,
                true,
                "Incident INC-20260329-014000 «Checkout down» was deleted in another window while you had it open here. \
                 What it held: its details: title «Checkout down», severity «SEV1», \
                 commander «Ana», start «2026-03-29 01:40». Restore it to keep it (as a new incident, with its whole \
                 timeline).",
            ),
        ];
        for (open, fields, expected) in cases {
            let lost = Lost {
                incident: written.clone(),
                entry: open.map(RowId),
                fields,
            };
            assert_eq!(lost_words(&lost, quote), expected);
        }
    }

    #[test]
    fn an_incident_is_named_by_its_id_and_title_or_either() {
        let quote = |text: &str| format!("«{text}»");
        let start = |local: &str| TimeInputs {
            local: local.to_string(),
            utc_offset_minutes: 60,
        };
        // (start, title, name)
        let cases = [
            (
                "2026-03-29 01:40",
                " Checkout down ",
                "INC-20260329-014000 «Checkout down»",
            ),
            ("2026-03-29 01:40", "", "INC-20260329-014000"),
            ("29/03/2026", "Checkout down", "«Checkout down»"),
            ("", " ", "with no title"),
        ];
        for (local, title, name) in cases {
            let incident = IncidentInputs {
                start: start(local),
                title: title.to_string(),
                ..IncidentInputs::default()
            };
            assert_eq!(lost_name(&incident, quote), name, "{local} {title}");
        }
    }

    #[test]
    fn an_entry_with_no_message_yet_says_so() {
        let lost = Lost {
            incident: incident(7, "", vec![entry(1, "2026-03-29 01:50", "")]),
            entry: Some(RowId(1)),
            fields: false,
        };
        assert!(lost_words(&lost, |t| t.to_string())
            .contains("the timeline entry at 2026-03-29 01:50 (Mitigating): no message yet."));
    }

    #[test]
    fn restoring_adds_the_incident_as_it_was_under_a_new_id_and_shows_it() {
        let written = incident(
            7,
            "Checkout down",
            vec![entry(1, "2026-03-29 01:50", "typed")],
        );
        let lost = Lost {
            incident: written.clone(),
            entry: Some(RowId(1)),
            fields: false,
        };
        let mut after = log(vec![incident(8, "Login slow", Vec::new())]);
        assert_eq!(
            restore(&mut after, &lost, RowId(9)),
            Ok(Writing {
                incident: RowId(9),
                entry: Some(RowId(1)),
                fields: false,
            })
        );
        assert_eq!(after.selected, 1);
        assert_eq!(
            after.incidents[1],
            IncidentInputs {
                id: RowId(9),
                ..written
            }
        );
    }

    #[test]
    fn a_restored_incident_whose_fields_were_typed_is_caught_if_deleted_again() {
        // Restored, it no longer counted as typed in: deleted again in another window with no
        // entry open, it went without a notice.
        let lost = Lost {
            incident: incident(7, "Checkout down", Vec::new()),
            entry: None,
            fields: true,
        };
        let mut mine = log(vec![incident(8, "Login slow", Vec::new())]);
        let writing = restore(&mut mine, &lost, RowId(9)).unwrap();
        assert_eq!(
            writing,
            Writing {
                incident: RowId(9),
                entry: None,
                fields: true,
            }
        );
        let mut deleted_again = mine.clone();
        deleted_again.incidents.remove(1);
        deleted_again.selected = 0;
        let again = lost_to_deletion(&mine, &deleted_again, Some(writing)).unwrap();
        assert_eq!(again.incident.id, RowId(9));
        assert!(again.fields);
    }

    #[test]
    fn restoring_into_a_full_log_or_with_a_taken_id_is_refused() {
        let lost = Lost {
            incident: incident(7, "Checkout down", Vec::new()),
            entry: None,
            fields: true,
        };
        let mut full = log((1..=MAX_INCIDENTS as u64)
            .map(|id| incident(id + 100, "", Vec::new()))
            .collect());
        let before = full.clone();
        assert!(restore(&mut full, &lost, RowId(9)).is_err());
        assert_eq!(full, before);
        let mut taken = log(vec![incident(9, "", Vec::new())]);
        assert!(restore(&mut taken, &lost, RowId(9)).is_err());
        assert!(restore(&mut taken, &lost, RowId::NONE).is_err());
        assert_eq!(taken.incidents.len(), 1);
    }

    fn lost_entry(incident: &IncidentInputs, at: usize) -> LostEntry {
        LostEntry {
            incident: incident.clone(),
            entry: incident.timeline[at].clone(),
        }
    }

    /// The regression: another window deleted the one entry whose editor was open here (its ✕),
    /// the message typed in it already saved, and the editor and its text went with no word.
    #[test]
    fn an_entry_being_written_that_another_window_deleted_is_found_with_its_text() {
        let written = incident(
            7,
            "Checkout down",
            vec![
                entry(1, "2026-03-29 01:50", "rolled back v2"),
                entry(2, "2026-03-29 02:10", "error rate falling"),
            ],
        );
        let mut without = written.clone();
        without.timeline.remove(0);
        assert_eq!(
            entry_lost_to_deletion(
                &log(vec![written.clone()]),
                &log(vec![without]),
                writing(7, Some(1), false)
            ),
            Some(LostEntry {
                incident: written.clone(),
                entry: written.timeline[0].clone(),
            })
        );
    }

    #[test]
    fn only_an_open_entry_gone_from_an_incident_still_there_is_lost() {
        let a = incident(
            7,
            "Checkout down",
            vec![
                entry(1, "2026-03-29 01:50", "typed"),
                entry(2, "2026-03-29 02:10", ""),
            ],
        );
        let b = incident(8, "Login slow", vec![entry(3, "2026-03-30 10:00", "")]);
        let both = log(vec![a.clone(), b.clone()]);
        let mut a_without_1 = a.clone();
        a_without_1.timeline.remove(0);
        let without_1 = log(vec![a_without_1, b.clone()]);
        let without_a = log(vec![b.clone()]);
        // (case, mine, incoming, writing, lost?)
        let cases = [
            (
                "open entry deleted",
                &both,
                &without_1,
                writing(7, Some(1), false),
                true,
            ),
            (
                "open entry deleted, fields typed too",
                &both,
                &without_1,
                writing(7, Some(1), true),
                true,
            ),
            ("nothing open", &both, &without_1, None, false),
            (
                "no editor open",
                &both,
                &without_1,
                writing(7, None, true),
                false,
            ),
            (
                "another entry open",
                &both,
                &without_1,
                writing(7, Some(2), false),
                false,
            ),
            (
                "entry still there",
                &both,
                &both,
                writing(7, Some(1), false),
                false,
            ),
            (
                "whole incident deleted",
                &both,
                &without_a,
                writing(7, Some(1), false),
                false,
            ),
            (
                "entry of another incident",
                &both,
                &without_1,
                writing(8, Some(1), false),
                false,
            ),
            (
                "not here to begin with",
                &without_1,
                &without_1,
                writing(7, Some(1), false),
                false,
            ),
        ];
        for (case, mine, incoming, writing, lost) in cases {
            assert_eq!(
                entry_lost_to_deletion(mine, incoming, writing).is_some(),
                lost,
                "{case}"
            );
        }
    }

    #[test]
    fn the_entry_notice_names_the_incident_and_gives_the_entry_as_typed() {
        let quote = |text: &str| format!("«{text}»");
        let mut named = incident(
            7,
            "Checkout down",
            vec![
                entry(1, "2026-03-29 01:50", "rolled back v2"),
                entry(2, "2026-03-29 02:10", ""),
            ],
        );
        named.start = TimeInputs {
            local: "2026-03-29 01:40".to_string(),
            utc_offset_minutes: 60,
        };
        let unnamed = incident(8, " ", vec![entry(3, "soon", "paged db team")]);
        // (incident, entry, notice)
        let cases = [
            (
                &named,
                0,
                "A timeline entry of incident INC-20260329-014000 «Checkout down» was deleted in \
                 another window while you had it open here. What it held: the timeline \
                 entry at «2026-03-29 01:50» (Mitigating): «rolled back v2». Put it back to keep \
                 it (in its place in time).",
            ),
            (
                &named,
                1,
                "A timeline entry of incident INC-20260329-014000 «Checkout down» was deleted in \
                 another window while you had it open here. What it held: the timeline \
                 entry at «2026-03-29 02:10» (Mitigating): no message yet. Put it back to keep \
                 it (in its place in time).",
            ),
            (
                &unnamed,
                0,
                "A timeline entry of incident with no title was deleted in another window while \
                 you had it open here. What it held: the timeline entry at «soon» \
                 (Mitigating): «paged db team». Put it back to keep it (in its place in time).",
            ),
        ];
        for (incident, at, notice) in cases {
            assert_eq!(lost_entry_words(&lost_entry(incident, at), quote), notice);
        }
    }

    #[test]
    fn an_entry_put_back_goes_to_its_place_in_time_and_its_incident_is_shown() {
        let kept = |times: &[&str]| {
            incident(
                7,
                "Checkout down",
                times
                    .iter()
                    .enumerate()
                    .map(|(n, time)| entry(10 + n as u64, time, "kept"))
                    .collect(),
            )
        };
        // (entries still there, the first one's offset, the lost entry's time, where it goes)
        let cases = [
            (vec![], 60, "2026-03-29 01:50", 0),
            (vec!["2026-03-29 02:00"], 60, "2026-03-29 01:50", 0),
            (vec!["2026-03-29 01:40"], 60, "2026-03-29 01:50", 1),
            (
                vec!["2026-03-29 01:40", "2026-03-29 02:00"],
                60,
                "2026-03-29 01:50",
                1,
            ),
            (vec!["2026-03-29 01:50"], 60, "2026-03-29 01:50", 1),
            (vec!["2026-03-29 01:40", "later"], 60, "2026-03-29 01:50", 1),
            (vec!["2026-03-29 01:40", "later"], 60, "not valid", 2),
            // Later on the clock, earlier as an instant: 01:20 at UTC+0 is after 02:00 at UTC+1.
            (vec!["2026-03-29 01:20"], 0, "2026-03-29 02:00", 0),
        ];
        for (times, offset, time, place) in cases {
            let mut there = kept(&times);
            if let Some(first) = there.timeline.first_mut() {
                first.time.utc_offset_minutes = offset;
            }
            let lost = LostEntry {
                incident: there.clone(),
                entry: entry(1, time, "rolled back v2"),
            };
            let mut after = log(vec![incident(8, "Login slow", Vec::new()), there]);
            assert_eq!(
                restore_entry(&mut after, &lost, RowId(99)),
                Ok(place),
                "{times:?} {time}"
            );
            assert_eq!(after.selected, 1, "{times:?} {time}");
            let timeline = &after.incidents[1].timeline;
            assert_eq!(timeline.len(), times.len() + 1, "{times:?} {time}");
            assert_eq!(timeline[place], lost.entry, "{times:?} {time}");
        }
    }

    #[test]
    fn an_entry_put_back_keeps_its_id_unless_its_incident_has_it_again() {
        let lost = LostEntry {
            incident: incident(7, "", Vec::new()),
            entry: entry(1, "2026-03-29 01:50", "typed"),
        };
        // (ids in the incident, fresh id, id given)
        let cases = [(vec![], 99, 1), (vec![2], 99, 1), (vec![1, 2], 99, 99)];
        for (ids, fresh, given) in cases {
            let timeline = ids
                .iter()
                .map(|&id| entry(id, "2026-03-29 01:00", ""))
                .collect();
            let mut after = log(vec![incident(7, "", timeline)]);
            let at = restore_entry(&mut after, &lost, RowId(fresh)).expect("restored");
            assert_eq!(after.incidents[0].timeline[at].id, RowId(given), "{ids:?}");
        }
    }

    #[test]
    fn putting_an_entry_back_is_refused_with_a_reason_and_changes_nothing() {
        let lost = LostEntry {
            incident: incident(7, "", Vec::new()),
            entry: entry(1, "2026-03-29 01:50", "typed"),
        };
        let full = incident(
            7,
            "",
            (0..MAX_ENTRIES as u64)
                .map(|id| entry(id + 100, "2026-03-29 01:00", ""))
                .collect(),
        );
        let taken = incident(7, "", vec![entry(1, "2026-03-29 01:00", "")]);
        // (case, log, fresh id, reason)
        let cases = [
            (
                "incident gone",
                log(vec![incident(8, "", Vec::new())]),
                99,
                "The incident is no longer in the log (deleted in another window): the entry \
                 cannot be put back in it."
                    .to_string(),
            ),
            (
                "timeline full",
                log(vec![full]),
                99,
                format!(
                    "The incident holds {MAX_ENTRIES} timeline entries, the most it can keep: \
                     delete one to put this one back."
                ),
            ),
            (
                "fresh id taken",
                log(vec![taken.clone()]),
                1,
                "The entry could not be given an id of its own: try again.".to_string(),
            ),
            (
                "no fresh id",
                log(vec![taken]),
                0,
                "The entry could not be given an id of its own: try again.".to_string(),
            ),
        ];
        for (case, mut after, fresh, reason) in cases {
            let before = after.clone();
            assert_eq!(
                restore_entry(&mut after, &lost, RowId(fresh)),
                Err(reason),
                "{case}"
            );
            assert_eq!(after, before, "{case}");
        }
    }
}
