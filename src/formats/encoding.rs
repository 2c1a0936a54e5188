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

/// [`wide_encoding`] of a file the browser has already read as UTF-8 (`Blob.text()`), where
/// each byte that is not UTF-8 became U+FFFD. The bytes are taken back from the text: a U+FFFD
/// stands for one byte that is not zero (the usual case in UTF-16 and UTF-32; where it stood
/// for two or three, the reading may miss the encoding, never find one in UTF-8 text). The two
/// bytes of a UTF-16 byte order mark come back as U+FFFD too, so the mark alone does not tell.
pub fn wide_encoding_of_decoded(text: &str) -> Option<&'static str> {
    let mut head = Vec::with_capacity(WIDE_SNIFF_BYTES + 4);
    for c in text.chars() {
        if head.len() >= WIDE_SNIFF_BYTES {
            break;
        }
        if c == char::REPLACEMENT_CHARACTER {
            head.push(0xff);
        } else {
            head.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    wide_encoding(&head)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` in UTF-16 (`little` or big endian) or UTF-32, without a byte order mark.
    fn wide(text: &str, width: usize, little: bool) -> Vec<u8> {
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

    /// `bytes` read as the browser reads a file as UTF-8 (each byte that is not UTF-8 one
    /// U+FFFD, as `String::from_utf8_lossy` and the WHATWG decoder both do).
    fn decoded(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

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
    fn wide_text_is_named_after_the_browser_read_it_as_utf8() {
        for text in TEXTS {
            for little in [true, false] {
                let utf16 = wide(text, 2, little);
                let mark: &[u8] = if little { b"\xff\xfe" } else { b"\xfe\xff" };
                for bytes in [utf16.clone(), [mark, &utf16].concat()] {
                    assert_eq!(
                        wide_encoding_of_decoded(&decoded(&bytes)),
                        Some("UTF-16"),
                        "{text:?} {little}"
                    );
                }
                assert_eq!(
                    wide_encoding_of_decoded(&decoded(&wide(text, 4, little))),
                    Some("UTF-32"),
                    "{text:?} {little}"
                );
            }
            assert_eq!(wide_encoding_of_decoded(text), None, "UTF-8: {text:?}");
        }
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
            assert_eq!(wide_encoding_of_decoded(&decoded(bytes)), None, "{bytes:?}");
        }
    }
}
