//! Leptos components: the shell (header, tabs, notices) and one module per tab.
//!
//! Components only wire signals to `calc`, `chart` and `storage`; they hold no maths.

mod budget;
mod not_built;

use leptos::prelude::*;

use crate::route::Tab;
use crate::storage::local::LocalStorage;
use crate::storage::Storage;
pub use budget::{BudgetState, BudgetTab};
pub use not_built::NotBuilt;

/// Messages about storage that the page shows under the tab bar.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Vec<String>>);

impl Notices {
    /// No messages yet.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Notices {
        Notices(RwSignal::new(Vec::new()))
    }

    /// Shows `message` once, however often it is reported.
    pub fn push(self, message: String) {
        self.0.update(|all| {
            if !all.contains(&message) {
                all.push(message);
            }
        });
    }

    /// Removes `message` if it is shown.
    pub fn remove(self, message: &str) {
        self.0.update(|all| all.retain(|m| m != message));
    }
}

/// The whole page: header, tab bar, storage notices and the selected tab.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices::new();
    let storage = StoredValue::new_local(open_storage(notices));
    let budget = BudgetState::load(storage, notices);

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
                notices.0.get().into_iter().map(|n| view! { <p class="notice">{n}</p> }).collect_view()
            }}
            <Show when=move || unknown_link.get()>
                <p class="notice">"This link names no tab of Headroom, so the Budget tab is shown."</p>
            </Show>
        </div>
        <main id="main" tabindex="-1">
            {move || match tab.get() {
                Tab::Budget => view! { <BudgetTab state=budget /> }.into_any(),
                other => view! { <NotBuilt tab=other /> }.into_any(),
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

/// Opens localStorage, or falls back to memory and says so.
fn open_storage(notices: Notices) -> Storage {
    match LocalStorage::open() {
        Ok(local) => Storage::persistent(Box::new(local)),
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
