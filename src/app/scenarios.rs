//! The Scenarios tab: save, open, rename, duplicate, delete (with undo), compare, export,
//! import and share named what-if scenarios. Files and links are read by `formats`; this
//! module wires them to storage and the page.

use std::cell::RefCell;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::budget::{now, today};
use super::capacity::series_store::{self, LeftOut};
use super::export::CopySummary;
use super::{persist, Notices, StorageHandle, WorkspaceState};
use crate::calc::summary;
use crate::formats::scenario::{
    self, ClashChoice, Incoming, Problem, Scenario, ScenarioFile, UndeleteAs,
};
use crate::formats::summary as markdown;
use crate::formats::{quoted, share_link, show_bidi_controls};
use crate::inputs::{OpenedScenario, Workspace};
use crate::storage::{Loaded, Notice, Storage};

const SCENARIO_PREFIX: &str = "scenario.";
const OPENED_NAME: &str = "workspace";
/// The name field of the scenario being renamed (one at a time).
const RENAME_FIELD: &str = "scenario-rename";

/// The Rename button of scenario `id`, where the focus returns after renaming it.
fn rename_button_id(id: &str) -> String {
    format!("{RENAME_FIELD}-{id}")
}

fn storage_name(id: &str) -> String {
    format!("{SCENARIO_PREFIX}{id}")
}

/// The comparison's last column.
const DIFFERENCE_HEADING: &str = "Difference (second − first)";
/// Its label where the rows are cards (a phone): short, so a difference fits on its line; the
/// rule under the table says which way it is taken.
const DIFFERENCE_LABEL: &str = "Difference";

/// The saved scenarios, newest change first, with notices for any that could not be read.
fn load_scenarios(storage: StorageHandle) -> (Vec<Scenario>, Vec<Notice>) {
    let (values, notices) = storage.with_value(|s| s.load_all::<Scenario>(SCENARIO_PREFIX));
    let mut scenarios: Vec<Scenario> = values.into_iter().map(|(_, s)| s).collect();
    scenarios.sort_by(|a, b| {
        b.updated_ms
            .cmp(&a.updated_ms)
            .then_with(|| a.name.cmp(&b.name))
    });
    (scenarios, notices)
}

/// Saves `scenario`; a notice of unreadable text it kept a copy of before writing over it goes
/// to `notices`.
fn save_scenario(
    storage: StorageHandle,
    notices: Notices,
    scenario: &Scenario,
) -> Result<(), String> {
    let kept = storage
        .with_value(|s| s.save(&storage_name(&scenario.id), scenario))
        .map_err(|notice| notice.message)?;
    if let Some(kept) = kept {
        notices.report(kept);
    }
    Ok(())
}

/// Saves `inputs` as a new scenario named after `name` (made unique); returns the name used.
pub fn save_copy(
    storage: StorageHandle,
    notices: Notices,
    name: &str,
    inputs: Workspace,
) -> Result<String, String> {
    let (existing, _) = load_scenarios(storage);
    let name = scenario::unique_name(&existing, name);
    let now = browser::now_ms();
    let copy = Scenario {
        id: browser::new_id(),
        name: name.clone(),
        created_ms: now,
        updated_ms: now,
        inputs,
    };
    save_scenario(storage, notices, &copy)?;
    Ok(name)
}

/// A file name made of a scenario's name: letters, digits and dashes.
fn file_name(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "headroom-scenario.json".to_string()
    } else {
        format!("headroom-{slug}.json")
    }
}

/// `ms` as the local date and time, or "at an unknown time" past the year 9999 (a file read
/// before such times were refused could have saved one).
fn format_time(ms: u64) -> String {
    if ms > scenario::MAX_TIME_MS {
        return "at an unknown time".to_string();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// The saved scenarios and which one is open, kept for the life of the page (the tab's view
/// comes and goes as tabs change; this does not).
#[derive(Clone, Copy)]
pub struct ScenarioSession {
    scenarios: RwSignal<Vec<Scenario>>,
    /// Which scenario the workspace was opened from, shared with other windows.
    opened: RwSignal<OpenedScenario>,
    /// The version of that scenario this window last opened or saved: a save finding another
    /// version stored asks before replacing it.
    version_here: RwSignal<u64>,
    /// The scenario just deleted, while its Undo lasts: it outlives the tab's view, so going to
    /// another tab and back does not lose the Undo.
    deleted: RwSignal<Option<Scenario>>,
    /// The deleted scenario's capacity series as stored (see series_store::copy_of).
    deleted_series: StoredValue<Option<series_store::SeriesCopy>>,
    /// The ids of the two scenarios picked to compare: a visit to another tab (to change the
    /// work, or save it as a third) keeps the comparison.
    compared_ids: RwSignal<(String, String)>,
    /// Where a save that kept a copy of unreadable text says so.
    notices: Notices,
}

impl ScenarioSession {
    /// Lists the saved scenarios and follows changes other windows make. `persistent` is false
    /// for a scenario opened from a link, whose session is not written to storage.
    pub fn load(storage: StorageHandle, notices: Notices, persistent: bool) -> ScenarioSession {
        let (initial, unreadable) = load_scenarios(storage);
        for notice in unreadable {
            notices.report(notice);
        }
        let scenarios = RwSignal::new(initial);
        let _listener = window_event_listener(leptos::ev::storage, move |event| {
            let key = event.key().unwrap_or_default();
            if key.is_empty() || key.starts_with(&Storage::key(SCENARIO_PREFIX)) {
                scenarios.set(load_scenarios(storage).0);
            }
        });
        // A page shown again from the back-forward cache missed the storage events of
        // scenarios other windows saved meanwhile, including ones under keys it never read.
        let _restored = window_event_listener(leptos::ev::pageshow, move |event| {
            if event.persisted() {
                scenarios.set(load_scenarios(storage).0);
            }
        });
        let opened = match storage.with_value(|s| s.load::<OpenedScenario>(OPENED_NAME)) {
            Loaded::Found(opened) => opened,
            Loaded::Missing => OpenedScenario::default(),
            Loaded::Unreadable(notice) => {
                notices.report(notice);
                OpenedScenario::default()
            }
        };
        let version_here = RwSignal::new(opened.scenario_updated_ms);
        let opened = RwSignal::new(opened);
        if persistent {
            persist(storage, notices, OPENED_NAME, opened);
        }
        ScenarioSession {
            scenarios,
            opened,
            version_here,
            deleted: RwSignal::new(None),
            deleted_series: StoredValue::new(None),
            compared_ids: RwSignal::new((String::new(), String::new())),
            notices,
        }
    }
}

/// The Scenarios tab.
#[component]
pub fn ScenariosTab(
    storage: StorageHandle,
    workspace: WorkspaceState,
    from_link: ReadSignal<Option<Scenario>>,
    /// The name the link's scenario was last saved under from the preview's banner.
    link_copy: ReadSignal<Option<String>>,
    session: ScenarioSession,
) -> impl IntoView {
    let ScenarioSession {
        scenarios,
        opened,
        version_here,
        deleted,
        deleted_series,
        compared_ids,
        notices,
    } = session;
    let refresh = move || scenarios.set(load_scenarios(storage).0);
    // A copy saved from a link's banner is written in this window, which gets no storage event
    // for it: the list is read again, so the copy is in it.
    Effect::new(move |_| {
        if link_copy.with(Option::is_some) {
            refresh();
        }
    });
    // Records that this window now has `scenario` as saved.
    let mark_opened = move |scenario: &Scenario| {
        opened.set(OpenedScenario {
            scenario_id: Some(scenario.id.clone()),
            scenario_updated_ms: scenario.updated_ms,
        });
        version_here.set(scenario.updated_ms);
    };

    let (message, set_message) = signal(None::<String>);
    let (problems, set_problems) = signal(Vec::<Problem>::new());
    let (pending, set_pending) = signal(None::<Incoming>);
    let (new_name, set_new_name) = signal(String::new());
    let (name_error, set_name_error) = signal(None::<String>);
    let (link, set_link) = signal(None::<String>);
    let compare_a = Signal::derive(move || compared_ids.with(|(a, _)| a.clone()));
    let compare_b = Signal::derive(move || compared_ids.with(|(_, b)| b.clone()));
    let in_link_mode = move || from_link.get().is_some();

    // Stored capacity series of the listed scenarios are read in steps, one after another, so
    // the tab opens at once; until a series is read, its scenario says "reading the series…".
    let series_read = RwSignal::new(0u32);
    let alive = StoredValue::new(());
    Effect::new(move |_| {
        let mut ids: Vec<String> = scenarios.with(|list| {
            list.iter()
                .filter_map(|s| s.inputs.capacity.series.as_ref().map(|r| r.id.clone()))
                .collect()
        });
        ids.sort();
        ids.dedup();
        leptos::task::spawn_local(series_store::read_in_steps(
            storage,
            ids,
            move || alive.try_get_value().is_some(),
            move || {
                series_read.try_update(|n| *n += 1);
            },
        ));
    });
    // The trend of a long series is fitted in steps too, after the drawing that asked for it,
    // which meanwhile says the series is being read.
    let fit_wanted = move || {
        series_store::fit_wanted(
            move || alive.try_get_value().is_some(),
            move || {
                series_read.try_update(|n| *n += 1);
            },
        );
    };

    let current = Memo::new(move |_| {
        let id = opened.with(|o| o.scenario_id.clone())?;
        scenarios.with(|list| list.iter().find(|s| s.id == id).cloned())
    });
    let unsaved = Memo::new(move |_| match current.get() {
        Some(scenario) => scenario.inputs != workspace.snapshot(),
        None => true,
    });

    let save_as = move || {
        // A link's preview is not saved from here (its button is disabled).
        if from_link.with_untracked(Option::is_some) {
            return;
        }
        let name = new_name.get_untracked().trim().to_string();
        if let Err(error) = scenario::check_name(&name) {
            set_name_error.set(Some(error));
            return;
        }
        if scenarios.with_untracked(|list| list.iter().any(|s| s.name == name))
            && !browser::confirm(&format!(
                "A scenario named {} exists. Replace it?",
                quoted(&name)
            ))
        {
            return;
        }
        set_name_error.set(None);
        let now = browser::now_ms();
        let existing =
            scenarios.with_untracked(|list| list.iter().find(|s| s.name == name).cloned());
        let scenario = Scenario {
            id: existing
                .as_ref()
                .map_or_else(browser::new_id, |s| s.id.clone()),
            name: name.clone(),
            created_ms: existing.as_ref().map_or(now, |s| s.created_ms),
            updated_ms: now.max(existing.as_ref().map_or(0, |s| s.updated_ms)),
            inputs: workspace.snapshot(),
        };
        match save_scenario(storage, notices, &scenario) {
            Ok(()) => {
                mark_opened(&scenario);
                set_new_name.set(String::new());
                set_message.set(Some(format!("Saved {}.", quoted(&name))));
                refresh();
            }
            Err(error) => set_message.set(Some(error)),
        }
    };

    let save_current = move |_| {
        let Some(mut scenario) = current.get_untracked() else {
            return;
        };
        // Another window may have changed the scenario since it was opened here.
        let stored = storage.with_value(|s| s.load::<Scenario>(&storage_name(&scenario.id)));
        let changed_elsewhere = match &stored {
            Loaded::Found(stored) => stored.updated_ms != version_here.get_untracked(),
            _ => false,
        };
        if changed_elsewhere
            && !browser::confirm(&format!(
                "{} was changed in another window since you opened it here. Replace that version \
                 with this one?",
                quoted(&scenario.name)
            ))
        {
            set_message.set(Some(
                "Not saved: the other window's version is kept.".to_string(),
            ));
            return;
        }
        if let Loaded::Found(stored) = stored {
            scenario.updated_ms = stored.updated_ms;
        }
        scenario.updated_ms = browser::now_ms().max(scenario.updated_ms.saturating_add(1));
        scenario.inputs = workspace.snapshot();
        match save_scenario(storage, notices, &scenario) {
            Ok(()) => {
                mark_opened(&scenario);
                set_message.set(Some(format!("Saved {}.", quoted(&scenario.name))));
                refresh();
            }
            Err(error) => set_message.set(Some(error)),
        }
    };

    let open = move |scenario: Scenario| {
        // Work worth a question: changes since a scenario was opened, or, with none opened,
        // anything but the untouched defaults (a first visit has nothing to lose).
        let at_risk = match current.get_untracked() {
            Some(_) => unsaved.get_untracked(),
            None => workspace.snapshot() != Workspace::default(),
        };
        if at_risk
            && !browser::confirm(
                "Your current work has changes that are not saved as a scenario. Replace it with \
                 the scenario you are opening?",
            )
        {
            return;
        }
        workspace.apply(&scenario.inputs);
        mark_opened(&scenario);
        set_message.set(Some(format!("Opened {}.", quoted(&scenario.name))));
    };

    // Renaming happens in place: the scenario's row shows a name field (by the scenario's id),
    // with its message next to it, until the name is saved or the renaming is cancelled.
    let renaming = RwSignal::new(None::<String>);
    let (rename_text, set_rename_text) = signal(String::new());
    let (rename_error, set_rename_error) = signal(None::<String>);
    let start_rename = move |scenario: Scenario| {
        set_rename_text.set(scenario.name);
        set_rename_error.set(None);
        renaming.set(Some(scenario.id));
        browser::focus_next_frame(RENAME_FIELD.to_string());
    };
    // Back to the row's buttons, the focus on its Rename.
    let end_rename = move |id: &str| {
        renaming.set(None);
        set_rename_error.set(None);
        browser::focus_next_frame(rename_button_id(id));
    };
    let rename = move |id: String| {
        // The scenario as listed now (another window may have saved it since the row was drawn).
        let Some(scenario) =
            scenarios.with_untracked(|list| list.iter().find(|s| s.id == id).cloned())
        else {
            renaming.set(None);
            set_message.set(Some(
                "Not renamed: the scenario is no longer saved.".to_string(),
            ));
            return;
        };
        let name = rename_text.get_untracked().trim().to_string();
        if let Err(error) = scenario::check_name(&name) {
            set_rename_error.set(Some(error));
            return;
        }
        if name == scenario.name {
            end_rename(&id);
            return;
        }
        if scenarios.with_untracked(|list| list.iter().any(|s| s.name == name && s.id != id)) {
            set_rename_error.set(Some(format!(
                "a scenario named {} exists: pick another name",
                quoted(&name)
            )));
            return;
        }
        let old_name = scenario.name.clone();
        let renamed = Scenario {
            name: name.clone(),
            updated_ms: browser::now_ms().max(scenario.updated_ms.saturating_add(1)),
            ..scenario
        };
        match save_scenario(storage, notices, &renamed) {
            Ok(()) => {
                if opened.with_untracked(|o| o.scenario_id.as_deref() == Some(renamed.id.as_str()))
                {
                    mark_opened(&renamed);
                }
                set_message.set(Some(format!(
                    "Renamed {} to {}.",
                    quoted(&old_name),
                    quoted(&name)
                )));
                end_rename(&id);
                refresh();
            }
            Err(error) => set_rename_error.set(Some(error)),
        }
    };

    let duplicate = move |scenario: Scenario| match save_copy(
        storage,
        notices,
        &scenario::copy_name(&scenario.name),
        scenario.inputs,
    ) {
        Ok(name) => {
            set_message.set(Some(format!("Duplicated as {}.", quoted(&name))));
            refresh();
        }
        Err(error) => set_message.set(Some(error)),
    };

    let delete = move |scenario: Scenario| match storage
        .with_value(|s| s.remove(&storage_name(&scenario.id)))
    {
        Ok(()) => {
            let name = scenario.name.clone();
            let series = scenario.inputs.capacity.series.as_ref();
            deleted_series.set_value(series_store::copy_of(storage, series));
            // The Undo stays until a later deletion replaces it (or the page is left): no timer
            // takes it away while the person reads what was deleted.
            deleted.set(Some(scenario));
            set_message.set(Some(format!("Deleted {}.", quoted(&name))));
            refresh();
            // The row and its buttons are gone: the focus goes to Undo, not to the next row's
            // Delete (where a second Enter would delete another scenario).
            browser::focus_next_frame("undo-delete-button".to_string());
        }
        Err(notice) => set_message.set(Some(notice.message)),
    };

    let undo_delete = move |_| {
        let Some(deleted_one) = deleted.get_untracked() else {
            return;
        };
        // The list as stored now: the Undo may be pressed long after the deletion, and another
        // window or an import may have saved that scenario, or its name, since.
        let (existing, _) = load_scenarios(storage);
        let (scenario, how) = scenario::undeleted(&existing, &deleted_one, browser::new_id);
        match save_scenario(storage, notices, &scenario) {
            Ok(()) => {
                deleted.set(None);
                let copy = deleted_series.try_update_value(Option::take).flatten();
                let lost = (scenario.inputs.capacity.series.as_ref()).and_then(|reference| {
                    series_store::put_back(storage, notices, reference, copy).err()
                });
                let was = quoted(&deleted_one.name);
                let back = match how {
                    UndeleteAs::Was => format!("Brought back {was}"),
                    UndeleteAs::Renamed => format!(
                        "Brought back {was} as {}, as a scenario named {was} was saved since",
                        quoted(&scenario.name)
                    ),
                    UndeleteAs::Copy => format!(
                        "Brought back {was} as a new scenario, {}, beside the version of it \
                         saved since (in another window or by an import), which is kept",
                        quoted(&scenario.name)
                    ),
                };
                set_message.set(Some(match lost {
                    Some(lost) => format!("{back}; {lost}."),
                    None => format!("{back}."),
                }));
                refresh();
                browser::focus_next_frame(format!("scenario-open-{}", scenario.id));
            }
            Err(error) => set_message.set(Some(error)),
        }
    };

    let export = move |chosen: Vec<Scenario>, file: String| {
        let mut scenario_file = ScenarioFile::new(chosen);
        // Capacity series travel inside the file when they fit (see series_store::attach).
        let left_out = series_store::attach(storage, &mut scenario_file);
        if let Some(refusal) = scenario_file.refusal("exported") {
            set_message.set(Some(refusal));
            return;
        }
        // What an earlier export or link said no longer stands.
        set_message.set(None);
        let json = scenario_file.to_json();
        if let Err(error) = browser::download_text(&file, "application/json", &json) {
            set_message.set(Some(format!("Not exported: {error}.")));
        } else if !left_out.is_empty() {
            let series = left_out
                .iter()
                .map(|(name, why)| format!("{} ({})", quoted(name), why.reason()))
                .collect::<Vec<_>>()
                .join(", ");
            set_message.set(Some(format!(
                "Exported. The capacity series {series} could not be included; the capacity \
                     settings are included."
            )));
        }
    };

    let share = move |inputs: Workspace, name: String| {
        let now = browser::now_ms();
        let mut file = ScenarioFile::new(vec![Scenario {
            id: "shared".into(),
            name,
            created_ms: now,
            updated_ms: now,
            inputs,
        }]);
        // Texts a file cannot hold first: exporting instead would not help.
        if let Some(refusal) = file.refusal("shared") {
            set_link.set(None);
            set_message.set(Some(refusal));
            return;
        }
        // The capacity series rides along only if the link stays within its size limit.
        let mut left_out = series_store::attach(storage, &mut file)
            .first()
            .map(|(_, why)| *why);
        let mut payload = share_link::encode(&file);
        if payload.len() > share_link::MAX_LINK_CHARS && !file.series.is_empty() {
            file.series.clear();
            left_out = Some(LeftOut::TooLarge);
            payload = share_link::encode(&file);
        }
        let series_note = match left_out {
            None => "",
            Some(LeftOut::TooLarge) => {
                " The capacity series was left out: it is too large for a link (export a file to \
                 share it); the link says so."
            }
            Some(LeftOut::NotHere) => {
                " The capacity series was left out: it is not in this browser; the link says so."
            }
            Some(LeftOut::Damaged) => {
                " The capacity series was left out: its saved copy in this browser is damaged \
                 (the Capacity tab offers it for download); the link says so."
            }
        };
        let series_note = format!("{series_note}{}", share_link::people_note(&file));
        if payload.len() > share_link::MAX_LINK_CHARS {
            set_link.set(None);
            set_message.set(Some(
                "This scenario is too large for a link; export it as a file instead.".into(),
            ));
            return;
        }
        let address = format!(
            "{}{}{payload}",
            browser::page_address(),
            share_link::FRAGMENT_PREFIX
        );
        set_link.set(Some(address.clone()));
        leptos::task::spawn_local(async move {
            let outcome = browser::copy_to_clipboard(&address).await;
            set_message.set(Some(match outcome {
                Ok(()) => format!("Link copied. Anyone who opens it sees this scenario; it never reaches a server.{series_note}"),
                Err(error) => format!("Copy the link from the box below ({error}).{series_note}"),
            }));
        });
    };

    let apply_import = move |pending: Incoming, choice: ClashChoice| {
        let existing = scenarios.get_untracked();
        let plan = scenario::plan_import(&existing, &pending, choice, browser::new_id);
        let mut saved = 0;
        let mut errors = Vec::new();
        for incoming in &plan.to_save {
            match save_scenario(storage, notices, incoming) {
                Ok(()) => saved += 1,
                Err(error) => errors.push(error),
            }
        }
        set_pending.set(None);
        refresh();
        set_message.set(Some(scenario::import_message(
            &pending, &plan, saved, &errors,
        )));
    };

    let on_import = move |ev: leptos::ev::Event| {
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
        // A question about an earlier file's name clashes is dropped: its buttons would seem to
        // be about this file. The last message and problem list go too, so this file's message
        // is seen (and read out) even when it is the same words as the last one.
        set_pending.set(None);
        set_message.set(None);
        set_problems.set(Vec::new());
        leptos::task::spawn_local(async move {
            // A file's name as the page shows it: a control of direction in it is written
            // <U+202E>, so it cannot reverse the message around it.
            let name = show_bidi_controls(&file.name()).into_owned();
            let text = match browser::read_text_file(&file, "a Headroom scenario file (JSON)").await
            {
                Ok(text) => text,
                Err(error) => {
                    set_message.set(Some(error));
                    return;
                }
            };
            match scenario::parse(&text) {
                Err(found) => {
                    set_problems.set(found);
                    set_message.set(Some(format!(
                        "Nothing was imported: {name} has problems (listed below)."
                    )));
                }
                Ok(file) if file.scenarios.is_empty() => {
                    set_problems.set(Vec::new());
                    set_message.set(Some(format!(
                        "Nothing was imported: {name} is a scenario file with no scenarios in it."
                    )));
                }
                Ok(mut file) => {
                    set_problems.set(Vec::new());
                    // The file's capacity series are kept first, under their own keys.
                    let not_kept = series_store::keep_attached(storage, notices, &mut file);
                    if !not_kept.is_empty() {
                        set_problems.set(
                            not_kept
                                .into_iter()
                                .map(|message| Problem {
                                    at: "series".into(),
                                    message,
                                })
                                .collect(),
                        );
                    }
                    let pending = Incoming::new(&scenarios.get_untracked(), name, file.scenarios);
                    if pending.clashes.is_empty() {
                        apply_import(pending, ClashChoice::KeepBoth);
                    } else {
                        set_pending.set(Some(pending));
                    }
                }
            }
        });
    };

    let lines = RefCell::new(summary::LineCache::default());
    let rows = move || {
        series_read.track();
        let now = now();
        let lookup = series_store::lookup(storage);
        let listed = scenarios.get();
        let mut lines = lines.borrow_mut();
        let summaries: Vec<String> = listed
            .iter()
            .map(|scenario| lines.line(&scenario.inputs, now, &lookup))
            .collect();
        lines.end_drawing();
        fit_wanted();
        listed
            .into_iter()
            .zip(summaries)
            .map(|(scenario, summary)| {
                let is_current = current.with(|c| c.as_ref().is_some_and(|c| c.id == scenario.id));
                let is_renamed = renaming.with(|r| r.as_deref() == Some(scenario.id.as_str()));
                let (s1, s2, s3, s4, s5, s6) = (
                    scenario.clone(),
                    scenario.clone(),
                    scenario.clone(),
                    scenario.clone(),
                    scenario.clone(),
                    scenario.clone(),
                );
                // Each button's name says which scenario it acts on ("Delete “Q3 plan”").
                let label = |action: &str| format!("{action} {}", quoted(&scenario.name));
                let actions = if is_renamed {
                    let (id, cancel_id) = (scenario.id.clone(), scenario.id.clone());
                    let escape_id = scenario.id.clone();
                    Either::Left(view! {
                        <form class="rename-form" on:submit=move |ev| {
                            ev.prevent_default();
                            rename(id.clone());
                        }>
                            <div class="field">
                                <label for=RENAME_FIELD>{format!("New name for {}", quoted(&scenario.name))}</label>
                                <input
                                    id=RENAME_FIELD
                                    type="text"
                                    autocomplete="off"
                                    aria-describedby="scenario-rename-error"
                                    aria-invalid=move || rename_error.get().is_some().to_string()
                                    prop:value=move || rename_text.get()
                                    on:input=move |ev| set_rename_text.set(event_target_value(&ev))
                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                        if ev.key() == "Escape" {
                                            ev.prevent_default();
                                            end_rename(&escape_id);
                                        }
                                    }
                                />
                                <p id="scenario-rename-error" class="field-error" aria-live="polite">
                                    {move || rename_error.get()}
                                </p>
                            </div>
                            <div class="actions">
                                <button type="submit" id="scenario-rename-save">"Save name"</button>
                                <button type="button" id="scenario-rename-cancel"
                                    on:click=move |_| end_rename(&cancel_id)>"Cancel"</button>
                            </div>
                        </form>
                    })
                } else {
                    Either::Right(view! {
                        <div class="actions">
                            <button type="button" id=format!("scenario-open-{}", scenario.id)
                                aria-label=label("Open") disabled=in_link_mode
                                on:click=move |_| open(s1.clone())>"Open"</button>
                            <button type="button" id=rename_button_id(&scenario.id)
                                aria-label=label("Rename")
                                on:click=move |_| start_rename(s2.clone())>"Rename"</button>
                            <button type="button" aria-label=label("Duplicate")
                                on:click=move |_| duplicate(s3.clone())>"Duplicate"</button>
                            <button type="button" aria-label=label("Delete")
                                on:click=move |_| delete(s4.clone())>"Delete"</button>
                            <button type="button" aria-label=label("Export") on:click=move |_| {
                                let file = file_name(&s5.name);
                                export(vec![s5.clone()], file)
                            }>"Export"</button>
                            <button type="button" aria-label=label("Copy link")
                                on:click=move |_| share(s6.inputs.clone(), s6.name.clone())>"Copy link"</button>
                        </div>
                    })
                };
                view! {
                    <li class="scenario" class:current=is_current>
                        // Shown as the pickers show it: a control of direction in the name is
                        // written <U+202E>, not obeyed; the name is kept as typed.
                        <p class="scenario-name">{show_bidi_controls(&scenario.name).into_owned()}</p>
                        <p class="scenario-summary">{summary}</p>
                        <p class="scenario-time">{format!("Changed {}", format_time(scenario.updated_ms))}</p>
                        {actions}
                    </li>
                }
            })
            .collect_view()
    };

    // The options of one picker: the list drawn again (a scenario saved, renamed, deleted) keeps
    // the pick, as each option says whether it is the one picked.
    let options = move |picked: Signal<String>| {
        move || {
            scenarios
                .get()
                .into_iter()
                .map(|s| {
                    // An option cannot isolate its text: a control of direction is shown, not obeyed.
                    let name = show_bidi_controls(&s.name).into_owned();
                    let id = s.id.clone();
                    let selected = move || picked.with(|picked| *picked == id);
                    view! { <option value=s.id.clone() selected=selected>{name}</option> }
                })
                .collect_view()
        }
    };
    // The two scenarios picked and their key results side by side, worked out once for the
    // table and its Markdown.
    let compared = Memo::new(move |_| {
        series_read.track();
        let list = scenarios.get();
        let find = |id: String| list.iter().find(|s| s.id == id);
        let (a, b) = (find(compare_a.get())?, find(compare_b.get())?);
        let rows =
            summary::comparison_with(&a.inputs, &b.inputs, now(), &series_store::lookup(storage));
        fit_wanted();
        Some((a.name.clone(), b.name.clone(), rows))
    });
    let comparison_markdown = Signal::derive(move || {
        compared.with(|c| {
            c.as_ref()
                .map(|(a, b, rows)| markdown::comparison_markdown(a, b, rows, &today().to_string()))
        })
    });
    let comparison = move || {
        let Some((a_name, b_name, body)) = compared.get() else {
            return Either::Left(
                view! { <p class="empty">"Pick two scenarios to compare them."</p> },
            );
        };
        // Each value's column heading is also its label where the rows are cards (a phone).
        let (a_shown, b_shown) = (
            show_bidi_controls(&a_name).into_owned(),
            show_bidi_controls(&b_name).into_owned(),
        );
        let body = body
            .into_iter()
            .map(|row| {
                view! {
                    <tr>
                        <th scope="row">{row.label}</th>
                        <td data-label=a_shown.clone()>{row.first}</td>
                        <td data-label=b_shown.clone()>{row.second}</td>
                        <td data-label=DIFFERENCE_LABEL>{row.difference}</td>
                    </tr>
                }
            })
            .collect_view();
        Either::Right(view! {
            <div class="table-scroll stack-wrap">
                <table id="comparison" class="stack">
                    <thead>
                        <tr>
                            <th scope="col">"Key result"</th>
                            <th scope="col">{a_shown}</th>
                            <th scope="col">{b_shown}</th>
                            <th scope="col">{DIFFERENCE_HEADING}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <p class="convention">{summary::DIFFERENCE_RULE}</p>
        })
    };

    view! {
        <section class="panel" aria-labelledby="workspace-title">
            <h2 id="workspace-title">"Current work"</h2>
            <p id="workspace-status">
                {move || match (from_link.get(), current.get(), unsaved.get()) {
                    (Some(link), _, _) => {
                        share_link::preview_status(&link.name, link_copy.get().as_deref())
                    }
                    (None, Some(s), true) => {
                        format!("Opened from {}, with unsaved changes.", quoted(&s.name))
                    }
                    (None, Some(s), false) => {
                        format!("Same as the saved scenario {}.", quoted(&s.name))
                    }
                    (None, None, _) => "Not saved as a scenario yet. Your inputs are kept in this browser as you type.".to_string(),
                }}
            </p>
            // A form, so Enter in the name saves as the button does (and, as the button is
            // disabled for a link's preview, does nothing there).
            <form id="save-as-form" on:submit=move |ev| {
                ev.prevent_default();
                save_as();
            }>
                <div class="fields">
                    <div class="field">
                        <label for="scenario-name">"Save as (name)"</label>
                        <input
                            id="scenario-name"
                            type="text"
                            autocomplete="off"
                            aria-describedby="scenario-name-error"
                            aria-invalid=move || name_error.get().is_some().to_string()
                            prop:value=move || new_name.get()
                            on:input=move |ev| set_new_name.set(event_target_value(&ev))
                        />
                        <p id="scenario-name-error" class="field-error" aria-live="polite">{move || name_error.get()}</p>
                    </div>
                </div>
                <div class="actions">
                    <button type="submit" id="save-as" disabled=in_link_mode>"Save as new scenario"</button>
                    <button
                        type="button"
                        id="save-current"
                        disabled=move || in_link_mode() || current.get().is_none() || !unsaved.get()
                        on:click=save_current
                    >
                        "Save changes to the open scenario"
                    </button>
                    <button type="button" id="share-current" on:click=move |_| {
                        let name = current.get_untracked().map_or_else(|| "Shared scenario".to_string(), |s| s.name);
                        share(workspace.snapshot(), name)
                    }>"Copy link to current work"</button>
                </div>
            </form>
            <p id="scenario-message" role="status" aria-live="polite">{move || message.get()}</p>
            {move || deleted.get().map(|s| view! {
                <p id="undo-delete">
                    {format!("{} was deleted. ", quoted(&s.name))}
                    <button type="button" id="undo-delete-button" on:click=undo_delete>"Undo"</button>
                </p>
            })}
            {move || link.get().map(|address| view! {
                <div class="field">
                    <label for="share-link">"Share link"</label>
                    <input id="share-link" type="text" readonly prop:value=address />
                </div>
            })}
        </section>

        <section class="panel" aria-labelledby="saved-title">
            <h2 id="saved-title">"Saved scenarios"</h2>
            <ul id="scenario-list" class="scenario-list">{rows}</ul>
            <p class="empty" hidden=move || !scenarios.with(Vec::is_empty)>"No saved scenarios yet."</p>
            <div class="actions">
                <button type="button" id="export-all" on:click=move |_| export(scenarios.get_untracked(), "headroom-scenarios.json".into())>
                    "Export all as a file"
                </button>
                <label class="file-button" for="import-file">"Import a file"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_import />
            </div>
            {move || (!problems.get().is_empty()).then(|| view! {
                <ul id="import-problems" class="problems">
                    {problems.get().into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
                </ul>
            })}
            {move || pending.get().map(|p| {
                let (p1, p2, p3) = (p.clone(), p.clone(), p.clone());
                view! {
                    <div id="import-clashes" class="clashes" role="alertdialog" aria-label="Name clashes">
                        <p>{format!(
                            "{} has scenarios whose names are taken: {}.",
                            show_bidi_controls(&p.file_name),
                            p.clashes.iter().map(|name| quoted(name)).collect::<Vec<_>>().join(", ")
                        )}</p>
                        <button type="button" id="clash-replace" on:click=move |_| apply_import(p1.clone(), ClashChoice::Replace)>"Replace mine"</button>
                        <button type="button" id="clash-keep" on:click=move |_| apply_import(p2.clone(), ClashChoice::KeepBoth)>"Keep both"</button>
                        <button type="button" id="clash-skip" on:click=move |_| apply_import(p3.clone(), ClashChoice::Skip)>"Skip those"</button>
                        <button
                            type="button"
                            id="clash-cancel"
                            on:click=move |_| {
                                set_pending.set(None);
                                set_message.set(Some("Import cancelled: your scenarios are unchanged.".into()));
                            }
                        >
                            "Cancel"
                        </button>
                    </div>
                }
            })}
        </section>

        <section class="panel" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare"</h2>
            <div class="fields">
                <div class="field">
                    <label for="compare-a">"First"</label>
                    <select id="compare-a" on:change=move |ev| compared_ids.update(|(a, _)| *a = event_target_value(&ev))>
                        <option value="">"(pick a scenario)"</option>
                        {options(compare_a)}
                    </select>
                </div>
                <div class="field">
                    <label for="compare-b">"Second"</label>
                    <select id="compare-b" on:change=move |ev| compared_ids.update(|(_, b)| *b = event_target_value(&ev))>
                        <option value="">"(pick a scenario)"</option>
                        {options(compare_b)}
                    </select>
                </div>
            </div>
            <CopySummary id="scenarios" markdown=comparison_markdown />
            {comparison}
        </section>
    }
}
