//! The Budget tab: SLO target and window in; error budget, burn rate, remaining budget, the
//! deploy decision and incident impact out. All reading and maths is in
//! `calc::budget_sheet`; this module shows its answer.

mod results;

use std::time::Duration;

use leptos::prelude::*;

use super::export::CopySummary;
use super::{browser, IncidentLog, Notices, StorageHandle, WorkspaceState};
use crate::calc::budget_sheet::{self, BudgetSheet, Choice, Field, Now, ResolvedWindow};
use crate::calc::burn::SliKind;
use crate::calc::date::CivilDate;
use crate::calc::slo::{SloTarget, TargetError, WindowDays, WindowError};
use crate::formats::summary;
use crate::inputs::BudgetInputs;
use crate::storage::Loaded;

const STORAGE_NAME: &str = "budget";
const WINDOW_PRESETS: [u64; 4] = [7, 28, 30, 90];
/// How often figures that run with the clock are brought up to date: an ongoing incident's
/// cost so far, here and on the Incidents tab, and a calendar window's time elapsed.
pub const CLOCK_TICK: Duration = Duration::from_secs(30);

/// The Budget tab's inputs as one signal, loaded from storage and saved on every change.
#[derive(Clone, Copy)]
pub struct BudgetState {
    pub inputs: RwSignal<BudgetInputs>,
}

impl BudgetState {
    /// Restores the saved inputs (or defaults, with a notice when the saved ones are unreadable),
    /// keeps saving them, and follows changes made in another window of this browser.
    pub fn load(storage: StorageHandle, notices: Notices) -> BudgetState {
        let saved = match storage.with_value(|s| s.load::<BudgetInputs>(STORAGE_NAME)) {
            Loaded::Found(inputs) => inputs,
            Loaded::Missing => BudgetInputs::default(),
            Loaded::Unreadable(notice) => {
                notices.report(notice);
                BudgetInputs::default()
            }
        };
        let state = BudgetState {
            inputs: RwSignal::new(saved),
        };
        super::persist(storage, notices, STORAGE_NAME, state.inputs);
        state
    }

    /// Inputs that are shown but never saved (a scenario opened from a link).
    pub fn transient(inputs: BudgetInputs) -> BudgetState {
        BudgetState {
            inputs: RwSignal::new(inputs),
        }
    }

    /// Changes one text field.
    pub fn set(&self, field: Field, text: String) {
        self.inputs
            .update(|inputs| *budget_sheet::field_text_mut(inputs, field) = text);
    }

    /// The SLO target as typed, parsed; reactive when called inside a closure. Other tabs use
    /// this (and [`BudgetState::window`]) to follow the Budget tab's SLO.
    pub fn target(&self) -> Result<SloTarget, TargetError> {
        self.inputs
            .with(|inputs| SloTarget::parse(&inputs.target_percent))
    }

    /// The SLO window, when it is valid: its length and whether it is a calendar period;
    /// reactive when called inside a closure.
    pub fn resolved_window(&self) -> Option<ResolvedWindow> {
        let today = today();
        self.inputs
            .with(|inputs| budget_sheet::read(inputs, today).window)
    }

    /// What the SLI counts (requests, bad minutes, bad timeslices of a length), or the message of
    /// the field that keeps it from being read; reactive when called inside a closure.
    pub fn sli(&self) -> Result<SliKind, String> {
        let today = today();
        self.inputs
            .with(|inputs| budget_sheet::read(inputs, today).sli_or_error())
    }

    /// The SLO window's length (rolling days, or the real length of the calendar period);
    /// reactive when called inside a closure.
    pub fn window(&self) -> Result<WindowDays, WindowError> {
        match self.resolved_window() {
            Some(resolved) => Ok(resolved.window),
            None => self
                .inputs
                .with(|inputs| WindowDays::parse(&inputs.window_days)),
        }
    }
}

/// Today's date in the browser's time zone.
pub fn today() -> CivilDate {
    now().date
}

/// Now, in the browser's time zone (its offset at any instant, for dates across a change of
/// summer time): a rolling window began the days elapsed before it.
pub fn now() -> Now {
    Now::at(js_sys::Date::now() as i64, browser::utc_offset_minutes_at)
}

/// A text field bound to one of the tab's inputs, with its message below it.
#[component]
fn BudgetField(
    state: BudgetState,
    sheet: Memo<BudgetSheet>,
    field: Field,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional, into)] help: Option<Signal<&'static str>>,
    #[prop(default = "decimal")] inputmode: &'static str,
) -> impl IntoView {
    let id = field.id();
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let warning_id = format!("{id}-warning");
    let described_by = if help.is_some() {
        format!("{help_id} {warning_id} {error_id}")
    } else {
        format!("{warning_id} {error_id}")
    };
    let error = move || sheet.with(|s| s.error(field).map(str::to_string));
    let warning = move || sheet.with(|s| s.warning(field).map(str::to_string));
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                type="text"
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || error().is_some().to_string()
                prop:value=move || state.inputs.with(|i| budget_sheet::field_text(i, field).to_string())
                on:input=move |ev| state.set(field, event_target_value(&ev))
            />
            {help.map(|text| view! { <p id=help_id class="help">{move || text.get()}</p> })}
            <p id=error_id class="field-error" aria-live="polite">{error}</p>
            <p id=warning_id class="field-warning" aria-live="polite">{warning}</p>
        </div>
    }
}

/// A drop-down bound to one of the tab's choices. A saved value that is not one of its options
/// (changed by hand) shows as saved ("lunar (unknown)"), with a message below, as on the other tabs.
#[component]
fn BudgetChoice(state: BudgetState, choice: Choice, label: &'static str) -> impl IntoView {
    let id = choice.id();
    let error_id = format!("{id}-error");
    let error = move || state.inputs.with(|i| choice.error(i));
    let unknown = move || error().is_some();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                aria-describedby=error_id.clone()
                aria-invalid=move || unknown().to_string()
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    state.inputs.update(|inputs| *choice.get_mut(inputs) = value);
                }
            >
                <option value="" disabled hidden=move || !unknown() prop:selected=unknown>
                    {move || state.inputs.with(|i| crate::calc::unknown_option_label(choice.get(i)))}
                </option>
                {choice
                    .options()
                    .iter()
                    .map(|(slug, text)| {
                        view! {
                            <option
                                value=*slug
                                prop:selected=move || state.inputs.with(|i| choice.get(i) == *slug)
                            >
                                {*text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p id=error_id class="field-error" aria-live="polite">{error}</p>
        </div>
    }
}

/// The Budget tab. In a workspace, its remaining budget can count the logged incidents of the
/// current window: the incident log is read (its code fetched) once that is asked for.
#[component]
pub fn BudgetTab(
    state: BudgetState,
    #[prop(optional)] workspace: Option<WorkspaceState>,
) -> impl IntoView {
    let today = today();
    let log = workspace.map(|w| w.incident_log);
    // The tab is read at now whenever an input changes, and at each tick of the clock while
    // what it shows runs with the clock.
    let clock = Trigger::new();
    let reading = Memo::new(move |_| {
        clock.track();
        state.inputs.with(|inputs| match log.map(|log| log.get()) {
            Some(IncidentLog::Ready { state, add }) => {
                state.inputs.with(|entries| add(inputs, entries, now()))
            }
            _ => (budget_sheet::read(inputs, now()), None),
        })
    });
    let runs_with_clock = Memo::new(move |_| {
        reading.with(|(sheet, added)| {
            sheet.elapsed_runs_with_clock() || added.as_ref().is_some_and(|a| a.ongoing > 0)
        })
    });
    let tick = move || {
        if runs_with_clock.get_untracked() {
            clock.notify();
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, CLOCK_TICK) {
        on_cleanup(move || handle.clear());
    }
    if let Some(workspace) = workspace {
        Effect::new(move |_| {
            let wanted = state.inputs.with(|i| i.include_incidents);
            if wanted
                && matches!(
                    workspace.incident_log.get_untracked(),
                    IncidentLog::NotLoaded
                )
            {
                super::read_incident_log(workspace);
            }
        });
    }
    let sheet = Memo::new(move |_| reading.with(|(sheet, _)| sheet.clone()));
    let added = Memo::new(move |_| reading.with(|(_, added)| added.clone()));
    let sli = move || state.inputs.with(|i| i.sli_kind.clone());
    let so_far_mode = move || state.inputs.with(|i| i.so_far_mode.clone());

    let presets = WINDOW_PRESETS
        .into_iter()
        .map(|days| {
            let pressed = move || {
                state
                    .inputs
                    .with(|i| (i.window_days.trim() == days.to_string()).to_string())
            };
            view! {
                <button
                    type="button"
                    class="preset"
                    aria-pressed=pressed
                    on:click=move |_| state.set(Field::WindowDays, days.to_string())
                >
                    {format!("{days} days")}
                </button>
            }
        })
        .collect_view();

    view! {
        <section class="panel" aria-labelledby="budget-title">
            <h2 id="budget-title">"SLO"</h2>
            <div class="fields">
                <BudgetField
                    state sheet field=Field::Target label="SLO target (%)"
                    help="For example 99.9, 99.95 or 99.999; up to 6 decimals, kept exactly."
                />
                <BudgetChoice state choice=Choice::WindowKind label="Window" />
                <div class="field-group" hidden=move || !state.inputs.with(|i| Field::WindowDays.shown(i))>
                    <BudgetField
                        state sheet field=Field::WindowDays label="Window (days)"
                        help="A rolling window: the budget is spread over the last N days."
                    />
                    <div class="presets" role="group" aria-label="Window presets">{presets}</div>
                </div>
                <div class="field-group" hidden=move || !state.inputs.with(|i| Field::CalendarDate.shown(i))>
                    <BudgetField
                        state sheet field=Field::CalendarDate label="A date in the calendar window"
                        help=Signal::derive(move || state.inputs.with(budget_sheet::calendar_date_help))
                        inputmode="text"
                    />
                </div>
                <BudgetChoice state choice=Choice::SliKind label="SLI" />
                <div class="field-group" hidden=move || sli() != "timeslices">
                    <BudgetField
                        state sheet field=Field::TimesliceMinutes label="Timeslice (minutes)"
                        help="A timeslice is bad if the SLI failed in it, e.g. 1 or 5 minutes."
                    />
                </div>
                <div class="field-group" hidden=move || sli() != "requests">
                    <BudgetField
                        state sheet field=Field::ExpectedRequests
                        label="Requests expected in the window (optional)" inputmode="numeric"
                    />
                </div>
                <BudgetChoice state choice=Choice::MonthConvention label="A month in the table is" />
            </div>
        </section>

        // The summary of the whole tab, at the top of its first results, as on other tabs.
        <results::BudgetResults sheet>
            <CopySummary id="budget" markdown=Signal::derive(move || {
                sheet.with(|s| summary::budget_markdown(s, &today.to_string()))
            }) />
        </results::BudgetResults>

        <section class="panel" aria-labelledby="burn-title">
            <h2 id="burn-title">"Burn rate"</h2>
            <p class="help">"How fast an observed error rate spends the budget."</p>
            <div class="fields">
                <BudgetField
                    state sheet field=Field::ObservedBad inputmode="numeric"
                    label=by_sli(sli, "Bad events observed", "Bad minutes observed", "Bad timeslices observed")
                />
                <div class="field-group" hidden=move || sli() != "requests">
                    <BudgetField
                        state sheet field=Field::ObservedTotal label="Total events observed"
                        inputmode="numeric"
                    />
                </div>
                <BudgetField state sheet field=Field::ObservedHours label="Over (hours)" />
            </div>
            <results::BurnResults sheet />
        </section>

        <section class="panel" aria-labelledby="remaining-title">
            <h2 id="remaining-title">"Remaining budget and deploy decision"</h2>
            <div class="fields">
                <BudgetChoice state choice=Choice::SoFarMode label="So far, I know" />
                <div class="field-group cells" hidden=move || so_far_mode() != "counts">
                    <BudgetField
                        state sheet field=Field::SoFarBad inputmode="numeric"
                        label=by_sli(sli, "Bad events so far", "Bad minutes so far", "Bad timeslices so far")
                    />
                    <div hidden=move || sli() != "requests">
                        <BudgetField
                            state sheet field=Field::SoFarTotal label="Total events so far"
                            inputmode="numeric"
                        />
                    </div>
                </div>
                <div class="field-group" hidden=move || so_far_mode() != "availability">
                    <BudgetField
                        state sheet field=Field::SoFarAvailability
                        label="Observed availability so far (%)"
                    />
                </div>
                <BudgetField
                    state sheet field=Field::ElapsedDays label="Days elapsed in this window"
                    help="In a calendar window, leave empty to count from the period's start \
                          to now."
                />
            </div>
            // The policy's lines, higher first as its zones are: warn, then freeze.
            <fieldset class="policy">
                <legend>"Deploy policy, in % of the budget left"</legend>
                <div class="fields">
                    <BudgetField state sheet field=Field::WarnBelow label="Warn below (%)" />
                    <BudgetField
                        state sheet field=Field::FreezeBelow label="Freeze deploys below (%)"
                    />
                </div>
            </fieldset>
            {workspace.map(|workspace| {
                view! { <results::IncludeIncidents state workspace added /> }
            })}
            <results::RemainingResults sheet added />
        </section>

        <section class="panel" aria-labelledby="incident-title">
            <h2 id="incident-title">"Incident impact"</h2>
            <div class="fields">
                <BudgetField state sheet field=Field::IncidentMinutes label="Incident duration (minutes)" />
                <BudgetField
                    state sheet field=Field::IncidentAffected label="Traffic affected (%)"
                    help="100 is a full outage."
                />
            </div>
            <results::IncidentResults sheet />
        </section>

        <results::DowntimeChart sheet />
    }
}

/// A label that follows the SLI kind.
fn by_sli(
    sli: impl Fn() -> String + Send + Sync + 'static,
    requests: &'static str,
    minutes: &'static str,
    slices: &'static str,
) -> Signal<&'static str> {
    Signal::derive(move || match sli().as_str() {
        "minutes" => minutes,
        "timeslices" => slices,
        _ => requests,
    })
}
