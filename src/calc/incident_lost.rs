//! What this window was writing in an incident that another window deleted.
//!
//! Every keystroke in the Incidents tab is saved a moment later, so what a person types is in
//! the stored log within a third of a second. Another window that then deletes the incident
//! deletes that text with it, and this window, taking the other's change, loses the incident
//! it was writing in (its own unwritten edit would have kept it: see `storage::merge`). Nothing
//! typed may go silently, so the change is checked first: [`lost_to_deletion`] says which
//! incident this window was writing in and no longer has, [`lost_words`] what the notice says,
//! and [`restore`] puts the incident back as a new one.

use super::incident::{base_id, Moment, Status, MAX_INCIDENTS};
use crate::inputs::{IncidentInputs, IncidentsInputs, RowId};

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
        let message = if entry.message.is_empty() {
            "no message yet".to_string()
        } else {
            quote(&entry.message)
        };
        let status = Status::parse(&entry.status)
            .map_or_else(|| quote(&entry.status), |s| s.label().to_string());
        typed.push(format!(
            "the timeline entry at {} ({status}): {message}",
            quote(&entry.time.local),
        ));
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
        format!(" What you had typed: {}.", typed.join("; "))
    };
    format!(
        "Incident {name} was deleted in another window while you were writing in it.{what} \
         Restore it to keep it (as a new incident, with its whole timeline)."
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
/// it can keep, or when `new_id` is taken.
pub fn restore(log: &mut IncidentsInputs, lost: &Lost, new_id: RowId) -> Result<(), String> {
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::{EntryInputs, TimeInputs};

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
                "Incident INC-20260329-014000 «Checkout down» was deleted in another window while you were writing in it. \
                 What you had typed: the timeline entry at «2026-03-29 01:50» (Mitigating): \
                 «rolled back v2». Restore it to keep it (as a new incident, with its whole \
                 timeline).",
            ),
            (
                None,
                true,
                "Incident INC-20260329-014000 «Checkout down» was deleted in another window while you were writing in it. \
                 What you had typed: its details: title «Checkout down», severity «SEV1», \
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
        assert_eq!(restore(&mut after, &lost, RowId(9)), Ok(()));
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
}
