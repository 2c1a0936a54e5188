//! Tests of the metric importers: every format, every message, and slicing anywhere.

use super::*;
use crate::calc::capacity::series::Clock;
use crate::formats::encoding::wide;

fn import(text: &str) -> Result<Imported, ImportError> {
    read_all(text.as_bytes())?.take(0, "test")
}

fn values(imported: &Imported) -> Vec<f64> {
    imported.series.samples().iter().map(|s| s.value).collect()
}

/// Feeds `text` in slices of `size` bytes (cutting rows and characters anywhere).
fn import_sliced(text: &[u8], size: usize) -> Result<Parsed, ImportError> {
    let mut importer = Importer::new(sniff_whole(text)?);
    for chunk in text.chunks(size.max(1)) {
        importer.feed(chunk);
    }
    importer.finish()
}

const NAB_HEAD: &str = "timestamp,value\n2014-02-14 14:27:00,51.846000000000004\n\
2014-02-14 14:32:00,44.508\n2014-02-14 14:37:00,41.244\n";

const PROMETHEUS: &str = r#"{"status":"success","data":{"resultType":"matrix","result":[
 {"metric":{"__name__":"up","instance":"a:9100","job":"node"},
  "values":[[1435781430.781,"1"],[1435781445.781,"NaN"],[1435781460.781,"0.5"],[1435781475.781,"+Inf"]]},
 {"values":[[1435781430,"7"],[1435781445,"8"]],"metric":{"__name__":"up","instance":"b:9100","job":"node"}}
]}}"#;

#[test]
fn reads_a_nab_csv() {
    let imported = import(NAB_HEAD).unwrap();
    assert_eq!(values(&imported), vec![51.846000000000004, 44.508, 41.244]);
    assert_eq!(imported.series.clock(), Clock::WallClock);
    assert_eq!(imported.series.first_ms(), 1_392_388_020_000);
    assert_eq!(imported.rows, 3);
    assert_eq!(imported.problems.count, 0);
}

#[test]
fn reads_tsv_semicolons_and_grafana_layouts() {
    let cases: &[(&str, &[f64], Clock)] = &[
        ("2014-02-14 14:27:00\t1\n2014-02-14 14:32:00\t2\n", &[1.0, 2.0], Clock::WallClock),
        ("\"Time\";\"Value\"\n2019-04-08T10:00:00+02:00;12,5\n2019-04-08T10:05:00+02:00;13\n", &[12.5, 13.0], Clock::Utc),
        // Grafana 7+ "series joined by time": the first value column is taken.
        ("\"Time\",\"A-series\",\"B-series\"\n2023-03-15 10:00:00,1,2\n2023-03-15 10:01:00,3,4\n", &[1.0, 3.0], Clock::WallClock),
        // Grafana with unformatted times (epoch milliseconds).
        ("Time,cpu\n1678874400000,0.25\n1678874460000,0.5\n", &[0.25, 0.5], Clock::Utc),
        ("time,value\n1392388020,1\n1392388320,2\n", &[1.0, 2.0], Clock::Utc),
        ("\u{feff}time,value\r\n2014-02-14T14:27:00Z,1\r\n2014-02-14T14:32:00Z,2", &[1.0, 2.0], Clock::Utc),
    ];
    for (text, expected, clock) in cases {
        let imported = import(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(values(&imported), *expected, "{text:?}");
        assert_eq!(imported.series.clock(), *clock, "{text:?}");
    }
}

#[test]
fn grafana_series_as_rows_split_into_series() {
    let text = "\"Series\";\"Time\";\"Value\"\n\"cpu\";\"2019-04-08T10:00:00+02:00\";12\n\
                \"mem\";\"2019-04-08T10:00:00+02:00\";40\n\"cpu\";\"2019-04-08T10:05:00+02:00\";13\n";
    let parsed = read_all(text.as_bytes()).unwrap();
    let labels: Vec<&str> = parsed.candidates.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["cpu (Value)", "mem (Value)"]);
    assert_eq!(values(&parsed.take(0, "x").unwrap()), vec![12.0, 13.0]);
}

#[test]
fn the_person_can_pick_other_columns() {
    let text = "time,a,b\n2023-03-15 10:00:00,1,2\n2023-03-15 10:01:00,3,4\n";
    let Ok(Format::Csv(mut layout)) = sniff(text.as_bytes(), true) else {
        panic!()
    };
    layout.value_column = 2;
    let mut importer = Importer::new(Format::Csv(layout));
    importer.feed(text.as_bytes());
    let parsed = importer.finish().unwrap();
    assert_eq!(parsed.candidates[0].label, "b");
    assert_eq!(values(&parsed.take(0, "x").unwrap()), vec![2.0, 4.0]);
}

#[test]
fn reads_prometheus_matrices_and_skips_non_finite_values() {
    let parsed = read_all(PROMETHEUS.as_bytes()).unwrap();
    let labels: Vec<&str> = parsed.candidates.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "up{instance=\"a:9100\", job=\"node\"}",
            "up{instance=\"b:9100\", job=\"node\"}"
        ]
    );
    let first = parsed.take(0, "up").unwrap();
    assert_eq!(values(&first), vec![1.0, 0.5]);
    assert_eq!(first.non_finite, 2);
    assert_eq!(first.series.clock(), Clock::Utc);
    assert_eq!(first.series.first_ms(), 1_435_781_430_781);
    assert_eq!(values(&parsed.take(1, "up").unwrap()), vec![7.0, 8.0]);
    assert_eq!(parsed.take(2, "x").unwrap_err(), ImportError::NoSuchSeries);

    // The bare data object works too.
    let bare = r#"{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,"2"]]}]}"#;
    let parsed = read_all(bare.as_bytes()).unwrap();
    assert_eq!(parsed.candidates[0].label, "{}");
}

#[test]
fn slicing_anywhere_gives_the_same_result() {
    let csv = std::fs::read("tests/data/nab/ec2_cpu_utilization_5f5533.csv").unwrap();
    let whole = read_all(&csv).unwrap();
    assert_eq!(whole.candidates[0].samples.len(), 4032);
    for size in [1, 7, 4096] {
        assert_eq!(
            import_sliced(&csv, size).unwrap(),
            whole,
            "slices of {size}"
        );
    }
    let json = PROMETHEUS.as_bytes();
    let whole = read_all(json).unwrap();
    for size in 1..20 {
        assert_eq!(
            import_sliced(json, size).unwrap(),
            whole,
            "slices of {size}"
        );
    }
}

#[test]
fn unreadable_rows_are_counted_with_row_numbers() {
    let text = "timestamp,value\n2014-02-14 14:27:00,1\nnot a time,2\n2014-02-14 14:37:00,\n\
                2014-02-14 14:42:00,ten\n2014-02-14 14:47:00\n2014-02-14 14:52:00,NaN\n\
                2014-02-14T14:57:00Z,3\n2014-02-14 15:02:00,4\n";
    let imported = import(text).unwrap();
    assert_eq!(values(&imported), vec![1.0, 4.0]);
    assert_eq!(imported.non_finite, 1);
    assert_eq!(imported.problems.count, 5);
    let listed: Vec<String> = imported
        .problems
        .listed
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        listed,
        vec![
            "row 3: “not a time” is not a timestamp (use ISO 8601, YYYY-MM-DD HH:MM:SS, or Unix \
             seconds or milliseconds)",
            "row 4: no value",
            "row 5: “ten” is not a number",
            "row 6: has 1 field; the columns chosen need 2",
            "row 8: the timestamp has a UTC offset (or is a Unix time), but the first rows have none",
        ]
    );
}

#[test]
fn prometheus_sample_problems_say_where() {
    let text = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"x"},"values":[[1,"1"],["soon","2"],[3],[4,"five"],[5,"5"]]}]}}"#;
    let imported = import(text).unwrap();
    assert_eq!(values(&imported), vec![1.0, 5.0]);
    let listed: Vec<String> = imported
        .problems
        .listed
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        listed,
        vec![
            "series 1, sample 2: “soon” is not a Unix time in seconds",
            "series 1, sample 3: a sample must be [time, \"value\"]",
            "series 1, sample 4: “five” is not a number",
        ]
    );
}

#[test]
fn unsorted_rows_are_sorted_and_duplicates_reported() {
    let text = "time,value\n2014-02-14 14:37:00,3\n2014-02-14 14:27:00,1\n2014-02-14 14:37:00,4\n";
    let imported = import(text).unwrap();
    assert_eq!(values(&imported), vec![1.0, 3.0, 4.0]);
    assert!(imported.order.was_unsorted);
    assert_eq!(imported.order.duplicate_times, 1);
    assert_eq!(imported.order.first_duplicate_ms, Some(1_392_388_620_000));
}

#[test]
fn every_file_level_error_has_its_message() {
    let cases: &[(&str, &str)] = &[
        ("", "The file is empty"),
        ("\n \n", "The file is empty"),
        ("a\0b", "not a text file"),
        ("one\n1\n", "Only one column"),
        ("name,value\nweb,1\n", "No column holds timestamps"),
        // Dates whose offset is cut: said of the offset, not only of the column.
        (
            "time,value\n2026-01-01T00:00:00+05:3,1\n2026-01-01T01:00:00+05:3,2\n",
            "row 2, the first after the header, reads “2026-01-01T00:00:00+05:3”, “1”. “2026-01-01T00:00:00+05:3” looks like a timestamp but cannot be read: the UTC offset “+05:3” is not written as ±HH:MM, ±HHMM or ±HH (two digits each)",
        ),
        (
            "time,value\n2026-02-30 10:00,1\n",
            "“2026-02-30 10:00” looks like a timestamp but cannot be read: no such date",
        ),
        ("time,host\n2014-02-14 14:27:00,a\n", "No column besides the timestamp holds numbers"),
        ("time,value\n2014-02-14 14:27:00,NaN\n2014-02-14 14:32:00,+Inf\n", "No usable rows: none of the 2 rows could be read (every row: the value is NaN or infinite)"),
        ("time,value\n2014-02-14 14:27:00,1\n", ""),
        ("{\"status\":\"success\"", "Not valid JSON (line 1): the text ends before the JSON is complete"),
        ("{\"a\" 1}", "Not valid JSON (line 1): expected “:” after a name"),
        ("{\"a\":1,}", "expected a name in double quotes"),
        ("[1 2]", "expected “,” or “]”"),
        ("{\"a\":tru}", "expected true, false or null"),
        ("{\"a\":\"x\\q\"}", "unknown escape"),
        ("{\"a\":1}{", "more data after the end"),
        ("{\"a\":@}", "unexpected character “@”"),
        (r#"{"status":"error","errorType":"bad_data","error":"parse error at char 4"}"#, "an error, not data: bad_data: parse error at char 4"),
        (r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}"#, "a “vector” result; export a range query"),
        (r#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#, "holds no series"),
        (r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[]}]}}"#, "series hold no samples (every “values” list is empty)"),
        (r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[[1,{"count":"2","sum":"3","buckets":[[0,"0","1","2"]]}]]}]}}"#, "holds only native histogram samples, which Headroom does not read"),
        (r#"{"hello":"world"}"#, "not a Prometheus API answer"),
        (r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["x","1"]]}]}}"#, "No usable rows: the only row could not be read (series 1, sample 1: “x” is not a Unix time in seconds)"),
    ];
    for (text, expected) in cases {
        match import(text) {
            Ok(_) if expected.is_empty() => {}
            Ok(_) => panic!("{text:?} should fail with {expected}"),
            Err(error) => assert!(error.to_string().contains(expected), "{text:?}: {error}"),
        }
    }
    assert_eq!(
        import("time,value\n2014-02-14 14:27:00,1\n")
            .unwrap()
            .series
            .len(),
        1
    );
}

#[test]
fn nested_and_escaped_json_is_read() {
    let text = "{\"data\":{\"result\":[{\"metric\":{\"__name__\":\"caf\\u00e9\",\"k\":\"\\ud83d\\ude80\"},\
                \"values\":[[1,\"1\"],[2,\"2\"]]}],\"resultType\":\"matrix\"},\"status\":\"success\",\
                \"warnings\":[[[[{}]]]]}";
    let parsed = read_all(text.as_bytes()).unwrap();
    assert_eq!(parsed.candidates[0].label, "café{k=\"🚀\"}");
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(import(&deep)
        .unwrap_err()
        .to_string()
        .contains("nested too deeply"));
}

/// `text` in UTF-16 with its byte order mark, little or big endian.
fn utf16_marked(text: &str, little: bool) -> Vec<u8> {
    let mark: &[u8] = if little { b"\xff\xfe" } else { b"\xfe\xff" };
    [mark, &wide(text, 2, little)].concat()
}

#[test]
fn utf16_with_its_byte_order_mark_imports_as_utf8_does_however_the_file_is_sliced() {
    // Headers and labels with € (one unit) and emoji (a surrogate pair), so that slices of 1, 2,
    // 3 and 7 bytes cut inside a unit and between the halves of a pair; a file longer than
    // what `sniff` reads, as the page sniffs it; CSV with a UTF-8 byte order mark of its own.
    let nab = std::fs::read_to_string("tests/data/nab/ec2_cpu_utilization_5f5533.csv").unwrap();
    let prometheus = PROMETHEUS.replace("\"job\":\"node\"", "\"job\":\"nœud 🚀\",\"€\":\"🔥\"");
    let texts = [
        "time,cost (€) 🔥\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2.5\n",
        "\u{feff}Time;Wert 🌡️\r\n2019-04-08T10:00:00+02:00;12,5\r\n2019-04-08T10:05:00+02:00;13",
        &prometheus,
        &nab,
    ];
    assert!(wide(&nab, 2, true).len() > SNIFF_BYTES);
    for text in texts {
        let expected = read_all(text.as_bytes()).unwrap_or_else(|e| panic!("{text:.40?}: {e}"));
        for little in [true, false] {
            let bytes = utf16_marked(text, little);
            assert_eq!(read_all(&bytes).as_ref(), Ok(&expected), "{text:.40?}");
            for size in [1, 2, 3, 7] {
                assert_eq!(
                    import_sliced(&bytes, size).as_ref(),
                    Ok(&expected),
                    "{text:.40?}, little endian: {little}, slices of {size}"
                );
            }
        }
    }
    let parsed = read_all(&utf16_marked(texts[0], false)).unwrap();
    assert_eq!(parsed.candidates[0].label, "cost (€) 🔥");
    assert_eq!(values(&parsed.take(0, "x").unwrap()), vec![1.0, 2.5]);
}

#[test]
fn utf16_broken_at_the_end_or_by_a_lone_surrogate_reads_u_fffd_where_it_broke() {
    // An odd number of bytes: the last byte is half a character, which shows as U+FFFD in the
    // last value (not a number, listed) or after the JSON (an error that names it).
    let csv = "time,value\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n2014-02-14 14:37:00,3";
    let json = r#"{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}]}"#;
    for little in [true, false] {
        let odd = [utf16_marked(csv, little), vec![b'x']].concat();
        let expected = read_all(format!("{csv}\u{fffd}").as_bytes());
        for size in [1, 2, 3, 7, odd.len()] {
            let parsed = import_sliced(&odd, size);
            assert_eq!(parsed, expected, "slices of {size}");
        }
        let parsed = expected.unwrap();
        assert_eq!(parsed.rows, 3);
        assert_eq!(
            parsed.problems.listed[0].to_string(),
            "row 4: “3\u{fffd}” is not a number"
        );
        let odd = [utf16_marked(json, little), vec![b'x']].concat();
        for size in [1, 3, odd.len()] {
            assert_eq!(
                import_sliced(&odd, size)
                    .map(|_| ())
                    .unwrap_err()
                    .to_string(),
                "Not valid JSON (line 1): unexpected character “\u{fffd}” (U+FFFD)",
                "slices of {size}"
            );
        }
    }
    // A high surrogate without its low half, in the header: U+FFFD in the column's name.
    let units: Vec<u16> = "time,value"
        .encode_utf16()
        .chain([0xd83d])
        .chain("\n2014-02-14 14:27:00,1\n".encode_utf16())
        .collect();
    let bytes: Vec<u8> = [0xfeff]
        .iter()
        .chain(&units)
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let expected = read_all("time,value\u{fffd}\n2014-02-14 14:27:00,1\n".as_bytes()).unwrap();
    assert_eq!(expected.candidates[0].label, "value\u{fffd}");
    for size in [1, 2, 3, 7, bytes.len()] {
        assert_eq!(
            import_sliced(&bytes, size).as_ref(),
            Ok(&expected),
            "slices of {size}"
        );
    }
}

#[test]
fn utf16_without_a_mark_and_utf32_are_named_and_latin1_is_read() {
    // "time,value\n..." in UTF-16LE and UTF-16BE without a byte order mark, and in UTF-32.
    let text = "time,value\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n";
    for little in [true, false] {
        let error = read_all(&wide(text, 2, little))
            .map(|_| ())
            .expect_err("UTF-16 without a mark is refused");
        assert_eq!(error, ImportError::WideText("UTF-16"));
        assert!(error.to_string().contains("save it as UTF-8"));
    }
    let utf32: Vec<u8> = [0xff, 0xfe, 0, 0]
        .into_iter()
        .chain(text.chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    assert_eq!(
        read_all(&utf32).map(|_| ()),
        Err(ImportError::WideText("UTF-32"))
    );
    let utf32_no_mark: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    assert_eq!(
        read_all(&utf32_no_mark).map(|_| ()),
        Err(ImportError::WideText("UTF-32"))
    );
    // A Latin-1 export: the header's "é" is one byte that is not UTF-8. The numbers are read and
    // the name keeps a replacement character where the byte was.
    let latin1 = b"time,temp\xe9rature\n2014-02-14 14:27:00,1.5\n2014-02-14 14:32:00,2.5\n";
    let parsed = read_all(latin1).expect("Latin-1 text is read");
    assert_eq!(parsed.candidates[0].label, "temp\u{fffd}rature");
    let imported = parsed.take(0, "latin1.csv").expect("one series");
    assert_eq!(values(&imported), vec![1.5, 2.5]);
}

#[test]
fn a_utf16_mark_followed_by_a_utf8_mark_is_named_not_read_as_one_column() {
    let text = "time,value\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n";
    for mark in [[0xff, 0xfe], [0xfe, 0xff]] {
        let bytes: Vec<u8> = mark
            .iter()
            .chain(BOM)
            .chain(text.as_bytes())
            .copied()
            .collect();
        for complete in [true, false] {
            let error = sniff(&bytes, complete).expect_err("two marks are refused");
            assert_eq!(error, ImportError::MixedMarks);
            assert!(error.to_string().contains("save it as UTF-8"), "{error}");
        }
    }
    // A UTF-16 file whose first character happens to be U+FEFF twice is still read.
    let doubled: Vec<u8> = [0xff, 0xfe, 0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(sniff(&doubled, true).is_ok());
}

#[test]
fn utf16_without_a_byte_order_mark_is_named_even_with_characters_beyond_latin1() {
    // Headers with characters whose UTF-16 units have no zero byte (Cyrillic, CJK, €, a
    // surrogate pair) were refused as "not a text file": only all-ASCII starts were named. With
    // the mark, the same files are read.
    let texts = [
        "Время,Значение\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n",
        "时间,值\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n",
        "time,cost (€)\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n",
        "time,load 🔥\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n",
        // A short file, and one whose first line is long and not ASCII at all.
        "t,v\n1,2\n",
        &format!(
            "{}\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,2\n",
            "Ж".repeat(40)
        ),
    ];
    for text in texts {
        for little in [true, false] {
            assert_eq!(
                read_all(&wide(text, 2, little)).map(|_| ()),
                Err(ImportError::WideText("UTF-16")),
                "{text:?}, little endian: {little}"
            );
            assert_eq!(
                read_all(&utf16_marked(text, little)),
                read_all(text.as_bytes()),
                "{text:?}, little endian: {little}"
            );
            assert_eq!(
                read_all(&wide(text, 4, little)).map(|_| ()),
                Err(ImportError::WideText("UTF-32")),
                "{text:?}, little endian: {little}"
            );
        }
    }
    // A long UTF-16 file is named from its first part, as the page sniffs it; with its mark, its
    // layout is found there.
    let long = "time,Значение\n".to_string() + &"2014-02-14 14:27:00,1\n".repeat(5_000);
    let utf16 = wide(&long, 2, true);
    assert_eq!(
        sniff(&utf16[..SNIFF_BYTES], false),
        Err(ImportError::WideText("UTF-16"))
    );
    assert_eq!(
        sniff(&utf16_marked(&long, true)[..SNIFF_BYTES], false),
        sniff(long.as_bytes(), true)
    );
}

#[test]
fn binary_files_are_still_not_text() {
    // A fixed pseudo-random stream (a linear congruential generator), with and without zeros.
    let mut state: u32 = 12_345;
    let random: Vec<u8> = (0..2_048)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect();
    let sparse: Vec<u8> = random.iter().map(|&b| if b < 96 { 0 } else { b }).collect();
    // Little-endian 16-bit and 32-bit counters: zero high bytes, but control characters.
    let counters16: Vec<u8> = (0u16..512).flat_map(u16::to_le_bytes).collect();
    let counters32: Vec<u8> = (0u32..512).flat_map(u32::to_le_bytes).collect();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    let gzip = b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0";
    let zeros = [0u8; 64];
    // UTF-8 text with zero bytes in it, and UTF-16 with a NUL character in its first part.
    let nul_in_text = b"time,value\n2014-02-14 14:27:00,1\0\0\n2014-02-14 14:32:00,2\n";
    let nul_in_utf16 = wide("time,value\n\0\0\n2014-02-14 14:27:00,1\n", 2, true);
    let nul_in_marked_utf16 = utf16_marked("time,value\n\0\0\n2014-02-14 14:27:00,1\n", false);
    let cases: [(&str, &[u8]); 10] = [
        ("random", &random),
        ("random with zeros", &sparse),
        ("16-bit counters", &counters16),
        ("32-bit counters", &counters32),
        ("PNG", png),
        ("gzip", gzip),
        ("zeros", &zeros),
        ("NUL in UTF-8", nul_in_text),
        ("NUL in UTF-16", &nul_in_utf16),
        ("NUL in UTF-16 with its mark", &nul_in_marked_utf16),
    ];
    for (name, bytes) in cases {
        let error = read_all(bytes).map(|_| ()).expect_err(name);
        assert_eq!(error, ImportError::Binary, "{name}");
        assert!(error.to_string().starts_with("This is not a text file"));
    }
}

#[test]
fn a_byte_order_mark_is_skipped_in_json_and_csv_however_the_file_is_sliced() {
    let json = [b"\xef\xbb\xbf".as_slice(), PROMETHEUS.as_bytes()].concat();
    let csv = [b"\xef\xbb\xbf".as_slice(), NAB_HEAD.as_bytes()].concat();
    for (with_bom, without) in [(&json, PROMETHEUS), (&csv, NAB_HEAD)] {
        let expected = read_all(without.as_bytes()).unwrap();
        assert_eq!(read_all(with_bom).unwrap(), expected);
        for size in 1..5 {
            assert_eq!(
                import_sliced(with_bom, size).unwrap(),
                expected,
                "slices of {size}"
            );
        }
    }
}

#[test]
fn an_unexpected_character_is_named_readably() {
    let cases: &[(&[u8], &str)] = &[
        (b"{\"a\":@}", "unexpected character “@”"),
        ("{\"a\":é}".as_bytes(), "unexpected character “é” (U+00E9)"),
        (
            "{\"a\":\u{feff}1}".as_bytes(),
            "unexpected character U+FEFF",
        ),
        (b"{\"a\":\x01}", "unexpected character U+0001"),
        (
            b"{\"a\":\xe9}",
            "unexpected byte 0xE9, which is not UTF-8 text",
        ),
    ];
    for (text, expected) in cases {
        for size in [1, 2, text.len()] {
            let error = import_sliced(text, size).map(|_| ()).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("Not valid JSON (line 1): {expected}"),
                "{text:?} in slices of {size}"
            );
        }
    }
}

#[test]
fn native_histogram_samples_are_counted_as_unreadable() {
    let text = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"x"},"values":[[1,"1"],[2,"2"]],
         "histograms":[[3,{"count":"2","sum":"3","buckets":[[0,"0","1","2"]]}]]}]}}"#;
    let imported = import(text).unwrap();
    assert_eq!(values(&imported), vec![1.0, 2.0]);
    assert_eq!(imported.rows, 3);
    assert_eq!(imported.problems.count, 1);
    assert_eq!(
        imported.problems.listed[0].to_string(),
        "series 1, histogram sample 1: a native histogram, which Headroom does not read"
    );
}

#[test]
fn a_sample_that_is_not_an_array_is_counted_and_listed() {
    let text = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{},"values":[[1,"1"],"x",[3,"3"],{"t":4},5,null,[7,"7"]]}]}}"#;
    let imported = import(text).unwrap();
    assert_eq!(values(&imported), vec![1.0, 3.0, 7.0]);
    assert_eq!(imported.rows, 7);
    assert_eq!(imported.problems.count, 4);
    let at: Vec<&str> = imported
        .problems
        .listed
        .iter()
        .map(|p| p.at.as_str())
        .collect();
    assert_eq!(
        at,
        vec![
            "series 1, sample 2",
            "series 1, sample 4",
            "series 1, sample 5",
            "series 1, sample 6"
        ]
    );
    let json = text.as_bytes();
    for size in [1, 3, 10] {
        assert_eq!(
            import_sliced(json, size),
            read_all(json),
            "slices of {size}"
        );
    }
}

#[test]
fn values_too_large_to_fit_are_listed_not_imported() {
    let text = "time,value\n2024-01-01 00:00:00,1e308\n2024-01-01 01:00:00,5\n\
                2024-01-01 02:00:00,-1.5e308\n2024-01-01 03:00:00,1e100\n";
    let imported = import(text).unwrap();
    assert_eq!(values(&imported), vec![5.0, 1e100]);
    assert_eq!(imported.problems.count, 2);
    assert_eq!(
        imported.problems.listed[0].to_string(),
        "row 2: “1e308” is too large: Headroom reads values between −1e100 and 1e100: scale the \
         series down (for example gigabytes instead of bytes)"
    );
    let all_huge = "time,value\n2024-01-01 00:00:00,1e308\n2024-01-01 01:00:00,1.5e308\n";
    let error = import(all_huge).unwrap_err().to_string();
    assert!(
        error.starts_with(
            "No usable rows: none of the 2 rows could be read (row 2: “1e308” is too large"
        ),
        "{error}"
    );
    let json =
        r#"{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1e300"],[2,"2e302"]]}]}"#;
    let error = import(json).unwrap_err().to_string();
    assert!(error.contains("sample 1: “1e300” is too large"), "{error}");
}

#[test]
fn a_time_column_of_small_unix_seconds_is_read_from_1970() {
    // `time,value` with times 0 to 3 was refused with "No column holds timestamps", though the
    // header names the column and Unix time 0 is 1970-01-01 00:00:00 UTC.
    let cases: &[(&str, &[f64], i64, i64)] = &[
        (
            "time,value\n0,1\n1,2\n2,3\n3,4\n",
            &[1.0, 2.0, 3.0, 4.0],
            0,
            3_000,
        ),
        (
            "Timestamp;Value\n10.5;1\n12;2\n",
            &[1.0, 2.0],
            10_500,
            12_000,
        ),
        (
            "value,ts\n7,99999999\n8,100000000\n",
            &[7.0, 8.0],
            99_999_999_000,
            100_000_000_000,
        ),
    ];
    for (text, expected, first_ms, last_ms) in cases {
        let imported = import(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(values(&imported), *expected, "{text:?}");
        assert_eq!(imported.series.clock(), Clock::Utc, "{text:?}");
        assert_eq!(
            (imported.series.first_ms(), imported.series.last_ms()),
            (*first_ms, *last_ms),
            "{text:?}"
        );
    }
}

#[test]
fn small_numbers_in_a_column_not_named_as_time_are_refused_saying_why() {
    // The refusal read "No column holds timestamps (…); row 2 reads “0”, “1”" without saying
    // why 0 is not one.
    let why = "“0” would be Unix time 1970-01-01 00:00 UTC: numbers below 100,000,000 (before \
               1973-03-03) are read as times only in a column whose header names it as one \
               (time, timestamp, date, datetime, ds, ts or _time)";
    let cases = ["0,1\n1,2\n2,3\n3,4\n", "when,value\n0,1\n1,2\n2,3\n"];
    for text in cases {
        let message = import(text).map(|_| ()).unwrap_err().to_string();
        assert!(
            message.starts_with("No column holds timestamps"),
            "{text:?}: {message}"
        );
        assert!(message.ends_with(why), "{text:?}: {message}");
    }
    // A date written without dashes in a column named as one is not read as a Unix time in
    // 1970 (20240101 seconds is 1970-08-23): the refusal says how to write it.
    let message = import("date,value\n20240101,1\n20240102,2\n")
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.ends_with(
            ". “20240101” looks like a timestamp but cannot be read: a date written without \
             dashes (YYYYMMDD) is not read; write it as 2024-01-01"
        ),
        "{message}"
    );
    // Without a small number to explain, nothing is added.
    let message = import("name,value\na,1\nb,2\n")
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(!message.contains("Unix time"), "{message}");
}

#[test]
fn a_series_of_small_unix_times_is_reported_as_read_from_1970() {
    let parsed = read_all(b"time,value\n0,1\n1,2\n2,3\n3,4\n").unwrap();
    let imported = parsed.take(0, "toy").unwrap();
    let lines = report::report(&imported, "toy.csv", &parsed.format).lines;
    assert_eq!(
        lines[0],
        "Imported 4 samples of “toy” from toy.csv (CSV, comma separated, with a header row), \
         1970-01-01 00:00 UTC to 1970-01-01 00:00:03 UTC."
    );
    assert!(
        lines.contains(
            &"Every time is before 1973-03-03 09:46:40 UTC, where Unix times reach 100,000,000 \
              seconds: a number in the time column is read as seconds since 1970-01-01 00:00 \
              UTC. If yours count from another start (rows, minutes), import real times for \
              dates that mean something."
                .to_string()
        ),
        "{lines:#?}"
    );
    // Times of this century say nothing of it.
    let parsed = read_all(b"time,value\n1392388020,1\n1392388320,2\n").unwrap();
    let imported = parsed.take(0, "cpu").unwrap();
    let lines = report::report(&imported, "cpu.csv", &parsed.format).lines;
    assert!(!lines.concat().contains("1973"), "{lines:#?}");
}

/// A CSV of `rows` rows five minutes apart, its header `time,{name}` and its second row's value
/// `{first}`.
fn csv_with(name: &str, first: &str, rows: usize) -> String {
    let mut text = format!("time,{name}\n2014-02-14 00:00:00,{first}\n");
    for i in 1..rows {
        text.push_str(&format!(
            "2014-02-14 {:02}:{:02}:00,{i}\n",
            i / 12,
            i % 12 * 5
        ));
    }
    text
}

/// Regression: a header holding a 66,000-character column name, or a second row holding a
/// 66,000-digit value, said "no column holds timestamps": only the first 64 KB were read to
/// find the columns, and no whole line after the header was in them. At 33,000 the same files
/// imported.
#[test]
fn first_lines_longer_than_the_first_part_read_import_as_shorter_ones_do() {
    // Up to nearly all of what is read to find the columns, in UTF-16 too (2 bytes a character).
    for length in [33_000, 66_000, 200_000, 500_000] {
        let name = "n".repeat(length);
        let digits = "9".repeat(length);
        // (the file, the column's name, the rows skipped as too large)
        let cases = [
            (csv_with(&name, "0", 100), name.as_str(), 0),
            (csv_with("value", &digits, 100), "value", 1),
        ];
        for (text, label, skipped) in cases {
            let utf16 = utf16_marked(&text, true);
            let files: [(&str, &[u8]); 2] = [("UTF-8", text.as_bytes()), ("UTF-16", &utf16)];
            for (encoding, bytes) in files {
                let what = format!("{length} characters in {encoding}, {skipped} skipped");
                for parsed in [read_all(bytes), import_sliced(bytes, 4096)] {
                    let parsed = parsed.unwrap_or_else(|e| panic!("{what}: {e}"));
                    assert_eq!(parsed.candidates[0].label, label, "{what}");
                    assert_eq!(parsed.rows, 100, "{what}");
                    assert_eq!(parsed.problems.count, skipped, "{what}");
                    let imported = parsed.take(0, "x").unwrap();
                    assert_eq!(imported.series.len(), 100 - skipped as usize, "{what}");
                    if let Some(problem) = parsed.problems.listed.first() {
                        assert_eq!(problem.at, "row 2", "{what}");
                        assert!(problem.reason.contains("is too large"), "{what}");
                    }
                }
            }
        }
    }
}

/// A line too long to find the columns in is named, where "no column holds timestamps" (or
/// "the file is empty", for blank lines before it) was said.
#[test]
fn a_line_longer_than_what_is_read_to_find_the_columns_is_named() {
    let long = "9".repeat(1_100_000);
    // (the file, what is said)
    let cases = [
        (
            format!("time,{long}\n2014-02-14 00:00:00,1\n"),
            "Line 1 does not end within the first 1 MB",
        ),
        (
            csv_with("value", &long, 10),
            "Line 2 does not end within the first 1 MB",
        ),
        (
            format!("sep=;\ntime;value\n2014-02-14 00:00:00;{long}\n"),
            "Line 3 does not end within the first 1 MB",
        ),
        (
            format!("\n\n{long},2014-02-14 00:00:00\n"),
            "Line 3 does not end within the first 1 MB",
        ),
        (long.clone(), "Line 1 does not end within the first 1 MB"),
        // Nothing but line breaks in what is read: not an empty file.
        (
            "\n".repeat(MAX_SNIFF_BYTES) + "time,value\n2014-02-14 00:00:00,1\n",
            "Line 1048577 does not end within the first 1 MB",
        ),
    ];
    for (text, expected) in cases {
        let what = &text[..20];
        for parsed in [
            read_all(text.as_bytes()),
            import_sliced(text.as_bytes(), 65_536),
        ] {
            let message = parsed.expect_err(what).to_string();
            assert!(message.starts_with(expected), "{what:?}: {message}");
            assert!(
                message.contains("to find the columns"),
                "{what:?}: {message}"
            );
        }
    }
    // Read whole, such a header is a header: it is only too long to look for the columns in.
    let header_only = format!("time,{long}\n");
    let whole = sniff(header_only.as_bytes(), true).unwrap_err().to_string();
    assert!(whole.starts_with("No column holds timestamps"), "{whole}");
}

/// What is read to find the columns stays within [`MAX_SNIFF_BYTES`], however long the file's
/// first line, and grows past [`SNIFF_BYTES`] only for a CSV whose first lines need it.
#[test]
fn the_part_read_to_find_the_columns_is_bounded() {
    // The file's first `n` bytes, of a file of `total`: (its first bytes, how many it has).
    type File = (Box<dyn Fn(usize) -> Vec<u8>>, usize);
    let repeated = |line: &'static str| -> Box<dyn Fn(usize) -> Vec<u8>> {
        Box::new(move |n| line.bytes().cycle().take(n).collect())
    };
    let short_lines = "2014-02-14 00:00:00,1\n";
    let ten_kb_lines: &'static str = "9".repeat(10 * 1024 - 1).leak();
    let ten_kb_lines: &'static str = format!("{ten_kb_lines}\n").leak();
    // (what the file is, the file, the bytes read in the end, reads after the first)
    let cases: Vec<(&str, File, usize, usize)> = vec![
        (
            "a 100 MB line",
            (repeated("9"), 100_000_000),
            MAX_SNIFF_BYTES,
            4,
        ),
        (
            "100 MB of JSON",
            (repeated("{\"a\":1}"), 100_000_000),
            SNIFF_BYTES,
            0,
        ),
        (
            "short lines",
            (repeated(short_lines), 10_000_000),
            SNIFF_BYTES,
            0,
        ),
        (
            "30 lines of 10 KB",
            (repeated(ten_kb_lines), 30 * 10 * 1024),
            30 * 10 * 1024,
            3,
        ),
        ("a short file", (repeated(ten_kb_lines), 20_000), 20_000, 0),
        (
            "blank lines first",
            (repeated("\n"), 2 * SNIFF_BYTES),
            2 * SNIFF_BYTES,
            1,
        ),
        ("binary", (repeated("\0\u{1}"), 10_000_000), SNIFF_BYTES, 0),
    ];
    for (what, (file, total), expected, expected_reads) in cases {
        let mut read = total.min(SNIFF_BYTES);
        let mut reads = 0;
        loop {
            let wanted = sniff_window(&file(read), total);
            assert!(wanted >= read, "{what}");
            if wanted == read {
                break;
            }
            (read, reads) = (wanted, reads + 1);
        }
        assert_eq!((read, reads), (expected, expected_reads), "{what}");
    }
}

#[test]
fn what_is_read_is_said_in_whole_units() {
    // (bytes read, as said)
    let cases = [
        (MAX_SNIFF_BYTES, "1 MB"),
        (3 * 1024 * 1024, "3 MB"),
        (SNIFF_BYTES, "64 KB"),
        (1_536 * 1024, "1,536 KB"),
        (1_000, "1,000 bytes"),
        (1, "1 byte"),
        (0, "0 bytes"),
    ];
    for (bytes, said) in cases {
        assert_eq!(size_in_words(bytes), said, "{bytes}");
    }
}
