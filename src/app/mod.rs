//! Leptos components: the shell (header, tabs, notices) and one module per tab.
//!
//! Components only wire signals to `calc`, `chart` and `storage`; they hold no maths.

mod alerts;
mod autosave;
mod browser;
mod budget;
mod capacity;
mod export;
mod incidents;
mod scenarios;
mod toil;
mod workspace;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::formats::scenario::Scenario;
use crate::formats::share_link;
use crate::route::Tab;
use crate::storage::local::LocalStorage as BrowserStorage;
use crate::storage::{Loaded, Notice, Storage};
pub use alerts::{AlertsState, AlertsTab};
pub use autosave::autosave;
pub use budget::{BudgetState, BudgetTab};
pub use capacity::{CapacityState, CapacityTab};
pub use incidents::{IncidentsState, IncidentsTab};
pub use scenarios::{ScenarioSession, ScenariosTab};
pub use toil::{ToilState, ToilTab};
pub use workspace::WorkspaceState;

/// The page's one `Storage`, shared by the components (not thread-safe, like the page).
pub type StorageHandle = StoredValue<Storage, LocalStorage>;

/// Messages about storage that the page shows under the tab bar.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Vec<Notice>>);

impl Notices {
    /// No messages yet.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Notices {
        Notices(RwSignal::new(Vec::new()))
    }

    /// Shows `message` once, however often it is reported.
    pub fn push(self, message: String) {
        self.report(Notice::new(message));
    }

    /// Shows a storage notice once; one that names unreadable data offers it as a download.
    pub fn report(self, notice: Notice) {
        self.0.update(|all| {
            if !all.iter().any(|n| n.message == notice.message) {
                all.push(notice);
            }
        });
    }

    /// Removes `message` if it is shown.
    pub fn remove(self, message: &str) {
        self.0.update(|all| all.retain(|n| n.message != message));
    }
}

/// The whole page: header, tab bar, storage notices and the selected tab.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices::new();
    let storage = StoredValue::new_local(open_storage(notices));
    let (workspace, from_link) = open_workspace(storage, notices);
    let session = ScenarioSession::load(storage, notices, from_link.is_none());
    let from_link = RwSignal::new(from_link);

    let initial = Tab::from_hash(&location_hash());
    let (tab, set_tab) = signal(initial.unwrap_or(Tab::Budget));
    let (unknown_link, set_unknown_link) = signal(initial.is_none());
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let read = Tab::from_hash(&location_hash());
        set_unknown_link.set(read.is_none());
        set_tab.set(read.unwrap_or(Tab::Budget));
    });

    view! {
        <a class="skip" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                main.scroll_into_view();
            }
        }>"Skip to content"</a>
        <header class="masthead">
            <h1>"Headroom"</h1>
            <p class="tagline">
                "Error budgets, burn-rate alerts, capacity and toil, planned in your browser. "
                "Nothing you enter leaves it."
            </p>
        </header>
        <nav class="tabs" aria-label="Tools">
            {Tab::ALL
                .into_iter()
                .map(|t| {
                    view! {
                        <a
                            class="tab"
                            id=format!("tab-{}", t.slug())
                            href=t.href()
                            aria-current=move || (tab.get() == t).then_some("page")
                        >
                            {t.title()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <div class="notices" role="status" aria-live="polite">
            {move || {
                notices
                    .0
                    .get()
                    .into_iter()
                    .map(|notice| view! { <NoticeLine notice storage /> })
                    .collect_view()
            }}
            <Show when=move || unknown_link.get()>
                <p class="notice">"This link names no tab of Headroom, so the Budget tab is shown."</p>
            </Show>
        </div>
        {move || from_link.get().map(|scenario| view! { <LinkBanner scenario storage notices workspace /> })}
        <main id="main" tabindex="-1">
            {move || match tab.get() {
                Tab::Budget => {
                    view! { <BudgetTab state=workspace.budget incidents=workspace.incidents /> }
                        .into_any()
                }
                Tab::Toil => view! { <ToilTab state=workspace.toil /> }.into_any(),
                Tab::Alerts => {
                    view! { <AlertsTab state=workspace.alerts budget=workspace.budget /> }.into_any()
                }
                Tab::Capacity => view! { <CapacityTab state=workspace.capacity /> }.into_any(),
                Tab::Incidents => {
                    view! { <IncidentsTab state=workspace.incidents budget=workspace.budget /> }
                        .into_any()
                }
                Tab::Scenarios => {
                    view! { <ScenariosTab storage workspace from_link=from_link.read_only() session /> }
                        .into_any()
                }
            }}
        </main>
        <footer class="footer">
            <p>
                "Headroom is a static page: it makes no network requests beyond its own files, "
                "and what you type is kept only in this browser's storage."
            </p>
        </footer>
    }
}

/// The workspace to show: the scenario of a share link in the URL (never saved until the person
/// asks), or the tabs' saved inputs.
fn open_workspace(storage: StorageHandle, notices: Notices) -> (WorkspaceState, Option<Scenario>) {
    let hash = location_hash();
    let Some(payload) = share_link::payload_in_fragment(&hash) else {
        return (WorkspaceState::load(storage, notices), None);
    };
    // The link has been read; the address shows a tab again, so links and back work as usual.
    let _ = window().history().and_then(|h| {
        h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&Tab::Budget.href()))
    });
    match share_link::decode(payload) {
        Ok(file) => match file.scenarios.first().cloned() {
            Some(scenario) => (
                WorkspaceState::transient(storage, &scenario.inputs, &file.series),
                Some(scenario),
            ),
            None => {
                notices.push("This share link holds no scenario; your own work is shown.".into());
                (WorkspaceState::load(storage, notices), None)
            }
        },
        Err(error) => {
            notices.push(format!(
                "This share link could not be opened: {error}. Your own work is shown instead."
            ));
            (WorkspaceState::load(storage, notices), None)
        }
    }
}

/// Keeps `signal` saved under `name` (debounced, see [`autosave`]) and follows changes other
/// windows make to it.
pub fn persist<T>(storage: StorageHandle, notices: Notices, name: &'static str, signal: RwSignal<T>)
where
    T: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
{
    autosave(storage, notices, name, move || signal.get());

    let key = Storage::key(name);
    let _listener = window_event_listener(leptos::ev::storage, move |event| {
        if event.key().as_deref() != Some(key.as_str()) {
            return;
        }
        if let Loaded::Found(value) = storage.with_value(|s| s.load::<T>(name)) {
            if signal.with_untracked(|current| *current != value) {
                signal.set(value);
            }
        }
    });
}

/// The banner of a scenario opened from a share link.
#[component]
fn LinkBanner(
    scenario: Scenario,
    storage: StorageHandle,
    notices: Notices,
    workspace: WorkspaceState,
) -> impl IntoView {
    let (saved_as, set_saved_as) = signal(None::<String>);
    let name = scenario.name.clone();
    let save_copy = move |_| {
        // The link's capacity series is kept first, so the saved copy can find it.
        if let Err(message) = workspace.capacity.keep_series() {
            notices.push(message);
        }
        match scenarios::save_copy(storage, &name, workspace.snapshot()) {
            Ok(saved) => set_saved_as.set(Some(saved)),
            Err(message) => notices.push(message),
        }
    };
    let series_left_out = scenario
        .inputs
        .capacity
        .series
        .clone()
        .filter(|_| workspace.capacity.series.with_untracked(Option::is_none));
    let leave = |_| {
        let location = window().location();
        let _ = location.set_hash(&Tab::Budget.href());
        let _ = location.reload();
    };
    view! {
        <div id="link-banner" class="link-banner" role="region" aria-label="Opened from a link">
            <p>
                <strong>"Opened from a link: "</strong>
                <span id="link-scenario-name">{scenario.name.clone()}</span>
                ". This is a preview: changes here are not saved, and your own saved work is untouched."
            </p>
            {series_left_out.map(|series| view! {
                <p id="link-series-left-out">
                    {format!(
                        "The capacity series “{}” ({} samples) was left out of this link: it is \
                         too large for a link. The capacity settings are included; import the \
                         series again, or ask for the scenario as a file.",
                        series.name,
                        crate::calc::decimal::format_count(series.samples)
                    )}
                </p>
            })}
            <button type="button" id="link-save-copy" on:click=save_copy>"Save a copy"</button>
            " "
            <button type="button" id="link-leave" on:click=leave>"Back to my own work"</button>
            {move || saved_as.get().map(|name| view! {
                <p id="link-saved" role="status">
                    {format!("Saved as “{name}”. Open it from the Scenarios tab after going back to your own work.")}
                </p>
            })}
        </div>
    }
}

/// One notice under the tab bar; unreadable saved data it names can be downloaded as it is.
#[component]
fn NoticeLine(notice: Notice, storage: StorageHandle) -> impl IntoView {
    let (failed, set_failed) = signal(None::<String>);
    let download = notice.raw_key.map(|key| {
        let save_raw = move |_| {
            let result = match storage.with_value(|s| s.raw_at_key(&key)) {
                Some(raw) => browser::download_text(&format!("{key}.txt"), "text/plain", &raw),
                None => Err("the data is no longer in this browser's storage".to_string()),
            };
            set_failed.set(result.err());
        };
        view! {
            " "
            <button type="button" class="notice-download" on:click=save_raw>
                "Download the unreadable data"
            </button>
            {move || failed.get().map(|why| view! { <span class="field-error">{format!(" Not downloaded: {why}.")}</span> })}
        }
    });
    view! { <p class="notice">{notice.message} {download}</p> }
}

/// Opens localStorage, or falls back to memory and says so.
fn open_storage(notices: Notices) -> Storage {
    match BrowserStorage::open() {
        Ok(local) => {
            if local.full_at_start() {
                notices.push(
                    "Browser storage is full. Your saved work is loaded, but changes may not be \
                     kept until space is freed: export what you need (Scenarios tab), then \
                     delete scenarios or imported series you no longer use."
                        .to_string(),
                );
            }
            Storage::persistent(Box::new(local))
        }
        Err(error) => {
            notices.push(format!(
                "Browser storage is unavailable ({error}). Headroom works, but nothing you enter \
                 will be kept once this page is closed."
            ));
            Storage::in_memory()
        }
    }
}

fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}
