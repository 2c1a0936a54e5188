//! The Budget tab's results in words: the sentences the page shows and the Markdown summary
//! repeats, built from a [`BudgetSheet`]'s figures. Plain Rust, so both say exactly the same.

use std::fmt::Write as _;

use super::budget_sheet::{
    BudgetSheet, IncidentFigures, RemainingFigures, ResolvedWindow, WindowKind,
};
use super::burn::{self, micro_days_ratio, RunOut, SliKind, Verdict};
use super::date::CalendarPeriod;
use super::decimal::{counted, days_phrase, format_count, format_scaled};
use super::duration::{format_duration, format_minutes, MS_PER_DAY};
use super::incident::{Overlap, WindowIncidents};
use super::ratio::Ratio;
use super::slo::{self, SloTarget, TARGET_PLACES};

/// How burn rates are written, on the Budget tab as on the Alerts tab.
pub const BURN_RATE_RULE: &str = "A burn rate is shown exactly when its decimals end (14.4×), \
otherwise rounded half up to 4 significant digits and marked ≈ (≈0.6667×), as on the Alerts tab.";

/// How the tab's shares (error ratio, budget used, consumed, left) are written.
pub const SHARE_RULE: &str = "Shares of the budget are shown to 0.01% and the error ratio to \
0.0001%, rounded half up and marked ≈ when their decimals go on (≈0.0333%), exactly otherwise \
(12.5%); a share above zero too small to show reads under 0.01%.";

/// How a timeslice SLI's error ratio is taken, stated where it is used.
pub const TIMESLICE_RULE: &str = "With timeslices, the error ratio is bad slices ÷ the whole \
slices in the observation: a part slice at its end is left out, of the ratio and of the budget \
used (7-minute slices in an hour: 1 bad of 8 is 12.5%, over the 56 minutes counted).";

/// Where the days elapsed count from, and so the dates of the remaining-budget section.
pub const ELAPSED_RULE: &str = "Dates are in this browser's time zone. A rolling window began the \
days elapsed (of 24 hours) before now, time of day included; a calendar window at midnight on \
its first day, and with the days elapsed left empty, the time elapsed is the time from then to \
now, to a millionth of a day (all of the period once it is over; a period with a clock change \
is spread evenly over its real hours). The run-out date is the date \
at the moment the budget runs out, a change of summer time included.";

/// The observation a budget share counts: `1h 0m 0s`, or `56m 0s of 1h 0m 0s (whole
/// timeslices)` when a part timeslice at its end is left out.
pub fn observation_counted(observed_ms: u64, counted_ms: u64) -> String {
    if counted_ms == observed_ms {
        format_duration(observed_ms)
    } else {
        format!(
            "{} of {} (whole timeslices)",
            format_duration(counted_ms),
            format_duration(observed_ms)
        )
    }
}

/// How the requests of the whole window are found when none are given, stated where they are used.
pub const PROJECTION_RULE: &str = "Without requests expected for the window, the budget \
consumed is the error ratio so far over the time elapsed, and the bad requests still allowed \
count the traffic so far projected over the whole window at the same rate, rounded down to \
whole requests; an expected number below the total so far counts as the total so far.";

/// The Alerts tab's note on the SLO it takes from the Budget tab: burn-rate alerts need a window
/// of fixed length, so a calendar period is taken as a rolling window of its current length, and
/// they count bad events, so an SLI of bad minutes or timeslices is said not to be what they
/// measure ([`sli_note`]).
pub fn linked_slo_words(target: SloTarget, window: ResolvedWindow, sli: SliKind) -> String {
    let days = days_phrase(&window.window.days_text());
    let mut words = format!(
        "Linked: {}% over {days}, as set on the Budget tab.",
        target.percent_text()
    );
    if let WindowKind::Calendar(period) = window.kind {
        let period = match period {
            CalendarPeriod::Month => "month",
            CalendarPeriod::Quarter => "quarter",
            CalendarPeriod::Year => "year",
        };
        // The period is the one the Budget tab shows: the one holding its date, which may not
        // be today's.
        let whose = match window.calendar_start {
            Some(first) => format!("the length of the {period} from {first}"),
            None => format!("the current {period}'s length"),
        };
        let _ = write!(
            words,
            " That is a calendar {period}; burn-rate alerts need a fixed window, so they use a \
             rolling {days} ({whose}), and their thresholds and rules change when a {period} of \
             another length begins."
        );
    }
    if let Some(note) = sli_note(target, sli) {
        words.push(' ');
        words.push_str(&note);
    }
    words
}

/// What the alerts cannot say of an SLO whose SLI is not requests: they are computed on the
/// ratio of bad events, not of bad minutes or timeslices. `None` for an SLO of requests.
pub fn sli_note(target: SloTarget, sli: SliKind) -> Option<String> {
    let (counted, unit) = match sli {
        SliKind::Requests => return None,
        SliKind::BadMinutes => ("bad minutes".to_string(), "minute"),
        SliKind::Timeslices { slice_ms } => (
            format!("bad timeslices of {}", format_duration(slice_ms)),
            "timeslice",
        ),
    };
    Some(format!(
        "The Budget tab's SLI counts {counted}, but burn-rate alerts are computed on the ratio of \
         bad events to all events: these read {}% as a share of good requests, not of good \
         {unit}s. A {unit} is good or bad as a whole, so the budget of bad {unit}s can run out \
         sooner than these alerts say (a few errors in many {unit}s) or later (errors too few to \
         make a {unit} bad).",
        target.percent_text()
    ))
}

/// A burn rate by [`BURN_RATE_RULE`]: `14.4×`, `1000×`, `≈185.5×`.
pub fn burn_rate(value: Ratio) -> String {
    format!("{}×", super::alerts::number_words(value))
}

/// A share of the budget as a percentage with up to two decimals, `80%`, `12.34%`. A share above
/// zero that rounds to 0 is `under 0.01%`, as a duration that rounds to nothing is `under 0.1s`:
/// an incident that used a sliver of the budget must not read as if it used none. Likewise a
/// share below 100% that rounds to 100 is `over 99.99%`, so what is left after it is not a whole
/// budget.
pub fn percent(value: Ratio) -> String {
    percent_to(value, 2)
}

/// A policy line as typed, with all its decimals (up to 6, as a target's): `20%`,
/// `20.123456%`. The lines are exact shares, so nothing is rounded.
pub fn line_percent(line: Ratio) -> String {
    percent_to(line, TARGET_PLACES)
}

/// [`percent`] with up to `places` decimals (the error ratio has four): `under 0.0001%`. A
/// share whose decimals go on past them is rounded and marked, as a burn rate is (`≈33.33%`,
/// [`SHARE_RULE`]); one shown exactly is not (`12.5%`).
pub fn percent_to(value: Ratio, places: u32) -> String {
    let text = value.format_percent(places);
    let step = format!("0.{}1", "0".repeat(places.saturating_sub(1) as usize));
    if text == "0" && value.numerator() != 0 {
        return format!("under {step}%");
    }
    if text == "100" && value.cmp_exact(Ratio::ONE) == std::cmp::Ordering::Less {
        let nines = format!("99.{}", "9".repeat(places as usize));
        return format!("over {nines}%");
    }
    let exact = Ratio::new(value.numerator().saturating_mul(100), value.denominator())
        .and_then(super::alerts::terminating_places)
        .is_some_and(|needed| needed <= places);
    let mark = if exact { "" } else { "≈" };
    format!("{mark}{}%", super::decimal::grouped(&text))
}

/// A share of traffic as typed (a decimal of up to six places), echoed with all its decimals by
/// the Alerts tab's rule for exact shares: `25%`, `0.0001%`, where two decimals would say `0%`.
pub fn traffic_percent(share: Ratio) -> String {
    format!("{}%", super::alerts::percent_words(share))
}

/// The Budget tab's rule for the incident's cost, with this incident's duration and traffic.
pub fn incident_rule_words(figures: &IncidentFigures) -> String {
    format!(
        "Budget consumed = duration ({}) × traffic affected ({}) ÷ allowed downtime of the window.",
        format_duration(figures.duration_ms),
        traffic_percent(figures.affected)
    )
}

/// The label of the Budget tab's box that adds the logged incidents to the budget so far.
pub const INCLUDE_INCIDENTS_LABEL: &str = "Add the logged incidents of this window (Incidents tab)";

/// How the Budget tab counts the logged incidents of its window, for the page.
pub const INCIDENTS_ADDED_RULE: &str = "Each logged incident counts the part of it inside the \
window so far, from the instant the window began (midnight on a calendar period's first day in \
this browser's time zone, or the days elapsed before now) to now, or to midnight after the last \
day of a calendar period that is over: that part's duration × traffic affected ÷ allowed \
downtime, on top of what failed so far. An ongoing incident counts up to now, as on the \
Incidents tab, so what it adds grows until it is resolved.";

/// What the Budget tab added for the logged incidents of its window: the total, and the first
/// [`INCIDENTS_LISTED`] incidents with their costs (a long log is not one sentence of hundreds
/// of ids), the part counted of one partly inside and how long an ongoing one has run, and how
/// many more.
pub fn incidents_added_text(added: &WindowIncidents) -> String {
    let n = added.counted.len();
    if n == 0 {
        return format!(
            "No incident is logged from {} to {}, so nothing was added.",
            added.from, added.to
        );
    }
    let mut list: Vec<String> = added
        .counted
        .iter()
        .take(INCIDENTS_LISTED)
        .map(|c| {
            let (counted, whole) = (
                format_duration(c.counted_ms),
                format_duration(c.duration_ms),
            );
            let how = match (c.ongoing, c.is_partial()) {
                (false, false) => String::new(),
                (false, true) => format!(", {counted} of {whole} counted"),
                (true, false) => format!(", ongoing, {whole} so far"),
                (true, true) => format!(", ongoing, {whole} so far, {counted} of it counted"),
            };
            format!("{} ({}{how})", c.id, percent(c.consumed))
        })
        .collect();
    if n > INCIDENTS_LISTED {
        list.push(format!(
            "and {} more (the Incidents tab lists every one)",
            n - INCIDENTS_LISTED
        ));
    }
    format!(
        "Added {} of the budget for {n} logged incident{} from {} to {}: {}.",
        percent(added.total),
        if n == 1 { "" } else { "s" },
        added.from,
        added.to,
        list.join(", ")
    )
}

/// How many of the incidents added are named one by one.
pub const INCIDENTS_LISTED: usize = 10;

/// How many overlapping pairs are named one by one.
pub const OVERLAPS_LISTED: usize = 10;

/// The warning for overlapping incidents, `None` when none overlap: each pair by the title and
/// id `name` gives for a place (the title as typed; a page writes bidi controls visibly), how
/// long they overlap, and what to do if they are one outage.
pub fn overlap_text(found: &[Overlap], name: impl Fn(usize) -> (String, String)) -> Option<String> {
    if found.is_empty() {
        return None;
    }
    let named = |i: usize| {
        let (id, title) = name(i);
        if title.trim().is_empty() {
            id
        } else {
            format!("“{}” ({id})", title.trim())
        }
    };
    let mut sentences: Vec<String> = found
        .iter()
        .take(OVERLAPS_LISTED)
        .map(|o| {
            format!(
                "{} and {} overlap for {}; both are counted in full.",
                named(o.first),
                named(o.second),
                format_duration(o.overlap_ms)
            )
        })
        .collect();
    if found.len() > OVERLAPS_LISTED {
        sentences.push(format!(
            "{} more pairs overlap.",
            format_count((found.len() - OVERLAPS_LISTED) as u64)
        ));
    }
    let which = if found.len() == 1 {
        "they are"
    } else {
        "overlapping incidents are"
    };
    sentences.push(format!(
        "If {which} one outage, log it once (or lower one's share of traffic affected) so that \
         time is not counted twice; if they hit different traffic, adding them is right."
    ));
    Some(sentences.join(" "))
}

/// The window in words: `30 days`, or `the calendar month from 2026-02-01 (28 days)`.
pub fn window_words(window: ResolvedWindow) -> String {
    match (window.kind, window.calendar_start) {
        (WindowKind::Calendar(period), Some(start)) => {
            let name = match period {
                CalendarPeriod::Month => "calendar month",
                CalendarPeriod::Quarter => "calendar quarter",
                CalendarPeriod::Year => "calendar year",
            };
            format!(
                "the {name} from {start} ({})",
                days_phrase(&window.window.days_text())
            )
        }
        _ => days_phrase(&window.window.days_text()),
    }
}

/// One row of the allowed-downtime table: its name, its length in words and the downtime
/// the target allows over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRow {
    pub name: String,
    pub length: String,
    pub allowed_ms: u64,
}

/// The allowed-downtime table: the chosen window first (`This window`, `31 days (calendar month
/// from 2026-12-01)`) when it is none of the table's periods, so the figure the headline gives
/// is in the table too, then the day, week, month (by `month`), quarter and year.
pub fn period_rows(
    target: SloTarget,
    window: ResolvedWindow,
    month: slo::MonthConvention,
) -> Vec<PeriodRow> {
    let periods = slo::periods(month);
    let micro_days = window.window.micro_days();
    let mut rows = Vec::with_capacity(periods.len() + 1);
    if periods.iter().all(|p| p.micro_days != micro_days) {
        let days = days_phrase(&window.window.days_text());
        let length = match (window.kind, window.calendar_start) {
            (WindowKind::Calendar(period), Some(start)) => {
                let name = match period {
                    CalendarPeriod::Month => "calendar month",
                    CalendarPeriod::Quarter => "calendar quarter",
                    CalendarPeriod::Year => "calendar year",
                };
                format!("{days} ({name} from {start})")
            }
            _ => format!("{days} (rolling)"),
        };
        rows.push(PeriodRow {
            name: "This window".to_string(),
            length,
            allowed_ms: slo::allowed_downtime_ms(target, window.window),
        });
    }
    rows.extend(periods.iter().map(|p| PeriodRow {
        name: p.name.to_string(),
        length: p.convention.to_string(),
        allowed_ms: p.allowed_downtime_ms(target),
    }));
    rows
}

/// How many bad requests, bad minutes or bad timeslices the window allows, with its rounding
/// rule; `None` for a request-based SLI without the expected requests.
pub fn allowance(
    target: SloTarget,
    window: ResolvedWindow,
    sli: SliKind,
    expected_requests: Option<u64>,
) -> Option<String> {
    match (sli, expected_requests) {
        (SliKind::Requests, Some(total)) => Some(format!(
            "{} of {} requests may fail (error budget × requests, rounded down to whole requests).",
            format_count(slo::allowed_bad_events(target, total)),
            format_count(total)
        )),
        (SliKind::Timeslices { slice_ms }, _) => Some(format!(
            "{} bad timeslices of {} are allowed (error budget × window ÷ timeslice, rounded down \
             to whole timeslices).",
            format_count(slo::allowed_bad_timeslices(target, window.window, slice_ms)),
            format_duration(slice_ms)
        )),
        (SliKind::BadMinutes, _) => Some(format!(
            "{} bad minutes are allowed in the window.",
            format_minutes(slo::allowed_downtime_ms(target, window.window))
                .trim_end_matches(" min")
        )),
        (SliKind::Requests, None) => None,
    }
}

/// How long the whole budget lasts at an observed burn rate.
pub fn exhaustion_words(exhaustion_ms: Option<u64>) -> String {
    match exhaustion_ms {
        Some(ms) => format!(
            "the whole budget lasts {} at this rate",
            format_duration(ms)
        ),
        None => "nothing is failing, so the budget lasts for ever at this rate".to_string(),
    }
}

/// The remaining-budget results in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemainingWords {
    /// `Deploys allowed`, `Deploys allowed, with care` or `Deploy freeze`.
    pub verdict_title: &'static str,
    /// One sentence: why, against which line.
    pub reason: String,
    /// How much budget (and time at the current pace) is left until the next line.
    pub margin: String,
    /// When the budget runs out at the current pace.
    pub run_out: String,
    /// `Overspent by …`, when more than the whole budget is used.
    pub overspent: Option<String>,
    /// `12.5 of 30 days` as typed, or from the calendar `4d 23h 0m 0s of 31 days (from
    /// midnight on 2026-12-01 to now)`.
    pub elapsed: String,
    /// `60% (25h 55m 12s), 600 more bad events allowed`.
    pub remaining: String,
}

/// A share of the window's whole budget as downtime, rounded to the millisecond.
fn share_as_downtime_ms(share: Ratio, target: SloTarget, window: ResolvedWindow) -> u64 {
    burn::share_of_budget_ms(share, target, window.window)
}

/// Puts the remaining-budget figures into words.
pub fn remaining_words(
    figures: &RemainingFigures,
    target: SloTarget,
    window: ResolvedWindow,
) -> RemainingWords {
    let report = figures.report;
    let window_ms = window.window.length_ms();
    let elapsed_ms = micro_days_ratio(figures.elapsed_micro_days).scaled_round(MS_PER_DAY);
    let window_over = elapsed_ms >= window_ms;

    let overspent = report.overspent_by.map(|by| {
        format!(
            "Overspent by {} of the budget ({} of downtime beyond it).",
            percent(by),
            format_duration(share_as_downtime_ms(by, target, window))
        )
    });

    let run_out = match report.run_out {
        RunOut::Never if figures.added.numerator() > 0 => {
            "Nothing is failing at a measured pace: the budget left lasts to the end of the window \
             (the logged incidents are one-off costs, not a pace)."
                .to_string()
        }
        RunOut::Never => "Nothing has failed: at this pace the budget never runs out.".to_string(),
        RunOut::SpentWithIncidents => format!(
            "The budget is spent (the logged incidents used {} of it): when it ran out depends \
             on when they happened.",
            percent(figures.added)
        ),
        RunOut::AfterMs(ms) if ms >= window_ms && window_over => format!(
            "All of this window has elapsed: the budget lasted to its end ({} used).",
            percent(report.projected_at_end)
        ),
        RunOut::AfterMs(ms) if ms > window_ms => format!(
            "At the current pace the budget lasts beyond this window ({} would be used by its end).",
            percent(report.projected_at_end)
        ),
        // The last of the budget goes at the window's last moment: no date after the window.
        RunOut::AfterMs(ms) if ms == window_ms => {
            "At the current pace the budget lasts exactly to the end of this window.".to_string()
        }
        RunOut::AfterMs(ms) => {
            let date = figures
                .run_out_date
                .map_or_else(|| "a date after 9999".to_string(), |d| d.to_string());
            // Said in real time, as the time elapsed is: a calendar period with a change of
            // summer time spreads the window's days over its real hours.
            let window_real = Ratio::new(u128::from(figures.window_real_ms), 1);
            let real_ms = Ratio::new(u128::from(ms), u128::from(window_ms))
                .and_then(|share| share.checked_mul(window_real?))
                .map_or(ms, |r| r.scaled_round(1));
            if ms <= elapsed_ms {
                format!(
                    "At this pace the budget ran out on {date}, {} into the window.",
                    format_duration(real_ms)
                )
            } else {
                format!(
                    "At the current pace the budget runs out on {date} ({} into the window).",
                    format_duration(real_ms)
                )
            }
        }
    };

    let decision = figures.decision;
    let policy = figures.policy;
    let (freeze, warn) = (policy.freeze_below(), policy.warn_below());
    let (verdict_title, reason) = match decision.verdict {
        Verdict::Allowed => (
            "Deploys allowed",
            format!(
                "{} of the budget remains, at or above the {} warning line.",
                percent(report.remaining),
                line_percent(warn)
            ),
        ),
        Verdict::Warning => (
            "Deploys allowed, with care",
            format!(
                "{} of the budget remains: below the {} warning line, at or above the {} freeze \
                 line.",
                percent(report.remaining),
                line_percent(warn),
                line_percent(freeze)
            ),
        ),
        Verdict::Freeze => (
            "Deploy freeze",
            format!(
                "{} of the budget remains, below the {} freeze line. Exceptions: security \
                 fixes and changes that restore this SLO.",
                if report.remaining.numerator() == 0 {
                    "None".to_string()
                } else {
                    format!("Only {}", percent(report.remaining))
                },
                line_percent(freeze)
            ),
        ),
    };

    let margin = match (decision.next_threshold, decision.margin) {
        (Some(threshold), Some(margin)) if margin.numerator() == 0 => format!(
            "Exactly at the {} line: any further failure crosses it.",
            line_percent(threshold)
        ),
        (Some(threshold), Some(margin)) => {
            // Real time: a calendar period with a change of summer time spreads the window's
            // days over its real hours, an hour more or less.
            let left_ms = figures
                .window_real_ms
                .saturating_sub(figures.elapsed_real_ms);
            let pace = if report.pace.numerator() == 0 {
                "nothing is failing, so the pace never reaches it".to_string()
            } else if window_over {
                "all of this window has elapsed, so it is not reached in it".to_string()
            } else {
                let ms = margin
                    .checked_div(report.pace)
                    .and_then(|share| {
                        share.checked_mul(Ratio::new(u128::from(figures.window_real_ms), 1)?)
                    })
                    .map_or(0, |r| r.scaled_round(1));
                if ms > left_ms {
                    format!(
                        "at the current pace the window ends first, in {}",
                        format_duration(left_ms)
                    )
                } else {
                    format!("at the current pace that is {} away", format_duration(ms))
                }
            };
            format!(
                "{} of the budget ({} of downtime) until the {} line; {}.",
                percent(margin),
                format_duration(share_as_downtime_ms(margin, target, window)),
                line_percent(threshold),
                pace
            )
        }
        _ => "Deploys resume once the remaining budget is back above the freeze line (bad events \
              age out of a rolling window; a calendar window starts afresh)."
            .to_string(),
    };

    let days = days_phrase(&window.window.days_text());
    let elapsed = if !figures.elapsed_from_calendar {
        format!("{} of {days}", format_scaled(figures.elapsed_micro_days, 6))
    } else if window_over {
        format!(
            "{} of {days} (the whole period, from the calendar)",
            window.window.days_text()
        )
    } else {
        format!(
            "{} of {days} (from midnight on {} to now)",
            format_duration(figures.elapsed_real_ms),
            figures.window_start
        )
    };
    let events = report
        .remaining_events
        .map(|n| {
            format!(
                ", {} allowed",
                counted(n, "more bad event", "more bad events")
            )
        })
        .unwrap_or_default();
    let remaining = format!(
        "{} ({}){events}",
        percent(report.remaining),
        format_duration(report.remaining_downtime_ms)
    );

    RemainingWords {
        verdict_title,
        reason,
        margin,
        run_out,
        overspent,
        elapsed,
        remaining,
    }
}

/// The incident-impact line "left afterwards", measured from what remained so far when the
/// remaining budget is filled in, or from a full budget.
pub fn incident_left_words(sheet: &BudgetSheet) -> Option<String> {
    let figures = sheet.incident.ready()?;
    Some(incident_left_text(
        figures,
        sheet.remaining.ready().is_some(),
    ))
}

/// [`incident_left_words`] for `figures` (the page's may be the last valid ones, kept while the
/// inputs are wrong); `from_remaining` when they count from what remained so far.
pub fn incident_left_text(figures: &IncidentFigures, from_remaining: bool) -> String {
    let base = if from_remaining {
        "what remained so far"
    } else {
        "a full budget"
    };
    if figures.overspent {
        format!("nothing (the incident overspends {base})")
    } else {
        format!(
            "{} of the budget (from {base})",
            percent(figures.remaining_after)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The remaining-budget words of the Budget tab's `inputs` on 2026-12-04.
    fn remaining_of(change: impl FnOnce(&mut crate::inputs::BudgetInputs)) -> RemainingWords {
        let mut inputs = crate::inputs::BudgetInputs::default();
        change(&mut inputs);
        let sheet = crate::calc::budget_sheet::read(
            &inputs,
            crate::calc::date::CivilDate::parse("2026-12-04").unwrap(),
        );
        let figures = sheet.remaining.ready().expect("remaining computed");
        remaining_words(figures, sheet.target.unwrap(), sheet.window.unwrap())
    }

    /// Regression: with a 31-day calendar month the headline said "22m 19.2s (31 days)" while
    /// the period table had only its 30-day month: the chosen window leads the table when it is
    /// none of its periods.
    #[test]
    fn the_period_table_leads_with_the_window_when_it_is_none_of_its_periods() {
        // (window kind, days or date, month convention, first row (name, length, downtime), rows)
        type Row = (&'static str, &'static str, &'static str);
        let cases: &[(&str, &str, &str, Row, usize)] = &[
            (
                "month",
                "2026-12-04",
                "30d",
                (
                    "This window",
                    "31 days (calendar month from 2026-12-01)",
                    "44m 38.4s",
                ),
                6,
            ),
            (
                "rolling",
                "28",
                "30d",
                ("This window", "28 days (rolling)", "40m 19.2s"),
                6,
            ),
            ("rolling", "30", "30d", ("Day", "24 hours", "1m 26.4s"), 5),
            ("rolling", "28", "28d", ("Day", "24 hours", "1m 26.4s"), 5),
            ("rolling", "7", "30d", ("Day", "24 hours", "1m 26.4s"), 5),
            (
                "rolling",
                "0.5",
                "30d",
                ("This window", "0.5 days (rolling)", "43.2s"),
                6,
            ),
            (
                "quarter",
                "2026-12-04",
                "30d",
                (
                    "This window",
                    "92 days (calendar quarter from 2026-10-01)",
                    "2h 12m 29s",
                ),
                6,
            ),
        ];
        for (kind, when, month, first, n_rows) in cases {
            let mut inputs = crate::inputs::BudgetInputs {
                window_kind: (*kind).into(),
                month_convention: (*month).into(),
                ..Default::default()
            };
            if *kind == "rolling" {
                inputs.window_days = (*when).into();
            } else {
                inputs.calendar_date = (*when).into();
            }
            let today = crate::calc::date::CivilDate::parse("2026-12-04").unwrap();
            let sheet = crate::calc::budget_sheet::read(&inputs, today);
            let rows = period_rows(
                sheet.target.unwrap(),
                sheet.window.unwrap(),
                sheet.month.unwrap(),
            );
            let row = &rows[0];
            assert_eq!(
                (
                    row.name.as_str(),
                    row.length.as_str(),
                    format_duration(row.allowed_ms).as_str()
                ),
                *first,
                "{kind} {when} {month}"
            );
            assert_eq!(rows.len(), *n_rows, "{kind} {when} {month}");
            assert_eq!(rows[rows.len() - 1].name, "Year");
        }
    }

    #[test]
    fn policy_lines_are_written_exactly_as_typed() {
        // 99.95% available over 10 of 30 days at 99.9%: ≈16.67% used, ≈83.33% left.
        let words = |freeze: &str, warn: &str| {
            remaining_of(|i| {
                i.so_far_mode = "availability".into();
                i.so_far_availability = "99.95".into();
                i.elapsed_days = "10".into();
                i.freeze_below_percent = freeze.into();
                i.warn_below_percent = warn.into();
            })
        };
        let allowed = words("20.123456", "83.333333");
        assert_eq!(
            allowed.reason,
            "≈83.33% of the budget remains, at or above the 83.333333% warning line."
        );
        assert_eq!(
            allowed.margin,
            "under 0.01% of the budget (under 0.1s of downtime) until the 83.333333% line; at \
             the current pace that is under 0.1s away."
        );
        let care = words("20.123456", "90.000001");
        assert_eq!(
            care.reason,
            "≈83.33% of the budget remains: below the 90.000001% warning line, at or above the \
             20.123456% freeze line."
        );
        let freeze = words("99.999999", "99.999999");
        assert!(
            freeze.reason.ends_with(
                "below the 99.999999% freeze line. Exceptions: security \
                 fixes and changes that restore this SLO."
            ),
            "{}",
            freeze.reason
        );
    }

    #[test]
    fn a_rolling_window_began_the_days_elapsed_before_now() {
        // 99.973% over 28 days, 2 bad of 1,000 requests so far, 2,999 expected: the budget
        // (0.80973 requests) ran out 7.3 / (2 / 0.80973) = 2.9555 days into the window.
        let inputs = crate::inputs::BudgetInputs {
            target_percent: "99.973".into(),
            window_days: "28".into(),
            expected_requests: "2999".into(),
            so_far_bad: "2".into(),
            so_far_total: "1000".into(),
            elapsed_days: "7.3".into(),
            ..Default::default()
        };
        let run_out_at = |ms_into_day: u64| {
            let midnight = crate::calc::date::CivilDate::parse("2026-12-05")
                .unwrap()
                .days_since_epoch()
                * MS_PER_DAY as i64;
            let now = crate::calc::budget_sheet::Now::at(midnight + ms_into_day as i64, |_| 0);
            let sheet = crate::calc::budget_sheet::read(&inputs, now);
            let figures = sheet.remaining.ready().expect("remaining computed");
            remaining_words(figures, sheet.target.unwrap(), sheet.window.unwrap()).run_out
        };
        // At 18:11 the window began 2026-11-28 at 11:00; the budget ran out on 2026-12-01 at
        // 09:55 (it read 2026-11-30: the window's start was taken as today less 7 whole days,
        // and the 0.3 day dropped).
        assert_eq!(
            run_out_at((18 * 60 + 11) * 60_000),
            "At this pace the budget ran out on 2026-12-01, 2d 22h 55m 56s into the window."
        );
        // Just after midnight the window began 2026-11-27 at 16:48: it ran out on 2026-11-30.
        assert_eq!(
            run_out_at(60_000),
            "At this pace the budget ran out on 2026-11-30, 2d 22h 55m 56s into the window."
        );
    }

    #[test]
    fn a_calendar_windows_time_elapsed_reads_as_a_duration_from_its_first_midnight() {
        // (calendar date, now, elapsed in words) for a month in UTC.
        let cases: &[(&str, &str, u64, &str)] = &[
            (
                "2026-12-10",
                "2026-12-05",
                23,
                "4d 23h 0m 0s of 31 days (from midnight on 2026-12-01 to now)",
            ),
            (
                "2026-12-10",
                "2026-12-01",
                0,
                "0s of 31 days (from midnight on 2026-12-01 to now)",
            ),
            (
                "2026-12-10",
                "2026-12-01",
                1,
                "1h 0m 0s of 31 days (from midnight on 2026-12-01 to now)",
            ),
            (
                "2026-11-10",
                "2026-12-05",
                12,
                "30 of 30 days (the whole period, from the calendar)",
            ),
        ];
        for &(date, today, hours, expected) in cases {
            let inputs = crate::inputs::BudgetInputs {
                window_kind: "month".into(),
                calendar_date: date.into(),
                so_far_bad: "0".into(),
                so_far_total: "1000".into(),
                ..Default::default()
            };
            let midnight = crate::calc::date::CivilDate::parse(today)
                .unwrap()
                .days_since_epoch()
                * MS_PER_DAY as i64;
            let now =
                crate::calc::budget_sheet::Now::at(midnight + hours as i64 * 3_600_000, |_| 0);
            let sheet = crate::calc::budget_sheet::read(&inputs, now);
            let figures = sheet.remaining.ready().expect("remaining computed");
            let words = remaining_words(figures, sheet.target.unwrap(), sheet.window.unwrap());
            assert_eq!(words.elapsed, expected, "{date} {today} {hours}");
        }
        // Read at any whole second, it is that second, never a tenth short (a millionth of a
        // day is 86.4 ms).
        let inputs = crate::inputs::BudgetInputs {
            window_kind: "month".into(),
            calendar_date: "2026-12-10".into(),
            so_far_bad: "0".into(),
            so_far_total: "1000".into(),
            ..Default::default()
        };
        let first = crate::calc::date::CivilDate::parse("2026-12-01").unwrap();
        let midnight = first.days_since_epoch() * MS_PER_DAY as i64;
        for seconds in (0..3 * 3_600).step_by(7).chain([86_399, 86_400, 431_999]) {
            let now = crate::calc::budget_sheet::Now::at(midnight + seconds * 1_000, |_| 0);
            let sheet = crate::calc::budget_sheet::read(&inputs, now);
            let figures = sheet.remaining.ready().expect("remaining computed");
            let words = remaining_words(figures, sheet.target.unwrap(), sheet.window.unwrap());
            let expected = format_duration(seconds as u64 * 1_000);
            assert!(
                words.elapsed.starts_with(&format!("{expected} of 31 days")),
                "{seconds}: {}",
                words.elapsed
            );
        }
        // Days typed are written as typed.
        let typed = remaining_of(|i| {
            i.window_kind = "month".into();
            i.elapsed_days = "2.5".into();
            i.so_far_bad = "0".into();
            i.so_far_total = "1000".into();
        });
        assert_eq!(typed.elapsed, "2.5 of 31 days");
    }

    /// 2026's offsets (minutes) of Europe/Berlin and America/New_York.
    fn berlin(utc_ms: i64) -> i32 {
        let day = |d: &str| {
            crate::calc::date::CivilDate::parse(d)
                .unwrap()
                .days_since_epoch()
        };
        let summer = day("2026-03-29") * MS_PER_DAY as i64 + 3_600_000
            ..day("2026-10-25") * MS_PER_DAY as i64 + 3_600_000;
        if summer.contains(&utc_ms) {
            120
        } else {
            60
        }
    }

    fn new_york(utc_ms: i64) -> i32 {
        let day = |d: &str| {
            crate::calc::date::CivilDate::parse(d)
                .unwrap()
                .days_since_epoch()
        };
        let summer = day("2026-03-08") * MS_PER_DAY as i64 + 7 * 3_600_000
            ..day("2026-11-01") * MS_PER_DAY as i64 + 6 * 3_600_000;
        if summer.contains(&utc_ms) {
            -240
        } else {
            -300
        }
    }

    #[test]
    fn the_margin_counts_the_real_time_to_the_end_of_a_period_with_a_clock_change() {
        // October 2026 in Berlin has 745 hours (the clocks go back on the 25th): from 22:00 UTC
        // on 30 September to 23:00 UTC on 31 October. At 03:00 UTC on 7 October 149 of them,
        // a fifth, have passed. At 99.9%, 99.8% available so far uses twice the budget over a
        // window: 40% so far, 10% to the 50% line, a twentieth of the window at this pace,
        // 37.25 real hours. The window ends in 596 real hours. Both read 24-hour days of the
        // window's 744 hours (37h 12m and 24d 19h 12m).
        let now_ms = crate::calc::date::CivilDate::parse("2026-10-07")
            .unwrap()
            .days_since_epoch()
            * MS_PER_DAY as i64
            + 3 * 3_600_000;
        let margin = |availability: &str| {
            let inputs = crate::inputs::BudgetInputs {
                window_kind: "month".into(),
                calendar_date: "2026-10-10".into(),
                so_far_mode: "availability".into(),
                so_far_availability: availability.into(),
                ..Default::default()
            };
            let now = crate::calc::budget_sheet::Now::at(now_ms, berlin);
            let sheet = crate::calc::budget_sheet::read(&inputs, now);
            let figures = sheet.remaining.ready().expect("remaining computed");
            remaining_words(figures, sheet.target.unwrap(), sheet.window.unwrap()).margin
        };
        let within = margin("99.8");
        assert!(
            within.ends_with("line; at the current pace that is 1d 13h 15m 0s away."),
            "{within}"
        );
        let ends_first = margin("99.99");
        assert!(
            ends_first
                .ends_with("line; at the current pace the window ends first, in 24d 20h 0m 0s."),
            "{ends_first}"
        );
    }

    #[test]
    fn a_period_with_a_clock_change_is_spread_evenly_over_its_real_hours() {
        // (zone, calendar date, now in UTC, bad of 10,000,000 requests, elapsed, run-out).
        let at = |date: &str, hour: i64, minute: i64| {
            crate::calc::date::CivilDate::parse(date)
                .unwrap()
                .days_since_epoch()
                * MS_PER_DAY as i64
                + (hour * 60 + minute) * 60_000
        };
        type Case = (
            fn(i64) -> i32,
            &'static str,
            i64,
            &'static str,
            &'static str,
            &'static str,
        );
        let cases: &[Case] = &[
            // 23:30 on 31 October in Berlin: October has a 25-hour day, and half an hour of it
            // is left (it read the whole period, all of it elapsed).
            (
                berlin,
                "2026-10-10",
                at("2026-10-31", 22, 30),
                "10",
                "31d 0h 30m 0s of 31 days (from midnight on 2026-10-01 to now)",
                "At the current pace the budget lasts beyond this window (0.1% would be used by \
                 its end).",
            ),
            // 23:30 on 30 November in New York, the same.
            (
                new_york,
                "2026-11-10",
                at("2026-12-01", 4, 30),
                "10",
                "30d 0h 30m 0s of 30 days (from midnight on 2026-11-01 to now)",
                "At the current pace the budget lasts beyond this window (0.1% would be used by \
                 its end).",
            ),
            // 23:50 on 31 March in Berlin (a 23-hour day): 10,005 bad of 10,000,000 spend the
            // budget 743.6 of the window's 744 hours in, 23:37 on the 31st (it read 2026-04-01),
            // after 742.6 real hours (it read 743.6, more than the 742.8 elapsed).
            (
                berlin,
                "2026-03-10",
                at("2026-03-31", 21, 50),
                "10005",
                "30d 22h 50m 0s of 31 days (from midnight on 2026-03-01 to now)",
                "At this pace the budget ran out on 2026-03-31, 30d 22h 37m 43s into the window.",
            ),
        ];
        let mut wrong = Vec::new();
        for &(zone, date, now_ms, bad, elapsed, run_out) in cases {
            let inputs = crate::inputs::BudgetInputs {
                window_kind: "month".into(),
                calendar_date: date.into(),
                so_far_bad: bad.into(),
                so_far_total: "10000000".into(),
                ..Default::default()
            };
            let now = crate::calc::budget_sheet::Now::at(now_ms, zone);
            let sheet = crate::calc::budget_sheet::read(&inputs, now);
            let figures = sheet.remaining.ready().expect("remaining computed");
            let words = remaining_words(figures, sheet.target.unwrap(), sheet.window.unwrap());
            let read = (
                sheet.elapsed_runs_with_clock(),
                words.elapsed,
                words.run_out,
            );
            if read != (true, elapsed.to_string(), run_out.to_string()) {
                wrong.push((date, read));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_long_list_of_overlaps_names_the_first_ten_and_an_untitled_one_by_its_id() {
        use crate::calc::incident::Overlap;
        let found: Vec<Overlap> = (0..12)
            .map(|i| Overlap {
                first: i,
                second: i + 1,
                overlap_ms: 60_000,
            })
            .collect();
        let text = overlap_text(&found, |i| (format!("INC-{i}"), String::new())).unwrap();
        assert!(text.starts_with(
            "INC-0 and INC-1 overlap for 1m 0s; both are counted in full. INC-1 and INC-2"
        ));
        assert!(text.contains("INC-9 and INC-10 overlap"), "{text}");
        assert!(!text.contains("INC-10 and INC-11"), "{text}");
        assert!(
            text.contains("full. 2 more pairs overlap. If overlapping incidents are one outage"),
            "{text}"
        );
        assert_eq!(overlap_text(&[], |_| (String::new(), String::new())), None);
    }

    #[test]
    fn a_long_log_of_added_incidents_names_the_first_ten() {
        use crate::calc::incident::Counted;
        let day = crate::calc::date::CivilDate::parse("2026-12-01").unwrap();
        let added = |n: usize, ongoing: usize| WindowIncidents {
            from: day,
            to: day,
            counted: (0..n)
                .map(|i| Counted {
                    index: i,
                    id: format!("INC-{i}"),
                    title: String::new(),
                    duration_ms: 60_000,
                    counted_ms: 60_000,
                    ongoing: i < ongoing,
                    offset_ms: 0,
                    consumed: Ratio::new(1, 100).unwrap(),
                })
                .collect(),
            total: Ratio::new(n as u128, 100).unwrap(),
            ongoing,
            overlaps: Vec::new(),
        };
        let text = incidents_added_text(&added(240, 1));
        assert!(
            text.starts_with(
                "Added 240% of the budget for 240 logged incidents from 2026-12-01 to 2026-12-01: \
                 INC-0 (1%, ongoing, 1m 0s so far), INC-1 (1%), "
            ),
            "{text}"
        );
        assert!(text.ends_with("INC-9 (1%), and 230 more (the Incidents tab lists every one)."));
        assert!(!text.contains("INC-10 "), "{text}");
        let text = incidents_added_text(&added(1, 0));
        assert!(text.ends_with("for 1 logged incident from 2026-12-01 to 2026-12-01: INC-0 (1%)."));
        assert_eq!(
            incidents_added_text(&added(0, 0)),
            "No incident is logged from 2026-12-01 to 2026-12-01, so nothing was added."
        );
    }

    #[test]
    fn logged_incidents_are_one_off_costs_not_a_pace() {
        // Nothing failed in 20 of 30 days; a logged incident used 69.44% of the budget: the
        // rest lasts (spread as a pace it read "runs out on …" and 104.17% by the end).
        let words_adding = |added: Ratio| {
            let inputs = crate::inputs::BudgetInputs {
                so_far_mode: "availability".into(),
                so_far_availability: "100".into(),
                elapsed_days: "20".into(),
                ..Default::default()
            };
            let today = crate::calc::date::CivilDate::parse("2026-12-05").unwrap();
            let sheet = crate::calc::budget_sheet::read_adding(&inputs, today, added);
            let figures = sheet.remaining.ready().expect("remaining computed");
            remaining_words(figures, sheet.target.unwrap(), sheet.window.unwrap()).run_out
        };
        assert_eq!(
            words_adding(Ratio::new(6_944, 10_000).unwrap()),
            "Nothing is failing at a measured pace: the budget left lasts to the end of the window \
             (the logged incidents are one-off costs, not a pace)."
        );
        // Spent by incidents: no run-out date made up from a pace.
        assert_eq!(
            words_adding(Ratio::new(6, 5).unwrap()),
            "The budget is spent (the logged incidents used 120% of it): when it ran out depends \
             on when they happened."
        );
    }

    #[test]
    fn a_window_that_is_over_or_ends_first_is_said_to() {
        // November 2026 is over on 2026-12-04: 1 bad request in 100,000 used 1% of a 99.9%
        // budget, and no pace reaches the next line in it any more.
        let over = remaining_of(|i| {
            i.window_kind = "month".into();
            i.calendar_date = "2026-11-01".into();
            i.so_far_bad = "1".into();
            i.so_far_total = "100000".into();
        });
        assert_eq!(
            over.run_out,
            "All of this window has elapsed: the budget lasted to its end (1% used)."
        );
        assert!(
            over.margin
                .ends_with("line; all of this window has elapsed, so it is not reached in it."),
            "{}",
            over.margin
        );
        // A quarter that is over, its budget used to the last request: no present tense.
        let used_up = remaining_of(|i| {
            i.window_kind = "quarter".into();
            i.calendar_date = "2026-05-15".into();
            i.so_far_bad = "10".into();
            i.so_far_total = "10000".into();
        });
        assert_eq!(
            used_up.run_out,
            "All of this window has elapsed: the budget lasted to its end (100% used)."
        );
        // 10 of 30 days gone, 10 bad requests of the 300,000 expected (a third of them so far):
        // 3.33% used, so the 50% line is 140 days away at this pace, and the window ends in 20.
        let ends_first = remaining_of(|i| {
            i.elapsed_days = "10".into();
            i.so_far_bad = "10".into();
            i.so_far_total = "100000".into();
        });
        assert!(
            ends_first
                .margin
                .ends_with("at the current pace the window ends first, in 20d 0h 0m 0s."),
            "{}",
            ends_first.margin
        );
        // 100 bad requests: 33.33% used in 10 days, so the 50% line is 5 days away.
        let within = remaining_of(|i| {
            i.elapsed_days = "10".into();
            i.so_far_bad = "100".into();
            i.so_far_total = "100000".into();
        });
        assert!(
            within
                .margin
                .ends_with("at the current pace that is 5d 0h 0m 0s away."),
            "{}",
            within.margin
        );
    }

    #[test]
    fn a_linked_slo_of_bad_minutes_or_timeslices_says_the_alerts_count_bad_events() {
        let target = SloTarget::parse("99.9").unwrap();
        let window = ResolvedWindow {
            window: slo::WindowDays::parse("28").unwrap(),
            kind: WindowKind::Rolling,
            calendar_start: None,
        };
        let linked = "Linked: 99.9% over 28 days, as set on the Budget tab.";
        assert_eq!(
            linked_slo_words(target, window, SliKind::BadMinutes),
            format!(
                "{linked} The Budget tab's SLI counts bad minutes, but burn-rate alerts are \
                 computed on the ratio of bad events to all events: these read 99.9% as a share \
                 of good requests, not of good minutes. A minute is good or bad as a whole, so \
                 the budget of bad minutes can run out sooner than these alerts say (a few \
                 errors in many minutes) or later (errors too few to make a minute bad)."
            )
        );
        let slices = linked_slo_words(target, window, SliKind::Timeslices { slice_ms: 300_000 });
        assert!(
            slices.starts_with(&format!(
                "{linked} The Budget tab's SLI counts bad timeslices of 5m 0s, but burn-rate \
                 alerts are computed on the ratio of bad events to all events: these read 99.9% \
                 as a share of good requests, not of good timeslices. A timeslice is good or bad \
                 as a whole,"
            )),
            "{slices}"
        );
        assert_eq!(sli_note(target, SliKind::Requests), None);
    }

    #[test]
    fn a_linked_calendar_window_is_said_to_be_taken_as_rolling() {
        let target = SloTarget::parse("99.9").unwrap();
        let window = |kind| ResolvedWindow {
            window: slo::WindowDays::parse("28").unwrap(),
            kind,
            calendar_start: None,
        };
        assert_eq!(
            linked_slo_words(target, window(WindowKind::Rolling), SliKind::Requests),
            "Linked: 99.9% over 28 days, as set on the Budget tab."
        );
        let february = linked_slo_words(
            target,
            window(WindowKind::Calendar(CalendarPeriod::Month)),
            SliKind::Requests,
        );
        assert!(
            february.starts_with(
                "Linked: 99.9% over 28 days, as set on the Budget tab. That is a calendar month;"
            ),
            "{february}"
        );
        assert!(
            february.contains("use a rolling 28 days (the current month's length)"),
            "{february}"
        );
        // The Budget tab's date is in February 2026, today or not: the note names that month.
        let dated = linked_slo_words(
            target,
            ResolvedWindow {
                calendar_start: Some(crate::calc::date::CivilDate::parse("2026-02-01").unwrap()),
                ..window(WindowKind::Calendar(CalendarPeriod::Month))
            },
            SliKind::Requests,
        );
        assert!(
            dated.contains("use a rolling 28 days (the length of the month from 2026-02-01)"),
            "{dated}"
        );
    }

    fn r(num: u128, den: u128) -> Ratio {
        Ratio::new(num, den).unwrap()
    }

    /// Regression: 1 bad of 3,000 read "0.0333%" next to a burn rate of "≈0.3333×": a share
    /// rounded to its places is marked ≈ as the burn rate is, an exact one is not.
    #[test]
    fn a_rounded_share_is_marked_as_a_rounded_burn_rate_is() {
        // (share, places, shown)
        let cases: &[(Ratio, u32, &str)] = &[
            (r(1, 3_000), 4, "≈0.0333%"),
            (r(1, 1_000), 4, "0.1%"),
            (r(1, 16), 4, "6.25%"),
            (r(1, 1_600), 4, "0.0625%"),
            (r(1, 16_000), 4, "≈0.0063%"),
            (r(1, 3), 2, "≈33.33%"),
            (r(2, 3), 2, "≈66.67%"),
            (r(1, 8), 2, "12.5%"),
            (r(1, 800), 2, "≈0.13%"),
            (r(7, 4), 2, "175%"),
            (r(40, 3), 2, "≈1,333.33%"),
            // Bounds say how far from zero or a whole they are, with no ≈.
            (r(1, 30_000), 2, "under 0.01%"),
            (r(29_999, 30_000), 2, "over 99.99%"),
            (r(1, 3), TARGET_PLACES, "≈33.333333%"),
        ];
        for (share, places, expected) in cases {
            assert_eq!(percent_to(*share, *places), *expected, "{share:?}");
        }
    }

    #[test]
    fn a_share_above_zero_or_below_a_whole_never_reads_as_zero_or_100_percent() {
        let cases: &[(Ratio, &str)] = &[
            (Ratio::ZERO, "0%"),
            // 0.0001% of traffic for 30 minutes of a 43m 12s budget: 1.8 ms of 2,592 s.
            (r(18, 25_920_000), "under 0.01%"),
            (r(49, 1_000_000), "under 0.01%"),
            // 0.005%, rounded half up.
            (r(5, 100_000), "≈0.01%"),
            (r(12_345, 100_000), "≈12.35%"),
            (r(4, 5), "80%"),
            (Ratio::ONE, "100%"),
            // What is left after that incident: a sliver under a whole budget.
            (r(25_919_982, 25_920_000), "over 99.99%"),
            (r(9_999, 10_000), "99.99%"),
            (r(3, 2), "150%"),
        ];
        assert_eq!(percent_to(r(1, 10_000_000), 4), "under 0.0001%");
        assert_eq!(percent_to(r(1, 1_000_000), 4), "0.0001%");
        assert_eq!(percent_to(r(9_999_999, 10_000_000), 4), "over 99.9999%");
        for (share, expected) in cases {
            assert_eq!(percent(*share), *expected, "{share:?}");
        }
    }

    #[test]
    fn the_traffic_affected_is_echoed_with_every_decimal_it_was_typed_with() {
        let cases: &[(Ratio, &str)] = &[
            (r(1, 1_000_000), "0.0001%"),
            (r(1, 100_000_000), "0.000001%"),
            (r(1, 4), "25%"),
            (r(123_456_789, 1_000_000_000), "12.3456789%"),
            (Ratio::ONE, "100%"),
        ];
        for (share, expected) in cases {
            assert_eq!(traffic_percent(*share), *expected, "{share:?}");
        }
    }

    #[test]
    fn burn_rates_are_written_as_on_the_alerts_tab() {
        // Google SRE workbook, "Alerting on SLOs": 2% of a 30-day budget in one hour is a burn
        // rate of 14.4; a 99.9% SLO can burn at most 1 / 0.001 = 1000 times the sustainable rate.
        assert_eq!(burn_rate(r(144, 10)), "14.4×");
        assert_eq!(burn_rate(r(1000, 1)), "1,000×");
        assert_eq!(burn_rate(r(1, 1)), "1×");
        assert_eq!(burn_rate(r(1, 3)), "≈0.3333×");
        assert_eq!(burn_rate(r(37_106, 200)), "185.53×");
        assert_eq!(burn_rate(r(1, 7)), "≈0.1429×");
        assert_eq!(burn_rate(Ratio::ZERO), "0×");
    }
}
