//! Every tab's state together: what a scenario snapshots and what opening one replaces.

use leptos::prelude::*;

use super::{
    AlertsState, BudgetState, CapacityState, IncidentsState, Notices, StorageHandle, ToilState,
};
use crate::formats::series_codec::SeriesText;
use crate::inputs::Workspace;

/// The states of all tabs.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    pub budget: BudgetState,
    pub toil: ToilState,
    pub alerts: AlertsState,
    pub capacity: CapacityState,
    pub incidents: IncidentsState,
}

impl WorkspaceState {
    /// The tabs' saved inputs, kept saved from now on.
    pub fn load(storage: StorageHandle, notices: Notices) -> WorkspaceState {
        WorkspaceState {
            budget: BudgetState::load(storage, notices),
            toil: ToilState::load(storage, notices),
            alerts: AlertsState::load(storage, notices),
            capacity: CapacityState::load(storage, notices),
            incidents: IncidentsState::load(storage, notices),
        }
    }

    /// A workspace that is shown but never saved: a scenario opened from a link, with the
    /// capacity series the link carries.
    pub fn transient(
        storage: StorageHandle,
        inputs: &Workspace,
        series: &[SeriesText],
    ) -> WorkspaceState {
        WorkspaceState {
            budget: BudgetState::transient(inputs.budget.clone()),
            toil: ToilState::transient(inputs.toil.clone()),
            alerts: AlertsState::transient(inputs.alerts.clone()),
            capacity: CapacityState::transient(storage, inputs.capacity.clone(), series),
            incidents: IncidentsState::transient(inputs.incidents.clone()),
        }
    }

    /// All inputs now; reactive inside a closure.
    pub fn snapshot(&self) -> Workspace {
        Workspace {
            budget: self.budget.inputs.get(),
            toil: self.toil.inputs(),
            alerts: self.alerts.inputs.get(),
            capacity: self.capacity.snapshot(),
            incidents: self.incidents.inputs.get(),
        }
    }

    /// Replaces every tab's inputs.
    pub fn apply(&self, inputs: &Workspace) {
        self.budget.inputs.set(inputs.budget.clone());
        self.toil.apply(inputs.toil.clone());
        self.alerts.inputs.set(inputs.alerts.clone());
        self.capacity.apply(inputs.capacity.clone());
        self.incidents.apply(inputs.incidents.clone());
    }
}
