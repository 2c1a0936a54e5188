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

use crate::calc::decimal::counted;
use crate::formats::scenario::{Scenario, ScenarioFile};
use crate::formats::share_link::{self, LinkError};
use crate::route::Tab;
use crate::storage::local::LocalStorage as BrowserStorage;
use crate::storage::session;
use crate::storage::{Loaded, Notice, Storage};
pub use alerts::{AlertsState, AlertsTab};
pub use autosave::autosave;
pub use budget::{BudgetState, BudgetTab};
pub use capacity::{CapacityState, CapacityTab};
pub use incidents::{IncidentsState, IncidentsTab};
use leptos::wasm_split::SplitLoaderError;
pub use scenarios::{ScenarioSession, ScenariosTab};
pub use toil::{ToilState, ToilTab};
pub use workspace::{IncidentLog, Later, WorkspaceState};

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

/// Defines `$name`, an async function whose body, with the `split` feature, is a wasm chunk
/// fetched on the first call: a fetch that fails (offline before the service worker kept the
/// chunk, or a newer deployment replaced it) is an `Err`, and the next call tries again. Without
/// the feature the body runs at once.
macro_rules! lazy_fn {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> Result<$ret, SplitLoaderError> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<$ret, SplitLoaderError> {
            Ok($body)
        }
    };
}

/// A [`lazy_fn!`] that gives a tab's view.
macro_rules! lazy_view {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        lazy_fn! {
            $(#[$doc])*
            fn $name($($arg: $ty),*) -> AnyView {
                untrack(|| $body)
            }
        }
    };
}

/// The whole page. With a share link in the address, the link is decoded first (with the
/// `split` feature its code is a wasm chunk fetched only then), and the page shows its scenario.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices::new();
    let storage = StoredValue::new_local(open_storage(notices));
    // A page shown again from the back-forward cache got no storage events while it was kept
    // there. Each change another window made meanwhile is given to the listeners as the event
    // it missed, and so merged as any other; this window's next save wrote over it.
    let _restored = window_event_listener(leptos::ev::pageshow, move |event| {
        if event.persisted() {
            for change in storage.with_value(Storage::missed_changes) {
                browser::replay_storage_event(&change);
            }
        }
    });
    let hash = location_hash();
    // A link in the address, or the one this browser tab was previewing before a reload (its
    // address shows a tab, see below): the page stays the preview until "Back to my own work".
    let (payload, reopened) = match share_link::payload_in_fragment(&hash) {
        Some(payload) => {
            // The link has been read; the address shows a tab again, so links and back work as
            // usual.
            let _ = window().history().and_then(|h| {
                let budget = Some(Tab::Budget.href());
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", budget.as_deref())
            });
            (payload, false)
        }
        None => match session::previewed_link() {
            Some(payload) => (payload, true),
            None => {
                let workspace = WorkspaceState::load(storage, notices);
                return view! { <Workbench storage notices workspace from_link=None reopened=false /> }
                    .into_any();
            }
        },
    };
    view! {
        <Suspense fallback=|| {
            view! { <p class="loading" role="status">"Opening the shared scenario…"</p> }
        }>
            {move || {
                let payload = payload.clone();
                Suspend::new(async move {
                    let opened = open_link(payload.clone(), storage, notices, reopened).await;
                    // A link that opens is shown again after a reload; one refused is not. Code
                    // that did not arrive (offline) says nothing of the link.
                    match &opened {
                        Ok((_, Some(_))) => session::remember_previewed_link(&payload),
                        Ok((_, None)) => session::forget_previewed_link(),
                        Err(_) => {}
                    }
                    untrack(|| {
                        let (workspace, from_link) = opened.unwrap_or_else(|_| {
                            notices.push(format!(
                                "{} could not be opened: the page's code for links did not \
                                 arrive (it may be offline). Your own work is shown instead.",
                                link_named(reopened)
                            ));
                            (WorkspaceState::load(storage, notices), None)
                        });
                        view! { <Workbench storage notices workspace from_link reopened /> }
                    })
                })
            }}
        </Suspense>
    }
    .into_any()
}

lazy_fn! {
    /// Decodes a share link's payload (base64url, inflate, the checked scenario-file parser)
    /// and makes the workspace it shows (see [`workspace_for_link`]); a chunk fetched only when
    /// a link is opened.
    fn open_link(
        payload: String,
        storage: StorageHandle,
        notices: Notices,
        reopened: bool,
    ) -> (WorkspaceState, Option<Scenario>) {
        workspace_for_link(share_link::decode(&payload), storage, notices, link_named(reopened))
    }
}

/// How messages name the link being opened: with `reopened`, the address holds no link, and it
/// is the one this browser tab was previewing before a reload.
fn link_named(reopened: bool) -> &'static str {
    if reopened {
        "The share link this browser tab was previewing"
    } else {
        "This share link"
    }
}

/// Header, tab bar, storage notices and the selected tab over `workspace`; `from_link` is the
/// scenario of a share link, shown as a preview (`reopened`: again, after a reload).
#[component]
fn Workbench(
    storage: StorageHandle,
    notices: Notices,
    workspace: WorkspaceState,
    from_link: Option<Scenario>,
    reopened: bool,
) -> impl IntoView {
    // The saved scenarios are listed when the Scenarios tab first opens (its chunk loads them).
    let session = Later::<ScenarioSession>::new();
    let persistent = from_link.is_none();
    let from_link = RwSignal::new(from_link);
    // The name the link's scenario was last saved under, once "Save a copy" has saved it.
    let link_copy = RwSignal::new(reopened.then(session::saved_copy_name).flatten());

    let initial = Tab::from_hash(&location_hash());
    let (tab, set_tab) = signal(initial.unwrap_or(Tab::Budget));
    let (unknown_link, set_unknown_link) = signal(initial.is_none());
    export::provide_chart_fit();
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = location_hash();
        if share_link::payload_in_fragment(&hash).is_some() {
            // A share link followed from this page (pasted into the address bar, or clicked):
            // links are read when the page starts, so it starts again (pending inputs are saved
            // as the page goes).
            let _ = window().location().reload();
            return;
        }
        let read = Tab::from_hash(&hash);
        set_unknown_link.set(read.is_none());
        set_tab.set(read.unwrap_or(Tab::Budget));
    });

    view! {
        <a class="skip" href="#main" on:click=|ev| {
            ev.prevent_default();
            // The content takes the focus (it has tabindex -1), so the next Tab goes on from
            // there, not from the tab bar.
            if let Some(main) = document()
                .get_element_by_id("main")
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                main.scroll_into_view();
                let _ = main.focus();
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
        {move || {
            from_link.get().map(|scenario| {
                view! { <LinkBanner scenario storage notices workspace link_copy reopened /> }
            })
        }}
        <main id="main" tabindex="-1">
            // Every tab but Budget (the first screen) is loaded lazily: with the `split` feature
            // its code is a wasm chunk fetched the first time the tab is shown.
            {move || match tab.get() {
                Tab::Budget => {
                    view! { <BudgetTab state=workspace.budget workspace /> }
                        .into_any()
                }
                Tab::Toil => lazy_tab(move || toil_tab(workspace)),
                Tab::Alerts => lazy_tab(move || alerts_tab(workspace)),
                Tab::Capacity => lazy_tab(move || capacity_tab(workspace)),
                Tab::Incidents => {
                    lazy_tab(move || incidents_tab(workspace))
                }
                Tab::Scenarios => {
                    let (from_link, link_copy) = (from_link.read_only(), link_copy.read_only());
                    lazy_tab(move || {
                        scenarios_tab(
                            storage, notices, workspace, from_link, link_copy, session,
                            persistent,
                        )
                    })
                }
            }}
        </main>
        <footer class="footer">
            <p>
                "Headroom is a static page: it makes no network requests beyond its own files. "
                {if storage.with_value(Storage::is_persistent) {
                    "What you type is kept only in this browser's storage."
                } else {
                    "This browser's storage is not available to it, so what you type is not kept."
                }}
            </p>
        </footer>
    }
}

/// A lazily loaded tab: "Loading…" (announced politely) until `load` gives its view, or a
/// message with a button to try again when its code could not be fetched.
fn lazy_tab<F>(load: impl Fn() -> F + Send + Sync + 'static) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    let attempt = RwSignal::new(0_u32);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
            {move || {
                attempt.track();
                let loading = load();
                Suspend::new(async move {
                    match loading.await {
                        Ok(view) => view,
                        Err(_) => untrack(|| {
                            view! {
                                <div class="load-failed" role="alert">
                                    <p>
                                        "This tab could not be loaded: its code did not arrive \
                                         (the page may be offline, or a newer version of \
                                         Headroom has replaced this one). Your inputs are kept."
                                    </p>
                                    <button
                                        type="button"
                                        class="load-retry"
                                        on:click=move |_| attempt.update(|n| *n += 1)
                                    >
                                        "Try again"
                                    </button>
                                </div>
                            }
                            .into_any()
                        }),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

lazy_view! {
    /// The Toil tab's view (its state is loaded the first time).
    fn toil_tab(workspace: WorkspaceState) {
        let state = workspace.toil();
        view! { <ToilTab state /> }.into_any()
    }
}

lazy_view! {
    /// The Alerts tab's view (its state is loaded the first time).
    fn alerts_tab(workspace: WorkspaceState) {
        let (state, budget) = (workspace.alerts(), workspace.budget);
        view! { <AlertsTab state budget /> }.into_any()
    }
}

lazy_view! {
    /// The Capacity tab's view (its state, and then its stored series, are loaded the first
    /// time).
    fn capacity_tab(workspace: WorkspaceState) {
        let state = workspace.capacity();
        view! { <CapacityTab state /> }.into_any()
    }
}

lazy_view! {
    /// The Incidents tab's view (the log is loaded the first time, unless the Budget tab has).
    fn incidents_tab(workspace: WorkspaceState) {
        let (state, budget) = (workspace.incidents(), workspace.budget);
        view! { <IncidentsTab state budget /> }.into_any()
    }
}

lazy_view! {
    /// The Scenarios tab's view. The saved scenarios are listed the first time (`persistent`
    /// is false for a scenario opened from a link: its session is not written to storage;
    /// `link_copy` is the name its copy was last saved under).
    fn scenarios_tab(
        storage: StorageHandle,
        notices: Notices,
        workspace: WorkspaceState,
        from_link: ReadSignal<Option<Scenario>>,
        link_copy: ReadSignal<Option<String>>,
        session: Later<ScenarioSession>,
        persistent: bool,
    ) {
        let session = session.get_or_make(|| ScenarioSession::load(storage, notices, persistent));
        // Scenarios compare and save every tab's inputs.
        workspace.load_all();
        view! { <ScenariosTab storage workspace from_link link_copy session /> }.into_any()
    }
}

/// Reads the incident log for the Budget tab's "add the logged incidents", with its code
/// fetched as a wasm chunk (the `split` feature); `workspace.incident_log` says how it went.
pub fn read_incident_log(workspace: WorkspaceState) {
    workspace.incident_log.set(IncidentLog::Loading);
    leptos::task::spawn_local(async move {
        // The Incidents tab may have loaded the log meanwhile.
        let failed = load_incident_log(workspace).await.is_err();
        if failed && !workspace.incident_log.get_untracked().is_ready() {
            workspace.incident_log.set(IncidentLog::Failed);
        }
    });
}

lazy_fn! {
    /// Loads the incident log (see [`read_incident_log`]).
    fn load_incident_log(workspace: WorkspaceState) -> () {
        workspace.incidents();
    }
}

/// The workspace for a decoded share link: its scenario (shown, never saved until the person
/// asks), or the saved inputs with a notice when the link cannot be used.
fn workspace_for_link(
    decoded: Result<ScenarioFile, LinkError>,
    storage: StorageHandle,
    notices: Notices,
    link: &str,
) -> (WorkspaceState, Option<Scenario>) {
    match decoded {
        Ok(file) => match file.scenarios.first().cloned() {
            Some(scenario) => {
                // Headroom's own links hold one scenario; a link made otherwise may hold more.
                if file.scenarios.len() > 1 {
                    notices.push(format!(
                        "{link} holds {} scenarios; the first, {}, is shown. Export \
                         the others to a file to bring them all in.",
                        file.scenarios.len(),
                        crate::formats::quoted(&scenario.name)
                    ));
                }
                (
                    WorkspaceState::transient(storage, notices, &scenario.inputs, &file.series),
                    Some(scenario),
                )
            }
            None => {
                notices.push(format!("{link} holds no scenario; your own work is shown."));
                (WorkspaceState::load(storage, notices), None)
            }
        },
        Err(error) => {
            notices.push(format!(
                "{link} could not be opened: {error}. Your own work is shown instead."
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
    persist_keeping(storage, notices, name, signal, |_, _| {});
}

/// [`persist`], with `keep_here` applied to each change from another window: it puts back
/// into the changed value what is this window's own choice (such as which item it shows).
pub fn persist_keeping<T>(
    storage: StorageHandle,
    notices: Notices,
    name: &'static str,
    signal: RwSignal<T>,
    keep_here: impl Fn(&T, &mut T) + 'static,
) where
    T: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
{
    autosave(storage, notices, name, move || signal.get());

    let key = Storage::key(name);
    let _listener = window_event_listener(leptos::ev::storage, move |event| {
        if event.key().as_deref() != Some(key.as_str()) {
            return;
        }
        let mine = signal.get_untracked();
        if let Some(mut value) = changed_elsewhere(storage, notices, name, &event, &mine) {
            keep_here(&mine, &mut value);
            if mine != value {
                browser::keeping_focus(|| signal.set(value));
            }
        }
    });
}

/// What another window's write of `name` (the storage `event`) makes of `mine`, this window's
/// value ([`Storage::load_changed`]): `Some` when that differs from `mine`. A value the other
/// window wrote that cannot be read (it is backed up by now) is reported here too.
fn changed_elsewhere<T>(
    storage: StorageHandle,
    notices: Notices,
    name: &str,
    event: &web_sys::StorageEvent,
    mine: &T,
) -> Option<T>
where
    T: Serialize + DeserializeOwned + PartialEq,
{
    let (old, new) = (event.old_value(), event.new_value());
    match storage.with_value(|s| s.load_changed(name, old.as_deref(), new.as_deref(), mine)) {
        Loaded::Found(value) => (value != *mine).then_some(value),
        Loaded::Unreadable(notice) => {
            notices.report(notice);
            None
        }
        Loaded::Missing => None,
    }
}

lazy_fn! {
    /// Saves the workspace of a share link as a new scenario named after `name`, keeping the
    /// link's capacity series first so the copy can find it (a chunk fetched on the first save).
    /// Gives what went wrong keeping the series, if anything, and the name saved under or why
    /// nothing was saved.
    fn save_link_copy(storage: StorageHandle, name: String, workspace: WorkspaceState) -> LinkCopy {
        copy_of_link(storage, &name, workspace)
    }
}

/// What saving a link's scenario did: a message if its series could not be kept, and the name
/// the copy was saved under (or why it was not saved).
type LinkCopy = (Option<String>, Result<String, String>);

fn copy_of_link(storage: StorageHandle, name: &str, workspace: WorkspaceState) -> LinkCopy {
    let series_problem = workspace.capacity().keep_series().err();
    let notices = workspace.notices();
    let saved = scenarios::save_copy(storage, notices, name, untrack(|| workspace.snapshot()));
    (series_problem, saved)
}

/// The banner of a scenario opened from a share link; `link_copy` is the name its last copy
/// was saved under.
#[component]
fn LinkBanner(
    scenario: Scenario,
    storage: StorageHandle,
    notices: Notices,
    workspace: WorkspaceState,
    link_copy: RwSignal<Option<String>>,
    reopened: bool,
) -> impl IntoView {
    let name = scenario.name.clone();
    let save_copy = move |_| {
        let name = name.clone();
        leptos::task::spawn_local(async move {
            match save_link_copy(storage, name, workspace).await {
                Ok((series_problem, saved)) => {
                    if let Some(message) = series_problem {
                        notices.push(message);
                    }
                    match saved {
                        Ok(saved) => {
                            session::remember_copy_name(&saved);
                            link_copy.set(Some(saved));
                        }
                        Err(message) => notices.push(message),
                    }
                }
                Err(_) => notices.push(
                    "Not saved: the page's code for saving did not arrive (it may be offline). \
                     Try again once it is back online."
                        .to_string(),
                ),
            }
        });
    };
    // A link's workspace holds its capacity state from the start.
    let series_left_out = scenario.inputs.capacity.series.clone().filter(|_| {
        workspace
            .capacity_if_loaded()
            .is_none_or(|capacity| capacity.series.with_untracked(Option::is_none))
    });
    let leave = |_| {
        session::forget_previewed_link();
        let location = window().location();
        let _ = location.set_hash(&Tab::Budget.href());
        let _ = location.reload();
    };
    view! {
        <div id="link-banner" class="link-banner" role="region" aria-label="Opened from a link">
            <p>
                <strong>"Opened from a link: "</strong>
                <span id="link-scenario-name">{crate::formats::show_bidi_controls(&scenario.name).into_owned()}</span>
                ". This is a preview: changes here are not saved, and your own saved work is untouched."
            </p>
            {reopened.then(|| view! {
                <p id="link-reopened">
                    "Shown again from its link after the page was reloaded: changes made in the \
                     preview before the reload are not kept."
                </p>
            })}
            {series_left_out.map(|series| view! {
                <p id="link-series-left-out">
                    {format!(
                        "The capacity series “{}” ({}) was left out of this link: it is \
                         too large for a link. The capacity settings are included; import the \
                         series again, or ask for the scenario as a file.",
                        series.name,
                        counted(series.samples, "sample", "samples")
                    )}
                </p>
            })}
            <button type="button" id="link-save-copy" on:click=save_copy>"Save a copy"</button>
            " "
            <button type="button" id="link-leave" on:click=leave>"Back to my own work"</button>
            {move || link_copy.get().map(|name| view! {
                <p id="link-saved" role="status">{share_link::copy_saved_note(&name)}</p>
            })}
        </div>
    }
}

/// One notice (under the tab bar, or a tab's own); unreadable saved data it names can be
/// downloaded as it is.
#[component]
pub fn NoticeLine(notice: Notice, storage: StorageHandle) -> impl IntoView {
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
