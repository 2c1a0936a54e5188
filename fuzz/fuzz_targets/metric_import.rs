//! The Capacity tab's metric import (CSV, TSV, Prometheus JSON) and its series text: any bytes
//! give a series or a message, never a panic, and reading in slices gives what reading at once
//! gives.
#![no_main]

use headroom::formats::metrics::{self, Importer};
use headroom::formats::series_codec::{self, SeriesText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let whole = metrics::read_all(bytes);
    // The part the page reads to find the columns (64 KB, more while the first lines need it).
    if let Ok(format) = metrics::sniff_whole(bytes) {
        let mut importer = Importer::new(format);
        let size = 1 + bytes.first().map_or(0, |b| usize::from(*b % 13));
        for chunk in bytes.chunks(size) {
            importer.feed(chunk);
        }
        assert_eq!(importer.finish(), whole, "slices of {size}");
    }
    if let Ok(parsed) = whole {
        for i in 0..parsed.candidates.len() {
            if let Ok(imported) = parsed.take(i, "fuzz") {
                let text = series_codec::to_text(&imported.series);
                assert_eq!(
                    series_codec::from_text(&text).as_ref(),
                    Ok(&imported.series)
                );
            }
        }
    }
    let _ = series_codec::from_text(&SeriesText {
        id: String::new(),
        name: String::new(),
        clock: "utc".into(),
        start_ms: 0,
        points: String::from_utf8_lossy(bytes).into_owned(),
    });
});
