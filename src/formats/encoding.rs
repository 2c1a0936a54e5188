//! Wide text: UTF-16 that starts with its byte order mark decoded, other UTF-16 and UTF-32
//! named. Headroom reads UTF-8, and UTF-16 with its mark (Excel's "Unicode text", Windows
//! PowerShell's `>`), which tells its byte order; UTF-16 without the mark and UTF-32 are refused
//! with their encoding named, so an importer can ask for UTF-8 instead of calling the file
//! binary. A byte order mark names the encoding, and so does a start that reads as mostly ASCII
//! text in it, without the mark.

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
/// is: UTF-16 without the mark, or UTF-32, named and to be saved as UTF-8; not text at all
/// (see [`check_text`]), with `expected` naming what the import reads; or text with a stray
/// control character, named with where it is.
pub fn text_of(bytes: &[u8], expected: &str) -> Result<String, String> {
    let (text, not_utf8) = if let Some(order) = utf16_mark(bytes) {
        (utf16_text(&bytes[UTF16_MARK_BYTES..], order, true), false)
    } else if let Some(encoding) = wide_encoding(bytes) {
        return Err(format!(
            "This file is {encoding} text, and Headroom reads UTF-8: save it as UTF-8 and \
             import it again"
        ));
    } else {
        let bytes = bytes.strip_prefix(UTF8_MARK).unwrap_or(bytes);
        let text = String::from_utf8_lossy(bytes);
        let not_utf8 = matches!(text, std::borrow::Cow::Owned(_));
        (text.into_owned(), not_utf8)
    };
    check_text(&text, not_utf8, expected)?;
    Ok(text)
}

/// Whether `text`, read from a file (`not_utf8`: some of its bytes were not UTF-8 and read as
/// U+FFFD), is text an import can read: no control characters other than tab and line breaks.
/// A file with a NUL, or with control characters among bytes that are not UTF-8, is not text
/// (binary files hold both), and the message names `expected`; one stray control character in
/// text (a bell, an escape) is named with its line and column (in characters, from 1).
pub fn check_text(text: &str, not_utf8: bool, expected: &str) -> Result<(), String> {
    let stray = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let Some(at) = text.find(stray) else {
        return Ok(());
    };
    if not_utf8 || text.contains('\0') {
        return Err(format!("This is not a text file: expected {expected}"));
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    let character = text[at..].chars().next().map_or(0, u32::from);
    Err(format!(
        "Line {line}, column {column} holds a control character (U+{character:04X}), which text \
         does not hold: delete it and import the file again"
    ))
}

/// The order of the bytes in each 16-bit unit of UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    LittleEndian,
    BigEndian,
}

/// How long UTF-16's byte order mark is.
pub const UTF16_MARK_BYTES: usize = 2;

/// The UTF-8 byte order mark, which some tools (Excel, PowerShell) write at the start of a file.
pub const UTF8_MARK: &[u8] = b"\xef\xbb\xbf";

/// `bytes` (UTF-16 after its byte order mark) decoded. `complete`: they are the whole file, so a
/// character cut at their end is U+FFFD; otherwise it is left out (the start of a longer file).
pub fn utf16_text(bytes: &[u8], order: ByteOrder, complete: bool) -> String {
    let mut text = String::with_capacity(bytes.len());
    let mut decoder = Utf16Decoder::new(order);
    decoder.decode(bytes, &mut text);
    if complete {
        decoder.finish(&mut text);
    }
    text
}

/// The byte order of `head`, a file's first bytes, when it is UTF-16 that starts with its byte
/// order mark (U+FEFF: `FF FE` little endian, `FE FF` big endian). `FF FE 00 00` is UTF-32's
/// little-endian mark, not UTF-16's (which would be followed by U+0000, a character no text
/// starts with), when `head` holds all four bytes: told from two bytes alone, it is UTF-16.
pub fn utf16_mark(head: &[u8]) -> Option<ByteOrder> {
    if head.starts_with(b"\xff\xfe") && !head.starts_with(b"\xff\xfe\0\0") {
        Some(ByteOrder::LittleEndian)
    } else if head.starts_with(b"\xfe\xff") {
        Some(ByteOrder::BigEndian)
    } else {
        None
    }
}

/// UTF-16 (after its byte order mark) decoded as it arrives, in slices cut anywhere: inside a
/// 16-bit unit, or between the two units of a surrogate pair. A unit that is no character (a
/// surrogate without its other half) becomes U+FFFD, and so does a byte left alone at the end
/// (an odd number of bytes), so a broken character shows rather than vanishing. Fed all at
/// once or in any slices, it gives the same text.
#[derive(Debug, Clone)]
pub struct Utf16Decoder {
    order: ByteOrder,
    /// The first byte of a unit whose second byte is in the next slice.
    odd_byte: Option<u8>,
    /// A high surrogate whose low half may start the next slice.
    high_surrogate: Option<u16>,
}

impl Utf16Decoder {
    pub fn new(order: ByteOrder) -> Utf16Decoder {
        Utf16Decoder {
            order,
            odd_byte: None,
            high_surrogate: None,
        }
    }

    /// Decodes the next slice of bytes, appending its whole characters to `text`; a unit or a
    /// surrogate pair cut at the slice's end waits for the next slice.
    pub fn decode(&mut self, mut bytes: &[u8], text: &mut String) {
        if let Some(first) = self.odd_byte.take() {
            let Some((&second, rest)) = bytes.split_first() else {
                self.odd_byte = Some(first);
                return;
            };
            self.unit([first, second], text);
            bytes = rest;
        }
        let units = bytes.chunks_exact(2);
        self.odd_byte = units.remainder().first().copied();
        for pair in units {
            self.unit([pair[0], pair[1]], text);
        }
    }

    /// Ends the text: a high surrogate still waiting for its low half, then a byte still
    /// waiting for its pair, each become U+FFFD.
    pub fn finish(self, text: &mut String) {
        if self.high_surrogate.is_some() {
            text.push(char::REPLACEMENT_CHARACTER);
        }
        if self.odd_byte.is_some() {
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }

    fn unit(&mut self, bytes: [u8; 2], text: &mut String) {
        let unit = match self.order {
            ByteOrder::LittleEndian => u16::from_le_bytes(bytes),
            ByteOrder::BigEndian => u16::from_be_bytes(bytes),
        };
        if let Some(high) = self.high_surrogate.take() {
            if let Some(Ok(c)) = char::decode_utf16([high, unit]).next() {
                // A high surrogate followed by a low one: the pair is one character.
                text.push(c);
                return;
            }
            // Not a low surrogate: the high one stands alone, and this unit is read anew.
            text.push(char::REPLACEMENT_CHARACTER);
        }
        if (0xd800..0xdc00).contains(&unit) {
            self.high_surrogate = Some(unit);
        } else {
            // A low surrogate alone is no character; any other unit is one.
            text.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
    }
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
    fn a_stray_control_character_is_named_where_it_is_and_a_binary_file_is_not_text() {
        let binary = Err("This is not a text file: expected a CSV of tasks".to_string());
        // (the file's bytes, what the import says)
        let cases: &[(&[u8], Result<&str, String>)] = &[
            (
                b"name,per,minutes_each\nDeploy\x07,day,5\n",
                Err(
                    "Line 2, column 7 holds a control character (U+0007), which text does not \
                     hold: delete it and import the file again"
                        .to_string(),
                ),
            ),
            (
                "name\r\nr\u{e9}sum\u{e9}\x1b[0m\r\n".as_bytes(),
                Err(
                    "Line 2, column 7 holds a control character (U+001B), which text does not \
                     hold: delete it and import the file again"
                        .to_string(),
                ),
            ),
            (
                b"\x7f",
                Err(
                    "Line 1, column 1 holds a control character (U+007F), which text does not \
                     hold: delete it and import the file again"
                        .to_string(),
                ),
            ),
            // Tabs and line breaks are text.
            (b"a\tb\r\nc\n", Ok("a\tb\r\nc\n")),
            // NUL bytes, and control characters among bytes that are not UTF-8, are binary.
            (b"name\nab\0c\n", binary.clone()),
            (b"\xff\xd8\xff\xe0\x10JFIF\x01\x02", binary.clone()),
            (b"\xff\xfea\0\0\0", binary.clone()),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                text_of(bytes, "a CSV of tasks"),
                expected.clone().map(str::to_string),
                "{bytes:x?}"
            );
        }
    }

    #[test]
    fn utf16_decodes_the_same_in_any_slices_with_broken_characters_as_u_fffd() {
        // Units with their expected text: whole characters, pairs, and surrogates alone (at the
        // end, before another high one, before a unit that is not a low one, a low one alone).
        let cases: [(&[u16], &str); 7] = [
            (&[], ""),
            (&[0x74, 0x20ac, 0x3a], "t€:"),
            (&[0xd83d, 0xde80, 0x2c, 0xd83d, 0xdd25], "🚀,🔥"),
            (&[0x61, 0xd83d], "a\u{fffd}"),
            (&[0xd83d, 0xd83d, 0xde80], "\u{fffd}🚀"),
            (&[0xd83d, 0x61, 0xde80, 0x62], "\u{fffd}a\u{fffd}b"),
            (&[0xdc00, 0xffff, 0xfeff], "\u{fffd}\u{ffff}\u{feff}"),
        ];
        for (units, expected) in cases {
            for order in [ByteOrder::LittleEndian, ByteOrder::BigEndian] {
                let bytes: Vec<u8> = units
                    .iter()
                    .flat_map(|u| match order {
                        ByteOrder::LittleEndian => u.to_le_bytes(),
                        ByteOrder::BigEndian => u.to_be_bytes(),
                    })
                    .collect();
                // The same units with one byte more: a broken character at the end.
                let odd = [&bytes[..], b"x"].concat();
                for (bytes, expected) in [
                    (bytes, expected.to_string()),
                    (odd, format!("{expected}\u{fffd}")),
                ] {
                    for size in [1, 2, 3, 7, bytes.len().max(1)] {
                        let mut decoder = Utf16Decoder::new(order);
                        let mut text = String::new();
                        for slice in bytes.chunks(size) {
                            decoder.decode(slice, &mut text);
                        }
                        decoder.finish(&mut text);
                        assert_eq!(text, expected, "{units:x?} {order:?} in slices of {size}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_utf16_mark_tells_the_byte_order_and_utf32_is_not_utf16() {
        let cases: [(&[u8], Option<ByteOrder>); 8] = [
            (b"\xff\xfet\0", Some(ByteOrder::LittleEndian)),
            (b"\xff\xfe", Some(ByteOrder::LittleEndian)),
            (b"\xfe\xff\0t", Some(ByteOrder::BigEndian)),
            (b"\xff\xfe\0\0t\0\0\0", None),
            (b"\0\0\xfe\xff\0\0\0t", None),
            (b"\xef\xbb\xbft", None),
            (b"\xff", None),
            (b"t\0", None),
        ];
        for (head, expected) in cases {
            assert_eq!(utf16_mark(head), expected, "{head:x?}");
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
        }
    }
}
