//! The Budget tab: any text in every field gives a sheet of results and messages, never a panic,
//! and its summary is written without one.
#![no_main]

use headroom::calc::budget_sheet;
use headroom::calc::date::CivilDate;
use headroom::formats::summary;
use headroom::inputs::BudgetInputs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut fields = text.split('\u{1f}').map(str::to_string);
    let mut next = || fields.next().unwrap_or_default();
    let inputs = BudgetInputs {
        target_percent: next(),
        window_kind: next(),
        window_days: next(),
        calendar_date: next(),
        month_convention: next(),
        sli_kind: next(),
        timeslice_minutes: next(),
        expected_requests: next(),
        observed_bad: next(),
        observed_total: next(),
        observed_hours: next(),
        elapsed_days: next(),
        so_far_mode: next(),
        so_far_bad: next(),
        so_far_total: next(),
        so_far_availability: next(),
        freeze_below_percent: next(),
        warn_below_percent: next(),
        incident_minutes: next(),
        incident_affected_percent: next(),
        include_incidents: !next().is_empty(),
    };
    let today = CivilDate::new(2026, 12, 4).expect("a real date");
    let sheet = budget_sheet::read(&inputs, today);
    let _ = summary::budget_markdown(&sheet, "2026-12-04");
});
