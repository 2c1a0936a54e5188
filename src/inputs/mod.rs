//! The inputs of each tab exactly as typed: what is saved in the browser and restored on reload.
//!
//! Inputs are kept as text so that a reload shows what the person typed, even when it was not
//! yet valid; the calculators' `parse` functions turn them into typed values. Plain Rust: one
//! file per tab, each a serde struct whose missing fields read as defaults.

mod alerts;
mod budget;
mod capacity;
mod incident;
mod toil;

pub use alerts::{AlertRowInputs, AlertsInputs, EXAMPLE_BAD_QUERY, EXAMPLE_TOTAL_QUERY};
pub use budget::BudgetInputs;
pub use capacity::{CapacityInputs, SeriesRef};
pub use incident::{EntryInputs, IncidentInputs, IncidentsInputs, TimeInputs};
pub use toil::{TaskInputs, ToilInputs};

use serde::{Deserialize, Serialize};

/// Every tab's inputs together: what a scenario holds, what is exported and shared.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Workspace {
    pub budget: BudgetInputs,
    pub toil: ToilInputs,
    pub alerts: AlertsInputs,
    pub capacity: CapacityInputs,
    pub incidents: IncidentsInputs,
}

/// Which saved scenario the workspace was last opened from or saved as, to mark unsaved changes
/// and to notice a scenario changed in another window.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenedScenario {
    pub scenario_id: Option<String>,
    /// The scenario's `updated_ms` when it was opened or last saved from here.
    pub scenario_updated_ms: u64,
}
