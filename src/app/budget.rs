//! The Budget tab: SLO target and window in, allowed downtime and bad requests out.

use leptos::either::Either;
use leptos::prelude::*;

use super::Notices;
use crate::calc::decimal::{self, DecimalError};
use crate::calc::duration::{format_duration, format_minutes, ROUNDING_RULE};
use crate::calc::slo::{self, MonthConvention, SloTarget, WindowDays};
use crate::chart::downtime::downtime_chart;
use crate::inputs::BudgetInputs;
use crate::storage::{Loaded, Storage};

const STORAGE_NAME: &str = "budget";
const WINDOW_PRESETS: [u64; 4] = [7, 28, 30, 90];

/// The Budget tab's inputs as signals, loaded from storage and saved on every change.
#[derive(Clone, Copy)]
pub struct BudgetState {
    pub target_percent: RwSignal<String>,
    pub window_days: RwSignal<String>,
    pub expected_requests: RwSignal<String>,
}

impl BudgetState {
    /// Restores the saved inputs (or defaults, with a notice when the saved ones are unreadable)
    /// and keeps saving them.
    pub fn load(storage: StoredValue<Storage, LocalStorage>, notices: Notices) -> BudgetState {
        let saved = match storage.with_value(|s| s.load::<BudgetInputs>(STORAGE_NAME)) {
            Loaded::Found(inputs) => inputs,
            Loaded::Missing => BudgetInputs::default(),
            Loaded::Unreadable(notice) => {
                notices.push(notice.message);
                BudgetInputs::default()
            }
        };
        let state = BudgetState {
            target_percent: RwSignal::new(saved.target_percent),
            window_days: RwSignal::new(saved.window_days),
            expected_requests: RwSignal::new(saved.expected_requests),
        };

        let last_save_error = StoredValue::new(None::<String>);
        Effect::new(move |_| {
            let inputs = BudgetInputs {
                target_percent: state.target_percent.get(),
                window_days: state.window_days.get(),
                expected_requests: state.expected_requests.get(),
            };
            let result = storage.with_value(|s| s.save(STORAGE_NAME, &inputs));
            if let Some(previous) = last_save_error.get_value() {
                notices.remove(&previous);
            }
            let error = result.err().map(|notice| notice.message);
            if let Some(message) = &error {
                notices.push(message.clone());
            }
            last_save_error.set_value(error);
        });
        state
    }

    /// The SLO target as typed, parsed; reactive when called inside a closure. Other tabs use
    /// this (and [`BudgetState::window`]) to follow the Budget tab's SLO.
    pub fn target(&self) -> Result<SloTarget, slo::TargetError> {
        SloTarget::parse(&self.target_percent.get())
    }

    /// The SLO window as typed, parsed; reactive when called inside a closure.
    pub fn window(&self) -> Result<WindowDays, slo::WindowError> {
        WindowDays::parse(&self.window_days.get())
    }
}

/// A valid target and window, and whether they are older than what the fields now hold.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shown {
    target: SloTarget,
    window: WindowDays,
    stale: bool,
}

/// Reads the optional request count: empty means "not given".
fn parse_requests(text: &str) -> Result<Option<u64>, String> {
    match decimal::parse_count(text) {
        Ok(count) => Ok(Some(count)),
        Err(DecimalError::Empty) => Ok(None),
        Err(DecimalError::Negative) => Err("The number of requests cannot be negative".into()),
        Err(DecimalError::TooLarge) => Err("That is more requests than Headroom can count".into()),
        Err(_) => Err("Enter a whole number of requests, such as 1000000 or 1,000,000".into()),
    }
}

/// The Budget tab.
#[component]
pub fn BudgetTab(state: BudgetState) -> impl IntoView {
    let target = Memo::new(move |_| state.target());
    let window = Memo::new(move |_| state.window());
    let requests = Memo::new(move |_| parse_requests(&state.expected_requests.get()));
    let shown =
        Memo::new(
            move |previous: Option<&Option<Shown>>| match (target.get(), window.get()) {
                (Ok(target), Ok(window)) => Some(Shown {
                    target,
                    window,
                    stale: false,
                }),
                _ => previous.copied().flatten().map(|last| Shown {
                    stale: true,
                    ..last
                }),
            },
        );
    let chart_svg = Memo::new(move |_| shown.get().map(|s| downtime_chart(s.target, s.window)));

    view! {
        <section class="panel" aria-labelledby="budget-title">
            <h2 id="budget-title">"Error budget"</h2>
            <div class="fields">
                <div class="field">
                    <label for="slo-target">"SLO target (%)"</label>
                    <input
                        id="slo-target"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="slo-target-help slo-target-error"
                        aria-invalid=move || target.get().is_err().to_string()
                        prop:value=move || state.target_percent.get()
                        on:input=move |ev| state.target_percent.set(event_target_value(&ev))
                    />
                    <p id="slo-target-help" class="help">
                        "For example 99.9, 99.95 or 99.999; up to 6 decimals, kept exactly."
                    </p>
                    <p id="slo-target-error" class="field-error" aria-live="polite">
                        {move || target.get().err().map(|e| e.to_string())}
                    </p>
                </div>
                <div class="field">
                    <label for="window-days">"Window (days)"</label>
                    <input
                        id="window-days"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="window-days-help window-days-error"
                        aria-invalid=move || window.get().is_err().to_string()
                        prop:value=move || state.window_days.get()
                        on:input=move |ev| state.window_days.set(event_target_value(&ev))
                    />
                    <div class="presets" role="group" aria-label="Window presets">
                        {WINDOW_PRESETS
                            .into_iter()
                            .map(|days| {
                                let pressed = move || {
                                    let current = state.window_days.get();
                                    (current.trim() == days.to_string()).to_string()
                                };
                                view! {
                                    <button
                                        type="button"
                                        class="preset"
                                        aria-pressed=pressed
                                        on:click=move |_| state.window_days.set(days.to_string())
                                    >
                                        {format!("{days} days")}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                    <p id="window-days-help" class="help">
                        "A rolling window: the budget is spread over the last N days."
                    </p>
                    <p id="window-days-error" class="field-error" aria-live="polite">
                        {move || window.get().err().map(|e| e.to_string())}
                    </p>
                </div>
                <div class="field">
                    <label for="expected-requests">"Requests expected in the window (optional)"</label>
                    <input
                        id="expected-requests"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="expected-requests-error"
                        aria-invalid=move || requests.get().is_err().to_string()
                        prop:value=move || state.expected_requests.get()
                        on:input=move |ev| state.expected_requests.set(event_target_value(&ev))
                    />
                    <p id="expected-requests-error" class="field-error" aria-live="polite">
                        {move || requests.get().err()}
                    </p>
                </div>
            </div>
        </section>

        <section
            id="budget-results"
            class="panel results"
            class:stale=move || shown.get().is_some_and(|s| s.stale)
            aria-labelledby="results-title"
        >
            <h2 id="results-title">"Allowed downtime"</h2>
            {move || match shown.get() {
                None => Either::Left(view! {
                    <p class="empty">"Enter a valid target and window to see the budget."</p>
                }),
                Some(shown) => Either::Right(results(shown, requests.get())),
            }}
        </section>

        <section class="panel" aria-labelledby="chart-title">
            <h2 id="chart-title">"Downtime against target"</h2>
            <figure class="chart" class:stale=move || shown.get().is_some_and(|s| s.stale)>
                <div
                    id="downtime-chart"
                    role="img"
                    aria-label=move || chart_description(shown.get())
                    inner_html=move || chart_svg.get().unwrap_or_default()
                ></div>
                <figcaption>{move || chart_description(shown.get())}</figcaption>
            </figure>
        </section>
    }
}

fn chart_description(shown: Option<Shown>) -> String {
    match shown {
        None => "No chart: the target or window is not valid.".to_string(),
        Some(s) => format!(
            "Allowed downtime per {} days for SLO targets from 90% to 99.999% (time on a \
             logarithmic scale); the dot marks {}%, which allows {}.",
            s.window.days_text(),
            s.target.percent_text(),
            format_duration(slo::allowed_downtime_ms(s.target, s.window))
        ),
    }
}

fn results(shown: Shown, requests: Result<Option<u64>, String>) -> impl IntoView {
    let Shown {
        target,
        window,
        stale,
    } = shown;
    let downtime_ms = slo::allowed_downtime_ms(target, window);
    let target_text = target.percent_text();
    let days_text = window.days_text();

    let rows = slo::periods(MonthConvention::Days30)
        .iter()
        .map(|period| {
            let ms = period.allowed_downtime_ms(target);
            view! {
                <tr>
                    <th scope="row">{period.name}</th>
                    <td>{period.convention}</td>
                    <td class="num" title=format_minutes(ms)>{format_duration(ms)}</td>
                </tr>
            }
        })
        .collect_view();

    let bad_requests = match requests {
        Ok(Some(total)) => {
            let allowed = slo::allowed_bad_events(target, total);
            Either::Left(view! {
                <p id="allowed-bad-requests">
                    <span class="figure">{decimal::format_count(allowed)}</span>
                    " of " {decimal::format_count(total)} " requests may fail."
                </p>
                <p class="convention">
                    "Allowed failed requests = (1 − target) × requests, rounded down to whole "
                    "requests."
                </p>
            })
        }
        other => {
            let hint = match other {
                Err(_) => "Fix the number of requests to see how many may fail.",
                _ => "Give the requests you expect to see how many may fail.",
            };
            Either::Right(view! { <p class="help">{hint}</p> })
        }
    };

    view! {
        {stale.then(|| view! {
            <p class="stale-note" role="note">
                {format!(
                    "Not updated: these results are for the last valid input, {}% over {} days.",
                    target_text,
                    days_text,
                )}
            </p>
        })}
        <p class="headline">
            <span id="window-downtime" class="figure" title=format_minutes(downtime_ms)>
                {format_duration(downtime_ms)}
            </span>
            {format!(" over {} days at {}%", window.days_text(), target.percent_text())}
        </p>
        <p class="convention">
            {format!("Error budget = 1 − target = {}. ", target.budget_fraction_text())}
            "Allowed downtime = error budget × window length. A day is 24 hours. "
            {ROUNDING_RULE}
        </p>
        <table class="periods">
            <caption>{format!("Allowed downtime per period at {}%", target.percent_text())}</caption>
            <thead>
                <tr>
                    <th scope="col">"Period"</th>
                    <th scope="col">"Length"</th>
                    <th scope="col">"Allowed downtime"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {bad_requests}
    }
}
