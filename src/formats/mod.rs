//! File and text formats: imports and exports (CSV, Prometheus JSON and rules, scenario files,
//! share links). Plain Rust, no web dependencies; every decoder returns typed errors that say
//! where the input is wrong, and never panics on any input.

pub mod encoding;
pub mod metrics;
pub mod openslo;
pub mod postmortem;
pub mod prometheus_rules;
pub mod scenario;
pub mod series_codec;
pub mod share_link;
pub mod summary;
pub mod toil_csv;
pub mod yaml_tree;

// A message's first letter lowered, as the calculators' words need it too.
pub use crate::calc::lower_first;

/// The delimiter that a CSV file's first line `sep=;` names (spreadsheets write such a line
/// when the list separator is not a comma; a tab is named `sep=\t` or by a tab itself), or
/// `None` when the line is not one. `first_line` is without its line break.
pub fn named_delimiter(first_line: &str) -> Option<u8> {
    let named = first_line.trim_matches(' ').strip_prefix("sep=")?;
    match named.as_bytes() {
        [b'\\', b't'] => Some(b'\t'),
        // Not a letter or digit (it would cut numbers and names apart), nor the quote.
        [byte] if !byte.is_ascii_alphanumeric() && *byte != b'"' => Some(*byte),
        _ => None,
    }
}

/// The Unicode controls of text direction: the embeddings and overrides U+202A to U+202E, the
/// isolates U+2066 to U+2069, the left-to-right and right-to-left marks U+200E and U+200F and
/// the Arabic letter mark U+061C. Invisible, they reorder the text that follows them as shown
/// ("Trojan Source"), to the end of its line or paragraph when not closed.
pub const BIDI_CONTROLS: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// `text` with each of the [`BIDI_CONTROLS`] written as a visible `<U+202E>`, for text
/// exports a person reads (the Markdown summaries and postmortem draft): the text then shows in
/// the order it was typed, and that something was hidden in it.
pub fn show_bidi_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(BIDI_CONTROLS) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if BIDI_CONTROLS.contains(&c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `“name”`, with the name's [`BIDI_CONTROLS`] shown as `<U+202E>` ([`show_bidi_controls`]),
/// for a name the page puts inside one of its own sentences: a control in a name from a file
/// or link cannot reverse the rest of the sentence.
pub fn quoted(name: &str) -> String {
    format!("“{}”", show_bidi_controls(name))
}

/// FNV-1a, 64 bits: a fixed hash of bytes, the same in every build and window (a row's id made
/// from its content; a saved value named by the value it was based on).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// serde's message about a value of the wrong kind in plain words: "invalid type: floating
/// point `99.9`, expected a string" -> "is the number 99.9, but must be text in double
/// quotes" (a number as typed, [`number_as_typed`]: `1e300`, not `1e+300`); "missing field
/// `id`" -> "has no "id", which it must have"; "duplicate field `id`" -> "has "id" twice".
/// Other messages are kept as they are.
pub fn in_plain_words(message: &str) -> String {
    let field = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('`'))
    };
    if let Some(field) = field("missing field `") {
        return format!("has no \"{field}\", which it must have");
    }
    if let Some(field) = field("duplicate field `") {
        return format!("has \"{field}\" twice");
    }
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return message.to_string();
    };
    let between = |text: &str, mark: char| {
        text.split_once(mark)
            .and_then(|(_, rest)| rest.rsplit_once(mark))
            .map(|(inside, _)| inside.to_string())
    };
    let found = if let Some(rest) = found
        .strip_prefix("floating point ")
        .or_else(|| found.strip_prefix("integer "))
    {
        format!(
            "the number {}",
            number_as_typed(&between(rest, '`').unwrap_or_else(|| rest.to_string()))
        )
    } else if let Some(rest) = found.strip_prefix("string ") {
        format!("the text {rest}")
    } else if let Some(rest) = found.strip_prefix("boolean ") {
        between(rest, '`').unwrap_or_else(|| rest.to_string())
    } else {
        match found {
            "map" => "an object".to_string(),
            "sequence" => "a list".to_string(),
            "unit value" | "null" => "null".to_string(),
            other => other.to_string(),
        }
    };
    // A usize is as wide as the build's pointers: 32 bits in the page, 64 natively.
    let usize_range = format!("a whole number from 0 to {}", usize::MAX);
    let isize_range = format!("a whole number from {} to {}", isize::MIN, isize::MAX);
    let expected = match expected {
        "a string" => "text in double quotes",
        // The largest one is said, so that a huge number is not told it is not a whole number.
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" => "a whole number from 0 to 18446744073709551615",
        "usize" => &usize_range,
        "i8" => "a whole number from -128 to 127",
        "i16" => "a whole number from -32768 to 32767",
        "i32" => "a whole number from -2147483648 to 2147483647",
        "i64" => "a whole number from -9223372036854775808 to 9223372036854775807",
        "isize" => &isize_range,
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a sequence" => "a list",
        other if other.starts_with("struct ") || other == "a map" => "an object",
        other => other,
    };
    format!("is {found}, but must be {expected}")
}

/// A number from a file as serde_json writes it in a message, in JavaScript's notation
/// (`1e+300`), as a person who typed it would recognise it: the exponent without its `+`
/// (`1e300`, `1.5e-7`); a number without one is kept as it is. serde_json's digits are already
/// the shortest that read back as the same number, so there is no float noise to remove. Done on
/// the text, not by reading the number again: storage's messages use this, and a float parser
/// would add about 14 KB gzip to the page's first load.
pub fn number_as_typed(text: &str) -> String {
    text.replace("e+", "e").replace("E+", "e")
}

/// The JSON number that ends at byte `end` of `text`, as typed, if one does: a message can
/// quote it from there, where serde_json quotes the number it read (a whole number past 2^64 is
/// read as a float: `123456789012345678901234` as `1.2345678901234568e23`).
pub fn number_ending_at(text: &str, end: usize) -> Option<&str> {
    let in_number = |c: char| matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E');
    let (before, after) = (text.get(..end)?, text.get(end..)?);
    if after.starts_with(in_number) {
        return None;
    }
    let start = before.rfind(|c| !in_number(c)).map_or(0, |at| at + 1);
    let number = &before[start..];
    number
        .starts_with(|c: char| c == '-' || c.is_ascii_digit())
        .then_some(number)
}

/// `message` (from [`in_plain_words`] or [`value_in_words`]) with the number it quotes, `the
/// number …`, replaced by `typed`, the number as the text had it ([`number_as_typed`]).
pub fn with_number_as_typed(message: &str, typed: &str) -> String {
    const MARK: &str = "the number ";
    let Some(at) = message.find(MARK).map(|at| at + MARK.len()) else {
        return message.to_string();
    };
    let rest = &message[at..];
    let end = rest.find([',', ' ']).unwrap_or(rest.len());
    format!(
        "{}{}{}",
        &message[..at],
        number_as_typed(typed),
        &rest[end..]
    )
}

/// A JSON value from a file in words, for a message that says what was found: `the number
/// 1e300`, `the text "1"` (cut short after 40 characters), `true`, `null`, `a list`, `an
/// object`.
pub fn value_in_words(value: &serde_json::Value) -> String {
    use serde_json::Value;
    const SHOWN_CHARS: usize = 40;
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(value) => value.to_string(),
        Value::Number(number) => format!("the number {}", number_as_typed(&number.to_string())),
        Value::String(text) => {
            let shown: String = text.chars().take(SHOWN_CHARS).collect();
            let cut = if text.chars().nth(SHOWN_CHARS).is_some() {
                "…"
            } else {
                ""
            };
            format!("the text \"{shown}{cut}\"")
        }
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        fnv1a, in_plain_words, lower_first, named_delimiter, quoted, show_bidi_controls,
        value_in_words,
    };

    #[test]
    fn a_key_missing_or_repeated_is_said_in_words() {
        let cases = [
            ("missing field `id`", "has no \"id\", which it must have"),
            (
                "duplicate field `target_percent`",
                "has \"target_percent\" twice",
            ),
            ("unknown variant `x`", "unknown variant `x`"),
        ];
        for (message, expected) in cases {
            assert_eq!(in_plain_words(message), expected, "{message}");
        }
    }

    #[test]
    fn a_number_from_a_file_is_written_as_typed_not_in_javascript_notation() {
        // (serde_json's message, what the person reads). serde_json writes a float as
        // JavaScript does (1e+300); Rust's plain scientific form has no '+', as one types it.
        let cases = [
            ("floating point `1e+300`", "is the number 1e300"),
            ("floating point `1e+30`", "is the number 1e30"),
            ("floating point `-1e+300`", "is the number -1e300"),
            ("floating point `1.5e-7`", "is the number 1.5e-7"),
            ("floating point `1e+16`", "is the number 1e16"),
            (
                "floating point `1.2345678901234568e+20`",
                "is the number 1.2345678901234568e20",
            ),
            (
                "floating point `1.7976931348623157e+308`",
                "is the number 1.7976931348623157e308",
            ),
            ("floating point `5e-324`", "is the number 5e-324"),
            // Without an exponent: the shortest digits that read back, no float noise.
            ("floating point `99.9`", "is the number 99.9"),
            ("floating point `0.000025`", "is the number 0.000025"),
            ("floating point `5.0`", "is the number 5.0"),
            ("floating point `-0.0`", "is the number -0.0"),
            ("integer `-5`", "is the number -5"),
        ];
        for (found, expected) in cases {
            let message = format!("invalid type: {found}, expected a string");
            assert_eq!(
                in_plain_words(&message),
                format!("{expected}, but must be text in double quotes"),
                "{found}"
            );
        }
    }

    #[test]
    fn a_usize_is_told_the_range_of_the_build_it_runs_in_natively_too() {
        // In the page (wasm32) a usize stops at 4294967295; 4294967296 was told it must be
        // "from 0 to 18446744073709551615", which it is.
        let message = "invalid value: integer `4294967296`, expected usize";
        assert_eq!(
            in_plain_words(message),
            format!(
                "is the number 4294967296, but must be a whole number from 0 to {}",
                usize::MAX
            )
        );
        assert!(
            in_plain_words("invalid type: string \"1\", expected isize").ends_with(&format!(
                "from {} to {}",
                isize::MIN,
                isize::MAX
            ))
        );
    }

    #[test]
    fn a_json_value_is_said_in_words() {
        let cases = [
            ("1e300", "the number 1e300"),
            ("-1e30", "the number -1e30"),
            ("1.5", "the number 1.5"),
            ("4294967296", "the number 4294967296"),
            ("-1", "the number -1"),
            ("\"1\"", "the text \"1\""),
            ("true", "true"),
            ("null", "null"),
            ("[1, 2]", "a list"),
            ("{\"a\": 1}", "an object"),
        ];
        for (json, expected) in cases {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(value_in_words(&value), expected, "{json}");
        }
        // A long text is cut short.
        let long = serde_json::Value::String("x".repeat(100));
        assert_eq!(
            value_in_words(&long),
            format!("the text \"{}…\"", "x".repeat(40))
        );
    }

    #[test]
    fn quoted_names_cannot_reorder_the_sentence_around_them() {
        assert_eq!(quoted("Q3 plan"), "“Q3 plan”");
        assert_eq!(quoted("a\u{202E}b\u{2066}"), "“a<U+202E>b<U+2066>”");
        assert_eq!(
            format!("Opened {}.", quoted("\u{202E}x")),
            "Opened “<U+202E>x”."
        );
    }

    #[test]
    fn bidirectional_controls_are_shown_not_obeyed() {
        // Each of the twelve, and the text around them kept as it is.
        let every = "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\
                     \u{200E}\u{200F}\u{061C}";
        assert_eq!(
            show_bidi_controls(every),
            "<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069>\
             <U+200E><U+200F><U+061C>"
        );
        // "Trojan Source": the override would show "access granted" for the reversed text.
        assert_eq!(
            show_bidi_controls("if admin \u{202E}detnarg ssecca\u{202C} ok"),
            "if admin <U+202E>detnarg ssecca<U+202C> ok"
        );
        // Right-to-left text itself and other invisible marks are not controls of direction.
        for kept in [
            "שלום עולם",
            "مرحبا",
            "a\u{200B}b",
            "zero\u{200D}width",
            "plain",
        ] {
            assert_eq!(show_bidi_controls(kept), kept);
        }
    }

    #[test]
    fn fnv1a_gives_the_published_values() {
        // The FNV reference test vectors (IETF draft-eastlake-fnv, FNV-1a 64).
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_sep_line_names_one_delimiter() {
        let cases: &[(&str, Option<u8>)] = &[
            ("sep=;", Some(b';')),
            ("sep=,", Some(b',')),
            ("sep=|", Some(b'|')),
            ("sep=\\t", Some(b'\t')),
            ("sep=\t", Some(b'\t')),
            (" sep=; ", Some(b';')),
            ("sep=", None),
            ("sep=;;", None),
            ("name;per", None),
            ("Sep=;", None),
            ("sep=0", None),
            ("sep=a", None),
            ("sep=\"", None),
        ];
        for (line, delimiter) in cases {
            assert_eq!(named_delimiter(line), *delimiter, "{line:?}");
        }
    }

    #[test]
    fn only_the_first_letter_is_lowered() {
        assert_eq!(lower_first("The saved Budget tab"), "the saved Budget tab");
        assert_eq!(lower_first("É"), "É");
        assert_eq!(lower_first(""), "");
    }
}
