//! Reads the Capacity tab's inputs as typed into a validated plan, with a message per wrong
//! field, and runs every analysis of a series once (the fits do not depend on the capacity,
//! so changing it only recomputes the outlook).

use std::sync::Arc;

use super::forecast::{
    self, Backtest, BacktestErrors, BacktestSteps, Fit, FitError, FitSteps, ModelChoice, ModelKind,
    ModelReason, Plan, Season, MAX_HORIZON_DAYS,
};
use super::patterns::{self, PatternSteps, Patterns};
use super::series::{Clock, MinMaxReducer, Scale, Series, UtcOffset};
use super::steps::{run_pass, unlimited, STEP_SAMPLES};
use crate::calc::decimal::{self, days_phrase};
use crate::inputs::{CapacityInputs, HorizonSource};

/// The fields of the tab that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Capacity,
    Headroom,
    Horizon,
    UtcOffset,
    /// The model drop-down, whose saved value may name no model.
    Model,
}

impl Field {
    /// The element id of the field on the page.
    pub fn id(self) -> &'static str {
        match self {
            Field::Capacity => "capacity-limit",
            Field::Headroom => "capacity-headroom",
            Field::Horizon => "capacity-horizon",
            Field::UtcOffset => "capacity-utc-offset",
            Field::Model => "capacity-model",
        }
    }
}

/// The inputs read: each valid part, and a message for each wrong field.
#[derive(Debug, Clone, PartialEq)]
pub struct CapacitySheet {
    pub plan: Option<Plan>,
    /// How an import set the horizon, while it is fitted to the history and not typed over
    /// ([`horizon_fitted_text`]): said by the field's note and the summary alike.
    pub horizon_fitted: Option<String>,
    pub offset: Option<UtcOffset>,
    /// The model the results follow; `None` while the saved value names none of the options
    /// (said as the [`Field::Model`] error): nothing is computed from a guess of it.
    pub model: Option<ModelChoice>,
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

/// `text` with the grouping of its whole part taken out (`18,000.5` → `18000.5`), when it is
/// grouped by [`decimal::parse_count`]'s rule; `None` when there is nothing to take out or the
/// grouping is not that rule's, so the number is then refused as typed.
fn without_grouping(text: &str) -> Option<String> {
    if text.contains(['e', 'E', '-']) {
        return None;
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    if whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole = decimal::parse_count(whole).ok()?;
    Some(match fraction {
        Some(fraction) => format!("{whole}.{fraction}"),
        None => whole.to_string(),
    })
}

/// A plain decimal such as `80`, `2.5` or `1.5e6`: digits, at most one point, an optional
/// exponent; a leading `+`, or a leading `-` on a zero (`-0` is 0, as in the other tabs'
/// fields). The whole part may be grouped in threes as the other tabs' counts are (`18,000`,
/// `1 000 000.5`: [`decimal::parse_count`]'s rule, so `1,5` is refused, never read as 15).
fn parse_number(text: &str) -> Result<f64, String> {
    let text = text.trim().strip_prefix('+').unwrap_or(text.trim());
    if text.is_empty() {
        return Err("Enter a number".into());
    }
    if let Some(unsigned) = text.strip_prefix('-') {
        return match parse_number(unsigned) {
            Ok(value) if value == 0.0 && !unsigned.starts_with(['+', '-']) => Ok(0.0),
            _ => Err("Must not be negative".into()),
        };
    }
    let ungrouped = without_grouping(text);
    let text = ungrouped.as_deref().unwrap_or(text);
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
    if !mantissa_ok || !exponent_ok {
        // A decimal comma is named as every other tab's field names it.
        return Err(decimal::comma_message_reading(text, |candidate| {
            parse_number(candidate).is_ok()
        })
        .unwrap_or_else(|| {
            "Not a number: use digits and a decimal point, for example 80 or 2.5".into()
        }));
    }
    let value: f64 = text.parse().map_err(|_| "Not a number".to_string())?;
    if !value.is_finite() || value > 1e300 {
        return Err("Too large".into());
    }
    Ok(value)
}

/// The model field as saved: `auto` (the default since the automatic choice was added), or a
/// model's name; `None` for a value that names none (which only damaged or hand-edited saved
/// data can hold), which [`unknown_model_message`] says next to the field.
pub fn model_choice(text: &str) -> Option<ModelChoice> {
    ModelChoice::from_slug(text.trim())
}

/// What the model field says of a saved value, `saved`, that names none of its options.
pub fn unknown_model_message(saved: &str) -> String {
    format!(
        "Unknown model “{saved}”: choose Automatic, Linear trend, Exponential growth or a \
         trend + pattern"
    )
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
    // A percentage may carry its sign, as typed elsewhere: `20%`.
    let headroom_text = inputs.headroom_percent.trim();
    let headroom_text = headroom_text.strip_suffix('%').unwrap_or(headroom_text);
    let headroom = match parse_number(headroom_text) {
        Ok(v) if v <= 1_000.0 => Ok(v / 100.0),
        Ok(_) => Err("Headroom goes up to 1000%".to_string()),
        Err(e) => Err(e.to_string()),
    };
    let horizon = {
        let text = inputs.horizon_days.trim();
        // `-0` is 0 days, judged as 0 is.
        let text = match text.strip_prefix('-') {
            Some(zeros) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => zeros,
            _ => text,
        };
        match text.parse::<u32>() {
            Ok(d) if (1..=MAX_HORIZON_DAYS).contains(&d) => Ok(d),
            Ok(_) => Err(format!(
                "The horizon is 1 to {MAX_HORIZON_DAYS} days (10 years)"
            )),
            Err(_) if text.is_empty() => Err("Enter a number of days".to_string()),
            Err(_) if text.contains(['e', 'E']) && text.parse::<f64>().is_ok() => {
                Err("Write the days out in digits, for example 90: exponents are not read".into())
            }
            Err(_) => {
                let reads = |days: &str| {
                    days.parse::<u32>()
                        .is_ok_and(|d| (1..=MAX_HORIZON_DAYS).contains(&d))
                };
                Err(decimal::whole_comma_message(text, reads)
                    .unwrap_or_else(|| "Whole days, for example 90".to_string()))
            }
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
    let model = model_choice(&inputs.model);
    if model.is_none() {
        errors.push((Field::Model, unknown_model_message(&inputs.model)));
    }

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
        horizon_fitted: horizon_fitted_text(inputs),
        offset: offset.ok(),
        model,
        errors,
    }
}

/// The horizon, in days, an import fits to a history of `span_days` (first sample to last): the
/// longest within [`forecast::EXTRAPOLATION_SPANS`] times the span (so the forecast is not far
/// past the data), at least 1 day and at most the default.
fn horizon_for_history(span_days: f64) -> u32 {
    let within = f64::from(forecast::EXTRAPOLATION_SPANS) * span_days.max(0.0);
    (within.floor().min(f64::from(default_horizon_days())) as u32).max(1)
}

/// The default horizon, in days, as a new tab has it.
fn default_horizon_days() -> u32 {
    CapacityInputs::default().horizon_days.parse().unwrap_or(90)
}

/// What an import of a series spanning `span_days` does to the horizon: one the person has not
/// typed (the default, untouched, or one an earlier import set) becomes the longest within the
/// rule for far-past-data warnings ([`horizon_for_history`]), marked as set from the history
/// while it is not the default; one typed, or saved before the tab told typed from default
/// and other than the default, is kept.
pub fn fit_horizon_to_history(inputs: &mut CapacityInputs, span_days: f64) {
    let default = CapacityInputs::default().horizon_days;
    let untouched = match inputs.horizon_source {
        HorizonSource::Default => inputs.horizon_days.trim() == default,
        HorizonSource::History => true,
        HorizonSource::Typed => false,
    };
    if !untouched {
        return;
    }
    let days = horizon_for_history(span_days);
    inputs.horizon_days = days.to_string();
    inputs.horizon_source = if days == default_horizon_days() {
        HorizonSource::Default
    } else {
        HorizonSource::History
    };
}

/// What an import set the horizon to and why, while it is fitted to the history
/// ([`fit_horizon_to_history`]) and not typed over; `None` otherwise.
pub fn horizon_fitted_text(inputs: &CapacityInputs) -> Option<String> {
    if inputs.horizon_source != HorizonSource::History {
        return None;
    }
    let days = inputs.horizon_days.trim();
    let default = days_phrase(&default_horizon_days().to_string());
    let set = if days == "1" {
        "Set to 1 day, the shortest horizon, for this short history".to_string()
    } else {
        format!(
            "Set to {}, the longest horizon within {} times the imported history, so the \
             forecast stays near the data",
            days_phrase(days),
            forecast::EXTRAPOLATION_SPANS
        )
    };
    Some(format!(
        "{set} (the default, {default}, would reach far past it)."
    ))
}

/// What the horizon field says while an import has set it: [`horizon_fitted_text`], and that
/// typing one keeps it. `None` otherwise.
pub fn horizon_note(inputs: &CapacityInputs) -> Option<String> {
    horizon_fitted_text(inputs).map(|set| format!("{set} Type a horizon to choose your own."))
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
    /// The scale the figures are read against (what is float noise around zero).
    pub scale: Scale,
    /// The hour buckets the pattern model is fitted with to the whole series
    /// ([`Season::for_span`]; `None` when it is too short for it): what its name says.
    pub season: Option<Season>,
}

impl Analysis {
    pub fn fit(&self, kind: ModelKind) -> Option<&Result<Fit, FitError>> {
        self.fits.iter().find(|(k, _)| *k == kind).map(|(_, f)| f)
    }

    /// The model `choice` means for this series, and why ([`forecast::resolve`]).
    pub fn model_for(&self, choice: ModelChoice) -> (ModelKind, ModelReason) {
        forecast::resolve(choice, self.backtest.as_ref(), |kind| {
            matches!(self.fit(kind), Some(Ok(_)))
        })
    }

    /// The hour buckets of the pattern model as fitted to the whole series; `None` when it
    /// could not be fitted.
    pub fn pattern(&self) -> Option<Season> {
        match self.fit(ModelKind::Seasonal) {
            Some(Ok(Fit::Seasonal(fit))) => Some(fit.season),
            _ => None,
        }
    }

    pub fn fitted_drawn(&self, kind: ModelKind) -> &[(i64, f64)] {
        self.fitted_drawn
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, points)| points.as_slice())
    }
}

/// Where the analysis stands: the stages in order, each resumable.
#[derive(Debug)]
enum Stage {
    /// Fitting model `ModelKind::ALL[i]` to every sample.
    Fit(usize, FitSteps),
    /// The backtest of model `i` (none when the series is too short).
    Backtest(usize, BacktestSteps),
    Patterns(PatternSteps),
    /// The history reduced for drawing, from sample `next` on.
    History {
        next: usize,
        reducer: MinMaxReducer,
    },
    /// Model `i` at every sample time, reduced for drawing (skipped when it has no fit).
    Fitted {
        index: usize,
        next: usize,
        drawn: Option<(Fit, MinMaxReducer)>,
    },
    Done,
}

/// The number of stages: three fits, three backtests, the patterns, the history and three
/// fitted lines for drawing.
const STAGES: usize = 11;

/// The analysis done in resumable steps: every stage (each fit, each backtest row, the
/// patterns, the lines reduced for drawing) goes a slice of at most
/// [`STEP_SAMPLES`](super::steps::STEP_SAMPLES) samples at a time, so the page can let the
/// browser breathe between steps on a long series. The results are exactly those of doing
/// each stage at once ([`analyse`]).
pub struct AnalysisSteps {
    series: Arc<Series>,
    offset: UtcOffset,
    split: Option<usize>,
    stage: Stage,
    fits: Vec<(ModelKind, Result<Fit, FitError>)>,
    rows: Vec<(ModelKind, Result<BacktestErrors, FitError>)>,
    patterns: Option<Patterns>,
    history_drawn: Vec<(i64, f64)>,
    fitted_drawn: Vec<(ModelKind, Vec<(i64, f64)>)>,
}

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
            split,
            stage: Stage::Fit(0, FitSteps::new(ModelKind::ALL[0], offset.ms())),
            fits: Vec::new(),
            rows: Vec::new(),
            patterns: None,
            history_drawn: Vec::new(),
            fitted_drawn: Vec::new(),
        }
    }

    /// The share of the stages done, from 0 to 1.
    pub fn progress(&self) -> f64 {
        let done = match &self.stage {
            Stage::Fit(i, _) => *i,
            Stage::Backtest(i, _) => 3 + i,
            Stage::Patterns(_) => 6,
            Stage::History { .. } => 7,
            Stage::Fitted { index, .. } => 8 + index,
            Stage::Done => STAGES,
        };
        done as f64 / STAGES as f64
    }

    /// Does the next slice of work (at most [`STEP_SAMPLES`] samples of one pass, or a little
    /// more where a stage ends); false when all is done.
    pub fn step(&mut self) -> bool {
        self.step_by(STEP_SAMPLES)
    }

    /// Does the next slice of at most `samples` work units (at least one); false when all is
    /// done. The results do not depend on the slice sizes.
    pub fn step_by(&mut self, samples: usize) -> bool {
        self.step_within(&mut samples.max(1))
    }

    fn step_within(&mut self, budget: &mut usize) -> bool {
        let series = self.series.clone();
        let samples = series.samples();
        let offset_ms = self.offset.ms();
        loop {
            let next_stage = match &mut self.stage {
                Stage::Done => return false,
                Stage::Fit(i, steps) => {
                    let i = *i;
                    let Some(fit) = steps.step(samples, budget) else {
                        return true;
                    };
                    self.fits.push((ModelKind::ALL[i], fit));
                    if i + 1 < ModelKind::ALL.len() {
                        Stage::Fit(i + 1, FitSteps::new(ModelKind::ALL[i + 1], offset_ms))
                    } else {
                        self.backtest_stage(0)
                    }
                }
                Stage::Backtest(i, steps) => {
                    let i = *i;
                    let Some(errors) = steps.step(samples, budget) else {
                        return true;
                    };
                    self.rows.push((ModelKind::ALL[i], errors));
                    self.backtest_stage(i + 1)
                }
                Stage::Patterns(steps) => {
                    let Some(patterns) = steps.step(samples, budget) else {
                        return true;
                    };
                    self.patterns = Some(patterns);
                    Stage::History {
                        next: 0,
                        reducer: self.reducer(),
                    }
                }
                Stage::History { next, reducer } => {
                    if !run_pass(next, samples.len(), budget, |i| {
                        reducer.push(samples[i].t_ms, samples[i].value);
                    }) {
                        return true;
                    }
                    let reducer = std::mem::replace(reducer, MinMaxReducer::new(0, 0, 0, 0));
                    self.history_drawn = reducer.finish();
                    self.fitted_stage(0)
                }
                Stage::Fitted { index, next, drawn } => {
                    let index = *index;
                    if let Some((fit, reducer)) = drawn {
                        if !run_pass(next, samples.len(), budget, |i| {
                            reducer.push(samples[i].t_ms, fit.value_at(samples[i].t_ms));
                        }) {
                            return true;
                        }
                    }
                    if let Some((_, reducer)) = drawn.take() {
                        self.fitted_drawn
                            .push((ModelKind::ALL[index], reducer.finish()));
                    }
                    self.fitted_stage(index + 1)
                }
            };
            self.stage = next_stage;
        }
    }

    /// A reducer for a line over every sample time.
    fn reducer(&self) -> MinMaxReducer {
        MinMaxReducer::new(
            self.series.len(),
            self.series.first_ms(),
            self.series.last_ms(),
            DRAWN_COLUMNS,
        )
    }

    /// The backtest of model `i`, or what follows the backtests (also when there is none).
    fn backtest_stage(&mut self, i: usize) -> Stage {
        match self.split {
            Some(split) if i < ModelKind::ALL.len() => Stage::Backtest(
                i,
                BacktestSteps::new(ModelKind::ALL[i], split, self.offset.ms()),
            ),
            _ => Stage::Patterns(PatternSteps::new(self.offset.ms())),
        }
    }

    /// Model `i`'s line for drawing, skipping models that could not be fitted.
    fn fitted_stage(&mut self, i: usize) -> Stage {
        if i >= ModelKind::ALL.len() {
            return Stage::Done;
        }
        let kind = ModelKind::ALL[i];
        let fit = self.fits.iter().find(|(k, _)| *k == kind);
        Stage::Fitted {
            index: i,
            next: 0,
            drawn: match fit {
                Some((_, Ok(fit))) => Some((fit.clone(), self.reducer())),
                _ => None,
            },
        }
    }

    /// The analysis, finishing any steps not done yet.
    pub fn finish(mut self) -> Analysis {
        while self.step_within(&mut unlimited()) {}
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
            scale: self.series.scale(),
            season: Season::of_series(&self.series),
        }
    }
}

/// Fits every model, runs the backtest and reads the patterns, all at once.
pub fn analyse(series: &Series, offset: UtcOffset) -> Analysis {
    AnalysisSteps::new(Arc::new(series.clone()), offset).finish()
}

/// The capacity date of a workspace for the scenario list: when the trend of the model chosen
/// (the backtest's best when automatic, as the Capacity tab shows) reaches the capacity, as
/// text, and the time when there is one. Fits the model at once; the page fits long series in
/// steps through [`capacity_date_with`].
pub fn capacity_date(inputs: &CapacityInputs, series: Option<&Series>) -> (String, Option<i64>) {
    capacity_date_with(inputs, series, |choice, offset_ms, series| {
        Some(forecast::chosen_fit(choice, series.samples(), offset_ms))
    })
    // Never taken: a fit worked out at once is always there.
    .unwrap_or_else(|| ("no trend".to_string(), None))
}

/// [`capacity_date`], with the fit of the model chosen (the choice and the clock offset of its
/// hour buckets; see [`forecast::chosen_fit`]) asked of `fit`; `None` when `fit` does not have
/// it yet (being worked out in steps), and only then.
pub fn capacity_date_with(
    inputs: &CapacityInputs,
    series: Option<&Series>,
    fit: impl FnOnce(ModelChoice, i64, &Series) -> Option<Result<Fit, FitError>>,
) -> Option<(String, Option<i64>)> {
    use super::forecast::{outlook, Crossing};
    use super::series::{date_of, AFTER_YEAR_9999};
    let Some(reference) = &inputs.series else {
        return Some(("no series imported".to_string(), None));
    };
    let Some(series) = series.filter(|s| s.content_id() == reference.id) else {
        return Some(("series not in this browser".to_string(), None));
    };
    let sheet = read(inputs);
    let Some(plan) = sheet.plan.filter(|_| sheet.errors.is_empty()) else {
        return Some(("not valid".to_string(), None));
    };
    if plan.capacity.is_none() {
        return Some(("no capacity set".to_string(), None));
    }
    let offset = match series.clock() {
        Clock::WallClock => 0,
        Clock::Utc => sheet.offset.unwrap_or_default().ms(),
    };
    let Some(model) = sheet.model else {
        return Some(("not valid".to_string(), None));
    };
    let Ok(fit) = fit(model, offset, series)? else {
        return Some(("no trend".to_string(), None));
    };
    Some(
        match outlook(&fit, series.last_ms(), &plan).trend_reaches_capacity {
            Some(Crossing::On { t_ms, .. }) => (
                date_of(t_ms).map_or_else(|| AFTER_YEAR_9999.to_string(), |date| date.to_string()),
                Some(t_ms),
            ),
            Some(Crossing::Already) => ("already reached".to_string(), None),
            Some(Crossing::NotWithinHorizon) => (
                format!("not within {}", days_phrase(&plan.horizon_days.to_string())),
                None,
            ),
            Some(Crossing::FlatOrFalling) | None => ("flat or falling".to_string(), None),
        },
    )
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
    fn grouped_numbers_and_a_percent_sign_read_as_on_the_other_tabs() {
        for (typed, value) in [
            ("18,000", 18_000.0),
            ("1 000 000.5", 1_000_000.5),
            ("+2_500", 2_500.0),
            ("18000", 18_000.0),
        ] {
            assert_eq!(parse_number(typed), Ok(value), "{typed}");
        }
        // A decimal comma or another grouping is never read as a larger number.
        for typed in ["1,5", "1,00,000", "18,000e3", "-18,000", "1 234,5"] {
            assert!(parse_number(typed).is_err(), "{typed}");
        }
        let sheet = read(&inputs("18,000", "20%", "90", ""));
        assert!(sheet.errors.is_empty(), "{:?}", sheet.errors);
        let plan = sheet.plan.unwrap();
        assert_eq!(plan.capacity, Some(18_000.0));
        assert_eq!(plan.headroom, 0.2);
    }

    #[test]
    fn every_field_has_its_message() {
        let cases: &[(CapacityInputs, Field, &str)] = &[
            (inputs("-5", "20", "90", ""), Field::Capacity, "negative"),
            (inputs("0", "20", "90", ""), Field::Capacity, "above 0"),
            // `-0` is 0, judged as 0 is, never called negative.
            (inputs("-0", "20", "90", ""), Field::Capacity, "above 0"),
            (inputs("-0.0", "20", "90", ""), Field::Capacity, "above 0"),
            (inputs("-0.5", "20", "90", ""), Field::Capacity, "negative"),
            (inputs("80", "20", "-0", ""), Field::Horizon, "1 to 3650"),
            (
                inputs("1,5", "20", "90", ""),
                Field::Capacity,
                "Use a point for decimals: 1.5",
            ),
            (
                inputs("1,5,5", "20", "90", ""),
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
            (
                inputs("80", "20", "2,5", ""),
                Field::Horizon,
                "Enter a whole number: 2,5 has decimals",
            ),
            (
                inputs("80", "20", "1,000", ""),
                Field::Horizon,
                "Thousands separators are not read here: write 1000",
            ),
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
    fn minus_zero_is_read_as_zero() {
        // The headroom and capacity fields called `-0` negative.
        for headroom in ["-0", "-0%", "-0.00", "-0e3"] {
            let sheet = read(&inputs("80", headroom, "90", ""));
            assert!(sheet.errors.is_empty(), "{headroom}: {:?}", sheet.errors);
            let headroom = sheet.plan.unwrap().headroom;
            assert!(headroom == 0.0 && headroom.is_sign_positive());
        }
        assert_eq!(parse_number("-0"), Ok(0.0));
        assert_eq!(parse_number("-5"), Err("Must not be negative".to_string()));
        assert_eq!(
            parse_number("-18,000"),
            Err("Must not be negative".to_string())
        );
        assert!(parse_number("--0").is_err());
        assert!(parse_number("-").is_err());
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

    #[test]
    fn the_automatic_choice_follows_the_best_in_the_backtest_or_says_why_not() {
        use super::super::forecast::{resolve, BacktestErrors};
        use ModelKind::{Exponential, Linear, Seasonal};
        let errors = |mae: f64| Ok(BacktestErrors { mae, rmse: mae });
        let backtest = |best: Option<ModelKind>| Backtest {
            train_len: 8,
            test_len: 2,
            split_ms: 0,
            rows: vec![(Linear, errors(3.0)), (Exponential, errors(1.0))],
            best,
            train_season: None,
        };
        let all = |_: ModelKind| true;
        let not_exponential = |kind: ModelKind| kind != Exponential;
        let only_seasonal = |kind: ModelKind| kind == Seasonal;
        let none = |_: ModelKind| false;
        let auto = ModelChoice::Auto;
        // (choice, backtest, which models fit the whole series, the model, why)
        type Case<'a> = (
            ModelChoice,
            Option<&'a Backtest>,
            &'a dyn Fn(ModelKind) -> bool,
            ModelKind,
            ModelReason,
        );
        let best = backtest(Some(Exponential));
        let no_best = backtest(None);
        let cases: Vec<Case> = vec![
            (
                auto,
                Some(&best),
                &all,
                Exponential,
                ModelReason::BestInBacktest,
            ),
            // The best cannot be fitted to the whole series (a value of 0 held out).
            (
                auto,
                Some(&best),
                &not_exponential,
                Linear,
                ModelReason::NoBestInBacktest,
            ),
            (
                auto,
                Some(&best),
                &only_seasonal,
                Seasonal,
                ModelReason::NoBestInBacktest,
            ),
            (
                auto,
                Some(&no_best),
                &all,
                Linear,
                ModelReason::NoBestInBacktest,
            ),
            (auto, None, &all, Linear, ModelReason::NoBacktest),
            (
                auto,
                None,
                &only_seasonal,
                Seasonal,
                ModelReason::NoBacktest,
            ),
            // Nothing fits: the linear trend, whose message is shown.
            (auto, None, &none, Linear, ModelReason::NoBacktest),
            (
                ModelChoice::Picked(Seasonal),
                Some(&best),
                &all,
                Seasonal,
                ModelReason::Picked,
            ),
            (
                ModelChoice::Picked(Exponential),
                None,
                &none,
                Exponential,
                ModelReason::Picked,
            ),
        ];
        for (choice, backtest, fits, kind, reason) in cases {
            assert_eq!(
                resolve(choice, backtest, fits),
                (kind, reason),
                "{choice:?} {backtest:?}"
            );
        }
    }

    #[test]
    fn the_scenario_lists_fit_of_a_choice_is_the_one_the_tab_shows() {
        use super::super::forecast::{chosen_fit, ChosenFitSteps};
        use super::super::series::{Sample, MS_PER_HOUR};
        let series = |values: &[f64], step_ms: i64| {
            let samples = values
                .iter()
                .enumerate()
                .map(|(i, v)| Sample {
                    t_ms: i as i64 * step_ms,
                    value: *v,
                })
                .collect();
            Series::new("s".into(), Clock::Utc, samples).unwrap().0
        };
        let daily: Vec<f64> = (0..60)
            .map(|h| 10.0 + (h % 24) as f64 + h as f64 * 0.01)
            .collect();
        let growing: Vec<f64> = (0..60).map(|d| 100.0 * 1.05f64.powi(d)).collect();
        // A 0 in the held-out part: the exponential model is scored (fitted on the first 80%)
        // but cannot be fitted to the whole series.
        let mut zero_late = growing.clone();
        zero_late[55] = 0.0;
        let cases = [
            series(&daily, MS_PER_HOUR),
            series(&growing, MS_PER_HOUR * 24),
            series(&zero_late, MS_PER_HOUR * 24),
            series(&[1.0, 2.0, 4.0], MS_PER_HOUR),
            series(&[5.0; 50], MS_PER_HOUR),
        ];
        for s in &cases {
            let analysis = analyse(s, UtcOffset::default());
            for choice in ModelChoice::ALL {
                let (kind, _) = analysis.model_for(choice);
                let shown = analysis.fit(kind).cloned().unwrap();
                assert_eq!(chosen_fit(choice, s.samples(), 0), shown, "{choice:?}");
                let mut steps = ChosenFitSteps::new(choice, 0);
                let in_steps = loop {
                    if let Some(fit) = steps.step(s.samples(), &mut 7) {
                        break fit;
                    }
                };
                assert_eq!(in_steps, shown, "{choice:?} in steps");
            }
        }
        let reasons: Vec<ModelReason> = cases
            .iter()
            .map(|s| {
                analyse(s, UtcOffset::default())
                    .model_for(ModelChoice::Auto)
                    .1
            })
            .collect();
        assert_eq!(reasons[3], ModelReason::NoBacktest);
        assert_eq!(reasons[1], ModelReason::BestInBacktest);
    }

    #[test]
    fn the_model_field_reads_auto_by_default_and_old_saves_as_they_were() {
        assert_eq!(
            read(&CapacityInputs::default()).model,
            Some(ModelChoice::Auto)
        );
        let missing: CapacityInputs = serde_json::from_str(r#"{"capacity":"80"}"#).unwrap();
        assert_eq!(read(&missing).model, Some(ModelChoice::Auto));
        for (saved, choice) in [
            ("auto", ModelChoice::Auto),
            ("linear", ModelChoice::Picked(ModelKind::Linear)),
            (" seasonal ", ModelChoice::Picked(ModelKind::Seasonal)),
            ("exponential", ModelChoice::Picked(ModelKind::Exponential)),
        ] {
            assert_eq!(model_choice(saved), Some(choice), "{saved:?}");
        }
    }

    /// Regression: a saved model naming none of the options ("magic", in damaged or hand-edited
    /// saved data) was read as the linear trend with no word, and every result followed it.
    #[test]
    fn an_unknown_saved_model_is_said_and_nothing_is_computed_from_it() {
        use super::super::series::{Sample, MS_PER_DAY};
        let samples: Vec<Sample> = (0..=30)
            .map(|d| Sample {
                t_ms: 1_700_000_000_000 + d * MS_PER_DAY,
                value: 10.0 + d as f64 + if d % 2 == 0 { 0.25 } else { -0.25 },
            })
            .collect();
        let (series, _) = Series::new("cpu".into(), Clock::Utc, samples).unwrap();
        let mut typed = inputs("50", "20", "90", "");
        typed.series = Some(crate::inputs::SeriesRef {
            id: series.content_id(),
            name: "cpu".into(),
            samples: 31,
        });
        assert!(capacity_date(&typed, Some(&series)).0.starts_with("20"));
        for saved in ["magic", "Linear", ""] {
            typed.model = saved.into();
            let sheet = read(&typed);
            assert_eq!(sheet.model, None, "{saved:?}");
            assert_eq!(
                sheet.error(Field::Model),
                Some(
                    format!(
                        "Unknown model “{saved}”: choose Automatic, Linear trend, Exponential \
                         growth or a trend + pattern"
                    )
                    .as_str()
                ),
            );
            assert_eq!(
                capacity_date(&typed, Some(&series)),
                ("not valid".to_string(), None),
                "{saved:?}"
            );
        }
    }

    #[test]
    fn a_capacity_date_after_the_year_9999_is_not_a_date_in_it() {
        use super::super::series::{Sample, MAX_TIME_MS, MS_PER_DAY};
        // One more a day for 30 days, the last sample 100 days before the end of 9999: 1,000
        // is reached about 960 days later. It read 9999-12-31.
        let first_ms = MAX_TIME_MS - 130 * MS_PER_DAY;
        let samples: Vec<Sample> = (0..=30)
            .map(|d| Sample {
                t_ms: first_ms + d * MS_PER_DAY,
                value: 10.0 + d as f64 + if d % 2 == 0 { 0.25 } else { -0.25 },
            })
            .collect();
        let (series, _) = Series::new("cpu".into(), Clock::Utc, samples).unwrap();
        let mut typed = inputs("1000", "20", "3650", "");
        typed.series = Some(crate::inputs::SeriesRef {
            id: series.content_id(),
            name: "cpu".into(),
            samples: 31,
        });
        let (text, t_ms) = capacity_date(&typed, Some(&series));
        assert_eq!(text, "after the year 9999");
        assert!(t_ms.is_some_and(|t| t > MAX_TIME_MS), "{t_ms:?}");
        typed.capacity = "50".into();
        assert!(capacity_date(&typed, Some(&series)).0.starts_with("9999-"));
    }

    #[test]
    fn an_import_fits_an_untouched_horizon_to_the_history_and_never_a_typed_one() {
        use crate::inputs::HorizonSource::{Default, History, Typed};
        // A 14-day history under the default 90-day horizon: the first result warned that the
        // forecast ran more than 3 times the history past the data.
        let two_seconds = 2.0 / 86_400.0;
        // (set by, horizon as typed, span of the imported history in days, horizon and setter
        // after it)
        let cases = [
            (Default, "90", 14.0, "42", History),
            (Default, "90", 14.1, "42", History),
            (Default, "90", 19.5, "58", History),
            (Default, "90", 30.0, "90", Default),
            (Default, "90", 400.0, "90", Default),
            (Default, "90", two_seconds, "1", History),
            (Default, "90", 0.0, "1", History),
            // Saved before the tab told typed from default: a horizon other than 90 was typed.
            (Default, "120", 14.0, "120", Default),
            (Default, "", 14.0, "", Default),
            (Typed, "90", 14.0, "90", Typed),
            (Typed, "7", 1.0, "7", Typed),
            // Set by an earlier import and not typed over since: the new history decides.
            (History, "42", 5.0, "15", History),
            (History, "42", 60.0, "90", Default),
        ];
        for (source, typed, span_days, horizon, source_after) in cases {
            let mut inputs = CapacityInputs {
                horizon_days: typed.into(),
                horizon_source: source,
                ..CapacityInputs::default()
            };
            fit_horizon_to_history(&mut inputs, span_days);
            let case = (source, typed, span_days);
            assert_eq!(inputs.horizon_days, horizon, "{case:?}");
            assert_eq!(inputs.horizon_source, source_after, "{case:?}");
            // The horizon set is never far past the data unless the history is under a day.
            if source_after == History && horizon != "1" {
                let days: u32 = horizon.parse().unwrap();
                assert!(!forecast::far_past_data(days, span_days), "{case:?}");
                assert!(forecast::far_past_data(days + 1, span_days), "{case:?}");
            }
        }
    }

    #[test]
    fn a_horizon_fitted_to_the_history_says_so_until_it_is_typed_over() {
        use crate::inputs::HorizonSource::{Default, History, Typed};
        let cases = [
            (
                History,
                "42",
                Some(
                    "Set to 42 days, the longest horizon within 3 times the imported history, so \
                     the forecast stays near the data (the default, 90 days, would reach far past \
                     it). Type a horizon to choose your own.",
                ),
            ),
            (
                History,
                "1",
                Some(
                    "Set to 1 day, the shortest horizon, for this short history (the default, \
                     90 days, would reach far past it). Type a horizon to choose your own.",
                ),
            ),
            (Default, "90", None),
            (Typed, "42", None),
        ];
        for (source, horizon, expected) in cases {
            let inputs = CapacityInputs {
                horizon_days: horizon.into(),
                horizon_source: source,
                ..CapacityInputs::default()
            };
            assert_eq!(horizon_note(&inputs).as_deref(), expected, "{source:?}");
        }
    }
}
