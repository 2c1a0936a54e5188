//! Trend models of a series and what they say about capacity.
//!
//! Time is x = fractional days since the first sample (every sample keeps its own time, to the
//! millisecond). Three models are fitted by ordinary least squares:
//! - **linear**: value = a + b·x;
//! - **exponential**: ln(value) = a + b·x, when every value is above 0 (R² and the residual
//!   standard deviation are then on the log scale; growth per day is e^b − 1);
//! - **seasonal**: value = b·x + s_k, one level s_k per hour of the week (168 buckets) when the
//!   series spans at least 14 days, else per hour of the day (24) when it spans at least 2 days.
//!   This is the least-squares fit of a trend plus hour-of-week means (the "within" estimator:
//!   b = Σ(x−x̄_k)(y−ȳ_k) / Σ(x−x̄_k)², s_k = ȳ_k − b·x̄_k), chosen over MSTL + ETS from the
//!   `augurs` crates, which add about 156 KB gzip to the page (see README). Hours come from the
//!   series' clock shifted by the UTC-offset setting.
//!
//! A series whose every value is the same is fitted by every model as a flat trend through that
//! value, exactly (slope 0, residual standard deviation 0); its R² is 1 − 0/0, not defined, and
//! is `None`.
//!
//! The 95% prediction interval of a new value at x₀ is ŷ ± t₀.₉₇₅,ν · s · √(1 + h(x₀)), with s
//! the residual standard deviation on ν degrees of freedom and h the leverage: 1/n + (x₀−x̄)²/Sxx
//! for the linear fits (ν = n − 2), 1/n_k + (x₀−x̄_k)²/Sxx_within for the seasonal one
//! (ν = n − K − 1 with K buckets that hold samples). The exponential interval is the log-scale
//! interval mapped back with e^.

use super::series::{hour_and_weekday, Sample, Series, MAX_ABS_VALUE, MS_PER_DAY, MS_PER_HOUR};
use super::steps::{run_pass, unlimited};
use super::student_t::t_975;

/// Days in a month for the "per month" slope: 365.2425 / 12 (the mean Gregorian month).
pub const DAYS_PER_MONTH: f64 = 30.436_875;
/// The longest forecast horizon, in days (10 years).
pub const MAX_HORIZON_DAYS: u32 = 3_650;
/// Share of the samples the backtest fits on; the rest is the test.
pub const BACKTEST_TRAIN_SHARE: f64 = 0.8;
/// How many times the history's span (its first sample to its last) a horizon may be before
/// the page warns that the forecast is carried far past the data ([`far_past_data`]). A trend
/// fitted over a span is known to about the span's own scale: at three spans ahead an error in
/// the slope weighs three times what it does across the data, and an exponential trend's
/// compounds. The rule is a convention for when to warn, not a statistical bound (the 95% band
/// widens with the distance by its own formula).
pub const EXTRAPOLATION_SPANS: u32 = 3;

/// Whether a horizon of `horizon_days` carries the forecast far past a history that spans
/// `span_days`: more than [`EXTRAPOLATION_SPANS`] times the span (so 21 days over a week of
/// history is not, 22 days is).
pub fn far_past_data(horizon_days: u32, span_days: f64) -> bool {
    f64::from(horizon_days) > f64::from(EXTRAPOLATION_SPANS) * span_days.max(0.0)
}

/// The pattern model's pattern where it is fitted per hour of the day, and why.
const HOUR_OF_DAY: &str = "hour-of-day pattern (the series is shorter than two weeks)";

/// The forecast models, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelKind {
    Linear,
    Exponential,
    Seasonal,
}

impl ModelKind {
    pub const ALL: [ModelKind; 3] = [
        ModelKind::Linear,
        ModelKind::Exponential,
        ModelKind::Seasonal,
    ];

    /// The name in saved inputs: `linear`, `exponential`, `seasonal`.
    pub fn slug(self) -> &'static str {
        match self {
            ModelKind::Linear => "linear",
            ModelKind::Exponential => "exponential",
            ModelKind::Seasonal => "seasonal",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ModelKind> {
        ModelKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The name on the page, for a series whose pattern model is fitted with `season`'s hour
    /// buckets ([`Season::for_span`]; `None` where there is no series, or one too short for
    /// the pattern model): `Trend + hour-of-day pattern (the series is shorter than two weeks)`
    /// where it is fitted per hour of the day.
    pub fn title(self, season: Option<Season>) -> String {
        match (self, season) {
            (ModelKind::Linear, _) => "Linear trend".to_string(),
            (ModelKind::Exponential, _) => "Exponential growth".to_string(),
            (ModelKind::Seasonal, Some(Season::HourOfDay)) => format!("Trend + {HOUR_OF_DAY}"),
            (ModelKind::Seasonal, _) => "Trend + hour-of-week pattern".to_string(),
        }
    }

    /// The name within a sentence, as [`ModelKind::title`]: `the linear trend`.
    pub fn in_sentence(self, season: Option<Season>) -> String {
        match (self, season) {
            (ModelKind::Linear, _) => "the linear trend".to_string(),
            (ModelKind::Exponential, _) => "exponential growth".to_string(),
            (ModelKind::Seasonal, Some(Season::HourOfDay)) => format!("the trend + {HOUR_OF_DAY}"),
            (ModelKind::Seasonal, _) => "the trend + hour-of-week pattern".to_string(),
        }
    }
}

/// Which model the plan follows, as chosen in the model field: automatically the best in the
/// backtest (the default), or one picked by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ModelChoice {
    /// The model with the lowest backtest MAE ([`Backtest::best`]); see [`ModelReason`] for
    /// what is used when there is none.
    #[default]
    Auto,
    Picked(ModelKind),
}

impl ModelChoice {
    /// Every choice, in the order the model field lists them.
    pub const ALL: [ModelChoice; 4] = [
        ModelChoice::Auto,
        ModelChoice::Picked(ModelKind::Linear),
        ModelChoice::Picked(ModelKind::Exponential),
        ModelChoice::Picked(ModelKind::Seasonal),
    ];

    /// The name in saved inputs: `auto`, or the model's own ([`ModelKind::slug`]).
    pub fn slug(self) -> &'static str {
        match self {
            ModelChoice::Auto => "auto",
            ModelChoice::Picked(kind) => kind.slug(),
        }
    }

    pub fn from_slug(slug: &str) -> Option<ModelChoice> {
        ModelChoice::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// The name in the model field, for a series whose pattern model is fitted with `season`'s
    /// hour buckets (see [`ModelKind::title`]).
    pub fn title(self, season: Option<Season>) -> String {
        match self {
            ModelChoice::Auto => "Automatic: the best in the backtest".to_string(),
            ModelChoice::Picked(kind) => kind.title(season),
        }
    }
}

/// Why the plan follows the model it does ([`resolve`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelReason {
    /// Picked in the model field.
    Picked,
    /// Automatic: the lowest MAE in the backtest.
    BestInBacktest,
    /// Automatic, and the series is too short for a backtest (under 4 samples): the first
    /// model in list order (the simplest) that can be fitted.
    NoBacktest,
    /// Automatic, and the backtest has no best model that can be fitted to the whole series
    /// (none could be scored, or the best cannot be fitted to all of it, as the exponential
    /// model when a held-out value is 0): the first model in list order that can be fitted.
    NoBestInBacktest,
}

/// The model `choice` means for a series, from its `backtest` (if there is one) and whether
/// each model can be fitted to the whole series (`fits`). Automatic follows the backtest's
/// best; without one, the first model in list order that fits (the linear trend when none
/// does, so its message is shown).
pub fn resolve(
    choice: ModelChoice,
    backtest: Option<&Backtest>,
    fits: impl Fn(ModelKind) -> bool,
) -> (ModelKind, ModelReason) {
    let simplest = |reason| {
        let kind = ModelKind::ALL
            .into_iter()
            .find(|kind| fits(*kind))
            .unwrap_or(ModelKind::Linear);
        (kind, reason)
    };
    match (choice, backtest) {
        (ModelChoice::Picked(kind), _) => (kind, ModelReason::Picked),
        (ModelChoice::Auto, None) => simplest(ModelReason::NoBacktest),
        (ModelChoice::Auto, Some(backtest)) => match backtest.best.filter(|best| fits(*best)) {
            Some(best) => (best, ModelReason::BestInBacktest),
            None => simplest(ModelReason::NoBestInBacktest),
        },
    }
}

/// Why a model could not be fitted, in words a person can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum FitError {
    TooFewSamples { n: usize },
    SameTime,
    NotPositive { count: usize },
    TooShortForSeasonal { span_days: f64 },
    NoVariationWithinHours,
    TooFewForSeasonal { n: usize, buckets: usize },
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use super::series::format_days;
        match self {
            FitError::TooFewSamples { n } => {
                write!(f, "A trend needs at least 3 samples; this series has {n}")
            }
            FitError::SameTime => f.write_str(
                "Every sample has the same timestamp, so there is no time span to fit a trend over",
            ),
            FitError::NotPositive { count } => write!(
                f,
                "The exponential fit needs every value above 0; {count} value{} 0 or below",
                if *count == 1 { " is" } else { "s are" }
            ),
            FitError::TooShortForSeasonal { span_days } => write!(
                f,
                "The seasonal model needs at least 2 days of data (14 for the weekly pattern); \
                 this series spans {}",
                format_days(*span_days)
            ),
            FitError::NoVariationWithinHours => f.write_str(
                "The seasonal model needs samples at two different times in the same hour bucket",
            ),
            FitError::TooFewForSeasonal { n, buckets } => write!(
                f,
                "The seasonal model needs more samples than hour buckets plus one ({n} samples, \
                 {buckets} buckets)"
            ),
        }
    }
}

/// Fractional days from `origin_ms` to `t_ms`.
pub fn days_between(origin_ms: i64, t_ms: i64) -> f64 {
    (t_ms - origin_ms) as f64 / MS_PER_DAY as f64
}

/// A least-squares line y = intercept + slope·x over x in days since `origin_ms`, with what its
/// prediction interval needs.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFit {
    pub origin_ms: i64,
    pub n: usize,
    pub slope_per_day: f64,
    /// The fitted value at the first sample (x = 0).
    pub intercept: f64,
    /// `None` when every value is the same: R² = 1 − SSres / SStot is 0 / 0 then.
    pub r_squared: Option<f64>,
    /// √(Σ residual² / (n − 2)).
    pub residual_sd: f64,
    pub mean_x_days: f64,
    pub sxx: f64,
    /// t₀.₉₇₅ on n − 2 degrees of freedom.
    pub t_quantile: f64,
}

/// Where the values a line is fitted to come from: the samples' values, or one value per
/// sample (the logarithms of the exponential fit).
#[derive(Clone, Copy)]
enum Ys<'a> {
    Values,
    Given(&'a [f64]),
}

impl Ys<'_> {
    fn at(self, samples: &[Sample], i: usize) -> f64 {
        match self {
            Ys::Values => samples[i].value,
            Ys::Given(ys) => ys[i],
        }
    }
}

/// The passes of a least-squares line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LinePass {
    /// The sums of x and y, and whether y varies.
    Sums,
    /// The centred sums of squares and products.
    Centred,
    /// The sum of squared residuals.
    Residuals,
}

/// A least-squares line fitted in resumable steps: three passes over the samples (the means,
/// the centred sums, the residuals), each done a slice at a time.
#[derive(Debug)]
struct LineSteps {
    origin_ms: i64,
    pass: LinePass,
    next: usize,
    first_y: f64,
    varies: bool,
    sum_x: Neumaier,
    sum_y: Neumaier,
    mean_x: f64,
    mean_y: f64,
    sxx: Neumaier,
    sxy: Neumaier,
    syy: SumOfSquares,
    slope: f64,
    intercept: f64,
    ss_res: SumOfSquares,
}

impl LineSteps {
    /// Checks that a line can be fitted to `samples` at all; `origin_ms` is the first time.
    fn new(samples: &[Sample], ys: Ys) -> Result<LineSteps, FitError> {
        let n = samples.len();
        if n < 3 {
            return Err(FitError::TooFewSamples { n });
        }
        let origin_ms = samples[0].t_ms;
        if samples[n - 1].t_ms == origin_ms {
            return Err(FitError::SameTime);
        }
        Ok(LineSteps {
            origin_ms,
            pass: LinePass::Sums,
            next: 0,
            first_y: ys.at(samples, 0),
            varies: false,
            sum_x: Neumaier::default(),
            sum_y: Neumaier::default(),
            mean_x: 0.0,
            mean_y: 0.0,
            sxx: Neumaier::default(),
            sxy: Neumaier::default(),
            syy: SumOfSquares::default(),
            slope: 0.0,
            intercept: 0.0,
            ss_res: SumOfSquares::default(),
        })
    }

    /// Goes on fitting y(i) = a + b·x(i) over `samples` (the same at every step), spending at
    /// most `budget`; the line, or why there is none, once the last pass is done.
    fn step(
        &mut self,
        samples: &[Sample],
        ys: Ys,
        budget: &mut usize,
    ) -> Option<Result<LineFit, FitError>> {
        let n = samples.len();
        let origin_ms = self.origin_ms;
        let x = |i: usize| days_between(origin_ms, samples[i].t_ms);
        let y = |i: usize| ys.at(samples, i);
        loop {
            match self.pass {
                LinePass::Sums => {
                    let first_y = self.first_y;
                    let (varies, sum_x, sum_y) =
                        (&mut self.varies, &mut self.sum_x, &mut self.sum_y);
                    if !run_pass(&mut self.next, n, budget, |i| {
                        let yi = y(i);
                        *varies |= yi != first_y;
                        sum_x.add(x(i));
                        sum_y.add(yi);
                    }) {
                        return None;
                    }
                    let count = n as f64;
                    self.mean_x = self.sum_x.total() / count;
                    // A series that does not vary has its value as its mean, exactly (the sum
                    // divided by n may be a hair off), so its trend is flat: slope 0, exactly.
                    self.mean_y = if self.varies {
                        self.sum_y.total() / count
                    } else {
                        first_y
                    };
                    self.pass = LinePass::Centred;
                    self.next = 0;
                }
                LinePass::Centred => {
                    let (mean_x, mean_y) = (self.mean_x, self.mean_y);
                    let (sxx, sxy, syy) = (&mut self.sxx, &mut self.sxy, &mut self.syy);
                    if !run_pass(&mut self.next, n, budget, |i| {
                        let (dx, dy) = (x(i) - mean_x, y(i) - mean_y);
                        sxx.add(dx * dx);
                        sxy.add(dx * dy);
                        syy.add(dy);
                    }) {
                        return None;
                    }
                    self.slope = self.sxy.total() / self.sxx.total();
                    self.intercept = mean_y - self.slope * mean_x;
                    self.pass = LinePass::Residuals;
                    self.next = 0;
                }
                LinePass::Residuals => {
                    let (slope, intercept) = (self.slope, self.intercept);
                    let ss_res = &mut self.ss_res;
                    if !run_pass(&mut self.next, n, budget, |i| {
                        ss_res.add(y(i) - (intercept + slope * x(i)));
                    }) {
                        return None;
                    }
                    let sxx = self.sxx.total();
                    let dof = n - 2;
                    return Some(Ok(LineFit {
                        origin_ms,
                        n,
                        slope_per_day: slope,
                        intercept,
                        r_squared: self.varies.then(|| self.ss_res.r_squared(&self.syy)),
                        residual_sd: self.ss_res.root_mean(dof as f64),
                        mean_x_days: self.mean_x,
                        sxx,
                        t_quantile: t_975(dof as u64),
                    }));
                }
            }
        }
    }
}

impl LineFit {
    pub fn value_at(&self, t_ms: i64) -> f64 {
        self.intercept + self.slope_per_day * days_between(self.origin_ms, t_ms)
    }

    /// Half the width of the 95% prediction interval at `t_ms`.
    pub fn half_width_at(&self, t_ms: i64) -> f64 {
        let x = days_between(self.origin_ms, t_ms);
        let leverage = 1.0 / self.n as f64 + (x - self.mean_x_days).powi(2) / self.sxx;
        self.t_quantile * self.residual_sd * (1.0 + leverage).sqrt()
    }
}

/// A running sum with Neumaier's compensation, so long series keep their precision.
#[derive(Debug, Clone, Default)]
struct Neumaier {
    total: f64,
    compensation: f64,
}

impl Neumaier {
    fn add(&mut self, v: f64) {
        let t = self.total + v;
        if self.total.abs() >= v.abs() {
            self.compensation += (self.total - t) + v;
        } else {
            self.compensation += (v - t) + self.total;
        }
        self.total = t;
    }

    fn total(&self) -> f64 {
        self.total + self.compensation
    }

    /// Multiplies the sum so far by `factor`.
    fn scale_by(&mut self, factor: f64) {
        self.total *= factor;
        self.compensation *= factor;
    }
}

/// A running sum of squares kept as scale² × Σ (v / scale)², the scale the largest |v| so far
/// (as LAPACK's `dnrm2` keeps a norm), so that the squares of values near 1e-300 do not
/// underflow to 0, nor those near 1e+300 overflow: the figures made of it (R², the residual
/// deviation, the RMSE) are the same, relative to the values, at any magnitude.
#[derive(Debug, Clone, Default)]
pub(crate) struct SumOfSquares {
    /// The largest |v| added so far (0 before any other than 0).
    scale: f64,
    /// Σ (v / scale)².
    scaled: Neumaier,
}

impl SumOfSquares {
    /// Adds v².
    pub(crate) fn add(&mut self, v: f64) {
        let size = v.abs();
        if size == 0.0 {
            return;
        }
        if size > self.scale {
            let shrink = self.scale / size;
            self.scaled.scale_by(shrink * shrink);
            self.scale = size;
        }
        let ratio = size / self.scale;
        self.scaled.add(ratio * ratio);
    }

    /// √(sum / `count`): the root mean square over `count` (a residual deviation over degrees
    /// of freedom, an RMSE over the values scored); 0 for a sum of zeros.
    pub(crate) fn root_mean(&self, count: f64) -> f64 {
        self.scale * (self.scaled.total() / count).sqrt()
    }

    /// R² = 1 − SSres / SStot, `self` being SSres; 0 when SStot is 0.
    fn r_squared(&self, total: &SumOfSquares) -> f64 {
        if total.scale == 0.0 {
            return 0.0;
        }
        let ratio = self.scale / total.scale;
        1.0 - ratio * ratio * (self.scaled.total() / total.scaled.total())
    }
}

/// The hour buckets of the seasonal model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    /// 24 buckets, one per hour of the day.
    HourOfDay,
    /// 168 buckets, Monday 00:00 first.
    HourOfWeek,
}

impl Season {
    /// The hour buckets the pattern model is fitted with to samples from `first_ms` to
    /// `last_ms`: one per hour of the week when they span at least 14 days, else one per hour of
    /// the day when they span at least 2; shorter, the model cannot be fitted.
    pub fn for_span(first_ms: i64, last_ms: i64) -> Result<Season, FitError> {
        let span_days = days_between(first_ms, last_ms);
        if span_days >= 14.0 {
            Ok(Season::HourOfWeek)
        } else if span_days >= 2.0 {
            Ok(Season::HourOfDay)
        } else {
            Err(FitError::TooShortForSeasonal { span_days })
        }
    }

    /// The hour buckets the pattern model is fitted with to `series` ([`Season::for_span`]);
    /// `None` when it is too short for it.
    pub fn of_series(series: &Series) -> Option<Season> {
        Season::for_span(series.first_ms(), series.last_ms()).ok()
    }

    pub fn buckets(self) -> usize {
        match self {
            Season::HourOfDay => 24,
            Season::HourOfWeek => 168,
        }
    }

    /// The bucket of a time shifted by `offset_ms`.
    pub fn bucket(self, t_ms: i64, offset_ms: i64) -> usize {
        let (hour, weekday) = hour_and_weekday(t_ms.saturating_add(offset_ms));
        match self {
            Season::HourOfDay => hour,
            Season::HourOfWeek => weekday * 24 + hour,
        }
    }
}

/// Trend plus one level per hour bucket (see the module comment).
#[derive(Debug, Clone, PartialEq)]
pub struct SeasonalFit {
    pub origin_ms: i64,
    pub offset_ms: i64,
    pub season: Season,
    pub n: usize,
    pub slope_per_day: f64,
    /// s_k per bucket; `None` for a bucket without samples (the overall level is used there).
    pub levels: Vec<Option<f64>>,
    pub counts: Vec<usize>,
    pub bucket_mean_x_days: Vec<f64>,
    /// Level through the overall means, ȳ − b·x̄, for buckets without samples.
    pub overall_level: f64,
    pub mean_x_days: f64,
    pub sxx_within: f64,
    /// `None` when every value is the same (see [`LineFit::r_squared`]).
    pub r_squared: Option<f64>,
    pub residual_sd: f64,
    pub t_quantile: f64,
}

/// The passes of the seasonal fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeasonalPass {
    /// Whether any value differs from the first (a series that does not vary has a flat trend
    /// through its value, exactly).
    Varies,
    /// The bucket of each sample, and sums per bucket and overall.
    Buckets,
    /// Sums of squares within buckets, and the total sum of squares.
    Within,
    /// The residuals.
    Residuals,
}

/// The seasonal fit in resumable steps: four passes over the samples, each a slice at a time.
#[derive(Debug)]
struct SeasonalSteps {
    origin_ms: i64,
    offset_ms: i64,
    season: Season,
    pass: SeasonalPass,
    next: usize,
    varies: bool,
    buckets: Vec<u8>,
    counts: Vec<usize>,
    sum_x: Vec<f64>,
    sum_y: Vec<f64>,
    all_x: Neumaier,
    all_y: Neumaier,
    mean_x: Vec<f64>,
    mean_y: Vec<f64>,
    used: usize,
    overall_x: f64,
    overall_y: f64,
    sxx_w: Neumaier,
    sxy_w: Neumaier,
    syy: SumOfSquares,
    slope: f64,
    levels: Vec<Option<f64>>,
    ss_res: SumOfSquares,
}

impl SeasonalSteps {
    /// Checks the length and span of `samples` and picks the hour buckets.
    fn new(samples: &[Sample], offset_ms: i64) -> Result<SeasonalSteps, FitError> {
        let n = samples.len();
        if n < 3 {
            return Err(FitError::TooFewSamples { n });
        }
        let origin_ms = samples[0].t_ms;
        let season = Season::for_span(origin_ms, samples[n - 1].t_ms)?;
        let k = season.buckets();
        Ok(SeasonalSteps {
            origin_ms,
            offset_ms,
            season,
            pass: SeasonalPass::Varies,
            next: 0,
            varies: false,
            buckets: Vec::new(),
            counts: vec![0; k],
            sum_x: vec![0.0; k],
            sum_y: vec![0.0; k],
            all_x: Neumaier::default(),
            all_y: Neumaier::default(),
            mean_x: Vec::new(),
            mean_y: Vec::new(),
            used: 0,
            overall_x: 0.0,
            overall_y: 0.0,
            sxx_w: Neumaier::default(),
            sxy_w: Neumaier::default(),
            syy: SumOfSquares::default(),
            slope: 0.0,
            levels: Vec::new(),
            ss_res: SumOfSquares::default(),
        })
    }

    /// Goes on fitting over `samples` (the same at every step), spending at most `budget`.
    fn step(
        &mut self,
        samples: &[Sample],
        budget: &mut usize,
    ) -> Option<Result<SeasonalFit, FitError>> {
        let n = samples.len();
        let k = self.season.buckets();
        let origin_ms = self.origin_ms;
        let x = |i: usize| days_between(origin_ms, samples[i].t_ms);
        loop {
            match self.pass {
                SeasonalPass::Varies => {
                    let first = samples[0].value;
                    let stop = n.min(self.next.saturating_add(*budget));
                    let differs = samples[self.next..stop].iter().any(|s| s.value != first);
                    *budget -= stop - self.next;
                    self.next = stop;
                    if !differs && stop < n {
                        return None;
                    }
                    self.varies = differs;
                    self.pass = SeasonalPass::Buckets;
                    self.next = 0;
                    self.buckets = Vec::with_capacity(n);
                }
                SeasonalPass::Buckets => {
                    let (season, offset_ms) = (self.season, self.offset_ms);
                    let (buckets, counts) = (&mut self.buckets, &mut self.counts);
                    let (sum_x, sum_y) = (&mut self.sum_x, &mut self.sum_y);
                    let (all_x, all_y) = (&mut self.all_x, &mut self.all_y);
                    if !run_pass(&mut self.next, n, budget, |i| {
                        let b = season.bucket(samples[i].t_ms, offset_ms);
                        buckets.push(b as u8);
                        let (xi, yi) = (x(i), samples[i].value);
                        counts[b] += 1;
                        sum_x[b] += xi;
                        sum_y[b] += yi;
                        all_x.add(xi);
                        all_y.add(yi);
                    }) {
                        return None;
                    }
                    let counts = &self.counts;
                    let mean = |sums: &[f64]| -> Vec<f64> {
                        (0..k)
                            .map(|b| {
                                if counts[b] > 0 {
                                    sums[b] / counts[b] as f64
                                } else {
                                    0.0
                                }
                            })
                            .collect()
                    };
                    self.mean_x = mean(&self.sum_x);
                    self.mean_y = mean(&self.sum_y);
                    let first = samples[0].value;
                    if !self.varies {
                        // Every mean is the value itself, exactly: the trend is flat.
                        self.mean_y = (0..k)
                            .map(|b| if counts[b] > 0 { first } else { 0.0 })
                            .collect();
                    }
                    self.used = counts.iter().filter(|c| **c > 0).count();
                    if n < self.used + 2 {
                        return Some(Err(FitError::TooFewForSeasonal {
                            n,
                            buckets: self.used,
                        }));
                    }
                    let count = n as f64;
                    self.overall_x = self.all_x.total() / count;
                    self.overall_y = if self.varies {
                        self.all_y.total() / count
                    } else {
                        first
                    };
                    self.pass = SeasonalPass::Within;
                    self.next = 0;
                }
                SeasonalPass::Within => {
                    let (buckets, mean_x, mean_y) = (&self.buckets, &self.mean_x, &self.mean_y);
                    let overall_y = self.overall_y;
                    let (sxx_w, sxy_w, syy) = (&mut self.sxx_w, &mut self.sxy_w, &mut self.syy);
                    if !run_pass(&mut self.next, n, budget, |i| {
                        let b = usize::from(buckets[i]);
                        let (dx, dy) = (x(i) - mean_x[b], samples[i].value - mean_y[b]);
                        sxx_w.add(dx * dx);
                        sxy_w.add(dx * dy);
                        syy.add(samples[i].value - overall_y);
                    }) {
                        return None;
                    }
                    let (sxx_w, sxy_w) = (self.sxx_w.total(), self.sxy_w.total());
                    if sxx_w <= 0.0 {
                        return Some(Err(FitError::NoVariationWithinHours));
                    }
                    let slope = sxy_w / sxx_w;
                    self.slope = slope;
                    self.levels = (0..k)
                        .map(|b| {
                            (self.counts[b] > 0).then(|| self.mean_y[b] - slope * self.mean_x[b])
                        })
                        .collect();
                    self.pass = SeasonalPass::Residuals;
                    self.next = 0;
                }
                SeasonalPass::Residuals => {
                    let (buckets, levels, slope) = (&self.buckets, &self.levels, self.slope);
                    let ss_res = &mut self.ss_res;
                    if !run_pass(&mut self.next, n, budget, |i| {
                        let level = levels[usize::from(buckets[i])].unwrap_or(0.0);
                        ss_res.add(samples[i].value - (level + slope * x(i)));
                    }) {
                        return None;
                    }
                    let sxx_w = self.sxx_w.total();
                    let dof = n - self.used - 1;
                    return Some(Ok(SeasonalFit {
                        origin_ms,
                        offset_ms: self.offset_ms,
                        season: self.season,
                        n,
                        slope_per_day: slope,
                        levels: std::mem::take(&mut self.levels),
                        counts: std::mem::take(&mut self.counts),
                        bucket_mean_x_days: std::mem::take(&mut self.mean_x),
                        overall_level: self.overall_y - slope * self.overall_x,
                        mean_x_days: self.overall_x,
                        sxx_within: sxx_w,
                        r_squared: self.varies.then(|| self.ss_res.r_squared(&self.syy)),
                        residual_sd: self.ss_res.root_mean(dof as f64),
                        t_quantile: t_975(dof as u64),
                    }));
                }
            }
        }
    }
}

impl SeasonalFit {
    pub fn value_at(&self, t_ms: i64) -> f64 {
        let b = self.season.bucket(t_ms, self.offset_ms);
        let level = self.levels[b].unwrap_or(self.overall_level);
        level + self.slope_per_day * days_between(self.origin_ms, t_ms)
    }

    pub fn half_width_at(&self, t_ms: i64) -> f64 {
        let b = self.season.bucket(t_ms, self.offset_ms);
        let x = days_between(self.origin_ms, t_ms);
        let leverage = if self.counts[b] > 0 {
            1.0 / self.counts[b] as f64 + (x - self.bucket_mean_x_days[b]).powi(2) / self.sxx_within
        } else {
            1.0 / self.n as f64 + (x - self.mean_x_days).powi(2) / self.sxx_within
        };
        self.t_quantile * self.residual_sd * (1.0 + leverage).sqrt()
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    Linear(LineFit),
    /// The line is fitted to ln(value).
    Exponential(LineFit),
    Seasonal(SeasonalFit),
}

/// Where a fit in steps stands.
#[derive(Debug)]
enum FitState {
    Start,
    Line(LineSteps),
    /// The exponential fit's first pass: the values at or below 0, and the logarithms.
    Logs {
        next: usize,
        logs: Vec<f64>,
        not_positive: usize,
    },
    LogLine {
        logs: Vec<f64>,
        line: LineSteps,
    },
    Seasonal(SeasonalSteps),
    Done(Result<Fit, FitError>),
}

/// A model fitted in resumable steps: every pass over the samples is done a slice at a time
/// (see `steps`), in the same order as [`Fit::new`], which runs it all at once.
#[derive(Debug)]
pub struct FitSteps {
    kind: ModelKind,
    offset_ms: i64,
    state: FitState,
}

impl FitSteps {
    pub fn new(kind: ModelKind, offset_ms: i64) -> FitSteps {
        FitSteps {
            kind,
            offset_ms,
            state: FitState::Start,
        }
    }

    /// Goes on fitting to `samples` (sorted by time, the same slice at every step), spending at
    /// most `budget` work units; the fit, or why there is none, once it is done (and again on
    /// any later step).
    pub fn step(
        &mut self,
        samples: &[Sample],
        budget: &mut usize,
    ) -> Option<Result<Fit, FitError>> {
        let n = samples.len();
        loop {
            let next_state = match &mut self.state {
                FitState::Done(result) => return Some(result.clone()),
                FitState::Start => match self.kind {
                    ModelKind::Linear => match LineSteps::new(samples, Ys::Values) {
                        Ok(line) => FitState::Line(line),
                        Err(e) => FitState::Done(Err(e)),
                    },
                    ModelKind::Exponential if n < 3 => {
                        FitState::Done(Err(FitError::TooFewSamples { n }))
                    }
                    ModelKind::Exponential => FitState::Logs {
                        next: 0,
                        logs: Vec::with_capacity(n),
                        not_positive: 0,
                    },
                    ModelKind::Seasonal => match SeasonalSteps::new(samples, self.offset_ms) {
                        Ok(seasonal) => FitState::Seasonal(seasonal),
                        Err(e) => FitState::Done(Err(e)),
                    },
                },
                FitState::Line(line) => {
                    FitState::Done(line.step(samples, Ys::Values, budget)?.map(Fit::Linear))
                }
                FitState::Logs {
                    next,
                    logs,
                    not_positive,
                } => {
                    if !run_pass(next, n, budget, |i| {
                        let value = samples[i].value;
                        if value <= 0.0 {
                            *not_positive += 1;
                        } else if *not_positive == 0 {
                            logs.push(value.ln());
                        }
                    }) {
                        return None;
                    }
                    if *not_positive > 0 {
                        FitState::Done(Err(FitError::NotPositive {
                            count: *not_positive,
                        }))
                    } else {
                        let logs = std::mem::take(logs);
                        match LineSteps::new(samples, Ys::Given(&logs)) {
                            Ok(line) => FitState::LogLine { logs, line },
                            Err(e) => FitState::Done(Err(e)),
                        }
                    }
                }
                FitState::LogLine { logs, line } => {
                    let result = line.step(samples, Ys::Given(logs), budget)?;
                    FitState::Done(result.map(Fit::Exponential))
                }
                FitState::Seasonal(seasonal) => {
                    FitState::Done(seasonal.step(samples, budget)?.map(Fit::Seasonal))
                }
            };
            self.state = next_state;
        }
    }
}

impl Fit {
    /// Fits `kind` to `samples` (sorted by time) all at once. `offset_ms` shifts the clock for
    /// the hour buckets of the seasonal model.
    pub fn new(kind: ModelKind, samples: &[Sample], offset_ms: i64) -> Result<Fit, FitError> {
        let mut steps = FitSteps::new(kind, offset_ms);
        loop {
            if let Some(result) = steps.step(samples, &mut unlimited()) {
                return result;
            }
        }
    }

    pub fn kind(&self) -> ModelKind {
        match self {
            Fit::Linear(_) => ModelKind::Linear,
            Fit::Exponential(_) => ModelKind::Exponential,
            Fit::Seasonal(_) => ModelKind::Seasonal,
        }
    }

    /// The model's value at `t_ms`.
    pub fn value_at(&self, t_ms: i64) -> f64 {
        match self {
            Fit::Linear(line) => line.value_at(t_ms),
            Fit::Exponential(line) => line.value_at(t_ms).exp(),
            Fit::Seasonal(fit) => fit.value_at(t_ms),
        }
    }

    /// The 95% prediction interval of a new value at `t_ms`, (lower, upper).
    pub fn interval_at(&self, t_ms: i64) -> (f64, f64) {
        match self {
            Fit::Linear(line) => {
                let (v, h) = (line.value_at(t_ms), line.half_width_at(t_ms));
                (v - h, v + h)
            }
            Fit::Exponential(line) => {
                let (v, h) = (line.value_at(t_ms), line.half_width_at(t_ms));
                ((v - h).exp(), (v + h).exp())
            }
            Fit::Seasonal(fit) => {
                let (v, h) = (fit.value_at(t_ms), fit.half_width_at(t_ms));
                (v - h, v + h)
            }
        }
    }

    /// The trend's slope per day (on the log scale for the exponential model): its sign says
    /// whether the trend rises.
    pub fn slope_per_day(&self) -> f64 {
        match self {
            Fit::Linear(line) | Fit::Exponential(line) => line.slope_per_day,
            Fit::Seasonal(fit) => fit.slope_per_day,
        }
    }

    /// R², `None` when every value is the same (it is not defined then).
    pub fn r_squared(&self) -> Option<f64> {
        match self {
            Fit::Linear(line) | Fit::Exponential(line) => line.r_squared,
            Fit::Seasonal(fit) => fit.r_squared,
        }
    }

    pub fn residual_sd(&self) -> f64 {
        match self {
            Fit::Linear(line) | Fit::Exponential(line) => line.residual_sd,
            Fit::Seasonal(fit) => fit.residual_sd,
        }
    }
}

/// When a line (the trend, or the upper bound of its interval) reaches a level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crossing {
    /// At or above the level already at the last sample.
    Already,
    /// First reaches the level at `t_ms`, `days` after the last sample (never negative).
    On { t_ms: i64, days: f64 },
    /// Rising, but still below the level at the end of the horizon.
    NotWithinHorizon,
    /// Below the level over the whole horizon and the trend is flat or falling.
    FlatOrFalling,
}

/// The samples of a series at or above a level (the capacity): the history that already needs
/// more than it, whatever the trend does. At the level counts as over it, as a [`Crossing`]
/// does. Times are the samples' own; days are the calendar days of the series' clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryOver {
    /// How many samples are at or above the level.
    pub samples: usize,
    /// How many samples the series has.
    pub of: usize,
    /// On how many calendar days they fall.
    pub days: usize,
    /// The highest value and when it was first reached.
    pub highest_ms: i64,
    pub highest: f64,
    /// The first and the last sample at or above the level.
    pub first_ms: i64,
    pub last_ms: i64,
    /// The series' last sample, which the last time over is told from.
    pub series_last_ms: i64,
}

/// The samples of `series` at or above `level` ([`HistoryOver`]); `None` when every sample is
/// below it.
pub fn history_over(series: &Series, level: f64) -> Option<HistoryOver> {
    if series.highest_value() < level {
        return None;
    }
    let mut over = series.samples().iter().filter(|s| s.value >= level);
    let first = over.next()?;
    let mut found = HistoryOver {
        samples: 1,
        of: series.len(),
        days: 1,
        highest_ms: first.t_ms,
        highest: first.value,
        first_ms: first.t_ms,
        last_ms: first.t_ms,
        series_last_ms: series.last_ms(),
    };
    for sample in over {
        // Samples are in time order, so a new day is one later than the last seen.
        if sample.t_ms.div_euclid(MS_PER_DAY) != found.last_ms.div_euclid(MS_PER_DAY) {
            found.days += 1;
        }
        if sample.value > found.highest {
            found.highest = sample.value;
            found.highest_ms = sample.t_ms;
        }
        found.samples += 1;
        found.last_ms = sample.t_ms;
    }
    Some(found)
}

/// The capacity plan's settings, validated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// The capacity, in the series' unit; `None` when not given.
    pub capacity: Option<f64>,
    /// Headroom as a fraction (0.2 for 20%).
    pub headroom: f64,
    pub horizon_days: u32,
}

/// What a fitted model says over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    pub start_ms: i64,
    pub end_ms: i64,
    /// When the trend reaches the capacity.
    pub trend_reaches_capacity: Option<Crossing>,
    /// When the upper bound of the 95% interval reaches the capacity.
    pub upper_reaches_capacity: Option<Crossing>,
    /// When the trend reaches the headroom line, capacity ÷ (1 + headroom).
    pub trend_reaches_headroom: Option<Crossing>,
    /// The highest model value over the horizon.
    pub max_forecast: f64,
    /// The highest upper bound over the horizon.
    pub max_upper: f64,
    /// max_forecast × (1 + headroom) (headroom is always added above: for a value below zero,
    /// max_forecast + |max_forecast| × headroom).
    pub recommended: f64,
    /// max_upper with headroom, the same way.
    pub recommended_upper: f64,
    /// The model's value and interval at the end of the horizon.
    pub at_end: (f64, f64, f64),
    /// Whether the forecast leaves the range Headroom reads values in (±1e100) within the
    /// horizon, as a fast exponential trend does: its highest values and recommended capacity
    /// then mean nothing (and may not even be finite), so they are not shown.
    pub beyond_range: bool,
}

/// The points the horizon is examined at: every hour from the last sample to the end, and the end.
fn horizon_grid(start_ms: i64, end_ms: i64) -> impl Iterator<Item = i64> {
    let steps = (end_ms - start_ms) / MS_PER_HOUR;
    (0..=steps)
        .map(move |i| start_ms + i * MS_PER_HOUR)
        .chain(std::iter::once(end_ms))
}

/// The end of the horizon: `horizon_days` (at most [`MAX_HORIZON_DAYS`]) after `last_ms`.
fn horizon_end(last_ms: i64, horizon_days: u32) -> i64 {
    last_ms.saturating_add(i64::from(horizon_days.min(MAX_HORIZON_DAYS)) * MS_PER_DAY)
}

/// The first time in [start, end] that `f` reaches `level`, found to the millisecond and
/// reported at the whole minute that follows.
fn first_reach(
    f: &dyn Fn(i64) -> f64,
    start_ms: i64,
    end_ms: i64,
    level: f64,
    rising: bool,
) -> Crossing {
    let reached = |t| f(t) >= level;
    match first_time(&reached, &reached, start_ms, end_ms) {
        Some(crossing) => crossing,
        None if rising => Crossing::NotWithinHorizon,
        None => Crossing::FlatOrFalling,
    }
}

/// When, in [start, end], the forecast gets `beyond` a level (checked every hour): `None` when
/// it never does, [`Crossing::Already`] when it is at the start, and otherwise
/// [`Crossing::On`] the moment it first `reached` the level on the way there (found to the
/// millisecond, reported at the whole minute then or after). `beyond` implies `reached`: for a
/// capacity both are "at or above it"; for zero, "below it" and "at or below it", so that a
/// trend that touches zero and stays there is not reported, and one that goes below is
/// reported from the moment it reaches zero, even when that is exactly on a minute.
fn first_time(
    beyond: &dyn Fn(i64) -> bool,
    reached: &dyn Fn(i64) -> bool,
    start_ms: i64,
    end_ms: i64,
) -> Option<Crossing> {
    if beyond(start_ms) {
        return Some(Crossing::Already);
    }
    let mut previous = start_ms;
    for t in horizon_grid(start_ms, end_ms).skip(1) {
        if beyond(t) {
            let high = if reached(previous) {
                // At the level already at the last hour checked (zero at the last sample, say).
                previous
            } else {
                // Bisect (previous, t] down to a millisecond: not reached at low, reached at
                // high.
                let (mut low, mut high) = (previous, t);
                while high - low > 1 {
                    let mid = low + (high - low) / 2;
                    if reached(mid) {
                        high = mid;
                    } else {
                        low = mid;
                    }
                }
                high
            };
            // Reported at the whole minute then or after, so the page shows no stray seconds. A
            // level reached within a millisecond after a whole minute is reached on it: the fit's
            // floating-point rounding can leave the trend a hair above zero (or below the
            // capacity) exactly on the minute where the exact line meets it.
            let t_ms = high.div_euclid(60_000) * 60_000
                + if high.rem_euclid(60_000) <= 1 {
                    0
                } else {
                    60_000
                };
            return Some(Crossing::On {
                t_ms,
                days: days_between(start_ms, t_ms).max(0.0),
            });
        }
        previous = t;
    }
    None
}

/// What `fit` says about `plan` from the last sample (`last_ms`) to the end of the horizon.
pub fn outlook(fit: &Fit, last_ms: i64, plan: &Plan) -> Outlook {
    let end_ms = horizon_end(last_ms, plan.horizon_days);
    let rising = fit.slope_per_day() > 0.0;
    let trend = |t: i64| fit.value_at(t);
    let upper = |t: i64| fit.interval_at(t).1;

    let (mut max_forecast, mut max_upper) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for t in horizon_grid(last_ms, end_ms) {
        max_forecast = max_forecast.max(trend(t));
        max_upper = max_upper.max(upper(t));
    }
    let factor = 1.0 + plan.headroom;
    let at_end = {
        let (lo, hi) = fit.interval_at(end_ms);
        (trend(end_ms), lo, hi)
    };
    let beyond_range = [max_forecast, max_upper, at_end.0, at_end.1, at_end.2]
        .into_iter()
        .any(|v| !v.is_finite() || v.abs() > MAX_ABS_VALUE);
    let (trend_reaches_capacity, upper_reaches_capacity, trend_reaches_headroom) =
        match plan.capacity {
            Some(capacity) => (
                Some(first_reach(&trend, last_ms, end_ms, capacity, rising)),
                Some(first_reach(&upper, last_ms, end_ms, capacity, rising)),
                Some(first_reach(
                    &trend,
                    last_ms,
                    end_ms,
                    capacity / factor,
                    rising,
                )),
            ),
            None => (None, None, None),
        };
    Outlook {
        start_ms: last_ms,
        end_ms,
        trend_reaches_capacity,
        upper_reaches_capacity,
        trend_reaches_headroom,
        max_forecast,
        max_upper,
        recommended: with_headroom(max_forecast, factor),
        recommended_upper: with_headroom(max_upper, factor),
        at_end,
        beyond_range,
    }
}

/// The model's forecast over the horizon for drawing: (time, value, lower, upper) every hour.
pub fn forecast_points(fit: &Fit, last_ms: i64, horizon_days: u32) -> Vec<(i64, f64, f64, f64)> {
    horizon_grid(last_ms, horizon_end(last_ms, horizon_days))
        .map(|t| {
            let (lo, hi) = fit.interval_at(t);
            (t, fit.value_at(t), lo, hi)
        })
        .collect()
}

/// Whether `fit`'s forecast of `series` (its trend, with its pattern for the pattern model) goes
/// below zero within the horizon
/// (checked every hour, as the crossings are) while every value of the series is 0 or above,
/// which such a series cannot do (a percentage, a count, a rate): [`Crossing::Already`] when it
/// is below zero at the last sample, or [`Crossing::On`] the moment it reaches zero on its way
/// below (the first whole minute at which it is at or below zero: exactly on a minute, that
/// minute). `None` when the series has a value below zero (zero is then no floor) or the trend
/// stays at or above zero. The 95%
/// interval's lower bound is not checked: around a trend near zero it dips below zero at every
/// quiet hour, and a note for each would drown the one about the trend. The exponential model
/// never goes below zero.
pub fn below_zero(fit: &Fit, series: &Series, horizon_days: u32) -> Option<Crossing> {
    if series.lowest_value() < 0.0 {
        return None;
    }
    let (start_ms, end_ms) = (
        series.last_ms(),
        horizon_end(series.last_ms(), horizon_days),
    );
    first_time(
        &|t| fit.value_at(t) < 0.0,
        &|t| fit.value_at(t) <= 0.0,
        start_ms,
        end_ms,
    )
}

/// Errors of a model on the held-out part of the backtest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestErrors {
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
}

/// The backtest: every model fitted on the first 80% of the samples (by count, rounded down) and
/// scored on the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    pub train_len: usize,
    pub test_len: usize,
    /// The first time of the test part.
    pub split_ms: i64,
    pub rows: Vec<(ModelKind, Result<BacktestErrors, FitError>)>,
    /// The model with the lowest MAE (the first in list order on a tie).
    pub best: Option<ModelKind>,
    /// The hour buckets the pattern model is fitted with to the first part
    /// ([`Season::for_span`]; `None` when it is too short for it), which may be a day's where
    /// the whole series has a week's.
    pub train_season: Option<Season>,
}

/// Where the backtest splits `n` samples: the first 80% (rounded down) are fitted. `None` when
/// that leaves fewer than 3 to fit or nothing to test on.
pub fn backtest_split(n: usize) -> Option<usize> {
    let train_len = (n as f64 * BACKTEST_TRAIN_SHARE).floor() as usize;
    (train_len >= 3 && train_len < n).then_some(train_len)
}

/// Where a backtest row in steps stands.
#[derive(Debug)]
enum BacktestState {
    Fitting(FitSteps),
    Scoring {
        fit: Fit,
        next: usize,
        abs: Neumaier,
        squares: SumOfSquares,
    },
    Done(Result<BacktestErrors, FitError>),
}

/// One model's backtest errors in resumable steps: fitted on `samples[..split]` (see
/// [`FitSteps`]), then scored on the rest a slice at a time.
#[derive(Debug)]
pub struct BacktestSteps {
    split: usize,
    state: BacktestState,
}

impl BacktestSteps {
    pub fn new(kind: ModelKind, split: usize, offset_ms: i64) -> BacktestSteps {
        BacktestSteps {
            split,
            state: BacktestState::Fitting(FitSteps::new(kind, offset_ms)),
        }
    }

    /// Goes on with the backtest over `samples` (the same at every step), spending at most
    /// `budget`; the errors, or why the model could not be fitted, once done.
    pub fn step(
        &mut self,
        samples: &[Sample],
        budget: &mut usize,
    ) -> Option<Result<BacktestErrors, FitError>> {
        let (train, test) = samples.split_at(self.split.min(samples.len()));
        loop {
            let next_state = match &mut self.state {
                BacktestState::Done(result) => return Some(result.clone()),
                BacktestState::Fitting(fit) => match fit.step(train, budget)? {
                    Ok(fit) => BacktestState::Scoring {
                        fit,
                        next: 0,
                        abs: Neumaier::default(),
                        squares: SumOfSquares::default(),
                    },
                    Err(e) => BacktestState::Done(Err(e)),
                },
                BacktestState::Scoring {
                    fit,
                    next,
                    abs,
                    squares,
                } => {
                    if !run_pass(next, test.len(), budget, |i| {
                        let s = test[i];
                        let error = s.value - fit.value_at(s.t_ms);
                        abs.add(error.abs());
                        squares.add(error);
                    }) {
                        return None;
                    }
                    let count = test.len().max(1) as f64;
                    BacktestState::Done(Ok(BacktestErrors {
                        mae: abs.total() / count,
                        rmse: squares.root_mean(count),
                    }))
                }
            };
            self.state = next_state;
        }
    }
}

/// One model's backtest errors: fitted on `samples[..split]`, scored on the rest.
pub fn backtest_errors(
    samples: &[Sample],
    split: usize,
    kind: ModelKind,
    offset_ms: i64,
) -> Result<BacktestErrors, FitError> {
    let mut steps = BacktestSteps::new(kind, split, offset_ms);
    loop {
        if let Some(result) = steps.step(samples, &mut unlimited()) {
            return result;
        }
    }
}

/// The backtest from each model's errors; marks the lowest MAE. MAEs within float noise of
/// each other (of the series' magnitude, [`super::series::NOISE`]) are a tie, which the simpler
/// model (earlier in `rows`) wins: an exact fit does not make a model "best" by 1e-15.
pub fn backtest_from(
    samples: &[Sample],
    split: usize,
    rows: Vec<(ModelKind, Result<BacktestErrors, FitError>)>,
) -> Backtest {
    let scale = super::series::Scale::of(samples.iter().fold(0.0f64, |m, s| m.max(s.value.abs())));
    let best = rows
        .iter()
        .filter_map(|(kind, r)| {
            r.as_ref()
                .ok()
                .filter(|e| e.mae.is_finite())
                .map(|e| (*kind, e.mae))
        })
        .fold(None::<(ModelKind, f64)>, |best, (kind, mae)| match best {
            Some((_, best_mae)) if best_mae <= mae || scale.is_noise(best_mae - mae) => best,
            _ => Some((kind, mae)),
        })
        .map(|(kind, _)| kind);
    Backtest {
        train_len: split,
        test_len: samples.len() - split,
        split_ms: samples[split.min(samples.len() - 1)].t_ms,
        rows,
        best,
        train_season: Season::for_span(samples[0].t_ms, samples[split.max(1) - 1].t_ms).ok(),
    }
}

/// Runs the whole backtest; `None` when there are fewer than 4 samples.
pub fn backtest(samples: &[Sample], offset_ms: i64) -> Option<Backtest> {
    let split = backtest_split(samples.len())?;
    let rows = ModelKind::ALL
        .into_iter()
        .map(|kind| (kind, backtest_errors(samples, split, kind, offset_ms)))
        .collect();
    Some(backtest_from(samples, split, rows))
}

/// Where a [`ChosenFitSteps`] stands.
#[derive(Debug)]
enum ChosenState {
    Start,
    /// The backtest row of model `ModelKind::ALL[index]` (automatic only).
    Backtest {
        split: usize,
        index: usize,
        steps: BacktestSteps,
        rows: Vec<(ModelKind, Result<BacktestErrors, FitError>)>,
    },
    /// Fitting `candidates[index]` to the whole series: the first that fits is the one.
    Fitting {
        candidates: Vec<ModelKind>,
        index: usize,
        steps: FitSteps,
        /// The error shown when none fits: the picked model's, or the linear trend's.
        shown_error: Option<FitError>,
    },
    Done(Result<Fit, FitError>),
}

/// The fit of the model a [`ModelChoice`] means ([`resolve`]), in resumable steps, for the
/// capacity dates of the scenario list: for the automatic choice each model's backtest row,
/// then the backtest's best fitted to the whole series (or, when there is no best or it cannot
/// be fitted, each model in list order until one fits). The passes are those of the Capacity
/// tab's analysis in the same order, so the fit is the one the tab shows
/// (`sheet::Analysis::model_for`); [`chosen_fit`] does it all at once.
#[derive(Debug)]
pub struct ChosenFitSteps {
    choice: ModelChoice,
    offset_ms: i64,
    state: ChosenState,
}

impl ChosenFitSteps {
    pub fn new(choice: ModelChoice, offset_ms: i64) -> ChosenFitSteps {
        ChosenFitSteps {
            choice,
            offset_ms,
            state: ChosenState::Start,
        }
    }

    /// The models to fit to the whole series in turn, the backtest's best (if any) first.
    fn fitting(&self, best: Option<ModelKind>) -> ChosenState {
        let candidates: Vec<ModelKind> = match self.choice {
            ModelChoice::Picked(kind) => vec![kind],
            ModelChoice::Auto => best
                .into_iter()
                .chain(ModelKind::ALL.into_iter().filter(|k| Some(*k) != best))
                .collect(),
        };
        ChosenState::Fitting {
            steps: FitSteps::new(candidates[0], self.offset_ms),
            candidates,
            index: 0,
            shown_error: None,
        }
    }

    /// Goes on over `samples` (the same at every step), spending at most `budget` work units;
    /// the fit, or the message of the model shown, once done (and again on any later step).
    pub fn step(
        &mut self,
        samples: &[Sample],
        budget: &mut usize,
    ) -> Option<Result<Fit, FitError>> {
        loop {
            let next_state = match &mut self.state {
                ChosenState::Done(result) => return Some(result.clone()),
                ChosenState::Start => match (self.choice, backtest_split(samples.len())) {
                    (ModelChoice::Auto, Some(split)) => ChosenState::Backtest {
                        split,
                        index: 0,
                        steps: BacktestSteps::new(ModelKind::ALL[0], split, self.offset_ms),
                        rows: Vec::new(),
                    },
                    _ => self.fitting(None),
                },
                ChosenState::Backtest {
                    split,
                    index,
                    steps,
                    rows,
                } => {
                    let errors = steps.step(samples, budget)?;
                    rows.push((ModelKind::ALL[*index], errors));
                    *index += 1;
                    if *index < ModelKind::ALL.len() {
                        *steps = BacktestSteps::new(ModelKind::ALL[*index], *split, self.offset_ms);
                        continue;
                    }
                    let best = backtest_from(samples, *split, std::mem::take(rows)).best;
                    self.fitting(best)
                }
                ChosenState::Fitting {
                    candidates,
                    index,
                    steps,
                    shown_error,
                } => match steps.step(samples, budget)? {
                    Ok(fit) => ChosenState::Done(Ok(fit)),
                    Err(error) => {
                        let kind = candidates[*index];
                        let shown = match self.choice {
                            ModelChoice::Picked(picked) => picked,
                            ModelChoice::Auto => ModelKind::Linear,
                        };
                        if kind == shown {
                            *shown_error = Some(error.clone());
                        }
                        *index += 1;
                        match candidates.get(*index) {
                            Some(next) => {
                                *steps = FitSteps::new(*next, self.offset_ms);
                                continue;
                            }
                            None => ChosenState::Done(Err(shown_error.take().unwrap_or(error))),
                        }
                    }
                },
            };
            self.state = next_state;
        }
    }
}

/// The fit of the model `choice` means for `samples`, all at once (see [`ChosenFitSteps`]).
pub fn chosen_fit(
    choice: ModelChoice,
    samples: &[Sample],
    offset_ms: i64,
) -> Result<Fit, FitError> {
    let mut steps = ChosenFitSteps::new(choice, offset_ms);
    loop {
        if let Some(result) = steps.step(samples, &mut unlimited()) {
            return result;
        }
    }
}

/// `value` with headroom added above it: `value × factor` for a value above zero, and
/// `value + |value| × (factor − 1)` below, so headroom never lowers a recommendation.
fn with_headroom(value: f64, factor: f64) -> f64 {
    if value >= 0.0 {
        value * factor
    } else {
        value - value * (factor - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_model_is_named_for_the_hour_buckets_it_is_fitted_with() {
        use Season::{HourOfDay, HourOfWeek};
        // (days spanned, the buckets): 14 days or more a week's, 2 or more a day's.
        let spans: &[(f64, Option<Season>)] = &[
            (1.999, None),
            (2.0, Some(HourOfDay)),
            (13.997, Some(HourOfDay)),
            (14.0, Some(HourOfWeek)),
            (90.0, Some(HourOfWeek)),
        ];
        for &(days, season) in spans {
            let last_ms = (days * MS_PER_DAY as f64) as i64;
            assert_eq!(Season::for_span(0, last_ms).ok(), season, "{days} days");
        }
        let week = "Trend + hour-of-week pattern";
        let day = "Trend + hour-of-day pattern (the series is shorter than two weeks)";
        // (the buckets, the pattern model's title, within a sentence)
        let names: &[(Option<Season>, &str, String)] = &[
            (None, week, "the trend + hour-of-week pattern".into()),
            (
                Some(HourOfWeek),
                week,
                "the trend + hour-of-week pattern".into(),
            ),
            (Some(HourOfDay), day, format!("the t{}", &day[1..])),
        ];
        for (season, title, in_sentence) in names {
            assert_eq!(ModelKind::Seasonal.title(*season), *title);
            assert_eq!(ModelKind::Seasonal.in_sentence(*season), *in_sentence);
            let picked = ModelChoice::Picked(ModelKind::Seasonal);
            assert_eq!(picked.title(*season), *title, "the model field");
            // The trends are the same whatever the series.
            assert_eq!(ModelKind::Linear.title(*season), "Linear trend");
            assert_eq!(
                ModelKind::Exponential.in_sentence(*season),
                "exponential growth"
            );
        }
    }

    fn samples(points: &[(f64, f64)]) -> Vec<Sample> {
        points
            .iter()
            .map(|(days, value)| Sample {
                t_ms: (days * MS_PER_DAY as f64).round() as i64,
                value: *value,
            })
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        ((a - b) / b).abs() < 1e-9 || (a - b).abs() < 1e-12
    }

    #[test]
    fn fits_a_small_line_like_numpy() {
        // numpy.polyfit([0, 1, 2, 3.5], [1, 3, 4, 8], 1) -> slope 1.94392523364486, intercept
        // 0.8411214953271021; R² = scipy.stats.linregress(...).rvalue ** 2; s = sqrt(Σ res² / 2).
        let s = samples(&[(0.0, 1.0), (1.0, 3.0), (2.0, 4.0), (3.5, 8.0)]);
        let Fit::Linear(line) = Fit::new(ModelKind::Linear, &s, 0).unwrap() else {
            unreachable!()
        };
        assert!(
            close(line.slope_per_day, 1.94392523364486),
            "{}",
            line.slope_per_day
        );
        assert!(
            close(line.intercept, 0.8411214953271021),
            "{}",
            line.intercept
        );
        assert!(
            close(line.r_squared.unwrap(), 0.9719626168224299),
            "{:?}",
            line.r_squared
        );
        assert!(
            close(line.residual_sd, 0.6037267439068864),
            "{}",
            line.residual_sd
        );
    }

    #[test]
    fn degenerate_series_are_messages() {
        let two = samples(&[(0.0, 1.0), (1.0, 2.0)]);
        let same_time = samples(&[(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]);
        let negative = samples(&[(0.0, 5.0), (1.0, -1.0), (2.0, 0.0)]);
        let one_day = samples(&[(0.0, 5.0), (0.5, 6.0), (1.0, 7.0)]);
        let cases: Vec<(&[Sample], ModelKind, &str)> = vec![
            (
                &two,
                ModelKind::Linear,
                "at least 3 samples; this series has 2",
            ),
            (&same_time, ModelKind::Linear, "same timestamp"),
            (&negative, ModelKind::Exponential, "2 values are 0 or below"),
            (
                &one_day,
                ModelKind::Seasonal,
                "at least 2 days of data (14 for the weekly pattern); this series spans 1 day",
            ),
            (&two, ModelKind::Seasonal, "at least 3 samples"),
        ];
        for (s, kind, expected) in cases {
            let message = Fit::new(kind, s, 0).unwrap_err().to_string();
            assert!(message.contains(expected), "{kind:?}: {message}");
        }
    }

    #[test]
    fn a_flat_series_has_a_flat_trend_and_a_plan() {
        use super::super::words::{crossing_text, fit_text};
        // Every hour for a week, the same value: 0.1 (whose mean in floating point is not
        // always 0.1 exactly) and 50. It was "the series does not vary, so there is no trend
        // to fit": no capacity date, no recommendation.
        for value in [0.1, 50.0] {
            let s = series_of(
                (0..24 * 7)
                    .map(|h| Sample {
                        t_ms: h * MS_PER_HOUR,
                        value,
                    })
                    .collect(),
            );
            let plan = |capacity: f64| Plan {
                capacity: Some(capacity),
                headroom: 0.2,
                horizon_days: 90,
            };
            for kind in ModelKind::ALL {
                let fit = Fit::new(kind, s.samples(), 0)
                    .unwrap_or_else(|e| panic!("{value} {kind:?}: {e}"));
                assert_eq!(fit.slope_per_day(), 0.0, "{value} {kind:?}");
                assert_eq!(fit.residual_sd(), 0.0, "{value} {kind:?}");
                let text = fit_text(&fit, s.scale());
                assert!(
                    text.contains("not defined (the series does not vary)")
                        && !text.contains("NaN"),
                    "{value} {kind:?}: {text}"
                );
                let below = outlook(&fit, s.last_ms(), &plan(value * 2.0));
                assert_eq!(
                    below.trend_reaches_capacity,
                    Some(Crossing::FlatOrFalling),
                    "{value} {kind:?}"
                );
                assert_eq!(
                    crossing_text(&below.trend_reaches_capacity.unwrap(), s.clock(), 90),
                    "never (the trend is flat or falling)"
                );
                assert_eq!(below.upper_reaches_capacity, Some(Crossing::FlatOrFalling));
                assert!(close(below.recommended, value * 1.2), "{below:?}");
                assert!(close(below.recommended_upper, value * 1.2), "{below:?}");
                let above = outlook(&fit, s.last_ms(), &plan(value / 2.0));
                assert_eq!(above.trend_reaches_capacity, Some(Crossing::Already));
            }
            let bt = backtest(s.samples(), 0).unwrap();
            assert_eq!(bt.best, Some(ModelKind::Linear), "{value}");
        }
    }

    #[test]
    fn crossings_are_answers_not_errors() {
        // y = 10 + 2x over 10 days; capacity 50 is reached 10 days after the last sample (x=20).
        let s: Vec<Sample> = (0..=10)
            .map(|d| Sample {
                t_ms: d * MS_PER_DAY,
                value: 10.0 + 2.0 * d as f64 + if d % 2 == 0 { 0.1 } else { -0.1 },
            })
            .collect();
        let fit = Fit::new(ModelKind::Linear, &s, 0).unwrap();
        let last = s[10].t_ms;
        let plan = |capacity: f64, horizon_days| Plan {
            capacity: Some(capacity),
            headroom: 0.2,
            horizon_days,
        };
        let o = outlook(&fit, last, &plan(50.0, 90));
        let Some(Crossing::On { days, .. }) = o.trend_reaches_capacity else {
            panic!("{o:?}")
        };
        assert!((days - 10.0).abs() < 0.05, "{days}");
        assert!(matches!(o.upper_reaches_capacity, Some(Crossing::On { days: d, .. }) if d < days));
        assert!(matches!(o.trend_reaches_headroom, Some(Crossing::On { days: d, .. }) if d < days));
        assert_eq!(o.recommended, o.max_forecast * 1.2);
        // Below zero, headroom is still added above: −10 with 20% is −8, not −12.
        assert_eq!(with_headroom(-10.0, 1.2), -8.0);
        assert_eq!(with_headroom(10.0, 1.2), 12.0);
        assert_eq!(
            outlook(&fit, last, &plan(500.0, 90)).trend_reaches_capacity,
            Some(Crossing::NotWithinHorizon)
        );
        assert_eq!(
            outlook(&fit, last, &plan(5.0, 90)).trend_reaches_capacity,
            Some(Crossing::Already)
        );

        let falling: Vec<Sample> = s
            .iter()
            .map(|x| Sample {
                t_ms: x.t_ms,
                value: 100.0 - x.value,
            })
            .collect();
        let fit = Fit::new(ModelKind::Linear, &falling, 0).unwrap();
        assert_eq!(
            outlook(&fit, last, &plan(200.0, 90)).trend_reaches_capacity,
            Some(Crossing::FlatOrFalling)
        );
    }

    fn series_of(samples: Vec<Sample>) -> Series {
        use super::super::series::Clock;
        Series::new("s".into(), Clock::Utc, samples).unwrap().0
    }

    #[test]
    fn a_history_already_over_the_capacity_is_counted() {
        let h = MS_PER_HOUR;
        // Hourly values from hour 0; the series ends at the last.
        let hourly = |values: &[f64]| {
            series_of(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, &value)| Sample {
                        t_ms: i as i64 * h,
                        value,
                    })
                    .collect(),
            )
        };
        let over = |samples, days, highest_ms, highest, first_ms, last_ms| {
            Some(HistoryOver {
                samples,
                of: 0,
                days,
                highest_ms,
                highest,
                first_ms,
                last_ms,
                series_last_ms: 0,
            })
        };
        // (values, capacity, what is over it); `of` and `series_last_ms` are the series'.
        let cases: &[(&[f64], f64, Option<HistoryOver>)] = &[
            (&[1.0, 2.0, 3.0], 4.0, None),
            // At the capacity counts as over it, as a crossing does.
            (&[1.0, 4.0, 3.0], 4.0, over(1, 1, h, 4.0, h, h)),
            (
                &[5.0, 1.0, 7.0, 2.0, 6.0],
                4.0,
                over(3, 1, 2 * h, 7.0, 0, 4 * h),
            ),
            // The highest is its first time.
            (&[9.0, 1.0, 9.0], 4.0, over(2, 1, 0, 9.0, 0, 2 * h)),
            (&[3.0, 3.0], 3.0, over(2, 1, 0, 3.0, 0, h)),
            (&[-5.0, -1.0], -2.0, over(1, 1, h, -1.0, h, h)),
        ];
        for (values, capacity, expected) in cases {
            let series = hourly(values);
            let expected = expected.map(|e| HistoryOver {
                of: values.len(),
                series_last_ms: series.last_ms(),
                ..e
            });
            assert_eq!(history_over(&series, *capacity), expected, "{values:?}");
        }
        // Days are counted on the series' calendar: hours 23 and 24 are two days, 0 and 23 one.
        let mut values = vec![0.0; 30];
        values[23] = 10.0;
        values[24] = 11.0;
        assert_eq!(
            history_over(&hourly(&values), 10.0).map(|o| o.days),
            Some(2)
        );
        values[0] = 10.0;
        values[24] = 0.0;
        assert_eq!(
            history_over(&hourly(&values), 10.0).map(|o| o.days),
            Some(1)
        );
    }

    #[test]
    fn a_forecast_below_zero_of_a_series_never_below_zero_is_found() {
        // y = 100 − 2x over 10 days with ±0.1 of noise: the trend (intercept 100.00909) reaches
        // zero at x = 50.0045, 40.0045 days after the last sample.
        let falling = |shift: f64| -> Vec<Sample> {
            (0..=10)
                .map(|d| Sample {
                    t_ms: d * MS_PER_DAY,
                    value: shift + 100.0 - 2.0 * d as f64 + if d % 2 == 0 { 0.1 } else { -0.1 },
                })
                .collect()
        };
        let s = series_of(falling(0.0));
        let fit = Fit::new(ModelKind::Linear, s.samples(), 0).unwrap();
        let Some(Crossing::On { t_ms, days }) = below_zero(&fit, &s, 90) else {
            panic!("{:?}", below_zero(&fit, &s, 90))
        };
        assert!((days - 40.0045).abs() < 0.001, "{days}");
        // The first whole minute at which the trend has reached zero.
        assert!(fit.value_at(t_ms) <= 0.0 && fit.value_at(t_ms - 60_000) > 0.0);
        // Within 30 days neither the trend nor its narrow band reaches zero.
        assert_eq!(below_zero(&fit, &s, 30), None);
        // A series with a value below zero has no floor at zero.
        let s = series_of(falling(-81.0));
        let fit = Fit::new(ModelKind::Linear, s.samples(), 0).unwrap();
        assert!(fit.value_at(s.last_ms() + 90 * MS_PER_DAY) < 0.0);
        assert_eq!(below_zero(&fit, &s, 90), None);
        // The exponential model never goes below zero.
        let s = series_of(falling(0.0));
        let fit = Fit::new(ModelKind::Exponential, s.samples(), 0).unwrap();
        assert_eq!(below_zero(&fit, &s, 3_650), None);

        // 12, 9, 6, 3, 0, 0, 0: the trend is −2.14 at the last sample already.
        let s = series_of(samples(&[
            (0.0, 12.0),
            (1.0, 9.0),
            (2.0, 6.0),
            (3.0, 3.0),
            (4.0, 0.0),
            (5.0, 0.0),
            (6.0, 0.0),
        ]));
        let fit = Fit::new(ModelKind::Linear, s.samples(), 0).unwrap();
        assert_eq!(below_zero(&fit, &s, 1), Some(Crossing::Already));
        // A flat trend of 5 with a spread of ±4: the interval's lower bound is below zero, the
        // trend is not, and only the trend is reported.
        let s = series_of(
            (0..20)
                .map(|d| Sample {
                    t_ms: d * MS_PER_DAY,
                    value: if d % 2 == 0 { 1.0 } else { 9.0 },
                })
                .collect(),
        );
        for kind in [ModelKind::Linear, ModelKind::Seasonal] {
            let fit = Fit::new(kind, s.samples(), 0).unwrap();
            assert!(fit.interval_at(s.last_ms()).0 < 0.0, "{kind:?}");
            assert_eq!(below_zero(&fit, &s, 90), None, "{kind:?}");
        }
    }

    #[test]
    fn a_trend_reaching_zero_exactly_on_a_minute_is_reported_at_that_minute() {
        // Regression: the first minute below zero was reported, the minute after the trend
        // reached zero when it did so exactly on a minute. Each line is exact in floating point.
        // Samples as (day, value), when the trend is zero, and how long after the last sample.
        type Case = (&'static [(f64, f64)], i64, f64);
        let cases: &[Case] = &[
            // 7, 6, 5, 4 a day apart: zero on day 7, 4 days after the last sample.
            (
                &[(0.0, 7.0), (1.0, 6.0), (2.0, 5.0), (3.0, 4.0)],
                7 * MS_PER_DAY,
                4.0,
            ),
            // 3, 2, 1, 0: zero at the last sample itself, which is not below zero yet.
            (
                &[(0.0, 3.0), (1.0, 2.0), (2.0, 1.0), (3.0, 0.0)],
                3 * MS_PER_DAY,
                0.0,
            ),
            // 7, 6, 5 six hours apart: zero at 18:00 on day 1, 30 hours after the last sample.
            (
                &[(0.0, 7.0), (0.25, 6.0), (0.5, 5.0)],
                MS_PER_DAY + 18 * MS_PER_HOUR,
                1.25,
            ),
        ];
        // 0.3, 0.2, 0.1, 0.1 an hour apart: the exact line is 0.28 − 0.07 per hour, zero at
        // 04:00, 1 hour after the last sample; in floating point the fit is a hair above zero
        // there.
        let hourly = series_of(samples(&[
            (0.0, 0.3),
            (1.0 / 24.0, 0.2),
            (2.0 / 24.0, 0.1),
            (3.0 / 24.0, 0.1),
        ]));
        let fit = Fit::new(ModelKind::Linear, hourly.samples(), 0).unwrap();
        assert!(fit.value_at(4 * MS_PER_HOUR).abs() < 1e-15);
        assert_eq!(
            below_zero(&fit, &hourly, 90),
            Some(Crossing::On {
                t_ms: 4 * MS_PER_HOUR,
                days: 1.0 / 24.0
            })
        );
        for (points, zero_ms, days) in cases {
            let s = series_of(samples(points));
            let fit = Fit::new(ModelKind::Linear, s.samples(), 0).unwrap();
            assert_eq!(fit.value_at(*zero_ms), 0.0, "{points:?}");
            assert!(fit.value_at(zero_ms - 1) > 0.0 && fit.value_at(zero_ms + 1) < 0.0);
            assert_eq!(
                below_zero(&fit, &s, 90),
                Some(Crossing::On {
                    t_ms: *zero_ms,
                    days: *days
                }),
                "{points:?}"
            );
        }
    }

    #[test]
    fn a_forecast_that_leaves_the_range_of_values_says_so() {
        // Doubling every day: 2^19 at the last sample; 2^(19 + 90) after 90 days is about
        // 6.5e32, within range; after 1000 days about 5.6e306, and after 3650 days past f64.
        let s: Vec<Sample> = (0..20)
            .map(|d| Sample {
                t_ms: d * MS_PER_DAY,
                value: 2f64.powi(d as i32),
            })
            .collect();
        let fit = Fit::new(ModelKind::Exponential, &s, 0).unwrap();
        let plan = |horizon_days| Plan {
            capacity: Some(1e6),
            headroom: 0.2,
            horizon_days,
        };
        let last = s[19].t_ms;
        let near = outlook(&fit, last, &plan(90));
        assert!(!near.beyond_range);
        assert!(near.recommended.is_finite() && near.recommended < 1e34);
        for horizon in [1000, 3650] {
            let far = outlook(&fit, last, &plan(horizon));
            assert!(far.beyond_range, "{horizon}: {far:?}");
            // The crossing is still found: 1e6 is about 20 days after 2^0, one after the last.
            assert!(
                matches!(far.trend_reaches_capacity, Some(Crossing::On { days, .. }) if days < 1.0)
            );
        }
    }

    /// A series of hourly values near 1 over 20 days: a rising trend, a daily cycle and a
    /// deterministic wobble, every value multiplied by `scale`.
    fn wobbly_series(scale: f64) -> Vec<Sample> {
        (0..24 * 20)
            .map(|h: i64| {
                let hours = h as f64;
                let cycle = (hours * std::f64::consts::TAU / 24.0).sin() * 0.1;
                let wobble = ((h * 7919) % 101) as f64 / 1000.0;
                Sample {
                    t_ms: h * MS_PER_HOUR,
                    value: (1.0 + hours / 480.0 + cycle + wobble) * scale,
                }
            })
            .collect()
    }

    /// R², the residual deviation and the backtest's errors are the same, relative to the
    /// values, whatever their magnitude: squares of values near 1e-300 once underflowed to 0
    /// (R² 0, RMSE 0) and those near 1e+300 overflowed. Series keep within ±1e100, but the
    /// fits' statistics do not rely on it.
    #[test]
    fn fit_statistics_do_not_depend_on_the_values_magnitude() {
        let unit = wobbly_series(1.0);
        let mut wrong = Vec::new();
        for scale in [1e-300, 1e-200, 1e-100, 1e100, 1e200, 1e300] {
            let scaled = wobbly_series(scale);
            for kind in ModelKind::ALL {
                let (expected, got) = (
                    Fit::new(kind, &unit, 0).unwrap(),
                    Fit::new(kind, &scaled, 0).unwrap(),
                );
                // The exponential model's deviation is in logarithms, the same at any scale.
                let sd_unit = if kind == ModelKind::Exponential {
                    1.0
                } else {
                    scale
                };
                let pairs = [
                    (
                        "R²",
                        expected.r_squared().unwrap(),
                        got.r_squared().unwrap(),
                    ),
                    (
                        "residual sd",
                        expected.residual_sd(),
                        got.residual_sd() / sd_unit,
                    ),
                ];
                for (name, expected, got) in pairs {
                    if !close(got, expected) {
                        wrong.push(format!(
                            "{kind:?} × {scale:e}: {name} {got}, not {expected}"
                        ));
                    }
                }
            }
            let (expected, got) = (backtest(&unit, 0).unwrap(), backtest(&scaled, 0).unwrap());
            for ((kind, expected), (_, got)) in expected.rows.iter().zip(&got.rows) {
                let (expected, got) = (expected.as_ref().unwrap(), got.as_ref().unwrap());
                for (name, expected, got) in [
                    ("MAE", expected.mae, got.mae / scale),
                    ("RMSE", expected.rmse, got.rmse / scale),
                ] {
                    if !close(got, expected) {
                        wrong.push(format!(
                            "{kind:?} × {scale:e}: {name} {got}, not {expected}"
                        ));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// Samples at the import limit, as far apart as they may be, still give finite figures in
    /// every model, the backtest and the plan: the limit keeps the sums of squares in range.
    #[test]
    fn values_at_the_limit_give_finite_figures() {
        use super::super::series::MAX_ABS_VALUE;
        let s: Vec<Sample> = (0..24 * 20)
            .map(|h| Sample {
                t_ms: h * MS_PER_HOUR,
                value: if h % 2 == 0 {
                    MAX_ABS_VALUE
                } else {
                    -MAX_ABS_VALUE * 0.999
                },
            })
            .collect();
        let plan = Plan {
            capacity: Some(1e300),
            headroom: 10.0,
            horizon_days: MAX_HORIZON_DAYS,
        };
        for kind in [ModelKind::Linear, ModelKind::Seasonal] {
            let fit = Fit::new(kind, &s, 0).unwrap();
            let o = outlook(&fit, s[s.len() - 1].t_ms, &plan);
            let figures = [
                fit.slope_per_day(),
                fit.r_squared().unwrap(),
                fit.residual_sd(),
                o.max_forecast,
                o.max_upper,
                o.recommended,
                o.recommended_upper,
                o.at_end.0,
                o.at_end.1,
                o.at_end.2,
            ];
            assert!(
                figures.iter().all(|f| f.is_finite()),
                "{kind:?}: {figures:?}"
            );
        }
        let bt = backtest(&s, 0).unwrap();
        for (kind, row) in &bt.rows {
            if let Ok(errors) = row {
                assert!(
                    errors.mae.is_finite() && errors.rmse.is_finite(),
                    "{kind:?}"
                );
            }
        }
    }

    #[test]
    fn backtest_marks_the_lowest_error() {
        // A straight exponential: the exponential model predicts the held-out part exactly.
        let s: Vec<Sample> = (0..50)
            .map(|d| Sample {
                t_ms: d * MS_PER_DAY,
                value: 100.0 * 1.05f64.powi(d as i32),
            })
            .collect();
        let bt = backtest(&s, 0).unwrap();
        assert_eq!((bt.train_len, bt.test_len), (40, 10));
        assert_eq!(bt.best, Some(ModelKind::Exponential));
        assert!(backtest(&s[..3], 0).is_none());
    }

    #[test]
    fn errors_within_float_noise_are_a_tie_the_simpler_model_wins() {
        // Values of 42: MAEs of 3e-15 and 1e-15 are both float noise, so the linear trend (first)
        // is best, not the exponential by 2e-15; an error of 0.5 against 0.1 is a real difference.
        let s: Vec<Sample> = (0..10)
            .map(|d| Sample {
                t_ms: d * MS_PER_DAY,
                value: 42.0,
            })
            .collect();
        let errors = |mae: f64| Ok(BacktestErrors { mae, rmse: mae });
        let rows = |linear: f64, exponential: f64| {
            vec![
                (ModelKind::Linear, errors(linear)),
                (ModelKind::Exponential, errors(exponential)),
            ]
        };
        assert_eq!(
            backtest_from(&s, 8, rows(3e-15, 1e-15)).best,
            Some(ModelKind::Linear)
        );
        assert_eq!(
            backtest_from(&s, 8, rows(0.5, 0.1)).best,
            Some(ModelKind::Exponential)
        );
    }
}
