//! Share links: any fragment decodes to a scenario file or an error, never a panic, within
//! the codec's size bounds.
#![no_main]

use headroom::formats::share_link;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|fragment: &str| {
    if let Some(payload) = share_link::payload_in_fragment(fragment) {
        let _ = share_link::decode(&payload);
    }
    let _ = share_link::decode(fragment);
});
