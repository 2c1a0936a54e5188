//! The Incident tab: a local incident log. Declare an incident, keep its timeline, resolve it,
//! see the error budget it consumed with the Budget tab's SLO, and copy or download the
//! postmortem draft. Reading and maths are in `calc::incident`, the draft in
//! `formats::postmortem`; this module wires them to the page and the browser's clock and zone.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::budget::{today, CLOCK_TICK};
use super::export::{chart_fit, ChartDownloads, CopySummary};
use super::{browser, BudgetState, Notices, StorageHandle};
use crate::calc::budget_sheet;
use crate::calc::budget_words::{overlap_text, percent};
use crate::calc::burn::Verdict;
use crate::calc::decimal::{days_phrase, format_scaled};
use crate::calc::duration::{format_duration, format_minutes, ROUNDING_RULE};
use crate::calc::incident::{
    self, entry_time_text, offset_text, skipped_reading, time_field_note, typed_in_zone,
    verdict_words, BudgetContext, Impact, IncidentField, IncidentSheet, Moment, Severity,
    SkippedTime, Status, WallClock, MAX_ENTRIES, MAX_INCIDENTS,
};
use crate::calc::incident_lost::{self, Lost, LostEntry, Writing};
use crate::calc::slo::TARGET_PLACES;
use crate::chart::incidents::{budget_left_chart, IncidentBar, MAX_BARS};
use crate::formats::postmortem::{self, Draft};
use crate::formats::summary::{self, IncidentLog};
use crate::formats::{quoted, show_bidi_controls};
use crate::inputs::{
    position_after_change, EntryInputs, IncidentInputs, IncidentsInputs, RowId, TimeInputs,
};
use crate::storage::Loaded;

const STORAGE_NAME: &str = "incidents";

/// The incident log as one signal, loaded from storage and saved on every change.
#[derive(Clone, Copy)]
pub struct IncidentsState {
    pub inputs: RwSignal<IncidentsInputs>,
    /// The incident just declared here, until its title field is first left: its empty title
    /// is not called an error while the person has not had the chance to type one.
    fresh: RwSignal<Option<RowId>>,
    /// The timeline entry just added, while its status is the one it started with and it is
    /// being edited: a time given to it takes the status in effect then (an entry logged late).
    inherited: RwSignal<Option<RowId>>,
    /// The timeline entry being edited, when its time was valid as its editor opened: if it is
    /// not valid when the entry is put in its place, it goes after the entries whose times were
    /// not valid already, as the latest of them entered.
    opened_valid: RwSignal<Option<RowId>>,
    /// The timeline entry whose editor is open, by id: it stays the one edited if another
    /// window's change moves it.
    editing: RwSignal<Option<RowId>>,
    /// The incident whose own fields were typed in here: with the entry being edited, what
    /// this window is writing (`incident_lost::Writing`).
    fields_typed: RwSignal<Option<RowId>>,
    /// Incidents this window was writing in that another window deleted, for the notices next
    /// to the list, each until it is restored or dismissed.
    lost: RwSignal<Vec<LostNotice<Lost>>>,
    /// Timeline entries this window was writing in that another window deleted, their
    /// incidents still there, for the notices next to the list, each until it is put back or
    /// dismissed.
    lost_entries: RwSignal<Vec<LostNotice<LostEntry>>>,
    /// The entry whose editor opens once another incident is shown (an incident restored, or
    /// the one an entry was put back in): showing another incident closes the editor first.
    reopen: StoredValue<Option<RowId>>,
    /// A time the clocks skip that an entry's time was committed with, by the entry's id: the
    /// note stays with the entry when it moves to its place in time and its row is drawn anew.
    entry_skipped: JustSkipped,
}

/// An incident or an entry lost to another window's deletion (`Lost`, `LostEntry`), and why
/// putting it back was refused, if it was.
#[derive(Debug, Clone, PartialEq)]
struct LostNotice<T> {
    lost: T,
    refused: Option<String>,
}

impl IncidentsState {
    /// Restores the saved log (or an empty one, with a notice when the saved one is
    /// unreadable), keeps saving it, and follows changes made in another window.
    pub fn load(storage: StorageHandle, notices: Notices) -> IncidentsState {
        let saved = match storage.with_value(|s| s.load::<IncidentsInputs>(STORAGE_NAME)) {
            Loaded::Found(inputs) => inputs,
            Loaded::Missing => IncidentsInputs::default(),
            Loaded::Unreadable(notice) => {
                notices.report(notice);
                IncidentsInputs::default()
            }
        };
        let state = IncidentsState::transient(saved);
        // Which incident is shown is each window's own: another window's choice is not taken.
        super::persist_keeping(
            storage,
            notices,
            STORAGE_NAME,
            state.inputs,
            move |mine, changed| {
                state.keep_what_was_being_written(mine, changed);
                let shown = mine.incidents.get(mine.selected);
                let at = shown
                    .and_then(|shown| position_after_change(&changed.incidents, shown, |i| i.id));
                if let Some(at) = at {
                    changed.selected = at;
                }
            },
        );
        state
    }

    /// A log that is shown but never saved (a scenario opened from a link).
    pub fn transient(inputs: IncidentsInputs) -> IncidentsState {
        IncidentsState {
            inputs: RwSignal::new(in_time_order(inputs)),
            fresh: RwSignal::new(None),
            inherited: RwSignal::new(None),
            opened_valid: RwSignal::new(None),
            editing: RwSignal::new(None),
            fields_typed: RwSignal::new(None),
            lost: RwSignal::new(Vec::new()),
            lost_entries: RwSignal::new(Vec::new()),
            reopen: StoredValue::new(None),
            entry_skipped: RwSignal::new(None),
        }
    }

    /// What this window is writing: the incident shown, its entry being edited, and whether its
    /// own fields were typed in here.
    fn writing(&self) -> Option<Writing> {
        let incident = self
            .inputs
            .with_untracked(|i| i.incidents.get(i.selected).map(|x| x.id))?;
        Some(Writing {
            incident,
            entry: self.editing.get_untracked(),
            fields: self.fields_typed.get_untracked() == Some(incident),
        })
    }

    /// Before another window's change (`changed`) replaces `mine`: when it deleted the incident
    /// being written in here, or the entry whose editor is open, that incident or entry is kept
    /// for its notice, and the editor closed.
    fn keep_what_was_being_written(&self, mine: &IncidentsInputs, changed: &IncidentsInputs) {
        let writing = self.writing();
        let lost = incident_lost::lost_to_deletion(mine, changed, writing);
        let lost_entry = incident_lost::entry_lost_to_deletion(mine, changed, writing);
        if lost.is_none() && lost_entry.is_none() {
            return;
        }
        if let Some(lost) = lost {
            self.lost.update(|all| {
                all.push(LostNotice {
                    lost,
                    refused: None,
                })
            });
        }
        if let Some(lost) = lost_entry {
            self.lost_entries.update(|all| {
                all.push(LostNotice {
                    lost,
                    refused: None,
                })
            });
        }
        self.editing.set(None);
        self.inherited.set(None);
        self.opened_valid.set(None);
    }

    /// Puts lost incident `at` back as a new incident and shows it, the editor of the entry that
    /// was being written in it open again, or says why it cannot be.
    fn restore(&self, at: usize) {
        let Some(notice) = self.lost.with_untracked(|all| all.get(at).cloned()) else {
            return;
        };
        let shown_before = self.shown_untracked();
        let mut result = Err(String::new());
        self.inputs.update(|i| {
            result = incident_lost::restore(i, &notice.lost, browser::new_row_id());
        });
        let restored = result.is_ok();
        self.lost.update(|all| match &result {
            Ok(_) => {
                all.remove(at);
            }
            Err(reason) => all[at].refused = Some(reason.clone()),
        });
        // Typed in before it was lost, it still counts as typed in here.
        if let Ok(Writing {
            incident,
            fields: true,
            ..
        }) = result
        {
            self.fields_typed.set(Some(incident));
        }
        if let Some(entry) = notice.lost.entry.filter(|_| restored) {
            self.reopen_editor(entry, shown_before);
        }
    }

    /// Puts lost entry `at` back in its incident, in its place in time, shows that incident
    /// with the entry's editor open again, or says why it cannot be.
    fn restore_entry(&self, at: usize) {
        let Some(notice) = self.lost_entries.with_untracked(|all| all.get(at).cloned()) else {
            return;
        };
        let shown_before = self.shown_untracked();
        let mut result = Err(String::new());
        self.inputs.update(|i| {
            result = incident_lost::restore_entry(i, &notice.lost, browser::new_row_id());
        });
        let put_back = result.as_ref().ok().and_then(|&place| {
            self.inputs
                .with_untracked(|i| Some(i.incidents.get(i.selected)?.timeline.get(place)?.id))
        });
        self.lost_entries.update(|all| match result {
            Ok(_) => {
                all.remove(at);
            }
            Err(reason) => all[at].refused = Some(reason),
        });
        if let Some(entry) = put_back {
            self.reopen_editor(entry, shown_before);
        }
    }

    /// The index of the incident shown in full, as [`Self::selected`] gives it; not reactive.
    fn shown_untracked(&self) -> Option<usize> {
        self.inputs
            .with_untracked(|i| (i.selected < i.incidents.len()).then_some(i.selected))
    }

    /// Opens the editor of entry `id` of the incident shown, as Edit does, the entry being
    /// edited put in its place first. When another incident is shown than `shown_before`, the
    /// timeline closes the editor as it shows it, then opens this one (`reopen`).
    fn reopen_editor(&self, id: RowId, shown_before: Option<usize>) {
        if self.shown_untracked() != shown_before {
            self.reopen.set_value(Some(id));
            return;
        }
        self.sort_selected_timeline();
        self.open_entry_by_id(id);
    }

    /// Opens the editor of entry `id` of the incident shown, its message focused.
    fn open_entry_by_id(&self, id: RowId) {
        let at = self.inputs.with_untracked(|i| {
            let timeline = &i.incidents.get(i.selected)?.timeline;
            timeline.iter().position(|e| e.id == id)
        });
        if let Some(at) = at {
            self.inherited.set(None);
            self.editing.set(self.open_entry(at));
            browser::focus_next_frame(IncidentField::EntryMessage(at).id());
        }
    }

    /// Changes the selected incident's own fields, noting that they were typed in here.
    fn edit_fields(&self, change: impl FnOnce(&mut IncidentInputs)) {
        let id = self
            .inputs
            .with_untracked(|i| i.incidents.get(i.selected).map(|x| x.id));
        if id.is_some() && self.fields_typed.get_untracked() != id {
            self.fields_typed.set(id);
        }
        self.update_selected(change);
    }

    /// Replaces the whole log (opening a scenario).
    pub fn apply(&self, inputs: IncidentsInputs) {
        self.inputs.set(in_time_order(inputs));
    }

    /// The index of the incident shown in full, if there is one; reactive.
    fn selected(&self) -> Option<usize> {
        self.inputs
            .with(|i| (i.selected < i.incidents.len()).then_some(i.selected))
    }

    /// Reads the selected incident; reactive.
    fn with_selected<T>(&self, read: impl FnOnce(&IncidentInputs) -> T) -> Option<T> {
        self.inputs.with(|i| i.incidents.get(i.selected).map(read))
    }

    /// Changes the selected incident.
    fn update_selected(&self, change: impl FnOnce(&mut IncidentInputs)) {
        self.inputs.update(|i| {
            let selected = i.selected;
            if let Some(incident) = i.incidents.get_mut(selected) {
                change(incident);
            }
        });
    }

    /// Adds an incident that starts now and shows it.
    fn declare(&self) {
        let id = browser::new_row_id();
        self.fresh.set(Some(id));
        self.inputs.update(|i| {
            i.incidents.push(IncidentInputs {
                id,
                start: now_typed(),
                ..IncidentInputs::default()
            });
            i.selected = i.incidents.len() - 1;
        });
    }

    /// Deletes incident `index`, keeping the same incident selected when it is another one.
    fn remove(&self, index: usize) {
        self.inputs.update(|i| {
            if index >= i.incidents.len() {
                return;
            }
            i.incidents.remove(index);
            if i.selected > index || i.selected >= i.incidents.len() {
                i.selected = i.selected.saturating_sub(1);
            }
        });
    }

    /// Adds a timeline entry with the latest status so far, at now (never before the start), or
    /// at the resolution time of a resolved incident (an entry added then is most often filled
    /// in afterwards, and now would be flagged as outside the incident): see
    /// `incident::new_entry_time`; returns where it landed.
    fn add_entry(&self) -> Option<usize> {
        let mut landed = None;
        self.update_selected(|incident| {
            let status = incident
                .timeline
                .last()
                .map_or_else(|| "investigating".to_string(), |e| e.status.clone());
            let id = browser::new_row_id();
            let time = incident::new_entry_time(incident, now_ms(), browser::utc_offset_minutes_at);
            incident.timeline.push(EntryInputs {
                id,
                time,
                status,
                message: String::new(),
            });
            self.inherited.set(Some(id));
            let added = incident.timeline.len() - 1;
            let order = sort_timeline(incident);
            landed = order.iter().position(|&i| i == added);
        });
        landed
    }

    /// Gives entry `index`, while it keeps the status it started with, the status in effect at
    /// its time (that of the entry before it).
    fn follow_status(&self, index: usize) {
        let Some(id) = self.inherited.get_untracked() else {
            return;
        };
        let follows = self.inputs.with_untracked(|i| {
            let incident = i.incidents.get(i.selected)?;
            let entry = incident.timeline.get(index).filter(|e| e.id == id)?;
            let statuses: Vec<Option<Status>> = incident
                .timeline
                .iter()
                .map(|e| Status::parse(&e.status))
                .collect();
            let status = incident::status_before(&entry_times(incident), &statuses, index)?;
            (entry.status != status.slug()).then_some(status)
        });
        if let Some(status) = follows {
            self.update_selected(|incident| {
                if let Some(entry) = incident.timeline.get_mut(index) {
                    entry.status = status.slug().to_string();
                }
            });
        }
    }

    /// Opens entry `at` of the selected incident's timeline for editing, noting whether its time
    /// is valid then; returns its id.
    fn open_entry(&self, at: usize) -> Option<RowId> {
        let (id, valid) = self.inputs.with_untracked(|i| {
            let entry = i.incidents.get(i.selected)?.timeline.get(at)?;
            Some((entry.id, Moment::parse(&entry.time).is_ok()))
        })?;
        self.opened_valid.set(valid.then_some(id));
        Some(id)
    }

    /// Puts the selected incident's timeline in time order, the entry whose editor is being
    /// closed after those whose times were not valid already if its time was made not valid
    /// (`incident::time_order_with_latest`); returns the old index of each entry in its new
    /// place.
    fn sort_selected_timeline(&self) -> Vec<usize> {
        let latest = self.opened_valid.try_update(Option::take).flatten();
        let order = self
            .inputs
            .with_untracked(|i| {
                i.incidents
                    .get(i.selected)
                    .map(|incident| timeline_order(incident, latest))
            })
            .unwrap_or_default();
        if order.iter().enumerate().any(|(at, &i)| at != i) {
            self.update_selected(|incident| {
                sort_timeline_with_latest(incident, latest);
            });
        }
        order
    }
}

/// The log with every timeline in time order (a file may hold them in any order). Times are
/// shown as saved: a time the clocks skip that was saved as typed (the page closed before the
/// field was left, an older save, a file) keeps its note saying what it is read as, in every
/// window alike, and is converted when its field is next committed.
fn in_time_order(mut inputs: IncidentsInputs) -> IncidentsInputs {
    for incident in &mut inputs.incidents {
        sort_timeline(incident);
    }
    inputs
}

fn entry_times(incident: &IncidentInputs) -> Vec<Option<Moment>> {
    incident
        .timeline
        .iter()
        .map(|e| Moment::parse(&e.time).ok())
        .collect()
}

/// The timeline's order by time, the entry `latest` after the others whose times are not valid
/// (see `incident::time_order_with_latest`).
fn timeline_order(incident: &IncidentInputs, latest: Option<RowId>) -> Vec<usize> {
    let latest = latest.and_then(|id| incident.timeline.iter().position(|e| e.id == id));
    incident::time_order_with_latest(&entry_times(incident), latest)
}

/// Sorts the timeline by time (see `incident::time_order`); returns the old index of each entry
/// in its new place.
fn sort_timeline(incident: &mut IncidentInputs) -> Vec<usize> {
    sort_timeline_with_latest(incident, None)
}

/// [`sort_timeline`], the entry `latest` after the others whose times are not valid.
fn sort_timeline_with_latest(incident: &mut IncidentInputs, latest: Option<RowId>) -> Vec<usize> {
    let order = timeline_order(incident, latest);
    let mut old: Vec<Option<EntryInputs>> = std::mem::take(&mut incident.timeline)
        .into_iter()
        .map(Some)
        .collect();
    incident.timeline = order
        .iter()
        .map(|&i| old[i].take().unwrap_or_default())
        .collect();
    order
}

fn now_ms() -> i64 {
    i64::try_from(browser::now_ms()).unwrap_or(i64::MAX)
}

/// Now to the second, as it would be typed in the browser's zone.
fn now_typed() -> TimeInputs {
    let now = now_ms();
    let offset = browser::utc_offset_minutes_at(now);
    TimeInputs {
        local: WallClock::at(now, offset).seconds_text(),
        utc_offset_minutes: offset,
    }
}

/// A time the clocks skip that a field was just committed with, and what it was saved as (the
/// time the clock shows then), for the field's note, with the id of the row whose field it was
/// (the incident's, for its start or resolution; the entry's, for its time): the note stays
/// with its row when the row's view is drawn anew (an entry moved to its place in time).
type JustSkipped = RwSignal<Option<(RowId, SkippedTime)>>;

/// A time being typed in the browser's zone, as it is saved on every `input` event
/// (`incident::typed_in_zone`): the text exactly as typed, never rewritten under the cursor, in
/// the offset the zone has at that wall-clock time (the offset before the change for a time the
/// clocks skip). Text that is not a time yet keeps the offset it had.
fn typing(text: String, previous_offset: i32, skipped: JustSkipped) -> TimeInputs {
    if skipped.with_untracked(Option::is_some) {
        skipped.set(None);
    }
    typed_in_zone(text, previous_offset, browser::utc_offset_minutes_at)
}

/// What a time field of row `row` holding `time` is saved as when it is committed (its
/// `change` event: it loses focus, or Enter is pressed): a time the clocks skip becomes the time
/// the clock shows then, and `skipped` keeps what was typed for the note. `None` when `time`
/// stays as it is.
fn committed(time: &TimeInputs, row: RowId, skipped: JustSkipped) -> Option<TimeInputs> {
    let reading = skipped_reading(time, browser::utc_offset_minutes_at)?;
    let read_as = reading.read_as.clone();
    skipped.set(Some((row, reading)));
    Some(read_as)
}

/// The note for the time field of row `row` (`incident::time_field_note`): that the time just
/// committed does not exist and what it was read as, while the field holds that reading; else
/// whether the browser's zone skips or repeats the saved time, or nothing for a time that
/// happens once.
fn zone_note(time: &TimeInputs, row: RowId, skipped: JustSkipped) -> String {
    skipped
        .with(|just| {
            let just = just.as_ref().map(|(at, skipped)| (*at, skipped));
            time_field_note(just, row, time, browser::utc_offset_minutes_at)
        })
        .unwrap_or_default()
}

/// An instant in the browser's zone with the offset stated: `2026-12-04 23:40 (UTC+01:00)`,
/// with the seconds when it has any, as in the postmortem draft.
fn shown(moment: Moment) -> String {
    let offset = browser::utc_offset_minutes_at(moment.utc_ms);
    format!(
        "{} ({})",
        WallClock::at(moment.utc_ms, offset).text(),
        offset_text(offset)
    )
}

/// The Incident tab.
#[component]
pub fn IncidentsTab(state: IncidentsState, budget: BudgetState) -> impl IntoView {
    let today = today();
    let zone_name = browser::time_zone_name();
    let clock = RwSignal::new(now_ms());
    if let Ok(handle) = set_interval_with_handle(move || clock.set(now_ms()), CLOCK_TICK) {
        on_cleanup(move || handle.clear());
    }
    // The clock is read afresh whenever anything changes, and at least every tick.
    let now = move || {
        clock.track();
        now_ms()
    };

    let context = Memo::new(move |_| {
        budget
            .inputs
            .with(|b| BudgetContext::from_sheet(&budget_sheet::read(b, today)))
    });
    let log = Memo::new(move |_| {
        let now = now();
        state.inputs.with(|i| incident::read_all(&i.incidents, now))
    });
    let impacts = Memo::new(move |_| match context.get() {
        Ok(context) => log.with(|(sheets, _)| incident::impacts(sheets, &context)),
        Err(_) => Vec::new(),
    });
    let selected = Memo::new(move |_| state.selected());
    let sheet = Memo::new(move |_| {
        let index = selected.get()?;
        log.with(|(sheets, _)| sheets.get(index).cloned())
    });
    let id = Memo::new(move |_| {
        let index = selected.get()?;
        log.with(|(_, ids)| ids.get(index).cloned().flatten())
    });
    // The last valid impact of the selected incident, marked stale while a field it needs is
    // wrong.
    let impact = Memo::new(move |previous: Option<&Option<(usize, Impact, bool)>>| {
        let index = selected.get()?;
        match impacts.with(|all| all.get(index).cloned().flatten()) {
            Some(impact) => Some((index, impact, false)),
            None => previous
                .cloned()
                .flatten()
                .filter(|(shown_for, _, _)| *shown_for == index)
                .map(|(shown_for, impact, _)| (shown_for, impact, true)),
        }
    });
    let draft_zone = zone_name.clone();
    let markdown = Memo::new(move |_| {
        let index = selected.get()?;
        let now = now();
        let context = context.get();
        let impact = impacts.with(|all| all.get(index).cloned().flatten());
        state.inputs.with(|inputs| {
            let incident = inputs.incidents.get(index)?;
            log.with(|(sheets, ids)| {
                let sheet = sheets.get(index)?;
                let offset = browser::utc_offset_minutes_at(sheet.start.map_or(now, |m| m.utc_ms));
                Some(postmortem::markdown(&Draft {
                    incident,
                    sheet,
                    id: ids.get(index).cloned().flatten().as_deref(),
                    budget: context.as_ref().map_err(String::as_str),
                    impact: impact.as_ref(),
                    utc_offset_minutes: offset,
                    zone_name: draft_zone.as_deref(),
                    now_ms: now,
                }))
            })
        })
    });

    let summary_zone = zone_name.clone();
    let summary = Signal::derive(move || {
        let offset = browser::utc_offset_minutes_at(now());
        let context = context.get();
        state.inputs.with(|inputs| {
            log.with(|(sheets, ids)| {
                impacts.with(|impacts| {
                    summary::incidents_markdown(
                        &IncidentLog {
                            incidents: &inputs.incidents,
                            sheets,
                            ids,
                            impacts,
                            budget: context.as_ref().map_err(String::as_str),
                            utc_offset_minutes: offset,
                            zone_name: summary_zone.as_deref(),
                        },
                        &today.to_string(),
                    )
                })
            })
        })
    });

    view! {
        <IncidentList state log impacts selected context summary />
        <BudgetLeftChart log impacts context />
        <Show when=move || selected.get().is_some()>
            <IncidentDetails state sheet id zone_name=zone_name.clone() />
            <Timeline state sheet selected />
            <Resolution state sheet zone_name=zone_name.clone() />
            <ImpactPanel context impact />
            <PostmortemPanel markdown id />
        </Show>
    }
}

/// The budget left before and after each incident whose cost is known, in time order, over
/// the Budget tab's policy zones.
#[component]
fn BudgetLeftChart(
    log: Memo<(Vec<IncidentSheet>, Vec<Option<String>>)>,
    impacts: Memo<Vec<Option<Impact>>>,
    context: Memo<Result<BudgetContext, String>>,
) -> impl IntoView {
    let fit = chart_fit();
    let drawn = Memo::new(move |_| {
        let policy = context.get().ok()?.policy;
        log.with(|(sheets, _)| {
            impacts.with(|impacts| {
                let mut order = incident::list_order(sheets);
                order.reverse();
                let known: Vec<(Moment, &Impact)> = order
                    .into_iter()
                    .filter_map(|i| Some((sheets.get(i)?.start?, impacts.get(i)?.as_ref()?)))
                    .collect();
                // Only the bars drawn get a label (the chart shows the latest MAX_BARS).
                let bars: Vec<IncidentBar> = known[known.len().saturating_sub(MAX_BARS)..]
                    .iter()
                    .map(|&(start, impact)| {
                        let offset = browser::utc_offset_minutes_at(start.utc_ms);
                        let start = WallClock::at(start.utc_ms, offset);
                        IncidentBar { start, impact }
                    })
                    .collect();
                (!bars.is_empty())
                    .then(|| (budget_left_chart(&bars, policy, fit.get()), known.len()))
            })
        })
    });
    let caption = move || {
        let count = drawn.with(|d| d.as_ref().map_or(0, |(_, n)| *n));
        let which = if count > MAX_BARS {
            format!("the latest {MAX_BARS} of {count} incidents")
        } else if count == 1 {
            "the incident".to_string()
        } else {
            format!("each of {count} incidents")
        };
        format!(
            "Error budget left before and after {which} (a bar runs from after up to before; \
             where none is left, a line on the baseline, marked 0%, or <0% where the budget is \
             overspent, where the bars are wide enough), in time order, coloured by the deploy decision after it; shaded: the \
             Budget tab's care and freeze zones. The table above has the figures."
        )
    };
    view! {
        <Show when=move || drawn.with(Option::is_some)>
            <section class="panel" aria-labelledby="incidents-chart-title">
                <h2 id="incidents-chart-title">"Budget left around each incident"</h2>
                <figure class="chart">
                    <div
                        id="incidents-chart"
                        role="img"
                        aria-label=caption
                        inner_html=move || drawn.with(|d| d.as_ref().map(|(svg, _)| svg.clone()))
                    ></div>
                    <figcaption>{caption}</figcaption>
                    <ChartDownloads chart_id="incidents-chart" file_stem="headroom-incidents-budget" />
                </figure>
            </section>
        </Show>
    }
}

/// What one row of the incident list shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ListRow {
    /// The incident's place in the log (not in the list).
    index: usize,
    label: String,
    title: String,
    severity: String,
    started: String,
    duration: String,
    consumed: String,
}

/// The list of incidents, latest start first, and the button that declares a new one.
#[component]
fn IncidentList(
    state: IncidentsState,
    log: Memo<(Vec<IncidentSheet>, Vec<Option<String>>)>,
    impacts: Memo<Vec<Option<Impact>>>,
    selected: Memo<Option<usize>>,
    context: Memo<Result<BudgetContext, String>>,
    summary: Signal<Option<String>>,
) -> impl IntoView {
    let full = move || state.inputs.with(|i| i.incidents.len() >= MAX_INCIDENTS);
    let declare = move |_| {
        state.declare();
        browser::focus_next_frame(IncidentField::Title.id());
    };
    // What each row shows, in list order. A row is drawn again only when what it shows changes
    // (typing in one incident, or the clock moving an ongoing one, leaves the others alone).
    let rows = Memo::new(move |_| {
        let order = log.with(|(sheets, _)| incident::list_order(sheets));
        order
            .into_iter()
            .map(|index| {
                let (title, severity) = state.inputs.with(|i| {
                    i.incidents
                        .get(index)
                        .map(|x| (x.title.clone(), x.severity.clone()))
                        .unwrap_or_default()
                });
                let (id, started, duration) = log.with(|(sheets, ids)| {
                    let sheet = sheets.get(index);
                    let id = ids.get(index).cloned().flatten();
                    let started = sheet.and_then(|s| s.start).map(shown);
                    let duration = sheet.and_then(|s| {
                        let ms = s.duration_ms?;
                        Some(if s.ongoing {
                            format!("ongoing, {} so far", format_duration(ms))
                        } else {
                            format_duration(ms)
                        })
                    });
                    (id, started, duration)
                });
                let consumed = impacts.with(|all| {
                    all.get(index)
                        .cloned()
                        .flatten()
                        .map(|i| percent(i.impact.consumed))
                });
                ListRow {
                    index,
                    label: id.unwrap_or_else(|| "no id yet".to_string()),
                    title,
                    severity,
                    started: started.unwrap_or_else(|| "not valid".to_string()),
                    duration: duration.unwrap_or_else(|| "—".to_string()),
                    consumed: consumed.unwrap_or_else(|| "—".to_string()),
                }
            })
            .collect::<Vec<_>>()
    });
    let row_view = move |row: ListRow| {
        let index = row.index;
        let current = move || (selected.get() == Some(index)).then_some("true");
        view! {
            <tr class="incident-row" class:selected=move || selected.get() == Some(index)>
                <th scope="row">
                    <button
                        type="button"
                        class="incident-open"
                        aria-current=current
                        on:click=move |_| state.inputs.update(|i| i.selected = index)
                    >
                        {row.label.clone()}
                    </button>
                    <span class="incident-id-print">{row.label}</span>
                </th>
                <td class="incident-title">{row.title}</td>
                <td data-label="Severity">{row.severity}</td>
                <td data-label="Started">{row.started}</td>
                <td data-label="Duration">{row.duration}</td>
                <td class="num" data-label="Budget consumed">{row.consumed}</td>
            </tr>
        }
    };
    // Incidents costed together that went on at the same time, each counted in full.
    let overlaps = Memo::new(move |_| {
        log.with(|(sheets, ids)| {
            impacts.with(|impacts| {
                let found = incident::impact_overlaps(sheets, impacts);
                state.inputs.with(|inputs| {
                    overlap_text(&found, |i| {
                        let id = ids.get(i).cloned().flatten().unwrap_or_default();
                        let title = inputs.incidents.get(i).map(|x| x.title.as_str());
                        (
                            id,
                            show_bidi_controls(title.unwrap_or_default()).into_owned(),
                        )
                    })
                })
            })
        })
    });
    let budget_words = move || match context.get() {
        Ok(context) => format!(
            "Budget figures use the Budget tab's SLO: {}% over {}.",
            context.target.percent_text(),
            match context.window.kind {
                budget_sheet::WindowKind::Rolling => {
                    format!("a rolling {}-day window", context.window.window.days_text())
                }
                budget_sheet::WindowKind::Calendar(_) => {
                    "calendar periods (each incident in the period of its start)".to_string()
                }
            }
        ),
        Err(reason) => format!("{reason}: fix it on the Budget tab to see budget figures."),
    };

    view! {
        <section class="panel" aria-labelledby="incidents-log-title">
            <h2 id="incidents-log-title">"Incident log"</h2>
            <p class="help">
                "Declare an incident when it starts (or log it late: the start time can be "
                "changed), keep its timeline, and resolve it. The log is kept in this browser and "
                "in saved scenarios, exports and share links. " {budget_words}
            </p>
            <div class="toil-actions">
                <button id="incidents-declare" type="button" on:click=declare disabled=full>
                    "Declare an incident"
                </button>
            </div>
            <LostNotices state />
            <Show
                when=move || state.inputs.with(|i| !i.incidents.is_empty())
                fallback=|| view! { <p id="incidents-empty" class="empty">"No incidents logged yet."</p> }
            >
                <div class="table-scroll stack-wrap">
                    <table id="incidents-list" class="incidents-list stack">
                        <caption>"Latest start first. Pick an incident to see it in full."</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Incident"</th>
                                <th scope="col">"Title"</th>
                                <th scope="col">"Severity"</th>
                                <th scope="col">"Started"</th>
                                <th scope="col">"Duration"</th>
                                <th scope="col">"Budget consumed"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || rows.get() key=|row| row.clone() children=row_view />
                        </tbody>
                    </table>
                </div>
                <p id="incidents-overlaps" class="field-warning" aria-live="polite">
                    {move || overlaps.get()}
                </p>
                // The whole log as Markdown, with the list it sums up.
                <CopySummary
                    id="incidents"
                    markdown=summary
                    ready=Signal::derive(move || state.inputs.with(|i| !i.incidents.is_empty()))
                />
            </Show>
        </section>
    }
}

/// A notice for each incident this window was writing in when another window deleted it: what
/// had been typed, a button that puts the incident back as a new one (`incident_lost::restore`)
/// and one that dismisses the notice; and one for each timeline entry deleted so, its incident
/// still there, whose button puts the entry back in it (`incident_lost::restore_entry`).
#[component]
fn LostNotices(state: IncidentsState) -> impl IntoView {
    let incidents = move || {
        state
            .lost
            .get()
            .into_iter()
            .enumerate()
            .map(|(at, notice)| {
                lost_notice(
                    format!("incidents-lost-{at}"),
                    incident_lost::lost_words(&notice.lost, quoted),
                    notice.refused,
                    "Restore the incident",
                    move || state.restore(at),
                    move || dismiss(state.lost, at),
                )
            })
            .collect_view()
    };
    let entries = move || {
        state
            .lost_entries
            .get()
            .into_iter()
            .enumerate()
            .map(|(at, notice)| {
                lost_notice(
                    format!("incidents-lost-entry-{at}"),
                    incident_lost::lost_entry_words(&notice.lost, quoted),
                    notice.refused,
                    "Put the entry back",
                    move || state.restore_entry(at),
                    move || dismiss(state.lost_entries, at),
                )
            })
            .collect_view()
    };
    view! { <div id="incidents-lost">{incidents} {entries}</div> }
}

/// Removes notice `at` from `notices`.
fn dismiss<T: Send + Sync + 'static>(notices: RwSignal<Vec<LostNotice<T>>>, at: usize) {
    notices.update(|all| {
        if at < all.len() {
            all.remove(at);
        }
    });
}

/// One notice of something lost to another window's deletion, its element ids led by `id`: its
/// `words`, why putting it back was `refused`, the button that puts it back (`restore_label`,
/// `restore`), and Dismiss.
fn lost_notice(
    id: String,
    words: String,
    refused: Option<String>,
    restore_label: &'static str,
    restore: impl Fn() + 'static,
    dismiss: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div id=id.clone() class="notice incidents-lost" role="alert">
            <p id=format!("{id}-text")>{words}</p>
            {refused.map(|reason| view! {
                <p id=format!("{id}-error") class="field-error">{reason}</p>
            })}
            <div class="toil-actions">
                <button id=format!("{id}-restore") type="button" on:click=move |_| restore()>
                    {restore_label}
                </button>
                <button id=format!("{id}-dismiss") type="button" on:click=move |_| dismiss()>
                    "Dismiss"
                </button>
            </div>
        </div>
    }
}

/// A labelled text field of the selected incident, with its message next to it.
fn text_field(
    state: IncidentsState,
    sheet: Memo<Option<IncidentSheet>>,
    field: IncidentField,
    label: &'static str,
    help: Option<&'static str>,
    get: fn(&IncidentInputs) -> &String,
    set: fn(&mut IncidentInputs, String),
) -> impl IntoView {
    let id = field.id();
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = if help.is_some() {
        format!("{help_id} {error_id}")
    } else {
        error_id.clone()
    };
    let just_declared = move || {
        field == IncidentField::Title
            && state
                .fresh
                .get()
                .is_some_and(|fresh| state.with_selected(|i| i.id) == Some(fresh))
    };
    let error = move || {
        if just_declared() {
            return None;
        }
        sheet.with(|s| s.as_ref()?.error(field).map(str::to_string))
    };
    let value = move || state.with_selected(|i| get(i).clone()).unwrap_or_default();
    let input = if field == IncidentField::Resolution {
        Either::Left(view! {
            <textarea
                id=id.clone()
                rows="3"
                spellcheck="true"
                aria-describedby=described_by
                aria-invalid=move || error().is_some().to_string()
                prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit_fields(|i| set(i, text));
                }
            ></textarea>
        })
    } else {
        Either::Right(view! {
            <input
                id=id.clone()
                type="text"
                autocomplete="off"
                aria-describedby=described_by
                aria-invalid=move || error().is_some().to_string()
                prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit_fields(|i| set(i, text));
                }
                on:blur=move |_| {
                    // After this event: a field that loses the focus because the tab is being
                    // taken down (the address changed to another tab, or Back) gets its blur
                    // while the tab's views are disposed, and a change made then reached them
                    // (a panic, and every tab "Loading…" after it).
                    if field == IncidentField::Title {
                        let fresh = state.fresh;
                        queue_microtask(move || {
                            if fresh.try_get_untracked().flatten().is_some() {
                                fresh.set(None);
                            }
                        });
                    }
                }
            />
        })
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            {help.map(|text| view! { <p id=help_id class="help">{text}</p> })}
            <p id=error_id class="field-error" aria-live="polite">
                {error}
                // While the new incident's title has not been left, its message holds its
                // place unseen: shown when the field is left, it moves nothing below it (a
                // click that left the field would land beside what it aimed at).
                {move || {
                    just_declared()
                        .then(|| sheet.with(|s| s.as_ref()?.error(field).map(str::to_string)))
                        .flatten()
                        .map(|text| view! { <span class="held-place" aria-hidden="true">{text}</span> })
                }}
            </p>
        </div>
    }
}

/// A date-and-time field of the selected incident, with the offset it is typed in stated.
fn time_field(
    state: IncidentsState,
    sheet: Memo<Option<IncidentSheet>>,
    zone_name: Option<String>,
    field: IncidentField,
    label: &'static str,
    get: fn(&IncidentInputs) -> &TimeInputs,
    set: fn(&mut IncidentInputs) -> &mut TimeInputs,
) -> impl IntoView {
    let id = field.id();
    let zone_id = format!("{id}-zone");
    let error_id = format!("{id}-error");
    let error = move || sheet.with(|s| s.as_ref()?.error(field).map(str::to_string));
    let skipped: JustSkipped = RwSignal::new(None);
    let zone = move || {
        let (row, time) = state
            .with_selected(|i| (i.id, get(i).clone()))
            .unwrap_or_default();
        let name = zone_name
            .as_ref()
            .map(|n| format!(", {n}"))
            .unwrap_or_default();
        let note = zone_note(&time, row, skipped);
        // Until a time is typed, the offset the browser's zone is at now (a new field's offset
        // is 0, which only a UTC zone has).
        let offset = if WallClock::parse(&time.local).is_ok() {
            time.utc_offset_minutes
        } else {
            browser::utc_offset_minutes_at(browser::now_ms() as i64)
        };
        format!("YYYY-MM-DD HH:MM, in {}{name}.{note}", offset_text(offset))
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck="false"
                placeholder="YYYY-MM-DD HH:MM"
                aria-describedby=format!("{zone_id} {error_id}")
                aria-invalid=move || error().is_some().to_string()
                prop:value=move || state.with_selected(|i| get(i).local.clone()).unwrap_or_default()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let previous = state.with_selected(|i| get(i).utc_offset_minutes);
                    let time = typing(text, previous.unwrap_or_default(), skipped);
                    state.edit_fields(|i| *set(i) = time);
                }
                on:change=move |_| {
                    let time = state.with_selected(|i| (i.id, get(i).clone()));
                    let read_as = time.and_then(|(row, time)| committed(&time, row, skipped));
                    if let Some(time) = read_as {
                        state.edit_fields(|i| *set(i) = time);
                    }
                }
            />
            <p id=zone_id class="help">{zone}</p>
            <p id=error_id class="field-error" aria-live="polite">{error}</p>
        </div>
    }
}

/// Title, severity, people, start and traffic affected of the selected incident.
#[component]
fn IncidentDetails(
    state: IncidentsState,
    sheet: Memo<Option<IncidentSheet>>,
    id: Memo<Option<String>>,
    zone_name: Option<String>,
) -> impl IntoView {
    let severity_error = move || {
        sheet.with(|s| {
            s.as_ref()?
                .error(IncidentField::Severity)
                .map(str::to_string)
        })
    };
    let affected_error = move || {
        sheet.with(|s| {
            s.as_ref()?
                .error(IncidentField::Affected)
                .map(str::to_string)
        })
    };
    let full_outage = move || state.with_selected(|i| i.full_outage).unwrap_or(false);
    let heading = move || {
        let title = state
            .with_selected(|i| i.title.trim().to_string())
            .unwrap_or_default();
        let id = id
            .get()
            .unwrap_or_else(|| "No id yet (the start time is not valid)".to_string());
        if title.is_empty() {
            id
        } else {
            format!("{id}: {title}")
        }
    };
    let delete = move |_| {
        let Some(index) = state.selected() else {
            return;
        };
        let name = id
            .get_untracked()
            .unwrap_or_else(|| "this incident".to_string());
        if browser::confirm(&format!(
            "Delete {name} with its timeline? This cannot be undone (a saved scenario keeps its \
             own copy)."
        )) {
            state.remove(index);
        }
    };

    view! {
        <section class="panel" aria-labelledby="incidents-detail-title">
            <h2 id="incidents-detail-title">{heading}</h2>
            <div class="fields">
                {text_field(state, sheet, IncidentField::Title, "Title", None, |i| &i.title, |i, t| i.title = t)}
                <div class="field">
                    <label for="incidents-severity">"Severity"</label>
                    <select
                        id="incidents-severity"
                        aria-describedby="incidents-severity-error"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            state.edit_fields(|i| i.severity = value);
                        }
                    >
                        {Severity::ALL
                            .into_iter()
                            .map(|s| {
                                let selected = move || {
                                    state.with_selected(|i| Severity::parse(&i.severity) == Some(s)).unwrap_or(false)
                                };
                                view! {
                                    <option value=s.slug() selected=selected>
                                        {format!("{}: {}", s.slug(), s.meaning())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p id="incidents-severity-error" class="field-error" aria-live="polite">{severity_error}</p>
                </div>
                {text_field(state, sheet, IncidentField::DetectedBy, "Detected by",
                    Some("An alert's name, a customer report, a person."),
                    |i| &i.detected_by, |i, t| i.detected_by = t)}
                {text_field(state, sheet, IncidentField::Commander, "Incident commander", None,
                    |i| &i.commander, |i, t| i.commander = t)}
                {text_field(state, sheet, IncidentField::Responders, "Responders",
                    Some("Names, separated by commas."),
                    |i| &i.responders, |i, t| i.responders = t)}
                {time_field(state, sheet, zone_name, IncidentField::Start, "Impact started at",
                    |i| &i.start, |i| &mut i.start)}
                <div class="field">
                    <label for="incidents-affected">"Traffic affected (%)"</label>
                    <input
                        id="incidents-affected"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-describedby="incidents-affected-help incidents-affected-error"
                        aria-invalid=move || affected_error().is_some().to_string()
                        disabled=full_outage
                        prop:value=move || state.with_selected(|i| i.affected_percent.clone()).unwrap_or_default()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            state.edit_fields(|i| i.affected_percent = text);
                        }
                    />
                    <label class="check">
                        <input
                            id="incidents-full-outage"
                            type="checkbox"
                            prop:checked=full_outage
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                state.edit_fields(|i| i.full_outage = checked);
                            }
                        />
                        " Full outage (all traffic)"
                    </label>
                    <p id="incidents-affected-help" class="help">
                        "The share of requests that failed while it lasted."
                    </p>
                    <p id="incidents-affected-error" class="field-error" aria-live="polite">{affected_error}</p>
                </div>
            </div>
            <p class="help">{postmortem::severity_help()} "."</p>
            <div class="toil-actions">
                <button id="incidents-delete" type="button" on:click=delete>"Delete this incident"</button>
            </div>
        </section>
    }
}

/// The selected incident's timeline, in time order. One entry at a time is edited; "Done" puts
/// it in its place in time and closes it, Enter in its message puts it there and keeps it open.
#[component]
fn Timeline(
    state: IncidentsState,
    sheet: Memo<Option<IncidentSheet>>,
    selected: Memo<Option<usize>>,
) -> impl IntoView {
    let count = Memo::new(move |_| state.with_selected(|i| i.timeline.len()).unwrap_or(0));
    let editing = state.editing;
    provide_context(EditorFocus(StoredValue::new(None)));
    // Another incident shown: nothing is being edited, unless an entry put back (or the entry
    // of an incident restored) is to be edited again.
    Effect::new(move |_| {
        selected.track();
        editing.set(None);
        state.opened_valid.set(None);
        state.entry_skipped.set(None);
        if let Some(id) = state.reopen.try_update_value(Option::take).flatten() {
            state.open_entry_by_id(id);
        }
    });
    // The note of how a skipped time was read explains the typing just done: it stays while its
    // entry is open (also when the entry moves), and goes once the entry is closed or another
    // one is opened; opened again, its time reads like any other.
    Effect::new(move |_| {
        let open = editing.get();
        let skipped = state.entry_skipped;
        if skipped.with_untracked(|just| just.as_ref().is_some_and(|(row, _)| Some(*row) != open)) {
            skipped.set(None);
        }
    });
    let add = move |_| {
        state.sort_selected_timeline();
        if let Some(at) = state.add_entry() {
            editing.set(state.open_entry(at));
            browser::focus_next_frame(IncidentField::EntryMessage(at).id());
        }
    };
    // The offset the column of times is headed with, as the postmortem draft states its times:
    // the browser zone's at the incident's start (now's while the start is not valid). Worked
    // out once for the heading and every row.
    let offset = Memo::new(move |_| {
        let start = sheet.with(|s| s.as_ref().and_then(|s| s.start));
        browser::utc_offset_minutes_at(start.map_or_else(now_ms, |m| m.utc_ms))
    });
    let zone = move || format!("Time ({})", offset_text(offset.get()));
    view! {
        <section class="panel" aria-labelledby="incidents-timeline-title">
            <h2 id="incidents-timeline-title">"Timeline"</h2>
            <p class="help">
                "What happened and what was done, in time order. A new entry starts at the "
                "current time with the latest status; if you log it late, give it its time and "
                "it takes the status in effect then, unless you pick one. Times are "
                "YYYY-MM-DD HH:MM in your browser's time zone."
            </p>
            <Show
                when=move || { count.get() > 0 }
                fallback=|| view! { <p class="empty">"No entries yet."</p> }
            >
                <div class="table-scroll stack-wrap">
                    <table id="incidents-timeline" class="incidents-timeline stack">
                        <thead>
                            <tr>
                                <th scope="col">{zone}</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Message"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || 0..count.get()
                                key=|index| *index
                                children=move |index| {
                                    view! { <EntryRow state sheet editing offset index /> }
                                }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
            <div class="toil-actions">
                <button
                    id="incidents-add-entry"
                    type="button"
                    on:click=add
                    disabled=move || { count.get() >= MAX_ENTRIES }
                >
                    "Add entry"
                </button>
            </div>
        </section>
    }
}

/// One timeline entry: shown as text, or edited in place.
#[component]
fn EntryRow(
    state: IncidentsState,
    sheet: Memo<Option<IncidentSheet>>,
    editing: RwSignal<Option<RowId>>,
    /// The offset the column of times is headed with.
    offset: Memo<i32>,
    index: usize,
) -> impl IntoView {
    // A memo: the row is drawn again only when it starts or stops being the one edited, not on
    // every keystroke in the log.
    let is_editing = Memo::new(move |_| {
        let id = state
            .with_selected(|i| i.timeline.get(index).map(|e| e.id))
            .flatten();
        id.is_some() && editing.get() == id
    });
    let entry = move || {
        state
            .with_selected(|i| i.timeline.get(index).cloned())
            .flatten()
            .unwrap_or_default()
    };
    let error = move |field: IncidentField| {
        move || sheet.with(|s| s.as_ref()?.error(field).map(str::to_string))
    };
    let edit = move |_| {
        // Whatever was being edited goes to its place first; then find this entry again.
        let order = state.sort_selected_timeline();
        let at = order.iter().position(|&i| i == index).unwrap_or(index);
        state.inherited.set(None);
        editing.set(state.open_entry(at));
        browser::focus_next_frame(IncidentField::EntryMessage(at).id());
    };
    let delete = move |_| {
        let mut removed = None;
        state.update_selected(|i| {
            if index < i.timeline.len() {
                removed = Some(i.timeline.remove(index).id);
            }
        });
        if removed.is_some() && editing.get_untracked() == removed {
            editing.set(None);
        }
    };
    let shown_row = move || {
        let entry = entry();
        // The column's heading gives the offset at the incident's start; a time in another
        // (across a change of summer time) says its own.
        let when = match Moment::parse(&entry.time) {
            Ok(moment) => {
                let own = browser::utc_offset_minutes_at(moment.utc_ms);
                entry_time_text(moment, own, offset.get())
            }
            Err(_) => entry.time.local.clone(),
        };
        let status =
            Status::parse(&entry.status).map_or(entry.status.clone(), |s| s.label().to_string());
        let problems = [
            IncidentField::EntryTime(index),
            IncidentField::EntryStatus(index),
            IncidentField::EntryMessage(index),
        ]
        .into_iter()
        .filter_map(|field| error(field)())
        .collect::<Vec<_>>()
        .join(" ");
        // Under the time it is about, in short; the entry's editor gives it in full.
        let far_off = sheet.with(|s| s.as_ref()?.far_off(index));
        let far_off = far_off.map(|far_off| {
            let id = format!("{}-warning", IncidentField::EntryTime(index).id());
            view! { <p id=id class="field-warning cell-error">{format!("{}.", far_off.note())}</p> }
        });
        view! {
            // The column's heading, offset and all, before the time where the table is a list
            // of cards (a phone), as the heading is not shown there.
            <td class="entry-when" data-label=move || format!("Time ({})", offset_text(offset.get()))>
                <span class="entry-when-time">{when}</span>
                {far_off}
            </td>
            <td class="entry-status-text" data-label="Status">{status}</td>
            <td class="entry-message-text">
                {entry.message}
                {(!problems.is_empty()).then(|| view! { <p class="field-error cell-error">{problems}</p> })}
            </td>
            <td class="row-actions">
                <button type="button" class="entry-edit" aria-label=format!("Edit entry {}", index + 1)
                    on:click=edit>"Edit"</button>
                " "
                <button type="button" class="entry-delete" aria-label=format!("Delete entry {}", index + 1)
                    on:click=delete>"✕"</button>
            </td>
        }
    };
    let edited_row = move || {
        view! { <EntryEditor state sheet editing index /> }
    };
    view! {
        <tr id=format!("incidents-entry-{index}") class:editing=move || is_editing.get()>
            {move || if is_editing.get() {
                Either::Left(edited_row())
            } else {
                Either::Right(shown_row())
            }}
        </tr>
    }
}

/// Which field of the entry editor had the focus last (0 time, 1 status, 2 message): when
/// another window's change moves the entry being edited, its editor is drawn anew in the entry's
/// new row, and that field gets the focus back there.
#[derive(Clone, Copy)]
struct EditorFocus(StoredValue<Option<usize>>);

/// The fields of the entry being edited.
#[component]
fn EntryEditor(
    state: IncidentsState,
    sheet: Memo<Option<IncidentSheet>>,
    editing: RwSignal<Option<RowId>>,
    index: usize,
) -> impl IntoView {
    let entry = move || {
        state
            .with_selected(|i| i.timeline.get(index).cloned())
            .flatten()
            .unwrap_or_default()
    };
    let update = move |change: Box<dyn FnOnce(&mut EntryInputs)>| {
        state.update_selected(|i| {
            if let Some(entry) = i.timeline.get_mut(index) {
                change(entry);
            }
        });
    };
    let error = move |field: IncidentField| {
        move || sheet.with(|s| s.as_ref()?.error(field).map(str::to_string))
    };
    let warning = move |field: IncidentField| {
        move || sheet.with(|s| s.as_ref()?.warning(field).map(str::to_string))
    };
    let last_focus = use_context::<EditorFocus>().map(|EditorFocus(last)| last);
    let done = move || {
        state.sort_selected_timeline();
        editing.set(None);
        state.inherited.set(None);
        if let Some(last) = last_focus {
            last.set_value(None);
        }
    };
    let time_field = IncidentField::EntryTime(index);
    let status_field = IncidentField::EntryStatus(index);
    let message_field = IncidentField::EntryMessage(index);
    let field_ids = [time_field.id(), status_field.id(), message_field.id()];
    if let Some(part) = last_focus.and_then(|last| last.get_value()) {
        browser::refocus_next_frame(field_ids[part].clone());
    }
    let focused = move |part: usize| {
        if let Some(last) = last_focus {
            last.set_value(Some(part));
        }
    };
    let skipped = state.entry_skipped;
    // The time field committed: its `change` event, or Enter in it or in the message (whose
    // default, with the `change` it would fire, is prevented). Committing twice changes nothing.
    let commit_time = move || {
        let entry = entry();
        if let Some(time) = committed(&entry.time, entry.id, skipped) {
            update(Box::new(move |e| e.time = time));
        }
        state.follow_status(index);
    };
    // Enter in the time field commits it as leaving it does, and the focus stays in it, with
    // its note and any warning under it; the entry stays open.
    let on_time_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            commit_time();
        }
    };
    // Enter in the message commits the entry as Done does, putting it in its place in time, but
    // keeps it open with the focus in its message (closing it left the focus on the page). An
    // entry that moves is edited in its new row, its message focused there.
    let on_message_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            commit_time();
            let order = state.sort_selected_timeline();
            let at = order.iter().position(|&i| i == index).unwrap_or(index);
            state.open_entry(at);
            if at != index {
                browser::focus_next_frame(IncidentField::EntryMessage(at).id());
            }
        }
    };
    let zone = move || {
        // The offset saved with the time, as the start and resolution fields state theirs (the
        // second occurrence of a repeated time keeps its own).
        let EntryInputs { id, time, .. } = entry();
        let note = zone_note(&time, id, skipped);
        let stop = if note.is_empty() { "" } else { "." };
        format!("in {}{stop}{note}", offset_text(time.utc_offset_minutes))
    };
    view! {
        <td data-label="Time">
            <input
                id=time_field.id()
                class="entry-time"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck="false"
                aria-label=format!("Time of entry {}", index + 1)
                aria-describedby=format!("{0}-zone {0}-warning {0}-error", time_field.id())
                aria-invalid=move || error(time_field)().is_some().to_string()
                prop:value=move || entry().time.local
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let time = typing(text, entry().time.utc_offset_minutes, skipped);
                    update(Box::new(move |e| e.time = time));
                }
                on:change=move |_| commit_time()
                on:keydown=on_time_enter
                on:focus=move |_| focused(0)
            />
            <p id=format!("{}-zone", time_field.id()) class="help cell-note">{zone}</p>
            <p id=format!("{}-error", time_field.id()) class="field-error cell-error" aria-live="polite">
                {error(time_field)}
            </p>
            <p id=format!("{}-warning", time_field.id()) class="field-warning cell-error" aria-live="polite">
                {warning(time_field)}
            </p>
        </td>
        <td data-label="Status">
            <select
                id=status_field.id()
                class="entry-status"
                aria-label=format!("Status at entry {}", index + 1)
                on:focus=move |_| focused(1)
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    update(Box::new(move |e| e.status = value));
                    // A status picked is kept whatever time the entry is given.
                    state.inherited.set(None);
                }
            >
                {Status::ALL
                    .into_iter()
                    .map(|s| {
                        let selected = move || Status::parse(&entry().status) == Some(s);
                        view! { <option value=s.slug() selected=selected>{s.label()}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error cell-error" aria-live="polite">{error(status_field)}</p>
        </td>
        <td class="entry-message-cell" data-label="Message">
            <input
                id=message_field.id()
                class="entry-message"
                type="text"
                autocomplete="off"
                aria-label=format!("Message of entry {}", index + 1)
                aria-describedby=format!("{}-error", message_field.id())
                aria-invalid=move || error(message_field)().is_some().to_string()
                prop:value=move || entry().message
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    update(Box::new(move |e| e.message = text));
                }
                on:keydown=on_message_enter
                on:focus=move |_| focused(2)
            />
            <p id=format!("{}-error", message_field.id()) class="field-error cell-error" aria-live="polite">
                {error(message_field)}
            </p>
        </td>
        <td class="row-actions">
            <button type="button" class="entry-done" on:click=move |_| done()>"Done"</button>
        </td>
    }
}

/// Resolution text and time, and the duration.
#[component]
fn Resolution(
    state: IncidentsState,
    sheet: Memo<Option<IncidentSheet>>,
    zone_name: Option<String>,
) -> impl IntoView {
    let ongoing = move || {
        state
            .with_selected(|i| i.resolved_at.local.trim().is_empty())
            .unwrap_or(true)
    };
    let resolve = move |_| {
        state.edit_fields(|i| {
            if i.resolved_at.local.trim().is_empty() {
                i.resolved_at = now_typed();
            }
        });
    };
    let reopen = move |_| state.edit_fields(|i| i.resolved_at = TimeInputs::default());
    let duration = move || {
        sheet.with(|s| {
            let s = s.as_ref()?;
            let ms = s.duration_ms?;
            Some(if s.ongoing {
                format!("Ongoing: {} so far.", format_duration(ms))
            } else {
                format!("Lasted {}.", format_duration(ms))
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="incidents-resolution-title">
            <h2 id="incidents-resolution-title">"Resolution"</h2>
            <div class="fields">
                {text_field(state, sheet, IncidentField::Resolution, "How it was resolved", None,
                    |i| &i.resolution, |i, t| i.resolution = t)}
                {time_field(state, sheet, zone_name, IncidentField::ResolvedAt, "Impact ended at",
                    |i| &i.resolved_at, |i| &mut i.resolved_at)}
            </div>
            <div class="toil-actions">
                <button id="incidents-resolve-now" type="button" on:click=resolve hidden=move || !ongoing()>
                    "Resolve now"
                </button>
                <button id="incidents-reopen" type="button" on:click=reopen hidden=ongoing>
                    "Reopen"
                </button>
            </div>
            <p id="incidents-duration" class="headline">
                {move || duration().unwrap_or_else(|| "Duration: fix the marked times.".to_string())}
            </p>
            <p class="convention">
                "Duration = resolution time − start time, counted in UTC, so midnight, month ends "
                "and clock changes are counted right; an ongoing incident runs until now. "
                {ROUNDING_RULE}
            </p>
        </section>
    }
}

/// The budget the selected incident consumed, what was left, and the deploy decision.
#[component]
fn ImpactPanel(
    context: Memo<Result<BudgetContext, String>>,
    impact: Memo<Option<(usize, Impact, bool)>>,
) -> impl IntoView {
    let stale = move || impact.get().is_some_and(|(_, _, stale)| stale);
    let body = move || match (context.get(), impact.get()) {
        (Err(reason), _) => EitherOf3::A(view! {
            <p class="undefined">
                {reason} ". " <a href="#/budget">"Fix it on the Budget tab"</a>
                " to see what this incident cost."
            </p>
        }),
        (Ok(_), None) => EitherOf3::B(view! {
            <p class="empty">
                "Give a valid start, resolution and share of traffic affected to see the budget "
                "this incident used."
            </p>
        }),
        (Ok(context), Some((_, impact, stale))) => {
            EitherOf3::C(impact_view(context, impact, stale))
        }
    };
    view! {
        <section
            id="incidents-impact"
            class="panel results"
            class:stale=stale
            aria-labelledby="incidents-impact-title"
            aria-live="polite"
        >
            <h2 id="incidents-impact-title">"Budget impact"</h2>
            {body}
        </section>
    }
}

fn impact_view(context: BudgetContext, impact: Impact, stale: bool) -> impl IntoView {
    let so_far = if impact.ongoing { " so far" } else { "" };
    let window = match impact.calendar_start {
        Some(first) => format!(
            "the calendar period from {first} ({})",
            days_phrase(&impact.window.days_text())
        ),
        None => days_phrase(&impact.window.days_text()),
    };
    let verdict_class = match impact.verdict_after {
        Verdict::Allowed => "verdict allowed",
        Verdict::Warning => "verdict warning",
        Verdict::Freeze => "verdict freeze",
    };
    let after = verdict_words(impact.verdict_after);
    let decision_title = if impact.decision_changed() {
        format!("Deploy decision changed: now {after}")
    } else {
        format!("Deploy decision unchanged: {after}")
    };
    view! {
        {stale.then(|| view! {
            <p class="stale-note" role="note">
                "Not updated: these figures are for the last valid input. Fix the field marked above."
            </p>
        })}
        <p class="headline">
            <span id="incidents-consumed" class="figure">{percent(impact.impact.consumed)}</span>
            {format!(
                " of the error budget for {}% over {window} consumed{so_far}",
                context.target.percent_text()
            )}
        </p>
        {impact.past_window_note().map(|note| view! {
            <p id="incidents-longer-than-window" class="field-warning" role="note">{note}</p>
        })}
        <dl class="figures">
            <dt>"As full-outage time"</dt>
            <dd id="incidents-consumed-time" title=format_minutes(impact.impact.equivalent_downtime_ms)>
                {format!(
                    "{} of the {} allowed",
                    format_duration(impact.impact.equivalent_downtime_ms),
                    format_duration(impact.allowed_downtime_ms)
                )}
            </dd>
            <dt>"Left afterwards"</dt>
            <dd id="incidents-left">{impact.left_text()}</dd>
        </dl>
        <div id="incidents-decision" class=verdict_class role="status">
            <p class="verdict-title">{decision_title}</p>
            <p>
                {format!(
                    "Before it: {} ({} of the budget left). After it: {}. The Budget tab's policy \
                     asks for care below {}% left and freezes below {}%.",
                    verdict_words(impact.verdict_before),
                    percent(impact.before),
                    verdict_words(impact.verdict_after),
                    format_scaled(context.policy.warn_below_parts, TARGET_PLACES),
                    format_scaled(context.policy.freeze_below_parts, TARGET_PLACES),
                )}
            </p>
        </div>
        <p id="incidents-decision-scope" class="help">{incident::DECISION_SCOPE_NOTE}</p>
        <p class="convention">{incident::IMPACT_CONVENTION}</p>
    }
}

/// Copy and download of the postmortem draft, and its preview.
#[component]
fn PostmortemPanel(markdown: Memo<Option<String>>, id: Memo<Option<String>>) -> impl IntoView {
    let (status, set_status) = signal(None::<Result<String, String>>);
    let copy = move |_| {
        let Some(text) = markdown.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let outcome = browser::copy_to_clipboard(&text).await;
            set_status.set(Some(match outcome {
                Ok(()) => Ok("The postmortem draft is on the clipboard, as Markdown.".to_string()),
                Err(reason) => Err(format!(
                    "Could not copy: {reason}. Download the .md file instead."
                )),
            }));
        });
    };
    let download = move |_| {
        let Some(text) = markdown.get_untracked() else {
            return;
        };
        let name = postmortem::file_name(id.get_untracked().as_deref());
        set_status.set(Some(
            browser::download_text(&name, "text/markdown;charset=utf-8", &text)
                .map(|()| format!("Downloaded {name}."))
                .map_err(|reason| format!("Could not download: {reason}.")),
        ));
    };
    view! {
        <section class="panel" aria-labelledby="incidents-postmortem-title">
            <h2 id="incidents-postmortem-title">"Postmortem draft"</h2>
            <p class="help">
                "Markdown with the summary, the impact and budget figures, the timeline, and empty "
                "sections for root cause, action items (owner, due date), what went well, what "
                "could be improved and lessons learned. Times are in your browser's time zone, "
                "named in the draft."
            </p>
            <div class="toil-actions">
                <button id="incidents-copy" type="button" on:click=copy>"Copy postmortem"</button>
                <button id="incidents-download" type="button" on:click=download>"Download .md"</button>
            </div>
            <p
                id="incidents-copy-status"
                class=move || match status.get() {
                    Some(Err(_)) => "field-error",
                    _ => "help",
                }
                aria-live="polite"
            >
                {move || status.get().map(|s| s.unwrap_or_else(|e| e))}
            </p>
            <details>
                <summary>"Preview"</summary>
                <pre id="incidents-postmortem" class="postmortem">{move || markdown.get().unwrap_or_default()}</pre>
            </details>
        </section>
    }
}
