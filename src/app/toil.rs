//! The Toil tab: a task inventory and team settings in; hours, share of team time, payback per
//! task, an automation plan, charts and the "is it worth the time" grid out.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::export::{chart_fit, ChartDownloads, CopySummary};
use super::{browser, Notices, StorageHandle};
use crate::calc::date::CivilDate;
use crate::calc::decimal::undo_note;
use crate::calc::signed_ratio::SignedRatio;
use crate::calc::toil::{
    self, format_span, parse_task_field, worth_the_time_seconds, InputError, RowMove, SpanUnit,
    StartDate, Task, TaskField, Team, TeamText, ToilReport, TOIL_CEILING_PERCENT,
    WORTH_FREQUENCIES, WORTH_SAVED_SECONDS,
};
use crate::calc::toil_words::{
    hours, money, months, on_call_words, percent, recommendation, start_date_help, task_label,
    worth_grid_convention,
};
use crate::chart::toil::{payback_chart, toil_bar_chart};
use crate::formats::show_bidi_controls;
use crate::formats::summary;
use crate::formats::toil_csv::{self, text_of};
use crate::inputs::{position_after_change, TaskInputs, ToilInputs};
use crate::storage::{Loaded, Storage};

const STORAGE_NAME: &str = "toil";
/// How often the tab looks whether the date has changed (an empty start date is today's).
const DAY_CHECK: Duration = Duration::from_secs(60);
/// The button that puts back the row removed last.
const UNDO_ID: &str = "toil-undo-remove";

/// One row of the inventory: a stable id for the page and its fields as typed.
#[derive(Clone, Copy)]
pub struct TaskRow {
    /// This page's key for the row's elements (`task-{id}-…`), counted from 0 as rows are made;
    /// not the row's saved id, which is `fields.id`.
    pub id: u64,
    pub fields: RwSignal<TaskInputs>,
}

/// What an import replaced: the inventory and the task shown in detail, and the file's name.
#[derive(Clone)]
struct ReplacedByImport {
    file: String,
    tasks: Vec<TaskInputs>,
    selected_task: usize,
}

/// The Toil tab's inputs as signals, loaded from storage and saved on every change.
#[derive(Clone, Copy)]
pub struct ToilState {
    pub engineers: RwSignal<String>,
    pub hours_per_week: RwSignal<String>,
    pub working_days_per_year: RwSignal<String>,
    pub rotation_size: RwSignal<String>,
    pub hourly_cost: RwSignal<String>,
    pub currency: RwSignal<String>,
    pub payback_threshold_months: RwSignal<String>,
    pub start_date: RwSignal<String>,
    pub selected_task: RwSignal<usize>,
    pub tasks: RwSignal<Vec<TaskRow>>,
    /// The rows removed and where each was, the last removed last, until they are put back or
    /// the whole inventory is replaced. "Undo" puts back one at a time, newest first.
    removed: RwSignal<Vec<(usize, TaskRow)>>,
    /// The inventory a CSV import replaced, and the file's name, until Undo import puts it back,
    /// another import replaces it or a scenario is opened.
    replaced: RwSignal<Option<ReplacedByImport>>,
    next_id: StoredValue<u64>,
    /// The owner of the rows' signals: the one the state was made under.
    owner: StoredValue<Owner>,
}

impl ToilState {
    /// Restores the saved inputs (or defaults, with a notice when the saved ones are unreadable)
    /// and keeps saving them. An empty start date stays empty: the tab reads it as today.
    pub fn load(storage: StorageHandle, notices: Notices) -> ToilState {
        let saved = match storage.with_value(|s| s.load::<ToilInputs>(STORAGE_NAME)) {
            Loaded::Found(inputs) => inputs,
            Loaded::Missing => ToilInputs::default(),
            Loaded::Unreadable(notice) => {
                notices.report(notice);
                ToilInputs::default()
            }
        };
        let state = ToilState::transient(saved);

        super::autosave(storage, notices, STORAGE_NAME, move || state.inputs());

        // Follow changes made to the same inputs in another window of this browser.
        let key = Storage::key(STORAGE_NAME);
        let _listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(key.as_str()) {
                return;
            }
            let mine = untrack(|| state.inputs());
            if let Some(inputs) =
                super::changed_elsewhere(storage, notices, STORAGE_NAME, &event, &mine)
            {
                browser::keeping_focus(|| state.apply_changed(inputs));
            }
        });
        state
    }

    /// Inputs that are shown but never saved (a scenario opened from a link).
    pub fn transient(saved: ToilInputs) -> ToilState {
        let state = ToilState {
            engineers: RwSignal::new(saved.engineers),
            hours_per_week: RwSignal::new(saved.hours_per_week),
            working_days_per_year: RwSignal::new(saved.working_days_per_year),
            rotation_size: RwSignal::new(saved.rotation_size),
            hourly_cost: RwSignal::new(saved.hourly_cost),
            currency: RwSignal::new(saved.currency),
            payback_threshold_months: RwSignal::new(saved.payback_threshold_months),
            start_date: RwSignal::new(saved.start_date),
            selected_task: RwSignal::new(saved.selected_task),
            tasks: RwSignal::new(Vec::new()),
            removed: RwSignal::new(Vec::new()),
            replaced: RwSignal::new(None),
            next_id: StoredValue::new(0),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        state.replace_tasks(saved.tasks);
        state
    }

    /// Replaces every input (opening a scenario, or a change from another window).
    pub fn apply(&self, inputs: ToilInputs) {
        self.engineers.set(inputs.engineers);
        self.hours_per_week.set(inputs.hours_per_week);
        self.working_days_per_year.set(inputs.working_days_per_year);
        self.rotation_size.set(inputs.rotation_size);
        self.hourly_cost.set(inputs.hourly_cost);
        self.currency.set(inputs.currency);
        self.payback_threshold_months
            .set(inputs.payback_threshold_months);
        self.start_date.set(inputs.start_date);
        self.selected_task.set(inputs.selected_task);
        self.replace_tasks(inputs.tasks);
        self.replaced.set(None);
    }

    /// Takes another window's change: only the inputs that differ are set, and rows are matched
    /// by id, so the field being typed in keeps its focus and what was typed. The task shown in
    /// detail stays this window's choice while it exists.
    fn apply_changed(&self, inputs: ToilInputs) {
        let fields = [
            (self.engineers, inputs.engineers),
            (self.hours_per_week, inputs.hours_per_week),
            (self.working_days_per_year, inputs.working_days_per_year),
            (self.rotation_size, inputs.rotation_size),
            (self.hourly_cost, inputs.hourly_cost),
            (self.currency, inputs.currency),
            (
                self.payback_threshold_months,
                inputs.payback_threshold_months,
            ),
            (self.start_date, inputs.start_date),
        ];
        for (signal, value) in fields {
            if signal.with_untracked(|current| *current != value) {
                signal.set(value);
            }
        }
        let rows = self.tasks.get_untracked();
        let shown = rows
            .get(self.selected_task.get_untracked())
            .map(|row| row.fields.get_untracked());
        let list_changed = rows.len() != inputs.tasks.len()
            || rows
                .iter()
                .zip(&inputs.tasks)
                .any(|(row, task)| row.fields.with_untracked(|current| current != task));
        if !list_changed {
            return;
        }
        // Rows are matched by their ids, so a row keeps its signal (and its elements) wherever
        // it is now: the field being typed in keeps its focus and shows the same row, even when
        // rows above it were removed or added there.
        let mut taken: Vec<u64> = Vec::new();
        let next: Vec<TaskRow> = inputs
            .tasks
            .iter()
            .map(|task| {
                let same = rows.iter().find(|row| {
                    !taken.contains(&row.id) && row.fields.with_untracked(|f| f.id == task.id)
                });
                match same {
                    Some(row) => {
                        taken.push(row.id);
                        if row.fields.with_untracked(|current| current != task) {
                            row.fields.set(task.clone());
                        }
                        *row
                    }
                    None => self.new_row(task.clone()),
                }
            })
            .collect();
        let keys = |rows: &[TaskRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        if keys(&next) != keys(&rows) {
            self.tasks.set(next);
        }
        // A removed row that is in the list again (the other window kept it, edited) cannot be
        // put back a second time.
        self.removed.update(|removed| {
            removed.retain(|(_, row)| {
                let id = row.fields.with_untracked(|f| f.id);
                !inputs.tasks.iter().any(|task| task.id == id)
            });
        });
        let at = shown.and_then(|shown| position_after_change(&inputs.tasks, &shown, |t| t.id));
        self.selected_task.set(at.unwrap_or(inputs.selected_task));
    }

    /// The inventory's rows as typed, without tracking.
    fn tasks_untracked(&self) -> Vec<TaskInputs> {
        self.tasks
            .get_untracked()
            .iter()
            .map(|r| r.fields.get_untracked())
            .collect()
    }

    /// Every input as typed; reactive when called inside a closure.
    pub fn inputs(&self) -> ToilInputs {
        ToilInputs {
            engineers: self.engineers.get(),
            hours_per_week: self.hours_per_week.get(),
            working_days_per_year: self.working_days_per_year.get(),
            rotation_size: self.rotation_size.get(),
            hourly_cost: self.hourly_cost.get(),
            currency: self.currency.get(),
            payback_threshold_months: self.payback_threshold_months.get(),
            start_date: self.start_date.get(),
            selected_task: self.selected_task.get(),
            tasks: self
                .tasks
                .get()
                .iter()
                .map(|row| row.fields.get())
                .collect(),
        }
    }

    /// Replaces the whole inventory (on load and on CSV import).
    pub fn replace_tasks(&self, tasks: Vec<TaskInputs>) {
        let rows = tasks.into_iter().map(|t| self.new_row(t)).collect();
        self.removed.set(Vec::new());
        self.tasks.set(rows);
    }

    /// Adds a row with a new row's defaults at the end, and puts the focus in its name.
    pub fn add_task(&self) {
        let row = self.new_row(TaskInputs {
            id: browser::new_row_id(),
            ..TaskInputs::default()
        });
        self.tasks.update(|rows| rows.push(row));
        browser::focus_next_frame(format!("task-{}-task-name", row.id));
    }

    fn new_row(&self, fields: TaskInputs) -> TaskRow {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        // The row belongs to the state, not to whatever component is current: a row made while
        // the Scenarios tab opens a scenario must outlive that tab.
        let fields = self
            .owner
            .with_value(|owner| owner.with(|| RwSignal::new(fields)));
        TaskRow { id, fields }
    }

    fn position(&self, id: u64) -> Option<usize> {
        self.tasks
            .with_untracked(|rows| rows.iter().position(|r| r.id == id))
    }

    /// Where `button` would take row `id`, or `None` at that end of the list; reactive.
    fn move_target(&self, id: u64, button: RowMove) -> Option<usize> {
        self.tasks.with(|rows| {
            let from = rows.iter().position(|r| r.id == id)?;
            button.target(from, rows.len())
        })
    }

    /// Moves row `id` one place up or down when there is room. The row's elements are moved,
    /// which takes the focus from the button pressed: it goes back to that button.
    fn move_task(&self, id: u64, button: RowMove) {
        let Some(from) = self.position(id) else {
            return;
        };
        let Some(to) = self
            .tasks
            .with_untracked(|rows| button.target(from, rows.len()))
        else {
            return;
        };
        self.tasks.update(|rows| rows.swap(from, to));
        browser::refocus_next_frame(move_button_id(id, button));
    }

    /// Removes row `id`, keeping it (and its place) for "Undo".
    fn remove_task(&self, id: u64) {
        let Some(at) = self.position(id) else {
            return;
        };
        let row = self.tasks.with_untracked(|rows| rows[at]);
        self.tasks.update(|rows| {
            rows.remove(at);
        });
        self.removed.update(|removed| removed.push((at, row)));
        // The row and its buttons are gone: the focus goes to Undo, not to <body>.
        browser::focus_next_frame(UNDO_ID.to_string());
    }

    /// Puts the row removed last back where it was; the one removed before it is next.
    fn undo_remove(&self) {
        let mut last = None;
        self.removed.update(|removed| last = removed.pop());
        if let Some((at, row)) = last {
            self.tasks
                .update(|rows| rows.insert(at.min(rows.len()), row));
            // On to the next Undo while there is one, else to the row put back.
            let next = if self.removed.with_untracked(Vec::is_empty) {
                format!("task-{}-task-name", row.id)
            } else {
                UNDO_ID.to_string()
            };
            browser::focus_next_frame(next);
        }
    }

    /// The settings without the inventory; reactive when called inside a closure.
    fn settings(&self) -> ToilInputs {
        ToilInputs {
            engineers: self.engineers.get(),
            hours_per_week: self.hours_per_week.get(),
            working_days_per_year: self.working_days_per_year.get(),
            rotation_size: self.rotation_size.get(),
            hourly_cost: self.hourly_cost.get(),
            currency: self.currency.get(),
            payback_threshold_months: self.payback_threshold_months.get(),
            start_date: self.start_date.get(),
            selected_task: 0,
            tasks: Vec::new(),
        }
    }
}

/// Today's date in the browser's time zone, read again every [`DAY_CHECK`] while the tab is
/// open, so that an empty start date (today) moves on at midnight.
fn today_signal() -> RwSignal<CivilDate> {
    let today = RwSignal::new(super::budget::today());
    let check = move || {
        let now = super::budget::today();
        if today.get_untracked() != now {
            today.set(now);
        }
    };
    if let Ok(handle) = set_interval_with_handle(check, DAY_CHECK) {
        on_cleanup(move || handle.clear());
    }
    today
}

/// The team settings parsed, with the error of each field.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TeamCheck {
    team: Result<Team, ()>,
    errors: Vec<(toil::TeamField, String)>,
}

fn check_team(inputs: &ToilInputs) -> TeamCheck {
    let parsed = Team::parse(&TeamText {
        engineers: &inputs.engineers,
        hours_per_week: &inputs.hours_per_week,
        working_days_per_year: &inputs.working_days_per_year,
        rotation_size: &inputs.rotation_size,
        hourly_cost: &inputs.hourly_cost,
        currency: &inputs.currency,
    });
    match parsed {
        Ok(team) => TeamCheck {
            team: Ok(team),
            errors: Vec::new(),
        },
        Err(errors) => TeamCheck {
            team: Err(()),
            errors: errors
                .into_iter()
                .map(|(f, e)| (f, e.to_string()))
                .collect(),
        },
    }
}

/// Everything valid at once: what the results are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Valid {
    report: ToilReport,
    team: Team,
    threshold_months: SignedRatio,
    start: StartDate,
}

/// The last valid results, and whether the fields now hold something newer and invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    valid: Valid,
    stale: bool,
}

fn threshold_message(error: InputError) -> String {
    match error {
        InputError::MustBeAboveZero | InputError::Negative => {
            "The threshold must be above 0 months".to_string()
        }
        other => other.to_string(),
    }
}

/// The Toil tab.
#[component]
pub fn ToilTab(state: ToilState) -> impl IntoView {
    let team_check = Memo::new(move |_| check_team(&state.settings()));
    let threshold = Memo::new(move |_| {
        toil::parse_threshold_months(&state.payback_threshold_months.get())
            .map_err(threshold_message)
    });
    let today = today_signal();
    let start = Memo::new(move |_| {
        StartDate::parse(&state.start_date.get(), today.get()).map_err(|e| e.to_string())
    });
    let tasks = Memo::new(move |_| {
        let rows = state.tasks.get();
        let parsed: Result<Vec<Task>, ()> = rows
            .iter()
            .map(|row| row.fields.with(|t| Task::parse(&text_of(t)).map_err(drop)))
            .collect();
        parsed
    });
    let shown = Memo::new(move |previous: Option<&Option<Shown>>| {
        let valid = match (
            team_check.get().team,
            threshold.get(),
            start.get(),
            tasks.get(),
        ) {
            (Ok(team), Ok(threshold_months), Ok(start), Ok(tasks)) => Some(Valid {
                report: toil::report(tasks, &team, threshold_months),
                team,
                threshold_months,
                start,
            }),
            _ => None,
        };
        match valid {
            Some(valid) => Some(Shown {
                valid,
                stale: false,
            }),
            None => previous.cloned().flatten().map(|last| Shown {
                stale: true,
                ..last
            }),
        }
    });
    let team_error = move |field: toil::TeamField| {
        move || {
            team_check
                .get()
                .errors
                .into_iter()
                .find(|(f, _)| *f == field)
                .map(|(_, message)| message)
        }
    };
    let stale = move || shown.get().is_some_and(|s| s.stale);
    let summary = Signal::derive(move || {
        shown.with(|shown| {
            let valid = &shown.as_ref().filter(|s| !s.stale)?.valid;
            Some(summary::toil_markdown(
                &valid.report,
                &valid.team,
                valid.threshold_months,
                &today.get().to_string(),
            ))
        })
    });

    view! {
        <section class="panel" aria-labelledby="toil-team-title">
            <h2 id="toil-team-title">"Team"</h2>
            <div class="fields">
                <TextField id="toil-engineers" label="Engineers" value=state.engineers
                    help="Full-time equivalents; 4.5 is fine."
                    error=Signal::derive(team_error(toil::TeamField::Engineers)) />
                <TextField id="toil-hours-per-week" label="Working hours per week" value=state.hours_per_week
                    help="Per engineer."
                    error=Signal::derive(team_error(toil::TeamField::HoursPerWeek)) />
                <TextField id="toil-working-days" label="Working days per year" value=state.working_days_per_year
                    help="What \"per workday\" (a working day) counts: 260 is 52 weeks of 5 days."
                    error=Signal::derive(team_error(toil::TeamField::WorkingDaysPerYear)) />
                <TextField id="toil-rotation" label="On-call rotation size (optional)" value=state.rotation_size
                    help="People sharing on-call; a primary and a secondary are on call at a time."
                    error=Signal::derive(team_error(toil::TeamField::RotationSize)) />
                <TextField id="toil-hourly-cost" label="Hourly cost (optional)" value=state.hourly_cost
                    help="Cost of one engineer-hour, to show money beside hours."
                    error=Signal::derive(team_error(toil::TeamField::HourlyCost)) />
                <TextField id="toil-currency" label="Currency (optional)" value=state.currency
                    help="Shown after money figures, for example USD or €."
                    error=Signal::derive(|| None::<String>) />
                <TextField id="toil-threshold" label="Automate when payback is under (months)"
                    value=state.payback_threshold_months
                    help="The recommendation's threshold."
                    error=Signal::derive(move || threshold.get().err()) />
                <div class="field">
                    <label for="toil-start-date">"Automation starts on"</label>
                    <input
                        id="toil-start-date"
                        type="text"
                        placeholder="YYYY-MM-DD"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="toil-start-date-help toil-start-date-error"
                        aria-invalid=move || start.get().is_err().to_string()
                        prop:value=move || state.start_date.get()
                        on:input=move |ev| state.start_date.set(event_target_value(&ev))
                    />
                    <p id="toil-start-date-help" class="help">
                        {move || start_date_help(start.get().ok())}
                    </p>
                    <p id="toil-start-date-error" class="field-error" aria-live="polite">
                        {move || start.get().err()}
                    </p>
                </div>
            </div>
        </section>

        <Inventory state=state />

        <section
            id="toil-results"
            class="panel results"
            class:stale=stale
            aria-labelledby="toil-results-title"
        >
            <h2 id="toil-results-title">"Toil and payback"</h2>
            <CopySummary id="toil" markdown=summary />
            {move || match shown.get() {
                None => view! {
                    <p class="empty">"Fix the marked fields to see the toil figures."</p>
                }
                .into_any(),
                Some(shown) => results(shown, state).into_any(),
            }}
        </section>

        <WorthGrid />
    }
}

/// A labelled text field with help and its error message next to it.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    help: &'static str,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=format!("{help_id} {error_id}")
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p id=help_id class="help">{help}</p>
            <p id=error_id class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// Whether the inventory may be replaced by `imported`: without asking when the table is empty
/// or already holds exactly those tasks and there is nothing to undo, otherwise only when the
/// person agrees. An import ends the Undo of removed rows.
fn replace_asked(state: ToilState, imported: &[TaskInputs], file_name: &str) -> bool {
    let current = state.tasks_untracked();
    let removed = state.removed.with_untracked(Vec::len);
    if (current.is_empty() || current == imported) && removed == 0 {
        return true;
    }
    let plural = |n: usize| if n == 1 { "task" } else { "tasks" };
    let undo = match removed {
        0 => String::new(),
        n => format!(
            " The {n} removed {} can then no longer be put back.",
            plural(n)
        ),
    };
    browser::confirm(&if current.is_empty() {
        format!(
            "Import the {} {} from {file_name}?{undo}",
            imported.len(),
            plural(imported.len())
        )
    } else {
        format!(
            "Replace the {} {} in the table with the {} {} from {file_name}? Undo import puts \
             the table back as it is now.{undo}",
            current.len(),
            plural(current.len()),
            imported.len(),
            plural(imported.len()),
        )
    })
}

/// The inventory table with its buttons, and CSV import and export.
#[component]
fn Inventory(state: ToilState) -> impl IntoView {
    let (import_message, set_import_message) = signal(None::<Result<String, String>>);

    let export = move |_| {
        let csv = toil_csv::export(&state.tasks_untracked());
        if let Err(message) = browser::download_text("toil.csv", "text/csv;charset=utf-8", &csv) {
            set_import_message.set(Some(Err(message)));
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let message = match browser::read_text_file(&file, "a CSV of tasks").await {
                Err(error) => Err(error),
                Ok(text) => match toil_csv::import(&text) {
                    Ok(tasks) if !replace_asked(state, &tasks, &file.name()) => {
                        Ok("Import cancelled: the table is unchanged.".to_string())
                    }
                    Ok(tasks) => {
                        let n = tasks.len();
                        state.replaced.set(Some(ReplacedByImport {
                            file: file.name(),
                            tasks: state.tasks_untracked(),
                            selected_task: state.selected_task.get_untracked(),
                        }));
                        state.replace_tasks(tasks);
                        state.selected_task.set(0);
                        Ok(format!(
                            "Imported {n} task{} from {}",
                            if n == 1 { "" } else { "s" },
                            file.name()
                        ))
                    }
                    Err(error) => Err(error.to_string()),
                },
            };
            set_import_message.set(Some(message));
        });
    };

    // Puts back the inventory the last import replaced (removals made since go with it).
    let undo_import = move |_| {
        let Some(before) = state.replaced.try_update(Option::take).flatten() else {
            return;
        };
        state.replace_tasks(before.tasks);
        state.selected_task.set(before.selected_task);
        set_import_message.set(Some(Ok(format!(
            "The import of {} is undone: the table is as it was before it.",
            before.file
        ))));
        browser::focus_next_frame("toil-import".to_string());
    };

    view! {
        <section class="panel" aria-labelledby="toil-inventory-title">
            <h2 id="toil-inventory-title">"Toil inventory"</h2>
            <p class="help">
                "Manual, repetitive work the team does. Hours to automate, share removed and "
                "maintenance count only for tasks marked automatable."
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Toil inventory table">
                <table id="toil-tasks" class="toil-tasks">
                    <thead>
                        <tr>
                            <th scope="col">"Task"</th>
                            <th scope="col">"Times"</th>
                            <th scope="col">"Per"</th>
                            <th scope="col">"Minutes each"</th>
                            <th scope="col">"People"</th>
                            <th scope="col">"Automat\u{ad}able"</th>
                            <th scope="col">"Priority"</th>
                            <th scope="col">"Hours to automate"</th>
                            <th scope="col">"Share removed (%)"</th>
                            <th scope="col">"Mainte\u{ad}nance (h/year)"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || state.tasks.get()
                            key=|row| row.id
                            children=move |row| view! { <TaskRowView state=state row=row /> }
                        />
                    </tbody>
                </table>
            </div>
            <div class="toil-actions no-print">
                <button id="toil-add-task" type="button" on:click=move |_| state.add_task()>
                    "Add task"
                </button>
                <button id="toil-export" type="button" on:click=export>"Export CSV"</button>
                <span id="toil-removed" aria-live="polite">
                    {move || {
                        let (last, earlier) = state.removed.with(|removed| {
                            (removed.last().map(|&(_, row)| row), removed.len().saturating_sub(1))
                        });
                        last.map(|row| {
                            let name = row.fields.with_untracked(|t| t.name.trim().to_string());
                            let what = if name.is_empty() {
                                "a task without a name".to_string()
                            } else {
                                crate::formats::quoted(&name)
                            };
                            view! {
                                {undo_note(
                                    &format!("Removed {what}"),
                                    earlier as u64,
                                    "earlier removal",
                                    "earlier removals",
                                )}
                                <button id=UNDO_ID type="button"
                                    on:click=move |_| state.undo_remove()>"Undo"</button>
                            }
                        })
                    }}
                </span>
                <label class="file-button">
                    "Import CSV"
                    <input id="toil-import" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" on:change=import />
                </label>
            </div>
            <p class="help">
                "CSV columns: " {toil_csv::COLUMNS.join(", ")}
                ". name, per and minutes_each are required; a file with any bad row is not imported."
            </p>
            <p
                id="toil-import-message"
                class=move || match import_message.get() {
                    Some(Err(_)) => "field-error",
                    _ => "help",
                }
                aria-live="polite"
            >
                {move || import_message.get().map(|m| m.unwrap_or_else(|e| e))}
            </p>
            {move || state.replaced.with(|r| r.as_ref().map(|r| r.file.clone())).map(|file| view! {
                <p id="toil-import-undo" class="help">
                    {format!("The table before {file} is kept. ")}
                    <button id="toil-undo-import" type="button" on:click=undo_import>
                        "Undo import"
                    </button>
                </p>
            })}
        </section>
    }
}

/// The fields a text cell of a task row edits.
fn get_field(t: &TaskInputs, field: TaskField) -> String {
    match field {
        TaskField::Name => t.name.clone(),
        TaskField::Times => t.times.clone(),
        TaskField::Per => t.per.clone(),
        TaskField::Minutes => t.minutes_each.clone(),
        TaskField::People => t.people.clone(),
        TaskField::Automatable => String::new(),
        TaskField::Priority => t.priority.clone(),
        TaskField::AutomationHours => t.automation_hours.clone(),
        TaskField::ShareRemoved => t.share_removed_percent.clone(),
        TaskField::Maintenance => t.maintenance_hours_per_year.clone(),
    }
}

fn set_field(t: &mut TaskInputs, field: TaskField, value: String) {
    match field {
        TaskField::Name => t.name = value,
        TaskField::Times => t.times = value,
        TaskField::Per => t.per = value,
        TaskField::Minutes => t.minutes_each = value,
        TaskField::People => t.people = value,
        TaskField::Automatable => {}
        TaskField::Priority => t.priority = value,
        TaskField::AutomationHours => t.automation_hours = value,
        TaskField::ShareRemoved => t.share_removed_percent = value,
        TaskField::Maintenance => t.maintenance_hours_per_year = value,
    }
}

fn is_automation_field(field: TaskField) -> bool {
    matches!(
        field,
        TaskField::AutomationHours | TaskField::ShareRemoved | TaskField::Maintenance
    )
}

/// A task's name (or `Task N`) for the page's own sentences and the task picker, with any
/// control of text direction in it shown as `<U+202E>`, so it cannot reorder what follows it.
fn shown_task_label(task: &Task, index: usize) -> String {
    show_bidi_controls(&task_label(task, index)).into_owned()
}

/// A table cell of hours with their cost beside them when an hourly cost is given. The cell
/// may break between the two (`120 h` over `(4,800.00 USD)`), so a table of such figures fits
/// a desktop window instead of scrolling sideways; each half stays whole.
fn hours_cell(team: &Team, value: SignedRatio) -> AnyView {
    match money(team, value) {
        Some(m) => view! {
            <td class="num two-part">
                <span>{hours(value)}</span>" "<span>{format!("({m})")}</span>
            </td>
        }
        .into_any(),
        None => view! { <td class="num">{hours(value)}</td> }.into_any(),
    }
}

/// The id of row `id`'s ↑ or ↓ button: `task-{id}-task-up`, `task-{id}-task-down`.
fn move_button_id(id: u64, button: RowMove) -> String {
    match button {
        RowMove::Up => format!("task-{id}-task-up"),
        RowMove::Down => format!("task-{id}-task-down"),
    }
}

/// One editable row of the inventory.
#[component]
fn TaskRowView(state: ToilState, row: TaskRow) -> impl IntoView {
    let fields = row.fields;
    let id = row.id;
    let label = move || {
        let index = state.position(id).unwrap_or(0);
        state.tasks.track();
        let name = fields.with(|t| t.name.trim().to_string());
        if name.is_empty() {
            format!("task {}", index + 1)
        } else {
            name
        }
    };
    let error = move |field: TaskField| {
        move || {
            fields.with(|t| {
                if is_automation_field(field) && !t.automatable {
                    return None;
                }
                parse_task_field(field, &get_field(t, field))
                    .err()
                    .map(|e| e.to_string())
            })
        }
    };
    let text_cell = move |field: TaskField, class: &'static str, mode: &'static str| {
        let error_id = format!("task-{id}-{class}-error");
        let message = error(field);
        let invalid = error(field);
        view! {
            <td>
                <input
                    id=format!("task-{id}-{class}")
                    class=class
                    type="text"
                    inputmode=mode
                    autocomplete="off"
                    spellcheck="false"
                    aria-label=move || format!("{} of {}", field.label(), label())
                    aria-describedby=error_id.clone()
                    aria-invalid=move || invalid().is_some().to_string()
                    disabled=move || is_automation_field(field) && !fields.with(|t| t.automatable)
                    prop:value=move || fields.with(|t| get_field(t, field))
                    on:input=move |ev| fields.update(|t| set_field(t, field, event_target_value(&ev)))
                />
                <p id=error_id class="field-error cell-error" aria-live="polite">{message}</p>
            </td>
        }
    };

    let unknown_per = move || {
        fields.with(|t| {
            matches!(
                toil::parse_task_field(TaskField::Per, &t.per),
                Err(toil::InputError::UnknownPeriod(_))
            )
        })
    };
    view! {
        <tr>
            {text_cell(TaskField::Name, "task-name", "text")}
            {text_cell(TaskField::Times, "task-times", "decimal")}
            <td>
                <select
                    class="task-per"
                    aria-label=move || format!("period of {}", label())
                    on:change=move |ev| fields.update(|t| t.per = event_target_value(&ev))
                    prop:value=move || fields.with(|t| t.per.clone())
                >
                    // A saved period that is none of the options is shown as saved, beside its
                    // message, rather than as a blank drop-down.
                    <option
                        value=move || fields.with(|t| t.per.clone())
                        disabled
                        hidden=move || !unknown_per()
                        prop:selected=unknown_per
                    >
                        {move || fields.with(|t| crate::calc::unknown_option_label(&t.per))}
                    </option>
                    {toil::Period::ALL
                        .into_iter()
                        .map(|p| {
                            view! {
                                <option
                                    value=p.slug()
                                    selected=move || fields.with(|t| toil::Period::parse(&t.per) == Some(p))
                                >
                                    {match p {
                                        // Short enough for the column at 1280 px.
                                        toil::Period::WorkingDay => "per workday".to_string(),
                                        _ => format!("per {}", p.slug()),
                                    }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error cell-error" aria-live="polite">{error(TaskField::Per)}</p>
            </td>
            {text_cell(TaskField::Minutes, "task-minutes", "decimal")}
            {text_cell(TaskField::People, "task-people", "numeric")}
            <td class="center">
                <input
                    class="task-automatable"
                    type="checkbox"
                    aria-label=move || format!("{} is automatable", label())
                    prop:checked=move || fields.with(|t| t.automatable)
                    on:change=move |ev| fields.update(|t| t.automatable = event_target_checked(&ev))
                />
            </td>
            <td>
                <select
                    class="task-priority"
                    aria-label=move || format!("priority of {}", label())
                    on:change=move |ev| fields.update(|t| t.priority = event_target_value(&ev))
                    prop:value=move || fields.with(|t| t.priority.trim().to_string())
                >
                    {(1..=5)
                        .map(|p: u8| {
                            let value = p.to_string();
                            let text = match p {
                                1 => "1 (most urgent)".to_string(),
                                5 => "5 (least)".to_string(),
                                _ => p.to_string(),
                            };
                            let selected = {
                                let value = value.clone();
                                move || fields.with(|t| t.priority.trim() == value)
                            };
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
                <p class="field-error cell-error" aria-live="polite">{error(TaskField::Priority)}</p>
            </td>
            {text_cell(TaskField::AutomationHours, "task-automation-hours", "decimal")}
            {text_cell(TaskField::ShareRemoved, "task-share", "decimal")}
            {text_cell(TaskField::Maintenance, "task-maintenance", "decimal")}
            <td class="row-actions">
                // At its end of the list a move button does nothing and says so, but stays
                // focusable: pressing it again, focused there, cannot move the row back.
                <button type="button" id=move_button_id(id, RowMove::Up) class="task-up"
                    aria-label=move || format!("Move {} up", label())
                    aria-disabled=move || state.move_target(id, RowMove::Up).is_none().to_string()
                    on:click=move |_| state.move_task(id, RowMove::Up)>"↑"</button>
                <button type="button" id=move_button_id(id, RowMove::Down) class="task-down"
                    aria-label=move || format!("Move {} down", label())
                    aria-disabled=move || state.move_target(id, RowMove::Down).is_none().to_string()
                    on:click=move |_| state.move_task(id, RowMove::Down)>"↓"</button>
                <button type="button" class="task-remove" aria-label=move || format!("Remove {}", label())
                    on:click=move |_| state.remove_task(id)>"✕"</button>
            </td>
        </tr>
    }
}

fn results(shown: Shown, state: ToilState) -> impl IntoView {
    let Shown { valid, stale } = shown;
    let Valid {
        report,
        team,
        threshold_months,
        start,
    } = valid;
    let totals = &report.totals;

    let ceiling_text = if totals.over_ceiling {
        format!("over the {TOIL_CEILING_PERCENT}% ceiling")
    } else {
        format!("within the {TOIL_CEILING_PERCENT}% ceiling")
    };
    let on_call = match (totals.on_call_floor, totals.share_with_on_call) {
        (Some(floor), Some(combined)) => view! {
            <p id="toil-on-call">{on_call_words(&team, floor, combined)}</p>
        }
        .into_any(),
        _ => {
            view! { <p class="help">"Give the on-call rotation size to add the on-call floor."</p> }
                .into_any()
        }
    };

    let rows = report
        .tasks
        .iter()
        .zip(&report.results)
        .enumerate()
        .map(|(i, (task, result))| {
            let name = task_label(task, i);
            let (saved, payback, net1, net5, date, advice) = match &result.automation {
                None => (
                    None,
                    "—".to_string(),
                    None,
                    None,
                    "—".to_string(),
                    "Manual: not marked automatable".to_string(),
                ),
                Some(a) => (
                    Some(a.saved_hours_per_year),
                    a.payback_months.map_or("never".to_string(), months),
                    Some(a.net_hours_after_1_year),
                    Some(a.net_hours_after_5_years),
                    match a.payback_months {
                        None => "never".to_string(),
                        Some(_) => a
                            .break_even_date(start.date())
                            .map_or("after 9999".to_string(), |d| d.to_string()),
                    },
                    recommendation(a, threshold_months),
                ),
            };
            let maybe_hours = |value: Option<SignedRatio>| match value {
                Some(value) => hours_cell(&team, value),
                None => view! { <td class="num">"—"</td> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num">{hours(result.hours_per_month)}</td>
                    {hours_cell(&team, result.hours_per_year)}
                    <td class="num">{percent(result.share_of_team)}</td>
                    {maybe_hours(saved)}
                    <td class="num">{payback}</td>
                    {maybe_hours(net1)}
                    {maybe_hours(net5)}
                    <td class="num">{date}</td>
                    <td>{advice}</td>
                </tr>
            }
        })
        .collect_view();

    let plan_rows = report
        .plan
        .iter()
        .enumerate()
        .map(|(rank, step)| {
            let name = report
                .tasks
                .get(step.task_index)
                .map(|t| task_label(t, step.task_index))
                .unwrap_or_default();
            view! {
                <tr>
                    <td class="num">{rank + 1}</td>
                    <th scope="row">{name}</th>
                    <td class="num">{months(step.payback_months)}</td>
                    {hours_cell(&team, step.saved_hours_per_month)}
                    {hours_cell(&team, step.cumulative_hours_per_month)}
                </tr>
            }
        })
        .collect_view();
    let plan_empty = report.plan.is_empty();

    let automatable: Vec<(usize, String)> = report
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.automatable)
        .map(|(i, t)| (i, shown_task_label(t, i)))
        .collect();
    let selected = {
        let chosen = state.selected_task.get();
        if automatable.iter().any(|(i, _)| *i == chosen) {
            Some(chosen)
        } else {
            automatable.first().map(|(i, _)| *i)
        }
    };
    let payback_svg = selected
        .and_then(|i| report.tasks.get(i))
        .map(|t| payback_chart(t, &team, chart_fit().get()));
    let payback_caption = selected
        .and_then(|i| {
            Some((
                i,
                report.tasks.get(i)?,
                report.results.get(i)?.automation.as_ref()?,
            ))
        })
        .map(|(i, t, a)| match a.payback_months {
            Some(m) => format!(
                "{}: hours spent (building, then maintaining) against hours saved; they meet at \
                 {}.",
                shown_task_label(t, i),
                months(m)
            ),
            None => format!(
                "{}: hours spent against hours saved over 5 years; the lines never meet.",
                shown_task_label(t, i)
            ),
        })
        .unwrap_or_else(|| "No task is marked automatable.".to_string());
    let bar_svg = toil_bar_chart(&report, chart_fit().get());
    let bar_caption = format!(
        "Toil hours per month by task: {} in all; the line marks {TOIL_CEILING_PERCENT}% of the \
         team's {} working hours.",
        hours(totals.hours_per_month),
        hours(totals.team_hours_per_month)
    );

    view! {
        <Show when=move || stale>
            <p class="stale-note" role="note">
                "Not updated: these results are for the last valid input. Fix the marked fields."
            </p>
        </Show>
        <p class="headline">
            <span id="toil-total-hours" class="figure">{hours(totals.hours_per_month)}</span>
            " of toil per month, "
            <span id="toil-share" class="figure">{percent(totals.share_of_team)}</span>
            {format!(" of team time, {ceiling_text}.")}
        </p>
        {money(&team, totals.hours_per_month).map(|m| view! {
            <p id="toil-money">"Cost of toil: " <span class="figure">{m}</span> " per month."</p>
        })}
        {on_call}
        <p class="convention">
            "Occurrences per year: daily 365, per working day as set ("
            {team.working_days_per_year.to_decimal_text(2)}
            "), weekly 52, monthly 12, quarterly 4, yearly 1; never rounded to whole occurrences. "
            "A month is a twelfth of a year. Team hours per month = engineers × hours per week × "
            "52 / 12 = " {hours(totals.team_hours_per_month)} ". The SRE book keeps toil under "
            "50% of an engineer's time; the on-call floor is 2 / rotation size."
        </p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Per-task results table">
            <table id="toil-results-table" class="toil-results">
                <caption>"Per task"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Task"</th>
                        <th scope="col">"Toil per month"</th>
                        <th scope="col">"Toil per year"</th>
                        <th scope="col">"Share of team time"</th>
                        <th scope="col">"Saved per year (net)"</th>
                        <th scope="col">"Payback"</th>
                        <th scope="col">"Net after 1 year"</th>
                        <th scope="col">"Net after 5 years"</th>
                        <th scope="col">"Break-even date"</th>
                        // A soft hyphen: the longest word of the table's headings may break.
                        <th scope="col">"Recom\u{ad}mendation"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="convention">
            "Saved per year = toil hours × share removed − maintenance hours. Payback = hours to "
            "automate ÷ hours saved per month. Net after N years = N × saved per year − hours to "
            "automate. Break-even date = start date (today's when none is typed) + payback × "
            "365 / 12 days, rounded up to a whole day. Hours are rounded to 0.01 h, shares to "
            "0.1%, only when shown."
        </p>

        <h3>"Automation plan"</h3>
        {if plan_empty {
            view! { <p class="help">"No automatable task saves time yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                <table id="toil-plan" class="toil-plan">
                    <caption>"Tasks that save time, shortest payback first (ties: priority, then order)"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">"Task"</th>
                            <th scope="col">"Payback"</th>
                            <th scope="col">"Frees per month"</th>
                            <th scope="col">"Freed per month, cumulative"</th>
                        </tr>
                    </thead>
                    <tbody>{plan_rows}</tbody>
                </table>
                </div>
            }
            .into_any()
        }}

        <h3>"Charts"</h3>
        <figure class="chart">
            <div id="toil-bar-chart" role="img" aria-label=bar_caption.clone() inner_html=bar_svg></div>
            <figcaption>{bar_caption.clone()}</figcaption>
            <ChartDownloads chart_id="toil-bar-chart" file_stem="headroom-toil-hours" />
        </figure>
        <div class="field no-print">
            <label for="toil-chart-task">"Payback chart for"</label>
            <select
                id="toil-chart-task"
                on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        state.selected_task.set(i);
                    }
                }
            >
                {automatable
                    .into_iter()
                    .map(|(i, name)| view! {
                        <option value=i.to_string() selected=Some(i) == selected>{name}</option>
                    })
                    .collect_view()}
            </select>
        </div>
        <figure class="chart">
            <div
                id="toil-payback-chart"
                role="img"
                aria-label=payback_caption.clone()
                inner_html=payback_svg.unwrap_or_default()
            ></div>
            <figcaption>{payback_caption.clone()}</figcaption>
            <ChartDownloads chart_id="toil-payback-chart" file_stem="headroom-toil-payback" />
        </figure>
    }
}

/// The "is it worth the time" grid as a heatmap table.
#[component]
fn WorthGrid() -> impl IntoView {
    let header = WORTH_FREQUENCIES
        .iter()
        .map(|(label, _)| view! { <th scope="col">{*label}</th> })
        .collect_view();
    let rows = WORTH_SAVED_SECONDS
        .iter()
        .map(|(saved_label, saved_seconds)| {
            let cells = WORTH_FREQUENCIES
                .iter()
                .map(|(_, per_year)| {
                    let Some(seconds) = worth_the_time_seconds(*saved_seconds, *per_year) else {
                        return view! {
                            <td class="heat heat-none">
                                <span aria-hidden="true">"—"</span>
                                <span class="visually-hidden">"more than a day each day"</span>
                            </td>
                        }
                        .into_any();
                    };
                    let (text, unit) = format_span(seconds);
                    let class = match unit {
                        SpanUnit::Seconds => "heat heat-1",
                        SpanUnit::Minutes => "heat heat-2",
                        SpanUnit::Hours => "heat heat-3",
                        SpanUnit::Days => "heat heat-4",
                        SpanUnit::Weeks => "heat heat-5",
                    };
                    view! { <td class=class>{text}</td> }.into_any()
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{*saved_label}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="toil-worth-title">
            <h2 id="toil-worth-title">"Is it worth the time?"</h2>
            <p class="convention">
                {worth_grid_convention()}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Worth-the-time table">
                <table id="toil-worth-grid" class="worth-grid">
                    <caption>"Time saved each time (rows) by how often (columns)"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Saved"</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
