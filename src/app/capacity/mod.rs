//! The Capacity tab: import a metric export, forecast it, find when it reaches capacity, and
//! show its daily and weekly shape. Parsing, fitting and patterns are in `formats::metrics` and
//! `calc::capacity`; this module wires them to the page.

mod import;
mod results;
pub mod series_store;

use std::sync::Arc;

use leptos::prelude::*;

use super::{Notices, StorageHandle};
use crate::calc::capacity::forecast::{ModelChoice, Season};
use crate::calc::capacity::series::{Series, UtcOffset};
use crate::calc::capacity::sheet::{self, CapacitySheet, Field};
use crate::calc::decimal::counted;
use crate::formats::series_codec::SeriesText;
use crate::inputs::{CapacityInputs, HorizonSource, SeriesRef};
use crate::storage::{Loaded, Notice, Storage};
use series_store::Found;

const STORAGE_NAME: &str = "capacity";

/// Lets the browser paint and handle input before the next slice of work.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds of work a long computation does before it lets the browser have a frame: well
/// under the 100 ms the page may hold at most, and long enough that the pauses (at least 4 ms
/// each, as browsers clamp nested timers) stay a small share of the time.
const SLICE_MS: f64 = 25.0;

/// Lets the browser have a frame once a slice of work has taken [`SLICE_MS`]. Call
/// [`Breather::breathe`] after each step of a computation whose steps are short (about a
/// millisecond, as the `steps` of `calc::capacity` and `series_codec` are).
pub struct Breather {
    since_ms: f64,
}

impl Default for Breather {
    fn default() -> Breather {
        Breather::new()
    }
}

impl Breather {
    pub fn new() -> Breather {
        Breather {
            since_ms: js_sys::Date::now(),
        }
    }

    /// Waits for the next frame if the slice is used up; true when it did.
    pub async fn breathe(&mut self) -> bool {
        if js_sys::Date::now() - self.since_ms < SLICE_MS {
            return false;
        }
        next_frame().await;
        self.since_ms = js_sys::Date::now();
        true
    }
}

/// The series on the page, compared by content id.
#[derive(Debug, Clone)]
pub struct Current {
    pub id: String,
    pub series: Arc<Series>,
}

impl PartialEq for Current {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// The Capacity tab's inputs and its series, loaded from storage and saved on change.
#[derive(Clone, Copy)]
pub struct CapacityState {
    pub inputs: RwSignal<CapacityInputs>,
    pub series: RwSignal<Option<Current>>,
    /// What the page must say about the series (not kept, not found, unreadable: then with the
    /// key of its text to download).
    pub series_note: RwSignal<Option<Notice>>,
    /// The share read of a stored series being restored, while it is.
    pub restoring: RwSignal<Option<f64>>,
    /// Counts the series asked for (inputs applied, a series adopted), so a restore that
    /// is no longer wanted stops.
    wanted: StoredValue<u64>,
    /// What the saved inputs point at: the last series kept in storage, or the one the inputs
    /// name when it is missing or unreadable there. A series on the page that could not be
    /// stored never replaces the reference to one that was.
    kept: RwSignal<Option<SeriesRef>>,
    storage: StorageHandle,
    notices: Notices,
    persistent: bool,
}

fn missing_note(reference: &SeriesRef) -> Notice {
    Notice::new(format!(
        "The series “{}” ({}) is not in this browser's storage (it was too large to keep, \
         or was left out of a link or file): import it again to see its forecast",
        reference.name,
        counted(reference.samples, "sample", "samples")
    ))
}

impl CapacityState {
    /// Restores the saved inputs and their series, keeps saving them, follows other windows,
    /// and removes stored series nothing refers to any more.
    pub fn load(storage: StorageHandle, notices: Notices) -> CapacityState {
        let saved = match storage.with_value(|s| s.load::<CapacityInputs>(STORAGE_NAME)) {
            Loaded::Found(inputs) => inputs,
            Loaded::Missing => CapacityInputs::default(),
            Loaded::Unreadable(notice) => {
                notices.report(notice);
                CapacityInputs::default()
            }
        };
        let state = CapacityState::new(storage, notices, saved.clone(), true);
        if storage.with_value(Storage::is_persistent) {
            series_store::collect_garbage(storage, saved.series.as_ref());
        }

        // Saved debounced like every tab's inputs, with the series reference of `kept`.
        super::autosave(storage, notices, STORAGE_NAME, move || state.saved_inputs());

        let key = Storage::key(STORAGE_NAME);
        let _listener = window_event_listener(leptos::ev::storage, move |event| {
            let changed = event.key();
            // Another window stored the series this tab said was missing (or could not read):
            // look again.
            if let Some(id) = changed.as_deref().and_then(series_store::id_of_key) {
                let wanted = state
                    .inputs
                    .with_untracked(|i| i.series.as_ref().is_some_and(|r| r.id == id));
                let shown = state.series.with_untracked(Option::is_some)
                    || state.restoring.get_untracked().is_some();
                if wanted && !shown && event.new_value().is_some() {
                    state.apply(state.inputs.get_untracked());
                }
                return;
            }
            if changed.as_deref() != Some(key.as_str()) {
                return;
            }
            let kept_here = state.kept.get_untracked();
            let mine = state.inputs.with_untracked(|i| CapacityInputs {
                series: kept_here,
                ..i.clone()
            });
            if let Some(inputs) =
                super::changed_elsewhere(storage, notices, STORAGE_NAME, &event, &mine)
            {
                state.apply(inputs);
            }
        });
        state
    }

    /// Inputs shown but never saved (a scenario opened from a link), with the series the link
    /// carried.
    pub fn transient(
        storage: StorageHandle,
        notices: Notices,
        inputs: CapacityInputs,
        attached: &[SeriesText],
    ) -> CapacityState {
        let file = crate::formats::scenario::ScenarioFile {
            series: attached.to_vec(),
            ..crate::formats::scenario::ScenarioFile::new(Vec::new())
        };
        series_store::remember_attached(&file);
        CapacityState::new(storage, notices, inputs, false)
    }

    fn new(
        storage: StorageHandle,
        notices: Notices,
        inputs: CapacityInputs,
        persistent: bool,
    ) -> CapacityState {
        let state = CapacityState {
            inputs: RwSignal::new(CapacityInputs::default()),
            series: RwSignal::new(None),
            series_note: RwSignal::new(None),
            restoring: RwSignal::new(None),
            wanted: StoredValue::new(0),
            kept: RwSignal::new(None),
            storage,
            notices,
            persistent,
        };
        state.apply(inputs);
        state
    }

    /// Replaces the inputs (opening a scenario, a change in another window) and finds their
    /// series: at once when it is on the page already, else read back from storage in steps
    /// (with a progress bar) while the rest of the tab is usable.
    pub fn apply(&self, inputs: CapacityInputs) {
        let restoring_same = self.restoring.get_untracked().is_some()
            && self.series.with_untracked(Option::is_none)
            && self
                .inputs
                .with_untracked(|i| i.series.as_ref().map(|r| r.id.clone()))
                == inputs.series.as_ref().map(|r| r.id.clone());
        if restoring_same {
            // The same series is on its way already.
            self.inputs.set(inputs);
            return;
        }
        let this = self.wanted.get_value() + 1;
        self.wanted.set_value(this);
        self.restoring.set(None);
        let mut unstored = None;
        let (series, note, kept) = match &inputs.series {
            None => (None, None, None),
            Some(reference) => match series_store::find(self.storage, &reference.id) {
                Ok(Found::OnPage(series)) => {
                    let stored = series_store::is_stored(self.storage, &reference.id);
                    // On this page but gone from storage (another window cleaned it up, or it
                    // could not be stored): stored again, and referred to once it is.
                    if !stored && self.persistent {
                        unstored = Some((reference.clone(), series.clone()));
                    }
                    let current = Some(Current {
                        id: reference.id.clone(),
                        series,
                    });
                    (current, None, stored.then(|| reference.clone()))
                }
                Ok(Found::Stored(packed)) => {
                    self.restore(reference.id.clone(), packed, this);
                    (None, None, Some(reference.clone()))
                }
                // A series missing from storage, or unreadable there, stays referred to: after
                // a reload the tab says the same, and a damaged one is never cleaned up.
                Ok(Found::Missing) => {
                    (None, Some(missing_note(reference)), Some(reference.clone()))
                }
                Err(unreadable) => (None, Some(unreadable.notice), Some(reference.clone())),
            },
        };
        // Inputs without a series refer to none; a series on the page that could not be stored
        // (too large) leaves the reference to the one kept before.
        let kept = match inputs.series {
            None => None,
            Some(_) => kept.or_else(|| self.kept.get_untracked()),
        };
        self.kept.set(kept);
        self.series.set(series);
        self.series_note.set(note);
        self.inputs.set(inputs);
        if let Some((reference, series)) = unstored {
            self.keep(reference, series);
        }
    }

    /// Reads the stored series `id` back in steps and makes it the tab's series, unless
    /// another series is wanted by then. A damaged one is reported; its reference is kept, so
    /// nothing stored is dropped because it could not be read.
    fn restore(&self, id: String, packed: String, this: u64) {
        let state = *self;
        state.restoring.set(Some(0.0));
        let packed: Arc<str> = Arc::from(packed);
        leptos::task::spawn_local(async move {
            let wanted = move || state.wanted.get_value() == this;
            let progress = move |share: f64| state.restoring.set(Some(share));
            let outcome =
                series_store::unpack_in_steps(packed.clone(), &id, progress, wanted).await;
            let Some(outcome) = outcome.filter(|_| wanted()) else {
                return;
            };
            state.restoring.set(None);
            match outcome {
                Ok(series) => state.series.set(Some(Current { id, series })),
                Err(problem) => {
                    let damaged =
                        series_store::found_damaged(state.storage, &id, &packed, &problem);
                    state.series_note.set(Some(damaged.notice));
                }
            }
        });
    }

    /// Makes `series` the tab's series and keeps it in storage when it can.
    pub fn adopt(&self, series: Series) {
        let span_days = series.scale().span_days;
        self.wanted.update_value(|n| *n += 1);
        self.restoring.set(None);
        let reference = series_store::reference(&series);
        let shared = series_store::remember(series, &reference.id);
        self.series.set(Some(Current {
            id: reference.id.clone(),
            series: shared.clone(),
        }));
        // A horizon the person has not typed is fitted to the new history.
        self.inputs.update(|i| {
            i.series = Some(reference.clone());
            sheet::fit_horizon_to_history(i, span_days);
        });
        if !self.persistent {
            self.series_note.set(Some(Notice::new(
                "This page shows a scenario from a link: the imported series is not saved"
                    .to_string(),
            )));
            return;
        }
        self.series_note.set(None);
        self.keep(reference, shared);
    }

    /// Stores the tab's series `shared` (referred to by `reference`) in steps, then makes the
    /// saved inputs refer to it; if it cannot be stored, says so and what a reload will show.
    fn keep(&self, reference: SeriesRef, shared: Arc<Series>) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let outcome =
                series_store::store_in_steps(state.storage, state.notices, shared, &reference.id)
                    .await;
            // Another series may have been imported meanwhile; only the current one counts.
            let current = state
                .series
                .with_untracked(|s| s.as_ref().map(|c| c.id.clone()));
            if current.as_deref() != Some(reference.id.as_str()) {
                return;
            }
            match outcome {
                Ok(()) => {
                    state.kept.set(Some(reference.clone()));
                    // The inputs refer to the stored series at once, not after the autosave
                    // delay: another window cleaning up stored series must never find it
                    // referred to by nothing.
                    let saved = untrack(|| state.saved_inputs());
                    match state.storage.with_value(|s| s.save(STORAGE_NAME, &saved)) {
                        Ok(Some(kept)) => state.notices.report(kept),
                        Ok(None) => {}
                        Err(notice) => state.series_note.set(Some(notice)),
                    }
                    series_store::collect_garbage(state.storage, Some(&reference));
                }
                Err(message) => {
                    // The saved inputs keep referring to the series kept before, which comes back
                    // after a reload only if storage still holds it.
                    let kept = state.kept.get_untracked();
                    let comes_back = kept.filter(|k| series_store::is_kept(state.storage, &k.id));
                    state.series_note.set(Some(Notice::new(match comes_back {
                        Some(kept) => format!(
                            "{message}. After a reload, the series kept before (“{}”) comes back",
                            kept.name
                        ),
                        None => format!("{message}."),
                    })))
                }
            }
        });
    }

    /// The inputs as saved, with the series reference of [`CapacityState::kept`], so a series
    /// that could not be stored never replaces the reference to one that was. Reactive inside a
    /// closure.
    fn saved_inputs(&self) -> CapacityInputs {
        let mut saved = self.inputs.get();
        let kept = self.kept.get();
        if saved.series.as_ref().map(|r| &r.id) != kept.as_ref().map(|r| &r.id) {
            saved.series = kept;
        }
        saved
    }

    /// Stores the current series (before a scenario that refers to it is saved from a link).
    pub fn keep_series(&self) -> Result<(), String> {
        match self.series.get_untracked() {
            Some(current) => series_store::store(self.storage, self.notices, &current.series),
            None => Ok(()),
        }
    }

    /// The inputs; reactive inside a closure.
    pub fn snapshot(&self) -> CapacityInputs {
        self.inputs.get()
    }

    fn set_field(&self, field: Field, text: String) {
        self.inputs.update(|i| match field {
            Field::Capacity => i.capacity = text,
            Field::Headroom => i.headroom_percent = text,
            Field::Horizon => {
                i.horizon_days = text;
                i.horizon_source = HorizonSource::Typed;
            }
            Field::UtcOffset => i.utc_offset = text,
            Field::Model => i.model = text,
        });
    }

    fn field(&self, field: Field) -> String {
        self.inputs.with(|i| match field {
            Field::Capacity => i.capacity.clone(),
            Field::Headroom => i.headroom_percent.clone(),
            Field::Horizon => i.horizon_days.clone(),
            Field::UtcOffset => i.utc_offset.clone(),
            Field::Model => i.model.clone(),
        })
    }
}

/// A text field of the plan with its message next to it.
#[component]
fn PlanField(
    state: CapacityState,
    sheet: Memo<CapacitySheet>,
    field: Field,
    label: &'static str,
    help: &'static str,
    #[prop(optional)] disabled: Option<Signal<bool>>,
    /// Said under the help while it is `Some` (how the field's value was set).
    #[prop(optional)]
    note: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let id = field.id();
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let note_id = format!("{id}-note");
    let described_by = match note {
        Some(_) => format!("{help_id} {note_id} {error_id}"),
        None => format!("{help_id} {error_id}"),
    };
    let error = move || sheet.with(|s| s.error(field).map(str::to_string));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || error().is_some().to_string()
                disabled=move || disabled.is_some_and(|d| d.get())
                prop:value=move || state.field(field)
                on:input=move |ev| state.set_field(field, event_target_value(&ev))
            />
            <p id=help_id class="help">{help}</p>
            {note.map(|note| view! { <p id=note_id class="help" role="status">{note}</p> })}
            <p id=error_id class="field-error" aria-live="polite">{error}</p>
        </div>
    }
}

/// The Capacity tab.
#[component]
pub fn CapacityTab(state: CapacityState) -> impl IntoView {
    let sheet = Memo::new(move |_| state.inputs.with(sheet::read));
    let offset = Memo::new(move |previous: Option<&UtcOffset>| {
        sheet
            .with(|s| s.offset)
            .or(previous.copied())
            .unwrap_or_default()
    });
    // The pattern model's name says the hour buckets it is fitted with to this series.
    let season = Memo::new(move |_| {
        state
            .series
            .with(|s| s.as_ref().and_then(|c| Season::of_series(&c.series)))
    });
    let wall_clock = Signal::derive(move || {
        state.series.with(|s| {
            s.as_ref().is_some_and(|c| {
                c.series.clock() == crate::calc::capacity::series::Clock::WallClock
            })
        })
    });

    let horizon_note = Signal::derive(move || state.inputs.with(sheet::horizon_note));
    // A saved model that names none of the options is shown as saved, with its message.
    let unknown_model = move || sheet.with(|s| s.model.is_none());
    let model_error = move || sheet.with(|s| s.error(Field::Model).map(str::to_string));

    view! {
        <import::ImportPanel state />

        <section class="panel" aria-labelledby="capacity-plan-title">
            <h2 id="capacity-plan-title">"Capacity plan"</h2>
            <div class="fields">
                <PlanField state sheet field=Field::Capacity label="Capacity (in the series' unit)"
                    help="The most the system can take, e.g. 100 for CPU %. Empty: no capacity dates." />
                <PlanField state sheet field=Field::Headroom label="Headroom (%)"
                    help="Spare capacity to keep above the forecast; 20 by default." />
                <PlanField state sheet field=Field::Horizon label="Forecast horizon (days)"
                    help="How far ahead to forecast, 1 to 3,650 days." note=horizon_note />
                <PlanField state sheet field=Field::UtcOffset label="UTC offset for the patterns"
                    help="Hours of day and weekdays of UTC times are read at this offset, e.g. +02:00."
                    disabled=wall_clock />
                <div class="field">
                    <label for="capacity-model">"Forecast model"</label>
                    <select
                        id="capacity-model"
                        aria-describedby="capacity-model-help capacity-model-error"
                        aria-invalid=move || unknown_model().to_string()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            state.inputs.update(|i| i.model = value);
                        }
                    >
                        <option value="" disabled hidden=move || !unknown_model() prop:selected=unknown_model>
                            {move || state.inputs.with(|i| crate::calc::unknown_option_label(&i.model))}
                        </option>
                        {ModelChoice::ALL
                            .into_iter()
                            .map(|choice| view! {
                                <option
                                    value=choice.slug()
                                    prop:selected=move || sheet.with(|s| s.model == Some(choice))
                                >
                                    {move || choice.title(season.get())}
                                </option>
                            })
                            .collect_view()}
                    </select>
                    <p id="capacity-model-help" class="help">"The dates, the recommended capacity and the chart follow this model; the backtest below compares all three, and the automatic choice follows its best."</p>
                    <p id="capacity-model-error" class="field-error" aria-live="polite">{model_error}</p>
                </div>
            </div>
            <p class="help" hidden=move || !wall_clock.get()>
                "This series has wall-clock times (no UTC offset): its hours are taken as written, so the offset does not apply."
            </p>
        </section>

        <results::CapacityResults state sheet offset />
    }
}
