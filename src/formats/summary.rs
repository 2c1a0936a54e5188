//! "Copy summary": each tab's inputs, key results and conventions as a short Markdown block,
//! ready to paste into a design document or a postmortem. Text a person typed (task names) is
//! escaped so that it reads as text wherever the Markdown is rendered.

use std::fmt::Write;

use crate::calc::alerts::{self, AlertSheet};
use crate::calc::budget_sheet::{BudgetSheet, Section, WindowKind};
use crate::calc::budget_words::{self, percent, window_words};
use crate::calc::burn::SliKind;
use crate::calc::capacity::forecast::{self, ModelChoice, ModelKind, Plan};
use crate::calc::capacity::series::{format_time_on, format_value, Series};
use crate::calc::capacity::sheet::Analysis;
use crate::calc::capacity::words::{
    backtest_cells, backtest_text, below_peak_text, below_zero_text, beyond_range_text,
    crossing_subject, crossing_text, far_past_data_text, fit_error_text, fit_text, headroom_text,
    history_over_text, model_used_text, peaks_text, recommendation,
};
use crate::calc::decimal::{counted, days_phrase};
use crate::calc::duration::{format_duration, ROUNDING_RULE};
use crate::calc::incident::{self, offset_text, BudgetContext, Impact, IncidentSheet, WallClock};
use crate::calc::signed_ratio::SignedRatio;
use crate::calc::slo;
use crate::calc::summary::ComparisonRow;
use crate::calc::toil::{Team, ToilReport, TOIL_CEILING_PERCENT};
use crate::calc::toil_words::{self, hours, task_label, with_money};
use crate::formats::show_bidi_controls;
use crate::inputs::IncidentInputs;

/// Escapes text a person typed so Markdown shows it as typed: no emphasis, links, headings,
/// table breaks or HTML; line breaks become spaces; a control of text direction is shown as
/// `<U+202E>` ([`show_bidi_controls`]), so it cannot reorder what follows it.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in show_bidi_controls(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '!' | '~' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn sli_words(sli: SliKind) -> String {
    match sli {
        SliKind::Requests => "request-based (bad events out of all events)".to_string(),
        SliKind::BadMinutes => "time-based (bad minutes)".to_string(),
        SliKind::Timeslices { slice_ms } => {
            format!(
                "time-based (bad timeslices of {})",
                format_duration(slice_ms)
            )
        }
    }
}

/// The Budget tab's summary, or `None` while the target or window is not valid.
pub fn budget_markdown(sheet: &BudgetSheet, today: &str) -> Option<String> {
    let target = sheet.target?;
    let window = sheet.window?;
    let sli = sheet.sli?;
    let downtime_ms = slo::allowed_downtime_ms(target, window.window);
    let mut md = String::new();

    let _ = writeln!(
        md,
        "## Error budget: {}% over {}\n",
        target.percent_text(),
        window_words(window)
    );
    let _ = writeln!(md, "- SLI: {}", sli_words(sli));
    let _ = writeln!(
        md,
        "- Error budget: {} (1 − target)",
        target.budget_fraction_text()
    );
    let _ = writeln!(
        md,
        "- **Allowed downtime: {}** over the window",
        format_duration(downtime_ms)
    );
    if let Some(text) = budget_words::allowance(target, window, sli, sheet.expected_requests) {
        let _ = writeln!(md, "- {text}");
    }

    // The downtime table, when its month is one of the conventions (not a guess).
    if sheet.month.is_some() {
        let _ = writeln!(
            md,
            "\n| Period | Length | Allowed downtime |\n| --- | --- | ---: |"
        );
    }
    for row in sheet
        .month
        .map(|month| budget_words::period_rows(target, window, month))
        .unwrap_or_default()
    {
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            row.name,
            row.length,
            format_duration(row.allowed_ms)
        );
    }

    if let Section::Ready(burn) = &sheet.burn {
        let report = burn.report;
        let _ = writeln!(
            md,
            "\n### Burn rate over {}\n",
            format_duration(burn.observed_ms)
        );
        let _ = writeln!(
            md,
            "- Error ratio {}, **burn rate {}** (highest possible {})",
            budget_words::percent_to(report.error_ratio, 4),
            budget_words::burn_rate(report.burn_rate),
            budget_words::burn_rate(report.max_burn_rate)
        );
        let _ = writeln!(
            md,
            "- This observation used {} of the budget; {}",
            percent(report.budget_consumed),
            budget_words::exhaustion_words(report.exhaustion_ms)
        );
    }

    // A section the inputs leave undefined says why, as the page does.
    if let Section::Undefined(reason) = &sheet.burn {
        let _ = writeln!(md, "\n### Burn rate\n\nNot worked out: {reason}");
    }
    if let Section::Undefined(reason) = &sheet.remaining {
        let _ = writeln!(
            md,
            "\n### Remaining budget and deploy decision\n\nNot worked out: {reason}"
        );
    }

    if let Section::Ready(remaining) = &sheet.remaining {
        let words = budget_words::remaining_words(remaining, target, window);
        let report = remaining.report;
        let _ = writeln!(md, "\n### Remaining budget and deploy decision\n");
        let _ = writeln!(md, "**{}.** {}", words.verdict_title, words.reason);
        let _ = writeln!(md, "{}\n", words.margin);
        let _ = writeln!(md, "- Elapsed: {}", words.elapsed);
        let _ = writeln!(md, "- Consumed: {}", percent(report.consumed));
        if remaining.added.numerator() > 0 {
            let _ = writeln!(
                md,
                "- Of which from incidents logged in this window: {}",
                percent(remaining.added)
            );
        }
        let _ = writeln!(md, "- Remaining: {}", words.remaining);
        let _ = writeln!(
            md,
            "- Projected by the end of the window: {} consumed",
            percent(report.projected_at_end)
        );
        if let Some(overspent) = &words.overspent {
            let _ = writeln!(md, "- {overspent}");
        }
        let _ = writeln!(md, "- {}", words.run_out);
    }

    if let Section::Ready(incident) = &sheet.incident {
        let _ = writeln!(md, "\n### Incident impact\n");
        let _ = writeln!(
            md,
            "- {} at {} of traffic used **{}** of the budget ({} of full outage)",
            format_duration(incident.duration_ms),
            budget_words::traffic_percent(incident.affected),
            percent(incident.impact.consumed),
            format_duration(incident.impact.equivalent_downtime_ms)
        );
        if let Some(left) = budget_words::incident_left_words(sheet) {
            let _ = writeln!(md, "- Left afterwards: {left}");
        }
    }

    let _ = writeln!(md, "\n### Conventions\n");
    let _ = writeln!(
        md,
        "- Allowed downtime = (1 − target) × window. A day is 24 hours; the table's month is \
         as shown."
    );
    // The timeslice rule only where slices are counted.
    let timeslices = match sheet.sli {
        Some(SliKind::Timeslices { .. }) => format!(" {}", budget_words::TIMESLICE_RULE),
        _ => String::new(),
    };
    let _ = writeln!(
        md,
        "- Burn rate = error ratio ÷ (1 − target); 1× spends the budget exactly over the window. \
         {} {}{timeslices}",
        budget_words::BURN_RATE_RULE,
        budget_words::SHARE_RULE
    );
    let _ = writeln!(md, "- {}", budget_words::PROJECTION_RULE);
    if sheet.remaining.ready().is_some() {
        let _ = writeln!(md, "- {}", budget_words::ELAPSED_RULE);
    }
    let _ = writeln!(
        md,
        "- Deploy policy: freeze below {}, warn below {} of the budget left; a threshold met \
         exactly counts as above it.",
        policy_text(sheet, crate::calc::burn::Policy::freeze_below),
        policy_text(sheet, crate::calc::burn::Policy::warn_below)
    );
    let _ = writeln!(md, "- {ROUNDING_RULE}");
    let _ = write!(md, "\n_Headroom, {today}._\n");
    Some(md)
}

fn policy_text(
    sheet: &BudgetSheet,
    pick: fn(crate::calc::burn::Policy) -> crate::calc::ratio::Ratio,
) -> String {
    let line = match &sheet.remaining {
        Section::Ready(r) => pick(r.policy),
        _ => pick(crate::calc::burn::Policy::default()),
    };
    budget_words::line_percent(line)
}

/// The Alerts tab's summary, or `None` while its SLO or alert table is not valid.
pub fn alerts_markdown(sheet: &AlertSheet, today: &str) -> Option<String> {
    let slo = sheet.slo?;
    let table = sheet.table.as_ref()?;
    let mut md = String::new();
    let _ = writeln!(
        md,
        "## Burn-rate alerts: {}% over {}\n",
        slo.target.percent_text(),
        days_phrase(&slo.window.days_text())
    );
    if let Some(note) = budget_words::sli_note(slo.target, sheet.sli) {
        let _ = writeln!(md, "{note}\n");
    }
    let _ = writeln!(
        md,
        "Multi-window, multi-burn-rate alerts (SRE workbook): each fires when the burn rate over \
         its long window and over its short window are both above its threshold. Highest \
         possible burn rate: {}×.\n",
        alerts::number_words(slo.max_burn_rate())
    );
    let _ = writeln!(
        md,
        "| Alert | Budget share | Burn rate over | Error ratio over | Budget gone in | Detection at 100% errors | Resets |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for a in table {
        let _ = writeln!(
            md,
            "| {} | {}% | {}× | {}% | {} | {} | within {} |",
            a.label(),
            alerts::percent_words(a.row.budget_share),
            alerts::number_words(a.burn_rate_threshold),
            alerts::percent_words(a.error_ratio_threshold),
            alerts::format_time(a.exhaustion_ms),
            a.detection_at_full_errors_ms
                .map_or("never".to_string(), alerts::format_time),
            a.row.short
        );
    }
    let warnings: Vec<String> = table
        .iter()
        .flat_map(|a| {
            a.warnings
                .iter()
                .map(move |w| format!("- {}: {}", a.label(), w.message(slo)))
        })
        .collect();
    if !warnings.is_empty() {
        let _ = writeln!(md, "\n### Warnings\n\n{}", warnings.join("\n"));
    }
    if let Some(simulation) = &sheet.simulation {
        let words = alerts::simulation_words(slo, table, simulation);
        let _ = writeln!(md, "\n### Simulated incident\n\n{}\n", words.first);
        for row in &words.rows {
            let spent = if row.spent == "—" {
                String::new()
            } else {
                format!(" ({} of the budget spent by then)", row.spent)
            };
            let _ = writeln!(md, "- {}: {}{spent}", row.label, row.clause);
        }
        let _ = writeln!(md, "\n{} {}", words.spent, words.gone);
    }
    if let Some(uncaught) = &sheet.uncaught {
        let _ = writeln!(
            md,
            "\n**Not caught:** {}",
            alerts::uncaught_words(slo, uncaught)
        );
    }
    let _ = writeln!(md, "\n### Conventions\n");
    let _ = writeln!(
        md,
        "- Burn-rate threshold = budget share × SLO window ÷ long window; error-ratio threshold = \
         burn-rate threshold × (1 − target)."
    );
    let _ = writeln!(
        md,
        "- Detection at 100% errors = the longer window × error-ratio threshold; an alert resets \
         within its short window once errors stop."
    );
    if sheet.simulation.is_some() {
        let _ = writeln!(md, "- {}", alerts::BUDGET_SPENT_RULE);
    }
    let _ = writeln!(md, "- {}", alerts::ROUNDING_RULE);
    let _ = write!(md, "\n_Headroom, {today}._\n");
    Some(md)
}

/// The Capacity tab's summary of an analysed series under a valid plan, following the model
/// `choice` means for it (and saying which and why). `horizon_fitted` is how an import set the
/// horizon, when it did (`CapacitySheet::horizon_fitted`).
pub fn capacity_markdown(
    series: &Series,
    analysis: &Analysis,
    plan: &Plan,
    choice: ModelChoice,
    horizon_fitted: Option<&str>,
    today: &str,
) -> String {
    let (model, reason) = analysis.model_for(choice);
    let best = analysis.backtest.as_ref().and_then(|b| b.best);
    let clock = series.clock();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "## Capacity: {} ({}, {} to {})\n",
        escape_markdown(series.name()),
        counted(series.len() as u64, "sample", "samples"),
        format_time_on(series.first_ms(), clock),
        format_time_on(series.last_ms(), clock)
    );
    match analysis.fit(model) {
        Some(Ok(fit)) => {
            let outlook = forecast::outlook(fit, series.last_ms(), plan);
            let _ = writeln!(
                md,
                "- {}",
                model_used_text(model, reason, best, analysis.season)
            );
            let _ = writeln!(
                md,
                "- Model: {}. {}",
                model.title(analysis.season),
                fit_text(fit, analysis.scale)
            );
            let horizon = days_phrase(&plan.horizon_days.to_string());
            match horizon_fitted {
                Some(fitted) => {
                    let _ = writeln!(md, "- Horizon: {horizon}. {fitted}");
                }
                None => {
                    let _ = writeln!(md, "- Horizon: {horizon}.");
                }
            }
            match (
                plan.capacity,
                outlook.trend_reaches_capacity,
                outlook.upper_reaches_capacity,
            ) {
                (Some(capacity), Some(trend), Some(upper)) => {
                    let horizon = plan.horizon_days;
                    if let Some(over) = forecast::history_over(series, capacity) {
                        let _ = writeln!(md, "- {}", history_over_text(&over, capacity, clock));
                    }
                    let _ = writeln!(
                        md,
                        "- Capacity {}: **{} reaches it: {}**; the upper bound of its 95% \
                         interval reaches it: {}",
                        format_value(capacity),
                        crossing_subject(model, analysis.season),
                        crossing_text(&trend, clock, horizon),
                        crossing_text(&upper, clock, horizon)
                    );
                }
                _ => {
                    let _ = writeln!(md, "- No capacity given.");
                }
            }
            if outlook.beyond_range {
                let _ = writeln!(
                    md,
                    "- {}",
                    beyond_range_text(plan.horizon_days, model == ModelKind::Exponential)
                );
            } else {
                let figures = recommendation(&outlook, analysis.scale);
                let _ = writeln!(
                    md,
                    "- Recommended capacity for the next {}: **{}** (highest forecast {} plus \
                     {} headroom); to cover the upper bound of the 95% interval: {} ({} plus \
                     headroom)",
                    days_phrase(&plan.horizon_days.to_string()),
                    figures.recommended,
                    figures.highest,
                    headroom_text(plan.headroom),
                    figures.recommended_upper,
                    figures.highest_upper
                );
                let highest = series
                    .samples()
                    .iter()
                    .map(|s| s.value)
                    .fold(f64::NEG_INFINITY, f64::max);
                let pattern = analysis.pattern();
                if let Some(below) = below_peak_text(outlook.recommended, highest, model, pattern) {
                    let _ = writeln!(md, "- {below}");
                }
            }
            if let Some(far) = far_past_data_text(plan.horizon_days, analysis.scale.span_days) {
                let _ = writeln!(md, "- {far}");
            }
            if let Some(below) = forecast::below_zero(fit, series, plan.horizon_days) {
                let text = below_zero_text(&below, clock, model, analysis.pattern());
                let _ = writeln!(md, "- {text}");
            }
        }
        Some(Err(error)) => {
            let _ = writeln!(md, "- {}", fit_error_text(model, analysis.season, error));
        }
        None => {}
    }
    if let Some(backtest) = &analysis.backtest {
        let _ = writeln!(
            md,
            "\n| Model | Backtest MAE | RMSE |\n| --- | ---: | ---: |"
        );
        for (kind, errors) in &backtest.rows {
            let best = if backtest.best == Some(*kind) {
                " (best)"
            } else {
                ""
            };
            let (mae, rmse) = match errors {
                Ok(e) => backtest_cells(e, analysis.scale),
                Err(_) => ("cannot be fitted".to_string(), "—".to_string()),
            };
            let title = kind.title(analysis.season);
            let _ = writeln!(md, "| {title}{best} | {mae} | {rmse} |");
        }
        let _ = writeln!(md, "\n{}", backtest_text(backtest, analysis.season));
    }
    let _ = writeln!(md, "\n{}", peaks_text(&analysis.patterns, analysis.scale));
    let _ = writeln!(md, "\n### Conventions\n");
    let _ = writeln!(
        md,
        "- Ordinary least squares on fractional days since the first sample; a month is \
         365.2425 / 12 days; 95% prediction interval from the t distribution."
    );
    let _ = writeln!(
        md,
        "- Recommended capacity = highest forecast over the horizon × (1 + headroom)."
    );
    let _ = writeln!(
        md,
        "- Numbers are shown to four significant digits; every calculation uses every sample."
    );
    let _ = write!(md, "\n_Headroom, {today}._\n");
    md
}

/// Two scenarios' key results side by side, with the difference (second − first).
pub fn comparison_markdown(
    first_name: &str,
    second_name: &str,
    rows: &[ComparisonRow],
    today: &str,
) -> String {
    let (first, second) = (escape_markdown(first_name), escape_markdown(second_name));
    let mut md = format!("## Scenarios compared: {first} and {second}\n\n");
    let _ = writeln!(
        md,
        "| Key result | {first} | {second} | Difference (second − first) |\n| --- | --- | --- | --- |"
    );
    for row in rows {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            row.label,
            escape_markdown(&row.first),
            escape_markdown(&row.second),
            row.difference
        );
    }
    let _ = write!(
        md,
        "\n{}\n\n_Headroom, {today}._\n",
        crate::calc::summary::DIFFERENCE_RULE
    );
    md
}

/// The Toil tab's summary.
pub fn toil_markdown(
    report: &ToilReport,
    team: &Team,
    threshold_months: SignedRatio,
    today: &str,
) -> String {
    let totals = &report.totals;
    // The currency is typed text, written beside every sum of money.
    let team = &Team {
        currency: escape_markdown(&team.currency),
        ..team.clone()
    };
    let mut md = String::new();
    let _ = writeln!(md, "## Toil: {} a month\n", hours(totals.hours_per_month));
    let _ = writeln!(
        md,
        "- Team: {} engineers × {} hours a week = {} of working time a month",
        team.engineers.to_decimal_text(2),
        team.hours_per_week.to_decimal_text(2),
        hours(totals.team_hours_per_month)
    );
    let ceiling = if totals.over_ceiling {
        "over"
    } else {
        "within"
    };
    let _ = writeln!(
        md,
        "- **Toil: {} a month, {} of team time**, {ceiling} the {TOIL_CEILING_PERCENT}% ceiling",
        with_money(team, totals.hours_per_month),
        toil_words::percent(totals.share_of_team)
    );
    if let (Some(floor), Some(combined)) = (totals.on_call_floor, totals.share_with_on_call) {
        let _ = writeln!(md, "- {}", toil_words::on_call_words(team, floor, combined));
    }

    let _ = writeln!(
        md,
        "\n| Task | Toil a month | Share of team | Payback | Recommendation |\n\
         | --- | ---: | ---: | ---: | --- |"
    );
    for (i, (task, result)) in report.tasks.iter().zip(&report.results).enumerate() {
        let (payback, advice) = match &result.automation {
            None => (
                "—".to_string(),
                "Manual: not marked automatable".to_string(),
            ),
            Some(a) => (
                a.payback_months
                    .map_or("never".to_string(), toil_words::months),
                toil_words::recommendation(a, threshold_months),
            ),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {payback} | {advice} |",
            escape_markdown(&task_label(task, i)),
            hours(result.hours_per_month),
            toil_words::percent(result.share_of_team)
        );
    }

    if !report.plan.is_empty() {
        let _ = writeln!(md, "\n### Automation plan (shortest payback first)\n");
        for (rank, step) in report.plan.iter().enumerate() {
            let name = report
                .tasks
                .get(step.task_index)
                .map(|t| escape_markdown(&task_label(t, step.task_index)))
                .unwrap_or_default();
            let _ = writeln!(
                md,
                "{}. {name}: pays back in {}, frees {} a month ({} in all so far)",
                rank + 1,
                toil_words::months(step.payback_months),
                hours(step.saved_hours_per_month),
                hours(step.cumulative_hours_per_month)
            );
        }
    }

    let _ = writeln!(md, "\n### Conventions\n");
    let _ = writeln!(
        md,
        "- Occurrences a year: daily 365, working day {}, weekly 52, monthly 12, quarterly 4, \
         yearly 1. A month is a twelfth of a year.",
        team.working_days_per_year.to_decimal_text(2)
    );
    let _ = writeln!(
        md,
        "- Payback = hours to automate ÷ hours saved a month (net of maintenance); automate \
         when under {} months.",
        threshold_months.to_decimal_text(2)
    );
    let _ = writeln!(
        md,
        "- The SRE book keeps toil under 50% of an engineer's time; the on-call floor is 2 / \
         rotation size, each rotation member's share of time on call."
    );
    let _ = write!(md, "\n_Headroom, {today}._\n");
    md
}

/// Everything the Incident tab's summary is written from.
#[derive(Debug, Clone, Copy)]
pub struct IncidentLog<'a> {
    pub incidents: &'a [IncidentInputs],
    pub sheets: &'a [IncidentSheet],
    pub ids: &'a [Option<String>],
    /// Each incident's cost (in the order stored), `None` while a figure it needs is wrong.
    pub impacts: &'a [Option<Impact>],
    /// The budget the costs are counted against, or why there is none (in words).
    pub budget: Result<&'a BudgetContext, &'a str>,
    /// The offset every time is shown in, minutes east of UTC.
    pub utc_offset_minutes: i32,
    /// The time zone's name, such as `Europe/Berlin`, when the browser gives one.
    pub zone_name: Option<&'a str>,
}

/// The Incident tab's summary: the log as a table (latest start first) with each incident's
/// duration and budget cost, `None` when nothing is logged.
pub fn incidents_markdown(log: &IncidentLog, today: &str) -> Option<String> {
    if log.incidents.is_empty() {
        return None;
    }
    let offset = log.utc_offset_minutes;
    let mut md = String::new();
    let count = match log.incidents.len() {
        1 => "1 incident logged".to_string(),
        n => format!("{n} incidents logged"),
    };
    let ongoing = log.sheets.iter().filter(|s| s.ongoing).count();
    let _ = writeln!(
        md,
        "## Incidents: {count}{}\n",
        if ongoing > 0 {
            format!(", {ongoing} ongoing")
        } else {
            String::new()
        }
    );
    let budget = match log.budget {
        Ok(context) => format!(
            "{}% over {}",
            context.target.percent_text(),
            match context.window.kind {
                WindowKind::Rolling => {
                    format!("a rolling {}-day window", context.window.window.days_text())
                }
                WindowKind::Calendar(_) => {
                    "calendar periods (each incident in the period of its start)".to_string()
                }
            }
        ),
        Err(reason) => format!("not counted: {}", escape_markdown(reason)),
    };
    let _ = writeln!(md, "- Budget (from the Budget tab): {budget}");
    let zone = match log.zone_name {
        Some(name) if !name.trim().is_empty() => {
            format!("{} ({})", offset_text(offset), escape_markdown(name.trim()))
        }
        _ => offset_text(offset),
    };
    let _ = writeln!(md, "- Times are {zone}");

    let _ = writeln!(
        md,
        "\n| Incident | Title | Severity | Started | Duration | Traffic affected | Budget consumed | Budget left after | Deploy decision |\n\
         | --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- |"
    );
    // What the figure means for an incident past its window, said under the table.
    let mut notes = Vec::new();
    for index in incident::list_order(log.sheets) {
        let (Some(incident), Some(sheet)) = (log.incidents.get(index), log.sheets.get(index))
        else {
            continue;
        };
        let id = log
            .ids
            .get(index)
            .cloned()
            .flatten()
            .unwrap_or_else(|| "no id yet".to_string());
        let title = escape_markdown(incident.title.trim());
        let severity = match sheet.severity {
            Some(s) => s.slug().to_string(),
            None => "not valid".to_string(),
        };
        let started = sheet.start.map_or("not valid".to_string(), |m| {
            WallClock::at(m.utc_ms, offset).minutes_text()
        });
        let duration = match sheet.duration_ms {
            Some(ms) if sheet.ongoing => format!("{} so far", format_duration(ms)),
            Some(ms) => format_duration(ms),
            None => "—".to_string(),
        };
        let affected = sheet
            .affected
            .map_or("not valid".to_string(), budget_words::traffic_percent);
        let impact = log.impacts.get(index).cloned().flatten();
        if let Some(note) = impact.as_ref().and_then(Impact::past_window_note) {
            notes.push(format!("- {id}: {note}"));
        }
        let (consumed, left, decision) = match &impact {
            Some(impact) => (
                percent(impact.impact.consumed),
                if impact.overspent {
                    "0% (overspent)".to_string()
                } else {
                    percent(impact.after)
                },
                impact.decision_text(),
            ),
            None => ("—".to_string(), "—".to_string(), "—".to_string()),
        };
        let _ = writeln!(
            md,
            "| {id} | {title} | {severity} | {started} | {duration} | {affected} | {consumed} | \
             {left} | {decision} |"
        );
    }

    if !notes.is_empty() {
        let _ = writeln!(md, "\n{}", notes.join("\n"));
    }
    let _ = writeln!(md, "\n### Conventions\n");
    let _ = writeln!(md, "- {}", incident::IMPACT_CONVENTION);
    let _ = writeln!(
        md,
        "- An ongoing incident's duration runs until now. {ROUNDING_RULE}"
    );
    let _ = write!(md, "\n_Headroom, {today}._\n");
    Some(md)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::budget_sheet;
    use crate::calc::date::CivilDate;
    use crate::calc::ratio::Ratio;
    use crate::calc::toil::{report, Task, TaskText, TeamText};
    use crate::inputs::BudgetInputs;

    fn today() -> CivilDate {
        CivilDate::new(2026, 12, 4).unwrap()
    }

    #[test]
    fn budget_summary_states_results_and_conventions() {
        let inputs = BudgetInputs {
            observed_bad: "100".into(),
            observed_total: "100000".into(),
            elapsed_days: "15".into(),
            so_far_mode: "availability".into(),
            so_far_availability: "99.92".into(),
            ..BudgetInputs::default()
        };
        let sheet = budget_sheet::read(&inputs, today());
        let md = budget_markdown(&sheet, "2026-12-04").expect("valid inputs");
        for expected in [
            "## Error budget: 99.9% over 30 days",
            "**Allowed downtime: 43m 12s**",
            "| Day | 24 hours | 1m 26.4s |",
            "**burn rate 1×** (highest possible 1,000×)",
            "**Deploys allowed.** 60% of the budget remains",
            "- Consumed: 40%",
            "Burn rate = error ratio ÷ (1 − target)",
            "rounded half up to 4 significant digits and marked ≈",
            "- Without requests expected for the window, the budget consumed is the error ratio so far",
            "_Headroom, 2026-12-04._",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        }
        assert!(!md.contains("00000000"), "no float noise:\n{md}");
        assert!(!md.contains("logged"), "no incidents were added:\n{md}");
        // The timeslice rule is for a timeslice SLI only.
        assert!(!md.contains("timeslices"), "a request SLI:\n{md}");
        let slices = BudgetInputs {
            sli_kind: "timeslices".into(),
            ..inputs.clone()
        };
        let md = budget_markdown(&budget_sheet::read(&slices, today()), "2026-12-04").unwrap();
        assert!(
            md.contains("bad slices ÷ the whole slices in the observation"),
            "{md}"
        );

        // Failures so far over no elapsed time: the section says why it is not worked out.
        let none_elapsed = BudgetInputs {
            elapsed_days: "0".into(),
            so_far_bad: "3".into(),
            so_far_total: "1000".into(),
            ..BudgetInputs::default()
        };
        let md =
            budget_markdown(&budget_sheet::read(&none_elapsed, today()), "2026-12-04").unwrap();
        assert!(
            md.contains(
                "### Remaining budget and deploy decision\n\nNot worked out: No time has elapsed \
                 in this window (0 days)"
            ),
            "{md}"
        );

        // With 30% of the budget added by logged incidents: 40% + 30% consumed.
        let sheet = budget_sheet::read_adding(&inputs, today(), Ratio::new(3, 10).unwrap());
        let md = budget_markdown(&sheet, "2026-12-04").expect("valid inputs");
        assert!(
            md.contains("- Consumed: 70%\n- Of which from incidents logged in this window: 30%\n"),
            "{md}"
        );
    }

    #[test]
    fn budget_summary_echoes_a_tiny_traffic_share_and_never_says_it_cost_zero() {
        // 30 minutes at 0.0001% is 1.8 ms of the 43m 12s a 99.9% SLO allows over 30 days.
        let inputs = BudgetInputs {
            incident_minutes: "30".into(),
            incident_affected_percent: "0.0001".into(),
            ..BudgetInputs::default()
        };
        let sheet = budget_sheet::read(&inputs, today());
        let figures = sheet.incident.ready().expect("incident computed");
        assert_eq!(
            budget_words::incident_rule_words(figures),
            "Budget consumed = duration (30m 0s) × traffic affected (0.0001%) ÷ allowed downtime \
             of the window."
        );
        let md = budget_markdown(&sheet, "2026-12-04").expect("valid inputs");
        assert!(
            md.contains("- 30m 0s at 0.0001% of traffic used **under 0.01%** of the budget"),
            "{md}"
        );
    }

    #[test]
    fn alerts_summary_has_the_workbook_table() {
        let slo = crate::calc::alerts::Slo {
            target: crate::calc::slo::SloTarget::parse("99.9").unwrap(),
            window: crate::calc::slo::WindowDays::parse("30").unwrap(),
        };
        let inputs = crate::inputs::AlertsInputs {
            sim_error_percent: "2".into(),
            sim_duration: "45m".into(),
            ..crate::inputs::AlertsInputs::default()
        };
        let sheet = crate::calc::alerts::read(&inputs, Ok(slo.into()));
        let md = alerts_markdown(&sheet, "2026-12-04").expect("defaults are valid");
        for expected in [
            "## Burn-rate alerts: 99.9% over 30 days",
            "| page 1h / 5m | 2% | 14.4× | 1.44% | 2d 2h 0m 0s | 51.84s | within 5m |",
            "| ticket 3d / 6h | 10% | 1× |",
            "### Simulated incident",
            "- page 1h / 5m: fires after 43m 12s (2% of the budget spent by then)",
            "- page 6h / 30m: does not fire: it would need 1h 48m 0s",
            "\nOver the whole 45m, ≈2.08% of the 30-day budget is spent. At 2% (burn rate 20×) \
             the whole budget is gone after 1d 12h 0m 0s.\n",
            "**Not caught:**",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        }
    }

    #[test]
    fn alerts_summary_of_a_linked_timeslice_slo_says_the_alerts_count_bad_events() {
        let linked = crate::calc::alerts::Linked {
            slo: crate::calc::alerts::Slo {
                target: crate::calc::slo::SloTarget::parse("99.9").unwrap(),
                window: crate::calc::slo::WindowDays::parse("30").unwrap(),
            },
            sli: SliKind::Timeslices { slice_ms: 60_000 },
        };
        let inputs = crate::inputs::AlertsInputs::default();
        let sheet = crate::calc::alerts::read(&inputs, Ok(linked));
        let md = alerts_markdown(&sheet, "2026-12-04").expect("defaults are valid");
        assert!(
            md.contains(
                "The Budget tab's SLI counts bad timeslices of 1m 0s, but burn-rate alerts are \
                 computed on the ratio of bad events to all events"
            ),
            "{md}"
        );
    }

    #[test]
    fn the_sample_follows_the_best_model_in_the_backtest_unless_one_is_picked() {
        use crate::calc::capacity::forecast::{ModelReason, Plan};
        use crate::calc::capacity::series::UtcOffset;
        use crate::calc::capacity::sheet::{analyse, capacity_date, read};
        use crate::inputs::{CapacityInputs, SeriesRef};
        // The built-in sample: the linear trend (R² 0.002, backtest MAE 6,096) was shown and
        // recommended 22,053, below the 30,373 already seen, while the trend + hour-of-week
        // pattern was marked best (MAE 1,056).
        let bytes = include_bytes!("../../public/capacity-sample.csv");
        let parsed = crate::formats::metrics::read_all(bytes).unwrap();
        let series = parsed.take(0, "capacity-sample.csv").unwrap().series;
        let analysis = analyse(&series, UtcOffset::default());
        assert_eq!(
            analysis.backtest.as_ref().and_then(|b| b.best),
            Some(ModelKind::Seasonal)
        );
        let inputs = CapacityInputs {
            capacity: "18000".into(),
            series: Some(SeriesRef {
                id: series.content_id(),
                name: "capacity-sample.csv".into(),
                samples: series.len() as u64,
            }),
            ..CapacityInputs::default()
        };
        let sheet = read(&inputs);
        assert_eq!(sheet.model, Some(ModelChoice::Auto), "the default");
        assert_eq!(
            analysis.model_for(sheet.model.unwrap()),
            (ModelKind::Seasonal, ModelReason::BestInBacktest)
        );
        let plan: Plan = sheet.plan.unwrap();
        let md = capacity_markdown(
            &series,
            &analysis,
            &plan,
            sheet.model.unwrap(),
            None,
            "today",
        );
        assert!(
            md.contains(
                "- The dates and the recommended capacity follow the trend + hour-of-week \
                 pattern, the best in the backtest (the lowest mean absolute error on the last \
                 20% of the samples).\n- Model: Trend + hour-of-week pattern."
            ),
            "{md}"
        );
        let highest = series.highest_value();
        let Some(Ok(seasonal)) = analysis.fit(ModelKind::Seasonal) else {
            panic!()
        };
        let outlook = forecast::outlook(seasonal, series.last_ms(), &plan);
        assert!(
            outlook.recommended >= highest,
            "{} < {highest}",
            outlook.recommended
        );
        assert!(!md.contains("below the highest value already seen"), "{md}");
        // The pattern model's daily peak reaches the capacity, not its trend, and the band is
        // the one around it.
        assert!(
            md.contains(
                "- Capacity 18,000: **the forecast with its hour-of-week pattern reaches it: \
                 2014-10-27 17:00 (18 hours after the last sample)**; the upper bound of its 95% \
                 interval reaches it: 2014-10-27 08:00"
            ),
            "{md}"
        );
        // The scenario list dates the same model.
        let (date, t_ms) = capacity_date(&inputs, Some(&series));
        assert_eq!(
            t_ms,
            match outlook.trend_reaches_capacity {
                Some(forecast::Crossing::On { t_ms, .. }) => Some(t_ms),
                _ => None,
            },
            "{date}"
        );

        // A model picked by name (as every save from before the automatic choice holds) is
        // followed, and the best is named.
        let picked: CapacityInputs =
            serde_json::from_str(r#"{"capacity": "18000", "model": "linear"}"#).unwrap();
        let choice = read(&picked).model.unwrap();
        assert_eq!(choice, ModelChoice::Picked(ModelKind::Linear));
        assert_eq!(
            analysis.model_for(choice),
            (ModelKind::Linear, ModelReason::Picked)
        );
        let md = capacity_markdown(&series, &analysis, &plan, choice, None, "today");
        assert!(
            md.contains(
                "- The dates and the recommended capacity follow the linear trend, the model \
                 picked; the best in the backtest is the trend + hour-of-week pattern, which the \
                 automatic choice follows.\n- Model: Linear trend."
            ),
            "{md}"
        );
        assert!(md.contains("**22,053**"), "{md}");
    }

    #[test]
    fn a_series_shorter_than_two_weeks_names_the_hour_of_day_pattern_it_is_fitted_with() {
        use crate::calc::capacity::series::UtcOffset;
        // 13.997 days of a CPU (tests/data/nab): the pattern model is fitted per hour of the
        // day, and the summary named it "Trend + hour-of-week pattern" all the same.
        let bytes = include_bytes!("../../tests/data/nab/ec2_cpu_utilization_5f5533.csv");
        let parsed = crate::formats::metrics::read_all(bytes).unwrap();
        let series = parsed.take(0, "cpu.csv").unwrap().series;
        let analysis = crate::calc::capacity::sheet::analyse(&series, UtcOffset::default());
        let plan = Plan {
            capacity: Some(80.0),
            headroom: 0.2,
            horizon_days: 30,
        };
        let day = "rend + hour-of-day pattern (the series is shorter than two weeks)";
        for choice in [ModelChoice::Auto, ModelChoice::Picked(ModelKind::Seasonal)] {
            let md = capacity_markdown(&series, &analysis, &plan, choice, None, "today");
            assert!(!md.contains("hour-of-week"), "{choice:?}: {md}");
            assert!(md.contains(&format!("| T{day} |")), "{choice:?}: {md}");
        }
        let picked = ModelChoice::Picked(ModelKind::Seasonal);
        let md = capacity_markdown(&series, &analysis, &plan, picked, None, "today");
        assert!(
            md.contains(&format!(
                "- The dates and the recommended capacity follow the t{day}, the model picked"
            )),
            "{md}"
        );
        assert!(md.contains(&format!("- Model: T{day}. Slope: ")), "{md}");
    }

    #[test]
    fn capacity_summary_says_the_history_is_already_over_the_capacity_before_the_trend() {
        use crate::calc::capacity::series::UtcOffset;
        // nyc_taxi.csv at 30,000 over 180 days said only "the trend reaches it: never", under
        // a peak of 39,197.
        let bytes = include_bytes!("../../tests/data/nab/nyc_taxi.csv");
        let parsed = crate::formats::metrics::read_all(bytes).unwrap();
        let series = parsed.take(0, "nyc_taxi.csv").unwrap().series;
        let analysis = crate::calc::capacity::sheet::analyse(&series, UtcOffset::default());
        let plan = Plan {
            capacity: Some(30_000.0),
            headroom: 0.2,
            horizon_days: 180,
        };
        let md = capacity_markdown(&series, &analysis, &plan, ModelChoice::Auto, None, "today");
        let over = "\n- The history already reaches the capacity, 30,000: 5 of 10,320 samples \
                    (0.04845%) are at or above it, on 3 days. The highest, 39,197, was at \
                    2014-11-02 01:00; the last, at 2015-01-01 01:00, is 30.9 days before the \
                    last sample.\n- Capacity 30,000: ";
        assert!(md.contains(over), "{md}");
        // Above the highest value nothing is said of it.
        for capacity in [39_198.0, 50_000.0] {
            let plan = Plan {
                capacity: Some(capacity),
                ..plan
            };
            let md = capacity_markdown(&series, &analysis, &plan, ModelChoice::Auto, None, "today");
            assert!(!md.contains("The history already"), "{md}");
        }
    }

    #[test]
    fn capacity_summary_names_the_series_as_text_and_gives_the_dates() {
        use crate::calc::capacity::series::{Clock, Sample, UtcOffset, MS_PER_DAY};
        let samples: Vec<Sample> = (0..=20)
            .map(|d| Sample {
                t_ms: 1_700_000_000_000 + d * MS_PER_DAY,
                value: 10.0 + d as f64 + if d % 2 == 0 { 0.5 } else { -0.5 },
            })
            .collect();
        let series = Series::new("cpu <b>|x".into(), Clock::Utc, samples)
            .unwrap()
            .0;
        let analysis =
            crate::calc::capacity::sheet::analyse(&series, UtcOffset::parse("+00:00").unwrap());
        let plan = Plan {
            capacity: Some(50.0),
            headroom: 0.2,
            horizon_days: 90,
        };
        let md = capacity_markdown(
            &series,
            &analysis,
            &plan,
            ModelChoice::Picked(ModelKind::Linear),
            None,
            "today",
        );
        assert!(
            md.starts_with("## Capacity: cpu &lt;b\\>\\|x (21 samples"),
            "{md}"
        );
        assert!(
            md.contains("**the trend line reaches it: 2023-12-24"),
            "{md}"
        );
        assert!(md.contains("| Linear trend"), "{md}");
        assert!(!md.contains("below zero"), "{md}");
        assert!(md.contains("plus 20% headroom"), "{md}");
        // A crossing that is not a date reads as a phrase after the colon; a headroom under
        // 1% is not rounded to 0%.
        let plan = Plan {
            capacity: Some(5.0),
            headroom: 0.001,
            horizon_days: 90,
        };
        let md = capacity_markdown(
            &series,
            &analysis,
            &plan,
            ModelChoice::Picked(ModelKind::Linear),
            None,
            "today",
        );
        assert!(
            md.contains(
                "**the trend line reaches it: already at or above it at the last sample**; the \
                 upper bound of its 95% interval reaches it: already"
            ),
            "{md}"
        );
        assert!(md.contains("plus 0.1% headroom"), "{md}");
        // 90 days ahead of 20 days of history is more than 3 times its span; 60 is not.
        assert!(
            md.contains("\n- The horizon, 90 days, is more than 3 times as long as the history"),
            "{md}"
        );
        let plan = Plan {
            horizon_days: 60,
            ..plan
        };
        let md = capacity_markdown(
            &series,
            &analysis,
            &plan,
            ModelChoice::Picked(ModelKind::Linear),
            None,
            "today",
        );
        assert!(!md.contains("more than 3 times"), "{md}");
    }

    #[test]
    fn capacity_summary_states_the_horizon_and_says_when_it_was_fitted_to_the_history() {
        use crate::calc::capacity::series::{Clock, Sample, UtcOffset, MS_PER_DAY};
        use crate::calc::capacity::sheet::{horizon_note, read};
        use crate::inputs::{CapacityInputs, HorizonSource};
        // An import fitted the horizon to the history and the field said so, but the summary
        // did not: it read as a horizon the person had chosen.
        let samples: Vec<Sample> = (0..=14)
            .map(|d| Sample {
                t_ms: 1_700_000_000_000 + d * MS_PER_DAY,
                value: 10.0 + d as f64 + if d % 2 == 0 { 0.5 } else { -0.5 },
            })
            .collect();
        let series = Series::new("cpu".into(), Clock::Utc, samples).unwrap().0;
        let analysis =
            crate::calc::capacity::sheet::analyse(&series, UtcOffset::parse("+00:00").unwrap());
        let markdown = |source: HorizonSource| {
            let inputs = CapacityInputs {
                capacity: "50".into(),
                horizon_days: "42".into(),
                horizon_source: source,
                ..CapacityInputs::default()
            };
            let sheet = read(&inputs);
            let plan = sheet.plan.unwrap();
            let md = capacity_markdown(
                &series,
                &analysis,
                &plan,
                sheet.model.unwrap(),
                sheet.horizon_fitted.as_deref(),
                "today",
            );
            (md, horizon_note(&inputs))
        };

        let (fitted, note) = markdown(HorizonSource::History);
        let set = "Set to 42 days, the longest horizon within 3 times the imported history, so \
                   the forecast stays near the data (the default, 90 days, would reach far past \
                   it).";
        assert!(
            fitted.contains(&format!("\n- Horizon: 42 days. {set}\n")),
            "{fitted}"
        );
        // In the page's words: the field's note is the same sentence.
        assert!(note.unwrap().starts_with(set));

        for source in [HorizonSource::Typed, HorizonSource::Default] {
            let (typed, note) = markdown(source);
            assert!(
                typed.contains("\n- Horizon: 42 days.\n"),
                "{source:?}: {typed}"
            );
            assert!(!typed.contains("Set to"), "{source:?}: {typed}");
            assert_eq!(note, None);
        }
    }

    #[test]
    fn capacity_summary_says_when_a_forecast_of_a_series_never_below_zero_goes_below_it() {
        use crate::calc::capacity::series::{Clock, Sample, UtcOffset, MS_PER_DAY};
        // 30 down to 10 over 20 days: the trend reaches zero 10 days after the last sample.
        let falling = |shift: f64| -> Series {
            let samples: Vec<Sample> = (0..=20)
                .map(|d| Sample {
                    t_ms: 1_700_000_000_000 + d * MS_PER_DAY,
                    value: shift + 30.0 - d as f64 + if d % 2 == 0 { 0.5 } else { -0.5 },
                })
                .collect();
            Series::new("cpu %".into(), Clock::Utc, samples).unwrap().0
        };
        let plan = Plan {
            capacity: None,
            headroom: 0.2,
            horizon_days: 90,
        };
        let markdown = |series: &Series| {
            let analysis = crate::calc::capacity::sheet::analyse(series, UtcOffset::default());
            capacity_markdown(
                series,
                &analysis,
                &plan,
                ModelChoice::Picked(ModelKind::Linear),
                None,
                "today",
            )
        };
        let md = markdown(&falling(0.0));
        assert!(
            md.contains(
                "\n- The trend line reaches zero on 2023-12-14 22:48 UTC (10 days after the last"
            ),
            "{md}"
        );
        assert!(md.contains("values below zero are not meaningful"), "{md}");
        // A series that has been below zero has no floor there: nothing is said.
        assert!(!markdown(&falling(-20.0)).contains("below zero"));
    }

    /// A series of `values` one every `step_s` seconds from 2025-12-01, for the capacity
    /// summary (p_tiny.json and p_tiny2.json of a tester's imports).
    fn every(step_s: i64, values: impl Iterator<Item = f64>) -> Series {
        use crate::calc::capacity::series::{Clock, Sample};
        let samples: Vec<Sample> = values
            .enumerate()
            .map(|(i, value)| Sample {
                t_ms: (1_764_547_200 + i as i64 * step_s) * 1000,
                value,
            })
            .collect();
        Series::new("tiny".into(), Clock::Utc, samples).unwrap().0
    }

    /// Regression: the recommendation's highest forecasts were written to six significant
    /// digits (`38.046`, `28,428.8`), where the README's rule and every other figure of the tab
    /// have four, never fewer than the whole part.
    #[test]
    fn capacity_recommendation_writes_the_highest_forecasts_as_every_figure() {
        use crate::calc::capacity::series::UtcOffset;
        use crate::calc::capacity::sheet::{fit_horizon_to_history, read};
        use crate::inputs::CapacityInputs;
        // (file, capacity, the sentence as the page should say it, seen on the page)
        let cases = [
            (
                "tests/data/nab/ec2_cpu_utilization_5f5533.csv",
                "",
                "Recommended capacity for the next 41 days: **45.66** (highest forecast 38.05 \
                 plus 20% headroom); to cover the upper bound of the 95% interval: 53.09 (44.24 \
                 plus headroom)",
            ),
            (
                "public/capacity-sample.csv",
                "18000",
                "(highest forecast 28,429 plus 20% headroom); to cover the upper bound of the \
                 95% interval: 37,765 (31,471 plus headroom)",
            ),
        ];
        for (file, capacity, sentence) in cases {
            let bytes = std::fs::read(file).unwrap();
            let parsed = crate::formats::metrics::read_all(&bytes).unwrap();
            let series = parsed.take(0, file).unwrap().series;
            let mut inputs = CapacityInputs {
                capacity: capacity.into(),
                ..CapacityInputs::default()
            };
            let span_days = (series.last_ms() - series.samples()[0].t_ms) as f64 / 86_400_000.0;
            fit_horizon_to_history(&mut inputs, span_days);
            let sheet = read(&inputs);
            let analysis = crate::calc::capacity::sheet::analyse(&series, UtcOffset::default());
            let md = capacity_markdown(
                &series,
                &analysis,
                &sheet.plan.unwrap(),
                sheet.model.unwrap(),
                sheet.horizon_fitted.as_deref(),
                "today",
            );
            assert!(md.contains(sentence), "{file}: {md}");
        }
    }

    /// Regression: a series of 1 to 3 samples read "Linear trend: A trend needs at least 3
    /// samples", a capital letter after the colon.
    #[test]
    fn capacity_summary_says_why_a_model_cannot_be_fitted_in_one_sentence() {
        use crate::calc::capacity::series::UtcOffset;
        let plan = Plan {
            capacity: None,
            headroom: 0.2,
            horizon_days: 90,
        };
        // (values an hour apart, the model picked, what the summary says of it)
        let cases: [(&[f64], ModelKind, &str); 3] = [
            (
                &[1.0, 2.0],
                ModelKind::Linear,
                "- Linear trend: a trend needs at least 3 samples; this series has 2.\n",
            ),
            (
                &[1.0, 0.0, 3.0, 4.0],
                ModelKind::Exponential,
                "- Exponential growth: the exponential fit needs every value above 0; 1 value \
                 is 0 or below.\n",
            ),
            (
                &[1.0, 2.0, 3.0, 4.0],
                ModelKind::Seasonal,
                "- Trend + hour-of-week pattern: the seasonal model needs at least 2 days of \
                 data (14 for the weekly pattern); this series spans 3 hours.\n",
            ),
        ];
        for (values, model, expected) in cases {
            let series = every(3_600, values.iter().copied());
            let analysis = crate::calc::capacity::sheet::analyse(&series, UtcOffset::default());
            let choice = ModelChoice::Picked(model);
            let md = capacity_markdown(&series, &analysis, &plan, choice, None, "today");
            assert!(md.contains(expected), "{model:?}: {md}");
        }
    }

    #[test]
    fn capacity_summary_of_a_tiny_series_reads_its_figures_not_zero() {
        use crate::calc::capacity::series::UtcOffset;
        let plan = Plan {
            capacity: None,
            headroom: 0.2,
            horizon_days: 90,
        };
        // 300 five-minute samples rising by 1% of 1e-12 (or 1e-15) each: 2.88e-12 a day.
        for (unit, slope, recommended, peak) in [
            (1e-12, "2.88e-12", "3.158e-10", "3.125e-12"),
            (1e-15, "2.88e-15", "3.158e-13", "3.125e-15"),
        ] {
            let series = every(300, (0..300).map(|i| unit * (1.0 + 0.01 * i as f64)));
            let analysis = crate::calc::capacity::sheet::analyse(&series, UtcOffset::default());
            let md = capacity_markdown(
                &series,
                &analysis,
                &plan,
                ModelChoice::Picked(ModelKind::Linear),
                None,
                "today",
            );
            assert!(
                md.contains(&format!("Slope: {slope} per day")),
                "{unit}: {md}"
            );
            assert!(md.contains(&format!("**{recommended}**")), "{unit}: {md}");
            assert!(md.contains(&format!("mean above {peak},")), "{unit}: {md}");
        }
    }

    #[test]
    fn capacity_summary_reads_an_exact_fits_backtest_errors_as_zero() {
        use crate::calc::capacity::series::{Clock, Sample, UtcOffset};
        // p_gap.json: two bursts of 50 one-minute samples 90 days apart, 10 to 59 and 100 to
        // 149. The trend + hour-of-week model fits them exactly, as the linear one does; its
        // errors, float noise of 1e-10, read "0.0000000001" and "0.000000000092".
        let samples: Vec<Sample> = (0..100)
            .map(|i: i64| {
                let (start_s, value) = if i < 50 {
                    (1_764_547_200, 10 + i)
                } else {
                    (1_772_323_200, 50 + i)
                };
                Sample {
                    t_ms: (start_s + 60 * (i % 50)) * 1000,
                    value: value as f64,
                }
            })
            .collect();
        let series = Series::new("gap".into(), Clock::Utc, samples).unwrap().0;
        let analysis = crate::calc::capacity::sheet::analyse(&series, UtcOffset::default());
        let plan = Plan {
            capacity: None,
            headroom: 0.2,
            horizon_days: 90,
        };
        let md = capacity_markdown(
            &series,
            &analysis,
            &plan,
            ModelChoice::Picked(ModelKind::Seasonal),
            None,
            "today",
        );
        assert!(
            md.contains("| Trend + hour-of-week pattern (best) | 0 | 0 |"),
            "{md}"
        );
    }

    #[test]
    fn invalid_budget_inputs_give_no_summary() {
        let inputs = BudgetInputs {
            target_percent: "100".into(),
            ..BudgetInputs::default()
        };
        let sheet = budget_sheet::read(&inputs, today());
        assert_eq!(budget_markdown(&sheet, "2026-12-04"), None);
    }

    /// Regression: an unknown saved month convention was read as 30 days, and the summary's
    /// downtime table was computed from that guess.
    #[test]
    fn an_unknown_month_convention_leaves_the_downtime_table_out() {
        let table = |convention: &str| {
            let inputs = BudgetInputs {
                month_convention: convention.into(),
                ..BudgetInputs::default()
            };
            let sheet = budget_sheet::read(&inputs, today());
            budget_markdown(&sheet, "2026-12-04")
                .unwrap()
                .contains("| Period | Length | Allowed downtime |")
        };
        assert!(table("30d"));
        assert!(!table("31d"));
    }

    #[test]
    fn toil_summary_escapes_task_names() {
        let team = Team::parse(&TeamText {
            engineers: "2",
            hours_per_week: "40",
            working_days_per_year: "260",
            rotation_size: "6",
            hourly_cost: "",
            currency: "",
        })
        .unwrap();
        let task = Task::parse(&TaskText {
            name: "<img src=x onerror=alert(1)> | *deploy*",
            times: "1",
            per: "day",
            minutes_each: "30",
            people: "1",
            automatable: true,
            priority: "3",
            automation_hours: "16",
            share_removed_percent: "100",
            maintenance_hours_per_year: "0",
        })
        .unwrap();
        let threshold = SignedRatio::from_int(6);
        let md = toil_markdown(
            &report(vec![task], &team, threshold),
            &team,
            threshold,
            "today",
        );
        assert!(
            md.contains("&lt;img src=x onerror=alert\\(1\\)\\> \\| \\*deploy\\*"),
            "{md}"
        );
        assert!(!md.contains("<img"), "{md}");
        assert!(md.contains("pays back in 1.05 months"), "{md}");
        assert!(md.contains("On-call floor: 33.3%"), "{md}");
    }

    #[test]
    fn comparison_summary_gives_every_number_a_difference() {
        use crate::calc::summary::comparison;
        let workspace = |target: &str, bad: &str| {
            let mut w = crate::inputs::Workspace::default();
            w.budget.target_percent = target.into();
            w.budget.observed_bad = bad.into();
            w.budget.observed_total = "1000".into();
            w
        };
        let now: crate::calc::budget_sheet::Now = crate::calc::date::CivilDate::parse("2026-12-04")
            .unwrap()
            .into();
        let rows = comparison(&workspace("99.9", "5"), &workspace("99.95", "5"), now);
        let md = comparison_markdown("Three nines", "Three and a half", &rows, "2026-12-04");
        for expected in [
            "| SLO target | 99.9% | 99.95% | +0.05 points |",
            "| Window | 30 days | 30 days | same |",
            "| Burn rate observed | 5× | 10× | +5× |",
            "| Burn-rate alerts | 4 \\(2 page, 2 ticket\\) | 4 \\(2 page, 2 ticket\\) | same |",
            crate::calc::summary::DIFFERENCE_RULE,
        ] {
            assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        }
    }

    #[test]
    fn comparison_summary_escapes_scenario_names() {
        let rows = vec![ComparisonRow {
            label: "Allowed downtime",
            first: "43m 12s".into(),
            second: "21m 36s".into(),
            difference: "−21m 36s".into(),
        }];
        let md = comparison_markdown("Q1 | *plan*", "<i>x</i>", &rows, "2026-12-04");
        assert!(
            md.starts_with("## Scenarios compared: Q1 \\| \\*plan\\* and &lt;i\\>x&lt;/i\\>"),
            "{md}"
        );
        assert!(
            md.contains("| Allowed downtime | 43m 12s | 21m 36s | −21m 36s |"),
            "{md}"
        );
    }

    #[test]
    fn markdown_escaping() {
        let cases = [
            ("plain text", "plain text"),
            ("a|b", "a\\|b"),
            ("[link](x)", "\\[link\\]\\(x\\)"),
            ("<b>&", "&lt;b\\>&amp;"),
            ("line\nbreak", "line break"),
            ("# title", "\\# title"),
        ];
        for (raw, expected) in cases {
            assert_eq!(escape_markdown(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn typed_direction_controls_are_shown_in_every_summary() {
        // A right-to-left override in a title would show the rest of its line reversed.
        assert_eq!(
            escape_markdown("Outage \u{202E}gnidaer\u{202C} \u{2067}x\u{2069}"),
            "Outage &lt;U+202E\\>gnidaer&lt;U+202C\\> &lt;U+2067\\>x&lt;U+2069\\>"
        );
        let incidents = [incident(
            "DB \u{202E}down\u{200F}",
            "2026-12-01 10:00",
            "2026-12-01 11:00",
            "100",
        )];
        let text = log_summary(&incidents, &BudgetInputs::default()).unwrap();
        assert!(text.contains("DB &lt;U+202E\\>down&lt;U+200F\\>"), "{text}");
        // The currency is typed text too (and was written as typed: `**` made it bold).
        let team = Team::parse(&TeamText {
            engineers: "4",
            hours_per_week: "40",
            working_days_per_year: "260",
            rotation_size: "",
            hourly_cost: "100",
            currency: "**\u{202E}RUE",
        })
        .unwrap();
        let report = report(Vec::new(), &team, SignedRatio::from_int(6));
        let text = toil_markdown(&report, &team, SignedRatio::from_int(6), "2026-12-06");
        assert!(text.contains("(0.00 \\*\\*&lt;U+202E\\>RUE)"), "{text}");
        for c in super::super::BIDI_CONTROLS {
            assert!(!text.contains(c), "{c:?}");
        }
    }

    fn incident(title: &str, start: &str, end: &str, affected: &str) -> IncidentInputs {
        let at = |local: &str| crate::inputs::TimeInputs {
            local: local.to_string(),
            utc_offset_minutes: 60,
        };
        IncidentInputs {
            title: title.into(),
            severity: "SEV2".into(),
            start: at(start),
            resolved_at: at(end),
            affected_percent: affected.into(),
            full_outage: affected == "100",
            ..IncidentInputs::default()
        }
    }

    fn log_summary(incidents: &[IncidentInputs], budget: &BudgetInputs) -> Option<String> {
        let today = CivilDate::parse("2026-12-06").unwrap();
        // 2026-12-06 12:00 UTC (Unix time 1,796,558,400 by GNU `date -u -d`).
        let now_ms = 1_796_558_400_000;
        let context = incident::BudgetContext::from_sheet(&budget_sheet::read(budget, today));
        let (sheets, ids) = incident::read_all(incidents, now_ms);
        let impacts = context
            .as_ref()
            .map(|c| incident::impacts(&sheets, c))
            .unwrap_or_default();
        incidents_markdown(
            &IncidentLog {
                incidents,
                sheets: &sheets,
                ids: &ids,
                impacts: &impacts,
                budget: context.as_ref().map_err(String::as_str),
                utc_offset_minutes: 60,
                zone_name: Some("Europe/Berlin"),
            },
            "2026-12-06",
        )
    }

    #[test]
    fn incident_log_summary_lists_each_cost_latest_first() {
        // 99.9% over 30 days allows 43m 12s (2,592 s). The first incident is 50 minutes at 25%:
        // 750 s, 28.94% (by hand: 750 / 2,592). The second, a 30-minute full outage the next
        // morning, is 1,800 s, 69.44%; after both, (2,592 − 2,550) / 2,592 = 1.62% is left,
        // below the default 20% freeze line.
        let log = [
            incident(
                "Checkout errors | v42",
                "2026-12-04 23:40",
                "2026-12-05 00:30",
                "25",
            ),
            incident(
                "<b>Login</b> down",
                "2026-12-05 10:00",
                "2026-12-05 10:30",
                "100",
            ),
        ];
        let expected = "\
## Incidents: 2 incidents logged

- Budget (from the Budget tab): 99.9% over a rolling 30-day window
- Times are UTC+01:00 (Europe/Berlin)

| Incident | Title | Severity | Started | Duration | Traffic affected | Budget consumed | Budget left after | Deploy decision |
| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- |
| INC-20261205-100000 | &lt;b\\>Login&lt;/b\\> down | SEV2 | 2026-12-05 10:00 | 30m 0s | 100% | ≈69.44% | ≈1.62% | changed from deploys allowed to deploy freeze |
| INC-20261204-234000 | Checkout errors \\| v42 | SEV2 | 2026-12-04 23:40 | 50m 0s | 25% | ≈28.94% | ≈71.06% | unchanged: deploys allowed |

### Conventions

";
        let actual = log_summary(&log, &BudgetInputs::default()).unwrap();
        assert!(actual.starts_with(expected), "\n{actual}");
        assert!(actual.contains(incident::IMPACT_CONVENTION));
        assert!(actual.ends_with("_Headroom, 2026-12-06._\n"));
    }

    #[test]
    fn incident_log_summary_writes_a_tiny_share_and_its_cost_readably() {
        let log = [incident(
            "Slow search",
            "2026-12-04 23:40",
            "2026-12-05 00:30",
            "0.0001",
        )];
        let text = log_summary(&log, &BudgetInputs::default()).unwrap();
        assert!(
            text.contains(
                "| 50m 0s | 0.0001% | under 0.01% | over 99.99% | unchanged: deploys allowed |"
            ),
            "{text}"
        );
    }

    #[test]
    fn incident_log_summary_says_what_the_figure_of_an_incident_longer_than_the_window_means() {
        // A year-long outage read "≈1,216,666.67%" in the table with no word, as on the page.
        let log = [
            incident("Year down", "2025-12-06 10:00", "2026-12-06 10:00", "100"),
            incident("Short", "2026-12-05 10:00", "2026-12-05 10:30", "100"),
        ];
        let text = log_summary(&log, &BudgetInputs::default()).unwrap();
        assert!(
            text.contains(
                "| 100% | ≈1,216,666.67% | 0% (overspent) | changed from deploys allowed to deploy \
                 freeze |\n\n\
                 - INC-20251206-100000: Longer than the window (30 days): this figure counts all \
                 of it against one window's budget"
            ),
            "{text}"
        );
        assert!(!text.contains("- INC-20261205-100000:"), "{text}");
    }

    #[test]
    fn incident_log_summary_without_a_budget_or_incidents() {
        assert_eq!(log_summary(&[], &BudgetInputs::default()), None);
        let budget = BudgetInputs {
            target_percent: "100".into(),
            ..BudgetInputs::default()
        };
        let mut ongoing = incident("Queue backlog", "2026-12-06 12:30", "", "100");
        ongoing.severity = "SEV9".into();
        let text = log_summary(&[ongoing], &budget).unwrap();
        assert!(
            text.starts_with("## Incidents: 1 incident logged, 1 ongoing\n"),
            "{text}"
        );
        assert!(text.contains(
            "- Budget (from the Budget tab): not counted: The Budget tab's SLO target is not valid\n"
        ));
        assert!(
            text.contains("| Queue backlog | not valid | 2026-12-06 12:30 | 30m 0s so far | 100% | — | — | — |"),
            "{text}"
        );
    }
}
