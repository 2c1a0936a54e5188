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

/// `text` with its first letter in lower case, to go on in the middle of a sentence (after a
/// colon, or "because"); the rest, a tab's name say, is left as it is. ASCII only: the messages
/// this is for start with an English word, and Unicode's case tables would add kilobytes to
/// the page for them.
pub fn lower_first(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    text
}

/// FNV-1a, 64 bits: a fixed hash of bytes, the same in every build and window (a row's id made
/// from its content; a saved value named by the value it was based on).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::{fnv1a, lower_first};

    #[test]
    fn fnv1a_gives_the_published_values() {
        // The FNV reference test vectors (IETF draft-eastlake-fnv, FNV-1a 64).
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn only_the_first_letter_is_lowered() {
        assert_eq!(lower_first("The saved Budget tab"), "the saved Budget tab");
        assert_eq!(lower_first("É"), "É");
        assert_eq!(lower_first(""), "");
    }
}
