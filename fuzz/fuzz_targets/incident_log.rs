//! The incident log: any text in every field of two incidents is read, costed against the
//! Budget tab's SLO, counted in the Budget tab's remaining budget and written as a postmortem
//! draft, never a panic; typed text never gives the draft a heading of its own or raw HTML.
#![no_main]

use headroom::calc::budget_sheet;
use headroom::calc::date::CivilDate;
use headroom::calc::incident::{self, BudgetContext};
use headroom::formats::postmortem::{self, Draft};
use headroom::inputs::{BudgetInputs, EntryInputs, IncidentInputs, IncidentsInputs, TimeInputs};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut fields = text.split('\u{1f}').map(str::to_string);
    let mut next = || fields.next().unwrap_or_default();
    // An offset is read from the text's length, so every offset (in range or not) is tried.
    let offset = text.len() as i32 * 7 - 1_100;
    let time = |local: String| TimeInputs {
        local,
        utc_offset_minutes: offset,
    };
    let incident = IncidentInputs {
        id: Default::default(),
        start: time(next()),
        resolved_at: time(next()),
        timeline: vec![
            EntryInputs {
                id: Default::default(),
                time: time(next()),
                status: next(),
                message: next(),
            },
            EntryInputs {
                id: Default::default(),
                time: time(next()),
                status: next(),
                message: next(),
            },
        ],
        title: next(),
        severity: next(),
        detected_by: next(),
        commander: next(),
        responders: next(),
        affected_percent: next(),
        full_outage: next().is_empty(),
        resolution: next(),
    };
    let log = IncidentsInputs {
        incidents: vec![incident.clone(), incident.clone()],
        selected: 0,
    };
    let now_ms = 1_796_558_400_000 + i64::from(offset) * 60_000;
    let today = CivilDate::new(2026, 12, 6).expect("a real date");

    let budget = BudgetInputs {
        so_far_mode: "availability".to_string(),
        so_far_availability: "99.95".to_string(),
        elapsed_days: "30".to_string(),
        include_incidents: true,
        ..BudgetInputs::default()
    };
    // A time of day from the fuzzed offset: the window's start may fall on another date.
    let now = budget_sheet::Now::at(
        today.days_since_epoch() * 86_400_000
            + i64::from(offset.unsigned_abs()) * 60_000 % 86_400_000,
        |utc_ms| if utc_ms % 7 == 0 { 60 } else { 120 },
    );
    let _ = incident::budget_with_incidents(&budget, &log, now);
    let context = BudgetContext::from_sheet(&budget_sheet::read(&budget, today))
        .expect("the default SLO is valid");
    let (sheets, ids) = incident::read_all(&log.incidents, now_ms);
    let impacts = incident::impacts(&sheets, &context);
    let draft = postmortem::markdown(&Draft {
        incident: &incident,
        sheet: &sheets[0],
        id: ids[0].as_deref(),
        budget: Ok(&context),
        impact: impacts[0].as_ref(),
        utc_offset_minutes: offset
            .clamp(-incident::MAX_OFFSET_MINUTES, incident::MAX_OFFSET_MINUTES),
        zone_name: Some(&incident.commander),
        now_ms,
    });
    assert_eq!(draft.lines().filter(|l| l.starts_with('#')).count(), 10);
    assert!(!draft.contains('<'));
});
