//! The Toil tab's inputs: team settings, the payback threshold, the start date and the task
//! inventory, all as typed.

use serde::{Deserialize, Serialize};

use super::rows::{numbered, with_ids, RowId};

/// Every input of the Toil tab. Missing fields read as their defaults, so an older saved value
/// with fewer fields still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ToilInputs {
    /// Engineers on the team (full-time equivalents, e.g. `6` or `4.5`).
    pub engineers: String,
    /// Working hours per engineer per week, e.g. `40`.
    pub hours_per_week: String,
    /// Working days per year, e.g. `260`; what "per working day" means.
    pub working_days_per_year: String,
    /// People in the on-call rotation; empty when there is none.
    pub rotation_size: String,
    /// Cost of one engineer-hour; empty when not given.
    pub hourly_cost: String,
    /// The currency of the hourly cost, e.g. `USD` or `€`; may be empty.
    pub currency: String,
    /// Automate when the payback is under this many months, e.g. `6`.
    pub payback_threshold_months: String,
    /// The day automation work starts, `YYYY-MM-DD`; empty means today.
    pub start_date: String,
    /// Index of the task whose payback chart is shown.
    pub selected_task: usize,
    /// The inventory, in the order shown.
    #[serde(deserialize_with = "numbered")]
    pub tasks: Vec<TaskInputs>,
}

/// One row of the inventory as typed. Missing fields read as a new row's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskInputs {
    /// The row's id in its list (see [`RowId`]).
    pub id: RowId,
    pub name: String,
    /// How many times per `per`, e.g. `3` for "3 times a week".
    pub times: String,
    /// The period: `day`, `working day`, `week`, `month`, `quarter` or `year`.
    pub per: String,
    /// Minutes each time, e.g. `30`.
    pub minutes_each: String,
    /// People needed each time, e.g. `1`.
    pub people: String,
    pub automatable: bool,
    /// 1 (most urgent) to 5.
    pub priority: String,
    /// Estimated hours to automate it.
    pub automation_hours: String,
    /// Share of the toil the automation removes, in percent (default `100`).
    pub share_removed_percent: String,
    /// Hours of maintenance per year once automated.
    pub maintenance_hours_per_year: String,
}

impl Default for TaskInputs {
    fn default() -> Self {
        TaskInputs {
            id: RowId::NONE,
            name: String::new(),
            times: "1".to_string(),
            per: "week".to_string(),
            minutes_each: "15".to_string(),
            people: "1".to_string(),
            automatable: true,
            priority: "3".to_string(),
            automation_hours: "8".to_string(),
            share_removed_percent: "100".to_string(),
            maintenance_hours_per_year: "0".to_string(),
        }
    }
}

impl TaskInputs {
    fn example(name: &str, times: &str, per: &str, minutes: &str, hours: &str) -> TaskInputs {
        TaskInputs {
            name: name.to_string(),
            times: times.to_string(),
            per: per.to_string(),
            minutes_each: minutes.to_string(),
            automation_hours: hours.to_string(),
            ..TaskInputs::default()
        }
    }
}

impl Default for ToilInputs {
    fn default() -> Self {
        ToilInputs {
            engineers: "6".to_string(),
            hours_per_week: "40".to_string(),
            working_days_per_year: "260".to_string(),
            rotation_size: String::new(),
            hourly_cost: String::new(),
            currency: String::new(),
            payback_threshold_months: "6".to_string(),
            start_date: String::new(),
            selected_task: 0,
            tasks: with_ids(vec![
                TaskInputs::example("Restart stuck deploys", "1", "day", "30", "16"),
                TaskInputs::example("Renew TLS certificates", "1", "month", "120", "24"),
                TaskInputs {
                    maintenance_hours_per_year: "4".to_string(),
                    ..TaskInputs::example("Grant database access", "3", "week", "10", "40")
                },
            ]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_defaults() {
        let inputs: ToilInputs =
            serde_json::from_str(r#"{"engineers":"4","tasks":[{"name":"pager"}]}"#).unwrap();
        assert_eq!(inputs.engineers, "4");
        assert_eq!(inputs.hours_per_week, "40");
        assert_eq!(inputs.working_days_per_year, "260");
        assert_eq!(inputs.payback_threshold_months, "6");
        assert_eq!(inputs.tasks.len(), 1);
        assert_eq!(inputs.tasks[0].name, "pager");
        assert_eq!(inputs.tasks[0].share_removed_percent, "100");
    }

    #[test]
    fn round_trips_through_json() {
        let inputs = ToilInputs::default();
        let json = serde_json::to_string(&inputs).unwrap();
        assert_eq!(serde_json::from_str::<ToilInputs>(&json).unwrap(), inputs);
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert!(serde_json::from_str::<ToilInputs>(r#"{"tasks":"none"}"#).is_err());
        assert!(serde_json::from_str::<ToilInputs>(r#"{"engineers":6}"#).is_err());
    }
}
