//! Every tab's state together: what a scenario snapshots and what opening one replaces.

use leptos::prelude::*;

use super::{BudgetState, Notices, StorageHandle, ToilState};
use crate::inputs::Workspace;

/// The states of all tabs.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    pub budget: BudgetState,
    pub toil: ToilState,
}

impl WorkspaceState {
    /// The tabs' saved inputs, kept saved from now on.
    pub fn load(storage: StorageHandle, notices: Notices) -> WorkspaceState {
        WorkspaceState {
            budget: BudgetState::load(storage, notices),
            toil: ToilState::load(storage, notices),
        }
    }

    /// A workspace that is shown but never saved: a scenario opened from a link.
    pub fn transient(inputs: &Workspace) -> WorkspaceState {
        WorkspaceState {
            budget: BudgetState::transient(inputs.budget.clone()),
            toil: ToilState::transient(inputs.toil.clone()),
        }
    }

    /// All inputs now; reactive inside a closure.
    pub fn snapshot(&self) -> Workspace {
        Workspace {
            budget: self.budget.inputs.get(),
            toil: self.toil.inputs(),
            capacity: Default::default(),
        }
    }

    /// Replaces every tab's inputs.
    pub fn apply(&self, inputs: &Workspace) {
        self.budget.inputs.set(inputs.budget.clone());
        self.toil.apply(inputs.toil.clone());
    }
}
