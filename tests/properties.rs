//! Property tests over random input: the boundary parsers never panic, and no valid input gives
//! a figure that is not finite or a remaining budget outside 0-100%.
#![cfg(not(target_arch = "wasm32"))]

use headroom::calc::alerts::{self, Slo};
use headroom::calc::budget_sheet::{self, Choice, Field};
use headroom::calc::burn::{self, EventsSoFar, Policy, Progress, MAX_EVENTS};
use headroom::calc::date::CivilDate;
use headroom::calc::decimal;
use headroom::calc::prom_duration::PromDuration;
use headroom::calc::slo::{SloTarget, WindowDays, TARGET_PARTS};
use headroom::formats::{openslo, yaml_tree};
use headroom::inputs::{AlertRowInputs, AlertsInputs, BudgetInputs};
use proptest::prelude::*;

fn today() -> CivilDate {
    CivilDate::parse("2026-12-04").unwrap()
}

proptest! {
    #[test]
    fn parsers_never_panic(text in "\\PC{0,40}") {
        let _ = decimal::parse_scaled(&text, 6);
        let _ = decimal::parse_count(&text);
        let _ = SloTarget::parse(&text);
        let _ = WindowDays::parse(&text);
        let _ = CivilDate::parse(&text);
    }

    #[test]
    fn numeric_looking_text_never_panics(text in "[-+]?[0-9,._ ]{0,30}%?") {
        let _ = decimal::parse_scaled(&text, 6);
        let _ = decimal::parse_count(&text);
        let _ = SloTarget::parse(&text);
    }

    #[test]
    fn the_budget_tab_reads_any_text(
        texts in proptest::collection::vec("[-+0-9.,%e a-z]{0,12}", 16),
        choices in proptest::collection::vec(0usize..4, 4),
    ) {
        let mut inputs = BudgetInputs::default();
        for (field, text) in Field::ALL.into_iter().zip(&texts) {
            *budget_sheet::field_text_mut(&mut inputs, field) = text.clone();
        }
        for (choice, pick) in Choice::ALL.into_iter().zip(choices) {
            let options = choice.options();
            *choice.get_mut(&mut inputs) = options[pick % options.len()].0.to_string();
        }
        let sheet = budget_sheet::read(&inputs, today());
        if let Some(remaining) = sheet.remaining.ready() {
            let share = remaining.report.remaining.to_f64();
            prop_assert!((0.0..=1.0).contains(&share));
        }
        if let Some(burn) = sheet.burn.ready() {
            prop_assert!(burn.report.burn_rate.to_f64().is_finite());
        }
    }

    #[test]
    fn figures_are_finite_for_every_valid_input(
        target_parts in 1u64..TARGET_PARTS,
        window_micro_days in 1u64..=36_525_000_000,
        total in 1u64..=MAX_EVENTS,
        bad_share in 0u64..=1_000,
        elapsed_share in 0u64..=1_000,
    ) {
        let target = SloTarget::from_parts(target_parts).unwrap();
        let window = WindowDays::from_micro_days(window_micro_days).unwrap();
        let bad = (u128::from(total) * u128::from(bad_share) / 1_000) as u64;
        let ratio = burn::event_error_ratio(bad, total).unwrap();
        let report = burn::burn_report(target, window, ratio, window.length_ms());
        prop_assert!(report.burn_rate.to_f64().is_finite());
        prop_assert!(report.budget_consumed.to_f64().is_finite());
        prop_assert!(report.burn_rate.cmp_exact(report.max_burn_rate).is_le());

        let progress = Progress {
            elapsed_micro_days: window_micro_days / 1_000 * elapsed_share,
            error_ratio: ratio,
            events: Some(EventsSoFar { bad, expected_in_window: total }),
        };
        let remaining = burn::remaining_report(target, window, progress).unwrap();
        prop_assert!((0.0..=1.0).contains(&remaining.remaining.to_f64()));
        prop_assert!(remaining.consumed.to_f64().is_finite());
        let _ = burn::decide(Policy::default(), remaining.remaining);
    }

    #[test]
    fn prometheus_durations_never_panic(text in "[0-9a-zA-Z. +-]{0,24}") {
        if let Ok(d) = PromDuration::parse(&text) {
            // Whatever parses writes back to the same length.
            prop_assert_eq!(PromDuration::parse(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn imports_never_panic(text in "\\PC{0,200}") {
        let _ = yaml_tree::parse(&text);
        let _ = openslo::import(&text);
    }

    #[test]
    fn yaml_looking_imports_never_panic(
        text in "(apiVersion: openslo/v1\nkind: SLO\n|version: prometheus/v1\n)?([a-zA-Z:{}\\[\\]\\-,&*!|>'\" #\n]|  ){0,160}"
    ) {
        let _ = openslo::import(&text);
    }

    #[test]
    fn the_alerts_tab_reads_any_text(
        texts in proptest::collection::vec("[-+0-9.,%hmdwsy a-z]{0,8}", 12),
        target_parts in 1u64..TARGET_PARTS,
        window_micro_days in 1u64..=36_525_000_000,
    ) {
        let rows = (0..3)
            .map(|i| AlertRowInputs {
                severity: texts[i * 4].clone(),
                budget_percent: texts[i * 4 + 1].clone(),
                long_window: texts[i * 4 + 2].clone(),
                short_window: texts[i * 4 + 3].clone(),
            })
            .chain(AlertRowInputs::workbook_defaults())
            .collect();
        let inputs = AlertsInputs {
            rows,
            sim_error_percent: texts[1].clone(),
            sim_duration: texts[2].clone(),
            ..AlertsInputs::default()
        };
        let slo = Slo {
            target: SloTarget::from_parts(target_parts).unwrap(),
            window: WindowDays::from_micro_days(window_micro_days).unwrap(),
        };
        let sheet = alerts::read(&inputs, Ok(slo));
        for alert in sheet.table.iter().flatten() {
            prop_assert!(alert.burn_rate_threshold.to_f64().is_finite());
            let _ = alerts::format_time(alert.exhaustion_ms);
            let _ = alerts::format_number(alert.error_ratio_threshold);
            for warning in &alert.warnings {
                let _ = warning.message(slo);
            }
        }
        if let Some(table) = &sheet.table {
            let _ = headroom::chart::alerts::detection_chart(table, sheet.sim_error_ratio.clone().ok());
        }
    }
}
