//! Imported scenario files: any text is a file or a list of problems, never a panic; a file
//! that is accepted round-trips through its own JSON.
#![no_main]

use headroom::formats::scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(file) = scenario::parse(text) {
        let again = scenario::parse(&file.to_json()).expect("an accepted file re-reads");
        assert_eq!(again, file);
    }
});
