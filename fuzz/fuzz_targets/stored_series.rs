//! Series kept in browser storage: any stored text reads back, in steps, to a series or a
//! message, never a panic; a series that reads back packs and reads back the same.
#![no_main]

use headroom::formats::series_codec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|packed: &str| {
    if let Ok(series) = series_codec::unpack(packed) {
        let again = series_codec::unpack(&series_codec::pack(&series));
        assert!(again.as_ref() == Ok(&series), "{again:?}");
    }
});
