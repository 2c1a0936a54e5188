//! The Budget tab's inputs.

use serde::{Deserialize, Serialize};

/// The Budget tab's fields, as typed. Missing fields read as their defaults, so an older saved
/// value with fewer fields still loads. Choice fields hold a short name (see each field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetInputs {
    /// SLO target in percent, e.g. `99.9`.
    pub target_percent: String,
    /// `rolling`, `month`, `quarter` or `year`.
    pub window_kind: String,
    /// Rolling window in days, e.g. `30`.
    pub window_days: String,
    /// A date inside the calendar window (`YYYY-MM-DD`, or `YYYY-MM` for the month's first day,
    /// kept as typed); empty means today.
    pub calendar_date: String,
    /// Month length of the downtime table: `30d`, `gregorian` or `28d`.
    pub month_convention: String,
    /// `requests`, `minutes` or `timeslices`.
    pub sli_kind: String,
    /// Timeslice length in minutes, for the `timeslices` SLI.
    pub timeslice_minutes: String,
    /// Requests expected over the window; empty when not given.
    pub expected_requests: String,
    /// Burn-rate observation: bad events, bad minutes or bad timeslices.
    pub observed_bad: String,
    /// Burn-rate observation: total events (request-based SLI).
    pub observed_total: String,
    /// Burn-rate observation: its length in hours.
    pub observed_hours: String,
    /// Remaining budget: days elapsed in the current window; empty in a calendar window means
    /// "from the start of the period until today".
    pub elapsed_days: String,
    /// Remaining budget: `counts` (bad and total so far) or `availability` (observed %).
    pub so_far_mode: String,
    /// Remaining budget: bad events, bad minutes or bad timeslices so far.
    pub so_far_bad: String,
    /// Remaining budget: total events so far (request-based SLI).
    pub so_far_total: String,
    /// Remaining budget: observed availability so far, in percent.
    pub so_far_availability: String,
    /// Policy: deploys freeze below this share of the budget remaining, in percent.
    pub freeze_below_percent: String,
    /// Policy: deploys need care below this share of the budget remaining, in percent.
    pub warn_below_percent: String,
    /// Incident: duration in minutes.
    pub incident_minutes: String,
    /// Incident: share of traffic affected, in percent (100 is a full outage).
    pub incident_affected_percent: String,
    /// Remaining budget: also count the Incident tab's logged incidents of the current window
    /// (an ongoing one up to now) as consumed budget.
    pub include_incidents: bool,
}

impl Default for BudgetInputs {
    fn default() -> Self {
        let text = |s: &str| s.to_string();
        BudgetInputs {
            target_percent: text("99.9"),
            window_kind: text("rolling"),
            window_days: text("30"),
            calendar_date: String::new(),
            month_convention: text("30d"),
            sli_kind: text("requests"),
            timeslice_minutes: text("5"),
            expected_requests: String::new(),
            observed_bad: String::new(),
            observed_total: String::new(),
            observed_hours: text("1"),
            elapsed_days: String::new(),
            so_far_mode: text("counts"),
            so_far_bad: String::new(),
            so_far_total: String::new(),
            so_far_availability: String::new(),
            freeze_below_percent: text("20"),
            warn_below_percent: text("50"),
            incident_minutes: String::new(),
            incident_affected_percent: text("100"),
            include_incidents: false,
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
        assert_eq!(inputs.freeze_below_percent, "20");
        assert_eq!(inputs.expected_requests, "");
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert!(serde_json::from_str::<BudgetInputs>(r#"{"target_percent":99.9}"#).is_err());
    }

    #[test]
    fn round_trips_exactly() {
        let inputs = BudgetInputs {
            observed_bad: "12".into(),
            ..BudgetInputs::default()
        };
        let json = serde_json::to_string(&inputs).unwrap();
        assert_eq!(serde_json::from_str::<BudgetInputs>(&json).unwrap(), inputs);
    }
}
