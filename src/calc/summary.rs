//! The key results of a whole workspace, for the scenario list and the side-by-side comparison.

use super::alerts::{self, Severity, Slo};
use super::budget_sheet::{self, Now, Section};
use super::burn::Verdict;
use super::date::CivilDate;
use super::duration::format_duration;
use super::incident;
use super::ratio::Ratio;
use super::slo;
use std::sync::Arc;

use super::capacity::forecast::{chosen_fit, Fit, FitError, ModelChoice};
use super::capacity::series::Series;
use super::capacity::sheet::capacity_date_with;
use super::decimal::{days_phrase, format_count, format_scaled, grouped};
use crate::inputs::{SeriesRef, Workspace};

/// One key result: a label, its text, and the number behind it to take differences of, if it has
/// one.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyResult {
    pub label: &'static str,
    pub text: String,
    pub value: Option<Quantity>,
}

/// A number behind a key result, and so the unit its differences are written in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantity {
    Milliseconds(u64),
    /// Milliseconds written as the Alerts tab writes times (under a minute to 0.01 s), so a
    /// difference of detection times has the precision of the times.
    AlertMilliseconds(u64),
    /// Parts per million of a whole (1,000,000 = 100%); differences in percentage points to two
    /// decimals.
    PartsPerMillion(u64),
    /// An SLO target exactly as typed, in parts per 10^8 (99.9% is 99,900,000); differences in
    /// percentage points with every decimal (`+0.05 points`, `+0.000001 points`).
    Target(u64),
    /// A window's length in millionths of a day; differences in days (`−2 days`).
    WindowMicroDays(u64),
    /// A burn rate, exact; differences in burn rate (`+5×`), written as burn rates are.
    BurnRate(Ratio),
    /// How many alerts page and how many open a ticket.
    Alerts {
        pages: u64,
        tickets: u64,
    },
    /// How many incidents are logged, and how many of them are ongoing.
    Incidents {
        logged: u64,
        ongoing: u64,
    },
}

/// Where a capacity series a workspace refers to is.
#[derive(Debug, Clone)]
pub enum SeriesAt {
    Here(Arc<Series>),
    /// Stored in this browser and being read (in steps, so the page stays usable).
    Reading,
    /// Not in this browser, or unreadable.
    NotHere,
}

impl SeriesAt {
    /// Which of the three it is, for comparing drawings (see [`LineCache`]).
    fn state(&self) -> u8 {
        match self {
            SeriesAt::Here(_) => 2,
            SeriesAt::Reading => 1,
            SeriesAt::NotHere => 0,
        }
    }
}

/// Where capacity series, and the trend fits the capacity date needs, are found. Any
/// `Fn(&SeriesRef) -> SeriesAt` is one that fits at once.
pub trait SeriesSource {
    /// The series `reference` names.
    fn series(&self, reference: &SeriesRef) -> SeriesAt;

    /// The fit of the model `choice` means (hour buckets shifted by `offset_ms`; see
    /// [`chosen_fit`]) to `series`, the series `reference` names, or `None` while it is being
    /// worked out (the page fits long series in steps).
    fn fit(
        &self,
        reference: &SeriesRef,
        series: &Series,
        choice: ModelChoice,
        offset_ms: i64,
    ) -> Option<FitResult> {
        let _ = reference;
        Some(chosen_fit(choice, series.samples(), offset_ms))
    }

    /// A number that changes whenever a fit [`SeriesSource::fit`] did not have becomes
    /// available (see [`LineCache`]).
    fn fits_ready(&self) -> u64 {
        0
    }
}

impl<F: Fn(&SeriesRef) -> SeriesAt> SeriesSource for F {
    fn series(&self, reference: &SeriesRef) -> SeriesAt {
        self(reference)
    }
}

/// A fitted trend, or why there is none.
pub type FitResult = Result<Fit, FitError>;

/// Finds imported capacity series and their fits (the app reads storage; `no_series` finds
/// none).
pub type SeriesLookup<'a> = &'a dyn SeriesSource;

/// A lookup that finds no series.
pub fn no_series(_: &SeriesRef) -> SeriesAt {
    SeriesAt::NotHere
}

/// The text a key result shows while its series is read or its trend fitted.
const READING: &str = "reading the series…";

/// The capacity date of `workspace` ([`capacity_date_with`]), or that its series is being read
/// or its trend fitted.
fn capacity_result(workspace: &Workspace, series: SeriesLookup) -> (String, Option<i64>) {
    let inputs = &workspace.capacity;
    let found = match inputs.series.as_ref().map(|r| (r, series.series(r))) {
        Some((_, SeriesAt::Reading)) => return (READING.to_string(), None),
        Some((reference, SeriesAt::Here(found))) => Some((reference, found)),
        Some((_, SeriesAt::NotHere)) | None => None,
    };
    let at_hand = found.as_ref().map(|(_, s)| s.as_ref());
    capacity_date_with(inputs, at_hand, |choice, offset_ms, s| match &found {
        Some((reference, _)) => series.fit(reference, s, choice, offset_ms),
        None => Some(chosen_fit(choice, s.samples(), offset_ms)),
    })
    .unwrap_or_else(|| (READING.to_string(), None))
}

/// The key results of `workspace`, in a fixed order (the same labels for every workspace),
/// without capacity series.
pub fn key_results(workspace: &Workspace, now: Now) -> Vec<KeyResult> {
    key_results_with(workspace, now, &no_series)
}

/// The key results of `workspace`, finding its capacity series with `series`.
pub fn key_results_with(workspace: &Workspace, now: Now, series: SeriesLookup) -> Vec<KeyResult> {
    // The Budget tab's figures, with the logged incidents of its window when it counts them.
    let (sheet, _) = incident::budget_with_incidents(&workspace.budget, &workspace.incidents, now);
    let missing = || "not valid".to_string();
    let target_text = sheet
        .target
        .map_or_else(missing, |t| format!("{}%", t.percent_text()));
    let window_text = sheet
        .window
        .map_or_else(missing, |w| days_phrase(&w.window.days_text()));
    let downtime = sheet
        .target
        .zip(sheet.window)
        .map(|(t, w)| slo::allowed_downtime_ms(t, w.window));
    let remaining = sheet.remaining.ready().map(|r| r.report.remaining);
    let decision = match &sheet.remaining {
        Section::Ready(r) => match r.decision.verdict {
            Verdict::Allowed => "deploys allowed",
            Verdict::Warning => "deploys allowed, with care",
            Verdict::Freeze => "deploy freeze",
        }
        .to_string(),
        _ => "not filled in".to_string(),
    };
    let burn = sheet.burn.ready().map(|b| b.report.burn_rate);
    let linked = match (sheet.target, sheet.window, sheet.sli) {
        (Some(target), Some(w), Some(sli)) => Ok(alerts::Linked {
            slo: Slo {
                target,
                window: w.window,
            },
            sli,
        }),
        _ => Err("the Budget tab's SLO is not valid".to_string()),
    };
    let alert_table = alerts::read(&workspace.alerts, linked).table;
    let alert_count = alert_table.as_ref().map(|table| {
        let pages = table
            .iter()
            .filter(|a| a.row.severity == Severity::Page)
            .count();
        let text = format!(
            "{} ({} page, {} ticket)",
            format_count(table.len() as u64),
            format_count(pages as u64),
            format_count((table.len() - pages) as u64)
        );
        let count = Quantity::Alerts {
            pages: pages as u64,
            tickets: (table.len() - pages) as u64,
        };
        (text, count)
    });
    let fastest_page = alert_table.as_ref().and_then(|table| {
        table
            .iter()
            .filter(|a| a.row.severity == Severity::Page)
            .filter_map(|a| a.detection_at_full_errors_ms)
            .min_by(|a, b| a.cmp_exact(*b))
    });
    let (capacity_text, capacity_ms) = capacity_result(workspace, series);
    let (logged, logged_count, incidents_used) = incident_results(workspace, &sheet, now);
    vec![
        KeyResult {
            label: "SLO target",
            text: target_text,
            value: sheet.target.map(|t| Quantity::Target(t.parts())),
        },
        KeyResult {
            label: "Window",
            text: window_text,
            value: sheet
                .window
                .map(|w| Quantity::WindowMicroDays(w.window.micro_days())),
        },
        KeyResult {
            label: "Allowed downtime",
            text: downtime.map_or_else(missing, format_duration),
            value: downtime.map(Quantity::Milliseconds),
        },
        KeyResult {
            label: "Burn rate observed",
            text: burn.map_or_else(
                || "not filled in".to_string(),
                super::budget_words::burn_rate,
            ),
            value: burn.map(Quantity::BurnRate),
        },
        KeyResult {
            label: "Budget remaining",
            text: remaining
                .map_or_else(|| "not filled in".to_string(), super::budget_words::percent),
            value: remaining.map(|r| Quantity::PartsPerMillion(r.scaled_round(1_000_000))),
        },
        KeyResult {
            label: "Deploy decision",
            text: decision,
            value: None,
        },
        KeyResult {
            label: "Burn-rate alerts",
            text: alert_count
                .as_ref()
                .map_or_else(missing, |(text, _)| text.clone()),
            value: alert_count.map(|(_, count)| count),
        },
        KeyResult {
            label: "Fastest page at 100% errors",
            text: match (&alert_table, fastest_page) {
                (None, _) => missing(),
                (Some(_), None) => "no page alert fires".to_string(),
                (Some(_), Some(ms)) => alerts::format_time(ms),
            },
            value: fastest_page.map(|ms| Quantity::AlertMilliseconds(ms.scaled_round(1))),
        },
        KeyResult {
            label: "Capacity date",
            text: capacity_text,
            value: capacity_ms
                .and_then(|ms| u64::try_from(ms).ok())
                .map(Quantity::Milliseconds),
        },
        KeyResult {
            label: "Incidents logged",
            text: logged,
            value: Some(logged_count),
        },
        KeyResult {
            label: "Budget used by logged incidents in the window",
            text: incidents_used
                .map_or_else(|| "not valid".to_string(), super::budget_words::percent),
            value: incidents_used.map(|r| Quantity::PartsPerMillion(r.scaled_round(1_000_000))),
        },
    ]
}

/// How many incidents are logged (and how many are ongoing), in words and as a
/// [`Quantity::Incidents`], and the budget they used in the Budget tab's current window: the part
/// of each inside its span (`incident::window_span`), an ongoing one up to `now`, read as the
/// Budget tab is at `now`.
fn incident_results(
    workspace: &Workspace,
    sheet: &budget_sheet::BudgetSheet,
    now: Now,
) -> (String, Quantity, Option<Ratio>) {
    let incidents = &workspace.incidents.incidents;
    let (sheets, _) = incident::read_all(incidents, now.utc_ms);
    let ongoing = sheets.iter().filter(|s| s.ongoing).count();
    let logged = match (incidents.len(), ongoing) {
        (0, _) => "none".to_string(),
        (n, 0) => format_count(n as u64),
        (n, ongoing) => format!(
            "{} ({} ongoing)",
            format_count(n as u64),
            format_count(ongoing as u64)
        ),
    };
    let count = Quantity::Incidents {
        logged: incidents.len() as u64,
        ongoing: ongoing as u64,
    };
    // As the Budget tab counts them: the part of each inside its current window.
    let used = match (
        sheet.target,
        sheet.window,
        incident::window_span(sheet, now),
    ) {
        (Some(target), Some(window), Some(span)) => {
            let counted = incident::count_in(incidents, target, window.window, span, now.utc_ms);
            Some(incident::total_of(&counted))
        }
        _ => None,
    };
    (logged, count, used)
}

/// The difference `b - a` of two key results, as text (`+21m 36s`, `−12.5 points`, `+5×`,
/// `same`), when both have a number of the same kind.
pub fn difference(a: &KeyResult, b: &KeyResult) -> Option<String> {
    match (a.value?, b.value?) {
        (Quantity::Milliseconds(x), Quantity::Milliseconds(y)) => {
            Some(signed(x, y, format_duration))
        }
        (Quantity::AlertMilliseconds(x), Quantity::AlertMilliseconds(y)) => {
            Some(signed(x, y, |ms| alerts::format_time(alerts::ms_ratio(ms))))
        }
        (Quantity::PartsPerMillion(x), Quantity::PartsPerMillion(y)) => {
            let (sign, diff) = if y >= x { ("+", y - x) } else { ("−", x - y) };
            if diff == 0 {
                return Some("same".to_string());
            }
            // Percentage points to two decimals (parts per million / 10,000), written as the
            // shares beside it are: without trailing zeros, grouped (`+30 points`, `−2.5 points`,
            // `+25,000.5 points`).
            let hundredths = (diff + 50) / 100;
            let points = format!("{}.{:02}", hundredths / 100, hundredths % 100);
            let points = grouped(points.trim_end_matches('0').trim_end_matches('.'));
            Some(format!("{sign}{points} points"))
        }
        (Quantity::Target(x), Quantity::Target(y)) => Some(signed(x, y, |parts| {
            // Parts per 10^8 of a whole are millionths of a percentage point, as typed.
            format!("{} points", format_scaled(parts, slo::TARGET_PLACES))
        })),
        (Quantity::WindowMicroDays(x), Quantity::WindowMicroDays(y)) => {
            Some(signed(x, y, |micro_days| {
                days_phrase(&format_scaled(micro_days, slo::WINDOW_PLACES))
            }))
        }
        (Quantity::BurnRate(x), Quantity::BurnRate(y)) => Some(burn_rate_difference(x, y)),
        (
            Quantity::Alerts { pages, tickets },
            Quantity::Alerts {
                pages: pages_b,
                tickets: tickets_b,
            },
        ) => Some(count_difference(
            pages + tickets,
            pages_b + tickets_b,
            &[(pages, pages_b, "page"), (tickets, tickets_b, "ticket")],
        )),
        (
            Quantity::Incidents { logged, ongoing },
            Quantity::Incidents {
                logged: logged_b,
                ongoing: ongoing_b,
            },
        ) => Some(count_difference(
            logged,
            logged_b,
            &[(ongoing, ongoing_b, "ongoing")],
        )),
        _ => None,
    }
}

/// `b - a` written by `format` (given its size) with its sign: `+21m 36s`, `−0.05 points`,
/// `same`.
fn signed(a: u64, b: u64, format: impl Fn(u64) -> String) -> String {
    match b.cmp(&a) {
        std::cmp::Ordering::Equal => "same".to_string(),
        std::cmp::Ordering::Greater => format!("+{}", format(b - a)),
        std::cmp::Ordering::Less => format!("−{}", format(a - b)),
    }
}

/// `b - a` of two burn rates, an exact difference written as burn rates are (see
/// [`alerts::format_number`]): `+5×`, `−14.4×`, or rounded and marked, `≈+0.6667×`.
fn burn_rate_difference(a: Ratio, b: Ratio) -> String {
    let (sign, size) = match b.cmp_exact(a) {
        std::cmp::Ordering::Equal => return "same".to_string(),
        std::cmp::Ordering::Greater => ("+", b.saturating_sub(a)),
        std::cmp::Ordering::Less => ("−", a.saturating_sub(b)),
    };
    let text = alerts::number_words(size);
    match text.strip_prefix('≈') {
        Some(rounded) => format!("≈{sign}{rounded}×"),
        None => format!("{sign}{text}×"),
    }
}

/// `b - a` of a count, with the parts that changed in brackets as the count's text has them:
/// `−1 (−1 ticket)`, `+2 (+1 ongoing)`, `same number (+1 page, −1 ticket)`, or `same`.
fn count_difference(a: u64, b: u64, parts: &[(u64, u64, &str)]) -> String {
    let changed: Vec<String> = parts
        .iter()
        .filter(|(x, y, _)| x != y)
        .map(|&(x, y, name)| format!("{} {name}", signed(x, y, format_count)))
        .collect();
    match (a == b, changed.is_empty()) {
        (true, true) => "same".to_string(),
        (true, false) => format!("same number ({})", changed.join(", ")),
        (false, true) => signed(a, b, format_count),
        (false, false) => format!("{} ({})", signed(a, b, format_count), changed.join(", ")),
    }
}

/// What the differences of a comparison are in, for the page and the Markdown summary.
pub const DIFFERENCE_RULE: &str = "Differences (second − first) of times and dates are in \
time; of targets and budget shares in percentage points; of windows in days; of burn rates in \
burn rate (10× against 5× is +5×); of counts in number. A result with no number (a decision, a \
date not reached) only says whether it differs. Each difference is taken before rounding (shares \
to a millionth of the whole, the rest exactly) and rounded once, so it can be one in its last \
digit off a subtraction of the rounded figures shown: 38.1944% and 81.8467%, shown as ≈38.19% \
and ≈81.85%, are 43.65 points apart.";

/// One row of a side-by-side comparison: the key result's label, its text in each scenario, and
/// the difference (second − first), or `same` / `differs` when it has no number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonRow {
    pub label: &'static str,
    pub first: String,
    pub second: String,
    pub difference: String,
}

/// The key results of two workspaces side by side (without capacity series).
pub fn comparison(first: &Workspace, second: &Workspace, now: Now) -> Vec<ComparisonRow> {
    comparison_with(first, second, now, &no_series)
}

/// The key results of two workspaces side by side, finding capacity series with `series`.
pub fn comparison_with(
    first: &Workspace,
    second: &Workspace,
    now: Now,
    series: SeriesLookup,
) -> Vec<ComparisonRow> {
    key_results_with(first, now, series)
        .into_iter()
        .zip(key_results_with(second, now, series))
        .map(|(x, y)| {
            let difference = difference(&x, &y).unwrap_or_else(|| {
                if x.text == y.text {
                    "same".to_string()
                } else {
                    "differs".to_string()
                }
            });
            ComparisonRow {
                label: x.label,
                first: x.text,
                second: y.text,
                difference,
            }
        })
        .collect()
}

/// A one-line summary for the scenario list.
pub fn one_line(workspace: &Workspace, now: Now) -> String {
    one_line_with(workspace, now, &no_series)
}

/// A one-line summary for the scenario list, finding capacity series with `series`.
pub fn one_line_with(workspace: &Workspace, now: Now, series: SeriesLookup) -> String {
    let results = key_results_with(workspace, now, series);
    let text = |label: &str| {
        results
            .iter()
            .find(|r| r.label == label)
            .map(|r| r.text.clone())
            .unwrap_or_default()
    };
    // The target and window are in one sentence only when both are valid; "not valid" is said
    // once, of the fields it is true of.
    let valid = |label: &str| {
        results
            .iter()
            .any(|r| r.label == label && r.value.is_some())
    };
    let mut line = match (valid("SLO target"), valid("Window")) {
        (true, true) => format!(
            "{} over {}: {} allowed",
            text("SLO target"),
            text("Window"),
            text("Allowed downtime")
        ),
        (false, true) => format!("SLO target not valid; window {}", text("Window")),
        (true, false) => format!("{} SLO; window not valid", text("SLO target")),
        (false, false) => "SLO target and window not valid".to_string(),
    };
    let remaining = text("Budget remaining");
    if remaining != "not filled in" {
        line.push_str(&format!("; {remaining} left, {}", text("Deploy decision")));
    }
    if workspace.capacity.series.is_some() {
        line.push_str(&format!("; capacity date {}", text("Capacity date")));
    }
    line
}

/// One-line summaries kept from one drawing of the scenario list to the next, so that a scenario
/// whose inputs have not changed is not worked out again: fitting a capacity trend to a long
/// series takes tens of milliseconds, and the list is drawn again after every rename or save.
#[derive(Debug, Default)]
pub struct LineCache {
    kept: Vec<CachedLine>,
    drawn: Vec<CachedLine>,
}

/// A summary and everything it depends on.
#[derive(Debug)]
struct CachedLine {
    workspace: Workspace,
    /// The minute it was worked out in (since 1970 UTC) and the date then: a line is kept for
    /// the rest of its minute, though the remaining budget and the incidents counted move on
    /// with the clock.
    minute: (i64, CivilDate),
    /// Whether the capacity series was at hand, being read or not here ([`SeriesAt::state`]); a
    /// series is named by its content, so the same reference always finds the same samples.
    series_state: u8,
    /// [`SeriesSource::fits_ready`] then: a line worked out while a fit was missing is worked
    /// out again once more fits are ready.
    fits_ready: u64,
    line: String,
}

impl LineCache {
    /// The line of `workspace` (as `one_line_with`), kept from the last drawing when nothing it
    /// depends on has changed.
    pub fn line(&mut self, workspace: &Workspace, now: Now, series: SeriesLookup) -> String {
        self.line_or(workspace, now, series, one_line_with)
    }

    fn line_or(
        &mut self,
        workspace: &Workspace,
        now: Now,
        series: SeriesLookup,
        work_out: impl FnOnce(&Workspace, Now, SeriesLookup) -> String,
    ) -> String {
        let series_state = workspace
            .capacity
            .series
            .as_ref()
            .map_or(0, |reference| series.series(reference).state());
        let fits_ready = series.fits_ready();
        let minute = (now.utc_ms.div_euclid(60_000), now.date);
        let line = self
            .kept
            .iter()
            .chain(&self.drawn)
            .find(|c| {
                c.minute == minute
                    && c.series_state == series_state
                    && c.fits_ready == fits_ready
                    && c.workspace == *workspace
            })
            .map(|c| c.line.clone())
            .unwrap_or_else(|| work_out(workspace, now, series));
        self.drawn.push(CachedLine {
            workspace: workspace.clone(),
            minute,
            series_state,
            fits_ready,
            line: line.clone(),
        });
        line
    }

    /// Ends a drawing of the list: only the lines it used are kept for the next.
    pub fn end_drawing(&mut self) {
        self.kept = std::mem::take(&mut self.drawn);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::BudgetInputs;

    /// Regression: 38.19% and 81.85% were compared as "+43.65 points", while subtracting the
    /// figures shown gives 43.66, and nothing said why.
    #[test]
    fn a_difference_is_taken_before_rounding_and_the_rule_says_so() {
        let share = |ppm| KeyResult {
            label: "Budget remaining",
            text: String::new(),
            value: Some(Quantity::PartsPerMillion(ppm)),
        };
        // 38.1944% and 81.8467%: shown as 38.19% and 81.85%, 43.6523 points apart.
        assert_eq!(
            difference(&share(381_944), &share(818_467)).as_deref(),
            Some("+43.65 points")
        );
        assert!(
            DIFFERENCE_RULE.contains("taken before rounding"),
            "{DIFFERENCE_RULE}"
        );
    }

    /// 00:00 UTC on 2026-12-04.
    fn today() -> Now {
        CivilDate::parse("2026-12-04").unwrap().into()
    }

    fn workspace(target: &str) -> Workspace {
        Workspace {
            budget: BudgetInputs {
                target_percent: target.into(),
                ..BudgetInputs::default()
            },
            ..Workspace::default()
        }
    }

    #[test]
    fn summarises_and_compares() {
        let a = workspace("99.9");
        let b = workspace("99.95");
        assert_eq!(one_line(&a, today()), "99.9% over 30 days: 43m 12s allowed");
        let (ra, rb) = (key_results(&a, today()), key_results(&b, today()));
        assert_eq!(difference(&ra[2], &rb[2]).as_deref(), Some("−21m 36s"));
        assert_eq!(difference(&rb[2], &ra[2]).as_deref(), Some("+21m 36s"));
        assert_eq!(difference(&ra[0], &rb[0]).as_deref(), Some("+0.05 points"));
    }

    #[test]
    fn a_line_with_fields_not_valid_names_them_once() {
        // (target, window, the line)
        let cases: &[(&str, &str, &str)] = &[
            ("99.9", "30", "99.9% over 30 days: 43m 12s allowed"),
            ("abc", "30", "SLO target not valid; window 30 days"),
            ("99.9", "0", "99.9% SLO; window not valid"),
            ("100", "-1", "SLO target and window not valid"),
        ];
        for (target, window, line) in cases {
            let mut w = workspace(target);
            w.budget.window_days = window.to_string();
            assert_eq!(one_line(&w, today()), *line, "{target} over {window}");
        }
    }

    /// The Budget tab of `workspace("99.9")` changed by `change`.
    fn changed(change: impl Fn(&mut BudgetInputs)) -> Workspace {
        let mut w = workspace("99.9");
        change(&mut w.budget);
        w
    }

    /// The comparison row labelled `label` of `first` and `second`.
    fn row_of(label: &str, first: &Workspace, second: &Workspace) -> ComparisonRow {
        comparison(first, second, today())
            .into_iter()
            .find(|r| r.label == label)
            .unwrap_or_else(|| panic!("no row {label:?}"))
    }

    #[test]
    fn target_differences_are_exact_percentage_points() {
        // (first target, second target, difference shown, why). Targets are exact decimals
        // with up to six places, and so is their difference.
        let cases = [
            ("99.9", "99.95", "+0.05 points", "the reported case"),
            ("99.95", "99.9", "−0.05 points", "the other way round"),
            ("99.9", "99.9", "same", "equal targets"),
            (
                "99.9",
                "99.900001",
                "+0.000001 points",
                "the finest step a target has",
            ),
            ("99.999999", "90", "−9.999999 points", "every decimal kept"),
            ("50", "99.5", "+49.5 points", "no trailing zeros"),
        ];
        for (first, second, expected, why) in cases {
            let row = row_of("SLO target", &workspace(first), &workspace(second));
            assert_eq!(row.difference, expected, "{first} to {second}: {why}");
        }
    }

    #[test]
    fn burn_rate_differences_are_in_burn_rate() {
        // (first and second target, bad and total requests observed; their burn rates; the
        // difference shown). Burn rate = bad / total / (1 - target).
        type Observed = (&'static str, &'static str, &'static str);
        let cases: [(Observed, Observed, &str, &str, &str); 6] = [
            (
                ("99.9", "5", "1000"),
                ("99.9", "10", "1000"),
                "5×",
                "10×",
                "+5×",
            ),
            (
                ("99.9", "10", "1000"),
                ("99.9", "5", "1000"),
                "10×",
                "5×",
                "−5×",
            ),
            // 0.5% of 99.9% and 2.5% of 99.5% are both 5×.
            (
                ("99.9", "5", "1000"),
                ("99.5", "25", "1000"),
                "5×",
                "5×",
                "same",
            ),
            (
                ("99.9", "0", "1000"),
                ("99.9", "144", "10000"),
                "0×",
                "14.4×",
                "+14.4×",
            ),
            // 1/3× and 4/3×: repeating burn rates whose difference is exactly 1×.
            (
                ("99.97", "1", "10000"),
                ("99.97", "4", "10000"),
                "≈0.3333×",
                "≈1.333×",
                "+1×",
            ),
            // 1/3× to 1×: 2/3×, rounded as burn rates are and marked.
            (
                ("99.97", "1", "10000"),
                ("99.9", "1", "1000"),
                "≈0.3333×",
                "1×",
                "≈+0.6667×",
            ),
        ];
        for (a, b, first, second, expected) in cases {
            let observed = |(target, bad, total): Observed| {
                changed(|i| {
                    i.target_percent = target.into();
                    i.observed_bad = bad.into();
                    i.observed_total = total.into();
                })
            };
            let row = row_of("Burn rate observed", &observed(a), &observed(b));
            assert_eq!(
                (row.first.as_str(), row.second.as_str()),
                (first, second),
                "{a:?} {b:?}"
            );
            assert_eq!(row.difference, expected, "{a:?} {b:?}");
        }
        // Not filled in on one side: no number to take a difference of.
        let filled = changed(|i| {
            i.observed_bad = "5".into();
            i.observed_total = "1000".into();
        });
        let row = row_of("Burn rate observed", &workspace("99.9"), &filled);
        assert_eq!(row.first, "not filled in");
        assert_eq!(row.difference, "differs");
    }

    #[test]
    fn window_differences_are_in_days() {
        let rolling = |days: &'static str| changed(move |i| i.window_days = days.into());
        let february = changed(|i| {
            i.window_kind = "month".into();
            i.calendar_date = "2026-02-10".into();
        });
        let cases = [
            (rolling("30"), rolling("28"), "−2 days"),
            (rolling("28"), rolling("29"), "+1 day"),
            (rolling("30"), rolling("30.5"), "+0.5 days"),
            (rolling("30"), rolling("30"), "same"),
            // February 2026 has 28 days.
            (february, rolling("30"), "+2 days"),
        ];
        for (first, second, expected) in cases {
            let row = row_of("Window", &first, &second);
            assert_eq!(row.difference, expected, "{} to {}", row.first, row.second);
        }
    }

    #[test]
    fn count_differences_say_by_how_many() {
        // The workbook's four alerts: 2 page, 2 ticket.
        let four = workspace("99.9");
        let mut three = four.clone();
        three.alerts.rows.pop();
        let mut swapped = four.clone();
        swapped.alerts.rows[3].severity = "page".into();
        let row = row_of("Burn-rate alerts", &four, &three);
        assert_eq!(row.second, "3 (2 page, 1 ticket)");
        assert_eq!(row.difference, "−1 (−1 ticket)");
        assert_eq!(
            row_of("Burn-rate alerts", &three, &four).difference,
            "+1 (+1 ticket)"
        );
        let row = row_of("Burn-rate alerts", &four, &swapped);
        assert_eq!(row.second, "4 (3 page, 1 ticket)");
        assert_eq!(row.difference, "same number (+1 page, −1 ticket)");

        use crate::inputs::{IncidentInputs, TimeInputs};
        let time = |local: &str| TimeInputs {
            local: local.to_string(),
            utc_offset_minutes: 0,
        };
        let mut logged = workspace("99.9");
        logged.incidents.incidents = vec![
            IncidentInputs {
                title: "t".into(),
                start: time("2026-12-01 10:00"),
                resolved_at: time("2026-12-01 10:10"),
                ..IncidentInputs::default()
            },
            IncidentInputs {
                start: time("2026-12-03 23:00"),
                ..IncidentInputs::default()
            },
        ];
        let row = row_of("Incidents logged", &four, &logged);
        assert_eq!(
            (row.first.as_str(), row.second.as_str()),
            ("none", "2 (1 ongoing)")
        );
        assert_eq!(row.difference, "+2 (+1 ongoing)");
        let mut resolved = logged.clone();
        resolved.incidents.incidents[1].resolved_at = time("2026-12-03 23:30");
        let row = row_of("Incidents logged", &logged, &resolved);
        assert_eq!(row.difference, "same number (−1 ongoing)");
    }

    #[test]
    fn large_differences_are_grouped_as_the_figures_beside_them() {
        let result = |value: Quantity| KeyResult {
            label: "x",
            text: String::new(),
            value: Some(value),
        };
        let cases: &[(Quantity, Quantity, &str)] = &[
            // 25,000.5% of the budget used against none: it read "+25000.5 points".
            (
                Quantity::PartsPerMillion(0),
                Quantity::PartsPerMillion(250_005_000),
                "+25,000.5 points",
            ),
            (
                Quantity::PartsPerMillion(12_345_678),
                Quantity::PartsPerMillion(0),
                "−1,234.57 points",
            ),
            (
                Quantity::Incidents {
                    logged: 0,
                    ongoing: 0,
                },
                Quantity::Incidents {
                    logged: 1_500,
                    ongoing: 1_200,
                },
                "+1,500 (+1,200 ongoing)",
            ),
            (
                Quantity::Alerts {
                    pages: 1_000,
                    tickets: 2_000,
                },
                Quantity::Alerts {
                    pages: 2_000,
                    tickets: 1_000,
                },
                "same number (+1,000 page, −1,000 ticket)",
            ),
        ];
        for (a, b, expected) in cases {
            assert_eq!(
                difference(&result(*a), &result(*b)).as_deref(),
                Some(*expected)
            );
        }

        // The count of incidents beside it too: it read "1200 (1200 ongoing)".
        let mut logged = workspace("99.9");
        logged.incidents.incidents = vec![
            crate::inputs::IncidentInputs {
                start: crate::inputs::TimeInputs {
                    local: "2026-12-03 23:00".into(),
                    utc_offset_minutes: 0,
                },
                ..crate::inputs::IncidentInputs::default()
            };
            1_200
        ];
        let row = row_of("Incidents logged", &workspace("99.9"), &logged);
        assert_eq!(row.second, "1,200 (1,200 ongoing)");
        assert_eq!(row.difference, "+1,200 (+1,200 ongoing)");
    }

    #[test]
    fn remaining_budget_differences_are_in_points() {
        let mut a = workspace("99.9");
        a.budget.so_far_mode = "availability".into();
        a.budget.so_far_availability = "99.92".into();
        a.budget.elapsed_days = "30".into();
        let mut b = a.clone();
        b.budget.so_far_availability = "99.95".into();
        let (ra, rb) = (key_results(&a, today()), key_results(&b, today()));
        assert_eq!(ra[4].text, "20%");
        assert_eq!(rb[4].text, "50%");
        assert_eq!(difference(&ra[4], &rb[4]).as_deref(), Some("+30 points"));
        assert!(one_line(&a, today()).ends_with("20% left, deploys allowed, with care"));
    }

    #[test]
    fn comparison_rows_say_same_differs_or_by_how_much() {
        let rows = comparison(&workspace("99.9"), &workspace("99.95"), today());
        assert_eq!(rows[0].difference, "+0.05 points");
        assert_eq!(rows[1].difference, "same");
        assert_eq!(rows[2].first, "43m 12s");
        assert_eq!(rows[2].difference, "−21m 36s");
        // A deploy decision is no number: it only differs.
        let so_far = |availability: &'static str| {
            changed(move |i| {
                i.so_far_mode = "availability".into();
                i.so_far_availability = availability.into();
                i.elapsed_days = "30".into();
            })
        };
        let row = row_of("Deploy decision", &so_far("99.92"), &so_far("99.95"));
        assert_eq!(row.first, "deploys allowed, with care");
        assert_eq!(row.second, "deploys allowed");
        assert_eq!(row.difference, "differs");
    }

    #[test]
    fn alert_results_follow_the_budget_tab() {
        let results = key_results(&workspace("99.9"), today());
        assert_eq!(results[6].text, "4 (2 page, 2 ticket)");
        // 1 h x 14.4 x 0.001 = 51.84 s (SRE workbook).
        assert_eq!(results[7].text, "51.84s");
        let tighter = key_results(&workspace("99.95"), today());
        // 14.4 x 0.0005 x 1 h = 25.92 s.
        assert_eq!(tighter[7].text, "25.92s");
        // The difference has the precision of the times (0.01 s under a minute).
        assert_eq!(
            difference(&results[7], &tighter[7]).as_deref(),
            Some("−25.92s")
        );
        let broken = key_results(&workspace("100"), today());
        assert_eq!(broken[6].text, "not valid");
    }

    #[test]
    fn the_capacity_date_follows_the_series() {
        // y = 10 + x (days) with alternating noise, so capacity 50 is reached about 20 days
        // after the last sample (day 20).
        let (series, a) = daily_series(0.5);
        let found = {
            let series = series.clone();
            move |_: &SeriesRef| SeriesAt::Here(series.clone())
        };
        let results = key_results_with(&a, today(), &found);
        let date = results.iter().find(|r| r.label == "Capacity date").unwrap();
        // The last sample is 2023-12-04 22:13:20 UTC; 20 days later is 2023-12-24.
        assert_eq!(date.text, "2023-12-24");
        assert!(one_line_with(&a, today(), &found).ends_with("capacity date 2023-12-24"));
        let mut b = a.clone();
        b.capacity.capacity = "55".into();
        let rb = key_results_with(&b, today(), &found);
        let later = difference(&results[8], &rb[8]).unwrap();
        assert!(
            later.starts_with("+5d 0h") || later.starts_with("+4d 23h"),
            "{later}"
        );
        assert_eq!(
            key_results(&a, today())[8].text,
            "series not in this browser"
        );
        let reading = key_results_with(&a, today(), &|_: &SeriesRef| SeriesAt::Reading);
        assert_eq!(reading[8].text, "reading the series…");
        assert_eq!(reading[8].value, None);
        assert_eq!(
            key_results(&workspace("99.9"), today())[8].text,
            "no series imported"
        );
    }

    /// A series "cpu" of y = 10 + x (days) over 21 days, `noise` above and below the line on
    /// alternate days, and a 99.9% workspace with capacity 50 that refers to it.
    fn daily_series(noise: f64) -> (Arc<Series>, Workspace) {
        use crate::calc::capacity::series::{Clock, Sample, MS_PER_DAY};
        let samples: Vec<Sample> = (0..=20)
            .map(|d| Sample {
                t_ms: 1_700_000_000_000 + d * MS_PER_DAY,
                value: 10.0 + d as f64 + if d % 2 == 0 { noise } else { -noise },
            })
            .collect();
        let series = Arc::new(Series::new("cpu".into(), Clock::Utc, samples).unwrap().0);
        let mut a = workspace("99.9");
        a.capacity.series = Some(SeriesRef {
            id: series.content_id(),
            name: "cpu".into(),
            samples: 21,
        });
        a.capacity.capacity = "50".into();
        (series, a)
    }

    /// A source whose fits are worked out later, as the page's are for long series.
    struct FittedLater {
        series: Arc<Series>,
        fitted: std::cell::RefCell<Vec<(ModelChoice, i64)>>,
        asked: std::cell::RefCell<Vec<(String, ModelChoice, i64)>>,
    }

    impl SeriesSource for FittedLater {
        fn series(&self, _: &SeriesRef) -> SeriesAt {
            SeriesAt::Here(self.series.clone())
        }

        fn fit(
            &self,
            r: &SeriesRef,
            s: &Series,
            choice: ModelChoice,
            offset: i64,
        ) -> Option<FitResult> {
            self.asked.borrow_mut().push((r.id.clone(), choice, offset));
            self.fitted
                .borrow()
                .contains(&(choice, offset))
                .then(|| chosen_fit(choice, s.samples(), offset))
        }

        fn fits_ready(&self) -> u64 {
            self.fitted.borrow().len() as u64
        }
    }

    #[test]
    fn a_capacity_date_waits_for_a_fit_worked_out_later() {
        let (series, mut a) = daily_series(0.0);
        a.capacity.model = "seasonal".into();
        a.capacity.utc_offset = "+02:00".into();
        let source = FittedLater {
            series,
            fitted: Default::default(),
            asked: Default::default(),
        };
        let mut cache = LineCache::default();
        let waiting = cache.line(&a, today(), &source);
        cache.end_drawing();
        assert!(
            waiting.ends_with("capacity date reading the series…"),
            "{waiting}"
        );
        // The fit asked for names the series, the chosen model and the offset typed in.
        let key = (
            a.capacity.series.clone().unwrap().id,
            ModelChoice::Picked(crate::calc::capacity::forecast::ModelKind::Seasonal),
            7_200_000,
        );
        assert_eq!(source.asked.borrow().last(), Some(&key));
        // Drawn again before the fit is ready: the same; once it is ready, worked out again.
        assert_eq!(cache.line(&a, today(), &source), waiting);
        cache.end_drawing();
        source.fitted.borrow_mut().push((key.1, key.2));
        let dated = cache.line(&a, today(), &source);
        assert_eq!(
            dated,
            one_line_with(&a, today(), &|_: &SeriesRef| source
                .series(&SeriesRef::default()))
        );
        assert!(dated.contains("capacity date 2023-12-"), "{dated}");
        let results = key_results_with(&a, today(), &source);
        assert!(results[8].value.is_some());
    }

    #[test]
    fn the_list_works_a_line_out_again_only_when_what_it_depends_on_changes() {
        use std::cell::Cell;
        let worked = Cell::new(0);
        let count = |w: &Workspace, t: Now, s: SeriesLookup| {
            worked.set(worked.get() + 1);
            one_line_with(w, t, s)
        };
        let (a, b) = (workspace("99.9"), workspace("99.5"));
        let mut cache = LineCache::default();
        let first = cache.line_or(&a, today(), &no_series, count);
        assert_eq!(first, one_line_with(&a, today(), &no_series));
        cache.line_or(&b, today(), &no_series, count);
        cache.end_drawing();
        assert_eq!(worked.get(), 2);
        // Drawn again unchanged: nothing is worked out, and the lines are the same.
        assert_eq!(cache.line_or(&a, today(), &no_series, count), first);
        cache.line_or(&b, today(), &no_series, count);
        cache.end_drawing();
        assert_eq!(worked.get(), 2);
        // A changed input, another day, or a series found that was missing: worked out again.
        cache.line_or(&workspace("99.95"), today(), &no_series, count);
        let tomorrow: Now = CivilDate::parse("2026-12-05").unwrap().into();
        cache.line_or(&a, tomorrow, &no_series, count);
        assert_eq!(worked.get(), 4);
        // Within the minute the line is kept; a minute later it is worked out again (the
        // remaining budget and the incidents counted move on with the clock).
        cache.end_drawing();
        let later = |seconds: i64| Now::at(tomorrow.utc_ms + seconds * 1000, |_| 0);
        cache.line_or(&a, later(59), &no_series, count);
        assert_eq!(worked.get(), 4);
        cache.line_or(&a, later(60), &no_series, count);
        assert_eq!(worked.get(), 5);
        let mut with_series = a.clone();
        with_series.capacity.series = Some(SeriesRef {
            id: "0123456789abcdef".into(),
            name: "cpu".into(),
            samples: 1,
        });
        use crate::calc::capacity::series::{Clock, Sample};
        let one = vec![Sample {
            t_ms: 0,
            value: 1.0,
        }];
        let series = Arc::new(Series::new("cpu".into(), Clock::Utc, one).unwrap().0);
        let found = move |_: &SeriesRef| SeriesAt::Here(series.clone());
        let reading = |_: &SeriesRef| SeriesAt::Reading;
        let missing = cache.line_or(&with_series, today(), &no_series, count);
        let being_read = cache.line_or(&with_series, today(), &reading, count);
        cache.line_or(&with_series, today(), &found, count);
        assert_eq!(worked.get(), 8);
        assert!(
            being_read.ends_with("capacity date reading the series…"),
            "{being_read}"
        );
        assert!(
            missing.ends_with("capacity date series not in this browser"),
            "{missing}"
        );
        // Only what the last drawing used is kept: `b` was not drawn, so it is worked out again.
        cache.end_drawing();
        cache.line_or(&with_series, today(), &no_series, count);
        assert_eq!(worked.get(), 8);
        cache.line_or(&b, today(), &no_series, count);
        assert_eq!(worked.get(), 9);
    }

    #[test]
    fn incidents_are_summed_and_counted_in_the_remaining_budget_when_asked() {
        use crate::inputs::{IncidentInputs, TimeInputs};
        let time = |local: &str| TimeInputs {
            local: local.to_string(),
            utc_offset_minutes: 0,
        };
        let incident = |start: &str, end: &str| IncidentInputs {
            title: "t".into(),
            start: time(start),
            resolved_at: time(end),
            ..IncidentInputs::default()
        };
        let mut a = workspace("99.9");
        a.budget.so_far_mode = "availability".into();
        a.budget.so_far_availability = "100".into();
        a.budget.elapsed_days = "10".into();
        // 10m 48s and 21m 36s of full outage: 25% and 50% of 43m 12s.
        a.incidents.incidents = vec![
            incident("2026-12-01 10:00", "2026-12-01 10:10:48"),
            incident("2026-12-02 10:00", "2026-12-02 10:21:36"),
            // Ongoing since 23:49:12, 10m 48s before now (00:00 UTC): 25% so far.
            IncidentInputs {
                start: time("2026-12-03 23:49:12"),
                ..IncidentInputs::default()
            },
            // Before the window (10 days elapsed, from 2026-11-24): logged, but not counted.
            incident("2026-06-01 10:00", "2026-06-01 10:30"),
        ];
        let results = key_results(&a, today());
        assert_eq!(results[9].text, "4 (1 ongoing)");
        assert_eq!(
            results[10].label,
            "Budget used by logged incidents in the window"
        );
        assert_eq!(results[10].text, "100%");
        // Without figures so far, a rolling window began 30 days ago, on 2026-11-04, as it does
        // with 30 days elapsed.
        let mut b = workspace("99.9");
        b.incidents.incidents = vec![
            incident("2026-11-03 23:00", "2026-11-03 23:10:48"),
            incident("2026-11-04 00:00", "2026-11-04 00:10:48"),
        ];
        assert_eq!(key_results(&b, today())[10].text, "25%");
        b.budget.so_far_mode = "availability".into();
        b.budget.so_far_availability = "100".into();
        b.budget.elapsed_days = "30".into();
        assert_eq!(key_results(&b, today())[10].text, "25%");
        // Read at the browser's clock, as the Budget tab counts it: an incident of this morning
        // counts at noon (it was read at 00:00 UTC on the day, and left out until the next).
        let mut c = workspace("99.9");
        c.incidents.incidents = vec![incident("2026-12-04 09:00", "2026-12-04 09:10:48")];
        assert_eq!(key_results(&c, today())[10].text, "0%");
        let noon = Now::at(today().utc_ms + 12 * 3_600_000, |_| 0);
        assert_eq!(key_results(&c, noon)[10].text, "25%");
        assert_eq!(results[4].text, "100%", "not counted unless asked");
        a.budget.include_incidents = true;
        let results = key_results(&a, today());
        assert_eq!(results[4].text, "0%");
        assert_eq!(results[5].text, "deploy freeze");
        // Resolved now, the same incident costs the same.
        a.incidents.incidents[2].resolved_at = time("2026-12-04 00:00");
        assert_eq!(key_results(&a, today())[10].text, "100%");
        a.incidents.incidents.truncate(2);
        let results = key_results(&a, today());
        assert_eq!(results[4].text, "25%");
        assert_eq!(results[5].text, "deploys allowed, with care");
        assert_eq!(key_results(&workspace("99.9"), today())[9].text, "none");
    }

    #[test]
    fn invalid_inputs_read_as_not_valid() {
        let results = key_results(&workspace("100"), today());
        assert_eq!(results[0].text, "not valid");
        assert_eq!(results[2].text, "not valid");
    }
}
