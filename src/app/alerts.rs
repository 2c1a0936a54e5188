//! The Alerts tab: multi-window, multi-burn-rate alerts planned against the SLO, what fires when,
//! and the Prometheus rules and OpenSLO document to take away. All maths is in `calc::alerts`,
//! all file formats in `formats::prometheus_rules` and `formats::openslo`.

use leptos::prelude::*;

use super::{Notices, StorageHandle};
use crate::inputs::AlertsInputs;
use crate::storage::Loaded;

const STORAGE_NAME: &str = "alerts";

/// The Alerts tab's inputs as one signal, loaded from storage and saved on every change.
#[derive(Clone, Copy)]
pub struct AlertsState {
    pub inputs: RwSignal<AlertsInputs>,
}

impl AlertsState {
    /// Restores the saved inputs (or defaults, with a notice when the saved ones are unreadable),
    /// keeps saving them, and follows changes made in another window of this browser.
    pub fn load(storage: StorageHandle, notices: Notices) -> AlertsState {
        let saved = match storage.with_value(|s| s.load::<AlertsInputs>(STORAGE_NAME)) {
            Loaded::Found(inputs) => inputs,
            Loaded::Missing => AlertsInputs::default(),
            Loaded::Unreadable(notice) => {
                notices.push(notice.message);
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
        }
    }
}

/// The Alerts tab.
#[component]
pub fn AlertsTab(state: AlertsState, budget: super::BudgetState) -> impl IntoView {
    let _ = (state, budget);
    view! { <p>"Alerts"</p> }
}
