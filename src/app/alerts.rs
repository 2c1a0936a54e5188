//! The Alerts tab: multi-window, multi-burn-rate alerts planned against the SLO, what fires when,
//! and the Prometheus rules and OpenSLO document to take away. All maths is in `calc::alerts`,
//! all file formats in `formats::prometheus_rules` and `formats::openslo`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::export::{chart_fit, ChartDownloads, CopySummary};
use super::{browser, BudgetState, Notices, StorageHandle};
use crate::calc::alerts::{
    self, format_time, number_words, percent_words, terminating_places, AlertFigures, AlertSheet,
    RowField, Severity, Simulation, Slo, Uncaught, MAX_ROWS, ROUNDING_RULE,
};
use crate::calc::budget_words;
use crate::calc::decimal::{days_phrase, undo_note};
use crate::calc::ratio::Ratio;
use crate::chart::alerts::detection_chart;
use crate::formats::openslo;
use crate::formats::prometheus_rules::{self, RulesSpec, WINDOW_PLACEHOLDER};
use crate::formats::show_bidi_controls;
use crate::formats::summary;
use crate::inputs::{AlertRowInputs, AlertsInputs, AlertsUndo, ImportedFields, RowId};
use crate::storage::Loaded;

const STORAGE_NAME: &str = "alerts";

/// The Alerts tab's inputs as one signal, loaded from storage and saved on every change, and
/// what Undo can take back. The Undos outlive the tab's view, so going to another tab and back
/// keeps them; they are not saved.
#[derive(Clone, Copy)]
pub struct AlertsState {
    pub inputs: RwSignal<AlertsInputs>,
    /// Removed alerts and reset tables, newest last: Undo takes back one at a time.
    table_undo: RwSignal<Vec<AlertsUndo>>,
    /// The last import, until it is undone or another replaces it.
    import_undo: RwSignal<Option<AlertsUndo>>,
}

impl AlertsState {
    /// Restores the saved inputs (or defaults, with a notice when the saved ones are unreadable),
    /// keeps saving them, and follows changes made in another window of this browser.
    pub fn load(storage: StorageHandle, notices: Notices) -> AlertsState {
        let saved = match storage.with_value(|s| s.load::<AlertsInputs>(STORAGE_NAME)) {
            Loaded::Found(inputs) => inputs,
            Loaded::Missing => AlertsInputs::default(),
            Loaded::Unreadable(notice) => {
                notices.report(notice);
                AlertsInputs::default()
            }
        };
        let state = AlertsState::transient(saved);
        super::persist(storage, notices, STORAGE_NAME, state.inputs);
        state
    }

    /// Inputs that are shown but never saved (a scenario opened from a link).
    pub fn transient(inputs: AlertsInputs) -> AlertsState {
        AlertsState {
            inputs: RwSignal::new(inputs),
            table_undo: RwSignal::new(Vec::new()),
            import_undo: RwSignal::new(None),
        }
    }

    /// Replaces every input (a scenario opened), which ends the Undos of the inputs replaced.
    pub fn apply(&self, inputs: AlertsInputs) {
        self.table_undo.set(Vec::new());
        self.import_undo.set(None);
        self.inputs.set(inputs);
    }

    /// Keeps `change`, if there is one, for the table's Undo.
    fn keep_for_undo(&self, change: Option<AlertsUndo>) {
        if let Some(change) = change {
            self.table_undo.update(|undo| undo.push(change));
        }
    }

    /// Takes back the newest removal or reset of the table. The focus goes on to the next
    /// Undo while there is one, else to the Remove button of the alert put back, or Add alert.
    fn undo_table_change(&self) {
        let Some(change) = self.table_undo.try_update(Vec::pop).flatten() else {
            return;
        };
        let back = self.inputs.try_update(|i| i.undo(change)).flatten();
        let next = if self.table_undo.with_untracked(|undo| !undo.is_empty()) {
            TABLE_UNDO_ID.to_string()
        } else {
            back.map_or_else(|| "alerts-add-row".to_string(), remove_id)
        };
        browser::focus_next_frame(next);
    }
}

/// The id of the table's Undo button.
const TABLE_UNDO_ID: &str = "alerts-undo";

/// Keeps the last value `current` gave, marked stale (`true`) while it gives none.
fn last_valid<T>(current: impl Fn() -> Option<T> + Send + Sync + 'static) -> Memo<Option<(T, bool)>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(
        move |previous: Option<&Option<(T, bool)>>| match current() {
            Some(value) => Some((value, false)),
            None => previous.cloned().flatten().map(|(value, _)| (value, true)),
        },
    )
}

fn stale_note(stale: bool) -> impl IntoView {
    stale.then(|| {
        view! {
            <p class="stale-note" role="note">
                "Not updated: these results are for the last valid input. Fix the marked fields."
            </p>
        }
    })
}

/// A number with its exact fraction on hover when it is rounded.
fn exact_title(value: Ratio) -> Option<String> {
    terminating_places(value)
        .is_none()
        .then(|| format!("exactly {} / {}", value.numerator(), value.denominator()))
}

/// The two export files, or the fields that keep them from being written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Exports {
    file_stem: String,
    rules: String,
    /// The OpenSLO document, or why it is not written (a window it cannot hold exactly).
    openslo: Result<String, String>,
}

/// What the rules export needs that is wrong, per field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ExportErrors {
    name: Option<String>,
    bad: Option<String>,
    total: Option<String>,
}

fn check_export(inputs: &AlertsInputs) -> (ExportErrors, Option<(String, String, String)>) {
    let name = prometheus_rules::check_slo_name(&inputs.slo_name);
    let bad = prometheus_rules::check_query(&inputs.bad_query);
    let total = prometheus_rules::check_query(&inputs.total_query);
    let errors = ExportErrors {
        name: name.as_ref().err().cloned(),
        bad: bad.as_ref().err().cloned(),
        total: total.as_ref().err().cloned(),
    };
    let valid = match (name, bad, total) {
        (Ok(n), Ok(b), Ok(t)) => Some((n, b, t)),
        _ => None,
    };
    (errors, valid)
}

fn make_exports(sheet: &AlertSheet, inputs: &AlertsInputs) -> Option<Exports> {
    let (_, valid) = check_export(inputs);
    let (name, bad, total) = valid?;
    let slo = sheet.slo?;
    let alerts = sheet.table.as_ref()?;
    let spec = RulesSpec {
        slo_name: &name,
        slo,
        bad_query: &bad,
        total_query: &total,
        alerts,
    };
    Some(Exports {
        file_stem: name.clone(),
        rules: prometheus_rules::render(&spec),
        openslo: openslo::export(&spec, sheet.sli).map_err(|why| why.to_string()),
    })
}

/// The Alerts tab.
#[component]
pub fn AlertsTab(state: AlertsState, budget: BudgetState) -> impl IntoView {
    let linked = Memo::new(move |_| {
        alerts::Linked::from_budget(budget.target(), budget.window(), budget.sli())
    });
    let sheet = Memo::new(move |_| state.inputs.with(|i| alerts::read(i, linked.get())));
    let use_budget = move || state.inputs.with(|i| i.use_budget_slo);

    view! {
        <section class="panel" aria-labelledby="alerts-slo-title">
            <h2 id="alerts-slo-title">"SLO"</h2>
            <div class="field">
                <label class="check">
                    <input
                        id="alerts-use-budget"
                        type="checkbox"
                        prop:checked=use_budget
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            state.inputs.update(|i| i.use_budget_slo = checked);
                        }
                    />
                    " Use the Budget tab's SLO target and window"
                </label>
                <p id="alerts-linked-slo" class="help" hidden=move || !use_budget()>
                    {move || match (linked.get(), budget.resolved_window()) {
                        (Ok(linked), Some(window)) => {
                            budget_words::linked_slo_words(linked.slo.target, window, linked.sli)
                        }
                        _ => String::new(),
                    }}
                </p>
                <p id="alerts-linked-error" class="field-error" aria-live="polite">
                    {move || sheet.with(|s| s.linked_error.clone())}
                </p>
            </div>
            <div class="fields" hidden=use_budget>
                <TextField
                    id="alerts-target" label="SLO target (%)"
                    help="This tab's own target, for example 99.9."
                    state text=Text::Target
                    error=Signal::derive(move || sheet.with(|s| s.target_error.clone()))
                />
                <TextField
                    id="alerts-window" label="SLO window (days)"
                    help="This tab's own rolling window, for example 28."
                    state text=Text::Window
                    error=Signal::derive(move || sheet.with(|s| s.window_error.clone()))
                />
            </div>
        </section>

        <AlertTable state sheet />
        <AlertFiguresPanel sheet />
        <WhatFires state sheet />
        <ExportPanel state sheet />
    }
}

/// The text fields of the tab outside the alert table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    Target,
    Window,
    SimError,
    SimDuration,
    Name,
    BadQuery,
    TotalQuery,
}

impl Text {
    fn get(self, inputs: &AlertsInputs) -> &String {
        match self {
            Text::Target => &inputs.target_percent,
            Text::Window => &inputs.window_days,
            Text::SimError => &inputs.sim_error_percent,
            Text::SimDuration => &inputs.sim_duration,
            Text::Name => &inputs.slo_name,
            Text::BadQuery => &inputs.bad_query,
            Text::TotalQuery => &inputs.total_query,
        }
    }

    fn get_mut(self, inputs: &mut AlertsInputs) -> &mut String {
        match self {
            Text::Target => &mut inputs.target_percent,
            Text::Window => &mut inputs.window_days,
            Text::SimError => &mut inputs.sim_error_percent,
            Text::SimDuration => &mut inputs.sim_duration,
            Text::Name => &mut inputs.slo_name,
            Text::BadQuery => &mut inputs.bad_query,
            Text::TotalQuery => &mut inputs.total_query,
        }
    }
}

/// A labelled text field with help and its message next to it.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] help: String,
    state: AlertsState,
    text: Text,
    error: Signal<Option<String>>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = format!("{help_id} {error_id}");
    let value = move || state.inputs.with(|i| text.get(i).clone());
    let set = move |v: String| state.inputs.update(|i| *text.get_mut(i) = v);
    let input = if multiline {
        view! {
            <textarea
                id=id
                rows="3"
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                type="text"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:wide=multiline>
            <label for=id>{label}</label>
            {input}
            <p id=help_id class="help">{help}</p>
            <p id=error_id class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

fn row_text(row: &AlertRowInputs, field: RowField) -> String {
    match field {
        RowField::Severity => row.severity.clone(),
        RowField::BudgetShare => row.budget_percent.clone(),
        RowField::LongWindow => row.long_window.clone(),
        RowField::ShortWindow => row.short_window.clone(),
    }
}

fn set_row_text(row: &mut AlertRowInputs, field: RowField, text: String) {
    match field {
        RowField::Severity => row.severity = text,
        RowField::BudgetShare => row.budget_percent = text,
        RowField::LongWindow => row.long_window = text,
        RowField::ShortWindow => row.short_window = text,
    }
}

/// The editable alert table.
#[component]
fn AlertTable(state: AlertsState, sheet: Memo<AlertSheet>) -> impl IntoView {
    let count = move || state.inputs.with(|i| i.rows.len());
    view! {
        // On paper the figures table names every alert, so the editable table is left out.
        <section class="panel no-print" aria-labelledby="alerts-table-title">
            <h2 id="alerts-table-title">"Burn-rate alerts"</h2>
            <p class="help">
                "Each alert fires when the error ratio over its long window and over its short "
                "window are both above its threshold. The budget share is what the alert stands "
                "for: it fires once that share of the window's budget is spent. Windows are "
                "Prometheus durations (5m, 1h, 6h, 1d, 3d); an empty short window is the long "
                "one ÷ 12."
            </p>
            <div class="table-scroll stack-wrap">
                <table id="alerts-table" class="alerts-rows stack">
                    <thead>
                        <tr>
                            <th scope="col">"Severity"</th>
                            <th scope="col">"Budget share (%)"</th>
                            <th scope="col">"Long window"</th>
                            <th scope="col">"Short window"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || state.inputs.with(|i| i.rows.iter().map(|r| r.id).collect::<Vec<_>>())
                            key=|id| *id
                            children=move |id| view! { <RowView state sheet id /> }
                        />
                    </tbody>
                </table>
            </div>
            <p id="alerts-rows-error" class="field-error" aria-live="polite">
                {move || sheet.with(|s| s.rows_error.clone())}
            </p>
            <div class="toil-actions">
                <button
                    id="alerts-add-row"
                    type="button"
                    disabled=move || { count() >= MAX_ROWS }
                    on:click=move |_| state.inputs.update(|i| {
                        i.rows.push(AlertRowInputs {
                            id: browser::new_row_id(),
                            ..AlertRowInputs::added_to(&i.rows)
                        })
                    })
                >
                    "Add alert"
                </button>
                <button
                    id="alerts-reset-rows"
                    type="button"
                    on:click=move |_| {
                        let change = state.inputs.try_update(AlertsInputs::reset_rows).flatten();
                        state.keep_for_undo(change)
                    }
                >
                    "Back to the workbook's four alerts"
                </button>
                <span id="alerts-undo-note" aria-live="polite">
                    {move || {
                        let (last, earlier) = state.table_undo.with(|undo| {
                            (undo.last().map(AlertsUndo::describe), undo.len().saturating_sub(1))
                        });
                        last.map(|what| {
                            view! {
                                {undo_note(
                                    &what,
                                    earlier as u64,
                                    "earlier change",
                                    "earlier changes",
                                )}
                                <button id=TABLE_UNDO_ID type="button"
                                    on:click=move |_| state.undo_table_change()>"Undo"</button>
                            }
                        })
                    }}
                </span>
            </div>
        </section>
    }
}

/// One editable row of the alert table: the row `id`, wherever it is in the table (a row
/// removed above it in another window moves it up, with its elements and focus).
#[component]
fn RowView(state: AlertsState, sheet: Memo<AlertSheet>, id: RowId) -> impl IntoView {
    let index = Memo::new(move |_| {
        state
            .inputs
            .with(|i| i.rows.iter().position(|r| r.id == id))
    });
    let row_error = move |field: RowField| {
        let index = index.get()?;
        sheet.with(|s| s.row_error(index, field).map(str::to_string))
    };
    let update_row = move |change: Box<dyn FnOnce(&mut AlertRowInputs)>| {
        state.inputs.update(|i| {
            if let Some(row) = i.rows.iter_mut().find(|r| r.id == id) {
                change(row);
            }
        });
    };
    let label = move || {
        state.inputs.with(|i| {
            let at = i.rows.iter().position(|r| r.id == id);
            at.map_or(String::new(), |at| {
                let r = &i.rows[at];
                format!("alert {} ({} over {})", at + 1, r.severity, r.long_window)
            })
        })
    };
    let text_cell = move |field: RowField, class: &'static str| {
        let error_id = format!("alerts-row-{}-{class}-error", id.0);
        let error = move || row_error(field);
        let placeholder = move || {
            (field == RowField::ShortWindow)
                .then(|| {
                    state.inputs.with(|i| {
                        let long = i.rows.iter().find(|r| r.id == id)?.long_window.clone();
                        let long = crate::calc::prom_duration::PromDuration::parse(&long).ok()?;
                        Some(format!("{} (long ÷ 12)", alerts::default_short(long)))
                    })
                })
                .flatten()
                .unwrap_or_default()
        };
        // The column's heading, shown above the field where the table is a list of cards (a
        // phone), as the heading is not.
        let heading = match field {
            RowField::Severity => "Severity",
            RowField::BudgetShare => "Budget share (%)",
            RowField::LongWindow => "Long window",
            RowField::ShortWindow => "Short window",
        };
        view! {
            <td data-label=heading>
                <input
                    class=class
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=placeholder
                    aria-label=move || format!("{} of {}", field.label(), label())
                    aria-describedby=error_id.clone()
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=move || {
                        state.inputs.with(|i| {
                            i.rows.iter().find(|r| r.id == id).map(|r| row_text(r, field)).unwrap_or_default()
                        })
                    }
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        update_row(Box::new(move |row| set_row_text(row, field, text)));
                    }
                />
                <p id=error_id class="field-error cell-error" aria-live="polite">{error}</p>
            </td>
        }
    };
    let saved_severity = move || {
        state.inputs.with(|i| {
            i.rows
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.severity.clone())
        })
    };
    let unknown_severity = move || saved_severity().is_some_and(|s| Severity::parse(&s).is_none());
    view! {
        <tr>
            <td data-label="Severity">
                <select
                    class="alert-severity"
                    aria-label=move || format!("severity of {}", label())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        update_row(Box::new(move |row| row.severity = value));
                    }
                >
                    // A saved severity that is none of the options is shown as saved, beside
                    // its message, rather than as the first option.
                    <option value="" disabled hidden=move || !unknown_severity() prop:selected=unknown_severity>
                        {move || saved_severity().map(|s| crate::calc::unknown_option_label(&s))}
                    </option>
                    {Severity::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option
                                value=s.slug()
                                prop:selected=move || state.inputs.with(|i| {
                                    i.rows.iter().find(|r| r.id == id).and_then(|r| Severity::parse(&r.severity)) == Some(s)
                                })
                            >
                                {s.slug()}
                            </option>
                        })
                        .collect_view()}
                </select>
                <p class="field-error cell-error" aria-live="polite">
                    {move || row_error(RowField::Severity)}
                </p>
            </td>
            {text_cell(RowField::BudgetShare, "alert-share")}
            {text_cell(RowField::LongWindow, "alert-long")}
            {text_cell(RowField::ShortWindow, "alert-short")}
            <td class="row-actions">
                <button
                    type="button"
                    class="alert-remove"
                    id=remove_id(id)
                    aria-label=move || format!("Remove {}", label())
                    // Enter held down repeats: it removes this alert, not every one the focus
                    // moves on to.
                    on:keydown=|ev| {
                        if ev.repeat() {
                            ev.prevent_default();
                        }
                    }
                    on:click=move |_| {
                        // The focus goes on to the next row's Remove (the previous row's for the
                        // last row, Add alert for the only one), not back to the page's start.
                        let next = state.inputs.with_untracked(|i| {
                            let at = i.rows.iter().position(|r| r.id == id)?;
                            i.rows.get(at + 1).or(at.checked_sub(1).and_then(|p| i.rows.get(p)))
                                .map(|r| remove_id(r.id))
                        });
                        let change = state.inputs.try_update(|i| i.remove_row(id)).flatten();
                        state.keep_for_undo(change);
                        browser::focus_next_frame(next.unwrap_or_else(|| "alerts-add-row".into()));
                    }
                >
                    "✕"
                </button>
            </td>
        </tr>
    }
}

/// The id of the Remove button of the row `id`.
fn remove_id(id: RowId) -> String {
    format!("alerts-row-{}-remove", id.0)
}

/// The figures of every alert, with warnings, kept while the table is invalid.
#[component]
fn AlertFiguresPanel(sheet: Memo<AlertSheet>) -> impl IntoView {
    let shown = last_valid(move || sheet.with(|s| s.slo.zip(s.table.clone())));
    view! {
        <section
            id="alerts-results"
            class="panel results"
            class:stale=move || shown.get().is_some_and(|(_, stale)| stale)
            aria-labelledby="alerts-results-title"
        >
            <h2 id="alerts-results-title">"Thresholds, detection and reset"</h2>
            <CopySummary id="alerts" markdown=Signal::derive(move || {
                sheet.with(|s| summary::alerts_markdown(s, &super::budget::today().to_string()))
            }) />
            {move || match shown.get() {
                None => view! {
                    <p class="empty">"Fix the marked fields to see the alerts' thresholds."</p>
                }
                .into_any(),
                Some(((slo, table), stale)) => figures_view(slo, table, stale).into_any(),
            }}
        </section>
    }
}

fn figures_view(slo: Slo, table: Vec<AlertFigures>, stale: bool) -> impl IntoView {
    let rows = table
        .iter()
        .map(|a| {
            let share = format!("{}%", percent_words(a.row.budget_share));
            view! {
                <tr>
                    <th scope="row">{a.label()}</th>
                    <td class="num" data-label="Budget share">{share}</td>
                    <td class="num burn-threshold" data-label="Burn-rate threshold"
                        title=exact_title(a.burn_rate_threshold)>
                        {format!("{}×", number_words(a.burn_rate_threshold))}
                    </td>
                    <td class="num error-threshold" data-label="Error-ratio threshold"
                        title=exact_title(a.error_ratio_threshold)>
                        {format!("{}%", percent_words(a.error_ratio_threshold))}
                    </td>
                    <td class="num" data-label="Whole budget gone at that rate in">
                        {format_time(a.exhaustion_ms)}
                    </td>
                    <td class="num detection" data-label="Detection at 100% errors">
                        {a.detection_at_full_errors_ms.map_or("never".to_string(), format_time)}
                    </td>
                    <td class="num" data-label="Reset once errors stop">
                        {format!("within {}", a.row.short)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let warnings: Vec<(String, String)> = table
        .iter()
        .flat_map(|a| a.warnings.iter().map(move |w| (a.label(), w.message(slo))))
        .collect();
    let warnings_view = if warnings.is_empty() {
        view! { <p id="alerts-no-warnings" class="help">"No warnings: every alert can fire, and only once the budget is at risk."</p> }.into_any()
    } else {
        view! {
            <ul id="alerts-warnings" class="alert-warnings">
                {warnings
                    .into_iter()
                    .map(|(label, message)| view! { <li><strong>{label}": "</strong>{message}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {stale_note(stale)}
        <p class="headline">
            {format!(
                "{}% over {}: the error budget is {}%, and the highest possible burn rate {}×.",
                slo.target.percent_text(),
                days_phrase(&slo.window.days_text()),
                percent_words(slo.budget()),
                number_words(slo.max_burn_rate())
            )}
        </p>
        <div class="table-scroll stack-wrap">
            <table id="alerts-figures" class="alerts-figures stack">
                <thead>
                    <tr>
                        <th scope="col">"Alert (long / short)"</th>
                        <th scope="col">"Budget share"</th>
                        <th scope="col">"Burn-rate threshold"</th>
                        <th scope="col">"Error-ratio threshold"</th>
                        <th scope="col">"Whole budget gone at that rate in"</th>
                        <th scope="col">"Detection at 100% errors"</th>
                        <th scope="col">"Reset once errors stop"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {warnings_view}
        <p class="convention">
            "Burn-rate threshold = budget share × SLO window ÷ long window (2% over 1h of 30 days "
            "is 14.4×). Error-ratio threshold = burn-rate threshold × (1 − SLO). The whole budget "
            "lasts SLO window ÷ burn rate. Detection at 100% errors = long window × error-ratio "
            "threshold (the longer window, if the short one is longer): the time for the window's "
            "average to pass the threshold. Once errors stop, the short window empties within its "
            "own length, so the alert resets within it. " {ROUNDING_RULE}
        </p>
    }
}

/// The simulator and the detection-time chart.
#[component]
fn WhatFires(state: AlertsState, sheet: Memo<AlertSheet>) -> impl IntoView {
    let shown = last_valid(move || {
        sheet.with(|s| {
            Some((
                s.simulation.clone()?,
                s.table.clone()?,
                s.uncaught.clone()?,
                s.slo?,
            ))
        })
    });
    let fit = chart_fit();
    let chart = last_valid(move || {
        sheet.with(|s| {
            let table = s.table.as_ref()?;
            Some(detection_chart(
                table,
                s.sim_error_ratio.clone().ok(),
                fit.get(),
            ))
        })
    });
    view! {
        <section class="panel" aria-labelledby="alerts-fires-title">
            <h2 id="alerts-fires-title">"What fires, and when"</h2>
            <p class="help">
                "An error ratio sustained from a clean start, for example 2% of requests failing "
                "for 45 minutes."
            </p>
            <div class="fields">
                <TextField
                    id="alerts-sim-error" label="Error ratio (%)"
                    help="Share of requests failing, above 0 and at most 100."
                    state text=Text::SimError
                    error=Signal::derive(move || sheet.with(|s| s.sim_error_ratio.clone().err()))
                />
                <TextField
                    id="alerts-sim-duration" label="For (duration)"
                    help="A Prometheus duration: 45m, 2h, 1d."
                    state text=Text::SimDuration
                    error=Signal::derive(move || sheet.with(|s| s.sim_duration.clone().err()))
                />
            </div>
            <div
                id="alerts-sim-results"
                class="results"
                class:stale=move || shown.get().is_some_and(|(_, stale)| stale)
            >
                {move || match shown.get() {
                    None => view! { <p class="empty">"Fix the marked fields to run the simulator."</p> }.into_any(),
                    Some(((sim, table, uncaught, slo), stale)) => {
                        simulation_view(sim, table, uncaught, slo, stale).into_any()
                    }
                }}
            </div>
            <figure class="chart" class:stale=move || chart.get().is_some_and(|(_, stale)| stale)>
                <div
                    id="alerts-chart"
                    role="img"
                    aria-label="Detection time against error ratio for each alert, both axes logarithmic"
                    inner_html=move || chart.get().map(|(svg, _)| svg).unwrap_or_default()
                ></div>
                <ChartDownloads chart_id="alerts-chart" file_stem="headroom-alert-detection" />
                <figcaption>
                    "Detection time against error ratio, both axes logarithmic: each curve runs "
                    "from the alert's error-ratio threshold (where it takes the whole long window) "
                    "to 100% errors. The red line marks the simulator's error ratio."
                </figcaption>
            </figure>
        </section>
    }
}

fn simulation_view(
    sim: Simulation,
    table: Vec<AlertFigures>,
    uncaught: Uncaught,
    slo: Slo,
    stale: bool,
) -> impl IntoView {
    let words = alerts::simulation_words(slo, &table, &sim);
    let first = words.first;
    let spent = format!("{} {}", words.spent, words.gone);
    let uncaught_text = alerts::uncaught_words(slo, &uncaught);
    let rows = words
        .rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.label}</th>
                    <td>{row.fires}</td>
                    <td class="num">{row.spent}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {stale_note(stale)}
        <p id="alerts-sim-first" class="headline">{first}</p>
        <table id="alerts-sim-table" class="alerts-sim">
            <thead>
                <tr>
                    <th scope="col">"Alert"</th>
                    <th scope="col">"Fires?"</th>
                    <th scope="col">"Budget spent by then"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <p id="alerts-sim-spent">{spent}</p>
        <p id="alerts-uncaught">{uncaught_text}</p>
        <p class="convention">
            "Errors start at a constant ratio after a clean history, so a window's average after "
            "t (shorter than the window) is ratio × t ÷ window. An alert fires once both of its "
            "windows' averages are strictly above its threshold (PromQL >), with no for: delay. "
            {alerts::BUDGET_SPENT_RULE}
        </p>
    }
}

/// Exports (Prometheus rules, OpenSLO) and import (OpenSLO, Sloth).
#[component]
fn ExportPanel(state: AlertsState, sheet: Memo<AlertSheet>) -> impl IntoView {
    let errors = Memo::new(move |_| state.inputs.with(|i| check_export(i).0));
    let exports = last_valid(move || state.inputs.with(|i| sheet.with(|s| make_exports(s, i))));
    let (status, set_status) = signal(None::<Result<String, String>>);
    let (import_message, set_import_message) = signal(None::<Result<String, String>>);
    let (skipped, set_skipped) = signal(Vec::<String>::new());

    let file_name = move |suffix: &str| {
        exports
            .get_untracked()
            .map(|(e, _)| format!("{}-{suffix}", e.file_stem))
            .unwrap_or_default()
    };
    // Stale files (for inputs that are no longer on the page) are shown greyed out, but never
    // copied or downloaded: pasted into Prometheus they would not be what the page shows.
    let stale = move || exports.with(|e| e.as_ref().is_some_and(|(_, stale)| *stale));
    // The OpenSLO document, or why it is not written for this window; copy and download are off
    // without one, as they are for stale files.
    let openslo = move || exports.with(|e| e.as_ref().map(|(e, _)| e.openslo.clone()));
    let openslo_off =
        move || stale() || exports.with(|e| e.as_ref().is_some_and(|(e, _)| e.openslo.is_err()));
    let current = move || exports.get_untracked().filter(|(_, stale)| !stale);
    let download = move |which: &'static str| {
        let Some((e, _)) = current() else {
            return;
        };
        let (name, mime, text) = match which {
            "rules" => (file_name("rules.yml"), "application/yaml", e.rules),
            _ => match e.openslo {
                Ok(openslo) => (file_name("openslo.yaml"), "application/yaml", openslo),
                Err(_) => return,
            },
        };
        match browser::download_text(&name, mime, &text) {
            Ok(()) => set_status.set(Some(Ok(format!("Downloading {name}")))),
            Err(message) => {
                set_status.set(Some(Err(format!("The file could not be made: {message}"))))
            }
        }
    };
    let copy = move |which: &'static str| {
        let Some((e, _)) = current() else {
            return;
        };
        let (what, text) = match which {
            "rules" => ("the Prometheus rules", e.rules),
            _ => match e.openslo {
                Ok(openslo) => ("the OpenSLO document", openslo),
                Err(_) => return,
            },
        };
        leptos::task::spawn_local(async move {
            let result = browser::copy_to_clipboard(&text).await;
            set_status.set(Some(match result {
                Ok(()) => Ok(format!("Copied {what}")),
                Err(message) => Err(format!("Could not copy {what}: {message}")),
            }));
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let picked = browser::read_picked_file(&input).await;
            input.set_value("");
            let (message, listed) = match picked {
                Err(message) => (Err(format!("Nothing was imported: {message}")), Vec::new()),
                Ok((name, bytes)) => match openslo::import_file(&bytes) {
                    Ok(imported) => {
                        let replaced = imported.alert_rows.is_some();
                        let before = state
                            .inputs
                            .with_untracked(|i| ImportedFields::of(i, replaced));
                        let said = state.inputs.with_untracked(|i| imported.message(&name, i));
                        state.inputs.update(|i| imported.apply(i));
                        state.import_undo.set(Some(AlertsUndo::Imported {
                            file: name.clone(),
                            before,
                        }));
                        (Ok(said), imported.not_imported)
                    }
                    Err(message) => (
                        Err(format!("Nothing was imported from {name}: {message}")),
                        Vec::new(),
                    ),
                },
            };
            set_import_message.set(Some(message));
            set_skipped.set(listed);
        });
    };
    let status_view = move || {
        status.get().map(|m| match m {
            Ok(text) => {
                view! { <p id="alerts-export-status" class="help" role="status">{text}</p> }
                    .into_any()
            }
            Err(text) => {
                view! { <p id="alerts-export-status" class="field-error" role="status">{text}</p> }
                    .into_any()
            }
        })
    };
    let example = format!(
        "Example: sum(rate(http_requests_total{{job=\"api\",code=~\"5..\"}}[{WINDOW_PLACEHOLDER}]))"
    );
    let example_total =
        format!("Example: sum(rate(http_requests_total{{job=\"api\"}}[{WINDOW_PLACEHOLDER}]))");
    view! {
        // The rule files are for copying and downloading, not for paper.
        <section class="panel no-print" aria-labelledby="alerts-export-title">
            <h2 id="alerts-export-title">"Prometheus rules and OpenSLO"</h2>
            <div class="fields">
                <TextField
                    id="alerts-slo-name" label="SLO name"
                    help="Used in rule groups, the slo label and the OpenSLO name."
                    state text=Text::Name
                    error=Signal::derive(move || errors.get().name)
                />
            </div>
            <div class="fields">
                <TextField
                    id="alerts-bad-query" label="PromQL: rate of bad events" multiline=true
                    help=example
                    state text=Text::BadQuery
                    error=Signal::derive(move || errors.get().bad)
                />
                <TextField
                    id="alerts-total-query" label="PromQL: rate of all events" multiline=true
                    help=example_total
                    state text=Text::TotalQuery
                    error=Signal::derive(move || errors.get().total)
                />
            </div>
            <p class="convention">
                {format!(
                    "{WINDOW_PLACEHOLDER} is replaced by each window. One recording rule per \
                     window (slo:sli_error:ratio_rate5m, ...) divides bad by total; one alerting \
                     rule per alert ANDs its two windows. Thresholds are exact: (14.4 * 0.001), or \
                     a fraction such as ((14 / 15) * 0.001) where the decimal would repeat."
                )}
            </p>
            <div
                id="alerts-exports"
                class="results"
                class:stale=move || exports.get().is_some_and(|(_, stale)| stale)
            >
                {move || exports.get().map(|(_, stale)| stale_note(stale))}
                {move || stale().then(|| view! {
                    <p id="alerts-exports-held" class="help">
                        "Copy and download are off until then: the files shown are for the last \
                         valid input, not for what the page shows now."
                    </p>
                })}
                <Show
                    when=move || exports.get().is_some()
                    fallback=|| view! { <p class="empty">"Fix the marked fields to write the rules."</p> }
                >
                    <h3>"Prometheus rules"</h3>
                    <div class="toil-actions">
                        <button id="alerts-rules-copy" type="button" disabled=stale
                            on:click=move |_| copy("rules")>"Copy rules"</button>
                        <button id="alerts-rules-download" type="button" disabled=stale
                            on:click=move |_| download("rules")>"Download rules"</button>
                    </div>
                    <pre id="alerts-rules" class="export" tabindex="0" aria-label="The Prometheus rules file">
                        {move || exports.get().map(|(e, _)| e.rules).unwrap_or_default()}
                    </pre>
                    <h3>"OpenSLO v1"</h3>
                    <div class="toil-actions">
                        <button id="alerts-openslo-copy" type="button" disabled=openslo_off
                            on:click=move |_| copy("openslo")>"Copy OpenSLO"</button>
                        <button id="alerts-openslo-download" type="button" disabled=openslo_off
                            on:click=move |_| download("openslo")>"Download OpenSLO"</button>
                    </div>
                    {move || match openslo() {
                        Some(Ok(text)) => view! {
                            <pre id="alerts-openslo" class="export" tabindex="0" aria-label="The OpenSLO document">
                                {text}
                            </pre>
                        }.into_any(),
                        Some(Err(why)) => view! {
                            <p id="alerts-openslo-not-written" class="field-error" role="note">{why}</p>
                        }.into_any(),
                        None => ().into_any(),
                    }}
                </Show>
                {status_view}
            </div>
            <h3>"Import"</h3>
            <p class="help">
                "An OpenSLO v1 SLO or a Sloth prometheus/v1 spec fills in this tab's target, "
                "window, name and queries. Everything else in the file is listed below, not "
                "dropped silently."
            </p>
            <label class="file-button">
                "Import OpenSLO or Sloth YAML"
                <input id="alerts-import" type="file" accept=".yaml,.yml,application/yaml,text/yaml" on:change=import />
            </label>
            <p
                id="alerts-import-message"
                class=move || match import_message.get() {
                    Some(Err(_)) => "field-error",
                    _ => "help",
                }
                aria-live="polite"
            >
                {move || import_message.get().map(|m| show_bidi_controls(&m.unwrap_or_else(|e| e)).into_owned())}
            </p>
            {move || {
                state.import_undo.with(|undo| undo.as_ref().map(AlertsUndo::describe)).map(|what| {
                    let done = format!(
                        "{what}: undone. The SLO, name and queries are as they were before it."
                    );
                    let undo_import = move |_| {
                        let taken = state.import_undo.try_update(Option::take).flatten();
                        let Some(change) = taken else {
                            return;
                        };
                        state.inputs.update(|i| {
                            i.undo(change);
                        });
                        set_import_message.set(Some(Ok(done.clone())));
                        set_skipped.set(Vec::new());
                        browser::focus_next_frame("alerts-import".to_string());
                    };
                    // The message above already says what was imported: the button is not
                    // preceded by it again, and names it for a screen reader.
                    let label = state.import_undo.with_untracked(|undo| {
                        let file = undo.as_ref().and_then(AlertsUndo::imported_file);
                        file.map_or_else(
                            || "Undo import".to_string(),
                            |f| format!("Undo import of {f}"),
                        )
                    });
                    view! {
                        <p id="alerts-import-undo">
                            <button
                                id="alerts-undo-import"
                                type="button"
                                aria-label=label
                                on:click=undo_import
                            >
                                "Undo import"
                            </button>
                        </p>
                    }
                })
            }}
            <Show when=move || !skipped.get().is_empty()>
                <p>"Not imported:"</p>
                <ul id="alerts-import-skipped">
                    {move || skipped.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
