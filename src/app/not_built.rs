//! The placeholder for a tab that is planned but not built yet: it says so plainly.

use leptos::prelude::*;

use crate::route::Tab;

/// What a tab that is not built yet will do.
fn planned(tab: Tab) -> &'static str {
    match tab {
        Tab::Budget | Tab::Alerts | Tab::Capacity | Tab::Scenarios | Tab::Toil | Tab::Incidents => {
            "This tab is built."
        }
    }
}

/// A tab that exists in the tab bar but has no tool behind it yet.
#[component]
pub fn NotBuilt(tab: Tab) -> impl IntoView {
    view! {
        <section class="panel not-built" aria-labelledby="not-built-title">
            <h2 id="not-built-title">{tab.title()}</h2>
            <p class="not-built-status">"This tab is not built yet."</p>
            <p>{planned(tab)}</p>
        </section>
    }
}
