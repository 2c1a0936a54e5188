//! Strict parsing of decimal numbers typed by a person into exact scaled integers.
//!
//! Calculators keep user numbers exact (`99.461` stays 99461/1000, never a rounded float),
//! so every text field goes through here once and downstream code works with integers.

use std::fmt;

/// Why a piece of text is not an acceptable decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecimalError {
    /// Nothing but white space.
    Empty,
    /// Not a plain decimal such as `99.95` (letters, exponents, two points, ...).
    NotANumber,
    /// More digits after the point than the field keeps.
    TooManyDecimals { max_places: u32 },
    /// A minus sign in front of a number other than zero.
    Negative,
    /// Too large to be meant seriously (and to keep the integer maths exact).
    TooLarge,
    /// Scientific notation such as `1e-3` or `2.5E6`: a number, but not written out.
    Exponent,
    /// A comma where a point (or nothing) is meant, with what to type ([`comma_message`]):
    /// every field that reads decimals says the same of it.
    Comma(String),
}

/// What every field says of scientific notation.
pub const EXPONENT_MESSAGE: &str =
    "Exponents such as 1e-3 are not read: write the number out in digits, such as 0.001";

/// Whether `text` is a number in scientific notation: digits with at most one point, then `e` or
/// `E`, an optional sign and digits (`1e-9`, `+2.5E6`, `.5e1`).
fn is_exponent_form(text: &str) -> bool {
    let text = text.trim();
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && !exponent.is_empty()
        && digits(exponent)
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecimalError::Empty => write!(f, "enter a number"),
            DecimalError::NotANumber => write!(f, "not a number: use digits and a decimal point"),
            DecimalError::TooManyDecimals { max_places } => {
                write!(f, "use at most {max_places} decimal places")
            }
            DecimalError::Negative => write!(f, "must not be negative"),
            DecimalError::TooLarge => write!(f, "too large"),
            DecimalError::Exponent => f.write_str(EXPONENT_MESSAGE),
            DecimalError::Comma(message) => f.write_str(message),
        }
    }
}

/// Parses `text` as a non-negative decimal with at most `places` digits after the point and
/// returns it multiplied by 10^`places`, exactly.
///
/// Accepted: optional surrounding white space, an optional leading `+`, digits with at most one
/// `.` (`.5` and `5.` are fine). Rejected: exponents, thousands separators, signs elsewhere,
/// `NaN`, `inf`, and a leading `-` (reported as [`DecimalError::Negative`] unless the value is
/// zero, so `-0` parses as 0).
pub fn parse_scaled(text: &str, places: u32) -> Result<u64, DecimalError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DecimalError::Empty);
    }

    let (negative, unsigned) = match trimmed.as_bytes()[0] {
        b'-' => (true, &trimmed[1..]),
        b'+' => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (unsigned, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(if is_exponent_form(trimmed) {
            DecimalError::Exponent
        } else if let Some(message) = comma_message(trimmed, places) {
            DecimalError::Comma(message)
        } else {
            DecimalError::NotANumber
        });
    }

    // Trailing zeros after the point carry no value: "99.9000000" is 99.9.
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > places as usize {
        return Err(DecimalError::TooManyDecimals { max_places: places });
    }

    let whole = whole.trim_start_matches('0');
    // 18 digits fit comfortably in a u64 once scaled; no field needs more.
    if whole.len() + places as usize > 18 {
        return Err(DecimalError::TooLarge);
    }
    let mut scaled: u64 = 0;
    for b in whole.bytes() {
        scaled = scaled * 10 + u64::from(b - b'0');
    }
    for i in 0..places as usize {
        let digit = fraction
            .as_bytes()
            .get(i)
            .map_or(0, |b| u64::from(b - b'0'));
        scaled = scaled * 10 + digit;
    }

    if negative && scaled != 0 {
        return Err(DecimalError::Negative);
    }
    Ok(scaled)
}

/// What a field that takes a decimal point (up to `places` decimals) says of a comma in `text`,
/// where reading it as a point, or leaving out thousands separators, makes a number it keeps:
/// `99,95` is `Use a point for decimals: 99.95`. Three digits after a single comma (`1,000`) may
/// be a decimal or a thousand, so both are said; commas every three digits (`1,000,000`) are
/// thousands separators. `None` for any other text, which its own message describes.
/// [`parse_scaled`] refuses such text with it ([`DecimalError::Comma`]).
pub fn comma_message(text: &str, places: u32) -> Option<String> {
    comma_message_reading(text, |candidate| parse_scaled(candidate, places).is_ok())
}

/// [`comma_message`] for a field with a number rule of its own: `reads` says whether the field
/// takes a text (one without commas).
pub fn comma_message_reading(text: &str, reads: impl Fn(&str) -> bool) -> Option<String> {
    let text = text.trim();
    if !text.contains(',') {
        return None;
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    let (number, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let groups: Vec<&str> = number.split(',').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let grouped = groups[0].len() <= 3
        && digits(groups[0])
        && groups[1..].iter().all(|g| g.len() == 3 && digits(g));
    let without_commas = text.replace(',', "");
    if groups.len() == 2 && !unsigned.contains('.') {
        if !digits(groups[1]) {
            return None;
        }
        let with_point = text.replace(',', ".");
        if !reads(&with_point) {
            return None;
        }
        if grouped {
            return Some(format!(
                "A comma is not read here: write {with_point} for a decimal, or \
                 {without_commas} for a thousand"
            ));
        }
        return Some(format!("Use a point for decimals: {with_point}"));
    }
    (grouped && (groups.len() > 2 || !fraction.is_empty()) && reads(&without_commas))
        .then(|| format!("Thousands separators are not read here: write {without_commas}"))
}

/// What a whole-number field (people, days) says of a comma in `text`, where `reads` says whether
/// the field takes a text without commas: digits grouped in threes that it takes once the
/// commas go (`1,000`) are thousands separators; one comma between digits otherwise (`2,5`) is a
/// decimal comma, and the field takes no decimals, so no point is suggested. `None` for any
/// other text, which the field's own message describes.
pub fn whole_comma_message(text: &str, reads: impl Fn(&str) -> bool) -> Option<String> {
    let text = text.trim();
    let groups: Vec<&str> = text.split(',').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if groups.len() < 2 || !groups.iter().all(|g| digits(g)) {
        return None;
    }
    let grouped = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    let without_commas = text.replace(',', "");
    if grouped {
        return reads(&without_commas)
            .then(|| format!("Thousands separators are not read here: write {without_commas}"));
    }
    (groups.len() == 2).then(|| format!("Enter a whole number: {text} has decimals"))
}

/// Parses a whole count such as an event total. Digits may be grouped in threes with `,`, `_`
/// or a space (`1,000,000`; also the no-break and thin spaces other locales write, as in
/// `1 000 000` copied from a report), one kind throughout; any other grouping (`1,5`,
/// `1,00,000`, `5,`, `1 234,567`) is rejected, so a decimal comma is never read as a larger
/// whole number. A decimal point is rejected, since half an event does not exist.
pub fn parse_count(text: &str) -> Result<u64, DecimalError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DecimalError::Empty);
    }
    if trimmed.starts_with('-')
        && trimmed[1..]
            .bytes()
            .any(|b| b.is_ascii_digit() && b != b'0')
    {
        return Err(DecimalError::Negative);
    }
    if is_exponent_form(trimmed) {
        return Err(DecimalError::Exponent);
    }
    // `-0` is zero, as it is in a decimal field; any other negative was refused above.
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let mut count: u64 = 0;
    let mut n_digits = 0;
    // Digits in the group being read, and the separator seen, if any: one kind throughout, so
    // `1 234,567` (a French decimal comma) is never read as a whole number.
    let mut in_group = 0;
    let mut separator: Option<char> = None;
    for c in digits.chars() {
        match c {
            '0'..='9' => {
                count = count
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(c as u8 - b'0')))
                    .ok_or(DecimalError::TooLarge)?;
                n_digits += 1;
                in_group += 1;
            }
            ',' | '_' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => {
                let group_ok = match separator {
                    Some(seen) => seen == c && in_group == 3,
                    None => (1..=3).contains(&in_group),
                };
                if !group_ok {
                    return Err(DecimalError::NotANumber);
                }
                separator = Some(c);
                in_group = 0;
            }
            _ => return Err(DecimalError::NotANumber),
        }
    }
    if n_digits == 0 || (separator.is_some() && in_group != 3) {
        return Err(DecimalError::NotANumber);
    }
    Ok(count)
}

/// Writes `scaled / 10^places` as a decimal without trailing zeros: (999, 1) -> "99.9".
pub fn format_scaled(scaled: u64, places: u32) -> String {
    let divisor = 10u64.pow(places);
    let whole = scaled / divisor;
    let fraction = scaled % divisor;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = places as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// Writes a whole count with thin grouping commas: 1000000 -> "1,000,000".
pub fn format_count(count: u64) -> String {
    grouped(&count.to_string())
}

/// `text` with the whole part of its first number grouped by thousands with commas, as
/// [`format_count`] writes counts: `≈51667.5` → `≈51,667.5`, `1000` → `1,000`; a number of up
/// to three digits before any point, a fraction's digits, or text without a number, is left as
/// it is. For figures written for people only: rules and files keep plain numbers.
pub fn grouped(text: &str) -> String {
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return text.to_string();
    };
    let digits = text[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len() - start, |len| len);
    if digits <= 3 || text[..start].ends_with('.') {
        return text.to_string();
    }
    let whole = &text[start..start + digits];
    let mut out = String::with_capacity(text.len() + digits / 3);
    out.push_str(&text[..start]);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (digits - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(&text[start + digits..]);
    out
}

/// A count and its noun, grouped and in the right number: "1 sample", "1,000 samples".
pub fn counted(count: u64, one: &str, many: &str) -> String {
    let noun = if count == 1 { one } else { many };
    format!("{} {noun}", format_count(count))
}

/// The note beside an Undo button: what it takes back, and how many `earlier` changes (named
/// by `one`/`many`) can be taken back after it, newest first: "Removed “Deploy”. ",
/// "Removed alert 2 (1 earlier change can be undone after it). ".
pub fn undo_note(what: &str, earlier: u64, one: &str, many: &str) -> String {
    match earlier {
        0 => format!("{what}. "),
        n => format!(
            "{what} ({} can be undone after it). ",
            counted(n, one, many)
        ),
    }
}

/// A number of days already written as text ("1", "28", "30.5", "3650") and the word "day" or
/// "days", grouped: "3,650 days".
pub fn days_phrase(days: &str) -> String {
    if days == "1" {
        "1 day".to_string()
    } else {
        format!("{} days", grouped(days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a decimal comma was named with what to type only on the Budget tab; the
    /// Alerts tab's budget share and simulated error ratio and the Incidents tab's share
    /// affected said "Not a number", Toil and Capacity "use digits and a decimal point".
    #[test]
    fn every_decimal_field_hints_a_point_for_a_decimal_comma() {
        use crate::calc::capacity::sheet::{self, Field};
        use crate::calc::{alerts, incident, slo, toil};
        use crate::inputs::CapacityInputs;
        let capacity = |capacity: &str, headroom: &str| {
            let inputs = CapacityInputs {
                capacity: capacity.into(),
                headroom_percent: headroom.into(),
                ..CapacityInputs::default()
            };
            let read = sheet::read(&inputs);
            [Field::Capacity, Field::Headroom]
                .into_iter()
                .find_map(|field| read.error(field).map(str::to_string))
                .unwrap_or_default()
        };
        // (field, what it says of its text)
        let cases: [(&str, String, &str); 8] = [
            (
                "SLO target",
                slo::SloTarget::parse("99,9").unwrap_err().to_string(),
                "99.9",
            ),
            (
                "alert budget share",
                alerts::parse_percent("2,5", 4).unwrap_err().to_string(),
                "2.5",
            ),
            (
                "simulated error ratio, with a percent sign",
                alerts::parse_percent("2,5 %", 4).unwrap_err().to_string(),
                "2.5",
            ),
            (
                "share affected",
                incident::parse_affected("50,5").unwrap_err(),
                "50.5",
            ),
            (
                "engineers",
                toil::parse_engineers("2,5").unwrap_err().to_string(),
                "2.5",
            ),
            (
                "hours per week",
                toil::parse_hours_per_week("37,5").unwrap_err().to_string(),
                "37.5",
            ),
            ("capacity", capacity("80,5", "20"), "80.5"),
            ("capacity headroom", capacity("80", "12,5%"), "12.5"),
        ];
        for (field, message, with_point) in cases {
            assert_eq!(
                message,
                format!("Use a point for decimals: {with_point}"),
                "{field}"
            );
        }
    }

    /// Regression: an SLO target typed "99,95" was only called "Not a number".
    #[test]
    fn a_decimal_comma_is_named_with_what_to_type() {
        // (text, places kept, what the field says of its comma)
        let cases: &[(&str, u32, Option<&str>)] = &[
            ("99,95", 6, Some("Use a point for decimals: 99.95")),
            (" 99,9 ", 6, Some("Use a point for decimals: 99.9")),
            ("0,5", 6, Some("Use a point for decimals: 0.5")),
            (",5", 6, Some("Use a point for decimals: .5")),
            ("+1,25", 4, Some("Use a point for decimals: +1.25")),
            // Three digits after the comma may be thousands grouped: both readings are said.
            (
                "1,000",
                6,
                Some("A comma is not read here: write 1.000 for a decimal, or 1000 for a thousand"),
            ),
            (
                "99,950",
                6,
                Some(
                    "A comma is not read here: write 99.950 for a decimal, or 99950 for a thousand",
                ),
            ),
            (
                "1,000,000",
                6,
                Some("Thousands separators are not read here: write 1000000"),
            ),
            (
                "1,000.5",
                6,
                Some("Thousands separators are not read here: write 1000.5"),
            ),
            // Read with a point, still too fine for the field: said by its own message.
            ("99,9999999", 6, None),
            // Nothing that a point would make a number.
            ("99,95,1", 6, None),
            ("1,5.5", 6, None),
            ("abc,5", 6, None),
            ("5,", 6, None),
            (",", 6, None),
            ("-1,5", 6, None),
            ("99.95", 6, None),
            ("10,00,000", 6, None),
        ];
        for (text, places, expected) in cases {
            assert_eq!(
                comma_message(text, *places).as_deref(),
                *expected,
                "{text:?}"
            );
            // Every field reading decimals refuses it with that message.
            if let Some(message) = expected {
                assert_eq!(
                    parse_scaled(text, *places),
                    Err(DecimalError::Comma(message.to_string()))
                );
            }
        }
    }

    #[test]
    fn whole_number_fields_say_what_a_comma_means() {
        // A field of 1 to 1,000 whole units (Toil's people, for instance).
        let reads = |text: &str| {
            text.bytes().all(|b| b.is_ascii_digit())
                && text.parse::<u64>().is_ok_and(|n| (1..=1_000).contains(&n))
        };
        let cases: &[(&str, Option<&str>)] = &[
            // A decimal comma: the field takes no decimals at all, so no point is suggested.
            ("2,5", Some("Enter a whole number: 2,5 has decimals")),
            (" 12,75 ", Some("Enter a whole number: 12,75 has decimals")),
            // Three digits after the comma: a thousands separator in a whole-number field.
            (
                "1,000",
                Some("Thousands separators are not read here: write 1000"),
            ),
            // Grouped, but beyond the field: its own range message says so.
            ("1,000,000", None),
            ("5,", None),
            (",5", None),
            ("2,5,1", None),
            ("a,5", None),
            ("25", None),
            ("2.5", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                whole_comma_message(text, reads).as_deref(),
                *expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn scientific_notation_is_named_not_read() {
        for text in ["1e-9", "1E6", "+2.5e+3", ".5e1", " 3.e2 "] {
            assert_eq!(parse_scaled(text, 6), Err(DecimalError::Exponent), "{text}");
            assert_eq!(parse_count(text), Err(DecimalError::Exponent), "{text}");
        }
        for text in [
            "e5", "1e", "1e+", "1.2.3e4", "1ee4", "1e4.5", "inf", "NaN", "0x1e3",
        ] {
            assert_eq!(
                parse_scaled(text, 6),
                Err(DecimalError::NotANumber),
                "{text}"
            );
        }
        assert!(DecimalError::Exponent.to_string().contains("0.001"));
    }

    #[test]
    fn counts_take_the_noun_in_the_right_number() {
        assert_eq!(counted(0, "sample", "samples"), "0 samples");
        assert_eq!(counted(1, "sample", "samples"), "1 sample");
        assert_eq!(counted(2, "row", "rows"), "2 rows");
        assert_eq!(counted(1_000_000, "sample", "samples"), "1,000,000 samples");
        assert_eq!(days_phrase("1"), "1 day");
        assert_eq!(days_phrase("1.5"), "1.5 days");
        assert_eq!(days_phrase("28"), "28 days");
    }

    #[test]
    fn parses_exactly() {
        let cases: &[(&str, u32, Result<u64, DecimalError>)] = &[
            ("99.9", 6, Ok(99_900_000)),
            ("99.461", 6, Ok(99_461_000)),
            (" 99.999999 ", 6, Ok(99_999_999)),
            ("99.90000000", 6, Ok(99_900_000)),
            ("+7", 0, Ok(7)),
            (".5", 1, Ok(5)),
            ("5.", 1, Ok(50)),
            ("0", 3, Ok(0)),
            ("-0", 3, Ok(0)),
            ("007.25", 2, Ok(725)),
            ("", 2, Err(DecimalError::Empty)),
            ("   ", 2, Err(DecimalError::Empty)),
            (".", 2, Err(DecimalError::NotANumber)),
            ("abc", 2, Err(DecimalError::NotANumber)),
            ("1e3", 2, Err(DecimalError::Exponent)),
            ("1.2.3", 2, Err(DecimalError::NotANumber)),
            ("NaN", 2, Err(DecimalError::NotANumber)),
            ("inf", 2, Err(DecimalError::NotANumber)),
            (
                "1,5",
                2,
                Err(DecimalError::Comma("Use a point for decimals: 1.5".into())),
            ),
            ("1,5,5", 2, Err(DecimalError::NotANumber)),
            ("--1", 2, Err(DecimalError::NotANumber)),
            (
                "99.9999999",
                6,
                Err(DecimalError::TooManyDecimals { max_places: 6 }),
            ),
            ("-5", 2, Err(DecimalError::Negative)),
            ("1234567890123", 6, Err(DecimalError::TooLarge)),
        ];
        for (text, places, expected) in cases {
            assert_eq!(&parse_scaled(text, *places), expected, "input {text:?}");
        }
    }

    #[test]
    fn parses_counts() {
        let cases: &[(&str, Result<u64, DecimalError>)] = &[
            ("1000000", Ok(1_000_000)),
            ("1,000,000", Ok(1_000_000)),
            ("1_000_000", Ok(1_000_000)),
            ("1 000 000", Ok(1_000_000)),
            // One kind of separator: mixed ones may hide a decimal comma.
            ("1_000 000", Err(DecimalError::NotANumber)),
            ("1\u{a0}234,567", Err(DecimalError::NotANumber)),
            ("1,000 000", Err(DecimalError::NotANumber)),
            ("12,345", Ok(12_345)),
            ("999,999,999", Ok(999_999_999)),
            // Not groups of three: a decimal comma, Indian grouping, stray separators.
            ("1,5", Err(DecimalError::NotANumber)),
            ("1,,5", Err(DecimalError::NotANumber)),
            ("5,", Err(DecimalError::NotANumber)),
            ("1,00,000", Err(DecimalError::NotANumber)),
            ("1000,000", Err(DecimalError::NotANumber)),
            ("1,0000", Err(DecimalError::NotANumber)),
            ("0", Ok(0)),
            ("", Err(DecimalError::Empty)),
            (",100", Err(DecimalError::NotANumber)),
            ("1.5", Err(DecimalError::NotANumber)),
            ("-3", Err(DecimalError::Negative)),
            ("99999999999999999999", Err(DecimalError::TooLarge)),
            // Zero with a sign, as a decimal field reads it.
            ("-0", Ok(0)),
            ("+0", Ok(0)),
            ("--0", Err(DecimalError::NotANumber)),
            // The spaces other locales group with: no-break, narrow no-break and thin.
            ("1\u{a0}000\u{a0}000", Ok(1_000_000)),
            ("1\u{202f}000", Ok(1_000)),
            ("1\u{2009}000", Ok(1_000)),
            ("1\u{a0}00", Err(DecimalError::NotANumber)),
            ("1\u{3000}000", Err(DecimalError::NotANumber)),
        ];
        for (text, expected) in cases {
            assert_eq!(&parse_count(text), expected, "input {text:?}");
        }
    }

    #[test]
    fn formats_without_noise() {
        assert_eq!(format_scaled(99_900_000, 6), "99.9");
        assert_eq!(format_scaled(30_000_000, 6), "30");
        assert_eq!(format_scaled(5, 3), "0.005");
        assert_eq!(
            undo_note("Removed “a”", 0, "earlier removal", "earlier removals"),
            "Removed “a”. "
        );
        assert_eq!(
            undo_note("Removed “a”", 1, "earlier removal", "earlier removals"),
            "Removed “a” (1 earlier removal can be undone after it). "
        );
        assert_eq!(
            undo_note(
                "Removed alert 2",
                1_000,
                "earlier change",
                "earlier changes"
            ),
            "Removed alert 2 (1,000 earlier changes can be undone after it). "
        );
        assert_eq!(grouped("1000"), "1,000");
        assert_eq!(grouped("≈51667.25"), "≈51,667.25");
        assert_eq!(grouped("-1234567"), "-1,234,567");
        assert_eq!(grouped("462962.96"), "462,962.96");
        assert_eq!(grouped("999.12345"), "999.12345");
        assert_eq!(grouped("0.00012345"), "0.00012345");
        assert_eq!(grouped("under 0.01"), "under 0.01");
        assert_eq!(grouped(""), "");
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
    }
}
