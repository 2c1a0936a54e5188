//! The Budget tab's result panels. Each shows the last valid results, marked stale while a
//! field it depends on is wrong.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::app::export::{chart_fit, ChartDownloads};
use crate::app::{IncidentLog, WorkspaceState};
use crate::calc::budget_sheet::{
    BudgetSheet, BurnPanel, IncidentFigures, RemainingPanel, ResolvedWindow, Section, Shown,
};
use crate::calc::budget_words::{self, percent, window_words};
use crate::calc::burn::{SliKind, Verdict};
use crate::calc::decimal::days_phrase;
use crate::calc::duration::{format_duration, format_minutes, ROUNDING_RULE};
use crate::calc::incident::WindowIncidents;
use crate::calc::slo::{self, MonthConvention, SloTarget};
use crate::chart::burndown::burndown_chart;
use crate::chart::downtime::{downtime_chart, drawn_targets};
use crate::formats::show_bidi_controls;

/// What the budget panel shows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct BudgetFigures {
    target: SloTarget,
    window: ResolvedWindow,
    month: MonthConvention,
    sli: SliKind,
    expected_requests: Option<u64>,
}

fn budget_figures(sheet: &BudgetSheet) -> Option<BudgetFigures> {
    Some(BudgetFigures {
        target: sheet.target?,
        window: sheet.window?,
        month: sheet.month?,
        sli: sheet.sli?,
        expected_requests: sheet.expected_requests,
    })
}

/// Keeps the last value `current` gave, marked stale (`true`) while it gives none.
fn last_valid<T>(current: impl Fn() -> Option<T> + Send + Sync + 'static) -> Memo<Option<(T, bool)>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(
        move |previous: Option<&Option<(T, bool)>>| match current() {
            Some(value) => Some((value, false)),
            None => previous.cloned().flatten().map(|(value, _)| (value, true)),
        },
    )
}

/// A section's panel content: the last results or reason read (kept and marked stale while the
/// section waits on a wrong field), or `None`, a hint, while it is empty.
fn section_memo<T>(
    sheet: Memo<BudgetSheet>,
    pick: fn(&BudgetSheet) -> Section<T>,
) -> Memo<Option<Shown<T>>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&Option<Shown<T>>>| {
        sheet.with(|s| pick(s).shown_after(previous.cloned().flatten()))
    })
}

fn stale_note(stale: bool) -> impl IntoView {
    stale.then(|| {
        view! {
            <p class="stale-note" role="note">
                "Not updated: these results are for the last valid input. Fix the field marked above."
            </p>
        }
    })
}

/// Error budget, allowed downtime, the period table and allowed bad events or timeslices.
#[component]
pub fn BudgetResults(sheet: Memo<BudgetSheet>, children: Children) -> impl IntoView {
    let shown = last_valid(move || sheet.with(budget_figures));
    view! {
        <section
            id="budget-results"
            class="panel results"
            class:stale=move || shown.get().is_some_and(|(_, stale)| stale)
            aria-labelledby="results-title"
        >
            <h2 id="results-title">"Error budget"</h2>
            {children()}
            {move || match shown.get() {
                None => Either::Left(view! {
                    <p class="empty">"Enter a valid target and window to see the budget."</p>
                }),
                Some((figures, stale)) => Either::Right(budget_view(figures, stale)),
            }}
        </section>
    }
}

fn budget_view(figures: BudgetFigures, stale: bool) -> impl IntoView {
    let BudgetFigures {
        target,
        window,
        month,
        sli,
        expected_requests,
    } = figures;
    let downtime_ms = slo::allowed_downtime_ms(target, window.window);
    let rows = budget_words::period_rows(target, window, month)
        .into_iter()
        .map(|row| {
            let ms = row.allowed_ms;
            view! {
                <tr>
                    <th scope="row">{row.name}</th>
                    <td>{row.length}</td>
                    <td class="num" title=format_minutes(ms)>{format_duration(ms)}</td>
                </tr>
            }
        })
        .collect_view();

    let allowance = budget_words::allowance(target, window, sli, expected_requests);

    view! {
        {stale_note(stale)}
        <p class="headline">
            <span id="window-downtime" class="figure" title=format_minutes(downtime_ms)>
                {format_duration(downtime_ms)}
            </span>
            {format!(" of allowed downtime over {} at {}%", window_words(window), target.percent_text())}
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
        <p id="allowed-bad" class="allowance">
            {allowance.unwrap_or_else(|| {
                "Give the requests you expect in the window to see how many may fail.".to_string()
            })}
        </p>
    }
}

/// Error ratio, burn rate and what they mean for the budget.
#[component]
pub fn BurnResults(sheet: Memo<BudgetSheet>) -> impl IntoView {
    let shown = section_memo(sheet, BudgetSheet::burn_panel);
    let stale = move || shown.get().is_some_and(|shown| shown.stale);
    view! {
        <div id="burn-results" class="results" class:stale=stale aria-live="polite">
            {move || stale_note(stale())}
            {move || match shown.get().map(|shown| shown.result) {
                None => EitherOf3::A(view! {
                    <p class="empty">"Enter what failed in an observation to see its burn rate."</p>
                }),
                Some(Err(reason)) => EitherOf3::B(view! { <p class="undefined">{reason}</p> }),
                Some(Ok(panel)) => EitherOf3::C(burn_view(panel)),
            }}
        </div>
    }
}

fn burn_view(panel: BurnPanel) -> impl IntoView {
    let BurnPanel {
        figures,
        window,
        timeslices,
    } = panel;
    let report = figures.report;
    let lasts = budget_words::exhaustion_words(report.exhaustion_ms);
    view! {
        <dl class="figures">
            <dt>"Error ratio"</dt>
            <dd id="error-ratio">{budget_words::percent_to(report.error_ratio, 4)}</dd>
            <dt>"Burn rate"</dt>
            <dd id="burn-rate" class="figure">{budget_words::burn_rate(report.burn_rate)}</dd>
            <dt>"Budget used by this observation"</dt>
            <dd id="burn-consumed">{percent(report.budget_consumed)}</dd>
            <dt>"Time to exhaustion"</dt>
            <dd id="burn-exhaustion">{lasts}</dd>
            <dt>"Highest possible burn rate"</dt>
            <dd id="max-burn-rate">{budget_words::burn_rate(report.max_burn_rate)}</dd>
        </dl>
        <p class="convention">
            {format!(
                "Burn rate = error ratio ÷ (1 − target): 1× spends the budget exactly over {}. \
                 Budget used = burn rate × observation counted ({}) ÷ window. Time to \
                 exhaustion = window ÷ burn rate. The highest burn rate, 1 ÷ (1 − target), is \
                 reached when everything fails. {} {}{}",
                window_words(window),
                budget_words::observation_counted(figures.observed_ms, figures.counted_ms),
                budget_words::BURN_RATE_RULE,
                budget_words::SHARE_RULE,
                if timeslices {
                    format!(" {}", budget_words::TIMESLICE_RULE)
                } else {
                    String::new()
                }
            )}
        </p>
    }
}

/// Budget consumed and left so far, the run-out date, the decision, and the burn-down chart.
#[component]
pub fn RemainingResults(
    sheet: Memo<BudgetSheet>,
    /// The logged incidents added to the budget consumed, drawn as steps on the chart.
    added: Memo<Option<WindowIncidents>>,
) -> impl IntoView {
    let shown = section_memo(sheet, BudgetSheet::remaining_panel);
    let stale = move || shown.get().is_some_and(|shown| shown.stale);
    let fit = chart_fit();
    let chart = Memo::new(move |_| {
        let Some(Ok(panel)) = shown.get().map(|shown| shown.result) else {
            return None;
        };
        Some(added.with(|added| {
            let counted = added.as_ref().map_or(&[][..], |a| &a.counted);
            burndown_chart(panel.window.window, &panel.figures, counted, fit.get())
        }))
    });
    view! {
        <div id="remaining-results" class="results" class:stale=stale aria-live="polite">
            {move || stale_note(stale())}
            {move || match shown.get().map(|shown| shown.result) {
                None => EitherOf3::A(view! {
                    <p class="empty">"Enter what failed so far in this window to see what is left."</p>
                }),
                Some(Err(reason)) => EitherOf3::B(view! { <p class="undefined">{reason}</p> }),
                Some(Ok(panel)) => EitherOf3::C(remaining_view(panel)),
            }}
        </div>
        {remaining_explained(shown)}
        <figure class="chart" hidden=move || chart.get().is_none()>
            <div
                id="burndown-chart"
                role="img"
                aria-label="Remaining error budget against days into the window: the ideal straight \
                            line, what is observed so far (logged incidents added as steps at \
                            their time), the projection at the current pace, and the policy's \
                            warning and freeze zones."
                inner_html=move || chart.get().unwrap_or_default()
            ></div>
            <figcaption>
                "Burn-down: remaining budget (%) against days into the window. Straight line: an \
                 even spend; solid: spent so far, the measured failures evenly and each logged \
                 incident added as a step down where its part in the window begins (an ongoing \
                 one spread from its start to now); dot: now; dashed: the current pace; shaded: \
                 the warning and freeze zones."
            </figcaption>
            <ChartDownloads chart_id="burndown-chart" file_stem="headroom-burn-down" />
        </figure>
    }
}

fn remaining_view(panel: RemainingPanel) -> impl IntoView {
    let RemainingPanel {
        figures,
        target,
        window,
    } = panel;
    let report = figures.report;
    let words = budget_words::remaining_words(&figures, target, window);
    let verdict_class = match figures.decision.verdict {
        Verdict::Allowed => "verdict allowed",
        Verdict::Warning => "verdict warning",
        Verdict::Freeze => "verdict freeze",
    };

    view! {
        <div id="decision" class=verdict_class role="status">
            <p class="verdict-title">{words.verdict_title}</p>
            <p id="decision-reason">{words.reason}</p>
            <p id="decision-margin">{words.margin}</p>
        </div>
        <dl class="figures">
            <dt>"Elapsed"</dt>
            <dd id="elapsed">{words.elapsed}</dd>
            <dt>"Budget consumed"</dt>
            <dd id="consumed" class="figure">{percent(report.consumed)}</dd>
            {(figures.added.numerator() > 0).then(|| view! {
                <dd id="consumed-incidents" class="figure-more">
                    {format!("of which {} from logged incidents", percent(figures.added))}
                </dd>
            })}
            <dt>"Budget remaining"</dt>
            <dd id="remaining">{words.remaining}</dd>
            <dt>"Projected by the end of the window"</dt>
            <dd id="projected">{format!("{} consumed", percent(report.projected_at_end))}</dd>
        </dl>
        {words.overspent.map(|text| view! { <p id="overspent" class="overspent">{text}</p> })}
        <p id="run-out">{words.run_out}</p>
        <p id="remaining-convention" class="convention">
            "Consumed = error ratio so far ÷ (1 − target) × elapsed ÷ window; remaining = 100% − "
            "consumed, never below 0%. A threshold met exactly counts as above it."
        </p>
    }
}

/// How the remaining budget is measured, in full: folded under the one-line convention, closed
/// at first (about 250 words, which filled a phone's screen). Drawn once, outside the results
/// drawn anew on each change, so it stays open or closed as the person left it.
fn remaining_explained(shown: Memo<Option<Shown<RemainingPanel>>>) -> impl IntoView {
    let has_results = Memo::new(move |_| {
        shown.with(|shown| shown.as_ref().is_some_and(|shown| shown.result.is_ok()))
    });
    view! {
        <details id="remaining-explained" class="explained" hidden=move || !has_results.get()>
            <summary>"How the remaining budget is measured"</summary>
            <p id="remaining-explanation" class="convention">
                "With requests expected for the window, consumed = bad so far ÷ ((1 − target) × "
                "expected requests), the allowance before it is rounded down to whole events "
                "(2.999 allowed, 2 failed: 66.69% consumed, and no more whole bad event allowed). "
                {budget_words::PROJECTION_RULE}
                " The projection continues the measured pace (the failures so far) from now to "
                "the end of the window; logged incidents added are one-off costs, not part of the "
                "pace. "
                {budget_words::ELAPSED_RULE}
            </p>
        </details>
    }
}

/// The opt-in that adds the Incident tab's logged incidents of the current window (an ongoing
/// one up to now) to the budget consumed so far, and a note of exactly what it added.
#[component]
pub fn IncludeIncidents(
    state: super::BudgetState,
    workspace: WorkspaceState,
    added: Memo<Option<WindowIncidents>>,
) -> impl IntoView {
    let checked = move || state.inputs.with(|i| i.include_incidents);
    let failed = move || checked() && matches!(workspace.incident_log.get(), IncidentLog::Failed);
    let note = move || {
        if !checked() {
            return None;
        }
        match workspace.incident_log.get() {
            IncidentLog::Ready { .. } => {}
            IncidentLog::NotLoaded | IncidentLog::Loading => {
                return Some("Reading the incident log…".to_string());
            }
            IncidentLog::Failed => {
                return Some(
                    "The incident log could not be read: the page's code for it did not arrive \
                     (it may be offline). The remaining budget below leaves logged incidents out."
                        .to_string(),
                );
            }
        }
        let Some(added) = added.get() else {
            return Some(
                "Logged incidents are added once the remaining budget below is computed."
                    .to_string(),
            );
        };
        Some(budget_words::incidents_added_text(&added))
    };
    // Incidents added that went on at the same time, each counted in full.
    let overlaps = move || {
        if !checked() {
            return None;
        }
        added.with(|added| {
            let added = added.as_ref()?;
            budget_words::overlap_text(&added.overlaps, |i| {
                let counted = &added.counted[i];
                let title = show_bidi_controls(&counted.title).into_owned();
                (counted.id.clone(), title)
            })
        })
    };
    view! {
        <div class="field include-incidents">
            <label class="check">
                <input
                    id="include-incidents"
                    type="checkbox"
                    aria-describedby="included-incidents"
                    prop:checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.inputs.update(|i| i.include_incidents = on);
                    }
                />
                " "
                {budget_words::INCLUDE_INCIDENTS_LABEL}
            </label>
            <p class="help">
                {budget_words::INCIDENTS_ADDED_RULE}
                " Leave this off if the figures so far already include those failures."
            </p>
            <p id="included-incidents" class="help" aria-live="polite">{note}</p>
            <p id="included-incidents-overlaps" class="field-warning" aria-live="polite">{overlaps}</p>
            <Show when=failed>
                <button
                    type="button"
                    id="include-incidents-retry"
                    on:click=move |_| crate::app::read_incident_log(workspace)
                >
                    "Try again"
                </button>
            </Show>
        </div>
    }
}

/// The budget one incident consumed.
#[component]
pub fn IncidentResults(sheet: Memo<BudgetSheet>) -> impl IntoView {
    let shown = section_memo(sheet, |s| s.incident.clone());
    let stale = move || shown.get().is_some_and(|shown| shown.stale);
    let has_remaining = Memo::new(move |_| sheet.with(|s| s.remaining.ready().is_some()));
    view! {
        <div id="incident-results" class="results" class:stale=stale aria-live="polite">
            {move || stale_note(stale())}
            {move || match shown.get().map(|shown| shown.result) {
                None => EitherOf3::A(view! {
                    <p class="empty">"Enter an incident's duration to see the budget it used."</p>
                }),
                Some(Err(reason)) => EitherOf3::B(view! { <p class="undefined">{reason}</p> }),
                Some(Ok(figures)) => EitherOf3::C(incident_view(figures, has_remaining.get())),
            }}
        </div>
    }
}

fn incident_view(figures: IncidentFigures, has_remaining: bool) -> impl IntoView {
    let left = budget_words::incident_left_text(&figures, has_remaining);
    view! {
        <dl class="figures">
            <dt>"Budget consumed"</dt>
            <dd id="incident-consumed" class="figure">{percent(figures.impact.consumed)}</dd>
            <dt>"As full-outage time"</dt>
            <dd id="incident-downtime">{format_duration(figures.impact.equivalent_downtime_ms)}</dd>
            <dt>"Left afterwards"</dt>
            <dd id="incident-left">{left}</dd>
        </dl>
        <p class="convention">{budget_words::incident_rule_words(&figures)}</p>
    }
}

/// Allowed downtime against the target, current target marked.
#[component]
pub fn DowntimeChart(sheet: Memo<BudgetSheet>) -> impl IntoView {
    let shown = last_valid(move || sheet.with(|s| s.target.zip(s.window)));
    let fit = chart_fit();
    let svg = Memo::new(move |_| {
        shown
            .get()
            .map(|((t, w), _)| downtime_chart(t, w.window, fit.get()))
    });
    let description = move || match shown.get() {
        None => "No chart: the target or window is not valid.".to_string(),
        Some(((target, window), _)) => {
            let (from, to) = drawn_targets(target);
            format!(
                "Allowed downtime per {} for SLO targets from {from} to {to} (time on a \
                 logarithmic scale); the dot marks {}%, which allows {}.",
                days_phrase(&window.window.days_text()),
                target.percent_text(),
                format_duration(slo::allowed_downtime_ms(target, window.window))
            )
        }
    };
    view! {
        <section class="panel" aria-labelledby="chart-title">
            <h2 id="chart-title">"Downtime against target"</h2>
            <figure class="chart" class:stale=move || shown.get().is_some_and(|(_, stale)| stale)>
                <div
                    id="downtime-chart"
                    role="img"
                    aria-label=description
                    inner_html=move || svg.get().unwrap_or_default()
                ></div>
                <figcaption>{description}</figcaption>
                <ChartDownloads chart_id="downtime-chart" file_stem="headroom-downtime" />
            </figure>
        </section>
    }
}
