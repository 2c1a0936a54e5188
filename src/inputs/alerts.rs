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

/// Rows "Add alert" offers once the workbook's four are all in the table, in this order: other
/// long windows of the same kinds, each with a budget share that keeps its burn-rate threshold
/// in the workbook's range over 30 days (ticket 10% over 2d: 1.5×; 10% over 12h: 6×; 25% over
/// 7d: ≈1.07×; page 1% over 30m: 14.4×; 3% over 3h: 7.2×).
const FURTHER_ROWS: [(&str, &str, &str); 5] = [
    ("ticket", "10", "2d"),
    ("ticket", "10", "12h"),
    ("ticket", "25", "7d"),
    ("page", "1", "30m"),
    ("page", "3", "3h"),
];

impl AlertRowInputs {
    /// Whether `self` and `other` are the same alert for "Add alert": the same severity and long
    /// window, each trimmed (the share and short window may differ).
    fn same_alert(&self, other: &AlertRowInputs) -> bool {
        self.severity.trim() == other.severity.trim()
            && self.long_window.trim() == other.long_window.trim()
    }

    /// The row "Add alert" adds to `rows`: the first of the workbook's rows, then of
    /// [`FURTHER_ROWS`], that is not in the table yet (same severity and long window, trimmed),
    /// so a new row does not repeat one. With all nine there, no row is free: it is the default
    /// row (ticket 10% over 1d), which the table then warns about until it is changed. It has
    /// no id yet: the page gives it one.
    pub fn added_to(rows: &[AlertRowInputs]) -> AlertRowInputs {
        let further = FURTHER_ROWS
            .iter()
            .map(|(severity, share, long)| AlertRowInputs::new(severity, share, long));
        AlertRowInputs::workbook_defaults()
            .into_iter()
            .map(|row| AlertRowInputs {
                id: RowId::NONE,
                ..row
            })
            .chain(further)
            .find(|candidate| !rows.iter().any(|row| row.same_alert(candidate)))
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

/// A change to the alert table or to the fields an import fills that "Undo" can take back. The
/// page keeps them while it is open (they are not saved): the alerts' own removal and reset, and
/// a file import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertsUndo {
    /// The alert `row` was removed from place `at` (0 for the first).
    Removed { at: usize, row: AlertRowInputs },
    /// "Back to the workbook's four alerts" replaced these rows.
    Reset { rows: Vec<AlertRowInputs> },
    /// An import from the file `file` changed the SLO or export fields, and maybe the alert
    /// table; `before` holds them as they were.
    Imported {
        file: String,
        before: ImportedFields,
    },
}

/// The fields an OpenSLO or Sloth import may change, as they were before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedFields {
    use_budget_slo: bool,
    target_percent: String,
    window_days: String,
    slo_name: String,
    bad_query: String,
    total_query: String,
    /// The alert table, when the import replaced it (else later edits to it stay on Undo).
    rows: Option<Vec<AlertRowInputs>>,
}

impl ImportedFields {
    /// The fields of `inputs` an import may change; the alert table too when `table_replaced`
    /// (the file held Headroom's own alert policies).
    pub fn of(inputs: &AlertsInputs, table_replaced: bool) -> ImportedFields {
        ImportedFields {
            rows: table_replaced.then(|| inputs.rows.clone()),
            use_budget_slo: inputs.use_budget_slo,
            target_percent: inputs.target_percent.clone(),
            window_days: inputs.window_days.clone(),
            slo_name: inputs.slo_name.clone(),
            bad_query: inputs.bad_query.clone(),
            total_query: inputs.total_query.clone(),
        }
    }
}

impl AlertsUndo {
    /// What Undo takes back, for the note beside its button: "Removed alert 2 (page, 5% over
    /// 6h)", "Replaced 3 alerts with the workbook's four", "Imported slo.yaml".
    pub fn describe(&self) -> String {
        match self {
            AlertsUndo::Removed { at, row } => {
                let share = row.budget_percent.trim();
                let long = row.long_window.trim();
                let what = match (share.is_empty(), long.is_empty()) {
                    (false, false) => format!(" ({}, {share}% over {long})", row.severity.trim()),
                    _ => String::new(),
                };
                format!("Removed alert {}{what}", at + 1)
            }
            AlertsUndo::Reset { rows } => match rows.len() {
                0 => "Put back the workbook's four alerts in an empty table".to_string(),
                1 => "Replaced 1 alert with the workbook's four".to_string(),
                n => format!("Replaced {n} alerts with the workbook's four"),
            },
            AlertsUndo::Imported { file, .. } => format!("Imported {file}"),
        }
    }

    /// The file an import took its values from, when this is one.
    pub fn imported_file(&self) -> Option<&str> {
        match self {
            AlertsUndo::Imported { file, .. } => Some(file),
            _ => None,
        }
    }
}

impl AlertsInputs {
    /// Removes the alert `id`, returning what Undo needs to put it back; `None` when there is
    /// no such alert.
    pub fn remove_row(&mut self, id: RowId) -> Option<AlertsUndo> {
        let at = self.rows.iter().position(|r| r.id == id)?;
        let row = self.rows.remove(at);
        Some(AlertsUndo::Removed { at, row })
    }

    /// Replaces the alert table with the workbook's four alerts, returning the table it
    /// replaced; `None` when the table already is the workbook's, so there is nothing to undo.
    pub fn reset_rows(&mut self) -> Option<AlertsUndo> {
        let defaults = AlertRowInputs::workbook_defaults();
        if self.rows == defaults {
            return None;
        }
        let rows = std::mem::replace(&mut self.rows, defaults);
        Some(AlertsUndo::Reset { rows })
    }

    /// Takes back `change`. A removed alert goes back to its place (the end, if the table is
    /// shorter now), unless an alert with its id is in the table again (another window of this
    /// browser kept it): it is not put in twice. A reset table is put back as it was; the
    /// fields an import changed (the alert table, when it replaced it) are put back as they
    /// were before it, later edits to them included. Returns the id of the alert put back, if any.
    pub fn undo(&mut self, change: AlertsUndo) -> Option<RowId> {
        match change {
            AlertsUndo::Removed { at, row } => {
                if self.rows.iter().any(|r| r.id == row.id) {
                    return None;
                }
                let id = row.id;
                self.rows.insert(at.min(self.rows.len()), row);
                Some(id)
            }
            AlertsUndo::Reset { rows } => {
                self.rows = rows;
                None
            }
            AlertsUndo::Imported { before, .. } => {
                let ImportedFields {
                    use_budget_slo,
                    target_percent,
                    window_days,
                    slo_name,
                    bad_query,
                    total_query,
                    rows,
                } = before;
                if let Some(rows) = rows {
                    self.rows = rows;
                }
                self.use_budget_slo = use_budget_slo;
                self.target_percent = target_percent;
                self.window_days = window_days;
                self.slo_name = slo_name;
                self.bad_query = bad_query;
                self.total_query = total_query;
                None
            }
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
    }

    #[test]
    fn an_added_row_with_the_workbook_rows_all_there_repeats_none() {
        // A row repeats another when their severity and long window match, as trimmed.
        let mut rows = AlertRowInputs::workbook_defaults();
        rows[2].severity = " ticket ".to_string();
        rows[2].long_window = "1d ".to_string();
        let mut added = Vec::new();
        loop {
            let row = AlertRowInputs::added_to(&rows);
            let repeats = rows.iter().any(|r| {
                r.severity.trim() == row.severity.trim()
                    && r.long_window.trim() == row.long_window.trim()
            });
            if repeats {
                break;
            }
            added.push(format!(
                "{} {}% over {}",
                row.severity, row.budget_percent, row.long_window
            ));
            rows.push(row);
        }
        assert_eq!(
            added,
            [
                "ticket 10% over 2d",
                "ticket 10% over 12h",
                "ticket 25% over 7d",
                "page 1% over 30m",
                "page 3% over 3h",
            ]
        );
        // With no row free, the default row, which the table warns about as a repeat.
        assert_eq!(AlertRowInputs::added_to(&rows), AlertRowInputs::default());
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

    #[test]
    fn a_removed_alert_goes_back_to_its_place_with_its_id() {
        let mut inputs = AlertsInputs::default();
        let second = inputs.rows[1].clone();
        let change = inputs.remove_row(second.id).unwrap();
        assert_eq!(change.describe(), "Removed alert 2 (page, 5% over 6h)");
        assert_eq!(inputs.rows.len(), 3);
        inputs.rows[1].budget_percent = "12".to_string(); // an edit after the removal stays
        let back = inputs.undo(change);
        assert_eq!(back, Some(second.id));
        assert_eq!(inputs.rows[1], second);
        assert_eq!(inputs.rows[2].budget_percent, "12");
        assert_eq!(inputs.remove_row(RowId(u64::MAX)), None);
    }

    #[test]
    fn removals_undone_newest_first_restore_the_table() {
        let mut inputs = AlertsInputs::default();
        let original = inputs.rows.clone();
        let first = inputs.remove_row(original[0].id).unwrap();
        let last = inputs.remove_row(original[3].id).unwrap();
        assert_eq!(last.describe(), "Removed alert 3 (ticket, 10% over 3d)");
        inputs.undo(last);
        inputs.undo(first);
        assert_eq!(inputs.rows, original);
    }

    #[test]
    fn a_removed_alert_back_in_the_table_is_not_put_in_twice() {
        // Another window kept the alert this one removed: its id is in the table again.
        let mut inputs = AlertsInputs::default();
        let first = inputs.rows[0].clone();
        let removal = inputs.remove_row(first.id).unwrap();
        inputs.rows.push(first.clone());
        assert_eq!(inputs.undo(removal), None);
        assert_eq!(inputs.rows.len(), 4);
        assert_eq!(inputs.rows.iter().filter(|r| r.id == first.id).count(), 1);
    }

    #[test]
    fn a_removal_then_a_reset_undone_newest_first_restore_the_table() {
        let mut inputs = AlertsInputs::default();
        inputs.rows[2].budget_percent = "15".to_string();
        let original = inputs.rows.clone();
        let removal = inputs.remove_row(original[0].id).unwrap();
        let reset = inputs.reset_rows().unwrap();
        assert_eq!(
            reset.describe(),
            "Replaced 3 alerts with the workbook's four"
        );
        assert_eq!(inputs.rows, AlertRowInputs::workbook_defaults());
        inputs.undo(reset);
        assert_eq!(inputs.rows, original[1..]);
        assert_eq!(inputs.undo(removal), Some(original[0].id));
        assert_eq!(inputs.rows, original);
    }

    #[test]
    fn a_reset_of_the_workbook_table_has_nothing_to_undo() {
        let mut inputs = AlertsInputs::default();
        assert_eq!(inputs.reset_rows(), None);
        inputs.rows.clear();
        let reset = inputs.reset_rows().unwrap();
        assert_eq!(
            reset.describe(),
            "Put back the workbook's four alerts in an empty table"
        );
        assert_eq!(inputs.rows, AlertRowInputs::workbook_defaults());
        inputs.undo(reset);
        assert!(inputs.rows.is_empty());
    }

    #[test]
    fn undoing_an_import_puts_back_the_fields_it_may_change() {
        let mut inputs = AlertsInputs {
            sim_duration: "2h".to_string(),
            ..AlertsInputs::default()
        };
        let before = inputs.clone();
        let change = AlertsUndo::Imported {
            file: "checkout.yaml".to_string(),
            before: ImportedFields::of(&inputs, true),
        };
        assert_eq!(change.describe(), "Imported checkout.yaml");
        inputs.use_budget_slo = false;
        inputs.target_percent = "99.95".to_string();
        inputs.window_days = "28".to_string();
        inputs.slo_name = "checkout".to_string();
        inputs.bad_query = "bad".to_string();
        inputs.total_query = "total".to_string();
        inputs.rows.truncate(1); // an imported table
        inputs.sim_duration = "3h".to_string(); // not an imported field: it stays
        inputs.undo(change);
        assert_eq!(
            inputs,
            AlertsInputs {
                sim_duration: "3h".to_string(),
                ..before
            }
        );

        // An import that left the table as it was leaves later edits to it on Undo.
        let change = AlertsUndo::Imported {
            file: "slo.yaml".to_string(),
            before: ImportedFields::of(&inputs, false),
        };
        inputs.slo_name = "checkout".to_string();
        inputs.rows.truncate(2);
        inputs.undo(change);
        assert_eq!(inputs.slo_name, "api-availability");
        assert_eq!(inputs.rows.len(), 2);
    }
}
