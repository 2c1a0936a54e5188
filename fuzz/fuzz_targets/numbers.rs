//! Typed numbers: SLO targets, windows, decimals and counts parse or give a message; whatever
//! parses formats back without a panic.
#![no_main]

use headroom::calc::decimal::{format_count, format_scaled, parse_count, parse_scaled};
use headroom::calc::duration::format_duration;
use headroom::calc::slo::{allowed_downtime_ms, SloTarget, WindowDays};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for places in [0, 2, 6, 8] {
        if let Ok(value) = parse_scaled(text, places) {
            let _ = format_scaled(value, places);
        }
    }
    if let Ok(count) = parse_count(text) {
        let _ = format_count(count);
    }
    let target = SloTarget::parse(text);
    let window = WindowDays::parse(text);
    if let (Ok(target), Ok(window)) = (target, window) {
        let _ = format_duration(allowed_downtime_ms(target, window));
    }
});
