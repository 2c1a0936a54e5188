//! The Alerts tab's decoders: any bytes read as a picked OpenSLO or Sloth file, and their text
//! as a Prometheus duration and as the tab's fields, give a value or a message, never a panic;
//! an accepted duration writes back to itself.
#![no_main]

use headroom::calc::alerts::{self, Slo};
use headroom::calc::prom_duration::PromDuration;
use headroom::calc::slo::{SloTarget, WindowDays};
use headroom::formats::openslo;
use headroom::inputs::{AlertRowInputs, AlertsInputs};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = openslo::import_file(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = openslo::import(text);
    if let Ok(duration) = PromDuration::parse(text) {
        assert_eq!(PromDuration::parse(&duration.to_string()), Ok(duration));
    }

    let mut fields = text.split('\u{1f}').map(str::to_string);
    let mut next = || fields.next().unwrap_or_default();
    let inputs = AlertsInputs {
        use_budget_slo: false,
        target_percent: next(),
        window_days: next(),
        rows: vec![AlertRowInputs {
            id: Default::default(),
            severity: next(),
            budget_percent: next(),
            long_window: next(),
            short_window: next(),
        }],
        sim_error_percent: next(),
        sim_duration: next(),
        ..AlertsInputs::default()
    };
    let linked = Ok(Slo {
        target: SloTarget::parse("99.9").expect("a valid target"),
        window: WindowDays::parse("30").expect("a valid window"),
    });
    let sheet = alerts::read(&inputs, linked.map(Into::into));
    if let (Some(slo), Some(table)) = (sheet.slo, &sheet.table) {
        for alert in table {
            let _ = alerts::format_time(alert.exhaustion_ms);
            for warning in &alert.warnings {
                let _ = warning.message(slo);
            }
        }
    }
});
