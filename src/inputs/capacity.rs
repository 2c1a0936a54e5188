//! The Capacity tab's inputs: the plan's settings as typed, and which imported series they
//! apply to. The series itself is large and is kept apart (see `formats::series_codec`); here
//! is only its reference.

use serde::{Deserialize, Serialize};

/// Every input of the Capacity tab. Missing fields read as their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CapacityInputs {
    /// The capacity in the series' unit, e.g. `100`; empty when not set.
    pub capacity: String,
    /// Headroom to keep above the forecast, in percent (default `20`).
    pub headroom_percent: String,
    /// How many days ahead to forecast (default `90`).
    pub horizon_days: String,
    /// Who set the horizon: an import may fit one the person has not typed to its history
    /// (`calc::capacity::sheet::fit_horizon_to_history`). Left out of the JSON while `default`.
    #[serde(skip_serializing_if = "HorizonSource::is_default")]
    pub horizon_source: HorizonSource,
    /// The UTC offset the peak patterns are read in, e.g. `+02:00` (for series with absolute
    /// times; wall-clock series are taken as written).
    pub utc_offset: String,
    /// The model the dates, the recommendation and the chart follow: `auto` (the best in the
    /// backtest; the default, also when the field is missing), `linear`, `exponential` or
    /// `seasonal` (picked by name; saves from before `auto` existed hold `linear` when the
    /// default was left, and keep meaning it).
    pub model: String,
    /// The imported series these settings apply to.
    pub series: Option<SeriesRef>,
}

impl Default for CapacityInputs {
    fn default() -> Self {
        CapacityInputs {
            capacity: String::new(),
            headroom_percent: "20".to_string(),
            horizon_days: "90".to_string(),
            horizon_source: HorizonSource::Default,
            utc_offset: "+00:00".to_string(),
            model: "auto".to_string(),
            series: None,
        }
    }
}

/// Who set the Capacity tab's horizon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HorizonSource {
    /// Nobody: the default, or (saved before the tab told them apart) one typed when it is not
    /// the default.
    #[default]
    Default,
    /// Fitted to the imported history's span, and not typed over since.
    History,
    /// The person, in the field.
    Typed,
}

impl HorizonSource {
    fn is_default(&self) -> bool {
        *self == HorizonSource::Default
    }
}

/// Which series: its content id (the storage key's suffix) and what to say about it when the
/// series itself is not at hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeriesRef {
    /// 16 hex digits, from `Series::content_id`.
    pub id: String,
    pub name: String,
    pub samples: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_defaults() {
        let inputs: CapacityInputs = serde_json::from_str(r#"{"capacity":"80"}"#).unwrap();
        assert_eq!(inputs.capacity, "80");
        assert_eq!(inputs.headroom_percent, "20");
        assert_eq!(inputs.horizon_days, "90");
        assert_eq!(inputs.series, None);
    }

    #[test]
    fn round_trips_through_json() {
        let inputs = CapacityInputs {
            series: Some(SeriesRef {
                id: "00ff00ff00ff00ff".into(),
                name: "cpu.csv".into(),
                samples: 4032,
            }),
            ..CapacityInputs::default()
        };
        let json = serde_json::to_string(&inputs).unwrap();
        assert_eq!(
            serde_json::from_str::<CapacityInputs>(&json).unwrap(),
            inputs
        );
    }

    #[test]
    fn who_set_the_horizon_is_saved_only_when_not_the_default() {
        // Saves without the field (all of them before it existed) read as the default, and a
        // default one is not written, so their JSON is unchanged.
        let json = serde_json::to_string(&CapacityInputs::default()).unwrap();
        assert!(!json.contains("horizon_source"), "{json}");
        for (source, written) in [
            (HorizonSource::History, r#""horizon_source":"history""#),
            (HorizonSource::Typed, r#""horizon_source":"typed""#),
        ] {
            let inputs = CapacityInputs {
                horizon_source: source,
                ..CapacityInputs::default()
            };
            let json = serde_json::to_string(&inputs).unwrap();
            assert!(json.contains(written), "{json}");
            assert_eq!(
                serde_json::from_str::<CapacityInputs>(&json).unwrap(),
                inputs
            );
        }
    }
}
