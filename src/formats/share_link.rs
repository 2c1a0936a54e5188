//! Share links: a scenario file in the URL fragment, deflated and written as base64url.
//!
//! Links are written in the zlib format (a two-byte header, the deflate stream, and an Adler-32
//! of the JSON) followed by a CRC-32 of all those bytes (four bytes, big-endian), so a link
//! changed after it was made is refused as damaged instead of opening with other data: the CRC
//! catches every change of one character (at most 12 bits in a row), even one to deflate bits
//! that do not alter the JSON. Links made before that are raw deflate with no check, and still
//! open: a payload is read as the new format when its first byte is 0x78 (the header
//! miniz_oxide writes) with a valid header check and no preset dictionary; a raw deflate stream
//! from miniz_oxide never starts with 0x78, which would be a stored, non-final block (it stores
//! only data that does not compress, which JSON always does).
//!
//! The fragment never reaches a server. A link is untrusted: its length is capped before
//! decoding, base64url is decoded strictly (no padding, no other characters), inflating stops
//! at a fixed size (no decompression bombs), and the JSON goes through the same checks as an
//! imported file.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::scenario::{self, Problem, ScenarioFile};

/// The longest link payload accepted, in characters (browsers and chat tools cope with this).
pub const MAX_LINK_CHARS: usize = 64_000;
/// The largest inflated payload accepted, in bytes.
pub const MAX_INFLATED_BYTES: usize = 1_000_000;
/// The fragment prefix of a share link: `#/scenarios?link=<payload>`.
pub const FRAGMENT_PREFIX: &str = "#/scenarios?link=";

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    TooLong,
    NotBase64,
    NotDeflate,
    /// The data unpacks, but its check does not match: the link was changed after it was made.
    Changed,
    TooLarge,
    NotText,
    Invalid(Vec<Problem>),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str("the link holds no scenario (nothing follows link=)"),
            LinkError::TooLong => write!(f, "the link is longer than {MAX_LINK_CHARS} characters"),
            LinkError::NotBase64 => f.write_str("the link is damaged (not base64url)"),
            LinkError::NotDeflate => f.write_str("the link is damaged (its data does not unpack)"),
            LinkError::Changed => {
                f.write_str("the link is damaged (it was changed after it was made)")
            }
            LinkError::TooLarge => {
                f.write_str("the link unpacks to more data than Headroom accepts")
            }
            LinkError::NotText => f.write_str("the link's data is not text"),
            LinkError::Invalid(problems) => {
                // A link is not a file: what is wrong with the whole of it is said without "file".
                let list: Vec<String> = problems
                    .iter()
                    .take(5)
                    .map(|p| {
                        if p.at == "file" {
                            p.message.clone()
                        } else {
                            p.to_string()
                        }
                    })
                    .collect();
                write!(f, "the link's scenario is not valid: {}", list.join("; "))
            }
        }
    }
}

/// What a link of `file` carries that its sender may not mean to pass on: the incident log,
/// with its people. An empty text when there is none.
pub fn people_note(file: &ScenarioFile) -> String {
    let incidents: usize = file
        .scenarios
        .iter()
        .map(|s| s.inputs.incidents.incidents.len())
        .sum();
    match incidents {
        0 => String::new(),
        n => format!(
            " It holds the incident log ({}) with titles, commanders, responders and \
             timelines: anyone with the link can read them.",
            crate::calc::decimal::counted(n as u64, "incident", "incidents")
        ),
    }
}

/// What the Scenarios tab says of the work shown while the scenario `link_name` of a share link
/// is previewed, and of the copy saved from it (`copy`, the name it was saved under), if any.
pub fn preview_status(link_name: &str, copy: Option<&str>) -> String {
    // Names from a link: a text-direction control in one cannot reverse the sentence.
    let link_name = super::quoted(link_name);
    match copy.map(super::quoted) {
        None => format!("Showing {link_name} from a link (not saved)."),
        Some(copy) => format!(
            "Showing {link_name} from a link, a preview; a copy is saved as {copy} in the list \
             below. Back to my own work, above, returns to your inputs; open {copy} from there."
        ),
    }
}

/// What the preview's banner says once the link's scenario is saved as `name`: where the copy
/// is, that the page still shows the preview, and how to work on the copy (opening it asks
/// before it replaces unsaved work).
pub fn copy_saved_note(name: &str) -> String {
    let name = super::quoted(name);
    format!(
        "Saved as {name} in your scenarios. This is still the link's preview: Back to my own \
         work returns to your inputs, and from there you can open {name} in the Scenarios tab \
         (you are asked first if it would replace unsaved work)."
    )
}

/// The payload for a link to `file`.
pub fn encode(file: &ScenarioFile) -> String {
    let json = serde_json::to_string(file).unwrap_or_default();
    let mut packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    let check = crc32(&packed);
    packed.extend_from_slice(&check.to_be_bytes());
    URL_SAFE_NO_PAD.encode(packed)
}

/// The CRC-32 of `data` (the polynomial of zlib, PNG and Ethernet).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// Whether `data` starts with the zlib header [`encode`] writes (see the module's notes).
fn is_zlib(data: &[u8]) -> bool {
    match data {
        [cmf @ 0x78, flg, ..] => {
            (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0 && flg & 0x20 == 0
        }
        _ => false,
    }
}

/// Reads a payload made by [`encode`], with every check above.
pub fn decode(payload: &str) -> Result<ScenarioFile, LinkError> {
    if payload.is_empty() {
        return Err(LinkError::Empty);
    }
    if payload.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong);
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload.as_bytes())
        .map_err(|_| LinkError::NotBase64)?;
    let inflated = if is_zlib(&packed) {
        let (stream, check) = packed.split_at(packed.len().saturating_sub(4));
        if check != crc32(stream).to_be_bytes() {
            return Err(LinkError::Changed);
        }
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(stream, MAX_INFLATED_BYTES)
    } else {
        // A link made before links carried a check.
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED_BYTES)
    }
    .map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
        miniz_oxide::inflate::TINFLStatus::Adler32Mismatch => LinkError::Changed,
        _ => LinkError::NotDeflate,
    })?;
    let text = String::from_utf8(inflated).map_err(|_| LinkError::NotText)?;
    scenario::parse(&text).map_err(LinkError::Invalid)
}

/// The payload in a fragment such as `#/scenarios?link=...`, if it is a share link: `Some("")`
/// for a `link` parameter with nothing after it (`?link`, `?link=`), which [`decode`] refuses
/// with a message. Also read: the parameter's name in any letter case (`?LINK=`, as the tab's
/// name is read), the `?` and `=` percent-encoded (`%3F`, `%3D`, as some mail and chat programs
/// pass a link on), and `?link=` after another tab's name (`#/budget?link=...`). A payload is
/// base64url, so nothing else in it is ever percent-encoded.
pub fn payload_in_fragment(fragment: &str) -> Option<String> {
    let decoded = fragment
        .replace("%3F", "?")
        .replace("%3f", "?")
        .replace("%3D", "=")
        .replace("%3d", "=");
    let (path, query) = decoded.trim_start_matches('#').split_once('?')?;
    if path.contains(['#', '=']) {
        return None;
    }
    // `link=` among other parameters (a tracker's `utm_…=`), and without the punctuation a
    // sentence may leave after a pasted link: a payload is base64url, which has none of it.
    // The parameter's name is read in any letter case, as the tab's name is (`#/SCENARIOS?LINK=`);
    // without its `=` (`?link`) it is a link with nothing in it, which `decode` says.
    let payload = query.split('&').find_map(|p| {
        let (name, value) = p.split_once('=').unwrap_or((p, ""));
        name.eq_ignore_ascii_case("link").then_some(value)
    })?;
    Some(
        payload
            .trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '"', '\'', '!', '?'])
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_a_link_cannot_reverse_the_preview_s_sentences() {
        let name = "Quarterly plan\u{202E}";
        assert_eq!(
            preview_status(name, None),
            "Showing “Quarterly plan<U+202E>” from a link (not saved)."
        );
        assert!(!preview_status(name, Some(name)).contains('\u{202E}'));
        assert!(copy_saved_note(name).starts_with("Saved as “Quarterly plan<U+202E>” in your"));
    }
    use crate::formats::scenario::Scenario;
    use crate::inputs::{BudgetInputs, Workspace};

    fn file(name: &str) -> ScenarioFile {
        ScenarioFile::new(vec![Scenario {
            id: "s-1".into(),
            name: name.into(),
            created_ms: 1,
            updated_ms: 2,
            inputs: Workspace {
                budget: BudgetInputs {
                    target_percent: "99.99".into(),
                    ..BudgetInputs::default()
                },
                ..Workspace::default()
            },
        }])
    }

    #[test]
    fn round_trips_and_stays_short() {
        let original = file("What if 99.99?");
        let payload = encode(&original);
        // Every tab's default inputs ride along (Budget, Toil, the Alerts tab's table and example
        // queries, the Capacity settings); the bound leaves room for more.
        assert!(payload.len() < 1_400, "{} characters", payload.len());
        assert!(payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&payload), Ok(original));
        let fragment = format!("{FRAGMENT_PREFIX}{payload}");
        assert_eq!(payload_in_fragment(&fragment), Some(payload.clone()));
        assert_eq!(payload_in_fragment("#/budget"), None);
    }

    /// `#/SCENARIOS?LINK=...` was ignored without a word (the tab's name is read in any letter
    /// case, the parameter was not), and so was `#/scenarios?link` with no `=`, where an empty
    /// `link=` was said to hold no scenario.
    #[test]
    fn a_link_parameter_in_capitals_or_without_its_equals_sign_is_read() {
        let payload = encode(&file("shouted"));
        let cases: &[(String, Option<&str>)] = &[
            (format!("#/SCENARIOS?LINK={payload}"), Some(&payload)),
            (format!("#/scenarios?Link={payload}"), Some(&payload)),
            (format!("#/scenarios%3FLINK%3D{payload}"), Some(&payload)),
            // No payload: opened as an empty link, which says so (LinkError::Empty).
            ("#/scenarios?link".to_string(), Some("")),
            ("#/scenarios?LINK".to_string(), Some("")),
            ("#/scenarios?link=".to_string(), Some("")),
            ("#/scenarios?utm_source=x&link".to_string(), Some("")),
            // Other parameters are still not links.
            ("#/scenarios?linked".to_string(), None),
            ("#/scenarios?LINKED=x".to_string(), None),
        ];
        for (fragment, expected) in cases {
            assert_eq!(
                payload_in_fragment(fragment).as_deref(),
                *expected,
                "{fragment}"
            );
        }
        assert_eq!(
            decode(&payload_in_fragment("#/scenarios?link").unwrap_or_default()),
            Err(LinkError::Empty)
        );
    }

    #[test]
    fn links_passed_on_with_their_punctuation_encoded_or_another_tab_are_read() {
        let payload = encode(&file("passed on"));
        for fragment in [
            format!("#/scenarios%3Flink%3D{payload}"),
            format!("#/scenarios%3flink%3d{payload}"),
            format!("#/scenarios?link%3D{payload}"),
            format!("#/budget?link={payload}"),
            format!("#/?link={payload}"),
            format!("#/scenarios?utm_source=mail&link={payload}"),
            format!("#/scenarios?link={payload}&utm_source=chat"),
            format!("#/scenarios?link={payload})."),
        ] {
            assert_eq!(
                payload_in_fragment(&fragment),
                Some(payload.clone()),
                "{fragment}"
            );
        }
        for not_a_link in [
            "#/scenarios",
            "#/scenarios?",
            "#/scenarios?linked=x",
            "#/budget?target=99",
            "",
        ] {
            assert_eq!(payload_in_fragment(not_a_link), None, "{not_a_link}");
        }
    }

    #[test]
    fn hostile_links_are_refused_with_a_reason() {
        let valid = encode(&file("ok"));
        let cases: Vec<(String, &str)> = vec![
            ("".into(), "holds no scenario"),
            ("a".repeat(MAX_LINK_CHARS + 1), "longer than"),
            ("abc=".into(), "not base64url"),
            ("ab+/".into(), "not base64url"),
            ("<script>alert(1)</script>".into(), "not base64url"),
            (valid[..valid.len() / 2].to_string(), "damaged"),
            (
                URL_SAFE_NO_PAD.encode(b"plain text, not deflated"),
                "does not unpack",
            ),
            (
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
                    &[0xff, 0xfe, 0x00],
                    6,
                )),
                "not text",
            ),
            (
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
                    &vec![b' '; 2_000_000],
                    9,
                )),
                "more data",
            ),
            (
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
                    br#"{"version":"1"}"#,
                    6,
                )),
                "not valid",
            ),
            (
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{\"a\":", 6)),
                "the link's scenario is not valid: not valid JSON (line 1, column 5)",
            ),
        ];
        for (payload, expected) in cases {
            let error = decode(&payload).expect_err(&payload);
            assert!(
                error.to_string().contains(expected),
                "{payload:.40}: {error}"
            );
        }
    }

    #[test]
    fn no_byte_string_panics() {
        // A deterministic sweep of mutations of a valid payload; the fuzz-style property.
        let valid = encode(&file("ok")).into_bytes();
        for i in 0..valid.len() {
            for replacement in [b'A', b'-', b'_', b'z', b'0'] {
                let mut mutated = valid.clone();
                mutated[i] = replacement;
                let _ = decode(&String::from_utf8_lossy(&mutated));
            }
            let _ = decode(&String::from_utf8_lossy(&valid[..i]));
        }
    }

    #[test]
    fn the_link_check_is_the_standard_crc32() {
        // The check value of the CRC-32 catalogue, so other tools can verify a link.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    /// A link with a small capacity series, as a real link carries one.
    fn file_with_series() -> ScenarioFile {
        use crate::calc::capacity::series::{Clock, Sample, Series};
        let samples = (0..40)
            .map(|i| Sample {
                t_ms: i * 300_000,
                value: 16_406.0 + (i % 7) as f64,
            })
            .collect();
        let series = Series::new("cpu".into(), Clock::WallClock, samples)
            .unwrap()
            .0;
        let mut shared = file("with a series");
        shared
            .series
            .push(crate::formats::series_codec::to_text(&series));
        shared
    }

    /// What links were before they carried a check: raw deflate, base64url, nothing else.
    fn legacy_encode(file: &ScenarioFile) -> String {
        let json = serde_json::to_string(file).unwrap();
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
    }

    #[test]
    fn a_link_with_any_one_character_changed_is_damaged_not_altered_data() {
        // The breaker's link: one character changed in the middle opened as a preview with
        // other series values. Every position, every other base64url character.
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for original in [file("ok"), file_with_series()] {
            let payload = encode(&original);
            assert_eq!(decode(&payload).as_ref(), Ok(&original));
            for position in 0..payload.len() {
                for &replacement in ALPHABET {
                    let mut changed = payload.clone().into_bytes();
                    if changed[position] == replacement {
                        continue;
                    }
                    changed[position] = replacement;
                    let changed = String::from_utf8(changed).unwrap();
                    match decode(&changed) {
                        Err(error) => assert!(
                            error.to_string().starts_with("the link is damaged"),
                            "position {position} to {}: {error}",
                            replacement as char
                        ),
                        Ok(read) => panic!(
                            "position {position} of {} to {} opened, same data: {}",
                            payload.len(),
                            replacement as char,
                            read == original
                        ),
                    }
                }
            }
        }
    }

    #[test]
    fn links_shared_before_the_check_still_open() {
        // Names of many lengths shift everything the deflate stream holds; none of these old
        // links starts like the new format (see the module's notes).
        let mut originals: Vec<ScenarioFile> =
            (0..40).map(|n| file(&"x".repeat(n * 3 + 1))).collect();
        originals.push(file_with_series());
        for original in originals {
            let old = legacy_encode(&original);
            assert_eq!(decode(&old), Ok(original));
        }
        // And an old link cut short is still damaged.
        let old = legacy_encode(&file("old link"));
        assert!(decode(&old[..old.len() / 2])
            .unwrap_err()
            .to_string()
            .contains("damaged"));
    }

    #[test]
    fn a_link_with_incidents_says_it_carries_their_people() {
        let mut shared = file("plan");
        assert_eq!(people_note(&shared), "");
        shared.scenarios[0].inputs.incidents.incidents = vec![Default::default(); 2];
        assert_eq!(
            people_note(&shared),
            " It holds the incident log (2 incidents) with titles, commanders, responders and \
             timelines: anyone with the link can read them."
        );
    }

    #[test]
    fn a_copy_saved_from_a_preview_says_where_it_is_and_what_the_page_still_shows() {
        // Before the copy is saved, and after: the copy is in the person's list; the page is
        // still the link's preview, which their own work replaces only when they go back.
        assert_eq!(
            preview_status("Q1 plan", None),
            "Showing “Q1 plan” from a link (not saved)."
        );
        assert_eq!(
            preview_status("Q1 plan", Some("Q1 plan (2)")),
            "Showing “Q1 plan” from a link, a preview; a copy is saved as “Q1 plan (2)” in the \
             list below. Back to my own work, above, returns to your inputs; open “Q1 plan (2)” \
             from there."
        );
        assert_eq!(
            copy_saved_note("Q1 plan (2)"),
            "Saved as “Q1 plan (2)” in your scenarios. This is still the link's preview: Back to \
             my own work returns to your inputs, and from there you can open “Q1 plan (2)” in \
             the Scenarios tab (you are asked first if it would replace unsaved work)."
        );
    }
}
