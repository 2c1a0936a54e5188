//! The Capacity tab's results: when the capacity is reached, the recommended capacity, the
//! models and their backtest, the forecast chart and the peak patterns. Results for the last
//! valid inputs stay on screen, dimmed and marked, while a field is wrong.

use std::sync::Arc;

use leptos::prelude::*;

use super::{next_frame, Breather, CapacityState, Current};
use crate::app::export::{chart_fit, ChartDownloads, CopySummary};
use crate::calc::capacity::forecast::{
    self, Crossing, Fit, ModelChoice, ModelKind, ModelReason, Outlook, Plan, Season,
};
use crate::calc::capacity::patterns::{GroupStats, WEEKDAYS};
use crate::calc::capacity::series::{format_time_on, format_value, Clock, Scale, UtcOffset};
use crate::calc::capacity::sheet::{Analysis, AnalysisSteps, CapacitySheet};
use crate::calc::capacity::words::{
    backtest_cells, backtest_text, below_peak_text, below_zero_text, beyond_range_text,
    crossing_labels, crossing_text, far_past_data_text, fit_cells, fit_error_text, fit_text,
    headroom_text, history_over_text, model_used_text, peaks_text, recommendation,
};
use crate::calc::decimal::days_phrase;
use crate::chart::capacity::{
    forecast_caption, forecast_chart, heatmap_chart, hourly_chart, ForecastView,
};
use crate::formats::summary;

/// Series longer than this start their analysis in a task of their own; any series gets a
/// frame for the browser whenever a slice of the analysis has taken long (see `Breather`).
const YIELD_ABOVE_SAMPLES: usize = 50_000;

/// What the results are computed from.
#[derive(Clone, PartialEq)]
struct Shown {
    current: Current,
    analysis: Arc<Analysis>,
    plan: Plan,
    /// The model field's choice; the model it means is worked out from the analysis.
    choice: ModelChoice,
    /// How an import set the horizon, when it did (`CapacitySheet::horizon_fitted`).
    horizon_fitted: Option<String>,
    stale: bool,
}

/// A group's statistics; the computed ones are read against the series' `scale` (a mean of
/// values that cancel out reads 0, not float noise), the highest value as measured.
fn stats_cells(g: &Option<GroupStats>, scale: Scale) -> impl IntoView {
    match g {
        Some(g) => view! {
            <td class="num">{g.count.to_string()}</td>
            <td class="num">{scale.value(g.mean)}</td>
            <td class="num">{format_value(g.max)}</td>
            <td class="num">{scale.value(g.p95)}</td>
            <td class="num">{g.std.map_or("—".to_string(), |std| scale.value(std))}</td>
        }
        .into_any(),
        None => view! { <td class="num">"0"</td><td>"—"</td><td>"—"</td><td>"—"</td><td>"—"</td> }
            .into_any(),
    }
}

/// The results panels.
#[component]
pub fn CapacityResults(
    state: CapacityState,
    sheet: Memo<CapacitySheet>,
    offset: Memo<UtcOffset>,
) -> impl IntoView {
    // The analysis runs in steps; on a long series the browser gets a frame between them.
    let analysis = RwSignal::new(None::<(Current, Arc<Analysis>)>);
    // The share of the analysis done, while it runs.
    let analysing = RwSignal::new(None::<f64>);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let current = state.series.get();
        let offset = offset.get();
        let this = generation.get_value() + 1;
        generation.set_value(this);
        let Some(current) = current else {
            analysis.set(None);
            analysing.set(None);
            return;
        };
        analysing.set(Some(0.0));
        leptos::task::spawn_local(async move {
            let long = current.series.len() > YIELD_ABOVE_SAMPLES;
            if long {
                // Start in a task of its own, not at the end of the import's.
                next_frame().await;
            }
            let mut steps = AnalysisSteps::new(current.series.clone(), offset);
            let mut breather = Breather::new();
            // The task outlives the panels when the tab is left: their values are then gone,
            // and it stops at its next step.
            let wanted = move || generation.try_get_value() == Some(this);
            while steps.step() {
                if breather.breathe().await {
                    if !wanted() {
                        return;
                    }
                    analysing.try_set(Some(steps.progress()));
                }
            }
            if long {
                // The results are drawn in a task of their own.
                next_frame().await;
            }
            if wanted() {
                analysis.try_set(Some((current, Arc::new(steps.finish()))));
                analysing.try_set(None);
            }
        });
    });
    let shown = Memo::new(move |previous: Option<&Option<Shown>>| {
        let (current, analysis) = analysis.get()?;
        let s = sheet.get();
        match (s.plan, s.model) {
            (Some(plan), Some(choice)) if s.errors.is_empty() => Some(Shown {
                current,
                analysis,
                plan,
                choice,
                horizon_fitted: s.horizon_fitted,
                stale: false,
            }),
            _ => previous
                .cloned()
                .flatten()
                .filter(|p| p.current == current)
                .map(|p| Shown { stale: true, ..p }),
        }
    });
    let stale = move || shown.with(|s| s.as_ref().is_some_and(|s| s.stale));
    let markdown = Signal::derive(move || {
        shown.with(|shown| {
            let shown = shown.as_ref().filter(|s| !s.stale)?;
            Some(summary::capacity_markdown(
                &shown.current.series,
                &shown.analysis,
                &shown.plan,
                shown.choice,
                shown.horizon_fitted.as_deref(),
                &crate::app::budget::today().to_string(),
            ))
        })
    });

    view! {
        <section id="capacity-results" class="panel results" class:stale=stale aria-labelledby="capacity-results-title">
            <h2 id="capacity-results-title">"Forecast"</h2>
            <CopySummary id="capacity" markdown />
            {move || analysing.get().map(|share| view! {
                <div id="capacity-analysing" class="capacity-progress" role="status">
                    <progress id="capacity-analysis-progress" aria-label="Fitting the models" max="100" value=(share * 100.0).round().to_string()></progress>
                    <span>{format!("Fitting the models to every sample… {}%", (share * 100.0).round())}</span>
                </div>
            })}
            {move || match shown.get() {
                None => view! {
                    <p class="empty">
                        {move || if state.restoring.get().is_some() {
                            "The saved series is being read back; its forecast follows."
                        } else if analysis.with(Option::is_some) && sheet.with(|s| !s.errors.is_empty()) {
                            "The forecast follows once the fields marked in the plan above are corrected."
                        } else {
                            "Import a metric export (or try the sample) to see its forecast."
                        }}
                    </p>
                }
                .into_any(),
                Some(shown) => forecast_panel(shown).into_any(),
            }}
        </section>
        <section id="capacity-patterns" class="panel" aria-labelledby="capacity-patterns-title">
            <h2 id="capacity-patterns-title">"Peak patterns"</h2>
            {move || match analysis.get() {
                None => view! { <p class="empty">"Import a series to see its daily and weekly shape."</p> }.into_any(),
                Some((current, analysis)) => patterns_panel(&current, &analysis).into_any(),
            }}
        </section>
    }
}

fn forecast_panel(shown: Shown) -> impl IntoView {
    let Shown {
        current,
        analysis,
        plan,
        choice,
        stale,
        horizon_fitted: _,
    } = shown;
    let series = &current.series;
    let clock = series.clock();
    let (model, reason) = analysis.model_for(choice);
    let best = analysis.backtest.as_ref().and_then(|b| b.best);
    let model_used = view! {
        <p id="capacity-model-used">{model_used_text(model, reason, best, analysis.season)}</p>
    };
    let fit = match analysis.fit(model) {
        Some(Ok(fit)) => fit.clone(),
        Some(Err(error)) => {
            let message = fit_error_text(model, analysis.season, error);
            // No "the simplest model that can be fitted" when none can: only a picked model's
            // line is said beside its message.
            let picked = (reason == ModelReason::Picked).then_some(model_used);
            return view! {
                {picked}
                <p id="capacity-fit-error" class="field-error" role="alert">{message}</p>
                {models_table(&analysis, model)}
            }
            .into_any();
        }
        None => return view! { <p class="empty">"No model."</p> }.into_any(),
    };
    let outlook = forecast::outlook(&fit, series.last_ms(), &plan);
    // The drawn history keeps each column's lowest and highest value, so the series' own.
    let highest = analysis
        .history_drawn
        .iter()
        .map(|&(_, value)| value)
        .fold(f64::NEG_INFINITY, f64::max);
    // Said before when the forecast reaches the capacity: the history may be over it already.
    let history_over = plan.capacity.and_then(|capacity| {
        let over = forecast::history_over(series, capacity)?;
        let text = history_over_text(&over, capacity, clock);
        Some(view! { <p id="capacity-history-over" role="note">{text}</p> })
    });
    let headline = headline(
        &outlook,
        &plan,
        clock,
        model,
        analysis.pattern(),
        highest,
        analysis.scale,
    );
    let far_past_data =
        far_past_data_text(plan.horizon_days, analysis.scale.span_days).map(|text| {
            view! { <p id="capacity-far-past-data" role="note">{text}</p> }
        });
    let below_zero = forecast::below_zero(&fit, series, plan.horizon_days).map(|below| {
        let text = below_zero_text(&below, clock, model, analysis.pattern());
        view! { <p id="capacity-below-zero" role="note">{text}</p> }
    });

    let marked = |crossing: Option<Crossing>| match crossing {
        Some(Crossing::On { t_ms, .. }) => Some((t_ms, format_time_on(t_ms, clock))),
        _ => None,
    };
    let forecast_view = ForecastView {
        history: analysis.history_drawn.clone(),
        fitted: analysis.fitted_drawn(model).to_vec(),
        hourly_pattern: model == ModelKind::Seasonal,
        forecast: forecast::forecast_points(&fit, series.last_ms(), plan.horizon_days),
        capacity: plan.capacity,
        headroom_line: plan.capacity.map(|c| c / (1.0 + plan.headroom)),
        crossing: marked(outlook.trend_reaches_capacity),
        upper_crossing: marked(outlook.upper_reaches_capacity),
    };
    let width = chart_fit().get();
    let chart = forecast_chart(&forecast_view, width);
    let caption = forecast_caption(
        &forecast_view,
        width,
        &model.title(analysis.season),
        series.name(),
        plan.horizon_days,
    );

    view! {
        <Show when=move || stale>
            <p class="stale-note" role="note">
                "Not updated: these results are for the last valid input. Fix the marked fields."
            </p>
        </Show>
        {model_used}
        {history_over}
        {headline}
        {far_past_data}
        {below_zero}
        {fit_summary(&fit, analysis.scale)}
        <figure class="chart">
            <div id="capacity-forecast-chart" role="img" aria-label=caption.clone() inner_html=chart></div>
            <figcaption>{caption.clone()}</figcaption>
            <ChartDownloads chart_id="capacity-forecast-chart" file_stem="headroom-capacity-forecast" />
        </figure>
        {models_table(&analysis, model)}
        <p class="convention">
            "Time is fractional days since the first sample; every sample keeps its own time. Linear: "
            "ordinary least squares of value on time. Exponential: least squares of ln(value) (all "
            "values above 0); its R² and residual standard deviation are on the log scale; growth "
            "is e^slope − 1 (more than 1,000,000% over a day or a month, or a fall of more than "
            "99.99%, is not written out: the time it takes to double or halve, ln 2 ÷ |slope|, "
            "is given). Trend + "
            "hour-of-week pattern: one least-squares trend with one level per hour of the week (per "
            "hour of the day under 14 days of data). A month is 365.2425 / 12 = 30.436875 days. The "
            "95% prediction interval is the fitted value ± t(0.975, n − 2) × s × √(1 + 1/n + (x − x̄)² / Sxx), "
            "with s the residual standard deviation (n − K − 1 degrees of freedom and per-hour terms "
            "for the pattern model). Recommended capacity = the highest forecast over the horizon × "
            "(1 + headroom); the headroom line is capacity ÷ (1 + headroom). Backtest: each model is "
            "fitted on the first 80% of the samples and scored on the last 20% by mean absolute "
            "error (MAE) and root mean squared error (RMSE); the lowest MAE is marked best, and the "
            "automatic model choice follows it (with no backtest, under 4 samples, or no best model "
            "that can be fitted to the whole series, the first model listed that can be fitted). "
            "A horizon more than 3 times the history's span (first sample to last) is warned about: the "
            "forecast is then the model carried far past the data. When "
            "every value of the series is 0 or above and the forecast goes below zero within the "
            "horizon (checked every hour), the page says from when the trend is below zero; the "
            "figures (the interval's lower bound too) are shown as fitted, not cut off at zero."
        </p>
    }
    .into_any()
}

fn headline(
    outlook: &Outlook,
    plan: &Plan,
    clock: Clock,
    model: ModelKind,
    pattern: Option<Season>,
    highest: f64,
    scale: Scale,
) -> impl IntoView {
    let horizon = plan.horizon_days;
    let labels = crossing_labels(model, pattern);
    let dates = match (
        outlook.trend_reaches_capacity,
        outlook.upper_reaches_capacity,
        outlook.trend_reaches_headroom,
    ) {
        (Some(trend), Some(upper), Some(headroom)) => view! {
            <ul class="capacity-dates">
                <li>{labels.capacity}
                    <span id="capacity-trend-date" class="figure">{crossing_text(&trend, clock, horizon)}</span></li>
                <li>{labels.upper}
                    <span id="capacity-upper-date" class="figure">{crossing_text(&upper, clock, horizon)}</span></li>
                <li>{labels.headroom}
                    <span id="capacity-headroom-date" class="figure">{crossing_text(&headroom, clock, horizon)}</span></li>
            </ul>
        }
        .into_any(),
        _ => view! {
            <p id="capacity-no-limit" class="help">"Enter the capacity to see when the forecast reaches it."</p>
        }
        .into_any(),
    };
    if outlook.beyond_range {
        return view! {
            {dates}
            <p id="capacity-beyond-range">{beyond_range_text(horizon, model == ModelKind::Exponential)}</p>
        }
        .into_any();
    }
    let figures = recommendation(outlook, scale);
    view! {
        {dates}
        <p>
            "Recommended capacity for the next " {days_phrase(&horizon.to_string())} ": "
            <span id="capacity-recommended" class="figure">{figures.recommended}</span>
            " (the highest forecast, " {figures.highest} ", plus "
            {headroom_text(plan.headroom)} " headroom); to cover the upper bound of the 95% interval: "
            <span id="capacity-recommended-upper" class="figure">{figures.recommended_upper}</span>
            " (" {figures.highest_upper} " plus headroom)."
        </p>
        {below_peak_text(outlook.recommended, highest, model, pattern)
            .map(|text| view! { <p id="capacity-below-peak" role="note">{text}</p> })}
        <p id="capacity-at-end">
            {format!(
                "At the end of the horizon ({}): {} (95% interval {} to {}).",
                format_time_on(outlook.end_ms, clock),
                scale.value(outlook.at_end.0),
                scale.value(outlook.at_end.1),
                scale.value(outlook.at_end.2)
            )}
        </p>
    }
    .into_any()
}

fn fit_summary(fit: &Fit, scale: Scale) -> impl IntoView {
    view! { <p id="capacity-fit">{fit_text(fit, scale)}</p> }
}

fn models_table(analysis: &Analysis, chosen: ModelKind) -> impl IntoView {
    let backtest = analysis.backtest.clone();
    let rows = ModelKind::ALL
        .into_iter()
        .map(|kind| {
            let fit = analysis.fit(kind);
            let (slope_day, slope_month, r2, sd) = match fit {
                Some(Ok(fit)) => fit_cells(fit, analysis.scale),
                Some(Err(e)) => (e.to_string(), String::new(), String::new(), String::new()),
                None => Default::default(),
            };
            let errors = backtest.as_ref().and_then(|b| {
                b.rows
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, r)| r.clone())
            });
            let (mae, rmse) = match errors {
                Some(Ok(e)) => backtest_cells(&e, analysis.scale),
                Some(Err(_)) => ("cannot be fitted".to_string(), String::new()),
                None => ("—".to_string(), "—".to_string()),
            };
            let best = backtest.as_ref().is_some_and(|b| b.best == Some(kind));
            let failed = matches!(fit, Some(Err(_)));
            view! {
                <tr class:chosen=kind == chosen>
                    <th scope="row">
                        {kind.title(analysis.season)}{(kind == chosen).then_some(" (shown)")}
                    </th>
                    {if failed {
                        view! { <td colspan="4" class="field-error">{slope_day}</td> }.into_any()
                    } else {
                        view! {
                            <td class="num">{slope_day}</td>
                            <td class="num">{slope_month}</td>
                            <td class="num">{r2}</td>
                            <td class="num">{sd}</td>
                        }
                        .into_any()
                    }}
                    <td class="num">{mae}</td>
                    <td class="num">{rmse}</td>
                    <td>{if best { "best" } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    let split = backtest.as_ref().map_or_else(
        || "The backtest needs at least 4 samples.".to_string(),
        |b| backtest_text(b, analysis.season),
    );
    view! {
        <div class="table-scroll">
            <table id="capacity-models" class="capacity-models">
                <caption>{split}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Model"</th>
                        <th scope="col">"Slope per day"</th>
                        <th scope="col">"Per month"</th>
                        <th scope="col">"R²"</th>
                        <th scope="col">"Residual SD"</th>
                        <th scope="col">"Backtest MAE"</th>
                        <th scope="col">"RMSE"</th>
                        <th scope="col">"Best"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn patterns_panel(current: &Current, analysis: &Analysis) -> impl IntoView {
    let p = &analysis.patterns;
    let clock = current.series.clock();
    let reading = match clock {
        Clock::WallClock => "Hours are the series' own wall-clock hours.".to_string(),
        Clock::Utc => format!("Hours and weekdays are read at UTC{}.", analysis.offset),
    };
    let peaks = peaks_text(p, analysis.scale);
    let hour_rows = p
        .by_hour
        .iter()
        .enumerate()
        .map(|(h, g)| {
            let peak = p.peak_hours.contains(&h);
            view! {
                <tr class:peak=peak>
                    <th scope="row">{format!("{h:02}:00")}{peak.then_some(" ▲")}</th>
                    {stats_cells(g, analysis.scale)}
                </tr>
            }
        })
        .collect_view();
    let day_rows = p
        .by_weekday
        .iter()
        .enumerate()
        .map(|(d, g)| {
            view! { <tr><th scope="row">{WEEKDAYS[d]}</th>{stats_cells(g, analysis.scale)}</tr> }
        })
        .collect_view();
    let header = || {
        view! {
            <thead>
                <tr>
                    <th scope="col">""</th>
                    <th scope="col">"Samples"</th>
                    <th scope="col">"Mean"</th>
                    <th scope="col">"Max"</th>
                    <th scope="col">"95th pct"</th>
                    <th scope="col">"Std dev"</th>
                </tr>
            </thead>
        }
    };
    let fit = chart_fit().get();
    let heat_caption =
        "Mean by weekday (rows, Monday first) and hour of day (columns); the stronger the blue, the \
         higher, on the scale under the chart from the lowest mean to the highest.";
    let bars_caption = "Mean by hour of day; peak hours in red, the dashed line is the 75th percentile of the hourly means.";
    view! {
        <p id="capacity-peak-hours" class="headline">{peaks}</p>
        <p class="convention">
            {reading}
            " Statistics per hour and weekday: mean, maximum, 95th percentile (linear interpolation "
            "between ranks, as numpy and pandas do) and sample standard deviation (n − 1). Peak "
            "hours have a mean above the 75th percentile of the 24 hourly means."
        </p>
        <figure class="chart">
            <div id="capacity-heatmap" role="img" aria-label=heat_caption
                inner_html=heatmap_chart(p, fit)></div>
            <figcaption>{heat_caption}</figcaption>
            <ChartDownloads chart_id="capacity-heatmap" file_stem="headroom-capacity-heatmap" />
        </figure>
        <figure class="chart">
            <div id="capacity-hourly-chart" role="img" aria-label=bars_caption
                inner_html=hourly_chart(p, fit)></div>
            <figcaption>{bars_caption}</figcaption>
            <ChartDownloads chart_id="capacity-hourly-chart" file_stem="headroom-capacity-hourly" />
        </figure>
        <div class="capacity-tables">
            <div class="table-scroll">
                <table id="capacity-hourly-table">
                    <caption>"By hour of day"</caption>
                    {header()}
                    <tbody>{hour_rows}</tbody>
                </table>
            </div>
            <div class="table-scroll">
                <table id="capacity-weekday-table">
                    <caption>"By weekday"</caption>
                    {header()}
                    <tbody>{day_rows}</tbody>
                </table>
            </div>
        </div>
    }
}
