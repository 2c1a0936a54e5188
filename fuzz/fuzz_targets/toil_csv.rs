//! The Toil tab's CSV import: any bytes give rows or a list of row errors, never a panic; what
//! it accepts exports and re-imports to the same rows.
#![no_main]

use headroom::formats::toil_csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(tasks) = toil_csv::import(text) {
        let again = toil_csv::import(&toil_csv::export(&tasks)).expect("an export re-imports");
        assert_eq!(again, tasks);
    }
});
