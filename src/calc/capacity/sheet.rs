//! Reads the Capacity tab's inputs as typed into a validated plan, with a message per wrong
//! field, and runs every analysis of a series once (the fits do not depend on the capacity,
//! so changing it only recomputes the outlook).

use std::sync::Arc;

use super::forecast::{
    self, Backtest, BacktestErrors, Fit, FitError, ModelKind, Plan, MAX_HORIZON_DAYS,
};
use super::patterns::{self, Patterns};
use super::series::{reduce_min_max, Clock, Series, UtcOffset};
use crate::inputs::CapacityInputs;

/// The fields of the tab that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Capacity,
    Headroom,
    Horizon,
    UtcOffset,
}

impl Field {
    /// The element id of the field on the page.
    pub fn id(self) -> &'static str {
        match self {
            Field::Capacity => "capacity-limit",
            Field::Headroom => "capacity-headroom",
            Field::Horizon => "capacity-horizon",
            Field::UtcOffset => "capacity-utc-offset",
        }
    }
}

/// The inputs read: each valid part, and a message for each wrong field.
#[derive(Debug, Clone, PartialEq)]
pub struct CapacitySheet {
    pub plan: Option<Plan>,
    pub offset: Option<UtcOffset>,
    pub model: ModelKind,
    pub errors: Vec<(Field, String)>,
}

impl CapacitySheet {
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// A plain decimal such as `80`, `2.5` or `1.5e6`: digits, at most one point, an optional
/// exponent; no signs other than a leading `+`, no separators.
fn parse_number(text: &str) -> Result<f64, &'static str> {
    let text = text.trim().strip_prefix('+').unwrap_or(text.trim());
    if text.is_empty() {
        return Err("Enter a number");
    }
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((w, f)) => digits(w) && digits(f) && !(w.is_empty() && f.is_empty()),
        None => !mantissa.is_empty() && digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.len() <= 3 && digits(e)
    });
    if text.starts_with('-') {
        return Err("Must not be negative");
    }
    if !mantissa_ok || !exponent_ok {
        return Err("Not a number: use digits and a decimal point, for example 80 or 2.5");
    }
    let value: f64 = text.parse().map_err(|_| "Not a number")?;
    if !value.is_finite() || value > 1e300 {
        return Err("Too large");
    }
    Ok(value)
}

/// Reads the inputs.
pub fn read(inputs: &CapacityInputs) -> CapacitySheet {
    let mut errors = Vec::new();
    let capacity = if inputs.capacity.trim().is_empty() {
        Ok(None)
    } else {
        match parse_number(&inputs.capacity) {
            Ok(v) if v > 0.0 => Ok(Some(v)),
            Ok(_) => Err("The capacity must be above 0".to_string()),
            Err(e) => Err(e.to_string()),
        }
    };
    let headroom = match parse_number(&inputs.headroom_percent) {
        Ok(v) if v <= 1_000.0 => Ok(v / 100.0),
        Ok(_) => Err("Headroom goes up to 1000%".to_string()),
        Err(e) => Err(e.to_string()),
    };
    let horizon = {
        let text = inputs.horizon_days.trim();
        match text.parse::<u32>() {
            Ok(d) if (1..=MAX_HORIZON_DAYS).contains(&d) => Ok(d),
            Ok(_) => Err(format!(
                "The horizon is 1 to {MAX_HORIZON_DAYS} days (10 years)"
            )),
            Err(_) if text.is_empty() => Err("Enter a number of days".to_string()),
            Err(_) => Err("Whole days, for example 90".to_string()),
        }
    };
    let offset = UtcOffset::parse(&inputs.utc_offset).map_err(str::to_string);

    let mut note = |field: Field, result: &Result<_, String>| {
        if let Err(message) = result {
            errors.push((field, message.clone()));
        }
    };
    note(Field::Capacity, &capacity.clone().map(|_| ()));
    note(Field::Headroom, &headroom.clone().map(|_| ()));
    note(Field::Horizon, &horizon.clone().map(|_| ()));
    note(Field::UtcOffset, &offset.clone().map(|_| ()));

    let plan = match (capacity, headroom, horizon) {
        (Ok(capacity), Ok(headroom), Ok(horizon_days)) => Some(Plan {
            capacity,
            headroom,
            horizon_days,
        }),
        _ => None,
    };
    CapacitySheet {
        plan,
        offset: offset.ok(),
        model: ModelKind::from_slug(inputs.model.trim()).unwrap_or(ModelKind::Linear),
        errors,
    }
}

/// Points per model line kept for drawing (each chart reduces them again to its width).
pub const DRAWN_COLUMNS: usize = 2_000;

/// Every analysis of a series that does not depend on the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub fits: Vec<(ModelKind, Result<Fit, FitError>)>,
    pub backtest: Option<Backtest>,
    pub patterns: Patterns,
    /// The offset the hours were read with (always 0 for a wall-clock series).
    pub offset: UtcOffset,
    /// The history reduced for drawing (lowest and highest per column).
    pub history_drawn: Vec<(i64, f64)>,
    /// Each fitted model at the sample times, reduced for drawing.
    pub fitted_drawn: Vec<(ModelKind, Vec<(i64, f64)>)>,
}

impl Analysis {
    pub fn fit(&self, kind: ModelKind) -> Option<&Result<Fit, FitError>> {
        self.fits.iter().find(|(k, _)| *k == kind).map(|(_, f)| f)
    }

    pub fn fitted_drawn(&self, kind: ModelKind) -> &[(i64, f64)] {
        self.fitted_drawn
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, points)| points.as_slice())
    }
}

/// The analysis done in steps, each a pass or a few over the samples, so the page can let the
/// browser breathe between them on a long series. [`analyse`] runs them all at once.
// FIXME: a step is one whole fit (three passes over every sample), not a bounded slice of
// samples; on a million samples a step takes about 50-100 ms in the browser, and on a slow or
// busy machine up to about 200 ms, so the page can hold for longer than the 100 ms the issue
// allows. Making the passes resumable in slices would bound it.
pub struct AnalysisSteps {
    series: Arc<Series>,
    offset: UtcOffset,
    step: usize,
    fits: Vec<(ModelKind, Result<Fit, FitError>)>,
    split: Option<usize>,
    rows: Vec<(ModelKind, Result<BacktestErrors, FitError>)>,
    patterns: Option<Patterns>,
    history_drawn: Vec<(i64, f64)>,
    fitted_drawn: Vec<(ModelKind, Vec<(i64, f64)>)>,
}

/// Steps: three fits, three backtest fits, the patterns, the history and three fitted lines
/// for drawing.
const STEPS: usize = 11;

impl AnalysisSteps {
    /// A wall-clock series ignores the offset: its times are taken as written.
    pub fn new(series: Arc<Series>, offset: UtcOffset) -> AnalysisSteps {
        let offset = match series.clock() {
            Clock::WallClock => UtcOffset::default(),
            Clock::Utc => offset,
        };
        let split = forecast::backtest_split(series.len());
        AnalysisSteps {
            series,
            offset,
            step: 0,
            fits: Vec::new(),
            split,
            rows: Vec::new(),
            patterns: None,
            history_drawn: Vec::new(),
            fitted_drawn: Vec::new(),
        }
    }

    /// Does the next step; false when all are done.
    pub fn step(&mut self) -> bool {
        let samples = self.series.samples();
        let offset_ms = self.offset.ms();
        match self.step {
            0..=2 => {
                let kind = ModelKind::ALL[self.step];
                self.fits.push((kind, Fit::new(kind, samples, offset_ms)));
            }
            3..=5 => {
                if let Some(split) = self.split {
                    let kind = ModelKind::ALL[self.step - 3];
                    let errors = forecast::backtest_errors(samples, split, kind, offset_ms);
                    self.rows.push((kind, errors));
                }
            }
            6 => self.patterns = Some(patterns::patterns(samples, offset_ms)),
            7 => {
                let points: Vec<(i64, f64)> = samples.iter().map(|s| (s.t_ms, s.value)).collect();
                self.history_drawn = reduce_min_max(&points, DRAWN_COLUMNS);
            }
            8..=10 => {
                let kind = ModelKind::ALL[self.step - 8];
                if let Some((_, Ok(fit))) = self.fits.iter().find(|(k, _)| *k == kind) {
                    let points: Vec<(i64, f64)> = samples
                        .iter()
                        .map(|s| (s.t_ms, fit.value_at(s.t_ms)))
                        .collect();
                    self.fitted_drawn
                        .push((kind, reduce_min_max(&points, DRAWN_COLUMNS)));
                }
            }
            _ => return false,
        }
        self.step += 1;
        self.step < STEPS
    }

    /// The analysis, finishing any steps not done yet.
    pub fn finish(mut self) -> Analysis {
        while self.step() {}
        let samples = self.series.samples();
        let backtest = self
            .split
            .map(|split| forecast::backtest_from(samples, split, self.rows));
        Analysis {
            fits: self.fits,
            backtest,
            patterns: self
                .patterns
                .unwrap_or_else(|| patterns::patterns(samples, self.offset.ms())),
            offset: self.offset,
            history_drawn: self.history_drawn,
            fitted_drawn: self.fitted_drawn,
        }
    }
}

/// Fits every model, runs the backtest and reads the patterns, all at once.
pub fn analyse(series: &Series, offset: UtcOffset) -> Analysis {
    AnalysisSteps::new(Arc::new(series.clone()), offset).finish()
}

/// The capacity date of a workspace for the scenario list: when the chosen model's trend
/// reaches the capacity, as text, and the time when there is one.
pub fn capacity_date(inputs: &CapacityInputs, series: Option<&Series>) -> (String, Option<i64>) {
    use super::forecast::{outlook, Crossing};
    use super::series::{date_of, format_time_on};
    let Some(reference) = &inputs.series else {
        return ("no series imported".to_string(), None);
    };
    let Some(series) = series.filter(|s| s.content_id() == reference.id) else {
        return ("series not in this browser".to_string(), None);
    };
    let sheet = read(inputs);
    let Some(plan) = sheet.plan.filter(|_| sheet.errors.is_empty()) else {
        return ("not valid".to_string(), None);
    };
    if plan.capacity.is_none() {
        return ("no capacity set".to_string(), None);
    }
    let offset = match series.clock() {
        Clock::WallClock => 0,
        Clock::Utc => sheet.offset.unwrap_or_default().ms(),
    };
    let fit = match Fit::new(sheet.model, series.samples(), offset) {
        Ok(fit) => fit,
        Err(_) => return ("no trend".to_string(), None),
    };
    match outlook(&fit, series.last_ms(), &plan).trend_reaches_capacity {
        Some(Crossing::On { t_ms, .. }) => {
            let _ = format_time_on;
            (date_of(t_ms).to_string(), Some(t_ms))
        }
        Some(Crossing::Already) => ("already reached".to_string(), None),
        Some(Crossing::NotWithinHorizon) => {
            (format!("not within {} days", plan.horizon_days), None)
        }
        Some(Crossing::FlatOrFalling) | None => ("flat or falling".to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(capacity: &str, headroom: &str, horizon: &str, offset: &str) -> CapacityInputs {
        CapacityInputs {
            capacity: capacity.into(),
            headroom_percent: headroom.into(),
            horizon_days: horizon.into(),
            utc_offset: offset.into(),
            ..CapacityInputs::default()
        }
    }

    #[test]
    fn every_field_has_its_message() {
        let cases: &[(CapacityInputs, Field, &str)] = &[
            (inputs("-5", "20", "90", ""), Field::Capacity, "negative"),
            (inputs("0", "20", "90", ""), Field::Capacity, "above 0"),
            (
                inputs("1,5", "20", "90", ""),
                Field::Capacity,
                "Not a number",
            ),
            (
                inputs("NaN", "20", "90", ""),
                Field::Capacity,
                "Not a number",
            ),
            (
                inputs("inf", "20", "90", ""),
                Field::Capacity,
                "Not a number",
            ),
            (
                inputs("1e999", "20", "90", ""),
                Field::Capacity,
                "Too large",
            ),
            (
                inputs("80", "", "90", ""),
                Field::Headroom,
                "Enter a number",
            ),
            (inputs("80", "2000", "90", ""), Field::Headroom, "1000%"),
            (inputs("80", "20", "0", ""), Field::Horizon, "1 to 3650"),
            (inputs("80", "20", "4000", ""), Field::Horizon, "1 to 3650"),
            (inputs("80", "20", "2.5", ""), Field::Horizon, "Whole days"),
            (inputs("80", "20", "", ""), Field::Horizon, "Enter"),
            (
                inputs("80", "20", "90", "+25:00"),
                Field::UtcOffset,
                "-14:00",
            ),
            (inputs("80", "20", "90", "cet"), Field::UtcOffset, "+HH:MM"),
        ];
        for (inputs, field, expected) in cases {
            let sheet = read(inputs);
            let message = sheet.error(*field).unwrap_or_else(|| panic!("{inputs:?}"));
            assert!(message.contains(expected), "{inputs:?}: {message}");
        }
    }

    #[test]
    fn valid_inputs_make_a_plan() {
        let sheet = read(&inputs("1.5e3", "20", "90", "+02:00"));
        assert!(sheet.errors.is_empty(), "{:?}", sheet.errors);
        let plan = sheet.plan.unwrap();
        assert_eq!(plan.capacity, Some(1500.0));
        assert_eq!(plan.headroom, 0.2);
        assert_eq!(plan.horizon_days, 90);
        assert_eq!(sheet.offset, Some(UtcOffset { minutes: 120 }));
        assert_eq!(read(&inputs("", "0", "1", "")).plan.unwrap().capacity, None);
    }
}
