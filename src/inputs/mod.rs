//! The inputs of each tab exactly as typed: what is saved in the browser and restored on reload.
//!
//! Inputs are kept as text so that a reload shows what the person typed, even when it was not
//! yet valid; the calculators' `parse` functions turn them into typed values. Plain Rust: one
//! file per tab, each a serde struct whose missing fields read as defaults.

mod alerts;
mod budget;
mod capacity;
mod incident;
mod rows;
mod toil;

pub use alerts::{
    AlertRowInputs, AlertsInputs, AlertsUndo, ImportedFields, EXAMPLE_BAD_QUERY,
    EXAMPLE_TOTAL_QUERY,
};
pub use budget::BudgetInputs;
pub use capacity::{CapacityInputs, HorizonSource, SeriesRef};
pub use incident::{EntryInputs, IncidentInputs, IncidentsInputs, TimeInputs, MAX_OFFSET_MINUTES};
pub use rows::{number_rows, with_ids, Row, RowId};
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

/// Where `item` is in `items` after another window changed the list: the same item, or else
/// the only one with the same `key` (an incident's start, a task's name), as an edit there may
/// have changed the rest. A window keeps showing the item it chose, wherever it moved to.
pub fn position_after_change<T: PartialEq, K: PartialEq>(
    items: &[T],
    item: &T,
    key: impl Fn(&T) -> K,
) -> Option<usize> {
    items.iter().position(|other| other == item).or_else(|| {
        let mut same_key = items
            .iter()
            .enumerate()
            .filter(|(_, other)| key(other) == key(item));
        match (same_key.next(), same_key.next()) {
            (Some((at, _)), None) => Some(at),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_found_after_a_change_by_itself_or_its_only_namesake() {
        let key = |item: &(&str, u32)| item.0.to_string();
        let items = [("b", 2), ("c", 3), ("a", 9)];
        // Moved: found where it is now.
        assert_eq!(position_after_change(&items, &("c", 3), key), Some(1));
        // Edited there: found by its key.
        assert_eq!(position_after_change(&items, &("a", 1), key), Some(2));
        // Removed, or its key shared: not found.
        assert_eq!(position_after_change(&items, &("d", 1), key), None);
        let twins = [("a", 1), ("a", 2)];
        assert_eq!(position_after_change(&twins, &("a", 3), key), None);
    }
}
