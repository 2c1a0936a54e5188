//! Every tab's state together: what a scenario snapshots and what opening one replaces.
//!
//! The page starts with the state the first screen needs: the Budget tab's. Every other tab's
//! state is loaded from storage the first time something asks for it (its tab, the Scenarios
//! tab, a share link, the Budget tab's "add the logged incidents"), so that its code is in a
//! wasm chunk, not in the first load, and a stored capacity series or a long incident log is
//! read only when it is wanted. A tab whose state is not loaded has nothing to save: its stored
//! inputs stay as they are.

use leptos::prelude::*;

use super::{
    AlertsState, BudgetState, CapacityState, IncidentsState, Notices, StorageHandle, ToilState,
};
use crate::calc::budget_sheet::{BudgetSheet, Now};
use crate::calc::incident::{self, WindowIncidents};
use crate::formats::series_codec::SeriesText;
use crate::inputs::{BudgetInputs, IncidentsInputs, Workspace};

/// A value made the first time it is asked for. It is made under the reactive owner that was
/// current when the slot was, so its signals and effects live as long as the page's workspace,
/// not as long as the tab that happened to ask first.
pub struct Later<T: 'static> {
    value: StoredValue<Option<T>, LocalStorage>,
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

impl<T: 'static> Clone for Later<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Later<T> {}

impl<T: Copy + 'static> Later<T> {
    /// An empty slot, made later under the current owner.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Later<T> {
        Later {
            value: StoredValue::new_local(None),
            owner: StoredValue::new_local(Owner::current()),
        }
    }

    /// A slot holding `value` already.
    pub fn filled(value: T) -> Later<T> {
        let slot = Later::new();
        slot.value.set_value(Some(value));
        slot
    }

    /// The value, if it has been made.
    pub fn get(&self) -> Option<T> {
        self.value.get_value()
    }

    /// The value, made by `make` now if it has not been yet.
    pub fn get_or_make(&self, make: impl FnOnce() -> T) -> T {
        if let Some(value) = self.get() {
            return value;
        }
        let value = match self.owner.get_value() {
            Some(owner) => owner.with(|| untrack(make)),
            None => untrack(make),
        };
        self.value.set_value(Some(value));
        value
    }
}

/// Reads the Budget tab with a log's incidents added (`calc::incident::budget_with_incidents`),
/// handed over by the code that loads the log, so that code stays out of the first load.
pub type AddIncidents =
    fn(&BudgetInputs, &IncidentsInputs, Now) -> (BudgetSheet, Option<WindowIncidents>);

/// The incident log as the Budget tab sees it.
#[derive(Clone, Copy)]
pub enum IncidentLog {
    /// Nothing has asked for it yet.
    NotLoaded,
    /// Its code is on its way.
    Loading,
    /// Its code did not arrive (offline, or replaced by a newer deployment).
    Failed,
    Ready {
        state: IncidentsState,
        add: AddIncidents,
    },
}

impl IncidentLog {
    /// The loaded log `state`, with the maths that adds it to the Budget tab.
    fn ready(state: IncidentsState) -> IncidentLog {
        IncidentLog::Ready {
            state,
            add: incident::budget_with_incidents,
        }
    }

    /// Whether the log is loaded.
    pub fn is_ready(&self) -> bool {
        matches!(self, IncidentLog::Ready { .. })
    }
}

/// The states of all tabs; those not on the first screen are loaded when first asked for.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    pub budget: BudgetState,
    /// The incident log for the Budget tab; it follows [`WorkspaceState::incidents`].
    pub incident_log: RwSignal<IncidentLog>,
    incidents: Later<IncidentsState>,
    toil: Later<ToilState>,
    alerts: Later<AlertsState>,
    capacity: Later<CapacityState>,
    storage: StorageHandle,
    notices: Notices,
}

impl WorkspaceState {
    /// The first screen's saved inputs, kept saved from now on; the other tabs' are loaded
    /// (and kept saved) when first asked for.
    pub fn load(storage: StorageHandle, notices: Notices) -> WorkspaceState {
        WorkspaceState {
            budget: BudgetState::load(storage, notices),
            incident_log: RwSignal::new(IncidentLog::NotLoaded),
            incidents: Later::new(),
            toil: Later::new(),
            alerts: Later::new(),
            capacity: Later::new(),
            storage,
            notices,
        }
    }

    /// A workspace that is shown but never saved: a scenario opened from a link, with the
    /// capacity series the link carries.
    pub fn transient(
        storage: StorageHandle,
        notices: Notices,
        inputs: &Workspace,
        series: &[SeriesText],
    ) -> WorkspaceState {
        let incidents = IncidentsState::transient(inputs.incidents.clone());
        WorkspaceState {
            budget: BudgetState::transient(inputs.budget.clone()),
            incident_log: RwSignal::new(IncidentLog::ready(incidents)),
            incidents: Later::filled(incidents),
            toil: Later::filled(ToilState::transient(inputs.toil.clone())),
            alerts: Later::filled(AlertsState::transient(inputs.alerts.clone())),
            capacity: Later::filled(CapacityState::transient(
                storage,
                notices,
                inputs.capacity.clone(),
                series,
            )),
            storage,
            notices,
        }
    }

    /// The incident log, loaded now if it was not yet (the Budget tab then sees it).
    pub fn incidents(&self) -> IncidentsState {
        let (storage, notices) = (self.storage, self.notices);
        let state = self
            .incidents
            .get_or_make(|| IncidentsState::load(storage, notices));
        if !self.incident_log.get_untracked().is_ready() {
            self.incident_log.set(IncidentLog::ready(state));
        }
        state
    }

    /// Loads every tab's state that is not loaded yet (before reactive code takes snapshots).
    pub fn load_all(&self) {
        self.incidents();
        self.toil();
        self.alerts();
        self.capacity();
    }

    /// The Toil tab's state, loaded now if it was not yet.
    pub fn toil(&self) -> ToilState {
        let (storage, notices) = (self.storage, self.notices);
        self.toil.get_or_make(|| ToilState::load(storage, notices))
    }

    /// The Alerts tab's state, loaded now if it was not yet.
    pub fn alerts(&self) -> AlertsState {
        let (storage, notices) = (self.storage, self.notices);
        self.alerts
            .get_or_make(|| AlertsState::load(storage, notices))
    }

    /// Where storage notices for the page go.
    pub fn notices(&self) -> Notices {
        self.notices
    }

    /// The Capacity tab's state, loaded now if it was not yet (its stored series is then read
    /// back in steps).
    pub fn capacity(&self) -> CapacityState {
        let (storage, notices) = (self.storage, self.notices);
        self.capacity
            .get_or_make(|| CapacityState::load(storage, notices))
    }

    /// The Capacity tab's state if it is loaded, without loading it.
    pub fn capacity_if_loaded(&self) -> Option<CapacityState> {
        self.capacity.get()
    }

    /// All inputs now (loading every tab's state); reactive inside a closure.
    pub fn snapshot(&self) -> Workspace {
        Workspace {
            budget: self.budget.inputs.get(),
            toil: self.toil().inputs(),
            alerts: self.alerts().inputs.get(),
            capacity: self.capacity().snapshot(),
            incidents: self.incidents().inputs.get(),
        }
    }

    /// Replaces every tab's inputs.
    pub fn apply(&self, inputs: &Workspace) {
        self.budget.inputs.set(inputs.budget.clone());
        self.toil().apply(inputs.toil.clone());
        self.alerts().apply(inputs.alerts.clone());
        self.capacity().apply(inputs.capacity.clone());
        self.incidents().apply(inputs.incidents.clone());
    }
}
