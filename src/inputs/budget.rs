//! The Budget tab's inputs.

use serde::{Deserialize, Serialize};

/// The Budget tab's fields. Missing fields read as their defaults, so an older saved value with
/// fewer fields still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetInputs {
    /// SLO target in percent, e.g. `99.9`.
    pub target_percent: String,
    /// Rolling window in days, e.g. `30`.
    pub window_days: String,
    /// Requests expected over the window; empty when not given.
    pub expected_requests: String,
}

impl Default for BudgetInputs {
    fn default() -> Self {
        BudgetInputs {
            target_percent: "99.9".to_string(),
            window_days: "30".to_string(),
            expected_requests: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_defaults() {
        let inputs: BudgetInputs = serde_json::from_str(r#"{"target_percent":"99.95"}"#).unwrap();
        assert_eq!(inputs.target_percent, "99.95");
        assert_eq!(inputs.window_days, "30");
        assert_eq!(inputs.expected_requests, "");
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert!(serde_json::from_str::<BudgetInputs>(r#"{"target_percent":99.9}"#).is_err());
    }
}
