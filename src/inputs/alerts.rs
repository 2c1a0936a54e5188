//! The Alerts tab's inputs: whose SLO to use, the alert table, the simulator and the export
//! settings, all as typed.

use serde::{Deserialize, Serialize};

use super::rows::{numbered, with_ids, RowId};

/// Every input of the Alerts tab. Missing fields read as their defaults, so an older saved value
/// with fewer fields still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertsInputs {
    /// `true`: use the Budget tab's SLO target and window; `false`: the two fields below.
    pub use_budget_slo: bool,
    /// This tab's own SLO target in percent, e.g. `99.9`.
    pub target_percent: String,
    /// This tab's own SLO window in days, e.g. `30`.
    pub window_days: String,
    /// The alert table, in the order shown.
    #[serde(deserialize_with = "numbered")]
    pub rows: Vec<AlertRowInputs>,
    /// Simulator: the error ratio in percent, e.g. `2`.
    pub sim_error_percent: String,
    /// Simulator: how long it lasts, as a Prometheus duration, e.g. `45m`.
    pub sim_duration: String,
    /// Export: the SLO's name, used in rule names, labels and the OpenSLO document.
    pub slo_name: String,
    /// Export: PromQL for the rate of bad events, with `{{.window}}` where the range goes.
    pub bad_query: String,
    /// Export: PromQL for the rate of all events, with `{{.window}}` where the range goes.
    pub total_query: String,
}

/// One alert of the table as typed. Missing fields read as a new row's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertRowInputs {
    /// The row's id in its list (see [`RowId`]).
    pub id: RowId,
    /// `page` or `ticket`.
    pub severity: String,
    /// Share of the error budget the alert should catch, in percent, e.g. `2`.
    pub budget_percent: String,
    /// Long window as a Prometheus duration, e.g. `1h`.
    pub long_window: String,
    /// Short window as a Prometheus duration; empty means long window / 12.
    pub short_window: String,
}

impl AlertRowInputs {
    fn new(severity: &str, budget_percent: &str, long_window: &str) -> AlertRowInputs {
        AlertRowInputs {
            id: RowId::NONE,
            severity: severity.to_string(),
            budget_percent: budget_percent.to_string(),
            long_window: long_window.to_string(),
            short_window: String::new(),
        }
    }

    /// The SRE workbook's table for a 30-day window: page 2% over 1h and 5% over 6h, ticket 10%
    /// over 1d and 10% over 3d, each with a short window of a twelfth of the long one.
    /// Their ids are made from their content, as when read without ids.
    pub fn workbook_defaults() -> Vec<AlertRowInputs> {
        with_ids(vec![
            AlertRowInputs::new("page", "2", "1h"),
            AlertRowInputs::new("page", "5", "6h"),
            AlertRowInputs::new("ticket", "10", "1d"),
            AlertRowInputs::new("ticket", "10", "3d"),
        ])
    }
}

impl AlertRowInputs {
    /// The row "Add alert" adds to `rows`: the first of the workbook's rows whose severity and
    /// long window are not in the table yet, so a new row does not repeat one; with all four
    /// there, the default row (which the table then warns about until it is changed). It has
    /// no id yet: the page gives it one.
    pub fn added_to(rows: &[AlertRowInputs]) -> AlertRowInputs {
        let present = |candidate: &AlertRowInputs| {
            rows.iter().any(|row| {
                row.severity.trim() == candidate.severity
                    && row.long_window.trim() == candidate.long_window
            })
        };
        AlertRowInputs::workbook_defaults()
            .into_iter()
            .find(|candidate| !present(candidate))
            .map(|row| AlertRowInputs {
                id: RowId::NONE,
                ..row
            })
            .unwrap_or_default()
    }
}

impl Default for AlertRowInputs {
    fn default() -> Self {
        AlertRowInputs::new("ticket", "10", "1d")
    }
}

/// The example queries: Prometheus's `http_requests_total`, 5xx responses counted as bad.
pub const EXAMPLE_BAD_QUERY: &str =
    r#"sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}]))"#;
pub const EXAMPLE_TOTAL_QUERY: &str = r#"sum(rate(http_requests_total{job="api"}[{{.window}}]))"#;

impl Default for AlertsInputs {
    fn default() -> Self {
        AlertsInputs {
            use_budget_slo: true,
            target_percent: "99.9".to_string(),
            window_days: "30".to_string(),
            rows: AlertRowInputs::workbook_defaults(),
            sim_error_percent: "2".to_string(),
            sim_duration: "45m".to_string(),
            slo_name: "api-availability".to_string(),
            bad_query: EXAMPLE_BAD_QUERY.to_string(),
            total_query: EXAMPLE_TOTAL_QUERY.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_defaults() {
        let inputs: AlertsInputs =
            serde_json::from_str(r#"{"use_budget_slo":false,"rows":[{"long_window":"2h"}]}"#)
                .unwrap();
        assert!(!inputs.use_budget_slo);
        assert_eq!(inputs.target_percent, "99.9");
        assert_eq!(inputs.rows.len(), 1);
        assert_eq!(inputs.rows[0].long_window, "2h");
        assert_eq!(inputs.rows[0].severity, "ticket");
        assert_eq!(inputs.rows[0].short_window, "");
        assert_eq!(inputs.sim_duration, "45m");
    }

    #[test]
    fn an_added_row_is_a_workbook_row_not_in_the_table_yet() {
        let mut rows = AlertRowInputs::workbook_defaults();
        rows.remove(1);
        assert_eq!(
            AlertRowInputs::added_to(&rows),
            AlertRowInputs::new("page", "5", "6h")
        );
        assert_eq!(
            AlertRowInputs::added_to(&[]),
            AlertRowInputs::new("page", "2", "1h")
        );
        // With all four there, the default row, which the table warns about as a repeat.
        let all = AlertRowInputs::workbook_defaults();
        assert_eq!(AlertRowInputs::added_to(&all), AlertRowInputs::default());
    }

    #[test]
    fn round_trips_through_json() {
        let inputs = AlertsInputs::default();
        let json = serde_json::to_string(&inputs).unwrap();
        assert_eq!(serde_json::from_str::<AlertsInputs>(&json).unwrap(), inputs);
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert!(serde_json::from_str::<AlertsInputs>(r#"{"rows":"none"}"#).is_err());
        assert!(serde_json::from_str::<AlertsInputs>(r#"{"use_budget_slo":"yes"}"#).is_err());
    }
}
