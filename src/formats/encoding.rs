//! Text in UTF-16 or UTF-32, named. Headroom reads UTF-8; a file saved in a wide encoding (Excel's
//! "Unicode text", Windows PowerShell's `>`) is refused with its encoding named, so the importer
//! can ask for UTF-8 instead of calling the file binary. A byte order mark names it, and so does
//! a start that reads as mostly ASCII text in that encoding, without the mark.

/// How much of a file is read to tell a wide encoding without a byte order mark.
pub const WIDE_SNIFF_BYTES: usize = 512;

/// The encoding of `head`, a file's first bytes, when it is UTF-32 or UTF-16 text: it starts
/// with their byte order mark, or its first [`WIDE_SNIFF_BYTES`] read in that encoding (either
/// byte order) as mostly ASCII text (see [`reads_as_text`]). UTF-8 text, which has no zero
/// bytes, never does: ASCII in UTF-16 or UTF-32 is zero bytes beside each character.
pub fn wide_encoding(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\xff\xfe\0\0") || head.starts_with(b"\0\0\xfe\xff") {
        return Some("UTF-32");
    }
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return Some("UTF-16");
    }
    let head = &head[..head.len().min(WIDE_SNIFF_BYTES)];
    let utf32 = |unit: fn([u8; 4]) -> u32| {
        reads_as_text(
            head.chunks_exact(4)
                .map(|b| char::from_u32(unit([b[0], b[1], b[2], b[3]]))),
        )
    };
    let utf16 = |unit: fn([u8; 2]) -> u16| {
        let mut chars: Vec<Option<char>> =
            char::decode_utf16(head.chunks_exact(2).map(|b| unit([b[0], b[1]])))
                .map(Result::ok)
                .collect();
        // The part read may end between the two halves of a surrogate pair.
        if chars.last() == Some(&None) {
            chars.pop();
        }
        reads_as_text(chars.into_iter())
    };
    if utf32(u32::from_le_bytes) || utf32(u32::from_be_bytes) {
        Some("UTF-32")
    } else if utf16(u16::from_le_bytes) || utf16(u16::from_be_bytes) {
        Some("UTF-16")
    } else {
        None
    }
}

/// The text of a small file picked for an import, from its bytes: UTF-8 (a UTF-8 byte order
/// mark dropped; bytes that are not UTF-8, as in a Latin-1 export, read as U+FFFD), or UTF-16
/// with a byte order mark, which tells its byte order, decoded. `Err` says what else the file
/// is: UTF-16 without the mark, or UTF-32, named and to be saved as UTF-8; or not text at all
/// (control characters other than tab and line breaks, as binary files hold), with `expected`
/// naming what the import reads.
pub fn text_of(bytes: &[u8], expected: &str) -> Result<String, String> {
    // A half unit left at the end (an odd number of bytes) is a broken character, as an unpaired
    // surrogate is: U+FFFD, so it shows rather than vanishing.
    let utf16 = |unit: fn([u8; 2]) -> u16| -> String {
        let units = bytes[2..].chunks_exact(2);
        let broken_end = !units.remainder().is_empty();
        char::decode_utf16(units.map(|b| unit([b[0], b[1]])))
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .chain(broken_end.then_some(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    let text = if bytes.starts_with(b"\xff\xfe") && !bytes.starts_with(b"\xff\xfe\0\0") {
        utf16(u16::from_le_bytes)
    } else if bytes.starts_with(b"\xfe\xff") {
        utf16(u16::from_be_bytes)
    } else if let Some(encoding) = wide_encoding(bytes) {
        return Err(format!(
            "This file is {encoding} text, and Headroom reads UTF-8: save it as UTF-8 and \
             import it again"
        ));
    } else {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        String::from_utf8_lossy(bytes).into_owned()
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(format!("This is not a text file: expected {expected}"));
    }
    Ok(text)
}

/// Whether `chars` (`None` for a unit that is no character) read as text that is mostly ASCII,
/// as metric exports and YAML files are: at least two, every one a character, none a control
/// character but tab, line feed and carriage return (so no NUL, which binary data is full of),
/// and at least half of them ASCII.
fn reads_as_text(chars: impl Iterator<Item = Option<char>>) -> bool {
    let (mut count, mut ascii) = (0usize, 0usize);
    for c in chars {
        match c {
            Some(c) if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => return false,
            Some(c) => {
                count += 1;
                ascii += usize::from(c.is_ascii());
            }
            None => return false,
        }
    }
    count >= 2 && ascii * 2 >= count
}

/// `text` in UTF-16 (`width` 2, `little` or big endian) or UTF-32 (`width` 4), without a byte
/// order mark: test files for the importers.
#[cfg(test)]
pub(crate) fn wide(text: &str, width: usize, little: bool) -> Vec<u8> {
    match (width, little) {
        (2, true) => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        (2, false) => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        (4, true) => text
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect(),
        _ => text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 5] = [
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: checkout\n",
        "version: prometheus/v1\nservice: Zahlung – Kasse\n",
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  displayName: Время ответа\n",
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  displayName: 结账\n",
        "time,temp (°C)\n2014-02-14 14:27:00,1\n",
    ];

    #[test]
    fn wide_text_is_named_from_its_bytes_with_or_without_a_mark() {
        for text in TEXTS {
            for little in [true, false] {
                let utf16 = wide(text, 2, little);
                let mark: &[u8] = if little { b"\xff\xfe" } else { b"\xfe\xff" };
                assert_eq!(wide_encoding(&utf16), Some("UTF-16"), "{text:?} {little}");
                let marked = [mark, &utf16].concat();
                assert_eq!(wide_encoding(&marked), Some("UTF-16"), "{text:?} {little}");
                let utf32 = wide(text, 4, little);
                assert_eq!(wide_encoding(&utf32), Some("UTF-32"), "{text:?} {little}");
            }
            assert_eq!(wide_encoding(text.as_bytes()), None, "UTF-8: {text:?}");
        }
    }

    #[test]
    fn a_picked_file_is_read_as_utf8_or_marked_utf16_and_otherwise_named() {
        let wide_message = |encoding: &str| {
            Err(format!(
                "This file is {encoding} text, and Headroom reads UTF-8: save it as UTF-8 and \
                 import it again"
            ))
        };
        for text in TEXTS {
            assert_eq!(text_of(text.as_bytes(), "YAML"), Ok(text.to_string()));
            let bom = [b"\xef\xbb\xbf", text.as_bytes()].concat();
            assert_eq!(text_of(&bom, "YAML"), Ok(text.to_string()));
            for little in [true, false] {
                let utf16 = wide(text, 2, little);
                let mark: &[u8] = if little { b"\xff\xfe" } else { b"\xfe\xff" };
                assert_eq!(
                    text_of(&[mark, &utf16].concat(), "YAML"),
                    Ok(text.to_string())
                );
                assert_eq!(text_of(&utf16, "YAML"), wide_message("UTF-16"), "{text:?}");
                assert_eq!(
                    text_of(&wide(text, 4, little), "YAML"),
                    wide_message("UTF-32"),
                    "{text:?}"
                );
            }
        }
        // Text that is mostly not ASCII, without a mark (Korean, an emoji): named too.
        for text in ["name,per\n가용성 고,day\n", "service: 🚀 launch\n"] {
            assert_eq!(text_of(&wide(text, 2, true), "CSV"), wide_message("UTF-16"));
        }
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            text_of(png, "a CSV of tasks"),
            Err("This is not a text file: expected a CSV of tasks".to_string())
        );
        // Latin-1 bytes are text: they read as U+FFFD.
        assert_eq!(text_of(b"caf\xe9", "CSV"), Ok("caf\u{fffd}".to_string()));
        assert_eq!(text_of(b"", "CSV"), Ok(String::new()));
        // UTF-16 cut in the middle of a character: the broken end shows.
        assert_eq!(text_of(b"\xff\xfea\0b", "CSV"), Ok("a\u{fffd}".to_string()));
    }

    #[test]
    fn binary_and_utf8_are_not_wide_text() {
        let counters: Vec<u8> = (0u16..300).flat_map(u16::to_le_bytes).collect();
        let cases: [&[u8]; 7] = [
            b"",
            b"a\0",
            b"\0\0\0\0\0\0\0\0",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
            &counters,
            "plain UTF-8 with é, € and 結".as_bytes(),
            // A Latin-1 file: one byte per character, no zeros.
            b"time,temp\xe9rature\n2014-02-14 14:27:00,1\n",
        ];
        for bytes in cases {
            assert_eq!(wide_encoding(bytes), None, "{bytes:?}");
        }
    }
}
